"""Labels one interviewer turn: form rules first, the nearest labelled examples when the form is not decisive.

    clf = QuestionClassifier()                      # neighbour vote: the lexical embedder (see vote_embedder)
    clf.classify("Don't you think it's too slow?", previous="The app takes ages to load.")
    clf.classify_many([(text, previous), ...])      # one embedding call for the whole batch

How a label is decided:

1. ``rules.analyse`` reads the form (question words, tags, presuppositions, echoes of the previous
   utterance, the last question of a multi-sentence turn). A strong, unopposed cue decides on its
   own: no embedding, well under a millisecond.
2. Otherwise the turn's question is embedded once and compared with every labelled example in
   ``data/examples.jsonl`` (k nearest neighbours, similarity-weighted votes); for statements the
   similarity to the previous utterance counts towards a reflection. Rule cues and votes are added.
3. ``confidence`` is calibrated: the accuracy observed, per evidence level, when the example file
   is classified with each example left out of the neighbours (see ``Calibration``).

The examples' forms and their index are built once and kept on disk for the next start (``example_cache``:
keyed by the rules' source, the examples and the embedder; rebuilt when any of them changes or a file is damaged).
English votes with the lexical embedder even when the caller holds MiniLM (:func:`vote_embedder`): the same
accuracy on the tuning sets, without a 20-35 ms forward pass on every ambiguous turn.

The classifier holds no per-call state: one instance can be shared by every session and thread.

Languages. ``QuestionClassifier(language="zh-Hans")`` reads Chinese: the primary subtag picks the form rules
(``rules_nl``, ``rules_ko``, ``rules_zh``), the labelled examples (``data/examples_{nl,ko,zh}.jsonl``) and the
language of the reasons and rewrites. English is the default and is unchanged; any other language falls back
to English (with a warning in the log). ``classifier_for(language, embedder)`` hands out one shared
classifier per language and embedder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import numpy as np

from simulator import chat_text

from . import feedback, rules
from .example_cache import cached_arrays, cached_forms, forms_key
from .labels import Classification, Flag, Label
from .parse_batch import run_batched

if TYPE_CHECKING:  # pragma: no cover
    from simulator.embeddings import Embedder

__all__ = ["QuestionClassifier", "Example", "Calibration", "load_examples", "DEFAULT_EXAMPLES", "MAX_CONFIDENCE",
           "LANGUAGES", "classifier_for", "examples_path", "primary_language", "team_examples_path",
           "TEAM_EXAMPLES_ENV", "CLASSIFIER_EMBEDDER_ENV", "vote_embedder"]

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data"
DEFAULT_EXAMPLES = DATA / "examples.jsonl"
# Languages with their own rules, examples and coaching text.
LANGUAGES = ("en", "nl", "ko", "zh")


def primary_language(language: str | None) -> str:
    """The primary subtag of a BCP-47 tag, lower case: ``zh-Hans`` -> ``zh``, ``en-GB`` -> ``en``; empty -> ``en``."""
    return (str(language or "en").strip().replace("_", "-").split("-")[0].lower()) or "en"


# A team's own coach-labelled turns (``interview-sim scoring learn``), loaded beside the shipped examples.
TEAM_EXAMPLES_ENV = "INTERVIEW_SIM_TEAM_EXAMPLES"
TEAM_EXAMPLES_FILE = "team_examples.jsonl"
# Which embedder the neighbour vote uses when none is given: "hashing" (default: words and character
# trigrams, no model, microseconds) or a model kind of ``simulator.embeddings`` ("auto", "minilm", "use").
CLASSIFIER_EMBEDDER_ENV = "INTERVIEW_SIM_CLASSIFIER_EMBEDDER"
# A team example this close to a turn (cosine, in the embedder's own scale above its match threshold) is the
# same question: the coach's label decides.
TEAM_SAME_TURN = 0.92
# Team neighbours count this much more than shipped ones: a coach labelled them for this team's interviews.
TEAM_VOTE_BOOST = 3.0


def team_examples_path() -> Path:
    """``$INTERVIEW_SIM_TEAM_EXAMPLES``, else ``team_examples.jsonl`` in the data folder (``$INTERVIEW_SIM_DATA_DIR``,
    default ``./data``). One JSON object per line, as ``data/examples.jsonl``, plus ``"lang"`` (default ``en``)."""
    explicit = os.environ.get(TEAM_EXAMPLES_ENV)
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("INTERVIEW_SIM_DATA_DIR") or "data") / TEAM_EXAMPLES_FILE


def _normal(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def examples_path(language: str | None = "en", split: str = "examples") -> Path:
    """The labelled turns of a language: ``split`` is ``examples`` (prototypes), ``neighbours`` (the team's natural
    development turns, read beside the prototypes; written by ``scripts/build_neighbours.py``) or ``heldout``
    (benchmark only)."""
    lang = primary_language(language)
    return DATA / (f"{split}.jsonl" if lang == "en" else f"{split}_{lang}.jsonl")

# Labels the classifier can give (silence is given by the session, never by the classifier).
CLASSIFIER_LABELS: tuple[Label, ...] = (Label.OPEN, Label.CLOSED, Label.LEADING, Label.ECHO, Label.REFLECTION,
                                        Label.STATEMENT)
_LABEL_INDEX = {label: i for i, label in enumerate(CLASSIFIER_LABELS)}

# A strong cue with this margin over the runner-up decides without the embedding.
FAST_SCORE = rules.STRONG
FAST_MARGIN = 1.5
# A unanimous neighbour vote weighs less than one medium cue: it decides among weak cues, or when
# the form says little, but never overrules clear form. (On a separate dev set, weights from 0 to 2
# scored the same and higher ones worse; the lower end carries less risk on unfamiliar turns.)
KNN_WEIGHT = 1.5
# Dutch, Korean and Chinese have fewer prototypes and thinner rules than English: with the team's natural turns as
# neighbours (scripts/build_neighbours.py) their vote weighs 2.0 (on natural interviews written outside the team,
# blind 1-4: Dutch 208 -> 212 of 244 turns, Korean and Chinese the same; in English 2.0 lost two turns of the
# held-out examples and the leave-one-out reflections fell under 0.9).
LANGUAGE_KNN_WEIGHT = {"nl": 2.0, "ko": 2.0, "zh": 2.0}
# Similarity to the previous utterance pushes a statement towards "reflection" by up to this much.
CONTEXT_WEIGHT = 0.75
# The examples were written alongside the rules, so accuracy measured on them is optimistic:
# no turn is ever reported as more certain than this.
MAX_CONFIDENCE = 0.95
# Non-English text: the label is a guess, and says so.
OTHER_LANGUAGE_CONFIDENCE = 0.2


@dataclass(frozen=True)
class Example:
    """One labelled interviewer turn from ``examples.jsonl``."""

    id: str
    text: str
    previous: str | None
    label: Label
    flags: tuple[Flag, ...] = ()
    note: str | None = None
    lang: str = "en"
    team: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "example") -> "Example":
        if not isinstance(data, dict):
            raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where} -> text: must be a non-empty string")
        previous = data.get("previous")
        if previous is not None and not isinstance(previous, str):
            raise ValueError(f"{where} -> previous: must be a string or null")
        try:
            label = Label(data.get("label"))
        except ValueError as e:
            expected = ", ".join(lab.value for lab in CLASSIFIER_LABELS)
            raise ValueError(f"{where} -> label: unknown label {data.get('label')!r} (expected one of: {expected})") from e
        if label not in _LABEL_INDEX:
            raise ValueError(f"{where} -> label: 'silence' is given by the session, not by examples")
        flags = []
        for raw in data.get("flags") or []:
            try:
                flags.append(Flag(raw))
            except ValueError as e:
                expected = ", ".join(f.value for f in Flag)
                raise ValueError(f"{where} -> flags: unknown flag {raw!r} (expected one of: {expected})") from e
        lang = data.get("lang") or "en"
        if not isinstance(lang, str):
            raise ValueError(f"{where} -> lang: must be a language tag such as 'en' or 'nl'")
        return cls(id=str(data.get("id") or where), text=text, previous=previous, label=label, flags=tuple(flags),
                   note=data.get("note"), lang=primary_language(lang))


def load_examples(source: str | Path | Iterable[Any] | None = None) -> list[Example]:
    """Examples from a JSONL path (default: the bundled file) or a list of dicts / ``Example``."""
    if source is None:
        source = DEFAULT_EXAMPLES
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as e:
            raise ValueError(f"{path}: cannot read the examples file ({e.strerror or e})") from e
        out = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{number}: invalid JSON ({e.msg})") from e
            out.append(Example.from_dict(data, where=f"{path.name}:{number}"))
        return out
    out = []
    for i, item in enumerate(source):
        out.append(item if isinstance(item, Example) else Example.from_dict(item, where=f"examples -> {i}"))
    return out


class Calibration:
    """Maps (decision path, score margin) to the accuracy observed at that evidence level.

    Fitted on predictions over the example file (rule-only decisions as they are; decisions that
    used the neighbours with each example left out of its own neighbours). Per path, margins are
    binned, each bin's accuracy is smoothed towards a prior (few examples say little), made
    monotone (more margin never means less confidence) and capped at ``MAX_CONFIDENCE``.
    """

    # rules: a strong cue decided alone; model: cues and neighbours; form: cues alone, when the
    # classifier was told not to embed (``embed_ambiguous=False``).
    EDGES = {"rules": (1.5, 2.0, 2.5, 3.0, 4.0), "model": (0.0, 0.5, 1.0, 1.5, 2.0, 3.0),
             "form": (0.0, 0.5, 1.0, 1.5)}
    PRIOR_MEAN = 0.6
    PRIOR_WEIGHT = 4.0

    def __init__(self, table: dict[str, list[float]], counts: dict[str, list[int]] | None = None) -> None:
        self.table = {k: list(v) for k, v in table.items()}
        self.counts = {k: list(v) for k, v in (counts or {}).items()}

    @classmethod
    def fit(cls, records: Iterable[tuple[str, float, bool]]) -> "Calibration":
        table: dict[str, list[float]] = {}
        counts: dict[str, list[int]] = {}
        grouped: dict[str, list[tuple[float, bool]]] = {path: [] for path in cls.EDGES}
        for path, margin, correct in records:
            grouped.setdefault(path, []).append((margin, correct))
        for path, edges in cls.EDGES.items():
            hits = np.zeros(len(edges))
            totals = np.zeros(len(edges))
            for margin, correct in grouped.get(path, []):
                b = cls._bin(edges, margin)
                totals[b] += 1
                hits[b] += float(correct)
            smoothed = (hits + cls.PRIOR_MEAN * cls.PRIOR_WEIGHT) / (totals + cls.PRIOR_WEIGHT)
            table[path] = [float(min(MAX_CONFIDENCE, v)) for v in _monotone(smoothed, totals + cls.PRIOR_WEIGHT)]
            counts[path] = [int(t) for t in totals]
        return cls(table, counts)

    @staticmethod
    def _bin(edges: Sequence[float], margin: float) -> int:
        b = 0
        for i, edge in enumerate(edges):
            if margin >= edge:
                b = i
        return b

    def __call__(self, path: str, margin: float) -> float:
        values = self.table.get(path)
        if not values:
            return self.PRIOR_MEAN
        return values[self._bin(self.EDGES[path], margin)]


def _monotone(values: np.ndarray, weights: np.ndarray) -> list[float]:
    """Pool-adjacent-violators: the closest non-decreasing sequence (weighted least squares)."""
    blocks: list[list[float]] = []  # [value, weight, size]
    for value, weight in zip(values.tolist(), weights.tolist()):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    out: list[float] = []
    for value, _, size in blocks:
        out.extend([value] * size)
    return out


@dataclass(frozen=True)
class _Index:
    """The embedded examples, built once: prototype vectors, their labels, and the model calibration."""

    vectors: np.ndarray
    labels: np.ndarray
    texts: tuple[str, ...]
    calibration: Calibration
    # Example index -> similarity of its focus to its previous utterance (statements only).
    previous_similarity: dict[int, float]
    # Vote weight per example: 1 for shipped examples, TEAM_VOTE_BOOST for a team's own.
    boost: np.ndarray | None = None


@dataclass(frozen=True)
class _Evidence:
    """What the embedding adds for one turn."""

    votes: np.ndarray  # one weight per label in CLASSIFIER_LABELS, summing to 1 (or all zero)
    nearest: dict[Label, str]
    previous_similarity: float | None


def _knn_votes(similarities: np.ndarray, labels: np.ndarray, texts: Sequence[str], k: int,
               threshold: float, exclude: np.ndarray | None = None,
               boost: np.ndarray | None = None) -> tuple[np.ndarray, dict[Label, str]]:
    sims = similarities.astype(np.float64, copy=True)
    if exclude is not None:
        sims[exclude] = -np.inf
    k = min(k, int(np.isfinite(sims).sum()))
    votes = np.zeros(len(CLASSIFIER_LABELS))
    nearest: dict[Label, str] = {}
    if k <= 0:
        return votes, nearest
    top = np.argpartition(-sims, k - 1)[:k]
    top = top[np.argsort(-sims[top])]
    best = sims[top[0]]
    # Softmax over the neighbours: the closest examples count most.
    weights = np.exp((sims[top] - best) / 0.05)
    if boost is not None:
        weights = weights * boost[top]
    for idx, weight in zip(top, weights):
        votes[labels[idx]] += weight
        nearest.setdefault(CLASSIFIER_LABELS[labels[idx]], texts[idx])
    votes /= votes.sum()
    # Neighbours that are not really alike say little.
    if best < threshold:
        votes *= max(0.0, best / threshold) * 0.5
    return votes, nearest


def _is_fast(form: rules.Form) -> bool:
    _, score, margin = form.top
    return score >= FAST_SCORE and margin >= FAST_MARGIN


def _needs_previous(form: rules.Form, previous: str | None) -> bool:
    return bool(previous and previous.strip()) and form.declarative


_OPEN_WORDS = re.compile(
    r"什么|什麼|为什么|為什麼|怎么|怎麼|如何|哪些|告诉|告訴|描述|어떻게|왜|무엇|뭐|말씀해|설명|\b(?:hoe|waarom|wat|vertel|beschrijf|"
    r"warum|wieso|erzählen|beschreiben|pourquoi|comment|racontez|décrivez|por\s*qué|cómo|cuéntame|describa|perché|come|"
    r"raccontami)\b",
    re.IGNORECASE,
)
_QUESTION_MARKS = re.compile(r"[?？]|吗|嗎|呢|까|나요|니\b|\b(?:est-ce|heeft|hebt|bent|kunt|wilt|gebruikt)\b", re.IGNORECASE)


# Sentence models the English neighbour vote does not run on every turn: MiniLM costs 20-35 ms of CPU a new sentence
# and, on the labelled tuning sets, the lexical vectors vote as well (English coaching tuning sets, 1,740 turns: 0.955
# with them, 0.956 with MiniLM; the examples left one out 0.986 and 0.989; scoring/data/heldout.jsonl 0.983 and 0.977).
# The engine still holds MiniLM for its retrieval and passes it in; the classifier reads the examples lexically.
_NOT_FOR_THE_ENGLISH_VOTE = frozenset({"minilm"})


def vote_embedder(given: "Embedder | None", language: str = "en") -> "Embedder":
    """The embedder a classifier's neighbour vote uses, given the caller's (``given``, may be None).

    ``$INTERVIEW_SIM_CLASSIFIER_EMBEDDER``: ``hashing`` (default): the given embedder, except MiniLM in English, which
    is replaced by the lexical :class:`~simulator.embeddings.HashingEmbedder` (see ``_NOT_FOR_THE_ENGLISH_VOTE``); with
    none given, the lexical one. ``auto``, ``minilm``, ``use``, ``sentence-transformers``: the given embedder as it is;
    with none given, that kind for the language (``simulator.embeddings.get_embedder``)."""
    from simulator.embeddings import HashingEmbedder, get_embedder

    kind = (os.environ.get(CLASSIFIER_EMBEDDER_ENV) or "hashing").lower()
    if given is not None:
        if kind == "hashing" and language == "en" and getattr(given, "name", None) in _NOT_FOR_THE_ENGLISH_VOTE:
            return HashingEmbedder()
        return given
    if kind == "hashing":
        return HashingEmbedder()
    if language == "en" and kind != "use":
        return get_embedder()
    try:
        return get_embedder(kind, language=language)
    except TypeError:  # an embeddings module without per-language embedders
        return get_embedder()


def _embedder_identity(embedder: "Embedder") -> str | None:
    """A name for the vectors ``embedder`` gives, the same in every process; None when it has none (a test's fake)."""
    from simulator.embeddings import HashingEmbedder

    if type(embedder) is HashingEmbedder:
        return f"hashing-{embedder.dim}-{embedder.match_threshold}"
    key = getattr(embedder, "_disk_key", None)
    return f"{key}-{embedder.match_threshold}" if isinstance(key, str) and key else None


class QuestionClassifier:
    """Labels interviewer turns (see the module docstring). Thread-safe; no per-call state."""

    def __init__(self, embedder: "Embedder | None" = None, examples: str | Path | Iterable[Any] | None = None,
                 *, language: str | None = "en", k: int = 7, embed_ambiguous: bool = True,
                 team_examples: str | Path | Iterable[Any] | bool | None = None) -> None:
        """``embed_ambiguous=False`` decides every turn from its form alone: under a millisecond, never
        loads a model, a little less accurate on turns whose form says little.

        ``language`` is a BCP-47 tag (``"zh-Hans"``, ``"nl-BE"``); its primary subtag picks the rules, the
        default examples and the language of reasons and rewrites. Unknown languages use English.

        ``team_examples``: a team's coach-labelled turns (a JSONL path or a list), loaded beside the shipped
        examples; ``None`` reads :func:`team_examples_path` when that file exists, ``False`` reads none. A turn
        that matches a team example closely gets the coach's label; team neighbours weigh more in the vote.

        ``embedder=None`` votes with the lexical embedder (no model; set ``INTERVIEW_SIM_CLASSIFIER_EMBEDDER``
        to ``auto`` for the sentence model): on the labelled sets the model added no accuracy over it. A given
        embedder votes, except MiniLM in English (:func:`vote_embedder`)."""
        lang = primary_language(language)
        if lang not in LANGUAGES:
            log.warning("QuestionClassifier: no question rules for language %r; scoring it with the English rules "
                        "(labels are rough, reasons and rewrites in English)", language)
            lang = "en"
        self.language = lang
        self._embedder = embedder
        self._vote: "Embedder | None" = None
        self._examples_source = examples if examples is not None or lang == "en" else examples_path(lang)
        # The shipped examples come with the team's natural development turns as further neighbours; examples
        # given here come alone.
        self._neighbours_source = examples_path(lang, "neighbours") if examples is None else None
        self._neighbour_rows: range = range(0)
        self.k = k
        self.embed_ambiguous = embed_ambiguous
        self._lock = threading.Lock()
        self._examples: list[Example] | None = None
        self._forms: list[rules.Form] | None = None
        self._rule_calibration: Calibration | None = None
        self._index: _Index | None = None
        self._team_source = team_examples
        self._team: list[Example] | None = None
        self._team_exact: dict[str, Example] = {}

    # Lazy, shared state -----------------------------------------------------------------------
    @property
    def embedder(self) -> "Embedder":
        """The embedder of the neighbour vote (see :func:`vote_embedder`): the one given, except MiniLM in English."""
        if self._vote is None:
            with self._lock:
                if self._vote is None:
                    self._vote = vote_embedder(self._embedder, self.language)
                    if self._embedder is None:
                        self._embedder = self._vote
        return self._vote

    def _load(self) -> tuple[list[Example], list[rules.Form], Calibration]:
        """Examples, their analysed form and the calibration of rule-only decisions (no model needed)."""
        if self._rule_calibration is None:
            with self._lock:
                if self._rule_calibration is None:
                    examples = load_examples(self._examples_source)
                    shipped = len(examples)  # (the rules' calibration is read on the prototypes)
                    if self._neighbours_source is not None and self._neighbours_source.is_file():
                        examples = examples + [e for e in load_examples(self._neighbours_source)
                                               if e.lang == self.language]
                    self._neighbour_rows = range(shipped, len(examples))
                    team = self._load_team()
                    examples = examples + team
                    # The same examples and rules give the same forms: read from disk when kept there (a second
                    # of CPU, and spaCy's load, on every start otherwise).
                    forms = cached_forms(self.language, [(e.text, e.previous) for e in examples], self._analyse)
                    records = []
                    for example, form in list(zip(examples, forms))[:shipped]:
                        label, _, margin = form.top
                        records.append(("rules" if _is_fast(form) else "form", margin, label == example.label))
                    self._examples, self._forms = examples, forms
                    self._rule_calibration = Calibration.fit(records)
        return self._examples, self._forms, self._rule_calibration  # type: ignore[return-value]

    def _load_team(self) -> list[Example]:
        """The team's coach-labelled turns in this classifier's language (none when there is no team file)."""
        source = self._team_source
        if source is False:
            return []
        if source is None or source is True:
            path = team_examples_path()
            if not path.is_file():
                return []
            source = path
        team = [replace(e, team=True) for e in load_examples(source) if e.lang == self.language]
        self._team = team
        self._team_exact = {}
        for example in team:
            self._team_exact[_normal(example.text) + "|" + _normal(example.previous)] = example
            if example.label not in (Label.ECHO, Label.REFLECTION):
                self._team_exact.setdefault(_normal(example.text), example)
        if team:
            log.info("classifier (%s): %d team example(s) loaded beside the shipped ones", self.language, len(team))
        return team

    @property
    def team_examples(self) -> list[Example]:
        """The team's coach-labelled turns this classifier reads (loaded on first use)."""
        self._load()
        return list(self._team or [])

    def _get_index(self) -> _Index:
        if self._index is None:
            examples, forms, rule_calibration = self._load()
            embedder = self.embedder
            with self._lock:
                if self._index is None:
                    self._index = self._build_index(examples, forms, rule_calibration, embedder)
        return self._index

    def _build_index(self, examples: list[Example], forms: list[rules.Form], rule_calibration: Calibration,
                     embedder: "Embedder") -> _Index:
        """The index, read from disk when this embedder, these examples and these rules built it before
        (:func:`example_cache.cached_arrays`); only for embedders whose vectors are the same in every process: the
        hashing embedder itself, or a model with a fingerprint (``_disk_key``)."""
        identity = _embedder_identity(embedder)
        if identity is None:
            return self._compute_index(examples, forms, rule_calibration, embedder)
        key = forms_key(self.language, [(e.text, e.previous) for e in examples])
        key = hashlib.sha256(f"{key}|{identity}|k={self.k}|{[e.label.value for e in examples]}|"
                             f"{[e.team for e in examples]}".encode()).hexdigest()[:24]
        built: list[_Index] = []

        def build() -> tuple[dict[str, Any], dict[str, Any]]:
            index = self._compute_index(examples, forms, rule_calibration, embedder)
            built.append(index)
            previous = sorted(index.previous_similarity.items())
            arrays = {"vectors": index.vectors, "labels": index.labels,
                      "previous_rows": np.array([i for i, _ in previous], dtype=np.int64),
                      "previous_similarity": np.array([v for _, v in previous], dtype=np.float64)}
            if index.boost is not None:
                arrays["boost"] = index.boost
            return arrays, {"table": index.calibration.table, "counts": index.calibration.counts}

        arrays, meta = cached_arrays(self.language, key, build)
        if built:
            return built[0]
        texts = tuple(f.focus or e.text for e, f in zip(examples, forms))
        vectors = np.asarray(arrays["vectors"], dtype=np.float32)
        if vectors.shape[0] != len(examples) or len(arrays["labels"]) != len(examples):
            return self._compute_index(examples, forms, rule_calibration, embedder)
        previous = {int(i): float(v) for i, v in zip(arrays["previous_rows"], arrays["previous_similarity"])}
        return _Index(vectors=vectors, labels=np.asarray(arrays["labels"], dtype=np.int64), texts=texts,
                      calibration=Calibration(meta["table"], meta["counts"]), previous_similarity=previous,
                      boost=np.asarray(arrays["boost"], dtype=np.float64) if "boost" in arrays else None)

    def _compute_index(self, examples: list[Example], forms: list[rules.Form], rule_calibration: Calibration,
                       embedder: "Embedder") -> _Index:
        texts = tuple(f.focus or e.text for e, f in zip(examples, forms))
        need_prev = [i for i, (e, f) in enumerate(zip(examples, forms)) if _needs_previous(f, e.previous)]
        batch = list(texts) + [examples[i].previous or "" for i in need_prev]
        vectors = np.asarray(embedder.encode(batch), dtype=np.float32)
        protos, prev_vectors = vectors[: len(texts)], vectors[len(texts):]
        labels = np.array([_LABEL_INDEX[e.label] for e in examples], dtype=np.int64)
        prev_sim = {i: float(protos[i] @ prev_vectors[j]) for j, i in enumerate(need_prev)}

        records = []
        for i, scores, _ in self._loo_scores(examples, forms, protos, labels, texts, prev_sim,
                                             embedder.match_threshold):
            label, margin = _best(scores)
            records.append(("model", margin, label == examples[i].label))
        calibration = Calibration.fit(records)
        for path in ("rules", "form"):
            calibration.table[path] = rule_calibration.table[path]
            calibration.counts[path] = rule_calibration.counts.get(path, [])
        boost = np.array([TEAM_VOTE_BOOST if e.team else 1.0 for e in examples], dtype=np.float64)
        return _Index(vectors=protos, labels=labels, texts=texts, calibration=calibration,
                      previous_similarity=prev_sim, boost=boost if (boost != 1.0).any() else None)

    def _loo_scores(self, examples, forms, protos, labels, texts, prev_sim, threshold):
        """Combined scores for every example that needs the model, its neighbours excluding itself
        (and its exact duplicates), as (example index, scores, evidence)."""
        sims = protos @ protos.T
        lowered = [t.strip().lower() for t in texts]
        rows_of: dict[str, list[int]] = {}
        for i, t in enumerate(lowered):
            rows_of.setdefault(t, []).append(i)
        for i, form in enumerate(forms):
            if _is_fast(form):
                continue
            exclude = np.zeros(len(lowered), dtype=bool)
            exclude[rows_of[lowered[i]]] = True
            votes, nearest = _knn_votes(sims[i], labels, texts, self.k, threshold, exclude)
            scores = self._combine(form, votes, prev_sim.get(i), threshold)
            yield i, scores, _Evidence(votes=votes, nearest=nearest, previous_similarity=prev_sim.get(i))

    def leave_one_out(self) -> list[tuple[Example, Classification]]:
        """Every example (of the examples file, and a team's) classified as if it were new: its own entry never
        votes for it. The natural neighbours vote but are not judged here (they are development turns, measured
        where they come from).

        This is how accuracy on the example file is measured (benchmarks, tests) without an
        example matching itself.
        """
        examples, forms, rule_calibration = self._load()
        index = self._get_index()
        threshold = self.embedder.match_threshold
        results: dict[int, Classification] = {}
        for i, scores, ev in self._loo_scores(examples, forms, index.vectors, index.labels, index.texts,
                                              index.previous_similarity, threshold):
            label, margin = _best(scores)
            results[i] = self._result(examples[i].text, forms[i], label, index.calibration("model", margin), ev)
        out = []
        for i, (example, form) in enumerate(zip(examples, forms)):
            if i in self._neighbour_rows:
                continue
            if i not in results:
                label, _, margin = form.top
                results[i] = self._result(example.text, form, label, rule_calibration("rules", margin), None)
            out.append((example, results[i]))
        return out

    def warm_up(self) -> None:
        """Load the embedder and embed the examples now, rather than on the first ambiguous turn."""
        self._get_index()

    @property
    def calibration(self) -> Calibration:
        """The fitted calibration table (builds the index on first use)."""
        return self._get_index().calibration

    # Classification ----------------------------------------------------------------------------
    def classify(self, text: str, previous: str | None = None,
                 context: str | Sequence[str] | None = None) -> Classification:
        """One turn; ``previous`` is what the interviewee said just before (None when unknown), ``context``
        everything they said earlier in the interview (a string or a list of their turns): a summary is a
        reflection only when its content is in there."""
        return self.classify_many([(text, previous, context)])[0]

    def classify_many(self, items: Sequence[Any], *, rewrites: bool = True) -> list[Classification]:
        """Many turns: ``text``, ``(text, previous)``, ``(text, previous, context)`` or ``{"text", "previous",
        "context"}`` each; everything that needs the embedding is embedded in one batch call.

        A turn repeated in the batch with the same previous utterance and context ("Okay.", "Mm-hmm.", a line
        pasted twice) is classified once: its label, reason and rewrites depend on nothing else. The rewrites are
        made after all the verdicts, with their spaCy parses made in batches (:mod:`scoring.parse_batch`): the same
        rewrites as one turn at a time, for about a third of the parsing CPU. The rules' own parses (a few turns need
        one) are made in batches too.

        ``rewrites=False`` leaves out the suggested rewrites (``rewrite`` None, ``rewrites`` empty) for callers that
        show none, such as a score table: about a quarter of a batch's CPU. Labels, flags, reasons and confidences
        are the same either way."""
        if not rewrites and not getattr(_without_rewrites, "on", False):
            _without_rewrites.on = True
            try:
                return self.classify_many(items)
            finally:
                _without_rewrites.on = False
        # Typed chat ("whats ur typical day like", "dont u think…") is read as the sentence it stands for. (Not a turn
        # in another language given to the English rules: "Hoe vaak bestelt u…" has no chat "u" in it.)
        unpacked = [(self._typed(text), previous, context) for text, previous, context in map(_unpack, items)]
        slot: dict[tuple, int] = {}
        distinct: list[tuple[str, str | None, Any]] = []
        order = []
        for item in unpacked:
            key = _batch_key(*item)
            if key not in slot:
                slot[key] = len(distinct)
                distinct.append(item)
            order.append(slot[key])
        if len(distinct) == len(unpacked):
            return self._classify_distinct(unpacked)
        verdicts = self._classify_distinct(distinct)
        seen: set[int] = set()
        out = []
        for n in order:
            # Each repeat gets its own copy of the mutable part (the flag reasons), as if classified alone.
            verdict = verdicts[n]
            out.append(verdict if n not in seen else replace(verdict, flag_reasons=dict(verdict.flag_reasons)))
            seen.add(n)
        return out

    def _typed(self, text: str) -> str:
        """``text`` with typed chat spelled out (:func:`simulator.chat_text.standard`), unless it is a turn in another
        language given to the English rules."""
        meant = chat_text.standard(text, self.language)
        if meant != text and self.language == "en" and rules.detect_language(text) != "en":
            return text
        return meant

    def _classify_distinct(self, unpacked: Sequence[tuple[str, str | None, Any]]) -> list[Classification]:
        """:meth:`classify_many` on unpacked ``(text, previous, context)`` items."""
        # The rules' own spaCy parses (a few turns need one) are made together, as the rewrites' are (parse_batch).
        forms = run_batched([partial(self._analyse, text, previous, context) for text, previous, context in unpacked])
        prepared = [(text, previous, form) for (text, previous, _), form in zip(unpacked, forms)]
        examples, _, rule_calibration = self._load()
        team = bool(self._team)

        decided: dict[int, Example] = {}
        if team:
            for i, (text, previous, form) in enumerate(prepared):
                hit = self._team_exact.get(_normal(text) + "|" + _normal(previous)) or self._team_exact.get(_normal(text))
                if hit is not None and text.strip():
                    decided[i] = hit
        pending = [i for i, (text, _, form) in enumerate(prepared)
                   if i not in decided and self.embed_ambiguous and form.language == self.language and text.strip()
                   and (team or not _is_fast(form))]
        evidence: dict[int, _Evidence] = {}
        index = None
        if pending:
            index = self._get_index()
            embedder = self.embedder
            batch = [prepared[i][2].focus or prepared[i][0] for i in pending]
            with_prev = [i for i in pending if _needs_previous(prepared[i][2], prepared[i][1])]
            batch += [prepared[i][1] or "" for i in with_prev]
            vectors = np.asarray(embedder.encode(batch), dtype=np.float32)
            focus_vectors = vectors[: len(pending)]
            row_of = {i: row for row, i in enumerate(pending)}
            prev_sims = {i: float(focus_vectors[row_of[i]] @ vectors[len(pending) + j])
                         for j, i in enumerate(with_prev)}
            similarities = focus_vectors @ index.vectors.T
            for row, i in enumerate(pending):
                if team and index.boost is not None:
                    # The same question a coach already labelled for this team: the coach's label decides.
                    sims = np.where(index.boost > 1.0, similarities[row], -np.inf)
                    j = int(np.argmax(sims))
                    example = examples[j]
                    if sims[j] >= TEAM_SAME_TURN and (example.label not in (Label.ECHO, Label.REFLECTION)
                                                      or _normal(example.previous) == _normal(prepared[i][1])):
                        decided[i] = example
                        continue
                    if _is_fast(prepared[i][2]):
                        continue
                votes, nearest = _knn_votes(similarities[row], index.labels, index.texts, self.k,
                                            embedder.match_threshold, boost=index.boost)
                evidence[i] = _Evidence(votes=votes, nearest=nearest, previous_similarity=prev_sims.get(i))

        threshold = self._vote.match_threshold if self._vote is not None else 0.4
        # Rewrites are made once every verdict is in, all together: their parses run in batches (parse_batch).
        rewriting = not getattr(_without_rewrites, "on", False)
        later: list[tuple[int, str, str | None, rules.Form]] = []
        out = []
        for i, (text, previous, form) in enumerate(prepared):
            if not text.strip():
                out.append(Classification(label=Label.STATEMENT, confidence=MAX_CONFIDENCE,
                                          reason=feedback.empty_reason(self.language), language=self.language))
                continue
            if form.language != self.language:
                out.append(_other_language(text, self.language))
                continue
            if i in decided:
                verdict = self._result(text, form, decided[i].label, MAX_CONFIDENCE, None, previous,
                                       team_example=decided[i], with_rewrites=False)
            elif i in evidence and index is not None:
                ev = evidence[i]
                scores = self._combine(form, ev.votes, ev.previous_similarity, threshold)
                label, margin = _best(scores)
                confidence = index.calibration("model", margin)
                verdict = self._result(text, form, label, confidence, ev, previous, with_rewrites=False)
            else:
                label, _, margin = form.top
                path = "rules" if _is_fast(form) else "form"
                verdict = self._result(text, form, label, rule_calibration(path, margin), None, previous,
                                       with_rewrites=False)
            if rewriting:
                later.append((len(out), text, previous, form))
            out.append(verdict)
        if later:
            lang = self.language
            jobs = [partial(suggest_rewrites, text, out[n].label, out[n].flags, previous=previous, language=lang,
                            form=form) for n, text, previous, form in later]
            for (n, *_), made in zip(later, run_batched(jobs)):
                if made:
                    out[n] = replace(out[n], rewrite=made[0], rewrites=tuple(made))
        return out

    # Internals --------------------------------------------------------------------------------
    def _analyse(self, text: str, previous: str | None, context: Any = None) -> rules.Form:
        if self.language == "en":
            return rules.analyse(text, previous, "en", context)
        # Every language reads what the customer said earlier: an echo or a summary of two turns back.
        form = rules.analyse(text, previous, self.language, context)
        if self.language in ("ko", "zh") and text.strip() and _looks_latin_only(text, self.language):
            # An English (or other Latin-script) turn in a Korean or Chinese interview: the rules cannot read it.
            form = replace(form, language="other")
        return form

    def _combine(self, form: rules.Form, votes: np.ndarray, previous_similarity: float | None,
                 threshold: float) -> dict[Label, float]:
        knn_weight = LANGUAGE_KNN_WEIGHT.get(self.language, KNN_WEIGHT)
        scores = {label: float(form.scores.get(label, 0.0)) for label in CLASSIFIER_LABELS}
        for label, vote in zip(CLASSIFIER_LABELS, votes):
            # An echo is only an echo of *their* words: neighbours cannot see that, the overlap can.
            if label == Label.ECHO:
                vote *= min(1.0, form.echo / 0.6)
            scores[label] += knn_weight * float(vote)
        if previous_similarity is not None and form.declarative:
            # A statement that says back what they just said is a reflection.
            closeness = (previous_similarity - threshold) / max(1e-6, 0.9 - threshold)
            scores[Label.REFLECTION] += CONTEXT_WEIGHT * float(np.clip(closeness, 0.0, 1.0))
        return scores

    def _result(self, text: str, form: rules.Form, label: Label, confidence: float,
                evidence: _Evidence | None, previous: str | None = None,
                team_example: Example | None = None, with_rewrites: bool = True) -> Classification:
        lang = self.language
        cue = form.best_cue(label)
        reason = feedback.cue_reason(cue.name, cue.evidence, language=lang) if cue is not None else None
        if team_example is not None and (cue is None or team_example.label != form.top[0]):
            reason = feedback.similar_reason(label, team_example.text, language=lang)
        if reason is None:
            example = evidence.nearest.get(label) if evidence is not None else None
            reason = feedback.similar_reason(label, example, language=lang)
        flags: list[Flag] = []
        flag_reasons: dict[str, str] = {}
        for hit in form.flags:
            if hit.flag.value in flag_reasons:
                continue
            # Hypothetical and double-barreled describe questions; a statement cannot be either.
            if label in (Label.STATEMENT, Label.ECHO, Label.REFLECTION) and hit.flag in (
                    Flag.HYPOTHETICAL, Flag.DOUBLE_BARRELED):
                continue
            flags.append(hit.flag)
            flag_reasons[hit.flag.value] = feedback.flag_reason(hit.name, hit.flag, hit.evidence, language=lang)
        rewrites = () if getattr(_without_rewrites, "on", False) or not with_rewrites else tuple(
            suggest_rewrites(text, label, flags, previous=previous, language=lang, form=form))
        return Classification(label=label, confidence=float(confidence), reason=reason, flags=tuple(flags),
                              flag_reasons=flag_reasons, rewrite=rewrites[0] if rewrites else None,
                              rewrites=rewrites, language=lang)


def suggest_rewrites(*args: Any, **kwargs: Any) -> list[str]:
    """``scoring.rewrite.suggest_rewrites``, imported on first use: a caller that shows no rewrites (``score``'s
    table) never pays for compiling the rewriter's patterns (about 0.4 s of CPU at start)."""
    from .rewrite import suggest_rewrites as suggest

    return suggest(*args, **kwargs)


def _best(scores: dict[Label, float]) -> tuple[Label, float]:
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], _LABEL_INDEX[kv[0]]))
    margin = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)
    return ranked[0][0], margin


# Set (in this thread) while ``classify_many(..., rewrites=False)`` runs: verdicts are built without rewrites.
_without_rewrites = threading.local()


def _batch_key(text: str, previous: str | None, context: Any) -> tuple:
    """What a turn's classification depends on, hashable: two items with the same key get the same verdict."""
    return (text, previous, context if context is None or isinstance(context, str) else tuple(context))


def _unpack(item: Any) -> tuple[str, str | None, Any]:
    context = None
    if isinstance(item, str):
        text, previous = item, None
    elif isinstance(item, dict):
        text, previous, context = item.get("text"), item.get("previous"), item.get("context")
    else:
        try:
            text, previous = item
        except (TypeError, ValueError):
            try:
                text, previous, context = item
            except (TypeError, ValueError):
                text, previous = item, None
    text = text if isinstance(text, str) else ("" if text is None else str(text))
    previous = previous if isinstance(previous, str) or previous is None else str(previous)
    if context is not None and not isinstance(context, str):
        context = [c if isinstance(c, str) else str(c) for c in context if c is not None]
    return text, previous, context


_SCRIPT = {"zh": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"), "ko": re.compile(r"[\uac00-\ud7af]")}


def _looks_latin_only(text: str, language: str) -> bool:
    """Whether a turn in a Korean or Chinese interview has Latin words but none of the language's script."""
    return not _SCRIPT[language].search(text) and len(re.findall(r"[A-Za-z]{2,}", text)) >= 2


def _other_language(text: str, language: str = "en") -> Classification:
    """A rough label for text the rules cannot read, and a reason that says so."""
    if _OPEN_WORDS.search(text):
        label = Label.OPEN
    elif _QUESTION_MARKS.search(text):
        label = Label.CLOSED
    else:
        label = Label.STATEMENT
    return Classification(label=label, confidence=OTHER_LANGUAGE_CONFIDENCE,
                          reason=feedback.other_language_reason(language), language="other")


_BY_LANGUAGE: dict[tuple[str, int], QuestionClassifier] = {}
_BY_LANGUAGE_LOCK = threading.Lock()


def classifier_for(language: str | None, embedder: "Embedder | None" = None) -> QuestionClassifier:
    """The shared classifier for a language (a BCP-47 tag), built once per (primary subtag, embedder).

    ``embedder=None`` lets the classifier pick the language's own embedder on first use
    (``simulator.embeddings.get_embedder(language=...)``). Languages without rules share the English one.
    """
    lang = primary_language(language)
    if lang not in LANGUAGES:
        log.warning("classifier_for: no question rules for language %r; using the English classifier", language)
        lang = "en"
    key = (lang, id(embedder) if embedder is not None else 0)
    with _BY_LANGUAGE_LOCK:
        chosen = _BY_LANGUAGE.get(key)
        if chosen is None or chosen._embedder is not embedder and embedder is not None:
            chosen = QuestionClassifier(embedder=embedder, language=lang)
            _BY_LANGUAGE[key] = chosen
        return chosen
