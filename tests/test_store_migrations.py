"""Migrations: an upgraded empty database has exactly the models' tables; unknown revisions are refused."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from simulator.store import Store, StoreConfigError, alembic_config
from simulator.store_models import VERSION_TABLE, Base
from tests.store_support import new_transcript, pg_url, sqlite_url, store_url  # noqa: F401


def _diff(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE, "compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_store_migrations_upgrade_gives_the_models_tables(store_url):
    with Store(store_url) as store:
        assert _diff(store.engine) == []
        tables = set(sa.inspect(store.engine).get_table_names())
        assert tables == set(Base.metadata.tables) | {VERSION_TABLE}


def test_store_migrations_downgrade_and_upgrade_again(store_url):
    with Store(store_url) as store:
        store.start_session("Ana", new_transcript())
        cfg = alembic_config()
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert set(sa.inspect(store.engine).get_table_names()) <= {VERSION_TABLE}
        store.migrate()
        assert _diff(store.engine) == [] and store.list_sessions()[1] == 0


def test_store_migrations_refuse_a_newer_schema(sqlite_url):
    Store(sqlite_url).close()
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = 'f00dcafe'"))
    engine.dispose()
    with pytest.raises(StoreConfigError, match="schema revision 'f00dcafe'.*a newer version upgraded it"):
        Store(sqlite_url)


def test_store_migrations_start_is_a_noop_when_current(sqlite_url):
    Store(sqlite_url).close()
    events = []
    store = Store(sqlite_url, migrate=False)
    sa.event.listen(store.engine, "before_cursor_execute", lambda *a: events.append(a[2]))
    store.migrate()
    store.close()
    assert not any(s.lstrip().upper().startswith(("CREATE", "ALTER", "BEGIN IMMEDIATE")) for s in events)
