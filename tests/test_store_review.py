"""Viewers, review state, feedback and duplicate imports in the store (simulator/store.py), on SQLite and, when
configured, PostgreSQL; simulator/identity.py's accounts, passcode hashes and sign-in throttle."""

from __future__ import annotations

import sqlalchemy as sa
import pytest
from alembic import command

from simulator.identity import (
    COACH, TRAINEE, SignInThrottle, UsersError, Viewer, hash_passcode, parse_users, verify_passcode,
)
from simulator.store import AccessDenied, DuplicateImport, Store, alembic_config
from simulator.transcript import PERSONA, TRAINEE as TRAINEE_SPEAKER, Turn
from tests.store_support import new_transcript, pg_url, sqlite_url, store, store_url  # noqa: F401

ANA = Viewer("Ana", TRAINEE, "north")
BEN = Viewer("Ben", TRAINEE, "north")
CARA = Viewer("Cara", TRAINEE, "south")
NORTH_COACH = Viewer("Jo", COACH, "north")
ANY_COACH = Viewer("Sam", COACH, None)


def _interview(store: Store, trainee: str, *, team: str | None = None, flags=()) -> str:
    if team is not None:
        store.set_trainee_team(trainee, team)
    t = new_transcript()
    t.add(Turn(speaker=TRAINEE_SPEAKER, text="Don't you hate invoices?", label="leading", flags=list(flags)))
    t.add(Turn(speaker=PERSONA, text="Sometimes."))
    t.add(Turn(speaker=TRAINEE_SPEAKER, text="Do you use a tool?", label="closed"))
    t.add(Turn(speaker=PERSONA, text="A spreadsheet.", insights=["tool"]))
    sid = store.start_session(trainee, t)
    store.finish_session(sid, {"score": 40, "label_counts": {"leading": 1, "closed": 1},
                               "flag_counts": {f: 1 for f in flags}})
    return sid


@pytest.fixture
def team(store):
    return {"ana": _interview(store, "Ana", team="north", flags=["pitch"]),
            "ben": _interview(store, "Ben", team="north"),
            "cara": _interview(store, "Cara", team="south")}


def test_store_review_viewers_see_only_what_is_theirs(store, team):
    ana, cara = team["ana"], team["cara"]
    assert store.load(ana, viewer=ANA).trainee == "Ana"
    for call in (lambda v: store.load(ana, viewer=v), lambda v: store.metrics(ana, viewer=v),
                 lambda v: store.annotations(ana, viewer=v), lambda v: store.session_info(ana, viewer=v),
                 lambda v: store.feedback(ana, viewer=v), lambda v: store.mark_feedback_read(ana, viewer=v)):
        with pytest.raises(AccessDenied):
            call(BEN)
    with pytest.raises(AccessDenied):
        store.load(cara, viewer=NORTH_COACH)
    with pytest.raises(AccessDenied):
        store.annotate(cara, 1, "Jo", confirm=True, viewer=NORTH_COACH)
    with pytest.raises(AccessDenied):
        store.comment_session(cara, "Jo", "hi", viewer=NORTH_COACH)
    assert store.load(cara, viewer=ANY_COACH).trainee == "Cara"
    listed = lambda v: sorted(r.trainee for r in store.list_sessions(viewer=v)[0])  # noqa: E731
    assert listed(ANA) == ["Ana"]
    assert listed(NORTH_COACH) == ["Ana", "Ben"]
    assert listed(ANY_COACH) == ["Ana", "Ben", "Cara"]
    assert store.filter_options(viewer=NORTH_COACH)[0] == ["Ana", "Ben"]
    assert store.progress("Cara", viewer=NORTH_COACH) == []
    assert store.insight_rates("maria", viewer=NORTH_COACH)["sessions"] == 2
    assert [s["trainee"] for s in store.team_sessions(viewer=NORTH_COACH)] == ["Ana", "Ben"]
    store.annotate(cara, 1, "Sam", label="open", viewer=ANY_COACH)
    assert store.agreement(viewer=NORTH_COACH)["n"] == 0 and store.agreement(viewer=ANY_COACH)["n"] == 1


def test_store_review_list_rows_carry_review_state_and_counts(store, team):
    ana = team["ana"]
    store.annotate(ana, 1, "Jo", confirm=True, comment="Try an open one")
    store.annotate(ana, 3, "Jo", label="open")
    store.annotate(ana, 3, "Sam", comment="ok")
    store.annotate(ana, 3, "Sam")  # withdrawn: no longer counts
    store.comment_session(ana, "Jo", "Good start")
    store.mark_reviewed(ana, "Jo")
    rows = {r.id: r for r in store.list_sessions()[0]}
    assert (rows[ana].reviewed, rows[ana].reviewed_by, rows[ana].comments, rows[ana].flags) == (True, "Jo", 2, 1)
    assert (rows[team["ben"]].reviewed, rows[team["ben"]].comments) == (False, 0)
    assert [r.id for r in store.list_sessions(reviewed=False)[0]] == [team["cara"], team["ben"]]
    store.mark_reviewed(ana, "Jo", reviewed=False)
    assert not store.session_info(ana).reviewed


def test_store_review_comments_are_edited_and_deleted_by_their_author_only(store, team):
    ana = team["ana"]
    store.comment_session(ana, "Jo", "First take")
    store.comment_session(ana, "Sam", "Agreed")
    jo, sam = store.annotations(ana)["session"]
    with pytest.raises(AccessDenied):
        store.edit_session_comment(ana, jo["id"], "Sam", "hijacked")
    with pytest.raises(AccessDenied):
        store.delete_session_comment(ana, jo["id"], "Sam")
    store.edit_session_comment(ana, jo["id"], "Jo", "Second take")
    notes = store.annotations(ana, history=True)["session"]
    assert notes[0]["text"] == "Second take" and notes[0]["edited_at"] is not None
    assert [h["text"] for h in notes[0]["history"]] == ["First take"]
    store.delete_session_comment(ana, sam["id"], "Sam")
    assert [c["text"] for c in store.annotations(ana)["session"]] == ["Second take"]


def test_store_review_feedback_is_new_until_read(store, team):
    ana = team["ana"]
    assert store.new_feedback(ANA) == {}
    store.annotate(ana, 1, "Jo", label="open", comment="Ask it openly")
    store.comment_session(ana, "Jo", "Nice")
    assert store.feedback(ana, viewer=ANA)["new"] == 2
    assert store.new_feedback(ANA) == {ana: 2} and store.new_feedback(BEN) == {}
    store.mark_feedback_read(ana, viewer=ANA)
    assert store.feedback(ana, viewer=ANA)["new"] == 0 and store.new_feedback(ANA) == {}
    comment = store.annotations(ana)["session"][0]
    store.edit_session_comment(ana, comment["id"], "Jo", "Nice, and keep the pauses")
    assert store.new_feedback(ANA) == {ana: 1}


def test_store_review_duplicate_imports_are_refused(store):
    t = new_transcript()
    t.source = "imported"
    t.ended_at = t.started_at + 60
    first = store.start_session("Ana", t, content_hash="ab" * 32)
    assert store.find_import("ab" * 32) == first
    with pytest.raises(DuplicateImport) as refused:
        store.start_session("Ben", t, content_hash="ab" * 32)
    assert refused.value.session_id == first
    # A second store on the same database (another server process) refuses it too.
    with Store(store.url) as other, pytest.raises(DuplicateImport):
        other.start_session("Ana", t, content_hash="ab" * 32)
    assert store.list_sessions()[1] == 1
    store.start_session("Ana", t, content_hash="cd" * 32)
    store.start_session("Ana", t)  # practice sessions have no hash
    assert store.list_sessions()[1] == 3


def test_store_review_upgrade_from_0001_keeps_the_data(sqlite_url):
    with Store(sqlite_url) as store:
        sid = _interview(store, "Ana")
        cfg = alembic_config()
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
        assert "team" not in {c["name"] for c in sa.inspect(store.engine).get_columns("trainees")}
        store.migrate()
        assert store.load(sid).trainee == "Ana" and store.session_info(sid).reviewed is False


# identity ---------------------------------------------------------------------------------------------


def test_identity_passcode_hashes():
    stored = hash_passcode("a long passphrase", iterations=1000)
    assert stored.startswith("pbkdf2_sha256$1000$")
    assert verify_passcode(stored, "a long passphrase") and verify_passcode(stored, " a long passphrase ")
    assert not verify_passcode(stored, "a long passphrasE") and not verify_passcode(stored, "")
    assert not verify_passcode(None, "a long passphrase") and not verify_passcode(stored, None)
    with pytest.raises(ValueError):
        hash_passcode("short")


def test_identity_users_table():
    code = hash_passcode("ana's passcode", iterations=1000)
    users = parse_users({
        "Ana": {"name": "Ana Souza", "role": "trainee", "team": "north", "passcode": code},
        "jo": {"name": "Jo Rivera", "role": "coach", "team": "north", "email": "Jo@Example.com"},
    })
    assert users.authenticate("ana", "ana's passcode").viewer() == Viewer("Ana Souza", TRAINEE, "north")
    assert users.authenticate("ana", "wrong") is None and users.authenticate("nobody", "ana's passcode") is None
    assert users.by_email("jo@example.com").viewer() == Viewer("Jo Rivera", COACH, "north")
    with pytest.raises(UsersError) as bad:
        parse_users({"ben": {"role": "boss", "passcode": "plain text"}, "b c": {}, "cy": {"name": "Ben"},
                     "dee": {"name": "ben", "passcode": code}, "eve": "x"})
    message = str(bad.value)
    for expected in ("[users].ben.role: 'boss' is not a role", "[users].ben.passcode: not a passcode hash",
                     "[users].b c: the login", "[users].cy: give a passcode", "[users].eve: expected a table"):
        assert expected in message, message
    assert "plain text" not in message  # a passcode put there by mistake is never echoed


def test_identity_throttle_locks_a_source_not_everyone():
    throttle = SignInThrottle(per_pair=5, per_source=10, per_name=30, window=600, lockout=60)
    for i in range(5):
        throttle.fail("10.0.0.66", "jo", 100.0 + i)
    assert throttle.locked_for("10.0.0.66", "jo", 105.0) > 0
    assert throttle.locked_for("10.0.0.7", "jo", 105.0) == 0  # the real coach, elsewhere
    assert throttle.locked_for("10.0.0.66", "jo", 166.0) == 0  # the lockout ends
    # Many sources hammering one login: it is locked for them, not for a source that never failed.
    for i in range(40):
        throttle.fail(f"10.1.{i}.1", "jo", 200.0)
    assert throttle.locked_for("10.1.3.1", "jo", 201.0) > 0
    assert throttle.locked_for("10.0.0.7", "jo", 201.0) == 0
    # One source trying many logins.
    for i in range(10):
        throttle.fail("10.2.0.1", f"user{i}", 300.0)
    assert throttle.locked_for("10.2.0.1", "someone-else", 301.0) > 0


def test_identity_throttle_memory_is_bounded():
    throttle = SignInThrottle(max_keys=50)
    for i in range(1000):
        throttle.fail(f"src{i}", f"name{i}", 1.0)
    assert len(throttle._failures) <= 50 and len(throttle._last_fail) <= 50
