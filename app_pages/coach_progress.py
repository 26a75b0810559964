"""Progress: each trainee's score and open-question share by date, one line per persona, and per persona how
often each insight gets found (full names)."""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import coach_common
from app_pages.common import md

role = coach_common.require_coach()
store = coach_common.sql_store()
viewer = coach_common.viewer(role)

st.title("Progress", anchor=False)
try:
    trainees, personas = coach_common.filter_options(store, role)
except Exception as e:
    coach_common.store_failed(e, "read the trainees and personas")


def _by_date(frame: pd.DataFrame, measure: str, title: str, fmt: str, domain: list[float]) -> alt.Chart:
    """``measure`` by date, one line (and colour) per persona."""
    base = alt.Chart(frame.dropna(subset=[measure])).encode(
        x=alt.X("Date:T", title="Date", axis=alt.Axis(format="%d %b", labelOverlap=True)),
        y=alt.Y(f"{measure}:Q", title=title, scale=alt.Scale(domain=domain)),
        color=alt.Color("Persona:N", legend=alt.Legend(orient="top", title=None, labelLimit=0)),
        tooltip=[alt.Tooltip("Date:T", format="%d %b %Y, %H:%M"), "Persona:N", "Source:N",
                 alt.Tooltip(f"{measure}:Q", format=fmt)],
    )
    return (base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=70)).properties(height=260)


# Per trainee --------------------------------------------------------------------------------------------
st.subheader("A trainee over time", anchor="trainee")
if not trainees:
    st.info("No sessions yet: trainees appear here after their first interview.", icon=":material/person_search:")
else:
    left, right = st.columns(2)
    trainee = left.selectbox("Trainee", trainees, key="coach_progress_trainee")
    only = right.selectbox("Persona", list(personas), index=None, placeholder="All personas",
                           format_func=lambda p: personas.get(p, p), key="coach_progress_only")
    try:
        rows = store.progress(trainee, persona=only, viewer=viewer)
    except Exception as e:
        coach_common.store_failed(e, "read the trainee's sessions")
    if not rows:
        st.info(f"{md(trainee)} has no finished sessions{' with this persona' if only else ''} yet.")
    else:
        frame = pd.DataFrame([
            {"Date": pd.Timestamp.fromtimestamp(r["started_at"]),
             "Persona": personas.get(r["persona"], r["persona"]),
             "Source": r["source"], "Score": r["score"],
             "Open questions": None if r["open_share"] is None else r["open_share"] * 100}
            for r in rows
        ])
        scores = [r["score"] for r in rows if r["score"] is not None]
        with st.container(horizontal=True, gap="medium"):
            st.metric("Finished sessions", str(len(rows)), border=True)
            st.metric("Latest score", coach_common.score(scores[-1] if scores else None), border=True,
                      delta=None if len(scores) < 2 else f"{scores[-1] - scores[0]:+.0f} since the first",
                      delta_color="normal")
            shares = [r["open_share"] for r in rows if r["open_share"] is not None]
            st.metric("Latest open-question share", coach_common.percent(shares[-1] if shares else None), border=True)
        left, right = st.columns(2, gap="large")
        left.altair_chart(_by_date(frame, "Score", "Score (0–100)", ".0f", [0, 100]), width="stretch",
                          alt=f"{trainee}'s score by date, one line per persona: "
                              + "; ".join(f"{coach_common.when(r['started_at'])} {personas.get(r['persona'], r['persona'])} "
                                          f"score {coach_common.score(r['score'])}" for r in rows))
        right.altair_chart(_by_date(frame, "Open questions", "Open questions (%)", ".0f", [0, 100]), width="stretch",
                           alt=f"{trainee}'s open-question share by date, one line per persona: "
                               + "; ".join(f"{coach_common.when(r['started_at'])} open "
                                           f"{coach_common.percent(r['open_share'])}" for r in rows))
        with st.expander("The sessions as a table", icon=":material/table:"):
            st.dataframe(frame, hide_index=True, width="stretch",
                         column_config={"Date": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm"),
                                        "Score": st.column_config.NumberColumn(format="%.0f"),
                                        "Open questions": st.column_config.NumberColumn(format="%.0f%%")})

# Per persona --------------------------------------------------------------------------------------------
st.subheader("Insights per persona", anchor="insights")
st.caption("How often each of a persona's insights was found: the share of its finished sessions.")
if not personas:
    st.info("No sessions yet.")
    st.stop()
persona = st.selectbox("Persona", list(personas), format_func=lambda p: personas.get(p, p),
                       key="coach_progress_persona")
try:
    rates = store.insight_rates(persona, viewer=viewer)
except Exception as e:
    coach_common.store_failed(e, "read the insight rates")
if not rates["sessions"] or not rates["insights"]:
    st.info(f"No finished sessions with {md(personas.get(persona, persona))} yet."
            if not rates["sessions"] else "This persona has no insights to find.")
    st.stop()
bars = pd.DataFrame([
    {"Insight": i["finding"] or i["id"], "Share": i["share"] or 0.0, "Found": f"{i['found']} of {rates['sessions']}"}
    for i in rates["insights"]
])
chart = alt.Chart(bars).encode(
    x=alt.X("Share:Q", title=f"Share of {rates['sessions']} finished sessions",
            scale=alt.Scale(domain=[0, 1.12], nice=False),
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])),
    # The whole finding, never cut: labelLimit 0 lifts Vega's default limit.
    y=alt.Y("Insight:N", sort=None, title=None, axis=alt.Axis(labelLimit=0)),
    tooltip=["Insight:N", "Found:N", alt.Tooltip("Share:Q", format=".0%")],
)
labels = chart.mark_text(align="left", dx=4, color="#1E2A33").encode(text="Found:N")
st.altair_chart((chart.mark_bar(color="#2E6A80", cornerRadiusEnd=3) + labels).properties(height=alt.Step(30)),
                width="stretch",
                alt=f"Insights of {personas.get(persona, persona)} found: "
                    + "; ".join(f"{r.Insight} {r.Found}" for r in bars.itertuples()))
