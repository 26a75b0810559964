"""Who is using the app: a person signed in (a passcode of their own, or the organisation's login), or, for
single-person local use only, a typed name.

Sign-in is on when the deployment configures it (see ``simulator/identity.py`` for the ``[users]`` table):

- ``[users]`` in ``.streamlit/secrets.toml``, or a TOML file with a ``[users]`` table named by
  ``$INTERVIEW_SIM_USERS_FILE``: each person signs in with their login and passcode;
- an ``[auth]`` section (``st.login``) with ``trainee_login = true``: everyone logs in with the organisation's
  identity provider; a ``[users]`` entry with their ``email`` gives their name, role and team, else they are a
  trainee (a coach when listed in ``coach_emails``) in ``default_team``.

Then trainees are who they signed in as: they see and resume only their own sessions and reports, and coaches
see their team's. Without either, the app is in local mode: a typed name, which nobody checks, so it is only
for one person practising on their own machine (the gallery says so).

A broken ``[users]`` table keeps sign-in on and lets nobody in (the sign-in page names the problem): a typo must
not open every session to everyone. Wrong passcodes are counted on the server per source address and per login
(``simulator.identity.SignInThrottle``), so a reload does not reset them and nobody elsewhere is locked out.

A passcode sign-in lasts, on that browser, for the session cookie's lifetime (12 hours by default) or until
Sign out: a reload or a new tab takes the person back from the cookie (``app_pages/browser_session.py``).
"""

from __future__ import annotations

import logging
import os
import time
import tomllib
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages import browser_session, coach_auth
from app_pages import i18n as ui
from app_pages.i18n import _
from simulator.identity import COACH, TRAINEE, USERS_FILE_ENV, SignInThrottle, Users, UsersError, Viewer, parse_users

log = logging.getLogger(__name__)

ACCOUNT_KEY = "signed_in_viewer"  # session state: the Viewer of a passcode sign-in
TEAM_RECORDED = "signed_in_team_recorded"
TRUST_FORWARDED_ENV = "INTERVIEW_SIM_TRUST_FORWARDED"  # "1" behind a reverse proxy that sets X-Forwarded-For
FAIL_DELAY_S = 0.5
THROTTLE = SignInThrottle()
_sleep = time.sleep


def _secrets() -> dict[str, Any]:
    return coach_auth.secrets()


def _users_table() -> tuple[Any, str] | None:
    """The raw ``[users]`` table and where it came from, or None when sign-in accounts are not configured."""
    path = os.environ.get(USERS_FILE_ENV, "").strip()
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
            raise UsersError(f"${USERS_FILE_ENV} = {path}: cannot be read as TOML ({type(e).__name__}: {e}); "
                             "fix the file or unset the variable") from None
        if "users" not in data:
            raise UsersError(f"${USERS_FILE_ENV} = {path}: has no [users] table; add one entry per person, "
                             "e.g. [users.ana] with name, role and passcode")
        return data["users"], f"{path} [users]"
    found = _secrets()
    if "users" in found:
        return found["users"], "secrets.toml [users]"
    return None


def users() -> Users | None:
    """The configured accounts; None when there are none. Raises UsersError when the table is unusable."""
    raw = _users_table()
    if raw is None:
        return None
    table, where = raw
    return parse_users(table, where=where)


def users_problem() -> str | None:
    try:
        users()
    except UsersError as e:
        return str(e)
    return None


def trainee_login() -> bool:
    found = _secrets()
    return coach_auth.login_configured(found) and found.get("trainee_login") is True


def accounts_configured() -> bool:
    """Whether sign-in is on: a [users] table (even a broken one: nobody gets in then) or trainee login."""
    try:
        table = _users_table()
    except UsersError:
        return True
    return table is not None or trainee_login()


def mode() -> str:
    """``"accounts"`` when people sign in, ``"local"`` when a typed name stands for the trainee."""
    return "accounts" if accounts_configured() else "local"


def source() -> str:
    """Where this browser session connects from: the client's address (the proxy's forwarded one when trusted)."""
    try:
        if os.environ.get(TRUST_FORWARDED_ENV) == "1":
            forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")
            if forwarded[-1].strip():
                return forwarded[-1].strip()
        address = st.context.ip_address
        return address if isinstance(address, str) and address else "unknown"
    except Exception:  # no request context (tests): one shared source
        return "unknown"


def _login_viewer() -> Viewer | None:
    user = coach_auth.current_user()
    if user.get("is_logged_in") is not True:
        return None
    found = _secrets()
    email = str(user.get("email") or "").strip().lower()
    try:
        accounts = users()
    except UsersError:
        return None
    account = accounts.by_email(email) if accounts else None
    if account is not None:
        return account.viewer()
    if not trainee_login():
        return None
    emails = coach_auth.coach_emails(found)
    role = COACH if emails is not None and email in emails else TRAINEE
    team = str(found.get("default_team") or "").strip() or None
    # The address is the stored name: two people may share a display name, never an address.
    name = email or str(user.get("sub") or "")
    return Viewer(name[:200], role, team) if name else None


def _restore(accounts: Users) -> Viewer | None:
    """The person this browser's session cookie names, when it is genuine and current and their account and
    passcode are unchanged since they signed in (``app_pages/browser_session.py``); else None."""
    claims = browser_session.restore("account")
    if claims is None:
        return None
    account = accounts.get(claims.subject)
    if account is None or account.passcode_hash is None or not browser_session.matches(claims, account.passcode_hash):
        return None
    person = account.viewer()
    st.session_state[ACCOUNT_KEY] = person
    browser_session.adopt(claims)
    return person


def signed_in() -> Viewer | None:
    """The person signed in to this browser session in accounts mode, or None.

    A new browser session (a reload, a new tab) takes the person back from the session cookie; a tab whose
    token was revoked since (signed out in another tab) is signed out.
    """
    browser_session.sync()
    viewer = _login_viewer()
    if viewer is not None:
        return viewer
    held = st.session_state.get(ACCOUNT_KEY)
    try:
        accounts = users()
    except UsersError:
        return None
    if not accounts:
        return None
    if isinstance(held, Viewer) and browser_session.revoked("account"):
        for key in (ACCOUNT_KEY, "trainee", "sid", "live", TEAM_RECORDED):
            st.session_state.pop(key, None)
        held = None
    if not isinstance(held, Viewer):
        return _restore(accounts)
    account = accounts.by_name(held.name)
    # The account may have been removed or changed since: the configuration wins.
    return account.viewer() if account is not None else None


def viewer() -> Viewer | None:
    """Who is using this browser session: the signed-in person, or in local mode the typed name."""
    if mode() == "accounts":
        return signed_in()
    name = (st.session_state.get("trainee") or "").strip()
    return Viewer(name, TRAINEE, None, local=True) if name else None


def sign_in(login: Any, passcode: Any, *, clock=time.monotonic) -> str | None:
    """Sign in with a login and passcode; None on success, else what to say (never the passcode)."""
    try:
        accounts = users()
    except UsersError:
        return _("Sign-in is not set up correctly on this server; ask whoever runs the app.")
    if not accounts:
        return _("Signing in with a passcode is not set up on this server.")
    login = login.strip().lower() if isinstance(login, str) else ""
    if not login:
        return _("Enter your login.")
    where = source()
    wait = THROTTLE.locked_for(where, login, clock())
    if wait > 0:
        return _("Too many wrong passcodes from here. Try again in {n} seconds.").format(n=ui.decimal(wait, 0))
    account = accounts.authenticate(login, passcode)
    if account is None:
        _sleep(FAIL_DELAY_S)
        THROTTLE.fail(where, login, clock())
        log.warning("a wrong passcode was entered for a login")
        return _("That login and passcode don't match.")
    THROTTLE.succeed(where, login)
    for key in ("trainee", "sid", "live", TEAM_RECORDED):
        st.session_state.pop(key, None)
    st.session_state[ACCOUNT_KEY] = account.viewer()
    browser_session.remember("account", account.login, account.role, account.passcode_hash)
    return None


def sign_out() -> None:
    was_login = _login_viewer() is not None
    for key in (ACCOUNT_KEY, "trainee", "sid", "live", TEAM_RECORDED, coach_auth.ROLE_KEY):
        st.session_state.pop(key, None)
    browser_session.forget("account", "coach")  # revoked on the server; the cookies cleared
    if was_login:
        st.logout()


def record_team(store: Any) -> None:
    """Tell the store the signed-in trainee's team (once per browser session), so their coaches see them."""
    person = signed_in() if mode() == "accounts" else None
    if person is None or st.session_state.get(TEAM_RECORDED) == (person.name, person.team):
        return
    setter = getattr(store, "set_trainee_team", None)
    if setter is None:
        return
    try:
        setter(person.name, person.team)
        st.session_state[TEAM_RECORDED] = (person.name, person.team)
    except Exception:  # the next page view tries again; practice goes on
        log.exception("recording the trainee's team failed")


# ------------------------------------------------------------------------------------------------
# The sign-in form (the Sign in page and the coach sign-in page show it)
# ------------------------------------------------------------------------------------------------

LOGIN, CODE, MESSAGE = "account_login", "account_passcode", "account_signin_message"


def _submit() -> None:
    message = sign_in(st.session_state.get(LOGIN), st.session_state.get(CODE))
    st.session_state[CODE] = ""  # never kept, never sent back to the browser
    st.session_state[MESSAGE] = message


def signin_form() -> None:
    """The sign-in form for this deployment: a problem with the accounts, the login button, the passcode form."""
    from app_pages.common import md

    problem = users_problem()
    if problem:
        st.error(_("Sign-in is set up on this server, but its accounts can't be used, so nobody can sign in "
                   "until it is fixed:"), icon=":material/error:")
        st.code(problem, language=None, wrap_lines=True)
        return
    if trainee_login():
        for provider in coach_auth.login_providers(_secrets()):
            label = (_("Log in with your organisation account") if provider is None
                     else _("Log in with {provider}").format(provider=md(provider)))
            if st.button(label, key=f"account_login_{provider or 'default'}", type="primary",
                         icon=":material/login:"):
                try:
                    st.login(provider) if provider else st.login()
                except Exception as e:  # a half-finished [auth] section: say so, do not crash
                    st.error(_("The login is not set up correctly on this server ({error}).").format(
                        error=md(type(e).__name__)))
    accounts = users()
    if accounts:
        with st.form("account_signin_form"):
            st.text_input(_("Login"), key=LOGIN, max_chars=100, autocomplete="username", placeholder=_("e.g. ana"))
            st.text_input(_("Passcode"), key=CODE, type="password", autocomplete="current-password")
            st.form_submit_button(_("Sign in"), key="account_sign_in", type="primary", icon=":material/login:",
                                  on_click=_submit)
        message = st.session_state.pop(MESSAGE, None)
        if message:
            st.error(message, icon=":material/error:")
        stay = browser_session.stay_note()
        if stay:
            st.caption(_("Your passcode comes from whoever runs the app.") + " " + stay)
        else:
            st.caption(_("Your passcode comes from whoever runs the app. A reload of the page asks for it again."))
