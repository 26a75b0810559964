"""Dutch turns in natural and spoken form (the rules alone, no model): a guess about them said outright ("ik neem aan
dat je…") leads, whatever its punctuation; an acknowledgement before a spoken request ("ja snap ik kun je…") is no
part of it; a solution described by a clause with "waarin"/"waarop" is a pitch."""

from __future__ import annotations

import pytest

from scoring import rules_nl
from scoring.labels import Flag, Label

PREVIOUS = "de monteur kwam pas na drie dagen"


def analyse(text: str, previous: str | None = PREVIOUS):
    return rules_nl.analyse(text, previous)


@pytest.mark.parametrize("text", [
    "ik neem aan dat je dat niet nog een keer wil",
    "Ik ga ervan uit dat je toen flink baalde.",
    "ik gok dat jullie toen een andere monteur hebben gebeld",
])
def test_a_guess_about_them_said_outright_leads(text):
    assert analyse(text).top[0] == Label.LEADING


def test_a_view_of_ones_own_is_still_a_statement():
    assert analyse("Ik vind drie dagen zelf ook lang, eerlijk gezegd.").top[0] == Label.STATEMENT


@pytest.mark.parametrize("text", [
    "ja snap ik kun je daar eens wat meer over vertellen",
    "oké dat snap ik, hoe ging dat toen verder",
])
def test_an_acknowledgement_before_the_question_is_no_part_of_it(text):
    assert analyse(text).top[0] == Label.OPEN


def test_checking_ones_understanding_stays_a_summary_frame():
    assert analyse("snap ik het goed dat de monteur pas na drie dagen kwam").top[0] == Label.REFLECTION


def test_a_solution_described_with_waarin_is_a_pitch():
    form = analyse("zou een app waarin je de monteur kan volgen helpen")
    assert form.top[0] == Label.LEADING
    assert Flag.PITCH in {h.flag for h in form.flags}
