"""Scoring in Dutch, Korean and Chinese, in one place for callers that think in languages (the app, the engine).

The work is done elsewhere; this module only gathers it:

* ``QuestionClassifier(language=...)`` / ``classifier_for(language)`` in ``classifier.py`` label a turn with the
  language's rules (``rules_nl.py``, ``rules_ko.py``, ``rules_zh.py``) and examples (``data/examples_{lang}.jsonl``);
* ``feedback.label_help(language)``, ``feedback.flag_help(language)``, ``feedback.ui_text(key, language)`` hold what
  the trainee reads (``feedback_i18n.py``); rewrites are in ``rewrite_i18n.py``;
* ``rules.echo_overlap(question, previous, language)`` finds an echo without spaces (Chinese) or with endings
  (Korean).

``label_name`` and ``flag_name`` return None for English, so that the app keeps its English names there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import feedback
from .classifier import QuestionClassifier, classifier_for, examples_path, load_examples, primary_language
from .labels import Flag, Label

if TYPE_CHECKING:
    from simulator.embeddings import Embedder

__all__ = ["LANGUAGES", "LanguageClassifier", "classifier_for", "label_name", "flag_name", "ui_text", "examples_path",
           "load_examples", "form_label"]

# Languages with their own question rules, examples and coaching text (English is the default everywhere).
LANGUAGES = ("nl", "ko", "zh")


def label_name(label: str, language: str | None) -> str | None:
    """The label's name in ``language``; None for English and languages without a catalogue."""
    lang = primary_language(language)
    if lang not in LANGUAGES or label not in {item.value for item in Label}:
        return None
    return feedback.label_name(label, lang)


def flag_name(flag: str, language: str | None) -> str | None:
    """The flag's name in ``language``; None for English and languages without a catalogue."""
    lang = primary_language(language)
    if lang not in LANGUAGES or flag not in {item.value for item in Flag}:
        return None
    return feedback.flag_name(flag, lang)


def ui_text(key: str, language: str | None) -> str:
    """A fixed UI word ("try_instead", "silence_turn", …) in ``language``, English where there is none."""
    return feedback.ui_text(key, language)


class LanguageClassifier(QuestionClassifier):
    """``QuestionClassifier`` with the language first: ``LanguageClassifier("zh", embedder)``."""

    def __init__(self, language: str, embedder: "Embedder | None" = None, examples: str | Path | None = None,
                 **options: Any) -> None:
        if primary_language(language) not in LANGUAGES:
            raise ValueError(f"no question rules for language {language!r} (have: {', '.join(LANGUAGES)})")
        super().__init__(embedder=embedder, examples=examples, language=language, **options)


def form_label(text: str, previous: str | None, language: str) -> tuple[Label, float, tuple[Flag, ...]]:
    """(label, rule score, flags) from the turn's form alone, without examples or a model."""
    from .rules import analyse

    form = analyse(text, previous, language)
    label, score, _ = form.top
    return label, score, tuple(hit.flag for hit in form.flags)
