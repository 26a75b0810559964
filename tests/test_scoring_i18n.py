"""Scoring in Dutch, Korean and Chinese: question forms, echoes, coaching text in the language, the data files,
held-out accuracy with the hashing fake, and the CLI.

The held-out turns (``scoring/data/heldout_{lang}.jsonl``) were never used as neighbours nor to write the rules;
the accuracy floors below sit under what was measured when they were first scored (nl 0.97, ko 1.00, zh 1.00 with
the hashing fake), with room for a turn or two.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from collections import Counter

import pytest

from scoring import feedback, feedback_i18n, i18n
from scoring.classifier import LANGUAGES, QuestionClassifier, classifier_for, examples_path, load_examples
from scoring.labels import Flag, Label
from scoring.metrics import compute_metrics
from scoring.rewrite import suggest_rewrite
from scoring.rules import analyse, echo_overlap
from simulator.embeddings import HashingEmbedder
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

OTHERS = ("nl", "ko", "zh")


@pytest.fixture(scope="module")
def classifiers():
    embedder = HashingEmbedder()
    return {lang: QuestionClassifier(embedder=embedder, language=lang) for lang in OTHERS}


# (text, previous, label, flags that must be present) per language: the cues and the team's notes.
CASES = {
    "nl": [
        ("Gebruik je de app dagelijks?", None, "closed", []),
        ("en eh doe je dat dan samen met je vriend", "meestal doe ik de boodschappen op zaterdag", "closed", []),
        ("Hoe vaak bestel je?", None, "closed", []),
        ("Betaal je per maand of per jaar?", None, "closed", []),
        ("Klopt het dat je in Utrecht woont?", None, "closed", []),
        ("Het is gewoon te duur, toch?", None, "leading", []),
        ("De app is best handig, niet?", None, "leading", []),
        ("Vind je ook niet dat de app te traag is?", None, "leading", []),
        ("Was het niet gewoon te duur?", None, "leading", []),
        ("De meeste klanten zeggen dat de prijs het probleem is. Ben je het daarmee eens?", None, "leading", []),
        ("Wat gebeurde er toen?", "De fiets stond twee weken bij de monteur.", "open", []),
        ("Hoe ging dat verder?", None, "open", []),
        ("Waarom ben je overgestapt?", None, "open", []),
        ("Vertel eens over de laatste keer dat je fiets kapot was.", None, "open", []),
        ("Kun je me vertellen hoe dat opzeggen ging?", None, "open", []),
        ("En daarna?", "Eerst heb ik de klantenservice gebeld.", "open", []),
        ("Vertel eens, was de monteur vriendelijk?", None, "closed", ["faux_invitation"]),
        ("Kun je me vertellen of je de mail hebt gelezen?", None, "closed", ["faux_invitation"]),
        ("Twee weken?", "De fiets stond twee weken bij de monteur.", "echo", []),
        ("Jouw moeder?", "Mijn moeder hielp me altijd.", "echo", []),
        ("Als ik je goed begrijp, bestel je pas als de koelkast leeg is.", "Ik bestel als de koelkast leeg is.",
         "reflection", []),
        ("Dus je bent gestopt omdat het te duur werd?", "Ik ben in maart gestopt.", "leading", []),
        ("Hm-hm.", "En toen heb ik de app verwijderd.", "statement", []),
        ("Wij werken aan een app waarmee je de monteur live kunt volgen.", None, "statement", ["pitch"]),
        ("Zou je overstappen als het vijf euro goedkoper was?", None, "closed", ["hypothetical"]),
        ("Hoe vaak ga je naar de sportschool en wat doe je daar dan?", None, "open", ["double_barreled"]),
    ],
    "ko": [
        ("앱은 매일 쓰세요?", None, "closed", []),
        ("몇 번이나 지점에 가셨어요?", None, "closed", []),
        ("음 그럼 그때 고객센터에 전화는 해 보셨어요", "상담 연결이 너무 안 됐어요", "closed", []),
        ("혹시 뭐 불편한 점 있으셨어요?", "앱은 한 달 정도 써 봤어요.", "closed", []),
        ("앱으로 하셨어요, 아니면 지점에 가셨어요?", None, "closed", []),
        ("수수료가 너무 비싸죠?", None, "leading", []),
        ("그 앱이 불편하지 않으세요?", None, "leading", []),
        ("요즘은 다들 모바일로 하잖아요.", None, "leading", []),
        ("지점 직원분이 훨씬 친절했죠, 그렇죠?", None, "leading", []),
        ("얼마나 불편하셨어요?", "배송이 하루 늦게 왔어요.", "leading", []),
        ("처음 가입하시던 날 이야기를 좀 해 주시겠어요?", None, "open", []),
        ("그때 어떻게 하셨어요?", None, "open", []),
        ("왜 그 은행을 선택하셨어요?", None, "open", []),
        ("그 일이 있고 나서 무엇이 달라졌는지 말씀해 주세요.", None, "open", []),
        ("그다음에는요?", "일단 고객센터에 전화했어요.", "open", []),
        ("말씀해 주세요, 가격 때문에 해지하셨나요?", None, "closed", ["faux_invitation"]),
        ("앱을 매일 쓰시는지 말씀해 주시겠어요?", None, "closed", ["faux_invitation"]),
        ("과장님이요?", "과장님이 한 시간 동안 서류를 봤어요.", "echo", []),
        ("불편했다고요?", "솔직히 좀 불편했어요.", "echo", []),
        ("모임통장이요?", "동기들이랑 모임통장을 같이 써요.", "echo", []),
        ("새 앱이 빠르긴 한데 정이 안 가신다는 거네요.", "새 앱은 빠른데 정이 안 가요.", "reflection", []),
        ("그러니까 결국 앱이 문제였다는 거죠?", "이것저것 다 꼬였어요.", "leading", []),
        ("네네 그랬구나", "그날 새벽 두 시까지 붙잡고 있었어요", "statement", []),
        ("저희 밀키트는 전부 국내산 재료만 씁니다.", None, "statement", ["pitch"]),
        ("금리만 좋으면 다시 오시겠어요?", None, "closed", ["hypothetical"]),
        ("앱은 자주 쓰시고 만족하세요?", None, "closed", ["double_barreled"]),
    ],
    "zh": [
        ("你每天都用这个App吗？", None, "closed", []),
        ("那你还在那个群里吗", "群里现在天天发广告", "closed", []),
        ("你一周买几次菜？", None, "closed", []),
        ("你有没有申请过退款？", None, "closed", []),
        ("你是自己做饭还是婆婆做饭？", None, "closed", []),
        ("太贵了，对吧？", None, "leading", []),
        ("那个机器人客服很让人生气吧？", None, "leading", []),
        ("是不是因为价格太贵了？", None, "leading", []),
        ("难道你不觉得配送太慢了吗？", None, "leading", []),
        ("大多数客户都说配送太慢，你同意吗？", None, "leading", []),
        ("说说你上次在App上买菜的经过。", None, "open", []),
        ("能跟我讲讲上一次退款的经过吗？", None, "open", []),
        ("为什么会选这个团购平台？", None, "open", []),
        ("封控那段时间你们家是怎么买菜的？", None, "open", []),
        ("后来呢？", "我拍了照片申请售后。", "open", []),
        ("说说看，你是因为价格才取消的吗？", None, "closed", ["faux_invitation"]),
        ("跟我讲讲，自提点远不远？", None, "closed", ["faux_invitation"]),
        ("投诉？", "后来我还打电话投诉了一次。", "echo", []),
        ("手就停住了？", "我点下单的时候手就停住了。", "echo", []),
        ("你的手就停住了？", "从那天起，我下单的时候手就停住了。", "echo", []),
        ("所以周六去菜场，是你一周里最放松的时候。", "周六去菜场是我一周最放松的时候。", "reflection", []),
        ("所以你换平台是因为价格？", "后来我就换了。", "leading", []),
        ("嗯嗯。", "那天真的特别累。", "statement", []),
        ("我们最近上线了小区自提柜，二十四小时都能取。", None, "statement", ["pitch"]),
        ("如果便宜五块钱，你会换回来吗？", None, "closed", ["hypothetical"]),
        ("你平时用优惠券吗，一般谁去取菜？", None, "closed", ["double_barreled"]),
    ],
}


@pytest.mark.parametrize("lang,text,previous,label,flags",
                         [(lang, *case) for lang, cases in CASES.items() for case in cases])
def test_i18n_question_forms(classifiers, lang, text, previous, label, flags):
    verdict = classifiers[lang].classify(text, previous)
    assert verdict.label.value == label, verdict.reason
    assert set(flags) <= {f.value for f in verdict.flags}
    assert verdict.language == lang


def test_i18n_language_tags_use_their_primary_subtag(caplog):
    embedder = HashingEmbedder()
    assert QuestionClassifier(embedder, language="zh-Hans").language == "zh"
    assert QuestionClassifier(embedder, language="ko_KR").language == "ko"
    assert QuestionClassifier(embedder, language="en-GB").language == "en"
    with caplog.at_level(logging.WARNING, logger="scoring.classifier"):
        french = QuestionClassifier(embedder, language="fr")
    assert french.language == "en" and "fr" in caplog.text and "English" in caplog.text
    assert french.classify("Do you use it daily?").label is Label.CLOSED


def test_i18n_classifier_for_is_one_classifier_per_language_and_embedder():
    embedder = HashingEmbedder()
    zh = classifier_for("zh-Hans", embedder=embedder)
    assert isinstance(zh, QuestionClassifier) and zh.language == "zh"
    assert classifier_for("zh", embedder=embedder) is zh
    assert classifier_for("ko", embedder=embedder).language == "ko"
    assert classifier_for("en-GB", embedder=embedder).language == "en"
    assert classifier_for("nl", embedder=HashingEmbedder()) is not classifier_for("nl", embedder=embedder)


def test_i18n_english_is_unchanged():
    embedder = HashingEmbedder()
    default, explicit = QuestionClassifier(embedder), QuestionClassifier(embedder, language="en")
    for text, previous in [("Don't you think it's too slow?", None), ("Three hours?", "It took three hours."),
                           ("Tell me, did you cancel because of the price?", None)]:
        assert default.classify(text, previous) == explicit.classify(text, previous)
    assert feedback.label_help("en") is feedback.LABEL_HELP and feedback.flag_help() is feedback.FLAG_HELP
    assert feedback.cue_reason("yes_no", "do you") == feedback.cue_reason("yes_no", "do you", language="fr")
    assert analyse("Do you use it?").language == "en"


# -- echoes ------------------------------------------------------------------------------------------------

def test_i18n_echo_overlap_without_spaces_and_with_korean_endings():
    assert echo_overlap("投诉？", "后来我还打电话投诉了一次。", "zh") == "投诉"
    assert echo_overlap("被当成傻子……", "我在乎的是被当成傻子。", "zh-Hans") == "被当成傻子"
    assert echo_overlap("你的手就停住了？", "我下单的时候手就停住了。", "zh") == "手就停住了"
    assert echo_overlap("你每天都用这个App吗？", "这个App我手机里一直有。", "zh") is None
    assert echo_overlap("과장님이요?", "과장님이 한 시간 동안 서류를 봤어요.", "ko") == "과장님"
    assert echo_overlap("세 시간이요?", "고객센터 연결되는 데 세 시간 걸렸어요.", "ko") == "세 시간"
    assert echo_overlap("어머님 반찬이요?", "엄마가 보내 준 반찬으로 먹어요.", "ko") == "어머님 반찬"
    assert echo_overlap("불편했다고요?", "솔직히 좀 불편했어요.", "ko")
    assert echo_overlap("앱은 매일 쓰시나요?", "앱은 폰에 깔려 있어요.", "ko") is None
    assert echo_overlap("Je moeders fiets?", "Het was de fiets van mijn moeder.", "nl") == "Je moeders fiets"
    assert echo_overlap("Gebruik je de app dagelijks?", "De app is traag.", "nl") is None
    assert echo_overlap("Three hours?", "It took me three hours to set it up.", "en") == "Three hours"
    assert echo_overlap("投诉？", None, "zh") is None


def test_i18n_shared_words_are_not_an_echo(classifiers):
    # A question of the trainee's own that shares a word with the answer stays a question.
    assert classifiers["ko"].classify("알림은 켜 두셨나요?", "알림이 너무 많아요.").label is Label.CLOSED
    assert classifiers["nl"].classify("Gebruik je de app dagelijks?", "De app is traag.").label is Label.CLOSED
    assert classifiers["zh"].classify("那个群你还在吗？", "群里现在天天发广告。").label is Label.CLOSED


# -- what the trainee reads ------------------------------------------------------------------------------------

LEADING = {"nl": "Het is te duur, toch?", "ko": "수수료가 너무 비싸죠?", "zh": "太贵了，对吧？"}
CLOSED = {"nl": "Gebruik je de app dagelijks?", "ko": "앱은 매일 쓰시나요?", "zh": "你每天都用这个App吗？"}
HYPOTHETICAL = {"nl": "Zou je het abonnement aan een vriendin aanraden?", "ko": "금리가 더 높으면 다시 옮기시겠어요?",
                "zh": "如果便宜五块钱，你会换回来吗？"}
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _in_script(text: str, lang: str) -> bool:
    script = {"ko": r"[\uac00-\ud7af]", "zh": r"[\u4e00-\u9fff]"}[lang]
    return bool(re.search(script, text)) and not (set(_LATIN_WORD.findall(text)) - {"App", "app"})


@pytest.mark.parametrize("lang", OTHERS)
def test_i18n_reasons_flag_reasons_and_rewrites_come_in_the_language(classifiers, lang):
    for text in (LEADING[lang], CLOSED[lang], HYPOTHETICAL[lang]):
        verdict = classifiers[lang].classify(text)
        assert verdict.rewrite and verdict.reason
        texts = [verdict.reason, verdict.rewrite, *verdict.flag_reasons.values()]
        if lang == "nl":
            english = {"the", "you", "they", "question", "it", "tell", "about"}
            assert not any(english & set(re.findall(r"[a-z]+", t.lower())) for t in texts), texts
        else:
            assert all(_in_script(t, lang) for t in texts), texts
    hyp = classifiers[lang].classify(HYPOTHETICAL[lang])
    assert Flag.HYPOTHETICAL in hyp.flags
    assert hyp.flag_reasons["hypothetical"] == feedback.flag_reason("hypothetical", "hypothetical",
                                                                    _evidence(hyp, lang), language=lang)


def _evidence(verdict, lang):
    form = analyse(HYPOTHETICAL[lang], None, lang)
    return next(h.evidence for h in form.flags if h.flag is Flag.HYPOTHETICAL)


EXPECTED_REWRITES = {
    ("nl", "Gebruik je de app dagelijks?", "closed"): "Hoe gebruik je de app?",
    ("nl", "Je vond die chatbot vast vreselijk, niet?", "leading"): "Hoe kijk je zelf tegen die chatbot aan?",
    ("nl", "Heb je het abonnement opgezegd?", "closed"): "Vertel eens hoe het ging toen je het abonnement opgezegd hebt.",
    ("nl", "U mist het bankkantoor zeker wel, of niet?", "leading"): "Hoe kijkt u zelf tegen het bankkantoor aan?",
    ("ko", "앱은 매일 쓰시나요?", "closed"): "가장 최근에 앱을 쓰셨던 때를 떠올려서 말씀해 주시겠어요?",
    ("ko", "고객센터 대기 시간이 너무 길지 않아요?", "leading"): "고객센터 대기 시간은 어떠셨어요?",
    ("ko", "말씀해 주세요, 가격 때문에 해지하셨나요?", "closed"): "해지하셨던 과정을 처음부터 말씀해 주시겠어요?",
    ("ko", "자세히 말씀해 주시겠어요, 그 샴푸가 비싸서 바꾸신 건가요?", "closed"): "샴푸를 바꾸셨던 과정을 처음부터 말씀해 주시겠어요?",
    ("zh", "你每天都用这个App吗？", "closed"): "能说说你上次用这个App的经过吗？",
    ("zh", "你有没有申请过退款？", "closed"): "能说说你上次申请退款的经过吗？",
    ("zh", "难道你不担心食品安全吗？", "leading"): "你自己是怎么看食品安全的？",
    ("zh", "你们家是婆婆做饭还是你做饭？", "closed"): "能说说你们家平时做饭是怎么安排的吗？",
}


@pytest.mark.parametrize("lang,text,label", list(EXPECTED_REWRITES))
def test_i18n_rewrites_keep_the_topic(lang, text, label):
    assert suggest_rewrite(text, label, [], language=lang) == EXPECTED_REWRITES[(lang, text, label)]


@pytest.mark.parametrize("lang", OTHERS)
def test_i18n_every_rewrite_of_the_examples_is_an_open_question(lang):
    """A rewrite must itself score as an open question, without a new flag (the trainee would be told off for it)."""
    for example in load_examples(examples_path(lang)):
        flags = [f.value for f in example.flags]
        if example.label not in (Label.CLOSED, Label.LEADING) and "hypothetical" not in flags:
            assert suggest_rewrite(example.text, example.label, flags, language=lang) is None
            continue
        rewrite = suggest_rewrite(example.text, example.label, flags, language=lang)
        assert rewrite, example.text
        form = analyse(rewrite, example.previous, lang)
        assert form.top[0] is Label.OPEN, (example.text, rewrite)
        assert not {h.flag for h in form.flags} & {Flag.HYPOTHETICAL, Flag.FAUX_INVITATION, Flag.DOUBLE_BARRELED}


@pytest.mark.parametrize("lang", OTHERS)
def test_i18n_catalogues_have_the_english_shape(lang):
    labels, flags = feedback.label_help(lang), feedback.flag_help(lang)
    assert labels.keys() == feedback.LABEL_HELP.keys() and flags.keys() == feedback.FLAG_HELP.keys()
    for english, localized in ((feedback.LABEL_HELP, labels), (feedback.FLAG_HELP, flags)):
        for key, entry in localized.items():
            assert entry.keys() == english[key].keys()
            assert entry["name"] != english[key]["name"] or key in ("echo", "pitch")
    assert set(feedback_i18n.FLAG_REASONS[lang]) == set(feedback.FLAG_REASONS)
    assert feedback.UI_TEXT.keys() == feedback_i18n.UI_TEXT[lang].keys()
    assert feedback.ui_text("try_instead", lang) != feedback.ui_text("try_instead", "en")
    assert feedback.label_help(f"{lang}-XX") is labels


@pytest.mark.parametrize("lang", OTHERS)
def test_i18n_every_cue_the_rules_give_has_a_reason_in_the_language(lang):
    names = set()
    for split in ("examples", "heldout"):
        for example in load_examples(examples_path(lang, split)):
            names |= {c.name for c in analyse(example.text, example.previous, lang).cues}
    assert names <= set(feedback_i18n.CUE_REASONS[lang]), names - set(feedback_i18n.CUE_REASONS[lang])


def test_i18n_label_names_are_localized_for_the_app():
    assert i18n.label_name("leading", "ko") == "유도 질문"
    assert i18n.label_name("open", "zh-Hans") == "开放式问题"
    assert i18n.flag_name("faux_invitation", "nl") == "Schijnuitnodiging"
    assert i18n.label_name("open", "en") is None and i18n.flag_name("pitch", "fr") is None
    assert i18n.ui_text("try_instead", "zh") == "不妨这样问" and i18n.ui_text("try_instead", "en") == "Try instead"


def test_i18n_korean_particles_agree_with_the_quoted_word():
    assert feedback.cue_reason("short_fact", "몇 번", language="ko").startswith("‘몇 번’은 ")
    assert feedback.cue_reason("short_fact", "언제", language="ko").startswith("‘언제’는 ")
    assert feedback.cue_reason("wh_open", "어떻게", language="ko").startswith("‘어떻게’로 ")
    assert feedback.cue_reason("wh_open", "어땠어요", language="ko").startswith("‘어땠어요’로 ")
    assert feedback.cue_reason("yes_no", "쓰시나요", language="ko").startswith("‘쓰시나요’로 ")
    assert feedback.cue_reason("tag_question", "그렇죠", language="ko").startswith("끝에 붙은 ‘그렇죠’가 ")
    assert "‘App’은(는)" in feedback.cue_reason("short_fact", "App", language="ko")


def test_i18n_unreadable_script_says_so_in_the_language(classifiers):
    verdict = classifiers["zh"].classify("Do you use the app every day?")
    assert verdict.language == "other" and verdict.confidence <= 0.2 and "中文" in verdict.reason
    assert classifiers["ko"].classify("").reason == feedback.empty_reason("ko")


# -- data and accuracy --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", OTHERS)
def test_i18n_example_files_are_large_well_formed_and_split(lang):
    examples = load_examples(examples_path(lang))
    heldout = load_examples(examples_path(lang, "heldout"))
    assert len(examples) + len(heldout) >= 100 and len(examples) >= 100
    assert 0.2 <= len(heldout) / (len(examples) + len(heldout)) <= 0.3
    assert not {e.id for e in examples} & {e.id for e in heldout}
    assert not {e.text for e in examples} & {e.text for e in heldout}
    counts = Counter(e.label.value for e in heldout)
    assert all(counts[label] >= 3 for label in ("open", "closed", "leading", "echo", "reflection", "statement"))


@pytest.mark.parametrize("lang,floor", [("nl", 0.9), ("ko", 0.9), ("zh", 0.9)])
def test_i18n_heldout_accuracy_with_the_hashing_fake(classifiers, lang, floor):
    heldout = load_examples(examples_path(lang, "heldout"))
    verdicts = classifiers[lang].classify_many([(e.text, e.previous) for e in heldout])
    accuracy = sum(v.label == e.label for e, v in zip(heldout, verdicts)) / len(heldout)
    assert accuracy >= floor


@pytest.mark.parametrize("lang", OTHERS)
def test_i18n_leave_one_out_on_the_examples(classifiers, lang):
    loo = classifiers[lang].leave_one_out()
    assert len(loo) >= 100
    assert sum(v.label == e.label for e, v in loo) / len(loo) >= 0.95


@pytest.mark.real_model
@pytest.mark.parametrize("lang,floor", [("nl", 0.9), ("ko", 0.9), ("zh", 0.9)])
def test_i18n_heldout_accuracy_with_the_multilingual_encoder(lang, floor):
    from simulator.embeddings import get_embedder

    clf = QuestionClassifier(embedder=get_embedder("use", language=lang), language=lang)
    heldout = load_examples(examples_path(lang, "heldout"))
    hits = sum(v.label == e.label for e, v in zip(heldout, clf.classify_many([(e.text, e.previous) for e in heldout])))
    assert hits / len(heldout) >= floor


# -- metrics and CLI ------------------------------------------------------------------------------------------

def test_i18n_talk_ratio_counts_chinese_without_spaces():
    transcript = Transcript(persona_id="p", persona_name="王丽华", language="zh-Hans")
    transcript.add(Turn(speaker=PERSONA, text="我一般都在手机上买菜，晚上下班以后在地铁上下单。", had_more=True))
    transcript.add(Turn(speaker=TRAINEE, text="说说上次的经过。", label="open"))
    transcript.add(Turn(speaker=PERSONA, text="上次是周五，我点了草莓，结果一半都烂了，我拍了照片申请售后。"))
    metrics = compute_metrics(transcript)
    # Whitespace would count each line as one word (a third of the "words"); characters give a fair share.
    assert 0.1 < metrics.talk_ratio < 0.25
    assert metrics.contributions[0]["reason"] == "开放式问题: +4"


def _run_cli(args, stdin=""):
    return subprocess.run([sys.executable, "-m", "simulator.cli", *args], input=stdin, capture_output=True, text=True,
                          env={"INTERVIEW_SIM_EMBEDDER": "hashing", "PATH": "", "HF_HUB_OFFLINE": "1"}, timeout=120)


def test_i18n_cli_classify_lang():
    lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in [
        {"id": "a", "text": "Gebruik je de app dagelijks?"}, {"id": "b", "text": "Twee weken?",
                                                              "previous": "De fiets stond twee weken bij de monteur."}])
    run = _run_cli(["classify", "--lang", "nl-BE"], lines)
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["label"] for r in records] == ["closed", "echo"]
    assert set(records[0]) == {"id", "label", "flags", "confidence", "reason", "rewrite", "rewrites", "language"}
    assert records[0]["rewrite"] == "Hoe gebruik je de app?" and "ja of nee" in records[0]["reason"]
    zh = _run_cli(["classify", "--lang", "zh"], json.dumps({"id": "c", "text": "太贵了，对吧？"}, ensure_ascii=False) + "\n")
    assert json.loads(zh.stdout)["label"] == "leading" and "对吧" in json.loads(zh.stdout)["reason"]
    bad = _run_cli(["classify", "--lang", "fr"], lines)
    assert bad.returncode == 2 and "fr" in bad.stderr


def test_i18n_cli_score_lang(tmp_path):
    transcript = {"persona_id": "lihua", "persona_name": "王丽华", "turns": [
        {"speaker": PERSONA, "text": "我一般都在手机上买菜。"},
        {"speaker": TRAINEE, "text": "你每天都用这个App吗？"},
        {"speaker": PERSONA, "text": "差不多吧。"},
        {"speaker": TRAINEE, "text": "说说你上次买菜的经过。"}]}
    path = tmp_path / "zh.json"
    path.write_text(json.dumps(transcript, ensure_ascii=False), encoding="utf-8")
    run = _run_cli(["score", str(path), "--json", "--lang", "zh"])
    assert run.returncode == 0, run.stderr
    turns = [t for t in json.loads(run.stdout)["turns"] if t["role"] == "interviewer"]
    assert [t["label"] for t in turns] == ["closed", "open"]
    assert turns[0]["rewrite"] == "能说说你上次用这个App的经过吗？"
    # Without --lang an imported transcript is English (and these turns cannot be read: rough labels).
    english = _run_cli(["score", str(path), "--json"])
    assert english.returncode == 0 and json.loads(english.stdout)["turns"][1]["rewrite"] is None
    assert _run_cli(["score", str(path), "--lang", "xx"]).returncode == 2


def test_i18n_languages_constant():
    assert LANGUAGES == ("en", "nl", "ko", "zh") and i18n.LANGUAGES == OTHERS


@pytest.mark.parametrize("language, said, previous, turn", [
    # A feeling the customer named two turns back, said back to them: a reflection, not a guess.
    ("zh", "那天晚上外卖员把菜全洒了，我真的很生气。", "对，差不多吧。", "所以那天晚上菜全洒了，你很生气。"),
    ("ko", "지난달에 앱이 계속 멈춰서 정말 답답했어요.", "네, 그렇죠.", "앱이 계속 멈춰서 답답하셨겠어요."),
])
def test_the_classifier_reads_earlier_customer_turns_in_every_language(language, said, previous, turn):
    from scoring.classifier import QuestionClassifier
    from simulator.embeddings import HashingEmbedder

    classifier = QuestionClassifier(embedder=HashingEmbedder(), language=language)
    assert classifier.classify(turn, previous=previous).label == "leading"
    assert classifier.classify(turn, previous=previous, context=[said, previous]).label == "reflection"


def test_every_english_cue_has_its_own_reason():
    """A cue the English rules can emit (any ``Cue("name", …)`` in rules.py) has a reason of its own, so the
    trainee never reads the generic one for a specific mistake."""
    import re
    from pathlib import Path

    import scoring.rules as rules

    names = set(re.findall(r'Cue\("(\w+)"', Path(rules.__file__).read_text(encoding="utf-8")))
    assert names, "no cue names found in rules.py"
    assert names <= set(feedback.CUE_REASONS), names - set(feedback.CUE_REASONS)
