"""Where the app keeps interviews while they happen: the SQL store, or an in-process stand-in with the same methods.

The pages use only the five methods of :class:`InterviewStore`, which are exactly those of
``simulator.store.Store``, so either implementation drops in. ``get_store()`` picks one:

- ``INTERVIEW_SIM_APP_STORE=memory`` (or a Store that cannot open its database): :class:`MemoryStore`, which
  survives a page reload but not a server restart;
- otherwise ``simulator.store.Store()`` — SQLite in ``./data`` by default, or ``INTERVIEW_SIM_DATABASE_URL``.

Every turn is written the moment the engine records it (``session.on_turn``), so a reload, a closed tab or a
server restart (SQL store) loses nothing the trainee saw.
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

from simulator.practice_store import MemoryPracticeMixin
from simulator.transcript import Transcript, Turn

__all__ = ["InterviewStore", "MemoryStore", "SessionGone", "open_store", "STORE_ENV"]

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
        with self._lock:
            entry = self._entry(session_id, None)
            turns = entry.transcript.turns
            if turn.index < len(turns):  # the same turn sent again
                return
            turns.append(copy.deepcopy(turn))
            entry.updated_at = time.time()

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


def open_store() -> tuple[InterviewStore, str | None]:
    """The store to use, and a warning to show when it is not the durable one."""
    if os.environ.get(STORE_ENV, "").lower() == "memory":
        return MemoryStore(), None
    try:
        from simulator.store import Store

        return Store(), None
    except Exception as e:  # a bad URL or an unwritable data folder must not stop practice
        log.warning("falling back to the in-memory store: %s", e)
        return MemoryStore(), (
            f"Interviews are kept in memory only, so a server restart loses them ({type(e).__name__}: {e})."
        )
