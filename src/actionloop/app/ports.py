"""What the service layer needs from storage, as typed records and Protocols.

The SQLAlchemy adapter (``actionloop.adapters.db``) implements these; the services never see SQL.
A :class:`UnitOfWork` is one database transaction: everything done through its repositories is
committed together by :meth:`UnitOfWork.commit`, or rolled back when the block is left without it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Literal, Protocol

# --------------------------------------------------------------------------------------------------
# Records: cases


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """One row of the append-only log. ``payload`` is the event as canonical JSON text."""

    case_id: str
    seq: int
    type: str
    occurred_at: str
    recorded_at: datetime
    actor_id: str
    workflow_id: str | None
    payload: str
    hash_alg: str
    prev_hash: str
    hash: str
    position: int | None = None


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """The non-event part of a case file, plus the head of its log (last seq and hash)."""

    case_id: str
    setting: str
    unit_id: str
    owner: str | None
    child_id: str
    language: str | None
    #: The file's ``case`` object and ``people`` list, as canonical JSON.
    case_json: str
    people_json: str
    head_seq: int
    head_hash: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """The ``case_summary`` projection: one row per case, derived from its record and events only."""

    case_id: str
    setting: str
    unit_id: str
    owner: str | None
    #: The workflow state after replaying the events (None if the workflow engine gave none).
    state: str | None
    last_seq: int
    #: The local date of the first event, and of the closing event if the case is closed.
    opened_date: date | None
    closed_date: date | None
    last_event_date: date | None
    serious: bool
    staff_offender: bool
    leadership_offender: bool
    next_deadline: date | None
    next_deadline_duty: str | None
    #: The account that wrote the first event (for "staff see the cases they reported").
    opened_by: str | None
    #: ``workflow id@version`` that applies to the latest event.
    workflow_id: str | None


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """A filter over ``case_summary``; None means "any"."""

    unit_ids: Sequence[str] | None = None
    owners: Sequence[str] | None = None
    states: Sequence[str] | None = None
    closed: bool | None = None
    serious: bool | None = None
    #: True: only cases where staff or leadership are the suspected offender; False: none of them.
    staff_or_leadership: bool | None = None
    opened_by: str | None = None
    deadline_before: date | None = None
    case_ids: Sequence[str] | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    actor_id: str
    key: str
    request_hash: str
    case_id: str
    result_json: str
    created_at: datetime


# --------------------------------------------------------------------------------------------------
# Records: organisations

OwnerKind = Literal["municipality", "county", "private"]
UnitKind = Literal["school", "sfo", "kindergarten"]
StaffRoleName = Literal["staff", "teacher", "principal", "leadership", "case_handler"]


@dataclass(frozen=True, slots=True)
class Owner:
    """A school or kindergarten owner: a municipality, a county, or a private owner's board."""

    id: str
    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class OrgUnit:
    """A school, an SFO (which belongs to a school: ``school_id``) or a kindergarten."""

    id: str
    kind: str
    name: str
    owner_id: str
    school_id: str | None = None


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: str
    name: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class StaffRole:
    """A staff member's role at a unit; a case handler names the principal who delegated to them."""

    staff_id: str
    unit_id: str
    role: str
    delegated_by: str | None = None


@dataclass(frozen=True, slots=True)
class OrgChild:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Enrolment:
    """A child at a unit (a school, its SFO, a kindergarten), with the class or group if known."""

    child_id: str
    unit_id: str
    class_name: str | None = None


@dataclass(frozen=True, slots=True)
class Guardian:
    id: str
    name: str
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Guardianship:
    guardian_id: str
    child_id: str


@dataclass(frozen=True, slots=True)
class Roster:
    """Everything in the organisation tables (or everything one roster file adds)."""

    owners: tuple[Owner, ...] = ()
    units: tuple[OrgUnit, ...] = ()
    staff: tuple[StaffMember, ...] = ()
    staff_roles: tuple[StaffRole, ...] = ()
    children: tuple[OrgChild, ...] = ()
    enrolments: tuple[Enrolment, ...] = ()
    guardians: tuple[Guardian, ...] = ()
    guardianships: tuple[Guardianship, ...] = ()


# --------------------------------------------------------------------------------------------------
# Records: accounts


@dataclass(frozen=True, slots=True)
class Account:
    id: int
    username: str
    password_hash: str | None
    active: bool
    created_at: datetime
    #: The staff member (organisation roster) this account belongs to, if any.
    staff_id: str | None = None
    #: Raised when the password is set; web sessions signed with a lower number are refused.
    session_generation: int = 0


@dataclass(frozen=True, slots=True)
class AccountRole:
    """A role held in a scope: a unit id (staff, principal, case_handler, auditor), an owner id
    (owner, auditor), or ``""`` for the whole installation (admin, or auditor everywhere)."""

    account_id: int
    role: str
    scope_id: str


@dataclass(frozen=True, slots=True)
class ApiToken:
    id: int
    account_id: int
    name: str
    #: sha256 of the token, hex; the token itself is never stored.
    token_hash: str
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class LoginAttempt:
    username: str
    attempted_at: datetime
    #: ``ok``, ``failed`` (wrong name or password) or ``blocked`` (refused by the rate limit).
    outcome: str


# --------------------------------------------------------------------------------------------------
# Ports


class DuplicateKey(Exception):
    """An insert hit a unique constraint (another writer got there first)."""

    def __init__(self, table: str) -> None:
        self.table = table
        super().__init__(table)


class CaseRepository(Protocol):
    def get(self, case_id: str) -> CaseRecord | None: ...

    def lock(self, case_id: str) -> CaseRecord | None:
        """The record, locked against other writers until the transaction ends."""
        ...

    def add(self, record: CaseRecord) -> None:
        """A new case; :class:`DuplicateKey` if the id is taken."""
        ...

    def set_head(self, case_id: str, head_seq: int, head_hash: str, people_json: str) -> None: ...

    def append(self, events: Sequence[StoredEvent]) -> None:
        """New events; :class:`DuplicateKey` if a ``(case_id, seq)`` is taken."""
        ...

    def events(self, case_id: str) -> list[StoredEvent]: ...

    def all_records(self) -> Iterator[CaseRecord]: ...

    def all_events(self, case_id: str | None = None) -> Iterator[StoredEvent]:
        """Every event (or one case's) ordered by case id, then seq."""
        ...

    def put_summary(self, summary: CaseSummary) -> None: ...

    def clear_summaries(self) -> None: ...

    def summary(self, case_id: str) -> CaseSummary | None: ...

    def summaries(self, query: CaseQuery) -> list[CaseSummary]: ...

    def child_ids(self, case_ids: Sequence[str]) -> dict[str, str]:
        """The child id of each of the cases that exists (one read for many cases)."""
        ...


class IdempotencyRepository(Protocol):
    def get(self, actor_id: str, key: str) -> IdempotencyRecord | None: ...

    def put(self, record: IdempotencyRecord) -> None: ...


class OrgRepository(Protocol):
    def roster(self) -> Roster: ...

    def put(self, roster: Roster) -> None:
        """Insert or update every record in ``roster`` (by id); links are added if missing."""
        ...

    def owner(self, owner_id: str) -> Owner | None: ...

    def unit(self, unit_id: str) -> OrgUnit | None: ...

    def staff(self, staff_id: str) -> StaffMember | None: ...

    def units(self, owner_id: str | None = None) -> list[OrgUnit]: ...

    def staff_roles(self, *, staff_id: str | None = None, unit_id: str | None = None) -> list[StaffRole]: ...


class AccountRepository(Protocol):
    def by_username(self, username: str) -> Account | None: ...

    def by_id(self, account_id: int) -> Account | None: ...

    def all(self) -> list[Account]: ...

    def add(self, username: str, password_hash: str | None, staff_id: str | None, created_at: datetime) -> Account:
        """A new account; :class:`DuplicateKey` if the user name is taken."""
        ...

    def set_password_hash(self, account_id: int, password_hash: str, *, end_sessions: bool = False) -> None:
        """Store the hash; ``end_sessions``: also raise the session generation (ending the web
        sessions signed before)."""
        ...

    def set_active(self, account_id: int, active: bool) -> None: ...

    def roles(self, account_id: int) -> list[AccountRole]: ...

    def add_role(self, role: AccountRole) -> None: ...

    def remove_role(self, role: AccountRole) -> None: ...

    def add_token(
        self, account_id: int, name: str, token_hash: str, created_at: datetime, expires_at: datetime | None
    ) -> ApiToken: ...

    def token_by_hash(self, token_hash: str) -> ApiToken | None: ...

    def tokens(self, account_id: int) -> list[ApiToken]: ...

    def revoke_token(self, token_id: int, at: datetime) -> None: ...

    def add_attempt(self, attempt: LoginAttempt) -> None: ...

    def attempts(self, username: str, since: datetime) -> list[LoginAttempt]:
        """The attempts for a user name at or after ``since``, oldest first."""
        ...

    def prune_attempts(self, before: datetime) -> int: ...

    def end_session(self, session_id: str, account_id: int, ended_at: datetime, expires_at: datetime) -> None:
        """Record a web session as ended (again: nothing changes)."""
        ...

    def session_ended(self, session_id: str) -> bool: ...

    def prune_ended_sessions(self, before: datetime) -> int:
        """Forget sessions ended whose cookies expired before ``before``; how many."""
        ...


class UnitOfWork(Protocol):
    @property
    def cases(self) -> CaseRepository: ...

    @property
    def idempotency(self) -> IdempotencyRepository: ...

    @property
    def orgs(self) -> OrgRepository: ...

    @property
    def accounts(self) -> AccountRepository: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...


class Database(Protocol):
    """A storage backend: transactions, and a consistent copy of itself where it can make one."""

    @property
    def kind(self) -> str:
        """``sqlite`` or ``postgresql``."""
        ...

    def unit_of_work(self, *, write: bool = False, snapshot: bool = False) -> UnitOfWork:
        """A transaction. ``write``: it will write (SQLite takes the write lock at once, so two
        writers never deadlock on a lock upgrade). ``snapshot``: every read sees one consistent
        moment (PostgreSQL REPEATABLE READ; SQLite transactions always do)."""
        ...

    def copy_file(self, dest: Path) -> bool:
        """Write a consistent copy of the whole database to ``dest`` (a new file) and say True, or
        say False if this backend has no file copy (the caller then exports)."""
        ...
