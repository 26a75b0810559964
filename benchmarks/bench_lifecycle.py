"""The server's life cycle with the real models: time to ready, time to the first interview, SIGTERM exit.

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/bench_lifecycle.py [--runs 3] [--plain] [--fake-models] [--timeline]

Each run starts a fresh server (``python -m app_pages.server``, or ``streamlit run`` with ``--plain``) on a free
loopback port with an empty data folder and measures:

- ready: spawning the process until ``/_stcore/health`` answers;
- first interview: from ready, a browser (Debian's Chromium) opens the gallery, types a name and presses the first
  "Interview …" button at once; seconds from the click until the interview shows the opening line. This is what
  the warm-up at server start shortens: the models are loading while the trainee reads the gallery;
- models ready: from the server's log ("models ready N s after start", launcher only);
- SIGTERM exit: one question answered, a second sent, SIGTERM right after; seconds until the process is gone;
  the stored turns are then checked (contiguous, nothing the page showed missing).

``--timeline`` prints, per run, the server's warm-up messages (models ready, each persona ready, the rehearsal)
and the bench's marks (healthy, the click, the interview shown) in seconds after the server was healthy: what
the first interview still waited for.

Without Chromium, only ready and an idle SIGTERM exit are measured. Targets: first interview <= 3 s after ready,
exit <= 2 s. Timings on a shared 2-core box are noisy: run it several times.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_support import CHROMIUM, REPLY, USER, browser_page, send_chat  # noqa: E402
from tests.lifecycle_support import Server, open_first_interview  # noqa: E402


_LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \w+ [\w.]+: (.*)$")


def timeline(log_text: str, marks: dict[str, float]) -> list[tuple[float, str]]:
    """The server log's own messages (models, personas, rehearsal) and the bench's ``marks`` (name -> time.time()),
    as (seconds after the server was healthy, what), in order: what the first interview waited for."""
    ready = marks.get("healthy")
    if ready is None:
        return []
    events = [(at - ready, f"[bench] {name}") for name, at in marks.items()]
    at = None
    for line in log_text.splitlines():
        found = _LOG_LINE.match(line)
        if found:
            at = datetime.datetime.strptime(found.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
            events.append((at - ready, found.group(2)[:120]))
        elif at is not None and re.match(r"^\w+(Error|Exception)\b", line):
            events.append((at - ready, "  " + line[:160]))  # what a logged failure was
    return sorted(events, key=lambda event: event[0])


def one_run(folder: Path, *, launcher: bool, env: dict[str, str], browser: bool,
            show_timeline: bool = False) -> dict[str, float | None]:
    server = Server(folder, env=env, launcher=launcher)
    out: dict[str, float | None] = {}
    marks: dict[str, float] = {}
    try:
        out["ready_s"] = server.wait_healthy(300)
        marks["healthy"] = time.time()
        if browser:
            with browser_page(timeout_ms=300000) as page:
                out["first_interview_s"] = open_first_interview(page, server)
                marks["interview shown"] = time.time()
                marks["first Interview button pressed"] = marks["interview shown"] - out["first_interview_s"]
                send_chat(page, "Tell me about the last time that happened.", timeout_ms=120000)
                shown = page.locator(USER).count(), page.locator(REPLY).count()
                box = page.locator('[data-testid="stChatInputTextArea"]')
                box.fill("What happened after that?")
                box.press("Enter")
                page.wait_for_timeout(50)
                out["sigterm_exit_s"] = server.stop_with(signal.SIGTERM, timeout_s=120)
                page.problems.clear()  # the page lost its server, as expected
            turns = server.stored_turns()
            indexes = [t[1] for t in turns]
            speakers = [t[2] for t in turns]
            out["turns_ok"] = float(indexes == list(range(len(indexes)))
                                    and speakers.count("trainee") >= shown[0] and speakers.count("persona") >= shown[1])
        else:
            out["sigterm_exit_s"] = server.stop_with(signal.SIGTERM, timeout_s=120)
        found = re.search(r"models ready ([0-9.]+) s after start", server.log_text())
        out["models_ready_s"] = float(found.group(1)) if found else None
        if show_timeline:
            for offset, what in timeline(server.log_text(), marks):
                print(f"  {offset:+7.2f} s  {what}")
    finally:
        server.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain", action="store_true", help="streamlit run streamlit_app.py (no launcher)")
    parser.add_argument("--fake-models", action="store_true", help="the hashing embedder (no model loading)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--timeline", action="store_true",
                        help="print each run's warm-up messages and the click, in seconds after the server was healthy")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    env: dict[str, str | None] = {"INTERVIEW_SIM_EMBEDDER": "hashing" if args.fake_models else None}
    browser = not args.no_browser and Path(CHROMIUM).exists()
    if not browser:
        print(f"no Chromium at {CHROMIUM} (or --no-browser): measuring ready and idle SIGTERM exit only")
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-lifecycle-") as tmp:
        for n in range(args.runs):
            result = one_run(Path(tmp) / f"run{n}", launcher=not args.plain, env=env, browser=browser,
                             show_timeline=args.timeline)
            results.append(result)
            print(f"run {n + 1}: " + ", ".join(f"{k} {'–' if v is None else round(v, 2)}" for k, v in result.items()),
                  flush=True)
    print(f"\n{'launcher' if not args.plain else 'streamlit run'}, "
          f"{'hashing fake' if args.fake_models else 'real models'}, {args.runs} runs (median, max):")
    for key in ("ready_s", "first_interview_s", "models_ready_s", "sigterm_exit_s"):
        values = [r[key] for r in results if r.get(key) is not None]
        if values:
            print(f"  {key:18} {statistics.median(values):6.2f} {max(values):6.2f}")
    if any("turns_ok" in r for r in results):
        print(f"  turns contiguous, none missing: {all(r.get('turns_ok') for r in results)}")


if __name__ == "__main__":
    main()
