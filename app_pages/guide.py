"""The discussion guide, coached before the interview: write or upload the questions you plan to ask, see each
labelled and flagged like a live question and the order checked against the funnel, then interview with it."""

import hashlib

import streamlit as st

from app_pages import common, practice
from app_pages.common import md
from scoring.guide import GuideError, check_guide, parse_guide
from simulator.transcript import TRAINEE, Turn

TEXT = "guide_text"
UPLOADED = "guide_uploaded"
CHECKED = "guide_checked"  # {"key": hash of persona + text, "report": GuideReport}
MAX_UPLOAD = 200_000

st.title("Discussion guide", anchor=False)
st.write("Write the questions you plan to ask, one per line, or upload your guide. Each is coached like a "
         "live question, and the order is checked against the interview funnel: broad and open first, specific "
         "later, and no talk of solutions before you understand the problem.")

report = common.personas()
personas = {pid: p for pid, p in sorted(report.personas.items(), key=lambda kv: kv[1].name)}
if not personas:
    st.info("No personas are available to plan an interview with.")
    st.stop()
# The persona of the trainee's current interview, if any, else the first by name.
current = common.load_transcript(st.session_state.get(common.SID))
ids = list(personas)
chosen_id = st.selectbox("Who you will interview", ids, key="guide_persona",
                         index=ids.index(current.persona_id) if current and current.persona_id in personas else 0,
                         format_func=lambda pid: f"{personas[pid].name} · {personas[pid].domain}")
persona = personas[chosen_id]
st.caption(f"Research goal: {md(persona.research_goal)}")

upload = st.file_uploader("Upload a guide (text or Markdown)", type=["txt", "md", "markdown"], key="guide_file",
                          help="One question per line; Markdown headings start sections, list markers are fine.")
if upload is not None and st.session_state.get(UPLOADED) != upload.file_id:
    st.session_state[UPLOADED] = upload.file_id
    raw = upload.getvalue()
    if len(raw) > MAX_UPLOAD:
        st.error(f"{md(upload.name)} is {len(raw):,} bytes; a guide is at most {MAX_UPLOAD:,}. Keep only the "
                 "questions you plan to ask.")
    else:
        try:
            st.session_state[TEXT] = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            st.error(f"{md(upload.name)} is not UTF-8 text (byte {e.start}). Save it as UTF-8 text or Markdown "
                     "and upload it again.")

st.text_area("Your questions", key=TEXT, height=220, max_chars=50_000,
             placeholder="# Opening\n- Tell me about your work.\n- Walk me through a normal week.\n"
                         "# The problem\n- What was the hardest part of the last time you …?")

text = st.session_state.get(TEXT) or ""
key = hashlib.sha256(f"{chosen_id}\n{text}".encode()).hexdigest()
if st.button("Check my guide", type="primary", icon=":material/fact_check:", key="guide_check"):
    try:
        items = parse_guide(text, source="Your guide")
    except GuideError as e:
        st.session_state.pop(CHECKED, None)
        st.error(md(str(e)))
    else:
        engine = common.get_engine()
        with st.spinner("Coaching your guide…"):
            checked = check_guide(items, engine.classifier_for(persona.language), language=persona.language)
        st.session_state[CHECKED] = {"key": key, "report": checked}

checked = st.session_state.get(CHECKED)
if checked and checked["key"] != key:
    st.caption("You changed the guide or the persona since the last check: check it again.")
    checked = None

if checked:
    result = checked["report"]
    st.subheader("The order", anchor=False)
    if result.warnings:
        for warning in result.warnings:
            st.warning(md(warning.message), icon=":material/swap_vert:")
    else:
        st.success("The order follows the funnel: broad and open first, specific later, the problem before any "
                   "solution.", icon=":material/check:")
    st.subheader("Your questions", anchor=False)
    flagged = len(result.flagged)
    st.caption(f"{len(result.items)} questions, {flagged} flagged." if flagged else
               f"{len(result.items)} questions, none flagged.")
    section = None
    for item in result.items:
        if item.section and item.section != section:
            st.markdown(f"**{md(item.section)}**")
        section = item.section
        with st.container(border=True, key=f"guide-item-{item.number}"):
            st.markdown(f"**Q{item.number}** · :small[:gray[{md(item.stage or '')}]]")
            st.text(item.text)
            common.render_coaching(Turn(speaker=TRAINEE, text=item.text, index=item.number, label=item.label,
                                        flags=list(item.flags), reason=item.reason,
                                        flag_reasons=dict(item.flag_reasons), rewrite=item.rewrite),
                                   persona.language)

    st.divider()
    if not common.trainee():
        st.caption("Enter your name to interview with this guide.")
        practice.name_box()
    if st.button(f"Interview {common.first_name(persona)} with this guide", icon=":material/forum:",
                 key="guide_start", disabled=not common.trainee()):
        live = common.start_interview(persona)
        guide = {"persona": persona.id, "items": [{"number": i.number, "text": i.text, "section": i.section,
                                                   "label": i.label, "flags": list(i.flags)}
                                                  for i in result.items]}
        try:
            practice.attach_guide(live.sid, guide)
        except Exception as e:  # the interview goes on without the guide beside it
            common.log.exception("saving the guide of session %s failed", live.sid)
            st.warning(f"The guide could not be kept with the interview ({md(type(e).__name__)}).")
        else:
            common.go(common.INTERVIEW)
