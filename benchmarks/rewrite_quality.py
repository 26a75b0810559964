"""Automatic checks of the scorer's English rewrites: does a rewrite read like a person wrote it, and does it keep
the topic of the question it replaces? Used by ``benchmarks/bench_scoring.py --coaching``.

    from benchmarks.rewrite_quality import grammar_problems, keeps_topic, rewrites_of
    grammar_problems("How do you feel about isn't it true?")   # ["leftover tag 'isn't it true?'"]
    keeps_topic("Tell me about the last time you used the app.", "Do you use the app daily?")   # (True, ["app"])

    python benchmarks/rewrite_quality.py      # runs the checks on known good and bad rewrites

The grammar checks read spaCy's parse (``simulator.nlp``, the project's English pipeline) and catch the errors
rewriting by templates makes, not every error English allows:

- no finite verb: a sentence without a finite verb or an imperative (a short echo like "The WhatsApp group?" of at
  most six words is allowed: that is how an echo is written);
- subject-verb agreement ("you needs", "does you", "the drivers was");
- a finite verb after do-support ("did you went", "does it works") and doubled pronouns ("need you a");
- a wh-question without inversion ("What else I haven't asked about…?"), and an inverted question embedded
  after "tell me about" ("tell me about what did you do");
- tense clash: "the last/first time you come", "How do you feel when the van was late?";
- leftover tag fragments inside ("…about isn't it true?", ", right?", "don't you think");
- a dangling comparative at the end ("Can you tell me more about the group better?");
- doubled words ("the the"), an empty or unfinished sentence, lower-case start;
- what cutting words out of a question leaves, read off the parse: a verb that needs an object ending its clause
  without one ("the last time someone else grabbed."; a small valency lexicon, and not where the object was moved
  away: "the tools you need", "what you grabbed"), a relative clause that lost its preposition ("the people we
  talk"), a preposition with nothing after it ("…you paid by.") or with a finite clause after it ("between that's
  usually you…"), a determiner or adjective with no noun ("about the did…", "with the old?"), a pronoun or a
  contracted auxiliary left after a noun ("the section leader you.", "Valencia I've."), an inverted question inside a
  request ("…or is it just you."), an approximator with no amount ("…you paid roughly."), "myself" with no "I".
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from simulator import nlp  # noqa: E402

__all__ = ["grammar_problems", "keeps_topic", "topic_lemmas", "rewrites_of", "is_silence_suggestion"]

_FINITE = {"VBD", "VBP", "VBZ", "MD"}
_PRONOUN_3SG = {"he", "she", "it", "this", "that", "there"}
_PRONOUN_PLURAL = {"i", "you", "we", "they"}
_WH = {"what", "how", "why", "where", "when", "which", "who", "whom", "whose"}
# Verbs that take two objects: "give you a discount" is fine, "need you a discount" is not.
_DITRANSITIVE = {"give", "tell", "show", "send", "offer", "ask", "owe", "bring", "get", "buy", "make", "cost",
                 "charge", "teach", "pay", "lend", "let", "help", "remind", "save", "find", "leave", "hand", "wish",
                 "call", "keep", "take", "cook", "book", "sell", "promise", "allow", "deny", "grant"}
_TAG = re.compile(
    r"(?:\b(?:is|are|was|were|do|does|did|have|has|had|can|could|would|will|should|wo|ca)n[’']?t\s+"
    r"(?:it|that|this|you|they|there|he|she|we|i)\b(?:\s+(?:true|so|right))?\s*[?.,!]"
    r"|,\s*(?:right|correct|yeah|yes|no|eh|huh|ok|okay|true)\s*[?.!]"
    r"|\bdon[’']?t\s+you\s+think\b|\bwouldn[’']?t\s+you\s+(?:say|agree)\b|\bisn[’']?t\s+(?:it|that)\s+true\b"
    r"|\bdo\s+you\s+agree\b)",
    re.IGNORECASE,
)
_EMBEDDED_INVERSION = re.compile(
    r"\b(?:tell|ask|show)\s+(?:me|us)\s+(?:more\s+)?(?:about\s+)?(?:what|how|why|when|where|which)\b"
    r"(?:\s+(?!(?:you|they|it|he|she|we|i)\b)\w+)?\s+"
    r"(?:did|do|does|was|were|is|are|have|has|had|would|could|can|will)\s+(?:you|they|it|he|she|we|i)\b",
    re.IGNORECASE,
)
_DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_DOUBLED_OK = {"that", "had", "very", "bye", "no", "so", "really"}
# Prepositions that take a noun phrase or a gerund, never a clause ("about they're", "with to restore").
_NO_CLAUSE_PREPOSITIONS = {"about", "of", "with", "for", "on", "in", "at", "from", "to", "into", "through", "over",
                           "by", "without", "towards", "toward", "onto", "upon"}
_TIME_COMPARATIVES = {"more", "less", "earlier", "later", "sooner", "longer", "further", "else", "before"}
_SAYING = {"tell", "describe", "explain", "talk", "walk", "say", "share", "ask", "think"}
_SILENCE = re.compile(r"^\W*(?:\(|\[)?\s*(?:stay|staying|keep|remain)\s+(?:silent|quiet)|^\W*(?:\(|\[)?\s*(?:silence|"
                      r"pause|say nothing|wait)\b", re.IGNORECASE)


def is_silence_suggestion(text: str) -> bool:
    """Whether a suggested alternative is "stay silent" rather than words to say."""
    return bool(_SILENCE.search(text or ""))


def _past_form(word: str) -> bool:
    """Whether ``word`` is the simple past of a verb the dictionary knows ("rang", "swam", "set"), whatever the tagger
    said."""
    lemma = nlp.verb_lemma(word)
    return bool(lemma) and nlp.inflect(lemma, "VBD") == word


def _tense(tok: Any) -> str | None:
    """'past', 'present' or None (modal, non-finite) for a verb token, counting its auxiliaries."""
    tags = [c.tag_ for c in tok.children if c.dep_ in ("aux", "auxpass")] + [tok.tag_]
    if "MD" in tags:
        return None
    if tok.tag_ == "VBD" and not [c for c in tok.children if c.dep_ in ("aux", "auxpass")] and \
            nlp.verb_lemma(tok.lower_) == tok.lower_:
        return None  # "hit", "put", "cut": present or past, the tag cannot tell
    if "VBD" in tags:
        return "past"
    if tok.tag_ == "VBP" and _past_form(tok.lower_) and nlp.verb_lemma(tok.lower_) == tok.lower_:
        return None  # "set", "put", "let": present or past, the tag cannot tell
    if "VBZ" in tags or "VBP" in tags:
        # "have/has + participle" is a present perfect: it talks about the past too; leave it out.
        if any(c.lemma_ == "have" and c.dep_ == "aux" for c in tok.children) and tok.tag_ == "VBN":
            return None
        return "present"
    return None


def _sentence_problems(sent: Any) -> list[str]:
    problems: list[str] = []
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words:
        return problems
    text = sent.text.strip()
    root = sent.root
    has_finite = any(t.tag_ in _FINITE for t in words)
    # An imperative ("Tell me…", "So, uh, talk me through…", "To start, tell me…"): a bare verb without a subject.
    imperative = any(t.tag_ == "VB" and t.dep_ in ("ROOT", "conj", "ccomp", "parataxis", "advcl")
                     and not any(c.dep_ in ("nsubj", "aux") for c in t.children) for t in words)
    only_fillers = all(t.pos_ in ("INTJ", "CCONJ", "ADV", "PART", "X") for t in words)
    if not has_finite and not imperative and not only_fillers:
        if not (len(words) <= 6 and text.endswith(("?", "."))):
            problems.append(f"no finite verb in '{text}'")

    for tok in sent:
        # Subject-verb agreement.
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.tag_ in ("VBZ", "VBP") and not any(
                t.lower_ in _WH for t in tok.subtree):
            verb = tok.head
            auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
            aux_finite = [c for c in auxes if c.tag_ in ("VBZ", "VBP")]
            target = aux_finite[0] if aux_finite else verb
            subj = tok.lower_
            if subj in ("that", "which", "who") or any(c.pos_ == "NUM" for c in tok.children) or (auxes and not aux_finite) or not (0 < target.i - tok.i <= 3 or tok.i - target.i == 1):
                pass  # a mis-tagged main verb after "did"/"will", or subject and verb too far apart to judge
            elif target.tag_ == "VBZ" and (subj in _PRONOUN_PLURAL or tok.tag_ in ("NNS", "NNPS")):
                problems.append(f"agreement: '{tok.text} … {target.text}'")
            elif target.tag_ == "VBP" and target.lower_ not in ("are", "'re") and (
                    subj in _PRONOUN_3SG or (tok.tag_ in ("NN", "NNP") and not any(c.dep_ == "cc" for c in tok.children))):
                problems.append(f"agreement: '{tok.text} … {target.text}'")
        if tok.dep_ in ("aux",) and tok.tag_ in ("VBZ", "VBP") and tok.lemma_ in ("do", "be", "have"):
            subjects = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            for s in subjects:
                if abs(s.i - tok.i) != 1:
                    continue
                if tok.tag_ == "VBZ" and s.lower_ in _PRONOUN_PLURAL:
                    problems.append(f"agreement: '{tok.text} {s.text}'")
                if tok.tag_ == "VBP" and tok.lower_ in ("do", "have") and s.lower_ in _PRONOUN_3SG:
                    problems.append(f"agreement: '{tok.text} {s.text}'")
        if tok.lower_ in ("was",) and any(c.dep_ == "nsubj" and c.lower_ in ("you", "we", "they")
                                          for c in tok.children):
            problems.append(f"agreement: '{tok.text}' with a plural subject")
        # A finite verb after do-support: "did you went", "does it works".
        if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ") and tok.lower_ != tok.lemma_.lower() and any(
                c.dep_ == "aux" and c.lemma_ == "do" and c.tag_ in ("VBD", "VBZ", "VBP") and c.i < tok.i and not any(
                    t.pos_ in ("VERB", "AUX") for t in tok.doc[c.i + 1:tok.i]) for c in tok.children) and any(
                c.dep_ == "nsubj" and c.i < tok.i for c in tok.children):
            problems.append(f"finite verb after do-support: '{tok.text}'")
        # Doubled pronoun: "you need you a …".
        if tok.lower_ == "you" and tok.dep_ in ("dative", "dobj", "nsubj", "iobj") and tok.i > sent.start:
            head = tok.head
            if head.pos_ in ("VERB", "AUX") and head.lemma_ not in _DITRANSITIVE and head.i < tok.i and any(
                    c.lower_ == "you" and c.dep_ == "nsubj" and c.i < head.i for c in head.children):
                nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
                if nxt is not None and (nxt.pos_ in ("DET", "NUM") or nxt.like_num):
                    problems.append(f"doubled pronoun: '{head.text} you {nxt.text}'")
        # Tense clash inside "the last/first time you …".
        if tok.lower_ == "time" and tok.i >= 1 and tok.doc[tok.i - 1].lower_ in ("last", "first", "next"):
            for child in tok.children:
                if child.dep_ in ("relcl", "acl") and child.tag_ in ("VBP", "VBZ") and tok.doc[tok.i - 1].lower_ != "next" \
                        and nlp.inflect(child.lemma_.lower(), "VBD") != child.lower_ \
                        and not _past_form(child.lower_):  # "let", "put", "set": past too; "rang" mis-tagged VBP
                    problems.append(f"tense clash: 'the {tok.doc[tok.i - 1].text} time … {child.text}'")
        # Tense clash between a main clause and its "when" clause.
        if tok.dep_ == "advcl" and any(c.lower_ == "when" and c.dep_ == "advmod" for c in tok.children):
            inner, outer = _tense(tok), _tense(tok.head)
            if inner and outer and inner != outer:
                problems.append(f"tense clash: '{tok.head.text}' ({outer}) with 'when … {tok.text}' ({inner})")

    # A preposition followed by a clause or a bare finite verb: "about they're better", "about it's one",
    # "how you go with gets done".
    for tok in words[:-1]:
        if tok.lower_ in _NO_CLAUSE_PREPOSITIONS and tok.tag_ == "IN":
            nxt = tok.doc[tok.i + 1]
            after = tok.doc[tok.i + 2] if tok.i + 2 < len(tok.doc) else None
            if nxt.lower_ == "to" and after is not None and after.tag_ == "VB":
                problems.append(f"preposition before an infinitive: '{tok.text} to {after.text}'")
            elif nxt.tag_ == "PRP" and after is not None and after.tag_ in _FINITE and after.pos_ in ("VERB", "AUX"):
                problems.append(f"preposition before a clause: '{tok.text} {nxt.text} {after.text}'")
            elif (nxt.tag_ in _FINITE and nxt.pos_ in ("VERB", "AUX")) or (nxt.pos_ == "AUX" and nxt.lower_ in (
                    "is", "are", "was", "were", "gets", "got", "has", "have", "had", "does", "did", "do")):
                problems.append(f"preposition before a verb: '{tok.text} {nxt.text}'")
            elif nxt.lower_ in ("i", "he", "she", "we", "they"):
                problems.append(f"preposition before a subject pronoun: '{tok.text} {nxt.text}'")
            elif nxt.lower_ in ("it", "that", "this") and after is not None and after.tag_ in _FINITE and \
                    after.pos_ in ("VERB", "AUX") and tok.lower_ not in ("like",):
                problems.append(f"preposition before a clause: '{tok.text} {nxt.text} {after.text}'")

    # A wh-question without inversion: "What else I haven't asked about…?"
    first = words[0]
    if first.lower_ in _WH and text.endswith("?") and not re.match(r"(?i)how come|what if|what about|how about", text):
        subject = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head == root), None)
        in_wh_phrase = subject is not None and (first in subject.subtree or all(
            t in subject.subtree or t.lower_ in ("many", "much", "kind", "sort", "of") for t in sent
            if first.i < t.i < subject.i))
        if subject is not None and subject.lower_ not in _WH and subject.i > first.i and not in_wh_phrase:
            between = [t for t in sent if first.i < t.i < subject.i]
            wh_subject = any(t.dep_ in ("nsubj",) and t.lower_ in _WH for t in sent)
            if not wh_subject and not any(t.tag_ in _FINITE for t in between) and not any(
                    t.tag_ in _FINITE for t in subject.subtree if t.i < subject.i):
                # "Which of these do you…" has the aux after the phrase: only flag when a finite verb follows directly.
                after = [t for t in sent if t.i > subject.i and t.tag_ in _FINITE]
                if after and root.tag_ != "VB":
                    problems.append(f"question without inversion: '{text}'")

    # Dangling comparative at the end: "…about the WhatsApp group better?"
    if len(words) >= 3:
        last = words[-1]
        if last.tag_ in ("JJR", "RBR") and last.lower_ not in _TIME_COMPARATIVES and not any(
                t.lower_ == "than" for t in sent):
            if last.head.lemma_ in _SAYING or words[-2].dep_ == "pobj" or words[-2].pos_ in ("PROPN",):
                problems.append(f"dangling comparative '{last.text}'")
    return problems


# The word lists and the moved-object test the rewriter checks its own rewrites with (verbs that need a direct object,
# verbs whose object comes after a preposition, heads of a time or reason gap, determiners, subject pronouns, place
# adverbs, approximators; :func:`scoring.rewrite._object_moved`): one copy, so the two checks cannot drift apart. What
# each check reads off the parse with them stays its own. The benchmark adds verbs the rewriter never produces ("bin",
# "chuck").
from scoring.rewrite import (  # noqa: E402
    _ADVERBIAL_HEADS,
    _APPROXIMATE,
    _CUT_DETERMINERS,
    _END_PRONOUNS,
    _MOVED_OBJECT_WORDS,
    _NEEDS_PREPOSITION,
    _PLACE_WORDS,
    _object_moved,
)
from scoring.rewrite import _NEEDS_OBJECT as _REWRITER_NEEDS_OBJECT  # noqa: E402

_NEEDS_OBJECT = _REWRITER_NEEDS_OBJECT | {"bin", "chuck"}
# Prepositions that only take a noun phrase ("between that's…", "against they…"), beyond _NO_CLAUSE_PREPOSITIONS.
_NP_ONLY_PREPOSITIONS = _NO_CLAUSE_PREPOSITIONS | {"between", "among", "amongst", "against", "despite", "during",
                                                   "regarding", "concerning", "via", "per", "within", "towards"}
_REFLEXIVE_OWNER = {"myself": ("i",), "ourselves": ("we",)}  # "Tell me …" is the interviewer's, not an owner
# Words that are prepositions or adverbs ("going somewhere else after", "come in"): at the end they need no object.
_ADVERB_PREPOSITIONS = frozenset("after before since around along through in on over out off up down back away behind "
                                 "inside outside underneath above below beyond ahead across near round".split())


def _structure_problems(sent: Any) -> list[str]:
    """Errors read off the parse that cutting words out of a question leaves: a verb that lost its object, a
    preposition that lost its noun phrase or took a clause, a determiner with no noun, a pronoun left after a noun, an
    inverted question inside a request, an unbound "myself", an approximator with no number."""
    problems: list[str] = []
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words:
        return problems
    low = {t.lower_ for t in words}
    last = words[-1]
    for tok in words:
        # A verb that needs its object, ending its clause without one.
        if tok.pos_ == "VERB" and tok.tag_ != "VBG" and (tok.lemma_.lower() in _NEEDS_OBJECT or (
                nlp.verb_lemma(tok.lower_) or "") in _NEEDS_OBJECT):  # spaCy reads "installed" as "instal"
            deps = {c.dep_ for c in tok.children}
            after = [t for t in words if t.i > tok.i]
            ends_clause = all(t.pos_ in ("ADV", "PART") and t.dep_ in ("advmod", "neg") and t.head == tok for t in after) \
                or (after and after[0].dep_ in ("cc",) and after[0].head == tok)
            place = any(c.dep_ == "advmod" and c.lower_ in _PLACE_WORDS for c in tok.children)
            if ends_clause and not place and not deps & {"dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp", "prt", "prep",
                                          "auxpass", "nsubjpass", "advcl", "npadvmod"} \
                    and tok.tag_ != "VBN" and not _object_moved(tok):
                problems.append(f"verb without its object: '{tok.text}'")
        # A relative clause with no relative word whose verb lost its preposition: "the people we talk".
        if tok.dep_ == "relcl" and tok.lemma_.lower() in _NEEDS_PREPOSITION and tok.head.lower_ not in _ADVERBIAL_HEADS \
                and tok.head.lower_ not in ("place", "places") and not any(
                    c.dep_ in ("dobj", "prep", "prt", "ccomp", "xcomp") or c.lower_ in _MOVED_OBJECT_WORDS or c.lower_ in (
                        "where", "when", "why", "how") for c in tok.children):
            problems.append(f"relative clause without its preposition: '{tok.head.text} … {tok.text}'")
        # A determiner with no noun after it: "about the did the second one charge".
        if tok.lower_ in _CUT_DETERMINERS and tok.i + 1 < len(tok.doc):
            nxt = tok.doc[tok.i + 1]
            if (nxt.tag_ in _FINITE or nxt.tag_ in ("VB", "PRP", "CC", "WP", "WRB") or (nxt.is_punct and nxt.text not in
                    ("-", "'", "’", '"'))) and not (tok.lower_ == "her" and tok.tag_ == "PRP") and not (
                    nxt.dep_ in ("amod", "compound", "nmod") and nxt.head.i > nxt.i):  # "the sign-up form"
                problems.append(f"determiner without a noun: '{tok.text} {nxt.text}'")
        # An adjective left as the head of a noun phrase: "What happened with the old?"
        if tok.dep_ in ("pobj", "dobj", "nsubj") and tok.tag_ == "JJ" and any(
                c.dep_ == "det" and c.lower_ in _CUT_DETERMINERS for c in tok.children) and not any(
                c.dep_ in ("prep", "relcl", "acl") for c in tok.children) and _known(tok.lower_, "ADJ") and \
                not _known(tok.lower_, "NOUN"):
            problems.append(f"no noun after '{tok.text}'")
        # A preposition that governs nothing, or a clause.
        if tok.dep_ in ("prep", "agent", "dative") and tok.tag_ == "IN" and not any(
                c.dep_ in ("pobj", "pcomp") for c in tok.children):
            nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if nxt is None or nxt.is_punct or nxt.i >= sent.end:
                stranded_ok = _object_moved(tok.head) or any(t.lower_ in _MOVED_OBJECT_WORDS for t in words if t.i < tok.i) \
                    or tok.head.pos_ in ("ADJ",) and any(t.lower_ in _WH for t in words)
                if not stranded_ok and tok is last and tok.lower_ not in _ADVERB_PREPOSITIONS:
                    problems.append(f"preposition with nothing after it: '{tok.text}'")
            elif tok.lower_ in _NP_ONLY_PREPOSITIONS and nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head.tag_ in _FINITE \
                    and nxt.head.i > tok.i and not any(t.lower_ in _WH or t.lower_ in ("if", "whether") for t in
                                                       tok.doc[tok.i + 1:nxt.head.i]):
                problems.append(f"clause after a preposition: '{tok.text} {nxt.text} {nxt.head.text}'")
        # A subject pronoun (or a contracted auxiliary) left at the end after a noun: "the section leader you.",
        # "Valencia I've."
        if tok is last and tok.lower_ in _END_PRONOUNS and tok.i > sent.start and tok.doc[tok.i - 1].pos_ in (
                "NOUN", "PROPN") and tok.dep_ not in ("dobj", "pobj", "dative", "conj"):
            problems.append(f"pronoun left after a noun: '{tok.doc[tok.i - 1].text} {tok.text}'")
        if tok is last and tok.lower_ in ("'ve", "'re", "'m", "'ll", "'d", "’ve", "’re", "’m", "’ll", "’d"):
            problems.append(f"auxiliary with no verb: '{tok.text}'")
        # An approximator with no number: "the last time you paid roughly."
        if tok is last and tok.lower_ in _APPROXIMATE and tok.i > sent.start and tok.doc[tok.i - 1].text != ",":
            problems.append(f"'{tok.text}' with no amount")
        # A reflexive with nobody to point back to: "Tell me more about the payroll myself."
        owners = _REFLEXIVE_OWNER.get(tok.lower_)
        if owners and not low & set(owners):
            problems.append(f"'{tok.text}' with no antecedent")
    # An inverted yes/no question inside a request: "Tell me about how she sees the books or is it just you."
    root = sent.root
    if root.tag_ == "VB" and not any(c.dep_ in ("nsubj", "aux") for c in root.children) and words[0].i == root.i:
        for tok in words[1:]:
            if tok.tag_ in ("VBZ", "VBP", "VBD", "MD") and tok.lemma_.lower() in {
                    "be", "do", "have", "can", "could", "will", "would", "should"} and tok.i + 1 < sent.end:
                nxt = tok.doc[tok.i + 1]
                if nxt.dep_ in ("nsubj", "expl") and nxt.tag_ in ("PRP", "EX") and nxt.head in (tok, tok.head) and \
                        not any(t.lower_ in ("if", "whether") for t in tok.doc[sent.start:tok.i]) and \
                        tok.doc[tok.i - 1].lower_ in {"or", "and", ",", "but", "too"} | _WH:
                    problems.append(f"inverted question inside a request: '{tok.text} {nxt.text}'")
                    break
    return problems


_PRONOUNS = {"you", "they", "we", "he", "she", "i", "it", "someone", "people"}
_ABOUT_NP = re.compile(r"\b(?:about|with)\s+(?:the|your|my|our|their|his|her)\s+(?P<w>(?:[\w'-]+\s+){0,4}[\w'-]+)\s*[?.!]$",
                       re.IGNORECASE)
_CAME_UP = re.compile(r"\bthe\s+(?:last|first)\s+time\s+(?P<w>(?:[\w'-]+\s+){2,8}?)came\s+up\b", re.IGNORECASE)


def _known(word: str, upos: str) -> bool:
    lemmas = nlp.lemminflect().getAllLemmas(word.lower(), upos=upos)
    return bool(lemmas.get(upos))


def _word_problems(text: str) -> list[str]:
    """Errors a dictionary shows without a parse: a clause left after "about the …" ("Can you tell me more about the
    refund arrive?", "…about the gym busy?"), a clause before "came up" ("the last time the noise drove you mad came
    up"), and a made-up inflection ("movinged", "anded")."""
    try:
        nlp.lemminflect()
    except ImportError:  # pragma: no cover
        return []
    problems = []
    m = _ABOUT_NP.search(text)
    if m:
        words = m.group("w").split()
        seen_noun = False
        for word in words:
            low = word.lower()
            if low in ("with", "about", "of", "the", "your", "my", "our", "their", "his", "her", "a", "an"):
                seen_noun = False  # "your experience with their online booking": a new noun phrase starts
                continue
            if low in _PRONOUNS or low in ("who", "that", "which", "when", "where", "from", "to", "for", "in", "on", "at"):
                break
            known = any(_known(low, u) for u in ("NOUN", "VERB", "ADJ"))
            noun = (_known(low, "NOUN") and not _known(low, "ADJ")) or word[:1].isupper() or not known
            # Not a word in -ing: a noun made of a verb ("the allotment waiting list", "the batch cooking") or a
            # participle after its noun ("the van arriving late") reads as English.
            # A word the dictionary knows as a noun may head the phrase ("the same treadmill routine", "the removal
            # firm", "your daughter's bridesmaid dress"): only a word that cannot be a noun starts a clause here.
            if seen_noun and not _known(low, "NOUN") and (_known(low, "VERB") or _known(low, "ADJ")) and \
                    not low.endswith(("ly", "ing")):
                problems.append(f"clause after 'about/with …': '{m.group(0).strip()}'")
                break
            # A possessive ("the council's online portal") is a determiner for what follows it.
            seen_noun = (seen_noun or noun) and not re.search(r"['’]s$", low)
    m = _CAME_UP.search(text)
    if m and any((_known(w, "VERB") and not _known(w, "NOUN") and not w.endswith("ing")) or (
            (lemma := nlp.verb_lemma(w)) and lemma != w and nlp.inflect(lemma, "VBD") == w) for w in m.group("w").lower().split()):
        problems.append(f"a clause before 'came up': '{m.group(0)}'")
    # A noun phrase with no noun: "Tell me more about the first.", "…about your own?", "…about worth."
    bare = re.search(r"\b(?:about|with|of)\s+(?:(?:the|your|my|our|their|a|an)\s+)?(?P<w>[a-z]+)\s*[?.!]$", text, re.IGNORECASE)
    if bare and not bare.group("w")[:1].isupper():  # "…go with Nationwide?": a name, whatever the dictionary says
        word = bare.group("w").lower()
        if word in ("first", "last", "other", "same", "own", "next", "worth", "whole", "rest", "latter", "former", "old",
                    "new", "usual", "main") or (
                _known(word, "ADJ") and not _known(word, "NOUN") and not _known(word, "VERB") and not word.endswith("ing")):
            problems.append(f"no noun after the preposition: '{bare.group(0).strip()}'")
    # A noun phrase followed by a finite verb after "about": "…about the landlord doesn't care?"
    clause = re.search(r"\b(?:about|with)\s+(?:the|your|my|our|their)\s+[\w-]+\s+(?:doesn[’']?t|don[’']?t|didn[’']?t|isn[’']?t|"
                       r"wasn[’']?t|won[’']?t|can[’']?t|is|was|are|were|has|have|had)\b", text, re.IGNORECASE)
    if clause:
        problems.append(f"clause after 'about/with …': '{clause.group(0)}'")
    # The interviewer's hedge or filler left in: "…gave up on it I guess.", "…kind of gave up…"
    hedge = re.search(r"\b(?:i\s+guess|i\s+suppose|i\s+bet|i\s+reckon)\s*[?.!]$|\b(?:kind|sort)\s+of\s+(?=[a-z]+(?:ed|ing)?\b)"
                      r"(?!(?:the|a|an|thing|things|person|people|place)\b)", text, re.IGNORECASE)
    if hedge:
        problems.append(f"hedge or filler left in: '{hedge.group(0).strip()}'")
    # A past occasion with a future time: "the last time you kept using the planner next term".
    future = re.search(r"\bthe\s+(?:last|first)\s+time\b[^.?!]*\b(?:next\s+(?:week|month|year|term|time|summer|winter|spring|"
                       r"autumn)|tomorrow|in\s+the\s+future)\b", text, re.IGNORECASE)
    if future:
        problems.append(f"tense clash: '{future.group(0)}'")
    for word in re.findall(r"\b[a-z]{4,}ed\b", text):
        stem = word[:-2]
        if not any(_known(word, u) for u in ("VERB", "ADJ", "NOUN")) and (
                stem.endswith("ing") or stem in ("and", "or", "but", "the", "if", "then")):
            problems.append(f"made-up word '{word}'")
    return problems


def grammar_problems(text: str) -> list[str]:
    """What reads wrong in ``text`` (an English rewrite); an empty list when nothing was caught."""
    text = (text or "").strip()
    if not text:
        return ["empty"]
    problems = []
    if not text[0].isupper() and not text[0].isdigit() and text[0] not in "\"'“‘(":
        problems.append("starts in lower case")
    if text[-1] not in "?.!":
        problems.append("no final punctuation")
    tag = _TAG.search(text)
    if tag:
        problems.append(f"leftover tag '{tag.group(0).strip()}'")
    if _EMBEDDED_INVERSION.search(text):
        problems.append(f"inverted question after 'tell me': '{_EMBEDDED_INVERSION.search(text).group(0)}'")
    for m in _DOUBLED_WORD.finditer(text):
        if m.group(1).lower() not in _DOUBLED_OK:
            problems.append(f"doubled word '{m.group(0)}'")
    if re.search(r"\b(?:a|an|the|our|your|my|their)\s*[?.!]$", text, re.IGNORECASE):
        problems.append("ends on a determiner")
    if re.search(r"\b(?:about|with|of|on|for)\s+(?:the|our|your|my|their)\s+[\w-]+(?:\s+[\w-]+)?[’']s\s*[?.!]$",
                 text, re.IGNORECASE):
        problems.append("ends on a possessive 's")
    repeated = re.search(r"\b(for|about|with|of|to|on|in)\s+\w+\s+\1\b", text, re.IGNORECASE)
    if repeated:
        problems.append(f"preposition twice: '{repeated.group(0)}'")
    if re.search(r"\b(?:i)\b", text) and not re.search(r"\bi\.e\b", text):
        problems.append("lower-case 'i'")
    broken = re.search(r"\w\s+(?:n't|'(?:s|re|ve|ll|d|m))\b|\b(?:do|does|did|is|are|was|were|can|could|would|have|has)n\s+t\b|"
                       r"\b\w+'\s+(?:t|s|re|ve|ll|d|m)\b", text, re.IGNORECASE)
    if broken:
        problems.append(f"broken contraction '{broken.group(0)}'")
    dangling = re.search(r"\babout\s+(?:[\w'-]+\s+){1,8}?about\s+(?:that|it|this)\s*[?.!]$", text, re.IGNORECASE) or re.search(
        r"\b(?:is|was|are|were|did|do|does|have|has|had|you|they|it)\s+about\s+(?:that|it|this)\s*[?.!]$", text, re.IGNORECASE)
    if dangling and not re.search(r"\b(?:who|which|that)\b", dangling.group(0)[:-len("about that?")], re.IGNORECASE):
        problems.append(f"dangling 'about that' after a clause: '{dangling.group(0)}'")
    problems.extend(_word_problems(text))
    doc = nlp.parse(text)
    if doc is None:
        return problems + ["spaCy unavailable: grammar not checked"]
    for sent in doc.sents:
        problems.extend(_sentence_problems(sent))
        problems.extend(_structure_problems(sent))
    return list(dict.fromkeys(problems))


# Words the rewrite templates themselves bring ("Tell me about the last time…", "How do you feel about…", "Walk me
# through how you handle…"): sharing only these with the original is not keeping its topic.
_GENERIC = frozenset(
    "tell walk describe last time feel something anything everything thing like handle deal today experience think "
    "make help bring come back happen typical day usually example more option consider choose difference notice "
    "lately change fit compare use do get go way bit little else need "
    # the interviewer's hedges: "I guess", "I bet", "I'd imagine", "do you think"
    "guess bet imagine suppose reckon say "
    # tag and filler words the parser may read as nouns
    "huh eh yeah right okay ok um uh".split()
)
_BACK_REFERENCE = re.compile(r"\b(?:that|it|this|there|then|them|they|those|these)\b", re.IGNORECASE)


def _words(text: str) -> str:
    return re.sub(r"[\W_]+", " ", nlp.strip_disfluencies(text or "").lower()).strip()


def topic_lemmas(text: str) -> set[str]:
    """The content lemmas of ``text`` that carry a topic (template words such as 'tell', 'time' left out)."""
    return {lem for lem in nlp.content_lemmas(text or "") if lem not in _GENERIC and len(lem) > 1}


# Feelings and verdicts an interviewer hands over ("you must hate that", "I bet that was crushing", "a nightmare"):
# what the customer should name, not a topic.
_VERDICT = frozenset("""
hate love loathe dread adore resent enjoy like miss crush crushing crushed gutted devastated heartbroken guilty ashamed
embarrassed furious livid angry upset annoyed annoying frustrated frustrating stressed stressful relieved relief
worried nervous disappointed disappointing overwhelmed overwhelming exhausted exhausting lonely miserable scared awful
terrible horrible nightmare headache hassle pain mess disaster joke waste unfair clunky confusing confused tired
shattered shatter sick glad thrilled delighted proud sad
sound seem must
""".split())


def _verdicts(text: str) -> set[str]:
    words = set(re.findall(r"[a-z]+", (text or "").lower()))
    return {w for w in words if w in _VERDICT and w not in ("like", "must", "sound", "seem")}


# "a lot", "a bit": how much or how often, never what a question is about ("Does that happen a lot?").
_QUANTITY = frozenset({"lot", "bit", "lots", "loads"})


def _core(text: str) -> set[str]:
    """What a question is about: its nouns, names, numbers and main verbs (not its adjectives: in a leading
    question those are usually the verdict it pushes, "stressful", "unfair")."""
    doc = nlp.parse(nlp.expand_contractions(nlp.strip_disfluencies(text or "")))
    if doc is None:
        return topic_lemmas(text)
    return {t.lemma_.lower() for t in doc if t.pos_ in ("NOUN", "PROPN", "NUM", "VERB")
            and t.lemma_.lower() not in _GENERIC and t.lemma_.lower() not in _QUANTITY and not t.is_stop and len(t.lemma_) > 1
            and t.lemma_.lower() not in _VERDICT and t.lower_ not in _VERDICT}


def keeps_topic(rewrite: str, original: str, previous: str | None = None) -> tuple[bool, list[str]]:
    """Whether ``rewrite`` keeps the topic of ``original``, and the words that show it.

    On topic when: the rewrite is a part of the original in its own words (the open half of a double-barreled
    question); or they share a content lemma beyond the templates' own words; or, when the original names no
    topic of its own (nouns, verbs: "That must be pretty stressful, huh?"), the rewrite refers back ("that",
    "it") or uses the customer's words; or a short echo-style rewrite hands back the customer's words; or the
    rewrite retells, in the customer's words only, what they just said they do or did (the behaviour behind the
    question: :mod:`scoring.grounded`)."""
    mine = topic_lemmas(rewrite)
    kept = sorted(_verdicts(rewrite) & _verdicts(original))
    if kept:
        return False, [f"(keeps the guessed feeling or verdict: {', '.join(kept)})"]
    stripped = _words(rewrite)
    if stripped and stripped in _words(original):
        return True, ["(part of the original)"]
    def verbs(lemmas: set[str]) -> set[str]:  # "switching" read as a noun in one and a verb in the other
        return lemmas | {v for w in lemmas if (v := nlp.verb_lemma(w))}

    shared = sorted(verbs(mine) & verbs(topic_lemmas(original)))
    if shared:
        return True, shared
    theirs = topic_lemmas(previous or "")
    if not _core(original):
        if mine & theirs:
            return True, sorted(mine & theirs)
        if _BACK_REFERENCE.search(rewrite):
            return True, ["(refers back)"]
        return False, []
    echoed = sorted(mine & theirs)
    if echoed and len(rewrite.split()) <= 8:
        return True, echoed
    if len(echoed) >= 2 and not verbs(mine) - verbs(theirs) and _RETOLD.match(rewrite):
        # The event the customer just told, asked about as a story ("Tell me about the last time you forgot to
        # cancel free trials." for "Would you pay for an app that cancelled them?"): the real behaviour behind a
        # yes/no, hypothetical or leading question is its topic, said in the customer's own words.
        return True, ["(retells their words)"] + echoed
    return False, []


_RETOLD = re.compile(r"^(?:Tell me about the last time|Walk me through what happened when|Tell me more about)\b")


def rewrites_of(verdict: Any) -> list[str]:
    """Every rewrite a classification offers, the main one first: ``rewrite``, then any alternatives the
    scorer lists (``rewrites`` / ``alternatives`` / ``suggestions``: strings, or dicts with a ``text``)."""
    out: list[str] = []
    main = getattr(verdict, "rewrite", None)
    if isinstance(main, str) and main.strip():
        out.append(main.strip())
    for name in ("rewrites", "alternatives", "suggestions"):
        extra = getattr(verdict, name, None)
        if not extra:
            continue
        for item in extra:
            text = item.get("text") if isinstance(item, dict) else getattr(item, "text", item)
            if isinstance(text, str) and text.strip() and text.strip() not in out:
                out.append(text.strip())
    return out


# Known good and bad rewrites: the checks must pass the first and catch the second.
GOOD = [
    "Tell me about the last time you ordered wool.",
    "What happened the last time you got stuck on the crypto section?",
    "How did you decide to rent the tent?",
    "What was that like for you?",
    "Can you walk me through what happened with the refund?",
    "How do you usually plan the week's shifts?",
    "The WhatsApp group?",
    "What do you do today when you need a discount?",
    "How did you feel when the van was late?",
    "What else should I know that I haven't asked about?",
    "What would make it better?",
    "What could we do better?",
    "Why did you stop going to the gym?",
    "Which of these do you use most?",
    "What does your team do when someone is off sick?",
    "Tell me more about the WhatsApp group.",
    "How does she use the alarm day to day?",
    "What has changed since you moved?",
    "What got in the way?",
    "How did the drivers handle it?",
    "Can you give me an example?",
    "How did that go?",
    "What made you choose the cheaper one?",
    "What is it like to wait for it?",
    "Who did you go with, and how did you pick them?",
    "What was it like living with the damp?",
    "How do you feel about that?",
    "What did you do before you signed?",
    "Tell me about the time you spent with your sister's family.",
    "What was it like to move from one flat to another?",
    "How do you feel about what they did?",
    "What happened after you called them?",
    "Tell me about your experience with the refund, from start to finish.",
    "Tell me about the last time you let your kids use the app.",
    "What happened when the refund arrived?",
    "What is the gym like in the mornings?",
    "What did your parents make of the care home?",
    "Tell me about the last time you talked to the council.",
    "What happened with the price?",
    "Walk me through the last time you rang.",
    "What was it like when you set off?",
    "What made you go with Nationwide?",
    "Tell me about your experience with the council's online portal.",
    "Tell me about how you did it online.",
    "Tell me more about the allotment waiting list.",
    "Tell me more about the batch cooking.",
    "What happened with the hospital parking?",
    "Tell me about the last time you cancelled.",
    "Walk me through a typical day when you get there.",
    "How did you decide between staying and going somewhere else after?",
    "Tell me about the people you worked with.",
    "Tell me about the tools you need.",
    "Tell me more about how often that happens, roughly.",
    "What happens when you hit the limit?",
    "Tell me about your experience with their online booking.",
    "Tell me about the last time you checked and fixed it.",
    "What did you end up buying?",
    "How do you decide between the bus and the train?",
    "Tell me about the people who wrote about it.",
]
BAD = [
    "How do you feel about isn't it true?",
    "What else I haven't asked about that you think I should know?",
    "Tell me about the last time you come across something like this.",
    "Can you tell me more about the WhatsApp group better?",
    "How do you feel when the van was late?",
    "What do you do today when you need you a 20% discount?",
    "Can you tell me about what did you do next?",
    "What did you went there for?",
    "How does you plan the week?",
    "Tell me about the the delivery.",
    "What do you think about the price, right?",
    "how did you find the shop?",
    "The drivers is late every time when it rains and nobody calls.",
    "Walk me through how you go with gets done.",
    "How do you feel about they're better?",
    "How do you feel about it's one?",
    "How do you feel about you've probably thought?",
    "How do you feel about they're uncomfortable?",
    "How do you feel about the sizing's?",
    "Tell me about the last time you paid for more for next-day delivery.",
    "Tell me about your experience with to restore anything.",
    "How do you feel about you 're paying for it?",
    "Tell me about the delivery you did about that?",
    "Can you tell me about the app was slow about that?",
    "Can you tell me more about the refund arrive?",
    "Can you tell me more about the gym busy?",
    "How do you feel about the app felt clunky?",
    "Tell me about the last time the noise drove you mad came up. What did you do?",
    "Tell me about the last time you movinged to a smaller flat.",
    "Tell me about the last time you anded your husband talked about it.",
    "Tell me more about the first.",
    "Can you tell me more about your own?",
    "Tell me more about worth.",
    "Can you tell me more about the landlord doesn't care?",
    "Tell me about how you kind of gave up on it I guess.",
    "Tell me about the last time you kept using the planner next term.",
    "Tell me about the last time your brother borrowed.",
    "How do you choose between it's cheaper and the bus?",
    "What happened with the new?",
    "Tell me about the did the plumber arrive.",
    "Tell me more about the landlord they.",
    "Tell me about the last time you paid with.",
    "How do you feel about the neighbours we complain?",
    "Tell me about who waters the plants or is it your partner.",
    "Tell me about the last time you spent weekly roughly.",
    "Tell me more about the rota myself.",
    "Tell me more about Leeds we've.",
]


def self_check() -> int:
    wrong = 0
    for text in GOOD:
        found = grammar_problems(text)
        if found:
            wrong += 1
            print(f"FALSE ALARM  {text!r}: {found}")
    for text in BAD:
        found = grammar_problems(text)
        if not found:
            wrong += 1
            print(f"MISSED       {text!r}")
        else:
            print(f"caught       {text!r}: {found[0]}")
    print(f"{len(GOOD) + len(BAD) - wrong}/{len(GOOD) + len(BAD)} known rewrites judged right")
    return 1 if wrong else 0


def check_file(path: str | Path, verbose: bool = False, threshold: float | None = None, half: int | None = None,
               part: str | None = None) -> int:
    """Classify every turn of a JSONL file (``text``, ``previous``, gold ``label`` and ``flags``) with the
    scorer and check the rewrites it offers, as ``benchmarks/bench_scoring.py --coaching`` does on its sets.
    A turn the scorer does not flag gets the rewrites for its gold label (counted apart: ``not flagged``).
    ``half`` 1 or 2 keeps the first or the second half of the file's English rows (a tuning half and a held-out half);
    ``part`` "tune" or "heldout" keeps the first two thirds or the last third."""
    import json
    import os

    os.environ.setdefault("INTERVIEW_SIM_EMBEDDER", "hashing")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from benchmarks.bench_scoring import rewrite_quality
    from scoring.classifier import QuestionClassifier
    from scoring.rewrite import suggest_rewrites
    from simulator.embeddings import get_embedder

    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}, line {number}: not JSON ({exc.msg}); write one JSON object per line")
        if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "label" not in row:
            raise SystemExit(f"{path}, line {number}: needs a 'text' string and a gold 'label'")
        if str(row.get("lang") or row.get("language") or "en").lower().startswith("en"):
            rows.append(row)  # the English rewrites only
    if half in (1, 2):
        rows = rows[: len(rows) // 2] if half == 1 else rows[len(rows) // 2:]
    if part in ("tune", "heldout"):
        cut = (2 * len(rows) + 2) // 3
        rows = rows[:cut] if part == "tune" else rows[cut:]
    clf = QuestionClassifier(embedder=get_embedder(os.environ["INTERVIEW_SIM_EMBEDDER"]))
    verdicts = clf.classify_many([(r["text"], r.get("previous")) for r in rows])

    class _Gold:  # the rewrites for the gold label, for a turn the scorer let through
        def __init__(self, row):
            self.rewrites = suggest_rewrites(row["text"], row["label"], row.get("flags", []), previous=row.get("previous"))
            self.rewrite = self.rewrites[0] if self.rewrites else None

    unflagged = [r["id"] for r, v in zip(rows, verdicts) if not rewrites_of(v)]
    verdicts = [v if rewrites_of(v) else _Gold(r) for r, v in zip(rows, verdicts)]
    result = rewrite_quality(clf, rows, verdicts, verbose)
    print(f"not flagged by the scorer (gold-label rewrites used): {len(unflagged)}")
    if threshold is not None and result["main_all"] < threshold:
        print(f"main rewrite meets all three {result['main_all']:.1%} < {threshold:.0%}")
        return 1
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="a JSONL file of turns (text, previous, label, flags) to rewrite and check")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failing rewrite")
    parser.add_argument("--min", type=float, default=None, help="fail when the main rewrite meets all three less often")
    parser.add_argument("--half", type=int, choices=(1, 2), default=None,
                        help="only the first (tuning) or second (held-out) half of the file's rows")
    parser.add_argument("--part", choices=("tune", "heldout"), default=None,
                        help="only the first two thirds (tuning) or the last third (held out) of the file's rows")
    args = parser.parse_args()
    if args.data:
        raise SystemExit(check_file(args.data, args.verbose, args.min, args.half, args.part))
    raise SystemExit(self_check())
