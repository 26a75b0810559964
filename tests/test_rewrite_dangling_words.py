"""Rewrites end where their words do: no conjunction taken into a noun phrase ("the once it"), no preposition left
without its object when what it governed was cut ("went up like")."""

from __future__ import annotations

import pytest

from scoring.grounded import grounded_rewrite
from scoring.rewrite import suggest_rewrites
from scoring.labels import Label
from simulator import nlp


@pytest.fixture(scope="module", autouse=True)
def loaded():
    if nlp.load() is None:
        pytest.skip("the English pipeline is not installed")


@pytest.mark.parametrize("text", [
    "I'm sure it was a relief once it was all signed.",
    "You must have been relieved once it was finally booked.",
])
def test_a_conjunction_is_no_part_of_a_noun_phrase(text):
    for rewrite in suggest_rewrites(text, Label.LEADING):
        low = rewrite.lower()
        assert "the once" not in low and "a once" not in low, rewrite


def test_a_preposition_whose_amount_was_cut_goes_with_it():
    made = grounded_rewrite("the premium went up like forty percent this year and i only noticed when it came out")
    assert made == "Walk me through what happened when the premium went up."
    # A preposition with its object stays.
    assert grounded_rewrite("I paid for it by card") == "Walk me through what happened when you paid for it by card."
