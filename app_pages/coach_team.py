"""Team overview: sessions per trainee per week, score and open-question share by date (one line per persona),
the team's most frequent mistakes and each persona's insight find-rates. Only the coach's team's sessions."""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import coach_common, common
from app_pages.common import md
from simulator import team

role = coach_common.require_coach()
store = coach_common.sql_store()
viewer = coach_common.viewer(role)

st.title("Team overview", anchor=False)
st.caption(f"Finished sessions of team {md(role.team)}." if role.team else "Finished sessions of every trainee.")
try:
    sessions = store.team_sessions(viewer=viewer)
except Exception as e:
    coach_common.store_failed(e, "read the team's sessions")
if not sessions:
    st.info("No finished sessions yet: they appear here when trainees end an interview or import one.",
            icon=":material/groups:")
    st.stop()

scores = [s["score"] for s in sessions if s["score"] is not None]
with st.container(horizontal=True, gap="medium"):
    st.metric("Trainees", str(len({s["trainee"] for s in sessions})), border=True)
    st.metric("Finished sessions", str(len(sessions)), border=True)
    st.metric("Average score", coach_common.score(sum(scores) / len(scores) if scores else None), border=True)

# Sessions per trainee per week ----------------------------------------------------------------------------
st.subheader("Sessions per trainee per week", anchor="weekly")
weekly = pd.DataFrame(team.weekly(sessions))
weekly["Week"] = pd.to_datetime(weekly["week"])
st.altair_chart(
    alt.Chart(weekly).mark_bar().encode(
        x=alt.X("Week:T", title="Week starting", axis=alt.Axis(format="%d %b", labelOverlap=True),
                timeUnit="yearmonthdate"),
        y=alt.Y("sessions:Q", title="Sessions", stack=True, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("trainee:N", title=None, legend=alt.Legend(orient="top", labelLimit=0)),
        tooltip=[alt.Tooltip("Week:T", title="Week starting", format="%d %b %Y"),
                 alt.Tooltip("trainee:N", title="Trainee"), alt.Tooltip("sessions:Q", title="Sessions")],
    ).properties(height=240),
    width="stretch",
    alt="Sessions per trainee per week: " + "; ".join(
        f"week of {r['week']:%d %b} {r['trainee']} {r['sessions']}" for r in team.weekly(sessions)),
)

# Trends by date, one line per persona ---------------------------------------------------------------------
st.subheader("Score and open questions by date", anchor="trend")
trend = pd.DataFrame(team.trend(sessions))
if trend.empty:
    st.caption("No scored sessions yet.")
else:
    trend["Open questions"] = trend["open_share"] * 100
    trend = trend.rename(columns={"date": "Date", "persona": "Persona", "trainee": "Trainee", "score": "Score"})


    def _line(measure: str, title: str) -> alt.Chart:
        base = alt.Chart(trend.dropna(subset=[measure])).encode(
            x=alt.X("Date:T", title="Date", axis=alt.Axis(format="%d %b", labelOverlap=True)),
            y=alt.Y(f"{measure}:Q", title=title, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("Persona:N", legend=alt.Legend(orient="top", title=None, labelLimit=0)),
            tooltip=[alt.Tooltip("Date:T", format="%d %b %Y"), "Persona:N", "Trainee:N",
                     alt.Tooltip(f"{measure}:Q", format=".0f")],
        )
        return (base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=60)).properties(height=260)


    left, right = st.columns(2, gap="large")
    left.altair_chart(_line("Score", "Score (0–100)"), width="stretch",
                      alt="The team's scores by date, one line per persona.")
    right.altair_chart(_line("Open questions", "Open questions (%)"), width="stretch",
                       alt="The team's open-question share by date, one line per persona.")

# Most frequent mistakes -----------------------------------------------------------------------------------
st.subheader("Most frequent mistakes", anchor="mistakes")
found = team.mistakes(sessions)
if not found:
    st.caption("No leading or closed questions and no flags: nothing to work on here.")
else:
    frame = pd.DataFrame([{
        "Mistake": common.label_name(m["mistake"]) if m["kind"] == "label" else common.flag_name(m["mistake"]),
        "Times": m["count"], "Sessions": m["sessions"], "Trainees": m["trainees"]} for m in found])
    bars = alt.Chart(frame).encode(
        x=alt.X("Times:Q", title="Times across the team", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("Mistake:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
        tooltip=["Mistake:N", "Times:Q", "Sessions:Q", "Trainees:Q"],
    )
    st.altair_chart((bars.mark_bar(color="#B45309", cornerRadiusEnd=3)
                     + bars.mark_text(align="left", dx=4, color="#1E2A33").encode(text="Times:Q"))
                    .properties(height=alt.Step(30)), width="stretch",
                    alt="Most frequent mistakes: " + "; ".join(f"{r.Mistake} {r.Times}" for r in frame.itertuples()))
    st.table(frame.assign(Mistake=frame["Mistake"].map(md)), hide_index=True, border="horizontal")

# Insight find-rates per persona ---------------------------------------------------------------------------
st.subheader("Insights found, per persona", anchor="insights")
rates = team.insight_rates(sessions)
if not rates:
    st.caption("No finished practice sessions with insights to find yet.")
for persona in rates:
    frame = pd.DataFrame([{"Insight": i["finding"], "Share": i["share"], "Found": f"{i['found']} of {persona['sessions']}"}
                          for i in persona["insights"]])
    st.markdown(f"**{md(persona['persona'])}** · {persona['sessions']} finished session"
                f"{'s' if persona['sessions'] != 1 else ''}")
    chart = alt.Chart(frame).encode(
        x=alt.X("Share:Q", title=None, scale=alt.Scale(domain=[0, 1.15], nice=False),
                axis=alt.Axis(format="%", values=[0, 0.5, 1])),
        y=alt.Y("Insight:N", sort=None, title=None, axis=alt.Axis(labelLimit=0)),
        tooltip=["Insight:N", "Found:N", alt.Tooltip("Share:Q", format=".0%")],
    )
    st.altair_chart((chart.mark_bar(color="#2E6A80", cornerRadiusEnd=3)
                     + chart.mark_text(align="left", dx=4, color="#1E2A33").encode(text="Found:N"))
                    .properties(height=alt.Step(28)), width="stretch",
                    alt=f"Insights of {persona['persona']} found: "
                        + "; ".join(f"{r.Insight} {r.Found}" for r in frame.itertuples()))
