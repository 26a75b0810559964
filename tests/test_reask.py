"""A closed yes/no question asked again as an open one on everything it asked (scoring.reask): the slot the question
guessed at becomes what is asked for, a hedge ("if at all", "if anything", "if any") keeps "none" a possible
answer, and questions it cannot open that way are left to the rest of the rewriter.

The turns here are from the rewrite development sets rw9-rw11 (tests/data/rewrite_dev9-11.jsonl, used for tuning
in this change) and new ones written for this file."""

from __future__ import annotations

import pytest

from benchmarks.rewrite_quality import grammar_problems
from scoring.classifier import QuestionClassifier
from scoring.reask import reask
from scoring.rewrite import suggest_rewrites
from simulator import nlp


@pytest.fixture(scope="module", autouse=True)
def loaded():
    if nlp.load() is None:
        pytest.skip("the English pipeline is not installed")


@pytest.mark.parametrize("question, expected", [
    # an indefinite object: what, if anything
    ("Do you write anything down when you check them?", "What, if anything, do you write down when you check them?"),
    ("did she, um, did she say anything about it?", "What, if anything, did she say about it?"),
    ("oh right, do you get anything back for passing them on, like a referral fee?",
     "What, if anything, do you get back for passing them on?"),
    ("Does the smart meter tell you anything useful?", "What, if anything, does the smart meter tell you?"),
    ("have you ever, um, needed anything between his visits?", "What, if anything, have you needed between his visits?"),
    # "any" + noun: what noun, if any; what it is for stays where it was
    ("Have you had any double bookings since switching to paper?",
     "What double bookings, if any, have you had since switching to paper?"),
    ("Did you get any compensation for that?", "What compensation, if any, did you get for that?"),
    # a cleft: what the cleft guessed at
    ("Is it always the surge that decides which app you open?", "What decides which app you open?"),
    ("okay, so is it, um, is it just the timing that stopped you?", "What stopped you?"),
    # a description: what it is like (for whom, or to do what, as the question said)
    ("was that, like, normal for the other students too?", "What was that like for the other students?"),
    ("so are the two signatories, um, usually easy to get hold of?", "What are the two signatories like to get hold of?"),
    ("so is that, um, is that annoying?", "What is that like for you?"),
    ("Is the app reliable?", "What is the app like?"),
    ("Was she okay about it?", "How did she feel about it?"),
    ("Were you happy with the new system?", "How did you feel about the new system?"),
    # two options: how they compare, or how they do it (the options left to them)
    ("Is it harder in summer or winter?", "How do summer and winter compare?"),
    ("Which pays better, headstones or the church work?", "How do headstones and the church work compare?"),
    ("Do they book online or by phone?", "How do they book?"),
    ("Does she tell you in person or on the radio?", "How does she tell you?"),
    # "do you know why …": what they make of it
    ("Do you know why the other forty don't come?", "What's your sense of why the other forty don't come?"),
    # what the question added to the doing goes: "too", "yourself", "regularly", "many"
    ("Do they text you at night too?", "How, if at all, do they text you at night?"),
    ("Do you pick the team yourself?", "How, if at all, do you pick the team?"),
    ("Do you get many volunteers?", "How, if at all, do you get volunteers?"),
    ("Do you lose many bookings because of that?", "How, if at all, do you lose bookings because of that?"),
    # "is there someone … if …": what happens then
    ("Is there someone you can call if something comes up at two?", "What happens if something comes up at two?"),
    # "any of them" with a verdict: how they turned out
    ("Have any of those photo quotes turned out wrong on the day?", "How have those photo quotes turned out on the day?"),
    # a way guessed at ("by card", "quickly"): how
    ("Do you take the deposit by bank transfer?", "How, if at all, do you take the deposit?"),
    ("Did your kids pick up the new reading app quickly?", "How, if at all, did your kids pick up the new reading app?"),
    # an amount: what, if anything
    # (Not "What, if anything, did she charge you…": that asks for an amount, one fact.)
    ("Did she charge you for cancelling?", "How, if at all, did she charge you for cancelling?"),
    ("so did the app, um, did they pay you a cleaning fee for that?", "How, if at all, did they pay you a cleaning fee for that?"),
    # any other doing of someone's: how, if at all (how often and how sure go)
    ("Does the office let you know before the drivers find out?",
     "How, if at all, does the office let you know before the drivers find out?"),
    ("and do the residents, uh, do they actually read the board?", "How, if at all, do they read the board?"),
    ("Do you read that folder every time you visit her?", "How, if at all, do you read that folder?"),
    ("Do you still take cash at all?", "How, if at all, do you still take cash?"),
    ("Are they insured, all those albums?", "How, if at all, are they insured?"),   # the afterthought goes
])
def test_a_yes_no_question_asked_again_openly(question, expected):
    assert reask(question) == expected
    assert grammar_problems(expected) == []


@pytest.mark.parametrize("question", [
    "Don't you think that's a bit much?",                    # negative: a leading question, not this
    "Would you use an app that did it for you?",             # hypothetical
    "Do you always swap with Dev, or have you got other drivers you can ask?",   # two questions
    "um, did you learn that from someone or… did you teach yourself?",
    "Do the chefs order ahead or just take what you bring?",   # two doings
    "so do you carry, um, a spare battery or a power bank or…",   # two things to carry
    "uh, did that link go to Eventbrite or to your own site?",   # no one's doing
    "Did you pour the whole lot away?",
    "Do you get enough notice to prepare?",
    "Can you tell me how many orders you get a day?",          # a request
    "Do you know how much you spend a month?",                 # a fact
    "Did the price or the reviews matter more to you?",
    "Do you like the new layout?",                           # a state
    "Have you got a car?",                                   # having, not getting
    "Is it expensive?",                                      # "What's it like?" would lose the price
    "um, was that more than the year before?",               # a comparison
    "Were you able to cancel the original order?",           # a doing, not a feeling
    "Were they able to fix the leak the same day?",
    "Is the honesty box your only way of selling eggs?",     # what it is, not what it is like
    "Have you ever missed that three o'clock cut-off?",      # "ever": the story, if there is one (hedged elsewhere)
    "Did you report it to anyone?",                          # "who, if anyone" asks for a name: closed again
    "Is it the same parents who are late every term?",       # the same
    "Did the refund arrive on time?",                        # no one's doing
    "Does that happen every month?",
    "Had you flown with them before?",                       # an experience: no manner
    "Have you given up on the app altogether?",              # an ending
    "Have you tried Crossword Compiler?",                    # an experience
    "Nine years! Do you still enjoy it?",                    # a feeling
    "ouch, 3am. Do you charge, like, more for those night ones?",   # "what, if anything, … more" reads badly
])
def test_left_to_the_rest_of_the_rewriter(question):
    assert reask(question) is None


def test_the_classifier_reads_the_hedge_as_open():
    clf = QuestionClassifier()
    for text in ("How, if at all, do you ring ahead before you drive out there?",
                 "What, if anything, do you write down when you check them?",
                 "What double bookings, if any, have you had since switching to paper?"):
        assert clf.classify(text, "I do the hives every nine days.").label.value == "open", text


def test_the_main_rewrite_of_a_closed_question_is_the_question_asked_again():
    made = suggest_rewrites("Do you write anything down when you check them?", "closed",
                            previous="I check the hives every nine days or so through the swarming season.")
    assert made[0] == "What, if anything, do you write down when you check them?"
    # a hypothetical or a pitch keeps its own rewrite (about what they do today)
    pitch = suggest_rewrites("Would you pay for an app that stored those notes?", "closed", ["hypothetical", "pitch"],
                             previous="I write each dog's cut on an index card.")
    assert not pitch[0].startswith(("How, if at all", "What, if anything"))
