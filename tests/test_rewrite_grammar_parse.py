"""Rewrites cut short by cutting words out of a question, read off spaCy's parse: the stricter grammar check of
``benchmarks/rewrite_quality.py`` and the scorer's own check (``scoring.rewrite._cut_short``) that keeps such
rewrites out."""

from __future__ import annotations

import pytest

from simulator import nlp


@pytest.fixture(scope="module")
def loaded():
    if nlp.load() is None:
        pytest.skip("the English pipeline is not installed")
    return True


CUT = [
    # a verb that needs its object, with the object cut
    "Tell me about the last time your brother borrowed.",
    "Tell me about the last time the landlord replaced.",
    # a finite clause after a preposition
    "How do you choose between it's cheaper and the bus?",
    "How do you decide between that's the landlord and the agent?",
    # a preposition with nothing after it
    "Tell me about the last time you paid with.",
    # a determiner with no noun
    "Tell me about the did the plumber arrive.",
    # a pronoun or a contracted auxiliary left at the end
    "Tell me more about the caretaker they.",
    "Tell me more about Leeds we've.",
    # an inverted question inside a request
    "Tell me about who waters the plants or is it your partner.",
    # an amount word with no amount, a reflexive with nobody to point to
    "Tell me about the last time you spent weekly roughly.",
    "Tell me more about the rota myself.",
]

WHOLE = [
    "Tell me about the last time you cancelled.",
    "Tell me about the tools you need.",
    "What did you end up buying?",
    "Walk me through a typical day when you get there.",
    "How did you decide between staying and going somewhere else after?",
    "Tell me about the people you worked with.",
    "Tell me more about how often that happens, roughly.",
    "How do you decide between the bus and the train?",
    "Tell me about the last time you checked and fixed it.",
    "What is the form like to fill in?",
    "Tell me about the last time they were delivered.",
    "Tell me more about your neighbour's van.",
]


@pytest.mark.parametrize("text", CUT)
def test_the_checker_catches_a_rewrite_cut_short(loaded, text):
    from benchmarks.rewrite_quality import grammar_problems

    assert grammar_problems(text), text


@pytest.mark.parametrize("text", WHOLE)
def test_the_checker_passes_a_whole_rewrite(loaded, text):
    from benchmarks.rewrite_quality import grammar_problems

    assert grammar_problems(text) == [], text


def test_the_checker_catches_a_relative_clause_without_its_preposition(loaded):
    from benchmarks.rewrite_quality import grammar_problems

    assert grammar_problems("How do you feel about the neighbours we complain?")
    assert grammar_problems("How do you feel about the neighbours we complain to?") == []


def test_the_checker_catches_an_adjective_with_no_noun(loaded):
    from benchmarks.rewrite_quality import grammar_problems

    assert grammar_problems("What happened with the new?")
    assert grammar_problems("What happened with the new boiler?") == []


def test_the_checker_no_longer_flags_a_noun_that_may_be_an_adjective(loaded):
    from benchmarks.rewrite_quality import grammar_problems

    assert grammar_problems("Tell me about your experience with their online banking.") == []
    assert grammar_problems("Tell me more about the same gym routine.") == []


@pytest.mark.parametrize("text", CUT)
def test_the_scorer_sees_a_rewrite_cut_short(loaded, text):
    from scoring.rewrite import _cut_short

    assert _cut_short(text), text


@pytest.mark.parametrize("text", WHOLE)
def test_the_scorer_keeps_a_whole_rewrite(loaded, text):
    from scoring.rewrite import _cut_short

    assert _cut_short(text) is None, text


def test_a_passive_question_keeps_its_passive(loaded):
    from scoring.rewrite import suggest_rewrites

    made = suggest_rewrites("Have you ever not been thanked for it?", "closed", [])
    assert made and "you thanked" not in made[0], made


def test_no_rewrite_is_left_with_a_cut_verb(loaded):
    from scoring.rewrite import _cut_short, suggest_rewrites

    previous = "The caretaker comes on Fridays, and then the neighbour upstairs grabs the parking space before I can."
    for question in ("So that's why you gave up on the parking, right?", "How often does the neighbour do that?",
                     "and is it always you sorting it or someone else"):
        for one in suggest_rewrites(question, "leading", [], previous=previous):
            assert _cut_short(one) is None, (question, one)


def test_a_cut_echo_is_dropped(loaded):
    from scoring.rewrite import _cut_short, suggest_rewrites

    made = suggest_rewrites("Did that help?", "closed", [], previous="At the start they told us to wait.")
    assert all(_cut_short(one) is None for one in made), made


def test_an_amount_keeps_its_currency_sign_attached(loaded):
    from scoring.rewrite import _their_topic

    assert all("£ " not in np for np in _their_topic("Our neighbour had a £2,300 roof bill last winter."))


def test_a_verb_inside_a_hyphenated_noun_is_no_missing_noun(loaded):
    from benchmarks.rewrite_quality import grammar_problems
    from scoring.rewrite import _cut_short

    assert grammar_problems("Tell me more about the check-in desk.") == []
    assert _cut_short("Tell me more about the check-in desk.") is None
