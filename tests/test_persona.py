"""Persona files: schema messages name file, field and fix; bad files never stop good ones."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.persona import (
    PERSONAS_ENV,
    PersonaError,
    find_persona,
    load_persona,
    load_personas,
    parse_persona,
)

from .conftest import ROOT, TEST_PERSONA

SHIPPED = sorted(p for p in (ROOT / "personas").glob("*.yaml") if not p.name.startswith("_"))


@pytest.fixture
def data():
    return yaml.safe_load(TEST_PERSONA.read_text(encoding="utf-8"))


def _problems(data, path="personas/maria.yaml") -> list[str]:
    with pytest.raises(PersonaError) as info:
        parse_persona(data, path)
    return str(info.value).splitlines()


def test_persona_template_and_test_persona_load():
    assert load_persona(ROOT / "personas" / "_template.yaml").version == 1
    assert load_persona(TEST_PERSONA).id == "test-persona"


def test_persona_unknown_layer_message(data):
    data["insights"][2]["layer"] = "deeep"
    assert _problems(data) == [
        "personas/maria.yaml: insights -> 2 -> layer: unknown layer 'deeep' (expected surface, detail, deep)"
    ]


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("version",), 2, "version: unsupported schema version 2 (this program reads version: 1)"),
        (("style", "formality"), "posh", "style -> formality: unknown formality 'posh' (expected formal, casual)"),
        (("style", "directness"), "blunt", "style -> directness: unknown directness 'blunt' (expected direct, indirect)"),
        (("style", "verbosity"), "chatty", "style -> verbosity: unknown verbosity 'chatty' (expected terse, average, talkative)"),
        (("style", "warmth"), "hot", "style -> warmth: unknown warmth 'hot' (expected low, medium, high)"),
        (("traits", "relationship"), "fan", "traits -> relationship: unknown relationship 'fan' (expected promoter, passive, detractor, non-customer)"),
        (("difficulty",), "extreme", "difficulty: unknown difficulty 'extreme' (expected easy, medium, hard)"),
        (("traits", "age"), "old", "traits -> age: expected a whole number, got str 'old'"),
        (("language",), "english", "language: 'english' is not a BCP-47 language tag (e.g. en, nl, ko, zh, en-GB)"),
        (("id",), "Maria Jansen", "id: id 'Maria Jansen' must be lowercase letters, digits, '-' or '_'"),
        (("topics", 0, "surface"), [], "topics -> 0 -> surface: is empty — give at least one entry"),
        (("topics", 0, "examples"), "just one", "topics -> 0 -> examples: expected a list (lines starting with '- '), got str 'just one'"),
        (("reactions", "leading"), [], "reactions -> leading: is empty — give at least one entry"),
        (("insights", 0, "topic"), "shiftz", "insights -> 0 -> topic: unknown topic 'shiftz' — did you mean 'shifts'?"),
    ],
)
def test_persona_field_messages(data, path, value, expected):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert f"personas/maria.yaml: {expected}" in _problems(data)


def test_persona_missing_field_message(data):
    del data["opening_line"]
    assert _problems(data) == ["personas/maria.yaml: opening_line: missing — add this field (see personas/README.md)"]


def test_persona_unknown_field_suggests_spelling(data):
    data["style"]["verbose"] = "terse"
    assert _problems(data) == [
        "personas/maria.yaml: style -> verbose: unknown field 'verbose' — did you mean 'verbosity'? "
        "— remove it or fix its spelling"
    ]


def test_persona_insight_on_empty_layer(data):
    data["topics"][2]["deep"] = []
    data["insights"][4]["layer"] = "deep"
    assert _problems(data) == [
        "personas/maria.yaml: insights -> 4 -> layer: topic 'cooking' has no deep lines to reveal this insight; "
        "add some under topics -> cooking -> deep"
    ]


def test_persona_duplicate_topic_and_insight_ids(data):
    data["topics"][1]["id"] = "shifts"
    assert "personas/maria.yaml: topics -> 1 -> id: duplicate topic id 'shifts'" in _problems(data)
    fresh = yaml.safe_load(TEST_PERSONA.read_text(encoding="utf-8"))
    fresh["insights"][1]["id"] = "missed_deliveries"
    assert "personas/maria.yaml: insights -> 1 -> id: duplicate insight id 'missed_deliveries'" in _problems(fresh)


def test_persona_every_problem_reported_at_once(data):
    data["style"]["warmth"] = "hot"
    data["difficulty"] = "extreme"
    del data["summary"]
    assert len(_problems(data)) == 3


def test_persona_yaml_syntax_error_names_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nname: [unclosed\nid: x\n", encoding="utf-8")
    with pytest.raises(PersonaError) as info:
        load_persona(bad)
    message = str(info.value)
    assert "bad.yaml: line" in message and "invalid YAML" in message


def test_persona_empty_and_non_mapping_files(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(PersonaError, match="the file is empty"):
        load_persona(empty)
    listy = tmp_path / "list.yaml"
    listy.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(PersonaError, match="must be a mapping"):
        load_persona(listy)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(PersonaError, match="UTF-8"):
        load_persona(binary)


def test_persona_one_bad_file_never_stops_the_others(tmp_path, data):
    (tmp_path / "good.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    broken = copy.deepcopy(data)
    broken["id"] = "other"
    broken["style"]["warmth"] = "hot"
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    (tmp_path / "garbage.yaml").write_text(": : :\n  - [", encoding="utf-8")
    (tmp_path / "_ignored.yaml").write_text("not: loaded", encoding="utf-8")
    report = load_personas([tmp_path])
    assert list(report.personas) == ["test-persona"]
    assert sorted(Path(e.path).name for e in report.errors) == ["broken.yaml", "garbage.yaml"]


def test_persona_duplicate_ids_across_files(tmp_path, data):
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    report = load_personas([tmp_path])
    assert len(report.personas) == 1
    [error] = report.errors
    assert "duplicate persona id 'test-persona'" in str(error) and "a.yaml" in str(error)


def test_persona_extra_folders_from_environment(tmp_path, data, monkeypatch):
    data["id"] = "team-persona"
    (tmp_path / "team-persona.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv(PERSONAS_ENV, f"{tmp_path}{__import__('os').pathsep}{tmp_path / 'missing'}")
    report = load_personas()
    assert "team-persona" in report.personas
    assert any("missing" in e.path and "no such file or folder" in str(e) for e in report.errors)
    assert find_persona("team-persona", report).id == "team-persona"


def test_persona_find_unknown_id_suggests(data):
    report = load_personas([TEST_PERSONA])
    with pytest.raises(PersonaError, match="did you mean 'test-persona'"):
        find_persona("test-persone", report)


_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_persona_fuzzed_text_never_crashes(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_persona(path)
    except PersonaError as e:
        assert str(e).startswith(str(path)) or "fuzz.yaml" in str(e)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_persona_fuzzed_structure_never_crashes(data_strategy):
    base = yaml.safe_load(TEST_PERSONA.read_text(encoding="utf-8"))
    key = data_strategy.draw(st.sampled_from(sorted(base)))
    base[key] = data_strategy.draw(_yaml_values)
    try:
        parse_persona(base, "fuzz.yaml")
    except PersonaError as e:
        assert all(line.startswith("fuzz.yaml: ") for line in str(e).splitlines())


def test_persona_shipped_files_are_valid_and_rich():
    assert len(SHIPPED) >= 6
    report = load_personas([ROOT / "personas"])
    assert not report.errors, "\n".join(map(str, report.errors))
    english = [p for p in report.personas.values() if p.language == "en"]
    assert len(english) >= 6
    for persona in english:
        assert len(persona.topics) >= 8, persona.id
        assert len(persona.insights) >= 5, persona.id
    relationships = {p.traits.relationship for p in english}
    assert {"promoter", "detractor", "non-customer"} <= relationships
    assert any(p.style.verbosity == "terse" and p.style.directness == "indirect" for p in english)
    assert any(p.style.formality == "formal" for p in english)
    assert any(p.traits.buying_role for p in english)


@pytest.mark.real_model
@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_persona_shipped_passes_golden_probes(path, real_engine):
    from simulator.checks import run_checks

    persona = load_persona(path)
    failures = [f"{r.name}: {r.detail}" for r in run_checks(real_engine, persona) if not r.ok]
    assert not failures, "\n".join(failures)
