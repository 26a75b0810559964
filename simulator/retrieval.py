"""Which of a persona's topics a trainee's words are about: hybrid retrieval over everything the
persona knows.

Every topic is read from its title, examples and keywords *and* every sentence of every layer and its
``closed`` lines. A question is scored against each topic twice:

* semantically: the best cosine between the question and the topic's title/examples, or (a little
  discounted, statements are further from questions) one of its sentences;
* lexically: the share of the question's content units (:func:`simulator.understanding.units`: spaCy
  lemmas with contractions expanded in English, stems in Dutch, particles off in Korean, character pairs
  in Chinese; a Dutch form or compound she never says read as her own form or its parts, Chinese pairs cut
  into her words: :meth:`TopicIndex.units`) that the topic's texts contain, each unit weighted by how specific it is to one topic
  (inverse topic frequency). "Were the drivers friendly?" needs no example mentioning drivers if a
  line does.

Keywords the trainee uses verbatim add a bonus; the policy adds dialogue priors (the current topic,
the topics of things the persona just mentioned). Nothing here keeps per-interview state.
"""

from __future__ import annotations

import logging
import math
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from functools import lru_cache

import numpy as np

from . import embeddings
from .embeddings import Embedder
from .persona import LAYERS, Persona
from .textutil import language_of, sentences, tokens, topic_core
from .understanding import light_units, time_anchor, time_counts, units, warm_units

__all__ = ["TopicIndex", "TopicMatch", "Sentence", "words", "keyword_hits"]

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# A word character that is not CJK: a Latin keyword ("app") is a whole word against Latin letters and
# digits, but may touch Chinese or Korean characters ("App好用", "앱은"... "app은").
_NON_CJK_WORD = r"[^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]"

# A keyword that the trainee uses verbatim is strong evidence, but it should not beat a clearly
# better semantic match, so the bonus is a fraction of the usual gap between topics.
KEYWORD_BONUS = 0.12
# Staying on the topic being discussed is what people do when a question is ambiguous.
CURRENT_TOPIC_BONUS = 0.04
# The lexical share (0..1) is worth up to this much cosine.
LEXICAL_WEIGHT = 0.30
# Per language, where the words say more than the multilingual vectors do: a Chinese question's pairs, cut into
# her words (_segment_artifacts), name the act ("去拿", "自提"), while its vector leans on the person named in it
# ("婆婆去拿方便吗？" reads as a question about the mother-in-law). Measured on the Chinese tuning interviews
# (dev_interviews lihua_r4-r6): replies on the expected topic 69 -> 73 of 88, off-topic deflection unchanged.
LANGUAGE_LEXICAL_WEIGHT = {"zh": 0.6}
# A question anchored in the past or the present (:func:`simulator.understanding.time_anchor`) is worth up
# to this much to a topic of that time, and costs as much to a topic of the other.
TIME_WEIGHT = 0.05
# A sentence the persona would say is further from a question than an example question is.
LINE_DISCOUNT = 0.06
# A verb or adverb of the question ("find", "feel") is weaker evidence than a noun, a name or a number.
LIGHT_WEIGHT = 0.5
# The lexical share is taken of at least this much weight (about one specific noun's).
LEXICAL_FLOOR = 2.0
# Per-persona threshold (see TopicIndex._calibrated_threshold): a share of the median similarity of an
# example to the rest of its topic, within [CALIBRATION_FLOOR x the embedder's threshold, that threshold],
# from at least this many examples.
CALIBRATION_SHARE = 0.83
CALIBRATION_FLOOR = 0.9
CALIBRATION_MIN_EXAMPLES = 8
# A word the persona only says in its lines is fully hers from this many sentences that say it (fewer: in
# proportion); words of titles, keywords and examples always are.
FAMILIAR_MENTIONS = 3.0
# A compound she never says is half as familiar (COMPOUND_SHARE) as a part of it she does say, of at least
# COMPOUND_PART letters (Dutch, German: see TopicIndex.familiarity).
COMPOUND_SHARE = 0.5
COMPOUND_PART = 5
# How much each kind of text counts for the lexical share: what the author wrote to steer retrieval
# (title, keywords, examples) fully, the persona's lines a little less.
KIND_WEIGHT = {"title": 1.0, "keyword": 1.0, "example": 0.9, "surface": 0.8, "detail": 0.8, "deep": 0.7,
               "closed": 0.8}


# A unit of the common interview vocabulary counts this much toward whether a question's words are the
# persona's (see interview_vocabulary).
GENERIC_WEIGHT = 0.3
_BANKS = Path(__file__).resolve().parent / "data"


@lru_cache(maxsize=8)
def interview_vocabulary(language: str | None) -> frozenset[str]:
    """The units of the language's bank of common customer-interview questions
    (``simulator/data/question_bank_<lang>.txt``): the words any interview uses, whoever the customer is.
    A background against which a question's own words are judged: "this year" is asked of everyone,
    "holiday" is asked of someone who goes on holiday. Empty when the language has no bank. Chinese units are
    character pairs; pairs across a particle or a pronoun are no units at all (understanding._units), so the
    bank's pairs are mostly its words ("觉得", "最近")."""
    lang = language_of(language)
    path = _BANKS / f"question_bank_{lang}.txt"
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
    except (OSError, UnicodeDecodeError):
        return frozenset()
    questions = [line for line in lines if line and not line.startswith("#")]
    warm_units(questions, lang)
    out: set[str] = set()
    for question in questions:
        out.update(u for u in units(question, lang) if not u.startswith("~"))
    return frozenset(out)


def words(text: str, language: str = "en") -> list[str]:
    """Lower-case tokens (see :func:`simulator.textutil.tokens`: Korean stems, Chinese characters)."""
    return tokens(text, language)


@dataclass(frozen=True)
class TopicMatch:
    topic: str
    score: float
    semantic: float = 0.0
    lexical: float = 0.0
    keyword: bool = False
    asked: float = 0.0  # the semantic part from the title and examples alone (how the author said it is asked)
    line: float = -1.0  # the closest sentence of the topic's lines (surface, detail, deep, closed), undiscounted


@dataclass(frozen=True)
class Sentence:
    """One sentence of one of a topic's lines."""

    topic: str
    layer: str  # surface, detail, deep or closed
    line: str
    text: str
    units: frozenset[str]


log = logging.getLogger(__name__)


def encode_persistent(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """``embedder.encode(texts)``, kept on disk for the next server start: a persona's index embeds a few
    hundred sentences (seconds on two cores), the same ones every time. Stored in the embedder's one table on
    disk (:func:`simulator.embeddings.encode_persistent`); ``INTERVIEW_SIM_CACHE_DIR=""`` turns it off."""
    return embeddings.encode_persistent(embedder, texts)


class TopicIndex:
    """Everything a persona knows, indexed once per persona and embedder: title, examples, keywords and
    every sentence of every line, embedded and broken into lexical units.

    Holds no per-interview state, so one index is shared by every session on that persona.
    """

    def __init__(self, persona: Persona, embedder: Embedder) -> None:
        self.persona = persona
        self.embedder = embedder
        self.language = language = persona.language
        self.topic_ids = [t.id for t in persona.topics]
        self._position = {tid: i for i, tid in enumerate(self.topic_ids)}
        texts: list[str] = []
        owners: list[int] = []
        for i, topic in enumerate(persona.topics):
            for text in [topic.title, *topic.examples]:
                # Without the question framing in Dutch, Korean and Chinese (see textutil.topic_core).
                texts.append(topic_core(text, language))
                owners.append(i)
        self._owners = np.asarray(owners)
        self._keywords = [{k.lower() for k in topic.keywords} for topic in persona.topics]
        self.base_threshold = embedder.match_threshold

        # Every sentence of every line, with its units.
        line_texts: list[str] = []
        for topic in persona.topics:
            for layer in (*LAYERS, "closed"):
                line_texts += topic.layer(layer)
        all_texts = ([t.title for t in persona.topics] + [e for t in persona.topics for e in t.examples]
                     + [k for t in persona.topics for k in t.keywords])
        # The persona's stock lines and opening line too: a reply's units are read before it is chosen.
        stock = [persona.opening_line] + [line for lines in persona.reactions.model_dump().values() for line in lines]
        warm_units(all_texts + line_texts + stock + [s for line in line_texts + stock for s in sentences(line)], language)
        self.sentences: list[Sentence] = []
        for topic in persona.topics:
            for layer in (*LAYERS, "closed"):
                for line in topic.layer(layer):
                    for sentence in sentences(line) or [line]:
                        self.sentences.append(Sentence(topic.id, layer, line, sentence,
                                                       frozenset(units(sentence, language))))
        self._by_text = {s.text: s for s in self.sentences}
        # Her words as written, lower case (names and the product's name among them): a trainee's typo is read as the
        # word of hers it is one letter away from before it is read as any word of the language.
        self.words: frozenset[str] = frozenset(
            w.lower() for text in [persona.name, getattr(persona, "context", "") or "", *all_texts, *line_texts, *stock]
            for w in re.findall(r"[^\W\d_]+", text or ""))
        self._rows = {id(s): i for i, s in enumerate(self.sentences)}
        self._sentence_owners = np.asarray([self._position[s.topic] for s in self.sentences])
        # A line of more than one sentence is embedded whole as well: the persona's last reply is read again as a
        # text of its own (what it brings to mind, what the trainee's next turn answers), and a long line is the
        # dearest text to embed during a turn.
        whole = [line for line in dict.fromkeys(line_texts) if line not in self._by_text]
        count = len(texts) + len(self.sentences)
        encoded = encode_persistent(embedder, texts + [s.text for s in self.sentences] + whole)
        self._matrix = encoded[: len(texts)]
        self._sentence_matrix = encoded[len(texts): count]
        # Every text embedded here, by its words: a turn that reads one of them again (a persona line, a title)
        # takes the row instead of an embedding call (see _vector).
        self._vectors: dict[str, np.ndarray] = {}
        for text, row in zip(texts, self._matrix):
            self._vectors.setdefault(text, row)
        for sentence, row in zip(self.sentences, self._sentence_matrix):
            self._vectors.setdefault(sentence.text, row)
        for line, row in zip(whole, encoded[count:]):
            self._vectors.setdefault(line, row)
        self.threshold = self._calibrated_threshold(persona)

        # Lexical: per topic, each unit with the weight of the strongest kind of text it appears in.
        self._topic_units: list[dict[str, float]] = []
        for topic in persona.topics:
            weights: dict[str, float] = {}

            def add(text: str, kind: str) -> None:
                for unit in units(text, language):
                    weights[unit] = max(weights.get(unit, 0.0), KIND_WEIGHT[kind])

            add(topic.title, "title")
            for keyword in topic.keywords:
                add(keyword, "keyword")
            for example in topic.examples:
                add(example, "example")
            for layer in (*LAYERS, "closed"):
                for line in topic.layer(layer):
                    add(line, layer)
            self._topic_units.append(weights)
        n = len(persona.topics)
        df: dict[str, int] = {}
        for weights in self._topic_units:
            for unit in weights:
                df[unit] = df.get(unit, 0) + 1
        self._idf = {unit: math.log(1.0 + n / count) for unit, count in df.items()}
        # A unit no topic has is as specific as a unit only one topic has: it dilutes the share.
        self._unseen_idf = math.log(1.0 + n)

        # How familiar each unit is to the persona (0..1): a word of a title, a keyword or an example is
        # what the persona's life is about (1.0); a word met only in its lines counts by how often she says
        # it, so one passing mention ("I check my phone too much", "the books") does not make a question
        # about phones or books hers. Counted per sentence, so every phrasing of a line counts.
        steering: set[str] = set()
        for topic in persona.topics:
            for text in [topic.title, *topic.keywords, *topic.examples]:
                steering.update(units(text, language))
        said: dict[str, int] = {}
        for s in self.sentences:
            for unit in s.units:
                said[unit] = said.get(unit, 0) + 1
        self._familiarity = {unit: 1.0 if unit in steering else min(1.0, said.get(unit, 0) / FAMILIAR_MENTIONS)
                             for unit in self._idf}
        # Chinese: how much each pair of hers is a word (see _segment_artifacts): how many of her sentences say it.
        self._pair_weights = {u: math.log(1.0 + said.get(u, 0)) + (1.0 if u in steering else 0.0)
                              for u in self._idf if len(u) == 2}
        self._compound_cache: dict[str, float] = {}  # unit -> familiarity through a part of it (Dutch compounds)
        self._compound_parts: dict[str, tuple[str, ...]] = {}  # unit -> the parts of it that are hers
        self._variant_keys: dict[str, str] | None = None  # Dutch: _nl_key -> her unit of that key
        self._steering = frozenset(steering)
        # Her own name in a question is how she is addressed, not what is asked ("Hi Harold, ...", "지우님은 ...").
        self._address = address_pattern(persona.name, language)

        # When each topic happens: its examples and surface lines in the past ("I ordered every week") or the
        # present ("Now it's one big shop"), -1..+1; a question anchored in time leans toward the topics of
        # that time ("the last time you ordered" -> the old habit, not today's shop).
        self._time: list[float] = []
        for topic in persona.topics:
            past = present = 0.0
            for text in [*topic.examples, *topic.surface]:
                p, q = time_counts(text, language)
                past, present = past + p, present + q
            self._time.append((past - present) / (past + present) if past + present else 0.0)

        # Each topic's short answers, to pick the one that answers the question asked.
        self._closed = {topic.id: (list(topic.closed), encode_persistent(embedder, list(topic.closed)))
                        for topic in persona.topics if topic.closed}
        for lines, matrix in self._closed.values():
            for line, row in zip(lines, matrix):
                self._vectors.setdefault(line, row)
        # What a cold "it" means reads the domain and the context's first sentence: embedded now, with the
        # persona's lines (and kept on disk), not in the first turn of the first interview.
        with embeddings.persisting():
            self.product_topic()
        if language_of(language) == "zh":
            _chinese_words("")  # jieba's dictionary (about 0.7 s) loads with the persona, not in her first turn

    def _calibrated_threshold(self, persona: Persona) -> float:
        """The match threshold for this persona: the embedder's, lowered for a persona whose own examples are
        far apart in meaning. How close a question on a topic comes to the topic's examples depends on how the
        author wrote them (several wordings of one question, or questions from many angles), so each
        example is compared with the other examples and the title of its own topic (leave one out, from the
        vectors already computed: no embedding call); when the median of those is low, the threshold follows
        it (CALIBRATION_SHARE of it), never below CALIBRATION_FLOOR of the embedder's own."""
        base = self.base_threshold
        rows: list[float] = []
        start = 0
        for topic in persona.topics:
            count = 1 + len(topic.examples)
            block = self._matrix[start: start + count]
            for i in range(1, count):  # the examples (row 0 is the title)
                others = np.delete(block, i, axis=0)
                if len(others):
                    rows.append(float(np.max(others @ block[i])))
            start += count
        if len(rows) < CALIBRATION_MIN_EXAMPLES:
            return base
        level = float(np.median(rows))
        return float(min(base, max(base * CALIBRATION_FLOOR, CALIBRATION_SHARE * level)))

    # Units -------------------------------------------------------------------------------------------
    def units(self, text: str) -> list[str]:
        """The content units of ``text`` in the persona's language."""
        known = self._by_text.get(text)
        if known is not None:
            return list(known.units)
        if self._address is not None:
            text = self._address.sub(" ", text)
        found = units(text, self.language)
        lang = language_of(self.language)
        if lang in {"zh", "ja"}:
            found = self._segmented(text, found)
        elif lang in _COMPOUNDING:
            found = self._split_compounds(found)
        elif lang == "ko":
            found = self._joined_compounds(found)
        return found

    def _joined_compounds(self, found: list[str]) -> list[str]:
        """Korean: two words of the question written apart that she writes as one ("월급 통장" to someone who says
        "월급통장", "모임 통장" and "모임통장"), added as her word; spacing in Korean compounds is free."""
        vocab = getattr(self, "_idf", None)
        if not vocab:
            return found
        joined = [a + b for a, b in zip(found, found[1:])
                  if not a.startswith("~") and not b.startswith("~") and a + b in vocab and a + b not in found]
        return found + joined

    def _variant(self, unit: str) -> str | None:
        """Her own form of a Dutch word she never says in this form: the stems of "kost" and "kosten", "koop" and
        "kopen", "pak" and "pakken" differ ("kos"/"kost", "koop"/"kop", "pak"/"pakk"), so a question's form
        is read as hers when both come to the same key (:func:`_nl_key`)."""
        keys = self._variant_keys
        if keys is None:
            keys = {}
            for known in sorted(self._idf, key=lambda u: (-self._familiarity.get(u, 0.0), len(u), u)):
                keys.setdefault(_nl_key(known), known)
            self._variant_keys = keys
        return keys.get(_nl_key(unit)) if len(unit) >= 3 else None

    def _split_compounds(self, found: list[str]) -> list[str]:
        """Dutch (German) compounds she never says, with the parts of them she does say: "weekboodschappen" to
        someone who talks about "boodschappen", "zaterdagochtend" to someone who talks about "zaterdag". The head
        (the end of the word, what the compound is) and the modifier (its start) each count when hers, of at
        least COMPOUND_PART letters, with at least COMPOUND_PART - 1 letters left over."""
        vocab = getattr(self, "_idf", None)
        if not vocab:
            return found
        out: list[str] = []
        for unit in found:
            if unit in vocab:
                out.append(unit)
                continue
            variant = self._variant(unit)
            if variant is not None:
                out.append(variant)
                continue
            if len(unit) < 2 * COMPOUND_PART - 1:
                out.append(unit)
                continue
            parts = self._compound_parts.get(unit)
            if parts is None:
                head = modifier = ""
                for part in vocab:
                    if len(part) < COMPOUND_PART or len(unit) - len(part) < COMPOUND_PART - 1:
                        continue
                    if unit.endswith(part) and len(part) > len(head):
                        head = part
                    elif unit.startswith(part) and len(part) > len(modifier):
                        modifier = part
                parts = self._compound_parts[unit] = tuple(p for p in (modifier, head) if p)
            if not parts:
                out.append(unit)
            out.extend(parts)
        return out

    def _segmented(self, text: str, found: list[str]) -> list[str]:
        """Chinese character pairs less those that straddle a word the persona knows: in "你平时追剧吗" the
        pair "时追" overlaps "平时", a pair of hers, so it is the edge of that word and not a word of its own
        (a foreign pair that is no artifact, "追剧", stays and counts as foreign); and less the pairs of hers that
        the question's cut into her words leaves across two of them ("婆去" in "婆婆去拿": _segment_artifacts)."""
        vocab = getattr(self, "_idf", None)
        if not vocab:
            return found
        lowered = text.lower()
        artifacts = _segment_artifacts(lowered, self._pair_weights)
        out = []
        for unit in found:
            if unit in artifacts:
                continue
            if len(unit) == 2 and unit not in vocab and _CJK.match(unit):
                at = lowered.find(unit)
                left = lowered[at - 1: at + 1] if at > 0 else ""
                right = lowered[at + 1: at + 3]
                if (len(left) == 2 and left in vocab) or (len(right) == 2 and right in vocab):
                    continue
            out.append(unit)
        return out

    def idf(self, unit: str) -> float:
        return self._idf.get(unit, self._unseen_idf)

    def query(self, text: str) -> dict[str, float]:
        """The question's units, each with its weight: how specific it is to one topic (idf), less for
        verbs and adverbs."""
        light = light_units(text, self.language)
        return {u: self.idf(u) * (LIGHT_WEIGHT if u in light else 1.0) for u in self.units(text)}

    def familiarity(self, unit: str) -> float:
        """How much ``unit`` belongs to the persona (0..1): 1 for a word of a title, keyword or example, less
        for a word said in passing (by how many sentences say it), 0 for one it never uses."""
        known = self._familiarity.get(unit)
        if known is not None:
            return known
        if language_of(self.language) in _COMPOUNDING and len(unit) >= 2 * COMPOUND_PART:
            return self._compound_familiarity(unit)
        return 0.0

    def _compound_familiarity(self, unit: str) -> float:
        """A Dutch (or German) compound she never says whose head or modifier she does ("prijsverhoging" to
        someone who talks about the price): half as familiar as that part."""
        cache = self._compound_cache
        if unit not in cache:
            best = 0.0
            for part, value in self._familiarity.items():
                if (len(part) >= COMPOUND_PART and len(unit) - len(part) >= COMPOUND_PART - 1
                        and (unit.startswith(part) or unit.endswith(part))):
                    best = max(best, COMPOUND_SHARE * value)
            cache[unit] = best
        return cache[unit]

    def known_light(self, text: str) -> frozenset[str]:
        """The verbs and adverbs of ``text`` (:func:`simulator.understanding.light_units`) that the persona
        itself uses somewhere. A verb she never says is what the question is about ("Have you ever been
        skiing?", "Do you cook?"): it counts as content, like a noun, for whether the question is hers and
        whether it names anything."""
        return frozenset(u for u in light_units(text, self.language) if self.familiarity(u) > 0)

    def known_share(self, text: str, said: "frozenset[str] | set[str]" = frozenset()) -> tuple[float, int]:
        """How much of the question's content (its units less verbs and adverbs, weighted by idf) belongs to
        the persona (0..1, each unit counted by :meth:`familiarity`), and how many content units it has. A
        question whose content is foreign to what the persona talks about ("Seen any good films?", "What
        phone do you have?" to someone who once mentions her phone) is about something else, whatever one
        generic word it shares with a topic. ``said``: units of what the persona just said, fully hers."""
        verbs = light_units(text, self.language)
        light = self.known_light(text)
        generic = interview_vocabulary(self.language) - self._steering
        # Words of any customer interview ("year", "phone", "price") say less about whether a question is the
        # persona's than its own words do ("holiday", "cabinet", "pizza"), unless the author made them part of
        # how a topic is asked. A verb she never says counts, as a verb does: less than a noun.
        found = self.units(text)
        if language_of(self.language) == "zh":
            # "货一般是去哪里取的？" is not foreign for its "去哪" and "里取": a pair across two words is no word asked.
            found = _within_words(text, found, self._idf)
        content = {u: self.idf(u) * (GENERIC_WEIGHT if u in generic else 1.0) * (LIGHT_WEIGHT if u in verbs else 1.0)
                   for u in found if u not in light and not u.startswith("~")}
        total = sum(content.values())
        if not total:
            return 1.0, 0
        # A Korean word counts as hers when its first syllables are the start of a word of hers ("불편하셨어요"
        # and "불편했어요" share "~불편"): endings and honorifics differ between who asks and who answers.
        prefixes = {u[1:]: u for u in found if u.startswith("~")}

        def familiar(u: str) -> float:
            value = 1.0 if u in said else self.familiarity(u)
            prefix = prefixes.get(u[:2]) if len(u) >= 3 else None
            return max(value, self.familiarity(prefix)) if prefix else value

        # What the persona has just said is hers, however rarely her file says it ("the housing association").
        return sum(w * familiar(u) for u, w in content.items()) / total, len(content)

    def overlap(self, question: "dict[str, float] | list[str]", other: "set[str] | frozenset[str]") -> float:
        """The weighted share of the question's units found in ``other`` (0..1)."""
        if not isinstance(question, dict):
            question = {u: self.idf(u) for u in question}
        total = sum(question.values())
        if not total:
            return 0.0
        return sum(w for u, w in question.items() if u in other) / total

    def sentence(self, text: str) -> Sentence | None:
        return self._by_text.get(text)

    def topic_sentences(self, topic_id: str, layers: tuple[str, ...] = (*LAYERS, "closed")) -> list[Sentence]:
        return [s for s in self.sentences if s.topic == topic_id and s.layer in layers]

    def sentence_similarity(self, text: str, candidates: list[Sentence]) -> list[float]:
        """Cosine between ``text`` and each candidate sentence."""
        if not candidates or not text.strip():
            return [0.0] * len(candidates)
        vector = self._vector(text)
        rows = [self._sentence_row(c) for c in candidates]
        return [float(self._sentence_matrix[r] @ vector) for r in rows]

    def known_vector(self, text: str) -> np.ndarray | None:
        """The index's own embedding of ``text`` when the persona's file has that text (a line, a sentence of one,
        a title or an example), else None: no encoding."""
        return self._vectors.get(text)

    def _vector(self, text: str) -> np.ndarray:
        """The embedding of ``text``: the index's own row when the persona's file has that text (a line, a
        sentence of one, a title or an example, as embedded when the index was built), else the embedder's."""
        known = self._vectors.get(text)
        if known is not None:
            return known
        return self.embedder.encode([text])[0]

    def _sentence_row(self, sentence: Sentence) -> int:
        return self._rows[id(sentence)]

    # Scores -----------------------------------------------------------------------------------------
    def closed_similarity(self, topic_id: str, text: str) -> dict[str, float]:
        """How close ``text`` is to each of the topic's ``closed`` lines (empty if it has none)."""
        lines, matrix = self._closed.get(topic_id, ([], None))
        if not lines or not text.strip():
            return {}
        sims = matrix @ self._vector(text)
        return {line: float(sim) for line, sim in zip(lines, sims)}

    def lexical(self, question: "dict[str, float]") -> list[float]:
        """Per topic, the weighted share of the question's units (:meth:`query`) that the topic's texts hold."""
        total = sum(question.values())
        if not total:
            return [0.0] * len(self.topic_ids)
        # A question of one weak word ("finding that out") is not mostly about the topic that has it.
        total = max(total, LEXICAL_FLOOR)
        return [sum(w * weights.get(u, 0.0) for u, w in question.items()) / total for weights in self._topic_units]

    def scores(self, text: str, current: str | None = None, prior: "dict[str, float] | None" = None) -> list[TopicMatch]:
        """Every topic with its score, best first. ``prior`` adds a dialogue bonus per topic id."""
        if not text.strip():
            return []
        language = self.language
        vector = self._vector(topic_core(text, language))
        n = len(self.topic_ids)
        best = np.full(n, -1.0, dtype=np.float32)
        np.maximum.at(best, self._owners, self._matrix @ vector)
        lines = np.full(n, -1.0, dtype=np.float32)
        if len(self.sentences):
            np.maximum.at(lines, self._sentence_owners, self._sentence_matrix @ vector)
            semantic = np.maximum(best, lines - LINE_DISCOUNT)
        else:
            semantic = best
        lexical = self.lexical(self.query(text))
        lexical_weight = LANGUAGE_LEXICAL_WEIGHT.get(language_of(language), LEXICAL_WEIGHT)
        anchor = time_anchor(text, language)
        lowered = text.lower()
        out: list[TopicMatch] = []
        for i, topic_id in enumerate(self.topic_ids):
            score = float(semantic[i]) + lexical_weight * lexical[i]
            keywords = self._keywords[i]
            hit = bool(keywords) and any(_contains_keyword(lowered, k, language) for k in keywords)
            if hit:
                score += KEYWORD_BONUS
            if current is not None and topic_id == current:
                score += CURRENT_TOPIC_BONUS
            if anchor:
                score += TIME_WEIGHT * anchor * self._time[i]
            if prior:
                score += prior.get(topic_id, 0.0)
            out.append(TopicMatch(topic_id, score, float(semantic[i]), lexical[i], hit, float(best[i]), float(lines[i])))
        out.sort(key=lambda m: m.score, reverse=True)
        return out

    def support(self, question: "dict[str, float]", topic_id: str) -> set[str]:
        """The question's units (:meth:`query`) that the topic's texts hold."""
        weights = self._topic_units[self._position[topic_id]]
        return {u for u in question if u in weights}

    def product_topic(self) -> str | None:
        """The topic most about what the interview is about (the product or service): what a cold "it" or
        "them" means before anything else has been talked about.

        The ``domain`` alone is a category ("Shampoo and hair care") that a routine topic can match better
        than the product does, so the context's first sentence ("Lumeo is a mid-priced shampoo brand...")
        counts as well, and most of all the product's name (the context's first word): the topic that
        names it in its title or keywords, then the one whose examples name it most."""
        if not hasattr(self, "_product_topic"):
            persona = self.persona
            domain = (getattr(persona, "domain", "") or "").strip()
            context = (getattr(persona, "context", "") or "").strip()
            first = (sentences(context) or [""])[0] if context else ""
            totals = {tid: 0.0 for tid in self.topic_ids}
            for text in (domain, first):
                for m in self.scores(text) if text else []:
                    totals[m.topic] += m.score
            name = self.product_name()
            if name:
                for topic in persona.topics:
                    in_title = name in topic.title.lower()
                    in_keywords = any(name in k.lower() for k in topic.keywords)
                    share = sum(name in e.lower() for e in topic.examples) / max(1, len(topic.examples))
                    totals[topic.id] += PRODUCT_NAME_BONUS * ((1.0 if in_title else 0.6 if in_keywords else 0.0)
                                                              + 0.5 * share)
            self._product_topic = max(totals, key=totals.get) if any(totals.values()) else None
        return self._product_topic

    def product_name(self) -> str | None:
        """The product's name, lower case: the first word of the persona's context (:func:`_product_name`)."""
        if not hasattr(self, "_product"):
            self._product = _product_name((getattr(self.persona, "context", "") or "").strip(), self.language)
        return self._product

    def names_product(self, text: str) -> bool:
        """``text`` names what the interview is about by :meth:`product_name`: "你是不是因为邻里鲜太贵才不买的？"."""
        name = self.product_name()
        return bool(name) and name in (text or "").lower()

    def best(self, text: str, current: str | None = None, prior: "dict[str, float] | None" = None) -> TopicMatch | None:
        """The best topic if it clears the embedder's threshold, else None (nothing is invented)."""
        ranked = self.scores(text, current, prior)
        if ranked and ranked[0].score >= self.threshold:
            return ranked[0]
        return None


# The topic that names the product (title, keywords, examples) is what a cold "it" means: worth this much
# over the meaning of the domain and the context's first sentence.
PRODUCT_NAME_BONUS = 0.5


_TITLES = r"(?:(?:mr|mrs|ms|miss|dr|mevrouw|meneer|mevr|dhr)\.?\s+)?"


# Parts of a surname that are words of the sentence too ("Wouter de Graaf", "Maria van der Berg").
_NAME_PARTICLES = frozenset("de van der den ten ter te het le la du da di del della von zu bin al el".split())


def address_pattern(name: str, language: str) -> "re.Pattern[str] | None":
    """The ways a question addresses the persona by name: her full name, first name or surname ("Harold",
    "Mr Ashworth"; Korean given name with 님 or 씨, "지우님"; Chinese given name, "丽华"), matched as words; never a
    particle of a surname ("de"), and a name that is also a word ("Grace", "Will", "May") only as written, after the
    start of a sentence. None without a name."""
    name = (name or "").strip()
    if not name:
        return None
    lang = language_of(language)
    if lang in {"ko", "zh", "ja"} and " " not in name:
        # A Korean or Chinese name of three or four characters: the family name, then the given name.
        forms = [name] + ([name[1:]] if len(name) >= 3 else [])
        body = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        if lang == "ko":
            return re.compile(rf"(?:{body})(?:\s*(?:님|씨))?(?:께서는|께서|은|는|이|가|도)?(?![가-힣])")
        return re.compile(rf"(?:{body})")
    parts = [p for p in re.split(r"\s+", name) if len(p) >= 3 and p.lower() not in _NAME_PARTICLES]
    forms = sorted(dict.fromkeys([name] + parts), key=len, reverse=True)
    plain = [f for f in forms if not _is_word(f)]
    worded = [f for f in forms if _is_word(f)]
    alternatives = []
    if plain:
        alternatives.append(rf"(?i:\b{_TITLES}(?:{'|'.join(re.escape(f) for f in plain)})\b)")
    if worded:
        alternatives.append(rf"(?<=[^\s.?!]\s)(?:{'|'.join(re.escape(f) for f in worded)})\b")
    return re.compile("|".join(alternatives)) if alternatives else None


def _is_word(name: str) -> bool:
    """A one-word name that is also an English word ("Grace", "Will", "May"): lemminflect knows it as a noun or verb."""
    from . import nlp

    low = name.lower()
    return " " not in name and (nlp.is_noun(low) or nlp.verb_lemma(low) is not None)


def _product_name(context: str, language: str) -> str | None:
    """The product's name as the persona's context introduces it: its first word ("Lumeo is a ...",
    "모아뱅크는 ...", "邻里鲜是一个 ..."), lower case; None when that word is an ordinary one ("The ...")."""
    lang = language_of(language)
    text = (context or "").strip()
    if not text:
        return None
    if lang in {"zh", "ja"}:
        cut = re.split(r"[是：:，,（(\s]", text, maxsplit=1)[0]
        return cut.lower() if 1 < len(cut) <= 8 else None
    word = re.split(r"\s+", text, maxsplit=1)[0].strip(".,:;!?\"'()")
    if lang == "ko":
        word = tokens(word, "ko")[0] if tokens(word, "ko") else ""
        return word.lower() if len(word) >= 2 else None
    if not word[:1].isupper() or word.lower() in {"the", "a", "an", "de", "het", "een", "this", "our"}:
        return None
    return word.lower() if len(word) >= 3 else None


_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


_JIEBA: "object | None | bool" = False  # not tried yet; None: not installed
_JIEBA_LOCK = threading.Lock()


def _chinese_words(text: str) -> "list[str] | None":
    """The words of a Chinese text as jieba cuts it (its dictionary ships in the package); None without jieba.
    Loaded on first use (about 0.7 s, once per process)."""
    global _JIEBA
    if _JIEBA is False:
        with _JIEBA_LOCK:
            if _JIEBA is False:
                try:
                    import jieba

                    jieba.setLogLevel(logging.WARNING)
                    jieba.initialize()
                    _JIEBA = jieba
                except Exception:  # noqa: BLE001 - not installed or its dictionary unreadable: pairs as before
                    _JIEBA = None
    if _JIEBA is None:
        return None
    return [w for w in _JIEBA.lcut(text) if w.strip()]


def _within_words(text: str, found: list[str], vocab: "dict[str, float]") -> list[str]:
    """The Chinese units of ``found`` less the character pairs that are no word: a pair the persona never says that
    is inside no word of two or more characters as jieba cuts ``text`` ("去哪" and "里取" in "去哪里取", "还留" in
    "还留着"). Those are edges of words, not things asked about; a pair inside a word stays ("追剧", "价格"). All of
    ``found`` without jieba."""
    words = _chinese_words(text.lower())
    if words is None:
        return found
    in_words = [w for w in words if len(w) >= 2]
    return [u for u in found if not (len(u) == 2 and u not in vocab and _CJK.match(u)
                                     and not any(u in word for word in in_words))]


def _segment_artifacts(text: str, vocab: "dict[str, float]") -> frozenset[str]:
    """The pairs of hers in a Chinese text that are the edges of two words of hers, not a word: "婆婆去拿" read
    as her words is "婆婆" + "去拿", and "婆去" (which her "婆婆去学校" also has) is no word of the question.
    Each run of characters is cut into the pairs of hers that do not overlap and weigh most (``vocab``: a pair's
    weight, how often she says it; dynamic programming, the earlier cut on a tie); a pair of hers found in the run
    only across such cuts is an artifact."""
    chosen: set[str] = set()
    seen: set[str] = set()
    for run in _HAN_RUN.findall(text):
        n = len(run)
        if n < 3:
            continue
        best = [0.0] * (n + 2)
        take = [False] * (n + 1)
        for i in range(n - 2, -1, -1):
            weight = vocab.get(run[i: i + 2], 0.0)
            skip = best[i + 1]
            use = weight + best[i + 2]
            take[i] = weight > 0 and use >= skip
            best[i] = max(use, skip)
        i = 0
        while i < n - 1:
            if take[i]:
                chosen.add(run[i: i + 2])
                i += 2
            else:
                i += 1
        seen.update(run[i: i + 2] for i in range(n - 1) if run[i: i + 2] in vocab)
    return frozenset(seen - chosen)


_NL_VOWELS = frozenset("aeiou")


def _nl_key(unit: str) -> str:
    """What the Dutch stems of one word's forms share: without a final t, d or s (the verb ending and the plural
    the stemmer leaves on one form and takes off another: "kost"/"kos", "fiets"/"fiet"), a doubled final consonant
    single ("pakk" -> "pak") and a long vowel before the final consonant short ("koop" -> "kop", "betaal" ->
    "betal"), as the spelling of the other forms has them."""
    key = unit
    while len(key) > 3 and key[-1] in "tds":
        key = key[:-1]
    if len(key) > 3 and key[-1] == key[-2] and key[-1] not in _NL_VOWELS:
        key = key[:-1]
    if len(key) > 3 and key[-1] not in _NL_VOWELS and key[-2] == key[-3] and key[-2] in _NL_VOWELS:
        key = key[:-2] + key[-1]
    return key


# Languages that glue words into compounds and inflect by adding to the end: a keyword of four letters
# or more also matches at the start of a word ("ketting" in "kettingbreuk", "kapot" in "kapotging").
_COMPOUNDING = frozenset({"nl", "de"})


def _contains_keyword(lowered: str, keyword: str, language: str = "en") -> bool:
    # Multi-word or hyphenated keywords ("managed out", "part-time") and scripts without spaces
    # (Chinese, Japanese) match as substrings, and so does Korean, whose particles and endings are
    # glued on ("모임통장" in "모임통장이요?", "모임통장은"); word boundaries keep "van" out of "vanilla".
    if _CJK.search(keyword):
        return keyword in lowered
    # Each place the keyword occurs, with a look at the characters around it (a regex per keyword would be
    # the same test, but compiling its Unicode class costs ~15 ms a keyword on the first questions).
    open_end = len(keyword) >= 4 and language_of(language) in _COMPOUNDING
    at = lowered.find(keyword)
    while at != -1:
        after = at + len(keyword)
        if not (at and _WORD_CHAR.match(lowered, at - 1)) and (
                open_end or after >= len(lowered) or not _WORD_CHAR.match(lowered, after)):
            return True
        at = lowered.find(keyword, at + 1)
    return False


# One letter or digit of a script with spaces between words (not Chinese, Japanese or Korean).
_WORD_CHAR = re.compile(_NON_CJK_WORD)


def keyword_hits(text: str, keywords: "set[str] | list[str]", language: str = "en") -> set[str]:
    """The keywords (lower case) that occur in ``text`` as words or phrases (see ``_contains_keyword``)."""
    lowered = (text or "").lower()
    return {k.lower() for k in keywords if _contains_keyword(lowered, k.lower(), language)}
