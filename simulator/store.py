"""The persistent store: trainees, sessions, turns and coach annotations, in SQLite or PostgreSQL.

One ``Store`` per process, shared by every thread (the app's browser sessions): it holds one SQLAlchemy engine
and takes a pooled connection per call. Every write is its own short transaction, committed before the method
returns, so a turn is on disk the moment ``add_turn`` returns.

Where the data goes (first match wins):

1. the ``url`` given to ``Store(url)`` (the app passes one from ``.streamlit/secrets.toml``);
2. ``INTERVIEW_SIM_DATABASE_URL`` (e.g. ``postgresql+psycopg://user:pw@host/db`` for a team);
3. SQLite in ``$INTERVIEW_SIM_DATA_DIR/interview-sim.db``, by default ``./data/interview-sim.db``.

SQLite runs in WAL mode (readers never block the writer) with ``synchronous=NORMAL``: in WAL mode a commit is
in the OS page cache when it returns, so a killed server process loses nothing that was committed; only an OS
crash or power cut can drop the last few commits, never corrupt the file. ``FULL`` would add an fsync to every
turn (several ms on ordinary disks) to cover power cuts too, which a practice interview does not warrant.
Writers in one process queue on a lock; writers in other processes wait on ``busy_timeout``, and a write that
still meets "database is locked" is retried with backoff, so that error never reaches a caller.

Coach annotations keep their history: every ``annotate`` call adds a row, and the newest row per
(turn, coach) is the coach's current verdict. See ``docs/store.md`` for the design notes.
"""

from __future__ import annotations

import json
import math
import os
import random
import threading
import time
import uuid
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from sqlalchemy import and_, event, exc, func, select, text, update
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.url import URL

from scoring.labels import QUESTION_LABELS, Label
from simulator.agreement import cohen_kappa
from simulator.identity import Viewer
from simulator.store_models import (
    VERSION_TABLE,
    AnnotationRow,
    SessionCommentRow,
    SessionRow,
    TraineeRow,
    TurnRow,
)
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn
from simulator.practice_store import SQLPracticeMixin

__all__ = [
    "Store",
    "SessionInfo",
    "StoreError",
    "StoreConfigError",
    "StoreBusy",
    "UnknownSession",
    "UnknownTurn",
    "AccessDenied",
    "SessionFinished",
    "TurnConflict",
    "DuplicateImport",
    "StoreUnavailable",
    "resolve_url",
    "describe_url",
    "alembic_config",
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "SOURCES",
    "SORT_KEYS",
    "COACH_LABELS",
]

from .store_env import DATA_DIR_ENV, DATABASE_URL_ENV  # noqa: E402  (re-exported)
DEFAULT_DATA_DIR = "data"
DB_FILENAME = "interview-sim.db"
SOURCES = ("practice", "imported")
# Labels a coach may give: every scorer label except silence, which the session sets, not the scorer.
COACH_LABELS = tuple(label.value for label in Label if label is not Label.SILENCE)
SORT_KEYS = ("started_at", "ended_at", "score", "open_share", "turns", "trainee", "persona")
NAME_MAX = 200
PERSONA_ID_MAX = 100

SQLITE_BUSY_TIMEOUT_MS = 5000
SQLITE_SYNCHRONOUS = "NORMAL"  # see the module docstring
_WRITE_RETRIES = 6
# pg_advisory_xact_lock key for migrations: any constant shared by every process of this app.
_MIGRATION_LOCK_KEY = 0x1A7E_5100
_WRITE_OPTION = "interview_sim_write"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"

T = TypeVar("T")


# Errors -------------------------------------------------------------------------------------------


class StoreError(Exception):
    """Base class of the store's errors; each message says what to do about it."""


class StoreConfigError(StoreError):
    """The database URL or data folder cannot be used."""


class StoreUnavailable(StoreError):
    """The database cannot take a read or a write right now: read-only, full, missing, away or busy.

    ``kind`` is one of ``read-only``, ``full``, ``missing``, ``away``, ``busy``, ``error``; ``str(e)`` says what
    happened in plain words that may be shown to a trainee (no SQL, no names, no URL); the driver's error is the
    ``__cause__``, for the server log only.
    """

    PLAIN = {
        "read-only": "The database is read-only, so nothing new can be saved to it.",
        "full": "The disk that holds the database is full.",
        "missing": "The database file cannot be opened (its folder is missing or not accessible).",
        "away": "The database server is not answering.",
        "busy": "The database stayed busy with other writes.",
        "error": "The database reported an error.",
    }

    def __init__(self, kind: str, detail: str = "") -> None:
        self.kind = kind if kind in self.PLAIN else "error"
        self.detail = detail  # for logs: may hold the driver's message
        super().__init__(self.PLAIN[self.kind])


class StoreBusy(StoreUnavailable):
    """The database stayed locked by another writer through every retry."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("busy", detail)


class UnknownSession(StoreError, LookupError):
    def __init__(self, session_id: str, detail: str = "") -> None:
        self.session_id = session_id
        super().__init__(
            detail or f"no session {session_id!r} in the store (`interview-sim sessions list` shows the ids)"
        )


class UnknownTurn(StoreError, LookupError):
    pass


class AccessDenied(StoreError, PermissionError):
    """A trainee asked for a session that belongs to another trainee."""

    def __init__(self, session_id: str, trainee: str) -> None:
        self.session_id = session_id
        self.trainee = trainee
        # Whose session it is stays out of the message: the message may reach the trainee's screen.
        super().__init__(f"session {session_id!r} belongs to another trainee, not to {trainee!r}")


class SessionFinished(StoreError):
    pass


class TurnConflict(StoreError):
    """Another writer (a second tab, another server) got to this turn index first.

    ``stored`` is the index the next turn would get in the store now: reload the transcript and go on from it.
    """

    def __init__(self, message: str = "", *, session_id: str | None = None, index: int | None = None,
                 stored: int | None = None) -> None:
        self.session_id = session_id
        self.index = index
        self.stored = stored
        super().__init__(message or f"turn {index} of session {session_id!r} was taken by another writer")


class DuplicateImport(StoreError):
    """The same imported file is already stored: ``session_id`` is the session it was saved as."""

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__(f"this file is already saved as session {session_id!r}; open that session instead")


# Rows ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionInfo:
    """One line of the coach's session list: the header and final numbers, never the turns."""

    id: str
    trainee: str
    persona: str
    persona_name: str
    source: str
    started_at: float
    ended_at: float | None
    score: float | None
    open_share: float | None
    turns: int
    # Review state (filled by list_sessions/session_info): who marked it reviewed and when, how many coach
    # comments (on turns and on the session) and scorer flags it has.
    reviewed_by: str | None = None
    reviewed_at: float | None = None
    comments: int = 0
    flags: int = 0

    @property
    def finished(self) -> bool:
        return self.ended_at is not None

    @property
    def reviewed(self) -> bool:
        return self.reviewed_at is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# Configuration ------------------------------------------------------------------------------------


def resolve_url(url: str | URL | None = None) -> URL:
    """The database URL the store uses: ``url``, else ``$INTERVIEW_SIM_DATABASE_URL``, else the SQLite file.

    ``postgres://`` and ``postgresql://`` URLs get the psycopg 3 driver (the one the project installs).
    """
    raw = url if url is not None else (os.environ.get(DATABASE_URL_ENV) or None)
    if raw is None:
        data_dir = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
        return URL.create("sqlite", database=str(data_dir / DB_FILENAME))
    try:
        parsed = make_url(raw) if isinstance(raw, str) else raw
    except exc.ArgumentError as e:
        raise StoreConfigError(
            f"cannot parse the database URL {raw!r}: expected e.g. sqlite:///data/interview-sim.db or "
            "postgresql+psycopg://user:password@host:5432/dbname"
        ) from e
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreConfigError(
            f"unsupported database {parsed.drivername!r} in {describe_url(parsed)}: "
            "the store runs on sqlite:///PATH or postgresql+psycopg://..."
        )
    if backend == "sqlite" and (parsed.database in (None, "", ":memory:") or "memory" in str(parsed.query)):
        raise StoreConfigError(
            "an in-memory SQLite database is not supported (each thread would see its own empty database): "
            "use a file, e.g. sqlite:///tmp/interview-sim.db (tmp_path in tests)"
        )
    return parsed


def describe_url(url: str | URL) -> str:
    """The URL with its password masked, for messages."""
    return (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=True)


def alembic_config(url: str | URL | None = None):
    """An Alembic ``Config`` for the store's migrations (there is no alembic.ini)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    if url is not None:
        rendered = (make_url(url) if isinstance(url, str) else url).render_as_string(hide_password=False)
        cfg.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return cfg


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    # The driver must not open transactions on its own: the "begin" hook below emits BEGIN [IMMEDIATE].
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
        while True:
            # WAL is a property of the file: set once, every later connection finds it already on.
            try:
                mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
                if str(mode).lower() != "wal":
                    cur.execute("PRAGMA journal_mode = WAL")
                break
            except Exception as e:  # sqlite3.OperationalError: another process is creating the file
                if ("locked" not in str(e) and "busy" not in str(e)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01 + random.random() * 0.02)
        cur.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")
    finally:
        cur.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # Writers take the write lock up front: a deferred transaction that reads and then writes can fail
    # with SQLITE_BUSY at once (busy_timeout does not apply) when another writer committed in between.
    immediate = conn.get_execution_options().get(_WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _create_engine(url: URL) -> Engine:
    from sqlalchemy import create_engine

    if url.get_backend_name() == "sqlite":
        Path(url.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    # pre_ping: a pooled connection that a PostgreSQL restart killed is replaced instead of failing a turn.
    # connect_timeout: an unreachable server fails a call in seconds instead of hanging a page.
    connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


PG_CONNECT_TIMEOUT_S = 5


def _unavailable(e: BaseException) -> "StoreUnavailable | None":
    """The error as a ``StoreUnavailable`` when it means the database cannot be used now (not a bug), else None."""
    if isinstance(e, StoreUnavailable):
        return e
    if not isinstance(e, (exc.OperationalError, exc.InterfaceError, exc.InternalError)) and not (
        isinstance(e, exc.DBAPIError) and e.connection_invalidated
    ):
        if not (isinstance(e, exc.DatabaseError) and "disk" in str(getattr(e, "orig", e)).lower()):
            return None
    orig = getattr(e, "orig", e)
    message = str(orig).lower()
    sqlstate = getattr(orig, "sqlstate", None) or ""
    if "readonly" in message or "read-only" in message or "read only" in message or sqlstate == "25006":
        kind = "read-only"
    elif "full" in message or "no space" in message or sqlstate in ("53100", "53000"):
        kind = "full"
    elif "unable to open database" in message:
        kind = "missing"
    elif "locked" in message or "busy" in message:
        kind = "busy"
    elif (isinstance(e, exc.DBAPIError) and e.connection_invalidated) or sqlstate.startswith(("08", "57P")) \
            or any(w in message for w in ("connect", "connection", "server closed", "terminating", "timeout")):
        kind = "away"
    else:
        kind = "error"
    return StoreUnavailable(kind, str(orig)[:500])


def _is_transient(e: exc.DBAPIError) -> bool:
    if e.connection_invalidated:
        return True
    message = str(e.orig).lower()
    if "database is locked" in message or "database is busy" in message:
        return True
    # PostgreSQL: serialization_failure, deadlock_detected.
    return getattr(e.orig, "sqlstate", None) in ("40001", "40P01")


# Values -------------------------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    """JSON-normalise a value the same way on every backend.

    PostgreSQL refuses NUL characters and non-finite numbers, and no database takes lone surrogates (which
    ``json.loads`` can produce from an imported file): they become U+FFFD and null everywhere, so a transcript
    reads back the same from SQLite and PostgreSQL.
    """
    if isinstance(value, str):
        if "\x00" in value:
            value = value.replace("\x00", "\ufffd")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            # Joins escaped surrogate pairs into their character, replaces lone ones.
            value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(_clean(k)): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_clean(v) for v in value]
    if isinstance(value, (bool, int)) or value is None:
        return value
    if isinstance(value, Label):
        return value.value
    raise TypeError(f"cannot store a {type(value).__name__} ({value!r}): expected JSON-like data")


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _name(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} must be a non-empty name (got {value!r})")
    value = value.strip()
    if len(value) > NAME_MAX:
        raise ValueError(f"{what} must be at most {NAME_MAX} characters (got {len(value)})")
    return value


def _epoch(value: float | datetime | date | None, *, end_of_day: bool = False) -> float | None:
    """Epoch seconds; naive datetimes and dates are local time; a date as an upper bound means its whole day."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        day = value + timedelta(days=1) if end_of_day else value
        return datetime(day.year, day.month, day.day).timestamp()
    return float(value)


def _turn_values(session_id: str, turn: Turn) -> dict[str, Any]:
    if turn.speaker not in (TRAINEE, PERSONA):
        raise ValueError(f"turn {turn.index}: speaker must be {TRAINEE!r} or {PERSONA!r} (got {turn.speaker!r})")
    if not isinstance(turn.index, int) or turn.index < 0:
        raise ValueError(f"turn index must be a non-negative int (got {turn.index!r})")
    data = _clean(turn.to_dict())
    # One canonical JSON form, so a re-sent turn compares equal to the stored one.
    data = json.loads(json.dumps(data, ensure_ascii=False))
    return {
        "session_id": session_id,
        "idx": turn.index,
        "speaker": turn.speaker,
        "text": data["text"],
        "at": _number(turn.at) or 0.0,
        "start": _number(turn.start),
        "end": _number(turn.end),
        "label": data.get("label"),
        "flags": data.get("flags") or [],
        "confidence": _number(data.get("confidence")),
        "patience": _number(data.get("patience")),
        "topic": data.get("topic"),
        "insights": data.get("insights") or [],
        "contaminated": bool(data.get("contaminated")),
        "data": data,
    }


def _insert_ignore(conn: Connection, model: type, values: dict[str, Any] | list[dict[str, Any]]) -> int:
    """INSERT ... ON CONFLICT DO NOTHING; returns the number of rows inserted."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(model).on_conflict_do_nothing()
    if isinstance(values, list):
        return conn.execute(statement, values).rowcount
    # rowcount is -1 where the dialect adds RETURNING for generated keys: count the returned rows instead.
    key = next(iter(model.__table__.primary_key.columns))
    return len(conn.execute(statement.returning(key), values).all())


# The store ----------------------------------------------------------------------------------------


class Store(SQLPracticeMixin):
    """Sessions, turns and coach annotations in one database; safe to share between threads and processes.

    ``Store()`` resolves the URL (see the module docstring), creates the data folder and brings the schema to
    the newest migration. Methods that take ``trainee=`` refuse another trainee's session with ``AccessDenied``.
    """

    def __init__(self, url: str | URL | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_url(url)
        self.backend = self.url.get_backend_name()
        try:
            self._engine = _create_engine(self.url)
        except (OSError, exc.ArgumentError) as e:
            raise StoreConfigError(f"cannot open the store at {describe_url(self.url)}: {e}") from e
        # SQLite has one writer at a time: this process's writers queue here instead of polling the file lock.
        self._write_lock: threading.Lock | None = threading.Lock() if self.backend == "sqlite" else None
        if migrate:
            try:
                self.migrate()
            except BaseException:
                self._engine.dispose()
                raise

    def __repr__(self) -> str:
        return f"Store({describe_url(self.url)!r})"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    @property
    def engine(self) -> Engine:
        return self._engine

    # -- plumbing ---------------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn, conn.begin():
                yield conn
        except exc.DBAPIError as e:
            unavailable = _unavailable(e)
            if unavailable is None:
                raise
            raise unavailable from e

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction, retrying while the database is locked or the link dropped."""
        delay = 0.02
        for attempt in range(1, _WRITE_RETRIES + 1):
            try:
                with self._write_lock or nullcontext(), self._engine.connect() as conn:
                    conn.execution_options(**{_WRITE_OPTION: True})
                    with conn.begin():
                        return work(conn)
            except exc.DBAPIError as e:
                if not _is_transient(e):
                    unavailable = _unavailable(e)
                    if unavailable is None:
                        raise
                    raise unavailable from e
                if attempt == _WRITE_RETRIES:
                    unavailable = _unavailable(e)
                    if unavailable is not None and unavailable.kind != "busy":
                        raise unavailable from e
                    raise StoreBusy(
                        f"the database at {describe_url(self.url)} stayed locked through {attempt} tries: "
                        "another process holds a long write transaction, or the file is on a network drive "
                        "(SQLite needs a local disk; use PostgreSQL for shared storage)"
                    ) from e
                time.sleep(delay * (1 + random.random()))
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")  # pragma: no cover

    # Free space below which a SQLite store reports itself full before a write fails on it.
    MIN_FREE_BYTES = 2 * 1024 * 1024

    def probe(self) -> "StoreUnavailable | None":
        """Can the store take a write now? None when it can, else the ``StoreUnavailable`` saying why.

        Runs a real write (an UPDATE of the schema version row to itself) in a transaction that is rolled back:
        a read-only file, file system or PostgreSQL standby refuses it; a full disk is seen from the free space
        left next to a SQLite file; an unreachable server fails the connection. Cheap (about a millisecond).
        """
        try:
            if self.backend == "sqlite":
                import shutil

                folder = Path(self.url.database).expanduser().resolve().parent
                if shutil.disk_usage(folder).free < self.MIN_FREE_BYTES:
                    return StoreUnavailable("full", f"less than {self.MIN_FREE_BYTES} bytes free in {folder}")
            with self._write_lock or nullcontext(), self._engine.connect() as conn:
                conn.execution_options(**{_WRITE_OPTION: True})
                transaction = conn.begin()
                try:
                    conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = version_num"))
                finally:
                    transaction.rollback()
        except exc.DBAPIError as e:
            unavailable = _unavailable(e)
            if unavailable is None:
                return StoreUnavailable("error", str(getattr(e, "orig", e))[:500])
            return unavailable
        except OSError as e:
            return StoreUnavailable("missing", str(e)[:500])
        return None

    def migrate(self) -> None:
        """Upgrade the schema to the newest migration; a no-op when it is there already.

        Safe when several processes start at once: the upgrade runs under a PostgreSQL advisory lock or
        SQLite's write lock, and whoever comes second finds the schema current.
        """
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = alembic_config()
        scripts = ScriptDirectory.from_config(cfg)
        head = scripts.get_current_head()
        try:
            with self._engine.connect() as conn:
                current = MigrationContext.configure(
                    conn, opts={"version_table": VERSION_TABLE}
                ).get_current_revision()
        except exc.OperationalError as e:
            error = StoreConfigError(f"cannot connect to the store at {describe_url(self.url)}: {e.orig}")
            # "away" here means the server may come back (the app waits for it); anything else is configuration.
            error.unavailable = _unavailable(e)
            raise error from e
        if current == head:
            return
        if current is not None and current not in {s.revision for s in scripts.walk_revisions()}:
            raise StoreConfigError(
                f"the database at {describe_url(self.url)} is at schema revision {current!r}, which this version "
                "of interview-sim does not know: a newer version upgraded it. Upgrade interview-sim."
            )

        def upgrade(conn: Connection) -> None:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

        self._write(upgrade)

    def _session_owner(self, conn: Connection, session_id: str, trainee: str | None,
                       viewer: Viewer | None = None) -> Any:
        row = conn.execute(
            select(SessionRow.id, SessionRow.ended_at, SessionRow.source, TraineeRow.name.label("trainee"),
                   TraineeRow.team.label("team"))
            .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
            .where(SessionRow.id == session_id)
        ).first()
        if row is None:
            raise UnknownSession(session_id)
        if trainee is not None and row.trainee != trainee.strip():
            raise AccessDenied(session_id, trainee)
        if viewer is not None and not viewer.can_see(row.trainee, row.team):
            raise AccessDenied(session_id, viewer.name)
        return row

    @staticmethod
    def _trainee_id(conn: Connection, name: str) -> int:
        found = conn.scalar(select(TraineeRow.id).where(TraineeRow.name == name))
        if found is None:
            _insert_ignore(conn, TraineeRow, {"name": name, "created_at": time.time()})
            found = conn.scalar(select(TraineeRow.id).where(TraineeRow.name == name))
        return found

    # -- recording an interview -----------------------------------------------------------------------

    def start_session(self, trainee: str, transcript: Transcript, *, content_hash: str | None = None) -> str:
        """Store a new session with the turns already in ``transcript`` (e.g. the opening line); returns its id.

        An imported transcript that has ``ended_at`` is stored as finished. ``content_hash`` (the imported
        file's SHA-256) is kept once: saving the same file again raises ``DuplicateImport`` with the session
        it was saved as, whichever tab or server process saved it first.
        """
        name = _name(trainee, "trainee")
        if transcript.trainee not in (None, "", name):
            raise ValueError(
                f"the transcript says its trainee is {transcript.trainee!r} but it is stored for {name!r}"
            )
        if transcript.source not in SOURCES:
            raise ValueError(f"source must be one of {', '.join(SOURCES)} (got {transcript.source!r})")
        persona_id = str(transcript.persona_id or "")
        if not persona_id or len(persona_id) > PERSONA_ID_MAX:
            raise ValueError(f"persona_id must be 1 to {PERSONA_ID_MAX} characters (got {persona_id!r})")
        for position, turn in enumerate(transcript.turns):
            if turn.index != position:
                raise ValueError(
                    f"turn at position {position} has index {turn.index}: add turns with Transcript.add(), "
                    "which numbers them"
                )
        session_id = uuid.uuid4().hex
        turns = [_turn_values(session_id, t) for t in transcript.turns]
        now = time.time()
        header = _clean(
            {
                "language": transcript.language,
                "seed": transcript.seed,
                "insight_catalog": list(transcript.insight_catalog),
            }
        )
        values = {
            "id": session_id,
            "persona_id": persona_id,
            "persona_name": _clean(transcript.persona_name or ""),
            "source": transcript.source,
            "started_at": now if _number(transcript.started_at) is None else _number(transcript.started_at),
            "ended_at": _number(transcript.ended_at),
            "updated_at": now,
            "turn_count": len(turns),
            "header": header,
            "content_hash": content_hash or None,
        }

        def work(conn: Connection) -> str:
            values["trainee_id"] = self._trainee_id(conn, name)
            self._refuse_duplicate(conn, content_hash, session_id)
            # Ignoring conflicts makes a retry after a dropped connection harmless.
            if not _insert_ignore(conn, SessionRow, values):
                self._refuse_duplicate(conn, content_hash, session_id)  # saved by another process meanwhile
            if turns:
                _insert_ignore(conn, TurnRow, turns)
            return session_id

        return self._write(work)

    def add_turn(self, session_id: str, turn: Turn, *, trainee: str | None = None) -> None:
        """Commit one turn at its ``turn.index``, which must be the next one. Sending the same turn again is a no-op.

        Optimistic concurrency on the turn index: the turn goes in only as the next turn of the stored session
        (one past the last stored index). A different turn already at that index, or an index past the next one,
        raises ``TurnConflict`` (another tab or server wrote first; ``e.stored`` is the next index now), so two
        writers can never interleave or leave a gap. Raises ``SessionFinished`` after ``finish_session``,
        ``AccessDenied`` when ``trainee`` is given and the session is someone else's, ``StoreUnavailable`` when
        the database cannot take the write (read-only, full, away).
        """
        values = _turn_values(session_id, turn)

        def work(conn: Connection) -> None:
            if conn.dialect.name == "postgresql":
                # One writer per session at a time: the next index is read and taken under the session row's lock.
                conn.execute(select(SessionRow.id).where(SessionRow.id == session_id).with_for_update())
            row = self._session_owner(conn, session_id, trainee)
            if row.ended_at is not None:
                raise SessionFinished(f"session {session_id!r} is finished; start a new session to go on")
            last = conn.scalar(select(func.max(TurnRow.idx)).where(TurnRow.session_id == session_id))
            next_index = 0 if last is None else last + 1
            if turn.index > next_index:
                raise TurnConflict(
                    f"session {session_id!r}: turn {turn.index} would leave a gap after turn {next_index - 1}; "
                    "reload the transcript and go on from it",
                    session_id=session_id, index=turn.index, stored=next_index,
                )
            if turn.index == next_index and _insert_ignore(conn, TurnRow, values):
                conn.execute(
                    update(SessionRow)
                    .where(SessionRow.id == session_id)
                    .values(turn_count=SessionRow.turn_count + 1, updated_at=time.time())
                )
                return
            stored = conn.scalar(
                select(TurnRow.data).where(TurnRow.session_id == session_id, TurnRow.idx == turn.index)
            )
            if stored != values["data"]:
                raise TurnConflict(
                    f"session {session_id!r} already has a different turn {turn.index} (another tab or server "
                    "wrote first); reload the transcript and go on from it",
                    session_id=session_id, index=turn.index, stored=next_index,
                )

        self._write(work)

    def finish_session(
        self,
        session_id: str,
        metrics: dict[str, Any] | None = None,
        *,
        ended_at: float | datetime | None = None,
        trainee: str | None = None,
    ) -> None:
        """Mark the session finished (at ``ended_at``, default now) and record its final metrics.

        Calling it again replaces the metrics (e.g. after re-scoring) and keeps the first end time unless
        ``ended_at`` is given. ``open_share`` and ``insights_uncovered`` are derived from the stored turns
        when ``metrics`` lacks them.
        """
        metrics = _clean(dict(metrics)) if metrics else None
        score = _number((metrics or {}).get("score"))
        open_share = _number((metrics or {}).get("open_share"))
        uncovered = (metrics or {}).get("insights_uncovered")
        uncovered = [str(i) for i in uncovered] if isinstance(uncovered, list) else None
        end = _epoch(ended_at)

        def work(conn: Connection) -> None:
            nonlocal open_share, uncovered
            row = self._session_owner(conn, session_id, trainee)
            if open_share is None:
                counts = dict(
                    conn.execute(
                        select(TurnRow.label, func.count())
                        .where(TurnRow.session_id == session_id, TurnRow.speaker == TRAINEE)
                        .group_by(TurnRow.label)
                    ).all()
                )
                questions = sum(counts.get(label.value, 0) for label in QUESTION_LABELS)
                open_share = counts.get(Label.OPEN.value, 0) / questions if questions else None
            if uncovered is None:
                found: dict[str, None] = {}
                for insights in conn.scalars(
                    select(TurnRow.insights)
                    .where(TurnRow.session_id == session_id, TurnRow.speaker == PERSONA)
                    .order_by(TurnRow.idx)
                ):
                    found.update(dict.fromkeys(str(i) for i in insights or []))
                uncovered = list(found)
            now = time.time()
            conn.execute(
                update(SessionRow)
                .where(SessionRow.id == session_id)
                .values(
                    ended_at=end if end is not None else (row.ended_at if row.ended_at is not None else now),
                    score=score,
                    open_share=open_share,
                    metrics=metrics,
                    insights_uncovered=uncovered,
                    updated_at=now,
                )
            )

        self._write(work)

    def open_session(self, trainee: str, persona_id: str | None = None) -> str | None:
        """The trainee's most recently active unfinished practice session (to resume after a reload), or None."""
        query = (
            select(SessionRow.id)
            .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
            .where(TraineeRow.name == trainee.strip(), SessionRow.ended_at.is_(None), SessionRow.source == "practice")
            .order_by(SessionRow.updated_at.desc(), SessionRow.id)
            .limit(1)
        )
        if persona_id is not None:
            query = query.where(SessionRow.persona_id == persona_id)
        with self._read() as conn:
            return conn.scalar(query)

    # -- reading ----------------------------------------------------------------------------------

    def load(self, session_id: str, trainee: str | None = None, *, viewer: Viewer | None = None) -> Transcript:
        """The session as a ``Transcript``, every turn as it was recorded."""
        with self._read() as conn:
            self._session_owner(conn, session_id, trainee, viewer)
            session = conn.execute(
                select(
                    SessionRow.persona_id, SessionRow.persona_name, SessionRow.source, SessionRow.started_at,
                    SessionRow.ended_at, SessionRow.header, TraineeRow.name.label("trainee"),
                )
                .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
                .where(SessionRow.id == session_id)
            ).one()
            turns = conn.scalars(
                select(TurnRow.data).where(TurnRow.session_id == session_id).order_by(TurnRow.idx)
            ).all()
        header = session.header or {}
        transcript = Transcript(
            persona_id=session.persona_id,
            persona_name=session.persona_name,
            language=header.get("language", "en"),
            seed=header.get("seed", 0),
            trainee=session.trainee,
            source=session.source,
            started_at=session.started_at,
            ended_at=session.ended_at,
            insight_catalog=list(header.get("insight_catalog") or []),
        )
        transcript.turns = [Turn.from_dict(data) for data in turns]
        return transcript

    def session_info(self, session_id: str, trainee: str | None = None, *,
                     viewer: Viewer | None = None) -> SessionInfo:
        with self._read() as conn:
            self._session_owner(conn, session_id, trainee, viewer)
        rows, _ = self._sessions(ids=[session_id], limit=1)
        if not rows:
            raise UnknownSession(session_id)
        return rows[0]

    def metrics(self, session_id: str, trainee: str | None = None, *,
                viewer: Viewer | None = None) -> dict[str, Any] | None:
        """The final metrics given to ``finish_session``, or None while the session is open."""
        with self._read() as conn:
            self._session_owner(conn, session_id, trainee, viewer)
            return conn.scalar(select(SessionRow.metrics).where(SessionRow.id == session_id))

    def find_session(self, prefix: str) -> str:
        """The full id of the one session whose id starts with ``prefix`` (at least 4 characters)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 4 or not all(c in "0123456789abcdef" for c in prefix):
            raise UnknownSession(prefix, f"no session {prefix!r}: a session id is 4 to 32 hex digits")
        with self._read() as conn:
            ids = conn.scalars(
                select(SessionRow.id).where(SessionRow.id.startswith(prefix, autoescape=True)).limit(2)
            ).all()
        if not ids:
            raise UnknownSession(prefix)
        if len(ids) > 1:
            raise UnknownSession(prefix, f"session id prefix {prefix!r} is ambiguous: give more of the id")
        return ids[0]

    def list_sessions(
        self,
        *,
        trainee: str | None = None,
        persona: str | None = None,
        source: str | None = None,
        since: float | datetime | date | None = None,
        until: float | datetime | date | None = None,
        min_score: float | None = None,
        max_score: float | None = None,
        finished: bool | None = None,
        reviewed: bool | None = None,
        sort: str = "started_at",
        descending: bool = True,
        limit: int = 50,
        offset: int = 0,
        viewer: Viewer | None = None,
    ) -> tuple[list[SessionInfo], int]:
        """One page of sessions matching every filter given, and how many match in all. Never loads turns.

        ``since``/``until`` bound the start time (inclusive; a date as ``until`` includes that whole day).
        A score bound leaves out unscored sessions. Sessions without a value for the sort key come last.
        ``viewer`` limits the list to the sessions they may see (a trainee's own, a coach's team's).
        """
        if sort not in SORT_KEYS:
            raise ValueError(f"sort must be one of {', '.join(SORT_KEYS)} (got {sort!r})")
        if limit < 1 or offset < 0:
            raise ValueError(f"limit must be >= 1 and offset >= 0 (got limit={limit}, offset={offset})")
        return self._sessions(
            trainee=trainee, persona=persona, source=source, since=_epoch(since),
            until=_epoch(until, end_of_day=True), min_score=min_score, max_score=max_score,
            finished=finished, sort=sort, descending=descending, limit=limit, offset=offset, count=True,
            reviewed=reviewed, viewer=viewer,
        )

    def _sessions(self, *, ids: list[str] | None = None, trainee: str | None = None, persona: str | None = None,
                  source: str | None = None, since: float | None = None, until: float | None = None,
                  min_score: float | None = None, max_score: float | None = None, finished: bool | None = None,
                  sort: str = "started_at", descending: bool = True, limit: int = 50, offset: int = 0,
                  count: bool = False, reviewed: bool | None = None,
                  viewer: Viewer | None = None) -> tuple[list[SessionInfo], int]:
        conditions = self._viewer_conditions(viewer)
        if reviewed is not None:
            conditions.append(SessionRow.reviewed_at.is_not(None) if reviewed else SessionRow.reviewed_at.is_(None))
        if ids is not None:
            conditions.append(SessionRow.id.in_(ids))
        if trainee is not None:
            conditions.append(TraineeRow.name == trainee.strip())
        if persona is not None:
            conditions.append(SessionRow.persona_id == persona)
        if source is not None:
            conditions.append(SessionRow.source == source)
        if since is not None:
            conditions.append(SessionRow.started_at >= since)
        if until is not None:
            conditions.append(SessionRow.started_at <= until)
        if min_score is not None:
            conditions.append(SessionRow.score >= min_score)
        if max_score is not None:
            conditions.append(SessionRow.score <= max_score)
        if finished is not None:
            conditions.append(SessionRow.ended_at.is_not(None) if finished else SessionRow.ended_at.is_(None))
        column = {
            "started_at": SessionRow.started_at,
            "ended_at": SessionRow.ended_at,
            "score": SessionRow.score,
            "open_share": SessionRow.open_share,
            "turns": SessionRow.turn_count,
            "trainee": TraineeRow.name,
            "persona": SessionRow.persona_id,
        }[sort]
        order = [] if sort in ("started_at", "turns", "trainee", "persona") else [column.is_(None)]
        order += [column.desc(), SessionRow.id.desc()] if descending else [column.asc(), SessionRow.id.asc()]
        query = (
            select(
                SessionRow.id, TraineeRow.name, SessionRow.persona_id, SessionRow.persona_name,
                SessionRow.source, SessionRow.started_at, SessionRow.ended_at, SessionRow.score,
                SessionRow.open_share, SessionRow.turn_count, SessionRow.reviewed_by, SessionRow.reviewed_at,
            )
            .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
            .where(*conditions)
            .order_by(*order)
            .limit(limit)
            .offset(offset)
        )
        with self._read() as conn:
            rows = [SessionInfo(*row) for row in conn.execute(query)]
            rows = self._with_review_counts(conn, rows)
            total = len(rows)
            if count:
                total = conn.scalar(
                    select(func.count())
                    .select_from(SessionRow)
                    .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
                    .where(*conditions)
                )
        return rows, total

    # -- coach annotations --------------------------------------------------------------------------

    def annotate(
        self,
        session_id: str,
        turn_index: int,
        coach: str,
        *,
        label: str | Label | None = None,
        comment: str | None = None,
        confirm: bool = False,
        viewer: Viewer | None = None,
    ) -> None:
        """Record ``coach``'s current verdict on one turn: a label override, a confirm, and/or a comment.

        Each call states the whole verdict and is kept as a new version (the newest wins); a call with none of
        ``label``/``comment``/``confirm`` withdraws the coach's verdict. The scorer's label is never changed.
        Giving the scorer's own label counts as a confirm. Labels and confirms are for interviewer turns only
        (not silences); comments go on any turn.
        """
        coach = _name(coach, "coach")
        if isinstance(label, Label):
            label = label.value
        if label is not None and label not in COACH_LABELS:
            raise ValueError(f"unknown label {label!r} (expected one of: {', '.join(COACH_LABELS)})")
        comment = _clean(comment.strip()) if isinstance(comment, str) and comment.strip() else None

        def work(conn: Connection) -> None:
            turn = conn.execute(
                select(TurnRow.speaker, TurnRow.label).where(
                    TurnRow.session_id == session_id, TurnRow.idx == turn_index
                )
            ).first()
            self._session_owner(conn, session_id, None, viewer)
            if turn is None:
                raise UnknownTurn(f"session {session_id!r} has no turn {turn_index}")
            coach_label, confirmed = label, bool(confirm)
            if label is not None or confirm:
                if turn.speaker != TRAINEE or turn.label == Label.SILENCE.value:
                    kind = "a silence" if turn.speaker == TRAINEE else "a persona turn"
                    raise ValueError(
                        f"turn {turn_index} is {kind}: only interviewer questions carry a label to override "
                        "or confirm (a comment is fine)"
                    )
                if confirm:
                    if turn.label is None:
                        raise ValueError(f"turn {turn_index} has no scorer label to confirm; give label= instead")
                    if label is not None and label != turn.label:
                        raise ValueError(
                            f"confirm=True agrees with the scorer's label {turn.label!r}, but label={label!r} "
                            "overrides it: pass one or the other"
                        )
                    coach_label = turn.label
                confirmed = coach_label == turn.label
            conn.execute(
                AnnotationRow.__table__.insert(),
                {
                    "session_id": session_id,
                    "turn_index": turn_index,
                    "coach": coach,
                    "label": coach_label,
                    "confirmed": confirmed,
                    "comment": comment,
                    "created_at": time.time(),
                },
            )

        self._write(work)

    def comment_session(self, session_id: str, coach: str, text: str, *, viewer: Viewer | None = None) -> None:
        """Add ``coach``'s comment on the whole session; session comments form a thread (all are kept)."""
        coach = _name(coach, "coach")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("a session comment needs some text")
        body = _clean(text.strip())

        def work(conn: Connection) -> None:
            self._session_owner(conn, session_id, None, viewer)
            conn.execute(
                SessionCommentRow.__table__.insert(),
                {"session_id": session_id, "coach": coach, "text": body, "created_at": time.time()},
            )

        self._write(work)

    def annotations(self, session_id: str, *, history: bool = False,
                    viewer: Viewer | None = None) -> dict[str, list[dict[str, Any]]]:
        """A session's coach annotations: ``{"turns": [...], "session": [...]}``.

        ``turns`` has each coach's current verdict per turn (``history=True``: every version, withdrawals
        included), ordered by turn: ``{"turn", "coach", "label", "confirmed", "comment", "scorer_label", "at"}``
        where ``label`` is the coach's label (None for a comment only). ``session`` is the comment thread:
        ``{"id", "coach", "text", "at", "edited_at"}``, oldest first, deleted comments left out (``history=True``
        adds each comment's earlier versions as ``history``). This is the ``annotations`` argument of
        ``simulator.export``.
        """
        query = (
            select(
                AnnotationRow.turn_index, AnnotationRow.coach, AnnotationRow.label, AnnotationRow.confirmed,
                AnnotationRow.comment, TurnRow.label.label("scorer_label"), AnnotationRow.created_at,
            )
            .join(TurnRow, and_(TurnRow.session_id == AnnotationRow.session_id, TurnRow.idx == AnnotationRow.turn_index))
            .where(AnnotationRow.session_id == session_id)
            .order_by(AnnotationRow.turn_index, AnnotationRow.id)
        )
        if not history:
            query = query.where(AnnotationRow.id.in_(self._latest_annotation_ids(session_id=session_id)))
        with self._read() as conn:
            self._session_owner(conn, session_id, None, viewer)
            turns = [
                {
                    "turn": r.turn_index, "coach": r.coach, "label": r.label, "confirmed": bool(r.confirmed),
                    "comment": r.comment, "scorer_label": r.scorer_label, "at": r.created_at,
                }
                for r in conn.execute(query)
            ]
            comments = [
                {"id": r.id, "coach": r.coach, "text": r.text, "at": r.created_at, "edited_at": r.edited_at,
                 **({"history": list(r.history or [])} if history else {})}
                for r in conn.execute(
                    select(SessionCommentRow.id, SessionCommentRow.coach, SessionCommentRow.text,
                           SessionCommentRow.created_at, SessionCommentRow.edited_at, SessionCommentRow.history)
                    .where(SessionCommentRow.session_id == session_id, SessionCommentRow.deleted_at.is_(None))
                    .order_by(SessionCommentRow.id)
                )
            ]
        if not history:
            turns = [t for t in turns if t["label"] is not None or t["comment"] is not None]
        return {"turns": turns, "session": comments}

    @staticmethod
    def _latest_annotation_ids(*, session_id: str | None = None, coach: str | None = None):
        query = select(func.max(AnnotationRow.id)).group_by(
            AnnotationRow.session_id, AnnotationRow.turn_index, AnnotationRow.coach
        )
        if session_id is not None:
            query = query.where(AnnotationRow.session_id == session_id)
        if coach is not None:
            query = query.where(AnnotationRow.coach == coach)
        return query

    def _coach_verdicts(self, conn: Connection, coach: str | None, viewer: Viewer | None = None) -> list[Any]:
        """Current coach labels (overrides and confirms) with the scorer's label, oldest session first."""
        return conn.execute(
            select(
                AnnotationRow.id, AnnotationRow.session_id, AnnotationRow.turn_index, AnnotationRow.coach,
                AnnotationRow.label, TurnRow.label.label("scorer_label"), TurnRow.text,
            )
            .join(TurnRow, and_(TurnRow.session_id == AnnotationRow.session_id, TurnRow.idx == AnnotationRow.turn_index))
            .join(SessionRow, SessionRow.id == AnnotationRow.session_id)
            .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
            .where(AnnotationRow.id.in_(self._latest_annotation_ids(coach=coach)), AnnotationRow.label.is_not(None),
                   *self._viewer_conditions(viewer))
            .order_by(SessionRow.started_at, AnnotationRow.session_id, AnnotationRow.turn_index, AnnotationRow.id)
        ).all()

    def agreement(self, *, coach: str | None = None, viewer: Viewer | None = None) -> dict[str, Any]:
        """Cohen's kappa between coach and scorer labels over every overridden or confirmed turn.

        Each coach's current verdict on a turn is one pair (``coach=`` keeps one coach's). Returns
        ``{"kappa", "n", "labels", "matrix", "observed", "expected"}``: ``matrix[i][j]`` counts turns the scorer
        labelled ``labels[i]`` and the coach ``labels[j]``; kappa is None when undefined (see ``cohen_kappa``).
        """
        with self._read() as conn:
            rows = self._coach_verdicts(conn, coach, viewer)
        order = [label.value for label in Label]
        return cohen_kappa(((r.scorer_label, r.label) for r in rows if r.scorer_label is not None), order=order)

    def coach_labelled_lines(self, *, coach: str | None = None,
                             viewer: Viewer | None = None) -> Iterator[dict[str, Any]]:
        """Coach-labelled turns as the JSON lines ``interview-sim classify`` reads.

        ``{"id": "<session>:<turn>", "text", "previous", "label"}``: ``previous`` is the text of the last persona
        turn before it (None at the start), ``label`` the coach's. Where several coaches labelled a turn, the
        newest verdict wins, so every id appears once.
        """
        with self._read() as conn:
            latest: dict[tuple[str, int], Any] = {}
            for row in self._coach_verdicts(conn, coach, viewer):
                key = (row.session_id, row.turn_index)
                if key not in latest or row.id > latest[key].id:
                    latest[key] = row
            by_session: dict[str, list[Any]] = {}
            for row in latest.values():
                by_session.setdefault(row.session_id, []).append(row)
            lines = []
            for session_id, rows in by_session.items():
                last = max(r.turn_index for r in rows)
                previous: dict[int, str | None] = {}
                persona_text = None
                for idx, speaker, turn_text in conn.execute(
                    select(TurnRow.idx, TurnRow.speaker, TurnRow.text)
                    .where(TurnRow.session_id == session_id, TurnRow.idx <= last)
                    .order_by(TurnRow.idx)
                ):
                    previous[idx] = persona_text
                    if speaker == PERSONA:
                        persona_text = turn_text
                for r in sorted(rows, key=lambda r: r.turn_index):
                    lines.append(
                        {"id": f"{session_id}:{r.turn_index}", "text": r.text,
                         "previous": previous.get(r.turn_index), "label": r.label}
                    )
        return iter(lines)

    # -- access, review and feedback (viewers) ---------------------------------------------------------

    @staticmethod
    def _viewer_conditions(viewer: Viewer | None) -> list[Any]:
        """WHERE conditions (on a query joined with trainees) for the sessions ``viewer`` may see."""
        if viewer is None:
            return []
        if viewer.is_coach:
            return [] if viewer.team is None else [TraineeRow.team == viewer.team]
        return [TraineeRow.name == viewer.name.strip()]

    def _refuse_duplicate(self, conn: Connection, content_hash: str | None, session_id: str) -> None:
        if not content_hash:
            return
        existing = conn.scalar(select(SessionRow.id).where(SessionRow.content_hash == content_hash))
        if existing is not None and existing != session_id:
            raise DuplicateImport(existing)

    def find_import(self, content_hash: str) -> str | None:
        """The session an imported file with this SHA-256 was saved as, or None."""
        with self._read() as conn:
            return conn.scalar(select(SessionRow.id).where(SessionRow.content_hash == content_hash))

    def _with_review_counts(self, conn: Connection, rows: list[SessionInfo]) -> list[SessionInfo]:
        """The rows with their comment counts (current turn comments + session comments) and flag counts."""
        ids = [r.id for r in rows]
        if not ids:
            return rows
        comments: Counter[str] = Counter()
        latest: dict[tuple[str, int, str], tuple[int, str | None]] = {}
        for sid, turn, coach, note_id, note in conn.execute(
            select(AnnotationRow.session_id, AnnotationRow.turn_index, AnnotationRow.coach, AnnotationRow.id,
                   AnnotationRow.comment).where(AnnotationRow.session_id.in_(ids))
        ):
            key = (sid, turn, coach)
            if key not in latest or note_id > latest[key][0]:
                latest[key] = (note_id, note)
        for (sid, _, _), (_, note) in latest.items():
            comments[sid] += note is not None
        for sid, n in conn.execute(
            select(SessionCommentRow.session_id, func.count())
            .where(SessionCommentRow.session_id.in_(ids), SessionCommentRow.deleted_at.is_(None))
            .group_by(SessionCommentRow.session_id)
        ):
            comments[sid] += n
        flags: Counter[str] = Counter()
        for sid, turn_flags in conn.execute(
            select(TurnRow.session_id, TurnRow.flags).where(TurnRow.session_id.in_(ids), TurnRow.speaker == TRAINEE)
        ):
            flags[sid] += len(turn_flags or [])
        return [
            SessionInfo(**{**asdict(r), "comments": comments[r.id], "flags": flags[r.id]}) for r in rows
        ]

    def set_trainee_team(self, name: str, team: str | None) -> None:
        """Record the team of a signed-in trainee (their coaches see their sessions); creates the trainee."""
        name = _name(name, "trainee")
        team = team.strip()[:100] if isinstance(team, str) and team.strip() else None

        def work(conn: Connection) -> None:
            trainee_id = self._trainee_id(conn, name)
            conn.execute(update(TraineeRow).where(TraineeRow.id == trainee_id).values(team=team))

        self._write(work)

    def filter_options(self, *, viewer: Viewer | None = None) -> tuple[list[str], dict[str, str]]:
        """The trainee names and ``{persona id: name}`` among the sessions ``viewer`` may see."""
        with self._read() as conn:
            trainees = list(conn.scalars(
                select(TraineeRow.name).distinct()
                .join(SessionRow, SessionRow.trainee_id == TraineeRow.id)
                .where(*self._viewer_conditions(viewer)).order_by(TraineeRow.name)))
            personas = {
                persona_id: name or persona_id
                for persona_id, name in conn.execute(
                    select(SessionRow.persona_id, func.max(SessionRow.persona_name))
                    .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
                    .where(*self._viewer_conditions(viewer))
                    .group_by(SessionRow.persona_id).order_by(SessionRow.persona_id))
            }
        return trainees, personas

    def mark_reviewed(self, session_id: str, coach: str, *, reviewed: bool = True,
                      viewer: Viewer | None = None) -> None:
        """Mark the session reviewed by ``coach`` now (``reviewed=False`` takes the mark away)."""
        coach = _name(coach, "coach")

        def work(conn: Connection) -> None:
            self._session_owner(conn, session_id, None, viewer)
            conn.execute(update(SessionRow).where(SessionRow.id == session_id).values(
                reviewed_by=coach if reviewed else None, reviewed_at=time.time() if reviewed else None))

        self._write(work)

    def _own_comment(self, conn: Connection, session_id: str, comment_id: int, coach: str,
                     viewer: Viewer | None) -> Any:
        self._session_owner(conn, session_id, None, viewer)
        row = conn.execute(
            select(SessionCommentRow.id, SessionCommentRow.coach, SessionCommentRow.text,
                   SessionCommentRow.created_at, SessionCommentRow.edited_at, SessionCommentRow.history)
            .where(SessionCommentRow.id == comment_id, SessionCommentRow.session_id == session_id,
                   SessionCommentRow.deleted_at.is_(None))
        ).first()
        if row is None:
            raise UnknownTurn(f"session {session_id!r} has no comment {comment_id}")
        if row.coach != coach:
            raise AccessDenied(session_id, coach)
        return row

    def edit_session_comment(self, session_id: str, comment_id: int, coach: str, text: str, *,
                             viewer: Viewer | None = None) -> None:
        """Replace the text of ``coach``'s own session comment; the earlier text goes into its history."""
        coach = _name(coach, "coach")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("a session comment needs some text (delete it instead)")
        body = _clean(text.strip())

        def work(conn: Connection) -> None:
            row = self._own_comment(conn, session_id, comment_id, coach, viewer)
            if row.text == body:
                return
            history = list(row.history or []) + [{"text": row.text, "at": row.edited_at or row.created_at}]
            conn.execute(update(SessionCommentRow).where(SessionCommentRow.id == comment_id).values(
                text=body, edited_at=time.time(), history=history))

        self._write(work)

    def delete_session_comment(self, session_id: str, comment_id: int, coach: str, *,
                               viewer: Viewer | None = None) -> None:
        """Delete ``coach``'s own session comment: it leaves the thread; the row and its history stay."""
        coach = _name(coach, "coach")

        def work(conn: Connection) -> None:
            self._own_comment(conn, session_id, comment_id, coach, viewer)
            conn.execute(update(SessionCommentRow).where(SessionCommentRow.id == comment_id)
                         .values(deleted_at=time.time()))

        self._write(work)

    @staticmethod
    def _new_feedback(notes: dict[str, list[dict[str, Any]]], seen: float | None) -> int:
        items = [n for n in notes["turns"] if n["label"] is not None or n["comment"] is not None]
        items += notes["session"]
        return sum(1 for n in items if seen is None or max(n["at"], n.get("edited_at") or 0) > seen)

    def feedback(self, session_id: str, *, viewer: Viewer | None = None) -> dict[str, Any]:
        """The coaches' feedback on a session for its trainee: ``annotations`` plus ``new`` (how many labels and
        comments came or changed since the trainee last read them) and ``seen_at``."""
        notes = self.annotations(session_id, viewer=viewer)
        with self._read() as conn:
            seen = conn.scalar(select(SessionRow.feedback_seen_at).where(SessionRow.id == session_id))
        return {**notes, "new": self._new_feedback(notes, seen), "seen_at": seen}

    def mark_feedback_read(self, session_id: str, *, viewer: Viewer | None = None) -> None:
        """The trainee has read the feedback: the "N new" marker goes until a coach adds or changes some."""

        def work(conn: Connection) -> None:
            self._session_owner(conn, session_id, None, viewer)
            conn.execute(update(SessionRow).where(SessionRow.id == session_id).values(feedback_seen_at=time.time()))

        self._write(work)

    def new_feedback(self, viewer: Viewer) -> dict[str, int]:
        """``{session id: new feedback count}`` over the viewer's own finished sessions that have any new."""
        with self._read() as conn:
            sessions = dict(conn.execute(
                select(SessionRow.id, SessionRow.feedback_seen_at)
                .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
                .where(TraineeRow.name == viewer.name.strip())
            ).all())
        if not sessions:
            return {}
        with self._read() as conn:
            active = set(conn.scalars(
                select(AnnotationRow.session_id).where(AnnotationRow.session_id.in_(list(sessions))).distinct()))
            active |= set(conn.scalars(
                select(SessionCommentRow.session_id).where(SessionCommentRow.session_id.in_(list(sessions)))
                .distinct()))
        out = {}
        for sid in sorted(active):
            n = self._new_feedback(self.annotations(sid), sessions[sid])
            if n:
                out[sid] = n
        return out

    def team_sessions(self, *, viewer: Viewer | None = None) -> list[dict[str, Any]]:
        """The finished sessions ``viewer`` may see, oldest first, with what the team overview needs:
        ``{"id", "trainee", "persona", "persona_name", "source", "started_at", "score", "open_share",
        "label_counts", "flag_counts", "insights_uncovered", "insight_catalog"}``."""
        with self._read() as conn:
            rows = conn.execute(
                select(SessionRow.id, TraineeRow.name, SessionRow.persona_id, SessionRow.persona_name,
                       SessionRow.source, SessionRow.started_at, SessionRow.score, SessionRow.open_share,
                       SessionRow.metrics, SessionRow.insights_uncovered, SessionRow.header)
                .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
                .where(SessionRow.ended_at.is_not(None), *self._viewer_conditions(viewer))
                .order_by(SessionRow.started_at, SessionRow.id)
            ).all()
        return [
            {"id": r.id, "trainee": r.name, "persona": r.persona_id, "persona_name": r.persona_name or r.persona_id,
             "source": r.source, "started_at": r.started_at, "score": r.score, "open_share": r.open_share,
             "label_counts": dict((r.metrics or {}).get("label_counts") or {}),
             "flag_counts": dict((r.metrics or {}).get("flag_counts") or {}),
             "insights_uncovered": list(r.insights_uncovered or []),
             "insight_catalog": [c for c in (r.header or {}).get("insight_catalog") or [] if isinstance(c, dict)]}
            for r in rows
        ]

    # -- progress -----------------------------------------------------------------------------------

    def progress(self, trainee: str, *, persona: str | None = None,
                 viewer: Viewer | None = None) -> list[dict[str, Any]]:
        """The trainee's finished sessions, oldest first, for a line chart of score and open-question share.

        ``[{"n", "session", "started_at", "persona", "source", "score", "open_share"}]``.
        """
        query = (
            select(
                SessionRow.id, SessionRow.started_at, SessionRow.persona_id, SessionRow.source,
                SessionRow.score, SessionRow.open_share,
            )
            .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
            .where(TraineeRow.name == trainee.strip(), SessionRow.ended_at.is_not(None),
                   *self._viewer_conditions(viewer))
            .order_by(SessionRow.started_at, SessionRow.id)
        )
        if persona is not None:
            query = query.where(SessionRow.persona_id == persona)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            {"n": n, "session": r.id, "started_at": r.started_at, "persona": r.persona_id, "source": r.source,
             "score": r.score, "open_share": r.open_share}
            for n, r in enumerate(rows, start=1)
        ]

    def insight_rates(self, persona_id: str, *, viewer: Viewer | None = None) -> dict[str, Any]:
        """How often each of a persona's insights was uncovered: the share of its finished sessions.

        ``{"persona", "sessions", "insights": [{"id", "finding", "found", "share"}]}``, in the order of the
        persona's insight catalog (from its latest session), then any other insight ids found.
        """
        with self._read() as conn:
            found_lists = conn.scalars(
                select(SessionRow.insights_uncovered)
                .join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
                .where(SessionRow.persona_id == persona_id, SessionRow.ended_at.is_not(None),
                       *self._viewer_conditions(viewer))
            ).all()
            header = conn.scalar(
                select(SessionRow.header)
                .where(SessionRow.persona_id == persona_id)
                .order_by(SessionRow.started_at.desc())
                .limit(1)
            )
        found = Counter(str(i) for ids in found_lists for i in set(ids or []))
        catalog = [c for c in (header or {}).get("insight_catalog") or [] if isinstance(c, dict) and "id" in c]
        known = [str(c["id"]) for c in catalog]
        findings = {str(c["id"]): c.get("finding") for c in catalog}
        ids = known + sorted(set(found) - set(known))
        n = len(found_lists)
        return {
            "persona": persona_id,
            "sessions": n,
            "insights": [
                {"id": i, "finding": findings.get(i), "found": found[i], "share": found[i] / n if n else None}
                for i in ids
            ],
        }
