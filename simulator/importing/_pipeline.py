"""From a file's bytes to an ImportResult: decode, read, order, merge, tell the interviewer, measure."""

from __future__ import annotations

import copy
import math
from collections import deque
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any, Callable, Protocol, Sequence

from ..transcript import PERSONA, TRAINEE, Transcript, Turn
from ._captions import read_captions
from ._decode import FORMATS, decode_bytes, detect_format, normalise_newlines
from ..i18n import N_, Nn_, Text
from ._model import ImportProblem, Notes, Segment
from ._plain import read_json, read_plain_text
from ._speakers import count_questions, count_words, name_key

__all__ = ["ImportResult", "SpeakerStats", "Monologue", "Monologues", "load_transcript_file",
           "parse_transcript_text", "reassign", "score_imported", "IMPORTED_PERSONA_ID", "MAX_BYTES"]

# A ten-hour Teams VTT is about 3 MB; anything much larger is not one interview's captions.
MAX_BYTES = 20 * 1024 * 1024
LONG_RECORDING_S = 3 * 3600
# Caption tools round to the frame or the 10 ms; smaller overlaps are no crosstalk.
OVERLAP_TOLERANCE_S = 0.05
# The store needs a persona id; an imported interview has a real customer instead.
IMPORTED_PERSONA_ID = "imported"
# Two speakers this close in questions per turn: the guess is worth confirming.
UNCERTAIN_RATIO = 0.8
_FORMAT_NAMES = {"vtt": "WebVTT", "srt": "SRT", "txt": N_("plain text"), "json": "JSON"}
_BAD_THRESHOLD = N_("silence threshold must be a number of seconds >= 0 (got {value}).")
_THRESHOLD_FIX = N_("Pass e.g. silence_threshold=3.")


@dataclass(frozen=True)
class SpeakerStats:
    """What one speaker said: turns after merging, words, questions counted, and seconds spoken (None without times)."""

    name: str
    turns: int
    words: int
    questions: int
    seconds: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Monologue:
    """One interviewer turn, by length: its index in the transcript, seconds (None without times) and words."""

    turn_index: int
    seconds: float | None
    words: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Monologues:
    """The interviewer's longest turn in seconds and the longest in words (often the same turn)."""

    longest_seconds: Monologue | None
    longest_words: Monologue | None

    def to_dict(self) -> dict[str, Any]:
        return {"longest_seconds": self.longest_seconds.to_dict() if self.longest_seconds else None,
                "longest_words": self.longest_words.to_dict() if self.longest_words else None}


@dataclass
class ImportResult:
    """An imported interview, ready for the scorer, and what the import noticed on the way."""

    transcript: Transcript
    speakers: list[SpeakerStats]
    interviewer: str
    interviewer_guessed: bool
    warnings: list[str]
    format: str
    monologues: Monologues
    # (index of the interviewer turn, seconds it waited) for every wait of at least the silence threshold.
    silences: list[tuple[int, float]] = field(default_factory=list)
    encoding: str = "utf-8"
    # Seconds from the first turn's start to the last turn's end; None without times.
    duration: float | None = None
    silence_threshold: float = 3.0
    # Interviewer turns after an interviewee whose wait can't be measured: the turn before has no end time
    # (text with start stamps only). Their silences are unknown, never guessed from the starts.
    unmeasured_waits: int = 0
    # What the file read as, before the interviewer was chosen: reassign() starts again from here.
    _source: "_Source | None" = field(default=None, repr=False, compare=False)

    @property
    def interviewees(self) -> list[str]:
        return [s.name for s in self.speakers if name_key(s.name) != name_key(self.interviewer)]

    def summary(self) -> dict[str, Any]:
        """Everything but the transcript, as plain data (for ``--json`` outputs and the app)."""
        return {
            "format": self.format,
            "encoding": self.encoding,
            "interviewer": self.interviewer,
            "interviewer_guessed": self.interviewer_guessed,
            "interviewees": self.interviewees,
            "speakers": [s.to_dict() for s in self.speakers],
            "turns": len(self.transcript.turns),
            "duration": self.duration,
            "silence_threshold": self.silence_threshold,
            "silences": [[index, seconds] for index, seconds in self.silences],
            "unmeasured_waits": self.unmeasured_waits,
            "monologues": self.monologues.to_dict(),
            "warnings": list(self.warnings),
        }


class _Classifier(Protocol):
    def classify(self, text: str, previous: str | None = None) -> Any: ...


# Public entry points ----------------------------------------------------------------------------------------

def load_transcript_file(path: str | Path, fmt: str = "auto", *, interviewer: str | None = None,
                         silence_threshold: float = 3.0) -> ImportResult:
    """Import a transcript file (``fmt``: auto, vtt, srt, txt or json). Raises ImportProblem, and nothing else."""
    name = str(path)
    file = Path(path)
    try:
        size = file.stat().st_size
        if file.is_dir():
            raise ImportProblem(name, Text(N_("is a folder, not a transcript file.")),
                                fix=Text(N_("Pick the .vtt, .srt, .txt or .json file inside it.")))
        if size > MAX_BYTES:
            raise _too_large(name, size)
        data = file.read_bytes()
    except FileNotFoundError as e:
        raise ImportProblem(name, Text(N_("no such file.")), fix=Text(N_("Check the path and the file name."))) from e
    except OSError as e:
        raise ImportProblem(name, Text(N_("can't read the file ({reason})."), reason=str(e.strerror or e)),
                            fix=Text(N_("Check that it exists and that you may read it."))) from e
    return parse_transcript_text(data, fmt, name=name, interviewer=interviewer, silence_threshold=silence_threshold)


def parse_transcript_text(text_or_bytes: str | bytes, fmt: str = "auto", *, name: str = "<upload>",
                          interviewer: str | None = None, silence_threshold: float = 3.0) -> ImportResult:
    """Import a transcript held in memory (an upload). ``name`` is used in messages and to guess the format."""
    try:
        return _import(text_or_bytes, fmt, name=str(name), interviewer=interviewer,
                       silence_threshold=silence_threshold)
    except ImportProblem:
        raise
    except Exception as e:  # noqa: BLE001 - the promise is a message, never a traceback, even for our own bugs
        raise ImportProblem(str(name), Text(N_("could not be imported ({error})."), error=f"{type(e).__name__}: {e}"),
                            fix=Text(N_("This is a bug in the importer: please report it with the file attached."))) \
            from e


def reassign(result: ImportResult, interviewer: str | None = None, *,
             silence_threshold: float | None = None) -> ImportResult:
    """The same import with another interviewer (or silence threshold), without reading the file again.

    Gives what ``parse_transcript_text(..., interviewer=interviewer)`` gives for the same file, with a
    fresh transcript (nothing labelled). Raises ImportProblem when ``interviewer`` is no speaker in it.
    """
    source = result._source
    threshold = result.silence_threshold if silence_threshold is None else silence_threshold
    if (isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not math.isfinite(threshold)
            or threshold < 0):
        raise ImportProblem(source.file if source else "transcript",
                            Text(_BAD_THRESHOLD, value=repr(threshold)), fix=Text(_THRESHOLD_FIX))
    if source is None:
        raise ValueError("this ImportResult was not made by the importer; import the file again")
    if interviewer is None:
        chosen, guessed = result.interviewer, result.interviewer_guessed
    else:
        chosen, guessed = _match_interviewer(interviewer, source.stats, source.file), False
    notes = copy.deepcopy(source.notes)
    if guessed:
        for kind, message in source.guess_notes:
            notes.add(kind, message)
    return _result(source.turns, source.stats, chosen, guessed, notes, source.file, result.format, result.encoding,
                   threshold, source)


# What the interviewee said before a turn, as context for its label: the classifier reads the last 4,000
# characters of it; twice that is kept, so the cut never changes a label.
CONTEXT_CHARS = 8000
# Interviewer turns labelled per classify_many call: big enough for the embedder's batching, small enough
# for a progress bar to move.
SCORE_CHUNK = 512


def score_imported(result: ImportResult, classifier: _Classifier,
                   progress: Callable[[int, int], None] | None = None) -> Transcript:
    """Label every interviewer turn of ``result.transcript`` in place (``classify_many`` batches) and return it.

    Each turn is classified as ``interview-sim score`` does it: ``(text, previous, context)``, ``previous`` the
    interviewee's last words before it (None when they have not spoken), ``context`` what they said before
    that, cut to the most recent ``CONTEXT_CHARS`` characters (the classifier reads the last 4,000), so a long
    file costs linear memory. A classifier without ``classify_many`` is called turn by turn with
    ``(text, previous)``. ``progress(done, total)`` is called after each batch of ``SCORE_CHUNK`` turns (and
    once with ``(0, total)`` before the first).
    """
    from ..engine import MAX_INPUT_CHARS  # the same cut as live sessions, so the scores compare

    transcript = result.transcript
    targets: list[Turn] = []
    items: list[tuple[str, str | None, list[str]]] = []
    said: deque[str] = deque()  # the interviewee's recent turns, at least CONTEXT_CHARS of them
    said_chars = 0
    for turn in transcript.turns:
        if turn.speaker == PERSONA and turn.text.strip():
            said.append(turn.text)
            said_chars += len(turn.text) + 1
            while len(said) > 1 and said_chars - len(said[0]) - 1 >= CONTEXT_CHARS:
                said_chars -= len(said.popleft()) + 1
            continue
        if turn.speaker != TRAINEE or not turn.text.strip():
            continue
        previous = said[-1] if said else None
        targets.append(turn)
        items.append((turn.text[:MAX_INPUT_CHARS], previous, list(said)))  # as the CLI: previous included
    pairs = [(text, previous) for text, previous, _ in items]
    if not pairs:
        return transcript
    many = getattr(classifier, "classify_many", None)
    verdicts: list[Any] = []
    if progress is not None:
        progress(0, len(pairs))
    size = SCORE_CHUNK if progress is not None else len(pairs)  # without a progress bar: one batch
    for at in range(0, len(pairs), size):
        chunk = pairs[at: at + size]
        got: Sequence[Any] = (many(items[at: at + size]) if callable(many)
                              else [classifier.classify(t, p) for t, p in chunk])
        if len(got) != len(chunk):
            raise ValueError(f"the classifier returned {len(got)} verdicts for {len(chunk)} turns")
        verdicts.extend(got)
        if progress is not None:
            progress(len(verdicts), len(pairs))
    for turn, verdict in zip(targets, verdicts):
        turn.label = verdict.label.value
        turn.flags = [f.value for f in verdict.flags]
        turn.confidence = float(verdict.confidence)
        turn.reason = verdict.reason
        turn.flag_reasons = dict(getattr(verdict, "flag_reasons", {}) or {})
        turn.rewrite = getattr(verdict, "rewrite", None)
    return transcript


# The import -----------------------------------------------------------------------------------------------

@dataclass
class _Source:
    """An import before the interviewer was chosen (merged turns, speakers, warnings so far)."""

    file: str
    turns: list["_Turn"]
    stats: list[SpeakerStats]
    notes: Notes
    guess_notes: list[tuple[str, str]]


@dataclass
class _Turn:
    name: str
    text: str
    start: float | None
    end: float | None
    patience: float | None = None


def _import(raw: str | bytes, fmt: str, *, name: str, interviewer: str | None,
            silence_threshold: float) -> ImportResult:
    fmt = (fmt or "auto").lower().lstrip(".")
    if fmt not in (*FORMATS, "auto"):
        raise ImportProblem(name, Text(N_("unknown format {value}."), value=repr(fmt)),
                            fix=Text(N_("Use one of: {choices}."), choices=f"auto, {', '.join(FORMATS)}"))
    if (isinstance(silence_threshold, bool) or not isinstance(silence_threshold, (int, float))
            or not math.isfinite(silence_threshold) or silence_threshold < 0):
        raise ImportProblem(name, Text(_BAD_THRESHOLD, value=repr(silence_threshold)), fix=Text(_THRESHOLD_FIX))
    if interviewer is not None and (not isinstance(interviewer, str) or not interviewer.strip()):
        raise ImportProblem(name, Text(N_("interviewer must be a speaker's name (got {value})."),
                                       value=repr(interviewer)), fix=Text(N_("Leave it out to have it guessed.")))
    notes = Notes()
    if isinstance(raw, (bytes, bytearray, memoryview)):
        data = bytes(raw)
        if len(data) > MAX_BYTES:
            raise _too_large(name, len(data))
        text, encoding, decode_warnings = decode_bytes(data, name)
        for message in decode_warnings:
            notes.add("encoding", message)
    elif isinstance(raw, str):
        if len(raw) > MAX_BYTES:
            raise _too_large(name, len(raw))
        text, encoding = raw, "utf-8"
    else:
        raise ImportProblem(name, Text(N_("expected text or bytes, got {kind}."), kind=type(raw).__name__))
    text = normalise_newlines(text)
    if not text.strip():
        raise ImportProblem(name, Text(N_("the file is empty.")),
                            fix=Text(N_("Download the transcript again from the meeting tool; it should have the "
                                        "words.")))

    detected = detect_format(name, text) if fmt == "auto" else fmt
    suffix = PurePath(name).suffix.lower().lstrip(".")
    if fmt == "auto" and suffix in FORMATS and suffix != detected:
        notes.add("format", Text(N_("{file}: the name says .{suffix} but the content reads as {kind}; imported as "
                                    "{format}."), file=name, suffix=suffix, kind=Text(_FORMAT_NAMES[detected]),
                                 format=detected))

    project = None
    if detected in ("vtt", "srt"):
        segments = read_captions(text, detected, name, notes)
    elif detected == "txt":
        segments = read_plain_text(text, name, notes)
    else:
        segments, project = read_json(text, name, notes)
    segments = [s for s in segments if s.text]
    if not segments:
        raise ImportProblem(name, Text(N_("no speech found in this {kind} file."), kind=Text(_FORMAT_NAMES[detected])),
                            fix=Text(_NO_SPEECH[detected]))

    segments = _check_times(segments, name, notes)
    turns = _merge(segments, name, notes, detected)
    stats = _speaker_stats(turns)
    if len(stats) < 2:
        only = stats[0]
        raise ImportProblem(
            name, Text(*Nn_("only one speaker found ({name}, {n} turn), so the interviewer can't be told apart "
                            "from the interviewee.",
                            "only one speaker found ({name}, {n} turns), so the interviewer can't be told apart "
                            "from the interviewee."), only.turns, name=repr(only.name), n=only.turns),
            fix=Text(N_("Export the transcript with a name for every speaker (in Zoom and Teams: the meeting "
                        "transcript, not the closed captions), or write each line as 'Name: text'.")))

    before_guess = copy.deepcopy(notes)
    guess_notes = Notes()
    if interviewer is not None:
        chosen, guessed = _match_interviewer(interviewer, stats, name), False
    elif project is not None and project.interviewer:
        chosen, guessed = project.interviewer, False
    else:
        chosen, guessed = _guess_interviewer(stats, turns, name, guess_notes), True
        notes.extend(guess_notes)
    source = _Source(name, turns, stats, before_guess, list(guess_notes._lines))
    return _result(turns, stats, chosen, guessed, notes, name, detected, encoding, silence_threshold, source)


_NO_SPEECH = {
    "vtt": N_("Check that the cues have text under their timing lines (00:00:01.000 --> 00:00:04.000, then the words)."),
    "srt": N_("Check that the cues have text under their timing lines (00:00:01,000 --> 00:00:04,000, then the words)."),
    "txt": N_("Write one turn per line as 'Name: text'."),
    "json": N_('Give each turn a "speaker" and a "text".'),
}


def _too_large(name: str, size: int) -> ImportProblem:
    return ImportProblem(name, Text(N_("too large to be one interview's transcript ({size}; the limit is {limit})."),
                                    size=_megabytes(size), limit=_megabytes(MAX_BYTES)),
                         fix=Text(N_("Import the captions of one interview at a time.")))


def _megabytes(size: int) -> str:
    """Sizes in MB of 1024 × 1024 bytes, as upload limits are given (st.file_uploader, the README): 20 MB."""
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}.{round((seconds - whole) * 1000) % 1000:03d}"


def _check_times(segments: list[Segment], file: str, notes: Notes) -> list[Segment]:
    for s in segments:
        if s.start is not None and s.end is not None and s.end < s.start:
            notes.add("end-before-start", Text(N_("{where}: ends ({end}) before it starts ({start}); its end was set "
                                                  "to its start. Fix the timing."), where=s.location(file),
                                               end=_clock(s.end), start=_clock(s.start)))
            s.end = s.start
    latest: float | None = None
    unordered = False
    for s in segments:
        if s.start is None:
            continue
        if latest is not None and s.start < latest - OVERLAP_TOLERANCE_S:
            unordered = True
            notes.add("order", Text(N_("{where}: starts at {start}, before a cue above it ({before}); the cues were "
                                       "put in time order. If this cue is in the right place, fix its timing."),
                                    where=s.location(file), start=_clock(s.start), before=_clock(latest)))
        latest = s.start if latest is None else max(latest, s.start)
    if unordered:
        if all(s.start is not None for s in segments):
            segments = sorted(segments, key=lambda s: s.start)  # stable: equal starts keep the file's order
        else:
            notes.add("order", Text(N_("{file}: some cues have no time, so the file's order was kept."), file=file))
    previous: Segment | None = None
    for s in segments:
        if (previous is not None and s.start is not None and previous.end is not None
                and s.start < previous.end - OVERLAP_TOLERANCE_S and previous.speaker is not None
                and s.speaker is not None and name_key(s.speaker) != name_key(previous.speaker)):
            notes.add("overlap", Text(N_("{where}: starts {seconds:.1f} s before the cue above ends (people talking "
                                         "at once?); both were kept, and a wait before it counts as 0 s."),
                                      where=s.location(file), seconds=previous.end - s.start))
        if s.start is not None or s.end is not None:
            previous = s
    return segments


def _merge(segments: list[Segment], file: str, notes: Notes, fmt: str) -> list[_Turn]:
    turns: list[_Turn] = []
    parts: list[list[str]] = []
    keys: list[str] = []
    display: dict[str, str] = {}
    for s in segments:
        if s.speaker is None:
            if not turns:
                notes.add("no-speaker", Text(N_("{where}: text before the first speaker name ({text}) was skipped. "
                                                "Fix: start the line with 'Name: '."),
                                             where=s.location(file), text=repr(s.text[:40])))
                continue
            key = keys[-1]
        else:
            key = name_key(s.speaker)
            display.setdefault(key, s.speaker)
        if turns and keys[-1] == key:
            turn = turns[-1]
            parts[-1].append(s.text)  # joined once below: no quadratic string building for a long monologue
            if turn.start is None:
                turn.start = s.start
            if s.end is not None:
                turn.end = s.end if turn.end is None else max(turn.end, s.end)
            continue
        turns.append(_Turn(display[key], s.text, s.start, s.end, s.patience))
        parts.append([s.text])
        keys.append(key)
    for turn, said in zip(turns, parts):
        if len(said) > 1:
            turn.text = " ".join(said)
    if not turns:
        raise ImportProblem(file, Text(N_("no speaker names found, so the interviewer can't be told apart from the "
                                          "interviewee.")), fix=Text(_NO_NAMES.get(fmt, _NO_NAMES["txt"])))
    return turns


_NO_NAMES = {
    "vtt": N_("Export the meeting transcript with speaker names (Zoom: the recording's audio transcript; Teams: "
           "'Download as .vtt'), or start each cue's text with 'Name: '."),
    "srt": N_("Start each cue's text with 'Name: ', or export the transcript as .vtt with speaker names."),
    "txt": N_("Start each turn with 'Name: ', e.g. 'Dana: How did you pay the last invoice?'."),
    "json": N_('Give each turn a "speaker".'),
}


def _speaker_stats(turns: list[_Turn]) -> list[SpeakerStats]:
    order: dict[str, dict[str, Any]] = {}
    for turn in turns:
        entry = order.setdefault(name_key(turn.name), {"name": turn.name, "turns": 0, "words": 0, "questions": 0,
                                                       "seconds": None})
        entry["turns"] += 1
        entry["words"] += count_words(turn.text)
        entry["questions"] += count_questions(turn.text)
        if turn.start is not None and turn.end is not None:
            entry["seconds"] = round((entry["seconds"] or 0.0) + turn.end - turn.start, 3)
    return [SpeakerStats(**entry) for entry in order.values()]


def _listing(stats: list[SpeakerStats]) -> str:
    return ", ".join(f"{s.name!r} ({s.turns} turn{'s' if s.turns != 1 else ''})" for s in stats)


def _match_interviewer(given: str, stats: list[SpeakerStats], file: str) -> str:
    key = name_key(given)
    for s in stats:
        if name_key(s.name) == key:
            return s.name
    # "Dana" for "Dana Whitfield", when only one speaker has that first name.
    by_first = [s for s in stats if name_key(s.name).split(" ")[0] == key]
    if len(by_first) == 1:
        return by_first[0].name
    raise ImportProblem(file, Text(N_("interviewer {name} is not a speaker in this file. Speakers found: {found}."),
                                   name=repr(given), found=_listing(stats)),
                        fix=Text(N_("Pass one of these names as the interviewer.")))


def _guess_interviewer(stats: list[SpeakerStats], turns: list[_Turn], file: str, notes: Notes) -> str:
    # Questions per turn, with one turn added so a speaker with a single question does not win outright.
    scores = {s.name: s.questions / (s.turns + 1) for s in stats}
    ranked = sorted(stats, key=lambda s: -scores[s.name])  # stable: ties go to who spoke first
    best = ranked[0]
    if scores[best.name] == 0:
        first = turns[0].name
        notes.add("interviewer", Text(N_("{file}: nobody asks a question, so the first speaker ({name}) was taken "
                                         "for the interviewer. Confirm it, or name the interviewer."),
                                      file=file, name=repr(first)))
        return first
    runner = ranked[1]
    if scores[runner.name] >= UNCERTAIN_RATIO * scores[best.name]:
        notes.add("interviewer", Text(N_("{file}: the interviewer guess is uncertain: {name} asks {questions} "
                                         "questions in {turns} turns, {other} {other_questions} in {other_turns}. "
                                         "Confirm it, or name the interviewer."),
                                      file=file, name=repr(best.name), questions=best.questions, turns=best.turns,
                                      other=repr(runner.name), other_questions=runner.questions,
                                      other_turns=runner.turns))
    return best.name


def _result(turns: list[_Turn], stats: list[SpeakerStats], interviewer: str, guessed: bool, notes: Notes,
            file: str, fmt: str, encoding: str, silence_threshold: float, source: _Source | None = None) -> ImportResult:
    interviewer_key = name_key(interviewer)
    interviewees = [s.name for s in stats if name_key(s.name) != interviewer_key]
    started_at = time.time()
    transcript = Transcript(persona_id=IMPORTED_PERSONA_ID, persona_name=", ".join(interviewees),
                            trainee=interviewer, source="imported", started_at=started_at)
    silences: list[tuple[int, float]] = []
    unmeasured = measured = 0
    previous: _Turn | None = None
    for raw in turns:
        is_interviewer = name_key(raw.name) == interviewer_key
        turn = Turn(speaker=TRAINEE if is_interviewer else PERSONA, text=raw.text, name=raw.name,
                    start=raw.start, end=raw.end,
                    at=started_at + (raw.start or 0.0))
        if not is_interviewer:
            turn.backend = "imported"  # nobody generated this reply: a real customer said it
        if is_interviewer and previous is not None and name_key(previous.name) != interviewer_key:
            waited: float | None = None
            if raw.start is not None and previous.end is not None:
                waited = round(raw.start - previous.end, 3)
            elif raw.patience is not None:
                waited = raw.patience
            if waited is not None:
                measured += 1
                turn.patience = max(0.0, waited)
                if waited >= silence_threshold:
                    silences.append((len(transcript.turns), turn.patience))
            elif raw.start is not None:
                unmeasured += 1  # a start, but the turn before has no end: its talking time, not a wait
        elif is_interviewer and raw.patience is not None:
            turn.patience = raw.patience
        transcript.add(turn)
        previous = raw

    if unmeasured:
        how = "" if not measured else Text(N_(" ({n} of {total} waits)"), n=unmeasured, total=unmeasured + measured)
        notes.add("start-times", Text(N_("{file}: the turns have start times but no end times, so a wait before the "
                                         "interviewer spoke can't be told apart from the other person's talking "
                                         "time: silences were not measured{how}. Import captions (.vtt/.srt) or JSON "
                                         "with end times to measure them."), file=file, how=how))
    mine = [t for t in transcript.turns if t.speaker == TRAINEE]
    lengths = [Monologue(t.index, _seconds(t), count_words(t.text)) for t in mine]
    timed = [m for m in lengths if m.seconds is not None]
    monologues = Monologues(
        longest_seconds=max(timed, key=lambda m: m.seconds) if timed else None,
        longest_words=max(lengths, key=lambda m: m.words) if lengths else None,
    )
    starts = [t.start for t in transcript.turns if t.start is not None]
    ends = [t.end for t in transcript.turns if t.end is not None]
    duration = round(max(ends) - min(starts), 3) if starts and ends and max(ends) >= min(starts) else None
    if duration is not None and duration > LONG_RECORDING_S:
        notes.add("long", Text(N_("{file}: the recording lasts {hours:.1f} hours: imported whole. If it holds "
                                  "several interviews, split the file so each one is scored on its own."),
                               file=file, hours=duration / 3600))
    if duration is not None:
        transcript.ended_at = started_at + duration
    return ImportResult(transcript=transcript, speakers=stats, interviewer=interviewer, interviewer_guessed=guessed,
                        warnings=notes.as_list(), format=fmt, monologues=monologues, silences=silences,
                        encoding=encoding, duration=duration, silence_threshold=float(silence_threshold),
                        unmeasured_waits=unmeasured, _source=source)


def _seconds(turn: Turn) -> float | None:
    if turn.start is None or turn.end is None:
        return None
    return round(turn.end - turn.start, 3)
