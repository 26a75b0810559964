"""Fixtures and builders shared by the tests/test_store_*.py files (imported by name, not a conftest).

PostgreSQL tests run when INTERVIEW_SIM_TEST_POSTGRES_URL is set (``.ci/start_postgres.sh`` prints one) and are
skipped only when it is not; each test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from simulator.store import Store, resolve_url
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

PG_ENV = "INTERVIEW_SIM_TEST_POSTGRES_URL"
REPO = Path(__file__).resolve().parent.parent
LABELS = ["open", "closed", "leading", "echo", "reflection", "statement"]


def subprocess_env() -> dict[str, str]:
    """Environment for a child Python that imports the repo's packages."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


PYTHON = sys.executable


def url_string(url: sa.URL) -> str:
    return url.render_as_string(hide_password=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> sa.URL:
    return resolve_url(f"sqlite:///{tmp_path / 'store.db'}")


@pytest.fixture
def pg_url():
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"set {PG_ENV} to run the PostgreSQL tests (.ci/start_postgres.sh starts a server)")
    base_url = resolve_url(base)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base_url, poolclass=NullPool)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    yield base_url.update_query_dict({"options": f"-csearch_path={schema}"})
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> sa.URL:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def store(store_url: sa.URL):
    with Store(store_url) as s:
        yield s


def new_transcript(persona: str = "maria", *, opening: bool = True, started_at: float | None = None) -> Transcript:
    transcript = Transcript(
        persona_id=persona,
        persona_name=persona.title(),
        insight_catalog=[
            {"id": "pain", "finding": "Invoices take her a day a month", "topic": "billing", "layer": "detail"},
            {"id": "tool", "finding": "She uses a spreadsheet", "topic": "tools", "layer": "surface"},
            {"id": "fear", "finding": "She fears the tax office", "topic": "billing", "layer": "deep"},
        ],
    )
    if started_at is not None:
        transcript.started_at = started_at
    if opening:
        transcript.add(Turn(speaker=PERSONA, text=f"Hi, I'm {persona.title()}.", move="opening"))
    return transcript


def scripted_turn(transcript: Transcript, n: int, tag: str = "") -> Turn:
    """The next turn of a scripted interview: trainee questions and persona answers alternate."""
    i = len(transcript.turns)
    if i % 2 == 1:
        label = LABELS[n % len(LABELS)]
        return transcript.add(
            Turn(speaker=TRAINEE, text=f"{tag} question {n}?", label=label, confidence=0.5 + (n % 5) / 10,
                 flags=["pitch"] if n % 7 == 0 else [], patience=1.5, reason=f"looks {label}")
        )
    insights = ["pain"] if n % 4 == 1 else []
    return transcript.add(
        Turn(speaker=PERSONA, text=f"{tag} answer {n}.", topic="billing", insights=insights, move="answer",
             contaminated=n % 9 == 0)
    )
