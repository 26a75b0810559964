"""The coaching loop in the app (AppTest, real SQLite store): sign-in accounts and who sees what by URL, the review
panel on a long imported session, the list's filters in the address, comment edits, feedback on the trainee's
report and gallery, the team overview, and duplicate imports refused across tabs."""

from __future__ import annotations

import time
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import accounts, common
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.identity import hash_passcode
from simulator.store import Store
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn
from tests.conftest import ScriptedClassifier
from tests.test_app_coach import (  # noqa: F401
    APP, COACH, _session, coach_env, content, downloads, go, sign_in, texts, titles, unreachable,
)

TIMEOUT = 30
CODES = {"ana": "ana passcode 1", "ben": "ben passcode 2", "cara": "cara passcode 3", "jo": "jo coach passcode"}
USERS = {
    "ana": {"name": "Ana Souza", "role": "trainee", "team": "north"},
    "ben": {"name": "Ben Okafor", "role": "trainee", "team": "north"},
    "cara": {"name": "Cara Lind", "role": "trainee", "team": "south"},
    "jo": {"name": "Jo Rivera", "role": "coach", "team": "north"},
}
SECRETS = {"users": {login: {**entry, "passcode": hash_passcode(CODES[login], iterations=1000)}
                     for login, entry in USERS.items()}}
LABELS = ["open", "leading", "closed", "reflection", "closed", "open", "leading", "echo"]


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'review.db'}") as s:
        yield s


def make_app(store, secrets=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.secrets.update(secrets or {"tests": "hermetic"})
    at.session_state["engine"] = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier())
    at.session_state["store"] = store
    at.run()
    assert not at.exception
    return at


def account_sign_in(at: AppTest, login: str, code: str | None = None) -> AppTest:
    at.switch_page(common.SIGNIN).run()
    at.text_input(key="account_login").set_value(login)
    at.text_input(key="account_passcode").set_value(code if code is not None else CODES[login])
    at.button(key="account_sign_in").click().run()
    assert not at.exception
    return at


def imported_session(store: Store, trainee: str, turns: int = 100) -> str:
    """An imported interview: Dana asks, Marcus answers; every third question follows a 5.2 s wait."""
    t = Transcript(persona_id="imported", persona_name="Zoom call", source="imported", started_at=time.time() - 3600)
    clock = 0.0
    for i in range(turns):
        asking = i % 2 == 1
        gap = 5.2 if asking and i % 3 == 0 else 0.5
        start, end = clock + gap, clock + gap + 4.0
        clock = end
        if asking:
            t.add(Turn(speaker=TRAINEE, name="Dana", text=f"Question {i}?", label=LABELS[(i // 2) % len(LABELS)],
                       start=start, end=end, reason="scripted", flags=["pitch"] if i == 7 else []))
        else:
            t.add(Turn(speaker=PERSONA, name="Marcus", text=f"Answer {i}.", start=start, end=end))
    t.ended_at = t.started_at + clock
    sid = store.start_session(trainee, t)
    store.finish_session(sid, {"score": 55, "silence_threshold": 3.0, "silences": 17,
                               "label_counts": {"leading": 12, "closed": 13}})
    return sid


@pytest.fixture
def team(store):
    for login, entry in USERS.items():
        if entry["role"] == "trainee":
            store.set_trainee_team(entry["name"], entry["team"])
    return {"ana": _session(store, "Ana Souza", "maria", days_ago=2, score=70),
            "ben": _session(store, "Ben Okafor", "tess", days_ago=1, score=50),
            "cara": _session(store, "Cara Lind", "maria", days_ago=1, score=60)}


# Sign-in and who sees what ------------------------------------------------------------------------------


def test_review_sign_in_is_required_and_typed_names_are_gone(store, team):
    at = make_app(store, SECRETS)
    assert titles(at) == ["Sign in"]
    assert "trainee_name_input" not in [w.key for w in at.text_input]
    at.query_params.update({"trainee": "Ben Okafor", "sid": team["ben"]})
    for page in (common.REPORT, common.INTERVIEW, common.IMPORT):
        with pytest.raises(ValueError):
            at.switch_page(page)  # not registered: their addresses show the sign-in page
    account_sign_in(at, "ana", "wrong passcode")
    assert "That login and passcode don't match." in texts(at) and titles(at) == ["Sign in"]
    account_sign_in(at, "ana")
    assert titles(at) == ["Practise a customer interview"]
    assert "Signed in as **Ana Souza** · team north" in "\n".join(m.value for m in at.markdown)
    assert "trainee_name_input" not in [w.key for w in at.text_input]


def test_review_a_trainee_sees_no_other_trainees_session_by_any_url(store, team, downloads):
    store.comment_session(team["ben"], COACH, "Ben's private feedback")
    at = account_sign_in(make_app(store, SECRETS), "ana")
    for page in (common.REPORT, common.INTERVIEW, common.GALLERY):
        for params in ({"sid": team["ben"]}, {"sid": team["ben"], "trainee": "Ben Okafor"}):
            at.session_state[common.SID] = team["ben"]
            go(at, page, **params)
            body = texts(at)
            assert "Ben Okafor" not in body, page
            assert "private feedback" not in body, page
            assert "Tess Tester ·" not in body and "Tess Tester** ·" not in body, page  # no report header of Ben's
            assert not at.get("download_button"), page
    assert unreachable(at)  # no coach page for a trainee, at any address
    # Their own report works, with its downloads.
    at.session_state[common.SID] = team["ana"]
    go(at, common.REPORT, sid=team["ana"])
    assert titles(at) == ["Interview report"] and at.get("download_button")
    assert all("Ben" not in content(downloads, b) for b in at.get("download_button"))


def test_review_a_coach_sees_their_team_only(store, team):
    at = account_sign_in(make_app(store, SECRETS), "jo")
    go(at, common.COACH_SESSIONS)
    assert sorted(at.dataframe[0].value["Trainee"]) == ["Ana Souza", "Ben Okafor"]
    go(at, common.COACH_SESSION, session=team["cara"])
    assert "Session not found" in texts(at) and "Cara" not in texts(at)
    assert not at.get("download_button")
    go(at, common.COACH_SESSION, session=team["ben"])
    assert titles(at) == ["Tess Tester · Ben Okafor"] and len(at.get("download_button")) == 4
    go(at, common.COACH_PROGRESS)
    assert at.selectbox(key="coach_progress_trainee").options == ["Ana Souza", "Ben Okafor"]
    go(at, common.COACH_TEAM)
    assert titles(at) == ["Team overview"] and "Cara" not in texts(at)


def test_review_broken_accounts_let_nobody_in_and_say_why(store):
    at = make_app(store, {"users": {"ana": {"role": "boss", "passcode": "ana's plain passcode"}}})
    assert titles(at) == ["Sign in"]
    code = "\n".join(c.value for c in at.code)
    assert "[users].ana.role" in code and "ana's plain passcode" not in code
    assert not at.text_input


def test_review_sign_in_lockout_is_per_source_and_survives_a_new_tab(store, monkeypatch):
    for _ in range(5):
        account_sign_in(make_app(store, SECRETS), "jo", "guess")  # a fresh tab each time
    at = account_sign_in(make_app(store, SECRETS), "jo")
    assert "Too many wrong passcodes from here" in texts(at)
    monkeypatch.setattr(accounts, "source", lambda: "10.9.9.9")  # the real coach, from another address
    at = account_sign_in(make_app(store, SECRETS), "jo")
    assert not unreachable(at)


# The review panel on a long imported session --------------------------------------------------------------


def test_review_panel_walks_every_leading_and_closed_question(store):
    sid = imported_session(store, "Dana")
    at = go(sign_in(make_app(store)), common.COACH_SESSION, session=sid)
    assert "Insights found" not in [m.label for m in at.metric]  # no "0 of 0" for an import
    body = texts(at)
    assert "Dana · 0:06" in body or "Dana · 0:0" in body  # speaker and time, as the import page shows them
    assert "Waited 5.2 s before speaking: a silence." in body
    at.pills(key="coach_turn_labels").set_value(["leading", "closed"]).run()
    wanted = [t.index for t in store.load(sid).turns if t.label in ("leading", "closed")]
    assert len(wanted) == 25
    # The transcript below shows only those questions (and what was said just before each).
    reviews = {b.key for b in at.get("popover") if str(b.key).startswith("review-")}
    assert reviews <= {f"review-{i}" for i in wanted} and len(reviews) >= 15  # a page of them, nothing else
    changed = wanted[3]
    for _ in range(len(wanted)):
        focus = at.session_state["coach_focus"][sid]
        if focus == changed:
            at.selectbox(key=f"focus_label_{focus}").set_value("open")
            at.button(key="coach_relabel").click().run()
        else:
            at.button(key="coach_agree").click().run()
        assert not at.exception
    verdicts = {n["turn"]: n for n in store.annotations(sid)["turns"]}
    assert sorted(verdicts) == wanted
    assert verdicts[changed]["label"] == "open" and not verdicts[changed]["confirmed"]
    assert all(v["confirmed"] for i, v in verdicts.items() if i != changed)
    assert at.button(key="coach_agree").proto.shortcut.upper() == "A"
    # Jump to a turn; next unreviewed with a filter on what is left.
    at.number_input(key="coach_jump").set_value(41).run()
    assert at.session_state["coach_focus"][sid] == 41
    at.toggle(key="coach_turn_unreviewed").set_value(True).run()
    assert "No question matches these filters." in texts(at)


def test_review_sessions_list_keeps_filters_in_the_address_and_shows_review_state(store, team):
    store.mark_reviewed(team["ana"], "Sam")
    store.comment_session(team["ana"], "Sam", "Nice")
    at = go(sign_in(make_app(store)), common.COACH_SESSIONS)
    frame = at.dataframe[0].value
    row = frame[frame["Trainee"] == "Ana Souza"].iloc[0]
    assert row["Reviewed"].startswith("✓ Sam") and row["Comments"] == 1 and row["Status"] == "Finished"
    at.selectbox(key="coach_f_review").set_value("unreviewed").run()
    assert sorted(at.dataframe[0].value["Trainee"]) == ["Ben Okafor", "Cara Lind"]
    assert at.query_params["coach_f_review"] in ("unreviewed", ["unreviewed"])  # in the address
    # The same address in a new tab (a shared link, or Back) shows the same list.
    shared = go(sign_in(make_app(store)), common.COACH_SESSIONS, coach_f_review="unreviewed", coach_f_sort="trainee")
    assert list(shared.dataframe[0].value["Trainee"]) == ["Cara Lind", "Ben Okafor"]
    at.session_state["coach_sessions_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert titles(at) in (["Maria Tester · Cara Lind"], ["Tess Tester · Ben Okafor"])
    at.session_state["coach_sessions_table"] = {"selection": {"rows": [], "columns": [], "cells": []}}
    go(at, common.COACH_SESSION, session=team["ben"])  # AppTest reruns the page it last switched to itself
    at.button(key="coach_back").click().run()
    assert titles(at) == ["Sessions"]
    assert sorted(at.dataframe[0].value["Trainee"]) == ["Ben Okafor", "Cara Lind"]  # still filtered


def test_review_session_comments_edited_and_deleted_by_their_author(store, team):
    sid = team["ana"]
    store.comment_session(sid, "Sam Other", "Not yours to change")
    at = go(sign_in(make_app(store)), common.COACH_SESSION, session=sid)
    at.text_area(key="coach_session_comment").set_value("First version")
    at.button(key="coach_comment_save").click().run()
    other, mine = store.annotations(sid)["session"]
    assert not [b for b in at.button if b.key == f"comment_delete_{other['id']}"]  # not the author
    at.text_area(key=f"comment_text_{mine['id']}").set_value("Second version")
    at.button(key=f"comment_edit_save_{mine['id']}").click().run()
    assert "Second version" in texts(at) and "First version" in texts(at)  # the history, in its expander
    at.button(key=f"comment_delete_{mine['id']}").click().run()
    assert [c["text"] for c in store.annotations(sid)["session"]] == ["Not yours to change"]
    at.button(key="coach_mark_reviewed").click().run()
    assert store.session_info(sid).reviewed_by == COACH


# Feedback reaches the trainee ----------------------------------------------------------------------------


def test_review_feedback_on_the_trainees_report_and_gallery(store, team):
    sid = team["ana"]
    store.annotate(sid, 3, "Jo Rivera", label="closed", comment="Ask it without the answer in it")
    store.comment_session(sid, "Jo Rivera", "Good opening, keep the pauses")
    at = account_sign_in(make_app(store, SECRETS), "ana")
    assert "Your coach left feedback" in texts(at)
    assert at.button(key=f"feedback-{sid}").label.endswith("2 new")
    at.button(key=f"feedback-{sid}").click().run()
    assert titles(at) == ["Interview report"]
    body = texts(at)
    assert "From your coach" in body and "Good opening, keep the pauses" in body
    assert "“Ask it without the answer in it”" in body
    assert "Closed question (the coach’s label)" in body and "⚠ Leading question" in body  # beside the scorer's
    go(at, common.GALLERY)
    assert "Your coach left feedback" not in texts(at)  # read now


# Duplicate imports ---------------------------------------------------------------------------------------


def importing(at: AppTest) -> AppTest:
    at.switch_page(common.IMPORT).run()
    return at


def test_review_the_same_file_saved_from_a_second_tab_is_refused(store, team):
    from tests.test_app_import import score, upload

    first = score(upload(importing(account_sign_in(make_app(store, SECRETS), "ana")), "zoom.vtt"))
    name_key = next(k for k in first.session_state if str(k).startswith("import_save_name_"))
    assert first.text_input(key=name_key).value == "Ana Souza" and first.text_input(key=name_key).disabled
    second = score(upload(importing(account_sign_in(make_app(store, SECRETS), "ana")), "zoom.vtt"))
    first.button(key="import_save").click().run()
    assert store.list_sessions(source="imported")[1] == 1
    second.run()
    assert "already saved as session" in texts(second)
    assert not [b for b in second.button if b.key == "import_save"]
    assert second.button(key="import_open_existing")
    # A restart: a new store object on the same database refuses it too.
    with Store(store.url) as again:
        third = score(upload(importing(account_sign_in(make_app(again, SECRETS), "ana")), "zoom.vtt"))
        assert "already saved as session" in texts(third)
