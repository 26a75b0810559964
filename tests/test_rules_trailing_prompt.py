"""A prompt for more at the end of a turn decides its label (rule 1 of scoring/data/README.md): "You said three
years, and before that?" is open, whatever came before the prompt. A bare "then" after a summary is no prompt: it
closes a check ("So it was the price, then?")."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Label

PLANNER = "I've used the planner for three years, Saturdays are the busiest."


def label(text: str) -> Label:
    return rules.analyse(text, PLANNER).top[0]


@pytest.mark.parametrize("text", [
    "You've used it three years, and then?",
    "You said three years, and before that?",
    "you kept ringing them and then?",
    "You stopped using it, how come?",
    "three years, like what?",
])
def test_a_prompt_after_what_they_said_is_open(text):
    assert label(text) is Label.OPEN


@pytest.mark.parametrize("text, expected", [
    ("So it was the price, then?", Label.LEADING),
    ("Did you like it and then switch?", Label.CLOSED),
])
def test_then_inside_a_check_or_a_yes_no_question_is_no_prompt(text, expected):
    assert label(text) is expected
