"""The classifier on the labelled examples (hashing fake, each example left out of its own neighbours),
the canonical cases of the spec, batch = single, thread safety, and one run with the real MiniLM."""

from __future__ import annotations

from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scoring.classifier import CLASSIFIER_LABELS, MAX_CONFIDENCE, QuestionClassifier, load_examples
from scoring.labels import Classification, Flag, Label
from simulator.embeddings import HashingEmbedder

HELDOUT = Path(__file__).resolve().parent.parent / "scoring" / "data" / "heldout.jsonl"

# Minimum accuracy per label with the hashing fake, each example left out of its own neighbours.
# Open, closed, leading and echo are mostly decided by form, so they must be nearly always right.
# Reflections and statements depend on meaning, which a bag-of-words fake cannot see: lower floors.
# (With MiniLM all labels reach 0.95 or more; see test_classifier_real_model_*.)
LABEL_FLOORS = {"open": 0.95, "closed": 0.95, "leading": 0.93, "echo": 0.93, "reflection": 0.85, "statement": 0.88}
# Flags are found by form alone: precision and recall floors.
FLAG_FLOORS = {"hypothetical": (0.9, 0.9), "double_barreled": (0.9, 0.85), "pitch": (0.9, 0.85),
               "faux_invitation": (0.95, 0.95), "off_task": (0.95, 0.95)}

# (text, previous, label, flags that must be present) - straight from the spec and the guidance; all must be exact.
CANONICAL = [
    ("What happened the last time you ordered?", "I order online.", "open", []),
    ("Walk me through your morning.", None, "open", []),
    ("Tell me about your commute.", None, "open", []),
    ("How do you decide what to buy?", None, "open", []),
    ("Can you describe your experience with our product?", None, "open", []),
    ("Can you tell me about the last time you switched banks?", None, "open", []),
    ("Okay, great. So, um, tell me a bit about how you got started?", "Sure.", "open", []),
    ("Do you use it daily?", None, "closed", []),
    ("Phone or laptop?", None, "closed", []),
    ("How many times a week?", None, "closed", []),
    ("When did you sign up?", None, "closed", []),
    ("Which app do you use?", None, "closed", []),
    ("Did you like our product?", None, "closed", []),
    ("Tell me, did you cancel because of the price?", None, "closed", ["faux_invitation"]),
    ("Which of these five reasons did you contact us for?", None, "closed", []),
    ("Don't you think delivery is too slow?", None, "leading", []),
    ("Wouldn't it be great if it remembered your order?", None, "leading", ["hypothetical"]),
    ("The app is easy to use, right?", None, "leading", []),
    ("How much do you love the new design?", None, "leading", []),
    ("Why is the onboarding so hard for you?", "I got through half of it.", "leading", []),
    ("Most customers say X is the hardest part. Do you agree?", None, "leading", []),
    ("Three hours?", "It took me three hours to set it up.", "echo", []),
    ("Not worth the hassle?", "Honestly, it was not worth the hassle.", "echo", []),
    ("So the late deliveries make it hard to plan around your shifts.",
     "I work shifts and the deliveries come whenever they like.", "reflection", []),
    ("It sounds like the evenings are the only time you have.", "By the time I'm home it's nine.", "reflection", []),
    ("Mm-hm.", "And then I left.", "statement", []),
    ("I see.", "And then I left.", "statement", []),
    ("Thanks for joining today.", None, "statement", []),
    ("We're building an app that plans your meals.", None, "statement", ["pitch"]),
    ("Our new feature lets you share a list.", None, "statement", ["pitch"]),
    ("If we added X, would you use it?", None, "leading", ["hypothetical", "pitch"]),
    ("Would you buy it?", None, "closed", ["hypothetical"]),
    ("How much would you pay for it?", None, "closed", ["hypothetical"]),
    ("How often do you order and what do you usually buy?", None, "open", ["double_barreled"]),
]


@pytest.fixture(scope="module")
def classifier() -> QuestionClassifier:
    return QuestionClassifier(embedder=HashingEmbedder())


@pytest.fixture(scope="module")
def loo(classifier) -> list:
    return classifier.leave_one_out()


@pytest.mark.parametrize("label", [label.value for label in CLASSIFIER_LABELS])
def test_classifier_accuracy_per_label_on_examples(loo, label):
    cases = [(e, p) for e, p in loo if e.label.value == label]
    right = sum(p.label == e.label for e, p in cases)
    wrong = [(e.text, p.label.value) for e, p in cases if p.label != e.label]
    assert right / len(cases) >= LABEL_FLOORS[label], f"{label}: {right}/{len(cases)}; wrong: {wrong[:8]}"


@pytest.mark.parametrize("flag", [flag.value for flag in Flag])
def test_classifier_flag_precision_and_recall_on_examples(loo, flag):
    tp = sum(1 for e, p in loo if flag in {f.value for f in e.flags} and flag in {f.value for f in p.flags})
    predicted = sum(1 for _, p in loo if flag in {f.value for f in p.flags})
    actual = sum(1 for e, _ in loo if flag in {f.value for f in e.flags})
    precision_floor, recall_floor = FLAG_FLOORS[flag]
    assert tp / max(1, predicted) >= precision_floor, f"{flag} precision {tp}/{predicted}"
    assert tp / max(1, actual) >= recall_floor, f"{flag} recall {tp}/{actual}"


@pytest.mark.parametrize("text, previous, label, flags", CANONICAL, ids=[c[0][:40] for c in CANONICAL])
def test_classifier_canonical_cases_are_exact(classifier, text, previous, label, flags):
    verdict = classifier.classify(text, previous)
    assert verdict.label.value == label, verdict.reason
    assert set(flags) <= {f.value for f in verdict.flags}


def test_classifier_every_verdict_has_a_reason_and_flag_reasons(classifier):
    verdict = classifier.classify("If we added dark mode, would you use it?", "I use it at night.")
    assert verdict.reason.endswith(".")
    assert set(verdict.flag_reasons) == {f.value for f in verdict.flags}
    assert all(reason.endswith(".") for reason in verdict.flag_reasons.values())


def test_classifier_leading_closed_and_hypothetical_turns_get_a_rewrite(classifier):
    rewrite = classifier.classify("Did you like our product?").rewrite
    # Open, about the same thing, and the product is still the interviewer's ("our"), not the customer's.
    assert rewrite.startswith(("How", "What", "Can you describe", "Tell me")) and "our product" in rewrite
    assert "your product" not in rewrite and classifier.classify(rewrite).label == "open"
    assert classifier.classify("Don't you think delivery is too slow?").rewrite
    assert classifier.classify("Tell me about your week.").rewrite is None


def test_classifier_empty_text_is_a_statement_with_a_reason(classifier):
    for text in ("", "   ", "\n\t"):
        verdict = classifier.classify(text)
        assert verdict.label == Label.STATEMENT
        assert "no words" in verdict.reason


@pytest.mark.parametrize("text", ["Hoe vaak bestelt u boodschappen?", "얼마나 자주 주문하세요?",
                                  "您是出于这五个原因中的哪一个与我们联系?", "Warum haben Sie gekündigt?"])
def test_classifier_non_english_says_it_is_unsure(classifier, text):
    verdict = classifier.classify(text)
    assert verdict.language == "other"
    assert verdict.confidence <= 0.3
    assert verdict.label in CLASSIFIER_LABELS


def test_classifier_classify_many_matches_classify(classifier):
    items = [(e.text, e.previous) for e in load_examples(HELDOUT)[:60]]
    batch = classifier.classify_many(items)
    single = [classifier.classify(text, previous) for text, previous in items]
    assert [b.label for b in batch] == [s.label for s in single]
    assert [b.confidence for b in batch] == pytest.approx([s.confidence for s in single])


def test_classifier_classify_many_embeds_once_per_batch():
    class CountingEmbedder(HashingEmbedder):
        def __init__(self):
            super().__init__()
            self.calls = 0

        def encode(self, texts):
            self.calls += 1
            return super().encode(texts)

    embedder = CountingEmbedder()
    clf = QuestionClassifier(embedder=embedder)
    clf.warm_up()
    before = embedder.calls
    clf.classify_many([(e.text, e.previous) for e in load_examples(HELDOUT)])
    assert embedder.calls - before <= 1


def test_classifier_clear_form_needs_no_embedding():
    class FailingEmbedder(HashingEmbedder):
        def encode(self, texts):
            raise AssertionError("a clear question must not be embedded")

    clf = QuestionClassifier(embedder=FailingEmbedder())
    assert clf.classify("Tell me about the last time you ordered.").label == Label.OPEN
    assert clf.classify("Do you use it daily?").label == Label.CLOSED


def test_classifier_is_safe_to_share_between_threads(classifier):
    items = [(e.text, e.previous) for e in load_examples(HELDOUT)]
    expected = [c.label for c in classifier.classify_many(items)]
    fresh = QuestionClassifier(embedder=HashingEmbedder())  # lazy loading races too

    def run(offset: int) -> list[Label]:
        order = items[offset:] + items[:offset]
        labels = [fresh.classify(t, p).label for t, p in order]
        return labels[len(items) - offset:] + labels[:len(items) - offset]

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(run, range(0, 60, 10)))
    assert all(r == expected for r in results)


def test_classifier_accepts_examples_as_a_list():
    examples = [{"id": "a", "text": "Tell me about it.", "previous": None, "label": "open", "flags": []},
                {"id": "b", "text": "Do you like it?", "previous": None, "label": "closed", "flags": []}]
    clf = QuestionClassifier(embedder=HashingEmbedder(), examples=examples)
    assert isinstance(clf.classify("What happened then, more or less, in the end"), Classification)


def test_classifier_confidence_is_within_bounds(loo):
    assert all(0.0 <= p.confidence <= MAX_CONFIDENCE for _, p in loo)


def test_classifier_confidence_is_higher_when_right(loo):
    right = [p.confidence for e, p in loo if p.label == e.label]
    wrong = [p.confidence for e, p in loo if p.label != e.label]
    assert sum(right) / len(right) > sum(wrong) / max(1, len(wrong))


@pytest.fixture(scope="module")
def real_classifier(real_embedder) -> QuestionClassifier:
    return QuestionClassifier(embedder=real_embedder)


@pytest.mark.real_model
def test_classifier_real_model_examples_and_heldout(real_classifier):
    clf = real_classifier
    pairs = clf.leave_one_out()
    per_label = defaultdict(list)
    for e, p in pairs:
        per_label[e.label.value].append(p.label == e.label)
    for label, hits in per_label.items():
        assert sum(hits) / len(hits) >= 0.9, label
    held = load_examples(HELDOUT)
    verdicts = clf.classify_many([(e.text, e.previous) for e in held])
    accuracy = sum(v.label == e.label for e, v in zip(held, verdicts)) / len(held)
    # Held-out turns are in another style and other domains: the floor is what generalisation must keep.
    assert accuracy >= 0.88, Counter((e.label.value, v.label.value) for e, v in zip(held, verdicts) if v.label != e.label)


@pytest.mark.real_model
@pytest.mark.parametrize("text, previous, label, flags", CANONICAL, ids=[c[0][:40] for c in CANONICAL])
def test_classifier_real_model_canonical_cases_are_exact(real_classifier, text, previous, label, flags):
    verdict = real_classifier.classify(text, previous)
    assert verdict.label.value == label, verdict.reason
    assert set(flags) <= {f.value for f in verdict.flags}


def test_classifier_form_only_mode_never_embeds():
    class FailingEmbedder(HashingEmbedder):
        def encode(self, texts):
            raise AssertionError("embed_ambiguous=False must not embed")

    clf = QuestionClassifier(embedder=FailingEmbedder(), embed_ambiguous=False)
    verdicts = clf.classify_many([(e.text, e.previous) for e in load_examples(HELDOUT)])
    assert all(0.0 < v.confidence <= MAX_CONFIDENCE for v in verdicts)
