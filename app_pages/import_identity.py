"""What the "Score a transcript" page asks of identity and the store: whose name a saved import goes under, and
whether the same file is already saved (one session per file, across tabs and restarts: the store keeps each
imported file's SHA-256 and refuses a second save with ``DuplicateImport``)."""

from __future__ import annotations

import logging

import streamlit as st

from app_pages import accounts, coach_auth, common
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import _

log = logging.getLogger(__name__)


def locked_name() -> str | None:
    """With sign-in on, a saved import goes under the signed-in person's own name (None: the name is free)."""
    return common.trainee() if accounts.mode() == "accounts" else None


def existing_import(content_hash: str) -> str | None:
    """The session this file (by its SHA-256) is already saved as, or None (also when the store can't tell)."""
    finder = getattr(common.get_store(), "find_import", None)
    if finder is None:
        return None
    try:
        return finder(content_hash)
    except Exception:  # the save itself still refuses a duplicate
        log.exception("looking for an earlier import failed")
        return None


def show_duplicate(session_id: str) -> None:
    """"Already saved" with a way to the existing session: the coach's review, or the trainee's own report."""
    st.warning(_("This file is already saved as session {sid}…, so it is not saved again (a second copy would "
                 "count twice in Progress).").format(sid=md(session_id[:8])), icon=":material/content_copy:")
    if coach_auth.is_coach():
        st.page_link(common.COACH_SESSION, label=_("Open the saved session"), icon=":material/rate_review:",
                     query_params={"session": session_id, **ui.url_param()})
        return
    try:
        common.get_store().load(session_id, trainee=common.trainee() or "")
    except Exception:  # someone else's: say so, show nothing of it
        st.caption(_("It was saved under another name; ask your coach if you need it."))
        return
    if st.button(_("Open its report"), key="import_open_existing", icon=":material/insights:"):
        st.session_state[common.SID] = session_id
        st.session_state.pop(common.LIVE, None)
        common.go(common.REPORT)
