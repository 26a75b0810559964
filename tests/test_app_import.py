"""The "Score a transcript" page: upload or paste, preview, score, save, download — and bad input as messages.

AppTests with fakes (hashing embedder, scripted classifier, MemoryStore or a SQLite Store), plus the page's
non-UI helpers in app_pages/import_support.py called directly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import import_support as support
from app_pages.persistence import MemoryStore
from scoring.labels import Classification, Flag, Label
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.transcript import PERSONA, TRAINEE

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
PAGE = "app_pages/import_transcript.py"
FIXTURES = Path(__file__).parent / "fixtures" / "import"
TIMEOUT = 20

DANA, MARCUS = "Dana Whitfield", "Marcus Lee"
LEADING = "Wouldn't it be easier if the app pulled the hours straight from your crew's phones?"
REFLECTION = "That sounds stressful."
# zoom.vtt: interviewer turns that waited >= 3 s (turn index, seconds).
SILENCES = {6: 3.8, 8: 5.4, 14: 3.5, 18: 3.0}


class ImportClassifier:
    """Scripted verdicts by text: a leading question with a rewrite, a reflection, the rest open."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def classify(self, text: str, previous: str | None = None) -> Classification:
        self.seen.append(text)
        if text == LEADING:
            return Classification(label=Label.LEADING, confidence=0.9, reason="It suggests the answer you expect.",
                                  flags=(Flag.HYPOTHETICAL,),
                                  flag_reasons={"hypothetical": "It asks about an imagined future."},
                                  rewrite="How do the hours get from your crew to you today?")
        if text == REFLECTION:
            return Classification(label=Label.REFLECTION, confidence=0.9, reason="It names what they felt.")
        if text.rstrip().endswith("?"):
            return Classification(label=Label.OPEN, confidence=0.9, reason="It invites a story.")
        return Classification(label=Label.STATEMENT, confidence=0.9, reason="No question in it.")

    def classify_many(self, pairs):
        return [self.classify(item[0], item[1]) for item in pairs]  # (text, previous[, context])


def plain(markdown: str) -> str:
    """Markdown as read on screen: escapes and word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def texts(at: AppTest) -> str:
    return plain("\n".join(
        [m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption]
        + [a.value for kind in ("info", "warning", "error", "success") for a in getattr(at, kind)]
    ))


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def page():
    """The import page with the fakes injected; ``page(store)`` opens it."""

    def make(store=None, trainee: str | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state["engine"] = Engine(embedder=HashingEmbedder(), classifier=ImportClassifier())
        at.session_state["store"] = store if store is not None else MemoryStore()
        if trainee:
            at.session_state["trainee"] = trainee
        at.run()
        at.switch_page(PAGE).run()
        assert not at.exception
        return at

    return make


def upload(at: AppTest, name: str, data: bytes | None = None) -> AppTest:
    at.file_uploader(key="import_file").set_value((name, fixture(name) if data is None else data, "text/plain")).run()
    assert not at.exception, at.exception
    return at


def paste(at: AppTest, text: str) -> AppTest:
    at.radio(key="import_source").set_value("Paste the text").run()
    at.text_area(key="import_paste").set_value(text).run()
    assert not at.exception, at.exception
    return at


def interviewer_select(at: AppTest):
    return next(s for s in at.selectbox if s.label == "Interviewer")


def score(at: AppTest) -> AppTest:
    at.button(key="import_score").click().run()
    assert not at.exception, at.exception
    return at


def table(at: AppTest, index: int) -> list[dict]:
    return [{k: plain(v) if isinstance(v, str) else v for k, v in row.items()}
            for row in at.table[index].value.to_dict("records")]


def turn_bubbles(at: AppTest) -> list[tuple[str, str, list[str]]]:
    """(chat role, the turn's words, its badges) for every turn shown."""
    out = []
    for bubble in at.chat_message:
        badges = [m.value for m in bubble.markdown if "-badge[" in m.value]
        out.append((bubble.name, bubble.text[0].value, badges))
    return out


# The flow -----------------------------------------------------------------------------------------------------

def test_app_import_preview_lists_speakers_and_guesses_the_interviewer(page):
    at = upload(page(), "zoom.vtt")
    assert not at.error
    speakers = table(at, 0)
    assert [(r["Speaker"], r["Role"], r["Turns"]) for r in speakers] == [
        (DANA, "Interviewer", 11), (MARCUS, "Interviewee", 10)]
    assert speakers[1]["Words"] > speakers[0]["Words"]
    select = interviewer_select(at)
    assert select.options == [DANA, MARCUS] and select.value == DANA
    body = texts(at)
    assert "Guessed: the speaker who asks the most questions" in body
    assert "Read as WebVTT" in body and "21 turns" in body
    first = table(at, 1)
    assert [r["Speaker"] for r in first] == [DANA, MARCUS, DANA, MARCUS, DANA, MARCUS]
    assert first[0]["Said"].startswith("Hi Marcus, thanks for making time today.")
    assert at.number_input(key="import_silence").value == 3.0
    # Nothing is scored before the trainee confirms.
    assert not at.chat_message and at.button(key="import_score")


def test_app_import_scoring_shows_labels_coaching_silences_and_metrics(page):
    at = score(upload(page(), "zoom.vtt"))
    assert not [b for b in at.button if b.key == "import_score"]  # scored: the button has gone
    bubbles = turn_bubbles(at)
    assert len(bubbles) == 21
    # The interviewer's turns are the "user" bubbles, with badges; Marcus's have none.
    assert [role for role, _, _ in bubbles] == ["user", "assistant"] * 10 + ["user"]
    assert all(badges for role, _, badges in bubbles if role == "user")
    assert not any(badges for role, _, badges in bubbles if role == "assistant")
    leading = next(b for b in bubbles if b[1] == LEADING)
    assert any("Leading question" in b for b in leading[2]) and any("Hypothetical" in b for b in leading[2])
    body = texts(at)
    assert "It suggests the answer you expect." in body
    assert "Try instead:** “How do the hours get from your crew to you today?”" in body
    for seconds in SILENCES.values():
        assert f"Waited {seconds:.1f} s before speaking: a silence." in body
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Silences"] == "4"
    assert int(metrics["Score"]) == at.session_state["import_scored"][next(iter(at.session_state["import_scored"]))].metrics["score"]
    assert re.fullmatch(r"\d+%", metrics["Talk share"])
    assert any("Reflection × 1" in m.value for m in at.markdown)
    # A rerun keeps the scores: no second click, no second parse.
    uploads = at.session_state["import_uploads"]
    at.run()
    assert len(turn_bubbles(at)) == 21
    assert at.session_state["import_uploads"] == uploads and len(uploads) == 1


def test_app_import_changing_the_interviewer_changes_which_turns_are_labelled(page):
    at = upload(page(), "zoom.vtt")
    interviewer_select(at).set_value(MARCUS).run()
    assert [r["Role"] for r in table(at, 0)] == ["Interviewee", "Interviewer"]
    assert "Interviewee: Dana Whitfield." in texts(at)
    score(at)
    engine = at.session_state["engine"]
    assert LEADING not in engine.classifier.seen  # Dana's turns are no longer classified
    bubbles = turn_bubbles(at)
    marcus_turns = [text for role, text, _ in bubbles if role == "user"]
    assert len(marcus_turns) == 10 and marcus_turns[0] == "Sure, happy to help."
    assert all(badges for role, _, badges in bubbles if role == "user")
    # Back to Dana: the page asks to score again rather than showing Marcus's labels.
    interviewer_select(at).set_value(DANA).run()
    assert not at.chat_message
    assert "score again" in texts(at)
    score(at)
    assert [text for role, text, _ in turn_bubbles(at) if role == "user"][0].startswith("Hi Marcus")


def test_app_import_several_interviewees(page):
    at = upload(page(), "meet.vtt")
    assert interviewer_select(at).value == "Sam Ortiz"
    assert "Interviewees: Lena Fischer, Jonas Fischer." in texts(at)
    score(at)
    roles = {text: role for role, text, _ in turn_bubbles(at)}
    assert set(roles.values()) == {"user", "assistant"}


def test_app_import_save_round_trips_through_the_sql_store(page, tmp_path):
    from simulator.store import Store

    store = Store(f"sqlite:///{tmp_path / 'import.db'}")
    at = score(upload(page(store), "zoom.vtt"))
    # No trainee name in the app: the interviewer's name is the default.
    assert at.text_input(key=next(k for k in at.session_state if str(k).startswith("import_save_name_"))).value == DANA
    scored = next(iter(at.session_state["import_scored"].values()))
    at.button(key="import_save").click().run()
    assert not at.exception and not at.error
    rows, total = store.list_sessions(source="imported")
    assert total == 1
    row = rows[0]
    assert (row.trainee, row.source, row.turns, row.finished) == (DANA, "imported", 21, True)
    assert row.score == scored.metrics["score"]
    assert store.metrics(row.id) == json.loads(json.dumps(scored.metrics))
    assert row.id in texts(at) and at.success
    loaded = store.load(row.id, trainee=DANA)
    assert loaded.source == "imported"
    assert [(t.speaker, t.name, t.text, t.label, t.start, t.end) for t in loaded.turns] == [
        (t.speaker, t.name, t.text, t.label, t.start, t.end) for t in scored.transcript.turns]
    assert {t.index: t.patience for t in loaded.turns if t.index in SILENCES} == SILENCES
    assert next(t for t in loaded.turns if t.text == LEADING).rewrite.startswith("How do the hours")
    # Coaches can filter it by score like any finished session.
    assert store.list_sessions(source="imported", min_score=row.score)[1] == 1
    # Saving again is not offered: the page says it is saved, and a rerun adds nothing.
    assert not [b for b in at.button if b.key == "import_save"]
    at.run()
    assert store.list_sessions(source="imported")[1] == 1
    assert store.list_sessions(source="practice")[1] == 0


def test_app_import_save_uses_the_trainee_name_and_warns_before_a_second_copy(page):
    store = MemoryStore()
    at = score(upload(page(store, trainee="Ana"), "zoom.vtt"))
    name_key = next(k for k in at.session_state if str(k).startswith("import_save_name_"))
    assert at.text_input(key=name_key).value == "Ana"
    at.text_input(key=name_key).set_value("   ").run()
    at.button(key="import_save").click().run()
    assert "Give the name to save this interview under." in texts(at)
    at.text_input(key=name_key).set_value("Ana").run()
    at.button(key="import_save").click().run()
    assert not at.exception
    [saved] = at.session_state["import_saves"].values()
    sid = saved[0]["sid"]
    transcript = store.load(sid, trainee="Ana")
    assert transcript.source == "imported" and transcript.ended_at is not None
    assert len(transcript.turns) == 21
    assert store._sessions[sid].metrics["score"] == next(iter(at.session_state["import_scored"].values())).metrics["score"]
    # The same recording scored with another interviewer: saving again is possible, but said first.
    interviewer_select(at).set_value(MARCUS).run()
    score(at)
    assert f"already saved as session {sid}" in texts(at)
    assert at.button(key="import_save").label == "Save as another session"
    at.button(key="import_save").click().run()
    assert len(store._sessions) == 2


def test_app_import_save_failure_is_a_message_and_can_be_retried(page):
    class FlakyStore(MemoryStore):
        fail = True

        def finish_session(self, session_id, metrics=None):
            if self.fail:
                raise ConnectionError("database is down")
            super().finish_session(session_id, metrics)

    store = FlakyStore()
    at = score(upload(page(store), "zoom.vtt"))
    at.button(key="import_save").click().run()
    assert not at.exception
    assert "Saving failed (ConnectionError: database is down)" in texts(at)
    store.fail = False
    assert at.button(key="import_save").label == "Finish saving"
    at.button(key="import_save").click().run()
    assert len(store._sessions) == 1  # the retry finished the same session
    assert next(iter(store._sessions.values())).metrics is not None
    assert at.success


def test_app_import_classifier_failure_is_a_message(page):
    class Broken:
        def classify(self, text, previous=None):
            raise RuntimeError("model file is corrupt")

    at = upload(page(), "zoom.vtt")
    at.session_state["engine"].classifier = Broken()
    at.button(key="import_score").click().run()
    assert not at.exception
    assert "Scoring failed (RuntimeError: model file is corrupt)" in texts(at)
    assert not at.chat_message and at.button(key="import_score")


# Bad input ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, expected", [
    ("empty.vtt", None, "no speech found"),
    ("nothing.vtt", b"", "the file is empty"),
    ("one_speaker.vtt", None, "only one speaker found"),
    ("recording.vtt", bytes(range(256)) * 64, "this is not a text file"),
    ("notes.txt", b"just some words without any speaker names\nand another line\n", "no speaker names found"),
    ("broken.json", b'{"turns": [', "broken.json"),
])
def test_app_import_bad_input_is_a_message_not_a_traceback(page, name, data, expected):
    at = upload(page(), name, data)
    assert not at.exception
    assert len(at.error) == 1
    assert expected in plain(at.error[0].value)
    assert not at.table and not at.chat_message


def test_app_import_utf16_file_with_accents(page):
    at = upload(page(), "utf16.vtt")
    assert not at.error
    assert [r["Speaker"] for r in table(at, 0)] == ["José Álvarez", "Zoë Müller"]
    assert "(utf-16-le)" in texts(at)
    score(at)
    assert turn_bubbles(at)


def test_app_import_warnings_name_the_lines(page):
    at = upload(page(), "overlapping.vtt")
    assert not at.error
    [warning] = at.warning
    body = plain(warning.value)
    assert "Imported, with 2 warnings." in body
    assert "overlapping.vtt, line 12" in body and "overlapping.vtt, line 16" in body


def test_app_import_format_select_reads_the_file_again(page):
    at = upload(page(), "zoom.vtt")
    at.selectbox(key="import_format").set_value("json").run()
    assert not at.exception
    assert len(at.error) == 1 and "zoom.vtt" in plain(at.error[0].value)
    at.selectbox(key="import_format").set_value("auto").run()
    assert not at.error and interviewer_select(at).value == DANA


# Paste, and text that must stay text -------------------------------------------------------------------------

HOSTILE = "<script>alert(1)</script> see [link](http://x) **now** :red[boom]"


def test_app_import_pasted_text_renders_inert(page):
    mallory, customer = "<b>Mallory</b>", "Customer [x](http://y)"
    pasted = json.dumps([
        {"speaker": mallory, "text": f"{HOSTILE} What do you think?"},
        {"speaker": customer, "text": HOSTILE},
        {"speaker": mallory, "text": "How did that go?"},
        {"speaker": customer, "text": "Fine."},
    ])
    at = paste(page(), pasted)
    assert not at.error
    assert [r["Speaker"] for r in table(at, 0)] == [mallory, customer]
    assert interviewer_select(at).value == mallory
    assert "no times" in texts(at)
    score(at)
    words = [t.value for t in at.text]
    assert f"{HOSTILE} What do you think?" in words and HOSTILE in words  # st.text: no Markdown, no HTML
    for element in [*at.markdown, *at.caption, *at.info, *at.success, *at.warning]:
        assert not getattr(element.proto, "allow_html", False), element.value
        for raw in ("<script>", "<b>", "](http", "**now**", ":red["):
            assert raw not in element.value, element.value
    for frame in at.table:
        for cell in frame.value.astype(str).to_numpy().ravel():
            assert "<b>" not in cell and "](http" not in cell
    # The Markdown download escapes it as well.
    scored = next(iter(at.session_state["import_scored"].values()))
    markdown = support.scored_markdown(scored)
    assert "<script>" not in markdown and "](http" not in markdown


def test_app_import_switching_between_upload_and_paste(page):
    at = upload(page(), "zoom.vtt")
    paste(at, (FIXTURES / "plain.txt").read_text())
    assert interviewer_select(at).value == "Interviewer"
    assert [r["Speaker"] for r in table(at, 0)] == ["Interviewer", "Customer"]
    # Back to the upload: the pasted transcript's preview goes with it (no stale results).
    at.radio(key="import_source").set_value("Upload a file").run()
    assert not at.exception and not at.table
    upload(at, "zoom.vtt")
    assert interviewer_select(at).value == DANA


# The helpers without the UI ------------------------------------------------------------------------------------

def test_import_support_json_download_is_what_score_json_prints(monkeypatch):
    from typer.testing import CliRunner

    import scoring.classifier
    from scoring import cli as scoring_cli
    from simulator.cli import app as cli_app

    scoring_cli.register(cli_app)
    monkeypatch.setattr(scoring.classifier, "QuestionClassifier", ImportClassifier)
    result = CliRunner().invoke(cli_app, ["score", str(FIXTURES / "zoom.vtt"), "--json"])
    assert result.exit_code == 0, result.output
    from_cli = json.loads(result.stdout)
    parsed = support.parse_upload(fixture("zoom.vtt"), "zoom.vtt")
    scored = support.score_upload(parsed, DANA, 3.0, ImportClassifier())
    assert json.loads(support.scored_json(scored)) == from_cli


def test_import_support_parse_never_raises_and_keys_by_content():
    good = support.parse_upload(fixture("zoom.vtt"), "zoom.vtt")
    assert good.problem is None and good.result.interviewer == DANA
    again = support.parse_upload(fixture("zoom.vtt"), "zoom.vtt")
    assert again.key == good.key and again.content == support.content_hash(fixture("zoom.vtt"))
    assert support.parse_upload(fixture("zoom.vtt"), "zoom.vtt", "srt").key != good.key
    too_big = support.parse_upload(b"a" * (support.MAX_UPLOAD_MB * 1024 * 1024 + 1), "huge.vtt")
    assert too_big.result is None and "the limit is 20 MB" in too_big.problem
    with pytest.raises(Exception, match="not a speaker"):
        support.score_upload(good, "Nobody", 3.0, ImportClassifier())


def test_import_support_silence_threshold_changes_the_silences():
    parsed = support.parse_upload(fixture("zoom.vtt"), "zoom.vtt")
    at_three = support.score_upload(parsed, DANA, 3.0, ImportClassifier())
    at_five = support.score_upload(parsed, DANA, 5.0, ImportClassifier())
    assert support.silences_by_turn(at_three) == SILENCES
    assert support.silences_by_turn(at_five) == {8: 5.4}
    assert (at_three.metrics["silences"], at_five.metrics["silences"]) == (4, 1)
    assert at_five.metrics["silence_threshold"] == 5.0


def test_import_support_small_helpers():
    assert support.clock(83.4) == "1:23" and support.clock(3725) == "1:02:05" and support.clock(None) == ""
    assert support.download_stem("Zoom call (final).vtt") == "scored-zoom-call-final"
    assert support.download_stem("../../etc/passwd") == "scored-passwd"
    assert support.download_stem("") == "scored-transcript"
    assert support.default_save_name(" Ana ", DANA) == "Ana"
    assert support.default_save_name(None, DANA) == DANA
    with pytest.raises(ValueError, match="at most 200"):
        support.check_save_name("x" * 201)
    turns = support.parse_upload(fixture("zoom.vtt"), "zoom.vtt").result.transcript.turns
    assert [t.speaker for t in turns[:2]] == [TRAINEE, PERSONA]


# Long files: bounded work, progress, a page of turns at a time --------------------------------------------------

def long_vtt(cues: int) -> bytes:
    lines = ["WEBVTT", ""]
    for i in range(cues):
        who = "Dana: How did that go?" if i % 2 == 0 else "Marcus: It went fine, mostly."
        lines += [f"00:{i * 4 // 60 % 60:02d}:{i * 4 % 60:02d}.000 --> 00:{(i * 4 + 3) // 60 % 60:02d}:"
                  f"{(i * 4 + 3) % 60:02d}.000".replace("00:", f"{i * 4 // 3600:02d}:", 1), who, ""]
    return "\n".join(lines).encode()


def test_import_support_refuses_files_over_the_page_limit_with_the_limit_named(monkeypatch):
    import time

    monkeypatch.setattr(support, "MAX_PAGE_TURNS", 100)
    monkeypatch.setattr(support, "MAX_PAGE_CUES", 400)
    over_turns = support.parse_upload(long_vtt(150), "long call.vtt")
    assert over_turns.result is None
    assert over_turns.problem.startswith("long call.vtt: 150 turns — more than this page scores at once (the limit "
                                         "is 100 turns")
    assert "interview-sim score FILE" in over_turns.problem  # a name with a space is not pasted into a command
    started = time.perf_counter()
    over_cues = support.parse_upload(long_vtt(401), "long.vtt")
    assert time.perf_counter() - started < 0.5  # counted, not read
    assert over_cues.problem.startswith("long.vtt: 401 captions — more than this page scores at once (the limit is "
                                        "100 turns") and "interview-sim score long.vtt" in over_cues.problem
    assert support.parse_upload(long_vtt(100), "ok.vtt").problem is None


def test_import_support_the_default_page_limit_refuses_a_50000_cue_file_at_once():
    import time

    data = long_vtt(50_000)
    assert 2_000_000 < len(data) < support.MAX_UPLOAD_MB * 1024 * 1024
    started = time.perf_counter()
    parsed = support.parse_upload(data, "huge.vtt")
    assert time.perf_counter() - started < 2
    assert parsed.result is None and "the limit is 6,000 turns" in parsed.problem


def test_import_support_scoring_reports_progress_in_batches(monkeypatch):
    from simulator.importing import _pipeline

    monkeypatch.setattr(_pipeline, "SCORE_CHUNK", 3)
    parsed = support.parse_upload(fixture("zoom.vtt"), "zoom.vtt")
    seen: list[tuple[int, int]] = []
    scored = support.score_upload(parsed, DANA, 3.0, ImportClassifier(), progress=lambda d, t: seen.append((d, t)))
    assert seen == [(0, 11), (3, 11), (6, 11), (9, 11), (11, 11)]
    assert parsed.result.transcript.turns[0].label is None  # the parsed upload is not touched by scoring
    assert all(t.label for t in scored.transcript.trainee_turns)


def test_app_import_long_file_shows_one_page_of_turns(page):
    at = score(upload(page(), "long.vtt", long_vtt(250)))
    assert len(at.chat_message) == support.PAGE_TURNS
    picker = at.selectbox(key="import_turn_page")
    assert picker.options == ["Turns 0–99 of 250", "Turns 100–199 of 250", "Turns 200–249 of 250"]
    picker.set_value(3).run()
    assert not at.exception
    bubbles = at.chat_message
    assert len(bubbles) == 50 and bubbles[0].caption[0].value.startswith("Turn 200 ·")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Silences"] == "0"  # the scores are the whole interview's, whatever page is shown


def test_app_import_start_times_only_says_silences_are_not_measured(page):
    at = score(upload(page(), "start_times.txt"))
    assert "start times only" in texts(at) and "silences are not measured" in texts(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Silences"] == "–"
    assert "Waited" not in texts(at)
