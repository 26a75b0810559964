"""The same English turns as a fast typist would send them in a chat box, for the benchmarks' ``--typed`` runs.

Deterministic per turn (seeded by the turn's words and its position): lower case, apostrophes dropped, chat
abbreviations ("u", "ur", "tbh", "w/", "bc", "gonna", "idk"), the final full stop and, for half the turns, the final
question mark left off, and in three turns of ten one slip of the fingers in a word of five letters or more (two
letters swapped, one left out, or one typed twice). What the reader must undo is what :mod:`simulator.chat_text`
undoes, but this is written from how people type, not from that module's lists (``--typed`` numbers next to the
written ones show what typing costs).

    from benchmarks.typed_chat import typed
    typed("What's your typical day like?", seed=3)  # -> "whats ur typical day like" (or with a slip)
"""

from __future__ import annotations

import random
import re

__all__ = ["typed"]

# What a typist writes instead, and the choices (the written form among them: not every "you" becomes "u").
_SHORTHAND = [
    (r"\byou're\b", ["youre", "ur", "u r"]), (r"\byour\b", ["ur", "your", "yr"]), (r"\byou\b", ["u", "you", "u"]),
    (r"\bto be honest\b", ["tbh"]), (r"\bby the way\b", ["btw"]), (r"\bbecause\b", ["bc", "cos", "because"]),
    (r"\bgoing to\b", ["gonna"]), (r"\bwant to\b", ["wanna"]), (r"\bokay\b", ["ok", "k", "okay"]),
    (r"\bthough\b", ["tho"]), (r"\bpeople\b", ["ppl", "people"]), (r"\bwith\b", ["w/", "with", "with"]),
    (r"\bsomething\b", ["smth", "something"]), (r"\breally\b", ["rly", "really"]), (r"\bthanks\b", ["thx", "thanks"]),
    (r"\bI don't know\b", ["idk"]), (r"\bsorry\b", ["sry", "sorry"]),
]


def _slip(word: str, rnd: random.Random) -> str:
    i = rnd.randrange(1, len(word) - 2)
    kind = rnd.choice(("swap", "drop", "double"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == "drop":
        return word[:i] + word[i + 1:]
    return word[:i] + word[i] + word[i:]


def typed(text: str, seed: int) -> str:
    """``text`` as typed in a chat box (see the module's docstring)."""
    rnd = random.Random(f"{seed}:{text}")
    out = text
    for pattern, choices in _SHORTHAND:
        out = re.sub(pattern, lambda m: rnd.choice(choices), out, flags=re.IGNORECASE)
    out = out.lower().replace("\u2019", "'").replace("'", "")
    out = re.sub(r"\s*[\u2014\u2013]\s*", " - ", out)
    if rnd.random() < 0.5:
        out = re.sub(r"\?\s*$", "", out)
    out = re.sub(r"\.\s*$", "", out)
    words = out.split()
    long_words = [i for i, w in enumerate(words) if re.fullmatch(r"[a-z]{5,}", w)]
    if long_words and rnd.random() < 0.3:
        i = rnd.choice(long_words)
        words[i] = _slip(words[i], rnd)
    return " ".join(words)
