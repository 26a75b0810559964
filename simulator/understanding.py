"""Reading the trainee's turn: lexical units, echoes, closing invitations, and the persona's own
phrasings for asking back, recapping and offering something new, in every persona language.

Lexical units are what two phrasings of one thing share, language by language:

    units("Were the drivers friendly?", "en")        -> ["driver", "friendly"]     (spaCy lemmas)
    units("Fietsen jullie veel?", "nl")                -> ["fiets", "veel"]          (stems, no function words)
    units("모임통장은 어떻게 쓰세요?", "ko")            -> ["모임통장", "모임", "쓰세"]  (particles off, 2-syllable stems)
    units("自提点搬到驿站了", "zh")                     -> ["自提", "提点", "搬到", ...]   (character pairs)

Retrieval (:mod:`simulator.retrieval`) weighs them by how specific they are to one topic; the policy
(:mod:`simulator.policy`) uses :func:`echo_overlap` to see an echo whatever the scorer called it, and
:func:`is_invitation` to see "anything I haven't asked?". Nothing here keeps state.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import nlp
from .textutil import (
    KO_PARTICLES,
    _KO_STOP,
    _NL_STOP,
    _ZH_TRAILING,
    language_of,
    sentences,
    strip_korean_ending,
    strip_punctuation,
    word_count,
)

__all__ = [
    "units",
    "light_units",
    "nominal_units",
    "echo_overlap",
    "looks_like_echo",
    "is_invitation",
    "clauses",
    "without_excluded",
    "normalise_sentence",
    "sentence_keys",
    "voice",
    "title_phrase",
    "shorten",
    "time_counts",
    "time_anchor",
    "asked_fact",
    "fact_kinds",
    "turn_doc",
]

_WORD = re.compile(r"\w+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK_STOP_CHARS = frozenset("的了是我你您他她它们吗呢吧啊呀在有就都也和这那个么什怎")

# English words that carry no topic in an interview question, beyond spaCy's function words.
_EN_STOP = frozenset(
    "tell say talk describe walk happen feel think know mean like want need make let give take "
    "time thing way bit lot kind sort ever usually normally actually really probably maybe okay ok "
    "yeah um uh oh well right sure good great nice also still even now then today back much many little "
    "something anything everything nothing someone anyone people person stuff "
    # interjections and chat laughter, which the parse may take for a noun at the start of a turn ("ugh 😣 how long
    # were you out for with that"): a reaction, never a thing asked about
    "ugh lol lmao haha hahaha hehe omg wow ooh aww aw oops yikes phew meh argh eek hmm hm yay nah yep yup welp oof "
    "aha ahh".split()
)
# Dutch suffixes, longest first: "fietsen" -> "fiets", "gebeurde" -> "gebeur".
_NL_SUFFIXES = ("heden", "ingen", "tjes", "etje", "jes", "ing", "en", "de", "te", "je", "e", "s", "t")
_NL_EXTRA_STOP = frozenset("vertel eens gewoon heel veel vaak altijd meestal iets wat waar hoe waarom wanneer wie welke hoeveel hoelang nu "
                           "gebeurd gebeurde gaat ging doen deed "
                           # spoken fillers and the clipped pronoun "ie" ("doet ie 't?")
                           "eh ehm uhm nou zeg ie "
                           # interjections, chat laughter and "inderdaad" (typed "idd"): a reaction, no thing asked
                           "haha hihi hahaha oei oeps jeetje tja joh inderdaad".split())
_NL_SUBJECTS = frozenset("je jij u ik we wij ze zij hij het die dat jullie men de een er".split())
# Dutch verbs and adverbs in every story ("kijk", "eigenlijk", "goed"): weaker evidence of a topic than
# nouns and names, as spaCy's verbs and adverbs are in English. Stemmed like any word (see _nl_light).
_NL_LIGHT_WORDS = (
    "kijk kijkt kijken keek gekeken zie ziet zien zag gezien vind vindt vinden vond gevonden denk denkt denken "
    "dacht gedacht kun kunt kan kunnen kon konden zou zouden wil wilt willen wilde moet moeten moest mag mogen "
    "ga gaan ging gegaan doe doet gedaan heb hebt heeft hebben had gehad ben bent zijn was waren geweest word "
    "wordt worden werd geworden krijg krijgt krijgen kreeg gekregen kom komt komen kwam gekomen zeg zegt zeggen "
    "zei gezegd weet weten wist maak maakt maken maakte gemaakt houd houdt houden hield neem neemt nemen nam "
    "genomen geef geeft geven gaf gegeven laat laten liet help helpt helpen hielp geholpen vind speel speelt "
    "spelen eigenlijk nog al ook wel niet even echt best goed goede leuk leuke mooi lekker nu toen dan daar "
    "hier soms net alweer weer ooit nooit laatst laatste tijd tegenwoordig vroeger beetje graag zomaar zeker "
    "misschien precies samen allemaal").split()


_KO_FRAME = frozenset("어떻게 왜 뭐 뭘 무슨 어떤 언제 어디 얼마나 얼마 이야기 이야기해 얘기 얘기해 말씀 말씀해 주세요 주시겠어요 "
                      "있으세요 있어요 하세요 하셨어요 하시나요 혹시 보통 평소 "
                      # question and time words: a bare "누가요?", "몇 번이요?", "지금은요?" names no topic
                      "누가 누구 몇 번 지금 어디서 언제쯤".split())
# Chinese question and time words as character pairs ("多少", "什么时候", "多久", "现在", "几次"): a bare "多久？" names no
# topic, whichever topic's examples happen to ask it.
_ZH_QUESTION_PAIRS = frozenset("多少 什么 么时 时候 多久 现在 在哪 哪儿 哪里 几次 几个 几点 怎么 为什 么样".split())
_ZH_QUESTION_CHARS = frozenset("谁几")


# Chinese sentence and structural particles: a character pair with one of them at either end spans a word
# boundary ("剧吗", "取的").
_CJK_EDGE_CHARS = frozenset("的了吗呢吧啊呀嘛")
# Korean particles that stack on another ("친구한테는": 한테 + 는) or that strip_korean_ending does not know;
# multi-syllable ones (and 에, 를) come off even a one-syllable noun ("달에" -> "달").
_KO_MORE_PARTICLES = ("에게는", "한테는", "에서도", "께서는", "에게", "께서", "이라고", "라고", "마다", "밖에", "조차",
                      "씩")
_KO_SHORT_OK = frozenset({"에서", "에게", "한테", "까지", "부터", "으로", "처럼", "보다", "이랑", "마다", "라고", "에", "를"})


def _ko_stem(word: str) -> str:
    """A Korean word without its echo ending and up to two particles ("친구한테는" -> "친구", "달에" -> "달")."""
    stem = strip_korean_ending(word)
    for _ in range(2):
        for particle in (*_KO_MORE_PARTICLES, *KO_PARTICLES):
            rest = len(stem) - len(particle)
            if stem.endswith(particle) and (rest >= 2 or (rest >= 1 and particle in _KO_SHORT_OK)):
                stem = stem[:rest]
                break
        else:
            break
    return stem


# Question and pointing words of Korean that a one-syllable particle is left on ("뭐가", "뭘로", "거기서", "그때", "무엇이"),
# which _ko_stem keeps on so short a word: they name nothing, like the question frame.
_KO_POINTING = frozenset("거기 여기 저기 그때 그거 그것 이거 이것 저거 무엇 뭐 뭘".split())
_KO_ONE_PARTICLES = frozenset("가이로서를을는은도에랑")


def _ko_function(stem: str) -> bool:
    """A Korean question or pointing word, with or without one particle left on it."""
    base = stem[:-1] if len(stem) >= 2 and stem[-1] in _KO_ONE_PARTICLES else stem
    return stem in _KO_POINTING or base in _KO_POINTING or base in _KO_FRAME


def _nl_stem(word: str) -> str:
    for suffix in _NL_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            # A consonant doubled before the ending is single in the word itself: "tassen" is "tas", "bakken" "bak".
            if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
                stem = stem[:-1]
            return stem
    return word


@lru_cache(maxsize=8192)
def _units(text: str, lang: str) -> tuple[str, ...]:
    if lang == "en":
        out = []
        for u in nlp.content_lemmas(nlp.strip_disfluencies(text)):
            if len(u) > 3 and u.endswith("s") and not u.endswith("ss"):
                u = nlp.lemma(u)  # spaCy keeps "saturdays", "extras" as proper nouns
            if u not in _EN_STOP and len(u) > 1:
                out.append(u)
        return tuple(out)
    lowered = (text or "").lower()
    if lang in {"zh", "ja"}:
        out: list[str] = []
        for run in _HAN.findall(lowered):
            chars = [c for c in run]
            for i in range(len(chars) - 1):
                pair = chars[i] + chars[i + 1]
                if pair[0] in _CJK_STOP_CHARS and pair[1] in _CJK_STOP_CHARS:
                    continue
                # A particle at either end is a pair across a word boundary ("剧吗", "取的"), not a word.
                if pair[0] in _CJK_EDGE_CHARS or pair[1] in _CJK_EDGE_CHARS or pair in _ZH_QUESTION_PAIRS:
                    continue
                out.append(pair)
            if len(chars) == 1 and chars[0] not in _CJK_STOP_CHARS and chars[0] not in _ZH_QUESTION_CHARS:
                out.append(chars[0])
        out += [w for w in _WORD.findall(_HAN.sub(" ", lowered)) if len(w) > 1]
        return tuple(out)
    if lang == "ko":
        out = []
        for word in _WORD.findall(lowered):
            stem = _ko_stem(word)
            if not stem or stem in _KO_STOP or stem in _KO_FRAME or _ko_function(stem):
                continue
            out.append(stem)
            if len(stem) >= 3:
                out.append("~" + stem[:2])
        return tuple(out)
    stop = _NL_STOP | _NL_EXTRA_STOP if lang == "nl" else frozenset()
    found = _WORD.findall(lowered)
    # "hoe lang ben je", "hoe laat ga je", "hoe ver is het": the word whose degree "hoe" asks is part of the question
    # word, as in English. (Not the verb in "hoe betaal je": the word after "hoe" is the verb when its subject follows.)
    words = [w for i, w in enumerate(found)
             if w not in stop and len(w) > 1
             and not (lang == "nl" and i and found[i - 1] == "hoe" and i + 1 < len(found)
                      and found[i + 1] not in _NL_SUBJECTS)]
    if lang == "nl":
        return tuple(_nl_stem(w) for w in words)
    return tuple(words)


def turn_doc(text: str):
    """The spaCy parse of a turn as it is read everywhere: fillers and false starts left out, contractions
    expanded (cached by :func:`simulator.nlp.parse`); None without a parser."""
    return nlp.parse(_parse_ready(text))


def _parse_ready(text: str) -> str:
    return nlp.expand_contractions(nlp.strip_disfluencies(text))


@lru_cache(maxsize=8192)
def _light(text: str) -> frozenset[str]:
    doc = turn_doc(text)
    if doc is None:
        return frozenset()
    return frozenset(t.lemma_.lower() for t in doc if t.pos_ in {"VERB", "ADV", "AUX"})


@lru_cache(maxsize=2048)
def _nominal(text: str) -> frozenset[str]:
    doc = turn_doc(text)
    if doc is None:
        return frozenset()
    return frozenset(t.lemma_.lower() for t in doc if t.pos_ in {"NOUN", "PROPN"})


def nominal_units(text: str, language: str | None = "en") -> frozenset[str] | None:
    """The units of ``text`` that are nouns or names (English, by parse): the things a turn names, as opposed
    to its verdicts ("Exhausting, right?"). None where the language has no parse."""
    if language_of(language) != "en":
        return None
    return _nominal(text or "") & frozenset(_units(text or "", "en"))


@lru_cache(maxsize=1)
def _nl_light() -> frozenset[str]:
    return frozenset(_nl_stem(w) for w in _NL_LIGHT_WORDS if w not in _NL_STOP | _NL_EXTRA_STOP)


def light_units(text: str, language: str | None = "en") -> frozenset[str]:
    """The units of ``text`` that are verbs or adverbs (English, by parse; Dutch, the common ones by a
    list): weaker evidence of a topic than nouns, names and numbers ("find", "feel" are in every story;
    "party", "Tomasz" are not)."""
    lang = language_of(language)
    if not text:
        return frozenset()
    if lang == "nl":
        return frozenset(_units(text, "nl")) & _nl_light()
    if lang != "en":
        return frozenset()
    return _light(text)


def units(text: str, language: str | None = "en") -> list[str]:
    """The content units of ``text`` in its language (see the module docstring), in order."""
    return list(_units(text or "", language_of(language)))


def warm_units(texts: list[str], language: str | None = "en") -> None:
    """Compute the units of many texts at once (one spaCy batch for English); later calls hit the cache."""
    lang = language_of(language)
    if lang == "en":
        nlp.lemma("warming")  # lemminflect loads its tables on the first call (half a second)
        nlp.parse_many([_parse_ready(t) for t in texts])
    for text in texts:
        _units(text or "", lang)


# Sentences ---------------------------------------------------------------------------------------------


# Where a spoken or dashed turn turns from a reaction to its question: a dash or a semicolon ("Oh no, that sounds
# stressful — what did you do?"), or a hesitation or "okay so" before a question word ("oh wow signals okay so how
# many years was that", "nou dat is een flink stuk eh en als het regent wat doe je dan"); in Chinese captions, a
# space ("婆婆过来帮忙带乐乐 那个 她是什么时候过来的").
_CLAUSE_BREAK = re.compile(r"\s+[-–—]{1,2}\s+|\s*[–—]\s*|;\s+")
_EN_TURN = re.compile(
    r"(?:^|(?<=\s))(?:(?:um+|uh+|erm|er|okay|ok|so|anyway|alright)[\s,]+)*(?:um+|uh+|erm|okay\s+so|ok\s+so|anyway|"
    r"so)[\s,]+(?:(?:yeah|well|right|first(?:\s+off)?|to\s+start|just)[\s,]+)*(?=(?:and\s+|but\s+)?(?:what|why|how|when|where|who|which|whose|do|does|did|is|are|was|were|have|has|"
    r"had|can|could|would|will|tell|walk)\b|(?:and|but)\s+(?:if|when)\b)", re.IGNORECASE)
_NL_TURN = re.compile(
    r"(?:^|(?<=\s))(?:(?:eh+m?|uhm|nou|oké|ok|dus)[\s,]+)*(?:eh+m?|uhm|oké\s+dus|ok\s+dus|nou|dus)[\s,]+"
    r"(?=(?:en\s+|maar\s+)?(?:wat|waarom|hoe|wanneer|waar|wie|welke|welk|hoeveel|hoelang|(?:ben|bent|heb|hebt|heeft|"
    r"doe|doet|deed|kun|kunt|kan|zou|ga|gaat|wil|wilt|moet|vind|vond|weet|was|waren|had)\s+(?:je|jij|u|jullie))\b"
    r"|(?:en|maar)\s+(?:als|wanneer|toen)\b)", re.IGNORECASE)
_HAN_SPACE = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])\s+(?=[\u3400-\u9fff])")


def clauses(text: str, language: str | None = "en") -> list[str]:
    """The sentences of ``text`` (:func:`simulator.textutil.sentences`), each cut where a reaction turns into a
    question: at a dash or semicolon, at a hesitation or "okay so" before a question word (English, Dutch), at
    a space between Chinese phrases (captions). A piece of fewer than three words before such a turn stays
    with it ("So how did you…", "Um what…")."""
    lang = language_of(language)
    turn = _EN_TURN if lang == "en" else _NL_TURN if lang == "nl" else None
    out: list[str] = []
    for sentence in sentences(text):
        pieces = [p for p in _CLAUSE_BREAK.split(sentence) if strip_punctuation(p).strip()]
        for piece in pieces:
            if lang in {"zh", "ja"}:
                out += [p for p in _HAN_SPACE.split(piece) if strip_punctuation(p).strip()]
                continue
            start = 0
            for match in (turn.finditer(piece) if turn is not None else ()):
                before = piece[start:match.start()]
                if len(_WORD.findall(before)) >= 3:
                    out.append(before.strip(" ,"))
                    start = match.end()
            out.append(piece[start:].strip())
    return [p for p in out if strip_punctuation(p).strip()]


# What a question sets aside before it asks ("Other than BasketRun, where do you shop?", "Before we get into the app,
# what's your week like?", "Behalve de fiets, …", "모아뱅크 말고 …", "除了邻里鲜，…"): the thing it is not about.
_EXCLUDED = {
    "en": re.compile(
        r"^\s*(?:(?:and|so|but|okay|ok|right|um+|uh+|well)[\s,]+)*"
        r"(?:before\s+we\s+(?:get|go|talk|come|move|dive|jump|turn)(?:\s+(?:in(?:to)?|on(?:\s*to)?|to|about))?"
        r"|apart\s+from|aside\s+from|other\s+than|besides|except\s+for|outside\s+of|leaving\s+aside|"
        r"setting\s+aside|putting\s+aside)\s+(?P<x>[^,;:?.!]{1,60}?)\s*[,;:]\s*(?=\S)", re.IGNORECASE),
    "nl": re.compile(
        r"^\s*(?:(?:en|dus|maar|oké|nou)[\s,]+)*(?:behalve|naast|afgezien\s+van|los\s+van|buiten|"
        r"voordat\s+we\s+(?:het\s+)?(?:over|aan))\s+(?P<x>[^,;:?.!]{1,60}?)\s*[,;:]\s*(?=\S)", re.IGNORECASE),
    "ko": re.compile(r"^\s*(?P<x>[^?？.,。]{1,30}?)\s*(?:말고(?:는|도)?|외에(?:는|도)?|빼고(?:는|도)?|제외하고(?:는|도)?)[\s,]+(?=\S)"),
    "zh": re.compile(r"^\s*(?:那|那么)?(?:除了(?P<x>[^，,。？?]{1,30}?)(?:(?:以外|之外)\s*[，,]?|[，,])|"
                     r"在(?:聊|说|讲)(?P<y>[^，,。？?]{1,20}?)之前\s*[，,]?)\s*(?=\S)"),
}
# "Other than that, anything else?", "Before that, …": a pointing word sets nothing of hers aside.
_EXCLUDED_POINTING = re.compile(r"^(?:that|this|it|those|these|then|now|all\s+(?:that|this)|dat|dit|그거|그것|그|这个|那个|这些|"
                                r"那些)\b", re.IGNORECASE)
# A clause of its own ("Apart from you ringing them twice, did anything happen?") is no thing set aside: the question
# is the whole of it.
_EXCLUDED_CLAUSE = re.compile(r"\b(?:i|you|we|they|he|she|it|ik|je|jij|ze|hij|zij)\b", re.IGNORECASE)


def without_excluded(text: str, language: str | None = "en") -> str:
    """``text`` without what its question sets aside first ("Other than BasketRun, where do you get your
    groceries?" -> "where do you get your groceries?"): a fronted "apart from / other than / besides X," or "before we
    get into X," (nl behalve, naast, afgezien van; ko X 말고, 외에, 빼고; zh 除了X, 在聊X之前) names what is not asked about
    (a bare "Before the app, how did you book?" is a time, and stays). Unchanged when X only points back ("Other
    than that, …") or is a clause of its own, when nothing of two words or more would be left, or in other languages."""
    pattern = _EXCLUDED.get(language_of(language))
    if pattern is None or not text:
        return text
    match = pattern.match(text)
    if not match:
        return text
    excluded = next((g for g in match.groups() if g), "").strip()
    rest = text[match.end():]
    if (not excluded or _EXCLUDED_POINTING.match(excluded) or word_count(rest, language) < 2
            or word_count(excluded, language) > 6 or _EXCLUDED_CLAUSE.search(excluded)):
        return text
    return rest


# The yes or no that opens a sentence ("Yes, forty-six years."), before more of it.
POLAR_LEAD = re.compile(r"^\s*(?:yes|yeah|yep|yup|no|nope|nah|ja|jawel|nee|네|예|아니요|아뇨|对|是的|没有)\s*[,，、]\s*(?=\S)",
                        re.IGNORECASE)


def normalise_sentence(sentence: str) -> str:
    """A sentence as repeats are counted: lower case, punctuation and spacing dropped."""
    lowered = (sentence or "").lower().replace("\u2019", "'")
    # "Yes, forty-six years." says what "Forty-six years." says.
    lowered = POLAR_LEAD.sub("", lowered, count=1)
    cleaned = re.sub(r"[^\w\s]", "", lowered)
    return re.sub(r"\s+", " ", cleaned).strip()


def sentence_keys(text: str) -> list[str]:
    """The normalised sentences of ``text`` (empty ones dropped)."""
    return [k for k in (normalise_sentence(s) for s in sentences(text or "")) if k]


# Echoes -------------------------------------------------------------------------------------------------

_EN_QUESTION_START = re.compile(
    r"^\s*(?:(?:and|so|but|okay|ok|right|um+|uh+|oh)[\s,]+)*(?:what|why|how|when|where|who|whom|whose|which|do|does|did|"
    r"is|are|was|were|have|has|had|can|could|would|will|should|shall|may|might|tell|walk|describe|talk|explain|"
    r"give|share|show|let|please|i|we|so\s+you|you\s+said|you\s+mentioned)\b",
    re.IGNORECASE,
)
_EN_WH = re.compile(r"\b(?:what|why|how|when|where|who|which|whose)\b", re.IGNORECASE)
_NL_QUESTION_START = re.compile(
    r"^\s*(?:(?:en|maar|dus|oké|nou)[\s,]+)*(?:wat|waarom|hoe|wanneer|waar|wie|welke|welk|ben|bent|is|was|waren|heb|hebt|"
    r"heeft|had|kun|kunt|kan|zou|zal|wil|wilt|vertel|beschrijf|doe|doet|deed|gebruik|ik|wij|we)\b",
    re.IGNORECASE,
)
_KO_QUESTION_WORDS = ("어떻게", "왜", "뭐", "무엇", "무슨", "언제", "누가", "누구", "어디", "어떤", "얼마", "몇", "주세요", "주시겠")
# "And the slots?", "En de verhoging?", "모임통장은요?", "그래서 월급통장은요?", "那售后呢？": a thing with the word or
# particle that asks "and what about it?" — a question about that thing, not her words handed back (an echo is
# "Tuesdays and Thursdays.", "우대금리요?", "封控那会儿。").
_WHAT_ABOUT = {
    # ("And in the rain?", "En op zaterdag?": "and" before a preposition asks the same of another place or time.)
    "en": re.compile(r"^\s*(?:and|what\s+about|how\s+about)\s+(?!then\b|so\b|that's\b)"
                     r"(?:the|your|that|those|this|these|(?:in|on|at|with|during|after|before)\s+\w+)\b",
                     re.IGNORECASE),
    "nl": re.compile(r"^\s*(?:en|hoe\s+zit\s+het\s+met|en\s+wat\s+dacht\s+je\s+van)\s+(?!toen\b|dan\b)"
                     r"(?:de|het|die|dat|je|jouw|uw|deze|(?:in|op|bij|met|tijdens|na|voor)\s+\w+)\b", re.IGNORECASE),
    "ko": re.compile(r"[은는]요\s*[?？]?\s*$"),
    "zh": re.compile(r"(?<!后来)(?<!然后)(?<!之后)(?<!还有)(?<!接着)呢\s*[?？]?\s*$"),  # not "后来呢？" ("and then?")
}
_ZH_QUESTION_MARKS = ("吗", "什么", "怎么", "为什么", "为啥", "哪", "谁", "多少", "几", "说说", "讲讲", "聊聊", "是不是", "有没有")


def echo_overlap(question: str, previous: str | None, language: str | None = "en") -> tuple[int, float]:
    """How much of ``question`` repeats ``previous``: (content units shared, share of the question's
    units that are shared). Robust to contractions, punctuation, quotes, inflection and an added word."""
    if not question or not previous:
        return 0, 0.0
    lang = language_of(language)
    if lang in {"zh", "ja"}:
        mine = strip_punctuation(question).lower().rstrip(_ZH_TRAILING)
        for a, b in (("您", "我"), ("你", "我")):
            mine = mine.replace(a, b)
        theirs = strip_punctuation(previous).lower()
        if not mine:
            return 0, 0.0
        pairs = [mine[i : i + 2] for i in range(len(mine) - 1)] or [mine]
        hits = sum(1 for p in pairs if p in theirs)
        return hits, hits / len(pairs)
    mine_units = units(question, lang)
    theirs_units = set(units(previous, lang))
    theirs_words = {w.lower() for w in _WORD.findall(nlp.expand_contractions(previous) if lang == "en" else previous)}
    if lang == "ko":
        theirs_text = previous.lower()
        mine_units = [u for u in mine_units if not u.startswith("~")]
        hits = sum(1 for u in mine_units if u in theirs_units or (len(u) >= 2 and u[:2] in theirs_text))
        return hits, (hits / len(mine_units)) if mine_units else 0.0
    if not mine_units:
        # Only function words ("Little one?" reads as "little" in English; a bare "And?" has nothing).
        words = [w.lower() for w in _WORD.findall(question)]
        hits = sum(1 for w in words if w in theirs_words)
        return (hits, hits / len(words)) if words and hits == len(words) and len(words) <= 3 else (0, 0.0)
    hits = sum(1 for u in mine_units if u in theirs_units or u in theirs_words)
    return hits, hits / len(mine_units)


def looks_like_echo(question: str, previous: str | None, language: str | None = "en") -> bool:
    """A short turn that gives the persona's own words back ("Little one?", "One word, 'declined'?"),
    whatever label the scorer gave it: no question frame of its own, and at least half of its content
    comes from the persona's last turn."""
    if not question or not previous:
        return False
    lang = language_of(language)
    text = question.strip()
    if _WHAT_ABOUT.get("zh" if lang == "ja" else lang, _WHAT_ABOUT["en"]).search(text):
        return False
    if lang in {"zh", "ja"}:
        if any(m in text for m in _ZH_QUESTION_MARKS) or len(strip_punctuation(text)) > 12:
            return False
    elif lang == "ko":
        if any(w in text for w in _KO_QUESTION_WORDS) or len(text.split()) > 5:
            return False
    else:
        pattern = _NL_QUESTION_START if lang == "nl" else _EN_QUESTION_START
        if pattern.match(nlp.strip_disfluencies(text) if lang == "en" else text) or len(_WORD.findall(text)) > 8:
            return False
        if lang == "en" and _EN_WH.search(text):
            return False
    hits, share = echo_overlap(text, previous, lang)
    return hits >= 1 and share >= 0.5


# Closing invitations ------------------------------------------------------------------------------------

_INVITATION = {
    "en": re.compile(
        r"\b(?:anything|something|what)\b[^.?!]{0,40}\b(?:i|we)\s+(?:haven'?t|have\s+not|didn'?t|did\s+not|should\s+have|"
        r"should'?ve|ought\s+to\s+have|forgot\s+to|missed|could\s+have)\b[^.?!]{0,30}\b(?:ask|asked|cover|covered|"
        r"talk|talked|mention|mentioned|raise|raised|discuss|discussed|missed)?"
        r"|\banything\s+(?:else\s+)?(?:that\s+)?(?:you'?d|you\s+would|you\s+want\s+to|you'?d\s+like\s+to|you\s+wanted\s+to)\s+"
        r"(?:like\s+to\s+)?(?:add|say|share|mention|tell\s+me|bring\s+up)"
        r"|\bwhat\s+else\s+(?:should|could)\s+i\s+(?:have\s+)?(?:ask|know)"
        r"|\bis\s+there\s+anything\s+else\b(?![^.?!]*\b(?:you\s+(?:buy|use|order|do|get|eat|cook))\b)"
        r"|\banything\s+(?:we|i)\s+(?:haven'?t|didn'?t)\s+(?:covered|talked|touched)"
        r"|\bwhat\s+(?:haven'?t|didn'?t)\s+i\s+ask",
        re.IGNORECASE,
    ),
    "nl": re.compile(
        r"\bwat\s+(?:had|zou)\s+ik\s+(?:je|jou|u)?\s*(?:nog\s+)?(?:moeten\s+)?vragen"
        r"|\b(?:nog\s+)?iets\s+(?:dat|wat)\s+(?:ik|we)\s+(?:nog\s+)?niet\s+(?:heb|hebben)?\s*(?:gevraagd|besproken)"
        r"|\b(?:wil|wilt)\s+(?:je|u)\s+nog\s+iets\s+(?:toevoegen|kwijt|zeggen|vertellen)"
        r"|\bnog\s+iets\s+(?:toe\s+te\s+voegen|wat\s+je\s+kwijt\s+wilt)|\bis\s+er\s+nog\s+iets\b",
        re.IGNORECASE,
    ),
    "ko": re.compile(r"(?:더\s*)?여쭤\s*봤어야|제가\s*(?:안|못)\s*여쭤|더\s*하고\s*싶은\s*(?:말|이야기|얘기)|추가로\s*(?:하실|하고\s*싶은)"
                     r"|더\s*(?:말씀하고|이야기하고)\s*싶으신|빠뜨린\s*(?:게|것)"),
    "zh": re.compile(r"还有什么(?:是)?我(?:应该|该|需要)?(?:问|知道)|还有什么(?:想|要)(?:补充|说|聊)|我(?:没|还没)问到|还有(?:没有)?什么要补充"
                     r"|还有别的(?:想说|要说)"),
}


# A word every closing invitation has, per language: what makes the scorer's reading worth asking for.
_INVITATION_HINT = {
    "en": re.compile(r"\b(?:else|miss|missed|ask|asked|add|mind|cover|covered|touch|touched|talk|talked|should|"
                     r"mention|mentioned|know|share|forgot|left)\b", re.IGNORECASE),
    "nl": re.compile(r"\b(?:nog|gemist|gevraagd|toevoegen|aanvullen|kwijt|vergeten|besproken|verder)\b", re.IGNORECASE),
    "ko": re.compile(r"더|놓친|빠뜨린|빠진|여쭤|물어|말씀|하고\s*싶|덧붙"),
    "zh": re.compile(r"还有|没问|补充|遗漏|漏掉|忘了|别的"),
}


def is_invitation(text: str, language: str | None = "en") -> bool:
    """The interviewer's closing invitation: "Is there anything I haven't asked that I should have?",
    "Anything else you'd like to add?" (in the persona's language, or English)."""
    if not text:
        return False
    lang = language_of(language)
    pattern = _INVITATION.get(lang)
    if pattern is not None and pattern.search(text):
        return True
    if lang != "en" and _INVITATION["en"].search(text):
        return True
    # The scorer's reading of the same turn (its closing-invitation cue, in every language it reads): what the coach
    # calls an invitation, the persona takes as one ("Anything else on your mind?", "我刚才没问到的").
    # (Not a bare "Anything else?" after a question of hers: an open prompt for the coach, and more of the same
    # thread for her.)
    hint = _INVITATION_HINT.get(lang)
    if hint is None or not hint.search(text):
        return False  # (no word an invitation needs: the scorer's reading is not asked for)
    from scoring.rules import analyse

    form = analyse(text, None, lang)
    return (any(cue.name == "closing_invitation" for cue in form.cues)
            and word_count(form.focus, lang) > 3)


# Asked to say it again ----------------------------------------------------------------------------------

# "Sorry, you cut out there. Could you say that again?", "Je viel even weg, kun je dat nog een keer zeggen?",
# "다시 한번 말씀해 주시겠어요?", "刚才没听清，再说一遍？": the interviewer missed what she said, and asks for it again.
_SAY_AGAIN = {
    "en": re.compile(
        r"\b(?:say|repeat)\s+(?:that|it|this|the\s+last\s+(?:bit|part))\s+again\b|\brepeat\s+(?:that|it|the\s+last)\b"
        r"|\bcome\s+again\b|\b(?:didn'?t|did\s+not|couldn'?t|could\s+not)\s+(?:quite\s+)?(?:catch|hear|get)\s+"
        r"(?:that|it|you|the\s+last|what\s+you)\b|\byou\s+(?:cut|broke|were\s+breaking|kept\s+cutting|dropped)\s+(?:out|up)\b"
        r"|\byou\s+froze\b|\b(?:sound|audio|line|connection|signal)\s+(?:dropped|went|cut|broke)\b"
        r"|\b(?:lost|missed)\s+(?:you|that|the\s+last\s+(?:bit|part))\b|\bgo\s+(?:back\s+)?over\s+that\b"
        r"|^\s*(?:sorry|pardon)\s*\?\s*$|^\s*(?:sorry,?\s+)?what\s+was\s+that\s*\?\s*$", re.IGNORECASE),
    "nl": re.compile(
        r"\bnog\s+(?:een\s+keer|eens|één\s+keer)\s+(?:zeggen|herhalen|vertellen)\b|\bherhalen\b"
        r"|\b(?:je|u)\s+(?:viel|valt)\s+(?:even\s+)?weg\b|\b(?:verstond|hoorde)\s+(?:ik\s+)?(?:je|u|het)\s+niet\b"
        r"|\bwat\s+zei\s+(?:je|u)\s*\?|^\s*(?:sorry|pardon|wablief)\s*\?\s*$|\bdat\s+miste\s+ik\b", re.IGNORECASE),
    "ko": re.compile(r"다시\s*(?:한\s*번\s*)?(?:말씀|얘기|이야기|말해)|끊겼|끊겨서|잘\s*안\s*들렸|못\s*들었|안\s*들렸|뭐라고\s*하셨"),
    "zh": re.compile(r"再说一(?:遍|次|下)|重复一(?:下|遍)|没听清|没听到|断了一下|卡了一下|你(?:刚才)?说什么"),
}


def asks_to_say_again(text: str, language: str | None = "en") -> bool:
    """The turn asks the persona to say again what she just said (a bad line, a word missed)."""
    lang = language_of(language)
    pattern = _SAY_AGAIN.get("zh" if lang == "ja" else lang, _SAY_AGAIN["en"])
    return bool(pattern.search(text or ""))


# The persona's own phrasings ---------------------------------------------------------------------------

_VOICE = {
    "en": {
        "recap": ["Like I said, {x}", "As I said, {x}", "Well, like I say, {x}"],
        "say_again": ["Sorry, I said {x}", "Oh, sorry. I was saying {x}"],
        "clarify": ["Sorry, do you mean {a}, or {b}?", "Sorry, {a}, or {b}?"],
        "invite": ["Hm, one thing maybe.", "Well, there is one thing.", "Actually, yes, one thing."],
        "nothing": ["That's about all there is to it, really.", "I think that's everything on that, honestly.",
                    "Not much more to say on that one, to be honest."],
        "covered": ["No, I think we've covered it, honestly.", "No, I think that's everything."],
        "covered_but": ["Not really, no.", "Not much, no."],
        "related": ["Mind you,", "Although,", "Then again,"],
        "unsure": ["Hm, I couldn't say exactly.", "Not sure, to be honest.", "Can't remember exactly, honestly."],
        "go_ahead": ["Sure, go ahead.", "Of course, ask away.", "Yeah, go on."],
        "fine": ["No, that's fine.", "Sure, that's fine."],
        "decline": ["Hm, couldn't tell you, honestly.", "No, that's not really something I know about.",
                    "You've lost me a bit there, sorry.", "Ha, I wouldn't have a clue about that one."],
        "redirect": ["Not really my area, that. Ask me about {a}, though.",
                     "No idea, sorry. I could tell you about {a}, if that helps?"],
    },
    "nl": {
        "recap": ["Zoals ik al zei, {x}", "Zoals gezegd, {x}"],
        "say_again": ["Sorry, ik zei: {x}", "O, sorry. Wat ik zei: {x}"],
        "clarify": ["Sorry, bedoel je {a}, of {b}?", "Hoe bedoel je, {a} of {b}?"],
        "invite": ["Hm, misschien nog één ding.", "Eigenlijk wel, ja, één ding."],
        "nothing": ["Meer is er eigenlijk niet over te zeggen.", "Dat is het wel zo'n beetje, hoor."],
        "covered": ["Nee, ik denk dat we alles wel gehad hebben.", "Nee, volgens mij is dat alles."],
        "covered_but": ["Niet echt, nee.", "Niet veel meer, nee."],
        "related": ["Al moet ik zeggen:", "Maar goed,"],
        "unsure": ["Dat weet ik niet meer precies.", "Hm, dat zou ik niet precies weten."],
        "go_ahead": ["Tuurlijk, vraag maar.", "Ja hoor, zeg het maar."],
        "fine": ["Prima, hoor.", "Ja hoor, dat is goed."],
        "decline": ["Hm, geen flauw idee eigenlijk.", "Nee, daar kan ik je echt niks over vertellen.",
                    "Daar heb ik eerlijk gezegd geen verstand van.", "Pff, geen idee, sorry."],
        "redirect": ["Dat is niet echt mijn ding. Over {a} kan ik je wel wat vertellen.",
                     "Geen idee, sorry. Vraag me maar over {a}."],
    },
    "ko": {
        "recap": ["말씀드렸듯이, {x}", "아까도 말씀드렸지만, {x}"],
        "say_again": ["아, 다시 말씀드리면요, {x}", "아, 죄송해요. 그러니까 {x}"],
        "clarify": ["죄송한데, {a} 말씀이세요, 아니면 {b} 말씀이세요?", "{a} 말씀이세요, {b} 말씀이세요?"],
        "invite": ["음, 하나 있다면요.", "사실 하나 더 있긴 해요."],
        "nothing": ["그거 말고는 딱히 더 드릴 말씀이 없어요.", "그 얘기는 그 정도예요."],
        "covered": ["아니요, 거의 다 말씀드린 것 같아요.", "아니요, 그 정도인 것 같아요."],
        "covered_but": ["딱히 더는 없어요.", "음, 별로 없어요."],
        "related": ["그리고,", "그런데"],
        "unsure": ["정확히는 기억이 잘 안 나요.", "음, 그건 정확히는 모르겠어요."],
        "go_ahead": ["네, 물어보세요.", "그럼요, 편하게 물어보세요."],
        "fine": ["네, 괜찮아요.", "그럼요, 하세요."],
        "decline": ["음, 그건 제가 뭐라고 말씀드리기가 어렵네요.", "글쎄요, 그쪽은 제가 잘 몰라서요.",
                    "아, 그건 제가 딱히 아는 게 없어요.", "그건 잘 모르겠어요, 죄송해요."],
        "redirect": ["그건 제가 잘 몰라서요. {a} 얘기라면 할 수 있어요.", "음, 그건 모르겠어요. {a} 얘기는 드릴 수 있는데요."],
    },
    "zh": {
        "recap": ["我刚才也说了，{x}", "就像我说的，{x}"],
        "say_again": ["哦，我是说，{x}", "不好意思，我刚才说的是，{x}"],
        "clarify": ["不好意思，你是说{a}，还是{b}？", "你是问{a}，还是{b}？"],
        "invite": ["嗯，还有一件事吧。", "其实还有一件事。"],
        "nothing": ["这个大概就这些了。", "这方面也就这些了。"],
        "covered": ["没有了，我觉得都说得差不多了。", "应该没什么了。"],
        "covered_but": ["也没什么了。", "别的倒没什么。"],
        "related": ["说起来，", "还有，"],
        "unsure": ["具体的我记不太清了。", "这个我一下子想不起来了。"],
        "go_ahead": ["可以啊，你问吧。", "当然，你说。"],
        "fine": ["可以，没问题。", "行，没关系。"],
        "decline": ["这个我还真说不上来。", "嗯，这方面我不太懂。", "这个我没什么了解，不好意思。", "这我就不知道了。"],
        "redirect": ["这个我不太懂。{a}的话我倒是可以说说。", "这个我说不上来，你要问{a}我还能聊聊。"],
    },
}


def voice(language: str | None, kind: str) -> list[str]:
    """The persona's phrasings of one kind ("recap", "say_again", "clarify", "invite", "nothing", "covered", "covered_but",
    "related", "unsure", "go_ahead", "fine", "decline", "redirect") in its language (English for a language without
    its own)."""
    return _VOICE.get(language_of(language), _VOICE["en"])[kind]


_FLIP = {"her": "my", "his": "my", "their": "our", "she": "I", "he": "I", "him": "me", "they": "we", "them": "us",
         "herself": "myself", "himself": "myself", "hers": "mine"}


@lru_cache(maxsize=1024)
def title_phrase(title: str, language: str | None = "en") -> str:
    """A topic title as the persona would name it in a question back: first letter lower case and, in
    English, in the first person ("Looking after her mum" -> "looking after my mum", "How she shops now"
    -> "how I shop now")."""
    text = (title or "").strip().rstrip(".")
    if language_of(language) != "en":
        return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
    words = text.split()
    out: list[str] = []
    flipped = False
    for i, word in enumerate(words):
        low = word.lower()
        if low in _FLIP:
            out.append(_FLIP[low])
            flipped = low in {"she", "he", "they"}
            continue
        if flipped and low.endswith("s") and len(low) > 3:
            base = nlp.lemma(low)
            out.append("am" if low == "is" else base)
            flipped = False
            continue
        flipped = False
        keep = i > 0 or word[:2].isupper() or _is_name(word.strip(",."), "en")
        out.append(word if keep else word[:1].lower() + word[1:])
    return " ".join(out)


_LEAD = re.compile(
    r"^(?:(?:honestly|actually|well|so|and|but|oh|yeah|yes|no|look|mind\s+you|to\s+be\s+honest|truthfully|"
    r"if\s+i'?m\s+honest|the\s+truth\s+is|i'?ll\s+be\s+honest(?:\s+with\s+you)?|between\s+you\s+and\s+me|"
    r"i\s+mean|you\s+know)\b[\s,:]*)+",
    re.IGNORECASE,
)


# A verb of saying or thinking joined on at the end of a cut sentence, its words left behind the cut.
_DANGLING_REPORT = re.compile(
    r"(?:,)?\s+(?:and|so|then|but)\s+(?:(?:i|he|she|we|they)\s+)?(?:just\s+)?(?:thought|said|asked|told\s+\w+|went|"
    r"realised|realized|figured|wondered|knew|decided|reckoned|remember\s+thinking)(?:,.*)?$", re.IGNORECASE)


_CLAUSE_JOINS = {
    "en": frozenset("and but so because when while then which who until after before though although".split()),
    "nl": frozenset("en maar dus want omdat toen terwijl als die dat tot nadat voordat hoewel".split()),
}
_NEEDS_MORE = {
    "en": frozenset("the a an to of in on at for with from by and but or so my your her his their our its this that "
                    "these those some any no every i you he she we they it is was are were be been have has had do did "
                    "would could should will can just very really more most than as into onto about".split()),
    "nl": frozenset("de het een van in op aan voor met naar bij door en maar of dus mijn je jouw haar zijn hun ons onze "
                    "die dat deze dit ik jij hij zij we wij ze is was zijn waren heb heeft had hebben kan kon moet zou "
                    "wil te om als dan".split()),
}


def _clause_end(words: list[str], lang: str, max_words: int) -> int:
    """Where a long sentence with no comma in reach is cut: before the last "and"/"but"/"when"/… that starts a clause
    ("I started when Ella broke her leg [and I couldn't get out to the shops]"), else at the word limit, but never
    after a word that needs another ("…out to the")."""
    joins = [i for i, word in enumerate(words[: max_words + 1]) if i >= 4 and word.lower() in _CLAUSE_JOINS.get(lang, ())]
    if joins:
        return joins[-1]
    cut = max_words
    while cut > 4 and words[cut - 1].lower().strip(",;:") in _NEEDS_MORE.get(lang, ()):
        cut -= 1
    return cut


def shorten(sentence: str, language: str | None = "en", max_words: int = 14) -> str:
    """A said sentence as a recap: without its lead-in ("Honestly, ..."), cut at a clause boundary when
    it is long, first letter lower case (not "I" or a name), no closing punctuation."""
    lang = language_of(language)
    text = (sentence or "").strip()
    if lang in {"zh", "ja"}:
        parts = re.split(r"[，,；;]", text.rstrip("。！？!?…"))
        return "，".join(parts[:2]) + "。"
    text = _LEAD.sub("", text).strip() or text
    words = text.split()
    if len(words) > max_words:
        cut = None
        for i, word in enumerate(words[: max_words + 1]):
            if i >= 4 and re.search(r"[,;:]$", word):
                cut = i + 1
        if cut is None:
            text = " ".join(words[: _clause_end(words, lang, max_words)]).rstrip(",;:")
        else:
            text = " ".join(words[:cut]).rstrip(",;:")
        if lang == "en" and cut:
            # "...I looked at the app and thought, we'll just..." cut at the comma leaves "and thought" with nothing
            # thought (or "and said, look" with half of what was said): the clause before it is the recap.
            clause = _DANGLING_REPORT.sub("", text)
            text = clause if len(clause.split()) >= 3 else text
    text = text.rstrip(" .!?…")
    if lang in {"en", "nl"} and text:
        first = text.split()[0]
        word = re.sub(r"(?:['’]s)?\W*$", "", first)  # "Anjali," and "Daan's" are read as the names they are
        keep = first in {"I", "I'm", "I've", "I'd", "I'll"} or (word[:1].isupper() and word[1:2].islower()
                                                               and _is_name(word, lang))
        if not keep:
            text = text[:1].lower() + text[1:]
    end = "." if lang != "ko" else "."
    return text + end


def _is_name(word: str, lang: str) -> bool:
    if lang != "en":
        return False
    doc = nlp.parse(f"I saw {word} there.")
    if doc is None:
        return False
    # "My", "Our", "Every", "Seven" capitalised at the start are no names, whatever the tagger makes of them out of place.
    return word.lower() not in _stop_words() and any(t.text == word and t.pos_ == "PROPN" and not t.like_num for t in doc)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    pipeline = nlp.load()
    return frozenset(pipeline.Defaults.stop_words) if pipeline is not None else frozenset()


# Time --------------------------------------------------------------------------------------------------

# Words that anchor a question in the past ("back when", "the first time", "used to") or in the present
# ("these days", "now"), beyond the tense of its verbs.
_PAST_MARKERS = re.compile(r"\b(?:back\s+(?:when|then)|used\s+to|at\s+first|originally|(?:the\s+)?(?:first|last)\s+time|"
                           r"when\s+you\s+(?:first|last|started|stopped)|in\s+those\s+days|before\s+(?:that|you\s+stopped)|"
                           r"ago|last\s+(?:week|month|year|summer|winter|spring|autumn)|did\s+you\s+(?:first|last))\b",
                           re.IGNORECASE)
_PRESENT_MARKERS = re.compile(r"\b(?:these\s+days|nowadays|now|at\s+the\s+moment|currently|any\s*more|today|"
                              r"at\s+present|still)\b", re.IGNORECASE)
_PAST_TAGS = frozenset({"VBD"})
_PRESENT_TAGS = frozenset({"VBP", "VBZ"})


@lru_cache(maxsize=4096)
def _english_time(text: str) -> tuple[float, float]:
    doc = turn_doc(text)
    past = 2.0 * len(_PAST_MARKERS.findall(text))
    present = 2.0 * len(_PRESENT_MARKERS.findall(text))
    if doc is not None:
        for tok in doc:
            if tok.tag_ in _PAST_TAGS:
                past += 1.0
            elif tok.tag_ in _PRESENT_TAGS:
                present += 1.0
            elif tok.tag_ == "VBN" and any(c.lemma_ == "have" and c.dep_ == "aux" for c in tok.children):
                past += 1.0
    return past, present


# Dutch has no parse here: its time words alone ("toen", "vroeger", "de laatste keer" / "nu", "tegenwoordig").
_NL_PAST_MARKERS = re.compile(r"\b(?:toen|vroeger|destijds|(?:de\s+)?(?:eerste|laatste)\s+keer|in\s+het\s+begin|"
                              r"aanvankelijk|geleden|vorige\s+(?:week|maand|keer|zomer|winter)|vorig\s+jaar|"
                              r"gisteren|eerst)\b", re.IGNORECASE)
_NL_PRESENT_MARKERS = re.compile(r"\b(?:nu|tegenwoordig|momenteel|op\s+dit\s+moment|nog\s+steeds|"
                                 r"deze\s+dagen|inmiddels|sindsdien)\b", re.IGNORECASE)


def time_counts(text: str, language: str | None = "en") -> tuple[float, float]:
    """How much ``text`` speaks of the past and of the present (English: tensed verbs, "used to", "back
    when", "the last time" / "these days", "now"; Dutch: "toen", "vroeger", "de laatste keer" / "nu",
    "tegenwoordig"); (0, 0) where the language has no reading of it."""
    lang = language_of(language)
    if not text:
        return 0.0, 0.0
    if lang == "nl":
        return 2.0 * len(_NL_PAST_MARKERS.findall(text)), 2.0 * len(_NL_PRESENT_MARKERS.findall(text))
    if lang != "en":
        return 0.0, 0.0
    return _english_time(text)


# Korean marks the past on the predicate's stem with a final ㅆ ("있었어요", "만드셨어요", "갔어요", "됐어요"); "있" (to be,
# to have) ends in ㅆ in every tense, and "겠" is a guess or a future ("하시겠어요").
_HANGUL_FIRST, _HANGUL_LAST, _FINAL_SS = 0xAC00, 0xD7A3, 20
_KO_NOT_PAST = frozenset("있겠")


def _ko_past(word: str) -> bool:
    return any(_HANGUL_FIRST <= ord(ch) <= _HANGUL_LAST and (ord(ch) - _HANGUL_FIRST) % 28 == _FINAL_SS
               and ch not in _KO_NOT_PAST for ch in word)


# Dutch verbs in the past whose form no ending tells (strong and irregular verbs), singular and plural.
_NL_STRONG_PAST = frozenset(
    "was waren had hadden werd werden kon konden kwam kwamen ging gingen zei zeiden zeide deed deden zag zagen nam namen "
    "gaf gaven reed reden liep liepen stond stonden zat zaten lag lagen vond vonden wist wisten dacht dachten bracht "
    "brachten kocht kochten zocht zochten moest moesten mocht mochten wou hielp hielpen schreef schreven las lazen "
    "belde belden kreeg kregen bleef bleven hing hingen viel vielen hield hielden koos kozen vroeg vroegen sprak spraken "
    "at aten dronk dronken vergat vergaten begon begonnen trok trokken stuurde stuurden".split())
_NL_WH_WORDS = frozenset("wie wat waar wanneer hoe waarom hoeveel welke welk hoelang waarmee waarover waarnaar "
                         "waardoor".split())
_NL_WH = re.compile(r"^\W*(?:(?:en|maar|dus|oké|ok|nou|o|oh)[\s,]+)*(?:" + "|".join(sorted(_NL_WH_WORDS)) + r")\b",
                    re.IGNORECASE)
# Words said between the question word and its verb that are no part of the question ("En wie, sorry, wie had…").
_NL_ASIDE = frozenset("sorry eh ehm uh hm nou dan".split())


def _nl_past(text: str) -> bool:
    """A Dutch wh-question in the past: its finite verb, which stands second (right after the question word, or after
    "welke"/"hoeveel" and its noun), is a past form: a strong verb ("Welke route reed je?", "Wat zei je
    leidinggevende?", "Wanneer was dat?") or a weak one in -de/-te ("Wie belde je toen?")."""
    if not _NL_WH.match(text):
        return False
    words = [w for w in re.findall(r"[a-zà-ÿ']+", text.lower()) if w not in _NL_ASIDE]
    # (The last question word of the opening, when it is said twice: "En wie, sorry, wie had het idee?")
    found = [i for i, w in enumerate(words[:5]) if w in _NL_WH_WORDS]
    if not found:
        return False
    start = found[-1]
    # The verb: the word after the question word, or after the noun of "welke route" ("hoeveel" either).
    wh = words[start]
    offsets = (2,) if wh in ("welke", "welk") else (1, 2) if wh == "hoeveel" else (1,)
    verbs = [words[start + k] for k in offsets if start + k < len(words)]
    return any(v in _NL_STRONG_PAST or (len(v) >= 5 and re.search(r"(?:de|te|den|ten)$", v) is not None)
               for v in verbs)


def asks_about_the_past(text: str, language: str | None = "en") -> bool:
    """The question's verb is in the past tense, by parse: "Who wrote the list?", "Where were you when it came?",
    "Who had told you?" (English); in Korean, by the ending of its last word ("백 안에는 뭐가 들어 있었어요?", not
    "뭐가 들어 있어요?"); in Dutch, by the verb after the question word (:func:`_nl_past`). False elsewhere and without
    a parse."""
    if language_of(language) == "ko" and text:
        words = re.findall(r"[\uac00-\ud7a3]+", text)
        return bool(words) and _ko_past(words[-1])
    if language_of(language) == "nl" and text:
        return _nl_past(text)
    if language_of(language) != "en" or not text:
        return False
    doc = turn_doc(text)
    if doc is None:
        return False
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return False
    root = roots[-1]
    verbs = [root, *[c for c in root.children if c.dep_ in {"aux", "auxpass"}]]
    return any(v.tag_ in _PAST_TAGS for v in verbs) or (root.tag_ == "VBN" and any(v.lower_ in {"had", "was", "were"}
                                                                                   for v in verbs))


def time_anchor(text: str, language: str | None = "en") -> float:
    """Where a question is anchored in time: +1 in the past ("the last time you ordered", "when you first
    started"), -1 in the present ("how do you shop now?"), 0 neither or both."""
    past, present = time_counts(text, language)
    total = past + present
    return 0.0 if not total else (past - present) / total


# Facts ---------------------------------------------------------------------------------------------------

# What a closed wh-question asks for, by its question word (English): a person ("Who does the approving?"), a
# place ("Where do you keep them?"), a time ("When did the knee go?", "What time does he come?"), a figure ("How
# many boxes?", "How much is the pass?", "How long was the physio?") or how often.
_CONNECTIVE = r"^\W*(?:(?:and|so|but|okay|ok|right|um|uh|oh)[\s,]+)*"
_ASKED_FACT = [
    ("person", re.compile(_CONNECTIVE + r"(?:who|whom|whose)\b", re.IGNORECASE)),
    ("place", re.compile(_CONNECTIVE + r"where\b", re.IGNORECASE)),
    ("frequency", re.compile(_CONNECTIVE + r"how\s+often\b", re.IGNORECASE)),
    ("figure", re.compile(_CONNECTIVE + r"how\s+(?:many|much|long|far|old|big)\b", re.IGNORECASE)),
    ("time", re.compile(_CONNECTIVE + r"(?:when\b|(?:what|which)\s+(?:time|day|evening|morning|night|afternoon|"
                        r"month|year|week|season)s?\b)", re.IGNORECASE)),
]
# Words of the calendar and the clock: what a sentence that says when something happens is made of.
_CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday weekend weekday morning afternoon evening night
midnight noon yesterday today tonight tomorrow ago o'clock january february march april may june july august
september october november december spring summer autumn winter christmas easter half-term
mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends weekdays mornings afternoons evenings nights
""".split())
CALENDAR = _CALENDAR  # also what the policy reads a capitalised word against before taking it for a name
_PERIODS = frozenset("day week fortnight month year hour minute".split())
_CLOCK = frozenset("at by around till until half quarter past".split())
_PERSONAL = frozenset("he him she her".split())
_SELF = frozenset("i me myself we us".split())
_FREQUENCY = frozenset("once twice every each daily weekly monthly fortnightly always never".split())
_LOCATIVE = frozenset("in at behind by near under inside outside above below beside on into from".split())
# ("there" and "here" point at a place named elsewhere: "My shampoo isn't there." tells no one where it is.)
_PLACE_ADVERBS = frozenset("home upstairs downstairs abroad overseas away".split())


# A clause of time, place or condition before the question ("When you're in the shop, do you look at the back?",
# "And when you get home, who's there?"): its "when" asks nothing (its verb follows its subject, no inversion).
_SETTING_CLAUSE = re.compile(
    r"^\W*(?:(?:and|so|but|okay|ok|right|um|uh|oh)[\s,]+)*(?:when|where|if|once|after|before|while)\s+"
    r"(?!(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should)\b)[^,?]*,\s*", re.IGNORECASE)


def asked_fact(question: str, language: str | None = "en") -> str | None:
    """The kind of fact a wh-question asks for ("person", "place", "time", "figure", "frequency"), or None
    (no such question word: "What do you usually buy?" asks for an account; English reads past a clause that sets
    the scene, "When you're in the shop, do you…?"). Dutch, Korean, Chinese: the question
    word of the last question clause ("Waar stond je toen?", "대출은 어디서 받으셨어요?", "你一般几点到家？"); none
    in a yes/no question ("Heb je…?", "혹시 누가 도와줬어요?", "你知道他什么时候来吗？")."""
    lang = language_of(language)
    if not question:
        return None
    if lang in _ASKED_BY_LANGUAGE:
        return _ASKED_BY_LANGUAGE[lang](_question_clause(question, lang))
    if lang != "en":
        return None
    # The last question of the turn, past what leads up to it ("Okay. The last time you bought shampoo. Where was
    # that?", "Sorry, I lost you there. Who rang?").
    # "Where do you buy it? Online?": the last one that asks for a fact.
    asked = [part for part in sentences(question) if "?" in part] or [question]
    for part in reversed(asked):
        setting = _SETTING_CLAUSE.match(part)
        if setting:
            part = part[setting.end():]  # "And when you get home, who's there?" asks who
        for kind, pattern in _ASKED_FACT:
            if pattern.match(part):
                return kind
    return None


# People named by what they are to her ("my daughter", "the driver"), with the pronoun that stands for them.
PERSON_NOUNS = {
    "daughter": "f", "son": "m", "mum": "f", "mother": "f", "mom": "f", "dad": "m", "father": "m", "husband": "m",
    "wife": "f", "sister": "f", "brother": "m", "grandson": "m", "granddaughter": "f", "grandma": "f", "gran": "f",
    "nan": "f", "grandmother": "f", "grandad": "m", "grandfather": "m", "aunt": "f", "auntie": "f", "uncle": "m",
    "niece": "f", "nephew": "m", "girlfriend": "f", "boyfriend": "m", "landlady": "f", "landlord": "m",
    "partner": "", "friend": "", "flatmate": "", "neighbour": "", "neighbor": "", "driver": "", "boss": "",
    "colleague": "", "manager": "", "bookkeeper": "", "accountant": "", "cousin": "", "doctor": "", "physio": "",
}


@lru_cache(maxsize=4096)
def fact_kinds(sentence: str, language: str | None = "en") -> frozenset[str]:
    """The kinds of fact a sentence carries, by its parse (English; empty elsewhere): a figure (a number), a
    time (a word of the calendar, a clock time, a period with a number or "last"), how often ("every week",
    "twice"), a person (a name that is not a modifier, a place nor a date; "he", "she"), the speaker herself
    ("self": "I", "me", "we") and a place (a thing after a preposition of place, "home", "downstairs"). Dutch,
    Korean and Chinese by small tables of such words (:func:`_nl_fact_kinds`, :func:`_ko_fact_kinds`,
    :func:`_zh_fact_kinds`); empty elsewhere."""
    lang = language_of(language)
    if not sentence:
        return frozenset()
    if lang in _FACTS_BY_LANGUAGE:
        try:
            return _FACTS_BY_LANGUAGE[lang](sentence)
        except Exception:  # a table reading must never stop a reply
            return frozenset()
    if lang != "en":
        return frozenset()
    doc = nlp.parse(nlp.expand_contractions(sentence))
    if doc is None:
        return frozenset()
    kinds: set[str] = set()
    for tok in doc:
        lower = tok.lower_
        numeric = tok.like_num or tok.pos_ == "NUM"
        if numeric:
            kinds.add("figure")
        if lower in _CALENDAR or (lower.isdigit() and len(lower) == 4 and lower[:2] in {"19", "20"}):
            kinds.add("time")
        elif tok.lemma_.lower() in _PERIODS and any(c.like_num or c.lower_ in {"last", "next", "this", "that"}
                                                   for c in tok.children):
            kinds.add("time")
        elif numeric and (tok.head.lower_ in _CLOCK or any(c.lower_ in _CLOCK for c in tok.children)):
            kinds.add("time")  # "at eight", "by half seven", "quarter past ten", "ten till twelve"
        if lower in _FREQUENCY or (tok.lemma_.lower() in _PERIODS - {"hour", "minute"} and any(c.lower_ in {"a", "an", "per", "every"}
                                                                          for c in tok.children)):
            kinds.add("frequency")
        if lower in _PLACE_ADVERBS and tok.pos_ == "ADV":
            kinds.add("place")
        if tok.dep_ == "pobj" and tok.pos_ in {"NOUN", "PROPN"} and tok.head.lower_ in _LOCATIVE \
                and lower not in _CALENDAR and tok.lemma_.lower() not in _PERIODS and not numeric:
            kinds.add("place")
        if (tok.pos_ == "PROPN" and tok.dep_ != "compound" and lower not in _CALENDAR
                and not (tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE)) or lower in _PERSONAL \
                or (tok.pos_ == "NOUN" and tok.lemma_.lower() in PERSON_NOUNS):
            kinds.add("person")  # "Usually Tomasz", "he does", "my daughter set it up"
        if lower in _SELF and tok.dep_ not in ("dobj", "pobj", "dative", "iobj"):
            kinds.add("self")  # "I do most of the cooking", "Mostly me"; not "the search drives me round the bend"
    return frozenset(kinds)


# Dutch, Korean and Chinese have no parse here: the question word that opens the (last) question clause, and
# small tables of the words that make up a fact. -------------------------------------------------------------

def _question_clause(question: str, lang: str) -> str:
    """The last question clause of ``question``: the last piece that ends in a question mark, else the last
    piece (a spoken turn without punctuation: "oh dus jij brengt ze allebei eh wie breng je als eerste weg");
    nothing where the turn ends as a statement."""
    parts = clauses(question, lang)
    if not parts:
        return question
    asked = [p for p in parts if p.rstrip().endswith(("?", "？"))]
    if not asked and parts[-1].rstrip().endswith((".", "。", "!", "！")):
        return ""  # a statement ("所以不是哪天突然不用了。") asks nothing
    return (asked or parts)[-1]


# Dutch: the question word opens the clause (past "en", "dus", "eh", a preposition: "Sinds wanneer…", "Van wie…")
# or follows the phrase it is about ("Die prijsverhoging, wanneer was dat?").
_NL_OPEN = (r"(?:^|[,;:\u2014\u2013]\s*)\W*(?:(?:en|dus|oké|ok|eh+m?|uhm|nou|maar|ja|oh|hm+|trouwens|want)[\s,]+)*"
            r"(?:(?:sinds|tot|vanaf|van|met|bij|voor|om|op|in|naar|via|aan|door|uit|na)\s+)?")
_NL_TIME_NOUNS = (r"(?:dag|dagen|datum|maand|jaar|week|tijd|tijdstip|avond|ochtend|middag|nacht|seizoen|periode|uur|"
                  r"weekend)")
_NL_ASKED = re.compile(_NL_OPEN + r"(?:"
                       r"(?P<frequency>hoe\s+vaak|hoe\s+dikwijls|hoeveel\s+keer)|"
                       r"(?P<time>hoe\s+laat|wanneer|hoe\s*lang\s+geleden|welke?\s+" + _NL_TIME_NOUNS + r")|"
                       r"(?P<place>waar(?:heen|naartoe|vandaan)?)|"
                       r"(?P<person>wie|wiens)|"
                       r"(?P<figure>hoeveel|hoelang|hoe\s+(?:lang|ver|oud|groot|duur|veel|zwaar|hoog)))\b",
                       re.IGNORECASE)
# "Waar denk je aan?", "Waar heb je het geld aan uitgegeven?": "waar" with a preposition left at the end asks
# what, not where.
_NL_STRANDED = frozenset("aan over mee voor van op om tegen door toe uit bij achter onder in".split())


def _nl_asked(clause: str) -> str | None:
    match = _NL_ASKED.search(clause)
    if match is None:
        return None
    kind = match.lastgroup
    if kind == "place" and match.group("place").lower() == "waar":
        words = [w.lower() for w in _WORD.findall(clause[match.end():])]
        if words and (words[-1] in _NL_STRANDED
                      or (len(words) > 1 and words[-2] in _NL_STRANDED and words[-1].endswith(("en", "d", "t")))):
            return None
    return kind


# Korean: the question word stands where its answer would ("대출은 어디서 받으셨어요?"); the first one counts (어떻게,
# 왜 ask for an account, and so does "얼마나 힘드셨어요?"). One read as "any" does not ask for a fact: after 혹시
# ("혹시 누가 도와줬어요?" asks whether anyone did: 누가, 어디, 언제 double as "anyone", "anywhere", "ever"), or
# "어디 좀", "언제 한번"; nor one inside "…인지 아세요?".
_KO_ASKED = re.compile(
    r"(?P<skip>언제나|언제든|어디든|누구나|누구든|얼마든|몇몇|얼마\s*(?:전|후|안\s*되))|"
    r"(?P<none>어떻게|왜|"
    r"얼마나\s*(?:힘들|힘드|힘들었|좋|싫|답답|불편|편하|편해|만족|놀라|놀랐|무섭|무서|속상|아쉽|아쉬|귀찮|짜증|중요|심각|화[가나]|"
    r"기쁘|기뻤|행복|걱정|불안|당황|황당|억울|서운|외로|바쁘|바빴|바쁜|피곤|어려|어렵|재미|신기|후회|실망|기대|도움|신경|마음)|"
    r"(?:어디|언제)\s*(?:좀|한\s*번|한번))|"
    r"(?P<frequency>얼마나\s*자주|몇\s*번(?!째)|몇\s*회)|"
    r"(?P<time>언제|몇\s*시(?!간)|며칠\s*(?=에|날|이었|이에|이죠|인가|이야|쯤)|몇\s*월|몇\s*년도|무슨\s*요일|몇\s*요일|"
    r"어느\s*(?:날|해|달|요일|계절|주)(?![가-힣]))|"
    r"(?P<place>어디|어느\s*[가-힣]+?(?:에서|에|으로|로)(?=[\s?.!,]|$))|"
    r"(?P<person>누가|누구)|"
    r"(?P<figure>몇|얼마|며칠|어느\s*정도)")


# "어디인지 아세요?", "언제였는지 기억나세요?" ask whether she knows.
_KO_EMBEDDED = re.compile(r"(?:는지|은지|인지|던지|았는지|었는지|였는지)\s*(?:아세요|아시|알아|알고|기억|모르)")


def _first_asked(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first question word of ``text`` that ``pattern`` names, past the words it only resembles ("skip")."""
    return next((m for m in pattern.finditer(text) if m.lastgroup != "skip"), None)


def _ko_asked(clause: str) -> str | None:
    match = _first_asked(_KO_ASKED, clause)
    if match is None or match.lastgroup == "none" or _KO_EMBEDDED.search(clause):
        return None
    if "혹시" in clause[:match.start()] and match.group().startswith(("누", "어디", "언제")):
        return None  # "혹시 누가 도와줬어요?": anyone; but "혹시 몇 시에 끝나세요?" asks the time, politely
    return match.lastgroup


# Chinese: the first question word in the last question clause ("你是怎么挑这几个地方的？" asks how); not in one
# that ends in 吗 ("你知道他什么时候来吗？") nor in the part of it that asks yes or no ("有没有谁帮你？" asks
# whether anyone did); words it only resembles ("谁都知道", "几乎", "好几", "这几个") are passed over. "多久了" (how long
# has it been) asks since when: "前年过来的" answers it as well as "两年了".
_ZH_ASKED = re.compile(
    r"(?P<skip>谁都|谁也|几乎|好几|没几|这几|那几|前几|多少有点|或多或少|什么时候都|哪儿都|哪里都|哪怕)|"
    r"(?P<none>怎么|怎样|为什么|为啥|什么(?!时候|时间|地方))|"
    r"(?P<frequency>多久[^，,。？?！!]{0,6}?一次|多长时间[^，,。？?！!]{0,6}?一次|隔多久|几次|几回|多常)|"
    r"(?P<time>多久了|多长时间了|什么时候|啥时候|什么时间|几点|哪天|哪一天|哪年|哪一年|哪个月|几月|几号|星期几|周几|礼拜几|多久以前|多久前|"
    r"多长时间以前|几几年)|"
    r"(?P<place>哪里|哪儿|哪边|在哪|去哪|到哪|从哪|什么地方|哪个地方)|"
    r"(?P<person>谁)|"
    r"(?P<figure>多少|多久|多长时间|多长|多大|多远|多高|多重|几)")
_ZH_POLAR = re.compile(r"(有没有|是不是|会不会|能不能|要不要|可不可以|([\u4e00-\u9fff])不\2)")


def _zh_asked(clause: str) -> str | None:
    if re.search(r"吗\s*[?？!！。]*\s*$", clause):
        return None
    for piece in reversed(re.split(r"[，,、；;：:]", clause)):
        match = _first_asked(_ZH_ASKED, piece)
        if match is None:
            continue
        if match.lastgroup == "none" or _ZH_POLAR.search(piece):
            return None
        return match.lastgroup
    return None


_ASKED_BY_LANGUAGE = {"nl": _nl_asked, "ko": _ko_asked, "zh": _zh_asked}


# Dutch sentences: a figure (digits, "twee", "negenendertig", "tientallen"), a time (a day, a month, a part of the
# day, "vorig jaar", "om acht uur", "half negen", a period with a number), how often ("elke", "wekelijks", "twee
# keer", "per maand"), a place (a word after "in", "op", "bij", "naar"…: "op de poli", "in Utrecht"; "thuis"), a
# person (a capitalised name inside the sentence, "hij", "zij", "mijn moeder") and the speaker ("ik", "wij").
_NL_NUMBER = re.compile(r"^(?:één|eén|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|"
                        r"vijftien|zestien|zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|"
                        r"zeventig|tachtig|negentig|honderd|duizend|miljoen|en)+$")
_NL_NUMBER_WORDS = frozenset("anderhalf half halve tientallen honderden duizenden".split())
_NL_CALENDAR = frozenset("""
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag maandags dinsdags woensdags donderdags vrijdags
zaterdags zondags weekend weekends doordeweeks januari februari maart april mei juni juli augustus september
oktober november december lente voorjaar zomer herfst najaar winter ochtend ochtends morgens middag middags
avond avonds nacht nachts gisteren vandaag morgen overmorgen eergisteren vanochtend vanmorgen vanmiddag vanavond
vannacht geleden kerst pasen zomervakantie kerstvakantie
""".split())
_NL_PERIODS = frozenset("dag dagen week weken maand maanden jaar jaren uur uren minuut minuten kwartier".split())
_NL_CLOCK_NUMBER = r"(?:\d{1,2}|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)"
_NL_TIME = re.compile(r"\b(?:vorige|vorig|afgelopen|volgende|volgend|komende)\s+(?:week|maand|jaar|keer|zomer|winter|"
                      r"herfst|lente|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b|"
                      r"\b(?:om|tegen|rond|vanaf|tot)\s+(?:half\s+|kwart\s+(?:over|voor)\s+)?" + _NL_CLOCK_NUMBER
                      + r"\b(?!\s+(?:euro|kilometer|km|procent|keer|mensen|dagen|weken|maanden|jaar|redenen))|"
                      r"\bhalf\s+" + _NL_CLOCK_NUMBER + r"\b|\b(?:kwart|" + _NL_CLOCK_NUMBER + r")\s+(?:over|voor)\s+"
                      r"(?:half\s+)?" + _NL_CLOCK_NUMBER + r"\b|\b\d{1,2}[:.]\d{2}\b|\b(?:19|20)\d{2}\b", re.IGNORECASE)
_NL_FREQUENCY = re.compile(r"\b(?:elke|elk|iedere|ieder|dagelijks|wekelijks|maandelijks|jaarlijks|altijd|nooit|"
                           r"telkens)\b|"
                           r"\b(?:\d+|één|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|paar|aantal)\s+keer\b|"
                           r"\bper\s+(?:dag|week|maand|jaar|kwartaal)\b|\bin\s+de\s+(?:week|maand)\b|"
                           r"\bom\s+de\s+(?:dag|week|maand|twee|drie|paar)\b", re.IGNORECASE)
_NL_PLACE_PREPS = frozenset("in op bij naar achter naast onder tegenover langs uit".split())
_NL_DETERMINERS = frozenset("de het een 't mijn m'n onze ons haar zijn z'n hun die dat deze dit jouw je zo'n".split())
_NL_NOT_PLACE = frozenset("tijd principe begin punt elkaar geval zich zichzelf totaal feite plaats eerste laatste "
                          "algemeen iets niets alles wat manier orde staat gang zin".split())
_NL_PLACE_WORDS = frozenset("thuis buiten boven beneden".split())
_NL_PERSON_WORDS = frozenset("""
hij hem zij moeder vader mama papa man vrouw partner vriend vriendin vrienden vriendinnen zus zussen broer broers
dochter dochters zoon zoons zoontje dochtertje buurman buurvrouw buren collega collega's baas chef leidinggevende
schoonmoeder schoonvader oma opa tante oom neef nicht dokter huisarts monteur juf meester kapper zwager schoonzus
""".split())
_NL_SELF = frozenset("ik mij me mijzelf mezelf wij we ons".split())
# A name that opens the sentence is told from a word that happens to be capitalised there by the verb after it, one
# that has someone do something ("Marieke heeft het ingesteld", "Jeroen telde op", "Kees had gewoon teruggebeld"),
# and by not being a word that opens sentences anyway ("Meestal doet hij…", "Vroeger kwam er…").
_NL_NAME_VERBS = frozenset("""
heeft had is was zei zegt kwam komt kan kon zou wil wilde moet moest weet wist doet deed belt belde vond vindt werkt
werkte woont woonde helpt hielp hielpen rekende telde brengt bracht haalt haalde kookt kookte regelt regelde betaalt
betaalde stuurt stuurde vertelt vertelde vroeg vraagt zag ziet gebruikt gebruikte kent kende nam neemt gaf geeft
maakt maakte leest las schreef schrijft appt appte liet laat
""".split())
_NL_OPENERS = frozenset("""
meestal vroeger tegenwoordig nu sindsdien toen daar hier daarna dan soms vaak altijd nooit eigenlijk ook misschien
natuurlijk gelukkig helaas eerst later straks inmiddels uiteindelijk pas net zo gewoon alleen zelfs bijna eerlijk
alles iets niets niemand iemand iedereen elk elke ieder iedere vorig vorige afgelopen volgend volgende laatst
vanaf via door na wat wie waar wanneer hoe waarom welke welk zoals zeker dus echter verder trouwens daarom daardoor
hun zijn haar mijn onze jouw uw jullie ze zij hij het een de die dat deze dit er
""".split())


def _nl_number(word: str) -> bool:
    return word.isdigit() or word in _NL_NUMBER_WORDS or (word not in {"een", "en"} and bool(_NL_NUMBER.match(word)))


def _nl_fact_kinds(sentence: str) -> frozenset[str]:
    kinds: set[str] = set()
    text = sentence.replace("\u2019", "'")
    # A sentence, or a quotation in it, starts with a capital that names no one.
    for piece in re.split(r"(?<=[.!?:;])\s+|\s*[\"\u2018\u201c\u201d]\s*|(?:^|\s)'|'(?=\s|$|[.,!?])", text):
        words = re.findall(r"\w+(?:'\w+)?|'\w+", piece)
        lowered = [w.lower() for w in words]
        place_names: set[int] = set()
        for i, lower in enumerate(lowered):
            if _nl_number(lower):
                kinds.add("figure")
            if lower in _NL_CALENDAR or (lower in _NL_PERIODS and i and _nl_number(lowered[i - 1])):
                kinds.add("time")  # "dinsdag", "'s ochtends", "twee jaar" (as "two years" in English)
            if lower in _NL_PLACE_WORDS:
                kinds.add("place")
            if lower in _NL_PLACE_PREPS:
                j = i + 1
                while j < len(lowered) and lowered[j] in _NL_DETERMINERS:
                    j += 1
                head = lowered[j] if j < len(lowered) else ""
                if len(head) > 1 and not (head in _NL_NOT_PLACE or head in _NL_STOP or head in _NL_CALENDAR
                                          or head in _NL_PERIODS or _nl_number(head) or head in _NL_SELF
                                          or head in _NL_PERSON_WORDS):
                    kinds.add("place")  # "op de poli", "in Utrecht", "naar mijn werk"
                    while j < len(words) and words[j][:1].isupper():
                        place_names.add(j)  # "in het Science Park"
                        j += 1
            word = words[i]
            named = word[:1].isupper() and word[1:2].islower() and i not in place_names and lower not in _NL_CALENDAR
            opening_name = (not i and i + 1 < len(lowered) and lowered[i + 1] in _NL_NAME_VERBS
                            and lower not in _NL_OPENERS and lower not in _NL_STOP and not _nl_number(lower))
            if (named and (i or opening_name)) or lower in _NL_PERSON_WORDS:
                kinds.add("person")  # "Meestal Jeroen", "mijn vrouw Ilse", "hij"
            if lower in _NL_SELF:
                kinds.add("self")
    if _NL_TIME.search(text):
        kinds.add("time")
    if _NL_FREQUENCY.search(text):
        kinds.add("frequency")
    return frozenset(kinds)


# Korean sentences: a figure (digits, Sino-Korean or native numbers before a counter: "십 년", "네 명", "석 달",
# "넷이서"), a time (a day, a part of the day, "작년", "3월", "아홉 시", a period with a number), how often ("매일",
# "주말마다", "일주일에 한 번", "한두 번"), a place (a word before 에서, a place noun before 에/로: "집 앞에", "은행으로"),
# a person (kin and colleagues: "엄마", "친구", "과장님") and the speaker ("제가", "저는", "저희").
_KO_SINO = "일이삼사오육칠팔구십백천만억"
_KO_NATIVE_ATTR = frozenset("한 두 세 네 다섯 여섯 일곱 여덟 아홉 열 스무 스물 서른 마흔 쉰 석 넉 서너 두세 한두 몇".split())
_KO_NATIVE_FULL = re.compile(r"^(?:하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|스물|서른|마흔)"
                             r"(?:이서|이서도|이요|이에요|이랑|이|은|는|을|를|도|만|뿐|째|쯤|씩|정도|로)?$")
_KO_COUNTERS = ("개월", "시간", "주일", "학년", "군데", "가지", "퍼센트", "프로", "킬로", "마리", "인분", "개", "명",
                "분", "번", "살", "시", "달", "년", "월", "일", "주", "원", "층", "곳", "잔", "권", "장", "대", "배",
                "차", "평", "초", "통", "건", "회", "만", "천", "백", "억")
_KO_PERIODS = ("개월", "시간", "주일", "년", "달", "주", "일", "분")
_KO_SAFE_COUNTERS = ("년", "개월", "주일", "원", "만", "천", "백", "억", "퍼센트", "프로", "킬로")
_KO_CALENDAR = ("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일", "주말", "평일", "아침", "점심", "저녁",
                "밤", "새벽", "오전", "오후", "어제", "오늘", "내일", "그제", "그저께", "모레", "작년", "올해", "내년",
                "재작년", "지난", "봄", "여름", "가을", "겨울", "올봄", "올여름", "올가을", "올겨울", "추석", "설날",
                "연말", "연초", "월말", "월초", "분기", "초순", "중순", "하순", "방학", "점심시간", "퇴근길", "출근길")
_KO_TIME = re.compile(r"(?:\d+\s*(?:월|일)|(?<![가-힣])(?:일|이|삼|사|오|유|칠|팔|구|시|십일|십이)월)(?=[\s,.?!]|$|에|쯤|부터|까지|이|은|는|도|초|말)|"
                      r"(?:\d{1,2}|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|열한|열두)\s*시(?=[\s,.?!]|$|까지|에|쯤|부터|반|경|가|는|도)|"
                      r"(?:19|20)\d{2}\s*년")
_KO_FREQUENCY = re.compile(r"^(?:매일|매주|매달|매월|매년|매번|매주말|날마다)|마다|^(?:항상|맨날|언제나|늘)$")
_KO_FREQUENCY_TEXT = re.compile(r"(?<![가-힣])(?:하루|일주일|한\s*주일?|한\s*달|일\s*년|한\s*해|\d+\s*주일?)에(?=[\s,.]|$|는|도)|"
                                r"(?<![가-힣])(?:한|두|한두|두세|몇)\s*번(?![째])")
_KO_LOCATIVE = ("에서는", "에서도", "에서", "으로", "에는", "에도", "까지", "로", "에")
_KO_PLACE_NOUNS = ("집", "회사", "은행", "지점", "창구", "학교", "학원", "병원", "가게", "마트", "시장", "편의점", "사무실",
                   "동네", "지하철", "버스", "카페", "식당", "공원", "고향", "본사", "시골", "역", "앞", "옆", "근처",
                   "건너편", "밖", "매장", "교실", "현관", "방", "센터", "서울", "부산", "대구", "제주도", "해외",
                   "투룸", "원룸", "아파트", "빌라", "오피스텔")
# Where one is, lives or goes: "봉천동에 있는", "판교에 살아요", "대구로 갔어요".
_KO_PLACE_VERBS = ("있", "살", "사는", "사세", "가", "갔", "와", "왔", "다니", "다녀", "들르", "들렀", "도착", "계시", "계세",
                   "올라", "내려", "이사")
_KO_NOT_PLACE = frozenset("중 가운데 때 것 거 뭐 어디 언제 처음 이후 이전 사이 다음 마지막 이번".split())
_KO_PERSON_NOUNS = ("엄마", "아빠", "어머니", "아버지", "부모", "남편", "아내", "와이프", "언니", "오빠", "누나", "동생",
                    "친구", "동기", "동료", "선배", "후배", "집주인", "아들", "할머니", "할아버지", "이모", "고모",
                    "삼촌", "상담원", "직원", "담당자", "원장", "아저씨", "아주머니", "이웃", "가족", "그분", "사람")
_KO_PERSON_EXACT = frozenset("형 딸 애 걔 그녀 아이".split())
_KO_SELF = frozenset("제가 저는 저도 저를 저한테 저에게 저만 저예요 저요 저희 저희가 저희는 저희도 저희끼리 내가 나는 나도 "
                     "나를 우리가 우리는 우리도 우리끼리".split())


def _ko_number(tok: str, nxt: str) -> bool:
    """``tok`` is a number that counts what ``nxt`` (or its own end) names: "십 년", "네 명이요", "구십만 원",
    "석 달", "넷이서", "3만". A lone 이 or 일 ("this", "work") counts only before 년, 개월, 원…"""
    if re.search(r"\d", tok) or _KO_NATIVE_FULL.match(tok):
        return True
    if tok in _KO_NATIVE_ATTR:
        return tok != "몇" and nxt.startswith(_KO_COUNTERS)
    sino = re.match(r"^[" + _KO_SINO + r"]+", tok)
    if sino is None:
        return False
    number, rest = sino.group(), tok[sino.end():]
    if len(number) == 1 and number not in "십백천만억":
        safe = _KO_SAFE_COUNTERS if number in "이일" else _KO_COUNTERS
        return nxt.startswith(safe) if not rest else rest.startswith(("년", "개월", "주일"))  # "일년", "삼개월"
    return (rest or nxt).startswith(_KO_COUNTERS)


def _ko_fact_kinds(sentence: str) -> frozenset[str]:
    kinds: set[str] = set()
    tokens = [t for t in (strip_punctuation(w).strip("'\"‘’“”") for w in sentence.split()) if t]
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        stem = _ko_stem(tok)
        stem = stem[:-1] if stem.endswith("들") and len(stem) > 2 else stem
        if _ko_number(tok, nxt):
            kinds.add("figure")
            rest = re.sub(r"^(?:\d+|[" + _KO_SINO + r"]+)", "", tok)
            if (rest or nxt).startswith(_KO_PERIODS) and not (rest or nxt).startswith(("일곱", "일이", "분위기")):
                kinds.add("time")  # "십 년", "두 시간", "3개월", as "two years" in English
        if stem.startswith(_KO_CALENDAR) and not stem.startswith("지난번"):
            kinds.add("time")
        if _KO_FREQUENCY.search(tok):
            kinds.add("frequency")
        bare = re.sub(r"(?:이요|요)$", "", tok) if len(tok) > 2 else tok  # "시중은행에서요"
        if re.match(r"^(?:여기|거기|저기)(?:서|에서|에|로)?$", bare):
            kinds.add("place")  # "거기서", as "there" in English
        particle = next((p for p in _KO_LOCATIVE if bare.endswith(p) and len(bare) > len(p)), None)
        if particle:
            noun = bare[: -len(particle)]
            if noun not in _KO_NOT_PLACE and not noun.startswith(_KO_CALENDAR) and not re.search(r"\d", noun) \
                    and not noun.endswith(("때", "중", "동안", "정도", "쯤")):
                if noun.endswith(_KO_PLACE_NOUNS) or particle in {"에서", "에서는", "에서도"} \
                        or (particle in {"에", "로", "으로"} and len(noun) > 1 and nxt.startswith(_KO_PLACE_VERBS)):
                    kinds.add("place")  # "집 앞에", "시중은행에서", "앱에서"
        if stem.endswith(_KO_PERSON_NOUNS) or stem in _KO_PERSON_EXACT or stem.endswith("님") or tok == "씨" \
                or stem.endswith("씨"):
            kinds.add("person")
        if tok in _KO_SELF or stem in _KO_SELF:
            kinds.add("self")
    if _KO_TIME.search(sentence):
        kinds.add("time")
    if _KO_FREQUENCY_TEXT.search(sentence):
        kinds.add("frequency")
    return frozenset(kinds)


# Chinese sentences: a figure (digits, 三/十二/两/半… before a measure word: "二十五分钟", "一万二", "两斤"), a time
# (星期三, 周末, 早上, 上个月, 九点, 三月, 二二年, a period with a number), how often (每天, 天天, 经常, 一周两次,
# 一个月), a place (在…里/上, 家里, 菜场, 驿站), a person (他, 她, 老公, 婆婆, 朋友, 张阿姨, 老赵) and the speaker
# (我, 我们; not 我老公 nor 我们家).
_ZH_NUMERAL = "零〇一二三四五六七八九十百千万亿两"
_ZH_MEASURES = ("分钟", "小时", "钟头", "公里", "公斤", "年级", "星期", "礼拜", "个月", "块钱", "个", "块", "元", "钱", "次",
                "回", "遍", "趟", "岁", "年", "月", "号", "日", "天", "点", "分", "秒", "周", "口", "人", "位", "斤",
                "盒", "把", "张", "单", "里", "米", "站", "层", "家", "条", "件", "瓶", "袋", "份", "箱", "成", "倍",
                "季", "轮", "毛", "角", "刻", "度", "套", "顿", "杯", "碗", "部", "辆", "本", "只", "双", "间", "户",
                "声", "节", "门", "所", "台", "款", "项", "封", "篇", "排")
_ZH_NUMBER = re.compile(r"\d+(?:\.\d+)?|[" + _ZH_NUMERAL + r"]+[几多来]?|半")
_ZH_NOT_NUMBER = ("万一", "千万", "一一", "十分", "一再")
_ZH_TIME_WORDS = re.compile(r"星期[一二三四五六日天]|礼拜[一二三四五六日天]|(?<![一两二三四五六七八九十几每])周[一二三四五六日末]|早上|上午|中午|下午|晚上|傍晚|"
                            r"半夜|凌晨|夜里|白天|今天|昨天|明天|前天|后天|今年|去年|明年|前年|年底|年初|月底|月初|"
                            r"上旬|中旬|下旬|春天|夏天|秋天|冬天|春节|过年|国庆|元旦|暑假|寒假|[上下这]个?(?:月|星期|礼拜|周)|"
                            r"那年|那天|那个月|今早|昨晚|今晚|早晨|清早|月中|年前|年后")
_ZH_PERIODS = ("分钟", "小时", "钟头", "个月", "星期", "礼拜", "年", "月", "号", "日", "天", "周")
_ZH_FREQUENCY = re.compile(r"每|天天|经常|常常|总是|老是|从来|从不|三天两头|(?<![最第上下有这那来后])[一两](?:次|回)|隔天|"
                           r"一个?(?:月|星期|礼拜|周|年|天)|(?<![最第上下有这那来后])[一二两三四五六七八九十几\d]+次")
_ZH_PLACE = re.compile(r"(?<![现正还实存自所])在[^，。,.！!？?、；;\s]{0,8}?(?:里|上|边|那儿|这儿|门口|附近|旁边|外面|楼下|下面|中心)|"
                       r"家里|家门口|回家|到家|在家|老家|我家|她家|他家|公司|单位|外企|学校|菜场|菜市场|超市|小区|便利店|"
                       r"驿站|自提点|门口|楼下|楼上|地铁|医院|银行|商场|店里|网上|手机上|群里|附近|外面|这里|那里|"
                       r"这儿|那儿|充电站|站里|路上|马路|市场|食堂|办公室|补习班|村里|城里|乡下")
_ZH_PERSON = re.compile(r"(?<!其)[他她](?!们)|妈|爸|老公|老婆|丈夫|妻子|儿子|女儿|孩子|婆婆|公公|奶奶|爷爷|外婆|外公|姥姥|"
                        r"朋友|同事|同学|邻居|领导|老板|经理|团长|阿姨|叔叔|师傅|客服|老师|哥哥|姐姐|弟弟|妹妹|家人|室友|"
                        r"员工|骑手|站长|大姐|大哥|[老小][赵王李张刘陈杨黄吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹"
                        r"彭曾田董潘袁蔡蒋余杜叶程魏苏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江]")
_ZH_SELF = re.compile(r"我(?:们)?(?![们家妈爸老儿女婆公孩的])")


def _zh_fact_kinds(sentence: str) -> frozenset[str]:
    kinds: set[str] = set()
    for match in _ZH_NUMBER.finditer(sentence):
        number, after, before = match.group(), sentence[match.end():], sentence[:match.start()]
        if any(sentence.startswith(w, match.start()) for w in _ZH_NOT_NUMBER) and not before.endswith("点"):
            continue
        digits = number[0].isdigit()
        measure = next((m for m in _ZH_MEASURES if after.startswith(m)), None)
        if number == "一" and measure is None:
            continue
        if digits or len(number) >= 2 or (measure is not None and number != "一"):
            kinds.add("figure")  # "二十五分钟", "一万二", "两斤", "八岁"; not "一个", "一盒" (a, one)
        if measure in _ZH_PERIODS and number != "一":
            kinds.add("time")  # "三月份", "二二年", "三个月", as "two years" in English; "一个月" is how often
        if measure == "点" and (number != "一" or re.match(r"点(?:半|钟|多|前|后|左右|到)", after)
                               or re.search(r"(?:午|上|晚|凌晨)$", before)):
            kinds.add("time")  # "九点", "一点半"; not "一点" (a little)
        if measure == "分" and before.endswith("点"):
            kinds.add("time")
    if re.search(r"(?:19|20)\d{2}", sentence) or _ZH_TIME_WORDS.search(sentence):
        kinds.add("time")
    if _ZH_FREQUENCY.search(sentence):
        kinds.add("frequency")
    if _ZH_PLACE.search(sentence):
        kinds.add("place")
    if _ZH_PERSON.search(sentence):
        kinds.add("person")
    if _ZH_SELF.search(sentence):
        kinds.add("self")
    return frozenset(kinds)


_FACTS_BY_LANGUAGE = {"nl": _nl_fact_kinds, "ko": _ko_fact_kinds, "zh": _zh_fact_kinds}
