"""A short question for a fact of the moment she has just told ("누가 추천했어요?", "Wie heb je toen gebeld?") is about
that moment in every language: where the question's words place it nowhere, she answers it from the topic she is
telling rather than saying she wouldn't know. A yes/no question there ("Sport je veel?") may be small talk and is
left to the gate."""

from __future__ import annotations

import pytest

from simulator import policy
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ROOT, ScriptedClassifier


def _after_story(monkeypatch, persona_file, opening, question):
    persona = load_persona(ROOT / "personas" / persona_file)
    session = Engine(embedder=HashingEmbedder(),
                     classifier=ScriptedClassifier({question: "closed"}, "open")).start(persona, seed=1)
    _, told = session.ask(opening)
    # Its words place the question nowhere, and it names nothing outside her life.
    real = policy._understand
    monkeypatch.setattr(policy, "_understand", lambda index, state, text, language:
                        (None, []) if text == question else real(index, state, text, language))
    monkeypatch.setattr(policy, "_names_foreign_things", lambda index, state, text: False)
    _, reply = session.ask(question)
    return told, reply


@pytest.mark.parametrize("persona_file, opening, question", [
    ("jiwoo-bank-ko.yaml", "모아뱅크 앱은 어떻게 쓰세요?", "누가 추천했어요?"),
    ("anouk-fiets-nl.yaml", "Vertel eens over die ochtend dat je ketting brak.", "Wie heb je toen gebeld?"),
    ("lihua-grocery-zh.yaml", "你为什么不在邻里鲜上买了？", "是谁跟你说的？"),
])
def test_a_question_for_a_fact_of_what_she_just_told_stays_there(monkeypatch, persona_file, opening, question):
    told, reply = _after_story(monkeypatch, persona_file, opening, question)
    assert told.topic is not None
    assert reply.topic == told.topic and reply.move not in {"no_experience", "clarify"}


def test_a_yes_no_question_there_is_left_to_the_gate(monkeypatch):
    _, reply = _after_story(monkeypatch, "anouk-fiets-nl.yaml", "Vertel eens over die ochtend dat je ketting brak.",
                            "Sport je veel?")
    assert reply.topic is None


def test_a_question_word_after_a_small_talk_question_is_no_fact_of_her_story(monkeypatch):
    _, reply = _after_story(monkeypatch, "anouk-fiets-nl.yaml", "Vertel eens over die ochtend dat je ketting brak.",
                            "Kijk jij voetbal? Voor wie ben je?")
    assert reply.topic is None
