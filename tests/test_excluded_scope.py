"""What a question sets aside before it asks ("Other than BasketRun, where do you get your groceries?") is not what it
asks about: a fronted "apart from / other than / besides X," or "before we get into X," (and the Dutch, Korean and
Chinese forms) is left out before the persona reads the question. A bare "Before the app, …" is a time and stays, and
so does a pointing word ("Other than that, …")."""

from __future__ import annotations

import pytest

from simulator.understanding import without_excluded


@pytest.mark.parametrize("text, language, expected", [
    ("Other than BasketRun, where do you get your groceries these days?", "en",
     "where do you get your groceries these days?"),
    ("So, setting aside the deliveries for a second, who does the cooking?", "en", "who does the cooking?"),
    ("Before we get into the app, what's your week like?", "en", "what's your week like?"),
    ("um apart from Joanne, who else uses it?", "en", "who else uses it?"),
    ("Behalve de fiets, hoe kom je nog meer op je werk?", "nl", "hoe kom je nog meer op je werk?"),
    ("Voordat we het over de fiets hebben, hoe ziet je week eruit?", "nl", "hoe ziet je week eruit?"),
    ("모아뱅크 말고 다른 은행도 쓰세요?", "ko", "다른 은행도 쓰세요?"),
    ("除了邻里鲜，你现在还在哪儿买菜？", "zh", "你现在还在哪儿买菜？"),
    ("在聊邻里鲜之前，你平时上班忙吗？", "zh", "你平时上班忙吗？"),
])
def test_what_is_set_aside_is_left_out(text, language, expected):
    assert without_excluded(text, language) == expected


@pytest.mark.parametrize("text, language", [
    ("Before the app, how did you book?", "en"),  # a time, not a thing set aside
    ("Other than that, anything else?", "en"),  # points back
    ("Before all that you had it brought to the door, didn't you?", "en"),  # a clause of its own
    ("Apart from that?", "en"),  # nothing left to ask
    ("그거 말고 또 있어요?", "ko"),
    ("除了这个，还有别的吗？", "zh"),
    ("Other than BasketRun, where do you shop?", "fr"),  # a language without the forms
])
def test_unchanged(text, language):
    assert without_excluded(text, language) == text


def test_the_persona_answers_what_is_left(make_engine, test_persona):
    text = "Besides the van and the delivery slots, what do you cook for the kids?"
    session = make_engine({text: "open"}).start(test_persona, seed=1)
    _, reply = session.ask(text)
    assert reply.topic == "cooking"
