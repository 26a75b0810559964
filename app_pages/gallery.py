"""The persona gallery: who can be interviewed, and the trainee's name."""

import streamlit as st

from app_pages import common
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import _

st.title(_("Practise a customer interview"))
st.write(_(
    "Pick someone to interview. Ask about their real experiences; you get coached on every question, "
    "and a report at the end shows what you found out and what you missed."
))

# Who is practising: the signed-in person, or a typed name in single-person local use.
common.identity_box()
name = common.trainee()
if not name:
    st.caption(_("Enter your name, then pick a persona."))

report = common.personas()
store = common.get_store()
if (warning := common.store_warning()):
    st.warning(warning, icon=":material/warning:")
common.warm_up_progress()  # while the models load after a server start


def _feedback_marker() -> None:
    """"N new": coach labels and comments on the trainee's sessions that they have not read yet."""
    new = common.new_feedback()
    if not new:
        return
    with st.container(border=True, key="gallery-feedback"):
        st.markdown(":material/rate_review: **" + _("Your coach left feedback") + "** :violet-badge["
                    + _("{n} new").format(n=ui.number(sum(new.values()))) + "]")
        with st.container(horizontal=True, gap="small"):
            for sid, n in new.items():
                try:
                    info = store.session_info(sid, viewer=common.viewer())
                except Exception:  # gone, or no longer theirs: no marker
                    continue
                when = ui.day(info.started_at)
                if st.button(f"{md(info.persona_name or info.persona)} · {when} · " + _("{n} new").format(n=ui.number(n)),
                             key=f"feedback-{sid}",
                             icon=":material/insights:"):
                    st.session_state[common.SID] = sid
                    st.session_state.pop(common.LIVE, None)
                    common.go(common.REPORT)


_feedback_marker()


def _card(persona) -> None:
    with st.container(border=True, key=f"persona-{persona.id}", height="stretch"):
        st.subheader(md(persona.name), anchor=False)
        st.write(md(persona.summary))
        symbols, colour = common.DIFFICULTY.get(persona.difficulty, ("", "gray"))
        with st.container(horizontal=True, gap="small"):
            st.badge(f"{symbols} {common.difficulty_name(persona.difficulty)}", color=colour)
            st.badge(md(persona.domain), color="gray")
            st.badge(common.language_name(persona.language), icon=":material/translate:", color="blue")
        st.markdown(
            "**" + _("Communication style:") + f"** {md(persona.style_summary)}  \n"
            "**" + _("Your research goal:") + f"** {md(persona.research_goal)}"
        )
        st.space("stretch")  # the buttons line up at the bottom of each row's cards
        open_sid = store.open_session(name, persona.id) if name else None
        first = common.first_name(persona)
        if open_sid:
            if st.button(_("Resume your interview with {name}").format(name=first), key=f"resume-{persona.id}",
                         type="primary",
                         icon=":material/play_arrow:"):
                common.request_start(persona, resume_sid=open_sid)
            if st.button(_("Start a new interview"), key=f"start-{persona.id}", type="tertiary"):
                common.request_start(persona)
        elif st.button(_("Interview {name}").format(name=first), key=f"start-{persona.id}", type="primary",
                       disabled=not name,
                       icon=":material/forum:"):
            common.request_start(persona)


personas = sorted(report.personas.values(), key=lambda p: (["easy", "medium", "hard"].index(p.difficulty), p.name))
languages = sorted({common.language_name(p.language) for p in personas})
if len(languages) > 1:
    # Interviews happen in the persona's language: let a team pick theirs.
    chosen = st.pills(_("Interview language"), languages, selection_mode="multi", key="gallery_languages",
                      help=_("Each persona speaks, and is scored, in their own language."))
    if chosen:
        personas = [p for p in personas if common.language_name(p.language) in chosen]
if not personas:
    st.info(_("No personas yet. Copy personas/_template.yaml to personas/<id>.yaml to add one."))
for row in range(0, len(personas), 2):
    for column, persona in zip(st.columns(2, gap="medium"), personas[row : row + 2]):
        with column:
            _card(persona)

if report.errors:
    n = len(report.errors)
    with st.expander(ui.ngettext("{n} persona file could not be loaded", "{n} persona files could not be loaded",
                                 n).format(n=n), icon=":material/error:"):
        for error in report.errors:
            st.markdown(f"**{md(error.path)}**")
            st.code("\n".join(error.problems), language=None, wrap_lines=True)
        st.caption(_("Fix the file and reload this page; `interview-sim personas validate` shows the same messages."))
