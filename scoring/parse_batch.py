"""Many turns' rewrites with their spaCy parses run in batches: the same parses, a third of the CPU.

spaCy costs about the same to parse one short sentence as to parse three in one call (the network's layers have a
fixed cost per call), and a rewrite parses its question or the customer's last words one at a time, each parse
depending on what the previous one found. So a batch of turns runs its jobs (one per turn) in worker threads that
take turns (one runs at a time; more would only contend for the interpreter lock): a job that asks for a parse not
made yet waits and the next job starts; when every job under way waits (at most ``WORKERS``), the texts they asked
for are parsed in one ``pipe`` call and they go on::

    from scoring.parse_batch import parse, run_batched
    results = run_batched([lambda: suggest_rewrites(...), ...])   # the jobs call parse(text), not nlp.parse

The classifier reads its turns' forms the same way (``rules.analyse`` parses a few turns: an unpunctuated caption's
inverted question, a hypothetical's described fix), then makes their rewrites in a second batch.

Each job gets what it would get alone (a batched parse is the parse of the text alone; :func:`parse` outside a
batch is :func:`simulator.nlp.parse`), and the results come back in the jobs' order. Batches are used only when
the English pipeline is loaded already: a job that loaded it would change what the jobs after it see (the
rewriter keeps to its parse-free paths until the pipeline is there). The turns' parses stay in memory (the
parse cache), never on disk (:class:`simulator.parse_cache.not_kept`).

One turn alone gains the same way: ``parse(text, along=[...])`` parses, in the same call as ``text`` when that one
has to be parsed, the texts the turn is sure to ask for next (the customer's words its echo reads), and
``parse_ahead(texts)`` parses several texts a turn is about to ask for in one call. Two short texts in one call cost
about 1.5 times one (2.1 ms for one, 3.1 ms for two on the two-core machine); a text parsed already is never parsed
again, and each parse is the parse of the text alone, so the results are the same.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Sequence, TypeVar

from simulator import nlp

__all__ = ["parse", "parse_ahead", "run_batched", "spacy_calls", "in_batch", "WORKERS"]

T = TypeVar("T")

# Jobs under way at once: the most texts one pipe call parses (spaCy gains little beyond a few dozen).
WORKERS = 64
# Fewer jobs than this run one after the other: the threads cost more than the batching gains.
MIN_JOBS = 4

_local = threading.local()
_MISSING = object()

# The pipeline calls made here that parsed several texts at once, and those texts (a benchmark and the tests count
# them): see spacy_calls.
shared_calls = 0
shared_texts = 0


def spacy_calls() -> int:
    """Runs of the English pipeline so far: every text parsed (``simulator.nlp.parses_run``) less those parsed here
    together, plus the calls that parsed them. The difference between two readings is what a stretch of work cost
    (when nothing else parses many texts meanwhile, as a persona's index does)."""
    return nlp.parses_run - shared_texts + shared_calls


def parse(text: str, along: Sequence[str] = ()):
    """:func:`simulator.nlp.parse`, or, inside a job of :func:`run_batched`, the same parse made with the batch's.

    ``along``: texts the caller will parse next; when ``text`` is not parsed yet they are parsed with it in one call
    (those parsed already are not), so the later :func:`parse` of each finds it made. The parse returned is the same
    either way."""
    batch = getattr(_local, "batch", None)
    if batch is None:
        if along and nlp.cached(text) is None and pipeline_loaded():
            _parse_together((text, *along))
        return nlp.parse(text)
    return batch.parse(text, along)


def parse_ahead(texts: Sequence[str]) -> None:
    """Parse ``texts`` that are not parsed yet in one call (inside a job: with the batch's next call), for the
    :func:`parse` of each that follows; nothing when fewer than two are missing (the later call parses it alone)."""
    texts = [t for t in dict.fromkeys(texts) if t]
    if len(texts) < 2:
        return
    batch = getattr(_local, "batch", None)
    if batch is not None:
        batch.ahead(texts)
    elif pipeline_loaded():
        _parse_together(texts)


def _parse_together(texts: Sequence[str]) -> None:
    """Outside a batch: those of ``texts`` not parsed yet, in one call when there are two or more (one alone is left
    to the :func:`parse` that asks for it)."""
    missing = [t for t in dict.fromkeys(texts) if t and nlp.cached(t) is None]
    if len(missing) > 1:
        _parse_all(missing)


def in_batch() -> bool:
    """True inside a job of :func:`run_batched` (its parses are made together with the other jobs')."""
    return getattr(_local, "batch", None) is not None


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
        self.wants: list[str] | None = None  # the texts it waits for, or None when it has no job left
        self.thread = threading.Thread(target=self._run, name=f"parse-batch-{n}", daemon=True)

    def resume(self) -> None:
        """Let this worker run until it waits for a parse or runs out of jobs (called by the batch's thread)."""
        batch = self.batch
        if not self.thread.is_alive():
            self.thread.start()
        self.go.set()
        batch.back.wait()
        batch.back.clear()

    def wait_for(self, texts: list[str]) -> None:
        self.wants = texts
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
    def parse(self, text: str, along: Sequence[str] = ()):
        if not text:
            return nlp.parse(text)  # nothing to wait for: an empty text is never sent to a round
        doc = self.docs.get(text, _MISSING)
        if doc is _MISSING:
            cached = nlp.cached(text)
            if cached is not None:  # parsed before this batch: what nlp.parse returns, without waiting for a round
                return cached
            _local.worker.wait_for([t for t in dict.fromkeys((text, *along)) if t and self._missing(t)])
            doc = self.docs[text]
        if isinstance(doc, _Failed):
            raise doc.error
        return doc

    def ahead(self, texts: Sequence[str]) -> None:
        missing = [t for t in texts if self._missing(t)]
        if len(missing) > 1:
            _local.worker.wait_for(missing)

    def _missing(self, text: str) -> bool:
        return text not in self.docs and nlp.cached(text) is None

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
                texts = list(dict.fromkeys(t for w in waiting if w.wants is not None for t in w.wants))
                self.docs.update(_parse_all([t for t in texts if t not in self.docs]))
                ready, waiting = waiting[::-1], []
                continue
            else:
                break
            worker.resume()
            if worker.wants is not None:
                if all(t in self.docs for t in worker.wants):
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

    global shared_calls, shared_texts
    before = nlp.parses_run
    try:
        with not_kept():
            nlp.parse_many(texts)
    except Exception:  # noqa: BLE001 - parsed one at a time below, as the jobs would have
        pass
    if nlp.parses_run > before:
        shared_calls += 1
        shared_texts += nlp.parses_run - before
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
