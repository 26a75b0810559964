"""Asked to say it again ("Sorry, you cut out, could you say that again?", "Je viel even weg, kun je dat nog een keer
zeggen?", "다시 한번 말씀해 주시겠어요?", "刚才没听清，再说一遍？"), the persona says again what she just said, shortened after
a lead-in, on the same topic; where the turn names what it missed ("you said something about the mornings?") she says
the sentence that holds those words. Also: a gerund with no subject is a terse prompt about that doing ("Waiting
in."); a clause that only says when something of hers was done ("before you filled the basket"), a place where it is
done ("through the glass") or a narrower kind of a thing of hers ("any team sport") does not make a question about her
things one about a thing outside her life; an invitation to tell is read with the questions that fill in its scene.
Hashing embedder and scripted labels."""

from __future__ import annotations

import pytest

from simulator.understanding import asks_to_say_again

# The shipped personas (a fixture) and an engine with the hashing embedder and scripted labels, as there.
from .test_engine_asides_and_remarks import ABSTAIN, engine, personas  # noqa: F401


@pytest.mark.parametrize("text,language", [
    ("Sorry, can you say that again? The sound dropped.", "en"),
    ("Sorry, you cut out there for a second. Could you go back over that bit?", "en"),
    ("I didn't quite catch that, sorry.", "en"), ("Sorry?", "en"), ("Come again?", "en"),
    ("Sorry, je viel even weg. Kun je dat nog een keer zeggen?", "nl"), ("Pardon?", "nl"),
    ("죄송한데 잘 안 들렸어요. 다시 한번 말씀해 주시겠어요?", "ko"), ("不好意思，刚才没听清，再说一遍？", "zh"),
])
def test_requests_to_say_it_again_are_recognised(text, language):
    assert asks_to_say_again(text, language)


@pytest.mark.parametrize("text,language", [
    ("What happened again after that?", "en"), ("Did you ever catch the bus again?", "en"),
    ("Sorry, I didn't catch your name.", "en"), ("What was that like?", "en"),
    ("Wat zei je moeder ervan?", "nl"), ("그 다음에 다시 가셨어요?", "ko"), ("你后来又说了什么？", "zh"),
])
def test_ordinary_questions_are_no_requests_to_say_it_again(text, language):
    assert not asks_to_say_again(text, language)


@pytest.mark.parametrize("persona_id,first,again", [
    ("maria-grocery-lapsed", "What were the delivery slots like?", "Sorry, can you say that again? The sound dropped."),
    ("anouk-fiets-nl", "Hoe gaat een gewone werkdag bij jou?", "Sorry, je viel even weg. Kun je dat nog een keer zeggen?"),
    ("jiwoo-bank-ko", "평소 하루 일과는 어떻게 되세요?", "죄송해요, 끊겼어요. 다시 한번 말씀해 주시겠어요?"),
    ("lihua-grocery-zh", "你平时上班的一天是怎么过的？", "不好意思，刚才没听清，再说一遍？"),
])
def test_she_says_again_what_she_just_said_on_the_same_topic(personas, persona_id, first, again):
    session = engine().start(personas[persona_id], seed=1)
    _, told = session.ask(first)
    assert told.topic is not None
    _, reply = session.ask(again)
    assert reply.topic == told.topic
    assert reply.move not in ABSTAIN
    # Said again in other words: a lead-in before it, not the same line word for word.
    assert reply.text != told.text
    # It is her last reply shortened: its opening words come back.
    if persona_id in ("maria-grocery-lapsed", "anouk-fiets-nl"):
        said = {w.strip(".,").lower() for w in told.text.split()[:12]}
        assert len(said & {w.strip(".,:").lower() for w in reply.text.split()}) >= 3


def test_asked_again_for_what_she_named_she_says_that_sentence(personas):
    session = engine().start(personas["harold-bank-formal"], seed=1)
    _, told = session.ask("Tell me a bit about yourself and your days.")
    morning = next((s for s in told.text.split(". ") if "morning" in s.lower()), None)
    if morning is None:
        pytest.skip("the opening answer names no morning")
    _, reply = session.ask("Sorry, you cut out there. You were saying something about the mornings? Could you go over "
                           "that bit again?")
    assert reply.topic == told.topic
    assert "morning" in reply.text.lower()


def test_after_her_agreement_to_a_leading_question_the_question_is_read_as_asked(personas):
    # Her agreement is no story to say again: "you said something about scams?" asks about scams.
    session = engine(default="open").start(personas["harold-bank-formal"], seed=1)
    session.ask("How do you find the banking app these days?")
    _, reply = session.ask("Sorry, you broke up again. You said something about scams?")
    assert reply.move not in ABSTAIN
    assert reply.topic is not None


def test_a_gerund_names_a_doing_of_hers_as_a_prompt(personas):
    from simulator.policy import _topic_prompt

    session = engine().start(personas["maria-grocery-lapsed"], seed=1)
    index = session.index
    for text in ("Waiting in.", "Booking the slots."):
        assert _topic_prompt(index, text, "en"), text
    for text in ("Going well.", "Makes sense.", "I see.", "Standing there."):
        assert not _topic_prompt(index, text, "en"), text


@pytest.mark.parametrize("persona_id,opener,hers,foreign", [
    # a clause that says when; the gate still holds where the main clause is about a thing outside her life
    ("maria-grocery-lapsed", "How did the ordering work, week to week?",
     "Did you book the slot before you filled the basket, or after?", "Did you sell the caravan before you moved house?"),
    # a narrower kind of a thing of hers; a word of every interview at the head ("plans") is no thing of hers
    ("sam-fitness-noncustomer", "What do you do to keep active these days?",
     "Did you ever play any team sport?", "Have you got any holiday plans this summer?"),
    # a noun that only says where something of hers is done
    ("harold-bank-formal", "How do you find going into the branch?",
     "Can you hear the cashier properly through the glass?", None),
])
def test_a_word_that_only_places_her_question_does_not_make_it_foreign(personas, persona_id, opener, hers, foreign):
    from simulator.policy import _claims_foreign_doing

    session = engine(default="closed").start(personas[persona_id], seed=1)
    session.ask(opener)
    assert not _claims_foreign_doing(session.index, session.state, hers)
    if foreign is not None:
        assert _claims_foreign_doing(session.index, session.state, foreign)


def test_an_invitation_is_read_with_the_questions_that_fill_in_its_scene(personas):
    from simulator.policy import _read_question

    session = engine().start(personas["dev-grocery-promoter"], seed=1)
    turn = "Talk me through putting an order together. Where are you sitting, what's in your hands?"
    _, _, asked = _read_question(session.index, session.state, turn, "en")
    assert asked.startswith("Talk me through putting an order together")
    assert asked.endswith("what's in your hands?")
    # Without an invitation before them, the last question is read alone as before.
    _, _, asked = _read_question(session.index, session.state, "Thanks, that helps. How often do you order?", "en")
    assert asked == "How often do you order?"


@pytest.mark.parametrize("text,language,invites", [
    ("Talk me through putting an order together.", "en", True),
    ("Vertel eens over die ochtend.", "nl", True),
    ("그날 얘기 좀 해 주세요.", "ko", True),
    ("혹시 끊기면 그냥 계속 말씀해 주세요.", "ko", False),  # "just keep talking": no story asked for
    ("说说那天的事吧。", "zh", True),
    ("Thanks for coming in today.", "en", False),
])
def test_invitations_to_tell(text, language, invites):
    from simulator.policy import _OPEN_INVITATION

    assert bool(_OPEN_INVITATION[language].search(text)) is invites
