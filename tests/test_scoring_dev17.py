"""Korean and Chinese forms from two interviewer voices (contextual inquiry; an early-stage founder who slips into
pitches, compliment-fishing and hypotheticals): spoken afterthoughts and run-on questions, a -죠/吧 claim followed by a
remark, the founder's own idea or product put up for a yes, and a few short follow-ups. These read the rules alone
(``scoring.rules_ko``, ``scoring.rules_zh``), so they need no embedder."""

from __future__ import annotations

import pytest

from scoring import rules_ko, rules_zh
from scoring.labels import Flag, Label

KO_PREV = "그래서 주말에 마트에 혼자 갔어요."
KO_CONTEXT = ["평일에는 온라인으로 장을 봐요.", "근데 지난주엔 배송이 하루 늦었어요.", KO_PREV]
ZH_PREV = "上周有一个包裹被放在门口了。"
ZH_CONTEXT = ["我平时都在网上买东西。", "快递一般放小区的快递柜。", ZH_PREV]


def ko(text: str, previous: str | None = KO_PREV, context=KO_CONTEXT):
    return rules_ko.analyse(text, previous, context)


def zh(text: str, previous: str | None = ZH_PREV, context=ZH_CONTEXT):
    return rules_zh.analyse(text, previous, context)


def flags(form) -> set[Flag]:
    return {hit.flag for hit in form.flags}


# --- Korean -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "그 앱 화면에는 뭐가 먼저 보였어요 그 옆에",      # a place said after the predicate
    "음 마트 다녀오신 다음에는요 그 다음엔",          # what about the next step, the step said again
    "어 마지막으로 가신 게 언제였어요 그리고 뭐 사셨어요",  # two run-on questions, the last one open
])
def test_ko_spoken_questions_with_words_after_them_are_open(text):
    assert ko(text).top[0] == Label.OPEN


def test_ko_a_yes_no_clause_picked_up_with_geugeo_before_the_request_is_a_faux_invitation():
    form = ko("한 달에 다섯 번 넘게 가시는지 그거 좀 말씀해 주시겠어요")
    assert form.top[0] == Label.CLOSED and Flag.FAUX_INVITATION in flags(form)


def test_ko_sympathy_and_own_experience_ask_nothing():
    assert ko("아이고, 고생 많으셨어요. 저도 그런 적 있어요.").top[0] == Label.STATEMENT


@pytest.mark.parametrize("text", [
    "그 배송 지연 진짜 짜증 나셨죠 뭐 요즘 쇼핑몰들이 다 그래요",   # a feeling put on them, then a remark
    "근데 남편분이 장 보는 건 잘 안 도와주시죠 보통 남자분들이 그렇더라고요",  # a negation they never said
])
def test_ko_a_shi_jo_claim_followed_by_a_remark_leads(text):
    assert ko(text).top[0] == Label.LEADING


def test_ko_a_retrospective_deoragoyo_is_no_question_nor_echo():
    assert not rules_ko.is_question("보통 다들 그렇더라고요")


def test_ko_what_we_are_building_is_a_pitch():
    form = ko("제가 사실 동네 세탁 앱을 만들고 있어서요, 먼저 몇 가지 여쭤볼게요.")
    assert form.top[0] == Label.STATEMENT and Flag.PITCH in flags(form)


@pytest.mark.parametrize("text", [
    "아 제가 사실 반찬 구독 서비스를 준비하고 있는데 음 매주 집으로 오는 거거든요 그런 거 있으면 써 보실 생각 있으세요",
    "그래서 제가 생각한 게 뭐냐면 어 장 볼 목록을 자동으로 짜 주는 거예요 근데 음 그거 있으면 쓰실 거예요",
    "제 아이디어 어때요, 쓸 만한 것 같아요?",
])
def test_ko_a_yes_no_on_the_founders_own_idea_leads_and_is_a_pitch(text):
    form = ko(text)
    assert form.top[0] == Label.LEADING and Flag.PITCH in flags(form)


def test_ko_a_wh_question_with_sil_geot_gatayo_asks_an_estimate():
    form = ko("일 년에 얼마면 쓰실 것 같아요?")
    assert form.top[0] == Label.CLOSED and Flag.HYPOTHETICAL in flags(form)


def test_ko_their_words_with_only_the_honorific_added_are_an_echo():
    assert ko("혼자 가셨어요?").top[0] == Label.ECHO
    assert ko("버스로 가셨어요?").top[0] == Label.CLOSED   # 버스로 is new: a question of ours


# --- Chinese ------------------------------------------------------------------------------------------------------

def test_zh_zai_ganma_asks_what_they_are_doing():
    assert zh("嗯 那个 你周末早上一般在干嘛").top[0] == Label.OPEN


@pytest.mark.parametrize("text", [
    "我这个点子你觉得行吗？",
    "就是如果有这样的东西 你会买吗",
    "我们在做社区团购的小程序，已经有三百多家店在用了，你们会试试吗？",
    "我们这个呢 就是那个 自动记账 然后价格只要一半 你觉得 你会不会用",
])
def test_zh_a_yes_no_on_the_founders_own_idea_leads_and_is_a_pitch(text):
    form = zh(text)
    assert form.top[0] == Label.LEADING and Flag.PITCH in flags(form)


def test_zh_a_condition_on_a_problem_is_no_pitch():
    assert Flag.PITCH not in flags(zh("要是有这个问题你会换一家吗？"))


def test_zh_a_guess_with_ba_then_a_remark_leads():
    assert zh("然后你 那个 肯定已经投诉了吧 一般都会投诉的").top[0] == Label.LEADING


def test_zh_the_speaker_telling_of_themself_is_a_statement():
    assert zh("我跟你说啊 我以前在物流公司干了五年 那个 快递这块我特别熟").top[0] == Label.STATEMENT


def test_zh_the_same_asked_of_another_thing_is_a_closed_check():
    assert zh("另一个包裹也是快递员放门口的？").top[0] == Label.CLOSED
