"""The speed paths around the classifier and the server's start: a batch classifies each distinct turn once and
embeds in one call, verdicts are the same as one turn at a time; the speed benchmark really empties the real
embedders' cache; the launcher loads the language tools beside the models and is the only one warming personas."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from scoring import classifier as classifier_module
from scoring.classifier import QuestionClassifier
from simulator.embeddings import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting its calls and the texts it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return super().encode(texts)


# Turns whose form is not decisive on its own (they need the neighbours), and some that are.
AMBIGUOUS = ["The delivery.", "And the app then.", "Okay, the price.", "Your partner and the shopping."]
CLEAR = ["Tell me about the last time you ordered groceries.", "Did you like it?"]


@pytest.fixture()
def clf():
    embedder = CountingEmbedder()
    chosen = QuestionClassifier(embedder=embedder, team_examples=False)
    chosen.warm_up()
    embedder.calls.clear()
    return chosen


def test_a_batch_gives_each_turn_the_verdict_it_gets_alone(clf):
    items = [(t, "We order on Sundays, mostly from the app.") for t in AMBIGUOUS + CLEAR]
    items += [(t, None) for t in AMBIGUOUS + CLEAR]
    batch = clf.classify_many(items)
    alone = [clf.classify(text, previous) for text, previous in items]
    assert batch == alone


def test_repeated_turns_are_classified_once_and_each_gets_its_own_verdict(clf, monkeypatch):
    seen: list[int] = []
    distinct = clf._classify_distinct

    def counting(unpacked):
        seen.append(len(unpacked))
        return distinct(unpacked)

    monkeypatch.setattr(clf, "_classify_distinct", counting)
    previous = "It took ages, honestly."
    items = [("Okay.", previous), ("The delivery.", previous), ("Okay.", previous), ("The delivery.", previous),
             ("Okay.", "Something else entirely."), ("Okay.", previous, ["It took ages, honestly."]),
             {"text": "Okay.", "previous": previous}]
    verdicts = clf.classify_many(items)
    # "Okay." after another utterance, or with a context, is another turn: 4 distinct of 7.
    assert seen == [4]
    assert verdicts[0] == verdicts[2] == verdicts[6] and verdicts[1] == verdicts[3]
    assert verdicts == [clf.classify(*item) if isinstance(item, tuple) else clf.classify(item["text"], previous)
                        for item in items]
    # Repeats do not share the mutable part of a verdict.
    assert verdicts[0].flag_reasons is not verdicts[2].flag_reasons


def test_a_context_given_as_a_list_or_a_tuple_is_the_same_turn(clf, monkeypatch):
    seen: list[int] = []
    distinct = clf._classify_distinct
    monkeypatch.setattr(clf, "_classify_distinct", lambda unpacked: seen.append(len(unpacked)) or distinct(unpacked))
    said = ["We order on Sundays.", "Mostly from the app."]
    verdicts = clf.classify_many([("So Sundays then.", said[1], said), ("So Sundays then.", said[1], tuple(said))])
    assert seen == [1] and verdicts[0] == verdicts[1]


def test_everything_a_batch_embeds_goes_in_one_call_each_text_once(clf):
    previous = "We order on Sundays, mostly from the app."
    items = [(t, previous) for t in AMBIGUOUS] * 3
    clf.classify_many(items)
    assert len(clf.embedder.calls) == 1
    call = clf.embedder.calls[0]
    # Each distinct question once (repeats were merged), the previous utterance at most once per turn needing it.
    questions = [t for t in call if t != previous]
    assert len(questions) == len(set(questions)) <= len(AMBIGUOUS)


def test_turns_decided_by_their_form_embed_nothing(clf):
    clf.classify_many([(t, None) for t in CLEAR])
    assert clf.embedder.calls == []


# The speed benchmark -------------------------------------------------------------------------------------------


def _bench_scoring():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_scoring
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return bench_scoring


def test_the_speed_benchmark_empties_the_real_embedders_cache():
    """The real embedders keep vectors in an LRU, not a dict: the benchmark cleared only dicts, so its "uncached"
    timings were of cached texts."""
    from simulator.embeddings import _LRU

    bench = _bench_scoring()
    holder = type("Holder", (), {})()
    holder._cache = _LRU(8)
    holder._cache.put("a", np.zeros(3, dtype=np.float32))
    bench._clear_cache(holder)
    assert len(holder._cache) == 0
    holder._cache = {"a": 1}
    bench._clear_cache(holder)
    assert holder._cache == {}


def test_the_speed_benchmark_reads_no_vectors_from_disk_while_timing(monkeypatch):
    from simulator import embeddings

    bench = _bench_scoring()
    monkeypatch.setenv(embeddings.CACHE_ENV, "/somewhere")
    with bench._no_disk_vectors():
        assert embeddings._cache_dir() is None
    assert str(embeddings._cache_dir()) == "/somewhere"
    monkeypatch.delenv(embeddings.CACHE_ENV)
    with bench._no_disk_vectors():
        assert embeddings._cache_dir() is None
    assert embeddings.CACHE_ENV not in __import__("os").environ


def test_the_speed_section_reports_what_really_went_through_the_model():
    bench = _bench_scoring()
    embedder = CountingEmbedder()
    embedder.texts_embedded = 0
    encode = embedder.encode

    def counted(texts):
        embedder.texts_embedded += len(set(texts))
        return encode(texts)

    embedder.encode = counted
    clf = QuestionClassifier(embedder=embedder, team_examples=False)
    items = [(t, "We order on Sundays.") for t in AMBIGUOUS + CLEAR]
    result = bench.speed(clf, items)
    assert result["batch_turns"] == 5 * len(items)
    assert result["batch_texts_embedded"] > 0  # new texts, so something was embedded
    assert result["batch_turns_per_cpu_s"] > 0 and result["batch_repeat_turns_per_cpu_s"] > 0
    assert 0 < result["batch_share_embedded"] < 1


# The launcher's start -----------------------------------------------------------------------------------------


def test_the_language_tools_load_beside_the_models(monkeypatch):
    from app_pages import server
    from simulator import nlp

    calls = []
    monkeypatch.setattr(nlp, "load", lambda: calls.append("load") or object())
    monkeypatch.setattr(nlp, "inflect", lambda word, tag: calls.append(("inflect", word, tag)) or "ordered")
    monkeypatch.setattr(nlp, "verb_lemma", lambda word: calls.append(("lemma", word)) or "order")
    assert server.load_language_tools() is True
    assert calls[0] == "load" and len(calls) == 3

    def broken():
        raise RuntimeError("no pipeline")

    monkeypatch.setattr(nlp, "load", broken)
    assert server.load_language_tools() is False  # never raises: the persona build loads what it needs


def test_the_launchers_warm_up_starts_the_language_tools_beside_the_models(monkeypatch):
    from app_pages import common, server
    from simulator import embeddings

    order: list[str] = []
    loaded = threading.Event()
    monkeypatch.setattr(embeddings, "persist_in_threads", lambda *names: None)
    monkeypatch.setattr(server, "_wait_for_config", lambda timeout_s=60.0: order.append("config read"))
    monkeypatch.setattr(server, "import_word_forms",
                        lambda: order.append(f"word forms in {threading.current_thread().name}"))
    monkeypatch.setattr(server, "load_language_tools",
                        lambda: order.append(threading.current_thread().name) or loaded.set())

    def models_then_stop() -> None:
        assert loaded.wait(10)  # the tools are loading in their own thread while the models load
        order.append("models")
        raise RuntimeError("stop here")  # the warm-up logs it and leaves

    monkeypatch.setattr(common, "start_warm_up", models_then_stop)
    main = threading.current_thread().name
    server._warm()
    # lemminflect is imported before any other thread can reach it (a half-imported module has no functions yet).
    assert order == ["config read", f"word forms in {main}", "nlp-loader", "models"]


def test_word_forms_are_imported_whole_before_other_threads_use_them(monkeypatch):
    from app_pages import server
    from simulator import nlp

    calls = []
    monkeypatch.setattr(nlp, "lemminflect", lambda: calls.append("lemminflect"))
    server.import_word_forms()
    assert calls == ["lemminflect"]
    monkeypatch.setattr(nlp, "lemminflect", lambda: (_ for _ in ()).throw(ImportError("not installed")))
    server.import_word_forms()  # never raises


class _FakeEngine:
    pass


@pytest.fixture()
def loader_state(monkeypatch):
    from app_pages import common

    warmed: list[object] = []
    monkeypatch.setattr(common, "_build_engine", lambda progress: _FakeEngine())
    monkeypatch.setattr(common, "_warm_persona_indexes", lambda engine, *a, **k: warmed.append(engine))
    was = common._launcher_warms.is_set()
    yield common, warmed
    if was:
        common._launcher_warms.set()
    else:
        common._launcher_warms.clear()


def test_under_the_launcher_the_engine_loader_leaves_the_personas_to_it(loader_state):
    common, warmed = loader_state
    common._launcher_warms.set()
    loader = common._EngineLoader()
    assert isinstance(loader.get(), _FakeEngine)
    loader._thread.join(5)
    assert warmed == []


def test_under_a_plain_streamlit_run_the_engine_loader_warms_the_personas(loader_state):
    common, warmed = loader_state
    common._launcher_warms.clear()
    loader = common._EngineLoader()
    engine = loader.get()
    loader._thread.join(5)
    assert warmed == [engine]


# Verdicts without rewrites (a score table shows none) -----------------------------------------------------------


def test_without_rewrites_everything_but_the_rewrites_is_the_same(clf):
    items = [("Wouldn't it be easier if an app did it for you?", None), ("Did you like it?", None),
             ("The delivery.", "It came late again."), ("So it was too expensive, right?", "We stopped in May.")]
    full = clf.classify_many(items)
    bare = clf.classify_many(items, rewrites=False)
    assert any(v.rewrites for v in full)  # there was something to leave out
    assert all(v.rewrite is None and v.rewrites == () for v in bare)
    strip = [(v.label, v.confidence, v.reason, v.flags, v.flag_reasons, v.language) for v in full]
    assert strip == [(v.label, v.confidence, v.reason, v.flags, v.flag_reasons, v.language) for v in bare]
    # The option applies to that call only.
    assert clf.classify_many(items) == full


def test_the_score_table_computes_no_rewrites_and_the_json_does(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from scoring import cli as scoring_cli
    from scoring import rewrite
    from simulator.cli import app

    scoring_cli.register(app)  # as the command line does on start (idempotent)
    vtt = tmp_path / "talk.vtt"
    vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Dana>Wouldn't it be easier with an app?\n\n"
                   "00:00:04.000 --> 00:00:06.000\n<v Marcus>Maybe, I don't know.\n\n"
                   "00:00:07.000 --> 00:00:09.000\n<v Dana>Did you like the old one?\n", encoding="utf-8")
    calls = []
    real = rewrite.suggest_rewrites
    monkeypatch.setattr(classifier_module, "suggest_rewrites", lambda *a, **k: calls.append(a) or real(*a, **k))
    runner = CliRunner()
    table = runner.invoke(app, ["score", str(vtt), "--interviewer", "Dana"])
    assert table.exit_code == 0, table.output
    assert calls == []
    as_json = runner.invoke(app, ["score", str(vtt), "--interviewer", "Dana", "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert calls  # the JSON lists each turn's rewrite


def test_a_classifier_without_the_option_still_labels_the_transcript():
    from scoring import cli
    from scoring.labels import Classification, Label
    from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

    class Plain:
        def classify_many(self, items):
            return [Classification(label=Label.OPEN, confidence=0.5, reason="r") for _ in items]

    transcript = Transcript(persona_id="p", persona_name="P")
    transcript.add(Turn(speaker=TRAINEE, text="How was it?"))
    transcript.add(Turn(speaker=PERSONA, text="Fine."))
    assert cli.label_unlabelled(transcript, Plain(), rewrites=False) == 1
    assert transcript.turns[0].label == "open"


def test_an_empty_text_parsed_inside_a_batch_job_does_not_wait_for_a_round():
    # A rewrite may ask for the parse of an empty clause; inside a batch job that parse was looked up among the round's
    # parses, where an empty text is never sent, and raised KeyError (found by the property tests).
    from scoring import parse_batch
    from simulator import nlp

    if nlp.load() is None:
        pytest.skip("the English pipeline is not installed")
    jobs = [lambda: parse_batch.parse(""), lambda: parse_batch.parse("", ("Who rang?",))]
    jobs += [lambda: parse_batch.parse("")] * max(0, parse_batch.MIN_JOBS - len(jobs))
    got = parse_batch.run_batched(jobs)[:2]
    expected = nlp.parse("")
    assert [getattr(doc, "text", doc) for doc in got] == [getattr(expected, "text", expected)] * 2
