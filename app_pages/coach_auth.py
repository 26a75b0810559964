"""Who may open the coach pages: the coach role, from a shared passcode or an OpenID Connect login.

Two ways in, either or both configured by whoever runs the app:

- a passcode: ``INTERVIEW_SIM_COACH_PASSCODE`` in the environment, or ``coach_passcode = "…"`` in
  ``.streamlit/secrets.toml`` (the environment wins). The coach gives their name with it; the name goes on
  their labels and comments. The role lasts for the browser tab (a reload asks again).
- a login: when secrets.toml has an ``[auth]`` section, ``st.login`` signs the coach in with the
  organisation's identity provider and ``st.user`` says who they are. ``coach_emails = ["…", …]`` in secrets
  limits the role to those addresses; without it, anyone who can log in is a coach.

With neither configured nobody is a coach: the coach pages are never registered, and the sign-in page says
how to set one up. Wrong passcodes cost a short pause each; five in a row lock this tab out for a minute, and
many across all tabs lock the passcode form for everyone for a minute. The passcode is compared in constant
time and never shown or logged.

The pure functions (``configured_passcode``, ``check_passcode``, ``coach_emails``, ``login_coach``,
``Attempts``, ``RecentFailures``) take their inputs as arguments; the rest reads ``st.secrets``, ``st.user``,
``st.session_state`` and ``os.environ``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import streamlit as st

log = logging.getLogger(__name__)

PASSCODE_ENV = "INTERVIEW_SIM_COACH_PASSCODE"
PASSCODE_SECRET = "coach_passcode"
EMAILS_SECRET = "coach_emails"
AUTH_SECTION = "auth"

# Session-state keys.
ROLE_KEY = "coach_role"
ATTEMPTS_KEY = "coach_attempts"

NAME_MAX = 200  # simulator.store.NAME_MAX: the coach name goes into annotations
MAX_TRIES = 5  # wrong passcodes in a row before this tab is locked out
LOCKOUT_S = 60.0
FAIL_DELAY_S = 0.5  # each wrong passcode waits this long before the answer
GLOBAL_MAX_FAILURES = 30  # wrong passcodes from all tabs within GLOBAL_WINDOW_S that lock the form for everyone
GLOBAL_WINDOW_S = 60.0


# ------------------------------------------------------------------------------------------------
# Pure functions
# ------------------------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    value = str(value).strip()
    return value or None


def configured_passcode(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> str | None:
    """The coach passcode: ``$INTERVIEW_SIM_COACH_PASSCODE``, else ``coach_passcode`` in secrets, else None."""
    return _text(environ.get(PASSCODE_ENV)) or _text(secrets.get(PASSCODE_SECRET))


def check_passcode(given: Any, configured: str | None) -> bool:
    """Whether ``given`` is the configured passcode; always False when none is configured.

    Both sides are hashed first, so the comparison takes the same time whatever the lengths.
    """
    if not configured or not isinstance(given, str) or not given.strip():
        return False
    digest = lambda s: hashlib.sha256(s.encode("utf-8", "surrogatepass")).digest()  # noqa: E731
    return hmac.compare_digest(digest(given.strip()), digest(configured))


def login_configured(secrets: Mapping[str, Any]) -> bool:
    """Whether secrets.toml sets up ``st.login`` (an ``[auth]`` section)."""
    auth = secrets.get(AUTH_SECTION)
    return isinstance(auth, Mapping) and bool(auth)


def login_providers(secrets: Mapping[str, Any]) -> list[str | None]:
    """The providers ``st.login`` can take: None for a provider set in ``[auth]`` itself, plus each
    ``[auth.NAME]`` section's NAME."""
    auth = secrets.get(AUTH_SECTION)
    if not isinstance(auth, Mapping):
        return []
    named = [str(k) for k, v in auth.items() if isinstance(v, Mapping)]
    default = [None] if "client_id" in auth or not named else []
    return default + named


def coach_emails(secrets: Mapping[str, Any]) -> frozenset[str] | None:
    """The addresses allowed the coach role after a login (lower case), or None when any login will do."""
    value = secrets.get(EMAILS_SECRET)
    if value is None:
        return None
    items = value.replace(";", ",").split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple, set, frozenset)):
        return frozenset()  # present but unreadable: allow nobody rather than everybody
    return frozenset(str(e).strip().lower() for e in items if str(e).strip())


def login_coach(user: Mapping[str, Any], emails: frozenset[str] | None) -> str | None:
    """The logged-in user's name if they may act as a coach, else None."""
    if user.get("is_logged_in") is not True:
        return None
    email = _text(user.get("email"))
    if emails is not None and (email is None or email.lower() not in emails):
        return None
    return (_text(user.get("name")) or email or _text(user.get("sub")) or "coach")[:NAME_MAX]


@dataclass
class Attempts:
    """Wrong passcodes in one browser tab: ``MAX_TRIES`` in a row lock it out for ``LOCKOUT_S`` seconds."""

    failures: int = 0
    locked_until: float = 0.0

    def locked_for(self, now: float) -> float:
        return max(0.0, self.locked_until - now)

    def fail(self, now: float) -> None:
        self.failures += 1
        if self.failures >= MAX_TRIES:
            self.locked_until = now + LOCKOUT_S
            self.failures = 0

    def succeed(self) -> None:
        self.failures = 0
        self.locked_until = 0.0


class RecentFailures:
    """Wrong passcodes from every tab of this server: too many within a window lock the form for everyone,
    so opening new tabs does not buy more guesses."""

    def __init__(self, limit: int = GLOBAL_MAX_FAILURES, window: float = GLOBAL_WINDOW_S) -> None:
        self.limit = limit
        self.window = window
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def _trim(self, now: float) -> None:
        while self._times and self._times[0] <= now - self.window:
            self._times.popleft()

    def add(self, now: float) -> None:
        with self._lock:
            self._trim(now)
            self._times.append(now)

    def locked_for(self, now: float) -> float:
        with self._lock:
            self._trim(now)
            if len(self._times) < self.limit:
                return 0.0
            return max(0.0, self._times[-self.limit] + self.window - now)

    def clear(self) -> None:
        with self._lock:
            self._times.clear()


RECENT_FAILURES = RecentFailures()


# ------------------------------------------------------------------------------------------------
# The role in this browser session
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    name: str
    via: str  # "passcode" | "login"


def secrets() -> dict[str, Any]:
    """st.secrets as a dict; empty when there is no secrets.toml or it cannot be read."""
    try:
        if not st.secrets.load_if_toml_exists():
            return {}
        return st.secrets.to_dict()
    except Exception:  # a broken secrets.toml must not take the app down
        log.exception("reading the secrets failed")
        return {}


def current_user() -> dict[str, Any]:
    try:
        return dict(st.user)
    except Exception:
        return {}


def passcode() -> str | None:
    return configured_passcode(secrets(), os.environ)


def role() -> Role | None:
    """The coach role of this browser session, or None."""
    found = secrets()
    if login_configured(found):
        name = login_coach(current_user(), coach_emails(found))
        if name:
            return Role(name, "login")
    held = st.session_state.get(ROLE_KEY)
    # Only while a passcode is configured: taking it out of the configuration ends every passcode session.
    if isinstance(held, Role) and held.via == "passcode" and configured_passcode(found, os.environ):
        return held
    return None


def is_coach() -> bool:
    return role() is not None


def coach_name() -> str | None:
    found = role()
    return found.name if found else None


def attempts() -> Attempts:
    found = st.session_state.get(ATTEMPTS_KEY)
    if not isinstance(found, Attempts):
        found = st.session_state[ATTEMPTS_KEY] = Attempts()
    return found


def locked_for(now: float | None = None) -> float:
    """Seconds until the passcode form takes another try from this tab (0 when it does now)."""
    now = time.monotonic() if now is None else now
    return max(attempts().locked_for(now), RECENT_FAILURES.locked_for(now))


_sleep = time.sleep


def sign_in(name: Any, given: Any, *, clock: Callable[[], float] = time.monotonic) -> str | None:
    """Take the coach role with a passcode; None on success, else what to tell the coach (never the passcode)."""
    configured = passcode()
    if not configured:
        return "Signing in with a passcode is not set up on this server."
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        return "Enter your name: it goes on your labels and comments."
    if len(name) > NAME_MAX:
        return f"Your name can have at most {NAME_MAX} characters."
    wait = locked_for(clock())
    if wait > 0:
        return f"Too many wrong passcodes. Try again in {wait:.0f} seconds."
    if not check_passcode(given, configured):
        _sleep(FAIL_DELAY_S)
        now = clock()
        attempts().fail(now)
        RECENT_FAILURES.add(now)
        log.warning("a wrong coach passcode was entered")
        wait = locked_for(now)
        if wait > 0:
            return f"That passcode is wrong. Too many wrong passcodes: try again in {wait:.0f} seconds."
        left = MAX_TRIES - attempts().failures
        return f"That passcode is wrong. {left} {'try' if left == 1 else 'tries'} left before a short lockout."
    attempts().succeed()
    st.session_state[ROLE_KEY] = Role(name, "passcode")
    return None


def sign_out() -> None:
    """Give up the coach role; a login session also logs out of the identity provider's session here."""
    current = role()
    st.session_state.pop(ROLE_KEY, None)
    if current is not None and current.via == "login":
        st.logout()
