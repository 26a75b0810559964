"""Start the app with its models loading at once: ``python -m app_pages.server [streamlit run flags]``.

``streamlit run streamlit_app.py`` runs a page only when a browser connects, so its models would load on the first
page view and the first interview would wait for them. This launcher starts the same server in the same process
after starting the background warm-up (the engine, then every persona's topics, in a daemon thread) and opening
the store (which writes back turns an earlier run left in the outbox). The gallery shows the warm-up's progress.

SIGTERM and Ctrl-C stop it as they stop ``streamlit run``: Streamlit's handler ends the server, the warm-up thread
(a daemon waiting on an event) never holds the exit, and every turn is already committed or in the outbox.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"


def main(argv: list[str] | None = None) -> None:
    from app_pages import common

    common.start_warm_up()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
