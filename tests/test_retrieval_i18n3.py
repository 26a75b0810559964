"""Dutch and Chinese questions read in the persona's own words: a Dutch compound or word form she never says
counts through her parts and forms of it, and a Chinese question is cut into her words before its pairs count.
With the hashing fake (no meaning, only words), so what is measured is the lexical reading."""

from __future__ import annotations

import pytest

from simulator import retrieval
from simulator.embeddings import HashingEmbedder
from simulator.persona import load_persona
from simulator.retrieval import TopicIndex, _nl_key, _segment_artifacts

from .conftest import ROOT


@pytest.fixture(scope="module")
def anouk():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERVIEW_SIM_CACHE_DIR", "")
        yield TopicIndex(load_persona(ROOT / "personas" / "anouk-fiets-nl.yaml"), HashingEmbedder())


@pytest.fixture(scope="module")
def lihua():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERVIEW_SIM_CACHE_DIR", "")
        yield TopicIndex(load_persona(ROOT / "personas" / "lihua-grocery-zh.yaml"), HashingEmbedder())


def _top(index: TopicIndex, question: str) -> str:
    return index.scores(question)[0].topic


# Dutch -----------------------------------------------------------------------------------------------


def test_a_dutch_compound_she_never_says_counts_through_its_parts(anouk):
    units = anouk.units("Hoe was het op zaterdagochtend?")
    assert "zaterdagochtend" not in units and "zaterdag" in units
    assert _top(anouk, "Hoe was het op zaterdagochtend?") == "boodschappen_weekend"


def test_a_compound_question_reaches_the_topic_of_its_head(anouk):
    # "fietsenmaker": only "fiets" is hers; the question lands on the cycling topic, with words in common.
    match = anouk.scores("Wie is jullie fietsenmaker?")[0]
    assert match.topic == "fietsen" and match.lexical > 0


def test_a_word_she_says_is_not_split(anouk):
    assert anouk.units("Wat vond je van de prijsverhoging?") == ["vond", "prijsverhog"]


def test_a_compound_of_nothing_of_hers_stays_foreign(anouk):
    unit = anouk.units("Speel je in een voetbalvereniging?")[-1]
    assert unit.startswith("voetbalverenig") and anouk.familiarity(unit) == 0.0


def test_dutch_forms_of_one_word_share_a_key():
    assert _nl_key("kos") == _nl_key("kost")  # "kost" and "kosten" after the stemmer
    assert _nl_key("koop") == _nl_key("kop")  # "koop", "kopen"
    assert _nl_key("pakk") == _nl_key("pak")  # "pakken", "pak"
    assert _nl_key("betaal") == _nl_key("betal")  # "betaalt", "betalen"
    assert _nl_key("fiets") == _nl_key("fiet")  # "fietsen", "fiets"
    assert _nl_key("werk") != _nl_key("wek")


def test_a_form_she_never_says_is_read_as_her_form(anouk):
    said = {u for u in anouk._idf}
    # A form of a verb of hers that is not in her file in this form reads as hers.
    form = next(u for u in ("zeid", "hou") if u not in said)
    (unit,) = anouk.units({"zeid": "Wat zeiden ze?", "hou": "Hoe hou je dat bij?"}[form])[:1]
    assert unit in said and _nl_key(unit) == _nl_key(form)


# Chinese ---------------------------------------------------------------------------------------------


def test_a_chinese_question_is_cut_into_her_words():
    weights = {"婆婆": 2.0, "婆去": 0.7, "去拿": 1.0, "方便": 1.0}
    assert _segment_artifacts("婆婆去拿方便吗", weights) == frozenset({"婆去"})
    # A pair of hers that is a word of the question stays.
    assert _segment_artifacts("婆去", weights) == frozenset()


def test_a_pair_across_two_of_her_words_does_not_count(lihua):
    units = lihua.units("婆婆去拿方便吗？")
    assert "婆婆" in units and "去拿" in units and "婆去" not in units


def test_a_chinese_question_about_fetching_reaches_the_pickup_topic(lihua):
    # "婆婆" is in every family topic; "去拿" is the pickup topic's. With the hashing fake the words decide.
    assert _top(lihua, "都是你婆婆去拿吗？") == "pickup"


def test_chinese_words_count_more_than_the_default(lihua, monkeypatch):
    question = "婆婆去拿方便吗？"
    with_weight = {m.topic: m.score for m in lihua.scores(question)}
    monkeypatch.setattr(retrieval, "LANGUAGE_LEXICAL_WEIGHT", {})
    default = {m.topic: m.score for m in lihua.scores(question)}
    pickup = next(m for m in lihua.scores(question) if m.topic == "pickup")
    assert pickup.lexical > 0
    assert with_weight["pickup"] - default["pickup"] == pytest.approx(0.3 * pickup.lexical, abs=1e-6)


# Chinese words (jieba) in the foreign gate ---------------------------------------------------------------


def test_pairs_across_two_chinese_words_are_no_words_asked():
    # "去哪里取": jieba cuts 去 / 哪里 / 取, so "去哪" and "里取" are edges of words, not things asked about.
    found = ["一般", "去哪", "里取"]
    assert retrieval._within_words("货一般是去哪里取的？", found, {"一般": 1.0}) == ["一般"]
    # A pair that is a word of the question stays, hers or not ("追剧" is asked about).
    assert retrieval._within_words("你平时追剧吗？", ["平时", "追剧"], {"平时": 1.0}) == ["平时", "追剧"]
    # A pair of hers stays wherever the cut falls: her words are read as hers.
    assert retrieval._within_words("去哪里取", ["去哪"], {"去哪": 1.0}) == ["去哪"]


def test_a_question_in_her_words_with_new_word_edges_is_hers(lihua):
    # Before: the edges "去哪" / "里取" counted as foreign content, and she said she had no idea where she
    # picks up her groceries. What the question names ("一般") is all hers.
    share, count = lihua.known_share("货一般是去哪里取的？")
    assert count >= 1 and share >= 0.9
    # A question about things outside her life stays foreign: its words are words, and none is hers.
    share, _ = lihua.known_share("你有比较过两边的价格吗？")
    assert share < 0.45


def test_without_jieba_the_pairs_count_as_before(monkeypatch):
    monkeypatch.setattr(retrieval, "_JIEBA", None)
    assert retrieval._within_words("货一般是去哪里取的？", ["一般", "去哪", "里取"], {}) == ["一般", "去哪", "里取"]
