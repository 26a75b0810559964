"""Rewrites grounded in what the customer said, and the check that a rewrite takes nothing for granted.

A closed question asks *whether* something happened ("Have you ever ordered online from them?", "Did she charge you
for cancelling?"); a hypothetical or a pitch asks about something that does not exist ("Would you pay for an app that
cancelled them for you?"). Turning either into "Tell me about the last time you ordered online from them." or
"Tell me about the last time you paid for an app that…" puts an event in the customer's mouth that nobody said
happened: a coach calls that a false presupposition, and it is the commonest fault of rewriting by templates.

What a coach writes instead starts from what the customer *did* say, the one event the interview knows is real:

    grounded_rewrite("I forget to cancel free trials all the time.")
    # "Tell me about the last time you forgot to cancel free trials."
    grounded_rewrite("I paid the electricity bill late once because the email went straight to spam.")
    # "Walk me through what happened when you paid the electricity bill."
    grounded_rewrite("Getting a GP appointment is honestly the worst part of my month.")
    # "Tell me more about getting a GP appointment."

It reads the parse of the customer's first sentence that tells of anything, and of its clauses the one that shares
most words with the question (the first said where none does): its verb, subject, tense and objects. A habit
(present tense, "used to", a present perfect of something ongoing) becomes "the last time", a one-off past event
"what happened when", a description ("X is …") "tell me more about X"; "I" and "my" become "you" and "your"; how often,
how long and how many ("every week", "for ages", "most of your wool") go from a question about one time, and so do
asides after a comma and whatever follows a subordinate clause. Nothing comes back where the clause is no event of
theirs: a negation, a modal, a state ("I need", "I've got", "I run a small agency"), a pronoun described ("It's £28 a
week"), a quantified subject ("Some leave cash …"), a causative ("I had my car serviced"), or nothing named.

:func:`presupposes` is the check: a rewrite that tells of an event with the verb the question asks about presupposes
it when the question asked whether it happened (a yes/no question, a hypothetical, a pitch or a leading guess) and the
customer's words have no form of that verb.
"""

from __future__ import annotations

import re
from typing import Iterable

from . import parse_batch
from .labels import Flag, Label
from .rewrite import _FLIP, _cut_short

__all__ = ["grounded_rewrite", "presupposes", "asks_whether", "question_parse"]

# The customer's first person, said back to them: the echo's table (rewrite._FLIP) and the forms a whole clause has.
_SECOND_PERSON = {**_FLIP, "ours": "yours", "ourselves": "yourselves", "we're": "you're", "we've": "you've",
                  "we'd": "you'd", "am": "are"}
# Verbs of a state, not an event: "the last time you needed a desk" asks for a moment there was none of.
_STATE_VERBS = frozenset("be have need want like love hate think know reckon guess mean seem feel prefer wish hope "
                         "suppose believe understand remember keep cost own live stick trust mind find appear sound "
                         "look tend let say".split())
# How often, how long, how much: said of the habit, not of one time.
_HOW_OFTEN = frozenset("always usually often never sometimes normally generally mostly just only really actually "
                       "basically probably literally still even also already honestly now then again ever anyway "
                       "regularly constantly typically every each twice once fortnightly weekly monthly daily yearly "
                       "annually mainly nightly".split())
_QUANTIFIERS = frozenset("most some many several few lot lots loads plenty half all both couple dozen".split())
_OFTEN_WORDS = frozenset("every each always usually often sometimes normally times twice weekly monthly fortnightly "
                         "daily nightly regularly".split())
_TIME_NOUNS = frozenset("mondays tuesdays wednesdays thursdays fridays saturdays sundays weekdays "
                        "second seconds minute minutes hour hours day days week weeks fortnight fortnights "
                        "month months year years ages time times morning mornings evening evenings night nights weekend weekends "
                        "term terms season seasons".split())
# The parts of the clause after its verb that a retelling keeps.
_KEPT_DEPS = frozenset("dobj prt prep dative xcomp acomp attr oprd agent advmod ccomp pcomp".split())
_PRONOUN_SUBJECTS = frozenset("i we you it they he she this that there these those nobody nothing everyone everybody "
                              "everything someone somebody something anyone anybody anything none some most many few "
                              "others half all both".split())
_MAX_WORDS = 20


def _said_back(tokens) -> str:
    out: list[str] = []
    for token in tokens:
        word = token.text
        low = word.lower()
        if low in _SECOND_PERSON and (token.tag_ in ("PRP", "PRP$") or low in ("i'm", "i've", "i'd")
                                      or low == "am" and token.pos_ == "AUX"):
            word = _SECOND_PERSON[low]
        out.append(word + token.whitespace_)
    text = "".join(out).strip()
    return re.sub(r"\s+", " ", text)


def _is_time_phrase(token) -> bool:
    """ "every week", "for ages", "three weeks running", "at least once a month", "in a row", "by now"."""
    words = [t.lower_ for t in token.subtree]
    if token.dep_ in ("npadvmod", "tmod") or token.dep_ == "dobj" and token.lower_ in _TIME_NOUNS:
        return True
    if token.dep_ == "advmod" and (token.lower_ in _HOW_OFTEN or any(w in _TIME_NOUNS for w in words)):
        return True
    if token.dep_ == "prep":
        if any(w in _TIME_NOUNS for w in words) and token.lower_ in ("for", "since", "during", "in", "at", "about",
                                                                     "over", "by", "within", "every", "each", "on"):
            return True
        if any(w in ("every", "each") for w in words):
            return True  # "after each walk"
        if words[:2] in (["at", "least"], ["in", "a"]) or words == ["by", "now"]:
            return True
    return False


def _rest_after(root, one_time: bool = False) -> list:
    """The objects and complements after ``root``, up to the first joined or subordinate clause."""
    kept: list = []
    for child in root.children:
        if child.i < root.i:
            continue
        if child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN", "VBD", "JJ") and not any(
                g.dep_ in ("mark", "nsubj", "aux") for g in child.children):
            kept.extend(child.subtree)  # "put off switching", "left the back door unlocked"
            continue
        if child.dep_ in ("cc", "conj", "advcl", "mark", "punct", "parataxis", "relcl"):
            break
        if child.dep_ not in _KEPT_DEPS or _is_time_phrase(child):
            continue
        if child.dep_ == "ccomp" and child.tag_ in ("VBZ", "VBP", "VBD") and any(
                g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            continue  # a clause of its own ("calls me every time the box shows an error")
        if child.dep_ == "advmod" and child.lower_ in _HOW_OFTEN:
            continue
        kept.extend(child.subtree)
    kept = sorted(set(kept), key=lambda t: t.i)
    # A count of times inside them ("three or four times", "most mornings"): gone with what hangs on it.
    timed = {t.i for head in kept if head.lower_ in _TIME_NOUNS and head.dep_ in ("npadvmod", "dobj", "tmod", "nmod",
                                                                                   "appos", "conj")
             for t in head.subtree}
    # A clause added after a comma ("by text, which is a pain") is no part of the event.
    aside = {t.i for head in kept if head.dep_ == "relcl" and head.doc[head.left_edge.i - 1].text == ","
             for t in head.subtree} if kept else set()
    # How many ("about eight households", "most of your wool", "a lot of funeral flowers", "around three"): said of
    # the habit, not of one time, and gone from a question about one time.
    counted = set()
    for token in kept if one_time else ():
        number = token.tag_ == "CD" and token.dep_ in ("nummod", "conj") and token.head.tag_ in ("NNS", "NNPS", "CD")
        quantity = token.lower_ in _QUANTIFIERS and token.dep_ in ("nummod", "quantmod", "amod", "det", "predet",
                                                                    "dobj", "pobj")
        if number or quantity:
            counted.add(token.i)
            counted.update(c.i for c in token.subtree if c.i != token.i and (
                c.dep_ in ("advmod", "quantmod", "cc", "conj") and c.head.i == token.i or
                c.dep_ in ("prep", "det") and c.head.i == token.i and c.lower_ in ("of", "a")))
    # Inside them, an adverb of how often ("the wrong bin out at least once a month"), and a stop at a clause that
    # starts inside ("… to load because …").
    out = []
    for token in kept:
        if token.i in timed or token.i in aside or token.i in counted:
            continue
        if token.dep_ == "mark" and token.head.dep_ in ("advcl", "conj") and out or \
                token.dep_ == "cc" and token.lower_ in ("but", "so", "yet") and out:
            break
        if token.lower_ in _HOW_OFTEN and token.dep_ in ("advmod", "npadvmod", "quantmod"):
            continue
        if _inside_time_phrase(token):
            continue
        out.append(token)
    # A preposition whose object went with what was cut ("went up like [forty percent]") says nothing on its own.
    while out and (out[-1].is_punct or out[-1].dep_ == "prep" and not any(
            c.i in {t.i for t in out} for c in out[-1].children)):
        out.pop()
    return out


def _inside_time_phrase(token) -> bool:
    node = token
    while node.head is not node and node.dep_ not in ("ROOT",):
        if node.dep_ in ("npadvmod", "tmod") or node.dep_ == "prep" and _is_time_phrase(node):
            return True
        if node.dep_ in ("dobj", "xcomp", "ccomp"):
            return False
        node = node.head
    return False


def _subject(root):
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return child
    return None


def _subject_text(subject) -> str:
    tokens = list(subject.subtree)
    text = _said_back(tokens)
    first = tokens[0]
    if (first.pos_ != "PROPN" or first.is_sent_start and not first.ent_type_) and text[:1].isupper() \
            and text.split()[0] not in ("I",):
        text = text[0].lower() + text[1:]
    return text


def grounded_rewrite(previous: str | None, question: str | None = None) -> str | None:
    """An open question about an event the customer's first sentence tells of (see the module's docstring), or
    None where it tells of none. Of several events in it ("I buy coffee beans from three roasters and always run out
    at the worst time"), the one that shares most words with ``question`` (the one it was about: "… when you were
    about to run out?"); the first said where none does."""
    if not previous or not previous.strip() or len(previous) > 400:
        return None
    doc = parse_batch.parse(previous.strip())
    if doc is None:
        return None
    for sent in doc.sents:
        # Its clauses in the order said: "I book my haircut through their DMs, she replies when …" is parsed with
        # the second as the root and the first as its complement; a joined verb shares the first one's subject.
        clauses = sorted((t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj")
                          and _clause_subject(t) is not None), key=lambda t: t.i)
        if not clauses:
            continue
        made: list[tuple[str, object]] = []
        for n, clause in enumerate(clauses):
            if any(c.dep_ == "neg" or c.lower_ in ("never", "n't", "not") or c.dep_ == "aux" and c.tag_ == "MD"
                   for c in clause.children):
                if n == 0:
                    return None  # what they did not do, or would: no event to ask about
                continue
            subject = _clause_subject(clause)
            if any(t.lower_ == "like" and t.pos_ == "ADP" for t in subject.subtree):
                continue  # "the owners like me to send them a photo": a wish of theirs read as "owners such as me"
            one = _about_clause(clause, sent)
            if one and _cut_short(one):
                continue  # cutting the clause left a verb without its object or a clause after a preposition
            if one:
                made.append((one, clause))
        if not made:
            return None  # the first sentence that tells of anything decides
        if question and len(made) > 1:
            from .rewrite import _word_keys

            asked = _word_keys(question)
            scores = [len(_word_keys(_own_words(clause)) & asked) for _, clause in made]
            best = max(range(len(made)), key=lambda i: (scores[i], -i))
            return made[best][0]
        return made[0][0]
    return None


def _own_words(verb) -> str:
    """The words of a clause without the clauses joined to it and without its subject."""
    other = {t.i for c in verb.children if c.dep_ in ("conj", "cc", "nsubj", "nsubjpass") or
             c.dep_ in ("advcl", "ccomp", "parataxis") and c.i > verb.i for t in c.subtree}
    return " ".join(t.text for t in verb.subtree if t.i not in other)


def _clause_subject(verb):
    """A clause's subject: its own, or, for a verb joined to another ("… and always run out"), that one's."""
    own = _subject(verb)
    if own is not None:
        return own
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    return None


def _names_something(made: str) -> bool:
    """The rewrite names a thing or an action of theirs beyond its frame: "… when you talked about it." does not."""
    from .rewrite import _word_keys

    return bool(_word_keys(made) - {"talk", "happen", "last", "time", "walk", "tell", "more"})


def _described(subject, pronoun: bool = True) -> str | None:
    """ "Tell me more about <their subject>." (a description of it, not an event), or None where it reads badly, is
    long, names nothing, or (``pronoun`` False) is a pronoun ("It's £28 a week")."""
    from .rewrite import reads_naturally

    if not pronoun and (subject.lower_ in _PRONOUN_SUBJECTS or subject.tag_ in ("PRP", "EX")):
        return None
    made = f"Tell me more about {_subject_text(subject)}."
    return made if reads_naturally(made) and len(made.split()) <= _MAX_WORDS and _names_something(made) else None


def _to_complement(children):
    """The verb after "to" among a verb's ``children`` ("used to grab", "have to print"), or None."""
    return next((c for c in children if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)), None)


_AUXILIARIES = frozenset("be am is are was were been being have has had 've 'd 's 'm 're do does did will would shall "
                         "should can could may might must wo ca to get got gets getting".split())


def _about_clause(root, sent) -> str | None:
    """The rewrite about one clause of theirs (``root``, in ``sent``), or None. (A negated or modal clause never
    comes here: :func:`grounded_rewrite` passes it by.)"""
    from .rewrite import _verb_lemma, past, reads_naturally

    children = list(root.children)
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ not in _AUXILIARIES for c in children):
        return None  # "I order feed …" parsed with "order" as an auxiliary
    subject = _clause_subject(root)
    subject_low = subject.lower_
    span = sorted(t.i for t in subject.subtree)
    lead = [t for t in sent if t.i < span[0]] if root.dep_ == "ROOT" or root.i == min(
        t.i for t in sent if t.pos_ in ("VERB", "AUX")) else []
    if subject.tag_ in ("UH", "CD") or span != list(range(span[0], span[-1] + 1)) or any(
            t.pos_ in ("VERB", "AUX", "PRON") and t.tag_ != "PRP$" for t in lead):
        return None  # a subject the parse did not find whole ("My renewal quote" read as "quote")
    if root.dep_ not in ("ROOT", "conj") and any(t.dep_ == "prep" for t in subject.subtree):
        return None  # a later clause's long subject is more often a misreading than a subject
    if subject.left_edge.lower_ in ("which", "what", "who", "whose", "how", "where", "when", "why"):
        return None  # "… which bin to put out": a question inside, no subject of an event
    if subject.dep_ == "csubj":
        return _described(subject)  # "Organising the suppliers ourselves took months": the doing itself
    lemma = root.lemma_.lower()
    if subject_low in ("nobody", "nothing", "none", "everyone", "everybody", "everything") or \
            subject_low in _QUANTIFIERS or any(t.lower_ in _QUANTIFIERS and t.dep_ in ("nsubj", "det", "amod")
                                               for t in subject.subtree if t.i == subject.left_edge.i):
        return None  # "Some leave cash under a plant pot", "Most of my time goes on …": no one occasion
    if root.dep_ != "ROOT" and root.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children):
        return None  # "I had my car serviced": a causative's participle, no clause of its own
    if lemma == "be" or root.dep_ == "ROOT" and root.pos_ == "AUX":
        return _described(subject, pronoun=False)
    if not _verb_lemma(root.text.lower()):
        return None  # a word the parse took for a verb ("The nursery posts photos …")
    verb = root
    aux = [c for c in children if c.dep_ in ("aux", "auxpass")]
    passive = next((c for c in children if c.dep_ == "auxpass"), None)
    complement = _to_complement(children)
    if lemma == "use" and complement is not None and root.tag_ == "VBD":
        # "I used to grab a bike most mornings": the habit is the verb after "used to".
        verb = complement
        lemma = verb.lemma_.lower()
        children = list(verb.children)
        habit = True
    else:
        habit = root.tag_ in ("VBP", "VBZ") or (root.tag_ == "VBG" and any(a.lower_ in ("'ve", "have", "has", "'s")
                                                                           for a in aux))
    must = None
    if lemma == "have" and (complement := _to_complement(children)) is not None:
        # "I have to print the returns label at the library": the event is the printing, which they had to do.
        must = verb = complement
        lemma = verb.lemma_.lower()
        children = list(verb.children)
        if any(c.dep_ == "auxpass" for c in children):
            return None  # "has to be requested": no doer of theirs
    if lemma in _STATE_VERBS or lemma == "get" and any(
            a.lower_ in ("'ve", "have", "has", "'s") for a in aux) or lemma == "suppose":
        return None  # a state ("I need", "I've got three kids", "was supposed to")
    if passive is not None and any(c.dep_ == "dobj" for c in children):
        return _described(subject, pronoun=False)  # "Our street group is mostly lost cats …": no passive, a description
    if root.tag_ == "VBG" and not habit:
        return None  # "The school is talking about going cashless": under way, no time of its own yet
    if any(a.lower_ in ("'m", "am", "is", "are", "'re") for a in aux) and not passive:
        return None
    who = _subject_text(subject)
    if who.lower() in ("it", "that", "this", "there"):
        return None
    perfect = any(a.lower_ in ("'ve", "have", "has", "'s") for a in aux) and root.tag_ == "VBN"
    last_time = habit or perfect and any(_is_time_phrase(c) or c.lower_ in _HOW_OFTEN for c in children) or any(
        c.dep_ == "advmod" and c.lower_ in ("always", "usually", "often", "sometimes", "normally", "mostly")
        or _is_time_phrase(c) and any(w.lower_ in ("every", "each", "twice", "times", "a", "most")
                                      for w in c.subtree) for c in children)
    _rest_tokens = _rest_after(verb, one_time=last_time)
    rest = _said_back(_rest_tokens)
    if not rest and any(c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "acomp", "oprd") for c in verb.children):
        return None  # all it said after the verb was how long or how often ("The website takes ages to load")
    if any(t.dep_ in ("nsubj", "nsubjpass") and t.head.tag_ in ("VBP", "VBZ", "VBD") for t in _rest_tokens):
        return None  # a clause run on inside ("… opened a hive you jot notes on the lid …")
    if subject.tag_ == "PRP" and not any(t.pos_ in ("NOUN", "PROPN") for t in _rest_tokens) and \
            not any(t.dep_ == "prt" for t in _rest_tokens):
        return None  # "the last time she checked", "… you wrote them": nothing of theirs named
    if lemma in ("tell", "ask", "show", "remind", "send", "give", "email", "text", "message", "forget",
                 "remember", "decide", "try", "want", "start", "stop", "end") and \
            rest.lower() in ("", "you", "them", "him", "her", "us", "up"):
        return None  # "the last time the library app told you": what it told them went with the clause cut off
    if must is not None:
        told = "had to " + lemma
    elif passive is not None:
        be = "were" if subject.tag_ in ("NNS", "NNPS") or subject_low in ("we", "they", "you") else "was"
        told = ("got" if passive.lemma_ == "get" else be) + " " + verb.text.lower()
    else:
        told = past(lemma)
    often = any(t.lower_ in _OFTEN_WORDS for t in root.sent)
    if habit and not often and any(c.dep_ == "dobj" and any(d.lower_ in ("a", "an") for d in c.children)
                                   for c in children):
        return None  # "I run a small agency", "I drive a cab": who they are, not a thing that happens
    if last_time:
        made = f"Tell me about the last time {who} {told}{' ' + rest if rest else ''}."
    else:
        made = f"Walk me through what happened when {who} {told}{' ' + rest if rest else ''}."
    made = re.sub(r"\s+([,.?!])", r"\1", made)
    if made.startswith("Tell me about the last time"):  # "the last time you photographed every receipt" -> "a receipt"
        made = re.sub(r"\b(?:every|each)\s+one\b", "one", made)
        made = re.sub(r"\b(?:every|each)\s+(?=[a-z])", "a ", made)
        made = re.sub(r"\ba\s+(?=[aeio]|u(?!s|n[iu]|r))", "an ", made)
    if len(made.split()) > _MAX_WORDS or not reads_naturally(made) or not _names_something(made):
        return None
    return made[0].upper() + made[1:]


# --- Does a rewrite take the asked event for granted? --------------------------------------------------------------

_LEAD_IN = re.compile(r"^(?:(?:so|and|but|right|okay|ok|oh|um+|uh+|er+|erm|like|yeah|well|i mean|mm+|ha|wait|"
                      r"oh right|oh no)[\s,.…-]+)+", re.IGNORECASE)
_YES_NO = re.compile(r"^(?:do|does|did|have|has|had|is|are|was|were|can|could|will|would|should|shall|won't|don't|"
                     r"doesn't|didn't|haven't|hasn't|isn't|aren't|wasn't|weren't|can't|couldn't|wouldn't)\b",
                     re.IGNORECASE)
# "… or the website?", not "… or not?", "… or…", "or no?": a real choice gives the event as done.
_REAL_CHOICE = re.compile(r"\bor\s+(?!not\b|no\b|anything\b|something\b|what\b|[?.…]|$)\w", re.IGNORECASE)
# The verbs a rewrite's own frame brings: they tell of no event of the question's.
_FRAME_VERBS = frozenset("tell walk happen make feel think be do like talk".split())
# A leading guess at a reason takes the event itself as told: "So you only kept the box going because of the eggs?"
_REASON_GUESS = re.compile(r"\b(?:because|cause|'cos|cos|due\s+to|reason|since|that's\s+why|so\s+that)\b",
                           re.IGNORECASE)
_REASON_FRAME = re.compile(r"^(?:what\s+made\s+you|why\s+did\s+you|what\s+led\s+you)\b", re.IGNORECASE)
_CONDITION = re.compile(r"\b(?:if|unless|when|once)\b|,\s*(?:and|or|but)\b", re.IGNORECASE)
_EVER = re.compile(r"\bever\b", re.IGNORECASE)
_HAPPENED_WITH = re.compile(r"^What happened (?:with|to)\b", re.IGNORECASE)
_DEGREE = re.compile(r"\b(?:much|okay|ok|alright|all\s+right|well|a\s+lot)\s*"
                     r"(?:since\b[^?]*|these\s+days|now|so\s+far)?"
                     r"\s*[?.…]*\s*$", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_SUBJECTS_AND_TO = frozenset("you they he she we i to who and anyone someone".split())
_ADVERB_WORDS = frozenset("online offline again together late early home abroad alone instead anyway anymore there "
                          "here yet first last".split())
_DETERMINERS = frozenset("the a an your my his her their our its this that these those some any every each no".split())
# A frame that asks how they see something, not what happened: "How do you feel about owning stuff you hardly use?"
_VIEW_FRAME = re.compile(r"^(?:how\s+(?:do|did)\s+you\s+(?:feel\s+about|find)|"
                         r"what\s+do\s+you\s+think\s+(?:of|about))\b",
                         re.IGNORECASE)
# "again", "still", "any more": the question itself takes the event as one they did before.
_DONE_BEFORE = re.compile(r"\b(?:again|still|any\s?more|no\s+longer|back\s+to|go\s+back|come\s+back)\b", re.IGNORECASE)


def asks_whether(question: str) -> bool:
    """True for a yes/no question (its event is what is asked), not a wh-question or a choice between two."""
    body = _LEAD_IN.sub("", question.strip())
    clauses = [c for c in re.split(r"(?<=[?.!])\s+|,\s*(?=(?:and|so|but)?\s*(?:did|do|does|have|has|is|are|was|"
                                   r"were|would|will|could|can)\b)", body) if c.strip()]
    last = clauses[-1] if clauses else body
    last = _LEAD_IN.sub("", re.sub(r"^[\s,]*(?:and|so|but)\s+", "", last.strip(), flags=re.IGNORECASE))
    # A stutter ("did you, did you …", "have you, uh, have you …") starts it again.
    return bool(_YES_NO.match(last)) and not _REAL_CHOICE.search(last)


def _lemmas(text: str) -> set[str]:
    from .rewrite import _verb_lemma

    out: set[str] = set()
    for word in _WORD.findall(text.lower()):
        out.add(word)
        lemma = _verb_lemma(word)
        if lemma:
            out.add(lemma)
    return out


def _told_verbs(candidate: str) -> set[str]:
    """The verbs a rewrite tells of, its frame's verbs left out."""
    from .rewrite import _is_noun, _verb_lemma

    out: set[str] = set()
    words = _WORD.findall(candidate.lower())
    for i, word in enumerate(words):
        lemma = _verb_lemma(word)
        if not lemma or lemma in _FRAME_VERBS or lemma in _REACHING:
            continue  # ("What did she end up doing?" takes no moving in for granted)
        after = words[i + 1] if i + 1 < len(words) else ""
        before = words[i - 1] if i else ""
        if word != lemma and word.endswith(("ing", "ed")) and after and after not in _DETERMINERS and \
                before not in _SUBJECTS_AND_TO and \
                after not in ("it", "them", "you", "him", "her", "us", "up", "out", "off", "on", "in", "to", "for",
                              "with", "about", "at", "from", "back", "over", "down", "into") and (
                    _is_noun(after) or not _verb_lemma(after) and not after.endswith("ly")
                    and after not in _ADVERB_WORDS):
            continue  # "the new reading app", "the booking system": a modifier, no doing
        # A verb as a verb: after a subject or "to", or an "-ing" or "-ed" form after no determiner ("the smart bit"
        # is no biting).
        if i >= 2 and before == "to" and words[i - 2] in ("try", "tried", "trying", "want", "wanted"):
            continue  # "what happened when they tried to fix it" takes no fixing for granted
        if before in ("you", "they", "he", "she", "we", "i", "to", "who", "and", "anyone", "someone") or \
                word.endswith(("ing", "ed")) and word != lemma and before not in _DETERMINERS:
            out.add(lemma)
    return out


def question_parse(question: str):
    """The parse of a question's clause as the rewriter reads it (its focus, without fillers or an end mark: the
    same parse, made once)."""
    from .rewrite import _question_doc

    return _question_doc(question)


# Verbs whose complement is the event asked about: "Did you manage to find them all?", "Were they able to fix it?".
_REACHING = frozenset("manage get try able bother remember forget want need start stop end".split())


def _asked_verbs(question: str) -> set[str]:
    """The lemmas of the event a question asks about: the verb of its last clause ("Have you ever ordered online
    from them?" -> order), with the verb it reaches for ("manage to find" -> manage, find); not the verbs of its
    complements ("Did you find it easy to set up?" asks about finding it easy, and the setting up is given)."""
    doc = question_parse(question)
    if doc is None:
        return _lemmas(question)
    sents = list(doc.sents)
    root = sents[-1].root if sents else None
    if root is None:
        return set()
    out = {root.lemma_.lower()}
    if root.lemma_.lower() in _REACHING or any(c.lower_ == "able" for c in root.children):
        for child in root.children:
            if child.dep_ in ("xcomp", "acomp"):
                out.add(child.lemma_.lower())
                out.update(g.lemma_.lower() for g in child.children if g.dep_ == "xcomp")
    for child in root.children:
        if child.dep_ == "conj" and child.pos_ == "VERB":
            out.add(child.lemma_.lower())  # "gave up and went to A&E"
    return out - {"be", "do"}


def presupposes(candidate: str, question: str, previous: str | None, label: Label | str,
                flags: Iterable[Flag | str] = ()) -> bool:
    """True when ``candidate`` tells of the event ``question`` asked about as if it had happened, and neither the
    question's form (a wh-question, a choice) nor the customer's words (``previous``) made it real."""
    if not candidate or not question or _VIEW_FRAME.match(candidate):
        return False
    if _EVER.search(question) and asks_whether(question) and _HAPPENED_WITH.match(candidate):
        return True  # "Have you ever had the car not be there?" -> not "What happened with the car?"
    flag_values = {str(getattr(f, "value", f)) for f in flags or ()}
    label_value = str(getattr(label, "value", label))
    if _DEGREE.search(question) or _DONE_BEFORE.search(question):
        return False  # "Has the garden centre changed much?": how much, not whether; "would you order again?"
    whether = asks_whether(question) or "hypothetical" in flag_values or "pitch" in flag_values or \
        label_value == "leading" and not _REASON_GUESS.search(question)
    if not whether:
        return False
    if label_value == "leading" and not asks_whether(question) and _REASON_FRAME.match(candidate):
        return False  # "So you moved mostly for the garden?" -> "What made you move?": the guess was the reason
    told = _told_verbs(candidate) & _lemmas(question)  # (no parse for a rewrite that tells of none of its verbs)
    if not told:
        return False
    # The question's own verbs, read as the rewrite's are: with one only, that one is what it asks about; with more,
    # the parse tells which ("Did you find it easy to set up?" asks about finding, not setting up).
    its_verbs = _told_verbs(question)
    simple = len(its_verbs) <= 1 and not _CONDITION.search(question)
    told &= (its_verbs or told) if simple else _asked_verbs(question)
    if not told:
        return False
    said = _lemmas(previous or "")
    return not told <= said
