"""Natural Dutch, Korean and Chinese interviewer turns: negative questions whatever their subject, a main reason
offered for a yes, summaries that add an absolute word, a decision or a verdict, rhetorical and challenging
questions, and the short Dutch lines the language guess has to place. Each test pins one mechanism of
``scoring.rules_nl``, ``rules_ko``, ``rules_zh`` or ``scoring.langid``; they read the rules alone and need no
embedder."""

from __future__ import annotations

import pytest

from scoring.labels import Label
from scoring.langid import guess_language
from tests.test_rules_spoken_i18n import ko, nl, zh


# --------------------------------------------------------------------------------------------------
# Dutch

NL_INVOICES = "Sinds de nieuwe update kan ik mijn facturen niet meer vinden in de app."
NL_GYM = "In januari heb ik mijn abonnement opgezegd."


@pytest.mark.parametrize("text", [
    "Zou een herinnering op je telefoon niet helpen?",
    "Heb je de klantenservice niet gebeld?",
    "Was de oude versie niet veel overzichtelijker?",
])
def test_nl_a_verb_first_question_with_niet_before_its_last_word_is_negative(text):
    assert nl(text, NL_INVOICES) == Label.LEADING


def test_nl_niet_meer_asks_a_fact_and_their_own_negation_is_a_check():
    assert nl("Gebruik je de app niet meer?", "Ik heb nu een ander programma.") == Label.CLOSED
    assert nl("Werkte de app niet?", "Die dag werkte de app niet.") != Label.LEADING


@pytest.mark.parametrize("text, label", [
    ("Was de prijs de belangrijkste reden?", Label.LEADING),
    ("Was de afstand de hoofdreden om te stoppen?", Label.LEADING),
    ("Was de afstand een reden om te stoppen?", Label.CLOSED),
])
def test_nl_a_main_reason_offered_for_a_yes_is_leading(text, label):
    assert nl(text, NL_GYM) == label


def test_nl_a_main_reason_they_named_themselves_is_theirs():
    assert nl("Was de prijs de belangrijkste reden?", "De prijs was voor mij de belangrijkste reden.") != Label.LEADING


@pytest.mark.parametrize("text", [
    "Dus je vertrouwt die app nu helemaal niet meer?",
    "Die update heeft het dus alleen maar slechter gemaakt?",
    "Dus de app is eigenlijk onbruikbaar geworden?",
])
def test_nl_a_rising_summary_that_adds_an_absolute_or_reducing_word_is_leading(text):
    assert nl(text, NL_INVOICES) == Label.LEADING


def test_nl_a_rising_summary_of_their_own_words_stays_a_reflection():
    assert nl("Dus sinds de update kun je je facturen niet meer vinden?", NL_INVOICES) == Label.REFLECTION


def test_nl_a_decision_word_of_the_same_family_as_theirs_is_a_paraphrase():
    # "gestopt" for their "opgezegd" restates the decision; "spijt" is a feeling they never named.
    assert nl("Dus in januari ben je gestopt met de sportschool.", NL_GYM) == Label.REFLECTION
    assert nl("Dus je hebt er spijt van dat je gestopt bent.", NL_GYM) == Label.LEADING


def test_nl_verb_before_subject_after_a_fronted_clause_is_no_question():
    text = "Je had een vaste shampoo, en toen die op was en je een andere nam, kreeg je jeuk."
    assert nl(text, "Daarna begon mijn hoofdhuid te jeuken.") == Label.REFLECTION
    # Unpunctuated speech still asks after a topic: "en die winkel, was dat dezelfde"
    assert nl("en eh die winkel, was dat dezelfde winkel", "De winkel zei dat ik moest wachten.") == Label.CLOSED


def test_nl_an_adverb_before_a_yes_no_question_keeps_its_verdict_leading():
    assert nl("Eigenlijk ben je gewoon te druk om zelf boodschappen te doen?", "Ik bestel alles online.") == Label.LEADING


def test_nl_thanks_after_an_exclamation_is_a_statement():
    assert nl("Leuk, dank je wel voor het uitleggen.", "Nu koken we weer gewoon zelf.") == Label.STATEMENT


def test_nl_show_me_is_an_invitation():
    assert nl("Kun je me laten zien hoe je dat normaal doet?", NL_INVOICES) == Label.OPEN


# --------------------------------------------------------------------------------------------------
# Korean

KO_GYM = "그래서 1월에 회원권을 해지했어요."
KO_RECEIPTS = "업데이트 이후로 앱에서 예전 영수증을 못 찾겠어요."


@pytest.mark.parametrize("text", [
    "거리가 가장 큰 이유였다고 할 수 있을까요?",
    "가격이 제일 큰 이유였다고 보시나요?",
    "비용이 주된 원인이었나요?",
])
def test_ko_a_main_reason_offered_in_a_yes_no_question_is_leading(text):
    assert ko(text, KO_GYM) == Label.LEADING


def test_ko_a_main_reason_they_named_is_theirs():
    assert ko("거리가 가장 큰 이유였나요?", "거리가 제일 큰 이유였어요.") != Label.LEADING


@pytest.mark.parametrize("text", [
    "기다리는 게 낫지 않았을까요?",
    "그냥 환불받는 게 편하지 않으셨을까요?",
])
def test_ko_a_negative_question_in_the_past_conjectural_is_leading(text):
    assert ko(text, KO_RECEIPTS) == Label.LEADING


def test_ko_exactly_what_happened_is_open_and_hoksi_any_is_closed():
    assert ko("그날 정확히 무슨 일이 있었나요?", KO_RECEIPTS) == Label.OPEN
    assert ko("혹시 무슨 문제 있었어요?", KO_RECEIPTS) == Label.CLOSED


def test_ko_unpunctuated_jiyo_claim_is_leading_like_jyo():
    assert ko("저기 그 앱이 마트보다 싸지요", "매주 앱으로 장을 봐요.") == Label.LEADING
    assert ko("저기 그 앱이 마트보다 싸죠", "매주 앱으로 장을 봐요.") == Label.LEADING


def test_ko_a_verdict_with_neyo_and_a_rising_tone_is_leading():
    assert ko("이번 업데이트는 완전히 실패작이네요?", KO_RECEIPTS) == Label.LEADING
    # their own words said back with 군요 stay a reflection
    assert ko("업데이트 이후로 예전 영수증을 못 찾고 계시는군요.", KO_RECEIPTS) == Label.REFLECTION


def test_ko_show_me_and_what_it_is_used_for_are_open():
    assert ko("평소에 영수증 찾으시는 걸 한번 보여 주실 수 있을까요?", KO_RECEIPTS) == Label.OPEN
    assert ko("음 그 영수증은 주로 어디에 쓰세요", KO_RECEIPTS) == Label.OPEN
    assert ko("그 가게는 어디에 있어요?", KO_RECEIPTS) == Label.CLOSED


# --------------------------------------------------------------------------------------------------
# Chinese

ZH_GYM = "所以一月份我把卡退了。"
ZH_INVOICES = "新版App更新以后，我找不到以前的发票了。"


@pytest.mark.parametrize("text", [
    "你会不会说距离是最主要的原因？",
    "价格是不是最主要的原因？",
])
def test_zh_a_main_reason_offered_in_any_order_is_leading(text):
    assert zh(text, ZH_GYM) == Label.LEADING


def test_zh_asking_them_to_rank_stays_open():
    assert zh("你觉得最主要的原因是什么？", ZH_GYM) == Label.OPEN


@pytest.mark.parametrize("text", [
    "你当时等原来那款到货不就好了吗？",
    "出问题的时候你怎么不先截个图呢？",
    "你怎么还在用这个App啊？",
    "你没联系客服吗？",
    "怎么会做得这么难用呢？",
])
def test_zh_rhetorical_and_challenging_questions_are_leading(text):
    assert zh(text, ZH_INVOICES) == Label.LEADING


def test_zh_zenme_as_how_stays_open():
    assert zh("你是怎么发现发票找不到的？", ZH_INVOICES) == Label.OPEN
    assert zh("嗯，就是，那个，发票对你来说是干嘛用的", ZH_INVOICES) == Label.OPEN


def test_zh_shi_a_haishi_b_is_a_choice_even_after_ni():
    assert zh("是护工告诉你还是你妈自己说的", "晚上的药她有时候会忘。") == Label.CLOSED


def test_zh_what_trouble_after_they_described_one_is_open():
    assert zh("嗯，您平时用的时候一般会碰到什么麻烦", "弄不明白的时候我孙子帮我。") == Label.OPEN
    assert zh("您用的时候一般会碰到什么麻烦？", "我每天用它看新闻。") == Label.LEADING


def test_zh_a_story_retold_in_linked_clauses_is_a_reflection():
    assert zh("早上有人帮忙，但晚上的药偶尔会漏掉。", "晚上的药她有时候会忘。") == Label.REFLECTION
    assert zh("我们今天大概聊半个小时。", "晚上的药她有时候会忘。") == Label.STATEMENT


@pytest.mark.parametrize("text", [
    "所以你打算换一个App了？",
    "所以你其实根本不在乎发票了？",
])
def test_zh_a_rising_summary_with_a_decision_or_a_verdict_is_leading(text):
    assert zh(text, ZH_INVOICES) == Label.LEADING


def test_zh_a_rising_summary_of_their_words_stays_a_reflection():
    assert zh("所以更新以后，你就找不到以前的发票了？", ZH_INVOICES) == Label.REFLECTION


def test_zh_i_understand_is_an_acknowledgement():
    assert zh("嗯，这个我能理解。", "但换了以后头皮就会痒。") == Label.STATEMENT


# --------------------------------------------------------------------------------------------------
# Language of short lines with nothing before them


@pytest.mark.parametrize("text, lang", [
    ("Nooit?", "nl"), ("Opgegeven?", "nl"), ("Heftig.", "nl"), ("Frustrerend?", "nl"),
    ("Really?", "en"), ("Gave up?", "en"), ("Nothing?", "en"), ("Worrying?", "en"), ("Big?", "en"),
])
def test_short_lines_are_placed_by_their_spelling(text, lang):
    assert guess_language(text) == lang


# --------------------------------------------------------------------------------------------------
# Verdicts taken as given, why-not challenges, would-you-say frames and small forms

NL_SWITCH = "We zijn vorig jaar overgestapt naar een andere energieleverancier."
KO_SWITCH = "작년에 전기 회사를 바꿨어요."
ZH_SWITCH = "我们去年换了一家电力公司。"


def test_nl_the_worst_is_a_presupposition_unless_they_complained():
    assert nl("Wat vond je het ergste aan je oude leverancier?", NL_SWITCH) == Label.LEADING
    assert nl("Wat vond je het ergste aan je oude leverancier?", "De oude leverancier was traag en duur.") == Label.OPEN


def test_nl_why_not_sooner_is_leading_and_plain_why_is_open():
    assert nl("Waarom zijn jullie niet eerder overgestapt?", NL_SWITCH) == Label.LEADING
    assert nl("Waarom zijn jullie overgestapt?", NL_SWITCH) == Label.OPEN


def test_nl_a_summary_that_ranks_their_reasons_is_leading():
    assert nl("Dus het ging vooral om de prijs.", NL_SWITCH) == Label.LEADING
    assert nl("Dus jullie waren er klaar mee.", NL_SWITCH) == Label.LEADING


def test_nl_a_compound_of_theirs_is_echoed_by_its_head():
    assert nl("Een andere leverancier?", NL_SWITCH) == Label.ECHO


def test_nl_natuurlijk_with_a_verdict_is_a_guess_and_sinds_wanneer_asks_a_fact():
    assert nl("en dat vind je natuurlijk vervelend", "Ik plan mijn routes met een app.") == Label.LEADING
    assert nl("sinds wanneer zit ze op die club", "Ze zit op een sportclub.") == Label.CLOSED
    assert nl("Zou een club dichter bij huis niet makkelijker zijn?", "Ik rij twee keer heen en weer.") == Label.LEADING


def test_ko_would_you_say_a_verdict_is_leading():
    assert ko("예전 회사가 고객을 좀 무시했다고 보시나요?", KO_SWITCH) == Label.LEADING


def test_ko_why_not_sooner_and_the_worst_are_leading():
    assert ko("왜 진작 안 바꾸셨어요?", KO_SWITCH) == Label.LEADING
    assert ko("예전 회사가 제일 별로였던 점이 뭐예요?", KO_SWITCH) == Label.LEADING
    assert ko("왜 바꾸셨어요?", KO_SWITCH) == Label.OPEN


def test_ko_an_negative_yes_no_question_is_leading_unless_they_said_no():
    assert ko("남편분은 안 도와주세요?", "주말마다 제가 아이를 학원에 데려다줘요.") == Label.LEADING
    assert ko("남편분은 안 도와주세요?", "남편은 주말에 안 도와줘요.") != Label.LEADING


def test_zh_ni_ne_is_an_open_turn_back_to_them():
    assert zh("你呢？", ZH_SWITCH) == Label.OPEN


def test_zh_a_not_a_with_a_feeling_verb_and_a_verdict_is_leading():
    assert zh("有没有觉得换了以后省心多了？", ZH_SWITCH) == Label.LEADING
    assert zh("有没有比较过几家？", ZH_SWITCH) == Label.CLOSED


def test_zh_a_negative_question_about_someone_else_is_leading():
    assert zh("孩子爸爸不帮忙吗？", "周末我得开车送孩子去补习班。") == Label.LEADING
    assert zh("你怎么不让孩子自己坐公交去呢？", "周末我得开车送孩子去补习班。") == Label.LEADING


def test_zh_small_forms():
    assert zh("这个事你跟领导反映过没有", "我每天用一个App排路线。") == Label.CLOSED
    assert zh("嗯，那送完以后你一般干嘛", "周末我得开车送孩子去补习班。") == Label.OPEN


# --------------------------------------------------------------------------------------------------
# A fix of ours put up for approval, and verdicts stated as a matter of course


@pytest.mark.parametrize("text, label", [
    ("Zou een herinnering helpen?", Label.LEADING),
    ("Zou het helpen als de app je een berichtje stuurde?", Label.LEADING),
    ("Zou je dat nog een keer doen?", Label.CLOSED),
])
def test_nl_a_would_question_whose_answer_is_a_benefit_is_leading(text, label):
    assert nl(text, "Ik vergeet vaak mijn medicijnen.") == label


def test_ko_and_zh_a_fix_with_its_benefit_is_leading():
    assert ko("알림이 오면 도움이 될까요?", "약을 자주 깜빡해요.") == Label.LEADING
    assert zh("如果有提醒功能会不会好一点？", "我经常忘记吃药。") == Label.LEADING
    assert zh("你自己希望怎么解决？", "我经常忘记吃药。") == Label.OPEN


def test_nl_natuurlijk_states_a_verdict_for_them_but_not_when_it_validates():
    previous = "Het duurde twee weken voordat mijn pakket binnen was."
    assert nl("Je was natuurlijk woedend.", previous) == Label.LEADING
    assert nl("Het bezorgbedrijf heeft het natuurlijk weer verknald.", previous) == Label.LEADING
    assert nl("Dat is natuurlijk heel begrijpelijk.", previous) == Label.STATEMENT


def test_zh_an_exclamation_is_a_statement():
    assert zh("哎呀。", "我的快递过了两个星期才到。") == Label.STATEMENT


# --------------------------------------------------------------------------------------------------
# Echo probes of words said turns ago, and "toch" meaning "after all"


@pytest.mark.parametrize("text", ["두 배요?", "다섯 가지나요?", "두 대밖에요?"])
def test_ko_a_number_and_its_counter_handed_back_is_an_echo(text):
    assert ko(text, "그래서 관리사무소에 전화해 봤어요.") == Label.ECHO


def test_ko_a_number_before_a_verb_still_asks():
    assert ko("두 분이 같이 가세요?", "주말마다 장을 봐요.") == Label.CLOSED


def test_nl_a_fragment_with_one_word_of_theirs_is_still_an_echo():
    assert nl("Rot geschrokken?", "Ik schrok me echt rot toen ik die brief opende.") == Label.ECHO


def test_nl_toch_inside_a_what_question_means_after_all():
    assert nl("Zeg maar, wat maakte dat jullie toch overstapten?", "We twijfelden lang.") == Label.OPEN
    assert nl("Jullie hebben toch ook naar de reviews gekeken?", "We twijfelden lang.") == Label.LEADING


# --------------------------------------------------------------------------------------------------
# Our product in a conditional, checks after a summary, and "what's so good about it"


def test_a_yes_no_question_about_our_product_or_a_benefit_of_it_is_leading():
    # "If we added X, would you use it?" asks them to approve our solution (leading, hypothetical, pitch), as
    # "Would X help?" does.
    assert nl("Als we een app hadden die dat automatisch deed, zou je die dan gebruiken?",
              "Ik doe mijn boekhouding in Excel.") == Label.LEADING
    assert zh("如果我们有个App能自动记账，你会用吗？", "我的账还是用Excel记。") == Label.LEADING
    assert ko("저희가 자동으로 정리해 주는 앱을 만들면 쓰시겠어요?", "저는 가계부를 엑셀로 써요.") == Label.LEADING
    assert nl("Zou zo'n app je helpen?", "Ik doe mijn boekhouding in Excel.") == Label.LEADING


def test_a_check_after_a_summary_keeps_the_reflection():
    assert ko("아직도 엑셀로 가계부를 쓰신다는 거네요. 맞나요?", "저는 아직도 가계부를 엑셀로 써요.") == Label.REFLECTION
    assert zh("所以你一直用Excel记账。我理解得对吗？", "我的账到现在还是用Excel记。") == Label.REFLECTION
    assert zh("所以你到现在还是用Excel记账，对吗？", "我的账到现在还是用Excel记。") == Label.REFLECTION
    # a claim of ours, then the same check: still leading
    assert ko("결국 가격 때문에 그만두신 거네요. 맞나요?", "저는 아직도 가계부를 엑셀로 써요.") == Label.LEADING
    assert zh("所以你其实是嫌麻烦，对吧？", "我的账到现在还是用Excel记。") == Label.LEADING


def test_whats_so_good_about_it_presupposes_a_verdict():
    assert ko("엑셀이 뭐가 그렇게 좋으세요?", "저는 아직도 가계부를 엑셀로 써요.") == Label.LEADING
    assert zh("Excel到底哪里这么好用？", "我的账到现在还是用Excel记。") == Label.LEADING
    assert ko("엑셀을 계속 쓰시는 이유가 뭐예요?", "저는 아직도 가계부를 엑셀로 써요.") == Label.OPEN


def test_nl_the_hardest_part_is_an_open_question_the_worst_is_not():
    previous = "Ik doe mijn boekhouding nog steeds in Excel."
    assert nl("Wat vind je daar het lastigst aan?", previous) == Label.OPEN
    assert nl("Wat vind je daar het vervelendst aan?", previous) == Label.LEADING


def test_nl_niet_inside_a_dat_clause_does_not_make_the_question_negative():
    previous = "Ik bestel mijn boodschappen via een app."
    assert nl("Is het weleens voorgekomen dat de app niet werkte?", previous) == Label.CLOSED
    assert nl("Heb je gemerkt dat de bezorger niet kwam?", previous) == Label.CLOSED
    assert nl("Is die app niet veel handiger?", previous) == Label.LEADING
