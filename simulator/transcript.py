"""Turns and transcripts: plain dataclasses that serialise to the JSON that ``simulate --json`` prints."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterable

__all__ = ["Turn", "Transcript", "TRAINEE", "PERSONA", "SILENCE_TEXT"]

TRAINEE = "trainee"
PERSONA = "persona"
# How a silence turn reads in text exports; the turn itself has empty text and label "silence".
SILENCE_TEXT = "[silence]"


@dataclass
class Turn:
    """One turn of an interview. Trainee turns carry the scorer's verdict; persona turns what was disclosed.

    Fields that do not apply to a speaker keep their defaults (``None`` or empty).
    """

    speaker: str
    text: str
    index: int = 0
    at: float = field(default_factory=time.time)
    # Imported transcripts: the speaker's name as written in the file, and cue times in seconds
    # from the start of the recording (None for simulated interviews).
    name: str | None = None
    start: float | None = None
    end: float | None = None
    # Interviewer (trainee) turns --------------------------------------------------------
    label: str | None = None
    flags: list[str] = field(default_factory=list)
    confidence: float | None = None
    reason: str | None = None
    flag_reasons: dict[str, str] = field(default_factory=dict)
    rewrite: str | None = None
    # Seconds the interviewer waited after the persona's last turn before this one (patience).
    patience: float | None = None
    # Persona turns -------------------------------------------------------------------------
    topic: str | None = None
    layer: str | None = None
    insights: list[str] = field(default_factory=list)
    # Insights revealed in this turn on a topic a leading question had already coloured.
    contaminated_insights: list[str] = field(default_factory=list)
    contaminated: bool = False
    # What the disclosure policy did: answer, closed, leading, pitch, hypothetical, unknown,
    # silence, silence_end, greeting, go_ahead, thanks, closing, break_character, reflection, acknowledge, opening.
    move: str | None = None
    # Whether the topic still had more to tell after this turn (a silence after it is well placed).
    had_more: bool | None = None
    backend: str = "authored"
    guard: str | None = None

    @property
    def is_silence(self) -> bool:
        return self.speaker == TRAINEE and self.label == "silence"

    @property
    def display_text(self) -> str:
        return SILENCE_TEXT if self.is_silence else self.text

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.speaker == TRAINEE:
            for key in ("topic", "layer", "insights", "contaminated_insights", "contaminated", "move",
                        "had_more", "backend", "guard"):
                data.pop(key)
        else:
            for key in ("label", "flags", "confidence", "reason", "flag_reasons", "rewrite", "patience"):
                data.pop(key)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Turn":
        known = {f.name for f in fields(cls)}
        if "speaker" not in data or "text" not in data:
            raise ValueError("a turn needs 'speaker' and 'text'")
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Transcript:
    """A whole interview: who was interviewed, every turn, and the insights that could be found."""

    persona_id: str
    persona_name: str = ""
    language: str = "en"
    seed: int = 0
    trainee: str | None = None
    source: str = "practice"
    started_at: float = field(default_factory=time.time)
    ended_at: float | None = None
    # Every insight of the persona: {"id", "finding", "topic", "layer", "hint"}.
    insight_catalog: list[dict[str, Any]] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)

    @property
    def next_index(self) -> int:
        """The index the next turn gets: one past the last turn's (a stored session that lost turns to an old
        outage keeps its gap rather than reusing an index)."""
        return self.turns[-1].index + 1 if self.turns else 0

    def add(self, turn: Turn) -> Turn:
        """Number ``turn`` as the next turn and append it."""
        turn.index = self.next_index
        self.turns.append(turn)
        return turn

    def append_numbered(self, turn: Turn) -> Turn:
        """Append a turn already numbered (and committed) as the next one; refuses any other index, so the live
        transcript can never disagree with the store about which turn is which."""
        if turn.index != self.next_index:
            raise ValueError(f"turn {turn.index} cannot follow turn {self.next_index - 1}: expected index "
                             f"{self.next_index}")
        self.turns.append(turn)
        return turn

    @property
    def trainee_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == TRAINEE]

    @property
    def persona_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == PERSONA]

    def uncovered(self) -> dict[str, int]:
        """Insight id -> index of the turn that first revealed it."""
        found: dict[str, int] = {}
        for turn in self.persona_turns:
            for insight in turn.insights:
                found.setdefault(insight, turn.index)
        return found

    def contaminated_insights(self) -> set[str]:
        out: set[str] = set()
        for turn in self.persona_turns:
            out.update(turn.contaminated_insights)
        return out

    def summary(self) -> dict[str, Any]:
        uncovered = self.uncovered()
        return {
            "insights_total": len(self.insight_catalog),
            "insights_uncovered": list(uncovered),
            "insights_contaminated": sorted(self.contaminated_insights()),
            "trainee_turns": len(self.trainee_turns),
            "persona_turns": len(self.persona_turns),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "persona": self.persona_id,
            "persona_name": self.persona_name,
            "language": self.language,
            "seed": self.seed,
            "trainee": self.trainee,
            "source": self.source,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "insight_catalog": list(self.insight_catalog),
            "turns": [t.to_dict() for t in self.turns],
            "summary": self.summary(),
        }

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Transcript":
        if not isinstance(data, dict) or "turns" not in data:
            raise ValueError("not a transcript: expected an object with 'persona' and 'turns'")
        if not isinstance(data["turns"], list):
            raise ValueError("'turns' must be a list")
        turns: list[Turn] = []
        for i, raw in enumerate(data["turns"]):
            if not isinstance(raw, dict):
                raise ValueError(f"turns -> {i}: expected an object, got {type(raw).__name__}")
            try:
                turns.append(Turn.from_dict(raw))
            except (TypeError, ValueError) as e:
                raise ValueError(f"turns -> {i}: {e}") from e
        transcript = cls(
            persona_id=str(data.get("persona") or ""),
            persona_name=str(data.get("persona_name") or ""),
            language=str(data.get("language") or "en"),
            seed=int(data.get("seed") or 0),
            trainee=data.get("trainee"),
            source=str(data.get("source") or "practice"),
            started_at=float(data.get("started_at") or time.time()),
            ended_at=data.get("ended_at"),
            insight_catalog=list(data.get("insight_catalog") or []),
        )
        if not transcript.insight_catalog:
            total = (data.get("summary") or {}).get("insights_total")
            if isinstance(total, int):
                transcript.insight_catalog = [{"id": f"insight-{i + 1}"} for i in range(total)]
        for turn in turns:
            transcript.add(turn)
        return transcript

    @classmethod
    def from_json(cls, text: str) -> "Transcript":
        return cls.from_dict(json.loads(text))

    def extend(self, turns: Iterable[Turn]) -> None:
        for turn in turns:
            self.add(turn)
