"""Scoring in Dutch, Korean and Chinese: question forms, echoes, reasons and rewrites in the trainee's language.

The cue lists come from the team's notes (``scoring/data/README.md`` points to them) and the interview guidance
in ``../shared/seeds``. Form decides first, as in English; a turn whose form says little is decided by its
nearest labelled examples (``examples_{lang}.jsonl``) under the multilingual embedder, when one is given.

    clf = LanguageClassifier("zh", embedder=get_embedder(language="zh"))
    clf.classify("说说你上次买菜的经过。", "我一般在手机上买菜。").label   # Label.OPEN

``classify`` has the signature of :class:`scoring.classifier.QuestionClassifier.classify`, so the engine and the
app use either one the same way. Label and flag names, reasons and rewrites come out in the classifier's language.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

from simulator.textutil import echo_fragment, language_of, strip_punctuation

from .labels import Classification, Flag, Label

if TYPE_CHECKING:
    from simulator.embeddings import Embedder

__all__ = ["LANGUAGES", "LanguageClassifier", "label_name", "flag_name", "ui_text", "examples_path"]

LANGUAGES = ("nl", "ko", "zh")
DATA = Path(__file__).parent / "data"


def examples_path(language: str, split: str = "examples") -> Path:
    return DATA / f"{split}_{language_of(language)}.jsonl"


# ------------------------------------------------------------------------------------------------
# What the trainee reads: label and flag names, reasons, rewrites, fixed UI words
# ------------------------------------------------------------------------------------------------

LABEL_NAMES: dict[str, dict[str, str]] = {
    "nl": {"open": "Open vraag", "closed": "Gesloten vraag", "leading": "Sturende vraag", "echo": "Echo",
           "reflection": "Reflectie", "silence": "Stilte", "statement": "Mededeling"},
    "ko": {"open": "열린 질문", "closed": "닫힌 질문", "leading": "유도 질문", "echo": "되묻기(에코)",
           "reflection": "반영", "silence": "침묵", "statement": "진술"},
    "zh": {"open": "开放式提问", "closed": "封闭式提问", "leading": "诱导性提问", "echo": "回声追问",
           "reflection": "复述回应", "silence": "沉默", "statement": "陈述"},
}
FLAG_NAMES: dict[str, dict[str, str]] = {
    "nl": {"hypothetical": "Hypothetisch", "double_barreled": "Dubbele vraag", "pitch": "Pitch",
           "faux_invitation": "Schijnuitnodiging"},
    "ko": {"hypothetical": "가정 질문", "double_barreled": "이중 질문", "pitch": "제품 홍보",
           "faux_invitation": "겉보기만 열린 질문"},
    "zh": {"hypothetical": "假设性提问", "double_barreled": "一问多事", "pitch": "推销", "faux_invitation": "假开放"},
}
REASONS: dict[str, dict[str, str]] = {
    "nl": {
        "open": "Een open vraag: ze kunnen het in hun eigen woorden vertellen.",
        "closed": "Hierop volstaat ja, nee of één feit; je krijgt geen verhaal.",
        "leading": "De vraag legt het antwoord al klaar; mensen zeggen dan beleefd ja.",
        "echo": "Je herhaalt hun eigen woorden als vraag: zo gaan ze dieper zonder dat jij stuurt.",
        "reflection": "Je vat samen wat ze zeiden, zonder iets toe te voegen.",
        "statement": "Een mededeling, geen vraag: het gesprek ligt nu bij jou.",
    },
    "ko": {
        "open": "열린 질문입니다. 상대가 자기 말로 경험을 이야기할 수 있어요.",
        "closed": "예/아니요나 한 가지 사실로 끝나는 질문이라 이야기가 나오지 않아요.",
        "leading": "원하는 답을 질문에 담았어요. 상대는 예의상 동의하기 쉬워요.",
        "echo": "상대가 한 말을 그대로 되물었어요. 방향을 정하지 않고 더 깊이 듣게 돼요.",
        "reflection": "상대의 말을 덧붙임 없이 정리해 돌려주었어요.",
        "statement": "질문이 아니라 진술이에요. 대화의 중심이 인터뷰어에게 옵니다.",
    },
    "zh": {
        "open": "开放式提问：对方可以用自己的话讲经历。",
        "closed": "用“是/不是”或一个事实就能答完，引不出故事。",
        "leading": "问题里已经放了你想要的答案，对方容易出于礼貌附和。",
        "echo": "用对方的原话追问，不带方向地请对方多说。",
        "reflection": "把对方的话归纳后还给对方，没有加入自己的判断。",
        "statement": "这是陈述而不是提问，话题的重心回到了你身上。",
    },
}
FLAG_REASONS: dict[str, dict[str, str]] = {
    "nl": {"hypothetical": "Het vraagt naar een ingebeelde toekomst; vraag liever naar wat er echt gebeurde.",
           "faux_invitation": "Het begint als uitnodiging, maar eindigt in een ja/nee-vraag."},
    "ko": {"hypothetical": "가정한 미래를 묻고 있어요. 실제로 있었던 일을 물어보세요.",
           "faux_invitation": "이야기를 청하는 듯하지만 결국 예/아니요 질문이에요."},
    "zh": {"hypothetical": "问的是假设的将来；不如问实际发生过的事。",
           "faux_invitation": "开头像是邀请讲述，结尾却是是非题。"},
}
REWRITES: dict[str, str] = {
    "nl": "Vertel eens over de laatste keer dat dat speelde: hoe ging dat?",
    "ko": "마지막으로 그런 일이 있었을 때 어떻게 되었는지 말씀해 주시겠어요?",
    "zh": "能说说最近一次遇到这种情况的经过吗？",
}
UI_TEXT: dict[str, dict[str, str]] = {
    "en": {"try_instead": "Try instead", "silence_turn": "(You stayed silent.)"},
    "nl": {"try_instead": "Probeer liever", "silence_turn": "(Je bleef stil.)"},
    "ko": {"try_instead": "이렇게 물어보세요", "silence_turn": "(침묵을 지켰습니다.)"},
    "zh": {"try_instead": "不妨这样问", "silence_turn": "（你保持了沉默。）"},
}


def label_name(label: str, language: str | None) -> str | None:
    """The label's name in ``language``; None for English (the app uses scoring.feedback there)."""
    return LABEL_NAMES.get(language_of(language), {}).get(label)


def flag_name(flag: str, language: str | None) -> str | None:
    return FLAG_NAMES.get(language_of(language), {}).get(flag)


def ui_text(key: str, language: str | None) -> str:
    return UI_TEXT.get(language_of(language), UI_TEXT["en"]).get(key) or UI_TEXT["en"][key]


# ------------------------------------------------------------------------------------------------
# Question forms per language
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cues:
    leading: re.Pattern
    open: re.Pattern
    one_fact: re.Pattern  # wh-words that ask for one fact (how often, when, which…)
    closed: re.Pattern
    reflection: re.Pattern
    hypothetical: re.Pattern
    faux: re.Pattern | None = None


_NL_VERB = (r"(heb|heeft|hebt|ben|bent|is|was|waren|gebruik|doe|ga|kun|kan|kunt|wil|wilt|zou|zal|moet|mag|vind|"
            r"vond|denk|weet|ken|woon|werk|betaal|koop|bestel|lees|krijg|had|heb|zag|merk|merkte|rijd|fiets|"
            r"heeft|zijn|deed|ging|kreeg|kocht|speelt|scheelt|klopt)\w*")
_NL_SUBJECT = r"(je|jij|u|jullie|het|er|ze|hij|zij|dat|die|jouw|uw|de|een)"
_NL_FILLERS = re.compile(r"^((eh|ehm|uh|nou|ja|oké|ok|en|maar|dus)[,\s]+)+", re.IGNORECASE)

CUES: dict[str, _Cues] = {
    "nl": _Cues(
        leading=re.compile(
            r"(,?\s*(toch|niet|hè|he|nietwaar|of niet)\s*[?.]?\s*$)|,\s*ja\s*\?\s*$|^(vind|vindt)\s+(je|u)\s+(ook\s+)?niet\b|"
            r"\bje bent het .*eens\b|\bde meeste (klanten|mensen|gebruikers)\b|\btoch\b|\bzeker\b|\bvast\b|"
            r"^(was|is|zou|waren)\s+het\s+niet\b|\bmoet\s+.*\b(frustrerend|vervelend|lastig|fijn)\b.*\?|"
            r"^waarom\s+is\s+het\s+zo\s+(moeilijk|lastig|duur|irritant)", re.IGNORECASE),
        open=re.compile(
            r"^(en\s+)?(wat|hoe|waarom|waardoor|hoezo|welke?\s+(rol|gevoel))\b|^(vertel|vertelt u|beschrijf|neem me|"
            r"leg\s+(eens\s+)?uit)\b|\b(kun|kunt|wil|wilt)\s+(je|u)\s+(me\s+|mij\s+|eens\s+)*(vertellen|beschrijven|"
            r"uitleggen|meenemen)\s+(hoe|wat|waarom|over)\b|^en\s+(toen|daarna|verder)\b|^wat\s+nog\s+meer\b|"
            r"laten we het (eens )?over", re.IGNORECASE),
        one_fact=re.compile(r"^(en\s+)?(hoe\s+(vaak|veel|lang|oud|laat)|hoeveel|welke?|wanneer|waar|wie)\b",
                            re.IGNORECASE),
        closed=re.compile(rf"^{_NL_VERB}\s+{_NL_SUBJECT}\b|^klopt het\b|^is het zo dat\b|\bof\b[^?]*\?$",
                          re.IGNORECASE),
        reflection=re.compile(r"^(dus\b|het klinkt (alsof|als)|je bedoelt|als ik je goed begrijp|je zegt)",
                              re.IGNORECASE),
        hypothetical=re.compile(r"\b(zou|zouden)\s+(je|u|jullie)\b|\bals .* zou\b|\bstel (je voor|dat)\b",
                                re.IGNORECASE),
        faux=re.compile(rf"^(vertel|vertelt u|zeg|beschrijf|leg (eens )?uit)(\s+(eens|me|mij))*\s*[,:]\s*{_NL_VERB}\s"
                        r"|\bvertellen of\b", re.IGNORECASE),
    ),
    "ko": _Cues(
        leading=re.compile(r"(죠|지요|잖아요|잖아|지 않아요|지 않으세요|지 않나요|않았어요|않으셨어요|않나요|않겠어요|"
                           r"아닌가요|아니에요|맞죠|맞지요|거죠|겠네요|겠죠)\s*[?？]?\s*$|다들|대부분|보통 다"),
        open=re.compile(r"어떻게|어떤|왜|무엇|뭐가|뭘|무슨|말씀해|이야기해|얘기해|들려주|설명해|소개해|그다음|그래서요|"
                        r"그 다음|그리고요"),
        one_fact=re.compile(r"몇|언제|얼마나|얼마|어디|누구|어느"),
        closed=re.compile(r"(나요|까요|세요|어요|아요|해요|니까|습니까|ㅂ니까|신가요|인가요|을까요|가요|이에요|예요|"
                          r"였어요|었어요|았어요|셨어요|있으세요|있어요|없어요|하세요|드세요)\s*[?？]\s*$|[?？]\s*$"),
        reflection=re.compile(r"(군요|네요|거고요|거죠|구나|셨고요)\s*[.。]?\s*$|^(그러니까|정리해 보면|말씀을 들어 보니)"),
        hypothetical=re.compile(r"만약|만일|다면|라면|시겠어요|겠어요\s*[?？]|할 것 같"),
        faux=re.compile(r"(말씀|이야기|얘기|설명)(을|를)?\s*(좀\s*)?해\s*주(세요|시겠어요)\s*[,，]\s*\S.*[?？]\s*$"),
    ),
    "zh": _Cues(
        leading=re.compile(r"难道|是不是|对吧|对不对|是吧|没错吧|不觉得|不是.*吗|应该.*吧|肯定.*吧|一定.*吧|"
                           r"大家都|大部分人|吧\s*[?？]\s*$|为什么.{0,6}(这么|那么)(难|贵|麻烦|差|慢|烦)"),
        open=re.compile(r"什么|怎么|为什么|为啥|说说|讲讲|聊聊|谈谈|描述|哪些|如何|后来呢|然后呢|还有呢|具体"),
        one_fact=re.compile(r"什么时候|几|多少|多久|多长|哪天|哪个|哪家|哪里|哪儿|谁"),
        closed=re.compile(r"吗\s*[?？]?\s*$|有没有|是否|会不会|能不能|要不要|是不是|还是|[?？]\s*$"),
        reflection=re.compile(r"^(听起来|所以|你是说|您是说|也就是说|我理解|换句话说|就是说)[^?？]*[。.]?$"),
        faux=re.compile(r"(说说|讲讲|描述一下|介绍一下|聊聊)[，,:：].*吗\s*[?？]?\s*$"),
        hypothetical=re.compile(r"如果|假如|假设|要是|会不会"),
    ),
}
# Invitations to tell that end in a question particle are still open ("能跟我讲讲…吗？", "…말씀해 주시겠어요?").
_INVITATION = {
    "zh": re.compile(r"(说说|讲讲|聊聊|谈谈|描述一下|介绍一下)"),
    "ko": re.compile(r"(말씀|이야기|얘기|설명|소개)(을|를)?\s*(좀\s*)?(해|들려)\s*"
                     r"(주세요|주시겠어요|주시겠습니까|주실래요|주실 수 있|줄 수 있)"),
    "nl": re.compile(r"\b(vertellen|beschrijven|uitleggen)\s+(hoe|wat|waarom|over)\b", re.IGNORECASE),
}


_NL_INVITE = re.compile(r"^(vertel|vertelt u|beschrijf|neem me|leg (eens )?uit)\b", re.IGNORECASE)
_WH_START = {
    "nl": re.compile(r"^(en\s+)?(wat|hoe|waarom|waardoor|hoezo|wanneer|waar|wie|welke?|hoeveel)\b", re.IGNORECASE),
    "ko": re.compile(r"어떻게|어떤|왜|무엇|뭐|무슨|몇|언제|얼마|어디|누구|어느"),
    "zh": re.compile(r"什么|怎么|为什么|为啥|几|多少|多久|哪|谁|如何"),
}


def _is_echo(s: str, bare: str, previous: str, lang: str, cues: _Cues) -> bool:
    """A short fragment mostly copied from their last words, not a question of the trainee's own."""
    if _WH_START[lang].search(s) or cues.leading.search(s) or _INVITATION[lang].search(s):
        return False
    fragment = echo_fragment(s, previous, lang)
    if not fragment:
        return False
    if lang == "zh":
        return len(bare) <= 12 and len(strip_punctuation(fragment)) * 5 >= len(bare) * 3
    words = re.findall(r"\w+", s)
    limit = 5 if lang == "nl" else 3
    return len(words) <= limit and len(fragment.split()) * 2 >= len(words)


def _is_question(text: str) -> bool:
    return bool(re.search(r"[?？]\s*$", text))


def form_label(text: str, previous: str | None, language: str) -> tuple[Label, float, tuple[Flag, ...]]:
    """(label, confidence, flags) from the turn's form alone. Confidence is lower where the form says little."""
    lang = language_of(language)
    cues = CUES[lang]
    raw = text.strip()
    s = _NL_FILLERS.sub("", raw) if lang == "nl" else raw
    bare = strip_punctuation(s)
    flags: list[Flag] = []
    if cues.hypothetical.search(s):
        flags.append(Flag.HYPOTHETICAL)
    if not bare:
        return Label.STATEMENT, 0.4, ()
    if previous and _is_echo(s, bare, previous, lang, cues):
        return Label.ECHO, 0.85, ()
    if cues.leading.search(s):
        return Label.LEADING, 0.85, tuple(flags)
    if cues.faux is not None and cues.faux.search(s):
        return Label.CLOSED, 0.8, tuple(flags + [Flag.FAUX_INVITATION])
    asked = _is_question(s) or (lang == "zh" and bare.endswith("吗"))
    if _INVITATION[lang].search(s) or (lang == "nl" and _NL_INVITE.search(s)):
        return Label.OPEN, 0.85, tuple(f for f in flags if f is not Flag.HYPOTHETICAL)
    if not asked:
        # Said, not asked: a summary of their words, a transcript question without its mark (Dutch word order
        # shows it), or a statement.
        if cues.reflection.search(s):
            return Label.REFLECTION, 0.75, ()
        if lang == "nl" and cues.open.search(s) and not cues.one_fact.search(s):
            return Label.OPEN, 0.7, ()
        if lang == "nl" and (cues.closed.search(s) or cues.one_fact.search(s)):
            return Label.CLOSED, 0.7, tuple(flags)
        return Label.STATEMENT, 0.7, ()
    if cues.open.search(s) and not cues.one_fact.search(s):
        return Label.OPEN, 0.8, tuple(f for f in flags if f is not Flag.HYPOTHETICAL)
    if cues.one_fact.search(s) or cues.closed.search(s):
        return Label.CLOSED, 0.75, tuple(flags)
    # Asked, with no marker of either kind: most such questions can be answered in a word.
    return Label.CLOSED, 0.5, tuple(flags)


# ------------------------------------------------------------------------------------------------
# The classifier
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    previous: str | None
    label: str
    flags: tuple[str, ...] = ()


def load_examples(path: str | Path) -> list[Example]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(Example(str(d.get("id") or n), d["text"], d.get("previous"), d["label"],
                               tuple(d.get("flags") or ())))
        except (ValueError, KeyError) as e:
            raise ValueError(f"{path}: line {n}: {e} — each line is {{id, text, previous, label, flags}}") from e
    return out


class LanguageClassifier:
    """Labels interviewer turns in Dutch, Korean or Chinese. Thread-safe; the embedding index is built lazily.

    Form decides when it is confident (≥ ``trust``); otherwise the ``k`` nearest labelled examples vote, with the
    form's guess as one extra vote. Without an embedder, form alone decides.
    """

    def __init__(self, language: str, embedder: "Embedder | None" = None, examples: str | Path | None = None,
                 *, k: int = 5, trust: float = 0.75) -> None:
        lang = language_of(language)
        if lang not in CUES:
            raise ValueError(f"no question rules for language {language!r} (have: {', '.join(CUES)})")
        self.language = lang
        self.embedder = embedder
        self.k, self.trust = k, trust
        self._examples_source = Path(examples) if examples else examples_path(lang)
        self._lock = threading.Lock()
        self._index: tuple[list[Example], np.ndarray] | None = None

    def _get_index(self) -> tuple[list[Example], np.ndarray]:
        with self._lock:
            if self._index is None:
                examples = load_examples(self._examples_source) if self._examples_source.exists() else []
                vectors = (np.asarray(self.embedder.encode([e.text for e in examples]), dtype=np.float32)
                           if examples and self.embedder is not None else np.zeros((0, 1), np.float32))
                self._index = (examples, vectors)
        return self._index

    def warm_up(self) -> None:
        self._get_index()

    def classify(self, text: str, previous: str | None = None) -> Classification:
        label, confidence, flags = form_label(text, previous, self.language)
        if confidence < self.trust and self.embedder is not None:
            label, confidence = self._vote(text, label, confidence)
        return self._result(label, confidence, flags)

    def classify_many(self, items: Sequence[tuple[str, str | None]]) -> list[Classification]:
        return [self.classify(text, previous) for text, previous in items]

    def _vote(self, text: str, form: Label, confidence: float) -> tuple[Label, float]:
        examples, vectors = self._get_index()
        if not examples:
            return form, confidence
        query = np.asarray(self.embedder.encode([text]), dtype=np.float32)[0]
        sims = vectors @ query
        top = np.argsort(-sims)[: self.k]
        votes: dict[str, float] = {form.value: confidence}
        for i in top:
            if sims[i] > 0:
                votes[examples[i].label] = votes.get(examples[i].label, 0.0) + float(sims[i])
        best = max(votes, key=votes.get)
        total = sum(votes.values()) or 1.0
        return Label(best), round(min(0.95, votes[best] / total), 3)

    def _result(self, label: Label, confidence: float, flags: tuple[Flag, ...]) -> Classification:
        lang = self.language
        if label not in (Label.OPEN, Label.CLOSED, Label.LEADING):
            flags = tuple(f for f in flags if f is not Flag.HYPOTHETICAL)
        rewrite = REWRITES[lang] if label in (Label.LEADING, Label.CLOSED) or Flag.HYPOTHETICAL in flags else None
        return Classification(
            label=label, confidence=confidence, reason=REASONS[lang][label.value], flags=flags,
            flag_reasons={f.value: FLAG_REASONS[lang][f.value] for f in flags if f.value in FLAG_REASONS[lang]},
            rewrite=rewrite, language=lang,
        )

    def leave_one_out(self) -> list[tuple[Example, Classification]]:
        """Every example classified with its own entry left out of the vote (for benchmarks and tests)."""
        examples, vectors = self._get_index()
        out = []
        for i, e in enumerate(examples):
            label, confidence, flags = form_label(e.text, e.previous, self.language)
            if confidence < self.trust and self.embedder is not None and len(examples) > 1:
                sims = vectors @ vectors[i]
                sims[i] = -np.inf
                top = np.argsort(-sims)[: self.k]
                votes: dict[str, float] = {label.value: confidence}
                for j in top:
                    if sims[j] > 0:
                        votes[examples[j].label] = votes.get(examples[j].label, 0.0) + float(sims[j])
                label = Label(max(votes, key=votes.get))
            out.append((e, self._result(label, confidence, flags)))
        return out

