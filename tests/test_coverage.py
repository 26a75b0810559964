"""Question banks and `personas check --coverage`: every bank question lands somewhere an author can see."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from simulator.checks import (
    BankQuestion,
    CoverageRow,
    load_question_bank,
    question_bank_path,
    run_coverage,
)
from simulator.cli import app

from .conftest import TEST_PERSONA

SECTIONS = ("background", "day", "last", "problem", "workaround", "alternative", "money", "support",
            "decision", "ease", "recommend", "clos")


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


@pytest.mark.parametrize("language,minimum", [("en", 150), ("nl", 50), ("ko", 50), ("zh", 50)])
def test_each_language_has_a_bank_of_distinct_questions_in_sections(language, minimum):
    bank = load_question_bank(language)
    texts = [q.text for q in bank]
    assert len(texts) >= minimum
    assert len(set(texts)) == len(texts), "a question is listed twice"
    assert all(q.section for q in bank) and len({q.section for q in bank}) >= 10
    assert not any(t.startswith("#") for t in texts)


def test_english_bank_covers_every_part_of_an_interview():
    sections = " ".join(q.section.lower() for q in load_question_bank("en"))
    missing = [s for s in SECTIONS if s not in sections]
    assert not missing


def test_bank_for_a_region_tag_or_unknown_language():
    assert question_bank_path("zh-Hans").name == "question_bank_zh.txt"
    assert question_bank_path("de").name == "question_bank_en.txt"  # no German bank: the English one


def test_bank_sections_come_from_comments_after_a_blank_line(tmp_path):
    bank = tmp_path / "bank.txt"
    bank.write_text("# Title\n# more about the file\nFirst?\n\n# Money\nHow much?\n  \nAnd why?\n", encoding="utf-8")
    assert load_question_bank(path=bank) == [
        BankQuestion("Title", "First?"), BankQuestion("Money", "How much?"), BankQuestion("Money", "And why?")]


def test_empty_or_missing_bank_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty.txt: the question bank has no questions"):
        load_question_bank(path=empty)
    with pytest.raises(ValueError, match="cannot read the question bank"):
        load_question_bank(path=tmp_path / "missing.txt")


def test_verdicts_sort_topic_abstention_dont_know_and_stock_reactions():
    def row(move, topic=None):
        return CoverageRow("s", "q?", "open", move, topic, "surface" if topic else None, "text")

    assert row("answer", "shifts").verdict == "topic" and row("answer", "shifts").ok
    assert row("closed", "shifts").lands == "shifts/surface (closed)"
    for move in ("clarify", "no_experience", "break_character"):
        assert row(move).verdict == move and row(move).ok
    assert row("unknown").verdict == "dont_know" and not row("unknown").ok
    assert row("hypothetical").verdict == "reaction" and not row("hypothetical").ok


def test_run_coverage_asks_each_question_on_a_fresh_interview(make_engine, test_persona):
    engine = make_engine(script={"Is it raining?": "closed"})
    questions = [BankQuestion("Work", "Tell me about your night shifts at the hospital."),
                 BankQuestion("Work", "Tell me about your night shifts at the hospital."),
                 BankQuestion("Off", "What is your favourite opera by Verdi?")]
    report = run_coverage(engine, test_persona, questions, bank="tiny")
    assert [r.question for r in report.rows] == [q.text for q in questions]
    first = report.rows[0]
    assert first.topic == "shifts" and first.verdict == "topic"
    # A fresh interview each time: the same question gets the same first answer, not the next layer.
    assert report.rows[1] == first
    # Off-topic: no topic line; an abstention counts as answered, a plain "don't know" does not.
    off = report.rows[2]
    assert off.topic is None and off.verdict in {"no_experience", "clarify", "dont_know"}
    assert off.ok == (off.verdict != "dont_know")
    assert report.answered == sum(r.ok for r in report.rows)
    assert report.rate == pytest.approx(report.answered / 3)
    data = report.to_dict()
    assert data["bank"] == "tiny" and data["questions"] == 3 and data["topics"].get("shifts", 0) >= 1
    assert sum(data["counts"].values()) == 3


def test_cli_check_coverage_prints_where_each_question_lands(runner, monkeypatch):
    monkeypatch.setenv("INTERVIEW_SIM_EMBEDDER", "hashing")
    result = runner.invoke(app, ["personas", "check", str(TEST_PERSONA), "--coverage", "--min-coverage", "0"])
    assert result.exit_code == 0, result.stdout + result.stderr
    bank = load_question_bank("en")
    assert f"[{bank[0].section}] {bank[0].text}  ->  " in result.stdout
    assert "test-persona: " in result.stdout and "answered on a topic or with a natural abstention" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_check_coverage_json_and_threshold(runner, monkeypatch):
    monkeypatch.setenv("INTERVIEW_SIM_EMBEDDER", "hashing")
    result = runner.invoke(app, ["personas", "check", str(TEST_PERSONA), "--coverage", "--json",
                                 "--min-coverage", "0"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data[0]["persona"] == "test-persona" and data[0]["questions"] == len(load_question_bank("en"))
    assert {row["verdict"] for row in data[0]["rows"]} <= {"topic", "clarify", "no_experience", "break_character",
                                                          "dont_know", "reaction"}
    # Above what a five-topic test persona answers: the check fails, and says so without a traceback.
    strict = runner.invoke(app, ["personas", "check", str(TEST_PERSONA), "--coverage", "--min-coverage", "100.1"])
    assert strict.exit_code == 1 and "FAIL test-persona" in strict.stdout


def test_cli_check_coverage_lang_filters_personas(runner, monkeypatch):
    monkeypatch.setenv("INTERVIEW_SIM_EMBEDDER", "hashing")
    result = runner.invoke(app, ["personas", "check", str(TEST_PERSONA), "--coverage", "--lang", "ko", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []


def test_cli_check_warns_about_a_single_unknown_line_without_failing(runner, monkeypatch, tmp_path):
    monkeypatch.setenv("INTERVIEW_SIM_EMBEDDER", "hashing")
    result = runner.invoke(app, ["personas", "check", str(TEST_PERSONA)])
    assert "warning: reactions -> unknown: only 1 line" in result.stdout, result.stdout
    # A second way to decline, and the warning is gone (the probes decide the exit status as before).
    text = TEST_PERSONA.read_text(encoding="utf-8").replace(
        'unknown: ["UNKNOWN I wouldn\'t know about that."]',
        'unknown: ["UNKNOWN I wouldn\'t know about that.", "UNKNOWN Not my area, sorry."]')
    two = tmp_path / "two-unknown.yaml"
    two.write_text(text, encoding="utf-8")
    again = runner.invoke(app, ["personas", "check", str(two)])
    assert "warning: reactions -> unknown" not in again.stdout and again.exit_code == result.exit_code
