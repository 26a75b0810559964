"""Understanding, second round: a persona led and pitched at keeps to general facts (so a bad interview
uncovers little however its questions are worded), with the dialogue still following up to the story.
Hashing embedder and scripted labels throughout."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.policy import GUARDED_RAPPORT

from .conftest import ROOT, ScriptedClassifier

MARIA = ROOT / "personas" / "maria-grocery-lapsed.yaml"
OPEN = "What does a normal working day look like for you?"
LEADS = ["Surely the delivery slots were the real problem, weren't they?",
         "And the prices were too high as well, weren't they?"]


@pytest.fixture(scope="module")
def maria():
    return load_persona(MARIA)


def engine(script=None, default="open"):
    return Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(script, default))


def test_an_open_question_gets_the_story_when_rapport_is_intact(maria):
    session = engine().start(maria)
    _, reply = session.ask(OPEN)
    assert reply.topic == "work_week" and reply.layer == "detail"


def test_a_guarded_persona_gives_the_general_fact_to_an_open_question(maria):
    session = engine({text: "leading" for text in LEADS}).start(maria)
    for text in LEADS:
        session.ask(text)
    assert session.state.rapport <= GUARDED_RAPPORT
    _, reply = session.ask(OPEN)
    assert reply.topic == "work_week" and reply.layer == "surface"
    # A follow-up still reaches the story: guarded is not closed off.
    _, more = session.ask("What happened then?")
    assert more.topic == "work_week" and more.layer == "detail"


def test_one_leading_question_does_not_make_her_guarded(maria):
    session = engine({LEADS[0]: "leading"}).start(maria)
    session.ask(LEADS[0])
    assert session.state.rapport > GUARDED_RAPPORT
    _, reply = session.ask(OPEN)
    assert reply.layer == "detail"
