"""Which of a persona's topics a trainee's words are about: embedding similarity plus keyword hits."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .embeddings import Embedder
from .persona import Persona
from .textutil import language_of, tokens, topic_core

__all__ = ["TopicIndex", "TopicMatch", "words", "keyword_hits"]

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# A word character that is not CJK: a Latin keyword ("app") is a whole word against Latin letters and
# digits, but may touch Chinese or Korean characters ("App好用", "앱은"... "app은").
_NON_CJK_WORD = r"[^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]"

# A keyword that the trainee uses verbatim is strong evidence, but it should not beat a clearly
# better semantic match, so the bonus is a fraction of the usual gap between topics.
KEYWORD_BONUS = 0.12
# Staying on the topic being discussed is what people do when a question is ambiguous.
CURRENT_TOPIC_BONUS = 0.04


def words(text: str, language: str = "en") -> list[str]:
    """Lower-case tokens (see :func:`simulator.textutil.tokens`: Korean stems, Chinese characters)."""
    return tokens(text, language)


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
        language = persona.language
        for i, topic in enumerate(persona.topics):
            for text in [topic.title, *topic.examples]:
                # Without the question framing in Dutch, Korean and Chinese (see textutil.topic_core).
                texts.append(topic_core(text, language))
                owners.append(i)
        self._owners = np.asarray(owners)
        self._matrix = embedder.encode(texts)
        self._keywords = [
            {k.lower() for k in topic.keywords} for topic in persona.topics
        ]
        self.threshold = embedder.match_threshold
        # Each topic's short answers, to pick the one that answers the question asked.
        self._closed = {topic.id: (list(topic.closed), embedder.encode(list(topic.closed)))
                        for topic in persona.topics if topic.closed}

    def closed_similarity(self, topic_id: str, text: str) -> dict[str, float]:
        """How close ``text`` is to each of the topic's ``closed`` lines (empty if it has none)."""
        lines, matrix = self._closed.get(topic_id, ([], None))
        if not lines or not text.strip():
            return {}
        sims = matrix @ self.embedder.encode([text])[0]
        return {line: float(sim) for line, sim in zip(lines, sims)}

    def scores(self, text: str, current: str | None = None) -> list[TopicMatch]:
        """Every topic with its score, best first."""
        if not text.strip():
            return []
        vector = self.embedder.encode([topic_core(text, self.persona.language)])[0]
        sims = self._matrix @ vector
        best = np.full(len(self.persona.topics), -1.0, dtype=np.float32)
        np.maximum.at(best, self._owners, sims)
        lowered = text.lower()
        language = self.persona.language
        out: list[TopicMatch] = []
        for i, topic in enumerate(self.persona.topics):
            score = float(best[i])
            keywords = self._keywords[i]
            if keywords and any(_contains_keyword(lowered, k, language) for k in keywords):
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


# Languages that glue words into compounds and inflect by adding to the end: a keyword of four letters
# or more also matches at the start of a word ("ketting" in "kettingbreuk", "kapot" in "kapotging").
_COMPOUNDING = frozenset({"nl", "de"})


def _contains_keyword(lowered: str, keyword: str, language: str = "en") -> bool:
    # Multi-word or hyphenated keywords ("managed out", "part-time") and scripts without spaces
    # (Chinese, Japanese) match as substrings, and so does Korean, whose particles and endings are
    # glued on ("모임통장" in "모임통장이요?", "모임통장은"); word boundaries keep "van" out of "vanilla".
    if _CJK.search(keyword):
        return keyword in lowered
    end = "" if len(keyword) >= 4 and language_of(language) in _COMPOUNDING else f"(?!{_NON_CJK_WORD})"
    return re.search(rf"(?<!{_NON_CJK_WORD}){re.escape(keyword)}{end}", lowered) is not None


def keyword_hits(text: str, keywords: "set[str] | list[str]", language: str = "en") -> set[str]:
    """The keywords (lower case) that occur in ``text`` as words or phrases (see ``_contains_keyword``)."""
    lowered = (text or "").lower()
    return {k.lower() for k in keywords if _contains_keyword(lowered, k.lower(), language)}
