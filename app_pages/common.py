"""What the pages share: safe text, label badges, personas, the models, the store and the trainee's interview.

Only the app layer imports streamlit; everything here is glue between the pages and ``simulator``/``scoring``.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import streamlit as st

from app_pages import i18n as ui
from app_pages import persistence
from app_pages.i18n import N_, _
from app_pages.persistence import InterviewStore, open_store
from scoring import metrics as scoring_metrics
from scoring import i18n
from scoring.feedback import FLAG_HELP, LABEL_HELP
from simulator.persona import LoadReport, Persona, PersonaError, load_personas, persona_dirs
from simulator.transcript import TRAINEE, Transcript, Turn

log = logging.getLogger(__name__)


def _thread_dumps_on_sigusr1() -> None:
    """``kill -USR1 <server pid>`` writes every thread's stack to the server log: what a stuck page waits on."""
    import faulthandler
    import signal

    try:
        faulthandler.register(signal.SIGUSR1, all_threads=True, chain=False)
    except (AttributeError, ValueError, RuntimeError, OSError):  # no SIGUSR1 (Windows), or no usable stderr
        pass


_thread_dumps_on_sigusr1()

# Page files, as registered in streamlit_app.py (st.switch_page takes these paths).
GALLERY = "app_pages/gallery.py"
INTERVIEW = "app_pages/interview.py"
REPORT = "app_pages/report.py"
SCORING = "app_pages/scoring_guide.py"
IMPORT = "app_pages/import_transcript.py"
SIGNIN = "app_pages/signin.py"  # registered instead of the practice pages while sign-in is on and nobody is in
# Coach pages: registered only for a signed-in coach (app_pages/coach_auth.py); the sign-in page always is.
COACH_SIGNIN = "app_pages/coach_signin.py"
COACH_SESSIONS = "app_pages/coach_sessions.py"
COACH_SESSION = "app_pages/coach_session.py"
COACH_AGREEMENT = "app_pages/coach_agreement.py"
COACH_PROGRESS = "app_pages/coach_progress.py"
COACH_TEAM = "app_pages/coach_team.py"

# Session-state keys. Tests inject fakes through ENGINE and STORE.
ENGINE = "engine"
STORE = "store"
TRAINEE_KEY = "trainee"
SID = "sid"
LIVE = "live"
COACH_LIVE = "coach_live"

# ------------------------------------------------------------------------------------------------
# Text that is shown as typed
# ------------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&=^])")


def md(text: Any) -> str:
    """``text`` as Markdown that renders exactly as typed: no formatting, links, HTML, math or emoji.

    Every Markdown special character is backslash-escaped; a word joiner after each colon stops
    Streamlit's ``:shortcode:`` emoji, icon and colour directives; line breaks are kept and indentation
    (which would start a code block) is dropped. Spaces around words are kept, so streamed chunks join up.
    """
    if text is None:
        return ""
    s = _MD_SPECIAL.sub(r"\\\1", str(text))
    s = s.replace(":", ":\u2060")
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = re.sub(r"[ \t]*\n[ \t]*", "  \n", s)
    return s.lstrip(" \t")


def quote(text: Any) -> str:
    """A short piece of someone's words inside a sentence of ours, escaped."""
    return f"“{md(text)}”"


# ------------------------------------------------------------------------------------------------
# Labels and flags as badges: the words and a symbol carry the meaning, colour only repeats it
# ------------------------------------------------------------------------------------------------

GOOD, CAUTION, NEUTRAL = "✓", "⚠", "•"

# label: (symbol, colour). The names come from scoring.feedback, the one catalogue of what the scorer says.
LABELS: dict[str, tuple[str, str]] = {
    "open": (GOOD, "green"),
    "echo": (GOOD, "green"),
    "reflection": (GOOD, "green"),
    "silence": (GOOD, "blue"),
    "closed": (CAUTION, "orange"),
    "leading": (CAUTION, "red"),
    "statement": (NEUTRAL, "gray"),
}
# Labels whose coaching comes with a rewrite (plus any turn flagged hypothetical).
REWRITE_LABELS = {"leading", "closed"}


def _help_name(catalogue: dict[str, dict], key: str) -> str:
    return (catalogue.get(key) or {}).get("name") or key.replace("_", " ").capitalize()


def label_name(label: str | None, language: str | None = None) -> str:
    """The label's name in ``language`` where the scorer speaks it (the coaching passes the persona's language);
    without one, in the interface language; else English."""
    lang = language if language is not None else ui.current()
    return i18n.label_name(label or "", lang) or _help_name(LABEL_HELP, label or "unlabelled")


def label_badge(label: str | None, language: str | None = None) -> tuple[str, str]:
    """(badge text, colour) for a label, e.g. ("✓ Open question", "green")."""
    symbol, colour = LABELS.get(label or "", (NEUTRAL, "gray"))
    return f"{symbol} {label_name(label, language)}", colour


def flag_name(flag: str, language: str | None = None) -> str:
    lang = language if language is not None else ui.current()
    return i18n.flag_name(flag, lang) or _help_name(FLAG_HELP, flag)


def render_coaching(turn: Turn, language: str | None = None) -> None:
    """The coaching under one trainee turn: label and flag badges, the reason, flag reasons and a rewrite,
    named in ``language`` (the persona's) where the scorer speaks it."""
    with st.container(key=f"coach-{turn.index}", gap="xsmall"):
        with st.container(horizontal=True, gap="small"):
            text, colour = label_badge(turn.label, language)
            st.badge(text, color=colour)
            for flag in turn.flags:
                st.badge(f"{CAUTION} {flag_name(flag, language)}", color="orange")
        lines = []
        if turn.reason:
            lines.append(md(turn.reason))
        for flag in turn.flags:
            reason = (turn.flag_reasons or {}).get(flag)
            if reason:
                lines.append(f"**{flag_name(flag, language)}:** {md(reason)}")
        if turn.rewrite and (turn.label in REWRITE_LABELS or "hypothetical" in turn.flags):
            lines.append(f"**{md(i18n.ui_text('try_instead', language))}:** {quote(turn.rewrite)}")
        if lines:
            st.caption("  \n".join(lines))


def chat_message(speaker: str):
    """A chat bubble: the persona is "assistant", the trainee "user" (what tests and screen readers see),
    with person-like avatars rather than the default robot."""
    if speaker == TRAINEE:
        return st.chat_message("user", avatar=":material/mic:")
    return st.chat_message("assistant", avatar=":material/person:")


def render_turn_text(turn: Turn) -> None:
    """A turn's words, never parsed as Markdown or HTML."""
    if turn.is_silence:
        st.caption("*" + md(_("(You stayed silent.)")) + "*")
    else:
        st.text(turn.text)


# ------------------------------------------------------------------------------------------------
# Personas
# ------------------------------------------------------------------------------------------------


@st.cache_data(ttl=15, show_spinner=False)
def _load_personas(dirs: tuple[str, ...]) -> LoadReport:
    return load_personas(dirs)


def personas() -> LoadReport:
    """Every persona file in the persona folders, reloaded every few seconds; bad files land in ``errors``."""
    try:
        return _load_personas(tuple(str(p) for p in persona_dirs()))
    except Exception as e:  # never let a persona problem take the app down
        log.exception("loading personas failed")
        return LoadReport(errors=[PersonaError("personas", [f"could not load the persona folders: {e}"])])


def first_name(persona: Persona) -> str:
    return first_name_of(persona.name)


def first_name_of(name: str) -> str:
    return name.split()[0] if name.strip() else name


# A language in its own words, as a trainee looking for theirs would search for it.
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands", "ko": "한국어", "zh": "中文"}


def language_name(tag: str | None) -> str:
    primary = (tag or "en").split("-")[0].lower()
    return LANGUAGE_NAMES.get(primary, tag or "en")


DIFFICULTY = {"easy": ("●○○", "green"), "medium": ("●●○", "orange"), "hard": ("●●●", "red")}
DIFFICULTY_NAMES = {"easy": N_("Easy"), "medium": N_("Medium"), "hard": N_("Hard")}


def difficulty_name(difficulty: str) -> str:
    """A persona's difficulty in the interface language ("Easy", "Makkelijk", "쉬움", "简单")."""
    name = DIFFICULTY_NAMES.get(difficulty)
    return _(name) if name else str(difficulty).capitalize()


# ------------------------------------------------------------------------------------------------
# Models: loaded once per process, in a background thread, so the gallery never waits for them
# ------------------------------------------------------------------------------------------------


def _build_engine(progress=lambda fraction, stage: None):
    """The shared Engine with the real models (or the hashing fake under INTERVIEW_SIM_EMBEDDER=hashing)."""
    progress(0.05, N_("Reading the settings"))
    from simulator.config import configured_backend
    from simulator.embeddings import get_embedder
    from simulator.engine import Engine
    from simulator.guards import ReplyGuard

    try:
        secrets = dict(st.secrets)
    except Exception:  # no secrets.toml, or unreadable: the environment and interview-sim.toml still apply
        secrets = {}
    backend, note = configured_backend(secrets)
    progress(0.15, N_("Loading the language model"))
    embedder = get_embedder()
    embedder.encode(["warm up"])  # load the weights now, not on the first question
    progress(0.55, N_("Loading the question classifier"))
    engine = Engine(embedder=embedder, backend=backend, guard=ReplyGuard(embedder))
    # Shown in the interview's sidebar: which backend speaks, and why it fell back if it did.
    engine.backend_note = note
    # Embed the classifier's examples now, not on the trainee's first ambiguous question.
    progress(0.8, N_("Preparing the coaching"))
    warm = getattr(engine.classifier, "warm_up", None)
    if warm is not None:
        warm()
    engine.classifier.classify("What happened the last time you did that?", None)
    progress(1.0, N_("Ready"))
    return engine


# When an interview last did something (time.monotonic(), process-wide). Warming other personas' indexes
# keeps both cores busy for seconds, so it waits until no interview has been active for a while.
_last_activity = 0.0
WARM_WHEN_IDLE_FOR = 120.0


def note_activity() -> None:
    global _last_activity
    _last_activity = time.monotonic()


# Set when the server stops: the warm-up thread leaves at its next step instead of holding the exit.
_STOP = threading.Event()


def _warm_persona_indexes(engine, sleep=None, personas_loaded=None) -> None:
    """Embed every persona's topics ahead of time, one at a time, only while no interview is running.

    Runs in the loader's daemon thread; every wait is on ``_STOP``, so a stopping server never waits for it.
    """
    wait = sleep or _STOP.wait
    try:
        found = personas_loaded if personas_loaded is not None else load_personas().personas.values()
        # In the gallery's order: the first cards are the likeliest first interviews.
        levels = ["easy", "medium", "hard"]
        found = sorted(found, key=lambda p: (levels.index(p.difficulty) if p.difficulty in levels else 3, p.name))
        for persona in found:
            while time.monotonic() - _last_activity < WARM_WHEN_IDLE_FOR:
                if wait(1.0) and _STOP.is_set():
                    return
            if _STOP.is_set():
                return
            engine.index_for(persona)
    except Exception:  # a broken persona folder shows up on the gallery, not here
        log.exception("warming the persona indexes failed")


class _EngineLoader:
    """Builds the engine in a daemon thread at once; ``get()`` waits for it. The thread never calls st.*.

    ``progress`` (0..1) and ``stage`` say how far it got (the gallery shows them). After the engine, the same thread
    embeds every persona's topics while the server is idle. Being a daemon thread that waits on ``_STOP``, it never
    holds up the server's exit (SIGTERM, Ctrl-C).
    """

    def __init__(self) -> None:
        self.progress = 0.0
        self.stage = N_("Starting")
        self.started = time.monotonic()
        self.ready_after: float | None = None
        self._done = threading.Event()
        self._engine = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="engine-loader", daemon=True)
        self._thread.start()

    def _step(self, fraction: float, stage: str) -> None:
        self.progress, self.stage = fraction, stage

    def _run(self) -> None:
        try:
            self._engine = _build_engine(self._step)
        except BaseException as e:  # reported by get()
            self._error = e
            log.error("loading the engine failed: %s", e, exc_info=True)
        finally:
            self.ready_after = time.monotonic() - self.started
            self._done.set()
        if self._engine is not None:
            log.info("models ready %.1f s after start", self.ready_after)
            if _launcher_warms.is_set():
                # The launcher (app_pages.server.warm_personas) builds every persona, the likeliest first, and
                # then only in quiet spells: a second pass here would only wait on its builds, or start the
                # other languages' models on its own schedule.
                return
            _warm_persona_indexes(self._engine)
            if not _STOP.is_set():
                log.info("persona topics ready %.1f s after start", time.monotonic() - self.started)

    def ready(self) -> bool:
        return self._done.is_set()

    @property
    def failed(self) -> bool:
        return self._done.is_set() and self._error is not None

    def get(self):
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._engine


_loader: _EngineLoader | None = None
_loader_lock = threading.Lock()


def _engine_loader() -> _EngineLoader:
    """The process's engine loader, started on first call (at server start, or the first page view)."""
    global _loader
    with _loader_lock:
        if _loader is None:
            _loader = _EngineLoader()
        return _loader


def _reset_engine_loader() -> None:
    global _loader
    with _loader_lock:
        _loader = None


_warm_started = threading.Event()
# Set by the launcher's start_warm_up: it warms the personas itself (under a plain ``streamlit run`` the engine
# loader's own idle-time pass, _warm_persona_indexes, is the only one).
_launcher_warms = threading.Event()


def start_warm_up() -> None:
    """At server start (``python -m app_pages.server``): load the models and open the store in the background
    (idempotent, never blocks). The launcher warms the personas itself, so the engine loader does not."""
    _launcher_warms.set()
    if _warm_started.is_set():
        return
    _warm_started.set()
    _engine_loader()
    threading.Thread(target=_open_store_quietly, name="store-opener", daemon=True).start()


def _open_store_quietly() -> None:
    try:
        _process_store()
    except Exception:
        log.exception("opening the store at start failed")


def warm_up() -> None:
    """Start loading the models in the background (idempotent; the first page view calls it)."""
    if st.session_state.get(ENGINE) is None:
        _engine_loader()


def warm_up_progress() -> None:
    """On the gallery: a progress bar while the models load (refreshed every second), nothing once ready."""
    if st.session_state.get(ENGINE) is not None:
        return
    loader = _engine_loader()
    if loader.ready():
        return

    @st.fragment(run_every=1.0)
    def _progress() -> None:
        if loader.ready():
            st.rerun()  # the whole page again: the bar goes, and the fragment stops refreshing
        st.progress(loader.progress, text=_progress_text(loader))

    _progress()


def _progress_text(loader: _EngineLoader) -> str:
    return _("Getting the interviews ready: {stage}…").format(stage=_(loader.stage).lower())


_stopped = threading.Event()


def stop() -> None:
    """The server is stopping: background warm-up leaves at once; waiting turns get one last quick try (the rest
    stay in the outbox for the next start). Idempotent."""
    if _stopped.is_set():
        return
    _stopped.set()
    _STOP.set()
    persistence.close_writers()


def _at_exit() -> None:
    """Under ``streamlit run``: after the server stopped, leave at once (``app_pages.server.exit_now``) instead of
    waiting for the warm-up thread to leave native code during interpreter teardown. Elsewhere (tests): stop()."""
    import sys
    from pathlib import Path

    if Path(sys.argv[0] if sys.argv else "").name == "streamlit_app.py":
        from app_pages.server import exit_now

        exit_now(0)
    stop()


def get_engine():
    """The process-wide Engine; shows a spinner while the models finish loading. Tests inject one via ENGINE."""
    injected = st.session_state.get(ENGINE)
    if injected is not None:
        return injected
    loader = _engine_loader()
    try:
        if not loader.ready():
            with st.spinner(_("Loading the language models — only on the first interview after a restart…")):
                return loader.get()
        return loader.get()
    except Exception:
        _reset_engine_loader()  # the next attempt starts afresh
        log.exception("loading the engine failed")
        st.error(_("The interview models could not be loaded (the server log says why). Reload the page to try "
                   "again."))
        st.stop()


# ------------------------------------------------------------------------------------------------
# The store
# ------------------------------------------------------------------------------------------------


_opened: tuple[InterviewStore, str | None] | None = None
_opened_lock = threading.Lock()


def _process_store() -> tuple[InterviewStore, str | None]:
    """The server's store (opened once, at start or on first use) and its start-up warning; its turn writer
    reserves the outbox and writes back what an earlier run left there."""
    global _opened
    with _opened_lock:
        if _opened is None:
            store, warning = open_store()
            writer = persistence.writer_for(store)
            writer.reserve()
            found = persistence.problem(store, fresh=True)
            if found is not None:
                log.warning("the store at start: %s (%s)", found, found.detail)
            _opened = (persistence.AppStore(store), warning)
            import atexit

            atexit.register(_at_exit)  # at exit (SIGTERM, Ctrl-C): warm-up stops, waiting turns get a last try
        return _opened


def _store() -> tuple[InterviewStore, str | None]:
    return _process_store()


def get_store() -> InterviewStore:
    """The store the pages use: the server's, or the one a test injects (both wrapped in ``AppStore``)."""
    injected = st.session_state.get(STORE)
    if injected is not None:
        wrapped = st.session_state.get("_app_store")
        if wrapped is None or wrapped.inner is not injected:
            wrapped = persistence.AppStore(injected)
            st.session_state["_app_store"] = wrapped
        return wrapped
    return _store()[0]


def raw_store():
    """The store itself, not the page wrapper (for the turn writer and health checks)."""
    store = get_store()
    return store.inner if isinstance(store, persistence.AppStore) else store


def get_writer():
    """The turn writer of the store in use: commits each turn, or queues it while the database is away."""
    return persistence.writer_for(raw_store())


def store_problem():
    """Why the database cannot take writes now (``StoreUnavailable``), or None; probed every few seconds."""
    return persistence.problem(raw_store())


def store_warning() -> str | None:
    """What the practice pages say about the store: memory-only at start, or read-only/full/away now."""
    warning = None if st.session_state.get(STORE) is not None else _store()[1]
    found = store_problem()
    if found is not None:
        note = f"{found} " + _("Practice goes on: each turn is kept on this server and saved to the database as "
                                "soon as it can take it.")
        warning = f"{warning} {note}" if warning else note
    return warning


# ------------------------------------------------------------------------------------------------
# The trainee and their interview; the URL keeps ?trainee=…&sid=… so a reload restores both
# ------------------------------------------------------------------------------------------------


@dataclass
class Live:
    """The interview this browser session is running."""

    sid: str
    persona: Persona
    session: Any  # simulator.engine.Session
    pending: Any = None  # the PendingReply being streamed, finished on the next run if a rerun cut it off


def trainee() -> str | None:
    """The trainee's name: who signed in (accounts mode), else the typed name (local mode)."""
    from app_pages import accounts

    if accounts.mode() == "accounts":
        person = accounts.signed_in()
        return person.name if person is not None else None
    return st.session_state.get(TRAINEE_KEY) or None


def viewer():
    """The ``simulator.identity.Viewer`` of this browser session, or None (see app_pages/accounts.py)."""
    from app_pages import accounts

    return accounts.viewer()


def set_trainee(name: str | None) -> None:
    """Local mode only: the typed name stands for the trainee (accounts mode ignores it)."""
    from app_pages import accounts

    if accounts.mode() == "accounts":
        return
    name = (name or "").strip()[:200] or None
    if name != trainee():
        st.session_state[TRAINEE_KEY] = name
        st.session_state.pop(SID, None)
        st.session_state.pop(LIVE, None)
        sync_url()


def restore_from_url() -> None:
    """After a reload: take the trainee and the session id back from the URL.

    With sign-in on, the URL never names the trainee: only the session id comes back, and the store opens it
    only for the person signed in.
    """
    from app_pages import accounts

    params = st.query_params
    if accounts.mode() == "accounts":
        sid = params.get(SID)
        if SID not in st.session_state and sid and re.fullmatch(r"[0-9a-f]{8,64}", sid):
            st.session_state[SID] = sid
        return
    if TRAINEE_KEY not in st.session_state:
        name = (params.get(TRAINEE_KEY) or "").strip()[:200]
        st.session_state[TRAINEE_KEY] = name or None
        sid = params.get(SID)
        if name and sid and re.fullmatch(r"[0-9a-f]{8,64}", sid):
            st.session_state[SID] = sid


def url_params() -> dict[str, str]:
    from app_pages import accounts

    if accounts.mode() == "accounts":
        found = {SID: st.session_state[SID]} if trainee() and st.session_state.get(SID) else {}
        return {**found, **ui.url_param()}
    out = dict(ui.url_param())
    if trainee():
        out[TRAINEE_KEY] = trainee()
        if st.session_state.get(SID):
            out[SID] = st.session_state[SID]
    return out


def sync_url() -> None:
    wanted = url_params()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def go(page: str) -> None:
    st.switch_page(page, query_params=url_params())


def load_transcript(sid: str | None) -> Transcript | None:
    """The transcript of ``sid`` if it is this trainee's, else None (and the stale id is forgotten)."""
    if not sid or not trainee():
        return None
    try:
        get_writer().flush(sid)  # turns that waited for the database go in first
        return get_store().load(sid, trainee=trainee())
    except persistence.StoreUnavailable as e:
        log.warning("loading session %s failed: %s (%s)", sid, e, e.detail)
        st.error(persistence.friendly(e), icon=":material/cloud_off:")
        return None
    except (LookupError, PermissionError):
        if st.session_state.get(SID) == sid:
            st.session_state.pop(SID, None)
            st.session_state.pop(LIVE, None)
            sync_url()
        return None


def live_interview() -> Live | None:
    """The running interview: from this browser session, or resumed from the store after a reload."""
    live: Live | None = st.session_state.get(LIVE)
    sid = st.session_state.get(SID)
    if live is not None and live.sid == sid:
        if live.pending is not None and live.pending.persona is None:
            pending, live.pending = live.pending, None
            try:
                pending.finish()  # a rerun cut the stream short; record the reply before anything else
            except (persistence.TurnConflict, persistence.SessionFinished) as e:
                refresh_interview(live, error=e)
        live.pending = None
        return live
    transcript = load_transcript(sid)
    if transcript is None or transcript.ended_at is not None:
        return None
    persona = personas().personas.get(transcript.persona_id)
    if persona is None:
        st.warning(_("The persona of your interview ({persona}) is no longer available.").format(
            persona=md(transcript.persona_id)))
        return None
    with st.spinner(_("Picking up your interview with {name}…").format(name=first_name(persona))):
        session = get_engine().resume(persona, transcript)
    return _attach(sid, persona, session)


def _attach(sid: str, persona: Persona, session) -> Live:
    writer = get_writer()
    # Each turn is committed (or queued durably while the database is away) before it joins the transcript.
    session.on_turn = lambda turn: writer.write(sid, turn)
    live = Live(sid=sid, persona=persona, session=session)
    st.session_state[LIVE] = live
    st.session_state[SID] = sid
    sync_url()
    return live


def start_interview(persona: Persona) -> Live:
    """A new interview with ``persona`` for the current trainee, stored from its opening line on."""
    note_activity()
    record_team()
    engine = get_engine()
    with st.spinner(_("Getting {name} ready…").format(name=first_name(persona))):  # the first interview embeds the persona's topics
        session = engine.start(persona, seed=random.randrange(1_000_000), trainee=trainee())
    try:
        sid = get_store().start_session(trainee(), session.transcript)
    except Exception as e:  # the database is away, full or read-only: say so, keep the gallery
        log.exception("starting an interview failed")
        st.error(_("The interview could not be started.") + f" {persistence.friendly(e)}", icon=":material/cloud_off:")
        st.stop()
    return _attach(sid, persona, session)


def refresh_interview(live: Live, unsent: str | None = None, error: BaseException | None = None) -> None:
    """Another tab (or server) went on with this interview: take the stored transcript, tell the trainee, rerun.

    Nothing is lost: what the stale tab was sending is shown back to the trainee, and the conversation on screen
    is the stored one."""
    writer = get_writer()
    writer.forget(live.sid)
    st.session_state.pop(LIVE, None)
    from simulator.store import SessionFinished

    if isinstance(error, SessionFinished):
        note = _("This interview was ended in another tab or window.")
    else:
        note = _("This interview went on in another tab or window, so this page now shows the saved conversation "
                 "and continues from there.")
    if unsent:
        note += " " + _("What you were sending here was not sent: {text}").format(text=quote(shorten(unsent, 300)))
    st.session_state[NOTICE] = note
    st.rerun()


NOTICE = "interview_notice"


def record_team() -> None:
    """A signed-in trainee's team goes into the store before they save anything, so their coaches see it."""
    from app_pages import accounts

    accounts.record_team(get_store())


def identity_box() -> None:
    """Who is practising: "Signed in as …" with sign-out (accounts mode), or the typed name (local mode)."""
    from app_pages import accounts

    if accounts.mode() == "accounts":
        person = accounts.signed_in()
        if person is None:
            return
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            team = " · " + _("team {team}").format(team=md(person.team)) if person.team else ""
            st.markdown(_("Signed in as **{name}**").format(name=md(person.name)) + team)
            if st.button(_("Sign out"), key="account_sign_out", type="tertiary", icon=":material/logout:"):
                accounts.sign_out()
                st.rerun()
        return
    if NAME_WIDGET not in st.session_state:
        st.session_state[NAME_WIDGET] = trainee() or ""
    st.text_input(
        _("Your name"), key=NAME_WIDGET, on_change=lambda: set_trainee(st.session_state[NAME_WIDGET]),
        max_chars=200, placeholder=_("e.g. Ana Souza"),
        help=_("Identifies your interviews, so you and your coach can find them again."),
    )
    st.caption(":material/info: " + _("A typed name is for one person practising on their own: anyone who types "
                                      "the same name sees those interviews. For a team, whoever runs the app sets "
                                      "up sign-in (README, “Sign-in for a team”)."))


NAME_WIDGET = "trainee_name_input"


def new_feedback() -> dict[str, int]:
    """``{session id: number of new coach labels and comments}`` for the trainee's own sessions ({} if none)."""
    person = viewer()
    counter = getattr(get_store(), "new_feedback", None)
    if person is None or counter is None:
        return {}
    try:
        return counter(person)
    except Exception:  # feedback markers must never take a practice page down
        log.exception("counting new feedback failed")
        return {}


# A persona picked on the gallery, started by the interview page (``request_start``/``pending_start``).
PENDING_START = "pending_start"


def request_start(persona: Persona, *, resume_sid: str | None = None) -> None:
    """From the gallery: open the interview page at once, which starts (or resumes) the interview there.

    The gallery never waits for the models or the persona's topics itself: while the models load, its progress
    bar refreshes itself every second, and a click that then waited minutes on the gallery before switching pages
    could land on a blank interview page (a refresh of the gallery's bar arriving after the switch). The
    interview page has no such refresh: it shows its heading, waits with a progress bar, then starts."""
    note_activity()
    if resume_sid:
        st.session_state[SID] = resume_sid
        st.session_state.pop(PENDING_START, None)
    else:
        st.session_state[PENDING_START] = persona.id
        st.session_state.pop(SID, None)
    st.session_state.pop(LIVE, None)
    go(INTERVIEW)


def pending_start() -> Persona | None:
    """The persona the gallery asked the interview page to start (None when nothing waits, or it is gone)."""
    wanted = st.session_state.get(PENDING_START)
    return personas().personas.get(wanted) if wanted else None


def wait_for_models() -> None:
    """On the interview page: a progress bar until the models are ready (none when they are). The page's own
    run waits, so nothing refreshes on a timer meanwhile; a click elsewhere interrupts the wait as usual."""
    if st.session_state.get(ENGINE) is not None:
        return
    loader = _engine_loader()
    if loader.ready():
        return
    bar = st.progress(loader.progress, text=_progress_text(loader))
    while not loader.ready():
        time.sleep(0.25)
        bar.progress(loader.progress, text=_progress_text(loader))
    bar.empty()


def end_interview(live: Live) -> bool:
    """Finish the interview in the store with its final metrics; False (and a message) if that failed."""
    writer = get_writer()
    if not writer.flush(live.sid, force=True):  # every turn goes in before the session is closed
        st.warning(_("Some turns are still waiting to be saved, so the interview stays open for now. End it again "
                     "once the database is back."), icon=":material/cloud_off:")
        return False
    try:
        get_store().finish_session(live.sid, metrics=session_metrics(live.session.transcript))
    except Exception as e:
        log.exception("finishing session %s failed", live.sid)
        st.error(_("The interview could not be closed.") + f" {persistence.friendly(e)} " + _("Try again in a moment."))
        return False
    st.session_state.pop(LIVE, None)
    st.session_state[SID] = live.sid
    return True


# ------------------------------------------------------------------------------------------------
# Metrics
# ------------------------------------------------------------------------------------------------


def session_metrics(transcript: Transcript) -> dict[str, Any]:
    """``scoring.metrics.compute_metrics`` as a plain dict (what the store keeps and the report reads)."""
    return scoring_metrics.compute_metrics(transcript).to_dict()


def reference(metric: str) -> dict[str, Any]:
    """scoring.metrics.REFERENCE_LINES[metric]: {"fair", "good", "higher_is_better", "label"}, or {}."""
    return dict(scoring_metrics.REFERENCE_LINES.get(metric) or {})


def rq_reference_lines() -> list[dict[str, Any]]:
    """[{"value": 1.0, "name": "1:1 fair"}, ...]: the coach reference lines for reflections per question."""
    ref = reference("rq_ratio")
    names = {"fair": _("fair"), "good": _("good")}
    return [{"value": float(ref[k]), "name": f"{ui.decimal(ref[k], 0 if float(ref[k]).is_integer() else 1)}:1 {names[k]}"}
            for k in ("fair", "good") if k in ref]


def reference_lines() -> list[str]:
    """The coach reference lines, one sentence each."""
    lines = []
    for name, ref in scoring_metrics.REFERENCE_LINES.items():
        label = _(str(ref.get("label") or name))
        if not re.search(r"\d", label) and "fair" in ref and "good" in ref:
            label += " " + _("(fair: {fair}, good: {good})").format(fair=f"{ref['fair']:g}", good=f"{ref['good']:g}")
        lines.append(label)
    return lines


def score_formula() -> str:
    """The score's formula (scoring.metrics.SCORE_FORMULA), in the interface language."""
    return _(scoring_metrics.SCORE_FORMULA)


def formula_markdown() -> str:
    """SCORE_FORMULA (our own text, lines starting with "- " are parts) as Markdown, every text escaped."""
    paragraphs, items = [], []
    for line in score_formula().splitlines():
        if line.startswith("- "):
            items.append(f"- {md(line[2:])}")
        elif line.strip():
            if items:
                paragraphs.append("\n".join(items))
                items = []
            paragraphs.append(md(line))
    if items:
        paragraphs.append("\n".join(items))
    return "\n\n".join(paragraphs)


def label_points(label: str) -> str:
    """What one turn with this label does to the question-craft part of the score, e.g. "+4 points"."""
    if label == "silence":
        points = scoring_metrics.SILENCE_POINTS
        return _("{points} when well placed, {other} otherwise").format(
            points=_points(points['well_placed']), other=f"{points['other']:+d}")
    value = scoring_metrics.TURN_POINTS.get(label)
    if value is None:
        return ""
    return _("no points (not counted)") if value == 0 else _points(value)


def flag_points(flag: str) -> str:
    value = scoring_metrics.FLAG_POINTS.get(flag)
    return _("{points}, on top of the label").format(points=_points(value)) if value else ""


def _points(value: int) -> str:
    return ui.ngettext("{n} point", "{n} points", abs(value)).format(n=f"{value:+d}")


def shorten(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# ------------------------------------------------------------------------------------------------
# Streaming at a human pace
# ------------------------------------------------------------------------------------------------

SECONDS_PER_WORD = 0.012
MAX_ADDED_DELAY = 0.4


def paced(chunks: Iterable[str], *, per_word: float = SECONDS_PER_WORD, budget: float = MAX_ADDED_DELAY,
          sleep=time.sleep) -> Iterator[str]:
    """The reply's chunks, escaped for Markdown, with a few ms per word and at most ``budget`` seconds added.

    The first chunk goes out at once: the pace only spreads the rest, it never holds the reply back.
    """
    first = True
    for chunk in chunks:
        if not first and budget > 0:
            pause = min(budget, per_word * max(1, len(chunk.split())))
            sleep(pause)
            budget -= pause
        first = False
        yield md(chunk) if chunk.strip() else chunk
