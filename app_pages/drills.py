"""Drills from your own mistakes: your leading, closed and hypothetical questions, to ask better, graded at once."""

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common, practice
from app_pages import i18n as ui
from app_pages.coach_common import AXIS_DAY, TOOLTIP_DAY, localized
from app_pages.common import md
from app_pages.i18n import N_, _, ngettext
from scoring.drills import collect_drills, daily_share, grade_attempt, load_bank, streaks
from simulator import i18n as core

RESULTS = "drill_results"  # item id -> the last Grade
SHOWN = 8
CHECKS = {
    "open": N_("Open question"),
    "not_leading": N_("Not leading"),
    "no_hypothetical": N_("About what they did, not an imagined future or a pitch"),
    "keeps_topic": N_("Keeps the topic"),
}
MISTAKES = {"leading": N_("Leading"), "closed": N_("Closed"), "hypothetical": N_("Hypothetical"), "pitch": N_("Pitch")}


def feedback(grade, language: str | None) -> list[str]:
    """The scorer's advice on a try (scoring.drills.grade_attempt's ``feedback``), in the interface language:
    rebuilt from the checks, which decide it."""
    lines = []
    if not grade.checks.get("open"):
        lines.append(_("The scorer reads it as {label}: ask so they can answer in their own words (how, what, "
                       "tell me about…).").format(label=md(common.label_name(grade.label, language).lower())))
    if not grade.checks.get("not_leading"):
        lines.append(_("It still suggests the answer you expect."))
    if not grade.checks.get("no_hypothetical"):
        lines.append(_("It asks about an imagined future or pitches an idea; ask about what they actually did."))
    if not grade.checks.get("keeps_topic"):
        lines.append(_("It changes the subject: keep what the original question was about."))
    if grade.good:
        lines.append(_("Open, on topic and neutral: that is the better question."))
    return lines


st.title(_("Drills"), anchor=False)
st.write(_("Your own leading, closed and hypothetical questions, from your interviews. Ask each one better: "
           "open, on the same topic, without suggesting the answer. The scorer grades every try at once."))

name = common.trainee()
if not name:
    practice.name_box()
    st.info(_("Enter your name to drill the questions from your interviews."))
    st.stop()

store = common.get_store()
try:
    history = store.trainee_history(name)
    attempts = store.drill_attempts(name)
except Exception as e:
    common.log.exception("reading the drills of %s failed", name)
    st.error(_("Your drills could not be loaded ({error}). Try again in a moment.").format(
        error=f"{md(type(e).__name__)}: {md(e)}"))
    st.stop()

items = collect_drills(history)
from_bank = not items
if from_bank:
    try:
        items = load_bank()
    except ValueError as e:
        st.error(md(core.localize(e.args[0] if e.args else e, ui.current())))
        st.stop()
    st.info(_("You have no flagged questions of your own yet, so these come from the team's question bank. "
              "After an interview, your own leading and closed questions land here."),
            icon=":material/library_books:")

# Progress -------------------------------------------------------------------------------------------------
progress = streaks(attempts)
with st.container(horizontal=True, gap="medium"):
    st.metric(_("Good rewrites in a row"), progress["current"], border=True,
              help=_("Your best run: {n}.").format(n=ui.number(progress["best"])))
    st.metric(_("Days in a row"), progress["days"], border=True, help=_("Days with at least one good rewrite."))
    share = ui.percent(progress["good"] / progress["attempts"]) if progress["attempts"] else "–"
    st.metric(_("Good rewrites"), share, border=True,
              help=ngettext("{good} of {n} try.", "{good} of {n} tries.", progress["attempts"]).format(
                  good=ui.number(progress["good"]), n=ui.number(progress["attempts"])))
days = daily_share(attempts)
if days:
    frame = pd.DataFrame(days)
    frame["day"] = pd.to_datetime(frame["day"])
    line = alt.Chart(frame).mark_line(point=alt.OverlayMarkDef(filled=True, size=70), color="#2E6A80").encode(
        x=alt.X("day:T", title=_("Day"), axis=alt.Axis(format=_(AXIS_DAY),
                                                       tickCount={"interval": "day", "step": 1})),
        y=alt.Y("share:Q", title=_("Good rewrites"), scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("day:T", title=_("Day"), format=_(TOOLTIP_DAY)),
                 alt.Tooltip("share:Q", title=_("Good"), format=".0%"),
                 alt.Tooltip("attempts:Q", title=_("Tries"))],
    )
    st.altair_chart(localized(line.properties(height=180)), width="stretch",
                    alt=_("Share of good rewrites per day: {days}").format(days=", ".join(
                        _("{day}: {share} of {n}").format(day=ui.day(pd.Timestamp(d["day"]).to_pydatetime()),
                                                          share=ui.percent(d["share"]), n=ui.number(d["attempts"]))
                        for d in days)))

# The drills ----------------------------------------------------------------------------------------------
results = st.session_state.setdefault(RESULTS, {})
engine = common.get_engine()
st.subheader(ngettext("{n} question to ask better", "{n} questions to ask better", len(items)).format(
    n=ui.number(len(items))), anchor=False)
for n, item in enumerate(items[:SHOWN]):
    with st.container(border=True, key=f"drill-{n}"):
        with st.container(horizontal=True, gap="small"):
            text, colour = common.label_badge(item.label, item.language)
            st.badge(text, color=colour)
            for flag in item.flags:
                st.badge(f"{common.CAUTION} {common.flag_name(flag, item.language)}", color="orange")
        st.text(item.text)
        if item.source == "own":
            if item.at:
                st.caption(_("You asked this in your interview with {name}, turn {turn} ({day}).").format(
                    name=md(item.persona or ""), turn=item.turn_index, day=ui.day(item.at)))
            else:
                st.caption(_("You asked this in your interview with {name}, turn {turn}.").format(
                    name=md(item.persona or ""), turn=item.turn_index))
        if item.previous:
            st.caption(_("They had just said: “{text}”").format(text=md(common.shorten(item.previous, 160))))
        with st.form(key=f"drill-form-{n}", border=False, clear_on_submit=False):
            attempt = st.text_input(_("Your better version"), key=f"drill-answer-{n}", max_chars=1000,
                                    placeholder=_("Ask it open, on the same topic, without the answer in it"))
            submitted = st.form_submit_button(_("Check"), icon=":material/task_alt:")
        if submitted and not (attempt or "").strip():
            st.warning(_("Write your better version of the question first."))
        elif submitted:
            try:
                grade = grade_attempt(item, attempt, engine.classifier_for(item.language))
            except ValueError as e:
                st.warning(md(core.localize(e.args[0] if e.args else e, ui.current())))
            else:
                results[item.id] = grade
                try:
                    store.add_drill_attempt(name, {"source": item.source, "question": item.text, "attempt": grade.attempt,
                                                   "label": grade.label, "good": grade.good,
                                                   "session_id": item.session_id, "turn_index": item.turn_index})
                except Exception:  # the grade still shows; only the progress misses one try
                    common.log.exception("saving a drill attempt failed")
                    st.caption(_("This try could not be saved to your progress."))
                else:
                    st.rerun()  # the streaks and the chart above count this try
        grade = results.get(item.id)
        if grade is not None:
            with st.container(key=f"drill-result-{n}"):
                if grade.good:
                    st.success(_("Better: “{attempt}”").format(attempt=md(grade.attempt)),
                               icon=":material/check_circle:")
                else:
                    st.warning(_("Not yet: “{attempt}”").format(attempt=md(grade.attempt)), icon=":material/replay:")
                lines = []
                for check, label in CHECKS.items():
                    ok = grade.checks.get(check)
                    detail = ""
                    if check == "keeps_topic" and grade.shared:
                        detail = f" ({md(', '.join(grade.shared))})"
                    if check == "open":
                        detail = f" ({md(common.label_name(grade.label, item.language))})"
                    lines.append((common.GOOD if ok else "✗") + " " + _(label) + detail)
                lines += feedback(grade, item.language)
                if grade.hint:
                    lines.append(_("**Hint — the scorer's rewrite:** {rewrite}").format(rewrite=common.quote(grade.hint)))
                st.markdown("  \n".join(lines))
if len(items) > SHOWN:
    st.caption(_("The {n} most recent are shown; the rest wait for the next round.").format(n=ui.number(SHOWN)))
