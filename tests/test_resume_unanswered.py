"""A question recorded without its reply (a reload or a restart mid-reply) gets the reply the live session gave."""

from __future__ import annotations

import copy

from streamlit.testing.v1 import AppTest

from app_pages.persistence import MemoryStore
from simulator.transcript import PERSONA, TRAINEE
from tests.test_app_pages import APP, OPEN_Q, TIMEOUT, param, persona_dir, start  # noqa: F401
from tests.test_app_pages import app  # noqa: F401  (fixture)


def test_unanswered_gives_the_reply_the_live_session_gave(make_engine, test_persona):
    engine = make_engine()
    live = engine.start(test_persona)
    live.ask("Tell me about the last time you ordered.")
    _, reply = live.ask("What happened then?")
    cut = copy.deepcopy(live.transcript)
    cut.turns.pop()  # the reply never reached the store
    resumed = engine.resume(test_persona, cut)
    pending = resumed.unanswered()
    assert pending is not None
    again = pending.finish()
    assert again.text == reply.text and again.speaker == PERSONA
    assert [t.speaker for t in resumed.transcript.turns][-2:] == [TRAINEE, PERSONA]
    assert resumed.unanswered() is None  # answered now


def test_unanswered_is_none_when_the_persona_spoke_last(make_engine, test_persona):
    engine = make_engine()
    session = engine.start(test_persona)
    assert session.unanswered() is None
    session.ask("Tell me about the last time you ordered.")
    assert session.unanswered() is None


def test_app_reload_mid_reply_answers_the_question(app):  # noqa: F811
    store = MemoryStore()
    at = start(app(store))
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    sid = param(at, "sid")
    answered = store.load(sid)
    entry = store._sessions[sid]
    entry.transcript.turns.pop()  # as if the server stopped before the reply was recorded
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.session_state["engine"] = at.session_state["engine"]
    again.session_state["store"] = store
    again.query_params["trainee"], again.query_params["sid"] = param(at, "trainee"), sid
    again.run()
    again.switch_page("app_pages/interview.py").run()
    assert not again.exception
    assert [m.name for m in again.chat_message] == ["assistant", "user", "assistant"]
    stored = store.load(sid)
    assert stored.turns[-1].speaker == PERSONA and stored.turns[-1].text == answered.turns[-1].text
