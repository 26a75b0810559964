"""What the coach pages share: the role check, the SQL store, the sidebar, dates and the kappa reading."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import streamlit as st

from app_pages import coach_auth, common
from app_pages.common import md
from simulator.identity import COACH, Viewer

log = logging.getLogger(__name__)

# Where a coach last was in the session list, so "Back to the sessions" returns there.
OPEN_SESSION = "coach_open_session"
# The session list's filters and sort as query parameters, so "All sessions" goes back to the same view.
LIST_PARAMS = "coach_list_params"
LIST_RESTORE = "coach_list_restore"  # set by "All sessions": the list takes LIST_PARAMS back

VIA = {"passcode": "Passcode, for this tab", "login": "Organisation login", "account": "Signed in with your account"}


def require_coach() -> coach_auth.Role:
    """The coach role, or a message and stop: a page that is not registered cannot run, this is a second lock."""
    # Coach pages use the whole screen: tables with many columns, transcripts beside their review.
    st.set_page_config(layout="wide")
    role = coach_auth.role()
    if role is None:
        st.error("The coach pages need the coach role. Sign in on the Coach sign-in page.")
        st.stop()
    with st.sidebar:
        team = f" · team {md(role.team)}" if role.team else " · every team"
        st.markdown(f"Signed in as **{md(role.name)}**  \n"
                    f":small[:gray[{VIA.get(role.via, role.via)}{team}]]")
        if st.button("Sign out", key="coach_sign_out", icon=":material/logout:"):
            coach_auth.sign_out()
            st.switch_page(common.COACH_SIGNIN)
    return role


def sql_store():
    """The SQL ``Store``; where the app runs on the in-memory store, a message saying why and how, then stop."""
    from simulator.store import Store

    store = common.get_store()
    store = getattr(store, "inner", store)  # the pages' wrapper around the store, when there is one
    if isinstance(store, Store):
        return store
    reason = common.store_warning()
    st.info(
        "Coach review needs the database store, and this app keeps interviews in memory only "
        + (f"({md(reason)})" if reason else "(`INTERVIEW_SIM_APP_STORE=memory`)")
        + ". Unset `INTERVIEW_SIM_APP_STORE`, or set `INTERVIEW_SIM_DATABASE_URL` to a database the server can "
        "open, and restart the app.",
        icon=":material/database:",
    )
    st.stop()


def store_failed(e: Exception, what: str) -> None:
    """A store error as a message (never a traceback), then stop."""
    log.exception("coach page: %s failed", what)
    st.error(f"Could not {what}: {md(type(e).__name__)}: {md(e)}. Try again in a moment.")
    st.stop()


def viewer(role: coach_auth.Role) -> Viewer:
    """The coach as the store's access checks see them: their team's sessions, or every one without a team."""
    return Viewer(role.name, COACH, role.team)


def filter_options(store, role: coach_auth.Role) -> tuple[list[str], dict[str, str]]:
    """The trainee names and persona ids (with names) this coach may see: the choices of the filters."""
    return store.filter_options(viewer=viewer(role))


def when(ts: float | None) -> str:
    if ts is None:
        return ""
    return f"{datetime.fromtimestamp(ts):%d %b %Y, %H:%M}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def score(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


# Landis & Koch (1977): the usual plain-language bands for kappa.
KAPPA_BANDS = ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"), (1.0, "almost perfect"))


def kappa_reading(kappa: float | None) -> str:
    """Cohen's kappa in words, after Landis & Koch: "moderate agreement", etc."""
    if kappa is None:
        return "not defined"
    if kappa <= 0:
        return "poor agreement (no better than chance)"
    for upper, name in KAPPA_BANDS:
        if kappa <= upper + 1e-12:
            return f"{name} agreement"
    return "almost perfect agreement"


def label_choice(value: Any) -> str:
    """A label as shown in the coach's pickers: its badge text."""
    return common.label_badge(value)[0]
