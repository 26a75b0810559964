"""The coach's team overview, from ``Store.team_sessions`` rows: pure functions, no database, no streamlit.

- ``weekly``: sessions per trainee per calendar week (weeks start on Monday, local time);
- ``trend``: one point per finished session with its date, persona, score and open-question share (charts draw
  one line per persona);
- ``mistakes``: the most frequent mistakes across the team: leading and closed questions, and every flag the
  scorer raised, with how many sessions and trainees they appear in;
- ``insight_rates``: per persona, the share of its finished sessions that found each insight (full names).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import Any, Iterable

__all__ = ["MISTAKE_LABELS", "weekly", "trend", "mistakes", "insight_rates", "week_of"]

# Labels that count as mistakes (statement is neutral; open, echo, reflection and silence are good).
MISTAKE_LABELS = ("leading", "closed")


def week_of(ts: float) -> date:
    """The Monday of the (local) week ``ts`` falls in."""
    day = datetime.fromtimestamp(ts).date()
    return day - timedelta(days=day.weekday())


def weekly(sessions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``[{"week": date, "trainee", "sessions"}]``, by week then trainee."""
    counts = Counter((week_of(s["started_at"]), s["trainee"]) for s in sessions)
    return [{"week": week, "trainee": trainee, "sessions": n} for (week, trainee), n in sorted(counts.items())]


def trend(sessions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``[{"date": datetime, "persona", "trainee", "score", "open_share"}]`` for the scored sessions, oldest first."""
    return [
        {"date": datetime.fromtimestamp(s["started_at"]), "persona": s["persona_name"] or s["persona"],
         "trainee": s["trainee"], "score": s["score"], "open_share": s["open_share"]}
        for s in sorted(sessions, key=lambda s: s["started_at"])
        if s.get("score") is not None or s.get("open_share") is not None
    ]


def mistakes(sessions: Iterable[dict[str, Any]], *, top: int = 10) -> list[dict[str, Any]]:
    """``[{"kind": "label"|"flag", "mistake", "count", "sessions", "trainees"}]``, most frequent first."""
    count: Counter[tuple[str, str]] = Counter()
    in_sessions: Counter[tuple[str, str]] = Counter()
    trainees: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s in sessions:
        found = [(("label", label), n) for label, n in (s.get("label_counts") or {}).items()
                 if label in MISTAKE_LABELS]
        found += [(("flag", flag), n) for flag, n in (s.get("flag_counts") or {}).items()]
        for key, n in found:
            if isinstance(n, (int, float)) and n > 0:
                count[key] += int(n)
                in_sessions[key] += 1
                trainees[key].add(s["trainee"])
    ranked = sorted(count.items(), key=lambda item: (-item[1], item[0]))[:top]
    return [{"kind": kind, "mistake": name, "count": n, "sessions": in_sessions[(kind, name)],
             "trainees": len(trainees[(kind, name)])} for (kind, name), n in ranked]


def insight_rates(sessions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per persona (by name): ``{"persona", "sessions", "insights": [{"id", "finding", "found", "share"}]}``.

    The insights are the persona's catalog (from its latest session), in order; personas without insights (an
    imported interview) are left out.
    """
    by_persona: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in sessions:
        by_persona[s["persona"]].append(s)
    out = []
    for persona, rows in sorted(by_persona.items(), key=lambda kv: kv[1][-1]["persona_name"] or kv[0]):
        catalog = next((r["insight_catalog"] for r in reversed(rows) if r.get("insight_catalog")), [])
        ids = [str(c["id"]) for c in catalog if "id" in c]
        if not ids:
            continue
        findings = {str(c["id"]): c.get("finding") or str(c["id"]) for c in catalog if "id" in c}
        found = Counter(str(i) for r in rows for i in set(r.get("insights_uncovered") or []))
        out.append({
            "persona": rows[-1]["persona_name"] or persona, "sessions": len(rows),
            "insights": [{"id": i, "finding": findings[i], "found": found[i], "share": found[i] / len(rows)}
                         for i in ids],
        })
    return out
