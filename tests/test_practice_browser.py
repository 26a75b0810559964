"""The practice features in the real app with the real models, in headless Chromium: rewind and branch, drills
from your own mistakes, a discussion guide coached before the interview. Screenshots in artifacts/screenshots/."""

from __future__ import annotations

import re
import time

import pytest

from tests.browser_support import (
    CHROMIUM,
    REPLY,
    ROOT,
    AppServer,
    browser_page,
    click_and_wait,
    screenshot,
    send_chat,
    visible_exceptions,
    wait_idle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not __import__("pathlib").Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]

SHOTS = ROOT / "artifacts" / "screenshots"
OPEN_Q = "Tell me about your work at the school."
LEADING_Q = "Don't you think the delivery fees were too expensive?"
FOLLOW_Q = "What happened after that?"
INSTEAD_Q = "Walk me through how you keep track of the household money."
CLOSED_Q = "Do you cook for your family every night?"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("practice")
    app = AppServer(tmp / "streamlit.log", env={"INTERVIEW_SIM_DATA_DIR": str(tmp / "data")})
    try:
        app.wait_healthy(90)
        yield app
    finally:
        app.stop()


@pytest.fixture
def page(server):
    # Generous: the first step that needs the models waits for them to load (minutes on a busy 2-core runner).
    with browser_page(timeout_ms=300000) as page:
        yield page


def check(page) -> None:
    assert not visible_exceptions(page), visible_exceptions(page)


def sign_in_and_interview_maria(server, page, name: str) -> None:
    page.goto(server.url)
    page.get_by_role("heading", name="Practise a customer interview").wait_for()
    wait_idle(page)
    box = page.get_by_label("Your name", exact=True)
    box.fill(name)
    before = page.evaluate("window.__h.wsIn")
    box.press("Enter")
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before)
    wait_idle(page)
    # The first interview after a server start waits for the models.
    click_and_wait(page, page.get_by_role("button", name="Interview Maria"), timeout_ms=600000)
    page.get_by_role("heading", name=re.compile("Interview with Maria")).wait_for(timeout=600000)


def nav(page, name: str) -> None:
    click_and_wait(page, page.get_by_test_id("stTopNav").get_by_role("link", name=name))


def test_practice_browser_rewind_to_turn_3_and_compare(server, page):
    sign_in_and_interview_maria(server, page, "Branch Tester")
    for question in (OPEN_Q, LEADING_Q, FOLLOW_Q):
        send_chat(page, question, timeout_ms=300000)
    click_and_wait(page, page.get_by_role("button", name="End interview"))
    page.get_by_role("heading", name="Interview report").wait_for()
    check(page)

    # Rewind to turn 3 (the leading question) from the finished interview's report.
    reask = page.locator(".st-key-reask-3").get_by_role("button", name="Ask differently").first
    reask.scroll_into_view_if_needed()
    click_and_wait(page, reask, timeout_ms=120000)
    page.get_by_role("heading", name=re.compile("Interview with Maria")).wait_for()
    banner = page.get_by_text("You went back to turn 3")
    banner.wait_for()
    assert LEADING_Q in page.locator(".stMain").inner_text()
    # The banner can show before the kept messages are drawn (seen once under load): wait for them, then count.
    page.locator(REPLY).nth(1).wait_for(timeout=120000)
    assert page.locator(REPLY).count() == 2  # the opening line and the reply to turn 1, as they were
    check(page)

    # Ask an open question instead, end, compare.
    send_chat(page, INSTEAD_Q, timeout_ms=300000)
    screenshot(page, SHOTS / "practice-01-branch-interview.png")
    click_and_wait(page, page.get_by_role("button", name="End interview"))
    page.get_by_role("heading", name="Interview report").wait_for()
    click_and_wait(page, page.get_by_role("button", name="Compare with the original"))
    page.get_by_role("heading", name="Compare: asked differently").wait_for()
    check(page)
    drew_out = page.locator(".st-key-drew-out").inner_text()
    # The new question reached a topic layer; the leading one drew out nothing new.
    new_part, old_part = drew_out.split("the old one", 1)
    assert INSTEAD_Q in new_part and re.search(r"reached .+\((surface|detail|deep)\)", new_part), drew_out
    assert LEADING_Q in old_part and "nothing new" in old_part, drew_out
    table = page.locator('[data-testid="stTable"]').inner_text()
    assert "Leading question" in table and "Open question" in table
    screenshot(page, SHOTS / "practice-02-compare.png")


def test_practice_browser_drills_from_own_flagged_questions_graded_instantly(server, page):
    sign_in_and_interview_maria(server, page, "Drill Tester")
    send_chat(page, LEADING_Q, timeout_ms=300000)
    send_chat(page, CLOSED_Q, timeout_ms=300000)
    click_and_wait(page, page.get_by_role("button", name="End interview"))
    page.get_by_role("heading", name="Interview report").wait_for()
    nav(page, "Drills")
    page.get_by_role("heading", name="Drills").wait_for()
    check(page)
    body = page.locator(".stMain").inner_text()
    assert LEADING_Q in body and CLOSED_Q in body
    assert "team's question bank" not in body
    # The newest flagged question first (the closed one): an open, on-topic version.
    first = page.locator(".st-key-drill-0")
    assert CLOSED_Q in first.inner_text()
    answer = first.get_by_label("Your better version")
    answer.fill("What do you cook for your family on a normal weeknight?")
    started = time.perf_counter()
    click_and_wait(page, first.get_by_role("button", name="Check"))
    page.locator(".st-key-drill-result-0").get_by_text("Keeps the topic").wait_for()
    graded_s = time.perf_counter() - started
    result = page.locator(".st-key-drill-result-0").inner_text()
    assert "Better" in result and "Keeps the topic" in result, result
    assert graded_s < 30, graded_s
    assert page.get_by_test_id("stMetric").first.inner_text().strip().endswith("1")
    # A rewrite that still leads is not good, and the scorer's rewrite shows as the hint.
    second = page.locator(".st-key-drill-1")
    second.get_by_label("Your better version").fill("The delivery fees were too high, weren't they?")
    click_and_wait(page, second.get_by_role("button", name="Check"))
    page.locator(".st-key-drill-result-1").get_by_text("Hint").wait_for()
    result = page.locator(".st-key-drill-result-1").inner_text()
    assert "Not yet" in result and "Hint" in result, result
    check(page)
    screenshot(page, SHOTS / "practice-03-drills.png")


def test_practice_browser_guide_flags_leading_and_pitch_and_the_order(server, page):
    page.goto(server.url + "guide")
    page.get_by_role("heading", name="Discussion guide").wait_for()
    wait_idle(page)
    select = page.get_by_label("Who you will interview")
    select.click()
    page.get_by_role("option", name=re.compile("Maria Lindqvist")).click()
    wait_idle(page)
    guide = ("# Opening\n"
             "- We're building an app that plans your weekly shop. Would you use it?\n"
             f"- {LEADING_Q}\n"
             "- Tell me about your week.\n"
             "# The problem\n"
             "- What was the hardest part of your last weekly shop?\n")
    area = page.get_by_label("Your questions")
    area.fill(guide)
    before = page.evaluate("window.__h.wsIn")
    area.press("Control+Enter")  # commits the text (as leaving the box would)
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before)
    wait_idle(page)
    click_and_wait(page, page.get_by_role("button", name="Check my guide"), timeout_ms=300000)
    main = page.locator(".stMain")
    try:
        main.get_by_role("heading", name="The order").wait_for()  # after the models have loaded
    finally:
        screenshot(page, SHOTS / "practice-04-guide.png")
    body = main.inner_text()
    assert "talks about a solution or pitch before you ask about the problem (Q4)" in body, body
    assert "Leading question" in page.locator(".st-key-guide-item-2").inner_text()
    assert "Pitch" in page.locator(".st-key-guide-item-1").inner_text()
    check(page)
