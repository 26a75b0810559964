"""Form rules on their own (no embeddings): focus, fillers, echoes, language, flags."""

from __future__ import annotations

import pytest

from scoring.labels import Flag, Label
from scoring.rules import analyse, clean_text, detect_language, echo_match, split_sentences, strip_fillers


def top(text: str, previous: str | None = None) -> Label:
    return analyse(text, previous).top[0]


def test_rules_strip_fillers_removes_hesitations_but_keeps_words():
    assert strip_fillers("So, um, tell me, uh, about it") == "So, tell me, about it"
    assert strip_fillers("Do you know the price?") == "Do you know the price?"


def test_rules_clean_text_drops_control_characters_and_keeps_the_end_of_long_text():
    assert clean_text("Hi\x00 there\u200b?") == "Hi there ?"
    long = "blah " * 1000 + "How did that go?"
    assert clean_text(long).endswith("How did that go?")
    assert len(clean_text(long)) <= 1500


def test_rules_split_sentences_on_terminal_punctuation():
    assert split_sentences("Okay. That's great. How often do you go?") == ["Okay.", "That's great.", "How often do you go?"]


def test_rules_focus_is_the_last_question_of_a_multi_sentence_turn():
    form = analyse("That's really helpful, thanks. I hadn't thought of that. How often do you go to the gym?")
    assert form.focus == "How often do you go to the gym?"
    assert form.top[0] == Label.CLOSED


def test_rules_preamble_and_fillers_do_not_hide_an_open_question():
    assert top("Okay, great. So, um, tell me a bit about how you got started?", "Yeah, happy to help.") == Label.OPEN


def test_rules_caption_without_punctuation_finds_the_embedded_question():
    form = analyse("that's really interesting I hadn't thought about that how often do you go")
    assert form.top[0] == Label.CLOSED


def test_rules_a_subordinate_when_clause_is_not_a_question():
    form = analyse("So when one item is swapped, the whole plan falls apart.",
                   "If they swap one thing, the whole plan falls apart.")
    assert form.top[0] == Label.REFLECTION


@pytest.mark.parametrize("text, previous, score", [
    ("Three hours?", "It took me three hours to set it up.", 1.0),
    ("Not worth the hassle?", "In the end it was not worth the hassle.", 1.0),
    ("You sold your car.", "I sold my car last year.", 1.0),  # pronouns flip
    ("Three hours?", None, 0.0),
    ("Okay.", "Okay, so that was it.", 0.0),  # acknowledgements are never echoes
    ("Why?", "I don't know why.", 0.0),
])
def test_rules_echo_match_scores_repeated_words(text, previous, score):
    assert echo_match(text, previous) == pytest.approx(score, abs=0.01)


@pytest.mark.parametrize("text, language", [
    ("How often do you order groceries?", "en"),
    ("Hoe vaak bestelt u boodschappen?", "other"),
    ("Vertel eens over de laatste keer dat u boodschappen deed.", "other"),
    ("얼마나 자주 주문하세요?", "other"),
    ("您是出于这五个原因中的哪一个与我们联系?", "other"),
    ("Three hours?", "en"),
    ("Mm-hm.", "en"),
])
def test_rules_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text, flag", [
    ("If we added a one-hour delivery window, would you use it?", Flag.HYPOTHETICAL),
    ("How much would you pay for it?", Flag.HYPOTHETICAL),
    ("How often do you order and what do you usually buy?", Flag.DOUBLE_BARRELED),
    ("We're building an app that plans your meals.", Flag.PITCH),
    ("Our new feature lets you share a list.", Flag.PITCH),
    ("Tell me, did you cancel because of the price?", Flag.FAUX_INVITATION),
])
def test_rules_detect_flags(text, flag):
    assert flag in {hit.flag for hit in analyse(text).flags}


@pytest.mark.parametrize("text", [
    "How would you describe your hair?",  # a polite open question, not a hypothetical
    "Is there anything else you'd like to add?",
    "Would you mind walking me through it?",
])
def test_rules_polite_would_is_not_hypothetical(text):
    assert Flag.HYPOTHETICAL not in {hit.flag for hit in analyse(text).flags}


def test_rules_or_between_options_is_a_choice_not_double_barreled():
    form = analyse("Do you use the mobile app or the website?")
    assert form.top[0] == Label.CLOSED
    assert Flag.DOUBLE_BARRELED not in {hit.flag for hit in form.flags}


def test_rules_their_own_evaluative_word_is_not_a_presupposition():
    assert top("Why was it such a nightmare?", "The first month was a nightmare, honestly.") == Label.OPEN
    assert top("Why was it such a nightmare?", "The first month was busy.") == Label.LEADING


def test_rules_empty_text_is_a_statement():
    form = analyse("   ")
    assert form.top[0] == Label.STATEMENT
    assert form.cues[0].name == "empty"
