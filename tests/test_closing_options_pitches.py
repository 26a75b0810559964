"""One reading of a closing invitation for the coach and the customer (the scorer's cue is what the persona takes as
an invitation, in every language), more ways to ask what the interview missed ("What should I have asked you?",
"Heb ik nog iets gemist?", "还有什么你觉得我该问、但没问的？"), more aside signposts ("Completely random, but…", "Off the
subject…"), an option offered before a yes/no question ("Just you, or have you got anyone helping?"), more shapes of a
pitch, rewrites mended from a coach's reading of fresh questions, and a Dutch verdict that points back into her story.
Rules and the hashing embedder only."""

from __future__ import annotations

import pytest

from scoring.labels import Flag, Label
from scoring.rewrite import suggest_rewrite, suggest_rewrites
from scoring.rules import analyse
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.persona import load_personas
from simulator.policy import _digression
from simulator.understanding import is_invitation

from .conftest import ScriptedClassifier

ABSTAIN = {"clarify", "no_experience", "break_character"}

CLOSINGS = [
    ("Anything else on your mind?", "en"), ("Before we wrap up, what should I have asked you?", "en"),
    ("What did I miss?", "en"), ("Have I missed anything?", "en"), ("Anything I should've asked and didn't?", "en"),
    ("what haven't we talked about that matters to you?", "en"),
    ("Heb ik nog iets gemist?", "nl"), ("Is er iets waar ik niet naar gevraagd heb?", "nl"),
    ("제가 놓친 게 있을까요? 더 하실 말씀 있으면 해 주세요.", "ko"), ("혹시 제가 빠뜨린 질문 있을까요?", "ko"),
    ("嗯，我这边差不多了。那个，还有什么你想说的，就是我刚才没问到的？", "zh"), ("最后，还有什么你觉得我该问、但没问的？", "zh"),
]


@pytest.mark.parametrize("text,language", CLOSINGS)
def test_the_coach_and_the_customer_read_the_same_closing_invitation(text, language):
    assert any(cue.name == "closing_invitation" for cue in analyse(text, None, language).cues), text
    assert is_invitation(text, language), text


@pytest.mark.parametrize("text,language", [
    ("Is there anything else you use?", "en"), ("What did you miss most about it?", "en"),
    ("Did you miss the delivery?", "en"), ("What should I have done differently, do you think?", "en"),
    ("Heb je de bus gemist?", "nl"), ("你问过他们吗？", "zh"),
])
def test_questions_about_their_own_life_are_no_closing_invitations(text, language):
    assert not is_invitation(text, language), text


def test_a_closing_invitation_the_scorer_reads_brings_out_an_untold_topic():
    persona = load_personas().personas["maria-grocery-lapsed"]
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, "open")).start(persona, seed=1)
    _, reply = session.ask("Before we wrap up, what should I have asked you?")
    assert reply.move == "invite"
    assert reply.topic is not None


@pytest.mark.parametrize("text", [
    "Completely random, but do you know if the clocks go forward this weekend?",
    "Off the subject, sorry, any idea what the weather's doing this weekend?",
    "By the way, did you see the match last night?",
])
def test_more_aside_signposts(text):
    assert _digression(text, "en")


def test_an_aside_about_the_clocks_is_small_talk_not_her_sunday_call():
    persona = load_personas().personas["dev-grocery-promoter"]
    session = Engine(embedder=HashingEmbedder(), classifier=ScriptedClassifier(None, "closed")).start(persona, seed=1)
    session.ask("How often do you speak to your daughter?")
    _, reply = session.ask("Completely random, but do you know if the clocks go forward this weekend?")
    assert reply.move in ABSTAIN and reply.topic is None


@pytest.mark.parametrize("text", [
    "Just you, or have you got anyone working alongside you?",
    "Cash, or do you pay by card?",
    "Weekly, or do you only order when you run out?",
])
def test_an_option_before_a_yes_no_question_is_a_closed_choice(text):
    form = analyse(text, "I do boilers and bathrooms, mostly.")
    assert form.top[0] == Label.CLOSED, form.cues
    rewrite = suggest_rewrite(text, Label.CLOSED)
    assert rewrite is not None
    # The rewrite is built from the yes/no question, not from the option before it.
    assert rewrite != "Tell me about card." and "your someone" not in rewrite
    assert analyse(rewrite).top[0] == Label.OPEN, rewrite


def test_have_you_got_anyone_doing_it_asks_about_the_people():
    assert suggest_rewrite("Have you got anyone helping you with the paperwork?", Label.CLOSED) == \
        "Tell me about the people helping you with the paperwork."


@pytest.mark.parametrize("text", [
    "Would a cheaper six-day pass suit you better?",
    "so yeah that's exactly the gap we're going after we'd find you a backup walker within the hour",
    "if you could just type your reg in and it only showed you parts that fit would you use that",
])
def test_a_fix_of_yours_offered_is_a_pitch(text):
    assert Flag.PITCH in {hit.flag for hit in analyse(text).flags}, text


@pytest.mark.parametrize("text", [
    "Would a longer walk suit him better, do you think?", "We could talk about your garden later.",
    "What would you do if the shop sent you the wrong part?",
])
def test_no_pitch_without_a_fix_of_yours(text):
    assert Flag.PITCH not in {hit.flag for hit in analyse(text).flags}, text


@pytest.mark.parametrize("text", [
    "어 혹시 그 그날 아침 얘기를 음 처음부터 좀 해 주실 수 있을까요",
    "그날 얘기를 좀 더 자세히 해 주실 수 있을까요?",
])
def test_a_korean_request_for_the_story_with_fillers_and_adverbs_is_open(text):
    assert analyse(text, None, "ko").top[0] == Label.OPEN


def test_a_chinese_summary_then_a_bare_check_keeps_the_summary_reading():
    form = analyse("我确认一下：洗衣机漏水约了售后，说好周二上午，拖到了周四下午，中间你请了两次假在家等。对吗？", None, "zh")
    assert any(cue.name == "reflection_check" for cue in form.cues)
    assert form.top[0] != Label.CLOSED


@pytest.mark.parametrize("text,rewrite", [
    ("Is there a particular moment that stands out?", "What moment stands out?"),
    ("Was there anything that made it easier?", "What made it easier?"),
    ("Do you have any thoughts on why that happened?", "What are your thoughts on why that happened?"),
])
def test_is_there_a_thing_that_asks_for_the_thing(text, rewrite):
    assert suggest_rewrite(text, Label.CLOSED) == rewrite
    assert analyse(rewrite).top[0] == Label.OPEN


def test_a_request_never_ends_on_about():
    rewrite = suggest_rewrite("Is that something you'd want to talk about?", Label.CLOSED, [Flag.HYPOTHETICAL])
    assert rewrite is not None and not rewrite.rstrip(".?").endswith("about")


@pytest.mark.parametrize("text,rewrite", [
    ("Was the driver rude?", "What was the driver like?"),
    ("Were the staff friendly?", "What were the staff like?"),
])
def test_a_verdict_question_asks_what_the_thing_was_like_without_the_verdict(text, rewrite):
    assert suggest_rewrites(text, Label.CLOSED)[0] == rewrite


def test_a_pitch_with_an_adverb_for_its_object_asks_how_they_do_it():
    assert suggest_rewrites("Wouldn't it be easier to just pay annually?", Label.LEADING,
                            [Flag.PITCH, Flag.HYPOTHETICAL])[0] == "How do you pay today?"


def test_a_clause_of_the_last_time_is_in_the_past_too():
    assert suggest_rewrites("Do you ever look at the reviews before you buy?", Label.CLOSED)[0] == \
        "Tell me about the last time you looked at the reviews before you bought."


def test_someone_of_theirs_who_helped_is_asked_about_not_offered():
    form = analyse("Did your husband help with any of it?")
    assert form.top[0] == Label.CLOSED
    assert Flag.PITCH not in {hit.flag for hit in form.flags}


@pytest.mark.parametrize("text,label,flags,previous,rewrite", [
    ("So you basically only kept the box going because of the eggs?", Label.LEADING, [],
     "The eggs are honestly the best I've had.", "What made you keep the box going?"),
    ("If we offered to pack everything for you, would that be worth it?", Label.LEADING,
     [Flag.PITCH, Flag.HYPOTHETICAL], None, "What do you do today when you need to pack everything?"),
    ("Have you given up on the app altogether?", Label.CLOSED, [], None,
     "Tell me about the last time you gave up on the app."),
    ("Would you use an app that told you which bin to put out the night before?", Label.LEADING,
     [Flag.PITCH, Flag.HYPOTHETICAL], None,
     "Tell me about the last time you used an app that told you which bin to put out the night before."),
])
def test_rewrites_keep_what_belongs_and_drop_what_does_not(text, label, flags, previous, rewrite):
    assert suggest_rewrites(text, label, flags, previous)[0] == rewrite


def test_an_echo_cut_after_an_auxiliary_is_not_offered():
    made = suggest_rewrites("So you basically only kept the box going because of the eggs?", Label.LEADING, [],
                            "The eggs are honestly the best I've had.")
    assert not any(one.endswith("you've?") for one in made)


def test_if_we_added_is_our_doing_not_theirs():
    made = suggest_rewrites("If we added a waiting list for the full classes, would you sign up for more?",
                            Label.LEADING, [Flag.PITCH, Flag.HYPOTHETICAL])
    assert not made[0].startswith("How do you add")


def test_the_scorer_is_asked_only_when_a_word_of_an_invitation_is_there(monkeypatch):
    import scoring.rules

    calls = []
    real = scoring.rules.analyse
    monkeypatch.setattr(scoring.rules, "analyse", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert not is_invitation("How do you get to work in the morning?", "en")
    assert calls == []
    assert is_invitation("Anything else on your mind?", "en")
    assert calls


@pytest.mark.parametrize("text,language", [
    ("Would you pay for an app like that?", "en"), ("Zou je zo'n app gebruiken?", "nl"), ("这样的App你会用吗？", "zh"),
])
def test_a_yes_no_on_an_app_like_the_one_described_is_a_pitch(text, language):
    form = analyse(text, None, language)
    assert Flag.PITCH in {hit.flag for hit in form.flags}, text
    assert form.top[0] == Label.LEADING, text


@pytest.mark.parametrize("text,language", [
    ("Would you use it again?", "en"), ("Zou je het weer gebruiken?", "nl"), ("你还会用吗？", "zh"),
    # (Nor on "something like that": it may be a thing of theirs; see tests/test_rules_leading4.py.)
    ("Zou je zoiets gebruiken?", "nl"), ("这样的东西你会用吗？", "zh"),
])
def test_a_yes_no_on_their_own_thing_is_no_pitch(text, language):
    assert Flag.PITCH not in {hit.flag for hit in analyse(text, None, language).flags}, text


def test_a_dutch_verdict_that_points_back_is_about_her_story_not_a_thing_she_never_knew():
    persona = load_personas().personas["anouk-fiets-nl"]
    verdict = "Dat ze je daarvoor laten opdraaien is toch gewoon oneerlijk, of niet?"
    scripted = ScriptedClassifier({verdict: "leading"}, "open")
    session = Engine(embedder=HashingEmbedder(), classifier={"nl": scripted, "en": scripted}).start(persona, seed=1)
    _, first = session.ask("Vertel eens over de keer dat je pech had onderweg.")
    assert first.topic is not None
    _, reply = session.ask(verdict)
    assert reply.move == "leading" and reply.topic == first.topic
