"""Store benchmark: turn write latency (one commit per turn) and the coach's session list over 10,000 sessions.

    .venv/bin/python benchmarks/bench_store.py                       # SQLite in a temp dir
    .venv/bin/python benchmarks/bench_store.py --url "$(.ci/start_postgres.sh)"

Targets: write p95 <= 10 ms on SQLite; first page of the session list <= 300 ms. On PostgreSQL the benchmark
works in a scratch schema that it drops afterwards. Start that server with INTERVIEW_SIM_PG_FSYNC=on for
commit latencies that mean something (the CI script turns fsync off).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.pool import NullPool  # noqa: E402

from simulator.store import Store, resolve_url  # noqa: E402
from simulator.store_models import SessionRow, TraineeRow, TurnRow  # noqa: E402
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn  # noqa: E402

WRITE_P95_TARGET_MS = 10.0
LIST_TARGET_MS = 300.0
PERSONAS = ["maria", "priya", "harold", "hyejin", "sam", "dev"]
LABELS = ["open", "closed", "leading", "echo", "reflection", "statement"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def bench_writes(store: Store, turns: int) -> dict[str, float]:
    transcript = Transcript(persona_id="maria", persona_name="Maria")
    transcript.add(Turn(speaker=PERSONA, text="Hi, I'm Maria.", move="opening"))
    sid = store.start_session("bench-writer", transcript)
    latencies = []
    for n in range(turns):
        if n % 2 == 0:
            turn = Turn(speaker=TRAINEE, text=f"Tell me about the last time you did that? ({n})",
                        label=random.choice(LABELS), confidence=0.8, flags=[], patience=2.0, reason="bench")
        else:
            turn = Turn(speaker=PERSONA, text="Well, it was a Tuesday and the invoices were late again. " * 3,
                        topic="billing", insights=["pain"] if n % 10 == 1 else [], move="answer")
        transcript.add(turn)
        started = time.perf_counter()
        store.add_turn(sid, turn, trainee="bench-writer")
        latencies.append((time.perf_counter() - started) * 1000)
    store.finish_session(sid, {"score": 50.0})
    return {
        "turns": turns,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies),
    }


def seed(store: Store, sessions: int, turns_per_session: int) -> float:
    """Bulk-insert sessions (and optionally turns) straight into the tables; returns seconds taken."""
    rng = random.Random(7)
    started = time.perf_counter()
    now = time.time()
    trainees = [{"name": f"trainee-{i:03d}", "created_at": now} for i in range(200)]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(TraineeRow), trainees)
        trainee_ids = list(conn.scalars(sa.select(TraineeRow.id).where(TraineeRow.name.like("trainee-%"))))
        batch, turn_batch = [], []
        for i in range(sessions):
            sid = uuid.uuid4().hex
            start = now - rng.uniform(0, 180 * 86400)
            finished = rng.random() < 0.9
            batch.append({
                "id": sid, "trainee_id": rng.choice(trainee_ids), "persona_id": rng.choice(PERSONAS),
                "persona_name": "Persona", "source": "practice" if rng.random() < 0.8 else "imported",
                "started_at": start, "ended_at": start + 900 if finished else None, "updated_at": start + 900,
                "turn_count": turns_per_session, "score": round(rng.uniform(0, 100), 1) if finished else None,
                "open_share": rng.random() if finished else None, "metrics": {"score": 1} if finished else None,
                "insights_uncovered": rng.sample(["pain", "tool", "fear", "price"], 2) if finished else None,
                "header": {"language": "en", "seed": 0, "insight_catalog": []},
            })
            for idx in range(turns_per_session):
                speaker = TRAINEE if idx % 2 else PERSONA
                text = "A question?" if speaker == TRAINEE else "An answer."
                turn_batch.append({
                    "session_id": sid, "idx": idx, "speaker": speaker, "text": text, "at": start + idx,
                    "start": None, "end": None, "label": "open" if speaker == TRAINEE else None, "flags": [],
                    "confidence": None, "patience": None, "topic": None, "insights": [], "contaminated": False,
                    "data": {"speaker": speaker, "text": text, "index": idx, "at": start + idx},
                })
            if len(batch) >= 2000:
                conn.execute(sa.insert(SessionRow), batch)
                if turn_batch:
                    conn.execute(sa.insert(TurnRow), turn_batch)
                batch, turn_batch = [], []
        if batch:
            conn.execute(sa.insert(SessionRow), batch)
            if turn_batch:
                conn.execute(sa.insert(TurnRow), turn_batch)
    if store.backend == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")
    else:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return time.perf_counter() - started


def timed(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    first_started = time.perf_counter()
    call()
    first = (time.perf_counter() - first_started) * 1000
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append((time.perf_counter() - started) * 1000)
    return {"first_ms": first, "median_ms": statistics.median(runs), "max_ms": max(runs)}


def bench_reads(store: Store, repeat: int) -> dict[str, dict[str, float]]:
    return {
        "list: newest first, page 1 (50)": timed(lambda: store.list_sessions(limit=50), repeat),
        "list: one trainee": timed(lambda: store.list_sessions(trainee="trainee-042"), repeat),
        "list: persona + score 60-80, by score": timed(
            lambda: store.list_sessions(persona="maria", min_score=60, max_score=80, sort="score"), repeat),
        "list: last 30 days, by trainee, page 10": timed(
            lambda: store.list_sessions(since=time.time() - 30 * 86400, sort="trainee", offset=450), repeat),
        "open_session (reload)": timed(lambda: store.open_session("trainee-042"), repeat),
        "progress (one trainee)": timed(lambda: store.progress("trainee-042"), repeat),
        "insight_rates (one persona)": timed(lambda: store.insight_rates("maria"), repeat),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="database URL (default: SQLite in a temp dir)")
    parser.add_argument("--turns", type=int, default=500, help="turns to write one by one")
    parser.add_argument("--sessions", type=int, default=10_000, help="sessions to seed for the list")
    parser.add_argument("--turns-per-session", type=int, default=10, help="turns seeded per session")
    parser.add_argument("--repeat", type=int, default=20, help="timed repetitions of each read")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    tmp = None
    schema = None
    admin = None
    if args.url is None:
        tmp = tempfile.TemporaryDirectory()
        url = resolve_url(f"sqlite:///{Path(tmp.name) / 'bench.db'}")
    else:
        url = resolve_url(args.url)
        if url.get_backend_name() == "postgresql":
            schema = f"bench_{uuid.uuid4().hex[:10]}"
            admin = sa.create_engine(url, poolclass=NullPool)
            with admin.begin() as conn:
                conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
            url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        store = Store(url)
        writes = bench_writes(store, args.turns)
        seed_s = seed(store, args.sessions, args.turns_per_session)
        reads = bench_reads(store, args.repeat)
        store.close()
    finally:
        if admin is not None:
            with admin.begin() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            admin.dispose()
        if tmp is not None:
            tmp.cleanup()

    page = reads["list: newest first, page 1 (50)"]
    result = {
        "database": url.get_backend_name(),
        "writes": writes,
        "seed": {"sessions": args.sessions, "turns": args.sessions * args.turns_per_session, "seconds": seed_s},
        "reads": reads,
        "targets": {
            "write_p95_ms": [WRITE_P95_TARGET_MS, writes["p95_ms"] <= WRITE_P95_TARGET_MS],
            "list_first_page_ms": [LIST_TARGET_MS, max(page["first_ms"], page["median_ms"]) <= LIST_TARGET_MS],
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"database: {result['database']}")
    print(f"turn writes ({writes['turns']}, one commit each): p50 {writes['p50_ms']:.2f} ms, "
          f"p95 {writes['p95_ms']:.2f} ms, p99 {writes['p99_ms']:.2f} ms, max {writes['max_ms']:.2f} ms")
    print(f"seeded {args.sessions} sessions / {result['seed']['turns']} turns in {seed_s:.1f} s")
    for name, r in reads.items():
        print(f"{name:42s} first {r['first_ms']:7.2f} ms  median {r['median_ms']:7.2f} ms  max {r['max_ms']:7.2f} ms")
    for name, (target, ok) in result["targets"].items():
        print(f"target {name} <= {target:g}: {'ok' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
