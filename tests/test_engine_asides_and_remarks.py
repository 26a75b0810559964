"""A turn that announces an aside ("Sorry, totally unrelated, …", "iets heel anders", "딴 얘기지만", "换个话题") leaves
what is being talked about: its pointing words point nowhere into her story, what it names outside her life makes it
small talk, and a question in her own words after the signpost still gets its own topic. A remark that opens a turn
("Eighteen percent, that is steep.") does not decide what a short closing run of questions asks. Hashing embedder and
scripted labels."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_personas
from simulator.policy import _digression

from .conftest import ScriptedClassifier

ABSTAIN = {"clarify", "no_experience", "break_character"}


@pytest.fixture(scope="module")
def personas():
    return load_personas().personas


def engine(default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, default))


@pytest.mark.parametrize("text,language", [
    ("Sorry, totally unrelated, how was the traffic this morning?", "en"),
    ("Random one, but do you follow any football?", "en"), ("Sorry, off-script, but the trains were awful, weren't they?", "en"),
    ("On a different note, any plans for the summer?", "en"), ("Oh, en iets totaal anders: ken jij een goede kapper?", "nl"),
    ("딴 얘기지만, 주말에 뭐 하세요?", "ko"), ("不好意思，说点题外话，你喜欢看足球吗？", "zh"), ("我们换个话题。", "zh"),
])
def test_aside_signposts_are_recognised(text, language):
    assert _digression(text, language)


@pytest.mark.parametrize("text,language", [
    ("What was different about the new app?", "en"), ("How did that go, in the end?", "en"),
    ("When did you first think about trying something different?", "en"), ("Is it totally different from the old one?", "en"),
    ("Heb je toen iets anders geprobeerd?", "nl"),
    ("Wat was er anders aan de nieuwe fiets?", "nl"), ("그 다음에는 어떻게 됐어요?", "ko"), ("后来呢？", "zh"),
])
def test_ordinary_questions_are_no_asides(text, language):
    assert not _digression(text, language)


def test_an_announced_aside_about_things_outside_her_life_is_small_talk(personas):
    session = engine(default="closed").start(personas["priya-invoicing-buyer"], seed=1)
    session.ask("When did the renewal price go up?")
    assert session.state.current_topic is not None
    # ("that price" and "your office" would otherwise hold it to her renewal story and her evenings.)
    for text in ("Sorry, totally unrelated, but is that price of petrol ever going to come down?",
                 "Random one, but is that new cafe by your office any good?"):
        _, reply = session.ask(text)
        assert reply.move in ABSTAIN and reply.topic is None, text


def test_an_aside_that_asks_about_her_own_things_gets_their_topic(personas):
    persona = personas["priya-invoicing-buyer"]
    session = engine().start(persona, seed=1)
    _, first = session.ask("When did the renewal price go up?")
    _, reply = session.ask("Completely different thing: how does Joanne do the invoicing at month end?")
    assert reply.topic is not None and reply.topic != first.topic


# A short last question read with the questions before it ------------------------------------------------------------

def test_the_closing_run_of_questions_is_found():
    from simulator.policy import _trailing_questions

    parts = ["My nan always said never change your bank, ha.", "And your family, who's around?", "Anyone nearby?"]
    assert _trailing_questions(parts) == parts[1:]
    assert _trailing_questions(["What happened?", "I was there too."]) == []
    assert _trailing_questions(["这事儿我也遇到过。", "那你后来呢？"]) == ["那你后来呢？"]


def test_a_short_last_question_reads_with_the_questions_not_the_remark_before_them(personas):
    """"Eighteen percent on the renewal price, that is steep. Who does the invoicing at the firm? Joanne?": the
    remark names the renewal, the questions ask after who invoices."""
    session = engine().start(personas["priya-invoicing-buyer"], seed=1)
    _, first = session.ask("When did the renewal price go up?")
    _, reply = session.ask("Eighteen percent on the renewal price, that is steep. Who does the invoicing at the firm? "
                           "Joanne?")
    assert first.topic == "price_and_renewal" and reply.topic not in (None, "price_and_renewal")
