"""The disclosure policy: from the trainee's technique, decide what the persona may say.

No language model takes part here. Retrieval picks the topic, the question's label picks the layer
and the length, and rapport gates the deepest layer. The interview state is a fold over the
transcript (:meth:`State.observe`), so a session restored from storage behaves exactly like the
one that was interrupted.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

import numpy as np

from .persona import LAYERS, Persona, Topic
from .retrieval import LEXICAL_WEIGHT, Sentence, TopicIndex, TopicMatch, interview_vocabulary, keyword_hits
from .textutil import (THANKS_ANYWHERE, echo_fragment, is_cjk_language, join_sentences, language_of, sentences, tokens,
                       word_count)
from .understanding import (
    CALENDAR,
    PERSON_NOUNS,
    POLAR_LEAD,
    asked_fact,
    asks_about_the_past,
    asks_to_say_again,
    clauses,
    echo_overlap,
    fact_kinds,
    is_invitation,
    light_units,
    looks_like_echo,
    nominal_units,
    sentence_keys,
    shorten,
    title_phrase,
    turn_doc,
    units,
    voice,
    without_excluded,
)
from .transcript import PERSONA, TRAINEE, Turn
from . import nlp, topic_choice, topic_rerank

__all__ = ["Plan", "State", "decide", "RAPPORT", "is_break_attempt", "extract_suggestion"]

# How each move changes rapport. Open questions, echoes, reflections and well-placed silence
# build it; leading questions, pitching and strings of closed questions wear it down.
RAPPORT = {
    "open": 1.0,
    "echo": 1.0,
    "reflection": 1.0,
    "silence_well_placed": 1.0,
    "silence_repeated": -0.5,
    "continuer": 0.5,
    "greeting": 0.5,
    "thanks": 0.5,
    "closed_interrogation": -0.5,
    "leading": -1.0,
    "pitch": -1.0,
    "hypothetical": -0.5,
    "break_character": -1.0,
}
# From the third closed question in a row, the trainee is interrogating rather than interviewing.
INTERROGATION_RUN = 3
# Rapport at or below this (two leading questions or pitches more than open ones, roughly) makes the persona
# guarded: an open question on a new topic gets its general fact, not the story, until she is asked again.
GUARDED_RAPPORT = -2.0

# Words per reply, by move, before the persona's verbosity scales it.
BASE_LENGTH = {"closed": 25, "leading": 25, "answer": 90, "silence": 90, "echo": 90,
               "reflection": 90, "default": 40}
VERBOSITY_SCALE = {"terse": 0.7, "average": 1.0, "talkative": 1.6}

_LEVEL = {name: i + 1 for i, name in enumerate(LAYERS)}  # surface 1, detail 2, deep 3

_BREAK = re.compile(
    r"\b(are|r)\s+(you|u)\s+(an?\s+)?(ai|a\.i\.|bot|robot|chat\s?bot|language\s+model|llm|machine|"
    r"program|computer|simulation|simulated|real\s+person|human|chatgpt|gpt)\b(?!\s+(?:programmer|engineer|scientist|"
    r"technician|teacher|repair|vacuum|mower|resources|rights|geek|nerd|person\b(?!\s*[?,]|\s+or\b)))"
    r"|\bignore\s+(all\s+|any\s+|the\s+|your\s+)?(previous|prior|above|earlier)?\s*(instructions|prompts?|rules)\b"
    r"|\bsystem\s+prompt\b|\bas\s+an\s+ai\b|\bdeveloper\s+mode\b|\bjailbreak\b"
    r"|\byou\s+are\s+(now\s+)?(an?\s+)?(ai|assistant|chatgpt|language\s+model|llm|bot)\b"
    r"|\bpretend\s+(to\s+be|you\s+are)\b|\b(reveal|show|list|tell\s+me)\s+(me\s+)?(your|the)\s+"
    r"(hidden\s+)?(instructions|prompt|insights|script|persona\s+file)\b"
    r"|\bout\s+of\s+character\b|\bbreak\s+character\b"
    # "Is this a real person?", "Am I talking to a bot?", "Are you even real?"
    r"|\b(?:is\s+(?:this|that)|am\s+i\s+(?:(?:really|actually|even)\s+)?(?:talking|speaking|chatting)\s+(?:to|with))\s+"
    r"(?:really\s+|actually\s+)?(?:one\s+of\s+(?:those|these)\s+)?"
    r"(?:an?\s+)?(?:(?:real|actual)\s+(?:person|human)|human(?:\s+being)?|person|ai|a\.i\.|bot|chat\s?bot|robot|"
    r"(?:computer\s+)?(?:machine|program|programme)s?|computers?|simulation)"
    r"\s*(?:(?:i'?m|i\s+am)\s+(?:talking|speaking|chatting)\s+(?:to|with)\s*|here\s*|right\s+now\s*)?[,.]?\s*(?:\?|$|or\b)"
    # "Is there an actual human on the other end?", "Is there a real person behind this?"
    r"|\bis\s+there\s+(?:an?\s+)?(?:real|actual|live)\s+(?:person|human)\s+(?:on\s+the\s+other\s+end|behind\s+(?:this|it|the\s+screen))\b"
    r"|\bare\s+(?:you|u)\s+(?:even\s+|actually\s+|really\s+)?real\s*\?"
    # "You're not a bot, are you?", "are you like a chatbot or something", "Is this automated?", "a person or a program"
    r"|\b(?:you're|you\s+are|are\s+(?:you|u)|r\s+u)\s+(?:not\s+|just\s+|even\s+|really\s+|actually\s+|like\s+|"
    r"some\s+(?:kind|sort)\s+of\s+|one\s+of\s+(?:those|these)\s+)*(?:an?\s+)?(?:ai|a\.i\.|bots?|robots?|chat\s?bots?|"
    r"language\s+model|real\s+(?:person|human)|actual\s+(?:person|human)|human(?:\s+being)?(?!\s+resources)|automated|chatgpt|"
    r"(?:computer\s+)?(?:programs?|programmes?)(?!\s*(?:me|for|at|in|on|about|that|which)\b)|computer(?!\s+\w))\b"
    r"|\bis\s+this\s+(?:all\s+|conversation\s+|chat\s+|interview\s+)?(?:automated|a\s+bot|an?\s+ai|scripted)\b"
    r"|\b(?:person|human)\s+or\s+(?:an?\s+)?(?:ai|a\.i\.|bot|robot|machine|program|computer|chatbot)\b",
    re.IGNORECASE,
)
_GREETING = re.compile(
    # ("Morning Harold," and "Morning!" greet; "Morning deliveries never worked, did they?" does not.)
    r"^\s*(hi|hiya|hello|hey|good\s+(morning|afternoon|evening)|(morning|afternoon|evening)(?=\s*[,!.]|\s*$|\s+(?-i:[A-Z]))"
    r"|(nice|good|great|lovely)\s+to\s+(finally\s+)?"
    r"(meet|see)|thanks?\s+(you\s+)?for\s+"
    r"(joining|coming|taking|making|agreeing|having)|welcome)\b",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"\b(that'?s\s+(all|everything)(\s+i\s+(have|had|wanted))?|thank\s+you\s+(so\s+much\s+|very\s+much\s+)?"
    r"for\s+(your\s+time|talking|sharing|this)|thanks\s+for\s+(your\s+time|talking|sharing)|good\s?bye|bye\b|"
    r"(we'?re|we\s+are)\s+(almost\s+)?out\s+of\s+time|let'?s\s+wrap\s+up|wrap\s+(it\s+)?up\s+here)",
    re.IGNORECASE,
)
_THANKS = re.compile(r"^\s*(thanks|thank\s+you|cheers|much\s+appreciated)\b", re.IGNORECASE)
_CONTINUER = re.compile(
    r"^\s*(mm+(-?hm+)?|uh-?huh|ok(ay)?|right|i\s+see|yeah|yes|got\s+it|sure|interesting|hm+|ah+|oh|wow|"
    r"go\s+on|please\s+go\s+on|and\??|really\??)[\s.!,…]*$",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(
    r"^\s*(and\s+|so\s+|but\s+)?(why(\s+(was|is|did|do)\s+(that|it))?|why\s+not|how\s+come|how\s+so|"
    r"what\s+happened(\s+(then|next|after(wards)?))?|and\s+then|then\s+what|what\s+(did\s+you\s+do|was\s+that\s+like)"
    r"(\s+then)?|tell\s+me\s+more|can\s+you\s+(say|tell\s+me)\s+more|say\s+more|go\s+on|what\s+do\s+you\s+mean|"
    r"in\s+what\s+way|such\s+as|for\s+example|like\s+what|how\s+did\s+(that|it)\s+(feel|go|make\s+you\s+feel)|"
    r"what\s+was\s+that\s+like|what\s+made\s+(that|it)\s+\w+)\b"
    # A terse interviewer's bare probe, as the whole turn ("Meaning?", "Example?", "Because?").
    r"|^\s*(?:and\s+)?(?:meaning|(?:an?\s+)?examples?|because|for\s+instance|like|which\s+means|how\s+so|in\s+what\s+sense)"
    r"(?=\s*[?.!…]*\s*$)",
    re.IGNORECASE,
)
_ANAPHORA = {"that", "it", "this", "then", "there", "those", "them", "he", "she", "they", "her", "him", "his"}


# The same attempts in Dutch, Korean and Chinese. Checked whatever the persona's language: a trainee
# may type English to a Korean persona, or the other way round.
_AI_WORDS_KO = r"(?:AI|A\.I\.|에이아이|인공\s*지능|로봇|챗봇|봇|프로그램|언어\s*모델|GPT|챗\s*GPT|기계)"
_AI_WORDS_ZH = r"(?:AI|A\.I\.|人工智能|机器人|聊天机器人|程序|语言模型|大模型|模型|ChatGPT|GPT|机器|真人|真的人|人类)"
_BREAK_I18N = re.compile(
    # Dutch
    r"\b(?:ben|bent)\s+(?:je|jij|u)\s+(?:echt\s+|eigenlijk\s+|soms\s+|nou\s+|wel\s+)?(?:een\s+)?"
    r"(?:ai|a\.i\.|bot|robot|chatbot|computer|computerprogramma|programma|taalmodel|kunstmatige\s+intelligentie|"
    r"simulatie|echt\s+mens|echte?\s+persoon|mens|chatgpt)\b"
    r"|\b(?:negeer|vergeet)\s+(?:al\s+|alle\s+)?(?:je\s+|jouw\s+|de\s+|uw\s+)?(?:eerdere\s+|vorige\s+|bovenstaande\s+)?"
    r"(?:instructies|opdrachten|regels|prompts?)\b"
    # "Is dit een echt mens?", "Praat ik met een robot?"
    r"|\b(?:is\s+dit|is\s+dat|praat\s+ik\s+(?:nou\s+|nu\s+|eigenlijk\s+|echt\s+)?(?:met|tegen)|"
    r"spreek\s+ik\s+(?:nou\s+|nu\s+|eigenlijk\s+|echt\s+)?(?:met|tegen)|chat\s+ik\s+(?:nou\s+|nu\s+)?met)\s+"
    r"(?:nu\s+|nou\s+|hier\s+|eigenlijk\s+|echt\s+)?(?:een\s+)?(?:echt\s+mens|echte?\s+persoon|mens|ai|bot|robot|chatbot|computer|"
    r"programma|simulatie)\s*(?:\?|$|of\b)"
    r"|\bsysteem\s*prompt\b|\bdoe\s+alsof\s+(?:je|jij|u)\b|\buit\s+(?:je|jouw|uw)\s+rol\b"
    # "…dat je geen robot bent?" (a subordinate clause puts the verb last)
    r"|\b(?:je|jij|u)\s+(?:toch\s+|echt\s+|eigenlijk\s+|wel\s+|niet\s+)*(?:geen|een)\s+(?:ai|bot|robot|chatbot|computer|"
    r"computerprogramma|programma|taalmodel|echt\s+mens|echte?\s+persoon|mens)\s+(?:bent|ben|is)\b"
    # "Je bent toch geen robot, hè?"
    r"|\b(?:je|jij|u)\s+(?:bent|ben)\s+(?:toch\s+|echt\s+|eigenlijk\s+|wel\s+|niet\s+)*(?:geen|een)\s+"
    r"(?:ai|bot|robot|chatbot|computer|computerprogramma|programma|taalmodel|echt\s+mens|echte?\s+persoon|mens)\b"
    r"|\b(?:laat|toon|geef)\s+(?:me\s+|mij\s+)?(?:je|jouw|uw|de)\s+(?:verborgen\s+)?"
    r"(?:instructies|prompt|inzichten|script)\b"
    # Korean: an honorific question about being an AI ("혹시 AI세요?"), "are you a real person?", injection.
    rf"|{_AI_WORDS_KO}\s*(?:이세요|세요|이십니까|십니까|이신가요|신가요|인가요|이에요\s*\?|예요\s*\?|이야\s*\?|이지요\s*\?|죠\s*\?)"
    rf"|(?:당신|너|넌|지우\s*씨)\s*(?:은|는)?\s*(?:혹시\s*|진짜\s*|사실\s*)?{_AI_WORDS_KO}"
    # "지금 실제 사람이랑 얘기하는 거 맞죠?"
    r"|(?:(?:진짜|실제|진짜로)\s*사람|AI|로봇|챗봇|봇)\s*(?:이랑|랑|하고|과|와|이하고)\s*(?:얘기|이야기|대화|채팅)\s*(?:하는|중)"
    r"|(?:진짜|실제|진짜로)\s*사람\s*(?:이세요|이에요|인가요|이신가요|맞아요|맞으세요|맞나요)"
    # "혹시 AI 아니에요?", "사람 맞으시죠?" (at the start of a sentence or after 혹시, not "그 사람 맞죠?")
    rf"|{_AI_WORDS_KO}\s*(?:은|는)?\s*(?:아니에요|아니죠|아니시죠|아니세요|아니신가요|아닌가요|아니야|아니지)"
    r"|(?:^|[?.!]\s*|혹시\s*)사람\s*(?:맞으세요|맞으시죠|맞으신가요|맞죠|맞나요|맞아요|맞습니까|이시죠|이시죠\s*\?)"
    r"|(?:지시|지침|명령|프롬프트|설정|규칙)(?:사항)?\s*(?:은|는|을|를)?\s*(?:모두|전부|다)?\s*(?:무시|잊어)"
    r"|시스템\s*프롬프트|(?:숨겨진|숨긴)\s*(?:인사이트|지시|정보|설정)|(?:역할극|캐릭터)\S*\s*(?:그만|멈추|벗어나)"
    # Chinese
    rf"|[你您](?:是|是不是|该不会是|不会是|应该不是|不是|到底是|其实是)\s*(?:一个|个)?\s*{_AI_WORDS_ZH}(?![员师猿])"
    r"|(?:忽略|无视|忘掉|忘记)(?:掉)?(?:之前|以上|前面|上面|所有|你的|全部|先前)?的?(?:所有|全部)?(?:指令|指示|提示|设定|规则|要求)"
    # "我是在跟真人说话吗？", "我在和机器人聊天吗？"
    rf"|(?:我|我们)[^，。？！?]{{0,6}}(?:跟|和|与|同)\s*{_AI_WORDS_ZH}\s*(?:说话|聊天|聊|对话|交流|讲话)"
    rf"|(?:跟|和|与|同)\s*{_AI_WORDS_ZH}\s*(?:说话|聊天|对话|交流|讲话)"
    r"|系统提示|提示词|假装你是|(?:跳出|脱离)(?:角色|人设)|(?:隐藏的?|秘密的?)(?:洞察|信息|设定|指令)",
    re.IGNORECASE,
)


# What she is asked to be: a person or a machine. And the words a speaker puts between "you are" and it without
# saying anything else ("you're definitely, like, a real person?", "je bent toch gewoon een echt mens").
_NATURE_EN = (r"(?:(?:real|actual|genuine|live|proper)\s+(?:person|human|people|one)|human(?:\s+being)?|automated(?:\s+\w+)?|"
              r"ai|a\.i\.|bot|robot|chatbot|software|machine|computer|program(?:me)?|simulation|language\s+model|llm)\b")
_NATURE_FILLER_EN = (r"(?:\s+(?:really|actually|just|definitely|certainly|surely|not|like|even|talking|speaking|chatting|"
                     r"typing|to|with|a|an|some|kind|sort|of|one|those|these|here|now|right|still|honestly))*")
_NATURE_NL = (r"(?:echte?\s+(?:mens|persoon)|mens|ai|bot|robot|chatbot|computer|computerprogramma|programma|taalmodel|"
              r"simulatie)\b")
_NATURE_FILLER_NL = r"(?:\s+(?:toch|gewoon|echt|eigenlijk|wel|nou|nu|hier|ook|zeker|even|eh|met|tegen|een|geen))*"
# "I am speaking to a real person, aren't I?", "I'm talking to an actual human here, right?", "this isn't an automated
# system?", "jij bent toch gewoon een echt mens, geen computerprogramma?", "Ik praat toch gewoon met een mens?",
# "혹시 사람이 맞으신 거죠?", "지금 얘기하고 있는 분, 실제 사람 맞으시죠?": the speakers of this talk (you, I, this) said to be
# a person or a machine, whatever fillers come between.
_NATURE_END = (r"(?:(?=\s*(?:[?,.!…]|$))|(?=\s+(?:or|and|right|yeah|yes|then|here|there|at\s+the|on\s+the|behind|aren't|isn't|"
               r"are|is|of|geen|toch|hè|he|hoor|niet|en|aan\s+de)\b))")
_BREAK_LOOSE = re.compile(
    r"\b(?:are\s+you|you\s+are|you're|aren't\s+you)" + _NATURE_FILLER_EN + r"\s+" + _NATURE_EN + _NATURE_END
    + r"|\b(?:am\s+i|i\s+am|i'm)(?:\s+\w+)?\s+(?:talking|speaking|chatting|typing)\s+(?:to|with)" + _NATURE_FILLER_EN
    + r"\s+" + _NATURE_EN + _NATURE_END
    + r"|\b(?:is\s+this|this\s+is(?:n't|\s+not)?|isn't\s+this)\s+(?:really\s+|actually\s+|just\s+)?(?:a|an)\s+" + _NATURE_EN
    + _NATURE_END
    + r"|\b(?:(?:je|jij|u)\s+(?:bent|ben)|ben\s+(?:je|jij)|bent\s+u|(?:ik\s+)?(?:praat|spreek|chat)(?:\s+ik)?)"
    + _NATURE_FILLER_NL + r"\s+" + _NATURE_NL + _NATURE_END
    + r"|(?:^|[?.!]\s*|혹시\s*|(?:진짜|실제|진짜로)\s*)사람\s*(?:이\s*)?(?:맞으|맞죠|맞나|맞아|맞습)",
    re.IGNORECASE,
)


def is_break_attempt(text: str) -> bool:
    """The trainee tries to get the persona out of character (asks if it is an AI, injects instructions),
    in English, Dutch, Korean or Chinese."""
    text = text or ""
    if _THEIR_OWN_CONTACT.search(text) and not _ABOUT_THIS_TALK.search(text):
        # "Did you talk to a real person or a chatbot at the bank?": who she dealt with, not what she is.
        return False
    flat = _unfilled(text)
    return bool(_BREAK.search(text) or _BREAK_I18N.search(text) or _BREAK.search(flat) or _BREAK_I18N.search(flat)
                or _BREAK_LOOSE.search(text) or _BREAK_LOOSE.search(flat))


# Spoken fillers and the commas and dashes around them ("you're, like, an actual person, yeah?", "je bent wel, eh, een
# echt persoon toch?"): left out, what is asked reads as one phrase.
_FILLED = re.compile(r"\s*[,—–]\s*|\s+-\s+|"
                     r"\b(?:u+m+|u+h+|erm|eh+m?|uhm|like|you\s+know|i\s+mean|nou|zeg\s+maar|嗯|那个|就是)\b", re.IGNORECASE)


def _unfilled(text: str) -> str:
    return re.sub(r"\s{2,}", " ", _FILLED.sub(" ", text)).strip()


_THEIR_OWN_CONTACT = re.compile(r"\b(?:did|do|does|have|had|were|was|could|can)\s+(?:you|they|she|he)\s+(?:\w+\s+)?"
                                r"(?:talk|speak|spoke|chat|deal|get|reach|call|message)\w*\s+(?:to|with|through|hold\s+of)\b"
                                r"|(?:你|您|她|他)[^，。？！?]{0,4}(?:跟|和|与)[^，。？！?]{0,8}(?:客服|人工)", re.IGNORECASE)
_ABOUT_THIS_TALK = re.compile(r"\b(?:are\s+(?:you|u)|is\s+this|am\s+i|you're|you\s+are)\b|[你您]是|我(?:现在)?(?:是)?在?(?:跟|和)",
                              re.IGNORECASE)


# Greetings, closings, thanks, continuers ("mm-hm"), follow-ups ("why was that?") and anaphora
# ("that", "then") for the other languages; English keeps the patterns above. A language without an
# entry uses the English ones.
_SEP = r"[\s.!?,…。！？，、~]*"


def _repeatable(items: str) -> re.Pattern[str]:
    """A turn made only of these items ("嗯嗯，好的。", "Ja, oké.")."""
    return re.compile(rf"^\s*(?:(?:{items}){_SEP})+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Moves:
    greeting: re.Pattern[str]
    closing: re.Pattern[str]
    thanks: re.Pattern[str]
    continuer: re.Pattern[str]
    follow_up: re.Pattern[str]
    anaphora: frozenset[str]
    anaphora_substrings: tuple[str, ...] = ()
    # Thanks anywhere in the turn ("Brilliant, thanks Sam.", "好的，今天真的谢谢你！"), not only at its start.
    thanks_any: "re.Pattern[str] | None" = None
    # A demonstrative with a word for a moment ("that morning", "die ochtend", "그날", "那天"): the episode the
    # persona was just telling.
    episode: "re.Pattern[str] | None" = None


_MOVES: dict[str, _Moves] = {
    "en": _Moves(_GREETING, _CLOSING, _THANKS, _CONTINUER, _FOLLOW_UP, frozenset(_ANAPHORA),
                 thanks_any=THANKS_ANYWHERE,
                 episode=re.compile(r"\b(?:that|those|this)\s+(?:same\s+|very\s+)?(?:morning|day|night|evening|afternoon|"
                                    r"time|week|weekend|moment|year|month|point|trip|visit|call|order|meeting)s?\b"
                                    r"|\bat\s+the\s+time\b|\bback\s+then\b"
                                    # "Could you describe the most recent occasion?", "the last time it happened"
                                    r"|\bthe\s+(?:most\s+recent|last|latest|first|worst)\s+(?:occasion|time|one|incident)\b",
                                    re.IGNORECASE)),
    "nl": _Moves(
        greeting=re.compile(
            r"^\s*(?:hoi|hallo|hai|hey|dag|goedemorgen|goedemiddag|goedenavond|welkom|"
            r"leuk\s+(?:je|jou|u)\s+te\s+(?:ontmoeten|spreken|zien)|fijn\s+dat\s+(?:je|u)\s+er\s+(?:bent|is)|"
            r"(?:bedankt|dank\s*je(?:\s?wel)?|dank\s+u(?:\s?wel)?)\s+dat\s+(?:je|u))\b", re.IGNORECASE),
        closing=re.compile(
            r"\b(?:dat\s+was\s+(?:het|alles)|(?:bedankt|dank\s*je(?:\s?wel)?|dank\s+u(?:\s?wel)?)\s+voor\s+"
            r"(?:je|jouw|uw|het)\s+(?:tijd|gesprek|openheid|verhaal)|tot\s+ziens|doei|"
            r"(?:laten\s+we|we\s+gaan)\s+(?:het\s+)?afronden|we\s+zijn\s+(?:bijna\s+)?door\s+(?:de|onze)\s+tijd\s+heen|"
            r"tot\s+zover)\b", re.IGNORECASE),
        thanks=re.compile(r"^\s*(?:bedankt|dank\s*je(?:\s?wel)?|dank\s+u(?:\s?wel)?|merci|thanks)\b", re.IGNORECASE),
        continuer=_repeatable(
            r"hm+(?:-?hm+)?|mm+|ja+|jaja|oké|okee|ok|helder|duidelijk|ik\s+snap\s+het|snap\s+ik|interessant|oei|"
            r"precies|ja\s+nee\s+precies|echt|o+h?|ah+|aha|tja|goh|jeetje|ga\s+(?:maar\s+)?door|en|zeker|klopt"),
        follow_up=re.compile(
            r"^\s*(?:en\s+|maar\s+|dus\s+)?(?:waarom(?:\s+(?:dan|was\s+dat|dat))?|hoezo|hoe\s+(?:kwam|komt)\s+dat|"
            r"hoe\s+bedoel\s+je|wat\s+bedoel\s+je|en\s+toen|en\s+daarna|"
            r"wat\s+gebeurde\s+er(?:\s+(?:toen|daarna|vervolgens))?|"
            r"wat\s+deed\s+je\s+(?:toen|daarna)|vertel\s+(?:eens\s+)?(?:wat\s+)?meer|hoe\s+(?:was|voelde)\s+dat|"
            r"wat\s+nog\s+meer|zoals|bijvoorbeeld|hoe\s+ging\s+dat(?:\s+verder)?)\b"
            r"|^\s*(?:en\s+)?(?:want|omdat|namelijk|een\s+voorbeeld)(?=\s*[?.!…]*\s*$)", re.IGNORECASE),
        anaphora=frozenset("dat het dit toen daar die hij zij ze hem haar daarna daarover daarvan daarmee daardoor "
                           "daarbij erover ervan ermee ie m t".split()),
        thanks_any=re.compile(r"\b(?:bedankt|dank\s*je(?:\s?wel)?|dank\s+u(?:\s?wel)?|hartelijk\s+dank|merci)\b",
                              re.IGNORECASE),
        episode=re.compile(r"\b(?:die|dat|deze|diezelfde|datzelfde)\s+(?:ochtend|dag|avond|nacht|middag|keer|week|weekend|"
                           r"tijd|moment|periode|maand|jaar|rit|bezoek|gesprek)\b|\bop\s+dat\s+moment\b|\btoentertijd\b",
                           re.IGNORECASE),
    ),
    "ko": _Moves(
        greeting=re.compile(
            r"^\s*(?:(?:어|음|아|네)[\s,]+)?(?:안녕하세요|안녕하십니까|반갑습니다|반가워요|처음\s*뵙겠습니다|"
            r"(?:오늘\s*)?(?:와|나와|시간\s*내|시간을\s*내)\s*주셔서\s*(?:정말\s*)?감사(?:합니다|해요|드립니다))"),
        closing=re.compile(
            r"(?:오늘은?\s*여기까지|이만\s*(?:마치|마무리|줄이)|마무리(?:하겠습니다|할게요|하죠)|"
            r"수고(?:하셨습니다|하셨어요|많으셨습니다|많으셨어요)|(?:말씀|이야기|얘기|시간)\S*\s*(?:정말\s*)?감사했(?:습니다|어요)|"
            r"안녕히\s*(?:가세요|계세요))"),
        thanks=re.compile(r"^\s*(?:네,?\s*)?(?:감사합니다|감사해요|감사드립니다|고맙습니다|고마워요)"),
        continuer=_repeatable(
            r"네+|예|아+\s*네|음+|아하|아+|어+|오+|흠+|그렇군요|그렇구나|그랬구나|그랬군요|아\s*그래요|그래요|"
            r"그렇죠|맞아요|계속\s*(?:말씀해\s*주세요|하세요|해\s*주세요)"),
        follow_up=re.compile(
            r"^\s*(?:그래서요|그\s*다음에?는?요|그\s*후에?는?요|그\s*뒤에?는?요|그때\s*어떻게\s*하셨어요|왜요|어째서요|"
            r"예컨대요?|이를테면요?|왜냐면요|"
            r"어떻게요|예를\s*들면요?|(?:좀\s*)?더\s*(?:자세히\s*)?(?:말씀해|이야기해|얘기해)\s*주세요|"
            r"(?:그게\s*)?무슨\s*(?:뜻|말씀)이에요|그래서\s*어떻게\s*(?:되었|됐)어요|그때\s*기분이\s*어떠셨어요|"
            r"그다음에?는?요|"
            # "그다음에는 어떻게 됐어요?", "그 후에 어떻게 하셨어요?", "그래서 뭐라고 하셨어요?"
            r"(?:그\s*다음|그\s*후|그\s*뒤|그래서|그때|그러고\s*나서)(?:에|에는|엔|에도|는|요)?[\s,]*"
            r"(?:어떻게|무슨\s*일|뭐라고|뭘|뭐)\s*(?:되었|됐|됐었|하셨|했|이\s*있었|있었|하셨었))"),
        anaphora=frozenset("그거 그게 그건 그걸 그때 그분 거기 그곳 그런 그렇게 그 이거 저거".split()),
        anaphora_substrings=("그다음", "그 다음", "그 후", "그 뒤", "그때", "그분", "그거", "그게"),
        thanks_any=re.compile(r"감사(?:합니다|해요|드립니다|드려요|했어요|했습니다)|고맙(?:습니다|어요|네요)"),
        episode=re.compile(r"그때|그날|그\s*당시|그\s*주|그\s*날|그\s*순간|그\s*무렵"),
    ),
    "zh": _Moves(
        greeting=re.compile(
            r"^\s*(?:[\u4e00-\u9fff]{1,4}(?=你好|您好))?(?:你好|您好|嗨|哈喽|早上好|下午好|晚上好|欢迎|很高兴(?:认识|见到)(?:你|您)|"
            r"谢谢(?:你|您)?(?:今天)?(?:来|过来|抽空|愿意))"),
        closing=re.compile(
            r"(?:今天就?(?:先)?(?:聊|到)到?这(?:儿|里)|(?:我们)?就(?:先)?(?:聊|到)这(?:儿|里)|"
            r"谢谢(?:你|您)?(?:今天)?(?:抽出|花|抽)?(?:的)?时间|再见|拜拜|时间差不多了|辛苦(?:你|您)?了)"),
        thanks=re.compile(r"^\s*(?:谢谢|多谢|感谢|谢啦)"),
        continuer=_repeatable(
            r"嗯+|哦+|噢|喔|啊|好的?|明白了?|了解|懂了|这样啊|原来如此|原来是这样|对+|是吗|是的|真的吗|哇|继续|接着说|你说"),
        follow_up=re.compile(
            r"^\s*(?:那|然后|后来)?(?:后来呢|然后呢|还有呢|之后呢|后来怎么样了?|然后怎么样了?|然后发生了什么|"
            r"后来发生了什么|为什么|为啥|怎么说|什么意思|比如(?:说)?|举个例子|具体说说|再多说(?:一点|点)|多说一点|"
            r"因为(?:什么)?(?=\s*[？?。！!]*\s*$)|意思是(?=\s*[？?。！!]*\s*$)|"
            r"当时(?:你)?(?:是)?什么感觉|那是什么感觉)"),
        anaphora=frozenset(),
        anaphora_substrings=("那个", "这个", "那时", "当时", "那次", "这件事", "那件事", "她", "他", "那里", "那儿",
                             "这样", "这种", "那种", "这些", "那些", "这事", "那事", "那一下"),
        thanks_any=re.compile(r"谢谢|多谢|感谢|谢啦"),
        episode=re.compile(r"那天|那次|那时|那会儿?|当时|那个时候|那一?阵子?|那段时间"),
    ),
}


# A request to hear about the persona herself ("Tell me a bit about yourself", "Who are you and what do you do?",
# "Vertel eens iets over jezelf", "자기소개 부탁드려요", "先简单介绍一下你自己"): before anything is told, her first topic
# (a persona file starts with who she is: her day, her work; see personas/README.md).
_ABOUT_SELF = {
    "en": re.compile(
        r"\babout\s+(?:yourself|you(?!\s+(?:and|or)\b)(?=\s*(?:$|[?.!,]|first|then|and\s+(?:what|who|how)|,)))"
        r"|\babout\s+(?:who\s+you\s+are|what\s+you\s+do)\b|\bintroduce\s+yourself\b|\bwho\s+(?:are\s+you|you\s+are)\b"
        r"|\bwhat\s+(?:do\s+)?you\s+do(?:\s+for\s+(?:a\s+living|work))?\s*[?.!]*\s*$"
        # her work, her days: "tell me about your business", "how would you describe your day-to-day?"
        r"|\babout\s+(?:your|ur)\s+(?:business|job|work|role|background|life)\b|\bday[- ]to[- ]day\b"
        r"|\b(?:your|an?)\s+(?:typical|normal|usual|average|ordinary)\s+(?:day|week|weekday|working\s+day|work\s+day)\b"
        r"|\bdaily\s+(?:life|routine)\b", re.IGNORECASE),
    "nl": re.compile(
        r"\bover\s+(?:jezelf|jouzelf|uzelf|(?:je|jou|u)\s+zelf|jou(?=\s*(?:$|[?.!,])))|\bwie\s+(?:je|jij|u)\s+bent\b"
        r"|\bstel\s+(?:je|jij|u)(?:zelf)?\s+(?:\w+\s+){0,2}voor\b"
        r"|\bwat\s+(?:doe|doet)\s+(?:je|jij|u)(?:\s+eigenlijk)?(?:\s+voor\s+(?:werk|de\s+kost))?\s*[?.!]*\s*$"
        r"|\bover\s+(?:je|jouw|uw)\s+(?:werk|baan|bedrijf)\b|\been\s+(?:gewone|normale|doorsnee)\s+(?:werk)?(?:dag|week)\b",
        re.IGNORECASE),
    "ko": re.compile(r"자기\s*소개|본인\s*소개|(?:간단(?:하게|히)\s*)?소개\s*(?:좀\s*)?(?:해\s*주|부탁)|어떤\s*분(?:이세요|이신지)"
                     r"|(?:하시는|하는)\s*일(?:이|은|부터|을|에\s*대해)?|(?:무슨|어떤)\s*일\s*(?:을\s*)?하(?:세요|시는지|십니까|시나요)"
                     r"|하루\s*일과|(?:평소|보통|평일)(?:의|에)?\s*하루"),
    "zh": re.compile(r"介绍一?下?(?:你|您)?自己|自我介绍|(?:讲讲|说说|聊聊|谈谈)(?:你|您)自己|(?:你|您)是做什么的"
                     r"|(?:做|干)(?:什么|啥)工作|(?:做|干)哪(?:一)?行|(?:平时|平常|一般)(?:的)?一天|你的工作"),
}


# Leave to ask, with nothing asked yet, or to do something of the interviewer's own ("Can I ask you something?",
# "Do you mind if I record this?", "Mag ik je iets vragen?", "질문 하나 해도 될까요?", "我能问你个问题吗？"): she says go ahead.
_LEAVE_TO_ASK = {
    "en": re.compile(
        r"^\s*(?:(?:so|and|okay|ok|um+|uh+|right|actually|oh)[\s,]+)*(?:(?:can|could|may|might)\s+i|(?:(?:do|would)\s+you\s+)?"
        r"mind\s+if\s+i|is\s+it\s+(?:ok(?:ay)?|alright|all\s+right|fine)\s+if\s+i)\s+"
        r"(?:ask(?:ed)?\s+(?:you\s+)?(?:(?:a|one|another|one\s+more|a\s+quick|a\s+few|a\s+couple\s+of|some)\s+)?"
        r"(?:(?:quick|personal|silly|daft|last|final|more|few|odd|random)\s+)*(?:something|questions?|things?)"
        r"(?:\s+(?:else|personal|first|too))?|(?:record|recorded|tape|taped)\s+(?:this|it|that|us|the\s+\w+)"
        r"|(?:take|took)\s+(?:some\s+)?notes|(?:write|wrote)\s+(?:this|that|things|some\s+things)\s+down)"
        r"(?:\s+(?:as\s+we\s+go|while\s+we\s+talk|quickly|now|then))?\s*[?.!]*\s*$", re.IGNORECASE),
    "nl": re.compile(r"^\s*(?:(?:en|oké|nou)[\s,]+)*(?:mag|kan)\s+ik\s+(?:je|jou|u)\s+(?:nog\s+)?(?:iets|wat|een\s+vraag)\s+"
                     r"(?:vragen|stellen)\s*[?.!]*\s*$|^\s*(?:mag|kan)\s+ik\s+(?:dit|het\s+gesprek)\s+opnemen\s*[?.!]*\s*$",
                     re.IGNORECASE),
    "ko": re.compile(r"^\s*(?:(?:뭐|혹시)\s*)?(?:하나|한\s*가지|뭐\s*좀|좀)?\s*(?:질문\s*(?:하나\s*)?(?:해도|드려도)|(?:여쭤|물어)\s*(?:봐도|보아도|봬도))"
                     r"\s*(?:될까요|돼요|되나요|괜찮을까요|괜찮아요)\s*[?？]?\s*$|^\s*(?:녹음|메모)\s*(?:좀\s*)?해도\s*(?:될까요|돼요|괜찮을까요)\s*[?？]?\s*$"),
    "zh": re.compile(r"^\s*(?:那)?(?:我)?(?:能|可以)?(?:问|请教)(?:你|您)?(?:一)?个(?:问题|事儿?)(?:吗|吧|好吗|可以吗)?\s*[？?]?\s*$"
                     r"|^\s*(?:我)?(?:能|可以)(?:录音|录一下音?|记一下)(?:吗|吧)?\s*[？?]?\s*$"),
}


def _leave_to_ask(text: str, language: str) -> str | None:
    """"go_ahead" for leave to ask ("Can I ask you something?"), "fine" for leave to do something ("Do you mind if I
    record this?"), else None."""
    pattern = _LEAVE_TO_ASK.get(language_of(language))
    if pattern is None or not text or not pattern.search(text.strip()):
        return None
    return "go_ahead" if re.search(r"ask|question|vragen|질문|여쭤|물어|问|请教", text, re.IGNORECASE) else "fine"


def _introduction(index: TopicIndex, state: State, parts: list[str]) -> bool:
    """Before anything is told, the last of ``parts`` (the turn's clauses, greetings and thanks left out) asks her
    to say who she is."""
    if state.told or not index.topic_ids or not parts:
        return False
    pattern = _ABOUT_SELF.get(language_of(index.language))
    return bool(pattern is not None and pattern.search(parts[-1]))


def _asked_clauses(text: str, language: str) -> list[str]:
    """The clauses of a turn (:func:`clauses`) less those that only greet or thank (:func:`_preamble`)."""
    parts = clauses(text, language) if text.strip() else [text]
    return _without_preamble(_moves(language), parts) or parts or [text]  # (a turn of emoji alone has no clause)


def _without_preamble(moves: "_Moves", parts: list[str]) -> list[str]:
    """``parts`` less the sentences that only greet or thank (:func:`_preamble`)."""
    return [part for part in parts if not _preamble(moves, part)]


def _moves(language: str) -> _Moves:
    return _MOVES.get(language_of(language), _MOVES["en"])


# A signpost that the question leaves the interview's thread: "sorry, totally unrelated", "random one", "off-topic",
# "on a different note", "iets heel anders", "딴 얘기지만", "换个话题", "题外话".
_DIGRESSION = {
    "en": re.compile(r"\b(?:unrelated|off[-\s]?(?:topic|script|track)|off\s+the\s+(?:subject|topic)|"
                     r"random\s+(?:one|question|thought|aside)|(?:completely|totally|entirely|a\s+bit|slightly)\s+random|"
                     r"nothing\s+to\s+do\s+with\s+(?:this|that|any\s+of\s+this)|by\s+the\s+way|"
                     r"change\s+of\s+(?:subject|topic)|(?:on\s+a\s+)?(?:different|another|other|lighter)\s+note|"
                     r"(?:completely|totally|entirely)\s+different\s+(?:question|thing|topic|subject)|side\s+note|"
                     r"tangent)\b", re.I),
    # (Not a bare "iets anders", "something else", which asks after her own alternatives: "Heb je iets anders geprobeerd?")
    "nl": re.compile(r"\b(?:iets\s+(?:heel|totaal|compleet|helemaal)\s+anders|even\s+iets\s+anders|ander\s+onderwerp|"
                     r"zijstraatje|off[-\s]?topic|los\s+daarvan|(?:heel|totaal|compleet)\s+wat\s+anders)\b", re.I),
    "ko": re.compile(r"(?:다른|딴)\s*(?:얘기|이야기|질문|소리)|엉뚱한\s*(?:질문|얘기|이야기)|여담|주제(?:를|랑|와)?\s*(?:좀\s*)?바꿔|"
                     r"상관없는\s*(?:질문|얘기|이야기)"),
    "zh": re.compile(r"题外话|跑题|离题|说点别的|聊点别的|换个话题|不相关的|无关的|插一句|岔开|顺便问|^\s*对了[，,]"),
}


def _digression(text: str, language: str) -> bool:
    """The turn announces an aside that leaves what is being talked about (:data:`_DIGRESSION`)."""
    pattern = _DIGRESSION.get(language_of(language))
    return bool(pattern and pattern.search(text or ""))


def _digression_less(text: str, language: str) -> str:
    """``text`` without its aside signpost."""
    pattern = _DIGRESSION.get(language_of(language))
    return pattern.sub(" ", text) if pattern else text


def _has_anaphora(text: str, language: str) -> bool:
    moves = _moves(language)
    words = set(tokens(text, language))
    if moves.anaphora & words:
        return True
    if "one" in words and language_of(language) == "en" and _pronoun_one(text):
        return True
    return any(a in text for a in moves.anaphora_substrings)


def _pronoun_one(text: str) -> bool:
    """"one" stands for a thing of the conversation ("Has anything ever been wrong on one?", "Which one did you pick?",
    "the other one"), by parse: not a number before a noun ("one day"), not "no one" or "someone", not "one of the
    drivers" (what it is one of is named)."""
    doc = turn_doc(text)
    if doc is None:
        return False
    for tok in doc:
        if tok.lower_ != "one" or tok.dep_ == "nummod":
            continue
        if tok.i and doc[tok.i - 1].lower_ in {"no", "any", "every", "some"}:
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue
        return True
    return False


# Dutch words that point back as pronouns but are articles or determiners before a noun ("het voetbal", "die app").
_NL_DETERMINERS = frozenset("het die dat dit deze".split())
_NL_PRESENT = frozenset({"dit", "deze"})


def _points_back(index: TopicIndex, state: State, text: str, language: str) -> bool:
    """The turn has a pointing word (:func:`_has_anaphora`) that stands for something of the conversation. In Dutch an
    article or determiner before a word the persona never uses ("Volg jij het voetbal een beetje?") introduces that new
    thing rather than pointing back ("Hoe vond je het?", "die app")."""
    if not _has_anaphora(text, language):
        return False
    if language_of(language) != "nl":
        return True
    moves = _moves(language)
    if any(a in text for a in moves.anaphora_substrings):
        return True
    words = tokens(text, language)
    foreign = _foreign_words(index, state, text)
    for i, word in enumerate(words):
        if word not in moves.anaphora:
            continue
        following = words[i + 1] if i + 1 < len(words) else ""
        # "dit" / "deze" before a word point at the present ("op dit moment", "deze week"), as English "this" does.
        if word in _NL_PRESENT and following:
            continue
        if not (word in _NL_DETERMINERS and following and set(units(following, language)) & foreign):
            return True
    return False


_LEADING_FRAMES = [
    re.compile(r"^\s*(don'?t|do\s+not)\s+you\s+(think|feel|agree|find)\s+(that\s+)?(?P<s>.+)$", re.I),
    re.compile(r"^\s*wouldn'?t\s+you\s+(say|agree)\s+(that\s+)?(?P<s>.+)$", re.I),
    re.compile(r"^\s*isn'?t\s+it\s+true\s+that\s+(?P<s>.+)$", re.I),
    re.compile(r"^\s*(surely|obviously|clearly)\s*,?\s*(?P<s>.+)$", re.I),
    re.compile(r"^\s*(?P<s>.+?)\s*,?\s*(right|correct|yeah|no|isn'?t\s+it|aren'?t\s+(they|you)|don'?t\s+you|"
               r"doesn'?t\s+it|wasn'?t\s+it|didn'?t\s+(it|you)|won'?t\s+it|can'?t\s+you|isn'?t\s+that\s+so)\s*\??\s*$", re.I),
    re.compile(r"^\s*(most|many|all|other)\s+(customers|people|users)\s+(say|tell\s+us|think|feel)\s+(that\s+)?(?P<s>.+?)"
               r"\s*[-—–,.]*\s*(do\s+you\s+agree|would\s+you\s+agree|is\s+that\s+(right|true)\s+for\s+you|"
               r"same\s+for\s+you)?\s*\??\s*$", re.I),
]
_CONNECTIVES = re.compile(r"^((so|and|but|oh|well|um+|uh+|like|okay|ok|yes|yeah|right|now)\b[\s,]*)+", re.I)
# The interviewer's own hedge before what is suggested ("I suppose the delivery charge put you off, didn't it?"): the
# persona takes up the suggestion, not "I suppose" turned into "you suppose".
_HEDGE_LEAD = re.compile(r"^(?:(?:i\s+(?:suppose|guess|bet|imagine|reckon|assume|think|expect)|i'd\s+(?:imagine|guess|say)|"
                         r"i'm\s+(?:sure|guessing)|surely|presumably|obviously|clearly)(?:\s+that(?!\s+(?:was|is|were|are|'s|must|would|will|"
                         r"has|had|did|does|can|could|might|made|makes|sounds|seems|felt|feels)\b))?[\s,]+)+", re.I)
_PRONOUNS = {
    "you": "I", "your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm", "you've": "I've",
    "you'd": "I'd", "you'll": "I'll", "i": "you", "my": "your", "me": "you", "we": "you", "our": "your",
    "us": "you", "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "mine": "yours",
    "myself": "yourself",
}


def extract_suggestion(text: str) -> str | None:
    """The proposition a leading question suggests, in the persona's own person ("the app is too slow").

    English only; returns None when there is no clear proposition to adopt.
    """
    cleaned = _unspoken(re.sub(r"\s+", " ", (text or "").strip()))
    # The last sentence carries the leading frame in multi-sentence turns.
    parts = re.split(r"(?<=[.!?])\s+", cleaned)
    cleaned = parts[-1] if parts else cleaned
    for frame in _LEADING_FRAMES:
        match = frame.match(cleaned)
        if not match:
            continue
        suggestion = match.group("s").strip(" ?.!,—–-")
        # Spoken connectives before the proposition are not part of what was suggested.
        # Nor is the interviewer's own hedge ("I suppose", "surely"), nor a connective after it.
        suggestion = _CONNECTIVES.sub("", _HEDGE_LEAD.sub("", _CONNECTIVES.sub("", suggestion))).strip(" ,")
        # Tags and hedges left at the end ("..., isn't that so, maybe, yes") are not part of it either.
        previous_suggestion = None
        while suggestion != previous_suggestion:
            previous_suggestion = suggestion
            suggestion = _TRAILING_TAGS.sub("", suggestion).strip(" ,?.!—–-")
        if not suggestion or len(suggestion.split()) > 16:
            return None
        objects = _object_you(suggestion)
        flipped = []
        offset = 0
        for token in suggestion.split(" "):
            start, offset = offset, offset + len(token) + 1
            core = token.strip(",;:").lower()
            if core in _PRONOUNS:
                lead = len(token) - len(token.lstrip(",;:"))
                replacement = "me" if core == "you" and start + lead in objects else _PRONOUNS[core]
                token = token.lower().replace(core, replacement)
            flipped.append(token)
        out = " ".join(flipped)
        # "you" after a verb or preposition is an object: "too early for me", not "for I".
        out = re.sub(r"\b(for|to|with|at|about|from|like|of|by|on|give|gives|help|helps|tell|told|let|makes|made)\s+I\b",
                     r"\1 me", out)
        # Any other "I" after a word and before no verb (the end, an article, a pronoun, a preposition) is an object
        # too: "ask you that" -> "ask me that", "want you to" -> "want me to"; a subject "I" has its verb after it.
        out = re.sub(r"(?<=[a-z] )I(?=\s*$|[,.;!?]|\s+(?:that|this|the|a|an|it|what|how|why|about|to|for|with|in|on|at|"
                     r"of|too|again|back|up|out|off|down|over|around|through|anything|something|more|and|or|but)\b)", "me", out)
        out = re.sub(r"\bI are\b", "I am", out)
        out = re.sub(r"\byou am\b", "you are", out)
        return _sentence_internal(out)
    return None


# Speech in a typed or transcribed question: hesitations ("um", "uh"), fillers set off by commas (", like,", ", you
# know,"), a word said twice ("that, that", "I guess, I guess") and the interviewer's own hedge after a comma ("the price
# going up, I bet that annoyed you"). Left out, the suggestion reads as the persona would say it back.
_HESITATION = re.compile(r"(?:,\s*)?\b(?:u+m+|u+h+|erm|er|ah)\b\s*,?", re.I)
_SET_OFF_FILLER = re.compile(r",\s*(?:like|you\s+know|i\s+mean|sort\s+of|kind\s+of)\s*,", re.I)
# (A word said twice with no pause between is one only where it never stands twice: "the the", not "had had".)
_SAID_TWICE = re.compile(r"\b(\w+(?:'\w+)?(?:\s+\w+)?)\s*[,—–]\s*\1\b|\b(the|a|an|i|you|we|to|and|it|is|so)\s+\2\b",
                         re.I)
_HEDGE_INSIDE = re.compile(r",\s*(?:i\s+(?:bet|guess|suppose|imagine|reckon|expect)|i'd\s+(?:imagine|guess|say))"
                           r"(?:\s+that(?!\s+(?:was|is|were|are|'s|must|would|will|has|had|did|does|can|could|might|"
                           r"\w+ed|\w+s)\b))?\b", re.I)


def _unspoken(text: str) -> str:
    """``text`` without the speech that is the interviewer's, not the suggestion (see the patterns above)."""
    out = _SET_OFF_FILLER.sub(" ", _HESITATION.sub(" ", text))
    previous = None
    while out != previous:
        previous = out
        out = _SAID_TWICE.sub(lambda m: m.group(1) or m.group(2), out)
    out = _HEDGE_INSIDE.sub(",", out)
    out = re.sub(r"\s+([,.?!])", r"\1", re.sub(r"\s{2,}", " ", out))
    return re.sub(r",(?:\s*,)+", ",", out).strip(" ,")


def _object_you(text: str) -> frozenset[int]:
    """Where "you" in ``text`` is not the subject of a verb, by parse: the character offsets of those that
    become "me" ("that must keep you awake", "it made you angry", "it gave you a fright"); every other "you"
    becomes "I". Empty without a parse (the patterns after the flip then place "me")."""
    doc = turn_doc(text)
    if doc is None:
        return frozenset()
    return frozenset(tok.idx for tok in doc if tok.lower_ == "you" and not (
        tok.dep_ in {"nsubj", "nsubjpass", "expl"} and tok.head.pos_ in {"VERB", "AUX"}))


_TRAILING_TAGS = re.compile(
    r"[\s,]*\b(?:isn'?t\s+(?:that|it)\s+so|isn'?t\s+(?:it|that)|is\s+it\s+not|right|correct|yeah|yes|no|maybe|perhaps|"
    r"probably|surely|then|eh|huh|or\s+not|don'?t\s+you\s+think|wouldn'?t\s+you\s+(?:say|agree)|do\s+you\s+agree|"
    r"would\s+you\s+agree|you\s+know|am\s+i\s+right|aren'?t\s+(?:they|you)|don'?t\s+you|doesn'?t\s+it|wasn'?t\s+it|"
    r"didn'?t\s+(?:it|you)|won'?t\s+it|can'?t\s+you)\s*[?.!]*$", re.I)


def _sentence_internal(text: str) -> str:
    """``text`` to go inside a sentence: the first word lower-cased only when it is an ordinary word ("The app"
    -> "the app"); names and "I" as written ("BasketRun's prices", "WhatsApp", "I'd")."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    core = first.strip(",;:")
    if core == "I" or core.startswith("I'") or any(ch.isupper() for ch in core[1:]) or not core[:1].isupper():
        return text
    word = core.lower().split("'")[0]
    try:
        from . import nlp

        getAllLemmas = nlp.lemminflect().getAllLemmas

        known = bool(getAllLemmas(word)) or word in _ORDINARY_WORDS
    except ImportError:  # pragma: no cover
        known = word in _ORDINARY_WORDS
    return text[0].lower() + text[1:] if known else text


_ORDINARY_WORDS = frozenset("""
the a an this that these those it there my your our their his her its most many some all every each no people everyone
everybody nobody you we they he she what which who if when so and but
""".split())


def first_sentence(text: str) -> str:
    """The first sentence (ends at . ! ? … followed by a space, or at 。！？)."""
    found = sentences(text)
    return found[0] if found else text


# State ----------------------------------------------------------------------------------------

# How many of the persona's last turns the dialogue memory keeps (what "that", "the extras" can mean).
MEMORY_TURNS = 4
# Things the persona just mentioned pull a question toward their topic ("Tomasz?", "the extras"): up to
# this much, decaying per turn back.
MENTION_BONUS = 0.12
MENTION_DECAY = 0.7
# A follow-up or a short question with "that"/"her" stays on the current topic unless another topic
# is clearly better (by this much).
FOLLOW_UP_MARGIN = 0.15
# A pointing question moves to another topic whose lines it fits better than the current topic's by this much
# (raw cosine), when its own score is also clearly ahead (see _understand).
LINE_SHIFT = 0.12
# Just under the threshold, two topics this close that both share the question's words: the persona
# asks back which one is meant.
CLARIFY_BAND = 0.08
CLARIFY_MARGIN = 0.03
# A question whose content words the persona never uses ("How's the weather?") must be close in meaning
# to how one of its topics is asked (title and examples; no dialogue bonus), by this much over the
# threshold. (Its lines are left out here: the best of many sentences is high by chance.)
NOVEL_MARGIN = 0.0
# An echo may give back words from this many of the persona's last turns.
ECHO_TURNS = 3
# A recap is built from a sentence of at least this many words when there is one.
RECAP_MIN_WORDS = 6
# A closed question answered from a surface sentence instead of a closed line needs this share of its
# words in that sentence ("Do you ever swap shifts?" -> the sentence about swapping shifts).
SURFACE_FIT = 0.75
# A sentence of her story answers a closed wh-question her short answers do not (it holds the kind of fact asked
# for) when it says at least this share of the question's words, by weight.
FACT_FIT = 0.3
# A question word wants a fact ("Who does the approving?" -> "Janet does."), where it opens the question itself:
# at its start, or after a phrase it is about ("And your mum, how often do you see her?", "The gym, that was, um,
# how much was it?"), past spoken connectives; a "who" inside a yes/no question ("Is there anyone who helps you?")
# opens no question.
_OPENS = r"(?:^|[,;:\u2014\u2013]\s*|\s-\s*|[.!?]\s+)\W*"
_WH_ASKED = {
    "en": re.compile(_OPENS + r"(?:(?:and|so|but|okay|ok|right|um+|uh+|oh|like|sorry|then)[\s,]+)*(?:who|whom|whose|what|"
                     r"when|where|which|how\s+(?:many|much|often|long|far|old|big|late|early|soon))\b", re.IGNORECASE),
    "nl": re.compile(_OPENS + r"(?:(?:en|dus|oké|ok|eh|nou|maar|ja)[\s,]+)*(?:wie|wat|wanneer|waar|welke?|hoeveel|hoelang|"
                     r"hoe\s+(?:vaak|lang|laat|veel|oud|ver))\b", re.IGNORECASE),
    "ko": re.compile(r"언제|누가|누구|어디|얼마|몇"),
    "zh": re.compile(r"谁|哪|多少|几|什么时候"),
}


# Korean "what" and "which" ("백 안에는 뭐가 들어 있었어요?"), left out of _WH_ASKED["ko"] (a "뭐" question is as often an
# account, "요즘 뭐 하세요?"): about a moment of the story, in the past, they ask for a thing of it.
_KO_WHAT = re.compile(r"뭐|무엇|무슨|어떤|어느")


def _asks_wh(text: str, language: str) -> bool:
    """The question is a wh-question (who, when, where, how many, …): a yes or a no does not answer it.
    Chinese: not one that ends in 吗 ("你知道他什么时候来吗？" asks yes or no)."""
    lang = language_of(language)
    pattern = _WH_ASKED.get(lang)
    if pattern is None or not text:
        return False
    parts = clauses(text, language)
    last = parts[-1] if parts else text
    if lang == "zh" and re.search(r"吗\s*[?？]?\s*$", last):
        return False
    return bool(pattern.search(last))


def _without_polarity(line: str) -> str:
    """``line`` without the yes or no that opens it ("Yes, forty-six years." -> "Forty-six years.")."""
    rest = POLAR_LEAD.sub("", line, count=1)
    return rest[:1].upper() + rest[1:] if rest != line else line


# Below the match threshold by less than this, a question that uses the persona's own words is still
# answered (its words come from one topic); further below, the persona has no experience of it.
LEXICAL_RESCUE = 0.55
# A topic that only one of the question's words points to (a keyword met in passing: "Do you follow any
# football?" when one line mentions football), while the question's meaning stays below this share of
# the threshold, is not what was asked: the other words fit nothing there. (A share, not a difference:
# embedders put their threshold at different heights.)
SOLE_WORD_SHARE = 0.75
# Words the persona never says but means ("the drivers" for a persona who talks about "the van"): a
# meaning just under the threshold (at least this share of it) still answers when the topic is clearly
# ahead of the runner-up (by this much).
NEAR_SHARE = 0.95
NEAR_MARGIN = 0.06
# The dialogue bonuses (current topic, things just mentioned) decide between topics the question's own
# evidence puts within this much of each other, not beyond (see _weigh_prior).
PRIOR_MARGIN = 0.05
# A unit this unspecific (idf: in about every topic) names no topic (see _elliptic).
ELLIPTIC_IDF = 0.75
# A closed wh-question whose fact nothing of hers holds: a short line this far under the match threshold in meaning
# (and with no word of the question) says nothing of what was asked, and she says she cannot say exactly instead.
UNSURE_SHARE = 0.85
# A question with less than this share of its content words (idf-weighted) in anything the persona says
# is foreign to it unless its meaning reaches a topic on its own (see _foreign); below ALIEN_SHARE, its
# meaning must reach ALIEN_BAR times the threshold (a share: embedders put their threshold at different
# heights).
FOREIGN_SHARE = 0.45
ALIEN_SHARE = 0.2
ALIEN_BAR = 1.3
# A question word of Dutch, Korean or Chinese: the question asks for a fact or an account, not a yes or a no.
_WH_WORD = re.compile(r"\b(?:wat|waarom|hoe|wanneer|waar|wie|welke?|hoeveel|hoelang)\b|어떻게|왜|뭐|무엇|무슨|언제|누가|누구|"
                      r"어디|어떤|얼마|몇|什么|怎么|为什么|为啥|哪|谁|多少|几", re.IGNORECASE)
# English yes/no questions by their form (an auxiliary verb first, a question mark last), and the
# requests among them that ask for an account ("Could you tell me about...?").
_YES_NO = re.compile(r"^\W*(?:(?:and|so|but|okay|ok|right|um|uh)[\s,]+)*(?:is|are|was|were|does|did|has|have|had|"
                     r"isn't|aren't|wasn't|weren't|doesn't|didn't|hasn't|haven't)\s+[^?]*\?\s*$", re.IGNORECASE)
_JUDGEMENT = re.compile(r"^\W*(?:(?:and|so|but|okay|ok|right|um|uh)[\s,]+)*(?:is|are|was|were|isn't|aren't|wasn't|"
                        r"weren't)\s+[^?]*\?\s*$", re.IGNORECASE)
_YES_NO_REQUEST = re.compile(r"\b(?:tell|walk|describe|talk|explain|say\s+more|share)\b|\?.+\?", re.IGNORECASE)
# "Would you recommend them?" asks for an opinion the persona holds now, not about an imagined future.
_OPINION_NOW = re.compile(r"\bwould\s+you\s+(?:ever\s+|still\s+|actually\s+)?recommend\b", re.IGNORECASE)


@dataclass
class State:
    """Where the interview stands. Derived from the transcript turn by turn; never stored separately."""

    rapport: float = 0.0
    current_topic: str | None = None
    told: dict[str, int] = field(default_factory=dict)  # topic -> deepest level said (1..3)
    unlocked: set[str] = field(default_factory=set)  # topics where an echo or silence unlocked "deep"
    contaminated_topics: set[str] = field(default_factory=set)
    said: set[str] = field(default_factory=set)  # authored lines already used
    revealed: set[str] = field(default_factory=set)  # insight ids
    closed_run: int = 0
    silence_run: int = 0
    greeted: bool = False
    last_persona: Turn | None = None
    # Dialogue memory: every sentence the persona said (normalised) -> the persona turn that last said it,
    # and the persona's last turns (topic, text), newest last.
    said_sentences: dict[str, int] = field(default_factory=dict)
    persona_turns: int = 0
    recent: list[tuple[str | None, str]] = field(default_factory=list)
    # True only in the view of one turn that announces an aside ("Sorry, totally unrelated, but…"): no topic is
    # being talked about for it, though something has been (see :func:`_digression`).
    aside: bool = False

    @classmethod
    def initial(cls, persona: Persona) -> "State":
        return cls(rapport=persona.rapport.initial)

    def level(self, topic: str) -> int:
        return self.told.get(topic, 0)

    def is_fresh(self, text: str) -> bool:
        """None of the sentences of ``text`` has been said in this interview."""
        return not any(key in self.said_sentences for key in sentence_keys(text))

    def last_said(self, text: str) -> int:
        """The persona turn that last said a sentence of ``text`` (0: never)."""
        return max((self.said_sentences.get(key, 0) for key in sentence_keys(text)), default=0)

    def observe(self, persona: Persona, trainee: Turn | None, reply: Turn) -> None:
        """Fold one exchange (trainee turn, persona reply) into the state."""
        if trainee is not None:
            self.rapport += rapport_change(trainee, reply, self)
            label = trainee.label
            self.closed_run = self.closed_run + 1 if label == "closed" else 0
            self.silence_run = self.silence_run + 1 if label == "silence" else 0
            if reply.move == "greeting":
                self.greeted = True
        if reply.move == "leading" and reply.topic:
            self.contaminated_topics.add(reply.topic)
        if reply.move in {"echo", "silence"} and reply.topic:
            self.unlocked.add(reply.topic)
        if reply.topic and reply.layer:
            self.told[reply.topic] = max(self.level(reply.topic), _LEVEL[reply.layer])
        if reply.topic and reply.move not in {"unknown", "no_experience", "clarify", "break_character"}:
            self.current_topic = reply.topic
        self.revealed.update(reply.insights)
        self._mark_said(persona, reply)
        self.persona_turns += 1
        for key in sentence_keys(reply.text):
            self.said_sentences[key] = self.persona_turns
        self.recent = [*self.recent, (reply.topic, reply.text or "")][-MEMORY_TURNS:]
        self.last_persona = reply

    def _mark_said(self, persona: Persona, reply: Turn) -> None:
        text = reply.text
        if not text:
            return
        for topic in persona.topics:
            for name in (*LAYERS, "closed"):
                for line in topic.layer(name):
                    if line in text:
                        self.said.add(line)
        for lines in persona.reactions.model_dump().values():
            for line in lines:
                if "{" not in line and line in text:
                    self.said.add(line)


def rapport_change(trainee: Turn, reply: Turn, state: State) -> float:
    label = trainee.label
    flags = set(trainee.flags)
    move = reply.move
    if move == "break_character":
        return RAPPORT["break_character"]
    if label == "silence":
        if move == "silence_end":
            return RAPPORT["silence_repeated"]
        well_placed = bool(state.last_persona and state.last_persona.had_more)
        return RAPPORT["silence_well_placed"] if well_placed else 0.0
    if label == "leading":
        return RAPPORT["leading"]
    if "pitch" in flags or move == "pitch":
        return RAPPORT["pitch"]
    if "hypothetical" in flags:
        return RAPPORT["hypothetical"]
    if label in ("open", "echo", "reflection"):
        return RAPPORT[label]
    if label == "closed":
        return RAPPORT["closed_interrogation"] if state.closed_run + 1 >= INTERROGATION_RUN else 0.0
    if move in ("greeting", "thanks") and not state.greeted:
        return RAPPORT[move]
    if move == "continue":
        return RAPPORT["continuer"]
    return 0.0


# Plans ----------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the persona will say next, and why. The backend only rephrases ``text``."""

    move: str
    text: str
    topic: str | None = None
    layer: str | None = None
    layers: tuple[str, ...] = ()  # every layer said in this reply (talkative personas may say two)
    insights: list[str] = field(default_factory=list)
    contaminated_insights: list[str] = field(default_factory=list)
    contaminated: bool = False
    had_more: bool = False
    max_words: int = 40


class _Chooser:
    """Seeded choice among phrasings: a line none of whose sentences was said yet, else the one said
    longest ago (so stock reactions rotate and nothing comes back while something else is left)."""

    def __init__(self, rng: random.Random, state: State) -> None:
        self.rng = rng
        self.state = state
        self.said = state.said

    def pick(self, lines: list[str]) -> str:
        fresh = [line for line in lines if self.state.is_fresh(line)]
        if fresh:
            return self.rng.choice(fresh)
        oldest = min(self.state.last_said(line) for line in lines)
        return self.rng.choice([line for line in lines if self.state.last_said(line) == oldest])


def _next_layer(topic: Topic, level: int, allow_deep: bool) -> str | None:
    for name in LAYERS[level:]:
        if name == "deep" and not allow_deep:
            return None
        if topic.layer(name):
            return name
    return None


def _has_more(topic: Topic, level: int) -> bool:
    return any(topic.layer(name) for name in LAYERS[level:])


def _length(persona: Persona, move: str) -> int:
    base = BASE_LENGTH.get(move, BASE_LENGTH["default"])
    return int(base * VERBOSITY_SCALE[persona.style.verbosity])


def decide(
    persona: Persona,
    index: TopicIndex,
    state: State,
    *,
    text: str,
    label: str,
    flags: list[str],
    rng: random.Random,
) -> Plan:
    """The disclosure policy. ``label`` is the scorer's label (or "silence")."""
    # "Other than BasketRun, where do you get your groceries?": what the question sets aside first is not asked.
    text = without_excluded(text, persona.language)
    plan = _decide(persona, index, state, text, label, flags, rng)
    if plan.move == "no_experience" and label != "statement" and _social(_moves(persona.language), text):
        # "Lovely, thank you for your time.", "Hello Grace, thank you for making the time. How's your afternoon
        # going?": never "I wouldn't know" to thanks or a greeting; she answers it in kind.
        plan = _decide(persona, index, state, text, "statement", flags, rng)
    return plan


def _preamble(moves: _Moves, part: str) -> bool:
    """A sentence of a turn that greets or thanks and asks nothing ("Hi Harold, I'm Tom.", "Thanks for doing
    this.", "丽华你好", "시간 내주셔서 감사합니다.")."""
    if re.search(r"[?？]\s*$", part):
        return False
    return bool(moves.greeting.search(part) or moves.thanks.search(part)
                or (moves.thanks_any is not None and moves.thanks_any.search(part)))


def _social(moves: _Moves, text: str) -> bool:
    """Thanks, a greeting or a goodbye somewhere in the turn."""
    return bool(moves.greeting.search(text) or moves.closing.search(text) or moves.thanks.search(text)
                or (moves.thanks_any is not None and moves.thanks_any.search(text)))


def _decide(persona: Persona, index: TopicIndex, state: State, text: str, label: str, flags: list[str],
            rng: random.Random) -> Plan:
    """:func:`decide` before its last look (thanks or a greeting never gets "I wouldn't know")."""
    choose = _Chooser(rng, state)
    reactions = persona.reactions
    flags_set = set(flags)
    language = persona.language
    moves = _moves(language)

    def reaction(move: str, lines: list[str], **extra) -> Plan:
        return Plan(move=move, text=choose.pick(lines), max_words=_length(persona, "default"), **extra)

    if label == "silence":
        return _silence(persona, index, state, choose)
    if is_break_attempt(text):
        return reaction("break_character", reactions.break_character)
    if is_invitation(text, language) and "pitch" not in flags_set:
        return _invite(persona, index, state, choose)
    # What the turn asks (greetings and thanks left out), and whether that is who she is: read once for the turn.
    asked = _asked_clauses(text, language)
    introduction = _introduction(index, state, asked)
    # "Sorry, totally unrelated, but did you get much of that rain up your way?", "换个话题。你住的地方是什么情况？": the
    # interviewer says the question leaves what she is telling. It is read as if nothing were being talked about:
    # its "that" points nowhere into her story, and only its own words and meaning can make it hers.
    # What it names outside her life makes it small talk, whatever one word of it shares with her story (the city she
    # lives in, "this morning").
    if state.current_topic is not None and _digression(text, language):
        state = replace(state, current_topic=None, aside=True)
        if label != "silence" and _names_foreign_things(index, state, _digression_less(text, language)):
            return _abstain(persona, state, choose)
    # "Sorry, you cut out there. Could you say that again?": she says again what she just said, in other words.
    if state.current_topic is not None and asks_to_say_again(text, language):
        plan = _say_again(persona, state, choose, text)
        if plan is not None:
            return plan
    leave = _leave_to_ask(asked[-1], language)
    if leave is not None:
        # "Can I ask you something?", "Do you mind if I record this?": yes, go ahead (nothing of hers is asked yet).
        return reaction("go_ahead", voice(language, leave))

    # "Thank you so much for your time.", "丽华你好，谢谢你抽时间过来。": thanks, a greeting or a goodbye said as a
    # statement is answered in kind, whatever the scorer made of it (a reflection, for the "your" in "your time").
    # Before anything is told, small talk after a greeting is too ("Hi Hyejin, thanks for doing this. How's your day
    # been?", "hi dev um thanks so much for doing this can you hear me all right"): what is asked is its last part, not
    # the thanks before it ("丽华你好 嗯 谢谢你抽时间 那个 声音能听清吗": her "时间" is in the thanks, not in the question).
    opening = not state.told and not state.greeted
    # "Hi Harold, I'm Tom. Maybe just tell me a bit about what you do.", "Could you introduce yourself?": asked who
    # she is, however the form reads (a statement, a polite "could you"), she says.
    # (A plain yes/no or wh-question about her work, "你在哪儿上班？", keeps its short answer, from the same topic.)
    if (label in ("statement", "reflection") or (label == "closed" and "hypothetical" in flags_set)) and introduction:
        label = "open"
        flags_set -= {"hypothetical"}
    if (label == "reflection" and not re.search(r"[?？]", text) and _social(moves, text)) or (
            opening and label in ("open", "closed") and moves.greeting.search(text)
            and ((_understand(index, state, clauses(text, language)[-1] if text.strip() else text, language)[0] is None
                  # (Unless what comes between the greeting and the question names a thing of hers: "Hi Sam, thanks
                  # for the coffee. First one: the day you deleted Stridewell. Where were you?")
                  and _understand(index, state, text, language)[0] is None)
                 or (label == "closed" and _understand(index, state, text, language, read_greeting=True)[0] is None))):
        label = "statement"

    # An echo is an echo whatever the scorer called it: a short turn made of the persona's own words.
    if (label in ("closed", "open", "statement", "reflection") and not flags_set & {"pitch", "hypothetical"}
            and not moves.closing.search(text) and not moves.thanks.search(text)
            and any(topic_id and looks_like_echo(text, said, language) for topic_id, said in state.recent[-ECHO_TURNS:])):
        label = "echo"

    # "Right, let me make sure I've got your story straight: the cabin, the card reader on the same wifi, drops most
    # nights since August, and seven months left to run. Have I got it?": several things she told, listed, and a
    # request to confirm them is a summary, whatever its question mark made of it for the scorer. She confirms it and
    # goes on from the last thing it names, as a person answers the end of what was said to them.
    summary_end = None
    if label in ("closed", "open", "reflection") and not flags_set & {"pitch", "hypothetical"}:
        summary_end = _summary_end(index, text, language)
        if summary_end is not None:
            label = "reflection"

    # "Do you order your clothes online too?", "So you're training for a marathon now.": a yes/no question or a
    # summary that has her doing something with a thing outside her life is not hers to answer or confirm,
    # however close its wording comes to one of her closed lines or examples. (Not where the turn points
    # back: "Have you ever caught a mistake that way?" is about what she just told.)
    if (label in ("closed", "leading", "reflection") and "pitch" not in flags_set
            and not _has_anaphora(_TRAILING_THEN.sub("", text), language)
            and _claims_foreign_doing(index, state, text)
            # (A summary that mostly says back what she told keeps its one new word as a paraphrase: "So at half-term
            # you skipped the order at your sister's caravan, had the app open on your phone and simply stopped.")
            and not (label == "reflection" and _retells(index, state, text))):
        # ("Were the slots easy to get, and did you ever use the lockers?": the half that is hers is answered.)
        half = _question_that_is_hers(index, state, text, language)
        if half is None or _claims_foreign_doing(index, state, half[0]):
            return _abstain(persona, state, choose)
        text = half[0]

    if label == "statement":
        if "pitch" in flags_set:
            return _polite_future(persona, index, state, choose, "pitch", text)
        if opening and moves.greeting.search(text):
            # "Hi Priya, thanks for your time.": at the start, hello, not goodbye.
            return reaction("greeting", reactions.greeting)
        if moves.closing.search(text):
            return reaction("closing", reactions.closing)
        if moves.greeting.search(text):
            return reaction("greeting", reactions.greeting)
        if moves.thanks.search(text) or (moves.thanks_any is not None and moves.thanks_any.search(text)):
            return reaction("thanks", reactions.thanks)
        # "The app.", "Market Street.", "Forty-six years.", "Het geld.": a terse interviewer's prompt, a thing of hers
        # named and left for her to talk about. A statement for the scorer; for her, an open question about that thing.
        if (not moves.continuer.match(text) and _topic_prompt(index, text, language)
                and _understand(index, state, text, language)[0] is not None):
            label = "open"

    if label == "statement":
        if moves.continuer.match(text) and state.current_topic:
            plan = _go_deeper(persona, state, choose, state.current_topic, allow_deep=False, move="continue")
            if plan is not None:
                return plan
        # "That sounds exhausting.", "That must have been awful.": a remark that points back at what she has just
        # told ("that", "it") is a reaction to her story, whatever words it puts on it ("a weight to carry" names
        # nothing of hers, and is not meant to); she goes on with it (the next layer, as after a reflection)
        # rather than only acknowledging it.
        current = state.current_topic
        last = state.last_persona
        if current and last is not None and last.topic == current and _has_anaphora(text, language):
            allow_deep = state.rapport + RAPPORT["reflection"] >= persona.deep_threshold or current in state.unlocked
            plan = _go_deeper(persona, state, choose, current, allow_deep=allow_deep, move="continue")
            if plan is not None:
                return plan
        return reaction("acknowledge", reactions.acknowledge)

    if label == "leading" and flags_set & {"pitch", "hypothetical"} and asked_fact(text, language) in _GUESSED:
        # "We're building a meal planner. How much would you pay for something like that?": a number asked of a future
        # is not agreed with; she guesses, vaguely.
        return _polite_future(persona, index, state, choose, "pitch" if "pitch" in flags_set else "hypothetical", text)

    if label == "leading":
        # A tag question about something outside the persona's life ("Lovely weather today, isn't it?", "So
        # you're seeing a dermatologist about it.") is not hers to agree with: the same gate as a question
        # that names things of its own (one that points back, "Dat is toch vervelend?", or only brings a verdict,
        # "불편하셨죠?", is about the topic being talked about).
        topic_id, candidates = _understand(index, state, text, language)
        # What is put to her is the question itself, not a reaction before it ("That makes total sense. You must be
        # really happy with us overall, then.": "sense" names nothing she was asked about).
        question = clauses(text, language)[-1] if text.strip() else text
        foreign = topic_id is None and _names_foreign_things(index, state, question)
        # Words of its own close in meaning to what she has just told ("你就是嫌它贵了对吧", "옮기는 건 번거롭지
        # 않았어요?") are the interviewer's verdict on it, not things outside her life.
        verdict = foreign and _last_similarity(index, state, text) >= VERDICT_SIMILARITY
        # Without a parse to tell a thing from a verdict (Dutch, Korean, Chinese), a leading question that points back
        # into her story ("Dat ze je daarvoor laten opdraaien is toch oneerlijk?") is a verdict on it.
        verdict = verdict or (foreign and state.current_topic is not None and nominal_units(question, language) is None
                              and _has_anaphora(question, language))
        # With a parse, a demonstrative or a "then" that ties the guess to the moment she told ("Presumably that
        # reconciliation is the worst part?", "I bet you wanted to throw the phone in the sea after that?") makes it
        # a verdict on her story too; a bare "it" does not ("So you're seeing a dermatologist about it.").
        verdict = verdict or (foreign and state.current_topic is not None and language_of(language) == "en"
                              and _ties_to_story(question))
        if foreign and not verdict and not candidates and _off_topic(index, state, text):
            if "pitch" in flags_set:
                # "Do you think my idea's any good?": the idea is the interviewer's, not a thing of her life she could
                # know nothing about; she is polite about it.
                return _polite_future(persona, index, state, choose, "pitch", text)
            return _abstain(persona, state, choose)
        # "You must have been furious.": a verdict on what she is telling, naming nothing outside her life, is
        # about the current topic (she agrees about it; the transcript keeps the thread).
        if topic_id is None and state.current_topic and (verdict or not foreign):
            topic_id = state.current_topic
        topic_id, _ = _learned_choice(index, state, text, label, topic_id, candidates)  # never declines here
        match = next((m for m in index.scores(text) if m.topic == topic_id), None) if topic_id else None
        suggestion = extract_suggestion(text) if persona.language.startswith("en") else None

        def render(line: str) -> str:
            out = line.replace("{suggestion}", suggestion or "").strip()
            return re.sub(r"\s+([,.])", r"\1", re.sub(r",\s*,", ",", out)).strip(" ,")

        lines = [render(line) for line in reactions.leading]
        slotted = [r for r, line in zip(lines, reactions.leading) if ("{suggestion}" in line) == bool(suggestion)]
        # The lines that fit (with the suggestion when there is one), as she would say them; when each of those has
        # been said, a fresh line of the other kind before any repeat (freshness is read on the words said).
        fitting = slotted or lines
        if not any(state.is_fresh(r) for r in fitting) and any(state.is_fresh(r) for r in lines):
            fitting = [r for r in lines if state.is_fresh(r)]
        rendered = choose.pick(fitting)
        if match is not None and match.score >= index.threshold:
            fact = _passing_fact(persona, state, match.topic)
            if fact:
                rendered = join_sentences([rendered, fact], language)
        return Plan(move="leading", text=rendered, topic=match.topic if match else None, contaminated=True,
                    max_words=_length(persona, "leading"))

    # (An open question after a pitch, "We're building a meal planner. How do you do your shopping now?", is
    # answered: the question is about her life, whatever was said before it.)
    if "pitch" in flags_set and label != "open":
        return _polite_future(persona, index, state, choose, "pitch", text)
    # "What would make you leave?" still asks for an account; only yes/no futures get fluff.
    if "hypothetical" in flags_set and label != "open" and not _OPINION_NOW.search(text):
        # "Where are you going on holiday next year?" imagines something outside the persona's life: not hers
        # to speculate about.
        # (Not one about the thing just offered: "And if it existed, would you tell your friends about it?")
        ranked = index.scores(text)
        chunks = re.split(r"[,，;；:：、]", text.strip().rstrip("?？ "))
        # (A short afterthought ends it, "What would you pay for that, a couple of pounds a month?": the question is the
        # part before.)
        asked = " ".join(chunks[-2:]) if len(chunks) > 1 and len(tokens(chunks[-1], language)) <= 6 else chunks[-1]
        if ranked and _foreign(index, ranked, text, index.threshold) and not _has_anaphora(asked, language):
            return _abstain(persona, state, choose)
        return _polite_future(persona, index, state, choose, "hypothetical", text)

    if label == "echo":
        topic_id = _echo_topic(persona, index, state, text)
        if topic_id is not None:
            plan = _go_deeper(persona, state, choose, topic_id, allow_deep=True, move="echo")
            return plan or _exhausted(persona, index, state, choose, topic_id, text)
        # Not her words after all: a question is read as one ("오늘 날씨 어때요?"), anything else acknowledged.
        if not re.search(r"[?？]\s*$", text or ""):
            return reaction("acknowledge", reactions.acknowledge)
        label = "open"

    # A yes/no question is no reflection ("Did you ever complain?" asks, it does not sum up), and one that
    # asks for a judgement ("Is the price important to you?") gets a closed answer whatever else the
    # classifier read in it: its form asks for a yes or a no, not for the story.
    if ((label == "reflection" and _YES_NO.match(text) or label == "open" and _JUDGEMENT.match(text))
            and not _YES_NO_REQUEST.search(text)):
        label = "closed"

    reflected_topic = state.current_topic
    if summary_end is not None:
        reflected_topic = summary_end
    elif label == "reflection":
        # A summary of something outside her life ("So you told me you run marathons too.") is not hers to
        # confirm: the same gate as a question.
        asked_topic, candidates = _understand(index, state, text, language)
        if asked_topic is None and not candidates and _off_topic(index, state, text):
            return _abstain(persona, state, choose)
        # A question the scorer read as a summary ("Je hebt het over de kinderen, hoe oud zijn ze?") that clearly
        # asks about another topic than the one being talked about is a question about that topic.
        if (state.current_topic and re.search(r"[?？]\s*$", text or "") and asked_topic is not None
                and asked_topic != state.current_topic):
            label = "open"
        # A summary of what she never said, on one of her topics ("So you've already ordered a new one."):
        # she answers it as the yes/no it is, from that topic.
        elif asked_topic is not None and not _her_words(index, state, text):
            label = "closed"
        # A summary naming a topic with nothing talked about yet, or another topic than the current one.
        elif asked_topic is not None:
            reflected_topic = asked_topic

    if label == "reflection":
        topic_id = reflected_topic
        confirm = choose.pick(reactions.reflection)
        if topic_id is None:
            return Plan(move="reflection", text=confirm, max_words=_length(persona, "default"))
        allow_deep = state.rapport + RAPPORT["reflection"] >= persona.deep_threshold or topic_id in state.unlocked
        plan = _go_deeper(persona, state, choose, topic_id, allow_deep=allow_deep, move="reflection")
        if plan is None:
            return Plan(move="reflection", text=confirm, topic=topic_id, max_words=_length(persona, "default"),
                        had_more=_has_more(persona.topic(topic_id), state.level(topic_id)))
        # A confirmation already said in this interview is left out rather than repeated.
        if state.is_fresh(confirm):
            plan.text = join_sentences([confirm, plan.text], language)
        return plan

    topic_id, ranked = _understand(index, state, text, language)
    # "How often does that happen?" just after she told it: nothing in the words names a topic, but "that" points
    # at what is being talked about, and nothing else in it is outside her life. It is about the current topic,
    # not something she has no experience of. (Measured on natural interviews written outside the team: replies
    # on the expected topic +0.3 to +1.5 points, "don't know" where she knows -0.4 to -1.6, deflections unchanged.)
    # So is a yes/no question right after she told something of the current topic that names nothing outside her
    # life and has her doing nothing she never does ("Were you hurt badly?" after the fall on the stairs, but not
    # "Have you ever been skiing?"): its words are about the moment she told.
    last = state.last_persona
    # (Where no parse tells what "you" do, a short question for a fact of the moment right after she told it: "누가
    # 추천했어요?", "Wie heb je toen gebeld?"; a yes/no question there may be small talk, "Sport je veel?", and so may a
    # question word after one, "Kijk jij voetbal? Voor wie ben je?". What the question names outside her life still
    # goes through the gate below.)
    english = language_of(language) == "en"
    just_told = (label == "closed" and last is not None and last.topic == state.current_topic
                 and (bool(_YES_NO.match(text)) and not _does_foreign(index, state, text) if english
                      else word_count(text, language) <= 8 and _fact_question_alone(index, state, text)))
    # "Who carried the crates up?", "Where were you when the van pulled up?" right after she told the moment: a short
    # question for a fact of what happened then (past tense) asks after a person, place or object of her story,
    # however new its words are; it is about the current topic. (An aside is announced, "Random one, …"; questions
    # about her life outside the story ask in the present, "Do you do the crossword?".) In Korean, where the scorer
    # calls every "뭐" question open ("거기서 뭐가 문제였어요?", "What was the problem there?"), an open one too; in
    # English an open question in the past is an account asked for, as often of something else ("What did you make of
    # the match?").
    moment = ((label == "closed" or (label == "open" and language_of(language) != "en"))
              and topic_id is None and not ranked and last is not None
              and last.topic == state.current_topic and state.current_topic is not None
              and not _digression(text, language) and _asks_about_the_moment(text, language)
              and _near_the_story(index, state.current_topic, text))
    if (topic_id is None and not ranked and state.current_topic
            and ((_points_back(index, state, text, language) or just_told)
                 and not _names_foreign_things(index, state, text) or moment)):
        topic_id = state.current_topic
    # (Asked who she is, she says: the first topic is that, whatever else its words might weigh.)
    if not introduction:
        topic_id, ranked = _learned_choice(index, state, text, label, topic_id, ranked)
        if moment and topic_id is None:
            # (Its new words are things of the story, not of another life: the learned choice's unknown words are
            # no reason to decline it.)
            topic_id, ranked = state.current_topic, []
        if topic_id is not None:
            topic_id = _reranked(index, state, text, label, topic_id, ranked)
        elif not ranked:
            # "Does he have a name you call him by, and does he bring the crates all the way up to your door?": two
            # questions in one sentence, the second about a thing she has no word for. She answers the one that is
            # hers.
            half = _question_that_is_hers(index, state, text, language)
            if half is not None:
                text, topic_id = half
    if topic_id is None:
        if ranked:
            return _clarify(persona, index, choose, ranked)
        return _abstain(persona, state, choose)
    topic = persona.topic(topic_id)

    if label == "closed":
        return _closed_answer(persona, index, state, choose, topic, text)

    # Open questions (and anything else that asks for an account).
    allow_deep = state.rapport + RAPPORT["open"] >= persona.deep_threshold or topic_id in state.unlocked
    level = state.level(topic_id)
    last = state.last_persona
    asked_again = last is not None and last.move == "closed" and last.topic == topic_id
    if level == 0:
        layers = _opening_layers(persona, state, topic, asked_again=asked_again)
        return _plan_layers(persona, state, topic, layers, move="answer", choose=choose)
    plan = _go_deeper(persona, state, choose, topic_id, allow_deep=allow_deep, move="answer")
    return plan or _exhausted(persona, index, state, choose, topic_id, text)


# Understanding the question -----------------------------------------------------------------------


# A Korean remark ends in a predicate ("좋네요.", "힘드셨겠네요.", "그렇군요."): it says something, it names nothing.
_KO_PREDICATE_END = re.compile(r"(?:네요|군요|구나|어요|아요|해요|했어요|세요|습니다|니다|죠|다)[.!?…\s]*$")


def _topic_prompt(index: TopicIndex, text: str, language: str) -> bool:
    """A short phrase that names a thing of hers and says nothing of it: no more than four words, no exclamation,
    and (in English, where a parse tells) no verb but a gerund ("The app.", "Forty-six years.", "Waiting in.", but not
    "Makes sense.", "I see.");
    elsewhere, no Korean predicate ending and most of its words one topic's ("Het geld.", "월급통장이요.", but not
    "Goed zo.", "좋네요.")."""
    words = tokens(text, language)
    if not words or len(words) > 4 or word_count(text, language) > 4 or re.search(r"[!！]", text or ""):
        return False
    if language_of(language) != "en":
        if language_of(language) == "ko" and _KO_PREDICATE_END.search(text):
            return False
        own = index.scores(text)
        return bool(own) and own[0].lexical >= LEXICAL_RESCUE
    doc = turn_doc(text)
    if doc is None:
        return False
    # A gerund with no subject names a doing as a thing: "Waiting in.", "Chasing invoices." (not "Going well.").
    if any(t.dep_ == "ROOT" and t.tag_ == "VBG" for t in doc) and not any(
            t.pos_ == "AUX" or t.tag_ == "MD" or t.dep_ in {"nsubj", "nsubjpass"} for t in doc):
        return any(t.pos_ in {"NOUN", "PROPN", "NUM"} or t.dep_ == "prt" for t in doc)
    return (not any(t.pos_ in {"VERB", "AUX"} or t.tag_ == "MD" for t in doc)
            and any(t.pos_ in {"NOUN", "PROPN", "NUM"} for t in doc))


def _turn_units(index: TopicIndex, text: str) -> set[str]:
    out: set[str] = set()
    for sentence in sentences(text) or [text]:
        out.update(index.units(sentence))
    return out


def _dialogue_prior(index: TopicIndex, state: State, text: str) -> dict[str, float]:
    """Topics of what the persona just said, weighted by how much of the question repeats it ("the
    extras", "Tomasz", "that Saturday trip") and how recently it was said."""
    question = index.query(text)
    if not question:
        return {}
    prior: dict[str, float] = {}
    weight = MENTION_BONUS
    for topic_id, said in reversed(state.recent):
        if topic_id:
            share = index.overlap(question, _turn_units(index, said))
            if share:
                prior[topic_id] = max(prior.get(topic_id, 0.0), weight * share)
        weight *= MENTION_DECAY
    return prior


def _is_cleft(text: str, language: str) -> bool:
    """"What is it you do?": an "it" that only fronts a clause ("it" the subject of "be", which governs a
    clause with its own subject) points at nothing (English; elsewhere False)."""
    if language_of(language) != "en":
        return False
    doc = turn_doc(text)
    if doc is None:
        return False
    for tok in doc:
        if tok.lower_ == "it" and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            if any(c.dep_ in {"ccomp", "relcl", "advcl"} and any(g.dep_ == "nsubj" for g in c.children)
                   for c in tok.head.children):
                return True
    return False


# Personal pronouns and the people she names, with their gender where the word has one (English).
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def _resolve_person(index: TopicIndex, state: State, text: str, language: str) -> str:
    """``text`` with the person the persona named last in her last turn (a name, or "daughter") named beside its
    first "he" / "she" (him, his, her), where the turn names no person of its own and the gender fits; the
    text unchanged otherwise (and outside English, where no parse tells names). The names in the persona's
    brief (her own, the product's, the company's) are no one she talks about."""
    if language_of(language) != "en" or not state.recent or not state.recent[-1][1]:
        return text
    words = re.findall(r"[A-Za-z']+", text)
    pronoun = next((w for w in words if w.lower() in _PRONOUN_GENDER), None)
    if pronoun is None:
        return text
    own = turn_doc(text)
    if own is None:
        return text
    at = next((t.i for t in own if t.lower_ == pronoun.lower()), 0)
    if any(_person_word(t) is not None for t in own[:at]):
        return text  # "You mentioned your son. How's he doing?": the turn names its own person
    said = turn_doc(state.recent[-1][1])
    if said is None:
        return text
    gender = _PRONOUN_GENDER[pronoun.lower()]
    brief = _brief_names(index)
    named = [t for t in said if _person_word(t) in ("", gender) and t.text not in brief]
    if not named:
        return text
    person = named[-1]
    # The pronoun stays (the question still points back at what is being told); its person is named beside it.
    who = person.text if person.pos_ == "PROPN" else person.lemma_.lower()
    return re.sub(rf"\b{re.escape(pronoun)}\b", f"{pronoun} ({who})", text, count=1)


def _brief_names(index: TopicIndex) -> frozenset[str]:
    persona = getattr(index, "persona", None)
    if persona is None:
        return frozenset()
    brief = " ".join(str(getattr(persona, f, "") or "") for f in ("name", "context", "domain", "summary", "research_goal"))
    return frozenset(re.findall(r"\b[A-Z][\w'-]*", brief))


def _person_word(token) -> str | None:
    """The gender of a word that names a person ("m", "f", "" unknown: a name, "friend"), None for any other word."""
    if token.pos_ == "PROPN" and token.dep_ != "compound" and token.lower_ not in CALENDAR and token.text[:1].isupper():
        return ""
    if token.pos_ == "NOUN":
        return PERSON_NOUNS.get(token.lemma_.lower())
    return None


def _person_read(index: TopicIndex, state: State, text: str, language: str) -> str:
    """``text`` with its "he" / "she" read as the person she named last (:func:`_resolve_person`), unless it names
    things outside her life ("Does she play the violin?": her daughter's name is no reason to take it as hers)."""
    if _names_foreign_things(index, state, text):
        return text
    return _resolve_person(index, state, text, language)


def _pointing_signals(index: TopicIndex, state: State, text: str, language: str) -> tuple[str, bool, bool, bool]:
    """The turn's last sentence, and whether it points back ("it", "her"), is a follow-up ("Why was that?") or asks
    after a moment of the story: what the learned choices read."""
    parts = sentences(text)
    question = parts[-1] if parts else text
    moves = _moves(language)
    return (question, _points_back(index, state, question, language),
            bool(moves.follow_up.match(text) or moves.follow_up.match(question)),
            (moves.episode is not None and bool(moves.episode.search(text)))
            or _asks_just_told(index, state, question, language))


def _asks_just_told(index: TopicIndex, state: State, question: str, language: str) -> bool:
    """"Who served you?" right after she told the visit: a short question for a fact of what happened (the past
    tense; :func:`_asks_about_the_moment`) that names nothing (:func:`_elliptic`: its words are verbs, adverbs and
    the words of any interview) asks after the moment she just told, as "that day" would."""
    return (state.last_persona is not None and state.current_topic is not None
            and state.last_persona.topic == state.current_topic and _asks_about_the_moment(question, language)
            and _elliptic(index, question))


# The fewest words of a question that can stand without the sentences before it ("Why have you stayed?"; not "Why?").
ALONE_WORDS = 4
# A Korean word carries its particles and endings: "가계부는 쓰세요?" is a whole question in two, as its subject, object
# or topic is named (a word ending in a case or topic particle). Korean leaves out what the sentence before named, so
# one without ("보통 어떻게 관리하세요?" after "You said you manage money carefully.") reads with that sentence.
_KO_NAMED = re.compile(r"\w(?:은|는|이|가|을|를)(?=[\s?!.？]|$)")


def _stands_alone(question: str, language: str) -> bool:
    """``question`` has words enough to be read without the sentences before it."""
    count = len(tokens(question, language))
    if language_of(language) == "ko" and count >= 2 and _KO_NAMED.search(question):
        return True
    return count >= ALONE_WORDS


# An invitation to tell, opening a sentence: "Talk me through…", "Vertel eens over…", "…얘기 좀 해 주세요", "说说…".
_OPEN_INVITATION = {
    "en": re.compile(r"^\s*(?:(?:so|okay|ok|right|and|now|um|uh)[,\s]+)*(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?"
                     r"(?:tell\s+me\s+(?:about|how|what)|talk\s+me\s+through|walk\s+me\s+through|take\s+me\s+(?:through|back)|"
                     r"run\s+me\s+through|describe)\b", re.IGNORECASE),
    "nl": re.compile(r"^\s*(?:(?:oké|ok|goed|en|dus)[,\s]+)*(?:vertel\s+(?:eens\s+|me\s+)*(?:over|hoe|wat|van)|"
                     r"neem\s+me\s+(?:eens\s+)?mee|beschrijf|kun\s+je\s+(?:eens\s+)?(?:vertellen|beschrijven))\b",
                     re.IGNORECASE),
    # (Not "계속 말씀해 주세요", "just keep talking": a story or an account asked for.)
    "ko": re.compile(r"(?:얘기|이야기|설명)(?:를|을)?\s*(?:좀\s*)?(?:해\s*주세요|해\s*주시겠어요|해\s*주실래요)|들려\s*주세요"),
    "zh": re.compile(r"^.{0,6}(?:说说|讲讲|聊聊|描述一下)"),
}


def _read_question(index: TopicIndex, state: State, text: str, language: str,
                   read_greeting: bool = False) -> tuple[str, list[str], str]:
    """What of the turn is asked: the turn without an afterthought after its last question and without the greeting
    before it (``whole``), its clauses (``parts``), and the text a topic is sought for (``text``): the last question
    alone where it can stand alone, else the questions that end the turn, else ``whole``."""
    current = state.current_topic
    moves = _moves(language)
    # A reaction before the question ("Sixty days, that's a lot. How do you keep on top of it?"): the
    # question is what is asked.
    # Unless the question points back ("You mentioned your dad. How's he doing?", "The allotment. What do
    # you do there?"): then the sentence before names what "he" / "there" is, and the turn is read whole.
    # (Sentences, and within them a reaction joined to its question by a dash or, spoken, by "okay so" or "um":
    # "Oh no, that sounds stressful — what did you do?", "oh wow signals okay so how many years was that".)
    parts = clauses(text, language)
    # "你平时上班的一天是怎么过的？不好意思，问得有点大。", "What's a normal week like? Sorry, that's broad.": what follows the
    # last question is an afterthought; the question is what is asked.
    asked = [i for i, part in enumerate(parts) if re.search(r"[?？]\s*$", part)]
    if asked and asked[-1] < len(parts) - 1:
        parts = parts[: asked[-1] + 1]
        text = join_sentences(parts, language)
    # "Hi Harold, thanks so much for making time today. Could you start by telling me a little about yourself?",
    # "hi Dev um thanks for doing this so yeah first can you tell me a bit about yourself": hello, thanks and
    # nice-to-meet-you before what is asked are said to her, not asked of her.
    # (``read_greeting``: the turn read whole, greeting and all: a yes/no question after a greeting that is about
    # nothing of hers read that way, "Hi Maria, thanks for coming. Did you find the place okay?", is small talk.)
    kept = _without_preamble(moves, parts)
    if kept and len(kept) < len(parts) and not read_greeting:
        parts = kept
        text = join_sentences(parts, language)
    whole = text
    threshold = index.threshold
    # "Talk me through putting an order together. Where are you sitting, what's in your hands?": an invitation to
    # tell, and questions that fill in its scene; what is asked is the invitation with them, not its details alone.
    invite = _OPEN_INVITATION.get(language_of(language))
    at = next((i for i, part in enumerate(parts[:-1]) if invite is not None and invite.search(part)), None)
    if at is not None:
        return whole, parts, join_sentences(parts[at:], language)
    # (A last sentence of function words alone, "Voor wie ben je?", says nothing without the one before; nor
    # does one that names nothing, "Forty-six years with the bank. Why have you stayed?", when the turn
    # read whole is about one of her topics and the last sentence alone is not.)
    # "My nan always said never change your bank, ha. And your family, who's around? Anyone nearby?": a last question
    # too short to stand alone reads with the questions before it, not with the remark that opened the turn.
    asked_run = _trailing_questions(parts)
    run_text = join_sentences(asked_run, language) if 1 < len(asked_run) < len(parts) else ""
    if (len(parts) > 1 and _stands_alone(parts[-1], language) and not _has_anaphora(parts[-1], language)
            and index.query(parts[-1]) and not _says_less(index, parts[-1], text, threshold)):
        text = parts[-1]
    elif (run_text and _stands_alone(run_text, language) and not _has_anaphora(run_text, language)
            and index.query(run_text) and not _says_less(index, run_text, text, threshold)):
        text = run_text
    # "That must have been so annoying, right? Sorry, that's me putting words in. What happened with it?": the
    # sentences before the pointing question name nothing of hers, so its "it" is what she is telling, not them.
    elif (current is not None and len(parts) > 1 and re.search(r"[?？]\s*$", parts[-1])
            and _has_anaphora(parts[-1], language) and not _names_its_antecedent(index, parts, text, threshold)):
        text = parts[-1]
    return whole, parts, text


def _understand(index: TopicIndex, state: State, text: str, language: str,
                read_greeting: bool = False) -> tuple[str | None, list[TopicMatch]]:
    """The topic a question is about, or None with the candidates when the persona should ask back
    (two close candidates) or has no experience of it (an empty list).

    Short follow-ups ("why was that?", "what was that like?") and questions that point back ("her",
    "that") stay on the current topic unless another topic is clearly better.
    """
    current = state.current_topic
    moves = _moves(language)
    # "What's he like?" just after she named Tomasz: read as "What's he (Tomasz) like?", so that he is found where
    # she talks about him.
    # (Not where the question names things outside her life, "Does she play the violin?": her daughter's name is no
    # reason to take it as hers.)
    text = _person_read(index, state, text, language)
    # A bare follow-up ("Example?", "For instance?", "Because?", "比如？"): its words are the probe's, not a topic's,
    # and it asks for more of what she is telling.
    if (current is not None and moves.follow_up.match(text) and len(tokens(text, language)) <= 4
            and word_count(text, language) <= 3):
        return current, index.scores(text, current)
    whole, parts, text = _read_question(index, state, text, language, read_greeting)
    if _introduction(index, state, parts):
        return index.topic_ids[0], index.scores(whole)
    threshold = index.threshold
    ranked = index.scores(text, current, _dialogue_prior(index, state, text))
    if not ranked:
        return current, []
    # The question's own evidence: its words and meaning, without the conversation's bonuses.
    own = index.scores(text)
    ranked = _weigh_prior(ranked, own)
    top = ranked[0]
    # Words: \w+ tokens as always; Chinese and Japanese characters / 1.5. Of the question itself: a reaction
    # before it ("Sounds hectic. What time do you get out of there?") does not make "there" point elsewhere.
    question = parts[-1] if len(parts) > 1 else text
    length = (word_count(question, language) if language_of(language) in {"zh", "ja"}
              else len(tokens(question, language)))
    gated = False
    if current is not None:
        follow_up = bool(moves.follow_up.match(text) or moves.follow_up.match(question))
        # Ellipsis: a short question with no content word of its own ("Who do you go with?", "How did you
        # find out?", "Did you ever miss one?") is about what is being talked about, like one that points back.
        episode = (moves.episode is not None and length <= 16 and bool(moves.episode.search(text))
                   and _told_story(state, current))
        asks_moment = _asks_just_told(index, state, question, language)
        episode = episode or asks_moment
        # A pronoun whose antecedent the turn itself names ("You mentioned your dad. How's he doing?") points
        # there, not back into the conversation.
        pointing = (follow_up or episode or (length <= 10 and _points_back(index, state, question, language))) \
            and not _names_its_antecedent(index, parts, text, threshold)
        bare = not pointing and length <= 10 and _elliptic(index, text)
        # A pointing word does not make a question about things outside her life hers ("Are you a Yorkshire man
        # born and bred, then?"): where a parse tells the things it names, those go through the same gate,
        # unless its meaning is still closest to the topic being talked about ("Have you ever caught a mistake
        # that way?" about her statements).
        if (pointing and nominal_units(text, language) is not None
                and not (language_of(language) == "en" and _ties_to_story(question))
                and max(own, key=lambda m: m.semantic).topic != current
                and _names_foreign_things(index, state, text)
                and _foreign(index, own, text, threshold, _recent_units(index, state))):
            return None, []
        if pointing or bare:
            # "How did that feel?", "What's the hardest part of that?" point back: only a clearly better
            # topic that the question names (one of its keywords) takes it elsewhere. A question that only
            # leaves its subject out ("Who do you live with?") is judged on its own evidence (no bonus for
            # the topic being talked about or just mentioned): its meaning may still be one topic's.
            basis = ranked if pointing else own
            best = basis[0]
            mine = next(m for m in basis if m.topic == current)
            gap = best.score - mine.score
            # What the question asks of its "it" / "they" may belong elsewhere ("Do they still get in touch
            # with you?" while a bad delivery is talked about): where no word marks a follow-up or a moment of
            # the story, another topic whose lines (what she says, not how the author asked) fit the question
            # clearly better than the current topic's lines takes it.
            moment = asks_moment or (moves.episode is not None and bool(moves.episode.search(text)))
            shifted = not (follow_up or moment) and _line_advantage(own, best.topic, current) >= LINE_SHIFT
            # "En die ochtend, hoe ben je toen op je werk gekomen?": a moment of the story just told keeps
            # the question there, whatever else its words are about, unless it names another topic.
            # "And the price of it all?" while substitutions are talked about: what the question names is
            # nothing of the current topic (none of its words there, its meaning under the threshold there) and
            # another topic's on the question's own evidence; the pointing word does not keep it here.
            elsewhere = (pointing and not (follow_up or moment)
                         and _names_other_topic(index, own, current, question, threshold))
            # "Why did you stop ordering?" while her work is talked about: a follow-up word ("why") with no pointing
            # word, whose own words are mostly another topic's and whose meaning is there, not here, asks about
            # that topic. (English, where words are words: Korean stems and Chinese character pairs of a bare
            # "그래서요?" can fall in any topic.)
            elsewhere = elsewhere or (follow_up and not moment and language_of(language) == "en"
                                      and not _has_anaphora(question, language)
                                      and _clearly_elsewhere(own, current, threshold))
            # "How often does that happen?": a pointing question that names nothing (no word of it but verbs and
            # adverbs, "how often" being the question word) has nothing in it that another topic could hold.
            # (Nor does one whose other words are those of any interview: "Beschrijf eens wat je er toen van verwachtte.",
            # unless another topic's lines fit it clearly better, as above.)
            names_nothing = pointing and _names_nothing(index, question, interview_words=not shifted)
            if elsewhere:
                basis, best = own, own[0]
            elif (names_nothing or best.topic == current or best.score < threshold or gap < FOLLOW_UP_MARGIN
                    or (not best.keyword and not shifted and (follow_up or episode or gap < 2 * FOLLOW_UP_MARGIN))):
                return current, ranked
            ranked, top = basis, best
            # What a pointing word stands for is hers: the things the question names went through the gate
            # above already where a parse tells them (the words around the pronoun alone are no reason to
            # deflect: "get in touch").
            gated = pointing and nominal_units(text, language) is not None
    # Before anything has been talked about, "it" / "them" is what the interview is about (the product
    # or service): a person answers about that rather than saying they have no idea.
    cold = current is None and not state.aside and _has_anaphora(text, language) and not _is_cleft(text, language)
    fallback = index.product_topic() if cold else None
    query = index.query(text)
    # "Do you like it?" before anything was said: no word of the question is the persona's, so "it" is the
    # product, however close in meaning some line happens to be.
    if fallback is not None and top.lexical == 0:
        return fallback, ranked
    if not gated and _foreign(index, ranked, text, threshold, _recent_units(index, state)):
        return None, []
    # The question uses none of the persona's words: its meaning alone must be about one of its topics.
    if top.lexical == 0 and query and top.asked < threshold + NOVEL_MARGIN:
        if _near_miss(ranked, threshold, asked=True):
            return top.topic, ranked
        return fallback, ([] if fallback is None else ranked)
    # One word of the question is all that ties it to a topic not being talked about, and the meaning
    # is far off.
    if (top.topic != current and len(query) >= 2 and top.semantic < threshold * SOLE_WORD_SHARE
            and len(index.support(query, top.topic)) == 1):
        return None, []
    if top.score >= threshold:
        return top.topic, ranked
    # Just under the line, but most of what was asked is in one topic's own words.
    if top.lexical >= LEXICAL_RESCUE and top.score >= threshold - LEXICAL_WEIGHT * (1 - LEXICAL_RESCUE):
        return top.topic, ranked
    # Just under the line, in the persona's words, and two topics fit as well: ask back.
    second = ranked[1] if len(ranked) > 1 else None
    if (second is not None and top.score >= threshold - CLARIFY_BAND and top.score - second.score < CLARIFY_MARGIN
            and top.lexical > 0 and second.lexical > 0):
        return None, ranked[:2]
    if _near_miss(ranked, threshold, asked=False):
        return top.topic, ranked
    return fallback, ([] if fallback is None else ranked)


def _choice_values(index: TopicIndex, state: State, text: str, label: str) -> dict[str, float] | None:
    """What :mod:`simulator.topic_choice` weighs (None before any topic is talked about): the question's own
    best topic and the current topic as the question's evidence scores them (relative to the threshold), how far
    apart, what the dialogue bonuses do, the pointing and follow-up words, how much of it is hers, and how close
    it comes to what she just said."""
    current = state.current_topic
    if current is None or not (text or "").strip():
        return None
    own = index.scores(text)
    if not own:
        return None
    language = index.language
    thr = index.threshold
    prior = _dialogue_prior(index, state, text)
    boosted = index.scores(text, current, prior)
    first = own[0]
    here = next((m for m in own if m.topic == current), TopicMatch(current, 0.0))
    question, pointing, follow_up, episode = _pointing_signals(index, state, text, language)
    last_text = state.recent[-1][1] if state.recent else ""
    q_vec = index._vector(text)
    known = _last_vectors(index, state)
    mean = np.mean(known, axis=0) if known else None
    values = {
        "own_score": first.score - thr, "own_lexical": first.lexical, "own_semantic": first.semantic - thr,
        "own_line": first.line, "own_keyword": float(first.keyword), "own_asked": first.asked - thr,
        "cur_score": here.score - thr, "cur_lexical": here.lexical, "cur_semantic": here.semantic - thr,
        "cur_line": here.line if here.line >= 0 else 0.0, "cur_keyword": float(here.keyword),
        "cur_asked": here.asked - thr,
        "gap_score": first.score - here.score, "gap_semantic": first.semantic - here.semantic,
        "gap_line": first.line - (here.line if here.line >= 0 else 0.0), "gap_lexical": first.lexical - here.lexical,
        "boosted_first_is_current": float(bool(boosted) and boosted[0].topic == current),
        "prior_own": prior.get(first.topic, 0.0), "prior_current": prior.get(current, 0.0),
        "pointing": float(pointing), "follow_up": float(follow_up), "episode": float(episode),
        "length": min(len(text.split()), 30) / 30, "question_mark": float(text.strip().endswith(("?", "？"))),
        "level": state.level(current) / 3, "told_story": float(_told_story(state, current)),
        "english": float(language_of(language) == "en"), "same": float(first.topic == current),
        "known": index.known_share(text)[0], "foreign": float(_names_foreign_things(index, state, text)),
        "foreign_doing": float(_claims_foreign_doing(index, state, text)),
        "second_score": (own[1].score if len(own) > 1 else 0.0) - thr,
        "last_semantic_max": _closest(known, q_vec),
        "last_semantic": float(mean @ q_vec / (np.linalg.norm(mean) or 1.0)) if mean is not None else 0.0,
        "last_lexical": index.overlap(index.query(text), set(index.units(last_text))) if last_text else 0.0,
        "last_is_current": float(bool(state.recent) and state.recent[-1][0] == current),
    }
    for name in ("open", "closed", "leading"):
        values[f"label_{name}"] = float(label == name)
    values["_own_topic"] = first.topic  # type: ignore[assignment]  (not a feature: where "move" goes)
    return values


def _rerank_rows(index: TopicIndex, state: State, text: str, label: str,
                 chosen: str) -> tuple[list[str], list[dict[str, float]]]:
    """The candidates :mod:`simulator.topic_rerank` weighs (the question's best topics on its own evidence, the
    current topic and the rules' choice) and, for each, what it reads: the question's fit to it (score, meaning,
    words, keyword, examples, lines; relative to the threshold), its rank and how far behind the best, whether it is
    the current topic (and with it whether the question points back, is a bare follow-up, asks after a moment of
    the story, is short, closed or open, and how much of the topic she has told), whether she just spoke of it
    (the dialogue prior, her last reply), how much of it she has told, and whether the rules chose it."""
    own = index.scores(text)
    if not own:
        return [], []
    language = index.language
    thr = index.threshold
    current = state.current_topic
    prior = _dialogue_prior(index, state, text)
    question, pointing, follow_up, episode = _pointing_signals(index, state, text, language)
    short = float(len(tokens(question, language)) <= 6)
    last_topic = state.recent[-1][0] if state.recent else None
    top = own[0].score
    by_topic = {m.topic: (rank, m) for rank, m in enumerate(own)}
    topics = [m.topic for m in own[: topic_rerank.CANDIDATES]]
    for extra in (current, chosen):
        if extra is not None and extra not in topics and extra in by_topic:
            topics.append(extra)
    rows = []
    for topic_id in topics:
        rank, m = by_topic[topic_id]
        level = state.level(topic_id)
        here = float(topic_id == current)
        picked = float(topic_id == chosen)
        rows.append({
            "score": m.score - thr, "semantic": m.semantic - thr, "lexical": m.lexical, "keyword": float(m.keyword),
            "asked": m.asked - thr, "line": m.line if m.line >= 0 else 0.0,
            "rank_first": float(rank == 0), "rank_second": float(rank == 1), "behind": top - m.score,
            "current": here, "current_pointing": here * pointing, "current_follow_up": here * follow_up,
            "current_episode": here * episode, "current_short": here * short,
            "current_closed": here * float(label == "closed"), "current_open": here * float(label == "open"),
            "current_level": here * level / 3, "prior": prior.get(topic_id, 0.0), "level": level / 3,
            "unsaid": float(level == 0), "last": float(topic_id == last_topic), "current_score": here * (m.score - thr),
            "chosen": picked, "chosen_current": picked * here, "current_behind": here * (top - m.score),
            "first_pointing": float(rank == 0) * pointing, "first_short": float(rank == 0) * short,
            "current_exhausted": here * float(level >= 3), "chosen_score": picked * (m.score - thr),
        })
    return topics, rows


def _reranked(index: TopicIndex, state: State, text: str, label: str, chosen: str,
              ranked: list[TopicMatch] = ()) -> str:
    """The rules' choice (``chosen``, from their ranking ``ranked``) weighed again over every candidate by
    :mod:`simulator.topic_rerank`."""
    reranker = topic_rerank.model() if topic_rerank.enabled() else None
    if reranker is not None and not reranker.fits(index.embedder):
        reranker = None
    if reranker is None and topic_rerank.RECORD is None:
        return chosen
    # A bare follow-up ("And then?", "Meaning?", "后来呢？") has nothing of its own to weigh: it asks for more of
    # what the rules keep it on (as in _learned_choice).
    if (_moves(index.language).follow_up.match(text) and len(tokens(text, index.language)) <= 6
            and word_count(text, index.language) <= 6):
        return chosen
    # A question that names nothing ("What were you looking at?": its words are verbs, adverbs and the words of any
    # interview) and whose meaning alone reaches no topic has nothing of its own to weigh either, once the rules keep
    # it on the topic being talked about: what it is about is the conversation's. (One whose meaning is clearly a
    # topic's is weighed: "Does anything ever come that you didn't order?" while the driver is talked about.)
    if (chosen == state.current_topic and _elliptic(index, text)
            and max((m.semantic for m in index.scores(text)), default=0.0) < index.threshold):
        return chosen
    # "Sorry, selling again. Do you keep a budget?" where she answers "Do you keep a budget?" almost word for word
    # in one topic: the rules read the question (not the remark before it) and it is far ahead there, as in
    # _learned_choice.
    first = ranked[0] if ranked else None
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    if (first is not None and first.topic == chosen and first.score >= STAY_OVERRULED
            and first.score - runner_up >= STAY_MARGIN):
        return chosen
    # "How long has she been with the firm?" just after she named Joanne: read as _understand reads it.
    text = _person_read(index, state, text, index.language)
    topics, rows = _rerank_rows(index, state, text, label, chosen)
    if not topics:
        return chosen
    if topic_rerank.RECORD is not None:
        topic_rerank.RECORD.append((topics, rows, {"current": state.current_topic, "chosen": chosen}))
    if reranker is None:
        return chosen
    return reranker.choose(topics, rows)


# A question about the moment she told comes at least this near (a share of the match threshold) to the topic's
# examples or lines: "Who carried the crates up?" after the delivery (0.37 of MiniLM's cosine), not "Who won the rugby
# at the weekend?" (0.12).
MOMENT_SHARE = 0.4


def _near_the_story(index: TopicIndex, topic_id: str, text: str) -> bool:
    """The question's meaning comes within :data:`MOMENT_SHARE` of the threshold to ``topic_id``."""
    match = next((m for m in index.scores(text) if m.topic == topic_id), None)
    return match is not None and max(match.semantic, match.line) >= MOMENT_SHARE * index.threshold


def _asks_about_the_moment(text: str, language: str) -> bool:
    """A short question (at most 12 words) for a fact (who, where, when, which, what, how many: :func:`asked_fact`,
    :func:`_asks_wh`) about something that happened (:func:`asks_about_the_past`: "Who wrote the list?", "Where were
    you when it came?", "백 안에는 뭐가 들어 있었어요?", "Welke route reed je?"). English, Korean and Dutch (by the verb
    that stands second); in Chinese nothing here tells the tense."""
    question = clauses(text, language)[-1] if text.strip() else text
    if (asked_fact(text, language) is None and not _asks_wh(text, language)
            and not (language_of(language) == "ko" and _KO_WHAT.search(question))):
        return False
    if word_count(question, language) > 12:
        return False
    return asks_about_the_past(question, language)


def _fact_question_alone(index: TopicIndex, state: State, text: str) -> bool:
    """The turn's last sentence asks for a fact (a question word of Dutch, Korean or Chinese), and what comes before
    it, if anything, names nothing she never speaks of ("Kijk jij voetbal? Voor wie ben je?" does)."""
    parts = sentences(text)
    if not parts or not _WH_WORD.search(parts[-1]):
        return False
    before = " ".join(parts[:-1])
    return not before or not _foreign_words(index, state, before)


def _last_vectors(index: TopicIndex, state: State) -> list[np.ndarray]:
    """What she just said, by the sentences of her file it is made of (their vectors are the index's: no encoding;
    a sentence changed in the telling, "Like I said, ...", is left out)."""
    last_text = state.recent[-1][1] if state.recent else ""
    return [v for v in (index.known_vector(x) for x in (sentences(last_text) if last_text.strip() else []))
            if v is not None]


# A leading question whose meaning comes this close (cosine) to a sentence she has just said is a verdict on it.
# (On the development interviews: declined off-topic summaries reach at most 0.18 here; verdicts 0.25-0.31.)
VERDICT_SIMILARITY = 0.22


def _closest(known: list[np.ndarray], q_vec: np.ndarray) -> float:
    """The largest cosine between a question's vector and the vectors of what she just said (0 for none)."""
    return max((float(v @ q_vec) for v in known), default=0.0)


def _last_similarity(index: TopicIndex, state: State, text: str) -> float:
    """How close ``text`` comes in meaning to the closest sentence of what she just said (0 when nothing of it is
    a sentence of her file, without embedding the question); the learned choice reads it as ``last_semantic_max``."""
    known = _last_vectors(index, state)
    return _closest(known, index._vector(text)) if known else 0.0


# The learned choice keeps the current topic unless the question's own topic scores at least this much and this far
# ahead of it.
STAY_OVERRULED = 1.0
STAY_MARGIN = 0.4


def _learned_choice(index: TopicIndex, state: State, text: str, label: str, topic_id: str | None,
                    ranked: list[TopicMatch]) -> tuple[str | None, list[TopicMatch]]:
    """The rules' choice (``topic_id``, ``ranked``) weighed again by :mod:`simulator.topic_choice` once a topic is
    being talked about: ``stay`` keeps the current topic, ``move`` takes the question's own best topic, and
    ``abstain`` leaves a question the rules gave a topic with none (one they could not place, asked back or
    declined, stays so)."""
    chooser = topic_choice.model() if topic_choice.enabled() else None
    if chooser is not None and not chooser.fits(index.embedder):
        chooser = None
    if chooser is None and topic_choice.RECORD is None:
        return topic_id, ranked  # nothing to weigh with, nothing to record: the signals are not read
    # "How long has she been with the firm?" just after she named Joanne: weighed as _understand reads it.
    values = _choice_values(index, state, _person_read(index, state, text, index.language), label)
    # A bare follow-up ("And then?", "后来呢？", "Why was that?") has nothing of its own to weigh: its one word may
    # be any topic's ("后来" is in the story of how she stopped), and the rules keep it where the story is.
    if values is None or (values["follow_up"] and len(tokens(text, index.language)) <= 6
                          and word_count(text, index.language) <= 6):
        return topic_id, ranked
    if topic_choice.RECORD is not None:
        topic_choice.RECORD.append((values, {"current": state.current_topic, "rules": topic_id}))
    if chooser is None:
        return topic_id, ranked
    action = chooser.decide(values, confident=topic_choice.CONFIDENT)
    if action is None:
        return topic_id, ranked
    if action == "stay":
        own = next((m.score for m in ranked if m.topic == topic_id), 0.0) if topic_id else 0.0
        here = next((m.score for m in ranked if m.topic == state.current_topic), 0.0)
        if topic_id and topic_id != state.current_topic and own >= STAY_OVERRULED and own - here >= STAY_MARGIN:
            # "학교 소식 같은 건 평소에 어떻게 받으세요?" while she talks of her family: the question's own topic is
            # far ahead in its words and meaning; staying would answer another question.
            return topic_id, ranked
        return state.current_topic, ranked
    if action == "move":
        return str(values["_own_topic"]), ranked
    # It declines only what names something that is not hers: a question in her own words (about the story she is
    # telling) is hers to answer, however unsure the rules were of its topic.
    # Nor a leading question, whose words are the interviewer's verdict ("You must have been livid.") on what she
    # is telling: the rules already decline one about something outside her life.
    # Nor one that names a topic by a word its author gave it ("封控那会儿第一次用，是谁把你拉进群的？": the lockdown),
    # however many new words are around it: as in _foreign, a keyword is hers.
    if (topic_id is not None and values["known"] < 1.0 and label != "leading"
            and not any(m.keyword for m in ranked)):
        return None, []
    return topic_id, ranked


def _names_other_topic(index: TopicIndex, own: list[TopicMatch], current: str, question: str,
                       threshold: float) -> bool:
    """The question names a thing (a noun, where a parse tells them; English), none of its units is in the current
    topic's texts, its own evidence leaves the current topic under the threshold and its meaning puts another
    topic over it: a pointing word in it ("it", "that") stands for the conversation, not for what is asked."""
    query = index.query(question)
    light = index.known_light(question)
    named = {u for u in query if u not in light and not u.startswith("~")}
    # (Only where a parse tells things from acts: "Do you ever skip it?" names an act of the topic, and
    # without nouns a word of the question proves nothing.)
    nouns = nominal_units(question, index.language)
    if nouns is None:
        return False
    named &= nouns
    if not named or index.support(query, current):
        return False
    # Its meaning, not a shared word, puts it there ("the hardest part of that" shares "hard" with a line).
    return own[0].score >= threshold and _meaning_elsewhere(own, current, threshold)


def _clearly_elsewhere(own: list[TopicMatch], current: str, threshold: float) -> bool:
    """On the question's own evidence another topic holds most of its words (LEXICAL_RESCUE) and its meaning (over
    the threshold), while the current topic stays under the threshold."""
    return own[0].lexical >= LEXICAL_RESCUE and _meaning_elsewhere(own, current, threshold)


def _meaning_elsewhere(own: list[TopicMatch], current: str, threshold: float) -> bool:
    """The question's best topic on its own evidence is another one, over the threshold by meaning, and the
    current topic is under the threshold."""
    mine = next((m.score for m in own if m.topic == current), -1.0)
    return own[0].topic != current and own[0].semantic >= threshold and mine < threshold


def _line_advantage(own: list[TopicMatch], topic_id: str, current: str) -> float:
    """How much closer the question comes to the sentences of ``topic_id``'s lines than to those of the
    current topic's (raw cosines; 0 when either is unknown)."""
    there = next((m.line for m in own if m.topic == topic_id), -1.0)
    here = next((m.line for m in own if m.topic == current), -1.0)
    if there < 0 or here < 0:
        return 0.0
    return there - here


def _weigh_prior(ranked: list[TopicMatch], own: list[TopicMatch]) -> list[TopicMatch]:
    """The ranking with the dialogue bonuses (``ranked``) unless the question's own evidence (``own``: its
    words and meaning alone) puts another topic clearly ahead (by PRIOR_MARGIN) of the one the bonuses put
    first: the current topic and what was just mentioned break near ties, they do not overrule a question
    that says what it is about ("Okay, and how do you get to work?" while the children are talked about)."""
    if not ranked or not own or ranked[0].topic == own[0].topic:
        return ranked
    boosted = next((m for m in own if m.topic == ranked[0].topic), None)
    if boosted is not None and own[0].score - boosted.score >= PRIOR_MARGIN:
        return own
    return ranked


# The kinds of fact (understanding.asked_fact) a future can be asked in: how much, how often.
_GUESSED = frozenset({"figure", "frequency"})
# Her guess when her file has no reactions.guess: vague, and no use as data.
_GUESS = {
    "en": ["Oh, I don't know. Hard to put a number on it until I'd actually used it."],
    "nl": ["Geen idee eigenlijk. Daar kan ik pas een getal op plakken als ik het echt gebruik."],
    "ko": ["글쎄요, 그건 실제로 써 봐야 숫자로 말할 수 있을 것 같아요."],
    "zh": ["这个真不好说，得真用过了才知道。"],
}


def _polite_future(persona: Persona, index: TopicIndex, state: State, choose: _Chooser, move: str,
                   text: str) -> Plan:
    """Her answer to a pitch or a yes/no future ("We're adding a carry-upstairs option, would that be useful?"):
    polite and useless, and, where the question is about one of her topics, tied to her life by a short fact of that
    topic said in passing (its fresh closed line nearest the question): "Oh, I'd probably give it a go. Second floor,
    no lift." Nothing new is told (no insight, the reply is contaminated)."""
    lines = persona.reactions.pitch if move == "pitch" else persona.reactions.hypothetical
    # "How much would you pay for it?", "How often would you use it?": a number asked of a future gets a vague guess,
    # not a yes or a maybe.
    guessing = asked_fact(text, persona.language) in _GUESSED
    if guessing:
        lines = persona.reactions.guess or _GUESS.get(language_of(persona.language), _GUESS["en"])
    plan = Plan(move=move, text=choose.pick(lines), max_words=_length(persona, "default"))
    ranked = index.scores(text)
    if not ranked or ranked[0].score < index.threshold or ranked[0].lexical == 0:
        return plan  # about nothing of hers, or nothing she has words for
    topic = persona.topic(ranked[0].topic)
    if guessing:
        # About that topic, but with nothing of it said in passing: a figure of her life ("Twelve thousand a month.")
        # would read as her answer.
        plan.topic, plan.contaminated = topic.id, True
        return plan
    fresh = [line for line in topic.closed if state.is_fresh(line)]
    if not fresh:
        return plan
    sims = index.closed_similarity(topic.id, text)
    question = index.query(text)
    line = max(fresh, key=lambda l: (index.overlap(question, set(index.units(l))) + 0.5 * sims.get(l, 0.0),
                                     -fresh.index(l)))
    plan.text = join_sentences([plan.text, line], persona.language)
    plan.topic, plan.contaminated = topic.id, True
    plan.max_words = _length(persona, "closed") + _length(persona, "default")
    return plan


def _passing_fact(persona: Persona, state: State, topic_id: str) -> str | None:
    """A short fact from a topic not told yet, said in passing after agreeing with a leading question (the
    first sentence of one of its surface lines): only where another surface phrasing stays unsaid, so the
    open question that may follow still has its own. It reveals no insight: the reply is contaminated."""
    topic = persona.topic(topic_id)
    if state.level(topic_id) > 0:
        return None
    fresh = [line for line in topic.surface if state.is_fresh(line)]
    if len(fresh) < 2:
        return None
    return first_sentence(fresh[0])


def _off_topic(index: TopicIndex, state: State, text: str) -> bool:
    """The turn is about something outside the persona's life (:func:`_foreign`), whatever its form: the
    gate every path (question, closed question, summary, leading question) goes through."""
    ranked = index.scores(text)
    return bool(ranked) and _foreign(index, ranked, text, index.threshold, _recent_units(index, state))


def _foreign_units(index: TopicIndex, state: State, text: str) -> set[str]:
    """The content units of ``text`` that the persona never uses nor has just said."""
    said = _recent_units(index, state)
    light = index.known_light(text)
    return {u for u in index.units(text) if not u.startswith("~") and u not in light and u not in said
            and index.familiarity(u) == 0}


def _foreign_words(index: TopicIndex, state: State, text: str) -> set[str]:
    """:func:`_foreign_units` less the words of any interview ("a mistake", "the price" name nothing in particular)."""
    return _foreign_units(index, state, text) - interview_vocabulary(index.language)


def _names_foreign_things(index: TopicIndex, state: State, text: str) -> bool:
    """The turn names things outside the persona's life, not only a verdict ("Exhausting, right?",
    "불편하셨죠?"): a noun or name she never uses where a parse tells nouns from the rest (English), else two
    foreign words."""
    foreign = _foreign_words(index, state, text)
    nouns = nominal_units(text, index.language)
    if nouns is not None:
        return bool(foreign & nouns - _of_what_was_said(text))
    return len(foreign) >= 2


# Pronouns that stand for something she has told, as a possessor or after a preposition ("its price", "the refund for
# those").
_BACK_POSSESSIVE = frozenset({"its", "their", "her", "his"})
_BACK_OBJECT = frozenset({"it", "that", "this", "those", "these", "them", "her", "him"})


def _of_what_was_said(text: str) -> frozenset[str]:
    """The nouns of the turn that are a property of something it points back to: "And the refund for those?",
    "What about its price?", "the cost of that": a new word for a side of what she is telling, not a thing outside
    her life. English, by parse (empty elsewhere)."""
    doc = turn_doc(text)
    if doc is None:
        return frozenset()
    found = set()
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        for child in tok.children:
            if child.dep_ == "poss" and child.lower_ in _BACK_POSSESSIVE:
                found.add(tok.lemma_.lower())
            elif child.dep_ == "prep" and any(g.dep_ == "pobj" and g.lower_ in _BACK_OBJECT for g in child.children):
                found.add(tok.lemma_.lower())
    return frozenset(found)


def _does_foreign(index: TopicIndex, state: State, text: str) -> bool:
    """The turn has "you" doing something the persona never speaks of: a verb she never uses (nor has just said)
    whose active subject is "you" ("Have you ever been skiing?"; not "Were you hurt?", where it is done to her).
    English, by parse; True elsewhere (no reading of it)."""
    if language_of(index.language) != "en":
        return True
    foreign = _foreign_units(index, state, text)
    if not foreign:
        return False
    doc = turn_doc(text)
    if doc is None:
        return True
    return any(tok.pos_ == "VERB" and tok.lemma_.lower() in foreign
               and any(c.dep_ == "nsubj" and c.lower_ == "you" for c in tok.children) for tok in doc)


# A turn-final "then" is a discourse marker ("So you've booked in, then."), not a pointing word.
_TRAILING_THEN = re.compile(r"[,\s]+then\s*[?.!]*\s*$", re.IGNORECASE)
_OBJECT_DEPS = frozenset({"dobj", "pobj", "attr", "oprd", "npadvmod"})
_TIME_PREPOSITIONS = frozenset({"since", "until", "till", "during", "throughout"})


def _familiar(index: TopicIndex, word: str) -> bool:
    """A word of hers: one of its units is in what she knows."""
    return bool(word) and any(index.familiarity(u) > 0 for u in index.units(word) if not u.startswith("~"))


def _her_doing(index: TopicIndex, tok) -> bool:
    """A doing of hers named as a noun: "the checking" of her "I check my hours"."""
    return tok.tag_ == "NN" and tok.lower_.endswith("ing") and _familiar(index, nlp.verb_lemma(tok.lower_) or "")


def _claims_foreign_doing(index: TopicIndex, state: State, text: str) -> bool:
    """The turn has "you" doing something with a thing outside her life: a noun she never uses (nor has just
    said; not a word of any interview) that is the object of a verb whose subject is "you", directly or
    through a preposition ("Do you order your clothes online?", "So you're training for a marathon now.",
    "Did you vote in the last election?"). A verdict about her things ("the delivery charge is what put you
    off") or a question about someone else claims nothing of hers. English, by parse; False elsewhere."""
    if language_of(index.language) != "en":
        return False
    foreign = _foreign_words(index, state, text)
    if not foreign:
        return False
    doc = turn_doc(text)
    if doc is None:
        return False
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in foreign:
            continue
        head = tok
        # A noun inside a compound ("building society") stands for the compound.
        while head.dep_ == "compound" and head.head is not head:
            head = head.head
        if head is not tok and head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() not in foreign \
                and head.lemma_.lower() not in interview_vocabulary(index.language) \
                and _familiar(index, head.lemma_.lower()):
            continue  # "any team sport": a kind of a thing of hers (her sport), named more narrowly (not "holiday plans")
        if head.dep_ not in _OBJECT_DEPS:
            continue
        if head.dep_ == "pobj" and head.head.lower_ in _TIME_PREPOSITIONS:
            continue  # "since the winter", "during lockdown": when she did it, not a thing she did it with
        verb = head.head
        if head.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        if any(t.i != tok.i and _her_doing(index, t) for t in verb.subtree):
            continue  # "do the checking — on shift, at home, on the bus?": what is done is a doing of hers (her "I
            # check my hours"), the new words are only where. (Another noun of hers beside the new one, "the data in
            # the app", is no such sign: deflections of off-topic questions fell 3-5 points on outside interviews.)
        if _to_someone(head, verb, foreign):
            continue
        if _only_when(index, verb) or _only_where(index, head, verb):
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ == "you" for c in verb.children):
            return True
    return False


def _only_when(index: TopicIndex, verb) -> bool:
    """The new noun's verb is a clause that says when or why something of hers was done, not what is asked: "did you
    book the slot before you filled the basket, or after?" asks about her slot; the basket only places it."""
    main = verb.head
    if verb.dep_ != "advcl" or main is verb or main.pos_ not in {"VERB", "AUX"}:
        return False
    objects = [c for c in main.children if c.dep_ in {"dobj", "attr", "oprd"}]
    objects += [g for c in main.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(o.pos_ in {"NOUN", "PROPN"} and _familiar(index, o.lemma_.lower()) for o in objects)


def _only_where(index: TopicIndex, noun, verb) -> bool:
    """The new noun only says where or how something of hers is done: the object of a preposition beside a direct
    object of hers ("can you hear the cashier properly through the glass?": her cashier, heard through a glass)."""
    if noun.dep_ != "pobj" or noun.head.head.i != verb.i:
        return False
    return any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and _familiar(index, c.lemma_.lower())
               for c in verb.children)


def _to_someone(noun, verb, foreign: set[str]) -> bool:
    """The new noun is only whom something of hers goes to: the object of "to" beside a direct object that is no
    new word ("Would you recommend the club to a mate?", "Did you show it to your accountant?"). What she does is
    done with her thing; who hears of it is no life of another."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "to" or noun.head.head.i != verb.i:
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() not in foreign for c in verb.children)


# A summary is the persona's own words said back when at least this share of its content (idf-weighted) is
# in what she has said in this interview.
HER_WORDS_SHARE = 0.5


def _summary_weights(index: TopicIndex, state: State, text: str) -> tuple[float, float, float]:
    """The idf weight of a summary's units of her life, of those among them that she has said in this interview
    (compared as substrings of her normalised sentences: stems, lemmas, Korean stems and Chinese pairs all are), and
    of its units she never uses; light words and prefix units left out."""
    light = index.known_light(text)
    units = {u for u in index.units(text) if u not in light and not u.startswith("~")}
    familiar = {u: index.idf(u) for u in units if index.familiarity(u) > 0}
    said_text = " ".join(state.said_sentences)
    said = sum(w for u, w in familiar.items() if u in said_text)
    foreign = sum(index.idf(u) for u in units if index.familiarity(u) == 0)
    return sum(familiar.values()), said, foreign


def _her_words(index: TopicIndex, state: State, text: str) -> bool:
    """Most of what a summary says of the persona's life (its units that are hers: words of her topics) is in
    what she said so far, or it says nothing of her life ("That sounds hard.")."""
    familiar, said, _ = _summary_weights(index, state, text)
    return not familiar or said / familiar >= HER_WORDS_SHARE


def _retells(index: TopicIndex, state: State, text: str) -> bool:
    """The summary is mostly her words said back: its units of her life weigh (by idf) at least twice its units she
    never uses, and those she has said in this interview at least as much as those."""
    familiar, said, foreign = _summary_weights(index, state, text)
    return said > 0 and said >= foreign and familiar >= 2 * foreign


def _names_its_antecedent(index: TopicIndex, parts: list[str], text: str, threshold: float) -> bool:
    """The turn has sentences before its question, and they name one of the persona's topics on their own
    ("친구들이랑 모임통장 쓰신다고 들었어요. 그건 어떻게 시작된 거예요?"): what "그건" points to is there."""
    if len(parts) < 2 or text == parts[-1]:
        return False
    before = " ".join(parts[:-1])
    if _elliptic(index, before):
        return False
    if not any(index.lexical(index.query(before))):
        return False  # none of its words is in any topic: the top one cannot hold one either (and no vector needed)
    ranked = index.scores(before)
    return bool(ranked) and ranked[0].score >= threshold and ranked[0].lexical > 0


# A list's separators, and the words that join its last item on ("…, and then in October you stopped").
_LIST_SEPARATOR = re.compile(r"\s*[,;:，；：、]\s*")
_LIST_JOIN = {
    "en": re.compile(r"^(?:(?:and|then|so|but|finally|now|plus)\b[\s,]*)+", re.IGNORECASE),
    "nl": re.compile(r"^(?:(?:en|dan|toen|dus|maar|uiteindelijk|nu)\b[\s,]*)+", re.IGNORECASE),
}


# An English question word (Dutch, Korean and Chinese ones: _WH_WORD): what follows the list asks for something new
# ("…, ik bedoel, eh, wat gebeurde er toen precies?", "Early shifts, so like, what time do you start?"), it does not
# ask to confirm.
_EN_WH_WORD = re.compile(r"\b(?:what|when|where|who|whom|whose|why|how|which)\b", re.IGNORECASE)


def _summary_end(index: TopicIndex, text: str, language: str) -> str | None:
    """The topic of the last item of a listed summary that asks to be confirmed ("So, tracing it back: the weekly
    order on the sofa, slots that didn't suit, and then in October you stopped and went back to the shops. Does that
    sound right?", "…，五月中旬就不下单了，现在换了别的办法买菜。是这样吗？"), or None when the turn is no such summary or its
    last item alone names no topic clearly.

    A summary: a statement of at least three items (separated by commas, semicolons, a colon) followed by a short
    question that asks whether it was heard right (:func:`_asks_to_confirm`: "Is that fair?", "Have I got it?", "Klopt
    dat?", "맞죠?"). The last item is what the turn ends on; what came before it she has just heard said back."""
    parts = clauses(text, language)
    if len(parts) < 2 or not re.search(r"[?？]\s*$", parts[-1]) or re.search(r"[?？]\s*$", parts[-2]):
        return None
    check = parts[-1]
    if _WH_WORD.search(check) or _EN_WH_WORD.search(check) or not _asks_to_confirm(index, check, language):
        return None
    body = " ".join(part.rstrip(" .。!！") for part in parts[:-1])
    items = [item for item in _LIST_SEPARATOR.split(body) if len(tokens(item, language)) >= 2]
    if len(items) < 3:
        return None
    last = items[-1]
    join = _LIST_JOIN.get(language_of(language))
    if join is not None:
        last = join.sub("", last.strip())
    # (A last item that points back, "…, and your nights just didn't fit that.", is no thing of its own, unless
    # its own words name a topic clearly: "…, and the app is less a matter of difficulty than of trust, after the
    # calls and the scams one hears about.")
    if len(tokens(last, language)) < 2:
        return None
    scored = index.scores(last)
    bar = index.threshold * (CLEAR_SUMMARY_ITEM if _has_anaphora(last, language) else 1.0)
    if not scored or scored[0].score < bar:
        return None
    return scored[0].topic


# A question that points at what was just said back ("Is that a fair account?", "Have I got hold of the right end of
# the stick?", "klopt dat zo'n beetje?", "是这样吗？", "맞죠?"): it names at most what its words name weakly.
_CHECK_POINTING = re.compile(r"\b(?:that|this|it|I|me|dat|dit|het|ik|m'n)\b|这|我|对|맞|그렇|제가", re.IGNORECASE)
CHECK_WORDS = 12  # the longest check, in words
CHECK_SCORE, CHECK_LEXICAL = 1.3, 0.5  # it may name a topic of hers weakly: under 1.3 x threshold, half its words
CLEAR_SUMMARY_ITEM = 1.5  # a last item that points back names its topic clearly: 1.5 x threshold


def _asks_to_confirm(index: TopicIndex, check: str, language: str) -> bool:
    """The question after a listed summary asks whether it was heard right: it names nothing of hers (a bare
    "right?", "Klopt dat?"), or it points at what was said or at the one who said it and names a topic of hers at
    most weakly ("Is that a fair account?" to a bank customer, whose "account" is one word of it; not "Is that the
    app?")."""
    count = len(tokens(check, language))
    if count <= 6 and _names_nothing(index, check):
        return True
    if count > CHECK_WORDS or not _CHECK_POINTING.search(check):
        return False
    scored = index.scores(check)
    return not scored or (scored[0].score < index.threshold * CHECK_SCORE and scored[0].lexical < CHECK_LEXICAL)


# Where a second question starts inside a sentence: ", and does he…", ", or did you…", "; and when…".
_SECOND_QUESTION = re.compile(
    r"(?:,|;|\s—|\s-)\s*(?:and|or)\s+(?=(?:do|does|did|is|are|was|were|have|has|had|can|could|would|will|how|"
    r"what|when|where|who|whose|why|which)\b)", re.IGNORECASE)


def _question_that_is_hers(index: TopicIndex, state: State, text: str, language: str) -> tuple[str, str] | None:
    """Of a question that asks two things in one sentence (", and does…", ", or did…"), the first half that is
    about a topic of hers, read alone, with that topic; None when it asks one thing, or neither half is hers. For a
    turn she would otherwise have no experience of as a whole. (Not questions in a row, "您平时追剧吗？最近有什么好看的？":
    the second leans on the first.) English."""
    asked = _trailing_questions(clauses(text, language))
    if language_of(language) != "en" or not asked:
        return None
    pieces = [h.strip() for h in _SECOND_QUESTION.split(asked[-1]) if h.strip()]
    if len(pieces) < 2:
        return None
    for piece in pieces:
        if _elliptic(index, piece):
            continue  # ("Example?", "And then?": nothing of its own to be hers)
        topic_id, _ = _understand(index, state, piece, language)
        if topic_id is not None:
            return piece, topic_id
    return None


def _trailing_questions(parts: list[str]) -> list[str]:
    """The run of questions (sentences ending in "?") that closes a turn's sentences."""
    run: list[str] = []
    for part in reversed(parts):
        if not re.search(r"[?？]\s*$", part):
            break
        run.insert(0, part)
    return run


def _says_less(index: TopicIndex, last: str, whole: str, threshold: float) -> bool:
    """The last sentence of a turn, read alone, names nothing (:func:`_elliptic`) or no topic of hers, while
    the whole turn does: the sentences before say what it is about. (Not a last sentence whose words are all of
    every topic of hers but that still fits one of them better than the whole turn fits any: "How do you usually wash
    your hair?" to someone whose every topic is her hair, after a pitch about labels.)"""
    alone = index.scores(last)
    if not _elliptic(index, last) and alone and alone[0].score >= threshold:
        return False
    whole_ranked = index.scores(whole)
    if not whole_ranked or whole_ranked[0].score < threshold:
        return False
    return not (alone and alone[0].score > whole_ranked[0].score)


def _told_story(state: State, topic_id: str) -> bool:
    """The persona's last turn told the story or the subtext of ``topic_id`` (its detail or deep layer)."""
    last = state.last_persona
    return last is not None and last.topic == topic_id and last.layer in {"detail", "deep"}


def _elliptic(index: TopicIndex, text: str) -> bool:
    """The question names nothing: every unit it has is a verb or an adverb, a word of any interview ("the
    last time", "how often"; :func:`simulator.retrieval.interview_vocabulary`) or a word every topic uses, so
    what it is about is left to the conversation."""
    # (A verb the persona never says names something: "Have you ever been skiing?" is no ellipsis.)
    light = index.known_light(text) | interview_vocabulary(index.language)
    content = [u for u in index.units(text) if u not in light and not u.startswith("~")]
    return all(index.idf(u) <= ELLIPTIC_IDF for u in content)


def _names_nothing(index: TopicIndex, question: str, *, interview_words: bool = True) -> bool:
    """Every word of the question is a light word of hers (verbs, adverbs, words every topic uses) or, with
    ``interview_words``, a word of any interview (:func:`simulator.retrieval.interview_vocabulary`) that she never
    uses: nothing in it could hold it to one topic. (A word of any interview that she does use names her thing: "And
    the price, is it important to you?")"""
    light = index.known_light(question)
    interview = interview_vocabulary(index.language) if interview_words else frozenset()
    return all(u in light or (u in interview and index.familiarity(u) == 0) for u in index.query(question))


def _recent_units(index: TopicIndex, state: State) -> frozenset[str]:
    """The units of what the persona said in its last turns (the dialogue memory)."""
    out: set[str] = set()
    for _, said in state.recent:
        out |= _turn_units(index, said)
    return frozenset(out)


def _foreign(index: TopicIndex, ranked: list[TopicMatch], text: str, threshold: float,
             said: "frozenset[str]" = frozenset()) -> bool:
    """The question is about something outside the persona's life: most of its content words (idf-weighted,
    verbs and adverbs aside) are words the persona never says, and its meaning alone (no dialogue or
    current-topic bonus, no generic shared word) does not reach a topic. A question of entirely foreign
    content words needs a meaning clearly over the threshold ("Where are you going on holiday?" sits just
    over it for a persona with weekends); one just under it that is clearly one topic still counts. One that
    names the product by name is never foreign ("你是不是因为邻里鲜太贵才不买的？")."""
    share, count = index.known_share(text, said)
    if not count or share >= FOREIGN_SHARE or index.names_product(text):
        return False
    # Words the persona says rarely but together, in one topic ("the housing association"), or a keyword the
    # author gave a topic, are hers however seldom she says them: only a single passing word is not.
    top = ranked[0]
    light = index.known_light(text)
    content = {u: index.idf(u) for u in index.units(text) if u not in light and not u.startswith("~")}
    # (Words, not the character pairs and stems of Chinese and Korean, which two unrelated questions share.)
    if top.keyword or (not is_cjk_language(index.language) and len(index.support(content, top.topic)) >= 2):
        return False
    semantic = max(m.semantic for m in ranked)
    if semantic < threshold:
        by_meaning = sorted(ranked, key=lambda m: m.asked, reverse=True)
        return not _near_miss(by_meaning, threshold, asked=True)
    return share < ALIEN_SHARE and semantic < threshold * ALIEN_BAR


def _near_miss(ranked: list[TopicMatch], threshold: float, *, asked: bool) -> bool:
    """Just under the threshold in meaning and clearly ahead of the runner-up: the persona means it even
    if she never says the word. (The dialogue priors are in the ranking already: the topic being talked
    about or one just mentioned is more often the one on top; the margin is what makes it safe, as
    "How's the weather?" sits just under the threshold for several topics at once.) ``asked``: judged
    on how the topic is asked (title and examples) alone, for a question none of whose words the
    persona uses."""
    top = ranked[0]
    value = (lambda m: m.asked) if asked else (lambda m: m.score)
    if value(top) < threshold * NEAR_SHARE:
        return False
    second = max((value(m) for m in ranked[1:]), default=0.0)
    return value(top) - second >= NEAR_MARGIN


_TIED = re.compile(r"\b(?:after|before|since|by|from|at)\s+(?:that|then|there)\b(?!\s+(?:is|was|'s)\b)"
                   r"|\b(?:that|those)\s+(?!(?:is|was|were|are|'s|must|would|will|could|should|has|had|"
                   r"have|it|they|you|i|we|he|she|me|him|her|them|us|one|sort|kind|much|many|a|an|the)\b)[a-z]+",
                   re.IGNORECASE)


def _ties_to_story(question: str) -> bool:
    """An English question whose words tie it to the moment just told: "after that", "by then", or "that" / "those"
    before a noun ("that reconciliation"); not "that" as a pronoun ("that must be nice"), nor "this" / "these", which
    point at the present ("What are you doing this summer?")."""
    return bool(_TIED.search(question))


def _abstain(persona: Persona, state: State, choose: _Chooser) -> Plan:
    """The persona has no experience of what was asked. Never the same words twice in an interview: its
    own ``reactions.unknown`` lines while one is still unsaid, then a short decline in its language or a
    pointer back to a part of its life not talked about yet ("No idea, sorry. I could tell you about my
    mum, if that helps?"), and only when all of those are spent the line said longest ago."""
    language = persona.language
    own = [line for line in persona.reactions.unknown if state.is_fresh(line)]
    if own:
        text = choose.rng.choice(own)
    else:
        options = list(voice(language, "decline"))
        untold = [t for t in persona.topics if state.level(t.id) == 0]
        if untold:
            topic = choose.rng.choice(untold)
            options += [t.format(a=title_phrase(topic.title, language)) for t in voice(language, "redirect")]
        fresh = [line for line in options if state.is_fresh(line)]
        text = choose.rng.choice(fresh) if fresh else choose.pick(persona.reactions.unknown + options)
    return Plan(move="no_experience", text=text, max_words=_length(persona, "default"))


def _clarify(persona: Persona, index: TopicIndex, choose: _Chooser, ranked: list[TopicMatch]) -> Plan:
    a, b = (persona.topic(m.topic) for m in ranked[:2])
    template = choose.rng.choice(voice(persona.language, "clarify"))
    text = template.format(a=title_phrase(a.title, persona.language), b=title_phrase(b.title, persona.language))
    return Plan(move="clarify", text=text, max_words=_length(persona, "default"))


def _echo_topic(persona: Persona, index: TopicIndex, state: State, text: str) -> str | None:
    """An echo expands the topic of the echoed words: usually the persona's last turn.

    Whether the words came back is language-aware (:func:`simulator.textutil.echo_fragment` and
    :func:`simulator.understanding.echo_overlap`): shared words or lemmas in English and Dutch, stems
    without particles in Korean, substrings in Chinese.
    """
    last = state.last_persona
    language = persona.language
    if last is not None and last.topic and (echo_fragment(text, last.text, language)
                                            or echo_overlap(text, last.text, language)[0]):
        # The echoed words may come from a line of another topic that the last turn quoted;
        # a keyword of another topic wins over the last turn's topic, unless the echo also
        # repeats one of the last topic's own keywords.
        if not keyword_hits(text, persona.topic(last.topic).keywords, language):
            for topic in persona.topics:
                if topic.id != last.topic and keyword_hits(text, topic.keywords, language):
                    return topic.id
        return last.topic
    # The echo may go further back: the most recent turn whose words it repeats.
    for topic_id, said in reversed(state.recent[:-1]):
        if topic_id and (looks_like_echo(text, said, language) or echo_overlap(text, said, language)[1] >= 0.5):
            return topic_id
    match = index.best(text, state.current_topic)
    return match.topic if match else None


# Answers ------------------------------------------------------------------------------------------


def _go_deeper(persona: Persona, state: State, choose: _Chooser, topic_id: str, *, allow_deep: bool,
               move: str) -> Plan | None:
    topic = persona.topic(topic_id)
    layer = _next_layer(topic, state.level(topic_id), allow_deep)
    if layer is None:
        return None
    return _plan_layers(persona, state, topic, [layer], move=move, choose=choose)


def _exhausted(persona: Persona, index: TopicIndex, state: State, choose: _Chooser, topic_id: str,
               text: str, *, closed: bool = False) -> Plan:
    """Nothing new may be said on this topic yet. Never a line again. A question that names a topic not
    touched yet, and fits it at least as well as the exhausted one, is about that topic ("How do the other
    partners see all this?" once the bookkeeper's story is told). Otherwise ("What else?" included) a short
    recap of what was said ("Like I said, the slots went fast."), else a step to a related topic, else a plain
    "that's about it"."""
    language = persona.language
    question = index.query(text)
    sources = _told_sentences(index, state, topic_id)
    # A silence or a question that names nothing ("What else?") gets the recap below, not a new topic: measured on
    # natural interviews written outside the team, an interviewer who waits or asks "what else" expects her to stay
    # on what she was telling (stepping away lost 1-3 points of on-topic replies on all three such sets).
    # (Not one set in a moment of the story just told, "En die ochtend, hoe ben je toen op je werk gekomen met
    # de kinderen?": that is still the story.)
    if not _elliptic(index, text) and not (
            _moves(language).episode is not None and _moves(language).episode.search(text)):
        fresh = _fresh_topic_asked(index, state, topic_id, text)
        if fresh is not None:
            return _first_answer(persona, index, state, choose, persona.topic(fresh), text, closed=closed)
    # The said sentence closest to the question (words first, then meaning), long enough to stand alone.
    sims = index.sentence_similarity(text, sources)
    fits = {id(s): index.overlap(question, s.units) + 0.5 * sim for s, sim in zip(sources, sims)}
    ranked = sorted(sources, key=lambda s: (len(s.text.split()) >= RECAP_MIN_WORDS or is_cjk_language(language),
                                            fits[id(s)], _LEVEL[s.layer]), reverse=True)
    plan = _recap(persona, state, choose, topic_id, ranked)
    if plan is not None:
        return plan
    step = _step_to_related(persona, index, state, choose, topic_id)
    if step is not None:
        return step
    return Plan(move="recap", text=choose.pick(voice(language, "nothing")), topic=topic_id,
                max_words=_length(persona, "default"))


def _told_sentences(index: TopicIndex, state: State, topic_id: str) -> list:
    """The sentences of ``topic_id``'s layers told so far that she has said in this interview."""
    told_layers = tuple(name for name in LAYERS[: max(state.level(topic_id), 1)])
    return [s for s in index.topic_sentences(topic_id, told_layers) if sentence_keys(s.text)
            and all(k in state.said_sentences for k in sentence_keys(s.text))]


def _recap(persona: Persona, state: State, choose: _Chooser, topic_id: str, sources: list,
           move: str = "recap", kind: str = "recap") -> Plan | None:
    """"Like I said, the slots went fast.": the first of ``sources`` (sentences she said) that makes a recap not
    said yet in this interview, in her phrasings of ``kind`` (``"say_again"``: "Sorry, I said…"); None when none
    does."""
    language = persona.language
    templates = voice(language, kind)
    for source in sources:
        short = shorten(source.text, language)
        for template in choose.rng.sample(templates, len(templates)):
            candidate = template.format(x=short)
            if state.is_fresh(candidate):
                return Plan(move=move, text=candidate, topic=topic_id, layer=source.layer,
                            had_more=_has_more(persona.topic(topic_id), state.level(topic_id)),
                            max_words=_length(persona, "default"))
    return None


# The words of asking to say it again, and of pointing at what was said ("you said something about"): left out when
# the turn's own words are looked for in what she said.
_SAY_AGAIN_WORDS = re.compile(
    r"\b(?:sorry|you|said|say|saying|something|about|again|repeat|cut|out|broke|up|sound|line|dropped|catch|missed|"
    r"lost|that|bit|go|back|over|could|can|what|was|were|there|second|um|uh|just|je|zei|iets|nog|een|keer|"
    r"zeggen|viel|even|weg|dat|kun|eh)\b", re.IGNORECASE)
# The moves whose line she says again when asked to.
_SAID_AGAIN = frozenset({"answer", "closed", "continue", "echo", "invite", "recap", "reflection", "silence"})


def _say_again(persona: Persona, state: State, choose: _Chooser, asking: str) -> Plan | None:
    """What she just said, again, shortened after a lead-in ("Sorry, I said the slots went fast"): the first sentence of
    her last reply long enough to stand alone, or the sentence of her recent turns that holds the words the turn
    names. None when her last reply was no line of a topic, or each way of saying it again has been said."""
    last = state.last_persona
    # (Her agreement with a leading question or a reaction is no story to say again: the question is read as asked.)
    if last is None or not last.topic or not last.text or last.move not in _SAID_AGAIN:
        return None
    language = persona.language
    topic_id, said_text, layer = last.topic, last.text, last.layer
    # "Sorry, you cut out — you said you finish at, what, midnight?": what she is asked to say again is where she said
    # those words (the latest of her recent turns with most of them), not necessarily her last reply.
    # (English and Dutch, where the words of asking are known and left out; elsewhere her last reply.)
    asked = _SAY_AGAIN_WORDS.sub(" ", asking)
    best = 0
    looked_for = language_of(language) in {"en", "nl"} and units(asked, language)
    for turn_topic, text in reversed(state.recent[-ECHO_TURNS:] if looked_for else []):
        hits, _ = echo_overlap(asked, text, language)
        if turn_topic and hits > best:
            best, topic_id, said_text = hits, turn_topic, text
            layer = last.layer if text == last.text else None
    said = sentences(said_text)
    if best:
        said = sorted(said, key=lambda s: -echo_overlap(asked, s, language)[0])
    long_enough = [s for s in said if is_cjk_language(language) or len(s.split()) >= RECAP_MIN_WORDS]
    source = (long_enough or said)[0]
    return _recap(persona, state, choose, topic_id, [Sentence(topic_id, layer, said_text, source, frozenset())],
                  kind="say_again")


def _step_to_related(persona: Persona, index: TopicIndex, state: State, choose: _Chooser,
                     topic_id: str) -> Plan | None:
    """The surface of the untouched topic nearest to what was just said on ``topic_id``, after a lead-in
    ("Mind you, ..."); None when every topic has been touched."""
    related = _related_untouched(persona, index, state, topic_id)
    if related is None:
        return None
    plan = _plan_layers(persona, state, related, ["surface"], move="answer", choose=choose)
    lead = choose.rng.choice(voice(persona.language, "related"))
    # "Then again, they email me", not "Then again, They email me".
    body = _sentence_internal(plan.text) if lead.endswith(",") else plan.text
    plan.text = join_sentences([lead, body], persona.language)
    return plan


def _fresh_topic_asked(index: TopicIndex, state: State, topic_id: str, text: str) -> str | None:
    """A topic not touched yet that the question's own evidence (no dialogue bonus) puts over the threshold
    and at least level with the exhausted topic ``topic_id``: what a question that cannot be asking for more
    of ``topic_id`` is about."""
    own = index.scores(text)
    mine = next((m.score for m in own if m.topic == topic_id), -1.0)
    for match in own:
        if match.score < index.threshold or match.score < mine:
            return None
        if match.topic != topic_id and state.level(match.topic) == 0:
            return match.topic
    return None


def _first_answer(persona: Persona, index: TopicIndex, state: State, choose: _Chooser, topic: Topic,
                  text: str, *, closed: bool) -> Plan:
    """The first answer on a topic: a closed question's short answer, else the layers an open question
    opens a topic with (by rapport and style)."""
    if closed:
        return _closed_answer(persona, index, state, choose, topic, text)
    layers = _opening_layers(persona, state, topic)
    return _plan_layers(persona, state, topic, layers, move="answer", choose=choose)


def _opening_layers(persona: Persona, state: State, topic: Topic, *, asked_again: bool = False) -> list[str]:
    """The layers an open question opens a topic with, by rapport and style."""
    style = persona.style
    if state.rapport <= GUARDED_RAPPORT:
        # Led and pitched at until rapport is worn down, she keeps to the general fact: the story needs a
        # follow-up (or rapport rebuilt), however the question was asked.
        return ["surface"]
    if asked_again and topic.detail:
        # Asked for the story right after a short yes/no on it: the fact and the story together.
        return ["surface", "detail"]
    if style.verbosity == "terse" or style.directness == "indirect":
        return ["surface"]
    if style.verbosity == "talkative" and topic.detail:
        return ["surface", "detail"]
    return ["detail"] if topic.detail else ["surface"]


def _related_untouched(persona: Persona, index: TopicIndex, state: State, topic_id: str) -> Topic | None:
    """The topic not touched yet that is closest to what the persona last said on ``topic_id`` (its words and
    meaning against every topic's, the index's own scores; the topic's title when nothing was said on it):
    the thing a person's own last words bring to mind."""
    untouched = [t for t in persona.topics if state.level(t.id) == 0 and t.id != topic_id]
    if not untouched:
        return None
    said = next((text for tid, text in reversed(state.recent) if tid == topic_id and text), None)
    ranked = index.scores(said or persona.topic(topic_id).title)
    order = {m.topic: i for i, m in enumerate(ranked)}
    return min(untouched, key=lambda t: order.get(t.id, len(order)))


def _closed_answer(persona: Persona, index: TopicIndex, state: State, choose: _Chooser, topic: Topic,
                   text: str) -> Plan:
    """A short, true answer from the right topic: the ``closed`` line that fits the question best, or
    the surface sentence that does ("Who does the approving?" -> the sentence that names her), never a
    line said before and never the detail or deep layer."""
    level = state.level(topic.id)
    interrogated = state.closed_run + 1 >= INTERROGATION_RUN
    terse = persona.style.verbosity == "terse"
    question = index.query(text)
    closed = [line for line in topic.closed if state.is_fresh(line)]
    # A wh-question ("Who did you talk to?", "Where were you standing?", "And your mum, how often do you see
    # her?") is not answered by a yes or a no: the line chosen loses its opening "Yes," ("Forty-six years.").
    wh = _asks_wh(text, persona.language)
    surface: list[Sentence] = []
    if not (interrogated or terse) or (wh and not closed):
        surface = [s for s in index.topic_sentences(topic.id, ("surface",)) if state.is_fresh(s.text)]
    had_more = _has_more(topic, level)
    # A closed line that shares a word with the question answers it; failing that, a surface sentence
    # that does; failing that, the closed line nearest in meaning.
    choice: tuple[str, str | None] | None = None
    closed_sims: dict[str, float] = {}
    if closed:
        closed_sims = index.closed_similarity(topic.id, text)
        scored = [(index.overlap(question, set(index.units(line))), closed_sims.get(line, 0.0), line) for line in closed]
        best_closed = max(scored, key=lambda c: (c[0] + 0.5 * c[1], -closed.index(c[2])))
        # A closed wh-question ("Who does the approving?") wants the fact, not a yes.
        if (best_closed[0] > 0 and not wh) or not surface:
            choice = (best_closed[2], None)
    if choice is None and surface:
        sims = index.sentence_similarity(text, surface)
        scored_s = [(index.overlap(question, s.units), sim, s) for s, sim in zip(surface, sims)]
        best_surface = max(scored_s, key=lambda c: c[0] + 0.5 * c[1])
        # The closed lines were written as the short answers: a surface sentence replaces them only when
        # most of what was asked is in its words (or a wh-question wants the fact it holds).
        if (not closed or best_surface[0] >= SURFACE_FIT
                or (wh and best_surface[0] > 0 and best_surface[0] >= best_closed[0])):
            choice = (best_surface[2].text, "surface")
        else:
            choice = (best_closed[2], None)
    # A closed wh-question wants a kind of fact ("How many boxes?" a figure, "Who brings it up?" a person): a line
    # that does not carry it ("Mostly fine, yes."), or carries one about something else (no word of the question in
    # it: "Only one thing would do it, yes." to "How many trips did it take?"), gives way to the sentence of this
    # topic that does.
    kind = asked_fact(text, persona.language)

    def says_nothing_of_it(line: str) -> bool:
        """A short line with no word of the question and far from it in meaning (0.85 of the match threshold)."""
        return (not index.overlap(question, set(index.units(line)))
                and closed_sims.get(line, 0.0) < index.threshold * UNSURE_SHARE)

    def unsure() -> Plan | None:
        lines = [line for line in voice(persona.language, "unsure") if state.is_fresh(line)]
        return Plan(move="closed", text=choose.pick(lines), topic=topic.id, had_more=had_more,
                    max_words=_length(persona, "closed")) if lines else None

    if kind is not None and (choice is None or not _carries_fact(kind, text, choice[0], persona.language)
                             or not index.overlap(question, set(index.units(choice[0])))):
        choice = _fact_sentence(index, state, topic, text, kind, story=not (interrogated or terse)) or choice
        if choice is None or not _carries_fact(kind, text, choice[0], persona.language):
            # None of her short answers holds it ("Where do you keep your shampoo?" -> not "Small, yeah."): the
            # sentence of her story that does and speaks of what was asked, said in passing, or recalled when she
            # has told it already ("Like I said, Petra put a video in the group chat.").
            choice = _fact_in_story(index, state, choose, topic, text, kind) or choice
        if (choice is not None and choice[1] is None and not _carries_fact(kind, text, choice[0], persona.language)
                and says_nothing_of_it(choice[0])):
            # Nothing she says holds it, and the short line left says nothing of what was asked (no word of it, not
            # close in meaning: "Where did you hear about the ingredients stuff?" -> not "Some things, yeah.", nor a
            # fact of another kind, "Where are you when it lands?" -> not "Two teenagers."): she
            # cannot say exactly, on the same topic.
            plan = unsure()
            if plan is not None:
                return plan
    elif wh and kind is None and choice is not None and choice[1] is None and says_nothing_of_it(choice[0]):
        # A question word for a thing ("Which bottle first?", "Which shop was it?") that her short line neither names
        # nor comes near in meaning ("Sometimes, yeah."): a sentence of hers on the topic that says a word of it,
        # else the short line or surface sentence nearest to it in meaning where one is near ("What's your job?" ->
        # what she does at work), else she cannot say exactly.
        story = _fact_in_story(index, state, choose, topic, text, None)
        if story is None:
            pool = [s for s in index.topic_sentences(topic.id, ("closed", "surface")) if state.is_fresh(s.text)]
            near = [(sim, s) for sim, s in zip(index.sentence_similarity(text, pool), pool)
                    if sim >= index.threshold * UNSURE_SHARE]
            if near:
                best = max(near, key=lambda n: n[0])[1]
                story = (best.text, "surface" if best.layer == "surface" else None)
        if story is not None:
            choice = story
        elif not fact_kinds(choice[0], persona.language):
            plan = unsure()
            if plan is not None:
                return plan
    elif (not wh and choice is not None and choice[1] is None and question and language_of(persona.language) == "en"
          and not POLAR_LEAD.match(choice[0]) and says_nothing_of_it(choice[0])):
        # A yes/no question that her short line says nothing of ("Does Daan know?" -> not "Not much. A few euros."):
        # the sentence of her story that speaks of it, said in passing, when there is one. (A line that opens with a
        # yes or a no is kept: it was written to answer such a question, "No, I manage my own affairs.", whatever
        # words it uses. English only: in Dutch the story sentence that shares a word often only explains how
        # something works, "Als er iets kapot is, meld je het in de app", where "Niet vaak." answered "Gaat er
        # weleens wat kapot?".)
        story = _fact_in_story(index, state, choose, topic, text, None)
        if story is not None:
            choice = story
        elif fact_kinds(choice[0], persona.language) - {"self"}:
            # Nor a story: a short line with a fact of its own (a figure, a time, a place, a person) and no word of
            # what was asked answers another question ("Has that ever come back to bite you?" -> not "About two
            # years I've had it."); she is not sure. (A line with no fact, "Sometimes, yeah.", fits any yes/no.)
            plan = unsure()
            if plan is not None:
                return plan
    if choice is not None:
        line, layer = choice
        if wh:
            line = _without_polarity(line)
        insights: list[str] = []
        if layer == "surface":
            insights = [i.id for i in persona.insights_for(topic.id, "surface") if i.id not in state.revealed]
        return Plan(move="closed", text=line, topic=topic.id, layer=layer, layers=(layer,) if layer else (),
                    insights=insights,
                    contaminated_insights=[i for i in insights if topic.id in state.contaminated_topics],
                    had_more=had_more, max_words=_length(persona, "closed"))
    if level > 0:
        plan = _exhausted(persona, index, state, choose, topic.id, text, closed=True)
        if plan.topic == topic.id or plan.move == "closed":
            plan.max_words = _length(persona, "closed")
            return plan
    return Plan(move="closed", text=choose.pick(persona.reactions.closed), topic=topic.id,
                had_more=had_more, max_words=_length(persona, "closed"))


_HOW_LONG = re.compile(r"\bhow\s+long\b", re.IGNORECASE)
_DURATION = re.compile(r"\b(?:since|years?|months?|weeks?|fortnights?|days?|hours?|minutes?|ages|decades?|"
                       r"forever|all\s+my\s+life)\b", re.IGNORECASE)


def _carries_fact(kind: str, question: str, sentence: str, language: str) -> bool:
    """``sentence`` holds the kind of fact ``question`` asks for. She herself answers a "who" only where the
    question does not already make her the one it is about ("Who does the cooking?" -> "I do most of it", but
    "Who served you?" wants someone else): "you" (Dutch "jij", "u", "je" where it is not "your": "Wie heeft je
    geholpen?"; Chinese 你, 您, not 你们), Korean 본인 or 당신, or a Korean "who" that is not the subject, the
    subject left unsaid being the one asked ("누구랑 같이 쓰세요?"; "누가 요리해요?" can be answered "제가요")."""
    kinds = fact_kinds(sentence, language)
    if kind in kinds:
        # "How long have you used it?" wants a stretch of time, not any figure ("I've got two now.").
        return not (kind == "figure" and _HOW_LONG.search(question) and not _DURATION.search(sentence))
    if kind != "person" or "self" not in kinds:
        return False
    lang = language_of(language)
    if lang == "nl":
        addressed = (r"\b(?:jij|jou|jezelf|u|uzelf)\b|\bje\b(?=\s*(?:$|[?!.,]|(?:daar|dat|het|toen|nu|dan|ook|"
                     r"eigenlijk|altijd|meestal|vaak|nog|wel|al|er|mee|aan|op|over|voor|bij|in|uit|thuis|weg|"
                     r"ge\w+[dt]|ge\w+en)\b))")
    elif lang == "ko":
        addressed = r"본인|당신|누구"
    elif lang == "zh":
        addressed = r"你(?!们)|您"
    else:
        addressed = r"\byou(?:rself)?\b"
    return not re.search(addressed, question, re.IGNORECASE)


def _fact_sentence(index: TopicIndex, state: State, topic: Topic, text: str, kind: str, *,
                   story: bool) -> tuple[str, str | None] | None:
    """The sentence of ``topic`` that carries the ``kind`` of fact a closed wh-question asks for (a person, a
    place, a time, a figure, how often: :func:`simulator.understanding.fact_kinds`) and fits the question best
    (its words first, then its meaning), with the layer it counts as: a closed line, a surface sentence and,
    where ``story`` (no interrogation, no terse persona) and the topic is open or the question names the
    sentence's words, a sentence of the story said in passing (no layer: the story itself is still to be
    told). Never a sentence said before; None when no sentence carries that fact."""
    level = state.level(topic.id)
    question = index.query(text)
    layers = ("closed", "surface", "detail") if story else ("closed",)
    pool = [s for s in index.topic_sentences(topic.id, layers) if state.is_fresh(s.text)
            and _carries_fact(kind, text, s.text, index.language)]
    fits = [(index.overlap(question, s.units), s) for s in pool]
    fits = [(o, s) for o, s in fits if s.layer != "detail" or level > 0 or o > 0]
    if not fits:
        return None
    sims = index.sentence_similarity(text, [s for _, s in fits])
    best = max(zip(fits, sims), key=lambda f: (f[0][0] + 0.5 * f[1], -_LEVEL.get(f[0][1].layer, 0)))[0][1]
    return best.text, "surface" if best.layer == "surface" else None


def _fact_in_story(index: TopicIndex, state: State, choose: _Chooser, topic: Topic, text: str,
                   kind: str | None) -> tuple[str, None] | None:
    """The sentence of ``topic`` (closed line, surface or story; the deep layer only once told) that carries the
    ``kind`` of fact a closed wh-question asks for and says at least :data:`FACT_FIT` of the question's words (any
    share, where the question names nothing of its own): as it stands when it has not been said (in passing: no
    layer is counted told), else as a recap. None when no sentence both holds the fact and speaks of what was
    asked, or every recap of it has been said. ``kind`` None ("Which bottle first?"): any sentence that says that
    share of the question's words."""
    question = index.query(text)
    # A question that names nothing ("When did that start?", "Where did you hear that?") is about what she has just
    # told: any sentence of the topic with that fact may answer it, the one nearest to her last words first.
    light = light_units(text, index.language)
    names_nothing = not any(u not in light for u in question)
    pool = []
    for s in index.topic_sentences(topic.id):
        fresh = state.is_fresh(s.text)
        if s.layer == "deep" and fresh:
            continue
        fit = index.overlap(question, s.units)
        if kind is None:
            if fit >= FACT_FIT:  # a thing asked for by name: the sentence that names it
                pool.append((fresh, fit, s))
        elif (names_nothing or fit >= FACT_FIT) and _carries_fact(kind, text, s.text, index.language):
            pool.append((fresh, fit, s))
    if not pool:
        return None
    last = state.recent[-1][1] if names_nothing and state.recent else ""
    sims = index.sentence_similarity(join_sentences([last, text], index.language), [s for _, _, s in pool])
    ranked = sorted(zip(pool, sims), key=lambda c: (c[0][0], c[0][1] + 0.5 * c[1]), reverse=True)
    for (fresh, _, s), _ in ranked:
        if fresh:
            return s.text, None
        short = shorten(s.text, index.language)
        templates = voice(index.language, "recap")
        for template in choose.rng.sample(templates, len(templates)):
            candidate = template.format(x=short)
            if state.is_fresh(candidate):
                return candidate, None
    return None


def _plan_layers(persona: Persona, state: State, topic: Topic, layers: list[str], *, move: str,
                 choose: _Chooser) -> Plan:
    parts = [choose.pick(topic.layer(name)) for name in layers]
    insights: list[str] = []
    for name in layers:
        insights += [i.id for i in persona.insights_for(topic.id, name) if i.id not in state.revealed]
    contaminated = [i for i in insights if topic.id in state.contaminated_topics]
    deepest = max(_LEVEL[name] for name in layers)
    return Plan(
        move=move,
        text=join_sentences(parts, persona.language),
        topic=topic.id,
        layer=layers[-1],
        layers=tuple(layers),
        insights=insights,
        contaminated_insights=contaminated,
        had_more=_has_more(topic, max(deepest, state.level(topic.id))),
        max_words=_length(persona, move if move in BASE_LENGTH else "answer") * len(layers),
    )


def _invite(persona: Persona, index: TopicIndex, state: State, choose: _Chooser) -> Plan:
    """"Anything I haven't asked about?": a topic not touched yet (the one holding the most insights not
    found), in its surface; or, when everything has been touched, one more layer toward an insight not
    earned yet, if rapport allows; else what matters most to her, said again ("Not really, no. Like I said,
    the slots went fast."): the topic with the most insights not found, in its deepest sentence told; else "I
    think we covered it"."""
    language = persona.language
    lead = choose.pick(voice(language, "invite"))
    pending = {t.id: sum(1 for i in persona.insights if i.topic == t.id and i.id not in state.revealed)
               for t in persona.topics}
    untouched = [t for t in persona.topics if state.level(t.id) == 0]
    if untouched:
        topic = max(untouched, key=lambda t: pending[t.id])
        plan = _plan_layers(persona, state, topic, ["surface"], move="invite", choose=choose)
        plan.text = join_sentences([lead, plan.text], language)
        return plan
    allow_deep = state.rapport >= persona.deep_threshold
    for topic in sorted(persona.topics, key=lambda t: -pending[t.id]):
        if not pending[topic.id]:
            break
        plan = _go_deeper(persona, state, choose, topic.id, allow_deep=allow_deep, move="invite")
        if plan is not None:
            plan.text = join_sentences([lead, plan.text], language)
            return plan
    # A person asked at the end whether there is anything else comes back to what still weighs on them: a pointer
    # the interviewer can follow (measured on natural interviews: "No, I think that's everything" ended two of the
    # eleven team interviews where a topic was expected).
    for topic in sorted((t for t in persona.topics if pending[t.id]),
                        key=lambda t: (-pending[t.id], -state.level(t.id))):
        sources = sorted(_told_sentences(index, state, topic.id), reverse=True, key=lambda s: (
            len(s.text.split()) >= RECAP_MIN_WORDS or is_cjk_language(language), _LEVEL[s.layer]))
        plan = _recap(persona, state, choose, topic.id, sources, move="invite")
        if plan is not None:
            plan.text = join_sentences([choose.pick(voice(language, "covered_but")), plan.text], language)
            return plan
    return Plan(move="invite", text=choose.pick(voice(language, "covered")), max_words=_length(persona, "default"))


# A silence lead-in that answers a question ("… well, since you're asking") is wrong after a silence.
_ASKED = re.compile(r"\b(?:ask|asks|asking|asked|question)\b|vraagt|vraag|물어|질문|问", re.IGNORECASE)


# The opening of a line, up to its first clause break: what a lead-in must not say again.
_CLAUSE_BREAK = re.compile(r"[,.;:!?，。、；：！？]")


def _marked_words(text: str, language: str) -> set[str]:
    """Words that carry meaning in a short lead-in or opening: longer words (not "I", "be", "you"), Korean stems
    of two syllables or more, and pairs of Chinese characters."""
    found = tokens(text, language)
    if is_cjk_language(language) and language_of(language) != "ko":
        return {a + b for a, b in zip(found, found[1:])}
    shortest = 2 if language_of(language) == "ko" else 4
    return {w for w in found if len(w) >= shortest}


def _lead_in_for(lead_ins: list[str], line: str, language: str, choose: _Chooser) -> str:
    """A silence lead-in that does not say what the line's opening says ("… I'll be honest with you." before
    "If I'm honest, …"); none where every one would."""
    opening = _marked_words(" ".join(_CLAUSE_BREAK.split(line.lstrip(" .…"), maxsplit=1)[:1]), language)
    fitting = [lead for lead in lead_ins if not (_marked_words(lead, language) & opening)]
    return choose.pick(fitting) if fitting else ""


def _silence(persona: Persona, index: TopicIndex, state: State, choose: _Chooser) -> Plan:
    reactions = persona.reactions
    language = persona.language
    if state.silence_run >= 1:
        return Plan(move="silence_end", text=choose.pick(reactions.silence_end),
                    topic=state.current_topic, max_words=_length(persona, "default"))
    lead_ins = [line for line in reactions.silence if not _ASKED.search(line)] or reactions.silence
    # The silence follows the persona's last words: the same topic, one layer deeper.
    last = state.last_persona
    topic_id = (last.topic if last is not None and last.topic else None) or state.current_topic
    if topic_id is not None:
        plan = _go_deeper(persona, state, choose, topic_id, allow_deep=True, move="silence")
        if plan is not None:
            plan.text = join_sentences([_lead_in_for(lead_ins, plan.text, language, choose), plan.text], language)
            return plan
        # Everything on this topic has been said: the persona says so rather than change the subject (the
        # interviewer's silence invites more of the same story, not a new one).
        return Plan(move="recap", text=choose.pick(voice(language, "nothing")), topic=topic_id,
                    max_words=_length(persona, "default"))
    else:
        untouched = [t for t in persona.topics if state.level(t.id) == 0]
        topic = choose.rng.choice(untouched) if untouched else None
    if topic is not None:
        plan = _plan_layers(persona, state, topic, ["surface"], move="silence", choose=choose)
        plan.text = join_sentences([_lead_in_for(lead_ins, plan.text, language, choose), plan.text], language)
        return plan
    return Plan(move="silence_end", text=choose.pick(reactions.silence_end), topic=topic_id,
                max_words=_length(persona, "default"))


def plan_to_turn(plan: Plan, text: str | None = None) -> Turn:
    return Turn(
        speaker=PERSONA,
        text=plan.text if text is None else text,
        topic=plan.topic,
        layer=plan.layer,
        insights=list(plan.insights),
        contaminated_insights=list(plan.contaminated_insights),
        contaminated=plan.contaminated,
        move=plan.move,
        had_more=plan.had_more,
    )


def replay(persona: Persona, turns: list[Turn]) -> State:
    """The state after a recorded interview: how a reloaded session picks up where it was."""
    state = State.initial(persona)
    pending: Turn | None = None
    for turn in turns:
        if turn.speaker == TRAINEE:
            pending = turn
        elif turn.speaker == PERSONA:
            state.observe(persona, pending, turn)
            pending = None
    return state
