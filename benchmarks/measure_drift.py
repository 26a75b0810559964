"""Measures the guard's drift thresholds: similarity of paraphrases vs off-topic replies, whole and per sentence.

Usage: python benchmarks/measure_drift.py [--embedder minilm|hashing]

Reads tests/data/drift_pairs.jsonl (content lines from the shipped personas with paraphrases,
summaries, off-topic and generic replies) and prints, per kind, the cosine similarity of reply and
content (whole reply) and of the least similar reply sentence to its best content sentence
("padded" = each paraphrase and summary plus one invented sentence), then how many of each kind the
thresholds in simulator/guards.py reject. The tables in that module's docstring come from here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

PAIRS = ROOT / "tests" / "data" / "drift_pairs.jsonl"
INVENTED = [
    "My husband and I love going to the beach every summer.",
    "I'm a foodie and I love trying new recipes.",
    "I'm happy to help you with your family's story.",
    "I also have a dog called Rex who loves long walks.",
    "We moved here from Spain when I was a child.",
    "I think it's important to stay positive in life.",
]


def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--embedder", default="minilm", choices=["minilm", "hashing"])
    args = parser.parse_args()

    import numpy as np

    from simulator.backends import ReplyRequest
    from simulator.embeddings import get_embedder
    from simulator.guards import ReplyGuard

    guard = ReplyGuard(get_embedder(args.embedder))

    def whole(content: str, reply: str) -> float:
        a, b = guard.embedder.encode([content, reply])
        return float(np.dot(a, b))

    def request(content: str) -> ReplyRequest:
        return ReplyRequest("Someone", "en", {}, "answer", content, 500)

    whole_scores: dict[str, list[float]] = {}
    rejected: dict[str, list[bool]] = {}
    for pair in load_pairs():
        kind, content, reply = pair["kind"], pair["content"], pair["reply"]
        whole_scores.setdefault(kind, []).append(whole(content, reply))
        rejected.setdefault(kind, []).append(guard.drift(request(content), reply) is not None)
        if kind in ("paraphrase", "summary"):
            for invented in INVENTED:
                rejected.setdefault("padded", []).append(guard.drift(request(content), f"{reply} {invented}") is not None)

    print(f"embedder {args.embedder}: drift {guard.drift_threshold:.2f}, per sentence {guard.sentence_threshold}")
    print(f"{'whole reply':<12} {'n':>4} {'min':>6} {'median':>7} {'max':>6}")
    for kind, scores in whole_scores.items():
        s = sorted(scores)
        print(f"{kind:<12} {len(s):>4} {s[0]:>6.2f} {s[len(s) // 2]:>7.2f} {s[-1]:>6.2f}")
    print(f"\n{'rejected':<12} by the guard's drift check (whole reply, then per sentence)")
    for kind, flags in rejected.items():
        print(f"{kind:<12} {sum(flags):>4} of {len(flags)}")


if __name__ == "__main__":
    main()
