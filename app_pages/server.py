"""Start the app with its models loading at once: ``python -m app_pages.server [streamlit run flags]``.

``streamlit run streamlit_app.py`` runs a page only when a browser connects, so its models would load on the first
page view and the first interview would wait for them. This launcher starts the same server in the same process
and, beside it, a daemon thread that (as soon as Streamlit has read its configuration) imports the app, opens the
store (writing back turns an earlier run left in the outbox) and loads the engine, then builds the personas' topics
(:func:`warm_personas`: English first, the most used first, all of them back to back until the first trainee shows
up, then one at a time in quiet spells) and rehearses a short interview in memory. The gallery shows the warm-up's
progress. What the warm-up embeds is kept on disk for the next start (``simulator/embeddings.py``), and its objects
are frozen out of the garbage collector's sight; Streamlit's full collection after every page run is off
(:data:`DEFAULT_FLAGS`).

SIGTERM and Ctrl-C stop it as they stop ``streamlit run``: Streamlit's handler ends the server; then every turn is
already committed (or in the fsync'd outbox), waiting turns get one last quick try, and the process exits at once
(``os._exit``) rather than waiting for the warm-up thread to leave native code (spaCy, torch) during interpreter
teardown, which took seconds and could abort in a native library.

It also adds two routes to Streamlit's web server (Starlette), for the passcode sign-ins' session cookie
(``app_pages/browser_session.py``): ``POST /_auth/session`` and ``POST /_auth/signout``. Each takes a one-time
code the page got after a sign-in or a sign-out (``{"code": "…"}``) and answers with the ``Set-Cookie`` that
stores or clears the signed token (HttpOnly, SameSite=Lax, Secure over https). A request must carry the
``X-Interview-Sim`` header and, when it says where it comes from, come from the app's own origin, so another site
can neither sign a browser in nor out. Under a plain ``streamlit run streamlit_app.py`` the routes are absent
and a passcode sign-in lasts for the browser tab.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"
# Named, not ``__name__``: run as ``python -m app_pages.server`` this module is ``__main__``, whose messages (each
# persona ready, the rehearsal) would miss the app's log handler (_log_to_stderr).
log = logging.getLogger("app_pages.server")


def _wait_for_server(timeout_s: float = 60.0) -> None:
    """Until Streamlit's runtime serves (or ``timeout_s``): warming up beside a starting server slows both."""
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        runtime = getattr(sys.modules.get("streamlit.runtime.runtime"), "Runtime", None)  # None while importing
        if runtime is not None and runtime.exists():
            state = runtime.instance().state.name
            if state in ("NO_SESSIONS_CONNECTED", "ONE_OR_MORE_SESSIONS_CONNECTED"):
                return
            if state in ("STOPPING", "STOPPED"):
                return
        time.sleep(0.05)


# The warm-up's threads: what they embed (the classifier's examples, the personas' lines, never a trainee's words)
# is kept on disk, so the next start reads it instead of running the model (simulator/embeddings.py).
WARM_THREADS = ("warm-up", "engine-loader")
# Personas warmed right after the models whatever trainees do: the likeliest first interview(s).
WARM_FIRST = 1
# Any other persona waits until no page has run and no interview has done anything for this long: a trainee's
# turn never waits for a persona nobody opened.
WARM_REST_AFTER_IDLE_S = 15.0
USAGE_DAYS = 30


def _warm() -> None:
    try:
        from simulator import embeddings

        embeddings.persist_in_threads(*WARM_THREADS)
        _wait_for_config()
        # lemminflect is imported here, before another thread can reach it: simulator.nlp.lemminflect() hands out
        # the module from sys.modules, and a thread that finds it there while another is still importing it gets a
        # half-made module (AttributeError: ... has no attribute 'getAllLemmas').
        import_word_forms()
        # The first persona's index needs spaCy and lemminflect's tables (seconds of imports and reading): loaded
        # beside the sentence model instead of after it, so the likeliest first interview is ready sooner. Not
        # earlier: while Streamlit itself is still importing, it would only slow the server's start.
        threading.Thread(target=load_language_tools, name="nlp-loader", daemon=True).start()
        from app_pages import common

        common.start_warm_up()  # the models; the personas are warmed here (warm_personas), not by the loader
        # The time of our own start, so warm_personas can tell a trainee's activity from it.
        common.note_activity()
        ours = common._last_activity
        engine = common._engine_loader().get()
        freeze_heap()
        warm_personas(engine, common, ours=ours)
        embeddings.flush_disk_vectors()
    except Exception:  # the first page view tries again and shows what went wrong
        log.exception("warming up at start failed")


def import_word_forms() -> None:
    """Import lemminflect (the module, without its tables or spaCy) in this thread, now."""
    try:
        from simulator import nlp

        nlp.lemminflect()
    except Exception:  # not installed: the word-level fallbacks apply
        log.debug("importing lemminflect at start failed", exc_info=True)


def load_language_tools() -> bool:
    """Load the English pipeline (spaCy) and lemminflect's word-form tables now; whether the pipeline loaded.

    Nothing else waits for this: a persona's index or a reply that needs them first takes the same module lock
    and finds them loaded (or waits for the load under way)."""
    try:
        from simulator import nlp

        loaded = nlp.load() is not None
        nlp.inflect("order", "VBD")
        nlp.verb_lemma("ordered")
        return loaded
    except Exception:  # the persona build loads what it needs, and says what failed
        log.debug("loading the language tools at start failed", exc_info=True)
        return False


def _wait_for_config(timeout_s: float = 60.0) -> None:
    """Until Streamlit has read its configuration (its runtime exists), so the app's settings and secrets are
    the server's: the models start loading while the web server is still starting."""
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        runtime = getattr(sys.modules.get("streamlit.runtime.runtime"), "Runtime", None)
        if runtime is not None and runtime.exists():
            return
        time.sleep(0.02)


def freeze_heap() -> None:
    """Move every object alive now (models, indexes, caches: the warm-up's) out of the garbage collector's sight.

    Streamlit runs a full collection after every page run (``runner.postScriptGC``); over the models' objects
    that took ~220 ms per run, the GIL held, more than half the server's CPU with 20 trainees. Frozen objects are
    still freed when nothing refers to them; only cycles among them stay, and the warm-up leaves none (collected
    first)."""
    import gc

    gc.collect()
    gc.freeze()


# A few turns of every kind, asked once at start: what a first interview loads on its first questions (word forms,
# rewrite patterns, the classifier's paths) is loaded then, not while a trainee waits.
REHEARSAL = (
    "Tell me about the last time you did that.",
    "Do you usually do it on your own?",
    "Did you like it?",
    "So it sounds like that was frustrating.",
    None,  # a silence
    "Why was that important to you?",
)


def rehearse(engine, persona, questions=REHEARSAL) -> int:
    """Run a short interview with ``persona`` in memory (nothing stored); returns the turns answered."""
    answered = 0
    try:
        from simulator import nlp

        # lemminflect's word-form tables (~2 s to read), which only some rewrites open.
        nlp.inflect("order", "VBD")
        nlp.verb_lemma("ordered")
    except Exception:
        log.debug("loading the word-form tables failed", exc_info=True)
    try:
        session = engine.start(persona, seed=0, trainee=None)
        for question in questions:
            session.ask(question)
            answered += 1
    except Exception:  # a rehearsal that fails costs nothing: the real first question loads what it needs
        log.exception("rehearsing an interview with %s failed", getattr(persona, "id", persona))
    return answered


# Modules a page imports on first use, in the middle of a trainee's first reply: st.write_stream checks whether
# what it streams is a data frame, which imports pandas (and pyarrow's compute functions): ~0.5 s.
PAGE_MODULES = ("pandas",)


def preload_page_modules(names=PAGE_MODULES) -> list[str]:
    """Import ``names`` now (those that are installed); returns the ones imported."""
    import importlib

    done = []
    for name in names:
        try:
            importlib.import_module(name)
            done.append(name)
        except Exception:  # not installed, or broken: the page copes as it would have
            log.debug("preloading %s failed", name, exc_info=True)
    return done


def _flush_vectors() -> None:
    try:
        from simulator import embeddings

        embeddings.flush_disk_vectors()
    except Exception:  # a cache that cannot be written is skipped
        log.debug("writing the embedding cache failed", exc_info=True)


def pages_running() -> bool:
    """Whether a page is running for some browser now (Streamlit runs each page in its own script thread)."""
    return any(t.name == "ScriptRunner.scriptThread" for t in threading.enumerate())


def persona_order(personas, usage: dict[str, int] | None = None) -> list:
    """Personas in the order to warm them: English ones first (their models are loaded already), the most used
    lately first, then as the gallery lists them (easy to hard, by name)."""
    usage = usage or {}
    levels = ["easy", "medium", "hard"]

    def key(p):
        english = (p.language or "en").split("-")[0].lower() == "en"
        level = levels.index(p.difficulty) if p.difficulty in levels else len(levels)
        return (not english, -usage.get(p.id, 0), level, p.name)

    return sorted(personas, key=key)


def persona_usage(store, ids, days: int = USAGE_DAYS) -> dict[str, int]:
    """Sessions per persona in the last ``days`` days ({} when the store cannot say)."""
    import time

    inner = getattr(store, "inner", store)
    usage: dict[str, int] = {}
    try:
        since = time.time() - days * 86400
        for persona_id in ids:
            usage[persona_id] = int(inner.list_sessions(persona=persona_id, since=since, limit=1)[1])
    except Exception as e:  # the database is away: the gallery's order
        log.info("persona usage not read (%s): warming in the gallery's order", e)
        return {}
    return usage


def warm_personas(engine, common, *, first: int = WARM_FIRST, idle_s: float = WARM_REST_AFTER_IDLE_S,
                  stopping=None, usage: dict[str, int] | None = None, ours: float | None = None) -> list[str]:
    """Build the personas' topic indexes in :func:`persona_order`: back to back until the first trainee shows up
    (a page runs, or an interview does something), then the ``first`` likeliest at once and each next one only
    once no page has run and no interview has done anything for ``idle_s`` seconds (a trainee's own persona is
    built by their page at once; it never waits behind one nobody opened). Returns the ids built, in order;
    leaves at once when the server stops."""
    import time

    stop = stopping or getattr(common, "_STOP", None) or threading.Event()
    found = list(common.load_personas().personas.values())
    if usage is None:
        try:
            usage = persona_usage(common._process_store()[0], [p.id for p in found])
        except Exception:
            usage = {}
    if ours is None:  # the activity time our own note_activity() set at start: not a trainee's
        ours = getattr(common, "_last_activity", 0.0)
    built: list[str] = []
    started = time.monotonic()
    trainees = False  # until the first page runs, nobody waits: every persona is built back to back
    for n, persona in enumerate(persona_order(found, usage)):
        if stop.is_set():
            break
        trainees = trainees or pages_running() or getattr(common, "_last_activity", 0.0) > ours
        if n >= first and trainees:
            quiet_since = time.monotonic()
            while True:
                last = getattr(common, "_last_activity", 0.0)
                if pages_running():
                    quiet_since = time.monotonic()
                elif (last <= ours or time.monotonic() - last >= idle_s) and time.monotonic() - quiet_since >= idle_s:
                    break
                if stop.wait(0.25):
                    return built
        if stop.is_set():
            break
        try:
            engine.prepare(persona)
        except Exception:  # a broken persona shows up on the gallery, not here
            log.exception("warming persona %s failed", persona.id)
            continue
        built.append(persona.id)
        log.info("persona %s ready %.1f s after the models", persona.id, time.monotonic() - started)
        if n == 0:
            rehearse(engine, persona)
            preload_page_modules()
            log.info("first interview rehearsed with %s %.1f s after the models", persona.id,
                     time.monotonic() - started)
        _flush_vectors()  # what it embedded is on disk for the next start, even if this one stops soon
        freeze_heap()  # its index too: it lives as long as the server
    return built


def _log_to_stderr() -> None:
    """The app's own messages (warm-up progress, store problems) in the server log, at INFO."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("app_pages", "simulator"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            logger.propagate = False


# ------------------------------------------------------------------------------------------------
# The session-cookie routes
# ------------------------------------------------------------------------------------------------

BODY_MAX = 1024


def _secure(request, forced: bool) -> bool:
    """Whether the cookie gets ``Secure``: configured so, or the page came over https (here or at the proxy)."""
    if forced or request.url.scheme == "https":
        return True
    forwarded = (request.headers.get("x-forwarded-proto") or "").split(",")[0].strip().lower()
    return forwarded == "https"


def _same_origin(request) -> bool:
    """The request names no other host than the app's own (a browser sends ``Origin`` with a POST).

    Host names only: a proxy passing ``Host $host`` drops a port the browser still puts in ``Origin``. The
    ``X-Interview-Sim`` header is what keeps other sites out; this is a second lock.
    """
    from urllib.parse import urlsplit

    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = (request.headers.get("x-forwarded-host") or request.headers.get("host") or "").split(",")[0].strip()
    try:
        return bool(host) and urlsplit(origin).hostname == urlsplit("//" + host).hostname
    except ValueError:
        return False


async def _code(request) -> str | None:
    body = await request.body()
    if len(body) > BODY_MAX:
        return None
    try:
        code = json.loads(body or b"{}").get("code")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, str) else None


def auth_routes(base_url: str) -> list:
    """The Starlette routes that set and clear the sign-in cookie (see the module docstring)."""
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route
    from streamlit.url_util import make_url_path

    from app_pages import browser_session

    path = "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"
    headers = {"Cache-Control": "no-store"}

    async def refuse() -> Response:
        return JSONResponse({"ok": False}, status_code=403, headers=headers)

    async def set_session(request) -> Response:
        if request.headers.get(browser_session.HEADER) != "1" or not _same_origin(request):
            return await refuse()
        action = browser_session.CODES.redeem(await _code(request))
        if not isinstance(action, dict) or action.get("route") != browser_session.SET_ROUTE:
            return JSONResponse({"ok": False}, headers=headers)  # used, expired or unknown: nothing to do
        response = JSONResponse({"ok": True}, headers=headers)
        response.set_cookie(action["cookie"], action["token"], max_age=int(action["max_age"]), path=path,
                            secure=_secure(request, bool(action.get("secure"))), httponly=True, samesite="lax")
        return response

    async def sign_out(request) -> Response:
        if request.headers.get(browser_session.HEADER) != "1" or not _same_origin(request):
            return await refuse()
        action = browser_session.CODES.redeem(await _code(request))
        if not isinstance(action, dict) or action.get("route") != browser_session.SIGNOUT_ROUTE:
            return JSONResponse({"ok": False}, headers=headers)
        signer = browser_session.tokens()
        response = JSONResponse({"ok": True}, headers=headers)
        for name in action.get("cookies", []):
            # The token this browser holds is revoked too: a tab that took its identity from it is signed out.
            claims = signer.verify(request.cookies.get(name)) if signer is not None else None
            if claims is not None:
                signer.revoke(claims.sid, claims.expires_at)
            response.delete_cookie(name, path=path, secure=_secure(request, False), httponly=True,
                                   samesite="lax")
        return response

    return [
        Route(make_url_path(base_url, browser_session.SET_ROUTE), set_session, methods=["POST"]),
        Route(make_url_path(base_url, browser_session.SIGNOUT_ROUTE), sign_out, methods=["POST"]),
    ]


def install_auth_routes() -> bool:
    """Add :func:`auth_routes` to the web server Streamlit is about to build; False where it cannot."""
    try:
        from streamlit import config
        from streamlit.web.server.starlette import starlette_app
    except ImportError:
        log.warning("this Streamlit has no Starlette server: a passcode sign-in lasts for the browser tab")
        return False
    original = starlette_app.create_streamlit_routes
    if getattr(original, "_interview_sim", False):
        return True

    def create_streamlit_routes(runtime):
        from app_pages import browser_session

        # Ahead of Streamlit's own: its last route serves the app's pages for any other path.
        routes = auth_routes(config.get_option("server.baseUrlPath") or "") + list(original(runtime))
        browser_session.ROUTES_INSTALLED = True
        return routes

    create_streamlit_routes._interview_sim = True  # type: ignore[attr-defined]
    starlette_app.create_streamlit_routes = create_streamlit_routes
    return True


def main(argv: list[str] | None = None) -> None:
    _log_to_stderr()
    install_auth_routes()
    threading.Thread(target=_warm, name="warm-up", daemon=True).start()
    from streamlit.web import cli

    flags = list(sys.argv[1:] if argv is None else argv)
    sys.argv = ["streamlit", "run", str(APP), *default_flags(flags), *flags]
    code: int = 0
    try:
        cli.main()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except KeyboardInterrupt:
        code = 130
    exit_now(code)


# Streamlit's defaults this server changes (a flag or config.toml setting of the same option wins).
DEFAULT_FLAGS = {
    # Streamlit collects all garbage after every page run (gc.collect(2)): over the models' objects that is
    # ~0.2 s with the GIL held per run, more than half the server's CPU with 20 trainees. Python's own collector
    # still runs; the warm-up's objects are frozen out of its sight (freeze_heap).
    "runner.postScriptGC": "false",
}


def default_flags(flags: list[str]) -> list[str]:
    """``--option value`` for each of :data:`DEFAULT_FLAGS` that neither ``flags`` nor a config file sets."""
    out: list[str] = []
    for option, value in DEFAULT_FLAGS.items():
        if any(f == "--" + option or f.startswith("--" + option + "=") for f in flags) or _configured(option):
            continue
        out += ["--" + option, value]
    return out


def _configured(option: str) -> bool:
    """Whether a Streamlit config file (the project's or the user's) sets ``option`` ("section.name")."""
    import tomllib

    section, name = option.split(".", 1)
    for path in (Path.home() / ".streamlit" / "config.toml", Path.cwd() / ".streamlit" / "config.toml",
                 APP.parent / ".streamlit" / "config.toml"):
        try:
            if name in tomllib.loads(path.read_text(encoding="utf-8")).get(section, {}):
                return True
        except (OSError, ValueError):
            continue
    return False


def exit_now(code: int = 0) -> None:
    """Leave now: the server has stopped, so only waiting turns (one last try) and log buffers matter."""
    stop = getattr(sys.modules.get("app_pages.common"), "stop", None)  # None while the app is still importing
    if stop is not None:
        try:
            stop()
        except Exception:
            log.exception("stopping cleanly failed")
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(code)


if __name__ == "__main__":
    main()
