"""A feeling guessed for them ("That must have been so frustrating.", "well that must've been a relief") is leading
when what they said does not name it, also where only their last words are known (a transcript row with no
context), as the labelling conventions say (rule 8) and as the Dutch and Chinese rules read it; their own feeling
said back is not."""

from __future__ import annotations

import pytest

from scoring.classifier import QuestionClassifier
from scoring.labels import Label

GYM = "Last month I switched to a different gym, mainly because it's closer to work."


@pytest.fixture(scope="module")
def clf():
    return QuestionClassifier(embed_ambiguous=False)


@pytest.mark.parametrize("text", [
    "That must have been so frustrating.",
    "well that must've been a relief",
    "oh that must be really annoying",
    "You must feel let down.",
])
def test_a_feeling_they_never_named_is_handed_to_them(clf, text):
    assert clf.classify(text, previous=GYM).label is Label.LEADING


def test_their_own_feeling_said_back_is_not_leading(clf):
    previous = "Honestly the old gym was so frustrating, the machines were always broken."
    assert clf.classify("That must have been so frustrating.", previous=previous).label is not Label.LEADING


def test_an_empathic_remark_with_no_feeling_word_stays_a_statement(clf):
    assert clf.classify("That must have been a lot to take on.", previous=GYM).label is Label.STATEMENT


@pytest.mark.parametrize("text", [
    "So you always go after work now.",                       # their one switch made a rule
    "So you're thinking of cancelling the old membership.",   # a plan they never told
    "So you're probably saving a fair bit.",                   # a guess of ours
])
def test_a_summary_naming_what_the_conventions_name_leads_without_context(clf, text):
    assert clf.classify(text, previous=GYM).label is Label.LEADING


def test_a_summary_in_their_terms_stays_a_reflection_without_context(clf):
    assert clf.classify("So you switched because it's closer to work.", previous=GYM).label is Label.REFLECTION
