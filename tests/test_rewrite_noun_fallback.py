"""A rewrite that would name nothing of a question that names something ("Tell me about the last time that
happened." for "Whiteboards are a nightmare for that sort of thing, aren't they?") asks about the thing the question
names instead, by its parse: an object before a subject, never a pronoun, a time, a frame word or the verdict handed
over, and never what the question offers as the answer ("…is the cost of the childcare?"). The turns here are not in
the tuning sets."""

from __future__ import annotations

import pytest

from benchmarks.rewrite_quality import grammar_problems, keeps_topic
from scoring.labels import Flag, Label
from scoring.rewrite import _noun_phrase_rewrite, suggest_rewrites


def _main(text, label, previous=None, flags=()):
    rewrites = suggest_rewrites(text, Label(label), [Flag(f) for f in flags], previous)
    assert rewrites, text
    return rewrites[0]


@pytest.mark.parametrize("text, label, expected", [
    ("Spreadsheets are a nightmare for rotas, aren't they?", "leading", "Tell me more about spreadsheets."),
    ("Would a way to book the minibus the day before help?", "closed", "Tell me more about the minibus."),
])
def test_the_thing_the_question_names_is_asked_about(text, label, expected):
    rewrite = _main(text, label)
    assert rewrite == expected
    assert grammar_problems(rewrite) == []
    assert keeps_topic(rewrite, text)[0]


@pytest.mark.parametrize("text, expected", [
    ("Did they say why the parcel was late?", "Tell me more about the parcel."),  # never a pronoun
    ("Do you reckon the new rota is the problem?", "Tell me more about the rota."),  # "new": the verdict's word
    ("Is my cousin's flat near the station?", "Tell me more about the station."),
    # What is said of a thing ("…is the price of the parking") is the answer offered, not the topic; frame words and
    # times are no topic either.
    ("So the real problem is the price of the parking?", None),
    ("Was that the worst day of the week?", None),
])
def test_the_noun_phrase_chosen(text, expected):
    assert _noun_phrase_rewrite(text) == expected


def test_a_question_of_its_own_keeps_its_rewrite():
    # "What did he end up doing?" says a word of the question: the option it offered is not brought back.
    rewrite = _main("Did he end up staying with his brother?", "closed")
    assert "end up" in rewrite and "brother" not in rewrite


@pytest.mark.parametrize("text, label", [
    ("That must have felt like a total rip-off.", "leading"),  # the verdict is no topic
    ("So I guess you were pretty annoyed at that point, yeah?", "leading"),  # nor a time
])
def test_a_question_that_names_no_thing_keeps_its_rewrite(text, label):
    rewrite = _main(text, label)
    assert "rip" not in rewrite and "point" not in rewrite


def test_the_customer_s_thing_is_kept_over_the_question_s_word():
    rewrite = _main("Would that have made a difference?", "closed", "Nobody told us about the housing grant.",
                    ("hypothetical",))
    assert "grant" in rewrite


@pytest.mark.parametrize("text, expected", [
    ("Is your son okay?", "your son"),
    ("Is the allotment waiting list long?", "the allotment waiting list"),
    ("Was the whole moving thing stressful?", "the whole moving thing"),
])
def test_what_is_said_of_the_thing_is_no_part_of_its_name(text, expected):
    # The word-level noun phrase ends on its noun: "Can you tell me more about your son okay?" read badly.
    rewrite = _main(text, "closed")
    assert expected in rewrite
    assert not any(w in rewrite for w in ("okay", "long", "stressful"))
    assert grammar_problems(rewrite) == []
