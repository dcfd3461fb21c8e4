"""Who may see and do what: the access rules of issue 3, as plain functions over an account's roles,
the organisation and a case's summary row. No web framework here; the API (and later the web
pages) ask these questions and turn a "no" into 404 for a case (never 403: no leak of whether it
exists) and 403 for a unit or an action.

=============  =====================================================================================
role           sees (and may write where it says so)
=============  =====================================================================================
anyone         the cases they reported themselves (write, as staff)
staff          the cases where they carry out a measure of the current plan, at their own units
               (write: the steps staff take) — never a case where staff or leadership are suspected
principal,     every case of their unit, and of the SFOs that belong to their school (write) — except
case_handler   a case where the leadership is suspected: that goes to the owner, hidden from them
owner          serious cases and every case where staff or leadership are suspected, at the owner's
               units (write); figures and the read log for all of its units
auditor        every case in scope (a unit, an owner, or everywhere), read only; findings and logs
admin          no case contents; figures, the read log and imports everywhere
=============  =====================================================================================

The person suspected is not named in the case file, so the rules hide a staff case from every
staff member but the one who reported it, and a leadership case from the whole leadership of the
unit (principal and case handlers) and from staff.
"""

from __future__ import annotations

import dataclasses
import enum
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from actionloop.app.accounts import Identity
from actionloop.app.ports import CaseQuery, CaseSummary, OrgUnit, Owner
from actionloop.core.model import CaseFile

#: The steps a staff member (not the leadership) records: what the duty to act asks of everyone
#: working at the unit, and their own measures.
STAFF_EVENT_TYPES = frozenset({
    "intervention", "report_to_principal", "report_to_owner", "observation", "note", "measure_done",
    "child_heard", "heard",
})
LEADER_ROLES = ("principal", "case_handler")
UNIT_ROLES = ("staff", "principal", "case_handler")


def actor_id(account_id: int) -> str:
    """The id recorded as the author of events an account writes (``opened_by`` of its cases)."""
    return f"account:{account_id}"


class Level(enum.IntEnum):
    """How far an account may go with one case."""

    NONE = 0
    #: Read everything, write nothing (auditor).
    READ = 1
    #: Read, and write the steps staff take (:data:`STAFF_EVENT_TYPES`).
    STAFF = 2
    #: Read and write every step (principal, case handler, owner).
    FULL = 3

    @property
    def can_write(self) -> bool:
        return self >= Level.STAFF

    def may_record(self, event_type: str) -> bool:
        return self == Level.FULL or (self == Level.STAFF and event_type in STAFF_EVENT_TYPES)


@dataclass(frozen=True, slots=True)
class OrgView:
    """The owners and units, by id (what the rules look up)."""

    units: Mapping[str, OrgUnit] = field(default_factory=dict)
    owners: Mapping[str, Owner] = field(default_factory=dict)
    #: unit id -> the unit and the SFOs that belong to it; owner id -> its units (built once).
    _led: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _owned: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        led: dict[str, list[str]] = {u: [u] for u in self.units}
        owned: dict[str, list[str]] = {}
        for u in self.units.values():
            if u.school_id:
                led.setdefault(u.school_id, [u.school_id]).append(u.id)
            owned.setdefault(u.owner_id, []).append(u.id)
        object.__setattr__(self, "_led", {k: tuple(v) for k, v in led.items()})
        object.__setattr__(self, "_owned", {k: tuple(v) for k, v in owned.items()})

    @classmethod
    def of(cls, units: Iterable[OrgUnit], owners: Iterable[Owner]) -> OrgView:
        return cls({u.id: u for u in units}, {o.id: o for o in owners})

    def owner_of_unit(self, unit_id: str) -> str | None:
        unit = self.units.get(unit_id)
        return unit.owner_id if unit else None

    def owner_of(self, summary: CaseSummary) -> str | None:
        """The owner id of a case: its unit's owner, or (a unit not in the roster) the owner the
        case file names, by id or by name."""
        owner = self.owner_of_unit(summary.unit_id)
        if owner is not None or not summary.owner:
            return owner
        if summary.owner in self.owners:
            return summary.owner
        wanted = summary.owner.strip().casefold()
        for o in self.owners.values():
            if o.name.strip().casefold() == wanted:
                return o.id
        return None

    def units_of_owner(self, owner_id: str) -> list[str]:
        return list(self._owned.get(owner_id, ()))

    def led_units(self, unit_id: str) -> tuple[str, ...]:
        """A unit and the SFOs that belong to it (a school principal leads the school's SFO)."""
        return self._led.get(unit_id, (unit_id,))

    def owner_names(self, owner_id: str) -> list[str]:
        owner = self.owners.get(owner_id)
        return [owner_id, owner.name] if owner else [owner_id]


#: The staff ids that carry out (or, where no one is named to carry out, are responsible for) a
#: measure of the case's current plan.
Performers = Callable[[CaseSummary], frozenset[str]]


def plan_performers(case: CaseFile) -> frozenset[str]:
    plans = [e for e in case.events if e.type == "plan"]
    if not plans:
        return frozenset()
    out: set[str] = set()
    for measure in plans[-1].plan.measures:
        who = measure.performer or measure.responsible
        if who:
            out.add(who)
    return frozenset(out)


class PerformerIndex:
    """Performers per case, read once per version of a case (its last seq) and kept in memory."""

    def __init__(self, load: Callable[[str], CaseFile], size: int = 20_000) -> None:
        self._load = load
        self._size = size
        self._cache: dict[tuple[str, int], frozenset[str]] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget everything read (after a failed group commit: what was read in the group may
        never have been stored)."""
        with self._lock:
            self._cache.clear()

    def __call__(self, summary: CaseSummary) -> frozenset[str]:
        key = (summary.case_id, summary.last_seq)
        with self._lock:
            found = self._cache.get(key)
        if found is not None:
            return found
        performers = plan_performers(self._load(summary.case_id))
        with self._lock:
            if len(self._cache) >= self._size:
                self._cache.clear()
            self._cache[key] = performers
        return performers


@dataclass(frozen=True, slots=True)
class _Rules:
    """An account's roles boiled down to sets, for judging many cases quickly."""

    actor: str
    led: frozenset[str]
    owners: frozenset[str]
    audit_all: bool
    audit_units: frozenset[str]
    audit_owners: frozenset[str]
    staff_units: frozenset[str]


@dataclass(frozen=True, slots=True)
class Access:
    """The rules for one account."""

    identity: Identity
    org: OrgView
    _rules: _Rules = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        led: set[str] = set()
        owners: set[str] = set()
        audit_units: set[str] = set()
        audit_owners: set[str] = set()
        staff_units: set[str] = set()
        audit_all = False
        for role in self.identity.roles:
            scope = role.scope_id
            if role.role in LEADER_ROLES:
                led.update(self.org.led_units(scope))
            elif role.role == "owner":
                owners.add(scope)
            elif role.role == "auditor":
                if scope == "":
                    audit_all = True
                else:
                    audit_units.update(self.org.led_units(scope))
                    audit_owners.add(scope)
            elif role.role == "staff":
                staff_units.add(scope)
        rules = _Rules(actor_id(self.identity.account_id), frozenset(led), frozenset(owners), audit_all,
                       frozenset(audit_units), frozenset(audit_owners), frozenset(staff_units))
        object.__setattr__(self, "_rules", rules)

    @property
    def actor(self) -> str:
        return self._rules.actor

    def scopes(self, *roles: str) -> tuple[str, ...]:
        return tuple(r.scope_id for r in self.identity.roles if r.role in roles)

    @property
    def is_admin(self) -> bool:
        return self.identity.has("admin")

    # ------------------------------------------------------------------------------------------
    # Cases

    def case_level(self, summary: CaseSummary, performers: Performers | None = None) -> Level:
        """How far this account may go with the case (``Level.NONE``: it must not learn it exists)."""
        rules = self._rules
        if rules.led and not summary.leadership_offender and summary.unit_id in rules.led:
            return Level.FULL
        suspected = summary.staff_offender or summary.leadership_offender
        if rules.owners and (summary.serious or suspected) and self.org.owner_of(summary) in rules.owners:
            return Level.FULL
        if summary.opened_by == rules.actor:
            return Level.STAFF
        if (
            summary.unit_id in rules.staff_units and not suspected and performers is not None
            and self.identity.staff_id is not None and self.identity.staff_id in performers(summary)
        ):
            return Level.STAFF
        if rules.audit_all or summary.unit_id in rules.audit_units or (
            rules.audit_owners and self.org.owner_of(summary) in rules.audit_owners
        ):
            return Level.READ
        return Level.NONE

    def candidate_queries(self, base: CaseQuery) -> list[CaseQuery]:
        """Queries whose union holds every case this account may see (and some it may not:
        :meth:`case_level` decides), each narrowed by the filters of ``base``."""
        queries: list[CaseQuery | None] = [_narrow(base, opened_by=self.actor)]
        for role in self.identity.roles:
            scope = role.scope_id
            if role.role in LEADER_ROLES:
                queries.append(_narrow(base, unit_ids=self.org.led_units(scope)))
            elif role.role == "owner":
                queries.append(_narrow(base, unit_ids=self.org.units_of_owner(scope)))
                queries.append(_narrow(base, owners=self.org.owner_names(scope)))
            elif role.role == "auditor":
                if scope == "":
                    queries.append(base)
                elif scope in self.org.owners:
                    queries.append(_narrow(base, unit_ids=self.org.units_of_owner(scope)))
                    queries.append(_narrow(base, owners=self.org.owner_names(scope)))
                else:
                    queries.append(_narrow(base, unit_ids=self.org.led_units(scope)))
            elif role.role == "staff" and self.identity.staff_id is not None:
                queries.append(_narrow(base, unit_ids=[scope], staff_or_leadership=False))
        return [q for q in queries if q is not None]

    # ------------------------------------------------------------------------------------------
    # Units and owners

    def may_register_at(self, unit_id: str) -> bool:
        """Whether the account may register a concern at the unit (anyone working there, its
        leadership, and its owner)."""
        for role in self.identity.roles:
            if role.role in UNIT_ROLES and unit_id in self.org.led_units(role.scope_id):
                return True
            if role.role == "owner" and self.org.owner_of_unit(unit_id) == role.scope_id:
                return True
        return False

    def may_import_to(self, unit_id: str, owner: str | None) -> bool:
        """Whether the account may import a case file of the unit (leadership, owner, admin)."""
        if self.is_admin:
            return True
        for role in self.identity.roles:
            if role.role in LEADER_ROLES and unit_id in self.org.led_units(role.scope_id):
                return True
            if role.role == "owner":
                known = self.org.owner_of_unit(unit_id)
                if known == role.scope_id:
                    return True
                if known is None and owner is not None and owner in self.org.owner_names(role.scope_id):
                    return True
        return False

    def figure_units(self) -> list[str] | None:
        """The units whose figures (counts, no case contents) and read log this account may see:
        None for every unit (admin, auditor everywhere)."""
        units: set[str] = set()
        for role in self.identity.roles:
            scope = role.scope_id
            if role.role == "admin" or (role.role == "auditor" and scope == ""):
                return None
            if role.role in LEADER_ROLES:
                units.update(self.org.led_units(scope))
            elif role.role in ("owner", "auditor") and scope in self.org.owners:
                units.update(self.org.units_of_owner(scope))
            elif role.role == "auditor":
                units.update(self.org.led_units(scope))
        return sorted(units)

    def read_log_units(self) -> list[str] | None:
        """The units whose read log this account may see (owner, auditor, admin; None: all)."""
        units: set[str] = set()
        for role in self.identity.roles:
            scope = role.scope_id
            if role.role == "admin" or (role.role == "auditor" and scope == ""):
                return None
            if role.role in ("owner", "auditor") and scope in self.org.owners:
                units.update(self.org.units_of_owner(scope))
            elif role.role == "auditor":
                units.update(self.org.led_units(scope))
        return sorted(units)

    def may_read_log_of(self, summary: CaseSummary) -> bool:
        units = self.read_log_units()
        if units is None:
            return True
        if summary.unit_id in units:
            return True
        owner = self.org.owner_of(summary)
        return any(r.role == "owner" and r.scope_id == owner for r in self.identity.roles)

    def visible_units(self) -> list[str]:
        """The units the account works with (for pick lists)."""
        if self.is_admin or self.identity.has("auditor", ""):
            return sorted(self.org.units)
        units: set[str] = set()
        for role in self.identity.roles:
            scope = role.scope_id
            if role.role in UNIT_ROLES or (role.role == "auditor" and scope in self.org.units):
                units.update(self.org.led_units(scope))
            elif role.role in ("owner", "auditor"):
                units.update(self.org.units_of_owner(scope))
        return sorted(u for u in units if u in self.org.units)


def _narrow(
    base: CaseQuery,
    *,
    unit_ids: Sequence[str] | None = None,
    owners: Sequence[str] | None = None,
    opened_by: str | None = None,
    staff_or_leadership: bool | None = None,
) -> CaseQuery | None:
    """``base`` with more conditions; None if they cannot all hold."""
    query = base
    if unit_ids is not None:
        units = list(unit_ids) if base.unit_ids is None else [u for u in unit_ids if u in set(base.unit_ids)]
        if not units:
            return None
        query = dataclasses.replace(query, unit_ids=units)
    if owners is not None:
        names = list(owners) if base.owners is None else [o for o in owners if o in set(base.owners)]
        if not names:
            return None
        query = dataclasses.replace(query, owners=names)
    if opened_by is not None:
        if base.opened_by is not None and base.opened_by != opened_by:
            return None
        query = dataclasses.replace(query, opened_by=opened_by)
    if staff_or_leadership is not None:
        if base.staff_or_leadership is not None and base.staff_or_leadership != staff_or_leadership:
            return None
        query = dataclasses.replace(query, staff_or_leadership=staff_or_leadership)
    return query
