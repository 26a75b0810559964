"""Dialogue, fourth round: the persona answers the turn that was made. A remark that reacts to what she has just
told ("That sounds exhausting.") is a reaction to her story, and she goes on with it. Real engine and personas,
hashing embedder, scripted labels."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona

from .conftest import ROOT, ScriptedClassifier

DEV = ROOT / "personas" / "dev-grocery-promoter.yaml"
MARIA = ROOT / "personas" / "maria-grocery-lapsed.yaml"


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


@pytest.fixture(scope="module")
def dev():
    return load_persona(DEV)


@pytest.fixture(scope="module")
def maria():
    return load_persona(MARIA)


# Remarks of empathy ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("remark", ["That sounds exhausting.", "That must be a bit of a weight to carry.",
                                    "It must have been awful."])
def test_a_remark_on_what_she_just_told_gets_more_of_it(dev, remark):
    session = engine({remark: "statement"}).start(dev, seed=1)
    first = session.ask("Tell me about your knee.")[1]
    assert first.topic == "knee_stairs"
    _, reply = session.ask(remark)
    assert reply.topic == "knee_stairs" and reply.move == "continue"
    # More of the story, not what was said again.
    assert session.state.level("knee_stairs") > 2 or reply.layer not in first.layers


def test_a_remark_with_nothing_told_yet_is_acknowledged(maria):
    session = engine({"That sounds exhausting.": "statement"}).start(maria, seed=1)
    _, reply = session.ask("That sounds exhausting.")
    assert reply.move == "acknowledge" and reply.topic is None


def test_a_remark_that_points_at_nothing_is_acknowledged(maria):
    session = engine({"Lovely view from here.": "statement"}).start(maria, seed=1)
    session.ask("What's your job like?")
    _, reply = session.ask("Lovely view from here.")
    assert reply.move == "acknowledge" and reply.topic is None


# Closed wh-questions get the fact they ask for ------------------------------------------------------------------

HAROLD = ROOT / "personas" / "harold-bank-formal.yaml"


@pytest.mark.parametrize(("question", "kind"), [
    ("Who does the approving?", "person"), ("And where do you keep them?", "place"),
    ("When did the knee go?", "time"), ("What time does he come?", "time"), ("Which evening do you order?", "time"),
    ("How many boxes have you got?", "figure"), ("How much is the pass?", "figure"),
    ("How often do you see her?", "frequency"),
    ("What do you usually buy?", None), ("Do you keep busy?", None),
])
def test_the_kind_of_fact_a_question_asks_for(question, kind):
    from simulator.understanding import asked_fact

    assert asked_fact(question, "en") == kind
    assert asked_fact(question, "nl") is None


@pytest.mark.parametrize(("sentence", "has", "lacks"), [
    ("Forty-eight steps, I've counted.", "figure", "place"),
    ("Usually Tomasz, yes.", "person", "figure"),
    ("I do most of the cooking.", "self", "person"),
    ("My daughter Claire lives in Leeds.", "place", "figure"),
    ("There are eleven boxes in my hall cupboard, behind the hoover.", "place", "person"),
    ("Thursday, ten till twelve.", "time", "place"),
    ("I'm in by half seven.", "time", "place"),
    ("Every single day.", "frequency", "time"),
    ("Mostly fine, yes.", None, "figure"),
])
def test_the_kinds_of_fact_a_sentence_carries(sentence, has, lacks):
    from simulator.understanding import fact_kinds

    kinds = fact_kinds(sentence, "en")
    assert (has in kinds) if has else not kinds
    assert lacks not in kinds


@pytest.mark.parametrize(("opening", "question", "fact"), [
    # The figure is in the story, which is open: said in passing, the story itself still to be told.
    ("What would make you stop using BasketRun?", "How many trips did it take you?", "four trips"),
    ("Tell me about delivery day.", "What time does he usually come?", " ten"),
])
def test_a_closed_wh_question_gets_the_fact(dev, opening, question, fact):
    session = engine({question: "closed"}).start(dev, seed=1)
    first = session.ask(opening)[1]
    _, reply = session.ask(question)
    assert reply.topic == first.topic and reply.move == "closed"
    assert fact in reply.text.lower()
    assert reply.layer != "detail" and not reply.insights


def test_a_closed_wh_question_gets_the_fact_from_the_story(harold):
    session = engine({"How much did they take twice?": "closed"}).start(harold, seed=1)
    first = session.ask("How do you keep track of your money?")[1]
    assert first.topic == "paper_statements" and first.layer == "surface"
    _, reply = session.ask("How much did they take twice?")
    assert "sixty-two pounds" in reply.text and reply.layer is None
    # The story told afterwards is the other phrasing of it: no sentence said twice.
    _, story = session.ask("What happened?")
    assert story.topic == "paper_statements"
    assert not set(story.text.split(". ")) & set(reply.text.split(". "))


@pytest.fixture(scope="module")
def harold():
    return load_persona(HAROLD)


# A yes/no follow-up on the story just told ----------------------------------------------------------------------


@pytest.mark.parametrize(("opening", "question"), [
    ("Tell me about your knee.", "Were you hurt badly?"),
    ("Has a delivery ever gone badly wrong?", "Were you very cross?"),
])
def test_a_yes_no_follow_up_on_the_story_just_told_stays_on_it(dev, opening, question):
    session = engine({question: "closed"}).start(dev, seed=1)
    first = session.ask(opening)[1]
    _, reply = session.ask(question)
    assert reply.topic == first.topic and reply.move == "closed"


# ("Have you ever been skiing?" after a story: tests/test_engine_evidence.py.)
@pytest.mark.parametrize("question", ["Did you watch the match last night?", "Do you play golf at all?"])
def test_a_yes_no_question_about_things_outside_her_life_is_still_declined(dev, question):
    session = engine({question: "closed"}).start(dev, seed=1)
    session.ask("Tell me about your knee.")
    _, reply = session.ask(question)
    assert reply.move == "no_experience" and reply.topic is None


# A follow-up word does not hold a question that names another topic ----------------------------------------------


def test_a_why_question_in_another_topics_words_leaves_the_current_topic(maria):
    session = engine().start(maria, seed=1)
    assert session.ask("What's your job like?")[1].topic == "work_week"
    _, reply = session.ask("Why did you stop ordering?")
    assert reply.topic == "stopping"


def test_a_why_question_that_names_nothing_stays(maria):
    session = engine().start(maria, seed=1)
    session.ask("What's your job like?")
    _, reply = session.ask("Why was that?")
    assert reply.topic == "work_week"


# Agreement lines rotate ------------------------------------------------------------------------------------


def _sentences(text: str) -> set[str]:
    import re

    return {" ".join(re.findall(r"[a-z']+", s.lower())) for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()}


@pytest.mark.parametrize("seed", range(1, 6))
def test_leading_questions_get_a_fresh_agreement_line_before_any_comes_back(tmp_path, seed):
    # An agreement line with the suggestion can carry a fixed sentence ("I'm sure you're right."): once it is said,
    # a fresh line without the suggestion comes before that sentence is said again.
    import yaml

    data = yaml.safe_load(DEV.read_text(encoding="utf-8"))
    data["reactions"]["leading"] = ["Oh yes, {suggestion}. I'm sure you're right.", "Could well be, yes.",
                                    "Oh, I expect so."]
    path = tmp_path / "dev-grocery-promoter.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    persona = load_persona(path)
    questions = ["You must find the app too expensive, right?", "The drivers are always late, aren't they?",
                 "So the substitutions are the worst part, yeah?"]
    session = engine({q: "leading" for q in questions}).start(persona, seed=seed)
    said: set[str] = set()
    for question in questions:
        reply = session.ask(question)[1]
        assert reply.move == "leading"
        repeated = _sentences(reply.text) & said
        assert not repeated, (question, reply.text)
        said |= _sentences(reply.text)
