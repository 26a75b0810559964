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
    topic, _ = _understand(index, _state("delivery"), "Do they still get in touch with you?", "en")
    assert topic == expected


def test_a_follow_up_stays_on_the_topic_whatever_the_lines(cooking_index):
    index = _FixedScores(cooking_index, [_m("cooking", 0.70, 0.90), _m("delivery", 0.50, 0.20)])
    topic, _ = _understand(index, _state("delivery"), "What happened then?", "en")
    assert topic == "delivery"


# Her doing something with a thing outside her life -------------------------------------------------------


from simulator.policy import _claims_foreign_doing  # noqa: E402

ABSTAIN = {"clarify", "no_experience", "break_character"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Do you order your clothes online too?", True),
        ("So you're training for a marathon now.", True),
        ("Did you vote in the last election?", True),
        ("So you've already opened an account with a building society.", True),
        # Her own things, a verdict about a thing, someone else's doing: nothing claimed of hers.
        ("Do you cook for the kids after a night shift?", False),
        ("I suppose the parking charge is what really put you off, isn't it?", False),
        ("Does your neighbour play golf?", False),
        # New words only for where a doing of hers is done ("the cooking", of her "I cook").
        ("When do you do the cooking, on shift or on the bus?", False),
        # Nouns every life has make nothing hers: still a foreign doing.
        ("Do you order your clothes online at the weekend?", True),
        # A new noun that is only whom a thing of hers goes to: what she does is done with her thing.
        ("Would you recommend the delivery to a mate?", False),
        ("Did you mention it to a colleague?", False),
        # Unless what goes to them is new too.
        ("Would you send your clothes to a tailor?", True),
    ],
)
def test_a_turn_claiming_she_does_something_with_a_foreign_thing(cooking_index, text, expected):
    assert _claims_foreign_doing(cooking_index, State(), text) is expected


def test_foreign_claims_are_read_only_where_a_parse_tells_objects(test_persona):
    index = TopicIndex(test_persona.model_copy(update={"language": "nl"}), HashingEmbedder()) \
        if hasattr(test_persona, "model_copy") else None
    if index is None:
        pytest.skip("persona model cannot be copied with another language")
    assert not _claims_foreign_doing(index, State(), "Do you order your clothes online too?")


@pytest.mark.parametrize("text", ["Do you order your clothes online too?", "So you're training for a marathon now."])
def test_such_a_closed_question_or_summary_is_deflected_however_close_its_meaning(test_persona, cooking_index, text):
    import random

    from simulator.policy import decide

    # Its meaning as close to a topic as can be: still not hers.
    index = _FixedScores(cooking_index, [_m("delivery", 0.95, 0.9), _m("cooking", 0.5, 0.4)])
    label = "closed" if text.endswith("?") else "reflection"
    plan = decide(test_persona, index, State(), text=text, label=label, flags=[], rng=random.Random(0))
    assert plan.move in ABSTAIN and plan.topic is None
    # The same form about her own things is answered.
    plan = decide(test_persona, index, State(), text="Do you order the delivery online?", label="closed", flags=[],
                  rng=random.Random(0))
    assert plan.topic == "delivery"
