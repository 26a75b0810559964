"""Persona files: the versioned YAML schema, loading with clear errors, and cross-file checks.

A persona is data only. Teams add one by dropping a YAML file into ``personas/`` (or into a folder
listed in ``INTERVIEW_SIM_PERSONAS``); ``personas/README.md`` documents every field.
"""

from __future__ import annotations

import difflib
import os
import re
import reprlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

__all__ = [
    "LAYERS",
    "Persona",
    "Topic",
    "Insight",
    "PersonaError",
    "LoadReport",
    "load_persona",
    "load_personas",
    "persona_dirs",
    "find_persona",
    "check_across",
    "shipped_id_clashes",
    "MAX_PERSONA_BYTES",
]

SCHEMA_VERSION = 1
LAYERS: tuple[str, ...] = ("surface", "detail", "deep")
PERSONAS_ENV = "INTERVIEW_SIM_PERSONAS"
BUILTIN_DIR = Path(__file__).resolve().parent.parent / "personas"

# The largest shipped persona is under 30 KB; a file twenty times that is no hand-written persona, and
# everything downstream (validation, the engine's index, `personas check`) grows with it.
MAX_PERSONA_BYTES = 512 * 1024
# YAML aliases (*name) may repeat a node, but the data they expand to stays bounded: at most this many
# units (a character of text, or a list/mapping entry), twice what the largest allowed file holds.
MAX_EXPANDED_UNITS = 2 * MAX_PERSONA_BYTES
# One line per problem; after this many the rest are counted.
MAX_PROBLEMS = 25

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

Lines = list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _non_empty_lines(value: list[str], what: str) -> list[str]:
    cleaned = [v for v in value if v]
    if not cleaned:
        raise ValueError(f"needs at least one {what}")
    return cleaned


class Traits(_Strict):
    """The traits a research team samples interviewees on."""

    age: int | None = Field(default=None, ge=12, le=110)
    life_stage: str | None = None
    customer_since: str | None = None
    buying_role: str | None = None
    budget: str | None = None
    problem: str | None = None
    relationship: Literal["promoter", "passive", "detractor", "non-customer"]
    occupation: str | None = None
    location: str | None = None


class Style(_Strict):
    """How the persona talks. Style changes replies, not only their wording."""

    formality: Literal["formal", "casual"] = "casual"
    directness: Literal["direct", "indirect"] = "direct"
    verbosity: Literal["terse", "average", "talkative"] = "average"
    warmth: Literal["low", "medium", "high"] = "medium"


class Topic(_Strict):
    """Something the persona knows about, in layers that open up with good technique."""

    id: str
    title: str
    examples: Lines = Field(min_length=1)
    keywords: Lines = Field(default_factory=list)
    surface: Lines = Field(min_length=1)
    detail: Lines = Field(default_factory=list)
    deep: Lines = Field(default_factory=list)
    closed: Lines = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"id '{_show(v)}' must be lowercase letters, digits, '-' or '_'")
        return v

    @field_validator("examples", "surface")
    @classmethod
    def _lines(cls, v: list[str]) -> list[str]:
        return _non_empty_lines(v, "line")

    def layer(self, name: str) -> list[str]:
        return list(getattr(self, name))


class Insight(_Strict):
    """A finding the trainee is meant to uncover, revealed by one layer of one topic."""

    id: str
    finding: str
    topic: str
    layer: Literal["surface", "detail", "deep"]
    hint: str | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"id '{_show(v)}' must be lowercase letters, digits, '-' or '_'")
        return v


class Reactions(_Strict):
    """Lines in the persona's voice for each kind of interviewer move."""

    greeting: Lines = Field(min_length=1)
    thanks: Lines = Field(min_length=1)
    closing: Lines = Field(min_length=1)
    closed: Lines = Field(min_length=1)
    leading: Lines = Field(min_length=1)
    pitch: Lines = Field(min_length=1)
    hypothetical: Lines = Field(min_length=1)
    # Her answer when a future is to be put in a number ("How much would you pay for it?", "How often would you use
    # it?"): a vague, unreliable guess, as people give. Optional: without it, her language's own hedge.
    guess: Lines = Field(default_factory=list)
    unknown: Lines = Field(min_length=1)
    break_character: Lines = Field(min_length=1)
    silence: Lines = Field(min_length=1)
    silence_end: Lines = Field(min_length=1)
    reflection: Lines = Field(min_length=1)
    acknowledge: Lines = Field(min_length=1)


class Rapport(_Strict):
    initial: float = 0.0
    deep_threshold: float | None = Field(default=None, ge=0)


class Persona(_Strict):
    """One simulated interviewee. ``version: 1`` is the only schema version so far."""

    version: Literal[1]
    id: str
    name: str
    language: str = "en"
    summary: str
    domain: str
    context: str
    research_goal: str
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    traits: Traits
    style: Style = Field(default_factory=Style)
    opening_line: str
    rapport: Rapport = Field(default_factory=Rapport)
    topics: list[Topic] = Field(min_length=1)
    insights: list[Insight] = Field(default_factory=list)
    reactions: Reactions

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError(f"id '{_show(v)}' must be lowercase letters, digits, '-' or '_'")
        return v

    @field_validator("language")
    @classmethod
    def _language(cls, v: str) -> str:
        if not _LANG.match(v):
            raise ValueError(f"'{_show(v)}' is not a BCP-47 language tag (e.g. en, nl, ko, zh, en-GB)")
        return v

    @model_validator(mode="after")
    def _references(self) -> "Persona":
        topic_ids = [t.id for t in self.topics]
        seen: set[str] = set()
        for i, tid in enumerate(topic_ids):
            if tid in seen:
                raise _LocatedError(("topics", i, "id"), f"duplicate topic id '{_show(tid)}'")
            seen.add(tid)
        seen_insights: set[str] = set()
        by_id = {t.id: t for t in self.topics}
        for i, insight in enumerate(self.insights):
            if insight.id in seen_insights:
                raise _LocatedError(("insights", i, "id"), f"duplicate insight id '{_show(insight.id)}'")
            seen_insights.add(insight.id)
            topic = by_id.get(insight.topic)
            if topic is None:
                raise _LocatedError(
                    ("insights", i, "topic"),
                    f"unknown topic '{_show(insight.topic)}'{_suggest(insight.topic, topic_ids)}",
                )
            if not topic.layer(insight.layer):
                raise _LocatedError(
                    ("insights", i, "layer"),
                    f"topic '{topic.id}' has no {insight.layer} lines to reveal this insight; "
                    f"add some under topics -> {topic.id} -> {insight.layer}",
                )
        return self

    # Convenience ---------------------------------------------------------------------------
    def topic(self, topic_id: str) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(topic_id)

    def insights_for(self, topic_id: str, layer: str) -> list[Insight]:
        return [i for i in self.insights if i.topic == topic_id and i.layer == layer]

    @property
    def style_summary(self) -> str:
        s = self.style
        return f"{s.formality}, {s.directness}, {s.verbosity}, {s.warmth} warmth"

    @property
    def deep_threshold(self) -> float:
        if self.rapport.deep_threshold is not None:
            return self.rapport.deep_threshold
        return {"high": 2.0, "medium": 3.0, "low": 4.0}[self.style.warmth]


class _LocatedError(ValueError):
    """A model-level check that knows which field it is about."""

    def __init__(self, loc: tuple, message: str) -> None:
        super().__init__(message)
        self.loc = loc
        self.message = message


# Errors ------------------------------------------------------------------------------------


@dataclass
class PersonaError(Exception):
    """Everything wrong with one persona file, one line per problem."""

    path: str
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(f"{self.path}: {p}" for p in self.problems)


def _suggest(value: Any, options: Iterable[str]) -> str:
    if not isinstance(value, str) or len(value) > 100:
        return ""  # nobody misspells a field name as a list or a paragraph
    close = difflib.get_close_matches(value, list(options), n=1)
    return f" — did you mean '{_show(close[0])}'?" if close else ""


# Containers are shown a few items and levels deep: a value may be a YAML alias expanded a billion times.
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxtuple, _REPR.maxdict, _REPR.maxset = 2, 4, 4, 4, 4
_REPR.maxstring, _REPR.maxother, _REPR.maxlong = 80, 80, 40


def _show(value: Any, limit: int = 60) -> str:
    """A value as it can be printed on one line of an error message: cut *before* it is formatted."""
    text = value[: limit + 1] if isinstance(value, str) else _REPR.repr(value)
    if not text.isprintable():
        text = repr(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(value: Any, limit: int = 60) -> str:
    """A value as Python would write it (``'old'``, ``['a', 'b']``), bounded like :func:`_show`."""
    text = _REPR.repr(value[: limit + 1] if isinstance(value, str) else value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _loc(loc: Iterable[Any]) -> str:
    return " -> ".join(_show(p) for p in loc)


def _model_for(loc: tuple) -> type[BaseModel] | None:
    """Walk the schema along ``loc`` to find the model whose fields are listed there."""
    model: Any = Persona
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return None
        annotation = fields[part].annotation
        args = getattr(annotation, "__args__", ()) or ()
        candidates = [annotation, *args]
        model = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if model is None:
            return None
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _explain(error: dict) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    where = _loc(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = re.findall(r"'([^']*)'|(\d+)", expected)
        names = [a or b for a, b in options]
        field_name = str(loc[-1]) if loc else "value"
        if field_name == "version":
            if isinstance(value, str) and value.strip() == str(SCHEMA_VERSION):
                return (f"{where}: written as text (\"{_show(value)}\"); write version: {SCHEMA_VERSION} "
                        "without quotes — it is a number")
            return f"{where}: unsupported schema version {_quoted(value)} (this program reads version: 1)"
        return f"{where}: unknown {field_name} '{_show(value)}' (expected {', '.join(names)})"
    if kind == "missing":
        return f"{where}: missing — add this field (see personas/README.md)"
    if kind == "extra_forbidden":
        parent = _model_for(loc[:-1])
        known = list(parent.model_fields) if parent else []
        hint = _suggest(loc[-1], known)
        if not hint and known:
            hint = f" (allowed: {', '.join(known)})"
        return f"{where}: unknown field '{_show(loc[-1])}'{hint} — remove it or fix its spelling"
    if kind == "too_short":
        return f"{where}: is empty — give at least one entry"
    if kind in {"string_type", "list_type", "int_type", "int_parsing", "float_type", "float_parsing", "model_type", "dict_type"}:
        expected = {
            "string_type": "a text",
            "list_type": "a list (lines starting with '- ')",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "float_type": "a number",
            "float_parsing": "a number",
            "model_type": "a mapping (key: value lines)",
            "dict_type": "a mapping (key: value lines)",
        }[kind]
        return f"{where}: expected {expected}, got {type(value).__name__} {_quoted(value)}"
    if kind in {"greater_than_equal", "less_than_equal"}:
        return f"{where}: {_quoted(value)} is out of range ({_show(error['msg'], 100).lower()})"
    if kind == "value_error":
        exc = ctx.get("error")
        if isinstance(exc, _LocatedError):
            return f"{_loc(exc.loc)}: {exc.message}"
        message = str(exc) if exc is not None else error["msg"]
        return f"{where}: {_show(message, 300)}"
    return f"{where}: {_show(error['msg'], 300)}"


def parse_persona(data: Any, path: str) -> Persona:
    """Validate already-parsed YAML data; raise :class:`PersonaError` with every problem."""
    if not isinstance(data, dict):
        raise PersonaError(path, ["the file must be a mapping of fields (name: ..., topics: ...), not "
                                  f"{type(data).__name__}"])
    try:
        return Persona.model_validate(data)
    except ValidationError as e:
        errors = e.errors(include_url=False, include_context=True)
        problems = [_explain(err) for err in errors[:MAX_PROBLEMS]]
        if len(errors) > MAX_PROBLEMS:
            problems.append(f"… and {len(errors) - MAX_PROBLEMS} more problems like these")
        raise PersonaError(path, problems) from None
    except _LocatedError as e:  # raised outside pydantic's wrapping in some versions
        raise PersonaError(path, [f"{_loc(e.loc)}: {e.message}"]) from None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# YAML ------------------------------------------------------------------------------------------


class _YamlRefused(Exception):
    """A YAML document that parses, but that a persona file must not be: the message says why and where."""


_MERGE_TAG = "tag:yaml.org,2002:merge"
_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _PersonaLoader(_SafeBase):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader (libyaml when present) that refuses duplicate keys in a mapping."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001 - PyYAML's signature
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                    continue
                key = (key_node.tag, key_node.value)
                line = key_node.start_mark.line + 1
                if key in first:
                    raise _YamlRefused(
                        f"line {line}: duplicate key '{_show(key_node.value)}' (also on line {first[key]}); "
                        "YAML would keep only the last one — remove one of them or merge them")
                first[key] = line
        return super().construct_mapping(node, deep=deep)


def _expanded_units(root: yaml.Node) -> None:
    """Refuse a node graph whose aliases expand to more than ``MAX_EXPANDED_UNITS`` (or refer to themselves).

    Aliases share one node in the graph, so this walks each node once (memoised) and sums what it would
    become once every alias is written out: cheap for the "billion laughs" file, which is refused here
    before a single list is built.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise _YamlRefused(f"line {node.start_mark.line + 1}: an alias refers to a list or mapping that "
                               "contains it (a loop); write the data out instead")
        open_nodes.add(key)
        if isinstance(node, yaml.ScalarNode):
            total = 1 + len(node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(child) for child in node.value)
        else:
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        open_nodes.discard(key)
        if total > MAX_EXPANDED_UNITS:
            raise _YamlRefused(
                f"line {node.start_mark.line + 1}: the YAML aliases (*name) here expand to more than "
                f"{MAX_EXPANDED_UNITS:,} characters of data (the limit); write the lines out, or use "
                "fewer aliases")
        sizes[key] = total
        return total

    size(root)


def _parse_yaml(text: str) -> Any:
    """The data of one YAML document, with aliases bounded and duplicate keys refused."""
    loader = _PersonaLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_units(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def load_persona(path: str | os.PathLike) -> Persona:
    """Load one persona file. Raises :class:`PersonaError` naming the file, field and fix."""
    p = Path(path)
    shown = _display(p)
    try:
        with p.open("rb") as handle:
            raw = handle.read(MAX_PERSONA_BYTES + 1)
    except OSError as e:
        raise PersonaError(shown, [f"cannot read the file ({e.strerror or e})"]) from e
    if len(raw) > MAX_PERSONA_BYTES:
        try:
            size = f"{p.stat().st_size / 1024 / 1024:.1f} MB"
        except OSError:
            size = "larger"
        raise PersonaError(shown, [
            f"the file is too large for a persona ({size}; the limit is {MAX_PERSONA_BYTES // 1024} KB, and the "
            "largest shipped persona is under 30 KB) — split it into several personas or trim its lines"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise PersonaError(shown, [f"not UTF-8 text (byte {e.start}); save the file as UTF-8"]) from None
    try:
        data = _parse_yaml(text)
    except _YamlRefused as e:
        raise PersonaError(shown, [str(e)]) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise PersonaError(shown, [f"{where}invalid YAML: {_show(problem, 200)}"]) from None
    except RecursionError:
        raise PersonaError(shown, ["invalid YAML: nested too deeply"]) from None
    if data is None:
        raise PersonaError(shown, ["the file is empty — copy personas/_template.yaml to start"])
    return parse_persona(data, shown)


def persona_dirs() -> list[Path]:
    """The built-in folder plus any folders listed in ``INTERVIEW_SIM_PERSONAS`` (os.pathsep-separated)."""
    dirs = [BUILTIN_DIR]
    extra = os.environ.get(PERSONAS_ENV, "")
    for part in extra.split(os.pathsep):
        if part.strip():
            dirs.append(Path(part.strip()).expanduser())
    return dirs


def _persona_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                f for f in sorted(p.iterdir())
                if f.suffix in {".yaml", ".yml"} and not f.name.startswith(("_", "."))
            )
        elif p.exists():
            files.append(p)
    return files


@dataclass
class LoadReport:
    """What loading a set of persona files gave: the good ones and the problems, never a crash."""

    personas: dict[str, Persona] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    errors: list[PersonaError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def load_personas(paths: Iterable[str | os.PathLike] | None = None) -> LoadReport:
    """Load every persona file under ``paths`` (default: :func:`persona_dirs`).

    One bad file never stops the others; its problems land in ``report.errors``. Missing
    folders named in the environment are reported too, so a typo in a path is not silent.
    """
    report = LoadReport()
    roots = [Path(p) for p in paths] if paths is not None else persona_dirs()
    for root in roots:
        if not root.exists():
            report.errors.append(PersonaError(_display(root), ["no such file or folder — check "
                                                               f"the path (or {PERSONAS_ENV})"]))
    for file in _persona_files(roots):
        try:
            persona = load_persona(file)
        except PersonaError as e:
            report.errors.append(e)
            continue
        shown = _display(file)
        if persona.id in report.personas:
            report.errors.append(PersonaError(shown, [
                f"id: duplicate persona id '{persona.id}' (also in {report.sources[persona.id]}) — "
                "give one of them another id"
            ]))
            continue
        report.personas[persona.id] = persona
        report.sources[persona.id] = shown
    report.errors.extend(check_across(report.personas.values(), report.sources))
    return report


def check_across(personas: Iterable[Persona], sources: dict[str, str] | None = None) -> list[PersonaError]:
    """Checks that need more than one field: insight ids reused across personas, unreachable topics."""
    sources = sources or {}
    errors: list[PersonaError] = []
    owner: dict[str, str] = {}
    for persona in personas:
        shown = sources.get(persona.id, persona.id)
        problems = []
        for i, insight in enumerate(persona.insights):
            key = f"{persona.id}:{insight.id}"
            if key in owner:
                problems.append(f"insights -> {i} -> id: duplicate insight id '{insight.id}'")
            owner[key] = shown
        if problems:
            errors.append(PersonaError(shown, problems))
    return errors


def find_persona(id_or_path: str, report: LoadReport | None = None) -> Persona:
    """A persona by id (from the persona folders) or by the path of a YAML file."""
    candidate = Path(id_or_path)
    if candidate.suffix in {".yaml", ".yml"} or candidate.is_file():
        return load_persona(candidate)
    report = report or load_personas()
    if id_or_path in report.personas:
        return report.personas[id_or_path]
    for err in report.errors:
        if Path(err.path).stem == id_or_path:
            raise err
    raise PersonaError(id_or_path, [
        f"no persona with this id{_suggest(id_or_path, report.personas)} "
        f"(known: {', '.join(sorted(report.personas)) or 'none'})"
    ])


def shipped_id_clashes(report: LoadReport) -> list[str]:
    """Warnings for personas in ``report`` that reuse the id of a shipped persona from another file.

    The app loads the shipped folder too, so such a file is refused there as a duplicate id: better said
    by ``personas validate FILE`` than found out on the gallery.
    """
    if not any(Path(source).resolve().parent != BUILTIN_DIR for source in report.sources.values()):
        return []
    shipped = load_personas([BUILTIN_DIR])
    warnings = []
    for pid, source in report.sources.items():
        other = shipped.sources.get(pid)
        if other is not None and Path(source).resolve() != (BUILTIN_DIR / Path(other).name).resolve():
            warnings.append(f"{source}: id '{pid}' is also the id of the shipped persona {other}; the app loads "
                            "both folders and would refuse one as a duplicate — give this persona another id")
    return warnings
