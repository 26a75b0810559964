"""bench_scoring's classify-without---lang run maps labels back by position: files run together reuse ids
("nl-chat-001" is in every blind set), and a label keyed by id went to the wrong row."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_scoring  # noqa: E402


def test_rows_with_the_same_id_keep_their_own_labels():
    rows = [
        {"id": "nl-chat-001", "text": "Hoe ging dat toen?", "previous": "We hebben de fiets teruggebracht."},
        {"id": "nl-chat-001", "text": "Bedankt voor je tijd.", "previous": "Graag gedaan."},
        {"id": "nl-chat-001", "text": "Heb je de fiets teruggebracht?", "previous": "Hij deed het niet meer."},
    ]
    assert bench_scoring.cli_without_lang("hashing", rows) == ["open", "statement", "closed"]
