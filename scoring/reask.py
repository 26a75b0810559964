"""A closed yes/no question asked again as an open one, keeping everything it asked about.

Rewriting "Is there someone you can call if something comes up at two?" as "Tell me about the last time you did the
two o'clock checks." trades what the interviewer wanted to know for a story; "What happens if something comes up at
two?" keeps the question and lets the customer say "I'm on my own". This is how a coach opens a yes/no question:
the slot the question guessed at becomes the thing asked for, and "if any", "if anything", "if at all" keep the
answer "none" open, so nothing is taken for granted.

    reask("Do you write anything down when you check them?")   # "What, if anything, do you write down when you check them?"
    reask("Is there someone you can call if something comes up at two?")   # "What happens if something comes up at two?"
    reask("Have any of those photo quotes turned out wrong?")  # "How have those photo quotes turned out?"
    reask("Is it always the surge that decides which app you open?")  # "What decides which app you open?"
    reask("Is it harder in summer or winter?")                 # "How do summer and winter compare?"
    reask("Does the office let you know before the drivers find out?")
    # "How, if at all, does the office let you know before the drivers find out?"

It reads spaCy's parse of the question's clause (the lead-ins and fillers already gone: ``rewrite._question_clause``)
and moves no word it does not have to: the question is already inverted, so a wh-word in front of it keeps it
grammatical. In order:

1. two options ask how they compare ("Is it harder in summer or winter?") or how it is done, the options left to
   them ("Do they book online or by phone?" -> "How do they book?");
2. "Do you know why …" asks for their sense of why;
3. a cleft ("Is it the price that put you off?") asks for what the cleft guessed: "What put you off?";
4. "is there anything …" asks what, if anything; "is there anyone you can call if …" what happens if …;
5. a description ("Is the app reliable?") asks what it is like: "What is the app like?"; a person's feeling ("Was
   she okay about it?") how they felt about the thing;
6. "has anything …" asks what, if anything, has; "have any of the quotes turned out wrong" how the quotes turned out;
7. an indefinite object ("anything", "any support") asks what, or what support, if any;
8. a way guessed at ("by card", "quickly") asks how, if at all, without it; any other doing of a person (paying and
   charging too: "Did she charge you for cancelling?") how, if at all.

Nothing comes back (the caller keeps its own rewrite) where that would not read as a person asks: a negative
("Don't you…?"), a hypothetical ("Would you…?"), two questions or two doings, a state or a feeling ("Do you like…?",
"Do you still enjoy it?"), "ever" (the caller's hedged story: "Tell me about the last time…, if you ever have."), an
ending, an experience or a comparison ("given up altogether", "flown with them before", "any better"), "enough",
"same", "more" with an amount, a request ("Can you tell me…"), no one's doing ("Did the refund arrive on time?"), or a
question whose open form asks for a name ("Does anyone…?", "Did you tell anyone?": who, which and when ask for one
fact, a closed question again).
"""

from __future__ import annotations

import re

from .rewrite import _cap, _inflect, _parse, _question_clause

__all__ = ["reask", "reask_clause"]

_OPENING_AUX = frozenset("do does did have has had is are was were can could will".split())
# Verbs of a state or an opinion: "How, if at all, do you like it?" is no question.
_STATE = frozenset("""be have know like love hate want need wish prefer think believe reckon suppose guess feel find
mind remember understand mean seem appear sound look trust expect hope imagine agree own cost matter care tend enjoy
miss""".split())
# How often and how sure: said of a yes/no, not of the open question ("How, if at all, do you usually…").
_DROPPED_ADVERBS = frozenset("ever always usually normally generally typically really actually just basically "
                             "honestly definitely regularly often mostly mainly".split())
_INDEFINITE_THING = frozenset("anything something".split())
_INDEFINITE_PERSON = frozenset("anyone someone anybody somebody".split())
_ENDINGS = frozenset("give stop quit cancel leave drop finish end abandon ditch retire".split())
_NO_MANNER = frozenset("altogether completely entirely before better worse already yet".split())
_NOT_MANNER = frozenset("usually normally generally typically actually really only early likely nearly fairly "
                        "mostly mainly largely partly especially simply probably possibly definitely certainly "
                        "finally eventually currently recently regularly rarely hardly daily weekly monthly yearly "
                        "nightly".split())
_PEOPLE = frozenset("""people person kid kids child children staff team family partner husband wife mum mom dad
parent son daughter friend colleague neighbour neighbor patient client student volunteer member guest chair boss
couple committee office council school company firm landlord agent everyone everybody pupil chef vet nurse doctor
regular local bride groom restaurant shop club church venue agency supplier wholesaler families mate crew tenant
resident coach player rider passenger""".split())
_MONEY = frozenset("charge pay cost owe refund reimburse compensate".split())
_BE = frozenset("is are was were".split())
_PERSONAL = frozenset("you they she he we".split())
_VERDICT_ADVERBS = frozenset("wrong right well badly fine okay ok alright".split())
_ASIDE = re.compile(r",\s*(?:like|say|such as|for example|e\.g\.)\b.*$", re.IGNORECASE)
# The auxiliary and the subject before a filler's comma ("did you, keep", "are the vouchers, ever"); not a whole
# clause before an afterthought ("Are they insured, all those albums?").
_SUBJECT_COMMA = re.compile(r"^(\w+\s+(?:you|they|he|she|we|it|i|that|this|(?:the|your|their|his|her|those|these)\s+"
                            r"[\w'-]+(?:\s+[\w'-]+)?)(?:\s+(?:ever|still|always|actually|really|just|usually))?)\s*,\s*",
                            re.IGNORECASE)
# A second question joined on ("…, and do they usually book straight away?"); one with "or" is a choice (_choice).
_TWO_QUESTIONS = re.compile(r"(?:,\s*|\s)and\s+(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|how|"
                            r"what|why|when|where|who)\b", re.IGNORECASE)


def reask(question: str) -> str | None:
    """The yes/no ``question`` asked again as an open question on the same thing, or None (see the module)."""
    if re.search(r"\bor\b", question, re.IGNORECASE):
        return _choice(question)
    clause = reask_clause(question)
    if clause is None:
        return None
    doc = _parse(clause)
    if doc is None or len(doc) < 3:
        return None
    first = doc[0]
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    known = _do_you_know(doc, root)  # (its "why they don't come" may hold a negation of its own)
    if known:
        return _cap(known) + "?"
    if any(t.dep_ == "neg" for t in doc) or any(t.lower_ in ("either", "whether") for t in doc):
        return None
    if any(t.dep_ in ("appos", "dep", "intj", "parataxis", "meta") for t in doc):
        return None  # words a comma held apart ("…before, like, money stuff"): no one clause to ask again
    made = _cleft(doc, root) or _there_is(doc, root) or _description(doc, root)
    if made is None and root.i != first.i and first.head.i == root.i and first.dep_ in ("aux", "auxpass"):
        made = _verb_question(doc, root, first)
    if not made:
        return None
    made = re.sub(r"\s+", " ", made).strip().rstrip(",")
    made = re.sub(r"\s+([,?.])", r"\1", made)
    return _cap(made) + "?"


def reask_clause(question: str) -> str | None:
    """The words :func:`reask` parses: the question's clause without its asides, or None where it will not try
    (known before any parse, so that the parse can be made with the turn's others)."""
    clause = _question_clause(question)
    if not clause or re.search(r"\bor\b", question, re.IGNORECASE):
        return None  # "did you learn that from someone or… did you teach yourself?": a choice, cut to its half
    clause = _ASIDE.sub("", clause)
    if _TWO_QUESTIONS.search(clause) or re.match(r"^(?:if|when|suppose|imagine|say)\b", clause, re.IGNORECASE):
        return None
    # A filler's comma left behind after the subject ("did you, keep their deposits", "are the vouchers, ever filled
    # in wrong") goes; after any later comma comes an aside ("…before, money stuff"), which goes with it.
    clause = re.sub(_SUBJECT_COMMA, r"\1 ", clause)
    clause = clause.split(",")[0].strip()
    clause = re.sub(r"\s+at\s+(?:all|least)\b", "", clause, flags=re.IGNORECASE)
    words = clause.split()
    if len(words) < 3 or len(words) > 24 or words[0].lower() not in _OPENING_AUX:
        return None
    return clause


def _choice(question: str) -> str | None:
    """Two options put to them: a comparison ("Is it harder in summer or winter?", "Which pays better, headstones or
    the church work?") asks how the two compare; options for how, where or when they do something ("Do they book
    online or by phone?", "Does she tell you in person or on the radio?") ask how they do it, the options left to
    them. Two doings ("Do the chefs order ahead or just take what you bring?") are left alone."""
    clause = _question_clause(question)
    clause = re.sub(r"[\s,]*\bor\b\W*$", "", clause or "").strip()  # "… or…" trailing off
    clause = re.sub(_SUBJECT_COMMA, r"\1 ", clause)  # a filler's comma after the subject
    if not clause or len(re.findall(r"\bor\b", clause, re.IGNORECASE)) != 1 or len(clause.split()) > 20:
        return None
    doc = _parse(clause)
    if doc is None:
        return None
    cc = next((t for t in doc if t.lower_ == "or" and t.dep_ == "cc"), None)
    if cc is None:
        return None
    first = cc.head
    second = next((c for c in first.children if c.dep_ == "conj"), None)
    if second is None or first.pos_ in ("VERB", "AUX") or any(t.dep_ == "neg" for t in doc):
        return None
    if any(t.tag_ in ("JJR", "RBR") or t.lower_ in ("more", "less") for t in doc):
        if doc[0].lower_ not in ("is", "are", "was", "were", "which"):
            return None  # "Did the price or the reviews matter more to you?": how they weighed them, elsewhere
        one = _text([t for t in first.subtree if t.i < cc.i and t.dep_ != "punct" and t.tag_ not in ("JJR", "RBR")])
        other = _text([t for t in second.subtree if t.dep_ != "punct"])
        if one and other and first.pos_ in ("NOUN", "PROPN") and second.pos_ in ("NOUN", "PROPN"):
            return _cap(f"How do {one} and {other} compare") + "?"
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    aux = doc[0]
    if root is None or root.pos_ != "VERB" or aux.lower_ not in ("do", "does", "did") or aux.head.i != root.i:
        return None
    # The options hang on the verb (an adverb, or a preposition and its object): that part goes, how stays.
    top = first
    while top.head.i != root.i and top.head.i != top.i:
        top = top.head
    if top.head.i != root.i or top.dep_ not in ("advmod", "prep") or _subject(root) is None \
            or not _a_person(_subject(root)) or any(t.dep_ == "dobj" for t in top.subtree):
        return None  # "did that link go to Eventbrite or …?": no one's doing; "carry a battery or a power bank": what
    rest = _text(doc, skip=_subtree_ids(top) | {t.i for t in doc if t.dep_ == "advmod" and t.head.i == root.i
                                                 and t.lower_ in _DROPPED_ADVERBS}, lower_first=True)
    return _cap(f"How {rest}") + "?"


def _do_you_know(doc, root) -> str | None:
    """"Do you know why the other forty don't come?" -> "What's your sense of why the other forty don't come?": what
    they make of it, not whether they know."""
    if root.lemma_ not in ("know", "think") or doc[0].lower_ not in ("do", "did") or _subject(root) is None \
            or _subject(root).lower_ != "you":
        return None
    clause = next((c for c in root.children if c.dep_ == "ccomp"), None)
    wh = next((t for t in clause.subtree if t.tag_ in ("WRB", "WP", "WDT")), None) if clause is not None else None
    if wh is None or wh.i != min(t.i for t in clause.subtree) or wh.lower_ not in ("why", "how") or (
            wh.i + 1 < len(doc) and doc[wh.i + 1].lower_ in ("much", "many", "long", "often", "far", "old")):
        return None  # "Do you know how much you spend?": a fact, asked about elsewhere
    return f"What's your sense of {_text(clause.subtree)}"


def _text(tokens, skip: set[int] = frozenset(), lower_first: bool = False) -> str:
    out = []
    for t in tokens:
        if t.i in skip:
            continue
        word = t.text
        if lower_first and not out and t.pos_ != "PROPN" and word != "I":
            word = word.lower()
        out.append(word + t.whitespace_)
    return "".join(out).strip()


def _subtree_ids(token) -> set[int]:
    return {t.i for t in token.subtree}


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def _cleft(doc, root) -> str | None:
    """"Is it (always / just) the surge that decides which app you open?" -> "What decides which app you open?"."""
    if root.lemma_ != "be" or root.i != 0:
        return None
    subj = _subject(root)
    if subj is None or subj.lower_ != "it":
        return None
    attr = next((c for c in root.children if c.dep_ == "attr"), None)
    if attr is None:
        return None
    rel = next((c for c in attr.children if c.dep_ == "relcl"), None)
    if rel is None:
        return None
    who = next((c for c in rel.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "who", "which")),
               None)
    if who is None:
        return None
    if who.lower_ == "who" or attr.ent_type_ == "PERSON":
        return None  # "Who is late?" asks for a name: a closed question again
    rest = [t for t in doc if t.i > who.i and t.i in _subtree_ids(rel)]
    if not rest:
        return None
    return f"What {_text(rest)}"


def _description(doc, root) -> str | None:
    """"Is the app reliable?" -> "What is the app like?"; "was that normal for the other students too?" ->
    "What was that like for the other students?"; "are the signatories easy to get hold of?" -> "What are the
    signatories like to get hold of?"; "Were you happy with the new system?" -> "How did you feel about the new
    system?": what it is like, not whether it is what the question guessed."""
    if root.lemma_ != "be" or root.i != 0 or root.lower_ not in _BE or any(c.dep_ == "expl" for c in root.children):
        return None
    adjective = next((c for c in root.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
    if adjective is None or any(c.dep_ in ("attr", "ccomp", "advcl") for c in root.children) or adjective.tag_ in (
            "JJR", "JJS") or any(t.lower_ in ("more", "less", "than", "you", "even") for t in adjective.subtree):
        return None  # a comparison ("better on fares", "more than the year before") or their own view ("visible to
        # you") is no description to ask what it is like
    subj = next((c for c in list(root.children) + list(adjective.children) if c.dep_ == "nsubj"), None)
    if subj is None:
        subj = next((c for c in adjective.children if c.dep_ == "advmod" and c.lower_ in ("that", "this")
                     and c.i < adjective.i), None)
    if subj is None or subj.i > adjective.i or _indefinite(subj):
        return None
    complement = [c for c in list(adjective.children) + list(root.children)
                  if c.dep_ in ("prep", "xcomp") and c.i > adjective.i]
    past = root.lower_ in ("was", "were")
    if subj.lower_ in _PERSONAL:
        # "Were you happy with the new system?", "Was she okay about it?": how they felt about the thing.
        thing = next((o for c in complement if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"), None)
        if thing is None or any(c.dep_ == "xcomp" for c in complement) or any(
                t.dep_ in ("relcl", "acl") for t in thing.subtree):
            return None  # "Were they able to fix the leak?": a doing, not a feeling; "the way the rent is collected"
        do = "did" if past else ("does" if subj.lower_ in ("she", "he") else "do")
        return f"How {do} {subj.lower_} feel about {_text(thing.subtree)}"
    if subj.lower_ == "it" and not complement:
        return None  # "Is it expensive?" -> not "What's it like for you?": the price is what it asked about
    who = subj.lower_ if subj.lower_ in ("that", "this") else _text(subj.subtree)
    be = {"is": " is", "was": " was", "are": " are", "were": " were"}[root.lower_]
    tail = " ".join(_text(c.subtree) for c in complement) if complement else (
        "for you" if who in ("that", "this") else "")
    return f"What{be} {who} like {tail}"


def _there_is(doc, root) -> str | None:
    """"Is there someone you can call if …?" -> "Who, if anyone, can you call if …?"; "Is there anything that
    helps?" -> "What, if anything, helps?"."""
    if root.lemma_ != "be" or root.i != 0 or not any(c.dep_ == "expl" for c in root.children):
        return None
    attr = next((c for c in root.children if c.dep_ in ("attr", "dobj")), None)
    if attr is None:
        return None
    low = attr.lower_
    rel = next((c for c in attr.children if c.dep_ == "relcl"), None)
    if rel is None:
        return None
    if low in _INDEFINITE_PERSON:
        # "Who, if anyone, …" asks for a name (a closed question); what happens then is the story around it.
        when = next((c for c in rel.children if c.dep_ == "advcl"
                     and any(m.dep_ == "mark" and m.lower_ in ("if", "when", "whenever") for m in c.children)), None)
        return f"What happens {_text(when.subtree)}" if when is not None else None
    if low not in _INDEFINITE_THING:
        return None
    wh = "What, if anything,"
    relativizer = next((c for c in rel.children if c.lower_ in ("that", "who", "which")), None)
    rel_ids = _subtree_ids(rel)
    if relativizer is not None and relativizer.dep_ in ("nsubj", "nsubjpass"):
        rest = [t for t in doc if t.i in rel_ids and t.i > relativizer.i]
        return f"{wh} {_text(rest)}"
    # The relative clause has a subject of its own: asked with it inverted ("you can call" -> "can you call").
    subj = _subject(rel)
    aux = next((c for c in rel.children if c.dep_ == "aux" and c.i < rel.i), None)
    if subj is None or subj.i > rel.i:
        return None
    skip = {relativizer.i} if relativizer is not None else set()
    body = [t for t in doc if t.i in rel_ids and t.i not in skip]
    if aux is not None:
        head = _text([aux])
        rest = _text([t for t in body if t.i != aux.i])
        return f"{wh} {head} {rest}"
    if rel.tag_ not in ("VBP", "VBZ", "VBD"):
        return None
    do = {"VBD": "did", "VBZ": "does"}.get(rel.tag_, "do")
    base = rel.lemma_
    rest = " ".join(base if t.i == rel.i else t.text for t in body)
    return f"{wh} {do} {rest}"


def _verb_question(doc, root, aux) -> str | None:
    """An inverted question with a lexical verb: "Do you …?", "Have any of them …?", "Are the vouchers ever …?"."""
    subj = _subject(root)
    if subj is None or subj.i < aux.i:
        return None
    subj_ids = _subtree_ids(subj)
    # The subject and the verb belong to the question's own clause: nothing before the auxiliary.
    if aux.i != 0:
        return None
    ever = next((t for t in doc if t.lower_ == "ever"), None)
    if _indefinite(subj):
        return None if ever is not None else _indefinite_subject(doc, root, aux, subj, subj_ids)
    made = _indefinite_object(doc, root, set() if ever is None else {ever.i})
    if made:
        return made
    if any(t.lower_ in ("anywhere", "anyone", "anybody", "somewhere", "someone", "somebody", "anything", "something")
           for t in doc):
        return None  # "Did you report it to anyone?": who or where, if anyone, asks for a name (closed again)
    if any(t.lower_ == "me" for t in doc):
        return None  # "Can you tell me how many orders you get?": a request, not a yes/no about them
    if root.lemma_.lower() in _STATE or root.pos_ not in ("VERB",) or ever is not None:
        return None  # a state has no "how"; "Do you ever…?" asks for a story, if there is one (the caller's hedge)
    if subj.lower_ in ("that", "this", "it", "there") or aux.lower_ in _BE and root.tag_ == "VBG":
        return None  # "does that happen every month?", "are they all coming back?": no doing of theirs to ask how of
    if root.lemma_.lower() in _ENDINGS or any(t.lower_ in _NO_MANNER and t.dep_ != "mark" and not (t.dep_ == "prep" and any(t.children))
                                                for t in doc):
        return None  # "How, if at all, have you given up on the app altogether?", "… flown with them before?",
        # "… made your commute any better?": an ending, an experience or a comparison has no manner to ask about
    if root.lemma_.lower() == "try" and not any(c.dep_ == "xcomp" for c in root.children):
        return None  # "Have you tried Crossword Compiler?": an experience, not a way of doing ("tried to keep" is)
    if root.lower_ == "got" and aux.lower_ in ("have", "has"):
        return None  # "Have you got a car?": having, not getting
    if not _a_person(subj):
        return None  # "Did the refund arrive on time?", "Does the spreadsheet work?": no one's doing to ask how of
    if any(t.lower_ in ("much", "same", "enough", "whole") or t.lower_ == "many" and t.head.dep_ != "dobj"
           for t in doc) or any(
            c.dep_ == "predet" or c.lower_ in ("all", "both", "each", "most") for c in subj.subtree):
        return None  # "How, if at all, do you lose many bookings?": an amount or a sameness is no manner
    skip = _guesses(doc, root)
    manner = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "by" and aux.lower_ not in _BE
                   or c.dep_ == "advmod" and c.lower_.endswith("ly") and c.lower_ not in _NOT_MANNER), None)
    if manner is not None:
        # "Do you take the deposit by bank transfer?", "Did your kids pick up the app quickly?": the way it
        # guessed is what "how" asks for.
        return f"How, if at all, {_text(doc, skip=skip | _subtree_ids(manner), lower_first=True)}"
    if root.lemma_.lower() in _MONEY and (any(t.lower_ in ("more", "extra", "any") for t in doc) or not any(
            c.dep_ in ("dobj", "dative") or c.dep_ == "prep" and c.lower_ == "for" for c in root.children)):
        return None  # "Do you charge more for those night ones?", "Do you charge?": an amount, no manner
    # (Money too: "Did she charge you for cancelling?" -> "How, if at all, did she charge you for cancelling?". Asked
    # "What, if anything, did she charge you…", it asks for an amount, one fact: a closed question again.)
    return f"How, if at all, {_text(doc, skip=skip, lower_first=True)}"


def _guesses(doc, root) -> set[int]:
    """What a yes/no question adds to its doing that the open question leaves to them: how often and how sure
    ("always", "actually", "every day", "at all", "at least") and a verdict ("work well")."""
    skip: set[int] = {t.i for t in doc if t.lower_ == "many" and t.head.dep_ == "dobj"}  # "get many volunteers"
    for t in doc:
        if t.head.i != root.i:
            continue
        if t.lower_ in ("too", "yourself", "themselves", "himself", "herself", "ourselves") and t.i > root.i:
            skip.add(t.i)  # "… at night too?", "… pick the team yourself?": said of the guess, not of the doing
            continue
        if t.dep_ == "advmod" and (t.lower_ in _DROPPED_ADVERBS or t.lower_ in _VERDICT_ADVERBS):
            skip.add(t.i)
        elif t.dep_ in ("npadvmod", "advmod", "prep") and t.lower_ in ("every", "each", "at") or t.dep_ == "npadvmod" \
                and any(c.lower_ in ("every", "each") for c in t.children):
            words = [w.lower_ for w in t.subtree]
            if t.dep_ != "prep" or words[:2] in (["at", "all"], ["at", "least"]):
                skip |= _subtree_ids(t)
    return skip


def _indefinite_subject(doc, root, aux, subj, subj_ids) -> str | None:
    """"Has anything changed since then?" -> "What, if anything, has changed since then?"; "Have any of those quotes
    turned out wrong?" -> "How have those quotes turned out?"; None for a person ("Does anyone complain?": who,
    if anyone, asks for a name)."""
    low = subj.lower_
    if low == "any" and any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children):
        # "Have any of those quotes turned out wrong?" -> "How have those quotes turned out?": the guessed verdict
        # goes, the thing it was guessed of stays.
        of = next(c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of")
        verdict = next((c for c in root.children if c.dep_ in ("acomp", "oprd")
                        or c.dep_ == "advmod" and c.lower_ in _VERDICT_ADVERBS), None)
        things = [t for t in of.subtree if t.i != of.i]
        if verdict is None or not things:
            return None
        skip = subj_ids | _subtree_ids(verdict)
        rest = [t for t in doc if t.i not in skip and t.i != aux.i]
        return f"How {aux.lower_} {_text(things)} {_text(rest)}"
    if low not in _INDEFINITE_THING:
        return None  # "Who, if anyone, …", "Which customers, if any, …" ask for a name: closed questions
    rest_tokens = [t for t in doc if t.i not in subj_ids and t.i != aux.i]
    if aux.lower_ in ("do", "does", "did"):
        # Do-support goes with the inversion: "does anything change" -> "what changes".
        verb = _inflect(root.lemma_, "VBD" if aux.lower_ == "did" else "VBZ") or root.text
        rest = " ".join(verb if t.i == root.i else t.text for t in rest_tokens)
        return f"What, if anything, {rest}"
    return f"What, if anything, {aux.lower_} {_text(rest_tokens)}"


def _indefinite(subj) -> bool:
    return subj.lower_ in _INDEFINITE_THING or subj.lower_ in _INDEFINITE_PERSON or subj.lower_ == "any" or any(
        c.dep_ == "det" and c.lower_ == "any" for c in subj.children)


def _a_person(subj) -> bool:
    """The subject is someone whose doing "how" can ask about: a pronoun, a name, people, a role ("the chair",
    "your partner", "the residents")."""
    low = subj.lower_
    if low in ("you", "they", "he", "she", "we", "i") or subj.pos_ == "PROPN":
        return True
    lemma = subj.lemma_.lower()
    return lemma in _PEOPLE or lemma.endswith(("er", "or", "ist", "ant", "ent", "ian")) and len(lemma) > 4


def _indefinite_object(doc, root, skip: set[int]) -> str | None:
    """"Do you write anything down when …?" -> "What, if anything, do you write down when …?"; "Does the hospice give
    you any support afterwards?" -> "What support, if any, does the hospice give you afterwards?"."""
    for child in root.children:
        if child.dep_ not in ("dobj", "attr", "oprd"):
            continue
        if child.lower_ in _INDEFINITE_THING:
            # What it guessed of the thing goes with it ("Does the meter tell you anything useful?" -> "What, if
            # anything, does the meter tell you?"), where and when stay ("anything between his visits").
            guessed = {i for c in child.children if c.dep_ != "prep" or c.lower_ == "like" for i in _subtree_ids(c)}
            return f"What, if anything, {_text(doc, skip=skip | guessed | {child.i}, lower_first=True)}"
        det = next((c for c in child.children if c.dep_ == "det" and c.lower_ == "any"), None)
        if det is not None and not any(c.dep_ in ("relcl", "acl") for c in child.children):
            # "Did you get any compensation for that?" -> "What compensation, if any, did you get for that?": the
            # phrase moves to the front, what it is for stays where it was.
            phrase_ids = _subtree_ids(child) - {i for c in child.children if c.dep_ == "prep" for i in _subtree_ids(c)}
            phrase = _text([t for t in doc if t.i in phrase_ids and t.i != det.i])
            return f"What {phrase}, if any, {_text(doc, skip=skip | phrase_ids, lower_first=True)}"
    return None
