"""The store's tables as SQLAlchemy 2 models; Alembic migrations in ``simulator/migrations`` build exactly these.

Times are epoch seconds (double precision), like ``Turn.at`` and ``Transcript.started_at``, so a stored
transcript reads back bit for bit. Each turn keeps its full ``Turn.to_dict()`` in ``data`` (the source of truth
when loading) plus copies of the fields queries filter or aggregate on.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "TraineeRow", "SessionRow", "TurnRow", "AnnotationRow", "SessionCommentRow", "DrillAttemptRow",
           "VERSION_TABLE"]

# Alembic's bookkeeping table; a distinct name lets the store share a PostgreSQL database with other apps.
VERSION_TABLE = "interview_sim_alembic_version"

# Stable constraint names, so later migrations can refer to (and SQLite batch mode can rebuild) them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Plain JSON (kept as text), not JSONB: JSONB rewrites numbers (5.259292339332807e+16 comes back as the int
# 52592923393328070), and nothing queries inside these documents.
Json = JSON()
SessionId = String(32)  # uuid4().hex


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: Json, list[Any]: Json, float: Double()}


class TraineeRow(Base):
    __tablename__ = "trainees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[float]
    # The team of a signed-in trainee (migration 0004): coaches with a team see that team's sessions.
    team: Mapped[str | None] = mapped_column(String(100))


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(SessionId, primary_key=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id"))
    persona_id: Mapped[str] = mapped_column(String(100))
    persona_name: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20))  # "practice" | "imported"
    started_at: Mapped[float]
    ended_at: Mapped[float | None]
    # Last write to the session: a resumed session is the most recently active open one.
    updated_at: Mapped[float]
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    # Final metrics: the whole dict, plus the numbers the coach list filters and sorts on.
    score: Mapped[float | None]
    open_share: Mapped[float | None]
    metrics: Mapped[dict[str, Any] | None]
    insights_uncovered: Mapped[list[Any] | None]
    # The rest of the transcript header: language, seed, insight_catalog.
    header: Mapped[dict[str, Any]]
    # Review and feedback (migration 0004): the SHA-256 of an imported file (one session per file), who marked
    # the session reviewed and when, and when its trainee last read the coaches' feedback.
    content_hash: Mapped[str | None] = mapped_column(String(64))
    reviewed_by: Mapped[str | None] = mapped_column(String(200))
    reviewed_at: Mapped[float | None]
    feedback_seen_at: Mapped[float | None]
    # Practice (migration 0005): a branch re-asks its parent session from the trainee turn ``branch_point``
    # (its turns before that point are the parent's); ``guide`` is the discussion guide the session was run with.
    parent_id: Mapped[str | None] = mapped_column(SessionId)
    branch_point: Mapped[int | None] = mapped_column(Integer)
    guide: Mapped[dict[str, Any] | None]

    __table_args__ = (
        Index("uq_sessions_content_hash", "content_hash", unique=True),
        Index("ix_sessions_started_at", "started_at"),
        Index("ix_sessions_trainee_started", "trainee_id", "started_at"),
        Index("ix_sessions_persona_started", "persona_id", "started_at"),
        Index("ix_sessions_score", "score"),
        Index("ix_sessions_parent_id", "parent_id"),
    )


class TurnRow(Base):
    __tablename__ = "turns"

    session_id: Mapped[str] = mapped_column(
        SessionId, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    speaker: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[float]
    start: Mapped[float | None]
    end: Mapped[float | None]
    label: Mapped[str | None] = mapped_column(String(20))  # the scorer's label, never changed by a coach
    flags: Mapped[list[Any]]
    confidence: Mapped[float | None]
    patience: Mapped[float | None]
    topic: Mapped[str | None] = mapped_column(Text)
    insights: Mapped[list[Any]]
    contaminated: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[dict[str, Any]]


class AnnotationRow(Base):
    """One version of one coach's verdict on one turn; the newest row per (turn, coach) is in effect."""

    __tablename__ = "annotations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(SessionId)
    turn_index: Mapped[int] = mapped_column(Integer)
    coach: Mapped[str] = mapped_column(String(200))
    label: Mapped[str | None] = mapped_column(String(20))  # the coach's label (overridden or confirmed)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[float]

    __table_args__ = (
        ForeignKeyConstraint(
            ["session_id", "turn_index"], ["turns.session_id", "turns.idx"], ondelete="CASCADE",
            name="fk_annotations_turn",
        ),
        Index("ix_annotations_turn_coach", "session_id", "turn_index", "coach"),
    )


class SessionCommentRow(Base):
    """A coach's comment on a whole session; comments form a thread (all kept, oldest first)."""

    __tablename__ = "session_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(SessionId, ForeignKey("sessions.id", ondelete="CASCADE"), index=True)
    coach: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[float]
    # Edits and deletions by the author (migration 0004): earlier versions in ``history`` ([{"text", "at"}]),
    # a deleted comment keeps its row (and history) with ``deleted_at`` set.
    edited_at: Mapped[float | None]
    deleted_at: Mapped[float | None]
    history: Mapped[list[Any] | None]


class DrillAttemptRow(Base):
    """One try at asking a flagged question better on the Drills page (migration 0005), graded at once."""

    __tablename__ = "drill_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id"))
    created_at: Mapped[float]
    source: Mapped[str] = mapped_column(String(20))  # "own" | "bank"
    question: Mapped[str] = mapped_column(Text)
    attempt: Mapped[str] = mapped_column(Text)
    label: Mapped[str | None] = mapped_column(String(20))
    good: Mapped[bool] = mapped_column(Boolean)
    session_id: Mapped[str | None] = mapped_column(SessionId)  # where the question was asked (own questions)
    turn_index: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_drill_attempts_trainee_created", "trainee_id", "created_at"),)
