"""A positive tag of any auxiliary after a negative clause ("They never sent you a reminder, did they?", "The staff are
never around, are they?", "She probably doesn't wear it, does she?") asks for agreement with what the interviewer put
before it: `leading` (scoring/data/README.md, rule 5), as "didn't they?" after a positive clause does. The same words
ending a real question ("How old are they?", "Which one was it?") are no tag. A fix offered as the subject of a yes/no
question is one however long its description ("Would a text when the lorry leaves the depot help?"). Reads the rules
alone; no embedder."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Flag, Label


@pytest.mark.parametrize("turn, previous", [
    ("They never sent you a reminder, did they?", "My contract ended in June and they kept charging me."),
    ("The staff there are never around when you need them, are they?", "I go to the big DIY place most weekends."),
    ("She probably doesn't wear it half the time, does she?", "My mum has one of those alarm pendants."),
    ("It wasn't cheap, was it?", "We booked the cottage for a week."),
    ("they didn't reply did they", "I emailed them twice about it."),
])
def test_a_positive_tag_after_a_negative_clause_is_leading(turn, previous):
    assert rules.analyse(turn, previous).top[0] is Label.LEADING


@pytest.mark.parametrize("turn", [
    "How old are they?", "Which one was it?", "And where are they now?", "Who was it?",
])
def test_a_question_ending_in_those_words_is_no_tag(turn):
    assert rules.analyse(turn, None).top[0] is not Label.LEADING


@pytest.mark.parametrize("turn", [
    "Would a text when the lorry leaves the depot help?",
    "Would a price estimate by text before the appointment help?",
    "Would a reminder help?",
])
def test_a_fix_described_at_length_is_still_offered(turn):
    form = rules.analyse(turn, "The deliveries just turn up whenever.")
    assert form.top[0] is Label.LEADING
    assert Flag.PITCH in {hit.flag for hit in form.flags}


@pytest.mark.parametrize("turn", [
    "I mean, don't get me wrong, I get why they do it.",
    "I don't know why she did it.",
])
def test_a_verb_after_its_subject_is_no_tag(turn):
    assert rules.analyse(turn, "They make it hard on purpose.").top[0] is Label.STATEMENT
