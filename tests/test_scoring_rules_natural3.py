"""Function over form on natural and spoken turns: a tag asks for agreement with what it follows, a fact you
supply or a verdict (a neutral "is that right?" checks a fact; their own words with a tag are a summary); a summary or a declarative question that adds a claim leads; why/how questions that take a degree, a
pattern or a benefit as given lead; spoken questions after a preamble; reordered echoes; false starts."""

import pytest

from scoring import rules
from scoring.labels import Flag, Label

ENERGY = ["I switched to Voltly for my electricity last spring.",
          "The app is fine but the bills confuse me.",
          "Last month they charged me twice and I had to ring them."]
STANDUP = ["We moved our team's stand-ups to Huddle in January.",
           "Half the team joins from home and the audio keeps dropping.",
           "Last week our manager gave up and called everyone on WhatsApp instead."]


def label(text: str, context: list[str]) -> Label:
    return rules.analyse(text, context[-1], "en", context).top[0]


def flags(text: str, context: list[str]) -> set[Flag]:
    return {h.flag for h in rules.analyse(text, context[-1], "en", context).flags}


@pytest.mark.parametrize("text", [
    "You pay by direct debit, right?",
    "You were at home when they rang, weren't you?",
    "You've got a smart meter, haven't you?",
    "Your manager picked Huddle, didn't she?",
    "The meetings are at nine, right?",
    "You're the team lead, aren't you?",
])
def test_a_tag_on_a_fact_they_never_gave_asks_for_agreement(text):
    # The tag asks for a yes to what you supply, fact or not; only "…, is that right?" checks a fact.
    context = STANDUP if any(w in text for w in ("Huddle", "meetings", "team")) else ENERGY
    assert label(text, context) == Label.LEADING


@pytest.mark.parametrize("text", [
    "You pay by direct debit, is that right?",
    "You're the team lead, is that correct?",
])
def test_a_neutral_check_on_a_new_fact_is_closed(text):
    context = STANDUP if "team" in text else ENERGY
    assert label(text, context) == Label.CLOSED


@pytest.mark.parametrize("text", [
    "The bills are really confusing, right?",          # a degree of yours
    "It's the double charge that put you off, isn't it?",  # a motive of theirs, named by you
    "You'd switch again if it happened twice, right?",  # what they would do, guessed
    "You hate ringing them, don't you?",               # a feeling
    "The staff are rude, aren't they?",                # a verdict on a thing
    "It's a rip-off, isn't it?",
    "WhatsApp works better, doesn't it?",              # a comparison
])
def test_a_tag_on_a_verdict_feeling_cause_or_guess_is_leading(text):
    assert label(text, ENERGY) == Label.LEADING


def test_a_tag_on_their_own_fact_stays_a_summary():
    assert label("So you switched last spring, right?", ENERGY) == Label.REFLECTION


def test_caption_tags_without_punctuation():
    assert label("you use it on a laptop right", STANDUP) == Label.LEADING
    assert label("the audio's awful right", STANDUP) == Label.LEADING


def test_a_declarative_question_checks_a_new_fact_unless_it_names_a_verdict():
    assert label("You live alone?", ENERGY) == Label.CLOSED
    assert label("You run the stand-ups yourself?", STANDUP) == Label.CLOSED
    assert label("Your manager's pretty fed up with it?", STANDUP) == Label.LEADING


@pytest.mark.parametrize("text", [
    "So you'd rather get paper bills.",                 # a wish they never voiced
    "So you'd never go back to your old supplier.",     # a projection
    "You must dread opening the bills.",                # "you must ..." hands them a feeling
    "You probably lose track of what you've paid.",     # a guess
    "So you're thinking of leaving Voltly?",            # an intention
])
def test_a_summary_that_adds_a_claim_is_leading(text):
    assert label(text, ENERGY) == Label.LEADING


def test_a_summary_of_their_words_is_a_reflection():
    assert label("So the app's fine, it's the bills that confuse you, and last month they charged you twice.",
                 ENERGY) == Label.REFLECTION


def test_why_and_how_questions_that_take_a_verdict_as_given():
    assert label("Why are the bills so hard to read?", ENERGY) == Label.LEADING
    assert label("Why did it take them so long to refund you?", ENERGY) == Label.LEADING
    assert label("Why do they always get it wrong?", ENERGY) == Label.LEADING
    assert label("How much have you saved since switching?", ENERGY) == Label.LEADING
    # Nothing taken for granted: their account, or one fact.
    assert label("Why did you switch to Voltly?", ENERGY) == Label.OPEN
    assert label("Why does the audio keep dropping?", STANDUP) == Label.OPEN
    assert label("How much do you pay a month?", ENERGY) == Label.CLOSED


def test_their_own_degree_word_presupposes_nothing():
    said = ["The refund took so long I forgot about it."]
    assert label("Why did it take so long?", said) == Label.OPEN


def test_spoken_questions_after_a_preamble():
    assert label("okay and um, so the people at home, where do those calls drop most", STANDUP) == Label.CLOSED
    assert label("um, sorry, just- the WhatsApp call, what was going through your head", STANDUP) == Label.OPEN


def test_a_reordered_short_echo_is_an_echo():
    assert label("Charged twice last month?", ENERGY) == Label.ECHO


def test_double_barreled_and_false_starts():
    assert Flag.DOUBLE_BARRELED in flags("How often does the audio drop, and who usually fixes it?", STANDUP)
    assert Flag.DOUBLE_BARRELED not in flags("and the calls, um, what did they actually, what did they say about it",
                                             STANDUP)


def test_what_would_need_to_change_is_hypothetical():
    assert Flag.HYPOTHETICAL in flags("What would need to change for you to stay with Huddle?", STANDUP)


def test_a_long_retelling_anchored_in_their_words_is_a_reflection():
    # Every clause retells something they named, in other words ("a double charge" for "charged me twice").
    assert label("So the bills confuse you, and last month you had to ring them about a double charge.",
                 ENERGY) == Label.REFLECTION
    assert label("So since the spring the bills have been confusing, and then last month the double charge.",
                 ENERGY) == Label.REFLECTION
    # A feeling, a verdict or a comparison of yours in one clause still leads, however anchored the rest is.
    assert label("So the app is fine, and you're basically fed up with the bills.", ENERGY) == Label.LEADING
    assert label("So you switched last spring, the bills confuse you, and you're happier with the app.",
                 ENERGY) == Label.LEADING


def test_a_wh_question_that_takes_their_attitude_as_given():
    running = ["I've been using Trackly to log my runs since March.", "I ran a half marathon in October.",
               "Lately I've been running less because of work."]
    assert label("When did you realise the app wasn't worth it?", running) == Label.LEADING
    assert label("Why did you stop caring about your times?", running) == Label.LEADING
    # What they did may be asked about: no attitude is taken for granted.
    assert label("Why did you start logging your runs?", running) == Label.OPEN
    assert label("How did work change your running?", running) == Label.OPEN
