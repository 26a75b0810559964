"""The learned stay / move / abstain decision (simulator.topic_choice) and how the policy uses it: weights forced to
one action show each action's effect; the rules alone decide where the model is off, unsure, trained on another
embedder, or the question is a bare follow-up. Hashing embedder and scripted labels."""

from __future__ import annotations

import json
import logging

import pytest

from simulator import policy, topic_choice
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.topic_choice import ACTIONS, TopicChoice

from .conftest import ROOT, ScriptedClassifier

MARIA = ROOT / "personas" / "maria-grocery-lapsed.yaml"
STORY = "Tell me about the last time you ordered."


def forced(action: str, *, embedders=("hashing",), strength: float = 10.0) -> TopicChoice:
    """Weights that pick ``action`` with probability ~1 whatever the question."""
    names = ["same"]
    intercept = [strength if a == action else 0.0 for a in ACTIONS]
    return TopicChoice(names, [[0.0] for _ in ACTIONS], intercept, list(ACTIONS), list(embedders))


@pytest.fixture
def maria():
    return load_persona(MARIA)


@pytest.fixture
def use_model(monkeypatch):
    def use(chooser):
        monkeypatch.setattr(topic_choice, "model", lambda: chooser)
        monkeypatch.setenv("INTERVIEW_SIM_TOPIC_CHOICE", "on")
    return use


def rules_reply(maria, monkeypatch, question, label="open"):
    """The reply the rules alone give ``question`` after the opening story."""
    monkeypatch.setenv("INTERVIEW_SIM_TOPIC_CHOICE", "off")
    session, _ = started(maria, label)
    return session.ask(question)[1]


def started(maria, label="open"):
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, label)).start(maria, seed=1)
    _, first = session.ask(STORY)
    assert first.topic is not None
    return session, first


@pytest.mark.parametrize("action, question", [
    ("stay", "How do you get to work in the morning?"),  # the model keeps it on the story being told
    ("abstain", "And then what?"),  # a bare follow-up is the rules', which keep it there
])
def test_the_question_stays_on_the_topic_being_told(maria, use_model, action, question):
    use_model(forced(action))
    session, first = started(maria)
    _, reply = session.ask(question)
    assert reply.topic == first.topic


def test_move_takes_the_questions_own_best_topic(maria, use_model):
    use_model(forced("move"))
    session, first = started(maria)
    question = "How do you get to work in the morning?"
    own = session.index.scores(question)[0].topic
    assert own != first.topic
    _, reply = session.ask(question)
    assert reply.topic == own


@pytest.mark.parametrize("label", ["open", "closed"])
def test_abstain_declines_a_question_the_rules_placed(maria, use_model, monkeypatch, label):
    question = "How do you get to work on your scooter in the morning?"
    rules = rules_reply(maria, monkeypatch, question, label)
    assert rules.topic is not None  # the rules place it (on her working week)
    use_model(forced("abstain"))
    session, _ = started(maria, label)
    _, reply = session.ask(question)
    assert reply.topic is None and reply.move in {"no_experience", "clarify"}


def test_the_rules_decide_alone_when_the_model_is_off_or_trained_on_another_embedder(maria, use_model, monkeypatch):
    question = "How do you get to work in the morning?"
    rules = rules_reply(maria, monkeypatch, question)
    for chooser, env in ((forced("stay"), "off"), (forced("stay", embedders=("minilm",)), "on"),
                         (None, "on")):
        monkeypatch.setattr(topic_choice, "model", lambda c=chooser: c)
        monkeypatch.setenv("INTERVIEW_SIM_TOPIC_CHOICE", env)
        session, _ = started(maria)
        _, reply = session.ask(question)
        assert (reply.topic, reply.text) == (rules.topic, rules.text)


def test_an_unsure_model_leaves_the_rules_choice(maria, use_model, monkeypatch):
    question = "How do you get to work in the morning?"
    rules = rules_reply(maria, monkeypatch, question)
    use_model(forced("stay", strength=0.5))  # p(stay) ~ 0.45: under the confidence needed
    session, _ = started(maria)
    _, reply = session.ask(question)
    assert reply.topic == rules.topic


def test_decision_points_are_recorded_with_every_feature_the_weights_name(maria, monkeypatch):
    monkeypatch.setattr(topic_choice, "RECORD", [])
    session, first = started(maria)
    session.ask("How do you get to work in the morning?")
    values, context = topic_choice.RECORD[-1]
    assert context["current"] == first.topic
    shipped = topic_choice.TopicChoice.load()
    assert set(shipped.features) == {k for k in values if not k.startswith("_")}
    assert abs(sum(shipped.probabilities(values).values()) - 1.0) < 1e-9


def test_the_shipped_weights_are_for_the_shipped_embedders():
    shipped = topic_choice.TopicChoice.load()
    assert shipped.fits(type("E", (), {"name": "minilm"})()) and not shipped.fits(HashingEmbedder())
    assert shipped.actions == list(ACTIONS)


def test_bad_weights_are_refused_with_their_shapes(tmp_path, monkeypatch, caplog):
    with pytest.raises(ValueError, match="expected 3 x 2 coefficients"):
        TopicChoice(["a", "b"], [[0.0]] * 3, [0.0] * 3)
    broken = tmp_path / "topic_choice.json"
    broken.write_text(json.dumps({"features": ["a"], "coef": [[1.0]], "intercept": [0.0]}))
    monkeypatch.setattr(topic_choice, "MODEL_PATH", broken)
    topic_choice.model.cache_clear()
    try:
        with caplog.at_level(logging.WARNING):
            assert topic_choice.model() is None
        assert "topic choice weights not used" in caplog.text
    finally:
        monkeypatch.undo()
        topic_choice.model.cache_clear()


def test_the_model_declines_only_what_names_something_not_hers(maria, use_model):
    use_model(forced("abstain"))
    session, first = started(maria, "closed")
    # Her own words asked back: nothing in it is outside her life, so it is answered whatever the model says.
    own_words = first.text.split(".")[0].strip() + "?"
    _, reply = session.ask(own_words)
    assert reply.topic is not None and reply.move not in {"no_experience", "clarify"}


def test_the_model_does_not_decline_a_leading_question(maria, use_model, monkeypatch):
    # A verdict on what she tells ("livid" is not her word) is the interviewer's: the rules decide whether it is hers.
    question = "You must have been absolutely livid at work that morning, surely?"
    rules = rules_reply(maria, monkeypatch, question, "leading")
    assert rules.topic is not None
    use_model(forced("abstain"))
    session, _ = started(maria, "leading")
    _, reply = session.ask(question)
    assert reply.topic == rules.topic and reply.move == "leading"


# Real models: the shipped weights on development interviews they were trained with --------------------------------


@pytest.mark.parametrize("name", ["harold_r8.yaml", "maria_r8.yaml"])
def test_the_shipped_weights_keep_more_replies_on_topic_than_the_rules_alone(real_engine, monkeypatch, name):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_realism as br

    interviews, personas = br.load_all(ROOT / "tests" / "data" / "dev_interviews", None, name)
    persona = personas[interviews[0].persona_id]

    monkeypatch.setenv("INTERVIEW_SIM_TOPIC_RERANK", "off")  # (this model alone: see test_topic_rerank.py)

    def on_topic(setting):
        monkeypatch.setenv("INTERVIEW_SIM_TOPIC_CHOICE", setting)
        return br.run_interview(real_engine, persona, interviews[0]).rate(("topic", "abstain"))[0]

    assert on_topic("on") > on_topic("off")


def test_stay_gives_way_to_a_question_whose_own_topic_is_far_ahead(maria, use_model):
    # "How do you manage the household money?" asked while she talks of family meals: its own topic scores over
    # STAY_OVERRULED and far ahead of the current one, so a "stay" would answer another question.
    use_model(forced("stay"))
    session, _ = started(maria)
    session.ask("Tell me about dinner at your house.")
    current = session.state.current_topic
    question = "How do you manage the household money?"
    scores = {m.topic: m.score for m in session.index.scores(question)}
    assert current != "household_budget"
    assert scores["household_budget"] >= policy.STAY_OVERRULED
    assert scores["household_budget"] - scores.get(current, 0.0) >= policy.STAY_MARGIN
    _, reply = session.ask(question)
    assert reply.topic == "household_budget"
