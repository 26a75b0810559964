"""The classifier's cheap paths: English votes lexically even when the caller holds MiniLM, the examples' forms and the
index are kept on disk and read back on the next start (rebuilt when a rules file or an example changes, or when a
file is damaged), and a caller that wants no rewrites never imports the rewriter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from scoring import classifier as classifier_module
from scoring import example_cache, rules
from scoring.classifier import CLASSIFIER_EMBEDDER_ENV, QuestionClassifier, load_examples, vote_embedder
from scoring.labels import Label
from simulator.embeddings import CACHE_ENV, HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent

# A few examples of every label: enough for an index and a vote, quick to analyse.
EXAMPLES = [
    {"id": "o1", "text": "Tell me about the last time you ordered groceries.", "label": "open"},
    {"id": "o2", "text": "How do you decide what to cook?", "label": "open"},
    {"id": "c1", "text": "Do you order online?", "label": "closed"},
    {"id": "c2", "text": "Which shop do you use?", "label": "closed"},
    {"id": "l1", "text": "Don't you think delivery is too slow?", "label": "leading"},
    {"id": "e1", "text": "Three hours?", "previous": "It took me three hours to set it up.", "label": "echo"},
    {"id": "r1", "text": "So the evenings are the only time you have.", "previous": "By the time I'm home it's nine.",
     "label": "reflection"},
    {"id": "s1", "text": "Thanks for joining today.", "label": "statement"},
    {"id": "s2", "text": "The delivery.", "label": "statement"},
]
TURNS = [("The delivery.", "We order on Sundays."), ("And the app then.", None), ("Okay, the price.", "It costs a lot."),
         ("Do you use it daily?", None), ("So evenings are hard for you.", "By the time I'm home it's nine.")]


class CountingClassifier(QuestionClassifier):
    """Counts the turns it reads the form of (examples included)."""

    analysed = 0

    def _analyse(self, text, previous, context=None):
        type(self).analysed += 1
        return super()._analyse(text, previous, context)


class FakeMiniLM(HashingEmbedder):
    """Stands in for MiniLM (same name and threshold); records what it is asked to embed."""

    name = "minilm"
    match_threshold = 0.42

    def __init__(self) -> None:
        super().__init__(dim=384)
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return super().encode(texts)


@pytest.fixture()
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    monkeypatch.delenv(CLASSIFIER_EMBEDDER_ENV, raising=False)
    CountingClassifier.analysed = 0
    return folder


def fresh(examples=EXAMPLES, cls=CountingClassifier, **kwargs) -> QuestionClassifier:
    rules._analyse_cached.cache_clear()  # as in a new process: nothing analysed yet
    return cls(embedder=kwargs.pop("embedder", HashingEmbedder()), examples=examples, team_examples=False, **kwargs)


def files(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"classifier-{kind}-en-*"))


# The embedder of the English vote --------------------------------------------------------------------------------

def test_english_votes_lexically_when_given_minilm(cache):
    minilm = FakeMiniLM()
    clf = fresh(embedder=minilm, cls=QuestionClassifier)
    assert type(clf.embedder) is HashingEmbedder
    verdicts = clf.classify_many(TURNS)
    assert minilm.calls == []  # MiniLM never runs for the classifier
    assert any(v.reason for v in verdicts)


def test_the_sentence_model_votes_when_asked_for(cache, monkeypatch):
    monkeypatch.setenv(CLASSIFIER_EMBEDDER_ENV, "auto")
    minilm = FakeMiniLM()
    clf = fresh(embedder=minilm, cls=QuestionClassifier)
    assert clf.embedder is minilm
    clf.classify_many(TURNS)
    assert minilm.calls


def test_other_embedders_and_languages_vote_as_given(cache):
    given = HashingEmbedder(dim=256)
    assert vote_embedder(given, "en") is given
    minilm = FakeMiniLM()
    assert vote_embedder(minilm, "nl") is minilm  # only English reads its examples lexically instead of MiniLM
    assert type(vote_embedder(None, "en")) is HashingEmbedder


# The examples' forms on disk ---------------------------------------------------------------------------------------

def test_the_examples_forms_are_read_back_on_the_next_start(cache):
    first = fresh()
    expected = first.classify_many(TURNS)  # some need the neighbours: the index is built
    assert CountingClassifier.analysed == len(EXAMPLES) + len(TURNS)
    assert len(files(cache, "forms")) == 1 and len(files(cache, "index")) == 1

    CountingClassifier.analysed = 0
    second = fresh()
    assert second.classify_many(TURNS) == expected
    assert CountingClassifier.analysed == len(TURNS)  # the turns only: the examples' forms came from disk
    assert second._forms == first._forms
    # Labels stay labels (a str enum would compare equal to its value, but not look up the same).
    assert all(type(k) is Label for form in second._forms for k in form.scores)


def test_a_changed_example_or_rules_file_is_analysed_again(cache, monkeypatch, tmp_path):
    fresh()._load()
    changed = [dict(e) for e in EXAMPLES]
    changed[0]["text"] = "Tell me about the last time you cooked for friends."
    CountingClassifier.analysed = 0
    fresh(changed)._load()
    assert CountingClassifier.analysed == len(EXAMPLES)
    assert len(files(cache, "forms")) == 2

    # Another rules.py (a copy of the source tree with one line added): another key, analysed again.
    tree = tmp_path / "tree"
    for name in ["scoring/" + p.name for p in (ROOT / "scoring").glob("rules*.py")] + \
            [f"scoring/{n}" for n in example_cache._ALSO_READ] + ["simulator/nlp.py"]:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes((ROOT / name).read_bytes())
    monkeypatch.setattr(example_cache, "_ROOT", tree)
    monkeypatch.setattr(example_cache, "_digest", None)
    CountingClassifier.analysed = 0
    fresh()._load()
    assert CountingClassifier.analysed == 0  # the same sources: the same key
    with (tree / "scoring" / "rules.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# a new rule\n")
    monkeypatch.setattr(example_cache, "_digest", None)
    fresh()._load()
    assert CountingClassifier.analysed == len(EXAMPLES)


def test_a_process_keeps_the_key_of_the_rules_it_imported(cache, monkeypatch, tmp_path):
    tree = tmp_path / "tree"
    for name in ["scoring/rules.py", "simulator/nlp.py"]:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes((ROOT / name).read_bytes())
    # As if this process had imported the rules from ``tree``: an edit made while it runs does not change its key
    # (it still runs the old code, and must not file old forms under the new code's key).
    monkeypatch.setattr(example_cache, "_ROOT", tree)
    monkeypatch.setattr(example_cache, "_IMPORTED_FROM", tree)
    monkeypatch.setattr(example_cache, "_FILES_AT_IMPORT", example_cache._files_digest(tree))
    monkeypatch.setattr(example_cache, "_digest", None)
    before = example_cache.source_digest()
    with (tree / "scoring" / "rules.py").open("a", encoding="utf-8") as handle:
        handle.write("\n# edited while running\n")
    monkeypatch.setattr(example_cache, "_digest", None)
    assert example_cache.source_digest() == before
    assert example_cache._files_digest(tree) != example_cache._FILES_AT_IMPORT  # a new process would see another key


@pytest.mark.parametrize("damage", [b"", b"{\"format\": 1, \"forms\": [{\"c\": \"Nope\"", b"\x00\xffgarbage",
                                    json.dumps({"format": 1, "forms": []}).encode()])
def test_a_damaged_forms_file_is_rebuilt(cache, damage):
    expected = fresh().classify_many(TURNS)
    (path,) = files(cache, "forms")
    path.write_bytes(damage)
    CountingClassifier.analysed = 0
    clf = fresh()
    assert clf.classify_many(TURNS) == expected
    assert CountingClassifier.analysed == len(EXAMPLES) + len(TURNS)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == example_cache.FORMAT  # written again, whole


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 truncated zip", b"not a zip at all"])
def test_a_damaged_index_file_is_rebuilt(cache, damage):
    expected = fresh().classify_many(TURNS)
    (path,) = files(cache, "index")
    path.write_bytes(damage)
    clf = fresh()
    assert clf.classify_many(TURNS) == expected
    with np.load(path, allow_pickle=False) as data:
        assert data["vectors"].shape == (len(EXAMPLES), HashingEmbedder().dim)


def test_the_index_read_from_disk_votes_as_the_one_built(cache):
    built = fresh()
    built_index = built._get_index()
    read = fresh()
    read_index = read._get_index()
    assert np.array_equal(read_index.vectors, built_index.vectors)
    assert read_index.calibration.table == built_index.calibration.table
    assert read_index.previous_similarity == built_index.previous_similarity
    assert read.classify_many(TURNS) == built.classify_many(TURNS)


def test_a_fake_embedder_is_never_read_from_disk(cache):
    class Shifted(HashingEmbedder):  # another embedder of the same size: its vectors are not the hashing ones
        def encode(self, texts):
            return np.roll(super().encode(texts), 1, axis=1)

    fresh()._get_index()
    clf = fresh(embedder=Shifted())
    index = clf._get_index()
    assert np.array_equal(index.vectors[0], Shifted().encode([index.texts[0]])[0])


def test_no_cache_folder_no_files(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "")
    CountingClassifier.analysed = 0
    fresh().classify("Do you use it daily?")
    fresh()._load()
    assert CountingClassifier.analysed == 2 * len(EXAMPLES) + 1
    assert not list(tmp_path.rglob("classifier-*"))


def test_only_the_newest_files_of_a_language_are_kept(cache):
    for n in range(example_cache.KEEP + 2):
        changed = [dict(e) for e in EXAMPLES]
        changed[0]["text"] = f"Tell me about time number {n} you ordered."
        fresh(changed)._get_index()
        for i, path in enumerate(sorted(cache.glob("classifier-*"), key=lambda p: p.stat().st_mtime)):
            os.utime(path, (1_000_000 + n * 100 + i, 1_000_000 + n * 100 + i))
    assert len(files(cache, "forms")) == example_cache.KEEP
    assert len(files(cache, "index")) == example_cache.KEEP


def test_the_shipped_examples_read_back_exactly(cache):
    examples = load_examples()
    rules._analyse_cached.cache_clear()
    analysed = [classifier_module.QuestionClassifier()._analyse(e.text, e.previous) for e in examples]
    pairs = [(e.text, e.previous) for e in examples]
    example_cache.cached_forms("en", pairs, lambda t, p: rules.analyse(t, p))
    read = example_cache.cached_forms("en", pairs, lambda t, p: pytest.fail("must come from disk"))
    assert all(example_cache._same(a, b) for a, b in zip(read, analysed)) and len(read) == len(analysed)


# No rewriter when no rewrites are wanted ---------------------------------------------------------------------------

def test_a_batch_without_rewrites_does_not_import_the_rewriter(tmp_path):
    code = ("import sys; from scoring.classifier import QuestionClassifier; "
            f"c = QuestionClassifier(examples={EXAMPLES!r}, team_examples=False); "
            f"v = c.classify_many({TURNS!r}, rewrites=False); "
            "assert all(x.rewrite is None for x in v); print('scoring.rewrite' in sys.modules); "
            "w = c.classify('Do you like it?'); print('scoring.rewrite' in sys.modules, bool(w.rewrites))")
    env = dict(os.environ, **{CACHE_ENV: str(tmp_path)})
    env.pop(CLASSIFIER_EMBEDDER_ENV, None)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True", "True"]
