"""Rewrites of natural leading, closed and hypothetical turns: the main rewrite is open, keeps the question's thing
or action, drops the feeling or verdict the trainee handed over, and reads as English (checked with the project's
own rewrite checks, ``benchmarks/rewrite_quality.py``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.rewrite_quality import grammar_problems, keeps_topic
from scoring.rewrite import suggest_rewrites

DEV = Path(__file__).parent / "data" / "rewrite_dev2.jsonl"


def main_rewrite(text: str, label: str, flags=(), previous: str | None = None) -> str:
    out = suggest_rewrites(text, label, list(flags), previous=previous)
    assert out, f"no rewrite for {text!r}"
    return out[0]


@pytest.mark.parametrize("text, label, flags, expected", [
    # A guess at a feeling or verdict: ask about the thing, without the guess.
    ("I'm guessing the price put you off?", "leading", [], "What happened with the price?"),
    ("I bet that was crushing?", "leading", [], "What was that like for you?"),
    ("That must have been a nightmare, huh?", "leading", [], "What was that like for you?"),
    ("You must hate that.", "leading", [], "What is that like for you?"),
    ("I guess the app felt clunky?", "leading", [], "What was the app like for you?"),
    ("I bet your manager was annoyed?", "leading", [], "What happened with your manager?"),
    ("you must have felt so guilty about it", "leading", [], "How did you feel about it?"),
    ("Did you feel guilty cancelling the calls?", "closed", [], "How did you feel about cancelling the calls?"),
    ("I'd imagine switching was a real hassle", "leading", [], "What was switching like for you?"),
    ("It must be lonely working from home.", "leading", [], "What is it like working from home?"),
    # A summary that puts a claim in their mouth: the action, not the reason handed over.
    ("So basically you quit because it was too expensive?", "leading", [], "What made you quit?"),
    ("so, um, you moved mainly for the schools, right?", "leading", [], "What made you move?"),
    ("So you chose the cheaper supplier to save money?", "leading", [], "What made you choose the cheaper supplier?"),
    ("So basically the landlord never fixed anything?", "leading", [], "What happened with the landlord?"),
    # Invitations to agree with a long clause.
    ("Would you say the onboarding process was the hardest part of switching providers?", "leading", [],
     "What was the onboarding process like for you?"),
    ("Isn't it true that the warranty didn't cover the repair?", "leading", [], "What happened with the warranty?"),
    ("Would you agree that the meetings are mostly a waste of time?", "leading", [], "What are the meetings like for you?"),
    # The future or a hypothetical: past behaviour, without the future's time words.
    ("Will you renew your membership next year?", "closed", ["hypothetical"],
     "Tell me about the last time you renewed your membership."),
    ("Would you consider moving to a smaller flat?", "closed", ["hypothetical"],
     "Tell me about the last time you moved to a smaller flat."),
    ("Would you be willing to pay more for organic vegetables?", "closed", ["hypothetical"],
     "Tell me about the last time you paid for organic vegetables."),
    ("If the slots came back, would you order again?", "closed", ["hypothetical"], "Tell me about the last time you ordered."),
    ("Would your team adopt a shared calendar?", "closed", ["hypothetical"],
     "Tell me about the last time your team adopted a shared calendar."),
    # Yes/no questions about a thing, with the verb agreeing and the trainee's 'my' kept.
    ("Did the refund arrive on time?", "closed", [], "What happened when the refund arrived?"),
    ("Is the gym busy in the mornings?", "closed", [], "What is the gym like in the mornings?"),
    ("Did your parents like the care home?", "closed", [], "What did your parents make of the care home?"),
    ("Did my email reach you?", "closed", [], "What happened when my email reached you?"),
    ("Does your partner do the shopping?", "closed", [], "How, if at all, does your partner do the shopping?"),
    ("So your team hates the new rota?", "leading", [], "How does your team get on with the new rota?"),
])
def test_natural_turns(text, label, flags, expected):
    got = main_rewrite(text, label, flags)
    assert got == expected
    assert not grammar_problems(got), grammar_problems(got)
    assert keeps_topic(got, text)[0]


@pytest.mark.parametrize("text, label, flags", [
    ("I bet that was crushing?", "leading", []),
    ("you must have felt so guilty about it", "leading", []),
    ("That must have been a nightmare, huh?", "leading", []),
    ("So you felt guilty paying for something you didn't use?", "leading", []),
])
def test_rewrite_never_keeps_the_guessed_feeling(text, label, flags):
    got = main_rewrite(text, label, flags).lower()
    for word in ("crushing", "guilty", "nightmare"):
        assert word not in got


def test_spoken_fillers_and_false_starts_are_not_in_the_rewrite():
    for text, label, flags in [("uh, you must be, like, really tired of the forms by now", "leading", []),
                               ("would you, um, would you ever try the meal kits again", "closed", ["hypothetical"]),
                               ("so how did you, um, how did you pick the nursery and are you happy with it", "closed",
                                ["double_barreled"])]:
        got = main_rewrite(text, label, flags)
        assert not any(w in got.lower().split() for w in ("um", "uh", "like,")), got
        assert "you you" not in got.lower()


def test_double_barreled_keeps_the_open_half():
    assert main_rewrite("How did you find the app and do you use it every day?", "closed",
                        ["double_barreled"]) == "How did you find the app?"


def test_checks_catch_the_old_failures():
    for bad in ("Can you tell me more about the refund arrive?", "Tell me about the last time you movinged to a flat.",
                "Tell me about the last time the noise drove you mad came up. What did you do?",
                "How do you feel about the app felt clunky?"):
        assert grammar_problems(bad), bad
    assert not keeps_topic("Tell me about how you felt guilty about it.", "you must have felt so guilty about it")[0]
    assert not keeps_topic("Tell me about your experience with a nightmare.", "That must have been a nightmare, huh?")[0]


def test_dev_file_is_well_formed_and_varied():
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 120
    assert all(r["text"] and r["previous"] and r["label"] in ("leading", "closed") for r in rows)
    assert {r["kind"] for r in rows} == {"chat", "spoken"}
    assert len({r["id"] for r in rows}) == len(rows)


def test_main_rewrite_meets_all_three_on_the_dev_file():
    """The main rewrite for the gold label is open-shaped, on topic and grammatical on >= 95% of the dev turns."""
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    good = 0
    failures = []
    for row in rows:
        got = main_rewrite(row["text"], row["label"], row.get("flags", []), row.get("previous"))
        ok = not grammar_problems(got) and keeps_topic(got, row["text"], row.get("previous"))[0]
        good += ok
        if not ok:
            failures.append((row["text"], got))
    assert good / len(rows) >= 0.95, failures
