"""Which of a persona's topics a trainee's words are about: embedding similarity plus keyword hits."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .embeddings import Embedder
from .persona import Persona

__all__ = ["TopicIndex", "TopicMatch", "words", "keyword_hits"]

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

# A keyword that the trainee uses verbatim is strong evidence, but it should not beat a clearly
# better semantic match, so the bonus is a fraction of the usual gap between topics.
KEYWORD_BONUS = 0.12
# Staying on the topic being discussed is what people do when a question is ambiguous.
CURRENT_TOPIC_BONUS = 0.04


def words(text: str) -> list[str]:
    return _WORD.findall((text or "").lower())


@dataclass(frozen=True)
class TopicMatch:
    topic: str
    score: float


class TopicIndex:
    """Embeddings of every topic's examples and title, built once per persona and embedder.

    Holds no per-interview state, so one index is shared by every session on that persona.
    """

    def __init__(self, persona: Persona, embedder: Embedder) -> None:
        self.persona = persona
        self.embedder = embedder
        texts: list[str] = []
        owners: list[int] = []
        for i, topic in enumerate(persona.topics):
            for text in [topic.title, *topic.examples]:
                texts.append(text)
                owners.append(i)
        self._owners = np.asarray(owners)
        self._matrix = embedder.encode(texts)
        self._keywords = [
            {k.lower() for k in topic.keywords} for topic in persona.topics
        ]
        self.threshold = embedder.match_threshold

    def scores(self, text: str, current: str | None = None) -> list[TopicMatch]:
        """Every topic with its score, best first."""
        if not text.strip():
            return []
        vector = self.embedder.encode([text])[0]
        sims = self._matrix @ vector
        best = np.full(len(self.persona.topics), -1.0, dtype=np.float32)
        np.maximum.at(best, self._owners, sims)
        lowered = text.lower()
        out: list[TopicMatch] = []
        for i, topic in enumerate(self.persona.topics):
            score = float(best[i])
            keywords = self._keywords[i]
            if keywords and any(_contains_keyword(lowered, k) for k in keywords):
                score += KEYWORD_BONUS
            if current is not None and topic.id == current:
                score += CURRENT_TOPIC_BONUS
            out.append(TopicMatch(topic.id, score))
        out.sort(key=lambda m: m.score, reverse=True)
        return out

    def best(self, text: str, current: str | None = None) -> TopicMatch | None:
        """The best topic if it clears the embedder's threshold, else None (nothing is invented)."""
        ranked = self.scores(text, current)
        if ranked and ranked[0].score >= self.threshold:
            return ranked[0]
        return None


def _contains_keyword(lowered: str, keyword: str) -> bool:
    # Multi-word or hyphenated keywords ("managed out", "part-time") and scripts without spaces
    # (Chinese, Japanese) match as substrings; word boundaries keep "van" out of "vanilla".
    if _CJK.search(keyword):
        return keyword in lowered
    return re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", lowered) is not None


def keyword_hits(text: str, keywords: "set[str] | list[str]") -> set[str]:
    """The keywords (lower case) that occur in ``text`` as whole words or phrases."""
    lowered = (text or "").lower()
    return {k.lower() for k in keywords if _contains_keyword(lowered, k.lower())}
