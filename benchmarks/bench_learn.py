"""Does the scorer learn from a team's coaches? Held-out agreement before and after ``interview-sim scoring learn``.

    python benchmarks/bench_learn.py                          # scoring/data/heldout.jsonl, two folds
    python benchmarks/bench_learn.py --data tests/data/coaching_dev.jsonl --data scoring/data/heldout.jsonl
    python benchmarks/bench_learn.py --embedder minilm        # the neighbour vote with the sentence model

The labelled turns (none of them among the classifier's shipped examples) are split in two folds, stratified by
label. For each fold: agreement (accuracy and Cohen's kappa with the labels) of the stock classifier on that fold;
then the *other* fold is written out as the coach Agreement page exports it (``id``, ``text``, ``previous``,
``label``), added to a fresh team example file with :func:`scoring.cli.learn_examples` (what ``scoring learn``
runs), and the same fold is classified again by a classifier that loads that team file. The turns a fold is
scored on are never in the team file it learned from.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring.classifier import CLASSIFIER_LABELS, QuestionClassifier, load_examples  # noqa: E402
from scoring.cli import learn_examples  # noqa: E402
from simulator.agreement import cohen_kappa  # noqa: E402


def folds(examples, k: int = 2):
    by_label = defaultdict(list)
    for example in examples:
        by_label[example.label].append(example)
    out = [[] for _ in range(k)]
    for label in sorted(by_label, key=lambda lab: lab.value):
        for i, example in enumerate(by_label[label]):
            out[i % k].append(example)
    return out


def agreement(clf: QuestionClassifier, examples) -> dict:
    verdicts = clf.classify_many([(e.text, e.previous) for e in examples])
    pairs = [(e.label.value, v.label.value) for e, v in zip(examples, verdicts)]
    kappa = cohen_kappa(pairs, order=[label.value for label in CLASSIFIER_LABELS])
    return {"n": len(pairs), "accuracy": sum(g == p for g, p in pairs) / len(pairs), "kappa": kappa.get("kappa")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", type=Path,
                        help="labelled JSON lines (id, text, previous, label); default scoring/data/heldout.jsonl")
    parser.add_argument("--embedder", choices=["hashing", "minilm"], default="hashing")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    paths = args.data or [ROOT / "scoring" / "data" / "heldout.jsonl"]
    examples = [e for path in paths for e in load_examples(path)]
    embedder = None
    if args.embedder == "minilm":
        from simulator.embeddings import get_embedder

        embedder = get_embedder("minilm")
    results = []
    parts = folds(examples)
    for i, test in enumerate(parts):
        train = [e for j, part in enumerate(parts) if j != i for e in part]
        before = agreement(QuestionClassifier(embedder=embedder, team_examples=False), test)
        with tempfile.TemporaryDirectory() as tmp:
            team = Path(tmp) / "team_examples.jsonl"
            lines = [json.dumps({"id": e.id, "text": e.text, "previous": e.previous, "label": e.label.value})
                     for e in train]
            added, _, problems = learn_examples(lines, team, language="en")
            after = agreement(QuestionClassifier(embedder=embedder, team_examples=team), test)
        results.append({"fold": i, "learned": added, "before": before, "after": after, "problems": problems})
        print(f"fold {i}: learned {added} coach-labelled turns; on the other {before['n']} turns: "
              f"accuracy {before['accuracy']:.3f} -> {after['accuracy']:.3f}, "
              f"kappa {before['kappa']:.3f} -> {after['kappa']:.3f}")
    n = sum(r["before"]["n"] for r in results)
    acc_b = sum(r["before"]["accuracy"] * r["before"]["n"] for r in results) / n
    acc_a = sum(r["after"]["accuracy"] * r["after"]["n"] for r in results) / n
    print(f"all folds ({n} turns, {', '.join(p.name for p in paths)}; embedder {args.embedder}): "
          f"accuracy {acc_b:.3f} before, {acc_a:.3f} after learning")
    if args.json:
        args.json.write_text(json.dumps({"folds": results, "accuracy_before": acc_b, "accuracy_after": acc_a},
                                        indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
