"""A caption that runs a closed question on after an open one is labelled by the question they will answer: the last.
Where the first question ends in its object, the parse of the whole reads that object as the subject of the second
("how did you book it was it through the app": "it was"), so the split is found on the first question parsed alone."""

import pytest

from scoring import rules
from simulator import nlp

pytestmark = pytest.mark.skipif(not nlp.available(), reason="needs the English pipeline")


@pytest.mark.parametrize("text, asked", [
    ("how did you find out about it was it the instagram ad", "was it the instagram ad"),
    ("how did you book it um was it through a website or direct with the farm",
     "was it through a website or direct with the farm"),
    ("how did you choose the company in the first place like did someone recommend them", "did someone recommend them"),
    ("what happened to the order did it arrive", "did it arrive"),
])
def test_the_second_question_after_an_object_is_what_is_asked(text, asked):
    form = rules.analyse(text, "It was fine.")
    assert form.focus == asked
    assert any(c.label.value == "closed" for c in form.cues)


@pytest.mark.parametrize("text", [
    # "you do it": a subject before its verb, no second question
    "how do you feel about the way you do it now and would you change anything",
    "what do you think the problem was",
])
def test_a_statement_inside_the_question_is_no_second_question(text):
    form = rules.analyse(text, "It was fine.")
    assert form.focus.startswith(text.split()[0])


# A yes/no question with its "are you" left out --------------------------------------------------------------------

_SAID = ["That Friday night I typed three paragraphs into the app chat, and at the moment it's all good again."]


@pytest.mark.parametrize("text", [
    "Watching anything good on telly at the moment?",
    "Enjoying the new job?",
    "Thinking of switching?",
])
def test_a_participle_question_is_a_yes_no_question_whatever_it_shares_with_what_they_said(text):
    form = rules.analyse(text, "Can't remember exactly, honestly.", context=_SAID)
    assert any(c.label.value == "closed" for c in form.cues)
    assert not any(c.label.value == "reflection" for c in form.cues)


def test_a_participle_that_is_the_subject_is_no_left_out_are_you():
    assert not rules._elliptic_progressive("shopping online is easier for you?")
    assert rules._elliptic_progressive("watching anything good on telly at the moment?")


# The benefit of the thing just described, offered for a yes ---------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Would that have saved you last Saturday?",
    "would something like that take the pressure off you",
    "Would that have made a difference?",
    "Would that make your life easier?",
])
def test_a_would_question_offering_the_benefit_of_that_is_leading(text):
    form = rules.analyse(text, "The van came at ten and half the order was missing.")
    assert any(c.label.value == "leading" for c in form.cues) or "pitch" in {f.flag.value for f in form.flags}


def test_a_counterfactual_about_her_own_feelings_is_no_offer():
    form = rules.analyse("Would that have changed how you felt?", "The van came at ten and half the order was missing.")
    assert "pitch" not in {f.flag.value for f in form.flags}


# A request to tell after a clause of time or condition ---------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Before we get into that, tell me a bit about your week.",
    "Two and a half years, my screen says. Before we get into that, tell me a bit about your week, work and that.",
    "If you've got a minute, walk me through what happened.",
    "First of all, describe a normal Monday for me.",
])
def test_a_request_after_a_fronted_clause_is_an_invitation(text):
    form = rules.analyse(text, "I've been ordering for about two and a half years now.")
    assert any(c.name == "invitation" for c in form.cues)
    assert not any(c.label.value == "reflection" for c in form.cues)


def test_a_statement_after_a_fronted_clause_is_no_invitation():
    form = rules.analyse("If you think about it, you said it was fine.", "It was fine.")
    assert not any(c.name == "invitation" for c in form.cues)
