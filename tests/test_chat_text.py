"""Typed chat ("whats ur typical day like", "dont u think its too much tbh", "how ofetn", "咋不用了？", "k heb idd ff
gekeken") is read as the sentence it stands for, by the persona and by the scorer, while the transcript keeps what
was typed. Also: a listed summary that asks to be confirmed ("…, and in the end you stopped. Is that right?") is a
reflection whose topic is its last item. Hashing embedder and scripted labels for the engine."""

from __future__ import annotations

import pytest

from scoring.classifier import QuestionClassifier
from simulator.chat_text import spaced, spelled, standard
from simulator.embeddings import HashingEmbedder

from .test_engine_asides_and_remarks import ABSTAIN, engine, personas  # noqa: F401


@pytest.mark.parametrize("typed,meant", [
    ("whats ur typical day like", "what's your typical day like"),
    ("dont u think its too expensive tbh", "don't you think it's too expensive to be honest"),
    ("ok so ur doing it on ur phone?", "okay so you're doing it on your phone?"),
    ("how r u finding it w/ the kids", "how are you finding it with the kids"),
    ("i dunno, 2 yrs maybe", "I don't know, 2 years maybe"),
    ("lets talk about the booking itself", "let's talk about the booking itself"),
    ("were building a form checker", "we're building a form checker"),
    ("sry, ud forgotten it", "sorry, you'd forgotten it"),
    # homophones that typing and dictation mix up, where the grammar leaves one reading
    ("is their anything i havent asked", "is there anything I haven't asked"),
    ("Their was a problem with the van", "There was a problem with the van"),
    ("was it more then you expected", "was it more than you expected"),
])
def test_english_chat_shorthand_is_spelled_out(typed, meant):
    assert standard(typed, "en") == meant


@pytest.mark.parametrize("text", ["what did their bank say", "their kids were there", "and then you rang them",
                                  "it was later then"])
def test_their_and_then_are_kept_where_they_are_right(text):
    assert standard(text, "en") == text


@pytest.mark.parametrize("text", [
    "How often do you order?", "it lets you book a slot", "they were building it", "its price went up",
    "So Plan B was the problem?", "Do you have a favourite colour?", "I organised the app on the wifi",
])
def test_written_english_and_words_that_only_look_like_chat_are_kept(text):
    assert standard(text, "en") == text


def test_typos_are_put_right_by_the_likeliest_slip():
    assert standard("how ofetn do u do the orrder", "en") == "how often do you do the order"
    # A letter left out or two letters swapped beat a changed letter ("wich" is "which", not "with").
    assert standard("wich one, and wehre", "en") == "which one, and where"
    # ("whhats" is "whats" once spelled, and that is "what's".)
    assert standard("whhats stopping u", "en") == "what's stopping you"


def test_her_own_words_are_kept_and_preferred_as_corrections():
    mine = frozenset({"tallyframe", "anika", "basketrun"})
    assert spelled("did anika like tallyfrme", "en", mine) == "did anika like tallyframe"
    assert spelled("so basketrun then", "en", mine) == "so basketrun then"
    # A capital is a name or careful typing: left alone.
    assert spelled("Were you at Crewe?", "en") == "Were you at Crewe?"


@pytest.mark.parametrize("typed,language,meant", [
    ("咋不用了？啥时候开始的？", "zh", "怎么不用了？什么时候开始的？"),
    ("k heb idd ff gekeken", "nl", "ik heb inderdaad even gekeken"),
    ("진짜요ㅋㅋ 그때 어떻게 하셨어요ㅠㅠ", "ko", "진짜요 그때 어떻게 하셨어요"),
])
def test_chat_in_other_languages(typed, language, meant):
    assert standard(typed, language) == meant


def test_a_dutch_turn_is_not_spelled_against_a_word_list():
    # (A Dutch turn is full of English words and compounds a Dutch list lacks: "think" is no typo of "hink".)
    text = "Don't you think een gewone werkdag is the real problem? En de opzegpagina?"
    assert standard(text, "nl") == text


# Korean typed without spaces ----------------------------------------------------------------------------------------

HERS = frozenset("회사에서 퇴근은 늦어요 힘든 건 혼자 모임통장을 써요 금리가 좋아서".split())


@pytest.mark.parametrize("typed,meant", [
    ("회사는몇시에퇴근하세요", "회사는 몇시에 퇴근하세요"),  # her "회사", a question word, her "퇴근"
    ("혼자살면서제일힘든게뭐예요", "혼자 살면서 제일 힘든게 뭐예요"),  # an adverb ends a word; "뭐" begins one
    ("솔직히금리때문에옮기신거죠?", "솔직히 금리때문에옮기신거죠?"),
])
def test_korean_run_together_is_cut_where_her_words_begin(typed, meant):
    assert spaced(typed, HERS) == meant


@pytest.mark.parametrize("text", [
    "요즘 제일 불편한 게 뭐예요?",  # typed with its spaces
    "모임통장을 써요",  # a word of hers as she wrote it
    "누구한테물어봤어요",  # a particle after a question word stays on it
    "하셨다고요",  # nothing of hers in it
])
def test_korean_with_its_spaces_or_nothing_of_hers_is_kept(text):
    assert spaced(text, HERS) == text


@pytest.fixture(scope="module")
def korean_engine(real_embedder):
    from simulator.embeddings import get_embedder
    from simulator.engine import Engine

    return Engine(embedder=real_embedder, embedders={"ko": get_embedder("use", language="ko")})


@pytest.mark.real_model
@pytest.mark.parametrize("written,topic", [("혼자 살면서 제일 힘든 게 뭐예요?", "living_alone"),
                                           ("회사는 몇 시에 퇴근하세요?", "work_life")])
def test_a_korean_question_typed_without_spaces_gets_the_topic_of_the_spaced_one(korean_engine, personas, written,
                                                                                  topic):
    # (Run together, every word of it was one she never says: "not my thing".)
    persona = personas["jiwoo-bank-ko"]
    real_engine = korean_engine
    typed = written.replace(" ", "") + "ㅋㅋ"
    _, as_written = real_engine.start(persona, seed=1).ask(written)
    trainee, as_typed = real_engine.start(persona, seed=1).ask(typed)
    assert as_written.topic == topic
    assert as_typed.topic == as_written.topic and as_typed.move not in ABSTAIN
    assert trainee.text == typed


@pytest.mark.parametrize("persona_id,written,typed", [
    ("maria-grocery-lapsed", "What were the delivery slots like?", "whatre the delivry slots like"),
    ("priya-invoicing-buyer", "How does the month-end approval work for you?", "how does the month end aproval work for u"),
    ("harold-bank-formal", "What's your experience of the banking app?", "whats ur experience of the bankng app"),
])
def test_a_typed_question_gets_the_topic_of_the_written_one(personas, persona_id, written, typed):
    _, as_written = engine().start(personas[persona_id], seed=1).ask(written)
    trainee, as_typed = engine().start(personas[persona_id], seed=1).ask(typed)
    assert as_written.topic is not None
    assert as_typed.topic == as_written.topic
    assert as_typed.move not in ABSTAIN
    # The transcript keeps what the trainee typed.
    assert trainee.text == typed


@pytest.mark.parametrize("text", ["anything i didnt ask that i shouldve",
                                  "is their anything about the driveway I havent asked that you think I should know"])
def test_a_closing_invitation_typed_without_its_question_mark_is_open(text):
    classifier = QuestionClassifier(embedder=HashingEmbedder())
    assert classifier.classify(text).label == "open"


def test_the_scorer_reads_typed_chat_like_the_written_turn():
    classifier = QuestionClassifier(embedder=HashingEmbedder())
    typed = classifier.classify("dont u think its too expensive tbh")
    written = classifier.classify("Don't you think it's too expensive, to be honest?")
    assert typed.label == written.label == "leading"
    # A turn in another language given to the English rules is not read as chat ("u" is Dutch there).
    assert classifier.classify("Hoe vaak bestelt u boodschappen?").language == "other"


# A listed summary that asks to be confirmed --------------------------------------------------------------------------

def test_a_listed_summary_is_confirmed_from_its_last_item(personas):
    session = engine(default="closed").start(personas["maria-grocery-lapsed"], seed=1)
    session.ask("How did the weekly order work?")
    _, reply = session.ask("So, if I've got it: the weekly order on the sofa, the delivery slots that never suited, the "
                           "substitutions at the door, and then in October you stopped ordering altogether. Is that right?")
    assert reply.move == "reflection"
    assert reply.topic == "stopping"


@pytest.mark.real_model
@pytest.mark.parametrize("check", [
    "Is that a fair picture of it?",
    "Have I got hold of the right end of the stick?",  # long, and "end" is a word of hers: it points at the summing up
    "right?",
])
def test_a_summary_check_may_use_her_words_weakly(real_engine, personas, check):
    session = real_engine.start(personas["maria-grocery-lapsed"], seed=1)
    session.ask("How did the weekly order work?")
    _, reply = session.ask("Let me put it back to you: the weekly order on the sofa, the delivery slots that never "
                           "suited, the substitutions at the door, and then in October you stopped ordering "
                           f"altogether. {check}")
    assert reply.move == "reflection"
    assert reply.topic == "stopping"


@pytest.mark.real_model
@pytest.mark.parametrize("question", ["Was it the delivery slots?", "Is that because of the substitutions?"])
def test_a_list_then_a_question_that_names_her_thing_is_no_summary(real_engine, personas, question):
    session = real_engine.start(personas["maria-grocery-lapsed"], seed=1)
    session.ask("How did the weekly order work?")
    _, reply = session.ask("So the weekly order on the sofa, the app on your phone, the van at the door, and then in "
                           f"October you stopped ordering altogether. {question}")
    assert reply.move != "reflection"


def test_a_list_then_a_question_word_is_no_summary(personas):
    session = engine(default="open").start(personas["maria-grocery-lapsed"], seed=1)
    session.ask("How did the weekly order work?")
    _, reply = session.ask("Right, the sofa, the slots, the swaps, and the app. So what happened with the slots?")
    assert reply.move != "reflection"



def test_the_benchmarks_typed_turns_read_back_as_written():
    from benchmarks.typed_chat import typed

    # Deterministic per seed, and what a typist does to the turn (lower case, no apostrophe, no full stop).
    assert typed("What's your typical day like?", 3) == typed("What's your typical day like?", 3)
    forms = {typed("What's your typical day like?", seed) for seed in range(40)}
    assert len(forms) > 3 and all(form == form.lower() and "'" not in form for form in forms)
    # Every one of them reads back as the written question.
    assert {standard(form, "en").rstrip("?") for form in forms} == {"what's your typical day like"}


def test_words_in_quotation_marks_are_kept_as_written():
    # (Someone's own words: what the customer wrote, an on-screen message.)
    assert standard("so u saw \"sesion expired\" and then wat", "en") == "so you saw \"sesion expired\" and then what"
    assert standard("The entry said “approved from phone, 2 mins”. Tell me about that.", "en") == \
        "The entry said “approved from phone, 2 mins”. Tell me about that."


# Reactions typed before a question name nothing ----------------------------------------------------------------------

@pytest.mark.parametrize("text,language,reaction", [
    ("ugh how long were you out for with the ankle", "en", "ugh"),
    ("lol who does the shopping then", "en", "lol"),
    ("haha hoeveel tassen passen er inderdaad op", "nl", "haha"),
])
def test_interjections_and_chat_laughter_are_no_content_words(text, language, reaction):
    from simulator.understanding import units

    assert reaction not in units(text, language)
    assert units(text, language)  # the rest of the question is still read


def test_a_dutch_plural_with_a_doubled_consonant_has_the_stem_of_the_singular():
    from simulator.understanding import units

    assert units("de tassen", "nl") == units("de tas", "nl")
    assert units("de bakken", "nl") == units("de bak", "nl")


# Chat and dictation in the other languages' rules ---------------------------------------------------------------------

@pytest.mark.parametrize(("module", "text", "previous", "label"), [
    # a word with its particle said after the predicate is an afterthought; the question is "how many"
    ("rules_ko", "몇장 찍으셨어요 전체로", None, "closed"),
    ("rules_ko", "누가 가셨어요 친구랑", None, "closed"),
    # V + 来/到/好 + 没 at the end asks yes or no, question mark or not
    ("rules_zh", "最后这钱要回来没", None, "closed"),
    ("rules_zh", "衣服修好没", None, "closed"),
    # a preposition is no verb of a yes/no question: their own words, handed back
    ("rules_nl", "Via de groepsapp?", "We hoorden het pas via de groepsapp, twee weken voor het kamp.", "echo"),
])
def test_chat_and_dictation_in_dutch_korean_and_chinese(module, text, previous, label):
    import importlib

    form = importlib.import_module(f"scoring.{module}").analyse(text, previous)
    assert max(form.scores, key=form.scores.get) == label
