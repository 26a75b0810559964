"""Labels by function, not form: a yes/no frame around a question, hedges, story requests, fixes offered in a
yes/no question, question words left at the end, checks on a statement, summaries that rank or deny, guesses
after an aside, and social proof that only backs up the customer.

Rules only (no embedding): each test pins one mechanism and fails when it is taken out."""

from __future__ import annotations

import pytest

from scoring import rules
from scoring.labels import Flag, Label

TILL = ("I run a small bakery with two staff.", "We switched to a new till system in the spring.",
        "It crashed twice on a Saturday and we had to take cash only.")
HEAT = ("We had the smart thermostat fitted last winter.", "My husband loves the graphs, I mostly just want the house warm.",
        "The schedule kept turning the heating off when I was working from home.")


def form(text: str, context: tuple[str, ...] = TILL) -> rules.Form:
    return rules.analyse(text, context[-1], "en", context=context)


def label(text: str, context: tuple[str, ...] = TILL) -> str:
    return form(text, context).top[0].value


def flags(text: str, context: tuple[str, ...] = TILL) -> set[str]:
    return {h.flag.value for h in form(text, context).flags}


# --- A yes/no frame around the real question: the embedded question decides. ---

@pytest.mark.parametrize("text, expected", [
    ("Can I ask what made you switch?", "open"),
    ("Do you remember how you felt when it crashed?", "open"),
    ("Can you remember what happened on the Saturday?", "open"),
    ("Would you be able to describe a normal Saturday?", "open"),
    ("I'd be interested to hear how you chose the new till.", "open"),
    ("Can I ask how many tills you have?", "closed"),
    ("Can I ask whether you still use it?", "closed"),
    # Without an embedded question the frame is an ordinary yes/no question.
    ("Do you remember the name of the till company?", "closed"),
    ("Do you remember if it was raining?", "closed"),
])
def test_a_frame_is_read_by_the_question_inside(text, expected):
    assert label(text) == expected


def test_an_asking_frame_around_a_yes_no_or_one_fact_is_a_faux_invitation():
    assert "faux_invitation" in flags("Can I ask whether you still use it?")
    assert "faux_invitation" in flags("Can I ask how many tills you have?")
    assert "faux_invitation" in flags("Would you mind telling me whether you paid for the premium version?")
    assert "faux_invitation" not in flags("Can I ask what made you switch?")
    # Remembering is not an invitation of yours: a plain closed question.
    assert "faux_invitation" not in flags("Do you remember if it was raining?")


def test_do_you_know_what_i_mean_is_no_frame():
    assert rules._framed_question("do you know what i mean") is None
    assert rules._framed_question("do you know why it stopped") == ("do you know", "why it stopped")


def test_hedges_after_can_you_change_nothing():
    assert rules._unhedge("can you sort of tell me how you order") == "can you tell me how you order"
    assert label("can you sort of tell me, step by step, how you go about doing an order") == "open"
    # Not hypothetical: "could you maybe talk me through" is a request, not an imagined future.
    assert "hypothetical" not in flags("Could you maybe talk me through a typical week?")
    assert "hypothetical" not in flags("Would you be able to describe the last box you got?")


@pytest.mark.parametrize("text", [
    "Do you have an example of when it worked well?",
    "Is there a story behind why you switched?",
    "Can you unpack that a bit?",
    "Curious how you picked the new till.",
    "Is there anything about the new system that you'd want me to know?",
    "Anything else that stood out that day?",
])
def test_requests_for_a_story_and_closing_invitations_are_open(text):
    assert label(text) == "open"


@pytest.mark.parametrize("text", ["Is there a card reader on the till?", "Do you have a backup till?",
                                  "Is there anything wrong with the card reader?"])
def test_existence_questions_about_things_stay_closed(text):
    assert label(text) == "closed"


# --- A fix of yours offered in a yes/no question. ---

@pytest.mark.parametrize("text", [
    "Would a backup card reader have saved the day?",
    "Would offline mode solve the problem?",
    "Would it help if the app sent you both a reminder an hour before pick-up?",
    "Would a skip-a-week button have helped?",
])
def test_a_fix_you_name_leads_and_is_a_pitch(text):
    f = form(text)
    assert f.top[0] == Label.LEADING
    assert Flag.PITCH in {h.flag for h in f.flags}


def test_a_fix_they_named_is_closed_a_pitch_then_would_that_help_leads():
    assert label("Would cash only work for you long term?") == "closed"  # their own words
    # Our feature, then a yes asked for it: leading (and a pitch).
    assert label("We're building a waitlist feature. Would that help?") == "leading"
    assert rules._suggested_solution("would that help", "anything") is None
    assert rules._suggested_solution("would a reminder help", "I forget the reminder every week") is None


# --- Spoken forms. ---

@pytest.mark.parametrize("text, expected", [
    ("and your own thing is what exactly", "open"),
    ("Cash only, meaning what?", "open"),
    ("and you paid how much", "closed"),
])
def test_a_question_word_left_at_the_end(text, expected):
    context = ("I did the 10k plan but got injured.", "Since then I've just been doing my own thing.") \
        if "own thing" in text else TILL
    assert label(text, context) == expected


def test_a_check_tag_leaves_the_statement_to_decide():
    assert label("You're the owner, is that right?") == "closed"  # a fact of yours to confirm
    assert label("You switched in the spring, is that right?") == "reflection"  # their words
    assert label("So you regret the switch, is that right?") == "leading"  # a feeling of yours


def test_a_detail_of_their_own_thing_is_no_candidate_answer():
    assert label("Was it a busy Saturday?") == "closed"
    assert label("Was it the update that broke it?") == "leading"  # a cause of yours


# --- Summaries that add a claim. ---

def test_a_ranking_with_a_rising_voice_is_a_claim():
    assert label("So the thermostat is really more for your husband than for you?", HEAT) == "leading"
    # They ranked it themselves: the same comparison said back is theirs.
    ranked = ("Honestly I use it more than my husband does.",)
    assert label("So you use it more than your husband?", ranked) != "leading"


def test_a_denied_state_or_ability_is_a_claim_unless_they_denied_it():
    assert label("So the staff couldn't cope.") == "leading"
    assert label("So it sounds like the new system isn't fit for a bakery.") == "leading"
    denied = ("It's not the money, it's that it took three weeks and five calls.",)
    assert label("So it sounds like it wasn't the money so much as the time it took", denied) == "reflection"


def test_a_guessed_feeling_after_an_aside_is_still_a_guess():
    assert label("That sounds awful, you must have been mortified.") == "leading"
    assert label("I mean, it must be exhausting, reading all of those") == "leading"


def test_social_proof_that_backs_up_their_view_is_not_leading():
    text = "That makes sense. A lot of people we talk to say the same thing. Can I ask, how did your team react?"
    assert label(text) == "open"
    assert label("Most teams we talk to say spreadsheets don't scale. Have you found that too?") == "leading"


def test_why_with_a_feeling_of_a_third_party_they_never_named():
    context = ("We tried Trackly for six months.", "The devs liked it but the designers never got on with it.")
    assert label("Why did the designers hate it so much?", context) == "leading"
    assert label("Why do you think the designers never got on with it?", context) == "open"


CARE = ("I look after my dad, he has early dementia.",
        "I use a pill organiser but he sometimes takes the wrong day's pills.", "My sister lives abroad so it's mostly me.")


def test_a_proposal_of_yours_leads_and_a_what_if_about_them_does_not():
    assert label("What if the pill box beeped when it was time?", CARE) == "leading"
    assert label("What if you couldn't look after him any more?", CARE) == "open"
    assert label("Why don't you get a dispenser that locks?", CARE) == "leading"
    assert label("Why don't you tell me about a typical morning?", CARE) == "open"


@pytest.mark.parametrize("text", [
    "How much would you pay for something that reminded him automatically?",
    "You'd probably find a tracking app really useful, right?",
    "so you'd want some kind of AI to do the screening for you",
])
def test_a_solution_described_is_a_pitch(text):
    assert "pitch" in flags(text, CARE)


def test_a_pitch_put_in_their_mouth_leads_a_pitch_told_is_a_statement():
    assert label("so you'd want some kind of AI to do the screening for you", CARE) == "leading"
    assert label("We've got a product that sends carers alerts when a dose is missed.", CARE) == "statement"


SWAPS = ("We moved the team onto a new rota app in January.",
         "Swapping shifts is still a pain, people just do it on WhatsApp.",
         "Last Saturday two people turned up for the same shift.")


def test_spoken_tags_invitations_and_names():
    # A positive tag after a negative clause asks them to agree.
    assert label("they probably don't trust the app, do they", SWAPS) == "leading"
    assert rules._reversed_tag("they don't trust the app, do they")
    assert not rules._reversed_tag("they use whatsapp for it, do they")
    # An invitation after an aside in a caption is the question.
    assert label("um yeah that's interesting, uh, tell me about the Saturday", SWAPS) == "open"
    # A name asked for is one fact.
    assert label("what was the app called again", SWAPS) == "closed"
    assert label("What was it like?", SWAPS) == "open"


@pytest.mark.parametrize("text", [
    "Any thoughts on why people prefer WhatsApp?", "Thoughts?", "And?", "Is there more to that?", "Talk to me.",
    "You were saying something about WhatsApp?", "Help me picture last Saturday.",
    "Where does WhatsApp come into it?", "Where do you want to start?",
])
def test_short_prompts_and_threads_handed_back_are_open(text):
    assert label(text, SWAPS) == "open"


@pytest.mark.parametrize("text, expected", [
    ("Where do you keep the rota?", "closed"), ("Where did you hear about the app?", "closed"),
    ("Talk to me if anything changes.", "statement"),
])
def test_places_and_requests_for_later_are_not_prompts(text, expected):
    assert label(text, SWAPS) == expected


@pytest.mark.parametrize("text, expected", [
    # A verdict of yours taken as given by how / why / when.
    ("How has the app made your life easier?", "leading"),
    ("How did the new app improve things for the team?", "leading"),
    ("When did you realise the app was the problem?", "leading"),
    ("Why is WhatsApp better than the app?", "leading"),
    ("What's stopping you from going back to paper?", "leading"),
    # Their complaint in other words, their ideas asked for, or nothing taken as given: open.
    ("What's hard about swapping in the app?", "open"),
    ("How would you make swapping better?", "open"),
    ("How did the Saturday go?", "open"),
    # "When did…" is a question about a time, not a condition.
    ("When did you move to the app?", "closed"),
    ("When you say a pain, what do you mean?", "open"),
])
def test_how_why_when_that_take_a_verdict_as_given(text, expected):
    assert label(text, SWAPS) == expected


AGENCY = ("I've been freelancing as a translator for six years.", "Most of my work comes through two agencies.",
          "Last month one of them cut my rate by fifteen percent without asking.")


@pytest.mark.parametrize("text, expected", [
    ("Right, so the next bit is about how you find clients.", "statement"),  # a signpost, not a summary
    ("Okay. Let's come back to the agencies in a bit.", "statement"),
    ("So you're thinking of dropping that agency.", "leading"),  # a plan of theirs you supplied
    ("I was wondering if you could walk me through your last job.", "open"),
    ("I'm curious whether you've thought about raising your rates.", "closed"),
])
def test_signposts_plans_and_wondering(text, expected):
    assert label(text, AGENCY) == expected


def test_wondering_whether_is_a_faux_invitation_and_let_me_know_is_no_hypothetical():
    assert "faux_invitation" in flags("I'm curious whether you've thought about raising your rates.", AGENCY)
    both = flags("Could you let me know if the other agency has done the same?", AGENCY)
    assert "faux_invitation" in both and "hypothetical" not in both


TEAM = ("I coach an under-12s football team on Saturdays.", "We use a group chat for everything but messages get buried.",
        "Last week three families missed a venue change.")


def test_requests_are_not_hypothetical_but_imagined_choices_are():
    assert "hypothetical" not in flags("Would it be fair to say the group chat is the main problem?", TEAM)
    assert "hypothetical" not in flags("Would you be willing to share a screenshot of the chat?", TEAM)
    assert "hypothetical" in flags("Would you be willing to pay for an app?", TEAM)
    assert label("Would you mind going through last week step by step?", TEAM) == "open"


def test_a_spoken_second_question_after_and_comma_decides_and_is_flagged():
    text = "so um how many families are there, and, like, how do you usually reach them"
    assert label(text, TEAM) == "open"
    assert "double_barreled" in flags(text, TEAM)


BUDGET = ("I started using the budgeting app after my divorce.",
          "I link all my accounts so I can see everything in one place.", "Some months I just don't look at it at all.")


@pytest.mark.parametrize("text, expected", [
    ("Are you able to say a bit about why you started?", "open"),
    ("Can we talk about the months you don't look at it?", "open"),
    ("Mind if we go back to when you started?", "open"),
    ("Shall we start with how you set it up?", "open"),
    ("Is it okay if I ask what changed after the divorce?", "open"),
    ("Are you comfortable sharing what those months look like?", "open"),
    ("Have you got a sense of why some months you don't look?", "open"),
    ("do you wanna just describe a normal month", "open"),
    # The same frames around something to do, not something to tell: yes/no questions.
    ("Do you want to keep using it?", "closed"),
    ("Can we meet again next week?", "closed"),
    ("Are you able to see your old statements?", "closed"),
    ("Do you have an idea of your monthly budget?", "closed"),
])
def test_permission_and_willingness_frames_are_read_by_what_they_ask_for(text, expected):
    assert label(text, BUDGET) == expected


def test_an_attitude_or_verdict_noun_of_yours_in_a_summary_is_a_claim():
    vacuum = ("We've had the robot vacuum for about a year.",
              "It's fine on the hard floors but it gets stuck on the rug in the lounge.",
              "Mostly my wife runs it, I don't really touch it.")
    assert label("So your wife is the one who really cares about it.", vacuum) == "leading"
    assert label("I'm hearing that the lounge is a dealbreaker.", vacuum) == "leading"
    assert label("So it's fine on the hard floors, but the rug in the lounge is where it gets stuck.", vacuum) == "reflection"


ENERGY = ("I switched energy supplier in March.", "The old one kept sending estimated bills.",
          "The new one has a smart meter app.")


@pytest.mark.parametrize("text, expected", [
    ("Would you say it was a good decision?", "leading"),
    ("Would you say the old supplier was careless?", "leading"),
    ("Would you say the app has changed how you use energy?", "leading"),
    ("Would you say you're a careful person with money?", "closed"),  # placing themselves
    ("Would you say you check it daily or weekly?", "closed"),  # a choice
])
def test_would_you_say_offers_a_verdict_unless_they_place_themselves(text, expected):
    assert label(text, ENERGY) == expected


def test_share_whether_is_a_faux_invitation_and_tell_me_if_pitches_nothing():
    assert label("Could you share whether you got a refund?", ENERGY) == "closed"
    assert "faux_invitation" in flags("Could you share whether you got a refund?", ENERGY)
    asked = flags("Can you tell me if the app shows daily use?", ENERGY)
    assert "faux_invitation" in asked and "pitch" not in asked
    assert "pitch" in flags("If the app showed the cost per day, would you check it more?", ENERGY)


FEAST = ("I used to order from FeastBox most Fridays.", "Then the delivery fees went up in spring.",
         "Now I mostly cook or grab something on the way home.")


@pytest.mark.parametrize("text, expected", [
    ("Yeah, delivery fees are brutal these days.", "statement"),
    ("Fair enough, the fees went up for everyone.", "statement"),
    ("Spring was a tough time for a lot of people.", "statement"),
    # About them, after the same openers: said back to them.
    ("Okay, so the fees went up and now you mostly cook.", "reflection"),
    ("Right, the fees went up in spring and now you cook.", "reflection"),
])
def test_a_comment_on_their_world_is_yours_a_summary_about_them_is_theirs(text, expected):
    assert label(text, FEAST) == expected


DENTAL = ("I manage a small dental practice.", "We moved our appointment reminders to text messages last year.",
          "No-shows dropped a bit but older patients still phone to check.")


def test_captions_a_curious_invitation_and_a_claim_about_third_parties():
    assert label("you mentioned the no-shows dropped a bit, I'm curious what that looked like", DENTAL) == "open"
    # One word of yours about others can carry the claim ("don't trust"), however much else is theirs.
    assert label("and the older patients just don't trust texts", DENTAL) == "leading"
    assert label("and the older patients still phone to check", DENTAL) in ("echo", "reflection")


def test_do_support_starts_a_question_and_a_feeling_they_never_named_leads():
    assert label("Do older patients reply to the texts?", DENTAL) == "closed"
    assert label("so do older patients get the text as well", DENTAL) == "closed"
    assert label("Do tell me more about the calls.", DENTAL) == "open"
    assert label("Do the phone calls drive you mad?", DENTAL) == "leading"
    assert label("Do the phone calls take long?", DENTAL) == "closed"



@pytest.mark.parametrize("text, previous", [
    ("Couldn't be bothered?", "After a month I couldn't be bothered with it anymore."),
    ("Wouldn't let you?", "The bank wouldn't let me change the date."),
    ("Doesn't fit?", "It just doesn't fit how we work."),
])
def test_their_own_negation_handed_back_is_an_echo_not_your_view(text, previous):
    # The negation is theirs: the negative-question cue counts for little beside the verbatim echo, so the
    # neighbour vote of the classifier cannot tip it to leading.
    scores = form(text, (previous,)).scores
    assert label(text, (previous,)) == "echo"
    assert scores.get(Label.LEADING, 0.0) * 2 < scores[Label.ECHO]


@pytest.mark.parametrize("text, previous", [
    ("Doesn't it bother you?", "It just doesn't fit how we work."),
    ("Wasn't it annoying?", "The van was late again."),
])
def test_a_negative_question_of_yours_stays_leading(text, previous):
    assert label(text, (previous,)) == "leading"
