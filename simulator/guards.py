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

USE (the multilingual embedder, for Dutch, Korean and Chinese replies): measured on the nl/ko/zh
personas, each layer's other phrasing standing in for a paraphrase (a looser one than a model
writes: it reorders the story), lines of other topics of the same persona as off-topic, and the
persona's reactions (acknowledge, closing, pitch, unknown) as generic chatter. Whole reply: every
paraphrase scores at least 0.45 (nl), 0.53 (ko), 0.51 (zh); 0.44 rejects every generic reply and
78-84 % of off-topic ones (neighbouring stories of the same persona reach 0.57-0.67). Per sentence,
with each paraphrase padded by one invented sentence (a beach holiday, a dog, "happy to help with
your interview", a brother in Canada, in the persona's language): 0.25 catches 99 % (nl), 81 % (ko),
83 % (zh) of padded replies and rejects 16 %, 6 %, 4 % of the reordered phrasings (which then fall
back to the authored line). So USE uses 0.44 and 0.25.

Languages. Each check knows ``request.language``:

=============  =======================================================================================
check          English / Dutch / Korean / Chinese
=============  =======================================================================================
ai_mention     English patterns in every language (a model slips into English), plus Dutch
               ("als taalmodel", "ik ben een AI"), Korean (인공지능, 언어 모델, "저는 AI…") and
               Chinese (人工智能, 语言模型, "我是AI…") ones; "AI" also counts glued to Hangul/Han.
third_person   (1) the persona's name: whole words; in Korean and Chinese the full name or the given
               name (지우, 丽华) anywhere, except after a self-introduction (저는/제 이름은, 我是/我叫).
               (2) role words per language (de klant, de interviewer; 인터뷰어, 응답자; 受访者, 采访者).
               (3)/(4) pronouns: English; Dutch (Zij/Hij opening a sentence; ik/mijn/we… gone but
               jij/u/zij/hij used); Chinese (她/他 opening a sentence the content never uses; 我 gone
               but 她/他/你 used); Korean: 그녀 where the content has none (Korean drops pronouns,
               so the "no first person" rule would misfire and is skipped).
new_number     digits in every language; number words in English, Dutch (drie, twintig,
               vijfentwintig, honderd…; "ten" is not read as 10 in Dutch) and Chinese numerals
               (三十八, 一万二, 两; a lone 一 and idioms such as 一直, 十分, 万一 are not numbers);
               Korean: digits only (이, 세, 네, 일 are words far more often than numbers).
new_name       capitalised Latin words (names, brands) in every language; CJK sentence ends count.
too_long       words: whitespace words; Chinese and Japanese: CJK characters / 1.5.
drift          the embedder for the language (USE unless the guard's own embedder reads it),
               sentences split at 。！？ too.
=============  =======================================================================================

The guard is pure (no state beyond its settings) and thread-safe if its embedders are.
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy as np

from .backends import ReplyRequest
from .embeddings import Embedder, get_embedder, reads_language
from .textutil import language_of, sentences as split_sentences, word_count

__all__ = ["ReplyGuard", "DRIFT_THRESHOLDS", "SENTENCE_THRESHOLDS", "numbers_in"]

DRIFT_THRESHOLDS = {"minilm": 0.45, "hashing": 0.35, "use": 0.44}
SENTENCE_THRESHOLDS = {"minilm": 0.30, "hashing": 0.20, "use": 0.25}

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
# "AI" in capitals, alone: case matters, or "ai" inside other words' spellings would match. Glued to
# Hangul or Han ("AI입니다", "我是AI") it is still the word AI.
_AI_WORD = re.compile(r"(?<![A-Za-z])A\.?I(?![A-Za-z])\.?")
_AI_PATTERNS_I18N = {
    "nl": [re.compile(p, re.IGNORECASE) for p in (
        r"\bals\s+(?:een\s+)?(?:ai|a\.i\.|taalmodel|chatbot|assistent|computerprogramma|programma|model)\b",
        r"\btaalmodel(?:len)?\b",
        r"\bkunstmatige\s+intelligentie\b",
        r"\bik\s+ben\s+(?:maar\s+|slechts\s+|gewoon\s+)?(?:een\s+|de\s+|jouw\s+)?(?:virtuele\s+|digitale\s+)?"
        r"(?:ai|assistent|bot|robot|programma|computer|model|simulatie)\b",
        r"\bmijn\s+(?:trainingsdata|programmering)\b|\bik\s+ben\s+(?:getraind|geprogrammeerd)\b",
        r"\brollenspel\b|\buit\s+mijn\s+rol\b|\bdeze\s+simulatie\b",
        r"\bhoe\s+kan\s+ik\s+(?:je|u)\s+(?:helpen|van\s+dienst\s+zijn)\b",
    )],
    "ko": [re.compile(p, re.IGNORECASE) for p in (
        r"인공\s*지능", r"언어\s*모델", r"챗\s*GPT|GPT",
        r"(?:저는|전|제가)\s*(?:그냥\s*)?(?:AI|인공지능|로봇|챗봇|프로그램|언어\s*모델|어시스턴트|가상\s*비서)",
        r"(?:AI|인공지능|언어\s*모델|어시스턴트)\s*(?:로서|이기\s*때문에|라서|입니다|이에요|예요)",
        r"학습\s*(?:데이터|된)|프로그래밍\s*(?:된|되어)", r"역할극|롤플레이|시뮬레이션",
        r"무엇을\s*도와\s*드릴까요|어떻게\s*도와\s*드릴까요",
    )],
    "zh": [re.compile(p, re.IGNORECASE) for p in (
        r"人工智能", r"语言模型|大模型", r"ChatGPT|GPT", r"聊天机器人|智能助手|AI助手|虚拟助手",
        r"作为(?:一个|一名)?(?:AI|人工智能|语言模型|助手|模型)",
        r"我(?:只)?是(?:一个|一名)?(?:AI|人工智能|机器人|程序|助手|语言模型|模型)",
        r"我的(?:训练数据|程序设定)|我被(?:训练|编程)", r"角色扮演|这个模拟|这次模拟",
        r"有什么(?:可以|能)?(?:帮|帮助)(?:你|您)的|我(?:能|可以)(?:为|帮)(?:你|您)做(?:些)?什么",
    )],
}

_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|i’ll|me|my|mine|myself|we|we're|we’re|we've|we'd|we'll|"
    r"us|our|ours|ourselves)\b",
    re.IGNORECASE,
)
_OTHER_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you’re|she|he|her|his|him|she's|he's)\b",
                           re.IGNORECASE)
_SHE_HE = re.compile(r"\b(?:she|he)\b", re.IGNORECASE)
_SHE_HE_INITIAL = re.compile(r"\b(?:She|He)\b")
_ROLE_WORDS = re.compile(r"\bthe (?:customer|interviewee|interviewer|persona|user|character|client)\b",
                         re.IGNORECASE)
# "I'm Maria", "my name is Maria Lindqvist": a self-introduction, not the third person.
_SELF_INTRO = re.compile(r"(?:\b[Ii]'m|\b[Ii]’m|\b[Ii] am|\b[Mm]y name is|\b[Mm]y name's|\b[Ii]t's|\b[Ii]t’s|"
                         r"\b[Cc]all me)\s+(?:[A-Z][\w\-]*\s+)*$")
_SENTENCE_END = set(".!?…:;\"“”‘'(\n[—。！？；：「『（")
_ROLE_WORDS_I18N = {
    "nl": re.compile(r"\bde\s+(?:klant|geïnterviewde|interviewer|persona|gebruiker|cliënt|respondent)\b",
                     re.IGNORECASE),
    "ko": re.compile(r"인터뷰이|인터뷰어|면접관|페르소나|응답자|피면접자"),
    "zh": re.compile(r"受访者|采访者|访谈者|被访者|这位(?:顾客|用户|客户)|该(?:顾客|用户|客户)|人设"),
}
_NL_FIRST = re.compile(r"\b(?:ik|mij|me|mijn|m'n|we|wij|ons|onze)\b", re.IGNORECASE)
_NL_OTHER = re.compile(r"\b(?:jij|jou|jouw|u|uw|zij|hij|haar|hem)\b", re.IGNORECASE)
_NL_SHE_HE = re.compile(r"\b(?:zij|hij)\b", re.IGNORECASE)
_NL_SHE_HE_INITIAL = re.compile(r"\b(?:Zij|Hij)\b")
# Korean and Chinese self-introductions before the name: "저는 김지우", "제 이름은 지우", "我是王丽华", "我叫丽华".
_SELF_INTRO_CJK = re.compile(r"(?:저는|전|제\s*이름은|이름은|我是|我叫|我姓|叫我)\s*$")

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


# Dutch number words. "een" is also the article, so like "one" it is not counted (één is).
_NL_SIMPLE = {
    "nul": 0, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50,
    "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100, "duizend": 1000,
    "miljoen": 1_000_000, "miljard": 1_000_000_000, "dubbel": 2,
}
_NL_TENS = ("twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig")
_NL_UNIT_AND_TENS = re.compile(rf"(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)({'|'.join(_NL_TENS)})")
_NL_SCALES = (("miljard", 1_000_000_000), ("miljoen", 1_000_000), ("duizend", 1000), ("honderd", 100))
_LATIN_WORD = re.compile(r"[^\W\d_]+")


def _nl_value(word: str, head: bool = False) -> int | None:
    """The value of one Dutch number word ("vijfentwintig", "tweehonderdtwintig"), or None."""
    if word in _NL_SIMPLE:
        return _NL_SIMPLE[word]
    if head and word == "een":
        return 1
    match = _NL_UNIT_AND_TENS.fullmatch(word)
    if match:
        return (1 if match.group(1) in {"een", "één"} else _NL_SIMPLE[match.group(1)]) + _NL_SIMPLE[match.group(2)]
    for scale_word, scale in _NL_SCALES:
        head_part, found, tail = word.partition(scale_word)
        if not found:
            continue
        multiplier = 1 if not head_part else _nl_value(head_part, head=True)
        rest = 0 if not tail else _nl_value(tail.removeprefix("en"))
        if multiplier is None or rest is None:
            return None
        return multiplier * scale + rest
    return None


# Chinese numerals. A lone 一 is "one"/"a" (一个, 一直, 一下) and is not counted; nor are ordinals
# (第二), or idioms made of numerals (十分 "very", 千万 "by all means", 万一 "in case").
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_ZH_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
_ZH_IDIOMS = {"千万", "万万", "万一", "一一", "十全十美"}
# After digits: 3万 = 30,000, 290만 = 2,900,000 (Chinese and Korean).
_MULTIPLIERS = {"万": 10_000, "萬": 10_000, "만": 10_000, "千": 1000, "천": 1000, "百": 100, "백": 100,
                "亿": 100_000_000, "억": 100_000_000}


def _zh_value(run: str) -> int:
    """A Chinese numeral: 三十八 = 38, 一万二 = 12,000 (the spoken short form), 两千五 = 2,500."""
    total, section, digit, last_unit = 0, 0, 0, 0
    for ch in run:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
            continue
        unit = _ZH_UNITS[ch]
        if unit >= 10_000:
            total = (total + section + digit) * unit
            section, digit = 0, 0
        else:
            section += (digit or 1) * unit
            digit = 0
        last_unit = unit
    if digit and last_unit >= 100:  # 一万二, 三百五: the last digit counts in the next unit down
        return total + section + digit * (last_unit // 10)
    return total + section + digit


def _zh_numbers(text: str) -> list[tuple[str, set[float]]]:
    out: list[tuple[str, set[float]]] = []
    for match in _ZH_RUN.finditer(text):
        run = match.group()
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if run == "一" or run in _ZH_IDIOMS or before == "第":
            continue
        if run == "十" and after == "分" and text[match.end() + 1 : match.end() + 2] != "钟":
            continue
        values = {float(_zh_value(run))}
        values |= {float(_ZH_DIGITS[ch]) for ch in run if ch in _ZH_DIGITS}
        # 三四万 ("thirty or forty thousand"): two digits side by side are two guesses.
        for i in range(len(run) - 1):
            if run[i] in _ZH_DIGITS and run[i + 1] in _ZH_DIGITS:
                values.add(float(_zh_value(run[:i] + run[i + 1 :])))
                values.add(float(_zh_value(run[: i + 1] + run[i + 2 :])))
        out.append((run, values))
    return out


def _number_phrases(text: str, language: str | None = "en") -> list[tuple[str, set[float]]]:
    """Each number in ``text`` as (how it is written, the values it may stand for).

    Digits in every language; number words in English (and languages without their own reader),
    Dutch, and Chinese/Japanese numerals. Korean number words are not read.
    """
    lang = language_of(language)
    out: list[tuple[str, set[float]]] = []
    for match in _DIGITS.finditer(text):
        raw = match.group()
        # "1,000" is a thousand; "3.5" three and a half.
        cleaned = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw) else raw.replace(",", ".")
        try:
            values = {float(cleaned)}
        except ValueError:  # "1.2.3": each part on its own
            values = {float(p) for p in re.findall(r"\d+", raw)}
        multiplier = _MULTIPLIERS.get(text[match.end() : match.end() + 1])
        if multiplier:
            values |= {v * multiplier for v in values}
        out.append((raw, values))
    if lang in {"zh", "ja"}:
        return out + _zh_numbers(text)
    if lang == "ko":
        return out
    if lang == "nl":
        for match in _LATIN_WORD.finditer(text):
            value = _nl_value(match.group().lower())
            if value is not None:
                out.append((match.group(), {float(value)}))
        return out
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


def numbers_in(text: str, language: str | None = "en") -> set[float]:
    """Every value a number in ``text`` may stand for."""
    values: set[float] = set()
    for _, vals in _number_phrases(text, language):
        values |= vals
    return values


_LATIN_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]*")


def _token_pattern(language: str | None) -> re.Pattern[str]:
    # In Chinese, Japanese and Korean text a word of \w runs into the CJK characters around it
    # ("朋友Lisa说"); only Latin words can be capitalised names there.
    return _LATIN_TOKEN if language_of(language) in {"zh", "ja", "ko"} else _TOKEN


def _words(texts: Iterable[str], language: str | None = "en") -> set[str]:
    pattern = _token_pattern(language)
    return {w.lower().strip("'’-") for text in texts for w in pattern.findall(text or "")}


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END


class ReplyGuard:
    """Checks a generated reply against its request: ``guard(request, text) -> reason | None``.

    ``embedder`` embeds replies in the languages it reads; a reply in another language is embedded
    by that language's embedder (:func:`simulator.embeddings.get_embedder`: USE), with that
    embedder's thresholds. ``drift_threshold`` and ``sentence_threshold`` override the measured
    defaults for ``embedder`` (see the module docstring); a ``sentence_threshold`` of None skips the
    per-sentence check.
    """

    def __init__(self, embedder: Embedder | None = None, *, drift_threshold: float | None = None,
                 sentence_threshold: float | None = None) -> None:
        self.embedder = embedder if embedder is not None else get_embedder()
        self.drift_threshold, self.sentence_threshold = self._thresholds(self.embedder, drift_threshold,
                                                                         sentence_threshold)
        self._others: dict[str, tuple[Embedder, float, float | None]] = {}

    @staticmethod
    def _thresholds(embedder: Embedder, drift_threshold: float | None = None,
                    sentence_threshold: float | None = None) -> tuple[float, float | None]:
        name = getattr(embedder, "name", "")
        if drift_threshold is None:
            drift_threshold = DRIFT_THRESHOLDS.get(name)
        if drift_threshold is None:
            drift_threshold = getattr(embedder, "drift_threshold", None) or embedder.match_threshold
        if sentence_threshold is None:
            sentence_threshold = SENTENCE_THRESHOLDS.get(name)
        return float(drift_threshold), None if sentence_threshold is None else float(sentence_threshold)

    def embedder_for(self, language: str | None) -> tuple[Embedder, float, float | None]:
        """The embedder and thresholds for replies in ``language``."""
        if reads_language(self.embedder, language):
            return self.embedder, self.drift_threshold, self.sentence_threshold
        lang = language_of(language)
        found = self._others.get(lang)
        if found is None:
            other = get_embedder(language=lang)
            if other is self.embedder:
                found = (other, self.drift_threshold, self.sentence_threshold)
            else:
                found = (other, *self._thresholds(other))
            self._others[lang] = found  # a dict write is atomic; a race builds the same entry twice
        return found

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
        patterns = _AI_PATTERNS + _AI_PATTERNS_I18N.get(language_of(request.language), [])
        for pattern in patterns:
            for match in pattern.finditer(text):
                if match.group().lower() not in content:
                    return f"ai_mention: {match.group().lower()!r}"
        for match in _AI_WORD.finditer(text):
            if not _AI_WORD.search(request.content):
                return f"ai_mention: {match.group()!r}"
        return None

    @staticmethod
    def third_person(request: ReplyRequest, text: str) -> str | None:
        lang = language_of(request.language)
        content = request.content
        if lang in {"zh", "ja", "ko"}:
            reason = _cjk_name(request, text)
            if reason:
                return reason
        else:
            for part in (p for p in re.split(r"[\s\-]+", request.persona_name) if len(p) >= 2):
                if re.search(rf"\b{re.escape(part)}\b", content):
                    continue
                for match in re.finditer(rf"\b{re.escape(part)}\b", text):
                    if not _SELF_INTRO.search(text[:match.start()]):
                        return f"third_person: {part!r}"
        for role_words in (_ROLE_WORDS, _ROLE_WORDS_I18N.get(lang)):
            if role_words is None:
                continue
            for match in role_words.finditer(text):
                if match.group().lower() not in content.lower():
                    return f"third_person: {match.group().lower()!r}"
        if lang == "en":
            return _pronouns(text, content, _SHE_HE, _SHE_HE_INITIAL, _FIRST_PERSON, _OTHER_PERSON, "I")
        if lang == "nl":
            return _pronouns(text, content, _NL_SHE_HE, _NL_SHE_HE_INITIAL, _NL_FIRST, _NL_OTHER, "ik")
        if lang == "zh":
            for match in re.finditer(r"[她他]", text):
                if match.group() not in content and _sentence_initial(text, match.start()):
                    return f"third_person: {match.group()!r}"
            if "我" in content and "我" not in text:
                other = re.search(r"[她他你您]", text)
                if other:
                    return f"third_person: no '我', uses {other.group()!r}"
        if lang == "ko" and "그녀" in text and "그녀" not in content:
            return "third_person: '그녀'"
        return None

    @staticmethod
    def new_number(request: ReplyRequest, text: str) -> str | None:
        allowed = numbers_in(request.content, request.language)
        for phrase, values in _number_phrases(text, request.language):
            if not values & allowed and phrase not in request.content:
                return f"new_number: {phrase}"
        return None

    @staticmethod
    def new_name(request: ReplyRequest, text: str) -> str | None:
        language = request.language
        known = _words([request.content, request.persona_name, *(t for _, t in request.recent)], language) | {"i", "ok"}
        for match in _token_pattern(language).finditer(text):
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
        words = word_count(text, request.language)
        return f"too_long: {words} > {request.max_words}" if words > request.max_words else None

    def drift(self, request: ReplyRequest, text: str) -> str | None:
        embedder, drift_threshold, sentence_threshold = self.embedder_for(request.language)
        vectors = embedder.encode([text, request.content])
        similarity = float(np.dot(vectors[0], vectors[1]))
        if similarity < drift_threshold:
            return f"drift: {similarity:.2f} < {drift_threshold:.2f}"
        if sentence_threshold is None:
            return None
        said_sentences = [s for s in split_sentences(text) if word_count(s, request.language) >= 4]
        if not said_sentences:
            return None
        targets = split_sentences(request.content) + [request.content]
        said = embedder.encode(said_sentences)
        allowed = embedder.encode(targets)
        best = (said @ allowed.T).max(axis=1)
        worst = int(np.argmin(best))
        if best[worst] < sentence_threshold:
            sentence = said_sentences[worst]
            shown = sentence if len(sentence) <= 40 else sentence[:39] + "…"
            return f"drift: sentence {best[worst]:.2f} < {sentence_threshold:.2f} ({shown!r})"
        return None


def _pronouns(text: str, content: str, she_he: re.Pattern[str], she_he_initial: re.Pattern[str],
              first: re.Pattern[str], other: re.Pattern[str], first_word: str) -> str | None:
    """Rules (3) and (4): a sentence opens with she/he the content never uses; or the content speaks in
    the first person and the reply does not, but uses you/she/he."""
    if not she_he.search(content):
        for match in she_he_initial.finditer(text):
            if _sentence_initial(text, match.start()):
                return f"third_person: {match.group()!r}"
    if first.search(content) and not first.search(text):
        found = other.search(text)
        if found:
            return f"third_person: no {first_word!r}, uses {found.group().lower()!r}"
    return None


def _cjk_name(request: ReplyRequest, text: str) -> str | None:
    """Rule (1) for Korean and Chinese names: the full name, then the given name (the family name is
    the first syllable), anywhere in the reply unless the content has it or it follows 저는/我是…"""
    name = re.sub(r"\s+", "", request.persona_name)
    parts = [name] + ([name[1:]] if len(name) >= 3 else [])
    working = text
    for part in parts:
        if not part or part in request.content:
            working = working.replace(part, "\u25a1" * len(part)) if part else working
            continue
        for match in re.finditer(re.escape(part), working):
            if not _SELF_INTRO_CJK.search(working[: match.start()]):
                return f"third_person: {part!r}"
        working = working.replace(part, "\u25a1" * len(part))
    return None
