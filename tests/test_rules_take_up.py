"""A condition, then a yes/no question whether they would take up the thing it describes ("If the doorbell flashed a
light in every room, would you use that?", "stel dat je een pakket had dat zelf herinneringen stuurt zou je dat
gebruiken"), asks them to approve a fix: `leading` + `pitch` + `hypothetical` (scoring/data/README.md, rule 11).
Whether they would keep using theirs ("would you still use it", "zou je het nog steeds gebruiken") offers nothing.
A Dutch caption that opens with a condition and ends in "zou je …" is a question without its "?". Reads the rules
alone; no embedder."""

from __future__ import annotations

import pytest

from scoring import rules, rules_nl
from scoring.labels import Flag, Label


def _read(module, text):
    form = module.analyse(text, None)
    return form.top[0], {hit.flag for hit in form.flags}


@pytest.mark.parametrize("module, text", [
    (rules, "If the doorbell flashed a light in every room, would you use that?"),
    (rules, "If the van texted when it left the depot, would you use that?"),
    (rules_nl, "stel dat je een pakket had dat zelf herinneringen stuurt zou je dat gebruiken"),
    (rules_nl, "als je in een app zou kunnen zien hoeveel plekken er vrij zijn zou je die gebruiken"),
    (rules_nl, "zou je zoiets gebruiken als het gratis was"),
    (rules_nl, "Als de winkel je een bericht stuurde, zou je dat dan proberen?"),
])
def test_taking_up_a_described_fix_is_a_pitch_asked_for_a_yes(module, text):
    label, flags = _read(module, text)
    assert label is Label.LEADING
    assert Flag.PITCH in flags and Flag.HYPOTHETICAL in flags


@pytest.mark.parametrize("module, text", [
    (rules, "If the price went up, would you still use it?"),
    (rules, "If you moved house, would you use that?"),
    (rules_nl, "Zou je het nog steeds gebruiken als het duurder werd?"),
    (rules_nl, "Zou je het nog een keer proberen bij die sportschool?"),
    (rules_nl, "Zou je weer teruggaan als de prijs omhoog ging?"),
])
def test_keeping_their_own_or_a_change_to_them_is_no_pitch(module, text):
    label, flags = _read(module, text)
    assert label is Label.CLOSED
    assert Flag.PITCH not in flags and Flag.HYPOTHETICAL in flags


@pytest.mark.parametrize("text", [
    "stel dat je een pakket had dat zelf herinneringen stuurt zou je dat gebruiken",
    "en als je meer tijd had zou je dan vaker gaan",
])
def test_a_dutch_caption_with_a_condition_and_zou_je_is_a_question(text):
    assert rules_nl.is_question(text)


@pytest.mark.parametrize("text", [
    "als het regent blijf je gewoon thuis",
    "als je het mij vraagt zou je dat beter niet doen omdat het zo duur is geworden in de winter",
])
def test_a_dutch_condition_with_a_statement_after_it_stays_a_statement(text):
    assert not rules_nl.is_question(text)


@pytest.mark.parametrize("text", [
    "would you have kept going if it logged the feeds by itself",
    "If the reminders went out automatically, would you read them?",
    "Would you use it if it worked on its own?",
])
def test_a_thing_that_does_the_work_on_its_own_is_a_described_fix(text):
    label, flags = _read(rules, text)
    assert label is Label.LEADING
    assert Flag.PITCH in flags and Flag.HYPOTHETICAL in flags


@pytest.mark.parametrize("text", [
    "would you still go if the bus came on its own schedule",  # "its own" names whose, not that it runs itself
    "Would you cycle if there were a safe bike lane?",
])
def test_a_situation_is_no_described_fix(text):
    label, flags = _read(rules, text)
    assert label is Label.CLOSED
    assert Flag.PITCH not in flags
