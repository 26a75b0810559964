"""Rewind and branch: ask one of your questions differently and see what the other question draws out.

The engine's state is a fold over the transcript (``policy.replay``), so a branch is the transcript up to the
trainee turn being re-asked, resumed: the persona is exactly where it was (rapport, what was said, what was
earned), and the same seed gives the same choices for the same position.

    branch = start_branch(engine, persona, original, turn_index=3)  # a Session at turn 3, before the question
    branch.ask("Tell me about the last time you ordered.")
    comparison = compare(original, branch.transcript, branch_point=3)
    comparison.rows          # turn by turn: label, layer reached, insights drawn out, score effect, both sides
    comparison.only_in_branch  # insights the new question drew out that the old one did not

``simulate_branch`` does the same for scripts (the ``simulate --branch-at`` command).
"""

from __future__ import annotations

import copy
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Sequence

from .persona import Persona
from .policy import State, replay
from .transcript import PERSONA, TRAINEE, Transcript, Turn

__all__ = [
    "BranchError",
    "branch_transcript",
    "state_at",
    "start_branch",
    "compare",
    "Comparison",
    "StepComparison",
    "Side",
    "simulate_branch",
    "trainee_turn_indexes",
]


class BranchError(ValueError):
    """A branch point that cannot be used; the message says which turns can."""


def trainee_turn_indexes(transcript: Transcript) -> list[int]:
    """The indexes of the turns a branch can start at: the trainee's questions and silences."""
    return [t.index for t in transcript.turns if t.speaker == TRAINEE]


def _check_point(transcript: Transcript, turn_index: int) -> None:
    points = trainee_turn_indexes(transcript)
    if not isinstance(turn_index, int) or isinstance(turn_index, bool):
        raise BranchError(f"the branch point must be a turn number (got {turn_index!r})")
    if turn_index in points:
        return
    where = ", ".join(str(p) for p in points[:12]) + (" …" if len(points) > 12 else "")
    if not points:
        raise BranchError("this interview has no questions of yours to ask differently yet")
    if 0 <= turn_index < len(transcript.turns):
        who = transcript.persona_name.split()[0] if transcript.persona_name else "the persona"
        raise BranchError(f"turn {turn_index} is {who}'s reply; branch at one of your turns: {where}")
    raise BranchError(f"there is no turn {turn_index} (the interview has turns 0 to {len(transcript.turns) - 1}); "
                      f"branch at one of your turns: {where}")


def branch_transcript(original: Transcript, turn_index: int, *, now: float | None = None) -> Transcript:
    """A new, open transcript with the original's header and its turns before ``turn_index`` (a trainee turn)."""
    _check_point(original, turn_index)
    branch = Transcript(
        persona_id=original.persona_id,
        persona_name=original.persona_name,
        language=original.language,
        seed=original.seed,
        trainee=original.trainee,
        source="practice",
        started_at=now if now is not None else time.time(),
        ended_at=None,
        insight_catalog=copy.deepcopy(original.insight_catalog),
    )
    for turn in original.turns[:turn_index]:
        branch.add(copy.deepcopy(turn))
    return branch


def state_at(persona: Persona, transcript: Transcript, turn_index: int) -> State:
    """The persona's state just before trainee turn ``turn_index``: the fold of the turns before it."""
    _check_point(transcript, turn_index)
    return replay(persona, transcript.turns[:turn_index])


def start_branch(engine: Any, persona: Persona, original: Transcript, turn_index: int, *, backend: Any = None):
    """A live ``Session`` that goes on from just before trainee turn ``turn_index`` of ``original``.

    The reply clock starts now, so the time since the original interview does not count as the trainee's wait.
    """
    branch = branch_transcript(original, turn_index)
    session = engine.resume(persona, branch, backend=backend)
    session.last_reply_at = time.time()
    return session


# ------------------------------------------------------------------------------------------------
# The comparison
# ------------------------------------------------------------------------------------------------


@dataclass
class Side:
    """One question and what it drew out: the trainee turn, the reply after it, and its effect on the score."""

    turn: int
    text: str
    label: str | None
    flags: list[str] = field(default_factory=list)
    reply: str | None = None
    topic: str | None = None
    layer: str | None = None
    move: str | None = None
    insights: list[str] = field(default_factory=list)
    points: float = 0.0  # what the question (and the reply's insights) did to the session score


@dataclass
class StepComparison:
    step: int  # 1 = the re-asked question, 2 = the next one, ...
    original: Side | None
    branch: Side | None

    @property
    def points_change(self) -> float:
        return (self.branch.points if self.branch else 0.0) - (self.original.points if self.original else 0.0)


@dataclass
class Comparison:
    branch_point: int
    rows: list[StepComparison]
    original_score: float | None
    branch_score: float | None
    # Insights found after the branch point on each side, and the difference.
    original_insights: list[str]
    branch_insights: list[str]
    only_in_branch: list[str]
    only_in_original: list[str]
    # Deepest layer reached per topic after the branch point, where the branch went deeper than the original.
    deeper_in_branch: dict[str, str]
    findings: dict[str, str] = field(default_factory=dict)

    @property
    def score_change(self) -> float | None:
        if self.original_score is None or self.branch_score is None:
            return None
        return self.branch_score - self.original_score

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["score_change"] = self.score_change
        for row, raw in zip(self.rows, data["rows"]):
            raw["points_change"] = row.points_change
        return data


_LAYERS = {"surface": 1, "detail": 2, "deep": 3}


def _metrics(transcript: Transcript) -> dict[str, Any]:
    from scoring.metrics import compute_metrics

    return compute_metrics(transcript).to_dict()


def _effects(metrics: dict[str, Any]) -> dict[int, float]:
    """Turn index -> points on the score (insights are credited to the question that drew them out)."""
    effects: dict[int, float] = {}
    for item in metrics.get("contributions") or []:
        turn, effect = item.get("turn"), item.get("score_effect")
        if isinstance(turn, int) and isinstance(effect, (int, float)):
            effects[turn] = effects.get(turn, 0.0) + float(effect)
    return effects


def _sides(transcript: Transcript, start: int, effects: dict[int, float]) -> list[Side]:
    turns = transcript.turns
    sides = []
    for i, turn in enumerate(turns):
        if i < start or turn.speaker != TRAINEE:
            continue
        reply = turns[i + 1] if i + 1 < len(turns) and turns[i + 1].speaker == PERSONA else None
        points = effects.get(turn.index, 0.0) + (effects.get(reply.index, 0.0) if reply else 0.0)
        sides.append(Side(
            turn=turn.index, text=turn.display_text, label=turn.label, flags=list(turn.flags),
            reply=reply.text if reply else None, topic=reply.topic if reply else None,
            layer=reply.layer if reply else None, move=reply.move if reply else None,
            insights=list(reply.insights) if reply else [], points=round(points, 2),
        ))
    return sides


def _found_after(transcript: Transcript, start: int) -> list[str]:
    found: dict[str, None] = {}
    for turn in transcript.turns[start:]:
        if turn.speaker == PERSONA:
            found.update(dict.fromkeys(turn.insights))
    return list(found)


def _deepest(transcript: Transcript, start: int) -> dict[str, int]:
    out: dict[str, int] = {}
    for turn in transcript.turns[start:]:
        if turn.speaker == PERSONA and turn.topic and turn.layer in _LAYERS:
            out[turn.topic] = max(out.get(turn.topic, 0), _LAYERS[turn.layer])
    return out


def compare(original: Transcript, branch: Transcript, branch_point: int, *,
            metrics: Callable[[Transcript], dict[str, Any]] | None = None) -> Comparison:
    """Original and branch, question by question from ``branch_point`` on: labels, layers reached, insights
    drawn out and the points each question earned; the session scores and what only one side found."""
    measure = metrics or _metrics
    m_original, m_branch = measure(original), measure(branch)
    left = _sides(original, branch_point, _effects(m_original))
    right = _sides(branch, branch_point, _effects(m_branch))
    rows = [StepComparison(step=k + 1, original=left[k] if k < len(left) else None,
                           branch=right[k] if k < len(right) else None)
            for k in range(max(len(left), len(right)))]
    before = set(_found_after(original, 0)) - set(_found_after(original, branch_point))
    found_original = [i for i in _found_after(original, branch_point) if i not in before]
    found_branch = [i for i in _found_after(branch, branch_point) if i not in before]
    deep_o, deep_b = _deepest(original, branch_point), _deepest(branch, branch_point)
    names = {v: k for k, v in _LAYERS.items()}
    deeper = {topic: names[level] for topic, level in deep_b.items() if level > deep_o.get(topic, 0)}
    findings = {str(c.get("id")): str(c.get("finding") or c.get("id"))
                for c in (original.insight_catalog or []) if isinstance(c, dict) and c.get("id")}
    score = lambda m: float(m["score"]) if isinstance(m.get("score"), (int, float)) else None  # noqa: E731
    return Comparison(
        branch_point=branch_point, rows=rows, original_score=score(m_original), branch_score=score(m_branch),
        original_insights=found_original, branch_insights=found_branch,
        only_in_branch=[i for i in found_branch if i not in found_original],
        only_in_original=[i for i in found_original if i not in found_branch],
        deeper_in_branch=deeper, findings=findings,
    )


# ------------------------------------------------------------------------------------------------
# Scripts: the ``simulate --branch-at`` command
# ------------------------------------------------------------------------------------------------


def run_script(session: Any, lines: Iterable[str | None]) -> None:
    for text in lines:
        session.ask(text)


def simulate_branch(engine: Any, persona: Persona, base: Transcript | Sequence[str | None], branch_at: int,
                    alternative: Sequence[str | None], *, seed: int = 0) -> dict[str, Any]:
    """Replay ``base`` (a recorded transcript, or script lines run now) to trainee turn ``branch_at`` and go on
    with the ``alternative`` script: {"branch_at", "original", "branch", "comparison"} as plain JSON data."""
    if isinstance(base, Transcript):
        original = base
    else:
        session = engine.start(persona, seed=seed)
        run_script(session, base)
        original = session.transcript
    branch = engine.resume(persona, branch_transcript(original, branch_at))
    run_script(branch, alternative)
    comparison = compare(original, branch.transcript, branch_at)
    return {
        "branch_at": branch_at,
        "original": original.to_dict(),
        "branch": branch.transcript.to_dict(),
        "comparison": comparison.to_dict(),
    }
