"""The team's natural development turns as the scorer's neighbours (scripts/build_neighbours.py,
scoring/data/neighbours*.jsonl): built from the development sets less their held-out parts and the sets the tests
check, kept in step with them, read beside the shipped prototypes only, voting where the form says little, and never
judged by leave-one-out. Hashing embedder."""

from __future__ import annotations

import json
import sys

import pytest

from scoring.classifier import QuestionClassifier, examples_path, load_examples
from simulator.embeddings import HashingEmbedder

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_neighbours  # noqa: E402


def test_the_shipped_neighbour_files_are_what_the_development_sets_give():
    assert build_neighbours.main(["--check"]) == 0


def test_held_out_rows_and_the_checked_sets_are_never_neighbours():
    texts = {lang: {e.text for e in load_examples(examples_path(lang, "neighbours"))} for lang in ("en", "nl", "ko", "zh")}
    dev18 = [json.loads(line) for line in (ROOT / "tests" / "data" / "coaching_dev18.jsonl").read_text().splitlines()]
    assert build_neighbours.held_out_from(dev18) == 161
    tuning = {r["text"] for r in dev18[:160]}
    held = {r["text"] for r in dev18[160:]} - tuning
    assert held and not held & texts["en"]
    assert tuning <= texts["en"]
    # A turn of a set the tests check (and of no other set) is no neighbour.
    def texts_of(paths):
        return {json.loads(x)["text"] for p in paths for x in p.read_text().splitlines() if x.strip()}
    sets = sorted((ROOT / "tests" / "data").glob("coaching_dev*.jsonl"))
    checked = texts_of(p for p in sets if p.name in build_neighbours.CHECKED)
    elsewhere = texts_of(p for p in sets if p.name not in build_neighbours.CHECKED)
    assert checked - elsewhere and not (checked - elsewhere) & texts["en"]
    for lang, found in texts.items():
        assert found, lang
        assert all(e.lang == lang for e in load_examples(examples_path(lang, "neighbours")))


def test_the_neighbours_come_with_the_shipped_examples_only():
    shipped = len(load_examples(examples_path("en")))
    neighbours = len(load_examples(examples_path("en", "neighbours")))
    default = QuestionClassifier(embedder=HashingEmbedder(), team_examples=False)
    assert len(default._load()[0]) == shipped + neighbours
    given = QuestionClassifier(embedder=HashingEmbedder(), examples=examples_path("en"), team_examples=False)
    assert len(given._load()[0]) == shipped
    # Leave-one-out judges the prototypes, not the neighbours.
    assert len(default.leave_one_out()) == shipped


@pytest.fixture
def kettle(tmp_path):
    probe = "so the kettle and the toaster in the mornings then"
    texts = ["the kettle and the toaster in the mornings then", "so the kettle and the toaster in the morning",
             "the kettle and toaster in the mornings, then", "so the kettle in the mornings then",
             "kettle and toaster in the mornings then"]

    def classify(label: str | None) -> str:
        clf = QuestionClassifier(embedder=HashingEmbedder(), team_examples=False)
        if label is None:
            clf._neighbours_source = None
        else:
            path = tmp_path / f"neighbours_{label}.jsonl"
            path.write_text("".join(json.dumps({"id": f"n{i}", "lang": "en", "text": t, "label": label}) + "\n"
                                    for i, t in enumerate(texts)))
            clf._neighbours_source = path
        return clf.classify(probe).label.value
    return classify


def test_near_neighbours_decide_a_turn_whose_form_says_little(kettle):
    assert kettle(None) == "statement"
    for label in ("open", "closed", "leading"):
        assert kettle(label) == label
