"""The discussion guide: read from text or Markdown, labelled like live questions, order checked against the
funnel, ticked off as the interview goes; and `interview-sim guide check`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from scoring.guide import GuideError, GuideItem, check_guide, check_order, match_asked, parse_guide, stage_of
from simulator.embeddings import HashingEmbedder
from tests.conftest import ScriptedClassifier

PITCH = "Our app books delivery slots in one tap. Would you use it?"
LEADING = "Don't you think delivery fees are too high?"
BROAD = "Tell me about your week."
PROBLEM = "What was the hardest part of your last weekly shop?"
LAST_TIME = "Walk me through the last time you ordered groceries."
CLOSING = "Is there anything I haven't asked that I should have?"

SCRIPT = {PITCH: ("closed", ["pitch", "hypothetical"]), LEADING: "leading", CLOSING: "closed"}


def classifier() -> ScriptedClassifier:
    return ScriptedClassifier(SCRIPT, default="open")


def test_guide_parse_reads_markdown_lists_headings_and_plain_lines():
    text = ("# My guide\n\nIntro\n=====\n- **Tell me about your week.**\n* [ ] Walk me through your day\n"
            "1. What was hard?\n2) `Why?`\n> Anything else?\n<!-- note to self -->\n## Wrap-up\nThanks!\n")
    items = parse_guide(text)
    assert [i.text for i in items] == ["Intro", "Tell me about your week.", "Walk me through your day",
                                       "What was hard?", "Why?", "Anything else?", "Thanks!"]
    assert [i.number for i in items] == list(range(1, 8))
    assert items[1].section == "My guide" and items[-1].section == "Wrap-up"
    assert items[3].line == 7


@pytest.mark.parametrize("text, message", [
    ("", "no questions found"),
    ("# Only a heading\n\n", "no questions found"),
    ("x" * 700, "line 1: 700 characters"),
    ("\n".join(f"Question {i}?" for i in range(101)), "more than 100 questions"),
])
def test_guide_parse_refuses_what_is_not_a_guide_with_the_fix(text, message):
    with pytest.raises(GuideError, match=message):
        parse_guide(text, source="guide.md")


def test_guide_check_labels_like_live_and_flags_the_pitch_and_the_leading_question():
    report = check_guide(f"- {PITCH}\n- {LEADING}\n- {BROAD}\n- {PROBLEM}\n", classifier())
    labels = [(i.label, i.flags, i.stage) for i in report.items]
    assert labels == [("closed", ["pitch", "hypothetical"], "solution"), ("leading", [], "closed"),
                      ("open", [], "broad"), ("open", [], "problem")]
    assert [i.number for i in report.flagged] == [1, 2]
    codes = {w.code: w for w in report.warnings}
    assert codes["solution_before_problem"].items == (1,)
    assert "before you ask about the problem (Q4)" in codes["solution_before_problem"].message
    assert codes["opens_narrow"].items == (1,)
    assert codes["broad_after_narrow"].items == (3, 2)
    json.dumps(report.to_dict())


def test_guide_order_a_funnel_gets_no_warning():
    report = check_guide("\n".join([BROAD, LAST_TIME, PROBLEM, "Did you tell anyone about it?", CLOSING]),
                         ScriptedClassifier({"Did you tell anyone about it?": "closed", CLOSING: "closed"}))
    assert [i.stage for i in report.items] == ["broad", "specific", "problem", "closed", "closing"]
    assert report.warnings == []


def test_guide_order_pitch_with_no_problem_question_at_all():
    report = check_guide(f"{BROAD}\n{PITCH}\n", classifier())
    [warning] = [w for w in report.warnings if w.code == "solution_before_problem"]
    assert "before any question about their problem" in warning.message


def test_guide_order_closing_question_not_last_and_no_open_question():
    items = [GuideItem(1, "Do you cook?", label="closed", stage="closed"),
             GuideItem(2, CLOSING, label="closed", stage="closing"),
             GuideItem(3, "Do you shop?", label="closed", stage="closed")]
    codes = [w.code for w in check_order(items)]
    assert codes == ["no_open_question", "opens_narrow", "closing_not_last"]


def test_guide_order_broad_after_closed_only_within_a_section():
    items = [GuideItem(1, "Do you cook?", section="Cooking", label="closed", stage="closed"),
             GuideItem(2, BROAD, section="Week", label="open", stage="broad")]
    assert [w.code for w in check_order(items)] == ["opens_narrow"]


def test_guide_stage_of_reads_the_flags_in_any_language():
    assert stage_of("Würden Sie das nutzen?", "closed", ["pitch"], language="nl") == "solution"
    assert stage_of("你最近一次买菜是什么时候？", "open", [], language="zh") == "broad"
    assert stage_of("What would you pay for a feature like that?", "open") == "solution"


def test_guide_ticks_off_what_was_asked_by_lemmas():
    items = parse_guide(f"{BROAD}\n{LAST_TIME}\n{PROBLEM}\n")
    asked = [(1, "So, tell me about your week"), (3, "Walk me through the last time you ordered your groceries"),
             (5, "Do you like pasta?")]
    assert match_asked(items, asked) == {1: 1, 2: 3}


def test_guide_ticks_off_by_meaning_with_an_embedder():
    items = parse_guide("How do you plan your meals?\n")
    embedder = HashingEmbedder()
    # Different words: no lemma match; the same text is the same vector, so a near-copy matches.
    assert match_asked(items, [(1, "Meals: what is your planning like?")]) == {}
    assert match_asked(items, [(1, "how do you plan your meals")], encode=embedder.encode,
                       lemma_threshold=2.0, semantic_threshold=0.8) == {1: 1}


# The command ------------------------------------------------------------------------------------


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.setenv("INTERVIEW_SIM_EMBEDDER", "hashing")
    from simulator import cli

    cli._register_subcommands()
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always keeps stderr apart
        return CliRunner()


def test_guide_check_command_prints_labels_and_order_warnings(runner, tmp_path, monkeypatch):
    from simulator import cli, practice_cli

    monkeypatch.setattr(practice_cli, "_classifier", lambda language: classifier())
    guide = tmp_path / "guide.md"
    guide.write_text(f"# Opening\n- {PITCH}\n- {LEADING}\n- {BROAD}\n# Problems\n- {PROBLEM}\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["guide", "check", str(guide), "--persona", "maria-grocery-lapsed"])
    assert result.exit_code == 0, result.stderr
    assert f"Q1   [closed +pitch,hypothetical] (solution) {PITCH}" in result.stdout
    assert f"Q2   [leading] (closed) {LEADING}" in result.stdout
    assert "order warning (solution_before_problem)" in result.stdout
    result = runner.invoke(cli.app, ["guide", "check", str(guide), "--persona", "maria-grocery-lapsed", "--json"])
    data = json.loads(result.stdout)
    assert data["persona"] == "maria-grocery-lapsed"
    assert [i["label"] for i in data["items"]] == ["closed", "leading", "open", "open"]
    assert "solution_before_problem" in [w["code"] for w in data["warnings"]]


def test_guide_check_command_on_bad_input_names_the_file(runner, tmp_path):
    from simulator import cli

    empty = tmp_path / "empty.md"
    empty.write_text("# Nothing\n", encoding="utf-8")
    binary = tmp_path / "guide.txt"
    binary.write_bytes(b"\xff\xfe\x00Q")
    for path, message in [(empty, "empty.md: no questions found"), (binary, "guide.txt: not UTF-8 text"),
                          (tmp_path / "missing.md", "missing.md: cannot read the guide")]:
        result = runner.invoke(cli.app, ["guide", "check", str(path), "--persona", "maria-grocery-lapsed"])
        assert result.exit_code == 2 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr + result.stdout


# The page ----------------------------------------------------------------------------------------

from tests.practice_support import app, persona_dir  # noqa: E402,F401  (fixtures)


def test_app_guide_pasted_flags_the_pitch_and_leading_question_and_the_order(app):
    from tests.practice_support import LEADING as APP_LEADING
    from tests.practice_support import PITCH as APP_PITCH
    from tests.practice_support import texts

    at = app()
    at.switch_page("app_pages/guide.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="guide_persona").set_value("test-persona")
    at.text_area(key="guide_text").set_value(
        f"# Opening\n- {APP_PITCH}\n- {APP_LEADING}\n- Tell me about your work schedule.\n"
        f"# Problems\n- What was the hardest part of your last delivery?\n").run()
    at.button(key="guide_check").click().run()
    assert not at.exception, at.exception
    body = texts(at)
    assert "talks about a solution or pitch before you ask about the problem (Q4)" in body
    assert "Your guide opens with talk of a solution" in body
    assert "4 questions, 2 flagged." in body
    assert "⚠ Pitch" in body and "⚠ Leading question" in body and "⚠ Hypothetical" in body
    # No name yet: the interview waits for one.
    assert at.button(key="guide_start").disabled


def test_app_guide_goes_into_the_interview_and_is_ticked_off(app):
    from tests.practice_support import WEEK, ask, name, texts

    at = name(app())
    at.switch_page("app_pages/guide.py").run()
    at.selectbox(key="guide_persona").set_value("test-persona")
    at.text_area(key="guide_text").set_value(f"{WEEK}\nWhat happened with the van?\n").run()
    at.button(key="guide_check").click().run()
    assert "The order follows the funnel" in texts(at)
    at.button(key="guide_start").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title][0] == "Interview with Tess Tester"
    sidebar = "\n".join(m.value for m in at.sidebar.markdown)
    assert "Tell me about your work schedule" in sidebar.replace("\\", "")
    assert any(e.label.startswith("Your guide · 0 of 2 asked") for e in at.sidebar.expander)
    at.switch_page("app_pages/interview.py")  # AppTest reruns the page it was last switched to
    ask(at, "So tell me about your work schedule")
    at.run()
    assert any(e.label.startswith("Your guide · 1 of 2 asked") for e in at.sidebar.expander)
    assert "asked in turn 1" in "\n".join(m.value for m in at.sidebar.markdown)
    assert at.session_state["store"].guide(at.session_state["sid"])["items"][1]["text"] == \
        "What happened with the van?"


def test_app_guide_check_of_an_empty_guide_says_what_to_write(app):
    from tests.practice_support import texts

    at = app()
    at.switch_page("app_pages/guide.py").run()
    at.button(key="guide_check").click().run()
    assert "Your guide: no questions found" in texts(at)
    assert not at.exception
