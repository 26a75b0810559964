"""The speed benchmark's single-turn latency is of new turns: the timed call reads the turn's form itself (the rules'
memo and the parse cache hold nothing of it beforehand), and the warm-up before the timing classifies other texts."""

from __future__ import annotations

from scoring import rules
from scoring.classifier import QuestionClassifier
from simulator.embeddings import HashingEmbedder

from .test_batch_speed_paths import _bench_scoring

TURNS = [
    ("Was it the price that put you off?", "I stopped using it in March."),
    ("How do you usually plan the week's meals?", "We shop on Sundays."),
    ("You must find that really frustrating, don't you?", "The app logs me out every day."),
    ("and when the parcel comes what do you do with it", "They leave it with a neighbour."),
    ("Tell me about the last time you called them.", "I rang them twice last month."),
    ("And the app then.", "We order on Sundays."),  # (a turn whose form says little: the embedding decides)
    ("Okay, the price.", "It went up again in May."),
]




def test_the_timed_single_call_reads_the_turns_form_itself(monkeypatch):
    bench = _bench_scoring()
    events: list[tuple[str, str]] = []
    analyse = rules._analyse

    def recorded_analyse(text, *args, **kwargs):
        events.append(("analyse", text))
        return analyse(text, *args, **kwargs)

    clf = QuestionClassifier(embedder=HashingEmbedder(), team_examples=False)
    clf.warm_up()
    classify = clf.classify

    def recorded_classify(text, previous=None, context=None):
        events.append(("classify", text))
        return classify(text, previous, context)

    rules._analyse_cached.cache_clear()
    monkeypatch.setattr(rules, "_analyse", recorded_analyse)
    monkeypatch.setattr(clf, "classify", recorded_classify)
    # (More turns than the benchmark's warm-up takes: the turns after them are the ones checked.)
    fillers = [(f"How did you find out about plan {n}?", "We switched last year.") for n in range(20)]
    bench.speed(clf, fillers + TURNS)
    rules._analyse_cached.cache_clear()  # (forms read through the recording wrapper are not left to other tests)
    for text, _ in TURNS:
        first_call = events.index(("classify", text))
        # Nothing read the turn's form before its first (timed) classification, and that call read it.
        assert ("analyse", text) not in events[:first_call]
        assert ("analyse", text) in events[first_call:]
    warm = [text for kind, text in events[:events.index(("classify", fillers[0][0]))] if kind == "classify"]
    assert warm and not set(warm) & {text for text, _ in fillers + TURNS}  # the warm-up classified other texts
