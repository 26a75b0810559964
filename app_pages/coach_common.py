"""What the coach pages share: the role check, the SQL store, the sidebar, dates and the kappa reading."""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from app_pages import browser_session, coach_auth, common
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import N_, _
from simulator.identity import COACH, Viewer

log = logging.getLogger(__name__)

# Where a coach last was in the session list, so "Back to the sessions" returns there.
OPEN_SESSION = "coach_open_session"
# The session list's filters and sort as query parameters, so "All sessions" goes back to the same view.
LIST_PARAMS = "coach_list_params"
LIST_RESTORE = "coach_list_restore"  # set by "All sessions": the list takes LIST_PARAMS back

VIA = {"passcode": N_("Passcode, for this tab"), "login": N_("Organisation login"),
       "account": N_("Signed in with your account")}
# Under the launcher (python -m app_pages.server) a passcode sign-in outlasts the tab (app_pages/browser_session.py).
VIA_KEPT = {"passcode": N_("Passcode, kept on this browser")}


def require_coach() -> coach_auth.Role:
    """The coach role, or a message and stop: a page that is not registered cannot run, this is a second lock."""
    # Coach pages use the whole screen: tables with many columns, transcripts beside their review.
    st.set_page_config(layout="wide")
    role = coach_auth.role()
    if role is None:
        st.error(_("The coach pages need the coach role. Sign in on the Coach sign-in page."))
        st.stop()
    with st.sidebar:
        team = _("team {team}").format(team=md(role.team)) if role.team else _("every team")
        st.markdown(_("Signed in as **{name}**").format(name=md(role.name)) + "  \n"
                    + ":small[:gray[" + _((VIA_KEPT if browser_session.enabled() else VIA).get(
                        role.via, VIA.get(role.via, role.via))) + f" · {team}]]")
        if st.button(_("Sign out"), key="coach_sign_out", icon=":material/logout:"):
            coach_auth.sign_out()
            st.switch_page(common.COACH_SIGNIN, query_params=ui.url_param())
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
        _("Coach review needs the database store, and this app keeps interviews in memory only ({reason}). Unset "
          "`INTERVIEW_SIM_APP_STORE`, or set `INTERVIEW_SIM_DATABASE_URL` to a database the server can open, and "
          "restart the app.").format(reason=md(reason) if reason else "`INTERVIEW_SIM_APP_STORE=memory`"),
        icon=":material/database:",
    )
    st.stop()


def store_failed(e: Exception, what: str) -> None:
    """A store error as a message (never a traceback), then stop. ``what`` is marked N_() by the caller."""
    log.exception("coach page: %s failed", what)
    st.error(_("Could not {what} ({error}). Try again in a moment.").format(
        what=_(what), error=f"{md(type(e).__name__)}: {md(e)}"))
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
    return ui.when(ts)


def percent(value: float | None) -> str:
    return "–" if value is None else ui.percent(value)


def score(value: float | None) -> str:
    return "–" if value is None else ui.decimal(value, 0)


# Landis & Koch (1977): the usual plain-language bands for kappa.
KAPPA_BANDS = ((0.20, N_("slight agreement")), (0.40, N_("fair agreement")), (0.60, N_("moderate agreement")),
               (0.80, N_("substantial agreement")), (1.0, N_("almost perfect agreement")))


def kappa_reading(kappa: float | None) -> str:
    """Cohen's kappa in words, after Landis & Koch: "moderate agreement", etc."""
    if kappa is None:
        return _("not defined")
    if kappa <= 0:
        return _("poor agreement (no better than chance)")
    for upper, name in KAPPA_BANDS:
        if kappa <= upper + 1e-12:
            return _(name)
    return _("almost perfect agreement")


def label_choice(value: Any) -> str:
    """A label as shown in the coach's pickers: its badge text."""
    return common.label_badge(value)[0]


# Charts in the interface language ---------------------------------------------------------------------------
# Vega's date formats (d3-time-format) for chart axes and tooltips; the month and day names come from
# ``vega_locale``. i18n: d3 time format: %d day, %-d day without a leading zero, %b short month, %Y year.
AXIS_DAY = N_("%d %b")
TOOLTIP_DAY = N_("%d %b %Y")
TOOLTIP_TIME = N_("%d %b %Y, %H:%M")


def vega_locale(language: str | None = None) -> dict | None:
    """Vega's number and time locale for the interface language (Babel's month and day names, separators);
    None for English, Vega's own."""
    from babel import Locale
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from simulator import i18n as core

    language = language or ui.current()
    if language == "en":
        return None
    locale = Locale.parse(core.babel_locale(language))

    def names(kind: str, width: str, order: list) -> list[str]:
        table = getattr(locale, kind)["format"][width]
        return [table[k] for k in order]

    days = [6, 0, 1, 2, 3, 4, 5]  # Vega starts the week on Sunday, Babel numbers Monday 0
    return {
        "number": {"decimal": get_decimal_symbol(locale), "thousands": get_group_symbol(locale), "grouping": [3],
                   "currency": ["", ""]},
        "time": {"dateTime": "%x %X", "date": "%Y-%m-%d", "time": "%H:%M:%S",
                 "periods": [locale.day_periods["format"]["abbreviated"].get("am", "AM"),
                             locale.day_periods["format"]["abbreviated"].get("pm", "PM")],
                 "days": names("days", "wide", days), "shortDays": names("days", "abbreviated", days),
                 "months": names("months", "wide", list(range(1, 13))),
                 "shortMonths": names("months", "abbreviated", list(range(1, 13)))},
    }


def localized(chart):
    """The chart with the interface language's month names and number separators."""
    found = vega_locale()
    return chart if found is None else chart.configure(locale=found)
