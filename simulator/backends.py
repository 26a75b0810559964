"""Reply backends: one generator that says the policy's chosen content in the persona's voice.

The disclosure policy (``simulator.policy``) decides *what* may be said; a backend only decides
*how*. A backend receives a :class:`ReplyRequest` that holds nothing beyond the chosen content, the
persona's style and the recent turns, so it can never reveal what the trainee has not earned.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterator, Protocol, runtime_checkable

__all__ = [
    "ReplyRequest",
    "ReplyBackend",
    "AuthoredBackend",
    "ScriptedBackend",
    "BACKENDS",
    "get_backend",
]


@dataclass(frozen=True)
class ReplyRequest:
    """Everything a backend may see for one persona reply."""

    persona_name: str
    language: str
    # formality, directness, verbosity, warmth
    style: dict[str, str]
    # What the policy did (answer, closed, leading, silence, ...): sets tone, not content.
    move: str
    # The authored reply the policy chose: the content to convey, and the fallback text.
    content: str
    # Upper bound on the reply's length in words; a longer generated reply is rejected.
    max_words: int
    # The last few turns as (speaker, text), oldest first.
    recent: tuple[tuple[str, str], ...] = ()


@runtime_checkable
class ReplyBackend(Protocol):
    """A backend yields the reply text in chunks, so a UI can stream it."""

    name: str

    def generate(self, request: ReplyRequest) -> Iterator[str]: ...


_CHUNK = re.compile(r"\S+\s*|\s+")


class AuthoredBackend:
    """Says the persona's own authored lines, word by word. Fast, faithful, and the fallback for every other backend."""

    name = "authored"

    def generate(self, request: ReplyRequest) -> Iterator[str]:
        text = request.content
        if re.search(r"\s", text):
            yield from _CHUNK.findall(text)
        else:
            # Scripts without spaces (Chinese) stream a few characters at a time.
            for i in range(0, len(text), 3):
                yield text[i : i + 3]


@dataclass
class ScriptedBackend:
    """A test double: replies are queued with :meth:`enqueue`, and every request is recorded.

    With an empty queue it says the authored content, like :class:`AuthoredBackend`.
    """

    name: str = "scripted"
    replies: deque = field(default_factory=deque)
    requests: list[ReplyRequest] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def enqueue(self, replies: list[str | Exception]) -> "ScriptedBackend":
        self.replies.extend(replies)
        return self

    def generate(self, request: ReplyRequest) -> Iterator[str]:
        with self._lock:
            self.requests.append(request)
            reply = self.replies.popleft() if self.replies else request.content
        if isinstance(reply, Exception):
            raise reply
        yield from _CHUNK.findall(reply) or [reply]


def _transformers(**settings: object) -> ReplyBackend:
    # Imported on use: the model backends pull in torch/transformers or openai.
    from .llm_backends import TransformersBackend

    return TransformersBackend(**settings)  # type: ignore[arg-type]


def _openai(**settings: object) -> ReplyBackend:
    from .llm_backends import OpenAIBackend

    return OpenAIBackend(**settings)  # type: ignore[arg-type]


BACKENDS: dict[str, Callable[..., ReplyBackend]] = {
    "authored": AuthoredBackend,
    "scripted": ScriptedBackend,
    "transformers": _transformers,
    "openai": _openai,
}


def get_backend(name: str = "authored", **settings: object) -> ReplyBackend:
    """A backend by name, with that backend's settings."""
    try:
        factory = BACKENDS[name]
    except KeyError as e:
        raise ValueError(f"unknown backend {name!r} (expected one of: {', '.join(BACKENDS)})") from e
    return factory(**settings)
