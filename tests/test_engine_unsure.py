"""A closed wh-question whose fact nothing of hers holds ("Where did you hear about it?" when no line of hers names a
place) gets "I couldn't say exactly" in her language, on the same topic, instead of a short line that answers
something else ("Some things, yeah."). A line that holds the fact, or one close to the question, still answers.
Hashing embedder, scripted labels, a persona built in the test."""

from __future__ import annotations

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import Persona
from simulator.understanding import voice

from .conftest import ScriptedClassifier


def persona(test_persona, *, surface, closed):
    data = test_persona.model_dump()
    data.update(id="unsure-persona", domain="Hair care", context="How Mina looks after her hair.", insights=[],
                topics=[{"id": "rumours", "title": "What she heard about ingredients",
                         "examples": ["What have you heard about shampoo ingredients?", "Do ingredients worry you?"],
                         "keywords": ["ingredients", "sulphates"], "surface": surface, "detail": [], "deep": [],
                         "closed": closed}])
    return Persona.model_validate(data)


def ask(p, text):
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier({}, "closed")).start(p, seed=1)
    return session.ask(text)[1]


def test_no_line_holds_the_place_asked_so_she_cannot_say_exactly(test_persona):
    p = persona(test_persona, surface=["Sulphates are bad for your scalp, they say."], closed=["Some things, yeah."])
    reply = ask(p, "Where did you hear about the ingredients?")
    assert reply.text in voice("en", "unsure")
    assert reply.topic == "rumours" and reply.move == "closed"


def test_a_line_that_holds_the_place_answers(test_persona):
    p = persona(test_persona, surface=["A girl at work told me about sulphates in the break room."],
                closed=["Some things, yeah."])
    reply = ask(p, "Where did you hear about the ingredients?")
    assert reply.text not in voice("en", "unsure")
    assert "break room" in reply.text or "work" in reply.text


# A question word that asks for a thing ("which", "what") and no kind of fact: the short line that names none of it
# gives way to a sentence of hers that does, else to "I couldn't say exactly" (a terse persona tells no story to a
# closed question, so her short lines were all she had).

def terse(test_persona, *, surface, closed):
    p = persona(test_persona, surface=surface, closed=closed)
    data = p.model_dump()
    data["style"]["verbosity"] = "terse"
    return Persona.model_validate(data)


def test_a_sentence_that_names_the_thing_asked_answers_a_which_question(test_persona):
    p = terse(test_persona, surface=["Last time I picked the green bottle with the pump, the one with fewer sulphates."],
              closed=["Sometimes, yeah."])
    reply = ask(p, "Which bottle did you pick, with the ingredients?")
    assert "green bottle" in reply.text
    assert reply.move == "closed" and reply.topic == "rumours"


def test_nothing_of_hers_names_it_so_she_cannot_say_exactly(test_persona):
    p = terse(test_persona, surface=["Sulphates are bad for your scalp, they say."], closed=["Sometimes, yeah."])
    reply = ask(p, "Which colour was the label with the ingredients?")
    assert reply.text in voice("en", "unsure")


def test_a_short_line_that_names_it_still_answers(test_persona):
    p = terse(test_persona, surface=["Sulphates are bad for your scalp, they say."],
              closed=["The green bottle, mostly."])
    reply = ask(p, "Which bottle do you buy, with the ingredients?")
    assert reply.text == "The green bottle, mostly."


def test_a_yes_no_question_her_short_line_says_nothing_of_gets_the_sentence_that_speaks_of_it(test_persona):
    # "Does Daan know?" -> not "Not much. A few euros." but what she says of it.
    p = terse(test_persona, surface=["Sulphates are bad for your scalp, they say.",
                                     "My sister Daan doesn't know about the sulphates thing, I never told her."],
              closed=["Not much. A few euros."])
    reply = ask(p, "Does Daan know about the sulphates thing?")
    assert "doesn't know" in reply.text
    assert reply.move == "closed"


def test_a_yes_no_question_nothing_of_hers_speaks_of_keeps_her_short_line(test_persona):
    p = terse(test_persona, surface=["Sulphates are bad for your scalp, they say."], closed=["Not much. A few euros."])
    reply = ask(p, "Do the ingredients cost a lot?")
    assert reply.text == "Not much. A few euros."
