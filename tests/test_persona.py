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


# Bounded work on any input ---------------------------------------------------------------------------------

def _alias_bomb(levels: int = 9, under: str = "i") -> str:
    """The "billion laughs" file: each level a list of nine aliases of the level above (9**levels strings)."""
    letters = "abcdefghijklmnop"[:levels]
    text = 'version: 1\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for above, name in zip(letters, letters[1:]):
        text += f"{name}: &{name} [{','.join(['*' + above] * 9)}]\n"
    return text.replace(f"\n{letters[-1]}: &", f"\n{under}: &") if under != letters[-1] else text


@pytest.mark.parametrize("field", ["i", "summary", "topics"])
def test_persona_alias_bomb_refused_quickly(tmp_path, field):
    import resource
    import time

    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(_alias_bomb(9, field), encoding="utf-8")
    assert bomb.stat().st_size < 400
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with pytest.raises(PersonaError) as info:
        load_persona(bomb)
    assert time.perf_counter() - started < 2
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB: < 100 MB more
    message = str(info.value)
    assert "aliases" in message and "1,048,576" in message and "line " in message and len(message) < 400


def test_persona_alias_loop_refused(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.write_text("version: 1\nname: &n [a, *n]\n", encoding="utf-8")
    with pytest.raises(PersonaError, match="line 2: an alias refers to a list or mapping that contains it"):
        load_persona(loop)


def test_persona_small_aliases_still_work(tmp_path, data):
    text = TEST_PERSONA.read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    # Reuse the greeting lines for thanks with an anchor and an alias.
    loaded["reactions"]["thanks"] = "__ALIAS__"
    dumped = yaml.safe_dump(loaded, sort_keys=False).replace("  greeting:\n", "  greeting: &hello\n")
    dumped = dumped.replace("thanks: __ALIAS__", "thanks: *hello")
    path = tmp_path / "aliases.yaml"
    path.write_text(dumped, encoding="utf-8")
    persona = load_persona(path)
    assert persona.reactions.thanks == persona.reactions.greeting


def test_persona_error_messages_never_format_whole_values(data):
    # A huge value of the wrong type: the message shows its start, never all of it.
    data["traits"]["age"] = ["x" * 1000] * 10_000
    data["summary"] = {"k" * 5000: "v"}
    data["topics"][0]["id"] = "Bad Id " * 100_000
    problems = _problems(data)
    assert all(len(p) < 400 for p in problems), max(problems, key=len)[:500]
    assert any(p.startswith("personas/maria.yaml: traits -> age: expected a whole number, got list ['xxx") for p in problems)


def test_persona_many_problems_are_counted_not_listed(data):
    data["topics"] = [{"id": f"t{i}"} for i in range(500)]
    problems = _problems(data)
    assert len(problems) <= 26 and "more problems like these" in problems[-1]


def test_persona_duplicate_keys_refused_with_line(tmp_path):
    text = TEST_PERSONA.read_text(encoding="utf-8")
    lines = text.splitlines()
    name_line = next(i for i, line in enumerate(lines) if line.startswith("name:")) + 1
    path = tmp_path / "dup.yaml"
    path.write_text(text + "\nname: Someone Else\n", encoding="utf-8")
    with pytest.raises(PersonaError) as info:
        load_persona(path)
    last = len(lines) + 2
    assert str(info.value) == (f"{path}: line {last}: duplicate key 'name' (also on line {name_line}); YAML would keep "
                               "only the last one — remove one of them or merge them")


def test_persona_version_as_text_says_to_drop_the_quotes(data):
    data["version"] = "1"
    assert ('personas/maria.yaml: version: written as text ("1"); write version: 1 without quotes — it is a number'
            in _problems(data))


def test_persona_too_large_refused_before_reading_it_all(tmp_path):
    import time

    big = tmp_path / "big.yaml"
    line = "  - " + "a very long line of a persona that keeps on going " * 2 + "\n"
    big.write_text(TEST_PERSONA.read_text(encoding="utf-8") + "extra:\n" + line * (5_500_000 // len(line)),
                   encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(PersonaError, match=r"too large for a persona \(5\.\d MB; the limit is 512 KB"):
        load_persona(big)
    assert time.perf_counter() - started < 1


def test_persona_shipped_id_clash_warned(tmp_path):
    from simulator.persona import shipped_id_clashes

    copy_of_shipped = tmp_path / "mine.yaml"
    copy_of_shipped.write_text((ROOT / "personas" / "maria-grocery-lapsed.yaml").read_text(encoding="utf-8"),
                               encoding="utf-8")
    [warning] = shipped_id_clashes(load_personas([copy_of_shipped]))
    assert "mine.yaml: id 'maria-grocery-lapsed' is also the id of the shipped persona" in warning
    assert "give this persona another id" in warning
    assert shipped_id_clashes(load_personas([ROOT / "personas" / "maria-grocery-lapsed.yaml"])) == []
    assert shipped_id_clashes(load_personas([TEST_PERSONA])) == []
