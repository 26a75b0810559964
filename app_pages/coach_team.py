"""Team overview: sessions per trainee per week, score and open-question share by date (one line per persona),
the team's most frequent mistakes and each persona's insight find-rates. Only the coach's team's sessions."""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import coach_common, common
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import N_, _
from simulator import team

role = coach_common.require_coach()
store = coach_common.sql_store()
viewer = coach_common.viewer(role)

st.title(_("Team overview"), anchor=False)
st.caption(_("Finished sessions of team {team}.").format(team=md(role.team)) if role.team
           else _("Finished sessions of every trainee."))
try:
    sessions = store.team_sessions(viewer=viewer)
except Exception as e:
    coach_common.store_failed(e, N_("read the team's sessions"))
if not sessions:
    st.info(_("No finished sessions yet: they appear here when trainees end an interview or import one."),
            icon=":material/groups:")
    st.stop()

scores = [s["score"] for s in sessions if s["score"] is not None]
with st.container(horizontal=True, gap="medium"):
    st.metric(_("Trainees"), ui.number(len({s["trainee"] for s in sessions})), border=True)
    st.metric(_("Finished sessions"), ui.number(len(sessions)), border=True)
    st.metric(_("Average score"), coach_common.score(sum(scores) / len(scores) if scores else None), border=True)

# Sessions per trainee per week ----------------------------------------------------------------------------
st.subheader(_("Sessions per trainee per week"), anchor="weekly")
weekly = pd.DataFrame(team.weekly(sessions))
weekly["Week"] = pd.to_datetime(weekly["week"])
st.altair_chart(
    coach_common.localized(alt.Chart(weekly).mark_bar().encode(
        x=alt.X("Week:T", title=_("Week starting"), axis=alt.Axis(format=_(coach_common.AXIS_DAY), labelOverlap=True),
                timeUnit="yearmonthdate"),
        y=alt.Y("sessions:Q", title=_("Sessions"), stack=True, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("trainee:N", title=None, legend=alt.Legend(orient="top", labelLimit=0)),
        tooltip=[alt.Tooltip("Week:T", title=_("Week starting"), format=_(coach_common.TOOLTIP_DAY)),
                 alt.Tooltip("trainee:N", title=_("Trainee")), alt.Tooltip("sessions:Q", title=_("Sessions"))],
    ).properties(height=240)),
    width="stretch",
    alt=_("Sessions per trainee per week:") + " " + "; ".join(
        _("week of {day} {trainee} {n}").format(day=ui.day(pd.Timestamp(r["week"]).to_pydatetime()), trainee=r["trainee"], n=ui.number(r["sessions"]))
        for r in team.weekly(sessions)),
)

# Trends by date, one line per persona ---------------------------------------------------------------------
st.subheader(_("Score and open questions by date"), anchor="trend")
trend = pd.DataFrame(team.trend(sessions))
if trend.empty:
    st.caption(_("No scored sessions yet."))
else:
    trend["Open questions"] = trend["open_share"] * 100
    trend = trend.rename(columns={"date": "Date", "persona": "Persona", "trainee": "Trainee", "score": "Score"})


    def _line(measure: str, title: str) -> alt.Chart:
        base = alt.Chart(trend.dropna(subset=[measure])).encode(
            x=alt.X("Date:T", title=_("Date"), axis=alt.Axis(format=_(coach_common.AXIS_DAY), labelOverlap=True)),
            y=alt.Y(f"{measure}:Q", title=title, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("Persona:N", legend=alt.Legend(orient="top", title=None, labelLimit=0)),
            tooltip=[alt.Tooltip("Date:T", title=_("Date"), format=_(coach_common.TOOLTIP_DAY)),
                     alt.Tooltip("Persona:N", title=_("Persona")), alt.Tooltip("Trainee:N", title=_("Trainee")),
                     alt.Tooltip(f"{measure}:Q", title=title, format=".0f")],
        )
        return (base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=60)).properties(height=260)


    left, right = st.columns(2, gap="large")
    left.altair_chart(coach_common.localized(_line("Score", _("Score (0–100)"))), width="stretch",
                      alt=_("The team's scores by date, one line per persona."))
    right.altair_chart(coach_common.localized(_line("Open questions", _("Open questions (%)"))), width="stretch",
                       alt=_("The team's open-question share by date, one line per persona."))

# Most frequent mistakes -----------------------------------------------------------------------------------
st.subheader(_("Most frequent mistakes"), anchor="mistakes")
found = team.mistakes(sessions)
if not found:
    st.caption(_("No leading or closed questions and no flags: nothing to work on here."))
else:
    frame = pd.DataFrame([{
        "Mistake": common.label_name(m["mistake"]) if m["kind"] == "label" else common.flag_name(m["mistake"]),
        "Times": m["count"], "Sessions": m["sessions"], "Trainees": m["trainees"]} for m in found])
    bars = alt.Chart(frame).encode(
        x=alt.X("Times:Q", title=_("Times across the team"), axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("Mistake:N", sort="-x", title=None, axis=alt.Axis(labelLimit=0)),
        tooltip=[alt.Tooltip("Mistake:N", title=_("Mistake")), alt.Tooltip("Times:Q", title=_("Times")),
                 alt.Tooltip("Sessions:Q", title=_("Sessions")), alt.Tooltip("Trainees:Q", title=_("Trainees"))],
    )
    st.altair_chart(coach_common.localized((bars.mark_bar(color="#B45309", cornerRadiusEnd=3)
                                            + bars.mark_text(align="left", dx=4, color="#1E2A33").encode(
                                                text="Times:Q")).properties(height=alt.Step(30))), width="stretch",
                    alt=_("Most frequent mistakes:") + " " + "; ".join(f"{r.Mistake} {ui.number(r.Times)}"
                                                                      for r in frame.itertuples()))
    st.table(frame.assign(Mistake=frame["Mistake"].map(md)).rename(columns={
        "Mistake": _("Mistake"), "Times": _("Times"), "Sessions": _("Sessions"), "Trainees": _("Trainees")}),
        hide_index=True, border="horizontal")

# Insight find-rates per persona ---------------------------------------------------------------------------
st.subheader(_("Insights found, per persona"), anchor="insights")
rates = team.insight_rates(sessions)
if not rates:
    st.caption(_("No finished practice sessions with insights to find yet."))
for persona in rates:
    frame = pd.DataFrame([{"Insight": i["finding"], "Share": i["share"],
                           "Found": _("{found} of {total}").format(found=ui.number(i["found"]),
                                                                   total=ui.number(persona["sessions"]))}
                          for i in persona["insights"]])
    st.markdown(f"**{md(persona['persona'])}** · " + ui.ngettext(
        "{n} finished session", "{n} finished sessions", persona["sessions"]).format(n=ui.number(persona["sessions"])))
    chart = alt.Chart(frame).encode(
        x=alt.X("Share:Q", title=None, scale=alt.Scale(domain=[0, 1.15], nice=False),
                axis=alt.Axis(format="%", values=[0, 0.5, 1])),
        y=alt.Y("Insight:N", sort=None, title=None, axis=alt.Axis(labelLimit=0)),
        tooltip=[alt.Tooltip("Insight:N", title=_("Insight")), alt.Tooltip("Found:N", title=_("Found")),
                 alt.Tooltip("Share:Q", title=_("Share"), format=".0%")],
    )
    st.altair_chart(coach_common.localized((chart.mark_bar(color="#2E6A80", cornerRadiusEnd=3)
                                            + chart.mark_text(align="left", dx=4, color="#1E2A33").encode(
                                                text="Found:N")).properties(height=alt.Step(28))), width="stretch",
                    alt=_("Insights of {name} found:").format(name=persona["persona"]) + " "
                        + "; ".join(f"{r.Insight} {r.Found}" for r in frame.itertuples()))
