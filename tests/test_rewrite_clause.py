"""Rewrites built from the reading of the clause (auxiliary, subject, predicate): each construction asks for the
part the yes/no question or the guess offered, keeps the trainee's words and tense, and is itself open. Each test
names one mechanism and fails when it is removed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.rewrite_quality import grammar_problems, keeps_topic
from scoring.labels import Label
from scoring.rewrite import SILENCE_ALTERNATIVE, _echo_alternative, suggest_rewrites
from scoring.rules import analyse

ROOT = Path(__file__).resolve().parent.parent
DEV3 = ROOT / "tests" / "data" / "rewrite_dev3.jsonl"


def main_rewrite(text, label, flags=(), previous=None):
    out = suggest_rewrites(text, label, list(flags), previous=previous)
    assert out, f"no rewrite for {text!r}"
    return out[0]


@pytest.mark.parametrize("text, label, flags, expected", [
    # An indefinite pronoun is the part offered for a yes: ask who (embedded when the scorer reads "Who…?" as closed).
    ("Was anyone with you?", "closed", [], "Tell me about who was with you then."),
    ("Did anyone help you set it up?", "closed", [], "Tell me about who helped you set it up."),
    # "Is that why …", "Is there a reason …": what made them (or what stopped them).
    ("Is that why you switched?", "closed", [], "What made you switch?"),
    ("Is there a reason you didn't complain?", "closed", [], "What stopped you from complaining?"),
    # The question inside "do you remember / know".
    ("Can you remember what it said?", "closed", [], "What do you remember about what it said?"),
    ("Do you know how much you spend a month?", "closed", [], "Tell me about how much you spend a month."),
    # A guessed feeling: how they felt about the thing, in the guess's tense, with its subject.
    ("I bet you were glad to be rid of it.", "leading", [], "How did you feel about being rid of it?"),
    ("You probably felt let down by the school.", "leading", [], "How did you feel about the school?"),
    ("Was she okay about it?", "closed", [], "How did she feel about it?"),
    ("so you weren't happy with how they handled it", "leading", [], "How did you feel about how they handled it?"),
    # A verdict of value: what they got for it.
    ("Was it worth the money?", "closed", [], "What did you get for the money?"),
    # A catenative ("end up", "have to", "plan to"): the action inside it.
    ("did you, uh, did you end up going", "closed", [], "What did you end up doing?"),
    ("Have you had to call them out again?", "closed", [], "Tell me about the last time you called them out."),
    ("Are you planning to get another dog?", "closed", ["hypothetical"], "Tell me about the last time you got a dog."),
    # A pronoun subject keeps the pronoun (it refers back to the customer's words).
    ("Did it arrive in one piece?", "closed", [], "What happened when it arrived?"),
    ("Did that help?", "closed", [], "What difference did that make?"),
    # A guessed reason: what made them do it, without the reason handed over.
    ("and you just kind of gave up on it I guess", "leading", [], "What made you give up on it?"),
    ("I suppose it was cheaper to just buy a new one?", "leading", [], "What made you buy a new one?"),
    ("You were probably just too busy to deal with it.", "leading", [], "What got in the way of dealing with it?"),
    # A wh-question the scorer reads as closed, asked as an invitation in the same tense.
    ("Where did you stay?", "closed", [], "Tell me about where you stayed."),
    ("When was the last time you rang them?", "closed", [], "Tell me about the last time you rang them."),
    # Someone else's future plan: what they have said about it.
    ("Will your team switch over in January?", "closed", ["hypothetical"], "What has your team said about switching over?"),
    # Alternatives: how they decided.
    ("Did you book it yourself or did your partner do it?", "closed", ["double_barreled"],
     "How did you decide who would book it?"),
])
def test_clause_constructions(text, label, flags, expected):
    got = main_rewrite(text, label, flags)
    assert got == expected
    assert analyse(got).top[0] == Label.OPEN, got


def test_every_clause_rewrite_keeps_tense():
    assert main_rewrite("Was it busy when you got there?", "closed") == "What was it like when you got there?"
    assert main_rewrite("It's a lot easier now, right?", "leading") == "What is it like now?"


def test_pitch_statement_gets_a_question_about_their_current_way():
    out = suggest_rewrites("We're building an app that tracks your spending automatically.", "statement", ["pitch"],
                           previous="Money is tight at the end of the month.")
    assert out and out[0] == "How do you track your spending today?"
    assert out[-1] == SILENCE_ALTERNATIVE["en"]
    assert main_rewrite("If there was a button to split the bill, would you use that?", "closed",
                        ["hypothetical", "pitch"]) == "How do you split the bill today?"


def test_plain_reflection_and_open_question_get_none():
    assert suggest_rewrites("So the evenings are hard.", "reflection", [], previous="Evenings are hard.") == []
    assert suggest_rewrites("How did you pick the nursery?", "open", [], previous="We found a nursery.") == []


def test_two_open_questions_in_one_keep_the_first():
    assert main_rewrite("How did you pick the nursery and what do you like about it?", "open",
                        ["double_barreled"]) == "How did you pick the nursery?"


@pytest.mark.parametrize("previous, expected", [
    ("I put the wardrobe together myself.", "The wardrobe?"),
    ("My friend invited me to her wedding in Spain.", "Your friend?"),
    ("My sister keeps telling me about the meal planner app.", "The meal planner app?"),
    ("I haven't renewed the car insurance yet.", "The car insurance?"),
])
def test_echo_ends_on_the_customers_noun(previous, expected):
    assert _echo_alternative(previous) == expected


def test_checker_catches_the_new_defects():
    for bad in ("Tell me more about the first.", "Can you tell me more about your own?", "Tell me more about worth.",
                "Can you tell me more about the landlord doesn't care?",
                "Tell me about how you kind of gave up on it I guess.",
                "Tell me about the last time you kept using the planner next term."):
        assert grammar_problems(bad), bad


def _rows(half: int) -> list[dict]:
    rows = [json.loads(line) for line in DEV3.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[: len(rows) // 2] if half == 1 else rows[len(rows) // 2:]


def test_dev3_is_well_formed_and_varied():
    rows = _rows(1) + _rows(2)
    assert len(rows) >= 150 and len({r["id"] for r in rows}) == len(rows)
    assert all(r["text"] and r["previous"] and r["label"] in ("leading", "closed") for r in rows)
    assert {r["kind"] for r in rows} == {"chat", "spoken"}
    assert {"hypothetical", "double_barreled", "pitch"} <= {f for r in rows for f in r["flags"]}


def test_main_rewrite_meets_grammar_and_topic_on_the_tuning_half():
    failures = []
    rows = _rows(1)
    for row in rows:
        got = main_rewrite(row["text"], row["label"], row.get("flags", []), row.get("previous"))
        if grammar_problems(got) or not keeps_topic(got, row["text"], row.get("previous"))[0]:
            failures.append((row["text"], got))
    assert len(failures) / len(rows) <= 0.05, failures


def test_rewriting_does_not_load_the_parser():
    """Single-turn classify stays fast: a rewrite reads the clause with lemminflect's dictionary, never by loading
    spaCy in a process that has not loaded it."""
    code = ("from simulator import nlp; from scoring.rewrite import suggest_rewrites; "
            "[suggest_rewrites(t, 'closed', [], previous='I fell on the ice.') for t in "
            "('Was anyone with you?', 'Is that why you switched?', 'Can you remember what it said?')]; "
            "print(nlp._pipeline is None)")
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    env.pop("INTERVIEW_SIM_REWRITE_PARSE", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().endswith("True"), out.stdout + out.stderr


def test_past_of_a_participle_and_no_double_about():
    from scoring.rewrite import past

    assert (past("flown"), past("rang"), past("gone")) == ("flew", "rang", "went")
    assert main_rewrite("Had you flown with them before?", "closed") == "Tell me about the last time you flew with them."
    assert main_rewrite("Have you asked the school about it?", "closed") == \
        "How, if at all, have you asked the school about it?"


@pytest.mark.parametrize("text, label, flags, expected", [
    ("Who does the cooking at home?", "closed", [], "Tell me about who does the cooking at home."),
    ("Who looks after the accounts?", "closed", [], "Tell me about who looks after the accounts."),
    ("How many people work there?", "closed", [], "Tell me about the people who work there."),
    ("Didn't the shop offer to replace it?", "leading", [], "What did the shop offer?"),
    ("Didn't the hotel offer you another room?", "leading", [], "What did the hotel offer you?"),
    ("Did you walk or get the bus?", "closed", [], "How did you decide between walking and getting the bus?"),
    ("Will you go back to the same dentist?", "closed", ["hypothetical"], "What was the dentist like?"),
    ("Would you say that's normal for them?", "leading", [], "What usually happens with them?"),
    ("Was that before you moved here?", "closed", [], "What was going on for you before you moved here?"),
    ("You were probably too tired to cook.", "leading", [], "What got in the way of cooking?"),
    ("and then you sort of stopped bothering, right", "leading", [], "What made you stop?"),
])
def test_more_clause_constructions(text, label, flags, expected):
    got = main_rewrite(text, label, flags)
    assert got == expected
    assert analyse(got).top[0] == Label.OPEN, got


@pytest.mark.parametrize("text, label, flags, expected", [
    ("You're not going to renew, are you?", "leading", [], "How do you feel about renewing?"),
    ("You'd have preferred to go by train, wouldn't you?", "leading", [], "How do you feel about going by train?"),
    ("Is she still working there?", "closed", [], "What is it like for her working there?"),
    ("Did it work?", "closed", [], "How did it work out?"),
    ("Would it help if the app tracked your spending for you?", "closed", ["hypothetical", "pitch"],
     "How do you track your spending today?"),
    ("What did you think of the food? Would you go back?", "closed", ["double_barreled", "hypothetical"],
     "What did you think of the food?"),
    ("Where did you find out about it?", "closed", [], "Walk me through where you found out about it."),
])
def test_tags_catenatives_and_first_open_question(text, label, flags, expected):
    assert main_rewrite(text, label, flags) == expected


def test_a_relative_clause_is_no_echo():
    assert _echo_alternative("I'd rather pay more for shoes that last.") != "That last?"
