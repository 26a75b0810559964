"""A number asked of a future ("How much would you pay for it?", "How often would you use it?") gets her vague guess
(reactions.guess, or her language's own hedge), not a yes, a maybe or an agreement, and no figure of her life said
in passing that would read as her answer; a yes/no future keeps its hypothetical line. Hashing embedder, scripted
labels."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ROOT, ScriptedClassifier

MARIA = ROOT / "personas" / "maria-grocery-lapsed.yaml"
SLOT = "How much would you pay for a delivery slot you could rely on?"
OFTEN = "How often would you use a delivery slot you could rely on?"
YES_NO = "Would you pay for a delivery slot you could rely on?"
PITCH = "We're building an app that plans your meals. How much would you pay for something like that?"


def ask(persona, text, label="closed", flags=("hypothetical",)):
    script = {text: (label, list(flags))}
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, "open")).start(persona, seed=1)
    return session.ask(text)[1]


@pytest.mark.parametrize("text, label, flags", [
    (SLOT, "closed", ("hypothetical",)),
    (OFTEN, "closed", ("hypothetical",)),
    (PITCH, "leading", ("pitch", "hypothetical")),  # not agreed with: a number is asked
])
def test_a_number_asked_of_a_future_gets_her_guess(text, label, flags):
    maria = load_persona(MARIA)
    reply = ask(maria, text, label, flags)
    assert reply.text in maria.reactions.guess
    assert reply.move in {"hypothetical", "pitch"}


def test_the_guess_says_nothing_of_her_life_in_passing_but_keeps_the_topic():
    maria = load_persona(MARIA)
    reply = ask(maria, SLOT)
    assert reply.text in maria.reactions.guess  # no closed line ("Evenings, always. After six.") after it
    assert reply.topic is not None


def test_a_yes_no_future_keeps_its_hypothetical_line():
    maria = load_persona(MARIA)
    reply = ask(maria, YES_NO)
    assert reply.text not in maria.reactions.guess
    assert any(reply.text.startswith(line) for line in maria.reactions.hypothetical)


def test_without_guess_lines_her_language_hedges():
    maria = load_persona(MARIA)
    plain = maria.model_copy(update={"reactions": maria.reactions.model_copy(update={"guess": []})})
    reply = ask(plain, SLOT)
    assert reply.text.startswith("Oh, I don't know.")
    assert reply.text not in maria.reactions.hypothetical
