"""What the Dutch, Korean and Chinese question rules share: language tags, echo matching, word overlap
with the previous utterance, and turning a list of cues into a :class:`scoring.rules.Form`.

The rules themselves are in ``rules_nl.py``, ``rules_ko.py`` and ``rules_zh.py``; ``rules.analyse(text,
previous, language)`` dispatches to them. Their cue lists follow the team's notes (``docs/i18n-notes.md``,
first written as ``i18n_staging/NOTES.md``).

Echoes, per language (``echo_overlap``):

* Chinese has no spaces: the question, punctuation and a final 吗/呢/吧 stripped, 你/您 turned back into 我,
  is a substring of what they said ("投诉？" after "…我还打电话投诉了一次。"), or shares a run of at least
  two characters with it that covers most of the question ("你的手就停住了？" after "我下单的时候手就停住了").
* Korean glues particles and endings to words: the echo ending (이요, 요, 이라고요, 라고요, 다고요, 냐고요,
  이에요, 예요) and one particle are stripped, and each remaining word must begin one of their words
  ("과장님이요?" / "과장님이 한 시간 동안…", "불편했다고요?" / "솔직히 좀 불편했어요.").
* Dutch: their words with the pronouns turned round (mijn → je/jouw/uw, ik → je/u).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable

from .labels import Flag, Label
from .rules import (MEDIUM, STRONG, WEAK, Cue, FlagHit, Form, clean_text, lone_about_them, pitch_asks_for_yes,
                    rule_scores)

__all__ = ["LANGUAGES", "primary_language", "echo_overlap", "echo_share", "strip_punctuation", "ko_stem",
           "overlap", "make_form", "CJK", "HANGUL", "HAN"]

# Languages with their own question rules (English is the default in ``rules``).
LANGUAGES = ("nl", "ko", "zh")

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


def primary_language(language: str | None) -> str:
    """The primary subtag of a BCP-47 tag, lower case: ``zh-Hans`` -> ``zh``, ``en-GB`` -> ``en``; empty -> ``en``."""
    return (str(language or "en").strip().replace("_", "-").split("-")[0].lower()) or "en"


def strip_punctuation(text: str) -> str:
    """Letters and digits only (how Chinese fragments are compared)."""
    return "".join(ch for ch in (text or "") if unicodedata.category(ch)[0] in "LN")


# --------------------------------------------------------------------------------------------------
# Chinese

_ZH_TRAILING = "吗呢吧啊呀哦嘛么"
_ZH_FLIPS = (("您", "我"), ("你", "我"))


def _common_run(a: str, b: str) -> str:
    """The longest substring of ``a`` that is also in ``b``."""
    best_len, best_end = 0, 0
    previous = [0] * (len(b) + 1)
    for i in range(1, len(a) + 1):
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
                if current[j] > best_len:
                    best_len, best_end = current[j], i
        previous = current
    return a[best_end - best_len: best_end]


def _echo_zh(question: str, previous: str) -> tuple[str | None, float]:
    theirs = strip_punctuation(previous).lower()
    mine = strip_punctuation(question).lower()
    mine = mine.rstrip(_ZH_TRAILING) or mine
    if not mine or not theirs:
        return None, 0.0
    candidates = [mine] + [mine.replace(a, b) for a, b in _ZH_FLIPS if a in mine]
    for candidate in candidates:
        if (len(candidate) >= 2 or HAN.match(candidate)) and candidate in theirs:
            return candidate, 1.0
    best = max((_common_run(c, theirs) for c in candidates), key=len)
    if len(best) < 2:
        return None, 0.0
    return best, len(best) / len(mine)


# --------------------------------------------------------------------------------------------------
# Korean

# What an echo adds to their word, longest first ("과장님이요?", "불편했다고요?").
KO_ECHO_ENDINGS = ("이라고요", "라고요", "다고요", "냐고요", "이에요", "예요", "이요", "요")
# Particles glued to nouns, longest first; only stripped when a syllable or more remains.
KO_PARTICLES = ("에서는", "에서도", "한테서", "으로는", "에게는", "에서", "까지", "부터", "으로", "이랑", "한테", "에게",
                "처럼", "보다", "하고", "마다", "밖에", "은", "는", "이", "가", "을", "를", "도", "에", "로", "랑", "만",
                "의", "와", "과")
# An echo may turn their plain word into the polite one ("엄마" -> "어머님").
KO_HONORIFIC = {"어머님": ("엄마", "어머니"), "어머니": ("엄마",), "아버님": ("아빠", "아버지"), "아버지": ("아빠",),
                "부모님": ("엄마", "아빠", "부모"), "남편분": ("남편",), "아내분": ("아내", "와이프"), "따님": ("딸",),
                "아드님": ("아들",), "할머님": ("할머니",), "할아버님": ("할아버지",), "댁": ("집",)}
_KO_WORD = re.compile(r"[\w%]+")
_KO_STOP = frozenset("그 저 제 네 아 음 어 좀 그냥 정말 진짜 그럼 혹시 그러니까 그래서 그때".split())


def ko_stem(word: str) -> str:
    """A Korean word without one echo ending and then one particle: "모임통장이요" -> "모임통장"."""
    stem = word
    for ending in KO_ECHO_ENDINGS:
        if stem.endswith(ending) and len(stem) > len(ending):
            stem = stem[: -len(ending)]
            break
    for particle in KO_PARTICLES:
        if stem.endswith(particle) and len(stem) - len(particle) >= 1 and not (len(stem) == 2 and particle in "이의"):
            stem = stem[: -len(particle)]
            break
    return stem


def _ko_matches(stem: str, their_words: list[str]) -> bool:
    if not stem:
        return False
    options = (stem, *KO_HONORIFIC.get(stem, ()))
    for word in their_words:
        for option in options:
            # Their word begins with ours ("돈" / "돈이", "불편했" / "불편했어요"), or a long stem sits inside it.
            if word.startswith(option) or (len(option) >= 3 and option in word):
                return True
    return False


def _echo_ko(question: str, previous: str) -> tuple[str | None, float]:
    their_words = _KO_WORD.findall(previous.lower())
    mine = [w for w in _KO_WORD.findall(question.lower())]
    if not their_words or not mine:
        return None, 0.0
    hits, total = [], 0
    for word in mine:
        if word in _KO_STOP:
            continue
        total += 1
        stem = ko_stem(word)
        if _ko_matches(stem, their_words) or _ko_matches(word, their_words):
            hits.append(stem)
        elif len(stem) >= 3 and _ko_matches(stem[:-1], their_words):
            # "불편했다" -> "불편했" inside "불편했어요", a bare predicate handed back.
            hits.append(stem[:-1])
    if not hits or not total:
        return None, 0.0
    return " ".join(hits), len(hits) / total


# --------------------------------------------------------------------------------------------------
# Dutch

_NL_WORD = re.compile(r"[a-zà-ÿ0-9]+(?:'[a-z]+)?", re.IGNORECASE)
# Pronouns turned round in an echo: their "mijn" is our "je/jouw/uw".
_NL_PRONOUNS = {w: "_p" for w in "ik je jij u me mij jou wij we jullie ons mijn m'n jouw uw onze".split()}
NL_STOP = frozenset(
    "de het een en of maar als dan dat dit die deze er ik je jij u uw jouw mijn me mij we wij ons onze jullie hij zij "
    "ze zijn haar hem is was ben bent heb hebt heeft had hadden ook nog wel niet geen toch dus zo al in op aan van "
    "voor met naar bij uit te om tot over zeg zegt echt ja nee nou eh oh hm gewoon eigenlijk even eens heel erg "
    "veel meer wat hoe waarom wanneer waar wie welke welk kan kun kunt wil wilt zou zal moet mag doe doet deed "
    "ga gaat ging word wordt werd daar hier nu toen alles iets niks niets iemand altijd nooit vaak weer".split())


def nl_norm(word: str) -> str:
    word = word.lower()
    if word in _NL_PRONOUNS:
        return _NL_PRONOUNS[word]
    for suffix in ("en", "s", "je", "tje", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _echo_nl(question: str, previous: str) -> tuple[str | None, float]:
    body = re.sub(r"\b(zeg je|zegt u|zei je|zei u)\s*[?.!…]*\s*$", "", question.strip(), flags=re.IGNORECASE)
    mine = _NL_WORD.findall(body)
    theirs = {nl_norm(w) for w in _NL_WORD.findall(previous)}
    if not mine or not theirs:
        return None, 0.0
    # A compound of theirs is echoed by its head ("Een andere leverancier?" after "…energieleverancier").
    heads = {t for t in theirs if len(t) >= 8}
    hits = [w for w in mine if nl_norm(w) in theirs
            or (len(nl_norm(w)) >= 5 and not nl_norm(w).startswith("_") and any(t.endswith(nl_norm(w)) for t in heads))]
    content = [w for w in mine if w.lower() not in NL_STOP and not nl_norm(w).startswith("_")]
    verbatim = len(mine) >= 2 and " ".join(mine).lower() in " ".join(_NL_WORD.findall(previous)).lower()
    if not [w for w in hits if w in content] and not verbatim:
        return None, 0.0
    return " ".join(hits), len(hits) / len(mine)


# --------------------------------------------------------------------------------------------------


def echo_share(question: str, previous: str | None, language: str | None) -> tuple[str | None, float]:
    """(the echoed fragment, the share of the question made of their words) — (None, 0.0) when nothing is shared."""
    if not question or not previous or not question.strip() or not previous.strip():
        return None, 0.0
    lang = primary_language(language)
    if lang == "zh" or (lang not in ("ko", "nl") and HAN.search(question) and not HANGUL.search(question)):
        return _echo_zh(question, previous)
    if lang == "ko" or HANGUL.search(question):
        return _echo_ko(question, previous)
    if lang == "nl":
        return _echo_nl(question, previous)
    from .rules import echo_match, strip_markers

    body = strip_markers(question)[0].strip(" ?!.,…")
    share = echo_match(body, previous)
    return (body or None, share) if share > 0 else (None, 0.0)


# An echo is short: a few words (or, without spaces, a few characters) of theirs.
_ECHO_MAX = {"zh": 14, "ko": 5, "nl": 6, "en": 8}


def echo_overlap(question: str, previous: str | None, language: str | None = "en") -> str | None:
    """The part of ``question`` that hands back the interviewee's own words (``previous``), when the
    question is short and mostly made of them: the echo probe ("投诉？", "과장님이요?", "Twee weken?").
    None when it is not an echo. See the module docstring for how each language is matched."""
    lang = primary_language(language)
    fragment, share = echo_share(question, previous, lang)
    if fragment is None or share < 0.6:
        return None
    size = len(strip_punctuation(question)) if lang == "zh" else len(re.findall(r"\w+", question))
    if size > _ECHO_MAX.get(lang, 8):
        return None
    return fragment


# --------------------------------------------------------------------------------------------------
# Overlap with the previous utterance (how much of a turn restates them), per language.


def _bigrams(text: str) -> set[str]:
    han = strip_punctuation(text)
    return {han[i: i + 2] for i in range(len(han) - 1)}


def overlap(text: str, previous: str | None, language: str) -> float:
    """Share of the turn's content (Dutch words, Korean word stems, Chinese character pairs) found in ``previous``."""
    if not previous or not text:
        return 0.0
    if language == "zh":
        mine = _bigrams(text.replace("你", "我").replace("您", "我"))
        theirs = _bigrams(previous)
        mine = {b for b in mine if not set(b) <= set("我的了是在就都也还一个这那吗呢吧啊")}
        return len(mine & theirs) / len(mine) if mine else 0.0
    if language == "ko":
        mine = [ko_stem(w) for w in _KO_WORD.findall(text) if w not in _KO_STOP]
        mine = [w for w in mine if len(w) >= 2]
        theirs = [ko_stem(w) for w in _KO_WORD.findall(previous)]
        prefixes = {w[:2] for w in theirs if len(w) >= 2}
        return sum(1 for w in mine if w[:2] in prefixes) / len(mine) if mine else 0.0
    mine = {nl_norm(w) for w in _NL_WORD.findall(text) if w.lower() not in NL_STOP}
    mine = {w for w in mine if not w.startswith("_")}
    theirs = {nl_norm(w) for w in _NL_WORD.findall(previous)}
    return len(mine & theirs) / len(mine) if mine else 0.0


# --------------------------------------------------------------------------------------------------
# Sentences

_DECIMAL = re.compile(r"(\d)\.(\d)")


def split_sentences(text: str, sentence: re.Pattern[str]) -> list[str]:
    """The sentences of ``text`` as ``sentence`` finds them; "0.5%" stays whole, and a piece that is only
    punctuation ("……") joins the sentence before it."""
    protected = _DECIMAL.sub("\\1\u2024\\2", text)
    out: list[str] = []
    for piece in sentence.findall(protected):
        piece = piece.replace("\u2024", ".").strip()
        if not piece:
            continue
        if not strip_punctuation(piece) and out:
            out[-1] += piece
            continue
        out.append(piece)
    return out


def core(sentence: str, fillers: re.Pattern[str]) -> str:
    """A sentence without its opening fillers ("嗯那", "음 그럼") and its final punctuation."""
    out = fillers.sub("", sentence.strip()).strip() or sentence.strip()
    return out.rstrip(" .?!…~")


# --------------------------------------------------------------------------------------------------
# From cues to a Form

# Cues that put an answer in their mouth: they decide over the question form that carries them.
OVERRIDING_LEADING = frozenset({"tag_question", "negative_question", "agreement", "social_proof", "presupposition",
                                "loaded_degree", "loaded_yes_no", "suggests_action", "presumptive", "rhetorical"})
FORM_CUES = frozenset({"wh_open", "yes_no", "short_fact", "choice", "check_question", "invitation", "rating"})
OVERLAP_CUES = frozenset({"restates", "about_them", "so_summary", "check_question"})


def resolve(cues: list[Cue], text: str = "") -> list[Cue]:
    """As ``rules._resolve``: a strong leading cue halves the question form that carries it, a strong echo
    weakens the overlap and form cues that any echo has, and a lone "about them" cue is dropped where
    ``text`` is not said as a sentence of its own (see ``rules.lone_about_them``)."""
    strong_leading = any(c.name in OVERRIDING_LEADING and c.weight >= STRONG for c in cues)
    strong_echo = any(c.name == "echo" and c.weight >= STRONG for c in cues)
    lone_about = lone_about_them({c.name for c in cues}, text)
    out = []
    for cue in cues:
        if lone_about and cue.name == "about_them":
            continue
        if strong_leading and cue.name in FORM_CUES and cue.label != Label.LEADING:
            cue = Cue(cue.name, cue.label, cue.weight / 2, cue.evidence)
        if strong_echo and (cue.name in OVERLAP_CUES or cue.name in FORM_CUES):
            cue = Cue(cue.name, cue.label, cue.weight / 3, cue.evidence)
        out.append(cue)
    return out


def make_form(*, text: str, clean: str, focus: str, sentences: Iterable[str], questions: Iterable[str],
              language: str, cues: list[Cue], flags: list[FlagHit], previous: str | None, declarative: bool,
              echo: float = 0.0) -> Form:
    """The :class:`Form` the classifier reads, from the cues a language's rules found."""
    cues = resolve(cues, clean) or [Cue("declarative", Label.STATEMENT, WEAK, "")]
    questions = tuple(questions)
    # Hypothetical and double-barreled describe questions; keep the first hit of each flag.
    seen: set[Flag] = set()
    kept = []
    for hit in flags:
        if hit.flag in seen:
            continue
        if declarative and hit.flag in (Flag.HYPOTHETICAL, Flag.DOUBLE_BARRELED):
            continue
        seen.add(hit.flag)
        kept.append(hit)
    if declarative and any(h.flag == Flag.PITCH for h in kept):
        cues.append(Cue("pitch_statement", Label.STATEMENT, STRONG, ""))
    cues = pitch_asks_for_yes(cues, kept, bool(questions) and not declarative)
    return Form(
        text=text, clean=clean, focus=focus or clean, sentences=tuple(sentences), questions=questions,
        is_question=bool(questions) and not declarative, language=language, cues=tuple(cues), flags=tuple(kept),
        has_previous=bool(previous), overlap=overlap(focus or clean, previous, language), echo=echo,
        declarative=declarative, scores=rule_scores(cues),
    )


def empty_form(text: str, language: str, previous: str | None) -> Form:
    return Form(text=text if isinstance(text, str) else "", clean="", focus="", sentences=(), questions=(),
                is_question=False, language=language, cues=(Cue("empty", Label.STATEMENT, STRONG),), flags=(),
                has_previous=bool(previous), scores={Label.STATEMENT: STRONG}, declarative=True)


@dataclass(frozen=True)
class Reader:
    """How one language reads a turn (Korean and Chinese share ``read_turn``; see ``rules_ko``, ``rules_zh``)."""

    language: str
    sentences: Callable[[str], list[str]]
    core: Callable[[str], str]
    is_question: Callable[[str], bool]
    is_ack: Callable[[str], bool]
    # (sentence core, share of it that is their words) -> weight of an echo cue, 0 for none.
    echo_weight: Callable[[str, float], float]
    # (question core, whole turn, previous, has "?", sentences before it) -> (cues, flags)
    question_cues: Callable[..., tuple[list[Cue], list[FlagHit]]]
    # (question core, previous, has "?", question cues) -> the cues to keep, when the question form says little
    settle_question: Callable[..., list[Cue]]
    # (sentence core, previous, has "?", overlap) -> cues of a statement
    declarative_cues: Callable[..., list[Cue]]
    # (whole turn, its question sentences' cores, focus, asks a question, question sentences) -> flags
    flags: Callable[..., list[FlagHit]]
    # (whole turn core) -> cues a statement gets from the whole turn (a tag in a caption)
    caption_cues: Callable[[str], list[Cue]] = lambda core: []
    # (sentence core) -> whether it only checks the summary before it ("맞나요?", "我理解得对吗？")
    is_check: Callable[[str], bool] = lambda core: False


def read_turn(reader: Reader, text: str, previous: str | None) -> Form:
    """The form of one turn, read the way Korean and Chinese interviewers' turns are: acknowledgements, the last
    question (with echoes of their words), or the statements, and the flags."""
    lang = reader.language
    raw = clean_text(text)
    prev = clean_text(previous, limit=600) if previous else None
    if not strip_punctuation(raw):
        return empty_form(text, lang, prev)
    sentences = reader.sentences(raw)
    questions = [s for s in sentences if reader.is_question(s)]
    cues: list[Cue] = []
    flags: list[FlagHit] = []
    declarative = False
    echo = 0.0
    core_all = reader.core(raw)

    check = None
    if questions and len(sentences) >= 2 and questions[-1] == sentences[-1] and sentences[-2] not in questions \
            and reader.is_check(reader.core(sentences[-1])):
        # "…쓰신다는 거네요. 맞나요?": a summary, then a check that it is right: the summary keeps its label.
        check, sentences, questions = reader.core(sentences[-1]), sentences[:-1], []
    if reader.is_ack(core_all) or all(reader.is_ack(reader.core(s)) for s in sentences):
        cues.append(Cue("acknowledgement", Label.STATEMENT, STRONG + 0.5, core_all))
        focus, declarative, questions = core_all, True, []
    elif questions:
        focus_sentence = questions[-1]
        q = reader.core(focus_sentence)
        has_qmark = focus_sentence.rstrip().endswith("?")
        fragment, echo = echo_share(q, prev, lang)
        if fragment and reader.echo_weight(q, echo):
            cues.append(Cue("echo", Label.ECHO, reader.echo_weight(q, echo), fragment))
        before = sentences[: sentences.index(focus_sentence)]
        qcues, qflags = reader.question_cues(q, core_all, prev, has_qmark, before)
        flags.extend(qflags)
        cues.extend(reader.settle_question(q, prev, has_qmark, qcues))
        focus = q
    else:
        declarative = True
        substantive = [s for s in sentences if not reader.is_ack(reader.core(s))] or sentences
        focus = reader.core(substantive[-1]) if len(substantive) == 1 else core_all
        fragment, echo = echo_share(core_all, prev, lang)
        if fragment and reader.echo_weight(core_all, echo):
            cues.append(Cue("echo", Label.ECHO, reader.echo_weight(core_all, echo), fragment))
        for position, sentence in enumerate(substantive):
            body = reader.core(sentence)
            last = position == len(substantive) - 1
            s_cues = reader.declarative_cues(body, prev, False, overlap(body, prev, lang))
            # The last thing said decides; earlier sentences count, but less.
            cues.extend(c if last else Cue(c.name, c.label, c.weight * 0.6, c.evidence)
                        for c in s_cues if last or c.name != "declarative")
        cues.extend(reader.caption_cues(core_all))
        if check:
            cues.append(Cue("reflection_check", Label.REFLECTION, MEDIUM, check))

    asked = [reader.core(s) for s in questions]
    turn_flags = reader.flags(raw, asked, focus, bool(questions) and not declarative, questions)
    if prev:
        # Words of theirs are no pitch of ours ("新版的验证方式" after "新版的验证方式她搞不明白").
        theirs = strip_punctuation(prev).lower()
        turn_flags = [h for h in turn_flags
                      if not (h.flag == Flag.PITCH and strip_punctuation(h.evidence).lower() in theirs)]
    flags.extend(turn_flags)
    return make_form(text=text, clean=raw, focus=focus, sentences=sentences, questions=questions, language=lang,
                     cues=cues, flags=flags, previous=prev, declarative=declarative, echo=echo)


__all__ += ["MEDIUM", "STRONG", "WEAK", "resolve", "empty_form", "nl_norm", "NL_STOP", "KO_ECHO_ENDINGS",
            "split_sentences", "core", "Reader", "read_turn"]
