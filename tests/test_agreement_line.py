"""The persona's agreement with a leading question restates its proposition in her own person."""

import pytest

from simulator.policy import extract_suggestion


@pytest.mark.parametrize("question, expected", [
    # The interviewer's "I'd"/"I'm" become "you'd"/"you're" in her mouth.
    ("Don't you think I'd be better off with WhatsApp?", "you'd be better off with WhatsApp"),
    ("Surely I'm not the first to ask you that?", "you're not the first to ask me that"),
    # "you" as an object becomes "me", not "I", wherever no verb follows it.
    ("Don't you think they want you to pay more?", "they want me to pay more"),
    ("Don't you think the app lets you down and you give up?", "the app lets me down and I give up"),
    ("Don't you think it annoys you?", "it annoys me"),
    # A subject stays a subject, names as written.
    ("Wouldn't you say BasketRun is too expensive for you?", "BasketRun is too expensive for me"),
    ("Don't you think you'd switch if it were cheaper?", "I'd switch if it were cheaper"),
])
def test_agreement_line_flips_person(question, expected):
    assert extract_suggestion(question) == expected
