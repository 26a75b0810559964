"""Progress: each trainee's score and open-question share over their sessions, and per persona how often
each insight gets found."""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import coach_common, common
from app_pages.common import md

coach_common.require_coach()
store = coach_common.sql_store()

st.title("Progress", anchor=False)
try:
    trainees, personas = coach_common.filter_options(store)
except Exception as e:
    coach_common.store_failed(e, "read the trainees and personas")

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
        rows = store.progress(trainee, persona=only)
    except Exception as e:
        coach_common.store_failed(e, "read the trainee's sessions")
    if not rows:
        st.info(f"{md(trainee)} has no finished sessions{' with this persona' if only else ''} yet.")
    else:
        frame = pd.DataFrame([
            {"Session": r["n"], "Date": coach_common.when(r["started_at"]),
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
        long = frame.melt(id_vars=["Session", "Date", "Persona", "Source"], value_vars=["Score", "Open questions"],
                          var_name="Measure", value_name="Value").dropna(subset=["Value"])
        measures = alt.Scale(domain=["Score", "Open questions"], range=["#2E6A80", "#B45309"])
        base = alt.Chart(long).encode(
            x=alt.X("Session:Q", title="Session", axis=alt.Axis(tickMinStep=1, format="d"),
                    scale=alt.Scale(domain=[1, max(2, len(rows))], nice=False, padding=16)),
            y=alt.Y("Value:Q", title="Score (0–100) / open questions (%)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("Measure:N", scale=measures,
                            legend=alt.Legend(orient="top", title=None, symbolType="stroke", symbolStrokeWidth=3)),
            strokeDash=alt.StrokeDash("Measure:N", scale=alt.Scale(domain=["Score", "Open questions"],
                                                                   range=[[1, 0], [5, 3]]), legend=None),
            tooltip=["Session:Q", "Date:N", "Persona:N", "Measure:N", alt.Tooltip("Value:Q", format=".0f")],
        )
        chart = base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=70)
        st.altair_chart(chart.properties(height=300), width="stretch",
                        alt=f"{trainee}'s score and open-question share over {len(rows)} sessions: "
                            + "; ".join(f"session {r['n']} score {coach_common.score(r['score'])}, open "
                                        f"{coach_common.percent(r['open_share'])}" for r in rows))
        with st.expander("The sessions as a table", icon=":material/table:"):
            st.dataframe(frame, hide_index=True, width="stretch",
                         column_config={"Score": st.column_config.NumberColumn(format="%.0f"),
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
    rates = store.insight_rates(persona)
except Exception as e:
    coach_common.store_failed(e, "read the insight rates")
if not rates["sessions"] or not rates["insights"]:
    st.info(f"No finished sessions with {md(personas.get(persona, persona))} yet."
            if not rates["sessions"] else "This persona has no insights to find.")
    st.stop()
bars = pd.DataFrame([
    {"Insight": common.shorten(i["finding"] or i["id"], 60), "Share": i["share"] or 0.0,
     "Found": f"{i['found']} of {rates['sessions']}"}
    for i in rates["insights"]
])
chart = alt.Chart(bars).encode(
    x=alt.X("Share:Q", title=f"Share of {rates['sessions']} finished sessions",
            scale=alt.Scale(domain=[0, 1.12], nice=False),
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])),
    y=alt.Y("Insight:N", sort=None, title=None, axis=alt.Axis(labelLimit=320)),
    tooltip=["Insight:N", "Found:N", alt.Tooltip("Share:Q", format=".0%")],
)
labels = chart.mark_text(align="left", dx=4, color="#1E2A33").encode(text="Found:N")
st.altair_chart((chart.mark_bar(color="#2E6A80", cornerRadiusEnd=3) + labels).properties(height=alt.Step(30)),
                width="stretch",
                alt=f"Insights of {personas.get(persona, persona)} found: "
                    + "; ".join(f"{r.Insight} {r.Found}" for r in bars.itertuples()))
