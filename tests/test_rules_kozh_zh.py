"""Chinese question forms in natural chat and spoken turns (fillers 嗯/那个/就是, no punctuation): leading forms
that supply a reason, a claim or a feeling, open questions with 吗/呢 softeners, echoes and reflections. These read the
rules alone (``scoring.rules_zh``), so they need no embedder."""

from __future__ import annotations

import pytest

from scoring import rules_zh
from scoring.labels import Label

PREV = "后来我就不去那家健身房了。"
CONTEXT = ["我办了一年的健身卡。", "教练换了三次。", PREV]


def label(text: str, previous: str | None = PREV, context=None) -> Label:
    return rules_zh.analyse(text, previous, context).top[0]


@pytest.mark.parametrize("text", [
    "你不去是因为年卡太贵了吗？",              # a reason they never gave
    "那个 就是 你是因为工作忙才不去的吗",      # the same, spoken
    "你肯定也遇到过推销私教课的情况吗？",      # 肯定 + a claim, with 吗
    "嗯 那个 你肯定也觉得不值了",              # 肯定 + an opinion, said as a statement
    "是不是健身房的问题？",                    # 是不是 + a verdict
    "你是不是早就不想去了",                    # 是不是 + 早就
    "换了三次教练，你有多无奈？",              # 有多 + a feeling
    "不去了以后有多轻松？",                    # 有多 + any quality
    "所以说你就是嫌太远",                      # a summary that pins a motive on them
    "难道你不心疼那张年卡吗",
    "应该是教练不专业吧",
])
def test_leading_forms_in_chat_and_speech(text):
    assert label(text) == Label.LEADING


def test_a_reason_they_gave_is_a_check_not_a_lead():
    assert label("你不去是因为教练换了三次吗？", context=CONTEXT) == Label.CLOSED


def test_a_feeling_stated_is_a_reflection_only_when_they_named_it():
    # The English convention: a feeling they never named, stated for them, is leading; the one they named is not.
    assert label("你一定很失望。") == Label.LEADING
    assert label("你一定很失望。", previous="后来我就不去那家健身房了，挺失望的。") == Label.REFLECTION


@pytest.mark.parametrize("text", [
    "后来不去了，那段时间一般是怎么过的？",
    "能说说你最后一次去健身房那天的情况吗？",
    "可以聊聊教练换了以后的感觉吗？",
    "嗯 这个 就是 后来呢",
    "你说不去了 那不去了之后呢",
    "那一年卡用下来觉得怎么样呢？",
])
def test_open_questions_with_softeners_and_fillers(text):
    assert label(text) == Label.OPEN


@pytest.mark.parametrize("text", ["你现在还去别的健身房吗", "年卡多少钱？", "你有没有找过前台？"])
def test_closed_questions(text):
    assert label(text) == Label.CLOSED


@pytest.mark.parametrize("text", ["三次？", "一年？", "不去了？"])
def test_bare_fragments_are_echoes(text):
    assert label(text) == Label.ECHO
    assert label(text, context=CONTEXT) == Label.ECHO


def test_restating_summary_stays_a_reflection():
    assert label("所以你办了一年的卡，教练换了三次，后来就不去了。", context=CONTEXT) == Label.REFLECTION


@pytest.mark.parametrize("text, expected", [
    ("这个健身房对新手太不友好了是不是", Label.LEADING),   # spoken: a verdict closed by 了, then the tag, no comma
    ("教练换得太勤了是不是", Label.LEADING),
    ("你是不是每周都去？", Label.CLOSED),                  # 是不是 inside: a plain yes/no
    ("你们已经不去了是吗", Label.CLOSED),                  # a fact checked: only 是不是 is read as a tag this way
])
def test_a_spoken_tag_after_a_closed_clause(text, expected):
    assert label(text) == expected
