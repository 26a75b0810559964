"""The app's router: `streamlit run streamlit_app.py`. Pages live in app_pages/; shared glue in app_pages/common.py.

`python -m app_pages.server` runs the same app with the models loading as the server starts (scripts/start.sh).
No page ever shows a traceback: a failure is logged and explained in plain words.
"""

from pathlib import Path

import streamlit as st

from app_pages import accounts, coach_auth, common, i18n, practice
from app_pages.i18n import _

# A local file: a Material or emoji favicon would be fetched from an outside host.
ICON = Path(__file__).parent / "assets" / "app-icon.png"
common.restore_from_url()
i18n.init()  # the interface language: ?lang=, the trainee's choice, the browser's language, else English
st.set_page_config(page_title=_("Interview practice"), page_icon=str(ICON), layout="centered")

# Coach pages (app_pages/coach_*.py) exist in the navigation only for a signed-in coach; anyone else gets the
# sign-in page, also at the coach pages' addresses, so a shared link signs in first and then opens its page.
COACH_PAGES = {
    "coach": (common.COACH_SESSIONS, _("Sessions"), ":material/fact_check:", "visible"),
    "coach-session": (common.COACH_SESSION, _("Session review"), ":material/rate_review:", "hidden"),
    "coach-agreement": (common.COACH_AGREEMENT, _("Agreement"), ":material/balance:", "visible"),
    "coach-progress": (common.COACH_PROGRESS, _("Progress"), ":material/trending_up:", "visible"),
    "coach-team": (common.COACH_TEAM, _("Team overview"), ":material/monitoring:", "visible"),
}
SIGN_IN = "coach-sign-in"
if coach_auth.is_coach():
    coach_pages = [st.Page(path, title=title, icon=icon, url_path=url, visibility=visibility)
                   for url, (path, title, icon, visibility) in COACH_PAGES.items()]
    coach_pages.append(st.Page(common.COACH_SIGNIN, title=_("Coach sign-in"), url_path=SIGN_IN, visibility="hidden"))
else:
    coach_pages = [st.Page(common.COACH_SIGNIN, title=_("Coach sign-in"), icon=":material/lock:", url_path=SIGN_IN)]
    coach_pages += [st.Page(common.COACH_SIGNIN, title=_("Coach sign-in"), url_path=url, visibility="hidden")
                    for url in COACH_PAGES]

# With sign-in configured (app_pages/accounts.py), someone not signed in gets the sign-in page at every practice
# page's address: a link to a report signs in first, and nobody sees a session as someone else.
PRACTICE_PAGES = {
    "interview": (common.INTERVIEW, _("Interview"), ":material/forum:"),
    "report": (common.REPORT, _("Report"), ":material/insights:"),
    "score-a-transcript": (common.IMPORT, _("Score a transcript"), ":material/upload_file:"),
    # Practice features (app_pages/practice.py); Compare is opened from a report, so it stays out of the bar.
    "guide": (practice.GUIDE, _("Discussion guide"), ":material/checklist:"),
    "drills": (practice.DRILLS, _("Drills"), ":material/fitness_center:"),
    "compare": (practice.BRANCH, _("Compare"), ":material/compare_arrows:"),
}
if accounts.mode() == "accounts" and accounts.signed_in() is None:
    practice_pages = [st.Page(common.SIGNIN, title=_("Sign in"), icon=":material/login:", default=True)]
    practice_pages += [st.Page(common.SIGNIN, title=_("Sign in"), url_path=url, visibility="hidden")
                       for url in PRACTICE_PAGES]
else:
    practice_pages = [st.Page(common.GALLERY, title=_("Personas"), icon=":material/groups:", default=True)]
    practice_pages += [st.Page(path, title=title, icon=icon, url_path=url,
                               visibility="hidden" if url == "compare" else "visible")
                       for url, (path, title, icon) in PRACTICE_PAGES.items()]
practice_pages.append(
    st.Page(common.SCORING, title=_("How scoring works"), icon=":material/help:", url_path="how-scoring-works"))

# The practice pages stay in the top bar as they were (a "" section has no menu); the coach's sit under "Coach".
page = st.navigation({"": practice_pages, _("Coach"): coach_pages}, position="top")
i18n.language_picker()  # in the sidebar of every page
# The trainee's ?trainee=…&sid=… belong to the practice pages; coach pages keep their own (?session=…).
if page.url_path not in {SIGN_IN, *COACH_PAGES}:
    common.sync_url()
else:  # a coach page keeps its own parameters, and the interface language stays in the address too
    for key, value in i18n.url_param().items():
        if st.query_params.get(key) != value:
            st.query_params[key] = value
try:
    page.run()
except Exception as e:  # never a traceback on a page: plain words here, the details in the server log
    from app_pages.persistence import friendly

    common.log.exception("page %s failed", page.url_path or "home")
    st.error(friendly(e), icon=":material/error:")
# After the first page is on screen: start loading the models, so the first question does not wait for them.
common.warm_up()
