"""Rewrites never hand back a word that names nothing: no echo "The way?" of "on the way home", and no noun made of
a contraction's first half ("how many don't show" -> not "Tell me about the don.")."""

from __future__ import annotations

from scoring.labels import Label
from scoring.rewrite import suggest_rewrites
from scoring.rules import analyse


def rewrites(text, label, previous=None):
    return suggest_rewrites(text, label, (), previous=previous, form=analyse(text, previous))


def test_no_echo_of_a_vague_noun():
    out = rewrites("so you stopped because it got too expensive", Label.LEADING,
                   "Now I mostly cook or grab something on the way home.")
    assert out and not any(r.rstrip("?").lower() in ("the way", "a way") for r in out)


def test_an_echo_of_a_real_noun_phrase_is_still_offered():
    out = rewrites("Did you cancel?", Label.CLOSED, "I paid for the premium plan for two years.")
    assert "The premium plan?" in out


def test_a_contraction_is_not_read_as_the_noun_asked_about():
    out = rewrites("roughly how many don't show, out of the ten", Label.CLOSED,
                   "A lot of them don't turn up for the first shift.")
    assert out and not any(" don." in r or " don?" in r for r in out)


def test_a_caption_tag_without_its_comma_is_not_kept_in_the_rewrite():
    out = rewrites("and you'd never pay for your own would you", Label.LEADING, "I borrow my sister's.")
    assert out and not out[0].rstrip(".?").endswith("would you")


def test_the_thing_of_a_kind_question_keeps_its_article():
    out = rewrites("what kind of bike is it", Label.CLOSED)
    assert out and "about bike" not in out[0]


def test_nobody_and_nothing_are_no_topic_to_ask_about():
    for text in ("Nobody actually does that though, do they?", "Nothing works on that site, does it?"):
        out = rewrites(text, Label.LEADING, "I just ring them.")
        assert out and not any(w in out[0].lower() for w in ("about nobody", "about nothing"))


def test_a_cause_offered_is_asked_about_as_what_made_them_do_it():
    out = rewrites("so you paused it because it cost too much, right?", Label.LEADING, "I paused it in March.")
    assert out and out[0].startswith("What made you pause") and "because" not in out[0]


def test_a_verb_with_about_is_not_doubled_into_about_gerund_about():
    out = rewrites("did you, like, did you think about cancelling", Label.CLOSED, "It went up again in May.")
    assert out and "about thinking about" not in out[0] and "cancelling" in out[0]


def test_where_do_you_hear_about_is_asked_as_how():
    out = rewrites("where do you usually hear about bin changes", Label.CLOSED, "The bins changed again.")
    assert out and "about hearing about" not in out[0] and "bin changes" in out[0]
