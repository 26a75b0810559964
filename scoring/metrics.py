"""Session metrics for one interview transcript, and the documented 0-100 score explained turn by turn.

The score is a weighted mean of four components, each 0-100:

* **Question craft** (weight 0.40): every interviewer turn earns points (``TURN_POINTS``: open +4,
  reflection +4, echo +3, well-placed silence +3, other silence +1, closed -1, leading -4, and per
  flag: hypothetical -2, double-barreled -2, pitch -3, faux invitation -1, off-task -4). Greetings, thanks
  and other statements without a flag score nothing and are left out of the mean. A question, echo or
  reflection that repeats an earlier turn word for word (four words or more) earns no label points the
  second time; a whitespace-only turn is not a turn at all. The component is
  ``50 + 12.5 x mean points`` clipped to 0-100 (all open questions -> 100, all leading -> 0);
  0 when the trainee asked, reflected or waited not once.
* **Listening** (0.15): reflections and echoes per question, against the MITI "good" line of 2:1:
  ``100 x min(1, R:Q / 2)``.
* **Talk ratio** (0.15): 100 when the trainee speaks at most 30 % of the words, falling linearly to
  0 at 70 %.
* **Insights** (0.30): ``100 x (uncovered - 0.5 x contaminated) / total``: an insight first heard
  after a leading question counts half. Imported transcripts have no insight catalogue; this
  component is then dropped and the other weights are scaled up to sum to 1 (it is not a zero).

An interview without a single trainee turn is **not scored**: ``score`` is None (null in JSON, empty in CSV,
"–" on a page), every component is None and ``score_breakdown["not_scored"]`` says why. (Scored, it got 15:
the talk-ratio part of a trainee who said nothing.)

Words are counted per language (``transcript.language``): whitespace-separated words, as before, for English,
Dutch and Korean (a Korean "word" is an 어절, the unit between spaces); Chinese and Japanese have no spaces, so a
turn counts its Han/kana characters divided by 1.5 (about one word each, rounded up) plus any Latin words
(``simulator.textutil.word_count``). Talk ratio and the longest monologue use that unit; the names in the
turn-by-turn reasons follow the transcript's language too.

A silence is a trainee turn labelled ``silence`` (an explicit pause in practice mode) or, for
timed (imported, not practice) transcripts, any trainee turn that came after waiting ``silence_threshold`` seconds or more
(``Turn.patience``, else the gap between the previous turn's end and this turn's start). It is
well placed when the persona turn before it had more to tell (``had_more``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from simulator.textutil import word_count
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

from . import feedback
from .labels import QUESTION_LABELS, Flag, Label

__all__ = ["SessionMetrics", "compute_metrics", "silence_before", "SCORE_FORMULA", "REFERENCE_LINES",
           "TURN_POINTS", "FLAG_POINTS", "WEIGHTS", "DEFAULT_SILENCE_THRESHOLD"]

DEFAULT_SILENCE_THRESHOLD = 3.0

TURN_POINTS: dict[str, int] = {
    Label.OPEN.value: 4,
    Label.REFLECTION.value: 4,
    Label.ECHO.value: 3,
    Label.CLOSED.value: -1,
    Label.LEADING.value: -4,
    Label.STATEMENT.value: 0,
}
SILENCE_POINTS = {"well_placed": 3, "other": 1}
FLAG_POINTS: dict[str, int] = {
    Flag.HYPOTHETICAL.value: -2,
    Flag.DOUBLE_BARRELED.value: -2,
    Flag.PITCH.value: -3,
    Flag.FAUX_INVITATION.value: -1,
    Flag.OFF_TASK.value: -4,
}
WEIGHTS: dict[str, float] = {"craft": 0.40, "listening": 0.15, "talk": 0.15, "insights": 0.30}
# Talk ratio: full marks up to TALK_GOOD, none from TALK_BAD.
TALK_GOOD, TALK_BAD = 0.30, 0.70
RQ_TARGET = 2.0
CONTAMINATED_CREDIT = 0.5

_LABEL_NAMES = {
    "open": "Open question", "closed": "Closed question", "leading": "Leading question", "echo": "Echo",
    "reflection": "Reflection", "statement": "Statement", "silence": "Silence",
}
_FLAG_NAMES = {"hypothetical": "hypothetical", "double_barreled": "double-barreled", "pitch": "pitch",
               "faux_invitation": "faux invitation", "off_task": "off-task"}

# Lines a coach knows, for charts and the report (MITI 4.2 for R:Q and open questions).
REFERENCE_LINES: dict[str, dict[str, Any]] = {
    "rq_ratio": {"fair": 1.0, "good": 2.0, "higher_is_better": True,
                 "label": "Reflections and echoes per question (MITI: 1:1 fair, 2:1 good)"},
    "open_share": {"fair": 0.5, "good": 0.7, "higher_is_better": True,
                   "label": "Share of open questions among questions (MITI: 50% fair, 70% good)"},
    "talk_ratio": {"fair": 0.5, "good": TALK_GOOD, "higher_is_better": False,
                   "label": "Share of the words spoken by the interviewer (30% or less is good)"},
    "score": {"fair": 50, "good": 70, "higher_is_better": True, "label": "Overall score"},
}

SCORE_FORMULA = (
    "Score (0-100) = 40% question craft + 15% listening + 15% talk ratio + 30% insights.\n"
    "- Question craft = 50 + 12.5 x the mean points per turn (open +4, reflection +4, echo +3, "
    "well-placed silence +3, other silence +1, closed -1, leading -4; flags: hypothetical -2, "
    "double-barreled -2, pitch -3, faux invitation -1, off-task -4; plain statements are not counted; a turn "
    "repeated word for word earns no label points again), kept within 0-100.\n"
    "- Listening = 100 x (reflections + echoes) / questions / 2, at most 100 (MITI: 2:1 is good).\n"
    "- Talk ratio = 100 when you speak 30% of the words or less, 0 at 70% or more.\n"
    "- Insights = 100 x (insights found - half of those found after a leading question) / all insights. "
    "Without an insight list (imported interviews) this part is left out and the others count more.\n"
    "A pause of 3 s or more before you speak (configurable) counts as a silence; it is well placed when the "
    "interviewee still had more to say."
)


@dataclass
class SessionMetrics:
    """Everything a coach reads about one interview. ``to_dict`` is a stable contract for other tools."""

    label_counts: dict[str, int]
    flag_counts: dict[str, int]
    questions: int
    open_share: float | None
    rq_ratio: float | None
    talk_ratio: float | None
    trainee_words: int
    total_words: int
    longest_monologue_words: int
    silences: int
    well_placed_silences: int
    insights_total: int
    insights_uncovered: list[str]
    insights_contaminated: list[str]
    score: int | None  # None: not scored (the trainee took no turn: nothing to score)
    score_breakdown: dict[str, Any]
    contributions: list[dict[str, Any]] = field(default_factory=list)
    silence_threshold: float = DEFAULT_SILENCE_THRESHOLD

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("open_share", "rq_ratio", "talk_ratio"):
            if data[key] is not None:
                data[key] = round(float(data[key]), 4)
        return data


def _words(text: str | None, language: str | None = "en") -> int:
    """Words in ``text``: whitespace words, or for Chinese/Japanese about one per 1.5 characters (see the module doc)."""
    return word_count(text or "", language)


def _names(language: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """Label and flag names for the turn-by-turn reasons: English as always, else the trainee's language."""
    lang = feedback.catalogue_language(language)
    if lang == "en":
        return _LABEL_NAMES, _FLAG_NAMES
    return ({label.value: feedback.label_name(label, lang) for label in Label},
            {flag.value: feedback.flag_name(flag, lang) for flag in Flag})


def silence_before(turns: list[Turn], i: int) -> float | None:
    """Seconds the interviewer waited before turn ``i``: its ``patience``, else the gap in the timestamps."""
    turn = turns[i]
    if turn.patience is not None:
        try:
            return max(0.0, float(turn.patience))
        except (TypeError, ValueError):
            return None
    if turn.start is None or i == 0:
        return None
    end = turns[i - 1].end
    if end is None:
        return None  # start times only: the gap since the previous start is their talking time, not a wait
    return max(0.0, float(turn.start) - float(end))


def _previous_persona(turns: list[Turn], i: int) -> Turn | None:
    for j in range(i - 1, -1, -1):
        if turns[j].speaker == PERSONA:
            return turns[j]
        if turns[j].speaker == TRAINEE and turns[j].text.strip():
            return None  # the trainee spoke in between: this silence follows the trainee, not them
    return None


def compute_metrics(transcript: Transcript, *, silence_threshold: float = DEFAULT_SILENCE_THRESHOLD) -> SessionMetrics:
    """Metrics and score of a transcript whose trainee turns are already labelled (unlabelled ones count as statements)."""
    turns = transcript.turns
    timed = transcript.source != "practice"
    label_counts: Counter[str] = Counter({label.value: 0 for label in Label})
    flag_counts: Counter[str] = Counter({flag.value: 0 for flag in Flag})
    contributions: list[dict[str, Any]] = []
    craft_points: list[int] = []
    silences = well_placed = 0
    trainee_words = total_words = 0
    longest = current = 0
    language = transcript.language
    label_names, flag_names = _names(language)

    said_before: set[str] = set()
    trainee_turns = 0
    for i, turn in enumerate(turns):
        if turn.speaker == TRAINEE and turn.text and not turn.text.strip():
            continue  # only whitespace: not a turn (an explicit silence has empty text)
        words = _words(turn.text, language) if not turn.is_silence else 0
        total_words += words
        if turn.speaker != TRAINEE:
            current = 0
            continue
        trainee_turns += 1
        trainee_words += words
        current += words
        longest = max(longest, current)

        label = turn.label or (Label.SILENCE.value if not turn.text.strip() else Label.STATEMENT.value)
        label_counts[label] += 1
        for flag in turn.flags:
            flag_counts[flag] += 1

        points: list[tuple[int, str]] = []
        waited = silence_before(turns, i)
        explicit = label == Label.SILENCE.value
        # In a practice chat the wait includes typing time, so only the explicit "stay silent"
        # turn counts there; timed (imported) transcripts measure real pauses.
        paused = timed and not explicit and waited is not None and waited >= silence_threshold
        if explicit or paused:
            silences += 1
            persona = _previous_persona(turns, i)
            if persona is not None and persona.had_more:
                well_placed += 1
                points.append((SILENCE_POINTS["well_placed"], feedback.ui_text("well_placed_silence", language)))
            elif explicit:
                points.append((SILENCE_POINTS["other"], feedback.ui_text("silence", language)))
            else:
                points.append((SILENCE_POINTS["other"],
                               feedback.ui_text("waited", language).format(seconds=f"{waited:.1f}")))
        if not explicit:
            base = TURN_POINTS.get(label, 0)
            key = " ".join(turn.text.lower().split())
            if key and len(key.split()) >= 4:
                if key in said_before and base > 0:
                    base = 0  # the same question again: no credit twice
                said_before.add(key)
            if base:
                points.append((base, label_names.get(label, label)))
            for flag in turn.flags:
                if FLAG_POINTS.get(flag):
                    points.append((FLAG_POINTS[flag], f"{label_names.get(label, label)}, {flag_names.get(flag, flag)}"))
        if points:
            craft_points.append(sum(p for p, _ in points))
            for value, why in points:
                contributions.append({"turn": turn.index if turn.index is not None else i, "points": value,
                                      "reason": f"{why}: {value:+d}", "component": "craft"})

    questions = sum(label_counts[label.value] for label in QUESTION_LABELS)
    reflective = label_counts[Label.REFLECTION.value] + label_counts[Label.ECHO.value]
    open_share = label_counts[Label.OPEN.value] / questions if questions else None
    rq_ratio = reflective / questions if questions else None
    talk_ratio = trainee_words / total_words if total_words else None

    # Components ---------------------------------------------------------------------------------
    components: dict[str, float | None] = {}
    mean_points = sum(craft_points) / len(craft_points) if craft_points else None
    components["craft"] = _clip(50 + 12.5 * mean_points) if mean_points is not None else 0.0
    if questions:
        components["listening"] = _clip(100 * min(1.0, (rq_ratio or 0.0) / RQ_TARGET))
    else:
        components["listening"] = 100.0 if reflective else 0.0
    if talk_ratio is None:
        components["talk"] = 0.0
    else:
        components["talk"] = _clip(100 * (TALK_BAD - talk_ratio) / (TALK_BAD - TALK_GOOD))

    uncovered_map = transcript.uncovered()
    catalog_ids = [str(item.get("id")) for item in transcript.insight_catalog if isinstance(item, dict)]
    insights_total = len(transcript.insight_catalog)
    uncovered = list(uncovered_map)
    contaminated = sorted(set(transcript.contaminated_insights()) & set(uncovered)) if uncovered else sorted(
        transcript.contaminated_insights())
    if insights_total:
        credit = len(uncovered) - CONTAMINATED_CREDIT * len(contaminated)
        components["insights"] = _clip(100 * credit / insights_total)
        for insight, index in uncovered_map.items():
            dirty = insight in contaminated
            value = CONTAMINATED_CREDIT if dirty else 1.0
            why = f"Insight '{insight}' uncovered" + (" after a leading question (half credit)" if dirty else "")
            contributions.append({"turn": index, "points": value, "reason": f"{why}: {value:+g}",
                                  "component": "insights"})
    else:
        components["insights"] = None

    scored = trainee_turns > 0
    if not scored:
        # No question, reflection, silence or remark from the trainee: there is nothing to score, and the
        # components would only measure the persona (a talk ratio of 0 % "earns" 15 points). Not a zero either.
        components = {k: None for k in components}
    weights = {k: w for k, w in WEIGHTS.items() if components.get(k) is not None}
    total_weight = sum(weights.values())
    weights = {k: w / total_weight for k, w in weights.items()}
    raw = sum(weights[k] * float(components[k]) for k in weights)  # type: ignore[arg-type]
    score = int(round(_clip(raw))) if scored else None

    # What each turn's points did to the final score (craft is linear in the mean until it is clipped).
    if craft_points:
        per_point = weights["craft"] * 12.5 / len(craft_points)
        for item in contributions:
            if item["component"] == "craft":
                item["score_effect"] = round(item["points"] * per_point, 2)
    if insights_total and "insights" in weights:
        per_insight = weights["insights"] * 100 / insights_total
        for item in contributions:
            if item["component"] == "insights":
                item["score_effect"] = round(item["points"] * per_insight, 2)
    contributions.sort(key=lambda c: (c["turn"] is None, c["turn"] if c["turn"] is not None else 0))

    breakdown = {
        "components": {k: (round(v, 1) if v is not None else None) for k, v in components.items()},
        "weights": {k: round(v, 4) for k, v in weights.items()},
        "weighted": {k: round(weights[k] * float(components[k]), 2) for k in weights},  # type: ignore[arg-type]
        "mean_turn_points": round(mean_points, 3) if mean_points is not None else None,
        "scored_turns": len(craft_points),
        "insights_dropped": not insights_total,
        "insight_catalog_ids": catalog_ids,
        "silence_threshold": silence_threshold,
        "not_scored": None if scored else "no trainee turns",
    }
    return SessionMetrics(
        label_counts=dict(label_counts),
        flag_counts=dict(flag_counts),
        questions=questions,
        open_share=open_share,
        rq_ratio=rq_ratio,
        talk_ratio=talk_ratio,
        trainee_words=trainee_words,
        total_words=total_words,
        longest_monologue_words=longest,
        silences=silences,
        well_placed_silences=well_placed,
        insights_total=insights_total,
        insights_uncovered=uncovered,
        insights_contaminated=contaminated,
        score=score,
        score_breakdown=breakdown,
        contributions=contributions,
        silence_threshold=silence_threshold,
    )


def _clip(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return max(low, min(high, float(value)))
