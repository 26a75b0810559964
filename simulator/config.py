"""Reply-backend configuration in one place: a TOML file, a mapping (``st.secrets``), environment variables.

Where each setting comes from, later wins::

    defaults  <  TOML file [llm]  <  mapping [llm] (the app passes st.secrets)  <  INTERVIEW_SIM_* env  <  overrides (CLI)

The file is ``$INTERVIEW_SIM_CONFIG`` if set, else ``interview-sim.toml`` in the working directory
if there is one. Its ``[llm]`` table holds the settings below; other tables belong to other parts
of the app and are left alone. Each setting's environment variable is ``INTERVIEW_SIM_`` + its
name in capitals (``base_url`` -> ``INTERVIEW_SIM_BASE_URL``)::

    [llm]
    backend = "openai"                     # authored | transformers | openai
    base_url = "http://127.0.0.1:8000/v1"  # openai: the server's OpenAI-compatible root
    model = "Qwen/Qwen2.5-7B-Instruct"     # openai: the model name the server knows
    api_key = "..."                        # openai: if the server wants one (better: the env variable)
    timeout = 15                           # openai: seconds to wait for the server, per read
    # model_path = "/models/smollm2"       # transformers: a model folder or a .gguf file
    # gguf_file = "SmolLM2-135M-Instruct.Q4_1.gguf"

For the app (``streamlit_app.py`` and its pages)::

    backend, note = configured_backend(st.secrets)   # never raises; note is None when all is well
    embedder = get_embedder()
    engine = Engine(embedder=embedder, backend=backend, guard=ReplyGuard(embedder))
    # show backend.name ("authored", "transformers", "openai") and, if there is one, the note

``configured_backend`` is :func:`load_config` + :func:`backend_from_config`; a configuration error
becomes the note, and the app goes on with the persona's authored lines.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from pathlib import Path
from typing import Any, Literal, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .backends import AuthoredBackend, ReplyBackend

__all__ = [
    "LLMConfig",
    "ConfigError",
    "load_config",
    "backend_from_config",
    "configured_backend",
    "ENV_PREFIX",
    "DEFAULT_CONFIG_FILE",
    "FALLBACK_NOTE",
]

ENV_PREFIX = "INTERVIEW_SIM_"
DEFAULT_CONFIG_FILE = "interview-sim.toml"
SECTION = "llm"
FALLBACK_NOTE = "using the persona's authored lines"


class LLMConfig(BaseModel):
    """The reply-backend settings. Unknown keys are an error (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Literal["authored", "transformers", "openai"] = "authored"
    # transformers
    model_path: str | None = None
    gguf_file: str | None = None
    device: str = "auto"
    # openai
    base_url: str | None = None
    model: str | None = None
    api_key: str | None = Field(default=None, repr=False)
    timeout: float = Field(default=15.0, gt=0)
    connect_timeout: float = Field(default=5.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)
    # both
    temperature: float = Field(default=0.7, ge=0, le=2)
    max_new_tokens: int = Field(default=256, ge=8, le=4096)


# How to fix each setting, in the words a person would type.
_FIX = {
    "backend": 'backend = "authored", "transformers" or "openai"',
    "model_path": 'model_path = "/path/to/model-folder" (or a .gguf file)',
    "gguf_file": 'gguf_file = "name-of-the-file.gguf" (inside model_path)',
    "device": 'device = "auto", "cpu" or "cuda"',
    "base_url": 'base_url = "http://127.0.0.1:8000/v1" (the server\'s OpenAI-compatible root, ending in /v1)',
    "model": 'model = "the model name the server serves"',
    "api_key": 'api_key = "the key" (better: the INTERVIEW_SIM_API_KEY environment variable)',
    "timeout": "timeout = 15 (seconds, more than 0)",
    "connect_timeout": "connect_timeout = 5 (seconds, more than 0)",
    "max_retries": "max_retries = 2 (a whole number from 0 to 10)",
    "temperature": "temperature = 0.7 (0 = always the most likely words, up to 2)",
    "max_new_tokens": "max_new_tokens = 256 (a whole number from 8 to 4096)",
}
FIELDS = tuple(LLMConfig.model_fields)


class ConfigError(ValueError):
    """The configuration is unusable; each line names the setting, where it came from, and the fix."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def env_name(key: str) -> str:
    return ENV_PREFIX + key.upper()


def _plain(value: Any) -> Any:
    # st.secrets and its sections are Mapping-like but not dicts.
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _section(data: Mapping[str, Any] | None, source: str, name: str = SECTION) -> dict[str, Any]:
    """The ``[name]`` table of a settings file or of st.secrets; {} when there is none."""
    try:
        section = _plain(data).get(name) if data else None
    except FileNotFoundError:  # st.secrets without a secrets.toml: nothing configured there
        return {}
    if section is None:
        return {}
    if not isinstance(section, dict):
        raise ConfigError([f"{source}: [{name}] must be a table of settings (got {type(section).__name__})"])
    return section


def _read_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return _section(tomllib.load(f), str(path))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError([f"{path}: not valid TOML ({e}): fix the syntax, e.g. text values need quotes"]) from e
    except OSError as e:
        raise ConfigError([f"{path}: cannot read the configuration file ({e.strerror or e})"]) from e


def config_path(environ: Mapping[str, str] | None = None) -> Path | None:
    """The configuration file in force: ``$INTERVIEW_SIM_CONFIG``, else ``./interview-sim.toml`` if present."""
    environ = os.environ if environ is None else environ
    named = environ.get(env_name("config"))
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise ConfigError([f"{env_name('config')}={named}: no such file: create it or unset the variable"])
        return path
    default = Path(DEFAULT_CONFIG_FILE)
    return default if default.is_file() else None


def load_config(
    secrets: Mapping[str, Any] | None = None,
    *,
    path: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> LLMConfig:
    """The reply-backend settings from every source (see the module docstring); raises :class:`ConfigError`.

    ``secrets`` is a mapping shaped like the file (an ``llm`` table), e.g. ``st.secrets``;
    ``overrides`` are flat settings that win over everything (command-line options).
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def layer(settings: Mapping[str, Any], where) -> None:
        for key, value in settings.items():
            values[key] = value
            sources[key] = where(key)

    file = Path(path) if path is not None else config_path(environ)
    if file is not None:
        layer(_read_file(file), lambda k: f"{file}: [{SECTION}] {k}")
    if secrets is not None:
        layer(_section(secrets, "secrets"), lambda k: f"secrets: [{SECTION}] {k}")
    layer({k: environ[env_name(k)] for k in FIELDS if environ.get(env_name(k), "").strip()},
          lambda k: env_name(k))
    layer({k: v for k, v in (overrides or {}).items() if v is not None}, lambda k: f"--{k.replace('_', '-')}")

    problems: list[str] = []
    for key in [k for k in values if k not in FIELDS]:
        close = difflib.get_close_matches(key, FIELDS, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        problems.append(f"{sources[key]}: unknown setting {key!r} ({hint}expected one of: {', '.join(FIELDS)})")
        del values[key]
    try:
        config = LLMConfig(**values)
    except ValidationError as e:
        for error in e.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            got = values.get(key)
            shown = "***" if key == "api_key" else repr(got)
            problems.append(f"{sources.get(key, key)}: {error['msg']} (got {shown}); fix: {_FIX.get(key, key)}")
        raise ConfigError(problems) from e
    problems += _requirements(config, sources)
    if problems:
        raise ConfigError(problems)
    return config


def _requirements(config: LLMConfig, sources: Mapping[str, str]) -> list[str]:
    needs = {"transformers": ("model_path",), "openai": ("base_url", "model")}.get(config.backend, ())
    where = sources.get("backend", "backend")
    problems = [
        f"{where}: backend {config.backend!r} needs {key}: set {env_name(key)} or {_FIX[key]} under [{SECTION}]"
        for key in needs
        if not getattr(config, key)
    ]
    if config.backend == "openai" and config.base_url and not config.base_url.startswith(("http://", "https://")):
        problems.append(f"{sources['base_url']}: base_url must start with http:// or https:// "
                        f"(got {config.base_url!r}); fix: {_FIX['base_url']}")
    return problems


def build_backend(config: LLMConfig) -> ReplyBackend:
    """The configured backend, not yet loaded or checked."""
    if config.backend == "transformers":
        from .llm_backends import TransformersBackend

        return TransformersBackend(config.model_path, config.gguf_file, device=config.device,
                                   max_new_tokens=config.max_new_tokens, temperature=config.temperature)
    if config.backend == "openai":
        from .llm_backends import OpenAIBackend

        return OpenAIBackend(config.base_url, config.model, config.api_key, timeout=config.timeout,
                             connect_timeout=config.connect_timeout, max_retries=config.max_retries,
                             temperature=config.temperature, max_new_tokens=config.max_new_tokens)
    return AuthoredBackend()


def backend_from_config(config: LLMConfig, *, check: bool = True) -> tuple[ReplyBackend, str | None]:
    """``(backend, note)``: the configured backend, ready to use, or the authored one with a note why.

    With ``check``, a transformers model is loaded now (seconds to minutes: call this once per
    process, e.g. under ``st.cache_resource``) and an HTTP server is asked for its models (one
    quick request, no retries). ``note`` is None when the configured backend is the one returned;
    otherwise it reads e.g. "LLM server at http://127.0.0.1:8000/v1 unreachable (connection refused)
    — using the persona's authored lines". Never raises for an unreachable server or a missing model.
    """
    from .llm_backends import BackendUnavailable

    try:
        backend = build_backend(config)
        if check:
            if hasattr(backend, "load"):
                backend.load()
            if hasattr(backend, "check"):
                backend.check()
    except BackendUnavailable as e:
        return AuthoredBackend(), f"{e} — {FALLBACK_NOTE}"
    return backend, None


def configured_backend(
    secrets: Mapping[str, Any] | None = None, *, check: bool = True, environ: Mapping[str, str] | None = None,
) -> tuple[ReplyBackend, str | None]:
    """:func:`load_config` then :func:`backend_from_config`; a configuration error becomes the note. Never raises."""
    try:
        config = load_config(secrets, environ=environ)
    except ConfigError as e:
        return AuthoredBackend(), f"reply backend configuration: {e} — {FALLBACK_NOTE}"
    return backend_from_config(config, check=check)


# ------------------------------------------------------------------------------------------------
# Browser sessions (the sign-in cookie): [session] in the TOML file or secrets.toml, or INTERVIEW_SIM_SESSION_*
# ------------------------------------------------------------------------------------------------

SESSION_SECTION = "session"
SESSION_SECRET_ENV = ENV_PREFIX + "SESSION_SECRET"
SESSION_HOURS_ENV = ENV_PREFIX + "SESSION_HOURS"
SESSION_SECURE_ENV = ENV_PREFIX + "SESSION_SECURE"
SESSION_SECRET_MIN = 32


class SessionConfig(BaseModel):
    """How long a passcode sign-in lasts in a browser, and what signs its cookie.

    ``secret`` None: one is generated once and kept in the data folder. ``lifetime_hours`` 0 turns the cookie
    off (a sign-in lasts for the browser tab). ``secure`` None: the cookie is ``Secure`` when the page is served
    over https (directly, or behind a proxy that says so in ``X-Forwarded-Proto``); True: always.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    secret: str | None = Field(default=None, repr=False, min_length=SESSION_SECRET_MIN)
    lifetime_hours: float = Field(default=12.0, ge=0, le=24 * 90)
    secure: bool | None = None


def load_session_config(secrets: Mapping[str, Any] | None = None, *, path: str | Path | None = None,
                        environ: Mapping[str, str] | None = None) -> SessionConfig:
    """The sign-in cookie's settings; later wins: the TOML file's ``[session]``, secrets.toml's ``[session]``,
    ``$INTERVIEW_SIM_SESSION_SECRET`` / ``_HOURS`` / ``_SECURE``. Raises :class:`ConfigError` (never showing the
    secret)."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    file = Path(path) if path is not None else config_path(environ)
    layers: list[tuple[dict[str, Any], str]] = []
    if file is not None:
        try:
            with file.open("rb") as f:
                layers.append((_section(tomllib.load(f), str(file), SESSION_SECTION), f"{file}: [{SESSION_SECTION}]"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise ConfigError([f"{file}: cannot be read ({e})"]) from e
    if secrets is not None:
        layers.append((_section(secrets, "secrets", SESSION_SECTION), f"secrets: [{SESSION_SECTION}]"))
    env = {key: environ[name] for key, name in (("secret", SESSION_SECRET_ENV), ("lifetime_hours", SESSION_HOURS_ENV),
                                                 ("secure", SESSION_SECURE_ENV)) if environ.get(name, "").strip()}
    for settings, where in layers:
        for key, value in settings.items():
            values[key], sources[key] = value, f"{where} {key}"
    for key, value in env.items():
        values[key] = value.strip()
        sources[key] = {"secret": SESSION_SECRET_ENV, "lifetime_hours": SESSION_HOURS_ENV}.get(key, SESSION_SECURE_ENV)
    problems = [f"{sources[k]}: unknown setting {k!r} (expected secret, lifetime_hours or secure)"
                for k in values if k not in SessionConfig.model_fields]
    try:
        config = SessionConfig(**{k: v for k, v in values.items() if k in SessionConfig.model_fields})
    except ValidationError as e:
        fixes = {"secret": f"at least {SESSION_SECRET_MIN} random characters, e.g. the output of "
                           "`python -c \"import secrets; print(secrets.token_hex(32))\"`",
                 "lifetime_hours": "lifetime_hours = 12 (hours; 0 keeps a sign-in to the browser tab)",
                 "secure": "secure = true (always), or leave it out (Secure when served over https)"}
        for error in e.errors():
            key = str(error["loc"][0]) if error["loc"] else ""
            shown = "***" if key == "secret" else repr(values.get(key))
            problems.append(f"{sources.get(key, key)}: {error['msg']} (got {shown}); fix: {fixes.get(key, key)}")
        raise ConfigError(problems) from e
    if problems:
        raise ConfigError(problems)
    return config
