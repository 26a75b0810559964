"""Rewrites keep the trainee's topic and turn closed, leading and hypothetical questions into open ones."""

from __future__ import annotations

import pytest

from scoring.rewrite import gerund, past, suggest_rewrite
from scoring.rules import analyse
from scoring.labels import Label


@pytest.mark.parametrize("text, label, flags, expected", [
    ("Did you like our product?", "closed", [], "Can you describe your experience with our product?"),
    ("Would you pay €10 for it?", "closed", ["hypothetical"], "Tell me about the last time you paid for something like this."),
    ("Tell me, did you cancel because of the price?", "closed", ["faux_invitation"], "What made you cancel?"),
    ("How often do you order from us?", "closed", [], "Walk me through the last time you ordered from us."),
    ("Phone or laptop?", "closed", [], "How do you decide between phone and laptop?"),
    ("The substitutions are really annoying, right?", "leading", [], "How do you feel about the substitutions?"),
    ("Why is the onboarding so hard for you?", "leading", [], "Tell me about your experience with the onboarding."),
    ("How stressful was it to rebook everything at the airport?", "leading", [],
     "What was it like to rebook everything at the airport?"),
    ("Most customers say the setup is the hardest part. Do you agree?", "leading", [],
     "What's your experience with the setup?"),
    ("When did you switch to us?", "closed", [], "What was going on when you switched to us?"),
    ("How did you hear about us? Was it through a friend?", "closed", [], "How did you hear about us?"),
    ("How do you pick a shampoo and where do you usually buy it?", "closed", ["double_barreled"], "How do you pick a shampoo?"),
])
def test_rewrite_known_shapes(text, label, flags, expected):
    assert suggest_rewrite(text, label, flags) == expected


def test_rewrite_leading_keeps_the_topic():
    out = suggest_rewrite("Don't you think delivery is too slow?", "leading", [])
    assert out is not None and "delivery" in out.lower()
    assert out.startswith("How do you feel about")


@pytest.mark.parametrize("text, label, flags", [
    ("Tell me about your week.", "open", []),
    ("So the evenings are hard.", "reflection", []),
    ("Three hours?", "echo", []),
    ("Thanks!", "statement", []),
])
def test_rewrite_none_for_good_turns(text, label, flags):
    assert suggest_rewrite(text, label, flags) is None


def test_rewrite_open_hypothetical_gets_a_past_behaviour_question():
    out = suggest_rewrite("What would make you order every week again?", "open", ["hypothetical"])
    assert out is not None and "last time" in out


def test_rewrite_is_none_for_logistics_and_unknown_input():
    assert suggest_rewrite("Can you hear me okay?", "closed", []) is None
    assert suggest_rewrite("", "closed", []) is None
    assert suggest_rewrite("Do you use it?", "not-a-label", []) is None


def test_rewrite_ignores_unknown_flags():
    assert suggest_rewrite("Did you like our product?", "closed", ["nonsense"]) == \
        "Can you describe your experience with our product?"


@pytest.mark.parametrize("text, label, flags", [
    ("Do you use it daily?", "closed", []),
    ("Isn't it frustrating when clients pay late?", "leading", []),
    ("If we added dark mode, would you use it?", "closed", ["hypothetical", "pitch"]),
    ("You'd never go back to a branch, would you?", "leading", ["hypothetical"]),
    ("Which bank were you with before?", "closed", []),
    ("do you send them from your phone", "closed", []),
])
def test_rewrite_is_an_open_question_or_invitation(text, label, flags):
    out = suggest_rewrite(text, label, flags)
    assert out and out[0].isupper() and out[-1] in "?."
    assert analyse(out).top[0] == Label.OPEN, out


@pytest.mark.parametrize("verb, expected_past, expected_gerund", [
    ("order", "ordered", "ordering"), ("pay", "paid", "paying"), ("stop", "stopped", "stopping"),
    ("use", "used", "using"), ("get", "got", "getting"), ("try", "tried", "trying"),
])
def test_rewrite_verb_forms(verb, expected_past, expected_gerund):
    assert past(verb) == expected_past
    assert gerund(verb) == expected_gerund
