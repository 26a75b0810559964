"""Dutch retrieval: the interview framing of a spoken Dutch question is not what it is about."""
from __future__ import annotations

import pytest

from simulator.textutil import topic_core


@pytest.mark.parametrize("question, core", [
    # Fillers anywhere.
    ("Eh, hoe zit het met de kinderen?", "de kinderen"),
    ("Zeg maar, de monteur van vroeger?", "de monteur van vroeger"),
    # A request to tell with words between 'kun je' and its verb, or the verb closing the question.
    ("Nou, kun je me eerst eens vertellen wat je voor werk doet?", "je voor werk doet"),
    ("Kun je die ochtend op de Marnixlaan eens beschrijven?", "die ochtend op de Marnixlaan"),
    # 'hoe zit het met', 'wat vind je van'.
    ("Hoe zit het dan met de kosten?", "de kosten"),
    ("Wat vind je van de prijsverhoging?", "de prijsverhoging"),
    # A yes/no question's opening verb and subject.
    ("Heb je ooit pech gehad?", "pech gehad"),
    ("Zou je de fiets ook pakken als het hard waait?", "de fiets ook pakken als het hard waait"),
    ("Ben je vaak later klaar?", "vaak later klaar"),
])
def test_dutch_frames_are_removed(question, core):
    assert topic_core(question, "nl") == core


def test_dutch_frames_leave_the_content_and_other_languages_alone():
    # Not a frame: the question's own verb and subject when they are not at the start, or another subject.
    assert topic_core("Hebben jullie een auto?", "nl") == "Hebben jullie een auto"
    assert topic_core("Wat zei Jeroen toen hij het uitrekende?", "nl") == "zei Jeroen toen hij het uitrekende"
    # After a filler too; nothing left: the question itself.
    assert topic_core("Eh, heb je ooit pech gehad?", "nl") == "pech gehad"
    assert topic_core("Nou, eh?", "nl") == "Nou, eh?"
    assert topic_core("Heb je ooit pech gehad?", "en") == "Heb je ooit pech gehad?"
