"""Chinese 会 with a frequency word or a recurring time asks what they usually do: no hypothetical flag."""

import pytest

from scoring.classifier import QuestionClassifier
from simulator.embeddings import HashingEmbedder


@pytest.fixture(scope="module")
def zh():
    return QuestionClassifier(embedder=HashingEmbedder(), language="zh")


@pytest.mark.parametrize("text", ["会经常加班吗？", "周末呢，会去菜场吗？", "你平时会自己做饭吗？", "每个月会买几次？"])
def test_habitual_hui_is_no_hypothetical(zh, text):
    assert "hypothetical" not in [f.value for f in zh.classify(text).flags]


@pytest.mark.parametrize("text", ["如果便宜一点，你会再用吗？", "以后你会换一家吗？"])
def test_conditional_or_future_hui_stays_hypothetical(zh, text):
    assert "hypothetical" in [f.value for f in zh.classify(text).flags]
