"""Opening turns (issue 12): greeting, thanks and the persona's name before the first question.

Usage:
    python benchmarks/bench_openers.py [--verbose] [--data DIR]

Every line of ``benchmarks/data/openers/*.jsonl`` is asked as the first turn of a fresh session (the real models,
the authored backend). Printed per file: how many replies landed on an acceptable topic (or, for small talk, were
her greeting). See ``benchmarks/data/openers/README.md`` for which file is held out. ``--data
benchmarks/data/set_aside`` runs the questions that set something aside first ("Other than BasketRun, …").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT / "benchmarks" / "data" / "openers"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every turn with its reply")
    parser.add_argument("--data", type=Path, default=DATA, help="a folder of such .jsonl files (default: %(default)s)")
    args = parser.parse_args(argv)
    from simulator.engine import Engine
    from simulator.persona import load_persona

    engine = Engine()
    personas: dict[str, object] = {}
    for path in sorted(args.data.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        right = 0
        for row in rows:
            persona = personas.get(row["persona"]) or load_persona(ROOT / row["persona"])
            personas[row["persona"]] = persona
            session = engine.start(persona, seed=1)
            _, reply = session.ask(row["text"])
            expect = row["expect"]
            ok = (reply.move == "greeting" and reply.topic is None) if expect == "greeting" else reply.topic in expect
            right += ok
            if args.verbose:
                print(f"{'ok ' if ok else 'BAD'} {reply.move:<10} {str(reply.topic):<22} {row['text'][:70]}")
        print(f"{path.name}: {right} of {len(rows)} as expected ({right / max(1, len(rows)):.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
