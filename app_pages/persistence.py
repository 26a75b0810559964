"""Where the app keeps interviews while they happen: the SQL store, or an in-process stand-in with the same methods.

The pages use only the five methods of :class:`InterviewStore`, which are exactly those of
``simulator.store.Store``, so either implementation drops in. ``get_store()`` picks one:

- ``INTERVIEW_SIM_APP_STORE=memory`` (or a Store that cannot open its database): :class:`MemoryStore`, which
  survives a page reload but not a server restart;
- otherwise ``simulator.store.Store()`` — SQLite in ``./data`` by default, or ``INTERVIEW_SIM_DATABASE_URL``.

Every turn is committed before it joins the live transcript (``session.on_turn`` -> :func:`writer_for`'s
``TurnWriter.write``), so a reload, a closed tab or a server restart (SQL store) loses nothing the trainee saw.
While the database cannot take writes (read-only, full, away) the turns wait in a durable local outbox and are
written in order when it is back; :func:`problem` and ``TurnWriter.status`` tell the pages what to say.

Both stores refuse a turn whose index is not the session's next one (``TurnConflict``): a second tab on the same
interview is refreshed from the stored transcript instead of interleaving two conversations.
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Protocol

from simulator import i18n as core
from simulator.i18n import N_
from simulator.practice_store import MemoryPracticeMixin
from simulator.outbox import TurnWriter, default_outbox_dir
from simulator.store import SessionFinished, StoreConfigError, StoreUnavailable, TurnConflict
from simulator.transcript import Transcript, Turn

__all__ = ["InterviewStore", "MemoryStore", "SessionGone", "open_store", "STORE_ENV", "ReconnectingStore",
           "AppStore", "writer_for", "problem", "friendly", "StoreUnavailable", "TurnConflict", "SessionFinished"]

STORE_ENV = "INTERVIEW_SIM_APP_STORE"
log = logging.getLogger(__name__)


class SessionGone(LookupError):
    """The session in the URL is unknown here, or belongs to someone else."""


class InterviewStore(Protocol):
    """What the app needs from a store (a subset of ``simulator.store.Store``)."""

    def start_session(self, trainee: str, transcript: Transcript) -> str: ...

    def add_turn(self, session_id: str, turn: Turn) -> None: ...

    def finish_session(self, session_id: str, metrics: dict[str, Any] | None = None) -> None: ...

    def open_session(self, trainee: str, persona_id: str | None = None) -> str | None: ...

    def load(self, session_id: str, trainee: str | None = None) -> Transcript: ...


@dataclass
class _Entry:
    trainee: str
    transcript: Transcript
    updated_at: float = field(default_factory=time.time)
    metrics: dict[str, Any] | None = None


class MemoryStore(MemoryPracticeMixin):
    """Interviews kept in this server process, keyed by session id; safe to share between browser sessions.

    It copies what it is given and what it hands out, like a database would, so two tabs never share a
    transcript object.
    """

    def __init__(self) -> None:
        self._sessions: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def start_session(self, trainee: str, transcript: Transcript) -> str:
        session_id = uuid.uuid4().hex
        with self._lock:
            self._sessions[session_id] = _Entry(trainee.strip(), copy.deepcopy(transcript))
        return session_id

    def add_turn(self, session_id: str, turn: Turn) -> None:
        """Like ``Store.add_turn``: only the next index goes in; the same turn again is a no-op; anything else is a
        ``TurnConflict``."""
        with self._lock:
            entry = self._entry(session_id, None)
            if entry.transcript.ended_at is not None:
                raise SessionFinished(f"session {session_id!r} is finished")
            turns = entry.transcript.turns
            next_index = entry.transcript.next_index
            if turn.index < next_index:
                same = next((t for t in turns if t.index == turn.index), None)
                if same is not None and same.to_dict() == turn.to_dict():
                    return  # the same turn sent again
                raise TurnConflict(session_id=session_id, index=turn.index, stored=next_index)
            if turn.index > next_index:
                raise TurnConflict(session_id=session_id, index=turn.index, stored=next_index)
            turns.append(copy.deepcopy(turn))
            entry.updated_at = time.time()

    def probe(self) -> StoreUnavailable | None:
        return None

    def finish_session(self, session_id: str, metrics: dict[str, Any] | None = None) -> None:
        with self._lock:
            entry = self._entry(session_id, None)
            if entry.transcript.ended_at is None:
                entry.transcript.ended_at = time.time()
            entry.metrics = copy.deepcopy(metrics)
            entry.updated_at = time.time()

    def open_session(self, trainee: str, persona_id: str | None = None) -> str | None:
        with self._lock:
            candidates = [
                (entry.updated_at, sid)
                for sid, entry in self._sessions.items()
                if entry.trainee == trainee.strip()
                and entry.transcript.ended_at is None
                and (persona_id is None or entry.transcript.persona_id == persona_id)
            ]
        return max(candidates)[1] if candidates else None

    def load(self, session_id: str, trainee: str | None = None) -> Transcript:
        with self._lock:
            return copy.deepcopy(self._entry(session_id, trainee).transcript)

    def _entry(self, session_id: str, trainee: str | None) -> _Entry:
        entry = self._sessions.get(session_id)
        if entry is None or (trainee is not None and entry.trainee != trainee.strip()):
            raise SessionGone(f"no session {session_id!r} for this trainee")
        return entry


class ReconnectingStore:
    """A SQL store whose database was away when the server started: it connects on first use, tries again at most
    every ``retry_every`` seconds, and until then every call raises ``StoreUnavailable("away")``."""

    def __init__(self, url: Any = None, *, retry_every: float = 5.0) -> None:
        self._url = url
        self._store: Any = None
        self._retry_every = retry_every
        self._next_try = 0.0
        self._lock = threading.Lock()

    def _get(self) -> Any:
        if self._store is not None:
            return self._store
        with self._lock:
            if self._store is None:
                if time.monotonic() < self._next_try:
                    raise StoreUnavailable("away", "still unreachable since the last try")
                from simulator.store import Store

                try:
                    self._store = Store(self._url)
                except StoreConfigError as e:
                    self._next_try = time.monotonic() + self._retry_every
                    raise StoreUnavailable("away", str(e)) from e
                log.warning("the database is reachable again")
        return self._store

    def probe(self) -> StoreUnavailable | None:
        try:
            return self._get().probe()
        except StoreUnavailable as e:
            return e

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._store is not None:
            return getattr(self._store, name)
        from simulator.store import Store

        if not callable(getattr(Store, name, None)):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:  # looked up now, connected (or refused) when called
            return getattr(self._get(), name)(*args, **kwargs)

        return call


class AppStore:
    """What the pages hold: the store, where a failed look-up for an interview to resume is "none" (the gallery
    still shows every persona while the database is away); every other call goes to the store unchanged."""

    def __init__(self, store: Any) -> None:
        self.inner = store

    def open_session(self, trainee: str, persona_id: str | None = None) -> str | None:
        try:
            return self.inner.open_session(trainee, persona_id)
        except StoreUnavailable as e:
            log.warning("looking up an open interview failed: %s (%s)", e, e.detail)
            return None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.inner, name)


MEMORY_ONLY = ("Interviews are kept in this server's memory only, so a server restart loses them: the database "
               "could not be opened (the server log says why).")


def open_store() -> tuple[InterviewStore, str | None]:
    """The store to use, and a warning to show when it is not the durable one (details go to the log only)."""
    if os.environ.get(STORE_ENV, "").lower() == "memory":
        return MemoryStore(), None
    try:
        from simulator.store import Store

        return Store(), None
    except StoreConfigError as e:
        unavailable = getattr(e, "unavailable", None)
        if unavailable is not None and unavailable.kind == "away":
            # The server is down or restarting: keep the durable store and connect when it is back.
            log.warning("the database is not reachable at start; retrying on use: %s", e)
            return ReconnectingStore(), None
        log.warning("falling back to the in-memory store: %s", e)
        return MemoryStore(), MEMORY_ONLY
    except Exception as e:  # a bad URL or an unwritable data folder must not stop practice
        log.warning("falling back to the in-memory store: %s", e, exc_info=True)
        return MemoryStore(), MEMORY_ONLY


# Writers and health, one per store object (the process's store, or one a test injects) ------------

_writers: dict[int, tuple[Any, TurnWriter]] = {}
_health: dict[int, tuple[float, StoreUnavailable | None]] = {}
_registry_lock = threading.Lock()
HEALTH_TTL = 5.0


def _unwrap(store: Any) -> Any:
    return store.inner if isinstance(store, AppStore) else store


def writer_for(store: Any, *, outbox_dir: Any = None, background: bool = True) -> TurnWriter:
    """The ``TurnWriter`` of ``store`` (made on first use): the SQL store's queues in the outbox under the data
    folder (and writes back what an earlier process left there); the in-memory store's in memory."""
    store = _unwrap(store)
    with _registry_lock:
        found = _writers.get(id(store))
        if found is not None and found[0] is store:
            return found[1]
        if outbox_dir is None and not isinstance(store, MemoryStore):
            outbox_dir = default_outbox_dir()
        writer = TurnWriter(store, outbox_dir)
        _writers[id(store)] = (store, writer)
    if outbox_dir is not None:
        try:
            writer.recover()
        except Exception:  # an unreadable outbox must not stop practice; it stays for the next start
            log.exception("writing back turns left in the outbox failed")
    if background:
        writer.start()
    return writer


def close_writers() -> None:
    """At shutdown: one last try to write what waits; the rest stays in the outbox for the next start."""
    with _registry_lock:
        writers = [w for _, w in _writers.values()]
    for writer in writers:
        writer.close()


def problem(store: Any, *, fresh: bool = False) -> StoreUnavailable | None:
    """Why the store cannot take writes now (read-only, full, away), or None; probed at most every few seconds."""
    store = _unwrap(store)
    now = time.monotonic()
    with _registry_lock:
        cached = _health.get(id(store))
    if cached is not None and not fresh and now - cached[0] < HEALTH_TTL:
        return cached[1]
    probe = getattr(store, "probe", None)
    try:
        result = probe() if probe is not None else None
    except Exception as e:  # a probe must never take a page down
        log.exception("probing the store failed")
        result = StoreUnavailable("error", str(e))
    if result is not None:
        log.warning("store problem: %s (%s)", result, result.detail)
    with _registry_lock:
        _health[id(store)] = (now, result)
    return result


# StoreUnavailable.PLAIN, in the catalogue: what the page says about each kind of outage.
UNAVAILABLE = {
    "read-only": N_("The database is read-only, so nothing new can be saved to it."),
    "full": N_("The disk that holds the database is full."),
    "missing": N_("The database file cannot be opened (its folder is missing or not accessible)."),
    "away": N_("The database server is not answering."),
    "busy": N_("The database stayed busy with other writes."),
    "error": N_("The database reported an error."),
}


def friendly(e: BaseException, language: str | None = None) -> str:
    """A failure in plain words for the page, in the interface ``language`` (default: this session's); the details
    (SQL, names, paths) belong in the server log only."""
    if language is None:
        from app_pages.i18n import current  # the page's language; imported here, this module has no Streamlit

        language = current()
    _ = core.translator(language)
    if isinstance(e, StoreUnavailable):
        said = _(UNAVAILABLE[e.kind]) if e.kind in UNAVAILABLE else str(e)
        return said + " " + _("Your interview so far is safe; the server will save new turns as soon as it can.")
    if isinstance(e, (TurnConflict, SessionFinished)):
        return _("This interview went on in another tab or window.")
    if isinstance(e, SessionGone):
        return _("That interview is not available to you.")
    return _("Something went wrong on the server (the details are in its log). Your interview so far is saved.")
