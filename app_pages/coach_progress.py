"""Progress: each trainee's score and open-question share by date, one line per persona, and per persona how
often each insight gets found (full names)."""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import coach_common
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import N_, _

SOURCE_NAMES = {"practice": N_("Practice"), "imported": N_("Imported")}
role = coach_common.require_coach()
store = coach_common.sql_store()
viewer = coach_common.viewer(role)

st.title(_("Progress"), anchor=False)
try:
    trainees, personas = coach_common.filter_options(store, role)
except Exception as e:
    coach_common.store_failed(e, N_("read the trainees and personas"))


def _by_date(frame: pd.DataFrame, measure: str, title: str, fmt: str, domain: list[float]) -> alt.Chart:
    """``measure`` by date, one line (and colour) per persona."""
    base = alt.Chart(frame.dropna(subset=[measure])).encode(
        x=alt.X("Date:T", title=_("Date"), axis=alt.Axis(format=_(coach_common.AXIS_DAY), labelOverlap=True)),
        y=alt.Y(f"{measure}:Q", title=title, scale=alt.Scale(domain=domain)),
        color=alt.Color("Persona:N", legend=alt.Legend(orient="top", title=None, labelLimit=0)),
        tooltip=[alt.Tooltip("Date:T", title=_("Date"), format=_(coach_common.TOOLTIP_TIME)),
                 alt.Tooltip("Persona:N", title=_("Persona")), alt.Tooltip("Source:N", title=_("Source")),
                 alt.Tooltip(f"{measure}:Q", title=title, format=fmt)],
    )
    return (base.mark_line(strokeWidth=2) + base.mark_point(filled=True, size=70)).properties(height=260)


# Per trainee --------------------------------------------------------------------------------------------
st.subheader(_("A trainee over time"), anchor="trainee")
if not trainees:
    st.info(_("No sessions yet: trainees appear here after their first interview."), icon=":material/person_search:")
else:
    left, right = st.columns(2)
    trainee = left.selectbox(_("Trainee"), trainees, key="coach_progress_trainee")
    only = right.selectbox(_("Persona"), list(personas), index=None, placeholder=_("All personas"),
                           format_func=lambda p: personas.get(p, p), key="coach_progress_only")
    try:
        rows = store.progress(trainee, persona=only, viewer=viewer)
    except Exception as e:
        coach_common.store_failed(e, N_("read the trainee's sessions"))
    if not rows:
        st.info((_("{name} has no finished sessions with this persona yet.") if only
                 else _("{name} has no finished sessions yet.")).format(name=md(trainee)))
    else:
        frame = pd.DataFrame([
            {"Date": pd.Timestamp.fromtimestamp(r["started_at"]),
             "Persona": personas.get(r["persona"], r["persona"]),
             "Source": _(SOURCE_NAMES.get(r["source"], r["source"])), "Score": r["score"],
             "Open questions": None if r["open_share"] is None else r["open_share"] * 100}
            for r in rows
        ])
        scores = [r["score"] for r in rows if r["score"] is not None]
        with st.container(horizontal=True, gap="medium"):
            st.metric(_("Finished sessions"), ui.number(len(rows)), border=True)
            st.metric(_("Latest score"), coach_common.score(scores[-1] if scores else None), border=True,
                      delta=None if len(scores) < 2 else _("{change} since the first").format(
                          change=ui.decimal(scores[-1] - scores[0], 0, sign=True)),
                      delta_color="normal")
            shares = [r["open_share"] for r in rows if r["open_share"] is not None]
            st.metric(_("Latest open-question share"), coach_common.percent(shares[-1] if shares else None),
                      border=True)
        left, right = st.columns(2, gap="large")
        left.altair_chart(coach_common.localized(_by_date(frame, "Score", _("Score (0–100)"), ".0f", [0, 100])),
                          width="stretch",
                          alt=_("{name}'s score by date, one line per persona:").format(name=trainee) + " "
                              + "; ".join(_("{when} {persona} score {score}").format(
                                  when=coach_common.when(r["started_at"]),
                                  persona=personas.get(r["persona"], r["persona"]),
                                  score=coach_common.score(r["score"])) for r in rows))
        right.altair_chart(coach_common.localized(_by_date(frame, "Open questions", _("Open questions (%)"), ".0f",
                                                           [0, 100])), width="stretch",
                           alt=_("{name}'s open-question share by date, one line per persona:").format(name=trainee)
                               + " " + "; ".join(_("{when} open {share}").format(
                                   when=coach_common.when(r["started_at"]), share=coach_common.percent(r["open_share"]))
                                   for r in rows))
        with st.expander(_("The sessions as a table"), icon=":material/table:"):
            st.dataframe(frame, hide_index=True, width="stretch",
                         column_config={"Date": st.column_config.DatetimeColumn(
                                            _("Date"), format="D MMM YYYY, HH:mm" if ui.current() == "en"
                                            else "YYYY-MM-DD HH:mm"),
                                        "Persona": st.column_config.TextColumn(_("Persona")),
                                        "Source": st.column_config.TextColumn(_("Source")),
                                        "Score": st.column_config.NumberColumn(_("Score"), format="%.0f"),
                                        "Open questions": st.column_config.NumberColumn(_("Open questions"),
                                                                                        format="%.0f%%")})

# Per persona --------------------------------------------------------------------------------------------
st.subheader(_("Insights per persona"), anchor="insights")
st.caption(_("How often each of a persona's insights was found: the share of its finished sessions."))
if not personas:
    st.info(_("No sessions yet."))
    st.stop()
persona = st.selectbox(_("Persona"), list(personas), format_func=lambda p: personas.get(p, p),
                       key="coach_progress_persona")
try:
    rates = store.insight_rates(persona, viewer=viewer)
except Exception as e:
    coach_common.store_failed(e, N_("read the insight rates"))
if not rates["sessions"] or not rates["insights"]:
    st.info(_("No finished sessions with {name} yet.").format(name=md(personas.get(persona, persona)))
            if not rates["sessions"] else _("This persona has no insights to find."))
    st.stop()
bars = pd.DataFrame([
    {"Insight": i["finding"] or i["id"], "Share": i["share"] or 0.0,
     "Found": _("{found} of {total}").format(found=ui.number(i["found"]), total=ui.number(rates["sessions"]))}
    for i in rates["insights"]
])
chart = alt.Chart(bars).encode(
    x=alt.X("Share:Q", title=ui.ngettext("Share of {n} finished session", "Share of {n} finished sessions",
                                         rates["sessions"]).format(n=ui.number(rates["sessions"])),
            scale=alt.Scale(domain=[0, 1.12], nice=False),
            axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1])),
    # The whole finding, never cut: labelLimit 0 lifts Vega's default limit.
    y=alt.Y("Insight:N", sort=None, title=None, axis=alt.Axis(labelLimit=0)),
    tooltip=[alt.Tooltip("Insight:N", title=_("Insight")), alt.Tooltip("Found:N", title=_("Found")),
             alt.Tooltip("Share:Q", title=_("Share"), format=".0%")],
)
labels = chart.mark_text(align="left", dx=4, color="#1E2A33").encode(text="Found:N")
st.altair_chart(coach_common.localized((chart.mark_bar(color="#2E6A80", cornerRadiusEnd=3) + labels)
                                       .properties(height=alt.Step(30))),
                width="stretch",
                alt=_("Insights of {name} found:").format(name=personas.get(persona, persona)) + " "
                    + "; ".join(f"{r.Insight} {r.Found}" for r in bars.itertuples()))
