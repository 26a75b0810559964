"""No turn is ever lost: a store outage queues turns (durable outbox, else visibly held), the store takes them back
in order with contiguous indexes, and a second writer on one session is refused instead of interleaving.

Faults are real, not mocked:

- a full disk: SQLite on a small tmpfs filled to the last byte (needs ``mount``; skipped where it is refused);
- a read-only file system: that tmpfs remounted read-only (root still cannot write to it);
- a read-only database: every connection of the store opened with ``PRAGMA query_only`` (runs everywhere: root
  ignores file permissions, so chmod would prove nothing);
- PostgreSQL stopped and restarted: a throwaway cluster from ``.ci/start_postgres.sh``, run when
  INTERVIEW_SIM_TEST_POSTGRES_URL is set (the sign that PostgreSQL tests are wanted here), skipped otherwise.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import event

from simulator.outbox import Outbox, TurnWriter
from simulator.store import SessionFinished, Store, StoreUnavailable, TurnConflict
from simulator.transcript import PERSONA, TRAINEE, Turn
from tests.store_support import PG_ENV, REPO

QUESTIONS = [f"What happened the time number {n} went wrong?" for n in range(12)]


# Faults -----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def query_only(store: Store):
    """Every connection of ``store`` refuses writes (SQLITE_READONLY) until the block ends."""

    def on_connect(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA query_only = ON")

    event.listen(store.engine, "connect", on_connect)
    store.engine.dispose()
    try:
        yield
    finally:
        event.remove(store.engine, "connect", on_connect)
        store.engine.dispose()


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                            capture_output=True, text=True)
    return result.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MiB tmpfs (a real file system that fills up); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    if not _mount_tmpfs(mount, "16m"):
        pytest.skip("mounting a tmpfs is not allowed here (needs CAP_SYS_ADMIN)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(folder: Path) -> Path:
    """Write a file until the disk is full; returns it (delete it to free the space)."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 65536, 4096, 1):
            chunk = b"\xff" * size
            with contextlib.suppress(OSError):
                while os.write(fd, chunk) == size:
                    pass
    finally:
        os.close(fd)
    return filler


# Helpers ----------------------------------------------------------------------------------------------


def start_session(make_engine, test_persona, store: Store, writer: TurnWriter):
    session = make_engine().start(test_persona, seed=3)
    sid = store.start_session("Ana", session.transcript)
    session.on_turn = lambda turn: writer.write(sid, turn)
    return session, sid


def assert_contiguous(transcript) -> None:
    assert [t.index for t in transcript.turns] == list(range(len(transcript.turns)))


def assert_same_turns(stored, live) -> None:
    assert_contiguous(stored)
    assert [(t.index, t.speaker, t.text) for t in stored.turns] == [(t.index, t.speaker, t.text) for t in live.turns]


# The engine records a turn only once it is committed ---------------------------------------------------------


def test_a_turn_joins_the_transcript_only_after_on_turn_accepts_it(make_engine, test_persona):
    session = make_engine().start(test_persona)
    seen: list[tuple[int, int]] = []

    def on_turn(turn: Turn) -> None:
        seen.append((turn.index, len(session.transcript.turns)))

    session.on_turn = on_turn
    session.ask(QUESTIONS[0])
    # Each turn was numbered, then committed while the transcript did not hold it yet.
    assert seen == [(1, 1), (2, 2)]


def test_a_refused_turn_leaves_transcript_and_state_as_they_were(make_engine, test_persona):
    session = make_engine().start(test_persona)
    session.ask(QUESTIONS[0])
    before = [t.to_dict() for t in session.transcript.turns]
    revealed = set(session.state.revealed)

    def refuse(turn: Turn) -> None:
        raise TurnConflict(session_id="x", index=turn.index)

    session.on_turn = refuse
    with pytest.raises(TurnConflict):
        session.ask(QUESTIONS[1])
    assert [t.to_dict() for t in session.transcript.turns] == before

    # The persona's reply refused: the trainee turn is in, the reply is not, the state has not moved on.
    session.on_turn = lambda turn: refuse(turn) if turn.speaker == PERSONA else None
    pending = session.send(QUESTIONS[2])
    with pytest.raises(TurnConflict):
        pending.finish()
    assert session.transcript.turns[-1].speaker == TRAINEE
    assert session.state.revealed == revealed


def test_whitespace_only_input_is_never_sent_as_a_question(make_engine, test_persona):
    # The page ignores whitespace-only input; the engine's send() treats it as the silence it looks like.
    session = make_engine().start(test_persona)
    trainee, _ = session.ask("   ")
    assert trainee.label == "silence" and trainee.text == ""


# The store: optimistic concurrency on the turn index -----------------------------------------------------------


def test_store_refuses_a_gap_and_a_different_turn_at_a_taken_index(tmp_path, make_engine, test_persona):
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        session = make_engine().start(test_persona)
        sid = store.start_session("Ana", session.transcript)
        session.on_turn = lambda turn: store.add_turn(sid, turn)
        session.ask(QUESTIONS[0])
        gap = Turn(speaker=TRAINEE, text="skipped ahead", index=5)
        with pytest.raises(TurnConflict) as caught:
            store.add_turn(sid, gap)
        assert caught.value.stored == 3
        other = Turn(speaker=TRAINEE, text="a second tab", index=1)
        with pytest.raises(TurnConflict):
            store.add_turn(sid, other)
        store.add_turn(sid, session.transcript.turns[1])  # the same turn again: a no-op
        assert_same_turns(store.load(sid), session.transcript)


def test_two_tabs_one_writer_the_stale_one_reloads_and_nothing_interleaves(tmp_path, make_engine, test_persona):
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        writer = TurnWriter(store)
        engine = make_engine()
        tab_a, sid = start_session(lambda: engine, test_persona, store, writer)
        tab_b = engine.resume(test_persona, store.load(sid))
        tab_b.on_turn = lambda turn: writer.write(sid, turn)
        tab_a.ask(QUESTIONS[0])
        with pytest.raises(TurnConflict):
            tab_b.ask(QUESTIONS[1])
        assert len(tab_b.transcript.turns) == 1  # nothing half-recorded in the stale tab
        # The stale tab refreshes from the store and goes on from there.
        tab_b = engine.resume(test_persona, store.load(sid))
        tab_b.on_turn = lambda turn: writer.write(sid, turn)
        tab_b.ask(QUESTIONS[1])
        stored = store.load(sid)
        assert_same_turns(stored, tab_b.transcript)
        assert [t.text for t in stored.trainee_turns] == QUESTIONS[:2]
        store.finish_session(sid)
        with pytest.raises(SessionFinished):
            tab_a.ask(QUESTIONS[2])


# Outages on SQLite --------------------------------------------------------------------------------------------


def test_read_only_database_queues_turns_then_writes_them_once_in_order(tmp_path, make_engine, test_persona):
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        writer = TurnWriter(store, tmp_path / "outbox", retry_every=0.05)
        session, sid = start_session(make_engine, test_persona, store, writer)
        session.ask(QUESTIONS[0])
        with query_only(store):
            assert store.probe().kind == "read-only"
            for q in QUESTIONS[1:4]:
                session.ask(q)  # the interview goes on
            status = writer.status(sid)
            assert status.waiting == 6 and status.durable and status.problem.kind == "read-only"
            assert "read-only" in str(status.problem) and "UPDATE" not in str(status.problem)
            assert len(store.load(sid).turns) == 3  # the store has not taken them
            # Durable: the outbox file holds them, in order.
            records = Outbox.read(next((tmp_path / "outbox").glob("outbox-*.jsonl")))
            assert [r["turn"]["index"] for r in records] == [3, 4, 5, 6, 7, 8]
        assert store.probe() is None
        time.sleep(0.1)  # past retry_every: the writer tries the store again
        session.ask(QUESTIONS[4])  # the next turn writes the queue first, then itself
        assert writer.status(sid).ok
        assert_same_turns(store.load(sid), session.transcript)
        assert len(session.transcript.turns) == 11
        writer.close()
    assert not list((tmp_path / "outbox").glob("outbox-*.jsonl"))  # a clean stop leaves no outbox


def test_full_disk_keeps_turns_in_the_reserved_outbox_and_recovers(small_disk, make_engine, test_persona):
    store = Store(f"sqlite:///{small_disk / 'db.sqlite'}")
    writer = TurnWriter(store, small_disk / "outbox", retry_every=0.05)
    session, sid = start_session(make_engine, test_persona, store, writer)
    session.ask(QUESTIONS[0])
    assert writer.reserve()  # the app opens the outbox at start, reserving its space before the disk fills
    filler = fill(small_disk)
    try:
        problem = store.probe()
        assert problem is not None and problem.kind == "full"
        for q in QUESTIONS[1:6]:
            session.ask(q)
        status = writer.status(sid)
        assert status.waiting == 10
        assert status.durable, "the outbox's reserved space takes turns on a full disk"
        assert "full" in str(status.problem)
    finally:
        filler.unlink()
    assert writer.flush(force=True)
    stored = store.load(sid)
    assert_same_turns(stored, session.transcript)
    assert len(stored.turns) == 13
    writer.close()
    store.close()


def test_read_only_file_system_holds_turns_visibly_and_loses_none(small_disk, tmp_path, make_engine, test_persona):
    store = Store(f"sqlite:///{small_disk / 'db.sqlite'}")
    # The outbox lives on the same (soon read-only) file system: turns can only be held in memory.
    writer = TurnWriter(store, small_disk / "outbox", retry_every=0.05)
    session, sid = start_session(make_engine, test_persona, store, writer)
    session.ask(QUESTIONS[0])
    store.engine.dispose()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        for q in QUESTIONS[1:3]:
            session.ask(q)
        status = writer.status(sid)
        assert status.waiting == 4 and not status.durable  # visibly pending: the page says so
        assert status.problem.kind in ("read-only", "missing", "error")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    time.sleep(0.1)
    session.ask(QUESTIONS[3])
    assert writer.status(sid).ok
    assert_same_turns(store.load(sid), session.transcript)
    writer.close()
    store.close()


def test_a_restart_writes_what_the_outbox_kept(tmp_path, make_engine, test_persona):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    store = Store(url)
    writer = TurnWriter(store, tmp_path / "outbox")
    session, sid = start_session(make_engine, test_persona, store, writer)
    with query_only(store):
        session.ask(QUESTIONS[0])
        session.ask(QUESTIONS[1])
        # The server dies here: the outbox file stays (and its lock goes with the process).
        writer._outbox._end  # noqa: B018 - the file holds 4 records
        os.close(writer._outbox._fd)
        writer._outbox._fd = -1
    store.close()
    with Store(url) as again:
        assert len(again.load(sid).turns) == 1
        later = TurnWriter(again, tmp_path / "outbox")
        assert later.recover() == 4
        assert_same_turns(again.load(sid), session.transcript)
        assert later.recover() == 0  # written once
        later.close()


# PostgreSQL stopped and restarted -------------------------------------------------------------------------


@pytest.fixture
def own_postgres():
    """A throwaway PostgreSQL cluster this test may stop and start (never the shared test server)."""
    if not os.environ.get(PG_ENV):
        pytest.skip(f"set {PG_ENV} to run the PostgreSQL tests (.ci/start_postgres.sh starts a server)")
    started = subprocess.run(["bash", str(REPO / ".ci" / "start_postgres.sh")], capture_output=True, text=True,
                             env={**os.environ, "INTERVIEW_SIM_PG_DB": f"outage_{uuid.uuid4().hex[:6]}"})
    assert started.returncode == 0, started.stderr
    url = started.stdout.strip().splitlines()[-1]
    work = re.search(r"cluster in (\S+), port", started.stderr).group(1)
    bin_dir = re.search(r"(/\S+/bin)/pg_ctl", started.stderr).group(1)
    port = re.search(r"port (\d+)", started.stderr).group(1)
    as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []

    def pg_ctl(*args: str) -> None:
        subprocess.run([*as_pg, f"{bin_dir}/pg_ctl", "-D", f"{work}/data", *args], check=True,
                       capture_output=True)

    def stop() -> None:
        pg_ctl("stop", "-m", "fast", "-w")

    def start() -> None:
        pg_ctl("start", "-w", "-l", f"{work}/server.log", "-o",
               f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={work} -c fsync=off")

    yield url, stop, start
    with contextlib.suppress(subprocess.CalledProcessError):
        stop()
    subprocess.run(["rm", "-rf", work])


def test_postgres_stopped_mid_interview_then_restarted(own_postgres, tmp_path, make_engine, test_persona):
    url, stop, start = own_postgres
    store = Store(url)
    writer = TurnWriter(store, tmp_path / "outbox", retry_every=0.05)
    session, sid = start_session(make_engine, test_persona, store, writer)
    session.ask(QUESTIONS[0])
    stop()
    try:
        assert store.probe().kind == "away"
        with pytest.raises(StoreUnavailable) as caught:
            store.load(sid)
        assert "not answering" in str(caught.value)
        for q in QUESTIONS[1:5]:
            session.ask(q)
        status = writer.status(sid)
        assert status.waiting == 8 and status.durable and status.problem.kind == "away"
    finally:
        start()
    assert writer.flush(force=True)
    stored = store.load(sid)
    assert_same_turns(stored, session.transcript)
    assert len(stored.turns) == 11
    # And the interview goes on, against the restarted server, without reopening anything.
    session.ask(QUESTIONS[5])
    assert_same_turns(store.load(sid), session.transcript)
    writer.close()
    store.close()


def test_a_session_an_old_outage_left_with_a_gap_goes_on_after_its_last_turn(tmp_path, make_engine, test_persona):
    from sqlalchemy import text

    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        engine = make_engine()
        session = engine.start(test_persona)
        sid = store.start_session("Ana", session.transcript)
        session.on_turn = lambda turn: store.add_turn(sid, turn)
        for q in QUESTIONS[:6]:
            session.ask(q)
        with store.engine.begin() as conn:  # what the old code left behind: turns 7 and 8 never stored
            conn.execute(text("DELETE FROM turns WHERE session_id = :s AND idx IN (7, 8)"), {"s": sid})
        resumed = engine.resume(test_persona, store.load(sid))
        resumed.on_turn = lambda turn: store.add_turn(sid, turn)
        resumed.ask(QUESTIONS[6])  # no TurnConflict: the next index is one past the last stored one
        indexes = [t.index for t in store.load(sid).turns]
        assert indexes == [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14]
