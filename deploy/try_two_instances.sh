#!/usr/bin/env bash
# Tries the team recipe of docs/deploy.md on loopback: a (fake) OpenAI-compatible LLM server, two
# app instances, nginx with sticky sessions and websockets in front. Stops everything it started.
# Needs nginx (Debian: apt-get install nginx-light). Usage: bash deploy/try_two_instances.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

wait_for() {  # url, what
  for _ in $(seq 1 120); do
    if curl -fsS -m 2 "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "FAIL: $2 did not come up at $1" >&2
  exit 1
}

echo "==> fake LLM server on 127.0.0.1:8001 (stands in for vLLM / Ollama)"
"$PY" tests/fake_openai_server.py --port 8001 >"$WORK/llm.log" 2>&1 &
PIDS+=($!)
wait_for http://127.0.0.1:8001/v1/models "the LLM server"

export INTERVIEW_SIM_BACKEND=openai
export INTERVIEW_SIM_BASE_URL=http://127.0.0.1:8001/v1
export INTERVIEW_SIM_MODEL=fake-echo
export INTERVIEW_SIM_TIMEOUT=10
export INTERVIEW_SIM_EMBEDDER="${INTERVIEW_SIM_EMBEDDER:-hashing}"   # light start-up for a trial
export HF_HUB_OFFLINE=1

echo "==> the configured backend, as every app instance builds it"
"$PY" - <<'PY'
from simulator.backends import ReplyRequest
from simulator.config import configured_backend

backend, note = configured_backend()
assert backend.name == "openai" and note is None, (backend.name, note)
request = ReplyRequest("Maria Lindqvist", "en", {}, "answer", "I stopped ordering in October.", 40,
                       (("trainee", "When did you last order?"),))
print("   backend:", backend.name, "| reply:", "".join(backend.generate(request)))
PY

for port in 8501 8502; do
  echo "==> app instance on 127.0.0.1:$port"
  "$VENV/bin/streamlit" run streamlit_app.py --server.port "$port" --server.address 127.0.0.1 \
    --server.headless true --server.fileWatcherType none --browser.gatherUsageStats false \
    >"$WORK/app-$port.log" 2>&1 &
  PIDS+=($!)
done
wait_for http://127.0.0.1:8501/_stcore/health "app instance 8501"
wait_for http://127.0.0.1:8502/_stcore/health "app instance 8502"

echo "==> nginx on 127.0.0.1:8080 with deploy/nginx.conf"
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log;
events { worker_connections 256; }
http {
  access_log $WORK/nginx/logs/access.log;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  include $PWD/deploy/nginx.conf;
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
wait_for http://127.0.0.1:8080/_stcore/health "nginx"

echo "==> checks through the proxy"
[ "$(curl -fsS http://127.0.0.1:8080/_stcore/health)" = "ok" ] && echo "   ok   health endpoint through nginx"
curl -sS -m 3 -o /dev/null -D "$WORK/ws.txt" --http1.1 \
  -H "Connection: Upgrade" -H "Upgrade: websocket" -H "Sec-WebSocket-Version: 13" \
  -H "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" http://127.0.0.1:8080/_stcore/stream 2>/dev/null || true
if grep -q "^HTTP/1.1 101" "$WORK/ws.txt"; then echo "   ok   websocket upgrade (101 Switching Protocols)"; else
  echo "FAIL: no websocket upgrade through nginx:"; cat "$WORK/ws.txt"; exit 1; fi

upstream() { curl -fsS -o /dev/null -D - "$@" http://127.0.0.1:8080/_stcore/health | tr -d '\r' |
             awk -F': ' 'tolower($1)=="x-interview-sim-upstream" {print $2}'; }
curl -fsS -o /dev/null -c "$WORK/jar" http://127.0.0.1:8080/
first="$(upstream -b "$WORK/jar")"
for _ in $(seq 1 20); do
  [ "$(upstream -b "$WORK/jar")" = "$first" ] || { echo "FAIL: a browser's requests changed instance"; exit 1; }
done
echo "   ok   one browser (cookie) stays on $first for 20 requests"
seen="$(for _ in $(seq 1 20); do upstream; done | sort -u | wc -l)"
[ "$seen" -eq 2 ] && echo "   ok   20 new browsers are spread over both instances" ||
  { echo "FAIL: new browsers all went to one instance"; exit 1; }
echo "All proxy checks passed."
