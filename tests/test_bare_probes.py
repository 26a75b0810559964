"""A terse interviewer's bare probes ("Example?", "Because?", "Want?", "比如？"): open prompts for the coach, follow-ups
on what she is telling for the persona; and a recap cut at a comma never ends on "and thought"."""

from __future__ import annotations

import pytest

from scoring.classifier import QuestionClassifier
from scoring.labels import Label
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.understanding import shorten

from .conftest import ROOT, ScriptedClassifier

PREVIOUS = {
    "en": "The next week I looked at the app and thought, we'll just pick things up on the way home.",
    "nl": "De week erna heb ik de app niet meer geopend.",
    "ko": "그다음 주에는 앱을 아예 안 열었어요.",
    "zh": "第二个星期我就没再打开那个App了。",
}


@pytest.fixture(scope="module")
def classifiers():
    return {lang: QuestionClassifier(embedder=HashingEmbedder(), language=lang) for lang in PREVIOUS}


@pytest.mark.parametrize("lang, text", [
    ("en", "Example?"), ("en", "Because?"), ("en", "Like?"), ("en", "Which means?"), ("en", "Such as what?"),
    ("en", "Example of that?"), ("en", "Because of what?"),
    ("nl", "Want?"), ("nl", "Omdat?"), ("nl", "Namelijk?"), ("nl", "Een voorbeeld?"),
    ("ko", "예컨대요?"), ("ko", "이를테면요?"), ("ko", "어째서요?"),
    ("zh", "比如？"), ("zh", "因为？"), ("zh", "意思是？"), ("zh", "举个例子？"),
])
def test_a_bare_probe_is_an_open_prompt(classifiers, lang, text):
    verdict = classifiers[lang].classify(text, PREVIOUS[lang])
    assert verdict.label is Label.OPEN


@pytest.mark.parametrize("lang, text", [
    ("en", "Because you were tired?"),  # a reason handed to them, not a probe
    ("nl", "Want je had geen tijd?"),
    ("zh", "因为太贵了吗？"),
])
def test_a_probe_word_that_brings_its_own_answer_is_no_bare_probe(classifiers, lang, text):
    assert classifiers[lang].classify(text, PREVIOUS[lang]).label is not Label.OPEN


@pytest.mark.parametrize("probe", ["Example?", "Because?", "Meaning?", "For instance?"])
def test_the_persona_takes_a_bare_probe_as_a_follow_up_on_her_story(probe):
    maria = load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, "open")).start(maria, seed=1)
    _, first = session.ask("Tell me about the last time you ordered.")
    _, reply = session.ask(probe)
    assert reply.topic == first.topic and reply.move not in {"no_experience", "clarify"}


@pytest.mark.parametrize("sentence, recap", [
    ("The next week I looked at the app and thought, we'll just pick things up on the way home for a bit.",
     "the next week I looked at the app."),
    ("I rang them on the Monday and said, look, this is the third time the van has been late this month.",
     "I rang them on the Monday."),
    # A cut that leaves a whole clause is kept as it was.
    ("Three weeks went by, then Christmas, and I'd stopped without ever deciding to, which is odd really.",
     "three weeks went by, then Christmas, and I'd stopped without ever deciding to."),
])
def test_a_recap_does_not_end_on_a_verb_of_saying_left_without_what_was_said(sentence, recap):
    assert shorten(sentence, "en").lower() == recap.lower()


def _maria_after_story(label):
    maria = load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, label)).start(maria, seed=1)
    session.ask("Tell me about the last time you ordered.")  # labelled as scripted: a statement is still answered
    return session


@pytest.mark.parametrize("prompt", ["The delivery slots.", "Your sister.", "Substitutions."])
def test_a_named_thing_of_hers_said_as_a_prompt_is_answered_like_an_open_question(prompt):
    _, reply = _maria_after_story("statement").ask(prompt)
    assert reply.topic is not None and reply.move not in {"acknowledge", "no_experience"}


@pytest.mark.parametrize("remark", ["Makes sense.", "I see.", "Fair enough.", "Wow, brilliant!", "The weather."])
def test_a_remark_that_names_nothing_of_hers_is_only_acknowledged(remark):
    _, reply = _maria_after_story("statement").ask(remark)
    assert reply.move in {"acknowledge", "continue"}


@pytest.mark.parametrize("lang, text", [
    ("nl", "Hoeveel?"), ("nl", "Hoelang?"), ("nl", "En nu?"),
    ("ko", "누가요?"), ("ko", "몇 번이요?"), ("ko", "지금은요?"),
    ("zh", "多少？"), ("zh", "什么时候？"), ("zh", "多久？"), ("zh", "谁？"), ("zh", "现在呢？"), ("zh", "几次？"),
])
def test_question_and_time_words_are_no_topic_words(lang, text):
    from simulator.understanding import units

    assert units(text, lang) == []


def test_the_words_around_a_chinese_question_word_still_count():
    from simulator.understanding import units

    assert "团长" in units("团长多久来一次？", "zh")


@pytest.mark.parametrize("persona_file, text, prompt", [
    ("anouk-fiets-nl.yaml", "Het geld.", True),
    ("anouk-fiets-nl.yaml", "Goed zo.", False),  # praise, no thing of hers
    ("jiwoo-bank-ko.yaml", "좋네요.", False),  # a predicate: it says something, it names nothing
    ("jiwoo-bank-ko.yaml", "힘드셨겠네요.", False),
])
def test_outside_english_a_prompt_is_her_words_and_no_predicate(persona_file, text, prompt):
    from simulator.policy import _topic_prompt
    from simulator.retrieval import TopicIndex

    persona = load_persona(ROOT / "personas" / persona_file)
    assert _topic_prompt(TopicIndex(persona, HashingEmbedder()), text, persona.language) is prompt
