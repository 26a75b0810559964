"""A question tied to the moment the customer just told ("after that", "from there", "that refund saga", "the most
recent occasion") is about that moment, whatever new words it uses: she answers or agrees about it, never "No idea,
not my area." (Measured on natural interviews written outside the team: the note of the stop that added this.)"""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_personas
from simulator.policy import _ties_to_story

from .conftest import ScriptedClassifier

_TOLD = "Tell me about the last time a delivery went wrong."


@pytest.mark.parametrize("text, tied", [
    ("I bet you wanted to throw the phone in the sea after that, didn't you?", True),
    ("Right. So what was your escalation path from there?", True),
    ("Presumably that reconciliation is the most frustrating part?", True),
    ("That must be nice.", False),  # "that" as a pronoun
    ("What are you doing this summer?", False),  # "this" points at the present
    ("Is that the one you told me about?", False),
])
def test_what_ties_a_question_to_the_story(text, tied):
    assert _ties_to_story(text) is tied


def _session(script: dict[str, str]):
    persona = load_personas().personas["maria-grocery-lapsed"]
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, "open")).start(persona, seed=1)


def test_a_guess_tied_to_the_story_is_a_verdict_on_it_not_a_thing_she_never_heard_of():
    guess = "Presumably that refund saga was the worst part of it?"
    session = _session({_TOLD: "open", guess: "leading"})
    _, told = session.ask(_TOLD)
    _, reply = session.ask(guess)
    assert reply.move == "leading" and reply.topic == told.topic


@pytest.mark.parametrize("follow_up", [
    "Could you describe the most recent occasion?",
    "Right. So what was your escalation path from there?",
])
def test_a_follow_up_tied_to_the_story_gets_no_dont_know(follow_up):
    session = _session({_TOLD: "open", follow_up: "open"})
    session.ask(_TOLD)
    _, reply = session.ask(follow_up)
    assert reply.move != "no_experience" and reply.topic is not None
