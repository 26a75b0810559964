"""Drills from your own mistakes: your leading, closed and hypothetical questions, to ask better, graded at once."""

from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common, practice
from app_pages.common import md
from scoring.drills import collect_drills, daily_share, grade_attempt, load_bank, streaks

RESULTS = "drill_results"  # item id -> the last Grade
SHOWN = 8
CHECKS = {
    "open": "Open question",
    "not_leading": "Not leading",
    "no_hypothetical": "About what they did, not an imagined future or a pitch",
    "keeps_topic": "Keeps the topic",
}
MISTAKES = {"leading": "Leading", "closed": "Closed", "hypothetical": "Hypothetical", "pitch": "Pitch"}

st.title("Drills", anchor=False)
st.write("Your own leading, closed and hypothetical questions, from your interviews. Ask each one better: "
         "open, on the same topic, without suggesting the answer. The scorer grades every try at once.")

name = common.trainee()
if not name:
    practice.name_box()
    st.info("Enter your name to drill the questions from your interviews.")
    st.stop()

store = common.get_store()
try:
    history = store.trainee_history(name)
    attempts = store.drill_attempts(name)
except Exception as e:
    common.log.exception("reading the drills of %s failed", name)
    st.error(f"Your drills could not be loaded ({md(type(e).__name__)}: {md(e)}). Try again in a moment.")
    st.stop()

items = collect_drills(history)
from_bank = not items
if from_bank:
    try:
        items = load_bank()
    except ValueError as e:
        st.error(md(str(e)))
        st.stop()
    st.info("You have no flagged questions of your own yet, so these come from the team's question bank. "
            "After an interview, your own leading and closed questions land here.", icon=":material/library_books:")

# Progress -------------------------------------------------------------------------------------------------
progress = streaks(attempts)
with st.container(horizontal=True, gap="medium"):
    st.metric("Good rewrites in a row", progress["current"], border=True,
              help=f"Your best run: {progress['best']}.")
    st.metric("Days in a row", progress["days"], border=True, help="Days with at least one good rewrite.")
    share = f"{progress['good'] / progress['attempts']:.0%}" if progress["attempts"] else "–"
    st.metric("Good rewrites", share, border=True, help=f"{progress['good']} of {progress['attempts']} tries.")
days = daily_share(attempts)
if days:
    frame = pd.DataFrame(days)
    frame["day"] = pd.to_datetime(frame["day"])
    line = alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(filled=True, size=70), color="#2E6A80").encode(
        x=alt.X("day:T", title="Day", axis=alt.Axis(format="%d %b", tickCount={"interval": "day", "step": 1})),
        y=alt.Y("share:Q", title="Good rewrites", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("day:T", title="Day", format="%d %b %Y"),
                 alt.Tooltip("share:Q", title="Good", format=".0%"),
                 alt.Tooltip("attempts:Q", title="Tries")],
    )
    st.altair_chart(line.properties(height=180), width="stretch",
                    alt="Share of good rewrites per day: " + ", ".join(
                        f"{d['day']} {d['share']:.0%} of {d['attempts']}" for d in days))

# The drills ----------------------------------------------------------------------------------------------
results = st.session_state.setdefault(RESULTS, {})
engine = common.get_engine()
st.subheader(f"{len(items)} question{'s' if len(items) != 1 else ''} to ask better", anchor=False)
for n, item in enumerate(items[:SHOWN]):
    with st.container(border=True, key=f"drill-{n}"):
        with st.container(horizontal=True, gap="small"):
            text, colour = common.label_badge(item.label, item.language)
            st.badge(text, color=colour)
            for flag in item.flags:
                st.badge(f"{common.CAUTION} {common.flag_name(flag, item.language)}", color="orange")
        st.text(item.text)
        if item.source == "own":
            when = f"{datetime.fromtimestamp(item.at):%d %b}" if item.at else ""
            st.caption(f"You asked this in your interview with {md(item.persona or '')}, turn {item.turn_index}"
                       + (f" ({when})" if when else "") + ".")
        if item.previous:
            st.caption(f"They had just said: “{md(common.shorten(item.previous, 160))}”")
        with st.form(key=f"drill-form-{n}", border=False, clear_on_submit=False):
            attempt = st.text_input("Your better version", key=f"drill-answer-{n}", max_chars=1000,
                                    placeholder="Ask it open, on the same topic, without the answer in it")
            submitted = st.form_submit_button("Check", icon=":material/task_alt:")
        if submitted:
            try:
                grade = grade_attempt(item, attempt, engine.classifier_for(item.language))
            except ValueError as e:
                st.warning(md(str(e)))
            else:
                results[item.id] = grade
                try:
                    store.add_drill_attempt(name, {"source": item.source, "question": item.text, "attempt": grade.attempt,
                                                   "label": grade.label, "good": grade.good,
                                                   "session_id": item.session_id, "turn_index": item.turn_index})
                except Exception:  # the grade still shows; only the progress misses one try
                    common.log.exception("saving a drill attempt failed")
                    st.caption("This try could not be saved to your progress.")
                else:
                    st.rerun()  # the streaks and the chart above count this try
        grade = results.get(item.id)
        if grade is not None:
            with st.container(key=f"drill-result-{n}"):
                if grade.good:
                    st.success(f"Better: “{md(grade.attempt)}”", icon=":material/check_circle:")
                else:
                    st.warning(f"Not yet: “{md(grade.attempt)}”", icon=":material/replay:")
                lines = []
                for check, label in CHECKS.items():
                    ok = grade.checks.get(check)
                    detail = ""
                    if check == "keeps_topic" and grade.shared:
                        detail = f" ({md(', '.join(grade.shared))})"
                    if check == "open":
                        detail = f" ({md(common.label_name(grade.label, item.language))})"
                    lines.append(f"{common.GOOD if ok else '✗'} {label}{detail}")
                lines += [md(f) for f in grade.feedback]
                if grade.hint:
                    lines.append(f"**Hint — the scorer's rewrite:** {common.quote(grade.hint)}")
                st.markdown("  \n".join(lines))
if len(items) > SHOWN:
    st.caption(f"The {SHOWN} most recent are shown; the rest wait for the next round.")
