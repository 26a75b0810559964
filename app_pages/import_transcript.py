"""Score a real interview transcript (captions or text) and save it as an imported session.

Upload (or paste) → what the import noticed → who spoke, with the interviewer guessed → score → save/download.
Everything read or scored is kept in st.session_state under the upload's content hash, so a rerun neither
reads the file again nor loses the scores. The work itself is in app_pages/import_support.py.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages import import_identity
from app_pages import i18n as ui
from app_pages import import_support as support
from app_pages.common import md
from app_pages.i18n import N_, _
from simulator import i18n as core
from simulator.importing import ImportProblem
from simulator.store import DuplicateImport
from simulator.transcript import TRAINEE

log = logging.getLogger(__name__)

# Session-state keys.
UPLOADS = "import_uploads"  # Parsed.key -> Parsed
SCORED = "import_scored"  # Scored.key -> Scored
SAVES = "import_saves"  # content hash -> [{"key", "sid", "name", "interviewer", "finished"}]
SAVE_ERROR = "import_save_error"  # what went wrong with the last click on save, shown once
SOURCE_FILE, SOURCE_PASTE = N_("Upload a file"), N_("Paste the text")
# Uploads and scores kept per browser session: the current one and a few before it, and no more turns in all
# than a long file holds (a 50,000-cue file is kept alone), so a session's memory stays bounded.
KEEP = 3
KEEP_TURNS = 60_000
TURN_PAGE = "import_turn_page"

COMPONENTS = {"craft": N_("Question craft"), "listening": N_("Listening (reflections per question)"),
              "talk": N_("Talk ratio")}


def _remember(bucket: str, key: str, value) -> None:
    cache: dict = st.session_state.setdefault(bucket, {})
    cache.pop(key, None)
    cache[key] = value
    while len(cache) > 1 and (len(cache) > KEEP or sum(support.turn_count(v) for v in cache.values()) > KEEP_TURNS):
        cache.pop(next(iter(cache)))


def _upload() -> tuple[bytes | str, str] | None:
    """The bytes and name of the uploaded file, or the pasted text; None while there is neither."""
    source = st.radio(_("Transcript"), [SOURCE_FILE, SOURCE_PASTE], horizontal=True, key="import_source",
                      label_visibility="collapsed", format_func=core.translator(ui.current()))
    if source == SOURCE_FILE:
        uploaded = st.file_uploader(
            _("A transcript file: .vtt, .srt, .txt or .json, up to {n} MB").format(n=ui.number(support.MAX_UPLOAD_MB)),
            type=["vtt", "srt", "txt", "json"], max_upload_size=support.MAX_UPLOAD_MB, key="import_file",
            help=_("Zoom: the recording's audio transcript (.vtt). Teams: Transcript → Download as .vtt. "
                   "Meet: the transcript saved to Drive, as text. Or any text with one 'Name: words' per turn."),
        )
        return (uploaded.getvalue(), uploaded.name) if uploaded is not None else None
    pasted = st.text_area(
        _("The transcript, one turn per line as 'Name: words' (captions pasted from a .vtt or .srt work too)"),
        key="import_paste", height=200,
        placeholder=_("Dana: How do you send invoices today?\nMarcus: Mostly from my phone, in the truck."),
    )
    return (pasted, support.PASTE_NAME) if pasted and pasted.strip() else None


def _parsed(data: bytes | str, name: str, fmt: str) -> support.Parsed:
    key = support.upload_key(data, name, fmt)
    parsed = st.session_state.get(UPLOADS, {}).get(key)
    if parsed is None:
        with st.spinner(_("Reading the transcript…")):
            parsed = support.parse_upload(data, name, fmt, language=ui.current())
        _remember(UPLOADS, key, parsed)
    return parsed


# Table columns holding someone's words or names; the other cells are our own numbers and times.
TEXT_COLUMNS = {"Speaker", "Role", "Said", "Part"}
# Column names (English keys from import_support and this page) and the speakers' roles, shown translated.
COLUMNS = {"Speaker": N_("Speaker"), "Role": N_("Role"), "Turns": N_("Turns"), "Words": N_("Words"),
           "Questions": N_("Questions"), "Talk time": N_("Talk time"), "Turn": N_("Turn"), "At": N_("At"),
           "Said": N_("Said"), "Part": N_("Part"), "Result": N_("Result"), "Weight": N_("Weight"),
           "Points in the score": N_("Points in the score")}
ROLES = {"Interviewer": N_("Interviewer"), "Interviewee": N_("Interviewee")}


def _cell(key: str, value):
    if key == "Role":
        value = _(ROLES.get(value, value))
    return md(value) if key in TEXT_COLUMNS else value


def _table(rows: list[dict]) -> None:
    # st.table is plain HTML that screen readers read; its cells are Markdown, so every text is escaped.
    frame = pd.DataFrame([{_(COLUMNS.get(k, k)): _cell(k, v) for k, v in row.items()} for row in rows])
    st.table(frame, hide_index=True, border="horizontal")


def _show_warnings(warnings: list[str]) -> None:
    if not warnings:
        return
    head = ui.ngettext("**Imported, with {n} warning.**", "**Imported, with {n} warnings.**", len(warnings))
    st.warning(head.format(n=ui.number(len(warnings))) + " "
               + _("What could be repaired was; the lines named below are worth checking:")
               + "\n\n" + "\n".join(f"- {md(core.localize(w, ui.current()))}" for w in warnings),
               icon=":material/warning:")


def _preview(parsed: support.Parsed) -> tuple[str, float]:
    """Who spoke and the first turns; returns the interviewer and silence threshold the trainee confirmed."""
    result = parsed.result
    assert result is not None
    names = [s.name for s in result.speakers]
    st.subheader(_("Who spoke"), anchor="speakers")
    left, right = st.columns([3, 2], gap="medium", vertical_alignment="bottom")
    with left:
        interviewer = st.selectbox(
            _("Interviewer"), names, index=names.index(result.interviewer) if result.interviewer in names else 0,
            key=f"import_interviewer_{parsed.content[:16]}",
            help=_("Their turns get labels and coaching; everyone else is an interviewee."),
        )
    with right:
        threshold = st.number_input(
            _("Silence threshold (seconds)"), min_value=0.0, max_value=60.0, value=3.0, step=0.5,
            key="import_silence", format="%.1f",
            help=_("A wait at least this long before the interviewer speaks counts as a silence."),
        )
    others = [n for n in names if n != interviewer]
    note = (_("Guessed: the speaker who asks the most questions. Check it.") + " " if result.interviewer_guessed
            and interviewer == result.interviewer else "")
    note += ui.ngettext("Interviewee: {names}.", "Interviewees: {names}.", len(others)).format(
        names=_(", ").join(md(n) for n in others))
    if not any(t.start is not None for t in result.transcript.turns):
        note += " " + _("This transcript has no times, so silences and talk time can't be measured.")
    elif result.unmeasured_waits:
        note += " " + _("This transcript has start times only: a wait before the interviewer spoke can't be told "
                        "apart from the other person's talking time, so silences are not measured.")
    st.caption(note)
    _table(support.speaker_rows(result, interviewer))
    turns = result.transcript.turns
    shown = min(len(turns), support.PREVIEW_TURNS)
    st.markdown("**" + _("The first {shown} of {total} turns").format(shown=ui.number(shown),
                                                                       total=ui.number(len(turns))) + "**")
    _table(support.preview_rows(result))
    return interviewer, float(threshold)


def _score(parsed: support.Parsed, interviewer: str, threshold: float) -> support.Scored | None:
    key = support.score_key(parsed, interviewer, threshold)
    scored = st.session_state.get(SCORED, {}).get(key)
    if scored is not None:
        return scored
    earlier = [s for s in st.session_state.get(SCORED, {}).values() if s.key.startswith(parsed.key + "|")]
    slot = st.empty()  # the button (and the note above it) go once the scores are there
    with slot.container():
        if earlier:
            st.info(_("You changed the interviewer or the silence threshold: score again to see the new labels."),
                    icon=":material/refresh:")
        clicked = st.button(_("Score the interview"), type="primary", icon=":material/grading:", key="import_score")
    if not clicked:
        return None
    turns = sum(1 for t in parsed.result.transcript.turns if t.name == interviewer) if parsed.result else 0
    bar = st.progress(0.0, text=ui.ngettext("Scoring {n} interviewer turn…", "Scoring {n} interviewer turns…",
                                             turns).format(n=ui.number(turns)))

    def progress(done: int, total: int) -> None:
        if done >= total:
            bar.progress(1.0, text=_("Computing the score…"))
        else:
            bar.progress(done / total, text=_("Labelled {done} of {total} interviewer turns…").format(
                done=ui.number(done), total=ui.number(total)))

    try:
        engine = common.get_engine()
        scored = support.score_upload(parsed, interviewer, threshold, engine.classifier, progress=progress)
    except ImportProblem as e:
        bar.empty()
        st.error(md(e.localized(ui.current())), icon=":material/error:")
        return None
    except Exception as e:  # noqa: BLE001 - a message, never a traceback
        log.exception("scoring %s failed", parsed.name)
        bar.empty()
        st.error(_("Scoring failed ({error}). Try again; if it keeps failing, report it with the file.").format(
            error=f"{md(type(e).__name__)}: {md(e)}"), icon=":material/error:")
        return None
    bar.empty()
    slot.empty()
    _remember(SCORED, key, scored)
    return scored


def _number(value, show) -> str:
    return "–" if not isinstance(value, (int, float)) or isinstance(value, bool) else show(value)


def _results(scored: support.Scored) -> None:
    metrics = scored.metrics
    st.subheader(_("Scores"), anchor="scores")
    # Columns, not a wrapping row, where the fifth card would sit alone on a line; the wider one fits its label.
    score, open_share, rq, talk, silences = st.columns([1, 1.35, 1, 1, 1], gap="small")
    score.metric(_("Score"), _number(metrics.get("score"), lambda v: ui.decimal(v, 0)), border=True,
                 help=_("Out of 100: question craft, listening and talk ratio. Insights don't apply to a real "
                        "interview, so that part is left out and the others count more."))
    open_share.metric(_("Open questions"), _number(metrics.get("open_share"), ui.percent), border=True,
                      help=_("Share of the {n} questions that were open.").format(
                          n=ui.number(metrics.get("questions", 0) or 0)))
    rq.metric(_("R:Q"), _number(metrics.get("rq_ratio"), lambda v: ui.decimal(v, 2)), border=True,
              help=_("Reflections and echoes per question (MITI: 1 is fair, 2 is good)."))
    talk.metric(_("Talk share"), _number(metrics.get("talk_ratio"), ui.percent), border=True,
                help=_("The interviewer's share of all words spoken (30% or less is good)."))
    if scored.result.unmeasured_waits and not metrics.get("silences"):
        silences.metric(_("Silences"), "–", border=True,
                        help=_("Not measured: the transcript has start times only, so a wait can't be told apart "
                               "from the other person's talking time."))
    else:
        silences.metric(_("Silences"), ui.number(metrics.get("silences", 0) or 0), border=True,
                        help=_("Waits of {seconds} s or more before the interviewer spoke.").format(
                            seconds=ui.decimal(scored.silence_threshold, 1)))
    counts = support.label_rows(metrics)
    if counts:
        with st.container(horizontal=True, gap="small"):
            for label, n in counts:
                text, colour = common.label_badge(label)
                st.badge(f"{text} × {ui.number(n)}", color=colour)
    breakdown = metrics.get("score_breakdown") or {}
    components, weights = breakdown.get("components") or {}, breakdown.get("weights") or {}
    weighted = breakdown.get("weighted") or {}
    parts = [{"Part": _(name), "Result": f"{ui.decimal(components[key], 0)} / 100", "Weight": ui.percent(weights[key]),
              "Points in the score": ui.decimal(weighted[key], 1)}
             for key, name in COMPONENTS.items() if key in weights and components.get(key) is not None]
    if parts:
        with st.expander(_("How the score was earned"), icon=":material/function:"):
            _table(parts)
            st.page_link(common.SCORING, label=_("How scoring works, with examples"), icon=":material/help:",
                         query_params=ui.url_param())

    st.subheader(_("Turn by turn"), anchor="turns")
    waits = support.silences_by_turn(scored)
    for turn in _turns_to_show(scored):
        with common.chat_message(turn.speaker):
            head = _("Turn {n}").format(n=ui.number(turn.index)) + f" · {md(turn.name or '')}"
            if turn.start is not None:
                head += f" · {support.clock(turn.start)}"
            st.caption(head)
            if turn.index in waits:
                st.caption(":material/hourglass_bottom: " + _("Waited {seconds} s before speaking: a silence.").format(
                    seconds=ui.decimal(waits[turn.index], 1)))
            st.text(turn.text)
            if turn.speaker == TRAINEE:
                common.render_coaching(turn)


def _turns_to_show(scored: support.Scored) -> list:
    """One page of turns, with a picker when there are more (a long file is never drawn whole)."""
    pages = support.turn_pages(scored)
    if pages == 1:
        return scored.transcript.turns
    total = len(scored.transcript.turns)
    per = support.PAGE_TURNS

    lang = ui.current()  # bound now: a format_func may also be called outside this run

    def span(page: int) -> str:
        return core.translator(lang)(N_("Turns {first}–{last} of {total}")).format(
            first=core.fmt_number((page - 1) * per, lang), last=core.fmt_number(min(page * per, total) - 1, lang),
            total=core.fmt_number(total, lang))

    page = st.selectbox(_("Show"), range(1, pages + 1), format_func=span, key=TURN_PAGE, width=320,
                        help=_("{n} turns at a time; the scores above are for the whole interview.").format(
                            n=ui.number(per)))
    return support.page_of_turns(scored, page or 1)


def _save(parsed: support.Parsed, scored: support.Scored) -> None:
    st.subheader(_("Save and download"), anchor="save")
    saves: list[dict] = st.session_state.setdefault(SAVES, {}).setdefault(parsed.content, [])
    this = next((s for s in saves if s["key"] == scored.key), None)
    existing = import_identity.existing_import(parsed.content)
    if this is not None and this["finished"]:
        st.success(_("Saved as session {sid} under the name {name}. Coaches find it with the other sessions, "
                     "marked as imported.").format(sid=md(this["sid"]), name=md(this["name"])),
                   icon=":material/check_circle:")
    elif existing is not None and (this is None or this["sid"] != existing):
        import_identity.show_duplicate(existing)  # saved before, from this or another tab, or before a restart
    else:
        if saves and this is None:
            before = saves[-1]
            st.info(_("This recording is already saved as session {sid} (interviewer {name}). Saving again adds a "
                      "second session.").format(sid=md(before["sid"]), name=md(before["interviewer"])),
                    icon=":material/info:")
        name = st.text_input(
            _("Save under the name"), key=f"import_save_name_{parsed.content[:16]}", max_chars=support.NAME_MAX,
            value=import_identity.locked_name() or support.default_save_name(common.trainee(), scored.interviewer),
            help=_("Whose interview this is: coaches list and filter sessions by this name."),
            disabled=import_identity.locked_name() is not None,  # signed in: it goes under your own name
        )
        failed = st.session_state.pop(SAVE_ERROR, None)
        if failed:
            st.error(failed, icon=":material/error:")
        label = _("Finish saving") if this is not None else (
            _("Save as another session") if saves else _("Save as a session"))
        if st.button(label, icon=":material/save:", key="import_save"):
            _do_save(saves, this, name, scored)
    stem = support.download_stem(parsed.name)
    with st.container(horizontal=True, gap="small"):
        # Made when clicked, not on every rerun: a long interview's JSON is megabytes.
        st.download_button("JSON", lambda: support.scored_json(scored), file_name=f"{stem}.json",
                           mime="application/json", icon=":material/data_object:", on_click="ignore",
                           key="import_download_json",
                           help=_("Every turn with its label, and the metrics: what `interview-sim score --json` "
                                  "prints for this file."))
        st.download_button("Markdown", lambda: support.scored_markdown(scored, language=ui.current()), file_name=f"{stem}.md",
                           mime="text/markdown", icon=":material/description:", on_click="ignore",
                           key="import_download_md",
                           help=_("The transcript with labels and the metrics, to read or share."))


def _do_save(saves: list[dict], this: dict | None, name: str, scored: support.Scored) -> None:
    store = common.get_store()
    try:
        if this is None:
            support.check_save_name(name, language=ui.current())  # its message in the interface language
            sid = support.start_saved(store, name, scored)
            this = {"key": scored.key, "sid": sid, "name": support.check_save_name(name),
                    "interviewer": scored.interviewer, "finished": False}
            saves.append(this)
        support.finish_saved(store, this["sid"], scored)
    except DuplicateImport:
        pass  # another tab saved the same file first: the rerun shows that session instead of a button
    except ValueError as e:
        st.session_state[SAVE_ERROR] = md(e)
    except Exception as e:  # noqa: BLE001 - the database may be down: say so, keep the scores
        log.exception("saving an imported transcript failed")
        st.session_state[SAVE_ERROR] = _("Saving failed ({error}). Your scores are still here: try again in a "
                                         "moment.").format(error=f"{md(type(e).__name__)}: {md(e)}")
    else:
        this["finished"] = True
    st.rerun()  # the section again, with the button and message that fit what happened


def main() -> None:
    st.title(_("Score a transcript"), anchor=False)
    st.caption(_("A real interview, scored like a practice one: every question the interviewer asked gets a "
                 "label and coaching. Captions from Zoom, Teams or Meet (.vtt), subtitles (.srt), a text "
                 "transcript or JSON."))
    upload = _upload()
    tr = core.translator(ui.current())  # bound now: a format_func may also be called outside this run
    fmt = st.selectbox(_("Format"), support.FORMAT_CHOICES, format_func=lambda f: tr(support.FORMAT_NAMES[f]),
                       key="import_format", width=280,
                       help=_("Detected from the content; choose one when a file is read the wrong way."))
    if upload is None:
        return
    parsed = _parsed(upload[0], upload[1], fmt)
    if parsed.problem is not None:
        st.error(md(parsed.problem), icon=":material/error:")
        return
    result = parsed.result
    assert result is not None
    form = md(_(support.FORMAT_NAMES.get(result.format, result.format)))
    if result.encoding not in ("utf-8", "ascii"):
        form += f" ({md(result.encoding)})"
    turns = ui.ngettext("{n} turn", "{n} turns", len(result.transcript.turns)).format(
        n=ui.number(len(result.transcript.turns)))
    if result.duration is not None:
        details = _("Read as {format}: {turns}, {length} long.").format(
            format=form, turns=turns, length=support.clock(result.duration))
    else:
        details = _("Read as {format}: {turns}.").format(format=form, turns=turns)
    st.caption(details)
    _show_warnings(result.warnings)
    interviewer, threshold = _preview(parsed)
    scored = _score(parsed, interviewer, threshold)
    if scored is None:
        return
    _results(scored)
    _save(parsed, scored)


main()
