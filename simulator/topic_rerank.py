"""Which topic a question is about, weighed again over the candidates once the rules and the stay / move decision
have chosen one.

:mod:`simulator.topic_choice` weighs two topics (the one being talked about, the question's own best one). A
question is often about a third: the second-best topic on its own evidence ("What did you do after seeing that
video?" is closer in words to the label reading she is telling about than to the rumours it asks after), and the
rules' margins keep a follow-up on the current topic where its words point clearly elsewhere, or move it where
they only brush another topic. This module looks at every candidate at once (the question's five best topics on
its own evidence, the current topic and the one the rules chose), each described by the same signals the rules
read (how well the question's meaning and words fit it, its rank and how far behind the best it is, whether it is
the topic being talked about and whether the question points back or is a short follow-up, whether she just said
something of it, how much of it she has told) and by whether the rules chose it. A conditional logit (one weight
per signal, a softmax over the candidates) gives each candidate a probability; the best one is the answer's topic.

The weights live in ``simulator/data/topic_rerank.json``, written by ``benchmarks/train_topic_rerank.py`` from the
development interviews (held-out files excluded) with the feature names they were trained on; numpy only.
``INTERVIEW_SIM_TOPIC_RERANK=off`` turns it off (the training script records the features that way). ``RECORD``,
when a list, receives every decision point's candidates and features (for training).
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "data" / "topic_rerank.json"

# How many of the question's best topics (on its own evidence) are candidates, besides the current and chosen one.
CANDIDATES = 5

# Set to a list to receive (topics, rows, context) at each decision point (training); None in normal use.
RECORD: list | None = None


def enabled() -> bool:
    return os.environ.get("INTERVIEW_SIM_TOPIC_RERANK", "on").strip().lower() not in {"off", "0", "false", "no"}


class Reranker:
    """The trained weights: ``features`` (names, in order) and one ``weights`` entry per feature."""

    def __init__(self, features: list[str], weights: list[float], embedders: list[str] | None = None) -> None:
        self.features = list(features)
        self.weights = np.asarray(weights, dtype=np.float64)
        # The embedders whose similarities the weights were trained on (another one's scores mean other things:
        # the rules' choice stands there). None: any.
        self.embedders = None if embedders is None else frozenset(embedders)
        if self.weights.shape != (len(self.features),):
            raise ValueError(f"topic rerank weights: expected {len(self.features)} weights, got {self.weights.shape}")

    @classmethod
    def load(cls, path: Path | None = None) -> "Reranker":
        data = json.loads((path or MODEL_PATH).read_text(encoding="utf-8"))
        return cls(data["features"], data["weights"], data.get("embedders"))

    def fits(self, embedder: object) -> bool:
        return self.embedders is None or getattr(embedder, "name", None) in self.embedders

    def matrix(self, rows: list[dict[str, float]]) -> np.ndarray:
        missing = sorted({name for row in rows for name in self.features if name not in row})
        if missing:
            raise KeyError(f"topic rerank: no value for feature(s) {', '.join(missing)}")
        return np.array([[float(row[name]) for name in self.features] for row in rows], dtype=np.float64)

    def probabilities(self, rows: list[dict[str, float]]) -> np.ndarray:
        """One probability per candidate row (they sum to 1)."""
        logits = self.matrix(rows) @ self.weights
        logits -= logits.max()
        p = np.exp(logits)
        return p / p.sum()

    def choose(self, topics: list[str], rows: list[dict[str, float]]) -> str:
        return topics[int(np.argmax(self.probabilities(rows)))]


def fit(groups: list[tuple[np.ndarray, np.ndarray]], l2: float = 1.0, iterations: int = 300,
        rate: float = 0.5) -> np.ndarray:
    """Conditional-logit weights by gradient descent: ``groups`` are (candidate features, 0/1 right) per question;
    the target spreads evenly over the right candidates; questions with none right are left out."""
    usable = [(X, y / y.sum()) for X, y in groups if y.any()]
    if not usable:
        raise ValueError("topic rerank: no question with a right candidate to learn from")
    w = np.zeros(usable[0][0].shape[1])
    for _ in range(iterations):
        grad = np.zeros_like(w)
        for X, target in usable:
            s = X @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            grad += X.T @ (p - target)
        w -= rate * (grad + l2 * w) / len(usable)
    return w


@lru_cache(maxsize=1)
def model() -> Reranker | None:
    """The shipped weights, or None (with a warning in the log) when they are missing or unreadable: the rules'
    choice then stands."""
    try:
        return Reranker.load()
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("topic rerank weights not used (%s): %s", MODEL_PATH, e)
        return None
