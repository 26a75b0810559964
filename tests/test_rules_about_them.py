"""A turn about the customer is no reflection on its second person alone when it is not said as a sentence of its
own: a caption's unpunctuated speech, or a turn asked with "?" (the lone "about_them" cue)."""
import pytest

from scoring import rules, rules_i18n
from scoring.labels import Label
from scoring.rules import Cue, WEAK, MEDIUM

PREVIOUS = "I work four days a week and I pick the kids up at five, so evenings are a rush."


def _names(text: str, previous: str = PREVIOUS) -> set[str]:
    return {c.name for c in rules.analyse(text, previous, "en", None).cues}


@pytest.mark.parametrize("text", ["you've got a lot going on with the new job",
                                  "And after you got the fine?"])
def test_a_lone_turn_about_them_not_said_as_a_sentence_is_no_reflection(text):
    form = rules.analyse(text, PREVIOUS, "en", None)
    assert "about_them" not in {c.name for c in form.cues}
    assert rules.rule_scores(form.cues).get(Label.REFLECTION, 0.0) == 0.0


def test_a_written_paraphrase_ending_its_sentence_keeps_the_cue():
    assert "about_them" in _names("You're doing two jobs at once, and the evenings pay for it.")


def test_a_summary_keeps_its_about_them_support_in_a_caption():
    names = _names("so you work four days and pick the kids up at five")
    assert "so_summary" in names and "about_them" in names


def test_the_shared_resolver_drops_the_lone_cue_only_where_no_sentence_ends():
    lone = [Cue("about_them", Label.REFLECTION, WEAK + 0.5, ""), Cue("yes_no", Label.CLOSED, MEDIUM, "heb")]
    assert [c.name for c in rules_i18n.resolve(lone, "en je werkt vier dagen")] == ["yes_no"]
    assert {c.name for c in rules_i18n.resolve(lone, "Je werkt vier dagen.")} == {"yes_no", "about_them"}
    beside = [Cue("so_summary", Label.REFLECTION, MEDIUM, "dus"), Cue("about_them", Label.REFLECTION, WEAK + 0.5, "")]
    assert {c.name for c in rules_i18n.resolve(beside, "dus je werkt vier dagen")} == {"so_summary", "about_them"}
    assert rules.lone_about_them({"about_them"}, "你每天都很忙") and not rules.lone_about_them({"about_them"}, "你每天都很忙。")


# Guesses and retellings in summaries ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,previous", [
    ("Chasing those late ones must drive you mad.", "Publishers usually pay in sixty days, some in ninety."),
    ("She must find it frightening, having strangers at the door.", "She will not let some of them in now."),
])
def test_a_must_guess_about_what_they_feel_leads_whatever_its_subject(text, previous):
    form = rules.analyse(text, previous, "en", None)
    assert any(c.name == "agreement" and c.label == Label.LEADING for c in form.cues)


def test_a_must_they_used_themselves_is_no_guess():
    form = rules.analyse("That must have been frightening.", "It was frightening, honestly.", "en", None)
    assert not any(c.name == "agreement" for c in form.cues)


def test_a_retold_past_and_a_hedged_always_are_no_new_claims():
    context = ["My daughter booked the hearing test for me in the end.", "I'd been putting it off for about three years."]
    form = rules.analyse("So you'd put it off for about three years, and in the end your daughter booked it for you.",
                         context[-1], "en", context)
    assert not any(c.name == "new_claim" for c in form.cues)
    context = ["Mum is 84 and still in her own house.",
               "Carers come in twice a day, but it is a different person almost every time.",
               "She will not let some of them in now."]
    form = rules.analyse("So the carers come twice a day, it's nearly always someone new, and now your mum won't let "
                         "some of them in.", context[-1], "en", context)
    assert not any(c.name == "new_claim" for c in form.cues)
    # what they would do, guessed, still is one
    form = rules.analyse("So you'd never use them again.", "I use them less now.", "en", None)
    assert any(c.name == "new_claim" for c in form.cues)


def test_what_others_say_put_as_a_statement_leads_unless_it_backs_their_view():
    form = rules.analyse("Most parents we've talked to say the group chat's out of hand by Wednesday.",
                         "We mostly sort the lifts on the group chat.", "en", None)
    assert any(c.name == "social_proof" for c in form.cues)
    form = rules.analyse("A lot of people we talk to say the same thing.", "The group chat is out of hand.", "en", None)
    assert not any(c.name == "social_proof" for c in form.cues)


@pytest.mark.parametrize("text", [
    "sorry that's that's everything on my list um is there anything i haven't asked about that you think matters",
    "okay that's all my questions is there anything else you want to add",
])
def test_a_caption_that_runs_its_signpost_into_a_closing_invitation_is_open(text):
    form = rules.analyse(text, "i'd happily order the night before if i could", "en", None)
    assert form.top[0] == Label.OPEN


def test_a_caption_signpost_alone_stays_a_statement():
    form = rules.analyse("that's everything from me thanks so much", "i'd happily order the night before", "en", None)
    assert form.top[0] == Label.STATEMENT
