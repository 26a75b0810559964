"""Language-model reply backends: a local transformers model, or an OpenAI-compatible HTTP server.

Both say the policy's chosen content in fresh words and nothing else. The prompt is built by
:func:`build_messages` from a :class:`ReplyRequest` alone (persona name, language, style, move,
content, word limit, recent turns), so a model can never see a layer or an insight the trainee has
not earned. Whatever a model writes still goes through the engine's guard (``simulator.guards``).

    backend = TransformersBackend("/models/smollm2", gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf")
    backend = OpenAIBackend("http://llm:8000/v1", model="Qwen/Qwen2.5-7B-Instruct", api_key="...")
    for chunk in backend.generate(request): ...

torch/transformers and openai are imported lazily, here only, with an install hint when missing.
"""

from __future__ import annotations

import errno
import importlib.util
import math
import queue
import re
import threading
import time
from pathlib import Path
from typing import Any, Iterable, Iterator

from .backends import ReplyRequest
from .transcript import SILENCE_TEXT

__all__ = [
    "BackendUnavailable",
    "ReplyCut",
    "build_messages",
    "render_plain_prompt",
    "TransformersBackend",
    "OpenAIBackend",
    "INSTALL_HINT",
    "CONTENT_HEADER",
]

INSTALL_HINT = "pip install 'interview-simulator[llm]'"

_LANGUAGES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch",
              "sv": "Swedish", "pt": "Portuguese", "pl": "Polish", "he": "Hebrew", "zh": "Chinese", "ja": "Japanese"}
# The move sets the tone of the reply, never its content.
_MOVE_TONE = {
    "closed": "Answer briefly, the way people answer a yes/no question.",
    "leading": "Go along with it half-heartedly.",
    "pitch": "Be politely non-committal.",
    "hypothetical": "Be vague and polite, as people are about things that have not happened.",
    "unknown": "Say you don't know.",
    "break_character": "You don't understand the odd question; stay yourself and steer back to the interview.",
    "silence": "You go on after a pause, as if something just came back to you.",
    "silence_end": "The silence has gone on; ask whether there is anything else.",
    "greeting": "Greet them back.",
    "go_ahead": "Tell them to go ahead.",
    "thanks": "Reply to the thanks.",
    "closing": "Say goodbye.",
}


# The line before the content in the prompt (a test server echoes what follows it).
CONTENT_HEADER = "Text to rewrite:"


class BackendUnavailable(RuntimeError):
    """A backend cannot load its model or reach its server; the message says what to fix."""


class ReplyCut(BackendUnavailable):
    """The model hit its token budget mid-reply: half a sentence is no reply (the authored line is used)."""


def _first_name(name: str) -> str:
    return name.split()[0] if name.strip() else name


def build_messages(request: ReplyRequest) -> list[dict[str, str]]:
    """The chat prompt for one reply: a short system prompt, the question being answered, the content.

    Only fields of the request go in. Of the recent turns, only the interviewer's last one is
    used: it sets the register of the answer, and on SmolLM2-135M a prompt with the whole recent
    history had the model repeat earlier lines (1 of 9 replies passed the guards, against 3 of 9
    with the question alone).
    """
    first = _first_name(request.persona_name)
    language = _LANGUAGES.get(request.language.split("-")[0].lower(), request.language)
    manner = ", ".join(
        f"{value} {key}" if key in ("warmth", "verbosity") else str(value)
        for key, value in request.style.items() if value
    )
    system = (
        f"You are {request.persona_name}, a customer being interviewed about your own life. "
        f"Rewrite the text you are given in your own words, in the first person (I, my), as {first} "
        f"would say it out loud. Keep its facts; add no new facts, names or numbers. Never mention being an AI. "
        f"At most {request.max_words} words. Reply in {language} with {first}'s words only."
    )
    if manner:
        system += f" Your manner: {manner}."
    tone = _MOVE_TONE.get(request.move)
    if tone:
        system += f" {tone}"
    question = _question_line(request)
    user = f"{question}\n\n" if question else ""
    user += f"{CONTENT_HEADER}\n{request.content}"
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _question_line(request: ReplyRequest) -> str | None:
    asked = [text for speaker, text in request.recent if speaker == "trainee"][-1:]
    if not asked:
        return None
    if asked[0] == SILENCE_TEXT:
        return "The interviewer said nothing and waited."
    return f"The interviewer asked: {asked[0]}"


def render_plain_prompt(messages: list[dict[str, str]], first_name: str) -> str:
    """The same prompt as plain text, for a model whose tokenizer has no chat template."""
    body = "\n\n".join(m["content"] for m in messages)
    return f"{body}\n\n{first_name}:"


# Streaming clean-up ---------------------------------------------------------------------------


def _stops(first: str) -> tuple[str, ...]:
    # A small model writing past its turn starts the interviewer's next line.
    return ("\nInterviewer", "Interviewer:", "\nThe interviewer", f"\n{first}:")


# A small model sometimes repeats the prompt's first line before its answer.
_ECHO = re.compile(r"^\s*The interviewer (?:asked|said)[^\n]*\n+", re.IGNORECASE)


def tidy_stream(chunks: Iterable[str], persona_name: str, echo: str | None = None) -> Iterator[str]:
    """Drops a leading speaker label ("Maria:") and wrapping quotes; ends at the next speaker's line.

    ``echo`` is the prompt's line about the question; a small model often repeats it first.

    Holds back only the few characters that might start a stop sequence, so streaming stays live.
    Closing this generator (or reaching a stop sequence) closes ``chunks``, which stops the model.
    """
    first = _first_name(persona_name)
    label = re.compile(rf"^\s*(?:\*\*)?(?:{re.escape(persona_name)}|{re.escape(first)})(?:\*\*)?\s*:\s*(?:\*\*)?\s*")
    stops = _stops(first)
    head = max(len(s) for s in stops) + len(persona_name) + 4
    buffer = ""
    started = quoted = False

    def ready(text: str) -> bool:
        # Enough text to see past an echoed prompt line and a speaker label, and no more.
        text = text.lstrip()
        if echo and echo.startswith(text):
            return False
        if echo and text.startswith(echo):
            text = text[len(echo):].lstrip()
        if "\n" in text.strip():
            return True
        if text.lower().startswith("the interviewer"):  # an echo in other words, up to its newline
            return len(text) >= 400
        return len(text.strip()) >= head

    def start(text: str) -> str:
        nonlocal started, quoted
        started = True
        if echo and text.lstrip().startswith(echo):
            text = text.lstrip()[len(echo):]
        text = label.sub("", _ECHO.sub("", text, count=1), count=1).lstrip()
        if text[:1] in ('"', "“"):
            quoted, text = True, text[1:]
        return text

    source = iter(chunks)
    try:
        for chunk in source:
            buffer += chunk
            if not started:
                if not ready(buffer):
                    continue
                buffer = start(buffer)
            cuts = [i for i in (buffer.find(s) for s in stops) if i >= 0]
            if cuts:
                buffer = buffer[: min(cuts)]
                break
            # Keep back a tail that could begin a stop sequence, or a closing quote.
            keep = max((k for s in stops for k in range(1, len(s)) if buffer.endswith(s[:k])), default=0)
            if quoted and buffer.endswith(('"', "”")):
                keep = max(keep, 1)
            if len(buffer) > keep:
                yield buffer[: len(buffer) - keep]
                buffer = buffer[len(buffer) - keep:]
        if not started:
            buffer = start(buffer)
        buffer = buffer.rstrip()
        if quoted and buffer.endswith(('"', "”")):
            buffer = buffer[:-1]
        if buffer:
            yield buffer
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()


def _token_budget(request: ReplyRequest, cap: int) -> int:
    # English runs about 1.3 tokens a word; a little headroom lets the guard, not the cut-off,
    # decide when a reply is too long.
    return max(8, min(cap, math.ceil(request.max_words * 1.5) + 16))


# transformers --------------------------------------------------------------------------------


class TransformersBackend:
    """A local causal language model through transformers: a model folder, or a GGUF file in one.

    ``model_path`` is a folder (``from_pretrained``) or a ``.gguf`` file; ``gguf_file`` names the
    GGUF file inside the folder. ``device="auto"`` takes a CUDA GPU when there is one, else the CPU.
    Tokens stream through ``TextIteratorStreamer`` from a worker thread that runs ``generate`` and
    touches nothing but the model. One reply is generated at a time per backend (a lock): the
    model is shared by every session, and two generations on the same CPU only slow each other down.
    """

    name = "transformers"

    def __init__(
        self,
        model_path: str | Path,
        gguf_file: str | None = None,
        *,
        device: str = "auto",
        max_new_tokens: int = 256,
        temperature: float = 0.7,
        token_timeout: float = 120.0,
    ) -> None:
        path = Path(model_path).expanduser()
        if gguf_file is None and path.suffix.lower() == ".gguf":
            path, gguf_file = path.parent, path.name
        self.model_path = path
        self.gguf_file = gguf_file
        self.device = device
        self.max_new_tokens = int(max_new_tokens)
        self.temperature = float(temperature)
        self.token_timeout = float(token_timeout)
        self.model: Any = None
        self.tokenizer: Any = None
        self._load_lock = threading.Lock()
        self._generate_lock = threading.Lock()

    @property
    def where(self) -> str:
        return str(self.model_path / self.gguf_file) if self.gguf_file else str(self.model_path)

    def load(self) -> "TransformersBackend":
        """Loads the model and tokenizer once (thread-safe); raises :class:`BackendUnavailable`."""
        with self._load_lock:
            if self.model is not None:
                return self
            if not self.model_path.exists():
                raise BackendUnavailable(
                    f"model path {self.model_path} does not exist: set model_path (INTERVIEW_SIM_MODEL_PATH) "
                    "to a model folder or a .gguf file"
                )
            if self.gguf_file and not (self.model_path / self.gguf_file).is_file():
                raise BackendUnavailable(
                    f"GGUF file {self.gguf_file!r} is not in {self.model_path}: set gguf_file "
                    "(INTERVIEW_SIM_GGUF_FILE) to the name of a .gguf file in that folder"
                )
            missing = [m for m in ("torch", "transformers") + (("gguf",) if self.gguf_file else ())
                       if importlib.util.find_spec(m) is None]
            if missing:
                raise BackendUnavailable(f"the transformers backend needs {', '.join(missing)}: {INSTALL_HINT}")
            import torch
            from transformers import AutoModelForCausalLM, AutoTokenizer

            device = self.device
            if device == "auto":
                device = "cuda" if torch.cuda.is_available() else "cpu"
            # GGUF weights are dequantised to float32; half precision on a GPU halves the memory.
            dtype = torch.float32
            if device.startswith("cuda"):
                dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
            extra = {"gguf_file": self.gguf_file} if self.gguf_file else {}
            try:
                tokenizer = AutoTokenizer.from_pretrained(str(self.model_path), local_files_only=True, **extra)
                model = AutoModelForCausalLM.from_pretrained(
                    str(self.model_path), local_files_only=True, dtype=dtype, **extra
                )
                model.to(device)
                model.eval()
            except Exception as e:
                raise BackendUnavailable(f"model at {self.where} could not be loaded ({type(e).__name__}: {e})") from e
            if tokenizer.pad_token_id is None:
                tokenizer.pad_token = tokenizer.eos_token
            self.tokenizer, self.model, self.device = tokenizer, model, device
            return self

    def prompt_ids(self, request: ReplyRequest) -> dict[str, Any]:
        """The model inputs for a request: the chat template when the tokenizer has one."""
        messages = build_messages(request)
        tokenizer = self.tokenizer
        if getattr(tokenizer, "chat_template", None):
            inputs = tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_dict=True, return_tensors="pt"
            )
        else:
            inputs = tokenizer(render_plain_prompt(messages, _first_name(request.persona_name)), return_tensors="pt")
        return {k: v.to(self.model.device) for k, v in inputs.items() if k in ("input_ids", "attention_mask")}

    def generate(self, request: ReplyRequest) -> Iterator[str]:
        self.load()
        yield from tidy_stream(self._raw_stream(request), request.persona_name, _question_line(request))

    def _raw_stream(self, request: ReplyRequest) -> Iterator[str]:
        import torch
        from transformers import StoppingCriteria, StoppingCriteriaList, TextIteratorStreamer

        stop = threading.Event()

        class _Stop(StoppingCriteria):
            # The reader went away (the trainee moved on): stop spending compute on the reply.
            def __call__(self, input_ids, scores, **kwargs):
                return torch.full((input_ids.shape[0],), stop.is_set(), dtype=torch.bool, device=input_ids.device)

        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True,
                                        timeout=self.token_timeout)
        sampling = self.temperature > 0
        inputs = self.prompt_ids(request)
        budget = _token_budget(request, self.max_new_tokens)
        kwargs = dict(
            inputs,
            streamer=streamer,
            max_new_tokens=budget,
            do_sample=sampling,
            pad_token_id=self.tokenizer.pad_token_id,
            stopping_criteria=StoppingCriteriaList([_Stop()]),
        )
        if sampling:
            kwargs.update(temperature=self.temperature, top_p=0.95)
        else:
            # Greedy decoding: unset the sampling defaults some generation configs carry.
            kwargs.update(temperature=None, top_p=None, top_k=None)
        errors: list[BaseException] = []
        generated: list[int] = []

        def work() -> None:
            try:
                with self._generate_lock, torch.inference_mode():
                    out = self.model.generate(**kwargs)
                generated.append(int(out.shape[-1] - inputs["input_ids"].shape[-1]))
            except BaseException as e:  # handed to the reader, which raises it
                errors.append(e)
                streamer.end()

        worker = threading.Thread(target=work, name="interview-sim-generate", daemon=True)
        worker.start()
        try:
            for text in streamer:
                if text:
                    yield text
        except queue.Empty as e:
            raise BackendUnavailable(f"model at {self.where} produced no token for {self.token_timeout:g} s") from e
        finally:
            stop.set()
            # The worker ends within one decoding step once it sees the flag; wait for it, so no
            # generation outlives its reply (or the interpreter).
            worker.join(timeout=self.token_timeout)
        if errors:
            e = errors[0]
            raise BackendUnavailable(f"model at {self.where} failed while generating ({type(e).__name__}: {e})") from e
        if generated and generated[0] >= budget:
            raise ReplyCut(f"the reply was cut off at {budget} tokens (max_new_tokens)")


# OpenAI-compatible HTTP ----------------------------------------------------------------------


def _connection_detail(e: BaseException) -> str:
    """A short, human cause for a failed connection ("connection refused", "name not found")."""
    seen = e
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError) or getattr(seen, "errno", None) == errno.ECONNREFUSED:
            return "connection refused"
        text = str(seen).lower()
        if "refused" in text:
            return "connection refused"
        if "name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
            return "host name not found"
        if "timed out" in text or "timeout" in type(seen).__name__.lower():
            return "connection timed out"
        seen = seen.__cause__ or seen.__context__
    return str(e) or type(e).__name__


class OpenAIBackend:
    """A model behind an OpenAI-compatible server (vLLM, Ollama, llama.cpp server, or a hosted API).

    Streams ``/chat/completions`` with ``stream: true`` through the official ``openai`` client,
    which also brings the timeouts (``timeout`` per read, ``connect_timeout`` to connect) and the
    retries: up to ``max_retries`` more attempts, with exponential backoff from 0.5 s (max 8 s,
    with jitter, or the server's ``Retry-After``), on connection errors, timeouts, 408, 409, 429
    and 5xx, never on other 4xx (a wrong key or model does not get better by asking again).
    A reply that fails after it started streaming is not retried: part of it is already shown.
    After a server failure (unreachable, timed out, 429, 5xx) the backend does not call the server
    again for ``cooldown`` seconds: every reply in that time fails at once (the engine says the
    authored line) instead of making each trainee wait out the timeouts again.
    The client is thread-safe and shared by every session.
    """

    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
        max_retries: int = 2,
        temperature: float = 0.7,
        max_new_tokens: int = 256,
        cooldown: float = 30.0,
        client: Any = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = float(timeout)
        self.connect_timeout = float(connect_timeout)
        self.max_retries = int(max_retries)
        self.temperature = float(temperature)
        self.max_new_tokens = int(max_new_tokens)
        self.cooldown = float(cooldown)
        self._client = client
        self._lock = threading.Lock()
        self._down: tuple[float, str] | None = None  # (until, why) after a server failure

    def __repr__(self) -> str:  # never the key
        return f"OpenAIBackend(base_url={self.base_url!r}, model={self.model!r})"

    @property
    def client(self) -> Any:
        with self._lock:
            if self._client is None:
                try:
                    import openai
                except ImportError as e:
                    raise BackendUnavailable(f"the openai backend needs the openai package: {INSTALL_HINT}") from e
                self._client = openai.OpenAI(
                    base_url=self.base_url,
                    # Local servers (vLLM, Ollama, llama.cpp) take any key; the client insists on one.
                    api_key=self.api_key or "not-needed",
                    timeout=openai.Timeout(self.timeout, connect=self.connect_timeout),
                    max_retries=self.max_retries,
                )
            return self._client

    def explain(self, e: BaseException, retries: int | None = None) -> str:
        """What went wrong, for a person: 'LLM server at http://… unreachable (connection refused)'."""
        where = f"LLM server at {self.base_url}"
        try:
            import openai
        except ImportError:  # pragma: no cover - the client could not have been built
            return f"{where} failed ({type(e).__name__}: {e})"
        retries = self.max_retries if retries is None else retries
        retried = f" after {retries} {'retry' if retries == 1 else 'retries'}" if retries else ""
        if isinstance(e, openai.APITimeoutError) or "timeout" in type(e).__name__.lower():
            return f"{where} timed out (no answer within {self.timeout:g} s){retried}"
        if isinstance(e, openai.APIConnectionError):
            return f"{where} unreachable ({_connection_detail(e)}){retried}"
        if isinstance(e, openai.AuthenticationError):
            return (f"{where} refused the API key (401 Unauthorized): set api_key (INTERVIEW_SIM_API_KEY) "
                    "to a key the server accepts")
        if isinstance(e, openai.PermissionDeniedError):
            return f"{where} refused access (403 Forbidden): check api_key (INTERVIEW_SIM_API_KEY)"
        if isinstance(e, openai.NotFoundError):
            return (f"{where} has no model {self.model!r} or no chat endpoint (404): check model "
                    "(INTERVIEW_SIM_MODEL) and that base_url ends in /v1")
        if isinstance(e, openai.RateLimitError):
            return f"{where} is rate-limiting (429){retried}"
        if isinstance(e, openai.APIStatusError):
            if e.status_code >= 500:
                return f"{where} failed with HTTP {e.status_code}{retried}"
            body = e.body if isinstance(e.body, dict) else {}
            return f"{where} rejected the request (HTTP {e.status_code}: {_short(body.get('message') or e.message)})"
        return f"{where} failed ({type(e).__name__}: {_short(str(e))})"

    def check(self) -> None:
        """One quick request (``GET /models``, no retries): raises :class:`BackendUnavailable` if unusable."""
        client = self.client
        try:
            served = [m.id for m in client.with_options(max_retries=0).models.list().data]
        except Exception as e:
            if type(e).__name__ == "NotFoundError":
                return  # a server without /models: the first reply will tell
            raise BackendUnavailable(self.explain(e, retries=0)) from e
        if served and self.model not in served:
            raise BackendUnavailable(
                f"LLM server at {self.base_url} does not serve model {self.model!r} (it serves: "
                f"{', '.join(served[:8])}): set model (INTERVIEW_SIM_MODEL) to one of those"
            )

    def generate(self, request: ReplyRequest) -> Iterator[str]:
        yield from tidy_stream(self._raw_stream(request), request.persona_name, _question_line(request))

    def _server_failed(self, e: BaseException, why: str) -> None:
        status = getattr(e, "status_code", None)
        if status is None or status in (408, 409, 429) or status >= 500:
            with self._lock:
                self._down = (time.monotonic() + self.cooldown, why)

    def _raw_stream(self, request: ReplyRequest) -> Iterator[str]:
        with self._lock:
            down = self._down
        if down is not None and time.monotonic() < down[0]:
            raise BackendUnavailable(f"{down[1]}; not asked again for {down[0] - time.monotonic():.0f} s")
        client = self.client
        try:
            stream = client.chat.completions.create(
                model=self.model,
                messages=build_messages(request),
                stream=True,
                max_tokens=_token_budget(request, self.max_new_tokens),
                temperature=self.temperature,
                stop=["\nInterviewer", "Interviewer:"],
            )
        except Exception as e:
            why = self.explain(e)
            self._server_failed(e, why)
            raise BackendUnavailable(why) from e
        finish = None
        try:
            with stream:
                for chunk in stream:
                    if not chunk.choices:
                        continue
                    choice = chunk.choices[0]
                    finish = choice.finish_reason or finish
                    if choice.delta.content:
                        yield choice.delta.content
        except Exception as e:
            why = self.explain(e)
            self._server_failed(e, why)
            raise BackendUnavailable(why) from e
        with self._lock:
            self._down = None
        if finish == "length":
            raise ReplyCut(f"the reply was cut off at {_token_budget(request, self.max_new_tokens)} tokens "
                           "(max_new_tokens)")


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
