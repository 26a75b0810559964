"""Dutch spoken turns: a question after a clause of time ("toen je dat zag, wat dacht je") or with "wat"/"wie" as its
own subject ("wat stond daar nou in") is open; a summary that makes a rule or a decision of what they told ("dus je
gaat nooit meer terug") or hands them being fed up ("je was het gewoon zat") is leading, with or without "?". Reads
``scoring.rules_nl`` alone; no embedder."""

from __future__ import annotations

import pytest

from scoring import rules_nl
from scoring.labels import Label

ENERGY = "Vorige maand ben ik overgestapt naar een andere energieleverancier, vooral omdat de termijnbedragen steeds hoger werden."


def label(text: str, previous: str | None = ENERGY) -> Label:
    return rules_nl.analyse(text, previous).top[0]


@pytest.mark.parametrize("text", [
    "oké en toen je dat zag wat dacht je toen",
    "toen je dat hoorde hoe reageerde je",
    "wanneer je die brief zag wat dacht je eerst",
    "je zei net iets over die brief wat stond daar nou in",
])
def test_the_question_after_a_clause_or_with_its_own_subject_is_open(text):
    assert label(text) is Label.OPEN


def test_an_embedded_question_after_a_verb_of_seeing_is_no_question():
    assert label("ik zag wat je deed met die brief") is Label.STATEMENT


@pytest.mark.parametrize("text", [
    "dus je gaat nooit meer terug naar die oude",
    "dus je zit daar nu helemaal goed",
    "je was het gewoon zat",
    "dus je had het echt zat",
])
def test_a_summary_with_a_rule_or_a_feeling_of_ours_leads(text):
    assert label(text) is Label.LEADING


@pytest.mark.parametrize(("text", "previous"), [
    # Their own hedge kept: "bijna niet meer" for their "nauwelijks nog" restates them.
    ("Dus in januari deed je het elke ochtend, en nu eigenlijk bijna niet meer.",
     "In het begin deed ik het elke ochtend. Nu kom ik er eigenlijk nauwelijks nog aan toe."),
    # Their own absolute handed back.
    ("dus je gaat nooit meer terug", "Ik ga daar nooit meer terug, dat weet ik zeker."),
])
def test_a_summary_in_their_own_measure_stays_a_reflection(text, previous):
    assert label(text, previous) is Label.REFLECTION
