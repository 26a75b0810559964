"""The coach pages: the role (passcode or login), the session list, the review of one session, agreement,
progress and exports. AppTests against a real SQLite Store in tmp_path; unit tests of app_pages/coach_auth.py."""

from __future__ import annotations

import json
import re
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from streamlit import dataframe_util
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from app_pages import accounts, coach_auth, coach_common, common
from app_pages.persistence import MemoryStore
from simulator import export
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.store import Store
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn
from tests.conftest import ScriptedClassifier

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
TEST_PERSONA = Path(__file__).parent / "data" / "test-persona.yaml"
TIMEOUT = 20
PASSCODE = "correct horse battery staple"
COACH = "Jo Rivera"
XSS = "<script>alert('x')</script> <img src=x onerror=alert(1)> [click](javascript:alert(2)) **bold** :smile:"
DAY = 86400.0


# Fixtures -----------------------------------------------------------------------------------------------


def _session(store: Store, trainee: str, persona: str, *, days_ago: float, score: float | None,
             source: str = "practice", question: str = "Tell me about the last delivery you got.",
             reply: str = "It came at 7am, after my night shift.") -> str:
    """0 persona, 1 open, 2 persona (insight), 3 leading, 4 persona, 5 closed, 6 persona."""
    transcript = Transcript(
        persona_id=persona, persona_name=persona.title() + " Tester", source=source,
        started_at=time.time() - days_ago * DAY,
        insight_catalog=[{"id": "night", "finding": "Night shifts make her miss deliveries"},
                         {"id": "batch", "finding": "She batch-cooks on Sundays"}],
    )
    transcript.add(Turn(speaker=PERSONA, text="Hi, I have twenty minutes."))
    transcript.add(Turn(speaker=TRAINEE, text=question, label="open", confidence=0.9,
                        reason="It invites a story in their own words."))
    transcript.add(Turn(speaker=PERSONA, text=reply, insights=["night"]))
    transcript.add(Turn(speaker=TRAINEE, text="Don't you think the slots are too early?", label="leading",
                        reason="It suggests the answer you expect.", rewrite="How do the slots work for you?"))
    transcript.add(Turn(speaker=PERSONA, text="I suppose so."))
    transcript.add(Turn(speaker=TRAINEE, text="Do you cook?", label="closed", reason="Yes or no."))
    transcript.add(Turn(speaker=PERSONA, text="On Sundays.", insights=["batch"]))
    sid = store.start_session(trainee, transcript)
    if score is not None:
        store.finish_session(sid, {"score": score})
    return sid


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'coach.db'}") as s:
        yield s


@pytest.fixture
def seeded(store):
    """Ana/maria practice 72 (10 days ago), Ben/tess imported 40 (3 days ago), Ana/tess running (today)."""
    return {
        "ana": _session(store, "Ana", "maria", days_ago=10, score=72),
        "ben": _session(store, "Ben", "tess", days_ago=3, score=40, source="imported"),
        "open": _session(store, "Ana", "tess", days_ago=0, score=None),
    }


@pytest.fixture(autouse=True)
def coach_env(tmp_path, monkeypatch):
    folder = tmp_path / "personas"
    folder.mkdir()
    shutil.copy(TEST_PERSONA, folder / "test-persona.yaml")
    monkeypatch.setenv("INTERVIEW_SIM_PERSONAS", str(folder))
    monkeypatch.setenv(coach_auth.PASSCODE_ENV, PASSCODE)
    monkeypatch.setattr(coach_auth, "FAIL_DELAY_S", 0.0)
    monkeypatch.setattr(accounts, "FAIL_DELAY_S", 0.0)
    monkeypatch.delenv("INTERVIEW_SIM_USERS_FILE", raising=False)
    coach_auth.THROTTLE.clear()
    accounts.THROTTLE.clear()
    yield
    coach_auth.THROTTLE.clear()
    accounts.THROTTLE.clear()


@pytest.fixture
def app():
    """A fresh app with a fake engine and the given store; ``secrets``/``user`` as the deployment would give."""

    def make(store, *, secrets: dict | None = None, user: dict | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        # Always some secrets, so a developer's own .streamlit/secrets.toml cannot change the outcome.
        at.secrets.update(secrets or {"tests": "hermetic"})
        if user is not None:
            at.user = user
        at.session_state["engine"] = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier())
        at.session_state["store"] = store
        at.run()
        assert not at.exception
        return at

    return make


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """What each download button would hand the browser, by its media URL."""
    saved: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        saved[self.get_url(file_id)] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    return saved


def content(downloads: dict[str, bytes], button) -> str:
    data = downloads[button.proto.url]
    return data.decode("utf-8") if isinstance(data, bytes) else data


def sign_in(at: AppTest, name: str = COACH, code: str = PASSCODE) -> AppTest:
    at.switch_page(common.COACH_SIGNIN).run()
    at.text_input(key="coach_name").set_value(name)
    at.text_input(key="coach_passcode").set_value(code)
    at.button(key="coach_sign_in").click().run()
    assert not at.exception
    return at


def go(at: AppTest, page: str, **params) -> AppTest:
    at.query_params.clear()
    at.query_params.update(params)
    at.switch_page(page).run()
    assert not at.exception
    return at


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def texts(at: AppTest) -> str:
    return plain("\n".join(
        [m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption]
        + [a.value for kind in ("info", "warning", "error", "success") for a in getattr(at, kind)]
        + [t.value for t in at.title] + [t.value for t in at.subheader]
    ))


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def unreachable(at: AppTest) -> bool:
    for page in (common.COACH_SESSIONS, common.COACH_SESSION, common.COACH_AGREEMENT, common.COACH_PROGRESS):
        try:
            at.switch_page(page)
        except ValueError:
            continue
        return False
    return True


# The role ---------------------------------------------------------------------------------------------


def test_coach_pages_are_not_registered_without_the_role(app, store, seeded):
    at = app(store)
    assert unreachable(at)
    go(at, common.COACH_SIGNIN)
    assert titles(at) == ["Coach sign-in"]
    assert at.text_input(key="coach_passcode").proto.type == at.text_input(key="coach_passcode").proto.PASSWORD
    assert not at.dataframe  # no session data anywhere on the page
    assert "Ana" not in texts(at)


def test_coach_sign_in_explains_the_setup_when_nothing_is_configured(app, store, monkeypatch):
    monkeypatch.delenv(coach_auth.PASSCODE_ENV)
    at = go(app(store), common.COACH_SIGNIN)
    assert "not set up" in texts(at)
    code = "\n".join(c.value for c in at.code)
    assert "INTERVIEW_SIM_COACH_PASSCODE=" in code and 'coach_passcode = "' in code
    assert not at.text_input  # nothing to type a passcode into
    assert unreachable(at)


def test_coach_wrong_passcode_is_refused_and_never_echoed(app, store, seeded, monkeypatch):
    pauses: list[float] = []
    monkeypatch.setattr(coach_auth, "FAIL_DELAY_S", 0.25)
    monkeypatch.setattr(coach_auth, "_sleep", pauses.append)
    at = sign_in(app(store), code="hunter2-guess")
    assert "That passcode is wrong" in texts(at)
    assert pauses == [0.25]
    assert at.text_input(key="coach_passcode").value == ""  # cleared, not sent back
    assert "hunter2-guess" not in texts(at) + "".join(str(w.value) for w in at.text_input)
    assert unreachable(at)
    assert coach_auth.ROLE_KEY not in at.session_state


def test_coach_five_wrong_passcodes_lock_the_form(app, store):
    at = app(store)
    for _ in range(coach_auth.MAX_TRIES):
        sign_in(at, code="nope")
    assert "Too many wrong passcodes" in texts(at)
    sign_in(at)  # the right one, but too soon
    assert "Too many wrong passcodes" in texts(at)
    assert unreachable(at)


def test_coach_sign_in_needs_a_name(app, store):
    at = sign_in(app(store), name="  ")
    assert "Enter your name" in texts(at)
    assert unreachable(at)


def test_coach_right_passcode_opens_the_pages_and_sign_out_closes_them(app, store, seeded):
    at = sign_in(app(store))
    assert titles(at) == ["Sessions"]  # straight to the list
    assert f"Signed in as **{COACH}**" in at.sidebar.markdown[0].value
    for page, title in ((common.COACH_AGREEMENT, "Coach–scorer agreement"), (common.COACH_PROGRESS, "Progress")):
        go(at, page)
        assert titles(at) == [title]
    at.button(key="coach_sign_out").click().run()
    assert not at.exception
    assert titles(at) == ["Coach sign-in"]
    assert unreachable(at)


def test_coach_role_ends_when_the_passcode_is_no_longer_configured(app, store, monkeypatch):
    at = sign_in(app(store))
    assert not unreachable(at)
    monkeypatch.delenv(coach_auth.PASSCODE_ENV)
    at.run()
    assert unreachable(at)


LOGIN_SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "c", "client_id": "i",
             "client_secret": "s", "server_metadata_url": "https://idp.invalid/.well-known/openid-configuration"},
    "coach_emails": ["casey@example.com"],
}


def test_coach_login_on_the_list_gets_the_role(app, store, seeded, monkeypatch):
    monkeypatch.delenv(coach_auth.PASSCODE_ENV)
    user = {"is_logged_in": True, "email": "Casey@Example.com", "name": "Casey Coach"}
    at = app(store, secrets=LOGIN_SECRETS, user=user)
    assert not unreachable(at)
    go(at, common.COACH_SESSIONS)
    assert titles(at) == ["Sessions"]
    assert "Signed in as **Casey Coach**" in at.sidebar.markdown[0].value


def test_coach_login_off_the_list_or_logged_out_is_refused(app, store, monkeypatch):
    monkeypatch.delenv(coach_auth.PASSCODE_ENV)
    at = app(store, secrets=LOGIN_SECRETS, user={"is_logged_in": True, "email": "mallory@example.com"})
    assert unreachable(at)
    go(at, common.COACH_SIGNIN)
    assert "not on this app's list of coaches" in texts(at)
    at = app(store, secrets=LOGIN_SECRETS, user={"is_logged_in": False})
    assert unreachable(at)
    go(at, common.COACH_SIGNIN)
    assert [b.label for b in at.button] == ["Log in with your organisation account"]
    assert not at.text_input  # no passcode configured: no passcode form


# The session list -------------------------------------------------------------------------------------


def test_coach_session_list_filters_and_sorts(app, store, seeded):
    at = go(sign_in(app(store)), common.COACH_SESSIONS)

    def column(name: str) -> list:
        return list(at.dataframe[0].value[name])

    assert column("Trainee") == ["Ana", "Ben", "Ana"]  # newest first
    assert column("Status") == ["Running", "Finished", "Finished"]
    at.selectbox(key="coach_f_trainee").set_value("Ana").run()
    assert column("Persona") == ["Tess Tester", "Maria Tester"]
    at.selectbox(key="coach_f_trainee").set_value(None)
    at.selectbox(key="coach_f_source").set_value("imported").run()
    assert column("Trainee") == ["Ben"] and column("Source") == ["Imported"]
    at.selectbox(key="coach_f_source").set_value(None)
    at.slider(key="coach_f_score").set_value((50, 100)).run()
    assert column("Score") == [72]
    at.slider(key="coach_f_score").set_value((0, 100))
    at.date_input(key="coach_f_since").set_value(date.fromtimestamp(time.time() - 5 * DAY)).run()
    assert column("Trainee") == ["Ana", "Ben"]
    at.date_input(key="coach_f_until").set_value(date.fromtimestamp(time.time() - 1 * DAY)).run()
    assert column("Trainee") == ["Ben"]
    at.date_input(key="coach_f_since").set_value(None)
    at.date_input(key="coach_f_until").set_value(None)
    at.selectbox(key="coach_f_sort").set_value("score")
    at.toggle(key="coach_f_desc").set_value(False).run()
    assert column("Trainee") == ["Ben", "Ana", "Ana"]  # 40, 72, then the unscored one
    at.selectbox(key="coach_f_persona").set_value("maria")
    at.selectbox(key="coach_f_source").set_value("imported").run()
    assert not at.dataframe
    assert "No session matches these filters." in texts(at)
    assert not at.exception


def test_coach_session_list_pages_through_many_sessions(app, store):
    for n in range(23):
        _session(store, f"Trainee {n:02d}", "maria", days_ago=n, score=n)
    at = go(sign_in(app(store)), common.COACH_SESSIONS)
    assert len(at.dataframe[0].value) == 20
    assert "23 sessions" in texts(at)
    at.get("pagination")[0].set_value(2).run()
    assert list(at.dataframe[0].value["Trainee"]) == ["Trainee 20", "Trainee 21", "Trainee 22"]


def test_coach_selecting_a_row_opens_the_session(app, store, seeded):
    at = go(sign_in(app(store)), common.COACH_SESSIONS)
    at.session_state["coach_sessions_table"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert titles(at) == ["Tess Tester · Ben"]
    assert at.query_params["session"] == seeded["ben"]


# One session --------------------------------------------------------------------------------------------


def test_coach_override_and_comments_are_stored_beside_the_scorer_label(app, store, seeded):
    sid = seeded["ana"]
    at = go(sign_in(app(store)), common.COACH_SESSION, session=sid)
    assert titles(at) == ["Maria Tester · Ana"]
    at.selectbox(key="review_label_1").set_value("closed")
    at.text_area(key="review_comment_1").set_value("Broad, but it reads as yes/no here.")
    at.button(key="review_save_1").click().run()
    assert not at.exception
    at.selectbox(key="review_label_3").set_value("confirm")
    at.button(key="review_save_3").click().run()
    at.text_area(key="coach_session_comment").set_value("Good opening; practise echoes next time.")
    at.button(key="coach_comment_save").click().run()
    assert not at.exception

    notes = store.annotations(sid)
    assert [(n["turn"], n["coach"], n["label"], n["confirmed"], n["scorer_label"]) for n in notes["turns"]] == [
        (1, COACH, "closed", False, "open"), (3, COACH, "leading", True, "leading")]
    assert notes["turns"][0]["comment"] == "Broad, but it reads as yes/no here."
    assert [(c["coach"], c["text"]) for c in notes["session"]] == [(COACH, "Good opening; practise echoes next time.")]
    assert store.load(sid).turns[1].label == "open"  # the scorer's label is untouched

    body = texts(at)
    assert "✓ Open question" in body  # the scorer's badge stays
    assert f"Coach {COACH}" in body and "⚠ Closed question (override)" in body
    assert "Changed from the scorer's Open question." in body
    assert "Broad, but it reads as yes/no here." in body
    assert "⚠ Leading question (agrees)" in body
    assert "Good opening; practise echoes next time." in body
    assert at.text_area(key="coach_session_comment").value == ""
    assert metric(at, "Coach verdicts") == "2"
    # The form shows the coach's current verdict when the page is opened again.
    again = go(at, common.COACH_SESSION, session=sid)
    assert again.selectbox(key="review_label_1").value == "closed"


def test_coach_sees_other_coaches_annotations(app, store, seeded):
    sid = seeded["ana"]
    store.annotate(sid, 5, "Sam Other", label="open", comment="Fine in context.")
    at = go(sign_in(app(store)), common.COACH_SESSION, session=sid)
    body = texts(at)
    assert "Coach Sam Other" in body and "✓ Open question (override)" in body and "Fine in context." in body
    assert at.selectbox(key="review_label_5").value is None  # Jo's own verdict is still empty


def test_coach_session_text_is_rendered_inert(app, store):
    sid = _session(store, "Eve", "maria", days_ago=1, score=50, question=XSS, reply=XSS)
    store.annotate(sid, 1, "Sam Other", comment=XSS)
    store.comment_session(sid, "Sam Other", XSS)
    at = go(sign_in(app(store)), common.COACH_SESSION, session=sid)
    # The question (in the review panel and the transcript) and the reply, as plain text.
    assert [t.value for t in at.text].count(XSS) == 3
    for element in list(at.markdown) + list(at.caption):
        assert not element.proto.allow_html, element.value
        # Every tag opener, link and emphasis marker from the text arrives backslash-escaped.
        assert not re.search(r"(?<!\\)<(script|img|/script)", element.value), element.value
        assert not re.search(r"(?<!\\)\]\(javascript", element.value), element.value
        assert "**bold**" not in element.value, element.value
    assert texts(at).count(XSS) >= 2  # the turn comment and the session comment read exactly as typed


def test_coach_session_exports(app, store, seeded, downloads):
    sid = seeded["ana"]
    store.annotate(sid, 1, COACH, label="closed", comment="Too broad")
    store.comment_session(sid, COACH, "Well done")
    at = go(sign_in(app(store)), common.COACH_SESSION, session=sid)
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == ["Markdown", "CSV", "JSON", "Printable HTML"]
    transcript, metrics, notes = store.load(sid), store.metrics(sid), store.annotations(sid)
    markdown = content(downloads, buttons[0])
    assert markdown == export.to_markdown(transcript, metrics, notes)
    assert "Coach Jo Rivera: closed \\(override\\) — Too broad" in markdown and "Well done" in markdown
    assert content(downloads, buttons[1]) == export.to_csv(transcript, metrics, notes)
    assert json.loads(content(downloads, buttons[2]))["annotations"]["session"][0]["text"] == "Well done"
    html = content(downloads, buttons[3])
    assert html.startswith("<!DOCTYPE html>") and "Too broad" in html


@pytest.mark.parametrize("given, message", [
    ("0123456789abcdef0123456789abcdef", "Session not found"),
    ("<script>alert(1)</script>", "is not a session id"),
    ("", "Pick a session from the list"),
])
def test_coach_session_bad_ids_give_a_message(app, store, seeded, given, message):
    at = sign_in(app(store))
    go(at, common.COACH_SESSION, **({"session": given} if given else {}))
    assert message in texts(at)
    assert "<script>" not in "".join(e.value for e in at.error)


# Agreement and progress ---------------------------------------------------------------------------------


def test_coach_agreement_kappa_changes_after_an_override(app, store, seeded, downloads):
    sid = seeded["ana"]
    # (open, open), (leading, leading), (closed -> open): observed 2/3, expected 1/3, kappa 0.5.
    store.annotate(sid, 1, "Sam Other", confirm=True)
    store.annotate(sid, 3, "Sam Other", confirm=True)
    store.annotate(sid, 5, "Sam Other", label="open")
    at = go(sign_in(app(store)), common.COACH_AGREEMENT)
    assert metric(at, "Cohen's κ") == "0.50"
    assert metric(at, "Labelled turns (n)") == "3"
    assert "moderate agreement" in texts(at)

    go(at, common.COACH_SESSION, session=sid)
    at.selectbox(key="review_label_3").set_value("closed")
    at.button(key="review_save_3").click().run()
    go(at, common.COACH_AGREEMENT)
    kappa = store.agreement()["kappa"]
    assert metric(at, "Labelled turns (n)") == "4"
    assert metric(at, "Cohen's κ") == f"{kappa:.2f}" != "0.50"

    button = at.get("download_button")[0]
    lines = [json.loads(line) for line in content(downloads, button).splitlines()]
    assert lines == list(store.coach_labelled_lines())
    assert {line["id"]: line["label"] for line in lines} == {
        f"{sid}:1": "open", f"{sid}:3": "closed", f"{sid}:5": "open"}
    assert lines[0]["previous"] == "Hi, I have twenty minutes."

    at.segmented_control(key="coach_agreement_whose").set_value("Only mine").run()
    assert metric(at, "Labelled turns (n)") == "1"


def test_coach_agreement_without_labels(app, store, seeded):
    at = go(sign_in(app(store)), common.COACH_AGREEMENT)
    assert "No coach labels yet" in texts(at)
    assert not at.get("download_button")


def test_coach_progress_per_trainee_and_persona(app, store, seeded):
    _session(store, "Ana", "maria", days_ago=1, score=80)
    at = go(sign_in(app(store)), common.COACH_PROGRESS)
    at.selectbox(key="coach_progress_trainee").set_value("Ana").run()
    assert metric(at, "Finished sessions") == "2"  # the running one is not counted
    assert metric(at, "Latest score") == "80"
    scores, shares, bars = at.get("vega_lite_chart")  # score and open share by date, the insight bars
    assert "Maria Tester score 72" in scores.proto.alt and "Maria Tester score 80" in scores.proto.alt
    assert "by date, one line per persona" in scores.proto.alt
    points = dataframe_util.convert_arrow_bytes_to_pandas_df(scores.proto.datasets[0].data.data)
    assert sorted(points["Score"]) == [72, 80] and set(points["Persona"]) == {"Maria Tester"}
    spec = json.loads(scores.proto.spec)
    assert spec["layer"][0]["encoding"]["x"]["type"] == "temporal"  # dates, not session numbers
    assert spec["layer"][0]["encoding"]["color"]["field"] == "Persona"  # one line per persona
    at.selectbox(key="coach_progress_persona").set_value("tess").run()
    bars = at.get("vega_lite_chart")[-1]
    assert json.loads(bars.proto.spec)["layer"][0]["encoding"]["y"]["axis"]["labelLimit"] == 0  # full names
    # Ben's imported tess session is finished and found both insights; Ana's running one does not count.
    assert "Night shifts make her miss deliveries 1 of 1" in bars.proto.alt
    at.selectbox(key="coach_progress_trainee").set_value("Ben")
    at.selectbox(key="coach_progress_only").set_value("maria").run()
    assert "Ben has no finished sessions with this persona yet." in texts(at)
    assert not at.exception


# The in-memory store ------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [common.COACH_SESSIONS, common.COACH_SESSION, common.COACH_AGREEMENT,
                                  common.COACH_PROGRESS])
def test_coach_pages_on_the_memory_store_say_they_need_the_database(app, page):
    at = go(sign_in(app(MemoryStore())), page, session="0" * 32)
    assert "Coach review needs the database store" in texts(at)
    assert not at.exception


# coach_auth, pure --------------------------------------------------------------------------------------


def test_coach_auth_configured_passcode():
    env = {coach_auth.PASSCODE_ENV: " from-env \n"}
    assert coach_auth.configured_passcode({"coach_passcode": "from-secrets"}, env) == "from-env"
    assert coach_auth.configured_passcode({"coach_passcode": "from-secrets"}, {}) == "from-secrets"
    assert coach_auth.configured_passcode({"coach_passcode": 123456}, {}) == "123456"
    assert coach_auth.configured_passcode({"coach_passcode": "  "}, {coach_auth.PASSCODE_ENV: ""}) is None
    assert coach_auth.configured_passcode({"coach_passcode": True}, {}) is None


def test_coach_auth_check_passcode():
    assert coach_auth.check_passcode("s3cret", "s3cret")
    assert coach_auth.check_passcode(" s3cret ", "s3cret")
    assert not coach_auth.check_passcode("s3cre", "s3cret")
    assert not coach_auth.check_passcode("S3CRET", "s3cret")
    assert not coach_auth.check_passcode("", "s3cret")
    assert not coach_auth.check_passcode(None, "s3cret")
    assert not coach_auth.check_passcode("anything", None)
    assert not coach_auth.check_passcode("", "")


def test_coach_auth_login_rules():
    assert coach_auth.coach_emails({}) is None
    assert coach_auth.coach_emails({"coach_emails": "A@x.org, b@x.org"}) == {"a@x.org", "b@x.org"}
    assert coach_auth.coach_emails({"coach_emails": ["C@x.org"]}) == {"c@x.org"}
    assert coach_auth.coach_emails({"coach_emails": 5}) == frozenset()  # unreadable: nobody, not everybody
    emails = frozenset({"a@x.org"})
    assert coach_auth.login_coach({"is_logged_in": True, "email": "A@x.org", "name": "Ann"}, emails) == "Ann"
    assert coach_auth.login_coach({"is_logged_in": True, "email": "b@x.org"}, emails) is None
    assert coach_auth.login_coach({"is_logged_in": True, "email": "b@x.org"}, None) == "b@x.org"
    assert coach_auth.login_coach({"is_logged_in": False, "email": "a@x.org"}, emails) is None
    assert coach_auth.login_coach({"email": "a@x.org"}, None) is None
    assert coach_auth.login_configured({"auth": {"client_id": "x"}})
    assert not coach_auth.login_configured({"auth": {}}) and not coach_auth.login_configured({})
    assert coach_auth.login_providers({"auth": {"client_id": "x"}}) == [None]
    assert coach_auth.login_providers({"auth": {"cookie_secret": "c", "google": {"client_id": "g"}}}) == ["google"]


def test_coach_kappa_reading_follows_landis_and_koch():
    reading = coach_common.kappa_reading
    assert reading(None) == "not defined"
    assert reading(-0.2).startswith("poor") and reading(0.0).startswith("poor")
    assert [reading(k) for k in (0.1, 0.3, 0.5, 0.7, 0.9, 1.0)] == [
        "slight agreement", "fair agreement", "moderate agreement", "substantial agreement",
        "almost perfect agreement", "almost perfect agreement"]
