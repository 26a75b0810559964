"""A founder's turns: fishing for approval of "ours" with a tag and an afterthought, "our thing", and asking what the
customer would pay (an amount: closed). Real rules, no embedding needed for these forms."""

from __future__ import annotations

import pytest

from scoring.classifier import QuestionClassifier


@pytest.fixture(scope="module")
def classifier():
    return QuestionClassifier()


@pytest.mark.parametrize(
    "text",
    [
        "It's a pretty good idea though, right, ours?",
        "It's not a stupid idea though, is it, ours?",
        "Our thing would make all that quicker though, wouldn't it?",
    ],
)
def test_fishing_for_approval_of_ours_is_a_leading_pitch(classifier, text):
    result = classifier.classify(text)
    assert result.label.value == "leading"
    assert "pitch" in {f.value for f in result.flags}


def test_a_phrase_after_the_tag_leaves_the_tag_at_the_end(classifier):
    assert classifier.classify("You go every week, don't you, to the market?").label.value == "leading"
    # An "or" after the comma is a choice, not an afterthought.
    assert classifier.classify("Is it the card machine, or the key cards?").label.value == "closed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What would you pay for that, a couple of pounds a month?", "closed"),
        ("What would a service like that be worth to you, per month?", "closed"),
        ("What did they charge you?", "closed"),
        # Which things, not how much; and "pay attention" is no money.
        ("What would you happily pay for?", "open"),
        ("What did you pay attention to?", "open"),
    ],
)
def test_what_someone_would_pay_is_an_amount(classifier, text, expected):
    assert classifier.classify(text).label.value == expected


def test_our_thing_as_a_habit_is_no_pitch(classifier):
    assert "pitch" not in {f.value for f in classifier.classify("Our thing is that we never call back.").flags}


@pytest.mark.parametrize(
    ("text", "label", "double"),
    [
        # A verbless afterthought after a yes/no or tag question adds to it: the tag question is what is asked.
        ("Be honest, it's not a daft idea, is it? A forecast on top?", "leading", False),
        ("Did you like it? The app?", "closed", False),
        # A question of its own ("And the price?") and a guessed answer after a wh-question stay as they were.
        ("What did you buy? And the price?", "closed", True),
        ("How did you hear about us? A friend?", "closed", True),
    ],
)
def test_a_verbless_afterthought_is_not_a_second_question(classifier, text, label, double):
    result = classifier.classify(text)
    assert result.label.value == label
    assert ("double_barreled" in {f.value for f in result.flags}) is double


def test_the_persona_answers_a_price_question_with_an_afterthought_as_a_hypothetical(real_engine):
    from simulator.persona import load_persona

    from .conftest import ROOT

    session = real_engine.start(load_persona(ROOT / "personas" / "hyejin-shampoo-terse.yaml"), seed=1)
    session.ask("How do you usually wash your hair?")
    _, reply = session.ask("What would you pay for that, a couple of pounds a month?")
    assert reply.move == "hypothetical"
