"""The coach's session list: filter, sort, page through every stored session, and open one to review it."""

import math
from datetime import date, datetime

import pandas as pd
import streamlit as st

from app_pages import coach_common, common
from simulator.store import SOURCES

PAGE_SIZE = 20
TABLE = "coach_sessions_table"
SORTS = {
    "started_at": "Start time",
    "ended_at": "End time",
    "score": "Score",
    "open_share": "Open-question share",
    "turns": "Turns",
    "trainee": "Trainee",
    "persona": "Persona",
}

coach_common.require_coach()
store = coach_common.sql_store()

st.title("Sessions", anchor=False)
st.caption("Every practice interview and imported transcript in the store. Click a row to review it.")

try:
    trainees, personas = coach_common.filter_options(store)
except Exception as e:
    coach_common.store_failed(e, "read the trainees and personas")

with st.container(border=True, key="coach_filters"):
    left, middle, right = st.columns(3)
    trainee = left.selectbox("Trainee", trainees, index=None, placeholder="All trainees", key="coach_f_trainee")
    persona = middle.selectbox("Persona", list(personas), index=None, placeholder="All personas",
                               format_func=lambda p: personas.get(p, p), key="coach_f_persona")
    source = right.selectbox("Source", SOURCES, index=None, placeholder="Practice and imported",
                             format_func=str.capitalize, key="coach_f_source")
    left, middle, right = st.columns(3)
    since = left.date_input("Started from", value=None, format="YYYY-MM-DD", key="coach_f_since")
    until = middle.date_input("Started until", value=None, format="YYYY-MM-DD", key="coach_f_until")
    low, high = right.slider("Score", 0, 100, (0, 100), step=5, key="coach_f_score",
                             help="Narrowing the range leaves out sessions without a score (still running).")
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    sort = left.selectbox("Sort by", list(SORTS), format_func=SORTS.get, key="coach_f_sort")
    descending = right.toggle("Highest / newest first", value=True, key="coach_f_desc")

if isinstance(since, date) and isinstance(until, date) and since > until:
    st.warning("“Started from” is after “Started until”: no session can match.", icon=":material/warning:")

filters = dict(
    trainee=trainee, persona=persona, source=source, since=since, until=until,
    min_score=None if low == 0 and high == 100 else float(low),
    max_score=None if low == 0 and high == 100 else float(high),
)
# A page number per filter choice: changing a filter starts again at page 1.
page_key = "coach_page_" + str(abs(hash(repr(sorted(filters.items())) + sort + str(descending))))
page = st.session_state.get(page_key, 1)
try:
    rows, total = store.list_sessions(**filters, sort=sort, descending=descending, limit=PAGE_SIZE,
                                      offset=(page - 1) * PAGE_SIZE)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > pages:  # sessions went away since: show the last page
        st.session_state.pop(page_key, None)
        page = pages
        rows, total = store.list_sessions(**filters, sort=sort, descending=descending, limit=PAGE_SIZE,
                                          offset=(page - 1) * PAGE_SIZE)
except Exception as e:  # a store error, or the database went away
    coach_common.store_failed(e, "list the sessions")

if not total:
    st.info("No session matches these filters.", icon=":material/search_off:")
    st.stop()

first = (page - 1) * PAGE_SIZE + 1
st.markdown(f"**{total} session{'s' if total != 1 else ''}** · showing {first}–{first + len(rows) - 1}")
table = pd.DataFrame([
    {
        "Started": datetime.fromtimestamp(r.started_at),
        "Trainee": r.trainee,
        "Persona": r.persona_name or r.persona,
        "Source": r.source.capitalize(),
        "Turns": r.turns,
        "Score": None if r.score is None else round(r.score),
        "Open questions": None if r.open_share is None else round(r.open_share * 100),
        "Status": "Finished" if r.finished else "Running",
    }
    for r in rows
])
event = st.dataframe(
    table, hide_index=True, on_select="rerun", selection_mode="single-row", key=TABLE, width="stretch",
    placeholder="–",
    column_config={
        "Started": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
        "Score": st.column_config.NumberColumn(format="%d", help="Out of 100; empty while a session runs"),
        "Open questions": st.column_config.ProgressColumn(format="%d%%", min_value=0, max_value=100,
                                                          help="Share of the questions that were open"),
    },
)
if pages > 1:
    st.pagination(pages, key=page_key)

chosen = event.selection.rows if event is not None else []
if chosen and 0 <= chosen[0] < len(rows):
    sid = rows[chosen[0]].id
    st.session_state[coach_common.OPEN_SESSION] = sid
    st.switch_page(common.COACH_SESSION, query_params={"session": sid})
