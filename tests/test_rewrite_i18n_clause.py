"""Dutch and Chinese rewrites ask for the part a yes/no question offered (someone, something) with its question
word, and Dutch guessed feelings become "how did you feel" about what they name; each rewrite is open by the
language's own rules."""

from __future__ import annotations

import pytest

from scoring.labels import Label
from scoring.rewrite import suggest_rewrites
from scoring.rules import analyse


@pytest.mark.parametrize("text, label, lang, expected", [
    ("Was er iemand bij je?", "closed", "nl", "Vertel eens wie er bij je was."),
    ("Heeft iemand je geholpen?", "closed", "nl", "Vertel eens wie je geholpen heeft."),
    ("Heb je iets gemerkt?", "closed", "nl", "Vertel eens wat je gemerkt hebt."),
    ("Was je blij dat het voorbij was?", "leading", "nl", "Hoe voelde je je toen het voorbij was?"),
    ("Je was vast opgelucht toen het klaar was, toch?", "leading", "nl", "Hoe voelde je je toen het klaar was?"),
    ("Ben je tevreden met de nieuwe keuken?", "closed", "nl", "Wat vind je van de nieuwe keuken?"),
    ("有人陪你去吗？", "closed", "zh", "能说说当时是谁陪你去的吗？"),
    ("有没有人帮你？", "closed", "zh", "能说说当时是谁帮你的吗？"),
    ("当时有人跟你解释吗？", "closed", "zh", "能说说当时是谁跟你解释的吗？"),
])
def test_indefinite_and_feeling_rewrites(text, label, lang, expected):
    out = suggest_rewrites(text, label, [], previous="…", language=lang)
    assert out and out[0] == expected
    assert analyse(out[0], None, lang).top[0] == Label.OPEN


def test_other_shapes_still_use_the_language_builders():
    assert suggest_rewrites("你每天都用这个应用吗？", "closed", [], language="zh") == ["能说说你上次用这个应用的经过吗？"]


@pytest.mark.parametrize("text, label, lang, expected", [
    # "je" before a noun after a third-person verb is possessive: the subject is "je dochter", not "je".
    ("Heeft je dochter het leuk gevonden?", "closed", "nl", "Hoe ging dat de laatste keer met je dochter?"),
    ("Was je moeder blij met de nieuwe thuiszorg?", "closed", "nl", "Hoe ging dat de laatste keer met de nieuwe thuiszorg?"),
    # A liking asked for a yes: how the thing was for them, not "the process of liking it".
    ("새 앱은 마음에 드셨어요?", "closed", "ko", "새 앱은 어떠셨어요?"),
    # A reason offered with -서 before the action: what led to it, not the verb as a topic.
    ("그럼 너무 비싸져서 그만두신 거죠?", "leading", "ko", "어떤 계기로 그렇게 하셨는지 말씀해 주시겠어요?"),
    # An adverb is not the object: no "잘을".
    ("배달 기사님이 시간은 잘 지키셨나요?", "closed", "ko", "배달 기사님이 시간을 지키셨던 과정을 처음부터 말씀해 주시겠어요?"),
])
def test_subject_liking_reason_and_adverbs(text, label, lang, expected):
    assert suggest_rewrites(text, label, [], previous="x", language=lang)[0] == expected
