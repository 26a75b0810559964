#!/usr/bin/env bash
# Installs the app (first run only) and starts it: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
if [ ! -x "$VENV/bin/streamlit" ]; then
  echo "==> Installing into $VENV (first run only, a few minutes)"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e .
fi
export HF_HUB_OFFLINE=1
# The launcher loads the models as the server starts (python -m app_pages.server takes streamlit run flags).
exec "$VENV/bin/python" -m app_pages.server "$@"
