"""Dutch, Korean and Chinese turns as interviewers speak and type them: a guess or a feeling the customer never
named is leading, the feeling they named said back is a reflection, a summary that adds a verdict or a reason is
leading; spoken fillers, preambles and captions without punctuation. Each test pins one mechanism of the rules
(``scoring.rules_nl``, ``rules_ko``, ``rules_zh``, ``rules_i18n``) or of ``scoring.langid``; they read the rules
alone and need no embedder."""

from __future__ import annotations

import pytest

from scoring import rules_ko, rules_nl, rules_zh
from scoring.labels import Flag, Label
from scoring.langid import guess_language


def nl(text: str, previous: str | None) -> Label:
    return rules_nl.analyse(text, previous).top[0]


def ko(text: str, previous: str | None) -> Label:
    return rules_ko.analyse(text, previous).top[0]


def zh(text: str, previous: str | None) -> Label:
    return rules_zh.analyse(text, previous).top[0]


# --------------------------------------------------------------------------------------------------
# Korean: the conjectural -겠- (and -나 봐요) carries a feeling; whose feeling decides.

KO_SAD = "솔직히 그때 좀 속상했어요."
KO_NONE = "그냥 요즘은 안 쓰게 됐어요."


@pytest.mark.parametrize("text", ["많이 답답하셨겠어요.", "많이 답답하셨겠어요?", "화가 많이 나셨겠네요",
                                  "배신감 드셨겠네요.", "많이 실망하셨나 봐요"])
def test_ko_a_guessed_feeling_they_never_named_is_leading(text):
    assert ko(text, KO_SAD if "답답" in text or "화가" in text else KO_NONE) == Label.LEADING


@pytest.mark.parametrize("text", ["많이 속상하셨겠어요", "속상하셨겠어요?", "속상하셨겠네요."])
def test_ko_the_feeling_they_named_said_back_is_a_reflection(text):
    assert ko(text, KO_SAD) == Label.REFLECTION


def test_ko_a_feeling_of_the_same_family_is_a_paraphrase():
    assert ko("힘드셨겠어요", "요즘 일이 너무 피곤했어요.") == Label.REFLECTION
    assert ko("힘드셨겠어요", "요즘 일이 많았어요.") == Label.LEADING


@pytest.mark.parametrize("text", ["네 잘 알겠습니다", "모르겠어요", "그러면 좋겠어요"])
def test_ko_the_speakers_own_conjectural_endings_are_no_guess_about_them(text):
    assert ko(text, KO_NONE) != Label.LEADING


def test_ko_a_summary_that_swaps_the_reason_they_gave_is_leading():
    previous = "시간이 없어서 못 했어요."
    assert ko("결국 귀찮아서 안 하신 거네요", previous) == Label.LEADING
    assert ko("시간이 없어서 못 하셨던 거네요", previous) == Label.REFLECTION


def test_ko_a_summary_with_a_verdict_they_never_gave_is_leading():
    assert ko("음 그러면 그 앱이 별로였다는 말씀이시죠", KO_NONE) == Label.LEADING
    assert ko("그러니까 요즘은 안 쓰시게 된 거네요", KO_NONE) == Label.REFLECTION


def test_ko_a_summary_that_ranks_one_thing_over_another_is_leading():
    assert ko("그러니까 택배보다 마트가 더 편하다는 거네요", "마트에 가서 샀어요.") == Label.LEADING
    assert ko("그러니까 택배보다 마트가 더 편하다는 거네요", "택배보다 마트가 더 편해요.") == Label.REFLECTION


def test_ko_hedged_guesses_and_named_causes_are_leading():
    assert ko("앱이 좀 복잡하셨던 거 아닐까 싶은데요", KO_NONE) == Label.LEADING
    assert ko("혹시 가격이 문제였어요?", KO_NONE) == Label.LEADING


def test_ko_spoken_next_and_contracted_endings():
    assert ko("그 다음에는요", KO_NONE) == Label.OPEN            # 그 before 다음 is no filler
    assert ko("음 알림은 보통 몇 시쯤 와요", KO_NONE) == Label.CLOSED  # a caption with a contracted 해요체 ending
    assert rules_ko.is_question("어디서 사요")


# --------------------------------------------------------------------------------------------------
# Chinese: 是不是, 吧 and summaries, by whose words they carry.

ZH_SAD = "说实话那次我挺难过的。"
ZH_SCARE = "今年冬天的电费账单吓了我一跳。"
ZH_STOP = "后来我就不怎么用那个App了。"


@pytest.mark.parametrize("text, previous", [
    ("你是不是头皮比较敏感？", "但换了以后头皮就会痒。"),
    ("配送费涨了你是不是觉得平台在坑人？", "上个月配送费又涨了。"),
    ("是不是今年你们家用电比较多", ZH_SCARE),
])
def test_zh_shibushi_around_an_opinion_or_a_degree_is_a_guess(text, previous):
    assert zh(text, previous) == Label.LEADING


def test_zh_shibushi_around_a_plain_fact_stays_closed():
    assert zh("你后来是不是就卸载了？", ZH_STOP) == Label.CLOSED


def test_zh_ba_on_their_own_feeling_is_a_reflection():
    assert zh("当时真是吓了一跳吧", ZH_SCARE) == Label.REFLECTION
    assert zh("那次你真的挺难过的吧", ZH_SAD) == Label.REFLECTION
    assert zh("当时一定很生气吧", ZH_SCARE) == Label.LEADING
    assert zh("那次你肯定很生气吧", ZH_SAD) == Label.LEADING


def test_zh_a_summary_with_a_verdict_they_never_gave_is_leading():
    assert zh("所以说白了还是太贵", ZH_STOP) == Label.LEADING
    # their own verdict in other words is a paraphrase
    assert zh("所以你的意思是，价格不是主要原因，主要是取菜太麻烦。", "便宜是便宜，但是取菜太折腾了。") == Label.REFLECTION


def test_zh_spoken_questions_without_marks():
    assert zh("难道你就没想过换一个", ZH_STOP) == Label.LEADING
    assert zh("不怎么用了？", ZH_STOP) == Label.ECHO          # 不怎么 is "not much", no 怎么
    assert zh("你觉得呢", ZH_STOP) == Label.OPEN
    assert zh("夜宵", "我以前经常点外卖当夜宵。") == Label.ECHO  # a caption of a few characters
    assert zh("不着急", ZH_STOP) == Label.STATEMENT


def test_zh_words_they_said_first_are_no_pitch():
    theirs = rules_zh.analyse("新版的验证方式她搞不明白，所以你周末回去。", "新版的验证方式她搞不明白。")
    ours = rules_zh.analyse("我们新版App上线了自提功能。", "新版的验证方式她搞不明白。")
    assert Flag.PITCH not in {h.flag for h in theirs.flags}
    assert Flag.PITCH in {h.flag for h in ours.flags}


# --------------------------------------------------------------------------------------------------
# Dutch: spoken fillers, tags, "je zou zeggen", "Klopt het dat", feelings and fragments.

NL_APP = "Ik ben gestopt met die app, het werkte gewoon niet lekker."


def test_nl_a_preamble_before_a_colon_is_not_the_question():
    assert nl("Sorry, even terug: hoe begon dat eigenlijk met die app?", NL_APP) == Label.OPEN
    # a request before the colon still wraps a yes/no question
    form = rules_nl.analyse("Vertel eens: heb je opgezegd?", NL_APP)
    assert form.top[0] == Label.CLOSED and Flag.FAUX_INVITATION in {h.flag for h in form.flags}


@pytest.mark.parametrize("text", ["Dat komt door de parfum in die andere shampoo, denk je niet?",
                                  "goedkope shampoo is gewoon slechter he"])
def test_nl_tags_in_chat_and_captions_are_leading(text):
    assert nl(text, "Maar dan krijg ik jeuk op mijn hoofdhuid.") == Label.LEADING


def test_nl_klopt_het_dat_is_closed_unless_it_adds_a_verdict():
    assert nl("Klopt het dat je gestopt bent?", NL_APP) == Label.CLOSED
    assert nl("Klopt het dat de app traag was?", NL_APP) == Label.LEADING
    assert nl("Klopt het dat de box gewoon te weinig variatie had?", "De kinderen lustten de helft niet.") \
        == Label.LEADING


def test_nl_a_feeling_statement_is_a_reflection_only_with_their_feeling():
    assert nl("Dat moet best stressvol zijn geweest.", "Ik schrok me echt rot toen ik die brief opende.") \
        == Label.LEADING
    assert nl("Dat moet echt rot zijn geweest.", "Ik schrok me echt rot toen ik die brief opende.") \
        == Label.REFLECTION


def test_nl_je_zou_zeggen_hands_over_a_view():
    assert nl("Je zou zeggen dat het ook aan de prijs lag.", NL_APP) == Label.LEADING


def test_nl_spoken_fillers_inside_and_around_the_question():
    assert nl("Zeg maar, hoe ging dat dan?", NL_APP) == Label.OPEN
    assert nl("Wat gebeurde er, eh, toen het niet werkte?", NL_APP) == Label.OPEN
    assert nl("Zou je dat kunnen uitleggen?", NL_APP) == Label.OPEN
    assert Flag.HYPOTHETICAL not in {h.flag for h in rules_nl.analyse("Zou je dat kunnen uitleggen?", NL_APP).flags}
    assert nl("Hm, oké. Kun je een keer beschrijven dat het niet werkte?", NL_APP) == Label.OPEN


def test_nl_dus_with_their_words_is_a_summary_and_a_fragment_is_an_echo():
    assert nl("Dus het werkte niet lekker.", NL_APP) == Label.REFLECTION
    assert nl("Het werkte niet lekker.", NL_APP) == Label.ECHO
    # a verbless fragment with "?" hands back words said turns ago
    assert nl("De inlogcode?", "Dan rij ik er op zaterdag heen.") == Label.ECHO
    assert nl("Was het de inlogcode?", "Dan rij ik er op zaterdag heen.") == Label.CLOSED


# --------------------------------------------------------------------------------------------------
# Language of a line without --lang


@pytest.mark.parametrize("text", ["En toen?", "Hoezo?", "Echt?", "Jeuk?", "In het park?", "Rot geschrokken?",
                                  "Twee weken?", "Oké.", "goedkope shampoo is gewoon slechter he"])
def test_short_dutch_lines_are_not_guessed_english(text):
    assert guess_language(text) == "nl"


@pytest.mark.parametrize("text", ["Really?", "Why?", "In the park?", "Is it?", "Mm-hm. Yeah.", "Two weeks?",
                                  "Little one?"])
def test_short_english_lines_stay_english(text):
    assert guess_language(text) == "en"


# --------------------------------------------------------------------------------------------------
# Closing invitations are open in every language; a yes/no question about a thing is not one.


@pytest.mark.parametrize("analyse_label, text, previous", [
    (nl, "Is er verder nog iets wat je kwijt wil?", NL_APP),
    (nl, "Is er nog iets wat je wilt toevoegen?", NL_APP),
    (ko, "혹시 더 말씀하시고 싶은 거 있으세요?", KO_NONE),
    (ko, "혹시 제가 안 여쭤본 것 중에 더 하고 싶은 말씀 있으세요?", KO_NONE),
    (zh, "还有没有什么想补充的？", ZH_STOP),
    (zh, "还有什么我没问到、但你觉得我应该知道的吗？", ZH_STOP),
])
def test_closing_invitations_are_open(analyse_label, text, previous):
    assert analyse_label(text, previous) == Label.OPEN


@pytest.mark.parametrize("analyse_label, text, previous", [
    (nl, "Is er iets veranderd?", NL_APP),
    (ko, "그 앱 계속 쓰고 싶으세요?", KO_NONE),
    (zh, "还有别的App吗？", ZH_STOP),
])
def test_yes_no_questions_about_a_thing_are_no_closing_invitation(analyse_label, text, previous):
    assert analyse_label(text, previous) == Label.CLOSED


def test_nl_a_topic_in_front_of_the_question():
    assert nl("En de laatste keer dat je bestelde, hoe ging dat?", NL_APP) == Label.OPEN


KO_PARCEL = "택배가 자꾸 엉뚱한 데로 가서 결국 다른 데로 바꿨어요."
ZH_PARCEL = "快递老是送错地方，后来我就换了一家。"
NL_PARCEL = "Het pakket werd steeds op het verkeerde adres bezorgd, dus ben ik overgestapt."


def test_ko_their_reason_paraphrased_is_no_swap_and_a_cause_noun_is():
    assert ko("그러니까 배송이 자꾸 잘못 와서 바꾸신 거네요", KO_PARCEL) == Label.REFLECTION
    assert ko("결국 돈 문제였던 거네요", KO_PARCEL) == Label.LEADING
    assert ko("혹시 그 회사 앱이 불편해서 그러신 건 아니고요?", KO_PARCEL) == Label.LEADING


def test_ko_spoken_requests_and_surprise():
    assert ko("그 얘기 좀 더 듣고 싶어요", KO_PARCEL) == Label.OPEN
    assert ko("아 진짜요?", KO_PARCEL) == Label.STATEMENT


def test_zh_a_feeling_word_of_speech_and_a_cause_summed_up():
    assert zh("你当时肯定气坏了", ZH_PARCEL) == Label.LEADING
    assert zh("说到底还是价格的问题", ZH_PARCEL) == Label.LEADING
    assert zh("说到底还是老送错的问题", ZH_PARCEL) == Label.REFLECTION
    assert zh("你是中午拿还是晚上拿", ZH_PARCEL) == Label.CLOSED   # 还是 between two options still offers a choice


def test_nl_a_summary_boiled_down_to_something_new_is_leading():
    assert nl("Dus eigenlijk ging het om het geld.", NL_PARCEL) == Label.LEADING
    assert nl("Dus eigenlijk ben je overgestapt omdat het steeds misging.", NL_PARCEL) == Label.REFLECTION
    assert nl("Oh echt?", NL_PARCEL) == Label.STATEMENT
