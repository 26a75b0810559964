"""The "Score a transcript" page in headless Chromium with the real models: upload a Zoom VTT, score it, save it.

Screenshots land in /tmp/import_shots/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser_support import (
    browser_page,
    CHROMIUM,
    USER,
    AppServer,
    click_and_wait,
    screenshot,
    visible_exceptions,
    wait_idle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]

SHOTS = Path("/tmp/import_shots")
ZOOM = Path(__file__).parent / "fixtures" / "import" / "zoom.vtt"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("import-app")
    app = AppServer(tmp / "streamlit.log", env={"INTERVIEW_SIM_DATA_DIR": str(tmp / "data")})
    app.data_dir = tmp / "data"
    try:
        app.wait_healthy(90)
        yield app
    finally:
        app.stop()


@pytest.fixture
def page(server):
    with browser_page(timeout_ms=90000) as page:
        yield page


def test_browser_import_upload_score_save_download(server, page):
    from playwright.sync_api import expect

    page.goto(server.url + "score-a-transcript")
    wait_idle(page, 90000)
    expect(page.get_by_role("heading", name="Score a transcript")).to_be_visible()

    before = page.evaluate("window.__h.wsIn")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(ZOOM))
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before, timeout=30000, polling=20)
    wait_idle(page, 30000)
    expect(page.get_by_text("Read as WebVTT")).to_be_visible()
    speakers = page.locator('[data-testid="stTable"]').first
    expect(speakers).to_contain_text("Dana Whitfield")
    expect(speakers).to_contain_text("Interviewer")
    expect(speakers).to_contain_text("Marcus Lee")
    screenshot(page, SHOTS / "1-preview.png")

    # The first score may wait for the models to load.
    click_and_wait(page, page.get_by_role("button", name="Score the interview"), timeout_ms=180000)
    assert not visible_exceptions(page), visible_exceptions(page)
    expect(page.locator(USER)).to_have_count(11)
    expect(page.get_by_text("Waited 5.4 s before speaking: a silence.")).to_be_visible()
    expect(page.locator('[data-testid="stMetric"]').first).to_contain_text("Score")
    screenshot(page, SHOTS / "2-scored.png")

    with page.expect_download() as download:
        page.get_by_role("button", name="JSON", exact=True).click()
    scored = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert set(scored) == {"turns", "metrics"} and len(scored["turns"]) == 21
    assert all(t["label"] for t in scored["turns"] if t["role"] == "interviewer")

    click_and_wait(page, page.get_by_role("button", name="Save as a session"))
    assert not visible_exceptions(page), visible_exceptions(page)
    expect(page.get_by_text("Saved as session")).to_be_visible()
    expect(page.get_by_role("button", name="Save as a session")).to_have_count(0)
    screenshot(page, SHOTS / "3-saved.png")

    from simulator.store import Store

    store = Store(f"sqlite:///{server.data_dir / 'interview-sim.db'}")
    try:
        rows, total = store.list_sessions(source="imported")
        assert total == 1
        assert (rows[0].trainee, rows[0].turns, rows[0].score) == ("Dana Whitfield", 21, scored["metrics"]["score"])
    finally:
        store.close()


def test_browser_import_pasted_markup_stays_text(server, page):
    from playwright.sync_api import expect

    hostile = "<script>alert(1)</script> see [link](http://x) **now**"
    pasted = json.dumps([
        {"speaker": "<b>Mallory</b>", "text": f"{hostile} What do you think?"},
        {"speaker": "Customer [x](http://y)", "text": hostile},
        {"speaker": "<b>Mallory</b>", "text": "How did that go?"},
        {"speaker": "Customer [x](http://y)", "text": "Fine."},
    ])
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + "score-a-transcript")
    wait_idle(page, 90000)
    click_and_wait(page, page.get_by_text("Paste the text"))
    box = page.locator('[data-testid="stTextArea"] textarea')
    box.fill(pasted)
    before = page.evaluate("window.__h.wsIn")
    box.press("Control+Enter")
    page.wait_for_function("(b) => window.__h.wsIn > b", arg=before, timeout=30000, polling=20)
    wait_idle(page, 30000)
    click_and_wait(page, page.get_by_role("button", name="Score the interview"), timeout_ms=180000)
    assert not visible_exceptions(page), visible_exceptions(page)
    main = page.locator(".stMain")
    expect(main.get_by_text("<b>Mallory</b>").first).to_be_visible()
    bubbles = main.locator('[data-testid="stChatMessage"]')
    expect(bubbles.get_by_text(f"{hostile} What do you think?", exact=True)).to_be_visible()
    assert main.locator("b, script, a[href='http://x'], a[href='http://y']").count() == 0
    screenshot(page, SHOTS / "4-markup.png")
    assert not dialogs
