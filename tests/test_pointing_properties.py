"""What a short follow-up names: the word "how" asks the degree of is part of the question word, a new noun that is a
side of what she told ("the refund for those") is not a thing outside her life, a general noun ("stuff") names
nothing, fillers do not hide "are you a real person?", and "one" as a pronoun ("wrong on one") points back."""

from __future__ import annotations

import pytest

from simulator import nlp
from simulator.embeddings import HashingEmbedder
from simulator.policy import State, _claims_foreign_doing, _names_foreign_things, _of_what_was_said, is_break_attempt
from simulator.retrieval import TopicIndex
from simulator.understanding import units

needs_parser = pytest.mark.skipif(not nlp.available(), reason="the English pipeline is not installed")


@pytest.fixture(scope="module")
def cooking_index():
    from simulator.persona import load_persona

    from .conftest import TEST_PERSONA

    return TopicIndex(load_persona(TEST_PERSONA), HashingEmbedder())


@needs_parser
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How long does that take you?", ["take"]),
        ("How often do you go?", []),
        ("How far is the shop?", ["shop"]),
        # Not after "how": the word is what is said.
        ("It takes a long time.", ["take", "long", "time"]),
    ],
)
def test_the_word_how_asks_the_degree_of_is_no_content(text, expected):
    assert nlp.content_lemmas(text) == expected


def test_dutch_hoe_lang_is_a_question_word_but_hoe_betaal_keeps_its_verb():
    assert units("Hoe lang ben je dan, eh, onderweg?", "nl") == ["onderweg"]
    assert "betaal" in units("Hoe betaal je de fiets?", "nl")


@needs_parser
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("And the refund for those?", {"refund"}),
        ("What about its price?", {"price"}),
        ("And the cost of that?", {"cost"}),
        ("Did you get a refund from the shop?", set()),
    ],
)
def test_a_noun_that_is_a_side_of_what_was_told(text, expected):
    assert _of_what_was_said(text) == expected


@needs_parser
def test_a_side_of_what_was_told_is_not_a_foreign_thing(cooking_index):
    state = State()
    assert _names_foreign_things(cooking_index, state, "And the refund from the council?")
    assert not _names_foreign_things(cooking_index, state, "And the refund for those?")


@needs_parser
def test_a_general_noun_claims_no_foreign_doing(cooking_index):
    assert not _claims_foreign_doing(cooking_index, State(), "Where do you buy stuff now, mostly?")
    assert _claims_foreign_doing(cooking_index, State(), "Where do you buy clothes now, mostly?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sorry, I have to check, it's — this'll sound weird — you're, like, an actual person, yeah? Not an AI?", True),
        ("Ik moet dit vragen — je bent wel, eh, een echt persoon toch? Geen, eh, chatbot?", True),
        # Who she dealt with, not what she is; a filler beside a word is still no question.
        ("Did you talk to a real person, like, or a chatbot?", False),
        ("So, um, you, like, use the app every week?", False),
    ],
)
def test_fillers_do_not_hide_the_question_whether_she_is_real(text, expected):
    assert is_break_attempt(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The interviewer's hedge after a comma, a hesitation and a word said twice are not what she agrees to.
        ("And the price going up, I bet that, um, that annoyed you, right?", "the price going up, that annoyed me"),
        ("So, um, you, like, stopped because of the price, right?", "I stopped because of the price"),
        ("I guess, I guess the app was, um, kind of slow, yeah?", "the app was kind of slow"),
        ("So the, the delivery fee put you off, didn't it?", "the delivery fee put me off"),
        # Words that do stand twice stay.
        ("You had had enough, right?", "I had had enough"),
    ],
)
def test_the_suggestion_she_agrees_to_leaves_the_interviewers_speech_out(text, expected):
    from simulator.policy import extract_suggestion

    assert extract_suggestion(text) == expected


def test_chinese_hesitations_are_left_out_of_what_is_retrieved():
    from simulator.textutil import topic_core

    core = topic_core("那现在，嗯，家里买菜，就是，是怎么解决的？", "zh")
    assert "嗯" not in core and "就是" not in core and "家里买菜" in core


@needs_parser
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Who wrote the list?", "en", True),
        ("Where were you when the van pulled up?", "en", True),
        ("Who had told you?", "en", True),
        ("Who helps you with the accounts side?", "en", False),
        # Dutch: the verb that stands second (more in tests/test_turn_reading.py); Chinese has no tense to read.
        ("Welke route reed je?", "nl", True),
        ("Welke route rijd je?", "nl", False),
        ("你当时走的哪条路？", "zh", False),
    ],
)
def test_a_question_about_what_happened_is_told_by_its_tense(text, language, expected):
    from simulator.understanding import asks_about_the_past

    assert asks_about_the_past(text, language) is expected


@needs_parser
@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Who carried the crates up?", "en", True),
        ("What did you do first?", "en", True),
        # A yes/no question, a question in the present, a long one: not a fact of the moment.
        ("Did you carry the crates up?", "en", False),
        ("Where do you go on holiday?", "en", False),
    ],
)
def test_a_short_question_for_a_fact_of_the_moment(text, language, expected):
    from simulator.policy import _asks_about_the_moment

    assert _asks_about_the_moment(text, language) is expected


def test_new_words_of_the_moment_she_just_told_are_answered_from_it(real_engine):
    from simulator.persona import load_persona

    from .conftest import ROOT

    session = real_engine.start(load_persona(ROOT / "personas" / "dev-grocery-promoter.yaml"), seed=1)
    _, story = session.ask("Tell me about the last time your order came.")
    assert story.topic is not None
    _, reply = session.ask("Who carried the crates up?")
    assert reply.topic == story.topic and reply.move not in {"no_experience", "unknown", "clarify"}
    # Something of her life outside the story, asked in the present, is still not hers.
    _, aside = session.ask("Where do you go skiing these days?")
    assert aside.topic is None


# "one" standing for a thing of the conversation ------------------------------------------------------------------


@needs_parser
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Has anything ever been wrong on one?", True),
        ("Which one did you end up with?", True),
        ("Did you get the other one?", True),
        # A number before a noun, nobody, and one of something named point nowhere.
        ("Tell me about one day last week.", False),
        ("Did no one help?", False),
        ("Was one of the drivers rude?", False),
        ("One more question: how old are you?", False),
    ],
)
def test_one_points_back_only_as_a_pronoun(text, expected):
    from simulator.policy import _has_anaphora

    assert _has_anaphora(text, "en") is expected
