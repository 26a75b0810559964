"""The held-out natural interviews behind benchmarks/bench_realism.py: complete, valid, and not copied
from the personas' own examples (they measure understanding, not fit)."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from simulator.persona import load_personas

from .conftest import ROOT

DATA = ROOT / "benchmarks" / "data" / "realism"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_realism", ROOT / "benchmarks" / "bench_realism.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_realism"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _bench()
SHIPPED = load_personas().personas
UNSEEN = load_personas([DATA / "personas"])


def _interviews():
    interviews, personas = bench.load_all(DATA)
    return {i.persona_id: i for i in interviews}, personas


INTERVIEWS, PERSONAS = _interviews()


# "Are you an AI?" in the interviews' own words (not the engine's detector: the data must not depend on it).
_ARE_YOU_A_BOT = re.compile(r"\bAI\b|\bbot\b|chatbot|computer|real (?:person|human)|AI|真人|사람")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def test_every_shipped_persona_has_an_interview_and_two_unseen_personas_do_too():
    assert set(SHIPPED) <= set(INTERVIEWS)
    assert not UNSEEN.errors and len(UNSEEN.personas) >= 2
    assert set(UNSEEN.personas) <= set(INTERVIEWS)
    assert not set(UNSEEN.personas) & set(SHIPPED), "an unseen persona must not ship"
    assert all(INTERVIEWS[pid].unseen for pid in UNSEEN.personas)


@pytest.mark.parametrize("pid", sorted(INTERVIEWS))
def test_interview_is_a_whole_natural_interview(pid):
    questions = INTERVIEWS[pid].questions
    asked = [q for q in questions if q.text is not None]
    assert len(asked) >= 30
    topical = [q for q in questions if isinstance(q.expect, list)]
    abstain = [q for q in questions if q.expect == "abstain"]
    # Off-topic questions and "are you an AI?" are in every interview, and the AI question is recognised as one.
    assert len(abstain) >= 2
    assert any(q.text and _ARE_YOU_A_BOT.search(q.text) for q in abstain), pid
    # A closing invitation accepts any topic the persona has not said yet: most of them.
    persona = PERSONAS[pid]
    assert any(len(q.expect) >= len(persona.topics) - 2 for q in topical), "no closing invitation"
    # Every topic of the persona is asked about at least once.
    expected = {t for q in topical for t in q.expect if len(q.expect) <= 3}
    assert {t.id for t in persona.topics} <= expected


@pytest.mark.parametrize("pid", sorted(INTERVIEWS))
def test_interview_does_not_copy_the_personas_examples(pid):
    persona = PERSONAS[pid]
    examples = {_norm(e) for t in persona.topics for e in [t.title, *t.examples]}
    copied = [q.text for q in INTERVIEWS[pid].questions if q.text and _norm(q.text) in examples]
    assert not copied


def test_unknown_topic_or_bad_expectation_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("persona: maria-grocery-lapsed\nturns:\n  - q: Hi\n    expect: [no_such_topic]\n", encoding="utf-8")
    with pytest.raises(bench.DataError, match=r"bad.yaml: turns -> 0 -> expect: unknown topic 'no_such_topic'"):
        bench.load_interview(bad, {t.id for t in SHIPPED["maria-grocery-lapsed"].topics})
    bad.write_text("persona: maria-grocery-lapsed\nturns:\n  - q: Hi\n", encoding="utf-8")
    with pytest.raises(bench.DataError, match="each turn needs 'q'"):
        bench.load_interview(bad)


def test_repeats_count_normalised_sentences_said_before():
    replies = ["Yeah. I work nights!", "yeah... It's fine. I WORK NIGHTS", "我是真人。我是真人！"]
    assert bench.sentences(replies[1]) == ["yeah", "its fine", "i work nights"]
    assert bench.count_repeats(replies) == 3


def test_outcome_scoring_follows_the_interface():
    Q, O = bench.Question, bench.Outcome
    assert O(Q("q", ["a"]), "a", "detail", "answer", "t", 1.0).ok
    assert not O(Q("q", ["a"]), "b", "detail", "answer", "t", 1.0).ok
    dont = O(Q("q", ["a"]), None, None, "no_experience", "t", 1.0)
    assert dont.dont_know and not dont.ok
    assert O(Q("q", "abstain"), None, None, "clarify", "t", 1.0).ok
    assert not O(Q("q", "abstain"), "a", "surface", "no_experience", "t", 1.0).ok  # a topic line is not abstaining
    assert not O(Q("q", "abstain"), None, None, "unknown", "t", 1.0).ok
    assert O(Q(None, "any"), None, None, "silence_end", "t", 1.0).ok


def test_technique_scripts_cover_every_topic_in_the_personas_language():
    for persona in PERSONAS.values():
        good, bad = bench.technique_scripts(persona)
        assert len(good) == len(bad) == 3 * len(persona.topics)
        assert None in good and None not in bad


def test_bench_runs_end_to_end_on_the_fake_embedder(make_engine):
    engine = make_engine()
    persona = SHIPPED["maria-grocery-lapsed"]
    result = bench.run_interview(engine, persona, INTERVIEWS["maria-grocery-lapsed"])
    assert len(result.outcomes) == len(INTERVIEWS["maria-grocery-lapsed"].questions)
    summary = bench.summarise([result])
    row = summary["overall"]
    assert 0.0 <= row["on_topic"] <= 1.0 and row["questions"] == len(result.outcomes)
    assert row["p95_ms"] >= row["p50_ms"] > 0


def test_a_persona_with_several_interviews_gets_one_row_that_counts_them_all(make_engine):
    engine = make_engine()
    persona = SHIPPED["maria-grocery-lapsed"]
    first = bench.run_interview(engine, persona, INTERVIEWS["maria-grocery-lapsed"])
    second = bench.run_interview(engine, persona, INTERVIEWS["maria-grocery-lapsed"])
    summary = bench.summarise([first, second])
    assert list(summary["personas"]) == ["maria-grocery-lapsed"]
    assert summary["personas"]["maria-grocery-lapsed"]["questions"] == len(first.outcomes) + len(second.outcomes)
