"""Asking leave: "Can I ask you something?" gets "go ahead" and "Do you mind if I record this?" gets "that's fine",
in the persona's language, never a line of her life; leave to ask *about* a thing ("Can I ask about the money side of
things?", "Do you mind if I ask about your budget?") is an invitation to talk about it, for the scorer as for her."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Label
from simulator.persona import load_persona
from simulator.understanding import voice

from .conftest import ROOT


@pytest.mark.parametrize("text, kind", [
    ("Can I ask you something?", "go_ahead"),
    ("Um, could I ask one more quick question?", "go_ahead"),
    ("Do you mind if I record this?", "fine"),
    ("Is it okay if I take some notes as we go?", "fine"),
])
def test_leave_asked_gets_yes(make_engine, test_persona, text, kind):
    session = make_engine({text: "closed"}).start(test_persona, seed=1)
    _, reply = session.ask(text)
    assert reply.move == "go_ahead"
    assert reply.topic is None
    assert reply.text in voice("en", kind)


@pytest.mark.parametrize("text", [
    "Can I ask why you stopped ordering?",  # a question, asked with leave
    "Can I ask you something about the van?",  # names a thing of hers
])
def test_a_question_asked_with_leave_is_answered(make_engine, test_persona, text):
    session = make_engine({text: "open"}).start(test_persona, seed=1)
    _, reply = session.ask(text)
    assert reply.move != "go_ahead"


@pytest.mark.parametrize("persona_file, text", [
    ("anouk-fiets-nl.yaml", "Mag ik je iets vragen?"),
    ("jiwoo-bank-ko.yaml", "질문 하나 해도 될까요?"),
    ("lihua-grocery-zh.yaml", "我能问你个问题吗？"),
])
def test_in_every_language(make_engine, persona_file, text):
    persona = load_persona(ROOT / "personas" / persona_file)
    session = make_engine({text: "closed"}).start(persona, seed=1)
    _, reply = session.ask(text)
    assert reply.move == "go_ahead"
    assert reply.text in voice(persona.language, "go_ahead")


def test_leave_to_ask_about_a_thing_is_an_invitation(make_engine, test_persona):
    text = "Can I ask about your shifts at the hospital?"
    session = make_engine({text: "open"}).start(test_persona, seed=1)
    _, reply = session.ask(text)
    assert reply.topic == "shifts"
    assert reply.move == "answer"


@pytest.mark.parametrize("text, label", [
    ("Can I ask about the money side of things?", Label.OPEN),
    ("Do you mind if I ask about your budget?", Label.OPEN),
    ("Would you mind if I asked about your mum?", Label.OPEN),
    ("Do you mind if I ask how you pay for it?", Label.OPEN),
    ("Mind if I ask how much you spend a week?", Label.CLOSED),  # the question asked leave for decides
])
def test_the_scorer_reads_the_question_asked_leave_for(text, label):
    assert rules.analyse(text, "I used to order every week.", "en").top[0] == label
