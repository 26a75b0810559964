"""A persona's topic index is built once, however many callers ask for it at the same time (a trainee's page and
the server's warm-up thread both asking for the first card's persona must not build it twice)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import simulator.engine as engine_module
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ScriptedClassifier

PERSONA = Path(__file__).resolve().parent.parent / "personas" / "maria-grocery-lapsed.yaml"


def test_concurrent_callers_wait_for_one_build(monkeypatch):
    built = []
    real = engine_module.TopicIndex

    def slow_index(persona, embedder):
        built.append(persona.id)
        time.sleep(0.3)  # long enough for every other caller to arrive while this build runs
        return real(persona, embedder)

    monkeypatch.setattr(engine_module, "TopicIndex", slow_index)
    engine = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, "open"))
    persona = load_persona(PERSONA)
    got = []
    threads = [threading.Thread(target=lambda: got.append(engine.index_for(persona))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert built == [persona.id]
    assert len(got) == 4 and all(index is got[0] for index in got)
    assert engine.index_for(persona) is got[0]  # and later callers get the same one without a build
    assert built == [persona.id]
