"""Chinese: "don't you…" questions in their usual shapes ("你不会觉得麻烦吗？", "你们不想要…吗？", "你不觉得有点可惜？"),
agreement sought with "你也觉得…", and a guess with 应该 raised for a yes ("那你应该不会回去了？") are leading; a fact
question with 应该 or a plain negative check of their own words is not. Reads ``scoring.rules_zh`` alone."""

from __future__ import annotations

import pytest

from scoring import rules_zh
from scoring.labels import Label

GYM = "上个月我换了一家健身房，离公司近一点。"


def label(text: str, previous: str | None = GYM) -> Label:
    return rules_zh.analyse(text, previous).top[0]


@pytest.mark.parametrize("text", [
    "你不会觉得麻烦吗？",
    "你们不想要更快的配送吗？",
    "你不觉得有点可惜？",
    "你也觉得现在这家好一点？",
    "那你应该不会回去了？",
    "那种体验应该挺糟糕的？",
])
def test_a_negative_question_an_agreement_or_a_raised_guess_leads(text):
    assert label(text) is Label.LEADING


@pytest.mark.parametrize(("text", "expected"), [
    ("你应该多久去一次？", Label.CLOSED),          # 应该 inside a fact question
    ("你觉得他们应该退款吗？", Label.CLOSED),      # 应该 in what they are asked to judge
])
def test_yingai_inside_a_real_question_is_no_guess(text, expected):
    assert label(text) is expected


def test_their_own_view_said_back_with_ye_is_no_agreement_sought():
    previous = "我觉得现在这家好一点，离公司近。"
    assert label("你也觉得现在这家好一点？", previous) is not Label.LEADING
