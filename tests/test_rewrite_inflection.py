"""A rewrite never puts a verb ending on a word that is no verb ("How do you feel about anothering?", "the last time
you obviouslied…") nor cuts a contraction from its word ("when they 'd run out"); a noun or a new word used as a
verb ("texting", "whatsapping") is English and stays."""

import pytest

from scoring.rewrite import _real_inflection, reads_naturally


@pytest.mark.parametrize("word", ["anothering", "obviouslied", "reallying", "itselfing"])
def test_a_verb_ending_on_a_word_of_another_kind_is_made_up(word):
    assert not _real_inflection(word)


@pytest.mark.parametrize("word", ["texting", "whatsapping", "ordered", "shopping", "morning", "during", "something"])
def test_real_words_and_verbed_nouns_stay(word):
    assert _real_inflection(word)


@pytest.mark.parametrize("candidate", [
    "How do you feel about anothering?",
    "Tell me about the last time you obviouslied love an editor.",
    "How did you feel when they 'd run out?",
    # A pronoun taken for the topic's noun.
    "Tell me about the you.",
    "Tell me more about the both.",
    "Tell me more about You.",
    "How did you feel about you?",
])
def test_such_rewrites_do_not_read_naturally(candidate):
    assert not reads_naturally(candidate)


@pytest.mark.parametrize("candidate", [
    "Tell me about the last time you texted the driver.",
    "How do you feel about switching to another site?",
    "What was that morning like?",
    "What did they say about you?",
    "Tell me more about the loyalty.",
])
def test_ordinary_rewrites_still_do(candidate):
    assert reads_naturally(candidate)
