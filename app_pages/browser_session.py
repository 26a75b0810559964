"""Staying signed in across reloads and tabs: the passcode sign-ins' session cookie, on the page's side.

After a passcode sign-in (an account's, ``app_pages/accounts.py``, or the coach passcode,
``app_pages/coach_auth.py``) the server issues a signed, expiring token (``simulator.identity.SessionTokens``)
and a one-time code that stands for it. The next script run puts a few lines of script on the page that post
the code to ``/_auth/session``; that route (``app_pages/server.py``) answers with the token in an HttpOnly,
SameSite=Lax cookie (Secure over https). Every new browser session (a reload, a new tab) reads the cookie from
``st.context.cookies`` and takes the identity back, if the token is genuine, unexpired, not revoked and the
account and its passcode are unchanged. Signing out revokes the token on the server and clears the cookie the
same way, through ``/_auth/signout``. Neither the passcode nor the token ever appears in a URL or in the page.

The routes exist only under ``python -m app_pages.server`` (``scripts/start.sh``), which adds them to
Streamlit's web server; under a plain ``streamlit run streamlit_app.py`` a sign-in lasts for the tab, as
before. Settings (``simulator.config.load_session_config``): the secret that signs the tokens (else one kept
in the data folder), the lifetime (12 hours), Secure always or only over https.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import streamlit as st

from simulator.config import ConfigError, SessionConfig, load_session_config
from simulator.identity import OneTimeCodes, SessionClaims, SessionTokens, load_or_create_secret

log = logging.getLogger(__name__)

# The cookies, one per way of signing in (an account and the coach passcode can both be held in one browser).
COOKIES = {"account": "interview_sim_session", "coach": "interview_sim_coach"}
SET_ROUTE, SIGNOUT_ROUTE = "/_auth/session", "/_auth/signout"
HEADER = "X-Interview-Sim"  # a page's own request carries it; a cross-site form or image cannot

# Session-state keys: the token id (sid) and expiry behind this tab's identity, per way of signing in, and the
# one-time codes still waiting for the browser.
HELD = {"account": "browser_session_account", "coach": "browser_session_coach"}
PENDING = "browser_session_pending"

# Set by app_pages.server when it adds the routes to Streamlit's web server (same process).
ROUTES_INSTALLED = False
CODES = OneTimeCodes()
_lock = threading.Lock()
_built: tuple[tuple, SessionTokens | None] | None = None
_last_problem: str | None = None


def _data_dir() -> Path:
    from simulator.store import DATA_DIR_ENV, DEFAULT_DATA_DIR

    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def _secrets() -> dict[str, Any]:
    from app_pages import coach_auth

    return coach_auth.secrets()


def settings() -> SessionConfig | None:
    """The cookie's settings; None (and a log line) when they are unusable: a sign-in then lasts for the tab."""
    global _last_problem
    try:
        return load_session_config(_secrets())
    except ConfigError as e:
        if str(e) != _last_problem:  # once, not on every page view
            _last_problem = str(e)
            log.error("the sign-in cookie is off: %s", e)
        return None


def tokens() -> SessionTokens | None:
    """The process's token signer for the configured secret and lifetime; None when the cookie is off."""
    global _built
    found = settings()
    if found is None or found.lifetime_hours <= 0:
        return None
    data_dir = _data_dir()
    key = (found.secret, found.lifetime_hours, str(data_dir))
    with _lock:
        if _built is not None and _built[0] == key:
            return _built[1]
        try:
            secret = found.secret or load_or_create_secret(data_dir)
            signer = SessionTokens(secret, lifetime_s=found.lifetime_hours * 3600,
                                   revoked_path=data_dir / "session-revoked.jsonl")
        except (OSError, ValueError) as e:
            log.error("the sign-in cookie is off: no session secret (%s)", e)
            signer = None
        _built = (key, signer)
        return signer


def enabled() -> bool:
    """Whether a passcode sign-in outlasts the tab here: the routes are served and the settings are usable."""
    return ROUTES_INSTALLED and tokens() is not None


def lifetime_hours() -> float:
    found = settings()
    return found.lifetime_hours if found is not None else 0.0


def stay_note() -> str | None:
    """What the sign-in forms say about how long a sign-in lasts here; None where it lasts for the tab."""
    if not enabled():
        return None
    from app_pages import i18n as ui

    hours = max(1, round(lifetime_hours()))
    return ui.ngettext("You stay signed in on this browser for {n} hour, or until you sign out.",
                       "You stay signed in on this browser for {n} hours, or until you sign out.",
                       hours).format(n=ui.number(hours))


# ------------------------------------------------------------------------------------------------
# Signing in, restoring, signing out
# ------------------------------------------------------------------------------------------------


def _queue(action: dict[str, Any]) -> None:
    code = CODES.issue(action)
    pending = [p for p in st.session_state.get(PENDING, []) if CODES.pending(p["code"])]
    st.session_state[PENDING] = pending + [{"code": code, "route": action["route"]}]


def remember(via: str, subject: str, role: str, credential: str | None) -> None:
    """After a passcode sign-in: a token for this browser, set as a cookie on the next run. Never raises."""
    try:
        signer = tokens() if ROUTES_INSTALLED else None
        if signer is None:
            st.session_state.pop(HELD[via], None)
            return
        earlier = st.session_state.get(HELD[via])
        if earlier:  # signing in again in this tab, maybe as someone else: the earlier token ends
            signer.revoke(earlier[0], earlier[1])
        token = signer.issue(via, subject, role, credential)
        claims = signer.verify(token)
        assert claims is not None
        st.session_state[HELD[via]] = (claims.sid, claims.expires_at)
        found = settings()
        _queue({"route": SET_ROUTE, "cookie": COOKIES[via], "token": token,
                "max_age": max(1, claims.expires_at - claims.issued_at),
                "secure": bool(found and found.secure)})
    except Exception:  # the sign-in stands; it just lasts for the tab
        log.exception("keeping the sign-in in a cookie failed")


def _cookie(name: str) -> str | None:
    """The cookie this browser session sent when it connected (a reload or a new tab connects anew)."""
    return st.context.cookies.get(name)


def restore(via: str) -> SessionClaims | None:
    """The claims of this browser's cookie for ``via``, when genuine and current; None otherwise. Never raises.

    The caller checks them against the configuration (the account exists, its passcode is unchanged) and, if
    they hold, calls :func:`adopt`.
    """
    try:
        if not ROUTES_INSTALLED:
            return None
        token = _cookie(COOKIES[via])
        if not token:
            return None
        signer = tokens()
        claims = signer.verify(token) if signer is not None else None
        return claims if claims is not None and claims.via == via else None
    except Exception:
        return None


def adopt(claims: SessionClaims) -> None:
    st.session_state[HELD[claims.via]] = (claims.sid, claims.expires_at)


def matches(claims: SessionClaims, credential: str | None) -> bool:
    signer = tokens()
    return signer is not None and signer.matches(claims, credential)


def revoked(via: str) -> bool:
    """Whether this tab's identity for ``via`` rests on a token that was since revoked (signed out in another
    tab of this browser) or has expired; the caller then drops the identity. A tab whose sign-in was not kept
    in a cookie (no routes, the cookie turned off) never is."""
    held = st.session_state.get(HELD[via])
    if not held:
        return False
    signer = tokens()
    if signer is None:
        return False
    sid, expires_at = held
    if signer.is_revoked(sid) or time.time() >= expires_at:
        st.session_state.pop(HELD[via], None)
        return True
    return False


def forget(*vias: str) -> None:
    """Sign-out: revoke this tab's tokens for ``vias`` on the server and clear their cookies. Never raises."""
    try:
        signer = tokens()
        for via in vias:
            held = st.session_state.pop(HELD[via], None)
            if held and signer is not None:
                signer.revoke(held[0], held[1])
        if ROUTES_INSTALLED and signer is not None:
            # Whatever cookie this browser holds goes too (another tab may have signed in since).
            _queue({"route": SIGNOUT_ROUTE, "cookies": [COOKIES[v] for v in vias]})
    except Exception:
        log.exception("clearing the sign-in cookie failed")


# ------------------------------------------------------------------------------------------------
# The page's part: post the waiting codes
# ------------------------------------------------------------------------------------------------


def _url(route: str) -> str:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{route}" if base else route


def _script(pending: list[dict[str, str]]) -> str:
    calls = [{"url": _url(p["route"]), "code": p["code"]} for p in pending]
    # JSON in a script element: "</" could end it, so it is escaped.
    data = json.dumps(calls).replace("</", "<\\/")
    # The element itself takes no room: its container is hidden (a hidden element's script still runs).
    hide = ('<span class="interview-sim-cookie-sync"></span><style>[data-testid="stElementContainer"]'
            ':has(.interview-sim-cookie-sync){display:none}</style>')
    return hide + ("<script>(function(){var calls=" + data + ";var go=function(i){if(i>=calls.length)return;"
            "fetch(calls[i].url,{method:'POST',credentials:'same-origin',cache:'no-store',"
            "headers:{'Content-Type':'application/json','" + HEADER + "':'1'},"
            "body:JSON.stringify({code:calls[i].code})}).catch(function(){}).then(function(){go(i+1);});};"
            "go(0);})();</script>")


def sync() -> None:
    """Put the script that posts the waiting codes on the page, once per script run, while any wait.

    Called from the identity checks that every run makes first (``coach_auth.role``, ``accounts.signed_in``),
    so it lands at the top of the page; not from a widget callback or a fragment, whose output would not stay.
    """
    pending = st.session_state.get(PENDING)
    if not pending:
        return
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import (
            RunLocation,
            ThreadState,
            get_script_run_ctx,
        )

        ctx = get_script_run_ctx(suppress_warning=True)
        state = ThreadState.get()
        if ctx is None or state.run_location is not RunLocation.MAIN_SCRIPT or state.fragment_id is not None:
            return
        if getattr(ctx, "_interview_sim_synced", None) is ctx.cursors:  # once per run: reset() renews cursors
            return
        waiting = [p for p in pending if CODES.pending(p["code"])]
        if not waiting:
            st.session_state.pop(PENDING, None)
            return
        st.session_state[PENDING] = waiting
        object.__setattr__(ctx, "_interview_sim_synced", ctx.cursors)
        st.html(_script(waiting), unsafe_allow_javascript=True)
    except Exception:
        log.exception("asking the browser to store the sign-in failed")
