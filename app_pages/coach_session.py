"""One session for the coach: a review panel that walks through the questions one at a time (filter by label or
flag, jump to a turn, next/previous unreviewed, one key to agree with the scorer), the transcript with the
scorer's verdicts and the coaches' labels and comments, the session's comment thread and the exports.

The address is linkable: ``/coach-session?session=<id>`` (an unambiguous id prefix of 4+ digits works too).
The store opens the session only when it is one of this coach's team's (``viewer=``): anything else reads as
"not found". Every text from the transcript or a coach goes through ``st.text`` or ``common.md``: nothing in it
is ever rendered as Markdown or HTML.

Keyboard, in the review panel: **A** agrees with the scorer's label and moves on, **N** goes to the next
question not yet reviewed, **J**/**K** to the next/previous question shown.
"""

import re
from datetime import datetime

import streamlit as st

from app_pages import coach_common, common
from app_pages import i18n as ui
from app_pages.common import md, quote
from app_pages.i18n import N_, _
from simulator import i18n as core
from scoring.metrics import silence_before
from simulator import export
from simulator.store import COACH_LABELS
from simulator.transcript import TRAINEE

FLASH = "coach_session_flash"
COMMENT = "coach_session_comment"
CONFIRM = "confirm"
FOCUS = "coach_focus"  # {session id: the turn index in the review panel}
PINNED = "coach_focus_pinned"  # a turn jumped to: kept in the panel until the filters change
FILTERS = "coach_focus_filters"
TRANSCRIPT_PAGE = 40  # turns of the transcript drawn at a time
SHORTCUTS = {"agree": "A", "next_unreviewed": "N", "next": "J", "previous": "K"}

role = coach_common.require_coach()
store = coach_common.sql_store()
viewer = coach_common.viewer(role)


def _back() -> None:
    if st.button(_("All sessions"), icon=":material/arrow_back:", type="tertiary", key="coach_back"):
        # Back to the list as it was: its filters and sort live in its address.
        st.session_state[coach_common.LIST_RESTORE] = True
        st.switch_page(common.COACH_SESSIONS,
                       query_params={**(st.session_state.get(coach_common.LIST_PARAMS) or {}), **ui.url_param()})


raw = str(st.query_params.get("session") or st.session_state.get(coach_common.OPEN_SESSION) or "").strip().lower()
if not raw:
    _back()
    st.title(_("Session review"), anchor=False)
    st.info(_("Pick a session from the list to review it."), icon=":material/list:")
    st.stop()
if not re.fullmatch(r"[0-9a-f]{4,64}", raw):
    _back()
    st.title(_("Session review"), anchor=False)
    st.error(_("{value} is not a session id: an id is hexadecimal, like 3f2a9c41….").format(value=quote(raw[:80])),
             icon=":material/error:")
    st.stop()
try:
    sid = raw if len(raw) == 32 else store.find_session(raw)
    transcript = store.load(sid, viewer=viewer)
    info = store.session_info(sid, viewer=viewer)
    metrics = store.metrics(sid, viewer=viewer)
    notes = store.annotations(sid, viewer=viewer)
except (LookupError, PermissionError) as e:
    # Another team's session reads exactly like a missing one: its existence is not the coach's to know.
    _back()
    st.title(_("Session review"), anchor=False)
    detail = md(e) if isinstance(e, LookupError) else _("no session {id} among your team's sessions").format(
        id=quote(raw))
    st.error(_("Session not found: {detail}. It may have been deleted, or the link is incomplete.").format(
        detail=detail), icon=":material/search_off:")
    st.session_state.pop(coach_common.OPEN_SESSION, None)
    st.stop()
except Exception as e:
    coach_common.store_failed(e, N_("load the session"))

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


imported = info.source == "imported"
by_turn: dict[int, list[dict]] = {}
for note in notes["turns"]:
    by_turn.setdefault(note["turn"], []).append(note)
mine = {n["turn"]: n for n in notes["turns"] if n["coach"] == role.name}
questions = [t for t in transcript.turns if t.speaker == TRAINEE and not t.is_silence and t.label in COACH_LABELS]


def _reviewed(turn) -> bool:
    return (mine.get(turn.index) or {}).get("label") is not None


# Saving -------------------------------------------------------------------------------------------------


def _save_review(turn_index: int) -> None:
    choice = st.session_state.get(f"review_label_{turn_index}")
    comment = st.session_state.get(f"review_comment_{turn_index}")
    try:
        store.annotate(sid, turn_index, role.name, label=None if choice in (None, CONFIRM) else choice,
                       confirm=choice == CONFIRM, comment=comment, viewer=viewer)
    except Exception as e:
        _flash("error", _("Your review of turn {n} was not saved: {error}").format(n=turn_index, error=md(e)))
    else:
        _flash("success", _("Saved your review of turn {n}.").format(n=turn_index))


def _add_comment() -> None:
    text = st.session_state.get(COMMENT) or ""
    if not text.strip():
        _flash("error", _("Write something first: the comment was empty."))
        return
    try:
        store.comment_session(sid, role.name, text, viewer=viewer)
    except Exception as e:
        _flash("error", _("Your comment was not saved: {error}").format(error=md(e)))
    else:
        st.session_state[COMMENT] = ""
        _flash("success", _("Comment added."))


def _edit_comment(comment_id: int) -> None:
    try:
        store.edit_session_comment(sid, comment_id, role.name, st.session_state.get(f"comment_text_{comment_id}") or "",
                                   viewer=viewer)
    except Exception as e:
        _flash("error", _("Your comment was not changed: {error}").format(error=md(e)))
    else:
        _flash("success", _("Comment changed; the earlier text is kept in its history."))


def _delete_comment(comment_id: int) -> None:
    try:
        store.delete_session_comment(sid, comment_id, role.name, viewer=viewer)
    except Exception as e:
        _flash("error", _("Your comment was not deleted: {error}").format(error=md(e)))
    else:
        _flash("success", _("Comment deleted."))


def _mark_reviewed(reviewed: bool) -> None:
    try:
        store.mark_reviewed(sid, role.name, reviewed=reviewed, viewer=viewer)
    except Exception as e:
        _flash("error", _("The review mark was not saved: {error}").format(error=md(e)))
    else:
        _flash("success", _("Marked as reviewed.") if reviewed else _("No longer marked as reviewed."))


# Header -------------------------------------------------------------------------------------------------
_back()
persona_name = transcript.persona_name or transcript.persona_id
st.title(f"{md(persona_name)} · {md(transcript.trainee or '')}", anchor=False)
status = (_("ended {when}").format(when=coach_common.when(transcript.ended_at)) if transcript.ended_at
          else _("still running"))
kind = _("Imported session") if imported else (_("Practice session") if info.source == "practice"
                                               else md(info.source.capitalize()))
st.caption(" · ".join([kind, _("started {when}").format(when=coach_common.when(transcript.started_at)), status,
                       ui.ngettext("{n} turn", "{n} turns", info.turns).format(n=ui.number(info.turns)),
                       _("id {id}").format(id=sid)]))
catalog = [c for c in transcript.insight_catalog if isinstance(c, dict) and c.get("id")]
found = transcript.uncovered()
with st.container(horizontal=True, gap="medium"):
    st.metric(_("Score"), coach_common.score(info.score), border=True, help=_("Out of 100, as the trainee saw it."))
    st.metric(_("Open questions"), coach_common.percent(info.open_share), border=True)
    if catalog:  # an imported interview has no insights to find: no "0 of 0"
        st.metric(_("Insights found"), _("{found} of {total}").format(found=ui.number(len(found)),
                                                                      total=ui.number(len(catalog))), border=True)
    elif imported and metrics:
        st.metric(_("Silences"), ui.number(metrics.get("silences", 0) or 0), border=True,
                  help=_("Waits of {seconds} s or more before the interviewer spoke.").format(
                      seconds=ui.decimal(float(metrics.get("silence_threshold", 3) or 3), 1)))
    st.metric(_("Coach verdicts"), ui.number(len([n for n in notes["turns"] if n["label"]])), border=True,
              help=_("Turns a coach labelled or confirmed."))
    st.metric(_("Reviewed by you"), _("{found} of {total}").format(
        found=ui.number(sum(_reviewed(t) for t in questions)), total=ui.number(len(questions))), border=True,
              help=_("Questions you agreed with or relabelled."))


def _review_state() -> None:
    with st.container(horizontal=True, gap="small", vertical_alignment="center", key="coach-reviewed"):
        if info.reviewed:
            st.markdown(":green-badge[:material/task_alt: " + _("Reviewed") + "] "
                        + _("by **{name}**, {when}").format(name=md(info.reviewed_by),
                                                            when=coach_common.when(info.reviewed_at)))
            st.button(_("Mark as not reviewed"), key="coach_unmark_reviewed", type="tertiary",
                      on_click=_mark_reviewed, args=(False,))
        else:
            st.markdown(":orange-badge[" + _("Not reviewed yet") + "]")
            st.button(_("Mark session as reviewed"), key="coach_mark_reviewed", icon=":material/task_alt:",
                      on_click=_mark_reviewed, args=(True,))
        try:
            rows, _total = store.list_sessions(reviewed=False, viewer=viewer, limit=2)
        except Exception:
            rows = []
        following = next((r for r in rows if r.id != sid), None)
        if following is not None and st.button(_("Next unreviewed session"), key="coach_next_session",
                                                icon=":material/skip_next:", type="tertiary"):
            st.switch_page(common.COACH_SESSION, query_params={"session": following.id, **ui.url_param()})


_review_state()

# Imported turns: who spoke, when, and the waits that counted as silences -----------------------------------
threshold = float((metrics or {}).get("silence_threshold") or 3.0)
waits: dict[int, float] = {}
if imported:
    for position, turn in enumerate(transcript.turns):
        if turn.speaker == TRAINEE:
            waited = silence_before(transcript.turns, position)
            if waited is not None and waited >= threshold:
                waits[turn.index] = waited


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return ""
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _turn_head(turn) -> None:
    """"Turn 12" (an anchor), and for an import the speaker's name, the time and a silence before it."""
    st.markdown("###### " + _("Turn {n}").format(n=turn.index))
    if imported:
        head = md(turn.name or "")
        if turn.start is not None:
            head += f" · {_clock(turn.start)}"
        if head:
            st.caption(head)
        if turn.index in waits:
            st.caption(":material/hourglass_bottom: " + _("Waited {seconds} s before speaking: a silence.").format(
                seconds=ui.decimal(waits[turn.index], 1)))


names = {c["id"]: c.get("finding") or c["id"] for c in catalog}


def _render_note(note: dict, position: int, prefix: str = "note") -> None:
    with st.container(horizontal=True, gap="small", key=f"{prefix}-{note['turn']}-{position}"):
        st.badge(_("Coach {name}").format(name=md(note["coach"])), icon=":material/rate_review:", color="violet")
        if note["label"]:
            text, colour = common.label_badge(note["label"])
            st.badge((_("{label} (agrees)") if note["confirmed"] else _("{label} (override)")).format(label=text),
                     color=colour)
    lines = []
    if note["label"] and not note["confirmed"]:
        lines.append(_("Changed from the scorer's {label}.").format(label=md(common.label_name(note["scorer_label"]))))
    if note["comment"]:
        lines.append(quote(note["comment"]))
    if lines:
        st.caption("  \n".join(lines))


# The review panel: one question at a time --------------------------------------------------------------
st.subheader(_("Review the questions"), anchor="review")
present_labels = [label for label in COACH_LABELS if any(t.label == label for t in questions)]
present_flags = sorted({f for t in questions for f in t.flags})
with st.container(horizontal=True, gap="medium", vertical_alignment="bottom", key="coach-turn-filters"):
    wanted_labels = st.pills(_("Scorer's label"), present_labels, selection_mode="multi", key="coach_turn_labels",
                             format_func=coach_common.label_choice)
    wanted_flags = st.pills(_("Flags"), present_flags, selection_mode="multi", key="coach_turn_flags",
                            format_func=common.flag_name) if present_flags else []
    only_open = st.toggle(_("Only questions I haven't reviewed"), key="coach_turn_unreviewed")
shown = [t for t in questions
         if (not wanted_labels or t.label in wanted_labels)
         and (not wanted_flags or set(t.flags) & set(wanted_flags))
         and (not only_open or not _reviewed(t))]
shown_ids = [t.index for t in shown]
by_index = {t.index: t for t in transcript.turns}
focus_map: dict = st.session_state.setdefault(FOCUS, {})


def _next_unreviewed(after: int | None) -> int | None:
    """The first question shown after ``after`` (wrapping round) that this coach has not reviewed."""
    pending = [t.index for t in shown if not _reviewed(t) and t.index not in _just_done]
    later = [i for i in pending if after is None or i > after]
    return (later or pending or [None])[0]


_just_done: set[int] = set()  # reviewed in this run's callback, before `mine` is read again


def _first(*values):
    """The first value that is not None (turn 0 is a turn)."""
    return next((v for v in values if v is not None), None)


def _focus_on(index: int | None) -> None:
    st.session_state.pop(PINNED, None)
    if index is not None:
        focus_map[sid] = index


def _move(step: int) -> None:
    current = focus_map.get(sid)
    if not shown_ids:
        return
    if current not in shown_ids:
        _focus_on(shown_ids[0])
        return
    _focus_on(shown_ids[(shown_ids.index(current) + step) % len(shown_ids)])


def _agree(turn_index: int) -> None:
    comment = st.session_state.get(f"focus_comment_{turn_index}")
    try:
        store.annotate(sid, turn_index, role.name, confirm=True, comment=comment, viewer=viewer)
    except Exception as e:
        _flash("error", _("Turn {n} was not saved: {error}").format(n=turn_index, error=md(e)))
        return
    _just_done.add(turn_index)
    _focus_on(_first(_next_unreviewed(turn_index), turn_index))
    _flash("success", _("Turn {n}: you agree with the scorer.").format(n=turn_index))


def _relabel(turn_index: int) -> None:
    label = st.session_state.get(f"focus_label_{turn_index}")
    comment = st.session_state.get(f"focus_comment_{turn_index}")
    if label is None:
        _flash("error", _("Pick the label you would give first."))
        return
    try:
        store.annotate(sid, turn_index, role.name, label=label, comment=comment, viewer=viewer)
    except Exception as e:
        _flash("error", _("Turn {n} was not saved: {error}").format(n=turn_index, error=md(e)))
        return
    _just_done.add(turn_index)
    _focus_on(_first(_next_unreviewed(turn_index), turn_index))
    _flash("success", _("Turn {n}: changed to {label}.").format(n=turn_index, label=common.label_name(label)))


def _jump() -> None:
    wanted = st.session_state.get("coach_jump")
    if wanted is None:
        return
    candidates = [t.index for t in questions if t.index >= wanted] or [t.index for t in questions][-1:]
    _focus_on(candidates[0] if candidates else None)
    st.session_state[PINNED] = focus_map.get(sid)  # shown even where the filters would hide it


def _scorer_verdict(turn) -> None:
    """The scorer's label, flags, reason and rewrite (common.render_coaching without its keyed container,
    which the same turn's bubble in the transcript below uses)."""
    language = transcript.language
    with st.container(horizontal=True, gap="small"):
        text, colour = common.label_badge(turn.label, language)
        st.badge(text, color=colour)
        for flag in turn.flags:
            st.badge(f"{common.CAUTION} {common.flag_name(flag, language)}", color="orange")
    lines = [md(turn.reason)] if turn.reason else []
    lines += [f"**{common.flag_name(f, language)}:** {md(r)}" for f, r in (turn.flag_reasons or {}).items()
              if f in turn.flags and r]
    if turn.rewrite and (turn.label in common.REWRITE_LABELS or "hypothetical" in turn.flags):
        lines.append(f"**{md(common.i18n.ui_text('try_instead', language))}:** {quote(turn.rewrite)}")
    if lines:
        st.caption("  \n".join(lines))


def _focus_card(turn) -> None:
    with st.container(border=True, key="coach-focus"):
        position = shown_ids.index(turn.index) + 1 if turn.index in shown_ids else None
        left = sum(1 for t in shown if not _reviewed(t))
        where = (_("question {n} of {total} shown").format(n=ui.number(position), total=ui.number(len(shown)))
                 if position else _("not among the questions shown"))
        st.markdown("**" + _("Turn {n}").format(n=turn.index) + f"** · {where} · "
                    + _("{n} not reviewed yet").format(n=ui.number(left)))
        previous = next((by_index[i] for i in range(turn.index - 1, -1, -1) if i in by_index
                         and by_index[i].speaker != TRAINEE), None)
        if previous is not None:
            who = md(previous.name or persona_name)
            st.caption(f"{who}{' · ' + _clock(previous.start) if imported and previous.start is not None else ''}: "
                       f"{quote(common.shorten(previous.text, 400))}")
        if imported:
            head = md(turn.name or "") + (f" · {_clock(turn.start)}" if turn.start is not None else "")
            if turn.index in waits:
                head += " · " + _("waited {seconds} s").format(seconds=ui.decimal(waits[turn.index], 1))
            st.caption(head)
        st.text(turn.text)
        _scorer_verdict(turn)
        for position_, note in enumerate(by_turn.get(turn.index, [])):
            _render_note(note, position_, "focus-note")
        current = mine.get(turn.index) or {}
        st.text_area(_("Comment for the trainee (optional)"), value=current.get("comment") or "",
                     key=f"focus_comment_{turn.index}", max_chars=2000, height=68,
                     placeholder=_("What would you tell the trainee about this question?"))
        with st.container(horizontal=True, gap="small", vertical_alignment="bottom"):
            st.button(_("Agree: {label}").format(label=coach_common.label_choice(turn.label)), key="coach_agree",
                      type="primary", icon=":material/check:", shortcut=SHORTCUTS["agree"], on_click=_agree,
                      args=(turn.index,),
                      help=_("Keep the scorer's label (and the comment above), then go to the next unreviewed "
                             "question."))
            others = [label for label in COACH_LABELS if label != turn.label]
            st.selectbox(_("Or change it to"), others, index=others.index(current["label"])
                         if current.get("label") in others else None, placeholder=_("Another label…"),
                         format_func=coach_common.label_choice, key=f"focus_label_{turn.index}", width=260)
            st.button(_("Save the change"), key="coach_relabel", icon=":material/edit:", on_click=_relabel,
                      args=(turn.index,))
        with st.container(horizontal=True, gap="small"):
            st.button(_("Previous"), key="coach_previous", icon=":material/chevron_left:", shortcut=SHORTCUTS["previous"],
                      on_click=_move, args=(-1,))
            st.button(_("Next"), key="coach_next", icon=":material/chevron_right:", shortcut=SHORTCUTS["next"],
                      on_click=_move, args=(1,))
            st.button(_("Next unreviewed"), key="coach_next_unreviewed", icon=":material/skip_next:",
                      shortcut=SHORTCUTS["next_unreviewed"],
                      on_click=lambda: _focus_on(_next_unreviewed(focus_map.get(sid))))
            st.number_input(_("Go to turn"), min_value=0, max_value=max(t.index for t in transcript.turns),
                            value=None, step=1, key="coach_jump", on_change=_jump, width=160,
                            placeholder=_("Turn number"))
        if _reviewed(turn):
            verdict = (_("You reviewed this question (you agree).") if current.get("confirmed") else
                       _("You reviewed this question (you said {label}).").format(
                           label=md(common.label_name(current.get("label")))))
            st.caption(":material/task_alt: " + verdict)


if not questions:
    st.caption(_("This session has no labelled questions to review."))
else:
    focus = focus_map.get(sid)
    signature = (sid, tuple(wanted_labels or ()), tuple(wanted_flags or ()), bool(only_open))
    if st.session_state.get(FILTERS) != signature:  # other filters: a turn jumped to no longer stays
        st.session_state[FILTERS] = signature
        st.session_state.pop(PINNED, None)
    pinned = st.session_state.get(PINNED) == focus
    if focus not in by_index or by_index[focus] not in questions or (focus not in shown_ids and not pinned):
        focus = _first(_next_unreviewed(None), shown_ids[0] if shown_ids else None)
        _focus_on(focus)
    if focus is None:
        st.info(_("No question matches these filters."), icon=":material/filter_alt_off:")
    else:
        _focus_card(by_index[focus])
    st.caption(_("Keys: **{agree}** agree · **{unreviewed}** next unreviewed · **{next}**/**{previous}** "
                 "next/previous shown.").format(agree=SHORTCUTS["agree"], unreviewed=SHORTCUTS["next_unreviewed"],
                                                next=SHORTCUTS["next"], previous=SHORTCUTS["previous"]))

# Transcript ---------------------------------------------------------------------------------------------
filtered = bool(wanted_labels or wanted_flags or only_open)
st.subheader(_("Transcript"), anchor="transcript")
st.caption((_("Only the questions the filters above show, each after what was said before it.") + " " if filtered
            else "")
           + _("Under each question: the scorer's label, flags, reason and rewrite, then the coaches' verdicts. "
               "A coach's label is kept beside the scorer's, never instead of it. **Review** gives yours."))
tr = core.translator(ui.current())  # bound now: a format_func may also be called outside this run


def _choice_name(value, scorer_label) -> str:
    if value is None:
        return tr(N_("No label from me"))
    if value == CONFIRM:
        return tr(N_("Agree with the scorer: {label}")).format(label=coach_common.label_choice(scorer_label))
    return tr(N_("Change to: {label}")).format(label=coach_common.label_choice(value))


def _review_form(turn) -> None:
    mine_ = mine.get(turn.index)
    can_label = not turn.is_silence
    options: list = [None]
    if can_label and turn.label in COACH_LABELS:
        options.append(CONFIRM)
    if can_label:
        options += [label for label in COACH_LABELS if label != turn.label]
    current = None
    if mine_ and mine_["label"]:
        current = CONFIRM if mine_["confirmed"] else mine_["label"]
    with st.popover(_("Review"), icon=":material/rate_review:", key=f"review-{turn.index}"):
        with st.form(f"review_form_{turn.index}", border=False):
            if can_label:
                st.selectbox(_("Your label"), options, index=options.index(current) if current in options else 0,
                             format_func=lambda v: _choice_name(v, turn.label), key=f"review_label_{turn.index}")
            st.text_area(_("Comment"), value=(mine_ or {}).get("comment") or "", key=f"review_comment_{turn.index}",
                         max_chars=2000, height=90,
                         placeholder=_("What would you tell the trainee about this turn? (Empty it and save to delete "
                                       "yours.)"))
            st.form_submit_button(_("Save"), type="primary", key=f"review_save_{turn.index}", on_click=_save_review,
                                  args=(turn.index,))


visible = set(range(len(transcript.turns)))
if filtered:
    visible = set()
    for index in shown_ids:
        visible.add(index)
        if index - 1 in by_index and by_index[index - 1].speaker != TRAINEE:
            visible.add(index - 1)
# A long transcript comes a page at a time: 100 turns with a review form each would take seconds to draw.
listed = [t for t in transcript.turns if t.index in visible]
pages = max(1, -(-len(listed) // TRANSCRIPT_PAGE))
if pages > 1:
    st.caption(_("{n} turns, {per} to a page. The review panel above goes through every question without "
                 "paging.").format(n=ui.number(len(listed)), per=ui.number(TRANSCRIPT_PAGE)))
    part = st.pagination(pages, key=f"coach_transcript_page_{sid}")
    listed = listed[(part - 1) * TRANSCRIPT_PAGE: part * TRANSCRIPT_PAGE]
for turn in listed:
    with common.chat_message(turn.speaker):
        _turn_head(turn)
        common.render_turn_text(turn)
        if turn.speaker == TRAINEE:
            common.render_coaching(turn, transcript.language)
            for position, note in enumerate(by_turn.get(turn.index, [])):
                _render_note(note, position)
            _review_form(turn)
        else:
            if turn.insights:
                st.caption("★ " + _("Revealed:") + " " + "; ".join(md(names.get(i, i)) for i in turn.insights)
                           + (f"  \n{common.CAUTION} " + _("From a topic a leading question had coloured.")
                              if turn.contaminated_insights or turn.contaminated else ""))
            for position, note in enumerate(by_turn.get(turn.index, [])):
                _render_note(note, position)

# Session comments ---------------------------------------------------------------------------------------
st.subheader(_("Comments on the whole session"), anchor="comments")
if not notes["session"]:
    st.caption(_("No comments yet."))
history = {c["id"]: c.get("history") or [] for c in store.annotations(sid, history=True, viewer=viewer)["session"]}


def _session_comment(comment: dict) -> None:
    with st.container(border=True, key=f"session-comment-{comment['id']}"):
        edited = (" · " + _("edited {when}").format(when=coach_common.when(comment["edited_at"]))
                  if comment.get("edited_at") else "")
        st.markdown(f"**{md(comment['coach'])}** · :gray[{coach_common.when(comment['at'])}{edited}]")
        st.markdown(md(comment["text"]))
        earlier = history.get(comment["id"]) or []
        if earlier:
            with st.expander(ui.ngettext("Earlier version ({n})", "Earlier versions ({n})", len(earlier)).format(
                    n=ui.number(len(earlier))), icon=":material/history:"):
                for version in reversed(earlier):
                    st.caption(f"{coach_common.when(version.get('at'))}: {quote(version.get('text'))}")
        if comment["coach"] == role.name:  # only its author changes or deletes a comment
            with st.container(horizontal=True, gap="small"):
                with st.popover(_("Edit"), icon=":material/edit:", key=f"comment-edit-{comment['id']}"):
                    with st.form(f"comment_edit_form_{comment['id']}", border=False):
                        st.text_area(_("Your comment"), value=comment["text"], key=f"comment_text_{comment['id']}",
                                     max_chars=5000, height=100)
                        st.form_submit_button(_("Save"), type="primary", key=f"comment_edit_save_{comment['id']}",
                                              on_click=_edit_comment, args=(comment["id"],))
                with st.popover(_("Delete"), icon=":material/delete:", key=f"comment-delete-{comment['id']}"):
                    st.write(_("Delete this comment? The trainee no longer sees it."))
                    st.button(_("Delete"), type="primary", key=f"comment_delete_{comment['id']}",
                              on_click=_delete_comment, args=(comment["id"],))


for comment in notes["session"]:
    _session_comment(comment)
with st.form("coach_comment_form", border=False):
    st.text_area(_("Add a comment"), key=COMMENT, max_chars=5000, height=100,
                 placeholder=_("What went well, and what to practise next"))
    st.form_submit_button(_("Add comment"), key="coach_comment_save", icon=":material/add_comment:", on_click=_add_comment)

# Exports ------------------------------------------------------------------------------------------------
st.subheader(_("Export"), anchor="export")
stem = re.sub(r"[^A-Za-z0-9_-]+", "-",
              f"session-{transcript.persona_id}-{datetime.fromtimestamp(transcript.started_at):%Y%m%d-%H%M}-{sid[:8]}")
with st.container(horizontal=True, gap="small"):
    st.download_button("Markdown", export.to_markdown(transcript, metrics, notes, language=ui.current()), file_name=f"{stem}.md",
                       mime="text/markdown", icon=":material/description:", on_click="ignore", key="export_md")
    st.download_button("CSV", export.to_csv(transcript, metrics, notes, language=ui.current()), file_name=f"{stem}.csv",
                       mime="text/csv", icon=":material/table:", on_click="ignore", key="export_csv")
    st.download_button("JSON", export.to_json(transcript, metrics, notes), file_name=f"{stem}.json",
                       mime="application/json", icon=":material/data_object:", on_click="ignore", key="export_json")
    st.download_button(_("Printable HTML"), export.to_html(transcript, metrics, notes, language=ui.current()), file_name=f"{stem}.html",
                       mime="text/html", icon=":material/print:", on_click="ignore", key="export_html")
st.caption(_("Exports include the coaches' labels and comments. Open the HTML file in a browser and print it."))
