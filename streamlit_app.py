"""The app's router: `streamlit run streamlit_app.py`. Pages live in app_pages/; shared glue in app_pages/common.py."""

from pathlib import Path

import streamlit as st

from app_pages import coach_auth, common, practice

# A local file: a Material or emoji favicon would be fetched from an outside host.
ICON = Path(__file__).parent / "assets" / "app-icon.png"
st.set_page_config(page_title="Interview practice", page_icon=str(ICON), layout="centered")

common.restore_from_url()

# Coach pages (app_pages/coach_*.py) exist in the navigation only for a signed-in coach; anyone else gets the
# sign-in page, also at the coach pages' addresses, so a shared link signs in first and then opens its page.
COACH_PAGES = {
    "coach": (common.COACH_SESSIONS, "Sessions", ":material/fact_check:", "visible"),
    "coach-session": (common.COACH_SESSION, "Session review", ":material/rate_review:", "hidden"),
    "coach-agreement": (common.COACH_AGREEMENT, "Agreement", ":material/balance:", "visible"),
    "coach-progress": (common.COACH_PROGRESS, "Progress", ":material/trending_up:", "visible"),
}
SIGN_IN = "coach-sign-in"
if coach_auth.is_coach():
    coach_pages = [st.Page(path, title=title, icon=icon, url_path=url, visibility=visibility)
                   for url, (path, title, icon, visibility) in COACH_PAGES.items()]
    coach_pages.append(st.Page(common.COACH_SIGNIN, title="Coach sign-in", url_path=SIGN_IN, visibility="hidden"))
else:
    coach_pages = [st.Page(common.COACH_SIGNIN, title="Coach sign-in", icon=":material/lock:", url_path=SIGN_IN)]
    coach_pages += [st.Page(common.COACH_SIGNIN, title="Coach sign-in", url_path=url, visibility="hidden")
                    for url in COACH_PAGES]

# The practice pages stay in the top bar as they were (a "" section has no menu); the coach's sit under "Coach".
page = st.navigation(
    {
        "": [
            st.Page(common.GALLERY, title="Personas", icon=":material/groups:", default=True),
            st.Page(common.INTERVIEW, title="Interview", icon=":material/forum:", url_path="interview"),
            st.Page(common.REPORT, title="Report", icon=":material/insights:", url_path="report"),
            st.Page(common.IMPORT, title="Score a transcript", icon=":material/upload_file:", url_path="score-a-transcript"),
            # Practice features (app_pages/practice.py); Compare is opened from a report, out of the bar.
            st.Page(practice.GUIDE, title="Discussion guide", icon=":material/checklist:", url_path="guide"),
            st.Page(practice.DRILLS, title="Drills", icon=":material/fitness_center:", url_path="drills"),
            st.Page(practice.BRANCH, title="Compare", icon=":material/compare_arrows:", url_path="compare",
                    visibility="hidden"),
            st.Page(common.SCORING, title="How scoring works", icon=":material/help:", url_path="how-scoring-works"),
        ],
        "Coach": coach_pages,
    },
    position="top",
)
# The trainee's ?trainee=…&sid=… belong to the practice pages; coach pages keep their own (?session=…).
if page.url_path not in {SIGN_IN, *COACH_PAGES}:
    common.sync_url()
page.run()
# After the first page is on screen: start loading the models, so the first question does not wait for them.
common.warm_up()
