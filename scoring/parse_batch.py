"""Many turns' rewrites with their spaCy parses run in batches: the same parses, a third of the CPU.

spaCy costs about the same to parse one short sentence as to parse three in one call (the network's layers have a
fixed cost per call), and a rewrite parses its question or the customer's last words one at a time, each parse
depending on what the previous one found. So a batch of turns runs its jobs (one per turn) in worker threads that
take turns (one runs at a time; more would only contend for the interpreter lock): a job that asks for a parse not
made yet waits and the next job starts; when every job under way waits (at most ``WORKERS``), the texts they asked
for are parsed in one ``pipe`` call and they go on::

    from scoring.parse_batch import parse, run_batched
    results = run_batched([lambda: suggest_rewrites(...), ...])   # the jobs call parse(text), not nlp.parse

Each job gets what it would get alone (a batched parse is the parse of the text alone; :func:`parse` outside a
batch is :func:`simulator.nlp.parse`), and the results come back in the jobs' order. Batches are used only when
the English pipeline is loaded already: a job that loaded it would change what the jobs after it see (the
rewriter keeps to its parse-free paths until the pipeline is there). The turns' parses stay in memory (the
parse cache), never on disk (:class:`simulator.parse_cache.not_kept`).
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Sequence, TypeVar

from simulator import nlp

__all__ = ["parse", "run_batched", "WORKERS"]

T = TypeVar("T")

# Jobs under way at once: the most texts one pipe call parses (spaCy gains little beyond a few dozen).
WORKERS = 64
# Fewer jobs than this run one after the other: the threads cost more than the batching gains.
MIN_JOBS = 4

_local = threading.local()
_MISSING = object()


def parse(text: str):
    """:func:`simulator.nlp.parse`, or, inside a job of :func:`run_batched`, the same parse made with the batch's."""
    batch = getattr(_local, "batch", None)
    if batch is None:
        return nlp.parse(text)
    return batch.parse(text)


def pipeline_loaded() -> bool:
    return getattr(nlp, "_pipeline", None) is not None


def run_batched(jobs: Sequence[Callable[[], T]], workers: int | None = None) -> list[T]:
    """Every job's result, in order; the first exception a job raised is raised here (after all have finished)."""
    if len(jobs) < MIN_JOBS or not pipeline_loaded() or getattr(_local, "batch", None) is not None:
        return [job() for job in jobs]
    return _Batch(jobs, min(workers or WORKERS, len(jobs))).run()


class _Worker:
    """A thread that runs jobs only while the batch hands it the turn: one thread of the batch runs at a time (more
    would only contend for the interpreter lock)."""

    def __init__(self, batch: "_Batch", n: int) -> None:
        self.batch = batch
        self.go = threading.Event()
        self.wants: str | None = None  # the text it waits for, or None when it has no job left
        self.thread = threading.Thread(target=self._run, name=f"parse-batch-{n}", daemon=True)

    def resume(self) -> None:
        """Let this worker run until it waits for a parse or runs out of jobs (called by the batch's thread)."""
        batch = self.batch
        if not self.thread.is_alive():
            self.thread.start()
        self.go.set()
        batch.back.wait()
        batch.back.clear()

    def wait_for(self, text: str) -> None:
        self.wants = text
        self.batch.back.set()
        self.go.wait()
        self.go.clear()

    def _run(self) -> None:
        batch = self.batch
        _local.batch = batch
        _local.worker = self
        self.go.wait()
        self.go.clear()
        try:
            while batch.next < len(batch.jobs):
                i = batch.next
                batch.next += 1
                try:
                    batch.results[i] = batch.jobs[i]()
                except BaseException as e:  # noqa: BLE001 - raised again by run(), in the caller's thread
                    batch.errors.append((i, e))
        finally:
            self.wants = None
            _local.batch = None
            _local.worker = None
            batch.back.set()


class _Batch:
    def __init__(self, jobs: Sequence[Callable[[], Any]], workers: int) -> None:
        self.jobs = jobs
        self.results: list[Any] = [None] * len(jobs)
        self.errors: list[tuple[int, BaseException]] = []
        self.next = 0  # the next job to start (only the running thread reads or moves it)
        self.back = threading.Event()  # set when the running worker hands the turn back
        self.idle = [_Worker(self, n) for n in range(workers)]
        self.docs: dict[str, Any] = {}

    # In a worker -------------------------------------------------------------------------------------
    def parse(self, text: str):
        doc = self.docs.get(text, _MISSING)
        if doc is _MISSING:
            _local.worker.wait_for(text)
            doc = self.docs[text]
        if isinstance(doc, _Failed):
            raise doc.error
        return doc

    # In the caller's thread ------------------------------------------------------------------------------
    def run(self) -> list[Any]:
        waiting: list[_Worker] = []
        ready: list[_Worker] = []
        started: list[_Worker] = []
        while True:
            if ready:
                worker = ready.pop()
            elif self.next < len(self.jobs) and self.idle:
                worker = self.idle.pop()
                started.append(worker)
            elif waiting:
                texts = list(dict.fromkeys(w.wants for w in waiting if w.wants is not None))
                self.docs.update(_parse_all([t for t in texts if t not in self.docs]))
                ready, waiting = waiting[::-1], []
                continue
            else:
                break
            worker.resume()
            if worker.wants is not None:
                if worker.wants in self.docs:
                    ready.append(worker)
                else:
                    waiting.append(worker)
        for worker in started:
            worker.thread.join()
        if self.errors:
            raise min(self.errors, key=lambda item: item[0])[1]
        return self.results


def _parse_all(texts: list[str]) -> dict[str, Any]:
    """The parses of ``texts`` from one ``pipe`` call (those in the memory cache already are not parsed again)."""
    from simulator.parse_cache import not_kept

    try:
        with not_kept():
            nlp.parse_many(texts)
    except Exception:  # noqa: BLE001 - parsed one at a time below, as the jobs would have
        pass
    out: dict[str, Any] = {}
    for text in texts:
        try:
            out[text] = nlp.parse(text)
        except Exception as e:  # noqa: BLE001 - raised in the job that asked, as nlp.parse would have
            out[text] = _Failed(e)
    return out


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error
