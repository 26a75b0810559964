"""Rewind and branch: a branch is the transcript up to a trainee turn, resumed, and compared turn by turn."""

from __future__ import annotations

import json

import pytest

from simulator.branching import (
    BranchError,
    branch_transcript,
    compare,
    simulate_branch,
    start_branch,
    state_at,
)
from simulator.policy import replay

WEEK = "Tell me about your work schedule."
LEADING = "Don't you think the delivery slots are terrible?"
OPEN_DELIVERY = "Tell me about the last delivery you got."
ECHO = "Three nights in a row?"


def _finished(make_engine, persona):
    engine = make_engine({LEADING: "leading", ECHO: "echo"})
    session = engine.start(persona, seed=3)
    session.ask(WEEK)       # turns 1, 2
    session.ask(LEADING)    # turns 3, 4: the leading one
    session.ask(ECHO)       # turns 5, 6
    session.transcript.ended_at = session.transcript.turns[-1].at
    return engine, session.transcript


def test_branch_transcript_keeps_the_turns_before_the_branch_point(make_engine, test_persona):
    _, original = _finished(make_engine, test_persona)
    branch = branch_transcript(original, 3)
    assert [t.text for t in branch.turns] == [t.text for t in original.turns[:3]]
    assert branch.ended_at is None and branch.seed == original.seed
    assert branch.insight_catalog == original.insight_catalog
    # A copy: the branch never changes the original.
    branch.turns[1].text = "changed"
    assert original.turns[1].text == WEEK


def test_branch_state_is_the_replay_to_the_branch_point(make_engine, test_persona):
    engine, original = _finished(make_engine, test_persona)
    state = state_at(test_persona, original, 3)
    assert state.revealed == {"missed_deliveries"}  # what turn 2 earned, not what came later
    session = start_branch(engine, test_persona, original, 3)
    assert session.state.revealed == replay(test_persona, original.turns[:3]).revealed
    assert session.state.rapport == pytest.approx(state.rapport)
    assert session.state.told == state.told and session.state.said == state.said


def test_branch_refuses_a_persona_turn_and_a_missing_turn(make_engine, test_persona):
    _, original = _finished(make_engine, test_persona)
    with pytest.raises(BranchError, match=r"turn 4 is Tess's reply; branch at one of your turns: 1, 3, 5"):
        branch_transcript(original, 4)
    with pytest.raises(BranchError, match="there is no turn 40"):
        branch_transcript(original, 40)


def test_branch_open_question_instead_of_leading_draws_out_more(make_engine, test_persona):
    engine, original = _finished(make_engine, test_persona)
    rain = "In the rain for four hours?"
    engine.classifier.script[rain] = "echo"
    session = start_branch(engine, test_persona, original, 3)
    _, reply = session.ask(OPEN_DELIVERY)
    assert reply.topic == "delivery" and reply.layer == "detail"
    _, deeper = session.ask(rain)
    assert deeper.insights == ["trust"]
    result = compare(original, session.transcript, 3)
    first = result.rows[0]
    assert first.step == 1
    assert first.original.label == "leading" and first.branch.label == "open"
    assert first.original.text == LEADING and first.branch.text == OPEN_DELIVERY
    assert first.original.layer is None and first.branch.layer == "detail"
    assert first.points_change > 0
    second = result.rows[1]
    assert second.original.text == ECHO and second.branch.insights == ["trust"]
    assert result.only_in_branch == ["trust"]
    assert result.deeper_in_branch == {"delivery": "deep"}
    assert result.score_change is not None and result.score_change > 0
    assert result.findings["trust"] == "She no longer trusts deliveries to arrive."
    data = result.to_dict()
    json.dumps(data)
    assert data["rows"][0]["points_change"] == pytest.approx(first.points_change)
    assert data["score_change"] == pytest.approx(result.score_change)


def test_branch_compare_lines_up_unequal_lengths(make_engine, test_persona):
    engine, original = _finished(make_engine, test_persona)
    session = start_branch(engine, test_persona, original, 1)
    session.ask(OPEN_DELIVERY)
    result = compare(original, session.transcript, 1)
    assert len(result.rows) == 3
    assert result.rows[0].branch is not None and result.rows[1].branch is None
    assert result.rows[2].original.text == ECHO


def test_simulate_branch_from_a_script_prints_both(make_engine, test_persona):
    engine = make_engine({LEADING: "leading"})
    out = simulate_branch(engine, test_persona, [WEEK, LEADING, None], 3, [OPEN_DELIVERY])
    assert out["branch_at"] == 3
    assert [t["text"] for t in out["original"]["turns"] if t["speaker"] == "trainee"] == [WEEK, LEADING, ""]
    assert [t["text"] for t in out["branch"]["turns"] if t["speaker"] == "trainee"] == [WEEK, OPEN_DELIVERY]
    first = out["comparison"]["rows"][0]
    assert first["original"]["label"] == "leading" and first["branch"]["label"] == "open"
    assert first["branch"]["layer"] == "detail" and first["points_change"] > 0
    json.dumps(out)
