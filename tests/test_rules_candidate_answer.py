""""Was it the X?": one answer to check is a closed question; it hands over an answer (leading) only when X is a
verdict or a feeling of the interviewer's, or when the turn asked for a cause first ("Why did you stop, was it the
cost?": a reason offered)."""

from __future__ import annotations

import pytest

from scoring import rules

PARK = ("I drive to work most days.",
        "Most mornings I end up circling the car park by the station for twenty minutes, and it's expensive.")
MOVE = ("We moved house in March.", "Half our boxes turned up a week late and two were damaged.")


def label(text: str, context: tuple[str, ...]) -> str:
    return rules.analyse(text, context[-1], "en", context=context).top[0].value


@pytest.mark.parametrize("text, context", [
    ("Was it the station car park?", PARK),
    ("Was it the Brighton branch?", PARK),
    ("Was it your sister?", MOVE),
    ("was it the removals firm", MOVE),
])
def test_one_answer_to_check_is_closed(text, context):
    assert label(text, context) == "closed"


@pytest.mark.parametrize("text, context", [
    ("Was it the hassle?", MOVE),
    ("What made you switch? Was it the price?", PARK),
    ("why did you stop, was it the cost", PARK),
    ("Was it the cost that made you stop?", PARK),
])
def test_a_verdict_or_a_reason_handed_over_leads(text, context):
    assert label(text, context) == "leading"
