"""The interview: a chat with the persona, coaching under every trainee turn, the running score in the sidebar."""

import time

import streamlit as st

from app_pages import common, practice, streaming
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import _
from app_pages.persistence import SessionFinished, TurnConflict, friendly
from simulator.transcript import PERSONA, TRAINEE

# Another tab or server went on with this interview: the page reloads the stored conversation and says so.
STALE = (TurnConflict, SessionFinished)
# The most a chat message may hold; longer pastes are refused with a message (the box would otherwise empty).
MAX_CHAT_CHARS = 4000

starting = common.pending_start()
if starting is not None and common.trainee():
    # Picked on the gallery: the heading at once, then the models (first interview after a start) and the
    # persona's topics, then the page again with the interview.
    st.title(_("Interview with {name}").format(name=md(starting.name)), anchor=False)
    common.wait_for_models()
    # Cleared before starting: a start that fails says why once, rather than being retried on every rerun.
    st.session_state.pop(common.PENDING_START, None)
    common.start_interview(starting)
    st.rerun()
st.session_state.pop(common.PENDING_START, None)
if st.session_state.get(common.SID) and st.session_state.get(common.LIVE) is None:
    common.wait_for_models()  # resuming after a reload or from the gallery: the models first, with progress
live = common.live_interview()
if live is None:
    st.title(_("Interview"))
    transcript = common.load_transcript(st.session_state.get(common.SID))
    if transcript is not None and transcript.ended_at is not None:
        st.info(_("This interview has ended."))
        if st.button(_("See its report"), type="primary", icon=":material/insights:"):
            common.go(common.REPORT)
    else:
        st.info(_("Pick a persona to interview first."))
    if st.button(_("Choose a persona"), icon=":material/groups:"):
        common.go(common.GALLERY)
    st.stop()

persona, session = live.persona, live.session
transcript = session.transcript
first = common.first_name(persona)

coach_live = st.session_state.get(common.COACH_LIVE, True)

# The input row sits at the bottom of the page; read it first, draw the conversation, then act on it.
with st.bottom:
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        prompt = st.chat_input(_("Ask {name} a question…").format(name=first), key="chat")
        silent = st.button(
            _("Stay silent"), key="silent", icon=":material/more_horiz:",
            help=_("Say nothing and let {name} go on. A pause after an answer often brings out more.").format(
                name=first),
        )

too_long = None
if prompt is not None and not prompt.strip():
    # Only spaces or line breaks: not a question, and not a silence either (Stay silent is for that).
    prompt = None
    st.toast(_("Nothing to send. Type a question, or press Stay silent to let {name} go on.").format(name=md(first)),
             icon=":material/info:")
elif prompt and len(prompt) > MAX_CHAT_CHARS:
    too_long, prompt = prompt, None

st.title(_("Interview with {name}").format(name=md(persona.name)), anchor=False)
if (notice := st.session_state.pop(common.NOTICE, None)):
    st.info(notice, icon=":material/sync:")
first_run = not transcript.trainee_turns and not (prompt or silent)
with st.expander(_("Your brief"), expanded=first_run, icon=":material/assignment:"):
    st.markdown(
        "**" + _("Research goal:") + f"** {md(persona.research_goal)}  \n"
        "**" + _("Who:") + f"** {md(persona.summary)}  \n"
        "**" + _("Context:") + f"** {md(persona.context)}  \n"
        "**" + _("Communication style:") + f"** {md(persona.style_summary)} · "
        "**" + _("Difficulty:") + f"** {md(common.difficulty_name(persona.difficulty))}"
    )
    st.caption(_(
        "Ask about past, concrete experiences. Press **Stay silent** to give them room. "
        "End the interview from the sidebar to see your report."
    ))

practice.branch_banner(live.sid, transcript)  # a branch: which turn is asked differently

for turn in transcript.turns:
    with common.chat_message(turn.speaker):
        common.render_turn_text(turn)
        if turn.speaker != PERSONA and coach_live:
            common.render_coaching(turn, persona.language)
        practice.ask_differently_button(live.sid, turn)  # rewind to this turn and branch

if transcript.turns and transcript.turns[-1].speaker == TRAINEE and not (prompt or silent):
    # Only after a reload (or a server restart) in the middle of a reply: the reply was never recorded. The engine
    # gives the one the live session would have given, and it is recorded like any other.
    try:
        unanswered = session.unanswered()
    except Exception:  # never lose the page over a reply that can be asked for again
        common.log.exception("answering the last question failed in session %s", live.sid)
        unanswered = None
        st.caption(_("The page reloaded before {name} answered this. Ask again.").format(name=md(first)))
    if unanswered is not None:
        live.pending = unanswered
        with common.chat_message(PERSONA):
            try:
                st.write_stream(common.paced(streaming.phrases(unanswered.stream())))
            except STALE as e:
                live.pending = None
                common.refresh_interview(live, error=e)
            except Exception as e:
                common.log.exception("answering the last question failed in session %s", live.sid)
                st.error(friendly(e))
        live.pending = None

pending = None
if prompt or silent:
    common.note_activity()
    # Patience: how long the trainee let the last reply stand before answering (typing time included).
    waited = time.time() - session.last_reply_at if session.last_reply_at else None
    try:
        pending = session.send(prompt, patience=waited) if prompt else session.silence(patience=waited)
    except STALE as e:  # another tab went on: show the stored conversation, and what was not sent
        common.refresh_interview(live, unsent=prompt, error=e)
    except Exception as e:  # the scorer or the store failed: say so, keep the page and the interview
        common.log.exception("turn failed in session %s", live.sid)
        st.error(_("That turn could not be processed.") + f" {friendly(e)} " + _("Please try again."))
        if prompt:
            st.caption(_("Your question: {text}").format(text=common.quote(common.shorten(prompt, 300))))
if pending is not None:
    live.pending = pending
    with common.chat_message(TRAINEE):
        common.render_turn_text(pending.trainee)
        if coach_live:
            common.render_coaching(pending.trainee, persona.language)
    with common.chat_message(PERSONA):
        try:
            st.write_stream(common.paced(streaming.phrases(pending.stream())))
        except STALE as e:
            live.pending = None
            common.refresh_interview(live, error=e)
        except Exception as e:
            common.log.exception("the reply failed in session %s", live.sid)
            st.error(friendly(e))
    live.pending = None
    reply = pending.persona
    if reply is not None and reply.guard and not reply.guard.startswith("error"):
        # The guard replaced a generated reply that had already streamed: draw the authored line in its place.
        st.rerun()

if too_long is not None:
    st.warning(
        _("Your message has {n} characters; a question can have at most {limit}. Nothing was sent. Shorten it "
          "and send it again (it is below, to copy from).").format(n=ui.number(len(too_long)),
                                                                  limit=ui.number(MAX_CHAT_CHARS)),
        icon=":material/content_cut:",
    )
    st.code(too_long[:20_000], language=None, wrap_lines=True)


def _waiting_note() -> None:
    """While the database cannot take turns: what waits, and that it is safe; refreshed every few seconds, it
    goes away (and the page redraws) once every waiting turn is saved."""
    writer = common.get_writer()
    if writer.status(live.sid).waiting == 0:
        return

    @st.fragment(run_every=3.0)
    def note() -> None:
        writer.flush(live.sid)
        status = writer.status(live.sid)
        if status.waiting == 0:
            st.rerun()
        n = status.waiting
        reason = str(status.problem or _("The database cannot take new turns right now."))
        if status.durable:
            kept = ui.ngettext("Your last turn is kept safely on this server and will be saved, in order, as soon "
                               "as the database is back. You can go on.",
                               "Your last {n} turns are kept safely on this server and will be saved, in order, as "
                               "soon as the database is back. You can go on.", n).format(n=n)
            st.warning(_("Saving is paused.") + f" {reason} {kept}", icon=":material/cloud_sync:")
        else:
            held = ui.ngettext("Your last turn is held in this server's memory only: keep this page open until "
                               "this note goes away.",
                               "Your last {n} turns are held in this server's memory only: keep this page open "
                               "until this note goes away.", n).format(n=n)
            st.error(_("Saving is paused.") + f" {reason} {held}", icon=":material/cloud_off:")

    note()


_waiting_note()

with st.sidebar:
    st.subheader(md(persona.name), anchor=False)
    st.caption(md(persona.research_goal))
    backend_name = getattr(session.backend, "name", "authored")
    model = getattr(session.backend, "model", None) if backend_name != "authored" else None
    voice = _("authored lines") if backend_name == "authored" else backend_name + (f" · {model}" if model else "")
    st.caption(md(_("Voice: {voice}").format(voice=voice)))
    backend_note = getattr(session.engine, "backend_note", None)
    if backend_note:
        st.info(md(backend_note))
    last_reply = next((t for t in reversed(transcript.turns) if t.speaker == PERSONA), None)
    if last_reply is not None and (last_reply.guard or "").startswith("error"):
        # The configured server failed on this reply: it is the persona's authored line, and the trainee should know.
        st.warning(
            _("The {voice} voice did not answer the last question, so {name} used an authored line ({why}).").format(
                voice=md(backend_name), name=md(first), why=md(common.shorten(last_reply.guard, 120))),
            icon=":material/cloud_off:",
        )
    if coach_live:
        metrics = common.session_metrics(transcript)
        # Before the first question there is nothing to score: a dash, not the formula's floor.
        score = metrics.get("score") if transcript.trainee_turns else None
        st.metric(_("Score"), "–" if score is None else ui.decimal(score, 0),
                  help=_("How the score is computed: see How scoring works."))
        counts = {label: n for label, n in metrics.get("label_counts", {}).items() if n}
        if counts:
            st.markdown("  \n".join(
                f"{common.label_badge(label, persona.language)[0]}: **{n}**"
                for label, n in sorted(counts.items(), key=lambda kv: -kv[1])
            ))
        found, total = session.insights_found, session.insights_total
        st.progress(found / total if total else 0.0, text=_("Insights found: {found} of {total}").format(
            found=ui.number(found), total=ui.number(total)))
    else:
        st.info(_("Coaching is off until you end the interview."), icon=":material/visibility_off:")
    practice.guide_sidebar(live.sid, transcript)  # the discussion guide, ticked off as asked
    st.toggle(
        _("Live coaching"), value=True, key=common.COACH_LIVE, persist_state="session",
        help=_("Off: no labels or score until the report, like a real interview."),
    )
    st.divider()
    if st.button(_("End interview"), type="primary", icon=":material/flag:", key="end", width="stretch"):
        if common.end_interview(live):
            common.go(common.REPORT)
