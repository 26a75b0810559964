""""When did X last …?" and "When was the last time …?" ask for a date; the rewrite asks for the occasion itself,
told: "Tell me about the last time X …" (the interview guidance's favourite open question), with any subject."""

from __future__ import annotations

import pytest

from scoring.labels import Label
from scoring.rewrite import suggest_rewrites
from scoring.rules import analyse


def main_rewrite(text):
    return suggest_rewrites(text, Label.CLOSED, (), form=analyse(text))[0]


@pytest.mark.parametrize("question, rewrite", [
    ("When did a client last pay you late?", "Tell me about the last time a client paid you late."),
    ("When did the app last crash on you?", "Tell me about the last time the app crashed on you."),
    ("When did someone last complain?", "Tell me about the last time someone complained."),
    ("When was the last time a client paid late?", "Tell me about the last time a client paid late."),
    ("When was the last time the app crashed?", "Tell me about the last time the app crashed."),
    ("When was the last time you rang them?", "Tell me about the last time you rang them."),
])
def test_the_last_time_is_asked_about_as_an_occasion(question, rewrite):
    assert main_rewrite(question) == rewrite


def test_a_when_question_without_last_asks_what_happened():
    assert main_rewrite("When did the first box arrive?") == "What happened when the first box arrived?"
