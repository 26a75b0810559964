"""The real app with the real models, driven in headless Chromium the way a trainee uses it.

Screenshots of every page land in artifacts/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser_support import (
    browser_page,
    CHROMIUM,
    REPLY,
    ROOT,
    USER,
    AppServer,
    click_and_wait,
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
OPEN_Q = "Tell me about the last time you ordered from BasketRun."
LEADING_Q = "Don't you think the delivery slots are too early for you?"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("app")
    app = AppServer(tmp / "streamlit.log", env={"INTERVIEW_SIM_DATA_DIR": str(tmp / "data")})
    try:
        app.wait_healthy(90)
        yield app
    finally:
        app.stop()


@pytest.fixture
def page(server):
    with browser_page(timeout_ms=60000) as page:
        yield page


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def check(page) -> None:
    assert not visible_exceptions(page), visible_exceptions(page)


def test_app_browser_interview_from_gallery_to_report(server, page):
    page.goto(server.url)
    page.get_by_role("heading", name="Practise a customer interview").wait_for()
    wait_idle(page)
    check(page)
    screenshot(page, SHOTS / "01-gallery.png")

    name = page.get_by_label("Your name", exact=True)
    name.fill("Browser Test")
    before = page.evaluate("window.__h.wsIn")
    name.press("Enter")
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before)
    wait_idle(page)
    # Let the start-up warm-up finish first (its progress bar leaves the gallery), so the timings below are the
    # warm ones; tests/test_practice_browser.py starts its first interview while the models still load.
    page.get_by_text("Getting the interviews ready").wait_for(state="detached", timeout=240000)
    wait_idle(page)
    maria = page.get_by_role("button", name="Interview Maria")
    assert maria.is_enabled()
    click_and_wait(page, maria, timeout_ms=120000)  # the first interview may wait for the models
    # The first interview after a start loads the models and Maria's topic index: minutes on a busy machine.
    page.get_by_role("heading", name=re.compile("Interview with Maria")).wait_for(timeout=240000)
    page.locator('[data-testid="stChatInputTextArea"]').wait_for(timeout=240000)
    assert "trainee=Browser+Test" in page.url and "sid=" in page.url
    check(page)

    # An open question: a reply, and its label under the question.
    timing = send_chat(page, OPEN_Q)
    assert timing["reply"]
    users = page.locator(USER)
    assert OPEN_Q in users.last.inner_text()
    assert "✓ Open question" in users.last.inner_text()
    check(page)

    # Stay silent: a silence turn, and the persona goes on.
    replies_before = page.locator(REPLY).count()
    click_and_wait(page, page.get_by_role("button", name="Stay silent"))
    assert page.locator(REPLY).count() == replies_before + 1
    assert page.locator(REPLY).last.inner_text().strip()
    assert "You stayed silent" in users.last.inner_text()
    check(page)

    # A leading question: the flag and the suggested rewrite.
    send_chat(page, LEADING_Q)
    coaching = users.last.inner_text()
    assert "⚠ Leading question" in coaching, coaching
    assert "Try instead" in coaching, coaching
    check(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Insights found:" in sidebar and "Score" in sidebar
    screenshot(page, SHOTS / "02-interview.png")

    # A reload keeps the interview: the URL carries the trainee and the session.
    page.reload()
    page.get_by_role("heading", name=re.compile("Interview with Maria")).wait_for()
    wait_idle(page)
    assert page.locator(USER).count() == 3
    assert OPEN_Q in page.locator(USER).first.inner_text()
    check(page)

    # End the interview: the report with its charts, and a Markdown download.
    click_and_wait(page, page.get_by_role("button", name="End interview"))
    page.get_by_role("heading", name="Interview report").wait_for()
    page.wait_for_function(
        """() => { const c = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
             return c.length >= 2 && Array.from(c).every(e => e.querySelector('canvas, svg.marks')); }""")
    body = page.locator(".stMain").inner_text()
    assert "Score" in body and "Insights" in body
    check(page)
    screenshot(page, SHOTS / "03-report.png")

    # A found insight links to the turn that revealed it.
    link = page.locator('.stMain a[href^="#turn-"]').first
    target = link.get_attribute("href")[1:]
    link.click()
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()

    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("Markdown")).click()
    download = info.value
    content = Path(download.path()).read_text(encoding="utf-8")
    assert download.suggested_filename.endswith(".md")
    assert "Maria" in content and OPEN_Q in content

    # The top bar folds its last pages into "N more" on a 1280-px window: open the page from its address.
    page.goto(server.url.rstrip("/") + "/how-scoring-works")
    page.get_by_role("heading", name=re.compile("How scoring works")).first.wait_for()
    check(page)
    screenshot(page, SHOTS / "04-how-scoring-works.png")
