"""Local accounts: argon2 password hashes, roles per unit or owner, personal API tokens stored hashed,
and a login rate limit kept in the database (so it holds across several app processes).

Roles and their scope (``scope_id``):

==============  =====================================================================
staff           a unit id: sees the cases they reported and the measures they carry out
principal       a unit id: the unit's cases (rektor / styrer)
case_handler    a unit id: as the principal, by the principal's delegation
owner           an owner id: serious cases and every staff/leadership case of its units
auditor         a unit id, an owner id, or empty for everywhere: reads, never writes
admin           empty (the whole installation)
==============  =====================================================================
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from actionloop.app.errors import AlreadyExists, InvalidInput, LoginRateLimited, LoginRefused, NotFound
from actionloop.app.ports import Account, AccountRole, ApiToken, Database, DuplicateKey, LoginAttempt, UnitOfWork
from actionloop.core.clock import Clock

log = logging.getLogger(__name__)

ROLES = ("staff", "principal", "case_handler", "owner", "auditor", "admin")
UNIT_ROLES = frozenset({"staff", "principal", "case_handler"})
#: The prefix of every API token (lets secret scanners and people recognise one).
TOKEN_PREFIX = "alt_"  # noqa: S105 - a prefix, not a secret
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,99}$")
MAX_PASSWORD_LENGTH = 1024

_TEXT = {
    "username": {
        "nb": "brukernavnet må være 2–100 tegn: små bokstaver a–z, sifre og . _ @ -",
        "nn": "brukarnamnet må vere 2–100 teikn: små bokstavar a–z, siffer og . _ @ -",
        "en": "the user name must be 2–100 characters: lower-case a–z, digits and . _ @ -",
    },
    "password_short": {
        "nb": "passordet må ha minst {n} tegn",
        "nn": "passordet må ha minst {n} teikn",
        "en": "the password must have at least {n} characters",
    },
    "password_long": {
        "nb": f"passordet kan ha høyst {MAX_PASSWORD_LENGTH} tegn",
        "nn": f"passordet kan ha høgst {MAX_PASSWORD_LENGTH} teikn",
        "en": f"the password may have at most {MAX_PASSWORD_LENGTH} characters",
    },
    "role": {
        "nb": "ukjent rolle; gyldige er " + ", ".join(ROLES),
        "nn": "ukjend rolle; gyldige er " + ", ".join(ROLES),
        "en": "unknown role; valid are " + ", ".join(ROLES),
    },
    "scope_required": {
        "nb": "rollen gjelder en enhet (eller for eier: en eier); oppgi --unit",
        "nn": "rolla gjeld ei eining (eller for eigar: ein eigar); oppgi --unit",
        "en": "the role applies to a unit (or for owner: an owner); give --unit",
    },
    "admin_scope": {
        "nb": "admin gjelder hele installasjonen og tar ingen enhet",
        "nn": "admin gjeld heile installasjonen og tek inga eining",
        "en": "admin applies to the whole installation and takes no unit",
    },
    "token_name": {
        "nb": "navnet på nøkkelen må være 1–100 tegn",
        "nn": "namnet på nøkkelen må vere 1–100 teikn",
        "en": "the token's name must be 1–100 characters",
    },
}


def _fill(key: str, **fields: object) -> dict[str, str]:
    return {lang: text.format(**fields) for lang, text in _TEXT[key].items()}


def normalise_username(username: str) -> str:
    return username.strip().lower()


def username_ok(username: str) -> bool:
    """Whether ``username`` (normalised) is a valid user name."""
    return bool(_USERNAME.match(username))


def token_hash(token: str) -> str:
    """How an API token is stored: sha256 of the token, hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Identity:
    """An account as the rest of the system sees it: who, and which roles where."""

    account_id: int
    username: str
    active: bool
    staff_id: str | None
    roles: tuple[AccountRole, ...]
    #: The account's session generation: web sessions signed with another are refused.
    session_generation: int = 0

    def has(self, role: str, scope_id: str | None = None) -> bool:
        """Whether the account holds ``role`` (in ``scope_id``, if given)."""
        return any(r.role == role and (scope_id is None or r.scope_id == scope_id) for r in self.roles)

    def scopes(self, role: str) -> tuple[str, ...]:
        """The units or owners in which the account holds ``role``."""
        return tuple(r.scope_id for r in self.roles if r.role == role)


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A new API token: ``token`` is shown once and never stored; ``record`` is what is kept."""

    token: str
    record: ApiToken


class AccountService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        *,
        max_failures: int = 5,
        window: timedelta = timedelta(minutes=15),
        min_password_length: int = 10,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.max_failures = max_failures
        self.window = window
        self.min_password_length = min_password_length
        self.hasher = hasher if hasher is not None else PasswordHasher()

    @cached_property
    def _dummy_hash(self) -> str:
        # Verified against when the user does not exist, so that the answer takes as long.
        return self.hasher.hash(secrets.token_urlsafe(16))

    # ------------------------------------------------------------------------------------------
    # Accounts and roles

    def add_user(
        self,
        username: str,
        *,
        roles: Sequence[tuple[str, str]] = (),
        password: str | None = None,
        staff_id: str | None = None,
    ) -> Identity:
        """A new active account with ``roles`` (``(role, scope id)``). Without a password it cannot
        log in until one is set (it may still get API tokens)."""
        name = normalise_username(username)
        if not _USERNAME.match(name):
            raise InvalidInput("username", _fill("username"))
        hashed = self._hash(password) if password is not None else None
        checked = [self._check_role(role, scope) for role, scope in roles]
        with self.db.unit_of_work(write=True) as uow:
            if staff_id is not None and uow.orgs.staff(staff_id) is None:
                raise NotFound("staff", staff_id)
            for role, scope in checked:
                self._check_scope(uow, role, scope)
            try:
                account = uow.accounts.add(name, hashed, staff_id, self.clock.now())
            except DuplicateKey:
                raise AlreadyExists("account", name) from None
            for role, scope in checked:
                uow.accounts.add_role(AccountRole(account.id, role, scope))
            identity = self._identity(uow, account)
            uow.commit()
        return identity

    def get(self, username: str) -> Identity | None:
        with self.db.unit_of_work() as uow:
            account = uow.accounts.by_username(normalise_username(username))
            return self._identity(uow, account) if account else None

    def get_by_id(self, account_id: int) -> Identity | None:
        with self.db.unit_of_work() as uow:
            account = uow.accounts.by_id(account_id)
            return self._identity(uow, account) if account else None

    def users(self) -> list[Identity]:
        """Every account, active or not, by user name."""
        with self.db.unit_of_work() as uow:
            return sorted((self._identity(uow, a) for a in uow.accounts.all()), key=lambda i: i.username)

    def grant(self, username: str, role: str, scope_id: str = "") -> Identity:
        role, scope_id = self._check_role(role, scope_id)
        with self.db.unit_of_work(write=True) as uow:
            account = self._account(uow, username)
            self._check_scope(uow, role, scope_id)
            uow.accounts.add_role(AccountRole(account.id, role, scope_id))
            identity = self._identity(uow, account)
            uow.commit()
        return identity

    def revoke(self, username: str, role: str, scope_id: str = "") -> Identity:
        with self.db.unit_of_work(write=True) as uow:
            account = self._account(uow, username)
            uow.accounts.remove_role(AccountRole(account.id, role, scope_id))
            identity = self._identity(uow, account)
            uow.commit()
        return identity

    def set_password(self, username: str, password: str) -> Identity:
        """Set the password. The account's web sessions end (the cookies signed before are refused
        from now on, wherever they are); its API tokens stay. The account as it is now."""
        hashed = self._hash(password)
        with self.db.unit_of_work(write=True) as uow:
            account = self._account(uow, username)
            uow.accounts.set_password_hash(account.id, hashed, end_sessions=True)
            identity = self._identity(uow, self._account(uow, username))
            uow.commit()
        log.info("password set, sessions ended", extra={"account_id": account.id})
        return identity

    def set_active(self, username: str, active: bool) -> None:
        """Deactivate (or reactivate) an account: a deactivated one can neither log in nor use tokens."""
        with self.db.unit_of_work(write=True) as uow:
            account = self._account(uow, username)
            uow.accounts.set_active(account.id, active)
            uow.commit()

    # ------------------------------------------------------------------------------------------
    # Logging in

    def check_login(self, username: str, password: str, now: datetime | None = None) -> Identity:
        """The account, if ``password`` is right and the account active. Otherwise
        :class:`LoginRefused` (the same for an unknown user, a wrong password and an inactive
        account), or :class:`LoginRateLimited` after ``max_failures`` failed attempts for this user
        name within ``window`` (counted since the last successful login). Every attempt is recorded.
        """
        now = now if now is not None else self.clock.now()
        name = normalise_username(username)[:100]
        with self.db.unit_of_work() as uow:
            attempts = uow.accounts.attempts(name, now - self.window)
            account = uow.accounts.by_username(name)
        failures: list[LoginAttempt] = []
        for attempt in attempts:
            if attempt.outcome == "ok":
                failures = []
            elif attempt.outcome == "failed":
                failures.append(attempt)
        if len(failures) >= self.max_failures:
            oldest = failures[-self.max_failures].attempted_at
            retry_after = max(1, math.ceil((oldest + self.window - now).total_seconds()))
            self._record(name, now, "blocked")
            raise LoginRateLimited(retry_after)
        ok = self._verify(account.password_hash if account else None, password)
        ok = ok and account is not None and account.active
        self._record(name, now, "ok" if ok else "failed")
        if not ok or account is None:
            raise LoginRefused()
        assert account.password_hash is not None
        if self.hasher.check_needs_rehash(account.password_hash):
            self._rehash(account.id, password)
        with self.db.unit_of_work() as uow:
            return self._identity(uow, account)

    def prune_login_attempts(self, now: datetime | None = None) -> int:
        """Delete login attempts older than the window (they no longer count); how many."""
        now = now if now is not None else self.clock.now()
        with self.db.unit_of_work(write=True) as uow:
            count = uow.accounts.prune_attempts(now - self.window)
            uow.commit()
        return count

    # ------------------------------------------------------------------------------------------
    # Web sessions (the cookie is signed by the web layer; ending one is recorded here)

    def end_session(self, session_id: str, account_id: int, expires_at: datetime, now: datetime | None = None) -> None:
        """Log a web session out: from now on its cookie is refused, copies included, until it
        would have expired anyway. Sessions whose cookies have expired are forgotten here too.
        ``now``: the time the cookies are dated by (default: the service's clock)."""
        now = now if now is not None else self.clock.now()
        with self.db.unit_of_work(write=True) as uow:
            uow.accounts.end_session(session_id, account_id, now, expires_at)
            uow.accounts.prune_ended_sessions(now)
            uow.commit()
        log.info("session ended", extra={"account_id": account_id})

    def session_ended(self, session_id: str) -> bool:
        with self.db.unit_of_work() as uow:
            return uow.accounts.session_ended(session_id)

    def _verify(self, password_hash: str | None, password: str) -> bool:
        if len(password) > MAX_PASSWORD_LENGTH:
            return False
        try:
            return bool(self.hasher.verify(password_hash or self._dummy_hash, password)) and password_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _rehash(self, account_id: int, password: str) -> None:
        hashed = self.hasher.hash(password)
        with self.db.unit_of_work(write=True) as uow:
            uow.accounts.set_password_hash(account_id, hashed)
            uow.commit()

    def _record(self, username: str, at: datetime, outcome: str) -> None:
        with self.db.unit_of_work(write=True) as uow:
            uow.accounts.add_attempt(LoginAttempt(username, at, outcome))
            uow.commit()

    # ------------------------------------------------------------------------------------------
    # API tokens

    def create_token(self, username: str, name: str, *, expires_at: datetime | None = None) -> IssuedToken:
        """A new personal API token. Its text is in the result only: show it once, it is not stored."""
        name = name.strip()
        if not 1 <= len(name) <= 100:
            raise InvalidInput("name", _fill("token_name"))
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with self.db.unit_of_work(write=True) as uow:
            account = self._account(uow, username)
            record = uow.accounts.add_token(account.id, name, token_hash(token), self.clock.now(), expires_at)
            uow.commit()
        return IssuedToken(token, record)

    def authenticate_token(self, token: str, now: datetime | None = None) -> Identity | None:
        """The account a token belongs to, or None (unknown, revoked, expired, or account inactive)."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        now = now if now is not None else self.clock.now()
        with self.db.unit_of_work() as uow:
            record = uow.accounts.token_by_hash(token_hash(token))
            if record is None or record.revoked_at is not None:
                return None
            if record.expires_at is not None and record.expires_at <= now:
                return None
            account = uow.accounts.by_id(record.account_id)
            if account is None or not account.active:
                return None
            return self._identity(uow, account)

    def tokens(self, username: str) -> list[ApiToken]:
        with self.db.unit_of_work() as uow:
            return uow.accounts.tokens(self._account(uow, username).id)

    def revoke_token(self, username: str, token_id: int) -> None:
        with self.db.unit_of_work(write=True) as uow:
            account = self._account(uow, username)
            if token_id not in {t.id for t in uow.accounts.tokens(account.id)}:
                raise NotFound("token", str(token_id))
            uow.accounts.revoke_token(token_id, self.clock.now())
            uow.commit()

    # ------------------------------------------------------------------------------------------

    def _hash(self, password: str) -> str:
        if len(password) < self.min_password_length:
            raise InvalidInput("password", _fill("password_short", n=self.min_password_length))
        if len(password) > MAX_PASSWORD_LENGTH:
            raise InvalidInput("password", _fill("password_long"))
        return self.hasher.hash(password)

    def _check_role(self, role: str, scope_id: str) -> tuple[str, str]:
        role = role.strip().lower()
        scope_id = scope_id.strip()
        if role not in ROLES:
            raise InvalidInput("role", _fill("role"))
        if role == "admin" and scope_id:
            raise InvalidInput("unit", _fill("admin_scope"))
        if (role in UNIT_ROLES or role == "owner") and not scope_id:
            raise InvalidInput("unit", _fill("scope_required"))
        return role, scope_id

    def _check_scope(self, uow: UnitOfWork, role: str, scope_id: str) -> None:
        if not scope_id:
            return
        if role in UNIT_ROLES:
            if uow.orgs.unit(scope_id) is None:
                raise NotFound("unit", scope_id)
        elif role == "owner":
            if uow.orgs.owner(scope_id) is None:
                raise NotFound("owner", scope_id)
        elif uow.orgs.unit(scope_id) is None and uow.orgs.owner(scope_id) is None:
            raise NotFound("scope", scope_id)

    def _account(self, uow: UnitOfWork, username: str) -> Account:
        account = uow.accounts.by_username(normalise_username(username))
        if account is None:
            raise NotFound("account", normalise_username(username))
        return account

    def _identity(self, uow: UnitOfWork, account: Account) -> Identity:
        return Identity(account.id, account.username, account.active, account.staff_id,
                        tuple(uow.accounts.roles(account.id)), account.session_generation)
