"""Compare: an interview and its branch side by side, question by question from the turn asked differently."""

import pandas as pd
import streamlit as st

from app_pages import common, practice
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import N_, _
from simulator.branching import compare

# The persona's layers (simulator.persona.LAYERS) and what a reply that opened nothing answered.
LAYERS = {"surface": N_("surface"), "detail": N_("detail"), "deep": N_("deep")}
NOTHING_NEW = {"leading": N_("nothing new (leading reply)"), "closed": N_("nothing new (closed reply)"),
               "unknown": N_("nothing new (unknown reply)"), "pitch": N_("nothing new (pitch reply)"),
               "hypothetical": N_("nothing new (hypothetical reply)")}


def _layer(layer: str) -> str:
    return _(LAYERS[layer]) if layer in LAYERS else md(layer)


st.title(_("Compare: asked differently"), anchor=False)

sid = st.session_state.get(practice.COMPARE_SID) or st.session_state.get(common.SID)
info = practice.branch_info(sid)
if not info:
    st.info(_("Nothing to compare yet. In a report or an interview, press **Ask differently** under one of your "
              "questions, ask something else, and end that interview: the two versions appear here side by side."))
    if st.button(_("Back to the report"), icon=":material/insights:"):
        common.go(common.REPORT)
    st.stop()

branch = common.load_transcript(sid)
original = common.load_transcript(info["parent_id"])
if branch is None or original is None:
    st.warning(_("One of the two interviews is not available any more."))
    st.stop()
point = info["branch_point"]
persona = common.personas().personas.get(original.persona_id)
topics = {t.id: t.title for t in persona.topics} if persona is not None else {}
who = common.first_name_of(original.persona_name or original.persona_id)

if branch.ended_at is None:
    st.info(_("This version is still running: the comparison covers what you have asked so far."),
            icon=":material/forum:")

try:
    result = compare(original, branch, point)
except Exception as e:  # never a traceback on the page
    common.log.exception("comparing %s with %s failed", sid, info["parent_id"])
    st.error(_("The two interviews could not be compared ({error}).").format(error=f"{md(type(e).__name__)}: {md(e)}"))
    st.stop()


def _reached(side) -> str:
    if side is None:
        return "–"
    if side.layer and side.topic:
        return _("{topic} ({layer})").format(topic=md(topics.get(side.topic, side.topic)), layer=_layer(side.layer))
    if side.move in NOTHING_NEW:
        return _(NOTHING_NEW[side.move])
    return _("nothing new")


def _found(side) -> str:
    if side is None or not side.insights:
        return ""
    return "; ".join(f"★ {md(result.findings.get(i, i))}" for i in side.insights)


def _question(side) -> str:
    if side is None:
        return "–"
    return f"{common.label_badge(side.label)[0]}: {md(common.shorten(side.text, 90))}"


# What changed ---------------------------------------------------------------------------------------------
st.markdown(_("**{name}** · you went back to turn {turn} and asked it differently.").format(
    name=md(original.persona_name), turn=point))
with st.container(horizontal=True, gap="medium"):
    fmt = lambda v: "–" if v is None else ui.decimal(v, 0)  # noqa: E731
    st.metric(_("Score before"), fmt(result.original_score), border=True)
    change = result.score_change
    st.metric(_("Score now"), fmt(result.branch_score), border=True,
              delta=None if change is None else ui.decimal(change, 0, sign=True))
    st.metric(_("Insights after the turn"), f"{len(result.original_insights)} → {len(result.branch_insights)}",
              border=True)

st.subheader(_("What the new question drew out"), anchor="drew-out")
lines = []
first = result.rows[0] if result.rows else None
if first is not None and first.branch is not None:
    old = first.original
    lines.append(_("Your new question — {new} — reached **{new_reached}**; the old one — {old} — reached "
                   "{old_reached}.").format(new=_question(first.branch), new_reached=_reached(first.branch),
                                             old=_question(old), old_reached=_reached(old)))
for insight in result.only_in_branch:
    lines.append(common.GOOD + " " + _("Found only in the new version: ★ **{insight}**").format(
        insight=md(result.findings.get(insight, insight))))
for topic, layer in result.deeper_in_branch.items():
    lines.append(common.GOOD + " " + _("Went deeper: {topic} down to the {layer} layer").format(
        topic=md(topics.get(topic, topic)), layer=_layer(layer)))
for insight in result.only_in_original:
    lines.append(common.CAUTION + " " + _("Found only in the old version: {insight}").format(
        insight=md(result.findings.get(insight, insight))))
if not result.only_in_branch and not result.deeper_in_branch:
    lines.append(_("No insight or deeper layer that the old version did not reach too. Look at what {name} said "
                   "below, and try another question.").format(name=md(who)))
with st.container(key="drew-out"):
    st.markdown("  \n".join(lines))

# Turn by turn ---------------------------------------------------------------------------------------------
st.subheader(_("Question by question"), anchor="steps")
rows = []
# The "now" side repeats two headings: a trailing space keeps the table's columns apart.
columns = [_("Turn"), _("Before: your question"), _("Reached"), _("Drew out"), _("Now: your question"),
           _("Reached") + " ", _("Drew out") + " ", _("Points")]
for row in result.rows:
    turn = row.branch.turn if row.branch else row.original.turn
    rows.append(dict(zip(columns, [
        str(turn), _question(row.original), _reached(row.original), _found(row.original),
        _question(row.branch), _reached(row.branch), _found(row.branch),
        ui.decimal(row.points_change, 1, sign=True),
    ])))
if rows:
    st.table(pd.DataFrame(rows), hide_index=True, border="horizontal")

left, right = st.columns(2, gap="medium")
for column, title, transcript in ((left, _("Before"), original), (right, _("Now"), branch)):
    with column:
        st.markdown(f"**{md(title)}**")
        for turn in transcript.turns[point:]:
            with common.chat_message(turn.speaker):
                common.render_turn_text(turn)
                if turn.speaker == "trainee":
                    st.caption(md(common.label_badge(turn.label)[0]))

with st.container(horizontal=True, gap="small"):
    if st.button(_("This version's report"), icon=":material/insights:", key="compare-report"):
        st.session_state[common.SID] = sid
        st.session_state.pop(common.LIVE, None)
        common.go(common.REPORT)
    if st.button(_("The original's report"), icon=":material/history:", key="compare-original-report"):
        st.session_state[common.SID] = info["parent_id"]
        st.session_state.pop(common.LIVE, None)
        common.go(common.REPORT)
