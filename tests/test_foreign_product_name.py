"""A question that names the product by name is never read as outside her life."""

from __future__ import annotations

import pytest

from simulator.embeddings import HashingEmbedder
from simulator.persona import load_persona
from simulator.retrieval import TopicIndex

from .conftest import ROOT


@pytest.fixture(scope="module")
def lihua():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERVIEW_SIM_CACHE_DIR", "")
        yield TopicIndex(load_persona(ROOT / "personas" / "lihua-grocery-zh.yaml"), HashingEmbedder())


def test_a_question_naming_the_product_is_never_foreign(lihua):
    from simulator.policy import _foreign

    question = "你是不是因为邻里鲜太贵才不买的？"
    assert lihua.names_product(question)
    assert not _foreign(lihua, lihua.scores(question), question, lihua.threshold)
    assert not lihua.names_product("你平时追什么剧吗？")
