"""Session exports (Markdown, CSV, JSON, printable HTML): pure functions of a transcript, metrics and annotations.

Transcript text is data, never markup: the HTML page escapes every piece of it with ``html.escape`` (and forbids
scripts with a Content-Security-Policy besides), and the Markdown export escapes everything Markdown or HTML would
interpret, so ``[click](javascript:…)`` stays plain text wherever the coach views render it. CSV cells that a
spreadsheet would run as a formula get a leading apostrophe.

``metrics`` is the dict given to ``Store.finish_session`` (every key optional: ``score``, ``label_counts``,
``open_share``, ``rq_ratio``, ``talk_ratio``, ``insights_total``, ``insights_uncovered``, ``contributions``);
``annotations`` is what ``Store.annotations`` returns. Output depends on nothing else (times are UTC).

``language`` ("nl", "ko", "zh"; default English) writes the Markdown, HTML and CSV for people in that language:
headings, field names, CSV column headers, label names, numbers and dates (Babel), from the interface's
catalogue (``simulator.i18n``). Values meant for tools stay as they are (labels in the CSV, every JSON key).
"""

from __future__ import annotations

import contextvars
import csv
import html
import io
import json
import re
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any, Callable

from simulator import i18n as _i18n
from simulator.i18n import N_
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

__all__ = ["FORMATS", "export", "to_markdown", "to_csv", "to_json", "to_html", "escape_markdown"]

Metrics = dict[str, Any] | None
Annotations = dict[str, Any] | None


# Shared helpers -----------------------------------------------------------------------------------

# The language of the export being written (set by each ``to_*`` for its own call; English when None).
_LANGUAGE: contextvars.ContextVar[str | None] = contextvars.ContextVar("export_language", default=None)


@contextmanager
def _in_language(language: str | None):
    token = _LANGUAGE.set(_i18n.normalize(language))
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _(message: str) -> str:
    return _i18n.gettext(message, _LANGUAGE.get())


def _english() -> bool:
    return _LANGUAGE.get() in (None, "en")


def _label(label: Any) -> str:
    """A label or flag for people: its name in the export's language; the plain value in English."""
    if _english():
        return str(label)
    from scoring import feedback

    from scoring.labels import Flag, Label
    if str(label) in {item.value for item in Label}:
        return feedback.label_name(str(label), _LANGUAGE.get())
    if str(label) in {item.value for item in Flag}:
        return feedback.flag_name(str(label), _LANGUAGE.get())
    return str(label)


def _when(ts: Any) -> str:
    if not isinstance(ts, (int, float)) or isinstance(ts, bool):
        return ""
    try:
        moment = datetime.fromtimestamp(ts, tz=timezone.utc)
        if _english():
            return moment.strftime("%Y-%m-%d %H:%M UTC")
        return _i18n.fmt_datetime(moment, _LANGUAGE.get()) + " UTC"
    except (OverflowError, OSError, ValueError):
        return ""


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _fmt(value: Any, *, percent: bool = False, digits: int = 2) -> str:
    number = _num(value)
    if number is None:
        return ""
    if not _english():
        if percent:
            return _i18n.fmt_percent(number, _LANGUAGE.get())
        from babel.numbers import format_decimal

        return format_decimal(round(number, digits), locale=_i18n.babel_locale(_LANGUAGE.get()))
    return f"{number * 100:.0f}%" if percent else f"{round(number, digits):g}"


def _speaker(turn: Turn, transcript: Transcript) -> str:
    if turn.name:
        return turn.name
    if turn.speaker == PERSONA:
        return transcript.persona_name or transcript.persona_id or _("Persona")
    return transcript.trainee or _("Interviewer")


def _coach_notes(annotations: Annotations) -> dict[int, list[dict[str, Any]]]:
    notes: dict[int, list[dict[str, Any]]] = {}
    for item in (annotations or {}).get("turns") or []:
        if isinstance(item, dict) and isinstance(item.get("turn"), int):
            notes.setdefault(item["turn"], []).append(item)
    return notes


def _session_comments(annotations: Annotations) -> list[dict[str, Any]]:
    return [c for c in (annotations or {}).get("session") or [] if isinstance(c, dict)]


def _contributions(metrics: Metrics) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for item in (metrics or {}).get("contributions") or []:
        if isinstance(item, dict) and isinstance(item.get("turn"), int):
            out.setdefault(item["turn"], []).append(item)
    return out


def _verdict(note: dict[str, Any]) -> str:
    """'closed (override)' / 'open (confirmed)' / '' for a comment-only note."""
    label = note.get("label")
    if not label:
        return ""
    return (_("{label} (confirmed)") if note.get("confirmed") else _("{label} (override)")).format(label=_label(label))


def _points(item: dict[str, Any]) -> str:
    points = _num(item.get("points"))
    if points is None:
        return ""
    return f"{points:+g}"


def _turn_notes(turn: Turn, points: dict[int, list[dict[str, Any]]],
                notes: dict[int, list[dict[str, Any]]]) -> list[tuple[str, str]]:
    """The notes under one turn, as (kind, plain text): the rewrite, its score points, coach verdicts.

    Unescaped: each export escapes them for its own format.
    """
    out: list[tuple[str, str]] = []
    if turn.rewrite:
        out.append(("rewrite", _("Try instead: {text}").format(text=turn.rewrite)))
    for item in points.get(turn.index, []):
        out.append(("score", _("Score {points}: {reason}").format(points=_points(item), reason=item.get('reason') or '')))
    for note in notes.get(turn.index, []):
        parts = [p for p in (_verdict(note), note.get("comment") or "") if p]
        out.append(("coach", _("Coach {name}: {notes}").format(name=note.get('coach') or '', notes=' — '.join(parts))))
    return out


def _metric_lines(transcript: Transcript, metrics: Metrics) -> list[tuple[str, str]]:
    """(name, value) pairs for the metrics that are present."""
    m = metrics or {}
    lines: list[tuple[str, str]] = []
    if _num(m.get("score")) is not None:
        lines.append((_("Score"), _fmt(m["score"], digits=1)))
    elif "score" in m:  # finished but not scored (the trainee took no turn): a dash, not a number
        lines.append((_("Score"), "–"))
    if _num(m.get("open_share")) is not None:
        lines.append((_("Open questions"), _fmt(m["open_share"], percent=True)))
    if _num(m.get("rq_ratio")) is not None:
        lines.append((_("Reflections per question (R:Q)"), _fmt(m["rq_ratio"])))
    if _num(m.get("talk_ratio")) is not None:
        lines.append((_("Talk ratio"), _fmt(m["talk_ratio"])))
    uncovered = m.get("insights_uncovered")
    total = m.get("insights_total")
    if isinstance(uncovered, list) or isinstance(total, int):
        findings = {str(c.get("id")): c.get("finding") for c in transcript.insight_catalog if isinstance(c, dict)}
        found = [str(i) for i in uncovered] if isinstance(uncovered, list) else []
        named = ", ".join(f"{findings[i]} ({i})" if findings.get(i) else i for i in found)
        count = _("{found} of {total}").format(found=len(found), total=total) if isinstance(total, int) \
            else f"{len(found)}"
        lines.append((_("Insights uncovered"), f"{count}: {named}" if named else count))
    counts = m.get("label_counts")
    if isinstance(counts, dict) and counts:
        lines.append((_("Labels"), ", ".join(f"{_label(k)} {v}" for k, v in counts.items())))
    return lines


def _header_lines(transcript: Transcript) -> list[tuple[str, str]]:
    lines = [(_("Trainee"), transcript.trainee or ""), (_("Persona"), transcript.persona_id),
             (_("Source"), transcript.source)]
    lines.append((_("Started"), _when(transcript.started_at)))
    if transcript.ended_at is not None:
        lines.append((_("Ended"), _when(transcript.ended_at)))
    return [(k, v) for k, v in lines if v]


def _title(transcript: Transcript) -> str:
    return _("Interview with {name}").format(name=transcript.persona_name or transcript.persona_id)


# Markdown -----------------------------------------------------------------------------------------

# Backslash-escaped: everything CommonMark, GFM or Streamlit's Markdown (``$`` math, ``:red[…]``) acts on.
_MD_ESCAPE = re.compile(r"([\\`*_{}\[\]()#!|~$^])")
# Block syntax only counts at the start of a line: "- item", "+ item", "1. item", "2) item", and the
# setext / thematic-break lines "===" and "---".
_MD_LINE_START = re.compile(r"^(?:([-+=])(?=[\s=-]|$)|(\d{1,9})([.)])(?=\s|$))")


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders as exactly that text: no links, images, HTML, code or emphasis.

    ``<``, ``>`` and ``&`` become entities (some renderers ignore ``\\<``); autolinks (``http://``, ``www.``)
    are broken up; newlines become hard line breaks and blank lines are dropped, so one text stays one block.
    """
    lines = []
    for line in str(text).splitlines():
        line = line.strip()
        if not line:
            continue
        line = html.escape(line, quote=False)
        line = _MD_ESCAPE.sub(r"\\\1", line)
        line = line.replace("://", ":\\/\\/").replace("www.", "www\\.")
        line = _MD_LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", line)
        lines.append(line)
    return "  \n".join(lines)


def to_markdown(transcript: Transcript, metrics: Metrics = None, annotations: Annotations = None, *,
                language: str | None = None) -> str:
    """The session as Markdown: header, metrics, every turn with its label and coach notes, session comments."""
    with _in_language(language):
        return _to_markdown(transcript, metrics, annotations)


def _to_markdown(transcript: Transcript, metrics: Metrics, annotations: Annotations) -> str:
    e = escape_markdown
    out = [f"# {e(_title(transcript))}", ""]
    out += [f"- **{name}:** {e(value)}" for name, value in _header_lines(transcript) + _metric_lines(transcript, metrics)]
    out += ["", "## " + _("Transcript"), ""]
    notes = _coach_notes(annotations)
    points = _contributions(metrics)
    for turn in transcript.turns:
        tags = []
        if turn.speaker == TRAINEE and turn.label:
            confidence = f" {turn.confidence:.2f}" if _num(turn.confidence) is not None else ""
            tags.append(f"*{e(_label(turn.label))}{confidence}*")
        if turn.flags:
            tags.append(_("flags:") + " " + e(", ".join(map(_label, turn.flags))))
        if turn.speaker == PERSONA and turn.insights:
            tags.append(_("reveals:") + " " + e(", ".join(map(str, turn.insights))))
        if turn.contaminated:
            tags.append(_("contaminated"))
        head = f"**{turn.index}. {e(_speaker(turn, transcript))}**"
        if tags:
            head += " (" + " · ".join(tags) + ")"
        out.append(f"{head}: {e(turn.display_text)}")
        extra = [e(text) for _kind, text in _turn_notes(turn, points, notes)]
        if extra:
            out += ["", "> " + "  \n> ".join(extra)]
        out.append("")
    comments = _session_comments(annotations)
    if comments:
        out += ["## " + _("Coach comments"), ""]
        for c in comments:
            when = _when(c.get("at"))
            out.append(f"- **{e(c.get('coach') or '')}**{f' ({when})' if when else ''}: {e(c.get('text') or '')}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# CSV ----------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "turn", "speaker", "name", "at", "start", "end", "text", "label", "confidence", "flags", "reason", "rewrite",
    "patience", "topic", "layer", "insights", "contaminated", "move", "coach_labels", "coach_comments",
    "points", "point_reasons",
)
# The header row for people reading the CSV in another language (the columns stay the same).
CSV_HEADERS = {
    "turn": N_("Turn"), "speaker": N_("Speaker"), "name": N_("Name"), "at": N_("Time (UTC)"),
    "start": N_("Start (s)"), "end": N_("End (s)"), "text": N_("Text"), "label": N_("Label"),
    "confidence": N_("Confidence"), "flags": N_("Flags"), "reason": N_("Reason"), "rewrite": N_("Rewrite"),
    "patience": N_("Waited (s)"), "topic": N_("Topic"), "layer": N_("Layer"), "insights": N_("Insights"),
    "contaminated": N_("After a leading question"), "move": N_("Move"), "coach_labels": N_("Coach labels"),
    "coach_comments": N_("Coach comments"), "points": N_("Points"), "point_reasons": N_("Why the points"),
}


def _cell(value: Any) -> Any:
    # A cell starting with = + - @ (or a tab/CR) runs as a formula in Excel/Sheets; an apostrophe disarms it.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(transcript: Transcript, metrics: Metrics = None, annotations: Annotations = None, *,
           language: str | None = None) -> str:
    """One row per turn (columns ``CSV_COLUMNS``), with the coach notes and score contributions of each.

    With ``language`` (not English) the header row is in that language (``CSV_HEADERS``); the cells are the same.
    """
    with _in_language(language):
        return _to_csv(transcript, metrics, annotations)


def _to_csv(transcript: Transcript, metrics: Metrics, annotations: Annotations) -> str:
    notes = _coach_notes(annotations)
    points = _contributions(metrics)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # Python's writer quotes a cell holding "\n" (the line terminator) but not one holding a lone "\r", which
    # spreadsheets and most readers take for a line break: a row with one is written with every cell quoted.
    quoting_writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS if _english() else [_(CSV_HEADERS[c]) for c in CSV_COLUMNS])
    for turn in transcript.turns:
        turn_notes = notes.get(turn.index, [])
        turn_points = points.get(turn.index, [])
        total = sum(_num(p.get("points")) or 0.0 for p in turn_points)
        row = {
            "turn": turn.index,
            "speaker": turn.speaker,
            "name": _speaker(turn, transcript),
            "at": datetime.fromtimestamp(turn.at, tz=timezone.utc).isoformat(timespec="seconds")
            if _num(turn.at) is not None else "",
            "start": turn.start,
            "end": turn.end,
            "text": turn.display_text,
            "label": turn.label,
            "confidence": turn.confidence,
            "flags": ";".join(map(str, turn.flags)),
            "reason": turn.reason,
            "rewrite": turn.rewrite,
            "patience": turn.patience,
            "topic": turn.topic,
            "layer": turn.layer,
            "insights": ";".join(map(str, turn.insights)),
            "contaminated": turn.contaminated if turn.speaker == PERSONA else "",
            "move": turn.move,
            "coach_labels": "; ".join(f"{n.get('coach')}: {_verdict(n)}" for n in turn_notes if n.get("label")),
            "coach_comments": "; ".join(f"{n.get('coach')}: {n.get('comment')}" for n in turn_notes if n.get("comment")),
            "points": (int(total) if total.is_integer() else total) if turn_points else "",
            "point_reasons": "; ".join(str(p.get("reason") or "") for p in turn_points if p.get("reason")),
        }
        cells = ["" if row[c] is None else _cell(row[c]) for c in CSV_COLUMNS]
        carriage_return = any(isinstance(cell, str) and "\r" in cell for cell in cells)
        (quoting_writer if carriage_return else writer).writerow(cells)
    return buffer.getvalue()


# JSON ---------------------------------------------------------------------------------------------


def to_json(transcript: Transcript, metrics: Metrics = None, annotations: Annotations = None) -> str:
    """``Transcript.to_dict()`` plus ``metrics`` and ``annotations``; ``Transcript.from_json`` reads it back."""
    data = transcript.to_dict()
    data["metrics"] = metrics
    data["annotations"] = annotations
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# HTML ---------------------------------------------------------------------------------------------

_CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b;
       max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .75rem 0; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
ol.turns { list-style: none; padding: 0; }
li.turn { margin: .6rem 0; padding: .5rem .75rem; border-left: 4px solid #bbb; break-inside: avoid; }
li.trainee { border-left-color: #2b6cb0; background: #f3f7fc; }
li.persona { border-left-color: #6b7280; }
.who { font-weight: 600; font-size: .9rem; }
.n { color: #666; font-weight: 400; margin-right: .35rem; }
.tag { display: inline-block; font-size: .75rem; font-weight: 600; padding: 0 .4rem; margin-left: .35rem;
       border: 1px solid #999; border-radius: .6rem; }
.label-open, .label-reflection, .label-echo { border-color: #2f855a; color: #22543d; }
.label-closed, .label-statement { border-color: #b7791f; color: #744210; }
.label-leading { border-color: #c53030; color: #742a2a; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2rem 0 0; }
.note { font-size: .85rem; margin: .25rem 0 0; padding-left: .6rem; border-left: 2px solid #ddd; }
.coach { border-left-color: #805ad5; }
footer { margin-top: 2rem; font-size: .8rem; color: #666; }
@page { margin: 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  li.turn { background: none !important; }
  h2 { break-after: avoid; }
}
"""

_LABEL_CLASS = re.compile(r"^[a-z_]{1,30}$")


def to_html(transcript: Transcript, metrics: Metrics = None, annotations: Annotations = None, *,
            language: str | None = None) -> str:
    """A self-contained printable page: no scripts, no external resources, every transcript text escaped."""
    with _in_language(language):
        return _to_html(transcript, metrics, annotations)


def _to_html(transcript: Transcript, metrics: Metrics, annotations: Annotations) -> str:

    def e(value: Any) -> str:
        return html.escape(str(value), quote=True)

    notes = _coach_notes(annotations)
    points = _contributions(metrics)
    facts = "".join(
        f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in _header_lines(transcript) + _metric_lines(transcript, metrics)
    )
    items = []
    for turn in transcript.turns:
        tags = []
        if turn.speaker == TRAINEE and turn.label:
            css = f"label-{turn.label}" if _LABEL_CLASS.match(turn.label) else ""
            confidence = f" {turn.confidence:.2f}" if _num(turn.confidence) is not None else ""
            tags.append(f'<span class="tag {css}">{e(_label(turn.label))}{e(confidence)}</span>')
        tags += [f'<span class="tag">{e(_label(flag))}</span>' for flag in turn.flags]
        if turn.speaker == PERSONA and turn.insights:
            reveals = _("reveals")
            tags.append(f'<span class="tag">{e(reveals)} {e(", ".join(map(str, turn.insights)))}</span>')
        if turn.contaminated:
            contaminated = _("contaminated")
            tags.append(f'<span class="tag">{e(contaminated)}</span>')
        body = [
            f'<div class="who"><span class="n">{turn.index}</span>{e(_speaker(turn, transcript))}{"".join(tags)}</div>',
            f'<p class="text">{e(turn.display_text)}</p>',
        ]
        for kind, text in _turn_notes(turn, points, notes):
            css = "note coach" if kind == "coach" else "note"
            body.append(f'<p class="{css}">{e(text)}</p>')
        speaker_class = "trainee" if turn.speaker == TRAINEE else "persona"
        items.append(f'<li class="turn {speaker_class}">{"".join(body)}</li>')
    comments = "".join(
        f'<li><strong>{e(c.get("coach") or "")}</strong>'
        f'{e(" (" + _when(c.get("at")) + ")") if _when(c.get("at")) else ""}: '
        f'<span class="text">{e(c.get("text") or "")}</span></li>'
        for c in _session_comments(annotations)
    )
    comments_heading, transcript_heading, footer = _("Coach comments"), _("Transcript"), _("Exported from interview-sim.")
    comments_section = f"<h2>{e(comments_heading)}</h2><ul>{comments}</ul>" if comments else ""
    title = _title(transcript) + (f" — {transcript.trainee}" if transcript.trainee else "")
    language = transcript.language if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", transcript.language or "") else "en"
    if not _english():  # the page's own words are in the export's language
        language = {"zh": "zh-Hans"}.get(_LANGUAGE.get(), _LANGUAGE.get())
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(language)}">\n<head>\n<meta charset="utf-8">\n'
        # Defence in depth: even markup that slipped through could neither run nor load anything.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{e(_title(transcript))}</h1><dl class=\"facts\">{facts}</dl></header>\n"
        f'<main><h2>{e(transcript_heading)}</h2><ol class="turns">\n' + "\n".join(items) + "\n</ol>\n"
        f"{comments_section}</main>\n"
        f"<footer>{e(footer)}</footer>\n</body>\n</html>\n"
    )


FORMATS: dict[str, Callable[..., str]] = {"md": to_markdown, "csv": to_csv, "json": to_json, "html": to_html}


def export(fmt: str, transcript: Transcript, metrics: Metrics = None, annotations: Annotations = None, *,
           language: str | None = None) -> str:
    """The session in format ``fmt`` (one of ``FORMATS``: md, csv, json, html); ``language`` for md, csv, html."""
    try:
        render = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r} (expected one of: {', '.join(FORMATS)})") from None
    if fmt == "json" or language is None:
        return render(transcript, metrics, annotations)
    return render(transcript, metrics, annotations, language=language)
