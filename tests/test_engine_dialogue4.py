"""Dialogue, fourth round: the persona answers the turn that was made. A remark that reacts to what she has just
told ("That sounds exhausting.") is a reaction to her story, and she goes on with it. Real engine and personas,
hashing embedder, scripted labels."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ROOT, ScriptedClassifier

DEV = ROOT / "personas" / "dev-grocery-promoter.yaml"
MARIA = ROOT / "personas" / "maria-grocery-lapsed.yaml"


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


@pytest.fixture(scope="module")
def dev():
    return load_persona(DEV)


@pytest.fixture(scope="module")
def maria():
    return load_persona(MARIA)


# Remarks of empathy ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("remark", ["That sounds exhausting.", "That must be a bit of a weight to carry.",
                                    "It must have been awful."])
def test_a_remark_on_what_she_just_told_gets_more_of_it(dev, remark):
    session = engine({remark: "statement"}).start(dev, seed=1)
    first = session.ask("Tell me about your knee.")[1]
    assert first.topic == "knee_stairs"
    _, reply = session.ask(remark)
    assert reply.topic == "knee_stairs" and reply.move == "continue"
    # More of the story, not what was said again.
    assert session.state.level("knee_stairs") > 2 or reply.layer not in first.layers


def test_a_remark_with_nothing_told_yet_is_acknowledged(maria):
    session = engine({"That sounds exhausting.": "statement"}).start(maria, seed=1)
    _, reply = session.ask("That sounds exhausting.")
    assert reply.move == "acknowledge" and reply.topic is None


def test_a_remark_that_points_at_nothing_is_acknowledged(maria):
    session = engine({"Lovely view from here.": "statement"}).start(maria, seed=1)
    session.ask("What's your job like?")
    _, reply = session.ask("Lovely view from here.")
    assert reply.move == "acknowledge" and reply.topic is None
