"""The labels and flags a trainee turn can get, and the result of classifying one turn."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

__all__ = ["Label", "Flag", "Classification", "QUESTION_LABELS"]


class Label(str, Enum):
    OPEN = "open"
    CLOSED = "closed"
    LEADING = "leading"
    ECHO = "echo"
    REFLECTION = "reflection"
    STATEMENT = "statement"
    # Given by the session to an explicit "stay silent" turn, never by the classifier.
    SILENCE = "silence"


class Flag(str, Enum):
    HYPOTHETICAL = "hypothetical"
    DOUBLE_BARRELED = "double_barreled"
    PITCH = "pitch"
    FAUX_INVITATION = "faux_invitation"
    # Not interviewing at all: instructions aimed at the system, spam, repeated or look-alike text.
    OFF_TASK = "off_task"


# Labels that count as a question in the session metrics (R:Q, share of open questions).
QUESTION_LABELS = frozenset({Label.OPEN, Label.CLOSED, Label.LEADING})


@dataclass(frozen=True)
class Classification:
    """What the scorer says about one interviewer turn."""

    label: Label
    confidence: float
    reason: str
    flags: tuple[Flag, ...] = ()
    flag_reasons: dict[str, str] = field(default_factory=dict)
    # A rewrite that keeps the trainee's topic, for leading / closed / hypothetical turns.
    rewrite: str | None = None
    # Two or three alternatives that differ in technique (an open question, an echo of their words,
    # staying silent); ``rewrite`` is the first of them. An entry in parentheses is an action, not words.
    rewrites: tuple[str, ...] = ()
    # The language the classifier believed the text to be in ("en", or "other" when unsure).
    language: str = "en"

    def to_dict(self) -> dict:
        return {
            "label": self.label.value,
            "flags": [f.value for f in self.flags],
            "confidence": round(float(self.confidence), 3),
            "reason": self.reason,
            "flag_reasons": dict(self.flag_reasons),
            "rewrite": self.rewrite,
            "rewrites": list(self.rewrites),
            "language": self.language,
        }
