"""The non-UI half of the "Score a transcript" page: read an upload, score it, save it, export it.

Nothing here imports streamlit, so the tests call these functions directly. The page keeps what they return
in ``st.session_state`` under the upload's content hash, so a rerun neither reads the file again nor loses
the scores.

    parsed = parse_upload(data, "interview.vtt")           # never raises: parsed.problem says what went wrong
    scored = score_upload(parsed, "Dana", 3.0, classifier) # labels the interviewer's turns, computes the metrics
    sid = save_scored(store, "Dana", scored)               # a finished session with source "imported"
    scored_json(scored), scored_markdown(scored)           # the downloads
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from scoring.metrics import compute_metrics, silence_before
from simulator import export
from simulator import i18n as core
from simulator.i18n import N_
from simulator.importing import MAX_BYTES, ImportProblem, ImportResult, parse_transcript_text, reassign, score_imported
from simulator.transcript import TRAINEE, Transcript

__all__ = [
    "FORMAT_CHOICES", "FORMAT_NAMES", "MAX_UPLOAD_MB", "NAME_MAX", "PASTE_NAME", "Parsed", "Scored",
    "clock", "content_hash", "default_save_name", "download_stem", "finish_saved", "label_rows", "parse_upload",
    "preview_rows", "save_scored", "score_upload", "scored_json", "scored_markdown", "silences_by_turn",
    "speaker_rows", "start_saved", "upload_key", "score_key", "check_save_name", "PAGE_TURNS", "MAX_PAGE_TURNS", "turn_pages",
    "page_of_turns", "turn_count",
]

log = logging.getLogger(__name__)

# The importer's limit, in the unit st.file_uploader takes (MB).
MAX_UPLOAD_MB = MAX_BYTES // (1024 * 1024)
FORMAT_CHOICES = ("auto", "vtt", "srt", "txt", "json")
FORMAT_NAMES = {
    "auto": N_("Detect it"),
    "vtt": N_("WebVTT (Zoom, Teams, Meet)"),
    "srt": N_("SRT subtitles"),
    "txt": N_("Text (Name: words)"),
    "json": "JSON",
}
# How pasted text is named in messages ("pasted text, line 4: …").
PASTE_NAME = "pasted text"
# The store's limit on a trainee's name.
NAME_MAX = 200
PREVIEW_TURNS = 6
# The page scores at most this many turns of one recording (about nine hours of interview at ~650 turns an
# hour), so an upload is read, scored and shown within seconds; longer files are refused with this limit and
# pointed at the command line, which has none.
MAX_PAGE_TURNS = 6000
# Caption files are counted before they are read: a file with four times as many cues as that is refused at
# once (consecutive cues of one speaker merge into one turn, but not four to one over a whole file).
MAX_PAGE_CUES = 4 * MAX_PAGE_TURNS
# "Turn by turn" shows this many turns at a time: a 50,000-cue file is a page of 100, not 45,000 chat bubbles.
PAGE_TURNS = 100


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def upload_key(data: bytes | str, name: str, fmt: str) -> str:
    """What the page caches an upload under: its content hash, then the format and name it is read with."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return f"{content_hash(data)}:{fmt}:{content_hash(str(name).encode('utf-8', 'replace'))[:12]}"


@dataclass
class Parsed:
    """One upload as read with the interviewer guessed: ``result``, or ``problem`` when it can't be imported."""

    key: str  # content hash + format + name: what the page caches the upload under
    content: str  # the content hash alone (a saved session is remembered per recording)
    name: str
    fmt: str
    data: bytes
    result: ImportResult | None = None
    problem: str | None = None


@dataclass
class Scored:
    """An upload scored with a confirmed interviewer and silence threshold."""

    key: str  # Parsed.key + interviewer + threshold
    interviewer: str
    silence_threshold: float
    result: ImportResult
    metrics: dict[str, Any]

    @property
    def transcript(self) -> Transcript:
        return self.result.transcript


def parse_upload(data: bytes | str, name: str, fmt: str = "auto", language: str | None = None) -> Parsed:
    """Read an upload (bytes of a file, or pasted text). Never raises: ``problem`` holds the message instead,
    in the interface ``language``."""
    _ = core.translator(language)
    if isinstance(data, str):
        data = data.encode("utf-8")
    name = str(name or "upload")
    key = upload_key(data, name, fmt)
    parsed = Parsed(key=key, content=key.split(":", 1)[0], name=name, fmt=fmt, data=data)
    if len(data) > MAX_BYTES:
        parsed.problem = _("{name}: too large to be one interview's transcript ({size} MB; the limit is {limit} MB). "
                           "Import the captions of one interview at a time.").format(
            name=name, size=core.fmt_decimal(len(data) / 1024 / 1024, language, 1),
            limit=core.fmt_number(MAX_UPLOAD_MB, language))
        return parsed
    cues = data.count(b"-->")
    if cues > MAX_PAGE_CUES:
        parsed.problem = _("{name}: {n} captions — more than this page scores at once (the limit is {limit} turns, "
                           "about nine hours of interview).").format(
            name=name, n=core.fmt_number(cues, language), limit=core.fmt_number(MAX_PAGE_TURNS, language)) \
            + " " + _too_long_fix(name, language)
        return parsed
    try:
        result = parse_transcript_text(data, fmt, name=name)
        turns = len(result.transcript.turns)
        if turns > MAX_PAGE_TURNS:
            parsed.problem = _("{name}: {n} turns — more than this page scores at once (the limit is {limit} "
                               "turns, about nine hours of interview).").format(
                name=name, n=core.fmt_number(turns, language), limit=core.fmt_number(MAX_PAGE_TURNS, language)) \
                + " " + _too_long_fix(name, language)
        else:
            parsed.result = result
    except ImportProblem as e:
        parsed.problem = e.localized(language)
    except Exception as e:  # noqa: BLE001 - the importer promises ImportProblem; a page shows a message regardless
        log.exception("importing %s failed", name)
        parsed.problem = _("{name}: could not be imported ({error}). Please report it with the file.").format(
            name=name, error=type(e).__name__)
    return parsed


def _too_long_fix(name: str, language: str | None = None) -> str:
    base = PurePath(str(name).replace("\\", "/")).name
    word = base if re.fullmatch(r"[\w.,+-]+", base) else "FILE"
    _ = core.translator(language)
    return _("Split the recording into one file per interview, or score it on the command line, which has no such "
             "limit:") + f" interview-sim score {word}"


def score_key(parsed: Parsed, interviewer: str, silence_threshold: float) -> str:
    return f"{parsed.key}|{interviewer}|{float(silence_threshold):g}"


def score_upload(parsed: Parsed, interviewer: str, silence_threshold: float, classifier: Any,
                 progress: Any = None) -> Scored:
    """Label the interviewer's turns (in batches) and compute the session metrics, as ``score`` does.

    The file is not read again: the parsed import is re-cut for this interviewer and threshold
    (``simulator.importing.reassign``). ``progress(done, total)`` is called as batches of turns are labelled.
    Raises ImportProblem when the file can't be read with this interviewer (not a speaker in it).
    """
    if parsed.result is not None:
        result = reassign(parsed.result, interviewer, silence_threshold=float(silence_threshold))
    else:
        result = parse_transcript_text(parsed.data, parsed.fmt, name=parsed.name, interviewer=interviewer,
                                       silence_threshold=float(silence_threshold))
    score_imported(result, classifier, progress=progress)
    metrics = compute_metrics(result.transcript, silence_threshold=float(silence_threshold)).to_dict()
    return Scored(key=score_key(parsed, interviewer, silence_threshold), interviewer=result.interviewer,
                  silence_threshold=float(silence_threshold), result=result, metrics=metrics)


# What the page shows ------------------------------------------------------------------------------------------

def clock(seconds: float | None) -> str:
    """``83.4`` -> ``"1:23"``, ``3725`` -> ``"1:02:05"``; ``""`` without a time."""
    if seconds is None:
        return ""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def speaker_rows(result: ImportResult, interviewer: str | None = None) -> list[dict[str, Any]]:
    """One row per speaker: name, role (with ``interviewer``, default the guess), turns, words, questions, time."""
    interviewer = interviewer or result.interviewer
    return [
        {
            "Speaker": s.name,
            "Role": "Interviewer" if s.name == interviewer else "Interviewee",
            "Turns": s.turns,
            "Words": s.words,
            "Questions": s.questions,
            "Talk time": clock(s.seconds) or "–",
        }
        for s in result.speakers
    ]


def preview_rows(result: ImportResult, limit: int = PREVIEW_TURNS) -> list[dict[str, Any]]:
    """The first turns, shortened: turn number, start time, speaker and words."""
    return [
        {"Turn": t.index, "At": clock(t.start) or "–", "Speaker": t.name or "", "Said": _shorten(t.text, 140)}
        for t in result.transcript.turns[:limit]
    ]


def turn_count(value: Parsed | Scored) -> int:
    """How many turns an upload or a score holds (what the page's caches are bounded by)."""
    result = value.result
    return len(result.transcript.turns) if result is not None else 0


def turn_pages(scored: Scored, per_page: int = PAGE_TURNS) -> int:
    return max(1, -(-len(scored.transcript.turns) // per_page))


def page_of_turns(scored: Scored, page: int, per_page: int = PAGE_TURNS) -> list:
    """The turns on page ``page`` (1-based, clamped to the pages there are)."""
    page = min(max(1, int(page)), turn_pages(scored, per_page))
    return scored.transcript.turns[(page - 1) * per_page: page * per_page]


def silences_by_turn(scored: Scored) -> dict[int, float]:
    """Interviewer turn index -> seconds waited, for the waits that count as silences in the metrics."""
    turns = scored.transcript.turns
    out: dict[int, float] = {}
    for i, turn in enumerate(turns):
        if turn.speaker != TRAINEE:
            continue
        waited = silence_before(turns, i)
        if waited is not None and waited >= scored.silence_threshold:
            out[turn.index] = waited
    return out


def label_rows(metrics: dict[str, Any]) -> list[tuple[str, int]]:
    """(label, count) for every label the interviewer used, most used first."""
    counts = metrics.get("label_counts") or {}
    return sorted(((label, n) for label, n in counts.items() if n), key=lambda item: -item[1])


# Saving ------------------------------------------------------------------------------------------------------

def default_save_name(trainee: str | None, interviewer: str) -> str:
    """The name to save under: the app's trainee when one is set, else the interviewer as named in the file."""
    return ((trainee or "").strip() or interviewer.strip())[:NAME_MAX]


def check_save_name(name: str | None, language: str | None = None) -> str:
    """The name, stripped; ValueError with a message for the page (in ``language``) when it can't be saved."""
    _ = core.translator(language)
    name = (name or "").strip()
    if not name:
        raise ValueError(_("Give the name to save this interview under."))
    if len(name) > NAME_MAX:
        raise ValueError(_("The name is {n} characters long; at most {limit} fit.").format(
            n=core.fmt_number(len(name), language), limit=core.fmt_number(NAME_MAX, language)))
    return name


def start_saved(store: Any, name: str, scored: Scored) -> str:
    """Store every turn of the scored transcript as a finished ``imported`` session; returns its id.

    The store's ``start_session`` writes the turns in one go, and a transcript with ``ended_at`` is stored
    as finished (a recording gets no more turns); ``finish_saved`` then records the metrics and score.
    """
    name = check_save_name(name)
    transcript = copy.deepcopy(scored.transcript)
    transcript.trainee = name
    transcript.source = "imported"
    if transcript.ended_at is None:  # no times in the file: it ended when it was imported
        transcript.ended_at = max(transcript.started_at, time.time())
    if hasattr(store, "find_import"):  # the SQL store keeps one session per file (DuplicateImport otherwise)
        return store.start_session(name, transcript, content_hash=scored.key.split(":", 1)[0])
    return store.start_session(name, transcript)


def finish_saved(store: Any, session_id: str, scored: Scored) -> None:
    """The metrics the app stores for every finished session (coach pages list and filter by their score)."""
    store.finish_session(session_id, metrics=copy.deepcopy(scored.metrics))


def save_scored(store: Any, name: str, scored: Scored) -> str:
    session_id = start_saved(store, name, scored)
    finish_saved(store, session_id, scored)
    return session_id


# Downloads ---------------------------------------------------------------------------------------------------

def scored_json(scored: Scored) -> str:
    """``{"turns", "metrics"}`` exactly as ``interview-sim score --json`` prints it."""
    from scoring.cli import turns_view

    return json.dumps({"turns": turns_view(scored.transcript), "metrics": scored.metrics}, ensure_ascii=False,
                      indent=2)


def scored_markdown(scored: Scored, language: str | None = None) -> str:
    return export.to_markdown(scored.transcript, scored.metrics, language=language)


def download_stem(name: str) -> str:
    """A safe file name stem for the downloads: ``scored-zoom-interview`` for ``Zoom interview.vtt``."""
    stem = PurePath(str(name).replace("\\", "/")).stem if name else ""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()[:60]
    return f"scored-{slug or 'transcript'}"
