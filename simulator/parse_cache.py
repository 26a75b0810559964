"""spaCy parses kept on disk between starts: a persona's index reads its lines' parses instead of running the pipeline.

Building a persona's topic index parses every title, example and sentence of every line (a few hundred texts):
seconds on two busy cores, the same texts and the same parses on every start. Deserialised from here they cost
a few milliseconds. Only what :func:`simulator.nlp.parse_many` parses is written (the app's own texts: persona
files, the question banks); a trainee's turn goes through :func:`simulator.nlp.parse` and never reaches the disk.

Layout, under the embeddings' cache folder (``INTERVIEW_SIM_CACHE_DIR``, set but empty: no cache on disk)::

    <cache>/parses-<model>/<shard>.bin

``<model>`` names the pipeline (language, name, version, its components), spaCy's version and this file's
format, so a parse of another model is never read. A shard holds the parses of one batch (usually one persona)
as a spaCy ``DocBin`` (tags, lemmas, morphology, the dependency parse, sentence starts) behind a header that lists
each text's SHA-256; a parse is used only if its text is the text asked for. Shards are written to a temporary
file and renamed (another process reads the old file or the whole new one). The folder is kept under
``limit_bytes``: the shards read or written longest ago go first. A shard that cannot be read (truncated,
another format, garbage) is logged, deleted and parsed again; nothing here raises to its caller.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import struct
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["ParseStore", "model_key", "text_key", "store_for", "not_kept"]

log = logging.getLogger(__name__)

FORMAT = 1
_MAGIC = b"ISPARSE1"
_HEADER = struct.Struct("<I")
# About 60 KB a persona: a few hundred personas and question banks.
LIMIT_BYTES = 32 * 1024 * 1024


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def model_key(pipeline: "Language") -> str:
    """What a parse depends on: the pipeline's language, name, version and components, spaCy's version, FORMAT."""
    import spacy

    meta = getattr(pipeline, "meta", {}) or {}
    parts = [meta.get("lang", "xx"), meta.get("name", "pipeline"), meta.get("version", "0"),
             "+".join(pipeline.pipe_names), f"spacy{spacy.__version__}", f"f{FORMAT}"]
    raw = "-".join(str(p) for p in parts)
    safe = re.sub(r"[^A-Za-z0-9_.+-]", "_", raw)
    return safe[:120]


class ParseStore:
    """One pipeline's parses on disk (see the module docstring). Safe to share between threads."""

    def __init__(self, folder: Path, key: str, limit_bytes: int = LIMIT_BYTES) -> None:
        self.folder = Path(folder) / f"parses-{key}"
        self.limit_bytes = limit_bytes
        self._index: "dict[str, tuple[Path, int]] | None" = None  # text key -> (shard, position)
        self._lock = threading.Lock()
        self.read = 0  # parses read from disk (a benchmark counts them)
        self.written = 0

    # Reading -----------------------------------------------------------------------------------------
    def _load_index(self) -> "dict[str, tuple[Path, int]]":
        # Called with the lock held: every shard's header (not its parses).
        if self._index is None:
            self._index = {}
            try:
                paths = sorted(self.folder.glob("*.bin"), key=_mtime)
            except OSError:
                paths = []
            for path in paths:
                try:
                    keys = _read_header(path)[0]
                except FileNotFoundError:
                    continue
                except (OSError, ValueError) as e:
                    self._discard(path, e)
                    continue
                for position, key in enumerate(keys):
                    self._index[key] = (path, position)
        return self._index

    def get(self, texts: Sequence[str], vocab: "Vocab") -> "dict[str, Doc]":
        """The stored parses of ``texts`` (those found; the rest are missing from the result)."""
        wanted = {text_key(t): t for t in texts}
        with self._lock:
            index = self._load_index()
            by_shard: dict[Path, dict[int, str]] = {}
            for key, text in wanted.items():
                found = index.get(key)
                if found is not None:
                    by_shard.setdefault(found[0], {})[found[1]] = text
        out: "dict[str, Doc]" = {}
        for path, positions in by_shard.items():
            try:
                docs = _read_docs(path, vocab)
                for position, text in positions.items():
                    doc = docs[position]
                    if doc.text != text:
                        raise ValueError(f"parse {position} is of another text")
                    out[text] = doc
                _touch(path)
            except FileNotFoundError:  # removed by another process meanwhile: parsed again
                with self._lock:
                    self._forget(path)
            except Exception as e:  # noqa: BLE001 - any unreadable shard is parsed again, never raised
                for text in positions.values():
                    out.pop(text, None)
                with self._lock:
                    self._discard(path, e)
        self.read += len(out)
        return out

    # Writing -----------------------------------------------------------------------------------------
    def put(self, texts: Sequence[str], docs: "Sequence[Doc]") -> None:
        """Store the parses of ``texts`` (one shard); a folder that cannot be written is skipped."""
        if not texts:
            return
        keys = [text_key(t) for t in texts]
        temporary: str | None = None
        try:
            from spacy.tokens import DocBin

            box = DocBin(store_user_data=False)
            for doc in docs:
                box.add(doc)
            body = box.to_bytes()
            header = json.dumps({"format": FORMAT, "texts": keys}).encode("utf-8")
            path = self.folder / (hashlib.sha256("\n".join(keys).encode()).hexdigest()[:24] + ".bin")
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".", suffix=".tmp", delete=False) as handle:
                temporary = handle.name
                handle.write(_MAGIC + _HEADER.pack(len(header)) + header + body)
            os.replace(temporary, path)  # atomic: a reader sees the old file or the whole new one
        except Exception as e:  # noqa: BLE001 - a full disk or a read-only folder: the parses stay in memory
            log.info("parse cache %s not written: %s", self.folder, e)
            if temporary is not None:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
            return
        with self._lock:
            index = self._load_index()
            for position, key in enumerate(keys):
                index[key] = (path, position)
        self.written += len(texts)
        self._bound(keep=path)

    def _bound(self, keep: Path) -> None:
        """Delete the shards used longest ago while the folder holds more than ``limit_bytes``."""
        try:
            shards = [(p, p.stat()) for p in self.folder.glob("*.bin")]
        except OSError:
            return
        total = sum(s.st_size for _, s in shards)
        for path, stat in sorted(shards, key=lambda item: item[1].st_mtime):
            if total <= self.limit_bytes:
                break
            if path == keep:
                continue
            try:
                path.unlink()
            except OSError:
                continue
            total -= stat.st_size
            with self._lock:
                self._forget(path)

    # Bookkeeping -------------------------------------------------------------------------------------
    def _forget(self, path: Path) -> None:
        # Called with the lock held.
        if self._index:
            for key in [k for k, (p, _) in self._index.items() if p == path]:
                del self._index[key]

    def _discard(self, path: Path, error: BaseException) -> None:
        # Called with the lock held.
        log.warning("parse cache %s unreadable (%s: %s): deleted, its texts are parsed again",
                    path, type(error).__name__, error)
        self._forget(path)
        try:
            path.unlink()
        except OSError:
            pass


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


def _read_header(path: Path) -> "tuple[list[str], int]":
    """The text keys of a shard and where its DocBin starts."""
    with open(path, "rb") as handle:
        start = handle.read(len(_MAGIC) + _HEADER.size)
        if len(start) < len(_MAGIC) + _HEADER.size or not start.startswith(_MAGIC):
            raise ValueError("not a parse shard")
        (size,) = _HEADER.unpack(start[len(_MAGIC):])
        if size > 16 * 1024 * 1024:
            raise ValueError("header too large")
        raw = handle.read(size)
    if len(raw) != size:
        raise ValueError("truncated header")
    header = json.loads(raw.decode("utf-8"))
    keys = header.get("texts") if isinstance(header, dict) else None
    if header.get("format") != FORMAT or not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ValueError("unexpected header")
    return keys, len(_MAGIC) + _HEADER.size + size


def _read_docs(path: Path, vocab: "Vocab") -> "list[Doc]":
    from spacy.tokens import DocBin

    keys, offset = _read_header(path)
    data = path.read_bytes()[offset:]
    docs = list(DocBin(store_user_data=False).from_bytes(data).get_docs(vocab))
    if len(docs) != len(keys):
        raise ValueError(f"{len(docs)} parses for {len(keys)} texts")
    return docs


_STORES: "dict[str, ParseStore]" = {}
_STORES_LOCK = threading.Lock()
# Set in a thread while it parses text that must not reach the disk (a trainee's turns, batched): see not_kept.
_OFF = threading.local()


class not_kept:
    """While inside (in this thread), :func:`store_for` gives no store: ``nlp.parse_many`` then parses a batch of
    trainees' turns into the memory cache only, as :func:`simulator.nlp.parse` does one at a time."""

    def __enter__(self) -> "not_kept":
        self._before = getattr(_OFF, "on", False)
        _OFF.on = True
        return self

    def __exit__(self, *exc: object) -> None:
        _OFF.on = self._before


def store_for(pipeline: "Language") -> "ParseStore | None":
    """The process's store for ``pipeline`` under the cache folder (None when the cache is off, or inside
    :class:`not_kept`)."""
    if getattr(_OFF, "on", False):
        return None
    from .embeddings import _cache_dir

    folder = _cache_dir()
    if folder is None:
        return None
    try:
        key = model_key(pipeline)
    except Exception as e:  # noqa: BLE001 - a pipeline without meta: no cache
        log.info("parse cache off: %s", e)
        return None
    name = f"{folder}/{key}"
    with _STORES_LOCK:
        store = _STORES.get(name)
        if store is None:
            store = _STORES[name] = ParseStore(folder, key)
        return store
