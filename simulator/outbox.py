"""Turns that must not be lost while the database is away: a durable local outbox and the writer that drains it.

``TurnWriter.write(session_id, turn)`` is what a live session's ``on_turn`` calls. It returns once the turn is

- committed by the store (the usual case), or
- queued, in order, behind the session's earlier queued turns, because the store cannot take writes (read-only,
  full disk, server away): appended to the outbox file and fsync'd (durable: a restart writes it later), or, if
  even that fails (the outbox's disk is full or read-only too), held in this process's memory (``status`` says so
  and the page tells the trainee).

It raises, and the turn is not recorded, when another writer got to the session first (``TurnConflict``: a second
tab, another server; the caller reloads the stored transcript) or the session was finished elsewhere
(``SessionFinished``).

Queued turns are written once, in order, with their indexes, as soon as the store takes writes again: on the next
``write`` or ``flush`` for the session, and every few seconds from a daemon thread (``start``). After a crash or a
restart, ``recover()`` writes what an earlier process left in its outbox.

The outbox is an append-only JSON-lines file per process, ``outbox-<pid>-<random>.jsonl`` in the data folder,
locked (``flock``) while its process lives. Space for it is reserved when it opens (``posix_fallocate``), so turns
can still be saved there after the disk fills up; unused reserved space reads as NUL bytes, where reading stops.
When everything queued has reached the store the file is zeroed for reuse, and removed on a clean stop.

No streamlit here: the app and tests use it the same way.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .transcript import Turn

__all__ = ["Outbox", "TurnWriter", "WriteStatus", "OUTBOX_DIR_ENV", "default_outbox_dir"]

log = logging.getLogger(__name__)

OUTBOX_DIR_ENV = "INTERVIEW_SIM_OUTBOX_DIR"
RESERVE_BYTES = 1 << 20  # reserved ahead, so a full disk still takes about a thousand turns
PREFIX = "outbox-"
REJECTED = "outbox-rejected.jsonl"


def default_outbox_dir() -> Path:
    """``$INTERVIEW_SIM_OUTBOX_DIR``, else the data folder (``$INTERVIEW_SIM_DATA_DIR``, default ``./data``)."""
    return Path(os.environ.get(OUTBOX_DIR_ENV) or os.environ.get("INTERVIEW_SIM_DATA_DIR") or "data")


class Outbox:
    """One process's append-only, fsync'd JSON-lines file of turns waiting for the database."""

    def __init__(self, folder: str | Path, *, reserve: int = RESERVE_BYTES) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / f"{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}.jsonl"
        self._reserve = reserve
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._end = 0  # bytes of records written
        self._allocated = 0
        self._lock = threading.Lock()
        self._grow(reserve)

    def _grow(self, needed: int) -> None:
        if self._end + needed <= self._allocated:
            return
        size = max(self._allocated + self._reserve, self._end + needed)
        try:
            os.posix_fallocate(self._fd, 0, size)
            self._allocated = size
        except OSError as e:  # no room to reserve: writing past the end may still work, or fail below
            log.warning("could not reserve %d bytes for %s: %s", size, self.path, e)

    def append(self, record: dict[str, Any]) -> None:
        """Write one record and fsync it; raises OSError if it could not be made durable."""
        line = (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        with self._lock:
            self._grow(len(line))
            written = os.pwrite(self._fd, line, self._end)
            if written != len(line):
                raise OSError(f"short write to {self.path}")
            os.fsync(self._fd)
            self._end += len(line)

    def clear(self) -> None:
        """Everything in the file reached the store: zero what was written (keeping the reserved space)."""
        with self._lock:
            if self._end:
                os.pwrite(self._fd, b"\0" * self._end, 0)
                os.fsync(self._fd)
                self._end = 0

    @property
    def empty(self) -> bool:
        return self._end == 0

    def close(self) -> None:
        """Release the file; remove it when nothing in it waits (a clean stop), keep it otherwise."""
        with self._lock:
            if self._fd < 0:
                return
            if self._end == 0:
                try:
                    self.path.unlink()
                except OSError:
                    pass
            os.close(self._fd)
            self._fd = -1

    # Reading, for recovery ------------------------------------------------------------------------

    @staticmethod
    def read(path: str | Path) -> list[dict[str, Any]]:
        """The records of an outbox file, up to the first NUL byte or torn line (a write a crash cut short)."""
        data = Path(path).read_bytes().split(b"\0", 1)[0]
        records = []
        for line in data.split(b"\n"):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except ValueError:
                break
        return records

    @staticmethod
    def orphans(folder: str | Path) -> list[Path]:
        """Outbox files whose process is gone (nobody holds their lock), oldest first."""
        found = []
        folder = Path(folder)
        if not folder.is_dir():
            return found
        for path in sorted(folder.glob(f"{PREFIX}*.jsonl"), key=lambda p: p.stat().st_mtime):
            if path.name == REJECTED:
                continue
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live process owns it
            finally:
                os.close(fd)
            found.append(path)
        return found


@dataclass
class WriteStatus:
    """What waits for the database for one session (or the whole process)."""

    waiting: int = 0  # turns queued, not yet in the store
    durable: bool = True  # every queued turn is in the outbox file (False: some only in memory)
    problem: Any = None  # the StoreUnavailable that made them wait, if any
    stale: bool = False  # another writer went on with this session: reload it

    @property
    def ok(self) -> bool:
        return self.waiting == 0 and not self.stale


@dataclass
class _Queued:
    turn: Turn
    trainee: str | None
    durable: bool


class TurnWriter:
    """Writes each session's turns to ``store`` in order, queueing them while the store cannot take them."""

    def __init__(self, store: Any, outbox_dir: str | Path | None = None, *, retry_every: float = 2.0) -> None:
        self.store = store
        self.retry_every = retry_every
        self._outbox_dir = Path(outbox_dir) if outbox_dir is not None else None
        self._outbox: Outbox | None = None
        self._queues: dict[str, deque[_Queued]] = {}
        self._session_locks: dict[str, threading.Lock] = {}
        self._stale: set[str] = set()
        self._lock = threading.RLock()  # the shared dicts and the outbox
        self._problem: Any = None
        self._down_until = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def reserve(self) -> bool:
        """Open the outbox now, reserving its space while the disk still has room (the app does this at start);
        False when it cannot be opened (turns would then wait in memory only)."""
        with self._lock:
            if self._outbox is None and self._outbox_dir is not None:
                try:
                    self._outbox = Outbox(self._outbox_dir)
                except OSError as e:
                    log.error("cannot open an outbox in %s: %s", self._outbox_dir, e)
            return self._outbox is not None

    # The store's failures ---------------------------------------------------------------------------

    @staticmethod
    def _is_unavailable(e: BaseException) -> bool:
        from .store import StoreUnavailable

        return isinstance(e, (StoreUnavailable, OSError))

    @staticmethod
    def _is_stale(e: BaseException) -> bool:
        from .store import SessionFinished, TurnConflict

        return isinstance(e, (TurnConflict, SessionFinished))

    def _session_lock(self, session_id: str) -> threading.Lock:
        with self._lock:
            return self._session_locks.setdefault(session_id, threading.Lock())

    # Writing ----------------------------------------------------------------------------------------

    def write(self, session_id: str, turn: Turn, trainee: str | None = None) -> None:
        """Commit ``turn`` (numbered) or queue it behind the session's queued turns; see the module docstring."""
        with self._session_lock(session_id):
            queue = self._queues.get(session_id)
            if queue:
                self._flush_session(session_id)
                queue = self._queues.get(session_id)
            if session_id in self._stale:
                from .store import TurnConflict

                raise TurnConflict(session_id=session_id, index=turn.index)
            if queue:
                expected = queue[-1].turn.index + 1
                if turn.index != expected:
                    from .store import TurnConflict

                    raise TurnConflict(session_id=session_id, index=turn.index, stored=expected)
                self._enqueue(session_id, turn, trainee)
                return
            if time.monotonic() < self._down_until:
                self._enqueue(session_id, turn, trainee)
                return
            try:
                self.store.add_turn(session_id, turn, trainee=trainee) if trainee is not None \
                    else self.store.add_turn(session_id, turn)
            except Exception as e:
                if not self._is_unavailable(e):
                    raise
                self._went_down(e)
                self._enqueue(session_id, turn, trainee)
                return
            self._came_back()

    def _went_down(self, e: BaseException) -> None:
        with self._lock:
            if self._problem is None:
                log.warning("the store cannot take writes (%s); turns wait in the outbox: %s",
                            getattr(e, "kind", type(e).__name__), getattr(e, "detail", "") or e)
            self._problem = e
            self._down_until = time.monotonic() + self.retry_every

    def _came_back(self) -> None:
        with self._lock:
            self._down_until = 0.0
            if self._problem is not None and not any(self._queues.values()):
                log.warning("the store takes writes again; nothing waits")
                self._problem = None

    def _record(self, session_id: str, item: _Queued) -> bool:
        """Put one queued turn in the outbox; False when it could not be made durable."""
        with self._lock:
            try:
                if self._outbox is None:
                    if self._outbox_dir is None:
                        return False
                    self._outbox = Outbox(self._outbox_dir)
                self._outbox.append({"session": session_id, "trainee": item.trainee, "turn": item.turn.to_dict(),
                                     "at": time.time()})
                return True
            except OSError as e:
                log.error("could not save a waiting turn of session %s to the outbox: %s", session_id, e)
                return False

    def _enqueue(self, session_id: str, turn: Turn, trainee: str | None) -> None:
        item = _Queued(turn, trainee, durable=False)
        with self._lock:
            queue = self._queues.setdefault(session_id, deque())
            # Turns held in memory first go to the outbox before this one, so the file keeps their order.
            for earlier in queue:
                if not earlier.durable:
                    earlier.durable = self._record(session_id, earlier)
                    if not earlier.durable:
                        break
            if all(q.durable for q in queue):
                item.durable = self._record(session_id, item)
            queue.append(item)

    # Draining ---------------------------------------------------------------------------------------

    def _flush_session(self, session_id: str) -> bool:
        """Write the session's queued turns in order (its lock held); True when none waits."""
        queue = self._queues.get(session_id)
        while queue:
            if time.monotonic() < self._down_until:
                return False
            item = queue[0]
            try:
                if item.trainee is not None:
                    self.store.add_turn(session_id, item.turn, trainee=item.trainee)
                else:
                    self.store.add_turn(session_id, item.turn)
            except Exception as e:
                if self._is_unavailable(e):
                    self._went_down(e)
                    return False
                # Another writer took the session on (or it ended) while these waited: they cannot go in. Keep
                # them in a side file for an administrator and tell the page to reload.
                level = logging.WARNING if self._is_stale(e) else logging.ERROR
                log.log(level, "session %s: %d waiting turn(s) refused by the store (%s); kept in %s",
                        session_id, len(queue), e, REJECTED)
                self._reject(session_id, list(queue))
                with self._lock:
                    queue.clear()
                    self._stale.add(session_id)
                break
            with self._lock:
                queue.popleft()
        with self._lock:
            if not queue:
                self._queues.pop(session_id, None)
            self._after_drain()
        return True

    def _after_drain(self) -> None:
        if not any(self._queues.values()):
            if self._outbox is not None and not self._outbox.empty:
                try:
                    self._outbox.clear()
                except OSError as e:  # the records are written anyway: replaying them later is a no-op
                    log.warning("could not clear %s: %s", self._outbox.path, e)
            if self._problem is not None:
                log.warning("the store takes writes again; every waiting turn is written")
            self._problem = None
            self._down_until = 0.0

    def _reject(self, session_id: str, items: Iterable[_Queued]) -> None:
        folder = self._outbox_dir
        if folder is None:
            return
        try:
            with open(folder / REJECTED, "a", encoding="utf-8") as f:
                for item in items:
                    f.write(json.dumps({"session": session_id, "turn": item.turn.to_dict(), "at": time.time()},
                                       ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            log.error("could not keep refused turns of session %s: %s", session_id, e)

    def flush(self, session_id: str | None = None, *, force: bool = False) -> bool:
        """Write what waits (for one session, or all); True when nothing waits. ``force`` tries the store even
        within ``retry_every`` of its last failure."""
        if force:
            self._down_until = 0.0
        with self._lock:
            ids = [session_id] if session_id is not None else list(self._queues)
        done = True
        for sid in ids:
            if sid not in self._queues:
                continue
            with self._session_lock(sid):
                done = self._flush_session(sid) and done
        return done and not (session_id is None and any(self._queues.values()))

    def status(self, session_id: str | None = None) -> WriteStatus:
        with self._lock:
            queues = [self._queues.get(session_id) or ()] if session_id is not None else list(self._queues.values())
            items = [item for queue in queues for item in queue]
            stale = session_id in self._stale if session_id is not None else bool(self._stale)
            return WriteStatus(waiting=len(items), durable=all(i.durable for i in items),
                               problem=self._problem if items else None, stale=stale)

    def forget(self, session_id: str) -> None:
        """The page reloaded the session from the store after a conflict: stop refusing its writes."""
        with self._lock:
            self._stale.discard(session_id)

    # Recovery, background retries and a clean stop ------------------------------------------------

    def recover(self) -> int:
        """Queue the turns earlier processes left in their outbox files (then written like any queued turn, at once
        if the store takes them); returns how many were found. The orphan files are removed once copied."""
        if self._outbox_dir is None:
            return 0
        found = 0
        for path in Outbox.orphans(self._outbox_dir):
            records = Outbox.read(path)
            by_session: dict[str, dict[int, dict[str, Any]]] = {}
            for record in records:
                try:
                    turn = Turn.from_dict(record["turn"])
                    by_session.setdefault(str(record["session"]), {})[turn.index] = record
                except (KeyError, TypeError, ValueError) as e:
                    log.error("skipping an unreadable record in %s: %s", path, e)
            for sid, turns in by_session.items():
                with self._session_lock(sid):
                    queue = self._queues.get(sid)
                    queued = {q.turn.index for q in queue or ()}
                    for index in sorted(turns):
                        if index in queued:
                            continue
                        record = turns[index]
                        self._enqueue(sid, Turn.from_dict(record["turn"]), record.get("trainee"))
                        found += 1
            if by_session:
                log.warning("recovered %d waiting turn(s) from %s", sum(len(t) for t in by_session.values()), path)
            if self.status().durable:  # every copy is in this process's outbox now
                try:
                    path.unlink()
                except OSError:
                    pass
        if found:
            self.flush(force=True)
        return found

    def start(self) -> None:
        """Retry what waits every ``retry_every`` seconds from a daemon thread (never blocks the process's exit)."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="turn-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.retry_every):
            if any(self._queues.values()):
                try:
                    self.flush()
                except Exception:  # never let the retry thread die
                    log.exception("retrying waiting turns failed")

    def close(self) -> None:
        """Stop retrying; one last quick try; the outbox file stays if turns still wait (the next start writes
        them)."""
        self._stop.set()
        try:
            self.flush(force=True)
        except Exception:
            log.exception("the last flush failed; waiting turns stay in the outbox")
        with self._lock:
            if self._outbox is not None:
                if any(q.durable is False for queue in self._queues.values() for q in queue):
                    log.error("turns held only in memory are lost at this stop: the outbox could not be written")
                self._outbox.close()
                self._outbox = None
