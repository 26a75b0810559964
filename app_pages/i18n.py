"""The interface language of this browser session, and ``_()``/``ngettext()`` for the pages.

The trainee picks it in the sidebar (``language_picker``); the choice is kept in the session and in the URL
(``?lang=ko``), so a reload or a shared link keeps it. Without a choice it is the browser's language where the app
has an interface in it (``st.context.locale``), else English. The catalogue and the formatting live in
``simulator.i18n`` (no Streamlit there, so the exports use the same catalogue).

The interview's coaching is not the interface: it follows the persona's language, whatever is picked here.
"""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from simulator import i18n as core
from simulator.i18n import N_, UI_LANGUAGES

__all__ = ["_", "ngettext", "N_", "current", "init", "language_picker", "LANG_PARAM", "UI_LANGUAGES",
           "number", "decimal", "percent", "when", "day", "time_of"]

LANG_PARAM = "lang"  # the URL's ?lang=…
LANG_KEY = "ui_language"  # session state: the language in use
PICKER_KEY = "ui_language_picker"
CHOSEN_KEY = "ui_language_chosen"  # True once the trainee picked a language or a link named one


def _browser_language() -> str | None:
    try:
        return core.normalize(st.context.locale)
    except Exception:  # outside a browser session (bare mode, some tests): no locale
        return None


def init() -> str:
    """Settle the session's language once per run: the URL's ?lang= (a link, a reload), else the session's
    choice, else the browser's language, else English."""
    from_url = core.normalize(st.query_params.get(LANG_PARAM))
    if from_url is not None:
        st.session_state[LANG_KEY] = from_url
        st.session_state[CHOSEN_KEY] = True
    elif core.normalize(st.session_state.get(LANG_KEY)) is None:
        st.session_state[LANG_KEY] = _browser_language() or "en"
    return st.session_state[LANG_KEY]


def current() -> str:
    """The interface language of this session: "en", "nl", "ko" or "zh"."""
    try:
        found = core.normalize(st.session_state.get(LANG_KEY))
    except Exception:  # no session (imported outside a run)
        found = None
    return found or "en"


def url_param() -> dict[str, str]:
    """{"lang": …} for links and switch_page once a language was chosen (or is not English): the language
    travels with the URL, so a reload keeps it. Nothing while the browser's language (or English) applies."""
    if st.session_state.get(CHOSEN_KEY) or current() != "en":
        return {LANG_PARAM: current()}
    return {}


def _(message: str) -> str:
    """``message`` (English, the catalogue's msgid) in the interface language."""
    return core.gettext(message, current())


def ngettext(singular: str, plural: str, n: int) -> str:
    return core.ngettext(singular, plural, n, current())


def _picked() -> None:
    chosen = core.normalize(st.session_state.get(PICKER_KEY))
    if chosen is not None:
        st.session_state[LANG_KEY] = chosen
        st.session_state[CHOSEN_KEY] = True
        st.query_params[LANG_PARAM] = chosen


def language_picker() -> None:
    """The interface language picker (in the sidebar): each language named in its own words."""
    options = list(UI_LANGUAGES)
    st.session_state[PICKER_KEY] = current()
    with st.sidebar:
        st.selectbox(
            ":material/translate: " + _("Interface language"), options, key=PICKER_KEY,
            format_func=lambda code: UI_LANGUAGES[code], on_change=_picked,
            help=_("Menus, buttons, reports and downloads. The customer speaks, and coaching is given, in the "
                   "persona's own language."),
        )


# Formatting for the interface language ---------------------------------------------------------------------


def number(value: float | int) -> str:
    return core.fmt_number(value, current())


def decimal(value: float, digits: int = 1, *, sign: bool = False) -> str:
    return core.fmt_decimal(value, current(), digits, sign=sign)


def percent(fraction: float) -> str:
    return core.fmt_percent(fraction, current())


def when(ts: float | datetime) -> str:
    """Date and time, to the minute."""
    return core.fmt_datetime(ts, current())


def day(ts: float | datetime) -> str:
    """Day and month."""
    return core.fmt_day(ts, current())


def time_of(ts: float | datetime) -> str:
    return core.fmt_time(ts, current())
