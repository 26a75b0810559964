"""Two ways a rewrite read wrong: a "when" clause kept the interviewer's hedge and lost its tense ("so wednesday's when
you kind of gave up on it" -> "What happens when you kind of gave up on it?"), and a faux invitation's "tell me" was
turned round onto the customer ("Can you tell me how much extra it cost you?" -> "Tell me about the last time you
told you how much extra it cost you."). Checked with the benchmark's own grammar reader."""

from __future__ import annotations

import re

import pytest

from benchmarks.rewrite_quality import grammar_problems
from scoring.rewrite import _unnatural_words, suggest_rewrites


@pytest.mark.parametrize("turn, rewrite", [
    ("so wednesday's when you kind of gave up on it", "What happened when you gave up on it?"),
    ("so that's when you sort of stopped ordering", "What happened when you stopped ordering?"),
    ("so that's when you kind of lose track", "What happens when you lose track?"),
])
def test_a_when_clause_keeps_its_tense_and_loses_the_hedge(turn, rewrite):
    first = suggest_rewrites(turn, "leading", [], None)[0]
    assert first == rewrite
    assert not grammar_problems(first)


@pytest.mark.parametrize("candidate", [
    "Tell me about the last time you told you how much extra it cost you.",
    "Tell me about the last time you asked you for a refund.",
])
def test_you_doing_something_to_you_is_not_natural(candidate):
    assert _unnatural_words(candidate, "Can you tell me how much extra it cost you?")


@pytest.mark.parametrize("candidate", [
    "Tell me about the last time you said you would cancel.",
    "Tell me about the last time someone told you about it.",
])
def test_you_and_someone_else_is_fine(candidate):
    assert _unnatural_words(candidate, "Did anyone tell you about it?") is None


@pytest.mark.parametrize("candidate", [
    "Tell me more about the same-.",            # a word cut off by a false start ("is it the same- is it always…")
    "What made you didn 't tell him?",         # a contraction cut from its word, and a finite verb after "made you"
    "What made you didn't tell him?",
])
def test_a_cut_word_or_a_finite_verb_after_made_you_does_not_read_naturally(candidate):
    from scoring.rewrite import reads_naturally

    assert not reads_naturally(candidate)


@pytest.mark.parametrize("candidate", [
    "Tell me about the well-known brand.",
    "What made you stop?",
    "Tell me about the self-service option.",
])
def test_hyphenated_words_and_made_you_with_a_bare_verb_read_naturally(candidate):
    from scoring.rewrite import reads_naturally

    assert reads_naturally(candidate)


def test_a_false_start_leaves_no_cut_word_in_the_rewrite():
    rewrite = suggest_rewrites("is it the same- is it always mondays", "closed", [], None)[0]
    assert not re.search(r"[a-z]-(?=\s|[?.!]|$)", rewrite)
