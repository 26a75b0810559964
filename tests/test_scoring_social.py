"""Thanks said as a statement is a statement in every language, however many of the customer's words it shares
("Thank you so much for your time." after a story about time); "Same one each week?" asks about theirs; Chinese
reduplicated "没事没事" (no worries) is no A-not-A question."""

import pytest

from scoring.classifier import classifier_for
from scoring.labels import Label

STORY = "Actually, yes, one thing. I use a tablet most days. It has been a pleasure to have the time to learn it."


@pytest.mark.parametrize("lang, turn, previous", [
    ("en", "Thank you very much for your time, it's been a pleasure.", STORY),
    ("en", "Lovely, thank you for your time.", None),
    ("en", "Brilliant, thanks Sam.", None),
    ("en", "That's brilliant, Dev, thanks so much for your time.", "Ilse on the ground floor hasn't got a computer."),
    ("zh", "太谢谢你了丽华，跟你聊得特别开心！", "其实还有一件事。我天天处理投诉，知道投诉进去以后就是走流程。"),
    ("zh", "丽华你好，谢谢你抽时间过来。", "你好，我是丽华。"),
    ("zh", "丽华你好！没事没事，我也是刚开完会。谢谢你抽时间来聊！", "你好你好！不好意思啊，刚开完会过来。"),
    ("nl", "super dank je wel anouk eh succes straks met ophalen", "Ja, ik moet zo de kinderen ophalen bij de opvang."),
])
def test_thanks_is_a_statement(lang, turn, previous):
    assert classifier_for(lang).classify(turn, previous).label == Label.STATEMENT


@pytest.mark.parametrize("lang, turn, previous, label", [
    # A summary after the thanks is still a summary; a cause is no thanks.
    ("en", "Thanks. You stopped because the fees went up.", "The fees went up and I stopped.", Label.REFLECTION),
    ("en", "Same one each week?", "Thursdays, yes. Almost always on time.", Label.CLOSED),
    ("en", "Same here.", "I hate queues.", Label.STATEMENT),
    ("zh", "那个团长人好不好？", None, Label.CLOSED),
])
def test_what_is_not_thanks_keeps_its_label(lang, turn, previous, label):
    assert classifier_for(lang).classify(turn, previous).label == label


@pytest.mark.parametrize("turn, previous", [
    # Social proof from any group of people, not only the ones a list names.
    ("de meeste studenten zeggen dat ze daardoor gewoon minder vaak wassen, herken je dat", "Ik was meestal op zondag."),
    ("de meeste vrijwilligers zeggen dat dat rooster een chaos is, herken je dat", "Het rooster komt elke maand."),
    # A fix of ours to approve, however long its name.
    ("Zou één overzicht van alle potjes bij elkaar je helpen?", "Ik heb zes potjes bij drie banken."),
])
def test_dutch_social_proof_and_fixes_to_approve_are_leading(turn, previous):
    assert classifier_for("nl").classify(turn, previous).label == Label.LEADING


@pytest.mark.parametrize("turn, label", [
    # Fishing for a compliment on the interviewer's own idea: people say yes to be kind.
    ("So, between us, do you think my idea's any good? Be honest, I can take it, ha.", Label.LEADING),
    ("Does my idea sound like something that would help a family like yours?", Label.LEADING),
    ("What do you think of our app idea?", Label.OPEN),
])
def test_asking_them_to_judge_your_idea_is_a_pitch(turn, label):
    verdict = classifier_for("en").classify(turn, "I shop on Saturdays, mostly.")
    assert verdict.label == label and "pitch" in {f.value for f in verdict.flags}


def test_an_idea_of_theirs_is_no_pitch():
    verdict = classifier_for("en").classify("What gave you the idea to switch?", "I shop on Saturdays, mostly.")
    assert verdict.label == Label.OPEN and not verdict.flags


@pytest.mark.parametrize("turn, hypothetical", [
    ("And if it existed, would you tell your friends about it?", True),
    ("Would you send them a complaint next time?", True),
    ("Would you tell me a bit more about that?", False),
    ("Would you give me an example?", False),
])
def test_would_you_tell_is_a_request_only_when_it_asks_for_us(turn, hypothetical):
    verdict = classifier_for("en").classify(turn, "It takes ages.")
    assert ("hypothetical" in {f.value for f in verdict.flags}) == hypothetical
