"""Rewrites keep the question's topic noun phrase: the phrase is read from the question (lemminflect's dictionary, no
parse), the main rewrite is checked against it last and rebuilt from it when it names none of it; a question that names
only "it" or "that" borrows the customer's own words. The turns here are not in the tuning sets."""

from __future__ import annotations

import re

import pytest

from benchmarks.rewrite_quality import grammar_problems, keeps_topic
from scoring.labels import Label
from scoring.rewrite import suggest_rewrites, topic_phrases
from scoring.rules import analyse


@pytest.mark.parametrize("question, expected", [
    # The noun phrase ends before the question's verb, its particle or a pronoun.
    ("Did the courier ring the bell?", ["the courier", "the bell"]),
    ("Did the council pay up in the end?", ["the council"]),
    ("Is that because the printer jams all the time?", ["the printer"]),
    ("So your sister handles the school forms?", ["your sister", "the school forms"]),
    ("I guess the lodger felt ignored?", ["the lodger"]),
    ("Was there anyone at the surgery you could ask?", ["the surgery"]),
    # Not the frame of a guess, a time word or the verdict handed over.
    ("So I guess the main thing is the rent, is that right?", ["the rent"]),
    ("Wasn't the second meeting a waste of everyone's time?", ["the second meeting"]),
    ("Did it rain the whole week?", []),
    # Names, with what they own; "my" and "our" come back as "your".
    ("Did Aisha's manager sign off the leave?", ["Aisha's manager", "the leave"]),
    ("Is our shared drive a mess?", ["your shared drive"]),
    # A word the dictionary only knows as a verb still names a thing after its determiner.
    ("Did the vet call you back?", ["the vet"]),
])
def test_topic_phrases(question, expected):
    assert topic_phrases(question) == expected


def _main(text: str, label: str, previous: str | None = None, flags=()) -> str:
    out = suggest_rewrites(text, label, list(flags), previous=previous)
    assert out, text
    return out[0]


@pytest.mark.parametrize("text, label, previous, head", [
    ("Wasn't the second meeting a waste of everyone's time?", "leading", "They called us in for a second meeting.",
     "meeting"),
    ("Did the council pay up in the end?", "closed", "We claimed for the pothole damage.", "council"),
    ("Is that because the printer jams all the time?", "closed", "I print most things at the library now.", "printer"),
    ("So I guess the main thing is the rent, is that right?", "leading", "We looked at flats in town.", "rent"),
    ("Okay, and was there anyone at the surgery you could ask?", "closed", "I wasn't sure about the new dose.",
     "surgery"),
    ("If the classes were cheaper, would you book them every week?", "closed", "I went to two yoga classes.",
     "classes"),
])
def test_main_rewrite_names_the_topic_and_reads_well(text, label, previous, head):
    rewrite = _main(text, label, previous)
    assert head in rewrite.lower(), rewrite
    assert grammar_problems(rewrite) == [], rewrite
    assert analyse(rewrite).top[0] in (Label.OPEN, Label.ECHO), rewrite
    assert keeps_topic(rewrite, text, previous)[0], rewrite


def test_a_reason_that_is_a_clause_asks_about_its_subject_not_the_clause():
    rewrite = _main("Was that because the coach left?", "leading", "I stopped going to the Thursday club.")
    assert rewrite == "What was going on with the coach?"


def test_the_question_s_own_action_keeps_a_rewrite_without_its_nouns():
    # "How did you decide who would book it?"-style rewrites ask about the action; they are not rebuilt.
    rewrite = _main("So you moved mostly for the garden, right?", "leading", "We left the city last year.")
    assert rewrite == "What made you move?"


def test_a_pronoun_question_borrows_the_customer_s_thing():
    rewrite = _main("Can you not just do that?", "closed", "I usually post the forms to the tax office.")
    assert "forms" in rewrite.lower() or "that" in rewrite.lower()
    assert _main("Would that suit you?", "closed", "We could move the team meetings to Thursdays.") == \
        "Tell me more about the team meetings."


def test_extraposed_it_asks_what_the_thing_is_like():
    rewrite = _main("Isn't it annoying having to reset the password every month?", "leading",
                    "I have to reset the password for the portal.")
    assert rewrite.startswith("What is it like having to reset the password"), rewrite


def test_a_rising_summary_with_a_claim_of_the_interviewer_s_gets_a_rewrite():
    # Scored as a reflection, it still hands over a claim the customer never made.
    from scoring.rewrite import _adds_a_claim

    assert _adds_a_claim("Right, and so Omar, he didn't like the night shifts either?", "Omar moved to days in May.")
    assert not _adds_a_claim("So you moved to days in May?", "I moved to days in May.")
    assert not _adds_a_claim("So you moved to days in May.", "I moved to days in May.")
    assert suggest_rewrites("So you're happy with the new laptop overall?", "reflection",
                            previous="I got a new laptop from work.")


@pytest.mark.parametrize("text", [
    "Walk me through the last time you rang.",  # "rang" read as a present by the tagger
    "What was it like when you set off?",  # "set": past and present alike
])
def test_judge_reads_past_forms_the_tagger_mislabels(text):
    assert grammar_problems(text) == []


def test_judge_still_catches_tense_clashes():
    assert grammar_problems("Tell me about the last time you come across something like this.")
    assert grammar_problems("How do you feel when the van was late?")


def test_judge_does_not_take_a_lot_for_a_topic():
    assert keeps_topic("Tell me about the last time that happened.", "Does that happen a lot?", "The van came late.")[0]
    assert not keeps_topic("Tell me about the last time that happened.", "Does the van come late a lot?",
                           "The van came late.")[0]


@pytest.mark.parametrize("text, label, expected", [
    ("Do you find the new rota app confusing?", "closed", "How do you find the new rota app?"),
    ("So your dad finds the hearing test stressful?", "leading", "How does your dad find the hearing test?"),
    ("So you found the claim forms a bit daunting?", "leading", "How did you find the claim forms?"),
])
def test_find_questions_keep_the_thing_and_drop_the_verdict(text, label, expected):
    assert _main(text, label, "We talked about it last week.") == expected


@pytest.mark.parametrize("text", [
    "Is the rota something you check every morning?",  # not "…about the rota something you check…"
    "Was the pharmacist clear about the dose?",  # not "What was the pharmacist clear like?"
])
def test_no_words_of_the_question_left_after_the_topic(text):
    rewrite = _main(text, "closed", "I picked up the new prescription.")
    assert grammar_problems(rewrite) == [], rewrite
    assert not rewrite.lower().rstrip("?.").endswith(("something you check every morning", "clear like"))
    assert not re.search(r"\b(?:something|clear)\b", rewrite), rewrite


def test_a_pitch_about_how_a_thing_arrives_does_not_make_the_customer_the_subject():
    rewrite = _main("Would it help if the statements came as spreadsheets?", "leading",
                    "I retype the numbers from the bank letters.", flags=("pitch", "hypothetical"))
    assert not rewrite.startswith("How do you come"), rewrite
    assert grammar_problems(rewrite) == [], rewrite


@pytest.mark.parametrize("text, previous, flags, head", [
    # A counterfactual about "that": the customer's own thing, not "the last time a difference came up".
    ("Would that have made a difference?", "Nobody told us about the council grant.", ("hypothetical",), "grant"),
    # "when that changed anything" reads badly: asked again, what (if anything) it changed.
    ("Um, yeah, did that, like, change anything for you?", "They moved the team meetings online.", (),
     "what, if anything, did that change"),
    # A verdict on "it" with an action in it: the customer's thing, not a "What was that like?" with no topic.
    ("You'd agree it was badly organised?", "The fair had one entrance for ten thousand people.", (), "fair"),
])
def test_questions_about_that_use_the_customer_s_thing(text, previous, flags, head):
    rewrite = _main(text, "closed" if "agree" not in text else "leading", previous, flags)
    assert head in rewrite.lower(), rewrite
    assert grammar_problems(rewrite) == [], rewrite


def test_an_adjective_is_not_made_into_a_topic():
    assert _main("Is that normal for you?", "closed", "I only sleep about five hours.") != \
        "Tell me more about the normal."


def test_the_frame_of_a_guess_is_not_its_topic():
    # Neither the guess's frame ("the main reason") nor its guess ("the commute", which only the interviewer said):
    # the leaving the customer told of, asked about.
    rewrite = _main("So the main reason you left was the commute?", "leading", "I left the firm after a year.")
    assert "main reason" not in rewrite and "commute" not in rewrite and "left the firm" in rewrite, rewrite


@pytest.mark.parametrize("text, head", [
    ("The gate's locked at night, right?", "gate"),  # 's is "is": the gate, not "the gate's"
    ("So the canteen's closed on Mondays?", "canteen"),
])
def test_an_s_that_means_is_ends_the_topic(text, head):
    assert topic_phrases(text) == [f"the {head}"]
    rewrite = _main(text, "leading", "I work at the depot.")
    assert head in rewrite and "'s" not in rewrite and grammar_problems(rewrite) == [], rewrite


def test_no_was_you():
    rewrite = _main("How annoyed were you?", "leading", "They lost my suitcase in Rome.")
    assert not re.search(r"\bwas you\b", rewrite), rewrite
    assert grammar_problems(rewrite) == [], rewrite


def test_judge_does_not_read_how_you_did_it_as_an_inverted_question():
    assert grammar_problems("Tell me about how you did it online.") == []
    assert grammar_problems("Can you tell me about what did you do next?")
