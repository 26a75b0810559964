"""The interface's message catalogue: extract the English source text, update the translations, check them.

    python scripts/i18n.py extract   # locales/messages.pot from the source; every locales/*/.../messages.po updated
    python scripts/i18n.py check     # exit 1, listing them, if any entry is untranslated or fuzzy in any language

Strings are found in ``_()``, ``N_()``, ``Nn_()`` and ``ngettext()`` calls in ``SOURCES``, plus the scorer's own English text
that the interface shows (``domain_messages``: the score formula and the reference lines). Translators edit the
.po files (Poedit or any editor); the app compiles them on first use (``simulator.i18n``).
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LOCALES = ROOT / "locales"
POT = LOCALES / "messages.pot"
# Interface language -> catalogue folder (Babel's locale identifiers).
CATALOGUES = {"nl": "nl", "ko": "ko", "zh": "zh_Hans"}
SOURCES = ["streamlit_app.py", "app_pages/*.py", "simulator/export.py", "simulator/i18n.py", "simulator/importing/*.py",
           "scoring/guide.py", "scoring/drills.py"]
KEYWORDS = {"_": None, "N_": None, "Nn_": (1, 2), "ngettext": (1, 2)}


def source_files() -> list[Path]:
    files: list[Path] = []
    for pattern in SOURCES:
        files += sorted(ROOT.glob(pattern))
    return files


def domain_messages() -> list[tuple[str, str]]:
    """(message, where) for the scorer's English text the interface shows as it is."""
    from scoring import metrics

    out = [(metrics.SCORE_FORMULA, "scoring/metrics.py:SCORE_FORMULA")]
    out += [(str(ref["label"]), f"scoring/metrics.py:REFERENCE_LINES[{name}]")
            for name, ref in metrics.REFERENCE_LINES.items() if ref.get("label")]
    return out


def template() -> Catalog:
    catalog = Catalog(project="interview-simulator", fuzzy=False,
                      creation_date=datetime(2026, 1, 1, tzinfo=timezone.utc))
    for path in source_files():
        rel = path.relative_to(ROOT).as_posix()
        for lineno, message, comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS,
                                                                       comment_tags=("i18n:",)):
            catalog.add(message, locations=[(rel, lineno)], auto_comments=comments)
    for message, where in domain_messages():
        catalog.add(message, locations=[(where, 0)])
    return catalog


def po_path(locale: str) -> Path:
    return LOCALES / locale / "LC_MESSAGES" / "messages.po"


def extract() -> None:
    pot = template()
    LOCALES.mkdir(exist_ok=True)
    with POT.open("wb") as f:
        write_po(f, pot, width=120, omit_header=False, sort_output=False)
    for lang, locale in CATALOGUES.items():
        path = po_path(locale)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=locale)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=locale, project="interview-simulator", fuzzy=False)
        # No fuzzy matching: a changed English text must be translated again, not guessed from a neighbour.
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as f:
            write_po(f, catalog, width=120, ignore_obsolete=True)
    print(f"{len(pot)} messages; catalogues: {', '.join(CATALOGUES.values())}")


def problems() -> dict[str, list[str]]:
    """{locale: [msgid, ...]} of entries missing, empty or fuzzy (in the source but not translated)."""
    wanted = {m.id for m in template() if m.id}
    out: dict[str, list[str]] = {}
    for locale in CATALOGUES.values():
        path = po_path(locale)
        if not path.exists():
            out[locale] = sorted(str(w) for w in wanted)
            continue
        with path.open("rb") as f:
            catalog = read_po(f, locale=locale)
        bad = []
        for msgid in wanted:
            message = catalog.get(msgid)
            strings = message.string if message is not None else None
            if isinstance(strings, (tuple, list)):
                ok = all(strings)
            else:
                ok = bool(strings)
            if message is None or not ok or message.fuzzy:
                bad.append(str(msgid))
        if bad:
            out[locale] = sorted(bad)
    return out


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "extract":
        extract()
        return 0
    if command == "check":
        found = problems()
        for locale, ids in found.items():
            print(f"{locale}: {len(ids)} untranslated")
            for msgid in ids:
                print(f"  {msgid[:100]!r}")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
