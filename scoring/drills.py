"""Drills from a trainee's own mistakes: their leading, closed and hypothetical questions, to be asked better.

    items = collect_drills(transcripts)                 # the trainee's flagged questions, newest first
    items = items or load_bank()                        # the team's weak questions when they have none
    grade = grade_attempt(items[0], "How do you decide…?", classifier)
    grade.good, grade.checks, grade.hint               # graded at once; the scorer's rewrite as the hint

An attempt is good when the scorer labels it open (or an echo), it is not leading, carries no hypothetical or
pitch flag, and it keeps the topic of the original question: it shares a content word with it (lemmas from
``simulator.nlp.content_lemmas`` in English; word stems or character pairs in Dutch, Korean and Chinese).

Progress: :func:`streaks` (good rewrites in a row, days in a row) and :func:`daily_share` (the share of good
rewrites per day) read the attempts the store keeps.
"""

from __future__ import annotations

import json
import re
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterable, Protocol, Sequence

from simulator.i18n import N_, Text

__all__ = [
    "DrillItem",
    "Grade",
    "collect_drills",
    "load_bank",
    "grade_attempt",
    "keeps_topic",
    "streaks",
    "daily_share",
    "BANK",
    "DRILL_LABELS",
    "DRILL_FLAGS",
]

BANK = Path(__file__).parent / "data" / "drill_bank.jsonl"
# What makes a question worth a drill: these labels, or any of these flags.
DRILL_LABELS = ("leading", "closed")
DRILL_FLAGS = ("hypothetical", "pitch")
GOOD_LABELS = ("open", "echo")
MAX_ATTEMPT = 1000

# Words every question shares: they do not make two questions about the same thing.
_GENERIC = {
    "think", "feel", "say", "tell", "ask", "like", "want", "do", "be", "have", "get", "go", "make", "know",
    "thing", "way", "really", "usually", "time", "last", "would", "could", "should", "will", "can", "use",
    "happen", "walk", "describe", "explain", "bit", "lot", "kind", "sort", "actually", "just", "right", "ever",
    "never", "always", "often", "much", "many", "well", "good", "bad", "agree", "true", "probably", "maybe",
    "something", "anything", "everything", "people", "someone", "today", "now", "example",
}


class _Classifier(Protocol):
    def classify(self, text: str, previous: str | None = None): ...


@dataclass
class DrillItem:
    """One question to ask better: the trainee's own (``source`` "own") or the team bank's ("bank")."""

    id: str
    text: str
    label: str
    flags: list[str] = field(default_factory=list)
    previous: str | None = None
    rewrite: str | None = None
    reason: str | None = None
    language: str = "en"
    source: str = "own"
    session_id: str | None = None
    turn_index: int | None = None
    persona: str | None = None
    at: float | None = None

    @property
    def mistake(self) -> str:
        """What was wrong with it, in a word: leading, closed, hypothetical or pitch."""
        if self.label == "leading":
            return "leading"
        return next((f for f in DRILL_FLAGS if f in self.flags), self.label)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def is_drill_worthy(label: str | None, flags: Iterable[str]) -> bool:
    return label in DRILL_LABELS or any(f in DRILL_FLAGS for f in flags or ())


def collect_drills(sessions: Iterable[tuple[str, Any]], *, limit: int = 50) -> list[DrillItem]:
    """The trainee's leading, closed, hypothetical and pitching questions from ``(session id, Transcript)``
    pairs, newest first, each question once (the newest time it was asked)."""
    found: "OrderedDict[str, DrillItem]" = OrderedDict()
    rows: list[DrillItem] = []
    for session_id, transcript in sessions:
        previous = None
        for turn in transcript.turns:
            if turn.speaker != "trainee":
                previous = turn.text
                continue
            if turn.is_silence or not (turn.text or "").strip():
                continue
            if is_drill_worthy(turn.label, turn.flags):
                rows.append(DrillItem(
                    id=f"{session_id}:{turn.index}", text=turn.text.strip(), label=turn.label or "closed",
                    flags=list(turn.flags), previous=previous, rewrite=turn.rewrite, reason=turn.reason,
                    language=transcript.language or "en", source="own", session_id=session_id,
                    turn_index=turn.index, persona=transcript.persona_name or transcript.persona_id,
                    at=turn.at,
                ))
    rows.sort(key=lambda d: -(d.at or 0.0))
    for row in rows:
        found.setdefault(_norm(row.text), row)
    return list(found.values())[:limit]


def load_bank(path: str | Path | None = None, *, language: str | None = None) -> list[DrillItem]:
    """The team's question bank: weak questions (JSON lines: id, text, label, flags, previous, language)."""
    source = Path(path) if path is not None else BANK
    items: list[DrillItem] = []
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ValueError(Text(N_("{source}: cannot read the question bank ({reason})"), source=str(source),
                              reason=str(e))) from e
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(Text(N_("{source}, line {line}: not JSON ({reason}); one object per line"),
                                  source=str(source), line=number, reason=e.msg)) from e
        if not isinstance(data, dict) or not isinstance(data.get("text"), str) or not data["text"].strip():
            raise ValueError(Text(N_("{source}, line {line}: expected an object with a non-empty 'text'"),
                                  source=str(source), line=number))
        label = data.get("label") or "closed"
        flags = data.get("flags") or []
        if not is_drill_worthy(label, flags):
            raise ValueError(Text(N_("{source}, line {line}: label {label} with flags {flags} is not a mistake to "
                                     "drill; use one of {labels} or a flag of {known_flags}"),
                                  source=str(source), line=number, label=repr(label), flags=flags,
                                  labels=", ".join(DRILL_LABELS), known_flags=", ".join(DRILL_FLAGS)))
        item = DrillItem(id=str(data.get("id") or f"bank-{number}"), text=data["text"].strip(), label=label,
                         flags=list(flags), previous=data.get("previous"), rewrite=data.get("rewrite"),
                         reason=data.get("reason"), language=data.get("language") or "en", source="bank")
        if language is None or item.language.split("-")[0] == language.split("-")[0]:
            items.append(item)
    return items


# ------------------------------------------------------------------------------------------------
# Grading
# ------------------------------------------------------------------------------------------------


def _topic_words(text: str, language: str) -> set[str]:
    lang = (language or "en").split("-")[0].lower()
    if lang == "en":
        from simulator.nlp import content_lemmas

        return {w for w in content_lemmas(text) if w not in _GENERIC and len(w) > 1}
    if lang == "zh":
        from scoring.rules_i18n import strip_punctuation

        han = strip_punctuation(text)
        return {han[i: i + 2] for i in range(len(han) - 1)}
    if lang == "ko":
        from scoring.rules_i18n import ko_stem

        return {ko_stem(w)[:2] for w in re.findall(r"[가-힣]+", text) if len(w) >= 2}
    from scoring.rules_i18n import NL_STOP, nl_norm

    return {nl_norm(w) for w in re.findall(r"\w+", text) if w.lower() not in NL_STOP and len(w) > 2}


def keeps_topic(original: str, attempt: str, language: str = "en") -> tuple[bool, list[str]]:
    """Whether ``attempt`` stays on the topic of ``original``, and the content words they share. A question
    with no content words of its own (e.g. "Is that right?") has no topic to lose."""
    mine = _topic_words(original, language)
    if not mine:
        return True, []
    shared = sorted(mine & _topic_words(attempt, language))
    return bool(shared), shared


@dataclass
class Grade:
    """The verdict on one attempt: each check, the scorer's label and flags, and the hint."""

    attempt: str
    label: str
    flags: list[str]
    checks: dict[str, bool]
    shared: list[str]
    good: bool
    reason: str | None
    hint: str | None
    feedback: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def grade_attempt(item: DrillItem, attempt: str, classifier: _Classifier, *, language: str | None = None) -> Grade:
    """Grade a better version of ``item`` at once with the scorer. Raises ValueError for an empty or huge attempt."""
    attempt = (attempt or "").strip()
    if not attempt:
        raise ValueError(Text(N_("write your better version of the question first")))
    if len(attempt) > MAX_ATTEMPT:
        raise ValueError(Text(N_("your version is {n} characters; keep it to one question (at most {limit})"),
                              n=len(attempt), limit=MAX_ATTEMPT))
    lang = language or item.language or "en"
    verdict = classifier.classify(attempt, item.previous)
    label = str(getattr(verdict.label, "value", verdict.label))
    flags = [str(getattr(f, "value", f)) for f in verdict.flags]
    on_topic, shared = keeps_topic(item.text, attempt, lang)
    checks = {
        "open": label in GOOD_LABELS,
        "not_leading": label != "leading",
        "no_hypothetical": not any(f in DRILL_FLAGS for f in flags),
        "keeps_topic": on_topic,
    }
    good = all(checks.values())
    feedback = []
    if not checks["open"]:
        feedback.append(f"The scorer reads it as {label}: ask so they can answer in their own words "
                        "(how, what, tell me about…).")
    if not checks["not_leading"]:
        feedback.append("It still suggests the answer you expect.")
    if not checks["no_hypothetical"]:
        feedback.append("It asks about an imagined future or pitches an idea; ask about what they actually did.")
    if not checks["keeps_topic"]:
        feedback.append("It changes the subject: keep what the original question was about.")
    if good:
        feedback.append("Open, on topic and neutral: that is the better question.")
    hint = item.rewrite
    if not hint:
        original = classifier.classify(item.text, item.previous)
        hint = getattr(original, "rewrite", None)
    return Grade(attempt=attempt, label=label, flags=flags, checks=checks, shared=shared, good=good,
                 reason=verdict.reason, hint=hint, feedback=feedback)


# ------------------------------------------------------------------------------------------------
# Progress
# ------------------------------------------------------------------------------------------------


def _day(at: float) -> date:
    return datetime.fromtimestamp(at).date()


def streaks(attempts: Sequence[dict[str, Any]], *, today: date | None = None) -> dict[str, int]:
    """``current``: good rewrites in a row up to the latest attempt; ``best``: the longest such run;
    ``days``: days in a row, up to today (or yesterday), with at least one good rewrite."""
    ordered = sorted(attempts, key=lambda a: a.get("at") or 0.0)
    current = best = 0
    for a in ordered:
        current = current + 1 if a.get("good") else 0
        best = max(best, current)
    good_days = {_day(a["at"]) for a in ordered if a.get("good") and a.get("at") is not None}
    day = today or date.today()
    if day not in good_days:
        day -= timedelta(days=1)
    days = 0
    while day in good_days:
        days += 1
        day -= timedelta(days=1)
    return {"current": current, "best": best, "days": days, "attempts": len(ordered),
            "good": sum(1 for a in ordered if a.get("good"))}


def daily_share(attempts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per day with attempts: {"day": "YYYY-MM-DD", "attempts", "good", "share"}, oldest first."""
    by_day: dict[date, list[bool]] = {}
    for a in attempts:
        if a.get("at") is None:
            continue
        by_day.setdefault(_day(a["at"]), []).append(bool(a.get("good")))
    return [{"day": d.isoformat(), "attempts": len(v), "good": sum(v), "share": sum(v) / len(v)}
            for d, v in sorted(by_day.items())]
