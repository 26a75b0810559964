"""The embedders' caches: vectors kept on disk between starts (only what a warm-up embeds, never a trainee's words),
and texts embedded in the background before the turn that needs them."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from simulator import embeddings
from simulator.embeddings import _LRU, DiskVectors, _CachedEncoder


class CountingEncoder(_CachedEncoder):
    """A model that counts the texts it runs (a deterministic vector per text)."""

    dim = 8

    def __init__(self, key: str | None = "fake-model-1") -> None:
        self._lock = threading.Lock()
        self._cache = _LRU(100)
        self.texts_embedded = 0
        self._disk_key = key
        self.ran: list[str] = []

    def _embed(self, missing: list[str]) -> np.ndarray:
        self.ran += missing
        rng = [np.random.default_rng(abs(hash(t)) % 2**32).normal(size=self.dim) for t in missing]
        out = np.asarray(rng, dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(embeddings.CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(embeddings, "_STORES", {})  # a fresh process: nothing read yet
    monkeypatch.setattr(embeddings, "_PERSIST_THREADS", set())
    return tmp_path


def restart(monkeypatch) -> None:
    monkeypatch.setattr(embeddings, "_STORES", {})


def test_what_a_warm_up_embeds_is_read_from_disk_on_the_next_start(cache_dir, monkeypatch):
    first = CountingEncoder()
    with embeddings.persisting():
        expected = first.encode(["What happened then?", "Tell me about the last time."])
    assert first.ran == ["What happened then?", "Tell me about the last time."]
    assert list(cache_dir.glob("fake-model-1*.npz"))

    restart(monkeypatch)
    second = CountingEncoder()
    again = second.encode(["Tell me about the last time.", "What happened then?"])
    assert second.ran == []  # no model run: both came from disk
    assert np.allclose(again, expected[::-1])


def test_a_page_runs_words_are_never_written_to_disk(cache_dir, monkeypatch):
    encoder = CountingEncoder()
    encoder.encode(["my private question"])  # not in a warm-up
    embeddings.flush_disk_vectors()
    restart(monkeypatch)
    fresh = CountingEncoder()
    fresh.encode(["my private question"])
    assert fresh.ran == ["my private question"]
    assert all(b"private" not in path.read_bytes() for path in cache_dir.iterdir())


def test_named_warm_up_threads_persist_and_other_threads_do_not(cache_dir, monkeypatch):
    embeddings.persist_in_threads("engine-loader")
    encoder = CountingEncoder()
    for name, text in (("engine-loader", "a labelled example"), ("ScriptRunner.scriptThread", "a trainee's turn")):
        thread = threading.Thread(target=encoder.encode, args=([text],), name=name)
        thread.start()
        thread.join()
    embeddings.flush_disk_vectors()
    restart(monkeypatch)
    fresh = CountingEncoder()
    fresh.encode(["a labelled example", "a trainee's turn"])
    assert fresh.ran == ["a trainee's turn"]


def test_another_model_never_reads_the_vectors(cache_dir, monkeypatch):
    with embeddings.persisting():
        CountingEncoder("fake-model-1").encode(["Why was that?"])
    restart(monkeypatch)
    other = CountingEncoder("fake-model-2")
    other.encode(["Why was that?"])
    assert other.ran == ["Why was that?"]


def test_no_cache_folder_means_nothing_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv(embeddings.CACHE_ENV, "")
    monkeypatch.setattr(embeddings, "_STORES", {})
    with embeddings.persisting():
        CountingEncoder().encode(["Why was that?"])
    assert embeddings._STORES == {}


def test_a_damaged_cache_file_is_skipped(cache_dir, monkeypatch):
    with embeddings.persisting():
        CountingEncoder().encode(["Why was that?"])
    for path in cache_dir.glob("*.npz"):
        path.write_bytes(b"not a numpy file")
    restart(monkeypatch)
    fresh = CountingEncoder()
    assert fresh.encode(["Why was that?"]).shape == (1, 8)
    assert fresh.ran == ["Why was that?"]


def test_the_disk_table_keeps_the_newest_texts_up_to_its_limit(tmp_path):
    table = DiskVectors(tmp_path, "k", dim=2, limit=3)
    for i in range(5):
        table.put([f"t{i}"], np.ones((1, 2), dtype=np.float32))
    table.flush()
    reread = DiskVectors(tmp_path, "k", dim=2, limit=3)
    assert sorted(reread.get([f"t{i}" for i in range(5)])) == ["t2", "t3", "t4"]


def test_texts_a_thread_embedded_while_another_waited_for_the_model_are_not_run_twice(cache_dir):
    encoder = CountingEncoder()
    gate, entered = threading.Event(), threading.Event()
    original = encoder._embed

    def slow(missing):
        entered.set()
        gate.wait(5)
        return original(missing)

    encoder._embed = slow
    first = threading.Thread(target=encoder.encode, args=(["the same reply"],))
    first.start()
    entered.wait(5)
    second = threading.Thread(target=encoder.encode, args=(["the same reply"],))
    second.start()  # finds it missing, then waits for the model's lock
    time.sleep(0.3)
    gate.set()
    first.join(5)
    second.join(5)
    assert encoder.ran == ["the same reply"]


def test_the_process_runs_one_blas_thread_unless_configured(monkeypatch):
    from threadpoolctl import threadpool_info, threadpool_limits

    if not any(i["user_api"] == "blas" and "numpy" in i["filepath"] for i in threadpool_info()):
        pytest.skip("numpy has no BLAS threadpool here")
    with threadpool_limits(limits=2, user_api="blas"):  # as OpenBLAS starts on two cores
        monkeypatch.setattr(embeddings, "_PROCESS_BLAS", None)
        monkeypatch.delenv(embeddings.BLAS_THREADS_ENV, raising=False)
        assert embeddings.limit_process_blas() == 1
        numpy_blas = [i for i in threadpool_info() if i["user_api"] == "blas" and "numpy" in i["filepath"]]
        assert {i["num_threads"] for i in numpy_blas} == {1}
        assert embeddings.limit_process_blas() == 1  # once
        monkeypatch.setattr(embeddings, "_PROCESS_BLAS", None)
        monkeypatch.setenv(embeddings.BLAS_THREADS_ENV, "not a number")
        assert embeddings.limit_process_blas() == 1
