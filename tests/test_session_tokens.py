"""The sign-in cookie without a browser: the token (sign, verify, expiry, tampering, revocation, another
deployment), the one-time codes, the secret kept in the data folder, the settings, and the two routes the
launcher adds to Streamlit's web server."""

from __future__ import annotations

import base64
import json
import stat

import pytest

from simulator.config import ConfigError, load_session_config
from simulator.identity import OneTimeCodes, SessionTokens, load_or_create_secret

SECRET = "s" * 40
T0 = 1_800_000_000.0


class Clock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def signer(tmp_path=None, *, secret: str = SECRET, hours: float = 12, clock: Clock | None = None) -> SessionTokens:
    return SessionTokens(secret, lifetime_s=hours * 3600, clock=clock or Clock(),
                         revoked_path=(tmp_path / "revoked.jsonl") if tmp_path is not None else None)


def _body(token: str) -> dict:
    body = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _forge(token: str, **changes) -> str:
    """The token with its body changed and its signature kept."""
    data = {**_body(token), **changes}
    body = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return body + "." + token.split(".")[1]


# The token ------------------------------------------------------------------------------------------------


def test_a_token_says_who_signed_in_how_and_when():
    tokens = signer()
    token = tokens.issue("account", "ana", "trainee", "pbkdf2_sha256$hash-of-ana")
    claims = tokens.verify(token)
    assert claims is not None
    assert (claims.via, claims.subject, claims.role, claims.issued_at) == ("account", "ana", "trainee", int(T0))
    assert claims.expires_at == int(T0) + 12 * 3600
    assert tokens.matches(claims, "pbkdf2_sha256$hash-of-ana")
    # Each sign-in gets its own random id, and the credential itself is never in the token.
    again = tokens.verify(tokens.issue("account", "ana", "trainee", "pbkdf2_sha256$hash-of-ana"))
    assert again.sid != claims.sid and len(claims.sid) >= 20
    assert "hash-of-ana" not in json.dumps(_body(token))
    # Cookie-safe: URL-safe base64 and one dot.
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


def test_names_in_any_script_round_trip():
    tokens = signer()
    claims = tokens.verify(tokens.issue("coach", "김지우 “Jo” Rivera;=,", "coach", "the coach passcode"))
    assert claims.subject == "김지우 “Jo” Rivera;=,"


def test_a_changed_passcode_ends_the_sessions_signed_in_with_the_old_one():
    tokens = signer()
    claims = tokens.verify(tokens.issue("coach", "Jo", "coach", "old passcode"))
    assert tokens.matches(claims, "old passcode")
    assert not tokens.matches(claims, "new passcode")


def test_an_expired_token_is_refused():
    clock = Clock()
    tokens = signer(clock=clock)
    token = tokens.issue("account", "ana", "trainee", "h")
    clock.now = T0 + 12 * 3600 - 1
    assert tokens.verify(token) is not None
    clock.now = T0 + 12 * 3600
    assert tokens.verify(token) is None


def test_a_shorter_lifetime_ends_older_tokens_at_once():
    token = signer(hours=12).issue("account", "ana", "trainee", "h")
    later = Clock(T0 + 3 * 3600)
    assert signer(hours=12, clock=later).verify(token) is not None
    assert signer(hours=2, clock=later).verify(token) is None


def test_a_token_from_the_future_is_refused():
    token = signer(clock=Clock(T0 + 3600)).issue("account", "ana", "trainee", "h")
    assert signer().verify(token) is None


@pytest.mark.parametrize("change", [
    {"sub": "ben"}, {"role": "coach"}, {"via": "coach"}, {"exp": int(T0) + 10**9}, {"iat": int(T0) + 1},
    {"sid": "chosen-by-someone"}, {"bind": "AAAAAAAAAAAAAAAA"},
])
def test_a_token_with_any_part_changed_is_refused(change):
    tokens = signer()
    token = tokens.issue("account", "ana", "trainee", "h")
    assert tokens.verify(_forge(token, **change)) is None


def test_a_changed_or_cut_signature_is_refused():
    tokens = signer()
    token = tokens.issue("account", "ana", "trainee", "h")
    body, mac = token.split(".")
    flipped = ("A" if mac[0] != "A" else "B") + mac[1:]
    for bad in (f"{body}.{flipped}", f"{body}.{mac[:-1]}", f"{body}.", body, f"{body}.{mac}.x"):
        assert tokens.verify(bad) is None


@pytest.mark.parametrize("junk", [
    None, 42, b"bytes", "", ".", "..", "a.b", "not base64!.x", "é.é", "x" * 100_000, "e30.e30", "\x00.\x00",
    ["a", "list"], {"a": "dict"},
])
def test_junk_is_refused_without_raising(junk):
    assert signer().verify(junk) is None


def test_a_token_of_another_deployment_is_refused():
    ours, theirs = signer(secret=SECRET), signer(secret="t" * 40)
    assert ours.verify(theirs.issue("account", "ana", "trainee", "h")) is None


def test_a_genuine_signature_over_a_body_that_is_not_a_session_is_refused():
    import hmac as _hmac
    import hashlib

    from simulator.identity import session_key

    for data in ({"v": 2, "via": "account", "sub": "ana", "role": "trainee", "iat": int(T0), "exp": int(T0) + 60,
                  "sid": "x", "bind": "y"},
                 {"v": 1, "via": "local", "sub": "ana", "role": "trainee", "iat": int(T0), "exp": int(T0) + 60,
                  "sid": "x", "bind": "y"},
                 {"v": 1, "via": "account", "sub": "", "role": "trainee", "iat": int(T0), "exp": int(T0) + 60,
                  "sid": "x", "bind": "y"},
                 ["not", "an", "object"]):
        body = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
        mac = _hmac.new(session_key(SECRET), body.encode(), hashlib.sha256).digest()
        token = body + "." + base64.urlsafe_b64encode(mac).decode().rstrip("=")
        assert signer().verify(token) is None, data


def test_issue_refuses_what_it_could_not_verify():
    with pytest.raises(ValueError):
        signer().issue("local", "ana", "trainee")
    with pytest.raises(ValueError):
        signer().issue("account", " ", "trainee")
    with pytest.raises(ValueError):
        SessionTokens("", lifetime_s=60)
    with pytest.raises(ValueError):
        SessionTokens(SECRET, lifetime_s=0)


# Revocation -----------------------------------------------------------------------------------------------


def test_a_revoked_token_is_refused_here_after_a_restart_and_in_another_process(tmp_path):
    tokens = signer(tmp_path)
    token = tokens.issue("account", "ana", "trainee", "h")
    other = tokens.issue("account", "ana", "trainee", "h")
    elsewhere = signer(tmp_path)  # another instance sharing the data folder, already running
    assert elsewhere.verify(token) is not None
    claims = tokens.verify(token)
    tokens.revoke(claims.sid, claims.expires_at)
    assert tokens.verify(token) is None
    assert tokens.verify(other) is not None  # only that sign-in
    assert signer(tmp_path).verify(token) is None  # after a restart
    assert elsewhere.verify(token) is None  # the other instance reads the file again when it changes
    assert stat.S_IMODE((tmp_path / "revoked.jsonl").stat().st_mode) == 0o600


def test_a_torn_line_in_the_revocation_file_does_not_undo_the_others(tmp_path):
    tokens = signer(tmp_path)
    token = tokens.issue("account", "ana", "trainee", "h")
    claims = tokens.verify(token)
    tokens.revoke(claims.sid, claims.expires_at)
    with open(tmp_path / "revoked.jsonl", "a") as f:
        f.write('{"sid": "half')
    assert signer(tmp_path).verify(token) is None


def test_the_revocation_file_drops_entries_once_their_tokens_have_expired(tmp_path):
    clock = Clock()
    tokens = signer(tmp_path, clock=clock)
    for n in range(70):
        tokens.revoke(f"old-{n}", T0 + 60)
    clock.now = T0 + 120
    token = tokens.issue("account", "ana", "trainee", "h")
    claims = tokens.verify(token)
    tokens.revoke(claims.sid, claims.expires_at)
    lines = (tmp_path / "revoked.jsonl").read_text().splitlines()
    assert len(lines) == 1 and claims.sid in lines[0]
    assert signer(tmp_path, clock=clock).verify(token) is None


# One-time codes -------------------------------------------------------------------------------------------


def test_a_code_is_redeemed_once_and_not_after_it_expires():
    clock = Clock(100.0)
    codes = OneTimeCodes(ttl_s=120, clock=clock)
    code = codes.issue({"token": "t"})
    assert codes.pending(code)
    assert codes.redeem(code) == {"token": "t"}
    assert codes.redeem(code) is None and not codes.pending(code)
    late = codes.issue({"token": "u"})
    clock.now += 121
    assert not codes.pending(late) and codes.redeem(late) is None
    assert codes.redeem("made-up") is None and codes.redeem(None) is None and codes.redeem("x" * 1000) is None


def test_codes_are_random_and_capped():
    codes = OneTimeCodes(max_codes=5)
    issued = [codes.issue(n) for n in range(8)]
    assert len(set(issued)) == 8 and all(len(c) >= 32 for c in issued)
    assert [codes.redeem(c) for c in issued] == [None, None, None, 3, 4, 5, 6, 7]


# The secret -----------------------------------------------------------------------------------------------


def test_the_secret_is_written_once_into_the_data_folder(tmp_path):
    folder = tmp_path / "data"
    first = load_or_create_secret(folder)
    assert len(first) >= 64 and load_or_create_secret(folder) == first
    assert stat.S_IMODE((folder / "session-secret").stat().st_mode) == 0o600
    assert load_or_create_secret(tmp_path / "elsewhere") != first


def test_a_truncated_secret_file_is_refused(tmp_path):
    (tmp_path / "session-secret").write_text("short\n")
    with pytest.raises(ValueError):
        load_or_create_secret(tmp_path)


# Settings -------------------------------------------------------------------------------------------------


def test_settings_default_to_twelve_hours_and_a_generated_secret(tmp_path):
    config = load_session_config({}, environ={}, path=None)
    assert (config.secret, config.lifetime_hours, config.secure) == (None, 12.0, None)


def test_settings_from_secrets_and_the_environment(tmp_path):
    toml = tmp_path / "interview-sim.toml"
    toml.write_text('[session]\nlifetime_hours = 8\n', encoding="utf-8")
    assert load_session_config({}, path=toml, environ={}).lifetime_hours == 8
    config = load_session_config({"session": {"lifetime_hours": 4, "secret": "x" * 32}}, path=toml,
                                 environ={"INTERVIEW_SIM_SESSION_HOURS": "24", "INTERVIEW_SIM_SESSION_SECURE": "true"})
    assert (config.lifetime_hours, config.secret, config.secure) == (24, "x" * 32, True)


def test_a_bad_setting_is_named_without_showing_the_secret():
    with pytest.raises(ConfigError) as short:
        load_session_config({}, environ={"INTERVIEW_SIM_SESSION_SECRET": "hunter2-short"})
    assert "INTERVIEW_SIM_SESSION_SECRET" in str(short.value) and "hunter2" not in str(short.value)
    with pytest.raises(ConfigError, match="lifetime_hours"):
        load_session_config({"session": {"lifetime_hours": "a day"}}, environ={})
    with pytest.raises(ConfigError, match="unknown setting 'lifetime'"):
        load_session_config({"session": {"lifetime": 3}}, environ={})


# The routes -----------------------------------------------------------------------------------------------


@pytest.fixture
def routes(tmp_path, monkeypatch):
    """The launcher's two routes in a bare Starlette app, with this test's signer and codes."""
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from app_pages import browser_session, server

    tokens = signer(tmp_path, clock=Clock(__import__("time").time()))
    codes = OneTimeCodes()
    monkeypatch.setattr(browser_session, "CODES", codes)
    monkeypatch.setattr(browser_session, "tokens", lambda: tokens)
    client = TestClient(Starlette(routes=server.auth_routes("")), base_url="http://app.test")
    return client, codes, tokens


HEADERS = {"X-Interview-Sim": "1", "Origin": "http://app.test"}


def _set_action(token: str, **extra) -> dict:
    from app_pages import browser_session

    return {"route": browser_session.SET_ROUTE, "cookie": "interview_sim_session", "token": token,
            "max_age": 3600, "secure": False, **extra}


def test_the_session_route_sets_an_httponly_lax_cookie_for_a_code_once(routes):
    client, codes, tokens = routes
    token = tokens.issue("account", "ana", "trainee", "h")
    code = codes.issue(_set_action(token))
    answer = client.post("/_auth/session", json={"code": code}, headers=HEADERS)
    assert answer.status_code == 200 and answer.json() == {"ok": True}
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"interview_sim_session={token};")
    parts = {p.strip().split("=")[0].lower() for p in cookie.split(";")}
    assert {"httponly", "max-age", "path"} <= parts and "secure" not in parts
    assert "samesite=lax" in cookie.lower() and "Max-Age=3600" in cookie and "Path=/" in cookie
    assert answer.headers["cache-control"] == "no-store"
    again = client.post("/_auth/session", json={"code": code}, headers=HEADERS)
    assert again.json() == {"ok": False} and "set-cookie" not in again.headers


def test_the_cookie_is_secure_over_https(routes):
    client, codes, tokens = routes
    token = tokens.issue("account", "ana", "trainee", "h")
    behind_proxy = client.post("/_auth/session", json={"code": codes.issue(_set_action(token))},
                               headers={**HEADERS, "X-Forwarded-Proto": "https"})
    assert "secure" in behind_proxy.headers["set-cookie"].lower()
    configured = client.post("/_auth/session", json={"code": codes.issue(_set_action(token, secure=True))},
                             headers=HEADERS)
    assert "secure" in configured.headers["set-cookie"].lower()


@pytest.mark.parametrize("headers", [
    {},  # a plain form post: no header
    {"X-Interview-Sim": "1", "Origin": "https://evil.example"},  # another site
    {"X-Interview-Sim": "0", "Origin": "http://app.test"},
])
def test_requests_from_elsewhere_are_refused_and_keep_the_code(routes, headers):
    client, codes, tokens = routes
    code = codes.issue(_set_action(tokens.issue("account", "ana", "trainee", "h")))
    answer = client.post("/_auth/session", json={"code": code}, headers=headers)
    assert answer.status_code == 403 and "set-cookie" not in answer.headers
    assert codes.pending(code)


def test_a_wrong_code_or_body_sets_nothing(routes):
    client, codes, tokens = routes
    from app_pages import browser_session

    signout_code = codes.issue({"route": browser_session.SIGNOUT_ROUTE, "cookies": ["interview_sim_session"]})
    for body in ({"code": "made-up"}, {"code": 5}, {}, {"code": signout_code}):
        answer = client.post("/_auth/session", json=body, headers=HEADERS)
        assert answer.json() == {"ok": False} and "set-cookie" not in answer.headers
    assert client.post("/_auth/session", content=b"not json", headers=HEADERS).json() == {"ok": False}
    assert client.post("/_auth/session", content=b"x" * 5000, headers=HEADERS).json() == {"ok": False}
    assert client.get("/_auth/session", headers=HEADERS).status_code == 405


def test_sign_out_clears_the_cookie_and_revokes_the_token_it_held(routes):
    client, codes, tokens = routes
    from app_pages import browser_session

    token = tokens.issue("account", "ana", "trainee", "h")
    assert tokens.verify(token) is not None
    client.cookies.set("interview_sim_session", token)
    code = codes.issue({"route": browser_session.SIGNOUT_ROUTE, "cookies": ["interview_sim_session"]})
    answer = client.post("/_auth/signout", json={"code": code}, headers=HEADERS)
    assert answer.json() == {"ok": True}
    cleared = answer.headers["set-cookie"]
    assert cleared.startswith("interview_sim_session=") and ("Max-Age=0" in cleared or "expires=" in cleared.lower())
    assert tokens.verify(token) is None
    # A code meant for setting a cookie does not sign anyone out, nor does a second use.
    assert client.post("/_auth/signout", json={"code": code}, headers=HEADERS).json() == {"ok": False}
    set_code = codes.issue(_set_action(token))
    assert client.post("/_auth/signout", json={"code": set_code}, headers=HEADERS).json() == {"ok": False}


def test_the_routes_go_ahead_of_streamlits_own(monkeypatch):
    """install_auth_routes puts them first: Streamlit's last route answers any other path with the app."""
    from streamlit.web.server.starlette import starlette_app

    from app_pages import browser_session, server

    monkeypatch.setattr(starlette_app, "create_streamlit_routes", lambda runtime: ["streamlit's own"])
    monkeypatch.setattr(browser_session, "ROUTES_INSTALLED", False)
    assert server.install_auth_routes()
    routes = starlette_app.create_streamlit_routes(None)
    assert [getattr(r, "path", r) for r in routes] == ["/_auth/session", "/_auth/signout", "streamlit's own"]
    assert browser_session.ROUTES_INSTALLED
    assert server.install_auth_routes()  # twice: still once
    assert len(starlette_app.create_streamlit_routes(None)) == 3


def test_a_proxy_that_drops_the_port_from_host_still_passes_the_origin_check(routes):
    client, codes, tokens = routes
    code = codes.issue(_set_action(tokens.issue("account", "ana", "trainee", "h")))
    answer = client.post("/_auth/session", json={"code": code},
                         headers={"X-Interview-Sim": "1", "Origin": "http://app.test:8080"})
    assert answer.json() == {"ok": True}
    code = codes.issue(_set_action(tokens.issue("account", "ana", "trainee", "h")))
    answer = client.post("/_auth/session", json={"code": code},
                         headers={"X-Interview-Sim": "1", "Origin": "http://app.test.evil.example:8080"})
    assert answer.status_code == 403
