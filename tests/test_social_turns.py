"""Thanks, greetings and goodbyes are answered in kind, whatever label the scorer gave them.

Spoken and chatty turns reach the persona with labels that only fit their form ("Thank you so much for your time."
reads as a reflection after a story, "Brilliant, thanks Sam." as an open prompt to its neighbours); the persona
never answers them with "I wouldn't know", a "that's a fair summary" or the next part of her story, and "thanks for
your time" at the start of an interview is a hello, not a goodbye.

Hashing embedder and scripted labels (the scorer's mistakes are given, the persona's answer is what is tested),
except the ``real_model`` tests, which run the real scorer and MiniLM on turns that read as questions to them."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ROOT, ScriptedClassifier

MARIA = load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")
LIHUA = load_persona(ROOT / "personas" / "lihua-grocery-zh.yaml")
JIWOO = load_persona(ROOT / "personas" / "jiwoo-bank-ko.yaml")
ANOUK = load_persona(ROOT / "personas" / "anouk-fiets-nl.yaml")


def start(persona, script):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, "open")).start(persona, seed=1)


def lines(persona, *kinds):
    return {line for kind in kinds for line in getattr(persona.reactions, kind)}


@pytest.mark.parametrize("turn, label", [
    ("Thank you so much for your time.", "reflection"),
    ("Brilliant. Thank you so much, Maria, that was really useful.", "reflection"),
    ("Great, thanks Maria. That's been really helpful.", "statement"),
])
def test_thanks_at_the_end_gets_thanks_back(turn, label):
    session = start(MARIA, {turn: label})
    session.ask("What made you stop ordering?")
    _, reply = session.ask(turn)
    assert reply.move in ("thanks", "closing") and reply.text in lines(MARIA, "thanks", "closing")


def test_thanks_mid_interview_is_not_the_next_part_of_her_story():
    # "Okay. Thanks, that was really useful." points back ("that") and was taken as a cue to go on telling.
    turn = "Okay. Thanks, that was really useful."
    session = start(MARIA, {turn: "statement"})
    session.ask("What made you stop ordering?")
    _, reply = session.ask(turn)
    assert reply.move == "thanks" and reply.topic is None


@pytest.mark.parametrize("persona, turn, label", [
    (MARIA, "Hi Maria, thanks for your time.", "statement"),
    (LIHUA, "丽华你好，谢谢你抽时间过来。", "reflection"),
    (LIHUA, "丽华你好，谢谢你抽时间。", "statement"),
    (ANOUK, "Hoi Anouk, fijn dat je er bent. Rustig aan hoor, je hoeft niet te haasten.", "reflection"),
])
def test_a_greeting_before_anything_is_told_gets_a_greeting(persona, turn, label):
    _, reply = start(persona, {turn: label}).ask(turn)
    assert reply.move == "greeting" and reply.text in lines(persona, "greeting")


@pytest.mark.parametrize("persona, turn", [
    (LIHUA, "太谢谢你了丽华，跟你聊得特别开心！"),
    (JIWOO, "오늘 이야기 정말 감사합니다. 큰 도움이 됐어요."),
    (ANOUK, "super dank je wel anouk eh succes straks met ophalen"),
])
def test_thanks_in_other_languages(persona, turn):
    session = start(persona, {turn: "reflection"})
    session.ask(persona.topics[0].examples[0])
    _, reply = session.ask(turn)
    assert reply.move in ("thanks", "closing") and reply.text in lines(persona, "thanks", "closing")


def test_a_question_after_thanks_is_still_answered():
    # Thanks before a question about her life: the question is what she answers.
    turn = "Thank you for telling me that, it's not easy. How did the weekly order use to work?"
    session = start(MARIA, {turn: "open"})
    session.ask("What made you stop ordering?")
    _, reply = session.ask(turn)
    assert reply.topic is not None and reply.move not in ("thanks", "greeting", "closing")


def test_thanks_to_something_is_not_thanks():
    # "thanks to" names a cause; "no thanks" declines: neither is said to her.
    from simulator.policy import _moves

    english = _moves("en").thanks_any
    assert not english.search("So it was thanks to your sister that you found it.")
    assert not english.search("A loft in forty degrees, no thanks!")
    assert english.search("Brilliant, thanks Sam.") and english.search("cool thanks hyejin really appreciate it")


# Real scorer and meaning: turns the scorer reads as questions --------------------------------------------------


@pytest.mark.real_model
@pytest.mark.parametrize("turn", ["Brilliant, thanks Maria.", "Lovely, thank you for your time."])
def test_real_thanks_read_as_an_open_prompt_gets_thanks(real_engine, turn):
    session = real_engine.start(MARIA, seed=1)
    session.ask("What made you stop ordering?")
    _, reply = session.ask(turn)
    assert reply.move in ("thanks", "closing") and reply.text in lines(MARIA, "thanks", "closing")


@pytest.mark.real_model
@pytest.mark.parametrize("persona, turn", [
    (MARIA, "hi maria um thanks so much for doing this can you hear me all right"),
    (LIHUA, "丽华你好 嗯 谢谢你抽时间 那个 声音能听清吗"),
])
def test_real_small_talk_after_a_greeting_gets_a_greeting(real_engine, persona, turn):
    _, reply = real_engine.start(persona, seed=1).ask(turn)
    assert reply.move == "greeting" and reply.topic is None


# The founder's slips: polite, useless answers, never "I wouldn't know" -------------------------------------------


@pytest.mark.real_model
@pytest.mark.parametrize("turn, moves", [
    ("So, between us, do you think my idea is any good?", {"pitch", "leading"}),
    ("And if it existed, would you tell your friends about it?", {"hypothetical"}),
])
def test_real_approval_of_the_interviewers_idea_gets_polite_fluff(real_engine, turn, moves):
    session = real_engine.start(MARIA, seed=1)
    session.ask("What made you stop ordering?")
    session.ask("We're building an app that plans the week's meals and orders them for you.")
    _, reply = session.ask(turn)
    assert reply.move in moves and not reply.insights


@pytest.mark.real_model
def test_real_a_future_outside_her_life_is_still_declined(real_engine):
    _, reply = real_engine.start(LIHUA, seed=1).ask("那个，题外话，你觉得今年股市会好吗？")
    assert reply.move == "no_experience"


@pytest.mark.real_model
def test_real_an_open_question_after_a_pitch_is_answered(real_engine):
    # The founder's preamble about the idea is a pitch; the question after it is about her life, and she answers it.
    session = real_engine.start(MARIA, seed=1)
    _, reply = session.ask("So we are building a little app that plans your family meals for the week. How do you do "
                           "your food shopping now?")
    assert reply.move == "answer" and reply.topic == "shopping_now"


def test_kin_words_carry_a_person():
    from simulator.understanding import fact_kinds

    assert "person" in fact_kinds("My daughter set it up for me.")
    assert "person" in fact_kinds("The driver was late again.")
    assert "person" not in fact_kinds("It was my fault.")
