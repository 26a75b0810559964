"""Drills from your own mistakes: collected from the trainee's sessions (or the team bank), graded at once,
progress as streaks and a share of good rewrites per day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scoring.drills import (
    BANK,
    DrillItem,
    collect_drills,
    daily_share,
    grade_attempt,
    keeps_topic,
    load_bank,
    streaks,
)
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn
from tests.conftest import ScriptedClassifier
from tests.practice_support import app, persona_dir  # noqa: F401  (fixtures)

LEADING = "Don't you think the delivery fee is too high?"
GOOD = "How do you feel about the delivery fee?"


def _transcript(turns: list[tuple[str, str, str | None, list[str]]], persona: str = "maria") -> Transcript:
    t = Transcript(persona_id=persona, persona_name="Maria Lindqvist")
    t.add(Turn(speaker=PERSONA, text="Hi!"))
    for at, (speaker, text, label, flags) in enumerate(turns, start=1):
        t.add(Turn(speaker=speaker, text=text, label=label, flags=flags, at=1000.0 + at, rewrite=f"better {at}"))
    return t


def test_drills_collect_leading_closed_and_hypothetical_questions_newest_first():
    old = _transcript([(TRAINEE, "Do you cook?", "closed", []), (PERSONA, "Sometimes.", None, []),
                       (TRAINEE, "Tell me about dinner.", "open", []), (PERSONA, "Well…", None, []),
                       (TRAINEE, "", "silence", [])])
    new = _transcript([(TRAINEE, LEADING, "leading", []), (PERSONA, "I guess.", None, []),
                       (TRAINEE, "Would you use a planner?", "open", ["hypothetical"]),
                       (PERSONA, "Maybe.", None, []),
                       (TRAINEE, "do you cook ?", "closed", [])])
    for turn in new.turns:
        turn.at += 100
    items = collect_drills([("s-old", old), ("s-new", new)])
    assert [(i.text, i.mistake) for i in items] == [
        ("do you cook ?", "closed"), ("Would you use a planner?", "hypothetical"), (LEADING, "leading")]
    first = items[-1]
    assert first.session_id == "s-new" and first.turn_index == 1 and first.previous == "Hi!"
    assert first.rewrite == "better 1" and first.persona == "Maria Lindqvist" and first.source == "own"


def test_drills_bank_ships_only_mistakes_and_bad_banks_say_which_line(tmp_path):
    bank = load_bank()
    assert len(bank) >= 10 and all(i.source == "bank" and i.rewrite for i in bank)
    assert {i.mistake for i in bank} >= {"leading", "closed", "hypothetical"}
    assert BANK.name == "drill_bank.jsonl"
    bad = tmp_path / "bank.jsonl"
    bad.write_text('{"text": "Tell me about it.", "label": "open"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bank.jsonl, line 1: label 'open' .* is not a mistake to drill"):
        load_bank(bad)
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"line 1: not JSON"):
        load_bank(bad)


def test_drills_grade_open_on_topic_neutral_is_good():
    item = DrillItem(id="x", text=LEADING, label="leading", rewrite=GOOD)
    grade = grade_attempt(item, GOOD, ScriptedClassifier())
    assert grade.good and all(grade.checks.values())
    assert grade.shared == ["delivery", "fee"] and grade.hint == GOOD


@pytest.mark.parametrize("attempt, label, flags, failed", [
    ("Is the delivery fee too high?", "closed", [], ["open"]),
    ("The delivery fee is too high, right?", "leading", [], ["open", "not_leading"]),
    ("Would you pay a lower delivery fee?", "closed", ["hypothetical"], ["open", "no_hypothetical"]),
    ("Tell me about your week.", "open", [], ["keeps_topic"]),
])
def test_drills_grade_names_each_failed_check(attempt, label, flags, failed):
    item = DrillItem(id="x", text=LEADING, label="leading", rewrite=GOOD)
    grade = grade_attempt(item, attempt, ScriptedClassifier({attempt: (label, flags)}))
    assert not grade.good
    assert sorted(k for k, ok in grade.checks.items() if not ok) == sorted(failed)
    assert grade.feedback and grade.hint == GOOD


def test_drills_grade_hint_from_the_scorer_when_the_item_has_none():
    class Rewriting(ScriptedClassifier):
        def classify(self, text, previous=None):
            from dataclasses import replace

            return replace(super().classify(text, previous), rewrite="scorer's rewrite")

    item = DrillItem(id="x", text=LEADING, label="leading")
    assert grade_attempt(item, GOOD, Rewriting()).hint == "scorer's rewrite"
    with pytest.raises(ValueError, match="write your better version"):
        grade_attempt(item, "  ", Rewriting())
    with pytest.raises(ValueError, match="at most 1000"):
        grade_attempt(item, "x" * 1001, Rewriting())


def test_drills_keeps_topic_in_other_languages():
    assert keeps_topic("배달비가 너무 비싸지 않아요?", "배달비에 대해 어떻게 생각하세요?", "ko")[0]
    assert keeps_topic("你不觉得配送费太贵了吗？", "说说你对配送费的看法。", "zh")[0]
    assert keeps_topic("Vind je de bezorgkosten niet te hoog?", "Hoe kijk je aan tegen de bezorgkosten?", "nl")[0]
    assert not keeps_topic("Vind je de bezorgkosten niet te hoog?", "Vertel over je week.", "nl")[0]
    assert keeps_topic("Is that right?", "What happened?") == (True, [])


def _at(day: int, hour: int = 12) -> float:
    return datetime(2026, 3, day, hour).timestamp()


def test_drills_streaks_and_daily_share():
    attempts = [{"at": _at(1), "good": False}, {"at": _at(1, 13), "good": True},
                {"at": _at(2), "good": True}, {"at": _at(3), "good": False}, {"at": _at(3, 14), "good": True},
                {"at": _at(3, 15), "good": True}]
    assert streaks(attempts, today=date(2026, 3, 3)) == {"current": 2, "best": 2, "days": 3, "attempts": 6,
                                                         "good": 4}
    # Yesterday's good day still counts until today is over; a gap ends the run.
    assert streaks(attempts, today=date(2026, 3, 4))["days"] == 3
    assert streaks(attempts, today=date(2026, 3, 5))["days"] == 0
    assert daily_share(attempts) == [
        {"day": "2026-03-01", "attempts": 2, "good": 1, "share": 0.5},
        {"day": "2026-03-02", "attempts": 1, "good": 1, "share": 1.0},
        {"day": "2026-03-03", "attempts": 3, "good": 2, "share": 2 / 3},
    ]
    assert streaks([]) == {"current": 0, "best": 0, "days": 0, "attempts": 0, "good": 0}


# The page ----------------------------------------------------------------------------------------


def test_app_drills_from_own_flagged_questions_graded_at_once(app):
    from tests.practice_support import CLOSED, LEADING as APP_LEADING, ask, start, texts

    at = start(app())
    ask(at, APP_LEADING)
    ask(at, CLOSED)
    at.button(key="end").click().run()
    at.switch_page("app_pages/drills.py").run()
    assert not at.exception, at.exception
    body = texts(at)
    assert "2 questions to ask better" in [s.value for s in at.subheader]
    assert CLOSED in body and APP_LEADING in body
    assert "You asked this in your interview with Tess Tester, turn 3" in body
    # The newest first: the closed question. An open, on-topic rewrite is graded good at once.
    at.text_input(key="drill-answer-0").set_value("What do you cook for the kids on weeknights?")
    at.button(key="FormSubmitter:drill-form-0-Check").click().run()
    assert not at.exception, at.exception
    body = texts(at)
    assert "Better: “What do you cook for the kids on weeknights?”" in body
    assert "✓ Keeps the topic (cook)" in body
    assert at.metric[0].value == "1"  # good rewrites in a row
    attempts = at.session_state["store"].drill_attempts("Ana")
    assert [(a["good"], a["source"], a["turn_index"]) for a in attempts] == [(True, "own", 3)]
    # A rewrite that leaves the topic is not: the hint appears after the try.
    at.text_input(key="drill-answer-1").set_value("Tell me about your week.")
    at.button(key="FormSubmitter:drill-form-1-Check").click().run()
    body = texts(at)
    assert "Not yet: “Tell me about your week.”" in body
    assert "✗ Keeps the topic" in body
    assert at.metric[0].value == "0"


def test_app_drills_from_the_team_bank_without_history(app):
    from tests.practice_support import name, texts

    at = name(app())
    at.switch_page("app_pages/drills.py").run()
    assert not at.exception, at.exception
    assert "come from the team's question bank" in texts(at)
    bank = load_bank()
    assert bank[0].text in texts(at)
    at.text_input(key="drill-answer-0").set_value(bank[0].rewrite)
    at.button(key="FormSubmitter:drill-form-0-Check").click().run()
    assert "Better:" in texts(at)
    assert at.session_state["store"].drill_attempts("Ana")[0]["source"] == "bank"


def test_app_drills_without_a_name_asks_for_one(app):
    from tests.practice_support import texts

    at = app()
    at.switch_page("app_pages/drills.py").run()
    assert not at.exception
    assert "Enter your name to drill the questions from your interviews." in texts(at)
