"""Leading or not, by what the turn supplies (the form rules alone, no model): a figure the customer never gave,
a cause told in its own clause, "too" meaning "also", the thing offered as "a reason", a question after a spoken
scene-setting phrase, and a solution offered for approval in its less common shapes."""

import pytest

from scoring import rules
from scoring.labels import Flag, Label

POOL = ["I swim before work, three mornings a week.",
        "The gym opens at six but the pool only opens at seven, so I'm always late for my train.",
        "I pay forty pounds a month for it."]
PAYROLL = ["We run a small dental practice with six staff.",
           "We moved to a new payroll tool because our accountant recommended it.",
           "The export to the bank fails every other month, and I redo it by hand."]
STREAK = ["I've been doing the daily puzzles on WordPal for a year.",
          "I'm on a 300-day streak, so I don't want to break it.",
          "Honestly some days I open it just to keep the streak going."]
CLINIC = ["My mum has appointments at the hospital every few weeks.",
          "She forgets them unless I remind her, and I'm at work all day.",
          "Last month she missed one and it took six weeks to get another."]


def analyse(text, context):
    return rules.analyse(text, context[-1], "en", context)


def label(text, context):
    return analyse(text, context).top[0]


# A figure they never gave is a fact of yours, whatever the other words: a tag on it asks for a yes.
@pytest.mark.parametrize("text", [
    "You swim four mornings a week, right?",
    "So you swim five mornings a week, don't you?",
    "so you pay about sixty pounds a month for it",
    "So you pay sixty pounds a month for it?",
])
def test_a_figure_they_never_gave_is_a_fact_of_yours(text):
    assert label(text, POOL) == Label.LEADING


@pytest.mark.parametrize("text", [
    "So the pool only opens at seven and you swim three mornings a week.",
    "so you pay forty pounds a month for it",
])
def test_their_own_figures_said_back_stay_a_reflection(text):
    assert label(text, POOL) == Label.REFLECTION


def test_quantities_read_figures_words_and_units():
    values = dict(rules._quantities("about a hundred pounds at 8am, twenty five of them"))
    assert values == {"hundred": 100, "8am": 8, "twenty five": 25}
    assert rules._new_quantity("opens at eight", "it opens at 8am") is None
    assert rules._new_quantity("nearly fifteen instead of eight", "listed at eight thousand, quoted nearly fifteen") is None
    assert rules._new_quantity("opens at nine", "it opens at 8am") == "nine"


# The cause in a summary is the clause "because" opens; what is joined after it is not part of the cause.
def test_a_summary_whose_cause_is_theirs_is_a_reflection_even_with_a_clause_after_it():
    text = "so you moved because the accountant recommended it and now the export keeps failing"
    assert label(text, PAYROLL) == Label.REFLECTION


@pytest.mark.parametrize("text", [
    "So you moved because the old tool was too slow?",
    "so basically you moved because it was cheaper",
])
def test_a_summary_with_a_cause_of_yours_is_leading(text):
    assert label(text, PAYROLL) == Label.LEADING


# "too" before a function word means "also": no excess is handed over.
def test_too_meaning_also_is_no_verdict():
    text = "and uh the accountant, does she, does she check the payroll too or is it just you"
    assert label(text, PAYROLL) == Label.CLOSED


def test_too_before_an_adjective_still_leads():
    assert label("Is the new tool too complicated?", PAYROLL) == Label.LEADING


# The answer offered by "Is X a reason ...?" is X: their own X is a check, a new X a guess of yours.
def test_their_own_thing_offered_as_a_reason_is_closed():
    assert label("Is the streak a reason you play every morning?", STREAK) == Label.CLOSED


def test_a_new_thing_offered_as_a_reason_is_leading():
    assert label("Is the leaderboard a reason you keep opening it?", STREAK) == Label.LEADING


# A spoken question after a scene-setting phrase is the question, not a summary.
@pytest.mark.parametrize("text, expected", [
    ("ok and um, during those six weeks, what were work days like", Label.OPEN),
    ("and um, after the missed one, what was work like", Label.OPEN),
    ("ok so on the day she missed it um were you already at work", Label.CLOSED),
])
def test_a_caption_question_after_a_scene_setting_phrase(text, expected):
    form = analyse(text, CLINIC)
    assert form.is_question
    assert form.top[0] == expected


def test_a_scene_setting_phrase_before_a_check_on_a_summary_is_not_split():
    form = analyse("and you're, you're at work all day when she has them, is that it", CLINIC)
    assert form.focus.lower().startswith("is that it")


# A solution offered for approval, in the shapes the pitch list did not cover.
@pytest.mark.parametrize("text", [
    "If we'd given you a reminder service, would that have helped?",
    "If the hospital texted you the day before, would you use it?",
    "what if it just, like, rebooked itself automatically would that help",
    "would an app that reminded you both the night before have- would that have helped do you think",
])
def test_a_solution_offered_for_approval_is_leading_with_a_pitch(text):
    form = analyse(text, CLINIC)
    assert form.top[0] == Label.LEADING
    assert Flag.PITCH in {h.flag for h in form.flags}


def test_a_hypothetical_about_someone_else_is_no_pitch():
    form = analyse("If your boss gave you a day off for it, what would you do?", CLINIC)
    assert Flag.PITCH not in {h.flag for h in form.flags}
    assert form.top[0] == Label.OPEN


# Every word theirs, the pairing yours: "the club is at his school" after "my son is at after-school club".
PICKUP = ["My daughter goes to swimming club twice a week and my partner and I share the lifts.",
          "We keep a shared calendar but half the time one of us forgets to update it.",
          "Last Friday nobody turned up until seven and the coach rang me at work."]


def test_a_tag_on_their_words_in_a_new_pairing_leads():
    assert label("And the club is at her school, isn't it?", PICKUP + ["It's next to her school, actually."]) \
        == Label.LEADING


def test_a_cleft_that_singles_one_of_them_out_leads():
    assert label("so really its your partner who forgets to update it", PICKUP) == Label.LEADING


@pytest.mark.parametrize("text", [
    "so one of you forgets to update the calendar and the coach rang you at work right",
    "The coach rang you at work, right?",
])
def test_their_own_pairings_with_a_tag_stay_a_reflection(text):
    assert label(text, PICKUP) == Label.REFLECTION


def test_relations_pair_subjects_with_predicates():
    assert ("club", "school") in rules._relations("the club is at her school")
    assert ("partner", "forget") in rules._relations("it's your partner who forgets to update it")
    assert rules._new_relation("the coach rang you at work", " ".join(PICKUP)) is None


MIGRATION = ["We're about two weeks behind on the migration.", "The vendor still hasn't sent the new API keys.",
             "I chased them twice last week."]


# Asking what others think tells them nothing: no social proof.
def test_asking_what_everyone_thinks_is_open():
    assert label("what does everyone think about the new timeline", MIGRATION) == Label.OPEN


def test_telling_them_what_others_say_is_still_social_proof():
    assert label("Most teams tell us the vendor is slow. Is that your experience?", MIGRATION) == Label.LEADING


def test_a_caption_who_question_without_its_apostrophe_asks_a_fact():
    form = analyse("whos the contact at the vendor", MIGRATION)
    assert form.is_question and form.top[0] == Label.CLOSED


# Subject-auxiliary inversion marks where a caption's question starts.
@pytest.mark.parametrize("text", [
    "we need to decide by friday is that ok with everyone",
    "i think we should push the launch does that make sense",
    "we can move it to monday are you ok with that",
])
def test_a_question_run_on_after_a_statement_in_a_caption(text):
    form = analyse(text, MIGRATION)
    assert form.is_question and form.top[0] == Label.CLOSED


@pytest.mark.parametrize("text", [
    "the thing is that it never works",
    "my team is that size now",
])
def test_no_inversion_no_question(text):
    assert not analyse(text, MIGRATION).is_question


def test_a_tag_at_the_end_of_a_caption_is_not_split_off():
    assert label("it was the vendor in the end was it", MIGRATION) == Label.LEADING


CLEANING = ["I run a small cleaning company, eight staff.",
            "Scheduling is all on a whiteboard in the office and a WhatsApp group.",
            "Last month two cleaners turned up at the same house and nobody went to the other one."]


def test_a_topic_set_apart_by_a_comma_then_a_question():
    form = analyse("right and the whatsapp group, is everyone in it", CLEANING)
    assert form.is_question and form.top[0] == Label.CLOSED


@pytest.mark.parametrize("text", [
    "Do you think a scheduling app like ours could stop that happening?",
    "would you be interested in trying our beta",
    "What if your cleaners could swap jobs in the app?",
    "Would automatic reminders make your life easier?",
])
def test_more_shapes_of_a_solution_offered_for_approval(text):
    form = analyse(text, CLEANING)
    assert form.top[0] == Label.LEADING
    assert Flag.PITCH in {h.flag for h in form.flags}


@pytest.mark.parametrize("text", [
    "Have you looked at any scheduling apps?",
    "Did you ever try an app for it?",
    "Would you like to take a short break?",
])
def test_asking_about_their_own_tools_is_no_pitch(text):
    form = analyse(text, CLEANING)
    assert Flag.PITCH not in {h.flag for h in form.flags}
    assert form.top[0] == Label.CLOSED


def test_a_neutral_check_on_their_words_paired_anew_is_closed():
    assert label("And the club is at her school, is that right?", PICKUP + ["It's next to her school, actually."]) \
        == Label.CLOSED


BANK = ["I do the books for the bakery on Sundays.", "The bank feed breaks every few weeks and I reconnect it by hand."]


def test_a_frequency_they_never_gave_is_a_fact_of_yours():
    assert label("The bank feed breaks every week, doesn't it?", BANK) == Label.LEADING


def test_their_own_frequency_with_a_tag_stays_a_reflection():
    assert label("The bank feed breaks every few weeks, doesn't it?", BANK) == Label.REFLECTION


def test_frequencies_compare_by_unit_and_count():
    assert rules._frequencies("once a month") == rules._frequencies("every month") == {("month", "1")}
    assert rules._frequencies("three times a week") == {("week", "3")}
    assert rules._new_quantity("it breaks every week", "it breaks every few weeks") == "every week"


BROADBAND = ["I've had the same broadband provider for six years.",
             "Last winter it kept dropping every evening around eight.",
             "My son's online exams were a nightmare because of it."]


def test_a_possessive_for_their_noun_still_echoes():
    assert label("his online exams?", BROADBAND) == Label.ECHO


def test_a_caption_summary_that_retells_their_verdict_in_other_words_is_a_reflection():
    text = "so every evening around eight last winter it would drop out and that made your sons exams really hard"
    assert label(text, BROADBAND) == Label.REFLECTION


def test_a_verdict_with_a_question_mark_after_none_of_theirs_still_leads():
    assert label("So the provider's service is really terrible?", BROADBAND[:2]) == Label.LEADING


def test_a_word_that_only_looks_like_a_verdict_is_none_of_theirs():
    # "calls in sick" passes no verdict: "really unfair" is still yours.
    rota = ["I look after the rota for a small care home.",
            "Every Sunday night I redo the whole rota from scratch because someone always calls in sick."]
    assert label("it's really unfair on you though", rota) == Label.LEADING
    assert not rules._retold_verdict("unfair", rota[-1])
    assert rules._retold_verdict("hard", BROADBAND[-1])


EXPENSES = ["We switched our team's expenses to ClaimIt in January.", "Before that it was all paper receipts in an envelope.",
            "Now people photograph receipts on their phones, mostly."]


def test_a_yes_no_question_about_a_named_month_is_closed():
    assert label("Was January a good time to switch?", EXPENSES) == Label.CLOSED


@pytest.mark.parametrize("text", ["Was the envelope system a total mess?", "Was it an absolute nightmare?"])
def test_a_total_or_absolute_verdict_in_a_yes_no_question_leads(text):
    assert label(text, EXPENSES) == Label.LEADING


def test_would_you_say_at_the_end_of_a_caption_is_a_tag_not_a_new_question():
    assert label("it's the cost, would you say", EXPENSES) == Label.LEADING


CAFE = ["I've been using RotaMate for our café for about a year.",
        "It's fine for building the rota, the drag and drop is handy.",
        "But when someone calls in sick I still end up ringing round everyone myself."]


def test_a_cleft_that_singles_out_someone_they_never_named_leads():
    assert label("So really it's your managers who should be doing the ringing round?", CAFE) == Label.LEADING


def test_a_cleft_on_their_own_pairing_is_a_reflection():
    assert label("So it's you who ends up ringing round everyone.", CAFE) == Label.REFLECTION


def test_is_it_just_the_two_of_you_counts_heads():
    shop = ["We run a small bike repair shop, me and one mechanic.",
            "Saturdays are chaos, I had three people turn up for the same slot last week."]
    assert label("sorry just to check, is it just the two of you", shop) == Label.CLOSED
    assert label("Is it mostly the price, then?", shop) == Label.LEADING


BANKS = ["I switched from Monzo to a high street bank last year when I got a mortgage.",
         "The app is a lot clunkier, transfers take longer to show up."]


def test_so_much_before_a_verdict_still_presupposes_it():
    assert label("What makes Monzo so much better?", BANKS) == Label.LEADING


def test_so_much_before_their_own_verdict_is_open():
    assert label("Why is the app so much clunkier?", BANKS) == Label.OPEN


def test_way_before_a_comparative_intensifies_it():
    firm = ["We moved our small law firm onto CaseDesk in the spring.",
            "Before that it was shared folders and a spreadsheet of deadlines."]
    assert label("Is it way better than the folders?", firm) == Label.LEADING
    assert label("Is it better than the spreadsheet?", firm) == Label.CLOSED


@pytest.mark.parametrize("text", [
    "Most photographers we've talked to outsource the culling. Have you thought about that?",
    "Most people we talk to stop going because work gets busy. Was that it for you too?",
    "A lot of the parents I've spoken to book through the app. Do you?",
])
def test_what_a_sample_of_others_does_put_before_the_question_is_leading(text):
    form = analyse(text, POOL)
    assert form.top[0] == Label.LEADING
    assert any(c.name == "social_proof" for c in form.cues)


@pytest.mark.parametrize("text", [
    "Most days I talk to my sister. How is she?",
    "Who are most of the people you talk to at work?",
    "How many people did you talk to about it?",
])
def test_others_named_without_their_view_put_to_them_are_not_social_proof(text):
    assert not any(c.name == "social_proof" for c in analyse(text, POOL).cues)
