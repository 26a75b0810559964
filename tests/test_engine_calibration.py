"""Mechanisms for natural interviews on any persona file: abstentions that never repeat, a vocabulary
gate that judges a question's words by how much they belong to the persona (and to interviews in general),
a match threshold calibrated on the persona's own examples, ellipsis and moments of a told story that keep
a follow-up on its topic, and questions the scorer took for summaries. Hashing embedder and scripted labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona, load_personas
from simulator.policy import FOREIGN_SHARE, _elliptic
from simulator.retrieval import CALIBRATION_FLOOR, TopicIndex, interview_vocabulary

from .conftest import ScriptedClassifier

UNSEEN = Path(__file__).parent / "data" / "unseen_personas"


@pytest.fixture(scope="module")
def personas():
    return load_personas().personas


@pytest.fixture(scope="module")
def gwen():
    return load_persona(UNSEEN / "gwen-groomer-booking.yaml")


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


# Abstentions ------------------------------------------------------------------------------------------

def test_a_single_unknown_line_is_said_once_then_the_persona_declines_in_other_words(gwen):
    assert len(gwen.reactions.unknown) == 1
    session = engine().start(gwen, seed=3)
    questions = ["Seen any good films lately?", "Who do you think wins the election?", "Do you like opera?",
                 "Any thoughts on quantum computers?", "Have you climbed a volcano?", "Which chess opening?",
                 "Do you follow the snooker?"]
    replies = [r for r in (session.ask(q)[1] for q in questions) if r.move == "no_experience"]
    assert len(replies) >= 4 and all(r.topic is None for r in replies)
    assert replies[0].text == gwen.reactions.unknown[0]
    texts = [r.text for r in replies]
    assert len(set(texts)) == len(texts), texts


# Vocabulary gate ----------------------------------------------------------------------------------------

def test_a_word_said_in_passing_is_less_the_personas_than_a_keyword(gwen):
    index = TopicIndex(gwen, HashingEmbedder())
    assert index.familiarity("salon") == 1.0          # a keyword
    assert 0 < index.familiarity("pasty") < 1.0        # one sentence of one story
    assert index.familiarity("opera") == 0.0
    share, count = index.known_share("Where do you get a good pasty?")
    assert count == 1 and share < FOREIGN_SHARE


def test_words_of_any_interview_do_not_vouch_for_a_question(personas):
    vocabulary = interview_vocabulary("en")
    assert "year" in vocabulary and "holiday" not in vocabulary
    index = TopicIndex(personas["hyejin-shampoo-terse"], HashingEmbedder())
    assert index.familiarity("year") == 1.0  # she says "year"; "holiday" never
    share, _ = index.known_share("Where are you going on holiday this year?")
    assert share < 0.2


def test_off_topic_hypothetical_is_declined_not_speculated(personas):
    persona = personas["hyejin-shampoo-terse"]
    text = "Where would you go on holiday next summer?"
    session = engine({text: ("closed", ["hypothetical"])}).start(persona, seed=1)
    _, reply = session.ask(text)
    assert reply.move == "no_experience" and reply.topic is None


# Calibrated threshold -----------------------------------------------------------------------------------

def test_threshold_follows_how_far_apart_the_personas_own_examples_are(gwen):
    embedder = HashingEmbedder()
    spread = TopicIndex(gwen, embedder)
    assert embedder.match_threshold * CALIBRATION_FLOOR <= spread.threshold < embedder.match_threshold
    # The same persona with every example a wording of its title: examples close together, no change.
    topics = [t.model_copy(update={"examples": [t.title, f"{t.title}?", f"{t.title}."]}) for t in gwen.topics]
    tight = TopicIndex(gwen.model_copy(update={"topics": topics}), embedder)
    assert tight.threshold == embedder.match_threshold


# Follow-ups ---------------------------------------------------------------------------------------------

def test_a_question_that_names_nothing_is_elliptic(personas):
    index = TopicIndex(personas["sam-fitness-noncustomer"], HashingEmbedder())
    assert _elliptic(index, "Who do you go with?")
    assert _elliptic(index, "Tell me about the last time.")
    assert not _elliptic(index, "Who do you share the flat with?")


def test_elliptic_follow_up_stays_on_the_topic_being_talked_about(personas, monkeypatch):
    from simulator.policy import State, _understand
    from simulator.retrieval import TopicMatch

    persona = personas["sam-fitness-noncustomer"]
    index = TopicIndex(persona, HashingEmbedder())
    t = index.threshold
    # Another topic a little ahead of the one being talked about, by meaning alone (no keyword).
    ranked = [TopicMatch("flat_and_friends", t + 0.2, t + 0.1, 0.0, False, t + 0.1),
              TopicMatch("swimming", t + 0.1, t + 0.05, 0.0, False, t + 0.05)]
    monkeypatch.setattr(index, "scores", lambda *a, **k: ranked)
    state = State.initial(persona)
    state.current_topic = "swimming"
    assert _understand(index, state, "Who do you go with?", "en")[0] == "swimming"
    assert _understand(index, state, "Who do you share the flat with?", "en")[0] == "flat_and_friends"


def test_a_moment_of_the_story_just_told_keeps_a_dutch_question_there(personas):
    persona = personas["anouk-fiets-nl"]
    session = engine().start(persona, seed=1)
    _, story = session.ask("Wat gebeurde er toen je ketting brak, die pech onderweg?")
    assert story.topic == "pech" and story.layer in {"detail", "deep"}, (story.topic, story.layer)
    _, reply = session.ask("En die ochtend, hoe ben je toen op je werk gekomen met de kinderen?")
    assert reply.topic == "pech", reply.text


def test_a_question_read_as_a_summary_that_asks_about_another_topic_is_answered_there(personas):
    persona = personas["anouk-fiets-nl"]
    question = "Je noemde de kinderen en de opvang, hoe oud zijn de kinderen?"
    session = engine({question: "reflection"}).start(persona, seed=1)
    _, first = session.ask("Vertel eens over een gewone werkdag op de poli.")
    assert first.topic == "werkdag"
    _, reply = session.ask(question)
    assert reply.topic == "kinderen", (reply.topic, reply.text)


def test_personas_check_warns_an_author_who_gives_one_unknown_line(gwen, personas):
    from simulator.checks import authoring_warnings

    assert any("unknown" in w for w in authoring_warnings(gwen))
    assert authoring_warnings(personas["maria-grocery-lapsed"]) == []


def test_words_said_together_in_one_topic_are_the_personas(personas):
    from simulator.policy import _foreign
    from simulator.retrieval import TopicMatch

    index = TopicIndex(personas["priya-invoicing-buyer"], HashingEmbedder())
    low = index.threshold * 0.5  # the meaning reaches no topic
    ranked = [TopicMatch("switching_risk", low, low, 0.5, False, low), TopicMatch("partners", low, low, 0.0, False, low)]
    together = "How did the housing association react?"
    assert index.known_share(together)[0] < FOREIGN_SHARE  # each word is said in passing
    assert not _foreign(index, ranked, together, index.threshold)
    # One passing word alone is not enough.
    assert _foreign(index, ranked, "What phone case do you have?", index.threshold) or \
        index.known_share("What phone case do you have?")[0] >= FOREIGN_SHARE
