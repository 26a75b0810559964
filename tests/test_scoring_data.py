"""The labelled example files: schema, coverage of every label and flag, and no overlap with the held-out set."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from scoring.classifier import CLASSIFIER_LABELS, Example, load_examples
from scoring.labels import Flag

DATA = Path(__file__).resolve().parent.parent / "scoring" / "data"
EXAMPLES = DATA / "examples.jsonl"
HELDOUT = DATA / "heldout.jsonl"


@pytest.fixture(scope="module")
def examples() -> list[Example]:
    return load_examples(EXAMPLES)


@pytest.fixture(scope="module")
def heldout() -> list[Example]:
    return load_examples(HELDOUT)


def test_data_examples_file_is_large_enough(examples):
    assert len(examples) >= 450


def test_data_heldout_file_is_large_enough(heldout):
    assert len(heldout) >= 120


@pytest.mark.parametrize("label", [label.value for label in CLASSIFIER_LABELS])
def test_data_every_label_has_forty_examples(examples, label):
    counts = Counter(e.label.value for e in examples)
    assert counts[label] >= 40, f"{label}: only {counts[label]} examples"


@pytest.mark.parametrize("flag", [flag.value for flag in Flag])
def test_data_every_flag_has_twenty_five_examples(examples, flag):
    counts = Counter(f.value for e in examples for f in e.flags)
    assert counts[flag] >= 25, f"{flag}: only {counts[flag]} examples"


@pytest.mark.parametrize("path", [EXAMPLES, HELDOUT], ids=["examples", "heldout"])
def test_data_ids_are_unique_and_lines_are_complete(path):
    ids = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        row = json.loads(line)
        assert set(row) >= {"id", "text", "previous", "label", "flags"}, f"{path.name}:{number}"
        ids.append(row["id"])
    assert len(ids) == len(set(ids))


def test_data_heldout_never_repeats_an_example(examples, heldout):
    seen = {e.text.strip().lower() for e in examples}
    repeated = [h.text for h in heldout if h.text.strip().lower() in seen]
    assert not repeated


def test_data_echo_examples_repeat_words_of_their_previous_utterance(examples):
    from scoring.rules import echo_match

    weak = [e.text for e in examples if e.label.value == "echo" and echo_match(e.text, e.previous) < 0.6]
    assert not weak, f"echoes that do not repeat the previous utterance: {weak}"


def test_data_load_examples_names_the_line_of_a_bad_label(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "Hi", "previous": null, "label": "opne", "flags": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:1 -> label: unknown label 'opne'"):
        load_examples(path)
