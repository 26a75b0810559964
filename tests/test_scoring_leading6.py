"""Leading or not, and echo or not, on natural turns (the form rules alone, no model): "how many people would you
say…" asks for a figure (no social proof), a solution of ours is offered whatever it leaves out ("If we made one that
didn't whistle…"), a described solution offered for someone else ("would he use that"), and an echo that writes a
contraction out or in ("You cannot tell?" after "I can't tell")."""

import pytest

from scoring import rules
from scoring.labels import Flag, Label

HEARING = ["I've had the hearing aid about a year.",
           "It whistles every time I put my glasses on, so I take it out.",
           "My husband hates changing the tiny batteries too."]
LAUNDRY = ["I live in student halls.", "The laundry room changed machines in September.",
           "It's card only now and half the dryers take forever."]
BILLS = ["We had the smart meter put in last spring.",
         "Looking at the bills, I honestly can't tell if they're doing anything."]


def analyse(text, context):
    return rules.analyse(text, context[-1], "en", context)


def label(text, context):
    return analyse(text, context).top[0]


def flags(text, context):
    return {h.flag for h in analyse(text, context).flags}


@pytest.mark.parametrize("text", [
    "how many people would you say turn up without a slot on a weekend",
    "How many parents would you say donate each year?",
])
def test_how_many_people_asks_for_a_figure_not_agreement(text):
    assert label(text, LAUNDRY) == Label.CLOSED


def test_others_views_still_push():
    assert label("Most people tell us the dryers are the problem, is that you too?", LAUNDRY) == Label.LEADING


@pytest.mark.parametrize("text", [
    "If we made one that didn't whistle with glasses, would you wear it every day?",
    "If we built a charger that never needed batteries, would you use it?",
])
def test_a_solution_of_ours_is_offered_whatever_it_leaves_out(text):
    assert label(text, HEARING) == Label.LEADING
    assert Flag.PITCH in flags(text, HEARING)


def test_a_condition_that_goes_wrong_offers_nothing():
    text = "What would you do if the hearing aid didn't work one morning?"
    assert label(text, HEARING) == Label.OPEN
    assert Flag.PITCH not in flags(text, HEARING)


def test_a_described_solution_for_someone_else_is_a_pitch():
    text = "so if there was like a rechargeable one that just sat on a dock overnight would he use that"
    assert label(text, HEARING) == Label.LEADING
    assert {Flag.PITCH, Flag.HYPOTHETICAL} <= flags(text, HEARING)


@pytest.mark.parametrize("text, context", [
    ("You cannot tell?", BILLS),
    ("It is card only now?", LAUNDRY),
    ("Card only now?", LAUNDRY),
])
def test_an_echo_may_write_a_contraction_out(text, context):
    assert label(text, context) == Label.ECHO


def test_a_question_of_its_own_is_no_echo():
    assert label("Can you tell me how the card machines work?", LAUNDRY) != Label.ECHO


@pytest.mark.parametrize("text", [
    "three is just not enough is it",                         # a caption: no comma before the tag
    "a spreadsheet's just not good enough for that, is it",    # any subject before the negative clause
    "Nobody really explains the machines, do they?",          # "nobody" is a negative clause too
])
def test_a_positive_tag_after_a_negative_clause_asks_for_agreement(text):
    assert label(text, LAUNDRY) == Label.LEADING


@pytest.mark.parametrize("text", ["Is it the price?", "did they wait", "Was it busy?"])
def test_a_question_that_starts_with_the_tag_words_is_no_tag(text):
    assert label(text, LAUNDRY) == Label.CLOSED


def test_a_fix_we_made_is_offered_in_any_of_its_verbs():
    text = "If we shipped the dryer tokens to your room, would you prefer that?"
    assert label(text, LAUNDRY) == Label.LEADING and Flag.PITCH in flags(text, LAUNDRY)


def test_something_we_did_wrong_is_no_fix():
    text = "What happened if we missed the slot, did they wait?"
    assert Flag.PITCH not in flags(text, LAUNDRY)


@pytest.mark.parametrize("text", [
    "That must have felt like a total rip-off.",   # the verdict after "like"
    "queuing must drive you mad",                  # any subject that "must" do something to them
    "that must really slow everything down",       # a consequence guessed for them
    "It must take ages.",
])
def test_a_guess_with_must_leads(text):
    assert label(text, LAUNDRY) == Label.LEADING


@pytest.mark.parametrize("text", ["That sounds exhausting.", "I'm sorry to hear that."])
def test_empathy_without_a_guess_is_a_statement(text):
    assert label(text, LAUNDRY) == Label.STATEMENT


@pytest.mark.parametrize("text", [
    "Most managers we talk to say ghosting is getting worse. Have you found that too?",
    "Many pharmacists tell us the machines are confusing. Is that your experience?",
])
def test_what_any_group_of_others_says_pushes(text):
    assert label(text, LAUNDRY) == Label.LEADING


def test_a_plural_of_time_is_no_group_of_people():
    assert label("Most weeks what do you end up doing with the laundry?", LAUNDRY) != Label.LEADING
