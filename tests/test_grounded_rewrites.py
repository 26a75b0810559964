"""Rewrites that take nothing for granted (scoring.grounded): a yes/no question, a hypothetical or a pitch is not
turned into a story of the very event it asked about; the rewrite asks about what the customer said they do or did.

The turns here are from the rewrite development set rw8 (tests/data/rewrite_dev8.jsonl, used for tuning); the
untouched set rw9 was graded blind by a coach-like reader, before and after (see the stop's note)."""

from __future__ import annotations

import pytest

from simulator import nlp
from scoring.grounded import asks_whether, grounded_rewrite, presupposes
from scoring.rewrite import suggest_rewrites


@pytest.fixture(scope="module", autouse=True)
def loaded():
    if nlp.load() is None:
        pytest.skip("the English pipeline is not installed")


@pytest.mark.parametrize("previous, expected", [
    # a habit: the last time
    ("I forget to cancel free trials all the time.", "Tell me about the last time you forgot to cancel free trials."),
    ("I put the wrong bin out at least once a month.", "Tell me about the last time you put the wrong bin out."),
    ("The cleaner comes fortnightly and I leave the cash under the kettle.",
     "Tell me about the last time the cleaner came."),
    ("I hire a van three or four times a year for the craft market.",
     "Tell me about the last time you hired a van for the craft market."),
    # a one-off past event: what happened
    ("I switched broadband last month and the engineer never showed up on the day.",
     "Walk me through what happened when you switched broadband."),
    ("I paid the electricity bill late once because the email went straight to spam.",
     "Walk me through what happened when you paid the electricity bill."),
    # a description: tell me more about it
    ("Getting a GP appointment is honestly the worst part of my month.",
     "Tell me more about getting a GP appointment."),
    ("Our cleaners' rota is on a whiteboard in the staff room.", "Tell me more about your cleaners' rota."),
    # comma splice: the first clause said
    ("I book my haircut through the salon's Instagram DMs, she replies when she's between clients.",
     "Tell me about the last time you booked your haircut through the salon's Instagram DMs."),
    # of two events, the one the question was about
    ("I buy coffee beans from three roasters and always run out at the worst time.",
     "Tell me about the last time you ran out."),
    # "have to": the thing they had to do; "every" of a habit becomes one time
    ("I have to print the returns label at the library because I don't have a printer.",
     "Tell me about the last time you had to print the returns label at the library."),
    ("I photograph every receipt but then never do anything with the photos.",
     "Tell me about the last time you photographed a receipt."),
    # a place said first is no part of the subject
    ("At the sailing club we still sign boats out on a clipboard.",
     "Tell me about the last time you signed boats out on a clipboard."),
    # how many goes from a question about one time
    ("I buy most of my wool at the market.", "Tell me about the last time you bought your wool at the market."),
    ("I usually swap about two shifts a month.", "Tell me about the last time you swapped shifts."),
    ("I go to the flower market on Tuesdays and Fridays.",
     "Tell me about the last time you went to the flower market."),
    # an aside after a comma goes
    ("She only takes bookings by text, which is a pain.", "Tell me about the last time she took bookings by text."),
])
def test_a_rewrite_built_on_what_they_said(previous, expected):
    question = "um, would you sign up for a subscription that just sent them when you were about to run out?" \
        if "coffee" in previous else None
    assert grounded_rewrite(previous, question) == expected


@pytest.mark.parametrize("previous", [
    "I've got three kids in three different year groups.",  # a state
    "I didn't claim my delay refund from the train company because the form asked for so much.",  # not done
    "I'd rather have my own bike but there's nowhere to store one.",  # a wish
    "It's £28 a week for the large box.",  # a pronoun described
    "I run a small agency.",  # who they are, not a thing that happens
    "We talked about it last week.",  # names nothing
    "The website takes ages to load.",  # all it said after the verb was how long
    "My repeat prescription has to be requested every 28 days.",  # no doer of theirs
    "Some leave cash under a plant pot.",  # no one occasion
    "Most of my time goes on chasing parents.",
    "She checks it every morning.",  # nothing of theirs named
    "I had my car serviced last week.",  # a causative
    "",
])
def test_no_rewrite_where_they_told_of_no_event(previous):
    assert grounded_rewrite(previous) is None


@pytest.mark.parametrize("question, whether", [
    ("Have you ever ordered online from them?", True),
    ("so did, uh, did you complain to the front desk?", True),
    ("um, do you actually read all of them, or…", True),
    ("Do you book the spin classes on the app or at the front desk?", False),  # a choice: the booking is given
    ("What did they tell you?", False),
])
def test_asks_whether(question, whether):
    assert asks_whether(question) is whether


def test_presupposes_the_asked_event_unless_the_customer_told_of_it():
    question = "Have you ever ordered online from them?"
    assert presupposes("Tell me about the last time you ordered online from them.", question,
                       "I order feed from the merchant by phone.", "closed") is False  # they said they order
    assert presupposes("Tell me about the last time you ordered online from them.", question,
                       "The merchant knows my voice by now.", "closed") is True
    # A complement of the asked verb is given by the question: "Did you find it easy to set up?"
    assert presupposes("What was it like to set it up?", "Did you find it easy to set up?", "I got the app.",
                       "closed") is False
    # A how-much question asks for a degree, not whether.
    assert presupposes("How has the garden centre changed since you started going?",
                       "Has the garden centre changed much since you started going?", "I go there a lot.",
                       "closed") is False


@pytest.mark.parametrize("text, label, flags, previous, expected", [
    # a pitch: the customer's own problem, not the pitched app
    ("Would you pay for an app that cancelled them for you before they charged?", "closed", ["hypothetical", "pitch"],
     "I forget to cancel free trials all the time.", "Tell me about the last time you forgot to cancel free trials."),
    # a yes/no question about an event nobody said happened
    ("Did you get any compensation for that?", "closed", [],
     "I switched broadband last month and the engineer never showed up on the day.",
     "What compensation, if any, did you get for that?"),
    # a leading guess's own words ("a mortgage") are not asked about
    ("You must be saving up for a mortgage then?", "leading", [], "I check my credit score every month on Experian.",
     "Tell me about the last time you checked your credit score on Experian."),
    # the amount the question guessed at, with "none" still an answer: not that she did
    ("Did she charge you for cancelling?", "closed", [], "She's lovely but a bit disorganised.",
     "How, if at all, did she charge you for cancelling?"),
])
def test_main_rewrite_takes_nothing_for_granted(text, label, flags, previous, expected):
    assert suggest_rewrites(text, label, flags, previous=previous)[0] == expected


@pytest.mark.parametrize("text, previous, kept", [
    # what the guess is about is a topic (the subject), and a thing the customer said stays
    ("The gate's locked at night, right?", "I work at the depot.", "gate"),
    ("um, do the walk-ins usually get a table, or…",
     "Friday nights we get about forty bookings and the rest walk in.",
     "walk-ins"),
])
def test_a_topic_of_the_question_stays(text, previous, kept):
    label = "leading" if "right?" in text else "closed"
    assert kept in suggest_rewrites(text, label, [], previous=previous)[0]


@pytest.mark.parametrize("text, expected", [
    # options said of a thing: how they do it to the thing
    ("Do you book the classes on the app or at the front desk?", "How do you book the classes?"),
    # two things: how they decide between them
    ("Do you take the bus or the train?", "How do you decide between the bus and the train?"),
])
def test_a_choice_asks_how_not_which(text, expected):
    assert suggest_rewrites(text, "closed", [], previous="I go to the gym most mornings before work.")[0] == expected


def test_a_time_is_no_thing_to_ask_about():
    from scoring.rewrite import _mend_object

    assert _mend_object("Tell me more about the week.") is None
    assert _mend_object("How do you feel about the while?") is None
    assert _mend_object("Tell me more about the weekend market.") == "Tell me more about the weekend market."


@pytest.mark.parametrize("text, expected", [
    # nothing of theirs to build on: the story if there is one, or what they have done so far
    ("Have you ever ordered online from them?",
     "Tell me about the last time you ordered online from them, if you ever have."),
    ("uh, have you, have you chased the council about it at all?", "How, if at all, have you chased the council about it?"),
    # "again" takes the ordering as done before: no hedge
    ("If the slots came back, would you order again?", "Tell me about the last time you ordered."),
])
def test_no_event_to_build_on(text, expected):
    flags = ["hypothetical"] if text.startswith("If") else []
    assert suggest_rewrites(text, "closed", flags, previous="We talked about it last week.")[0] == expected


def test_an_ing_word_before_a_noun_is_no_event():
    from scoring.grounded import _told_verbs

    assert _told_verbs("How did your kids pick up the new reading app?") == set()  # "reading app": a modifier
    assert _told_verbs("Tell me about the last time you moved banks.") == {"move"}
