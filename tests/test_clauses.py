"""A reaction joined to its question (by a dash, a semicolon or, spoken, by "okay so" / "um" before a question word;
in Chinese captions by a space): the question is what is asked, and the reaction's words do not pull the persona to
another topic. What points back ("And your mum — how does she fit in?") is still read whole."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.understanding import clauses

from .conftest import ROOT, ScriptedClassifier


@pytest.mark.parametrize("text, lang, expected", [
    ("Oh no, that sounds stressful — what did you do?", "en", ["Oh no, that sounds stressful", "what did you do?"]),
    ("oh wow signals okay so how many years was that", "en", ["oh wow signals", "how many years was that"]),
    ("that sounds hard um and when it broke what did you do", "en", ["that sounds hard", "and when it broke what did you do"]),
    ("nou dat is een flink stuk met twee kinderen eh en als het regent wat doe je dan", "nl",
     ["nou dat is een flink stuk met twee kinderen", "en als het regent wat doe je dan"]),
    ("婆婆过来帮忙带乐乐 那个 她是什么时候过来的", "zh", ["婆婆过来帮忙带乐乐", "那个", "她是什么时候过来的"]),
])
def test_a_reaction_is_cut_from_its_question(text, lang, expected):
    assert clauses(text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("So how did you find it?", "en"),            # a marker at the start is no reaction
    ("Um what happened next?", "en"),
    ("What do you um think of the price?", "en"),  # a hesitation inside the question
    ("oké dus hoe ging dat?", "nl"),
    ("Was it the price or the slots?", "en"),
])
def test_a_question_alone_stays_whole(text, lang):
    assert clauses(text, lang) == [text]


@pytest.fixture(scope="module")
def maria():
    return load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")


def _topic_after(maria, question):
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, "open")).start(maria, seed=1)
    session.ask("Tell me about your work.")
    _, reply = session.ask(question)
    return reply.topic


def test_the_reactions_words_do_not_pull_the_question_elsewhere(maria):
    alone = _topic_after(maria, "How do you do your mum's shopping these days?")
    joined = _topic_after(maria, "Wow, long office days and the late train — how do you do your mum's shopping these days?")
    assert alone == joined
