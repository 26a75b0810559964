"""A condition that offers a change to the customer's world, then a yes/no question on it, is a pitch: someone other
than the customer can do something ("could"), does something for them ("let you", "showed you"), or they are given
an ability ("you could see the van on a map"). A condition that goes wrong for them, or a question on what they
would do in it, offers nothing. Reads ``scoring.rules`` with the spaCy parse."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Flag

LATE = "The van was late again and I had to wait in all morning."


def flags(text: str) -> set[Flag]:
    return {hit.flag for hit in rules.analyse(text, LATE).flags}


@pytest.mark.parametrize("text", [
    "And if the driver could text you directly, would that change anything?",
    "if it could sync with your calendar would you switch",
    "Would it make a difference if the bank let you freeze the card from your phone?",
    "say the portal showed you every invoice in one place, would you log in more",
    "imagine the app just reminded you the night before, would that be good",
    "Imagine you could see the van on a map. Would you still ring them?",
    "do you think a chatbot would make it easier",
    "do you reckon a price cap would keep you ordering",
])
def test_a_condition_offering_a_change_is_a_pitch(text):
    assert Flag.PITCH in flags(text)


@pytest.mark.parametrize("text", [
    "What would you do if the van didn't turn up?",
    "If the price went up again, would you still order?",
    "if you moved house would you keep the same bank",
    "if your daughter wasn't there would you manage the order on your own",
    "Do you think your manager would agree with that?",
    "Suppose the driver was late again, would you complain?",
    "imagine you had to do it all on paper again, how would that feel",
])
def test_a_condition_that_happens_to_them_is_no_pitch(text):
    assert Flag.PITCH not in flags(text)
