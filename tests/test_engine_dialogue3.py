"""Dialogue, third round: on a topic with nothing left to say, a question naming an untouched topic gets that
topic, while a silence, a "what else?" or a question pointing back gets a recap (an interviewer who waits
expects more of the same story); and a pointing question that names something of another topic ("And the price
of it all?") is about that topic. Real engine and personas, hashing embedder,
scripted labels."""

from __future__ import annotations

import random

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.policy import FOLLOW_UP_MARGIN, State, _Chooser, _exhausted, _understand
from simulator.retrieval import TopicIndex, TopicMatch

from .conftest import ROOT, ScriptedClassifier
from .test_engine_understanding2 import _FixedScores

DEV = ROOT / "personas" / "dev-grocery-promoter.yaml"
PRIYA = ROOT / "personas" / "priya-invoicing-buyer.yaml"
SAM = ROOT / "personas" / "sam-fitness-noncustomer.yaml"


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


def _exhaust(session, opening):
    """The opening question, a silence (the deep layer) and a follow-up pointing back (a recap)."""
    first = session.ask(opening)[1]
    deep = session.ask(None)[1]
    recap = session.ask("What was that like?")[1]
    return first, deep, recap


@pytest.mark.parametrize(("path", "opening", "topic"), [
    (DEV, "Tell me about your knee.", "knee_stairs"),
    (SAM, "Tell me about your work at the theatre.", "work_shifts"),
])
def test_a_silence_on_an_exhausted_topic_stays_on_it(path, opening, topic):
    persona = load_persona(path)
    session = engine().start(persona, seed=1)
    first, deep, recap = _exhaust(session, opening)
    assert first.topic == deep.topic == topic and deep.layer == "deep"
    # A question pointing back at what was said gets it back in short, on the same topic.
    assert recap.topic == topic and recap.move == "recap"
    _, reply = session.ask(None)
    assert reply.topic == topic and reply.move == "recap" and not reply.insights


@pytest.fixture(scope="module")
def dev():
    return load_persona(DEV)


def _exhausted_dev_session(dev):
    session = engine().start(dev, seed=1)
    _exhaust(session, "Tell me about your knee.")
    assert session.state.level("knee_stairs") == 3
    return session


@pytest.mark.parametrize("text", [
    "What else?", "Anything else?",  # names nothing
    "And how did that feel?",  # points back
    # Names nothing of its own ("sit" is a verb of any story), but she said it: it is about what was said.
    "How long did you sit?",
])
def test_a_question_on_an_exhausted_topic_that_names_no_other_gets_a_recap(dev, text):
    session = _exhausted_dev_session(dev)
    state = session.state
    plan = _exhausted(dev, session.index, state, _Chooser(random.Random(1), state), "knee_stairs", text)
    assert plan.topic == "knee_stairs" and plan.move == "recap"


def test_a_story_held_back_is_no_reason_to_change_the_subject(dev):
    # Surface and detail said, the deep layer still to come (held back for want of rapport): "what else?"
    # gets no new topic.
    session = engine().start(dev, seed=1)
    session.ask("Tell me about your knee.")
    state = session.state
    assert state.level("knee_stairs") == 2
    plan = _exhausted(dev, session.index, state, _Chooser(random.Random(1), state), "knee_stairs", "What else?")
    assert plan.topic == "knee_stairs"


def test_a_question_naming_an_untouched_topic_is_about_that_topic_once_the_current_one_is_told():
    persona = load_persona(PRIYA)
    session = engine().start(persona, seed=1)
    first, deep, recap = _exhaust(session, "Tell me about Joanne, your bookkeeper.")
    assert first.topic == "bookkeeper" and recap.move == "recap"
    state = session.state
    plan = _exhausted(persona, session.index, state, _Chooser(random.Random(1), state), "bookkeeper",
                      "How do the other partners see all this?")
    assert plan.topic == "partners" and plan.move == "answer"
    # Asked as a yes/no question, the short answer of that topic.
    plan = _exhausted(persona, session.index, state, _Chooser(random.Random(1), state), "bookkeeper",
                      "Do the other partners see all this the same way?", closed=True)
    assert plan.topic == "partners" and plan.move == "closed"


# A pointing question that names something of another topic ------------------------------------------------


def _m(topic, score):
    return TopicMatch(topic, score, score, 0.0, False, score, 0.4)


@pytest.fixture(scope="module")
def dev_index(dev):
    return TopicIndex(dev, HashingEmbedder())


def _on(current):
    state = State()
    state.current_topic = current
    return state


def _fixed(dev_index):
    t = dev_index.threshold
    # Another topic over the threshold, clearly ahead but by less than twice the follow-up margin (where a
    # pointing question otherwise stays), the current one under it.
    return _FixedScores(dev_index, [_m("money", t + 0.05), _m("substitutions", t + 0.05 - 1.5 * FOLLOW_UP_MARGIN)])


def test_a_pointing_question_naming_another_topics_thing_goes_there(dev_index):
    topic, _ = _understand(_fixed(dev_index), _on("substitutions"), "And the price of it all?", "en")
    assert topic == "money"


@pytest.mark.parametrize("text", [
    "And the stock cubes, why those?",  # its thing is the current topic's
    "Do you ever skip it?",  # names an act, no thing
    "What was that like?",  # a follow-up
])
def test_a_pointing_question_about_the_current_topic_stays(dev_index, text):
    topic, _ = _understand(_fixed(dev_index), _on("substitutions"), text, "en")
    assert topic == "substitutions"


def test_the_step_reads_on_from_its_lead_in():
    persona = load_persona(SAM)
    session = engine().start(persona, seed=1)
    _exhaust(session, "Tell me about your work at the theatre.")
    state = session.state
    for seed in range(4):
        plan = _exhausted(persona, session.index, state, _Chooser(random.Random(seed), state), "work_shifts",
                          "What else?")
        lead, _, rest = plan.text.partition(", ")
        first = rest.split(" ", 1)[0]
        # Lower case after the comma, except "I" (Sam's lines name no one first).
        assert first == "I" or first.startswith("I'") or first[0].islower(), plan.text


def test_a_silence_right_after_the_admission_lets_it_stand(dev):
    session = engine().start(dev, seed=1)
    session.ask("Tell me about your knee.")
    _, deep = session.ask("What was that like?")
    assert deep.topic == "knee_stairs" and deep.layer == "deep" and deep.move == "answer"
    _, reply = session.ask(None)
    assert reply.topic == "knee_stairs" and reply.move == "recap" and reply.insights == []


MARIA = ROOT / "personas" / "maria-grocery-lapsed.yaml"


@pytest.mark.parametrize("label", ["closed", "open"])
def test_a_pointing_follow_up_naming_nothing_stays_on_the_current_topic(label):
    # "that" points at what she just told; none of the question's words names a topic, and none is outside her
    # life: an answer from the current topic, not "no experience".
    persona = load_persona(MARIA)
    session = engine(default=label).start(persona, seed=1)
    _, first = session.ask("Tell me about the last time you ordered.")
    _, reply = session.ask("How often does that happen?")
    assert first.topic is not None and reply.topic == first.topic and reply.move != "no_experience"


@pytest.mark.parametrize("label", ["closed", "open"])
def test_a_pointing_question_about_something_outside_her_life_is_still_declined(label):
    persona = load_persona(MARIA)
    session = engine(default=label).start(persona, seed=1)
    session.ask("Tell me about the last time you ordered.")
    _, reply = session.ask("Does she play the violin?")
    assert reply.topic is None and reply.move == "no_experience"


def test_a_leading_verdict_on_the_story_keeps_its_topic():
    persona = load_persona(MARIA)
    session = engine(default="leading").start(persona, seed=1)
    _, first = session.ask("Tell me about the last time you ordered.")
    _, agreed = session.ask("You must have been furious.")
    assert agreed.move == "leading" and agreed.topic == first.topic is not None
    # One about something outside her life stays without a topic.
    _, other = session.ask("Does she play the violin, don't you think?")
    assert other.topic is None
