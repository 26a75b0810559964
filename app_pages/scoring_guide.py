"""How scoring works: every label and flag with examples, and the score formula (texts from scoring/)."""

import streamlit as st

from app_pages import common
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import _
from scoring import feedback

# The explanations and examples in the interface language, written for it (scoring/feedback_i18n.py), so a Korean
# trainee reads Korean questions as examples, not translated English ones.
LABEL_HELP = feedback.label_help(ui.current())
FLAG_HELP = feedback.flag_help(ui.current())

st.title(_("How scoring works"), anchor=False)
st.caption("[" + _("Labels") + "](#labels) · [" + _("Flags") + "](#flags) · [" + _("The score") + "](#score)")
st.write(_(
    "Every turn you type gets one **label** — what kind of move it is — and sometimes **flags** for a "
    "problem on top of it. Under each of your turns you see the label, the reason, the flags and, for "
    "leading, closed and hypothetical questions, a rewrite that keeps your topic. The customer reacts to "
    "your technique too: stories for open questions, short answers for closed ones, polite agreement "
    "(and nothing you can trust) for leading ones."
))


def _entry(badge: str, colour: str, help_: dict, anchor: str, points: str) -> None:
    with st.container(border=True, key=f"help-{anchor}"):
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            st.badge(badge, color=colour)
            if points:
                st.caption(points)
        st.markdown(md(help_.get("explanation") or help_.get("reason") or ""))
        examples = help_.get("examples") or []
        if examples:
            st.caption(_("Examples:") + "  \n" + "  \n".join(common.quote(e) for e in examples))


st.subheader(_("Labels"), anchor="labels")
for label in common.LABELS:
    if label in LABEL_HELP:
        text, colour = common.label_badge(label)
        _entry(text, colour, LABEL_HELP[label], label, common.label_points(label))
for label, help_ in LABEL_HELP.items():  # any label added to scoring/ but not yet given a badge here
    if label not in common.LABELS:
        text, colour = common.label_badge(label)
        _entry(text, colour, help_, label, common.label_points(label))

st.subheader(_("Flags"), anchor="flags")
st.write(_("A flag adds a specific problem to any label; each costs points on its own."))
for flag, help_ in FLAG_HELP.items():
    _entry(f"{common.CAUTION} {common.flag_name(flag)}", "orange", help_, flag, common.flag_points(flag))

st.subheader(_("The score"), anchor="score")
st.markdown(common.formula_markdown())
references = common.reference_lines()
if references:
    st.markdown("**" + _("Reference lines on the report") + "**")
    st.markdown("\n".join(f"- {md(line)}" for line in references))
st.caption(_("The report lists every turn's points, so you can see exactly how your score was earned."))
