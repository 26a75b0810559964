"""Any string gets a label and never a crash; text the scorer cannot read says its confidence is low."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.classifier import CLASSIFIER_LABELS, QuestionClassifier
from scoring.labels import Classification
from scoring.metrics import compute_metrics
from scoring.rewrite import suggest_rewrite
from simulator.embeddings import HashingEmbedder
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

CLASSIFIER = QuestionClassifier(embedder=HashingEmbedder())
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

any_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=50),  # control characters
    st.text(alphabet=st.sampled_from("😀🙈👍🏽‍🔥 ?!"), max_size=30),                  # emoji and joiners
    st.text(alphabet=st.characters(min_codepoint=0x0590, max_codepoint=0x06FF), max_size=60),  # Hebrew, Arabic (RTL)
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=60),  # CJK
    st.lists(st.sampled_from(["so", "um", "tell", "me", "do", "you", "?", ",", "right", "why", "...", "—", "'",
                              "if", "we", "would", "and", "how", "often", "or", "mm-hm"]),
             max_size=40).map(" ".join),
)


def _check(verdict: Classification) -> None:
    assert verdict.label in CLASSIFIER_LABELS
    assert 0.0 <= verdict.confidence <= 1.0
    assert isinstance(verdict.reason, str) and verdict.reason
    assert set(verdict.flag_reasons) == {f.value for f in verdict.flags}


@SETTINGS
@given(text=any_text, previous=st.one_of(st.none(), any_text))
def test_properties_any_string_gets_a_label(text, previous):
    _check(CLASSIFIER.classify(text, previous))


@SETTINGS
@given(items=st.lists(st.tuples(any_text, st.one_of(st.none(), any_text)), max_size=8))
def test_properties_classify_many_gives_one_verdict_per_item(items):
    verdicts = CLASSIFIER.classify_many(items)
    assert len(verdicts) == len(items)
    for verdict in verdicts:
        _check(verdict)


@SETTINGS
@given(text=st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=2, max_size=40))
def test_properties_cjk_text_has_low_confidence(text):
    verdict = CLASSIFIER.classify(text + "?")
    assert verdict.language == "other" and verdict.confidence <= 0.3


@SETTINGS
@given(text=st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=2, max_size=40))
def test_properties_korean_text_has_low_confidence(text):
    verdict = CLASSIFIER.classify(text)
    assert verdict.language == "other" and verdict.confidence <= 0.3


@pytest.mark.parametrize("text", [
    "Kunt u mij vertellen hoe u uw boodschappen doet?",
    "Waarom heeft u het abonnement opgezegd?",
    "Wie oft bestellen Sie Lebensmittel?",
    "Pourquoi avez-vous annulé votre abonnement ?",
    "¿Cómo decide qué comprar?",
    "고객님은 왜 저희에게 연락하셨나요?",
    "告诉我们您为什么与我们联系。",
])
def test_properties_non_english_sentences_have_low_confidence(text):
    verdict = CLASSIFIER.classify(text, "I don't know.")
    assert verdict.language == "other"
    assert verdict.confidence <= 0.3


@pytest.mark.parametrize("text", [
    "How often do you order? " * 1000,
    "a" * 20000,
    "so " * 7000 + "what happened next?",
    "?" * 20000,
    "\u202e" * 5000 + "Tell me about it",
])
def test_properties_huge_input_is_fast_and_labelled(text):
    import time

    start = time.perf_counter()
    _check(CLASSIFIER.classify(text, text))
    assert time.perf_counter() - start < 2.0


@SETTINGS
@given(text=any_text, label=st.sampled_from(["open", "closed", "leading", "echo", "reflection", "statement", "x"]),
       flags=st.lists(st.sampled_from(["hypothetical", "pitch", "faux_invitation", "double_barreled", "?"]), max_size=3))
def test_properties_rewrite_never_crashes(text, label, flags):
    out = suggest_rewrite(text, label, flags)
    assert out is None or isinstance(out, str)


@SETTINGS
@given(turns=st.lists(st.tuples(st.sampled_from([TRAINEE, PERSONA]), any_text,
                                st.sampled_from([None, "open", "closed", "silence", "echo", "leading"]),
                                st.one_of(st.none(), st.floats(min_value=0, max_value=60)),
                                st.one_of(st.none(), st.booleans())), max_size=12))
def test_properties_metrics_any_transcript(turns):
    transcript = Transcript(persona_id="p", insight_catalog=[{"id": "a"}])
    for speaker, text, label, patience, had_more in turns:
        transcript.add(Turn(speaker=speaker, text=text, label=label if speaker == TRAINEE else None,
                            patience=patience if speaker == TRAINEE else None, had_more=had_more))
    metrics = compute_metrics(transcript)
    # No question asked, nothing to score: None; else a score on the 0-100 scale. A silence (empty text) is a
    # turn; text of whitespace alone is not.
    asked = any(t.speaker == TRAINEE and (not t.text or t.text.strip()) for t in transcript.turns)
    assert (metrics.score is None) == (not asked)
    assert metrics.score is None or 0 <= metrics.score <= 100
    assert metrics.silences >= metrics.well_placed_silences >= 0
