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


# A pointing question whose predicate belongs to another topic ----------------------------------------------


from simulator.policy import LINE_SHIFT, State, _line_advantage, _understand  # noqa: E402
from simulator.retrieval import TopicIndex, TopicMatch  # noqa: E402


def _m(topic, score, line):
    return TopicMatch(topic, score, score, 0.1, False, score, line)


class _FixedScores:
    """A persona's real index whose topic scores are given: the same ranking with or without the dialogue's
    bonuses (so only the line evidence differs between cases)."""

    def __init__(self, index, ranked):
        self._index, self._ranked = index, ranked

    def __getattr__(self, name):
        return getattr(self._index, name)

    def scores(self, text, current=None, prior=None):
        return list(self._ranked)


@pytest.fixture
def cooking_index(test_persona):
    return TopicIndex(test_persona, HashingEmbedder())


def _state(current):
    state = State()
    state.current_topic = current
    return state


def test_line_advantage_compares_the_two_topics_lines():
    own = [_m("cooking", 0.7, 0.60), _m("delivery", 0.5, 0.40)]
    assert _line_advantage(own, "cooking", "delivery") == pytest.approx(0.20)
    assert _line_advantage(own, "delivery", "cooking") == pytest.approx(-0.20)
    assert _line_advantage([_m("cooking", 0.7, -1.0), _m("delivery", 0.5, 0.4)], "cooking", "delivery") == 0.0


@pytest.mark.parametrize(("best_line", "expected"), [(0.40 + LINE_SHIFT + 0.05, "cooking"), (0.42, "delivery")])
def test_a_pronoun_question_moves_only_where_another_topics_lines_fit_it_clearly_better(
        cooking_index, best_line, expected):
    # Clearly ahead (gap 0.2, over FOLLOW_UP_MARGIN but under twice it) and no keyword: the lines decide.
    index = _FixedScores(cooking_index, [_m("cooking", 0.70, best_line), _m("delivery", 0.50, 0.40)])
    topic, _ = _understand(index, _state("delivery"), "Do they still do that?", "en")
    assert topic == expected


def test_a_follow_up_stays_on_the_topic_whatever_the_lines(cooking_index):
    index = _FixedScores(cooking_index, [_m("cooking", 0.70, 0.90), _m("delivery", 0.50, 0.20)])
    topic, _ = _understand(index, _state("delivery"), "What happened then?", "en")
    assert topic == "delivery"
