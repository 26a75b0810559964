"""AppTest helpers for the practice features (rewind and branch, drills, the discussion guide): the app with a
hashing embedder, a scripted classifier and the in-memory store, on the small test persona."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.persistence import MemoryStore
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from tests.conftest import ScriptedClassifier

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
TEST_PERSONA = Path(__file__).parent / "data" / "test-persona.yaml"
TIMEOUT = 60

WEEK = "Tell me about your work schedule."
LEADING = "Don't you think the delivery slots are terrible?"
OPEN_DELIVERY = "Tell me about the last delivery you got."
ECHO = "Three nights in a row?"
RAIN = "In the rain for four hours?"
CLOSED = "Do you cook pasta?"
PITCH = "Our app books delivery slots in one tap. Would you use it?"

SCRIPT = {LEADING: "leading", ECHO: "echo", RAIN: "echo", CLOSED: "closed",
          PITCH: ("closed", ["pitch", "hypothetical"])}


@pytest.fixture
def persona_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "personas"
    folder.mkdir()
    shutil.copy(TEST_PERSONA, folder / "test-persona.yaml")
    monkeypatch.setenv("INTERVIEW_SIM_PERSONAS", str(folder))
    return folder


@pytest.fixture
def app(persona_dir):
    """``app(store=None)``: a fresh app with the fakes injected, run once."""

    def make(store=None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state["engine"] = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(SCRIPT))
        at.session_state["store"] = store if store is not None else MemoryStore()
        at.run()
        assert not at.exception, at.exception
        return at

    return make


def name(at: AppTest, who: str = "Ana") -> AppTest:
    at.text_input(key="trainee_name_input").set_value(who).run()
    return at


def start(at: AppTest, who: str = "Ana") -> AppTest:
    name(at, who)
    at.button(key="start-test-persona").click().run()
    assert not at.exception, at.exception
    return at


def ask(at: AppTest, text: str) -> AppTest:
    at.chat_input(key="chat").set_value(text).run()
    assert not at.exception, at.exception
    return at


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def texts(at: AppTest) -> str:
    return plain("\n".join(
        [m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption]
        + [a.value for kind in ("info", "warning", "error", "success") for a in getattr(at, kind)]
        + [str(t.value) for t in at.table]
    ))
