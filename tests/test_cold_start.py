"""What a cold command-line call imports: the heavy libraries only when a command needs them."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_lemminflect_loads_without_spacy_or_torch_and_spacy_still_loads_after():
    out = _run(
        "import sys\n"
        "from simulator import nlp\n"
        "m = nlp.lemminflect()\n"
        "print(m.getInflection('go', tag='VBD')[0], nlp.lemma('stopped'), 'spacy' in sys.modules, 'torch' in sys.modules)\n"
        "import spacy\n"
        "print(spacy.__name__, nlp.lemminflect() is m)\n"
    )
    assert out.splitlines() == ["went stop False False", "spacy True"]


def test_command_line_registers_store_commands_without_sqlalchemy():
    out = _run(
        "import sys\n"
        "from simulator import cli\n"
        "cli._register_subcommands()\n"
        "print('sqlalchemy' in sys.modules)\n"
    )
    assert out == "False"
