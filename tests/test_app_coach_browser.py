"""The coach pages in the real app, driven in headless Chromium: a shared link to a session asks for the coach
passcode first, then the coach overrides a label with a comment, sees kappa move and exports Markdown.

Screenshots land in /tmp/coach_shots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.store import Store
from tests.browser_support import (
    browser_page,
    CHROMIUM,
    AppServer,
    click_and_wait,
    click_dataframe_row,
    download_text,
    screenshot,
    visible_exceptions,
    wait_idle,
)
from tests.test_app_coach import XSS, _session

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]

SHOTS = Path("/tmp/coach_shots")
PASSCODE = "browser-test passcode"
COACH = "Jo Rivera"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("coach")
    url = f"sqlite:///{tmp / 'coach.db'}"
    with Store(url) as store:
        ana = _session(store, "Ana", "maria", days_ago=2, score=72, reply=XSS)
        _session(store, "Ben", "tess", days_ago=1, score=40, source="imported")
        # Another coach's verdicts: (open, open), (leading, leading), (closed -> open): kappa 0.50.
        store.annotate(ana, 1, "Sam Other", confirm=True)
        store.annotate(ana, 3, "Sam Other", confirm=True)
        store.annotate(ana, 5, "Sam Other", label="open", comment="Fine in context.")
    return {"tmp": tmp, "url": url, "ana": ana}


@pytest.fixture(scope="module")
def server(seeded):
    tmp = seeded["tmp"]
    app = AppServer(tmp / "streamlit.log", env={
        "INTERVIEW_SIM_DATABASE_URL": seeded["url"],
        "INTERVIEW_SIM_COACH_PASSCODE": PASSCODE,
        "INTERVIEW_SIM_EMBEDDER": "hashing",  # the pages warm the engine up; the fake keeps that cheap
        "INTERVIEW_SIM_DATA_DIR": str(tmp / "data"),
    })
    try:
        app.wait_healthy(90)
        yield app
    finally:
        app.stop()


@pytest.fixture
def page(server):
    with browser_page(timeout_ms=60000) as page:
        # A coach's 1920-px screen: the top bar has room for every section (at 1280 px "Coach" folds into "N more").
        page.set_viewport_size({"width": 1920, "height": 1000})
        yield page


def check(page) -> None:
    assert not visible_exceptions(page), visible_exceptions(page)


def open_coach_menu(page, item: str) -> None:
    page.get_by_test_id("stTopNav").get_by_text("Coach", exact=True).click()
    click_and_wait(page, page.get_by_role("menuitem", name=item))


def kappa_shown(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text="Cohen's κ")
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def test_app_coach_browser_review_override_agreement_export(server, seeded, page):
    sid = seeded["ana"]
    main = page.locator(".stMain")

    # A shared link to a session: without the role it shows the sign-in, never the session.
    page.goto(f"{server.url}coach-session?session={sid}")
    page.get_by_role("heading", name="Coach sign-in").wait_for()
    wait_idle(page)
    assert "Maria Tester" not in main.inner_text()
    check(page)

    name = page.locator(".st-key-coach_name input")
    code = page.locator(".st-key-coach_passcode input")
    name.fill(COACH)
    code.fill("not the passcode")
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    assert "That passcode is wrong" in main.inner_text()
    assert code.input_value() == "" and "not the passcode" not in page.content()
    screenshot(page, SHOTS / "01-sign-in-refused.png")

    code.fill(PASSCODE)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    page.get_by_role("heading", name="Maria Tester · Ana").wait_for()
    wait_idle(page)
    assert f"session={sid}" in page.url  # the link's page, after signing in
    check(page)
    # The persona's words are text: no script, image or javascript: link made it into the page.
    assert "<script>alert('x')</script>" in main.inner_text()
    assert page.locator("img[src='x'], a[href^='javascript']").count() == 0
    assert page.evaluate("() => Array.from(document.scripts).some(s => s.text.includes(\"alert('x')\"))") is False

    # Agreement before: kappa 0.50 from the other coach's three verdicts.
    open_coach_menu(page, "Agreement")
    page.get_by_role("heading", name="Coach–scorer agreement").wait_for()
    wait_idle(page)
    assert kappa_shown(page) == "0.50"
    assert "moderate agreement" in main.inner_text()

    # The list: open Ana's session by clicking its row (newest first: Ben, then Ana).
    open_coach_menu(page, "Sessions")
    page.get_by_role("heading", name="Sessions").wait_for()
    wait_idle(page)
    check(page)
    screenshot(page, SHOTS / "02-sessions.png")
    click_dataframe_row(page, page.get_by_test_id("stDataFrame"), 1)
    page.get_by_role("heading", name="Maria Tester · Ana").wait_for()
    wait_idle(page)

    # Override the scorer's "leading" on turn 3 with "closed", with a comment.
    turn = page.locator(".st-key-review-3")
    turn.get_by_role("button").first.click()
    body = page.get_by_test_id("stPopoverBody")
    body.wait_for()
    body.get_by_role("combobox").click()
    page.get_by_role("option", name=re.compile(r"Change to: .*Closed question")).click()
    body.get_by_label("Comment").fill("It can be answered with a yes <b>or</b> no.")
    page.screenshot(path=str(SHOTS / "03-review.png"))  # the viewport: a full-page shot moves the popover
    click_and_wait(page, body.get_by_role("button", name="Save"))
    transcript = main.inner_text()
    assert f"Coach {COACH}" in transcript and "⚠ Closed question (override)" in transcript
    assert "Changed from the scorer's Leading question." in transcript
    assert "It can be answered with a yes <b>or</b> no." in transcript
    assert "⚠ Leading question" in transcript  # the scorer's badge is still there
    check(page)
    page.keyboard.press("Escape")
    screenshot(page, SHOTS / "04-session-after-review.png")

    # Export Markdown: the override and its comment are in it, the transcript escaped.
    file_name, markdown = download_text(page, page.get_by_role("button", name="Markdown"))
    assert file_name.endswith(".md") and sid[:8] in file_name
    assert f"Coach {COACH}: closed \\(override\\) — It can be answered with a yes &lt;b&gt;or&lt;/b&gt; no." in markdown
    assert "&lt;script&gt;" in markdown and "<script>" not in markdown

    # Agreement after: one more pair (leading, closed), so kappa moves.
    with Store(seeded["url"]) as store:
        expected = store.agreement()
    assert expected["n"] == 4
    open_coach_menu(page, "Agreement")
    page.get_by_role("heading", name="Coach–scorer agreement").wait_for()
    page.wait_for_function("""() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
                                 .every(c => c.querySelector('canvas, svg.marks'))""")
    wait_idle(page)
    assert kappa_shown(page) == f"{expected['kappa']:.2f}" != "0.50"
    check(page)
    screenshot(page, SHOTS / "05-agreement.png")

    open_coach_menu(page, "Progress")
    page.get_by_role("heading", name="Progress").wait_for()
    wait_idle(page)
    check(page)
    screenshot(page, SHOTS / "06-progress.png")

    # Signing out takes the coach pages away again.
    click_and_wait(page, page.get_by_role("button", name="Sign out"))
    page.get_by_role("heading", name="Coach sign-in").wait_for()
    page.get_by_test_id("stTopNav").get_by_text("Coach", exact=True).click()
    page.get_by_role("menuitem").first.wait_for()
    items = [t.strip().splitlines()[-1] for t in page.get_by_role("menuitem").all_inner_texts()]
    assert items == ["Coach sign-in"]


# The coaching loop for a team, signed in as two trainees and a coach ---------------------------------------

TEAM_CODES = {"ana": "ana passcode 1", "ben": "ben passcode 2", "jo": "jo coach passcode"}
TEAM_USERS = {"ana": ("Ana Souza", "trainee"), "ben": ("Ben Okafor", "trainee"), "jo": ("Jo Rivera", "coach")}
ZOOM = Path(__file__).parent / "fixtures" / "import" / "zoom.vtt"


@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    import hashlib

    from simulator.identity import hash_passcode
    from tests.test_app_coach_review import imported_session

    tmp = tmp_path_factory.mktemp("team")
    url = f"sqlite:///{tmp / 'team.db'}"
    users = tmp / "users.toml"
    users.write_text("".join(
        f'[users.{login}]\nname = "{name}"\nrole = "{role}"\nteam = "north"\n'
        f'passcode = "{hash_passcode(TEAM_CODES[login], iterations=1000)}"\n\n'
        for login, (name, role) in TEAM_USERS.items()), encoding="utf-8")
    with Store(url) as store:
        for name in ("Ana Souza", "Ben Okafor"):
            store.set_trainee_team(name, "north")
        ids = {"ana": imported_session(store, "Ana Souza", turns=100),
               "ben": _session(store, "Ben Okafor", "tess", days_ago=1, score=40, reply="Ben's private answer")}
        # Ana saved this recording before (another tab, before a restart): saving it again is refused.
        zoom = ZOOM.read_bytes()
        transcript = store.load(ids["ana"])
        ids["zoom"] = store.start_session("Ana Souza", transcript, content_hash=hashlib.sha256(zoom).hexdigest())
    app = AppServer(tmp / "streamlit.log", env={
        "INTERVIEW_SIM_DATABASE_URL": url, "INTERVIEW_SIM_USERS_FILE": str(users),
        "INTERVIEW_SIM_EMBEDDER": "hashing", "INTERVIEW_SIM_DATA_DIR": str(tmp / "data"),
    })
    try:
        app.wait_healthy(90)
        yield app, url, ids
    finally:
        app.stop()


def account_sign_in(page, login: str) -> None:
    page.locator(".st-key-account_login input").fill(login)
    page.locator(".st-key-account_passcode input").fill(TEAM_CODES[login])
    click_and_wait(page, page.get_by_role("button", name="Sign in"), timeout_ms=120000)


def press_and_wait(page, key: str) -> None:
    before = page.evaluate("window.__h.wsIn")
    page.keyboard.press(key)
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before, timeout=120000, polling=20)
    wait_idle(page, 120000)


def wait_for_count(locator, left: int, timeout_s: float = 120.0) -> None:
    """Until ``locator`` says "<left> not reviewed yet" (a rerun under load can land after the websocket goes idle
    once); fails with what it says instead."""
    import time

    pattern = re.compile(rf"(?<!\d){left} not reviewed yet")
    deadline = time.monotonic() + timeout_s
    while not pattern.search(text := locator.inner_text()):
        assert time.monotonic() < deadline, f"{left} not reviewed yet: not in {text!r}"
        time.sleep(0.2)


def test_app_coach_browser_team_loop(team_server):
    server, url, ids = team_server
    sid = ids["ana"]
    # The coach opens a shared link to Ana's 100-turn import: sign-in first, then that session.
    with browser_page(timeout_ms=60000) as page:
        main = page.locator(".stMain")
        page.goto(f"{server.url}coach-session?session={sid}")
        page.get_by_role("heading", name="Coach sign-in").wait_for()
        wait_idle(page, 120000)
        account_sign_in(page, "jo")
        page.get_by_role("heading", name="Zoom call · Ana Souza").wait_for()
        wait_idle(page, 120000)
        check(page)
        body = main.inner_text()
        assert "Waited 5.2 s before speaking: a silence." in body and "Insights found" not in body
        assert "Dana · " in body and "Marcus" in body  # speakers and times, as the import page shows them
        # Only leading and closed questions: 25 of the 50.
        filters = page.locator(".st-key-coach_turn_labels")
        click_and_wait(page, filters.locator("button", has_text="Leading question"), timeout_ms=120000)
        click_and_wait(page, filters.locator("button", has_text="Closed question"), timeout_ms=120000)
        focus = page.locator(".st-key-coach-focus")
        assert "25 not reviewed yet" in focus.inner_text()
        scrolled = page.evaluate("() => document.querySelector('.stMain').scrollTop")
        # The first one: a different label, with a comment for Ana.
        focus.get_by_label("Comment for the trainee (optional)").fill("Ask it without the answer in it.")
        focus.get_by_role("combobox").click()
        page.get_by_role("option", name="✓ Open question").click()
        page.wait_for_timeout(300)
        wait_idle(page, 120000)
        click_and_wait(page, focus.get_by_role("button", name="Save the change"), timeout_ms=120000)
        # The other 24: one key each, A (agree), with no scrolling through the rest.
        for left in range(24, 0, -1):
            wait_for_count(focus, left)
            page.locator("h1").first.click()  # nothing typed anywhere: the key goes to the page
            press_and_wait(page, "a")
        wait_for_count(focus, 0)
        assert page.evaluate("() => document.querySelector('.stMain').scrollTop") == scrolled
        check(page)
        screenshot(page, SHOTS / "07-review-panel.png")
    with Store(url) as store:
        wanted = {t.index for t in store.load(sid).turns if t.label in ("leading", "closed")}
        verdicts = {n["turn"]: n for n in store.annotations(sid)["turns"] if n["coach"] == "Jo Rivera"}
    assert set(verdicts) == wanted
    assert sum(1 for v in verdicts.values() if v["confirmed"]) == 24

    # Ana: the coach's comment on her report, marked new; nothing of Ben's anywhere she can reach.
    with browser_page(timeout_ms=60000) as page:
        main = page.locator(".stMain")
        page.goto(server.url)
        page.get_by_role("heading", name="Sign in").wait_for()
        wait_idle(page, 120000)
        account_sign_in(page, "ana")
        page.get_by_text("Your coach left feedback").wait_for()
        click_and_wait(page, page.locator(f".st-key-feedback-{sid} button"), timeout_ms=120000)
        page.get_by_role("heading", name="Interview report").wait_for()
        wait_idle(page, 120000)
        report = main.inner_text()
        assert "From your coach" in report and "Ask it without the answer in it." in report
        assert "the coach’s label" in report
        check(page)
        screenshot(page, SHOTS / "08-trainee-report-feedback.png")
        for address in (f"report?sid={ids['ben']}", f"interview?sid={ids['ben']}",
                        f"report?sid={ids['ben']}&trainee=Ben+Okafor", f"coach-session?session={ids['ben']}",
                        f"coach?coach_f_trainee=Ben+Okafor"):
            # A reload asks for the passcode again: sign in at the link, then see what it opens.
            page.goto(server.url + address)
            wait_idle(page, 120000)
            account_sign_in(page, "ana")
            text = main.inner_text()
            signed_in = page.get_by_role("heading", name="Sign in", exact=True).count() == 0
            assert signed_in or "not a coach's" in text, address
            assert "Ben's private answer" not in text and "Ben Okafor" not in text, address
            assert page.get_by_role("button", name="Markdown").count() == 0, address
            check(page)
        # The same recording again: refused, with a way to the saved session.
        page.goto(server.url + "score-a-transcript")
        wait_idle(page, 120000)
        account_sign_in(page, "ana")
        page.get_by_role("heading", name="Score a transcript").wait_for()
        wait_idle(page, 120000)
        page.locator("input[type=file]").set_input_files(str(ZOOM))
        page.get_by_role("button", name="Score the interview").wait_for()
        wait_idle(page, 120000)
        click_and_wait(page, page.get_by_role("button", name="Score the interview"), timeout_ms=120000)
        page.get_by_text("This file is already saved as session").wait_for()
        assert page.get_by_role("button", name="Save as a session").count() == 0
        assert page.get_by_role("button", name="Open its report").count() == 1
        check(page)
    with Store(url) as store:
        assert store.list_sessions(source="imported")[1] == 2  # the 100-turn one and the zoom file, once
