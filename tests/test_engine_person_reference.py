"""A "he" or "she" in the trainee's question stands for the person the persona named last ("What's he like?" just after
"the same driver, Tomasz"): the question is read with that person named beside the pronoun. Names in the persona's
brief (the product, the company, herself) are no one she talks about; a question that names its own person is left
alone."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from simulator.persona import load_persona
from simulator.policy import _resolve_person

from .conftest import ROOT

BRIEF = SimpleNamespace(persona=SimpleNamespace(
    name="Dev Kapur", context="BasketRun is an online grocery delivery service.", domain="Online grocery delivery",
    summary="", research_goal="Find out what Dev really values in BasketRun."))


def state(said: str):
    return SimpleNamespace(recent=[("some_topic", said)])


@pytest.mark.parametrize(("said", "question", "read"), [
    ("Thursday, ten till twelve, and nearly always the same driver, Tomasz.", "What's he like?",
     "What's he (Tomasz) like?"),
    ("My daughter set me up with BasketRun that same week.", "How often does she visit?",
     "How often does she (daughter) visit?"),
    ("Claire, my daughter, is in Leeds, and my son is overseas.", "When did he last help you?",
     "When did he (son) last help you?"),
])
def test_the_pronoun_gets_the_person_she_named_last(said, question, read):
    assert _resolve_person(BRIEF, state(said), question, "en") == read


@pytest.mark.parametrize(("said", "question"), [
    ("My daughter set me up with BasketRun that same week.", "Does he help?"),      # no man named
    ("I found BasketRun through an advert.", "Is she still around?"),               # the product is no person
    ("Thursday, nearly always Tomasz.", "You mentioned your son. How's he doing?"),  # the question names its own
    ("Thursday, nearly always Tomasz.", "What did you buy?"),                        # no pronoun
])
def test_no_person_is_put_in_where_none_fits(said, question):
    assert _resolve_person(BRIEF, state(said), question, "en") == question


def test_outside_english_the_question_is_left_alone():
    assert _resolve_person(BRIEF, state("Mijn dochter, Fenna."), "Hoe oud is ze?", "nl") == "Hoe oud is ze?"


def test_she_is_found_where_the_persona_talks_about_her(real_engine):
    session = real_engine.start(load_persona(ROOT / "personas" / "priya-invoicing-buyer.yaml"), seed=1)
    first = session.ask("Walk me through what Joanne does with it in a week.")[1]
    assert "Joanne" in first.text
    _, reply = session.ask("How long has she been with the firm?")
    assert reply.topic == "bookkeeper" and "twelve years" in reply.text
