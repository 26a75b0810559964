"""Plain-text transcripts (``Speaker: text`` lines, timestamps optional) and JSON transcripts to segments."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from ..i18n import N_, Text
from ._model import ImportProblem, Notes, Segment, where
from ._speakers import CLOCK, accepted_names, name_key, split_name

__all__ = ["read_plain_text", "read_json", "clock_seconds", "ProjectJson"]

# "[00:01:23] ", "(01:23) ", "00:01:23 " at the start of a line.
_LEADING_STAMP = re.compile(
    rf"^\s*(?:\[(?P<a>{CLOCK})\]|\((?P<b>{CLOCK})\)|(?P<c>{CLOCK})(?=\s|$))\s*(?:[-–—|]\s+)?"
)
_CLOCK_PARTS = re.compile(r"(\d{1,10})(?::(\d{1,2}))?(?::(\d{1,2}))?(?:[.,](\d{1,9}))?")


def clock_seconds(value: str) -> float | None:
    """``01:23`` (minutes:seconds), ``1:02:03`` or ``00:01:23.500`` → seconds; None when it is no clock."""
    match = _CLOCK_PARTS.fullmatch(value.strip())
    if not match:
        return None
    a, b, c, fraction = match.groups()
    if b is None:
        return None
    hours, minutes, seconds = (int(a), int(b), int(c)) if c is not None else (0, int(a), int(b))
    if minutes > 59 or seconds > 59:
        return None
    part = int(fraction) / 10 ** len(fraction) if fraction else 0.0
    return round(hours * 3600 + minutes * 60 + seconds + part, 3)


def read_plain_text(text: str, file: str, notes: Notes) -> list[Segment]:
    """One segment per line; a line without a speaker name continues the speaker above it."""
    rows: list[tuple[int, float | None, str]] = []
    for index, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line:
            continue
        start = None
        stamp = _LEADING_STAMP.match(line)
        if stamp:
            start = clock_seconds(stamp.group("a") or stamp.group("b") or stamp.group("c"))
            line = line[stamp.end():].strip()
        rows.append((index + 1, start, line))

    candidates: list[str] = []
    for _, _, line in rows:
        prefix = split_name(line)
        if prefix:
            candidates.append(prefix.name)
    accepted = accepted_names(candidates)

    segments: list[Segment] = []
    for number, start, line in rows:
        speaker, said = None, line
        prefix = split_name(line)
        if prefix and name_key(prefix.name) in accepted:
            speaker, said = prefix.name, prefix.text
            if start is None and prefix.stamp:
                start = clock_seconds(prefix.stamp)
        if not said and speaker is None:
            continue
        segments.append(Segment(speaker, said, start, None, line=number))
    if not any(s.start is not None for s in segments):
        return segments
    if any(s.start is None for s in segments if s.speaker is not None):
        missing = next(s for s in segments if s.speaker is not None and s.start is None)
        notes.add("stamp", Text(N_("{where}: this line has no timestamp while others do; its turn has no time."),
                                where=where(file, missing.line)))
    return segments


class ProjectJson:
    """Marks segments read from this project's own transcript JSON, where the roles are already known."""

    def __init__(self, interviewer: str | None) -> None:
        self.interviewer = interviewer


_SPEAKER_KEYS = ("speaker", "name", "speaker_name", "speakerName", "participant", "who", "role")
_TEXT_KEYS = ("text", "content", "utterance", "transcript", "words", "said")
_START_KEYS = ("start", "start_time", "startTime", "begin", "from", "offset")
_END_KEYS = ("end", "end_time", "endTime", "stop", "to")
_ROLE_NAMES = {"trainee": "Interviewer", "persona": "Interviewee"}


def read_json(text: str, file: str, notes: Notes) -> tuple[list[Segment], ProjectJson | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportProblem(file, Text(N_("not valid JSON: {reason} (column {column})."), reason=e.msg, column=e.colno),
                            line=e.lineno,
                            fix=Text(N_("Fix the JSON there, or import the captions file (.vtt/.srt) instead."))) \
            from e
    except (ValueError, RecursionError) as e:
        raise ImportProblem(file, Text(N_("not valid JSON (a number too long, or lists nested too deeply).")),
                            fix=Text(N_("Export the transcript again from the tool that made it."))) from e
    prefix = "turns"
    if isinstance(data, dict):
        items = data.get("turns", data.get("segments", data.get("utterances")))
        prefix = next((k for k in ("turns", "segments", "utterances") if k in data), "turns")
        if not isinstance(items, list):
            raise ImportProblem(file, Text(N_("a JSON object needs a 'turns' list.")),
                                fix=Text(N_("Write {example}, or a list of such turns."),
                                         example='{"turns": [{"speaker": "Dana", "text": "…", "start": 1.5, '
                                                 '"end": 4.0}]}'))
    elif isinstance(data, list):
        items = data
        prefix = ""
    else:
        raise ImportProblem(file, Text(N_("expected a list of turns, got a JSON {kind}."), kind=type(data).__name__),
                            fix=Text(N_("Write {example}."),
                                     example='[{"speaker": "Dana", "text": "…", "start": 1.5, "end": 4.0}, …]'))

    project = isinstance(data, dict) and "persona" in data and items and all(
        isinstance(item, dict) and isinstance(item.get("speaker"), str) and item["speaker"] in _ROLE_NAMES
        for item in items)
    segments: list[Segment] = []
    interviewer: str | None = None
    for i, item in enumerate(items):
        path = f"{prefix} -> {i}" if prefix else str(i)
        if not isinstance(item, dict):
            notes.add("json", Text(N_("{file}: {path}: expected an object with 'speaker' and 'text', got {kind}; "
                                      "skipped."), file=file, path=path, kind=type(item).__name__))
            continue
        said = _first(item, _TEXT_KEYS)
        if isinstance(said, list):
            said = " ".join(str(w.get("text", w.get("word", ""))) if isinstance(w, dict) else str(w) for w in said)
        if said is None or not isinstance(said, (str, int, float)) or isinstance(said, bool):
            notes.add("json", Text(N_("{file}: {path}: no 'text'; skipped. Fix: give every turn a 'text'."),
                                   file=file, path=path))
            continue
        said = " ".join(str(said).split())
        recorded_patience = None
        if project:
            role = item["speaker"]
            name = item.get("name") if isinstance(item.get("name"), str) and item.get("name").strip() else None
            speaker = " ".join((name or _ROLE_NAMES[role]).split())
            if role == "trainee":
                interviewer = interviewer or speaker
                value = item.get("patience")
                if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                    recorded_patience = max(0.0, float(value))
        else:
            raw = _first(item, _SPEAKER_KEYS)
            speaker = " ".join(str(raw).split()) if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
            if not speaker:
                notes.add("json", Text(N_("{file}: {path}: no 'speaker'; the text was given to the speaker above. "
                                          "Fix: give every turn a 'speaker'."), file=file, path=path))
                speaker = None
        if not said:
            continue
        start = _time(item, _START_KEYS, file, path, notes)
        end = _time(item, _END_KEYS, file, path, notes)
        segments.append(Segment(speaker, said, start, end, path=path, patience=recorded_patience))
    return segments, (ProjectJson(interviewer) if project else None)


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in item and item[key] is not None:
            return item[key]
    return None


def _time(item: dict[str, Any], keys: tuple[str, ...], file: str, path: str, notes: Notes) -> float | None:
    for key in keys:
        for name, scale in ((key, 1.0), (f"{key}_ms", 0.001), (f"{key}Ms", 0.001)):
            if name not in item or item[name] is None:
                continue
            value = item[name]
            seconds: float | None = None
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                seconds = float(value) * scale
            elif isinstance(value, str):
                seconds = clock_seconds(value)
                if seconds is None:
                    try:
                        seconds = float(value) * scale
                    except ValueError:
                        seconds = None
            if seconds is None or not math.isfinite(seconds) or seconds < 0:
                notes.add("json-time", Text(N_("{file}: {path} -> {name}: expected seconds or hh:mm:ss.mmm, got "
                                               "{value}; ignored."), file=file, path=path, name=name,
                                            value=repr(str(value)[:30])))
                return None
            return round(seconds, 3)
    return None
