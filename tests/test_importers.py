"""Importing recorded interviews: every fixture in tests/fixtures/import, the bad inputs, and fuzzing."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.labels import Classification, Flag, Label
from simulator.importing import (
    ImportProblem,
    detect_format,
    load_transcript_file,
    parse_transcript_text,
    score_imported,
)
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

FIXTURES = Path(__file__).parent / "fixtures" / "import"
DANA, MARCUS = "Dana Whitfield", "Marcus Lee"

# The invoicing interview of zoom.vtt, interview.srt and interview.json after merging: (speaker, start, end).
INVOICING_TURNS = [
    (DANA, 1.2, 5.8), (MARCUS, 6.1, 8.4), (DANA, 8.9, 13.5), (MARCUS, 14.0, 21.6), (DANA, 22.3, 26.9),
    (MARCUS, 27.4, 41.2), (DANA, 45.0, 46.4), (MARCUS, 47.0, 62.5), (DANA, 67.9, 70.3), (MARCUS, 70.8, 84.0),
    (DANA, 85.1, 87.6), (MARCUS, 88.0, 96.5), (DANA, 97.2, 102.9), (MARCUS, 103.3, 107.1), (DANA, 110.6, 114.8),
    (MARCUS, 115.3, 132.4), (DANA, 133.0, 135.2), (MARCUS, 135.6, 139.0), (DANA, 142.0, 146.5),
    (MARCUS, 147.0, 153.8), (DANA, 154.4, 157.0),
]
# Interviewer turns that waited >= 3 s after the customer stopped: (turn index, seconds).
INVOICING_SILENCES = [(6, 3.8), (8, 5.4), (14, 3.5), (18, 3.0)]


def load(name: str, **kwargs):
    return load_transcript_file(FIXTURES / name, **kwargs)


def vtt(*cues: tuple[float, float, str]) -> str:
    def clock(s: float) -> str:
        ms = round(s * 1000)
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"

    return "WEBVTT\n\n" + "\n\n".join(f"{clock(a)} --> {clock(b)}\n{text}" for a, b, text in cues) + "\n"


# Every real-world format -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["zoom.vtt", "interview.srt", "interview.json"])
def test_importers_invoicing_interview_in_every_format(name):
    result = load(name)
    turns = result.transcript.turns
    assert [(t.name, t.start, t.end) for t in turns] == INVOICING_TURNS
    assert [t.speaker for t in turns] == [TRAINEE if t.name == DANA else PERSONA for t in turns]
    assert result.interviewer == DANA and result.interviewer_guessed
    assert result.silences == INVOICING_SILENCES
    assert result.warnings == []
    assert result.transcript.source == "imported" and result.transcript.insight_catalog == []
    assert result.transcript.trainee == DANA and result.transcript.persona_name == MARCUS


def test_importers_zoom_cues_of_one_speaker_become_one_turn():
    result = load("zoom.vtt")
    assert result.format == "vtt"
    merged = result.transcript.turns[7]
    assert merged.text == ("Yeah. The guys write their hours on paper, or they text me. Half the time I'm piecing it "
                           "together from photos of a notebook. It takes me most of Friday evening.")
    assert (merged.start, merged.end) == (47.0, 62.5)
    # A cue wrapped over two lines reads as one sentence.
    assert result.transcript.turns[9].text.startswith("It's when all the invoicing happens. My wife helps sometimes. "
                                                      "We sit at the kitchen table with the laptop")


def test_importers_teams_voice_tags_ids_and_note():
    result = load("teams.vtt")
    turns = result.transcript.turns
    assert [s.name for s in result.speakers] == ["Priya Raman", "Tom Becker"]
    assert result.interviewer == "Priya Raman"
    assert len(turns) == 13
    # Cues 27-0 and 27-1 are one turn; "&amp;" is "&"; "</v>" and the cue ids are gone.
    assert turns[3].text == ("That was Tuesday night. The kids had football, so there was no way I was going to the "
                             "store. I did it on the app while I was waiting in the car park, & it took maybe twenty "
                             "minutes.")
    assert (turns[3].start, turns[3].end) == (13.9, 25.06)
    # <v.loud Tom Becker> is Tom too.
    assert turns[9].name == "Tom Becker" and turns[9].text.startswith("Honestly? I rejected them")
    assert not any("Microsoft" in t.text or "/" in t.text for t in turns)
    assert result.silences == [(4, 4.24), (10, 4.2)]
    assert result.warnings == []


def test_importers_meet_cue_settings_style_and_two_interviewees():
    result = load("meet.vtt")
    assert result.interviewer == "Sam Ortiz" and result.interviewer_guessed
    assert result.interviewees == ["Lena Fischer", "Jonas Fischer"]
    assert result.transcript.persona_name == "Lena Fischer, Jonas Fischer"
    turns = result.transcript.turns
    assert [t.name for t in turns] == ["Sam Ortiz", "Lena Fischer", "Sam Ortiz", "Lena Fischer", "Jonas Fischer",
                                       "Sam Ortiz", "Jonas Fischer", "Sam Ortiz", "Lena Fischer", "Sam Ortiz",
                                       "Jonas Fischer"]
    assert turns[3].text == "It's usually me on weekdays, because I work from home. Jonas does the big shop on Saturdays."
    assert not any("align:" in t.text or "color" in t.text or "Kind" in t.text for t in turns)
    # Jonas answered, then Sam waited 3.7 s: the wait counts whichever interviewee spoke last.
    assert result.silences == [(5, 3.7), (9, 3.8)]


def test_importers_txt_with_timestamps_and_continuation_lines():
    result = load("interview.txt")
    turns = result.transcript.turns
    assert result.format == "txt"
    assert [s.name for s in result.speakers] == ["Aisha Khan", "Ben Carter"]
    assert result.interviewer == "Aisha Khan"
    assert len(turns) == 11
    assert turns[3].text == ("Fun, honestly. It was the first time in months I cooked something that wasn't pasta. "
                             "It made me think I could actually cook during the week.")
    assert [t.start for t in turns[:4]] == [3.0, 9.0, 21.0, 25.0]
    # Start stamps only: when a turn ends is unknown, so no wait can be measured.
    assert all(t.end is None and t.patience is None for t in turns)
    assert result.silences == []
    assert result.warnings == [
        f"{FIXTURES / 'interview.txt'}, line 1: text before the first speaker name ('Interview: meal kits, "
        "participant 4') was skipped. Fix: start the line with 'Name: '.",
        f"{FIXTURES / 'interview.txt'}, line 2: text before the first speaker name ('Recorded 12 March, "
        "transcribed by hand.') was skipped. Fix: start the line with 'Name: '.",
        f"{FIXTURES / 'interview.txt'}: the turns have start times but no end times, so a wait before the "
        "interviewer spoke can't be told apart from the other person's talking time: silences were not measured. "
        "Import captions (.vtt/.srt) or JSON with end times to measure them.",
    ]
    assert result.unmeasured_waits == 5


def test_importers_plain_txt_without_timestamps():
    result = load("plain.txt")
    turns = result.transcript.turns
    assert [s.name for s in result.speakers] == ["Interviewer", "Customer"]
    assert result.interviewer == "Interviewer"
    assert len(turns) == 8
    assert turns[1].text == ("That would be in May. The invoice came in as a PDF attached to an email that went to my "
                             "spam folder. I only found it when the supplier called me.")
    assert all(t.start is None and t.end is None and t.patience is None for t in turns)
    assert result.duration is None and result.monologues.longest_seconds is None
    assert result.speakers[0].seconds is None


def test_importers_speaker_stats_and_monologues():
    result = load("zoom.vtt")
    dana, marcus = result.speakers
    assert (dana.name, dana.turns, dana.words, dana.questions, dana.seconds) == (DANA, 11, 100, 6, 39.3)
    assert (marcus.turns, marcus.questions, marcus.seconds) == (10, 0, 92.0)
    assert result.monologues.longest_seconds.turn_index == 12
    assert result.monologues.longest_seconds.seconds == 5.7
    assert (result.monologues.longest_words.turn_index, result.monologues.longest_words.words) == (0, 15)
    assert result.duration == 155.8
    summary = result.summary()
    assert summary["silences"] == [[6, 3.8], [8, 5.4], [14, 3.5], [18, 3.0]]
    assert summary["monologues"]["longest_seconds"] == {"turn_index": 12, "seconds": 5.7, "words": 15}
    json.dumps(summary)


# Silences and patience ---------------------------------------------------------------------------------------

def test_importers_patience_is_the_wait_and_silences_start_at_three_seconds():
    turns = load("zoom.vtt").transcript.turns
    assert turns[0].patience is None  # nobody spoke before
    assert turns[2].patience == 0.5  # a wait under 3 s is patience but no silence
    assert turns[6].patience == 3.8
    assert turns[18].patience == 3.0  # exactly the threshold counts
    assert all(t.patience is None for t in turns if t.speaker == PERSONA)


@pytest.mark.parametrize("threshold, expected", [
    (4.0, [(8, 5.4)]),
    (3.6, [(6, 3.8), (8, 5.4)]),
    (3.0, INVOICING_SILENCES),
    (0.0, [(i, None) for i in range(2, 21, 2)]),
])
def test_importers_silence_threshold_is_configurable(threshold, expected):
    result = load("zoom.vtt", silence_threshold=threshold)
    if threshold == 0.0:
        assert [i for i, _ in result.silences] == [i for i, _ in expected]
    else:
        assert result.silences == expected
    assert result.summary()["silence_threshold"] == threshold


def test_importers_patience_is_zero_when_the_interviewer_cuts_in():
    result = load("overlapping.vtt")
    turns = result.transcript.turns
    assert turns[2].text == "Twenty drops?" and turns[2].patience == 0.0
    assert result.silences == [(4, 4.0)]


# The interviewer -----------------------------------------------------------------------------------------------

def test_importers_interviewer_can_be_overridden():
    result = load("zoom.vtt", interviewer="Marcus Lee")
    assert result.interviewer == MARCUS and not result.interviewer_guessed
    assert [t.speaker for t in result.transcript.turns[:2]] == [PERSONA, TRAINEE]
    assert result.transcript.trainee == MARCUS and result.transcript.persona_name == DANA
    assert load("zoom.vtt", interviewer="  marcus   LEE ").interviewer == MARCUS
    assert load("zoom.vtt", interviewer="Marcus").interviewer == MARCUS  # a unique first name is enough


def test_importers_unknown_interviewer_lists_the_speakers():
    with pytest.raises(ImportProblem) as info:
        load("meet.vtt", interviewer="Sam Orti")
    assert str(info.value) == (
        f"{FIXTURES / 'meet.vtt'}: interviewer 'Sam Orti' is not a speaker in this file. Speakers found: "
        "'Sam Ortiz' (5 turns), 'Lena Fischer' (3 turns), 'Jonas Fischer' (3 turns). "
        "Pass one of these names as the interviewer."
    )


def test_importers_interviewer_guess_is_the_speaker_asking_most_questions():
    # The customer speaks first and asks a question back; the researcher asks more.
    text = vtt((0, 2, "Marcus Lee: Hello, can you hear me?"), (3, 6, "Dana Whitfield: Yes! How was your week?"),
               (7, 12, "Marcus Lee: Busy. Invoices, mostly."), (13, 15, "Dana Whitfield: What made it busy"),
               (16, 20, "Marcus Lee: Friday evenings, as always."), (21, 24, "Dana Whitfield: Why Fridays?"))
    result = parse_transcript_text(text, "vtt")
    assert result.interviewer == DANA and result.interviewer_guessed
    assert result.warnings == []
    assert [s.questions for s in result.speakers] == [1, 3]  # "What made it busy" counts without its '?'


def test_importers_interviewer_guess_warns_when_it_is_close():
    text = vtt((0, 2, "Marcus Lee: Hello? Can you hear me?"), (3, 6, "Dana Whitfield: Yes! How was your week?"),
               (7, 12, "Marcus Lee: Busy. Invoices, mostly."), (13, 15, "Dana Whitfield: What made it busy?"),
               (16, 20, "Marcus Lee: Friday evenings, as always."), (21, 24, "Dana Whitfield: Tell me more."))
    result = parse_transcript_text(text, "vtt", name="close.vtt")
    assert result.interviewer == MARCUS  # a tie goes to who spoke first: worth confirming
    assert result.warnings == ["close.vtt: the interviewer guess is uncertain: 'Marcus Lee' asks 2 questions in 3 "
                               "turns, 'Dana Whitfield' 2 in 3. Confirm it, or name the interviewer."]


def test_importers_interviewer_guess_without_questions_is_the_first_speaker():
    text = "Dana: Hello there.\nMarcus: Hi.\nDana: Thanks for coming.\nMarcus: Sure thing.\n"
    result = parse_transcript_text(text, "txt", name="notes.txt")
    assert result.interviewer == "Dana"
    assert result.warnings == ["notes.txt: nobody asks a question, so the first speaker ('Dana') was taken for the "
                               "interviewer. Confirm it, or name the interviewer."]


# Encodings ---------------------------------------------------------------------------------------------------

def test_importers_utf16_with_bom():
    result = load("utf16.vtt")
    assert result.encoding == "utf-16-le"
    assert [s.name for s in result.speakers] == ["José Álvarez", "Zoë Müller"]
    assert "crème fraîche" in result.transcript.turns[1].text
    assert result.silences == [(2, 3.8)]


def test_importers_latin1_falls_back_to_cp1252_with_a_warning():
    result = load("latin1.txt")
    assert result.encoding == "cp1252"
    assert [s.name for s in result.speakers] == ["Renée", "François"]
    assert result.transcript.turns[0].text == "François, what’s the hardest part of ordering for the café?"
    assert result.transcript.turns[1].start == 7.0  # (00:07) is minutes:seconds
    assert result.warnings[0] == (f"{FIXTURES / 'latin1.txt'}: not UTF-8; read as Windows-1252 (Latin-1). If "
                                  "accents or quotes look wrong, save the file as UTF-8 and import it again.")
    assert len(result.warnings) == 2 and "silences were not measured" in result.warnings[1]  # start stamps only


def test_importers_utf8_bom_and_crlf():
    result = load("bom.srt")
    assert result.encoding == "utf-8" and result.format == "srt"
    assert result.speakers[0].name == DANA  # no "\ufeff" glued to the first name
    assert [(t.name, t.start, t.end) for t in result.transcript.turns] == INVOICING_TURNS[:6]
    assert result.warnings == []


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b""), ("utf-16-be", b""), ("utf-16-be", codecs.BOM_UTF16_BE),
                                            ("utf-8", codecs.BOM_UTF8), ("utf-32-le", codecs.BOM_UTF32_LE)])
def test_importers_utf16_and_others_by_bom_or_zero_bytes(encoding, bom):
    text = (FIXTURES / "zoom.vtt").read_text(encoding="utf-8")
    result = parse_transcript_text(bom + text.encode(encoding), name="zoom.vtt")
    assert result.encoding == encoding
    assert [(t.name, t.start, t.end) for t in result.transcript.turns] == INVOICING_TURNS


def test_importers_binary_file_is_refused():
    with pytest.raises(ImportProblem, match=r"^call\.m4a: this is not a text file .*Import the captions"):
        parse_transcript_text(b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + bytes(range(256)) * 4, name="call.m4a")


# Bad input ---------------------------------------------------------------------------------------------------

def test_importers_empty_files():
    with pytest.raises(ImportProblem) as info:
        load("empty.vtt")
    assert str(info.value) == (
        f"{FIXTURES / 'empty.vtt'}: no speech found in this WebVTT file. Check that the cues have text under their "
        "timing lines (00:00:01.000 --> 00:00:04.000, then the words)."
    )
    for nothing in (b"", "", " \n\r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF16_LE):
        with pytest.raises(ImportProblem) as info:
            parse_transcript_text(nothing, "auto", name="upload.vtt")
        assert str(info.value) == ("upload.vtt: the file is empty. Download the transcript again from the meeting "
                                   "tool; it should have the words.")


def test_importers_one_speaker_is_a_problem():
    # Decision: with one speaker nobody can be told apart as the interviewer, and the scorer needs both sides.
    with pytest.raises(ImportProblem) as info:
        load("one_speaker.vtt", interviewer=DANA)
    assert str(info.value) == (
        f"{FIXTURES / 'one_speaker.vtt'}: only one speaker found ('Dana Whitfield', 1 turn), so the interviewer "
        "can't be told apart from the interviewee. Export the transcript with a name for every speaker (in Zoom and "
        "Teams: the meeting transcript, not the closed captions), or write each line as 'Name: text'."
    )


def test_importers_captions_without_speaker_names_are_a_problem():
    text = vtt((0, 2, "Hello, can you hear me?"), (3, 5, "Yes, loud and clear."))
    with pytest.raises(ImportProblem, match=r"^cc\.vtt: no speaker names found.*start each cue's text with 'Name: '"):
        parse_transcript_text(text, name="cc.vtt")


def test_importers_overlapping_cues_warn_naming_the_lines():
    result = load("overlapping.vtt")
    file = FIXTURES / "overlapping.vtt"
    assert result.warnings == [
        f"{file}, line 12: starts 1.5 s before the cue above ends (people talking at once?); both were kept, and a "
        "wait before it counts as 0 s.",
        f"{file}, line 16: starts 0.2 s before the cue above ends (people talking at once?); both were kept, and a "
        "wait before it counts as 0 s.",
    ]
    assert len(result.transcript.turns) == 6


def test_importers_unordered_cues_are_sorted_with_a_warning():
    result = load("unordered.srt")
    # The file holds the first ten cues, two of them swapped; the last turn is the first cue of turn 7.
    assert [(t.name, t.start, t.end) for t in result.transcript.turns] == [*INVOICING_TURNS[:7], (MARCUS, 47.0, 52.3)]
    assert result.warnings == [
        f"{FIXTURES / 'unordered.srt'}, line 26: starts at 00:00:22.300, before a cue above it (00:00:27.400); the "
        "cues were put in time order. If this cue is in the right place, fix its timing."
    ]


def test_importers_malformed_vtt_is_read_line_by_line():
    result = load("malformed.vtt")
    file = FIXTURES / "malformed.vtt"
    assert result.warnings[0].startswith(f"{file}: webvtt-py could not read this file (")
    assert result.warnings[1] == (
        f"{file}, line 12: can't read the cue timing '00:00:1O.800 --> 00:00:14.000'; its text was kept without "
        "times. Fix the line to read like 00:01:02.500 --> 00:01:05.000."
    )
    turns = result.transcript.turns
    assert [t.name for t in turns] == [DANA, MARCUS] * 3
    assert turns[2].text == "What happens when a timesheet goes missing?"
    assert (turns[2].start, turns[2].end, turns[2].patience) == (None, None, None)
    assert result.silences == [(4, 3.5)]


def test_importers_vtt_problems_each_name_their_line():
    text = ("00:00:01.000 --> 00:00:03.000\nDana: How do you send invoices?\n\n"
            "00:00:03.500 --> 00:00:09.000\nMarcus: From my phone, mostly.\n\n"
            "And sometimes from the laptop.\n\n"
            "7\n00:00:12.000 - 00:00:14.000\nDana: Which one do you prefer?\n\n"
            "00:00:15.000 --> 00:00:14.000\nMarcus: The laptop.\n")
    result = parse_transcript_text(text, "vtt", name="bad.vtt")
    assert result.warnings == [
        "bad.vtt, line 1: no WEBVTT header; the cues were read anyway. Fix: make 'WEBVTT' the first line.",
        "bad.vtt, line 7: text without a cue timing line ('And sometimes from the laptop.'); it was added to the cue "
        "above. Fix: add its timing line, or remove the empty line above it.",
        "bad.vtt, line 10: can't read the cue timing '00:00:12.000 - 00:00:14.000'; its text was kept without "
        "times. Fix the line to read like 00:01:02.500 --> 00:01:05.000.",
        "bad.vtt, line 13: ends (00:00:14.000) before it starts (00:00:15.000); its end was set to its start. Fix "
        "the timing.",
    ]
    assert [t.text for t in result.transcript.turns] == [
        "How do you send invoices?", "From my phone, mostly. And sometimes from the laptop.",
        "Which one do you prefer?", "The laptop."]


CUT_TIMING = """WEBVTT

1
00:00:01.000 --> 00:00:05.000
Dana: How do you send invoices today?

2
00:00:06.000 --> 00:00:12.000
Marcus: Mostly from my phone, in the truck.

3
00:00:30.000 --
Dana: And what happens when the phone dies?

4
00:00:35.000 --> 00:00:40.000
Marcus: Then I do it at night, at the kitchen table.
"""


@pytest.mark.parametrize("cut", ["00:00:30.000 --", "00:00:30.000 -", "00:00:30.000", "00:00:30.000 -->"])
def test_importers_cut_timing_line_keeps_the_cue_and_names_the_line(cut):
    result = parse_transcript_text(CUT_TIMING.replace("00:00:30.000 --\n", cut + "\n"), name="cut.vtt")
    turns = result.transcript.turns
    # Nothing dropped, nothing merged: the interviewer's cue is its own turn, from its start time.
    assert [(t.name, t.start, t.end) for t in turns] == [
        ("Dana", 1.0, 5.0), ("Marcus", 6.0, 12.0), ("Dana", 30.0, None), ("Marcus", 35.0, 40.0)]
    assert turns[2].text == "And what happens when the phone dies?" and turns[2].patience == 18.0
    assert any(w.startswith(f"cut.vtt, line 12: the cue timing is cut off ({cut!r}); its text was kept, starting at "
                            "00:00:30.000 with no end time.") for w in result.warnings), result.warnings


def test_importers_cut_timing_line_in_srt():
    text = ("1\n00:00:01,000 --> 00:00:03,000\nDana: How do you send invoices?\n\n"
            "2\n00:00:03,500 --\nMarcus: From my phone.\n\n"
            "3\n00:00:12,000 --> 00:00:14,000\nDana: Why the phone?\n")
    result = parse_transcript_text(text, name="cc.srt")
    assert [t.text for t in result.transcript.turns] == ["How do you send invoices?", "From my phone.", "Why the phone?"]
    assert any("cc.srt, line 6: the cue timing is cut off" in w for w in result.warnings)


@pytest.mark.parametrize(("tail", "line", "says"), [
    ("\n5\n00:00:41.000 --> 00:00:4", 20, "ends with a cue timing line and no text under it"),
    ("\n5\n00:00:41.000 --> 00:00:45.000\n", 20, "ends with a cue timing line and no text under it"),
    ("\n5\n", 19, "ends with a cue number and no timing or text"),
    ("\n5\n00:00:41.000 --> 00:00:45.000\nDana: And on the week", 21, "ends in mid-sentence, without a final line break"),
])
def test_importers_truncated_file_is_reported(tail, line, says):
    text = CUT_TIMING.replace("00:00:30.000 --", "00:00:30.000 --> 00:00:33.000") + tail
    result = parse_transcript_text(text.encode(), name="cut.vtt")
    assert any(w.startswith(f"cut.vtt, line {line}: the file {says}") and "cut off" in w for w in result.warnings), \
        result.warnings
    assert len(result.transcript.turns) >= 4


def test_importers_complete_files_are_not_called_truncated():
    for name in ("zoom.vtt", "teams.vtt", "meet.vtt", "interview.srt", "malformed.vtt", "overlapping.vtt"):
        assert not [w for w in load(name).warnings if "cut off" in w], name
    no_final_newline = CUT_TIMING.replace("00:00:30.000 --", "00:00:30.000 --> 00:00:33.000").rstrip("\n")
    assert not [w for w in parse_transcript_text(no_final_newline, name="x.vtt").warnings if "cut off" in w]


def test_importers_start_times_only_measure_no_silences():
    """A transcript with a start stamp per turn (no ends): 55 interviewer turns follow the customer, and the time
    since the customer's start is their talking time, not the interviewer's wait."""
    from scoring.metrics import compute_metrics, silence_before

    result = load("start_times.txt")
    turns = result.transcript.turns
    assert len(turns) == 111 and result.interviewer == DANA
    assert all(t.start is not None and t.end is None for t in turns)
    assert result.silences == [] and result.unmeasured_waits == 55
    assert all(silence_before(turns, i) is None for i in range(len(turns)))
    metrics = compute_metrics(result.transcript, silence_threshold=3.0)
    assert metrics.silences == 0
    assert "silences were not measured" in result.warnings[-1]
    # Where the turn before does have an end, the wait is measured from it, never from its start.
    mixed = json.dumps([{"speaker": "Dana", "text": "How do you invoice?", "start": 0, "end": 2},
                        {"speaker": "Marcus", "text": "By hand.", "start": 2.5, "end": 10},
                        {"speaker": "Dana", "text": "Why by hand?", "start": 14},
                        {"speaker": "Marcus", "text": "Habit.", "start": 15},
                        {"speaker": "Dana", "text": "What would change it?", "start": 30}])
    mixed_result = parse_transcript_text(mixed, "json", name="m.json")
    assert mixed_result.silences == [(2, 4.0)] and mixed_result.unmeasured_waits == 1
    assert compute_metrics(mixed_result.transcript, silence_threshold=3.0).silences == 1
    assert "(1 of 2 waits)" in mixed_result.warnings[-1]


def test_importers_srt_with_a_broken_cue_keeps_the_rest():
    text = ("1\n00:00:01,000 --> 00:00:03,000\nDana: How do you send invoices?\n\n"
            "2\n00:00:03,500 -> 00:00:09,000\nMarcus: From my phone.\n\n"
            "3\n00:00:12,000 --> 00:00:14,000\nDana: Why the phone?\n")
    result = parse_transcript_text(text, name="cc.srt")
    assert result.format == "srt"
    assert "cc.srt, line 6: can't read the cue timing '00:00:03,500 -> 00:00:09,000'" in result.warnings[0]
    assert [t.text for t in result.transcript.turns] == ["How do you send invoices?", "From my phone.", "Why the phone?"]


def test_importers_several_speakers_in_one_cue_share_its_time():
    result = parse_transcript_text(vtt((0, 4, "Dana: How long?\nMarcus: Two hours, maybe three."),
                                       (8, 9, "Dana: Three?"), (9.5, 12, "Marcus: On a bad week.")), "vtt")
    turns = result.transcript.turns
    assert [(t.name, t.start, t.end) for t in turns][:2] == [("Dana", 0.0, 1.125), ("Marcus", 1.125, 4.0)]
    assert turns[2].patience == 4.0


def test_importers_name_prefixes_that_are_no_speakers():
    text = ("Whitfield, Dana: How did you find us?\n"
            "Lee, Marcus: Honestly: a flyer. See https://example.com for it.\n"
            "Whitfield, Dana: A flyer?\n"
            "Note: this part was inaudible.\n"
            "Lee, Marcus: Yes, at 10:30 on a Monday.\n")
    result = parse_transcript_text(text, "txt", name="t.txt")
    assert [s.name for s in result.speakers] == ["Whitfield, Dana", "Lee, Marcus"]
    turns = result.transcript.turns
    assert turns[1].text == "Honestly: a flyer. See https://example.com for it."
    assert turns[2].text == "A flyer? Note: this part was inaudible."


def test_importers_very_long_recording_warns_and_stays_fast():
    cues = []
    for i in range(3000):  # five hours, a cue every six seconds
        who = "Dana: What happened next?" if i % 2 == 0 else "Marcus: We carried on with the next job."
        cues.append((i * 6.0, i * 6.0 + 5.0, who))
    result = parse_transcript_text(vtt(*cues).encode(), name="day.vtt")
    assert len(result.transcript.turns) == 3000
    assert result.warnings == ["day.vtt: the recording lasts 5.0 hours: imported whole. If it holds several "
                               "interviews, split the file so each one is scored on its own."]


def test_importers_warnings_of_one_kind_are_capped():
    cues = [(i * 2.0, i * 2.0 + 3.0, "Dana: Right?" if i % 2 == 0 else "Marcus: Yes.") for i in range(30)]
    warnings = parse_transcript_text(vtt(*cues), "vtt", name="x.vtt").warnings
    assert len(warnings) == 6
    assert warnings[-1] == "… and 24 more warnings like these (overlap)."


def test_importers_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportProblem, match=r"nope\.vtt: no such file\. Check the path"):
        load_transcript_file(tmp_path / "nope.vtt")
    with pytest.raises(ImportProblem, match=r"is a folder, not a transcript file"):
        load_transcript_file(tmp_path)


def test_importers_bad_arguments_are_problems_too():
    text = (FIXTURES / "zoom.vtt").read_text()
    with pytest.raises(ImportProblem, match=r"^x: unknown format 'docx'\. Use one of: auto, vtt, srt, txt, json\.$"):
        parse_transcript_text(text, "docx", name="x")
    with pytest.raises(ImportProblem, match="silence threshold"):
        parse_transcript_text(text, "vtt", silence_threshold=-1)


# Formats -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, expected", [
    ("a.txt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: hi", "vtt"),  # content beats extension
    ("a.vtt", "1\n00:00:01,000 --> 00:00:02,000\nA: hi", "vtt"),  # arrows: the extension picks VTT or SRT
    ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nA: hi", "srt"),
    ("upload", "1\n00:00:01,000 --> 00:00:02,000\nA: hi", "srt"),
    ("upload", "00:00:01.000 --> 00:00:02.000\nA: hi", "vtt"),
    ("upload", '[{"speaker": "A", "text": "hi"}]', "json"),
    ("upload", '{"turns": []}', "json"),
    ("a.json", "[not json", "json"),
    ("upload", "[00:00:01] A: hi\n[00:00:05] B: hello", "txt"),
    ("a.vtt", "A: hi\nB: hello", "txt"),
    ("upload", "", "txt"),
])
def test_importers_detect_format(name, text, expected):
    assert detect_format(name, text) == expected


def test_importers_content_and_extension_disagree():
    text = (FIXTURES / "zoom.vtt").read_text()
    result = parse_transcript_text(text, name="zoom.txt")
    assert result.format == "vtt"
    assert result.warnings == ["zoom.txt: the name says .txt but the content reads as WebVTT; imported as vtt."]


def test_importers_json_object_with_turns_and_clock_strings():
    data = {"turns": [
        {"speaker": "Dana", "text": "How do you invoice?", "start": "00:00:01.5", "end": "00:00:03"},
        {"speaker": "Marcus", "text": "By hand.", "start_ms": 3500, "end_ms": 5000},
        {"speaker": "Marcus", "text": "Every Friday.", "start": 5.2, "end": 7.0},
        {"speaker": "Dana", "text": "Why Fridays?", "start": 10.0, "end": "soon"},
        "a stray string",
        {"speaker": "Dana"},
        {"text": "Because of payroll.", "start": 12, "end": 14},
    ]}
    result = parse_transcript_text(json.dumps(data), name="t.json")
    turns = result.transcript.turns
    assert [(t.name, t.text, t.start, t.end) for t in turns] == [
        ("Dana", "How do you invoice?", 1.5, 3.0), ("Marcus", "By hand. Every Friday.", 3.5, 7.0),
        ("Dana", "Why Fridays? Because of payroll.", 10.0, 14.0)]
    assert turns[2].patience == 3.0 and result.silences == [(2, 3.0)]
    assert result.warnings == [
        "t.json: turns -> 3 -> end: expected seconds or hh:mm:ss.mmm, got 'soon'; ignored.",
        "t.json: turns -> 4: expected an object with 'speaker' and 'text', got str; skipped.",
        "t.json: turns -> 5: no 'text'; skipped. Fix: give every turn a 'text'.",
        "t.json: turns -> 6: no 'speaker'; the text was given to the speaker above. Fix: give every turn a "
        "'speaker'.",
    ]


def test_importers_invalid_json_names_the_line():
    with pytest.raises(ImportProblem) as info:
        parse_transcript_text('[\n  {"speaker": "Dana", "text": "hi"},\n  {"speaker": "Marcus" "text": "yo"}\n]',
                              name="t.json")
    assert str(info.value) == ("t.json, line 3: not valid JSON: Expecting ',' delimiter (column 24). Fix the JSON "
                               "there, or import the captions file (.vtt/.srt) instead.")
    with pytest.raises(ImportProblem, match=r"^t\.json: expected a list of turns, got a JSON str\."):
        parse_transcript_text('"hello"', "json", name="t.json")


def test_importers_project_json_keeps_the_roles():
    transcript = Transcript(persona_id="maria", persona_name="Maria", trainee="sam")
    transcript.add(Turn(speaker=TRAINEE, text="What did you buy last week?", label="open", patience=None))
    transcript.add(Turn(speaker=PERSONA, text="Mostly vegetables. And coffee?"))
    transcript.add(Turn(speaker=TRAINEE, text="", label="silence", patience=4.5))
    transcript.add(Turn(speaker=PERSONA, text="Oh, and far too much chocolate."))
    transcript.add(Turn(speaker=TRAINEE, text="Why do you think that was?", patience=1.0))
    result = parse_transcript_text(transcript.to_json(), name="practice.json")
    # The roles come from the file, so nothing is guessed, even though the customer asks a question.
    assert result.interviewer == "Interviewer" and not result.interviewer_guessed
    assert [(t.speaker, t.text) for t in result.transcript.turns] == [
        (TRAINEE, "What did you buy last week?"),
        (PERSONA, "Mostly vegetables. And coffee? Oh, and far too much chocolate."),
        (TRAINEE, "Why do you think that was?")]
    assert result.transcript.turns[2].patience == 1.0


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir()
                                        if p.suffix != ".md" and p.name not in {"empty.vtt", "one_speaker.vtt"}))
def test_importers_round_trip_through_the_transcript_json(name):
    transcript = load(name).transcript
    again = Transcript.from_dict(json.loads(json.dumps(transcript.to_dict())))
    assert again == transcript
    # And an imported transcript imports again as the project's own JSON, with the same turns.
    reread = parse_transcript_text(transcript.to_json(), name="again.json").transcript
    assert [(t.speaker, t.name, t.text, t.start, t.end) for t in reread.turns] == \
           [(t.speaker, t.name, t.text, t.start, t.end) for t in transcript.turns]


# Scoring -----------------------------------------------------------------------------------------------------

class BatchClassifier:
    """Labels each text by a rule of thumb; records the one batch it is given."""

    def __init__(self):
        self.batches: list[list[tuple[str, str | None]]] = []

    def classify_many(self, pairs):
        self.batches.append(list(pairs))
        return [Classification(label=Label.ECHO if text.endswith("call around?") else Label.OPEN, confidence=0.8,
                               reason="fake", flags=(Flag.PITCH,) if "app" in text else (),
                               rewrite="What else?" if "app" in text else None) for text, *_ in pairs]


class OneByOneClassifier:
    def __init__(self):
        self.calls: list[tuple[str, str | None]] = []

    def classify(self, text, previous=None):
        self.calls.append((text, previous))
        return Classification(label=Label.CLOSED, confidence=0.5, reason="fake")


def test_importers_score_imported_labels_interviewer_turns_in_one_batch():
    result = load("zoom.vtt")
    classifier = BatchClassifier()
    transcript = score_imported(result, classifier)
    assert transcript is result.transcript
    assert len(classifier.batches) == 1
    batch = classifier.batches[0]
    assert len(batch) == 11
    # As `interview-sim score` asks: (text, the interviewee's last words, everything they said so far).
    assert batch[0] == (result.transcript.turns[0].text, None, [])
    assert batch[1] == (result.transcript.turns[2].text, "Sure, happy to help.", ["Sure, happy to help."])
    assert batch[2][2] == [result.transcript.turns[1].text, result.transcript.turns[3].text]
    echo = transcript.turns[6]
    assert (echo.label, echo.flags, echo.confidence, echo.reason) == ("echo", [], 0.8, "fake")
    pitch = transcript.turns[12]
    assert (pitch.label, pitch.flags, pitch.rewrite) == ("open", ["pitch"], "What else?")
    assert all(t.label is None for t in transcript.turns if t.speaker == PERSONA)


def test_importers_score_imported_falls_back_to_classify():
    result = load("meet.vtt")
    classifier = OneByOneClassifier()
    score_imported(result, classifier)
    assert len(classifier.calls) == 5
    assert classifier.calls[4] == ("What happens on the days when nobody has time to shop?",
                                   "We have one. We just don't look at it. That's the honest answer.")
    assert [t.label for t in result.transcript.trainee_turns] == ["closed"] * 5


# Fuzzing: whatever the bytes, an ImportProblem or a result, never another exception -----------------------------

FRAGMENTS = ["WEBVTT", "\n", "\n\n", "\r\n", "-->", " --> ", "00:00:01.000", "00:01,500", "1", "12:34", "99:99:99.999",
             "Dana: ", "Marcus Lee: ", "<v Dana>", "<v.loud Marcus>", "</v>", "<i>", "&amp;", "NOTE ", "STYLE",
             "REGION", "[00:00:03] ", "(01:23) ", "?", "What ", "hello", "{", "}", "[", "]", '"speaker"', '"text"',
             ":", ",", '"', "\ufeff", "\x00", "é", "9" * 30, " ", "\t", "align:start position:0%"]
fragment_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=60).map("".join)
any_text = st.text(max_size=300) | fragment_text


def _only_problems(data, fmt, **kwargs):
    try:
        result = parse_transcript_text(data, fmt, name="fuzz", **kwargs)
    except ImportProblem as e:
        assert "bug in the importer" not in str(e), str(e)
        assert str(e).startswith("fuzz")
        return None
    assert len(result.speakers) >= 2
    assert all(t.speaker in (TRAINEE, PERSONA) for t in result.transcript.turns)
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=any_text, fmt=st.sampled_from(["auto", "vtt", "srt", "txt", "json"]))
def test_importers_fuzz_text_never_raises_anything_else(data, fmt):
    _only_problems(data, fmt)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300) | fragment_text.map(lambda t: t.encode("utf-16")),
       fmt=st.sampled_from(["auto", "vtt", "srt", "txt", "json"]))
def test_importers_fuzz_bytes_never_raise_anything_else(data, fmt):
    _only_problems(data, fmt)


@settings(max_examples=100, deadline=None)
@given(items=st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=10),
                          lambda children: st.lists(children, max_size=4)
                          | st.dictionaries(st.sampled_from(["speaker", "text", "start", "end", "turns", "name",
                                                             "persona", "patience", "end_ms"]), children, max_size=5),
                          max_leaves=20))
def test_importers_fuzz_json_never_raises_anything_else(items):
    _only_problems(json.dumps(items), "json", interviewer=None)


def _render(fmt: str, cues: list[tuple[str | None, float, float, str]]) -> str:
    def clock(seconds: float, sep: str) -> str:
        ms = round(seconds * 1000)
        return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"

    if fmt == "json":
        return json.dumps([{"speaker": who, "text": text, "start": a, "end": b} for who, a, b, text in cues])
    out = ["WEBVTT", ""] if fmt == "vtt" else []
    for i, (who, a, b, text) in enumerate(cues, 1):
        said = f"{who}: {text}" if who else text
        if fmt == "txt":
            out.append(f"[{clock(a, '.')[:8]}] {said}")
        else:
            out += [str(i), f"{clock(a, '.' if fmt == 'vtt' else ',')} --> {clock(b, '.' if fmt == 'vtt' else ',')}",
                    said, ""]
    return "\n".join(out)


cue_lists = st.lists(st.tuples(st.sampled_from([None, "Dana", "Marcus Lee", "Zoë", "Customer"]),
                               st.floats(0, 20_000), st.floats(0, 20_000),
                               st.lists(st.sampled_from(FRAGMENTS[14:]) | st.text(max_size=6), max_size=8).map("".join)
                               | st.sampled_from(["How was it?", "Fine.", "Tell me more", "Why?"])),
                     max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cues=cue_lists, fmt=st.sampled_from(["vtt", "srt", "txt", "json"]), sort=st.booleans(),
       threshold=st.floats(0, 10), interviewer=st.sampled_from([None, "Dana", "marcus", "Nobody"]))
def test_importers_fuzz_plausible_files(cues, fmt, sort, threshold, interviewer):
    if sort:
        cues = sorted(cues, key=lambda c: c[1])
    result = _only_problems(_render(fmt, cues), "auto", silence_threshold=threshold, interviewer=interviewer)
    if result is not None:
        assert all(seconds >= threshold for _, seconds in result.silences)
        assert all(result.transcript.turns[i].speaker == TRAINEE for i, _ in result.silences)


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=0, max_value=2798), junk=st.text(max_size=20))
def test_importers_fuzz_cut_and_spliced_fixture(cut, junk):
    text = (FIXTURES / "zoom.vtt").read_text()
    _only_problems(text[:cut] + junk + text[cut:cut + 400], "auto")


# Another interviewer without reading the file again; scoring in batches with progress ------------------------

@pytest.mark.parametrize("name", ["zoom.vtt", "teams.vtt", "meet.vtt", "interview.txt", "interview.json",
                                  "malformed.vtt", "start_times.txt"])
def test_importers_reassign_gives_what_a_fresh_import_gives(name):
    from simulator.importing import reassign

    first = load(name)
    for speaker in [s.name for s in first.speakers]:
        for threshold in (3.0, 5.0):
            fresh = load(name, interviewer=speaker, silence_threshold=threshold)
            again = reassign(first, speaker, silence_threshold=threshold)
            assert again.summary() == fresh.summary()
            def view(result):  # everything but the import's wall-clock time
                return [(t.index, t.speaker, t.name, t.text, t.patience, t.start, t.end, t.backend)
                        for t in result.transcript.turns]

            assert view(again) == view(fresh)
            assert again.transcript is not first.transcript
    assert reassign(first).summary() == first.summary()
    with pytest.raises(ImportProblem, match="is not a speaker in this file"):
        reassign(first, "Nobody Here")


def test_importers_score_imported_in_batches_reports_progress(monkeypatch):
    from simulator.importing import _pipeline

    monkeypatch.setattr(_pipeline, "SCORE_CHUNK", 2)
    calls, seen = [], []

    class Batches:
        def classify_many(self, pairs):
            calls.append(len(pairs))
            return [Classification(label=Label.OPEN, confidence=0.5, reason="") for _ in pairs]

    result = load("zoom.vtt")
    score_imported(result, Batches(), progress=lambda done, total: seen.append((done, total)))
    asked = len(result.transcript.trainee_turns)
    assert sum(calls) == asked and max(calls) == 2
    assert seen[0] == (0, asked) and seen[-1] == (asked, asked) and len(seen) == len(calls) + 1
    assert all(t.label == "open" for t in result.transcript.trainee_turns)


def test_importers_score_imported_context_is_bounded_but_what_the_classifier_reads(monkeypatch):
    from simulator.importing import _pipeline

    monkeypatch.setattr(_pipeline, "CONTEXT_CHARS", 100)
    cues = []
    for i in range(40):
        cues.append((i * 10.0, i * 10.0 + 4, f"Dana: Question number {i}?"))
        cues.append((i * 10.0 + 5, i * 10.0 + 9, f"Marcus: Answer number {i} is a sentence of some length."))
    result = parse_transcript_text(vtt(*cues), "vtt", name="long.vtt")
    classifier = BatchClassifier()
    score_imported(result, classifier)
    contexts = [context for _, _, context in classifier.batches[0]]
    assert max(len(c) for c in contexts) <= 3  # a few turns, not the whole interview
    last = contexts[-1]
    assert last[-1] == "Answer number 38 is a sentence of some length."
    assert sum(len(c) + 1 for c in last[1:]) < 100 <= sum(len(c) + 1 for c in last)  # the most recent 100 chars
