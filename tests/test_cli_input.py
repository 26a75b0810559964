"""The CLI on bad or odd input: empty scripts, persona files that reuse a shipped id, the import limit."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from simulator.cli import app
from simulator.importing import MAX_BYTES

from .conftest import ROOT


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


@pytest.fixture(autouse=True)
def fake_embedder(monkeypatch):
    monkeypatch.setenv("INTERVIEW_SIM_EMBEDDER", "hashing")


def test_simulate_with_an_empty_script_fails_with_a_message(runner, tmp_path):
    script = tmp_path / "script.txt"
    script.write_text("# only a comment\n\n   \n", encoding="utf-8")
    result = runner.invoke(app, ["simulate", "-p", "maria-grocery-lapsed", "-s", str(script)])
    assert result.exit_code == 2
    assert "script.txt: the script has no turns" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_validate_warns_when_a_file_reuses_a_shipped_id(runner, tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text((ROOT / "personas" / "maria-grocery-lapsed.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["personas", "validate", str(mine)])
    assert "ok   " in result.stdout
    assert "warning: " in result.stderr and "is also the id of the shipped persona" in result.stderr
    shipped = runner.invoke(app, ["personas", "validate", str(ROOT / "personas" / "maria-grocery-lapsed.yaml")])
    assert shipped.exit_code == 0 and "warning" not in shipped.stderr


def test_validate_refuses_the_alias_bomb_quickly(runner, tmp_path):
    import time

    bomb = tmp_path / "bomb.yaml"
    text = 'version: 1\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for above, name in zip("abcdefgh", "bcdefghi"):
        text += f"{name}: &{name} [{','.join(['*' + above] * 9)}]\n"
    bomb.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = runner.invoke(app, ["personas", "validate", str(bomb)])
    assert time.perf_counter() - started < 2
    assert result.exit_code == 1 and "aliases" in result.stderr


def test_the_import_limit_reads_the_same_everywhere():
    from app_pages.import_support import MAX_UPLOAD_MB
    from simulator.importing import parse_transcript_text, ImportProblem

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"up to {MAX_UPLOAD_MB} MB" in readme and MAX_UPLOAD_MB == 20
    with pytest.raises(ImportProblem) as info:
        parse_transcript_text(b"x" * (MAX_BYTES + 1), name="big.vtt")
    assert "(20.0 MB; the limit is 20 MB)" in str(info.value)
