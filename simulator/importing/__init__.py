"""Import recorded interviews (Zoom, Teams, Meet captions; SRT; plain text; JSON) as transcripts to score.

    result = load_transcript_file("interview.vtt")            # or parse_transcript_text(upload_bytes, "auto", name=…)
    result.interviewer, result.interviewer_guessed             # confirm the guess, or pass interviewer="Dana"
    result.warnings                                            # each names the file and line, and the fix
    score_imported(result, classifier)                         # label the interviewer turns in one batch
    reassign(result, "Dana")                                   # another interviewer, without reading the file again

Every problem with the input is an ImportProblem whose message names the file, the line and the fix;
what can be repaired is imported with a warning that names the line instead. The rules:

* Consecutive cues of one speaker are one turn (start of the first, end of the last).
* The interviewer is guessed as the speaker with the most questions per turn (sentences ending in
  '?', or opening with a question word and no full stop), unless ``interviewer=`` names them (case
  and spaces ignored; a unique first name is enough). Everyone else is an interviewee.
* ``Turn.patience`` of an interviewer turn is the gap since the interviewee stopped (0 when they
  talked over each other; None without end times, e.g. plain text with start stamps only). A gap
  of ``silence_threshold`` seconds or more is a silence (``ImportResult.silences``).
* Refused: empty files, binary files, files over ``MAX_BYTES``, files without speaker names, and
  files with one speaker (nobody to interview, and no way to tell the interviewer apart).
* Repaired with a warning: unreadable timing lines (text kept without times), cues out of order
  (sorted), cues ending before they start, overlaps (kept), a missing WEBVTT header, text outside
  cues, non-UTF-8 text (read as Windows-1252).

Only this module is public; the ``_`` modules may change.
"""

from ._decode import FORMATS, decode_bytes, detect_format
from ._model import ImportProblem
from ._pipeline import (
    IMPORTED_PERSONA_ID,
    MAX_BYTES,
    ImportResult,
    Monologue,
    Monologues,
    SpeakerStats,
    load_transcript_file,
    parse_transcript_text,
    reassign,
    score_imported,
)

__all__ = [
    "FORMATS",
    "IMPORTED_PERSONA_ID",
    "MAX_BYTES",
    "ImportProblem",
    "ImportResult",
    "Monologue",
    "Monologues",
    "SpeakerStats",
    "decode_bytes",
    "detect_format",
    "load_transcript_file",
    "parse_transcript_text",
    "reassign",
    "score_imported",
]
