"""Start the app with its models loading at once: ``python -m app_pages.server [streamlit run flags]``.

``streamlit run streamlit_app.py`` runs a page only when a browser connects, so its models would load on the first
page view and the first interview would wait for them. This launcher starts the same server in the same process
and, beside it, a daemon thread that imports the app, opens the store (writing back turns an earlier run left in
the outbox) and loads the engine, then every persona's topics. The gallery shows the warm-up's progress.

SIGTERM and Ctrl-C stop it as they stop ``streamlit run``: Streamlit's handler ends the server; then every turn is
already committed (or in the fsync'd outbox), waiting turns get one last quick try, and the process exits at once
(``os._exit``) rather than waiting for the warm-up thread to leave native code (spaCy, torch) during interpreter
teardown, which took seconds and could abort in a native library.

It also adds two routes to Streamlit's web server (Starlette), for the passcode sign-ins' session cookie
(``app_pages/browser_session.py``): ``POST /_auth/session`` and ``POST /_auth/signout``. Each takes a one-time
code the page got after a sign-in or a sign-out (``{"code": "…"}``) and answers with the ``Set-Cookie`` that
stores or clears the signed token (HttpOnly, SameSite=Lax, Secure over https). A request must carry the
``X-Interview-Sim`` header and, when it says where it comes from, come from the app's own origin, so another site
can neither sign a browser in nor out. Under a plain ``streamlit run streamlit_app.py`` the routes are absent
and a passcode sign-in lasts for the browser tab.
"""

from __future__ import annotations

import json
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


# ------------------------------------------------------------------------------------------------
# The session-cookie routes
# ------------------------------------------------------------------------------------------------

BODY_MAX = 1024


def _secure(request, forced: bool) -> bool:
    """Whether the cookie gets ``Secure``: configured so, or the page came over https (here or at the proxy)."""
    if forced or request.url.scheme == "https":
        return True
    forwarded = (request.headers.get("x-forwarded-proto") or "").split(",")[0].strip().lower()
    return forwarded == "https"


def _same_origin(request) -> bool:
    """The request names no other host than the app's own (a browser sends ``Origin`` with a POST).

    Host names only: a proxy passing ``Host $host`` drops a port the browser still puts in ``Origin``. The
    ``X-Interview-Sim`` header is what keeps other sites out; this is a second lock.
    """
    from urllib.parse import urlsplit

    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = (request.headers.get("x-forwarded-host") or request.headers.get("host") or "").split(",")[0].strip()
    try:
        return bool(host) and urlsplit(origin).hostname == urlsplit("//" + host).hostname
    except ValueError:
        return False


async def _code(request) -> str | None:
    body = await request.body()
    if len(body) > BODY_MAX:
        return None
    try:
        code = json.loads(body or b"{}").get("code")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, str) else None


def auth_routes(base_url: str) -> list:
    """The Starlette routes that set and clear the sign-in cookie (see the module docstring)."""
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route
    from streamlit.url_util import make_url_path

    from app_pages import browser_session

    path = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    headers = {"Cache-Control": "no-store"}

    async def refuse() -> Response:
        return JSONResponse({"ok": False}, status_code=403, headers=headers)

    async def set_session(request) -> Response:
        if request.headers.get(browser_session.HEADER) != "1" or not _same_origin(request):
            return await refuse()
        action = browser_session.CODES.redeem(await _code(request))
        if not isinstance(action, dict) or action.get("route") != browser_session.SET_ROUTE:
            return JSONResponse({"ok": False}, headers=headers)  # used, expired or unknown: nothing to do
        response = JSONResponse({"ok": True}, headers=headers)
        response.set_cookie(action["cookie"], action["token"], max_age=int(action["max_age"]), path=path,
                            secure=_secure(request, bool(action.get("secure"))), httponly=True, samesite="lax")
        return response

    async def sign_out(request) -> Response:
        if request.headers.get(browser_session.HEADER) != "1" or not _same_origin(request):
            return await refuse()
        action = browser_session.CODES.redeem(await _code(request))
        if not isinstance(action, dict) or action.get("route") != browser_session.SIGNOUT_ROUTE:
            return JSONResponse({"ok": False}, headers=headers)
        signer = browser_session.tokens()
        response = JSONResponse({"ok": True}, headers=headers)
        for name in action.get("cookies", []):
            # The token this browser holds is revoked too: a tab that took its identity from it is signed out.
            claims = signer.verify(request.cookies.get(name)) if signer is not None else None
            if claims is not None:
                signer.revoke(claims.sid, claims.expires_at)
            response.delete_cookie(name, path=path, secure=_secure(request, False), httponly=True,
                                   samesite="lax")
        return response

    return [
        Route(make_url_path(base_url, browser_session.SET_ROUTE), set_session, methods=["POST"]),
        Route(make_url_path(base_url, browser_session.SIGNOUT_ROUTE), sign_out, methods=["POST"]),
    ]


def install_auth_routes() -> bool:
    """Add :func:`auth_routes` to the web server Streamlit is about to build; False where it cannot."""
    try:
        from streamlit import config
        from streamlit.web.server.starlette import starlette_app
    except ImportError:
        log.warning("this Streamlit has no Starlette server: a passcode sign-in lasts for the browser tab")
        return False
    original = starlette_app.create_streamlit_routes
    if getattr(original, "_interview_sim", False):
        return True

    def create_streamlit_routes(runtime):
        from app_pages import browser_session

        # Ahead of Streamlit's own: its last route serves the app's pages for any other path.
        routes = auth_routes(config.get_option("server.baseUrlPath") or "") + list(original(runtime))
        browser_session.ROUTES_INSTALLED = True
        return routes

    create_streamlit_routes._interview_sim = True  # type: ignore[attr-defined]
    starlette_app.create_streamlit_routes = create_streamlit_routes
    return True


def main(argv: list[str] | None = None) -> None:
    _log_to_stderr()
    install_auth_routes()
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
