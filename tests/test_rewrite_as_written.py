"""A rewrite reads as a person writes it: a word capitalised only because it opened a sentence of the turn is
lower-case inside the rewrite (names keep their capital), no space before punctuation, and a template rewrite that
asks about no thing at all is mended or left out."""
import pytest

from scoring.labels import Label
from scoring.rewrite import _as_written, _mend_object, suggest_rewrites


@pytest.mark.parametrize("made,turn,want", [
    ("Tell me about The second landing.", "The second landing?", "Tell me about the second landing."),
    ("Tell me about Family.", "Who else was weighing in, around then? Family?", "Tell me about family."),
    ("Tell me more about when that was , exactly.", "When was that, exactly?", "Tell me more about when that was, exactly."),
    ("Tell me about Anjali.", "Anjali was driving up every other Saturday, is that right?", "Tell me about Anjali."),
    ("Tell me more about BasketRun.", "And who else uses BasketRun, that you know of?", "Tell me more about BasketRun."),
])
def test_capitals_and_spacing(made, turn, want):
    assert _as_written(made, turn) == want


@pytest.mark.parametrize("made,want", [
    ("Tell me about which client.", "Tell me about the client."),
    ("Tell me more about the, the late shows.", "Tell me more about the late shows."),
    ("Tell me more about the sheet ha.", "Tell me more about the sheet."),
    ("Tell me more about from.", None), ("Tell me more about oh.", None), ("What was where like for you?", None),
    ("Tell me about who you told.", "Tell me about who you told."),
    ("What happened with the app?", "What happened with the app?"),
])
def test_template_objects_are_mended_or_left_out(made, want):
    assert _mend_object(made) == want


def test_a_turn_whose_only_rewrite_asks_about_nothing_gets_the_plainest_open_question():
    made = suggest_rewrites("Twelve thousand. From where, exactly?", Label.CLOSED, previous="Twelve thousand a month.")
    assert made and made[0] != "Tell me more about from." and not made[0].lower().startswith("tell me more about from")


@pytest.mark.parametrize("turn,want", [
    ("Have you got a car?", "Tell me about your car."),
    ("Have you got kids?", "Tell me about your kids."),
    ("With your early shifts, when do you even get to the shops?", "What was going on when you got to the shops?"),
])
def test_possession_and_an_adverb_before_the_verb(turn, want):
    made = suggest_rewrites(turn, Label.CLOSED)
    assert made and made[0] == want
    assert "got a car" not in made[0] and "evened" not in made[0]


def test_the_interviewers_own_things_are_not_asked_about():
    from scoring.rewrite import _about_their_own

    assert _about_their_own("Tell me more about your nan.", "My nan always said never change your bank, ha. Anyone nearby?")
    assert _about_their_own("Tell me more about your colleague.", "Sorry, my colleague said you might be an AI?")
    assert not _about_their_own("Tell me more about your bank.", "My nan always said never change your bank, ha.")
    assert not _about_their_own("Tell me more about your dad.", "Oh, I'm sorry about your dad. Is he doing okay?")


def test_the_verb_of_a_perfect_is_its_participle():
    from scoring.labels import Flag

    made = suggest_rewrites("Would you have paid for Stridewell after the trial?", Label.CLOSED, [Flag.HYPOTHETICAL])
    assert made and made[0] == "Tell me about the last time you paid for Stridewell."
