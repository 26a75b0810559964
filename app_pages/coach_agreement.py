"""How well the scorer agrees with the coaches: Cohen's kappa, the confusion matrix, and the coach-labelled
turns as JSON lines for ``interview-sim classify`` (to check or retrain the classifier)."""

import json

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import coach_common, common
from app_pages import i18n as ui
from app_pages.i18n import N_, _
from simulator import i18n as core
from simulator.store import COACH_LABELS

role = coach_common.require_coach()
store = coach_common.sql_store()
viewer = coach_common.viewer(role)

st.title(_("Coach–scorer agreement"), anchor=False)
st.caption(_("Every interviewer turn a coach labelled or confirmed is one pair: the scorer's label and the coach's. "
             "Where several coaches labelled a turn, each coach's verdict counts."))

whose = st.segmented_control(_("Labels of"), [N_("All coaches"), N_("Only mine")], default="All coaches",
                             required=True, key="coach_agreement_whose",
                             format_func=core.translator(ui.current()))  # bound: also called outside this run
coach = role.name if whose == "Only mine" else None
try:
    result = store.agreement(coach=coach, viewer=viewer)
    lines = list(store.coach_labelled_lines(coach=coach, viewer=viewer))
except Exception as e:
    coach_common.store_failed(e, N_("compute the agreement"))

kappa, n = result["kappa"], result["n"]
if n == 0:
    st.info(_("No coach labels yet. Open a session, then confirm or change the scorer's labels under **Review**."),
            icon=":material/rate_review:")
    st.stop()

with st.container(horizontal=True, gap="medium"):
    st.metric(_("Cohen's κ"), "–" if kappa is None else ui.decimal(kappa, 2), border=True,
              help=_("Agreement beyond chance: 1 is perfect, 0 is what chance alone would give, below 0 is worse."))
    st.metric(_("Labelled turns (n)"), ui.number(n), border=True)
    st.metric(_("Same label"), coach_common.percent(result["observed"]), border=True,
              help=_("Expected by chance alone: {share}.").format(share=coach_common.percent(result["expected"])))

if kappa is None:
    st.markdown(_("κ is **not defined** yet: the scorer and the coaches used one and the same label for every "
                  "turn, so agreement cannot be told apart from chance. Label turns of other kinds to measure it."))
else:
    reading = coach_common.kappa_reading(kappa)
    st.markdown(ui.ngettext("κ = {kappa} over {n} turn: **{reading}** on the Landis & Koch scale",
                            "κ = {kappa} over {n} turns: **{reading}** on the Landis & Koch scale", n).format(
        kappa=ui.decimal(kappa, 2), n=ui.number(n), reading=reading)
        + " " + _("(below 0 poor, up to {a} slight, {b} fair, {c} moderate, {d} substantial, above that almost "
                  "perfect).").format(a=ui.decimal(0.2, 2), b=ui.decimal(0.4, 2), c=ui.decimal(0.6, 2),
                                       d=ui.decimal(0.8, 2)))
    if n < 30:
        st.caption(ui.ngettext("With {n} turn the number is still rough: a few more verdicts can move it a lot.",
                               "With {n} turns the number is still rough: a few more verdicts can move it a lot.",
                               n).format(n=ui.number(n)))

# Confusion matrix ---------------------------------------------------------------------------------------
st.subheader(_("Where they differ"), anchor="matrix")
# Every label a coach can give is a row and a column (a label nobody used shows zeros), and no axis label is
# dropped for lack of room: they are slanted and never thinned out.
used = result["labels"]
labels = list(COACH_LABELS) + [label for label in used if label not in COACH_LABELS]
position = {label: i for i, label in enumerate(used)}


def _count(a: str, b: str) -> int:
    return result["matrix"][position[a]][position[b]] if a in position and b in position else 0


matrix = [[_count(a, b) for b in labels] for a in labels]
names = [coach_common.label_choice(label) for label in labels]
cells = pd.DataFrame([
    {"Scorer": names[i], "Coach": names[j], "Turns": matrix[i][j], "same": i == j}
    for i in range(len(labels)) for j in range(len(labels))
])
base = alt.Chart(cells).encode(
    x=alt.X("Coach:N", sort=names, title=_("Coach's label"),
            axis=alt.Axis(labelAngle=-30, labelAlign="left", orient="top", labelLimit=220, labelOverlap=False)),
    y=alt.Y("Scorer:N", sort=names, title=_("Scorer's label"), axis=alt.Axis(labelLimit=220, labelOverlap=False)),
)
heat = base.mark_rect(stroke="#FFFFFF", strokeWidth=2).encode(
    color=alt.Color("Turns:Q", scale=alt.Scale(domainMin=0, range=["#F3F5F7", "#2E6A80"]), legend=None),
    tooltip=[alt.Tooltip("Scorer:N", title=_("Scorer")), alt.Tooltip("Coach:N", title=_("Coach")),
             alt.Tooltip("Turns:Q", title=_("Turns"))],
)
peak = max(max(row) for row in matrix) or 1
counts = base.mark_text(fontSize=14).encode(
    text=alt.condition("datum.Turns > 0", "Turns:Q", alt.value("")),
    color=alt.condition(f"datum.Turns > {peak / 2}", alt.value("#FFFFFF"), alt.value("#1E2A33")),
)
st.altair_chart(coach_common.localized((heat + counts).properties(height=alt.Step(44))), width="stretch",
                alt=_("Confusion matrix: rows are the scorer's labels, columns the coach's;") + " "
                    + "; ".join(_("scorer {scorer}, coach {coach}: {n}").format(
                        scorer=r.Scorer, coach=r.Coach, n=ui.number(r.Turns)) for r in cells.itertuples() if r.Turns))
st.caption(_("Rows: the scorer's label. Columns: the coach's. The diagonal is where they agree."))
with st.expander(_("The same as a table"), icon=":material/table:"):
    # st.table cells are Markdown: the names are escaped.
    escaped = [common.md(name) for name in names]
    st.table(pd.DataFrame(matrix, index=pd.Index(escaped, name=_("Scorer ↓ / Coach →")), columns=escaped))

# Download -----------------------------------------------------------------------------------------------
st.subheader(_("Coach-labelled turns"), anchor="download")
st.write(ui.ngettext("{n} turn with the coach's label", "{n} turns with the coach's label", len(lines)).format(
    n=ui.number(len(lines)))
    + _(", as the JSON lines `interview-sim classify` reads: one object per line with `id`, `text`, `previous` (the "
        "persona's last words before it) and `label`. Where several coaches labelled a turn, the newest verdict "
        "wins."))
jsonl = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
st.download_button(_("Download JSON lines"), jsonl, file_name="coach-labelled-turns.jsonl",
                   mime="application/jsonl", icon=":material/download:", on_click="ignore",
                   key="coach_download_jsonl")
st.page_link(common.COACH_SESSIONS, label=_("Review more sessions"), icon=":material/fact_check:",
             query_params=ui.url_param())
