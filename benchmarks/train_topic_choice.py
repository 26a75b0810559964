"""Train the stay / move / abstain weights of :mod:`simulator.topic_choice` on the development interviews.

Usage:
    python benchmarks/train_topic_choice.py                 # writes simulator/data/topic_choice.json
    python benchmarks/train_topic_choice.py --check         # fit and report, write nothing

Each interview is run with the model off (the rules decide alone, as the features were read). At every point where
a topic is being talked about and the question is weighed (:func:`simulator.policy._learned_choice`), the features
are recorded with what the interview file accepts there: ``stay`` when the current topic is expected, ``move``
when the question's own best topic is, ``abstain`` for an off-topic question. Points where exactly one action is
right train a multinomial logistic regression (scikit-learn, at training time only; numpy reads the weights).

Training data: ``tests/data/dev_interviews/*.yaml`` less the files whose header says they are held out, and
``benchmarks/data/realism``. The held-out development files are scored after training (agreement of the model's
action with the file, against the rules' own). The blind sets (``benchmarks/data/*blind*``) are never read here.
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

DEV = ROOT / "tests" / "data" / "dev_interviews"
REALISM = ROOT / "benchmarks" / "data" / "realism"
C = 3.0  # inverse regularisation strength, chosen before any blind set was run


def held_out(path: Path) -> bool:
    head = path.read_text(encoding="utf-8").split("\npersona:", 1)[0].lower()
    return "held-out" in head or "held out" in head


def collect(engine, interviews, personas) -> list[tuple[dict, set[str], str]]:
    """(features, acceptable actions, the rules' action) at every decision point of every interview."""
    from simulator import topic_choice

    rows: list[tuple[dict, set[str]]] = []
    for iv in interviews:
        persona = personas[iv.persona_id]
        session = engine.start(persona, seed=1)
        for q in iv.questions:
            topic_choice.RECORD = []
            session.ask(q.text)
            points, topic_choice.RECORD = topic_choice.RECORD, None
            if not points or q.expect == "any":
                continue
            values, context = points[-1]
            if q.expect == "abstain":
                ok = {"abstain"}
            else:
                ok = set()
                if context["current"] in q.expect:
                    ok.add("stay")
                if values["_own_topic"] in q.expect:
                    ok.add("move")
                if values["_own_topic"] == context["current"]:
                    ok = {"stay"} if ok else set()
            rules = context["rules"]
            action = ("stay" if rules == context["current"] else "move" if rules == values["_own_topic"]
                      else "abstain" if rules is None else "other")
            rows.append((values, ok, action))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fit and report only")
    parser.add_argument("--out", type=Path, default=None, help="where to write the weights")
    args = parser.parse_args(argv)
    # The rules decide alone while the features are read (set here, not on import: importing this module for
    # held_out must not switch the model off for the importer).
    os.environ["INTERVIEW_SIM_TOPIC_CHOICE"] = "off"

    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from simulator import topic_choice
    from simulator.engine import Engine

    engine = Engine()
    train_files, test_files = [], []
    for path in sorted(DEV.glob("*.yaml")):
        (test_files if held_out(path) else train_files).append(path)
    train_rows: list[tuple[dict, set[str], str]] = []
    for folder, files in ((DEV, train_files), (REALISM, sorted(REALISM.glob("*.yaml")))):
        interviews, personas = br.load_all(folder, None, "*.yaml")
        wanted = {p.name for p in files}
        train_rows += collect(engine, [iv for iv in interviews if iv.path.name in wanted], personas)
    interviews, personas = br.load_all(DEV, None, "*.yaml")
    test_rows = collect(engine, [iv for iv in interviews if held_out(iv.path)], personas)

    names = sorted(k for k in train_rows[0][0] if not k.startswith("_"))
    actions = list(topic_choice.ACTIONS)
    X = np.array([[v[n] for n in names] for v, ok, _ in train_rows if len(ok) == 1])
    y = np.array([actions.index(next(iter(ok))) for v, ok, _ in train_rows if len(ok) == 1])
    model = LogisticRegression(C=C, max_iter=10000).fit(X, y)
    embedders = sorted({getattr(engine.embedder_for(p.language), "name", "") for p in personas.values()} - {""})
    chooser = topic_choice.TopicChoice(names, model.coef_.tolist(), model.intercept_.tolist(), actions, embedders)

    def agreement(rows, confident: float = 0.0):
        """(model right, rules right, points judged); under ``confident`` the model leaves the rules' action."""
        judged = [(v, ok, rules) for v, ok, rules in rows if ok]
        right = sum((chooser.decide(v, confident) or rules) in ok for v, ok, rules in judged)
        return right, sum(rules in ok for _, ok, rules in judged), len(judged)

    for name, rows in (("training", train_rows), ("held-out development", test_rows)):
        right, rules, n = agreement(rows)
        print(f"{name:<22} decision points {len(rows):5}  agreeing with the file: model {right}/{n} "
              f"({100 * right / max(1, n):.1f} %), rules {rules}/{n} ({100 * rules / max(1, n):.1f} %)")
    print(f"trained on {len(y)} points with one right action ({', '.join(f'{a} {int((y == i).sum())}' for i, a in enumerate(actions))})")
    if args.check:
        for confident in (0.5, 0.6, 0.7, 0.8, 0.9):  # the model overruling the rules only where this sure
            for name, rows in (("training", train_rows), ("held-out", test_rows)):
                right, _, n = agreement(rows, confident)
                print(confident, name, right, n)
        return 0
    out = args.out or topic_choice.MODEL_PATH
    out.write_text(json.dumps({
        "about": "stay / move / abstain weights for simulator.topic_choice; written by benchmarks/train_topic_choice.py",
        "trained_on": [str(p.relative_to(ROOT)) for p in train_files] + [str(REALISM.relative_to(ROOT))],
        "points": int(len(y)), "C": C,
        "features": names, "actions": actions, "embedders": embedders,
        "coef": [[round(float(c), 6) for c in row] for row in model.coef_],
        "intercept": [round(float(c), 6) for c in model.intercept_],
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
