"""The learned re-ranking of the candidate topics (simulator.topic_rerank) and how the policy uses it: weights
forced onto one feature show its effect; the rules' choice stands where the model is off, missing, trained on
another embedder, or the question is a bare follow-up; the fit learns a signal that tells the right candidate.
Hashing embedder and scripted labels."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from simulator import topic_rerank
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.topic_rerank import Reranker

from .conftest import ROOT, ScriptedClassifier

MARIA = ROOT / "personas" / "maria-grocery-lapsed.yaml"
STORY = "Tell me about the last time you ordered."
QUESTION = "How do you get to work in the morning?"


def forced(feature: str, *, strength: float = 20.0, embedders=("hashing",)) -> Reranker:
    """Weights that pick the candidate with ``feature`` set (1) whatever else it has."""
    shipped = Reranker.load()
    weights = [strength if name == feature else 0.0 for name in shipped.features]
    return Reranker(shipped.features, weights, list(embedders))


@pytest.fixture
def maria():
    return load_persona(MARIA)


@pytest.fixture(autouse=True)
def rules_stay_or_move(monkeypatch):
    """The stay / move model off: what the rules choose is what the re-ranking weighs."""
    monkeypatch.setenv("INTERVIEW_SIM_TOPIC_CHOICE", "off")


@pytest.fixture
def use_model(monkeypatch):
    def use(reranker):
        monkeypatch.setattr(topic_rerank, "model", lambda: reranker)
        monkeypatch.setenv("INTERVIEW_SIM_TOPIC_RERANK", "on")
    return use


def started(maria, label="open"):
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, label)).start(maria, seed=1)
    _, first = session.ask(STORY)
    assert first.topic is not None
    return session, first


def rules_reply(maria, monkeypatch, question, label="open"):
    monkeypatch.setenv("INTERVIEW_SIM_TOPIC_RERANK", "off")
    session, _ = started(maria, label)
    return session.ask(question)[1]


def test_the_current_topic_wins_when_its_weight_says_so(maria, use_model, monkeypatch):
    rules = rules_reply(maria, monkeypatch, QUESTION)
    session, first = started(maria)
    use_model(forced("current"))  # (from the second question on)
    assert rules.topic != first.topic  # the rules move it; the weights keep it on the story
    _, reply = session.ask(QUESTION)
    assert reply.topic == first.topic


def test_the_second_best_topic_wins_when_its_weight_says_so(maria, use_model):
    session, _ = started(maria, "closed")
    use_model(forced("rank_second"))
    second = session.index.scores(QUESTION)[1].topic
    _, reply = session.ask(QUESTION)
    assert reply.topic == second


def test_the_rules_choice_stands_when_off_missing_or_for_another_embedder(maria, use_model, monkeypatch):
    rules = rules_reply(maria, monkeypatch, QUESTION)
    for reranker, env in ((forced("current"), "off"), (forced("current", embedders=("minilm",)), "on"),
                          (None, "on")):
        monkeypatch.setenv("INTERVIEW_SIM_TOPIC_RERANK", "off")
        session, _ = started(maria)
        monkeypatch.setattr(topic_rerank, "model", lambda r=reranker: r)
        monkeypatch.setenv("INTERVIEW_SIM_TOPIC_RERANK", env)
        _, reply = session.ask(QUESTION)
        assert (reply.topic, reply.text) == (rules.topic, rules.text)


def test_a_bare_follow_up_keeps_the_rules_choice(maria, use_model, monkeypatch):
    rules = rules_reply(maria, monkeypatch, "And then?")
    session, _ = started(maria)
    use_model(forced("rank_second"))
    _, reply = session.ask("And then?")
    assert (reply.topic, reply.text) == (rules.topic, rules.text)


def test_every_candidate_is_recorded_with_every_feature_the_weights_name(maria, monkeypatch):
    monkeypatch.setattr(topic_rerank, "RECORD", [])
    session, first = started(maria)
    session.ask(QUESTION)
    topics, rows, context = topic_rerank.RECORD[-1]
    assert context["current"] == first.topic and context["chosen"] in topics
    assert first.topic in topics and len(topics) == len(set(topics)) == len(rows)
    assert sum(row["current"] for row in rows) == 1 and sum(row["chosen"] for row in rows) == 1
    own = [m.topic for m in session.index.scores(QUESTION)]
    assert topics[: topic_rerank.CANDIDATES] == own[: topic_rerank.CANDIDATES]
    shipped = Reranker.load()
    assert set(shipped.features) == set(rows[0])
    assert abs(shipped.probabilities(rows).sum() - 1.0) < 1e-9


def test_the_shipped_weights_are_for_the_shipped_embedders():
    shipped = Reranker.load()
    assert shipped.fits(type("E", (), {"name": "minilm"})()) and not shipped.fits(HashingEmbedder())


def test_fit_learns_the_signal_that_marks_the_right_candidate():
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(200):
        X = rng.normal(size=(4, 3))
        right = np.zeros(4)
        right[int(np.argmax(X[:, 1]))] = 1.0  # the second feature tells the right one
        groups.append((X, right))
    groups.append((rng.normal(size=(3, 3)), np.zeros(3)))  # none right: left out, no error
    w = topic_rerank.fit(groups)
    assert w[1] > 1.0 and abs(w[0]) < 0.5 * w[1] and abs(w[2]) < 0.5 * w[1]
    with pytest.raises(ValueError, match="no question with a right candidate"):
        topic_rerank.fit([(np.zeros((2, 3)), np.zeros(2))])


def test_bad_weights_are_refused_and_logged(tmp_path, monkeypatch, caplog):
    with pytest.raises(ValueError, match="expected 2 weights"):
        Reranker(["a", "b"], [1.0])
    with pytest.raises(KeyError, match="no value for feature"):
        Reranker(["a", "b"], [1.0, 1.0]).probabilities([{"a": 1.0}])
    broken = tmp_path / "topic_rerank.json"
    broken.write_text(json.dumps({"features": ["a"], "weights": [1.0, 2.0]}))
    monkeypatch.setattr(topic_rerank, "MODEL_PATH", broken)
    topic_rerank.model.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert topic_rerank.model() is None
        assert "topic rerank weights not used" in caplog.text
    finally:
        monkeypatch.undo()
        topic_rerank.model.cache_clear()



# Real models: the shipped weights on the development interviews held out of their training -------------------------


def test_the_shipped_weights_keep_more_held_out_replies_on_topic(real_engine, monkeypatch):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_realism as br
    from train_topic_rerank import held_out

    folder = ROOT / "tests" / "data" / "dev_interviews"
    interviews, personas = br.load_all(folder, None, "*.yaml")
    interviews = [iv for iv in interviews if held_out(iv.path)]
    assert len(interviews) >= 10

    def on_topic(setting):
        monkeypatch.setenv("INTERVIEW_SIM_TOPIC_RERANK", setting)
        return sum(br.run_interview(real_engine, personas[iv.persona_id], iv).rate(("topic",))[0]
                   for iv in interviews)

    assert on_topic("on") > on_topic("off")
