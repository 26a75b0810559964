"""Dialogue, fifth round: a wh-question is never answered with a yes or a no, wherever its question word stands,
and "you" in the persona's agreement is "me" where it is not the subject. Real engine and personas, hashing
embedder, scripted labels."""

from __future__ import annotations

import re

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.policy import _asks_wh, _without_polarity
from simulator.understanding import normalise_sentence

from .conftest import ROOT, ScriptedClassifier

HAROLD = ROOT / "personas" / "harold-bank-formal.yaml"
POLAR = re.compile(r"^\s*(?:yes|yeah|no|nope)\b", re.IGNORECASE)


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


@pytest.fixture(scope="module")
def harold():
    return load_persona(HAROLD)


@pytest.mark.parametrize(("question", "topic"), [
    ("How long have you been with the bank?", "bank_loyalty"),
    # The question word after a sentence that sets the scene, or after the phrase it is about.
    ("Let's turn to family. Who helps you with any of this?", "family_help"),
    ("Take me back to the last time you went into the branch. When was that?", "branch_visits"),
    ("And the branch, how often do you go in?", "branch_visits"),
])
def test_a_closed_wh_question_gets_no_yes_or_no(harold, question, topic):
    _, reply = engine({question: "closed"}).start(harold, seed=1).ask(question)
    assert reply.topic == topic and reply.move == "closed"
    assert not POLAR.match(reply.text), reply.text


def test_a_yes_no_question_keeps_its_yes_or_no(harold):
    question = "Does anyone in the family help you with it?"
    _, reply = engine({question: "closed"}).start(harold, seed=1).ask(question)
    assert reply.topic == "family_help" and POLAR.match(reply.text)


@pytest.mark.parametrize(("text", "language", "wh"), [
    ("Where were you when the invoice batch came in?", "en", True),
    ("Take me back to the last month-end. Where were you?", "en", True),
    ("The gym, that was, um, how much was it?", "en", True),
    # A "who" inside a yes/no question asks nothing of its own.
    ("Is there someone in the family who helps you?", "en", False),
    ("Do you know anyone who's been caught out?", "en", False),
    ("Did you ever hear back?", "en", False),
    ("En wie regelt dat bij jullie?", "nl", True),
    ("Heb je dat ooit gemeld?", "nl", False),
    ("언제 처음 쓰셨어요?", "ko", True),
    ("谁帮你弄的？", "zh", True),
    # 吗 makes it a yes/no question about the time.
    ("你知道他什么时候来吗？", "zh", False),
])
def test_wh_questions_are_told_from_yes_no_ones(text, language, wh):
    assert _asks_wh(text, language) is wh


def test_a_line_without_its_yes_is_the_same_line():
    assert _without_polarity("Yes, forty-six years.") == "Forty-six years."
    assert _without_polarity("네, 주로 저녁에요.") == "주로 저녁에요."
    assert _without_polarity("Not much. A few euros.") == "Not much. A few euros."
    assert _without_polarity("Yes.") == "Yes."
    # Said either way, it is one sentence for the dialogue memory (never said twice).
    assert normalise_sentence("Yes, forty-six years.") == normalise_sentence("Forty-six years.")
    assert normalise_sentence("Yes.") == "yes"


DEV = ROOT / "personas" / "dev-grocery-promoter.yaml"


@pytest.mark.real_model
@pytest.mark.parametrize("opening", ["Tell me about the substitutions.", "Tell me about your knee."])
def test_a_guess_after_a_reaction_is_agreed_with_on_the_topic_being_talked_about(real_engine, opening):
    """"That makes total sense. You must be really happy with us overall, then.": the reaction's words ("sense") are
    not what is put to her; the guess names nothing outside her life, so she agrees about what she is telling
    rather than saying she has no idea (real models: the labels and meanings decide)."""
    dev = load_persona(DEV)
    session = real_engine.start(dev, seed=1)
    first = session.ask(opening)[1]
    turn, reply = session.ask("That makes total sense. You must be really happy with us overall, then.")
    assert turn.label == "leading"
    assert reply.move == "leading" and reply.topic == first.topic


def test_the_agreement_with_a_guess_says_me_where_the_guess_said_you():
    dev = load_persona(DEV)
    guess = "That must keep you awake at night, right?"
    session = engine({guess: "leading"}).start(dev, seed=1)
    session.ask("Tell me about your knee.")
    _, reply = session.ask(guess)
    assert reply.move == "leading" and " I awake" not in reply.text
