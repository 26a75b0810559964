"""Staying signed in, in headless Chromium against ``python -m app_pages.server`` (which serves the cookie routes):
a passcode sign-in survives a reload, in an HttpOnly, SameSite=Lax cookie; after Sign out a reload shows the
sign-in page, and the old cookie, put back as a copy, no longer signs anyone in.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_support import (
    CHROMIUM,
    AppServer,
    browser_page,
    click_and_wait,
    visible_exceptions,
    wait_idle,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]

PASSCODE = "ana's long passcode"
COOKIE = "interview_sim_session"


class LauncherServer(AppServer):
    """AppServer, started the way scripts/start.sh starts the app: ``python -m app_pages.server``."""

    COMMAND = ("-m", "app_pages.server")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from simulator.identity import hash_passcode

    tmp = tmp_path_factory.mktemp("session-cookie")
    users = tmp / "users.toml"
    users.write_text(f'[users.ana]\nname = "Ana Souza"\nrole = "trainee"\nteam = "north"\n'
                     f'passcode = "{hash_passcode(PASSCODE, iterations=1000)}"\n', encoding="utf-8")
    app = LauncherServer(tmp / "streamlit.log", env={
        "INTERVIEW_SIM_DATABASE_URL": f"sqlite:///{tmp / 'app.db'}", "INTERVIEW_SIM_USERS_FILE": str(users),
        "INTERVIEW_SIM_EMBEDDER": "hashing", "INTERVIEW_SIM_DATA_DIR": str(tmp / "data"),
    })
    try:
        app.wait_healthy(90)
        yield app, tmp
    finally:
        app.stop()


def session_cookies(page) -> list[dict]:
    return [c for c in page.context.cookies() if c["name"] == COOKIE]


def signed_in(page) -> bool:
    return page.get_by_text("Signed in as").count() > 0 and page.get_by_role("heading", name="Sign in",
                                                                             exact=True).count() == 0


def test_passcode_sign_in_survives_a_reload_until_sign_out(server):
    app, tmp = server
    with browser_page(timeout_ms=60000) as page:
        page.goto(app.url)
        page.get_by_role("heading", name="Sign in", exact=True).wait_for()
        wait_idle(page, 120000)
        assert "You stay signed in on this browser for 12 hours" in page.locator(".stMain").inner_text()
        page.locator(".st-key-account_login input").fill("ana")
        page.locator(".st-key-account_passcode input").fill(PASSCODE)
        click_and_wait(page, page.get_by_role("button", name="Sign in"), timeout_ms=120000)
        page.get_by_text("Signed in as").wait_for()
        # The page posts its one-time code; the server answers with the cookie.
        for _ in range(100):
            if session_cookies(page):
                break
            page.wait_for_timeout(100)
        [cookie] = session_cookies(page)
        assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax" and cookie["secure"] is False
        assert cookie["path"] == "/" and cookie["expires"] > 0  # kept across browser restarts, until it expires
        assert PASSCODE not in cookie["value"] and cookie["value"] not in page.content()
        assert page.evaluate("document.cookie").find(COOKIE) == -1  # no script on the page can read it
        token = cookie["value"]

        page.reload()
        wait_idle(page, 120000)
        page.get_by_text("Signed in as").wait_for()
        assert signed_in(page) and "Ana Souza" in page.locator(".stMain").inner_text()
        assert not visible_exceptions(page)

        # A new tab of the same browser: signed in too.
        other = page.context.new_page()
        other.goto(app.url)
        other.get_by_text("Signed in as").wait_for()
        other.close()

        click_and_wait(page, page.get_by_role("button", name="Sign out"), timeout_ms=120000)
        page.get_by_role("heading", name="Sign in", exact=True).wait_for()
        for _ in range(100):
            if not session_cookies(page):
                break
            page.wait_for_timeout(100)
        assert not session_cookies(page)
        page.reload()
        page.get_by_role("heading", name="Sign in", exact=True).wait_for()
        wait_idle(page, 120000)
        assert not signed_in(page)

        # A copy of the cookie taken before the sign-out: revoked on the server, so it signs nobody in.
        page.context.add_cookies([{"name": COOKIE, "value": token, "url": app.url, "httpOnly": True,
                                   "sameSite": "Lax"}])
        page.reload()
        page.get_by_role("heading", name="Sign in", exact=True).wait_for()
        wait_idle(page, 120000)
        assert not signed_in(page)
        assert not visible_exceptions(page)
    # The secret was generated once, into the data folder, readable only by the server's user.
    secret = tmp / "data" / "session-secret"
    assert secret.exists() and secret.stat().st_mode & 0o077 == 0
