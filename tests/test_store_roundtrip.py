"""Store round trips on SQLite and PostgreSQL: sessions, turns, resume, lists, progress."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.store import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    SessionFinished,
    Store,
    StoreConfigError,
    TurnConflict,
    UnknownSession,
    resolve_url,
)
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn
from tests.store_support import new_transcript, pg_url, scripted_turn, sqlite_url, store, store_url  # noqa: F401

finite = st.floats(allow_nan=False, allow_infinity=False)
maybe_finite = st.none() | finite
words = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
ids = st.lists(st.text("abcdefghij-", min_size=1, max_size=8), max_size=3)


@st.composite
def turns(draw) -> Turn:
    common = dict(text=draw(words), at=draw(finite), name=draw(st.none() | words), start=draw(maybe_finite),
                  end=draw(maybe_finite))
    if draw(st.booleans()):
        return Turn(
            speaker=TRAINEE, label=draw(st.none() | st.sampled_from(["open", "closed", "leading", "silence"])),
            flags=draw(ids), confidence=draw(maybe_finite), reason=draw(st.none() | words),
            flag_reasons=draw(st.dictionaries(words, words, max_size=2)), rewrite=draw(st.none() | words),
            patience=draw(maybe_finite), **common,
        )
    return Turn(
        speaker=PERSONA, topic=draw(st.none() | words), layer=draw(st.none() | words), insights=draw(ids),
        contaminated_insights=draw(ids), contaminated=draw(st.booleans()), move=draw(st.none() | words),
        had_more=draw(st.none() | st.booleans()), backend=draw(words), guard=draw(st.none() | words), **common,
    )


def _same(loaded: Transcript, original: Transcript, trainee: str) -> None:
    original.trainee = trainee
    assert loaded.to_dict() == original.to_dict()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(turns(), max_size=3), later=st.lists(turns(), max_size=6), started=finite,
       catalog=st.lists(st.fixed_dictionaries({"id": words, "finding": words}), max_size=3))
def test_store_roundtrip_every_turn_field(store, first, later, started, catalog):
    transcript = Transcript(persona_id="maria", persona_name="María", language="es", seed=7, started_at=started,
                            insight_catalog=catalog)
    transcript.extend(first)
    sid = store.start_session("Ana", transcript)
    for turn in later:
        store.add_turn(sid, transcript.add(turn))
    _same(store.load(sid), transcript, "Ana")
    assert store.session_info(sid).turns == len(first) + len(later)


def test_store_roundtrip_imported_session_is_finished(store):
    transcript = new_transcript(opening=False)
    transcript.source = "imported"
    transcript.add(Turn(speaker=TRAINEE, text="How do you invoice?", name="Interviewer", start=1.5, end=3.0))
    transcript.ended_at = transcript.started_at + 600
    sid = store.start_session("Ana", transcript)
    info = store.session_info(sid)
    assert (info.source, info.finished, info.turns) == ("imported", True, 1)
    assert store.open_session("Ana") is None
    _same(store.load(sid), transcript, "Ana")


def test_store_roundtrip_nul_and_lone_surrogates_become_replacement_characters(store):
    transcript = new_transcript(opening=False)
    transcript.add(Turn(speaker=TRAINEE, text="a\x00b", reason="\x00", rewrite="x\ud800y \ud83d\ude00"))
    sid = store.start_session("Ana", transcript)
    turn = store.load(sid).turns[0]
    assert (turn.text, turn.reason, turn.rewrite) == ("a\ufffdb", "\ufffd", "x\ufffdy \U0001f600")


def test_store_add_turn_resent_is_a_noop_and_different_turn_conflicts(store):
    transcript = new_transcript()
    sid = store.start_session("Ana", transcript)
    turn = scripted_turn(transcript, 1)
    store.add_turn(sid, turn)
    store.add_turn(sid, turn)
    assert store.session_info(sid).turns == 2
    clash = Turn(speaker=TRAINEE, text="something else", index=turn.index)
    with pytest.raises(TurnConflict, match="already has a different turn 1"):
        store.add_turn(sid, clash)


def test_store_finish_session_records_metrics_and_refuses_more_turns(store):
    transcript = new_transcript()
    sid = store.start_session("Ana", transcript)
    for n in range(6):
        store.add_turn(sid, scripted_turn(transcript, n))
    metrics = {"score": 62.5, "label_counts": {"open": 1}, "contributions": [{"turn": 1, "points": 2, "reason": "r"}]}
    store.finish_session(sid, metrics, ended_at=transcript.started_at + 300)
    info = store.session_info(sid)
    assert info.score == 62.5 and info.ended_at == transcript.started_at + 300
    # Derived from the stored turns when the metrics lack them: open, leading and a reflection (no question).
    assert info.open_share == 0.5
    assert store.metrics(sid) == metrics
    assert store.insight_rates("maria")["insights"][0] == {
        "id": "pain", "finding": "Invoices take her a day a month", "found": 1, "share": 1.0
    }
    with pytest.raises(SessionFinished, match="is finished"):
        store.add_turn(sid, scripted_turn(transcript, 7))
    store.finish_session(sid, {"score": 70})  # re-scoring replaces the metrics, keeps the end time
    assert store.session_info(sid).score == 70 and store.session_info(sid).ended_at == transcript.started_at + 300


def test_store_open_session_resumes_latest_unfinished(store):
    assert store.open_session("Ana") is None
    old = store.start_session("Ana", new_transcript())
    other_persona = store.start_session("Ana", new_transcript("tom"))
    store.start_session("Bea", new_transcript())
    assert store.open_session("Ana") == other_persona
    assert store.open_session("Ana", persona_id="maria") == old
    transcript = new_transcript()
    resumed = store.load(old)
    store.add_turn(old, scripted_turn(resumed, 1))  # activity makes it the most recent
    assert store.open_session("Ana") == old
    store.finish_session(old, {})
    assert store.open_session("Ana", persona_id="maria") is None
    assert transcript.turns  # untouched


def test_store_unknown_session_is_a_clear_error(store):
    with pytest.raises(UnknownSession, match="no session 'nope' in the store"):
        store.load("nope")
    with pytest.raises(UnknownSession):
        store.add_turn("nope", Turn(speaker=TRAINEE, text="hi"))
    with pytest.raises(UnknownSession):
        store.find_session("abcdef")


def test_store_find_session_accepts_unique_prefix(store):
    sid = store.start_session("Ana", new_transcript())
    assert store.find_session(sid[:6]) == sid
    assert store.find_session(sid.upper()) == sid


def test_store_start_session_rejects_bad_input(store):
    transcript = new_transcript()
    transcript.source = "uploaded"
    with pytest.raises(ValueError, match="source must be one of practice, imported"):
        store.start_session("Ana", transcript)
    with pytest.raises(ValueError, match="trainee must be a non-empty name"):
        store.start_session("  ", new_transcript())
    unnumbered = Transcript(persona_id="maria", turns=[Turn(speaker=PERSONA, text="a"), Turn(speaker=TRAINEE, text="b")])
    with pytest.raises(ValueError, match="position 1 has index 0: add turns with Transcript.add"):
        store.start_session("Ana", unnumbered)
    mismatch = new_transcript()
    mismatch.trainee = "Bea"
    with pytest.raises(ValueError, match="its trainee is 'Bea' but it is stored for 'Ana'"):
        store.start_session("Ana", mismatch)


def _seed(store: Store) -> dict[str, str]:
    day = datetime(2025, 3, 10, 12, 0).timestamp()
    ids = {}
    for i, (trainee, persona, score) in enumerate(
        [("Ana", "maria", 80.0), ("Ana", "tom", 40.0), ("Bea", "maria", 60.0), ("Bea", "tom", None), ("Cy", "maria", 95.0)]
    ):
        transcript = new_transcript(persona, started_at=day + i * 86400)
        sid = store.start_session(trainee, transcript)
        for n in range(i + 1):
            store.add_turn(sid, scripted_turn(transcript, n))
        if score is not None:
            store.finish_session(sid, {"score": score, "open_share": score / 100})
        ids[f"{trainee}-{persona}"] = sid
    return ids


def test_store_list_sessions_filters_sorts_and_pages(store):
    ids = _seed(store)
    rows, total = store.list_sessions()
    assert total == 5 and [r.id for r in rows][0] == ids["Cy-maria"]  # newest first
    rows, total = store.list_sessions(trainee="Ana")
    assert total == 2 and {r.trainee for r in rows} == {"Ana"}
    rows, total = store.list_sessions(persona="maria", min_score=70)
    assert [r.id for r in rows] == [ids["Cy-maria"], ids["Ana-maria"]]
    rows, _ = store.list_sessions(sort="score", descending=False)
    assert [r.score for r in rows] == [40.0, 60.0, 80.0, 95.0, None]  # unscored last either way
    rows, _ = store.list_sessions(sort="score")
    assert [r.score for r in rows] == [95.0, 80.0, 60.0, 40.0, None]
    rows, total = store.list_sessions(since=date(2025, 3, 11), until=date(2025, 3, 12))
    assert total == 2 and {r.id for r in rows} == {ids["Ana-tom"], ids["Bea-maria"]}
    rows, total = store.list_sessions(sort="turns", limit=2, offset=1)
    assert total == 5 and [r.turns for r in rows] == [5, 4]  # of 6, 5, 4, 3, 2 turns
    rows, total = store.list_sessions(finished=False)
    assert [r.id for r in rows] == [ids["Bea-tom"]]
    with pytest.raises(ValueError, match="sort must be one of started_at"):
        store.list_sessions(sort="colour")


def test_store_progress_and_insight_rates(store):
    ids = _seed(store)
    points = store.progress("Ana")
    assert [(p["n"], p["session"], p["score"], p["open_share"]) for p in points] == [
        (1, ids["Ana-maria"], 80.0, 0.8), (2, ids["Ana-tom"], 40.0, 0.4)
    ]
    assert store.progress("Nobody") == []
    rates = store.insight_rates("maria")
    assert rates["sessions"] == 3
    # Insight "pain" is revealed by scripted turn n=1, which only sessions with 2+ added turns reach.
    assert [(r["id"], r["found"]) for r in rates["insights"]] == [("pain", 2), ("tool", 0), ("fear", 0)]
    assert rates["insights"][0]["share"] == pytest.approx(2 / 3)
    assert store.insight_rates("nobody") == {"persona": "nobody", "sessions": 0, "insights": []}


def test_store_resolve_url_prefers_argument_then_env_then_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    assert resolve_url().database == "data/interview-sim.db"
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "d"))
    assert resolve_url().database == str(tmp_path / "d" / "interview-sim.db")
    monkeypatch.setenv(DATABASE_URL_ENV, "postgres://u:secret@db/x")
    assert resolve_url().drivername == "postgresql+psycopg"
    assert resolve_url("sqlite:///a.db").database == "a.db"


def test_store_creates_data_dir_and_default_file(monkeypatch, tmp_path):
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "nested" / "data"))
    with Store() as s:
        s.start_session("Ana", new_transcript())
    assert (tmp_path / "nested" / "data" / "interview-sim.db").exists()
    with Store() as s:
        assert s.list_sessions()[1] == 1
        mode = s.engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "wal"


@pytest.mark.parametrize(
    "url, message",
    [
        ("sqlite://", "in-memory SQLite database is not supported"),
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("::not a url::", "cannot parse the database URL"),
    ],
)
def test_store_resolve_url_rejects_unusable_urls(url, message):
    with pytest.raises(StoreConfigError, match=message):
        resolve_url(url)


def test_store_unreachable_postgres_is_a_config_error():
    started = time.monotonic()
    with pytest.raises(StoreConfigError, match="cannot connect to the store at postgresql\\+psycopg://u:\\*\\*\\*@127.0.0.1:1/x"):
        Store("postgresql://u:pw@127.0.0.1:1/x?connect_timeout=2")
    assert time.monotonic() - started < 10
