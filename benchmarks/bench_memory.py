"""What each part of an English-only server costs in resident memory, step by step, in one fresh process.

Usage:
    python benchmarks/bench_memory.py                 # the server's parts, as the app loads them now
    python benchmarks/bench_memory.py --before        # the same, with MiniLM through sentence-transformers on torch
    python benchmarks/bench_memory.py --sessions 200  # then N in-process interviews of 8 questions each

Each line is the RSS (``/proc/self/status``, VmRSS) after a step and what the step added. The steps are those of
``python -m app_pages.server``: Streamlit and the app's modules, spaCy's English pipeline, the English embedder,
the engine (the classifier's prototypes embedded), the English personas' topic indexes, then interviews. The
real server (pages, websockets, the store) is measured by ``bench_load.py --sessions 200 --english-only``.
MALLOC_ARENA_MAX is reported (scripts/start.sh sets 2); set it in the environment to compare.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

QUESTIONS = [
    "Tell me about the last time you did this.",
    "What happened after that?",
    "How did you feel about it?",
    "Do you usually do it on your own?",
    "Walk me through a typical week.",
    "What was the hardest part?",
    "Why was that important to you?",
    "What would you change about it?",
]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Steps:
    def __init__(self) -> None:
        self.last = rss_mb()
        self.rows: list[tuple[str, float, float, float]] = []
        print(f"{'step':58s} {'RSS MB':>7s} {'added':>7s} {'seconds':>8s}")
        self.started = time.perf_counter()

    def __call__(self, name: str) -> None:
        now, seconds = rss_mb(), time.perf_counter() - self.started
        print(f"{name:58s} {now:7.0f} {now - self.last:+7.0f} {seconds:8.1f}", flush=True)
        self.rows.append((name, now, now - self.last, seconds))
        self.last, self.started = now, time.perf_counter()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", action="store_true",
                        help="MiniLM through sentence-transformers on torch (2 threads), as before the numpy embedder")
    parser.add_argument("--sessions", type=int, default=0, help="then this many in-process interviews")
    args = parser.parse_args()
    print(f"MALLOC_ARENA_MAX={os.environ.get('MALLOC_ARENA_MAX', '(glibc default)')}")
    step = Steps()
    step("python")
    import numpy  # noqa: F401

    step("numpy")
    import streamlit  # noqa: F401
    import streamlit.web.bootstrap  # noqa: F401

    step("streamlit")
    import pandas  # noqa: F401

    step("pandas (the pages' tables)")
    from scoring import classifier as _classifier  # noqa: F401
    from simulator import engine as _engine  # noqa: F401
    from simulator import store as _store  # noqa: F401

    step("the app's modules (simulator, scoring, store)")
    embedder = None
    if args.before:
        import torch  # noqa: F401

        step("torch")
        import transformers  # noqa: F401

        step("transformers")
        import sentence_transformers  # noqa: F401

        step("sentence_transformers (+ scipy, sklearn, PIL ...)")
    from simulator import nlp

    nlp.load()
    step("spaCy + en_core_web_sm (no ner" + (")" if args.before else "; torch refused to thinc)"))
    if args.before:
        from bench_embedder import TorchMiniLM

        embedder = TorchMiniLM(threads=2)
        step("MiniLM, sentence-transformers on torch")
    else:
        from simulator.embeddings import MiniLMEmbedder

        embedder = MiniLMEmbedder()
        step("MiniLM in numpy (weights, tokenizer)")
    embedder.encode(["How did that start?"])
    step("MiniLM first sentence")
    from simulator.engine import Engine

    engine = Engine(embedder=embedder)
    step("engine: English classifier, prototypes embedded")
    from simulator.persona import load_personas

    personas = [p for p in load_personas().personas.values() if p.language.split("-")[0] == "en"]
    for persona in personas:
        engine.index_for(persona)
    step(f"topic indexes of {len(personas)} English personas")
    for n in range(args.sessions):
        session = engine.start(personas[n % len(personas)], seed=n)
        for q in QUESTIONS:
            session.ask(f"{q} ({n})")  # a new text each time: nothing from the caches
        del session
        if (n + 1) % max(1, args.sessions // 4) == 0:
            gc.collect()
            step(f"after {n + 1} interviews ({len(QUESTIONS)} questions each)")
    print(f"torch imported: {'torch' in sys.modules}; total RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
