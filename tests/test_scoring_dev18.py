"""English forms from three interviewer voices (contextual inquiry; an early-stage founder who slips into pitches and
hypotheticals; a therapist-trained researcher with many reflections): echoes with a word of theirs left out or its
ending changed, two questions run together in a caption, verbless caption questions, an opinion opener before a
yes/no, the interviewer's own work told, and short empathy. These read the rules alone (``scoring.rules``), so they
need no embedder."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Flag, Label

PREV = "I left the receipts in the van and they got soaked."
CONTEXT = ["I run a small removals firm, two vans.", "Every month I do the invoices on a Sunday.", PREV]


def form(text: str, previous: str | None = PREV, context=CONTEXT):
    return rules.analyse(text, previous, context=context)


def flags(f) -> set[Flag]:
    return {hit.flag for hit in f.flags}


# --- echoes -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, previous", [
    ("The receipts got soaked.", "The receipts got completely soaked."),     # one word of theirs left out
    ("the van you'd parked outside", "it was the van i'd already parked outside"),  # pronoun turned, a word left out
    ("Your knees were aching.", "The stairs alone made my knees ache."),      # -ing for their bare verb
])
def test_their_words_with_a_word_left_out_or_an_ending_changed_are_an_echo(text, previous):
    assert form(text, previous, [previous]).top[0] == Label.ECHO


def test_a_summary_with_their_verb_in_another_form_restates_them():
    # "giving" for their "gave": no new claim put in their mouth.
    context = ["i've kept bees for ten years", "this spring the hive swarmed twice", "i nearly gave the bees up"]
    f = form("so ten years of bees and this spring it swarmed twice and you came close to giving them up",
             context[-1], context)
    assert f.top[0] == Label.REFLECTION


# --- captions: two questions run together, verbless questions -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "what did the invoice say exactly do you still have it",
    "so how did you dry them out before the sunday did you copy them anywhere",
])
def test_a_yes_no_run_on_after_a_complete_question_decides(text):
    f = form(text.lower(), PREV.lower(), [c.lower() for c in CONTEXT])
    assert f.top[0] == Label.CLOSED
    assert len(f.questions) == 2


@pytest.mark.parametrize("text", [
    "how many receipts would you say get lost each month",   # "would you say" inside the question
    "what kind of van do you drive",                        # no complete question before the auxiliary
])
def test_no_split_inside_one_question(text):
    f = form(text, PREV.lower(), [c.lower() for c in CONTEXT])
    assert len(f.questions) == 1


@pytest.mark.parametrize("text, label", [
    ("which drawer in the office", Label.CLOSED),
    ("why the van and not the office drawer", Label.OPEN),
])
def test_a_verbless_caption_question(text, label):
    assert form(text, PREV.lower(), [c.lower() for c in CONTEXT]).top[0] == label


# --- the founder's voice -------------------------------------------------------------------------------------------

def test_a_yes_no_after_what_do_you_think_decides():
    f = form("We're building an app that scans receipts for you. Honestly, what do you think, would that save you "
             "time?")
    assert f.top[0] == Label.LEADING
    assert Flag.PITCH in flags(f)


@pytest.mark.parametrize("text", [
    "so i'm actually building a tool for this where your receipts can't get lost without you noticing",
    "so what we're doing is like an inbox for receipts where you snap them and they file themselves",
])
def test_the_interviewers_own_work_told_is_a_pitch_statement(text):
    f = form(text, PREV.lower(), [c.lower() for c in CONTEXT])
    assert f.top[0] == Label.STATEMENT
    assert Flag.PITCH in flags(f)


def test_double_barreled_with_a_share_of_it():
    f = form("How much do you spend on paper a month, and how much of it do you reckon ends up in the bin?")
    assert f.top[0] == Label.CLOSED
    assert Flag.DOUBLE_BARRELED in flags(f)


def test_a_restart_after_like_is_not_two_questions():
    f = form("what did you have to do to claim like can you walk me through it", PREV.lower(),
             [c.lower() for c in CONTEXT])
    assert f.top[0] == Label.OPEN
    assert Flag.DOUBLE_BARRELED not in flags(f)


# --- the therapist-trained voice -----------------------------------------------------------------------------------

def test_anything_you_would_want_others_to_understand_is_an_invitation():
    f = form("is there anything about that month that you'd want your family to understand")
    assert f.top[0] == Label.OPEN
    f = form("Is there anything about that time that you'd want people at work to know?")
    assert f.top[0] == Label.OPEN
    assert Flag.HYPOTHETICAL not in flags(f)


def test_that_sounds_like_a_short_noun_phrase_is_empathy():
    assert form("That sounds like a long Sunday.").top[0] == Label.STATEMENT
    assert not any(c.name == "empathy" for c in form("That sounds like a long Sunday?").cues)  # said as a question
