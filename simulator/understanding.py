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
)

__all__ = [
    "units",
    "light_units",
    "nominal_units",
    "echo_overlap",
    "looks_like_echo",
    "is_invitation",
    "clauses",
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
    "something anything everything nothing someone anyone people person".split()
)
# Dutch suffixes, longest first: "fietsen" -> "fiets", "gebeurde" -> "gebeur".
_NL_SUFFIXES = ("heden", "ingen", "tjes", "etje", "jes", "ing", "en", "de", "te", "je", "e", "s", "t")
_NL_EXTRA_STOP = frozenset("vertel eens gewoon heel veel vaak altijd meestal iets wat waar hoe waarom wanneer wie welke hoeveel hoelang nu "
                           "gebeurd gebeurde gaat ging doen deed "
                           # spoken fillers and the clipped pronoun "ie" ("doet ie 't?")
                           "eh ehm uhm nou zeg ie".split())
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


def _nl_stem(word: str) -> str:
    for suffix in _NL_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
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
            if not stem or stem in _KO_STOP or stem in _KO_FRAME:
                continue
            out.append(stem)
            if len(stem) >= 3:
                out.append("~" + stem[:2])
        return tuple(out)
    stop = _NL_STOP | _NL_EXTRA_STOP if lang == "nl" else frozenset()
    words = [w for w in _WORD.findall(lowered) if w not in stop and len(w) > 1]
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
    r"so)[\s,]+(?=(?:and\s+|but\s+)?(?:what|why|how|when|where|who|which|whose|do|does|did|is|are|was|were|have|has|"
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


def is_invitation(text: str, language: str | None = "en") -> bool:
    """The interviewer's closing invitation: "Is there anything I haven't asked that I should have?",
    "Anything else you'd like to add?" (in the persona's language, or English)."""
    if not text:
        return False
    lang = language_of(language)
    pattern = _INVITATION.get(lang)
    if pattern is not None and pattern.search(text):
        return True
    return lang != "en" and bool(_INVITATION["en"].search(text))


# The persona's own phrasings ---------------------------------------------------------------------------

_VOICE = {
    "en": {
        "recap": ["Like I said, {x}", "As I said, {x}", "Well, like I say, {x}"],
        "clarify": ["Sorry, do you mean {a}, or {b}?", "Sorry, {a}, or {b}?"],
        "invite": ["Hm, one thing maybe.", "Well, there is one thing.", "Actually, yes, one thing."],
        "nothing": ["That's about all there is to it, really.", "I think that's everything on that, honestly.",
                    "Not much more to say on that one, to be honest."],
        "covered": ["No, I think we've covered it, honestly.", "No, I think that's everything."],
        "related": ["Mind you,", "Although,", "Then again,"],
        "decline": ["Hm, couldn't tell you, honestly.", "No, that's not really something I know about.",
                    "You've lost me a bit there, sorry.", "Ha, I wouldn't have a clue about that one."],
        "redirect": ["Not really my area, that. Ask me about {a}, though.",
                     "No idea, sorry. I could tell you about {a}, if that helps?"],
    },
    "nl": {
        "recap": ["Zoals ik al zei, {x}", "Zoals gezegd, {x}"],
        "clarify": ["Sorry, bedoel je {a}, of {b}?", "Hoe bedoel je, {a} of {b}?"],
        "invite": ["Hm, misschien nog één ding.", "Eigenlijk wel, ja, één ding."],
        "nothing": ["Meer is er eigenlijk niet over te zeggen.", "Dat is het wel zo'n beetje, hoor."],
        "covered": ["Nee, ik denk dat we alles wel gehad hebben.", "Nee, volgens mij is dat alles."],
        "related": ["Al moet ik zeggen:", "Maar goed,"],
        "decline": ["Hm, geen flauw idee eigenlijk.", "Nee, daar kan ik je echt niks over vertellen.",
                    "Daar heb ik eerlijk gezegd geen verstand van.", "Pff, geen idee, sorry."],
        "redirect": ["Dat is niet echt mijn ding. Over {a} kan ik je wel wat vertellen.",
                     "Geen idee, sorry. Vraag me maar over {a}."],
    },
    "ko": {
        "recap": ["말씀드렸듯이, {x}", "아까도 말씀드렸지만, {x}"],
        "clarify": ["죄송한데, {a} 말씀이세요, 아니면 {b} 말씀이세요?", "{a} 말씀이세요, {b} 말씀이세요?"],
        "invite": ["음, 하나 있다면요.", "사실 하나 더 있긴 해요."],
        "nothing": ["그거 말고는 딱히 더 드릴 말씀이 없어요.", "그 얘기는 그 정도예요."],
        "covered": ["아니요, 거의 다 말씀드린 것 같아요.", "아니요, 그 정도인 것 같아요."],
        "related": ["그리고,", "그런데"],
        "decline": ["음, 그건 제가 뭐라고 말씀드리기가 어렵네요.", "글쎄요, 그쪽은 제가 잘 몰라서요.",
                    "아, 그건 제가 딱히 아는 게 없어요.", "그건 잘 모르겠어요, 죄송해요."],
        "redirect": ["그건 제가 잘 몰라서요. {a} 얘기라면 할 수 있어요.", "음, 그건 모르겠어요. {a} 얘기는 드릴 수 있는데요."],
    },
    "zh": {
        "recap": ["我刚才也说了，{x}", "就像我说的，{x}"],
        "clarify": ["不好意思，你是说{a}，还是{b}？", "你是问{a}，还是{b}？"],
        "invite": ["嗯，还有一件事吧。", "其实还有一件事。"],
        "nothing": ["这个大概就这些了。", "这方面也就这些了。"],
        "covered": ["没有了，我觉得都说得差不多了。", "应该没什么了。"],
        "related": ["说起来，", "还有，"],
        "decline": ["这个我还真说不上来。", "嗯，这方面我不太懂。", "这个我没什么了解，不好意思。", "这我就不知道了。"],
        "redirect": ["这个我不太懂。{a}的话我倒是可以说说。", "这个我说不上来，你要问{a}我还能聊聊。"],
    },
}


def voice(language: str | None, kind: str) -> list[str]:
    """The persona's phrasings of one kind ("recap", "clarify", "invite", "nothing", "covered", "related",
    "decline", "redirect") in its language (English for a language without its own)."""
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
        text = " ".join(words[: cut or max_words]).rstrip(",;:")
        if lang == "en" and cut:
            # "...I looked at the app and thought, we'll just..." cut at the comma leaves "and thought" with nothing
            # thought (or "and said, look" with half of what was said): the clause before it is the recap.
            clause = _DANGLING_REPORT.sub("", text)
            text = clause if len(clause.split()) >= 3 else text
    text = text.rstrip(" .!?…")
    if lang in {"en", "nl"} and text:
        first = text.split()[0]
        keep = first in {"I", "I'm", "I've", "I'd", "I'll"} or (first[:1].isupper() and first[1:2].islower()
                                                               and _is_name(first, lang))
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
""".split())
_PERIODS = frozenset("day week fortnight month year hour minute".split())
_CLOCK = frozenset("at by around till until half quarter past".split())
_PERSONAL = frozenset("he him she her".split())
_SELF = frozenset("i me myself we us".split())
_FREQUENCY = frozenset("once twice every each daily weekly monthly fortnightly always never".split())
_LOCATIVE = frozenset("in at behind by near under inside outside above below beside on into from".split())
# ("there" and "here" point at a place named elsewhere: "My shampoo isn't there." tells no one where it is.)
_PLACE_ADVERBS = frozenset("home upstairs downstairs abroad overseas away".split())


def asked_fact(question: str, language: str | None = "en") -> str | None:
    """The kind of fact a wh-question asks for ("person", "place", "time", "figure", "frequency"), or None
    (not English, or no such question word: "What do you usually buy?" asks for an account)."""
    if language_of(language) != "en" or not question:
        return None
    for kind, pattern in _ASKED_FACT:
        if pattern.match(question):
            return kind
    return None


@lru_cache(maxsize=4096)
def fact_kinds(sentence: str, language: str | None = "en") -> frozenset[str]:
    """The kinds of fact a sentence carries, by its parse (English; empty elsewhere): a figure (a number), a
    time (a word of the calendar, a clock time, a period with a number or "last"), how often ("every week",
    "twice"), a person (a name that is not a modifier, a place nor a date; "he", "she"), the speaker herself
    ("self": "I", "me", "we") and a place (a thing after a preposition of place, "home", "downstairs")."""
    if language_of(language) != "en" or not sentence:
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
                and not (tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE)) or lower in _PERSONAL:
            kinds.add("person")  # "Usually Tomasz", "he does"
        if lower in _SELF:
            kinds.add("self")  # "I do most of the cooking", "Mostly me"
    return frozenset(kinds)
