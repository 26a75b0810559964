"""Cohen's kappa and the confusion matrix between two raters' labels (coach vs scorer), by hand."""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Sequence

__all__ = ["cohen_kappa"]


def cohen_kappa(pairs: Iterable[tuple[str, str]], *, order: Sequence[str] = ()) -> dict[str, Any]:
    """Agreement between rater A (first of each pair) and rater B over the same items.

    Returns ``{"kappa", "n", "labels", "matrix", "observed", "expected"}``: ``labels`` are those used by
    either rater (those in ``order`` first, in that order, then the rest sorted), ``matrix[i][j]`` counts items
    A labelled ``labels[i]`` and B ``labels[j]``, ``observed`` is the share of agreement and ``expected`` the
    share expected by chance from each rater's label frequencies. ``kappa = (observed - expected) /
    (1 - expected)``; it is None with no pairs, and when both raters gave every item one and the same label
    (expected = 1: kappa is undefined, even though they agree on everything).
    """
    pairs = list(pairs)
    n = len(pairs)
    used = {label for pair in pairs for label in pair}
    labels = [label for label in order if label in used] + sorted(used - set(order))
    position = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for a, b in pairs:
        matrix[position[a]][position[b]] += 1
    if n == 0:
        return {"kappa": None, "n": 0, "labels": [], "matrix": [], "observed": None, "expected": None}
    observed = sum(matrix[i][i] for i in range(len(labels))) / n
    count_a = Counter(a for a, _ in pairs)
    count_b = Counter(b for _, b in pairs)
    expected = sum(count_a[label] * count_b[label] for label in labels) / (n * n)
    kappa = None if expected >= 1.0 else (observed - expected) / (1.0 - expected)
    return {"kappa": kappa, "n": n, "labels": labels, "matrix": matrix, "observed": observed, "expected": expected}
