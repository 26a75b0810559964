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
from app_pages import import_support as support
from app_pages.common import md
from simulator.importing import ImportProblem
from simulator.store import DuplicateImport
from simulator.transcript import TRAINEE

log = logging.getLogger(__name__)

# Session-state keys.
UPLOADS = "import_uploads"  # Parsed.key -> Parsed
SCORED = "import_scored"  # Scored.key -> Scored
SAVES = "import_saves"  # content hash -> [{"key", "sid", "name", "interviewer", "finished"}]
SAVE_ERROR = "import_save_error"  # what went wrong with the last click on save, shown once
SOURCE_FILE, SOURCE_PASTE = "Upload a file", "Paste the text"
# Uploads and scores kept per browser session: the current one and a few before it, and no more turns in all
# than a long file holds (a 50,000-cue file is kept alone), so a session's memory stays bounded.
KEEP = 3
KEEP_TURNS = 60_000
TURN_PAGE = "import_turn_page"

COMPONENTS = {"craft": "Question craft", "listening": "Listening (reflections per question)", "talk": "Talk ratio"}


def _remember(bucket: str, key: str, value) -> None:
    cache: dict = st.session_state.setdefault(bucket, {})
    cache.pop(key, None)
    cache[key] = value
    while len(cache) > 1 and (len(cache) > KEEP or sum(support.turn_count(v) for v in cache.values()) > KEEP_TURNS):
        cache.pop(next(iter(cache)))


def _upload() -> tuple[bytes | str, str] | None:
    """The bytes and name of the uploaded file, or the pasted text; None while there is neither."""
    source = st.radio("Transcript", [SOURCE_FILE, SOURCE_PASTE], horizontal=True, key="import_source",
                      label_visibility="collapsed")
    if source == SOURCE_FILE:
        uploaded = st.file_uploader(
            f"A transcript file: .vtt, .srt, .txt or .json, up to {support.MAX_UPLOAD_MB} MB",
            type=["vtt", "srt", "txt", "json"], max_upload_size=support.MAX_UPLOAD_MB, key="import_file",
            help="Zoom: the recording's audio transcript (.vtt). Teams: Transcript → Download as .vtt. "
                 "Meet: the transcript saved to Drive, as text. Or any text with one 'Name: words' per turn.",
        )
        return (uploaded.getvalue(), uploaded.name) if uploaded is not None else None
    pasted = st.text_area(
        "The transcript, one turn per line as 'Name: words' (captions pasted from a .vtt or .srt work too)",
        key="import_paste", height=200,
        placeholder="Dana: How do you send invoices today?\nMarcus: Mostly from my phone, in the truck.",
    )
    return (pasted, support.PASTE_NAME) if pasted and pasted.strip() else None


def _parsed(data: bytes | str, name: str, fmt: str) -> support.Parsed:
    key = support.upload_key(data, name, fmt)
    parsed = st.session_state.get(UPLOADS, {}).get(key)
    if parsed is None:
        with st.spinner("Reading the transcript…"):
            parsed = support.parse_upload(data, name, fmt)
        _remember(UPLOADS, key, parsed)
    return parsed


# Table columns holding someone's words or names; the other cells are our own numbers and times.
TEXT_COLUMNS = {"Speaker", "Role", "Said", "Part"}


def _table(rows: list[dict]) -> None:
    # st.table is plain HTML that screen readers read; its cells are Markdown, so every text is escaped.
    frame = pd.DataFrame([{k: md(v) if k in TEXT_COLUMNS else v for k, v in row.items()} for row in rows])
    st.table(frame, hide_index=True, border="horizontal")


def _show_warnings(warnings: list[str]) -> None:
    if not warnings:
        return
    count = f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    st.warning(f"**Imported, with {count}.** What could be repaired was; the lines named below are worth "
               "checking:\n\n" + "\n".join(f"- {md(w)}" for w in warnings), icon=":material/warning:")


def _preview(parsed: support.Parsed) -> tuple[str, float]:
    """Who spoke and the first turns; returns the interviewer and silence threshold the trainee confirmed."""
    result = parsed.result
    assert result is not None
    names = [s.name for s in result.speakers]
    st.subheader("Who spoke", anchor="speakers")
    left, right = st.columns([3, 2], gap="medium", vertical_alignment="bottom")
    with left:
        interviewer = st.selectbox(
            "Interviewer", names, index=names.index(result.interviewer) if result.interviewer in names else 0,
            key=f"import_interviewer_{parsed.content[:16]}",
            help="Their turns get labels and coaching; everyone else is an interviewee.",
        )
    with right:
        threshold = st.number_input(
            "Silence threshold (seconds)", min_value=0.0, max_value=60.0, value=3.0, step=0.5,
            key="import_silence", format="%.1f",
            help="A wait at least this long before the interviewer speaks counts as a silence.",
        )
    others = [n for n in names if n != interviewer]
    note = ("Guessed: the speaker who asks the most questions. Check it. " if result.interviewer_guessed
            and interviewer == result.interviewer else "")
    note += f"Interviewee{'s' if len(others) != 1 else ''}: " + ", ".join(md(n) for n in others) + "."
    if not any(t.start is not None for t in result.transcript.turns):
        note += " This transcript has no times, so silences and talk time can't be measured."
    elif result.unmeasured_waits:
        note += (" This transcript has start times only: a wait before the interviewer spoke can't be told apart "
                 "from the other person's talking time, so silences are not measured.")
    st.caption(note)
    _table(support.speaker_rows(result, interviewer))
    turns = result.transcript.turns
    shown = min(len(turns), support.PREVIEW_TURNS)
    st.markdown(f"**The first {shown} of {len(turns)} turns**")
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
            st.info("You changed the interviewer or the silence threshold: score again to see the new labels.",
                    icon=":material/refresh:")
        clicked = st.button("Score the interview", type="primary", icon=":material/grading:", key="import_score")
    if not clicked:
        return None
    turns = sum(1 for t in parsed.result.transcript.turns if t.name == interviewer) if parsed.result else 0
    bar = st.progress(0.0, text=f"Scoring {turns:,} interviewer turn{'s' if turns != 1 else ''}…")

    def progress(done: int, total: int) -> None:
        if done >= total:
            bar.progress(1.0, text="Computing the score…")
        else:
            bar.progress(done / total, text=f"Labelled {done:,} of {total:,} interviewer turns…")

    try:
        engine = common.get_engine()
        scored = support.score_upload(parsed, interviewer, threshold, engine.classifier, progress=progress)
    except ImportProblem as e:
        bar.empty()
        st.error(md(e), icon=":material/error:")
        return None
    except Exception as e:  # noqa: BLE001 - a message, never a traceback
        log.exception("scoring %s failed", parsed.name)
        bar.empty()
        st.error(f"Scoring failed ({md(type(e).__name__)}: {md(e)}). Try again; if it keeps failing, report it "
                 "with the file.", icon=":material/error:")
        return None
    bar.empty()
    slot.empty()
    _remember(SCORED, key, scored)
    return scored


def _number(value, fmt: str, scale: float = 1.0) -> str:
    return "–" if not isinstance(value, (int, float)) or isinstance(value, bool) else fmt.format(value * scale)


def _results(scored: support.Scored) -> None:
    metrics = scored.metrics
    st.subheader("Scores", anchor="scores")
    # Columns, not a wrapping row, where the fifth card would sit alone on a line; the wider one fits its label.
    score, open_share, rq, talk, silences = st.columns([1, 1.35, 1, 1, 1], gap="small")
    score.metric("Score", _number(metrics.get("score"), "{:.0f}"), border=True,
                 help="Out of 100: question craft, listening and talk ratio. Insights don't apply to a real "
                      "interview, so that part is left out and the others count more.")
    open_share.metric("Open questions", _number(metrics.get("open_share"), "{:.0f}%", 100), border=True,
                      help=f"Share of the {metrics.get('questions', 0)} questions that were open.")
    rq.metric("R:Q", _number(metrics.get("rq_ratio"), "{:.2f}"), border=True,
              help="Reflections and echoes per question (MITI: 1 is fair, 2 is good).")
    talk.metric("Talk share", _number(metrics.get("talk_ratio"), "{:.0f}%", 100), border=True,
                help="The interviewer's share of all words spoken (30% or less is good).")
    if scored.result.unmeasured_waits and not metrics.get("silences"):
        silences.metric("Silences", "–", border=True,
                        help="Not measured: the transcript has start times only, so a wait can't be told apart "
                             "from the other person's talking time.")
    else:
        silences.metric("Silences", str(metrics.get("silences", 0)), border=True,
                        help=f"Waits of {scored.silence_threshold:g} s or more before the interviewer spoke.")
    counts = support.label_rows(metrics)
    if counts:
        with st.container(horizontal=True, gap="small"):
            for label, n in counts:
                text, colour = common.label_badge(label)
                st.badge(f"{text} × {n}", color=colour)
    breakdown = metrics.get("score_breakdown") or {}
    components, weights = breakdown.get("components") or {}, breakdown.get("weights") or {}
    weighted = breakdown.get("weighted") or {}
    parts = [{"Part": name, "Result": f"{components[key]:.0f} / 100", "Weight": f"{weights[key]:.0%}",
              "Points in the score": f"{weighted[key]:.1f}"}
             for key, name in COMPONENTS.items() if key in weights and components.get(key) is not None]
    if parts:
        with st.expander("How the score was earned", icon=":material/function:"):
            _table(parts)
            st.page_link(common.SCORING, label="How scoring works, with examples", icon=":material/help:")

    st.subheader("Turn by turn", anchor="turns")
    waits = support.silences_by_turn(scored)
    for turn in _turns_to_show(scored):
        with common.chat_message(turn.speaker):
            head = f"Turn {turn.index} · {md(turn.name or '')}"
            if turn.start is not None:
                head += f" · {support.clock(turn.start)}"
            st.caption(head)
            if turn.index in waits:
                st.caption(f":material/hourglass_bottom: Waited {waits[turn.index]:.1f} s before speaking: "
                           "a silence.")
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

    def span(page: int) -> str:
        return f"Turns {(page - 1) * per:,}–{min(page * per, total) - 1:,} of {total:,}"

    page = st.selectbox("Show", range(1, pages + 1), format_func=span, key=TURN_PAGE, width=320,
                        help=f"{per} turns at a time; the scores above are for the whole interview.")
    return support.page_of_turns(scored, page or 1)


def _save(parsed: support.Parsed, scored: support.Scored) -> None:
    st.subheader("Save and download", anchor="save")
    saves: list[dict] = st.session_state.setdefault(SAVES, {}).setdefault(parsed.content, [])
    this = next((s for s in saves if s["key"] == scored.key), None)
    existing = import_identity.existing_import(parsed.content)
    if this is not None and this["finished"]:
        st.success(f"Saved as session {md(this['sid'])} under the name {md(this['name'])}. Coaches find it with the "
                   "other sessions, marked as imported.", icon=":material/check_circle:")
    elif existing is not None and (this is None or this["sid"] != existing):
        import_identity.show_duplicate(existing)  # saved before, from this or another tab, or before a restart
    else:
        if saves and this is None:
            before = saves[-1]
            st.info(f"This recording is already saved as session {md(before['sid'])} (interviewer "
                    f"{md(before['interviewer'])}). Saving again adds a second session.", icon=":material/info:")
        name = st.text_input(
            "Save under the name", key=f"import_save_name_{parsed.content[:16]}", max_chars=support.NAME_MAX,
            value=import_identity.locked_name() or support.default_save_name(common.trainee(), scored.interviewer),
            help="Whose interview this is: coaches list and filter sessions by this name.",
            disabled=import_identity.locked_name() is not None,  # signed in: it goes under your own name
        )
        failed = st.session_state.pop(SAVE_ERROR, None)
        if failed:
            st.error(failed, icon=":material/error:")
        label = "Finish saving" if this is not None else (
            "Save as another session" if saves else "Save as a session")
        if st.button(label, icon=":material/save:", key="import_save"):
            _do_save(saves, this, name, scored)
    stem = support.download_stem(parsed.name)
    with st.container(horizontal=True, gap="small"):
        # Made when clicked, not on every rerun: a long interview's JSON is megabytes.
        st.download_button("JSON", lambda: support.scored_json(scored), file_name=f"{stem}.json",
                           mime="application/json", icon=":material/data_object:", on_click="ignore",
                           key="import_download_json",
                           help="Every turn with its label, and the metrics: what `interview-sim score --json` "
                                "prints for this file.")
        st.download_button("Markdown", lambda: support.scored_markdown(scored), file_name=f"{stem}.md",
                           mime="text/markdown", icon=":material/description:", on_click="ignore",
                           key="import_download_md", help="The transcript with labels and the metrics, to read "
                                                          "or share.")


def _do_save(saves: list[dict], this: dict | None, name: str, scored: support.Scored) -> None:
    store = common.get_store()
    try:
        if this is None:
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
        st.session_state[SAVE_ERROR] = (f"Saving failed ({md(type(e).__name__)}: {md(e)}). Your scores are still "
                                        "here: try again in a moment.")
    else:
        this["finished"] = True
    st.rerun()  # the section again, with the button and message that fit what happened


def main() -> None:
    st.title("Score a transcript", anchor=False)
    st.caption("A real interview, scored like a practice one: every question the interviewer asked gets a "
               "label and coaching. Captions from Zoom, Teams or Meet (.vtt), subtitles (.srt), a text "
               "transcript or JSON.")
    upload = _upload()
    fmt = st.selectbox("Format", support.FORMAT_CHOICES, format_func=support.FORMAT_NAMES.get,
                       key="import_format", width=280,
                       help="Detected from the content; choose one when a file is read the wrong way.")
    if upload is None:
        return
    parsed = _parsed(upload[0], upload[1], fmt)
    if parsed.problem is not None:
        st.error(md(parsed.problem), icon=":material/error:")
        return
    result = parsed.result
    assert result is not None
    details = f"Read as {md(support.FORMAT_NAMES.get(result.format, result.format))}"
    if result.encoding not in ("utf-8", "ascii"):
        details += f" ({md(result.encoding)})"
    details += f": {len(result.transcript.turns)} turns"
    if result.duration is not None:
        details += f", {support.clock(result.duration)} long"
    st.caption(details + ".")
    _show_warnings(result.warnings)
    interviewer, threshold = _preview(parsed)
    scored = _score(parsed, interviewer, threshold)
    if scored is None:
        return
    _results(scored)
    _save(parsed, scored)


main()
