"""Dutch, Korean and Chinese turns as spoken in interviews (topics and false starts before the question, questions
run together without punctuation, fillers), and summaries that hand the customer a claim, a decision or a main
reason they never gave. Each test pins one mechanism of ``scoring.rules_nl``, ``rules_ko`` or ``rules_zh``; they
read the rules alone and need no embedder."""

from __future__ import annotations

import pytest

from scoring import rules_ko, rules_nl, rules_zh
from scoring.labels import Label


def nl(text: str, previous: str | None) -> Label:
    return rules_nl.analyse(text, previous).top[0]


def ko(text: str, previous: str | None) -> Label:
    return rules_ko.analyse(text, previous).top[0]


def zh(text: str, previous: str | None) -> Label:
    return rules_zh.analyse(text, previous).top[0]


# --------------------------------------------------------------------------------------------------
# Dutch: where a spoken question starts.

NL_BIKE = "De winkel zei dat ik zes weken moest wachten op een nieuwe accu."


@pytest.mark.parametrize("text, label", [
    ("nou en eh, die winkel, was dat dezelfde winkel waar je hem gekocht had", Label.CLOSED),
    ("en eh die bestellijst, stel je die zelf samen of doet hij dat", Label.CLOSED),
    ("ok nou en als je, als je zo'n gesprek hebt, hoe bereid je je daar dan op voor, wat doe je dan", Label.OPEN),
    ("Nou, ehm, je zei net, je baas, eh, hoe ging dat gesprek eigenlijk?", Label.OPEN),
    ("ja, en dan, ehm, wat doe je dan op zo'n moment", Label.OPEN),
    ("nou ehm, wat zegt hij zelf eigenlijk over dat online bestellen", Label.OPEN),
])
def test_nl_the_question_after_a_topic_or_a_false_start_decides(text, label):
    assert nl(text, NL_BIKE) == label


def test_nl_a_question_word_opens_a_question_only_with_the_verb_after_it():
    assert rules_nl._starts_question("wat zegt hij daar zelf over")
    assert not rules_nl._starts_question("wat hij daar zelf over zegt")  # embedded: verb last
    assert not rules_nl._starts_question("wat een gedoe zeg")
    assert rules_nl.question_onset("die winkel, was dat dezelfde winkel") == "was dat dezelfde winkel"
    assert rules_nl.question_onset("Dus je hebt gefietst, en nu moet je wachten.") is None


@pytest.mark.parametrize("text, label", [
    ("Goed, dan gaan we naar het volgende onderwerp.", Label.STATEMENT),  # "dan" + verb is no question
    ("Dat komt door de parfum in die andere shampoo, denk je niet?", Label.LEADING),  # a tag, not a new question
])
def test_nl_a_clause_after_a_comma_is_no_question_when_it_is_a_tag_or_word_order_says_no(text, label):
    assert nl(text, "Van die andere shampoo krijg ik jeuk.") == label


def test_nl_would_you_say_offers_a_view():
    assert nl("Zou je zeggen dat tijd het grootste probleem is?", "Elk kwartaal zit ik een zondag met bonnetjes.") \
        == Label.LEADING


def test_nl_a_wh_question_that_takes_an_unnamed_verdict_as_given_is_leading_unless_it_is_theirs():
    text = "Wat maakt het voor jou zo zwaar om dat allemaal voor hem te regelen?"
    assert nl(text, "Ik bestel elke week zijn boodschappen online.") == Label.LEADING
    assert nl(text, "Het is best zwaar, elke week zijn boodschappen bestellen.") == Label.OPEN


@pytest.mark.parametrize("text, label", [
    ("Mag ik vragen waarom je bent overgestapt?", Label.OPEN),
    ("Weet je nog hoe dat ging?", Label.OPEN),
    ("Weet je nog wanneer dat was?", Label.CLOSED),
    ("Kun je daar wat meer over zeggen?", Label.OPEN),
])
def test_nl_a_polite_or_memory_wrapper_is_labelled_by_the_question_inside(text, label):
    assert nl(text, "Vorige maand ben ik overgestapt naar een andere bank.") == label


def test_nl_a_declarative_question_about_them_with_nothing_of_theirs_is_a_check():
    prev = "Elk kwartaal zit ik een hele zondag met bonnetjes."
    assert nl("je hebt nog nooit, eh, zo'n programma geprobeerd?", prev) == Label.CLOSED
    assert nl("Je zit dus elk kwartaal een hele zondag met bonnetjes?", prev) == Label.REFLECTION


def test_nl_a_summary_that_hands_them_a_decision_is_leading_a_participle_is_not_a_feeling():
    fiets = "Na drie maanden ging de accu van mijn elektrische fiets al kapot."
    assert nl("Dus eigenlijk ben je wel klaar met elektrische fietsen?", fiets) == Label.LEADING
    assert nl("Als ik het goed begrijp, ben je vooral boos op de winkel.", fiets) == Label.LEADING
    vader = "Hij belt me vaak omdat hij niet weet wat er komt."
    assert nl("Dus jij regelt alles voor hem, en toch weet hij vaak niet wat er bezorgd wordt.", vader) \
        == Label.REFLECTION


def test_nl_a_guess_with_zal_wel_reaches_over_a_noun():
    assert nl("Dat zal je collega's ook wel irriteren.", "Mijn internet valt vaak weg tijdens gesprekken.") \
        == Label.LEADING


# --------------------------------------------------------------------------------------------------
# Korean: spoken questions run together, run-ups, requests, choices, main reasons and decisions.

KO_LATE = "배송이 세 시간이나 늦었어요."


def test_ko_unpunctuated_questions_run_together_are_split_and_the_last_one_counts():
    assert rules_ko.split_sentences("음 그때 기분이 어떠셨어요 좀 화나셨어요") == ["음 그때 기분이 어떠셨어요", "좀 화나셨어요"]
    assert ko("음 그때 기분이 어떠셨어요 좀 화나셨어요", KO_LATE) != Label.OPEN
    assert rules_ko.split_sentences("재택이 주 2회예요 3회예요") == ["재택이 주 2회예요 3회예요"]


@pytest.mark.parametrize("text, label", [
    ("그 그러니까 그 앱을, 그 앱을 처음에 어떻게 알게 되셨어요", Label.OPEN),  # 그러니까 as a run-up
    ("그 엑셀에 적는 과정을 좀 보여 주시면서 설명해 주실 수 있어요?", Label.OPEN),
    ("재택이 주 2회예요 3회예요", Label.CLOSED),
    ("음 배달은 보통 어 어떤 앱으로 시키세요", Label.CLOSED),
    ("음 배달 시키실 때 어떤 점이 제일 신경 쓰이세요", Label.OPEN),
])
def test_ko_spoken_forms(text, label):
    assert ko(text, "퇴근하고 거의 매일 배달을 시켜 먹어요.") == label


def test_ko_a_summary_with_a_one_syllable_feeling_noun_is_checked_against_their_words():
    assert ko("그럼 배송이 늦어서 좀 화가 나셨던 거죠", KO_LATE) == Label.LEADING
    assert ko("그럼 배송이 늦어서 좀 화가 나셨던 거죠", "배송이 세 시간이나 늦어서 화가 났어요.") == Label.REFLECTION


def test_ko_the_main_reason_offered_is_leading():
    assert ko("혹시 가격이 제일 큰 이유였어요?", KO_LATE) == Label.LEADING


def test_ko_a_decision_in_a_summary_they_never_stated_is_leading():
    text = "그러니까 그 회사를 이제 못 믿으시겠다는 거네요"
    assert ko(text, KO_LATE) == Label.LEADING
    assert ko(text, "이제 그 회사는 못 믿겠어요.") == Label.REFLECTION


# --------------------------------------------------------------------------------------------------
# Chinese.

ZH_GROUPS = "孩子学校有好几个家长群。"


def test_zh_indefinite_ji_asks_no_number():
    assert zh("好几个家长群？", ZH_GROUPS) == Label.ECHO
    assert zh("你加了几个家长群？", ZH_GROUPS) == Label.CLOSED
    assert zh("你几乎每天都看群消息吗？", ZH_GROUPS) == Label.CLOSED  # yes/no (吗), not a number


def test_zh_closing_invitation_with_gen_wo_shuo():
    assert zh("除了我问到的，关于这家健身房还有什么想跟我说的吗？", "现在很多课都取消了。") == Label.OPEN


def test_zh_a_main_reason_offered_is_leading_unless_they_ranked_it():
    assert zh("那你觉得主要是价格的问题吗", "快递晚了三个小时。") == Label.LEADING
    assert zh("那你觉得主要是价格的问题吗", "主要是价格太贵了。") != Label.LEADING
    assert zh("你觉得最大的问题是什么？", "快递晚了三个小时。") == Label.OPEN


def test_zh_a_feeling_of_ours_around_their_words_is_a_guess():
    assert zh("你是不是觉得帮她挂号挺累的？", "我妈看病都是我在手机上帮她挂号。") == Label.LEADING
    assert zh("你是不是觉得帮她挂号挺累的？", "帮她挂号挺累的。") != Label.LEADING


def test_zh_one_clause_of_their_words_makes_a_summary():
    assert zh("每个医院的小程序都不一样，所以上次才挂错了科室。", "上次挂错了科室，白跑了一趟。") == Label.REFLECTION


def test_zh_a_longer_fragment_with_a_question_mark_is_an_echo():
    assert zh("新版的验证方式？", "我妈每周都打电话来问。") == Label.ECHO
    assert zh("是上个月的事情吗？", "我妈每周都打电话来问。") == Label.CLOSED


def test_zh_ni_juede_ne_after_a_claim_asks_and_leads():
    assert zh("大部分人都觉得这个平台不靠谱，你觉得呢", "快递晚了三个小时。") == Label.LEADING


def test_zh_a_summary_that_says_they_will_not_use_it_again_is_leading():
    assert zh("所以你以后都不会在这上面买了", "后来我就自己去超市买了。") == Label.LEADING
    assert zh("所以你后来就自己去超市买了", "后来我就自己去超市买了。") == Label.REFLECTION


# --------------------------------------------------------------------------------------------------
# False starts, preambles and tags in speech.

def test_nl_a_false_start_said_twice_counts_once():
    assert rules_nl.strip_markers("mag ik, eh, mag ik vragen hoe dat voor jou was")[0] == \
        "mag ik vragen hoe dat voor jou was"
    assert nl("mag ik, eh, mag ik vragen hoe dat voor jou was", NL_BIKE) == Label.OPEN
    assert nl("eh vraag je eh vraag je tegenwoordig een aanbetaling", NL_BIKE) == Label.CLOSED


def test_nl_comma_niet_after_a_claim_is_a_tag_even_without_a_question_mark():
    assert nl("nou, eh, dat is natuurlijk wel heel irritant, niet", NL_BIKE) == Label.LEADING
    assert nl("nou, eh, dat is wel heel irritant", NL_BIKE) != Label.LEADING  # no tag, no "?"


@pytest.mark.parametrize("text", ["아 제가 하나 궁금한 게 있는데요, 그 앱은 어떻게 알게 되셨어요",
                                  "어 잠깐만요 그 그니까 그 배송 기사님이랑은 어떻게 연락하셨어요"])
def test_ko_a_preamble_or_signpost_before_a_wh_question_does_not_hide_it(text):
    assert ko(text, KO_LATE) == Label.OPEN


def test_ko_a_wh_word_makes_a_geoyeyo_ending_a_question_not_a_summary():
    assert ko("그 그러니까 그 주문은 몇 시에 하신 거예요", KO_LATE) == Label.CLOSED
    assert ko("그러니까 배송이 늦어서 직접 사러 가신 거예요", "배송이 늦어서 직접 사러 갔어요.") == Label.REFLECTION


def test_ko_a_feeling_read_into_a_summary_is_leading_and_their_feeling_is_not():
    assert ko("음 그러니까 배송이 늦는 게 제일 스트레스시죠", KO_LATE) == Label.LEADING
    assert ko("음 그러니까 배송이 늦는 게 제일 스트레스시죠", "배송이 늦는 게 제일 스트레스예요.") != Label.LEADING


def test_ko_a_negated_decision_in_a_summary_is_theirs_only_when_they_said_it():
    assert ko("음 그래서 이제 그 앱은 안 쓰시는 거죠", KO_LATE) == Label.LEADING
    assert ko("저녁에 사람이 많아서 기구를 못 쓰셨던 거군요.", "저녁엔 사람이 많아서 기구를 쓸 수가 없었어요.") \
        == Label.REFLECTION


def test_zh_le_meiyou_at_the_end_asks_yes_or_no():
    assert zh("嗯，那你后来投诉了没有", "快递晚了三个小时。") == Label.CLOSED
    assert zh("那个，三个小时之后快递到了没", "快递晚了三个小时。") == Label.CLOSED


def test_zh_ni_shi_bu_shi_ye_zheyang_asks_them_to_agree():
    assert zh("嗯，换了我也会很生气的，你是不是也这样", "快递晚了三个小时。") == Label.LEADING


def test_ko_an_embedded_wh_question_said_without_its_frame_still_asks():
    assert ko("음 그 앱을 왜 지우셨는지", KO_LATE) == Label.OPEN
    assert ko("그 앱 이름이 뭐예요", KO_LATE) == Label.CLOSED  # a name is one fact


def test_ko_a_verdict_with_a_plain_neyo_ending_is_checked_like_a_summary():
    assert ko("아 그럼 그 회사 서비스가 별로인 거네요", KO_LATE) == Label.LEADING
    assert ko("아 그럼 그 회사 서비스가 별로인 거네요", "그 회사 서비스는 좀 별로예요.") == Label.REFLECTION


def test_zh_de_shi_shenme_plus_a_thing_asks_which_one():
    assert zh("你用的是什么手机", "快递晚了三个小时。") == Label.CLOSED
    assert zh("你当时是什么感觉", "快递晚了三个小时。") == Label.OPEN


def test_nl_how_it_was_for_them_said_for_them_is_leading_unless_they_said_it():
    calls = "Ik heb drie keer gebeld en kreeg elke keer iemand anders."
    assert nl("Dat was natuurlijk wel heel vervelend voor je.", calls) == Label.LEADING
    assert nl("Dat was best lastig voor je.", "Het was best lastig, drie keer bellen.") == Label.REFLECTION
    assert nl("Dat klinkt vervelend.", calls) == Label.STATEMENT  # your own reaction


def test_nl_waar_with_a_stranded_preposition_asks_what_not_where():
    calls = "Ik heb drie keer gebeld en kreeg elke keer iemand anders."
    assert nl("Waar moest je aan wennen bij de nieuwe app?", calls) == Label.OPEN
    assert nl("Waar woon je op dit moment?", calls) == Label.CLOSED


def test_nl_a_guess_with_dus_inside_and_nothing_of_theirs_is_leading():
    calls = "Ik heb drie keer gebeld en kreeg elke keer iemand anders."
    assert nl("Jij hebt dus vooral behoefte aan meer overzicht?", calls) == Label.LEADING
    assert nl("Je hebt dus drie keer gebeld?", calls) == Label.REFLECTION


def test_nl_a_reason_offered_with_omdat_and_a_question_mark_is_leading():
    assert nl("Zeker omdat je het te druk had?", "Ik heb de box een paar weken overgeslagen.") == Label.LEADING
    assert nl("Omdat je het te druk had?", "Ik had het te druk, dus ik heb de box overgeslagen.") != Label.LEADING


def test_ko_a_negated_verb_now_is_a_decision_but_in_the_past_it_is_what_happened():
    assert ko("어 그러면 이제 새벽 배송은 안 믿으시겠네요", KO_LATE) == Label.LEADING
    assert ko("이제 못 믿으시겠네요", "이제 그 회사는 못 믿겠어요.") == Label.REFLECTION
    assert ko("저녁에 사람이 많아서 기구를 못 쓰셨던 거군요.", "요즘은 그냥 공원에서 뛰어요.") == Label.REFLECTION


def test_zh_nali_before_a_verdict_asks_what_about_it():
    assert zh("嗯嗯，你说的麻烦，具体是哪里麻烦", "每次付钱都很麻烦。") == Label.OPEN
    assert zh("你是在哪里买的", "每次付钱都很麻烦。") == Label.CLOSED


def test_zh_a_presumption_about_their_family_is_leading_a_feeling_they_named_is_not():
    assert zh("那你爸肯定特别依赖你", "我爸不太会用手机付钱。") == Label.LEADING
    assert zh("那天晚上家里一个鸡蛋都没有，你一定特别着急。", "家里一个鸡蛋都没有，我急得不行。") == Label.REFLECTION


def test_nl_a_verdict_in_a_summary_when_they_gave_none_is_leading():
    facts = "Ik heb een uur op de bezorger gewacht. De buren hadden het pakket aangenomen."
    assert nl("nou, vervelende buren dus eigenlijk", facts) == Label.LEADING
    assert nl("nou, vervelende buren dus eigenlijk", "Die buren zijn echt vervelend.") == Label.REFLECTION
    # the starter's own words ("als ik je goed begrijp") are no verdict
    assert nl("Als ik je goed begrijp, bestel je pas als de koelkast leeg is.",
              "Ik bestel meestal pas als er niks meer in de koelkast ligt.") == Label.REFLECTION


def test_ko_a_request_to_say_it_again_invites():
    assert ko("어 잠깐 제가 이해를 잘 못 했는데 그 OTP 얘기 좀 다시 해 주실래요", KO_LATE) == Label.OPEN


def test_zh_a_reduction_to_something_they_never_said_is_leading():
    said = "理赔材料我交了好几次。最后还是跑到柜台去办的。"
    assert zh("所以说到底就是保险公司不讲理", said) == Label.LEADING
    assert zh("所以说到底就是材料交了好几次", said) != Label.LEADING


def test_zh_a_filler_after_the_question_does_not_hide_it():
    said = "理赔材料我交了好几次。"
    assert zh("你平时会用这个App吗，就是", said) == Label.CLOSED
    assert rules_zh._core("你当时是怎么处理的，就是说") == "你当时是怎么处理的"


def test_nl_zeg_je_with_the_subject_after_it_asks():
    assert nl("Zeg je dan ook iets tegen de bezorger?", NL_BIKE) == Label.CLOSED
    assert nl("Zeg maar, wat deed je toen?", NL_BIKE) == Label.OPEN


@pytest.mark.parametrize("text", ["그래서 환불은요?", "그때 기분은요?", "음 그럼 그 창구에서는요"])
def test_ko_a_topic_with_eunyo_asks_what_about_it(text):
    assert ko(text, "인증서가 만료돼서 결국 창구에 직접 갔어요.") == Label.OPEN


def test_ko_their_word_with_a_plain_yo_stays_an_echo():
    assert ko("창구요?", "인증서가 만료돼서 결국 창구에 직접 갔어요.") == Label.ECHO


@pytest.mark.parametrize("text", ["那退款呢？", "那当时的心情呢？", "然后第二天呢"])
def test_zh_a_topic_with_ne_asks_what_about_it(text):
    assert zh(text, "理赔材料我交了好几次。最后还是跑到柜台去办的。") == Label.OPEN


@pytest.mark.parametrize("text, kept", [
    ("Ergerde je je daar niet aan?", "Ergerde je je daar niet aan?"),  # reflexive 'je je' is grammar
    ("Denk je dat dat werkt?", "Denk je dat dat werkt?"),
    ("hoe, hoe regelen jullie dat?", "hoe regelen jullie dat?"),      # one word, a pause between: a false start
    ("mag ik mag ik vragen waarom?", "mag ik vragen waarom?"),
])
def test_dutch_false_start_is_a_pause_or_several_words_not_a_doubled_pronoun(text, kept):
    from scoring.rules_nl import strip_markers
    assert strip_markers(text)[0] == kept
