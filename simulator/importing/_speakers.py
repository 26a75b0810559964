"""Reading speaker names off lines (``Name: text``), and counting questions to guess who interviews."""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["NamePrefix", "split_name", "accepted_names", "count_questions", "count_words", "clean_cue_text",
           "name_key", "CLOCK"]

# A clock as people write it: 01:23, 1:02:03, 00:01:23.500, 00:01:23,500.
CLOCK = r"\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d{1,3})?"

# "Name: text", "Name [00:01:23]: text", ">> Name: text" (broadcast captions), "- Name: text".
# The colon must be followed by a space or the end of the line, so "https://…" and "10:30" are no names.
_PREFIX = re.compile(
    rf"^\s*(?:>>\s*|-\s+)?(?P<name>[^\W\d_][^:\[\]<>?!;\"{{}}=]{{0,47}}?)\s*"
    rf"(?:[\[(](?P<stamp>{CLOCK})[\])])?\s*:(?:[ \t]+(?P<text>.*)|[ \t]*$)",
    re.S,
)
_MAX_NAME_WORDS = 5
# Words that start a sentence followed by a colon far more often than they are anyone's name, and the
# header lines some exports put above the transcript ("Date: 2 May 2024").
_NOT_NAMES = frozenset("""
    note notes nb so well honestly basically anyway okay ok yes no yeah yep nope look listen example examples
    eg e.g i.e ie answer question tip step first second third finally also but and or because update edit ps
    p.s warning important reason problem result results summary conclusion quote like then now here there
    this that it which what why how when where who action todo re subject date time location place
    attendees participants title meeting transcript recording duration language kind source topic agenda
    http https mailto www
""".split())
# Lower-case names people use for roles in hand-written transcripts.
_ROLE_WORDS = frozenset("""
    interviewer interviewee researcher customer participant user moderator host guest speaker respondent
    me q a i r p c
""".split())
# Lower-case particles inside names (Ludwig van Beethoven, María de la Cruz).
_PARTICLES = frozenset("de del della der di du da dos das la le van von ten ter bin al el y".split())


@dataclass(frozen=True)
class NamePrefix:
    name: str
    text: str
    stamp: str | None


@functools.lru_cache(maxsize=4096)  # a file has a handful of names, each looked up once per cue
def name_key(name: str) -> str:
    """Two spellings of a name that differ only in case or spaces are one speaker."""
    return " ".join(name.split()).casefold()


def split_name(line: str) -> NamePrefix | None:
    """``Name: text`` → the name as written (spaces collapsed) and the text; None when the line has none."""
    match = _PREFIX.match(line)
    if not match:
        return None
    name = " ".join(match.group("name").split())
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS or words[0].strip(".,'’").casefold() in _NOT_NAMES:
        return None
    if name.casefold() in _NOT_NAMES:
        return None
    return NamePrefix(name=name, text=(match.group("text") or "").strip(), stamp=match.group("stamp"))


def _looks_like_a_name(name: str) -> bool:
    if name.casefold() in _ROLE_WORDS:
        return True
    words = name.split()
    if words[0][0].islower():
        return False
    return all(not w[0].islower() or w.casefold() in _PARTICLES or w.casefold() in _ROLE_WORDS for w in words)


def accepted_names(seen: list[str]) -> set[str]:
    """Name keys to read as speakers, from every ``Name:`` candidate of a file in the order they came.

    A candidate counts when it looks like a name (capitalised words, or a role word such as "customer"),
    or when it starts two lines or more: people write "dana: …" all through a file, but "honestly: …"
    once. In a file where two people speak twice or more, a candidate seen once above the first of
    their lines is a header line ("Interview: meal kits, participant 4"), not a speaker.
    """
    counts: Counter[str] = Counter(name_key(name) for name in seen)
    regulars = [key for key, n in counts.items() if n >= 2]
    first_regular = -1
    if len(regulars) >= 2:
        first_regular = next(i for i, name in enumerate(seen) if counts[name_key(name)] >= 2)
    accepted: set[str] = set()
    for i, name in enumerate(seen):
        key = name_key(name)
        if counts[key] >= 2:
            accepted.add(key)
        elif _looks_like_a_name(name) and i > first_regular:
            accepted.add(key)
    return accepted


_TAG = re.compile(r"<[^<>]*>")


def clean_cue_text(text: str) -> str:
    """Cue text without markup: tags (``<i>``, ``</v>``, ``<00:00:01.000>``) removed, entities unescaped."""
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def count_words(text: str) -> int:
    return len(text.split())


_SENTENCE = re.compile(r"[^.?!…]+[.?!…]*")
_QUESTION_START = re.compile(
    r"(?:and |so |but |okay,? |ok,? )?(?:what|how|why|when|where|who|whom|whose|which|can|could|would|will|"
    r"do|does|did|is|are|was|were|have|has|had|should|tell me|walk me|talk me|describe|say more)\b",
    re.I,
)


def count_questions(text: str) -> int:
    """Sentences that end in '?', or start with a question word and end without '.' or '!'.

    Captions often drop the question mark; "What I do is send the invoices." is no question.
    """
    total = 0
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if not sentence:
            continue
        if sentence.endswith("?") or (_QUESTION_START.match(sentence) and not sentence.endswith((".", "!", "…"))):
            total += 1
    return total
