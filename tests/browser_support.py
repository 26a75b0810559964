"""Drive the real app in Debian's headless Chromium: start `streamlit run`, wait for idle, time chat replies.

Shared by tests/test_app_browser.py and benchmarks/bench_app.py. Never run `playwright install`: the browser
is /usr/bin/chromium (or $HARNESS_CHROMIUM).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("HARNESS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# A page opened at a deep URL (/interview) first probes /interview/_stcore/health and host-config (404).
HARMLESS_CONSOLE = ("/_stcore/health", "/_stcore/host-config")

# Installed before Streamlit's JS: counts websocket frames and script runs, and times chat replies in the page
# (from the Enter keydown in the chat input to the first text of a new assistant message in the DOM).
INIT_SCRIPT = r"""
(() => {
  const h = window.__h = {wsIn: 0, wsAt: 0, runs: 0, sentAt: 0, watch: null};
  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(...a) { super(...a);
      this.addEventListener('message', () => { h.wsIn++; h.wsAt = performance.now(); }); }
  };
  new MutationObserver((muts) => {
    for (const m of muts) {
      if (m.target.getAttribute('data-test-script-state') === 'running' && m.oldValue !== 'running') h.runs++;
    }
  }).observe(document, {subtree: true, attributes: true, attributeOldValue: true,
                        attributeFilter: ['data-test-script-state']});
  const check = () => {
    const w = h.watch;
    if (!w || w.at) return;
    const els = document.querySelectorAll(w.sel);
    if (els.length <= w.n) return;
    const t = (els[els.length - 1].innerText || '').trim();
    if (t) { w.at = performance.now(); w.text = t; }
  };
  h.check = check;
  new MutationObserver(check).observe(document, {subtree: true, childList: true, characterData: true});
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && e.target.closest && e.target.closest('[data-testid="stChatInput"]'))
      h.sentAt = performance.now();
  }, true);
})();
"""

REPLY = '[data-testid="stChatMessageContent"][aria-label="Chat message from assistant"]'
USER = '[data-testid="stChatMessageContent"][aria-label="Chat message from user"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run streamlit_app.py` on a free loopback port, in its own process group."""

    # What runs the app (after the interpreter); a subclass may start it another way.
    COMMAND = ("-m", "streamlit", "run", "streamlit_app.py")

    def __init__(self, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        full_env = dict(os.environ)
        # The browser tests and the benchmark run the real models (conftest sets the fake for unit tests).
        full_env.pop("INTERVIEW_SIM_EMBEDDER", None)
        full_env.update(env or {})
        self.log = open(log_path, "w")
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [sys.executable, *self.COMMAND,
             "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(self.port),
             "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=full_env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def wait_healthy(self, timeout_s: float = 60) -> float:
        """Seconds from spawning the process until /_stcore/health answers."""
        deadline = time.perf_counter() + timeout_s
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"streamlit not healthy after {timeout_s}s; see {self.log.name}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.log.close()


def launch_browser(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def wait_idle(page, timeout_ms: int = 30000, quiet_ms: int = 150) -> None:
    """Connected, no script running, nothing stale or still loading, and no websocket frame for quiet_ms."""
    page.wait_for_function(
        """(quiet) => { const a = document.querySelector('[data-testid="stApp"]');
             return a && a.getAttribute('data-test-connection-state') === 'CONNECTED'
               && a.getAttribute('data-test-script-state') === 'notRunning'
               && !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')
               && performance.now() - window.__h.wsAt >= quiet; }""",
        arg=quiet_ms, timeout=timeout_ms, polling=30)


def click_and_wait(page, locator, timeout_ms: int = 30000) -> None:
    """Click, wait until the rerun it causes has started and finished."""
    before = page.evaluate("window.__h.wsIn")
    locator.click()
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before, timeout=timeout_ms, polling=20)
    wait_idle(page, timeout_ms)


def send_chat(page, text: str, timeout_ms: int = 60000) -> dict:
    """Type ``text`` into the chat input, press Enter, wait for the reply; returns timings in ms."""
    box = page.locator('[data-testid="stChatInputTextArea"]')
    box.wait_for(state="visible", timeout=timeout_ms)
    n = page.locator(REPLY).count()
    box.fill(text)
    page.evaluate("([sel, n]) => { window.__h.watch = {sel, n, at: 0}; }", [REPLY, n])
    box.press("Enter")
    page.wait_for_function("() => { window.__h.check(); return window.__h.watch.at > 0; }",
                           timeout=timeout_ms, polling=20)
    visible = page.evaluate("window.__h.watch.at - window.__h.sentAt")
    wait_idle(page, timeout_ms)
    done = page.evaluate("window.__h.wsAt - window.__h.sentAt")
    return {"reply_visible_ms": round(visible, 1), "run_complete_ms": round(done, 1),
            "reply": page.evaluate("window.__h.watch.text")}


def visible_exceptions(page) -> list[str]:
    return page.eval_on_selector_all(
        '[data-testid="stException"]', "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText)")


def screenshot(page, path: Path) -> None:
    """A full-page screenshot: Streamlit scrolls inside its main area, so grow the viewport for the shot."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        page.wait_for_function(
            """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
                 .every(c => c.querySelector('canvas, svg.marks'))""", timeout=5000)
    except Exception:
        pass
    page.wait_for_timeout(300)
    viewport = page.viewport_size
    need = page.evaluate(
        """() => { const m = document.querySelector('.stMain');
             const s = document.querySelector('[data-testid="stSidebarContent"]');
             const b = document.querySelector('[data-testid="stBottom"]');
             return Math.max(m ? m.scrollHeight + (b ? b.offsetHeight : 0) : 0, s ? s.scrollHeight : 0,
                             window.innerHeight); }""")
    need = min(int(need), 8000)
    if need > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": need})
        page.wait_for_timeout(400)
    try:
        page.screenshot(path=str(path))
    finally:
        if need > viewport["height"]:
            page.set_viewport_size(viewport)


def click_dataframe_row(page, table, row: int, timeout_ms: int = 30000, row_px: int = 35) -> None:
    """Tick the row marker of data row ``row`` (0 = first under the header) in an ``st.dataframe`` with row
    selection, and wait for the rerun it causes. The grid is a canvas: the click goes by position."""
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    before = page.evaluate("window.__h.wsIn")
    table.hover()
    page.mouse.click(box["x"] + 16, box["y"] + row_px * (row + 1) + row_px / 2)
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before, timeout=timeout_ms, polling=20)
    wait_idle(page, timeout_ms)


def download_text(page, locator, timeout_ms: int = 30000) -> tuple[str, str]:
    """Click a download button; returns (suggested file name, the file's text)."""
    with page.expect_download(timeout=timeout_ms) as info:
        locator.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


@contextlib.contextmanager
def browser_page(timeout_ms: int = 60000, locale: str | None = None):
    """A Chromium page with the timing script, downloads on, and console errors / page errors collected in
    ``page.problems``; on leaving, any problem fails the test. Skips when Playwright is not installed.
    ``locale`` ("ko-KR") is the browser's language, as Streamlit's ``st.context.locale`` reads it."""
    import pytest

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = launch_browser(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                      **({"locale": locale} if locale else {}))
        context.add_init_script(INIT_SCRIPT)
        page = context.new_page()
        page.set_default_timeout(timeout_ms)
        problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and not any(h in (m.location or {}).get("url", "")
                                                                  for h in HARMLESS_CONSOLE)
                and problems.append(f"console: {m.text} {m.location}"))
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.problems = problems
        yield page
        context.close()
        browser.close()
    assert not problems, problems
