"""A "would" beside what someone does as a rule ("on a normal day", "usually", "most weeks") is habitual, not a
hypothetical: "How many dogs would you do on a normal day?" asks about her days as they are. A condition, a wish or
money for something offered still makes it one."""

import pytest

from scoring import rules
from scoring.labels import Flag
from scoring.rewrite import suggest_rewrites


def flags(text):
    return {h.flag for h in rules.analyse(text, "I groom dogs in Cardiff.", "en").flags}


@pytest.mark.parametrize("text", [
    "How many dogs would you do on a normal day?",
    "On a typical weekday, what time would you usually get home?",
    "What would a normal Saturday look like for you?",
    "How much would you normally spend in a week?",
    "What would you usually do when the van's late?",
    "How often would you order, on average?",
])
def test_habitual_would_is_no_hypothetical(text):
    assert Flag.HYPOTHETICAL not in flags(text)


@pytest.mark.parametrize("text", [
    "How much would you pay for an app like that?",
    "Would you usually use it if it were free?",
    "Would you switch banks on a normal day if they closed the branch?",
    "Would you use something like that?",
])
def test_a_condition_or_an_offer_still_is_one(text):
    assert Flag.HYPOTHETICAL in flags(text)


def test_how_many_is_no_part_of_the_thing_named():
    rewrite = suggest_rewrites("How many dogs would you do on a normal day?", "closed", [], "I groom dogs in Cardiff.")[0]
    assert "How many" not in rewrite and "dogs" in rewrite
