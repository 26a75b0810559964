"""Who may open the coach pages: the coach role, from a shared passcode or an OpenID Connect login.

Two ways in, either or both configured by whoever runs the app:

- a passcode: ``INTERVIEW_SIM_COACH_PASSCODE`` in the environment, or ``coach_passcode = "…"`` in
  ``.streamlit/secrets.toml`` (the environment wins). The coach gives their name with it; the name goes on
  their labels and comments. The role lasts on that browser for the session cookie's lifetime (12 hours by
  default) or until Sign out (``app_pages/browser_session.py``); a reload or a new tab keeps it.
- a login: when secrets.toml has an ``[auth]`` section, ``st.login`` signs the coach in with the
  organisation's identity provider and ``st.user`` says who they are. ``coach_emails = ["…", …]`` in secrets
  limits the role to those addresses; without it, anyone who can log in is a coach.

- an account: when sign-in accounts are configured (``app_pages/accounts.py``), a person whose account has
  the coach role is a coach, for their team.

With none configured nobody is a coach: the coach pages are never registered, and the sign-in page says
how to set one up. Wrong passcodes cost a short pause each and are counted on the server, per source address
and per name (``simulator.identity.SignInThrottle``): five from one address for one name, or ten from one
address, lock that address out for a minute; a reload or a new tab does not reset the count, and a coach
signing in from another address is never locked out by someone else's guesses. The passcode is compared in
constant time and never shown or logged.

The pure functions (``configured_passcode``, ``check_passcode``, ``coach_emails``, ``login_coach``) take
their inputs as arguments; the rest reads ``st.secrets``, ``st.user``, ``st.session_state`` and ``os.environ``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import streamlit as st

from app_pages import i18n as ui
from app_pages.i18n import _
from simulator.identity import SignInThrottle

log = logging.getLogger(__name__)

PASSCODE_ENV = "INTERVIEW_SIM_COACH_PASSCODE"
PASSCODE_SECRET = "coach_passcode"
EMAILS_SECRET = "coach_emails"
AUTH_SECTION = "auth"

# Session-state keys.
ROLE_KEY = "coach_role"

NAME_MAX = 200  # simulator.store.NAME_MAX: the coach name goes into annotations
MAX_TRIES = 5  # wrong passcodes from one address for one name before that address is locked out
LOCKOUT_S = 60.0
FAIL_DELAY_S = 0.5  # each wrong passcode waits this long before the answer


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


# Wrong coach passcodes, server-wide, keyed by source address and coach name (not by tab, not global).
THROTTLE = SignInThrottle(per_pair=MAX_TRIES, per_source=2 * MAX_TRIES, per_name=30, window=600.0,
                          lockout=LOCKOUT_S)


# ------------------------------------------------------------------------------------------------
# The role in this browser session
# ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    name: str
    via: str  # "passcode" | "login" | "account"
    team: str | None = None  # a coach with a team sees that team's sessions; None: every session


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
    from app_pages import accounts, browser_session

    browser_session.sync()

    if accounts.mode() == "accounts":
        person = accounts.signed_in()
        if person is not None and person.is_coach:
            return Role(person.name, "account", person.team)
    found = secrets()
    if login_configured(found):
        name = login_coach(current_user(), coach_emails(found))
        if name:
            return Role(name, "login")
    configured = configured_passcode(found, os.environ)
    # Only while a passcode is configured: taking it out of the configuration ends every passcode session.
    if not configured:
        return None
    held = st.session_state.get(ROLE_KEY)
    if isinstance(held, Role) and held.via == "passcode":
        if not browser_session.revoked("coach"):
            return held
        st.session_state.pop(ROLE_KEY, None)  # signed out in another tab of this browser
    # A new browser session (a reload, a new tab): the session cookie, if it was issued for this passcode.
    claims = browser_session.restore("coach")
    if claims is None or not browser_session.matches(claims, configured):
        return None
    held = Role(claims.subject[:NAME_MAX], "passcode")
    st.session_state[ROLE_KEY] = held
    browser_session.adopt(claims)
    return held


def is_coach() -> bool:
    return role() is not None


def coach_name() -> str | None:
    found = role()
    return found.name if found else None


def source() -> str:
    """The client's address (see ``app_pages.accounts.source``)."""
    from app_pages import accounts

    return accounts.source()


def locked_for(name: str = "", now: float | None = None) -> float:
    """Seconds until the passcode form takes another try for ``name`` from this address (0 when it does now)."""
    now = time.monotonic() if now is None else now
    return THROTTLE.locked_for(source(), name, now)


_sleep = time.sleep


def sign_in(name: Any, given: Any, *, clock: Callable[[], float] = time.monotonic) -> str | None:
    """Take the coach role with a passcode; None on success, else what to tell the coach (never the passcode)."""
    configured = passcode()
    if not configured:
        return _("Signing in with a passcode is not set up on this server.")
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        return _("Enter your name: it goes on your labels and comments.")
    if len(name) > NAME_MAX:
        return _("Your name can have at most {n} characters.").format(n=ui.number(NAME_MAX))
    where = source()
    wait = THROTTLE.locked_for(where, name, clock())
    if wait > 0:
        return _("Too many wrong passcodes from here. Try again in {n} seconds.").format(n=ui.decimal(wait, 0))
    if not check_passcode(given, configured):
        _sleep(FAIL_DELAY_S)
        now = clock()
        THROTTLE.fail(where, name, now)
        log.warning("a wrong coach passcode was entered")
        wait = THROTTLE.locked_for(where, name, now)
        if wait > 0:
            return _("That passcode is wrong. Too many wrong passcodes from here: try again in {n} seconds.").format(
                n=ui.decimal(wait, 0))
        return _("That passcode is wrong.")
    THROTTLE.succeed(where, name)
    st.session_state[ROLE_KEY] = Role(name, "passcode")
    from app_pages import browser_session

    browser_session.remember("coach", name, "coach", configured)
    return None


def sign_out() -> None:
    """Give up the coach role; a login session also logs out of the identity provider's session here."""
    from app_pages import browser_session

    current = role()
    st.session_state.pop(ROLE_KEY, None)
    if current is not None and current.via == "passcode":
        browser_session.forget("coach")  # revoked on the server; the cookie cleared
    elif current is not None and current.via == "account":
        from app_pages import accounts

        accounts.sign_out()
    elif current is not None and current.via == "login":
        st.logout()
