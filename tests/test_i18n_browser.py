"""A Korean trainee in a real browser: the interface follows the browser's language (ko-KR) from the first page,
through an interview with the Korean persona, to the report and its Markdown download, without English interface
words. Screenshots in artifacts/screenshots/ (Korean needs fonts-noto-cjk, or the glyphs are boxes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser_support import (
    CHROMIUM,
    REPLY,
    ROOT,
    USER,
    AppServer,
    browser_page,
    click_and_wait,
    download_text,
    screenshot,
    send_chat,
    visible_exceptions,
    wait_idle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]

SHOTS = ROOT / "artifacts" / "screenshots"
QUESTION = "월급 통장을 옮기셨을 때 어떤 일이 있었는지 이야기해 주시겠어요?"
# Interface words that would give away an untranslated page (the Korean persona's own text has none of them).
ENGLISH = ["Practise a customer interview", "Your name", "Interview ", "Stay silent", "End interview", "Your brief",
           "Research goal", "Insights found", "Live coaching", "Score", "You stayed silent", "Interview report",
           "How to reach it", "Unreliable", "Question mix", "Turn by turn", "Talk and reflection", "Transcript",
           "Save this interview", "How scoring works", "Personas", "Report", "Drills", "Ask differently",
           "Interface language", "Communication style", "Open question", "Turns", "Coach"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("app-ko")
    # The fake embedder: this test is about the interface, not the models (tests/test_app_browser.py has those).
    app = AppServer(tmp / "streamlit.log", env={"INTERVIEW_SIM_DATA_DIR": str(tmp / "data"),
                                                 "INTERVIEW_SIM_EMBEDDER": "hashing"})
    try:
        app.wait_healthy(90)
        yield app
    finally:
        app.stop()


def english_in(text: str) -> list[str]:
    found = [word for word in ENGLISH if word in text]
    return found + re.findall(r"\bTurn \d+|\[silence\]", text)


def visible_text(page) -> str:
    text = page.locator("body").inner_text()
    # Chart axes and labels are drawn in SVG/canvas: read Vega's accessible text too.
    text += "\n" + page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text'))
                                         .map(t => t.textContent || '').join('\\n')""")
    return text


def test_korean_browser_gets_a_korean_interface_through_to_the_report(server):
    with browser_page(timeout_ms=120000, locale="ko-KR") as page:
        page.goto(server.url)
        page.get_by_role("heading", name="고객 인터뷰 연습하기").wait_for()
        wait_idle(page)
        assert not visible_exceptions(page)
        assert english_in(visible_text(page)) == []
        screenshot(page, SHOTS / "ko-01-gallery.png")

        page.get_by_role("button", name="한국어").click()  # the interview-language filter: Korean personas only
        wait_idle(page)
        name = page.get_by_label("이름", exact=True)
        name.fill("김민지")
        name.press("Enter")
        wait_idle(page)
        start = page.get_by_role("button", name=re.compile("지우 님 인터뷰하기|인터뷰하기"))
        click_and_wait(page, start.first, timeout_ms=180000)
        page.get_by_role("heading", name=re.compile("님과의 인터뷰")).wait_for()
        assert "lang=ko" in page.url  # a reload or a shared link keeps the language

        send_chat(page, QUESTION, timeout_ms=120000)
        click_and_wait(page, page.get_by_role("button", name="침묵하기"))
        assert "(침묵을 지켰습니다.)" in page.locator(USER).last.inner_text()
        assert page.locator(REPLY).count() >= 3
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert "찾은 인사이트" in sidebar and "점수" in sidebar
        assert english_in(visible_text(page)) == []
        screenshot(page, SHOTS / "ko-02-interview.png")

        click_and_wait(page, page.get_by_role("button", name="인터뷰 종료"), timeout_ms=60000)
        page.get_by_role("heading", name="인터뷰 리포트").wait_for()
        page.wait_for_function(
            """() => { const c = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
                 return c.length >= 2 && Array.from(c).every(e => e.querySelector('canvas, svg.marks')); }""")
        text = visible_text(page)
        assert english_in(text) == [], english_in(text)
        assert "점수가 매겨진 방식" in text and "대화 기록" in text
        screenshot(page, SHOTS / "ko-03-report.png")

        filename, content = download_text(page, page.get_by_role("button", name=re.compile("Markdown")))
        assert filename.endswith(".md")
        assert "님과의 인터뷰" in content and "## 대화 기록" in content and QUESTION in content
        assert not re.search(r"\*\*(Score|Trainee|Started|Ended):", content), content[:400]
        assert not visible_exceptions(page)
