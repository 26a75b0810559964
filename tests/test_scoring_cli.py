"""The classify and score commands, through the real typer app."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from scoring import cli as scoring_cli
from simulator.cli import app
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

scoring_cli.register(app)
scoring_cli.register(app)  # registering twice must not add the commands twice


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


@pytest.fixture(autouse=True)
def fake_embedder(monkeypatch):
    monkeypatch.setenv("INTERVIEW_SIM_EMBEDDER", "hashing")


def test_cli_register_adds_each_command_once():
    names = [c.name for c in app.registered_commands if c.name in ("classify", "score")]
    assert sorted(names) == ["classify", "score"]


def test_cli_classify_reads_stdin_and_writes_lines_in_order(runner):
    lines = [
        {"id": "a", "text": "Tell me about your week.", "previous": None},
        {"id": "b", "text": "Three hours?", "previous": "It took three hours."},
        {"id": "c", "text": "Don't you think it's too slow?"},
    ]
    result = runner.invoke(app, ["classify"], input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert [o["label"] for o in out] == ["open", "echo", "leading"]
    assert set(out[0]) >= {"id", "label", "flags", "confidence", "reason"}


def test_cli_classify_skips_malformed_lines_and_names_them(runner):
    text = "\n".join([
        json.dumps({"id": 1, "text": "Do you use it daily?"}),
        "{not json",
        json.dumps({"id": 3}),
        json.dumps({"id": 4, "text": 42}),
        json.dumps(["a list"]),
        json.dumps({"id": 6, "text": "Walk me through it.", "previous": 7}),
        json.dumps({"id": 7, "text": "Walk me through it."}),
    ]) + "\n"
    result = runner.invoke(app, ["classify"], input=text)
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, 7]
    for number in (2, 3, 4, 5, 6):
        assert f"line {number}:" in result.stderr
    assert "missing 'text'" in result.stderr and "'text' must be a string" in result.stderr


def test_cli_classify_files(runner, tmp_path):
    source = tmp_path / "in.jsonl"
    target = tmp_path / "out.jsonl"
    source.write_text(json.dumps({"id": "x", "text": "How often do you order?"}) + "\n\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", "--input", str(source), "--output", str(target)])
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["label"] == "closed"


def test_cli_classify_missing_input_file(runner, tmp_path):
    result = runner.invoke(app, ["classify", "--input", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert "nope.jsonl" in result.stderr


def _transcript(tmp_path, labelled: bool = True):
    t = Transcript(persona_id="maria", persona_name="Maria", insight_catalog=[{"id": "late"}, {"id": "price"}])
    t.add(Turn(speaker=PERSONA, text="Hi, I only have half an hour.", had_more=False))
    t.add(Turn(speaker=TRAINEE, text="Tell me about your last order.", label="open" if labelled else None, patience=1.0))
    t.add(Turn(speaker=PERSONA, text="It came late again.", insights=["late"], had_more=True))
    t.add(Turn(speaker=TRAINEE, text="", label="silence" if labelled else None, patience=5.0))
    t.add(Turn(speaker=PERSONA, text="And it was expensive."))
    t.add(Turn(speaker=TRAINEE, text="Don't you think it's too expensive?", label="leading" if labelled else None))
    path = tmp_path / "t.json"
    path.write_text(t.to_json(), encoding="utf-8")
    return path


def test_cli_score_json_has_the_contract_keys(runner, tmp_path):
    result = runner.invoke(app, ["score", str(_transcript(tmp_path)), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"turns", "metrics"}
    for turn in data["turns"]:
        assert {"speaker", "role", "text", "start", "end"} <= set(turn)
        assert turn["role"] in ("interviewer", "interviewee")
        if turn["role"] == "interviewer":
            assert {"label", "flags", "silence_before"} <= set(turn)
    assert data["turns"][1]["silence_before"] == 1.0
    metrics = data["metrics"]
    assert {"label_counts", "silences", "talk_ratio", "score"} <= set(metrics)
    assert metrics["silences"] == 1 and metrics["label_counts"]["open"] == 1


def test_cli_score_classifies_unlabelled_turns(runner, tmp_path):
    result = runner.invoke(app, ["score", str(_transcript(tmp_path, labelled=False)), "--json"])
    assert result.exit_code == 0, result.stderr
    labels = [t["label"] for t in json.loads(result.stdout)["turns"] if t["role"] == "interviewer"]
    assert labels == ["open", "silence", "leading"]


def test_cli_score_table_by_default(runner, tmp_path):
    result = runner.invoke(app, ["score", str(_transcript(tmp_path))])
    assert result.exit_code == 0, result.stderr
    assert "Score:" in result.stdout and "Open questions" in result.stdout


@pytest.mark.parametrize("content, problem", [
    (None, "no such file"),
    ("{not json", "invalid JSON at line 1"),
    ("[1, 2]", "not a transcript"),
    ('{"persona": "x"}', "not a transcript"),
    ('{"turns": [{"speaker": "trainee"}]}', "turns -> 0 -> text: must be a string"),
    ('{"turns": [{"speaker": "robot", "text": "hi"}]}', "turns -> 0 -> speaker"),
    ('{"turns": [{"speaker": "trainee", "text": "hi", "start": "soon"}]}', "turns -> 0 -> start"),
])
def test_cli_score_bad_file_is_one_clear_line(runner, tmp_path, content, problem):
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert "bad.json" in message and problem in message


def test_cli_load_for_scoring_rejects_unknown_format(tmp_path):
    with pytest.raises(scoring_cli.ScoringInputError, match="unknown format 'srt'"):
        scoring_cli.load_for_scoring(tmp_path / "x", "srt")


def test_cli_runs_as_a_module(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, INTERVIEW_SIM_EMBEDDER="hashing", PYTHONPATH=str(root))
    proc = subprocess.run([sys.executable, "-m", "simulator.cli", "classify"], input='{"id": 1, "text": "Why?"}\n',
                          capture_output=True, text=True, env=env, cwd=root, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["label"] == "open"


def test_cli_score_reads_captions_with_interviewer_and_silences():
    import json as _json

    from typer.testing import CliRunner

    from scoring import cli as scoring_cli
    from simulator.cli import app

    scoring_cli.register(app)
    fixture = "tests/fixtures/import/zoom.vtt"
    result = CliRunner().invoke(app, ["score", fixture, "--json"])
    assert result.exit_code == 0, result.output
    data = _json.loads(result.stdout)
    roles = {t["role"] for t in data["turns"]}
    assert roles == {"interviewer", "interviewee"}
    asked = [t for t in data["turns"] if t["role"] == "interviewer"]
    assert all({"label", "flags", "silence_before", "start", "end"} <= set(t) for t in asked)
    assert data["metrics"]["silences"] >= 1
    bad = CliRunner().invoke(app, ["score", "tests/fixtures/import/teams.vtt", "--interviewer", "Nobody"])
    assert bad.exit_code == 2 and "Speakers found" in bad.output and "Traceback" not in bad.output
