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
from tests.practice_support import app, persona_dir  # noqa: F401  (fixtures)

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


# The store: a branch has a parent and a branch point, in the SQL store and the app's in-memory one ---------


@pytest.fixture(params=["sql", "memory"])
def any_store(request, tmp_path):
    if request.param == "memory":
        from app_pages.persistence import MemoryStore

        yield MemoryStore()
        return
    from simulator.store import Store

    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    yield store
    store.close()


def test_store_keeps_a_branch_with_its_parent_and_branch_point(any_store, make_engine, test_persona):
    _, original = _finished(make_engine, test_persona)
    original.trainee = "Ana"
    parent = any_store.start_session("Ana", original)
    any_store.finish_session(parent, metrics={"score": 40.0})
    sid = any_store.start_branch("Ana", branch_transcript(original, 3), parent_id=parent, branch_point=3)
    assert any_store.branch_of(sid, trainee="Ana") == {"parent_id": parent, "branch_point": 3}
    assert any_store.branch_of(parent, trainee="Ana") is None
    [listed] = any_store.branches(parent, trainee="Ana")
    assert listed["id"] == sid and listed["branch_point"] == 3 and listed["ended_at"] is None
    assert [t.text for t in any_store.load(sid, trainee="Ana").turns] == [t.text for t in original.turns[:3]]
    # Another trainee can neither branch from it nor read its branches.
    with pytest.raises(LookupError if not hasattr(any_store, "engine") else PermissionError):
        any_store.start_branch("Ben", branch_transcript(original, 3), parent_id=parent, branch_point=3)
    with pytest.raises((LookupError, PermissionError)):
        any_store.branches(parent, trainee="Ben")
    with pytest.raises(ValueError, match="branch point 4 is not a trainee turn"):
        any_store.start_branch("Ana", branch_transcript(original, 3), parent_id=parent, branch_point=4)


def test_store_keeps_the_guide_and_drill_attempts(any_store, make_engine, test_persona):
    _, original = _finished(make_engine, test_persona)
    sid = any_store.start_session("Ana", original)
    guide = {"persona": "test-persona", "items": [{"number": 1, "text": "Tell me about your week."}]}
    any_store.set_guide(sid, guide, trainee="Ana")
    assert any_store.guide(sid, trainee="Ana") == guide
    with pytest.raises(ValueError, match="'items'"):
        any_store.set_guide(sid, {"questions": []})
    any_store.add_drill_attempt("Ana", {"source": "own", "question": LEADING, "attempt": OPEN_DELIVERY,
                                        "label": "open", "good": True, "session_id": sid, "turn_index": 3,
                                        "at": 1000.0})
    any_store.add_drill_attempt("Ana", {"source": "bank", "question": "Q?", "attempt": "A?", "good": False,
                                        "at": 2000.0})
    attempts = any_store.drill_attempts("Ana")
    assert [(a["at"], a["good"], a["source"], a["turn_index"]) for a in attempts] == [
        (1000.0, True, "own", 3), (2000.0, False, "bank", None)]
    assert any_store.drill_attempts("Ben") == []
    with pytest.raises(ValueError, match="'question' and the 'attempt'"):
        any_store.add_drill_attempt("Ana", {"question": "Q?", "attempt": " "})
    history = any_store.trainee_history("Ana")
    assert [s for s, _ in history] == [sid] and history[0][1].turns[3].text == LEADING


def test_store_migrations_have_one_head_the_branches_revision():
    from alembic.script import ScriptDirectory

    from simulator.store import alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_heads() == ["0005_branches"]


# The command: simulate --branch-at N --script ALT.txt -------------------------------------------


@pytest.fixture
def cli_runner(monkeypatch, make_engine):
    from typer.testing import CliRunner

    from simulator import cli

    monkeypatch.setattr(cli, "_engine", lambda backend=None: make_engine({LEADING: "leading"}))
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


def test_simulate_branch_at_from_a_script_and_from_a_transcript(cli_runner, tmp_path, monkeypatch):
    from simulator import cli
    from tests.conftest import TEST_PERSONA

    base = tmp_path / "base.txt"
    base.write_text(f"{WEEK}\n{LEADING}\n[silence]\n", encoding="utf-8")
    alt = tmp_path / "alt.txt"
    alt.write_text(f"# instead of the leading question\n{OPEN_DELIVERY}\n", encoding="utf-8")
    args = ["simulate", "-p", str(TEST_PERSONA), "--base", str(base), "--branch-at", "3", "--script", str(alt)]
    result = cli_runner.invoke(cli.app, args)
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["branch_at"] == 3
    assert [t["text"] for t in out["branch"]["turns"] if t["speaker"] == "trainee"] == [WEEK, OPEN_DELIVERY]
    assert out["comparison"]["rows"][0]["original"]["text"] == LEADING

    # The original as a saved transcript: the persona comes from it, no --persona needed.
    monkeypatch.setenv("INTERVIEW_SIM_PERSONAS", str(TEST_PERSONA.parent))
    saved = tmp_path / "original.json"
    saved.write_text(json.dumps(out["original"]), encoding="utf-8")
    result = cli_runner.invoke(cli.app, ["simulate", "--base", str(saved), "--branch-at", "1", "--script", str(alt)])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["original"]["turns"][3]["text"] == LEADING
    assert [t["text"] for t in out["branch"]["turns"] if t["speaker"] == "trainee"] == [OPEN_DELIVERY]


def test_simulate_branch_at_from_a_stored_session(cli_runner, tmp_path, make_engine, test_persona):
    from simulator import cli
    from simulator.store import Store
    from tests.conftest import TEST_PERSONA

    _, original = _finished(make_engine, test_persona)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store(url) as store:
        sid = store.start_session("Ana", original)
    alt = tmp_path / "alt.txt"
    alt.write_text(f"{OPEN_DELIVERY}\n", encoding="utf-8")
    result = cli_runner.invoke(cli.app, ["simulate", "-p", str(TEST_PERSONA), "--base", sid[:8], "--database-url",
                                         url, "--branch-at", "3", "--script", str(alt)])
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["original"]["turns"][3]["text"] == LEADING
    assert out["branch"]["turns"][3]["text"] == OPEN_DELIVERY


@pytest.mark.parametrize("extra, message", [
    (["--branch-at", "4"], "--branch-at 4: turn 4 is Tess's reply; branch at one of your turns: 1, 3, 5"),
    (["--branch-at", "3", "--base", "nope.txt"], "--base 'nope.txt': no such file, and not a session id"),
    (["--branch-at", "3", "--base", None], "--branch-at needs --base"),
])
def test_simulate_branch_at_bad_input_says_what_to_do(cli_runner, tmp_path, extra, message):
    from simulator import cli
    from tests.conftest import TEST_PERSONA

    base = tmp_path / "base.txt"
    base.write_text(f"{WEEK}\n{LEADING}\n[silence]\n", encoding="utf-8")
    alt = tmp_path / "alt.txt"
    alt.write_text(f"{OPEN_DELIVERY}\n", encoding="utf-8")
    args = ["simulate", "-p", str(TEST_PERSONA), "--script", str(alt)]
    extra = list(extra)
    if "--base" not in extra:
        extra += ["--base", str(base)]
    elif None in extra:
        extra = extra[:2]
    result = cli_runner.invoke(cli.app, args + extra)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr and "Traceback" not in result.stderr


# In the app: Ask differently from the report, the branch in the interview, the comparison -------------------


def test_app_ask_differently_from_the_report_then_compare(app):
    from tests.practice_support import ask, start, texts

    at = start(app())
    for question in (WEEK, LEADING, ECHO):
        ask(at, question)
    at.button(key="end").click().run()
    assert "Interview report" in [t.value for t in at.title]
    original_sid = at.session_state["sid"]
    # Every question of the report has the control; turn 3 is the leading one.
    assert {b.key for b in at.button if (b.key or "").startswith("reask-")} == {"reask-1", "reask-3", "reask-5"}
    at.button(key="reask-3").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title][0].startswith("Interview with")
    branch_sid = at.session_state["sid"]
    assert branch_sid != original_sid
    assert "You went back to turn 3. Before, you asked: “" + LEADING in texts(at)
    live = at.session_state["live"]
    assert [t.text for t in live.session.transcript.turns] == [
        t.text for t in at.session_state["store"].load(original_sid).turns[:3]]
    ask(at, OPEN_DELIVERY)
    ask(at, "In the rain for four hours?")
    at.button(key="end").click().run()
    assert "This interview asks turn 3 differently." in texts(at)
    at.button(key="compare-original").click().run()
    assert not at.exception, at.exception
    body = texts(at).replace("**", "")
    assert "Compare: asked differently" in [t.value for t in at.title]
    assert "Found only in the new version: ★ She no longer trusts deliveries to arrive." in body
    assert "reached Delivery slots and the van (detail)" in body
    assert "the old one — ⚠ Leading question: " + LEADING + " — reached nothing new (leading reply)" in body
    assert "Went deeper: Delivery slots and the van down to the deep layer" in body
    # The original's report lists its branch.
    at.button(key="compare-original-report").click().run()
    assert at.session_state["sid"] == original_sid
    assert "You asked this interview differently 1 time." in texts(at)


def test_app_ask_differently_during_the_interview_keeps_the_original(app):
    from tests.practice_support import ask, start

    at = start(app())
    ask(at, WEEK)
    ask(at, LEADING)
    original_sid = at.session_state["sid"]
    at.run()  # the question just sent is drawn with its controls on the next run
    at.button(key="reask-3").click().run()
    assert not at.exception, at.exception
    store = at.session_state["store"]
    original = store.load(original_sid)
    assert original.ended_at is not None and original.turns[3].text == LEADING
    assert store.branch_of(at.session_state["sid"]) == {"parent_id": original_sid, "branch_point": 3}


def test_app_compare_page_without_a_branch_says_how(app):
    from tests.practice_support import start, texts

    at = start(app())
    at.switch_page("app_pages/branch.py").run()
    assert not at.exception
    assert "Nothing to compare yet" in texts(at)
