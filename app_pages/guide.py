"""The discussion guide, coached before the interview: write or upload the questions you plan to ask, see each
labelled and flagged like a live question and the order checked against the funnel, then interview with it."""

import hashlib

import streamlit as st

from app_pages import common, practice
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import N_, _, ngettext
from scoring.guide import GuideError, check_guide, parse_guide
from simulator import i18n as core
from simulator.transcript import TRAINEE, Turn

TEXT = "guide_text"
UPLOADED = "guide_uploaded"
CHECKED = "guide_checked"  # {"key": hash of persona + text, "report": GuideReport}
MAX_UPLOAD = 200_000
# The funnel stages of scoring.guide.stage_of, as shown beside each question.
STAGES = {"broad": N_("broad"), "specific": N_("specific"), "problem": N_("problem"), "closed": N_("closed"),
          "solution": N_("solution"), "closing": N_("closing"), "statement": N_("statement")}


def _q(number: int, items: dict) -> str:
    item = items.get(number)
    if item is None:
        return _("Q{n}").format(n=number)
    text = item.text if len(item.text) <= 70 else item.text[:69].rstrip() + "…"
    return _("Q{n} (“{text}”)").format(n=number, text=md(text))


def order_warning(warning, result) -> str:
    """An order warning of scoring.guide.check_order in the interface language, rebuilt from its code and the
    questions it names; the scorer's English message where the code is not known here."""
    items = {i.number: i for i in result.items}
    code, numbers = warning.code, warning.items
    if code == "no_open_question":
        return _("None of your questions is open. Plan at least a few that invite a story (“Tell me about the "
                 "last time…”, “Walk me through…”).")
    if code == "opens_narrow" and numbers and numbers[0] in items:
        first = items[numbers[0]]
        what = {"solution": _("talk of a solution"), "specific": _("a narrow, specific question")}.get(first.stage)
        what = what or {"closed": _("a closed question"), "leading": _("a leading question")}.get(first.label)
        if what:
            return _("Your guide opens with {what}: {question}. Start broad and open — their day, their work, how "
                     "they do the thing today — and narrow down later.").format(what=what,
                                                                                 question=_q(first.number, items))
    if code == "solution_before_problem" and numbers:
        listed = ", ".join(_q(n, items) for n in numbers[:3])
        problem = next((i for i in result.items if i.stage == "problem"), None)
        where = (_("before any question about their problem") if problem is None else
                 _("before you ask about the problem ({question})").format(question=_("Q{n}").format(n=problem.number)))
        return ngettext("{questions} talks about a solution or pitch {where}. Understand the problem first: ask "
                        "what is hard, what went wrong and what they do about it today; leave solutions out of the "
                        "interview, or to the very end.",
                        "{questions} talk about a solution or pitch {where}. Understand the problem first: ask "
                        "what is hard, what went wrong and what they do about it today; leave solutions out of the "
                        "interview, or to the very end.", len(numbers)).format(questions=listed, where=where)
    if code == "broad_after_narrow" and len(numbers) == 2:
        return _("{question} is broad and open but comes after the closed question {earlier}. Ask broad questions "
                 "first and narrow down: move it up.").format(question=_q(numbers[0], items),
                                                               earlier=_("Q{n}").format(n=numbers[1]))
    if code == "closing_not_last" and numbers:
        return _("{question} is a closing question; keep it for the end of the interview.").format(
            question=_q(numbers[0], items))
    return md(warning.message)


st.title(_("Discussion guide"), anchor=False)
st.write(_("Write the questions you plan to ask, one per line, or upload your guide. Each is coached like a "
           "live question, and the order is checked against the interview funnel: broad and open first, specific "
           "later, and no talk of solutions before you understand the problem."))

report = common.personas()
personas = {pid: p for pid, p in sorted(report.personas.items(), key=lambda kv: kv[1].name)}
if not personas:
    st.info(_("No personas are available to plan an interview with."))
    st.stop()
# The persona of the trainee's current interview, if any, else the first by name.
current = common.load_transcript(st.session_state.get(common.SID))
ids = list(personas)
chosen_id = st.selectbox(_("Who you will interview"), ids, key="guide_persona",
                         index=ids.index(current.persona_id) if current and current.persona_id in personas else 0,
                         format_func=lambda pid: f"{personas[pid].name} · {personas[pid].domain}")
persona = personas[chosen_id]
st.caption(_("Research goal: {goal}").format(goal=md(persona.research_goal)))

upload = st.file_uploader(_("Upload a guide (text or Markdown)"), type=["txt", "md", "markdown"], key="guide_file",
                          help=_("One question per line; Markdown headings start sections, list markers are fine."))
if upload is not None and st.session_state.get(UPLOADED) != upload.file_id:
    st.session_state[UPLOADED] = upload.file_id
    raw = upload.getvalue()
    if len(raw) > MAX_UPLOAD:
        st.error(_("{file} is {size} bytes; a guide is at most {limit}. Keep only the questions you plan to "
                   "ask.").format(file=md(upload.name), size=ui.number(len(raw)), limit=ui.number(MAX_UPLOAD)))
    else:
        try:
            st.session_state[TEXT] = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            st.error(_("{file} is not UTF-8 text (byte {byte}). Save it as UTF-8 text or Markdown and upload "
                       "it again.").format(file=md(upload.name), byte=e.start))

st.text_area(_("Your questions"), key=TEXT, height=220, max_chars=50_000,
             placeholder=_("# Opening\n- Tell me about your work.\n- Walk me through a normal week.\n"
                           "# The problem\n- What was the hardest part of the last time you …?"))

text = st.session_state.get(TEXT) or ""
key = hashlib.sha256(f"{chosen_id}\n{text}".encode()).hexdigest()
if st.button(_("Check my guide"), type="primary", icon=":material/fact_check:", key="guide_check"):
    try:
        items = parse_guide(text, source=_("Your guide"))
    except GuideError as e:
        st.session_state.pop(CHECKED, None)
        st.error(md(core.localize(e.args[0] if e.args else e, ui.current())))
    else:
        engine = common.get_engine()
        with st.spinner(_("Coaching your guide…")):
            checked = check_guide(items, engine.classifier_for(persona.language), language=persona.language)
        st.session_state[CHECKED] = {"key": key, "report": checked}

checked = st.session_state.get(CHECKED)
if checked and checked["key"] != key:
    st.caption(_("You changed the guide or the persona since the last check: check it again."))
    checked = None

if checked:
    result = checked["report"]
    st.subheader(_("The order"), anchor=False)
    if result.warnings:
        for warning in result.warnings:
            st.warning(order_warning(warning, result), icon=":material/swap_vert:")
    else:
        st.success(_("The order follows the funnel: broad and open first, specific later, the problem before any "
                     "solution."), icon=":material/check:")
    st.subheader(_("Your questions"), anchor=False)
    flagged = len(result.flagged)
    total = ngettext("{n} question", "{n} questions", len(result.items)).format(n=ui.number(len(result.items)))
    st.caption(_("{questions}, {n} flagged.").format(questions=total, n=ui.number(flagged)) if flagged else
               _("{questions}, none flagged.").format(questions=total))
    section = None
    for item in result.items:
        if item.section and item.section != section:
            st.markdown(f"**{md(item.section)}**")
        section = item.section
        with st.container(border=True, key=f"guide-item-{item.number}"):
            stage = _(STAGES[item.stage]) if item.stage in STAGES else md(item.stage or "")
            number = _("Q{n}").format(n=item.number)
            st.markdown(f"**{number}** · :small[:gray[{stage}]]")
            st.text(item.text)
            common.render_coaching(Turn(speaker=TRAINEE, text=item.text, index=item.number, label=item.label,
                                        flags=list(item.flags), reason=item.reason,
                                        flag_reasons=dict(item.flag_reasons), rewrite=item.rewrite),
                                   persona.language)

    st.divider()
    if not common.trainee():
        st.caption(_("Enter your name to interview with this guide."))
        practice.name_box()
    if st.button(_("Interview {name} with this guide").format(name=common.first_name(persona)), icon=":material/forum:",
                 key="guide_start", disabled=not common.trainee()):
        live = common.start_interview(persona)
        guide = {"persona": persona.id, "items": [{"number": i.number, "text": i.text, "section": i.section,
                                                   "label": i.label, "flags": list(i.flags)}
                                                  for i in result.items]}
        try:
            practice.attach_guide(live.sid, guide)
        except Exception as e:  # the interview goes on without the guide beside it
            common.log.exception("saving the guide of session %s failed", live.sid)
            st.warning(_("The guide could not be kept with the interview ({error}).").format(error=md(type(e).__name__)))
        else:
            common.go(common.INTERVIEW)
