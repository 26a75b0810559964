"""Leading or not, by what the turn offers (the form rules alone, no model): a hypothetical yes/no question about a
thing it describes by its function offers a solution (a pitch, leading), whoever would make it."""

import pytest

from scoring import rules
from scoring.labels import Flag, Label

DOGS = ["I run a dog-walking business with two part-timers.",
        "Most of my bookings come in by WhatsApp and I copy them into a paper diary.",
        "Last week I double-booked a Tuesday and one dog didn't get walked."]


def analyse(text, context):
    return rules.analyse(text, context[-1], "en", context)


def label(text, context):
    return analyse(text, context).top[0]


def flags(text, context):
    return {h.flag for h in analyse(text, context).flags}


# A thing described by what it does (a relative or infinitive clause on an indefinite noun phrase), in a
# hypothetical yes/no question: a solution offered for approval, with or without "we/our".
@pytest.mark.parametrize("text", [
    "Would you pay for a calendar that warned you about double bookings?",
    "Would you find it useful to have something that checked for clashes?",
    "would you sign up for a booking page that your clients could use",
    "Would you switch to a system that synced with WhatsApp?",
    "Would you be interested in a tool to manage the bookings?",
    "um would you want something that like pulled the bookings out of whatsapp",
])
def test_a_hypothetical_yes_no_about_a_described_thing_is_a_pitch(text):
    form = analyse(text, DOGS)
    assert form.top[0] == Label.LEADING
    assert Flag.PITCH in {h.flag for h in form.flags}
    assert Flag.HYPOTHETICAL in {h.flag for h in form.flags}


# Described, but not a fix: a person, a property, what their own thing is, a thing of their story, nothing described.
@pytest.mark.parametrize("text", [
    "Would you keep a client who cancelled all the time?",
    "Would you move to a park that was further away?",
    "would you still do it if it was a walk you had to drive to",
    "Would you use the diary that you had before again?",
    "Would you pay for something like that?",
    "Would you still take bookings by WhatsApp?",
])
def test_a_plain_hypothetical_yes_no_offers_nothing(text):
    form = analyse(text, DOGS)
    assert Flag.PITCH not in {h.flag for h in form.flags}
    assert form.top[0] == Label.CLOSED


# A noun completed by its clause ("a chance to look", "any time to do that", "a reason that…"), or a question that
# asks what may be or will be rather than what would be, offers no described thing.
@pytest.mark.parametrize("text", [
    "Would you have any time to do that?",
    "Could there be a reason that they stopped booking?",
    "Will you have a chance to look at the diary later?",
])
def test_a_completed_noun_or_a_plain_could_will_is_no_pitch(text):
    assert Flag.PITCH not in flags(text, DOGS)


def test_a_request_for_a_described_thing_is_not_a_hypothetical_offer():
    form = analyse("Would you be able to send me a photo that shows the diary?", DOGS)
    assert Flag.PITCH not in {h.flag for h in form.flags}


# A would-question about a thing, not about "you": still a world that isn't.
@pytest.mark.parametrize("text", [
    "Would online booking solve that for you?",
    "Would something that sent the bookings to your part-timers be useful?",
])
def test_a_would_question_about_a_thing_is_hypothetical(text):
    assert Flag.HYPOTHETICAL in flags(text, DOGS)


POWER = ["I've been with Northpower for about six years.",
         "Last winter the bill went up twice and I only found out from the bank statement.",
         "I rang them and the man on the phone couldn't really explain why, which was annoying."]


# A summary that names a feeling they never named hands it to them: leading, said as a statement or not.
@pytest.mark.parametrize("text", [
    "So you felt tricked by the bill.",
    "So after six years you feel let down.",
    "so you felt kind of cheated by the man on the phone",
    "It sounds like you felt ignored by the man on the phone.",
])
def test_a_feeling_they_never_named_leads(text):
    assert label(text, POWER) == Label.LEADING


# Their own feeling, or their own account after "you feel like", said back: a reflection.
@pytest.mark.parametrize("text", [
    "So you felt annoyed that nobody could explain it.",
    "so you feel like they couldn't explain it",
])
def test_their_own_feeling_said_back_reflects(text):
    assert label(text, POWER) == Label.REFLECTION


HOTEL = ["We booked the hotel through a comparison site for our anniversary.",
         "When we got there they'd given our room away.",
         "They moved us to a place across town and gave us a voucher, but it kind of ruined the weekend."]


# What they would do, or what they decided, guessed for them: leading. A pluperfect "they'd given" is no plan of theirs.
@pytest.mark.parametrize("text", [
    "So you'll never book through a comparison site again.",
    "So you got the voucher, and that's when you decided to complain.",
    "So you've made up your mind to book direct.",
])
def test_a_plan_or_decision_they_never_told_leads(text):
    assert label(text, HOTEL) == Label.LEADING


def test_their_own_plan_said_back_reflects():
    plan = HOTEL[:2] + ["Next time I'll book direct with the hotel, I think."]
    assert label("So next time you'll book direct with the hotel.", plan) != Label.LEADING


# A frequency they gave ("twice", "some weeks") made a rule of yours: leading. Their own "always", or "not always", is no rule of yours.
@pytest.mark.parametrize("text", [
    "So the bill always goes up in winter.",
    "so the bill goes up all the time",
    "So you always find out from the bank statement.",
])
def test_an_absolute_they_never_said_leads(text):
    assert label(text, POWER) == Label.LEADING


@pytest.mark.parametrize("text, context", [
    ("So the bill doesn't always go up.", POWER),
    ("So the bill always goes up in winter.", POWER[:1] + ["The bill always goes up in winter, every single year."]),
])
def test_their_own_frequency_is_not_a_claim(text, context):
    assert label(text, context) != Label.LEADING


# "Would you go back to them?" asks whether they would: a plain hypothetical yes/no. Back to a moment of their story
# ("Can you go back to when…") is an invitation.
@pytest.mark.parametrize("text", [
    "Would you go back to them?",
    "Would you go back to a paper diary?",
])
def test_would_you_go_back_to_asks_whether(text):
    form = analyse(text, DOGS)
    assert form.top[0] == Label.CLOSED
    assert Flag.HYPOTHETICAL in {h.flag for h in form.flags}


@pytest.mark.parametrize("text", [
    "Can you go back to when you started the business?",
    "Could you go back to the day you double-booked?",
])
def test_going_back_to_a_moment_invites(text):
    assert label(text, DOGS) == Label.OPEN


# The same shape in Dutch and Korean: a thing described by what it does, offered in a hypothetical yes/no question.
NL_PREV = "Twee keer dit jaar was de stroomrekening te laat omdat ik vergat het geld over te maken."
KO_PREV = "이번 달에 전기 요금을 두 번이나 늦게 냈어요."


@pytest.mark.parametrize("text", [
    "Zou je een app gebruiken die je herinnert wanneer de rekening betaald moet worden?",
    "Zou een knop om de betaling uit te stellen helpen?",
    "zou je eh een soort kluisje huren dat je met je telefoon kunt boeken",
])
def test_dutch_described_solution_is_a_pitch(text):
    from scoring import rules_nl

    form = rules_nl.analyse(text, NL_PREV)
    assert form.top[0] == Label.LEADING
    assert Flag.PITCH in {h.flag for h in form.flags}


@pytest.mark.parametrize("text", [
    "Zou je het nog een keer proberen bij die sportschool?",
    "Zou je naar een sportschool gaan die verder weg is?",
    "Zou je iemand inhuren die je administratie doet?",
])
def test_dutch_plain_hypothetical_is_no_pitch(text):
    from scoring import rules_nl

    form = rules_nl.analyse(text, NL_PREV)
    assert Flag.PITCH not in {h.flag for h in form.flags}
    assert form.top[0] == Label.CLOSED


def test_korean_thing_that_does_it_for_you_is_a_pitch():
    from scoring import rules_ko

    form = rules_ko.analyse("영수증을 자동으로 정리해 주는 게 있으면 유용할까요?", KO_PREV)
    assert form.top[0] == Label.LEADING
    assert Flag.PITCH in {h.flag for h in form.flags}
    assert Flag.PITCH not in {h.flag for h in rules_ko.analyse("혹시 아는 게 있으면 말씀해 주세요.", KO_PREV).flags}


ROTA = ["We switched the rota to TeamShift in March.",
        "Now people swap shifts in the app instead of texting me.",
        "The manager still has to approve every swap, and she's only in two days a week."]


# A declarative question that grades their thing ("pretty much broken", "works well", "overworked") offers your
# assessment for a yes: leading. A fact of yours to check carries no degree or manner: closed.
@pytest.mark.parametrize("text", [
    "And the app's pretty much broken then?",
    "The app works well for you?",
    "And the manager is overworked?",
    "and the app's basically doing its job then",
])
def test_a_graded_declarative_question_leads(text):
    assert label(text, ROTA) == Label.LEADING


@pytest.mark.parametrize("text", [
    "And you use the paper rota as well?",
    "And the manager is in on Mondays and Tuesdays?",
    "and that was a monthly contract",
])
def test_a_fact_to_check_stays_closed(text):
    assert label(text, ROTA) == Label.CLOSED
