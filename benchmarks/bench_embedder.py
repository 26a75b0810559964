"""The English embedder in numpy against the same model on torch (sentence-transformers): same vectors, cost.

Usage:
    python benchmarks/bench_embedder.py                  # vectors compared, CPU and wall per sentence
    python benchmarks/bench_embedder.py --realism numpy  # bench_realism.py (English) with the numpy embedder
    python benchmarks/bench_embedder.py --realism torch  # ... with sentence-transformers on torch, as before

Every text the engine embeds (the English personas' titles, examples and lines, the classifier's prototypes and
the 40-turn script of ``bench_engine.py`` asked of every English persona) is embedded by both; printed: the
cosine between the two vectors of each text (min, mean), and how often the nearest persona text of each
question is the same one. Then single-sentence CPU time (``time.process_time``, every thread of the process)
and wall time, interleaved so both see the same machine: numpy, torch with 1 thread, torch with 2 threads.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ["INTERVIEW_SIM_CACHE_DIR"] = ""  # every text through the embedder, none from the disk cache

import numpy as np  # noqa: E402

from simulator.embeddings import SentenceTransformersMiniLM  # noqa: E402


class TorchMiniLM(SentenceTransformersMiniLM):
    """all-MiniLM-L6-v2 through sentence-transformers on torch: the embedder as it was before numpy."""

    def __init__(self, threads: int | None = None) -> None:
        import torch

        super().__init__(threads=threads)
        self.torch = torch


class Recorder:
    """Wraps an embedder and keeps every text it is asked to embed, in order, once."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name, self.dim, self.match_threshold = inner.name, inner.dim, inner.match_threshold
        self.languages = inner.languages
        self.texts: dict[str, None] = {}
        self.questions: dict[str, None] = {}
        self.asking = False

    def encode(self, texts):
        for t in texts:
            self.texts.setdefault(t or "")
            if self.asking:
                self.questions.setdefault(t or "")
        return self.inner.encode(texts)


def collect_texts(embedder) -> tuple[list[str], list[str]]:
    from bench_engine import SCRIPT_EN

    from simulator.engine import Engine
    from simulator.persona import load_personas

    recorder = Recorder(embedder)
    engine = Engine(embedder=recorder)
    personas = [p for p in load_personas().personas.values() if p.language.split("-")[0] == "en"]
    for persona in personas:
        engine.index_for(persona)
    recorder.asking = True
    for persona in personas:
        session = engine.start(persona, seed=1)
        for line in SCRIPT_EN:
            session.ask(line)
    questions = list(recorder.questions)
    return [t for t in recorder.texts if t not in recorder.questions], questions


def timed(fn, text: str) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn([text])
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def compare() -> None:
    from simulator.embeddings import MiniLMEmbedder

    fast = MiniLMEmbedder()
    corpus, questions = collect_texts(fast)
    print(f"texts: {len(corpus)} persona/classifier texts, {len(questions)} texts embedded while answering")
    reference = TorchMiniLM()
    everything = corpus + questions
    a, b = fast.encode(everything), reference.encode(everything)
    cos = (a * b).sum(axis=1)
    print(f"cosine numpy vs torch fp32: min {cos.min():.6f}  mean {cos.mean():.6f}  "
          f"(texts below 0.99: {int((cos < 0.99).sum())})")
    qa, qb = fast.encode(questions), reference.encode(questions)
    ca, cb = fast.encode(corpus), reference.encode(corpus)
    same = (np.argmax(qa @ ca.T, axis=1) == np.argmax(qb @ cb.T, axis=1)).mean()
    print(f"nearest persona/classifier text of each question: the same for {same:.1%}")

    torch = reference.torch
    runs: dict[str, list[tuple[float, float]]] = {"numpy": [], "torch 1 thread": [], "torch 2 threads": []}
    for n in range(30):
        text = f"Walk me through the last time you did that, number {n}, and what happened next."
        runs["numpy"].append(timed(MiniLMEmbedder.encode.__get__(fast), text))
        torch.set_num_threads(1)
        runs["torch 1 thread"].append(timed(reference._model.encode, text))
        torch.set_num_threads(2)
        runs["torch 2 threads"].append(timed(reference._model.encode, text + " "))
    print("one new sentence (16 tokens), median of 30 after 3 warm-up runs, same machine, interleaved:")
    for name, values in runs.items():
        walls, cpus = [w for w, _ in values[3:]], [c for _, c in values[3:]]
        print(f"  {name:16s} wall {statistics.median(walls):6.1f} ms   CPU {statistics.median(cpus):6.1f} ms   "
              f"(CPU p95 {sorted(cpus)[int(0.95 * (len(cpus) - 1))]:.1f})")


def realism(which: str) -> None:
    import bench_realism

    from simulator import embeddings

    embeddings._DEFAULT = TorchMiniLM(threads=2) if which == "torch" else embeddings.MiniLMEmbedder()
    sys.argv = ["bench_realism.py", "--language", "en", "--json"]
    bench_realism.main()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--realism", choices=("numpy", "torch"), help="run bench_realism.py (English) with it")
    args = parser.parse_args()
    if args.realism:
        realism(args.realism)
    else:
        compare()


if __name__ == "__main__":
    main()
