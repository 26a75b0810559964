"""The ``interview-sim`` command line: personas, simulate, chat, classify, score, sessions, export."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    from .persona import LoadReport, Persona

# simulator.persona (pydantic, yaml) is imported by the commands that read persona files, not at start:
# `interview-sim score` and `classify` never need it.

app = typer.Typer(
    name="interview-sim",
    help="Practise customer interviews on simulated customers, with coaching on every question.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
personas_app = typer.Typer(help="List, validate and check persona files.", no_args_is_help=True)
app.add_typer(personas_app, name="personas")


# Reply backend options, shared by simulate, chat and personas check; unset ones come from the
# configuration (simulator/config.py: interview-sim.toml, INTERVIEW_SIM_* variables).
_BACKEND_OPT = typer.Option(None, "--backend", help="Reply backend: authored, transformers or openai "
                            "(default: configuration, else authored).")
_MODEL_PATH_OPT = typer.Option(None, "--model-path", help="transformers: a model folder or a .gguf file.")
_GGUF_FILE_OPT = typer.Option(None, "--gguf-file", help="transformers: the .gguf file inside --model-path.")
_BASE_URL_OPT = typer.Option(None, "--base-url", help="openai: the server's root, e.g. http://127.0.0.1:8000/v1.")
_MODEL_OPT = typer.Option(None, "--model", help="openai: the model name the server serves.")


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _report(paths: list[Path] | None) -> LoadReport:
    from .persona import load_personas

    return load_personas(paths or None)


def _print_errors(report: LoadReport) -> None:
    for error in report.errors:
        typer.echo(str(error), err=True)


@personas_app.command("list")
def personas_list(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List the personas found in the persona folders."""
    report = _report(None)
    rows = [
        {
            "id": p.id,
            "name": p.name,
            "language": p.language,
            "domain": p.domain,
            "relationship": p.traits.relationship,
            "style": p.style_summary,
            "difficulty": p.difficulty,
            "topics": len(p.topics),
            "insights": len(p.insights),
            "file": report.sources[p.id],
        }
        for p in report.personas.values()
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            typer.echo(
                f"{row['id']:<28} {row['name']:<20} {row['language']:<4} {row['domain']:<28} "
                f"{row['relationship']:<13} {row['difficulty']:<7} {row['topics']:>2} topics "
                f"{row['insights']:>2} insights"
            )
    _print_errors(report)


@personas_app.command("validate")
def personas_validate(
    paths: Optional[list[Path]] = typer.Argument(None, help="Files or folders (default: the persona folders)."),
) -> None:
    """Validate persona files: every problem is printed with its file, field and fix."""
    report = _report(paths)
    for pid, source in report.sources.items():
        typer.echo(f"ok   {source} ({pid})")
    if paths:
        from .persona import shipped_id_clashes

        for warning in shipped_id_clashes(report):
            typer.echo(f"warning: {warning}", err=True)
    _print_errors(report)
    if report.errors:
        raise typer.Exit(1)


@personas_app.command("check")
def personas_check(
    paths: Optional[list[Path]] = typer.Argument(None, help="Files or folders (default: the persona folders)."),
    backend: Optional[str] = _BACKEND_OPT,
    model_path: Optional[str] = _MODEL_PATH_OPT,
    gguf_file: Optional[str] = _GGUF_FILE_OPT,
    base_url: Optional[str] = _BASE_URL_OPT,
    model: Optional[str] = _MODEL_OPT,
    coverage: bool = typer.Option(False, "--coverage", help="Instead of the probes, ask the question bank in "
                                  "each persona's language and show where every question lands."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Only personas in this language (en, nl, ko, zh)."),
    as_json: bool = typer.Option(False, "--json", help="With --coverage: print JSON."),
    min_coverage: float = typer.Option(90.0, "--min-coverage", help="With --coverage: fail below this percentage."),
) -> None:
    """Run golden probes on each persona (leading, closed, open, injection); non-zero exit on failure.

    With a model backend, also reports how many generated replies the guards rejected, per reason.
    With --coverage, asks the common-question bank instead (see personas/README.md).
    """
    from .checks import authoring_warnings, run_checks

    report = _report(paths)
    _print_errors(report)
    if lang:
        from .textutil import language_of

        report.personas = {k: p for k, p in report.personas.items() if language_of(p.language) == language_of(lang)}
    replies = _CountingBackend(_reply_backend(backend, model_path, gguf_file, base_url, model))
    engine = _engine(replies)
    failed = bool(report.errors)
    if coverage:
        _coverage(engine, report, as_json, min_coverage, failed)
        return
    for persona in report.personas.values():
        before, generated = engine.guard_rejections.copy(), replies.calls
        results = run_checks(engine, persona)
        bad = [r for r in results if not r.ok]
        status = "FAIL" if bad else "ok  "
        typer.echo(f"{status} {report.sources[persona.id]}: {len(results) - len(bad)}/{len(results)} probes passed")
        for r in bad:
            typer.echo(f"     - {r.name}: {r.detail}")
        for warning in authoring_warnings(persona):  # works, but could sound better: no failure
            typer.echo(f"     warning: {warning}")
        if replies.name != "authored":
            typer.echo(f"     {_rejections(engine.guard_rejections - before, replies.calls - generated)}")
        failed = failed or bool(bad)
    if replies.name != "authored":
        typer.echo(f"all personas ({replies.name}): {_rejections(engine.guard_rejections, replies.calls)}")
    if failed:
        raise typer.Exit(1)


def _coverage(engine, report: LoadReport, as_json: bool, min_coverage: float, failed: bool) -> None:
    """``personas check --coverage``: every bank question per persona, where it lands, and a summary."""
    from .checks import run_coverage

    results = []
    for persona in report.personas.values():
        cov = run_coverage(engine, persona)
        results.append(cov)
        low = 100 * cov.rate < min_coverage
        failed = failed or low
        if as_json:
            continue
        typer.echo(f"== {report.sources[persona.id]} ({cov.bank})")
        for row in cov.rows:
            mark = "   " if row.ok else "-- "
            typer.echo(f"{mark}[{row.section}] {row.question}  ->  {row.lands}")
        counts = cov.counts()
        typer.echo(f"{'FAIL' if low else 'ok  '} {persona.id}: {100 * cov.rate:.1f}% ({cov.answered}/{len(cov.rows)}) "
                   f"answered on a topic or with a natural abstention; {counts['topic']} topic, {counts['clarify']} "
                   f"asks back, {counts['no_experience']} no experience, {counts['break_character']} in character, "
                   f"{counts['dont_know']} don't know, {counts['reaction']} stock reaction")
        unused = [t.id for t in persona.topics if t.id not in cov.topics()]
        if unused:
            typer.echo(f"     topics no bank question reached: {', '.join(unused)}")
    if as_json:
        typer.echo(json.dumps([c.to_dict() for c in results], ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(1)


class _CountingBackend:
    """Passes every request to a backend and counts them (how many replies were generated)."""

    def __init__(self, backend) -> None:
        self.backend = backend
        self.name = backend.name
        self.calls = 0

    def generate(self, request):
        self.calls += 1
        return self.backend.generate(request)


def _rejections(counts, generated: int) -> str:
    rejected = sum(counts.values())
    detail = ", ".join(f"{reason} {n}" for reason, n in counts.most_common())
    return f"guard rejected {rejected} of {generated} generated replies" + (f" ({detail})" if detail else "")


def _reply_backend(backend: str | None, model_path: str | None, gguf_file: str | None,
                   base_url: str | None, model: str | None):
    """The reply backend from the options and the configuration; falls back to authored with a note."""
    from .config import ConfigError, backend_from_config, load_config

    overrides = {"backend": backend, "model_path": model_path, "gguf_file": gguf_file, "base_url": base_url,
                 "model": model}
    try:
        config = load_config(overrides=overrides)
    except ConfigError as e:
        _fail(str(e))
    if config.backend != "authored":
        typer.echo(f"Starting the {config.backend} reply backend…", err=True)
    chosen, note = backend_from_config(config)
    if note:
        typer.echo(f"note: {note}", err=True)
    return chosen


def _engine(backend=None):
    from .embeddings import get_embedder
    from .engine import Engine
    from .guards import ReplyGuard

    typer.echo("Loading the language models…", err=True)
    embedder = get_embedder()
    return Engine(embedder=embedder, backend=backend, guard=ReplyGuard(embedder))


def _load_persona(id_or_path: str) -> Persona:
    from .persona import PersonaError, find_persona

    try:
        return find_persona(id_or_path)
    except PersonaError as e:
        _fail(str(e))
        raise  # unreachable: _fail exits


def read_script(path: Path) -> list[str | None]:
    """Script lines: one trainee turn per line; ``[silence]`` is a silence turn; ``#`` starts a comment."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        _fail(f"{path}: cannot read the script ({e})")
    turns: list[str | None] = []
    for line in raw.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        turns.append(None if stripped.lower() == "[silence]" else stripped)
    return turns


@app.command()
def simulate(
    persona: Optional[str] = typer.Option(None, "--persona", "-p", help="Persona id or path to a YAML file."),
    script: Path = typer.Option(..., "--script", "-s", help="One trainee turn per line; [silence]; # comments."),
    seed: int = typer.Option(0, "--seed", help="Seed for the choice of phrasings."),
    as_json: bool = typer.Option(False, "--json", help="Print the transcript as JSON."),
    branch_at: Optional[int] = typer.Option(None, "--branch-at", help="Replay --base to this trainee turn and "
                                            "go on with --script instead; prints both interviews as JSON."),
    base: Optional[str] = typer.Option(None, "--base", help="With --branch-at: a stored session id, a transcript "
                                       ".json or a script .txt to branch from."),
    database_url: Optional[str] = typer.Option(None, "--database-url", help="With --base SESSION_ID: the store."),
    backend: Optional[str] = _BACKEND_OPT,
    model_path: Optional[str] = _MODEL_PATH_OPT,
    gguf_file: Optional[str] = _GGUF_FILE_OPT,
    base_url: Optional[str] = _BASE_URL_OPT,
    model: Optional[str] = _MODEL_OPT,
) -> None:
    """Run a scripted interview against a persona (or, with --branch-at, a branch of another interview)."""
    if branch_at is not None:
        from .practice_cli import branch_main

        branch_main(persona=persona, base=base, branch_at=branch_at, script=script, database_url=database_url,
                    seed=seed, read_script=read_script, load_persona=_load_persona,
                    make_engine=lambda: _engine(_reply_backend(backend, model_path, gguf_file, base_url, model)))
        return
    if persona is None:
        _fail("--persona is required: the persona id or a path to its YAML file")
    chosen = _load_persona(persona)
    turns = read_script(script)
    if not turns:
        _fail(f"{script}: the script has no turns (only empty lines or # comments); write one question per "
              "line, or [silence] for a pause")
    engine = _engine(_reply_backend(backend, model_path, gguf_file, base_url, model))
    session = engine.start(chosen, seed=seed)
    for text in turns:
        session.ask(text)
    if as_json:
        typer.echo(session.transcript.to_json(indent=2))
        return
    for turn in session.transcript.turns:
        if turn.speaker == "trainee":
            flags = f" +{','.join(turn.flags)}" if turn.flags else ""
            typer.echo(f"YOU      [{turn.label}{flags}] {turn.display_text}")
        else:
            extra = f" (topic {turn.topic}" + (f", insights {', '.join(turn.insights)}" if turn.insights else "") + ")" \
                if turn.topic else ""
            if turn.guard:
                extra += f" [authored: {turn.guard}]"
            typer.echo(f"{chosen.name.split()[0].upper():<8} {turn.text}{extra}")
    summary = session.transcript.summary()
    typer.echo(f"\nInsights uncovered: {len(summary['insights_uncovered'])} of {summary['insights_total']}")


@app.command()
def chat(
    persona: str = typer.Option(..., "--persona", "-p", help="Persona id or path to a YAML file."),
    seed: int = typer.Option(0, "--seed"),
    backend: Optional[str] = _BACKEND_OPT,
    model_path: Optional[str] = _MODEL_PATH_OPT,
    gguf_file: Optional[str] = _GGUF_FILE_OPT,
    base_url: Optional[str] = _BASE_URL_OPT,
    model: Optional[str] = _MODEL_OPT,
) -> None:
    """Interview a persona in the terminal. An empty line is a silence; /quit ends."""
    chosen = _load_persona(persona)
    engine = _engine(_reply_backend(backend, model_path, gguf_file, base_url, model))
    session = engine.start(chosen, seed=seed)
    name = chosen.name.split()[0]
    typer.echo(f"You are interviewing {chosen.name}: {chosen.summary}\nGoal: {chosen.research_goal}")
    typer.echo("(empty line = stay silent, /quit to end)\n")
    typer.echo(f"{name}: {chosen.opening_line}")
    while True:
        try:
            text = input("you> ")
        except (EOFError, KeyboardInterrupt):
            typer.echo()
            break
        if text.strip() in {"/quit", "/exit"}:
            break
        reply = session.send(text)
        sys.stdout.write(f"{name}: ")
        for chunk in reply.stream():
            sys.stdout.write(chunk)
            sys.stdout.flush()
        sys.stdout.write("\n")
        if reply.persona is not None and reply.persona.guard:
            # The generated text was rejected (or failed): the authored line is what was said.
            typer.echo(f"{name} (authored, {reply.persona.guard}): {reply.persona.text}")
        t = reply.trainee
        flags = f" +{','.join(t.flags)}" if t.flags else ""
        coaching = f"   [{t.label}{flags}] {t.reason or ''}"
        if t.rewrite:
            coaching += f"\n   try: {t.rewrite}"
        typer.echo(coaching, err=True)
    summary = session.transcript.summary()
    typer.echo(f"Insights uncovered: {len(summary['insights_uncovered'])} of {summary['insights_total']}")


def _register_subcommands() -> None:
    # Each part of the domain adds its own commands; keeps this file a table of contents.
    from scoring import cli as scoring_cli

    scoring_cli.register(app)
    from simulator import store_cli; store_cli.register(app)
    from simulator import practice_cli; practice_cli.register(app)


def main() -> None:
    _register_subcommands()
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
