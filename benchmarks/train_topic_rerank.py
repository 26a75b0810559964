"""Train the candidate weights of :mod:`simulator.topic_rerank` on the development interviews.

Usage:
    python benchmarks/train_topic_rerank.py            # writes simulator/data/topic_rerank.json
    python benchmarks/train_topic_rerank.py --check    # fit and report (with leave-one-persona-out), write nothing

Each interview is run with the re-ranking off (the rules and the stay / move decision choose alone, as the features
are read). At every point where a question gets a topic (:func:`simulator.policy._reranked`), the candidates and
their features are recorded with what the interview file accepts there (its expected topics); questions whose file
expects any reply or an abstention are left out. A conditional logit is fitted by :func:`simulator.topic_rerank.fit`
(numpy).

Training data: ``tests/data/dev_interviews/*.yaml`` less the files whose header says they are held out, and
``benchmarks/data/realism``. The held-out development files are scored after training. The blind sets
(``benchmarks/data/*blind*``) are never read here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import bench_realism as br  # noqa: E402
from train_topic_choice import DEV, REALISM, held_out  # noqa: E402  (the same files, the same held-out ones)

L2 = 1.0  # regularisation, chosen on leave-one-persona-out agreement of the development files, before any blind set


def collect(engine, interviews, personas) -> list[dict]:
    """Per decision point: persona, candidate topics, feature rows, which are right, and the rules' choice."""
    from simulator import topic_rerank

    points: list[dict] = []
    for iv in interviews:
        session = engine.start(personas[iv.persona_id], seed=1)
        for q in iv.questions:
            topic_rerank.RECORD = []
            session.ask(q.text)
            recorded, topic_rerank.RECORD = topic_rerank.RECORD, None
            if not recorded or not isinstance(q.expect, list):
                continue
            topics, rows, context = recorded[-1]
            points.append({"persona": iv.persona_id, "topics": topics, "rows": rows,
                           "right": [t in q.expect for t in topics], "chosen_right": context["chosen"] in q.expect})
    return points


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fit and report only")
    parser.add_argument("--out", type=Path, default=None, help="where to write the weights")
    args = parser.parse_args(argv)
    # The features are read as the engine runs without the re-ranking (the stay / move model on, as in use).
    os.environ["INTERVIEW_SIM_TOPIC_RERANK"] = "off"
    os.environ.pop("INTERVIEW_SIM_TOPIC_CHOICE", None)

    import numpy as np

    from simulator import topic_rerank
    from simulator.engine import Engine

    engine = Engine()
    train_files = [p for p in sorted(DEV.glob("*.yaml")) if not held_out(p)]
    train: list[dict] = []
    for folder, files in ((DEV, train_files), (REALISM, sorted(REALISM.glob("*.yaml")))):
        interviews, personas = br.load_all(folder, None, "*.yaml")
        wanted = {p.name for p in files}
        train += collect(engine, [iv for iv in interviews if iv.path.name in wanted], personas)
    interviews, personas = br.load_all(DEV, None, "*.yaml")
    test = collect(engine, [iv for iv in interviews if held_out(iv.path)], personas)

    names = list(train[0]["rows"][0])

    def groups(points):
        return [(np.array([[row[n] for n in names] for row in p["rows"]], dtype=np.float64),
                 np.array(p["right"], dtype=np.float64)) for p in points]

    def agreement(reranker, points):
        """(model right, rules right, points)."""
        right = sum(p["right"][p["topics"].index(reranker.choose(p["topics"], p["rows"]))] for p in points)
        return right, sum(p["chosen_right"] for p in points), len(points)

    embedders = sorted({getattr(engine.embedder_for(p.language), "name", "") for p in personas.values()} - {""})
    weights = topic_rerank.fit(groups(train), l2=L2)
    reranker = topic_rerank.Reranker(names, weights.tolist(), embedders)
    for name, points in (("training", train), ("held-out development", test)):
        right, rules, n = agreement(reranker, points)
        print(f"{name:<22} questions {n:5}  on an expected topic: re-ranked {right} ({100 * right / max(1, n):.1f} %), "
              f"rules {rules} ({100 * rules / max(1, n):.1f} %)")
    if args.check:
        # Leave one persona out: weights that never saw the persona's interviews.
        total = rules_total = 0
        for persona in sorted({p["persona"] for p in train}):
            held = [p for p in train if p["persona"] == persona]
            fold = topic_rerank.Reranker(names, topic_rerank.fit(groups([p for p in train if p["persona"] != persona]),
                                                                 l2=L2).tolist())
            right, rules, n = agreement(fold, held)
            total, rules_total = total + right, rules_total + rules
            print(f"  leave out {persona:<32} re-ranked {right:4} rules {rules:4} of {n}")
        print(f"leave-one-persona-out: re-ranked {total}, rules {rules_total} of {len(train)}")
        return 0
    out = args.out or topic_rerank.MODEL_PATH
    out.write_text(json.dumps({
        "about": "candidate weights for simulator.topic_rerank; written by benchmarks/train_topic_rerank.py",
        "trained_on": [str(p.relative_to(ROOT)) for p in train_files] + [str(REALISM.relative_to(ROOT))],
        "points": len(train), "l2": L2, "embedders": embedders,
        "features": names, "weights": [round(float(w), 6) for w in weights],
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
