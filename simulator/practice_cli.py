"""Practice commands: ``simulate --branch-at N`` (called from ``simulate``) and ``guide check``.

    interview-sim simulate --base SESSION_ID|TRANSCRIPT.json|SCRIPT.txt --branch-at 3 --script ALT.txt
    interview-sim guide check GUIDE.md --persona maria-grocery-lapsed [--json]
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, NoReturn, Optional

import typer

__all__ = ["register", "branch_main", "load_base"]

guide_app = typer.Typer(help="Coach a discussion guide before the interview.", no_args_is_help=True)


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def load_base(base: str, *, database_url: str | None = None, read_script: Callable[[Path], list]) -> Any:
    """The interview to branch from: a transcript JSON file, a script file (lines, run now), or a stored
    session id (or an unambiguous prefix of one). Returns a Transcript or a list of script lines."""
    from .transcript import Transcript

    path = Path(base)
    if path.exists():
        if path.suffix.lower() == ".json":
            try:
                return Transcript.from_json(path.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError) as e:
                _fail(f"{path}: not a transcript JSON (as `simulate --json` or the report's JSON download "
                      f"writes): {e}")
        lines = read_script(path)
        if not lines:
            _fail(f"{path}: the script has no turns; write one question per line")
        return lines
    if not re.fullmatch(r"[0-9a-fA-F]{4,32}", base.strip()):
        _fail(f"--base {base!r}: no such file, and not a session id; give a transcript .json, a script .txt, "
              "or a stored session id (see `interview-sim sessions list`)")
    from .store import Store, StoreError, resolve_url

    try:
        url = resolve_url(database_url)
        if url.get_backend_name() == "sqlite" and not Path(url.database).exists():
            _fail(f"--base {base!r}: no store at {url.database} to find the session in (give --database-url)")
        with Store(url) as store:
            return store.load(store.find_session(base))
    except StoreError as e:
        _fail(f"--base {base!r}: {e}")


def branch_main(*, persona: Optional[str], base: Optional[str], branch_at: int, script: Path,
                database_url: Optional[str], seed: int, read_script: Callable[[Path], list],
                load_persona: Callable[[str], Any], make_engine: Callable[[], Any]) -> None:
    """``simulate --branch-at``: replay ``base`` to turn ``branch_at``, go on with ``script``, print JSON."""
    from .branching import BranchError, simulate_branch
    from .transcript import Transcript

    if not base:
        _fail("--branch-at needs --base: the interview to branch from (a session id, a transcript .json or a "
              "script .txt)")
    alternative = read_script(script)
    if not alternative:
        _fail(f"{script}: the script has no turns; write the questions to ask from turn {branch_at} on")
    source = load_base(base, database_url=database_url, read_script=read_script)
    if persona is None:
        if not isinstance(source, Transcript):
            _fail("--persona is needed when --base is a script")
        persona = source.persona_id
    chosen = load_persona(persona)
    if isinstance(source, Transcript) and source.persona_id and source.persona_id != chosen.id:
        _fail(f"--base is an interview with {source.persona_id!r}, not {chosen.id!r}; leave out --persona")
    engine = make_engine()
    try:
        out = simulate_branch(engine, chosen, source, branch_at, alternative, seed=seed)
    except BranchError as e:
        _fail(f"--branch-at {branch_at}: {e}")
    typer.echo(json.dumps(out, ensure_ascii=False, indent=2))


@guide_app.command("check")
def guide_check(
    path: Path = typer.Argument(..., help="The guide: a text or Markdown file, one question per line."),
    persona: str = typer.Option(..., "--persona", "-p", help="Persona id or path (its language labels the guide)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Label every planned question like a live one, and check the order against the interview funnel."""
    from scoring.guide import GuideError, check_guide, parse_guide

    from .cli import _load_persona

    try:
        raw = path.read_bytes()
    except OSError as e:
        _fail(f"{path}: cannot read the guide ({e.strerror or e})")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        _fail(f"{path}: not UTF-8 text (byte {e.start}); save the guide as UTF-8 text or Markdown")
    try:
        items = parse_guide(text, source=str(path))
    except GuideError as e:
        _fail(str(e))
    chosen = _load_persona(persona)
    report = check_guide(items, _classifier(chosen.language), language=chosen.language)
    if as_json:
        typer.echo(json.dumps({"persona": chosen.id, **report.to_dict()}, ensure_ascii=False, indent=2))
        return
    section = object()
    for item in report.items:
        if item.section != section and item.section:
            typer.echo(f"\n## {item.section}")
        section = item.section
        flags = f" +{','.join(item.flags)}" if item.flags else ""
        typer.echo(f"Q{item.number:<3} [{item.label}{flags}] ({item.stage}) {item.text}")
        if item.label in ("leading", "closed") or item.flags:
            if item.reason:
                typer.echo(f"      {item.reason}")
            if item.rewrite:
                typer.echo(f"      try: {item.rewrite}")
    typer.echo("")
    if not report.warnings:
        typer.echo("Order: broad and open first, specific later, no solution talk before the problem. Good.")
    for warning in report.warnings:
        typer.echo(f"order warning ({warning.code}): {warning.message}")


def _classifier(language: str):
    from scoring.classifier import classifier_for

    from .embeddings import get_embedder

    typer.echo("Loading the scorer…", err=True)
    return classifier_for(language, embedder=get_embedder(language=(language or "en").split("-")[0]))


def register(app: typer.Typer) -> None:
    app.add_typer(guide_app, name="guide")
