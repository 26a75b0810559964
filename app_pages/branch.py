"""Compare: an interview and its branch side by side, question by question from the turn asked differently."""

import pandas as pd
import streamlit as st

from app_pages import common, practice
from app_pages.common import md
from simulator.branching import compare

st.title("Compare: asked differently", anchor=False)

sid = st.session_state.get(practice.COMPARE_SID) or st.session_state.get(common.SID)
info = practice.branch_info(sid)
if not info:
    st.info("Nothing to compare yet. In a report or an interview, press **Ask differently** under one of your "
            "questions, ask something else, and end that interview: the two versions appear here side by side.")
    if st.button("Back to the report", icon=":material/insights:"):
        common.go(common.REPORT)
    st.stop()

branch = common.load_transcript(sid)
original = common.load_transcript(info["parent_id"])
if branch is None or original is None:
    st.warning("One of the two interviews is not available any more.")
    st.stop()
point = info["branch_point"]
persona = common.personas().personas.get(original.persona_id)
topics = {t.id: t.title for t in persona.topics} if persona is not None else {}
who = common.first_name_of(original.persona_name or original.persona_id)

if branch.ended_at is None:
    st.info("This version is still running: the comparison covers what you have asked so far.",
            icon=":material/forum:")

try:
    result = compare(original, branch, point)
except Exception as e:  # never a traceback on the page
    common.log.exception("comparing %s with %s failed", sid, info["parent_id"])
    st.error(f"The two interviews could not be compared ({md(type(e).__name__)}: {md(e)}).")
    st.stop()


def _reached(side) -> str:
    if side is None:
        return "–"
    if side.layer and side.topic:
        return f"{md(topics.get(side.topic, side.topic))} ({md(side.layer)})"
    if side.move in ("leading", "closed", "unknown", "pitch", "hypothetical"):
        return f"nothing new ({md(side.move)} reply)"
    return "nothing new"


def _found(side) -> str:
    if side is None or not side.insights:
        return ""
    return "; ".join(f"★ {md(result.findings.get(i, i))}" for i in side.insights)


def _question(side) -> str:
    if side is None:
        return "–"
    return f"{common.label_badge(side.label)[0]}: {md(common.shorten(side.text, 90))}"


# What changed ---------------------------------------------------------------------------------------------
st.markdown(f"**{md(original.persona_name)}** · you went back to turn {point} and asked it differently.")
with st.container(horizontal=True, gap="medium"):
    fmt = lambda v: "–" if v is None else f"{v:.0f}"  # noqa: E731
    st.metric("Score before", fmt(result.original_score), border=True)
    change = result.score_change
    st.metric("Score now", fmt(result.branch_score), border=True,
              delta=None if change is None else f"{change:+.0f}")
    st.metric("Insights after the turn", f"{len(result.original_insights)} → {len(result.branch_insights)}",
              border=True)

st.subheader("What the new question drew out", anchor="drew-out")
lines = []
first = result.rows[0] if result.rows else None
if first is not None and first.branch is not None:
    old = first.original
    lines.append(f"Your new question — {_question(first.branch)} — reached **{_reached(first.branch)}**; "
                 f"the old one — {_question(old)} — reached {_reached(old)}.")
for insight in result.only_in_branch:
    lines.append(f"{common.GOOD} Found only in the new version: ★ **{md(result.findings.get(insight, insight))}**")
for topic, layer in result.deeper_in_branch.items():
    lines.append(f"{common.GOOD} Went deeper: {md(topics.get(topic, topic))} down to the {md(layer)} layer")
for insight in result.only_in_original:
    lines.append(f"{common.CAUTION} Found only in the old version: {md(result.findings.get(insight, insight))}")
if not result.only_in_branch and not result.deeper_in_branch:
    lines.append(f"No insight or deeper layer that the old version did not reach too. Look at what {md(who)} "
                 "said below, and try another question.")
with st.container(key="drew-out"):
    st.markdown("  \n".join(lines))

# Turn by turn ---------------------------------------------------------------------------------------------
st.subheader("Question by question", anchor="steps")
rows = []
for row in result.rows:
    turn = row.branch.turn if row.branch else row.original.turn
    rows.append({
        "Turn": str(turn),
        "Before: your question": _question(row.original),
        "Reached": _reached(row.original),
        "Drew out": _found(row.original),
        "Now: your question": _question(row.branch),
        "Reached ": _reached(row.branch),
        "Drew out ": _found(row.branch),
        "Points": f"{row.points_change:+.1f}",
    })
if rows:
    st.table(pd.DataFrame(rows), hide_index=True, border="horizontal")

left, right = st.columns(2, gap="medium")
for column, title, transcript in ((left, "Before", original), (right, "Now", branch)):
    with column:
        st.markdown(f"**{title}**")
        for turn in transcript.turns[point:]:
            with common.chat_message(turn.speaker):
                common.render_turn_text(turn)
                if turn.speaker == "trainee":
                    st.caption(md(common.label_badge(turn.label)[0]))

with st.container(horizontal=True, gap="small"):
    if st.button("This version's report", icon=":material/insights:", key="compare-report"):
        st.session_state[common.SID] = sid
        st.session_state.pop(common.LIVE, None)
        common.go(common.REPORT)
    if st.button("The original's report", icon=":material/history:", key="compare-original-report"):
        st.session_state[common.SID] = info["parent_id"]
        st.session_state.pop(common.LIVE, None)
        common.go(common.REPORT)
