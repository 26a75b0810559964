"""Suggested rewrites for closed, leading and hypothetical questions that keep the trainee's topic.

    suggest_rewrite("Did you like our product?", "closed", [])
    -> "Can you describe your experience with our product?"

Rewrites are templates over the question's form (no model): each recognises one shape of
question, pulls out its topic and puts it into an open question about real, past experience.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from functools import lru_cache
from typing import Callable, Iterable

from . import parse_batch
from .labels import Flag, Label
from .parse_batch import parse_ahead
from .rules import (OPEN_HEDGE, OPTION_THEN_YES_NO, STOPWORDS, TRAILING_OFFER, Form, analyse, focus_alone,
                    restore_apostrophes, strip_markers)
from simulator import nlp

logger = logging.getLogger(__name__)

__all__ = ["suggest_rewrite", "suggest_rewrites", "past", "gerund", "SILENCE_ALTERNATIVE"]

# The turn being rewritten (per thread: a batch rewrites its turns in worker threads): ``along`` holds the texts it
# will parse later (the customer's words its echo reads), parsed in the same call as its first parse; ``focus`` is
# (text, the focus of the text read alone) when the turn's form shows it (else None: _question_clause reads it).
_turn = threading.local()


def _parse(text: str):
    """The parse of ``text`` (:func:`scoring.parse_batch.parse`), with the turn's ``along`` texts parsed in the
    same call when ``text`` is not parsed yet."""
    return parse_batch.parse(text, getattr(_turn, "along", ()))


# A parse's noun chunks, found once: several checks of one rewrite walk them (spaCy finds them again on each walk).
# Keyed by the parse itself (a Doc hashes by identity; its chunks refer to it, so a weak key would never go): the
# latest _CHUNKS_LIMIT parses' chunks are kept.
_CHUNKS: dict = {}
_CHUNKS_LIMIT = 4096


def _noun_chunks(doc) -> tuple:
    """``tuple(doc.noun_chunks)``, found once per parse (parses are read-only)."""
    chunks = _CHUNKS.get(doc)
    if chunks is None:
        chunks = tuple(doc.noun_chunks)
        if len(_CHUNKS) >= _CHUNKS_LIMIT:
            _CHUNKS.clear()
        _CHUNKS[doc] = chunks
    return chunks


def _echo_along(previous: str | None) -> tuple[str, ...]:
    """What the echo of ``previous`` will parse (nothing when the echo needs no parse): a turn that parses anything
    for its main rewrite nearly always has one and then makes the echo (on the development sets, every one did),
    and one call for both texts costs about two thirds of two calls. (The rewrite built on the customer's words,
    :mod:`scoring.grounded`, reads the same text, when it is needed.)"""
    if not previous or not previous.strip() or not _parser_loaded():
        return ()
    try:
        echo = _echo_alternative(previous)
        return (_echo_text(previous),) if echo and echo.endswith("?") else ()
    except Exception:  # noqa: BLE001 - only a saving: the echo parses what it needs itself
        return ()


_IRREGULAR_PAST = {
    "be": "were", "buy": "bought", "pay": "paid", "go": "went", "get": "got", "take": "took", "make": "made",
    "do": "did", "have": "had", "find": "found", "give": "gave", "leave": "left", "keep": "kept",
    "send": "sent", "spend": "spent", "sell": "sold", "tell": "told", "think": "thought", "feel": "felt",
    "come": "came", "choose": "chose", "drive": "drove", "eat": "ate", "read": "read", "run": "ran",
    "see": "saw", "sign": "signed", "put": "put", "set": "set", "cut": "cut", "quit": "quit", "bring": "brought",
    "stand": "stood", "win": "won", "lose": "lost", "begin": "began", "ride": "rode", "write": "wrote",
    "fly": "flew", "hear": "heard", "know": "knew", "meet": "met", "pick": "picked", "say": "said",
    "wear": "wore", "catch": "caught", "teach": "taught", "forget": "forgot", "understand": "understood",
}
_PAST_TO_BASE = {v: k for k, v in _IRREGULAR_PAST.items()}
_PAST_TO_BASE.update({"were": "be", "was": "be"})
_DOUBLE_FINAL = {"stop", "plan", "shop", "drop", "swap", "chat", "skip", "ship", "top", "log", "jog", "prefer",
                 "refer", "admit", "commit", "regret", "travel", "cancel", "label", "signal", "model"}
_DOUBLE_GERUND = {"get", "put", "set", "sit", "run", "cut", "win", "begin", "forget", "hit", "let", "swim", "dig"}


# lemminflect copies its tables on every look-up (~0.2 ms): the same words come back turn after turn, so the rewrites
# keep their answers.
@lru_cache(maxsize=16384)
def _verb_lemma(word: str) -> str | None:
    return nlp.verb_lemma(word)


@lru_cache(maxsize=16384)
def _is_noun(word: str) -> bool:
    return nlp.is_noun(word)


@lru_cache(maxsize=16384)
def _inflect(word: str, tag: str) -> str | None:
    return nlp.inflect(word, tag)


def _lemminflect_base(verb: str) -> str | None:
    try:
        from simulator.nlp import lemminflect

        getLemma = lemminflect().getLemma
    except ImportError:  # pragma: no cover - lemminflect ships with the project
        return None
    found = getLemma(verb, upos="VERB")
    return found[0].lower() if found else None


def base(verb: str) -> str:
    """A verb's base form from any of its forms ("came", "come", "stopped", "moving" -> "come", "come", "stop",
    "move")."""
    verb = verb.lower()
    if verb.endswith("ing") and len(verb) > 5:
        found = _verb_lemma(verb)
        if found and found != verb:
            return found
    if verb in _PAST_TO_BASE:
        return _PAST_TO_BASE[verb]
    if verb.endswith(("ed", "en", "ne", "ught", "ung", "ank", "ode", "ove", "ook", "ew", "ame", "ept", "ent")):
        found = _lemminflect_base(verb)
        if found and found != verb:
            return found
    if verb.endswith("ied") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith("ed") and len(verb) > 4:
        stem = verb[:-2]
        if len(stem) > 2 and stem[-1] == stem[-2] and (stem[-1] != "l" or stem[:-1] in _DOUBLE_FINAL):
            return stem[:-1]  # stopped -> stop, cancelled -> cancel (but called -> call)
        if stem.endswith(("v", "c", "z", "ng", "us", "at", "id", "ut", "ur", "ar", "ok")) and not stem.endswith(
                ("ear", "ook", "oar")):
            return stem + "e"  # moved, noticed, changed, used, created, decided
        return stem
    found = _verb_lemma(verb)  # any other form the dictionary knows: "flown" -> "fly", "rang" -> "ring"
    return found if found else verb


def past(verb: str) -> str:
    verb = base(verb)
    if verb in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[verb]
    form = _inflect(verb, "VBD")
    if form:
        return form
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if verb in _DOUBLE_FINAL:
        return verb + verb[-1] + "ed"
    return verb + "ed"


def gerund(verb: str) -> str:
    verb = base(verb)
    if verb == "be":
        return "being"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if (verb in _DOUBLE_FINAL or verb in _DOUBLE_GERUND) and verb not in ("travel", "cancel", "label", "signal", "model"):
        return verb + verb[-1] + "ing"
    return verb + "ing"


# ---------------------------------------------------------------------------------------------
# Topics: the noun phrase a question is about, kept in the trainee's own words (and casing).

_DETERMINERS = {"the", "your", "our", "their", "his", "her", "this", "that", "these", "those", "a", "an", "my",
                "its", "any", "some", "most", "many", "all", "every", "each"}
_NP_STOP = set("""
is are was were be been being am 's 're do does did have has had can could will would should shall may might must
to of in on at for with from by about into over under after before since until through during than as like
that who which whose whom when where why how what if because so and or but not no
really always never just still also even actually usually often too very quite pretty much more less
keep keeps kept love loves loved like likes liked hate hates hated make makes made take takes get gets got need
needs want wants seem seems look looks smell smells feel feels work works cost costs help helps save saves
know knows use uses used go goes went come comes send sends give gives let lets show shows tell tells
matters matter means depends happens takes ever never already finally
nobody nothing everyone everybody everything anyone anybody anything someone somebody something noone
once while although unless whereas whether
""".split())
# Noun phrases too vague to name as a topic ("Can you tell me more about the case?").
_VAGUE_NP = {"the case", "the end", "the one", "the same", "the first time", "the way", "the thing", "the time", "the last time",
             "the other", "the first", "the second"}
_QUANTIFIERS = {"most", "many", "all", "every", "each", "some", "any"}
_PRONOUN_OBJECTS = {"it", "this", "that", "them", "one", "something", "those", "these"}
_ADVERB = (r"(?:usually|normally|mostly|ever|still|often|really|actually|just|also|even|typically|generally|"
           r"always|sometimes|currently|already|ever\s+actually|probably|definitely|never|regularly|basically|only|"
           r"simply|kind\s+of|sort\s+of)")

_PRICE = re.compile(
    r"(?<!\w)(?:for\s+)?(?:[€$£]\s?\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s?(?:euros?|dollars?|pounds?|quid|bucks)|"
    r"(?:ten|five|twenty|fifty|a\s+hundred)\s+(?:euros?|dollars?|pounds?)|extra)"
    r"(?:\s+(?:a|per)\s+(?:month|year|week))?(?:\s+for\s+(?:it|this|that))?",
    re.IGNORECASE,
)
_TRAILING_NOISE = re.compile(
    r"(?:\s*,?\s*\b(?:instead|again|back|anymore|any more|at all|every day|daily|regularly|often|a lot|usually|"
    r"normally|ever|still|now|these days|really|(?<!night )(?<!day )(?<!week )(?<!month )(?<!year )before|recently|"
    r"lately|more|less|as well|too|yet|then|altogether|loads|or not|or|either|anyway|by then|"
    r"to a friend|to friends|to others|to someone|on their own|first)\b)+\s*$",
    re.IGNORECASE,
)
_LEADING_NOISE = re.compile(r"^(?:ever|still|actually|really|usually|normally|also|just|even|only|basically)\s+", re.IGNORECASE)


_INDIRECT_OBJECT = re.compile(r"^(?:you|them|us|me|him|her|people|customers)\s+(?=(?:a|an|the|some|any|more|your|their|our|"
                              r"free|\d|one|two|three|ten|half)\b)", re.IGNORECASE)
_TRAILING_COMPARATIVE = re.compile(r"\s+(?:better|more|less|most|least|worse|best|instead|anymore|any\s+more|"
                                   r"than\s+\w+(?:\s+\w+)?)\s*$", re.IGNORECASE)


def _tidy(phrase: str) -> str:
    """A phrase without prices, trailing conditions ('if', 'because'...) and frequency words."""
    phrase = _INDIRECT_OBJECT.sub("", (phrase or "").strip())
    phrase = _TRAILING_COMPARATIVE.sub("", phrase)
    phrase = _PRICE.sub("", phrase or "")
    phrase = re.split(r"\s*(?:,|\bif\b|\bwhen\b|\bbecause\b|\bso that\b|(?<!night )(?<!day )\bbefore\b|\bafter\b|\buntil\b|\bsince\b|"
                      r"\binstead of\b)\s*",
                      phrase, maxsplit=1, flags=re.IGNORECASE)[0]
    for _ in range(2):
        phrase = _TRAILING_NOISE.sub("", phrase)
        phrase = _LEADING_NOISE.sub("", phrase.strip())
    return re.sub(r"\s+", " ", phrase).strip(" ,.?!")


def _for_yourself(phrase: str) -> str:
    """"to pack everything for you" in a question to "you": the "for you" goes ("… when you need to pack everything?")."""
    return re.sub(r"\s+for\s+you\b(?=\s*$)", "", phrase, flags=re.IGNORECASE)


def _object(phrase: str, fallback: str = "something like this") -> str:
    phrase = _tidy(phrase)
    if not phrase or phrase.lower() in _PRONOUN_OBJECTS:
        return fallback
    return phrase


# Words said of a thing after it, not part of its name ("your son okay", "the van late now").
_PREDICATE_WORDS = frozenset("okay ok alright fine good well right now then still again too altogether loads".split())


def _np_at(words: list[str], start: int) -> str | None:
    """The noun phrase starting at ``words[start]`` (a determiner), cut before the first verb or preposition."""
    out = [words[start]]
    for word in words[start + 1:start + 7]:
        bare = word.lower().strip(",.?!")
        # Stop before a verb, a preposition, a second determiner, or after a plural head noun.
        if bare in _NP_STOP or (bare in _DETERMINERS and len(out) > 1):
            break
        if len(out) > 1 and out[-1].lower().endswith("s") and not out[-1].lower().endswith(("ss", "'s", "us")):
            break
        out.append(word.strip(",.?!"))
        if word.endswith((",", ".", "?", "!")):
            break
    # "Is your son okay?", "Is the allotment waiting list long?": what is said of the thing after it is no part of it
    # (an English noun phrase ends on its noun).
    while len(out) > 2 and (out[-1].lower() in _PREDICATE_WORDS
                            or (_is_adjective(out[-1].lower()) and not _is_noun(out[-1].lower()))):
        out.pop()
    if len(out) < 2:
        return None
    if out[0].lower() in _QUANTIFIERS:
        out = out[1:]
    np = " ".join(out)
    for vague in _VAGUE_NP:
        if np.lower() == vague or np.lower().startswith(vague + " "):
            return None
    return np


def _subject(clause: str) -> str | None:
    """The subject of a statement-shaped clause when it is a noun phrase ("the delivery slots are...")."""
    # "the app's pretty slow": 's is "is" here, not a possessive.
    clause = re.sub(r"(\w)'s\s+(?=(?:pretty|so|too|really|very|quite|a\s+bit|kind\s+of|always|never|just|not|way)\b)",
                    r"\1 is ", clause or "", flags=re.IGNORECASE)
    words = _tidy(clause).split()
    if not words:
        return None
    if words[0].lower() in _DETERMINERS:
        return _np_at(words, 0)
    # A bare noun or gerund subject: "delivery is too slow", "chasing late payments must be...".
    for i, word in enumerate(words[:4]):
        if word.lower() in _NP_STOP:
            if i == 0 or words[0].lower() in ("it", "that", "this", "there", "you", "i", "we", "they", "he", "she"):
                return None
            return " ".join(words[:i])
    return None


def _choice_rewrite(m: re.Match[str]) -> str:
    """"Do you <verb> A or B?": between two things, how they decide ("How do you decide between the bus and the
    train?"); a thing and then the options for it ("Do you save those photos anywhere special or on your phone?"),
    how they do it to the thing ("How do you save those photos?"); the thing or another doing ("Did you put it in
    the bank or leave it?"), what they did with it; options alone, what decides."""
    verb, a, b = m.group("verb"), m.group("a"), m.group("b")
    a_words, b_words = a.split(), b.split()
    did = m.group(0).lower().startswith("did")
    if a_words[0].lower() in _DETERMINERS:
        np = _np_at(a_words, 0)
        after = a_words[len(np.split()):] if np and a.lower().startswith(np.lower()) else None
        b_first = b_words[0].lower() if b_words else ""
        if np and after is not None and b_first not in _DETERMINERS:
            if _verb_lemma(b_first) == b_first and b_first not in _PREPOSITIONS and not _is_noun(b_first):
                return f"What {'did' if did else 'do'} you do with {np}?"  # "… or leave it?"
            if after:
                return f"How {'did' if did else 'do'} you {verb} {np}?"  # the options were said of the thing
        if not after or b_first in _DETERMINERS:
            return f"How do you decide between {_tidy(a)} and {_tidy(b)}?"
    return f"What decides whether you {verb} {a} or {b}?"


def _first_np(text: str) -> str | None:
    words = text.split()
    for i, word in enumerate(words):
        if word.lower() in _DETERMINERS - _QUANTIFIERS - {"that", "this", "these", "those"}:
            np = _np_at(words, i)
            if np:
                return np
    return None


def _cap(text: str) -> str:
    text = _how_not_the_way(re.sub(r"\s+", " ", text).strip())
    if re.search(r"\bthan\b", text) and not re.search(r"\b(?:more|less|rather|other|better|worse|fewer|\w+er)\s+"
                                                       r"(?:\w+\s+){0,4}?than\b", text, re.IGNORECASE):
        # "… having a real person on the phone than a chatbot?": the comparison lost its comparative.
        text = re.sub(r"\s+than\s+[^?.!]*(?=[?.!]?$)", "", text)
    text = re.sub(r"\s+([?.,])", r"\1", text)
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    """'Did you…' -> 'did you…', but keep 'I', 'IKEA', 'GP'."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if first == "I" or first.startswith("I'") or (len(first) > 1 and first.isupper()):
        return text
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------------------------
# Rules: (pattern, builder). Patterns are matched case-insensitively on the trainee's own words.

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]]


def _r(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _agree(who: str, verb: str) -> str:
    """``verb`` agreeing with ``who``: "your partner does", "your students bring", "you use"."""
    if who.lower() in ("you", "they", "we", "i") or _plural(who) or re.search(r"\band\b|^(?:you|they|we)\b", who, re.IGNORECASE):
        return verb  # "you and your husband split"
    return _inflect(verb.lower(), "VBZ") or verb


def _feel_about(topic: str | None) -> str | None:
    if not topic or re.match(r"^(?:isn't|is|it|that|this|there|wasn't|was|do|does|did|don't|you|i|we|they|he|she|"
                             r"you're|i'm|we're|they're|it's|that's|there's|he's|she's)\b", topic, re.IGNORECASE):
        return None
    topic = re.sub(r"'s$", "", topic)  # "the van's" (the van is …) names the van
    return f"How do you feel about {topic}?"


_PAST_CLAUSE = re.compile(r"\b(?:was|were|had|did|didn't|wasn't|weren't|went|came|got|took|left|sent|[a-z]{3,}ed)\b",
                          re.IGNORECASE)


def _feel_when(rest: str) -> str:
    """'How do you feel when …' with the tense of the clause: 'How did you feel when the van was late?'."""
    aux = "did" if _PAST_CLAUSE.search(rest) else "do"
    return f"How {aux} you feel when {rest}?"


_FUTURE_TIME = re.compile(r"\s+(?:next\s+(?:year|month|week|time|season|summer|winter|spring|autumn)|this\s+(?:year|month|"
                          r"week|summer|winter|spring|autumn)|again|in\s+(?:the\s+)?future|one\s+day|someday|soon)\b",
                          re.IGNORECASE)


def _last_time(verb: str, rest: str, fallback: str = "something like this") -> str:
    perfect = re.match(r"\s*(?P<p>[a-z]+)\b(?P<rest>.*)$", rest, re.IGNORECASE) if verb.lower() == "have" else None
    if perfect and _verb_lemma(perfect.group("p").lower()) and \
            _inflect(_verb_lemma(perfect.group("p").lower()), "VBN") == perfect.group("p").lower():
        # "Would you have paid for it?": the verb is the participle after "have" ("paid"), not "had".
        verb, rest = _verb_lemma(perfect.group("p").lower()), perfect.group("rest")
    had_rest = bool(rest.strip())
    rest = _FUTURE_TIME.sub("", rest)
    if not _tidy(rest) and had_rest:
        return f"Tell me about the last time you {past(verb)}."  # "would you order again (if …)"
    return f"Tell me about the last time you {past(verb)} {_object(rest, fallback)}."


def _hyp_would(m: re.Match[str]) -> str | None:
    verb = m.group("verb").lower()
    rest = m.group("rest") or ""
    if verb in ("be", "like", "mind", "say", "agree", "rather", "prefer", "want"):
        return None
    if verb == "recommend":
        return f"Tell me about the last time you told someone about {_object(rest, 'it')}."
    if verb == "pay":
        paid_for = _object(re.sub(r"^\s*(?:(?:a\s+bit\s+|a\s+little\s+|much\s+)?(?:more|extra|less)\s+)?for\s+", " ", _tidy(rest)))
        return f"Tell me about the last time you paid for {paid_for}."
    if verb in ("consider", "try", "use") and re.match(r"^\s*(?:a|an)\b", rest):
        return f"Tell me about the last time you {past(verb)} {_object(rest)}."
    return _last_time(verb, rest)


_HYPOTHETICAL_RULES: list[Rule] = [
    (_r(r"^(?:on\s+a\s+scale\s+\w+\s+\w+\s+to\s+\w+,?\s+)?how\s+likely\s+(?:are|would|is)\s+you\s+(?:be\s+)?to\s+"
        r"(?P<verb>[a-z]+)(?P<rest>.*)$"), _hyp_would),
    (_r(r"^(?:is|would)\s+(?:that|it|this)\s+(?:be\s+)?something\s+(?:that\s+)?you(?:'d|\s+would)\s+(?P<verb>[a-z]+)(?P<rest>.*)$"),
     _hyp_would),
    (_r(r"^how\s+much\s+would\s+you\s+(?:be\s+willing\s+to\s+)?(?:pay|spend)(?:\s+for\s+(?P<obj>.+))?$"),
     lambda m: f"Tell me about the last time you paid for {_object(m.group('obj') or '')}."),
    (_r(r"^if\s+(?:we|they|the\s+\w+|our\s+\w+)\s+(?:added|built|made|offered|did|had|launched|created|gave|sent|"
        r"introduced|included|provided)\s+(?P<obj>(?!it\b|that\b|this\b)[^,]+?)(?:,|\s+(?:would|will|could|do)\b).*$"),
     lambda m: f"What do you do today when you need {_for_yourself(_tidy(m.group('obj')))}?"),
    (_r(r"^(?:wouldn't|would)\s+it\s+(?:be\s+\w+|help|make\s+(?:a|any)\s+difference|matter)\s+if\s+(?P<rest>.+)$"),
     lambda m: (f"Walk me through how you deal with {np} today." if (np := _first_np(m.group("rest"))) and
                not np.lower().startswith(("the app", "our", "the tool")) else
                "Walk me through how you handle that today.")),
    (_r(r"^(?:wouldn't|would|don't)\s+you\s+(?:love|like|want|prefer)\s+(?P<np>(?:a|an|the|some)\s+[\w-]+)"
        r"(?P<more>(?:\s+(?!better\b|more\b|instead\b|than\b|if\b|to\b|that\b|which\b|who\b|with\b|for\b)[\w'-]+){0,2})"),
     lambda m: (f"Tell me about how you choose {m.group('np')}{m.group('more')} today."
                if m.group("np").split()[0].lower() in ("a", "an", "some") else
                f"Tell me about your experience with {m.group('np')}{m.group('more')}.")),
    (_r(r"^what\s+would\s+(?:make|get|convince|bring)\s+you\s+(?:to\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: (f"Think about the last time you {past(m.group('verb'))} {_tidy(m.group('rest'))}. What made you do it?"
                if m.group("verb").lower() not in ("back", "come") else
                "Tell me about the last time you came back to something like this. What brought you back?")),
    (_r(r"^what\s+would\s+help\s+you\s+(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"Tell me about the last time you {past(m.group('verb'))} {_object(m.group('rest'), 'something like this')}. What helped?"),
    (_r(r"^what\s+would\s+you\s+(?:change|improve|fix)\b.*$"),
     lambda m: "Tell me about the last time something about it frustrated you."),
    (_r(r"^how\s+do\s+you\s+think\s+you'd\s+(?:\w+)\s+(?P<obj>.+)$"),
     lambda m: f"What do you do today when you need {_for_yourself(_tidy(m.group('obj')))}?"),
    (_r(r"^(?:so\s+)?(?:you'd|you\s+would)\s+(?:never\s+|still\s+|probably\s+|definitely\s+)?(?P<verb>(?!agree|rather|like|prefer|say)[a-z]+)(?P<rest>.*)$"),
     lambda m: _last_time(m.group("verb"), m.group("rest"))),
    (_r(r"^(?:would|will|could)\s+you\s+(?:ever\s+|still\s+|actually\s+|really\s+)?(?:be\s+willing\s+to\s+|consider\s+)?"
        r"(?P<verb>[a-z]+)(?P<rest>.*)$"), _hyp_would),
    (_r(r"^(?:are|were)\s+you\s+(?:going|planning)\s+to\s+(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: _last_time(m.group("verb"), re.sub(r"\bnext\s+\w+$", "", m.group("rest")))),
    (_r(r"^would\s+(?P<who>(?:your|the)\s+[\w-]+)\s+(?:ever\s+|still\s+|actually\s+|really\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: (f"Tell me about the last time {m.group('who')} {past(m.group('verb'))} {_object(_FUTURE_TIME.sub('', m.group('rest')), 'something new')}."
                if _verb_lemma(m.group("verb")) and m.group("verb").lower() not in ("be", "like", "mind", "want") else None)),
    (_r(r"^will\s+(?:your|the)\s+(?P<who>\w+)\s+(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"Tell me about how your {m.group('who')} decided to {m.group('verb').lower()} {_object(m.group('rest'), 'it')} last time."),
]

_TAG_RE = _r(
    r"\s*,?\s*\b(?:right|correct|yeah|no|huh|eh|true|isn't it|isn't that|aren't they|aren't you|don't you|didn't you|"
    r"didn't they|doesn't it|didn't it|wasn't it|weren't you|won't you|wouldn't you|wouldn't it|haven't you|"
    r"hasn't it|can't you|is it not|am i right|wouldn't you say|would you say|don't they|do they|surely|ok|okay)\s*$"
)


_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _end_cut(pattern: re.Pattern[str], lasts: frozenset, text: str, words: frozenset = frozenset()) -> str:
    """``pattern.sub("", text)`` for a pattern that can only match at the end of the text, on a word whose last letter
    is one of ``lasts`` (both cases) followed by nothing but white space: a text whose last other character is an
    ASCII character not in ``lasts`` is returned as it is without running the pattern (most end on "?"). ``words``
    (lower case, letters only): the words the pattern's phrases end on, each after a space or a word boundary; an
    ASCII text whose last run of letters is none of them is returned as it is too."""
    stripped = text.rstrip()
    end = stripped[-1:]
    if end and end.isascii() and end not in lasts:
        return text
    if words and text.isascii() and stripped[len(stripped.rstrip(_ASCII_LETTERS)):].lower() not in words:
        return text
    return pattern.sub("", text)


_TAG_LASTS = frozenset("ehkotuyEHKOTUY")  # the last letters of _TAG_RE's tags ("right", "okay", "don't you", ...)
# The last words of _TAG_RE's tags ("isn't it", "am i right", "wouldn't you say", ...).
_TAG_WORDS = frozenset("right correct yeah no huh eh true it that they you not say surely ok okay".split())


def _untag(text: str) -> str:
    """``_TAG_RE.sub("", text)``."""
    return _end_cut(_TAG_RE, _TAG_LASTS, text, _TAG_WORDS)


_HEDGE = _r(r"^(?:so\s+)?(?:i'm\s+sure|i\s+am\s+sure|i\s+bet|i\s+guess|i\s+imagine|i'd\s+guess|i\s+assume|presumably|"
            r"surely|obviously|of\s+course|i\s+mean)\s*,?\s*")
_PRICE_WORDS = ("expensive", "cheap", "pricey", "overpriced", "costly", "a rip-off", "rip-off", "affordable")

_LEADING_RULES: list[Rule] = [
    (_r(r"^(?:(?:don't|do)\s+you|didn't\s+you|did\s+you)\s+(?:feel|get)\s+\w+\s+when\s+(?P<rest>.+)$"),
     lambda m: _feel_when(m.group("rest"))),
    (_r(r"^(?:isn't|wasn't|is|was)\s+it\s+true\s+(?:that\s+)?(?P<rest>.+)$"),
     lambda m: _feel_about(_subject(m.group("rest")))),
    (_r(r"^(?:don't|do)\s+you\s+(?:miss|like|love|hate|enjoy)\s+(?P<topic>.+)$"),
     lambda m: f"How do you feel about {_tidy(m.group('topic'))}?"),
    (_r(r"^(?:don't|do)\s+you\s+(?:think|feel|find|agree)\s+(?:that\s+)?it's\s+(?:too\s+|so\s+|really\s+|a\s+bit\s+)?(?P<adj>[\w-]+)"),
     lambda m: "How do you feel about the price?" if m.group("adj").lower() in _PRICE_WORDS else "How would you describe it?"),
    (_r(r"^(?:don't|do|wouldn't|would)\s+you\s+(?:think|feel|find|agree|say)\s+(?:that\s+)?(?P<rest>.+)$"),
     lambda m: _feel_about(_subject(m.group("rest")))),
    (_r(r"^(?:you'd|you\s+would)\s+agree\s+(?:that\s+)?(?P<rest>.+)$"),
     lambda m: "Walk me through how you handle that today."),
    (_r(r"^why\s+(?:is|was|are|were)\s+(?P<topic>.+?)\s+(?:so|such|too|that)\b.*$"),
     lambda m: f"Tell me about your experience with {m.group('topic')}."),
    (_r(r"^why\s+(?:do|did)\s+you\s+(?:hate|love|dislike|enjoy|prefer)\s+(?P<topic>.+?)(?:\s+so\s+much)?$"),
     lambda m: f"How do you feel about {m.group('topic')}?"),
    (_r(r"^why\s+(?:don't|didn't|wouldn't|won't)\s+you\s+(?:just\s+)?(?P<verb>\w+)(?P<rest>.*)$"),
     lambda m: "What options did you consider at the time?"),
    (_r(r"^how\s+(?:much\s+)?\w+\s+(?P<be>is|was)\s+it\s+to\s+(?P<rest>.+)$"),
     lambda m: f"What {m.group('be').lower()} it like to {m.group('rest')}?"),
    (_r(r"^how\s+much\s+(?:time|money|effort)\s+(?:does|did|has|will)\s+(?P<topic>.+?)\s+sav\w*.*$"),
     lambda m: f"How does {m.group('topic')} fit into your work?"),
    (_r(r"^how\s+much\s+(?:do|did)\s+you\s+(?:love|like|enjoy|hate|appreciate|value|miss)\s+(?P<topic>.+)$"),
     lambda m: f"How do you feel about {m.group('topic')}?"),
    (_r(r"^how\s+much\s+\w+(?:er)?\s+(?:is|was|are|were|do|does|did)\s+(?P<topic>.+?)\s+since\s+(?P<since>.+)$"),
     lambda m: f"What, if anything, has changed since {m.group('since')}?"),
    (_r(r"^how\s+(?:\w+)\s+(?P<be>is|was|are|were)\s+(?P<topic>.+?)(?:\s+for\s+you)?$"),
     lambda m: f"What {'was' if m.group('be').lower() in ('was', 'were') else 'is'} {m.group('topic')} like for you?"),
    (_r(r"^how\s+(?:\w+)\s+(?:do|did)\s+you\s+feel\s+(?:when\s+)?(?P<rest>.+)$"),
     lambda m: _feel_when(m.group("rest"))),
    (_r(r"^what\s+(?:do|did)\s+you\s+(?:love|adore|enjoy)\s+(?:most\s+|the\s+most\s+)?about\s+(?P<topic>.+)$"),
     lambda m: f"Tell me about your experience with {m.group('topic')}."),
    (_r(r"^(?:you|that|it)\s+must\s+(?:get|be|feel|have\s+been)\s+(?:really\s+|so\s+|very\s+)?\w+\s+when\s+(?P<rest>.+)$"),
     lambda m: _feel_when(m.group("rest"))),
    (_r(r"^(?:you|that|it)\s+must\s+(?:get|be|feel|have\s+been)\s+(?:really\s+|so\s+|very\s+)?\w+\s+about\s+(?P<rest>.+)$"),
     lambda m: f"How do you feel about {m.group('rest')}?"),
    (_r(r"^(?:you|that|it)\s+must\s+(?:get|be|feel|have\s+been).*$"),
     lambda m: "How was that for you?"),
    (_r(r"^(?:most|many|lots\s+of|a\s+lot\s+of|other|some)\s+(?:of\s+our\s+)?\w+\s+(?:say|said|tell\s+us|told\s+us|find|think)\s+"
        r"(?:that\s+)?(?P<rest>.+)$"),
     lambda m: (f"What's your experience with {t}?" if (t := _subject(m.group("rest"))) else None)),
    (_r(r"^(?:most|many|lots\s+of|a\s+lot\s+of|other|some|all|everyone|everybody|nobody)\s+(?:of\s+our\s+\w+\s+|\w+\s+)?"
        r"(?:love|loves|like|likes|prefer|prefers|hate|hates)\s+(?P<topic>.+)$"),
     lambda m: f"How do you feel about {_tidy(m.group('topic'))}?"),
    (_r(r"^(?:isn't|wasn't|it's|it\s+is|it\s+was)\s+(?:it\s+)?(?:really\s+|so\s+|much\s+|a\s+bit\s+)?[\w-]+\s+when\s+(?P<rest>.+)$"),
     lambda m: _feel_when(m.group("rest"))),
    (_r(r"^(?:isn't|wasn't|it's|it\s+is)\s+(?:it\s+)?(?:really\s+|so\s+|much\s+|a\s+bit\s+|pretty\s+|quite\s+)?(?:a\s+|an\s+)?"
        r"(?:[\w-]+\s+)?(?:way\s+)?(?P<not>not\s+)?to\s+(?P<rest>.+)$"),
     lambda m: f"What is it like {'not ' if m.group('not') else ''}to {m.group('rest')}?"),
    (_r(r"^(?:isn't|wasn't|aren't|weren't)\s+(?P<topic>(?:the|your|our)\s+.+?)\s+(?:much\s+|so\s+|really\s+|a\s+bit\s+|way\s+)?"
        r"(?:\w+er|more\s+\w+|less\s+\w+)\s+than\s+(?P<other>.+)$"),
     lambda m: f"How does {m.group('topic')} compare with {m.group('other')}?"),
    (_r(r"^(?:isn't|wasn't)\s+it\s+(?:much\s+)?\w+\s+than\s+(?P<rest>.+)$"),
     lambda m: f"How does it compare with {m.group('rest')}?"),
    (_r(r"^(?:that's|it's|that\s+is)\s+(?:a|an)\s+(?:\w+\s+)?(?:improvement|change|difference|step\s+up)\b.*$"),
     lambda m: "What difference has it made for you, if any?"),
    (_r(r"^it's\s+(?:the\s+)?(?P<np>.+?)\s+that\s+(?P<rest>.+)$"),
     lambda m: f"What {m.group('rest')}?"),
    (_r(r"^is\s+(?:that|it)\s+because\b.*$"), lambda m: "What's behind that?"),
    (_r(r"^(?:so\s+)?you\s+(?:\w+\s+){0,3}?because\b.*$"), None),  # handled by the closed rules ("What made you…")
    (_r(r"^you're\s+(?:\w+\s+)?(?:happier|better\s+off|better|worse\s+off|happy)\s+(?P<rest>.+)$"),
     lambda m: f"What's it like {m.group('rest')}?"),
    (_r(r"^you'd\s+rather\s+(?:not\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"How do you feel about {gerund(m.group('verb'))}{m.group('rest')}?"),
    (_r(r"^you've\s+(?:noticed|seen|heard)\b.*$"), lambda m: "What have you noticed about it lately?"),
    (_r(r"^you\s+(?:find|think|consider)\s+(?P<topic>.+?)\s+[\w-]+$"),
     lambda m: f"How do you feel about {m.group('topic')}?"),
    (_r(r"^(?P<subj>(?:your|the|their)\s+[\w-]+)\s+(?:really\s+)?(?:love|loves|like|likes|hate|hates|enjoy|enjoys)\s+(?P<obj>.+)$"),
     lambda m: f"How {'do' if _plural(m.group('subj')) else 'does'} {m.group('subj')} get on with {m.group('obj')}?"),
    (_r(r"^(?:don't|didn't|doesn't)\s+(?:you|it)\s+(?:\w+\s+)?(?P<rest>.+)$"),
     lambda m: (f"Tell me about {np}." if (np := _first_np(m.group("rest"))) else None)),
]

# The frame around a claim handed to the customer: a guess ("I'm guessing", "I'd imagine", "surely"), a summary
# ("so basically", "so what you're saying is") or an invitation to agree ("would you say", "don't you think",
# "wouldn't you agree", "isn't it true that", "would it be fair to say").
_CLAIM_FRAME = _r(
    r"^(?:(?:so|and|but|well|okay|ok|right)\s*,?\s+)*(?:basically\s*,?\s+|really\s+)?"
    r"(?:(?:what\s+you're\s+saying\s+is|what\s+i'm\s+hearing\s+is|in\s+other\s+words|"
    r"i'm\s+guessing|i\s+am\s+guessing|i'm\s+sure|i\s+am\s+sure|i'd\s+(?:imagine|guess|say|bet)|i\s+(?:bet|guess|suppose|"
    r"imagine|reckon|assume|think)|i\s+take\s+it|presumably|surely|obviously|clearly|"
    r"(?:would|wouldn't|do|don't)\s+you\s+(?:say|agree|think|feel|find)|you'd\s+(?:say|agree)|"
    r"(?:is|isn't|wasn't|was)\s+it\s+(?:true|fair\s+to\s+say|safe\s+to\s+say)|"
    r"(?:would|wouldn't)\s+it\s+be\s+(?:fair|true|safe|right)\s+to\s+say)\s*,?\s+(?:that\s+)?)?"
    r"(?:basically\s+)?")
_SOFT_ADVERBS = frozenset("""
never always really probably just only actually still basically mainly mostly simply definitely certainly totally
already ever even also finally eventually
""".split())
_BE_FORMS = {"is": "is", "are": "are", "was": "was", "were": "were", "'s": "is", "'re": "are"}
_LINKING = frozenset("seem seemed seems feel felt feels look looked looks sound sounded sounds get got gets".split())
_OWNERS = frozenset("the your my our their his her this these those".split())


def _subject_np(words: list[str]) -> int | None:
    """Where the determiner-led subject noun phrase at the start of ``words`` ends (the index after its head noun),
    when a verb follows it: "the price | put you off", "the delivery driver | call ahead", "your manager | approve".
    lemminflect's dictionary says what is a noun and what a verb; no parse."""
    from simulator import nlp

    if len(words) < 2 or words[0].lower() not in _OWNERS:
        return None
    for end in range(2, min(len(words), 5) + 1):
        head = words[end - 1].lower()
        if head in _NP_STOP or head in _DETERMINERS or head in _SOFT_ADVERBS:
            return None
        if end >= len(words):
            return None
        nxt = words[end].lower()
        named = bool(re.search(r"[A-Z]", words[end - 1][1:] or ""))
        if not named and not _is_noun(head) and (_verb_lemma(head) or _is_adjective(head)):
            continue  # "the new | pricing", "the | saved": not a head noun
        if nxt in _BE_FORMS or nxt in _SOFT_ADVERBS or nxt.endswith("n't") or nxt in (
                "must", "should", "would", "will", "could", "might", "can", "did", "does", "do", "has", "have", "had"):
            return end
        lemma = _verb_lemma(nxt)
        following = words[end + 1].lower() if end + 1 < len(words) else ""
        # "your kids | pick up the app", "the plumber | turn up", "the support team | call you back": a word that is
        # both a noun and a verb is the verb when a particle, an object pronoun or a determiner follows it, or when
        # a plural head noun comes before it in its base form.
        verb_next = following in _PARTICLES | _OBJECT_PRONOUNS | _DETERMINERS or (
            _plural(head) and lemma == nxt and not head.endswith("'s"))
        if lemma and (verb_next or not (_is_noun(nxt) and end < 4 and end + 1 < len(words)
                                        and _verb_lemma(following))):
            return end
    return None


_PARTICLES = frozenset("up down out off in on back over away round around through along".split())
_OBJECT_PRONOUNS = frozenset("you me us them him her it".split())


@lru_cache(maxsize=16384)
def _is_adjective(word: str) -> bool:
    try:
        getAllLemmas = nlp.lemminflect().getAllLemmas
    except ImportError:  # pragma: no cover
        return False
    return bool(getAllLemmas(word.lower(), upos="ADJ").get("ADJ"))


def _plural(np: str) -> bool:
    head = np.split()[-1].lower()
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "'s")) or head in ("people", "children", "staff")


def _claim_rewrite(clause: str) -> str | None:
    """An open question about the thing a claim is about, without the claim: "the price put you off" -> "What
    happened with the price?", "the setup was confusing" -> "What was the setup like for you?", "the meetings are a
    waste of time" -> "What are the meetings like for you?". None when the claim does not start with such a
    noun phrase and a verb."""
    from simulator import nlp

    words = re.findall(r"[\w'-]+", clause)
    end = _subject_np(words)
    if end is None and words and words[0].lower().endswith("ing") and _verb_lemma(words[0]):
        # "switching was a real hassle", "chasing invoices is the biggest headache": the activity is the subject.
        be = next((i for i, w in enumerate(words[:7]) if w.lower() in ("is", "was", "are", "were")), None)
        if be:
            tense = "was" if words[be].lower() in ("was", "were") else "is"
            return f"What {tense} {' '.join(w.lower() for w in words[:be])} like for you?"
    if end is None:
        return None
    np = " ".join(words[:end])
    if _claim_noun(words[end - 1]) or words[end - 1].lower() in _SKIP_NOUNS | _GENERIC:
        return None
    if np.split()[0].lower() in ("this", "that", "these", "those"):
        np = "the " + " ".join(np.split()[1:])
    rest = [w.lower() for w in words[end:] if w.lower() not in _SOFT_ADVERBS]
    if not rest:
        return None
    first = rest[0]
    plural = _plural(np)
    modal_past = len(rest) >= 3 and rest[0] in ("must", "should", "would", "could", "might") and rest[1] == "have"
    past_tense = first in ("was", "were", "did", "didn't", "had", "hadn't", "wasn't", "weren't") or modal_past or (
        first not in ("should", "would", "could", "might", "must") and _verb_lemma(first) is not None and _inflect(_verb_lemma(first), "VBD") == first
        and _inflect(_verb_lemma(first), "VBZ") != first)
    verbs = [w for w in rest[:4] if w not in ("must", "should", "would", "could", "might", "have", "has", "had", "been",
                                               "be", "did", "didn't", "does", "doesn't", "do", "don't", "will", "not")]
    main = _verb_lemma(verbs[0]) if verbs else None
    evaluated = first in _BE_FORMS or first in _LINKING or (rest[-1] in ("been", "be")) or main in ("be", None) or (
        main in ("seem", "feel", "look", "sound"))
    if evaluated:
        from .rules import _FEELINGS

        pred = next((w for w in rest if w not in _BE_FORMS and w not in _LINKING and w not in (
            "must", "should", "would", "could", "might", "have", "has", "had", "been", "be", "a", "an", "so", "such")), "")
        if pred in _FEELINGS or (pred.endswith("ed") and not _is_adjective(pred)) or pred.endswith("ed") and pred in (
                "annoyed", "pleased", "relieved", "worried", "upset", "thrilled", "disappointed", "surprised", "shocked"):
            # "your manager was annoyed": a feeling of theirs, not a verdict on a thing; ask what happened.
            return f"What happened with {np}?" if past_tense else f"What's going on with {np}?"
        be = ("were" if plural else "was") if past_tense else ("are" if plural else "is")
        return f"What {be} {np} like for you?"
    if past_tense:
        return f"What happened with {np}?"
    return None  # "your team hates the new rota": the templates for the verb do better


_NAMED_FEELING = _r(
    r"^(?:(?:so|and|but)\s+)?(?:(?P<aux>did|do|were|are|was)\s+you|you(?:\s+must\s+have|\s+must)?(?:\s+(?:probably|really|just))?\s+"
    r"(?P<verb>felt|feel|were|are|was|been|be|got|get))\s+(?:(?P<verb2>feel|felt|get|be)\s+)?(?:so\s+|really\s+|a\s+bit\s+|quite\s+|"
    r"pretty\s+|very\s+|kind\s+of\s+)?(?P<feeling>[a-z]+)\s+(?P<rest>(?:about|when|after|that|for|over|with|of)\b.+|[a-z]+ing\b.*)$")


def _named_feeling(clause: str) -> str | None:
    """A feeling the trainee named, with what it is about: "you felt guilty about it" -> "How did you feel about it?",
    "Did you feel guilty cancelling the calls?" -> "How did you feel about cancelling the calls?". The customer names
    the feeling; the rewrite keeps what it was about. None when the word is not a feeling."""
    from .rules import _FEELINGS, LOADED

    m = _NAMED_FEELING.match(_TRAILING_WORDS.sub("", clause.strip(" ,?.!")).strip(" ,"))
    if not m:
        return None
    feeling = m.group("feeling").lower()
    if feeling not in _FEELINGS and feeling not in LOADED and feeling not in ("glad", "happy", "sad", "bad", "sick", "tired"):
        return None
    words = " ".join(m.group(g) or "" for g in ("aux", "verb", "verb2")).lower().split()
    tense = "do" if words and all(w in ("do", "feel", "are", "be", "get") for w in words) else "did"
    rest = m.group("rest").strip()
    first = rest.split()[0].lower()
    if first in ("that", "for", "over", "with", "after", "of"):
        rest = "about " + rest.split(" ", 1)[1] if first != "that" and len(rest.split()) > 1 else rest
        if first == "that":
            return None
    elif first.endswith("ing"):
        rest = "about " + rest
    rest = " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in rest.split())
    return f"How {tense} you feel {rest}?"


def _pronoun_claim(clause: str) -> str | None:
    """A guess about "it"/"that" with no thing named ("I bet that was crushing", "You must hate that", "That must have
    been a nightmare"): ask what it was like, in the claim's tense; "it must be lonely working from home" -> "What is
    it like working from home?"."""
    low = clause.lower().strip(" ,")
    det = re.search(r"\b(?:a|an|the|your|their)\s+((?:[a-z'-]+\s*){1,3})", low)
    named = [w for w in (det.group(1).split() if det else []) if _is_noun(w) and not _claim_noun(w)
             and w not in _SKIP_NOUNS and w not in ("way",) and not _is_adjective(w)]
    m = re.match(r"^(?:(?:it|that|this)\s+(?P<be>must\s+be|is|'s|can\s+be|must\s+have\s+been|was|must've\s+been)|"
                 r"(?P<be2>must\s+be|must\s+have\s+been|must've\s+been))\s+"
                 r"(?:\w+,?\s+){1,3}?(?P<rest>(?:\w+ing|with|without|having|being)\b.*)$", low)
    if named and not re.search(r"\b(?:with|without)\b", low) and not (
            m and re.match(r"^\w+ing\b", m.group("rest")) and _verb_lemma(m.group("rest").split()[0])):
        return None  # "it's been a really exhausting week": the templates ask about the week
    be = (m.group("be") or m.group("be2")) if m else ""
    then = "was" if m and ("been" in be or be == "was") else "is"
    if m and re.match(r"^\w+ing\b", m.group("rest")) and _verb_lemma(m.group("rest").split()[0]):
        return f"What {then} it like {m.group('rest')}?"
    if m and m.group("rest").startswith(("with ", "without ")) and len(m.group("rest").split()) >= 2:
        return f"What {then} it like {m.group('rest')}?"
    didnt = re.match(r"^you\s+(?:(?:probably|just|never|obviously|clearly|really)\s+)*(?:didn't|did\s+not|never|haven't|"
                     r"hadn't)\s+(?:even\s+)?[a-z]+\s+(?P<np>(?:the|your|their|any|my|our)\s+[\w-]+(?:\s+[\w-]+)?)$", low)
    if didnt:
        words = didnt.group("np").split()
        if words[0] in ("any", "my", "our"):
            words[0] = {"any": "the", "my": "my", "our": "our"}[words[0]]
        return f"What happened with {' '.join(words)}?"
    past_tense = re.search(r"\b(?:was|were|had|have\s+been|must\s+have|did|felt|sounded|got)\b", low)
    if re.match(r"^(?:it|that|this)\b", low) and not re.search(r"\b(?:when|if|because|with|about)\b", low):
        return "What was that like for you?" if past_tense else "What is that like for you?"
    if re.match(r"^you\s+must\s+(?:\w+\s+){0,2}?(?:hate|love|dread|loathe|miss|like|enjoy|resent)\s+(?:that|it|this)$", low):
        return "What is that like for you?"
    return None


_ANY_SOME = re.compile(r"^(?:any|some)\s+", re.IGNORECASE)  # "had (any) problems with the delivery"

# Nouns that "what" does not ask for naturally ("What person helped?", "What reason…"): left to the other rules.
_NO_WHAT_NOUN = frozenset({"way", "reason", "time", "person", "one", "man", "woman", "guy"})
_CLOSED_RULES: list[Rule] = [
    # "Is there a particular moment that stands out?", "Was there anything that made it easier?": ask for the thing.
    (_r(r"^(?:is|was|were|are)\s+there\s+(?:a|an|any|one)\s+(?:particular\s+|specific\s+|single\s+)?(?P<noun>[a-z]+)\s+"
        r"(?:that|which|who)\s+(?P<rest>(?!you\b|i\b|we\b|they\b)\w+.*)$"),
     lambda m: None if m.group("noun") in _NO_WHAT_NOUN else f"What {m.group('noun')} {_tidy(m.group('rest'))}?"),
    (_r(r"^(?:is|was)\s+there\s+(?:anything|something)\s+(?:that|which)\s+(?P<rest>(?!you\b|i\b|we\b|they\b)\w+.*)$"),
     lambda m: f"What {_tidy(m.group('rest'))}?"),
    # "Do you have any thoughts on why that happened?": their thoughts, asked for.
    (_r(r"^(?:do|did)\s+you\s+have\s+any\s+(?P<noun>thoughts|ideas|views|feelings)\s+(?P<prep>on|about)\s+(?P<rest>.+)$"),
     lambda m: f"What are your {m.group('noun')} {m.group('prep')} {_tidy(m.group('rest'))}?"),
    (_r(r"^which\s+of\s+(?:these|the|those)\s+.*?\s+(?:did|do)\s+you\s+(?P<verb>[a-z]+)(?P<rest>.*?)\s+(?:for|about)$"),
     lambda m: f"Tell me why you {past(m.group('verb'))}{m.group('rest')}."),
    (_r(r"^(?:and\s+)?(?:that|it)\s+was\s+because\b.*$"), lambda m: "What was behind that?"),
    (_r(r"^(?P<aux>did|do)\s+you\s+find\s+(?P<topic>it|that|this|(?:the|your|our)\s+[\w'-]+(?:\s+[\w'-]+)?)\s+"
        r"(?:(?:really|so|quite|very|pretty|a\s+bit|too)\s+)?[a-z]+\s+to\s+(?P<verb>[a-z]+)(?P<rest>(?:\s+[\w'-]+)*)$"),
     lambda m: (f"What {'was' if m.group('aux').lower() == 'did' else 'is'} it like to {m.group('verb')}"
                f"{' it' if m.group('topic').lower() in ('it', 'that', 'this') else ' ' + m.group('topic')}"
                f"{' ' + _tidy(m.group('rest')) if _tidy(m.group('rest')) else ''}?"
                if _verb_lemma(m.group("verb").lower()) == m.group("verb").lower() else None)),
    (_r(r"^(?:do|did)\s+you\s+(?:ever\s+)?(?:feel|think|find)\s+(?:like\s+|that\s+)?(?P<rest>.+)$"),
     lambda m: _feel_about(_subject(m.group("rest")))),
    (_r(r"^(?:did|do|does)\s+you\s+(?:really\s+)?(?:like|enjoy|love|hate|dislike)\s+(?P<topic>.+)$"),
     lambda m: f"Can you describe your experience with {_tidy(m.group('topic'))}?"),
    (_r(r"^(?:did|do|have|had)\s+you\s+(?:" + _ADVERB + r"\s+){0,2}(?P<verb>[a-z]+)(?P<rest>.*?)\s+because\s+(?:of\s+)?.+$"),
     lambda m: f"What made you {base(m.group('verb'))}{' ' + _tidy(m.group('rest')) if _tidy(m.group('rest')) else ''}?"),
    (_r(r"^(?:so\s+)?you\s+(?:" + _ADVERB + r"\s+){0,2}(?P<verb>[a-z]+)(?P<rest>.*?)\s+because\s+(?:of\s+)?.+$"),
     lambda m: f"What made you {base(m.group('verb'))}{' ' + _tidy(m.group('rest')) if _tidy(m.group('rest')) else ''}?"),
    (_r(r"^(?:so\s+)?you\s+(?:" + _ADVERB + r"\s+){0,2}(?P<verb>[a-z]+)(?P<rest>(?:\s+[\w'-]+){0,4}?)\s+(?:(?:mainly|mostly|just|only|"
        r"partly|largely|really)\s+(?:for|to|because|since|due\s+to|over)|to\s+(?:save|get|avoid|cut|spend|keep|be\s+closer))\b.+$"),
     lambda m: (f"What made you {base(m.group('verb'))}{' ' + _tidy(m.group('rest')) if _tidy(m.group('rest')) else ''}?"
                if _verb_lemma(m.group("verb")) and m.group("verb").lower() not in ("are", "were", "have", "had") else None)),
    (_r(r"^(?:did|do)\s+you\s+find\s+(?P<topic>.+?)\s+(?:(?:really|so|quite|very|pretty|a\s+bit|too)\s+)?(?:\w+)$"),
     lambda m: f"What was {m.group('topic')} like for you?"),
    (_r(r"^(?:are|were)\s+you\s+(?:happy|satisfied|pleased|unhappy|disappointed)\s+with\s+(?P<topic>.+)$"),
     lambda m: f"How do you feel about {_tidy(m.group('topic'))}?"),
    (_r(r"^(?:is|was)\s+(?P<topic>(?:the|your|our)\b.*?)\s+important\s+to\s+you$"),
     lambda m: f"What matters to you about {m.group('topic')}?"),
    (_r(r"^(?P<aux>is|was)\s+(?P<topic>(?:the|your|our|it|that|this)\b.*?)\s+(?:too\s+|so\s+|really\s+|very\s+|any\s+)?"
        r"(?:easy|hard|difficult|expensive|cheap|slow|fast|useful|helpful|good|bad|confusing|clear|simple|"
        r"complicated|annoying|worth\s+it)(?:\s+to\s+(?P<verb>(?!you\b|me\b|us\b|them\b)\w+)(?P<vrest>.*))?$"),
     lambda m: (f"What {m.group('aux').lower()} it like to {m.group('verb')} "
                f"{_tidy(m.group('vrest')) if m.group('topic').lower() in ('it', 'that', 'this') else m.group('topic')}?"
                if m.group("verb") else f"How would you describe {m.group('topic')}?")),
    (_r(r"^is\s+there\s+anything\s+(?:else\s+)?(?:that\s+)?you(?:'d|\s+would)?\s+(?:like|want|wanna)\s+to\s+(?P<verb>\w+)(?P<rest>.*)$"),
     lambda m: f"What else would you like to {m.group('verb')}{m.group('rest')}?"),
    (_r(r"^is\s+there\s+anything\s+(?:else\s+)?(?:that\s+)?(?:i|we)\s+(?:haven't|didn't|should)\b.*$"),
     lambda m: "What else should I know that I haven't asked about?"),
    (_r(r"^is\s+there\s+anything\s+(?:else\s+)?(?:about\s+)?(?P<rest>(?:the|your|our)\s+.*)$"),
     lambda m: (f"What else comes to mind about {np}?" if (np := _first_np(m.group("rest"))) else
                "What else comes to mind?")),
    (_r(r"^is\s+there\s+anything\s+(?:else\s+)?.*$"), lambda m: "What else comes to mind?"),
    (_r(r"^(?:any|anything)\s+else\b.*$"), lambda m: "What else comes to mind?"),
    (_r(r"^(?:was|is)\s+it\s+(?:the\s+)?(?P<np>.+?)\s+that\s+(?P<rest>.+)$"),
     lambda m: f"What {m.group('rest')}?"),
    (_r(r"^(?:do|did|does)\s+you\s+(?:" + _ADVERB + r"\s+)?(?P<verb>[a-z]+)\s+(?P<a>[^,]+?)\s+or\s+(?P<b>[^,]+)$"),
     lambda m: _choice_rewrite(m)),
    (_r(r"^(?:is|was|are|were)\s+(?P<subj>(?:(?:the|your|our)\s+)?[\w'-]+)\s+.+?\s+or\s+.+$"),
     lambda m: (f"Can you tell me more about {m.group('subj')}?" if m.group("subj").lower().split()[0] not in
                ("it", "that", "this", "they", "you") else "Can you tell me more about that?")),
    (_r(r"^(?!(?:did|do|does|is|are|was|were|have|has|had|can|could|will|would)\b)(?P<a>[\w' -]{1,30}?)\s+or\s+"
        r"(?P<b>[\w' -]{1,30})$"),
     lambda m: f"How do you decide between {m.group('a')} and {m.group('b')}?"),
    (_r(r"^how\s+(?:often|many\s+times(?:\s+a\s+\w+)?|frequently|regularly|far\s+in\s+advance|early)\s+(?:do|did)\s+you\s+"
        r"(?:" + _ADVERB + r"\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"Walk me through the last time you {past(m.group('verb'))} {_object(m.group('rest'), '')}."),
    (_r(r"^how\s+(?:often|many\s+times(?:\s+a\s+\w+)?)$"), lambda m: "Walk me through a typical week."),
    (_r(r"^how\s+(?:long|much\s+time)\s+does\s+it\s+take\s+(?:you\s+)?to\s+(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"Walk me through the last time you {past(m.group('verb'))} {_object(m.group('rest'), '')}."),
    (_r(r"^how\s+long\s+have\s+you\s+been\s+(?P<a>a|an)\s+(?P<rest>.+)$"),
     lambda m: f"Tell me the story of how you became {m.group('a')} {_tidy(m.group('rest'))}."),
    (_r(r"^how\s+long\s+have\s+you\s+been\s+(?P<rest>(?:with|at|in|on)\b.+)$"),
     lambda m: f"Tell me the story of how you came to be {_tidy(m.group('rest'))}."),
    (_r(r"^how\s+long\s+have\s+you\s+(?P<verb>[a-z]+)\s+(?P<rest>.+)$"),
     lambda m: f"Tell me the story of how you started with {_object(m.group('rest'), 'it')}."),
    (_r(r"^how\s+many\s+(?P<noun>\w+)\s+(?:do|did|does)\s+(?P<who>you|your\s+\w+)\s+(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"Tell me about the {m.group('noun')} {m.group('who')} {m.group('verb')}{m.group('rest')}."),
    (_r(r"^when\s+(?:did|do)\s+you\s+(?:last\s+|first\s+)?(?:" + _ADVERB + r"\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"What was going on when you {past(m.group('verb'))} {_object(m.group('rest'), '')}?"),
    (_r(r"^where\s+did\s+you\s+(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"Tell me about the time you {past(m.group('verb'))} {_tidy(m.group('rest')) or 'it'}."),
    (_r(r"^where\s+do\s+you\s+(?:" + _ADVERB + r"\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: (f"How do you {m.group('verb').lower()} {_tidy(m.group('rest'))}?"
                if re.match(r"about\b", _tidy(m.group("rest")).lower()) and _verb_lemma(m.group("verb").lower())
                else f"How do you go about {gerund(m.group('verb'))} {_tidy(m.group('rest'))}?")),  # not "about … about"
    # (Not "Who did you switch to?": there "you" did it, and the one asked about is the object.)
    (_r(r"^who\s+(?:" + _ADVERB + r"\s+)?(?:does|do|did|handles|makes|takes\s+care\s+of)\s+"
        r"(?!(?:you|they|he|she|we|i|your|their|his|her)\b)(?P<rest>.+)$"),
     lambda m: (f"Walk me through how {t} {'get' if t.endswith('s') else 'gets'} done."
                if (t := _tidy(m.group("rest"))) else None)),
    (_r(r"^how\s+long\s+(?:does|did)\s+it\s+take(?:\s+you)?\s+to\s+(?P<rest>.+)$"),
     lambda m: f"Tell me about the wait to {_tidy(m.group('rest'))}."),
    (_r(r"^how\s+long\s+(?:does|did)\s+it\s+take(?:\s+you)?$"),
     lambda m: "Walk me through the last time you did it."),
    (_r(r"^(?P<np>(?:the|your|their|his|her)\s+[\w-]+)\s+(?:ever\s+|actually\s+|finally\s+|already\s+)?[a-z]+ed\b.*$"),
     lambda m: f"What happened with {m.group('np')}?"),
    (_r(r"^what\s+(?:time|day)\s+(?:do|does|did)\s+you\s+(?:" + _ADVERB + r"\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: f"Walk me through a typical day when you {m.group('verb')}{m.group('rest')}."),
    (_r(r"^(?:which|what)\s+(?P<noun>[\w-]+(?:\s+[\w-]+)?)\s+(?P<aux>do|did|does)\s+(?P<who>you|your\s+\w+)\s+(?:" + _ADVERB +
        r"\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: (f"How did you choose the {m.group('noun')} you "
                f"{past(m.group('verb')) if m.group('aux').lower() == 'did' else m.group('verb')}"
                f"{' ' + _tidy(m.group('rest')) if _tidy(m.group('rest')) else ''}?" if m.group("who").lower() == "you" else
                f"How did {m.group('who')} come to {m.group('verb')} that {m.group('noun')}?")),
    (_r(r"^which\s+(?P<noun>\w+)\s+(?:were|was|are)\s+you\s+(?:with|at|on|in|using)\b.*$"),
     lambda m: f"What made you choose your current {m.group('noun')}?"),
    (_r(r"^how\s+many\s+(?P<noun>\w+)\s+are\s+you\s+(?P<verb>\w+ing)(?P<rest>.*)$"),
     lambda m: f"Tell me about the {m.group('noun')} you're {m.group('verb')}{m.group('rest')}."),
    (_r(r"^how\s+much\s+(?:do|did)\s+you\s+(?:pay|spend)\b.*$"),
     lambda m: "How do you feel about what you pay?"),
    # "Have you got anyone working alongside you?": the people doing it, not "your someone".
    (_r(r"^(?:have|has)\s+(?:you|your\s+\w+)\s+(?:got|had)\s+(?:anyone|anybody|someone|somebody)\s+(?:else\s+)?"
        r"(?P<rest>\w+ing\b.*)$"),
     lambda m: f"Tell me about the people {_tidy(m.group('rest'))}."),
    # "Have you got any holiday plans?", "Have you got a car?": what they have, not something they once got.
    (_r(r"^(?:have|has)\s+(?:you|your\s+\w+)\s+got\s+(?P<rest>(?!to\b).+)$"),
     lambda m: "Tell me about " + _owned(_object(m.group("rest"), "that")) + "."),
    (_r(r"^(?:have|had)\s+you\s+(?:ever\s+)?(?P<verb>had|used|seen)\s+(?P<rest>(?:any\s+|some\s+)?[\w'-]+\s+(?:with|from|at|in|on)\s+.+)$"),
     lambda m: f"Tell me about the last time you {past(m.group('verb'))} {_ANY_SOME.sub('', _tidy(m.group('rest')))}."),
    (_r(r"^(?:have|had)\s+you\s+(?:ever\s+)?(?P<verb>had|been|used|seen|heard\s+of)\s+(?P<rest>.+)$"),
     lambda m: f"Tell me about your experience with {_object(m.group('rest'), 'that')}."),
    (_r(r"^(?:have|had)\s+you\s+(?P<with>and\s+(?:your|the)\s+[\w-]+\s+)?(?:ever\s+)?(?P<verb>(?!and\b)[a-z]+)\s+(?P<rest>.+)$"),
     lambda m: f"Tell me about the last time you {m.group('with') or ''}{past(m.group('verb'))} {_object(m.group('rest'), 'that')}."),
    (_r(r"^do\s+you\s+remember\b.*$"), lambda m: "Can you take me back to that time?"),
    (_r(r"^(?:do|does)\s+(?P<body>(?:you|your|the)\s.+)$"), lambda m: _do_subject_rewrite(m.group("body"))),
    # "did you think about cancelling", "did you talk about it with her": not "Tell me about thinking about …".
    (_r(r"^did\s+you\s+(?:ever\s+|actually\s+)?(?P<verb>think|talk|speak|worry|hear|ask|care|know|read|complain)\s+"
        r"(?P<rest>about\s+.+)$"),
     lambda m: f"Tell me about the last time you {past(m.group('verb'))} {_tidy(m.group('rest'))}."),
    (_r(r"^did\s+(?:you|your\s+\w+)\s+(?:ever\s+|actually\s+)?(?P<verb>[a-z]+)(?P<rest>.*)$"),
     lambda m: (f"Tell me about {gerund(m.group('verb'))} {_tidy(m.group('rest'))}."
                if _verb_lemma(m.group("verb").lower()) and m.group("verb").lower() not in (
                    "and", "or", "both", "all", "not", "just", "also", "really", "even", "still") else None)),
    (_r(r"^(?P<subj>you|you've|your\s+\w+)\s+(?:" + _ADVERB + r"\s+)?(?P<verb>[a-z]+)\s+(?P<rest>.+)$"),
     lambda m: (f"Tell me about your experience with {_object(m.group('rest'), 'that')}." if m.group("subj").lower() == "you've"
                else f"Tell me about how {m.group('subj')} {m.group('verb')} {_tidy(m.group('rest'))}.")),
]

def _do_subject_rewrite(body: str) -> str | None:
    """"Tell me about how the smart meter tells you …" from "does the smart meter tell you …": the subject read to its
    head noun (lemminflect's dictionary), the verb agreeing with it."""
    words = body.split()
    end = _read_subject(words, 0)
    if end is None or any(w.endswith(",") for w in words[:end]):
        return None
    who, rest = " ".join(words[:end]), words[end:]
    ever = False
    while rest and re.fullmatch(_ADVERB, rest[0], re.IGNORECASE):
        ever = ever or rest[0].lower() == "ever"
        rest = rest[1:]
    if not rest:
        return None
    verb = rest[0]
    if verb.lower() in ("have", "know", "want", "need", "think", "mind", "own", "like") or not _verb_lemma(verb.lower()):
        return None
    if ever and _verb_lemma(verb.lower()) not in _DULL_VERBS | _FEELING_VERBS:
        # "Do you ever forget to log your hours?": an event asked about for its frequency; the last one.
        tail = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in rest[1:]])
        return f"Tell me about the last time {_lower_first(who)} {past(_verb_lemma(verb.lower()))}{' ' + tail if tail else ''}."
    return f"Tell me about how {who} {_agree(who, verb)} {_tidy(' '.join(rest[1:]))}."


_FAUX_WRAPPER = re.compile(
    r"^(?:(?:can|could|would)\s+you\s+)?(?:tell|let)\s+(?:me|us)(?:\s+know)?\s*[,:;-]*\s*(?:if|whether)?\s*",
    re.IGNORECASE,
)
# Questions about the call itself: no interview rewrite makes sense.
_LOGISTICS = re.compile(
    r"\b(?:hear\s+me|see\s+my\s+screen|good\s+time|ready\s+to\s+(?:start|begin)|okay\s+(?:to|if\s+i)\s+record|"
    r"ok\s+(?:to|if\s+i)\s+record|any\s+questions\s+for\s+me|still\s+there|can\s+you\s+see|"
    r"(?:can|could|may)\s+i\s+ask\s+(?:you\s+)?(?:something|a\s+question|a\s+few\s+questions)|"
    r"(?:okay|ok|alright|fine)\s+(?:to|if\s+i)\s+record\w*|mind\s+if\s+i\s+record\w*)\b",
    re.IGNORECASE,
)
_AGREEMENT_CHECK = re.compile(
    r"^(?:do\s+you\s+agree|would\s+you\s+agree|don't\s+you\s+agree|is\s+that\s+(?:true|the\s+case|right|so)(?:\s+for\s+you)?"
    r"(?:\s+too)?|right|agreed|yes)\??$", re.IGNORECASE)
_OFFERS_ANSWER = re.compile(r"^(?:was|is|were|are)\s+(?:it|that|this|they)\b", re.IGNORECASE)


def _apply(rules: Iterable[Rule], q: str) -> str | None:
    for pattern, build in rules:
        match = pattern.match(q)
        if match:
            if build is None:
                return None
            out = build(match)
            if out:
                return _cap(out)
    return None


def _prepare(sentence: str) -> str:
    q = strip_markers(sentence)[0]
    q = re.sub(r"[?.!]+$", "", q).strip()
    # A rating scale tacked on ("… on a scale of one to ten") is not part of the topic.
    q = re.sub(r"\b(how|what|where|why|who|when)'d\b", r"\1 did", q, flags=re.IGNORECASE)
    q = re.sub(r"\s*,?\s*(?:on\s+a\s+scale\s+(?:of|from)\s+\w+\s+to\s+\w+|out\s+of\s+(?:ten|10|five|5))\s*$", "", q,
               flags=re.IGNORECASE)
    q = re.sub(r"^(?:so|and|but|now|then|okay|ok)\s+", "", q, flags=re.IGNORECASE)
    for _ in range(2):
        q = _FALSE_START.sub(lambda m: m.group("s"), q.strip())  # "was it, was it hard to find …"
    return _lower_first(_undislocate(q))


def _fallback(q: str) -> str:
    np = None
    m = re.search(r"\b(?:about|with|for|of)\s+(?P<t>(?:the|your|our)\s+.+)$", q, re.IGNORECASE)
    if m:
        np = _np_at(m.group("t").split(), 0)
    if np is None:
        np = _first_np(q)
    if np and np.split()[0].lower() in ("a", "an"):
        np = None
    if np:
        words = np.split()
        while len(words) > 2 and not _noun_phrase_ok(words[1:]):
            words.pop()  # "the whole moving thing stressful": the phrase ends on its noun
        np = " ".join(words) if _noun_phrase_ok(words[1:]) else None
    return _cap(f"Can you tell me more about {np}?" if np else "Can you tell me more about that?")


@lru_cache(maxsize=4096)
def _is_open(sentence: str) -> bool:
    top = analyse(sentence).top
    return top[0] == Label.OPEN and top[1] >= 2.0


def suggest_rewrite(text: str, label: Label | str, flags: Iterable[Flag | str] = (),
                    language: str | None = "en", form: "Form | None" = None) -> str | None:
    """An open question on the same topic for leading, closed and hypothetical turns; None otherwise.

    ``language`` (a BCP-47 tag) picks the rewrites: Dutch, Korean and Chinese have their own
    (``rewrite_i18n``); every other language gets the English ones.
    """
    lang = (str(language or "en").strip().replace("_", "-").split("-")[0].lower()) or "en"
    try:
        label = Label(label)
    except ValueError:
        return None
    flag_set: set[Flag] = set()
    for flag in flags or ():
        try:
            flag_set.add(Flag(flag))
        except ValueError:
            continue
    hypothetical = Flag.HYPOTHETICAL in flag_set
    if label not in (Label.CLOSED, Label.LEADING) and not hypothetical:
        return None
    if lang in ("nl", "ko", "zh"):
        if not isinstance(text, str) or not text.strip():
            return None
        from .rewrite_i18n import suggest

        return suggest(text, label, flag_set, lang)
    if not isinstance(text, str) or not text.strip() or _LOGISTICS.search(text):
        return None
    form = form if form is not None else analyse(text)
    if form.language != "en":
        return None
    focus = form.focus
    questions = list(form.questions)

    # Two questions in one: keep the first if it is already open, otherwise rewrite the first.
    if Flag.DOUBLE_BARRELED in flag_set:
        if len(questions) >= 2:
            first = questions[-2]
        else:
            parts = re.split(r"(?:,\s*|\s)(?:and|also)\s+(?=(?:what|how|why|when|where|which|who|do|does|did|is|are|"
                             r"was|were|have|has|can|could|would|will)\b)", focus, maxsplit=1, flags=re.IGNORECASE)
            first = parts[0]
        if _is_open(first):
            return _cap(_prepare(first) + "?")
        focus = first
    elif len(questions) >= 2 and _OFFERS_ANSWER.match(_prepare(questions[-1])) and _is_open(questions[-2]):
        # "How did you hear about us? Was it a friend?": the first question was fine on its own.
        return _cap(_prepare(questions[-2]) + "?")
    else:
        offer = TRAILING_OFFER.search(focus)
        head = focus[: offer.start()] if offer else ""
        if offer and Flag.FAUX_INVITATION not in flag_set and len(head.split()) >= 3 and re.match(
                r"^\W*(?:\w+\W+){0,4}?(?:what|how|why)\b", head, re.IGNORECASE) and _is_open(head):
            # "What was that like for you, was it stressful?": stop before the offered answer.
            return _cap(_prepare(focus[: offer.start()]) + "?")

    q = _prepare(focus)
    option = OPTION_THEN_YES_NO.match(q)
    if option:
        q = q[option.start("q"):]  # "Cash, or do you pay by card?": the yes/no question is what to rewrite
    if _AGREEMENT_CHECK.match(q) and len(form.sentences) >= 2:
        q = _prepare(form.sentences[-2])
    if label == Label.LEADING:
        q = _untag(q)
        q = _HEDGE.sub("", q)
    if Flag.FAUX_INVITATION in flag_set:
        q = _FAUX_WRAPPER.sub("", q)
    q = q.strip(" ,")
    if not q:
        return None

    # A guess, a summary or an invitation to agree: ask about the thing the claim is about, without the claim.
    claim = _CLAIM_FRAME.sub("", _lower_first(nlp.strip_disfluencies(q)) if re.search(
        r"\b(?:um|uh|erm|er|like|you\s+know|i\s+mean)\b", q, re.IGNORECASE) else q).strip(" ,")
    framed = claim != q.strip(" ,") and claim
    felt = _named_feeling(claim)
    if felt and (label == Label.LEADING or Flag.HYPOTHETICAL not in flag_set):
        return _cap(felt)
    if framed or label == Label.LEADING:
        built = _claim_rewrite(claim) or (_pronoun_claim(claim) if label == Label.LEADING else None)
        if built and not framed and re.match(r"^What (?:is|are) (?!that\b|it\b)", built):
            built = None  # "The substitutions are really annoying, right?": "How do you feel about the substitutions?"
        if built:
            return _cap(built)
        if framed and label == Label.LEADING:
            q = claim
    if hypothetical:
        out = _apply(_HYPOTHETICAL_RULES, q)
        if out:
            return out
        if re.match(r"^(?:imagine|suppose|picture|pretend)\b", form.clean, re.IGNORECASE):
            return "Tell me about a time something like that actually happened. What did you do?"
        main = re.split(r",\s*", q, maxsplit=1)
        if len(main) == 2:
            out = _apply(_HYPOTHETICAL_RULES, main[1])
            if out and "something like this" not in out:
                return out
        return "Tell me about the last time this came up. What did you do?"
    if label == Label.LEADING:
        out = _apply(_LEADING_RULES, q)
        if out:
            return out
        if not re.match(r"^(?:what|how|why|when|where|which|who|do|did|does|is|are|was|were|have|has|can|could|would|will)\b",
                        q, re.IGNORECASE):
            topic = _subject(q)
            if topic and topic.lower() not in ("it", "that", "this"):
                return _cap(f"How do you feel about {topic}?")
    out = _apply(_CLOSED_RULES, q)
    if out is None and Flag.PITCH in flag_set:
        # After a pitch, the useful question is about how they cope today, not about the idea.
        return "How do you handle that today?"
    return out or _fallback(q)


# The third technique: say nothing. In parentheses: an action, not words to say.
SILENCE_ALTERNATIVE = {
    "en": "(Say nothing for a few seconds and let them go on.)",
    "nl": "(Zeg een paar seconden niets en laat ze verder vertellen.)",
    "ko": "(몇 초 동안 아무 말 없이 기다려 상대가 이어서 말하게 하세요.)",
    "zh": "（先沉默几秒，让对方接着说。）",
}

# Signs that a rewrite does not read like a person wrote it.
_BAD_GRAMMAR = [
    re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE),
    re.compile(r"\s'(?:d|s|re|ve|ll|m|t)\b"),  # a contraction cut from its word: "when they 'd run out", "didn 't"
    # A word cut off by a false start and kept: "Tell me more about the same-." (from "is it the same- is it…").
    re.compile(r"[a-z]-(?=\s|[?.!]|$)", re.IGNORECASE),
    # "made you" with a finite verb after it: "What made you didn't tell him?"
    re.compile(r"\bmade\s+(?:you|them|him|her|us)\s+(?:didn't|did|don't|doesn't|wasn't|weren't|was|were|had|has|is|are)\b",
               re.IGNORECASE),
    re.compile(r"\b(?:about|with|of|for)\s+(?:isn't|is|was|are|were|do|does|did|don't|didn't|would|will|can|could|should|"
               r"has|have|had|you'd|you'll|i'd|i|we|they|he|she)\b(?!\s*(?:'s|own))", re.IGNORECASE),
    re.compile(r"\b(?:need|needed|want|wanted|get|got)\s+(?:you|them|us|me)\s+(?:a|an|the|some|\d)", re.IGNORECASE),
    re.compile(r"^what\s+else\s+(?:i|you|we|they)\b", re.IGNORECASE),
    re.compile(r"\bhow\s+you\s+(?:prefer|like|love|want|need|know|think|mind|own|have|hate|enjoy)\b", re.IGNORECASE),
    re.compile(r"(?:^|\s)(?:with|for|of|to|in|on|at|the|a|an|your|and|or)\s*[?.]$", re.IGNORECASE),
    re.compile(r"\byou\s+(?:is|was|has)\b|\bi\s+(?:is|are|was|has)\b", re.IGNORECASE),
    re.compile(r"(?<!getting )(?<!got )(?<!get )(?<!become )(?<!gets )\b(?:better|more|less|worse)\s*[?.]$", re.IGNORECASE),
    re.compile(r"\bhow\s+you\s+(?:must|were|was|are|am|'re|should|could)\b|\bthe\s+last\s+time\s+you\s+had\s+\w+(?:ed|en)\b",
               re.IGNORECASE),
    re.compile(r"\babout\s+(?:bet|guess|think|reckon|suppose|imagine|must)\b", re.IGNORECASE),
    re.compile(r"\b(?:about|with|of|for)\s+(?:it's|that's|there's|you're|i'm|we're|they're|he's|she's)\b", re.IGNORECASE),
    re.compile(r"\w's\s*[?.]$", re.IGNORECASE),
    # A pronoun taken for the topic's noun: "Tell me about the you.", "the both.", "How did you feel about you?"
    re.compile(r"\b(?:the|a|an|your|my|our|their)\s+(?:you|me|him|her|them|us|both|i|we|they|it)\s*[?.]$", re.IGNORECASE),
    re.compile(r"\byou\b.*\babout\s+you\s*[?.]$", re.IGNORECASE),
    re.compile(r"(?<=\w\s)You\b"),
    # A request that ends on "about": "Tell me about the last time you talked about." (a question may: "What were
    # you worried about?").
    re.compile(r"^(?:tell|talk|walk)\s+me\b.*\babout\s*[.?]$", re.IGNORECASE),
]
_LAST_TIME = re.compile(r"\bthe\s+last\s+time\s+you\s+(?P<verb>[a-z]+)\b", re.IGNORECASE)
_GENERIC = frozenset("""
time times thing things something anything way ways lot bit kind sort one ones day days week weeks part experience
people person today use using like know think feel want need get go make take say tell ask question example moment
""".split())


_ABOUT_THE = re.compile(r"^.*\b(?:about|with|of)\s+(?:the|your|my|our|their)\s+(?P<np>[\w'-]+(?:\s+[\w'-]+){0,4})\s*[?.]$",
                        re.IGNORECASE)
# Words that end a noun phrase without being its noun ("the other", "the second", "the main").
_NOT_HEADS = frozenset("""
other others same main whole first second third last next long nobody everybody somebody anybody everyone someone
anyone one ones own real only few several
""".split())


def _noun_phrase_ok(words: list[str]) -> bool:
    """A short noun phrase after its determiner ends on its noun, with no verb form or adjective after the noun ("the
    garden centre changed", "your manager aware", "your kids pick", "the other"); lemminflect's dictionary says what a
    word can be. Phrases with a clause in them ("the people who work there") are left to the other checks."""
    lows = [w.lower() for w in words]
    if any(re.search(r"n't$|'(?:re|ve|ll|d|m)$", w) for w in lows[1:]) or lows[-1:] == ["yet"]:
        return False  # "the van didn't", "the lift yet"
    if not lows or len(lows) > 5 or any(w in _CLAUSE_WORDS for w in lows):
        return True

    def only_adjective(w: str) -> bool:
        return _is_adjective(w) and not _is_noun(w) and not _verb_lemma(w)

    def verb_form(w: str) -> bool:  # "changed", "collected", "arrives": an inflected verb, never a noun
        lemma = _verb_lemma(w)
        return bool(lemma) and lemma != w and not _is_noun(w) and not w.endswith("ing")

    last = lows[-1]
    if last in _NOT_HEADS and not (len(lows) > 1 and last == "one"):
        return False
    for i, w in enumerate(lows[1:], 1):
        before = lows[i - 1]
        if before.endswith("'s") and not _is_noun(w) and (_is_adjective(w) or _verb_lemma(w)) and not (
                i + 1 < len(lows) and _is_noun(lows[i + 1])):
            return False  # "the driver's nearby": that 's is "is" (but "the council's online portal" owns a noun)
        if (_is_noun(before) and not _is_adjective(before) or words[i - 1][:1].isupper()) and before not in _NOT_HEADS and (
                verb_form(w) or (_is_adjective(w) and not _is_noun(w)) or (
                    _verb_lemma(w) == w and (not _is_noun(w) or _plural(before)))):
            return False
    return not (len(lows) == 1 and only_adjective(last))


_CLAUSE_WORDS = frozenset("who whom which that when where you they it them we he she i me us him her".split())


_INFLECTED = re.compile(r"\b[a-z]{2,}(?:ing|ed)\b")
_CLOSED_CLASS_ING = frozenset({"during", "notwithstanding"})
_FUNCTION_STEMS = frozenset("another other itself himself herself themselves myself yourself ourselves something "
                            "anything nothing everything someone anyone".split())


@lru_cache(maxsize=16384)
def _real_inflection(word: str) -> bool:
    """``word`` (ending in -ing or -ed) is a word: lemminflect's dictionary knows it, or it is a noun or verb made
    into a verb form ("texting", "whatsapping" stay: not in the dictionary, but nothing else either). False for a
    verb ending put on a word of another kind that the dictionary does know ("anothering", "obviouslied"). True
    without lemminflect."""
    if word in _CLOSED_CLASS_ING:
        return True
    try:
        from simulator.nlp import lemminflect

        lemmas = lemminflect().getAllLemmas
    except ImportError:  # pragma: no cover - lemminflect ships with the project
        return True
    if lemmas(word):
        return True
    body = word[:-3] if word.endswith("ing") else word[:-2]
    kinds: set[str] = set()
    for stem in {body, body + "e", body[:-1] + "y" if body.endswith("i") else body, body[:-1] if body[-2:-1] == body[-1:] else body}:
        if stem in _DETERMINERS or stem in _NP_STOP or stem in _FUNCTION_STEMS:
            return False  # "anothering", "itselfing": a function word made a verb
        kinds |= set(lemmas(stem))
    return not kinds or bool(kinds & {"NOUN", "VERB", "PROPN"})


@lru_cache(maxsize=8192)  # the same text is read again by several checks of one rewrite
def reads_naturally(candidate: str) -> bool:
    """Cheap grammar checks on a rewrite: no doubled words, no verb after "about", no "need you a …", past tense
    after "the last time you", no dangling preposition or comparative at the end, a noun phrase after "about the"
    that ends on its noun."""
    if not candidate or any(p.search(candidate) for p in _BAD_GRAMMAR):
        return False
    # A verb ending put on a word that is no verb ("How do you feel about anothering?", "the last time you
    # obviouslied…"): no English word, by lemminflect's dictionary.
    if any(not _real_inflection(w) for w in _INFLECTED.findall(candidate.lower())):
        return False
    about = _ABOUT_THE.search(candidate)
    if about and not _noun_phrase_ok(about.group("np").split()):
        return False
    last = _LAST_TIME.search(candidate)
    if last and past(last.group("verb")) != last.group("verb").lower():
        lemma = _verb_lemma(last.group("verb").lower())
        if not lemma or _inflect(lemma, "VBD") != last.group("verb").lower():
            return False
    return True


def _content(text: str) -> set[str]:
    from .rules import content_words

    return {w for w in content_words(text) if w not in _GENERIC and len(w) > 2}


@lru_cache(maxsize=8192)  # the same text is read again by several checks of one rewrite
def _keeps_topic(candidate: str, question: str) -> bool:
    """The rewrite still names what the question was about: the head of its first noun phrase, or one of its
    names ("BasketRun", "WhatsApp"); a noun phrase cut short ("the WhatsApp" of "the WhatsApp group") does not."""
    body = re.sub(r"[?.!]+$", "", _untag(strip_markers(question)[0]))
    body = _FUTURE_TIME.sub("", re.sub(r"^\s*(?:if|imagine|suppose)\b[^,]+,\s*", "", body, flags=re.IGNORECASE))
    body = re.sub(r"\s+(?:if|when|because|unless)\b.*$", "", body, flags=re.IGNORECASE)  # the condition is not the topic
    low = candidate.lower()
    names = [w for w in re.findall(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'-]*[a-z][\w'-]*", body) if w not in ("I", "I'm", "I'd")]
    np = _first_np(body)
    if np:
        words = [w.lower().strip(",") for w in np.split()[1:]]
        if words and words[-1] not in low and not any(n.lower() in low for n in names):
            return False
    elif names and not any(n.lower() in low for n in names):
        return False
    return True


def _spacy_topic(question: str) -> str | None:
    """The question's topic noun phrase as written (spaCy noun chunks): the object or subject that is not the
    person being asked ("the WhatsApp group", "BasketRun's prices"), None when it only speaks of "it" or "that"."""
    try:
        from simulator import nlp
    except ImportError:  # pragma: no cover
        return None
    if getattr(nlp, "_pipeline", None) is None:
        return None  # not loaded in this process (the command line): the regular noun phrase has to do
    doc = _parse(re.sub(r"[?!.]+$", "", question.strip()))
    if doc is None:
        return _first_np(question)
    best, best_rank = None, 99
    for chunk in _noun_chunks(doc):
        root = chunk.root
        if root.pos_ == "PRON" or root.lower_ in _GENERIC:
            continue
        rank = {"dobj": 0, "pobj": 1, "attr": 2, "nsubj": 3, "nsubjpass": 3}.get(root.dep_, 4)
        if rank < best_rank:
            words = [t for t in chunk if t.dep_ not in ("predet",) and not (t.i == chunk.start and t.lower_ in
                                                                          ("a", "an", "any", "some"))]
            phrase = " ".join(t.text for t in words).replace(" 's", "'s").replace(" '", "'")
            phrase = _TRAILING_COMPARATIVE.sub("", phrase).strip()
            if phrase:
                if words and words[0].lower_ not in _DETERMINERS and words[0].pos_ != "PROPN" and \
                        chunk.root.tag_ not in ("NNS", "NNPS") and words[0].tag_ not in ("PRP$", "POS"):
                    phrase = "the " + phrase
                best, best_rank = phrase, rank
    return best


# Words of a question that are not its topic: the verdict, feeling or guess it pushes, and template words.
_NOT_TOPIC_STEMS = frozenset("""
bet guess suppose imagine reckon assume think feel felt sound seem mean say right yeah huh true mainly main real really
biggest worst best whole issue problem reason point lot bit thing way kind sort stage moment part deal end ready sure
""".split())


def _topic_stems(text: str) -> set[str]:
    from .rules import LOADED, content_words

    words = [w for w in re.findall(r"[a-z0-9'-]+", strip_markers(text)[0].lower())]
    loaded = {w for w in words if w in LOADED}
    return {w for w in _content(text) if w not in _NOT_TOPIC_STEMS and w not in loaded
            and not any(w == c[: len(w)] for c in loaded)}


@lru_cache(maxsize=8192)  # the same text is read again by several checks of one rewrite
def _shares_topic(candidate: str, question: str) -> bool:
    """The rewrite shares a topic word with the question (its nouns and verbs, not its verdicts or template words),
    or the question has none ("That must be stressful, huh?")."""
    def bare(words: set[str]) -> set[str]:
        return {re.sub(r"'s?$", "", w) for w in words}

    mine = bare(_topic_stems(question))
    return not mine or bool(mine & bare(_content(candidate)))


# The frame of a guess or a summary around the claim it hands over ("so", "I bet", "is it because", "was it … that").
_GUESS_FRAME = re.compile(
    r"^(?:so\s+|and\s+|but\s+)?(?:(?:i\s+bet|i\s+guess|i\s+suppose|i\s+imagine|i'd\s+imagine|i\s+reckon|i\s+assume|"
    r"i'm\s+sure|surely|presumably)\s+(?:that\s+)?|(?:is|was)\s+(?:it|that)\s+(?:mainly\s+|just\s+)?because\s+(?:of\s+)?|"
    r"would\s+you\s+say\s+(?:that\s+)?)", re.IGNORECASE)
_TRAILING_WORDS = re.compile(r"(?:\s+(?:then|now|by\s+now|by\s+then|at\s+that\s+point|at\s+the\s+time|though|i\s+guess|i\s+suppose|i\s+bet|after\s+that|at\s+all))+\s*$",
                             re.IGNORECASE)
_SKIP_NOUNS = frozenset("""
half quarter lot bit time thing things way kind sort point stage moment part deal end issue problem reason one ones reasons
""".split())
_DROP_MODIFIERS = frozenset("""
same real main whole more most really very so too such pretty quite just only biggest worst best new
""".split())
_DULL_VERBS = frozenset("be have do get think feel make say know want go try keep seem sound mean bet guess suppose "
                        "imagine reckon let".split())


def _np_text(chunk) -> str | None:
    from .rules import LOADED

    words = []
    asked = False  # "How many dogs": the question's own words go, "the" takes their place
    for tok in chunk:
        low = tok.lower_
        if (low == "how" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in ("many", "much")) or (
                asked and low in ("many", "much")):
            asked = True
            continue
        if tok.dep_ == "det" and low in ("a", "an", "some", "any"):
            continue
        if tok.i < chunk.root.i and (low in _DROP_MODIFIERS or low in LOADED or tok.pos_ == "ADV"
                                     or (tok.pos_ == "ADJ" and tok.tag_ in ("JJR", "JJS"))):
            continue
        if tok.i < chunk.root.i and tok.pos_ in ("ADJ", "VERB") and tok.tag_ in ("VBG", "JJ") and low.endswith("ing"):
            continue  # "a really exhausting week": the feeling is theirs to name
        words.append(tok)
    if not words or words[-1] != chunk.root:
        return None
    phrase = " ".join(t.text for t in words).replace(" 's", "'s").replace(" '", "'")
    had_det = asked or any(t.dep_ == "det" for t in chunk)
    if had_det and words[0].dep_ != "det" and words[0].tag_ not in ("PRP$", "POS") and chunk.root.pos_ != "PROPN" \
            and not any(t.dep_ == "poss" for t in words):
        phrase = "the " + phrase
    return phrase


_VERDICT_NOUNS = frozenset("relief headache nightmare hassle straw pain mess joke disaster shame waste rip-off".split())


def _claim_noun(word: str) -> bool:
    """A word that is the verdict or feeling being handed over ("relief", "crushing"), not a topic."""
    from .rules import _FEELINGS, LOADED

    word = word.lower()
    return any(w in LOADED or w in _FEELINGS or w in _VERDICT_NOUNS for w in (word, word.rstrip("s")))


_CLAUSE_HEDGE = re.compile(r"\b(?:kind|sort)\s+of\s+(?!(?:the|a|an|thing|things|person|people|place)\b)", re.IGNORECASE)
_WHEN_CLAUSE = re.compile(r"\bwhen\s+(?P<c>(?:you|they|it|we|he|she|the|your|their|my|our)\b[^,?.!]+)$", re.IGNORECASE)
_EVALUATED = re.compile(r"^(?P<np>(?:the|your|their|our)\s+[\w'-]+(?:\s+[\w'-]+)?)\s+(?P<be>is|are|was|were)\s+"
                        r"(?:(?:so|too|really|pretty|just|quite|very|a\s+bit|badly|way|more|less|much)\s+)*[\w-]+\b", re.IGNORECASE)
_VAGUE_HEAD = re.compile(r"\b(?:lot|bit|time|thing|things|way|kind|sort|point|stage|moment|part|deal|end|issue|problem|"
                         r"reason|one|ones|same|first)$", re.IGNORECASE)


def _regex_rewrite(clause: str, label: Label) -> str | None:
    """The parse-free part of :func:`_parsed_rewrite`: a "when" clause, an evaluated subject, the first noun phrase."""
    when = _WHEN_CLAUSE.search(clause)
    if when:
        # (Without the interviewer's hedge: "when you kind of gave up on it" -> "when you gave up on it".)
        inner = _tidy(_CLAUSE_HEDGE.sub("", when.group("c")))
        if inner and len(inner.split()) >= 2:
            past_clause = _PAST_CLAUSE.search(inner) or any(_is_past(w) for w in inner.split())
            return f"What {'happened' if past_clause else 'happens'} when {_lower_first(inner)}?"
    cleft = re.match(r"^(?:it's|it\s+is|it\s+was)\s+(?:mainly\s+|really\s+|just\s+|all\s+)?(?P<np>(?:the|your)\s+[\w'-]+)\s+"
                     r"(?:that|which)\b", clause, re.IGNORECASE)
    if cleft and not _VAGUE_HEAD.search(cleft.group("np")):
        np = cleft.group("np")
        return f"How do you feel about {np}?" if label == Label.LEADING else f"Tell me about {np}."
    evaluated = _EVALUATED.match(clause)
    if evaluated and not _VAGUE_HEAD.search(evaluated.group("np")):
        np = evaluated.group("np")
        words = np.split()
        if len(words) == 3 and words[2].lower() in _NP_STOP | {"so", "too", "really", "pretty", "just"}:
            np = " ".join(words[:2])
        be = evaluated.group("be").lower()
        return f"What {be} {_lower_first(np)} like for you?"
    from .rules import LOADED

    def ask(phrase: str) -> str:
        return f"How do you feel about {phrase}?" if label == Label.LEADING else f"Tell me about {phrase}."

    # The verdict words and intensifiers go first: "a really exhausting week" names the week.
    plain = " ".join(w for w in clause.split() if w.lower().strip(",") not in LOADED
                     and w.lower().strip(",") not in _DROP_MODIFIERS and not _claim_noun(w.strip(",")))
    words = plain.split()
    for i, word in enumerate(words):
        if word.lower() not in _DETERMINERS - _QUANTIFIERS - {"that", "this", "these", "those"}:
            continue
        np = _np_at(words, i)
        if not np:
            continue
        parts = np.split()
        if len(parts) >= 3 and re.search(r"[a-z]ed$", parts[-1]):
            parts = parts[:-1]  # "the spreadsheet shared (with …)": a participle, not part of the name
        if parts[0].lower() in ("a", "an"):
            parts[0] = "the"
        if len(parts) >= 2 and not _VAGUE_HEAD.search(parts[-1]) and parts[-1].lower() not in _DETERMINERS:
            if re.match(r"^(?:it's|it\s+has)\s+been\b", clause, re.IGNORECASE):
                return f"How has {' '.join(parts)} been for you?"
            return ask(" ".join(parts))
    # A name ("done with FreshCart"), a bare noun after a preposition ("worried about money", "paid by work").
    name = re.search(r"(?<!^)\b([A-Z][a-z]+[A-Z]\w*|[A-Z][a-z]{2,})\b", plain)
    if name and name.group(1) not in ("I", "I'm", "I'd"):
        return ask(name.group(1))
    bare = re.search(r"\b(?:about|with|of|for|by|on)\s+(?P<n>[a-z][a-z-]{2,})\b(?!\s+(?:to|that|which|who)\b)", plain,
                     re.IGNORECASE)
    if bare and bare.group("n").lower() not in _NP_STOP | _DETERMINERS | _PRONOUN_OBJECTS | _SKIP_NOUNS and \
            not bare.group("n").lower().endswith(("ing", "ly")):
        if re.search(r"\b(?:kind|sort|type)\s+of\s+$", plain[: bare.start("n")], re.IGNORECASE):
            return ask("the " + bare.group("n").lower())  # "what kind of bike is it": the bike, not "about bike"
        return ask(bare.group("n").lower())
    # An action they were handed: "thinking of moving out", "ready to give up".
    action = re.search(r"\b(?:of|to|about)\s+(?P<v>[a-z]{3,}?)(?P<p>\s+(?:out|up|off|away|back|in|on|over))?(?:\s|$)",
                       plain, re.IGNORECASE)
    if action and label == Label.LEADING and action.group("v").lower() not in _NP_STOP | _DETERMINERS \
            and action.group("v").lower() not in _DULL_VERBS:
        verb = action.group("v").lower()
        return f"How do you feel about {verb if verb.endswith('ing') else gerund(verb)}{action.group('p') or ''}?"
    return None


# Whether a rewrite may load the English pipeline itself (about a second, once) when the templates fall short.
# Off by default: a parse costs more than the rest of classifying a turn, so it is used where the engine has
# already loaded the pipeline (the app), and the command line keeps to the parse-free rewrites.
_LOAD_PIPELINE = os.environ.get("INTERVIEW_SIM_REWRITE_PARSE", "") == "1"


def _parsed_rewrite(focus: str, label: Label) -> str | None:
    """An open question built from the parse of the question's claim: "What happened when you cancelled?",
    "What are the trains like for you?", "How do you feel about the cost?", "How do you feel about moving out?".
    Loads the English pipeline once, the first time a template falls short; None without it."""
    clause = _HEDGE.sub("", _untag(focus.strip()))
    clause = _GUESS_FRAME.sub("", clause)
    clause = _TRAILING_WORDS.sub("", clause).strip(" ,")
    # "the van's more trouble": that 's is "is", not a possessive.
    clause = re.sub(r"(\w)'s\s+(?=(?:more|less|just|really|so|too|pretty|been|not|always|never|quite|a|an|the|"
                    r"[a-z]+ly)\b)", r"\1 is ", clause)
    if not clause or not re.search(r"[a-z]", clause, re.IGNORECASE):
        return None
    quick = _regex_rewrite(clause, label)
    if quick:
        return quick
    try:
        from simulator import nlp
    except ImportError:  # pragma: no cover
        return None
    if getattr(nlp, "_pipeline", None) is None and not _LOAD_PIPELINE:
        return None  # not loaded in this process (the command line): the regular expressions have to do
    doc = _parse(clause)
    if doc is None:
        return None
    # A "when" clause names the moment: ask what happened then.
    for tok in doc:
        if tok.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX") and any(
                c.lower_ == "when" and c.i < tok.i for c in tok.children):
            words = [t for t in tok.subtree if t.lower_ != "when"]
            sub = " ".join(t.text for t in words).replace(" 's", "'s").replace(" n't", "n't").replace(" '", "'")
            past_tense = tok.tag_ in ("VBD",) or any(c.tag_ == "VBD" for c in tok.children if c.dep_ in ("aux", "auxpass"))
            if sub and not re.match(r"^(?:it|that|this)\b", sub, re.IGNORECASE):
                return f"What {'happened' if past_tense else 'happens'} when {_lower_first(sub)}?"
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    past_tense = root.tag_ == "VBD" or any(c.tag_ == "VBD" for c in root.children if c.dep_ in ("aux", "auxpass"))
    chunks = [c for c in _noun_chunks(doc) if c.root.pos_ in ("NOUN", "PROPN") and c.root.lower_ not in _SKIP_NOUNS
              and not (c.root.pos_ == "NOUN" and len(c.root.text) <= 2) and not _claim_noun(c.root.lower_)]
    # An evaluated subject ("the trains are so unreliable", "the pharmacy is badly run"): what is it like?
    for chunk in chunks:
        if chunk.root.dep_ in ("nsubj", "nsubjpass") and chunk.root.head == root and (
                root.lemma_ == "be" or root.tag_ == "VBN"):
            np = _np_text(chunk)
            if np:
                plural = chunk.root.tag_ in ("NNS", "NNPS")
                be = ("were" if plural else "was") if past_tense else ("are" if plural else "is")
                return f"What {be} {np} like for you?"
    # "It's been a really exhausting week": how has it been?
    if root.lemma_ == "be" and root.tag_ == "VBN" and any(c.lemma_ == "have" for c in root.children):
        for chunk in chunks:
            if chunk.root.dep_ == "attr":
                np = _np_text(chunk)
                if np:
                    return f"How has {np} been for you?"
    rank = {"attr": 0, "dobj": 0, "pobj": 1, "nsubj": 2, "nsubjpass": 2}
    for chunk in sorted(chunks, key=lambda c: rank.get(c.root.dep_, 3)):
        np = _np_text(chunk)
        if np:
            return f"How do you feel about {np}?" if label == Label.LEADING else f"Tell me about {np}."
    # No noun: the action they were handed ("you're thinking of moving out" -> moving out).
    for tok in doc:
        if tok.pos_ == "VERB" and tok.tag_ in ("VB", "VBG", "VBP", "VBZ") and tok.lemma_.lower() not in _DULL_VERBS \
                and not _claim_noun(tok.lower_) and not _claim_noun(tok.lemma_.lower()) and not (
                    tok.tag_ == "VBG" and any(c.lemma_ == "be" and c.dep_ in ("aux", "auxpass") for c in tok.children)
                    and not any(c.dep_ in ("dobj", "prt", "prep") for c in tok.children)):
            particle = " ".join(c.text for c in tok.children if c.dep_ == "prt")
            return f"How do you feel about {gerund(tok.lemma_.lower())}{' ' + particle if particle else ''}?"
    return None


_OBJECT_DEPS = ("dobj", "prt", "prep", "dative", "acomp", "xcomp", "ccomp", "advmod", "npadvmod", "attr", "oprd")
_SKIP_ADVERBS = frozenset("still ever really actually just also even usually normally always never already last "
                          "then now anyway too exactly basically".split())
_SUBJECT_WORDS = {"you": "you", "they": "they", "we": "you", "he": "he", "she": "she", "i": "you"}


def _last_time_rewrite(focus: str) -> str | None:
    """"Tell me about the last time you paid for it." from "Are you still paying for it?", "Tell me about the last time
    they refunded you." from "Did they refund you?": the question's own action, asked about as a past occasion. None
    when the pipeline is not loaded or the question names no action of theirs (a feeling, "be", "have")."""
    try:
        from simulator import nlp
    except ImportError:  # pragma: no cover
        return None
    if getattr(nlp, "_pipeline", None) is None:
        return None
    from .rules import LOADED, _PRESUPPOSED_FEELINGS

    clause = _GUESS_FRAME.sub("", _HEDGE.sub("", _untag(focus.strip())))
    clause = _TRAILING_WORDS.sub("", re.sub(r"[?.!]+$", "", clause)).strip(" ,")
    doc = _parse(clause) if clause else None
    if doc is None:
        return None
    verbs = [t for t in doc if t.pos_ == "VERB" and t.dep_ in ("ROOT", "xcomp", "ccomp", "conj")]
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma in _DULL_VERBS or lemma in LOADED or lemma in _PRESUPPOSED_FEELINGS or lemma in (
                "find", "like", "love", "hate", "remember", "recall", "notice", "mind", "expect", "wonder", "agree"):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.head is not verb:
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        who = _SUBJECT_WORDS.get(subject.lower_) if subject is not None else None
        if who is None:
            continue
        tail_tokens = []
        for child in verb.children:
            if child.dep_ in _OBJECT_DEPS and child.i > verb.i and child.lower_ not in _SKIP_ADVERBS:
                words = [t for t in child.subtree if t.lower_ not in _SKIP_ADVERBS and t.lower_ not in LOADED]
                tail_tokens.extend(words)
        tail = " ".join(_FLIP_OBJECT.get(t.lower_, t.text) for t in sorted(tail_tokens, key=lambda t: t.i))
        tail = tail.replace(" 's", "'s").replace(" n't", "n't").replace(" '", "'")
        if re.search(r"\b(?:or|and|if|whether|than)\b", tail):
            tail = re.split(r"\s+\b(?:or|and|if|whether|than)\b", tail)[0]
        if len(tail.split()) > 6:
            tail = " ".join(tail.split()[:6])
            if tail.split()[-1].lower() in _NP_STOP | _DETERMINERS:
                continue
        form = past(lemma)
        if subject is not None and subject.dep_ == "nsubjpass" and verb.tag_ == "VBN":
            # "When were they installed?": what was done to them, not what they did ("the last time they installed")
            form = f"{'was' if who in ('he', 'she') else 'were'} {verb.lower_}"
        tail = _tail_text(tail.split())
        out = f"Tell me about the last time {who} {form}{' ' + tail if tail else ''}."
        return out
    return None


# The interviewer's own words keep their owner: "our product" is still ours in the rewrite, "me" becomes "you"
# only where the rewrite turns the sentence round.
_FLIP_OBJECT = {"me": "you", "us": "you", "myself": "yourself"}


_FACT_Q = re.compile(r"^(?:(?:so|and|but|ok|okay|um|uh|like)\s*,?\s+)*(?P<aux>did|is|was|are|were|isn't|wasn't|aren't|weren't)\s+(?P<body>(?:the|your|my|our|"
                     r"their|his|her)\s+[\w\s'-]+?)\s*[?.!]*$", re.IGNORECASE)
_HAPPY = frozenset("happy unhappy satisfied pleased glad okay ok fine sure aware able ready willing".split())


def _fact_rewrite(focus: str) -> str | None:
    """"Did the refund arrive on time?" -> "What happened when the refund arrived?", "Did the pharmacy have your
    prescription ready?" -> "What happened with the pharmacy?", "Is the gym busy in the mornings?" -> "What is the gym
    like in the mornings?": a yes/no question about a thing (not about the person) asked as an open one. Parse-free:
    lemminflect's dictionary tells the head noun from the verb or adjective after it."""
    m = _FACT_Q.match(focus)
    if not m:
        return None
    words = re.findall(r"[\w'-]+", m.group("body"))
    aux = m.group("aux").lower().replace("n't", "")  # "Wasn't the bike cheaper?": what it was like
    if aux == "did":
        end = _subject_np(words)
        if end is None:
            return None
        np = " ".join(words[:end])
        rest = [w for w in words[end:] if w.lower() not in _SOFT_ADVERBS]
        lemma, after = _verb_tail(rest)  # "manage to get there" -> get, there
        tail = re.sub(r"\s*\b(?:on|in)\s+time$", "", " ".join(after))
        if lemma in ("like", "love", "enjoy", "hate", "mind", "prefer", "appreciate", "dislike", "rate", "value"):
            # "Did the kids enjoy it?" -> "What did the kids make of it?": their view, without the verdict.
            obj = " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in tail.split()) or "it"
            return f"What did {np} make of {obj}?"
        if not lemma or lemma in _DULL_VERBS | {"help", "need", "want", "like"} or len(tail.split()) > 3:
            return f"What happened with {np}?"
        tail = " ".join(_FLIP_OBJECT.get(w.lower(), w) if w.lower() not in ("me", "us") else "you" for w in tail.split())
        return f"What happened when {np} {past(lemma)}{' ' + tail if tail else ''}?"
    for end in range(2, min(len(words), 4) + 1):
        if end >= len(words):
            return None
        head = words[end - 1].lower()
        at = end
        while at + 1 < len(words) and words[at].lower() in ("any", "very", "so", "too", "really", "quite", "pretty"):
            at += 1  # "Was the tutor any good?": the adjective after the intensifier
        adj = words[at].lower()
        if head in _NP_STOP or head in _SKIP_NOUNS or head in _DETERMINERS or _claim_noun(head):
            return None
        if adj.endswith("ing") and _verb_lemma(adj) and _verb_lemma(adj) != adj:
            return None  # "Is the new rota working out?": a verb in progress, not a verdict
        ends = at + 1 == len(words) or words[at + 1].lower() in ("to", "in", "at", "for", "with", "enough", "again")
        if at + 1 < len(words) and words[at + 1].lower() not in _DETERMINERS | _PREPOSITIONS and \
                _is_noun(words[at + 1].lower()) and not ends:
            continue  # "the only thing": an adjective of the next noun, not a verdict on this one
        if (_is_noun(head) or not _is_adjective(head)) and _is_adjective(adj) and (not _is_noun(adj) or ends):
            from .rules import _FEELINGS

            if adj in _HAPPY or adj in _FEELINGS:
                return None  # "Was your daughter happy with the tutor?": the templates ask about the tutor
            np = " ".join(words[:end])
            after = " ".join(words[at + 1:])
            pp = re.match(r"^(?:in|at|on|during)\s+(?:the|a|an|your|their)?\s*[\w-]+$", after, re.IGNORECASE)
            return f"What {aux} {np} like{' ' + pp.group(0) if pp else ''}?"
    return None


# ---------------------------------------------------------------------------------------------
# One reading of the clause, one construction per technique.
#
# A flagged question is read into its parts (the auxiliary that opens it, its subject, the adverbs, the main verb
# or the predicate after "be", the rest) with lemminflect's dictionary, so that the command line, which does not
# load spaCy, and the app read it the same way. The rewrite then replaces the part the question offered for a yes
# with the question word that asks for it ("Was anyone with you?" -> "Who was with you?", "Is that why you
# switched?" -> "What made you switch?", "Can you remember what it said?" -> "What did it say?"), or asks how it
# was for them ("I bet you were glad to be rid of it" -> "How did you feel about being rid of it?"), in the
# question's own tense.

_AUX_FORMS = {
    "do": "do", "does": "does", "did": "did", "is": "is", "are": "are", "was": "was", "were": "were", "am": "am",
    "have": "have", "has": "has", "had": "had", "can": "can", "could": "could", "will": "will", "would": "would",
    "should": "should", "may": "may", "might": "might", "must": "must",
    "'d": "would", "'re": "are", "'s": "is", "'ve": "have", "'ll": "will", "'m": "am",
}
_NEGATED_AUX = re.compile(r"^(?P<a>do|does|did|is|are|was|were|have|has|had|could|would|should|must|need)n't$|^(?P<b>can't|won't)$",
                          re.IGNORECASE)
_SUBJECT_PRONOUNS = {"you", "it", "that", "this", "they", "he", "she", "we", "there", "i"}
_INDEFINITE = {"anyone": "who", "anybody": "who", "someone": "who", "somebody": "who", "anything": "what",
               "something": "what"}
_OBJECT_FORM = {"you": "you", "they": "them", "he": "him", "she": "her", "we": "you", "i": "you", "it": "it",
                "that": "that", "this": "this"}
_CLAUSE_ADVERBS = frozenset("""
ever still really actually just also even usually normally always never already probably definitely maybe perhaps
basically mainly mostly simply clearly obviously surely honestly finally eventually ultimately generally typically
kind sort
""".split())
_TIME_TAIL = re.compile(r"\s*,?\s*\b(?:again|any\s*more|at\s+all|by\s+now|since|then|now|these\s+days|any\s+longer|"
                        r"in\s+the\s+end|after\s+all|mostly|first|yet|too|as\s+well|though|either|long|before|"
                        r"next\s+\w+|this\s+(?:year|month|week|term|summer|winter|spring|autumn)|in\s+future|"
                        r"in\s+the\s+future|one\s+day|someday|soon)\s*$", re.IGNORECASE)
_FRAME = re.compile(
    r"^(?:(?:so|and|but|well|okay|ok|right|then|oh|now)\s*,?\s+)*(?:basically\s*,?\s+)?"
    r"(?:(?:i\s+bet|i'd\s+bet|i\s+guess|i'd\s+guess|i'm\s+guessing|i\s+suppose|i\s+imagine|i'd\s+imagine|i\s+reckon|"
    r"i\s+assume|i'm\s+sure|i\s+take\s+it|surely|presumably|obviously|clearly|it\s+sounds\s+like|sounds\s+like|"
    r"it\s+seems\s+like|seems\s+like|it\s+sounds\s+as\s+if|i\s+think|"
    r"(?:do|did)\s+you\s+(?:think|reckon|feel|suppose)|would\s+you\s+say|you'd\s+say)\s*,?\s+(?:that\s+|like\s+)?)?",
    re.IGNORECASE)
_END_WORDS = re.compile(r"(?:\s*,?\s*\b(?:i\s+guess|i\s+suppose|i\s+bet|i\s+imagine|i\s+think|then|though|or\s+what|or|in\s+the\s+end|"
                        r"or\s+not|and\s+all\s+that|or\s+something)\b)+\s*$", re.IGNORECASE)
_END_WORDS_LASTS = frozenset("deghknrstDEGHKNRST")  # the last letters of its words ("guess", "then", "or", ...)
# The last words of its phrases ("i guess", "or what", "in the end", "and all that", ...).
_END_WORDS_WORDS = frozenset("guess suppose bet imagine think then though what or end not that something".split())
_FALSE_START = re.compile(r"^(?P<s>(?:\w+\s+){0,2}\w+)\s*,\s+(?P=s)\b", re.IGNORECASE)
_HEDGE_FILLERS = re.compile(r"\b(?:kind\s+of|sort\s+of|like,|you\s+know,|i\s+mean,)\s+", re.IGNORECASE)
_FEELING_WORDS = frozenset("""
glad happy unhappy relieved pleased okay ok fine sick fed tired annoyed upset angry worried nervous disappointed
frustrated stressed guilty embarrassed ashamed scared afraid proud sad thrilled excited delighted satisfied let
ignored hurt gutted devastated overwhelmed lonely bored comfortable uncomfortable confident sure keen
""".split())
_FEELING_VERBS = frozenset("like love hate enjoy mind miss trust resent dread fancy prefer appreciate care".split())
_CATENATIVES = {"go": "to", "plan": "to", "want": "to", "decide": "to", "manage": "to", "try": "to", "get": "to", "have": "to", "need": "to", "keep": "ing", "start": "ing",
                "end": "up"}


# A clause said, not asked: it starts with its subject ("you'd never pay…", "and the app is down again…").
_SAID_START = re.compile(r"^(?:(?:and|so|but|okay|ok)\s*,?\s+)*(?:you|you'd|you're|you've|you'll|they|they're|they'd|he|she|it|"
                         r"it's|that|that's|we|we're|the|your|their|nobody|everyone|everybody)\b(?!\s+(?:is|are|was|were|do|"
                         r"does|did|have|has|had|can|could|will|would)\s*$)", re.IGNORECASE)
# A question tag at the end: ", are you", ", did they", ", won't it"; a caption's without its comma (after a clause
# said, :data:`_SAID_START`): "… would you".
_TAG_AUX = r"(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|wo|ca)(?:n't)?\s+"
_COMMA_TAG = re.compile(r",\s*" + _TAG_AUX + r"(?:you|it|they|he|she|we|that|there|i)\s*$", re.IGNORECASE)
_BARE_TAG = re.compile(r"\s+" + _TAG_AUX + r"(?:you|it|they|he|she|we|that|there)\s*$", re.IGNORECASE)


@lru_cache(maxsize=8192)  # the same text is read again by several checks of one rewrite
def _clean_clause(focus: str) -> str:
    """The question without markers, fillers, false starts, tags, hedges and trailing time words."""
    s = strip_markers(focus or "")[0].strip()
    if re.search(r"\b(?:um+|uh+|erm|er)\b|(?:^|,)\s*(?:you\s+know|i\s+mean|like)\s*,", s, re.IGNORECASE):
        s = nlp.strip_disfluencies(s)
    s = re.sub(r"\b(did|do|does|was|were|is|are|have|has|had|can|could|would|will)\s*,\s+(?:like\s*,\s+)?", r"\1 ", s,
               flags=re.IGNORECASE)  # "did, like, your flatmates": the commas of speech
    s = _HEDGE_FILLERS.sub("", s)
    for _ in range(2):
        s = _FALSE_START.sub(lambda m: m.group("s"), s.strip())
    s = re.sub(r"[?.!]+$", "", s).strip()
    for _ in range(2):
        s = _untag(_END_TAG.sub("", s)).strip(" ,")
        s = _end_cut(_END_WORDS, _END_WORDS_LASTS, s, _END_WORDS_WORDS).strip(" ,")
        s = _COMMA_TAG.sub("", s).strip(" ,")
        if _SAID_START.match(s):  # "and you'd never pay for your own would you"
            s = _BARE_TAG.sub("", s).strip(" ,")
    s = _FRAME.sub("", s).strip(" ,")
    s = re.sub(r"^(?:(?:so|and|but|then|okay|ok)\s*,?\s+)+", "", s, flags=re.IGNORECASE)
    return _undislocate(s.strip(" ,"))


_DISLOCATED_LEFT = re.compile(
    r"^(?P<np>(?:the|your|my|our|their|his|her)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?)\s*,\s*(?:(?:so|and|um|uh)\s*,?\s+)*"
    r"(?P<aux>is|was|are|were|do|does|did|has|have|had|can|could|will|would)\s+(?:he|she|it|they|that)\b(?P<rest>.*)$",
    re.IGNORECASE)
_DISLOCATED_RIGHT = re.compile(
    r"^(?P<aux>is|was|are|were)\s+(?:it|that|they)\s+(?P<pred>[^,]+?)\s*,\s*(?P<np>(?:the|your|my|our|their|his|her|all\s+the)"
    r"\s+[\w' -]+)$", re.IGNORECASE)


_RESTARTED = re.compile(
    r"^(?P<aux>is|was|are|were|do|does|did|has|have|had|can|could|will|would)\s+(?P<np>(?:the|your|my|our|their|his|her)\s+"
    r"[\w'-]+(?:\s+[\w'-]+){0,3}?)\s*,\s*(?:(?:um|uh|er)\s*,?\s+)*(?P=aux)\s+(?:he|she|it|they)\b(?P<rest>.*)$", re.IGNORECASE)


def _undislocate(clause: str) -> str:
    """The noun phrase put back in place of the pronoun that stands for it: "the landlord, has he been round" ->
    "has the landlord been round", "was it stressful, the whole moving thing" -> "was the whole moving thing
    stressful", "do the customers, do they pay by card" -> "do the customers pay by card" (spoken questions name
    their topic before or after the question, or start again with a pronoun)."""
    m = _RESTARTED.match(clause)
    if m:
        return f"{m.group('aux')} {m.group('np')}{m.group('rest')}"
    m = _DISLOCATED_LEFT.match(clause)
    if m:
        return f"{m.group('aux')} {_lower_first(m.group('np'))}{m.group('rest')}"
    m = _DISLOCATED_RIGHT.match(clause)
    if m:
        return f"{m.group('aux')} {_lower_first(m.group('np'))} {m.group('pred')}"
    return clause


_PRONOUN_CONTRACTION = re.compile(r"^(you|it|that|they|he|she|we|there|i)('d|'re|'s|'ve|'ll|'m)$", re.IGNORECASE)


def _split_contractions(words: list[str]) -> list[str]:
    out = []
    for w in words:
        m = _PRONOUN_CONTRACTION.match(w) if "'" in w else None
        out.extend([m.group(1), m.group(2)] if m else [w])
    return out


class _Clause:
    """A question or a claim read into parts: ``aux`` (base word, e.g. "did"), ``neg``, ``inverted``, ``subj``
    (words), ``advs``, ``pred`` (the words after the subject, auxiliaries and adverbs)."""

    def __init__(self, aux, neg, inverted, subj, pred, aux2=None):
        self.aux, self.neg, self.inverted, self.subj, self.pred, self.aux2 = aux, neg, inverted, subj, pred, aux2

    @property
    def who(self) -> str:
        return " ".join(self.subj)

    @property
    def past(self) -> bool:
        return self.aux in ("did", "was", "were", "had") or (self.aux is None and bool(self.pred) and _is_past(self.pred[0]))


def _is_past(word: str) -> bool:
    low = word.lower()
    lemma = _verb_lemma(low)
    if not lemma or lemma == low:
        return False
    # British doubling ("cancelled", "travelled") beside the dictionary's American past ("canceled").
    return _inflect(lemma, "VBD") == low or (low.endswith("lled") and low == lemma + "led")


def _aux_of(word: str) -> tuple[str | None, bool]:
    low = word.lower()
    if low in _AUX_FORMS:
        return _AUX_FORMS[low], False
    neg = _NEGATED_AUX.match(low)
    if neg:
        return (neg.group("a") or {"can't": "can", "won't": "will"}[neg.group("b")]), True
    return None, False


def _read_subject(words: list[str], i: int) -> int | None:
    """Where the subject starting at ``words[i]`` ends: a pronoun, "anyone (else)", "you and your husband", or a
    determiner-led noun phrase."""
    if i >= len(words):
        return None
    low = words[i].lower()
    if low in _SUBJECT_PRONOUNS or low in _INDEFINITE:
        end = i + 1
        if end < len(words) and words[end].lower() == "else":
            end += 1
        if low in _INDEFINITE and end + 2 < len(words) and words[end].lower() in ("from", "at", "in", "on") and \
                words[end + 1].lower() in _OWNERS:
            sub = _subject_np(words[end + 1:])  # "anybody from the support team | call you back"
            if sub:
                end = end + 1 + sub
        if low in ("you", "they", "we") and end < len(words) and words[end].lower() in ("both", "all"):
            end += 1  # "Did you both agree": "you both" is the subject
        if low == "you" and end + 1 < len(words) and words[end].lower() == "and":
            sub = _subject_np(words[end + 1:])
            if sub:
                end = end + 1 + sub
        return end
    if low in _OWNERS:
        if i == 1 and words[0].lower() in ("will", "would", "can", "could", "should", "do", "does", "did", "won't",
                                           "wouldn't", "can't", "don't", "doesn't", "didn't", "might", "may"):
            # "Will your team switch over": the noun phrase ends before the base verb.
            for end in range(i + 2, min(len(words), i + 5)):
                word = words[end].lower()
                if _verb_lemma(word) == word and word not in _NP_STOP - {"use", "get", "go", "make", "take",
                                                                             "keep", "send", "give"}:
                    return end
        sub = _subject_np(words[i:])
        if sub:
            return i + sub
        # "Is the nursery close": a noun then an adjective or a preposition.
        if i + 2 <= len(words) and _is_noun(words[i + 1].lower()):
            return i + 2
    if words[i][:1].isupper() and i > 0 and not _verb_lemma(low):
        return i + 1  # a name: "Did Sam …"
    return None


def _read(clause: str) -> _Clause | None:
    words = _split_contractions(re.findall(r"[\w'-]+", clause))
    if len(words) < 2:
        return None
    aux, neg = _aux_of(words[0])
    inverted = aux is not None
    i = 1 if inverted else 0
    end = _read_subject(words, i)
    if end is None:
        return None
    subj = words[i:end]
    j = end
    aux2 = None
    if not inverted:
        aux, neg = _aux_of(words[j]) if j < len(words) else (None, False)
        if aux:
            j += 1
    if j < len(words) and words[j].lower() in ("not", "n't"):
        neg, j = True, j + 1
    while j < len(words) and words[j].lower() in _CLAUSE_ADVERBS | {"not", "of"} and not (
            words[j].lower() in ("kind", "sort") and words[j + 1:j + 2] != ["of"]):  # "sort it out" is a verb
        if words[j].lower() == "not":
            neg = True
        j += 1
    # A second auxiliary: "would have been", "had been", "have had to".
    while j < len(words) and words[j].lower() in ("have", "been", "be") and j + 1 < len(words):
        aux2 = (aux2 or "") + " " + words[j].lower()
        j += 1
    return _Clause(aux, neg, inverted, subj, words[j:], (aux2 or "").strip() or None)


def _verb_tail(pred: list[str]) -> tuple[str | None, list[str]]:
    """The lemma of the predicate's verb (past a catenative: "end up going", "manage to get") and what follows."""
    if not pred:
        return None, []
    lemma = _verb_lemma(pred[0].lower())
    rest = pred[1:]
    if lemma in _CATENATIVES and rest:
        link = _CATENATIVES[lemma]
        if link == "to" and rest[0].lower() == "to" and len(rest) > 1 and _verb_lemma(rest[1].lower()):
            return _verb_lemma(rest[1].lower()), rest[2:]
        if link == "ing" and rest[0].lower().endswith("ing") and _verb_lemma(rest[0].lower()):
            return _verb_lemma(rest[0].lower()), rest[1:]
    return lemma, rest


def _flip(words: list[str]) -> str:
    return " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in words)


def _tail_text(words: list[str]) -> str:
    text = _TIME_TAIL.sub("", " " + " ".join(words)).strip()
    text = _TIME_TAIL.sub("", " " + text).strip()
    return text


def _invert(clause_words: list[str], wh: str) -> str | None:
    """"What did it say?" from "what" + "it said"; "How much do you spend a month?" from "how much" + "you spend a
    month"."""
    sub_end = _read_subject(clause_words, 0)
    if not sub_end or sub_end >= len(clause_words):
        return None
    subj, rest = clause_words[:sub_end], clause_words[sub_end:]
    aux, _ = _aux_of(rest[0])
    who = " ".join(subj)
    if aux:
        return f"{wh} {aux} {who}{' ' + ' '.join(rest[1:]) if rest[1:] else ''}?"
    lemma = _verb_lemma(rest[0].lower())
    if not lemma:
        return None
    if _is_past(rest[0]):
        do = "did"
    else:
        do = "does" if who.lower() in ("he", "she", "it", "that", "this") or (
            len(subj) > 1 and not _plural(who)) else "do"
    return f"{wh} {do} {who} {lemma}{' ' + ' '.join(rest[1:]) if rest[1:] else ''}?"


def _wh_open(clause: str, embedded: str | None = None) -> str:
    """A wh-question ("who was with you"), or, where the scorer reads it as closed, the same words embedded in an
    invitation ("Tell me about who was with you."; ``embedded`` gives the statement order where it differs:
    "where you were when it happened")."""
    question = _cap(clause + "?")
    return question if _is_open(question) else _cap(f"Tell me about {embedded or clause}.")


def _tense_do(c: _Clause) -> str:
    return "did" if c.past or c.aux2 or c.aux in ("could", "should", "would") and c.aux2 else "do"


def _wh_rewrite(focus: str, label: Label, flags: set[Flag]) -> str | None:
    """The open question behind a yes/no question or a guess, from :func:`_read`; None when no construction fits."""
    clause = _clean_clause(focus)
    if not clause:
        return None
    # "Can you tell me how many orders you get?": a request to the interviewer with the question inside it
    # (the faux-invitation rewrite asks that); "tell" is not the customer's action to ask about.
    if re.match(r"^(?:can|could|would|will)\s+you\s+(?:please\s+|just\s+)?(?:tell|show|walk|explain|describe|give|"
                r"talk)\b", clause, re.IGNORECASE):
        return None
    # "When was the last time you rang them?": the last time itself.
    last = _WHEN_LAST.match(clause)
    if last:
        return f"Tell me about the last time {_flip(last.group('c').split())}."
    # "Where did you stay?", "What time did you get there?": the same question asked as an invitation.
    wh = re.match(r"^(?P<wh>where|what\s+time|who\s+else|who|how\s+long(?=\s+(?:was|were)\b))\s+"
                  r"(?P<rest>(?:did|do|does|was|were|is|are)\s+.+)$", clause,
                  re.IGNORECASE)
    if wh:
        words = _split_contractions(wh.group("rest").split())
        aux, _ = _aux_of(words[0])
        end = _read_subject(words, 1)
        whw = wh.group("wh").lower()
        if whw.startswith("who") and aux in ("was", "were", "is", "are") and end is None:
            return _wh_open(f"{whw} {aux} {_flip(words[1:])}")  # "Who else was involved?"
        if whw.startswith("who") and aux in ("do", "does", "did") and len(words) > 2 and \
                words[1].lower() in ("the", "a", "an", "all", "most", "your", "their"):
            return _wh_open(f"{whw} {' '.join(words)}")  # "Who does the cooking at home?": who is the subject
        if end and end < len(words):
            subj = words[1:end]
            rest = words[end:]
            if aux in ("did", "do", "does"):
                lemma = _verb_lemma(rest[0].lower())
                if lemma:
                    verb = past(lemma) if aux == "did" else _agree(" ".join(subj), lemma)
                    whw = "when" if whw == "what time" else whw
                    body = f"{whw} {' '.join(subj)} {verb}{' ' + _flip(rest[1:]) if rest[1:] else ''}"
                    lead = "Walk me through" if re.search(r"\babout\s+(?:it|that|this)$", body) else "Tell me about"
                    return f"{lead} {body}."
            elif aux:
                return f"Tell me about {whw} {' '.join(subj)} {aux} {_flip(rest)}."
    # "Who looks after the accounts?": who it is, as an invitation.
    who_does = re.match(r"^(?P<wh>who(?:\s+else)?)\s+(?P<v>[a-z]+s)\s+(?P<rest>.+)$", clause, re.IGNORECASE)
    if who_does and _verb_lemma(who_does.group("v").lower()) and not _aux_of(who_does.group("v"))[0] and \
            _inflect(_verb_lemma(who_does.group("v").lower()), "VBZ") == who_does.group("v").lower():
        return _wh_open(f"{who_does.group('wh').lower()} {who_does.group('v').lower()} {who_does.group('rest')}")
    # "Would you say that's normal for them?": what usually happens.
    usual = re.match(r"^(?:that|it|this)(?:'s|\s+is|\s+was)\s+(?:pretty\s+|quite\s+|fairly\s+)?(?:normal|typical|usual)"
                     r"(?:\s+(?:for|with)\s+(?P<who>them|him|her|the\s+[\w-]+|your\s+[\w-]+))?$", clause, re.IGNORECASE)
    if usual:
        return f"What usually happens with {usual.group('who') or 'it'}?"
    # "How many people work there?": the people themselves.
    many = re.match(r"^how\s+many\s+(?P<n>[a-z]+)\s+(?P<v>[a-z]+)\b(?P<rest>.*)$", clause, re.IGNORECASE)
    if many and _verb_lemma(many.group("v").lower()) and many.group("v").lower() not in _AUX_FORMS and \
            not _aux_of(many.group("v"))[0]:
        rel = "who" if many.group("n").lower() in ("people", "staff", "kids", "children", "men", "women", "students",
                                                   "customers", "employees", "friends", "workers") else "that"
        return f"Tell me about the {many.group('n').lower()} {rel} {many.group('v').lower()}{many.group('rest')}."
    # "Was that before you moved here?": what was going on then.
    around = re.match(r"^(?:was|is)\s+(?:that|it|this)\s+(?P<p>before|after)\s+(?P<c>(?:you|they|he|she|we|the|your)\b.+)$",
                      clause, re.IGNORECASE)
    if around:
        return f"What was going on for you {around.group('p').lower()} {_flip(around.group('c').split())}?"
    # "Is this something you do every week?": a typical week.
    typical = re.match(r"^(?:is|was)\s+(?:this|that|it)\s+something\s+(?:that\s+)?(?:you|they)\s+[\w\s'-]*?\b"
                       r"(?:every|each|a|once\s+a)\s+(?P<unit>day|week|month|year|weekend|morning|evening)$", clause,
                       re.IGNORECASE)
    if typical:
        return f"Walk me through a typical {typical.group('unit').lower()}."
    # "When the van didn't show up, did you ring them?": what they did at that moment.
    preposed = re.match(r"^when\s+(?P<c>[^,]+?)\s*,\s*(?P<aux>did|do)\s+(?P<who>you|they|he|she|we)\s+(?P<rest>.+)$", clause,
                        re.IGNORECASE)
    if preposed and not re.match(r"^(?:you|i|we)\s+(?:say|said|mention|mentioned|talk|talked|mean|meant)\b", preposed.group("c"),
                                 re.IGNORECASE) and (_verb_lemma(preposed.group("rest").split()[0].lower()) or "") not in (
            "mean", "say", "think"):
        # ("When you say it was a mess, do you mean the paperwork?" is about the words, not a moment.)
        who = _SUBJECT_WORDS.get(preposed.group("who").lower(), "you")
        return f"What {preposed.group('aux').lower()} {who} do when {_flip(preposed.group('c').split())}?"
    # "Does it bother you when the app crashes?": the feeling handed over goes, the moment stays.
    bother = re.match(r"^(?P<aux>does|did|do|would|will)(?:n't)?\s+(?:it|that|this)\s+(?:ever\s+|really\s+)?(?P<v>bother|annoy|upset|"
                      r"worry|frustrate|stress|bug|irritate|scare|concern|embarrass)\s+(?:you|them)\s+(?:when|if|that)\s+"
                      r"(?P<c>(?:you|they|the|your|their|it|he|she|nobody|no\s+one|someone|people)\b.+)$", clause, re.IGNORECASE)
    if bother:
        tense = "did" if bother.group("aux").lower() == "did" or _PAST_CLAUSE.search(bother.group("c")) else "do"
        return f"How {tense} you feel when {_flip(bother.group('c').split())}?"
    # "It was the fees that made you leave the bank": the cleft's guess goes, its action is asked about.
    cleft = re.match(r"^(?:so\s+)?(?:it|that)\s+(?:was|is|'s)\s+(?:mainly\s+|really\s+|just\s+|probably\s+)?(?:the|your|their)\s+"
                     r"[\w' -]+?\s+(?:that|which)\s+(?P<v>[a-z]+)\s+(?P<rest>(?:you|them|him|her|us|me)\b.+)$", clause, re.IGNORECASE)
    if cleft and _verb_lemma(cleft.group("v").lower()) and cleft.group("v").lower() != _verb_lemma(
            cleft.group("v").lower()):
        return f"What {cleft.group('v').lower()} {_flip(cleft.group('rest').split())}?"
    # "Was that because the software kept crashing?": what was going on with the thing the reason names.
    # (In the present, "Is it because the trains are so unreliable?", the older reading asks what X is like.)
    because = re.match(r"^was\s+(?:that|it|this)\s+(?:mainly\s+|just\s+)?because\s+(?:of\s+)?(?P<np>(?:the|your|their)\s+"
                       r"[\w'-]+(?:\s+[\w'-]+)?)", clause, re.IGNORECASE)
    if because:
        words = because.group("np").split()
        end = _subject_np(words + ["was"]) or len(words)
        np = " ".join(words[:end])
        rest = re.findall(r"[\w'-]+", clause[because.start("np"):])
        read = _read_np(rest, 0) if rest else None
        if read and len(read) < len(np.split()):
            np = " ".join(read)  # "because the trainer left": the trainer
        if _noun_phrase_ok(np.split()[1:]) and not _claim_noun(np.split()[-1]):
            return f"What was going on with {_lower_first(np)}?"
    # "Did the price or the reviews matter more to you?": how they weighed the two up.
    either = re.match(r"^(?P<aux>did|do|does)\s+(?P<a>(?:the|your|their)\s+[\w'-]+(?:\s+[\w'-]+)?)\s+or\s+"
                      r"(?P<b>(?:the|your|their)\s+[\w'-]+(?:\s+[\w'-]+)?)\s+(?:matter|count|weigh)\b", clause, re.IGNORECASE)
    if either:
        tense = "did" if either.group("aux").lower() == "did" else "do"
        return f"How {tense} you weigh up {either.group('a')} and {either.group('b')}?"
    # "Have you been able to get hold of the landlord?", "Were they able to fix the leak the same day?": what happened
    # when they tried.
    able = re.match(r"^(?:(?:have|has|had)\s+(?P<s1>you|they|he|she|we|i)\s+been|(?:were|was)\s+(?P<s2>you|they|he|she|we|i))"
                    r"\s+(?:ever\s+|actually\s+)?able\s+to\s+(?P<v>[a-z]+)(?P<rest>.*)$", clause, re.IGNORECASE)
    if able and _verb_lemma(able.group("v").lower()) == able.group("v").lower():
        who = _SUBJECT_WORDS.get((able.group("s1") or able.group("s2")).lower(), "you")
        rest = _tail_text(_flip(able.group("rest").split()).split())
        return f"What happened when {who} tried to {able.group('v').lower()}{' ' + rest if rest else ''}?"
    # "Was there a point where you thought about leaving?", "Were there any moments when you felt like giving up?":
    # the moment itself, as a story.
    moment = _EXISTENTIAL_MOMENT.match(clause)
    if moment:
        inner = _flip(moment.group("c").split())
        return f"Tell me about a time when {inner}."
    # "the problem there was that nobody owned it", "the main issue is the cost of childcare": the answer offered
    # after "is"/"was" becomes the question.
    # "Is the price the only thing stopping you?", "Was it the fees that made you leave?": what did it.
    only = _ONLY_THING.match(clause)
    if only and _verb_lemma(only.group("v").lower()):
        v = only.group("v").lower()
        aux = only.group("be").lower()
        verb = f"{'is' if aux == 'is' else 'was'} {v}" if v.endswith("ing") else v
        return f"What {verb} {_flip(only.group('rest').split())}?"
    offered = _OFFERED_COMPLEMENT.match(clause)
    if offered and not _claim_noun(offered.group("np").split()[-1]) and offered.group("np").split()[-1].lower() not in (
            "it", "that", "this", "thing", "things"):
        return f"What {offered.group('be').lower()} {_lower_first(offered.group('np'))}?"
    if re.match(r"^(?:is|was)\s+(?:it|that|this)\s+the\s+first\s+time$", clause, re.IGNORECASE):
        return "Tell me about the other times it has happened."
    c = _read(clause)
    if c is None:
        return None
    low_pred = [w.lower() for w in c.pred]
    subj_low = [w.lower() for w in c.subj]
    who = c.who if subj_low[0] != "i" else "you"
    past_tense = c.past or c.aux in ("had",)
    hypothetical = Flag.HYPOTHETICAL in flags

    # "Has the garden centre changed much since …?", "And that worked out well for you?": the degree or manner they
    # were offered is what "how" asks for. (Not a cause offered, "so you paused it because it cost too much": what made
    # them do it is the question, below.)
    how = None if _OFFERED_CAUSE.search(clause) else _how_rewrite(c, hypothetical)
    if how and _is_open(_cap(how)):
        return how

    # "You were probably too tired to cook": what got in the way (before the feeling it names).
    if label == Label.LEADING and "too" in low_pred and "to" in low_pred:
        at = low_pred.index("to")
        if at > low_pred.index("too") and at + 1 < len(low_pred) and _verb_lemma(low_pred[at + 1]):
            tail = _tail_text([_FLIP_OBJECT.get(w, w) for w in low_pred[at + 2:]])
            return f"What got in the way of {gerund(_verb_lemma(low_pred[at + 1]))}{' ' + tail if tail else ''}?"

    # "Were you at work when it happened?": where they were then; "How long were you on hold?" -> being on hold.
    when_at = low_pred.index("when") if "when" in low_pred else None
    if subj_low[0] in ("you", "he", "she", "they") and c.aux in ("was", "were", "is", "are") and low_pred and \
            low_pred[0] in ("at", "in", "on") and when_at and when_at > 1:
        return _wh_open(f"where {c.aux} {subj_low[0]} {' '.join(c.pred[when_at:])}",
                        f"where {subj_low[0]} {c.aux} {' '.join(c.pred[when_at:])}")

    # "You've been there before, haven't you?": the last time they were there.
    if subj_low == ["you"] and c.aux in ("have", "had") and c.aux2 == "been" and low_pred[:1] in (["there"], ["here"]):
        return "Tell me about the last time you were there."

    # "Was it raining when you set off?": what it was like then.
    if subj_low[0] in ("it", "that", "this") and c.aux in ("was", "is") and len(low_pred) >= 3 and \
            low_pred[0].endswith("ing") and low_pred[1] == "when":
        return f"What {c.aux} it like {' '.join(c.pred[1:])}?"

    # "Didn't the hotel offer you another room?", "Did you buy a new one?": what it was.
    if c.inverted and c.aux in ("did", "do", "does") and c.pred and subj_low[0] not in _INDEFINITE:
        verb = _verb_lemma(low_pred[0])
        obj_at = next((i for i, w in enumerate(low_pred[1:4], 1) if w in ("a", "an", "another", "any", "some")
                       and i + 1 < len(low_pred) and low_pred[i + 1] not in _SKIP_NOUNS | {"lot", "few", "little", "couple"}),
                      None)
        if verb and verb not in _DULL_VERBS | _FEELING_VERBS | {"need", "want", "use", "like"} and obj_at and all(
                w.lower() in ("you", "me", "us", "them", "him", "her") for w in low_pred[1:obj_at]) and \
                not any(w in ("or", "and", "to") for w in low_pred[obj_at:]):
            indirect = _flip(c.pred[1:obj_at])
            aux = c.aux if c.aux != "does" or subj_low[0] not in ("you", "they") else "do"
            return f"What {aux} {_lower_first(who)} {verb}{' ' + indirect if indirect else ''}?"

    # "Didn't the shop offer to replace it?": what they offered (said, suggested).
    if c.inverted and c.aux == "did" and c.pred and subj_low[0] not in _INDEFINITE and subj_low[0] != "you" and \
            _verb_lemma(low_pred[0]) in ("offer", "say", "suggest", "promise", "tell", "explain", "recommend"):
        verb = _verb_lemma(low_pred[0])
        to_you = " you" if low_pred[1:2] in (["you"], ["me"], ["us"]) else ""
        return f"What did {_lower_first(who)} {verb}{to_you}?"

    # "Can you pay for it by card?": how they do it.
    if c.inverted and c.aux in ("can", "could") and subj_low == ["you"] and c.pred and c.aux2 is None:
        verb = _verb_lemma(low_pred[0])
        if verb and verb not in _DULL_VERBS | _FEELING_VERBS | _NOT_ACTIONS and verb == low_pred[0]:
            tail = []
            for w in c.pred[1:]:
                if w.lower() in ("by", "with", "online", "in", "at", "on", "using", "through", "via"):
                    break
                tail.append(_FLIP_OBJECT.get(w.lower(), w))
            tail_text = _tail_text(tail)
            return f"How do you {verb}{' ' + tail_text if tail_text else ''}?"

    # "Is that why you switched?", "Is there a reason you didn't complain?": what made them do it.
    if c.inverted and c.aux in ("is", "was") and subj_low[0] in ("that", "this", "it", "there"):
        rest = low_pred
        if rest[:2] in (["a", "reason"], ["any", "reason"]):
            rest = rest[2:]
            if rest[:1] in (["why"], ["that"]):
                rest = rest[1:]
        elif rest[:1] == ["why"]:
            rest = rest[1:]
        else:
            rest = None
        if rest:
            inner = _read(" ".join(c.pred[len(c.pred) - len(rest):]))
            if inner and inner.subj and inner.subj[0].lower() in ("you", "they", "he", "she", "we", "i"):
                verb, tail = _verb_tail(inner.pred)
                if verb and verb not in ("be",):
                    obj = _OBJECT_FORM.get(inner.subj[0].lower(), "you")
                    tail_text = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in tail])
                    if inner.neg:
                        return f"What stopped {obj} from {gerund(verb)}{' ' + tail_text if tail_text else ''}?"
                    return f"What made {obj} {verb}{' ' + tail_text if tail_text else ''}?"

    # "Can you remember what it said?", "Do you know how many hours you work?": the question inside.
    if c.inverted and subj_low == ["you"] and low_pred and _verb_lemma(low_pred[0]) in ("remember", "recall", "know",
                                                                                          "tell", "say"):
        rest = c.pred[1:]
        if rest and rest[0].lower() == "me":
            rest = rest[1:]
        m = re.match(r"^(what|how\s+much|how\s+many\s+\w+|how\s+long|how|why|where|when|who)\s+(.+)$", " ".join(rest),
                     re.IGNORECASE)
        if m:
            wh = m.group(1)
            inner_words = m.group(2).split()
            if _verb_lemma(low_pred[0]) in ("remember", "recall"):
                return f"What do you remember about {wh.lower()} {' '.join(inner_words)}?"
            if wh.lower() == "who" and inner_words and _verb_lemma(inner_words[0].lower()):
                built = f"Who {' '.join(inner_words)}?"
            else:
                built = _invert(inner_words, wh[:1].upper() + wh[1:].lower())
            if built and _is_open(_cap(built)):
                return built
            return f"Tell me about {wh.lower()} {' '.join(inner_words)}."

    # "Was anyone with you?", "Did anyone help you set it up?": who (or what) it was.
    if subj_low[0] in _INDEFINITE and c.aux:
        wh = _INDEFINITE[subj_low[0]] + (" else" if len(subj_low) > 1 and subj_low[1] == "else" else "")
        wh += "".join(" " + w for w in c.subj[len(wh.split()):])  # "who from the support team"
        if c.aux in ("did", "do", "does"):
            verb, tail = (_verb_lemma(low_pred[0]), c.pred[1:]) if low_pred else (None, [])
            if verb:
                form = past(verb) if c.aux == "did" else _inflect(verb, "VBZ") or verb
                return _wh_open(f"{wh} {form}{' ' + _flip(tail) if tail else ''}")
        elif c.pred:
            aux = {"are": "is", "were": "was"}.get(c.aux, c.aux)
            then = " then" if aux == "was" and not re.search(r"\b(?:then|when|at\s+the\s+time)\b", clause, re.IGNORECASE) else ""
            return _wh_open(f"{wh} {aux}{' ' + c.aux2 if c.aux2 else ''} {_flip(c.pred)}{then}")

    # "Do you reckon it was a good deal?": what they made of the deal.
    if subj_low[0] in ("it", "that", "this") and c.aux in ("was", "is") and len(low_pred) in (2, 3) and \
            low_pred[0] in ("a", "an") and _is_noun(low_pred[-1]) and low_pred[-1] not in _GENERIC and \
            not _claim_noun(low_pred[-1]):
        return f"What {'did' if past_tense else 'do'} you make of the {c.pred[-1]}?"

    # "Were you on your own?": who was with them.
    if c.aux in ("was", "were", "are", "is") and " ".join(low_pred) in ("on your own", "alone", "by yourself",
                                                                           "on their own", "on his own", "on her own"):
        return _wh_open(f"who {'was' if past_tense else 'is'} with {_OBJECT_FORM.get(subj_low[0], who)}"
                        f"{' then' if past_tense else ''}")

    # "Did you drive or take the train?": how they chose.
    if c.inverted and c.aux in ("did", "do") and " or " in " ".join(low_pred) and subj_low == ["you"]:
        a, b = " ".join(low_pred).split(" or ", 1)
        b_words = b.split()
        if b_words[:2] in (["did", "your"], ["did", "the"]) or b_words[:1] == ["did"]:
            verb, tail = _verb_tail(a.split())
            if verb:
                obj = _tail_text([_FLIP_OBJECT.get(w, w) for w in tail if w not in ("yourself", "myself")])
                return f"How did you decide who would {verb}{' ' + obj if obj else ''}?"
        else:
            va, ta = _verb_tail(a.split())
            vb, tb = _verb_tail(b_words)
            def _action(v, t):
                return v and (v not in _DULL_VERBS or v in ("get", "go") and t)

            if _action(va, ta) and _action(vb, tb):
                ga = " ".join([gerund(va)] + ta)
                gb = " ".join([gerund(vb)] + tb)
                return f"How did you decide between {ga} and {gb}?" if c.aux == "did" else \
                    f"How do you decide between {ga} and {gb}?"

    # "Are you still in touch with them?": how things are with them.
    if subj_low[0] in ("you", "i", "we") and c.aux in ("are", "is", "am", "were", "was") and "with" in low_pred and \
            low_pred[0] in ("in", "on", "at") and low_pred.index("with") <= 3:
        other = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in c.pred[low_pred.index("with") + 1:]])
        if other:
            state = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in c.pred])
            return f"Tell me about being {state}{' then' if past_tense else ' now'}."

    # "Was it worth the money?", "Do you think it's worth it?": what they got out of it.
    if low_pred[:1] == ["worth"]:
        thing = " ".join(c.subj) if subj_low[0] not in ("that", "this", "it") else "it"
        if len(low_pred) > 2 and low_pred[1] in _OWNERS and thing == "it":
            return f"What {'did' if past_tense else 'do'} you get for {_tail_text([_FLIP_OBJECT.get(w, w) for w in low_pred[1:]])}?"
        return f"What {'did' if past_tense else 'do'} you get out of {_lower_first(thing)}?"

    # "did you end up going": what they ended up doing.
    if low_pred[:2] == ["end", "up"] or low_pred[:2] == ["ended", "up"]:
        return f"What {'did' if c.aux in ('did', None) else 'do'} {_SUBJECT_WORDS.get(subj_low[0], _lower_first(who))} end up doing?"

    # "Is she still working there?": what it is like for her.
    if c.inverted and c.aux in ("is", "are") and subj_low[0] in ("he", "she", "they") and low_pred and \
            low_pred[0].endswith("ing") and _verb_lemma(low_pred[0]) and _verb_lemma(low_pred[0]) not in _DULL_VERBS:
        return f"What is it like for {_OBJECT_FORM[subj_low[0]]} {' '.join(c.pred)}?"

    # "Should the landlord have fixed it sooner?": what they expected of them.
    if c.aux in ("should", "could", "would") and c.aux2 == "have" and subj_low[0] not in _SUBJECT_PRONOUNS:
        return f"What did you expect from {_lower_first(who)}?"

    # "You'd have preferred to go by train, wouldn't you?": how they feel about that way.
    if subj_low == ["you"] and c.aux == "would" and low_pred[:1] and _verb_lemma(low_pred[0]) in ("prefer", "like", "love") \
            and low_pred[1:2] == ["to"] and len(low_pred) > 2 and _verb_lemma(low_pred[2]):
        tail = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in c.pred[3:]])
        return f"How do you feel about {gerund(_verb_lemma(low_pred[2]))}{' ' + tail if tail else ''}?"

    # "Don't you wish you'd gone sooner?": what decided the timing.
    if subj_low == ["you"] and low_pred[:1] in (["wish"], ["regret"]) and len(low_pred) >= 3:
        inner = _read(" ".join(c.pred[1:]))
        if inner and inner.subj and inner.subj[0].lower() == "you" and inner.pred:
            verb, tail = _verb_tail(inner.pred)
            words = [w for w in tail]
            timing = words and words[-1].lower() in ("sooner", "earlier", "later", "before")
            tail_text = _tail_text([w for w in words if w.lower() not in ("sooner", "earlier", "later")])
            if verb and timing:
                return f"What made you {verb}{' ' + tail_text if tail_text else ''} when you did?"

    # Feelings handed over: "I bet you were glad to be rid of it", "You probably felt let down by the school",
    # "Was she okay about it?", "so you didn't trust them after that": how they felt about it.
    if c.aux in ("was", "were", "is", "are", "am", "did", "do", "does", None, "must") and low_pred:
        k = 0
        verb = _verb_lemma(low_pred[0])
        if verb in ("feel", "get", "be", "seem", "look") and c.aux in (None, "did", "do", "does", "must"):
            k = 1
        if k < len(low_pred) and low_pred[k] in _CLAUSE_ADVERBS | {"so", "really", "very", "quite", "a", "bit", "pretty", "too"}:
            while k < len(low_pred) and low_pred[k] in _CLAUSE_ADVERBS | {"so", "really", "very", "quite", "a", "bit", "pretty", "too"}:
                k += 1
        word = low_pred[k] if k < len(low_pred) else ""
        from .rules import _FEELINGS

        feeling_verb = k == 0 and verb in _FEELING_VERBS and c.aux in (None, "did", "do", "does")
        felt = k >= 1 and verb == "feel" and bool(word) and (_is_adjective(word) or word.endswith(("ed", "en")))
        if (word in _FEELING_WORDS or word in _FEELINGS or felt) and not feeling_verb or feeling_verb:
            rest = low_pred[k + 1:]
            cased = {w.lower(): w for w in c.pred}
            if word in ("let", "fed", "sick", "tired") and rest[:1] in (["down"], ["up"], ["of"]):
                rest = rest[1:] if rest[:1] != ["of"] else rest
            if feeling_verb:
                rest = low_pred[1:]
            felt_past = c.past or c.aux in ("was", "were", "did") or (c.aux is None and _is_past(low_pred[0])) or (
                c.aux in ("must", "would", "could", "should") and (c.aux2 or "").startswith("have"))
            tense = "did" if felt_past else "do"
            person = _OBJECT_FORM.get(subj_low[0]) if subj_low[0] in ("you", "he", "she", "they", "i", "we") else None
            if person is not None:
                subject = {"him": "he", "her": "she", "them": "they"}.get(person, person)
                tense_word = tense if subject in ("you", "they") or tense == "did" else "does"
                head = f"How {tense_word} {subject} feel"
                if rest[:1] in (["about"], ["with"], ["by"], ["of"]) and len(rest) > 1:
                    obj = _tail_text([_FLIP_OBJECT.get(w, cased.get(w, w)) for w in rest[1:]])
                    if obj:
                        return f"{head} about {obj}?"
                if rest[:1] == ["to"] and len(rest) > 1 and _verb_lemma(rest[1]):
                    obj = _tail_text([_FLIP_OBJECT.get(w, w) for w in rest[2:]])
                    return f"{head} about {gerund(_verb_lemma(rest[1]))}{' ' + obj if obj else ''}?"
                if rest[:1] == ["when"] and len(rest) > 2:
                    # The when-clause sets the time: "…angry when the van was late?" -> "How did you feel when…".
                    if tense == "do" and _PAST_CLAUSE.search(" ".join(rest[1:])):
                        head = f"How did {subject} feel"
                    return f"{head} when {' '.join(rest[1:])}?"
                if rest and rest[0].endswith("ing") and _verb_lemma(rest[0]):
                    return f"{head} about {_tail_text(rest)}?"
                if feeling_verb and rest:
                    obj = _tail_text([_FLIP_OBJECT.get(w, cased.get(w, w)) for w in rest])
                    after = re.search(r"\s+(after|since|before)\s+(.+)$", obj)
                    if after:
                        obj = obj[:after.start()]
                    if obj:
                        return f"{head} about {obj}{' ' + after.group(0).strip() if after else ''}?"
                if not rest or rest in (["to"], ["at"], ["for"]):
                    return f"{head} about it?"

    # "You were probably too busy to deal with it": what got in the way.
    if label == Label.LEADING and "too" in low_pred and "to" in low_pred:
        at = low_pred.index("to")
        if at > low_pred.index("too") and at + 1 < len(low_pred) and _verb_lemma(low_pred[at + 1]):
            tail = _tail_text([_FLIP_OBJECT.get(w, w) for w in low_pred[at + 2:]])
            return f"What got in the way of {gerund(_verb_lemma(low_pred[at + 1]))}{' ' + tail if tail else ''}?"

    # "I suppose it was cheaper to just buy a new one": what made them do it.
    if subj_low[0] == "it" and c.aux in ("was", "is", "would") and len(low_pred) >= 3 and "to" in low_pred[:3]:
        at = low_pred.index("to")
        adj = low_pred[at - 1] if at else ""
        rest = [w for w in low_pred[at + 1:] if w not in _CLAUSE_ADVERBS]
        if (adj.endswith("er") or adj in ("better", "easier", "simpler", "quicker")) and rest and _verb_lemma(rest[0]):
            tail = _tail_text([_FLIP_OBJECT.get(w, w) for w in rest[1:]])
            return f"What made you {_verb_lemma(rest[0])}{' ' + tail if tail else ''}?"

    # "Is it the same with the other apps?": how the other compares.
    if low_pred[:2] == ["the", "same"] and len(low_pred) > 4 and low_pred[2] in ("with", "at", "for", "in"):
        np = " ".join(c.pred[3:])
        return f"How {'do' if _plural(np) else 'does'} {np} compare?"

    # "Has it got any better since?", "Has it improved at all?": what has changed.
    if c.aux in ("has", "have") and subj_low[0] in ("it", "that", "this", "things") and low_pred and (
            _verb_lemma(low_pred[0]) in ("improve", "change", "get") and (
                low_pred[0] != "got" or any(w in ("better", "worse", "easier", "harder") for w in low_pred))):
        better = next((w for w in low_pred if w in ("better", "worse", "easier", "harder")), None)
        change = ("improved" if better in ("better", "easier") else "changed") if better else (
            low_pred[0] if _is_past(low_pred[0]) or low_pred[0].endswith("ed") else "changed")
        return f"What, if anything, has {change} since then?"

    # "Will your team switch over in January?": what the others have said about it.
    if hypothetical and c.aux == "will" and subj_low[0] in _OWNERS and c.pred:
        verb, tail = _verb_tail(c.pred)
        if verb and verb not in _DULL_VERBS and verb not in ("like", "mind", "want", "use", "eat"):
            tail_text = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in tail])
            tail_text = re.sub(r"\s+in\s+(?:january|february|march|april|may|june|july|august|september|october|"
                               r"november|december)$", "", tail_text, flags=re.IGNORECASE)
            return f"What has {_lower_first(who)} said about {gerund(verb)}{' ' + tail_text if tail_text else ''}?"

    # Their own action: "you just gave up on it" (a guess at why) -> "What made you give up on it?"; "Have you had
    # to call them out again?" -> "Tell me about the last time you called them out."; "Will you keep using the
    # planner next term?" -> "Tell me about the last time you used the planner."; "Would you go back?" -> "What was
    # it like there?".
    if subj_low[0] in ("you", "i", "we") and c.pred:
        verb, tail = _verb_tail(c.pred)
        particle = tail[:1] and tail[0].lower() in ("back", "again")
        if verb in ("go", "come") and (particle or "back" in low_pred or "again" in low_pred) and (
                hypothetical or c.aux in ("will", "would") or "going" in low_pred):
            # "Would you ever go back to a paper diary?", "…to a season ticket if you were in more?": what the one they
            # had was like (the condition is the interviewer's, not part of the thing).
            where = re.split(r"\s+(?:if|when|once|unless|because)\s+", " ".join(tail), maxsplit=1)[0]
            place = re.search(r"\b(?:to|at)\s+(?P<np>(?:the|your|that|this|a|an)\s+(?:same\s+)?[\w'-]+(?:\s+[\w'-]+)?)$",
                              where)
            if place:
                np = re.sub(r"^(?:that|this|a|an)\s+", "the ", re.sub(r"\bsame\s+", "", place.group("np")),
                            flags=re.IGNORECASE)
                return f"What was {np} like?"
            return "What was it like there?"
        if verb and verb not in _DULL_VERBS | _FEELING_VERBS | {"use"} | _NOT_ACTIONS - {"use", "try", "keep"} or \
                verb in ("use", "try") and tail or verb == "get" and tail and tail[0].lower() in _DETERMINERS | {"another"}:
            tail_words = [_FLIP_OBJECT.get(w.lower(), w) for w in tail]
            tail_words = ["a" if w.lower() == "another" else w for w in tail_words]
            tail_text = _tail_text(tail_words)
            if tail_text.split() and tail_text.split()[-1].lower() in (_NP_STOP | _DETERMINERS) - {"it", "them", "that"} \
                    and not _is_noun(tail_text.split()[-1].lower()):
                tail_text = ""
            caten = _verb_lemma(low_pred[0]) != verb
            if label == Label.LEADING and c.aux in ("are", "is", "am", "will") and caten and not hypothetical:
                # "You're not going to renew, are you?": how they feel about it, without the answer handed over.
                return f"How do you feel about {gerund(verb)}{' ' + tail_text if tail_text else ''}?"
            if not c.inverted and c.aux is None and c.past and label == Label.LEADING and not c.neg:
                # The reason they were handed is left out: "you moved mainly for the schools" -> "What made you move?"
                kept = []
                for w in tail_text.split():
                    if w.lower() in ("mainly", "mostly", "just", "only", "partly", "for", "because", "to", "since", "so",
                                     "as", "due", "over"):
                        break
                    kept.append(w)
                made = f"What made you {verb}{' ' + ' '.join(kept) if kept else ''}?"
                return made if not kept or _is_open(made) else f"What made you {verb}?"
            if (hypothetical and c.aux in ("will", "would", "are", "is") and caten and low_pred[0] not in (
                    "consider", "be", "like", "love", "prefer")) or (
                    c.aux in ("have", "has", "had", "did") and caten and not c.neg):
                return f"Tell me about the last time you {past(verb)}{' ' + tail_text if tail_text else ''}."
            if not c.inverted and c.aux is None and not c.past and not c.neg and label == Label.CLOSED and \
                    _verb_lemma(low_pred[0]) == low_pred[0]:
                # "you use it on your phone mostly": a declarative question, asked as an invitation.
                if tail_text:
                    return f"Tell me about how you {verb} {tail_text}."

    # A past action stated for them to confirm: "you just cancelled it then?" -> "What made you cancel it?", "they
    # never showed up?" -> "What happened when they didn't show up?".
    if not c.inverted and c.aux is None and c.pred and _is_past(c.pred[0]) and subj_low[0] in (
            "you", "they", "he", "she", "we", "i") and not hypothetical:
        verb = _verb_lemma(low_pred[0])
        if verb and verb not in _DULL_VERBS - {"get", "go", "make", "keep", "try"} | _FEELING_VERBS | {"be", "have"}:
            kept = []
            for w in c.pred[1:]:
                if w.lower() in ("mainly", "mostly", "just", "only", "partly", "because", "since", "so", "as", "due",
                                 "then", "after", "when"):
                    break
                kept.append(_FLIP_OBJECT.get(w.lower(), w))
            tail = _tail_text(kept)
            if subj_low[0] in ("you", "i", "we"):
                if c.neg or re.search(r"\bnever\b", clause, re.IGNORECASE):
                    return f"What got in the way of {gerund(verb)}{' ' + tail if tail else ''}?"
                return f"What made you {verb}{' ' + tail if tail else ''}?"
            negated = c.neg or bool(re.search(r"\bnever\b", clause, re.IGNORECASE))
            done = f"didn't {verb}" if negated else past(verb)
            return f"What happened when {subj_low[0]} {done}{' ' + tail if tail else ''}?"

    # "Had you been a member long?": how they became one.
    if subj_low == ["you"] and c.aux in ("have", "had") and c.aux2 == "been" and low_pred[:1] in (["a"], ["an"]) and \
            len(low_pred) >= 2:
        np = [w for w in c.pred if w.lower() not in ("long", "for", "very", "that", "so")]
        return f"Tell me about how you became {' '.join(np)}."

    # "Should they have warned you?": how it was not to be.
    if c.inverted and c.aux in ("should", "could") and c.aux2 == "have" and subj_low[0] in ("they", "he", "she") and \
            len(low_pred) == 2 and low_pred[1] in ("you", "me", "us") and _verb_lemma(low_pred[0]) and \
            low_pred[0] != _verb_lemma(low_pred[0]):
        return f"How did you feel about not being {low_pred[0]}?"

    # "It sounds like the landlord doesn't care.": what happened with them.
    if not c.inverted and subj_low[0] in _OWNERS and len(c.subj) >= 2 and label == Label.LEADING and c.pred and \
            c.aux in (None, "do", "does", "did") and _verb_lemma(low_pred[0]) not in (set() if c.neg else _FEELING_VERBS) | {
                None, "be", "feel", "seem", "look", "sound", "get", "have", "make"}:
        return f"What happened with {_lower_first(who)}?"

    # A fact about someone or something they mentioned: "Did it arrive in one piece?" -> "What happened when it
    # arrived?", "Did that help?" -> "What difference did that make?", "Do they charge for that?" -> "Tell me about
    # how they charge for that."
    if c.inverted and subj_low[0] in ("it", "that", "this", "they", "he", "she") and c.aux in ("did", "do", "does") \
            and c.pred and not c.neg:
        verb, tail = _verb_tail(c.pred)
        if verb == "work" and not tail:
            return f"How {'did' if c.aux == 'did' else 'does'} {subj_low[0]} work out?"
        if verb in ("help", "work", "matter"):
            return f"What difference {'did' if c.aux == 'did' else 'does'} {subj_low[0]} make?"
        if verb == "happen":
            return f"Tell me about the last time {subj_low[0]} happened."
        if verb and c.aux == "did" and past(verb) == verb and not tail:
            return f"How did {subj_low[0]} {verb}?"  # "Did it fit?": "fit" reads as the present after "when"
        if verb and verb not in _DULL_VERBS | _FEELING_VERBS:
            tail_text = _tail_text([_FLIP_OBJECT.get(w.lower(), w) if w.lower() not in ("me", "us") else "you"
                                    for w in tail])
            tail_text = re.sub(r"\s*\b(?:on\s+time|in\s+one\s+piece|ok|okay|all\s+right|alright|safely)$", "",
                               tail_text, flags=re.IGNORECASE)
            if c.aux == "did":
                return f"What happened when {subj_low[0]} {past(verb)}{' ' + tail_text if tail_text else ''}?"
            return f"Tell me about how {subj_low[0]} {_agree(subj_low[0], verb)}{' ' + tail_text if tail_text else ''}."

    # "Surely the kids loved it?": what they made of it.
    if subj_low[0] in _OWNERS and c.pred and _verb_lemma(low_pred[0]) in _FEELING_VERBS and (
            c.aux in ("did",) or (c.aux is None and _is_past(low_pred[0]))):
        obj = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in c.pred[1:]]) or "it"
        return f"What did {_lower_first(who)} make of {obj}?"

    # "It's a lot easier now, right?", "Was it busy when you got there?": what it is (was) like.
    if c.aux in ("is", "was", "are", "were") and subj_low[0] in ("it", "that", "this", "things") and low_pred:
        k = 0
        while k < len(low_pred) and low_pred[k] in ("a", "lot", "much", "so", "really", "very", "bit", "pretty", "quite",
                                                       "way", "too", "far", "even"):
            k += 1
        if k < len(low_pred) and low_pred[k] in _PRICE_WORDS:
            return f"How {'did' if past_tense else 'do'} you feel about the cost of {'it' if subj_low[0] != 'they' else 'them'}?"
        if k < len(low_pred) and _is_adjective(low_pred[k]) and (not _is_noun(low_pred[k]) or low_pred[k + 1:k + 2] == [
                "when"]) and low_pred[k] != "worth" \
                and low_pred[k] not in _NP_STOP and (k + 1 == len(low_pred) or low_pred[k + 1] in (
                    "when", "now", "at", "in", "on", "after", "before", "since", "these", "today")):
            rest = low_pred[k + 1:]
            tail = ""
            if rest[:1] in (["when"], ["now"], ["at"], ["in"], ["on"], ["after"], ["before"], ["since"]):
                tail = " " + " ".join(c.pred[k + 1:])
            be = "was" if past_tense else "is"
            return f"What {be} {'it' if subj_low[0] != 'things' else 'things'} like{tail}?"
    return None


_EXISTENTIAL_MOMENT = re.compile(
    r"^(?:was|were|is|has|have)\s+there\s+(?:been\s+)?(?:ever\s+)?(?:a|an|any|one)\s+(?:(?:particular|specific|single)\s+)?"
    r"(?:point|time|times|moment|moments|occasion|occasions|day|days)\s+(?:where|when|that)\s+"
    r"(?P<c>(?:you|they|he|she|we|i|your|the|it)\b.+)$", re.IGNORECASE)
_ONLY_THING = re.compile(
    r"^(?P<be>is|was)\s+(?:it\s+)?(?:the|your|their)\s+[\w'-]+(?:\s+[\w'-]+)?\s+the\s+(?:only|main|biggest|real|one|whole)\s+"
    r"(?:thing|reason|problem|issue|factor)\s+(?:that\s+|which\s+)?(?P<v>[a-z]+(?:ing|s|ed))\s+(?P<rest>(?:you|them|him|her|"
    r"us|me)\b.*)$", re.IGNORECASE)
_OFFERED_COMPLEMENT = re.compile(
    r"^(?P<np>(?:the|your)\s+(?:(?:main|real|biggest|big|only|whole)\s+)?(?:problem|issue|reason|thing|difficulty|"
    r"challenge|worry|concern|sticking\s+point|hardest\s+part|worst\s+part|best\s+part|hard\s+part|goal|aim|plan)"
    r"(?:\s+(?:there|then|here|now|for\s+you|with\s+(?:it|that|the\s+[\w-]+)))?)\s*,?\s+(?:(?:if\s+i'm\s+hearing\s+you"
    r"(?:\s+right)?|i\s+think|i\s+guess|then|really|basically)\s*,?\s+)*(?P<be>is|was|'s)\s+(?:that\s+|just\s+|"
    r"really\s+|basically\s+)*(?P<rest>\S.*)$", re.IGNORECASE)

# Words that offer a degree or a manner for a yes ("changed much", "worked out well", "settled in okay"): "how" asks
# for it. "any better" and its kin say something changed: "how has it changed".
_DEGREE_WORDS = frozenset("much well quickly easily okay ok alright smoothly fast badly".split())
_DEGREE_PHRASES = (("at", "all"), ("all", "right"))  # not "a lot": "Does it crash a lot?" asks how often
_CHANGE_WORDS = frozenset("better worse easier harder".split())
_OUTCOME_VERBS = frozenset({("work", ("out",)), ("turn", ("out",)), ("settle", ("in",)), ("get", ("on",)), ("go", ("down",))})
_AFTER_DEGREE = frozenset("since for at in on with now when after before so then there here these to from".split())


def _how_rewrite(c: "_Clause", hypothetical: bool) -> str | None:
    """"How has the garden centre changed since you started going?" from "Has the garden centre changed much since
    you started going?", "How did that work out for you?" from "that worked out well for you", "How have the
    headaches changed since …?" from "Have the headaches got better since …?": the question's own verb, asked with
    "how" in its own tense, the offered degree left out. None when no degree or manner word follows the verb."""
    if hypothetical or c.neg or not c.pred or c.aux in ("can", "could", "would", "should", "will", "might", "must", "may"):
        return None
    low = [w.lower() for w in c.pred]
    verb = _verb_lemma(low[0])
    if not verb or verb in ("be", "have", "do", "feel", "seem", "look", "sound", "like", "love", "hate", "mind",
                            "happen", "occur") or (
            _is_adjective(low[0]) and not _inflect(verb, "VBN") == low[0] and verb != low[0] and not _is_past(low[0])):
        return None
    at = None
    span = 1
    for i in range(1, len(low)):
        if low[i] in _DEGREE_WORDS or low[i] in _CHANGE_WORDS and low[i - 1] in ("any", "got", "get", "getting", "gotten"):
            at, span = i, 1
        elif tuple(low[i:i + 2]) in _DEGREE_PHRASES:
            at, span = i, 2
        if at is not None:
            break
    if at is None and (verb, tuple(low[1:2])) in _OUTCOME_VERBS:
        # "Is the new rota working out for everyone?": an outcome verb asks "how" without a degree word.
        tail = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in c.pred[2:]])
        form = {"do": verb, "does": verb, "did": verb, "is": gerund(verb), "are": gerund(verb), "was": gerund(verb),
                "were": gerund(verb), "has": _inflect(verb, "VBN"), "have": _inflect(verb, "VBN")}.get(c.aux or "")
        if form:
            return f"How {c.aux} {' '.join(c.subj) if c.subj[0][:1].isupper() else _lower_first(' '.join(c.subj))} " \
                   f"{form} {low[1]}{' ' + tail if tail else ''}?"
    if at is None:
        return None
    after = low[at + span:at + span + 1]
    if after and after[0] not in _AFTER_DEGREE:
        return None  # "much time", "well paid": the word belongs to what follows
    changed = low[at] in _CHANGE_WORDS
    start = at - 1 if changed and low[at - 1] == "any" else at
    tail_words = [_FLIP_OBJECT.get(w.lower(), w) for w in c.pred[1:start] + c.pred[at + span:]]
    tail = _tail_text(tail_words) if tail_words else ""
    tail = re.sub(r"\s*\b(?:so\s+far|then)$", "", tail)
    subj = [w if w.lower() != "i" else "you" for w in c.subj]
    who = " ".join(subj)
    if who and who != "I" and who.lower() not in ("you",) and not c.subj[0][:1].isupper():
        who = who[:1].lower() + who[1:]
    if changed:
        # "Has the noise got better since …?" -> "What has the noise been like since …?"; "Have the new bus times made
        # your commute any better?" -> "How is your commute with the new bus times?" ("How has it changed?" would take
        # the change as given).
        rest = _tail_text([_FLIP_OBJECT.get(w.lower(), w) for w in c.pred[at + span:]])
        if verb in ("get", "become", "go") and start == 1 + (low[1] == "any"):
            if subj[0].lower() in ("you", "they", "we", "he", "she"):
                return None
            return f"What {'have' if _plural(who) else 'has'} {who} been like{' ' + rest if rest else ''}?"
        if verb == "make" and start > 1 and c.aux in ("have", "has", "did", None):
            obj = " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in c.pred[1:start])
            return f"How {'are' if _plural(obj) else 'is'} {obj} with {who}?"
        return None
    aux = c.aux
    if aux is None:
        aux = "did" if _is_past(low[0]) else ("does" if subj[0].lower() in ("he", "she", "it", "that", "this") or (
            len(subj) > 1 and not _plural(who)) else "do")
    if aux in ("do", "does", "did"):
        form = verb
    elif aux in ("have", "has", "had"):
        form = _inflect(verb, "VBN") or past(verb)
    elif aux in ("is", "are", "was", "were", "am"):
        form = gerund(verb)
    else:
        return None
    if aux == "do" and (subj[0].lower() in ("he", "she", "it", "that", "this") or (len(subj) > 1 and not _plural(who))):
        aux = "does"
    if aux == "does" and (subj[0].lower() in ("you", "they", "we") or _plural(who)):
        aux = "do"
    return f"How {aux} {who} {form}{' ' + tail if tail else ''}?"


# After a pitch, the useful question is how they do the job today, not what they think of the idea: the action the
# pitched thing would do for them ("a button to split the bill", "an app that tracks your spending", "it lets you
# book online") becomes "How do you split the bill today?".
_PITCHED_ACTION = re.compile(
    r"\b(?:to|that|which|lets?\s+you|helps?\s+you|so\s+(?:that\s+)?you\s+(?:can|could)|you\s+could|you\s+can|would|"
    r"could|can|will|if\s+(?:the|our|an?)\s+[\w-]+|if\s+(?:we|it))\s+"
    r"(?:(?:automatically|instantly|easily|quickly|just|also)\s+)?(?P<v>[a-z]+)\s+"
    r"(?P<o>(?:(?:the|your|a|an|all|their|our|any)\s+)?(?:[a-z-]+\s+){0,2}?[a-z-]+?)"
    r"(?=\s*(?:[,.?!]|$|\s+(?:for|with|in|on|at|from|when|if|so|and|automatically|every|each|would|will|could|"
    r"instead|without|before|after)\b))", re.IGNORECASE)


def _pitch_rewrite(text: str) -> str | None:
    """"How do you split the bill today?" from "If there was a button to split the bill, would you use that?"; None
    when the pitch names no action with an object."""
    body = strip_markers(text or "")[0]
    for m in _PITCHED_ACTION.finditer(body):
        if re.match(r"if\s+we\b", m.group(0), re.IGNORECASE):
            continue  # "if we added a waiting list": our doing, not something they do today
        verb = _verb_lemma(m.group("v").lower())
        if not verb or verb in _DULL_VERBS | {"use", "like", "love", "want", "need", "buy", "sign", "try",
                                              "help", "save", "be", "have"} or m.group("v").lower() != verb and \
                _inflect(verb, "VBZ") != m.group("v").lower() and _inflect(verb, "VBD") != m.group("v").lower():
            continue
        if m.group("o").split()[0].lower() in _PARTICLES - {"in", "on"}:
            continue  # "if the slots came back": a particle, not an object
        if m.group("o").split()[0].lower() in ("by", "with", "online", "in", "at", "on", "as", "to", "from", "into",
                                                "through", "via", "like"):
            if m.group(0).lower().startswith("to "):
                return f"How do you {verb} today?"  # "a way to pay by phone"
            continue  # "if the invoices came by email": the thing's doing, not theirs
        obj = [_FLIP_OBJECT.get(w.lower(), w) for w in m.group("o").split()]
        if obj and obj[0].lower() in ("a", "an", "any", "all"):
            obj = obj[1:]
        if not obj or obj[-1].lower() in _NP_STOP | _DETERMINERS | _PRONOUN_OBJECTS or obj[0].lower() in ("you", "them"):
            continue
        if len(obj) == 1 and obj[0].lower().endswith("ly") and not _is_noun(obj[0].lower()):
            return f"How do you {verb} today?"  # "to just pay annually": how they pay, not "your annually"
        if obj[0].lower() not in _DETERMINERS and len(obj) == 1 and not obj[0].lower().endswith("s"):
            obj = ["your"] + obj
        return f"How do you {verb} {' '.join(obj)} today?"
    return None


_AGREEMENT_WITH_BEFORE = re.compile(
    r"^(?:(?:and|so|but)\s+)?(?:is|was|would|does|did|do|has)\s+(?:that|it|this)\s+(?:been\s+|be\s+)?(?:your|the\s+same|true|"
    r"right|the\s+case|how|what|something|fair|familiar|what\s+you)\b|^(?:(?:and|so)\s+)?(?:do|would)\s+you\s+agree\b|"
    r"^(?:(?:and|so)\s+)?(?:same|true)\s+for\s+you\b|^(?:(?:and|so)\s+)?(?:does|did)\s+that\s+(?:ring|sound)\b",
    re.IGNORECASE)


def _from_sentence_before(form: "Form", label: Label, flags: set[Flag]) -> str | None:
    """"A lot of people tell us the app is confusing. Is that your experience too?": the last question names no topic
    of its own and asks them to agree with the sentence before it; the open question is about that sentence's thing."""
    if len(form.sentences) < 2 or _topic_stems(form.focus):
        return None
    focus = _clean_clause(form.focus)
    if not _AGREEMENT_WITH_BEFORE.match(focus) and not re.match(r"^(?:is|was|does|did)\s+(?:that|it|this)\b",
                                                                focus, re.IGNORECASE):
        return None
    before = strip_markers(form.sentences[-2])[0].strip()
    if not _topic_stems(before):
        return None
    claim = re.sub(r"[.!?]+$", "", before).strip() + "?"
    inner = analyse(claim)
    return _open_alternative(claim, Label.LEADING if label == Label.LEADING or _AGREEMENT_WITH_BEFORE.match(focus)
                             else label, flags - {Flag.DOUBLE_BARRELED}, inner)


_CONDITIONAL_HELP = re.compile(
    r"^(?:would|will|could)\s+(?P<subj>it|that|this|(?:a|an|the|some)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+"
    r"(?:(?:really|actually)\s+)?(?:help|work|make\s+(?:(?P<obj>(?:the|your|my|our|their)\s+[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+)?"
    r"(?:things\s+)?(?:a\s+(?:lot\s+|bit\s+)?)?(?:easier|better|simpler|quicker|faster|less\s+\w+|more\s+\w+)|make\s+"
    r"(?:a|any|much\s+of\s+a)\s+difference|be\s+(?:easier|better|useful|helpful|simpler|quicker|more\s+\w+))"
    r"(?:\s+(?:for|to)\s+(?:you|them|your\s+[\w-]+))?(?:\s+to\s+(?:have|get)\s+(?P<had>(?:the|your|my|our|their)\s+[\w'-]+"
    r"(?:\s+[\w'-]+){0,2}?)\s+[a-z]+(?:ed|en|t)\b.*|\s+if\s+(?P<cond>.+))?$", re.IGNORECASE)


def _conditional_rewrite(clause: str) -> str | None:
    """"Would a shared calendar make the handovers easier?" -> "How do you manage the handovers today?", "Would it
    make a difference if the classes were in the evening?" -> "What happens with the classes today?": a question
    about an imagined fix asked as one about what they do now, with the thing it would change."""
    m = _CONDITIONAL_HELP.match(clause)
    if not m:
        then = re.match(r"^(?:what\s+)?if\s+(?P<cond>[^,]+?)\s*,\s*(?:would|will|could)\s+(?:you|they|your\s+[\w-]+)\s+"
                        r"(?:still\s+|ever\s+)?(?P<v>\w+)", clause, re.IGNORECASE)
        if then and (_verb_lemma(then.group("v").lower()) or "") in _DULL_VERBS | {"use", "join", "come", "buy", "sign",
                                                                                     "pay", "consider"}:
            return _condition_today(then.group("cond"))  # "would you come?": the condition carries the topic
        return None  # "If the slots came back, would you order again?": their own action does
    if m.group("obj") or m.group("had"):
        obj = " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in (m.group("obj") or m.group("had")).split())
        return f"How do you manage {obj} today?"
    return _condition_today(m.group("cond") or "")


def _condition_today(cond: str) -> str | None:
    """What they do today about the condition of an imagined fix: the action it pitches ("if there was a way to pay by
    phone" -> "How do you pay today?"), the moment it names, or the thing it changes ("if the classes were in the
    evening" -> "What happens with the classes today?")."""
    pitched = _pitch_rewrite("if " + cond) if cond else None
    if pitched:
        return pitched  # "if the app tracked your spending": "How do you track your spending today?"
    when = re.search(r"\bwhen\s+(?P<c>(?:the|your|their|it|they|you|he|she)\b[^,]+)$", cond, re.IGNORECASE)
    if when and len(when.group("c").split()) >= 2:
        return f"What happens today when {_flip(when.group('c').split())}?"  # the moment the fix was for
    words = re.findall(r"[\w'-]+", cond)
    end = _subject_np(words) if words else None
    if end:
        np = " ".join(words[:end])
        if not _claim_noun(words[end - 1]) and words[end - 1].lower() not in _SKIP_NOUNS | _GENERIC:
            return f"What happens with {_lower_first(np)} today?"
    return None


_OFFERED_CAUSE = re.compile(r"\b(?:because|cos|cause|due\s+to)\b", re.IGNORECASE)


def _open_alternative(text: str, label: Label, flags: set[Flag], form: "Form | None" = None) -> str | None:
    form = form if form is not None else analyse(text)
    before = _from_sentence_before(form, label, flags)
    if before:
        return before
    if Flag.HYPOTHETICAL in flags or Flag.PITCH in flags:
        built = _conditional_rewrite(_clean_clause(form.focus))
        if built and reads_naturally(built) and _is_open(built):
            return built
    last = _WHEN_LAST.match(strip_markers(form.focus)[0].strip())
    if last and Flag.HYPOTHETICAL not in flags:
        # "When was the last time a client paid late?" -> "Tell me about the last time a client paid late.": the
        # occasion itself, told, not its date.
        built = f"Tell me about the last time {_flip(last.group('c').split())}."
        if reads_naturally(built) and _is_open(built):
            return built
    when = _WHEN_DID.match(strip_markers(form.focus)[0].strip())
    if when and Flag.HYPOTHETICAL not in flags:
        # "When did the first box arrive?" -> "What happened when the first box arrived?": the moment, not the date.
        built = _when_rewrite(when.group("body"))
        if built and reads_naturally(built) and _is_open(built):
            return built
    clean = _clean_clause(form.focus)
    if Flag.HYPOTHETICAL not in flags and Flag.DOUBLE_BARRELED not in flags and not _OFFERED_CAUSE.search(clean or ""):
        # "Has it changed much?", "Did they settle in okay?": "how" asks for the degree or manner offered. (Not where
        # a cause is offered, "so you paused it because it cost too much": what made them do it is the question.)
        read = _read(clean) if clean else None
        built = _how_rewrite(read, False) if read is not None else None
        if built and reads_naturally(built) and _is_open(built):
            return _cap(built)
    if Flag.HYPOTHETICAL not in flags:
        # "Did the refund arrive on time?", "Is the gym busy in the mornings?": the thing the fact is about.
        raw = strip_markers(form.focus)[0].strip()
        for source in dict.fromkeys((raw, clean + "?" if clean else raw)):
            built = _fact_rewrite(source)
            if built and reads_naturally(built) and _is_open(built):
                return built
    if Flag.DOUBLE_BARRELED in flags and label != Label.OPEN and len(form.questions) >= 2:
        first = _cap(_prepare(form.questions[-2]) + "?")
        if _is_open(first):
            return first  # "What did you think of the food? Would you go back?": the first one was fine
    if Flag.DOUBLE_BARRELED in flags and label == Label.OPEN:
        # "How did you pick the nursery and what do you like about it?": one open question at a time.
        questions = list(form.questions)
        parts = [questions[0]] if len(questions) >= 2 else re.split(
            r"(?:,\s*|\s)(?:and|also)\s+(?=(?:what|how|why|when|where|which|who)\b)", form.focus, maxsplit=1,
            flags=re.IGNORECASE)[:1]
        first = _cap(_prepare(parts[0]) + "?") if parts and parts[0].strip() else None
        return first if first and _is_open(first) and first.rstrip("?") != _cap(_prepare(form.focus)) else None
    if Flag.PITCH in flags:
        built = _pitch_rewrite(form.clean if hasattr(form, "clean") else text)
        if built and reads_naturally(built) and _is_open(built):
            return built
        if label not in (Label.CLOSED, Label.LEADING) and Flag.HYPOTHETICAL not in flags:
            return "How do you handle that today?"
    # The part the question offered for a yes, asked for with a question word; or how it was for them.
    built = _wh_rewrite(form.focus, label, flags)
    if built:
        built = _cap(built)
        if reads_naturally(built) and _is_open(built):
            return built
    chosen = _open_alternative_raw(text, label, flags, form)
    if chosen and chosen.startswith("Tell me about the last time ") and re.search(r"\babout\s+(?:it|that|this)\.$", chosen):
        chosen = "Walk me through" + chosen[len("Tell me about"):]  # not "about … about it"
    chosen = _how_not_the_way(chosen)
    leaked = chosen is not None and re.search(r"\s(?:which|what|whose)\s+\w+\s+(?:like|is|was)\b", chosen, re.IGNORECASE)
    if chosen is None or not leaked and (_shares_topic(chosen, text) or _made_you(chosen, text)) and (
            _keeps_topic(chosen, text) or chosen.startswith("What ")) and reads_naturally(chosen):
        return chosen
    focus = strip_markers((form if form is not None else analyse(text)).focus)[0]
    focus = _FAUX_WRAPPER.sub("", focus) if Flag.FAUX_INVITATION in flags else focus
    if _SAID_START.match(focus):
        focus = _BARE_TAG.sub("", focus.rstrip(" ?.!")).strip(" ,")  # "… for your own would you": a caption's tag
    # "Which gym is it?", "how many orders you get a day": the thing the fact is about.
    which = _WHICH_NOUN.match(focus.strip())
    if which and which.group("n").lower() not in _GENERIC | _SKIP_NOUNS | _NP_STOP:
        noun = which.group("n").lower()
        built = f"Tell me about {'the ' if not noun.endswith('s') else 'the '}{noun}{_you_clause(which.group('rest'))}."
        if reads_naturally(built) and _is_open(built):
            return built
    judged = _JUDGED.match(focus.strip())
    if judged and judged.group("np").split()[0].lower() not in ("it", "that", "this", "they", "there", "you"):
        built = f"What {judged.group('be').lower()} {judged.group('np')} like for you?"
        if reads_naturally(built) and _is_open(built):
            return built
    # The rewrite lost what the question was about: ask about the question's own action as a past occasion.
    built = _regex_last_time(focus) or _last_time_rewrite(focus)
    if built and reads_naturally(built) and _shares_topic(built, text) and _is_open(built):
        return built
    # Or about the thing it names ("you just lost motivation" -> "Tell me more about motivation.").
    for source in (focus, form.clean):
        built = _noun_rewrite(source)
        if built and reads_naturally(built) and _shares_topic(built, text) and _is_open(built):
            return built
    if leaked:
        return None
    if chosen is None or reads_naturally(chosen):
        return chosen
    return _safe_rewrite(focus, label) or chosen


def _how_not_the_way(candidate: str | None) -> str | None:
    """"How do you feel about how the rent is collected?", not "… about the way the rent is collected?": after a
    preposition a clause goes with "how"."""
    if not candidate:
        return candidate
    return re.sub(r"\babout\s+the\s+way\s+(?=(?:the|your|their|our|my|it|they|he|she|we|you|things)\b)", "about how ",
                  candidate)


def _safe_rewrite(focus: str, label: Label) -> str | None:
    """The last resort when every construction read badly: "Tell me more about {noun phrase}." with the first noun
    phrase of the question that ends on its noun and names no verdict ("How do you feel about …" for a leading one)."""
    clause = _clean_clause(focus)
    words = re.findall(r"[\w'-]+", clause)
    for i, word in enumerate(words):
        if word.lower() not in _OWNERS - {"this", "that", "these", "those"}:
            continue
        np = [word]
        for w in words[i + 1:i + 6]:
            if w.lower() in _NP_STOP or w.lower() in _DETERMINERS or w.lower() in _PREPOSITIONS:
                break
            np.append(w)
        while len(np) > 1 and not _noun_phrase_ok(np[1:]):
            np.pop()
        if len(np) < 2 or _claim_noun(np[-1]) or np[-1].lower() in _SKIP_NOUNS | _GENERIC:
            continue
        phrase = " ".join(np)
        built = f"How do you feel about {phrase}?" if label == Label.LEADING else f"Tell me more about {phrase}."
        if reads_naturally(built):
            return _cap(built)
    return None


def _noun_rewrite(focus: str) -> str | None:
    """"Tell me more about {noun phrase}." with the last noun the question names that is not a verdict, a feeling or a
    word of the template; lemminflect's dictionary says what a noun is (no parse)."""
    from simulator import nlp

    from .rules import LOADED, _PRESUPPOSED_FEELINGS

    clause = _GUESS_FRAME.sub("", _HEDGE.sub("", _untag(_END_TAG.sub("", focus.strip()))))
    words = re.findall(r"[A-Za-z][\w'-]*", clause)
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        low = w.lower()
        if (low in LOADED or low in _PRESUPPOSED_FEELINGS or low in _GENERIC or low in _SKIP_NOUNS or low in _NP_STOP
                or low in _DETERMINERS or low in _PRONOUN_OBJECTS or low in _FUNCTION_STEMS or len(low) < 3
                or low.endswith("ly")
                or low in ("you", "i", "me", "we", "they", "right", "yeah", "then", "now", "there", "here")):
            continue
        if not _is_noun(low) or (_verb_lemma(low) and not low.endswith(("tion", "ment", "ness", "ity", "ance", "ence"))
                                     and not (i > 0 and words[i - 1].lower() in _DETERMINERS)
                                     and not (i > 1 and words[i - 2].lower() in _OWNERS | {"a", "an"}
                                              and words[i - 1].lower() not in _NP_STOP)):
            continue  # a word that is a verb too names a thing only after a determiner ("that streaming service")
        if i > 0 and words[i - 1].lower() in _QUANTIFIERS | {"other", "lots", "plenty"}:
            continue  # "most parents tell us": who you quote, not what they told you about
        det = words[i - 1].lower() if i > 0 and words[i - 1].lower() in _DETERMINERS else ""
        det = {"my": "your", "our": "your", "a": "the", "an": "the", "that": "the", "this": "the"}.get(det, det)
        if not det and i > 1 and words[i - 2].lower() in _OWNERS | {"a", "an"} and words[i - 1].lower() not in (
                _NP_STOP | LOADED) and (_is_adjective(words[i - 1].lower()) or _is_noun(words[i - 1].lower())):
            # "the new car", "your shared calendar": the determiner two words back, with the word between.
            det = {"a": "the", "an": "the", "my": "your", "our": "your", "this": "the", "that": "the"}.get(
                words[i - 2].lower(), words[i - 2].lower()) + " " + words[i - 1]
        if not det and not _plural(low) and not w[:1].isupper():
            det = "the"  # "a reliable service" -> "the service"
        return f"Tell me more about {det + ' ' if det else ''}{low}."
    return None


_WHEN_DID = re.compile(r"^(?:(?:so|and|but|ok|okay|um|uh)\s+)*when\s+did\s+(?P<body>(?:you|they|we|he|she|it|the|your|their|a|an|"
                       r"one|someone|anyone)\b"
                       r"[\w\s'-]*?)\s*[?.!]*$", re.IGNORECASE)
_PREPOSITIONS = frozenset("to for with in on at from about into up out off back by of over".split())
# "When was the last time you rang them?", "when was the last time one of your drivers got lost": the clause after it.
_WHEN_LAST = re.compile(r"^(?:(?:so|and|but|ok|okay|um|uh)\s+)*when\s+(?:was|is)\s+the\s+last\s+time\s+(?:that\s+)?"
                        r"(?P<c>(?:you|they|he|she|we|it|that|this|someone|anyone|somebody|anybody|(?:a|an|the|your|their|"
                        r"his|her|one\s+of\s+(?:your|the|their))\s+[\w'-]+)\s+[^?.!]+?)\s*[?.!]*$", re.IGNORECASE)


def _when_rewrite(body: str) -> str | None:
    """"What happened when the first box arrived?" from "the first box arrive" (the words after "when did")."""
    from simulator import nlp

    words = body.split()
    if not 2 <= len(words) <= 9:
        return None
    # "When did a client last pay you late?": the last time itself, told ("Tell me about the last time a client paid
    # you late."), rather than the date.
    latest = any(w.lower() == "last" for w in words[1:4])
    if latest:
        words = [w for i, w in enumerate(words) if not (w.lower() == "last" and 1 <= i <= 3)]
    if words[0].lower() in ("you", "they", "we", "he", "she", "it", "someone", "anyone", "somebody", "anybody"):
        i = 1
        while i < len(words) and words[i].lower() in ("first", "last", "actually", "finally", "ever", "eventually"):
            i += 1
        if i >= len(words):
            return None
        subject, verb_at = words[:1], i
    else:
        stop = next((j for j in range(2, len(words)) if words[j].lower() in _PREPOSITIONS | _DETERMINERS), len(words))
        verb_at = next((j for j in range(stop - 1, 1, -1) if _verb_lemma(words[j])), None)
        if verb_at is None:
            return None
        subject = words[:verb_at]
    lemma = _verb_lemma(words[verb_at])
    if not lemma or lemma in ("be", "have", "do"):
        return None
    who = " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in subject)
    rest = " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in words[verb_at + 1:])
    if latest:
        return f"Tell me about the last time {who} {past(lemma)}{' ' + rest if rest else ''}."
    return f"What happened when {who} {past(lemma)}{' ' + rest if rest else ''}?"
_ACTION_Q = re.compile(
    r"^(?:(?:so|and|but|ok|okay|right|then)\s+)*(?:(?:what|which)\s+[\w\s]+?\s+|if\s+[^,]+,\s*)?"
    r"(?:(?P<aux>are|were|do|did|have|had|would|will|could)\s+(?P<subj>you|they|he|she|we)"
    r"|(?P<subj2>you|they|we)(?P<aux2>'re|\s+are|'ve|\s+have|'d|\s+would|'ll|\s+will|\s+were))\s+"
    r"(?:(?:still|ever|actually|really|usually|normally|also|even|already|just|probably|been)\s+)*"
    r"(?P<verb>[a-z]+)(?P<rest>(?:\s+[\w'-]+){0,6}?)"
    r"(?:\s+(?:again|anymore|any\s+more|then|now|yet|these\s+days|at\s+all|a\s+(?:day|week|month)|instead|or\s+not))*\s*[?.!]*$",
    re.IGNORECASE)
_NOT_ACTIONS = frozenset("""
be have do get go think feel find know want like love hate mind remember recall notice expect wonder agree say mean
need seem look sound try keep let make use
""".split())
_SUBJECT_FLIP = {"we": "you", "you": "you", "they": "they", "he": "he", "she": "she"}


def _regex_last_time(focus: str) -> str | None:
    """The parse-free "last time" rewrite: "Are you still paying for it?" -> "Tell me about the last time you paid
    for it.", "Did they refund you?" -> "Tell me about the last time they refunded you.", "so you'd pay more to
    reserve one" -> "Tell me about the last time you paid more to reserve one." None when the question names no
    action of theirs (a feeling, "be", "have") or the verb is not a known verb form."""
    from simulator import nlp

    clause = _GUESS_FRAME.sub("", _HEDGE.sub("", _untag(_END_TAG.sub("", focus.strip()))))
    clause = _TRAILING_WORDS.sub("", re.sub(r"[?.!]+$", "", clause)).strip(" ,")
    m = _ACTION_Q.match(clause)
    if not m:
        return None
    verb = m.group("verb").lower()
    aux = (m.group("aux") or m.group("aux2") or "").strip().lower().lstrip("'")
    if aux in ("are", "were", "re") and not verb.endswith("ing"):
        return None  # "are you happy with it": a state, not an action
    if aux in ("have", "had", "ve") and not re.search(r"(?:ed|en|t|wn|ne|ng)$", verb):
        return None
    lemma = _verb_lemma(verb)
    if not lemma or lemma in _NOT_ACTIONS or lemma in _DULL_VERBS:
        return None
    from .rules import LOADED

    if lemma in LOADED or verb in LOADED:
        return None
    rest = " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in (m.group("rest") or "").split())
    rest = re.split(r"\s+\b(?:or|and|if|whether|than|because)\b", " " + rest)[0].strip()
    if rest.split() and rest.split()[-1].lower() in _NP_STOP | _DETERMINERS - {"it", "them", "that"}:
        return None
    who = _SUBJECT_FLIP.get((m.group("subj") or m.group("subj2") or "you").lower(), "you")
    return f"Tell me about the last time {who} {past(lemma)}{' ' + rest if rest else ''}."


_END_TAG = re.compile(r",?\s+(?:right|correct|yeah|yes|no|huh|eh|isn't\s+it|aren't\s+you|don't\s+you|didn't\s+you|"
                      r"wasn't\s+it|weren't\s+you|haven't\s+you|won't\s+you|wouldn't\s+you)\s*[?.!]*$", re.IGNORECASE)
# "Was customer service too slow?": the thing judged, asked about without the verdict.
_JUDGED = re.compile(r"^(?:(?:so|and|but)\s+)?(?P<be>is|was|are|were)\s+(?P<np>(?:the\s+|your\s+|their\s+)?[a-z][\w-]*"
                     r"(?:\s+[a-z][\w-]*)?)\s+(?:too|so|really|very|pretty|quite|a\s+bit|way\s+too)\s+[a-z][\w-]*\s*[?.!]*$",
                     re.IGNORECASE)
_WHICH_NOUN = re.compile(r"^(?:which|what|how\s+many|how\s+much)\s+(?P<n>[a-z]+)\b(?!['’])(?P<rest>.*)$", re.IGNORECASE)


def _you_clause(rest: str) -> str:
    """" you use" from " do you use" ("Which supermarket do you use?"); "" when the rest is not a clause of theirs."""
    m = re.match(r"^\s+(?:do\s+)?you\s+(?P<v>[a-z]+)(?P<o>(?:\s+[a-z']+){0,3}?)\s*(?:a\s+(?:day|week|month))?\s*[?.!]*$",
                 rest, re.IGNORECASE)
    if m and m.group("v").lower() not in ("usually", "normally", "ever", "think", "feel"):
        return f" you {m.group('v').lower()}{m.group('o') or ''}"
    return ""


def _made_you(candidate: str, text: str) -> bool:
    """"What made you move?" for "So you moved mainly for the schools?": the question's own action, asked about."""
    made = re.match(r"^What\s+made\s+you\s+(?P<v>[a-z]+)", candidate or "")
    return bool(made) and made.group("v") in {_verb_lemma(w) for w in re.findall(r"[a-z]+", (text or "").lower())}


def _open_alternative_raw(text: str, label: Label, flags: set[Flag], form: "Form | None" = None) -> str | None:
    """The open rewrite: the template for the question's shape when it reads naturally, keeps the topic and is
    itself open; else one built from the question's topic noun phrase."""
    form = form if form is not None else analyse(text)
    first = suggest_rewrite(text, label, flags, form=form)
    if first and _made_you(first, text) and reads_naturally(first) and _is_open(first):
        # "So you moved mainly for the schools?" -> "What made you move?": the action, without the reason handed over.
        return first
    if first and reads_naturally(first) and _shares_topic(first, text) and (
            _keeps_topic(first, text) or re.match(r"^What\s+(?!else\b)\w+", first)) and _is_open(first):
        # "What put you off?" for "Was it the price that put you off?": the open question behind the guess.
        return first
    if first is None and label not in (Label.CLOSED, Label.LEADING) and Flag.HYPOTHETICAL not in flags:
        return None
    if isinstance(text, str) and _LOGISTICS.search(text):
        return None
    focus = strip_markers(form.focus)[0]
    focus = _untag(re.sub(r"[?.!]+$", "", focus))
    if Flag.HYPOTHETICAL not in flags:
        # The template lost the topic or fell back on a generic question: build one from the parse.
        parsed = _parsed_rewrite(focus, label)
        if parsed and re.match(r"^How do you feel about \w+ing(?: \w+)?\?$", parsed):
            # "You're still paying for it, right?": the action as a past occasion beats a feeling about a bare gerund
            # (and is what the command line, without the parse, offers too).
            action = _regex_last_time(focus)
            if action and reads_naturally(action) and _shares_topic(action, text) and _is_open(action):
                return action
        if parsed and reads_naturally(parsed) and _shares_topic(parsed, text) and _is_open(parsed):
            return parsed
        if first and reads_naturally(first) and _keeps_topic(first, text) and _is_open(first):
            return first
    # The regular noun phrase first (microseconds); the parse only when it finds none.
    topic = _first_np(_tidy(focus)) or _spacy_topic(focus)
    if topic and (_claim_noun(topic.split()[-1]) or topic.split()[-1].lower() in _SKIP_NOUNS or any(
            _claim_noun(w) for w in topic.split()[1:])):
        topic = None  # "a stressful way", "a real hassle": the verdict, not the topic
    if topic:
        if Flag.HYPOTHETICAL in flags:
            built = f"Tell me about the last time {topic} came up. What did you do?"
        else:
            built = f"Tell me about your experience with {topic}."
    else:
        built = "Tell me about the last time that happened." if Flag.HYPOTHETICAL not in flags else \
            "Tell me about the last time this came up. What did you do?"
    if first and not reads_naturally(first) or not first or not _keeps_topic(first, text):
        return built
    return first if _is_open(first) else built


_NUMBER_PHRASE = re.compile(
    r"\b(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"ninety|a\s+hundred|half\s+an?|an?|a\s+couple\s+of|a\s+few)\s+(?:[a-z]+\s+)?(?:hours?|minutes?|mins|days?|weeks?|"
    r"months?|years?|times?|pounds?|euros?|dollars?|quid|percent|kids?|people|orders?|calls?|emails?|apps?|vans?)\b",
    re.IGNORECASE)
_EVALUATIVE = re.compile(
    r"\b(?:(?:too|so|really|a\s+bit|pretty|quite|way\s+too|such\s+an?)\s+)?(?:an?\s+)?(?:nightmare|pain|hassle|mess|chaos|"
    r"forever|ages|disaster|headache|faff|rip-off|joke|blur|poorly|declined|engaged|fell\s+apart|gave\s+up|"
    r"expensive|annoying|stressful|frustrating|confusing|awkward|weird|off|exhausting|impossible|useless)\b",
    re.IGNORECASE)
_DET_NP = re.compile(r"\b(?:the|my|our|this|that)\s+(?:[a-z'-]+\s+){0,2}?[a-z'-]+(?=\s*(?:[,.;!?]|$|\s+(?:is|was|are|were|"
                     r"and|but|so|in|on|at|for|to|from|with|every|again|because|that|which|when)\b))", re.IGNORECASE)
_TIME_WORDS = frozenset("""
month year week day end spring summer autumn winter evening morning night afternoon time place thing way start
moment bit lot basically really again now then too
""".split())
_FLIP = {"my": "your", "i": "you", "me": "you", "mine": "yours", "myself": "yourself", "our": "your", "we": "you",
         "us": "you", "i'm": "you're", "i've": "you've", "i'd": "you'd"}


def _echo_phrase(phrase: str) -> str | None:
    """A noun phrase of the customer's cut to end on its noun: "the wardrobe together yourself" -> "the wardrobe",
    "my son's been waiting" -> "my son", "the open day started" -> "the open day"; None when no noun is left."""
    words = phrase.split()
    if words[0].lower() in ("that", "this") and any(_verb_lemma(w.lower()) for w in words[1:]):
        return None  # "shoes that last": a relative clause, not a noun phrase
    for i, word in enumerate(words[1:], 1):
        if word.lower().endswith("'s") and i + 1 < len(words) and _verb_lemma(words[i + 1].lower()):
            words = words[:i] + [word[:-2]]
            break
    for i, word in enumerate(words[1:], 1):
        if _is_past(word.lower()) and not _is_noun(word.lower()):
            words = words[:i]  # "my friend invited me": the phrase ends before the verb
            break
    if len(words) >= 3:
        last, before = words[-1].lower(), words[-2].lower()
        lemma = _verb_lemma(last)
        if lemma and lemma != last and _inflect(lemma, "VBZ") == last and _noun_like(before) and before.endswith("s"):
            words = words[:-1]  # "my apps crashes": the verb of the customer's sentence, not part of the phrase
    while len(words) > 1:
        last = words[-1].lower()
        nounish = (_is_noun(last) or words[-1][:1].isupper() or "-" in last or not (
            _verb_lemma(last) or _is_adjective(last))) and not last.endswith("ly") and \
            last not in ("yourself", "myself", "online", "together", "yet", "back", "again", "too", "there", "here", "me",
                         "you", "us", "them", "him", "her", "it")
        if nounish and not (_verb_lemma(last) and _is_past(last)):
            break
        words = words[:-1]
    if len(words) < 2 and words and words[0].lower() in _DETERMINERS | set(_FLIP):
        return None
    return " ".join(words) if words else None


# Nouns that name nothing on their own: an echo of them ("The way?", "A bit?") hands back no word of theirs.
_TIME_HEADS = frozenset("while week weeks year years day days month months morning mornings evening evenings night "
                        "nights time times moment minute minutes hour hours weekend weekends fortnight".split())
_VAGUE_HEADS = frozenset("way ways thing things lot lots bit kind sort one ones end part point stuff".split())


@lru_cache(maxsize=4096)  # the same text is read again by several checks of one rewrite
def _echo_alternative(previous: str | None) -> str | None:
    """A few of the customer's own last words handed back ("Two hours?", "A nightmare?", "The premium plan?"),
    or None when nothing in their last sentence makes a clean echo."""
    if not previous or not previous.strip():
        return None
    from .rules import echo_match, split_sentences

    sentences = split_sentences(previous.strip()) or [previous.strip()]
    for sentence in reversed(sentences[-2:]):
        found = []
        for pattern in (_NUMBER_PHRASE, _EVALUATIVE, _DET_NP):
            matches = list(pattern.finditer(sentence))
            if matches:
                found.append(matches[-1].group(0))
        words = re.findall(r"[\w'-]+", sentence)
        if 1 <= len(words) <= 3:
            found.append(" ".join(words))
        for phrase in found:
            if phrase in [m.group(0) for m in _DET_NP.finditer(sentence)] and phrase != " ".join(words):
                phrase = _echo_phrase(phrase)
            if not phrase:
                continue
            head = phrase.lower().split()[-1]
            if head in _VAGUE_HEADS:
                continue  # "The way?" from "on the way home": a word that names nothing of theirs
            if head in _TIME_WORDS or head.rstrip("s") in _TIME_WORDS or head in ("after", "before", "ago") or (len(phrase.split()) == 1 and head in ("off",) and len(words) > 3):
                continue
            flipped = " ".join(_FLIP.get(w.lower(), w) for w in phrase.split())
            echo = flipped[:1].upper() + flipped[1:] + "?"
            if echo_match(echo, previous) >= 0.6:
                return echo
    return None


_YES_NO_START = re.compile(
    r"^(?:(?:and|so|but|okay|ok|right|well|then|now|sorry)\s*,?\s+)*(?:did|do|does|is|are|was|were|have|has|had|can|could|"
    r"will|would|should)(?:n't)?\s+(?:you|they|he|she|we|the|your|their|his|her|my|our|anyone|anybody|someone|"
    r"somebody)\b", re.IGNORECASE)
_GUESS_START = re.compile(
    r"^(?:(?:and|so|but|okay|ok|right|well)\s*,?\s+)*(?:i'm\s+assuming|i\s+assume|i'm\s+guessing|i\s+guess|i\s+bet|"
    r"i\s+suppose|i\s+imagine|i'd\s+imagine|i\s+take\s+it|surely|presumably|(?:it|that)?\s*must\s+(?:have\s+(?:been|felt)|be|feel)|"
    r"(?:you|they|he|she)\s+must|(?:you|they|he|she)\s+(?:were\s+|was\s+)?probably)\b",
    re.IGNORECASE)


def _asks_for_yes(text: str) -> Label | None:
    """CLOSED for a turn whose last sentence is a yes/no question once fillers are gone, LEADING for one that hands
    over a guess with a question mark; None otherwise (a reflection or statement as written)."""
    focus = strip_markers(text.strip())[0]
    sentences = re.split(r"(?<=[.!?])\s+", focus)
    last = sentences[-1].strip() if sentences else ""
    plain = nlp.strip_disfluencies(last)
    plain = re.sub(r"^(?:(?:um+|uh+|er+m?|like|so|and)\s*,?\s+)+", "", plain, flags=re.IGNORECASE)
    plain = re.sub(r"\b(\w+),\s+(?:like,\s+)?", r"\1 ", plain)  # "did, like, your flatmates": the commas of speech
    if _GUESS_START.match(plain):
        return Label.LEADING  # a guess is a guess with or without the question mark
    if not last.endswith("?"):
        return None
    if _YES_NO_START.match(plain):
        return Label.CLOSED
    return None


_SUMMARY_START = re.compile(r"^(?:(?:and|so|but|okay|ok|right|well|then|hmm|mm|yeah)\s*,?\s+)*(?:basically\s+|overall\s+)?"
                            r"(?:[A-Z][a-z]+,\s+)?(?P<s>you|you're|you've|you'd|they|they're|he|she|it|it's|that|that's|the|your)\b",
                            re.IGNORECASE)


def _adds_a_claim(text: str, previous: str | None) -> bool:
    """A summary said with a rising "?" that puts words in the customer's mouth: a declarative whose content words
    (nouns, verbs, adjectives, by lemma) are not in what the customer just said ("So you're happy with the new phone
    overall?" after "I got a new phone in the summer": "happy" is the interviewer's)."""
    focus = strip_markers((text or "").strip())[0]
    last = re.split(r"(?<=[.!?])\s+", focus)[-1].strip()
    if not last.endswith("?") or not previous or not previous.strip():
        return False
    plain = nlp.strip_disfluencies(last)
    if not _SUMMARY_START.match(plain) or _YES_NO_START.match(plain) or re.match(
            r"^(?:\w+\W+){0,2}?(?:what|how|why|who|where|when|which)\b", plain, re.IGNORECASE):
        return False

    def lemmas(words: str) -> set[str]:
        out = set()
        for w in re.findall(r"[a-z]+", words.lower()):
            if len(w) < 3 or w in _FUNCTION_WORDS or w in _NP_BREAK or w in _GENERIC:
                continue
            out.add(_verb_lemma(w) or w.rstrip("s"))
        return out

    added = lemmas(_untag(re.sub(r"[?.!]+$", "", plain))) - lemmas(previous) - {
        "say", "mean", "basically", "right", "yeah", "okay", "guess", "suppose", "sound", "like", "just", "kind", "sort"}
    return len(added) >= 1


# ---------------------------------------------------------------------------------------------
# The last check on the main rewrite: it names what the question was about (its topic noun phrase, in the customer's
# words where the trainee used them) and reads like a sentence; otherwise it is rebuilt from that noun phrase.

_OWNED = ("the", "your", "my", "our", "their", "his", "her")
_FLIP_OWNER = {"my": "your", "our": "your"}
# Heads that do not name a topic: time words, the frame of a guess ("the main thing", "your idea", "the reason") and
# words for everyone.
_NOT_TOPIC_HEADS = frozenset("""
idea reason reasons thing things issue issues problem problems point part bit lot way kind sort one ones case end start
beginning lack amount number time times day days week weeks month months year years morning mornings evening evenings night nights
weekend weekends minute minutes hour hours moment stage side answer question option options effort everyone everybody
anyone anybody someone somebody people stuff everything anything something nothing rest whole first second last same
monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays
january february march april may june july august september october november december christmas easter
""".split())
_TOPIC_FRAME = re.compile(
    r"^(?:(?:so|and|but|yeah|right|okay|ok|well|now)\b\s*,?\s*)*(?:(?:i\s+guess|i\s+suppose|i\s+bet|i\s+imagine|i'd\s+imagine|"
    r"i'm\s+guessing|i\s+assume|i'm\s+sure|i\s+think|would\s+you\s+say|do\s+you\s+think|don't\s+you\s+think|surely)"
    r"\s*,?\s*(?:that\s+)?)+", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w'-]*[a-z][\w'-]*$")
_TIME_TAIL_WORDS = re.compile(r"\s+(?:every\s+(?:week|day|time|month|morning|night|year)|mostly|anywhere|at\s+all|much|"
                              r"in\s+the\s+end|all\s+the\s+time|a\s+lot|these\s+days|any\s+more|anymore|overall|either)"
                              r"(?=\s*[?.!]$)", re.IGNORECASE)


def _head(np: str) -> str:
    return re.sub(r"'s$", "", np.split()[-1].lower())


_NP_BREAK = frozenset("""
is are was were be been being am do does did have has had can could will would should may might must to of in on at for
with from by about into over under after before since until through during than as like that who which whose whom when
where why how what if because so and or but not no too very really always never just still also even actually usually
often quite pretty much more less ever already enough either again anymore any yet i you he she it we they me him her us
them one ones there here then now anywhere everywhere somewhere beforehand upfront overall instead either else worth something anything everything
nothing someone anyone everyone somebody anybody
""".split()) | _PARTICLES | _DETERMINERS


def _known_word(word: str) -> bool:
    return bool(_is_noun(word) or _verb_lemma(word) or _is_adjective(word))


def _noun_like(word: str) -> bool:
    """A noun by the dictionary, a name, or a word it does not know ("app", "self-checkout")."""
    return _is_noun(word.lower()) or bool(_NAME.match(word)) or not _known_word(word.lower())


_DO_SUPPORT = frozenset("do does did don't doesn't didn't can could will would should might may must can't couldn't "
                        "won't wouldn't shouldn't".split())


def _read_np(words: list[str], start: int) -> list[str] | None:
    """The noun phrase after the owner word at ``start`` ("the second interview", "the insurance" of "the insurance
    pay out", "the app" of "the app logs you out"), ending on a noun; None when there is none."""
    out = [words[start]]
    j = start + 1
    while j < len(words) and len(out) < 6:
        low = words[j].lower()
        if low in _NP_BREAK or low.endswith("ly") or "'" in low[:-2] or re.search(r"n't$|'(?:re|ve|ll|d|m)$", low):
            break
        if start > 0 and words[start - 1].lower() in _DO_SUPPORT and len(out) >= 2 and _verb_lemma(low) == low:
            break  # "did the fundraiser go well": the subject ends before its verb
        lem = _verb_lemma(low)
        if len(out) >= 2 and lem and lem != low and _inflect(lem, "VBD") == low:
            break  # "the app felt clunky", "the trainer left": a past verb after the noun
        if len(out) >= 2 and low.endswith("ing") and not _is_noun(low) and not _is_adjective(out[-1].lower()) and \
                out[-1].lower() not in _OWNED:
            break  # "the heating working properly": a participle after the noun
        out.append(words[j])
        j += 1
        if len(out) > 2 and _plural(low) and not low.endswith("'s") and _is_noun(low):
            break
    nxt = words[j].lower() if j < len(words) else ""
    if len(out) >= 2 and out[-1].lower().endswith("'s") and not (nxt and _noun_like(words[j]) and nxt not in _NP_BREAK):
        out[-1] = out[-1][:-2]  # "the doorbell's wired in", "the cafe's open": that 's is "is"
    # "the app logs you out", "the insurance pay out": the last word was the verb.
    last = out[-1].lower()
    lemma = _verb_lemma(last)
    finite = bool(lemma) and last in (lemma, _inflect(lemma, "VBZ"), _inflect(lemma, "VBD"))
    inflected = bool(lemma) and last != lemma and last in (_inflect(lemma, "VBZ"), _inflect(lemma, "VBD"))
    if len(out) > 2 and finite and (nxt in _OBJECT_PRONOUNS or nxt in _PARTICLES or (
            nxt in _DETERMINERS - {"that", "this"} and (inflected or not _is_noun(last)))):
        out.pop()  # "your brother handles all the bills", "your mum finds the video calls tricky"
    elif len(out) > 2 and _is_adjective(last) and _noun_like(out[-2]) and not _is_adjective(out[-2].lower()) and \
            nxt in ("about", "with", "for", "of", "to", "at", "enough", "than", ""):
        out.pop()  # "was the consultant clear about…": the adjective said of the noun
    def head_ok(words_: list[str]) -> bool:
        w = words_[-1].lower()
        if _is_adjective(w) and not _is_noun(w) and not w.endswith("ing"):
            return False
        if _noun_like(words_[-1]):
            return True
        # A word the dictionary knows only as a verb names a thing right after its determiner or an adjective
        # ("the vet", "the online banking").
        before = words_[-2].lower()
        return len(words_) >= 2 and (before in _OWNED or (_is_adjective(before) and not _is_noun(before)) or
                                     before in ("online", "new", "old"))

    while len(out) > 1 and not head_ok(out):
        out.pop()
    while len(out) > 2 and not _noun_phrase_ok(out[1:]):
        out.pop()
    if len(out) >= 2 and out[-1].lower().endswith("'s"):
        out[-1] = out[-1][:-2]  # a possessive never ends a noun phrase: "the cafe's open" is "the cafe is open"
    return out if len(out) >= 2 and _noun_phrase_ok(out[1:]) else None


def topic_phrases(question: str) -> list[str]:
    """The noun phrases a question is about (see :func:`_topic_phrases`)."""
    return list(_topic_phrases(question or ""))


@lru_cache(maxsize=4096)
def _clause_of(text: str) -> str:
    """:func:`_clean_clause` of a turn's focus, kept: the last checks ask for it several times."""
    return _clean_clause(strip_markers(text or "")[0])


@lru_cache(maxsize=4096)
def _topic_phrases(question: str) -> tuple[str, ...]:
    """The noun phrases a question is about, in its own words and order: phrases led by "the", "your", "my"… that
    end on a noun (lemminflect's dictionary: no parse), and names ("Netflix", "Priya"); not time words, not the frame
    of a guess ("the main thing", "your idea") and not the verdict or feeling it hands over ("a waste", "a nightmare").
    "my"/"our" come back as "your"."""
    body = strip_markers(question or "")[0]
    body = _untag(re.sub(r"[?.!]+$", "", nlp.strip_disfluencies(body)))
    body = _TOPIC_FRAME.sub("", body.strip())
    words = re.findall(r"[A-Za-z0-9][\w'-]*", body.replace("’", "'"))
    out: list[str] = []
    i = 0
    while i < len(words):
        word, low = words[i], words[i].lower()
        phrase: list[str] | None = None
        if low in _OWNED:
            phrase = _read_np(words, i)
        elif i > 0 and _NAME.match(word) and not word.startswith(("I'", "OK")) and word != "I":
            phrase = [word]
            for nxt in words[i + 1:i + 3]:  # "Tom's team", "Pillar app"
                if nxt.lower() in _NP_BREAK or not _noun_like(nxt) or (
                        _verb_lemma(nxt.lower()) == nxt.lower() and not phrase[-1].endswith("'s")):
                    break
                phrase.append(nxt)
                if not _NAME.match(nxt):
                    break
        if phrase:
            head = _head(" ".join(phrase))
            if head not in _NOT_TOPIC_HEADS and not _claim_noun(head) and head not in _PRONOUN_OBJECTS:
                owner = phrase[0].lower() if phrase[0].lower() in _OWNED else phrase[0]
                out.append(" ".join([_FLIP_OWNER.get(owner, owner)] + phrase[1:]))
            i += len(phrase)
            continue
        i += 1
    return tuple(dict.fromkeys(out))


def _names_topic(candidate: str, topics: list[str]) -> bool:
    low = re.findall(r"[\w'-]+", candidate.lower())
    stems = {re.sub(r"'s$", "", w) for w in low}
    for np in topics:
        head = _head(np)
        if head in stems or head.rstrip("s") in {w.rstrip("s") for w in stems}:
            return True
    return False


_READS_BADLY = [
    re.compile(r"\b(?:was|is|wasn't|isn't)\s+(?:you|they|we)\b|\b(?:were|are|weren't|aren't)\s+(?:he|she|it)\b",
               re.IGNORECASE),  # "What was you like for you?"
    re.compile(r"\babout\s+(?:the\s+)?(?:last|next|first)\s*[.?!]$", re.IGNORECASE),  # "Tell me about last."
    re.compile(r"\bwhen\b[^?.!]*\b(?:anything|anyone|anybody|any)\b", re.IGNORECASE),  # "when that changed anything"
    re.compile(r"\b(?:about|with)\s+the\s+(?:main|biggest|real|only)\s+(?:reason|thing|issue|problem|factor)\b",
               re.IGNORECASE),  # "How do you feel about the main reason you left?": the frame of the guess, not its topic
    re.compile(r"\b(?:the|your|their|our|my)\s+[\w-]+\s+(?:you|they|we|he|she)\s*[?.!]$", re.IGNORECASE),  # "the school you?"
    re.compile(r"\bthe\s+(?:day|week|month|year|night|morning)\s+today\b", re.IGNORECASE),  # "send one the day today"
    re.compile(r"\b(?:send|give|get|order|buy|use)\s+one\s+the\b", re.IGNORECASE),
]


def _tidy_main(candidate: str, topics: list[str] = ()) -> str:
    """Small repairs: "Tell me about ringing the helpline about it." loses its second "about it"; a frequency or
    hedge word left at the end ("…pay by card mostly.") goes."""
    out = re.sub(r"(\babout\s+\w+ing\b[^?.!]*?)\s+about\s+(?:it|that|this|them)(?=\s*[?.!]$)", r"\1", candidate)
    out = _TIME_TAIL_WORDS.sub("", out)
    # "…your experience with the council's online portal for that.": the "that" was the question's, not the topic's.
    tail = re.search(r"\b(?:the|your|their|our)\s+(?P<np>[\w'-]+(?:\s+[\w'-]+){0,3}?)\s+(?:for|about|with|on|from)\s+"
                     r"(?:that|it|this|them)(?=\s*[?.!]$)", out)
    if tail and re.match(r"^(?:Tell me about|Can you tell me more about|Tell me more about)\b", out) and all(
            w.lower() not in _NP_BREAK and not w.lower().endswith("ing") for w in tail.group("np").split()) and \
            any(np.lower().endswith(tail.group("np").lower()) for np in topics):
        out = out[:tail.end("np")] + out[tail.end():]
    return out


def _past_question(question: str) -> bool:
    q = _clause_of(question or "").lower()
    return bool(re.match(r"^(?:\w+\s+){0,3}?(?:was|were|did|had|wasn't|weren't|didn't|hadn't)\b", q)) or bool(
        re.search(r"\b(?:was|were|did|had)\b", q)) and not re.match(r"^(?:is|are|do|does|have|has)\b", q)


def _from_topic(question: str, topics: list[str], label: Label, flags: set[Flag]) -> str | None:
    """An open question about the question's own topic noun phrase, in its tense: "What happened with the insurance?",
    "What was the second interview like for you?", "Tell me more about the team away day."."""
    q = _clause_of(question or "")
    past_tense = _past_question(question)
    for np in topics:
        evaluated = re.search(r"\b" + re.escape(np.split()[-1]) + r"(?:'s|\s+(?:is|are|was|were|isn't|wasn't|aren't|weren't))\b",
                              q, re.IGNORECASE) or re.match(r"^(?:is|are|was|were|isn't|wasn't|aren't|weren't)\s+" +
                                                          re.escape(np.split()[0]) + r"\b", q, re.IGNORECASE)
        plural = _plural(_head(np)) and not _NAME.match(np.split()[-1])
        if evaluated:
            be = ("were" if plural else "was") if past_tense else ("are" if plural else "is")
            options = [f"What {be} {np} like for you?"]
        elif Flag.HYPOTHETICAL in flags:
            options = [f"Tell me about the last time {np} came up. What did you do?"]
        elif past_tense:
            options = [f"What happened with {np}?", f"Tell me more about {np}."]
        else:
            options = [f"Tell me more about {np}.", f"How do you get on with {np}?"]
        options.append(f"Tell me more about {np}.")
        for option in dict.fromkeys(options):
            built = _cap(option)
            if reads_naturally(built) and _is_open(built):
                return built
    return None


_INDEFINITES = frozenset("something anything everything nothing someone anyone everyone somebody anybody".split())


def _like_after_adjective(candidate: str, topics: list[str] = ()) -> bool:
    """"What was the consultant clear like?": an adjective of the question left before "like"."""
    m = re.match(r"^What\s+(?:is|are|was|were)\s+(?:the|your|their|our|his|her)\s+(?:[\w'-]+\s+)*?(?P<w>[\w'-]+)\s+like\b",
                 candidate)
    if not m:
        return False
    w = m.group("w").lower()
    return _is_adjective(w) and (not _is_noun(w) or bool(topics) and w not in {_head(np) for np in topics})


def _leftover_after(candidate: str, topics: list[str]) -> bool:
    """"Can you tell me more about the insurance pay out?": the topic is followed by words that are not a noun (the
    question's verb, left in)."""
    body = re.sub(r"[?.!]+$", "", candidate).rstrip()
    for np in topics:
        for lead in ("about ", "with "):
            at = body.find(lead + np + " ")
            if at < 0:
                continue
            rest = body[at + len(lead) + len(np):].split()
            if rest and re.fullmatch(r"[a-z]+", rest[0]) and (
                    rest[0] in _NP_BREAK or rest[0] in _INDEFINITES or len(rest) <= 2 and (
                        not _noun_like(rest[0]) or rest[-1].lower() in _PARTICLES)):
                return True  # "…about the dashboard something you check daily?"
    return False


def _action_verbs(text: str, skip: Iterable[str] = ()) -> set[str]:
    """The lemmas of a sentence's own actions ("book", "cancel"), not the template's or the guess's verbs, nor the
    words of its topic noun phrases (``skip``)."""
    skipped = {w.lower() for np in skip for w in np.split()}
    out = set()
    for w in re.findall(r"[a-z]+", (text or "").lower()):
        lemma = _verb_lemma(w)
        if lemma and w not in skipped and lemma not in _DULL_VERBS and lemma not in _GENERIC and lemma not in (
                "tell", "would", "will", "end") and not _claim_noun(w) and len(lemma) > 2:
            out.add(lemma)
    return out


_FUNCTION_WORDS = frozenset("what how why who which when where is are was were do does did doing done you your they "
                            "them it that the a an she he her his their we to of in on at".split())


def _asks_what_was_offered(candidate: str, text: str) -> bool:
    """"What is the main issue?" for "So the main issue … is the cost of the childcare?", "What did she end up doing?":
    a wh-question made only of the question's own words, asking for the part it offered."""
    if not re.match(r"^(?:What|How|Who)\b", candidate):
        return False
    mine = set(re.findall(r"[\w'-]+", candidate.lower())) - _FUNCTION_WORDS
    theirs = set(re.findall(r"[\w'-]+", (text or "").lower()))
    theirs |= {b for w in theirs if (b := _verb_lemma(w))}
    return bool(mine) and mine <= theirs


def _checked_main(first: str | None, text: str, label: Label, flags: set[Flag]) -> str | None:
    """The main rewrite, kept when it reads well and names the question's topic (a thing it names, or its action);
    otherwise rebuilt from the topic noun phrase."""
    if not first:
        return first
    topics = topic_phrases(text)
    tidied = _tidy_main(first, topics)
    if tidied != first and (reads_naturally(tidied) or not reads_naturally(first)):
        first = tidied  # not when the repair leaves a dangling word ("…the one you went for in the end?")
    if topics:
        # "the last time you ordered them": the pronoun stands for the question's thing.
        swapped = re.sub(r"(\bthe\s+last\s+time\s+you\s+\w+\s+)(?:them|it|one)\b(?!\s+\w+ing)",
                         lambda m: m.group(1) + topics[0], first)
        if swapped != first and not _names_topic(first, topics) and reads_naturally(swapped) and _is_open(swapped):
            first = swapped
    if topics and not _names_topic(first, topics):
        plural = [np for np in topics if _plural(_head(np)) and not _NAME.match(np.split()[-1])]
        if plural and re.search(r"\bthey\b", first) and re.search(r"\b(?:they|them)\b", text or "", re.IGNORECASE):
            # "The customers, do they mostly pay by card?": "they" is the customers.
            named = re.sub(r"\bthey\b", plural[0], first, count=1)
            if reads_naturally(named) and _is_open(named):
                first = named
    bad = not reads_naturally(first) or any(p.search(first) for p in _READS_BADLY) or _leftover_after(first, topics) \
        or _like_after_adjective(first, topics)
    if not bad and (not topics or _names_topic(first, topics) or _action_verbs(first) & _action_verbs(text, topics)
                    or _asks_what_was_offered(first, text)):
        return first  # "What made you switch banks?", "How did you decide who would book it?": the action asked about
    built = _from_topic(text, topics, label, flags) if topics else None
    if built:
        return built
    return first if not bad else "Can you tell me more about that?"


# Rewrites that name nothing: right only when the question itself names nothing either.
# "Tell me more about that.": the rewrite's template with nothing in it.
_ABOUT_THAT = r"Can you tell me more about (?:that|it|this)\?|Tell me more about (?:that|it|this)\."
_GENERIC_REWRITE = re.compile(r"^(?:" + _ABOUT_THAT + r"|"
                              r"How do you feel about \w+ing\?|"
                              r"Tell me about the last time (?:a|an|some) [\w-]+(?: [\w-]+){0,3} came up\. What did you do\?|"
                              r"Tell me about the last time (?:this|that|it) came up\. What did you do\?)$")
_EXTRAPOSED = re.compile(r"^(?:(?P<be>is|isn't|was|wasn't)\s+it|it\s*(?P<be2>'s|is|was))\s+(?:(?:a\s+bit|quite|really|so|too|very|"
                         r"pretty|kind\s+of|such|an?|a\s+real|a\s+total|a\s+bit\s+of\s+a)\s+)*"
                         r"(?P<adj>[a-z-]+)\s+(?P<rest>(?:having\s+to|trying\s+to|to(?!\s+(?:say|think|assume|expect|suggest|guess|imagine)\b)|when|waiting|being|not\s+being|getting|finding|"
                         r"dealing\s+with|sorting\s+out|juggling|keeping)\s+.+)$", re.IGNORECASE)


_FIND = re.compile(r"^(?:(?:so|and|but)\s+)?(?P<aux>do|does|did)\s+(?P<s>you|they|he|she|your\s+[\w-]+|the\s+[\w-]+)\s+"
                   r"(?:(?:ever|still|really|actually)\s+)?find\s+(?P<np>(?:the|your|their|our|my|this|that|it|them)\b"
                   r"(?:\s+[\w'-]+){0,4}?)\s+(?:(?:a\s+bit|quite|too|so|really|very|pretty|kind\s+of|at\s+all)\s+)*"
                   r"(?P<adj>[a-z-]+)\s*[?.!]*$", re.IGNORECASE)


def _find_rewrite(text: str) -> str | None:
    """"Do you find the group chat overwhelming?" -> "How do you find the group chat?": the verdict goes, the
    question about their experience of the thing stays."""
    if not re.search(r"\bf(?:ind|inds|ound)\b", text or "", re.IGNORECASE):
        return None
    clause = _clause_of(text or "").strip()
    clause = _TOPIC_FRAME.sub("", _untag(re.sub(r"[?.!]+$", "", clause))).strip(" ,")
    # "I suppose your mum finds the video calls tricky?": the same question, said as a guess.
    clause = re.sub(r"^(?P<s>you|they|he|she|your\s+[\w-]+|the\s+[\w-]+)\s+(?P<v>finds?|found)\b",
                    lambda m: ("did" if m.group("v") == "found" else "does" if m.group("v") == "finds" else "do")
                    + f" {m.group('s')} find", clause, flags=re.IGNORECASE)
    m = _FIND.match(clause)
    if not m or not (_is_adjective(m.group("adj").lower()) or m.group("adj").lower().endswith(("ing", "ed"))):
        return None
    np = " ".join(_FLIP_OBJECT.get(w.lower(), w) for w in m.group("np").split())
    np = re.sub(r"^(?:this|that)\b", "the", np) if len(np.split()) > 1 else np
    subj = m.group("s")
    subj = subj.lower() if subj.lower() in ("you", "they", "he", "she") or subj.split()[0].lower() in _OWNED else subj
    aux = m.group("aux").lower()
    if subj.lower() in ("you", "they"):
        aux = "did" if aux == "did" else "do"
    built = _cap(f"How {aux} {subj} find {np}?")
    return built if reads_naturally(built) and _is_open(built) else None


def _extraposed(text: str) -> str | None:
    """"Isn't it annoying having to reset the password every month?" -> "What is it like having to reset the password
    every month?": the verdict goes, the experience it was about stays whole."""
    if not re.search(r"\bit(?:'s)?\b", text or "", re.IGNORECASE):
        return None
    clause = re.sub(r"[?.!]+$", "", _clause_of(text or "")).strip()
    clause = _END_TAG.sub("", _untag(clause)).strip(" ,")
    extra = _EXTRAPOSED.match(clause)
    if not extra:
        return None
    adj = extra.group("adj").lower()
    if adj in ("more", "less", "better", "worse", "easier", "harder", "cheaper", "quicker", "faster", "simpler") or (
            adj.endswith("er") and _is_adjective(adj) and not _is_noun(adj)):
        return None  # "it was cheaper to just buy a new one": a reason handed over, not an experience
    if extra.group("be2") and not _claim_noun(adj):
        return None  # said, not asked: only a verdict ("It's a nightmare getting…") makes it a question about the experience
    said = (extra.group("be") or extra.group("be2")).lower()
    be = "was" if said.startswith("was") else "is"
    for rest in dict.fromkeys((_TIME_TAIL_WORDS.sub("", extra.group("rest") + "?").rstrip("?"), extra.group("rest"))):
        built = _cap(f"What {be} it like {_flip(rest.split())}?")
        if reads_naturally(built) and _is_open(built):
            return built
    return None


def _without_topic(first: str, text: str, label: Label, flags: set[Flag], previous: str | None) -> str:
    """A question that names only "it" or "that": "Is it annoying having to log in every time?" asks what it is like
    to do the thing it names; "Would that work?" after "We keep a paper diary." asks about the customer's own thing
    ("Tell me more about your paper diary.") rather than about "that"."""
    about = re.match(r"^(?:Tell me more|Can you tell me more) about the (?P<w>[a-z]+)[.?]$", first or "")
    vague = bool(re.match(r"^What (?:was|is) that like for you\?$", first or "")) and bool(_action_verbs(text))
    if about and _is_adjective(about.group("w")) and "the " + about.group("w") not in (text or "").lower():
        vague = True  # "Is that normal for you?" -> not "Tell me more about the normal."
    if not _GENERIC_REWRITE.match(first or "") and not vague:
        return first
    last = re.split(r"(?<=[.!?])\s+", (previous or "").strip())[-1] if previous else ""
    theirs = topic_phrases(last) if last else []
    if theirs:
        np = theirs[0]  # the first thing their last sentence names
        for option in ((f"What happened with {np}?",) if _past_question(text) else ()) + (f"Tell me more about {np}.",):
            built = _cap(option)
            if reads_naturally(built) and _is_open(built):
                return built
    return "Can you tell me more about that?" if about and vague else first


def suggest_rewrites(text: str, label: Label | str, flags: Iterable[Flag | str] = (), previous: str | None = None,
                     language: str | None = "en", form: "Form | None" = None) -> list[str]:
    """Two or three alternatives that differ in technique, best first; empty when the turn needs none.

    1. an open question on the same topic (:func:`suggest_rewrite`, checked to read naturally, keep the topic and be
       open; rebuilt from the question's topic noun phrase when it does not);
    2. an echo of the customer's own last words (``previous``), when there are any (English);
    3. staying silent (:data:`SILENCE_ALTERNATIVE`, in parentheses: an action, not words).
    """
    lang = (str(language or "en").strip().replace("_", "-").split("-")[0].lower()) or "en"
    try:
        label = Label(label)
    except ValueError:
        return []
    flag_set: set[Flag] = set()
    for flag in flags or ():
        try:
            flag_set.add(Flag(flag))
        except ValueError:
            continue
    if Flag.OFF_TASK in flag_set:
        return []
    if label in (Label.STATEMENT, Label.REFLECTION) and (lang == "en" or lang not in ("nl", "ko", "zh")) and \
            isinstance(text, str):
        # The turn's own form asks for a yes or hands over a guess ("Um, did, like, your flatmates chip in…?", "I'm
        # assuming the kids do their homework on the laptop?"): an open alternative is worth offering whatever the
        # label, since the customer can only confirm it.
        asked = _asks_for_yes(text)
        if asked is None and label == Label.REFLECTION and _adds_a_claim(text, previous):
            asked = Label.LEADING  # a summary with a claim of the interviewer's own
        if asked is not None:
            label = asked
    if label not in (Label.CLOSED, Label.LEADING) and Flag.HYPOTHETICAL not in flag_set and not (
            Flag.PITCH in flag_set and label in (Label.STATEMENT, Label.REFLECTION, Label.OPEN)
            or Flag.DOUBLE_BARRELED in flag_set and label == Label.OPEN):
        # A plain reflection, statement or open question needs none; a pitch (whatever its form) gets a question
        # about how they do it today, and two open questions in one get the first on its own.
        return []
    if lang in ("nl", "ko", "zh"):
        first = suggest_rewrite(text, label, flag_set, language=lang)
        if not first:
            return []
        return [first] + ([SILENCE_ALTERNATIVE[lang]] if previous and previous.strip() else [])
    if not isinstance(text, str) or not text.strip() or _LOGISTICS.search(text):
        return []
    saved = getattr(_turn, "along", ()), getattr(_turn, "focus", None)
    _turn.along = _echo_along(previous)
    if _asked_again(label, flag_set):
        from .reask import reask_clause

        asked = reask_clause(text)  # the clause the question is asked again from: parsed with the turn's others
        if asked:
            _turn.along = _turn.along + (asked,)
    alone = focus_alone(form, previous) if getattr(form, "text", None) == text else None
    _turn.focus = (text, alone) if alone is not None else None
    try:
        made = [_as_written(one, text) for one in _english_rewrites(text, label, flag_set, previous, form)]
        # A rewrite that asks about no thing at all is left out (the next one leads); where none is left, the
        # plainest open question stands in.
        kept = [one for one in (_mend_object(one) for one in made) if one and not _about_their_own(one, text)]
        if made and (not kept or _SILENCE_TEXT.match(kept[0])):
            kept.insert(0, "Can you tell me more about that?")
        return kept
    finally:
        _turn.along, _turn.focus = saved


# A capitalised word inside a rewrite (after a lower-case word, not at a sentence's start): "Tell me about The second
# landing.", "Tell me about Family."
_INNER_CAPITAL = re.compile(r"(?<=[a-z,;:] )(?P<w>[A-Z][a-z][\w'-]*)\b")


def _as_written(made: str, text: str) -> str:
    """A rewrite as a person writes it: a word that has its capital in the turn only because it opened a sentence
    there ("Family?", "The second landing?", "Forty milks?") is lower-case inside the rewrite, unless the parse of
    the turn makes it a name ("Toronto?", "Anjali was driving…"); no space before a comma or a full stop, and no
    comma left before the end ("… when that was , exactly." -> "… when that was, exactly.")."""
    if not made or _SILENCE_TEXT.match(made):
        return made
    out = made
    for match in reversed(list(_INNER_CAPITAL.finditer(made))):
        word = match.group("w")
        where = [m.start() for m in re.finditer(rf"(?<![\w'-]){re.escape(word)}(?![\w'-])", text)]
        if not where or not all(_opens_sentence(text, i) for i in where) or _named(text, where[0]):
            continue
        out = out[: match.start("w")] + word[0].lower() + word[1:] + out[match.end("w"):]
    # A name the turn wrote with its capital ("Xero", "Ofsted", "DMs") or a day, month or feast keeps it.
    written = {w.lower(): w for w in re.findall(r"(?<![\w'-])[A-Za-z][\w'-]*", text)
               if w[0].isupper() and w.lower() not in ("i", "i'm", "i've", "i'd", "i'll")}

    def named(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if low in _CALENDAR:
            return low[0].upper() + low[1:]
        own = written.get(low)
        return own if own is not None and match.start() > 0 and (own[1:] != own[1:].lower() or any(
            not _opens_sentence(text, m.start()) for m in re.finditer(rf"(?<![\w'-]){re.escape(own)}(?![\w'-])", text))) \
            else word

    out = re.sub(r"(?<![\w'-])[a-z][\w'-]*", named, out)
    out = re.sub(r"\s+([,.?!])", r"\1", out)
    return _past_after_last_time(re.sub(r",+(?=[?.!]$)", "", out))


_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays "
                      "fridays saturdays sundays january february april june july august september october november "
                      "december christmas easter ramadan diwali hanukkah".split())


_NOT_PAST_HERE = frozenset("do does can could will would should must may might shall am is are was were be have has had "
                           "get".split())
_AFTER_LAST_TIME = re.compile(r"\bthe\s+last\s+time\s+you\b.*?\b(?:before|after|when|while|until|once|as\s+soon\s+as)\s+"
                              r"(?:you|they|we)\s+(?P<v>[a-z]+)\b", re.IGNORECASE)


def _past_after_last_time(made: str) -> str:
    """"Tell me about the last time you looked at the reviews before you buy." -> "… before you bought.": a clause
    of that moment is in its past too."""
    match = _AFTER_LAST_TIME.search(made)
    if not match:
        return made
    verb = match.group("v")
    low = verb.lower()
    if low in _NOT_PAST_HERE or _verb_lemma(low) != low or past(low) == low:
        return made
    return made[: match.start("v")] + past(low) + made[match.end("v"):]


# The thing a template rewrite asks about: "Tell me more about X.", "What happened with X?", "What was X like for you?".
_ABOUT_OBJECT = re.compile(r"^(?:tell me (?:more )?about(?: your experience with)?|can you tell me (?:a bit |a little )?"
                           r"(?:more )?about|what happened with|how do you feel about)\s+(?P<x>.+?)\s*[.?!]$"
                           r"|^what (?:was|is|are|were) (?P<y>.+?) like(?: for you)?\?$", re.IGNORECASE)
# What no noun phrase starts with: a preposition, an interjection or a filler, a negation, an apology.
_NOT_A_THING = frozenset("from to with at in on for of by into onto about than as oh ah ha aw ooh wow um uh er erm hm "
                         "hmm okay ok yeah yes no not sorry well right like so and but or because if".split())
_WH = frozenset("what where when why how which who whose whom".split())


def _mend_object(made: str) -> str | None:
    """A template rewrite with its object mended, or None where it asks about no thing at all.

    Mended: a question word and its noun become the noun ("Tell me about which client." -> "Tell me about the
    client."), a stutter goes ("the, the late shows" -> "the late shows"), and so do an interjection at the end ("the
    sheet ha") and a filler after the determiner ("the not bot" -> "the bot"). None: the object starts with a
    preposition, an interjection or a negation ("Tell me more about from.", "Tell me more about oh."), or is a bare
    question word ("What was where like for you?")."""
    match = _ABOUT_OBJECT.match(made.strip())
    if not match:
        return made
    group = "x" if match.group("x") is not None else "y"
    obj = match.group(group)
    mended = re.sub(r"\b([\w'-]+),?\s+\1\b", r"\1", obj, flags=re.IGNORECASE)  # "the, the late shows"
    mended = re.sub(r"[,\s]+(?:ha|oh|um|uh|eh|er|erm)$", "", mended, flags=re.IGNORECASE)
    words = mended.split()
    if not words:
        return None
    low = [w.lower().strip(",") for w in words]
    if low[0] in ("the", "a", "an", "your", "my", "that", "this") and len(low) > 2 and low[1] in _NOT_A_THING:
        words, low = [words[0]] + words[2:], [low[0]] + low[2:]
    if low[0] in ("which", "what") and len(low) == 2:
        words, low = ["the", words[1]], ["the", low[1]]
    if low[0] in _NOT_A_THING or (low[0] in _WH and len(low) <= 2):
        return None
    if len(low) <= 2 and low[-1] in _TIME_HEADS:
        return None  # "Tell me more about the week.", "How do you feel about the while?": a time, no thing
    return made[: match.start(group)] + " ".join(words) + made[match.end(group):]


def _opens_sentence(text: str, i: int) -> bool:
    """Whether the word at ``i`` in ``text`` opens a sentence (the turn's start, or after ".", "?", "!", a dash)."""
    before = re.sub(r"[\s\"'“‘(]+$", "", text[:i])
    return not before or before[-1] in ".?!…—–-:"


def _named(text: str, i: int) -> bool:
    """Whether the word at ``i`` in ``text`` is a name: the parse makes it a proper noun, or it is no English word
    (neither a function or number word nor in lemminflect's dictionary: "Anjali", which the parse may call an
    adjective). True where there is no parse."""
    doc = _parse(text)
    if doc is None:
        return True
    token = next((t for t in doc if t.idx <= i < t.idx + len(t.text)), None)
    if token is None or token.pos_ == "PROPN":
        return True
    return not (token.is_stop or token.like_num or _known_word(token.lower_))


_AUX_WORDS = r"(?:is|was|are|were|do|does|did|has|have|had|can|could|will|would|should)\b"
_EMBED_WH = re.compile(r"^(?P<wh>who|whom|(?:whose|which|how\s+(?:much|many|long|often|far|old))(?:\s+(?!" + _AUX_WORDS
                       + r")[\w-]+)?|what\s+time|when|where)\s+(?P<rest>\S.*)$", re.IGNORECASE)
_INVERTED_AUX = frozenset("is was are were do does did has have had can could will would should".split())


def _about_their_own(made: str, text: str) -> bool:
    """The rewrite asks the customer about the interviewer's own thing: its "your X" is the turn's "my X" ("My nan
    always said never change your bank…" -> "Tell me more about your nan."), and the turn never says "your X"."""
    for match in re.finditer(r"\byour\s+([\w'-]+)", made, re.IGNORECASE):
        word = re.escape(match.group(1))
        if re.search(rf"\bmy\s+{word}", text, re.IGNORECASE) and not re.search(rf"\byour\s+{word}", text, re.IGNORECASE):
            return True
    return False


def _owned(np: str) -> str:
    """What someone has, as theirs: "a car" -> "your car", "kids" -> "your kids", "the van" stays."""
    np = re.sub(r"^(?:a|an|any|some)\s+", "", np)
    if re.match(r"(?:the|your|my|his|her|their|our|this|that|these|those|it|them)\b", np, re.IGNORECASE):
        return np
    return f"your {np}"


def _embedded_wh_rewrite(text: str) -> str | None:
    """A closed wh-question asked as a story about its own fact: "Who paid in the end?" -> "Tell me more about who
    paid." (the trailing time words go, as in every rewrite), "Where did she go after that?" -> "Tell me more about
    where she went after that.", "how much was it by the end" -> "Tell me more about how much it was by the end."
    The question's word order is made that of a clause (its subject before its auxiliary; "did" + verb as the verb's
    past, by the parse and lemminflect). None when it is no such question, its parse does not show the subject, or
    what is built does not read naturally, classify as open and keep the question's words."""
    clause = _clean_clause(strip_markers(text)[0])
    match = _EMBED_WH.match(clause)
    if not match:
        return None
    doc = _parse(clause)
    if doc is None:
        return None
    wh_end = len(match.group("wh"))
    rest = [t for t in doc if t.idx >= wh_end]
    if not rest:
        return None
    # The auxiliary put before its subject ("how many of them do you read", "when did you go"): the words before it
    # are the question word's phrase; with none ("who paid", "which one takes longest") the order is a clause's already.
    words = [clause[:wh_end].lower() + " "]
    aux = next((t for t in rest if t.lower_ in _INVERTED_AUX), None)
    subject = None
    if aux is not None:
        subject = next((t for t in doc if t.i > aux.i and t.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    span = sorted(subject.subtree, key=lambda t: t.i) if subject is not None else []
    if span and span[0].i == aux.i + 1 and all(b.i - a.i == 1 for a, b in zip(span, span[1:])):
        words.append("".join(t.text_with_ws for t in rest if t.i < aux.i))
        after = [t for t in doc if t.i > span[-1].i]
        subject_text = "".join(t.text_with_ws for t in span)
        if aux.lemma_.lower() == "do":
            verb = next((t for t in after if t.pos_ in ("VERB", "AUX") and t.dep_ != "aux"), None)
            if verb is None:
                return None
            tag = {"did": "VBD", "does": "VBZ"}.get(aux.lower_, "VBP")
            form = _inflect(verb.lemma_.lower(), tag) if tag != "VBP" else verb.lemma_.lower()
            if not form:
                return None
            words += [subject_text, "".join((form + verb.whitespace_) if t is verb else t.text_with_ws for t in after)]
        else:
            words += [subject_text, aux.text + " ", "".join(t.text_with_ws for t in after)]
    elif rest[0].lower_ in _INVERTED_AUX:
        return None  # an auxiliary first whose subject the parse does not show: no clause order to build
    else:
        words.append("".join(t.text_with_ws for t in rest))
    built = "Tell me more about " + re.sub(r"\s+", " ", " ".join(w.strip() for w in words if w.strip())).strip(" ,") + "."
    built = re.sub(r"\bi\b", "I", built)
    if reads_naturally(built) and _is_open(built) and _shares_topic(built, text):
        return built
    return None


# The rewrites the rules fall back on when they find nothing of the question to build on.
_GAVE_UP = re.compile(r"^(?:" + _ABOUT_THAT + r"|"
                      r"Tell me about the last time (?:that|this|it) (?:happened|came up)\.(?: What did you do\?)?|"
                      r"What is it like\?)$")
# Words of the rewrites' own templates: a rewrite that shares only these with the question names none of it.
_TEMPLATE_WORDS = frozenset("tell more about last time happen like feel say go get make think do be have know want "
                            "try keep seem sound mean thing way walk through".split())


_KEY_WORD = re.compile(r"[a-z][a-z'-]*")
_CLITIC_END = re.compile(r"'(?:s|re|ve|d|ll|m|t)$")


@lru_cache(maxsize=8192)  # a question's keys are read once for each of its candidate rewrites
def _word_keys(text: str) -> frozenset[str]:
    """The lemmas of ``text``'s words, less small words and the templates' own (:data:`_TEMPLATE_WORDS`)."""
    keys = set()
    for word in _KEY_WORD.findall((text or "").lower().replace("’", "'")):
        word = _CLITIC_END.sub("", word)
        if word in STOPWORDS or len(word) < 3:
            continue
        key = nlp.verb_lemma(word) or nlp.lemma(word)
        if key not in _TEMPLATE_WORDS and word not in _TEMPLATE_WORDS:
            keys.add(key)
    return frozenset(keys)


def _words_in_common(rewrite: str, question: str) -> bool:
    """The rewrite says a word of the question (lemmas, no parse; not its templates' own words: "tell", "happen",
    "say"): "What did she end up doing?" does ("end"), "What did they say?" for "Did they say why the van was
    late?" does not."""
    return bool(_word_keys(rewrite) & _word_keys(question))


# Where a rewrite's topic comes from when nothing else names it: objects first, then what the question is about.
_NP_ROLES = {"dobj": 0, "pobj": 1, "nsubj": 3, "nsubjpass": 3, "conj": 4, "appos": 4, "npadvmod": 9}


def _noun_phrase_rewrite(text: str) -> str | None:
    """"Tell me more about <the thing the question names>." for a question whose rewrite kept none of its topic:
    "Did they say why the van was late?" -> "Tell me more about the van.", "Whiteboards are a nightmare for that sort
    of thing, aren't they?" -> "Tell me more about whiteboards.". The noun phrase is the question's own, by its
    parse (an object before a subject), its verdict and hedges left out (:func:`_np_text`); never a pronoun, a time, a
    frame word ("the thing", "a way") or the feeling handed over ("a nightmare"). None when the question names no
    such thing, or what is built does not read naturally, classify as open and keep the question's words."""
    clause = _clean_clause(strip_markers(text)[0])
    # (No parse for a question with no word that could head such a phrase: "So I guess you were pretty annoyed at
    # that point, yeah?")
    if not any(_noun_like(w) and w.lower() not in _NOT_TOPIC_HEADS and w.lower() not in _SKIP_NOUNS
               and w.lower() not in _TIME_WORDS and w.lower() not in STOPWORDS and not _claim_noun(w)
               for w in re.findall(r"[A-Za-z][\w'-]*", clause)):
        return None
    doc = _parse(clause)
    if doc is None:
        return None
    chunks = [c for c in _noun_chunks(doc) if c.root.pos_ in ("NOUN", "PROPN")]
    chunks.sort(key=lambda c: (_NP_ROLES.get(c.root.dep_, 5), c.start))
    for chunk in chunks:
        if any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in chunk):
            continue  # "How many dogs": the question's own word is no topic
        if any(t.dep_ in ("attr", "acomp") for t in [chunk.root, *chunk.root.ancestors]):
            continue  # "…is the cost of the childcare?": what is said of it is the answer offered, not the topic
        head = chunk.root.lower_
        if head in _NOT_TOPIC_HEADS or head in _SKIP_NOUNS or head in _TIME_WORDS or _claim_noun(head) \
                or chunk.root.lemma_.lower() in _NOT_TOPIC_HEADS:
            continue
        np = _np_text(chunk)
        if not np:
            continue
        np = re.sub(r"\s*-\s*", "-", np)  # "rip - off" as the parse splits it
        if any(_claim_noun(w) for w in re.split(r"[\s-]+", np.lower()) + [np.lower().split()[-1]]):
            continue  # "a total rip-off": the verdict handed over
        words = np.split()
        if chunk.start == 0 and chunk[0].pos_ != "PROPN" and words[0] != "I":
            words[0] = words[0].lower()  # "Whiteboards are a nightmare…" -> "about whiteboards"
        np = " ".join([_FLIP_OWNER.get(words[0].lower(), words[0])] + words[1:])
        built = _cap(f"Tell me more about {np}.")
        if reads_naturally(built) and _is_open(built) and _shares_topic(built, text):
            return built
    return None


_EXCLAMATION = re.compile(r"^\W*(?:oh\s+)?(?:my\s+(?:god|gosh|goodness|word|days)|god|gosh|goodness(?:\s+me)?|blimey|"
                          r"jeez|crikey|wow)\b[\s,.!…-]*", re.IGNORECASE)


def _english_rewrites(text: str, label: Label, flag_set: set[Flag], previous: str | None,
                      form: "Form | None") -> list[str]:
    """:func:`suggest_rewrites` of an English turn that needs them."""
    # A caption's "wasnt", "dont" are read as the words they are ("the voucher wasnt" is no noun phrase), and an
    # exclamation before it ("oh my god, seven oh two, …") is no part of what was asked ("your god").
    text = _EXCLAMATION.sub("", restore_apostrophes(text)) or text
    out: list[str] = []
    first = _open_alternative(text, label, flag_set, form if form is not None and form.language == "en" else None)
    first = _extraposed(text) or _find_rewrite(text) or _checked_main(first, text, label, flag_set) if first else first
    if first and not topic_phrases(text):
        first = _without_topic(first, text, label, flag_set, previous)
    if first:
        first = _naturally(first, text, label, flag_set, previous)
        # Each later step may rebuild the rewrite; one that leaves it cut short (a verb without its object, a clause
        # after a preposition: _cut_short) keeps the rewrite the step before made.
        if _GENERIC_REWRITE.match(first) and Flag.HYPOTHETICAL not in flag_set:
            # "Who paid in the end?" -> "Tell me more about who paid.", not "Can you tell me more about that?": the
            # question's own fact, asked about as a story.
            first = _sound(_embedded_wh_rewrite(text) or first, first)
        if (_GAVE_UP.match(first) or not _words_in_common(first, text) and not _words_in_common(first, previous or "")) \
                and _topic_stems(text):
            # "Whiteboards are a nightmare for that sort of thing, aren't they?" -> not "Tell me about the last time
            # that happened." (a rewrite that names nothing, of a question that names something): the thing it
            # names, asked about.
            first = _sound(_noun_phrase_rewrite(text) or first, first)
        try:
            first = _sound(_grounded_instead(first, text, label, flag_set, previous), first)
        except Exception:  # pragma: no cover - a parse the check cannot read: the rewrite as it was
            logger.debug("grounded rewrite skipped for %r", text, exc_info=True)
        if _asked_again(label, flag_set):
            # A plain yes/no question asked again as an open one on everything it asked ("Do you write anything
            # down when you check them?" -> "What, if anything, do you write down when you check them?"): what the
            # interviewer wanted to know, with "none" still a possible answer (scoring.reask).
            from .reask import reask

            try:
                first = _sound(reask(text) or first, first)
            except Exception:  # pragma: no cover - a parse the re-asking cannot read: the rewrite as it was
                logger.debug("re-asking skipped for %r", text, exc_info=True)
        if previous and previous.strip() and _cut_short(first) and _parser_loaded():
            # Still cut short (every template of the question's own lost the verb's object): a question about what
            # the customer told (scoring.grounded), or the thing they named, reads whole.
            from .grounded import grounded_rewrite

            whole = grounded_rewrite(_echo_text(previous), text) or next(
                (_cap(f"Tell me more about {np}.") for np in _their_topic(previous)[:1]), None)
            if whole and not _cut_short(whole) and reads_naturally(whole):
                first = whole
        out.append(first)
    if previous and previous.strip() and out:
        echo = _echo_alternative(previous)
        try:
            echo = _echo_whole(echo, previous)
        except Exception:  # pragma: no cover - a parse the check cannot read: the echo as it was
            pass
        if echo and echo.rstrip("?").split()[-1].lower() in _VAGUE_HEADS:
            echo = None  # cut to its noun, "the way home" became "The way?"
        if echo and re.search(r"(?:'ve|'d|'re|'ll|'m|\b(?:who|which|that|and|or|of|the|a|an))\s*\?$", echo,
                              re.IGNORECASE):
            echo = None  # cut after an auxiliary or a joining word: "The best you've?", "The quiet zone who?"
        if echo and _cut_short(echo):
            echo = None  # "The section leader you?": cut after a pronoun of a clause
        if echo and echo.lower() not in (o.lower() for o in out):
            out.append(echo)
        out.append(SILENCE_ALTERNATIVE["en"])
    return out


def _asked_again(label: Label, flag_set: set[Flag]) -> bool:
    """A plain closed question, which :mod:`scoring.reask` may ask again openly (with the parser loaded)."""
    return label == Label.CLOSED and not flag_set & {Flag.HYPOTHETICAL, Flag.PITCH, Flag.DOUBLE_BARRELED} \
        and _parser_loaded()


def _grounded_instead(first: str, text: str, label: Label, flag_set: set[Flag], previous: str | None) -> str:
    """The main rewrite, or one built on what the customer said (:mod:`scoring.grounded`) where the main one takes
    for granted the event the question asked about ("Have you ever ordered online from them?" -> not "Tell me about
    the last time you ordered online from them."), asks about a thing only the interviewer spoke of (a pitch's
    product, a guess's "mortgage", a yes/no question's "your phone"), or about a thing of theirs the question does
    not ask about. With nothing of theirs to build on, a story keeps a hedge ("…, if you ever have."), a past yes/no
    question asks how it turned out, a present-perfect one what they have done so far."""
    if not previous or not previous.strip() or _SILENCE_TEXT.match(first) or not _parser_loaded():
        return first  # (without the parser loaded, a single turn keeps to the parse-free rewrites)
    from .grounded import _lemmas, _told_verbs, asks_whether, grounded_rewrite, presupposes

    about = _ABOUT_OBJECT.match(first) or _NEED_TODAY.match(first)
    thing = (about.group("x") or about.group("y") or "") if about else ""
    new_thing = bool(thing and _word_keys(thing) - _word_keys(previous))
    if (_told_verbs(first) & _lemmas(text) or new_thing or Flag.PITCH in flag_set) \
            and not parse_batch.in_batch():
        # The question's clause and the customer's words may both be read below: in one call (a batch makes its
        # calls together anyway).
        parse_ahead([_question_clause(text), _echo_text(previous)])
    taken = presupposes(first, text, previous, label, flag_set)
    wrong = taken
    whether = asks_whether(text)
    if not wrong and (Flag.HYPOTHETICAL in flag_set or Flag.PITCH in flag_set or label == Label.LEADING or whether):
        # A thing only the interviewer spoke of, asked about: a pitch's product ("Tell me more about the family
        # health record app."), a leading guess's own words ("How do you feel about the mortgage?" of "You must be
        # saving up for a mortgage?"), a yes/no question's side detail ("Tell me about your phone." of "Is that on
        # your phone?"). It plants the interviewer's idea or misses the point; what the customer said does not.
        wrong = new_thing
        if wrong and Flag.HYPOTHETICAL not in flag_set and Flag.PITCH not in flag_set and _is_subject_of(thing, text):
            # "The gate's locked at night, right?" -> "Tell me more about the gate." stays: what the guess is about
            # is a topic; what it says of it ("a total waste", "your health", "on your phone") is the guess.
            wrong = False
        if not wrong and thing and not _word_keys(thing) & _word_keys(text) and _grounded_names(text):
            # "so do you go the same days every week?" -> not "Tell me more about the form.": a thing of theirs that
            # the question does not ask about (it asks about a doing of theirs), taken from their words by default.
            wrong = not _SILENCE_TEXT.match(first)
    if not wrong and Flag.PITCH not in flag_set:
        return first
    grounded = grounded_rewrite(_echo_text(previous), text)  # (the text the echo parses: one parse for both)
    if grounded and (wrong or not grounded.startswith("Tell me more")):
        # (A pitch whose rewrite is fine still asks better about the last time they did what it would replace; a
        # description of theirs, "Tell me more about Valentine's week.", is no better than the rewrite.)
        return grounded
    if not wrong:
        return first
    last = _LAST_TIME_WHO.match(first) if taken and (whether or Flag.HYPOTHETICAL in flag_set) else None
    if last:
        # "Do you ever forget to log your hours?" with nothing of theirs to build on: the story, if there is one
        # ("Tell me about the last time you forgot to log your hours, if you ever have.").
        who = last.group("who").lower()
        who = who if who in ("you", "they", "he", "she", "we") else "they"  # "your customers", "your son": they
        return f"{first.rstrip('.?! ')}, if {who} ever {'has' if who in ('he', 'she') else 'have'}."
    if taken and _PAST_YES_NO.match(text.strip()):
        return "How did that turn out?"  # "Did she charge you for cancelling?": how it went, not that she did
    if taken and _PERFECT_YES_NO.match(text.strip()):
        return "What have you done about that so far?"  # "Have you chased the council about it at all?"
    return first


def _grounded_names(question: str) -> bool:
    """The question asks about something of its own: a content word beyond pointing words ("Is it usually working?"
    asks about working; "Is that right?" about nothing)."""
    return bool(_word_keys(question) - {"right", "true", "okay", "fair", "really", "usually", "always", "ever"})


def _is_subject_of(thing: str, question: str) -> bool:
    """The head of ``thing`` is a subject in the parse of ``question``."""
    from .grounded import question_parse

    words = re.findall(r"[\w'-]+", thing.lower())
    doc = question_parse(question) if words else None
    if doc is None:
        return False
    # (or the head of a clause read without its verb: "The gate's locked at night" parsed with "gate" as its root)
    return any(t.lower_ == words[-1] and (t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "ROOT" and t.pos_ in (
        "NOUN", "PROPN") and all(b.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "PUNCT", "INTJ", "PART") or
                                 b.dep_ in ("compound", "poss", "case") for b in doc[:t.i])) for t in doc)


_NEED_TODAY = re.compile(r"^What do you do today when you need (?P<x>.+?)\?$|^How did you feel about (?P<y>.+?)\?$")
_LAST_TIME_WHO = re.compile(r"^(?:Tell me about|Walk me through) the last time (?P<who>you|they|he|she|we|"
                            r"(?:the|your|his|her|their)\s+[\w'-]+)\s+\w+")
_YES_NO_LEAD = r"^(?:(?:so|and|but|right|okay|ok|oh|um+|uh+|er+|like|yeah|well)[\s,.…-]+)*"
_PERFECT_YES_NO = re.compile(_YES_NO_LEAD + r"(?:have|has|haven't|hasn't)\s+(?:you|they|he|she|anyone|anybody)\b",
                             re.IGNORECASE)
# A yes/no question about something past ("Did you …?", "so did they, uh, …").
_PAST_YES_NO = re.compile(_YES_NO_LEAD + r"(?:did|didn't)\b", re.IGNORECASE)


# --- The last look at the main rewrite: does it read like a person wrote it? -------------------------------------
#
# The templates above can leave words that only made sense in the yes/no question ("any", "since then", "or not"),
# cut the topic noun phrase short ("the allotment" of "the allotment waiting list", "the room" of "the waiting room"),
# take a time, a number or the verdict for the topic ("the month", "the two", "the rubbish"), or wrap a clause in a
# frame that cannot hold it ("Tell me about telling them it was broken", "Tell me about how you reckon…", "the last
# time the delivery came up"). Such a rewrite is rebuilt from the parse of the question: its own verb, tense and
# object ("What happened when you told them it was broken?", "How did you decide whether to keep the old laptop or get
# rid of it?"), or its whole topic noun phrase; each candidate must read naturally, classify as open and keep the
# topic, or the rewrite is left as it was.

_LEFTOVER = re.compile(r"\b(?:at\s+least|or\s+not|at\s+all|anyway|yet)\b|\bany\b(?!\s+(?:more|longer)\b)"
                       r"|\b(?:pretty\s+|really\s+|so\s+)?(?:quick|quickly)\s*(?=[?.!]$)", re.IGNORECASE)
_OPEN_HEDGE = re.compile(rf",\s*if\s+(?:{OPEN_HEDGE})\s*,", re.IGNORECASE)
_SOMEONE = re.compile(r"\bany(one|body)\b", re.IGNORECASE)
# "the last time you looked … since then": one occasion, not a stretch of time since.
_LAST_TIME_SINCE = re.compile(r"\bthe\s+last\s+time\b.*?(?P<since>\s+since\s+then)(?=\s*[?.!]$)", re.IGNORECASE)
_CAME_UP_NP = re.compile(r"^Tell me about the last time (?P<np>.+?) came up\. What did you do\?$")
_GERUND_FRAME = re.compile(r"^Tell me about (?:\w+ing)\b(?P<rest>.*)$")
_CLAUSE_INSIDE = re.compile(r"\b(?:why|whether|if|how|what|who)\b|\b(?:anyone|anybody|anything|someone|somebody)\b|"
                            r"\b(?:it|they|he|she|you|we|that|there)\s+(?:was|were|is|are|did|had|has|would|could|'s|'re)\b",
                            re.IGNORECASE)
# Verbs of thinking and wanting: "how you reckon the price is fair", "the last time you wanted the app to…" ask about
# no occasion.
_STATE_AFTER_LAST_TIME = frozenset("""
was were be want wish need like love hate prefer trust mind expect hope reckon believe know suppose guess seem mean
""".split())
_STATE_VERBS = frozenset("""
reckon think believe suppose guess know feel find want wish need like love hate prefer trust mind expect hope imagine
mean seem were was be am is are
""".split())
_HOW_YOU = re.compile(r"^Tell me about how (?:you|they|he|she)\s+(?P<v>\w+)(?P<rest>.*)$")
_LAST_TIME_YOU = re.compile(r"\bthe\s+last\s+time\s+(?:you|they|he|she)\s+(?P<v>\w+)\b")
_DECIDE = re.compile(r"^(?:How (?:do|did) (?:you|they) decide between|What decides whether)\b")
_END_NP = re.compile(r"(?:\b(?:about|with)\s+(?P<np>(?:(?:the|your|my|our|their|his|her|those|these)\s+)?[\w'’-]+"
                     r"(?:\s+[\w'’-]+){0,5}?)|^What (?:is|are|was|were)\s+(?P<np2>(?:(?:the|your|my|our|their|his|her|those|"
                     r"these)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,5}?)\s+like(?:\s+for\s+you)?)\s*[?.]$")
_TIME_NOUNS = frozenset("day days week weeks weekend weekends month months year years night nights morning mornings "
                        "evening evenings minute minutes hour hours term summer winter spring autumn".split())
_TIME_PREPS = frozenset("at in on per a an every next last this each during".split())


def _chunk_phrase(chunk) -> str | None:
    """A noun chunk as a rewrite names it: its determiner (an indefinite one becomes "the"), the compounds and plain
    adjectives that make it the thing it is ("the allotment waiting list", "the vet bills"), its noun; not the verdict
    or degree words ("too", "so", "exhausting")."""
    from .rules import LOADED

    root = chunk.root
    words = []
    asked = False  # "How many dogs": the question's own words go, "the" takes their place
    for tok in chunk:
        low = tok.lower_
        if tok.i > root.i:
            break
        if (low == "how" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in ("many", "much")) or (
                asked and low in ("many", "much")):
            asked = True
            continue
        if tok.dep_ in ("det", "predet") and low in ("a", "an", "some", "any", "no", "all", "every", "each"):
            continue
        if tok.i < root.i and tok.dep_ not in ("compound", "poss", "case", "det", "nummod", "punct") and (
                low in LOADED or low in _DROP_MODIFIERS - {"new", "same"} or tok.pos_ == "ADV"
                or tok.tag_ in ("JJR", "JJS") or _claim_noun(low)):
            continue
        if tok.dep_ == "nummod" and tok.lower_ in ("one", "two"):
            continue
        words.append(tok)
    if not words or words[-1] != root:
        return None
    phrase = " ".join(t.text for t in words)
    # "£5,000" is one word, not "£ 5,000"
    phrase = re.sub(r"([£$€]) (?=\d)", r"\1", phrase).replace(" 's", "'s").replace(" '", "'").replace(" - ", "-")
    first = words[0]
    if first.dep_ not in ("det", "poss") and first.tag_ not in ("PRP$", "POS") and root.pos_ != "PROPN" and (asked or not (
            root.tag_ in ("NNS", "NNPS") and not any(t.dep_ == "det" for t in chunk))):
        phrase = "the " + phrase
    return phrase


def _good_topic(chunk) -> bool:
    root = chunk.root
    low = root.lower_
    if root.pos_ not in ("NOUN", "PROPN") or low in _SKIP_NOUNS or _claim_noun(low) or (
            low in _GENERIC and low not in _TIME_NOUNS and not any(c.dep_ == "compound" for c in root.children)):
        return False
    if low in ("idea", "person", "kind", "sort", "lot", "bit", "trouble", "worth", "money") and root.dep_ in ("attr", "dobj"):
        return False
    if low in _TIME_NOUNS and (root.dep_ in ("npadvmod", "tmod", "appos") or (
            root.dep_ == "pobj" and root.head.lower_ in _TIME_PREPS) or any(
                c.lower_ in ("a", "an", "per", "next", "last", "this", "every", "each") for c in root.children)):
        return False  # "sixty quid a month", "next year", "at the weekend": when, not what
    if root.dep_ == "pobj" and root.head.lower_ in ("at", "from", "to") and len(chunk) == 1 and root.pos_ == "NOUN":
        return False  # "at work", "from home": where, not what
    if root.dep_ in ("attr", "acomp", "oprd") and root.head.lemma_ == "be":
        return False  # the verdict the question offers ("the app's rubbish", "a morning person")
    return True


def _named_well(chunk) -> bool:
    """Whether a rewrite may name this chunk of the question: not a time said as when ("a month", "next year"), not the
    verdict the question offers ("a morning person", "the app's rubbish"), not a number."""
    root = chunk.root
    if root.pos_ == "NUM" or (root.lower_ in _TIME_NOUNS and (root.dep_ in ("npadvmod", "tmod", "appos") or (
            root.dep_ == "pobj" and root.head.lower_ in _TIME_PREPS) or any(
                c.lower_ in ("a", "an", "per", "next", "last", "this", "every", "each") for c in root.children))):
        return False
    if root.dep_ in ("attr", "acomp", "oprd") and root.head.lemma_ == "be" and not any(
            c.dep_ == "relcl" for c in root.children) and not any(
                c.dep_ == "nsubj" and c.lower_ in _SKIP_NOUNS for c in root.head.children):
        # Not "is it the same driver who comes" (a cleft names its topic), nor "the main reason was the commute".
        return False
    if root.pos_ == "PROPN" and root.dep_ == "pobj" and root.head.lower_ in ("in", "on", "since", "by", "until", "from",
                                                                            "at", "till"):
        return False  # "in May", "on Thursdays"
    return True


def _topic_chunks(doc) -> list:
    rank = {"dobj": 0, "pobj": 1, "nsubjpass": 2, "nsubj": 2, "conj": 3, "appos": 3}
    chunks = [c for c in _noun_chunks(doc) if _good_topic(c)]

    def order(chunk):
        r = rank.get(chunk.root.dep_, 4)
        if chunk.root.dep_ == "pobj" and (chunk.root.head.head.pos_ == "ADJ" or chunk.root.head.head.lemma_ == "be"):
            r = 3  # "fair for the area": the object of a verdict's preposition, after the subject
        return r, chunk.start
    return sorted(chunks, key=order)


@lru_cache(maxsize=4096)  # the same text is read again by several checks of one rewrite
def _question_doc(text: str):
    clause = _question_clause(text)
    return _parse(clause) if clause else None


@lru_cache(maxsize=4096)
def _question_clause(text: str) -> str:
    """The text :func:`_question_doc` parses: the question's clause without its end mark. The clause of the question
    read alone (``analyse(text)``), which the turn being rewritten hands over when what was said before it cannot have
    changed it (:func:`scoring.rules.focus_alone`): no second reading of the turn."""
    known = getattr(_turn, "focus", None)
    focus = known[1] if known is not None and known[0] == text else analyse(text).focus
    clause = _clean_clause(focus) or strip_markers(text)[0]
    clause = re.sub(r"[?.!]+$", "", clause).strip()
    # "the app's rubbish": that 's is "is" before a verdict at the end, not a possessive.
    clause = re.sub(r"(\w)'s\s+(?:(?:just|really|so|too|pretty|a\s+bit|quite|totally|basically)\s+)*(?P<v>[a-z]+)$",
                    lambda m: m.group(0) if not (_claim_noun(m.group("v")) or (
                        _is_adjective(m.group("v")) and not _is_noun(m.group("v")))) else
                    m.group(0).replace("'s", " is", 1), clause)
    return clause


def _np_problem(candidate: str, text: str) -> tuple[str, Any] | None:
    """The noun phrase the rewrite ends on, judged against the question's parse: cut short, or not a topic at all.
    Returns (phrase, the question's chunk to use instead or None) when it is wrong."""
    end = _np_to_judge(candidate, text)
    if end is None:
        return None
    np, words, last = end
    doc = _question_doc(text)
    if doc is None:
        return None
    toks = [t for t in doc if t.lower_.rstrip("'’") == last]
    if not toks:
        return None
    tok = toks[0]
    chunk = next((c for c in _noun_chunks(doc) if c.start <= tok.i < c.end), None)
    wrong = False
    before = next((t for t in doc if len(words) >= 2 and t.lower_ == words[-2].lower() and t.i < tok.i), None)
    held = next((c for c in _noun_chunks(doc) if c.root == before), None) if before is not None else None
    if held is not None and not (held.start <= tok.i < held.end):
        wrong, chunk = True, held  # "your manager okay": the noun phrase ended before the last word
    elif chunk is None and (tok.lower_ in _TIME_NOUNS or tok.pos_ in ("VERB", "AUX", "ADJ", "NUM")) and not _noun_by_role(tok):
        wrong = True
    elif words[-1].endswith(("'", "’")) or tok.tag_ == "POS":
        wrong = True
    elif tok.pos_ in ("VERB", "AUX", "ADJ", "ADV", "NUM", "PART") and not (tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN")) \
            and not _noun_by_role(tok):
        wrong = True
    elif tok.dep_ in ("compound", "amod", "poss", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        wrong = True  # "the allotment" of "the allotment waiting list"
        chunk = next((c for c in _noun_chunks(doc) if c.root == tok.head), chunk)
    elif chunk is not None and chunk.root == tok and _object_instead(tok) is not None:
        wrong, chunk = True, _object_instead(tok)  # "your wife" of "is it your wife who does the online shop"
    elif chunk is not None and chunk.root == tok:
        mods = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
        if any(w not in re.split(r"[\s-]+", np.lower()) for w in mods):
            wrong = True  # "the room" of "the waiting room"
        elif not _named_well(chunk):
            wrong, chunk = True, None
    if not wrong:
        return None
    if chunk is not None and not _good_topic(chunk):
        chunk = None
    return np, chunk


def _noun_by_role(tok: Any) -> bool:
    """A subject or object with its article is a noun whatever its tag ("The voucher wasn't enough": "voucher" ADJ)."""
    return (tok.pos_ in ("ADJ", "VERB") and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
            and any(c.dep_ == "det" for c in tok.children))


def _np_to_judge(candidate: str, text: str) -> tuple[str, tuple[str, ...], str] | None:
    """What :func:`_np_problem` judges against the question's parse: (the rewrite's last noun phrase, its words, its
    last word), or None when the words alone say the phrase is fine (the question is then not parsed)."""
    return _np_to_judge_with(candidate, text, _parser_loaded())


@lru_cache(maxsize=4096)  # asked before the checks parse anything (_parse_ahead), then by the check
def _np_to_judge_with(candidate: str, text: str, parser_loaded: bool) -> tuple[str, tuple[str, ...], str] | None:
    m = _END_NP.search(candidate)
    if not m:
        return None
    np = m.group("np") or m.group("np2")
    words = tuple(np.split())
    if any(w.lower() in _CLAUSE_WORDS or w.lower() in ("when", "if", "how", "what", "why", "whether", "is", "are", "was",
                                                        "were") for w in words) or (
            words[0].lower().endswith("ing") and words[0].lower() not in _DETERMINERS and len(words) > 1) or re.match(
            r"^the\s+(?:last|first|next)\s+time\s+\S", np, re.IGNORECASE):
        return None  # "about the last time you cancelled it", "about getting a quote": a clause, not a noun phrase
    last = words[-1].lower().rstrip("'’")
    low_q = strip_markers(text)[0].lower()
    q_words = re.findall(r"[\w'’-]+", low_q)
    if last not in [w.rstrip("'’") for w in q_words]:
        return None
    if not parser_loaded:
        # Single-turn scoring does not load the parser for nothing: only a sign seen in the words loads it. The word
        # after it in the question, a word before it that the rewrite dropped, a form of "be" before it (a verdict),
        # an adjective or a time word.
        at = [i for i, w in enumerate(q_words) if w.rstrip("'’") == last]
        before_ok = all(i == 0 or q_words[i - 1] in _DETERMINERS or q_words[i - 1] in _NO_PRE or
                        (len(words) >= 2 and q_words[i - 1] == words[-2].lower()) for i in at)
        follows = any(i + 1 < len(q_words) and q_words[i + 1] not in _NO_FOLLOW for i in at)
        after_be = any(re.search(r"\b(?:is|are|was|were|be|been)\b|\w['’](?:s|re|m)\b", " ".join(q_words[max(0, i - 4):i]))
                       for i in at)
        adjective = _is_adjective(last) and not _is_noun(last)
        if before_ok and not follows and not after_be and not adjective and last not in _TIME_NOUNS and \
                not words[-1].endswith(("'", "’")):
            return None
    return np, words, last


def _parser_loaded() -> bool:
    return getattr(nlp, "_pipeline", None) is not None or _LOAD_PIPELINE


def _object_instead(tok):
    """The thing a person's action is about, when the rewrite named the person instead: the verb's own object
    ("your wife" who "does the online shop" -> the online shop; "Jamie" who "tried the budgeting app" -> the app)."""
    if tok.pos_ != "NOUN" and not (tok.pos_ == "PROPN" and not any(c.dep_ == "det" for c in tok.children)
                                   and tok.dep_ == "nsubj" and tok.head.pos_ == "VERB"):
        return None
    if tok.pos_ == "NOUN" and not any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in tok.children):
        return None  # "your wife", "your manager": someone of theirs; not "the warranty", a thing
    if tok.dep_ == "nsubj":
        verbs = [tok.head]
    elif tok.dep_ == "attr":
        verbs = [c for c in tok.children if c.dep_ == "relcl"]
    else:
        return None
    for verb in verbs:
        if verb.pos_ != "VERB" or verb.lemma_.lower() in ("be", "have", "get", "make", "say", "think", "feel", "find"):
            continue
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN"):
                chunk = next((c for c in _noun_chunks(child.doc) if c.root == child), None)
                if chunk is not None and _good_topic(chunk) and child.lower_ not in _TIME_NOUNS:
                    return chunk
    return None


_NO_PRE = frozenset("about with of for to in on at from by and or than like".split())
_NO_FOLLOW = frozenset("""
about with of for to in on at from by and or than like when if because before after since that which who where while
is are was were do does did has have had 's 're will would can could should then now again though too as so but
really still already ever yet at all first last
""".split())


def _state_verb(word: str, states: frozenset = _STATE_VERBS) -> bool:
    word = word.lower()
    return word in states or (_verb_lemma(word) or word) in states


# Verbs that (nearly) always take a direct object: a rewrite that ends on one with its object cut reads as cut off
# ("Tell me about the last time someone else grabbed."). A valency lexicon: verbs also used without an object ("pay",
# "order", "book", "cancel", "watch") are not in it.
_NEEDS_OBJECT = frozenset("""
grab bring put need want install use make give send fix carry find get mention describe show hand fetch mend replace
remove receive include require lack own prefer afford ignore handle borrow lend recommend buy sort add take hire
rent purchase download upload attach fill
""".split())
# Verbs whose object needs a preposition ("the people we talk to"): a relative clause with no relative word keeps it.
_NEEDS_PREPOSITION = frozenset("talk speak listen look wait rely depend deal cope worry complain belong agree work "
                               "apply care refer respond reply".split())
# Heads whose relative clause leaves a time, manner or reason gap, not the object ("the last time you grabbed").
_ADVERBIAL_HEADS = frozenset("time times day days week weeks month months year years moment moments morning mornings "
                             "evening evenings night nights weekend weekends occasion occasions way ways reason "
                             "reasons point".split())
_MOVED_OBJECT_WORDS = frozenset("what which who whom whose whatever whoever that".split())
_CUT_DETERMINERS = frozenset("the a an every each your my our their his its".split())
_NP_ONLY = frozenset("about of with for on in at from to into through over by without towards toward onto upon "
                     "between among amongst against despite during regarding concerning via per within".split())
_LONE_PREPOSITIONS = frozenset("as by to for with of from like at into onto than between about".split())
_END_PRONOUNS = frozenset("i you we they he she".split())
_APPROXIMATE = frozenset("roughly approximately nearly almost".split())
_PLACE_WORDS = frozenset("there here home back away out in up down off over abroad online inside outside upstairs "
                         "downstairs somewhere anywhere elsewhere together".split())
# Signs in the words that a rewrite may be cut short (the parse is read only when one is seen).
_CUT_SIGN = re.compile(
    r"(?:\b(?:roughly|approximately|nearly|almost|as|by|to|for|with|of|from|like|at|into|than|"
    r"between|about)|'(?:ve|re|m|ll|d))\s*[?.!]$"
    r"|\b(?:between|among|amongst|against)\b"
    r"|\b(?:about|with|of|for)\s+(?:[\w'-]+\s+){0,2}?(?:(?:it|that|there|what|he|she|they|you|we)'(?:s|re)|is|are|was|"
    r"were|isn't|aren't|doesn't|don't|didn't|does|do|did|has|have|had)\b"
    r"|\b(?:or|and|too)\s+(?:is|are|was|were|do|does|did|has|have|can|could|will|would)\s+(?:it|you|they|he|she|there)\b"
    r"|\b(?:the|a|an|your|my|our|their)\s+(?:did|does|do|is|was|are|were|has|had|have|can|will|would|could)\b"
    r"|\b(?:myself|ourselves)\b", re.IGNORECASE)


def _object_moved(tok) -> bool:
    """``tok`` (a verb or preposition) sits where its object was moved away: a relative clause on a thing ("the
    tools you need", "something to buy"), after a wh-word ("what you grabbed"), or shares one in coordination."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True  # an infinitive's object is often its noun's ("easy to use", "something to buy")
    if any(t.lower_ in _MOVED_OBJECT_WORDS and t.i < tok.i and (t.head.i == tok.i or tok.is_ancestor(t))
           for t in tok.sent):
        return True  # (a wh-word of its own clause: not "What happened when they installed?")
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl"):
            return node.head.lower_ not in _ADVERBIAL_HEADS
        node = node.head
    related = [c for c in tok.children if c.dep_ == "conj"] + ([tok.head] if tok.dep_ == "conj" else [])
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") for r in related for c in r.children)


@lru_cache(maxsize=4096)
def _cut_short(candidate: str) -> str | None:
    """What cutting words out of a question left broken in ``candidate``, read off its parse (only read when the words
    show a sign of it): a verb that needs its object ending its clause without one ("…the last time someone else
    grabbed."), a relative clause that lost its preposition ("…people we talk?"), a preposition with a finite clause
    after it ("…between that's usually you…") or nothing ("…you paid by."), a determiner with no noun ("…about the
    did…"), a pronoun or contracted auxiliary left at the end ("…the section leader you.", "…Valencia I've."), an
    inverted question inside a request ("Tell me about who pays or is it you."), an amount word with no amount
    ("…you paid roughly."), "myself" with nobody to point to. None when nothing is caught."""
    if not candidate or not _parser_loaded():
        return None
    end = re.search(r"(?:([\w'-]+)\s+)?([a-z]+)\s*[?.!]?$", candidate)
    before, last = ((end.group(1) or "").lower(), end.group(2)) if end else ("", "")
    # A pronoun at the end after a word that is no inflected verb or preposition ("the section leader you", not
    # "without telling you"), or an inflected verb that needs an object ("grabbed", "needs").
    pronoun = last.lower() in _END_PRONOUNS and before and before not in _NP_ONLY and not (
        _verb_lemma(before) and _verb_lemma(before) != before)
    lemma = _verb_lemma(last) or ""
    cut_verb = lemma in _NEEDS_OBJECT and lemma != last and (_inflect(lemma, "VBD") == last or not _is_noun(last))
    sign = _CUT_SIGN.search(candidate)
    if sign and sign.end() >= len(candidate.rstrip()) and sign.group(0).rstrip("?.! ").lower().endswith(
            tuple(_LONE_PREPOSITIONS)) and re.search(
            r"\b(?:what|who|whom|which|that)\b", candidate, re.IGNORECASE) and not _CUT_SIGN.search(
            candidate[: sign.start()]):
        sign = None  # "What was the course like?", "Who did you talk to?": a wh-word takes the preposition's object
    if not sign and not pronoun and not cut_verb:
        return None
    doc = _parse(candidate)
    if doc is None:
        return None
    for sent in doc.sents:
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words:
            continue
        last = words[-1]
        lows = {t.lower_ for t in words}
        for tok in words:
            if tok.pos_ == "VERB" and tok.tag_ not in ("VBG", "VBN") and (
                    tok.lemma_.lower() in _NEEDS_OBJECT or (_verb_lemma(tok.lower_) or "") in _NEEDS_OBJECT):
                after = [t for t in words if t.i > tok.i]
                if all(t.pos_ in ("ADV", "PART") and t.dep_ in ("advmod", "neg") and t.head.i == tok.i and
                       t.lower_ not in _PLACE_WORDS for t in after) and not any(
                        c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp", "prt", "prep", "auxpass",
                                   "nsubjpass", "advcl", "npadvmod") or c.lower_ in _PLACE_WORDS
                        for c in tok.children) and not _object_moved(tok):
                    return f"'{tok.text}' without its object"
            if tok.dep_ == "relcl" and tok.lemma_.lower() in _NEEDS_PREPOSITION and tok.head.lower_ not in \
                    _ADVERBIAL_HEADS | {"place", "places"} and not any(
                    c.dep_ in ("dobj", "prep", "prt", "ccomp", "xcomp") or c.lower_ in _MOVED_OBJECT_WORDS or
                    c.lower_ in ("where", "when", "why", "how") for c in tok.children):
                return f"'{tok.head.text} … {tok.text}' without its preposition"
            if tok.lower_ in _CUT_DETERMINERS and tok.i + 1 < sent.end and tok.tag_ != "PRP":
                nxt = tok.doc[tok.i + 1]
                if nxt.tag_ in ("VBD", "VBP", "VBZ", "MD", "VB", "PRP", "CC", "WP", "WRB") and not (
                        nxt.dep_ in ("amod", "compound", "nmod") and nxt.head.i > nxt.i):  # "the sign-up form"
                    return f"'{tok.text}' with no noun"
            if tok.tag_ == "IN" and tok.dep_ in ("prep", "agent", "dative") and not any(
                    c.dep_ in ("pobj", "pcomp") for c in tok.children):
                nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
                if tok is last and tok.lower_ in _LONE_PREPOSITIONS and not _object_moved(tok.head) and not any(
                        t.lower_ in _MOVED_OBJECT_WORDS or t.lower_ in _WH for t in words if t.i < tok.i):
                    return f"'{tok.text}' with nothing after it"
                if nxt is not None and tok.lower_ in _NP_ONLY and nxt.dep_ in ("nsubj", "nsubjpass") and \
                        nxt.head.tag_ in ("VBD", "VBP", "VBZ", "MD") and nxt.head.i > tok.i and not any(
                        t.lower_ in _WH or t.lower_ in ("if", "whether") for t in tok.doc[tok.i + 1:nxt.head.i]):
                    return f"a clause after '{tok.text}'"
            if tok is last and tok.i > sent.start and (
                    tok.lower_ in _END_PRONOUNS and tok.doc[tok.i - 1].pos_ in ("NOUN", "PROPN") and tok.dep_ not in (
                        "dobj", "pobj", "dative", "conj") or tok.lower_ in ("'ve", "'re", "'m", "'ll", "'d")):
                return f"'{tok.text}' left at the end"
            if tok is last and tok.lower_ in _APPROXIMATE and tok.i > sent.start and tok.doc[tok.i - 1].text != ",":
                return f"'{tok.text}' with no amount"
            if tok.lower_ in ("myself", "ourselves") and not lows & {"i", "we"}:
                return f"'{tok.text}' with nobody to point to"
        root = sent.root
        if root.tag_ == "VB" and words[0].i == root.i and not any(c.dep_ in ("nsubj", "aux") for c in root.children):
            for tok in words[1:]:
                if tok.tag_ in ("VBZ", "VBP", "VBD", "MD") and tok.lemma_.lower() in (
                        "be", "do", "have", "can", "could", "will", "would") and tok.i + 1 < sent.end:
                    nxt = tok.doc[tok.i + 1]
                    if nxt.dep_ in ("nsubj", "expl") and nxt.tag_ in ("PRP", "EX") and \
                            tok.doc[tok.i - 1].lower_ in ("or", "and", ",", "but", "too"):
                        return f"a question '{tok.text} {nxt.text}' inside a request"
    return None


def _sound(new: str | None, old: str | None) -> str | None:
    """``new`` (a later step's rewrite), or ``old`` where ``new`` is cut short and ``old`` is not."""
    if new and new != old and old and _cut_short(new) and not _cut_short(old):
        return old
    return new


def _unnatural(candidate: str, text: str) -> str | None:
    """Why ``candidate`` would not be written by a person asking about ``text``; None when nothing is caught."""
    why = _unnatural_words(candidate, text)
    if why is not None:
        return why
    why = _cut_short(candidate)
    if why is not None:
        return why
    wrong = _np_problem(candidate, text)
    if wrong:
        return f"the topic '{wrong[0]}' cut short or not a topic"
    return None


@lru_cache(maxsize=4096)  # asked before the checks parse anything (_parse_ahead), then by the check
def _unnatural_words(candidate: str, text: str) -> str | None:
    """What :func:`_unnatural` catches in the words alone (no parse): None when they are fine."""
    if re.search(r"\w \- \w|\w['’]\s*[?.!]$", candidate):
        return "a hyphen or possessive left apart from its word"
    bare = _OPEN_HEDGE.sub(" ", candidate)  # "How, if at all, …", "What, if anything, …": a hedge that keeps it open
    if _LEFTOVER.search(bare) or _SOMEONE.search(bare) or _LAST_TIME_SINCE.search(candidate):
        return "a word of the yes/no question left in"
    came = _CAME_UP_NP.match(candidate)
    if came and (came.group("np").split()[0].lower() not in ("this", "that", "it") or topic_phrases(text)):
        return "a thing that 'came up' rather than what they did"
    gerund = _GERUND_FRAME.match(candidate)
    if gerund and _CLAUSE_INSIDE.search(gerund.group("rest")):
        return "a clause inside 'tell me about …ing'"
    how = _HOW_YOU.match(candidate)
    if how and (_state_verb(how.group("v")) or re.search(r"\b(?:a\s+lot|the\s+same|still)\b", how.group("rest"))):
        return "'tell me about how you' with a state or a yes/no"
    last = _LAST_TIME_YOU.search(candidate)
    passive = re.match(r"(?:was|were)\s+(?P<w>[a-z]+)\b", candidate[last.start("v"):]) if last else None
    if passive and not (_verb_lemma(passive.group("w")) and _inflect(_verb_lemma(passive.group("w")), "VBN") ==
                        passive.group("w")):
        passive = None
    if last and _state_verb(last.group("v"), _STATE_AFTER_LAST_TIME) and not passive:  # "…you were paid": a passive

        return "'the last time you' with a state"
    if _DECIDE.match(candidate) and re.search(r"\b(?:\w+)\s+(?:share|have|has|go|get|use|pay|keep)\b.*\b(?:and|or)\b",
                                             candidate):
        return "a clause after 'decide between'"
    if _YOU_TO_YOU.search(candidate):
        # "Tell me about the last time you told you how much it cost.": the interviewer's "tell me" turned round.
        return "'you' done something to by 'you'"
    return None


# A verb of telling or giving with "you" on both sides: no person writes it ("yourself" would be the word).
_YOU_TO_YOU = _r(r"\byou\s+(?:\w+\s+)?(?:told|tell|asked|ask|showed|show|gave|give|sent|send|reminded|remind|helped|help|"
                 r"let|taught|teach)\s+you\b")


def _object_of(verb, skip=()) -> str:
    """The verb's own object and complements as written (not its subject, auxiliaries, condition or time clause)."""
    from .rules import LOADED

    toks = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "cc", "conj",
                                               "mark", "advcl", "expl") or child in skip:
            continue
        if child.dep_ == "advmod" and child.lower_ in _SKIP_ADVERBS | {"again", "yet", "ever", "before", "first", "twice",
                                                                       "once", "often", "sometimes", "regularly"}:
            continue
        if child.dep_ in ("npadvmod", "tmod") and child.lower_ in _TIME_NOUNS:
            continue  # "twice a week", "every day": how often, not what
        toks.extend(t for t in child.subtree if not any(a.dep_ == "advcl" and t in a.subtree for a in child.subtree))
    words = []
    for t in sorted(set(toks), key=lambda t: t.i):
        low = t.lower_
        if low in ("any", "ever", "actually", "really", "just", "still", "yet", "again") or (
                low in LOADED and t.pos_ in ("ADJ", "ADV")):
            continue
        if low in ("anyone", "anybody"):
            words.append("someone")
            continue
        words.append(_FLIP_OBJECT.get(low, t.text))
    tail = " ".join(words).replace(" 's", "'s").replace(" n't", "n't").replace(" '", "'").replace(" - ", "-")
    tail = re.sub(r"\s+(?:since then|at all|in the end|or not|at least|then|now)$", "", tail)
    tail = re.sub(r"\s+(?:quick|quickly|pretty quick|fast)$", "", tail)
    return tail


_HYPOTHETICAL_AUX = frozenset("would will 'd 'll wo could might".split())


def _rebuilt(text: str, label: Label, flags: set[Flag]) -> list[str]:
    """Open questions built from the parse of the question, best first: its choice, its own action in its own
    tense, its whole topic noun phrase."""
    from .rules import LOADED, _PRESUPPOSED_FEELINGS

    doc = _question_doc(text)
    if doc is None:
        return []
    out: list[str] = []
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return []
    verb = root
    # "did you manage to get it fixed", "did you want to keep…": the action is the complement.
    while verb.lemma_.lower() in ("manage", "want", "try", "get", "end", "decide", "plan", "go", "need", "have") and any(
            c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children):
        verb = next(c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB")
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in ("you", "they", "he", "she", "we"):
        subject_text = None
    else:
        subject_text = " ".join(t.text for t in subject.subtree)
        subject_text = re.sub(r"^(?:we|i)\b", "you", subject_text, flags=re.IGNORECASE).replace("You", "you")
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    past_tense = root.tag_ == "VBD" or any(a.tag_ == "VBD" and a.lemma_ != "will" for a in auxes)
    perfect = any(a.lemma_ == "have" for a in auxes) and root.tag_ == "VBN"
    hypothetical = bool(aux_words & _HYPOTHETICAL_AUX) or Flag.HYPOTHETICAL in flags
    lemma = verb.lemma_.lower()
    action = verb.pos_ == "VERB" and lemma not in _DULL_VERBS and lemma not in LOADED and lemma not in \
        _PRESUPPOSED_FEELINGS and lemma not in _STATE_VERBS and lemma not in ("rather", "like", "love")
    # A choice between two actions ("share one account or have separate ones"): how they decided.
    other = next((c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    if subject_text and verb.pos_ == "VERB" and other is not None and any(c.lower_ == "or" for c in verb.children):
        first, second = _object_of(verb, skip=(other,)), _object_of(other)
        if first and second:
            tense = "did" if past_tense else "do"
            out.append(f"How {tense} {subject_text} decide whether to {lemma} {first} or {other.lemma_.lower()} "
                       f"{second}?")
    if subject_text and action:
        tail = _object_of(verb)
        tail = re.split(r"\s+\b(?:or|whether|than)\b", tail)[0]
        said = f"{past(lemma)}{' ' + tail if tail else ''}"
        if hypothetical or perfect:
            out.append(f"Tell me about the last time {subject_text} {said}.")
        elif past_tense:
            out.append(f"What happened when {subject_text} {said}?")
            out.append(f"Tell me about the last time {subject_text} {said}.")
        elif tail and subject_text in ("you", "they"):
            adverb = next((c.lower_ for c in root.children if c.dep_ == "advmod" and c.lower_ in (
                "usually", "normally", "mostly", "generally", "typically")), None)
            if adverb:  # "Do you normally pay by card or cash?" -> "How do you normally pay…?"
                out.append(f"How do {subject_text} {adverb} {lemma} {tail}?")
            out.append(f"Tell me about the last time {subject_text} {said}.")
    for chunk in _topic_chunks(doc):
        phrase = _chunk_phrase(chunk)
        if phrase:
            out.append(f"Tell me more about {phrase}.")
            break
    return [_cap(o) for o in dict.fromkeys(out)]


def _naturally(first: str | None, text: str, label: Label, flags: set[Flag], previous: str | None = None) -> str | None:
    """``first`` when it reads like a person wrote it; otherwise a repair of it, or a rewrite built from the parse
    of the question that does (read naturally, open, on the question's topic); ``first`` when none does."""
    if not first or _SILENCE_TEXT.match(first):
        return first
    _parse_ahead(first, text, previous)
    try:
        why = _unnatural(first, text)
    except Exception:  # pragma: no cover - a parse the checks cannot read: keep the rewrite
        return first
    if why is None:
        return first
    candidates = []
    since = _LAST_TIME_SINCE.search(first)
    repaired = first[: since.start("since")] + first[since.end("since"):] if since else first
    repaired = _SOMEONE.sub("someone", _LEFTOVER.sub("", repaired))
    repaired = re.sub(r"(\w) - (\w)", r"\1-\2", repaired)
    cut = re.search(r"(?P<np>\b[\w-]+['’])\s*[?.!]$", repaired)
    said = re.search(re.escape(cut.group("np")) + r"\s+(?P<w>[\w-]+)", previous or "") if cut else None
    if said:  # "the kids'" of "the kids' clubs"
        repaired = repaired[: cut.end("np")] + " " + said.group("w") + repaired[cut.end("np"):]
    repaired = re.sub(r"\s+([?.!,])", r"\1", re.sub(r"\s{2,}", " ", repaired)).strip()
    if repaired != first:
        candidates.append(repaired)
    wrong = _np_problem(first, text) if why.startswith("the topic") else None
    if wrong and wrong[1] is not None:
        phrase = _chunk_phrase(wrong[1])
        if phrase:
            candidates.append(first[: first.rfind(wrong[0])] + phrase + first[first.rfind(wrong[0]) + len(wrong[0]):])
    # The customer's own topic ("Tell me more about the boiler."): its parse is made only when asked for (a candidate of
    # the question's own is usually taken first).
    theirs: list[set[str]] = []

    def theirs_cands() -> set[str]:
        if not theirs:
            found = {_cap(f"Tell me more about {np}.") for np in _their_topic(previous)[:1]}
            theirs.append(found | {repaired} if said else found)
        return theirs[0]

    def in_order():
        yield from candidates
        if _points_back(text):
            # "Do you reckon it made a difference?": "it" is the customer's thing; name it.
            yield from sorted(theirs_cands())
        yield from _rebuilt(text, label, flags)
        yield from sorted(theirs_cands())  # nothing of the question's own will do: the thing they just spoke of

    for cand in in_order():
        if cand and cand != first and reads_naturally(cand) and not _like_after_adjective(cand) \
                and _unnatural(cand, text) is None and _is_open(cand) \
                and (_shares_topic(cand, text) or cand in theirs_cands()):
            return cand
    return first


_SILENCE_TEXT = re.compile(r"^\(")


def _parse_ahead(first: str, text: str, previous: str | None) -> None:
    """Parse in one call the texts that :func:`_naturally` and the echo after it are sure to parse for this rewrite
    (two short texts in one call cost about two thirds of two calls): the question's clause when the words of
    ``first`` are fine but leave its last noun phrase to be judged by the parse, and the customer's words the echo
    reads (unless they were parsed along with an earlier parse of the turn). When the words alone show ``first``
    will be replaced, the question is parsed only if no repair of ``first`` will do."""
    if not _parser_loaded():
        return
    try:
        texts = []
        if _unnatural_words(first, text) is None and _np_to_judge(first, text) is not None:
            texts.append(_question_clause(text))
        echo = _echo_alternative(previous) if previous and previous.strip() else None
        if echo and echo.endswith("?"):
            texts.append(_echo_text(previous))
        parse_ahead([t for t in texts if t])
    except Exception:  # noqa: BLE001 - only a saving: the checks parse what they need themselves
        pass


def _points_back(text: str) -> bool:
    """Whether the question's own subject is "it" or "that" (also under "do you reckon/think…"): it asks about the
    customer's thing without naming it."""
    doc = _question_doc(text)
    root = next((t for t in doc if t.dep_ == "ROOT"), None) if doc is not None else None
    if root is None:
        return False
    heads = [root] + ([c for c in root.children if c.dep_ == "ccomp"] if root.lemma_.lower() in (
        "reckon", "think", "suppose", "feel", "say", "guess", "believe") else [])
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "that", "this")
               for h in heads for c in h.children)
_THEIR_OWNER = {"my": "your", "our": "your", "mine": "yours"}


def _their_topic(previous: str | None) -> list[str]:
    """The things the customer's last sentence names, whole and in the interviewer's person ("the charity walk",
    "your admin"), from its parse."""
    their = _their_text(previous)
    doc = _parse(their) if their is not None else None
    if doc is None:
        return []
    out = []
    for chunk in _topic_chunks(doc):
        if not _named_well(chunk) or chunk.root.pos_ == "PROPN" and chunk.root.dep_ == "nsubj":
            continue
        phrase = _chunk_phrase(chunk)
        if phrase:
            words = phrase.split()
            head = 1 if len(words) > 1 and words[0].lower() in _DETERMINERS else 0
            if chunk.start == 0 and words[head][:1].isupper() and _common_word(words[head]):
                words[head] = words[head].lower()  # "Customer service sent a voucher": the sentence's capital
            if len(words) == 2 and words[0].lower() == "the" and words[1][:1].isupper() and not _common_word(words[1]):
                words = words[1:]  # "Tomasz came at ten": a name takes no article
            first = _THEIR_OWNER.get(words[0].lower(), words[0])
            first = first.lower() if first.lower() in _DETERMINERS else first
            out.append(" ".join([first] + words[1:]))
    return out


@lru_cache(maxsize=2048)
def _common_word(word: str) -> bool:
    """A word of the dictionary ("Customer"), not a name ("Tomasz"): lemminflect knows how to inflect it."""
    from lemminflect import getAllInflections

    return bool(getAllInflections(word.lower()))


def _their_text(previous: str | None) -> str | None:
    """What :func:`_their_topic` parses: the customer's last sentence without its end mark (None: nothing)."""
    last = re.split(r"(?<=[.!?])\s+", (previous or "").strip())[-1] if previous else ""
    return re.sub(r"[?.!]+$", "", last) if last else None


def _echo_text(previous: str) -> str:
    """What :func:`_echo_whole` parses: the customer's last two sentences."""
    sentences = re.split(r"(?<=[.!?])\s+", previous.strip())
    return " ".join(sentences[-2:])


def _echo_whole(echo: str | None, previous: str) -> str | None:
    """An echo that hands back a whole noun phrase of theirs: "The batch?" of "the batch cooking" gets its noun ("The
    batch cooking?"); "Your parcels never?" and "The Ocado driver comes?" end on their noun ("Your parcels?")."""
    if not echo or not echo.endswith("?") or not _parser_loaded():
        return echo
    words = echo[:-1].split()
    doc = _parse(_echo_text(previous))
    if doc is None or not words:
        return echo
    toks = [t for t in doc if t.lower_ == words[-1].lower()]
    if not toks:
        return echo
    tok = toks[-1]
    if tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i and \
            tok.head.i - tok.i <= 2:
        whole = words + [t.text for t in doc[tok.i + 1: tok.head.i + 1]]
    elif tok.pos_ in ("VERB", "AUX", "ADV", "ADP", "PART", "SCONJ") and len(words) > 1:
        nouns = [i for i, w in enumerate(words[:-1]) if any(
            t.lower_ == w.lower() and t.pos_ in ("NOUN", "PROPN", "NUM") for t in doc)]
        if not nouns:
            return echo
        whole = words[: nouns[-1] + 1]
    else:
        return echo
    text = " ".join(whole).replace(" 's", "'s").replace(" - ", "-")
    return text[:1].upper() + text[1:] + "?"
