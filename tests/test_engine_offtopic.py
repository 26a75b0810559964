"""Off-topic questions and questions about being a bot are deflected in character, in every persona
language; Dutch verbs and adverbs weigh less than nouns; a question whose content the persona never
speaks of takes no topic, whatever generic word it shares with one. Hashing embedder and scripted
labels for the mechanisms; a few real-model checks for the semantic behaviour."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_personas
from simulator.policy import is_break_attempt
from simulator.understanding import light_units, units

from .conftest import ScriptedClassifier

ABSTAIN = {"clarify", "no_experience", "break_character"}


@pytest.fixture(scope="module")
def personas():
    return load_personas().personas


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


@pytest.mark.parametrize("text", [
    "Is this a real person?", "Am I talking to a chatbot?", "Are you even real?", "Is this a human?",
    "Ben jij een robot?", "Is dit een echt mens of een computer?", "Praat ik met een robot?",
    "혹시 AI세요?", "지금 실제 사람이랑 얘기하는 거 맞죠?", "챗봇이랑 대화하는 중인가요?",
    "你是机器人吗？", "我是在跟真人说话吗？", "我在和AI聊天吗？",
    # As people ask it in passing: a tag, "like", "actually", a trailing "I'm talking to", "person or program".
    "Wait, you're not a bot, are you?", "You're a real person, right?", "Is this an AI I'm talking to?",
    "Am I talking to a real human here?", "Sorry, random, but are you a person or a program?",
    "are you like a chatbot or something", "Hang on, is this automated?",
    "Je bent toch geen robot, hè?", "근데 혹시 AI 아니에요? 사람 맞으시죠?", "혹시 사람 맞으세요?", "你不会是机器人吧？",
])
def test_bot_questions_in_every_language_break_no_character(text):
    assert is_break_attempt(text)


@pytest.mark.parametrize("text", [
    "Is that a person you trust?", "Is this a person who helps you?", "Kreeg je toen een chatbot?",
    "Is dat een mens die je kent?", "그 사람이랑 얘기하는 거 어때요?", "你跟他说话吗？", "Is the app a chatbot now?",
    "Are you a morning person?", "Do you use a robot vacuum?", "Are you a real fan of the app?",
    "Is it a bot that sends the reminders?", "그분이 그 사람 맞죠?", "Je bent toch geen lid meer?", "你是不是觉得贵？",
])
def test_questions_about_people_and_chatbots_in_her_life_are_not_bot_questions(text):
    assert not is_break_attempt(text)


@pytest.mark.parametrize("persona_id,text", [
    ("anouk-fiets-nl", "Is dit een echt mens of een computer?"),
    ("jiwoo-bank-ko", "지금 실제 사람이랑 얘기하는 거 맞죠?"),
    ("lihua-grocery-zh", "我是在跟真人说话吗？"),
    ("priya-invoicing-buyer", "Is this a real person?"),
])
def test_bot_question_gets_the_in_character_line(personas, persona_id, text):
    persona = personas[persona_id]
    session = engine(default="closed").start(persona, seed=1)
    _, reply = session.ask(text)
    assert reply.move == "break_character" and reply.topic is None
    assert reply.text in persona.reactions.break_character


def test_dutch_verbs_and_adverbs_are_light_and_fillers_carry_nothing():
    assert light_units("Kijk jij eigenlijk voetbal?", "nl") == {"kijk", "eigenlijk"}
    assert "voetbal" not in light_units("Kijk jij eigenlijk voetbal?", "nl")
    # Fillers and the clipped "ie" are no content.
    assert units("Nou, eh, doet ie het?", "nl") == ["doe"]
    assert light_units("Nou, eh, doet ie het?", "nl") == {"doe"}


def test_known_share_counts_content_words_the_persona_ever_says(personas):
    index = engine().index_for(personas["anouk-fiets-nl"])
    share, count = index.known_share("Kijk jij eigenlijk voetbal?")
    assert count == 1 and share == 0.0  # only "voetbal" is content, and Anouk never says it
    share, count = index.known_share("Hoe vaak heb je pech met de ketting?")
    assert share == 1.0 and count >= 2
    assert index.known_share("Hoe ging dat?") == (1.0, 0)  # nothing to judge


def test_a_function_word_question_after_a_foreign_one_is_read_with_it(personas):
    """"Kijk jij voetbal? Voor wie ben je?": the last sentence alone has no content, so the turn is read
    whole, and its only content word is foreign to the persona: no topic."""
    session = engine(default="closed").start(personas["anouk-fiets-nl"], seed=1)
    session.ask("Hoe ziet een gewone werkdag eruit?")
    _, reply = session.ask("Kijk jij eigenlijk voetbal? Voor wie ben je?")
    assert reply.move in ABSTAIN and reply.topic is None


def test_an_unknown_question_read_as_an_echo_is_answered_as_a_question(personas):
    """A question the scorer took for an echo that repeats nothing of hers is no acknowledgement."""
    persona = personas["jiwoo-bank-ko"]
    session = engine({"오늘 날씨 어때요?": "echo"}).start(persona, seed=1)
    _, reply = session.ask("오늘 날씨 어때요?")
    assert reply.move != "acknowledge"


def test_dutch_pointing_back_with_daarover_stays_on_the_topic(personas):
    persona = personas["anouk-fiets-nl"]
    session = engine().start(persona, seed=1)
    _, first = session.ask("Wat vond je van de prijsverhoging?")
    _, reply = session.ask("Wat zei Jeroen daarover?")
    assert reply.topic == first.topic == "geld"


# Real model ---------------------------------------------------------------------------------------

OFF_TOPIC = [
    ("anouk-fiets-nl", ["Hoe ziet een gewone werkdag eruit?", "Waar ga je deze zomer op vakantie?",
                        "Heb je nog een goede film gezien de laatste tijd?", "Luister je naar podcasts op de fiets?",
                        "Kun je me helpen met mijn wiskundehuiswerk?"]),
    ("priya-invoicing-buyer", ["Did you catch the football at the weekend?", "Seen any good films lately?",
                               "Could you help me with my chemistry homework?", "What do you make of the election?"]),
    ("jiwoo-bank-ko", ["축구 좋아하세요? 어느 팀 응원하세요?", "이번 여름 휴가는 어디로 가세요?", "오늘 날씨 어때요?"]),
    ("lihua-grocery-zh", ["今年夏天去哪里度假？", "你喜欢看足球吗？", "你能帮我做数学作业吗？"]),
]


@pytest.fixture(scope="module")
def shipped_engine(real_engine, personas):
    """The engine as shipped: MiniLM for English, the multilingual embedder for Dutch, Korean, Chinese
    (the tests' environment asks for the hashing fake; the real embedders are chosen while preparing)."""
    import os

    saved = os.environ.get("INTERVIEW_SIM_EMBEDDER")
    os.environ["INTERVIEW_SIM_EMBEDDER"] = "auto"
    try:
        for persona_id, _ in OFF_TOPIC:
            real_engine.prepare(personas[persona_id])
    finally:
        if saved is None:
            os.environ.pop("INTERVIEW_SIM_EMBEDDER", None)
        else:
            os.environ["INTERVIEW_SIM_EMBEDDER"] = saved
    return real_engine


@pytest.mark.real_model
@pytest.mark.parametrize("persona_id,questions", OFF_TOPIC)
def test_off_topic_questions_take_no_topic_with_the_real_model(shipped_engine, personas, persona_id, questions):
    session = shipped_engine.start(personas[persona_id], seed=1)
    for text in questions[:1] if persona_id == "anouk-fiets-nl" else []:
        session.ask(text)
    for text in questions[1:] if persona_id == "anouk-fiets-nl" else questions:
        _, reply = session.ask(text)
        assert reply.move in ABSTAIN and reply.topic is None, (text, reply.move, reply.topic, reply.text)


@pytest.mark.real_model
def test_a_shared_generic_word_does_not_take_the_topic_but_her_own_words_do(shipped_engine, personas):
    session = shipped_engine.start(personas["anouk-fiets-nl"], seed=1)
    _, reply = session.ask("Luister je naar podcasts op de fiets?")
    assert reply.topic is None
    _, reply = session.ask("Hoe vaak gaat er iets mis met de fiets?")
    assert reply.topic == "pech"


def test_dutch_time_anchors():
    from simulator.understanding import time_anchor

    assert time_anchor("Hoe ging dat vroeger, met Kees?", "nl") == 1.0
    assert time_anchor("Wat gebeurde er de laatste keer?", "nl") == 1.0
    assert time_anchor("En hoe regel je het nu, tegenwoordig?", "nl") == -1.0
    assert time_anchor("Hoe kom je op je werk?", "nl") == 0.0


@pytest.mark.parametrize(("persona_id", "before", "question", "topic"), [
    # The second half has her doing something with a thing she has no word for; the first half is hers.
    ("maria-grocery-lapsed", "Tell me about the delivery slots.",
     "Were the slots easy to get, and did you ever use the click-and-collect lockers?", "delivery_slots"),
])
def test_of_two_questions_in_one_sentence_she_answers_the_one_that_is_hers(personas, persona_id, before, question,
                                                                              topic):
    session = engine(default="closed").start(personas[persona_id], seed=1)
    session.ask(before)
    _, reply = session.ask(question)
    assert reply.topic == topic and reply.move not in ABSTAIN


@pytest.mark.parametrize("question", ["Do you play golf, or do you prefer tennis?",
                                      "Sorry, totally off-topic, but do you know any good places to eat round here?"])
def test_two_questions_about_things_outside_her_life_are_still_deflected(personas, question):
    session = engine(default="closed").start(personas["maria-grocery-lapsed"], seed=1)
    session.ask("Tell me about the delivery slots.")
    _, reply = session.ask(question)
    assert reply.move in ABSTAIN
