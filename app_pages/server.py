"""Start the app with its models loading at once: ``python -m app_pages.server [streamlit run flags]``.

``streamlit run streamlit_app.py`` runs a page only when a browser connects, so its models would load on the first
page view and the first interview would wait for them. This launcher starts the same server in the same process
and, beside it, a daemon thread that imports the app, opens the store (writing back turns an earlier run left in
the outbox) and loads the engine, then every persona's topics. The gallery shows the warm-up's progress.

SIGTERM and Ctrl-C stop it as they stop ``streamlit run``: Streamlit's handler ends the server; then every turn is
already committed (or in the fsync'd outbox), waiting turns get one last quick try, and the process exits at once
(``os._exit``) rather than waiting for the warm-up thread to leave native code (spaCy, torch) during interpreter
teardown, which took seconds and could abort in a native library.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"
log = logging.getLogger(__name__)


def _wait_for_server(timeout_s: float = 60.0) -> None:
    """Until Streamlit's runtime serves (or ``timeout_s``): warming up beside a starting server slows both."""
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        runtime = getattr(sys.modules.get("streamlit.runtime.runtime"), "Runtime", None)  # None while importing
        if runtime is not None and runtime.exists():
            state = runtime.instance().state.name
            if state in ("NO_SESSIONS_CONNECTED", "ONE_OR_MORE_SESSIONS_CONNECTED"):
                return
            if state in ("STOPPING", "STOPPED"):
                return
        time.sleep(0.05)


def _warm() -> None:
    try:
        _wait_for_server()
        from app_pages import common

        common.start_warm_up()
    except Exception:  # the first page view tries again and shows what went wrong
        log.exception("warming up at start failed")


def _log_to_stderr() -> None:
    """The app's own messages (warm-up progress, store problems) in the server log, at INFO."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("app_pages", "simulator"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            logger.propagate = False


def main(argv: list[str] | None = None) -> None:
    _log_to_stderr()
    threading.Thread(target=_warm, name="warm-up", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    code: int = 0
    try:
        cli.main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except KeyboardInterrupt:
        code = 130
    exit_now(code)


def exit_now(code: int = 0) -> None:
    """Leave now: the server has stopped, so only waiting turns (one last try) and log buffers matter."""
    stop = getattr(sys.modules.get("app_pages.common"), "stop", None)  # None while the app is still importing
    if stop is not None:
        try:
            stop()
        except Exception:
            log.exception("stopping cleanly failed")
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(code)


if __name__ == "__main__":
    main()
