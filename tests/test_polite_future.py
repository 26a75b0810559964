"""Her answer to a pitch or a yes/no future: polite and useless, tied to her life by a short fact of the topic it is
about (a fresh closed line), never an insight; nothing of hers when it is about nothing of hers."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ROOT, ScriptedClassifier

PITCH = "We're adding guaranteed delivery slots for the evening, would you use that?"


@pytest.fixture
def maria():
    return load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")


def session_for(maria, label, flags):
    return Engine(embedder=HashingEmbedder(),
                  classifier=ScriptedClassifier({PITCH: (label, flags)}, "open")).start(maria, seed=1)


@pytest.mark.parametrize("label, flags, move", [
    ("closed", ["pitch", "hypothetical"], "pitch"),
    ("statement", ["pitch"], "pitch"),
    ("closed", ["hypothetical"], "hypothetical"),
])
def test_a_future_about_one_of_her_topics_gets_a_short_fact_of_it_and_no_insight(maria, label, flags, move):
    session = session_for(maria, label, flags)
    topic_id = session.index.scores(PITCH)[0].topic
    _, reply = session.ask(PITCH)
    reactions = maria.reactions.pitch if move == "pitch" else maria.reactions.hypothetical
    assert reply.move == move and reply.topic == topic_id
    assert any(reply.text.startswith(line) for line in reactions)
    assert any(line in reply.text for line in maria.topic(topic_id).closed)
    assert reply.contaminated and not reply.insights


def test_the_fact_is_not_said_twice(maria):
    session = session_for(maria, "closed", ["pitch"])
    _, first = session.ask(PITCH)
    _, second = session.ask(PITCH)
    said = [line for line in maria.topic(first.topic).closed if line in first.text]
    assert said and not any(line in second.text for line in said)


def test_a_future_about_nothing_of_hers_stays_polite_and_placeless(maria):
    question = "If they opened a zoo on the moon, would you visit?"
    session = Engine(embedder=HashingEmbedder(),
                     classifier=ScriptedClassifier({question: ("closed", ["hypothetical"])}, "open")).start(maria)
    _, reply = session.ask(question)
    assert reply.topic is None
