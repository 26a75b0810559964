"""Korean spacing is free inside a compound: "월급 통장" (two words) is her "월급통장"; and asked what she does before
anything is told ("먼저 하시는 일부터 말씀해 주시겠어요?"), she starts with who she is (her first topic)."""

from __future__ import annotations

from simulator.persona import load_persona

from .conftest import ROOT


def _jiwoo():
    return load_persona(ROOT / "personas" / "jiwoo-bank-ko.yaml")


def test_two_words_she_writes_as_one_are_her_word(make_engine):
    session = make_engine().start(_jiwoo(), seed=1)
    index = session.index
    assert "월급통장" in index.units("그럼 월급 통장은 지금 어디예요?")
    assert "월급통장" not in index.units("그럼 월급은 지금 어디로 들어와요?")
    # Only a compound she uses: two words of the question that make no word of hers stay two.
    assert "지금어디" not in index.units("지금 어디예요?")


def test_the_spaced_compound_finds_her_topic(make_engine):
    text = "그럼 월급 통장은 지금 어디예요?"
    session = make_engine({text: "closed"}).start(_jiwoo(), seed=1)
    _, reply = session.ask(text)
    assert reply.topic == "salary_account"


def test_what_do_you_do_at_the_start_is_who_she_is(make_engine):
    text = "안녕하세요 지우님, 오늘 시간 내주셔서 감사해요. 먼저 하시는 일부터 간단히 말씀해 주시겠어요?"
    persona = _jiwoo()
    session = make_engine({text: "open"}).start(persona, seed=1)
    _, reply = session.ask(text)
    assert reply.topic == persona.topics[0].id
