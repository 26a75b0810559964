"""Language-aware text helpers for the engine: tokens, sentences, word counts and echo matching.

English and Dutch are read as words. Chinese (and Japanese) have no spaces, so "words" are CJK
characters and matching is by substring. Korean has spaces, but particles and endings are glued to
the word ("모임통장이요?", "불편했다고요?"), so they are stripped before matching.

    tokens("Drie keer gezakt?", "nl")            -> ["drie", "keer", "gezakt"]
    tokens("모임통장이요?", "ko")                 -> ["모임통장"]
    echo_fragment("投诉？", "我天天处理投诉……", "zh") -> "投诉"

Everything here is pure and cheap (no model); the policy calls it on every turn.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache


__all__ = [
    "language_of",
    "is_cjk_language",
    "tokens",
    "word_count",
    "sentences",
    "join_sentences",
    "strip_punctuation",
    "strip_korean_ending",
    "echo_fragment",
    "contains_cjk",
    "topic_core",
    "THANKS_ANYWHERE",
]


# Thanks anywhere in an English turn ("Lovely, thank you for your time.", "brilliant thank you so much dev that's
# really helpful"), not a cause ("thanks to the app") or a refusal ("no thanks"). The scorer reads it as a statement
# (scoring.rules) and the persona answers it in kind (simulator.policy).
THANKS_ANYWHERE = re.compile(r"(?<!\bno\s)\b(?:thanks|thank\s+you|many\s+thanks|cheers|much\s+appreciated|"
                             r"(?:really\s+)?appreciate\s+it)\b(?!\s+to\b)", re.IGNORECASE)

_WORD = re.compile(r"\w+", re.UNICODE)
# Han, kana and Hangul.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_HAN_OR_KANA = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# One Han/kana character, or a run of other word characters ("app", "hr", "38").
_HAN_CHAR_OR_WORD = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
)
_HAN_OR_KANA_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# Languages written without spaces between words.
_UNSPACED = frozenset({"zh", "ja"})


def language_of(language: str | None) -> str:
    """The primary subtag, lower case: ``zh-Hans`` -> ``zh``, ``en-GB`` -> ``en``, empty -> ``en``."""
    return (language or "en").split("-")[0].split("_")[0].lower() or "en"


def is_cjk_language(language: str | None) -> bool:
    return language_of(language) in {"zh", "ja", "ko"}


def contains_cjk(text: str) -> bool:
    return bool(_CJK.search(text or ""))


def strip_punctuation(text: str) -> str:
    """Text without punctuation, symbols or spaces (how Chinese fragments are compared)."""
    return "".join(ch for ch in (text or "") if unicodedata.category(ch)[0] in "LN")


# Korean -------------------------------------------------------------------------------------------

# What an echo adds to the persona's word ("과장님이요?", "불편했다고요?", "세 시간이요?"), longest first.
KO_ECHO_ENDINGS = ("이라고요", "라고요", "다고요", "냐고요", "이에요", "예요", "이요", "요")
# Particles that attach to nouns: stripped when matching, longest first. Only stripped when at least
# two syllables remain, so "아이" keeps its 이.
KO_PARTICLES = ("에서는", "에서", "까지", "부터", "으로", "이랑", "한테", "처럼", "보다", "하고", "은", "는", "이",
                "가", "을", "를", "도", "에", "로", "랑", "만", "의", "와", "과")


def strip_korean_ending(word: str) -> str:
    """A Korean word without one echo ending and then one particle: "모임통장이요" -> "모임통장"."""
    stem = word
    for ending in KO_ECHO_ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= 1:
            stem = stem[: -len(ending)]
            break
    for particle in KO_PARTICLES:
        if stem.endswith(particle) and len(stem) - len(particle) >= 2:
            stem = stem[: -len(particle)]
            break
    return stem


# Tokens, counts, sentences -------------------------------------------------------------------------


def tokens(text: str, language: str | None = "en") -> list[str]:
    """Lower-case tokens for matching: words; Korean stems without particles; CJK characters one by one.

    A Latin word inside Chinese text ("App", "HR") stays one token.
    """
    lang = language_of(language)
    lowered = (text or "").lower()
    if lang in _UNSPACED or (lang not in {"ko"} and _HAN_OR_KANA.search(lowered)):
        return _HAN_CHAR_OR_WORD.findall(lowered)
    words = _WORD.findall(lowered)
    if lang == "ko":
        return [strip_korean_ending(w) for w in words]
    return words


def word_count(text: str, language: str | None = "en") -> int:
    """About how many words ``text`` has: whitespace words, or for Chinese and Japanese the CJK
    characters divided by 1.5 (an average word length) plus any Latin words."""
    lang = language_of(language)
    if lang in _UNSPACED or _HAN_OR_KANA.search(text or ""):
        han = sum(len(run) for run in _HAN_OR_KANA_RUN.findall(text or ""))
        rest = len(_HAN_OR_KANA_RUN.sub(" ", text or "").split())
        return int(math.ceil(han / 1.5)) + rest
    return len((text or "").split())


# A sentence ends at . ! ? … followed by a space or the end (so "3.5" and "0.3%" stay whole), or at
# Chinese/Japanese full stops, which need no space; closing quotes and brackets stay with it.
_SENTENCE = re.compile(
    r".*?(?:[.!?…]+[\"'”’」』）)]*(?=\s|$)|[。！？!?]+[\"'”’」』）)]*|$)",
    re.DOTALL,
)


# A dotted abbreviation ("a.m.", "e.g.", "i.e.") followed by a lower-case word ends no sentence.
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[A-Za-z]\.){2,}$")
_LOWER_NEXT = re.compile(r"\s+[a-z]")


# A letter or a digit of any script (what strip_punctuation keeps).
_WORD_CHAR = re.compile(r"[^\W_]")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, in order, stripped. A piece that is only punctuation ("…") joins the
    sentence after it."""
    return list(_sentences((text or "").strip()))


@lru_cache(maxsize=16384)  # a persona's lines are split again on every turn that reads them
def _sentences(text: str) -> tuple[str, ...]:
    out: list[str] = []
    start: int | None = None
    for match in _SENTENCE.finditer(text):
        piece = match.group()
        if not piece.strip():
            continue
        if start is None:
            start = match.start()
        if not _WORD_CHAR.search(piece):
            continue
        if _ABBREVIATION_END.search(piece) and _LOWER_NEXT.match(text, match.end()):
            continue  # "The seven a.m. reminders woke me": an abbreviation, not the end of the sentence
        out.append(text[start : match.end()].strip())
        start = None
    if start is not None:
        if out:
            out[-1] = f"{out[-1]}{text[start:]}".strip()
        else:
            out.append(text[start:].strip())
    return tuple(out)


def join_sentences(parts: list[str], language: str | None = "en") -> str:
    """Sentences joined the way the language writes them: with a space, or none in Chinese/Japanese."""
    parts = [p.strip() for p in parts if p and p.strip()]
    if language_of(language) in _UNSPACED:
        return "".join(parts)
    return " ".join(parts)


# Echo -------------------------------------------------------------------------------------------------

# Pronoun flips an interviewer makes when echoing (their "you" is the persona's "I").
_ZH_FLIPS = (("您", "我"), ("你", "我"))
_ZH_TRAILING = "吗呢吧啊呀哦嘛么"
# Too common to show that the persona's words came back.
_NL_STOP = frozenset(
    "de het een en of maar als dan dat dit die deze er ik je jij u uw jouw mijn me mij we wij ons onze "
    "jullie hij zij ze zijn haar hem is was ben bent heb hebt heeft had ook nog wel niet geen toch dus "
    "zo al in op aan van voor met naar bij uit te om tot over zeg zegt echt ja nee nou eh oh "
    # prepositions and conjunctions that carry no topic ("sinds wanneer", "terwijl zij nog op zijn")
    "sinds tijdens zonder omdat terwijl want nadat voordat totdat hoewel tegen onder na".split()
)
_KO_STOP = frozenset("그 저 제 네 아 음 어 좀 그냥 정말 진짜 그럼 혹시".split())


def _longest_common_substring(a: str, b: str) -> str:
    best_len, best_end = 0, 0
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            if ai == b[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best_len:
                    best_len, best_end = current[j], i
        previous = current
    return a[best_end - best_len : best_end]


def _echo_zh(question: str, previous: str) -> str | None:
    theirs = strip_punctuation(previous).lower()
    mine = strip_punctuation(question).lower().rstrip(_ZH_TRAILING)
    if not mine or not theirs:
        return None
    candidates = [mine]
    for a, b in _ZH_FLIPS:
        if a in mine:
            candidates.append(mine.replace(a, b))
    for candidate in candidates:
        if len(candidate) >= 2 and candidate in theirs:
            return candidate
    # A copy with a word changed ("你的手就停住了" after "我点下单的时候手就停住了") or a particle
    # added ("三块钱的优惠券" after "三块钱优惠券"): the longest run shared with the persona's words
    # must be at least two characters, and half the echo or most of its characters are theirs.
    best = max((_longest_common_substring(c, theirs) for c in candidates), key=len)
    if len(best) < 2:
        return None
    coverage = max(sum(1 for ch in c if ch in theirs) / len(c) for c in candidates)
    if len(best) * 2 >= len(mine) or coverage >= 0.75:
        return best
    return None


def _echo_ko(question: str, previous: str) -> str | None:
    their_words = _WORD.findall((previous or "").lower())
    if not their_words:
        return None
    hits: list[str] = []
    for word in _WORD.findall((question or "").lower()):
        stem = strip_korean_ending(word)
        if stem in _KO_STOP:
            continue
        if any(stem == w or strip_korean_ending(w) == stem for w in their_words):
            hits.append(stem)
            continue
        # "불편했다고요" -> "불편했" inside "불편했어요"; a bare predicate "창피했다" -> "창피했".
        for candidate in (stem, stem[:-1] if len(stem) >= 3 else ""):
            if len(candidate) >= 2 and any(candidate in w for w in their_words):
                hits.append(candidate)
                break
    return " ".join(hits) if hits else None


def _echo_words(question: str, previous: str, stop: frozenset[str]) -> str | None:
    mine = _WORD.findall((question or "").lower())
    theirs = set(_WORD.findall((previous or "").lower()))
    shared = [w for w in mine if w in theirs]
    content = [w for w in shared if w not in stop]
    hits = content or ([] if stop is _NL_STOP else shared)
    return " ".join(hits) if hits else None


def echo_fragment(question: str, previous: str | None, language: str | None = "en") -> str | None:
    """The part of ``question`` that repeats ``previous`` (the persona's last words), or None.

    English: any shared word (as the engine always did). Dutch: a shared word that is not a
    function word. Korean: a word of the question, without its echo ending and particle, that is one
    of the persona's words or sits inside one ("과장님이요?" / "과장님이 한 시간 동안…"). Chinese and
    Japanese: the question without punctuation, after flipping 你/您 to 我, is a substring of the
    persona's words, or shares a run with them of at least two characters and half its length.
    """
    if not question or not previous:
        return None
    lang = language_of(language)
    if lang in _UNSPACED or (lang != "ko" and _HAN_OR_KANA.search(question)):
        return _echo_zh(question, previous)
    if lang == "ko":
        return _echo_ko(question, previous)
    if lang == "nl":
        return _echo_words(question, previous, _NL_STOP)
    return _echo_words(question, previous, frozenset())


# Topic core ------------------------------------------------------------------------------------------

# How interview questions are framed ("Vertel eens…", "说说…吧", "…이야기해 주세요"). The multilingual
# embedder weighs that form heavily, so every "tell me about…" question looks alike; retrieval embeds
# the question without it. Measured on the nl/ko/zh personas (leave-one-out over topic examples with
# USE): right topic 31 -> 41 of 72 (nl), 47 -> 52 of 64 (ko), 38 -> 45 of 72 (zh); off-topic questions
# score no higher.
_FRAMES = {
    "nl": [re.compile(p, re.IGNORECASE) for p in (
        r"^(?:en|maar|dus|oké|nou)\b[\s,]*",
        # Fillers of spoken Dutch, anywhere ("Eh, hoe zit het…", "…, zeg maar, …").
        r"\b(?:e+h+m?|u+h+m?|zeg\s+maar)\b[\s,]*",
        r"\b(?:vertel|vertelt\s+u)(?:\s+me|\s+mij|\s+ons)?(?:\s+eens)?(?:\s+iets|\s+wat)?(?:\s+meer)?(?:\s+over)?\b",
        r"\bkun(?:t)?\s+(?:je|u)\s+(?:me\s+|mij\s+)?(?:(?:eens|eerst|nog|even)\s+)*(?:meenemen\s+door|beschrijven|vertellen|uitleggen)\b",
        # "Kun je die ochtend eens beschrijven?": the request's verb closing the question.
        r"^[\s,]*kun(?:t)?\s+(?:je|u)\s+(?:me\s+|mij\s+)?(?=.*\b(?:beschrijven|vertellen|uitleggen)\s*[?.!]*$)",
        r"\b(?:eens\s+)?(?:beschrijven|vertellen|uitleggen)\s*[?.!]*$",
        r"\bhoe\s+zit\s+(?:het|dat)\s+(?:dan\s+|eigenlijk\s+)?met\b",
        r"\bwat\s+vind\s+(?:je|jij|u)\s+(?:eigenlijk\s+|nou\s+)?van\b",
        # A yes/no question's opening verb and subject ("Heb je ooit…", "Ben je…", "Zou je…").
        r"^[\s,]*(?:heb|ben|zou|wil)\s+(?:je|jij|u)\s+(?:(?:ooit|weleens|wel\s+eens|nooit)\s+)?",
        r"\bneem\s+(?:me|mij)\s+(?:eens\s+)?mee\s+(?:door|in)\b",
        # Asking leave to ask ("Mag ik eerst vragen wat voor werk je doet?").
        r"^[\s,]*mag\s+ik\s+(?:je\s+|u\s+)?(?:eerst\s+|even\s+|nog\s+)*(?:vragen|iets\s+vragen)\b[\s,]*",
        r"\b(?:wat\s+gebeurde\s+er|hoe\s+ging\s+dat|hoe\s+was\s+dat)\b",
        r"\b(?:eigenlijk|eens|precies|ooit|nou|hoe|wat|waarom|wanneer|wie|welke|waar)\b",
    )],
    "ko": [re.compile(p) for p in (
        # Asking leave to ask ("먼저 …여쭤봐도 될까요?", "…물어봐도 돼요?").
        r"^먼저\s+(?=.*(?:여쭤|물어)\s*(?:봐도|보아도|봬도))",
        r"(?:여쭤|물어)\s*(?:봐도|보아도|봬도)\s*(?:될까요|돼요|되나요|될까|되겠습니까|괜찮을까요|괜찮아요)\??",
        r"(?:이야기|얘기|말씀|설명)(?:을|를)?\s*(?:좀\s*)?(?:해|들려)\s*주(?:세요|시겠어요|실\s*수\s*있을까요|시겠습니까)\??",
        r"(?:떠올려서|처음부터|자세히|순서대로)",
        r"(?:어떻게|어떤|무슨|왜)",
    )],
    "zh": [re.compile(p) for p in (
        r"^(?:那|嗯|然后|就是)",
        # Spoken hesitations anywhere ("那现在，嗯，家里买菜，就是，是怎么解决的？"): "嗯", "呃", a laugh, and "就是" or
        # "那个" set off by commas.
        r"(?:嗯+|呃+|哈哈+)[，,、\s]*",
        r"(?<=[，,、])\s*(?:就是|那个)\s*[，,、]",
        # Asking leave to ask ("我能先问一下你是做什么工作的吗？").
        r"(?:我)?(?:能不能|能|可以)?(?:先)?(?:问一下|问问|请问)",
        r"(?:能不能|能|可以)?(?:跟我|给我)?(?:说说|讲讲|聊聊|说一说|讲一下|描述一下|介绍一下)(?:看)?",
        r"(?:吗|吧|呢)?[？?。！!]*$",
        r"(?:是怎么|怎么|什么样|什么|为什么)",
    )],
}


def topic_core(text: str, language: str | None) -> str:
    """``text`` without the interview framing of its language, for retrieval (unchanged for languages
    without a frame list, and when nothing would be left)."""
    frames = _FRAMES.get(language_of(language))
    if not frames or not text:
        return text
    core = text
    for frame in frames:
        core = frame.sub(" ", core)
    core = re.sub(r"\s+", " ", core).strip(" ,，。？?!！.")
    return core or text
