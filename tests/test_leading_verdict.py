"""A leading question that brings words of its own is declined only when it is about something outside her life: one
whose meaning comes close to what she has just told ("你就是嫌它贵了对吧" after the story of why she stopped) is the
interviewer's verdict on it, and she answers it (politely, from the topic being talked about), never "I wouldn't know"."""

from __future__ import annotations

import pytest

from simulator import policy
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ROOT, ScriptedClassifier

VERDICT = "你就是嫌它贵了对吧"


@pytest.fixture(scope="module")
def lihua():
    return load_persona(ROOT / "personas" / "lihua-grocery-zh.yaml")


def _ask_after_story(lihua, monkeypatch, similarity):
    monkeypatch.setattr(policy, "_last_similarity", lambda index, state, text: similarity)
    session = Engine(embedder=HashingEmbedder(),
                     classifier=ScriptedClassifier({VERDICT: "leading"}, "open")).start(lihua, seed=1)
    _, told = session.ask("你为什么不在邻里鲜上买了？")
    _, reply = session.ask(VERDICT)
    return told, reply


def test_a_verdict_close_to_what_she_told_is_answered_on_that_topic(lihua, monkeypatch):
    told, reply = _ask_after_story(lihua, monkeypatch, policy.VERDICT_SIMILARITY + 0.05)
    assert told.topic is not None
    assert reply.move == "leading" and reply.topic == told.topic


def test_the_same_words_far_from_what_she_told_are_weighed_as_before(lihua, monkeypatch):
    _, far = _ask_after_story(lihua, monkeypatch, 0.0)
    monkeypatch.setattr(policy, "VERDICT_SIMILARITY", 2.0)  # nothing is close enough: the rules alone
    _, rules = _ask_after_story(lihua, monkeypatch, 0.0)
    assert (far.move, far.topic) == (rules.move, rules.topic)
