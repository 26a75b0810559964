"""AppTests of every page, with fakes: a hashing embedder, a scripted classifier and the in-memory store."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.persistence import MemoryStore
from scoring.labels import Classification, Flag, Label
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
TEST_PERSONA = Path(__file__).parent / "data" / "test-persona.yaml"
TIMEOUT = 15

OPEN_Q = "Tell me about the last delivery you got."
LEADING_Q = "Don't you think the delivery slots are too early?"
SCRIPT_Q = "<script>alert('x')</script> **bold** and [a link](http://example.com)"


class CoachingClassifier:
    """Scripted verdicts with a reason, flag reasons and a rewrite, like the real classifier gives."""

    def classify(self, text: str, previous: str | None = None) -> Classification:
        if text == LEADING_Q:
            return Classification(
                label=Label.LEADING, confidence=0.9, reason="It suggests the answer you expect.",
                flags=(Flag.HYPOTHETICAL,), flag_reasons={"hypothetical": "It asks about an imagined future."},
                rewrite="How do the delivery slots work for you?",
            )
        return Classification(label=Label.OPEN, confidence=0.9, reason="It invites a story in their own words.")


@pytest.fixture
def persona_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "personas"
    folder.mkdir()
    shutil.copy(TEST_PERSONA, folder / "test-persona.yaml")
    monkeypatch.setenv("INTERVIEW_SIM_PERSONAS", str(folder))
    return folder


@pytest.fixture
def app(persona_dir):
    """A fresh app with the fakes injected; ``app()`` runs it once."""

    def make(store=None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state["engine"] = Engine(embedder=HashingEmbedder(), classifier=CoachingClassifier())
        at.session_state["store"] = store or MemoryStore()
        at.run()
        assert not at.exception
        return at

    return make


def start(at: AppTest, name: str = "Ana") -> AppTest:
    at.text_input(key="trainee_name_input").set_value(name).run()
    # The first interview in the process imports the English pipeline: slow on a busy 2-core runner.
    at.button(key="start-test-persona").click().run(timeout=90)
    assert not at.exception
    return at


def param(at: AppTest, key: str) -> str:
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def plain(markdown: str) -> str:
    """Markdown as read on screen: escapes and word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def texts(at: AppTest) -> str:
    return plain("\n".join(
        [m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption]
        + [a.value for kind in ("info", "warning", "error", "success") for a in getattr(at, kind)]
    ))


def test_app_gallery_renders_cards(app):
    at = app()
    body = texts(at)
    assert "Tess Tester" in [s.value for s in at.subheader]
    assert "Find out why Tess stopped ordering weekly" in body
    assert "Online grocery delivery" in body
    assert "casual, direct, average, medium warmth" in body
    assert "Easy" in body
    # No name yet: the start buttons wait for one.
    assert at.button(key="start-test-persona").disabled


def test_app_name_and_persona_start_an_interview(app):
    at = start(app())
    assert at.session_state["trainee"] == "Ana"
    assert param(at, "trainee") == "Ana"
    assert "sid" in at.query_params
    assert "Interview with Tess Tester" in [t.value for t in at.title]
    assert [m.name for m in at.chat_message] == ["assistant"]
    assert "Hi, I have about twenty minutes." in texts(at)


def test_app_chat_input_gets_reply_and_badge(app):
    at = start(app())
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    assert not at.exception
    assert [m.name for m in at.chat_message] == ["assistant", "user", "assistant"]
    body = texts(at)
    assert "✓ Open question" in body
    assert "It invites a story in their own words." in body
    assert "DELIVERY" in at.chat_message[2].markdown[0].value  # the streamed reply
    session = at.session_state["live"].session
    assert session.transcript.turns[-1].speaker == "persona"
    assert session.transcript.turns[-2].patience is not None


def test_app_leading_question_shows_flag_and_rewrite(app):
    at = start(app())
    at.chat_input(key="chat").set_value(LEADING_Q).run()
    body = texts(at)
    assert "⚠ Leading question" in body
    assert "⚠ Hypothetical" in body
    assert "It asks about an imagined future" in body
    assert "Try instead" in body and "How do the delivery slots work for you?" in body


def test_app_stay_silent_adds_a_silence_turn(app):
    at = start(app())
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    at.button(key="silent").click().run()
    assert not at.exception
    turns = at.session_state["live"].session.transcript.turns
    assert turns[-2].label == "silence" and turns[-1].speaker == "persona"
    assert "SILENCE" in turns[-1].text
    assert "(You stayed silent.)" in texts(at)


def test_app_score_is_a_dash_until_the_first_question(app):
    at = start(app())
    assert [m.value for m in at.sidebar.metric if m.label == "Score"] == ["–"]
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    (score,) = [m.value for m in at.sidebar.metric if m.label == "Score"]
    assert score != "–" and int(score) > 0


def test_app_coaching_after_only_hides_badges(app):
    at = start(app())
    at.toggle(key="coach_live").set_value(False).run()
    at.chat_input(key="chat").set_value(LEADING_Q).run()
    assert not at.exception
    body = texts(at)
    assert "Leading question" not in body
    assert "Try instead" not in body
    assert "Coaching is off until you end the interview." in body


def test_app_end_interview_shows_report(app):
    at = start(app())
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    at.chat_input(key="chat").set_value(LEADING_Q).run()
    at.button(key="end").click().run()
    assert not at.exception
    body = texts(at)
    assert [t.value for t in at.title] == ["Interview report"]
    assert any(m.label == "Score" for m in at.metric)
    assert "Insights" in body
    # Every insight of the test persona is listed: found ones and the missed ones with their hint.
    for finding in ("Night shifts make her miss morning deliveries", "She batch-cooks on Sundays instead"):
        assert finding in body
    assert "Ask about a recent week, then echo" in body
    assert [b.label for b in at.get("download_button")] == ["Markdown", "JSON", "CSV"]


def test_app_reload_restores_the_interview(app):
    store = MemoryStore()
    at = start(app(store))
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    params = {key: param(at, key) for key in ("trainee", "sid")}
    # A reload is a new browser session with the same URL (and the same server-side store).
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.session_state["engine"] = at.session_state["engine"]
    again.session_state["store"] = store
    for key, value in params.items():
        again.query_params[key] = value
    again.run()
    again.switch_page("app_pages/interview.py").run()
    assert not again.exception
    assert [m.name for m in again.chat_message] == ["assistant", "user", "assistant"]
    assert OPEN_Q in texts(again)


def test_app_scoring_page_lists_every_label_and_flag(app):
    at = app()
    at.switch_page("app_pages/scoring_guide.py").run()
    assert not at.exception
    body = texts(at) + "\n".join(h.value for h in at.subheader)
    for label in Label:
        assert label.value in body.lower() or label.value.replace("_", " ") in body.lower()
    for flag in Flag:
        assert flag.value.replace("_", "-") in body.lower() or flag.value.replace("_", " ") in body.lower()


def test_app_gallery_lists_broken_persona_files(app, persona_dir):
    (persona_dir / "broken.yaml").write_text("version: 1\nid: Broken Id\nname: [unclosed\n", encoding="utf-8")
    at = app()
    assert not at.exception
    assert any("could not be loaded" in e.label for e in at.expander)
    assert "broken.yaml" in texts(at)
    assert any("invalid YAML" in c.value for c in at.code)
    assert "Tess Tester" in [s.value for s in at.subheader]  # the good file still loads


def test_app_trainee_text_is_never_rendered_as_html_or_markdown(app):
    at = start(app())
    at.chat_input(key="chat").set_value(SCRIPT_Q).run()
    assert not at.exception
    user = at.chat_message[1]
    # The turn's text goes through st.text (no Markdown, no HTML) ...
    assert [t.value for t in user.text] == [SCRIPT_Q]
    # ... and nothing anywhere is rendered with unsafe HTML.
    for element in at.markdown:
        assert not element.proto.allow_html, element.value


def test_app_reload_restores_the_interview_from_the_sql_store(app, tmp_path):
    from simulator.store import Store

    store = Store(f"sqlite:///{tmp_path / 'app.db'}")
    at = start(app(store))
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    sid = param(at, "sid")
    assert [t.speaker for t in store.load(sid).turns] == ["persona", "trainee", "persona"]
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.session_state["engine"] = at.session_state["engine"]
    again.session_state["store"] = store
    again.query_params["trainee"] = "Ana"
    again.query_params["sid"] = sid
    again.run()
    again.switch_page("app_pages/interview.py").run()
    again.chat_input(key="chat").set_value(LEADING_Q).run()
    assert not again.exception
    assert [m.name for m in again.chat_message] == ["assistant", "user", "assistant", "user", "assistant"]
    assert len(store.load(sid).turns) == 5


def test_app_url_of_someone_else_is_ignored(app):
    store = MemoryStore()
    at = start(app(store))
    sid = param(at, "sid")
    other = AppTest.from_file(APP, default_timeout=TIMEOUT)
    other.session_state["engine"] = at.session_state["engine"]
    other.session_state["store"] = store
    other.query_params["trainee"] = "Mallory"
    other.query_params["sid"] = sid
    other.run()
    other.switch_page("app_pages/interview.py").run()
    assert not other.exception
    assert not other.chat_message
    assert "Pick a persona to interview first." in texts(other)


def test_app_paced_stream_starts_at_once_and_caps_the_delay():
    from app_pages.common import MAX_ADDED_DELAY, paced

    pauses: list[float] = []
    chunks = [f"word{i} " for i in range(200)]
    out = []
    for chunk in paced(iter(chunks), sleep=pauses.append):
        if not out:
            assert pauses == []  # the first words go out before any pause
        out.append(chunk)
    assert "".join(out) == "".join(chunks)
    assert sum(pauses) <= MAX_ADDED_DELAY + 1e-9
    assert all(p > 0 for p in pauses)


def test_app_md_escapes_everything_markdown_would_interpret():
    from app_pages.common import md

    assert md("*a* _b_ `c` [d](e) <i>") == r"\*a\* \_b\_ \`c\` \[d\]\(e\) \<i\>"
    assert md("# not a heading\n- nor a list") == "\\# not a heading  \n\\- nor a list"
    assert md(":smile: $x$") == ":\u2060smile:\u2060 \\$x\\$"
    assert md("    indented") == "indented"
    assert md("two words ") == "two words "  # streamed chunks keep their spaces


def test_app_memory_store_behaves_like_the_sql_store(test_persona, embedder):
    from simulator.store import Store  # noqa: F401  (the API MemoryStore mirrors)
    from tests.conftest import ScriptedClassifier

    from app_pages.persistence import SessionGone

    engine = Engine(embedder=embedder, classifier=ScriptedClassifier())
    store = MemoryStore()
    session = engine.start(test_persona, trainee="Ana")
    sid = store.start_session("Ana", session.transcript)
    session.on_turn = lambda turn: store.add_turn(sid, turn)
    session.ask("Tell me about your work schedule.")
    assert store.open_session("Ana") == sid
    assert store.open_session("Ana", persona_id="other") is None
    loaded = store.load(sid, trainee="Ana")
    assert [t.text for t in loaded.turns] == [t.text for t in session.transcript.turns]
    loaded.turns.clear()  # a copy: the stored interview is untouched
    assert len(store.load(sid).turns) == 3
    with pytest.raises(SessionGone):
        store.load(sid, trainee="Mallory")
    store.finish_session(sid, metrics={"score": 50})
    assert store.open_session("Ana") is None
    assert store.load(sid).ended_at is not None


def test_app_report_of_an_interview_without_questions(app):
    at = start(app())
    at.button(key="end").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Interview report"]
    assert "No turn earned or lost points." in texts(at)


def test_app_report_and_interview_pages_without_an_interview(app):
    at = app()
    for page, message in (("app_pages/interview.py", "Pick a persona to interview first."),
                          ("app_pages/report.py", "the report appears when you end the interview")):
        at.switch_page(page).run()
        assert not at.exception
        assert message in texts(at)


def test_app_gallery_offers_to_resume_an_open_interview(app):
    store = MemoryStore()
    at = start(app(store))
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    again = AppTest.from_file(APP, default_timeout=TIMEOUT)
    again.session_state["engine"] = at.session_state["engine"]
    again.session_state["store"] = store
    again.run()
    again.text_input(key="trainee_name_input").set_value("Ana").run()
    resume = again.button(key="resume-test-persona")
    assert resume.label == "Resume your interview with Tess"
    resume.click().run()
    assert not again.exception
    assert [m.name for m in again.chat_message] == ["assistant", "user", "assistant"]


def test_app_persona_reply_is_streamed_as_escaped_text(persona_dir):
    from simulator.backends import ScriptedBackend

    backend = ScriptedBackend().enqueue(["<img src=x onerror=alert(1)> **bold** :smile:"])
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["engine"] = Engine(embedder=HashingEmbedder(), classifier=CoachingClassifier(), backend=backend)
    at.session_state["store"] = MemoryStore()
    at.run()
    start(at)
    at.chat_input(key="chat").set_value(OPEN_Q).run()
    assert not at.exception
    streamed = at.chat_message[2].markdown[0]
    assert not streamed.proto.allow_html
    assert plain(streamed.value) == "<img src=x onerror=alert(1)> **bold** :smile:"
    assert "\\<img" in streamed.value and "\\*\\*bold" in streamed.value
