"""Request and response bodies (pydantic). Requests forbid unknown fields; free text is bounded."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Source = Literal["observed", "child_said", "guardian_said", "other_child_said", "staff_said", "survey", "other"]
Offender = Literal["child", "staff", "leadership", "unknown", "none"]
Language = Literal["nb", "nn", "en"]
#: The case file's ``when``: a date, or a date and time with an offset.
WHEN_PATTERN = r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
Id = Field(min_length=1, max_length=200)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- auth -------------------------------------------------------------------------------------------


class LoginIn(_In):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1024)


class RoleOut(BaseModel):
    role: str
    scope_id: str
    scope_name: str | None = None


class MeOut(BaseModel):
    account_id: int
    username: str
    staff_id: str | None
    staff_name: str | None = None
    roles: list[RoleOut]


class MessageOut(BaseModel):
    message: str


class TokenIn(_In):
    name: str = Field(min_length=1, max_length=100)
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)


class TokenOut(BaseModel):
    id: int
    name: str
    created_at: datetime
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


class NewTokenOut(TokenOut):
    #: The token itself: shown this once, never stored.
    token: str


class UnitOut(BaseModel):
    id: str
    kind: str
    name: str
    owner_id: str
    school_id: str | None = None


# --- cases ------------------------------------------------------------------------------------------


class ConcernIn(_In):
    """A new concern: someone working at the unit suspects or knows that the child does not have a
    safe and good environment. Makes a new case."""

    unit_id: str = Id
    child_id: str = Id
    source: Source
    offender: Offender
    serious: bool | None = None
    text: str | None = Field(default=None, max_length=20_000)
    #: When it happened (default: now).
    at: str | None = Field(default=None, pattern=WHEN_PATTERN, max_length=40)
    #: Who noticed (a person id; default: the signed-in staff member).
    by: str | None = Field(default=None, min_length=1, max_length=200)
    language: Language | None = None


class EventIn(_In):
    """One step of the loop, as an event of the case file (``actionloop-case/1``), written after
    event no. ``expected_seq``."""

    expected_seq: int = Field(ge=0, le=10_000_000)
    event: dict[str, Any]
    #: People the event refers to who are not yet in the case (as in the case file's ``people``).
    people: list[dict[str, Any]] = Field(default_factory=list, max_length=50)


class AppendOut(BaseModel):
    case_id: str
    seq: int
    hash: str
    added: int
    state: str | None
    #: True when this answers a retry (same Idempotency-Key): nothing was added.
    replayed: bool = False


class CaseItem(BaseModel):
    case_id: str
    setting: str
    unit_id: str
    state: str | None
    state_label: str | None = None
    last_seq: int
    opened_date: date | None
    closed_date: date | None
    last_event_date: date | None
    serious: bool
    staff_offender: bool
    leadership_offender: bool
    next_deadline: date | None
    next_deadline_duty: str | None
    overdue: bool
    #: What the caller may do: ``read``, ``staff`` (the steps staff take) or ``full``.
    access: str


class CaseListOut(BaseModel):
    items: list[CaseItem]
    limit: int
    offset: int
    #: The offset of the next page, if there is one.
    next_offset: int | None = None


class PersonOut(BaseModel):
    id: str
    role: str
    name: str | None = None


class TimelineEntry(BaseModel):
    seq: int
    type: str
    label: str
    at: str
    day: date
    by: str | None = None
    text: str | None = None
    #: The event's other fields, as in the case file.
    fields: dict[str, Any] = Field(default_factory=dict)
    recorded_at: datetime
    recorded_by: str
    workflow_id: str | None = None
    #: Why the step was out of order, if it was.
    irregular: str | None = None


class StepOut(BaseModel):
    trigger: str
    track: str
    label: str
    allowed: bool
    reason: str | None = None
    missing: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    legal_refs: list[str] = Field(default_factory=list)


class CaseOut(BaseModel):
    case_id: str
    setting: str
    unit: dict[str, Any]
    child: dict[str, Any]
    language: str | None
    seq: int
    hash: str
    state: str | None
    state_label: str | None = None
    workflow_id: str | None = None
    serious: bool
    staff_offender: bool
    leadership_offender: bool
    opened_date: date | None
    closed_date: date | None
    access: str
    people: list[PersonOut]
    timeline: list[TimelineEntry]
    deadlines: list[dict[str, Any]]
    statsforvalteren: dict[str, Any]
    next_steps: list[StepOut]


class FindingOut(BaseModel):
    duty: str
    status: str
    legal_ref: str
    events: list[int]
    message: str


class CaseAuditOut(BaseModel):
    format: str
    case: str
    as_of: date
    findings: list[FindingOut]


class ScopeOut(BaseModel):
    unit: str | None = None
    owner: str | None = None
    start: date | None = None
    end: date | None = None


class AuditOut(BaseModel):
    scope: ScopeOut
    as_of: date
    #: Every case of the scope in the period (the figures count them all).
    cases_total: int
    #: duty -> status -> number of cases.
    totals: dict[str, dict[str, int]]
    #: The findings of the cases the caller may read.
    cases: list[CaseAuditOut]


class DeadlineDue(BaseModel):
    case_id: str
    unit_id: str
    state: str | None
    duty: str | None
    due: date
    overdue: bool


class DeadlinesOut(BaseModel):
    as_of: date
    items: list[DeadlineDue]


class UnitFigures(BaseModel):
    unit_id: str
    name: str | None = None
    kind: str | None = None
    total: int = 0
    open: int = 0
    closed: int = 0
    serious: int = 0
    staff_offender: int = 0
    leadership_offender: int = 0
    overdue: int = 0
    by_state: dict[str, int] = Field(default_factory=dict)


class FiguresOut(BaseModel):
    as_of: date
    units: list[UnitFigures]
    total: UnitFigures


class ReadOut(BaseModel):
    case_id: str
    account_id: int
    username: str | None
    read_at: datetime
    what: str


class ReadLogOut(BaseModel):
    items: list[ReadOut]
    limit: int
    offset: int
    next_offset: int | None = None


class HealthOut(BaseModel):
    status: str
