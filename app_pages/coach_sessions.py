"""The coach's session list: filter, sort, page through the team's sessions, see which are reviewed, open one.

Every filter and the sort live in the address (``?coach_f_review=unreviewed&coach_f_sort=score``…), so the
browser's Back button, a reload and a shared link all show the same list; the session page's "All sessions"
returns to it as it was.
"""

import math
from datetime import date, datetime

import pandas as pd
import streamlit as st

from app_pages import coach_common, common
from app_pages import i18n as ui
from app_pages.i18n import N_, _
from simulator import i18n as core
from simulator.store import SOURCES

PAGE_SIZE = 20
TABLE = "coach_sessions_table"
SORTS = {
    "started_at": N_("Start time"),
    "ended_at": N_("End time"),
    "score": N_("Score"),
    "open_share": N_("Open-question share"),
    "turns": N_("Turns"),
    "trainee": N_("Trainee"),
    "persona": N_("Persona"),
}
REVIEW = {"unreviewed": N_("Not reviewed"), "reviewed": N_("Reviewed")}
SOURCE_NAMES = {"practice": N_("Practice"), "imported": N_("Imported")}

role = coach_common.require_coach()
store = coach_common.sql_store()
viewer = coach_common.viewer(role)

st.title(_("Sessions"), anchor=False)
st.caption((_("Your team's practice interviews and imported transcripts.") if role.team else
            _("Every practice interview and imported transcript in the store."))
           + " " + _("Click a row to review it."))

try:
    trainees, personas = coach_common.filter_options(store, role)
except Exception as e:
    coach_common.store_failed(e, N_("read the trainees and personas"))

# The filters live in the address. The widgets take their starting values from it; when the address changes
# from outside (the browser's Back, a shared link, "All sessions" on a session's page) they start again from it.
FILTER_KEYS = ("coach_f_trainee", "coach_f_persona", "coach_f_source", "coach_f_review", "coach_f_since",
               "coach_f_until", "coach_f_score", "coach_f_sort", "coach_f_desc")
SYNCED = "coach_list_synced"


def _from_url(params) -> dict:
    def pick(key, options):
        value = params.get(key)
        return value if value in options else None

    def day(key):
        try:
            return date.fromisoformat(params.get(key) or "")
        except ValueError:
            return None

    try:
        low, high = (int(v) for v in (params.get("coach_f_score") or "").split("-"))
        score = (low, high) if 0 <= low <= high <= 100 else (0, 100)
    except ValueError:
        score = (0, 100)
    return {
        "coach_f_trainee": pick("coach_f_trainee", trainees), "coach_f_persona": pick("coach_f_persona", personas),
        "coach_f_source": pick("coach_f_source", SOURCES), "coach_f_review": pick("coach_f_review", REVIEW),
        "coach_f_since": day("coach_f_since"), "coach_f_until": day("coach_f_until"), "coach_f_score": score,
        "coach_f_sort": pick("coach_f_sort", SORTS) or "started_at", "coach_f_desc": params.get("coach_f_desc") != "0",
    }


def _to_url(values: dict) -> dict[str, str]:
    out = {}
    for key, value in values.items():
        if key == "coach_f_score":
            if tuple(value) != (0, 100):
                out[key] = f"{value[0]}-{value[1]}"
        elif key == "coach_f_desc":
            if not value:
                out[key] = "0"
        elif key == "coach_f_sort":
            if value != "started_at":
                out[key] = value
        elif isinstance(value, date):
            out[key] = value.isoformat()
        elif value is not None:
            out[key] = str(value)
    return out


current = {k: v for k, v in st.query_params.to_dict().items() if k in FILTER_KEYS}
if st.session_state.pop(coach_common.LIST_RESTORE, False) and not current:
    current = dict(st.session_state.get(coach_common.LIST_PARAMS) or {})  # "All sessions": the list as it was
if st.session_state.get(SYNCED) != current:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
start = _from_url(current)


def _index(options, value):
    return list(options).index(value) if value in options else None


tr = core.translator(ui.current())  # bound now: a format_func may also be called outside this run
with st.container(border=True, key="coach_filters"):
    left, middle, right, far = st.columns(4)
    trainee = left.selectbox(_("Trainee"), trainees, index=_index(trainees, start["coach_f_trainee"]),
                             placeholder=_("All trainees"), key="coach_f_trainee")
    persona = middle.selectbox(_("Persona"), list(personas), index=_index(personas, start["coach_f_persona"]),
                               placeholder=_("All personas"), format_func=lambda p: personas.get(p, p),
                               key="coach_f_persona")
    source = right.selectbox(_("Source"), SOURCES, index=_index(SOURCES, start["coach_f_source"]),
                             placeholder=_("Practice and imported"),
                             format_func=lambda s: tr(SOURCE_NAMES.get(s, s.capitalize())), key="coach_f_source")
    review = far.selectbox(_("Review"), list(REVIEW), index=_index(REVIEW, start["coach_f_review"]),
                           placeholder=_("Reviewed or not"), format_func=lambda r: tr(REVIEW[r]), key="coach_f_review")
    left, middle, right, far = st.columns(4)
    since = left.date_input(_("Started from"), value=start["coach_f_since"], format="YYYY-MM-DD",
                            key="coach_f_since")
    until = middle.date_input(_("Started until"), value=start["coach_f_until"], format="YYYY-MM-DD",
                              key="coach_f_until")
    low, high = right.slider(_("Score"), 0, 100, start["coach_f_score"], step=5, key="coach_f_score",
                             help=_("Narrowing the range leaves out sessions without a score (still running)."))
    with far:
        sort = st.selectbox(_("Sort by"), list(SORTS), index=_index(SORTS, start["coach_f_sort"]),
                            format_func=lambda s: tr(SORTS[s]), key="coach_f_sort")
        descending = st.toggle(_("Highest / newest first"), value=start["coach_f_desc"], key="coach_f_desc")

wanted = _to_url({"coach_f_trainee": trainee, "coach_f_persona": persona, "coach_f_source": source,
                  "coach_f_review": review, "coach_f_since": since, "coach_f_until": until,
                  "coach_f_score": (low, high), "coach_f_sort": sort, "coach_f_desc": descending})
if wanted != current:
    st.query_params.from_dict({**wanted, **ui.url_param()})  # the interface language stays in the address
st.session_state[SYNCED] = wanted
# Where "All sessions" on a session's page goes back to: this list, as filtered and sorted now.
st.session_state[coach_common.LIST_PARAMS] = wanted

if isinstance(since, date) and isinstance(until, date) and since > until:
    st.warning(_("“Started from” is after “Started until”: no session can match."), icon=":material/warning:")

filters = dict(
    trainee=trainee, persona=persona, source=source, since=since, until=until,
    min_score=None if low == 0 and high == 100 else float(low),
    max_score=None if low == 0 and high == 100 else float(high),
    reviewed=None if review is None else review == "reviewed",
)
# A page number per filter choice: changing a filter starts again at page 1.
page_key = "coach_page_" + str(abs(hash(repr(sorted(filters.items())) + sort + str(descending))))
page = st.session_state.get(page_key, 1)
try:
    rows, total = store.list_sessions(**filters, sort=sort, descending=descending, limit=PAGE_SIZE,
                                      offset=(page - 1) * PAGE_SIZE, viewer=viewer)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > pages:  # sessions went away since: show the last page
        st.session_state.pop(page_key, None)
        page = pages
        rows, total = store.list_sessions(**filters, sort=sort, descending=descending, limit=PAGE_SIZE,
                                          offset=(page - 1) * PAGE_SIZE, viewer=viewer)
except Exception as e:  # a store error, or the database went away
    coach_common.store_failed(e, N_("list the sessions"))

if not total:
    st.info(_("No session matches these filters."), icon=":material/search_off:")
    st.stop()

first = (page - 1) * PAGE_SIZE + 1
unreviewed = sum(1 for r in rows if not r.reviewed)
st.markdown("**" + ui.ngettext("{n} session", "{n} sessions", total).format(n=ui.number(total)) + "** · "
            + _("showing {first}–{last}").format(first=ui.number(first), last=ui.number(first + len(rows) - 1))
            + (" · " + _("{n} of these not reviewed yet").format(n=ui.number(unreviewed)) if unreviewed else ""))


def _reviewed(row) -> str:
    if not row.reviewed:
        return "–"
    return f"✓ {row.reviewed_by} · {ui.day(row.reviewed_at)} {ui.time_of(row.reviewed_at)}"


table = pd.DataFrame([
    {
        "Started": datetime.fromtimestamp(r.started_at),
        "Trainee": r.trainee,
        "Persona": r.persona_name or r.persona,
        "Status": _("Finished") if r.finished else _("Running"),
        "Reviewed": _reviewed(r),
        "Comments": r.comments,
        "Flags": r.flags,
        "Source": _(SOURCE_NAMES[r.source]) if r.source in SOURCE_NAMES else r.source.capitalize(),
        "Turns": r.turns,
        "Score": None if r.score is None else round(r.score),
        "Open questions": None if r.open_share is None else round(r.open_share * 100),
    }
    for r in rows
])
event = st.dataframe(
    table, hide_index=True, on_select="rerun", selection_mode="single-row", key=TABLE, width="stretch",
    placeholder="–",
    column_config={
        # Month names would be English in any language: other languages get numbers only.
        "Started": st.column_config.DatetimeColumn(
            _("Started"), format="D MMM YYYY, HH:mm" if ui.current() == "en" else "YYYY-MM-DD HH:mm"),
        "Trainee": st.column_config.TextColumn(_("Trainee")),
        "Persona": st.column_config.TextColumn(_("Persona")),
        "Status": st.column_config.TextColumn(_("Status")),
        "Reviewed": st.column_config.TextColumn(_("Reviewed"), help=_("Who marked the session reviewed, and when")),
        "Comments": st.column_config.NumberColumn(
            _("Comments"), help=_("Coach comments on its turns and on the whole session")),
        "Flags": st.column_config.NumberColumn(_("Flags"), help=_("Flags the scorer raised on the interviewer's turns")),
        "Source": st.column_config.TextColumn(_("Source")),
        "Turns": st.column_config.NumberColumn(_("Turns")),
        "Score": st.column_config.NumberColumn(_("Score"), format="%d", help=_("Out of 100; empty while a session runs")),
        "Open questions": st.column_config.ProgressColumn(_("Open questions"), format="%d%%", min_value=0,
                                                          max_value=100,
                                                          help=_("Share of the questions that were open")),
    },
)
if pages > 1:
    st.pagination(pages, key=page_key)

chosen = event.selection.rows if event is not None else []
if chosen and 0 <= chosen[0] < len(rows):
    sid = rows[chosen[0]].id
    st.session_state[coach_common.OPEN_SESSION] = sid
    st.switch_page(common.COACH_SESSION, query_params={"session": sid, **ui.url_param()})
