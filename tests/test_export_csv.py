"""CSV export: a lone carriage return inside a cell stays inside its cell."""

from __future__ import annotations

import csv
import io

from simulator.export import to_csv
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn


def test_lone_carriage_return_is_quoted():
    t = Transcript(persona_id="maria", persona_name="Maria", trainee="Ana", started_at=1_700_000_000.0)
    t.add(Turn(speaker=PERSONA, text="Hi.", at=1_700_000_001.0))
    t.add(Turn(speaker=TRAINEE, text="first\rsecond", label="open", at=1_700_000_002.0))
    t.add(Turn(speaker=TRAINEE, text="plain", label="open", at=1_700_000_003.0))
    out = to_csv(t)
    assert '"first\rsecond"' in out  # quoted: a reader that takes a lone CR for a line break keeps the cell whole
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r["text"] for r in rows] == ["Hi.", "first\rsecond", "plain"]
    assert out.split("\n")[3].startswith("2,")  # the other rows are written as before: quoted only where needed
