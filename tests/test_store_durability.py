"""Durability and concurrency: a killed writer loses at most the turn in flight; many writers lose nothing."""

from __future__ import annotations

import signal
import subprocess
import threading
import time

from simulator.store import Store
from tests.store_support import (  # noqa: F401
    PYTHON,
    new_transcript,
    pg_url,
    scripted_turn,
    sqlite_url,
    store_url,
    subprocess_env,
    url_string,
)

WRITER = """
import sys
from simulator.store import Store
from tests.store_support import new_transcript, scripted_turn
store = Store(sys.argv[1])
transcript = new_transcript()
sid = store.start_session("Ana", transcript)
print("session", sid, flush=True)
n = 0
while True:
    turn = scripted_turn(transcript, n, tag="k")
    store.add_turn(sid, turn)
    print("committed", turn.index, flush=True)
    n += 1
"""


def test_store_durability_sigkill_mid_interview_keeps_every_committed_turn(store_url):
    child = subprocess.Popen(
        [PYTHON, "-c", WRITER, url_string(store_url)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=subprocess_env(),
    )
    try:
        session_id = None
        for line in child.stdout:
            kind, value = line.split()
            if kind == "session":
                session_id = value
            elif int(value) >= 40:
                break
        else:
            raise AssertionError(f"writer died early: {child.stderr.read()}")
        # The writer is still adding turns as fast as it can: the kill lands mid-turn.
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    reported = max(int(line.split()[1]) for line in [f"committed {value}"] + rest.splitlines() if line)

    with Store(store_url) as store:
        stored = store.load(session_id)
        indexes = [t.index for t in stored.turns]
        assert indexes == list(range(len(indexes)))
        # Every turn whose add_turn returned is there; at most the one in flight went in unreported.
        assert reported <= indexes[-1] <= reported + 1
        expected = new_transcript()
        for n in range(len(indexes) - 1):
            turn = scripted_turn(expected, n, tag="k")
            assert (stored.turns[turn.index].text, stored.turns[turn.index].label) == (turn.text, turn.label)
        # The restarted server resumes the session.
        assert store.open_session("Ana") == session_id
        store.add_turn(session_id, scripted_turn(stored, 999))
        assert store.session_info(session_id).turns == len(indexes) + 1


def test_store_concurrency_50_threads_30_turns_lose_and_duplicate_nothing(sqlite_url):
    # Three Store objects on one file: in-process writers queue on a lock, the others meet SQLite's file lock.
    stores = [Store(sqlite_url) for _ in range(3)]
    threads_n, turns_n = 50, 30
    errors: list[str] = []
    sessions: dict[int, str] = {}
    barrier = threading.Barrier(threads_n)
    done = threading.Event()

    def interview(i: int) -> None:
        try:
            store, trainee = stores[i % 3], f"trainee-{i}"
            transcript = new_transcript(opening=False)
            barrier.wait()
            sid = store.start_session(trainee, transcript)
            for n in range(turns_n):
                store.add_turn(sid, scripted_turn(transcript, n, tag=f"t{i}"), trainee=trainee)
            store.finish_session(sid, {"score": float(i)}, trainee=trainee)
            sessions[i] = sid
        except Exception as e:  # noqa: BLE001 - every failure is reported below
            errors.append(f"thread {i}: {e!r}")

    def coach() -> None:
        try:
            while not done.is_set():
                stores[0].list_sessions(sort="score", limit=20)
                stores[1].open_session("trainee-1")
        except Exception as e:  # noqa: BLE001
            errors.append(f"reader: {e!r}")

    workers = [threading.Thread(target=interview, args=(i,)) for i in range(threads_n)]
    readers = [threading.Thread(target=coach) for _ in range(2)]
    for t in workers + readers:
        t.start()
    for t in workers:
        t.join(timeout=120)
    done.set()
    for t in readers:
        t.join(timeout=30)
    assert errors == []
    assert len(sessions) == threads_n

    store = stores[2]
    rows, total = store.list_sessions(limit=100)
    assert total == threads_n and {r.turns for r in rows} == {turns_n}
    for i, sid in sessions.items():
        loaded = store.load(sid, trainee=f"trainee-{i}")
        assert [t.index for t in loaded.turns] == list(range(turns_n))
        assert all(t.text.startswith(f"t{i} ") for t in loaded.turns)
    for s in stores:
        s.close()


STARTER = """
import sys, time
from simulator.store import Store
from tests.store_support import new_transcript
start_at = float(sys.argv[2])
time.sleep(max(0.0, start_at - time.time()))
with Store(sys.argv[1]) as store:
    store.start_session("Ana", new_transcript())
"""


def test_store_migrations_safe_when_processes_start_at_once(store_url):
    start_at = time.time() + 2.0
    children = [
        subprocess.Popen([PYTHON, "-c", STARTER, url_string(store_url), str(start_at)], stderr=subprocess.PIPE,
                         text=True, env=subprocess_env())
        for _ in range(4)
    ]
    failures = []
    for child in children:
        _, err = child.communicate(timeout=60)
        if child.returncode:
            failures.append(err)
    assert failures == []
    with Store(store_url) as store:
        assert store.list_sessions()[1] == 4
