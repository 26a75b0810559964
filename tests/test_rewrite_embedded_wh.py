"""A closed wh-question whose rewrite would otherwise lose what it asked ("Can you tell me more about that?") is asked
about as a story of its own fact: "Who paid in the end?" -> "Tell me more about who paid." The question's order is made
that of a clause (subject before auxiliary, "did" + verb as the past). The sentences are not in any tuning set."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from benchmarks.rewrite_quality import grammar_problems, keeps_topic  # noqa: E402
from scoring.labels import Label  # noqa: E402
from scoring.rewrite import _embedded_wh_rewrite, suggest_rewrites  # noqa: E402
from simulator import nlp  # noqa: E402

pytestmark = pytest.mark.skipif(not nlp.available(), reason="the English pipeline is needed for the parse")


@pytest.mark.parametrize("question, expected", [
    ("Who fixed the boiler in the end?", "Tell me more about who fixed the boiler."),
    ("which bit takes the longest", "Tell me more about which bit takes the longest."),
    ("How much was the deposit?", "Tell me more about how much the deposit was."),
    ("how many of those do you actually open", "Tell me more about how many of those you actually open."),
    ("Where did your brother stay after that?", "Tell me more about where your brother stayed after that."),
    ("How often does the alarm go off?", "Tell me more about how often the alarm goes off."),
])
def test_a_wh_question_becomes_a_clause_to_tell_about(question, expected):
    built = _embedded_wh_rewrite(question)
    assert built == expected
    assert grammar_problems(built) == [] and keeps_topic(built, question)[0]


@pytest.mark.parametrize("question", [
    "Did it ever turn up?",  # no question word: nothing to embed
    "Is the boiler fixed now?",
    "What do you think about it?",  # "what" questions are open already, or rewritten otherwise
])
def test_no_clause_without_a_closed_question_word(question):
    assert _embedded_wh_rewrite(question) is None


@pytest.mark.parametrize("question, expected", [
    ("Who rang first?", "Tell me more about who rang first."),
    ("who drove that day", "Tell me more about who drove that day."),
])
def test_the_generic_rewrite_gives_way_to_the_question_s_own_fact(question, expected):
    # Nothing in these names a thing: the rewrite used to be "Can you tell me more about that?".
    rewrites = suggest_rewrites(question, Label.CLOSED)
    assert rewrites[0] == expected
