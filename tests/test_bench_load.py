"""benchmarks/bench_load.py's checker: a question sent but not stored once, in order and answered, is a lost turn."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from simulator.store import Store
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_load.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _session(store: Store, name: str, asked: list[str], answered: bool = True) -> str:
    t = Transcript(persona_id="maria-grocery-lapsed", persona_name="Maria", trainee=name)
    t.add(Turn(speaker=PERSONA, text="Hello."))
    for question in asked:
        t.add(Turn(speaker=TRAINEE, text=question))
        if answered:
            t.add(Turn(speaker=PERSONA, text="An answer."))
    return store.start_session(name, t)


def test_lost_turns_counts_missing_unanswered_and_absent_sessions(tmp_path):
    bench = _bench()
    url = f"sqlite:///{tmp_path / 'load.db'}"
    store = Store(url)
    try:
        whole = bench.Trainee("Ana", _session(store, "Ana", ["Q1", "Q2"]), sent=["Q1", "Q2"])
        short = bench.Trainee("Bo", _session(store, "Bo", ["Q1"]), sent=["Q1", "Q2"])
        silent = bench.Trainee("Cy", _session(store, "Cy", ["Q1"], answered=False), sent=["Q1"])
        nowhere = bench.Trainee("Di", None, sent=["Q1", "Q2", "Q3"])
    finally:
        store.close()
    assert bench.lost_turns(url, [whole]) == (0, [])
    lost, problems = bench.lost_turns(url, [whole, short, silent, nowhere])
    assert lost == 1 + 1 + 3
    assert any(p.startswith("Bo: sent 2 questions, stored 1") for p in problems)
    assert any(p.startswith("Cy: 1 questions without a stored reply") for p in problems)
    assert any(p.startswith("Di: no session id") for p in problems)


def test_widget_states_are_what_a_browser_sends():
    bench = _bench()
    assert bench.trigger("$$ID-abc-start-x").trigger_value is True
    state = bench.chat("$$ID-def-chat", "How do you order?")
    assert state.WhichOneof("value") == "chat_input_value" and state.chat_input_value.data == "How do you order?"
    assert bench.pct([3.0, 1.0, 2.0], 0.5) == 2.0 and bench.pct([], 0.5) != bench.pct([], 0.5)  # nan when empty
