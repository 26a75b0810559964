"""A summary followed by a short check of its accuracy ("Is that close?", "Is that about right?", "Am I close?", "That
about right?", "Would that be fair?") is a reflection, as with "Is that right?": the check asks whether the summary
is accurate, not a new yes/no question. A question about closeness or truth of a thing ("Is that close to your
house?") is not such a check. Reads the rules alone."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Label

SAID = "The shampoo is fine. Since I saw the hair in the drain I read every label."
SUMMARY = "So the shampoo is fine but every label is a worry now."


@pytest.mark.parametrize("check", [
    "Is that close?", "Is that about right?", "Am I close?", "That about right?", "Would that be fair?",
    "Is that a fair summary?", "Does that sound about right?", "Have I got that right?",
])
def test_a_summary_with_a_check_of_its_accuracy_is_a_reflection(check):
    assert rules.analyse(f"{SUMMARY} {check}", SAID).top[0] is Label.REFLECTION


@pytest.mark.parametrize("turn", [
    "Is that close to your house?",
    "Is it true that they closed it?",
    "Is that right next to the station?",
])
def test_a_question_about_a_thing_is_no_accuracy_check(turn):
    assert rules.analyse(turn, SAID).top[0] is Label.CLOSED
