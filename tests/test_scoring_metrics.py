"""Session metrics on hand-built transcripts: each metric, the score formula, imported transcripts."""

from __future__ import annotations

import pytest

from scoring.metrics import REFERENCE_LINES, SCORE_FORMULA, compute_metrics
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn


def trainee(text: str, label: str, flags: list[str] | None = None, **kw) -> Turn:
    return Turn(speaker=TRAINEE, text=text, label=label, flags=flags or [], **kw)


def persona(text: str, **kw) -> Turn:
    return Turn(speaker=PERSONA, text=text, **kw)


def build(turns: list[Turn], catalog: list[str] | None = None) -> Transcript:
    transcript = Transcript(persona_id="test", insight_catalog=[{"id": i} for i in (catalog or [])])
    transcript.extend(turns)
    return transcript


@pytest.fixture
def practice() -> Transcript:
    return build([
        persona("Hi! I only have half an hour.", had_more=False),                                     # 0
        trainee("Tell me about your last order.", "open"),                                              # 1
        persona("It came late again, which was annoying because I had guests.", insights=["late"], had_more=True),
        trainee("", "silence"),                                                                         # 3
        persona("Honestly, I nearly cancelled that evening.", insights=["cancel"], had_more=False),     # 4
        trainee("Nearly cancelled?", "echo"),                                                           # 5
        persona("Yes, the third time this month.", had_more=False),                                     # 6
        trainee("Don't you think the slots are too narrow?", "leading"),                                # 7
        persona("I suppose so, the slots are narrow.", insights=["slots"], contaminated_insights=["slots"]),
        trainee("If we added one-hour slots, would you use them?", "closed", ["hypothetical", "pitch"]),  # 9
        persona("Maybe."),                                                                              # 10
    ], catalog=["late", "cancel", "slots", "price"])


def test_metrics_counts_labels_and_flags(practice):
    m = compute_metrics(practice)
    assert m.label_counts["open"] == 1 and m.label_counts["echo"] == 1 and m.label_counts["silence"] == 1
    assert m.label_counts["leading"] == 1 and m.label_counts["closed"] == 1
    assert m.flag_counts == {"hypothetical": 1, "double_barreled": 0, "pitch": 1, "faux_invitation": 0, "off_task": 0}


def test_metrics_open_share_and_rq_ratio(practice):
    m = compute_metrics(practice)
    assert m.questions == 3
    assert m.open_share == pytest.approx(1 / 3)
    assert m.rq_ratio == pytest.approx(1 / 3)


def test_metrics_talk_ratio_and_longest_monologue():
    t = build([
        persona("one two three four five six"),
        trainee("a b c", "statement"),
        trainee("d e f g", "open"),  # two trainee turns in a row are one monologue
        persona("x y z"),
        trainee("h i", "closed"),
    ])
    m = compute_metrics(t)
    assert m.trainee_words == 9 and m.total_words == 18
    assert m.talk_ratio == pytest.approx(0.5)
    assert m.longest_monologue_words == 7


def test_metrics_silences_and_well_placed(practice):
    m = compute_metrics(practice)
    assert m.silences == 1
    assert m.well_placed_silences == 1


def test_metrics_silence_after_a_finished_topic_is_not_well_placed():
    t = build([persona("That's all really.", had_more=False), trainee("", "silence"), persona("Anything else?")])
    m = compute_metrics(t)
    assert m.silences == 1 and m.well_placed_silences == 0


def test_metrics_insights_uncovered_and_contaminated(practice):
    m = compute_metrics(practice)
    assert m.insights_total == 4
    assert m.insights_uncovered == ["late", "cancel", "slots"]
    assert m.insights_contaminated == ["slots"]


def test_metrics_score_follows_the_documented_formula(practice):
    m = compute_metrics(practice)
    b = m.score_breakdown
    # craft: open +4, well-placed silence +3, echo +3, leading -4, closed -1 -2 -3 = -6 -> mean 0 -> 50
    assert b["mean_turn_points"] == pytest.approx(0.0)
    assert b["components"]["craft"] == pytest.approx(50.0)
    assert b["components"]["listening"] == pytest.approx(100 * (1 / 3) / 2, abs=0.1)
    words_trainee = sum(len(t.text.split()) for t in practice.turns if t.speaker == TRAINEE)
    words_total = sum(len(t.text.split()) for t in practice.turns)
    assert (words_trainee, words_total) == (25, 63)
    talk = 100 * (0.7 - words_trainee / words_total) / 0.4
    assert b["components"]["talk"] == pytest.approx(min(100, talk), abs=0.1)
    assert b["components"]["insights"] == pytest.approx(100 * (3 - 0.5) / 4)
    expected = 0.40 * 50 + 0.15 * b["components"]["listening"] + 0.15 * b["components"]["talk"] + 0.30 * 62.5
    assert m.score == round(expected)


def test_metrics_contributions_explain_each_turn(practice):
    m = compute_metrics(practice)
    by_turn = {}
    for c in m.contributions:
        by_turn.setdefault(c["turn"], []).append(c)
    assert [c["reason"] for c in by_turn[1]] == ["Open question: +4"]
    assert by_turn[3][0]["points"] == 3
    assert {c["points"] for c in by_turn[9]} == {-1, -2, -3}
    assert any("half credit" in c["reason"] for c in by_turn[8])
    assert all({"turn", "points", "reason"} <= set(c) for c in m.contributions)


def test_metrics_all_open_questions_score_high_all_leading_low():
    good = build([persona("Hi."), *[t for _ in range(4) for t in (trainee("Tell me more.", "open"),
                                                                   persona("Well, it's a long story about my week."),
                                                                   trainee("So it was a long week.", "reflection"),
                                                                   persona("Yes, a really long one, honestly."))]])
    bad = build([persona("Hi."), *[t for _ in range(4) for t in (trainee("Don't you think our app is great and easy?", "leading", ["pitch"]),
                                                                  persona("Yes."))]])
    assert compute_metrics(good).score >= 80
    assert compute_metrics(bad).score <= 20


def test_metrics_imported_transcript_without_insights_drops_and_reweights():
    t = build([
        Turn(speaker=PERSONA, text="I started the business in 2019.", start=0.0, end=3.0, name="Anna"),
        Turn(speaker=TRAINEE, text="How did you get started?", label="open", start=7.5, end=9.0, name="Interviewer"),
        Turn(speaker=PERSONA, text="With a loan from my uncle.", start=9.5, end=12.0, name="Anna"),
        Turn(speaker=TRAINEE, text="A loan from your uncle?", label="echo", start=13.0, end=14.0, name="Interviewer"),
    ])
    m = compute_metrics(t)
    b = m.score_breakdown
    assert m.insights_total == 0 and b["insights_dropped"] is True
    assert b["components"]["insights"] is None
    assert sum(b["weights"].values()) == pytest.approx(1.0)
    assert b["weights"]["craft"] == pytest.approx(0.40 / 0.70, abs=1e-3)
    assert m.score > 50


def test_metrics_patience_and_timestamps_count_as_silences():
    t = build([
        Turn(speaker=PERSONA, text="It was hard.", start=0.0, end=2.0),
        Turn(speaker=TRAINEE, text="How so?", label="open", start=6.0, end=7.0),         # 4.0 s gap
        Turn(speaker=PERSONA, text="Because of the kids.", start=7.5, end=9.0),
        Turn(speaker=TRAINEE, text="I see.", label="statement", start=9.5, end=10.0),   # 0.5 s gap
        Turn(speaker=PERSONA, text="Yes.", had_more=True),
        Turn(speaker=TRAINEE, text="And then?", label="open", patience=3.2),            # patience wins
    ])
    t.source = "imported"
    assert compute_metrics(t).silences == 2
    assert compute_metrics(t, silence_threshold=5.0).silences == 0
    assert compute_metrics(t).well_placed_silences == 1


def test_metrics_empty_transcript_does_not_crash():
    m = compute_metrics(build([]))
    assert m.score is None and m.open_share is None and m.rq_ratio is None and m.talk_ratio is None


def test_metrics_no_trainee_turn_is_not_scored():
    # Only the persona's opening (and a whitespace-only send, which is not a turn): nothing to score. The formula
    # alone gave 15 here (a talk ratio of 0 % is the talk part's best).
    t = build([persona("Hi! I only have half an hour.", had_more=True), trainee("   ", "statement")],
              catalog=["late", "cancel"])
    m = compute_metrics(t)
    assert m.score is None
    assert m.score_breakdown["not_scored"] == "no trainee turns"
    assert set(m.score_breakdown["components"].values()) == {None}
    assert m.score_breakdown["weights"] == {} and m.score_breakdown["weighted"] == {}
    assert m.contributions == []
    data = m.to_dict()
    assert data["score"] is None
    import json

    assert json.loads(json.dumps(data))["score"] is None  # null in JSON


def test_metrics_one_trainee_turn_is_scored(practice):
    for turns in ([persona("Hi!"), trainee("Hello, thanks for your time.", "statement")],
                  [persona("Hi!", had_more=True), trainee("", "silence")]):
        m = compute_metrics(build(turns))
        assert isinstance(m.score, int) and m.score_breakdown["not_scored"] is None
    assert compute_metrics(practice).score_breakdown["not_scored"] is None


def test_metrics_to_dict_has_the_contract_keys(practice):
    data = compute_metrics(practice).to_dict()
    for key in ("label_counts", "flag_counts", "questions", "open_share", "rq_ratio", "talk_ratio",
                "longest_monologue_words", "silences", "well_placed_silences", "insights_total",
                "insights_uncovered", "insights_contaminated", "score", "contributions", "score_breakdown"):
        assert key in data


def test_metrics_reference_lines_and_formula_are_documented():
    assert REFERENCE_LINES["rq_ratio"]["fair"] == 1.0 and REFERENCE_LINES["rq_ratio"]["good"] == 2.0
    assert REFERENCE_LINES["open_share"]["fair"] == 0.5 and REFERENCE_LINES["open_share"]["good"] == 0.7
    assert "40%" in SCORE_FORMULA and "Open" not in SCORE_FORMULA.split("\n")[0]


def test_metrics_practice_waits_are_not_silences():
    # In a practice chat the wait includes typing: only the explicit "stay silent" turn counts.
    t = build([
        Turn(speaker=PERSONA, text="It was hard.", had_more=True),
        Turn(speaker=TRAINEE, text="How so?", label="open", patience=12.0),
        Turn(speaker=PERSONA, text="Because of the kids.", had_more=True),
        Turn(speaker=TRAINEE, text="", label="silence", patience=5.0),
    ])
    assert t.source == "practice"
    m = compute_metrics(t)
    assert m.silences == 1 and m.well_placed_silences == 1
