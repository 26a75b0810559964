"""Stay, move or abstain: a learned decision on where a question goes once a topic is being talked about.

When the persona is telling one topic and the question's own evidence (its words and meaning, without the
conversation's bonuses) puts another topic first, the rules in :mod:`simulator.policy` read many signals
(pointing words, follow-up words, how far ahead the other topic is, what she just said, words outside her life)
and still go wrong in both directions: they leave a story the interviewer is following up ("Who served you?"
after the branch visit) and stay where the interviewer moved on. This module weighs the same signals with a
multinomial logistic regression trained on the development interviews (``tests/data/dev_interviews``, held-out
files excluded, and ``benchmarks/data/realism``): for each question it gives the probability that the answer
belongs to the current topic (``stay``), to the question's own best topic (``move``), or to no topic at all
(``abstain``: outside her life).

The weights live in ``simulator/data/topic_choice.json`` (written by ``benchmarks/train_topic_choice.py``), with the
feature names they were trained on; numpy only at run time. ``INTERVIEW_SIM_TOPIC_CHOICE=off`` turns the model off
(the rules decide alone; the training script runs that way). ``RECORD``, when a list, receives every decision
point's features (for training).
"""

from __future__ import annotations

import json
import logging
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "data" / "topic_choice.json"
ACTIONS = ("stay", "move", "abstain")

# The model overrules the rules only where it is this sure of its action.
CONFIDENT = float(os.environ.get("INTERVIEW_SIM_TOPIC_CHOICE_CONFIDENT", "0.8"))

# Set to a list to receive (features, context) at each decision point (training); None in normal use.
RECORD: list | None = None


def enabled() -> bool:
    return os.environ.get("INTERVIEW_SIM_TOPIC_CHOICE", "on").strip().lower() not in {"off", "0", "false", "no"}


class TopicChoice:
    """The trained weights: ``features`` (names, in order), ``coef`` (one row per action), ``intercept``."""

    def __init__(self, features: list[str], coef: list[list[float]], intercept: list[float],
                 actions: list[str] = list(ACTIONS), embedders: list[str] | None = None) -> None:
        self.features = list(features)
        # The embedders whose similarities the weights were trained on: another embedder's scores (the hashing
        # one of the unit tests, say) mean other things, and the rules decide alone there. None: any.
        self.embedders = None if embedders is None else frozenset(embedders)
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.actions = list(actions)
        if self.coef.shape != (len(self.actions), len(self.features)) or self.intercept.shape != (len(self.actions),):
            raise ValueError(f"topic choice weights: expected {len(self.actions)} x {len(self.features)} "
                             f"coefficients and {len(self.actions)} intercepts, got {self.coef.shape} and "
                             f"{self.intercept.shape}")

    @classmethod
    def load(cls, path: Path | None = None) -> "TopicChoice":
        data = json.loads((path or MODEL_PATH).read_text(encoding="utf-8"))
        return cls(data["features"], data["coef"], data["intercept"], data.get("actions", list(ACTIONS)),
                   data.get("embedders"))

    def fits(self, embedder: object) -> bool:
        """The weights were trained on this embedder's similarities."""
        return self.embedders is None or getattr(embedder, "name", None) in self.embedders

    def vector(self, values: dict[str, float]) -> np.ndarray:
        missing = [name for name in self.features if name not in values]
        if missing:
            raise KeyError(f"topic choice: no value for feature(s) {', '.join(missing)}")
        return np.array([float(values[name]) for name in self.features], dtype=np.float64)

    def probabilities(self, values: dict[str, float]) -> dict[str, float]:
        logits = self.coef @ self.vector(values) + self.intercept
        logits -= logits.max()
        p = np.exp(logits)
        p /= p.sum()
        return {action: float(v) for action, v in zip(self.actions, p)}

    def decide(self, values: dict[str, float], confident: float = 0.0) -> str | None:
        """The most probable action, or None when its probability is under ``confident``."""
        p = self.probabilities(values)
        best = max(p, key=p.get)
        return best if p[best] >= confident else None


@lru_cache(maxsize=1)
def model() -> TopicChoice | None:
    """The shipped weights, or None (with a warning in the log) when they are missing or unreadable: the rules
    then decide alone."""
    try:
        return TopicChoice.load()
    except (OSError, ValueError, KeyError, TypeError) as e:
        log.warning("topic choice weights not used (%s): %s", MODEL_PATH, e)
        return None
