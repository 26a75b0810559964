"""Retrieval reads a text of the persona's own file from its index, not from the model: a persona line (whole, or one
of its sentences), a title, an example or a closed line costs no embedding call during a turn, and gives the same
scores as embedding it would."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from simulator import embeddings
from simulator.embeddings import _LRU, _CachedEncoder
from simulator.persona import load_persona
from simulator.retrieval import TopicIndex
from simulator.textutil import sentences

from .conftest import ROOT


class _Counting(_CachedEncoder):
    """A model that records the texts it runs (a fixed random vector per text) and remembers none of them: every
    ``encode`` of a text runs it again, as a model whose cache has dropped it does."""

    dim = 16
    match_threshold = 0.3
    name = "counting"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache = _LRU(0)
        self.texts_embedded = 0
        self.ran: list[str] = []

    def _embed(self, missing: list[str]) -> np.ndarray:
        self.ran += missing
        rows = [np.random.default_rng(sum(map(ord, t)) * 7919 + len(t)).normal(size=self.dim) for t in missing]
        out = np.asarray(rows, dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.fixture
def no_disk(monkeypatch):
    monkeypatch.setenv(embeddings.CACHE_ENV, "")


@pytest.fixture
def built(no_disk):
    persona = load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")
    model = _Counting()
    index = TopicIndex(persona, model)
    model.ran.clear()
    return persona, model, index


def _a_long_line(persona):
    return next(line for topic in persona.topics for line in topic.detail if len(sentences(line)) > 1)


def test_a_whole_line_of_the_persona_is_not_embedded_again(built):
    persona, model, index = built
    line = _a_long_line(persona)
    ranked = index.scores(line)
    assert ranked and model.ran == []
    # The same scores as embedding it during the turn.
    fresh = model.encode([line])[0]
    assert np.allclose(index._vector(line), fresh)


def test_a_sentence_a_title_and_a_closed_line_are_not_embedded_again(built):
    persona, model, index = built
    topic = next(t for t in persona.topics if t.closed)
    sentence = sentences(topic.surface[0])[0]
    index.scores(sentence)
    index.scores(topic.title)
    index.closed_similarity(topic.id, topic.closed[0])
    index.sentence_similarity(topic.surface[0], index.topic_sentences(topic.id, ("surface",)))
    assert model.ran == []


def test_a_trainee_turn_is_embedded_once_per_call(built):
    _, model, index = built
    index.scores("Did the new bakery on the corner open yet?")
    assert model.ran == ["Did the new bakery on the corner open yet?"]


def test_scores_of_a_known_line_match_an_index_without_the_reuse(built, monkeypatch):
    persona, model, index = built
    line = _a_long_line(persona)
    reused = [(m.topic, round(m.score, 6)) for m in index.scores(line)]
    monkeypatch.setattr(index, "_vectors", {})
    embedded = [(m.topic, round(m.score, 6)) for m in index.scores(line)]
    assert model.ran == [line]
    assert reused == embedded
