"""Glue for the practice features on the pages: "Ask differently" (rewind and branch), the discussion guide
beside the chat, and what the Drills, Guide and Compare pages share.

The domain lives in ``simulator.branching``, ``scoring.guide``, ``scoring.drills`` and the store's practice
methods (``simulator.practice_store``); this module only connects them to Streamlit.
"""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

from app_pages import common
from app_pages import i18n as ui
from app_pages.common import md
from app_pages.i18n import _
from simulator.transcript import TRAINEE, Transcript, Turn

log = logging.getLogger(__name__)

# Page files, as registered in streamlit_app.py.
GUIDE = "app_pages/guide.py"
DRILLS = "app_pages/drills.py"
BRANCH = "app_pages/branch.py"

# Session-state keys.
COMPARE_SID = "compare_sid"  # the branch the Compare page shows
GUIDE_CACHE = "guide_cache"  # sid -> the guide dict (None when the session has none)
BRANCH_CACHE = "branch_cache"  # sid -> {"parent_id", "branch_point", "question", "label"} or None
BRANCHABLE = "branchable"  # sid -> whether "Ask differently" applies (a practice interview, persona known)
VECTORS = "guide_vectors"  # text -> embedding, so ticking off the guide embeds each text once


def name_box() -> None:
    """Who is practising: the app's identity box where it has one, else the typed name."""
    box = getattr(common, "identity_box", None)
    if box is not None:
        box()
        return
    key = "trainee_name_input"
    if key not in st.session_state:
        st.session_state[key] = common.trainee() or ""
    st.text_input(_("Your name"), key=key, on_change=lambda: common.set_trainee(st.session_state[key]), max_chars=200,
                  placeholder=_("e.g. Ana Souza"))


def _store_can(name: str) -> bool:
    return callable(getattr(common.get_store(), name, None))


# ------------------------------------------------------------------------------------------------
# Rewind and branch
# ------------------------------------------------------------------------------------------------


def ask_differently_button(sid: str | None, turn: Turn) -> None:
    """The "Ask differently" control under one of the trainee's turns: restart the interview at that turn."""
    if not sid or turn.speaker != TRAINEE or not _store_can("start_branch") or not _branchable(sid):
        return
    if st.button(_("Ask differently"), key=f"reask-{turn.index}", type="tertiary", icon=":material/undo:",
                 help=_("Go back to just before this turn, with the customer as they were then, and ask "
                        "something else. Your interview stays as it is; you can compare the two afterwards.")):
        ask_differently(sid, turn.index)


def _branchable(sid: str) -> bool:
    """A practice interview with a persona that is still there (an imported transcript has no customer to ask)."""
    cache = st.session_state.setdefault(BRANCHABLE, {})
    if sid not in cache:
        transcript = common.load_transcript(sid)
        cache[sid] = bool(transcript is not None and transcript.source == "practice"
                          and transcript.persona_id in common.personas().personas)
    return cache[sid]


def ask_differently(sid: str, turn_index: int) -> None:
    """Branch the trainee's session ``sid`` at trainee turn ``turn_index`` and open the branch in the interview."""
    from simulator.branching import BranchError, start_branch

    original = common.load_transcript(sid)
    if original is None:
        st.error(_("That interview is not available any more."))
        return
    persona = common.personas().personas.get(original.persona_id)
    if persona is None:
        st.error(_("The persona of that interview ({persona}) is no longer available.").format(
            persona=md(original.persona_id)))
        return
    store = common.get_store()
    try:
        if original.ended_at is None:
            # The original is kept as it stands, finished, so the comparison has its score.
            store.finish_session(sid, metrics=common.session_metrics(original))
        with st.spinner(_("Taking {name} back to turn {n}…").format(name=common.first_name(persona), n=turn_index)):
            session = start_branch(common.get_engine(), persona, original, turn_index)
        branch_sid = store.start_branch(common.trainee(), session.transcript, parent_id=sid,
                                        branch_point=turn_index)
        guide = store.guide(sid, trainee=common.trainee()) if _store_can("guide") else None
        if guide:
            store.set_guide(branch_sid, guide, trainee=common.trainee())
    except BranchError as e:
        st.error(md(str(e)))
        return
    except Exception as e:  # the store or the engine failed: say so, keep the page
        log.exception("branching session %s at turn %s failed", sid, turn_index)
        st.error(_("Could not go back to turn {n} ({why}). Try again.").format(
            n=turn_index, why=f"{md(type(e).__name__)}: {md(e)}"))
        return
    st.session_state.pop(common.LIVE, None)
    common._attach(branch_sid, persona, session)
    common.go(common.INTERVIEW)


def branch_info(sid: str | None) -> dict[str, Any] | None:
    """{"parent_id", "branch_point", "question", "label"} when ``sid`` is a branch, else None (cached)."""
    if not sid or not _store_can("branch_of"):
        return None
    cache = st.session_state.setdefault(BRANCH_CACHE, {})
    if sid not in cache:
        info = None
        try:
            link = common.get_store().branch_of(sid, trainee=common.trainee())
            if link:
                parent = common.load_transcript(link["parent_id"])
                point = link["branch_point"]
                turn = parent.turns[point] if parent is not None and point < len(parent.turns) else None
                info = {**link, "question": turn.display_text if turn else "",
                        "label": turn.label if turn else None}
        except Exception:  # a missing link must never take the page down
            log.exception("reading the branch of session %s failed", sid)
        cache[sid] = info
    return cache[sid]


def branch_banner(sid: str | None, transcript: Transcript) -> None:
    """On the interview page of a branch: which turn is being asked differently, and what was asked before."""
    info = branch_info(sid)
    if not info:
        return
    point = info["branch_point"]
    asked_again = any(t.speaker == TRAINEE and t.index >= point for t in transcript.turns)
    badge = common.label_badge(info.get("label"))[0] if info.get("label") else ""
    text = (_("You went back to turn {n}. Before, you asked: {question}").format(
        n=point, question=common.quote(common.shorten(info['question'], 140)))
            + (f" ({md(badge)})" if badge else "") + "  \n")
    text += (_("End the interview to compare both versions.") if asked_again
             else _("Ask it differently below; the customer is where they were at that point."))
    st.info(text, icon=":material/alt_route:")


def report_links(sid: str | None) -> None:
    """On the report: compare a branch with its original, or the original with its branches."""
    if not sid:
        return
    info = branch_info(sid)
    if info:
        with st.container(horizontal=True, vertical_alignment="center", gap="small", key="branch-of"):
            st.markdown(":material/alt_route: " + _("This interview asks turn {n} differently.").format(
                n=info['branch_point']))
            if st.button(_("Compare with the original"), key="compare-original", type="primary",
                         icon=":material/compare_arrows:"):
                open_comparison(sid)
        return
    if not _store_can("branches"):
        return
    try:
        children = common.get_store().branches(sid, trainee=common.trainee())
    except Exception:
        log.exception("listing the branches of session %s failed", sid)
        return
    finished = [b for b in children if b.get("ended_at") is not None]
    if finished:
        st.markdown(":material/alt_route: " + ui.ngettext(
            "You asked this interview differently {n} time.", "You asked this interview differently {n} times.",
            len(finished)).format(n=len(finished)))
        with st.container(horizontal=True, gap="small"):
            for b in finished[-5:]:
                if st.button(_("Compare: turn {n}").format(n=b['branch_point']), key=f"compare-{b['id']}",
                             icon=":material/compare_arrows:"):
                    open_comparison(b["id"])


def open_comparison(branch_sid: str) -> None:
    st.session_state[COMPARE_SID] = branch_sid
    common.go(BRANCH)


# ------------------------------------------------------------------------------------------------
# The discussion guide beside the chat
# ------------------------------------------------------------------------------------------------


def session_guide(sid: str | None) -> dict[str, Any] | None:
    if not sid or not _store_can("guide"):
        return None
    cache = st.session_state.setdefault(GUIDE_CACHE, {})
    if sid not in cache:
        try:
            cache[sid] = common.get_store().guide(sid, trainee=common.trainee())
        except Exception:
            log.exception("reading the guide of session %s failed", sid)
            cache[sid] = None
    return cache[sid]


def attach_guide(sid: str, guide: dict[str, Any]) -> None:
    common.get_store().set_guide(sid, guide, trainee=common.trainee())
    st.session_state.setdefault(GUIDE_CACHE, {})[sid] = guide


def _encoder(language: str):
    """The engine's embedder for ``language`` with a per-browser-session cache, or None while it loads."""
    engine = st.session_state.get(common.ENGINE)
    if engine is None:
        try:
            loader = common._engine_loader()
            if not loader.ready():
                return None
            engine = loader.get()
        except Exception:
            return None
    try:
        embedder = engine.embedder_for(language)
    except Exception:
        return None
    cache: dict[str, Any] = st.session_state.setdefault(VECTORS, {})

    def encode(texts):
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            for text, vector in zip(missing, embedder.encode(missing)):
                cache[text] = vector
        return np.stack([cache[t] for t in texts])

    return encode


def guide_sidebar(sid: str | None, transcript: Transcript) -> None:
    """The guide the trainee took into this interview, each question ticked off once asked."""
    from scoring.guide import GuideItem, match_asked

    guide = session_guide(sid)
    if not guide or not guide.get("items"):
        return
    items = [GuideItem(number=int(i.get("number", n + 1)), text=str(i.get("text", "")), section=i.get("section"))
             for n, i in enumerate(guide["items"]) if isinstance(i, dict)]
    asked = [(t.index, t.text) for t in transcript.trainee_turns if not t.is_silence]
    language = transcript.language or "en"
    try:
        done = match_asked(items, asked, language=language, encode=_encoder(language))
    except Exception:  # ticking off is a help, never a reason to lose the page
        log.exception("matching the guide failed")
        done = {}
    with st.expander(_("Your guide · {done} of {total} asked").format(done=len(done), total=len(items)),
                     expanded=True, icon=":material/checklist:"):
        lines = []
        for item in items:
            if item.number in done:
                lines.append(f"{common.GOOD} {md(item.text)} :small[:gray[— "
                             + _("asked in turn {n}").format(n=done[item.number]) + "]]")
            else:
                lines.append(f"○ {md(item.text)}")
        with st.container(key="guide-sidebar"):
            st.markdown("  \n".join(lines))
