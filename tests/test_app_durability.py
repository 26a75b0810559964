"""The pages under store faults and with two tabs: no traceback, plain words, no turn lost, no interleaving.

The faults are real: a SQLite store whose connections are opened with ``PRAGMA query_only`` (the database refuses
every write with SQLITE_READONLY; running as root, chmod would not stop writes), and a PostgreSQL URL where no
server listens (the database is away).
"""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import persistence
from app_pages.persistence import MemoryStore, ReconnectingStore
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.store import Store
from tests.test_app_pages import APP, OPEN_Q, CoachingClassifier, param, persona_dir, texts  # noqa: F401
from tests.test_turn_durability import query_only

TIMEOUT = 90  # the 2-core CI box is shared; a page run takes well under a second when idle
LEAKS = ("Traceback", "OperationalError", "sqlite3", "psycopg", "UPDATE ", "INSERT ", "SELECT ", "sqlalche.me")


@pytest.fixture
def outbox(tmp_path, monkeypatch):
    folder = tmp_path / "outbox"
    monkeypatch.setenv("INTERVIEW_SIM_OUTBOX_DIR", str(folder))
    return folder


@pytest.fixture
def tab(persona_dir):  # noqa: F811
    """``tab(store, engine=None, sid=None)``: a browser tab on the app; with ``sid``, opened on that interview."""

    def make(store, engine=None, sid=None, trainee="Ana") -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state["engine"] = engine or Engine(embedder=HashingEmbedder(), classifier=CoachingClassifier())
        at.session_state["store"] = store
        if sid is not None:
            at.query_params["trainee"], at.query_params["sid"] = trainee, sid
        at.run()
        if sid is not None:
            at.switch_page("app_pages/interview.py").run()
        assert not at.exception
        return at

    return make


def begin(at: AppTest, name: str = "Ana") -> AppTest:
    at.text_input(key="trainee_name_input").set_value(name).run()
    at.button(key="start-test-persona").click().run()
    assert not at.exception
    return at


def say(at: AppTest, text: str) -> AppTest:
    at.chat_input(key="chat").set_value(text).run()
    assert not at.exception, at.exception
    return at


def live_turns(at: AppTest):
    return at.session_state["live"].session.transcript.turns


def assert_no_leak(at: AppTest) -> None:
    body = texts(at)
    for word in LEAKS:
        assert word not in body, f"{word!r} reached the page"


def assert_contiguous(turns) -> None:
    assert [t.index for t in turns] == list(range(len(turns)))


def test_read_only_database_mid_interview_turns_wait_then_are_saved(tab, tmp_path, outbox):
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    at = begin(tab(store))
    say(at, OPEN_Q)
    sid = param(at, "sid")
    with query_only(store):
        say(at, "What happened the next time?")
        body = texts(at)
        assert "Saving is paused" in body and "read-only" in body
        assert "kept safely on this server" in body
        assert [m.name for m in at.chat_message][-2:] == ["user", "assistant"]  # the interview went on
        assert_no_leak(at)
        assert len(store.load(sid).turns) == 3
    time.sleep(persistence.writer_for(store).retry_every + 0.1)
    say(at, "And after that?")
    assert "Saving is paused" not in texts(at)
    stored = store.load(sid)
    assert_contiguous(stored.turns)
    assert [t.text for t in stored.turns] == [t.text for t in live_turns(at)] and len(stored.turns) == 7
    persistence.writer_for(store).close()
    store.close()


def test_read_only_database_at_start_is_explained_on_the_gallery(tab, tmp_path, outbox):
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    with query_only(store):
        at = tab(store)
        body = texts(at)
        assert "read-only" in body and "Practice goes on" in body
        at.text_input(key="trainee_name_input").set_value("Ana").run()
        at.button(key="start-test-persona").click().run()
        assert not at.exception
        assert any("could not be started" in e.value for e in at.error)
        assert_no_leak(at)
    store.close()


def test_database_away_gallery_still_lists_personas_and_says_why(tab, outbox):
    away = ReconnectingStore("postgresql+psycopg://u:secret@127.0.0.1:9/x?connect_timeout=2")
    at = tab(away)
    assert "Tess Tester" in [s.value for s in at.subheader]
    assert "not answering" in texts(at)
    at.text_input(key="trainee_name_input").set_value("Ana").run()
    at.button(key="start-test-persona").click().run()
    assert not at.exception
    assert any("could not be started" in e.value and "not answering" in e.value for e in at.error)
    assert_no_leak(at)
    assert "secret" not in texts(at) and "Ana" not in "".join(e.value for e in at.error)


def test_two_tabs_one_writer_the_stale_tab_reloads_and_says_so(tab):
    store = MemoryStore()
    a = begin(tab(store))
    engine = a.session_state["engine"]
    say(a, OPEN_Q)
    sid = param(a, "sid")
    b = tab(store, engine=engine, sid=sid)  # the same interview in a second tab
    say(a, "What did you do then?")
    say(b, "Why did you stop?")  # stale: tab A already took this turn
    notice = texts(b)
    assert "went on in another tab" in notice and "Why did you stop?" in notice
    stored = store.load(sid)
    assert_contiguous(stored.turns)
    assert [t.text for t in stored.trainee_turns] == [OPEN_Q, "What did you do then?"]
    assert [t.text for t in live_turns(b)] == [t.text for t in stored.turns]  # the saved conversation
    say(b, "Why did you stop?")  # now from the saved state: it goes in as the next turn
    say(a, "Anything else?")  # tab A is the stale one now
    assert "went on in another tab" in texts(a)
    stored = store.load(sid)
    assert_contiguous(stored.turns)
    assert [t.text for t in stored.trainee_turns] == [OPEN_Q, "What did you do then?", "Why did you stop?"]
    assert_no_leak(a)
    assert_no_leak(b)


def test_whitespace_only_input_is_ignored_not_a_silence(tab):
    at = begin(tab(MemoryStore()))
    say(at, "   \n\t ")
    assert len(live_turns(at)) == 1
    assert [m.name for m in at.chat_message] == ["assistant"]
    at.button(key="silent").click().run()  # the button is how to stay silent
    assert live_turns(at)[1].label == "silence"


def test_a_paste_over_the_limit_says_so_and_sends_nothing(tab):
    at = begin(tab(MemoryStore()))
    say(at, "x" * 4001)
    assert len(live_turns(at)) == 1
    assert any("4,001 characters" in w.value and "4,000" in w.value for w in at.warning)
    say(at, "y" * 4000)  # at the limit: sent
    assert live_turns(at)[1].text == "y" * 4000
