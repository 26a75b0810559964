"""Reply guards: each rejection reason, caught and not over-caught, on hand-built requests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.backends import ReplyRequest
from simulator.guards import DRIFT_THRESHOLDS, ReplyGuard, numbers_in

DETAIL = "Last March I worked three nights in a row and missed two deliveries."
RECENT = (("persona", "Hi, I have about twenty minutes."), ("trainee", "Tell me about your work schedule."))


def request(content: str = DETAIL, *, max_words: int = 90, recent=RECENT, language: str = "en",
            name: str = "Tess Tester") -> ReplyRequest:
    return ReplyRequest(persona_name=name, language=language,
                        style={"formality": "casual", "directness": "direct", "verbosity": "average",
                               "warmth": "medium"},
                        move="answer", content=content, max_words=max_words, recent=recent)


@pytest.fixture
def guard(embedder):
    return ReplyGuard(embedder)


def test_guards_faithful_paraphrase_passes(guard):
    assert guard(request(), "In March I worked three nights in a row and I missed two deliveries.") is None


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("As an AI, I worked three nights in a row and missed two deliveries.", "ai_mention: 'as an ai'"),
        ("I am a language model, but I worked three nights in March.", "ai_mention: 'language model'"),
        ("I'm an assistant. Last March I worked three nights and missed two deliveries.",
         "ai_mention: \"i'm an assistant\""),
        ("Last March I worked three nights, my training data says, and missed two deliveries.",
         "ai_mention: 'my training data'"),
        ("This chatbot worked three nights in March and missed two deliveries.", "ai_mention: 'chatbot'"),
        ("I can't roleplay, but last March I worked three nights.", "ai_mention: 'roleplay'"),
        ("I'm sorry, I'm unable to provide the requested text.", "ai_mention: \"i'm unable to provide\""),
        ("Last March I worked three nights. How can I help you today?", "ai_mention: 'how can i help you'"),
        ("Last March, AI that I am, I worked three nights and missed two deliveries.", "ai_mention: 'AI'"),
    ],
)
def test_guards_ai_mention_is_rejected(guard, reply, reason):
    assert guard(request(), reply) == reason


def test_guards_ai_words_in_the_content_are_allowed(guard):
    content = "The app's AI assistant kept suggesting things I never buy."
    assert guard.ai_mention(request(content), "That AI assistant in the app kept suggesting things I never buy.") is None


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("Tess worked three nights in a row last March and missed two deliveries.", "third_person: 'Tess'"),
        ("Last March the customer worked three nights in a row and missed two deliveries.",
         "third_person: 'the customer'"),
        ("She worked three nights in a row last March. She missed two deliveries.", "third_person: 'She'"),
        ("You worked three nights in a row last March and missed two deliveries.",
         "third_person: no 'I', uses 'you'"),
        ("The interviewer asked about work. I worked three nights in a row last March.",
         "third_person: 'the interviewer'"),
    ],
)
def test_guards_third_person_is_rejected(guard, reply, reason):
    assert guard.third_person(request(), reply) == reason


@pytest.mark.parametrize(
    ("content", "reply"),
    [
        (DETAIL, "I'm Tess, and last March I worked three nights in a row and missed two deliveries."),
        (DETAIL, "My name is Tess Tester; I worked three nights running last March."),
        ("My mother had a fall, and she broke her wrist.", "Mum fell and she broke her wrist, so I help her now."),
        ("Busy, yes. Every single day.", "Yes, busy every single day."),
        ("I accept them, yes, except for one or two things.", "Yes, except for one or two things."),
        ("Tess is my middle name, actually.", "Actually Tess is my middle name."),
    ],
)
def test_guards_third_person_allows_first_person_and_others(guard, content, reply):
    assert guard.third_person(request(content), reply) is None


def test_guards_third_person_pronoun_rules_are_english_only(guard):
    assert guard.third_person(request(language="de"), "Sie hat drei Nächte gearbeitet.") is None
    assert guard.third_person(request(language="de"), "Tess hat drei Nächte gearbeitet.") == "third_person: 'Tess'"


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("Last March I worked four nights in a row and missed two deliveries.", "new_number: four"),
        ("Last March I worked 3 nights in a row and missed 12 deliveries.", "new_number: 12"),
        ("Last March I worked three nights and missed two deliveries, twice.", None),
        ("In March I did 3 nights in a row and missed 2 deliveries.", None),
        ("I worked three nights in a row, just one month, and missed two deliveries.", None),
        ("I worked three nights and missed two deliveries at 5:30.", "new_number: 5"),
    ],
)
def test_guards_new_number(guard, reply, reason):
    assert guard.new_number(request(), reply) == reason


def test_guards_number_words_and_digits_match():
    assert numbers_in("a hundred and twelve euros") >= {100.0, 12.0, 112.0}
    assert numbers_in("seven ninety-nine a month") >= {7.0, 99.0}
    assert numbers_in("forty-eight steps, 1,000 times, 3.5 hours") >= {48.0, 1000.0, 3.5}
    assert numbers_in("no one knows, at first") == set()


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("Last March I worked three nights with Carla and missed two deliveries.", "new_name: Carla"),
        ("Last March I worked three nights at St Mary's and missed two deliveries.", "new_name: St"),
        ("In March I worked three nights in a row and missed two deliveries.", None),
        # Names from the recent turns and the persona's own name are known.
        ("Yes, Tess here: I worked three nights in March and missed two deliveries.", None),
        # A capitalised word that opens a sentence is not taken for a name.
        ("Honestly? Three nights in a row last March, and I missed two deliveries.", None),
    ],
)
def test_guards_new_name(guard, reply, reason):
    assert guard.new_name(request(), reply) == reason


def test_guards_new_name_knows_the_recent_turns(guard):
    recent = RECENT + (("trainee", "Did Carla from BasketRun call you?"),)
    reply = "Yes, Carla called me about the three nights, and I missed two deliveries."
    assert guard.new_name(request(recent=recent), reply) is None
    assert guard.new_name(request(), reply) == "new_name: Carla"


def test_guards_too_long(guard):
    reply = "I worked three nights in a row last March and missed two deliveries, " * 3
    assert guard.too_long(request(max_words=25), reply) == "too_long: 39 > 25"
    assert guard.too_long(request(max_words=39), reply) is None


def test_guards_drift(guard):
    assert guard.drift(request(), "Last March I worked three nights in a row and missed two deliveries.") is None
    reason = guard.drift(request(), "I cook pasta for the kids most evenings.")
    assert reason is not None and reason.startswith("drift: ") and reason.endswith(" < 0.35")


def test_guards_drift_per_sentence_catches_an_invented_sentence(guard):
    faithful = "Last March I worked three nights in a row and missed two deliveries."
    assert guard.drift(request(), faithful + " Yes, honestly.") is None  # under four words: not judged
    reason = guard.drift(request(), faithful + " My husband and I love going to the beach every summer.")
    assert reason == "drift: sentence 0.05 < 0.20 ('My husband and I love going to the beac…')"
    # A feeling the content does not hold is new too: it may be a guess at an unearned deep layer.
    assert guard.drift(request(), faithful + " I felt like a bad mother.").startswith("drift: sentence")


def test_guards_first_failing_check_is_the_reason(guard):
    reply = "As an AI, Tess worked 14 nights with Carla, " + "and so on " * 40
    assert guard(request(), reply).startswith("ai_mention")
    assert [r.split(":")[0] for r in guard.all_reasons(request(), reply)] == [
        "ai_mention", "third_person", "new_number", "new_name", "too_long", "drift"]


def test_guards_threshold_per_embedder(embedder):
    assert ReplyGuard(embedder).drift_threshold == DRIFT_THRESHOLDS["hashing"]
    assert ReplyGuard(embedder, drift_threshold=0.9).drift_threshold == 0.9

    class Other:
        name, dim, match_threshold = "other", 3, 0.6

    assert ReplyGuard(Other()).drift_threshold == 0.6 and ReplyGuard(Other()).sentence_threshold is None


@pytest.mark.real_model
def test_guards_minilm_threshold_separates_paraphrase_from_drift(real_embedder):
    """The measurement in the guards module docstring, kept true."""
    pairs = [json.loads(line) for line in Path(__file__).with_name("data").joinpath("drift_pairs.jsonl").open()]
    guard = ReplyGuard(real_embedder)
    assert guard.drift_threshold == DRIFT_THRESHOLDS["minilm"]
    rejected = {kind: 0 for kind in ("paraphrase", "summary", "off_topic", "generic", "padded")}
    total = dict.fromkeys(rejected, 0)
    invented = "I also have a dog called Rex who loves long walks."
    for pair in pairs:
        total[pair["kind"]] += 1
        rejected[pair["kind"]] += guard.drift(request(pair["content"]), pair["reply"]) is not None
        if pair["kind"] in ("paraphrase", "summary"):
            total["padded"] += 1
            rejected["padded"] += guard.drift(request(pair["content"]), f"{pair['reply']} {invented}") is not None
    assert rejected["paraphrase"] == 0 and rejected["summary"] == 0
    assert rejected["generic"] == total["generic"]
    assert rejected["off_topic"] >= total["off_topic"] - 1
    assert rejected["padded"] >= 0.9 * total["padded"]
