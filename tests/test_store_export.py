"""Session exports: Markdown, CSV, JSON and printable HTML from a transcript, metrics and annotations."""

from __future__ import annotations

import csv
import io
import json

import pytest

from simulator.export import CSV_COLUMNS, FORMATS, export, to_csv, to_html, to_json, to_markdown
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

METRICS = {
    "score": 72.456, "label_counts": {"open": 2, "leading": 1}, "open_share": 0.6667, "rq_ratio": 0.5,
    "talk_ratio": 0.31, "insights_total": 3, "insights_uncovered": ["pain"],
    "contributions": [{"turn": 1, "points": 3, "reason": "open question"}, {"turn": 3, "points": -2, "reason": "leading"}],
}
ANNOTATIONS = {
    "turns": [
        {"turn": 3, "coach": "Bo", "label": "closed", "confirmed": False, "comment": "a yes/no question",
         "scorer_label": "leading", "at": 1.0},
        {"turn": 1, "coach": "Bo", "label": "open", "confirmed": True, "comment": None, "scorer_label": "open", "at": 1.0},
    ],
    "session": [{"coach": "Bo", "text": "Good rapport; fewer leading questions.", "at": 1_700_000_000.0}],
}


def _transcript() -> Transcript:
    t = Transcript(persona_id="maria", persona_name="Maria", trainee="Ana", started_at=1_700_000_000.0,
                   ended_at=1_700_000_600.0, insight_catalog=[{"id": "pain", "finding": "Invoices take a day"}])
    t.add(Turn(speaker=PERSONA, text="Hi, I'm Maria.", move="opening", at=1_700_000_001.0))
    t.add(Turn(speaker=TRAINEE, text="How do you invoice today?", label="open", confidence=0.93, at=1_700_000_010.0))
    t.add(Turn(speaker=PERSONA, text="By hand, it takes a day.", insights=["pain"], topic="billing", at=1_700_000_020.0))
    t.add(Turn(speaker=TRAINEE, text="=SUM(A1) isn't that awful?", label="leading", flags=["pitch"],
               rewrite="What is that day like?", at=1_700_000_030.0))
    t.add(Turn(speaker=TRAINEE, text="", label="silence", at=1_700_000_040.0))
    return t


def test_export_json_reads_back_as_the_transcript():
    data = json.loads(to_json(_transcript(), METRICS, ANNOTATIONS))
    assert data["metrics"] == METRICS and data["annotations"] == ANNOTATIONS
    assert Transcript.from_dict(data).to_dict() == _transcript().to_dict()


def test_export_csv_has_one_row_per_turn_with_coach_notes():
    rows = list(csv.DictReader(io.StringIO(to_csv(_transcript(), METRICS, ANNOTATIONS))))
    assert len(rows) == 5 and tuple(rows[0]) == CSV_COLUMNS
    assert [r["speaker"] for r in rows] == ["persona", "trainee", "persona", "trainee", "trainee"]
    assert rows[1]["name"] == "Ana" and rows[0]["name"] == "Maria"
    assert (rows[1]["label"], rows[1]["confidence"], rows[1]["points"]) == ("open", "0.93", "3")
    assert rows[1]["coach_labels"] == "Bo: open (confirmed)"
    assert (rows[3]["coach_labels"], rows[3]["coach_comments"]) == ("Bo: closed (override)", "Bo: a yes/no question")
    assert rows[3]["points"] == "-2" and rows[3]["flags"] == "pitch"
    assert rows[3]["text"] == "'=SUM(A1) isn't that awful?"  # a spreadsheet would run it as a formula
    assert rows[4]["text"] == "[silence]"
    assert rows[1]["at"] == "2023-11-14T22:13:30+00:00"


def test_export_markdown_shows_metrics_turns_and_comments():
    md = to_markdown(_transcript(), METRICS, ANNOTATIONS)
    assert md.startswith("# Interview with Maria\n")
    for line in ["- **Score:** 72.5", "- **Open questions:** 67%", "- **Insights uncovered:** 1 of 3: Invoices take a day \\(pain\\)",
                 "- **Labels:** open 2, leading 1", "**1. Ana** (*open 0.93*): How do you invoice today?",
                 "> Coach Bo: closed \\(override\\) — a yes/no question", "> Score -2: leading",
                 "**4. Ana** (*silence*): \\[silence\\]", "- **Bo** (2023-11-14 22:13 UTC): Good rapport; fewer leading questions."]:
        assert line in md, line


def test_export_html_is_a_self_contained_printable_page():
    page = to_html(_transcript(), METRICS, ANNOTATIONS)
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page and "break-inside: avoid" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert "<dt>Score</dt><dd>72.5</dd>" in page
    assert "Coach Bo: closed (override) — a yes/no question" in page


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("metrics", [None, {}, {"score": "high", "contributions": "x", "label_counts": [1],
                                                "insights_uncovered": "pain", "open_share": None}])
def test_export_every_metric_key_is_optional(fmt, metrics):
    out = export(fmt, _transcript(), metrics, None)
    assert "How do you invoice today?" in out


def test_export_unknown_format_names_the_choices():
    with pytest.raises(ValueError, match="unknown export format 'pdf' \\(expected one of: md, csv, json, html\\)"):
        export("pdf", _transcript())
