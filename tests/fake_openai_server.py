"""A small OpenAI-compatible server on loopback: real HTTP and SSE streaming, with scripted failures.

Tests queue what each request gets; with nothing queued it "rephrases" by echoing the content the
prompt asks to say, streamed word by word, which is also how it serves the deploy recipe
(docs/deploy.md) on a machine without a model::

    python tests/fake_openai_server.py --port 8001      # http://127.0.0.1:8001/v1, model "fake-echo"

    with FakeOpenAI() as server:
        server.enqueue(Status(500), Reply("Night shifts, yes."))
        backend = OpenAIBackend(server.url, server.model)
        ...
        server.requests   # what arrived: method, path, headers, JSON body
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CONTENT_MARKER = "Text to rewrite:\n"  # simulator.llm_backends.CONTENT_HEADER


@dataclass
class Reply:
    """Stream ``text`` as SSE chunks of ``words`` words, ``delay`` seconds apart."""

    text: str
    words: int = 1
    delay: float = 0.0
    finish: str = "stop"  # "length": the model hit max_tokens


@dataclass
class Status:
    """Answer with an HTTP error status and an OpenAI-style error body."""

    code: int
    message: str = "scripted failure"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Sleep:
    """Wait ``seconds`` before answering at all (the client should time out)."""

    seconds: float
    then: Any = None


@dataclass
class Stall:
    """Stream ``text`` and then stop sending without closing (a read timeout mid-stream)."""

    text: str
    seconds: float


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: dict[str, Any] | None


def _lower(headers: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def echo_content(body: dict[str, Any]) -> str:
    """The content the prompt asks the model to say: a perfect, if dull, rephrasing."""
    for message in reversed(body.get("messages") or []):
        if message.get("role") == "user":
            text = message.get("content") or ""
            return text.split(CONTENT_MARKER, 1)[-1].strip()
    return ""


class FakeOpenAI:
    """A threaded HTTP server on 127.0.0.1 with an ephemeral port; use as a context manager."""

    def __init__(self, model: str = "fake-echo", api_key: str | None = None, port: int = 0) -> None:
        self.model = model
        self.api_key = api_key
        self.script: deque = deque()
        self.requests: list[Recorded] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fake-openai", daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def enqueue(self, *actions: Any) -> "FakeOpenAI":
        with self._lock:
            self.script.extend(actions)
        return self

    def next_action(self) -> Any:
        with self._lock:
            return self.script.popleft() if self.script else None

    def record(self, entry: Recorded) -> None:
        with self._lock:
            self.requests.append(entry)

    @property
    def completions(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def start(self) -> "FakeOpenAI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "FakeOpenAI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: the body of a streamed answer ends when the connection closes.
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
            pass

        def _json(self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            if server.api_key is None or self.headers.get("Authorization") == f"Bearer {server.api_key}":
                return True
            self._json(401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                                       "code": "invalid_api_key"}})
            return False

        def do_GET(self) -> None:
            server.record(Recorded("GET", self.path, _lower(self.headers), None))
            if not self._authorised():
                return
            if self.path.rstrip("/").endswith("/models"):
                self._json(200, {"object": "list", "data": [{"id": server.model, "object": "model",
                                                              "created": 0, "owned_by": "fake"}]})
            else:
                self._json(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            server.record(Recorded("POST", self.path, _lower(self.headers), body))
            if not self._authorised():
                return
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._json(404, {"error": {"message": f"no route {self.path}"}})
                return
            action = server.next_action()
            while isinstance(action, Sleep):
                server.stopping.wait(action.seconds)
                action = action.then
            if action is None:
                action = Reply(echo_content(body))
            if isinstance(action, Status):
                self._json(action.code, {"error": {"message": action.message, "type": "server_error"}},
                           action.headers)
            elif isinstance(action, Stall):
                self._stream(body, action.text, 1, 0.0, stall=action.seconds)
            else:
                self._stream(body, action.text, action.words, action.delay, finish=action.finish)

        def _stream(self, body: dict[str, Any], text: str, words: int, delay: float, stall: float = 0.0,
                    finish: str = "stop") -> None:
            if not body.get("stream"):
                self._json(200, {"id": "fake", "object": "chat.completion", "created": 0, "model": server.model,
                                 "choices": [{"index": 0, "finish_reason": "stop",
                                              "message": {"role": "assistant", "content": text}}]})
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            pieces = text.split(" ")
            chunks = [" ".join(pieces[i:i + words]) + (" " if i + words < len(pieces) else "")
                      for i in range(0, len(pieces), words)]
            try:
                self._event({"role": "assistant", "content": ""})
                for chunk in chunks:
                    if delay:
                        time.sleep(delay)
                    self._event({"content": chunk})
                if stall:
                    server.stopping.wait(stall)
                    return
                self._event({}, finish=finish)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):  # the client gave up: fine
                pass

        def _event(self, delta: dict[str, Any], finish: str | None = None) -> None:
            chunk = {"id": "fake", "object": "chat.completion.chunk", "created": 0, "model": server.model,
                     "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.flush()

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--model", default="fake-echo")
    parser.add_argument("--api-key", default=None, help="require this bearer key")
    args = parser.parse_args()
    with FakeOpenAI(model=args.model, api_key=args.api_key, port=args.port) as server:
        print(f"fake OpenAI-compatible server at {server.url} (model {server.model!r}); Ctrl-C stops", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
