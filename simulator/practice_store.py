"""What the practice features keep: branches of a session, the discussion guide it ran with, drill attempts.

Two implementations of one set of methods, mixed into the two stores:

- :class:`SQLPracticeMixin` into ``simulator.store.Store`` (columns and table of migration 0005_branches);
- :class:`MemoryPracticeMixin` into the app's in-process ``MemoryStore``.

    sid = store.start_branch("Ana", branch_transcript, parent_id=original_sid, branch_point=3)
    store.branch_of(sid, trainee="Ana")        # {"parent_id": original_sid, "branch_point": 3}
    store.branches(original_sid, trainee="Ana")  # [{"id", "branch_point", "started_at", "ended_at", "score"}]
    store.trainee_history("Ana")                 # [(session id, Transcript)], newest first (drill material)
    store.add_drill_attempt("Ana", {...}); store.drill_attempts("Ana")
    store.set_guide(sid, {...}); store.guide(sid)

A branch's parent must exist and belong to the same trainee; another trainee's session is refused like
``load`` refuses it.
"""

from __future__ import annotations

import copy
import threading
import time
from typing import Any

from .transcript import Transcript

__all__ = ["SQLPracticeMixin", "MemoryPracticeMixin", "ATTEMPT_FIELDS", "HISTORY_LIMIT"]

ATTEMPT_FIELDS = ("source", "question", "attempt", "label", "good", "session_id", "turn_index")
HISTORY_LIMIT = 200
_TEXT_MAX = 4000


def _attempt(record: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise ValueError(f"a drill attempt is a dict with {', '.join(ATTEMPT_FIELDS)}")
    question, attempt = str(record.get("question") or "").strip(), str(record.get("attempt") or "").strip()
    if not question or not attempt:
        raise ValueError("a drill attempt needs the 'question' and the 'attempt'")
    source = str(record.get("source") or "own")
    if source not in ("own", "bank"):
        raise ValueError(f"drill attempt source must be 'own' or 'bank' (got {source!r})")
    turn = record.get("turn_index")
    return {
        "source": source,
        "question": question[:_TEXT_MAX],
        "attempt": attempt[:_TEXT_MAX],
        "label": (str(record["label"])[:20] if record.get("label") else None),
        "good": bool(record.get("good")),
        "session_id": (str(record["session_id"])[:32] if record.get("session_id") else None),
        "turn_index": int(turn) if isinstance(turn, int) and not isinstance(turn, bool) else None,
        "created_at": float(record.get("at") or time.time()),
    }


def _check_branch_point(parent: Transcript, parent_id: str, branch_point: int) -> None:
    turns = parent.turns
    if not isinstance(branch_point, int) or not (0 < branch_point < len(turns)) \
            or turns[branch_point].speaker != "trainee":
        raise ValueError(f"branch point {branch_point!r} is not a trainee turn of session {parent_id!r}")


def _guide(guide: dict[str, Any] | None) -> dict[str, Any] | None:
    if guide is None:
        return None
    if not isinstance(guide, dict) or not isinstance(guide.get("items"), list):
        raise ValueError("a guide is a dict with 'items' (a list of planned questions)")
    return copy.deepcopy(guide)


class SQLPracticeMixin:
    """Practice methods of ``simulator.store.Store``."""

    def start_branch(self, trainee: str, transcript: Transcript, *, parent_id: str, branch_point: int) -> str:
        """Store ``transcript`` (the parent's turns before ``branch_point``) as a new session branched from
        ``parent_id``; returns its id. The parent must be ``trainee``'s."""
        from sqlalchemy import update

        from .store_models import SessionRow

        parent = self.load(parent_id, trainee=trainee)  # type: ignore[attr-defined]
        _check_branch_point(parent, parent_id, branch_point)
        session_id = self.start_session(trainee, transcript)  # type: ignore[attr-defined]

        def work(conn) -> None:
            conn.execute(update(SessionRow).where(SessionRow.id == session_id)
                         .values(parent_id=parent_id, branch_point=int(branch_point)))

        self._write(work)  # type: ignore[attr-defined]
        return session_id

    def branch_of(self, session_id: str, trainee: str | None = None) -> dict[str, Any] | None:
        """{"parent_id", "branch_point"} when ``session_id`` is a branch, else None."""
        from sqlalchemy import select

        from .store_models import SessionRow

        with self._read() as conn:  # type: ignore[attr-defined]
            self._session_owner(conn, session_id, trainee)  # type: ignore[attr-defined]
            row = conn.execute(select(SessionRow.parent_id, SessionRow.branch_point)
                               .where(SessionRow.id == session_id)).one()
        if row.parent_id is None:
            return None
        return {"parent_id": row.parent_id, "branch_point": row.branch_point}

    def branches(self, session_id: str, trainee: str | None = None) -> list[dict[str, Any]]:
        """The sessions branched from ``session_id``, oldest first."""
        from sqlalchemy import select

        from .store_models import SessionRow

        with self._read() as conn:  # type: ignore[attr-defined]
            self._session_owner(conn, session_id, trainee)  # type: ignore[attr-defined]
            rows = conn.execute(
                select(SessionRow.id, SessionRow.branch_point, SessionRow.started_at, SessionRow.ended_at,
                       SessionRow.score)
                .where(SessionRow.parent_id == session_id)
                .order_by(SessionRow.started_at, SessionRow.id)
            ).all()
        return [{"id": r.id, "branch_point": r.branch_point, "started_at": r.started_at, "ended_at": r.ended_at,
                 "score": r.score} for r in rows]

    def trainee_history(self, trainee: str, *, limit: int = HISTORY_LIMIT) -> list[tuple[str, Transcript]]:
        """The trainee's practice sessions as transcripts, newest first (what the drills are made of)."""
        from sqlalchemy import select

        from .store_models import SessionRow, TraineeRow

        with self._read() as conn:  # type: ignore[attr-defined]
            ids = conn.scalars(
                select(SessionRow.id).join(TraineeRow, TraineeRow.id == SessionRow.trainee_id)
                .where(TraineeRow.name == trainee.strip(), SessionRow.source == "practice")
                .order_by(SessionRow.started_at.desc(), SessionRow.id).limit(limit)
            ).all()
        return [(sid, self.load(sid, trainee=trainee)) for sid in ids]  # type: ignore[attr-defined]

    def add_drill_attempt(self, trainee: str, record: dict[str, Any]) -> None:
        from .store_models import DrillAttemptRow

        values = _attempt(record)
        name = trainee.strip()
        if not name:
            raise ValueError("a drill attempt needs the trainee's name")

        def work(conn) -> None:
            values["trainee_id"] = self._trainee_id(conn, name)  # type: ignore[attr-defined]
            conn.execute(DrillAttemptRow.__table__.insert().values(**values))

        self._write(work)  # type: ignore[attr-defined]

    def drill_attempts(self, trainee: str) -> list[dict[str, Any]]:
        """The trainee's drill attempts, oldest first: {"at", "source", "question", "attempt", "label", "good",
        "session_id", "turn_index"}."""
        from sqlalchemy import select

        from .store_models import DrillAttemptRow, TraineeRow

        with self._read() as conn:  # type: ignore[attr-defined]
            rows = conn.execute(
                select(DrillAttemptRow).join(TraineeRow, TraineeRow.id == DrillAttemptRow.trainee_id)
                .where(TraineeRow.name == trainee.strip())
                .order_by(DrillAttemptRow.created_at, DrillAttemptRow.id)
            ).all()
        return [{"at": r.created_at, **{k: getattr(r, k) for k in ATTEMPT_FIELDS}} for r in rows]

    def set_guide(self, session_id: str, guide: dict[str, Any] | None, trainee: str | None = None) -> None:
        from sqlalchemy import update

        from .store_models import SessionRow

        value = _guide(guide)

        def work(conn) -> None:
            self._session_owner(conn, session_id, trainee)  # type: ignore[attr-defined]
            conn.execute(update(SessionRow).where(SessionRow.id == session_id).values(guide=value))

        self._write(work)  # type: ignore[attr-defined]

    def guide(self, session_id: str, trainee: str | None = None) -> dict[str, Any] | None:
        from sqlalchemy import select

        from .store_models import SessionRow

        with self._read() as conn:  # type: ignore[attr-defined]
            self._session_owner(conn, session_id, trainee)  # type: ignore[attr-defined]
            return conn.scalar(select(SessionRow.guide).where(SessionRow.id == session_id))


class MemoryPracticeMixin:
    """The same methods for the in-process store: its sessions are ``self._sessions`` (id -> entry with
    ``trainee`` and ``transcript``); branches, guides and attempts are kept beside them."""

    def _practice(self) -> dict[str, Any]:
        data = self.__dict__.get("_practice_data")
        if data is None:
            data = self.__dict__.setdefault("_practice_data", {
                "lock": threading.Lock(), "branches": {}, "guides": {}, "attempts": {}})
        return data

    def start_branch(self, trainee: str, transcript: Transcript, *, parent_id: str, branch_point: int) -> str:
        parent = self.load(parent_id, trainee=trainee)  # type: ignore[attr-defined]
        _check_branch_point(parent, parent_id, branch_point)
        session_id = self.start_session(trainee, transcript)  # type: ignore[attr-defined]
        data = self._practice()
        with data["lock"]:
            data["branches"][session_id] = {"parent_id": parent_id, "branch_point": int(branch_point)}
        return session_id

    def branch_of(self, session_id: str, trainee: str | None = None) -> dict[str, Any] | None:
        self.load(session_id, trainee=trainee)  # type: ignore[attr-defined]
        found = self._practice()["branches"].get(session_id)
        return dict(found) if found else None

    def branches(self, session_id: str, trainee: str | None = None) -> list[dict[str, Any]]:
        self.load(session_id, trainee=trainee)  # type: ignore[attr-defined]
        out = []
        for sid, link in list(self._practice()["branches"].items()):
            if link["parent_id"] != session_id:
                continue
            entry = self._sessions.get(sid)  # type: ignore[attr-defined]
            if entry is None:
                continue
            out.append({"id": sid, "branch_point": link["branch_point"], "started_at": entry.transcript.started_at,
                        "ended_at": entry.transcript.ended_at,
                        "score": (entry.metrics or {}).get("score")})
        return sorted(out, key=lambda b: (b["started_at"], b["id"]))

    def trainee_history(self, trainee: str, *, limit: int = HISTORY_LIMIT) -> list[tuple[str, Transcript]]:
        with self._lock:  # type: ignore[attr-defined]
            rows = [(entry.transcript.started_at, sid, copy.deepcopy(entry.transcript))
                    for sid, entry in self._sessions.items()  # type: ignore[attr-defined]
                    if entry.trainee == trainee.strip() and entry.transcript.source == "practice"]
        rows.sort(key=lambda r: (-r[0], r[1]))
        return [(sid, transcript) for _, sid, transcript in rows[:limit]]

    def add_drill_attempt(self, trainee: str, record: dict[str, Any]) -> None:
        values = _attempt(record)
        if not trainee.strip():
            raise ValueError("a drill attempt needs the trainee's name")
        data = self._practice()
        with data["lock"]:
            data["attempts"].setdefault(trainee.strip(), []).append(values)

    def drill_attempts(self, trainee: str) -> list[dict[str, Any]]:
        data = self._practice()
        with data["lock"]:
            rows = [dict(r) for r in data["attempts"].get(trainee.strip(), [])]
        rows.sort(key=lambda r: r["created_at"])
        return [{"at": r.pop("created_at"), **r} for r in rows]

    def set_guide(self, session_id: str, guide: dict[str, Any] | None, trainee: str | None = None) -> None:
        value = _guide(guide)
        self.load(session_id, trainee=trainee)  # type: ignore[attr-defined]
        data = self._practice()
        with data["lock"]:
            data["guides"][session_id] = value

    def guide(self, session_id: str, trainee: str | None = None) -> dict[str, Any] | None:
        self.load(session_id, trainee=trainee)  # type: ignore[attr-defined]
        return copy.deepcopy(self._practice()["guides"].get(session_id))
