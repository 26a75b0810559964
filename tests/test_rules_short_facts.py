"""Closed questions in shapes the rules missed: "whereabouts", a fact noun with a modifier ("What's the monthly fee
now?"), and a how/what question that offers two answers ("How did you pay, card or cash?"). Reads the English rules;
no embedder."""

from __future__ import annotations

import pytest

from scoring.classifier import QuestionClassifier
from scoring.labels import Label

GYM = "Last month I switched to a different gym, mainly because it's closer to work."


@pytest.fixture(scope="module")
def clf():
    return QuestionClassifier(embed_ambiguous=False)


@pytest.mark.parametrize("text", [
    "Whereabouts is it?",
    "So what's the monthly fee now?",
    "What's the current price?",
    "How did you pay, card or cash?",
    "What do you do there, weights or classes?",
])
def test_one_short_fact_is_closed(clf, text):
    assert clf.classify(text, previous=GYM).label is Label.CLOSED


@pytest.mark.parametrize("text", [
    "What's the best part of it?",            # no fact noun: an account
    "What happened next, or what did you do?",  # no two answers offered
])
def test_an_account_stays_open(clf, text):
    assert clf.classify(text, previous=GYM).label is Label.OPEN
