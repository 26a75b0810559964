"""The English embedder (MiniLM in numpy): the same vectors as sentence-transformers on torch, no torch in the
process, one forward pass per new text (an LRU cache shared by the engine and the scorer)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from simulator.embeddings import _LRU, _erf

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "How did you find out which shifts you're working?",
    "Tell me about the last time you ordered groceries.",
    "Hi",
    "",
    "The drivers weren't friendly, and the app — café crème, 3 × £4.50 — kept failing!",
    "Do you ever swap shifts? " * 40,  # longer than the 128-token window: cut like sentence-transformers
]


def test_erf_matches_math_erf():
    xs = np.linspace(-6, 6, 2001, dtype=np.float32)
    ours = _erf(xs)
    assert ours.dtype == np.float32
    assert max(abs(float(o) - math.erf(float(x))) for o, x in zip(ours, xs)) < 5e-7


def test_lru_drops_the_least_recently_used_entry():
    cache = _LRU(2)
    cache.put("a", np.ones(2))
    cache.put("b", np.ones(2))
    assert cache.get("a") is not None  # "a" is now the most recent
    cache.put("c", np.ones(2))
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None
    assert len(cache) == 2


@pytest.mark.real_model
def test_minilm_in_numpy_gives_sentence_transformers_vectors(real_embedder):
    from simulator.embeddings import SentenceTransformersMiniLM, get_embedder

    reference = get_embedder("sentence-transformers")  # the library's own path, as the app runs with it
    assert isinstance(reference, SentenceTransformersMiniLM)
    expected = reference.encode(SENTENCES)
    ours = real_embedder.encode(SENTENCES)
    assert ours.shape == (len(SENTENCES), 384) and ours.dtype == np.float32
    cosines = (ours * expected).sum(axis=1)
    assert cosines.min() > 0.9999, cosines
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


@pytest.mark.real_model
def test_minilm_batches_give_the_vectors_of_single_sentences(real_embedder):
    from simulator.embeddings import MiniLMEmbedder

    fresh = MiniLMEmbedder()
    together = fresh.encode(SENTENCES)  # padded to the longest in a batch
    alone = np.stack([MiniLMEmbedder.encode(MiniLMEmbedder(), [s])[0] for s in SENTENCES[:3]])
    assert np.allclose(together[:3], alone, atol=1e-5)


@pytest.mark.real_model
def test_minilm_embeds_a_text_once(real_embedder):
    from simulator.embeddings import MiniLMEmbedder

    embedder = MiniLMEmbedder(cache_size=8)
    embedder.encode(["What happened then?", "Why was that?"])
    passes, texts = embedder.forward_passes, embedder.texts_embedded
    again = embedder.encode(["Why was that?", "What happened then?", "Why was that?"])
    assert (embedder.forward_passes, embedder.texts_embedded) == (passes, texts)
    assert again.shape == (3, 384) and np.allclose(again[0], again[2])


@pytest.mark.real_model
def test_an_english_engine_never_imports_torch():
    code = (
        "import sys\n"
        "from simulator.engine import Engine\n"
        "from simulator import nlp\n"
        "engine = Engine()\n"
        "assert nlp.parse('How did you find out?') is not None\n"
        "engine.embedder.encode(['How did you find out?'])\n"
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin", "INTERVIEW_SIM_CACHE_DIR": ""})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_texts_of_very_different_lengths_are_not_padded_together():
    from simulator.embeddings import _length_batches

    ids = [[0] * 60, [0] * 15, [0] * 16, [0] * 14, [0] * 70]
    batches = _length_batches(ids, size=32)
    assert sorted(i for b in batches for i in b) == [0, 1, 2, 3, 4]
    assert [sorted(b) for b in batches] == [[1, 2, 3], [0, 4]]
    assert all(len(b) <= 2 for b in _length_batches([[0] * 10] * 5, size=2))
