"""Form features of one interviewer turn: pure functions, no model (question words, tags, fillers, echoes, flags).

``analyse(text, previous)`` reads a turn the way a coach would: it drops fillers and leading
"okay, great, so", finds the question that the interviewee will actually answer (the last one),
and lists every *cue* it sees with the label that cue points to and how sure the cue is.
The classifier adds the embedding neighbours on top; everything here is testable on its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from .labels import Flag, Label
from .offtask import fold_confusables, off_task
from simulator.textutil import THANKS_ANYWHERE

__all__ = [
    "Cue",
    "FlagHit",
    "Form",
    "STRONG",
    "MEDIUM",
    "WEAK",
    "analyse",
    "clean_text",
    "content_words",
    "detect_language",
    "echo_match",
    "echo_overlap",
    "rule_scores",
    "split_sentences",
    "strip_fillers",
    "tokens",
]

# Cue weights. A strong cue alone decides the label (the classifier skips the embedding);
# medium and weak cues are weighed together with the nearest labelled examples.
STRONG = 3.0
MEDIUM = 2.0
WEAK = 1.0

# Only the end of a very long turn matters (the question being asked is the last one), and
# bounded input keeps every regex linear and fast.
MAX_ANALYSED_CHARS = 1500


@dataclass(frozen=True)
class Cue:
    """One piece of evidence: ``name`` (a key of ``feedback.CUE_REASONS``), the label it points to."""

    name: str
    label: Label
    weight: float
    evidence: str = ""


@dataclass(frozen=True)
class FlagHit:
    flag: Flag
    name: str
    evidence: str = ""


@dataclass(frozen=True)
class Form:
    """What the form of a turn says, before any model is asked."""

    text: str
    clean: str
    # The part that decides the label: the last question, or the whole turn when it asks none.
    focus: str
    sentences: tuple[str, ...]
    questions: tuple[str, ...]
    is_question: bool
    language: str
    cues: tuple[Cue, ...]
    flags: tuple[FlagHit, ...]
    has_previous: bool
    # Share of the turn's content words found in the previous utterance (0 when there is none).
    overlap: float = 0.0
    echo: float = 0.0
    declarative: bool = False
    scores: dict = field(default_factory=dict)

    @property
    def top(self) -> tuple[Label, float, float]:
        """(best label, its rule score, margin over the runner-up)."""
        ranked = sorted(self.scores.items(), key=lambda kv: -kv[1])
        if not ranked:
            return Label.STATEMENT, 0.0, 0.0
        best, score = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        return best, score, score - second

    def best_cue(self, label: Label) -> Cue | None:
        matching = [c for c in self.cues if c.label == label]
        return max(matching, key=lambda c: c.weight) if matching else None


# ---------------------------------------------------------------------------------------------
# Text clean-up

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'",
                         "\u2014": " - ", "\u2013": " - ", "\u2026": "...", "\uff1f": "?", "\uff01": "!",
                         "\u3002": ".", "\uff0c": ","})
_WS = re.compile(r"\s+")
_ASCII_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(text: str, limit: int = MAX_ANALYSED_CHARS) -> str:
    """Unicode-normalised text with control characters removed; long text keeps its end."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if text.isascii():
        # NFKC leaves ASCII as it is; only control characters need to go.
        text = _ASCII_CONTROL.sub(" ", text)
    else:
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
        # Control and format characters (zero-width joiners, bidi marks, NULs) carry no words.
        text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    text = _WS.sub(" ", text).strip()
    if len(text) > limit:
        cut = text[-limit:]
        space = cut.find(" ")
        text = cut[space + 1:] if 0 <= space < 40 else cut
    return text


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


def tokens(text: str) -> list[str]:
    return list(_tokens_cached(text))


@lru_cache(maxsize=1024)  # read again and again for the same text within one analysis and a turn's rewrite checks
def _tokens_cached(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


# Fillers carry no meaning for the label ("um", "uh", "you know,", "like,").
_FILLER = re.compile(
    r"(?:(?<=^)|(?<=[\s,.;:!?]))(?:u+m+|u+h+m*|e+r+m*|a+h+|h+m+|mm+|uhh+|erm)(?=[\s,.;:!?]|$)[,.]?",
    re.IGNORECASE,
)
_FILLER_PHRASE = re.compile(
    r"(?:,\s*|^)(?:you know|i mean|like|kind of|sort of|basically|honestly|actually)\s*,\s*", re.IGNORECASE
)
# "so like how do you", "there was like a little app": a bare "like" used as a pause.
_FILLER_LIKE = re.compile(r"\b(so|and|but|um|uh|okay|yeah|was|is|were|just)\s+like\s+(?=\w)", re.IGNORECASE)


# Stutters in transcripts: "that's, that's", "so, so", "the the".
_REPEAT = re.compile(r"\b(\w+(?:'\w+)?)(?:,?\s+\1\b)+", re.IGNORECASE)


# A phrase said twice ("do you do you use it") and a cut-off start ("did you- have you tried").
_PHRASE_REPEAT = re.compile(r"\b((?:\w+(?:'\w+)?\s+){1,3}\w+(?:'\w+)?)\s*,?\s+\1\b", re.IGNORECASE)
_CUT_START = re.compile(r"(^|[,.;:?!]\s*|\b(?:so|and|but|okay|ok|yeah|right)\s+)[^,.;:?!]{0,40}?\b\w+-(?:\s+|$)(?=\w)",
                        re.IGNORECASE)
# A question begun, dropped and begun again: "did you like did you ever call them", "how did you how do you plan".
_OPENER = (r"(?:(?:how|what|why|when|where|which)\s+)?(?:do|did|does|have|has|are|were|is|was|can|could|would|will)"
           r"\s+you\b")
# The same restart with another subject: "does she, is she practising", "would a, would an automatic check help",
# "is it, was it the broker": an auxiliary and at most two words, a comma, and the question begun again.
_RESTART_ANY = re.compile(r"(?P<head>)\b(?:do|did|does|have|has|are|were|is|was|can|could|would|will)"
                          r"\s+(?:he|she|it|they|we|there|that|this|a|an|the|your|their|his|her)(?:\s+[\w']+)?\s*,\s+"
                          r"(?=(?:do|did|does|have|has|are|were|is|was|can|could|would|will)\s+\w)", re.IGNORECASE)
_RESTART = re.compile(r"^(?P<head>[^,.;:?!]{0,20}?)\b" + _OPENER + r"(?:\s+(?!(?:or|and|but|because|if|when)\b)[\w']+){0,3}"
                      r"\s+(?=" + _OPENER + r")", re.IGNORECASE)


# Caption artefacts: "[inaudible]", "(laughs)", ">>", a speaker label ("INTERVIEWER:"), and contractions written
# without their apostrophe by auto-captions ("dont", "whats", "youre"; only where no other word is spelt so).
_CAPTION_NOISE = re.compile(r"\[[^\]]{0,40}\]|\((?:laughs?|laughter|inaudible|crosstalk|pause|silence|coughs?|sighs?|"
                            r"unintelligible|indistinct)\)|>>+|^\s*(?:[A-Z][A-Za-z]*|Q|INTERVIEWER|INT)\s*:\s+(?=\S)",
                            re.IGNORECASE)
_BARE_CONTRACTION = re.compile(
    r"\b(?:(?P<neg>do|does|did|is|was|are|were|could|would|should|has|have|had|must|need)nt"
    r"|(?P<neg2>wo|ca)nt|(?P<s>what|that|how|where|who|when|why|there|here)s"
    r"|(?P<re>you|they)re|(?P<ve>you|they|we|i)ve|(?P<ll>you|they)ll|(?P<m>i)m)\b", re.IGNORECASE)


def _restore_apostrophe(m: re.Match) -> str:
    for group, ending in (("neg", "n't"), ("neg2", "n't"), ("s", "'s"), ("re", "'re"), ("ve", "'ve"), ("ll", "'ll"),
                          ("m", "'m")):
        if m.group(group):
            return m.group(group) + ending
    return m.group(0)


def restore_apostrophes(text: str) -> str:
    """A caption's "wasnt", "dont", "youre" with their apostrophes back ("wasn't", "don't", "you're")."""
    return _BARE_CONTRACTION.sub(_restore_apostrophe, text)


_WORD_RUN = re.compile(r"\w+")


def _repeats_a_word(text: str) -> bool:
    """Whether some word (a run of word characters, any case) comes twice in an ASCII ``text``: every stutter that
    _REPEAT removes says its first word twice, so a text without one is left as it is."""
    words = _WORD_RUN.findall(text.lower())
    return len(set(words)) < len(words)


def strip_fillers(text: str) -> str:
    """The turn without hesitation sounds, comma-fenced fillers, stuttered repeats and false starts."""
    out = text
    if "[" in text or "(" in text or ">>" in text or ":" in text:
        out = _CAPTION_NOISE.sub(" ", _CAPTION_NOISE.sub(" ", out).strip())  # ">> INTERVIEWER: …": twice
    if "'" not in out:  # a line written with apostrophes has its contractions already
        out = restore_apostrophes(out)
    out = _FILLER.sub(" ", out)
    if not out.isascii() or _repeats_a_word(out):  # a stutter says some word twice
        out = _REPEAT.sub(r"\1", out)
    lowered = [w.strip(",;:") for w in out.lower().split()]  # "can you, can you walk": the comma is a pause
    pairs = list(zip(lowered, lowered[1:]))
    if len(set(pairs)) < len(pairs):
        out = _PHRASE_REPEAT.sub(r"\1", out)
    if "-" in out:  # a cut-off word ends on its hyphen
        out = _CUT_START.sub(r"\1", out)
    restart = _RESTART.match(out)
    if restart:
        out = restart.group("head") + out[restart.end():]
    elif "," in out:
        out = _RESTART_ANY.sub("", out)
    out = _FILLER_PHRASE.sub(lambda m: ", " if m.group(0).startswith(",") else " ", out)
    out = _FILLER_LIKE.sub(lambda m: m.group(1) + " ", out)
    out = re.sub(r"\s+([,.?!;:])", r"\1", out)
    out = re.sub(r"([,;:])\s*(?=[,.?!;:])", "", out)
    out = re.sub(r"^[\s,.;:-]+", "", out)
    return _WS.sub(" ", out).strip()


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=\S)|\s+-\s+(?=\S)|;\s+")


def split_sentences(text: str) -> list[str]:
    parts = [p.strip(" ,") for p in _SENTENCE_END.split(text)]
    return [p for p in parts if p and re.search(r"\w", p)]


# Words that open a turn without adding meaning. "so" is kept aside: it often opens a reflection.
_MARKERS = (
    "okay then", "ok then", "all right", "alright", "okay", "ok", "right", "great", "cool", "perfect",
    "awesome", "nice", "good", "lovely", "brilliant", "excellent", "fantastic", "wonderful", "yeah",
    "yes", "yep", "yup", "sure", "well", "now", "and", "but", "oh", "ah", "gotcha", "got it", "i see",
    "interesting", "fair enough", "thanks", "thank you", "mm-hm", "mm-hmm", "mhm", "uh-huh", "wow",
    "hm", "anyway", "anyways", "also", "first", "firstly", "first of all", "to start", "to start with",
    "to begin", "to kick off", "to kick things off", "first off", "first question", "my first question is",
    "i guess my first question is", "my next question is", "next question", "next", "sorry", "so then",
    "then", "in your own words", "on that note", "makes sense", "that makes sense", "understood",
    "absolutely", "totally", "of course", "exactly", "true", "nice one", "hmm", "so yeah", "yeah so",
    "and so", "ok so", "okay so", "right so", "so um", "let me ask you", "let me ask", "quick question",
    "one more question", "last question", "out of interest", "just out of curiosity", "just curious",
    "out of curiosity",
    "i'm just looking at my notes here", "i'm just looking at my notes", "looking at my notes",
    "you know", "i mean", "like", "ha", "haha", "aw", "aww", "gosh", "oof", "hah", "huh",
)
_MARKER_RE = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(m) for m in _MARKERS), key=len, reverse=True)) + r")\b[\s,.:;!-]*",
    re.IGNORECASE,
)
# Openers that are clauses of their own: stripped only when a comma, colon or dash follows them
# ("I'm curious, what made you…"), never in "I'm curious about your commute".
_CLAUSE_MARKERS = ("can i ask", "can i ask you", "could i ask", "could i ask you", "may i ask", "let me ask you this",
                   "i want to ask", "i wanted to ask", "i want to ask you", "i wanted to ask you", "i'm curious",
                   "i'm just curious", "i'm wondering", "i was wondering", "i'd love to know", "i'd like to know",
                   "i guess")
_CLAUSE_MARKER_RE = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(m) for m in _CLAUSE_MARKERS), key=len, reverse=True)) + r")\s*[,:;-]+\s*",
    re.IGNORECASE,
)
_SO_RE = re.compile(
    r"^so\b(?!\s+(?:much|many|far|long|good|nice|great|glad|sorry|cool|interesting|yeah)\b)[\s,.:;!-]*", re.IGNORECASE
)


@lru_cache(maxsize=1024)  # read again and again for the same text within one analysis and a turn's rewrite checks
def strip_markers(sentence: str) -> tuple[str, bool]:
    """Leading discourse markers removed; also says whether the sentence opened with "so"."""
    so_start = False
    previous = None
    out = sentence.strip()
    while out and out != previous:
        previous = out
        if _SO_RE.match(out):
            so_start = True
            out = _SO_RE.sub("", out, count=1)
            continue
        clause = _CLAUSE_MARKER_RE.match(out)
        if clause:
            out = out[clause.end():]
            continue
        stripped = _MARKER_RE.sub("", out, count=1)
        # Never strip the whole sentence away: "Right." stays "Right." (an acknowledgement).
        if stripped and re.search(r"\w", stripped):
            out = stripped
    return out.strip(), so_start


# ---------------------------------------------------------------------------------------------
# Word lists

STOPWORDS = frozenset("""
a an the and or but so if then than that this these those there here it its it's i me my mine myself
you your yours yourself we us our ours they them their he him his she her to of in on at for with from
by about as into over under up down out off is are was were be been being am do does did doing done
have has had having will would shall should can could may might must not no yes just really very
too quite also even still again more most much many some any all every each what which who whom whose
when where why how okay ok right yeah well um uh like oh ah mm hmm sure i'm you're we're they're it's
that's there's i've you've we've i'd you'd we'd i'll you'll we'll don't doesn't didn't isn't aren't
wasn't weren't won't wouldn't can't couldn't haven't hasn't let's get got go going gone thing things
lot bit kind sort actually basically honestly maybe now then always never one ones
""".split())

# Single words that acknowledge without asking; phrases ("I see", "got it") are in _ACK_PHRASE.
_ACK_WORDS = frozenset("""
mm mmm mhm hm hmm huh uh-huh mm-hm mm-hmm okay ok right yeah yes yep yup sure great cool nice wow oh ah
aha interesting really perfect lovely brilliant excellent awesome fantastic wonderful thanks so well
totally absolutely exactly true haha ha hah oof gosh aw aww understood alright noted indeed gotcha fine
good amazing definitely certainly uh um
""".split())

_AUX = ("do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "can", "could", "will",
        "would", "should", "shall", "may", "might", "am")
_NEG_AUX = ("don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't",
            "haven't", "hasn't", "hadn't", "can't", "couldn't", "shouldn't")
_SUBJECTS = (r"(?:you|ya|u|it|he|she|they|we|i|there|that|this|those|these|your|the|a|an|any|anyone|"
             r"anybody|anything|someone|somebody|something|everyone|everybody|each|my|our|his|her|their|"
             r"people|other|most|\w+'s)")

# Evaluative words that, put into a question, hand the interviewee a feeling or a verdict.
LOADED = frozenset("""
annoying annoyed frustrating frustrated stressful stressed painful pain nightmare terrible awful horrible
bad worse worst great amazing awesome fantastic wonderful brilliant excellent perfect easy easier easiest
hard harder difficult confusing confused complicated useless helpful useful valuable convenient
inconvenient motivating motivated exciting excited fun enjoyable boring slow faster fast quick cheaper
expensive overpriced unfair ridiculous rip-off guilty worried worrying scary scared anxious happy happier
satisfied pleased love loved hate hated relief relieved better healthier simpler messy mess disorganised
disorganized exhausting exhausted unsafe safe reliable unreliable impossible stupid silly wonderful
headache biggest worst best favourite favorite rip-off nightmare hassle rough tough
""".split())


_PRODUCT_NOUNS = (r"(?:app|apps|tool|feature|features|product|platform|service|plan|tariff|dashboard|"
                  r"checklist|planner|portal|software|solution|version|system|bot|mode|option|button|"
                  r"subscription|box|kit|assistant|coach|tutor|van|vans|station|pouch|bar|shampoo|website|"
                  r"site|widget|integration|notification|notifications|reminder|reminders|menu|map|card|"
                  r"pot|account|programme|program|update|design|screen|setting|settings|extension|device)")


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class _CaseFree:
    """A case-insensitive pattern (all its letters lower case) that reads a text without upper-case letters, in ASCII,
    through a case-sensitive twin: on such a text both find the same matches with the same spans and groups, and the
    twin skips ``re``'s slow case-folding path (a few times faster on the long alternations). Any other text goes to the
    pattern itself. Only ``search``, ``match`` and ``finditer`` are offered: what the rules call on these patterns."""

    __slots__ = ("folded", "plain", "pattern", "flags", "groups", "groupindex")

    def __init__(self, folded: re.Pattern[str]) -> None:
        # Escapes of classes and of punctuation only (no "\x41", "\N{...}": letters the check below would not see).
        bare = re.sub(r"\\[bBsSwWdD\W]|\(\?P<\w+>|\(\?P=\w+\)|\(\?(?:[:=!]|<[=!])", "", folded.pattern)
        if not folded.flags & re.IGNORECASE or any(ch.isupper() for ch in bare) or "(?" in bare or "\\" in bare:
            raise ValueError(f"not a lower-case case-insensitive pattern: {folded.pattern[:60]!r}")
        self.folded = folded
        self.plain = re.compile(folded.pattern, folded.flags & ~re.IGNORECASE)
        self.pattern, self.flags, self.groups, self.groupindex = \
            folded.pattern, folded.flags, folded.groups, folded.groupindex

    def _for(self, text: str) -> re.Pattern[str]:
        return self.plain if text.isascii() and text.islower() else self.folded

    def search(self, text: str, *args):
        return self._for(text).search(text, *args)

    def match(self, text: str, *args):
        return self._for(text).match(text, *args)

    def finditer(self, text: str, *args):
        return self._for(text).finditer(text, *args)


# ---------------------------------------------------------------------------------------------
# Question patterns (matched against the focus, lower-cased, markers stripped)

_FAUX = _rx(
    r"^(?:(?:so|and|now|okay|ok)\s+)?(?:please\s+)?(?:(?:(?:can|could|would|will)\s+you|(?:do|would)\s+you\s+mind)\s+"
    r"(?:please\s+)?(?:mind\s+)?)?"
    r"(?:tell(?:ing)?|let(?:ting)?)\s+(?:me|us)(?:\s+know)?\s*(?:[,:;-]+\s*|\s+)"
    r"(?P<inner>(?:if|whether|did|do|does|is|are|was|were|have|has|had|can|could|will|would|should|"
    r"how many|how much|how often|how long|how old|when|which|who|where)\b.*)$"
)
_FAUX_ANYWHERE = _rx(
    r"\b(?:tell(?:ing)?|let(?:ting)?)\s+(?:me|us)(?:\s+know)?\s*(?:[,:;-]+\s*|\s+)"
    r"(?P<inner>(?:if|whether|did|do|does|is|are|was|were|have|has|had|can|could|will|would)\b)"
)
_WANT_TO_KNOW_IF = _rx(r"^(?:(?:i'd|i would|i'd really|i) (?:love|like|want|wanted) to (?:know|ask|hear)|"
                       r"(?:i'm|i am|i was)\s+(?:(?:just|really)\s+)?(?:curious|wondering|interested\s+to\s+(?:know|hear)))"
                       r"\s+(?:if|whether)\b(?!\s+you\s+(?:could|would|can|might|'d)\b)")
_SHARE_IF = _rx(r"^(?:(?:so|and|now|okay|ok)\s+)?(?:please\s+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?"
               r"(?:share|say|confirm|explain|describe|mention)\s+(?:with\s+(?:me|us)\s+|to\s+(?:me|us)\s+)?"
               r"(?P<inner>(?:if|whether)\b.*)$")
# Hedges a speaker puts between "can you" and the request ("can you sort of tell me", "could you maybe walk me
# through"): they change nothing about what is asked.
_HEDGE = _rx(r"\b(?P<head>(?:can|could|would|will)\s+you|(?:can|could|may|might)\s+i)\s+"
             r"(?:(?:sort|kind)\s+of|maybe|perhaps|possibly|just|quickly|briefly|also|like|actually|please|um|uh)\s+")
# A yes/no frame around the question the customer will answer: "Can I ask what made you sign up?", "Do you remember
# how you felt?", "Would you be able to describe the last box?", "I'd be interested to hear how you chose it." The
# frame asks nothing of its own; the embedded question decides (``inner``).
_FRAME = _rx(
    r"^(?:(?:so|and|okay|ok|now|but)\s+)?(?P<frame>(?:can|could|may|might)\s+i\s+ask(?:\s+you)?|"
    r"(?:do|did)\s+you\s+(?:remember|recall|know)|(?:can|could)\s+you\s+(?:remember|recall)|"
    r"(?:would|could|will)\s+you\s+be\s+able\s+to|(?:do|would)\s+you\s+mind|"
    # Requests for permission or willingness: "Can we talk about…", "Shall we start with…", "Mind if we go back to…",
    # "Are you comfortable sharing…", "Do you wanna describe…", "Is it okay if I ask what…".
    r"(?P<request>(?:are|were)\s+you\s+(?:able|willing|happy|comfortable|okay|ok)(?:\s+to)?|"
    r"(?:would|will)\s+you\s+be\s+(?:willing|happy|comfortable|okay|ok)(?:\s+to)?|"
    r"(?:can|could|shall|may)\s+we|(?:(?:do|would)\s+you\s+)?(?:mind|want\s+to|wanna)(?:\s+if\s+(?:we|i)(?:\s+ask(?:ed)?(?:\s+you)?)?)?|"
    r"is\s+it\s+(?:okay|ok|alright|all\s+right)\s+(?:if|for)\s+(?:we|i|me)(?:\s+to)?(?:\s+ask(?:\s+you)?)?)|"
    r"(?:have\s+you\s+got|do\s+you\s+have)\s+(?:a\s+sense|an\s+idea|any\s+idea|a\s+feel(?:ing)?)(?:\s+(?:of|for|about))?|"
    r"i(?:'d|\s+would)\s+be\s+(?:really\s+|very\s+|so\s+)?(?:interested|curious|keen|glad)\s+to\s+(?:hear|know|learn|understand)|"
    r"i'm\s+(?:really\s+|very\s+)?(?:interested|curious)\s+to\s+(?:hear|know|learn))[,\s]+(?P<inner>.+)$"
)
_FRAME_INNER_WH = _rx(r"^(?:what|how|why|when|where|which|who|whether|if)\b")
_ASKING_FRAME = _rx(r"^(?:(?:so|and|okay|ok|now|but)\s+)?(?:(?:can|could|may|might)\s+i\s+ask|i)")


def _unhedge(q: str) -> str:
    """``q`` without the hedges between "can you" and the request."""
    for _ in range(3):
        new = _HEDGE.sub(lambda m: m.group("head") + " ", q)
        if new == q:
            break
        q = new
    return q


def _framed_question(q: str) -> tuple[str, str] | None:
    """(frame, embedded question) when a yes/no frame only carries another question, else None."""
    match = _FRAME.match(q)
    if not match:
        return None
    inner = match.group("inner").strip(" ,")
    frame = match.group("frame")
    asking = re.match(r"^if\s+(?:i|we)\s+(?:could\s+)?ask(?:ed)?(?:\s+you)?\s+(?P<rest>.+)$", inner, re.IGNORECASE)
    if asking and re.search(r"\bmind$", frame):
        # "Do you mind if I ask how you pay?": the question asked leave for.
        frame, inner = frame + " if i ask", asking.group("rest")
    if re.match(r"^what\s+i\s+mean", inner):
        return None  # "Do you know what I mean?" checks you were understood
    if _FRAME_INNER_WH.match(inner):
        return frame, inner
    if re.search(r"\bask(?:ed)?(?:\s+you)?$", frame) and re.match(r"^about\s+\w", inner):
        # "Can I ask about the money side of things?", "Do you mind if I ask about your budget?": leave to ask about a
        # thing is an invitation to talk about it.
        return frame, "tell me " + inner
    if (re.search(r"\b(?:able\s+to|mind)$", frame) or match.group("request")) and (_INVITE.match(inner) or _FAUX.match(inner)):
        return frame, inner  # "would you be able to describe…", "would you mind walking me through…"
    return None

_INVITE = _rx(
    r"^(?:(?:please|maybe|perhaps|just|do)\s+){0,2}(?:(?:can|could|would|will)\s+you\s+(?:please\s+|maybe\s+|just\s+){0,2}"
    r"(?:start\s+by\s+)?|(?:can|could|may)\s+i\s+ask\s+you\s+to\s+|i'd\s+(?:love|like)\s+(?:for\s+)?you\s+to\s+|"
    r"i\s+want\s+you\s+to\s+|start\s+by\s+|(?:do|would)\s+you\s+(?:mind|want\s+to)\s+)?"
    r"(?P<verb>tell(?:ing)?\s+(?:me|us)|walk(?:ing)?\s+(?:me|us)|talk(?:ing)?\s+(?:me|us)\s+through|"
    r"talk(?:ing)?\s+(?:a\s+(?:bit|little)\s+)?about|take\s+(?:me|us)|run\s+(?:me|us)\s+through|describ(?:e|ing)|"
    r"explain(?:ing)?|introduc(?:e|ing)\s+yourself|shar(?:e|ing)|elaborat(?:e|ing)|expand(?:ing)?|say\s+(?:a\s+(?:bit|little|few\s+words)\s+)?(?:more|about)|"
    r"start\s+(?:with|by\s+(?:telling|describing|walking))|"
    r"give\s+(?:me|us)\s+(?:an?\s+|some\s+)?(?:example|examples|idea|sense|picture)|show\s+(?:me|us)|"
    r"paint\s+(?:me|us)\s+a\s+picture|help\s+me\s+(?:understand|picture|see|get\s+a\s+(?:sense|feel|picture))|go\s+(?:on|into)|"
    r"go(?:ing)?\s+(?:through|over)\s+(?:it|that|this|the|your|what|how|last|a|an)\b|keep\s+going|"
    r"talk\s+to\s+(?:me|us)(?=\s*[.!?]*$)|is\s+there\s+(?:any(?:thing)?\s+)?more\s+(?:to|about|on|you|behind)|"
    r"think\s+back|remind\s+me|fill\s+me\s+in|recall|"
    # "Can you go back to when it started?": back to a moment of their story. "Would you go back to them?" asks whether.
    r"go\s+back\s+to\s+(?=(?:when|what|where|how|something|that\s+(?:day|time|moment|morning|evening|night|week|point|"
    r"call|meeting)|the\s+(?:day|time|moment|start|beginning|first|last|morning|evening|night|point|part)|your\s+first)\b)|tell\s+(?:me|us)\s+more|talk\s+to\s+(?:me|us)\s+about|"
    r"think\s+of\s+(?:a|an|one|the\s+last|some)\s+(?:\w+\s+)?(?:time|example|moment|occasion|day|situation|instance)|"
    r"unpack|clarify|break\s+(?:that|it|this)\s+down|dig\s+into|go\s+deeper|flesh\s+(?:that|it|this)\s+out|"
    # "Do you have an example of when…?", "Is there a story behind that?": a story asked for, not a yes.
    r"(?:do\s+you\s+have|have\s+you\s+got|is\s+there|got)\s+(?:an?\s+|any\s+|one\s+)?(?:(?:other|specific|concrete|"
    r"recent|good|particular)\s+)?(?:example|examples|story|stories|instance))\b"
)
_INVITE_STATEMENT = _rx(
    r"^(?:.{0,40}?\b)?(?:i'd|i would|i'd really|i would really|we'd|i really)\s+(?:love|like|want)\s+(?:to\s+(?:hear|know\s+more|"
    r"understand|learn|talk)|you\s+to\s+(?:tell|walk|talk|describe|share|explain))\b(?!\s+(?:if|whether)\b)"
    r"|^(?:(?:i'm|i am|we're)\s+)?(?:really\s+|just\s+)?(?:curious|interested|wondering)[,:]?\s+(?:about|to\s+hear|in|how|what|why)\b"
    r"|^i\s+(?:was\s+)?wonder(?:ing)?\s+if\s+you\s+could\s+(?:tell|walk|talk|describe|explain|share)\b"
    r"|^let's\s+(?:talk|start|go\s+back|chat|dig|dive|look)\b(?!.*\b(?:in\s+a\s+(?:minute|moment|bit|second)|later|afterwards|next)\b)"
    r"|^let\s+me\s+hear\b"
    # "You were saying something about WhatsApp?": the thread handed back to them to go on with.
    r"|^(?:so\s+|and\s+)?you\s+(?:were\s+saying|mentioned|said|were\s+telling\s+me)\s+(?:something|a\s+(?:bit|little))\s+about\b"
    r"|^(?:i\s+guess\s+)?(?:what\s+)?i'm\s+(?:really\s+|just\s+)?(?:wondering|curious\s+about|trying\s+to\s+understand)"
    r"(?:\s+is)?,?\s+(?:how|what|why|in\s+what\s+way)\b"
)
# Closing invitations: the floor is theirs for whatever was not asked ("Is there anything I haven't asked about
# that you think I should know?", "Anything else you'd like to add?"). Open, never hypothetical.
_CLOSING_HEAD = _rx(
    r"^(?:(?:is|was)\s+there|are\s+there|do\s+you\s+have|have\s+you\s+got|(?:can|could)\s+you\s+think\s+of)?\s*"
    r"(?P<ev>anything|any\s*thing|something|any\s+(?:other\s+)?(?:thoughts?|questions?|comments?|things?|points?))"
    r"(?P<else>\s+else)?\b(?P<rest>.*)$"
)
_CLOSING_META = _rx(
    # (…or others: "anything about that year you'd want your manager to understand".)
    r"\byou(?:'d|\s+would)?\s+(?:like|want|wish)\s+(?!to\b)(?:[\w']+\s+){1,4}?to\s+(?:know|hear|understand)\b|"
    r"\b(?:i|we)\s+(?:haven't|have\s+not|didn't|did\s+not|never|forgot\s+to|should\s+have|should've|might\s+have|may\s+have)\s+"
    r"(?:\w+\s+)?(?:ask|asked|cover|covered|talk|talked|mention|mentioned|discuss|discussed|get|got|touch|touched|missed)\b"
    r"|\bexpected\s+me\s+to\s+ask\b|\bi\s+should\s+(?:know|ask|hear|have\s+asked)\b|\bwe\s+should\s+(?:know|cover|talk)\b"
    r"|\byou(?:'d|\s+would)?\s+(?:like|want|wanna|wish)\s+to\s+(?:add|share|tell|mention|say|talk|ask|bring\s+up)\b"
    r"|\bto\s+add\b|\bbefore\s+we\s+(?:finish|wrap|stop|end|go|close)\b|\bon\s+your\s+mind\b|\bcomes?\s+to\s+mind\b"
    r"|\bwe\s+(?:missed|skipped|left\s+out)\b|\bthat\s+(?:matters|mattered|stands\s+out|stood\s+out|comes\s+up|came\s+up|"
    r"struck\s+you|surprised\s+you)\b"
)
_CLOSING_ELSE = _rx(
    r"\b(?:add|share|tell|mention|say|talk|cover|know|ask|think\s+(?:of|about)|important|matters?|about|bring\s+up|"
    r"on\s+your\s+mind|come\s+to\s+mind|comes\s+to\s+mind|came\s+to\s+mind|stand\s+out|stands\s+out|stood\s+out|"
    r"surprised?|struck|worth)\b|^\s*\??$"
)


# Where a closing invitation can start inside a caption ("… um is there anything i haven't asked").
_CLOSING_START = _rx(r"\b(?:is|are|was|anything|any|what|have|has|do|did|can|could|would|if|before)\b")


def _others_view(low: str) -> "re.Match[str] | None":
    """What others say or do, named in ``low`` (:data:`_SOCIAL`, :data:`_SOCIAL_SAMPLE`), unless it only backs their
    own view ("a lot of people we talk to say the same thing": no view of yours)."""
    social = _SOCIAL.search(low) or _SOCIAL_SAMPLE.search(low)
    if social and re.match(r"\s*(?:the\s+same|that\s+too|something\s+similar|similar\s+things?)\b", low[social.end():]):
        return None
    return social


# "What should I have asked you?", "What did I miss?", "Have I missed anything?", "What haven't we talked about that
# matters to you?": the interviewer asks what the interview left out.
_CLOSING_WHAT = _rx(
    r"^(?:(?:and|so|okay|ok|lastly|finally|last\s+one|before\s+we\s+(?:finish|wrap\s+up|stop|go))[,\s]+)*"
    r"(?P<ev>what\s+(?:else\s+)?(?:should|could|would)\s+(?:i|we)\s+have\s+asked"
    r"|what\s+(?:else\s+)?(?:did|have)\s+(?:i|we)\s+(?:miss|missed|leave\s+out|left\s+out|forget|forgotten|not\s+asked)"
    r"|what\s+(?:haven't|didn't|have\s+not|did\s+not)\s+(?:i|we)\s+(?:ask|asked|cover|covered|talk|talked|touch|touched)"
    r"|(?:have|did)\s+(?:i|we)\s+(?:miss|missed|leave\s+out|left\s+out|forget|forgotten)\s+(?:anything|something))\b"
)


def _closing_invitation(q: str) -> str | None:
    """The words that make ``q`` (lower case, markers stripped) a closing invitation, or None."""
    asks_what = _CLOSING_WHAT.match(q.strip(" ?.!").replace("should've", "should have"))
    if asks_what:
        return asks_what.group("ev")
    match = _CLOSING_HEAD.match(q.strip(" ?.!"))
    if not match:
        return None
    rest = match.group("rest")
    if _CLOSING_META.search(rest) or (match.group("else") and _CLOSING_ELSE.search(rest)):
        return (match.group("ev") + (match.group("else") or "")).strip()
    return None
_SHORT_OPEN = _rx(
    r"^(?:and\s+)?(?:why|why not|how come|how so|how do you mean|in what way|in what ways|in what sense|such as|like what|for example|"
    r"for instance|what else|and then|then what|what then|what next|what happened next|what happened then|"
    r"what do you mean|meaning|go on|tell me more|say more|more on that|how|what about it|and\s+then\s+what|"
    r"then what happened|what was that like|how was that|how did that go|how did that feel|and after that|"
    r"then|and so|after that|what happened after that|and|(?:any\s+)?(?:thoughts|reactions|reflections)(?:\s+on\s+(?:that|this|it))?|"
    r"(?:any\s+)?(?:thoughts|reactions)\s+on\s+(?:why|how|what)\b.*|"
    # The bare probes of a terse interviewer: a word that asks for the rest ("Example?", "Because?", "Like?").
    r"(?:an?\s+)?examples?(?:\s+of\s+(?:that|this))?|because(?:\s+of\s+what|\s+why)?|like|which\s+means|which\s+meant|"
    r"meaning\s+what|such\s+as\s+what|in\s+what\s+respect|elaborate|say\s+more\s+about\s+that)"
    r"\s*(?:happened)?\??$"
)
# A prompt for more at the end of a turn, after a comma or joined by "and": "…, and before that?", "… and then?",
# "…, like what?", "…, how come?". A bare "then" or "so" at the end closes a summary check instead ("So it was the
# price, then?").
_TRAILING_PROMPT = _rx(r"(?:,\s*|\s(?=and\s))(?P<p>(?:and\s+)?(?:then\s+what(?:\s+happened)?|what\s+then|what\s+next|"
                       r"what\s+happened\s+(?:next|then|after\s+that)|(?<=and\s)then|after\s+that|before\s+that|"
                       r"like\s+what|such\s+as|for\s+example|how\s+come|how\s+so|in\s+what\s+way|what\s+else|"
                       r"why\s+(?:was|is)\s+that))\s*\??\s*$")
_EXCLAMATIVE = _rx(
    r"^(?:what\s+an?\s+\w+(?!\s+(?:do|did|does|is|was|would|will|can|could|have|has)\b)|how\s+(?:interesting|nice|cool|"
    r"lovely|funny|strange|weird|awful|sad|exciting|wonderful|great|amazing|brilliant|fascinating|annoying|frustrating|"
    r"horrible|terrible)(?!\s+(?:was|is|were|are|did|do|does|would|will|has|have|had|can|could)\b)|who\s+knows|"
    r"why\s+not)\b[^?]*[.!]?$"
)
_NEG_START = _rx(r"^(?:" + "|".join(_NEG_AUX) + r")\s+" + _SUBJECTS + r"\b|^(?:" + "|".join(a for a in _NEG_AUX if a != "don't")
                 + r")\s+(?!(?:know|care|mind|worry|hesitate|forget)\b)[a-z][\w'-]*\b|^(?:do|does|did|is|are|was|were)\s+(?:you|it|that|they)\s+not\b")
_AUX_START = _rx(r"^(?P<aux>" + "|".join(_AUX) + r")\s+" + _SUBJECTS + r"\b")
_ELLIPTIC_YESNO = _rx(r"^(?:any|anything|anyone|anybody|ever|still|much|every|each)\b")
_WH_CLOSED = _rx(
    r"^(?P<wh>how\s+(?:many|much|often|long|old|far|big|soon|frequently|regularly|early|late|fast|quickly|likely|"
    r"recently|large|small|tall|heavy)|when|whereabouts|where|which|who|whom|whose|what\s+(?:time|year|day|date|month|"
    r"week|brand|make|model|size|colou?r|age|ages|percentage|price|rate|version|plan|app|tool|software|bank|"
    r"network|browser|device|phone|car|number|platform|store|shop|supermarket|company|provider|tariff|line|"
    r"route|station|team|level|grade|score|airline|hotel|school|course|branch|pharmacy|garage|breed|flavou?r|"
    r"temperature|currency|language|channel|website|site|card|account|town|city|country|street|postcode))\b"
)
_CONCRETE_KINDS = frozenset("""
phone car plan card account laptop computer device bank contract subscription job house flat apartment bike dog cat
shampoo app model brand tariff insurance policy mortgage loan degree course membership ticket tv camera printer
software tool machine vehicle home boiler meter heating oven fridge browser network provider school
""".split())
_WHAT_KIND = _rx(r"^what\s+(?:kind|kinds|sort|sorts|type|types)\s+of\s+(?P<noun>\w+)")
_WHAT_FACT = _rx(
    r"^what(?:'s| is| was| were| are)\s+(?:your|the|their|his|her)\s+(?:(?:monthly|weekly|yearly|annual|daily|hourly|"
    r"new|old|current|usual|normal|full|total|exact|first|last|rough)\s+){0,2}(?:name|role|job|title|age|budget|postcode|"
    r"address|email|salary|income|price|cost|fee|fees|rate|total|amount|figure|number|size|date|deadline|limit|"
    r"favou?rite\s+\w+|usual\s+\w+)(?:\s*,?\s+(?:for|of|on|per|a|each|every|roughly|approximately|exactly|again|then|now|"
    r"these\s+days|at\s+the\s+moment)\b[^?]*)?\??$"
    # "What's the longest you've waited?", "what's the cheapest one you found": a measure's extreme, one fact.
    r"|^what(?:'s| is| was)\s+the\s+(?:longest|shortest|cheapest|furthest|farthest|earliest|latest|highest|lowest|oldest|"
    r"youngest|fewest|most\s+(?:expensive|you've|you\s+have|you|people))\b"
    # "what did it cost you": a price.
    r"|^what\s+(?:did|does|do|will|would)\s+(?:it|that|this|they|those)\s+cost\b"
    # "What would you pay for that?", "What would a service like that be worth to you?": an amount of money.
    # ("What would you pay for?" asks which things.)
    r"|^what\s+(?:did|does|do|will|would|'d)\s+(?:(?:you|they|she|he)\s+|(?:a|an|the|that|this)\s+(?:[\w'-]+\s+){0,3}?)"
    r"(?:(?:\w+\s+)?pay|charge|be\s+worth)\b(?!\s+(?:attention|off|back|a\s+visit)\b|\s+for\s*(?:[?,.!]|$))"
    # "when did he last go, what was it for": the purpose of one visit, one fact.
    r"|^what(?:'s|\s+is|\s+was)\s+(?:it|that|this)\s+for\s*\??$"
)
# "so you've been there, what, three years": a number guessed with a spoken "what", a fact to confirm.
_WHAT_GUESS = _rx(r",\s*what,?\s+(?:about\s+|like\s+|maybe\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                  r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|a\s+couple|a\s+few|half|\d+)\b")
_WHERE_ABSTRACT = _rx(r"^where\s+(?:do|does|did|would|should)\s+(?:[\w'-]+\s+){1,4}?(?:come\s+in(?:to)?|fit\s+in(?:to)?|(?:like\s+|want\s+)?to\s+start|"
                      r"stand|end\s+up\s+with)\b")
# "What was the app called again?": a name, one fact.
_WHAT_NAME = _rx(r"^what(?:'s|\s+is|\s+was|\s+were|\s+are)\s+(?:the|your|their|his|her|that|this|it)\s*(?:[\w'-]+\s+){0,3}?"
                 r"(?:called|named)\b")
# A tag of the other polarity after a negative clause, with or without a comma: "they probably don't trust the app, do
# they", "three is just not enough is it".
_REVERSED_TAG = _rx(r"^(?:(?:and|so|but)\s+)?(?:(?:the|an?)\s+[\w']+|[\w']+)\b(?P<clause>[^,]*?)(?:,\s*|\s+)"
                    r"(?P<tag>do|does|did|is|was|are|were|have|has|can|could|would|will)\s+(?:you|they|it|he|she|we|there)\s*[?.!]*$")


def _reversed_tag(low: str) -> bool:
    """A positive tag after a negative clause ("they don't trust it, do they"): it asks them to agree."""
    match = _REVERSED_TAG.match(low.strip())
    return bool(match and re.search(r"\b(?:\w+n't|not|never|no\s+longer|nobody|nothing|no\s+one)\b", match.group("clause")))


_WH_OPEN = _rx(r"^(?P<wh>what|how|why|in\s+what\s+way|what's|how's|how'd|what'd)\b")
_RATE = _rx(r"\b(?:on a scale|rate it|how would you rate|out of (?:ten|10|five|5)|score it)\b")
_CHOICE_SHORT = _rx(r"^[\w' -]{1,30}\s+or\s+[\w' -]{1,30}\??$")
# Two short answers offered after the question's comma ("How did you pay, card or cash?"; not "…, or something else").
_OFFERED_CHOICE = _rx(r",\s*(?:(?:was\s+it|is\s+it|like)\s+)?(?:the\s+|a\s+|an\s+|by\s+|on\s+|in\s+)?[\w'-]+(?:\s+[\w'-]+)?"
                      r"\s+or\s+(?!(?:not|what|something|anything|so|whatever)\b)(?:the\s+|a\s+|an\s+|by\s+|on\s+|in\s+)?"
                      r"[\w'-]+(?:\s+[\w'-]+)?\s*\??$")
# A short option before ", or" and a yes/no question after it ("Just you, or have you got anyone helping?").
OPTION_THEN_YES_NO = _rx(r"^[\w' -]{1,30},\s*or\s+(?P<q>(?:is|are|was|were|do|does|did|have|has|had|can|could|would|will|"
                          r"should)\s+(?:you|there|it|they|he|she|anyone|someone)\b)")
_OR_ENDING = _rx(r"\bor(?:\s+(?:not|what|something|something else|anything else|no))?\s*\??$")

# A positive tag, its pronoun agreeing with its auxiliary ("does she", "do they", "was there"; not "do it").
_AGREEING_TAG = (r"(?:does|is|has|was)\s+(?:she|he|it)|(?:do|are|have|were)\s+(?:we|they|you)|"
                 r"(?:did|can|could|would|will)\s+(?:she|he|we|they|it|you)|(?:is|are|was|were)\s+there")
# Leading patterns: agreement-seeking, presupposition, social proof, loaded degree.
_TAG = _rx(
    r"(?:,|\s)\s*(?P<tag>right|correct|yeah|no|huh|eh|true|isn't\s+it|isn't\s+that|aren't\s+they|aren't\s+you|"
    r"don't\s+you|didn't\s+you|didn't\s+they|doesn't\s+it|didn't\s+it|wasn't\s+it|weren't\s+you|weren't\s+they|"
    r"won't\s+you|won't\s+it|wouldn't\s+you|wouldn't\s+it|haven't\s+you|hasn't\s+it|haven't\s+they|"
    r"can't\s+you|couldn't\s+you|is\s+it\s+not|am\s+i\s+right|wouldn't\s+you\s+say|would\s+you\s+say|"
    r"don't\s+they|do\s+they|does\s+it|is\s+it|was\s+it|did\s+you|do\s+you|aren't\s+i|surely|yes|ok|okay|"
    r"you\s+know\s+what\s+i\s+mean|know\s+what\s+i\s+mean|"
    r"(?:is|are|was|were|do|does|did|has|have|had|can|could|would|will|should|wo|ca)n't\s+(?:she|he|we|i|there|this|that|they|it|you)|"
    # a positive tag of any auxiliary ("…, did they?", "…, does she?"), its pronoun agreeing with it; not the verb of a
    # clause after its subject ("…why they do it", "what she did it for")
    r"(?<!\bi\s)(?<!\byou\s)(?<!\bwe\s)(?<!\bthey\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bit\s)(?<!\bwho\s)(?<!\bthat\s)"
    r"(?<!\bwhat\s)(?<!\bwhy\s)(?<!\bhow\s)(?<!\bwhere\s)(?<!\bwhen\s)(?<!\bwhich\s)"
    r"(?:" + _AGREEING_TAG + r"))"
    r"\s*[?.!]*\s*$"
)
_POSITIVE_TAG = _rx(_AGREEING_TAG)
_TAG_MID = _rx(
    r"\b(?P<tag>isn't\s+it|aren't\s+they|don't\s+you|didn't\s+you|wasn't\s+it|doesn't\s+it|wouldn't\s+you|"
    r"haven't\s+you|didn't\s+they|right)\s+(?:\w+\s*){1,4}[?.!]?$"
)
_AGREE = _rx(
    r"\b(?P<ev>do\s+you\s+agree|would(?:n't)?\s+you\s+agree|you'd\s+agree|don't\s+you\s+agree|agree\s+that|"
    r"wouldn't\s+you\s+say|^(?:so\s+)?would\s+you\s+say\s+(?:that|[^?]*\b(?:main|biggest|real|only|key|primary|chief|"
    r"number\s+one|mainly|mostly|primarily|largely|the\s+most|the\s+best|the\s+worst|the\s+hardest)\b)|(?:is\s+it|would\s+it\s+be|would\s+you\s+say\s+it's|am\s+i)\s+(?:fair|right|true|accurate|correct)\s+(?:to\s+say|in\s+(?:saying|thinking))|"
    r"am\s+i\s+right|isn't\s+it\s+true|is\s+that\s+true\s+for\s+you|you\s+must\s+(?:have\s+been|be|get|feel|have|love|hate|find|think|\w+ly)|"
    r"i'm\s+sure\s+you|i\s+am\s+sure\s+you|i\s+bet|i\s+guess\s+(?:you|the|that|it)|i\s+imagine\s+(?!what|how|why)\w+|"
    r"i\s+suppose\s+(?:you|the|that|it)|"
    r"i'd\s+guess|i\s+would\s+guess|i\s+assume|presumably|surely|obviously\s+you|of\s+course\s+you|"
    r"you\s+probably|(?:that|it)\s+must\s+(?:have\s+\w+|be|feel|get|seem)|you\s+(?:really\s+)?(?:love|hate)|"
    r"don't\s+you\s+think|you'd\s+never|you\s+wouldn't)\b"
)
_SOCIAL = _rx(
    r"\b(?<!how\s)(?P<ev>(?:most|many|lots\s+of|a\s+lot\s+of|other|our|some|all|plenty\s+of)\s+(?:of\s+our\s+)?(?:[a-z]+\s+)?(?:customers|people|users|"
    r"clients|parents|travell?ers|freelancers|students|drivers|members|folks|patients|families|teams|"
    r"companies|owners|riders|listeners|readers|gamers|farmers|"
    # any other group of people ("most managers we talk to say…"): a plural, not of time or things
    r"(?!(?:times|days|weeks|months|years|things|ways|places|cases|items|orders|bits)\b)[a-z]{3,}(?:ers|ors|ists|ians|ants|ents|les|ies))"
    r"|everyone|everybody|nobody)\s+"
    r"(?:(?:who|that)\s+(?:\w+\s+){1,4}?|(?:we|i)\s+(?:\w+\s+){1,3}?|(?:\w+\s+){0,2})(?:say|said|says|tell\s+us|told\s+us|love|loves|prefer|prefers|find|finds|think|thinks|"
    r"hate|hates|agree|like|likes|want|wants|complain|complains)\b"
)
# "Most photographers we've talked to outsource the culling. Have you…?", "Most people we talk to stop going because work
# gets busy. Was that it for you too?": what a sample of others does, whatever the verb, put to them before the
# question.
_SOCIAL_SAMPLE = _rx(
    r"\b(?<!how\s)(?P<ev>(?:most|many|lots\s+of|a\s+lot\s+of|plenty\s+of|half\s+(?:of\s+)?the|nearly\s+all|almost\s+all)"
    r"\s+(?:of\s+the\s+)?(?:[a-z]+\s+)?(?!(?:times|days|weeks|months|years|mornings|evenings|nights|weekends|things|ways)\b)"
    r"(?:[a-z]{3,}s|people|folk))\s+(?:(?:who|that)\s+)?(?:we|i)(?:'ve|\s+have|\s+had)?\s+"
    r"(?:talk(?:ed)?|spoke|speak|spoken|interview(?:ed)?|survey(?:ed)?|ask(?:ed)?|meet|met|work(?:ed)?\s+with|hear\s+from|heard\s+from)\b"
)
_WHY_PRESUPPOSE = _rx(
    r"^why\s+(?:is|was|are|were|does|did|do|has|have)\b.*?\b(?P<int>so|such|too|that)\s+(?:an?\s+)?(?:much\s+|far\s+)?(?P<adj>[\w'-]+)"
)
# "What's so bad about the gym?", "How is it such a hassle?": a verdict taken as given by any question word.
_WH_SO = _rx(r"^(?:what|how)\b(?:'s)?[^?]*?\b(?P<int>so|such)\s+(?:an?\s+)?(?:much\s+|far\s+)?(?P<adj>[\w'-]+)")  # "so much better": the adjective
_WHAT_IS_LOADED = _rx(r"^what(?:'s|\s+is|\s+was|\s+were|\s+are)\s+(?:so\s+|really\s+|most\s+)?(?P<adj>[\w'-]+)\s+about\b")
_WHY_FEEL = _rx(r"^why\s+(?:do|did|does)\s+(?:you|they|(?:the|your|their|those|these|all\s+the)\s+[\w'-]+(?:\s+[\w'-]+)?)\s+"
               r"(?:all\s+|really\s+|just\s+)?(?P<adj>hate|love|dislike|prefer|enjoy|like)\b")
_WHY_JUST = _rx(r"^why\s+(?:don't|didn't|wouldn't|won't|can't|couldn't)\s+(?:you|they)\s+(?:just|simply)\b"
                r"|^why\s+(?:don't|not)\s+(?:you\s+|they\s+)?(?:get|use|try|buy|switch|ask|call|set|book|order|pay|move|"
                r"change|put|install|download|sign|join|go\s+for)\b")
_HOW_LOADED = _rx(
    r"^how\s+(?:much\s+(?P<cmp>[\w'-]+er|more\s+\w+|less\s+\w+)|much\s+(?:do|did|does)\s+(?:you|they)\s+"
    r"(?P<verb>love|like|enjoy|hate|appreciate|value|miss)|(?P<adj>[\w'-]+))\b"
)
_WHAT_LOVE = _rx(r"^what\s+(?:do|did)\s+(?:you|they)\s+(?P<adj>love|adore|enjoy)\s+(?:most\s+|the\s+most\s+)?about\b")
_INTENSE_EVAL = _rx(
    r"\b(?P<int>so|too|really|very|super|incredibly|totally|way\s+too|way(?=\s+\w+er\b|\s+better\b|\s+worse\b)|such\s+an?|"
    r"pretty|extremely|ridiculously|"
    r"(?<=\ba\s)(?:total|complete|absolute|utter)|(?<=\ban\s)(?:absolute|utter))\s+"
    r"(?P<adj>[\w'-]+)"
)
_DECL_GUESS = _rx(r"^(?:so\s+)?(?:you'd|you\s+would|you'll|you're\s+going\s+to)\b")

# Reflection openers.
_REFLECT_START = _rx(
    r"^(?:so\s+)?(?P<ev>it\s+sounds\s+like|sounds\s+like|it\s+sounds\s+as\s+if|it\s+seems\s+(?:like|that|as\s+if)?|"
    r"seems\s+like|it\s+feels\s+like|it\s+looks\s+like|what\s+i'm\s+hearing|i'm\s+hearing|i\s+hear\s+that|"
    r"what\s+i\s+hear|you're\s+saying|what\s+you're\s+saying|so\s+what\s+you're\s+saying|if\s+i\s+understand|"
    r"if\s+i'm\s+understanding|if\s+i've\s+got\s+(?:this|that|it)|let\s+me\s+see\s+if\s+i|in\s+other\s+words|"
    r"so\s+basically|for\s+you\s+it's|for\s+you,?\s+it's|so\s+for\s+you|you\s+feel|you\s+felt|you're\s+feeling|"
    r"you\s+sound|you\s+seem|you\s+seemed|let\s+me\s+check\s+i|to\s+sum\s+up|in\s+short|so\s+in\s+short|"
    r"what\s+i'm\s+getting\s+is|i'm\s+getting\s+that|(?:i\s+)?(?:just\s+)?want\s+to\s+make\s+sure\s+i\s+(?:understand|got|get)|"
    r"let\s+me\s+make\s+sure\s+i|if\s+i'm\s+hearing\s+you\s+(?:right|correctly)|correct\s+me\s+if\s+i'm\s+wrong)\b"
)
_REFLECT_CHECK = _rx(
    r"^(?:am\s+i\s+getting\s+(?:that|this|it)\s+right|is\s+that\s+it|"
    # Any short check of the summary's accuracy: "is that right?", "is that close?", "is that about right?", "am I
    # close?", "that about right?", "would that be fair?", "is that a fair summary?", "does that sound right?", "did I
    # get that right?", "have I understood you correctly?"
    r"(?:(?:is|was|does|would|am|are)\s+)?(?:that|this|i|it)\s+(?:(?:be|sound|seem|about|roughly|more\s+or\s+less|"
    r"pretty|fairly|anywhere|somewhere|a|an)\s+){0,3}(?:right|correct|fair|accurate|close|near|true|spot\s+on|"
    r"fair\s+summary|fair\s+description|good\s+summary)(?:\s+at\s+all)?|"
    r"(?:have|did)\s+i\s+(?:got|get|understood|understand)\s+(?:that|this|it|you)\s+(?:about\s+)?(?:right|correctly))\??$"
)

# Statements.
_GREETING = _rx(
    r"^(?:hi|hello|hey|good\s+(?:morning|afternoon|evening)|morning|afternoon|welcome|nice\s+to\s+(?:meet|see)|"
    r"thanks|thank\s+you|many\s+thanks|cheers|bye|goodbye|take\s+care|congrat\w*)\b"
)
_SIGNPOST = _rx(
    r"^(?:before\s+we\s+(?:start|begin|go\s+on)|just\s+so\s+you\s+know|let\s+me\s+(?:just\s+)?(?:check|explain|"
    r"tell\s+you|introduce|write|note)|i'll\s+|i\s+will\s+|we'll\s+|we\s+will\s+|we're\s+nearly|we\s+have\s+about|"
    r"we've\s+got\s+about|i've\s+only\s+got|i\s+just\s+want\s+to|i\s+want\s+to\s+(?:ask|talk|go\s+back)|"
    r"i'm\s+going\s+to|the\s+next\s+(?:part|bit|section|few\s+questions|topic|thing\s+i)|next\s+i|moving\s+on|let's\s+move\s+on|that's\s+(?:all|everything|it)|"
    r"no\s+worries|no\s+problem|take\s+your\s+time|that's\s+fine|this\s+(?:call|interview|session)|"
    r"there\s+are\s+no\s+(?:right|wrong)|i'm\s+(?:just\s+)?(?:writing|taking|making)|i\s+was\s+going\s+to\s+ask|"
    r"good\s+question|great\s+question|that's\s+a\s+(?:good|great)\s+question|i\s+wonder|sorry|"
    r"i'm\s+(?:not\s+from|here\s+to|on\s+the|from\s+the)|to\s+start,?\s+a\s+little|a\s+little\s+about\s+me|"
    r"let's\s+(?:\w+\s+){1,3}.*\b(?:in\s+a\s+(?:minute|moment|bit|second|sec)|later|afterwards|next))"
)
_EMPATHY = _rx(
    r"^(?:that|this|it)(?:'s|\s+is|\s+was|\s+sounds|\s+must\s+be|\s+must\s+have\s+been)?\s+(?:so\s+|really\s+|such\s+|"
    r"very\s+|a\s+)?(?:great|interesting|lovely|brilliant|good|amazing|helpful|useful|fair|fine|cool|wild|funny|"
    r"awful|terrible|horrible|a\s+shame|a\s+pity|too\s+bad|fascinating|a\s+good\s+point|good\s+point|hard|tough|"
    r"rough|frustrating|annoying|stressful|a\s+lot|very\s+generous|generous|sad|scary|exciting|wonderful|"
    r"great\s+to\s+hear|nice|a\s+horrible|a\s+lot\s+on\s+your\s+plate|really\s+useful)\b"
)
_EMPATHY_LIKE = _rx(r"^(?:(?:oh|wow|gosh|okay|ok|mm+),?\s+)?(?:that|this)\s+(?:sounds|sounded|must\s+have\s+been|must\s+be)\s+"
                    r"like\s+(?:such\s+|quite\s+)?(?:a|an)\s+(?:[\w'-]+\s+){0,2}[\w'-]+\s*[.!]*$")

# Information addressed to them ("you can stop at any time") rather than about them.
_YOU_INFO = _rx(
    r"^(?:you\s+can|you'll|you\s+will|you\s+don't\s+have\s+to|you\s+may|your\s+(?:answers|name|data|details)|"
    r"you've\s+been\s+(?:really\s+|so\s+|very\s+)?(?:helpful|great|brilliant|amazing)|you're\s+welcome)\b"
)

# Flags.
_HYP_EXCLUDE = _rx(
    r"\b(?:would|wouldn't|could)\s+you\s+(?:(?:sort|kind)\s+of\s+|maybe\s+|perhaps\s+|just\s+|possibly\s+|please\s+)*"
    r"(?:be\s+(?:able|willing|happy)\s+to\s+(?:share|show|send|tell|walk|talk|describe|explain|give|go)|be\s+able\s+to|"
    # ("Would you tell me…" asks them now; "Would you tell your friends about it?" imagines a future.)
    r"agree|mind|say|describe|introduce|rate|(?:tell|show|give|send)(?=\s+(?:me|us)\b)|walk|talk|explain|share|"
    r"help|please|repeat|clarify|elaborate|expand|run|take|let\s+(?:me|us)\s+know|go(?=\s+(?:into|through|over|on|ahead))|start|remind|like\s+to\s+(?:add|tell|talk|share|"
    r"say))\b|\bhow\s+would\s+you\s+(?:describe|rate|explain|define|sum)\b|\bwhat\s+would\s+you\s+say\b|"
    r"\byou(?:'d|\s+would)\s+(?:like|rather|agree|prefer|say)\b|\byou'd\s+(?:already\s+|just\s+)?(?:\w+ed|been|gone|done|had|"
    r"lost|spent|paid|got|made|left|forgotten|seen|taken)\b|\bwould\s+you\s+like\b|\bwould\s+it\s+be\s+(?:fair|right|true|accurate|correct)\s+to\s+say\b|\bwould\s+it\s+be\s+(?:ok|okay|alright|fine)\b|"
    r"\b(?:i\s+(?:was\s+)?wonder(?:ing)?\s+)?if\s+you\s+could\s+(?:please\s+)?(?:tell|walk|talk|describe|explain|share|say|"
    r"give|show|take|run)\b.*$"
)
_HYP = _rx(
    r"\b(?P<ev>(?:would|wouldn't|will|won't|could)\s+(?:you|ya|u|your\s+\w+|it|that|this|they|a\s+\w+(?:\s+\w+)?)|"
    r"you'd|you'll|you\s+would|you\s+will|(?:are|were)\s+you\s+(?:going|planning)\s+to|going\s+to\s+\w+\s+next|"
    r"would\s+(?:make|get|help|convince|bring|stop|change|it\s+take|that\s+take)|(?<!i\s)imagine|suppose|picture\s+this|"
    r"pretend|what\s+if|hypothetically|in\s+the\s+future|ideal|ideally|could\s+you\s+see\s+yourself|"
    r"wouldn't\s+it|would\s+it|would\s+that|would\s+\w+\s+have\s+helped|next\s+year|if\s+you\s+could|"
    r"how\s+likely\s+(?:are|would|is)\s+(?:you|they|your\s+\w+)|"
    r"(?:a|an|the|that|this)\s+(?:\w+\s+){0,2}would\s+(?:save|help|make|solve|fix|change|be)|"
    r"if\s+there\s+(?:was|were)|(?:what|who|which)\s+would\s+(?!you\s+say\b)\w+)\b"
)
_IF_THEN = _rx(r"\bif\b.*\b(?:would|will|could|'d|'ll|wouldn't|won't)\b")
# What someone does as a rule ("on a normal day", "usually", "most weeks"): a "would" beside it is habitual.
_HABITUAL = _rx(
    r"\b(?:usually|normally|typically|generally|ordinarily|on\s+average|as\s+a\s+rule|"
    r"(?:(?:on|in)\s+)?an?\s+(?:normal|typical|usual|average|ordinary|regular)\s+(?:day|week|weekday|weekend|morning|evening|"
    r"night|shift|month|year|saturday|sunday|monday|tuesday|wednesday|thursday|friday)|"
    r"most\s+(?:days|weeks|mornings|evenings|nights|weekends|months))\b")
# ...unless a condition, a wish or money for something offered makes it one ("Would you usually pay for it if…").
_HABIT_BREAKERS = _rx(r"\bif\b|\bimagine|\bideal|\bsuppose|\bwhat\s+if\b|\bpay\s+for\b|\bswitch\b|\bsomething\s+like\b")
_PITCH = _rx(
    # "Do you think my idea's any good?", "Does our concept sound useful?": the interviewer's own idea, up for approval.
    r"\b(?P<ev>(?:my|our)\s+(?:(?:app|product|business|little|new|own)\s+)?(?:idea|concept|prototype|mock-?up|start-?up)s?\b|"
    # "Our thing would make it quicker, wouldn't it?", "It's a good idea though, right, ours?", "something like ours":
    # the interviewer's own product, by the word that stands for it.
    r"(?:my|our)\s+(?:little\s+|new\s+|own\s+)?thing\b(?!\s+(?:is|was)\s+(?:that|to)\b)|"
    r"(?<=,\s)ours\b|(?<=like\s)ours\b|(?<=than\s)ours\b|"
    # "So what we're doing is a price checker for…": a cleft that presents your own thing.
    r"what\s+(?:we're|we\s+are)\s+(?:\w+ly\s+)?(?:doing|building|making|developing|creating|designing|working\s+on)\s+is\b|"
    r"(?:we're|we\s+are|we've|we\s+have|we'll|we\s+will|we|i'm|i\s+am|our\s+team\s+is|the\s+team\s+is)\s+"
    r"(?:currently\s+|just\s+|now\s+|actually\s+|also\s+|recently\s+|already\s+)?(?:building|developing|creating|"
    r"designing|launching|working\s+on|adding|piloting|testing|introducing|rolling\s+out|releasing|planning\s+to|"
    r"about\s+to|going\s+to\s+(?:add|launch|build|release)|built|launched|added|developed|"
    r"released|introduced|got\s+(?:a|an)\s+" + _PRODUCT_NOUNS + r"|(?:do|have|offer|make|made|sell|provide|created|"
    r"designed)\s+(?:a|an|the)?\s*(?:\w+[\s-]+){0,2}" + _PRODUCT_NOUNS + r")|if\s+we\s+(?:added|built|made|offered|did|had|launched|created|gave|sent|could|shipped|changed|switched|swapped|replaced|redesigned|simplified|updated|upgraded|bundled|dropped|cut|showed|"
    r"texted|emailed|reminded|notified|matched|booked|handled|charged|"
    r"introduced|included|provided|changed|delivered|let|put|removed|fixed|lowered|started|were\s+to)|"
    r"if\s+we(?:'d|\s+had)\s+(?:\w+ed|given|made|built|sent|put|let|done|got|shown|taken)\b|"
    # "If the depot gave you a key box, would you use it?": a service done for them, offered for their approval.
    r"if\b[^?,]{0,60}?\b(?:gave|offered|sent|let|showed|texted|emailed|reminded|notified|pinged|delivered|matched|"
    r"booked|handled|lent|brought)\s+you\b(?=[^?]*?,?\s*(?:would|will|could)\s+(?:you\s+(?:use|try|pay|buy|want|sign|"
    r"switch|book|come|take)|(?:that|it|this)\s+(?:have\s+)?(?:help|helped|solve|solved|fix|fixed|work|worked|make|made))\b)|"
    r"what\s+if\s+(?:we|there\s+(?:was|were)|you\s+could|your\s+[\w'-]+\s+could|the\s+\w+|our|it\s+(?:just,?\s+)?\w+ed\b)|"
    r"our\s+(?:new\s+|latest\s+|enterprise\s+|family\s+|premium\s+|pro\s+|mobile\s+|free\s+|own\s+)?" + _PRODUCT_NOUNS +
    r"\s+(?:\w+\s+){0,2}(?:lets|let|allows|helps|can|will|includes|does|gives|sends|makes|would|has|solves|"
    r"comes\s+with|automatically|shows|is\s+like|is\s+getting|could|does|[a-z]+s)\b|"
    r"(?:wouldn't|would)\s+it\s+be\s+(?:great|nice|good|easier|better|amazing|cool|handy|helpful|useful|brilliant)\s+if|"
    r"would\s+(?:that|it|this)\s+(?:solve|fix|help)\b|"
    # "Would that have saved you last Saturday?", "would something like that take the pressure off you": the benefit of
    # the thing just described, offered for their yes.
    r"would\s+(?:that|it|this|something\s+like\s+(?:that|this|it))\s+(?:\w+\s+)?(?:have\s+)?(?:helped|saved|solved|fixed|"
    r"sorted|prevented|made\s+(?:a|any|the)\s+difference|make\s+(?:a|any|the)\s+difference|take\s+the\s+(?:pressure|stress|"
    r"hassle)\s+off|save\s+you|sort\s+(?:it|that|things)\s+out|make\s+(?:your|it|things|life)\s+(?:\w+\s+)?easier)\b|"
    # "Would a cheaper six-day pass suit you better?": a better thing of yours, offered for their approval.
    r"would\s+(?:a|an)\s+(?:\w+[\s-]+)?(?:cheaper|faster|simpler|easier|shorter|quicker|smaller|bigger|free|automatic)\s+"
    r"(?:\w+[\s-]+){0,3}?(?:suit|help|work|make|save|solve|fix)\b|"
    # "we'd find you a backup walker within the hour": a service of yours, done for them.
    r"(?:we'd|we\s+would|we'll|we\s+will|we\s+can|we\s+could)\s+(?:just\s+|then\s+|automatically\s+)?(?:find|send|give|remind|"
    r"text|deliver|match|book|sort|handle|notify|ping|show|get|save|refund|cover)\s+you\b|"
    r"\bif\b[^?]*\b(?:through|in|with|via|on|using)\s+(?:an?|the|our)\s+(?:\w+\s+)?" + _PRODUCT_NOUNS + r"\b|"
    r"the\s+new\s+(?:version|app|feature|update|release|design|dashboard|portal)\s+(?:\w+\s+){0,2}(?:has|lets|can|"
    r"will|gives|shows|does)|(?:is|are)\s+getting\s+(?:a|an)\s+(?:\w+\s+){0,2}" + _PRODUCT_NOUNS + r"|"
    r"if\s+(?:the|our|your)\s+(?:\w+\s+)?" + _PRODUCT_NOUNS + r"\s+\w+|"
    r"if\s+there\s+(?:was|were|is)\s+(?:like\s+)?(?:a|an)\s+(?:\w+[\s-]+){0,3}" + _PRODUCT_NOUNS + r"|"
    r"if\s+you\s+could\s+.*\bin\s+(?:the|our)\s+" + _PRODUCT_NOUNS + r"|"
    r"(?:(?:a|an)\s+(?:\w+[\s-]+){0,2})?" + _PRODUCT_NOUNS + r"\s+that\s+(?:\w+s|would|could|will|can|lets)\b|"
    r"(?:a|an)\s+(?:\w+[\s-]+){0,2}" + _PRODUCT_NOUNS + r"\s+that\s+(?:just\s+|automatically\s+)?\w+ed\s+you\b|"
    r"(?:a|an)\s+(?:\w+[\s-]+){0,2}" + _PRODUCT_NOUNS + r"(?:\s+like\s+ours)?\s+(?:would|could|might)\s+(?:have\s+)?"
    r"(?:save|help|make|solve|fix|give|let|stop|prevent)\w*\b|"
    # "a scheduling app like ours", "would you be interested in trying our beta": your own thing, offered.
    r"\b(?:like|such\s+as)\s+ours\b|"
    r"\b(?:interested\s+in|want\s+to|like\s+to|keen\s+to|up\s+for)\s+(?:try|trying|test|testing|use|using|join|joining|"
    r"sign\s+up\s+(?:to|for)|signing\s+up\s+(?:to|for))\s+(?:our|the\s+new)\b|"
    r"\bif\b[^?]*\b(?:for\s+you|automatically)\b|"
    # "something that reminded him automatically", "some kind of tool that…": a solution described, not named.
    r"\b(?:something|a\s+thing|a\s+way|some\s+(?:kind|sort)\s+of\s+[\w-]+)\s+(?:that|which|to)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:automatically|for\s+(?:you|him|her|them|your\s+\w+))\b|"
    r"(?:would|you'd|you\s+would)\s+(?:\w+\s+){0,2}(?:find|want|use|like|need|pay\s+for|buy|try)\s+(?:an?|some)\s+"
    r"(?:[\w-]+\s+){0,2}" + _PRODUCT_NOUNS + r"\b)"
)
# A second question after "and" has question word order ("and what do you buy", "and did anyone"); a noun
# clause does not ("the pension and what it costs is the problem").
_DB_AND = _rx(
    # ("…, and how much of it do you throw away?": a share of it asked for is a second question too.)
    r"(?:,\s*|\s)(?:and|also),?\s+(?P<ev>(?:what|how|why|when|where|which|who)(?:\s+(?:(?:much|many)\s+of\s+(?:it|them|those|"
    r"these|that)|often|much|many|long|far|old|else|exactly|(?:kind|sort|type)\s+of\s+\w+|(?!this\b|his\b|its\b|us\b)\w+s))?\s+(?:do|does|did|is|are|was|were|have|has|had|"
    r"can|could|would|will|should)\b|(?:what|how|where|who)'s\b|"
    r"(?:do|does|did|is|are|was|were|have|has|can|could|would|will)\s+(?:you|your|they|it|he|she|we|the|that|"
    r"this|there|anyone|people|someone|anybody)\b|(?:why|how\s+often|how\s+much|how\s+long|how\s+many|when|"
    r"where|who|what\s+else|why\s+not(?:\s+\w+){0,6})\s*\??$|what\s+(?:else\s+)?(?:keeps|makes|made|got|happened|happens|"
    r"would\s+\w+)\b|who\s+(?:\w+\s+){0,1}(?:decides|does|gets|pays|chooses|signs)|who\s+(?:\w+ly\s+)?\w+(?:s|ed)\b)"
    # Two questions run together with a comma, as people speak: "how do they usually go, what do you do when…".
    r"|^(?:what|how|why)\b[^,]{3,},\s+(?P<ev2>(?:what|how|why)\s+(?:\w+\s+){0,2}?(?:do|does|did|made|makes|"
    r"happened|happens)\s+(?:you|they|it|that)?\b|(?!(?:is|was|are|were|did|does)\s+it\b)(?:do|does|did|is|are|was|were|have|has)\s+"
    r"(?:you|they|it|he|she|we)\s+\w+)"
)

# Pronouns and stems, so that "my car" in their words matches "your car" in an echo.
_PRONOUN_MAP = {
    "i": "_p", "me": "_p", "you": "_p", "we": "_p", "us": "_p", "ya": "_p",
    "my": "_pp", "your": "_pp", "our": "_pp", "mine": "_pp", "yours": "_pp", "ours": "_pp",
    "myself": "_px", "yourself": "_px", "ourselves": "_px", "yourselves": "_px",
    "i'm": "_pb", "you're": "_pb", "we're": "_pb", "i've": "_ph", "you've": "_ph", "we've": "_ph",
    "i'd": "_pd", "you'd": "_pd", "we'd": "_pd", "i'll": "_pl", "you'll": "_pl", "we'll": "_pl",
    "am": "_be", "are": "_be", "was": "_be", "were": "_be",
}
_IRREGULAR = {
    "forgot": "forget", "forgotten": "forget", "went": "go", "gone": "go", "going": "go", "had": "have", "has": "have",
    "paid": "pay", "bought": "buy", "brought": "bring", "thought": "think", "felt": "feel", "left": "leave",
    "kept": "keep", "took": "take", "taken": "take", "made": "make", "said": "say", "told": "tell",
    "got": "get", "gotten": "get", "did": "do", "done": "do", "ran": "run", "came": "come", "found": "find",
    "sold": "sell", "spent": "spend", "stood": "stand", "lost": "lose", "ate": "eat", "eaten": "eat",
    "drove": "drive", "driven": "drive", "broke": "break", "broken": "break", "knew": "know", "saw": "see",
    "seen": "see", "began": "begin", "gave": "give", "given": "give", "wrote": "write", "sent": "send",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = _IRREGULAR.get(word, word)
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ing", "ed") and len(base) >= 2 and base[-1] == base[-2]:
                base = base[:-1]
            return base
    return word


def _unclitic(token: str) -> str:
    """"one's" -> "one", "kid's" -> "kid" (a possessive or a contracted verb does not change the word)."""
    if "'" in token and token not in _PRONOUN_MAP and not token.endswith("n't"):
        return token.split("'", 1)[0]
    return token


def _norm_tokens(text: str) -> list[str]:
    return list(_norm_tokens_cached(text))


@lru_cache(maxsize=8192)
def _norm_tokens_cached(text: str) -> tuple[str, ...]:
    return tuple(_PRONOUN_MAP.get(t, stem(_unclitic(t))) for t in tokens(text))


def content_words(text: str) -> list[str]:
    """Stemmed words that carry meaning (no stopwords, pronouns or acknowledgements)."""
    return list(_content_words_cached(text))


@lru_cache(maxsize=8192)
def _content_words_cached(text: str) -> tuple[str, ...]:
    return tuple(stem(t) for t in tokens(text) if t not in STOPWORDS and t not in _ACK_WORDS and not t.isdigit()
                 or (t.isdigit()))


def _overlap(text: str, previous: str | None) -> float:
    if not previous:
        return 0.0
    mine = set(content_words(text))
    if not mine:
        return 0.0
    theirs = set(content_words(previous))
    return len(mine & theirs) / len(mine)


_ECHO_PREFIX = _rx(r"^(?:(?:so|oh|wait|sorry|really|you\s+said|did\s+you\s+say|you\s+mean|as\s+in|and|one\s+word|"
                   r"in\s+one\s+word|the\s+word|that\s+word|quote|you\s+called\s+it|your\s+words?)\b[\s,:]*)+")
# Words a bare one- or two-word "echo" cannot be: a question word, a pronoun or an acknowledgement.
_NOT_ECHO = frozenset("""
what why how when where which who whom whose really yes no yeah okay ok right so and but or it that this these those
i you he she we they me him her us them my your his its our their the a an is are was were do does did have has had
be been mm hmm oh ah sure well then now there here
""".split())
_WILDCARDS = frozenset({"it", "that", "this", "them", "there", "the", "a", "an", "they", "he", "she",
                        "his", "her", "their", "its"})  # "his online exams" after "my son's online exams"
# Words an echo may add to their words without making it a question of its own ("Just the one?").
# Acknowledgements that stay acknowledgements with a "?" even when they said the word ("Really?", "Right?").
_PURE_ACK = frozenset("""
mm mmm mhm hm hmm huh uh-huh mm-hm mm-hmm okay ok right yeah yes yep yup sure so well oh ah aha really wow seriously
ha haha hah oof gosh aw aww alright uh um no
""".split())
_ECHO_SUFFIX = _rx(r"[,\s]+(?:okay|ok|mm+|mhm|wow|oh)\s*[?!.]*$")  # acknowledgements, not tags ("right", "yeah")
_ECHO_HEDGES = frozenset({"just", "only", "really", "actually", "all", "even"})
_CLAUSE_ECHO = re.compile(r"^(?:you|you're|you've|you'd|your)\b", re.IGNORECASE)


_PROFORMS = frozenset({"there", "then"})


def _own_proforms(text: str, said: str | None) -> bool:
    """No pro-form stands in for their words ("you've been there four years" for "in the flat" is a paraphrase)."""
    theirs = set(tokens(said or ""))
    return all(t in theirs for t in tokens(text) if t in _PROFORMS)


def _echo_heard(text: str, previous: str | None, earlier: "list[str] | tuple[str, ...]" = ()) -> float:
    """``echo_match`` against their last turn or, as well, any one of their earlier turns."""
    best = echo_match(text, previous)
    for turn in earlier:
        if best >= 0.99:
            break
        if turn != previous:
            best = max(best, echo_match(text, turn))
    return best


def _in_order_with_one_gap(mine: list[str], theirs: list[str]) -> bool:
    """``mine`` is a run of ``theirs`` with one or two of their words left out at one place ("the job you'd walked
    away from" in "the job I'd already walked away from")."""
    for start in range(len(theirs)):
        for cut in range(1, len(mine)):
            for gap in (1, 2):
                head, tail = theirs[start:start + cut], theirs[start + cut + gap:start + len(mine) + gap]
                if head + tail == mine:
                    return True
    return False


@lru_cache(maxsize=1024)  # read again and again for the same text within one analysis and a turn's rewrite checks
def echo_match(text: str, previous: str | None) -> float:
    """How much ``text`` is the interviewee's own words handed back (0..1); 1 = a verbatim run.

    Pronouns may flip ("my car" / "your car") and words may be stemmed; an echo is short
    (at most eight words) and must carry at least one content word of theirs.
    """
    if not previous:
        return 0.0
    # Contractions written out on both sides: "You cannot tell?" hands back "I can't tell", "It is card only now?"
    # hands back "It's card only now".
    from simulator.nlp import expand_contractions

    text, previous = expand_contractions(text), expand_contractions(previous)
    body = _ECHO_PREFIX.sub("", text.strip().lower()).strip(" ?!.,")
    # "PayFlow, okay", "mixed bag, yeah": a murmur after their words is no word of the echo.
    body = _ECHO_SUFFIX.sub("", body).strip(" ?!.,") or body
    hedged = " ".join(t for t in body.split() if t not in _ECHO_HEDGES)
    if hedged and hedged != body and len(body.split()) <= 5:
        body = hedged
    mine = _norm_tokens(body)
    if not 1 <= len(mine) <= 8:
        return 0.0
    raw = [_unclitic(t) for t in tokens(body)]
    meaningful = [t for t in raw if t not in STOPWORDS and t not in _ACK_WORDS and t not in _PRONOUN_MAP]
    theirs = _norm_tokens(previous)
    if not theirs:
        return 0.0
    if not meaningful:
        # "Off?" after "something felt off": a bare word of theirs handed back is an echo too.
        their_raw = {_unclitic(t) for t in tokens(previous)}
        if 1 <= len(raw) <= 2 and all(t in their_raw and t not in _NOT_ECHO for t in raw):
            return 1.0
        # "Just the one?" after "I've only got the one account": their words, a hedge added.
        if 1 <= len(raw) <= 3 and all(t in their_raw for t in raw) and any(t not in _NOT_ECHO for t in raw):
            return 1.0
        if len(raw) < 3 or not any(t in _PRONOUN_MAP for t in raw):
            return 0.0  # "Most of it yourselves?" goes on: its words are theirs, pronouns flipped
    their_content = {stem(_unclitic(t)) for t in tokens(previous)} | set(content_words(previous))
    # ("Your feet were aching." after "the walk made my feet ache": the e dropped before -ing is no new word.)
    added = [t for t in meaningful if stem(t) not in their_content and stem(t) + "e" not in their_content]
    if added and (len(added) > 2 or len(meaningful) < 3 or len(raw) > 6 or _CLAUSE_ECHO.match(body)):
        return 0.0  # not their words (the slower spelling-tolerant check below only decides close calls)
    added = [t for t in added if not _said(t, their_content)]
    if len(added) == 1 and len(meaningful) >= 3 and len(raw) <= 6 and not _CLAUSE_ECHO.match(body) and not (
            _loaded(added[0]) or _affect(added[0]) or added[0] in _CLAIM_WORDS or added[0] in _VERDICT_MARKERS
            or _GRADED.fullmatch(added[0])) and not re.match(
            r"^(?:" + "|".join(_AUX + _NEG_AUX) + r"|what|how|why|when|where|which|who)\b", body):
        # "the same invoice twice" after "the invoices sometimes go out twice": their words, one plain word added.
        return 0.8
    if added:
        return 0.0
    if len(mine) <= 4 and all(t in _PRONOUN_MAP or t in _WILDCARDS or t in meaningful for t in raw) \
            and not re.match(r"^(?:" + "|".join(_AUX + _NEG_AUX) + r")\b", body):
        # "You cried?", "Lost it altogether?": only their words, with pronouns turned round.
        return 1.0
    # Longest run of ``mine`` found in order inside ``theirs`` (wildcards match any one word).
    best = 0
    for start in range(len(theirs)):
        run = 0
        for offset, word in enumerate(mine):
            pos = start + offset
            if pos >= len(theirs):
                break
            if theirs[pos] == word or word in _WILDCARDS:
                run += 1
            else:
                break
        best = max(best, run)
    share_in_order = best / len(mine)
    if best < len(mine) <= 7 and _in_order_with_one_gap(mine, theirs) and not re.match(
            r"^(?:" + "|".join(_AUX + _NEG_AUX) + r"|what|how|why|when|where|which|who)\b", body):
        # "The parcel sat on the step." after "The parcel sat out on the step.": their words in their order,
        # one or two of theirs left out at one place (seven words at most once "you'd" is written out).
        return 0.99
    present = sum(1 for w in mine if w in theirs or w in _WILDCARDS) / len(mine)
    if present == 1.0 and len(mine) <= 5 and not _CLAUSE_ECHO.match(body) and not re.match(r"^(?:" + "|".join(_AUX + _NEG_AUX) + r"|what|how|why|when|where|"
                                                           r"which|who)\b", body):
        # "Off plan by Wednesday?" after "by Wednesday I'm usually off plan": their words, reordered.
        return max(share_in_order, 0.99)
    return max(share_in_order, 0.8 * present if len(mine) <= 4 else 0.6 * present)


# ---------------------------------------------------------------------------------------------
# Language

_EN_FUNCTION = frozenset("""
the a an and or but to of in on at for with from about you your i me my we our they them it is are was
were be been do does did have has had can could would will should what how why when where which who
this that these those there not if so just tell me us walk describe like think feel go get there's
it's that's don't didn't you're i'm what's how's let's any some very really much many more
""".split())
_FOREIGN_FUNCTION = frozenset("""
de het een je jij u uw wat hoe waarom wanneer ik niet en van voor met op zijn heeft hebt bent kunt kun
wilt vertel over dat dit er ook nog maar welke hoeveel waar heb jullie wij mijn naar bij uit
der das und ich sie nicht wie warum wann haben ist mit für auf ein eine können erzählen sind wir ihr
le la les un une des vous est et que qui pourquoi comment quand avec pour dans pas avez êtes votre
el los las que por qué cómo cuándo usted es y con para una del puede tiene está su
il lo gli della che perché come quando sono hai avete della questo
""".split()) - _EN_FUNCTION


def detect_language(text: str) -> str:
    """"en", or "other" when the turn is clearly not English (the classifier then says it is unsure)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "en"
    latin = sum(1 for ch in letters if ord(ch) < 0x250)
    if latin / len(letters) < 0.5:
        return "other"
    words = tokens(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()) or tokens(text)
    raw_words = re.findall(r"[^\W\d_]+", text.lower())
    english = sum(1 for w in words if w in _EN_FUNCTION)
    foreign = sum(1 for w in raw_words if w in _FOREIGN_FUNCTION)
    if foreign >= 2 and foreign > english:
        return "other"
    if len(raw_words) >= 4 and english == 0 and foreign >= 1:
        return "other"
    return "en"


# ---------------------------------------------------------------------------------------------
# Putting it together


# After a wh-word, a question goes on with an auxiliary ("what do you"), a subject-question verb
# ("what happened") or a quantity ("how often"); "when one item is swapped, ..." is a statement.
_WH_INVERTED = _rx(
    r"^(?:(?:what|which|whose|how)\s+(?:\w+\s+){0,2}|(?:what|which)\s+\w+\s+of\s+(?:the\s+)?\w+\s+|(?:why|when|where|who|whom)\s+(?:else\s+|exactly\s+|then\s+|"
    r"now\s+|usually\s+|normally\s+)?)(?:do|does|did|is|are|was|were|"
    r"have|has|had|can|could|will|would|should|shall|may|might|am|'s|don't|didn't|doesn't|isn't|wasn't)\b"
    r"|^(?:what|how|why|when|where|which|who|whom|whose)(?:'s|'d|'re)?\s+(?:"
    r"happened|happens|made|makes|led|leads|goes|went|keeps|kept|got|gets|comes|came|stops|stopped|helps|"
    r"helped|matters|decides|decided|pays|paid|brought|brings|drives|drove|caused|causes|changed|changes|"
    r"else|many|much|often|long|come|about|so|far|old|soon|exactly|not)\b"
    r"|^(?:what|how|why|when|where|which|who)(?:'s|'d)?\s*[?.!]*$"
    r"|^(?:what|which)\s+\w+\s+(?:do|does|did|is|are|was|were|have|has|would|will|can|could)\b"
    # Subject questions: "who usually leaves work", "what keeps you going".
    r"|^(?:who|what)\s+(?:usually\s+|normally\s+|always\s+|actually\s+|else\s+)?[a-z]+(?:s|ed)\b"
    r"|^(?:what|how|why|where|when|who)'(?:s|d|re)\b"
)


# A question word left in place at the end, as people ask in speech: "and your own thing is what exactly", "you paid
# how much?", "and that was when".
_WH_IN_SITU = _rx(
    r"\b(?:is|was|are|were|means?|meant|do|did|does|doing|done|said|say|paid|pay|costs?|took|takes|happened|"
    r"went|called|named|got|get|for|about|with|from|at|on|to|meaning|like|as\s+in)[,\s]+(?P<wh>what|why|how\s+(?:much|many|long|often)|how|"
    r"when|where|who|which)(?:\s+(?:exactly|again|then|now|precisely|then\s+exactly))?\s*[?.]?$"
)


def _wh_in_situ(low: str) -> str | None:
    """The question word a spoken question leaves at its end ("your own thing is what exactly"), or None."""
    if re.match(r"^(?:what|how|why|when|where|which|who)\b", low) or len(tokens(low)) < 3:
        return None
    match = _WH_IN_SITU.search(low)
    return match.group("wh") if match else None


_DO_QUESTION = _rx(r"^(?:do|does|did)\s+(?!(?:not|tell|let|go|come|have\s+a|keep|feel\s+free)\b)[a-z][\w'-]+\s+[a-z][\w'-]+")


# A spoken question often starts with a scene-setting phrase: "during those five weeks, what were work calls like",
# "sunday night when the booking opens are you sat there waiting". The question is what follows the phrase: a
# question word with its auxiliary, or an auxiliary with its subject.
_FRONTED = _rx(
    r"^(?P<head>(?:(?:during|after|before|when|while|once|since|on|in|at|over|back|last|the\s+first|the\s+last|"
    r"every\s+time|each\s+time)|[^,?]{0,30}?\s(?:when|while|after|before|once))\s[^,?]{2,60}?)(?:,\s*|\s+(?=(?:are|were|do|did|does|have|had|can|could|"
    r"would|will|is|was)\s+(?:you|they|he|she|we)\b)|\s+(?=(?:what|how|why|where|who|which)\s+(?:do|did|does|is|was|"
    r"are|were|have|has|would|will|can|could)\b))(?P<q>(?:what|how|why|where|who|which|are|were|do|did|does|have|had|"
    r"can|could|would|will|is|was)\b.+)$"
)


# Or with a topic set apart by a comma: "right and the whatsapp group, is everyone in it".
_TOPIC_FIRST = _rx(r"^(?P<head>(?:(?:and|so|right|okay|ok|now|but|um|uh),?\s+)*(?:the|your|that|this|those|these|his|her|"
                   r"their|our|my)\s+[^,?]{1,30}?),\s*(?P<q>(?:what|how|why|where|who|which|are|were|do|did|does|have|"
                   r"had|can|could|would|will|is|was)\b.+)$")


# "Before we get into that, tell me a bit about your week.", "If you've got a minute, walk me through it.": a clause
# of time or condition, then a request to tell.
_FRONTED_INVITE = _rx(r"^(?P<head>(?:(?:and|so|okay|ok|right|now|but|um|uh),?\s+)*(?:before|after|when|while|once|since|if|"
                      r"as|going\s+back|to\s+start(?:\s+with)?|first(?:\s+of\s+all)?|for\s+now|in\s+your\s+own\s+words)"
                      r"\b[^,?]{0,60}?),\s*(?P<q>.+)$")


def _fronted_question(sentence: str) -> tuple[str, str] | None:
    """(scene-setting phrase, question) when a sentence is a question after such a phrase, else None."""
    invite = _FRONTED_INVITE.match(sentence.strip())
    if invite and _INVITE.match(invite.group("q").lower()) and len(tokens(invite.group("q"))) >= 3:
        return invite.group("head").strip(" ,"), invite.group("q")
    match = _FRONTED.match(sentence.strip()) or _TOPIC_FIRST.match(sentence.strip())
    if not match or len(tokens(match.group("q"))) < 3:
        return None
    q = match.group("q")
    if not (_WH_INVERTED.match(q.lower()) or _AUX_START.match(q.lower())) or _REFLECT_CHECK.match(q.lower()) \
            or re.match(r"^(?:is|was)\s+(?:that|it|this)\s+(?:it|right|correct|true|so)\b", q.lower()):
        return None  # "you're on the app for finding them, is that it": a check on a summary, not a new question
    return match.group("head").strip(" ,"), q


# A question in the order of a statement, as a second-language speaker or a caption may put it: the subject before
# its verb after the question word ("how you decided which shop to go", "which year you registered?", "why you
# stopped?") or before a modal ("You can tell me more about that day?"). Read in the usual order, the usual rules
# apply; a clause that is the subject of a statement ("what you said was interesting") is no question.
_SUBJECT_FIRST_WH = _rx(
    r"^(?P<wh>(?:what|how|why|when|where|which|who|whom)(?:\s+(?!you\b|they\b|he\b|she\b|we\b|it\b|come\b)[a-z']+){0,3}?)"
    r"\s+(?P<subj>you|they|he|she|we|it)\s+(?P<verb>[a-z']+)(?P<rest>.*)$")
_SUBJECT_FIRST_MODAL = _rx(r"^(?P<subj>you)\s+(?P<modal>can|could|would|will)\s+(?P<rest>\w.*)$")
_ANOTHER_QUESTION = _rx(r"\b(?:what|how|why|who|which|do|does|did|is|are|was|were|can|could|would)\b")
_FINITE_AFTER = _rx(r"\b(?:is|was|are|were|'s|seems?|seemed|sounds?|sounded|makes?|made)\b")


@lru_cache(maxsize=4096)
def _native_order(low: str) -> str:
    """``low`` (a lower-case question body) in the usual question order, or unchanged."""
    modal = _SUBJECT_FIRST_MODAL.match(low)
    if modal:
        return f"{modal.group('modal')} you {modal.group('rest')}"
    wh = _SUBJECT_FIRST_WH.match(low)
    if wh is None or wh.group("wh").startswith("how come") or _FINITE_AFTER.search(wh.group("rest")):
        return low
    # "when you got to the desk what happened": a clause of time or place before the question, not the question.
    if wh.group("wh") in {"when", "where"} and _ANOTHER_QUESTION.search(wh.group("rest")):
        return low
    verb = wh.group("verb")
    if verb in _AUX or verb in _NEG_AUX:
        return f"{wh.group('wh')} {verb} {wh.group('subj')}{wh.group('rest')}"
    if verb in {"'re", "'ve", "'d", "'ll"} or "'" in verb:
        return low
    return f"{wh.group('wh')} do {wh.group('subj')} {verb}{wh.group('rest')}"


@lru_cache(maxsize=1024)  # read again and again for the same text within one analysis and a turn's rewrite checks
def _is_question_sentence(sentence: str) -> bool:
    body, _ = strip_markers(sentence)
    low = body.lower()
    if sentence.rstrip().endswith("?"):
        return True
    # (Without a question mark only a question word before "you" puts it in question order, not "when" or "where",
    # which open a clause of time or place in a caption ("when you ordered it"), and not before a full stop: "you
    # can skip any question" is an instruction, "I get why they do it." and "how they do it" statements.)
    native = _native_order(low)
    if native != low and not _SUBJECT_FIRST_MODAL.match(low) and not re.search(r"[.!]\s*$", low) \
            and _SUBJECT_FIRST_WH.match(low).group("subj") == "you" and not re.match(r"(?:when|where)\b", low):
        return _is_question_sentence(native)
    if _fronted_question(low):
        return True
    if re.match(r"^what\s+if\s+\w+", low):
        return True  # "what if it just reconnected itself overnight": a proposal to react to
    if _DO_QUESTION.match(low):
        return True
    if _wh_in_situ(low) or _WHAT_GUESS.search(low):
        return True
    if _EXCLAMATIVE.match(low) or _REFLECT_START.match(low):
        return False
    if sentence.rstrip().endswith("!"):
        return False
    if _WH_OPEN.match(low) or _WH_CLOSED.match(low):
        return bool(_WH_INVERTED.match(low) or _SHORT_OPEN.match(low) or _subject_wh(low))
    if _INVITE.match(low) or _FAUX.match(low):
        return True
    if _framed_question(_unhedge(low)):
        return True
    if _CONDITIONAL.match(low):
        main = _main_clause(low)
        return main != low and _is_question_sentence(main)
    return bool(
        _FAUX.match(low) or _INVITE.match(low) or _INVITE_STATEMENT.match(low) or _AUX_START.match(low)
        or _NEG_START.match(low) or _SHORT_OPEN.match(low) or _WANT_TO_KNOW_IF.match(low)
        or _AUX_NAME.match(body.strip())
        # "anything i didn't ask that i should've": a closing invitation typed or said without its question mark
        or _closing_invitation(low)
    )


# An auxiliary before a name, as a subject: "is Pepper on anything for it", "does Tom still drive" (a caption's
# question with no question mark; the capital marks the name).
_AUX_NAME = re.compile(r"^(?:is|was|are|were|does|did|has|have|can|could|will|would)\s+[A-Z][a-z]+\s+[a-z]")


# "If we added X, would you use it?": the question is the main clause after the condition.
_CONDITIONAL = _rx(
    r"^(?:if|when(?!\s+(?:did|do|does|is|was|are|were|has|have|had|will|would|can|could|should)\b)|once|"
    r"say\s+(?:you|we|there|it|your)|imagine|suppose|assuming|let's\s+say|given\s+that)\b"
)
_MAIN_CLAUSE = _rx(
    r",\s*(?P<main>(?:what|how|why|which|where|when|who)\b.*|(?:would|will|could|do|does|did|is|are|was|were|can|"
    r"should|wouldn't|won't|have|has)\s+(?:you|that|it|they|your|this|there|we|he|she|the)\b.*)$"
    r"|\s(?P<main2>(?:would|will|could|do|does|did|is|are|was|were|can|should|wouldn't|won't)\s+"
    r"(?:you|that|it|they|your|this|there|we|he|she)\b.*)$"
)


def _main_clause(low: str) -> str:
    """The main clause of a conditional question, or the text itself when there is none."""
    if not _CONDITIONAL.match(low):
        return low
    match = _MAIN_CLAUSE.search(low)
    if match:
        return match.group("main") or match.group("main2")
    return low


# Inside an unpunctuated caption, a question often starts after "so/and/okay" or as "how often do you".
_EMBEDDED_Q = _rx(
    r"(?:^|\s)(?P<q>(?:(?:so|and|okay|ok|but|now|um|uh|yeah|right|then)\s+)"
    r"(?:what|how|why|when|where|which|who|do|did|does|can|could|would|is|are|was|were|have|has|tell|walk)\b.*"
    r"|(?:what|how|why|when|where|which|who)(?:\s+\w+){0,2}\s+(?:do|did|does|is|was|are|were|would|will|can|"
    r"could|have|has)\s+(?:you|they|it|your|the|he|she|we)\b.*)$"
)


_PRONOUN_SUBJECTS = frozenset("i you he she it we they that this there".split())
_TAIL_QUESTION = _rx(r"^(?:do|does|did|is|are|was|were|have|has|can|could|would|will)\s+(?:you|they|he|she|we|it|there|"
                     r"someone|somebody|anyone|anybody)\s+"
                     r"(?!(?:say|think|reckon|guess|know|mean|remember|agree)\b)\w+")


def _split_embedded_question(sentence: str) -> list[str]:
    """'That's interesting how often do you go' -> ['That's interesting', 'how often do you go']."""
    body, _ = strip_markers(sentence)
    # Only where no question mark marks the sentence as one question: a written "And the driver, was he polite?"
    # keeps its topic (and its rewrite keeps the driver).
    fronted = _fronted_question(body) if not sentence.rstrip().endswith("?") else None
    if fronted and not _is_question_sentence(fronted[0]) and "?" not in fronted[0]:
        # "sunday night when the booking opens are you sat there waiting": the setting, then the question.
        at = sentence.lower().rfind(fronted[1].lower())
        return [fronted[0], sentence[at:].strip() if at >= 0 else fronted[1]]
    # A sentence that itself opens like a question is not split ("what" later in it is part of it).
    if _is_question_sentence(sentence.rstrip(" ?")):
        body, _ = strip_markers(sentence)
        if body == sentence or len(tokens(sentence)) - len(tokens(body)) <= 3:
            # Unless a caption runs a second question on after the first is complete, by inversion: "what did the
            # form ask exactly do you still have a copy" -> ["what did the form ask exactly", "do you still have a copy"].
            # (Not "how many parents would you say donate": the first must have its own verb and subject, and "would
            # you say" inside a question is no second one.)
            inverted = _inverted_tail(sentence) if "," not in sentence else None
            head = strip_markers(sentence[:inverted].strip(" ,"))[0].lower() if inverted else ""
            tail = sentence[inverted:].strip() if inverted else ""
            if inverted and len(tokens(head)) >= 4 and (_spoken_question(head) or _AUX_START.match(head)) \
                    and (tokens(head)[-1] not in _PRONOUN_SUBJECTS | {"and", "or", "but"} or _object_at_end(head)) \
                    and _TAIL_QUESTION.match(tail.lower()):
                # (Joined by "and"/"or" the two stay one double-barreled question, whose open half is rewritten.)
                return [sentence[:inverted].strip(" ,"), tail]
            second = _after_object(sentence) if "," not in sentence else None
            if second is not None:
                return [sentence[:second].strip(" ,"), sentence[second:].strip()]
            return [sentence]
    low = sentence.lower()
    # Search from the left for the first embedded start, but never at position 0 (that is the sentence).
    for match in _EMBEDDED_Q.finditer(low):
        start = match.start("q")
        if start <= 0:
            continue
        head = sentence[:start].strip(" ,")
        tail = sentence[start:].strip()
        # "what I'm hearing is ..." / "I know what you mean" are not questions.
        tail_body, _ = strip_markers(tail)
        if _REFLECT_START.match(tail_body.lower()) or not _is_question_sentence(tail):
            continue
        if len(tokens(head)) < 2:
            return [sentence]
        return [head, tail]
    inverted = _inverted_tail(sentence)
    if inverted:
        return [sentence[:inverted].strip(" ,"), sentence[inverted:].strip()]
    return [sentence]


_AUX_SUBJECT = _rx(r"\s(?:(?:like|um|uh)\s+)?(?P<q>(?:is|was|are|were|do|does|did|can|could|would|will|have|has)\s+"
                   r"(?:it|that|you|they|he|she|there|someone|somebody|anyone|anybody)\b)")


_PROGRESSIVE_START = _rx(r"^(?:(?:and|so|still|just|even|really|ever)\s+)?[a-z]+ing\b")


def _elliptic_progressive(low: str) -> bool:
    """A question made of a participle and what follows, its "are you" left out: the parse's root is the "-ing" verb,
    with no subject and no auxiliary ("Shopping online is easier?" has "is" for its root)."""
    if not _PROGRESSIVE_START.match(low):
        return False
    doc = _parse_or_none(low.rstrip("?").strip())
    if doc is None:
        return False
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root is not None and root.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "aux", "auxpass", "expl") for c in root.children)


def _after_object(sentence: str) -> int | None:
    """Where a caption's second question starts right after the first one's object, which the parse of the whole
    reads as the subject of the second ("how did you book it was it through the app": "it was"), or which a filler
    joins ("how did you choose the new host like did someone recommend it"): the first, parsed alone, is a whole
    question of four words or more ending in its object, and an auxiliary before its subject starts the second."""
    low = sentence.lower()
    for match in _AUX_SUBJECT.finditer(low):
        head = sentence[:match.start()].strip()
        tail = low[match.start("q"):]
        # (Joined by "and"/"or" the two stay one double-barreled question, as above.)
        if len(tokens(head)) < 4 or tokens(head)[-1] in ("and", "or", "but") or not (_spoken_question(head.lower()) or _AUX_START.match(head.lower())) \
                or not _TAIL_QUESTION.match(tail):
            continue
        last = _last_object(head)
        if last is not None and last.pos_ in ("NOUN", "PROPN", "PRON") \
                and last.lower_ not in _PRONOUN_SUBJECTS - {"it", "that", "this"}:
            return match.start("q")
    return None


def _last_object(clause: str):
    """The clause's last token when the clause, parsed alone, ends in an object (of its verb or of a preposition);
    else None (or no parser)."""
    doc = _parse_or_none(clause)
    return doc[-1] if doc is not None and len(doc) and doc[-1].dep_ in ("dobj", "pobj") else None


def _object_at_end(head: str) -> bool:
    """The clause ends with a pronoun that is an object ("how did you find out about it", "how did you book it"), so
    the inverted clause after it starts a question of its own; not a subject left hanging ("what did you do then i")."""
    low = head.lower().split()
    return len(low) >= 2 and low[-1] in ("it", "that", "this", "them") and _last_object(head) is not None


_TAG_ENDINGS = frozenset("it right so true correct then though really eh huh now yeah no not say think reckon agree".split())
_MAYBE_INVERTED = _rx(r"\s(?:is|was|are|were|do|does|did|can|could|would|will|have|has)\s+"
                      r"(?:that|this|it|you|everyone|everybody|anyone|anybody|we|they|he|she)\b")



def _parse_or_none(text: str):
    """spaCy's parse of ``text`` (cached by ``simulator.nlp``), or None where no parser is installed: the rules that
    use it then leave the decision to the others. Through :func:`scoring.parse_batch.parse`: the rules of a batch's
    turns (``classify_many``) make their parses together, each the parse of its text alone."""
    try:
        return _parse(text)
    except Exception:  # pragma: no cover - no parser installed
        return None


def _parse(text: str):
    """:func:`scoring.parse_batch.parse` (outside a batch: :func:`simulator.nlp.parse`)."""
    from .parse_batch import parse

    return parse(text)


def _inverted_tail(sentence: str) -> int | None:
    """Where a question starts inside an unpunctuated caption, found by subject-auxiliary inversion: "we need to decide
    by friday is that ok with everyone", "i think we should push it does that make sense". In a statement the
    auxiliary follows its subject ("the thing is that it never works"); before it, it asks. Returns the offset."""
    if re.search(r"[?.!]", sentence) or not _MAYBE_INVERTED.search(sentence.lower()):
        return None
    doc = _parse_or_none(sentence)
    if doc is None:
        return None
    for t in doc:
        if t.i < 3 or t.lower_ not in _AUX or t.i + 1 >= len(doc):
            continue
        subject = doc[t.i + 1]
        verb = t if t.dep_ not in ("aux", "auxpass") else t.head
        if subject.dep_ in ("nsubj", "nsubjpass") and subject.head in (t, verb) and verb.i >= t.i \
                and doc[t.i - 1].lower_ not in ("so", "neither", "nor", "than", "as", "where", "what", "how", "why", "when",
                                                 "who", "which", "whether", "if"):
            rest = [w.lower_ for w in doc[t.i + 2:] if not w.is_punct]
            if not rest or (len(rest) <= 2 and rest[0] in _TAG_ENDINGS):
                continue  # "it was the price in the end was it", "…, is that it": a tag on what came before
            if _AUX_START.match(doc[t.i:].text.lower()):
                return t.idx
    return None


_COLON = re.compile(r"(?<=\w):\s+(?=\w)")


def _sentences(clean: str) -> list[str]:
    out: list[str] = []
    for sentence in split_sentences(clean):
        # "Sorry, going back a step: tell me more about the party." - a preamble, then the question.
        parts = _COLON.split(sentence, maxsplit=1)
        if len(parts) == 2 and len(tokens(parts[1])) >= 3 and _is_question_sentence(parts[1]) \
                and not _is_question_sentence(parts[0]):
            out.append(parts[0])
            sentence = parts[1]
        out.extend(_split_embedded_question(sentence))
    return out


# "What was that like for you, was it stressful?": the trailing yes/no is what they will answer.
TRAILING_OFFER = _TRAILING_OFFER = _rx(r",\s*(?:or\s+)?(?P<q>(?:was|is|were|are|did|do|does)\s+(?:it|that|this|they|you)\b[^,]*)$")


_OPINION_LEAD = _rx(r"^(?:[\w']+,?\s+){0,2}?what\s+do\s+you\s+(?:think|reckon),\s*(?P<q>(?:would|will|could|is|was|does|did|"
                    r"do|are|can)\s+(?:that|it|this|you|they)\b.+)$")


def _last_clause(q: str) -> str:
    """In "How often do you order and what do you buy?" the interviewee answers the last question."""
    last = None
    for match in _DB_AND.finditer(q):
        last = match
    if last is None:
        return q
    tail = q[last.start("ev" if last.group("ev") is not None else "ev2"):].strip()
    # "... and how often?" continues the first question with one more fact; keep both for the form.
    return tail if len(tokens(tail)) >= 1 else q


def _loaded(word: str) -> bool:
    return word.lower().strip("?.,!") in LOADED


def _their_word(word: str, previous: str | None) -> bool:
    if not previous:
        return False
    return stem(word.lower()) in {stem(t) for t in tokens(previous)}


# Feelings a question may take for granted ("what annoyed you most", "the biggest headache").
_PRESUPPOSED_FEELINGS = frozenset("""
annoy annoying annoyed annoyance frustrate frustrating frustrated frustration headache headaches stress stressful
stressed upset upsetting anger angry infuriate infuriating infuriated irritate irritating irritated bother bothered
disappoint disappointing disappointed disappointment hate hated love loved worry worried worrying scare scared
scary pain painful nightmare hassle
""".split())
_FEELING_STEMS = frozenset(w[:6] for w in _PRESUPPOSED_FEELINGS if len(w) >= 6)
_SUPERLATIVE_VERDICT = _rx(r"\b(?:the|your|their)\s+(?P<sup>worst|biggest|best)\s+(?:\w+\s+){0,1}"
                           r"(?:part|thing|problem|issue|headache|frustration|pain|bit)\b")


def _presupposed_feeling(q: str, said: str | None) -> str | None:
    """The feeling a wh-question takes for granted that they never named: "What frustrated you most about X?"."""
    heard = {stem(_unclitic(t)) for t in tokens(said or "")}
    heard_starts = {t[:6] for t in heard if len(t) >= 6}
    for word in tokens(q):
        w = _unclitic(word)
        if w in _PRESUPPOSED_FEELINGS or (len(w) >= 6 and w[:6] in _FEELING_STEMS):
            if stem(w) in heard or (len(w) >= 6 and w[:6] in heard_starts):
                return None
            return w
    return None


# The asserted core of a how/why/when question ("how has the app made your life easier" -> "the app made your life
# easier"): realis only ("How would you make it better?" asks for their ideas).
_WH_CORE = _rx(r"^(?:how|why|when|what's\s+(?:stopping|holding)\s+you)\b(?:\s+(?:did|does|do|has|have|had|is|was|are|were)\b)?"
               r"(?P<core>.*)$")
_CLAIM_CHANGES = frozenset("problem problems improve improved improves improvement chaos chaotic struggle struggling "
                           "struggled ruin ruined mess".split())


def _presupposable() -> frozenset[str]:
    # Feelings, attitudes and verdicts of theirs ("caring", "worth", "regret", "faith"), not plans or acts ("switch",
    # "leaving"), which a how/why question may fairly take from what they did.
    acts = set("thinking planning plan switch switching moving quit quitting leaving give giving done ready issue issues "
               "trouble rather prefer prefers preferred".split())
    return frozenset(w for w in _CLAIM_WORDS if w not in acts and w not in LOADED)


def _presupposed_claim(q: str, said: str | None) -> str | None:
    """A verdict of yours that a how/why/when question takes as given, when they never passed it: "better",
    "easier", "the problem", "improve", "what's stopping you" (a wish of theirs assumed)."""
    match = _WH_CORE.match(q.strip(" ?.!"))
    if not match or re.match(r"^(?:how|why|when)\s+(?:would|could|might|will|should|can)\b", q):
        return None
    if re.match(r"^what's\s+(?:stopping|holding)\s+you", q):
        return "stopping you"
    their_stems = {stem(_unclitic(t)) for t in tokens(said or "")}
    their_praise = any(t in _PRAISE for t in their_stems)
    general = re.search(r"\b(?:always|never|constantly|every\s+single\s+time|all\s+the\s+time)\b", match.group("core"))
    if general and not all(_said(w, their_stems) for w in tokens(general.group(0))):
        return general.group(0)  # "Why is it always the same people?": a pattern of yours taken as given
    for word in tokens(match.group("core")):
        base = _unclitic(word)
        if not (base in LOADED or base in _CLAIM_CHANGES or base in _PRESUPPOSABLE) or _said(base, their_stems):
            continue
        # A complaint of theirs said in other words is theirs ("a pain" -> "hard"); praise after a complaint is not.
        if _paraphrased_verdict(base, their_stems) and (base not in _PRAISE or their_praise):
            continue
        return base
    return None


_PRAISE = frozenset("better best easier easy faster quicker simpler cheaper great good amazing brilliant helpful useful "
                    "love loved loves perfect fantastic excellent improve improved improves".split())


# "Was customer service too slow?": a yes/no question whose subject is a bare noun.
_AUX_NOUN = _rx(r"^(?P<aux>is|was|are|were|do|does|did|has|have|would|will|could|should)\s+(?!not\b)[a-z][\w'-]+\s+[a-z][\w'-]*")


# What a tagged statement ("…, right?", "…, didn't you?") asks them to agree with: a verdict, a feeling, a cause, a guess
# or a wish of yours ("The app is pretty slow, right?", "It was the price that put you off, wasn't it?", "You'd cancel
# if it happened again, right?"), or a fact of theirs that you supply ("You ride every weekday, right?"): either way the
# tag asks for a yes, and the turn is leading. Only their own words said back with a tag are a summary (a reflection);
# a neutral check ("…, is that right?") is _CHECK_TAG's.
_GUESS_MARK = _rx(r"\b(?:must|probably|surely|obviously|presumably|definitely|clearly|certainly|bet|guess|suppose|"
                  r"imagine|reckon|assume|still|anymore|always|never|everyone|everybody|nobody|a\s+lot|lots|all\s+the\s+same|"
                  r"in\s+the\s+end|basically|(?:is|are|was|were|'s|'re)\s+(?:\w+ly\s+)?(?:right|wrong))\b")
# An evaluative adjective said of something ("is outrageous", "was pointless", "are expensive"): a verdict.
_EVALUATIVE = _rx(r"\b(?:is|are|was|were|'s|'re|be|been|seems?|seemed|looks?|looked|sounds?|sounded|gets?|got)\s+(?:\w+ly\s+)?"
                  r"(?P<adj>(?!(?:available|responsible|eligible|possible|active|previous|various|serious)\b)"
                  r"\w{3,}(?:ous|ful|ible|able|ive|less))\b")
# Verbs of attitude, wish and feeling: what they say about the customer is the customer's to say.
_ATTITUDE = _rx(r"\b(?:you|you'd|you'll|they|they'd|he|he'd|she|she'd|we|we'd|i|i'd)\s+(?:(?:really|just|quite|kind\s+of|sort\s+of|"
                r"probably|still|actually|secretly|much|would|will|do|did|does|don't|didn't)\s+)*"
                r"(?P<v>lov(?:e|es|ed)|hat(?:e|es|ed)|prefer(?:s|red)?|want(?:s|ed)?|wish(?:es|ed)?|hop(?:e|es|ed)|"
                r"enjoy(?:s|ed)?|regret(?:s|ted)?|resent(?:s|ed)?|dread(?:s|ed)?|fear(?:s|ed)?|"
                r"car(?:e|es|ed)\s+(?:about|for)|trust(?:s|ed)?|appreciat(?:e|es|ed)|look(?:s|ed)?\s+forward|rather|"
                r"feel|feels|felt|find\s+(?:it|them|that|this)|lik(?:e|es|ed)|think|thinks|thought|believe[sd]?|suspect(?:s|ed)?)\b")
# A thing described by a bare adjective ("Huddle is clunky", "the staff are rude", "it's hard when…"): a verdict on it.
# (About the customer - "you're free on Fridays", "you're retired" - a bare adjective is a fact of theirs.)
_THING_IS_ADJ = _rx(r"^(?:(?:so|and|but)\s+)?(?!(?:you|you're|i|i'm|we|we're)\b)(?:the\s+|your\s+|their\s+|this\s+|that\s+|these\s+|those\s+)?"
                    r"[\w-]+(?:\s+[\w-]+)?(?:'s|'re|\s+is|\s+are|\s+was|\s+were|\s+seems?|\s+seemed|\s+looks?|\s+sounds?|"
                    r"\s+gets?|\s+got|\s+feels?)\s+(?:\w+ly\s+|quite\s+|a\s+bit\s+|kind\s+of\s+|sort\s+of\s+|a\s+little\s+)?"
                    r"(?P<adj>[a-z][a-z-]+)(?:\s+(?:for|to|with|when|about|if|because|compared)\b.*)?$")
_GRADED = _rx(r"\b(?:better|worse|best|worst|most|least|(?!earl)\w+(?:ier|iest))\b")
_PROJECTION = _rx(r"^(?:and\s+|but\s+)?(?:you'd|you\s+would|you'll|you\s+will|you\s+wouldn't|you\s+won't|you're\s+going\s+to|"
                  r"you\s+could|you\s+might)\b")
# A cleft whose relative clause acts on them ("It's the fees that put you off"): a motive of theirs, named by you.
_CLEFT_ON_YOU = _rx(r"^(?:(?:it|that)(?:'s|\s+is|\s+was)|was\s+it|is\s+it)\s+.+?\s+(?:that|which|who)\s+(?P<y>.*\byou\b.*)$")


def _statement_claim(clause: str, said: str | None, verdict_only: bool = False) -> str | None:
    """The verdict, feeling, cause, guess or wish a statement puts forward that the customer never gave, or None
    when it states a plain fact (or only their own words). ``verdict_only``: only a verdict or a feeling (an
    evaluative word, a degree), whoever said it first."""
    low = clause.lower().strip(" ,?.!")
    their_stems = {stem(_unclitic(t)) for t in tokens(said or "")}
    hyphenated = next((w for w in re.findall(r"[a-z]+-[a-z]+", low) if w in _CLAIM_WORDS or w in LOADED or _affect(w)), None)
    if hyphenated:
        return hyphenated  # "a rip-off", "fed-up": the word as a whole
    if verdict_only:
        m = _INTENSE_EVAL.search(low) or _EVALUATIVE.search(low)
        if m and (m.group("adj") not in ("much", "many") or "too" in m.group(0)):
            return m.group(0)
        described = _THING_IS_ADJ.match(low)
        if described and described.group("adj") not in STOPWORDS and not re.search(
                r"(?:ed|ing)$", described.group("adj")) and not described.group("adj").isdigit():
            return described.group("adj")
        return next((w for w in tokens(low) if w not in STOPWORDS and (_loaded(w) or _affect(w) or w in _VERDICT_MARKERS)),
                    None)
    for rx in (_GUESS_MARK, _GRADED):
        for m in rx.finditer(low):
            if not all(_said(w, their_stems) for w in tokens(m.group(0))):
                return m.group(0)
    wish = _ATTITUDE.search(low)
    if wish and not all(_said(w, their_stems) for w in tokens(wish.group("v")) if w not in ("it", "them", "that", "this")):
        return wish.group(0)
    projection = _PROJECTION.match(low)
    if projection:
        return projection.group(0)
    m = _INTENSE_EVAL.search(low)
    if m and (m.group("adj") not in ("much", "many") or "too" in m.group("int")) and not _said(m.group("adj"), their_stems):
        return f"{m.group('int')} {m.group('adj')}"  # "so slow", "way too many": a degree of yours
    m = _EVALUATIVE.search(low)
    if m and not _said(m.group("adj"), their_stems):
        return m.group("adj")
    reason = _REASON.search(low)
    if reason and any(not _said(w, their_stems) for w in tokens(reason.group("why")) if w not in STOPWORDS):
        return reason.group(0).strip()
    cleft = _CLEFT_ON_YOU.match(low)
    if cleft:
        return cleft.group("y")
    if _COMPARISON.search(low) and not _COMPARISON.search(said or ""):
        return _COMPARISON.search(low).group(0)
    novel = [t for t in tokens(low) if t not in STOPWORDS and not _said(t, their_stems)]
    named = _claim_word(novel) or next((w for w in novel if _affect(w) or w in _VERDICT_MARKERS), None)
    return named


def pitch_asks_for_yes(cues: list[Cue], flags: "Iterable[FlagHit]", is_question: bool) -> list[Cue]:
    """A yes/no question about your own solution ("If we added a delivery window, would you use it?", "Would you
    pay five euros a month for it?") asks them to approve it: people say yes to be kind, so it leads (and keeps
    its pitch flag). Shared by every language's rules."""
    pitch = next((h for h in flags if h.flag == Flag.PITCH), None)
    if pitch is None or not is_question:
        return cues
    scores = rule_scores(cues)
    if scores and max(scores, key=scores.get) == Label.CLOSED:
        # Decisive over the yes/no form (the classifier's fast margin), so look-alike closed examples don't undo it.
        weight = max(STRONG + 1.0, scores[Label.CLOSED] + 1.5)
        return [*cues, Cue("suggests_solution", Label.LEADING, weight, pitch.evidence)]
    return cues


def _tag_function(clause: str, said: str | None, so_start: bool = False) -> tuple[Label | None, str]:
    """What a tagged statement does: (LEADING, the claim) when it hands them a claim of yours to agree with,
    (CLOSED, the fact) when it checks a plain fact, (None, "") when it only says back their own words (the summary
    rules decide: a reflection)."""
    body = clause.strip(" ,?.!")
    # A verdict with a tag asks them to agree even in their own words ("it's hard when your friends all drink right").
    claim = _statement_claim(body, said) or _statement_claim(body, said, verdict_only=True)
    if claim:
        return Label.LEADING, claim
    if not said:
        return Label.CLOSED, body
    if _new_quantity(body, said):
        return Label.CLOSED, body  # "Booking opens at eight, right?": a number of yours, a fact to agree with
    words, novel = _novel_words(body, said)
    if not words or len(novel) / len(words) < 0.34:
        if words and _new_relation(body, said):
            return Label.CLOSED, body  # "the club is at his school, isn't it?": their words, a fact of yours
        return None, ""
    if so_start:
        # "So it's the price, isn't it?": a conclusion of yours drawn from their story, offered for agreement.
        return Label.LEADING, " ".join(novel[:3])
    return Label.CLOSED, body


_CHECK_TAG = _rx(r"\w[\w'\s-]+,\s*(?:is\s+that\s+(?:right|correct|accurate|fair)|have\s+i\s+got\s+that\s+right|"
                 r"did\s+i\s+get\s+that\s+right)\s*[?.]*$")


def _afterthought_fragment(sentence: str) -> bool:
    """A short question sentence with no verb that does not open a question of its own ("For someone in your
    position?", "A forecast on top?"; not "And the price?", "What about the van?", "Or by phone?"). False without a
    parse."""
    body = strip_markers(sentence)[0].strip()
    words = tokens(body)
    opens = re.match(r"^\W*(?:and|or|but|so|plus|also|what|how|why|when|where|who|which|whose)\b", sentence, re.I)
    if not words or len(words) > 6 or opens or _WH_OPEN.match(body.lower()) or _WH_CLOSED.match(body.lower()):
        return False
    doc = _parse(body)
    return doc is not None and not any(t.pos_ in {"VERB", "AUX"} for t in doc)


_AFTERTHOUGHT = re.compile(r"^(?P<body>.+?)\s*,\s*(?P<np>[\w'’ -]{1,30}?)\s*(?P<end>[?.!]*)\s*$")


def _without_afterthought(q: str) -> str:
    """``q`` without a short phrase added after its tag ("it's a pretty good idea though, right, ours?", "you go every
    week, don't you, to the market?"): the tag still ends the question. Unchanged otherwise."""
    m = _AFTERTHOUGHT.match(q)
    if not m:
        return q
    np = m.group("np").strip()
    if not np or len(np.split()) > 4 or re.match(r"(?:or|and|but|is|are|was|were|do|does|did|have|has|can|could|would|"
                                                   r"will|if|because|so)\b", np):
        return q
    body = m.group("body") + (m.group("end") or "")
    return body if _TAG.search(body) else q


def _question_cues(q: str, full: str, previous: str | None, has_qmark: bool, said: str | None = None,
                   offer: bool = False, so_start: bool = False) -> list[Cue]:
    """Cues from the focus question ``q`` (lower-case, markers stripped); ``said``: all the customer said."""
    cues: list[Cue] = []
    add = cues.append
    # A word is theirs when they said it anywhere in the interview, not only in their last turn.
    previous = said or previous
    q = _unhedge(q)
    if OPTION_THEN_YES_NO.match(q):
        # "Just you, or have you got anyone working with you?": one answer offered, then the other asked as a yes/no.
        add(Cue("choice", Label.CLOSED, STRONG, "or"))
        return cues

    framed = _framed_question(q)
    if framed:
        frame, inner = framed
        if re.match(r"^(?:if|whether)\b", inner):
            # "Can I ask whether you still use it?": an invitation of yours around a yes/no question.
            if _ASKING_FRAME.match(frame):
                add(Cue("faux_invitation", Label.CLOSED, STRONG + 0.5, " ".join(frame.split()[-2:] + inner.split()[:2])))
            else:
                add(Cue("yes_no", Label.CLOSED, STRONG, frame))
            return cues
        if not re.match(r"^(?:what|how|why|when|where|which|who)\b", inner) or _WH_OPEN.match(inner) \
                or _WH_CLOSED.match(inner) or _INVITE.match(inner) or _FAUX.match(inner):
            inner_q = inner if inner.endswith("?") or not has_qmark else inner
            inner_cues = _question_cues(inner_q, full, previous, has_qmark, said, offer)
            if inner_cues and _ASKING_FRAME.match(frame) and _WH_CLOSED.match(inner) and not any(
                    c.name == "faux_invitation" for c in inner_cues):
                # "Can I ask how many boxes you got?": a request to talk around one fact.
                inner_cues.append(Cue("faux_invitation", Label.CLOSED, STRONG, " ".join(inner.split()[:3])))
            if inner_cues:
                return inner_cues

    faux = _FAUX.match(q)
    if faux:
        inner = faux.group("inner")
        add(Cue("faux_invitation", Label.CLOSED, STRONG + 0.5, " ".join(inner.split()[:4])))
        return cues
    if _WANT_TO_KNOW_IF.match(q):
        add(Cue("faux_invitation", Label.CLOSED, STRONG, q.split(" ")[-1]))
        return cues
    shared = _SHARE_IF.match(q)
    if shared:
        # "Could you share whether you got a refund?": the invitation's verb around a yes/no question.
        add(Cue("faux_invitation", Label.CLOSED, STRONG + 0.5, " ".join(shared.group("inner").split()[:4])))
        return cues

    if _SHORT_OPEN.match(q):
        add(Cue("short_open", Label.OPEN, STRONG, q.strip("?")))
        return cues
    prompt = _TRAILING_PROMPT.search(q)
    if prompt and prompt.start() > 0:
        # "You said three years, and before that?", "you kept ringing them and then?": what they said, handed back
        # as the lead-in to a prompt for more; the prompt is the question (rule 1)
        add(Cue("short_open", Label.OPEN, STRONG + 0.5, prompt.group("p").strip()))
        return cues
    closing = _closing_invitation(q)
    if closing:
        add(Cue("closing_invitation", Label.OPEN, STRONG + 0.5, closing))
        return cues
    if _WHAT_GUESS.search(q):
        add(Cue("short_fact", Label.CLOSED, STRONG, _WHAT_GUESS.search(q).group(0).strip(" ,")))
        return cues
    in_situ = _wh_in_situ(q)
    if in_situ:
        if in_situ in ("what", "why", "how"):
            add(Cue("wh_open", Label.OPEN, STRONG, in_situ))
        else:
            add(Cue("short_fact", Label.CLOSED, STRONG, in_situ))
        return cues

    if _CHECK_TAG.search(q) and not (_AUX_START.match(q) or _WH_OPEN.match(q) or _WH_CLOSED.match(q)):
        # "You're the owner, is that right?": a check on a statement; the statement decides (a summary of theirs, a
        # fact of yours to confirm, or a claim of yours).
        return cues
    # Agreement seeking and presupposition come first: they override the question form.
    tag = _TAG.search(q)
    starts_like_question = bool(_AUX_START.match(q) or _WH_OPEN.match(q) or _WH_CLOSED.match(q))
    if tag and len(tokens(q[: tag.start()])) >= 2:
        word = tag.group("tag")
        plain = word in ("right", "correct", "yeah", "no", "huh", "eh", "true", "yes", "ok", "okay")
        before = q[: tag.start()].strip().split(" ")[-1] if q[: tag.start()].strip() else ""
        # "that's right", "all right", "turn right", "it wasn't right", "went right" are not tags; nor is "is it"
        # ending a real question. Without a comma, a plain word at the end is a tag only after a full clause
        # that it does not complete.
        if plain and before in _COMPLEMENTED and not re.search(r",\s*" + word + r"\s*[?.!]*\s*$", q):
            pass
        elif plain and not re.search(r",\s*" + word, q) and _INVITE.match(q):
            pass
        elif word in ("would you say", "wouldn't you say") and (_WH_OPEN.match(q) or _WH_CLOSED.match(q)):
            pass  # "how often, would you say": a hedge on a question for a fact, no view of yours to agree with
        elif _POSITIVE_TAG.fullmatch(word) and (
            starts_like_question or not re.search(r"[,]\s*" + word, q)
        ) and not (not starts_like_question and _reversed_tag(q)):  # "three is just not enough is it": a caption's tag
            pass
        elif plain and starts_like_question and not re.search(r",\s*" + word, q):
            pass
        elif word == "no" and not re.search(r",\s*no\s*\?", q):
            pass
        elif starts_like_question or _reversed_tag(q):
            add(Cue("tag_question", Label.LEADING, STRONG, word))
        else:
            function, evidence = _tag_function(q[: tag.start()], said or previous, so_start)
            if function in (Label.LEADING, Label.CLOSED):
                # A claim of yours, or a fact of theirs you supply ("You opened it last year, didn't you?"): the tag
                # asks them to agree with it. (Only "…, is that right?" checks a fact: _CHECK_TAG.)
                add(Cue("tag_question", Label.LEADING, STRONG, word))
            else:
                return []  # their own words with a tag: a summary, which the declarative rules read
    elif not has_qmark:
        mid = _TAG_MID.search(q)
        if mid and mid.group("tag") != "right" and not starts_like_question:
            add(Cue("tag_question", Label.LEADING, MEDIUM + 0.5, mid.group("tag")))

    agree = _AGREE.search(q)
    if agree:
        ev = agree.group("ev")
        weight = STRONG if has_qmark or starts_like_question else MEDIUM
        if ev.startswith(("that must", "it must")) and not has_qmark:
            weight = WEAK  # "That must have been hard." said as a statement is a guess at a feeling.
        elif ev.startswith(("i imagine", "i suppose")) and not has_qmark:
            weight = WEAK
        add(Cue("agreement", Label.LEADING, weight, ev))
    solution = _suggested_solution(q, said or previous)
    if solution:
        add(Cue("suggests_solution", Label.LEADING, STRONG + 1.0, solution))
    candidate = _candidate_answer(q, said or previous, offer, reason_asked=bool(_REASON_ASKED.search(full.lower())))
    if candidate:
        add(Cue(candidate[0], Label.LEADING, STRONG + 1.0, candidate[1]))
    social = _others_view(full.lower())
    if social and re.search(r"\b(?:what|how|why)\s+(?:do|does|did|would|will)\s+$", full.lower()[:social.start()]):
        social = None  # "what does everyone think about the timeline": it asks what others think, it tells them nothing
    if social and (has_qmark or starts_like_question):
        add(Cue("social_proof", Label.LEADING, STRONG, social.group("ev")))

    neg = _NEG_START.match(q)
    if neg:
        add(Cue("negative_question", Label.LEADING, STRONG, neg.group(0)))

    why = _WHY_PRESUPPOSE.match(q)
    if why and not _loaded(why.group("adj")) and why.group("int") in ("so", "such", "too") and why.group("adj") not in (
            "that", "far") and not _their_word(why.group("adj"), previous):
        # "Why did it take them so long?": the degree is a verdict of yours, whatever the adjective.
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, f"{why.group('int')} {why.group('adj')}"))
    elif why and _loaded(why.group("adj")):
        if _their_word(why.group("adj"), previous):
            add(Cue("their_word", Label.OPEN, MEDIUM, why.group("adj")))
        else:
            add(Cue("presupposition", Label.LEADING, STRONG + 0.5, f"{why.group('int')} {why.group('adj')}"))
    wh_so = None if why else _WH_SO.match(q)
    if wh_so and _loaded(wh_so.group("adj")) and not _their_word(wh_so.group("adj"), previous):
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, f"{wh_so.group('int')} {wh_so.group('adj')}"))
    why_feel = _WHY_FEEL.match(q)
    if why_feel and why_feel.group("adj") in ("hate", "love", "dislike", "enjoy"):
        if _their_word(why_feel.group("adj"), previous):
            add(Cue("their_word", Label.OPEN, MEDIUM, why_feel.group("adj")))
        else:
            add(Cue("presupposition", Label.LEADING, STRONG + 0.5, why_feel.group("adj")))
    if _WHY_JUST.match(q):
        add(Cue("suggests_action", Label.LEADING, STRONG + 0.5, _WHY_JUST.match(q).group(0)))

    if re.match(r"^how\s+much\s+(?:(?:time|money|effort|hassle|stress)\s+)?(?:does|did|has|have|had|will|would|do|can)\b.*\bsav(?:e|es|ed|ing)\b", q):
        add(Cue("presupposition", Label.LEADING, STRONG + 1.0, "how much ... save"))
    how = _HOW_LOADED.match(q)
    if how:
        word = how.group("cmp") or how.group("verb") or how.group("adj") or ""
        head = word.split(" ")[-1]
        if how.group("cmp") or how.group("verb") in ("love", "like", "enjoy", "hate", "appreciate", "miss"):
            if how.group("cmp") and how.group("cmp") in ("longer", "later", "earlier", "further", "fewer", "over"):
                pass
            else:
                add(Cue("loaded_degree", Label.LEADING, STRONG + 0.5, f"how much {word}"))
        elif _loaded(head):
            if _their_word(head, previous):
                add(Cue("their_word", Label.OPEN, WEAK, head))
                add(Cue("loaded_degree", Label.LEADING, WEAK, f"how {head}"))
            else:
                add(Cue("loaded_degree", Label.LEADING, STRONG + 0.5, f"how {head}"))

    what_love = _WHAT_LOVE.match(q) or _WHAT_IS_LOADED.match(q)
    degree_added = any(c.name == "loaded_degree" for c in cues)
    if what_love and (what_love.group("adj") in ("love", "adore", "enjoy") or _loaded(what_love.group("adj"))) \
            and not _their_word(what_love.group("adj"), previous) and not (
                what_love.group("adj") not in ("love", "adore", "enjoy")
                and _paraphrased_verdict(what_love.group("adj"), {stem(_unclitic(t)) for t in tokens(previous or "")})):
        # "What do you love about it?", "What's great about the app?": a verdict of yours taken as theirs.
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, what_love.group("adj")))
    elif (_WH_OPEN.match(q) or _WH_CLOSED.match(q)) and not why and not (how and degree_added):
        # "What annoyed you most about the deliveries?", "What's the biggest headache with it?": the question takes
        # a feeling of theirs as given. When they named that feeling themselves it is their word, and open.
        felt = _presupposed_feeling(q, previous)
        verdict = _SUPERLATIVE_VERDICT.search(q)
        if felt:
            add(Cue("presupposition", Label.LEADING, STRONG + 0.5, felt))
        elif verdict and (verdict.group("sup") == "worst" or re.search(
                r"(?:problem|issue|headache|frustration|pain)$", verdict.group(0))) and not _their_word(
                verdict.group("sup"), previous) and not _their_verdict(previous):
            # "What's the worst part about the booking app?": a bad part taken as given, their verdict to give.
            add(Cue("presupposition", Label.LEADING, STRONG + 0.5, verdict.group(0)))
        else:
            claimed = _presupposed_claim(q, previous)
            if claimed:
                # "How has the app made your life easier?", "Why is WhatsApp better?": the question takes a verdict
                # of yours as a fact and only asks how or why.
                add(Cue("presupposition", Label.LEADING, STRONG + 0.5, claimed))

    # Question form.
    invite = _INVITE.match(q) or _INVITE_STATEMENT.match(q)
    if invite:
        add(Cue("invitation", Label.OPEN, STRONG, invite.group(0).strip()))
        return cues

    rating = _RATE.search(q) or _RATE.search(full.lower())
    if rating:
        add(Cue("rating", Label.CLOSED, STRONG, rating.group(0)))
    # "do older patients get the text as well": do-support starts a question, with or without a question mark.
    aux = _AUX_START.match(q) or ((has_qmark or _DO_QUESTION.match(q)) and _AUX_NOUN.match(q))
    wh_closed = _WH_CLOSED.match(q)
    what_kind = _WHAT_KIND.match(q)
    wh_open = _WH_OPEN.match(q)
    if aux and not neg:
        weight = STRONG
        # A yes/no question that hands over a strong verdict ("too slow", "so easy") is leading.
        for m in _INTENSE_EVAL.finditer(q):
            # "Is the app too cluttered?": "too" hands over a verdict whatever the adjective.
            # "does she see the books too or is it just you": "too" before a function word means "also".
            too = m.group("int") in ("too", "way too") and m.group("adj") not in ("much", "many", "long", "late", "early") \
                and m.group("adj") not in STOPWORDS
            if (_loaded(m.group("adj")) or too) and not _their_word(m.group("adj"), previous):
                add(Cue("loaded_yes_no", Label.LEADING, STRONG + 1.0, f"{m.group('int')} {m.group('adj')}"))
                break
        else:
            loaded = [w for w in tokens(q) if _loaded(w) and not _their_word(w, previous)]
            if loaded and re.match(r"^(?:do|did|does)\s+you\s+(?:find|feel|think)\b", q):
                add(Cue("loaded_yes_no", Label.LEADING, MEDIUM, loaded[0]))
                weight = MEDIUM
        verdict = _SUPERLATIVE_VERDICT.search(q)
        if verdict and not _their_word(verdict.group("sup"), previous) and not any(
                c.label == Label.LEADING for c in cues):
            # "Is that the worst part of your day?": a yes/no question that hands over a verdict of yours.
            add(Cue("loaded_yes_no", Label.LEADING, STRONG + 1.0, verdict.group(0)))
        if re.match(r"^(?:would|could)\s+you\s+say\b", q):
            weight = MEDIUM
            loaded = [w for w in tokens(q) if _loaded(w) and not _their_word(w, previous)]
            if loaded:
                add(Cue("loaded_yes_no", Label.LEADING, MEDIUM + 1.0, loaded[0]))
            elif not re.search(r"\bor\b", q) and not re.match(
                    r"^(?:would|could)\s+you\s+say\s+(?:that\s+)?(?:you|you're|you've|you'd|your|yourself)\b", q):
                # "Would you say the old supplier was careless?": a verdict of yours on a thing or a person, offered for
                # agreement. About themselves ("Would you say you're loyal to one brand?") it asks them to place
                # themselves: a closed question.
                add(Cue("agreement", Label.LEADING, MEDIUM + 1.0, "would you say"))
        opinion = _THINK_Q.match(q)
        if opinion and previous:
            _, novel = _novel_words(opinion.group("c"), previous)
            named = _claim_word(novel) or next((w for w in novel if _loaded(w) or _affect(w)), None)
            if named or (novel and re.search(r"\b(?:just|simply)\b.*(?:n't|\bnot)\b", opinion.group("c"))):
                # "do you think they just don't care": a verdict of yours on someone, offered for a yes.
                add(Cue("loaded_yes_no", Label.LEADING, STRONG + 0.5, named or opinion.group("c")))
        add(Cue("yes_no", Label.CLOSED, weight, aux.group(0)))
    elif wh_closed and _WHERE_ABSTRACT.match(q):
        # "Where does WhatsApp come into it?", "Where do you want to start?": a place in their story, not on a map.
        add(Cue("wh_open", Label.OPEN, STRONG, "where"))
    elif wh_closed:
        wh = wh_closed.group("wh")
        if wh.startswith("how much") and re.match(r"^how much\s+(?:would|will|could)\b", q):
            add(Cue("short_fact", Label.CLOSED, STRONG, "how much would"))
        else:
            add(Cue("short_fact", Label.CLOSED, STRONG, wh))
    elif what_kind:
        noun = what_kind.group("noun")
        # "What kind of phone?" asks for one fact; "what kind of stuff / problems?" for an account.
        if noun in _CONCRETE_KINDS:
            add(Cue("short_fact", Label.CLOSED, MEDIUM, f"what kind of {noun}"))
        else:
            add(Cue("wh_open", Label.OPEN, MEDIUM, f"what kind of {noun}"))
    elif _WHAT_FACT.match(q) or _WHAT_NAME.match(q):
        add(Cue("short_fact", Label.CLOSED, MEDIUM, q.rstrip("?")))
    elif wh_open and _OFFERED_CHOICE.search(q):
        # "How did you pay, card or cash?": the answers offered make it a choice between two facts.
        add(Cue("choice", Label.CLOSED, STRONG, _OFFERED_CHOICE.search(q).group(0).strip(" ,?")))
    elif wh_open:
        wh = wh_open.group("wh")
        weight = STRONG if wh in ("why", "how") or re.match(
            r"^what(?:'s|\s+is|\s+was|\s+were|\s+are)?\s+(?:that|it)\s+like\b|^what\s+(?:happened|happens|made|makes|"
            r"led|leads|goes|went|do\s+you\s+do|did\s+you\s+do|did\s+you\s+try|else)\b", q) else MEDIUM + 0.5
        add(Cue("wh_open", Label.OPEN, weight, wh))
    elif _ELLIPTIC_YESNO.match(q) and has_qmark:
        add(Cue("yes_no", Label.CLOSED, MEDIUM + 0.5, q.split(" ")[0]))

    if _CHOICE_SHORT.match(q) and has_qmark and not wh_open and not invite:
        add(Cue("choice", Label.CLOSED, STRONG, q.rstrip("?")))
    elif _OR_ENDING.search(q) and (aux or not wh_open):
        add(Cue("choice", Label.CLOSED, MEDIUM + 0.5, "or"))

    # "So you'd use it more if it were cheaper?": a guess handed over as a question.
    if has_qmark and not (aux or wh_closed or wh_open or what_kind or neg or invite) and _DECL_GUESS.match(q):
        add(Cue("guess_question", Label.LEADING, MEDIUM, _DECL_GUESS.match(q).group(0)))
    return cues


_SELF_TALK = _rx(r"^(?:\W*(?:and|but|oh|ha|ah|aw|well|honestly|yeah|okay|ok|i\s+mean|to\s+be\s+honest|don't\s+get\s+me\s+wrong)"
                 r"[\s,!.]+)*(?:i|i'm|i've|i'd|i'll|me|my|mine|myself)\b")


def _sentence_of(low: str, raw_low: str) -> str:
    """The sentence of ``raw_low`` (the turn or sentence before its markers were stripped) that ``low`` (its body)
    comes from, markers included: "lovely, thank you for your time." for "for your time."."""
    if not raw_low or not low:
        return low
    key = low[:30]
    for sentence in re.split(r"(?<=[.!?])\s+", raw_low):
        if key in sentence:
            return sentence
    return low


def _declarative_cues(body: str, so_start: bool, previous: str | None, has_qmark: bool,
                      overlap: float, raw_low: str = "", caption: bool = False, heard_all: bool = False) -> list[Cue]:
    """``heard_all``: ``previous`` is everything they said in the interview (the context was given), so a summary
    said as a statement can be checked against it; with their last turn alone it may restate an earlier one."""
    cues: list[Cue] = []
    add = cues.append
    low = body.lower()
    words = tokens(low)
    reflect = _REFLECT_START.match(low)
    if reflect:
        add(Cue("reflection_starter", Label.REFLECTION, STRONG if previous else MEDIUM, reflect.group("ev")))
    second_person = bool(re.search(r"\b(?:you|your|you're|you've|you'd|yourself)\b", low))
    # "So I'm building a tool where your clients can't cancel late.", "so what we're doing is…": the interviewer's own
    # work told, no summary of theirs, whatever it says of them (a guess framed "I guess you…" is still read as one).
    own_work = not reflect and bool(re.match(r"^(?:i|i'm|i've|we|we're|we've|our|my|what\s+(?:i'm|we're|we\s+are))\b",
                                             low)) and not _GUESS_FRAME.search(low)
    if so_start and not reflect and not own_work and len(words) >= 3 and not _GREETING.match(low) and not _SIGNPOST.match(low):
        grounded = second_person or overlap >= 0.15
        add(Cue("so_summary", Label.REFLECTION, (MEDIUM if grounded else WEAK) + (0.5 if overlap >= 0.2 else 0.0), "so"))
    # "I got a parking fine last year too.", "I get why they do it.": the interviewer's own experience or view, in
    # their words perhaps, but about no one of theirs; it restates nothing of them.
    own = not second_person and bool(_SELF_TALK.match(low))
    # "Thank you so much for your time.", "That's brilliant, Dev, thanks so much.": thanks said as a statement asks
    # nothing and says nothing back, however many of their words ("time", "pleasure") it shares.
    thanks = None if (reflect or so_start or has_qmark) else THANKS_ANYWHERE.search(_sentence_of(low, raw_low))
    if thanks:
        add(Cue("greeting", Label.STATEMENT, STRONG, thanks.group(0)))
        own = True
    social = _others_view(low) if previous and not has_qmark else None
    if social:
        # "Most parents we've talked to say the group chat's out of hand by Wednesday.": what others say, put to them as
        # a statement, is the view they are to agree with (as it is before a question).
        add(Cue("social_proof", Label.LEADING, STRONG, social.group("ev")))
    if previous and overlap >= 0.5 and len(words) >= 4 and not own:
        add(Cue("restates", Label.REFLECTION, MEDIUM + (0.5 if second_person else 0.0), ""))
    elif previous and overlap >= 0.25 and len(words) >= 4 and not own:
        add(Cue("restates", Label.REFLECTION, WEAK + (0.5 if second_person else 0.0), ""))
    if has_qmark and not caption and (reflect or so_start) and previous and overlap < 0.2:
        add(Cue("guess_question", Label.LEADING, MEDIUM, "so" if so_start else reflect.group("ev")))
    about_you = bool(re.match(r"^(?:(?:and|but)\s+)?(?:(?:presumably|probably|surely|obviously)\s+)?"
                              r"(?:you|you're|you've|you'd|you'll|your)\b", low))
    # "And that's why you want to move off the spreadsheet": a cause of yours given as theirs.
    causal = bool(re.match(r"^(?:and\s+)?(?:that's|that\s+is|which\s+is)\s+why\b", low))
    claim = None
    # "So you're lonely.": two words about them are enough to hand them a feeling.
    if previous and (reflect or so_start or about_you or causal) and not own_work and not (
            _SIGNPOST.match(low) or _GREETING.match(low)) and (
            len(words) >= 3 or (len(words) == 2 and about_you)):
        # A summary is a reflection only when its content is theirs; one that puts a new reason, feeling, verdict
        # or intention in their mouth is leading, said with a "?" or not. Where only their last turn is known (no
        # context) and the summary is said as a statement, only what the conventions name outright counts: a plan
        # they never told, their "twice" made a rule, a guess of ours ("So you'll never go back.").
        summary = low[reflect.end():] if reflect else low
        if has_qmark or heard_all or causal:
            claim = _new_claim(summary, previous, has_qmark, summary_frame=bool(reflect or so_start), strict=caption,
                               heard_all=heard_all) or _new_feeling(low, previous)
        else:
            claim = _plain_claim(summary, previous)
        if claim:
            add(Cue("new_claim", Label.LEADING, STRONG + 1.0, claim))
    degree = _INTENSE_EVAL.search(low) if caption and previous and not claim and not reflect else None
    if degree and ("too" in degree.group("int") or _loaded(degree.group("adj")) or _affect(degree.group("adj"))) \
            and degree.group("adj") not in STOPWORDS and not _said(
            degree.group("adj"), {stem(_unclitic(t)) for t in tokens(previous)}) and (overlap > 0 or second_person) \
            and ("too" in degree.group("int") or not _retold_verdict(degree.group("adj"), previous)) \
            and not _EMPATHY.match(low) and not re.match(r"^(?:i|i'm|i've|i'd|we|we're|our)\b", low):
        # A caption's "fifteen minutes is way too far though", "it's really unfair on you": an excess or a verdict of
        # yours about their own thing, offered for agreement (a rising voice); the verdict is yours.
        claim = f"{degree.group('int')} {degree.group('adj')}"
        add(Cue("new_claim", Label.LEADING, STRONG, claim))
    last_clause = re.split(r",\s*", low)[-1].strip()
    if caption and previous and " or " in last_clause and _CHOICE_SHORT.match(last_clause) and not re.match(
            r"^(?:i|i'm|i've|we|we're|our)\b", last_clause):
        # "okay and the rota, it's on paper or on the computer": a caption's choice between two answers, a closed
        # question without its question mark.
        add(Cue("choice", Label.CLOSED, STRONG, last_clause))
    if (previous and has_qmark and not claim and not reflect and not so_start and len(words) >= 3
            and _DECLARATIVE_SUBJECT.match(low) and not _AGREE_STATEMENT.search(low)
            and (not caption or re.match(r"^\W*(?:and|but|or)\b", raw_low or "") or about_you)):
        # A declarative question ("And you pay for that yourself?", a caption's "and that was a monthly contract"):
        # a check of a fact of yours when it brings new content, a feeling or verdict of yours when it names one.
        content, novel = _novel_words(low, previous)
        if novel and (len(novel) / max(1, len(content)) >= 0.3 or _claim_word(novel)):
            named = _claim_word(novel) or _graded_verdict(low, previous)
            if named:
                add(Cue("new_claim", Label.LEADING, STRONG + 1.0, named))
            else:
                add(Cue("check_question", Label.CLOSED, STRONG, body.rstrip("?")))
        elif _CHECK_TAG.search(low) and _new_relation(low.rsplit(",", 1)[0], previous):
            # "And the club is at his school, is that right?": their words, paired anew; a fact of yours to check.
            add(Cue("check_question", Label.CLOSED, STRONG, body.rstrip("?")))
    agree = _AGREE_STATEMENT.search(low) or _GUESS_FRAME.search(low)
    felt = _MUST_FEEL.match(low)
    if not agree and not felt:
        # "That sounds awful, you must have been mortified.": a guess after an aside is still a guess.
        for clause in re.split(r"[,;:]\s*|\s+-\s+", low):
            clause = clause.strip()
            felt = _MUST_FEEL.match(clause)
            agree = None if felt else (_AGREE_STATEMENT.search(clause) or _GUESS_FRAME.search(clause))
            if felt or agree:
                break
    if felt and previous and (_claim_word([felt.group("w")]) or _affect(felt.group("w"))
                                           or felt.group("you")) and not _said(
            felt.group("w"), {stem(_unclitic(t)) for t in tokens(previous)}):
        # "That must have been really stressful." when they never said it was: a feeling handed to them.
        add(Cue("agreement", Label.LEADING, STRONG + 0.5, f"must ... {felt.group('w')}"))
    elif agree:
        add(Cue("agreement", Label.LEADING, MEDIUM + 1.0 + (1.0 if has_qmark else 0.0), agree.group(0).strip()))
    elif previous and not felt:
        # "Chasing those late ones must drive you mad.", "She must find it frightening, having strangers at the door.":
        # whatever the subject, a "must" of yours about what they feel or face is a guess handed to them.
        guess = _MUST_GUESS.search(low)
        if guess and not re.search(r"\b(?:i|we)\s+must\b", low) and not _said(
                guess.group("w"), {stem(_unclitic(t)) for t in tokens(previous)}):
            add(Cue("agreement", Label.LEADING, MEDIUM + 1.0, guess.group(0).strip()))

    if (previous and not reflect and second_person and len(words) >= 4 and not thanks and not own_work
            and not _YOU_INFO.match(low) and not re.match(r"^(?:i|i'm|i've|i'd|we|we're|our|thanks|thank)\b", low)):
        add(Cue("about_them", Label.REFLECTION, WEAK + 0.5, ""))
    greeting = _GREETING.match(low) or (_GREETING.match(raw_low) if raw_low else None)
    if greeting:
        add(Cue("greeting", Label.STATEMENT, STRONG, greeting.group(0)))
    if _SIGNPOST.match(low):
        add(Cue("signpost", Label.STATEMENT, STRONG - 0.5, _SIGNPOST.match(low).group(0)))
    elif raw_low and _SIGNPOST.match(raw_low):
        add(Cue("signpost", Label.STATEMENT, STRONG - 0.5, _SIGNPOST.match(raw_low).group(0)))
    if _EXCLAMATIVE.match(low):
        add(Cue("exclamation", Label.STATEMENT, STRONG, low.rstrip("!.")))
    empathy = _EMPATHY.match(low)
    if empathy:
        weight = MEDIUM if len(words) <= 6 or overlap < 0.3 else WEAK
        add(Cue("empathy", Label.STATEMENT, weight, empathy.group(0)))
    elif not has_qmark and _EMPATHY_LIKE.match(low):
        # "That sounds like a long week.": your response to their story in a few words, not a summary of it.
        add(Cue("empathy", Label.STATEMENT, MEDIUM + 0.5, _EMPATHY_LIKE.match(low).group(0).rstrip(".! ")))
    # ("Same here." is yours; "Same one each week?" asks about theirs.)
    if re.match(r"^(?:i|i'm|i've|i'd|i'll|i\s+think|i\s+know|i\s+totally|i\s+do|me\s+too|"
                r"same(?=\s*(?:here|for\s+me|with\s+me|again|[.!]|$)))\b", low) and not reflect:
        add(Cue("own_view", Label.STATEMENT, MEDIUM, " ".join(words[:2])))
    elif not reflect and not so_start and not second_person and not has_qmark and raw_low and (
            _ASIDE_OPENER.match(raw_low) or _GENERIC_CLAIM.search(low)):
        # "Yeah, delivery fees are brutal these days.", "Fair enough, the fees went up for everyone.": your own comment
        # on their world after an acknowledgement, or a remark about people in general; nothing about them is said back.
        both = bool(_ASIDE_OPENER.match(raw_low) and _GENERIC_CLAIM.search(low))
        add(Cue("own_view", Label.STATEMENT, MEDIUM + (1.0 if both else 0.5), " ".join(tokens(raw_low)[:2])))
    if re.match(r"^(?:we|we're|we've|our|the\s+new|this\s+is|there's|there\s+is)\b", low) and not reflect:
        add(Cue("information", Label.STATEMENT, MEDIUM, " ".join(words[:2])))
    if not cues:
        add(Cue("declarative", Label.STATEMENT, WEAK, ""))
    return cues


# A feeling handed to them in a summary: "you felt tricked", "so after six years you feel let down", "it left you
# feeling like nobody cared". What follows the feeling verb must be theirs.
_FELT = _rx(r"\b(?:you(?:'re|\s+are|\s+were)?\s+(?:(?:really|just|still|probably|kind\s+of|sort\s+of|must\s+have|must)\s+)*"
            r"(?:feel|felt|feeling)|(?:made|makes|make|left|leaves|leave)\s+you\s+(?:feel|feeling|felt))\s+"
            r"(?:(?:kind\s+of|sort\s+of|a\s+bit|a\s+little|quite|really|pretty|so|very|rather|totally|completely|just)\s+)*"
            r"(?P<x>.+)$")
_FELT_PROPOSITION = _rx(r"^(?:like|that|as\s+if|as\s+though|the|a|an|your|their|his|her|it|this|they|he|she|nobody|no\s+one)\b")


def _new_feeling(summary: str, said: str) -> str | None:
    """The feeling a summary gives them ("you felt tricked by the site") when they never named it; for "you feel
    like / that …", the view, when most of its content is new."""
    felt = _FELT.search(summary)
    if not felt:
        return None
    rest = felt.group("x").strip(" .?!,")
    if _FELT_PROPOSITION.match(rest):
        words, novel = _novel_words(rest, said)
        return " ".join(novel[:3]) if words and len(novel) / len(words) >= 0.5 else None
    word = next((t for t in tokens(rest) if t not in STOPWORDS), None)
    their_stems = {stem(_unclitic(t)) for t in tokens(said)}
    if word is None or _said(word, their_stems) or _retold_verdict(word, said):
        return None
    return word


# A degree or a manner said about their thing ("the app's pretty much broken then?", "it works well for you?", "the
# manager is overworked?"): an assessment, which a fact to check ("that was a monthly contract?") never carries.
_GRADING = _rx(r"\b(?:pretty\s+much|basically|kind\s+of|sort\s+of|a\s+bit|a\s+little|quite|really|fairly|rather|"
               r"pretty(?=\s+[a-z]+(?:ed|y|ful|less|ive|ous|ing|able|ible|ic|al)\b)|(?:way\s+|far\s+)?too|"
               r"(?<!as\s)(?:well|badly|properly|smoothly|fine)(?=\s*(?:for\s+\w+|then|now|enough)?\s*[?.!]*$)|"
               r"over(?=[a-z]{4,}(?:ed|ing|priced)\b)[a-z]+)\b")

# The long alternations above read a lower-case turn through a case-sensitive twin (_CaseFree): the same matches.
_PITCH = _CaseFree(_PITCH)
_TAG = _CaseFree(_TAG)
_AGREE = _CaseFree(_AGREE)
_HYP = _CaseFree(_HYP)
_WH_IN_SITU = _CaseFree(_WH_IN_SITU)
_GUESS_MARK = _CaseFree(_GUESS_MARK)
_CLOSING_ELSE = _CaseFree(_CLOSING_ELSE)
_GRADING = _CaseFree(_GRADING)


def _graded_verdict(low: str, said: str) -> str | None:
    """The degree or manner of yours in a declarative question about them, when they never used it."""
    graded = _GRADING.search(low)
    if not graded or re.search(r"\b" + re.escape(graded.group(0)) + r"\b", said.lower()):
        return None
    return graded.group(0)


_ASIDE_OPENER = _rx(r"^(?:yeah|yes|yep|fair\s+enough|okay|ok|right|ha+|haha|oh|ah|wow|mm+|sure|totally|true|good|great|"
                   r"nice|cool|same|honestly|god|gosh|blimey)\b[,.!]?\s")
_GENERIC_CLAIM = _rx(r"\b(?:these\s+days|for\s+everyone|for\s+a\s+lot\s+of\s+people|for\s+most\s+people|everyone|everybody|"
                    r"in\s+general|generally|anyway|nowadays)\b")
_MUST_GUESS = _rx(r"\bmust(?:'ve|\s+have)?\s+(?:been|be|feel|felt|find|found|(?:make|made|drive|driven|leave|left)\s+"
                  r"(?:you|her|him|them))\s+(?:it\s+)?(?:so\s+|really\s+|pretty\s+|quite\s+|a\s+bit\s+|a\s+|an\s+)?"
                  r"(?P<w>[a-z][\w'-]*)")
_MUST_FEEL = _rx(r"^(?:(?:and|well|oh|ah|yeah|wow|gosh|god|ugh|ooh)[,\s]+)*"
                 r"(?:(?P<you>you)\s+|(?:that|it|this|(?:the|your|all|those|these|having|being|\w+ing)(?:\s+[\w'-]+){0,4}?)\s+)?"
                 r"must(?:'ve\s+|\s+have\s+|\s+)(?:been|be|felt|feel|(?:made|make|left|leave|got|get)\s+you(?:\s+feel(?:ing)?)?)\s+"
                 r"(?:so\s+|really\s+|pretty\s+|"
                 # "must have felt like a total rip-off": the verdict after "like"
                 r"like\s+(?:a\s+|an\s+)?(?:(?:total|real|complete|bit\s+of\s+a|proper)\s+)?|"
                 r"quite\s+|very\s+|a\s+bit\s+|a\s+real\s+|such\s+a\s+|a\s+)?(?P<w>[\w'-]+)"
                 r"(?:\s+(?:for|to|with|about|when|on|in|at|after)\b[^.!?]*)?\s*[.!?]*$")
_AGREE_STATEMENT = _rx(
    r"^(?:so\s+)?(?:and\s+)?(?P<ev>i\s+bet\s+(?:you|that|it|the|your|they)|"
    r"(?:i'm|i\s+am)\s+guessing\s+(?:that\s+)?(?:you|the|your|it|that|they|this)|"
    r"i(?:'d|\s+would)\s+(?:imagine|guess|think)\s+(?!what|how|why|when|where|so\b)(?:that\s+)?\w+|"
    r"i\s+guess\s+(?:that|it|this)\s+(?:makes|made|must|would|left|leaves)\s+you|"
    r"you\s+must\s+be\s+\w+|(?:that|it|this|\w+ing|the\s+[\w'-]+)\s+must\s+(?!have\b|be\b)\w+\s+(?:you|your)\b|"
    # "that must really slow everything down": a consequence of yours, guessed for them
    r"(?:that|it|this)\s+must\s+(?:really\s+|surely\s+|also\s+)?(?!have\b|be\b|mean\b)\w+\s+\w+|"
    r"i'm\s+sure\s+(?:you|that|it)|i\s+am\s+sure\s+(?:you|that)|"
    r"you\s+must\s+(?!(?:tell|excuse|forgive|let|try|see|come)\b)\w+|surely\s+you|obviously\s+you|of\s+course\s+you|"
    r"you\s+(?:really\s+)?(?:love|hate)\b)"
)
# Words of a summary that say nothing about its content.
_SUMMARY_NOISE = frozenset("""
basically overall sounds sound seems seem feel felt feels saying say said hear hearing mean means meaning
guess think thinking get getting understand understanding right correct pretty then really whole part
""".split())
_REASON = _rx(r"\b(?:because(?:\s+of)?|(?:that's|that\s+is|which\s+is|that\s+was|which\s+was)\s+why|cause|'cause|since(?!\s+(?:the\s+|this\s+|last\s+)?(?:then|last|\d|start|beginning|yesterday|christmas|easter|spring|summer|autumn|winter|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*)\b)|due\s+to|as\s+a\s+result\s+of|thanks\s+to|so\s+that)\b(?P<why>.*)$")


def _said(word: str, their_stems: set[str]) -> bool:
    w = stem(_unclitic(word))
    if w in their_stems or stem(w) in their_stems or (w.endswith("i") and w[:-1] + "y" in their_stems):
        return True  # "listings" / "listing", "replies" / "reply"
    if any(stem(t) == w or (t.endswith("i") and t[:-1] + "y" == w) for t in their_stems):
        return True
    # "move" / "moved" (stem "mov"), "close" / "closing": a silent final e is the same word.
    if w.endswith("e") and len(w) >= 4 and w[:-1] in their_stems:
        return True
    # "giving" / "gave" (stems "giv", "give"): the e dropped before -ing or -ed is the same word too.
    if len(w) >= 3 and w + "e" in their_stems:
        return True
    # "expensive" / "expense", "payment" / "pay": a shared start of five letters counts as their word.
    return len(w) >= 5 and any(len(t) >= 5 and (t.startswith(w[:5]) or w.startswith(t[:5])) for t in their_stems)


# Words that, put into a summary or a yes/no question, name a feeling, a verdict, a cause or an intention of
# theirs: said by the interviewer first, they hand the customer an answer to agree with.
_CLAIM_WORDS = frozenset("""
angry anger furious livid upset crushing crushed gutted devastated heartbroken knocked confidence guilty guilt
ashamed embarrassed embarrassing fed shattered tired exhausted drained overwhelmed lonely isolated relief relieved
rather prefer prefers preferred worried worry nervous disappointed disappointing betrayed faith trust motivation motivated unmotivated lazy wasted
waste fault blame mistake problem problems issue issues trouble worth useless hopeless badly rubbish straw done
ready thinking planning plan switch switching moving quit quitting leaving give giving regret regretted sick
unhappy unsatisfied dissatisfied satisfied happy happier cheaper pricey unreliable reliable furious infuriating
infuriated stressed stress miserable scared afraid fear frightened panic panicked shame proud loves hates
care cares cared caring keen bothered fussed dealbreaker disaster gimmick lifesaver rip-off overpriced
""".split()) | LOADED
_PRESUPPOSABLE = _presupposable()
# Words of a candidate answer that are not an answer ("Was it the same one?", "Was it the first time?").
_NOT_CANDIDATE = frozenset("same first last one usual other next only whole".split())


def _novel_words(text: str, said: str) -> tuple[list[str], list[str]]:
    """(the content words of ``text``, those of them the customer never said)."""
    their_stems = {stem(_unclitic(t)) for t in tokens(said)}
    words = [t for t in tokens(text) if t not in STOPWORDS and t not in _ACK_WORDS and t not in _SUMMARY_NOISE
             and not t.isdigit()]
    return words, [w for w in words if not _said(w, their_stems)]


_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                      "twice": 2, "half": 0.5, "dozen": 12})
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1000000}


def _quantities(text: str) -> list[tuple[str, float]]:
    """The numbers in a text with their values ("a hundred pounds" -> 100, "fifteen" -> 15, "4" -> 4); "a" before
    hundred/thousand counts as one. A lone "one" is left out (it is a pronoun as often as a number)."""
    out: list[tuple[str, float]] = []
    words = tokens(text)
    i = 0
    while i < len(words):
        w = words[i]
        figure = re.match(r"^\d+(?=[a-z]*$)", w)
        if figure and not w.isdigit():
            out.append((w, float(figure.group(0))))  # "8am", "15th", "4g" (their figure with a unit)
            i += 1
            continue
        if w.isdigit() or w in _NUMBER_WORDS or w in _MULTIPLIERS:
            run, value, total = [], 0.0, 0.0
            while i < len(words) and (words[i].isdigit() or words[i] in _NUMBER_WORDS or words[i] in _MULTIPLIERS
                                      or (words[i] == "and" and run and i + 1 < len(words) and words[i + 1] in _NUMBER_WORDS)):
                t = words[i]
                if t in _MULTIPLIERS:
                    total += (value or 1) * _MULTIPLIERS[t]
                    value = 0.0
                elif t != "and":
                    value += float(t) if t.isdigit() else _NUMBER_WORDS[t]
                run.append(t)
                i += 1
            if run != ["one"]:
                out.append((" ".join(run), total + value))
            continue
        i += 1
    return out


_UNIT = r"(?P<unit>day|week|month|year|morning|evening|night|weekend|weekday|fortnight|hour|minute)s?"
_FREQUENCY = _rx(r"\bevery\s+(?P<n>other|few|couple\s+of|[\w-]+(?=\s+(?:days|weeks|months|years|hours|minutes)\b))?\s*" + _UNIT +
                 r"|\b(?P<n2>once|twice|[\w-]+\s+times)\s+(?:a|an|per|each|every)\s+" + _UNIT.replace("unit", "unit2"))


@lru_cache(maxsize=1024)
def _frequencies(text: str) -> frozenset[tuple[str, str]]:
    """How often, as (unit, count): "every few weeks" -> (week, few), "once a month" and "every month" -> (month, 1)."""
    out = set()
    for m in _FREQUENCY.finditer(text.lower()):
        unit = m.group("unit") or m.group("unit2")
        n = (m.group("n") or m.group("n2") or "1").replace("couple of", "2").replace("other", "2")
        n = {"once": "1", "twice": "2"}.get(n, n.replace(" times", ""))
        n = str(int(_NUMBER_WORDS.get(n, 0))) if n in _NUMBER_WORDS else n
        out.add((unit, n))
    return frozenset(out)


@lru_cache(maxsize=256)
def _their_figures(said: str) -> frozenset[float]:
    """The values of every number the customer gave, each number word of theirs on its own too ("eight" after their
    "eight thousand"). Kept per text: every summary in a long transcript checks against the same words."""
    return frozenset({value for _, value in _quantities(said)} | {value for w in set(tokens(said)) for value in _word_figures(w)})


@lru_cache(maxsize=16384)
def _word_figures(word: str) -> tuple[float, ...]:
    return tuple(value for _, value in _quantities(word))


def _new_quantity(text: str, said: str) -> str | None:
    """A number the interviewer puts in ("it cost you about a hundred pounds", "booking opens at eight, right?") that
    the customer never gave: a fact of yours, however many of the other words are theirs."""
    theirs = _their_figures(said)
    figure = next((words for words, value in _quantities(text) if value not in theirs), None)
    if figure:
        return figure
    # "every week" after their "every few weeks": a frequency of yours.
    their_often = _frequencies(said)
    return next((f"every {unit}" if count == "1" else f"{count} per {unit}" for unit, count in sorted(_frequencies(text))
                 if (unit, count) not in their_often and any(u == unit for u, _ in their_often)), None)


def _claim_word(novel: Iterable[str]) -> str | None:
    for w in novel:
        base = _unclitic(w)
        if base in _CLAIM_WORDS or stem(base) in _CLAIM_WORDS:
            return w
    return None


_CLEFT = _rx(r"^(?:so\s+)?(?:was|is|wasn't|isn't)\s+it\s+(?:really\s+|mainly\s+|mostly\s+|just\s+)?(?P<x>(?:the|your|their|that|a|an)\s+"
             r"[^,?]+?|\w+ing\b[^,?]*?)\s+that\s+(?P<y>[^?]+)$")
_BECAUSE_Q = _rx(r"^(?:so\s+)?(?:was|is|were|are)\s+(?:it|that|this)\s+(?:mainly\s+|mostly\s+|just\s+|partly\s+)?"
                 r"(?:because|due\s+to|down\s+to)\b(?P<y>.*)$")
# "Is that why you're looking at other tools?": their story taken as the cause of something of yours.
_THAT_WHY_Q = _rx(r"^(?:so\s+)?(?:is|was)\s+(?:that|this|it)\s+(?:(?:mainly|partly|also|really)\s+)?(?:why|the\s+reason)\s+"
                  r"(?:that\s+|why\s+)?(?P<y>.+)$")
_MAIN_CANDIDATE = _rx(r"^(?:so\s+)?(?:is|was)\s+it\s+(?:mostly|mainly|really|just|basically|all)\s+(?:about\s+|down\s+to\s+)?"
                      r"(?P<x>(?:the|your|their)\s+[\w'-]+(?:\s+[\w'-]+){0,2}?)(?:,?\s+(?:then|really))?$")
_CANDIDATE = _rx(r"^(?:so\s+)?was\s+it\s+(?P<x>(?:the|your|their|a|an)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?)"
                 r"(?:\s+in\s+the\s+end|\s+then|\s+mainly|\s+mostly)?\s*\??$")
_FEEL_Q = _rx(r"^(?:did|do|does|were|are|was|is)\s+(?:you|that|it|this|the\s+[\w'-]+(?:\s+[\w'-]+)?)\s+(?:ever\s+|also\s+|really\s+)?"
              r"(?:feel|felt|find|make\s+you(?:\s+feel)?|leave\s+you(?:\s+feeling)?|get\s+to\s+you|put\s+you\s+off|"
              r"drive\s+you)\b(?P<y>.*)$")
_FEEL_BE = _rx(r"^(?:were|are)\s+you\s+(?:a\s+bit\s+|really\s+|quite\s+|pretty\s+|so\s+|very\s+|feeling\s+)?(?P<y>[\w'-]+)")


# A question for a cause in the turn ("What made you switch? Was it the price?"): an answer offered after it is a reason.
_REASON_ASKED = _rx(r"\b(?:why|how\s+come|what\s+(?:made|makes|led|put\s+you\s+off|was\s+the\s+reason|drove|pushed|"
                    r"swung\s+it|tipped))\b")


def _candidate_answer(q: str, said: str | None, offer: bool = False, reason_asked: bool = False) -> tuple[str, str] | None:
    """A closed question that hands them the answer, when the answer is yours: "Was it the price that put you off?",
    "Is it because the trains are so unreliable?", "Was it the hassle?", "Did you feel guilty cancelling?", and after
    a question for a cause ``reason_asked``, "Why did you stop, was it the cost?". Returns (cue name, evidence), or
    None (the answer is their own words, or no answer is offered)."""
    if not said:
        return None
    q = q.strip().rstrip(" ?.!")
    cleft = _CLEFT.match(q)
    if cleft:
        words, novel = _novel_words(cleft.group("x") + " " + cleft.group("y"), said)
        if set(tokens(cleft.group("x"))) & _NOT_CANDIDATE:
            return None  # "Was it the first time that happened?" asks a fact, it offers no answer
        if novel:
            return "guess_question", " ".join(novel[:3])
        return None
    because = _BECAUSE_Q.match(q) or _THAT_WHY_Q.match(q)
    if because:
        _, novel = _novel_words(because.group("y"), said)
        if novel:
            return "guess_question", " ".join(novel[:3])
        return None
    main = _MAIN_CANDIDATE.match(q)
    if main:
        _, novel = _novel_words(main.group("x"), said)
        if novel and not (set(tokens(main.group("x"))) & _NOT_CANDIDATE) and not re.match(
                r"^(?:the\s+)?\S+\s+of\s+(?:you|us|them)\b", main.group("x").strip()):
            # ("Is it just the two of you?" counts heads: a fact to check, no answer of yours.)
            return "guess_question", " ".join(novel[:3])  # "so is it mostly the price, then": your main reason
    candidate = _CANDIDATE.match(q)
    if candidate:
        words, novel = _novel_words(candidate.group("x"), said)
        x_words = tokens(candidate.group("x"))
        if x_words and x_words[0] in ("a", "an") and words and words[-1] not in novel:
            return None  # "Was it a busy Saturday?": a detail of their own Saturday to confirm, not an answer of yours
        # "Was it the Brighton branch?", "Was it your sister?": one answer to check, a closed question (coaches outside
        # the team labelled these closed); one that names a verdict or a feeling of yours ("Was it the hassle?") is
        # still an answer handed over.
        claim = _claim_word(novel) or next((w for w in novel if _affect(w) or w in LOADED), None)
        if novel and (claim or reason_asked) and not (set(words) & _NOT_CANDIDATE):
            return "guess_question", claim or " ".join(novel[:3])
        return None
    feel = _FEEL_Q.match(q)
    if feel:
        _, novel = _novel_words(feel.group("y"), said)
        claim = _claim_word(novel) or next((w for w in novel if _affect(w) or w in _VERDICT_MARKERS), None)
        if not claim and re.match(r"^(?:did|do|does|were|are|was|is)\s+(?:you|they)\s+(?:ever\s+|also\s+|really\s+)?(?:feel|felt)\s+"
                                  r"(?!(?:like\s+)?(?:you|that|it|this|they|there|the|a|an|any|anything|anyone)\b)", q) and novel:
            claim = novel[0]  # "did you feel let down by them": a feeling of yours offered to say yes to
        if claim:
            return "loaded_yes_no", claim
    be = _FEEL_BE.match(q)
    if be and be.group("y") in _FEELINGS and not _said(be.group("y"), {stem(_unclitic(t)) for t in tokens(said)}):
        return "loaded_yes_no", be.group("y")
    if _AUX_START.match(q) or _AUX_NOUN.match(q):
        return _supplied_answer(q, said, offer)
    return None


# A yes/no question that names a fix of yours and asks whether it would help: "Would a reminder help?", "Would it
# help if the app sent you a reminder?", "Would having a waitlist have made it easier?". The customer hears the
# answer you hope for. ("We're building X. Would that help?" asks about a pitch already made: a closed question.)
_SOLUTION_Q = _rx(
    r"^(?:so\s+)?(?:would|will|could|might|wouldn't|won't|does|do|did)\s+(?:it\s+(?:have\s+)?(?:help(?:ed)?|make\s+(?:it|things|"
    r"life|that|your\s+\w+)\s+easier|made\s+(?:it|things|life)\s+easier|be\s+(?:easier|better|useful|helpful))\s+"
    r"(?P<cond>if|to|when|having)\b(?P<fix>.+)"
    r"|(?P<np>(?!(?:it|that|this|they|you|we|i|he|she|there|anyone|anything|someone|something|people)\b)"
    r"(?:(?:a|an|some\s+(?:kind|sort)\s+of|some|having|getting|adding|using)\s+)?[\w'-]+(?:[\s-]+[\w'-]+){0,7}?)\s+"
    r"(?:have\s+)?(?:help(?:ed|s)?|solved?|fix(?:ed)?|sort(?:ed)?\s+(?:it|that|this)(?:\s+out)?|"
    r"ma(?:k|d)e\s+(?:a|any|the|all\s+the)\s+difference|"
    r"ma(?:k|d)e\s+(?:it|things|life|that|this|your\s+[\w'-]+|everything)\s+(?:easier|better|simpler)|work(?:ed)?\s+(?:better|for\s+you)|be(?:en)?\s+(?:useful|helpful|better)|"
    r"change[ds]?\s+(?:that|anything|things)|sav(?:e|ed)\s+(?:you|the\s+day|time)|prevent(?:ed)?|stop(?:ped)?\s+(?:it|that|this))\b.*)$"
)


# "What if the pill box beeped?", "What if we sent you a reminder?": a proposal of yours to react to.
_WHAT_IF = _rx(r"^(?:so\s+)?what\s+if\s+(?P<fix>(?:we|our|the|a|an|there\s+(?:was|were|is)|it\s+(?:just,?\s+)?\w+ed|"
               r"(?:you|your\s+[\w'-]+)\s+could)\b.+)$")


def _suggested_solution(q: str, said: str | None) -> str | None:
    """The fix a yes/no question offers ("a skip-a-week button", "the app sent you a reminder"), when the customer
    did not bring it up themselves."""
    proposal = _WHAT_IF.match(q.strip(" ?.!"))
    if proposal:
        _, novel = _novel_words(proposal.group("fix"), said or "")
        return " ".join(proposal.group("fix").split()[:5]) if novel else None
    match = _SOLUTION_Q.match(q.strip(" ?.!"))
    if not match:
        return None
    fix = match.group("np") or match.group("fix") or ""
    if match.group("np") and re.match(r"(?:so\s+)?(?:did|does|do)\b", q) \
            and re.match(r"(?:your|his|her|their|my)\b", fix):
        return None  # "Did your husband help with any of it?": someone or something of theirs, asked about, not offered
    _, novel = _novel_words(fix, said or "")
    if not novel:
        return None
    return " ".join(fix.split()[:5])


# A hypothetical yes/no question ("Would you use…?", "Would … be useful?", "If there was …, would that help?") about a
# thing it describes by what it does: "an app that reminded you when the bill was due", "a button to pause the order",
# "something that sorted the receipts for you". Describing a thing by its function offers a solution, whoever makes it.
_HYPOTHETICAL_YES_NO = _rx(r"^(?:(?:and|so|but|okay|ok|now|then)\s+)*(?:(?:would|wouldn't)\s+"
                           r"(?!you\s+(?:please\s+)?(?:say|agree|mind|describe|rate|tell|walk|talk|explain|share|show|send|"
                           r"give|remind|let\s+me|be\s+able|be\s+willing)\b)|if\b(?=.*?,?\s*(?:would|wouldn't|could|"
                           r"will|might)\s+(?:you|that|it|this|they|he|she)\b))")
_FUNCTION_MODIFIER = _rx(r"\b(?:a|an|some|any|something|anything)\b.*?\b(?:that|which|to|where)\s+\w")


# Nouns whose clause completes them rather than tells what a thing does: "a chance to look", "any time to do that",
# "a reason that they stopped".
_COMPLEMENT_NOUNS = frozenset("time chance reason opportunity moment point excuse need right ability idea sense "
                              "feeling hope fear risk".split())


def _indefinite(noun) -> bool:
    """An indefinite noun phrase: "an app", "some kind of tool", "something"; not a thing of their story ("the app")."""
    if noun.lower_ in ("something", "anything"):
        return True
    if noun.lower_ in _COMPLEMENT_NOUNS:
        return False
    for _ in range(3):
        if any(c.dep_ == "det" and c.lower_ in ("a", "an", "some") for c in noun.children):
            return True
        # "some kind of tool that…": the determiner sits on "kind", two steps up.
        if noun.head.dep_ == "prep" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            noun = noun.head.head
            continue
        return False
    return False


def _described_solution(q: str) -> str | None:
    """The thing a hypothetical yes/no question describes by its function ("an app that reminded you…"), read from the
    parse: an indefinite noun phrase with a relative or infinitive clause of action. A person ("a client who
    cancelled") or a property ("a gym that was further away") describes a situation, not a fix; so does a thing said
    to be something ("if it was a place you had to drive to")."""
    q = q.strip(" ?.!,")
    if not _HYPOTHETICAL_YES_NO.match(q) or not _FUNCTION_MODIFIER.search(q):
        return None
    doc = _parse_or_none(q)
    if doc is None:
        return None
    for t in doc:
        if t.dep_ not in ("relcl", "acl") or t.pos_ not in ("VERB", "AUX") or t.lemma_ == "be":
            continue
        noun = t.head
        if noun.pos_ not in ("NOUN", "PRON", "PROPN") or noun.i > t.i or not _indefinite(noun):
            continue
        if any(c.lower_ in ("who", "whom") for c in t.children):
            continue  # a person described: someone to keep or hire, not a thing of yours
        if noun.dep_ == "attr" and not any(c.dep_ == "expl" for c in noun.head.children):
            continue  # "if it was a place you had to drive to": what their thing is, not a thing offered
        return " ".join(w.text for w in doc[noun.left_edge.i: t.i + 1][:7])
    return None


# A change to their world offered as a condition, then a yes/no question on it: "if the driver could text you
# directly, would that change anything?", "imagine the app just reminded you, would that be good", "suppose they
# offered a two-hour slot, would you go back?", "do you think a price cap would keep you ordering". The condition is
# a fix when someone other than the customer can do something ("could"), or does something for them ("let you",
# "sent you", "showed you"), or they are given an ability ("you could see the van on a map"). A condition that
# happens to them ("if the van didn't turn up", "if you moved house", "if the price went up") offers nothing, and a
# wh-question on it ("what would you do if…") asks for their account.
_CONDITION_FRAME = _rx(r"\b(?:if|imagine|suppose|supposing|say)\b")
_YES_NO_ON_IT = _rx(r"(?:^|[,.]\s*|\s)(?:would|wouldn't|could|will|might)\s+(?:you|that|it|this|they)\b")
_OPINION_FRAME = _rx(r"^(?:(?:and|so|but|okay|ok|um|uh)\s+)*(?:do|would)\s+you\s+(?:think|reckon|feel)\s+(?:that\s+)?")
_CUSTOMER = frozenset("you i me your my we our us".split())
# "If the doorbell flashed a light in every room, would you use that?": after a condition on a thing, a yes/no question
# whether they would take up what it describes ("that", "it", "one"). Not whether they would keep theirs ("would you
# still use it", "would you use it again").
_TAKE_UP = _rx(r"\b(?:would|will|could)\s+you\s+(?:\w+ly\s+)?(?:use|try|buy|get|want|sign\s+up\s+for|pay\s+for|switch\s+to)\s+"
               r"(?:that|it|this|them|one|something\s+like\s+(?:that|this|it))\b")
_KEEP_USING = _rx(r"\b(?:still|again|anymore|any\s+more|keep|carry\s+on|stay)\b")


def _takes_up(q: str) -> bool:
    return bool(_TAKE_UP.search(q)) and not _KEEP_USING.search(q)


def _offered_change(q: str) -> str | None:
    q = q.strip(" ?.!,")
    opinion = _OPINION_FRAME.match(q)
    if not opinion and not (_CONDITION_FRAME.search(q) and _YES_NO_ON_IT.search(q)):
        return None
    if not opinion and re.match(r"^(?:(?:and|so|but|um|uh)\s+)*(?:what|how|why|where|when|who|which)\b", q):
        return None  # "what would you do if the van didn't turn up?" asks for their account
    doc = _parse_or_none(q)
    if doc is None:
        return None
    if any(t.tag_ in ("WP", "WRB", "WDT") and t.head.dep_ == "ROOT" and t.head.i > t.i for t in doc):
        return None  # "If your boss gave you a day off, what would you do?": the question asks for their account
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ == "be":
            continue
        kids = list(verb.children)
        if any(k.dep_ == "neg" for k in kids):
            continue
        subject = next((k for k in kids if k.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        modal = any(k.dep_ == "aux" and k.lower_ in ("could", "can") for k in kids)
        if opinion:
            # "do you think a chatbot would make it easier": a new thing ("a", "some") doing the work
            if verb.dep_ == "ccomp" and any(k.dep_ == "aux" and k.lower_ == "would" for k in kids) \
                    and _indefinite(subject) and subject.lower_ not in ("something", "anything"):
                return " ".join(w.text for w in doc[subject.left_edge.i: verb.i + 1][:7])
            continue
        framed = verb.dep_ == "advcl" and any(k.dep_ == "mark" and k.lower_ == "if" for k in kids) \
            or verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_ in ("imagine", "suppose", "say")
        if not framed:
            continue
        if subject.lower_ in _CUSTOMER:
            offered = modal and subject.lower_ == "you"  # "you could see the van on a map"
        else:
            for_you = any(k.dep_ in ("dobj", "dative", "iobj") and k.lower_ in ("you", "your") for k in kids) or \
                any(k.dep_ == "prep" and k.lower_ == "for" and any(g.lower_ == "you" for g in k.children) for k in kids) \
                or any(k.dep_ in ("ccomp", "xcomp") and any(g.lower_ == "you" and g.dep_ == "nsubj" for g in k.children)
                       for k in kids)
            # "if it logged the feeds by itself", "if the reminders went out automatically": a thing that does the
            # work on its own is a solution described.
            by_itself = any(k.lower_ == "automatically" for k in kids) or any(
                k.dep_ == "prep" and k.lower_ in ("by", "on")
                and any(g.dep_ == "pobj" and g.lower_ in ("itself", "themselves", "own") for g in k.children)
                for k in kids)
            offered = modal or for_you or by_itself or _takes_up(q)
        if offered:
            return " ".join(w.text for w in doc[subject.left_edge.i: verb.i + 1][:7])
    return None


# A reason offered inside a yes/no question ("Did you cancel because of the price?", "Was the price a factor?").
_REASON_IN_Q = _rx(r"\b(?:because(?:\s+of)?|due\s+to|'cause|cause\s+of|thanks\s+to)\b(?P<why>.+)$")
_FACTOR_IN_Q = _rx(r"\b(?:a|the|one|your)\s+(?:main\s+|big\s+|real\s+|major\s+|deciding\s+|key\s+)?(?:factor|reason|cause)\b")


def _their_verdict(said: str | None) -> bool:
    """Whether the customer named a feeling or passed a verdict of their own ("drives me mad", "a rough year")."""
    return any(_affect(t) or t in LOADED or t in _VERDICT_MARKERS for t in tokens(said or ""))


def _affect(word: str) -> bool:
    """A word that names a feeling ("frustrating", "annoy", "relief", "bored"): by the word, its stem or its first
    six letters (the -ing, -ed and -ment forms of one feeling)."""
    w = _unclitic(word)
    return w in _AFFECT or stem(w) in _AFFECT or (len(w) >= 6 and w[:6] in _AFFECT_STEMS)


def _supplied_answer(q: str, said: str, offer: bool = False) -> tuple[str, str] | None:
    """A yes/no question that hands them a feeling or a reason they never gave: "Was it frustrating?", "Did that
    annoy you?", "Did the classes make you feel unwelcome?", "Did you cancel because of the price?"."""
    if _INVITE.match(q) or _FAUX.match(q):
        return None  # "Can you tell me more about the main reason you left?" asks for their account
    words, novel = _novel_words(q, said)
    reason = _REASON_IN_Q.search(q)
    if reason:
        _, new = _novel_words(reason.group("why"), said)
        if new:
            return "guess_question", " ".join(new[:3])
    factor = _FACTOR_IN_Q.search(q) if re.match(r"^(?:is|was|are|were)\b", q) else None
    if factor:
        # The answer offered is the thing named before "a factor / the reason": "Is the streak a reason you keep using
        # it?" offers their own streak (closed); "Was the price a factor?" offers a reason of yours (leading).
        _, new = _novel_words(q[q.index(" ") + 1:factor.start()], said)
        if new:
            return "guess_question", " ".join(new[:3])
    if offer or _their_verdict(said):
        # They named a feeling or verdict of their own: asking which one is a check, not a suggestion. After an open
        # question ("What was that like, was it stressful?") the offer is one example of what they may answer.
        return None
    for w in novel:
        if _affect(w):
            return "loaded_yes_no", w
    return None


_FEELINGS = frozenset("""
angry furious livid upset crushed gutted devastated heartbroken guilty ashamed embarrassed shattered exhausted drained
overwhelmed lonely relieved worried nervous disappointed stressed annoyed frustrated scared afraid frightened miserable
""".split())
# Words that name a feeling, the customer's to give: handed to them in a yes/no question, they suggest the answer.
_AFFECT = _FEELINGS | _PRESUPPOSED_FEELINGS | frozenset("""
relief bored boring tiring exhausting unwelcome embarrassing overwhelming anxious anxiety panic nerve-wracking
depressing depressed hopeless helpless sad excited exciting thrilled delighted proud resent resentful jealous
insulted offended humiliating humiliated betrayed fed-up gutting heartbreaking shock shocked shocking
""".split())
_AFFECT_STEMS = frozenset(w[:6] for w in _AFFECT if len(w) >= 6)
# A guess said as a statement ("I suppose you just lost motivation", "you were furious with them I guess").
_GUESS_FRAME = _rx(r"^(?:so\s+)?(?:and\s+)?(?:(?:i\s+)?(?:suppose|guess|imagine|reckon|expect|bet)|i'd\s+imagine|i\s+take\s+it|"
                   r"i(?:'d|\s+would)\s+have\s+(?:thought|guessed|imagined)|no\s+doubt)\s+"
                   r"(?!(?:what|how|why|when|where|who|which|if|whether|so|not|my|our|i|we|i'm|i've|the\s+question)\b)"
                   r"(?:that\s+)?[a-z]"
                   r"|\b(?:i\s+(?:guess|suppose|reckon|bet|imagine|assume|expect)|i(?:'d|\s+would)\s+(?:imagine|guess|think)|"
                   r"i'm\s+guessing|i\s+take\s+it|no\s+doubt|presumably)\s*[?.!]*$")


_DECLARATIVE_SUBJECT = _rx(r"^(?:you|you're|you've|you'd|your|that|that's|that\s+was|it|it's|it\s+was|they|they're|the|"
                          r"this|he|she|he's|she's|there's|there\s+was)\b")


# Words with which a customer passes a verdict of their own ("takes forever", "drives me mad", "the worst part").
_VERDICT_MARKERS = frozenset("forever ages mad crazy nuts joke pain worst sick fed".split())


def _paraphrased_verdict(word: str, their_stems: set[str]) -> bool:
    """A verdict word in a summary said as a statement ("so swapping shifts is still slow" after "it takes forever")
    restates a verdict they gave in other words; a feeling they never named is still yours."""
    base = _unclitic(word)
    if base not in LOADED or base in _FEELINGS or base in _PRESUPPOSED_FEELINGS or stem(base) in _FEELINGS:
        return False  # an intention, a cause or a feeling of yours is not a paraphrase of a verdict of theirs
    return any(t in LOADED or t in _VERDICT_MARKERS for t in their_stems)


def _retold_verdict(word: str, said: str) -> bool:
    """A verdict word ("really hard") said back after a verdict word of theirs ("a nightmare"): their verdict in other
    words. Stricter than ``_paraphrased_verdict``: their word must itself be an evaluative word ("sick" in "calls in
    sick" is none)."""
    base = _unclitic(word)
    return base in LOADED and base not in _FEELINGS and base not in _PRESUPPOSED_FEELINGS and any(
        _unclitic(t) in LOADED for t in tokens(said))


# A verdict said as a failing ("isn't fit for", "couldn't cope"): a state or an ability denied, not an action reported.
_NEGATION = _rx(r"\b(?:isn't|wasn't|aren't|weren't|couldn't|can't|cannot|is\s+not|was\s+not|no\s+longer)\b")
# A plan or a wish said as theirs: "you're thinking of dropping", "you want to switch", "you're going to cancel".
_INTENTION = _rx(r"\byou(?:'re|\s+are|'d|\s+would)?\s+(?:(?:thinking|planning|looking)\s+(?:of|about|to|on)|going\s+to|about\s+to|"
                 r"want\s+to|wanna|like\s+to|need\s+to|ready\s+to|(?:'ve\s+|have\s+)?decided\s+(?:not\s+)?to|"
                 r"(?:'ve\s+|have\s+)?made\s+up\s+your\s+mind\s+to)\s+(?:\w+ly\s+)?(?P<act>[\w'-]+)")
# A frequency made a rule: "always", "all the time" (not "never", which often retells a "not" of theirs).
_ABSOLUTE = _rx(r"(?<!not\s)(?<!n't\s)(?<!nearly\s)(?<!almost\s)(?<!much\s)\b(?:always|constantly|all\s+the\s+time|"
               r"every\s+single\s+time|without\s+fail)\b")
# What they said they would do: "I'd", "I'll", "I won't", "going to"; not a pluperfect "they'd given our room away".
_THEIR_FUTURE = _rx(r"\b(?:would|will|won't|wouldn't|going\s+to|gonna)\b|'ll\b|'d\s+(?!(?:been|had|got|gone|done|given|"
                    r"taken|made|seen|left|put|told|sent|paid|bought|known|[\w-]+ed)\b)")
_ANY_NEGATION = _rx(r"\b(?:\w+n't|not|never|no|nothing|nobody|none|cannot|hardly|barely)\b")
# A ranking or a contrast in a summary ("more for him than for you", "the app, not the gym", "rather than").
_COMPARISON = _rx(r"\bmore\s+(?:[\w'-]+\s+){0,4}?than\b|\b(?:less|fewer|rather|better|worse|bigger|cheaper)\s+(?:[\w'-]+\s+){0,4}?than\b|"
                  r"\b[\w'-]+er\s+than\b|\bnot\s+so\s+much\b|\bmatters?\s+more\b")


def _retold_clause(summary: str, word: str, words: list[str], novel: list[str], their_stems: set[str]) -> bool:
    """A long summary of several clauses, mostly in their words, that says one of their events in other words
    ("so the early classes fill up fast, and twice you missed out" after "they fill up within minutes"): the word is
    a paraphrase when its own clause is about something they named. A one-clause summary has no such cover."""
    clauses = [c for c in re.split(r",\s*|;\s*|\s+(?:and|but)\s+(?:then\s+)?", summary) if tokens(c)]
    if len(clauses) < 2 or len(words) < 6 or len(novel) / len(words) > 2 / 3:
        return False

    def anchored(clause: str) -> bool:
        return any(t not in STOPWORDS and t != word and not t.isdigit() and _said(t, their_stems) for t in tokens(clause))

    if not word:
        return all(anchored(c) for c in clauses)  # every clause retells something of theirs
    return anchored(next((c for c in clauses if word in tokens(c)), ""))


_SELF = frozenset({"i", "we", "you", "me", "us", "myself", "yourself", "ourselves"})


def _relations(text: str) -> set[tuple[str, str]] | None:
    """(subject, predicate) pairs of a text from its parse: "the club is at his school" -> (club, school), "it's your
    husband who forgets" -> (husband, forget); I / we / you are one speaker, "self". None without a parser."""
    doc = _parse_or_none(text)
    if doc is None:
        return None
    out: set[tuple[str, str]] = set()
    for t in doc:
        if t.dep_ not in ("nsubj", "nsubjpass"):
            continue
        head, subject = t.head, t
        if t.lower_ in ("who", "that", "which") and head.dep_ == "relcl":
            subject = head.head
        elif t.lower_ in ("who", "that") and head.head.lemma_ == "be":
            # "it's your husband who forgets": the cleft's noun is who forgets
            subject = next((c for c in head.head.children if c.dep_ == "attr"), t)
        name = subject.lower_ if subject.lower_ in _SELF else subject.lemma_.lower()
        if name in _SELF:
            name = "self"
        elif subject.pos_ == "PRON":
            continue  # "it", "they": who they are is not in the parse
        if head.lemma_ == "be":
            predicates = [c.lemma_ for c in head.children if c.dep_ in ("attr", "acomp")]
            predicates += [g.lemma_ for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        else:
            predicates = [head.lemma_]
        out.update((name, p.lower()) for p in predicates if p.isalpha())
    return out


def _new_relation(clause: str, said: str) -> str | None:
    """A pairing of subject and predicate in ``clause`` that the customer never made, though every word is theirs:
    "the club is at his school" after "my son is at after-school club", "it's your husband who forgets" after "one of
    us forgets". Said back with a tag or as a cleft, it is a claim of yours."""
    mine = _relations(clause)
    if not mine:
        return None
    # Their sentences one at a time (each is parsed once in an interview, whatever comes after it), and only those
    # that share a word with the clause.
    clause_stems = {stem(_unclitic(t)) for t in tokens(clause) if t not in STOPWORDS}
    theirs: set[tuple[str, str]] = set()
    for sentence in split_sentences(said):
        if clause_stems & {stem(_unclitic(t)) for t in tokens(sentence)} or re.search(r"\b(?:i|we)\b", sentence.lower()):
            found = _relations(sentence)
            if found is None:
                return None
            theirs |= found
    their_stems: dict[str, set[str]] = {}
    for subject, predicate in theirs:
        their_stems.setdefault(stem(subject), set()).add(stem(predicate))
    for subject, predicate in sorted(mine):
        preds = their_stems.get(stem(subject))
        if not _said(subject, {stem(t) for t in tokens(said)} | {"self"}):
            continue  # a subject of yours: the word rules already see it
        if preds is None or not _said(predicate, preds):
            return _surface(clause, subject, predicate)
    return None


def _surface(clause: str, subject: str, predicate: str) -> str:
    """The words of the clause that carry a (subject, predicate) pair: "your husband … forgets", "the club … school"."""
    doc = _parse(clause)
    words = {t.lemma_.lower(): t.text for t in doc} if doc is not None else {}
    words.update({t.lower_: t.text for t in doc if t.lower_ in _SELF} if doc is not None else {})
    first = "you" if subject == "self" else words.get(subject, subject)
    return f"{first} … {words.get(predicate, predicate)}"


_CLAUSE_BREAK = _rx(r",|;|\s(?:and|but)\s+(?:now\s+|then\s+)?(?=(?:you|i|we|they|he|she|it|this|that|your|their|his|her)\b)")


def _reason_clause(summary: str, reason: re.Match) -> str:
    """The cause a summary gives, without what follows it: in "so you moved because the accountant recommended it and
    now the feed keeps breaking" the cause is "the accountant recommended it". The parse gives the clause the
    marker opens, less any joined clause with a subject of its own; without a parser, the text up to the next comma
    or "and" + subject."""
    why = reason.group("why")
    doc = _parse_or_none(summary)
    if doc is not None:
        start = reason.start()
        marker = next((t for t in doc if t.idx >= start and t.lower_ in ("because", "since", "cause", "due", "thanks")), None)
        if marker is not None:
            head = marker if marker.dep_ in ("prep", "amod") or marker.head == marker else marker.head
            cut = {t.i for c in head.children if c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                   for t in c.subtree}
            cut |= {c.i for c in head.children if c.dep_ == "cc" and cut}
            kept = [t.text for t in head.subtree if t.i not in cut and t.i > marker.i and not t.is_punct]
            if kept:
                return " ".join(kept)
    return _CLAUSE_BREAK.split(why, maxsplit=1)[0]


_CLEFT_SUMMARY = _rx(r"^(?:(?:so|and|really|basically)\s+)*(?:it's|its|it\s+is|it\s+was)\s+(?P<x>(?:[\w'-]+\s+){1,3}?)(?:who|that)\s+\w+")


def _retold_pluperfect(summary: str, their_stems: set[str]) -> bool:
    """"So you'd put it off for three years" after "I'd been putting it off": "you'd" is "you had" before a
    participle of a verb they used, their past retold, not what they would do."""
    match = re.match(r"^(?:and\s+|but\s+)?you'd\s+(?:(?:already|never|just|been)\s+)?(?P<v>[a-z]+)\b", summary.lower())
    if not match:
        return False
    from simulator import nlp

    word = match.group("v")
    lemma = nlp.verb_lemma(word)
    return bool(lemma) and nlp.inflect(lemma, "VBN") == word and _said(lemma, their_stems)


def _plain_claim(summary: str, said: str, also_guessed: tuple[str, ...] = ()) -> str | None:
    """The claims of :func:`_new_claim` that need no more than their last turn to see: a plan of theirs supplied
    ("so you're thinking of dropping that agency"), a rule made of their "twice" ("so the bill always goes up"), a
    guess of ours ("so you probably lose a lot on it"; ``also_guessed``: more words that count as one), what they
    would do ("so you'd never use them again")."""
    their_stems = {stem(_unclitic(t)) for t in tokens(said)}
    intent = _INTENTION.search(summary)
    if intent and not _said(intent.group("act"), their_stems):
        return intent.group(0)  # "so you're thinking of dropping that agency": a plan of theirs you supplied
    absolute = _ABSOLUTE.search(summary)
    if absolute and not _ABSOLUTE.search(said.lower()):
        # "So the bill always goes up", "she's on it all the time": their "twice", "some weeks" made a rule of yours.
        return absolute.group(0)
    guessed = next((m for m in _GUESS_MARK.finditer(summary) if m.group(0) in ("probably", "surely", "presumably",
                    "obviously", "must", "bet") + also_guessed
                    and not _said(m.group(0).split()[-1], their_stems)), None)
    if guessed:
        return guessed.group(0)  # "You probably lose a lot of money on it.": a guess of yours about them
    projected = _PROJECTION.match(summary.strip())
    if projected and not _THEIR_FUTURE.search(said.lower()) and not _retold_pluperfect(summary.strip(), their_stems):
        # "So you'd never use them again.": what they would do, guessed by you
        return " ".join(summary.strip()[projected.start():].split()[:4])
    return None


def _new_claim(summary: str, said: str, has_qmark: bool, summary_frame: bool = True, strict: bool = False,
               heard_all: bool = False) -> str | None:
    """What a summary said with a rising "?" adds that the customer never said, when it adds a claim: a reason
    of yours ("because it got too expensive?"), a verdict of yours ("you're happy with it?"), or mostly new
    content. (A summary said as a statement stays a reflection, however freely it paraphrases.)"""
    their_stems = {stem(_unclitic(t)) for t in tokens(said)}
    words = [t for t in tokens(summary) if t not in STOPWORDS and t not in _ACK_WORDS and t not in _SUMMARY_NOISE
             and not t.isdigit()]
    if not words:
        return None
    compared = _COMPARISON.search(summary) if has_qmark and not strict else None
    if compared and not _COMPARISON.search(said):
        return compared.group(0).strip(" ,")  # "more for your husband than for you": a ranking they never made
    # A caption's summary (``strict``: no punctuation, no intonation) says "a lot" for their "loads" as a paraphrase.
    plain = _plain_claim(summary, said, () if strict else ("a lot", "lots"))
    if plain:
        return plain
    wish = _ATTITUDE.search(summary)
    if wish and not _ATTITUDE.search(said) and not _said(wish.group("v").split()[0], their_stems) and not re.match(
            r"^(?:feel|feels|felt)$", wish.group("v")):
        # "so basically you want fewer messages": a wish or a liking they never voiced
        return " ".join(summary[wish.start():].split()[:4])
    negated = _NEGATION.search(summary)
    if negated and not _ANY_NEGATION.search(said):
        # "So the staff couldn't cope.", "the system isn't fit for a bakery": a failing of yours, said as theirs.
        rest = [w for w in tokens(summary[negated.end():]) if w not in STOPWORDS and not _said(w, their_stems)]
        if rest:
            return " ".join([negated.group(0).strip()] + rest[:2])
    cleft = _CLEFT_SUMMARY.match(summary.strip())
    if cleft:
        _, singled = _novel_words(cleft.group("x"), said)
        relation = " ".join(singled) or _new_relation(summary, said)
        if relation:
            return relation  # "so really it's your husband who forgets": one of them singled out by you
    quantity = _new_quantity(summary, said)
    if quantity:
        return quantity  # "so all in all it cost you about a hundred pounds": a figure they never gave
    novel = [w for w in words if not _said(w, their_stems)]
    if not novel:
        return None
    reason = _REASON.search(summary)
    if reason:
        why = _reason_clause(summary, reason)
        new_reason = [w for w in tokens(why) if w in novel]
        reason_words = [w for w in tokens(why) if w in words]
        # Said as a statement, a cause mostly in their words is their own cause retold ("so because the classes fill
        # up so fast, you've ended up on the treadmill"); with a "?", any cause word of yours is offered to them.
        if new_reason and (has_qmark and not strict or len(new_reason) > len(reason_words) / 2
                           or _claim_word(new_reason)):
            return " ".join(new_reason[:3])
    loaded = [w for w in novel if w in LOADED]
    if has_qmark and loaded and not (strict and _retold_verdict(loaded[0], said)):
        # (A caption's rising voice is a guess: "that made his exams really hard" after "a nightmare" retells theirs.)
        return loaded[0]
    excess = re.search(r"\b(?:too|way\s+too|far\s+too)\s+(?:much\s+|many\s+)?(?P<x>[\w'-]+)", summary)
    if excess and excess.group("x") in novel and excess.group("x") not in ("much", "many"):
        return excess.group(0)  # "so the meeting's too long": an excess they never called one
    claim = _claim_word(novel)
    plain_claim = claim and not (_affect(claim) or claim in _PRAISE or _GRADED.fullmatch(claim))
    if claim and (not has_qmark or strict) and plain_claim and _retold_clause(summary, claim, words, novel, their_stems):
        claim = None
    if claim and not (strict and (not has_qmark or plain_claim) and _paraphrased_verdict(claim, their_stems)):
        return claim
    if strict and not heard_all:
        return None  # said without "?": a paraphrase is a reflection unless it names a feeling or verdict
    # Said without "?" (a statement, or a caption with no punctuation), a summary of several clauses that paraphrases
    # freely stays a reflection; one clause of mostly new content ("So you need new scanners.") is a claim of yours.
    several = len([c for c in re.split(r",\s*|;\s*|\s+(?:and|but)\s+", summary) if tokens(c)]) >= 2
    mostly_new = len(novel) >= 2 and len(novel) / len(words) > 0.5 and not (strict and several)
    if summary_frame and (mostly_new or (heard_all and len(novel) == len(words))) \
            and not (not has_qmark and _retold_clause(summary, "", words, novel, their_stems)):
        # Mostly content of yours (checked against all they said): their words are the setting, the claim is new.
        return " ".join(novel[:3])
    if strict:
        return None
    if has_qmark and summary_frame and (len(novel) / len(words) > 0.5 if strict else len(novel) / len(words) >= 0.5):
        return " ".join(novel[:3])
    return None


def _flag_hits(clean: str, focus_low: str, questions: list[str], is_question: bool,
               cues: Iterable[Cue]) -> list[FlagHit]:
    hits: list[FlagHit] = []
    low = clean.lower()
    cue_names = {c.name for c in cues}
    if "faux_invitation" in cue_names or _FAUX_ANYWHERE.search(low):
        match = _FAUX_ANYWHERE.search(low)
        hits.append(FlagHit(Flag.FAUX_INVITATION, "faux_invitation",
                            match.group(0).strip() if match else "tell me"))

    pitch = _PITCH.search(low)
    if pitch and pitch.group("ev").startswith("if") and re.search(
            r"\b(?:tell\s+(?:me|us)|know|ask|wonder(?:ing)?|curious|sure|see|check|share|confirm|sorry|apologies|"
            r"excuse\s+me|forgive\s+me|stop\s+me|correct\s+me|bear\s+with\s+me|mind)\s+" + re.escape(pitch.group("ev")), low):
        # "Can you tell me if the app shows daily use?": "if" asks whether, it pitches nothing; nor does an apology
        # ("sorry if this is a bit broad, what does a normal week look like?")
        pitch = None
    # (Not "if we …": what we would make is offered whatever it leaves out, "If we made one that didn't whistle…".)
    if pitch and pitch.group("ev").startswith("if") and not re.match(r"if\s+we\b", pitch.group("ev")) and (
            re.search(r"\b(?:not|never|n't|didn|don|doesn|wasn|weren|couldn|wouldn)\b",
                      re.split(r",|\bwould\b|\bwill\b", low[pitch.start():])[0])
            or re.match(r"^(?:(?:and|so|but|um|uh|okay|ok)\s+)*(?:what|how|where|who|which)\s+would\s+you\b", focus_low)):
        # "What would you do if the van didn't turn up?": a condition that goes wrong, or a question on what they would
        # do in it, offers no fix; _offered_change below reads what a condition does offer
        pitch = None
    if pitch:
        hits.append(FlagHit(Flag.PITCH, "pitch", pitch.group("ev").strip()))
    else:
        offered = next((c for c in cues if c.name == "suggests_solution"), None)
        last_question = strip_markers(questions[-1])[0].lower() if questions else ""
        described = None if offered or not is_question or not questions else \
            _described_solution(last_question) or _offered_change(
                last_question if _CONDITION_FRAME.search(last_question) or not _CONDITION_FRAME.search(low) else low)
        if offered:
            hits.append(FlagHit(Flag.PITCH, "pitch", offered.evidence))
        elif described:
            hits.append(FlagHit(Flag.PITCH, "described_solution", described))

    question_text = " ".join(strip_markers(q)[0] for q in questions).lower() if questions else ""
    if is_question and question_text and "closing_invitation" not in cue_names:
        probe = _HYP_EXCLUDE.sub(" ", question_text)
        if _HABITUAL.search(question_text) and not _HABIT_BREAKERS.search(question_text):
            # "How many dogs would you do on a normal day?": "would" of what she does as a rule, not of a world that
            # isn't.
            probe = re.sub(r"\bwould(?:n't)?\b|\byou'd\b", " ", probe)
        hyp = _HYP.search(probe)
        if hyp:
            hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", hyp.group("ev")))
        elif _IF_THEN.search(probe):
            hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", "if ... would"))
        elif re.match(r"^(?:(?:and|so|but)\s+)?would(?:n't)?\s+\w", strip_markers(questions[-1])[0].lower()) and \
                re.match(r"^\s*(?:(?:and|so|but)\s+)?would", _HYP_EXCLUDE.sub(" ", strip_markers(questions[-1])[0].lower())):
            # "Would online booking solve that?", "Would something that… be useful?": any would-question asks about
            # a world that isn't (the forms that ask for a description or an opinion are left out above).
            hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", "would"))

    if not is_question and not any(h.flag == Flag.HYPOTHETICAL for h in hits):
        probe = _HYP_EXCLUDE.sub(" ", strip_markers(focus_low)[0])
        guess = re.match(r"^(?:and\s+|but\s+)?(?:you'd|you\s+would|you'll|you\s+will|you're\s+going\s+to)\s+(?!have\b)\w+", probe)
        if guess and any(c.label == Label.LEADING for c in cues):
            # A guess at what they would do, said as a statement: still about the future.
            hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", guess.group(0)))
    if is_question:
        double = _DB_AND.search(focus_low)
        if double and double.group("ev2"):
            head = tokens(focus_low[: double.start("ev2")])
            if len(head) <= 4 and head[:2] == tokens(double.group("ev2"))[:2]:
                double = None  # "what did they actually, what did each of them look at": a false start, asked again
        if double:
            hits.append(FlagHit(Flag.DOUBLE_BARRELED, "double_barreled",
                                (double.group("ev") or double.group("ev2") or "").strip(" ?")))
        elif len(questions) >= 2 and (questions[-2].rstrip().endswith("?") or "?" not in clean):
            first = strip_markers(questions[-2])[0].lower()
            last = strip_markers(questions[-1])[0].lower()
            # "How did you hear about us? Was it a friend?" narrows the same question: not two questions.
            offers_answer = re.match(
                r"^(?:(?:was|is|were|are)\s+(?:it|that|this|they)|or|like|i\s+mean|as\s+in|maybe|perhaps|say)\b", last)
            preface = (_INVITE_STATEMENT.match(first) and not first.endswith("?")) or re.match(
                r"^(?:can|could)\s+you\s+(?:think\s+of|remember|recall)|^do\s+you\s+remember|^think\s+(?:back|about|of)|"
                r"^have\s+you\s+ever", first)
            # "what did they actually, what did each of them look at": a false start, asked again in full.
            restart = len(tokens(first)) <= 4 and tokens(first)[:2] == tokens(last)[:2]
            # A caption's "how did it go like can you talk me through it": the same asked again after "like".
            restart = restart or bool(re.search(r"\b(?:like|i\s+mean)\s*$", first))
            if not offers_answer and not preface and not restart and not _REFLECT_CHECK.match(last) \
                    and _overlap(last, first) < 0.5:
                hits.append(FlagHit(Flag.DOUBLE_BARRELED, "two_questions", last.rstrip("?")))
    return hits


# Words after which "right", "true", "no"... complete the clause ("it wasn't right", "went right", "is it true").
_COMPLEMENTED = frozenset("""
that's all just turn left quite exactly you're is was isn't wasn't weren't aren't be been being not it's feel feels felt
seem seems seemed look looks looked sound sounds sounded went go goes going gone get gets got getting did do does done
doing come came comes it them things everything something nothing anything quite so very too yes say said answer
""".split())

_OVERRIDING_LEADING = frozenset({"tag_question", "negative_question", "agreement", "social_proof", "presupposition",
                                 "suggests_solution",
                                 "loaded_degree", "loaded_yes_no", "suggests_action", "guess_question"})
_FORM_CUES = frozenset({"wh_open", "yes_no", "short_fact", "choice", "check_question", "invitation", "rating"})
_OVERLAP_CUES = frozenset({"restates", "about_them", "so_summary", "check_question"})


def lone_about_them(names: "set[str] | frozenset[str]", text: str) -> bool:
    """A turn about them ("you've been at it since six", "and after you got the fine?") with nothing else of a
    summary about it, not said as a sentence of its own (no closing full stop: a caption's unpunctuated speech, or a
    turn asked with "?"): the second person alone makes no reflection. (Measured on natural turns labelled outside
    the team, in English and Dutch: where that cue alone decided such a turn, the coaches' label was leading, open,
    closed or a statement, never a reflection.) A written paraphrase that ends its sentence ("You're torn between
    convenience and the cost.") keeps the cue. The classifier's neighbours and the other cues decide the rest."""
    if "about_them" not in names or names & {"restates", "so_summary", "reflection_starter"}:
        return False
    return not re.search(r"[.!\u3002\uff01\u2026]\W*$", text.strip())


def _resolve(cues: list[Cue], text: str = "") -> list[Cue]:
    """Some cues make others moot: a presupposition decides over the question word that carries it,
    and a verbatim echo over the overlap that any echo has with what they said."""
    names = {c.name for c in cues}
    strong_leading = any(c.name in _OVERRIDING_LEADING and c.weight >= STRONG for c in cues)
    strong_echo = any(c.name == "echo" and c.weight >= STRONG for c in cues)
    # The words of a verbatim echo (their own run of words handed back).
    verbatim = set().union(*(_norm_tokens(c.evidence.lower()) for c in cues if c.name == "echo" and c.weight > STRONG))
    # A summary that adds a claim, or asks them to agree ("it's hard when your friends all drink right").
    new_claim = "new_claim" in names or any(c.name in ("agreement", "tag_question") and c.weight >= STRONG for c in cues)
    # A declarative question that checks a new fact of yours: what it shares with their words is context, not a summary.
    checks_fact = any(c.name == "check_question" and c.weight >= STRONG for c in cues)
    lone_about = lone_about_them(names, text)
    out = []
    for cue in cues:
        if lone_about and cue.name == "about_them":
            continue
        if checks_fact and cue.label == Label.REFLECTION and cue.name in ("restates", "about_them", "so_summary"):
            cue = Cue(cue.name, cue.label, cue.weight / 2, cue.evidence)
        if new_claim and cue.label == Label.REFLECTION:
            # A summary that adds a claim of yours: its restating parts do not make it a reflection.
            cue = Cue(cue.name, cue.label, cue.weight / 2, cue.evidence)
        if strong_leading and cue.name in _FORM_CUES and cue.label != Label.LEADING:
            cue = Cue(cue.name, cue.label, cue.weight / 2, cue.evidence)
        if strong_echo and (cue.name in _OVERLAP_CUES or (cue.name in _FORM_CUES and "wh_open" not in names)):
            cue = Cue(cue.name, cue.label, cue.weight / 3, cue.evidence)
        if cue.name == "negative_question" and verbatim and set(_norm_tokens(cue.evidence.lower())) <= verbatim:
            # "Couldn't be bothered?" after "I couldn't be bothered with it": the negation is theirs, handed back.
            cue = Cue(cue.name, cue.label, cue.weight / 3, cue.evidence)
        out.append(cue)
    return out


def rule_scores(cues: Iterable[Cue]) -> dict[Label, float]:
    """Label -> summed cue weight (a label's strongest cue counts fully, further ones at half)."""
    by_label: dict[Label, list[float]] = {}
    for cue in cues:
        by_label.setdefault(cue.label, []).append(cue.weight)
    scores: dict[Label, float] = {}
    for label, weights in by_label.items():
        weights.sort(reverse=True)
        scores[label] = weights[0] + 0.5 * sum(weights[1:])
    return scores


_ACK_PHRASE = _rx(
    r"^(?:(?:oh|ah|aw+|ha|haha|wow|okay|ok|right|yeah|yes|mm+|mm-?hm+|uh-huh|hmm|huh|gosh|oof|great|cool|nice|"
    r"lovely|brilliant|perfect|excellent|awesome|sure|really|interesting|i\s+see|got\s+it|gotcha|fair\s+enough|"
    r"(?:that\s+)?makes\s+sense|understood|noted|thanks|thank\s+you(?:\s+so\s+much)?|absolutely|totally|of\s+course|"
    r"exactly|true|indeed|i\s+hear\s+you|yeah\s+no|no\s+totally|for\s+sure|wow\s+okay|sorry,?\s+go\s+on|"
    r"right\s+right|i\s+know|i\s+can\s+imagine|oh\s+no|oh\s+dear|good\s+for\s+you|congratulations|well\s+done|"
    r"no\s+worries|no\s+problem|sure\s+thing|got\s+you|i\s+get\s+it|i\s+understand|"
    r"of\s+course|fine|good|alright|all\s+right|wonderful|amazing|huh|nice\s+one)[\s,.!?-]*)+$"
)


def analyse(text: str, previous: str | None = None, language: str | None = "en",
            context: "str | Iterable[str] | None" = None) -> Form:
    if context is not None and not isinstance(context, str):
        context = tuple(str(c) for c in context)
    if isinstance(text, str) and (previous is None or isinstance(previous, str)):
        return _analyse_cached(text, previous, language, context)
    return _analyse(text, previous, language, context)


def focus_alone(form: Form, previous: str | None) -> str | None:
    """The focus ``analyse(form.text)`` (the turn read alone) has, read off ``form``, the English form of the same text
    read after ``previous`` (and any context): None when ``previous`` may have changed it, and a second reading is
    needed. What they said changes the focus only where ``previous`` is given and the turn is a transcript line with
    no question mark whose question was found after a preamble (with none found, the whole line is the focus either
    way), or is one word with a question mark (an echo of theirs, "Tuesday?", rather than an acknowledgement); the
    context never does."""
    if not isinstance(form, Form) or form.language != "en" or not isinstance(form.text, str):
        return None
    if not previous or ("?" in form.clean and len(tokens(form.clean)) != 1) or (
            "?" not in form.clean and not form.questions):
        return form.focus
    return None


@lru_cache(maxsize=4096)
def _analyse_cached(text: str, previous: str | None, language: str | None, context: "str | tuple[str, ...] | None") -> Form:
    return _analyse(text, previous, language, context)


def _analyse(text: str, previous: str | None = None, language: str | None = "en",
             context: "str | Iterable[str] | None" = None) -> Form:
    """Read the form of one interviewer turn (``previous``: what the interviewee said just before).

    ``context`` is everything the interviewee said earlier in the interview (a string or a list of their
    turns; ``previous`` may be among them): a summary is a reflection when its content is in there, and
    leading when it puts a new claim in their mouth.

    ``language`` is a BCP-47 tag; Dutch, Korean and Chinese have rules of their own (``rules_nl``,
    ``rules_ko``, ``rules_zh``), every other language is read with the English rules below. In every
    language, instructions aimed at the program and spam are a statement flagged ``off_task``.
    """
    lang = (str(language or "en").strip().replace("_", "-").split("-")[0].lower()) or "en"
    evidence = off_task(text) if isinstance(text, str) else None
    if evidence:
        return _off_task_form(text, evidence, previous, lang)
    if lang in ("nl", "ko", "zh"):
        from importlib import import_module

        module = import_module(f".rules_{lang}", __package__)
        if lang != "nl":
            return module.analyse(text, previous, context=context)  # Korean and Chinese read the context themselves
        if context is not None and previous is not None:
            # Everything they said: an echo or a summary may hand back an earlier turn, not only the last one.
            previous = customer_text(previous, context, limit=1200) or previous
        return module.analyse(text, previous)
    return _analyse_en(text, previous, context)


def _off_task_form(text: str, evidence: str, previous: str | None, language: str) -> Form:
    clean = clean_text(text)
    cue = Cue("off_task", Label.STATEMENT, STRONG + 2.0, evidence)
    return Form(text=text, clean=clean, focus=clean, sentences=(clean,), questions=(), is_question=False,
                language=language, cues=(cue,), flags=(FlagHit(Flag.OFF_TASK, "off_task", evidence),),
                has_previous=bool(previous), scores={Label.STATEMENT: cue.weight}, declarative=True)


def customer_text(previous: str | None, context: "str | Iterable[str] | None" = None, limit: int = 4000) -> str:
    """Everything the interviewee said (``context``, then ``previous``), the most recent ``limit`` characters."""
    parts: list[str] = []
    if isinstance(context, str):
        parts.append(context)
    elif context:
        parts.extend(str(c) for c in context if c)
    if previous and (not parts or parts[-1].strip() != previous.strip()):
        parts.append(previous)
    joined = " ".join(p.strip() for p in parts if p and p.strip())
    return joined[-limit:]


def echo_overlap(question: str, previous: str | None, language: str | None = "en") -> str | None:
    """The fragment of ``question`` that hands back the interviewee's own words (``previous``) when the
    question is a short echo of them, else None: "投诉？" / "…我还打电话投诉了一次" -> "投诉" (Chinese, no spaces),
    "과장님이요?" / "과장님이 한 시간 동안…" -> "과장님" (Korean, echo ending and particle stripped),
    "Twee weken?" -> "Twee weken", "Three hours?" -> "Three hours". See ``rules_i18n``."""
    from .rules_i18n import echo_overlap as _echo_overlap

    return _echo_overlap(question, previous, language)


_PREAMBLE_SPLIT = re.compile(r"(?:[,:;]|\s-)\s+(?:(?:but|and|so|then|okay|ok|now)\s+)?(?=\w)")
_QUESTION_HEAD = _rx(r"^(?:what|how|why|when|where|which|who|whose|do|does|did|is|are|was|were|have|has|had|can|could|"
                     r"would|will|should|don't|didn't|isn't|aren't|wasn't|tell|walk|talk|describe|if|imagine|suppose|say)\b")


def _after_preamble(body: str) -> str | None:
    """The question after a preamble ("Sorry, going back a step: tell me more about the party." ->
    "tell me more about the party."; "You mentioned the night shift, can you say more about that?"), or None
    when the turn opens with its question (a conditional, a trailing offer and a tag keep their own rules)."""
    low = body.lower()
    if _QUESTION_HEAD.match(low) or _INVITE.match(low) or _FAUX.match(low) or _REFLECT_START.match(low) or \
            _INVITE_STATEMENT.match(low) or _closing_invitation(low):
        return None
    best = None
    for match in _PREAMBLE_SPLIT.finditer(body):
        tail = body[match.end():].strip()
        tail_body = strip_markers(tail)[0]
        tail_low = tail_body.lower()
        if len(tokens(tail_low)) < 3 or _REFLECT_CHECK.match(tail_low) or _TAG.match(" " + tail_low):
            continue
        if _is_question_sentence(tail_body) and (_QUESTION_HEAD.match(tail_low) or _INVITE.match(tail_low)
                                                 or _closing_invitation(tail_low)):
            best = tail_body
            break
    return best


# A question inside a spoken turn with no punctuation: after a preamble ("so um the evenings then, I mean, how do
# evenings usually go") or a fronted clause ("when you got to the desk what happened").
_SPOKEN_QUESTION = _rx(
    r"^(?:what|how|why|when|where|which|who)(?:\s+[\w']+){0,3}?\s+(?:do|does|did|is|are|was|were|have|has|had|can|"
    r"could|will|would)\s+(?:you|they|it|he|she|we|there|that|this|those|these|the|your|his|her|their|any|[\w']+s)\b"
    r"|^(?:what|how|why|where|who)\s+(?:is|was|were|are)\s+(?!it\b)[\w']+ing\b"
    r"|^(?:what|who)\s+(?:happened|happens|made|makes|went|goes|got)\b|^(?:what's|how's|how'd|what'd|what're)\s+\w+"
    r"|^(?:do|does|did|is|are|was|were|have|has|can|could)\s+(?:you|they|it|he|she|we|there|that|this|your|the|his|her|"
    r"their|any|anyone|anybody)\s+\w+"
    r"|^(?:how\s+(?:many|much|often|long)|who|what)(?:\s+[\w']+){0,2}?\s+(?:don't|didn't|doesn't|haven't|hasn't|won't|can't|"
    r"wouldn't|aren't|isn't|weren't|wasn't)\s+\w+"
)
_SUBJECT_WH = _rx(r"^(?:who|what)\s+(?P<verb>[a-z]+)(?P<more>\s+\w)?")


@lru_cache(maxsize=4096)
def _subject_wh(low: str) -> bool:
    """A question whose question word is its subject, before a finite verb in the past or the third person ("who set
    the app up in the first place", "what changed", "who helps you with it"): read by lemminflect's forms, not a list
    of verbs. Not a question word before a noun ("what kind of…", "who else"), nor an auxiliary (the rules for
    inverted questions read those)."""
    match = _SUBJECT_WH.match(low)
    if match is None:
        return False
    verb = match.group("verb")
    if verb in _AUX or verb in _NEG_AUX:
        return False
    from simulator import nlp

    lemma = nlp.verb_lemma(verb)
    if not lemma:
        return False
    # (Two words ending the turn only in the past, "what changed", "who paid": "who knows", "who cares" say something.)
    if match.group("more") is None:
        return verb == nlp.inflect(lemma, "VBD") and low.strip(" ?.!") == match.group(0).strip()
    return verb in {nlp.inflect(lemma, "VBD"), nlp.inflect(lemma, "VBZ")}


def _spoken_question(low: str) -> bool:
    return bool(_SPOKEN_QUESTION.match(low)) or _subject_wh(low)


# A relative clause inside a caption's statement ("chasing people who pay late", "the place where you park"): a
# question word right after a noun does not start a question.
_RELATIVE_WH = frozenset({"who", "which", "where", "when", "whose", "whom"})


_WH_START = _rx(r"^(?:what|how|why|when|where|which|who)\b")
_ELLIPTIC_ANY = _rx(r"^(?:any|anything|anyone|anybody)\b")
_BARE_FACT_Q = _rx(r"^(?:how\s+(?:long|many|much|often|old|far)|when|where|which\s+one)(?:\s+(?:exactly|roughly|then|again))?$")
# Words that open or pad a spoken question rather than end a noun phrase ("roughly how many", "mean, who").
_DISCOURSE_WORDS = frozenset("roughly approximately exactly actually honestly basically mean like then okay ok right "
                             "well anyway also though just sorry wait".split())


_VERBLESS_WH = _rx(r"^(?:which|why)\s+(?!not\b|is\b|was\b|are\b|were\b|do\b|does\b|did\b)[a-z]")


def _verbless(text: str) -> bool:
    """No verb in ``text`` by the parser ("which page on the website"); False where no parser is installed."""
    doc = _parse_or_none(text)
    return doc is not None and not any(t.pos_ in ("VERB", "AUX") for t in doc)


# Where a spoken greeting gives way to what is asked ("hi gwen uh yeah lovely to meet you um so maybe start by ...").
_SPOKEN_BREAK = frozenset("um umm uh uhh er erm so yeah okay ok right well anyway".split())


def _after_greeting(sentence: str) -> str | None:
    """The question or request after a greeting in one unpunctuated spoken sentence ("hi dev thanks for this um so to
    start could you just tell me who you are a bit"): the first tail after a hesitation or discourse word that is one
    (its markers stripped); None when the sentence asks nothing after its greeting."""
    words = sentence.split()
    for i in range(2, len(words) - 2):
        if words[i - 1].lower().strip(",.;:") not in _SPOKEN_BREAK:
            continue
        body = strip_markers(" ".join(words[i:]))[0]
        low = body.lower()
        if len(tokens(low)) >= 3 and (_INVITE.match(low) or _spoken_question(low) or _AUX_START.match(low)) \
                and _is_question_sentence(body):
            return body
    return None


def _spoken_questions(sentence: str) -> list[str]:
    """The questions of an unpunctuated spoken turn, in order: each comma-separated chunk that is one, or the end of a
    chunk from a question word on; [] when it asks none (a caption summary, a statement)."""
    found: list[str] = []
    for chunk in re.split(r",\s*|\s+-\s+", sentence):
        body = strip_markers(chunk)[0].strip()
        words = body.split()
        if _BARE_FACT_Q.match(body.lower()) and chunk.strip() != sentence.strip():
            found.append(body)  # "so you've used it, how long, a year": a question for one fact in passing
            continue
        if len(tokens(body)) < 3 or _REFLECT_START.match(body.lower()):
            continue
        if _VERBLESS_WH.match(body.lower()) and _verbless(body):
            found.append(body)  # "which page on the website", "why the bus and not the train": a question with no verb
            continue
        if _ELLIPTIC_ANY.match(body.lower()) and len(tokens(body)) >= 3 and not _closing_invitation(body.lower()):
            found.append(body)  # "any other apps you use for it": a yes/no question without its auxiliary
            continue
        # (A chunk in the order of a statement is a question only as the whole turn: "when you want a pot, what do
        # you do" opens with a clause of time.)
        native = _native_order(body.lower()) if chunk.strip() == sentence.strip() else body.lower()
        if _is_question_sentence(body) and (_spoken_question(native) or _AUX_NAME.match(body)
                                            or _INVITE.match(native)
                                            or _INVITE_STATEMENT.match(body.lower()) or _framed_question(body.lower())):
            found.append(body)
            continue
        for i in range(1, len(words) - 1):
            tail = " ".join(words[i:])
            before = words[i - 1].lower().strip(",")
            if words[i].lower() in _RELATIVE_WH and before not in STOPWORDS and before not in _ACK_WORDS and \
                    before not in _DISCOURSE_WORDS:
                continue
            if _WH_START.match(tail.lower()) and _spoken_question(tail.lower()) and not re.match(
                    r"^(?:know|see|wonder|wondering|understand|remember|tell|ask|asked|asking|sure|idea|matter)$",
                    before):
                found.append(tail)
                break
    return found


_YOU_MENTIONED = _rx(r"\byou\s+(?:mentioned|said|brought\s+up|talked\s+about|told\s+me\s+about|spoke\s+about)\s+"
                    r"(?P<what>[^.?!,;]{2,60})")


_THINK_Q = _rx(r"^(?:do|did)\s+you\s+(?:think|reckon|feel|believe)\s+(?:that\s+)?(?!you\b|you're\b|you'd\b|you'll\b|i\b|we\b)"
               r"(?P<c>(?:they|he|she|it|the\s+\w+|their\s+\w+|that)\b.+)$")
# A question that asks for a cause: an answer offered to it is a reason of yours ("What made you switch? Was it the
# price?"), not one possibility of a fact.
_CAUSE_Q = _rx(r"^(?:why|how\s+come|what\s+(?:made|makes|led|leads|drove|caused|causes|prompted|was\s+the\s+reason|"
               r"is\s+the\s+reason|'s\s+the\s+reason)|what's\s+the\s+reason)\b")


def _answer_offered(qcues: list[Cue], clean: str, focus: str, q_low: str) -> list[Cue]:
    """"Who put it in for you, was it the energy company", "How did you hear about us? Was it a friend?": a candidate
    answer right after your own question for a fact offers one possibility of it, a closed question; after a question
    for a cause it offers your reason (the guess stands)."""
    offered = re.sub(r"\s+or\s*$", "", q_low.strip().rstrip(" ?.!"))
    if not any(c.name == "guess_question" for c in qcues) or not _CANDIDATE.match(offered):
        return qcues
    at = clean.lower().rfind(offered)
    before = clean[:at] if at > 0 else ""
    clauses = [c.strip() for c in re.split(r"[,.;:?!]\s*", before) if tokens(c)]
    if not clauses:
        return qcues
    asked = strip_markers(clauses[-1])[0].lower()
    if not _WH_START.match(asked) or _CAUSE_Q.match(asked):
        return qcues
    return [c for c in qcues if c.name != "guess_question"]


def _fragment_guess(body: str, said: str | None) -> str | None:
    """A verdict or feeling asked as a bare fragment ("Too expensive?", "Annoying?", "Bit of a nightmare?") that they
    never gave: the interviewer's guess, not their words."""
    words = tokens(body)
    if not said or not 1 <= len(words) <= 4 or _AUX_START.match(body.lower()) or _WH_OPEN.match(body.lower()):
        return None
    their_stems = {stem(_unclitic(t)) for t in tokens(said)}
    for w in words:
        if (_loaded(w) or _affect(w)) and not _said(w, their_stems):
            return w
    return None


# What the customer said is cleaned once per text, not once per interviewer turn: a transcript's turns share it.
_clean_said = lru_cache(maxsize=256)(clean_text)


# What follows "if" in a hedge that keeps a question open ("How, if at all, …", "What, if anything, …"); the rewriter
# reads the same hedge in its own rewrites.
OPEN_HEDGE = r"at\s+all|ever|any(?:one|thing|body)?"
_WH_ASIDE = re.compile(rf"(?P<wh>\b(?:how|what|which|who|when|where|why)(?:\s+[a-z]+)?)\s*,\s*if\s+(?:{OPEN_HEDGE}|so|not)"
                       r"\s*,\s*", re.IGNORECASE)


def _analyse_en(text: str, previous: str | None = None, context: "str | Iterable[str] | None" = None) -> Form:
    raw = clean_text(fold_confusables(text) if isinstance(text, str) else text)
    prev = clean_text(previous, limit=600) if previous else None
    # Everything they said so far: what a summary may restate.
    said = _clean_said(customer_text(previous, context), limit=4000) if (prev or context) else None
    mentioned = _YOU_MENTIONED.search(raw)
    if said and mentioned:
        # "You mentioned the fees earlier. Were the fees the main reason?": the words they are said to have used.
        said = said + " " + mentioned.group("what")
    # Their earlier turns, each one on its own: an echo may hand back words from any of them.
    earlier = [_clean_said(c, limit=600) for c in ([context] if isinstance(context, str) else list(context or ()))
               if isinstance(c, str) and c.strip()][-8:]
    language = detect_language(raw) if raw else "en"
    clean = strip_fillers(raw) if raw else ""
    if not clean and raw:
        clean = raw  # "Um." on its own: keep it, it is an acknowledgement.
    # "How, if at all, do you…?", "What, if anything, did she say?": the wh-word asks; the aside between commas only
    # keeps "none" a possible answer (it is no second clause, and "do you…" after it is no yes/no question).
    clean = _WH_ASIDE.sub(r"\g<wh> ", clean)
    if not clean:
        return Form(text=text if isinstance(text, str) else "", clean="", focus="", sentences=(), questions=(),
                    is_question=False, language="en", cues=(Cue("empty", Label.STATEMENT, STRONG),),
                    flags=(), has_previous=bool(prev), scores={Label.STATEMENT: STRONG}, declarative=True)

    sentences = _sentences(clean)
    questions = [s for s in sentences if _is_question_sentence(s)]
    has_any_qmark = "?" in clean
    if not questions and "?" not in clean and sentences and prev is not None and not re.search(r"[.!]\s*$", clean):
        # A transcript line: its last sentence, unpunctuated at the end ("right. and when he takes them out, what
        # happens with the conversation"), may hold its question after a preamble.
        questions = _spoken_questions(sentences[-1])
    elif questions and "?" not in clean and prev is not None and questions[-1] is sentences[-1]:
        # A caption's "did you tell them, what did they say": two questions in one line; the last one decides.
        asked = _spoken_questions(questions[-1])
        if len(asked) >= 2 and not re.match(r"^(?:or|and)\b", asked[-1].lower()):
            questions = questions[:-1] + asked
    if not questions and sentences and _GREETING.match(sentences[-1].lower()):
        asked = _after_greeting(sentences[-1])
        if asked is not None:
            questions = [asked]
    cues: list[Cue] = []
    focus = clean
    declarative = False

    ack_echo = (clean.rstrip().endswith("?") and len(tokens(clean)) == 1 and tokens(clean)[0] not in _PURE_ACK
                and echo_match(clean, prev) >= 0.99)
    if not ack_echo and (_ACK_PHRASE.match(clean.lower()) or all(t in _ACK_WORDS for t in tokens(clean))):
        cues.append(Cue("acknowledgement", Label.STATEMENT, STRONG + 0.5, clean))
        focus = clean
        declarative = True
        questions = []
    elif questions:
        # "It's a sensible idea, though, isn't it, ours? For someone in your position?": a last question with no verb
        # that adds to the one before it (not "And the price?", a question of its own) leaves that one asked.
        # (After a wh-question it guesses the answer, "How did you hear about us? A friend?": that is read as asked.)
        if len(questions) >= 2 and _afterthought_fragment(questions[-1]) and not re.match(
                r"^(?:what|how|why|when|where|who|which|whose)\b", strip_markers(questions[-2])[0].strip().lower()):
            questions = questions[:-1]
        focus = questions[-1]
        body, so_start = strip_markers(focus)
        low = body.lower()
        # A check after a summary ("Did I get that right?") keeps the summary as the focus.
        if _REFLECT_CHECK.match(low) and len(sentences) >= 2 and sentences[-2] not in questions[:-1]:
            focus = " ".join(sentences[:-1])
            fbody, fso = strip_markers(focus)
            ov = _overlap(fbody, said)
            cues.extend(_declarative_cues(fbody, fso, said, False, ov, heard_all=bool(earlier)))
            cues.append(Cue("reflection_check", Label.REFLECTION, MEDIUM, low.rstrip("?")))
            declarative = True
        else:
            # "Or was it something else?" continues the question before it.
            if re.match(r"^or\b", low) and len(questions) >= 2:
                focus = questions[-2] + " " + focus
                body, so_start = strip_markers(focus)
                low = body.lower()
            has_qmark = focus.rstrip().endswith("?") or has_any_qmark and focus is sentences[-1]
            echo = _echo_heard(body, prev, earlier)
            if echo >= 0.6 and (_CLAUSE_ECHO.match(low) and len(tokens(low)) >= 7 or len(tokens(low)) >= 8):
                # Their sentence said back as yours ("And you get the train in most days?"): a reflection.
                cues.append(Cue("restates", Label.REFLECTION, STRONG, ""))
            elif echo >= 0.99 and not (_WH_OPEN.match(low) and len(tokens(low)) > 3):
                cues.append(Cue("echo", Label.ECHO, STRONG + 0.5, body.rstrip("?.! ")))
            elif echo >= 0.6:
                # Their clause handed back, pronouns turned ("You switched in the spring?"): short, so an echo.
                short_clause = bool(_CLAUSE_ECHO.match(low)) and len(tokens(low)) <= 6 and _own_proforms(low, said)
                cues.append(Cue("echo", Label.ECHO, STRONG if short_clause else MEDIUM, body.rstrip("?.! ")))
            # (A phrase after the tag, "…, is it, ours?", is an afterthought: the tag ends the question.)
            body = _without_afterthought(body)
            low = body.lower()
            preamble = _after_preamble(body)
            if preamble is not None:
                body, low = preamble, preamble.lower()
            q_low = _last_clause(_main_clause(low))
            opinion = _OPINION_LEAD.match(q_low)
            if opinion:
                # "What do you think, would that help?": the opener asks nothing itself; the yes/no after it is answered.
                q_low = opinion.group("q")
            offer = _TRAILING_OFFER.search(q_low)
            if offer and len(tokens(offer.group("q"))) >= 3 and (_WH_OPEN.match(q_low) or _AUX_START.match(q_low)):
                q_low = offer.group("q")
            qcues = _question_cues(q_low, clean, prev, has_qmark, said, offer=bool(offer and q_low == offer.group("q")),
                                   so_start=so_start)
            if not qcues and q_low == low and _native_order(q_low) != q_low:
                qcues = _question_cues(_native_order(q_low), clean, prev, has_qmark, said, so_start=so_start)
            if not qcues and has_qmark and _elliptic_progressive(q_low):
                # "Watching anything good on telly at the moment?", "Enjoying the new job?": "are you" left out of a
                # yes/no question; whatever its words share with what they said, it asks, it does not sum up.
                qcues = [Cue("yes_no", Label.CLOSED, STRONG, q_low.split(" ")[0])]
            if not qcues and not has_qmark and _ELLIPTIC_ANY.match(q_low) and len(tokens(q_low)) >= 3:
                # A caption's "any other apps you use for it": a yes/no question with its auxiliary left out.
                qcues = [Cue("yes_no", Label.CLOSED, MEDIUM + 0.5, q_low.split(" ")[0])]
            if not qcues:
                # A question mark on a declarative: a reflection said with rising intonation, a guess,
                # or a clarification. Which one depends on what they said.
                ov = _overlap(body, said)
                dcues = _declarative_cues(body, so_start, said, True, ov, heard_all=bool(earlier))
                if so_start and said and ov < 0.2 and not any(c.label == Label.LEADING for c in dcues):
                    dcues.append(Cue("guess_question", Label.LEADING, MEDIUM, "so"))
                guess = _fragment_guess(body, said) if echo < 0.6 else None
                if guess:
                    dcues.append(Cue("guess_question", Label.LEADING, STRONG + 0.5, guess))
                if not any(c.label in (Label.REFLECTION, Label.LEADING) for c in dcues):
                    dcues.append(Cue("check_question", Label.CLOSED, MEDIUM, body.rstrip("?")))
                tag = None if _CHECK_TAG.search(q_low) or _reversed_tag(q_low) else _TAG.search(q_low)
                if tag:
                    # A fact of yours with a tag after it ("Your manager picked it, didn't she?"): not a check but a
                    # yes asked for what you supply.
                    dcues = [Cue("tag_question", Label.LEADING, c.weight, tag.group("tag")) if c.name == "check_question"
                             else c for c in dcues]
                qcues = [c for c in dcues if c.name != "declarative"]
            if _AUX_NAME.match(body) and not any(c.name in _FORM_CUES for c in qcues):
                qcues.append(Cue("yes_no", Label.CLOSED, STRONG, " ".join(body.split()[:2])))
            qcues = _answer_offered(qcues, clean, focus, q_low)
            cues.extend(qcues)
    else:
        declarative = True
        body, so_start = strip_markers(clean if len(sentences) <= 1 else sentences[-1])
        whole_body, whole_so = strip_markers(clean)
        ov = _overlap(whole_body, said)
        echo = _echo_heard(whole_body, prev, earlier)
        # Eight words or more of theirs said back is a summary, not an echo ("so it wouldn't open and the code had
        # expired"): an echo hands back a few words.
        if echo >= 0.6 and (_CLAUSE_ECHO.match(whole_body.lower()) and len(tokens(whole_body)) >= 7
                            or len(tokens(whole_body)) >= 8):
            cues.append(Cue("restates", Label.REFLECTION, STRONG, ""))
        elif echo >= 0.99:
            cues.append(Cue("echo", Label.ECHO, STRONG + 0.5, whole_body.rstrip("?.! ")))
        elif echo >= 0.6:
            short_clause = (bool(_CLAUSE_ECHO.match(whole_body.lower())) and len(tokens(whole_body)) <= 6
                            and _own_proforms(whole_body.lower(), said))
            cues.append(Cue("echo", Label.ECHO, STRONG if short_clause else MEDIUM, whole_body.rstrip("?.! ")))
        substantive = [x for x in sentences if not _ACK_PHRASE.match(x.lower())] or sentences or [clean]
        # A caption (a transcript line without punctuation) carries no question mark: a summary or a statement about
        # them in it is heard as a question with a rising voice ("and you pay for that yourself", "so that was it then").
        caption = bool(said) and not re.search(r"[.?!]", clean) and len(tokens(clean)) >= 3
        if caption:
            # "sorry that's everything on my list um is there anything i haven't asked about that you think matters": a
            # caption runs the signpost into the closing invitation; the invitation is what is asked.
            clean_low = clean.lower()
            for start in _CLOSING_START.finditer(clean_low):
                closing = start.start() > 0 and _closing_invitation(clean_low[start.start():])
                if closing:
                    cues.append(Cue("closing_invitation", Label.OPEN, STRONG + 0.5, closing))
                    break
        then_end = bool(re.search(r"\bthen\s*$", clean.lower()))
        rising = has_any_qmark or caption or then_end
        if len(substantive) <= 1:
            main_body, main_so = strip_markers(substantive[0])
            cues.extend(_declarative_cues(main_body, main_so or whole_so, said, rising,
                                          _overlap(main_body, said), clean.lower(), caption=not (has_any_qmark or then_end),
                                          heard_all=bool(earlier)))
        else:
            # Like the last question of a question turn, the last thing said decides ("Okay, got it. I just
            # want to check. So you paid twice."); earlier sentences count, but less.
            for position, sentence in enumerate(substantive):
                s_body, s_so = strip_markers(sentence)
                s_cues = _declarative_cues(s_body, s_so, said, sentence.rstrip().endswith("?"),
                                           _overlap(s_body, said), sentence.lower(), heard_all=bool(earlier))
                last = position == len(substantive) - 1
                cues.extend(c if last else Cue(c.name, c.label, c.weight * 0.6, c.evidence)
                            for c in s_cues if last or c.name != "declarative")
        # A tag anywhere in a caption ("that's ridiculous isn't it an hour") seeks agreement.
        low = whole_body.lower()
        mid = _TAG_MID.search(low) or _TAG.search(low)
        end_tag = re.search(r"\s(?:right|yeah)\s*$", low) and len(tokens(low)) >= 4 and not re.search(
            r"\b(?:that's|all|you're|just|turn|exactly|quite|is|was|it's)\s+right\s*$", low)
        tagged = mid and (mid.group("tag") not in ("right", "yes", "ok", "okay", "no", "yeah", "true", "is it", "was it",
                                                   "did you", "do you", "does it", "do they")
                          or (mid.group("tag") in ("is it", "was it") and _DECLARATIVE_SUBJECT.match(low)
                              and len(tokens(low)) >= 5)
                          or _reversed_tag(low))
        if (tagged and not _TAG_MID.search(low) and not _reversed_tag(low)) or (end_tag and not tagged):
            # A tag ending a caption ("you'd skip the ads if you could right", "it was the third one who sorted it
            # right"): a view of yours to agree with, or a plain fact to confirm.
            tag_start = mid.start() if tagged else low.rstrip().rfind(" ")
            function, evidence = _tag_function(low[:tag_start], said, whole_so)
            handed_back = low[:tag_start].strip(" ,")
            if (tagged and mid.group("tag") in ("huh", "eh") and len(tokens(handed_back)) <= 6
                    and _echo_heard(handed_back, prev, earlier) >= 0.99):
                # "always calls in sick, huh": a few of their words handed back with a murmur, an echo.
                cues.append(Cue("echo", Label.ECHO, STRONG + 0.5, handed_back))
            elif function in (Label.LEADING, Label.CLOSED):
                cues.append(Cue("tag_question", Label.LEADING, STRONG, mid.group("tag") if tagged else "right"))
        elif tagged:
            cues.append(Cue("tag_question", Label.LEADING, STRONG, mid.group("tag")))
        elif re.search(r"\b(?:\w+)\s+right\s+(?:\w+\s*){1,3}$", low) and len(tokens(low)) >= 5 and not re.search(
                r"\b(?:that's|all|you're|just|turn|exactly|quite|is|was|it's)\s+right\b", low):
            cues.append(Cue("tag_question", Label.LEADING, MEDIUM + 0.5, "right"))
        focus = clean

    cues = _resolve(cues, clean)
    focus_body = strip_markers(focus)[0]
    overlap = _overlap(focus_body, prev)
    flags = _flag_hits(clean, focus_body.lower(), questions, bool(questions) and not declarative, cues)
    if any(h.flag == Flag.PITCH for h in flags) and declarative and not any(
            c.label == Label.LEADING and c.weight >= STRONG for c in cues):
        # A pitch told is a statement; one put into their mouth ("so you'd want some kind of AI for that") leads.
        cues.append(Cue("pitch_statement", Label.STATEMENT, STRONG, ""))
    cues = pitch_asks_for_yes(cues, flags, bool(questions) and not declarative)
    scores = rule_scores(cues)
    return Form(
        text=text,
        clean=clean,
        focus=focus_body or clean,
        sentences=tuple(sentences),
        questions=tuple(questions),
        is_question=bool(questions) and not declarative,
        language=language,
        cues=tuple(cues),
        flags=tuple(flags),
        has_previous=bool(prev),
        overlap=overlap,
        echo=echo_match(focus_body, prev),
        declarative=declarative,
        scores=scores,
    )
