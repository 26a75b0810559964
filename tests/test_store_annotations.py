"""Coach annotations, Cohen's kappa and the coach-labelled training lines."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.agreement import cohen_kappa
from simulator.store import UnknownSession, UnknownTurn
from simulator.transcript import PERSONA, TRAINEE, Turn
from tests.store_support import new_transcript, pg_url, sqlite_url, store, store_url  # noqa: F401


def test_agreement_kappa_matches_textbook_example():
    # 50 items: both "yes" 20, A yes/B no 5, A no/B yes 10, both "no" 15 -> po 0.7, pe 0.5, kappa 0.4.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    result = cohen_kappa(pairs, order=["yes", "no"])
    assert result["labels"] == ["yes", "no"]
    assert result["matrix"] == [[20, 5], [10, 15]]
    assert (result["n"], result["observed"], result["expected"]) == (50, 0.7, 0.5)
    assert result["kappa"] == pytest.approx(0.4)


def test_agreement_kappa_edge_cases():
    assert cohen_kappa([])["kappa"] is None
    assert cohen_kappa([("open", "open")] * 3)["kappa"] is None  # one label throughout: undefined
    assert cohen_kappa([("open", "open"), ("closed", "closed")])["kappa"] == 1.0
    assert cohen_kappa([("open", "closed"), ("closed", "open")])["kappa"] == -1.0
    assert cohen_kappa([("b", "a")], order=["a"])["labels"] == ["a", "b"]


@given(st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from("abcd")), min_size=1, max_size=40))
def test_agreement_kappa_is_symmetric_and_at_most_one(pairs):
    forward = cohen_kappa(pairs)
    backward = cohen_kappa([(b, a) for a, b in pairs])
    assert sum(map(sum, forward["matrix"])) == len(pairs)
    if forward["kappa"] is None:
        assert backward["kappa"] is None
    else:
        assert forward["kappa"] == pytest.approx(backward["kappa"])
        assert forward["kappa"] <= 1.0 + 1e-12


def _interview(store, trainee="Ana", persona="maria"):
    """0 persona, 1 open, 2 persona, 3 leading, 4 silence, 5 closed, 6 persona."""
    transcript = new_transcript(persona)
    transcript.add(Turn(speaker=TRAINEE, text="What is invoicing like?", label="open", confidence=0.9))
    transcript.add(Turn(speaker=PERSONA, text="Slow.", insights=["pain"]))
    transcript.add(Turn(speaker=TRAINEE, text="Isn't that awful?", label="leading"))
    transcript.add(Turn(speaker=TRAINEE, text="", label="silence"))
    transcript.add(Turn(speaker=TRAINEE, text="Do you use Excel?", label="closed"))
    transcript.add(Turn(speaker=PERSONA, text="Yes."))
    return store.start_session(trainee, transcript)


def test_store_annotate_override_confirm_and_comment(store):
    sid = _interview(store)
    store.annotate(sid, 1, "Bo", confirm=True)
    store.annotate(sid, 3, "Bo", label="closed", comment="  it is a yes/no question ")
    store.annotate(sid, 5, "Bo", label="closed")  # the scorer's own label: a confirm
    store.annotate(sid, 2, "Bo", comment="she hints at the tax office here")
    current = {(a["turn"], a["coach"]): a for a in store.annotations(sid)["turns"]}
    assert {k: (a["label"], a["confirmed"], a["comment"], a["scorer_label"]) for k, a in current.items()} == {
        (1, "Bo"): ("open", True, None, "open"),
        (2, "Bo"): (None, False, "she hints at the tax office here", None),
        (3, "Bo"): ("closed", False, "it is a yes/no question", "leading"),
        (5, "Bo"): ("closed", True, None, "closed"),
    }
    # The scorer's label is never overwritten.
    assert store.load(sid).turns[3].label == "leading"


def test_store_annotate_latest_wins_and_history_is_kept(store):
    sid = _interview(store)
    store.annotate(sid, 3, "Bo", label="closed")
    store.annotate(sid, 3, "Bo", label="statement", comment="on second thought")
    store.annotate(sid, 3, "Cy", confirm=True)
    store.annotate(sid, 1, "Bo", label="echo")
    store.annotate(sid, 1, "Bo")  # withdrawn
    current = [(a["turn"], a["coach"], a["label"]) for a in store.annotations(sid)["turns"]]
    assert current == [(3, "Bo", "statement"), (3, "Cy", "leading")]
    history = [(a["turn"], a["coach"], a["label"]) for a in store.annotations(sid, history=True)["turns"]]
    assert history == [(1, "Bo", "echo"), (1, "Bo", None), (3, "Bo", "closed"), (3, "Bo", "statement"),
                       (3, "Cy", "leading")]


@pytest.mark.parametrize(
    "turn, kwargs, error, message",
    [
        (0, {"label": "open"}, ValueError, "turn 0 is a persona turn: only interviewer questions"),
        (4, {"confirm": True}, ValueError, "turn 4 is a silence"),
        (1, {"label": "opne"}, ValueError, "unknown label 'opne' \\(expected one of: open, closed, leading"),
        (1, {"label": "silence"}, ValueError, "unknown label 'silence'"),
        (3, {"label": "open", "confirm": True}, ValueError, "confirm=True agrees with the scorer's label 'leading'"),
        (99, {"label": "open"}, UnknownTurn, "has no turn 99"),
    ],
)
def test_store_annotate_rejects_what_cannot_be_labelled(store, turn, kwargs, error, message):
    sid = _interview(store)
    with pytest.raises(error, match=message):
        store.annotate(sid, turn, "Bo", **kwargs)


def test_store_annotate_unknown_session(store):
    with pytest.raises(UnknownSession):
        store.annotate("0" * 32, 1, "Bo", label="open")
    with pytest.raises(UnknownSession):
        store.comment_session("0" * 32, "Bo", "hi")


def test_store_comment_session_keeps_a_thread(store):
    sid = _interview(store)
    store.comment_session(sid, "Bo", "Good rapport.")
    store.comment_session(sid, "Cy", "Too many closed questions.")
    assert [(c["coach"], c["text"]) for c in store.annotations(sid)["session"]] == [
        ("Bo", "Good rapport."), ("Cy", "Too many closed questions.")
    ]
    with pytest.raises(ValueError, match="needs some text"):
        store.comment_session(sid, "Bo", "   ")


def test_store_agreement_over_overrides_and_confirms(store):
    first, second = _interview(store), _interview(store, trainee="Bea")
    store.annotate(first, 1, "Bo", confirm=True)            # open/open
    store.annotate(first, 3, "Bo", label="closed")          # leading/closed
    store.annotate(first, 5, "Bo", confirm=True)            # closed/closed
    store.annotate(second, 1, "Bo", label="open")           # open/open
    store.annotate(second, 3, "Bo", confirm=True)           # leading/leading
    store.annotate(second, 5, "Cy", label="open")           # closed/open
    store.annotate(second, 2, "Cy", comment="not a label")  # ignored
    result = store.agreement()
    assert result["n"] == 6 and result["labels"] == ["open", "closed", "leading"]
    assert result["matrix"] == [[2, 0, 0], [1, 1, 0], [0, 1, 1]]  # rows: scorer, columns: coach
    # po = 4/6; pe = (2*3 + 2*2 + 2*1) / 36 = 1/3; kappa = (2/3 - 1/3) / (2/3) = 0.5
    assert result["kappa"] == pytest.approx(0.5)
    assert store.agreement(coach="Cy")["matrix"] == [[0, 0], [1, 0]]


def test_store_coach_labelled_lines_are_classify_jsonl(store):
    sid = _interview(store)
    transcript = new_transcript(opening=False)
    transcript.add(Turn(speaker=TRAINEE, text="First words?", label="open"))
    opener = store.start_session("Bea", transcript)
    store.annotate(sid, 3, "Bo", label="closed")
    store.annotate(sid, 3, "Cy", label="statement")  # newer verdict on the same turn wins
    store.annotate(sid, 5, "Bo", confirm=True)
    store.annotate(opener, 0, "Bo", label="closed")
    lines = [json.loads(json.dumps(line)) for line in store.coach_labelled_lines()]
    assert lines == [
        {"id": f"{sid}:3", "text": "Isn't that awful?", "previous": "Slow.", "label": "statement"},
        {"id": f"{sid}:5", "text": "Do you use Excel?", "previous": "Slow.", "label": "closed"},
        {"id": f"{opener}:0", "text": "First words?", "previous": None, "label": "closed"},
    ]
    assert [line["label"] for line in store.coach_labelled_lines(coach="Bo")] == ["closed", "closed", "closed"]
