"""Closed wh-questions in Dutch, Korean and Chinese get the fact they ask for: the kind of fact the question word of
the last question clause asks (a person, a place, a time, a figure, how often), the kinds a persona sentence carries
(small tables of words, no parser), and the persona answering with the sentence that carries it. Real engine and
personas, hashing embedder, scripted labels."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.understanding import asked_fact, fact_kinds

from .conftest import ROOT, ScriptedClassifier


# The kind a question asks for ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "kind"), [
    ("Wie brengt ze 's ochtends weg?", "person"),
    ("Van wiens rekening gaat dat eigenlijk af?", "person"),
    ("Waar stond je toen precies?", "place"),
    ("Drie fietsen gestolen? Waar stonden ze?", "place"),
    ("Die prijsverhoging, wanneer was dat?", "time"),
    ("Sinds wanneer heb je die fiets?", "time"),
    ("En hoe laat moet je dan op de poli zijn?", "time"),
    ("Op welke dag ga je naar de markt?", "time"),
    ("Hoeveel betaal je nu per maand?", "figure"),
    ("Je hebt het over de kinderen, hoe oud zijn ze?", "figure"),
    ("Hoe lang heb je die fiets al?", "figure"),
    ("Hoe vaak gaat er iets mis met de fiets?", "frequency"),
    ("oh dus jij brengt ze allebei eh wie breng je als eerste weg", "person"),
    # Yes/no questions, a question word inside one, open questions, "waar … aan" (what), statements.
    ("Heb je een auto?", None),
    ("Weet je wie dat was?", None),
    ("Hoe verplaats je je meestal door de stad?", None),
    ("Waarom heb je geen fiets gekocht?", None),
    ("Waar denk je dan aan?", None),
    ("Welke route fiets je dan?", None),
    ("Wie brengt ze? Of doe je dat samen?", None),
])
def test_the_kind_of_fact_a_dutch_question_asks_for(question, kind):
    assert asked_fact(question, "nl") == kind


@pytest.mark.parametrize(("question", "kind"), [
    ("누가 추천했어요?", "person"),
    ("그건 누구랑 같이 쓰세요?", "person"),
    ("대출은 어디서 받으셨어요?", "place"),
    ("지금 월급은 어느 은행으로 받으세요?", "place"),
    ("그럼 월급통장을 옮기신 건 언제였어요?", "time"),
    ("회계팀이면 월말엔 정신없으시겠네요. 보통 몇 시쯤 퇴근하세요?", "time"),
    ("회비는 한 달에 얼마씩 내요?", "figure"),
    ("서울에서 혼자 사신 지 얼마나 됐어요?", "figure"),
    ("마감 때는 몇 시간 정도 일하세요?", "figure"),
    ("요즘 모아뱅크 앱은 얼마나 자주 여세요?", "frequency"),
    ("일주일에 몇 번 여세요?", "frequency"),
    # 혹시 makes 누가, 어디, 언제 "anyone", "anywhere", "ever": a yes/no question; it only softens 몇 시.
    ("혹시 누가 도와줬어요?", None),
    ("혹시 어디 다녀오셨어요?", None),
    ("혹시 몇 시에 끝나세요?", "time"),
    ("가계부 같은 것도 쓰세요?", None),
    ("얼마나 힘드셨어요?", None),
    ("어떻게 몇 달 만에 옮기셨어요?", None),
    ("프랑스의 수도가 어디인지 아세요?", None),
    ("언제나 그렇게 하세요?", None),
])
def test_the_kind_of_fact_a_korean_question_asks_for(question, kind):
    assert asked_fact(question, "ko") == kind


@pytest.mark.parametrize(("question", "kind"), [
    ("那平时晚饭谁来做？", "person"),
    ("自提点离你家远不远，一般又是谁去拿？", "person"),
    ("你在哪儿上班？", "place"),
    ("在哪个平台买", "place"),
    ("你最后一次下单是什么时候？", "time"),
    ("哦 漕河泾那边 那你一般几点能到家", "time"),
    ("婆婆过来帮忙多久了？", "time"),
    ("家里每个月买菜大概花多少钱？", "figure"),
    ("婆婆去拿一趟要多久？", "figure"),
    ("乐乐今年几年级了？", "figure"),
    ("那时候多久下一次单？", "frequency"),
    ("一个星期去几次？", "frequency"),
    # 吗, A-not-A, an open question word first, words that only look like question words, statements.
    ("你知道他什么时候来吗？", None),
    ("团长是谁？你们熟吗？", None),
    ("有没有谁帮你？", None),
    ("你是怎么挑现在这几个买菜的地方的？", None),
    ("他几乎每天都来，是吧？", None),
    ("所以不是哪天突然不用了，是慢慢就不下了。", None),
])
def test_the_kind_of_fact_a_chinese_question_asks_for(question, kind):
    assert asked_fact(question, "zh") == kind


# The kinds a sentence carries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "language", "has", "lacks"), [
    ("Fenna is zes, Daan is drie.", "nl", "figure", "place"),
    ("Zestig euro eigen risico.", "nl", "figure", "person"),
    ("Om kwart over twaalf had ik er nog twintig te gaan.", "nl", "time", "place"),
    ("Meestal zaterdag, de markt.", "nl", "time", "figure"),
    ("Een paar keer per jaar iets kleins.", "nl", "frequency", "person"),
    ("Ik ben planner op de poli van het ziekenhuis in het Science Park.", "nl", "place", "person"),
    ("Marieke heeft het ingesteld, in 2022.", "nl", "person", "place"),
    ("Vroeger kwam er altijd dezelfde monteur, Kees, met zo'n busje.", "nl", "person", "place"),
    ("Meestal ik, ja.", "nl", "self", "person"),
    ("Meestal doet hij het gewoon.", "nl", "person", "time"),
    ("Onderhoud, reparaties en diefstal zitten erbij.", "nl", None, "person"),
    ("네 명이요.", "ko", "figure", "time"),
    ("십 년 정도 됐어요.", "ko", "figure", "place"),
    ("네, 5월에 옮겼어요.", "ko", "time", "place"),
    ("평일에는 보통 아홉 시쯤 집에 와서 밥 먹어요.", "ko", "time", "frequency"),
    ("요즘은 일주일에 한두 번이요.", "ko", "frequency", "place"),
    ("집 앞에 있는 시중은행에서요.", "ko", "place", "person"),
    ("지금은 봉천동에 있는 작은 투룸에 혼자 살아요.", "ko", "place", "figure"),
    ("모아뱅크는 이 년 전쯤 친구 추천으로 처음 만들었어요.", "ko", "person", "place"),
    ("과장님이 서류를 같이 봐 주셨어요.", "ko", "person", "self"),
    ("그런데 제가 푸시를 다 꺼 놨어요.", "ko", "self", "person"),
    ("네, 해 봤는데 잘 안 됐어요.", "ko", None, "figure"),
    ("二年级，八岁了。", "zh", "figure", "time"),
    ("一万二一个月。", "zh", "figure", "place"),
    ("九点到家，儿子作业还摊在桌上。", "zh", "time", "frequency"),
    ("会，周六早上去菜场。", "zh", "time", "person"),
    ("经常，月底基本天天加班。", "zh", "frequency", "figure"),
    ("我是做HR的，在漕河泾一家外企当主管。", "zh", "place", "time"),
    ("对，婆婆做。", "zh", "person", "self"),
    ("是老赵在群里说的。", "zh", "person", "time"),
    ("买菜这块我是精打细算的。", "zh", "self", "person"),
    ("我老公是工程师。", "zh", "person", "self"),
    ("大部分还行，看运气。", "zh", None, "figure"),
    ("贵是贵一点，乐乐一样也吃。", "zh", None, "figure"),
])
def test_the_kinds_of_fact_a_sentence_carries(sentence, language, has, lacks):
    kinds = fact_kinds(sentence, language)
    assert (has in kinds) if has else not kinds
    assert lacks not in kinds


def test_reading_facts_never_raises():
    for text in ["", "?", "’", "…", "12", "'s", "한", "几", "Ik", "\u200b", "a" * 500]:
        for language in ("nl", "ko", "zh"):
            fact_kinds(text, language)
            asked_fact(text, language)


# Engine: the closed wh-question gets the sentence that carries the fact ------------------------------------------


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


@pytest.mark.parametrize(("persona", "opening", "question", "fact"), [
    # Before: "십 년 정도 됐어요." (how long, not where).
    ("jiwoo-bank-ko", "혼자 사신다고 들었어요. 서울 생활은 어떠세요?", "지금 어디서 사세요?", "봉천동"),
    # Before: "해 봤는데 잘 안 됐어요." (no bank in it).
    ("jiwoo-bank-ko", "대출 받을 때 어떤 일이 있었는지 얘기해 주실래요?", "대출은 어디서 받으셨어요?", "시중은행"),
    # Before: "经常，月底基本天天加班。" (how often she works late, not where).
    ("lihua-grocery-zh", "你平时工作忙吗？", "你在哪儿上班？", "漕河泾"),
    # Before: the same line, no clock time in it.
    ("lihua-grocery-zh", "说说你平时的工作吧。", "那天你几点到家的？", "九点"),
    # Before: "Ik, van mijn eigen rekening." (who pays, not when).
    ("anouk-fiets-nl", "Wat kost het abonnement je per maand?", "Die prijsverhoging, wanneer was dat?", "januari"),
])
def test_a_closed_wh_question_gets_the_fact_it_asks_for(persona, opening, question, fact):
    session = engine({question: "closed"}).start(load_persona(ROOT / "personas" / f"{persona}.yaml"), seed=1)
    first = session.ask(opening)[1]
    _, reply = session.ask(question)
    assert reply.move == "closed" and reply.topic is not None
    assert fact in reply.text, (first.text, reply.text)
