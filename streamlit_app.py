"""The app's router: `streamlit run streamlit_app.py`. Pages live in app_pages/; shared glue in app_pages/common.py."""

from pathlib import Path

import streamlit as st

from app_pages import common

# A local file: a Material or emoji favicon would be fetched from an outside host.
ICON = Path(__file__).parent / "assets" / "app-icon.png"
st.set_page_config(page_title="Interview practice", page_icon=str(ICON), layout="centered")

common.restore_from_url()

page = st.navigation(
    [
        st.Page(common.GALLERY, title="Personas", icon=":material/groups:", default=True),
        st.Page(common.INTERVIEW, title="Interview", icon=":material/forum:", url_path="interview"),
        st.Page(common.REPORT, title="Report", icon=":material/insights:", url_path="report"),
        st.Page(common.SCORING, title="How scoring works", icon=":material/help:", url_path="how-scoring-works"),
    ],
    position="top",
)
common.sync_url()
page.run()
# After the first page is on screen: start loading the models, so the first question does not wait for them.
common.warm_up()
