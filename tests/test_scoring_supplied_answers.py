"""Leading turns that hand the customer a feeling, a reason, a guess or a verdict they never gave, and the near
misses that stay closed, open, echo or reflection (the form rules alone, no model)."""

import pytest

from scoring import rules
from scoring.labels import Flag, Label

GYM = ["I cancelled my gym membership in March.", "The classes were always full.",
       "I ended up just running outside instead."]
TEAM = ["We moved our team onto a new project tool in January.",
        "Half the team still keeps their own to-do lists on paper.",
        "The weekly status meeting takes over an hour now."]


def label(text, context=GYM):
    return rules.analyse(text, context[-1], "en", context).top[0]


@pytest.mark.parametrize("text", [
    "Was it frustrating?",                                  # a feeling handed over in a yes/no question
    "Did that annoy you?",
    "Did the full classes make you feel unwelcome?",
    "Did you cancel because of the price?",                 # a reason they never gave
    "Was the price a factor?",
])
def test_yes_no_question_supplying_a_feeling_or_reason_is_leading(text):
    assert label(text) == Label.LEADING


@pytest.mark.parametrize("text", [
    "Was it the first time that happened?",                 # asks a fact, offers no answer
    "Did you ever complain?",
    "Did you cancel because the classes were always full?",  # their own reason: a check
    "Can you tell me more about the main reason you left?",  # an invitation, not a guess
])
def test_yes_no_questions_without_a_supplied_answer_stay_closed_or_open(text):
    assert label(text) in (Label.CLOSED, Label.OPEN)


def test_a_feeling_they_named_makes_a_feeling_question_a_check():
    said = ["I do the weekly shop online on a Sunday night.", "The substitutions drive me mad."]
    assert label("Is it stressful?", said) == Label.CLOSED
    assert label("Is it stressful?") == Label.LEADING


@pytest.mark.parametrize("text", [
    "Isn't running outside a bit boring?",                  # a negative question, whatever its subject
    "Bet that was annoying.",                               # guesses with or without "I", at either end
    "Guess you were pretty fed up?",
    "I suppose running is free.",
    "You enjoy running outside more, I'd imagine.",
    "I'd have thought running outside is cheaper anyway?",
    "No doubt you feel better running outside?",
    "The full classes must have been a nightmare for you.",  # a feeling "must" have been theirs
    "Must have been a relief to stop paying?",
    "That must make you really anxious.",
    "What's so bad about the gym?",                          # a verdict taken as given by any question word
    "What's the worst part about the gym?",
    "Too expensive?",                                        # a bare fragment guessing their verdict
    "Annoying?",
    "Would it be right to say the gym let you down?",
    "Lots of new members tell us they give up on classes. Does that sound like you?",
])
def test_guesses_and_presuppositions_are_leading(text):
    assert label(text) == Label.LEADING


def test_a_fragment_of_their_own_words_stays_an_echo():
    assert label("Always full?") == Label.ECHO


def test_an_excess_they_never_called_one_is_leading_in_a_caption():
    assert label("so the meeting's too long", TEAM) == Label.LEADING
    assert label("so the meeting takes over an hour now", TEAM) != Label.LEADING


def test_a_silent_e_is_the_same_word_in_a_summary():
    assert label("So the meeting got longer after the move.", TEAM) == Label.REFLECTION


@pytest.mark.parametrize("text, wanted", [
    ("In what sense?", Label.OPEN),
    ("Go on.", Label.OPEN),
    ("Sorry, go on.", Label.STATEMENT),
    ("Congrats on your daughter, by the way.", Label.STATEMENT),
])
def test_short_prompts_and_congratulations(text, wanted):
    assert label(text) == wanted


def test_would_you_go_back_if_is_hypothetical_and_go_into_is_not():
    flags = {h.flag for h in rules.analyse("Would you go back if they dropped the fees?", GYM[-1], "en", GYM).flags}
    assert Flag.HYPOTHETICAL in flags
    flags = {h.flag for h in rules.analyse("Could you go into a bit more detail?", GYM[-1], "en", GYM).flags}
    assert Flag.HYPOTHETICAL not in flags


def test_a_yes_no_question_after_a_comma_is_a_second_question():
    form = rules.analyse("um how does your partner use the app, do they look at it too", GYM[-1], "en", GYM)
    assert Flag.DOUBLE_BARRELED in {h.flag for h in form.flags}
    assert form.top[0] == Label.CLOSED


DRINK = ["I've been trying to cut down on drinking since my birthday.",
         "Weekends are the hard part, everyone I know goes to the pub.",
         "Last Saturday I stayed in and felt left out."]


def test_two_words_about_them_can_hand_over_a_feeling():
    assert label("So you're lonely.", DRINK) == Label.LEADING
    assert label("You felt left out.", DRINK) == Label.REFLECTION


def test_a_tag_on_their_own_words_asks_for_agreement():
    assert label("it's hard when your friends all drink right", DRINK) == Label.LEADING


def test_wouldnt_you_agree_is_leading():
    assert label("Four months is far too long for something like that, wouldn't you agree?",
                 ["In the end it took four months."]) == Label.LEADING


def test_dont_get_me_wrong_is_no_negative_question():
    assert label("I mean, don't get me wrong, I get why they do it.", ["They make it hard on purpose."]) \
        == Label.STATEMENT
    assert label("Doesn't the gym feel crowded?") == Label.LEADING


def test_an_offer_after_an_open_question_stays_closed_and_single():
    form = rules.analyse("What was that like for you, I mean, was it stressful?", "I called them in the end.")
    assert form.top[0] == Label.CLOSED
    assert Flag.DOUBLE_BARRELED not in {h.flag for h in form.flags}


def test_words_the_turn_says_they_mentioned_are_theirs():
    said = ["I just got fed up in the end."]
    assert label("And you mentioned the fees earlier. Were the fees the main reason?", said) == Label.CLOSED
    assert label("Were the fees the main reason?", ["I just stopped in the end."]) == Label.LEADING


def test_a_verdict_of_theirs_licenses_the_worst_part():
    assert label("What's the worst thing that happened?", ["It's been a rough year with the bank."]) == Label.OPEN
    assert label("What's the worst thing that happened?", ["I moved banks last year."]) == Label.LEADING


BANK = ["I switched banks last year.", "The old bank closed my local branch.", "Now I do everything on the app."]


def test_how_much_with_a_feeling_they_never_named_is_leading():
    assert label("How much did the branch closing upset you?", BANK) == Label.LEADING
    assert label("How much do you pay a month?", BANK) == Label.CLOSED


def test_a_verdict_taken_as_given_after_what_is():
    assert label("What's great about the app?", BANK) == Label.LEADING
    assert label("What do you like most about the new app?", BANK) == Label.OPEN
