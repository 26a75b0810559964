"""The report after an interview: the score and how it was earned, the question mix, talk and R:Q, the insights."""

import html
from datetime import datetime

import altair as alt
import pandas as pd
import streamlit as st

from app_pages import common, practice
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import _
from simulator import export
from simulator.transcript import TRAINEE

transcript = common.load_transcript(st.session_state.get(common.SID))
if transcript is None or transcript.ended_at is None:
    st.title(_("Report"))
    if transcript is not None:
        st.info(_("Your interview is still running. End it from the interview's sidebar to see the report."))
        if st.button(_("Back to the interview"), type="primary", icon=":material/forum:"):
            common.go(common.INTERVIEW)
    else:
        st.info(_("Interview someone first: the report appears when you end the interview."))
        if st.button(_("Choose a persona"), type="primary", icon=":material/groups:"):
            common.go(common.GALLERY)
    st.stop()

metrics = common.session_metrics(transcript)
persona_name = transcript.persona_name or transcript.persona_id
trainee_turns = transcript.trainee_turns
questions = metrics.get("questions", 0)
minutes = max(0.0, ((transcript.ended_at or 0) - transcript.started_at) / 60)


def _number(key: str, kind: str = "int") -> str:
    """A metric for the interface language: "int" (42), "percent" (42%), "ratio" (1.50, or 1,50 in Dutch)."""
    value = metrics.get(key)
    if not isinstance(value, (int, float)):
        return "–"
    if kind == "percent":
        return ui.percent(value)
    return ui.decimal(value, 2) if kind == "ratio" else ui.decimal(value, 0)


def _reference(metric: str, kind: str = "int") -> str:
    ref = common.reference(metric)
    if "fair" not in ref or "good" not in ref:
        return ""
    show = ui.percent if kind == "percent" else (lambda v: f"{v:g}")
    return _("Reference: {fair} is fair, {good} is good.").format(fair=show(ref["fair"]), good=show(ref["good"]))


st.title(_("Interview report"), anchor=False)
duration = _("under a minute") if minutes < 1 else _("{n} min").format(n=ui.decimal(minutes, 0))
st.markdown(f"**{md(persona_name)}** · {md(transcript.trainee or '')} · "
            f"{ui.when(transcript.started_at)} · {duration} · "
            + ui.ngettext("{n} turn", "{n} turns", len(trainee_turns)).format(n=ui.number(len(trainee_turns)))
            + ", " + ui.ngettext("{n} question", "{n} questions", questions).format(n=ui.number(questions)))
practice.report_links(st.session_state.get(common.SID))  # compare with a branch or the original
catalog = [c for c in transcript.insight_catalog if isinstance(c, dict) and c.get("id")]
uncovered = transcript.uncovered()
unreliable = transcript.contaminated_insights()

with st.container(horizontal=True, gap="medium"):
    st.metric(_("Score"), _number("score"), border=True,
              help=_("Out of 100.") + f" {_reference('score')} " + _("The parts are below."))
    st.metric(_("Open questions"), _number("open_share", "percent"), border=True,
              help=_("Share of your questions that were open.") + f" {_reference('open_share', 'percent')}")
    st.metric(_("Insights found"), _("{found} of {total}").format(found=ui.number(len(uncovered)),
                                                                   total=ui.number(len(catalog))), border=True)
    st.metric(_("You talked"), _number("talk_ratio", "percent"), border=True,
              help=_("Your share of all the words spoken.") + f" {_reference('talk_ratio', 'percent')}")

# Insights ---------------------------------------------------------------------------------------------
st.subheader(_("Insights"), anchor="insights")
if not catalog:
    st.caption(_("This persona has no insights to find."))
found_rows = [c for c in catalog if c["id"] in uncovered]
missed_rows = [c for c in catalog if c["id"] not in uncovered]
if catalog and not found_rows:
    st.markdown(_("You found none of the {n} insights this time.").format(n=ui.number(len(catalog))))
for item in found_rows:
    turn = uncovered[item["id"]]
    line = (f"{common.GOOD} {md(item.get('finding') or item['id'])} — ["
            + _("turn {n}").format(n=turn) + f"](#turn-{turn})")
    if item["id"] in unreliable:
        line += (f"  \n{common.CAUTION} **" + _("Unreliable:") + "** "
                 + _("it came after a leading question had coloured this topic, so it may echo your suggestion "
                     "rather than their experience."))
    st.markdown(line)
if missed_rows:
    st.markdown("**" + _("Not found ({n}) — and how you could have reached them").format(n=len(missed_rows)) + "**")
    for item in missed_rows:
        hint = (f"  \n:small[:gray[" + _("How to reach it:") + f" {md(item['hint'])}]]") if item.get("hint") else ""
        st.markdown(f"✗ {md(item.get('finding') or item['id'])}{hint}")

# Score --------------------------------------------------------------------------------------------------
st.subheader(_("How your score was earned"), anchor="score")
breakdown = metrics.get("score_breakdown") or {}
components = breakdown.get("components") or {}
weights = breakdown.get("weights") or {}
weighted = breakdown.get("weighted") or {}
COMPONENTS = {"craft": _("Question craft"), "listening": _("Listening (reflections per question)"),
              "talk": _("Talk ratio"), "insights": _("Insights found")}
PART, RESULT, WEIGHT, POINTS = _("Part"), _("Your result"), _("Weight"), _("Points in your score")
parts = [
    {PART: name, RESULT: f"{ui.decimal(components[key], 0)} / 100", WEIGHT: ui.percent(weights[key]),
     POINTS: ui.decimal(weighted[key], 1)}
    for key, name in COMPONENTS.items() if key in weights and components.get(key) is not None
]
if parts:
    parts.append({PART: "**" + _("Score") + "**", RESULT: "", WEIGHT: "",
                  POINTS: f"**{_number('score')}**"})
    st.table(pd.DataFrame(parts), hide_index=True, border="horizontal")

findings = {c["id"]: c.get("finding") or c["id"] for c in catalog}
by_index = {t.index: t for t in transcript.turns}
rows = []
for item in metrics.get("contributions") or []:
    turn = by_index.get(item.get("turn"))
    points, effect = item.get("points"), item.get("score_effect")
    reason = str(item.get("reason") or "").rsplit(":", 1)[0]
    if item.get("component") == "insights":
        insight = reason.split("'")[1] if reason.count("'") >= 2 else ""
        what = f"★ {md(findings.get(insight, reason))}"
        said = ""
        points_text = _("½ insight (after a leading question)") if points == 0.5 else _("1 insight")
    else:
        sign = common.GOOD if isinstance(points, (int, float)) and points > 0 else common.CAUTION
        what = f"{sign} {md(reason)}"
        said = md(_("(You stayed silent.)") if turn and turn.is_silence else common.shorten(turn.display_text, 70)) \
            if turn else ""
        points_text = ui.decimal(points, 0 if float(points).is_integer() else 1, sign=True) \
            if isinstance(points, (int, float)) else ""
    rows.append({
        _("Turn"): str(item.get("turn", "")),
        _("What counted"): what,
        _("Your words"): said,
        _("Points"): points_text,
        _("On the score"): ui.decimal(effect, 1, sign=True) if isinstance(effect, (int, float)) else "",
    })
if rows:
    st.markdown("**" + _("Turn by turn") + "**")
    # st.table is plain HTML (readable by screen readers); its cells are Markdown, so every text is escaped.
    st.table(pd.DataFrame(rows), hide_index=True, border="horizontal")
else:
    st.caption(_("No turn earned or lost points."))
with st.expander(_("The formula"), icon=":material/function:"):
    st.markdown(common.formula_markdown())
st.page_link(common.SCORING, label=_("How scoring works, with examples"), icon=":material/help:")

# Charts -------------------------------------------------------------------------------------------------
# The badge colours; the label text (with its ✓ / ⚠ / • symbol) always says the same without colour.
TONE_SCALE = alt.Scale(domain=["green", "blue", "orange", "red", "gray"],
                       range=["#2E7D5B", "#2E6A80", "#B45309", "#B42318", "#6B7785"])
SHAPE_SCALE = alt.Scale(domain=["green", "blue", "orange", "red", "gray"],
                        range=["circle", "circle", "triangle-up", "diamond", "square"])

st.subheader(_("Question mix"), anchor="mix")
counts = {label: n for label, n in (metrics.get("label_counts") or {}).items() if n}
if counts:
    mix = pd.DataFrame([
        {"label": common.label_badge(label)[0], "count": n, "tone": common.label_badge(label)[1]}
        for label, n in counts.items()
    ])
    bars = alt.Chart(mix).mark_bar(cornerRadiusEnd=3).encode(
        x=alt.X("count:Q", title=_("Turns"), axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domain=[0, max(counts.values()) * 1.12], nice=False)),
        y=alt.Y("label:N", sort="-x", title=None),
        color=alt.Color("tone:N", scale=TONE_SCALE, legend=None),
        tooltip=[alt.Tooltip("label:N", title=_("Label")), alt.Tooltip("count:Q", title=_("Turns"))],
    )
    text = bars.mark_text(align="left", dx=4).encode(text="count:Q", color=alt.value("#1E2A33"))
    st.altair_chart((bars + text).properties(height=alt.Step(30)), width="stretch",
                    alt=_("Bar chart of your turns by label:") + " "
                    + ", ".join(f"{r.label} {r.count}" for r in mix.itertuples()))

st.markdown("**" + _("Your turns over time") + "**")
INSIGHT_LANE = "★ " + _("Insight revealed")
lanes = [common.label_badge(label)[0] for label in common.LABELS]
timeline = pd.DataFrame([
    {
        "turn": t.index,
        "lane": common.label_badge(t.label)[0],
        "tone": common.label_badge(t.label)[1],
        "said": common.shorten(t.display_text),
    }
    for t in trainee_turns
])
revealed = pd.DataFrame([
    {"turn": t.index, "lane": INSIGHT_LANE, "tone": "blue",
     "said": ", ".join(t.insights)}
    for t in transcript.persona_turns if t.insights
])
if not timeline.empty:
    frame = pd.concat([timeline, revealed], ignore_index=True)
    lane_order = [lane for lane in lanes if lane in set(frame["lane"])] + ([INSIGHT_LANE] if not revealed.empty else [])
    points = alt.Chart(frame).mark_point(filled=True, size=140).encode(
        x=alt.X("turn:Q", title=_("Turn"), axis=alt.Axis(tickMinStep=1, format="d"),
                scale=alt.Scale(domain=[0, int(frame["turn"].max()) + 1], nice=False)),
        y=alt.Y("lane:N", sort=lane_order, title=None),
        color=alt.Color("tone:N", scale=TONE_SCALE, legend=None),
        shape=alt.Shape("tone:N", scale=SHAPE_SCALE, legend=None),
        tooltip=[alt.Tooltip("turn:Q", title=_("Turn")), alt.Tooltip("lane:N", title=_("Label")),
                 alt.Tooltip("said:N", title=_("Said"))],
    )
    st.altair_chart(points.properties(height=alt.Step(34)), width="stretch",
                    alt=_("Each of your turns in order, on the row of its label; stars mark turns that revealed an "
                          "insight."))

# Talk and reflection ------------------------------------------------------------------------------------
st.subheader(_("Talk and reflection"), anchor="talk")
left, right = st.columns(2, gap="large")
with left:
    talk = metrics.get("talk_ratio")
    st.markdown("**" + _("Your share of the talk: {share}").format(share=_number("talk_ratio", "percent")) + "**",
                help=_("Words you said, out of all words spoken. Interviews that listen keep this low."))
    if isinstance(talk, (int, float)):
        other = common.first_name_of(persona_name)
        share = pd.DataFrame([
            {"who": _("You"), "start": 0.0, "end": talk, "colour": "#2E6A80", "ink": "#FFFFFF"},
            {"who": other, "start": talk, "end": 1.0, "colour": "#D5E3E9", "ink": "#1E2A33"},
        ])
        share["text"] = [f"{w} {ui.percent(e - b)}" if e - b >= 0.12 else "" for w, b, e in
                         zip(share["who"], share["start"], share["end"])]
        talk_ref = common.reference("talk_ratio")
        grade = {"good": _("good"), "fair": _("fair")}
        marks = [{"value": float(talk_ref[k]), "name": f"{ui.percent(talk_ref[k])} {grade[k]}"} for k in ("good", "fair")
                 if k in talk_ref]
        names = " : ".join(f"datum.value == {m['value']} ? '{m['name']}'" for m in marks) + " : ''"
        share["row"] = "talk"
        share["anchor"] = [0.0, 1.0]
        base = alt.Chart(share).encode(y=alt.Y("row:N", axis=None))
        bar = base.mark_bar().encode(
            x=alt.X("start:Q", title=None, scale=alt.Scale(domain=[0, 1]),
                    axis=alt.Axis(values=[m["value"] for m in marks], labelExpr=names, grid=False)),
            x2="end:Q",
            color=alt.Color("colour:N", scale=None),
            tooltip=[alt.Tooltip("who:N", title=_("Who")), alt.Tooltip("text:N", title=_("Share"))],
        )
        # "You" sits at the start of its bar, the persona at the end of theirs: clear of the reference lines.
        text = alt.layer(
            alt.Chart(share.iloc[[0]]).mark_text(align="left", dx=8).encode(
                x="anchor:Q", y=alt.Y("row:N", axis=None), text="text:N", color=alt.Color("ink:N", scale=None)),
            alt.Chart(share.iloc[[1]]).mark_text(align="right", dx=-8).encode(
                x="anchor:Q", y=alt.Y("row:N", axis=None), text="text:N", color=alt.Color("ink:N", scale=None)),
        )
        rules = alt.Chart(pd.DataFrame(marks)).mark_rule(strokeDash=[4, 3], color="#1E2A33").encode(x="value:Q")
        st.altair_chart((bar + text + rules).properties(height=alt.Step(36)), width="stretch",
                        alt=_("You spoke {you} of the words, {name} {other}.").format(
                            you=ui.percent(talk), name=other, other=ui.percent(1 - talk))
                            + " " + _(str(talk_ref.get("label") or "")))
with right:
    rq = metrics.get("rq_ratio")
    st.markdown("**" + _("Reflections per question (R:Q): {value}").format(value=_number("rq_ratio", "ratio")) + "**",
                help=_("Reflections and echoes per question.") + " "
                + _(str(common.reference("rq_ratio").get("label") or "")))
    if isinstance(rq, (int, float)):
        refs = common.rq_reference_lines()
        top = max(2.5, rq * 1.15)
        names = " : ".join(f"datum.value == {r['value']} ? '{r['name']}'" for r in refs) + " : datum.label"
        x = alt.X("rq:Q", title=None, scale=alt.Scale(domain=[0, top], nice=False),
                  axis=alt.Axis(values=[0] + [r["value"] for r in refs], labelExpr=names, grid=False))
        bar = alt.Chart(pd.DataFrame([{"rq": rq, "who": _("You")}])).mark_bar(color="#2E6A80").encode(
            x=x, y=alt.Y("who:N", title=None),
            tooltip=[alt.Tooltip("rq:Q", title=_("Your R:Q"), format=".2f")],
        )
        rules = alt.Chart(pd.DataFrame(refs)).mark_rule(strokeDash=[4, 3], color="#1E2A33").encode(x="value:Q")
        st.altair_chart((bar + rules).properties(height=alt.Step(36)), width="stretch",
                        alt=_("Your R:Q is {value}; reference lines:").format(value=ui.decimal(rq, 2)) + " "
                            + ", ".join(f"{r['name']}" for r in refs))

# Coach feedback -----------------------------------------------------------------------------------------


def _load_feedback(sid: str | None) -> dict | None:
    """The coaches' labels and comments on this (the viewer's own) session, or None where there are none."""
    feedback = getattr(common.get_store(), "feedback", None)
    viewer = common.viewer()
    if feedback is None or sid is None or viewer is None:
        return None
    try:
        found = feedback(sid, viewer=viewer)
    except Exception:  # the report stands without the feedback
        common.log.exception("reading the coach feedback of %s failed", sid)
        return None
    return found if found["turns"] or found["session"] else None


def _coach_feedback_section(found: dict | None) -> None:
    """What the coaches said about the whole session, with how much is new since the trainee last looked."""
    if found is None:
        return
    new = " :violet-badge[" + _("{n} new").format(n=ui.number(found["new"])) + "]" if found["new"] else ""
    st.subheader(_("From your coach"), anchor="coach")
    st.markdown(_("Your coach reviewed this interview.") + new + " "
                + _("Their labels and comments on your questions are in the transcript below, beside the scorer's."))
    seen = found.get("seen_at")
    for position, comment in enumerate(found["session"]):
        fresh = seen is None or max(comment["at"], comment.get("edited_at") or 0) > seen
        with st.container(border=True, key=f"report-coach-comment-{position}"):
            st.markdown(f"**{md(comment['coach'])}** · :gray[{md(ui.when(comment['at']))}]"
                        + (" :violet-badge[" + _("new") + "]" if fresh else ""))
            st.markdown(md(comment["text"]))


def _coach_turn_notes(found: dict | None, turn) -> None:
    """Under one of the trainee's questions: each coach's label (beside the scorer's) and comment."""
    if found is None:
        return
    seen = found.get("seen_at")
    for note in (n for n in found["turns"] if n["turn"] == turn.index):
        fresh = seen is None or note["at"] > seen
        with st.container(horizontal=True, gap="small"):
            st.badge(_("Coach {name}").format(name=md(note['coach'])), icon=":material/rate_review:", color="violet")
            if note["label"]:
                text, colour = common.label_badge(note["label"], transcript.language)
                verdict = _("agrees with the scorer") if note["confirmed"] else _("the coach’s label")
                st.badge(f"{text} ({verdict})", color=colour)
            if fresh:
                st.badge(_("new"), color="violet")
        if note["comment"]:
            st.caption(common.quote(note["comment"]))


coach_feedback = _load_feedback(st.session_state.get(common.SID))
_coach_feedback_section(coach_feedback)

# Transcript ---------------------------------------------------------------------------------------------
st.subheader(_("Transcript"), anchor="transcript")
for turn in transcript.turns:
    with common.chat_message(turn.speaker):
        # A heading gets the anchor "turn-N" that the insight links above jump to.
        # The id stays "turn-N" in every language (a heading's own anchor would follow its translated text).
        heading = html.escape(_("Turn {n}").format(n=turn.index))
        st.html(f'<h6 id="turn-{turn.index}" style="margin:0">{heading}</h6>')
        common.render_turn_text(turn)
        if turn.speaker == TRAINEE:
            common.render_coaching(turn, transcript.language)
            _coach_turn_notes(coach_feedback, turn)
            practice.ask_differently_button(st.session_state.get(common.SID), turn)
        elif turn.insights:
            names = {c["id"]: c.get("finding") or c["id"] for c in catalog}
            st.caption("★ " + _("Revealed:") + " " + "; ".join(md(names.get(i, i)) for i in turn.insights)
                       + (f"  \n{common.CAUTION} " + _("From a topic a leading question had coloured.")
                          if turn.contaminated_insights else ""))

# Downloads ----------------------------------------------------------------------------------------------
st.subheader(_("Save this interview"), anchor="save")
stem = f"interview-{transcript.persona_id}-{datetime.fromtimestamp(transcript.started_at):%Y%m%d-%H%M}"
with st.container(horizontal=True, gap="small"):
    st.download_button("Markdown", export.to_markdown(transcript, metrics, language=ui.current()), file_name=f"{stem}.md",
                       mime="text/markdown", icon=":material/description:", on_click="ignore")
    st.download_button("JSON", export.to_json(transcript, metrics), file_name=f"{stem}.json",
                       mime="application/json", icon=":material/data_object:", on_click="ignore")
    st.download_button("CSV", export.to_csv(transcript, metrics, language=ui.current()), file_name=f"{stem}.csv",
                       mime="text/csv", icon=":material/table:", on_click="ignore")

if st.button(_("Interview someone else"), icon=":material/groups:"):
    common.go(common.GALLERY)

# The trainee has now seen the feedback: the "N new" markers go until a coach adds or changes something.
if coach_feedback is not None and coach_feedback["new"]:
    try:
        common.get_store().mark_feedback_read(st.session_state.get(common.SID), viewer=common.viewer())
    except Exception:
        common.log.exception("marking the coach feedback read failed")
