"""The case file as typed, immutable values (format ``actionloop-case/1``).

Every value keeps what it needs to be written back exactly as it was read: the original ``at``
string, the original key order, and any event fields the format does not name (``extra``).
Export followed by import gives the same case, event for event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

FORMAT: Final = "actionloop-case/1"
AUDIT_FORMAT: Final = "actionloop-audit/1"

SETTINGS: Final = ("school", "sfo", "kindergarten")
LANGUAGES: Final = ("nb", "nn", "en")
ROLES: Final = (
    "staff", "teacher", "principal", "leadership", "owner", "guardian", "child",
    "other_child", "ppt", "health", "other",
)
#: Roles of people who work at the unit (everyone the duty to act binds).
STAFF_ROLES: Final = frozenset({"staff", "teacher", "principal", "leadership"})
#: Roles that may receive the report for the principal (rektor / styrer, or the leadership).
PRINCIPAL_ROLES: Final = frozenset({"principal", "leadership"})

EVENT_TYPES: Final = (
    "concern", "intervention", "report_to_principal", "report_to_owner", "serious",
    "investigation_started", "child_heard", "heard", "observation", "investigation_concluded",
    "plan", "measure_done", "evaluation", "closed", "child_left", "raised_with_principal",
    "sf_report", "sf_decision", "sf_order_done", "coercive_fine", "note",
)
#: Event types where ``by`` may be left out.
BY_OPTIONAL: Final = frozenset({"child_left", "sf_decision", "coercive_fine"})
#: Event types that are acts of investigating (undersøkje).
INVESTIGATIVE: Final = frozenset({
    "investigation_started", "child_heard", "heard", "observation", "investigation_concluded",
})


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    text: str
    when: str | None = None
    performer: str | None = None
    responsible: str | None = None
    target: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        for key in ("when", "performer", "responsible", "target"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True, slots=True)
class Plan:
    problem: str
    measures: tuple[Measure, ...]
    evaluations: tuple[date, ...]
    version: int | None = None
    child_views: str | None = None
    best_interests: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.version is not None:
            out["version"] = self.version
        out["problem"] = self.problem
        out["measures"] = [m.to_dict() for m in self.measures]
        out["evaluations"] = [d.isoformat() for d in self.evaluations]
        if self.child_views is not None:
            out["child_views"] = self.child_views
        if self.best_interests is not None:
            out["best_interests"] = self.best_interests
        return out


@dataclass(frozen=True, slots=True)
class Order:
    """An order (pålegg) in a decision from Statsforvaltaren."""

    id: str
    text: str
    deadline: date | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.deadline is not None:
            out["deadline"] = self.deadline.isoformat()
        return out


@dataclass(frozen=True, slots=True)
class Event:
    """One dated act in a case.

    ``at`` is the instant (aware; a date-only event is placed at local midnight), ``day`` the local
    (Europe/Oslo) date, ``timed`` whether the time of day is known, and ``at_text`` the string as
    written. ``fields`` holds the type-specific fields named by the format (``source``, ``to``,
    ``plan`` …) as typed values; ``extra`` any further fields, kept for a lossless export.
    """

    index: int
    type: str
    at: datetime
    day: date
    timed: bool
    at_text: str
    by: str | None = None
    text: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    key_order: tuple[str, ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    @property
    def plan(self) -> Plan:
        value = self.fields["plan"]
        assert isinstance(value, Plan)
        return value

    def to_dict(self) -> dict[str, Any]:
        values: dict[str, Any] = {"at": self.at_text, "type": self.type}
        if self.by is not None:
            values["by"] = self.by
        if self.text is not None:
            values["text"] = self.text
        for key, value in self.fields.items():
            values[key] = _plain(value)
        values.update(self.extra)
        order = [k for k in self.key_order if k in values]
        order += [k for k in values if k not in order]
        return {k: values[k] for k in order}


def _plain(value: Any) -> Any:
    if isinstance(value, (Plan, Order, Measure)):
        return value.to_dict()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    role: str
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "role": self.role}
        if self.name is not None:
            out["name"] = self.name
        return out


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    name: str
    owner: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.owner is not None:
            out["owner"] = self.owner
        return out


@dataclass(frozen=True, slots=True)
class Child:
    id: str
    name: str | None = None
    birth_date: date | None = None
    grade: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.name is not None:
            out["name"] = self.name
        if self.birth_date is not None:
            out["birth_date"] = self.birth_date.isoformat()
        if self.grade is not None:
            out["grade"] = self.grade
        return out


@dataclass(frozen=True, slots=True)
class CaseInfo:
    id: str
    setting: str
    unit: Unit
    child: Child
    language: str | None = None

    @property
    def lang(self) -> str:
        """The language for messages and documents (bokmål when the file names none)."""
        return self.language or "nb"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "setting": self.setting,
            "unit": self.unit.to_dict(), "child": self.child.to_dict(),
        }
        if self.language is not None:
            out["language"] = self.language
        return out


@dataclass(frozen=True, slots=True)
class CaseFile:
    case: CaseInfo
    people: tuple[Person, ...]
    events: tuple[Event, ...]

    @property
    def id(self) -> str:
        return self.case.id

    def person(self, person_id: str | None) -> Person | None:
        if person_id is None:
            return None
        for p in self.people:
            if p.id == person_id:
                return p
        return None

    def role_of(self, person_id: str | None) -> str | None:
        p = self.person(person_id)
        return p.role if p else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "case": self.case.to_dict(),
            "people": [p.to_dict() for p in self.people],
            "events": [e.to_dict() for e in self.events],
        }
