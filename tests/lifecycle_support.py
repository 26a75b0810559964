"""The real server's life cycle, shared by tests/test_server_lifecycle.py and benchmarks/bench_lifecycle.py:
start ``python -m app_pages.server`` (or ``streamlit run``) on a free loopback port, wait for health, open the
first interview in Chromium, stop with a signal and time the exit."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.browser_support import ROOT, free_port

INTERVIEW_HEADING = re.compile("Interview with")


class Server:
    """The app server in its own process group; ``launcher=False`` runs plain ``streamlit run``."""

    def __init__(self, folder: Path, *, env: dict[str, str | None] | None = None, launcher: bool = True) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.data = self.folder / "data"
        full_env = dict(os.environ)
        full_env.update({"INTERVIEW_SIM_DATA_DIR": str(self.data), "HF_HUB_OFFLINE": "1"})
        for key, value in (env or {}).items():  # None removes a variable (e.g. the fake embedder's)
            if value is None:
                full_env.pop(key, None)
            else:
                full_env[key] = value
        flags = ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(self.port),
                 "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
        command = ([sys.executable, "-m", "app_pages.server", *flags] if launcher
                   else [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", *flags])
        self.log_path = self.folder / "server.log"
        self.log = open(self.log_path, "w")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def wait_healthy(self, timeout_s: float = 120) -> float:
        """Seconds from spawning the process until /_stcore/health answers ok."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}: {self.log_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"the server was not healthy after {timeout_s} s")

    def stop_with(self, sig: int = signal.SIGTERM, timeout_s: float = 30) -> float | None:
        """Send ``sig`` to the server process (as systemd or a container runtime does); seconds until it exited,
        or None if it did not within ``timeout_s`` (then it is killed)."""
        sent = time.perf_counter()
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=timeout_s)
            return time.perf_counter() - sent
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def kill(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)

    def close(self) -> None:
        self.kill()
        self.log.close()

    def log_text(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stored_turns(self) -> list[tuple[str, int, str, str]]:
        """(session, index, speaker, text) of every stored turn, in order."""
        with sqlite3.connect(self.data / "interview-sim.db") as db:
            return db.execute("SELECT session_id, idx, speaker, text FROM turns ORDER BY session_id, idx").fetchall()


def open_first_interview(page, server: Server, name: str = "Lifecycle Test", timeout_ms: int = 180000) -> float:
    """From the gallery: type a name, press the first "Interview …" button; seconds until the interview page
    shows the persona's opening line."""
    from tests.browser_support import wait_idle

    page.goto(server.url)
    page.get_by_role("heading", name="Practise a customer interview").wait_for(timeout=timeout_ms)
    wait_idle(page, timeout_ms)
    box = page.get_by_label("Your name", exact=True)
    box.fill(name)
    before = page.evaluate("window.__h.wsIn")
    box.press("Enter")
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before, timeout=timeout_ms)
    wait_idle(page, timeout_ms)
    button = page.get_by_role("button", name=re.compile("^Interview ")).first
    started = time.perf_counter()
    button.click()
    page.get_by_role("heading", name=INTERVIEW_HEADING).wait_for(timeout=timeout_ms)
    page.locator('[data-testid="stChatMessageContent"]').first.wait_for(timeout=timeout_ms)
    return time.perf_counter() - started
