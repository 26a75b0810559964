"""The ``classify`` and ``score`` commands of ``interview-sim`` (added to the app by ``register``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional, Any, Callable, Iterable, TextIO

import typer

from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn

__all__ = ["register", "load_for_scoring", "LOADERS", "ScoringInputError", "classify_stream", "turns_view",
           "learn_examples"]

BATCH_SIZE = 256


class ScoringInputError(ValueError):
    """A file that cannot be scored; the message names the file and the problem, on one line."""


# Loaders ---------------------------------------------------------------------------------------
# ``score --format`` will pick one of these; each reads a path and returns a Transcript.


def _load_json(path: Path) -> Transcript:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ScoringInputError(f"{path}: no such file") from e
    except UnicodeDecodeError as e:
        raise ScoringInputError(f"{path}: not UTF-8 text (byte {e.start})") from e
    except OSError as e:
        raise ScoringInputError(f"{path}: cannot read it ({e.strerror or e})") from e
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ScoringInputError(f"{path}: invalid JSON at line {e.lineno} column {e.colno} ({e.msg})") from e
    if not isinstance(data, dict):
        raise ScoringInputError(f"{path}: not a transcript (expected a JSON object with 'turns', got {type(data).__name__})")
    problem = _check_turns(data.get("turns"))
    if problem:
        raise ScoringInputError(f"{path}: {problem}")
    try:
        return Transcript.from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        raise ScoringInputError(f"{path}: {e}") from e


def _check_turns(turns: Any) -> str | None:
    """The first thing wrong with the turns, as ``turns -> 3 -> text: ...``; None when they are usable."""
    if turns is None:
        return "not a transcript (no 'turns' list; expected what `simulate --json` writes)"
    if not isinstance(turns, list):
        return f"turns: must be a list, got {type(turns).__name__}"
    for i, turn in enumerate(turns):
        where = f"turns -> {i}"
        if not isinstance(turn, dict):
            return f"{where}: expected an object, got {type(turn).__name__}"
        speaker = turn.get("speaker")
        if speaker not in (TRAINEE, PERSONA):
            return f"{where} -> speaker: {speaker!r} (expected '{TRAINEE}' or '{PERSONA}')"
        if not isinstance(turn.get("text"), str):
            return f"{where} -> text: must be a string"
        for key in ("start", "end", "patience"):
            value = turn.get(key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                return f"{where} -> {key}: must be a number of seconds or null"
        if turn.get("label") is not None and not isinstance(turn.get("label"), str):
            return f"{where} -> label: must be a string or null"
        flags = turn.get("flags", [])
        if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
            return f"{where} -> flags: must be a list of strings"
        for key in ("insights", "contaminated_insights"):
            value = turn.get(key, [])
            if not isinstance(value, list):
                return f"{where} -> {key}: must be a list"
    return None


LOADERS: dict[str, Callable[[Path], Transcript]] = {"json": _load_json}


def load_for_scoring(path: str | Path, fmt: str = "json") -> Transcript:
    """A transcript to score, read from ``path`` in format ``fmt`` (one of ``LOADERS``)."""
    loader = LOADERS.get(fmt)
    if loader is None:
        raise ScoringInputError(f"{path}: unknown format {fmt!r} (expected one of: {', '.join(LOADERS)})")
    return loader(Path(path))


# Classification of turns --------------------------------------------------------------------------


def _previous_persona_text(turns: list[Turn], i: int) -> str | None:
    for j in range(i - 1, -1, -1):
        if turns[j].speaker == PERSONA and turns[j].text.strip():
            return turns[j].text
    return None


CONTEXT_CHARS = 8000


def label_unlabelled(transcript: Transcript, classifier: Any | None = None, *, rewrites: bool = True) -> int:
    """Classify every trainee turn without a label (empty text: silence; only whitespace: not a turn, left
    unlabelled and out of the metrics). Returns how many were labelled. ``rewrites=False``: no suggested rewrite
    is stored (for output that shows none; the labels are the same)."""
    todo = [(i, t) for i, t in enumerate(transcript.turns) if t.speaker == TRAINEE and not t.label
            and (t.text == "" or t.text.strip())]
    for _, turn in todo:
        if not turn.text:
            turn.label = "silence"
    speaking = [(i, t) for i, t in todo if t.text.strip()]
    if not speaking:
        return len(todo)
    if classifier is None:
        from .classifier import QuestionClassifier

        classifier = QuestionClassifier()
    # What the interviewee said before each turn, as one string cut to its last CONTEXT_CHARS characters:
    # the rules read no further back, and a copy of the whole history per turn would grow with the square of
    # the transcript's length.
    said = ""
    context_at: dict[int, str] = {}
    for i, turn in enumerate(transcript.turns):
        context_at[i] = said
        if turn.speaker == PERSONA and turn.text.strip():
            said = (said + "\n" + turn.text if said else turn.text)[-CONTEXT_CHARS:]
    items = [(t.text, _previous_persona_text(transcript.turns, i), context_at[i]) for i, t in speaking]
    verdicts = None
    if not rewrites:
        try:
            verdicts = classifier.classify_many(items, rewrites=False)
        except TypeError:  # a classifier without the option: with rewrites, as before
            verdicts = None
    if verdicts is None:
        verdicts = classifier.classify_many(items)
    for (_, turn), verdict in zip(speaking, verdicts):
        turn.label = verdict.label.value
        turn.flags = [f.value for f in verdict.flags]
        turn.confidence = float(verdict.confidence)
        turn.reason = verdict.reason
        turn.flag_reasons = dict(verdict.flag_reasons)
        turn.rewrite = verdict.rewrite
    return len(todo)


def turns_view(transcript: Transcript) -> list[dict[str, Any]]:
    """The turns as ``score --json`` prints them (a stable contract: speaker, role, text, start, end, ...)."""
    from .metrics import silence_before

    out = []
    for i, turn in enumerate(transcript.turns):
        item: dict[str, Any] = {
            "index": turn.index,
            "speaker": turn.name or turn.speaker,
            "role": "interviewer" if turn.speaker == TRAINEE else "interviewee",
            "text": turn.text,
            "start": turn.start,
            "end": turn.end,
        }
        if turn.speaker == TRAINEE:
            item.update({
                "label": turn.label,
                "flags": list(turn.flags),
                "silence_before": silence_before(transcript.turns, i),
                "confidence": turn.confidence,
                "reason": turn.reason,
                "rewrite": turn.rewrite,
            })
        out.append(item)
    return out


def _parse_line(line: str) -> tuple[dict[str, Any] | None, str | None]:
    try:
        data = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        return None, f"invalid JSON ({e.msg} at column {e.colno})"
    if not isinstance(data, dict):
        return None, f"expected a JSON object, got {type(data).__name__}"
    if "text" not in data:
        return None, "missing 'text'"
    if not isinstance(data["text"], str):
        return None, f"'text' must be a string, got {type(data['text']).__name__}"
    previous = data.get("previous")
    if previous is not None and not isinstance(previous, str):
        return None, f"'previous' must be a string or null, got {type(previous).__name__}"
    context = data.get("context")
    if context is not None and not isinstance(context, str) and not (
            isinstance(context, list) and all(isinstance(c, str) for c in context)):
        return None, "'context' must be a string or a list of strings (what the interviewee said earlier)"
    lang = data.get("lang")
    if lang is not None:
        from .classifier import LANGUAGES, primary_language

        if not isinstance(lang, str) or primary_language(lang) not in LANGUAGES:
            return None, f"'lang' {lang!r} has no question rules (use {', '.join(LANGUAGES)})"
    return data, None


def classify_stream(lines: Iterable[str], out: TextIO, err: TextIO, classifier: Any | None = None,
                    batch_size: int = BATCH_SIZE, language: str | None = None) -> int:
    """Classify JSON lines from ``lines`` into ``out``, in order; bad lines go to ``err``. Returns lines skipped.

    Each line's language is its ``"lang"``, else ``language`` (``--lang``), else guessed from its words
    (``scoring.langid``: the script for Korean and Chinese, function words for Dutch and English)."""
    from .classifier import classifier_for, primary_language
    from .langid import guess_language

    skipped = 0
    batch: list[dict[str, Any]] = []
    chosen: dict[str, Any] = {}
    if classifier is not None:
        chosen[getattr(classifier, "language", "en")] = classifier
    fixed = primary_language(language) if language else None

    def for_language(lang: str) -> Any:
        if lang not in chosen:
            chosen[lang] = classifier_for(lang)
        return chosen[lang]

    def flush() -> None:
        if not batch:
            return
        groups: dict[str, list[int]] = {}
        for n, item in enumerate(batch):
            lang = item.get("lang")
            lang = primary_language(lang) if lang else fixed or guess_language(item["text"], item.get("previous"))
            groups.setdefault(lang, []).append(n)
        verdicts: list[Any] = [None] * len(batch)
        for lang, members in groups.items():
            found = for_language(lang).classify_many(
                [(batch[n]["text"], batch[n].get("previous"), batch[n].get("context")) for n in members])
            for n, verdict in zip(members, found):
                verdicts[n] = verdict
        for item, verdict in zip(batch, verdicts):
            record = {
                "id": item.get("id"),
                "label": verdict.label.value,
                "flags": [f.value for f in verdict.flags],
                "confidence": round(float(verdict.confidence), 3),
                "reason": verdict.reason,
                "rewrite": verdict.rewrite,
                "rewrites": list(getattr(verdict, "rewrites", ()) or ()),
                "language": verdict.language,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
        batch.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item, problem = _parse_line(line)
        if problem:
            skipped += 1
            err.write(f"line {number}: {problem}; skipped\n")
            continue
        batch.append(item)  # type: ignore[arg-type]
        if len(batch) >= batch_size:
            flush()
    flush()
    return skipped


# Commands ---------------------------------------------------------------------------------------------


def classify_command(
    input_path: Path | None = typer.Option(None, "--input", "-i", help="JSON lines {id, text, previous}; default: stdin."),
    output_path: Path | None = typer.Option(None, "--output", "-o", help="Where to write JSON lines; default: stdout."),
    lang: Optional[str] = typer.Option(None, "--lang", help="The turns' language, a BCP-47 tag: en, nl, ko or zh "
                                       "(zh-Hans, nl-BE… read as their primary subtag); reasons and rewrites come out "
                                       "in it. Default: a line's own \"lang\", else guessed per line from its words."),
) -> None:
    """Label interviewer turns: JSON lines {id, text, previous, context, lang} in, {id, label, flags, confidence,
    reason, rewrite, rewrites, language} lines out."""
    classifier = _classifier_for_option(lang) if lang is not None else None
    try:
        source = input_path.open(encoding="utf-8") if input_path else sys.stdin
    except OSError as e:
        typer.echo(f"error: {input_path}: cannot read it ({e.strerror or e})", err=True)
        raise typer.Exit(2) from e
    try:
        sink = output_path.open("w", encoding="utf-8") if output_path else sys.stdout
    except OSError as e:
        typer.echo(f"error: {output_path}: cannot write it ({e.strerror or e})", err=True)
        raise typer.Exit(2) from e
    try:
        skipped = classify_stream(source, sink, sys.stderr, classifier=classifier, language=lang)
    except UnicodeDecodeError as e:
        typer.echo(f"error: {input_path or 'stdin'}: not UTF-8 text (byte {e.start})", err=True)
        raise typer.Exit(2) from e
    finally:
        if input_path:
            source.close()
        if output_path:
            sink.close()
    if skipped:
        typer.echo(f"{skipped} line(s) skipped", err=True)
        raise typer.Exit(1)


def _classifier_for_option(lang: str | None) -> Any | None:
    """The classifier for ``--lang`` (None: the default English one); exits with 2 for a language without rules."""
    from .classifier import LANGUAGES, classifier_for, primary_language

    primary = primary_language(lang)
    if primary not in LANGUAGES:
        typer.echo(f"error: --lang {lang!r}: no question rules for it (use {', '.join(LANGUAGES)})", err=True)
        raise typer.Exit(2)
    return None if primary == "en" else classifier_for(primary)


def _load_any(path: Path, fmt: str, interviewer: str | None, silence_threshold: float) -> Transcript:
    """The project's transcript JSON, or a caption/text/JSON file through the importer."""
    from simulator.importing import ImportProblem, load_transcript_file

    own_json = fmt == "json" or (fmt == "auto" and path.suffix.lower() == ".json")
    first_error: ScoringInputError | None = None
    if own_json and interviewer is None:
        try:
            return load_for_scoring(path, "json")
        except ScoringInputError as e:
            first_error = e  # maybe a plain [{speaker, text}] list: the importer reads those
    try:
        result = load_transcript_file(path, fmt, interviewer=interviewer, silence_threshold=silence_threshold)
    except ImportProblem as e:
        if first_error is not None:
            raise first_error from e
        raise ScoringInputError(str(e)) from e
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if result.interviewer_guessed:
        typer.echo(f"note: took {result.interviewer!r} as the interviewer (the speaker asking the most questions); "
                   "use --interviewer NAME to choose another", err=True)
    return result.transcript


def score_command(
    transcripts: list[Path] = typer.Argument(..., help="One or more transcripts: `simulate --json` output, WebVTT, SRT, "
                                             "text or JSON."),
    as_json: bool = typer.Option(False, "--json", help="Print {turns, metrics} as JSON (a list of {file, turns, "
                                 "metrics} for several files)."),
    fmt: str = typer.Option("auto", "--format", help="auto, vtt, srt, txt or json."),
    interviewer: Optional[str] = typer.Option(None, "--interviewer", help="The interviewer's name in the file."),
    silence_threshold: float = typer.Option(3.0, "--silence-threshold", help="Seconds of waiting that count as a silence."),
    lang: Optional[str] = typer.Option(None, "--lang", help="The interview's language: en, nl, ko or zh. Default: the "
                                       "transcript's own language (a `simulate --json` file records it), else en."),
) -> None:
    """Session metrics and the 0-100 score of transcripts (unlabelled interviewer turns are classified; several
    files show a progress bar on stderr; a file that cannot be read is reported and the others still scored)."""
    from .metrics import REFERENCE_LINES, compute_metrics

    if fmt not in ("auto", "vtt", "srt", "txt", "json"):
        typer.echo(f"error: unknown format {fmt!r} (expected auto, vtt, srt, txt or json)", err=True)
        raise typer.Exit(2)
    if lang is not None:
        _classifier_for_option(lang)  # an unknown language fails before the file is read
    from .classifier import LANGUAGES, primary_language

    results: list[tuple[Path, Transcript, Any]] = []
    failed = 0
    several = len(transcripts) > 1
    progress = typer.progressbar(transcripts, label="scoring", file=sys.stderr, show_pos=True) if several else None
    items = progress.__enter__() if progress is not None else transcripts
    try:
        for transcript in items:
            try:
                data = _load_any(transcript, fmt, interviewer, silence_threshold)
            except ScoringInputError as e:
                typer.echo(f"error: {e}", err=True)
                failed += 1
                continue
            if lang is not None:
                data.language = lang
            own = primary_language(data.language)
            # The table shows no rewrites (the JSON does): computing them was about a quarter of the CPU.
            label_unlabelled(data, _classifier_for_option(own if own in LANGUAGES else "en"), rewrites=as_json)
            results.append((transcript, data, compute_metrics(data, silence_threshold=silence_threshold)))
    finally:
        if progress is not None:
            progress.__exit__(None, None, None)
    if as_json:
        if several:
            typer.echo(json.dumps([{"file": str(path), "turns": turns_view(data), "metrics": metrics.to_dict()}
                                   for path, data, metrics in results], ensure_ascii=False, indent=2))
        elif results:
            path, data, metrics = results[0]
            typer.echo(json.dumps({"turns": turns_view(data), "metrics": metrics.to_dict()}, ensure_ascii=False,
                                  indent=2))
    else:
        typer.echo("\n\n".join(_table(path, data, metrics, REFERENCE_LINES) for path, data, metrics in results))
    if failed:
        raise typer.Exit(2)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def _table(path: Path, transcript: Transcript, metrics: Any, lines: dict[str, dict]) -> str:
    rows = [f"{path.name}: {transcript.persona_name or transcript.persona_id or 'interview'}, {len(transcript.turns)} turns", ""]
    rows.append(f"{'#':>3}  {'who':<11} {'label':<11} {'flags':<26} text")
    for turn in transcript.turns:
        who = turn.name or ("you" if turn.speaker == TRAINEE else "them")
        label = (turn.label or "") if turn.speaker == TRAINEE else ""
        flags = ",".join(turn.flags) if turn.speaker == TRAINEE else ""
        text = turn.display_text.replace("\n", " ")
        text = text if len(text) <= 70 else text[:69] + "…"
        rows.append(f"{turn.index:>3}  {who[:11]:<11} {label:<11} {flags[:26]:<26} {text}")
    rq, open_share = lines["rq_ratio"], lines["open_share"]
    rows += [
        "",
        f"Score: {metrics.score}/100" if metrics.score is not None else "Score: – (not scored: no trainee turns)",
        *(f"  {name:<10} {value if value is not None else 'n/a':>6} x {metrics.score_breakdown['weights'].get(name, 0):.2f}"
          for name, value in metrics.score_breakdown["components"].items()),
        "",
        "Labels: " + ", ".join(f"{k} {v}" for k, v in metrics.label_counts.items() if v),
        "Flags: " + (", ".join(f"{k} {v}" for k, v in metrics.flag_counts.items() if v) or "none"),
        f"Open questions: {_pct(metrics.open_share)} of {metrics.questions} questions "
        f"(fair {_pct(open_share['fair'])}, good {_pct(open_share['good'])})",
        "Reflections per question: " + ("n/a" if metrics.rq_ratio is None else f"{metrics.rq_ratio:.2f}")
        + f" (fair {rq['fair']:g}, good {rq['good']:g})",
        f"Talk ratio: {_pct(metrics.talk_ratio)} of the words; longest monologue {metrics.longest_monologue_words} words",
        f"Silences: {metrics.silences} ({metrics.well_placed_silences} well placed)",
    ]
    if metrics.insights_total:
        rows.append(f"Insights: {len(metrics.insights_uncovered)} of {metrics.insights_total} uncovered"
                    + (f", {len(metrics.insights_contaminated)} after a leading question" if metrics.insights_contaminated else ""))
    else:
        rows.append("Insights: no insight list in this transcript (left out of the score)")
    return "\n".join(rows)


def learn_examples(lines: Iterable[str], target: Path, *, language: str | None = None,
                   source: str = "coach labels") -> tuple[int, int, list[str]]:
    """Add coach-labelled turns (the Agreement page's JSON lines: ``id``, ``text``, ``previous``, ``label``, optional
    ``flags``/``lang``) to the team example file ``target``. Returns (added, already there, problems): a turn
    already in the file (same text and previous) is replaced by the newer label, not added twice."""
    from .classifier import Example, primary_language

    problems: list[str] = []
    incoming: dict[str, dict[str, Any]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"line {number}: invalid JSON ({e.msg} at column {e.colno}); skipped")
            continue
        if not isinstance(data, dict):
            problems.append(f"line {number}: expected a JSON object, got {type(data).__name__}; skipped")
            continue
        if data.get("lang") is None:
            data["lang"] = primary_language(language) if language else None
        if not data.get("lang"):
            from .langid import guess_language

            data["lang"] = guess_language(str(data.get("text") or ""), data.get("previous"))
        data.setdefault("flags", [])
        try:
            example = Example.from_dict(data, where=f"line {number}")
        except ValueError as e:
            problems.append(f"{e}; skipped")
            continue
        key = _learn_key(example.text, example.previous)
        incoming[key] = {"id": str(data.get("id") or f"team-{number}"), "text": example.text,
                         "previous": example.previous, "label": example.label.value,
                         "flags": [f.value for f in example.flags], "lang": example.lang, "source": source}
    existing: list[dict[str, Any]] = []
    if target.exists():
        for number, line in enumerate(target.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    existing.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ScoringInputError(f"{target}:{number}: invalid JSON ({e.msg}); fix or remove that line") from e
    replaced = 0
    kept = []
    for row in existing:
        if _learn_key(row.get("text"), row.get("previous")) in incoming:
            replaced += 1
            continue
        kept.append(row)
    rows = kept + list(incoming.values())
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    tmp.replace(target)
    return len(incoming) - replaced, replaced, problems


def _learn_key(text: Any, previous: Any) -> str:
    norm = lambda v: " ".join(str(v or "").lower().split())  # noqa: E731
    return norm(text) + "|" + norm(previous)


def learn_command(
    labels: Path = typer.Argument(..., help="Coach-labelled turns: the JSON lines the Agreement page exports."),
    target: Optional[Path] = typer.Option(None, "--to", help="The team example file (default: "
                                          "$INTERVIEW_SIM_TEAM_EXAMPLES, else data/team_examples.jsonl)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="The turns' language when a line has no \"lang\" "
                                       "(default: guessed from its words)."),
) -> None:
    """Teach the classifier a team's coach labels: add them to the team example file it loads beside its own."""
    from .classifier import LANGUAGES, primary_language, team_examples_path

    if lang is not None and primary_language(lang) not in LANGUAGES:
        typer.echo(f"error: --lang {lang!r}: no question rules for it (use {', '.join(LANGUAGES)})", err=True)
        raise typer.Exit(2)
    destination = target or team_examples_path()
    try:
        with labels.open(encoding="utf-8") as source:
            added, replaced, problems = learn_examples(source, destination, language=lang, source=labels.name)
    except FileNotFoundError as e:
        typer.echo(f"error: {labels}: no such file (export it from the coach Agreement page)", err=True)
        raise typer.Exit(2) from e
    except UnicodeDecodeError as e:
        typer.echo(f"error: {labels}: not UTF-8 text (byte {e.start})", err=True)
        raise typer.Exit(2) from e
    except ScoringInputError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    except OSError as e:
        typer.echo(f"error: cannot write {destination} ({e.strerror or e}); choose another file with --to", err=True)
        raise typer.Exit(2) from e
    for problem in problems:
        typer.echo(f"{labels}: {problem}", err=True)
    typer.echo(f"{added} turn(s) added, {replaced} updated in {destination}; the classifier reads them beside its "
               "own examples from the next start.")
    if problems and not (added or replaced):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``classify``, ``score`` and the ``scoring`` group (``scoring learn``, ``scoring classify``, ``scoring
    score``) to the ``interview-sim`` app (calling it twice adds them once)."""
    existing = {getattr(c, "name", None) or getattr(getattr(c, "callback", None), "__name__", None)
                for c in app.registered_commands}
    if "classify" not in existing:
        app.command("classify")(classify_command)
    if "score" not in existing:
        app.command("score")(score_command)
    groups = {getattr(g, "name", None) for g in app.registered_groups}
    if "scoring" not in groups:
        group = typer.Typer(help="Scoring tools: learn from coach labels, classify turns, score transcripts.",
                            no_args_is_help=True)
        group.command("learn")(learn_command)
        group.command("classify")(classify_command)
        group.command("score")(score_command)
        app.add_typer(group, name="scoring")
