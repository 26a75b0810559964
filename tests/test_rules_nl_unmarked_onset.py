"""Dutch captions with no punctuation at all: the question starts where a question word is followed by a finite verb
and its subject, even with no comma before it. Fronted words before an inverted verb ("toen heb je…") are Dutch word
order, not a question. Reads ``scoring.rules_nl`` alone; no embedder."""

from __future__ import annotations

import pytest

from scoring import rules_nl
from scoring.labels import Flag, Label

SALON = "Ik werk sinds drie jaar met de planner, vooral op zaterdag is het druk."


def label(text: str, previous: str | None = SALON) -> Label:
    return rules_nl.analyse(text, previous).top[0]


@pytest.mark.parametrize("text", [
    "je zei net dat het druk was hoe ga je daar dan mee om",
    "je hebt het over drukte wat bedoel je daarmee",
    "je klanten hoe reageren die daarop",
    "en jij dan hoe vind jij dat",
    "dus je zegt het is druk en wat doe je dan",
])
def test_a_question_after_an_unpunctuated_preamble_is_open(text):
    assert label(text) is Label.OPEN
    assert rules_nl.is_question(text)


@pytest.mark.parametrize("text, onset", [
    ("je zei net dat het druk was hoe ga je daar dan mee om", "hoe ga je daar dan mee om"),
    ("je had het over de planner hoe vaak heb je die nodig", "hoe vaak heb je die nodig"),
])
def test_the_onset_is_where_the_question_word_is(text, onset):
    assert rules_nl.question_onset(text) == onset


@pytest.mark.parametrize("text", [
    "we hebben gekeken hoe het ging",               # "hoe het": an embedded question, verb-final
    "ik snap niet wat je bedoelt",                   # "wat je": no finite verb after the question word
])
def test_embedded_question_words_start_no_question(text):
    assert rules_nl.question_onset(text) is None
    assert not rules_nl.is_question(text)


@pytest.mark.parametrize("text", [
    "Dus de bezorger kwam twee uur te laat en toen heb je zelf gekookt van wat er nog was.",
    "Dus je hebt drie maanden gefietst, toen begaf de accu het, en nu moet je zes weken wachten.",
    "dus eigenlijk wil je gewoon minder vaak koken",
])
def test_an_inverted_verb_after_a_fronted_word_is_no_question(text):
    assert label(text) is not Label.CLOSED


@pytest.mark.parametrize("text", [
    "je zou me eens kunnen vertellen hoe zo'n dag loopt",
    "Je mag het helemaal van begin tot eind vertellen.",
    "ik ben wel benieuwd naar je klanten",
    "laat maar eens horen hoe dat gaat",
])
def test_a_request_to_tell_in_any_word_order_is_open(text):
    assert label(text) is Label.OPEN


@pytest.mark.parametrize("text", [
    "je vertelde net dat het druk was",          # telling in the past: what they said, not a request
    "je hoeft het niet te vertellen hoor",      # negated
])
def test_telling_verbs_that_request_nothing_are_not_open(text):
    assert label(text) is not Label.OPEN


@pytest.mark.parametrize("text", [
    "Je werkt er al drie jaar mee en dan?",
    "Je zei drie jaar, en daarvoor?",
    "Dus je belt om acht uur, hangt twintig minuten in de wacht, en toen?",
])
def test_a_short_prompt_after_a_summary_asks_for_more(text):
    assert label(text) is Label.OPEN


def test_a_remark_before_and_a_question_is_not_two_questions():
    remark = rules_nl.analyse("ja snap ik en eh hoe reageerde je baas daarop", SALON)
    two = rules_nl.analyse("hoe vond je dat en wat deed je toen", SALON)
    assert Flag.DOUBLE_BARRELED not in {hit.flag for hit in remark.flags}
    assert Flag.DOUBLE_BARRELED in {hit.flag for hit in two.flags}
