"""Reply guards: reject a generated reply that breaks character, adds facts, drifts or runs long.

Every reply a language model writes is checked against the :class:`ReplyRequest` it answers; a
rejected reply is replaced by the authored text (``Engine(guard=ReplyGuard(embedder))``). The
checks run cheapest first and the first failure is the reason, a short code with detail:

``ai_mention: 'language model'``
    The reply talks about being an AI, an assistant, a model or a chatbot, about its training or
    role-play, or talks like an assistant ("I'm unable to assist", "how can I help you"). A term that the chosen content itself uses is allowed (a persona may talk about
    an app's "AI assistant").
``third_person: 'Maria'``
    The reply leaves the first person. Heuristics, English pronouns only:
    (1) it uses a part of the persona's name that the content does not, except in a
    self-introduction ("I'm Maria"); (2) it says "the customer", "the interviewee", "the
    interviewer", "the persona", "the user", "the character" or "the client" where the content does
    not (narrating the scene instead of speaking in it); (3) a sentence starts
    with "She" or "He" and the content has neither word; (4) the content speaks in the first person
    but the reply has no "I/me/my/we/our…" and uses "you" or "she/he" instead (the model speaks
    *about* the persona, or *to* it).
``new_number: 12``
    A number in the reply is not in the content: digits ("12", "7.99", "5:10" is 5 and 10) and
    English number words ("twelve", "forty-eight", "a hundred and twelve" = 100, 12 and 112,
    "twice", "dozen"). "one" alone is not counted (it is mostly a pronoun), nor are ordinals or
    "half". A number written either way matches ("three" = "3").
``new_name: Carla``
    A capitalised word that does not start a sentence and appears nowhere in the content, the
    recent turns or the persona's name (names, places, brands, days and months are all new
    facts). A name that opens a sentence is not caught: nothing tells it from any other first word.
``too_long: 140 > 90``
    More whitespace-separated words than ``request.max_words``.
``drift: 0.31 < 0.45`` / ``drift: sentence 0.12 < 0.30 ('My husband and I…')``
    The cosine similarity between the reply and the content, with the engine's embedder, is below
    the threshold: the reply says something else. Then sentence by sentence: each reply sentence
    of four words or more must be close to some sentence of the content (or to all of it), which
    catches a faithful reply with an invented sentence added ("… I also have a dog called Rex").
    Strict by design: a remark the content does not hold ("You know how it is.", "I felt like a
    bad mother.") is rejected too, since it may be a guess at a layer the trainee has not earned.

Drift threshold, measured on ``tests/data/drift_pairs.jsonl`` (content lines from the shipped
personas; paraphrases written as a good model would; summaries that keep only part of the content;
off-topic replies taken from *another topic of the same persona*, the realistic drift; generic
chatter). ``python benchmarks/measure_drift.py`` prints these numbers:

==========  ====  ======  ======  ======
MiniLM       n     min    median   max
==========  ====  ======  ======  ======
paraphrase   30    0.73    0.88    0.99
summary       7    0.53    0.60    0.73
off_topic    22    0.03    0.19    0.58
generic       6    0.03    0.07    0.38
==========  ====  ======  ======  ======

So 0.45 for MiniLM: every paraphrase and summary passes, every generic reply and 21 of 22
off-topic replies are rejected (the one that passes, 0.58, is a neighbouring story of the same
persona). A one-word reply to a long line ("Yes.") scores about 0.35 and is rejected: the
authored line is the better answer there anyway.

Per sentence (the least similar reply sentence, against its best content sentence), with
"padded" replies = each paraphrase and summary plus one invented sentence (six kinds: a beach
holiday, a dog, "I'm happy to help you with your story"…), MiniLM:

==========  ====  ======  ======  ======
sentence     n     min    median   max
==========  ====  ======  ======  ======
paraphrase   30    0.34    0.81    1.00
summary       7    0.53    0.65    0.75
padded      222   -0.02    0.13    0.58
==========  ====  ======  ======  ======

0.30 passes every paraphrase and summary and catches 214 of 222 padded replies (96 %).

The hashing fake knows no synonyms (paraphrases 0.44–1.0, off-topic at most 0.33; per sentence
paraphrases from 0.35, 204 of 222 padded replies below 0.20), so its thresholds are 0.35 and 0.20; any other
embedder uses its ``drift_threshold`` attribute, or its ``match_threshold`` (whole reply only).

The guard is pure (no state beyond its settings) and thread-safe if its embedder is.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy as np

from .backends import ReplyRequest
from .embeddings import Embedder

__all__ = ["ReplyGuard", "DRIFT_THRESHOLDS", "SENTENCE_THRESHOLDS", "numbers_in"]

DRIFT_THRESHOLDS = {"minilm": 0.45, "hashing": 0.35}
SENTENCE_THRESHOLDS = {"minilm": 0.30, "hashing": 0.20}
_SPLIT_SENTENCES = re.compile(r"(?<=[.!?…])\s+")

_AI_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bas an? (?:ai|a\.i\.|artificial intelligence|language model|assistant|chat ?bot|bot|llm|model)\b",
        r"\b(?:large )?language models?\b",
        r"\bllms?\b",
        r"\bartificial intelligence\b",
        r"\bchat ?bots?\b",
        r"\bchat ?gpt\b|\bopenai\b|\bgpt-?\d\b",
        r"\b(?:ai|virtual|digital|helpful) assistant\b",
        r"\bi(?:'m|’m| am) (?:just |only |merely |a |an |the |your |helpful |virtual )*"
        r"(?:assistant|bot|robot|program|machine|computer|model|simulation)\b",
        r"\bmy (?:training(?: data)?|programming|knowledge cut-?off)\b",
        r"\b(?:i was|i've been|i have been|i'm|i am) (?:trained|programmed)\b",
        r"\bi (?:don't|do not|can't|cannot) have (?:any )?(?:personal )?"
        r"(?:experiences|feelings|opinions|emotions|a body|preferences)\b",
        r"\brole-?play(?:ing)?\b|\bin character\b|\bout of character\b|\bthis simulation\b",
        # Assistant talk: the model answering as a helper, not as the customer.
        r"\b(?:i'm|i am) (?:unable|not able) to (?:assist|provide|fulfil|fulfill|comply)\b",
        r"\b(?:can't|cannot|can not) (?:assist|help) with (?:that|this|the|your) request\b",
        r"\brequested (?:text|information|content)\b",
        r"\bhow (?:can|may) i (?:assist|help) you\b",
    )
]
# "AI" in capitals, alone: case matters, or "ai" inside other words' spellings would match.
_AI_WORD = re.compile(r"\bA\.?I\b\.?")

_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll|me|my|mine|myself|we|we're|we’re|we've|we'd|we'll|"
    r"us|our|ours|ourselves)\b",
    re.IGNORECASE,
)
_OTHER_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you’re|she|he|her|his|him|she's|he's)\b",
                           re.IGNORECASE)
_SHE_HE = re.compile(r"\b(?:she|he)\b", re.IGNORECASE)
_ROLE_WORDS = re.compile(r"\bthe (?:customer|interviewee|interviewer|persona|user|character|client)\b",
                         re.IGNORECASE)
# "I'm Maria", "my name is Maria Lindqvist": a self-introduction, not the third person.
_SELF_INTRO = re.compile(r"(?:\b[Ii]'m|\b[Ii]’m|\b[Ii] am|\b[Mm]y name is|\b[Mm]y name's|\b[Ii]t's|\b[Ii]t’s|"
                         r"\b[Cc]all me)\s+(?:[A-Z][\w\-]*\s+)*$")
_SENTENCE_END = set(".!?…:;\"“”‘'(\n[—")

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_SPECIAL = {"twice": 2, "thrice": 3, "dozen": 12, "dozens": 12}
_NUMBER_WORD = re.compile(
    r"\b(?:(?:" + "|".join(_TENS) + r")(?:[-\s](?:" + "|".join(k for k in _UNITS if _UNITS[k] < 10) + r"))?"
    r"|" + "|".join(sorted(list(_UNITS) + list(_SCALES) + list(_SPECIAL), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")


def _word_value(word: str) -> int:
    word = word.lower()
    parts = re.split(r"[-\s]", word)
    if len(parts) == 2:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return _UNITS.get(word) or _TENS.get(word) or _SCALES.get(word) or _SPECIAL.get(word, 0)


def _number_phrases(text: str) -> list[tuple[str, set[float]]]:
    """Each number in ``text`` as (how it is written, the values it may stand for)."""
    out: list[tuple[str, set[float]]] = []
    for match in _DIGITS.finditer(text):
        raw = match.group()
        # "1,000" is a thousand; "3.5" three and a half.
        cleaned = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw) else raw.replace(",", ".")
        try:
            out.append((raw, {float(cleaned)}))
        except ValueError:  # "1.2.3": each part on its own
            out.append((raw, {float(p) for p in re.findall(r"\d+", raw)}))
    # Runs of number words ("a hundred and twelve", "seven ninety-nine") are read both as one
    # number and word by word, since "seven ninety-nine" is a price, not 106.
    words = list(_NUMBER_WORD.finditer(text))
    i = 0
    while i < len(words):
        run = [words[i]]
        while i + 1 < len(words) and re.fullmatch(r"[\s-]+(?:and\s+|a\s+)?", text[run[-1].end():words[i + 1].start()]):
            i += 1
            run.append(words[i])
        i += 1
        phrase = text[run[0].start():run[-1].end()]
        if len(run) == 1 and run[0].group().lower() == "one":
            continue
        values = {float(_word_value(m.group())) for m in run}
        total, current = 0, 0
        for m in run:
            value = _word_value(m.group())
            if value >= 100:
                current = max(current, 1) * value
                if value >= 1000:
                    total, current = total + current, 0
            else:
                current += value
        values.add(float(total + current))
        out.append((phrase, values))
    return out


def numbers_in(text: str) -> set[float]:
    """Every value a number in ``text`` may stand for."""
    values: set[float] = set()
    for _, vals in _number_phrases(text):
        values |= vals
    return values


def _words(texts: Iterable[str]) -> set[str]:
    return {w.lower().strip("'’-") for text in texts for w in _TOKEN.findall(text or "")}


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END


class ReplyGuard:
    """Checks a generated reply against its request: ``guard(request, text) -> reason | None``.

    ``drift_threshold`` and ``sentence_threshold`` override the measured defaults for the embedder
    (see the module docstring); a ``sentence_threshold`` of None skips the per-sentence check.
    """

    def __init__(self, embedder: Embedder, *, drift_threshold: float | None = None,
                 sentence_threshold: float | None = None) -> None:
        self.embedder = embedder
        name = getattr(embedder, "name", "")
        if drift_threshold is None:
            drift_threshold = DRIFT_THRESHOLDS.get(name)
        if drift_threshold is None:
            drift_threshold = getattr(embedder, "drift_threshold", None) or embedder.match_threshold
        self.drift_threshold = float(drift_threshold)
        if sentence_threshold is None:
            sentence_threshold = SENTENCE_THRESHOLDS.get(name)
        self.sentence_threshold = None if sentence_threshold is None else float(sentence_threshold)

    def __call__(self, request: ReplyRequest, text: str) -> str | None:
        for check in (self.ai_mention, self.third_person, self.new_number, self.new_name, self.too_long,
                      self.drift):
            reason = check(request, text)
            if reason is not None:
                return reason
        return None

    def all_reasons(self, request: ReplyRequest, text: str) -> list[str]:
        """Every check that fails, not just the first (for reports and benchmarks)."""
        checks = (self.ai_mention, self.third_person, self.new_number, self.new_name, self.too_long, self.drift)
        return [r for r in (check(request, text) for check in checks) if r is not None]

    # The checks, one per reason --------------------------------------------------------------
    @staticmethod
    def ai_mention(request: ReplyRequest, text: str) -> str | None:
        content = request.content.lower()
        for pattern in _AI_PATTERNS:
            for match in pattern.finditer(text):
                if match.group().lower() not in content:
                    return f"ai_mention: {match.group().lower()!r}"
        for match in _AI_WORD.finditer(text):
            if not _AI_WORD.search(request.content):
                return f"ai_mention: {match.group()!r}"
        return None

    @staticmethod
    def third_person(request: ReplyRequest, text: str) -> str | None:
        content = request.content
        for part in (p for p in re.split(r"[\s\-]+", request.persona_name) if len(p) >= 2):
            if re.search(rf"\b{re.escape(part)}\b", content):
                continue
            for match in re.finditer(rf"\b{re.escape(part)}\b", text):
                if not _SELF_INTRO.search(text[:match.start()]):
                    return f"third_person: {part!r}"
        for match in _ROLE_WORDS.finditer(text):
            if match.group().lower() not in content.lower():
                return f"third_person: {match.group().lower()!r}"
        if not request.language.lower().startswith("en"):
            return None
        if not _SHE_HE.search(content):
            for match in re.finditer(r"\b(?:She|He)\b", text):
                if _sentence_initial(text, match.start()):
                    return f"third_person: {match.group()!r}"
        if _FIRST_PERSON.search(content) and not _FIRST_PERSON.search(text):
            other = _OTHER_PERSON.search(text)
            if other:
                return f"third_person: no 'I', uses {other.group().lower()!r}"
        return None

    @staticmethod
    def new_number(request: ReplyRequest, text: str) -> str | None:
        allowed = numbers_in(request.content)
        for phrase, values in _number_phrases(text):
            if not values & allowed:
                return f"new_number: {phrase}"
        return None

    @staticmethod
    def new_name(request: ReplyRequest, text: str) -> str | None:
        known = _words([request.content, request.persona_name, *(t for _, t in request.recent)]) | {"i", "ok"}
        for match in _TOKEN.finditer(text):
            token = match.group()
            if not token[0].isupper() or _sentence_initial(text, match.start()):
                continue
            base = re.split(r"['’]", token)[0]
            if base == "I" or token.lower().strip("'’-") in known or base.lower() in known:
                continue
            return f"new_name: {token}"
        return None

    @staticmethod
    def too_long(request: ReplyRequest, text: str) -> str | None:
        words = len(text.split())
        return f"too_long: {words} > {request.max_words}" if words > request.max_words else None

    def drift(self, request: ReplyRequest, text: str) -> str | None:
        vectors = self.embedder.encode([text, request.content])
        similarity = float(np.dot(vectors[0], vectors[1]))
        if similarity < self.drift_threshold:
            return f"drift: {similarity:.2f} < {self.drift_threshold:.2f}"
        if self.sentence_threshold is None:
            return None
        sentences = [s for s in _SPLIT_SENTENCES.split(text.strip()) if len(s.split()) >= 4]
        if not sentences:
            return None
        targets = [s for s in _SPLIT_SENTENCES.split(request.content.strip()) if s] + [request.content]
        said = self.embedder.encode(sentences)
        allowed = self.embedder.encode(targets)
        best = (said @ allowed.T).max(axis=1)
        worst = int(np.argmin(best))
        if best[worst] < self.sentence_threshold:
            sentence = sentences[worst]
            shown = sentence if len(sentence) <= 40 else sentence[:39] + "…"
            return f"drift: sentence {best[worst]:.2f} < {self.sentence_threshold:.2f} ({shown!r})"
        return None
