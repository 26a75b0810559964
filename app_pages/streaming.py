"""How a reply reaches the page: in phrases rather than word by word.

Every chunk ``st.write_stream`` gets is one message to the browser carrying the whole reply so far: a 60-word reply
streamed word by word is 60 messages and ~1,800 words of markdown for the server to build and send, per trainee.
Phrases of a few words look the same to a reader (the pace, ``common.paced``, is per word either way) for a
tenth of the server's work.
"""

from __future__ import annotations

from typing import Iterable, Iterator

# Words per chunk sent to the page.
PHRASE_WORDS = 6
# Characters per chunk for text without spaces (Chinese): about as much to read as six English words.
PHRASE_CHARS = 12


def phrases(chunks: Iterable[str], words: int = PHRASE_WORDS, chars: int = PHRASE_CHARS) -> Iterator[str]:
    """The same text as ``chunks``, regrouped into pieces of about ``words`` words (``chars`` characters where
    there are no spaces). The first piece goes out as soon as it is complete; nothing is held back at the end."""
    pending: list[str] = []
    count = length = 0
    for chunk in chunks:
        if not chunk:
            continue
        pending.append(chunk)
        count += len(chunk.split())
        length += len(chunk)
        if count >= words or (" " not in "".join(pending).strip() and length >= chars):
            yield "".join(pending)
            pending, count, length = [], 0, 0
    if pending:
        yield "".join(pending)

