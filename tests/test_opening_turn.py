"""The opening turn: greetings, thanks and the persona's own name are said to her, not asked of her; asked who she
is, she says (her first topic); a yes/no question of small talk after a greeting gets a greeting back."""

from __future__ import annotations

import pytest

from simulator.persona import load_persona
from simulator.retrieval import address_pattern

from .conftest import ROOT


def test_address_pattern_removes_only_her_name():
    english = address_pattern("Harold Ashworth", "en")
    assert english.sub("|", "Hi Harold, thanks. Mr Ashworth?") == "Hi |, thanks. |?"
    assert english.sub("|", "The Haroldson account") == "The Haroldson account"
    korean = address_pattern("김지우", "ko")
    assert korean.sub("|", "지우님, 김지우 씨는") == "|, |"
    assert korean.sub("|", "다 지우고") == "다 지우고"  # "지우다" (to erase) is not her name
    assert address_pattern("王丽华", "zh").sub("|", "丽华你好") == "|你好"
    assert address_pattern("", "en") is None
    # A particle of a surname is a word of the sentence too; a name that is also a word counts only as written.
    dutch = address_pattern("Wouter de Graaf", "nl")
    assert dutch.sub("|", "Hoi Wouter, hoe is de week? Meneer de Graaf?") == "Hoi |, hoe is de week? Meneer de |?"
    grace = address_pattern("Grace Miller", "en")
    assert grace.sub("|", "Hello Grace, was there a grace period?") == "Hello |, was there a grace period?"
    assert address_pattern("Will Jones", "en").sub("|", "Will you use it, Will?") == "Will you use it, |?"


def test_her_name_is_no_word_of_the_question(make_engine, test_persona):
    session = make_engine().start(test_persona, seed=1)
    index = session.index
    assert "tess" not in index.query("Tess, how do your shifts work?")
    assert "shift" in index.query("Tess, how do your shifts work?")


@pytest.mark.parametrize("text, label", [
    ("Hi Tess, thanks so much for making time today. Could you start by telling me a little about yourself?", "open"),
    ("Hi Tess, I'm Tom. Thanks for doing this. Maybe just tell me a bit about what you do.", "statement"),
    ("Hey Tess, nice to meet you. Could you introduce yourself a bit?", ("closed", ["hypothetical"])),
    ("hi tess um thanks for doing this so yeah first can you tell me a bit about yourself", "open"),
    ("Morning Tess, thanks for coming in. Who are you and what do you do?", "open"),
    ("Hey Tess, good to meet you. Before we get into it, how would you describe your day-to-day?", "open"),
    ("hi tess lovely to meet you um so maybe start by telling me about your job", "open"),
])
def test_asked_who_she_is_she_answers_from_her_first_topic(make_engine, test_persona, text, label):
    # Whatever the scorer made of the form (a statement, a polite "could you" read as closed), and whatever else the
    # greeting's words ("time", "making") would weigh.
    session = make_engine({text: label}).start(test_persona, seed=1)
    _, reply = session.ask(text)
    assert reply.move == "answer"
    assert reply.topic == test_persona.topics[0].id


def test_a_plain_question_about_her_work_keeps_its_short_answer(make_engine, test_persona):
    # "Hi Tess. What do you do for work?" is a wh-question: the short answer, from the topic that says who she is.
    text = "Hi Tess, thanks for coming. So what do you do for work?"
    session = make_engine({text: "closed"}).start(test_persona, seed=1)
    _, reply = session.ask(text)
    assert reply.move == "closed"
    assert reply.topic == test_persona.topics[0].id
    assert "-SHIFTS" in reply.text


def test_later_who_are_you_is_not_an_introduction(make_engine, test_persona):
    # Once something is told, "tell me about yourself" is read like any other question (no jump back to the start).
    session = make_engine().start(test_persona, seed=1)
    session.ask("Tell me about cooking at home.")
    _, reply = session.ask("Tell me about the last delivery you got.")
    assert reply.topic == "delivery"


def test_small_talk_after_a_greeting_gets_a_greeting(make_engine, test_persona):
    text = "Hi Tess, thanks for coming. Would you like a cup of tea before we start?"
    session = make_engine({text: "closed"}).start(test_persona, seed=1)
    _, reply = session.ask(text)
    assert reply.move == "greeting"
    assert reply.topic is None


def test_a_real_question_after_a_greeting_is_answered(make_engine, test_persona):
    text = "Hi Tess, thanks for coming. How do your shifts work?"
    session = make_engine({text: "open"}).start(test_persona, seed=1)
    _, reply = session.ask(text)
    assert reply.topic == "shifts"


@pytest.mark.parametrize("persona_file, text", [
    ("anouk-fiets-nl.yaml", "Hoi Anouk, fijn dat je tijd hebt. Vertel eens iets over jezelf?"),
    ("jiwoo-bank-ko.yaml", "안녕하세요 지우님, 시간 내주셔서 감사합니다. 먼저 간단하게 자기소개 부탁드려요."),
    ("lihua-grocery-zh.yaml", "丽华你好，谢谢你抽时间。先简单介绍一下你自己吧？"),
])
def test_introductions_in_every_language(make_engine, persona_file, text):
    persona = load_persona(ROOT / "personas" / persona_file)
    session = make_engine({text: "open"}).start(persona, seed=1)
    _, reply = session.ask(text)
    assert reply.topic == persona.topics[0].id


def test_the_opening_turn_benchmark_data_is_valid():
    # benchmarks/bench_openers.py: every persona loads and every expected topic is one of hers.
    import json

    rows = 0
    for path in sorted([*(ROOT / "benchmarks" / "data" / "openers").glob("*.jsonl"),
                        *(ROOT / "benchmarks" / "data" / "set_aside").glob("*.jsonl")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            persona = load_persona(ROOT / row["persona"])
            expect = row["expect"]
            assert expect == "greeting" or (expect and set(expect) <= {t.id for t in persona.topics}), (path.name, row)
            rows += 1
    assert rows >= 90
