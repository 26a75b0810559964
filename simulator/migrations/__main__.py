"""Generate a new store migration from the models: ``python -m simulator.migrations "what changed"``.

Builds a scratch SQLite database at the current head, compares it with ``simulator/store_models.py`` and writes
the difference as a new file in ``simulator/migrations/versions/``. Review it before committing (renames show up
as drop + add; data migrations are yours to write).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].strip():
        print('usage: python -m simulator.migrations "short description of the change"', file=sys.stderr)
        return 2
    from alembic import command

    from simulator.store import Store, alembic_config

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scratch.db'}"
        Store(url).close()
        command.revision(alembic_config(url), message=argv[0].strip(), autogenerate=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
