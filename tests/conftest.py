"""Shared fakes: a hashing embedder, a scripted classifier and the small test persona."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Unit tests never load torch models unless a test asks for the real one.
os.environ.setdefault("INTERVIEW_SIM_EMBEDDER", "hashing")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Embedding cache: one fresh folder per test run (shared by the servers the tests start), never the user's.
os.environ["INTERVIEW_SIM_CACHE_DIR"] = tempfile.mkdtemp(prefix="interview-sim-test-cache-")

from scoring.labels import Classification, Flag, Label  # noqa: E402
from simulator.embeddings import HashingEmbedder  # noqa: E402
from simulator.persona import load_persona  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEST_PERSONA = Path(__file__).parent / "data" / "test-persona.yaml"


class ScriptedClassifier:
    """Labels are given per text (``script``); anything else gets ``default``. Records every call."""

    def __init__(self, script: dict[str, tuple[str, list[str]] | str] | None = None, default: str = "open"):
        self.script = dict(script or {})
        self.default = default
        self.calls: list[tuple[str, str | None]] = []

    def classify(self, text: str, previous: str | None = None) -> Classification:
        self.calls.append((text, previous))
        entry = self.script.get(text, self.default)
        label, flags = (entry, []) if isinstance(entry, str) else entry
        return Classification(
            label=Label(label),
            confidence=0.9,
            reason=f"scripted {label}",
            flags=tuple(Flag(f) for f in flags),
        )


@pytest.fixture
def embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def test_persona():
    return load_persona(TEST_PERSONA)


@pytest.fixture
def make_engine(embedder):
    from simulator.engine import Engine

    def make(script=None, default="open", backend=None):
        return Engine(embedder=embedder, classifier=ScriptedClassifier(script, default), backend=backend)

    return make


@pytest.fixture
def fake_parser(monkeypatch):
    """The parse batch without spaCy: a "parse" is the text in upper case, the memory cache starts empty, and every
    call of the batched parse is recorded (the list it returns)."""
    from scoring import parse_batch
    from simulator import nlp

    calls: list[list[str]] = []

    def parse_all(texts):
        calls.append(list(texts))
        return {t: t.upper() for t in texts}

    monkeypatch.setattr(parse_batch, "pipeline_loaded", lambda: True)
    monkeypatch.setattr(parse_batch, "_parse_all", parse_all)
    monkeypatch.setattr(nlp, "_PARSES", {})
    return calls


@pytest.fixture(scope="session")
def real_embedder():
    from simulator.embeddings import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def real_engine(real_embedder):
    from simulator.engine import Engine

    return Engine(embedder=real_embedder)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed browser test says what the page showed and what the server was doing: a screenshot in
    artifacts/failures/, the page's text, and the server log's tail after a thread dump (SIGUSR1)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    page, server = funcargs.get("page"), funcargs.get("server")
    if page is not None and hasattr(page, "screenshot"):
        try:
            shot = ROOT / "artifacts" / "failures" / f"{item.name}.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=True)
            text = page.locator("body").inner_text(timeout=5000)
            report.sections.append(("page at failure", f"{page.url}\n{shot}\n{text[:4000]}"))
        except Exception as e:  # the page may be gone
            report.sections.append(("page at failure", f"unavailable: {e}"))
    proc, log = getattr(server, "proc", None), getattr(server, "log", None)
    if proc is not None and log is not None:
        import signal
        import time

        try:
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGUSR1)
                time.sleep(1.0)
            log.flush()
            lines = Path(log.name).read_text(errors="replace").splitlines()
            report.sections.append(("server log (tail)", f"exit code: {proc.poll()}\n" + "\n".join(lines[-250:])))
        except Exception as e:
            report.sections.append(("server log (tail)", f"unavailable: {e}"))
