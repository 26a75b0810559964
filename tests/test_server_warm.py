"""The launcher's warm-up (app_pages/server.py): personas warmed in the right order, the likeliest at once and the
others only while no trainee is busy; Streamlit's per-run full garbage collection off; the warm-up's objects frozen
out of the collector's sight."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from app_pages import server

TEST_PERSONAS = Path(__file__).parent / "data"
PRELOAD = server.preload_page_modules  # the real one (the warm-up tests replace it)


def persona(pid: str, difficulty: str = "medium", language: str = "en", name: str | None = None):
    return SimpleNamespace(id=pid, difficulty=difficulty, language=language, name=name or pid)


PERSONAS = [persona("hard-en", "hard"), persona("medium-nl", "medium", "nl"), persona("easy-b", "easy"),
            persona("easy-a", "easy"), persona("medium-en", "medium"), persona("easy-ko", "easy", "ko-KR")]


def test_english_personas_first_then_most_used_then_gallery_order():
    order = [p.id for p in server.persona_order(PERSONAS)]
    assert order == ["easy-a", "easy-b", "medium-en", "hard-en", "easy-ko", "medium-nl"]
    used = [p.id for p in server.persona_order(PERSONAS, {"hard-en": 7, "medium-en": 2, "medium-nl": 50})]
    assert used == ["hard-en", "medium-en", "easy-a", "easy-b", "medium-nl", "easy-ko"]


def test_usage_is_counted_per_persona_and_an_unreadable_store_gives_none():
    class Store:
        def list_sessions(self, *, persona, since, limit):
            assert since > time.time() - 31 * 86400 and limit == 1
            return [], {"a": 3, "b": 0}[persona]

    class Away:
        def list_sessions(self, **kwargs):
            raise OSError("database is away")

    assert server.persona_usage(SimpleNamespace(inner=Store()), ["a", "b"]) == {"a": 3, "b": 0}
    assert server.persona_usage(Away(), ["a"]) == {}


class FakeCommon:
    """What warm_personas reads from app_pages.common."""

    def __init__(self, personas) -> None:
        self._personas = {p.id: p for p in personas}
        self._last_activity = 0.0
        self._STOP = threading.Event()

    def load_personas(self):
        return SimpleNamespace(personas=self._personas)

    def _process_store(self):
        raise RuntimeError("no store in this test")


class FakeEngine:
    def __init__(self) -> None:
        self.prepared: list[str] = []
        self.rehearsed: list[tuple[str, str | None]] = []

    def prepare(self, p) -> None:
        self.prepared.append(p.id)

    def start(self, p, **kwargs):
        return SimpleNamespace(ask=lambda question: self.rehearsed.append((p.id, question)))


@pytest.fixture(autouse=True)
def no_freezing(monkeypatch):
    monkeypatch.setattr(server, "freeze_heap", lambda: None)
    monkeypatch.setattr(server, "preload_page_modules", lambda: [])


def test_every_persona_is_warmed_when_nobody_is_busy():
    common, engine = FakeCommon(PERSONAS), FakeEngine()
    built = server.warm_personas(engine, common, idle_s=0.0)
    assert built == engine.prepared == ["easy-a", "easy-b", "medium-en", "hard-en", "easy-ko", "medium-nl"]
    # One short interview with the first, in memory, loads what a first question needs.
    assert engine.rehearsed == [("easy-a", q) for q in server.REHEARSAL]


def test_before_any_trainee_every_persona_is_built_back_to_back_and_one_arriving_pauses_the_rest():
    common, engine = FakeCommon(PERSONAS), FakeEngine()
    assert len(server.warm_personas(engine, common, idle_s=60.0, ours=0.0)) == len(PERSONAS)  # no wait at all

    common, engine = FakeCommon(PERSONAS), FakeEngine()
    prepare = engine.prepare

    def arrives_during_the_second(p):
        prepare(p)
        if len(engine.prepared) == 2:
            common._last_activity = time.monotonic()  # a trainee opened an interview meanwhile

    engine.prepare = arrives_during_the_second
    thread = threading.Thread(target=server.warm_personas, args=(engine, common), kwargs={"idle_s": 60.0, "ours": 0.0},
                              daemon=True)
    thread.start()
    time.sleep(0.5)
    assert engine.prepared == ["easy-a", "easy-b"]  # the rest wait for a quiet minute
    common._STOP.set()
    thread.join(2)
    assert not thread.is_alive()


def test_page_modules_are_preloaded_and_a_missing_one_is_skipped():
    assert PRELOAD(("json", "no_such_module_here")) == ["json"]
    assert "pandas" in server.PAGE_MODULES


def test_a_rehearsal_is_a_real_interview_that_stores_nothing():
    from simulator.embeddings import HashingEmbedder
    from simulator.engine import Engine
    from simulator.persona import load_personas

    found = load_personas([str(TEST_PERSONAS)]).personas
    engine = Engine(embedder=HashingEmbedder())
    persona = found[sorted(found)[0]]
    assert server.rehearse(engine, persona) == len(server.REHEARSAL)

    class Broken:
        def start(self, *args, **kwargs):
            raise RuntimeError("no models")

    assert server.rehearse(Broken(), persona) == 0  # logged, never raised


def test_a_busy_trainee_holds_back_all_but_the_likeliest_persona():
    common, engine = FakeCommon(PERSONAS), FakeEngine()
    common._last_activity = time.monotonic()  # a trainee just asked something
    done: list[list[str]] = []
    thread = threading.Thread(target=lambda: done.append(server.warm_personas(engine, common, idle_s=0.6, ours=0.0)))
    thread.start()
    time.sleep(0.3)
    assert engine.prepared == ["easy-a"]  # the likeliest first interview, at once
    thread.join(10)
    assert done and len(done[0]) == len(PERSONAS)  # the rest once the trainee was quiet for idle_s


def test_a_running_page_holds_back_the_rest_and_stopping_ends_the_wait():
    common, engine = FakeCommon(PERSONAS), FakeEngine()
    release = threading.Event()
    page = threading.Thread(target=release.wait, name="ScriptRunner.scriptThread", daemon=True)
    page.start()
    try:
        assert server.pages_running()
        done: list[list[str]] = []
        warm = threading.Thread(target=lambda: done.append(server.warm_personas(engine, common, idle_s=0.0)))
        warm.start()
        time.sleep(0.5)
        assert engine.prepared == ["easy-a"]
        common._STOP.set()  # the server stops: the warm-up leaves at once
        warm.join(2)
        assert not warm.is_alive() and done == [["easy-a"]]
    finally:
        release.set()
        page.join(2)
    assert not server.pages_running()


def test_a_failing_persona_does_not_stop_the_others():
    common = FakeCommon([PERSONAS[0], PERSONAS[2], PERSONAS[3]])

    class Engine(FakeEngine):
        def prepare(self, p) -> None:
            if p.id == "easy-a":
                raise ValueError("broken persona")
            super().prepare(p)

    engine = Engine()
    assert server.warm_personas(engine, common, idle_s=0.0) == ["easy-b", "hard-en"]


def test_full_collection_after_every_page_run_is_off_unless_configured(monkeypatch):
    monkeypatch.setattr(server, "_configured", lambda option: False)
    assert server.default_flags([]) == ["--runner.postScriptGC", "false"]
    assert server.default_flags(["--server.port", "1", "--runner.postScriptGC", "true"]) == []
    assert server.default_flags(["--runner.postScriptGC=true"]) == []
    monkeypatch.setattr(server, "_configured", lambda option: option == "runner.postScriptGC")
    assert server.default_flags([]) == []


def test_configured_reads_the_config_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(server, "APP", tmp_path / "streamlit_app.py")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(server.Path, "home", classmethod(lambda cls: tmp_path / "home"))
    assert not server._configured("runner.postScriptGC")
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "config.toml").write_text("[runner]\npostScriptGC = true\n")
    assert server._configured("runner.postScriptGC")


def test_the_warm_up_objects_are_frozen_out_of_the_collectors_sight(monkeypatch):
    monkeypatch.undo()  # the real freeze_heap
    try:
        kept = [[i] for i in range(1000)]
        server.freeze_heap()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
