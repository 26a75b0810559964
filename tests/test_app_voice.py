"""AppTests of a generated voice in the interview: a failing server and a rejected reply, seen by the trainee."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from app_pages.persistence import MemoryStore
from simulator.backends import ScriptedBackend
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from tests.test_app_pages import APP, OPEN_Q, TIMEOUT, CoachingClassifier, persona_dir, start  # noqa: F401



def _app(backend, guard=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["engine"] = Engine(
        embedder=HashingEmbedder(), classifier=CoachingClassifier(), backend=backend, guard=guard)
    at.session_state["store"] = MemoryStore()
    at.run()
    return start(at)


def _sidebar_text(at: AppTest) -> str:
    return " ".join(str(getattr(e, "value", "")) for e in at.sidebar.warning)


def test_app_server_failure_mid_interview_falls_back_with_a_visible_note(persona_dir):
    backend = ScriptedBackend(name="openai").enqueue([ConnectionError("server at 127.0.0.1:9 refused")])
    at = _app(backend)
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    assert not at.exception
    reply = at.session_state["live"].session.transcript.turns[-1]
    assert reply.speaker == "persona" and reply.backend == "authored" and reply.guard.startswith("error")
    assert "did not answer the last question" in _sidebar_text(at)
    # The next reply comes through again: the note goes away.
    at.chat_input(key="chat").set_value("What happened next?").run()
    assert at.session_state["live"].session.transcript.turns[-1].backend == "openai"
    assert "did not answer" not in _sidebar_text(at)


def test_app_rejected_reply_is_replaced_on_screen_by_the_authored_line(persona_dir):
    leaked = "As an AI language model I cannot shop for groceries."
    backend = ScriptedBackend(name="openai").enqueue([leaked])
    at = _app(backend, guard=lambda request, text: "ai_mention" if "AI" in text else None)
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    assert not at.exception
    reply = at.session_state["live"].session.transcript.turns[-1]
    assert reply.guard == "ai_mention" and reply.backend == "authored"
    on_screen = " ".join(str(e.value) for m in at.chat_message for e in m.children.values()
                         if hasattr(e, "value"))
    assert "language model" not in on_screen
    assert reply.text.split()[0] in on_screen
