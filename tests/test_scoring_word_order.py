"""Questions in the word order of a statement, as second-language interviewers and auto-captions put them ("how you
decided which shop to go", "which year you registered?", "You can tell me more about that day?"), are read as the
questions they are; statements that contain the same words are not (the form rules alone, no model)."""

import pytest

from scoring import rules
from scoring.labels import Label

PARKING = ["I park near the clinic twice a week for physio.",
           "Last time I put in the wrong zone and got a fine."]


def label(text, context=PARKING):
    return rules.analyse(text, context[-1], "en", context).top[0]


@pytest.mark.parametrize(("text", "expected"), [
    ("okay and um how you decided which shop to go", Label.OPEN),
    ("and um how you feel when the email comes", Label.OPEN),
    ("Why you stopped using it?", Label.OPEN),
    ("which year you registered", Label.CLOSED),
    ("How much you paid for the fine?", Label.CLOSED),
    # A modal before its subject: a request for an account, or a faux invitation for a yes or no.
    ("You can tell me more about that day?", Label.OPEN),
    ("You can describe me a normal week with the app?", Label.OPEN),
])
def test_a_question_in_statement_order_is_read_as_a_question(text, expected):
    assert label(text) == expected


@pytest.mark.parametrize("text", [
    "I mean, don't get me wrong, I get why they do it.",
    "Before we go on, you can skip any question you'd rather not answer.",
    "Thanks, that's really useful.",
])
def test_statements_with_those_words_stay_statements(text):
    assert label(text, ["They make it hard on purpose."]) == Label.STATEMENT


def test_a_clause_of_time_before_the_question_is_not_a_second_question():
    form = rules.analyse("so um when you want a pot, what do you do", "I grow my own tomatoes.")
    assert form.top[0] == Label.OPEN and not form.flags


def test_native_order():
    assert rules._native_order("which year you registered") == "which year do you registered"
    assert rules._native_order("what it was like") == "what was it like"
    assert rules._native_order("you can tell me more?") == "can you tell me more?"
    # Left alone: a subject clause, "how come" (which takes statement order), a clause of time before a question.
    assert rules._native_order("what you said was interesting") == "what you said was interesting"
    assert rules._native_order("how come you stopped") == "how come you stopped"
    assert rules._native_order("when you got to the desk what happened") == "when you got to the desk what happened"


# The interviewer's own experience ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "language", "previous"), [
    ("I got a parking fine last year too.", "en", "Last time I put in the wrong zone and got a fine."),
    ("I mean, don't get me wrong, I get why they do it.", "en", "They make it hard on purpose."),
    ("oh herkenbaar, mijn vader woont ook alleen, dus eh ja", "nl", "Mijn moeder woont alleen."),
    ("Ach, wat zonde. Dat heb ik zelf ook een keer gehad met een verjaardagsbos.", "nl",
     "De bloemen kwamen verwelkt aan, het was een verjaardagsbos."),
    ("아이고, 저도 비슷한 일이 있어서 그 마음 알 것 같아요.", "ko", "환불이 안 돼서 너무 속상했어요."),
    ("말씀해 주셔서 감사해요. 저희 할머니도 약을 매일 드셔서 남 일 같지 않네요.", "ko", "약을 매일 먹어야 해서요."),
])
def test_the_interviewers_own_experience_is_a_statement_not_a_reflection(text, language, previous):
    assert rules.analyse(text, previous, language).top[0] == Label.STATEMENT


@pytest.mark.parametrize(("text", "language", "previous"), [
    ("I know you park there twice a week.", "en", "I park near the clinic twice a week for physio."),
    ("dus ik hoor dat het te duur werd", "nl", "Het werd me gewoon te duur."),
    ("그러니까 결국 가격 때문에 그만두신 거네요.", "ko", "가격이 너무 올라서 그만뒀어요."),
])
def test_a_summary_of_theirs_with_a_first_person_frame_stays_a_reflection(text, language, previous):
    assert rules.analyse(text, previous, language).top[0] == Label.REFLECTION


# Chinese: a motive pinned on someone ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "是不是快递柜公司故意把免费时间定得很短，好多收点钱？",
    "那个中介是不是 嗯 是不是一开始就故意不跟你说服务费",
    "是不是那家公司当初就故意说高了？",
])
def test_zh_a_motive_pinned_on_someone_is_leading(text):
    assert rules.analyse(text, "超时了，多扣了六块钱。", "zh").top[0] == Label.LEADING


@pytest.mark.parametrize("text", ["超时费是不是在小程序里付的？", "是不是周末也能取件？", "你是不是专门去买的？"])
def test_zh_a_fact_to_check_with_shibushi_stays_closed(text):
    assert rules.analyse(text, "超时了，多扣了六块钱。", "zh").top[0] == Label.CLOSED
