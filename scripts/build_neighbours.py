"""Write the scorer's neighbour files (``scoring/data/neighbours*.jsonl``) from the team's labelled development turns.

Usage:
    python scripts/build_neighbours.py            # (re)writes the four files
    python scripts/build_neighbours.py --check    # exit 1 when a file is not what the development sets give

The development sets (``tests/data/coaching_dev*.jsonl``) are natural and spoken interviewer turns written and
labelled by the team in many voices, with the customer's words before them. The classifier reads them as
neighbours beside its prototypes (``scoring/data/examples*.jsonl``): a turn whose form says little is labelled
by the nearest labelled turns, and natural turns are nearer to what trainees type than prototypes are.

Left out, so that they still measure something:
- the held-out part of a set, as its first row's note says ("rows 001-160 are for tuning, rows 161+ held out");
- the sets the test suite checks the scorer on (:data:`CHECKED`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "data"
OUT = ROOT / "scoring" / "data"
CHECKED = {"coaching_dev.jsonl", "coaching_dev2.jsonl"}  # read by tests/test_scoring_coaching.py
LANGUAGES = ("en", "nl", "ko", "zh")
LABELS = {"open", "closed", "leading", "echo", "reflection", "statement"}
FIELDS = ("id", "lang", "text", "previous", "label", "flags")
_HELD_OUT = re.compile(r"rows\s+0*(\d+)\s*\+\s*held[- ]out", re.IGNORECASE)


def out_path(language: str) -> Path:
    return OUT / ("neighbours.jsonl" if language == "en" else f"neighbours_{language}.jsonl")


def held_out_from(rows: list[dict]) -> int | None:
    """The first held-out row number (1-based) the set's first note names, or None."""
    found = _HELD_OUT.search(str(rows[0].get("note") or "")) if rows else None
    return int(found.group(1)) if found else None


def neighbours() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {lang: [] for lang in LANGUAGES}
    for path in sorted(SOURCES.glob("coaching_dev*.jsonl")):
        if path.name in CHECKED:
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        first_held = held_out_from(rows)
        for number, row in enumerate(rows, start=1):
            if first_held is not None and number >= first_held:
                continue
            lang = row.get("lang") or "en"
            if lang not in out or row.get("label") not in LABELS or not str(row.get("text") or "").strip():
                continue
            item = {k: row[k] for k in FIELDS if row.get(k) not in (None, [], "")}
            item["lang"] = lang
            item["id"] = f"{path.stem}:{row.get('id') or number}"
            out[lang].append(item)
    return out


def render(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 on a difference")
    args = parser.parse_args(argv)
    stale = []
    for lang, rows in neighbours().items():
        path, text = out_path(lang), render(rows)
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(rows)} turns")
    if stale:
        print("out of date (run python scripts/build_neighbours.py): " + ", ".join(str(p) for p in stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
