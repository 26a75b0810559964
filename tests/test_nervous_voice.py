"""A nervous interviewer's turns: an apology with "if" before the question pitches nothing, and a leading question
taken back before the real one ("That must have been annoying, right? Sorry, that's me putting words in. What
happened with it?") leaves the persona on what she is telling."""

from __future__ import annotations

import pytest

from scoring.classifier import QuestionClassifier
from scoring.labels import Flag
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ROOT, ScriptedClassifier


@pytest.fixture(scope="module")
def classifier():
    return QuestionClassifier(embedder=HashingEmbedder())


@pytest.mark.parametrize("text", [
    "So I guess, to start, and sorry if this is a bit broad, what does a normal week look like for you?",
    "Stop me if this is off, but what do you use the app for?",
    "Correct me if I'm wrong, but you order on Sundays?",
])
def test_an_apology_or_permission_with_if_pitches_nothing(classifier, text):
    assert Flag.PITCH not in classifier.classify(text, "Hello.").flags


@pytest.mark.parametrize("text", [
    "If we added a reminder, would you use it?",
    "Sorry, if the app sent you a reminder, would you use it?",  # the apology is not what the "if" hangs on
])
def test_a_pitch_after_an_apology_is_still_a_pitch(classifier, text):
    assert Flag.PITCH in classifier.classify(text, "Hello.").flags


def test_a_leading_question_taken_back_leaves_her_on_her_story():
    from simulator.policy import _understand

    maria = load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, "open")).start(maria, seed=1)
    _, first = session.ask("Tell me about the last time you ordered.")
    # The sentences before the question name nothing of hers: "it" is her story (read whole, the turn was declined).
    turn = "That must have been so annoying, right? Sorry, scrap that. What happened with it?"
    assert _understand(session.index, session.state, turn, "en")[0] == first.topic


@pytest.mark.parametrize("question, afterthought", [
    ("What does a normal working day look like for you?", "Sorry, big question about the family budget."),
    ("How did you first hear about BasketRun?", "Sorry, the money side can wait."),
])
def test_what_follows_the_last_question_is_an_afterthought(question, afterthought):
    from simulator.policy import _understand

    maria = load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, "open")).start(maria, seed=1)
    alone = _understand(session.index, session.state, question, "en")[0]
    assert alone is not None
    assert _understand(session.index, session.state, f"{question} {afterthought}", "en")[0] == alone


def test_a_feeling_asked_with_hui_is_no_supposition():
    from scoring.classifier import QuestionClassifier as Classifier

    zh = Classifier(embedder=HashingEmbedder(), language="zh")
    assert Flag.HYPOTHETICAL not in zh.classify("房贷那些加在一起……我是说，会觉得压力大吗？", "我们家就四个人。").flags
    assert Flag.HYPOTHETICAL not in zh.classify("你会担心孩子吗？", "我们家就四个人。").flags
    # An "if" still makes it one.
    assert Flag.HYPOTHETICAL in zh.classify("如果涨价了，你会觉得贵吗？", "我们家就四个人。").flags


@pytest.mark.parametrize("text, leading", [
    ("这个功能是不是完全没用？", True),  # an absolute verdict handed over for a yes
    ("是不是根本不好用？", True),
    ("你是不是完全没用过？", False),  # 没用过: "never used", no verdict
])
def test_a_chinese_absolute_verdict_is_leading(text, leading):
    from scoring.classifier import QuestionClassifier as Classifier
    from scoring.labels import Label

    zh = Classifier(embedder=HashingEmbedder(), language="zh")
    assert (zh.classify(text, "上个月退款拖了两个星期才到。").label is Label.LEADING) is leading


@pytest.mark.parametrize("text, pitch, hypothetical", [
    ("如果可以在手机上直接退押金，你会更愿意用吗？", True, True),  # a capability offered for their approval
    ("要是能自动续费，你会用吗？", True, True),
    ("如果可以的话，你会推荐给朋友吗？", False, True),  # "if possible": no capability offered
    ("如果可以，你能说说那次的经过吗？", False, False),  # politeness: no supposition either
    ("如果下雨，你还会去吗？", False, True),
])
def test_chinese_capabilities_offered_and_polite_ifs(text, pitch, hypothetical):
    from scoring.classifier import QuestionClassifier as Classifier

    zh = Classifier(embedder=HashingEmbedder(), language="zh")
    flags = zh.classify(text, "上个月退款拖了两个星期才到。").flags
    assert (Flag.PITCH in flags, Flag.HYPOTHETICAL in flags) == (pitch, hypothetical)
