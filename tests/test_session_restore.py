"""Staying signed in, in the app (AppTest, no browser): after a passcode sign-in the page asks the browser to store
the session cookie; a new browser session with that cookie is signed in again; Sign out revokes it, in this tab
and every other tab that took its identity from it; a changed passcode or account, a forged or unknown cookie
signs nobody in. The browser's part (the page's script posting the code, the cookie jar) is played by Starlette's
test client against the launcher's real routes."""

from __future__ import annotations

import re

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from app_pages import browser_session, common, server
from simulator.identity import hash_passcode
from tests.test_app_coach import (  # noqa: F401  (fixtures)
    COACH, PASSCODE, app, coach_env, sign_in, store, texts, titles, unreachable,
)
from tests.test_app_coach_review import SECRETS, account_sign_in, make_app

COACH_COOKIE, ACCOUNT_COOKIE = browser_session.COOKIES["coach"], browser_session.COOKIES["account"]


class Browser:
    """One browser: its cookie jar, and what its pages' script does with a waiting code."""

    def __init__(self) -> None:
        self.client = TestClient(Starlette(routes=server.auth_routes("")), base_url="http://app.test")

    def cookie(self, name: str) -> str | None:
        return self.client.cookies.get(name)

    def run_page_script(self, at) -> int:
        """Post every code the page shows, as its script would; the number posted."""
        posted = 0
        for html in at.get("html"):
            for call in re.findall(r'"url": "([^"]+)", "code": "([^"]+)"', html.proto.body):
                answer = self.client.post(call[0], json={"code": call[1]},
                                          headers={browser_session.HEADER: "1", "Origin": "http://app.test"})
                assert answer.json() == {"ok": True}
                posted += 1
        return posted


@pytest.fixture(autouse=True)
def browser(tmp_path, monkeypatch):
    """The routes are served (as under python -m app_pages.server); the data folder is the test's own."""
    monkeypatch.setenv("INTERVIEW_SIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(browser_session, "ROUTES_INSTALLED", True)
    monkeypatch.setattr(browser_session, "_built", None)
    found = Browser()
    # st.context.cookies: what the browser sent when this browser session connected.
    monkeypatch.setattr(browser_session, "_cookie", found.cookie)
    return found


def test_a_coach_passcode_sign_in_is_kept_by_the_browser_and_restored_in_a_new_tab(app, store, browser):
    at = sign_in(app(store))
    assert titles(at) == ["Sessions"]
    page = "\n".join(h.proto.body for h in at.get("html"))
    assert "/_auth/session" in page and PASSCODE not in page
    assert browser.run_page_script(at) == 1
    token = browser.cookie(COACH_COOKIE)
    assert token and token not in page
    at.run()
    assert not at.get("html")  # the code was used: the script is gone from the page

    tab = app(store)  # a reload, or a new tab: a new browser session, the cookie sent with it
    assert not unreachable(tab)
    tab.switch_page(common.COACH_SESSIONS).run()
    assert titles(tab) == ["Sessions"] and f"Signed in as **{COACH}**" in tab.sidebar.markdown[0].value


def test_sign_out_revokes_the_cookie_here_and_in_tabs_restored_from_it(app, store, browser):
    first = sign_in(app(store))
    browser.run_page_script(first)
    token = browser.cookie(COACH_COOKIE)
    second = app(store)
    second.switch_page(common.COACH_SESSIONS).run()
    assert titles(second) == ["Sessions"]

    second.button(key="coach_sign_out").click().run()
    assert titles(second) == ["Coach sign-in"] and unreachable(second)
    assert browser.run_page_script(second) == 1
    assert browser.cookie(COACH_COOKIE) is None  # cleared
    # The tab keeps the cookie it connected with, and reruns: it stays signed out.
    browser.client.cookies.set(COACH_COOKIE, token)
    second.run()
    assert unreachable(second)
    # The first tab took its identity from the same token: signed out on its next run.
    first.run()
    assert unreachable(first)
    # A copy of the cookie signs nobody in.
    assert unreachable(app(store))


def test_a_changed_coach_passcode_ends_the_kept_sign_in(app, store, browser, monkeypatch):
    browser.run_page_script(sign_in(app(store)))
    assert not unreachable(app(store))
    monkeypatch.setenv("INTERVIEW_SIM_COACH_PASSCODE", "a new passcode for the coaches")
    assert unreachable(app(store))


@pytest.mark.parametrize("cookie", ["", "junk", "a.b", "x" * 5000, "eyJ2IjoxfQ.c2lnbmF0dXJl"])
def test_a_forged_or_broken_cookie_signs_nobody_in_and_raises_nothing(app, store, browser, cookie):
    browser.client.cookies.set(COACH_COOKIE, cookie)
    browser.client.cookies.set(ACCOUNT_COOKIE, cookie)
    at = app(store)
    assert unreachable(at) and not at.exception
    assert titles(make_app(store, SECRETS)) == ["Sign in"]


def test_an_account_sign_in_is_restored_until_the_account_or_its_passcode_changes(store, browser):
    at = account_sign_in(make_app(store, SECRETS), "ana")
    assert browser.run_page_script(at) == 1
    assert browser.cookie(ACCOUNT_COOKIE)
    tab = make_app(store, SECRETS)
    assert titles(tab) != ["Sign in"] and "Signed in as **Ana Souza**" in texts(tab)

    changed = {"users": {**SECRETS["users"], "ana": {**SECRETS["users"]["ana"],
                                                     "passcode": hash_passcode("a new passcode", iterations=1000)}}}
    assert titles(make_app(store, changed)) == ["Sign in"]
    removed = {"users": {k: v for k, v in SECRETS["users"].items() if k != "ana"}}
    assert titles(make_app(store, removed)) == ["Sign in"]
    # The cookie is Ana's: it never signs in anyone else, and her role comes from the configuration.
    promoted = {"users": {**SECRETS["users"], "ana": {**SECRETS["users"]["ana"], "role": "coach"}}}
    assert not unreachable(make_app(store, promoted))


def test_account_sign_out_clears_the_cookie_and_the_copy_is_refused(store, browser):
    at = account_sign_in(make_app(store, SECRETS), "ana")
    browser.run_page_script(at)
    token = browser.cookie(ACCOUNT_COOKIE)
    at.button(key="account_sign_out").click().run()
    assert titles(at) == ["Sign in"]
    assert browser.run_page_script(at) == 1 and browser.cookie(ACCOUNT_COOKIE) is None
    browser.client.cookies.set(ACCOUNT_COOKIE, token)
    assert titles(make_app(store, SECRETS)) == ["Sign in"]


def test_without_the_routes_a_sign_in_lasts_for_the_tab(store, browser, monkeypatch):
    monkeypatch.setattr(browser_session, "ROUTES_INSTALLED", False)
    at = make_app(store, SECRETS)
    assert "A reload of the page asks for it again." in texts(at)
    at = account_sign_in(at, "ana")
    assert not at.get("html") and browser.cookie(ACCOUNT_COOKIE) is None
    assert titles(make_app(store, SECRETS)) == ["Sign in"]


def test_the_sign_in_page_says_how_long_a_sign_in_lasts(store, browser, monkeypatch):
    assert "You stay signed in on this browser for 12 hours" in texts(make_app(store, SECRETS))
    monkeypatch.setenv("INTERVIEW_SIM_SESSION_HOURS", "0")  # off: a sign-in lasts for the tab
    at = make_app(store, SECRETS)
    assert "A reload of the page asks for it again." in texts(at)
    assert not account_sign_in(at, "ana").get("html")

