"""The coaching benchmark's labelled turns (benchmarks/data/coaching): schema, sizes, labels, languages, and no
overlap with the scorer's own labelled files (examples, held-out, development set). Format only: no model is loaded."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from scoring.labels import Flag, Label

ROOT = Path(__file__).resolve().parent.parent
COACHING = ROOT / "benchmarks" / "data" / "coaching"
SCORING_DATA = ROOT / "scoring" / "data"
LANGS = ("en", "nl", "ko", "zh")
LABELS = {label.value for label in Label} - {Label.SILENCE.value}
FLAGS = {flag.value for flag in Flag}
# The flags a coach gives an interviewer's question (the ones this benchmark covers).
COACHING_FLAGS = ("hypothetical", "double_barreled", "pitch", "faux_invitation")
# The scorer's own labelled turns: prototypes, held-out files and the development set its rules are tuned on.
OTHER_SETS = sorted(SCORING_DATA.glob("*.jsonl")) + sorted((ROOT / "tests" / "data").glob("coaching*.jsonl"))
REQUIRED = {"id", "text", "previous", "label", "flags", "kind", "note"}
OPTIONAL = {"context", "lang"}
MINIMUM = {"en": 300, "nl": 60, "ko": 60, "zh": 60}
SCRIPT = {"ko": re.compile(r"[\uac00-\ud7af]"), "zh": re.compile(r"[\u4e00-\u9fff]")}


def rows(lang: str) -> list[dict]:
    path = COACHING / f"natural_{lang}.jsonl"
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"{path.name}:{number}: blank line"
        row = json.loads(line)
        row["_where"] = f"{path.name}:{number}"
        out.append(row)
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_coaching_lines_have_the_documented_fields(lang):
    for row in rows(lang):
        where = row.pop("_where")
        keys = set(row)
        assert keys >= REQUIRED, f"{where}: missing {sorted(REQUIRED - keys)}"
        assert keys <= REQUIRED | OPTIONAL, f"{where}: unknown fields {sorted(keys - REQUIRED - OPTIONAL)}"
        assert isinstance(row["text"], str) and row["text"].strip(), f"{where}: empty text"
        assert row["previous"] is None or (isinstance(row["previous"], str) and row["previous"].strip()), where
        assert row.get("context") is None or (isinstance(row["context"], str) and row["context"].strip()), where
        assert row["label"] in LABELS, f"{where}: label {row['label']!r}"
        assert isinstance(row["flags"], list) and set(row["flags"]) <= FLAGS, f"{where}: flags {row['flags']!r}"
        assert len(row["flags"]) == len(set(row["flags"])), f"{where}: repeated flag"
        assert row["kind"] in ("chat", "spoken"), f"{where}: kind {row['kind']!r}"
        assert isinstance(row["note"], str) and row["note"].strip(), f"{where}: empty note"
        if lang != "en":
            assert row.get("lang") == lang, f"{where}: lang {row.get('lang')!r}, expected {lang!r}"
        else:
            assert row.get("lang", "en") == "en", where


@pytest.mark.parametrize("lang", LANGS)
def test_coaching_sets_are_large_and_cover_every_label(lang):
    data = rows(lang)
    assert len(data) >= MINIMUM[lang]
    labels = Counter(r["label"] for r in data)
    assert set(labels) == LABELS, f"missing labels: {LABELS - set(labels)}"
    assert min(labels.values()) >= (15 if lang == "en" else 4), labels
    kinds = Counter(r["kind"] for r in data)
    assert kinds["spoken"] >= (80 if lang == "en" else 15), kinds


def test_coaching_english_covers_the_hard_cases():
    data = rows("en")
    flags = Counter(f for r in data for f in r["flags"])
    assert all(flags[f] >= 5 for f in COACHING_FLAGS), flags
    # Summaries that restate earlier customer text (context) both ways: reflection and leading.
    with_context = Counter(r["label"] for r in data if r.get("context"))
    assert with_context["reflection"] >= 5 and with_context["leading"] >= 5, with_context
    closing = [r for r in data if re.search(r"\banything\b.*\b(?:ask|add|miss|else|cover|know)", r["text"], re.I)]
    assert len(closing) >= 6 and all(r["label"] == "open" for r in closing), [r["text"] for r in closing]
    would_say = [r for r in data if re.match(r"(?i)would (?:you say|it be fair to say)", r["text"])]
    assert len(would_say) >= 3


@pytest.mark.parametrize("lang", LANGS)
def test_coaching_ids_and_turns_are_unique(lang):
    data = rows(lang)
    ids = [r["id"] for r in data]
    assert len(ids) == len(set(ids))
    assert all(i.startswith(f"{lang}-{r['kind']}-") for i, r in zip(ids, data))
    turns = Counter((r["text"].strip().lower(), (r["previous"] or "").strip().lower()) for r in data)
    assert not [t for t, c in turns.items() if c > 1]


@pytest.mark.parametrize("lang", LANGS)
def test_coaching_flags_fit_the_label(lang):
    """Hypothetical and double-barreled describe questions; a statement, echo or reflection cannot carry them."""
    for row in rows(lang):
        if row["label"] in ("statement", "echo", "reflection"):
            assert not {"hypothetical", "double_barreled", "faux_invitation"} & set(row["flags"]), row["_where"]
        if "faux_invitation" in row["flags"]:
            assert row["label"] == "closed", row["_where"]


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_coaching_turns_are_written_in_their_script(lang):
    for row in rows(lang):
        assert SCRIPT[lang].search(row["text"]), f"{row['_where']}: no {lang} script in {row['text']!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_coaching_turns_never_repeat_the_scorers_own_data(lang):
    def norm(text: str) -> str:
        return re.sub(r"[\W_]+", " ", text.lower()).strip()

    seen = set()
    for path in OTHER_SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.add(norm(json.loads(line)["text"]))
    repeated = [r["text"] for r in rows(lang) if norm(r["text"]) in seen]
    assert not repeated, f"turns also in the scorer's own data: {repeated}"
