"""Scoring in Dutch, Korean and Chinese: question forms, echoes, coaching text in the language, accuracy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scoring.classifier import QuestionClassifier, classifier_for
from scoring.i18n import LANGUAGES, REASONS, REWRITES, LanguageClassifier, examples_path, form_label, load_examples
from scoring.labels import Flag, Label
from simulator.embeddings import HashingEmbedder

CASES = {
    "nl": [
        ("Gebruik je de app dagelijks?", None, Label.CLOSED),
        ("Hoe vaak bestel je?", None, Label.CLOSED),
        ("Het is gewoon te duur, toch?", None, Label.LEADING),
        ("Vind je ook niet dat de app te traag is?", None, Label.LEADING),
        ("Wat gebeurde er toen?", "De fiets stond twee weken bij de monteur.", Label.OPEN),
        ("Vertel eens over de laatste keer dat je fiets kapot was.", None, Label.OPEN),
        ("Twee weken?", "De fiets stond twee weken bij de monteur.", Label.ECHO),
        ("Als ik je goed begrijp, bestel je pas als de koelkast leeg is.", None, Label.REFLECTION),
    ],
    "ko": [
        ("앱은 매일 쓰세요?", None, Label.CLOSED),
        ("몇 번이나 지점에 가셨어요?", None, Label.CLOSED),
        ("수수료가 너무 비싸죠?", None, Label.LEADING),
        ("그 앱이 불편하지 않으세요?", None, Label.LEADING),
        ("처음 가입하시던 날 이야기를 좀 해 주시겠어요?", None, Label.OPEN),
        ("그때 어떻게 하셨어요?", None, Label.OPEN),
        ("과장님이요?", "과장님이 한 시간 동안 서류를 봤어요.", Label.ECHO),
        ("불편했다고요?", "솔직히 좀 불편했어요.", Label.ECHO),
        ("새 앱이 빠르긴 한데 정이 안 가신다는 거네요.", None, Label.REFLECTION),
    ],
    "zh": [
        ("你每天都用这个App吗？", None, Label.CLOSED),
        ("你一周买几次菜？", None, Label.CLOSED),
        ("太贵了，对吧？", None, Label.LEADING),
        ("难道你不觉得配送太慢了吗？", None, Label.LEADING),
        ("说说你上次在App上买菜的经过。", None, Label.OPEN),
        ("能跟我讲讲上一次退款的经过吗？", None, Label.OPEN),
        ("投诉？", "后来我还打电话投诉了一次。", Label.ECHO),
        ("手就停住了？", "我点下单的时候手就停住了。", Label.ECHO),
        ("所以周六去菜场，是你一周里最放松的时候。", None, Label.REFLECTION),
    ],
}


@pytest.mark.parametrize("lang,text,previous,expected",
                         [(lang, *case) for lang, cases in CASES.items() for case in cases])
def test_i18n_question_forms(lang, text, previous, expected):
    assert form_label(text, previous, lang)[0] is expected


@pytest.mark.parametrize("lang,text", [("nl", "Vertel eens, heb je opgezegd?"), ("zh", "你描述一下，快递准时吗？"),
                                       ("ko", "이야기해 주세요, 배송은 제때 왔어요?")])
def test_i18n_faux_invitation_is_closed_and_flagged(lang, text):
    label, _, flags = form_label(text, None, lang)
    assert label is Label.CLOSED and Flag.FAUX_INVITATION in flags


def test_i18n_the_same_words_without_repetition_are_no_echo():
    # A question that shares one word with their answer is the trainee's own question, not an echo.
    assert form_label("알림은 켜 두셨나요?", "알림이 너무 많아요.", "ko")[0] is Label.CLOSED
    assert form_label("Gebruik je de app dagelijks?", "De app is traag.", "nl")[0] is Label.CLOSED


@pytest.mark.parametrize("lang", LANGUAGES)
def test_i18n_coaching_comes_in_the_language(lang):
    clf = LanguageClassifier(lang, embedder=None)
    leading = {"nl": "Het is te duur, toch?", "ko": "수수료가 너무 비싸죠?", "zh": "太贵了，对吧？"}[lang]
    verdict = clf.classify(leading)
    assert verdict.label is Label.LEADING and verdict.language == lang
    assert verdict.reason == REASONS[lang]["leading"] and verdict.rewrite == REWRITES[lang]
    if lang in ("ko", "zh"):
        assert not any(c.isascii() and c.isalpha() for c in verdict.reason + verdict.rewrite)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_i18n_example_files_are_large_enough_and_well_formed(lang):
    examples = load_examples(examples_path(lang)) + load_examples(examples_path(lang, "heldout"))
    assert len(examples) >= 100
    assert {e.label for e in examples} <= {label.value for label in Label}
    train_texts = {e.text for e in load_examples(examples_path(lang))}
    assert not train_texts & {e.text for e in load_examples(examples_path(lang, "heldout"))}


# Form alone, on every labelled turn (measured: nl 0.81, ko 0.81, zh 0.85). The bound sits a little under.
@pytest.mark.parametrize("lang,bound", [("nl", 0.76), ("ko", 0.76), ("zh", 0.8)])
def test_i18n_form_accuracy_on_the_team_examples(lang, bound):
    examples = load_examples(examples_path(lang)) + load_examples(examples_path(lang, "heldout"))
    hits = sum(form_label(e.text, e.previous, lang)[0].value == e.label for e in examples)
    assert hits / len(examples) >= bound


def test_i18n_classifier_for_picks_the_language():
    embedder = HashingEmbedder()
    assert isinstance(classifier_for("zh-Hans", embedder=embedder), LanguageClassifier)
    assert classifier_for("ko", embedder=embedder).language == "ko"
    assert isinstance(classifier_for("en-GB", embedder=embedder), QuestionClassifier)
    assert classifier_for("nl", embedder=embedder) is classifier_for("nl", embedder=embedder)


def test_i18n_cli_classify_lang(tmp_path):
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": "a", "text": "Gebruik je de app dagelijks?"}) + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "simulator.cli", "classify", "--lang", "nl", "-i", str(lines)],
                         capture_output=True, text=True, env={"INTERVIEW_SIM_EMBEDDER": "hashing", "PATH": ""},
                         timeout=120)
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert record["label"] == "closed" and record["reason"] == REASONS["nl"]["closed"]
    bad = subprocess.run([sys.executable, "-m", "simulator.cli", "classify", "--lang", "fr", "-i", str(lines)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "fr" in bad.stderr


@pytest.mark.real_model
@pytest.mark.parametrize("lang,bound", [("nl", 0.85), ("ko", 0.85), ("zh", 0.9)])
def test_i18n_heldout_accuracy_with_the_multilingual_encoder(lang, bound):
    from simulator.embeddings import get_embedder

    clf = LanguageClassifier(lang, embedder=get_embedder(kind="use", language=lang))
    heldout = load_examples(examples_path(lang, "heldout"))
    hits = sum(clf.classify(e.text, e.previous).label.value == e.label for e in heldout)
    assert hits / len(heldout) >= bound
