"""Who is looking: viewers, accounts with hashed passcodes, and a sign-in throttle. No streamlit here.

A :class:`Viewer` is what every access check takes: the person's name (the name their sessions are stored
under), their role (``trainee`` or ``coach``) and their team. The store's queries take one and refuse what the
viewer may not see (``simulator.store.AccessDenied``):

- a trainee sees only their own sessions;
- a coach with a team sees the sessions of that team's trainees; a coach without a team (a single shared coach
  passcode, or an account configured without one) sees every session.

Accounts for a small team live in a ``[users]`` table, in ``.streamlit/secrets.toml`` or in a TOML file named by
``$INTERVIEW_SIM_USERS_FILE``. One sub-table per person, keyed by the login they type::

    [users.ana]
    name = "Ana Souza"          # shown, and what their sessions are stored under (unique)
    role = "trainee"            # or "coach"
    team = "north"              # optional for coaches: without it a coach sees every team
    passcode = "pbkdf2_sha256$200000$…$…"   # `interview-sim users hash-passcode` prints one
    email = "ana@example.com"   # optional: an OpenID Connect login with this address is this person

Passcodes are kept only as PBKDF2-SHA256 hashes and compared in constant time; a login that does not exist
costs the same time as one that does. :class:`SignInThrottle` counts wrong passcodes on the server, keyed by
the source (the client's address) and by the login, so a reload does not reset it and an attacker at one
address cannot lock out a person signing in from another.

:class:`SessionTokens` signs and checks the session tokens that keep a passcode sign-in across reloads (the app
keeps one in an HttpOnly cookie: ``app_pages/browser_session.py``), and revokes them on sign-out;
:class:`OneTimeCodes` are what the page hands the browser instead of the token.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import re
import secrets as _secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

__all__ = [
    "Viewer", "Account", "Users", "UsersError", "SignInThrottle", "ROLES", "TRAINEE", "COACH",
    "hash_passcode", "verify_passcode", "parse_users", "USERS_FILE_ENV",
    "SessionClaims", "SessionTokens", "OneTimeCodes", "load_or_create_secret", "SESSION_VIAS",
    "DEFAULT_SESSION_HOURS",
]

log = logging.getLogger(__name__)

TRAINEE, COACH = "trainee", "coach"
ROLES = (TRAINEE, COACH)
USERS_FILE_ENV = "INTERVIEW_SIM_USERS_FILE"
NAME_MAX = 200  # simulator.store.NAME_MAX
TEAM_MAX = 100
HASH_SCHEME = "pbkdf2_sha256"
DEFAULT_ITERATIONS = 200_000
_LOGIN = re.compile(r"[a-z0-9][a-z0-9._@-]{0,99}")


@dataclass(frozen=True)
class Viewer:
    """Who is asking: ``name`` (their sessions' trainee name), ``role`` and ``team``.

    ``local`` marks a typed name in single-person local use: nobody checked who typed it.
    """

    name: str
    role: str = TRAINEE
    team: str | None = None
    local: bool = False

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)} (got {self.role!r})")
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"a viewer needs a name (got {self.name!r})")

    @property
    def is_coach(self) -> bool:
        return self.role == COACH

    def can_see(self, trainee: str, team: str | None) -> bool:
        """Whether this viewer may see a session of ``trainee`` (whose team is ``team``)."""
        if self.is_coach:
            return self.team is None or team == self.team
        return trainee.strip() == self.name.strip()


# Passcode hashes -----------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def hash_passcode(passcode: str, *, iterations: int = DEFAULT_ITERATIONS, salt: bytes | None = None) -> str:
    """``pbkdf2_sha256$ITERATIONS$SALT$HASH``: what the ``passcode`` field of a ``[users]`` entry holds."""
    if not isinstance(passcode, str) or len(passcode.strip()) < 8:
        raise ValueError("a passcode needs at least 8 characters")
    salt = salt if salt is not None else _secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", passcode.strip().encode("utf-8", "surrogatepass"), salt, iterations)
    return f"{HASH_SCHEME}${iterations}${_b64(salt)}${_b64(digest)}"


def _parse_hash(stored: str) -> tuple[int, bytes, bytes]:
    scheme, iterations, salt, digest = stored.split("$")
    if scheme != HASH_SCHEME or not iterations.isdigit() or not 1_000 <= int(iterations) <= 10_000_000:
        raise ValueError(stored)
    return int(iterations), _unb64(salt), _unb64(digest)


# Spent on a login that does not exist, so it takes as long as a real one.
_DUMMY = hash_passcode("not-a-real-passcode", salt=b"\0" * 16)


def verify_passcode(stored: str | None, given: Any) -> bool:
    """Whether ``given`` matches the hash ``stored``, in time that does not depend on where they differ.

    With no ``stored`` hash (an unknown login) the same work is done against a dummy and False returned.
    """
    iterations, salt, digest = _parse_hash(stored or _DUMMY)
    text = given.strip() if isinstance(given, str) else ""
    computed = hashlib.pbkdf2_hmac("sha256", text.encode("utf-8", "surrogatepass"), salt, iterations)
    return hmac.compare_digest(computed, digest) and stored is not None and bool(text)


# Accounts --------------------------------------------------------------------------------------------


class UsersError(ValueError):
    """The ``[users]`` table cannot be used; the message names each entry, field and value, and the fix."""


@dataclass(frozen=True)
class Account:
    login: str
    name: str
    role: str
    team: str | None
    passcode_hash: str | None = field(default=None, repr=False)
    email: str | None = None

    def viewer(self) -> Viewer:
        return Viewer(self.name, self.role, self.team)


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    value = str(value).strip()
    return value or None


def parse_users(table: Mapping[str, Any] | None, *, where: str = "[users]") -> "Users":
    """The accounts in a ``[users]`` table; ``UsersError`` listing every problem when any entry is unusable."""
    if table is None:
        return Users({})
    if not isinstance(table, Mapping):
        raise UsersError(f"{where} must be a table of people, e.g. [users.ana] with name, role and passcode")
    problems: list[str] = []
    accounts: dict[str, Account] = {}
    names: dict[str, str] = {}
    for key, entry in table.items():
        login = str(key).strip().lower()
        here = f"{where}.{key}"
        if not _LOGIN.fullmatch(login):
            problems.append(f"{here}: the login {str(key)[:40]!r} may have only letters, digits and . _ @ -")
            continue
        if not isinstance(entry, Mapping):
            problems.append(f"{here}: expected a table with name, role and passcode (got {type(entry).__name__})")
            continue
        name = _text(entry.get("name")) or login
        if len(name) > NAME_MAX:
            problems.append(f"{here}.name: at most {NAME_MAX} characters (got {len(name)})")
        role = (_text(entry.get("role")) or TRAINEE).lower()
        if role not in ROLES:
            problems.append(f"{here}.role: {str(entry.get('role'))[:40]!r} is not a role; use \"trainee\" or \"coach\"")
        team = _text(entry.get("team"))
        if team is not None and len(team) > TEAM_MAX:
            problems.append(f"{here}.team: at most {TEAM_MAX} characters")
        if role == TRAINEE and team is None:
            team = None  # a trainee without a team is seen only by coaches without a team
        passcode = _text(entry.get("passcode"))
        if passcode is not None:
            try:
                _parse_hash(passcode)
            except (ValueError, TypeError):
                problems.append(
                    f"{here}.passcode: not a passcode hash (it must start with {HASH_SCHEME}$); never put the "
                    "passcode itself here: `interview-sim users hash-passcode` prints the hash to use")
        email = _text(entry.get("email"))
        if passcode is None and email is None:
            problems.append(f"{here}: give a passcode (hash) or an email for the organisation login")
        if name in names:
            problems.append(f"{here}.name: {name!r} is also the name of [users.{names[name]}]; names must differ, "
                            "since sessions are stored under them")
        names.setdefault(name, str(key))
        accounts[login] = Account(login, name, role if role in ROLES else TRAINEE, team, passcode,
                                  email.lower() if email else None)
    if problems:
        raise UsersError("the sign-in accounts cannot be used:\n" + "\n".join(f"- {p}" for p in problems))
    return Users(accounts)


class Users:
    """The configured accounts, by login."""

    def __init__(self, accounts: Mapping[str, Account]) -> None:
        self._accounts = dict(accounts)

    def __len__(self) -> int:
        return len(self._accounts)

    def __bool__(self) -> bool:
        return bool(self._accounts)

    def __iter__(self):
        return iter(self._accounts.values())

    def get(self, login: Any) -> Account | None:
        return self._accounts.get(str(login or "").strip().lower())

    def by_email(self, email: Any) -> Account | None:
        email = str(email or "").strip().lower()
        return next((a for a in self._accounts.values() if email and a.email == email), None)

    def by_name(self, name: str) -> Account | None:
        return next((a for a in self._accounts.values() if a.name == name), None)

    def authenticate(self, login: Any, passcode: Any) -> Account | None:
        """The account when ``passcode`` is its passcode; None otherwise, after the same amount of work."""
        account = self.get(login)
        stored = account.passcode_hash if account is not None else None
        return account if verify_passcode(stored, passcode) else None

    def teams(self) -> dict[str, str | None]:
        """Trainee name -> team, for every account."""
        return {a.name: a.team for a in self._accounts.values()}


# Sign-in throttle -----------------------------------------------------------------------------------


class SignInThrottle:
    """Wrong passcodes counted on the server, keyed by source (the client's address) and by login.

    - ``per_pair`` wrong passcodes from one source for one login lock that pair out for ``lockout`` seconds;
    - ``per_source`` from one source (any logins) lock that source out;
    - ``per_name`` for one login from all sources within ``window`` lock that login for every source that
      has itself failed within the window: a source with no wrong passcode still signs in, so an attacker
      elsewhere cannot lock the real person out.

    The state lives in the server process, so reloading the page or opening a tab does not reset it.
    At most ``max_keys`` keys are remembered (the oldest go first), so made-up names cannot fill the memory.
    """

    def __init__(self, *, per_pair: int = 5, per_source: int = 10, per_name: int = 30, window: float = 600.0,
                 lockout: float = 60.0, max_keys: int = 10_000) -> None:
        self.per_pair, self.per_source, self.per_name = per_pair, per_source, per_name
        self.window, self.lockout, self.max_keys = window, lockout, max_keys
        self._failures: OrderedDict[tuple, deque[float]] = OrderedDict()
        self._locked: dict[tuple, float] = {}
        self._last_fail: OrderedDict[str, float] = OrderedDict()  # source -> its latest wrong passcode
        self._lock = threading.Lock()

    @staticmethod
    def _keys(source: str, login: str) -> tuple[tuple, tuple, tuple]:
        login = str(login or "").strip().lower()
        return ("pair", source, login), ("source", source), ("name", login)

    def _recent(self, key: tuple, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def locked_for(self, source: str, login: str, now: float) -> float:
        """Seconds until ``source`` may try ``login`` again (0: now)."""
        pair, src, name = self._keys(source, login)
        with self._lock:
            wait = max(self._locked.get(pair, 0.0), self._locked.get(src, 0.0)) - now
            if self._locked.get(name, 0.0) > now and self._last_fail.get(source, -1e18) > now - self.window:
                wait = max(wait, self._locked[name] - now)
            return max(0.0, wait)

    def fail(self, source: str, login: str, now: float) -> None:
        with self._lock:
            for key, limit in zip(self._keys(source, login), (self.per_pair, self.per_source, self.per_name)):
                times = self._recent(key, now)
                times.append(now)
                self._failures[key] = times
                self._failures.move_to_end(key)
                if len(times) >= limit:
                    self._locked[key] = now + self.lockout
                    if key[0] != "name":
                        times.clear()
            self._last_fail[source] = now
            self._last_fail.move_to_end(source)
            while len(self._last_fail) > self.max_keys:
                self._last_fail.popitem(last=False)
            while len(self._failures) > self.max_keys:
                old, _ = self._failures.popitem(last=False)
                self._locked.pop(old, None)
            for key in [k for k, until in self._locked.items() if until <= now]:
                del self._locked[key]

    def succeed(self, source: str, login: str) -> None:
        pair, _, _ = self._keys(source, login)
        with self._lock:
            self._failures.pop(pair, None)
            self._locked.pop(pair, None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()
            self._locked.clear()
            self._last_fail.clear()


def team_of(users: Iterable[Account], name: str) -> str | None:
    return next((a.team for a in users if a.name == name), None)


# Browser sessions: a signed, expiring token kept in an HttpOnly cookie ---------------------------------
#
# After a passcode sign-in the browser keeps a token that says who signed in, so a reload or a new tab does
# not ask again. The token is ``BODY.SIGNATURE``: BODY is the URL-safe base64 of a small JSON object
# (``via``, ``sub``, ``role``, ``iat``, ``exp``, ``sid``, ``bind``), SIGNATURE an HMAC-SHA256 over it with a
# key derived from the deployment's secret. ``sid`` is a random id per sign-in: signing out revokes it on the
# server, so a copied cookie stops working. ``bind`` is a fingerprint of the credential signed in with (the
# account's passcode hash, the coach passcode): changing the passcode ends the sessions signed in with the old
# one. A token from another deployment (another secret), a changed, expired, revoked or malformed token is
# simply not accepted: :meth:`SessionTokens.verify` returns None and never raises.

SESSION_VIAS = ("account", "coach")  # a [users] account's passcode; the shared coach passcode
DEFAULT_SESSION_HOURS = 12.0
SECRET_FILE = "session-secret"
REVOKED_FILE = "session-revoked.jsonl"
_TOKEN_MAX = 4096  # longer than any token this module writes
_CLOCK_SKEW_S = 300  # a token issued up to this far "in the future" (another instance's clock) still counts


@dataclass(frozen=True)
class SessionClaims:
    """What a verified token says: ``subject`` signed in ``via`` a passcode, with ``role``, at ``issued_at``."""

    via: str  # "account" | "coach"
    subject: str  # the account's login, or the coach's name
    role: str
    issued_at: int
    expires_at: int
    sid: str  # random per sign-in; what sign-out revokes
    bind: str


def session_key(secret: str | bytes) -> bytes:
    """The HMAC key for session tokens, derived from the deployment's secret."""
    raw = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    return hmac.new(raw, b"interview-sim session token v1", hashlib.sha256).digest()


def load_or_create_secret(data_dir: str | Path) -> str:
    """The secret kept in ``data_dir/session-secret``, written once (mode 0600) when it does not exist yet.

    Two processes starting at once write it only once (``O_EXCL``) and both read the same value.
    """
    folder = Path(data_dir)
    path = folder / SECRET_FILE
    for _attempt in range(3):
        try:
            found = path.read_text(encoding="ascii").strip()
            if len(found) >= 32:
                return found
            raise ValueError(f"{path}: too short to be a secret; delete the file to have a new one written")
        except FileNotFoundError:
            pass
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            time.sleep(0.05)  # another process is writing it: read theirs
            continue
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(_secrets.token_hex(32) + "\n")
            f.flush()
            os.fsync(f.fileno())
    return path.read_text(encoding="ascii").strip()


class SessionTokens:
    """Sign and check session tokens; revoke them (kept in ``revoked_path`` when given, so a restart and other
    instances sharing the folder honour a sign-out). Thread-safe."""

    def __init__(self, secret: str | bytes, *, lifetime_s: float = DEFAULT_SESSION_HOURS * 3600,
                 revoked_path: str | Path | None = None, clock: Callable[[], float] = time.time) -> None:
        if not secret:
            raise ValueError("a session secret is needed")
        if lifetime_s <= 0:
            raise ValueError("the session lifetime must be more than 0 seconds")
        self._key = session_key(secret)
        self.lifetime_s = float(lifetime_s)
        self._clock = clock
        self._path = Path(revoked_path) if revoked_path is not None else None
        self._revoked: dict[str, int] = {}  # sid -> the token's expiry (after which the entry can go)
        self._seen: tuple[int, int] | None = None  # the revocation file's (mtime_ns, size) when last read
        self._lock = threading.Lock()

    # -- signing ------------------------------------------------------------------------------------

    def _mac(self, body: str) -> str:
        return _b64(hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest())

    def fingerprint(self, credential: str | None) -> str:
        """A short keyed fingerprint of what the person signed in with (never the credential itself)."""
        text = (credential or "").encode("utf-8", "surrogatepass")
        return _b64(hmac.new(self._key, b"bind\0" + text, hashlib.sha256).digest()[:12])

    def issue(self, via: str, subject: str, role: str, credential: str | None = None, *,
              now: float | None = None) -> str:
        """A new token for ``subject`` (a new random ``sid`` each time)."""
        if via not in SESSION_VIAS:
            raise ValueError(f"via must be one of {', '.join(SESSION_VIAS)} (got {via!r})")
        if not isinstance(subject, str) or not subject.strip():
            raise ValueError("a session needs a subject")
        now = int(self._clock() if now is None else now)
        payload = {"v": 1, "via": via, "sub": subject, "role": role, "iat": now,
                   "exp": now + int(self.lifetime_s), "sid": _secrets.token_urlsafe(16),
                   "bind": self.fingerprint(credential)}
        body = _b64(json.dumps(payload, separators=(",", ":"), ensure_ascii=True).encode("ascii"))
        return f"{body}.{self._mac(body)}"

    def verify(self, token: Any, *, now: float | None = None) -> SessionClaims | None:
        """The claims of a genuine, unexpired, unrevoked token; None for anything else. Never raises."""
        try:
            if not isinstance(token, str) or len(token) > _TOKEN_MAX or token.count(".") != 1:
                return None
            body, mac = token.split(".")
            if not hmac.compare_digest(self._mac(body).encode("ascii"), mac.encode("ascii", "replace")):
                return None
            data = json.loads(_unb64(body))
            claims = SessionClaims(str(data["via"]), str(data["sub"]), str(data["role"]), int(data["iat"]),
                                   int(data["exp"]), str(data["sid"]), str(data["bind"]))
            if data.get("v") != 1 or claims.via not in SESSION_VIAS or not claims.subject or not claims.sid:
                return None
            now = self._clock() if now is None else now
            # The token's own expiry, and the lifetime configured now (shortening it ends older sessions).
            if claims.issued_at > now + _CLOCK_SKEW_S:
                return None
            if now >= claims.expires_at or now >= claims.issued_at + self.lifetime_s:
                return None
            if self.is_revoked(claims.sid):
                return None
            return claims
        except Exception:  # whatever a browser sends: not a session
            return None

    def matches(self, claims: SessionClaims, credential: str | None) -> bool:
        """Whether ``claims`` were issued for ``credential`` (the passcode or its hash has not changed since)."""
        return hmac.compare_digest(claims.bind.encode("ascii", "replace"),
                                   self.fingerprint(credential).encode("ascii"))

    # -- revocation ---------------------------------------------------------------------------------

    def _refresh(self) -> None:
        """Take in revocations other processes wrote since the last look (the caller holds the lock)."""
        if self._path is None:
            return
        try:
            st = self._path.stat()
        except OSError:
            return
        seen = (st.st_mtime_ns, st.st_size)
        if seen == self._seen:
            return
        try:
            lines = self._path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        for line in lines:
            try:
                entry = json.loads(line)
                self._revoked[str(entry["sid"])] = int(entry["until"])
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line: the rest still counts
        self._seen = seen

    def is_revoked(self, sid: str) -> bool:
        with self._lock:
            self._refresh()
            return sid in self._revoked

    def revoke(self, sid: str, until: float | None = None) -> None:
        """Refuse the token with this ``sid`` from now on (``until`` its expiry; then it expires anyway)."""
        if not sid:
            return
        until = int(until if until is not None else self._clock() + self.lifetime_s)
        with self._lock:
            self._refresh()
            self._revoked[sid] = until
            if self._path is None:
                return
            try:
                self._path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                with os.fdopen(fd, "a", encoding="utf-8") as f:
                    f.write(json.dumps({"sid": sid, "until": until}) + "\n")
                    f.flush()
                    os.fsync(f.fileno())
                self._compact()
            except OSError:
                log.exception("recording a sign-out in %s failed; it holds until this process stops", self._path)

    def _compact(self) -> None:
        """Rewrite the revocation file without the entries of tokens that have expired anyway."""
        now = self._clock()
        live = {sid: until for sid, until in self._revoked.items() if until > now}
        if len(live) == len(self._revoked) or len(self._revoked) < 64:
            return
        assert self._path is not None
        tmp = self._path.with_name(self._path.name + f".{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for sid, until in live.items():
                f.write(json.dumps({"sid": sid, "until": until}) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self._path)
        self._revoked = live
        self._seen = None


class OneTimeCodes:
    """Short-lived, single-use codes that stand for a cookie action the browser is to carry out.

    The page gets only the code; the browser posts it to the server's ``/_auth/…`` route, which takes the
    action (the token to set, or the cookies to clear) and answers with the ``Set-Cookie`` header. So neither
    the passcode nor the token is ever in a URL or in the page. Thread-safe; at most ``max_codes`` are kept.
    """

    def __init__(self, ttl_s: float = 120.0, max_codes: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_s, self.max_codes, self._clock = ttl_s, max_codes, clock
        self._codes: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def _prune(self, now: float) -> None:
        while self._codes:
            code, (until, _action) = next(iter(self._codes.items()))
            if until > now and len(self._codes) <= self.max_codes:
                break
            del self._codes[code]

    def issue(self, action: Any) -> str:
        code = _secrets.token_urlsafe(24)
        with self._lock:
            now = self._clock()
            self._codes[code] = (now + self.ttl_s, action)
            self._prune(now)
        return code

    def redeem(self, code: Any) -> Any:
        """The code's action, once; None for an unknown, used or expired code."""
        if not isinstance(code, str) or len(code) > 100:
            return None
        with self._lock:
            found = self._codes.pop(code, None)
        if found is None or found[0] <= self._clock():
            return None
        return found[1]

    def pending(self, code: Any) -> bool:
        """Whether ``code`` is still waiting for the browser (issued, not redeemed, not expired)."""
        with self._lock:
            found = self._codes.get(code) if isinstance(code, str) else None
            return found is not None and found[0] > self._clock()
