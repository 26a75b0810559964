"""Security: transcript text is inert in every export, and trainees cannot open each other's sessions."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.export import escape_markdown, to_html, to_markdown
from simulator.store import AccessDenied
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn
from tests.store_support import new_transcript, pg_url, scripted_turn, sqlite_url, store, store_url  # noqa: F401

markdown_it = pytest.importorskip("markdown_it")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](javascript:alert(1))"
PAYLOAD = f"{SCRIPT} {IMG} {LINK} ![x](javascript:alert(2)) <a href='javascript:alert(3)'>a</a> https://evil.example"


def hostile_session() -> tuple[Transcript, dict, dict]:
    transcript = Transcript(persona_id="maria", persona_name=PAYLOAD, trainee=PAYLOAD,
                            insight_catalog=[{"id": "pain", "finding": PAYLOAD}])
    transcript.add(Turn(speaker=PERSONA, text=PAYLOAD, topic=PAYLOAD, insights=["pain", PAYLOAD]))
    transcript.add(Turn(speaker=TRAINEE, text=PAYLOAD, label="leading", flags=[PAYLOAD], reason=PAYLOAD,
                        rewrite=PAYLOAD, name=PAYLOAD))
    transcript.add(Turn(speaker=TRAINEE, text=f"line one\n\n{SCRIPT}\n- {LINK}\n    {IMG}", label=PAYLOAD))
    metrics = {"score": 50, "label_counts": {PAYLOAD: 1}, "insights_total": 1, "insights_uncovered": ["pain", PAYLOAD],
               "contributions": [{"turn": 1, "points": -2, "reason": PAYLOAD}]}
    annotations = {
        "turns": [{"turn": 1, "coach": PAYLOAD, "label": "closed", "confirmed": False, "comment": PAYLOAD,
                   "scorer_label": "leading", "at": 1.0}],
        "session": [{"coach": PAYLOAD, "text": PAYLOAD, "at": 1.0}],
    }
    return transcript, metrics, annotations


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _elements(markup: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(markup)
    return parser.tags


def _assert_inert(markup: str) -> None:
    for tag, attrs in _elements(markup):
        assert tag not in {"script", "img", "a", "iframe", "object", "embed", "svg", "form", "base", "link"}, tag
        assert not [a for a in attrs if a.startswith("on") or a in ("href", "src", "srcset", "action")], (tag, attrs)


def test_store_security_html_export_is_inert():
    page = to_html(*hostile_session())
    _assert_inert(page)
    assert [t for t, _ in _elements(page)].count("meta") == 3  # charset, CSP, viewport
    assert "default-src 'none'" in page
    assert html.escape(SCRIPT) in page and html.escape(IMG) in page and LINK in page  # shown, as text


def test_store_security_markdown_export_is_inert():
    markdown = to_markdown(*hostile_session())
    assert "<script" not in markdown and "<img" not in markdown and "](" not in markdown
    assert "://" not in markdown
    # Rendered with raw HTML allowed (the most permissive renderer settings), nothing becomes markup.
    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    _assert_inert(rendered)
    assert not {"pre", "code", "ul", "ol"} & {t for t, _ in _elements(rendered)} - {"ul"}  # ul: comment list only
    assert html.escape(SCRIPT) in rendered and "[click](javascript:alert(1))" in rendered


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).map(str.strip).filter(bool))
def test_store_security_escape_markdown_renders_the_exact_text(text):
    rendered = markdown_it.MarkdownIt("commonmark", {"html": True}).render(escape_markdown(text))
    _assert_inert(rendered)
    assert {t for t, _ in _elements(rendered)} <= {"p"}
    inner = html.unescape(re.sub(r"</?p>", "", rendered)).strip()
    # CommonMark folds inner whitespace runs at line ends only; compare with normalised spacing.
    assert " ".join(inner.split()) == " ".join(text.split())


def test_store_security_trainee_cannot_open_another_trainees_session(store):
    transcript = new_transcript()
    sid = store.start_session("Ana", transcript)
    store.add_turn(sid, scripted_turn(transcript, 0), trainee="Ana")
    assert store.load(sid, trainee="Ana").trainee == "Ana"
    attempts = [
        lambda: store.load(sid, trainee="Bea"),
        lambda: store.add_turn(sid, scripted_turn(transcript, 1), trainee="Bea"),
        lambda: store.finish_session(sid, {"score": 100}, trainee="Bea"),
        lambda: store.metrics(sid, trainee="Bea"),
        lambda: store.session_info(sid, trainee="Bea"),
    ]
    for attempt in attempts:
        with pytest.raises(AccessDenied, match=f"session '{sid}' belongs to another trainee, not to 'Bea'") as info:
            attempt()
        assert "Ana" not in str(info.value)
    assert store.session_info(sid).turns == 2 and store.session_info(sid).score is None
    assert store.open_session("Bea") is None
    assert store.list_sessions(trainee="Bea") == ([], 0)
