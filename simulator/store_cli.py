"""``interview-sim sessions list`` and ``interview-sim export``: the stored sessions from the command line."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import NoReturn, Optional

import typer

from simulator.store_env import DATA_DIR_ENV, DATABASE_URL_ENV

# simulator.store (SQLAlchemy, ~1 s to import) is imported by the commands that open a store, not by every call.

__all__ = ["register"]

URL_HELP = (
    f"Database URL (default: ${DATABASE_URL_ENV}, else ${DATA_DIR_ENV}/interview-sim.db, else ./data/interview-sim.db)."
)
JSON_KEYS = ("id", "trainee", "persona", "source", "started_at", "ended_at", "score", "turns")


def _json_row(row) -> dict:
    """One ``sessions list --json`` row: the header, ``reviewed`` (true/false) and ``comments`` (a count)."""
    data = row.to_dict()
    return {**{k: data[k] for k in JSON_KEYS}, "reviewed": row.reviewed, "reviewed_by": row.reviewed_by,
            "comments": row.comments}


class ExportFormat(str, Enum):
    md = "md"
    csv = "csv"
    json = "json"
    html = "html"


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _open_store(database_url: str | None) -> "Store":  # noqa: F821 (imported inside)
    """The store to read; a missing SQLite file is an error here (reading must not create an empty store)."""
    from simulator.store import Store, StoreError, resolve_url

    try:
        url = resolve_url(database_url)
        if url.get_backend_name() == "sqlite" and not Path(url.database).exists():
            _fail(
                f"no store at {url.database}: the app creates it on the first session; point to another with "
                f"--database-url, ${DATABASE_URL_ENV} or ${DATA_DIR_ENV}"
            )
        return Store(url)
    except StoreError as e:
        _fail(str(e))


def _when(ts: float | None) -> str:
    if ts is None:
        return ""
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")


def sessions_list(
    trainee: Optional[str] = typer.Option(None, "--trainee", help="Only this trainee's sessions."),
    persona: Optional[str] = typer.Option(None, "--persona", help="Only sessions with this persona id."),
    limit: int = typer.Option(50, "--limit", min=0, help="Newest sessions to show; 0 shows all."),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list instead of a table."),
    database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
) -> None:
    """List stored sessions, newest first (times in UTC)."""
    from simulator.store import StoreError

    store = _open_store(database_url)
    try:
        rows, total = store.list_sessions(trainee=trainee, persona=persona, limit=limit or 2**31 - 1)
    except StoreError as e:
        _fail(str(e))
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps([_json_row(row) for row in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo("no sessions" + (f" for trainee {trainee!r}" if trainee else ""))
        return
    table = [("ID", "TRAINEE", "PERSONA", "SOURCE", "STARTED (UTC)", "ENDED (UTC)", "SCORE", "TURNS")]
    for row in rows:
        table.append((
            row.id, row.trainee, row.persona, row.source, _when(row.started_at),
            _when(row.ended_at) or "open", "" if row.score is None else f"{row.score:g}", str(row.turns),
        ))
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    if total > len(rows):
        typer.echo(f"({len(rows)} of {total} sessions; --limit 0 shows all)", err=True)


def export_session(
    session_id: str = typer.Argument(..., help="Session id (or a unique prefix of at least 4 characters)."),
    fmt: ExportFormat = typer.Option(ExportFormat.md, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    database_url: Optional[str] = typer.Option(None, "--database-url", help=URL_HELP),
) -> None:
    """Export one session with its metrics and coach annotations as Markdown, CSV, JSON or printable HTML."""
    from simulator.export import export as render_export
    from simulator.store import StoreError, UnknownSession, describe_url

    store = _open_store(database_url)
    try:
        full_id = store.find_session(session_id)
        text = render_export(fmt.value, store.load(full_id), store.metrics(full_id), store.annotations(full_id))
    except UnknownSession as e:
        _fail(f"{e} [store: {describe_url(store.url)}]")
    except StoreError as e:
        _fail(str(e))
    finally:
        store.close()
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        _fail(f"cannot write {output}: {e.strerror or e}")
    typer.echo(f"wrote {output}", err=True)


def hash_passcode_command(
    iterations: int = typer.Option(200_000, "--iterations", min=1_000, max=10_000_000,
                                   help="PBKDF2 rounds: more is slower to guess and to sign in."),
) -> None:
    """Read a passcode (typed twice, not shown) and print the hash for a [users] entry's ``passcode``."""
    from simulator.identity import hash_passcode

    first = typer.prompt("Passcode", hide_input=True)
    second = typer.prompt("Again", hide_input=True)
    if first != second:
        _fail("the two passcodes differ; nothing printed")
    try:
        typer.echo(hash_passcode(first, iterations=iterations))
    except ValueError as e:
        _fail(str(e))


def register(app: typer.Typer) -> None:
    """Add ``sessions list``, ``export`` and ``users hash-passcode`` to the ``interview-sim`` app."""
    sessions = typer.Typer(help="Stored practice and imported sessions.", no_args_is_help=True)
    sessions.command("list")(sessions_list)
    app.add_typer(sessions, name="sessions")
    app.command("export")(export_session)
    users = typer.Typer(help="Sign-in accounts for a team ([users] in secrets.toml or $INTERVIEW_SIM_USERS_FILE).",
                        no_args_is_help=True)
    users.command("hash-passcode")(hash_passcode_command)
    app.add_typer(users, name="users")
