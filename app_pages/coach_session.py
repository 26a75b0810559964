"""One session for the coach: the transcript with the scorer's verdicts, the coaches' labels and comments,
a review form under every interviewer turn, the session's comment thread and the exports.

The address is linkable: ``/coach-session?session=<id>`` (an unambiguous id prefix of 4+ digits works too).
Every text from the transcript or a coach goes through ``st.text`` or ``common.md``: nothing in it is ever
rendered as Markdown or HTML.
"""

import re
from datetime import datetime

import streamlit as st

from app_pages import coach_common, common
from app_pages.common import md, quote
from simulator import export
from simulator.store import COACH_LABELS
from simulator.transcript import TRAINEE

FLASH = "coach_session_flash"
COMMENT = "coach_session_comment"
CONFIRM = "confirm"

role = coach_common.require_coach()
store = coach_common.sql_store()


def _back() -> None:
    if st.button("All sessions", icon=":material/arrow_back:", type="tertiary", key="coach_back"):
        st.switch_page(common.COACH_SESSIONS)


raw = str(st.query_params.get("session") or st.session_state.get(coach_common.OPEN_SESSION) or "").strip().lower()
if not raw:
    _back()
    st.title("Session review", anchor=False)
    st.info("Pick a session from the list to review it.", icon=":material/list:")
    st.stop()
if not re.fullmatch(r"[0-9a-f]{4,64}", raw):
    _back()
    st.title("Session review", anchor=False)
    st.error(f"{quote(raw[:80])} is not a session id: an id is hexadecimal, like 3f2a9c41….", icon=":material/error:")
    st.stop()
try:
    sid = raw if len(raw) == 32 else store.find_session(raw)
    transcript = store.load(sid)
    info = store.session_info(sid)
    metrics = store.metrics(sid)
    notes = store.annotations(sid)
except LookupError as e:
    _back()
    st.title("Session review", anchor=False)
    st.error(f"Session not found: {md(e)}. It may have been deleted, or the link is incomplete.",
             icon=":material/search_off:")
    st.stop()
except Exception as e:
    coach_common.store_failed(e, "load the session")

st.session_state[coach_common.OPEN_SESSION] = sid
if st.query_params.get("session") != sid:
    st.query_params["session"] = sid

flash = st.session_state.pop(FLASH, None)
if flash:
    kind, message = flash
    if kind == "error":
        st.error(message, icon=":material/error:")
    st.toast(message, icon=":material/error:" if kind == "error" else ":material/check_circle:")


def _flash(kind: str, message: str) -> None:
    st.session_state[FLASH] = (kind, message)


def _save_review(turn_index: int) -> None:
    choice = st.session_state.get(f"review_label_{turn_index}")
    comment = st.session_state.get(f"review_comment_{turn_index}")
    try:
        store.annotate(sid, turn_index, role.name, label=None if choice in (None, CONFIRM) else choice,
                       confirm=choice == CONFIRM, comment=comment)
    except Exception as e:
        _flash("error", f"Your review of turn {turn_index} was not saved: {md(e)}")
    else:
        _flash("success", f"Saved your review of turn {turn_index}.")


def _add_comment() -> None:
    text = st.session_state.get(COMMENT) or ""
    if not text.strip():
        _flash("error", "Write something first: the comment was empty.")
        return
    try:
        store.comment_session(sid, role.name, text)
    except Exception as e:
        _flash("error", f"Your comment was not saved: {md(e)}")
    else:
        st.session_state[COMMENT] = ""
        _flash("success", "Comment added.")


# Header -------------------------------------------------------------------------------------------------
_back()
persona_name = transcript.persona_name or transcript.persona_id
st.title(f"{md(persona_name)} · {md(transcript.trainee or '')}", anchor=False)
status = f"ended {coach_common.when(transcript.ended_at)}" if transcript.ended_at else "still running"
st.caption(f"{md(info.source.capitalize())} session · started {coach_common.when(transcript.started_at)} · "
           f"{status} · {info.turns} turns · id {sid}")
catalog = [c for c in transcript.insight_catalog if isinstance(c, dict) and c.get("id")]
found = transcript.uncovered()
with st.container(horizontal=True, gap="medium"):
    st.metric("Score", coach_common.score(info.score), border=True, help="Out of 100, as the trainee saw it.")
    st.metric("Open questions", coach_common.percent(info.open_share), border=True)
    st.metric("Insights found", f"{len(found)} of {len(catalog)}", border=True)
    st.metric("Coach verdicts", str(len([n for n in notes["turns"] if n["label"]])), border=True,
              help="Turns a coach labelled or confirmed.")

# Transcript ---------------------------------------------------------------------------------------------
st.subheader("Transcript", anchor="transcript")
st.caption("Under each question: the scorer's label, flags, reason and rewrite, then the coaches' verdicts. "
           "A coach's label is kept beside the scorer's, never instead of it. **Review** gives yours.")
by_turn: dict[int, list[dict]] = {}
for note in notes["turns"]:
    by_turn.setdefault(note["turn"], []).append(note)
names = {c["id"]: c.get("finding") or c["id"] for c in catalog}


def _render_note(note: dict, position: int) -> None:
    with st.container(horizontal=True, gap="small", key=f"note-{note['turn']}-{position}"):
        st.badge(f"Coach {md(note['coach'])}", icon=":material/rate_review:", color="violet")
        if note["label"]:
            text, colour = common.label_badge(note["label"])
            st.badge(f"{text} ({'agrees' if note['confirmed'] else 'override'})", color=colour)
    lines = []
    if note["label"] and not note["confirmed"]:
        lines.append(f"Changed from the scorer's {md(common.label_name(note['scorer_label']))}.")
    if note["comment"]:
        lines.append(quote(note["comment"]))
    if lines:
        st.caption("  \n".join(lines))


def _choice_name(value, scorer_label) -> str:
    if value is None:
        return "No label from me"
    if value == CONFIRM:
        return f"Agree with the scorer: {coach_common.label_choice(scorer_label)}"
    return f"Change to: {coach_common.label_choice(value)}"


def _review_form(turn) -> None:
    mine = next((n for n in by_turn.get(turn.index, []) if n["coach"] == role.name), None)
    can_label = not turn.is_silence
    options: list = [None]
    if can_label and turn.label in COACH_LABELS:
        options.append(CONFIRM)
    if can_label:
        options += [label for label in COACH_LABELS if label != turn.label]
    current = None
    if mine and mine["label"]:
        current = CONFIRM if mine["confirmed"] else mine["label"]
    with st.popover("Review", icon=":material/rate_review:", key=f"review-{turn.index}"):
        with st.form(f"review_form_{turn.index}", border=False):
            if can_label:
                st.selectbox("Your label", options, index=options.index(current) if current in options else 0,
                             format_func=lambda v: _choice_name(v, turn.label), key=f"review_label_{turn.index}")
            st.text_area("Comment", value=(mine or {}).get("comment") or "", key=f"review_comment_{turn.index}",
                         max_chars=2000, height=90, placeholder="What would you tell the trainee about this turn?")
            st.form_submit_button("Save", type="primary", key=f"review_save_{turn.index}", on_click=_save_review,
                                  args=(turn.index,))


for turn in transcript.turns:
    with common.chat_message(turn.speaker):
        st.markdown(f"###### Turn {turn.index}")
        common.render_turn_text(turn)
        if turn.speaker == TRAINEE:
            common.render_coaching(turn)
            for position, note in enumerate(by_turn.get(turn.index, [])):
                _render_note(note, position)
            _review_form(turn)
        else:
            if turn.insights:
                st.caption("★ Revealed: " + "; ".join(md(names.get(i, i)) for i in turn.insights)
                           + (f"  \n{common.CAUTION} From a topic a leading question had coloured."
                              if turn.contaminated_insights or turn.contaminated else ""))
            for position, note in enumerate(by_turn.get(turn.index, [])):
                _render_note(note, position)

# Session comments ---------------------------------------------------------------------------------------
st.subheader("Comments on the whole session", anchor="comments")
if not notes["session"]:
    st.caption("No comments yet.")
for position, comment in enumerate(notes["session"]):
    with st.container(border=True, key=f"session-comment-{position}"):
        st.markdown(f"**{md(comment['coach'])}** · :gray[{coach_common.when(comment['at'])}]")
        st.markdown(md(comment["text"]))
with st.form("coach_comment_form", border=False):
    st.text_area("Add a comment", key=COMMENT, max_chars=5000, height=100,
                 placeholder="What went well, and what to practise next")
    st.form_submit_button("Add comment", key="coach_comment_save", icon=":material/add_comment:", on_click=_add_comment)

# Exports ------------------------------------------------------------------------------------------------
st.subheader("Export", anchor="export")
stem = re.sub(r"[^A-Za-z0-9_-]+", "-",
              f"session-{transcript.persona_id}-{datetime.fromtimestamp(transcript.started_at):%Y%m%d-%H%M}-{sid[:8]}")
with st.container(horizontal=True, gap="small"):
    st.download_button("Markdown", export.to_markdown(transcript, metrics, notes), file_name=f"{stem}.md",
                       mime="text/markdown", icon=":material/description:", on_click="ignore", key="export_md")
    st.download_button("CSV", export.to_csv(transcript, metrics, notes), file_name=f"{stem}.csv",
                       mime="text/csv", icon=":material/table:", on_click="ignore", key="export_csv")
    st.download_button("JSON", export.to_json(transcript, metrics, notes), file_name=f"{stem}.json",
                       mime="application/json", icon=":material/data_object:", on_click="ignore", key="export_json")
    st.download_button("Printable HTML", export.to_html(transcript, metrics, notes), file_name=f"{stem}.html",
                       mime="text/html", icon=":material/print:", on_click="ignore", key="export_html")
st.caption("Exports include the coaches' labels and comments. Open the HTML file in a browser and print it.")
