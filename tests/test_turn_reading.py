"""Reading a turn: which part of it is asked, and when the learned choices may overrule the rules.

Hashing embedder and the shipped personas; the learned models are replaced by fakes that always want something
else, so each test shows the rule that stops them."""

from __future__ import annotations

import pytest

from simulator import policy, topic_choice, topic_rerank
from simulator.understanding import asks_about_the_past
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_persona
from simulator.retrieval import TopicIndex, TopicMatch

from .conftest import ROOT, ScriptedClassifier


def _index(name: str) -> tuple:
    persona = load_persona(ROOT / "personas" / f"{name}.yaml")
    return persona, TopicIndex(persona, HashingEmbedder())


@pytest.fixture(scope="module")
def jiwoo():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERVIEW_SIM_CACHE_DIR", "")
        yield _index("jiwoo-bank-ko")


@pytest.fixture(scope="module")
def lihua():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERVIEW_SIM_CACHE_DIR", "")
        yield _index("lihua-grocery-zh")


@pytest.fixture(scope="module")
def maria():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERVIEW_SIM_CACHE_DIR", "")
        yield _index("maria-grocery-lapsed")


def _talking_about(persona, topic: str) -> "policy.State":
    """A fresh interview's state with ``topic`` the one being talked about."""
    state = policy.State.initial(persona)
    state.current_topic = topic
    return state


def _match(topic: str, score: float, *, keyword: bool = False) -> TopicMatch:
    return TopicMatch(topic=topic, score=score, semantic=score, lexical=0.0, keyword=keyword)


# How many words a question needs to be read without the sentences before it -----------------------------------


@pytest.mark.parametrize("question, language, alone", [
    ("Why have you stayed?", "en", True),
    ("Why?", "en", False),
    ("And then what?", "en", False),
    ("가계부는 쓰세요?", "ko", True),  # "Do you keep a household ledger?": two Korean words, a whole question
    ("왜요?", "ko", False),
    # "How do you usually manage (it)?": nothing named, what it asks about is in the sentence before
    ("보통 어떻게 관리하세요?", "ko", False),
    ("Hoe lang al?", "nl", False),
])
def test_a_korean_question_of_two_words_that_names_its_subject_stands_alone(question, language, alone):
    assert policy._stands_alone(question, language) is alone


def test_a_korean_question_after_an_apology_is_read_without_it(jiwoo):
    persona, index = jiwoo
    state = policy.State.initial(persona)
    turn = "아이고, 또 발표하듯이 말했네요. 지우 씨 얘기로 돌아갈게요. 가계부는 쓰세요?"
    assert policy._read_question(index, state, turn, "ko")[2] == "가계부는 쓰세요?"


# The learned choice does not decline a question that names a topic's keyword -----------------------------------


class _Abstains:
    def fits(self, embedder) -> bool:
        return True

    def decide(self, values, confident=None) -> str:
        return "abstain"


def test_the_learned_choice_never_declines_a_question_naming_a_keyword(lihua, monkeypatch):
    persona, index = lihua
    monkeypatch.setattr(topic_choice, "model", lambda: _Abstains())
    monkeypatch.setattr(topic_choice, "enabled", lambda: True)
    state = _talking_about(persona, "family_meals")
    question = "再往前说一点，封控那会儿第一次用，是谁把你拉进群的？"
    with_keyword = [_match("pickup", 0.54), _match("lockdown", 0.53, keyword=True)]
    assert policy._learned_choice(index, state, question, "closed", "pickup", with_keyword)[0] == "pickup"
    # The same ranking without the author's keyword in it: the learned choice's "no idea" stands.
    without = [_match("pickup", 0.54), _match("lockdown", 0.53)]
    assert policy._learned_choice(index, state, question, "closed", "pickup", without)[0] is None


# The reranker does not overrule the rules where it has nothing to weigh -------------------------------------------


class _WantsOther:
    def __init__(self, other: str) -> None:
        self.other = other

    def fits(self, embedder) -> bool:
        return True

    def choose(self, topics, rows) -> str:
        return self.other


def _reranker_wants(monkeypatch, other: str) -> None:
    monkeypatch.setattr(topic_rerank, "model", lambda: _WantsOther(other))
    monkeypatch.setattr(topic_rerank, "enabled", lambda: True)


def test_the_reranker_keeps_a_choice_far_ahead_in_the_rules_ranking(maria, monkeypatch):
    persona, index = maria
    _reranker_wants(monkeypatch, "mother")
    state = _talking_about(persona, "delivery_slots")
    question = "Sorry, I'm selling again. How do you keep track of what you spend on food?"
    far_ahead = [_match("household_budget", policy.STAY_OVERRULED + 0.1), _match("delivery_slots", 0.5)]
    assert policy._reranked(index, state, question, "open", "household_budget", far_ahead) == "household_budget"
    # Ahead but not by far (or no ranking at all): the reranker weighs it.
    close = [_match("household_budget", policy.STAY_OVERRULED + 0.1), _match("delivery_slots", 0.9)]
    assert policy._reranked(index, state, question, "open", "household_budget", close) == "mother"
    assert policy._reranked(index, state, question, "open", "household_budget") == "mother"


def test_the_reranker_keeps_a_question_that_names_nothing_on_the_topic_talked_about(maria, monkeypatch):
    persona, index = maria
    _reranker_wants(monkeypatch, "mother")
    state = _talking_about(persona, "company_contact")
    question = "What were you looking at?"
    assert policy._elliptic(index, question)
    # Its meaning alone reaches no topic (as with MiniLM: 0.28 at most, against a threshold of 0.42).
    below = [_match(t.id, index.threshold * 0.6) for t in persona.topics]
    monkeypatch.setattr(index, "scores", lambda text, *a, **k: list(below))
    assert policy._reranked(index, state, question, "open", "company_contact") == "company_contact"
    # Not when the rules chose another topic than the one talked about: that choice is weighed as ever.
    assert policy._reranked(index, state, question, "open", "stopping") == "mother"
    # Nor when its meaning alone is clearly a topic's ("Does anything ever come that you didn't order?").
    monkeypatch.setattr(index, "scores", lambda text, *a, **k: [_match("substitutions", index.threshold * 1.5)]
                        + below)
    assert policy._reranked(index, state, question, "open", "company_contact") == "mother"


# Greetings, and a last sentence that says less than the whole turn --------------------------------------------------


def test_a_greeting_then_the_moment_then_a_bare_question_is_asked_not_small_talk():
    sam = load_persona(ROOT / "personas" / "sam-fitness-noncustomer.yaml")
    engine = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(default="closed"))
    session = engine.start(sam)
    _, reply = session.ask("Hi Sam, thanks for the coffee slot. First one: the day you deleted Stridewell. "
                           "Where were you?")
    assert reply.move != "greeting"
    assert reply.topic == "app_attempt"


def test_small_talk_after_a_greeting_is_still_answered_in_kind():
    sam = load_persona(ROOT / "personas" / "sam-fitness-noncustomer.yaml")
    engine = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(default="closed"))
    session = engine.start(sam)
    _, reply = session.ask("Hi Sam, thanks for making the time. Can you hear me all right?")
    assert reply.move == "greeting"


def test_a_last_question_that_fits_a_topic_better_than_the_whole_turn_is_read_alone():
    persona = load_persona(ROOT / "personas" / "hyejin-shampoo-terse.yaml")
    index = TopicIndex(persona, HashingEmbedder())
    last = "How do you usually wash your hair?"
    whole = ("A bit about me: I used to work in a shop, and I watched people squint at the back of bottles, so I "
             "started building an app for that. You photograph the label and it reads it for you. " + last)
    alone, together = index.scores(last)[0].score, index.scores(whole)[0].score
    assert alone > together >= index.threshold
    assert not policy._says_less(index, last, whole, index.threshold)
    # A last question that fits nothing better than the turn does is read with the sentences before it.
    assert policy._says_less(index, "Why is that?", whole, index.threshold)


# Korean questions about a moment of the story ------------------------------------------------------------------------


@pytest.mark.parametrize("question, past", [
    ("백 안에는 뭐가 들어 있었어요?", True),   # "What was in the bag?" (있었어요: was)
    ("뭐가 들어 있어요?", False),              # "What is in it?" (있어요: is)
    ("그때 누가 왔어요?", True),               # "Who came then?" (왔: 오 + 았)
    ("뭐가 좋아서 만드셨어요?", True),          # honorific past (셨: 시 + 었)
    ("어떻게 하시겠어요?", False),              # 겠: a guess or a future, not the past
    ("어디 가세요?", False),
])
def test_a_korean_question_is_about_the_past_by_the_ending_of_its_verb(question, past):
    assert asks_about_the_past(question, "ko") is past


def test_a_korean_what_question_about_the_moment_asks_after_the_story():
    assert policy._asks_about_the_moment("백 안에는 뭐가 들어 있었어요?", "ko")
    assert policy._asks_about_the_moment("그때 누가 왔어요?", "ko")
    # In the present it asks about her life now, not about the moment told.
    assert not policy._asks_about_the_moment("요즘 뭐 하세요?", "ko")


def test_an_open_korean_question_about_the_moment_stays_with_the_story():
    jiwoo = load_persona(ROOT / "personas" / "jiwoo-bank-ko.yaml")
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(default="open")).start(jiwoo)
    _, told = session.ask("모임통장은 어떻게 시작하게 됐어요?")
    assert told.topic == "group_account"
    # "What was the problem there?": past tense, a what-question, its new words things of the story.
    _, reply = session.ask("거기서 뭐가 문제였어요?")
    assert reply.move != "no_experience"
    assert reply.topic == "group_account"


@pytest.mark.parametrize("question, content", [
    ("거기서 뭐가 문제였어요?", {"문제였어"}),          # "there" and "what" with a particle left on name nothing
    ("그거 뭘로 하셨어요?", {"하셨어"}),
    ("무엇이 제일 힘드셨어요?", {"제일", "힘드셨어"}),
    ("도로가 막혔어요", {"도로", "막혔어"}),             # a noun with a particle is still a noun
])
def test_korean_question_and_pointing_words_are_no_units(question, content):
    from simulator.understanding import units

    assert {u for u in units(question, "ko") if not u.startswith("~")} == content


@pytest.mark.parametrize("question, points", [
    ("Kijk jij eigenlijk nog een serie op dit moment?", False),  # "at the moment": the present, not the story
    ("Wat doe je deze week?", False),
    ("Hoe vond je dit?", True),
    ("En wat deed je toen?", True),
])
def test_dutch_this_before_a_word_points_at_the_present(question, points):
    persona = load_persona(ROOT / "personas" / "anouk-fiets-nl.yaml")
    index = TopicIndex(persona, HashingEmbedder())
    assert policy._points_back(index, policy.State.initial(persona), question, "nl") is points


# A question about the moment she has just told -------------------------------------------------------------------------


def test_a_short_past_question_for_a_fact_stays_with_the_moment_just_told():
    harold = load_persona(ROOT / "personas" / "harold-bank-formal.yaml")
    opener = "Tell me about the last time you went into the branch."
    session = Engine(embedder=HashingEmbedder(),
                     classifier=ScriptedClassifier({opener: "open"}, default="closed")).start(harold)
    _, told = session.ask(opener)
    assert told.topic == "branch_visits"
    # "serve" is a word of his opening-hours topic only; asked right after the visit, it asks who served him then.
    _, reply = session.ask("Who served you?")
    assert reply.topic == "branch_visits"


def test_a_question_about_the_moment_needs_her_to_have_just_told_it():
    harold = load_persona(ROOT / "personas" / "harold-bank-formal.yaml")
    state = policy.State.initial(harold)
    index = TopicIndex(harold, HashingEmbedder())
    assert not policy._asks_just_told(index, state, "Who served you?", "en")  # nothing told yet
    assert not policy._asks_about_the_moment("Who serves you these days?", "en")  # the present: his life now


# A summary of her words with one new word of its own --------------------------------------------------------------


def test_a_summary_mostly_of_her_words_is_confirmed_not_declined_for_one_new_word():
    maria = load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")
    opener = "Tell me about the last time you did a big shop online."
    engine = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier({opener: "open"}, default="reflection"))
    session = engine.start(maria)
    _, told = session.ask(opener)
    summary = ("So at half-term you skipped the order at your sister's caravan, had the app open on your phone and "
               "simply stopped.")
    index = engine.index_for(maria)
    # "caravan" is a noun she never uses, but it only says where her order was skipped (the gate for things outside her
    # life lets it through), and the rest is what she has just said.
    assert not policy._claims_foreign_doing(index, session.state, summary)
    assert policy._retells(index, session.state, summary)
    _, reply = session.ask(summary)
    assert reply.move != "no_experience"
    assert reply.topic == told.topic


def test_a_summary_of_things_outside_her_life_is_still_declined():
    maria = load_persona(ROOT / "personas" / "maria-grocery-lapsed.yaml")
    opener = "Tell me about the last time you did a big shop online."
    engine = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier({opener: "open"}, default="reflection"))
    session = engine.start(maria)
    session.ask(opener)
    summary = "So you're training for a marathon with your running club now."
    assert not policy._retells(engine.index_for(maria), session.state, summary)
    _, reply = session.ask(summary)
    assert reply.move == "no_experience"


def test_a_time_phrase_is_no_thing_she_does_something_with(maria):
    persona, index = maria
    state = policy.State.initial(persona)
    assert not policy._claims_foreign_doing(index, state, "Have you ordered since the winter?")
    assert policy._claims_foreign_doing(index, state, "Did you vote in the last election?")


def test_a_word_of_any_interview_that_she_uses_names_her_thing():
    hyejin = load_persona(ROOT / "personas" / "hyejin-shampoo-terse.yaml")
    index = TopicIndex(hyejin, HashingEmbedder())
    # "expect" is a word of any interview she never says; "price" is one too, but she talks about prices.
    assert policy._names_nothing(index, "What did you expect from it then?")
    assert not policy._names_nothing(index, "And the price, is it important to you?")


def test_a_pointing_question_of_interview_words_stays_on_the_topic_being_told(monkeypatch):
    anouk = load_persona(ROOT / "personas" / "anouk-fiets-nl.yaml")
    engine = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(default="open"))
    session = engine.start(anouk)
    _, told = session.ask("Hoe ben je ooit bij Velomaat terechtgekomen?")
    index = engine.index_for(anouk)
    # "beschrijf" and "verwacht" are words of any interview (the Dutch question bank) she never uses; "toen" points
    # back at what she is telling.
    question = "Beschrijf eens wat je er toen van verwachtte."
    assert policy._names_nothing(index, question)
    # Another topic far ahead on the question's own evidence, as if named by one of its keywords (USE puts
    # "verwachten" near her doubts about cancelling): nothing the question names is there.
    ahead = [_match("opzeggen", index.threshold * 2, keyword=True)] + [
        _match(t.id, index.threshold * 0.5) for t in anouk.topics if t.id != "opzeggen"]
    monkeypatch.setattr(index, "scores", lambda text, *a, **k: list(ahead))
    assert policy._understand(index, session.state, question, "nl")[0] == told.topic
    # A question that names a word of hers does name something.
    assert not policy._names_nothing(index, "Beschrijf eens wat je toen van de opzegtermijn verwachtte.")


# Dutch questions about a moment of the story ------------------------------------------------------------------------


@pytest.mark.parametrize("question, past", [
    ("Welke route reed je?", True),          # strong verb, after "welke" and its noun
    ("Welke route rijd je?", False),          # "route" ends in -te but is the noun, not the verb
    ("Wat zei je leidinggevende?", True),
    ("Wanneer was dat, sorry?", True),
    ("Wie belde je toen?", True),              # weak verb in -de
    ("En wie, sorry, wie had het idee?", True),  # the question word said twice
    ("Hoeveel betaalde je toen?", True),
    ("Hoeveel betaal je nu?", False),
    ("Wat is de laatste keer?", False),        # "laatste" is no verb
    ("Waar woon je?", False),
    ("Je reed toen naar je werk?", False),     # no question word: not read here
])
def test_a_dutch_question_is_about_the_past_by_its_second_word(question, past):
    assert asks_about_the_past(question, "nl") is past
