"""A reply reaches the page in phrases: fewer messages, the same text."""

from __future__ import annotations

import re

from app_pages import streaming


def words(text: str) -> list[str]:
    return re.findall(r"\S+\s*|\s+", text)


REPLY = ("I used to order every week, mostly on Sunday evenings, but the delivery slots kept moving and "
         "twice the driver came after I had already gone to the shop myself.")


def test_phrases_carry_the_same_text_in_far_fewer_chunks():
    chunks = words(REPLY)
    out = list(streaming.phrases(chunks))
    assert "".join(out) == REPLY
    assert len(out) <= len(chunks) // streaming.PHRASE_WORDS + 1
    assert all(len(piece.split()) <= streaming.PHRASE_WORDS for piece in out)


def test_a_short_reply_is_one_chunk_and_nothing_is_held_back():
    assert list(streaming.phrases(words("Not really."))) == ["Not really."]
    assert list(streaming.phrases([])) == []
    assert list(streaming.phrases(["", "Yes.", ""])) == ["Yes."]


def test_text_without_spaces_is_grouped_by_characters():
    text = "我以前每周都在网上买菜但是后来配送总是迟到所以我就不用了"
    chunks = [text[i:i + 3] for i in range(0, len(text), 3)]
    out = list(streaming.phrases(chunks))
    assert "".join(out) == text
    assert 1 < len(out) < len(chunks)


def test_the_first_phrase_goes_out_before_the_rest_is_written():
    produced: list[str] = []

    def backend():
        for chunk in words(REPLY):
            produced.append(chunk)
            yield chunk

    first = next(streaming.phrases(backend()))
    assert len(first.split()) == streaming.PHRASE_WORDS
    assert len(produced) == streaming.PHRASE_WORDS  # nothing read ahead

