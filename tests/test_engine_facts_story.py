"""A closed wh-question gets the fact it asks for even where none of the persona's short answers holds it: the
sentence of her story that does, said in passing, or recalled once told. Real engine and personas, hashing
embedder, scripted labels; and the small text helpers this leans on."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.textutil import sentences
from simulator.understanding import asked_fact, fact_kinds, shorten

from .conftest import ROOT, ScriptedClassifier

HYEJIN = ROOT / "personas" / "hyejin-shampoo-terse.yaml"
SAM = ROOT / "personas" / "sam-fitness-noncustomer.yaml"


def session_for(path, closed):
    engine = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier({q: "closed" for q in closed}, "open"))
    return engine.start(load_persona(path), seed=1)


def test_a_terse_persona_says_where_from_her_story_rather_than_a_short_line_that_answers_nothing():
    question = "Where do you keep your shampoo?"
    _, reply = session_for(HYEJIN, [question]).ask(question)
    assert reply.topic == "bathroom" and reply.move == "closed"
    assert "basket" in reply.text and "bedroom" in reply.text
    # Said in passing: the story itself (and its insights) is still to be told.
    assert reply.layer is None and not reply.insights


def test_asked_again_she_recalls_the_fact_instead_of_a_line_that_answers_nothing():
    first_q, again = "Where do you keep your shampoo?", "So where do you keep your shampoo, then?"
    session = session_for(HYEJIN, [first_q, again])
    first = session.ask(first_q)[1]
    _, reply = session.ask(again)
    assert reply.topic == "bathroom" and "basket" in reply.text
    assert reply.text != first.text and reply.text.lower().startswith(("like i said", "as i said", "well, like i say"))


def test_the_time_asked_about_comes_from_the_story_just_told():
    question = "What time did it wake you?"
    session = session_for(SAM, [question])
    session.ask("Tell me about the last fitness app you tried.")
    _, reply = session.ask(question)
    assert reply.topic == "app_attempt" and reply.move == "closed"
    assert "seven" in reply.text.lower()


@pytest.mark.parametrize(("question", "kind"), [
    ("When you're in the shop, do you look at the back of the bottle?", None),  # a yes/no question after a setting
    ("And when you get home, who's there?", "person"),
    ("If it breaks, who do you call?", "person"),
    ("When did it start?", "time"),
    ("Where did you hear that, from a friend?", "place"),  # the question itself opens with "where"
])
def test_a_clause_that_sets_the_scene_asks_for_nothing(question, kind):
    assert asked_fact(question, "en") == kind


def test_there_is_no_place():
    assert "place" not in fact_kinds("My shampoo isn't there.", "en")
    assert "place" in fact_kinds("In a basket in the bedroom.", "en")


def test_a_dotted_abbreviation_before_a_lower_case_word_ends_no_sentence():
    assert sentences("The seven a.m. reminders woke me. On day nine I deleted it.") == [
        "The seven a.m. reminders woke me.", "On day nine I deleted it."]
    assert sentences("At 7 a.m. We left.") == ["At 7 a.m.", "We left."]
    assert sentences("It's fine. really.") == ["It's fine.", "really."]


@pytest.mark.parametrize(("sentence", "recap"), [
    ("My son Rhys set it up for me.", "my son Rhys set it up for me."),
    ("Eight o'clock is my money meeting.", "eight o'clock is my money meeting."),
    ("Tomasz carries it up.", "Tomasz carries it up."),
    ("I do most of it.", "I do most of it."),
])
def test_a_recap_keeps_capitals_only_for_names_and_i(sentence, recap):
    assert shorten(sentence, "en") == recap


def test_a_question_that_names_nothing_gets_the_fact_of_what_she_just_told(real_engine):
    # "When did that start?" names nothing of its own: "that" is the hair she has just told about.
    session = real_engine.start(load_persona(HYEJIN), seed=1)
    first = session.ask("Have you noticed anything about your hair lately?")[1]
    assert first.topic == "hair_fall"
    _, reply = session.ask("When did that start?")
    assert reply.topic == "hair_fall" and "November" in reply.text


@pytest.mark.parametrize(("sentence", "carries"), [
    ("Since school, so fifteen years.", True),
    ("Two years, about.", True),
    ("I've got two now, actually.", False),  # a figure, but no stretch of time
])
def test_how_long_wants_a_stretch_of_time(sentence, carries):
    from simulator.policy import _carries_fact

    assert _carries_fact("figure", "How long have you been using it?", sentence, "en") is carries
    assert _carries_fact("figure", "How many have you got?", "I've got two now, actually.", "en")
