"""Which of the scorer's languages a turn is in: the script for Korean and Chinese, function words for Dutch.

    guess_language("혹시 불편한 점 있으셨어요?")          -> "ko"
    guess_language("你为什么取消了？")                    -> "zh"
    guess_language("Hoe vaak bestel je boodschappen?")    -> "nl"
    guess_language("How often do you order?")            -> "en"
    guess_language("Echt?", fallback="nl")               -> "nl"   (too short to tell: the fallback)

Microseconds per turn, no model. ``previous`` (what the customer said) helps with one-word turns.
"""

from __future__ import annotations

import re

__all__ = ["guess_language"]

_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_WORD = re.compile(r"[a-zà-ÿ']+")

_NL = frozenset("""
de het een en van ik je jij jou u uw wat hoe waarom wanneer niet met op zijn heeft hebt bent kunt kun wilt vertel
over dat dit er ook nog maar welke hoeveel waar heb jullie wij we mijn naar bij uit dus toch eens keer gewoon echt
nou hè zo al wel geen deze die voor te ben was waren werd wordt worden hebben kan kon zou zouden moet moest gaat ging
doe doet deed vind vond vindt eigenlijk misschien even iets niets alles hun hem haar ons onze zij ze mee heel erg veel
weinig elke waarvoor waardoor daar hier nu dan toen omdat als of want sinds tijdens zonder tegen wie welk hoezo
vertelt vertellen beschrijf gebruik gebruikt gebruiken zeg zegt zei weet weten denk denkt dacht jouw jullie
ja nee oké oke precies serieus zeker twee drie vier vijf zes tien keer weken week dagen maand maanden jaar jaren
avonds ochtends middags gisteren morgen vandaag straks sindsdien daarna eh ehm tja jawel klopt snap in is
""".split())
_EN = frozenset("""
the a an and of to in on at for with from about you your i me my we our they them it is are was were be been do does
did have has had can could would will should what how why when where which who this that these those there not if so
just tell walk describe think feel get got go going don't didn't you're i'm what's how's it's that's really very
much many more any some ever usually anything something last time yeah yes yep okay oh
""".split())


def guess_language(text: str, previous: str | None = None, fallback: str = "en") -> str:
    """"en", "nl", "ko" or "zh" for ``text`` (with ``previous`` as extra evidence); ``fallback`` when the words
    say too little (a name, a number, "Okay?")."""
    sample = f"{text or ''} {previous or ''}"
    hangul = len(_HANGUL.findall(text or "")) or len(_HANGUL.findall(previous or "")) * 0.5
    han = len(_HAN.findall(text or "")) or len(_HAN.findall(previous or "")) * 0.5
    if hangul and hangul >= han:
        return "ko"
    if han and not _KANA.search(sample):
        return "zh"
    nl = en = 0.0
    for weight, part in ((1.0, text or ""), (0.5, previous or "")):
        for word in _WORD.findall(part.lower()):
            if word in _NL:
                nl += weight
            if word in _EN:
                en += weight
    if nl > en and nl >= 1:
        return "nl"
    if en > nl and en >= 1:
        return "en"
    # No function words, or as many of each ("In het park?", "Jeuk?", "Rot geschrokken?"): the spelling decides.
    spelling = _spelling(text or "")
    if spelling > 0:
        return "nl"
    if spelling < 0:
        return "en"
    return fallback


# Letter sequences that are common in one language's words and rare in the other's.
_NL_SPELLING = re.compile(r"ij|aa|uu|oe(?!s\b)|ui|eu|sch|'s\b|ië|\b(?:[a-z]{2,4})?ge[a-z]{3,}en\b|[a-z]{2,}tje\b|[a-z]+je\b|"
                          # "heftig", "frustrerend", "nooit": Dutch adjective and participle endings, a Dutch diphthong
                          r"[a-z]{3,}ig\b|[a-z]{2,}erend\b|ooi")
_EN_SPELLING = re.compile(r"th|wh|sh|ck|w\b|ly\b|ing\b|tion|ou|igh|qu|c[ei]|y\b")


def _spelling(text: str) -> int:
    """Positive when the spelling looks Dutch, negative when it looks English, 0 when it says nothing."""
    low = text.lower()
    return len(_NL_SPELLING.findall(low)) - len(_EN_SPELLING.findall(low))
