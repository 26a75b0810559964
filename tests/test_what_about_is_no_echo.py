"""A thing asked about with the word or particle for "and what about…?" ("And the slots?", "En de verhoging?",
"그래서 월급통장은요?", "那售后呢？") is a question about that thing, not her own words handed back, even where she
used them: an echo is the words alone ("The slots?", "De verhoging?", "월급통장이요?", "售后？")."""

from __future__ import annotations

import pytest

from simulator.understanding import looks_like_echo


@pytest.mark.parametrize("turn, said, language", [
    ("And the slots?", "The evening slots went fast, so I gave up.", "en"),
    ("What about the slots?", "The evening slots went fast, so I gave up.", "en"),
    ("En de verhoging?", "Sinds de verhoging twijfel ik of ik het houd.", "nl"),
    ("그래서 월급통장은요?", "대출 때문에 월급통장을 옮겼어요.", "ko"),
    ("모임통장은요?", "친구들이랑 모임통장을 같이 써요.", "ko"),
    ("那售后呢？", "售后也不管，我就不想买了。", "zh"),
    # "and" before a preposition asks the same of another time or place
    ("And in the rain?", "In the rain I still cycle, with the kids in the back.", "en"),
    ("En in de regen?", "In de regen fiets ik ook gewoon, met de kinderen achterop.", "nl"),
    ("En op zaterdag?", "Op zaterdag doen we de boodschappen samen.", "nl"),
])
def test_what_about_a_thing_is_a_question_about_it(turn, said, language):
    assert not looks_like_echo(turn, said, language)


@pytest.mark.parametrize("turn, said, language", [
    ("The slots?", "The evening slots went fast, so I gave up.", "en"),
    ("De verhoging?", "Sinds de verhoging twijfel ik of ik het houd.", "nl"),
    ("월급통장이요?", "대출 때문에 월급통장을 옮겼어요.", "ko"),
    ("售后？", "售后也不管，我就不想买了。", "zh"),
    ("In the rain?", "In the rain I still cycle, with the kids in the back.", "en"),
])
def test_her_words_alone_are_still_an_echo(turn, said, language):
    assert looks_like_echo(turn, said, language)


def test_and_then_is_not_a_what_about_question():
    from simulator.understanding import _WHAT_ABOUT

    assert _WHAT_ABOUT["zh"].search("那团长呢？")
    for follow_up in ("后来呢？", "然后呢？", "之后呢", "还有呢？"):
        assert not _WHAT_ABOUT["zh"].search(follow_up)
