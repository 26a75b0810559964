#!/usr/bin/env bash
# Installs the app (first run only) and starts it: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
# Install on the first run, and again whenever pyproject.toml has changed since the last install.
STAMP="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  echo "==> Installing into $VENV (first run, or the dependencies changed: a few minutes)"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e .
  rm -f "$VENV"/.installed-* && touch "$STAMP"
fi
export HF_HUB_OFFLINE=1
# glibc gives every thread that allocates its own malloc arena (up to 8 per core), and freed memory stays in
# them: with Streamlit's thread per page run, two arenas keep the resident size flat (docs/deploy.md, section 4).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# The launcher loads the models as the server starts (python -m app_pages.server takes streamlit run flags).
exec "$VENV/bin/python" -m app_pages.server "$@"
