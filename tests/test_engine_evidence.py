"""The question's own evidence before the conversation's: the dialogue prior decides only what a question leaves
open; a verb the persona never says names something; the off-topic gate is the same for closed questions,
summaries and leading questions; a summary of what she never said is answered, not confirmed; and each
language's units (Chinese pairs across particles, Korean stacked particles, Dutch compounds, Korean honorific
forms) do not make her own words look foreign.

Hashing embedder and scripted labels: the mechanisms, not the models."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_personas
from simulator.policy import (
    PRIOR_MARGIN,
    State,
    _elliptic,
    _her_words,
    _names_its_antecedent,
    _says_less,
    _weigh_prior,
)
from simulator.retrieval import COMPOUND_SHARE, TopicIndex, TopicMatch, interview_vocabulary
from simulator.understanding import _CJK_EDGE_CHARS, units

from .conftest import ScriptedClassifier

ABSTAIN = {"clarify", "no_experience", "break_character"}


@pytest.fixture(scope="module")
def shipped():
    return load_personas().personas


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


@pytest.fixture
def index(test_persona):
    return TopicIndex(test_persona, HashingEmbedder())


# The prior weighs less than the question's own evidence ---------------------------------------------------


def _match(topic, score):
    return TopicMatch(topic, score, score, 0.0, False, score)


def test_the_prior_breaks_near_ties_only():
    own = [_match("delivery", 0.60), _match("cooking", 0.60 - PRIOR_MARGIN / 2)]
    boosted = [_match("cooking", 0.70), _match("delivery", 0.60)]
    assert _weigh_prior(boosted, own)[0].topic == "cooking"


def test_the_prior_does_not_overrule_a_question_that_says_what_it_is_about():
    own = [_match("delivery", 0.60), _match("cooking", 0.60 - 2 * PRIOR_MARGIN)]
    boosted = [_match("cooking", 0.70), _match("delivery", 0.60)]
    assert _weigh_prior(boosted, own)[0].topic == "delivery"


def test_a_pronoun_whose_antecedent_the_turn_names_does_not_point_back(index):
    whole = "You mentioned the hospital night shifts. How are they?"
    parts = ["You mentioned the hospital night shifts.", "How are they?"]
    assert _names_its_antecedent(index, parts, whole, index.threshold)
    assert not _names_its_antecedent(index, ["Right.", "How are they?"], "Right. How are they?", index.threshold)
    assert not _names_its_antecedent(index, ["How are they?"], "How are they?", index.threshold)


def test_a_last_sentence_that_names_nothing_is_read_with_the_one_before(index):
    assert _says_less(index, "Why did you do that?", "Night shifts at the hospital. Why did you do that?",
                      index.threshold)
    # A question that names its own topic is read alone, whatever the reaction before it.
    assert not _says_less(index, "What do you cook for your kids?",
                          "Night shifts at the hospital, wow. What do you cook for your kids?", index.threshold)


# A verb she never says is content ----------------------------------------------------------------------------


def test_a_verb_the_persona_never_says_names_something(index):
    # "cook" is hers (a keyword): the question leaves its subject to the conversation. "ski" is not.
    assert _elliptic(index, "Did you ever cook?")
    assert not _elliptic(index, "Have you ever been skiing?")
    share, count = index.known_share("Have you ever been skiing?")
    assert count == 1 and share == 0.0
    assert index.known_share("Did you ever cook?") == (1.0, 0)


def test_a_closed_question_about_a_foreign_activity_is_deflected_not_answered_from_the_current_topic(test_persona):
    session = engine(default="closed").start(test_persona)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask("Have you ever been skiing?")
    assert reply.move in ABSTAIN and reply.topic is None, reply.text


# The same gate for summaries and leading questions --------------------------------------------------------------


def test_a_summary_of_something_outside_her_life_is_not_confirmed(test_persona):
    text = "So you told me you run marathons too."
    session = engine({text: "reflection"}).start(test_persona)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask(text)
    assert reply.move in ABSTAIN and reply.topic is None and not reply.text.startswith("REFLECTION")


def test_a_summary_of_what_she_said_is_confirmed(test_persona):
    text = "So you batch-cooked five meals last Sunday."
    session = engine({text: "reflection"}).start(test_persona)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask(text)
    assert reply.move == "reflection" and reply.topic == "cooking"


def test_a_summary_of_what_she_never_said_on_her_topic_gets_a_short_answer_from_it(test_persona):
    text = "So the driver left your bags out in the rain."
    session = engine({text: "reflection"}).start(test_persona)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask(text)
    assert reply.move == "closed" and reply.topic == "delivery"


def test_her_words_are_judged_against_what_she_said(test_persona, index):
    state = State.initial(test_persona)
    assert not _her_words(index, state, "So the driver left your bags in the rain.")
    state.said_sentences["once the driver left the bags in the rain for four hours"] = 1
    assert _her_words(index, state, "So the driver left your bags in the rain.")
    assert _her_words(index, state, "That sounds hard.")  # says nothing of its own


@pytest.mark.parametrize("text", ["So you're training for the London marathon this spring, right?",
                                  "So you're thinking of going to a dermatologist."])
def test_a_leading_question_about_things_outside_her_life_is_deflected(test_persona, text):
    session = engine({text: "leading"}).start(test_persona)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask(text)
    assert reply.move in ABSTAIN and reply.topic is None


def test_a_leading_verdict_without_things_of_its_own_gets_agreement_not_a_deflection(test_persona):
    text = "Exhausting, right?"
    session = engine({text: "leading"}).start(test_persona)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask(text)
    assert reply.move == "leading" and reply.contaminated and reply.text.startswith("LEADING")


def test_a_leading_question_naming_a_topic_reports_it(test_persona):
    text = "Don't you think the delivery slots are terrible?"
    session = engine({text: "leading"}).start(test_persona)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask(text)
    assert reply.move == "leading" and reply.topic == "delivery" and not reply.insights


# Units per language ------------------------------------------------------------------------------------------------


def test_chinese_pairs_across_a_particle_are_no_units():
    found = units("你平时追剧吗？", "zh")
    assert "追剧" in found and "剧吗" not in found
    assert "取的" not in units("货一般是去哪里取的？", "zh")


def test_chinese_pairs_straddling_a_word_of_hers_are_dropped(shipped):
    index = TopicIndex(shipped["lihua-grocery-zh"], HashingEmbedder())
    assert "平时" in index._idf  # a word of hers ("平时上班的一天")
    found = index.units("你平时追剧吗？")
    assert "平时" in found and "追剧" in found and "时追" not in found


def test_the_chinese_interview_vocabulary_is_words_not_particle_pairs():
    vocabulary = interview_vocabulary("zh")
    assert vocabulary
    assert not any(len(u) == 2 and (u[0] in _CJK_EDGE_CHARS or u[1] in _CJK_EDGE_CHARS) for u in vocabulary)


def test_korean_stacked_particles_come_off():
    assert "친구" in units("안 내는 친구한테는 뭐라고 하셨어요?", "ko")
    assert "달" in units("회비는 한 달에 얼마씩 내요?", "ko")
    assert "아이" in units("아이가 있으세요?", "ko")  # 이 of a noun stays when one syllable would be left


def test_korean_honorific_forms_of_her_words_count_as_hers(shipped):
    index = TopicIndex(shipped["jiwoo-bank-ko"], HashingEmbedder())
    # She says "가입했어요"-like forms; the trainee asks "가입하셨어요?": the shared start is hers.
    assert index.familiarity("~가입") > 0
    assert index.familiarity("가입하셨어") == 0
    share, count = index.known_share("가입하셨어요?")
    assert count == 1 and share > 0


def test_a_dutch_compound_of_her_words_is_half_hers(shipped):
    index = TopicIndex(shipped["anouk-fiets-nl"], HashingEmbedder())
    part = index.familiarity("fiets")
    assert part > 0
    assert index.familiarity("fietsenwinkel") == pytest.approx(COMPOUND_SHARE * part)
    assert index.familiarity("wiskundehuiswerk") == 0


def test_a_leading_question_naming_a_topic_adds_a_fact_in_passing_that_reveals_nothing(shipped):
    persona = shipped["maria-grocery-lapsed"]
    text = "Don't you think the delivery slots were the real problem?"
    session = engine({text: "leading"}).start(persona)
    _, reply = session.ask(text)
    topic = persona.topic(reply.topic)
    assert reply.move == "leading" and reply.contaminated and not reply.insights
    assert len(topic.surface) >= 2
    assert any(line.split(". ")[0] in reply.text for line in topic.surface)
    # The open question that follows still gets a surface phrasing not said yet, and its insight.
    _, answer = session.ask(f"Tell me about {topic.title.lower()}.")
    assert answer.topic == topic.id and not set(answer.text.split(". ")) & set(reply.text.split(". "))


def test_no_fact_in_passing_when_the_topic_has_one_surface_line(test_persona):
    text = "Don't you think the delivery slots are terrible?"
    session = engine({text: "leading"}).start(test_persona)
    _, reply = session.ask(text)
    assert reply.topic == "delivery" and "SURFACE" not in reply.text


def test_a_pointing_word_does_not_make_a_question_about_foreign_things_hers(test_persona):
    session = engine(default="closed").start(test_persona)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask("Are you a Yorkshire man born and bred, then?")
    assert reply.move in ABSTAIN and reply.topic is None
    # A pointing question about her things stays with the topic being talked about.
    _, reply = session.ask("And did the kids like that?")
    assert reply.topic == "cooking"
