"""A caption's question whose question word is its subject ("who set the app up in the first place", "and when your
partner took over the logging what changed"): the question word before a finite verb, read by lemminflect's forms
(past, or third person with more words after it), is a question without its "?". A relative clause ("the woman who
set it up") and "I know what changed" are not; "who knows" says something. Reads the rules alone; no embedder."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Label

SAID = "the undertired thing made me laugh honestly because i was the one who was tired"


@pytest.mark.parametrize("turn, label, question", [
    ("who set the app up in the first place you or your partner", Label.CLOSED,
     "who set the app up in the first place you or your partner"),
    ("who helps you with the forms these days", Label.CLOSED, "who helps you with the forms these days"),
    ("and when your partner took over the logging what changed", Label.OPEN, "what changed"),
    ("what changed after that", Label.OPEN, "what changed after that"),
])
def test_a_subject_question_without_a_question_mark_is_read_as_one(turn, label, question):
    form = rules.analyse(turn, SAID)
    assert form.top[0] is label
    assert form.questions[-1] == question


@pytest.mark.parametrize("turn", [
    "the woman who set it up was nice",
    "i know what changed",
    "who knows",
])
def test_a_relative_clause_or_a_saying_is_no_question(turn):
    assert rules.analyse(turn, SAID).questions == ()


def test_subject_questions_are_read_by_the_verb_form_not_a_list():
    assert rules._subject_wh("who organised the whole thing")
    assert rules._subject_wh("what prompted that")
    assert not rules._subject_wh("what kind of internet have you got")
    assert not rules._subject_wh("who else was there")
