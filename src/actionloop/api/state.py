"""What the routes share, built once by :func:`actionloop.api.app.create_app` and kept on
``app.state.api``: the services, the workflow registry, sessions, the organisation cache and the
document builders."""

from __future__ import annotations

import contextlib
import math
import os
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from actionloop.api.writer import WriterThread
from actionloop.app.access import Access, OrgView, PerformerIndex
from actionloop.app.accounts import Identity, token_hash
from actionloop.app.caselist import CaseListCache
from actionloop.app.ports import CaseQuery, CaseSummary, Roster
from actionloop.app.readlog import ReadLog
from actionloop.app.reminders import ReminderService
from actionloop.app.services import Services
from actionloop.core.audit import Auditor, Finding
from actionloop.core.clock import Clock, today
from actionloop.core.model import CaseFile
from actionloop.core.policy import Policy
from actionloop.settings import Settings
from actionloop.workflow.registry import WorkflowRegistry

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

SESSION_COOKIE = "actionloop_session"
_SESSION_SALT = "actionloop.session.v1"


class Documents(Protocol):
    """The Word documents, as the API needs them (the composition root wires the docx adapter)."""

    media_type: str

    def plan(self, case: CaseFile, version: int | None, *, family: bool) -> bytes: ...

    def log(self, case: CaseFile, findings: Sequence[Finding], *, as_of: date, family: bool) -> bytes: ...

    def audit_report(
        self, items: Sequence[tuple[CaseFile, Sequence[Finding]]], *, unit: str | None, owner: str | None,
        start: date | None, end: date | None, as_of: date, lang: str,
    ) -> bytes: ...

    def filename(self, case_id: str, kind: str) -> str: ...

    def disposition(self, filename: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Session:
    """What a valid session cookie says: whose session, which one (the cookie's nonce, the same in
    every copy of the cookie) and until when the cookie is valid."""

    account_id: int
    session_id: str
    expires_at: datetime
    #: The account's session generation when the cookie was signed (0 in cookies without one).
    generation: int = 0

    def current_for(self, identity: Identity) -> bool:
        """Whether the account's password was not set since the cookie was signed."""
        return self.generation == identity.session_generation


class SessionSigner:
    """Signed session cookies: the account id and a nonce, signed and dated (itsdangerous)."""

    def __init__(self, secret: str, max_age: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt=_SESSION_SALT)
        self.max_age = max_age

    def issue(self, account_id: int, generation: int = 0) -> str:
        """A new cookie for the account (``generation``: the account's session generation now)."""
        return self._serializer.dumps({"a": account_id, "n": secrets.token_urlsafe(12), "g": generation})

    def read(self, value: str) -> Session | None:
        """The session of a valid, unexpired cookie; None otherwise. (Whether the session was
        ended by logging out is the database's to say: :meth:`ApiState.session_open`.)"""
        if len(value) > 500:
            return None
        try:
            data, signed_at = self._serializer.loads(value, max_age=self.max_age, return_timestamp=True)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(data, dict):
            return None
        account, nonce, generation = data.get("a"), data.get("n"), data.get("g", 0)
        if not isinstance(account, int) or isinstance(account, bool):
            return None
        if not isinstance(generation, int) or isinstance(generation, bool):
            return None
        if not isinstance(nonce, str) or not 1 <= len(nonce) <= 64:
            return None
        return Session(account, nonce, signed_at + timedelta(seconds=self.max_age), generation)


def session_secret(settings: Settings) -> str:
    """The configured secret, or one kept in ``<data_dir>/session.key`` (made on first use, 0600)."""
    if settings.session_secret:
        return settings.session_secret
    path = Path(settings.data_dir) / "session.key"
    try:
        text = path.read_text("ascii").strip()
        if len(text) >= 32:
            return text
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret)
    try:
        os.link(tmp, path)  # the first process to get here wins; the others read its key
    except FileExistsError:
        secret = path.read_text("ascii").strip()
    finally:
        tmp.unlink()
    return secret


@dataclass(frozen=True, slots=True)
class OrgSnapshot:
    """The organisation as the routes use it: the roster, and look-ups built from it."""

    roster: Roster
    view: OrgView
    #: (staff id, unit id) -> the staff member's roles there.
    roles_at: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    staff_names: dict[str, str] = field(default_factory=dict)
    children: dict[str, str] = field(default_factory=dict)
    enrolled: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(cls, roster: Roster) -> OrgSnapshot:
        roles: dict[tuple[str, str], list[str]] = {}
        for r in roster.staff_roles:
            roles.setdefault((r.staff_id, r.unit_id), []).append(r.role)
        return cls(
            roster=roster,
            view=OrgView.of(roster.units, roster.owners),
            roles_at={k: tuple(v) for k, v in roles.items()},
            staff_names={s.id: s.name for s in roster.staff},
            children={c.id: c.name for c in roster.children},
            enrolled=frozenset((e.child_id, e.unit_id) for e in roster.enrolments),
        )

    def person_role(self, staff_id: str, unit_id: str) -> str:
        """The case-file role of a staff member at a unit (or at its school, for an SFO)."""
        roles = self.roles_at.get((staff_id, unit_id), ())
        unit = self.view.units.get(unit_id)
        if not roles and unit is not None and unit.school_id:
            roles = self.roles_at.get((staff_id, unit.school_id), ())
        for wanted, role in (("principal", "principal"), ("leadership", "leadership"),
                             ("case_handler", "leadership"), ("teacher", "teacher")):
            if wanted in roles:
                return role
        return "staff"


class OrgCache:
    """The organisation, read again at most every ``ttl`` seconds (it changes by roster imports)."""

    def __init__(self, load: Callable[[], Roster], ttl: float = 2.0) -> None:
        self._load = load
        self._ttl = ttl
        self._lock = threading.Lock()
        self._snapshot: OrgSnapshot | None = None
        self._loaded_at = 0.0

    def fresh(self) -> OrgSnapshot | None:
        """The snapshot if it is fresh enough to use without reading the database."""
        snapshot = self._snapshot
        if snapshot is not None and time.monotonic() - self._loaded_at < self._ttl:
            return snapshot
        return None

    def get(self) -> OrgSnapshot:
        now = time.monotonic()
        snapshot = self._snapshot
        if snapshot is not None and now - self._loaded_at < self._ttl:
            return snapshot
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None or time.monotonic() - self._loaded_at >= self._ttl:
                snapshot = self._snapshot = OrgSnapshot.of(self._load())
                self._loaded_at = time.monotonic()
            return snapshot

    def invalidate(self) -> None:
        self._loaded_at = 0.0


class TtlCache(Generic[K, V]):
    """Values kept ``ttl`` seconds (none at all where ``ttl`` is 0), or for good where put with
    ``keep``; at most ``size`` (when full, it starts again empty)."""

    def __init__(self, ttl: float, size: int = 10_000) -> None:
        self.ttl = ttl
        self._size = size
        self._lock = threading.Lock()
        self._entries: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._entries.get(key)
        if found is None or time.monotonic() - found[0] > self.ttl:
            return None
        return found[1]

    def put(self, key: K, value: V, *, keep: bool = False) -> None:
        if self.ttl <= 0 and not keep:
            return
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.clear()
            self._entries[key] = (math.inf if keep else time.monotonic(), value)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class IdentityCache(TtlCache[tuple[str, object], Identity]):
    """What was read about an account (by token hash or account id), kept ``ttl`` seconds."""


class EndedSessions(TtlCache[str, bool]):
    """Whether a session was ended (True) or is open (False), as the database said within the last
    ``ttl`` seconds; a session ended by this process is kept as ended for good (one ended by
    another process counts within ``ttl`` seconds, as with the other caches of accounts)."""


class AccessCache:
    """The :class:`Access` of an identity in an organisation view, kept while both are the very
    same objects (the identity and organisation caches hand out the same ones until they read
    again): the rules are worked out once, not on every request (API and web pages alike). An
    entry holds what its key names by ``id``."""

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._kept: dict[tuple[int, int], Access] = {}

    def get(self, identity: Identity, view: OrgView) -> Access:
        key = (id(identity), id(view))
        access = self._kept.get(key)
        if access is None or access.identity is not identity or access.org is not view:
            access = Access(identity, view)
            if len(self._kept) >= self._size:
                self._kept.clear()
            self._kept[key] = access
        return access


@dataclass
class ApiState:
    settings: Settings
    services: Services
    reads: ReadLog
    registry: WorkflowRegistry
    policy: Policy
    auditor: Auditor
    documents: Documents
    sessions: SessionSigner
    org: OrgCache
    performers: PerformerIndex
    clock: Clock
    close: Callable[[], None] = lambda: None
    #: Writes run in one thread of their own (SQLite has one writer: queueing the requests on the
    #: event loop is cheaper than sixteen threads taking turns at the lock and the GIL); otherwise
    #: (PostgreSQL writes proceed in parallel) in the shared thread pool.
    single_writer: bool = False
    _writer: WriterThread | None = None
    _writer_lock: threading.Lock = field(default_factory=threading.Lock)
    case_lists: CaseListCache | None = None
    identities: IdentityCache = field(default_factory=lambda: IdentityCache(0))
    usernames: dict[int, str] = field(default_factory=dict)
    access: AccessCache = field(default_factory=AccessCache)
    ended_sessions: EndedSessions = field(default_factory=lambda: EndedSessions(0))
    #: The deadline scan and the reminders it records (None: no reminders in this app).
    reminders: ReminderService | None = None

    #: Makes a transaction that several writes share (group commit; see
    #: :mod:`actionloop.api.writer`), where the database has one.
    write_group: Callable[[], AbstractContextManager[None]] | None = None

    async def write(self, fn: Callable[..., T], *args: Any, group: bool = False) -> T:
        """Run ``fn(*args)`` (a write) off the event loop, where writes run. ``group``: ``fn`` only
        stores through the services' units of work, and may share a transaction with other such
        writes (it is answered only after that transaction is committed)."""
        if not self.single_writer:
            return await run_in_threadpool(fn, *args)
        with self._writer_lock:
            if self._writer is None:
                make = self.write_group or contextlib.nullcontext
                self._writer = WriterThread(make, on_group_failed=self.performers.clear)
            writer = self._writer
        result: T = await writer.run(fn, args, groupable=group and self.write_group is not None)
        return result

    def stop_writer(self) -> None:
        """Finish the writes under way and stop the writer thread (a new one starts if needed)."""
        with self._writer_lock:
            writer, self._writer = self._writer, None
        if writer is not None:
            writer.stop()

    def list_cases(self, query: CaseQuery) -> list[CaseSummary]:
        """Summary rows for ``query`` (kept while nothing changes, where the database allows it);
        the list is shared: do not change it."""
        if self.case_lists is not None:
            return self.case_lists.list(query)
        return self.services.cases.list_cases(query)

    def today(self) -> date:
        return today(self.clock)

    def cached_token_identity(self, token: str) -> Identity | None:
        return self.identities.get(("token", token_hash(token)))

    def cached_account_identity(self, account_id: int) -> Identity | None:
        return self.identities.get(("account", account_id))

    def token_identity(self, token: str) -> Identity | None:
        key = ("token", token_hash(token))
        identity = self.identities.get(key)
        if identity is None:
            identity = self.services.accounts.authenticate_token(token)
            if identity is not None:
                self.identities.put(key, identity)
        return identity

    def account_identity(self, account_id: int) -> Identity | None:
        key = ("account", account_id)
        identity = self.identities.get(key)
        if identity is None:
            identity = self.services.accounts.get_by_id(account_id)
            if identity is not None:
                self.identities.put(key, identity)
        return identity

    async def session_identity(self, cookie: str) -> Identity | None:
        """The active account behind a session cookie, or None: a cookie that is forged or expired,
        a session ended by logging out, one signed before the password was last set, an inactive
        account. What was read recently comes from memory; the database is read in the thread pool."""
        found = self.sessions.read(cookie)
        if found is None or not await self.session_open(found):
            return None
        identity = (self.cached_account_identity(found.account_id)
                    or await run_in_threadpool(self.account_identity, found.account_id))
        if identity is None or not identity.active or not found.current_for(identity):
            return None
        return identity

    async def session_open(self, session: Session) -> bool:
        """Whether ``session`` is still open (not ended by logging out); the database is asked in
        the thread pool, at most once every few seconds per session."""
        ended = self.ended_sessions.get(session.session_id)
        if ended is None:
            ended = await run_in_threadpool(self.services.accounts.session_ended, session.session_id)
            self.ended_sessions.put(session.session_id, ended, keep=ended)
        return not ended

    def start_session(self, response: Response, identity: Identity) -> None:
        """Give ``response`` a new session cookie for ``identity`` (signed, HttpOnly, SameSite=Lax;
        Secure where configured)."""
        response.set_cookie(
            SESSION_COOKIE, self.sessions.issue(identity.account_id, identity.session_generation),
            max_age=self.sessions.max_age, httponly=True, samesite="lax", secure=self.settings.cookie_secure, path="/",
        )

    def drop_session_cookie(self, response: Response) -> None:
        """Have the browser delete the session cookie."""
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                               secure=self.settings.cookie_secure)

    def end_session(self, session: Session) -> None:
        """Log ``session`` out: its cookie, and every copy of it, is refused from now on (a write)."""
        self.services.accounts.end_session(session.session_id, session.account_id, session.expires_at,
                                          now=datetime.now(UTC))
        self.ended_sessions.put(session.session_id, True, keep=True)

    def username(self, account_id: int) -> str | None:
        name = self.usernames.get(account_id)
        if name is None:
            identity = self.services.accounts.get_by_id(account_id)
            if identity is None:
                return None
            name = self.usernames[account_id] = identity.username
        return name


__all__ = ["SESSION_COOKIE", "ApiState", "Documents", "EndedSessions", "OrgCache", "OrgSnapshot", "Session",
           "SessionSigner"]
