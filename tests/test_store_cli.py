"""``interview-sim sessions list`` and ``interview-sim export`` through typer's CliRunner."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from simulator import store_cli
from simulator.store import DATA_DIR_ENV, DATABASE_URL_ENV, Store
from tests.store_support import new_transcript, scripted_turn, sqlite_url  # noqa: F401


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    store_cli.register(app)
    return app


@pytest.fixture
def seeded(sqlite_url, monkeypatch):
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    with Store(sqlite_url) as store:
        ids = {}
        for trainee in ("Ana", "Bea"):
            transcript = new_transcript(started_at=1_700_000_000.0 + len(ids) * 60)
            sid = store.start_session(trainee, transcript)
            for n in range(3):
                store.add_turn(sid, scripted_turn(transcript, n))
            ids[trainee] = sid
        store.finish_session(ids["Ana"], {"score": 81.5, "contributions": [{"turn": 1, "points": 3, "reason": "open"}]})
        store.annotate(ids["Ana"], 1, "Coach", label="closed", comment="<b>hm</b>")
    return sqlite_url.render_as_string(hide_password=False), ids


def test_store_cli_sessions_list_table(app, seeded):
    url, ids = seeded
    result = CliRunner().invoke(app, ["sessions", "list", "--database-url", url])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "TRAINEE", "PERSONA", "SOURCE", "STARTED", "(UTC)", "ENDED", "(UTC)", "SCORE", "TURNS"]
    assert lines[1].split()[:2] == [ids["Bea"], "Bea"] and lines[1].split()[-2:] == ["open", "4"]
    assert lines[2].split()[:2] == [ids["Ana"], "Ana"] and lines[2].split()[-2:] == ["81.5", "4"]


def test_store_cli_sessions_list_json_for_one_trainee(app, seeded):
    url, ids = seeded
    result = CliRunner().invoke(app, ["sessions", "list", "--trainee", "Ana", "--json", "--database-url", url])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 1 and set(rows[0]) == {"id", "trainee", "persona", "source", "started_at", "ended_at", "score",
                                               "turns", "reviewed", "reviewed_by", "comments"}
    assert (rows[0]["reviewed"], rows[0]["reviewed_by"], rows[0]["comments"]) == (False, None, 1)
    assert (rows[0]["id"], rows[0]["persona"], rows[0]["score"], rows[0]["turns"]) == (ids["Ana"], "maria", 81.5, 4)
    assert rows[0]["started_at"] == 1_700_000_000.0


def test_store_cli_reads_the_database_url_env(app, seeded, monkeypatch):
    url, _ = seeded
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    result = CliRunner().invoke(app, ["sessions", "list", "--json"])
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 2


@pytest.mark.parametrize("fmt, marker", [("md", "# Interview with Maria"), ("csv", "turn,speaker,name"),
                                         ("json", '"persona": "maria"'), ("html", "<!DOCTYPE html>")])
def test_store_cli_export_each_format_to_stdout(app, seeded, fmt, marker):
    url, ids = seeded
    result = CliRunner().invoke(app, ["export", ids["Ana"], "--format", fmt, "--database-url", url])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(marker) or marker in result.stdout
    if fmt == "json":
        data = json.loads(result.stdout)
        assert data["metrics"]["score"] == 81.5 and data["annotations"]["turns"][0]["label"] == "closed"
    if fmt == "html":
        assert "&lt;b&gt;hm&lt;/b&gt;" in result.stdout


def test_store_cli_export_to_file_with_id_prefix(app, seeded, tmp_path):
    url, ids = seeded
    out = tmp_path / "session.html"
    result = CliRunner().invoke(app, ["export", ids["Bea"][:8], "-f", "html", "-o", str(out), "--database-url", url])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and f"wrote {out}" in result.stderr
    assert "Bea" in out.read_text(encoding="utf-8")


def test_store_cli_export_unknown_id_is_one_line_exit_2(app, seeded):
    url, _ = seeded
    result = CliRunner().invoke(app, ["export", "deadbeef", "--database-url", url])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no session 'deadbeef' in the store")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_store_cli_missing_store_is_a_clear_error_and_creates_nothing(app, tmp_path, monkeypatch):
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["sessions", "list"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: no store at {tmp_path / 'data' / 'interview-sim.db'}")
    assert not (tmp_path / "data").exists()


def test_store_cli_export_rejects_unknown_format(app, seeded):
    url, ids = seeded
    result = CliRunner().invoke(app, ["export", ids["Ana"], "--format", "pdf", "--database-url", url])
    assert result.exit_code == 2 and "pdf" in result.output


def test_store_cli_sessions_list_json_reviewed_and_comments(app, seeded):
    url, ids = seeded
    with Store(url) as store:
        store.comment_session(ids["Ana"], "Coach", "Well done")
        store.mark_reviewed(ids["Ana"], "Coach")
    rows = {r["trainee"]: r for r in json.loads(CliRunner().invoke(
        app, ["sessions", "list", "--json", "--database-url", url]).stdout)}
    assert (rows["Ana"]["reviewed"], rows["Ana"]["reviewed_by"], rows["Ana"]["comments"]) == (True, "Coach", 2)
    assert (rows["Bea"]["reviewed"], rows["Bea"]["comments"]) == (False, 0)


def test_store_cli_users_hash_passcode(app):
    from simulator.identity import verify_passcode

    result = CliRunner().invoke(app, ["users", "hash-passcode", "--iterations", "1000"],
                                input="a long passphrase\na long passphrase\n")
    assert result.exit_code == 0, result.output
    hashed = result.stdout.strip().splitlines()[-1]
    assert hashed.startswith("pbkdf2_sha256$1000$") and verify_passcode(hashed, "a long passphrase")
    assert "a long passphrase" not in result.stdout
    result = CliRunner().invoke(app, ["users", "hash-passcode"], input="a long passphrase\nanother one!\n")
    assert result.exit_code == 2 and "differ" in result.output
