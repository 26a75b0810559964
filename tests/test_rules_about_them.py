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
