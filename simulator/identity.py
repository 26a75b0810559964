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
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets as _secrets
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

__all__ = [
    "Viewer", "Account", "Users", "UsersError", "SignInThrottle", "ROLES", "TRAINEE", "COACH",
    "hash_passcode", "verify_passcode", "parse_users", "USERS_FILE_ENV",
]

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
