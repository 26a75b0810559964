"""A batch's rewrites share their spaCy parses: the jobs run in turns, the texts they wait for are parsed together,
each job gets what it would get alone, a trainee's turns never reach the parse cache on disk, and ``classify_many``
gives every turn the rewrites ``classify`` gives it."""

from __future__ import annotations

import threading

import pytest

from scoring import parse_batch
from scoring.classifier import QuestionClassifier
from simulator import nlp, parse_cache
from simulator.embeddings import CACHE_ENV, HashingEmbedder

def _job(n: int, log: list):
    def job():
        first = parse_batch.parse(f"first {n}")
        # The second text depends on the first parse, as a rewrite's second parse depends on what the first found.
        second = parse_batch.parse(f"second {first}") if n % 2 == 0 else None
        log.append(threading.current_thread().name)
        return n, first, second
    return job


def test_jobs_get_their_own_parses_in_order_and_the_parses_are_made_together(fake_parser):
    log: list[str] = []
    results = parse_batch.run_batched([_job(n, log) for n in range(10)], workers=4)
    assert results == [(n, f"FIRST {n}", f"SECOND FIRST {n}" if n % 2 == 0 else None) for n in range(10)]
    parsed = [t for call in fake_parser for t in call]
    assert sorted(parsed) == sorted({f"first {n}" for n in range(10)} | {f"second FIRST {n}" for n in range(0, 10, 2)})
    assert len(fake_parser) < len(parsed)  # texts parsed together, not one call each
    assert max(len(call) for call in fake_parser) <= 4  # at most one text per worker and call
    assert all(name.startswith("parse-batch") for name in log)


def test_a_text_asked_for_twice_is_parsed_once(fake_parser):
    jobs = [lambda: (parse_batch.parse("the same"), parse_batch.parse("the same")) for _ in range(6)]
    assert parse_batch.run_batched(jobs) == [("THE SAME", "THE SAME")] * 6
    assert [t for call in fake_parser for t in call] == ["the same"]


def test_an_exception_in_one_job_is_raised_after_the_others_have_run(fake_parser):
    done: list[int] = []

    def failing():
        parse_batch.parse("x")
        raise ValueError("job 2 fails")

    def ok(n):
        def job():
            parse_batch.parse(f"t{n}")
            done.append(n)
            return n
        return job

    with pytest.raises(ValueError, match="job 2 fails"):
        parse_batch.run_batched([ok(0), ok(1), failing, ok(3), ok(4)])
    assert sorted(done) == [0, 1, 3, 4]


def test_few_jobs_or_no_pipeline_run_one_after_the_other(monkeypatch):
    monkeypatch.setattr(parse_batch, "pipeline_loaded", lambda: False)
    names: list[str] = []
    jobs = [lambda: names.append(threading.current_thread().name) for _ in range(8)]
    parse_batch.run_batched(jobs)
    assert set(names) == {threading.current_thread().name}
    # Outside a batch, parse is nlp.parse.
    monkeypatch.setattr(nlp, "parse", lambda text: ("alone", text))
    assert parse_batch.parse("hello") == ("alone", "hello")


def test_not_kept_turns_the_disk_store_off_in_this_thread_only(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))

    class Pipe:
        meta = {"lang": "en", "name": "fake", "version": "1"}
        pipe_names = ["tagger"]

    assert parse_cache.store_for(Pipe()) is not None
    seen = {}
    with parse_cache.not_kept():
        assert parse_cache.store_for(Pipe()) is None
        other = threading.Thread(target=lambda: seen.setdefault("other", parse_cache.store_for(Pipe())))
        other.start()
        other.join()
    assert seen["other"] is not None
    assert parse_cache.store_for(Pipe()) is not None


# With the real English pipeline ------------------------------------------------------------------------------------
TURNS = [
    ("Don't you think the app is too slow?", "The app takes ages to load in the morning."),
    ("Was the driver polite?", "The van came two hours late and the driver just left the box outside."),
    ("Did you like the new menu at the cafe?", "We went to the cafe on Saturday. They changed the whole menu."),
    ("You must have been furious about the refund, right?", "They only refunded half of it after a month."),
    ("Is your manager okay with the rota?", "My manager does the rota every Friday."),
    ("Would you say the price was the main reason?", "I stopped in March."),
    ("Do you still pay for the gym membership?", "I joined the gym in January."),
    ("I bet that was stressful?", "The movers broke the wardrobe and turned up a day late."),
    ("Tell me about the last time you cooked.", "I cook most evenings."),
    ("Okay.", None),
]


@pytest.fixture(scope="module")
def loaded():
    if nlp.load() is None:
        pytest.skip("the English pipeline is not installed")


def test_batch_rewrites_equal_single_rewrites_and_parses_are_shared(loaded, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    clf = QuestionClassifier(embedder=HashingEmbedder())
    for text, previous in TURNS:  # fresh texts: nothing of them in the memory cache of parses
        nlp._PARSES.pop(text, None)
    calls: list[list[str]] = []
    real = parse_batch._parse_all
    monkeypatch.setattr(parse_batch, "_parse_all", lambda texts: (calls.append(list(texts)), real(texts))[1])
    batch = clf.classify_many(TURNS)
    assert calls and max(len(c) for c in calls) > 1  # several turns' texts parsed in one call
    for (text, previous), verdict in zip(TURNS, batch):
        alone = clf.classify(text, previous)
        assert (verdict.label, verdict.flags, verdict.rewrite, verdict.rewrites) == \
            (alone.label, alone.flags, alone.rewrite, alone.rewrites), text
    assert any(v.rewrites for v in batch)
    # The turns' parses stayed in memory: nothing of theirs on disk.
    assert not list(tmp_path.glob("parses-*/*.bin"))


def test_without_rewrites_nothing_is_rewritten(loaded, monkeypatch):
    clf = QuestionClassifier(embedder=HashingEmbedder())
    monkeypatch.setattr(parse_batch, "_parse_all", lambda texts: pytest.fail("a parse for a rewrite"))
    verdicts = clf.classify_many([(t + " (plain)", p) for t, p in TURNS], rewrites=False)
    assert all(v.rewrites == () and v.rewrite is None for v in verdicts)
