"""The conversation engine: trainee turns in, persona replies out, every turn labelled and recorded.

    engine = Engine()                       # shared: embedder, classifier, topic indexes
    session = engine.start(persona, seed=7)
    reply = session.send("Tell me about the last time you ordered groceries.")
    for chunk in reply.stream():            # what a UI shows as it arrives
        ...
    reply.persona                           # the recorded persona Turn (topic, insights, ...)

The engine decides what the persona may say (``simulator.policy``); the backend only says it.

Languages. A persona's ``language`` picks the embedder for its topic index and the classifier for
the trainee's turns (:meth:`Engine.embedder_for`, :meth:`Engine.classifier_for`): English uses
``engine.embedder`` and ``engine.classifier`` (MiniLM and the English classifier by default, loaded
when the engine is built); any other language uses the multilingual USE embedder and
``scoring.classifier.classifier_for(language)``, built the first time a persona in that language
starts a session, never before. An injected embedder is used for every language it can read (the
hashing fake reads all; MiniLM only English, so a Korean persona still gets USE); an injected
classifier is used for every language, unless ``classifier`` is a mapping ``{"en": ..., "ko": ...}``.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from typing import Callable, Iterator, Mapping, Protocol

from . import chat_text
from .backends import AuthoredBackend, ReplyBackend, ReplyRequest
from .embeddings import Embedder, get_embedder, reads_language
from .persona import Persona
from .policy import Plan, State, decide, plan_to_turn, replay
from .retrieval import TopicIndex
from .textutil import language_of
from .transcript import PERSONA, TRAINEE, Transcript, Turn

__all__ = ["Engine", "Session", "PendingReply", "Classifier", "MAX_INPUT_CHARS"]

# Longer input is cut before classification and retrieval (and kept whole in the transcript):
# nobody asks a 20,000-character question, and the embedder would only read the start anyway.
MAX_INPUT_CHARS = 2000
RECENT_TURNS = 6


class Classifier(Protocol):
    def classify(self, text: str, previous: str | None = None): ...


class Guard(Protocol):
    """Checks a generated reply against the request it answers; returns a rejection reason or None."""

    def __call__(self, request: ReplyRequest, text: str) -> str | None: ...


class Engine:
    """What every interview shares: the embedder, the classifier and one topic index per persona.

    Holds no per-trainee state and is safe to share between threads (one per browser session).
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        classifier: "Classifier | Mapping[str, Classifier] | None" = None,
        backend: ReplyBackend | None = None,
        guard: Guard | None = None,
        *,
        embedders: Mapping[str, Embedder] | None = None,
    ) -> None:
        # English (and any language this embedder reads): MiniLM unless one is given.
        self.embedder = embedder or get_embedder()
        # Per-language embedders given by the caller (primary subtag -> embedder); others are resolved
        # on first use and kept here.
        self._embedders: dict[str, Embedder] = {language_of(k): v for k, v in (embedders or {}).items()}
        # Every reply that a backend other than "authored" writes goes through the guard; a rejected
        # reply is replaced by the authored text. Rejections are counted per reason.
        self.guard = guard
        self.guard_rejections: Counter[str] = Counter()
        self._classifiers: dict[str, Classifier] = {}
        self._english_fallback: set[str] = set()  # languages the scorer has no classifier for
        self._shared_classifier = False
        if isinstance(classifier, Mapping):
            self._classifiers = {language_of(k): v for k, v in classifier.items()}
            classifier = self._classifiers.pop("en", None)
        elif classifier is not None:
            self._shared_classifier = True  # one injected classifier labels every language
        if classifier is None:
            from scoring.classifier import QuestionClassifier

            classifier = QuestionClassifier(embedder=self.embedder)
            # Embed the labelled prototypes now rather than on a trainee's first ambiguous question.
            classifier.warm_up()
        self.classifier = classifier
        self.backend = backend or AuthoredBackend()
        self._indexes: dict[tuple[str, int, int], TopicIndex] = {}
        self._building: dict[tuple[str, int, int], threading.Lock] = {}
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()  # building a language's classifier (seconds) off the main lock

    # Per language --------------------------------------------------------------------------------
    def embedder_for(self, language: str | None) -> Embedder:
        """The embedder for a persona language: ``engine.embedder`` where it reads the language, else
        the language's own (USE for anything but English; the hashing fake under
        ``INTERVIEW_SIM_EMBEDDER=hashing``). Constructing USE loads nothing: its weights load on the
        first sentence it embeds."""
        lang = language_of(language)
        with self._lock:
            chosen = self._embedders.get(lang)
        if chosen is not None:
            return chosen
        if lang == "en" or reads_language(self.embedder, lang):
            return self.embedder
        chosen = get_embedder(language=lang)
        with self._lock:
            return self._embedders.setdefault(lang, chosen)

    def classifier_for(self, language: str | None) -> Classifier:
        """The classifier for a persona language: ``engine.classifier`` for English or when one classifier
        was injected; otherwise the language's own, built (and warmed up) on first use."""
        lang = language_of(language)
        with self._lock:
            chosen = self._classifiers.get(lang)
        if chosen is not None:
            return chosen
        if lang == "en" or self._shared_classifier or lang in self._english_fallback:
            return self.classifier
        with self._build_lock:
            with self._lock:
                chosen = self._classifiers.get(lang)
            if chosen is None:
                chosen = _language_classifier(lang, self.embedder_for(lang))
                if chosen is None:  # the scorer has no classifier for it: its rough labels beat none
                    self._english_fallback.add(lang)
                    return self.classifier
                with self._lock:
                    self._classifiers[lang] = chosen
        return chosen

    def index_for(self, persona: Persona) -> TopicIndex:
        embedder = self.embedder_for(persona.language)
        key = (persona.id, hash(persona.model_dump_json()), id(embedder))
        with self._lock:
            index = self._indexes.get(key)
            building = self._building.setdefault(key, threading.Lock()) if index is None else None
        if index is None:
            with building:  # a second caller (page or warm-up) waits for this build instead of repeating it
                with self._lock:
                    index = self._indexes.get(key)
                if index is None:
                    index = TopicIndex(persona, embedder)
                    with self._lock:
                        self._indexes[key] = index
                        self._building.pop(key, None)
        return index

    def prepare(self, persona: Persona) -> None:
        """Build what a session on ``persona`` needs (topic index, the language's classifier) now."""
        self.index_for(persona)
        self.classifier_for(persona.language)
        chat_text.warm(persona.language)  # the spelling list a typed turn is read with

    def start(
        self,
        persona: Persona,
        *,
        seed: int = 0,
        trainee: str | None = None,
        backend: ReplyBackend | None = None,
    ) -> "Session":
        """A new interview; the persona's opening line is its first turn."""
        transcript = Transcript(
            persona_id=persona.id,
            persona_name=persona.name,
            language=persona.language,
            seed=seed,
            trainee=trainee,
            insight_catalog=[i.model_dump() for i in persona.insights],
        )
        opening = Turn(speaker=PERSONA, text=persona.opening_line, move="opening", had_more=False)
        transcript.add(opening)
        return Session(self, persona, transcript, backend=backend)

    def resume(self, persona: Persona, transcript: Transcript, *, backend: ReplyBackend | None = None) -> "Session":
        """A session that goes on from a recorded transcript (after a reload or a restart)."""
        return Session(self, persona, transcript, backend=backend)


def _language_classifier(language: str, embedder: Embedder) -> "Classifier | None":
    """``scoring.classifier.classifier_for(language, embedder=...)`` (or ``QuestionClassifier(...,
    language=...)``), warmed up; None when the scorer has no classifier for the language."""
    try:
        from scoring import classifier as scoring_classifier
    except ImportError:  # pragma: no cover - the scorer ships with the simulator
        return None
    chosen = None
    factory = getattr(scoring_classifier, "classifier_for", None)
    if factory is not None:
        try:
            chosen = factory(language, embedder=embedder)
        except (TypeError, ValueError, LookupError, NotImplementedError):
            chosen = None
    if chosen is None:
        try:
            chosen = scoring_classifier.QuestionClassifier(embedder=embedder, language=language)
        except (TypeError, ValueError, LookupError, NotImplementedError):
            return None
    warm = getattr(chosen, "warm_up", None)
    if warm is not None:
        warm()
    return chosen


class Session:
    """One interview. Not thread-safe: one trainee drives it."""

    def __init__(self, engine: Engine, persona: Persona, transcript: Transcript, *,
                 backend: ReplyBackend | None = None) -> None:
        self.engine = engine
        self.persona = persona
        self.transcript = transcript
        self.backend = backend or engine.backend
        self.index = engine.index_for(persona)
        # Build (and warm up) the classifier for the persona's language now, not on the first question.
        engine.classifier_for(persona.language)
        self.state: State = replay(persona, transcript.turns)
        self.last_reply_at: float | None = transcript.turns[-1].at if transcript.turns else None
        # Called with each turn, numbered, BEFORE it joins the transcript: the store commits it there (or queues
        # it durably while the database is away). If it raises (e.g. another tab took the index), the turn is not
        # recorded, the state is as before, and the error goes to the caller.
        self.on_turn: Callable[[Turn], None] | None = None
        self._pending: PendingReply | None = None

    # Trainee moves -------------------------------------------------------------------------
    def send(self, text: str, *, patience: float | None = None, at: float | None = None) -> "PendingReply":
        """The trainee says ``text``. Returns the persona's reply, to be streamed or finished."""
        text = "" if text is None else str(text)
        if not text.strip():
            # An empty message is what a silence looks like in a chat box.
            return self.silence(patience=patience, at=at)
        self._finish_pending()
        previous = self._previous_persona_text()
        probe = self._probe(text)
        classifier = self.engine.classifier_for(self.persona.language)
        if "context" in getattr(getattr(classifier.classify, "__code__", None), "co_varnames", ()):
            # Everything the customer said so far: a summary is a reflection only when its content is in there.
            context = [t.text for t in self.transcript.turns if t.speaker == PERSONA and t.text.strip()]
            verdict = classifier.classify(probe, previous, context=context)
        else:
            verdict = classifier.classify(probe, previous)
        turn = Turn(
            speaker=TRAINEE,
            text=text,
            at=at or time.time(),
            label=verdict.label.value,
            flags=[f.value for f in verdict.flags],
            confidence=float(verdict.confidence),
            reason=verdict.reason,
            flag_reasons=dict(verdict.flag_reasons),
            rewrite=verdict.rewrite,
            patience=self._patience(patience, at),
        )
        return self._respond(turn, probe)

    def silence(self, *, patience: float | None = None, at: float | None = None) -> "PendingReply":
        """The trainee stays silent on purpose; the persona goes on."""
        self._finish_pending()
        turn = Turn(
            speaker=TRAINEE,
            text="",
            at=at or time.time(),
            label="silence",
            confidence=1.0,
            reason=_silence_reason(self.persona.language),
            patience=self._patience(patience, at),
        )
        return self._respond(turn, "")

    def unanswered(self) -> "PendingReply | None":
        """The reply to a trainee turn that was recorded but never answered (the page reloaded, or the server
        stopped, mid-reply), or None when the persona has had the last word. The reply is the one the live
        session would have given: the same state, the same seeded choice."""
        turns = self.transcript.turns
        if not turns or turns[-1].speaker != TRAINEE or self._pending is not None:
            return None
        trainee = turns[-1]
        rng = random.Random(f"{self.transcript.seed}:{len(turns) - 1}")
        plan = decide(self.persona, self.index, self.state, text=self._probe(trainee.text),
                      label=trainee.label or "statement", flags=list(trainee.flags), rng=rng)
        self._pending = PendingReply(self, trainee, plan)
        return self._pending

    def ask(self, text: str | None, **kwargs) -> tuple[Turn, Turn]:
        """Send and wait for the whole reply: ``None`` or ``""`` is a silence. For scripts and tests."""
        reply = self.send(text or "", **kwargs)
        return reply.trainee, reply.finish()

    # Internals ---------------------------------------------------------------------------------
    def _probe(self, text: str) -> str:
        """What the trainee's turn is read as: typed chat ("whats ur typical day like") as the sentence it stands for,
        cut to the longest turn read (the transcript keeps the text as typed)."""
        return chat_text.standard(text[:MAX_INPUT_CHARS], self.persona.language, self.index.words)

    def _patience(self, given: float | None, at: float | None) -> float | None:
        if given is not None:
            return max(0.0, float(given))
        if self.last_reply_at is None or at is None:
            return None
        return max(0.0, at - self.last_reply_at)

    def _previous_persona_text(self) -> str | None:
        for turn in reversed(self.transcript.turns):
            if turn.speaker == PERSONA:
                return turn.text
        return None

    def _respond(self, trainee: Turn, probe: str) -> "PendingReply":
        rng = random.Random(f"{self.transcript.seed}:{len(self.transcript.turns)}")
        plan = decide(
            self.persona,
            self.index,
            self.state,
            text=probe,
            label=trainee.label or "statement",
            flags=list(trainee.flags),
            rng=rng,
        )
        self._record(trainee)
        pending = PendingReply(self, trainee, plan)
        self._pending = pending
        return pending

    def _record(self, turn: Turn) -> None:
        """Number the turn, have ``on_turn`` commit it, and only then add it to the live transcript."""
        turn.index = self.transcript.next_index
        if self.on_turn is not None:
            self.on_turn(turn)
        self.transcript.append_numbered(turn)

    def _finish_pending(self) -> None:
        if self._pending is not None and self._pending.persona is None:
            self._pending.finish()

    def _request(self, plan: Plan) -> ReplyRequest:
        recent = tuple(
            (t.speaker, t.display_text) for t in self.transcript.turns[-RECENT_TURNS:]
        )
        style = self.persona.style
        return ReplyRequest(
            persona_name=self.persona.name,
            language=self.persona.language,
            style={"formality": style.formality, "directness": style.directness,
                   "verbosity": style.verbosity, "warmth": style.warmth},
            move=plan.move,
            content=plan.text,
            max_words=plan.max_words,
            recent=recent,
        )

    def _complete(self, trainee: Turn, plan: Plan, text: str, backend: str, guard: str | None) -> Turn:
        turn = plan_to_turn(plan, text)
        turn.backend = backend
        turn.guard = guard
        turn.at = time.time()
        self.state.observe(self.persona, trainee, turn)
        try:
            self._record(turn)
        except BaseException:
            # Not recorded: the state goes back to what the recorded turns say.
            self.state = replay(self.persona, self.transcript.turns)
            raise
        self.last_reply_at = turn.at
        self._pending = None
        return turn

    # Views -------------------------------------------------------------------------------------
    @property
    def insights_found(self) -> int:
        return len(self.state.revealed)

    @property
    def insights_total(self) -> int:
        return len(self.persona.insights)


class PendingReply:
    """The persona's reply to one trainee turn: stream it, or finish it at once.

    The persona turn is recorded when the stream ends (or on :meth:`finish`). If the backend
    fails, the authored text is used instead and the turn says so in ``guard``.
    """

    def __init__(self, session: Session, trainee: Turn, plan: Plan) -> None:
        self.session = session
        self.trainee = trainee
        self.plan = plan
        self.persona: Turn | None = None
        self._started = False

    def stream(self) -> Iterator[str]:
        if self.persona is not None:
            yield self.persona.text
            return
        self._started = True
        backend = self.session.backend
        request = self.session._request(self.plan)
        pieces: list[str] = []
        try:
            for chunk in backend.generate(request):
                pieces.append(chunk)
                yield chunk
        except Exception as e:  # a backend failure must never lose the turn
            reason = f"error: {type(e).__name__}: {e}"[:200]
            with self.session.engine._lock:
                self.session.engine.guard_rejections["error"] += 1
            self.persona = self.session._complete(self.trainee, self.plan, self.plan.text, "authored", reason)
            if not pieces:
                yield self.plan.text
            return
        text = "".join(pieces).strip()
        engine = self.session.engine
        reason = None if text else "empty"
        if reason is None and backend.name != "authored" and engine.guard is not None:
            reason = engine.guard(request, text)
        if reason is not None:
            with engine._lock:
                engine.guard_rejections[reason.split(":")[0]] += 1
            self.persona = self.session._complete(self.trainee, self.plan, self.plan.text, "authored", reason)
            return
        self.persona = self.session._complete(self.trainee, self.plan, text, backend.name, None)

    def finish(self) -> Turn:
        if self.persona is None:
            for _ in self.stream():
                pass
        return self.persona  # type: ignore[return-value]  # set by stream()


def _silence_reason(language: str | None) -> str:
    """Why a silence is coached as it is, in the persona's language like the rest of the coaching."""
    from scoring import feedback

    if feedback.catalogue_language(language) == "en":
        return "You stayed silent and gave the customer room to go on."
    return feedback.label_reason("silence", language)
