"""Korean question forms in natural chat and spoken turns (no punctuation, fillers): leading forms that put a
feeling, reason or verdict in the customer's mouth, open questions that end like yes/no questions, echoes and
reflections. These read the rules alone (``scoring.rules_ko``), so they need no embedder."""

from __future__ import annotations

import pytest

from scoring import rules_ko
from scoring.labels import Label

PREV = "주말마다 아이랑 캠핑을 다녔는데 요즘은 잘 안 가요."
CONTEXT = ["작년에 캠핑 장비를 한꺼번에 샀어요.", "텐트 치는 데만 한 시간이 걸렸어요.", PREV]


def label(text: str, previous: str | None = PREV, context=None) -> Label:
    return rules_ko.analyse(text, previous, context).top[0]


@pytest.mark.parametrize("text", [
    "텐트 치는 게 너무 번거롭지 않았어요",          # negative question, spoken, no "?"
    "음 그 캠핑장이 멀어서 그런 거 아니에요",         # 아니에요 without "?"
    "다들 요즘은 글램핑 간다고 하던데 그쵸",          # tag after a space
    "아무래도 아이가 크면서 흥미를 잃었겠죠",          # 아무래도 …겠죠, unpunctuated
    "아이랑 가시면 많이 뿌듯하셨을 것 같은데요",       # a guessed feeling
    "그때 좀 지치셨을 것 같아요.",                    # the same guess, with a full stop
    "혹시 장비 값이 아까워서 안 가시는 거예요?",      # a reason they never gave
    "혹시 날씨 때문이었나요?",                        # a reason they never gave
    "얼마나 서운하셨어요?",                           # a feeling presupposed
    "어 결국 의지가 좀 약해지신 거네요",              # a summary that adds a verdict on them
    "요즘 같은 날씨엔 캠핑이 좀 힘드시죠",            # unpunctuated -시죠 that tells them what they feel
    "얼마나 서운하셨어요 그때",                        # spoken order: a time word after the predicate
    "다른 분들은 보통 차박을 하시던데 고객님은 어떠세요?",  # social proof before an open question
    "음 아이가 캠핑을 좋아하시죠 아무래도",           # an adverb said after the predicate
    "혹시 아이가 학원을 다니셔서 못 가시는 거예요",    # 혹시 opens a question without "?"; a reason supplied
])
def test_leading_forms_in_chat_and_speech(text):
    assert label(text) == Label.LEADING


def test_a_reason_they_gave_is_a_check_not_a_lead():
    # They said it took an hour to pitch the tent: asking whether that was why is a closed check.
    assert label("혹시 텐트 치는 데 시간이 오래 걸려서 안 가시는 거예요?", context=CONTEXT) == Label.CLOSED
    assert label("혹시 날씨 때문이었나요?", context=CONTEXT) == Label.LEADING


def test_their_own_feeling_word_is_not_presupposed():
    assert label("얼마나 힘드셨어요?", previous="텐트 치는 게 너무 힘들었어요.") != Label.LEADING


@pytest.mark.parametrize("text", [
    "처음 캠핑 가셨을 때는 어떠셨어요?",
    "요즘 주말은 어땠나요?",
    "음 그 캠핑 안 가시게 된 과정이 궁금한데요",
    "혹시 그때 무슨 생각 드셨어요?",
    "아이랑 캠핑 가면 하루가 보통 어떻게 흘러가는지 여쭤봐도 될까요?",
    "그 텐트 치던 날 얘기 좀 해 주실 수 있을까요",
])
def test_open_questions_with_yes_no_looking_endings(text):
    assert label(text) == Label.OPEN


@pytest.mark.parametrize("text", [
    "혹시 뭐 불편한 점 있으셨어요?",     # 혹시 + 뭐 + 있다: "anything?"
    "캠핑장은 집에서 가까운가요",          # -ㄴ가요 without "?"
    "장비는 온라인에서 사셨어요?",
    "음 처음 가셨던 캠핑장이 어디였는지 기억나세요",   # a yes/no question around an embedded one
])
def test_closed_questions(text):
    assert label(text) == Label.CLOSED


@pytest.mark.parametrize("text", ["잘 안 가신다고요?", "주말마다요?", "한 시간이요?", "요즘은 잘 안 가신다고요",
                                  "캠핑요?", "요즘은 잘 안 가신다"])
def test_echo_endings(text):
    assert label(text, context=CONTEXT) == Label.ECHO


def test_an_echo_of_an_earlier_turn_needs_the_context():
    assert label("한꺼번에요?", context=CONTEXT) == Label.ECHO


@pytest.mark.parametrize("text", [
    "주말마다 다니시다가 요즘은 잘 안 가시는 거군요.",
    "그러니까 예전엔 주말마다 가셨는데 요즘은 뜸해지신 거죠.",
    "요약하면, 예전엔 주말마다 가셨지만 요즘은 잘 안 가시는 거군요.",
    "결국 캠핑이 좀 시들해지신 거네요.",  # a feeling read into their words, no verdict on them
])
def test_restating_summaries_stay_reflections(text):
    assert label(text) == Label.REFLECTION
