"""Spoken, transcript-style interviewer turns: restarts with any subject, a question after a preamble or a full stop,
relative clauses that start no question, an answer offered to your own question, a caption's verdict or choice,
murmured echoes, long verbatim summaries, and caption summaries that paraphrase.

Rules only (no embedding): each test pins one mechanism and fails when it is taken out."""

from __future__ import annotations

import pytest

from scoring import rules

ROTA = ("I look after the rota for a small care home.",
        "Every Sunday night I redo the whole rota from scratch because someone always calls in sick.")
PARK = ("I drive to work most days.",
        "Most mornings I end up circling the car park by the station for twenty minutes, and it's expensive.")
HUDDLE = ("We moved the team onto Huddle last spring.",
          "Honestly the notifications drive me up the wall, I get pinged for everything.")
VET = ("Our dog Pepper has a skin thing that keeps coming back.",
       "We've been to three different vets and each one says something different.")


def form(text: str, context: tuple[str, ...]) -> rules.Form:
    return rules.analyse(text, context[-1], "en", context=context)


def label(text: str, context: tuple[str, ...]) -> str:
    return form(text, context).top[0].value


# --- Normalising the spoken turn: restarts with any subject, across a comma, after a preamble. ---

@pytest.mark.parametrize("text, expected", [
    ("would a, would an automatic check help you", "would an automatic check help you"),
    ("does she, is she practising on a real piano", "is she practising on a real piano"),
    ("can you, uh, can you walk me through a normal day", "can you walk me through a normal day"),
    ("so, with the noise, has he, has the audiologist said anything", "so, with the noise, has the audiologist said anything"),
])
def test_a_restart_keeps_only_the_question_begun_again(text, expected):
    assert rules.strip_fillers(text) == expected


def test_a_restarted_invitation_stays_open():
    assert label("can you, uh, can you walk me through a normal day with Huddle", HUDDLE) == "open"


def test_a_restart_after_a_preamble_still_asks_a_yes_no_question():
    f = form("so, um, you know, with the pings, has he, has the manager said anything about it", HUDDLE)
    assert f.top[0].value == "closed"
    assert f.questions


# --- Where the question is in a caption line. ---

def test_a_question_after_a_full_stop_in_a_caption_line_is_found():
    assert label("right. and when someone calls in sick, um, what happens with the rota", ROTA) == "open"


def test_a_name_after_an_auxiliary_makes_a_caption_question():
    f = form("is Pepper on anything for it at the moment", VET)
    assert f.questions and f.top[0].value == "closed"


def test_a_relative_who_after_a_noun_starts_no_question():
    f = form("so chasing people who pay late is the part you dislike most", VET)
    assert not f.questions


@pytest.mark.parametrize("text", ["roughly how many don't show, out of the ten", "how many don't turn up, usually"])
def test_a_negative_auxiliary_after_how_many_is_a_fact_question(text):
    assert label(text, ROTA) == "closed"


def test_a_bare_how_long_between_commas_asks_one_fact():
    assert label("so you've used it, how long, a year", PARK) == "closed"


@pytest.mark.parametrize("text", ["any other apps you use for it", "anything else you tried"])
def test_a_caption_yes_no_question_without_its_auxiliary_is_closed(text):
    assert label(text, PARK) == "closed"


def test_a_choice_in_a_caption_is_closed():
    assert label("okay and the rota, it's on paper or on the computer", ROTA) == "closed"


# --- An answer you offer: to a question for a fact it is one possibility; to a question for a cause, your reason. ---

@pytest.mark.parametrize("text", ["who put it in for you, was it the energy company",
                                  "Who put it in for you? Was it the energy company?",
                                  "okay, and how did you find the car park, was it an app or"])
def test_an_answer_offered_to_your_own_fact_question_is_closed(text):
    assert label(text, PARK) == "closed"


@pytest.mark.parametrize("text", ["What made you switch? Was it the price?", "why did you stop, was it the cost"])
def test_an_answer_offered_to_a_why_question_still_leads(text):
    assert label(text, PARK) == "leading"


def test_is_that_why_with_a_cause_of_yours_leads_and_with_their_own_words_checks():
    assert label("is that why you're looking at other tools", HUDDLE) == "leading"
    assert label("is that why you get pinged for everything", HUDDLE) != "leading"


# --- Leading forms in speech. ---

@pytest.mark.parametrize("text, context", [
    ("fifteen minutes is way too far though", ("The nearest car is a fifteen minute walk, which is fine unless it's raining.",)),
    ("it's really unfair on you though", ROTA),
    ("it's a lot isn't it for a small team", HUDDLE),
    ("the council should sort it out, shouldn't they", PARK),
    ("that must cost you a fortune", PARK),
])
def test_a_verdict_or_guess_of_yours_in_a_caption_leads(text, context):
    assert label(text, context) == "leading"


def test_would_you_say_after_a_fact_question_is_a_hedge_not_a_tag():
    assert label("how often, would you say", PARK) == "closed"
    assert label("it's the price, would you say", PARK) == "leading"


# --- Echoes and summaries. ---

def test_a_murmured_huh_after_their_words_is_an_echo():
    assert label("always calls in sick, huh", ROTA) == "echo"


def test_eight_words_of_theirs_said_back_is_a_summary_not_an_echo():
    ctx = ("The locker wouldn't open and the code had expired by the time I got there.",)
    assert label("so the locker wouldn't open and the code had expired", ctx) == "reflection"
    assert label("the code had expired?", ctx) == "echo"


@pytest.mark.parametrize("text", ["so you haven't figured out the schedule and you run it by hand",
                                  "so you went a lot when you joined and now hardly at all"])
def test_a_caption_summary_of_several_clauses_that_paraphrases_is_a_reflection(text):
    ctx = ("I joined IronWorks in January.", "Honestly I still don't get the schedule thing, so I just leave it on manual.",
           "I went loads at first but now it's maybe once a fortnight.")
    assert label(text, ctx) == "reflection"


def test_a_one_clause_summary_of_new_content_still_leads():
    ctx = ("We run three warehouses and about sixty handheld scanners.", "The batteries don't last a full shift anymore.")
    assert label("So you need new scanners.", ctx) == "leading"


# --- One fact asked with "what": a measure, a price, a guessed number. ---

@pytest.mark.parametrize("text", ["what's your budget, like, for the month", "um what was the price",
                                  "what's the longest you've waited", "what did it cost you",
                                  "so you've been, what, three years there"])
def test_a_what_question_for_one_fact_is_closed(text):
    assert label(text, PARK) == "closed"


@pytest.mark.parametrize("text", ["what's it like using it day to day", "what was the, um, the thinking behind it"])
def test_a_what_question_for_an_account_stays_open(text):
    assert label(text, PARK) == "open"


# --- A view of yours inside a yes/no question. ---

PAYFLOW = ("We switched the team to PayFlow last year.", "The invoices sometimes go out twice.")


@pytest.mark.parametrize("text", ["did you feel let down by them", "so is it mostly the price, then",
                                  "do you think they, um, they just don't care",
                                  "and presumably you've lost customers over it"])
def test_a_feeling_reason_or_verdict_of_yours_in_a_spoken_question_leads(text):
    assert label(text, PAYFLOW) == "leading"


@pytest.mark.parametrize("text", ["did you feel like you could ask them", "do you think they'll fix it this year",
                                  "is it the same invoice each time"])
def test_a_plain_yes_no_question_stays_closed(text):
    assert label(text, PAYFLOW) == "closed"


# --- Echoes robust to a murmur, a pronoun for their noun, and one plain word added. ---

INVOICES = ("We switched the team to PayFlow last year, it's been a bit of a mixed bag.",
            "The invoices sometimes go out twice.")


@pytest.mark.parametrize("text", ["PayFlow, okay", "sometimes they go out twice", "the same invoice twice",
                                  "um, twice?", "mixed bag, okay"])
def test_their_words_handed_back_with_a_murmur_a_pronoun_or_one_plain_word_are_an_echo(text):
    assert label(text, INVOICES) == "echo"


@pytest.mark.parametrize("text, expected", [
    ("too expensive twice?", "leading"),          # the added word is a verdict of yours
    ("You send the invoices yourself?", "closed"),  # a clause about them with a new verb: a check of a fact
])
def test_an_added_verdict_or_new_fact_is_not_an_echo(text, expected):
    assert label(text, INVOICES) == expected


# --- Several questions in one caption line: the last one decides, and the turn is double-barreled. ---

@pytest.mark.parametrize("text, expected", [
    ("did you tell them, what did they say", "open"),
    ("did you, um, did you call them, how did that go", "open"),
    ("what do you do when that happens, like, do you call them", "closed"),
])
def test_the_last_question_of_a_caption_line_decides(text, expected):
    f = form(text, INVOICES)
    assert f.top[0].value == expected
    assert len(f.questions) == 2
    assert "double_barreled" in {h.flag.value for h in f.flags}


def test_what_was_it_for_asks_one_fact():
    assert label("um, and, when did he last go, like what was it for", VET) == "closed"


# --- Caption artefacts: bracketed notes, speaker marks, contractions without their apostrophe. ---

@pytest.mark.parametrize("text, expected", [
    ("[inaudible] so what happened then", "so what happened then"),
    (">> INTERVIEWER: and what do you do", "and what do you do"),
    ("(laughs) okay so why did you switch", "okay so why did you switch"),
    ("whats it like, dont you think", "what's it like, don't you think"),
])
def test_caption_artefacts_are_cleaned(text, expected):
    assert rules.strip_fillers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("whats it like using it day to day", "open"),
    ("dont you think its too much", "leading"),
    ("thats pretty annoying isnt it", "leading"),
    ("so um [crosstalk] what did the clients say", "open"),
])
def test_caption_turns_without_apostrophes_are_read_like_written_ones(text, expected):
    assert label(text, INVOICES) == expected
