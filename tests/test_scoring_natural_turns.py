"""Natural interviewer turns: summaries that add a claim, guesses, presupposed feelings, spoken turns without
punctuation, echoes of earlier turns, Dutch guesses; and rewrites that keep the question's own action or thing.

Rules only (no embedding): these are the form decisions the classifier's vote starts from."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Label
from scoring.rewrite import suggest_rewrites

GYM = ("I joined the gym in January like everyone does.", "I went maybe three times a week at first.",
       "Then work got busy and I kind of stopped going.")
SCAN = ("I had to book a scan for my mum.", "The phone line was engaged for two days.",
        "In the end I drove there and booked it at the desk.")
BANK = ("I mostly use the banking app to check my balance.", "Transfers on it are a nightmare, honestly.",
        "Last month a payment to my landlord bounced.")


def label(text: str, context: tuple[str, ...], language: str = "en") -> str:
    return rules.analyse(text, context[-1], language, context=context).top[0].value


@pytest.mark.parametrize("text, expected", [
    # A summary is a reflection only when its content is theirs.
    ("So you started off going three times a week and then work got busy and you stopped.", "reflection"),
    ("So you lost interest in the gym.", "leading"),
    ("and you felt guilty about it", "leading"),
    # Guesses at their state, with or without a question mark.
    ("I'm guessing you feel like you're wasting money", "leading"),
    ("You must be run off your feet.", "leading"),
    ("That must have been really stressful.", "leading"),
    # Tags after a clause; social proof with a relative clause.
    ("You're still paying for it, right?", "leading"),
    ("Most people who join in January tell us the classes are too crowded. Did you find that?", "leading"),
    # Echoes: their clause handed back, pronouns turned.
    ("Work got busy?", "echo"),
    ("kind of stopped going", "echo"),
    # Spoken: the question inside the turn decides.
    ("so um the evenings then, I mean, how how do evenings usually go for you after work", "open"),
    ("Are you still paying for it?", "closed"),
])
def test_gym_turns(text, expected):
    assert label(text, GYM) == expected


def test_fronted_clause_and_echo_of_an_earlier_turn():
    assert label("ok and um when you got to the desk what happened", SCAN) == "open"
    assert label("two days", SCAN) == "echo"  # said two turns back
    assert label("um so you drove there in the end", SCAN) == "echo"
    assert label("so you were furious with the hospital by then", SCAN) == "leading"


def test_a_feeling_they_named_earlier_is_their_word_and_one_they_did_not_is_presupposed():
    assert label("Why are transfers such a nightmare?", BANK) == "open"  # "a nightmare" was two turns back
    assert label("What annoyed you most about the transfers?", BANK) == "leading"
    assert label("What's the biggest headache with the app?", BANK) == "leading"
    assert label("What went through your head when the payment bounced?", BANK) == "open"


def test_yes_no_with_a_noun_subject_and_too():
    assert label("Was customer service too slow?", BANK) == "leading"
    assert label("Is the app too cluttered?", BANK) == "leading"
    assert label("Was the app hard to use?", BANK) == "closed"


def test_without_context_a_free_paraphrase_stays_a_reflection():
    # With their last turn alone the summary may restate an earlier one: no claim is read into it.
    form = rules.analyse("So late payments are costing you a lot of money.", "One client paid ninety days late once.")
    assert form.top[0] == Label.REFLECTION


NL = ("Ik bestel mijn boodschappen meestal online.", "Vorige week kwam de bezorger twee uur te laat.")


@pytest.mark.parametrize("text, expected", [
    ("Je was vast teleurgesteld.", "leading"),
    ("Je zult wel boos zijn geweest.", "leading"),
    ("Dus je bent gestopt met online bestellen.", "leading"),
    ("Ergerde je je daar niet aan?", "leading"),
    ("Dus de bezorger kwam twee uur te laat.", "reflection"),
    ("Dat weet ik zeker.", "statement"),
    ("Heb je de klantenservice gebeld?", "closed"),
])
def test_dutch_guesses_and_summaries(text, expected):
    assert label(text, NL, "nl") == expected


@pytest.mark.parametrize("text, tag, flags, wanted", [
    ("when did the first box arrive", "closed", [], "What happened when the first box arrived?"),
    ("Which gym is it?", "closed", [], "Tell me about the gym."),
    ("Can you tell me how many orders you get a day?", "closed", ["faux_invitation"], "Tell me about the orders you get."),
    ("Was customer service too slow?", "leading", [], "What was customer service like for you?"),
    ("You're still paying for it, right?", "leading", [], "Tell me about the last time you paid for it."),
])
def test_rewrites_keep_the_action_or_the_thing(text, tag, flags, wanted):
    out = suggest_rewrites(text, tag, flags, previous="I said something earlier.")
    assert out and out[0] == wanted
    assert rules.analyse(out[0]).top[0] in (Label.OPEN, Label.ECHO)
    assert "you you" not in out[0].lower()
