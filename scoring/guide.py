"""A discussion guide, coached before the interview: every planned question labelled and flagged like a live
one, and the order checked against the interview funnel.

    guide = parse_guide(markdown_or_text)                  # the questions, with their section headings
    report = check_guide(guide, classifier, language="en") # labels, flags, rewrites, order warnings
    asked = match_asked(report.items, [(3, "Tell me about your week.")])   # {item number: turn index}

The funnel, from the guidance this product is built on: open broad questions first ("tell me about…",
"walk me through…"), narrowing to concrete episodes and specifics later, closed questions only to pin down
facts, and no talk of a solution, feature or pitch before the customer's problem has been asked about.
A heading (``#``, ``##``) starts a new section; the broad-to-specific check runs per section, the
problem-before-solution check over the whole guide.

The order cues (problem words, solution words, broad and specific phrasings) read English; in other languages
the check relies on the classifier's labels and flags (pitch, hypothetical) alone.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Protocol, Sequence

from simulator.i18n import N_, Text

__all__ = [
    "GuideItem",
    "GuideReport",
    "OrderWarning",
    "GuideError",
    "parse_guide",
    "check_guide",
    "check_order",
    "stage_of",
    "match_asked",
    "MAX_ITEMS",
    "MAX_CHARS",
]

MAX_ITEMS = 100
MAX_CHARS = 200_000
MAX_LINE = 600


class GuideError(ValueError):
    """The guide cannot be read; the message names the line and the fix."""


class _Classifier(Protocol):
    def classify(self, text: str, previous: str | None = None): ...


@dataclass
class GuideItem:
    """One planned question: its number in the guide (1-based), its section, and the scorer's verdict."""

    number: int
    text: str
    section: str | None = None
    line: int = 0
    label: str | None = None
    flags: list[str] = field(default_factory=list)
    reason: str | None = None
    flag_reasons: dict[str, str] = field(default_factory=dict)
    rewrite: str | None = None
    # Where it sits in the funnel: broad, specific, problem, closed, solution, closing, statement.
    stage: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class OrderWarning:
    """Something about the order: ``code`` (opens_narrow, solution_before_problem, broad_after_narrow,
    no_open_question, closing_not_last), the message, and the numbers of the questions concerned."""

    code: str
    message: str
    items: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "items": list(self.items)}


@dataclass
class GuideReport:
    items: list[GuideItem]
    warnings: list[OrderWarning]
    language: str = "en"

    @property
    def flagged(self) -> list[GuideItem]:
        """Questions the scorer would flag live: leading, closed, or carrying a flag."""
        return [i for i in self.items if i.label in ("leading", "closed") or i.flags]

    def to_dict(self) -> dict[str, Any]:
        return {"language": self.language, "items": [i.to_dict() for i in self.items],
                "warnings": [w.to_dict() for w in self.warnings]}


# ------------------------------------------------------------------------------------------------
# Reading a guide: plain text or Markdown, one question per line
# ------------------------------------------------------------------------------------------------

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)]|[a-zA-Z][.)](?=\s))\s+")
_CHECKBOX = re.compile(r"^\[[ xX]\]\s*")
_QUOTE = re.compile(r"^\s*>+\s?")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_COMMENT = re.compile(r"^\s*(<!--.*-->|//)")


def parse_guide(text: str, *, source: str = "the guide") -> list[GuideItem]:
    """The questions of a guide: one per line (list markers, quotes, checkboxes and emphasis dropped);
    Markdown headings name the section of the lines below them; blank lines and rules are skipped.

    Raises :class:`GuideError` for a guide that is empty, too long, or has an over-long line.
    """
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise GuideError(Text(N_("{source}: expected text, got {kind}"), source=source, kind=type(text).__name__))
    if len(text) > MAX_CHARS:
        raise GuideError(Text(N_("{source}: {n:,} characters is more than a guide holds (at most {limit:,}); keep "
                                 "only the questions you plan to ask"), source=source, n=len(text), limit=MAX_CHARS))
    items: list[GuideItem] = []
    section: str | None = None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        if not raw.strip() or _SETEXT.match(raw) or _COMMENT.match(raw):
            continue
        heading = _HEADING.match(raw)
        if heading:
            section = _clean(heading.group(1)) or None
            continue
        line = _clean(raw)
        if not line:
            continue
        if len(line) > MAX_LINE:
            raise GuideError(Text(N_("{source}, line {line}: {n} characters; a planned question is one line of at "
                                     "most {limit} characters (put each question on its own line)"),
                                  source=source, line=number, n=len(line), limit=MAX_LINE))
        items.append(GuideItem(number=len(items) + 1, text=line, section=section, line=number))
        if len(items) > MAX_ITEMS:
            raise GuideError(Text(N_("{source}: more than {limit} questions; a guide for one interview has far "
                                     "fewer (keep the ones you plan to ask)"), source=source, limit=MAX_ITEMS))
    if not items:
        raise GuideError(Text(N_("{source}: no questions found; write one question per line (Markdown lists and "
                                 "headings are fine)"), source=source))
    return items


def _clean(line: str) -> str:
    s = _QUOTE.sub("", line)
    s = _BULLET.sub("", s, count=1)
    s = _CHECKBOX.sub("", s.strip())
    s = _BULLET.sub("", s, count=1)
    for _ in range(2):
        s = _EMPHASIS.sub(r"\2", s)
    return " ".join(s.split())


# ------------------------------------------------------------------------------------------------
# Where a question sits in the funnel
# ------------------------------------------------------------------------------------------------

_PROBLEM = re.compile(
    r"\b(problems?|issues?|hard(est|er)?|difficult(y|ies)?|frustrat\w*|annoy\w*|went wrong|go(es)? wrong|"
    r"challeng\w*|struggl\w*|pain(ful|s)?|worst|worr(y|ied|ies)|bother\w*|complain\w*|fail\w*|stuck|"
    r"stopped|stop using|gave up|give up|tricky|hassle|irritat\w*|disappoint\w*|let you down|tough)\b", re.I)
_SOLUTION = re.compile(
    r"\b(our (app|product|tool|service|solution|platform|feature|idea|prototype|team)|"
    r"we('re| are)? (building|planning|launching|making|adding|thinking of)|we (built|made|could build|could add)|"
    r"if we (built|made|added|offered|had|launched|created)|new feature|features?|prototype|solution|"
    r"(would|will|could) you (use|buy|pay|try|like|want|switch|recommend|sign up|subscribe)|"
    r"how much would you pay|what if there (was|were)|imagine (an?|a new)|mock-?up|demo|beta)\b", re.I)
_BROAD = re.compile(
    r"^(so,? )?(tell me (a bit |a little )?(about|more about)|walk me through (a|an|your) (typical|normal|usual)|"
    r"describe (a|an|your) (typical|normal|usual)|what does (a|an|your) (typical|normal|usual)|"
    r"how do you (usually|normally|generally)|what('s| is) (a|an) (typical|normal|usual)|"
    r"tell me about yourself|what do you do\b|how did you (get|come) (into|to)|"
    r"what('s| is) (your|it) like)", re.I)
_SPECIFIC = re.compile(
    r"\b(last time|the last|most recent|yesterday|last (week|month|year|monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)|exactly|how (much|many|often|long)|which one|what (day|time|date)|when exactly|"
    r"\d+)\b", re.I)
_CLOSING = re.compile(
    r"\b(anything (else|(that )?i (haven't|have not|didn't|did not) ask\w*)|anything you('d| would) like to add|"
    r"anyone else i should (talk|speak) to|what should i have asked)\b", re.I)

STAGES = ("broad", "specific", "problem", "closed", "solution", "closing", "statement")


def stage_of(text: str, label: str | None, flags: Iterable[str] = (), language: str = "en") -> str:
    """The item's funnel stage from its text, the scorer's label and flags."""
    flags = set(flags)
    english = (language or "en").split("-")[0].lower() == "en"
    if "pitch" in flags or (english and _SOLUTION.search(text)):
        return "solution"
    if english and _CLOSING.search(text):
        return "closing"
    if label == "statement":
        return "statement"
    if english and _PROBLEM.search(text):
        return "problem"
    if label in ("closed", "leading"):
        return "closed"
    if english and _SPECIFIC.search(text):
        return "specific"
    if not english:
        return "broad"
    if _BROAD.search(text.strip()) or len(text.split()) <= 8:
        return "broad"
    return "specific"


# ------------------------------------------------------------------------------------------------
# Labelling and the order check
# ------------------------------------------------------------------------------------------------


def check_guide(items: Sequence[GuideItem] | str, classifier: _Classifier, *, language: str = "en") -> GuideReport:
    """Label and flag every planned question with ``classifier`` (as if asked cold: no previous reply), give each
    its funnel stage, and check the order. ``items`` may be the guide's text."""
    if isinstance(items, str):
        items = parse_guide(items)
    labelled: list[GuideItem] = []
    for item in items:
        verdict = classifier.classify(item.text, None)
        label = getattr(verdict.label, "value", verdict.label)
        flags = [getattr(f, "value", f) for f in verdict.flags]
        labelled.append(GuideItem(
            number=item.number, text=item.text, section=item.section, line=item.line, label=str(label),
            flags=flags, reason=verdict.reason, flag_reasons=dict(verdict.flag_reasons or {}),
            rewrite=verdict.rewrite, stage=stage_of(item.text, str(label), flags, language),
        ))
    return GuideReport(items=labelled, warnings=check_order(labelled), language=language)


def _q(item: GuideItem) -> str:
    text = item.text if len(item.text) <= 70 else item.text[:69].rstrip() + "…"
    return f"Q{item.number} (“{text}”)"


def check_order(items: Sequence[GuideItem]) -> list[OrderWarning]:
    """Warnings about the order of labelled items (``stage`` set): see the module docstring for the funnel."""
    warnings: list[OrderWarning] = []
    questions = [i for i in items if i.stage != "statement"]
    if not questions:
        return warnings
    if not any(i.label in ("open", "echo", "reflection") for i in questions):
        warnings.append(OrderWarning(
            "no_open_question",
            "None of your questions is open. Plan at least a few that invite a story (“Tell me about the last "
            "time…”, “Walk me through…”).", tuple(i.number for i in questions)))
    first = questions[0]
    if first.stage in ("closed", "solution", "specific") or first.label in ("closed", "leading"):
        what = {"solution": "talk of a solution", "specific": "a narrow, specific question"}.get(
            first.stage, f"a {first.label} question")
        warnings.append(OrderWarning(
            "opens_narrow",
            f"Your guide opens with {what}: {_q(first)}. Start broad and open — their day, their work, how they "
            "do the thing today — and narrow down later.", (first.number,)))
    first_problem = next((i for i in questions if i.stage == "problem"), None)
    early_solutions = [i for i in questions if i.stage == "solution"
                       and (first_problem is None or i.number < first_problem.number)]
    if early_solutions:
        listed = ", ".join(_q(i) for i in early_solutions[:3])
        where = ("before any question about their problem" if first_problem is None
                 else f"before you ask about the problem (Q{first_problem.number})")
        warnings.append(OrderWarning(
            "solution_before_problem",
            f"{listed} {'talks' if len(early_solutions) == 1 else 'talk'} about a solution or pitch {where}. "
            "Understand the problem first: ask what is hard, what went wrong and what they do about it today; "
            "leave solutions out of the interview, or to the very end.",
            tuple(i.number for i in early_solutions)))
    # Broad after narrow, within a section: the funnel goes from broad to specific.
    narrowed: dict[str | None, GuideItem] = {}
    late_broad: list[tuple[GuideItem, GuideItem]] = []
    for item in questions:
        key = item.section
        if item.stage == "broad" and key in narrowed:
            late_broad.append((item, narrowed[key]))
        elif item.stage == "closed" and key not in narrowed:
            narrowed[key] = item
    for item, earlier in late_broad:
        warnings.append(OrderWarning(
            "broad_after_narrow",
            f"{_q(item)} is broad and open but comes after the closed question Q{earlier.number}. Ask broad "
            "questions first and narrow down: move it up.", (item.number, earlier.number)))
    closings = [i for i in questions if i.stage == "closing"]
    if closings and closings[-1] is not questions[-1]:
        item = closings[-1]
        warnings.append(OrderWarning(
            "closing_not_last",
            f"{_q(item)} is a closing question; keep it for the end of the interview.", (item.number,)))
    return warnings


# ------------------------------------------------------------------------------------------------
# Ticking off what was asked
# ------------------------------------------------------------------------------------------------

LEMMA_MATCH = 0.6
SEMANTIC_MATCH = 0.8


def _lemmas(text: str, language: str) -> set[str]:
    if (language or "en").split("-")[0].lower() == "en":
        from simulator.nlp import content_lemmas

        return set(content_lemmas(text))
    from scoring.rules_i18n import strip_punctuation

    han = strip_punctuation(text.lower())
    return {han[i: i + 2] for i in range(len(han) - 1)} if " " not in han.strip() else set(han.split())


def lemma_similarity(planned: str, asked: str, language: str = "en") -> float:
    """Share of the planned question's content lemmas that the asked question has (1.0 when it has them all)."""
    mine, theirs = _lemmas(planned, language), _lemmas(asked, language)
    if not mine:
        return 1.0 if planned.strip().lower() == asked.strip().lower() else 0.0
    return len(mine & theirs) / len(mine)


def match_asked(
    items: Sequence[GuideItem],
    asked: Sequence[tuple[int, str]],
    *,
    language: str = "en",
    encode: Callable[[Sequence[str]], Any] | None = None,
    lemma_threshold: float = LEMMA_MATCH,
    semantic_threshold: float = SEMANTIC_MATCH,
) -> dict[int, int]:
    """Which planned questions were asked: {item number: index of the first trainee turn that asked it}.

    A turn asks an item when it shares at least ``lemma_threshold`` of the item's content lemmas, or (with
    ``encode``, an embedder's encode returning unit vectors) when their cosine is at least
    ``semantic_threshold``. Each turn ticks off at most one item (the best match).
    """
    asked = [(i, t) for i, t in asked if t and t.strip()]
    if not items or not asked:
        return {}
    scores = [[lemma_similarity(item.text, text, language) for _, text in asked] for item in items]
    semantic = None
    if encode is not None:
        try:
            import numpy as np

            vectors = np.asarray(encode([i.text for i in items] + [t for _, t in asked]), dtype=float)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.where(norms == 0, 1, norms)
            semantic = vectors[: len(items)] @ vectors[len(items):].T
        except Exception:  # the lemma match still ticks off what it can
            semantic = None
    candidates = []
    for r, item in enumerate(items):
        for c, (turn, _) in enumerate(asked):
            lemma_score = scores[r][c]
            sem = float(semantic[r][c]) if semantic is not None else 0.0
            if lemma_score >= lemma_threshold or sem >= semantic_threshold:
                candidates.append((max(lemma_score, sem), -turn, item.number, turn))
    done: dict[int, int] = {}
    used: set[int] = set()
    for _, _, number, turn in sorted(candidates, reverse=True):
        if number in done or turn in used:
            continue
        done[number] = turn
        used.add(turn)
    return done
