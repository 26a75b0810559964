"""An interview without a single trainee turn has no score: None in the metrics, null in JSON, empty in CSV, "–" in
the Markdown and HTML exports, in the store, the command lines and on the pages."""

from __future__ import annotations

import csv
import io
import json

from app_pages import coach_common
from scoring.metrics import compute_metrics
from simulator.export import to_csv, to_html, to_json, to_markdown
from simulator.store import Store
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn
from tests.store_support import new_transcript, scripted_turn, sqlite_url  # noqa: F401
from tests.test_app_pages import app, persona_dir  # noqa: F401


def opening_only() -> Transcript:
    t = Transcript(persona_id="maria", persona_name="Maria", trainee="Ana", started_at=1_700_000_000.0,
                   insight_catalog=[{"id": "late", "finding": "Deliveries came late"}])
    t.add(Turn(speaker=PERSONA, text="Hi! I only have half an hour, so go ahead.", at=1_700_000_001.0, had_more=True))
    return t


def test_exports_show_no_score_for_an_interview_without_trainee_turns():
    t = opening_only()
    metrics = compute_metrics(t).to_dict()
    assert metrics["score"] is None

    assert json.loads(to_json(t, metrics))["metrics"]["score"] is None  # null, not 15 and not 0

    rows = list(csv.DictReader(io.StringIO(to_csv(t, metrics), newline="")))
    assert len(rows) == 1 and rows[0]["points"] == "" and rows[0]["point_reasons"] == ""
    assert "None" not in to_csv(t, metrics)

    markdown = to_markdown(t, metrics)
    assert "- **Score:** –" in markdown and "None" not in markdown and "15" not in markdown
    page = to_html(t, metrics)
    assert "<dt>Score</dt><dd>–</dd>" in page and "None" not in page


def test_exports_still_show_a_real_score():
    t = opening_only()
    t.add(Turn(speaker=TRAINEE, text="Tell me about your last order.", label="open", at=1_700_000_002.0))
    metrics = compute_metrics(t).to_dict()
    assert isinstance(metrics["score"], int)
    assert f"- **Score:** {metrics['score']}" in to_markdown(t, metrics)
    # No metrics at all (a session still running): no score line, as before.
    assert "Score" not in to_markdown(t, None)


def test_store_keeps_no_score_and_score_filters_leave_the_session_out(sqlite_url):  # noqa: F811
    with Store(sqlite_url) as store:
        empty = store.start_session("Ana", new_transcript())
        store.finish_session(empty, compute_metrics(store.load(empty)).to_dict())
        asked = store.start_session("Bea", new_transcript())
        transcript = new_transcript()
        for n in range(3):
            store.add_turn(asked, scripted_turn(transcript, n))
        store.finish_session(asked, compute_metrics(store.load(asked)).to_dict())

        assert store.metrics(empty)["score"] is None
        rows, _ = store.list_sessions()
        by_id = {r.id: r for r in rows}
        assert by_id[empty].score is None and by_id[empty].finished
        assert isinstance(by_id[asked].score, float)
        kept, _ = store.list_sessions(min_score=0.0)
        assert [r.id for r in kept] == [asked]


def test_coach_pages_show_a_dash_for_no_score():
    assert coach_common.score(None) == "–"
    assert coach_common.score(15) == "15"


def test_scoring_command_line_says_not_scored(tmp_path):
    from typer.testing import CliRunner

    import scoring.cli as scoring_cli
    import typer

    path = tmp_path / "opening.json"
    path.write_text(to_json(opening_only()), encoding="utf-8")
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    scoring_cli.register(app)
    table = CliRunner().invoke(app, ["score", str(path)])
    listed = CliRunner().invoke(app, ["score", str(path), "--json"])
    assert "Score: – (not scored: no trainee turns)" in table.output, table.output
    assert "None/100" not in table.output
    data = json.loads(listed.output)
    data = data[0] if isinstance(data, list) else data
    assert data["metrics"]["score"] is None


def test_report_page_shows_a_dash_and_no_parts_for_an_interview_without_questions(app):  # noqa: F811
    from tests.test_app_pages import start

    at = start(app())
    at.button(key="end").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Interview report"]
    score = next(m for m in at.metric if m.label == "Score")
    assert score.value == "–"
    assert not [t for t in at.table if "Points in your score" in str(t.value)]  # no parts of a score that isn't
