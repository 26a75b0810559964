"""WebVTT and SRT captions to segments: webvtt-py reads the file, a line-by-line reader takes over where it can't.

webvtt-py keeps no line numbers, and in its lenient modes it drops a cue it cannot read without a word. So
the line reader below runs on every file: when webvtt-py reads the same cues with the same times, its cue
text is used and the line reader only contributes line numbers; when webvtt-py refuses the file or
disagrees, the line reader's cues are used, with a warning for each line it had to skip or repair.

webvtt-py is the slower half (about half the import time of a long file), so it runs only where it can
change the outcome: when the line reader had something to repair, and the file has at most
``CROSS_CHECK_MAX_CUES`` cues. On a file the line reader reads without a note, both give the same cues
with the same text (checked on every fixture and on generated files).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import webvtt
from webvtt.models import Caption

from ..i18n import N_, Text
from ._model import Notes, Segment, where
from ._speakers import NamePrefix, accepted_names, clean_cue_text, name_key, split_name

__all__ = ["read_captions"]

_FIELD = r"\d{1,10}(?::\d{1,2}){1,2}(?:[.,]\d{1,9})?"
_TIMING = re.compile(rf"^\s*(?P<start>{_FIELD})\s*-->\s*(?P<end>{_FIELD})(?=\s|$)")
# A timing line whose arrow was lost or mistyped ("00:00:10.000 - 00:00:14.000"): only trusted where a
# timing line belongs, at the start of a block or after a cue identifier.
_TIMING_LIKE = re.compile(r"^\s*\d{1,10}:\d{1,2}[\d:.,]*\s+\S{0,4}\s*\d{1,10}:\d{1,2}")
# A timing line cut short ("00:00:30.000 --", "00:00:30.000"): the start is there, the arrow or the end is not.
_TIMING_CUT = re.compile(rf"^\s*(?P<start>{_FIELD})\s*(?:-{{1,2}}>?|[–—])?\s*$")
_CLOCK = re.compile(r"(\d{1,10})(?::(\d{1,2}))?:(\d{1,2})(?:[.,](\d{1,9}))?")
_VOICE = Caption.VOICE_SPAN_PATTERN  # <v Name>, <v.loud Name>: webvtt-py's own pattern
CROSS_CHECK_MAX_CUES = 5000
_EXAMPLE = {"vtt": "00:01:02.500 --> 00:01:05.000", "srt": "00:01:02,500 --> 00:01:05,000"}


@dataclass
class _Cue:
    line: int
    start: float | None
    end: float | None
    lines: list[str] = field(default_factory=list)


def read_captions(text: str, fmt: str, file: str, notes: Notes) -> list[Segment]:
    lines = text.split("\n")
    own_notes = Notes()
    cues = _read_lines(lines, fmt, file, own_notes)
    checked = bool(own_notes.kinds) and len(cues) <= CROSS_CHECK_MAX_CUES
    from_webvtt, refusal = _read_webvtt(text, fmt) if checked else (None, None)
    if not own_notes.kinds:
        pass  # nothing to repair: webvtt-py would read the same cues and text
    elif from_webvtt is not None and _same_cues(from_webvtt, cues):
        for cue, caption in zip(cues, from_webvtt):
            cue.lines = list(caption.lines)
    else:
        if refusal and own_notes.kinds - {"header"}:
            notes.add("fallback", Text(N_("{file}: webvtt-py could not read this file ({reason}); it was read line "
                                          "by line instead, and the warnings below name the lines to fix."),
                                       file=file, reason=refusal))
        notes.extend(own_notes)
    _check_end(text, lines, cues, file, notes)
    return _segments(cues)


def _read_webvtt(text: str, fmt: str) -> tuple[list[Caption] | None, str | None]:
    if fmt == "vtt" and not text.lstrip().startswith("WEBVTT"):
        return None, None  # webvtt-py refuses it as "Invalid format"; the header warning says more
    try:
        if fmt == "vtt":
            return webvtt.from_string(text, strict=True).captions, None
        return webvtt.WebVTT.from_buffer(io.StringIO(text), format="srt").captions, None
    except Exception as e:  # noqa: BLE001 - any refusal of the third-party parser means: read it line by line
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        return None, reason[:120]


def _same_cues(captions: list[Caption], cues: list[_Cue]) -> bool:
    kept = [c for c in cues if any(line.strip() for line in c.lines)]
    if len(kept) != len(cues) or len(captions) != len(cues):
        return False
    for caption, cue in zip(captions, cues):
        if cue.start is None or cue.end is None:
            return False
        if (caption.start_time.in_milliseconds() != round(cue.start * 1000)
                or caption.end_time.in_milliseconds() != round(cue.end * 1000)):
            return False
    return True


def _clock(value: str, fmt: str) -> float | None:
    match = _CLOCK.fullmatch(value)
    if not match:
        return None
    first, minutes, seconds, fraction = match.groups()
    hours, minutes = (int(first), int(minutes)) if minutes is not None else (0, int(first))
    if minutes > 59 or int(seconds) > 59:
        return None
    fraction = fraction or ""
    # As webvtt-py reads them: VTT pads the fraction ("5" is 500 ms), SRT reads it as milliseconds.
    millis = int(fraction) if fmt == "srt" and fraction else int(fraction.ljust(3, "0")[:3])
    return round(hours * 3600 + minutes * 60 + int(seconds) + millis / 1000, 3)


def _timing(line: str, fmt: str) -> tuple[float, float] | None:
    match = _TIMING.match(line)
    if not match:
        return None
    start, end = _clock(match.group("start"), fmt), _clock(match.group("end"), fmt)
    if start is None or end is None:
        return None
    return start, end


def _read_lines(lines: list[str], fmt: str, file: str, notes: Notes) -> list[_Cue]:
    """The tolerant reader: blocks split at empty lines, a cue wherever a timing line belongs."""
    cues: list[_Cue] = []
    target: list[str] | None = None  # where the next text line goes; None: skip it
    block_start = True
    after_identifier = False
    seen_content = False
    first = next(((i + 1, line.strip()) for i, line in enumerate(lines) if line.strip()), None)
    if fmt == "vtt" and first and not first[1].startswith("WEBVTT") and any("-->" in line for line in lines):
        notes.add("header", Text(N_("{where}: no WEBVTT header; the cues were read anyway. Fix: make 'WEBVTT' the "
                                    "first line."), where=where(file, first[0])))
    for index, raw in enumerate(lines):
        line = raw.strip()
        number = index + 1
        if not line:
            block_start, after_identifier, target = True, False, None
            continue
        first_of_block, block_start = block_start, False
        at_timing_place = first_of_block or after_identifier
        after_identifier = False
        cut = _TIMING_CUT.match(line) if at_timing_place or "-->" not in line else None
        if "-->" in line or (at_timing_place and (_TIMING_LIKE.match(line) or cut)):
            times = _timing(line, fmt)
            example = _EXAMPLE.get(fmt, _EXAMPLE["vtt"])
            start = _clock(cut.group("start"), fmt) if cut else None
            if times is None and start is not None:
                notes.add("timing", Text(N_("{where}: the cue timing is cut off ({text}); its text was kept, "
                                            "starting at {start} with no end time. Fix the line to read like "
                                            "{example}."), where=where(file, number), text=repr(line[:60]),
                                         start=line.strip()[:len(cut.group('start'))], example=example))
                cues.append(_Cue(number, start, None))
            elif times is None:
                notes.add("timing", Text(N_("{where}: can't read the cue timing {text}; its text was kept without "
                                            "times. Fix the line to read like {example}."),
                                         where=where(file, number), text=repr(line[:60]), example=example))
                cues.append(_Cue(number, None, None))
            else:
                cues.append(_Cue(number, *times))
            target = cues[-1].lines
            seen_content = True
            continue
        if not first_of_block:
            if target is not None:
                target.append(line)
            continue
        # The first line of a block that is no timing line.
        if not seen_content:
            seen_content = True
            if fmt == "vtt" and line.startswith("WEBVTT"):
                target = None
                continue
        if fmt == "vtt" and (line.startswith("NOTE") or line == "STYLE" or line.startswith("REGION")):
            target = None
            continue
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if "-->" in following or _TIMING_LIKE.match(following) or _TIMING_CUT.match(following):
            after_identifier = True  # a cue identifier: "12", or Teams' "3f1c…-7b1d/12-0"
            target = None
            continue
        if line.isdigit():
            target = None  # a lone cue number whose timing line is missing below
            continue
        if cues:
            if fmt == "vtt":
                notes.add("orphan", Text(N_("{where}: text without a cue timing line ({text}); it was added to the "
                                            "cue above. Fix: add its timing line, or remove the empty line above "
                                            "it."), where=where(file, number), text=repr(line[:40])))
            # SRT: blank lines inside a cue's text are common, and players keep the text with the cue.
            target = cues[-1].lines
            target.append(line)
        else:
            notes.add("orphan", Text(N_("{where}: text before the first cue ({text}) was skipped."),
                                     where=where(file, number), text=repr(line[:40])))
            target = None
    return cues


_SENTENCE_END = re.compile(r"[.?!…)\]\"'’”>♪-]\s*$")


def _check_end(text: str, lines: list[str], cues: list[_Cue], file: str, notes: Notes) -> None:
    """Warn when the file looks cut off at its end (a partial download or copy): what was read is kept."""
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), None)
    if last is None or not cues:
        return
    number, line = last + 1, lines[last].strip()
    fix = Text(N_("If the file was cut off (a partial download or copy), export or download it again."))
    if cues[-1].line == number:
        notes.add("truncated", Text(N_("{where}: the file ends with a cue timing line and no text under it; it looks "
                                       "cut off there. The cues above were imported. {fix}"),
                                    where=where(file, number), fix=fix))
    elif line.isdigit() and (last == 0 or not lines[last - 1].strip()):
        notes.add("truncated", Text(N_("{where}: the file ends with a cue number and no timing or text; it looks cut "
                                       "off there. The cues above were imported. {fix}"),
                                    where=where(file, number), fix=fix))
    elif not text.endswith("\n") and not _SENTENCE_END.search(line):
        notes.add("truncated", Text(N_("{where}: the file ends in mid-sentence, without a final line break ({text}); "
                                       "it may have been cut off there. {fix}"),
                                    where=where(file, number), text=repr(line[-40:]), fix=fix))


def _segments(cues: list[_Cue]) -> list[Segment]:
    """Cue lines to speaker segments. A cue's lines may change speaker: the cue's time is then shared out."""
    parsed: list[list[tuple[str | None, str]]] = []
    for cue in cues:
        lines: list[tuple[str | None, str]] = []
        for raw in cue.lines:
            voice = _VOICE.match(raw.strip())
            text = clean_cue_text(raw)
            if voice or text:
                lines.append((" ".join(voice.group(1).split()) if voice else None, text))
        parsed.append(lines)
    voices = any(voice for lines in parsed for voice, _ in lines)
    accepted: set[str] = set()
    prefixes: dict[str, NamePrefix | None] = {}  # each cue line is read for a name once
    if not voices:
        candidates: list[str] = []
        for lines in parsed:
            for _, text in lines:
                prefix = prefixes[text] = split_name(text)
                if prefix:
                    candidates.append(prefix.name)
        accepted = accepted_names(candidates)

    segments: list[Segment] = []
    for cue, lines in zip(cues, parsed):
        speakers: list[str | None] = []
        texts: list[list[str]] = []
        for voice, text in lines:
            speaker = voice
            if not voices:
                prefix = prefixes[text]
                if prefix and name_key(prefix.name) in accepted:
                    speaker, text = prefix.name, prefix.text
            if speakers and (speaker is None or name_key(speaker) == name_key(speakers[-1] or "")):
                texts[-1].append(text)
            else:
                speakers.append(speaker)
                texts.append([text])
        pieces = [(speaker, " ".join(t for t in said if t)) for speaker, said in zip(speakers, texts)]
        segments.extend(_share_time(cue, [(speaker, text) for speaker, text in pieces if text]))
    return segments


def _share_time(cue: _Cue, pieces: list[tuple[str | None, str]]) -> list[Segment]:
    if len(pieces) <= 1 or cue.start is None or cue.end is None:
        return [Segment(speaker, text, cue.start, cue.end, line=cue.line) for speaker, text in pieces]
    # Several speakers in one cue: share its time out by the length of what each said.
    total = sum(len(text) for _, text in pieces)
    out, at = [], cue.start
    for i, (speaker, text) in enumerate(pieces):
        end = cue.end if i == len(pieces) - 1 else round(at + (cue.end - cue.start) * len(text) / total, 3)
        out.append(Segment(speaker, text, at, end, line=cue.line))
        at = end
    return out
