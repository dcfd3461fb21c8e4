"""What a case's events show, gathered in one pass: the facts both the audit and the deadline
engine judge from (who knew what when, which variant of the law applies, what was planned).

Also the one place that measures time between two acts in a term's unit (school days, working
days, days, hours) and grades a delay against a deadline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final, Protocol

from actionloop.core.calendar import Calendar, calendar_for
from actionloop.core.clock import OSLO
from actionloop.core.model import INVESTIGATIVE, PRINCIPAL_ROLES, CaseFile, Event
from actionloop.workflow.spec import DeadlineSpec, Term

_OFFENDER_RANK: Final = {"none": 0, "unknown": 1, "child": 2, "staff": 3, "leadership": 4}

#: Event types that show someone following the child while measures run.
FOLLOW_UP: Final = frozenset({
    "concern", "intervention", "child_heard", "heard", "observation", "investigation_concluded",
    "plan", "measure_done", "evaluation", "note", "investigation_started",
})


class Facts:
    """The case's acts, sorted by kind, in the order they happened (built by :func:`gather`).

    A plain class rather than a dataclass, so that the compiled engine builds one per case
    without a Python-level ``__init__``."""

    __slots__ = (
        "case", "closings", "concerns", "conclusions", "done", "evaluations", "fines", "hearings",
        "interventions", "investigative", "left", "offender", "offender_concern", "orders_done",
        "owner_reports", "plans", "principal_act", "raised", "reports", "roles", "serious", "serious_marks",
        "serious_since", "sf_decisions", "sf_reports", "views"
    )

    def __init__(self, case: CaseFile) -> None:
        self.case = case
        self.concerns: list[Event] = []
        self.interventions: list[Event] = []
        self.reports: list[Event] = []
        self.owner_reports: list[Event] = []
        self.serious_marks: list[Event] = []
        self.investigative: list[Event] = []
        self.hearings: list[Event] = []
        self.conclusions: list[Event] = []
        self.plans: list[Event] = []
        self.done: list[Event] = []
        self.evaluations: list[Event] = []
        self.closings: list[Event] = []
        self.left: Event | None = None
        self.raised: Event | None = None
        self.sf_reports: list[Event] = []
        self.sf_decisions: list[Event] = []
        self.orders_done: list[Event] = []
        self.fines: list[Event] = []
        #: Every event that records the child's own view (hearings, evaluations, closings).
        self.views: list[Event] = []
        #: The first act by the principal or the leadership.
        self.principal_act: Event | None = None
        #: The most grave offender named in any concern.
        self.offender: str = "none"
        #: The concern that named that offender first.
        self.offender_concern: Event | None = None
        #: Whether the case is serious on the latest assessment, and the event that made it so.
        self.serious: bool = False
        self.serious_since: Event | None = None
        #: Each person's role by id, as :meth:`CaseFile.role_of` gives it (None: not gathered).
        self.roles: dict[str, str] | None = None

    @property
    def first_concern(self) -> Event | None:
        return self.concerns[0] if self.concerns else None

    @property
    def variant(self) -> str:
        """``leadership``, ``staff``, ``serious`` or ``normal``: which rules of the law apply."""
        if self.offender in ("staff", "leadership"):
            return self.offender
        return "serious" if self.serious else "normal"

    @property
    def end(self) -> Event | None:
        """The act that ended the case (the last closing, or the child leaving), if it has ended."""
        last = self.case.events[-1] if self.case.events else None
        if last is not None and last.type == "child_left":
            return last
        if self.closings:
            closing = self.closings[-1]
            # A concern after the closing reopens the case.
            if not self.concerns or self.concerns[-1].index < closing.index:
                return closing
        return self.left

    def role_of(self, person_id: str | None) -> str | None:
        """The role of a person in the case (as :meth:`CaseFile.role_of`)."""
        if self.roles is None:
            return self.case.role_of(person_id)
        return self.roles.get(person_id) if person_id is not None else None

    def principal_learned(self) -> Event | None:
        """When the one who must handle the case learned of it: the principal (the first report,
        or the first act by the leadership, at or after the first concern) — or, where the
        leadership is suspected, the owner (the first report to the owner)."""
        concerns = self.concerns
        concern = concerns[0] if concerns else None
        start = concern.index if concern is not None else -1
        if self.offender == "leadership":
            for e in self.owner_reports:
                if e.index >= start:
                    return e
            return None
        if concern is not None:
            roles, by = self.roles, concern.by
            role = (roles.get(by) if by is not None else None) if roles is not None else self.case.role_of(by)
            if role in PRINCIPAL_ROLES:
                return concern
        report = None
        for e in self.reports:
            if e.index >= start:
                report = e
                break
        act = self.principal_act
        if act is not None and act.index >= start and (report is None or act.index < report.index):
            return act
        return report


#: Acts that are not the principal acting on the case, even when the principal is the one recorded.
_NOT_PRINCIPAL_ACTS: Final = ("raised_with_principal", "sf_report")



#: Where ``gather`` puts each event type (an index into its per-case lists; see ``gather``).
_BUCKETS: Final = (
    "concern", "serious", "intervention", "report_to_principal", "report_to_owner", "child_heard",
    "investigation_concluded", "plan", "measure_done", "evaluation", "closed", "child_left",
    "raised_with_principal", "sf_report", "sf_decision", "sf_order_done", "coercive_fine",
)
#: Where ``gather`` puts each event type, in one look-up: ``(bucket + 1) * 2 + investigative``
#: (bucket: an index into its per-case lists, -1 for none; investigative: 1 for an act of
#: investigating). Types in neither are not listed.
_KIND: Final[dict[str, int]] = {
    kind: (_BUCKETS.index(kind) + 1 if kind in _BUCKETS else 0) * 2 + (kind in INVESTIGATIVE)
    for kind in (*_BUCKETS, *sorted(INVESTIGATIVE - set(_BUCKETS)))
}


def gather(case: CaseFile) -> Facts:
    """The facts of ``case`` in one pass over its events.

    The pass only sorts the events into lists by type (one dictionary look-up per event); what
    depends on the order of several kinds (the offender, whether the case is serious) is then
    read from the few events concerned.
    """
    f = Facts(case)
    # The events go straight into the fact lists (in the order of _BUCKETS); assessments, the
    # child leaving and raising it with the principal are read from their lists below.
    assessments: list[Event] = []
    lefts: list[Event] = []
    raised: list[Event] = []
    buckets = [
        f.concerns, assessments, f.interventions, f.reports, f.owner_reports, f.hearings, f.conclusions,
        f.plans, f.done, f.evaluations, f.closings, lefts, raised, f.sf_reports, f.sf_decisions,
        f.orders_done, f.fines,
    ]
    views, investigative = f.views, f.investigative
    events = case.events
    kinds = _KIND
    for e in events:
        if "child_view" in e.fields:
            views.append(e)
        code = kinds.get(e.type)
        if code is not None:
            if code & 1:
                investigative.append(e)
            if code > 1:
                buckets[(code >> 1) - 1].append(e)
    f.left = lefts[-1] if lefts else None
    f.raised = raised[0] if raised else None
    concerns = f.concerns
    if assessments:  # rare: concerns and assessments interleave
        _assess(f, [e for e in events if e.type == "concern" or e.type == "serious"])
    elif concerns:
        _assess(f, concerns)
    people = case.people
    # The principal's first act (a duplicated id counts with its last role).
    last_roles = {p.id: p.role for p in people}
    if len(last_roles) == len(people):
        roles = last_roles
    else:
        roles = {}
        for p in people:
            roles.setdefault(p.id, p.role)  # the first of a duplicated id, as CaseFile.role_of
    f.roles = roles
    principals = {pid for pid, role in last_roles.items() if role in PRINCIPAL_ROLES}
    if principals:
        for e in events:
            if (e.by or "") in principals and e.type not in _NOT_PRINCIPAL_ACTS:
                f.principal_act = e
                break
    return f


def _assess(f: Facts, marks: list[Event]) -> None:
    """The offender and the seriousness, from the concerns and assessments in the order given."""
    for e in marks:
        if e.type == "concern":
            offender = e.fields.get("offender", "unknown")
            if _OFFENDER_RANK.get(offender, 1) > _OFFENDER_RANK[f.offender]:
                f.offender = offender
                f.offender_concern = e
            serious = e.fields.get("serious")
            if serious is not None:
                f.serious = bool(serious)
                f.serious_since = e if serious else None
                if serious:
                    f.serious_marks.append(e)
        else:
            f.serious = bool(e.fields.get("serious"))
            f.serious_since = e if f.serious else None
            if f.serious:
                f.serious_marks.append(e)


# --- time between acts -------------------------------------------------------------------------


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=OSLO)


class Dated(Protocol):
    """Anything placed in time like an event: a local date, an instant, whether the time is known."""

    @property
    def day(self) -> date: ...
    @property
    def at(self) -> datetime: ...
    @property
    def timed(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class DayPoint:
    """A date that is not an event (a plan's evaluation date), to measure from."""

    day: date
    at: datetime
    timed: bool = False

    @classmethod
    def on(cls, day: date) -> DayPoint:
        if cls is DayPoint:
            point = _DAY_POINTS.get(day)
            if point is None:
                if len(_DAY_POINTS) >= 4096:
                    _DAY_POINTS.clear()
                point = _DAY_POINTS[day] = cls(day, datetime(day.year, day.month, day.day, tzinfo=OSLO))
            return point
        return cls(day, datetime(day.year, day.month, day.day, tzinfo=OSLO))


#: :meth:`DayPoint.on` per date (the points are immutable; plans share their evaluation dates).
_DAY_POINTS: Final[dict[date, DayPoint]] = {}


def elapsed(start: Dated, end_day: date, end_at: datetime | None, unit: str, cal: Calendar) -> float:
    """Time from ``start`` to the end point, in ``unit``. Day units count the days after the
    start's date up to and including the end date (0 on the same day)."""
    if unit == "school_days":
        return cal.school_days_between(start.day, end_day)
    if unit == "working_days":
        return cal.working_days_between(start.day, end_day)
    if unit == "days":
        return (end_day - start.day).days
    # hours: exact where both times are known, else whole days
    if start.timed and end_at is not None:
        return (end_at - start.at).total_seconds() / 3600
    return (end_day - start.day).days * 24


def due_date(start: Event, term: Term, cal: Calendar) -> date:
    """The last day on which an act is within ``term`` of ``start``."""
    if term.unit == "school_days":
        return cal.add_school_days(start.day, term.amount)
    if term.unit == "working_days":
        return cal.add_working_days(start.day, term.amount)
    if term.unit == "days":
        return start.day + timedelta(days=term.amount)
    return (start.at + timedelta(hours=term.amount)).astimezone(OSLO).date()


#: Grades of a delay.
ON_TIME: Final = "on_time"          # within the local deadline
LATE: Final = "late"                # after the local deadline, not clearly beyond what the case allowed
TOO_LATE: Final = "too_late"        # clearly beyond (or beyond a statutory «straks»)
PENDING: Final = "pending"          # not done yet, the local deadline has not passed
OVERDUE: Final = "overdue"          # not done yet, the local deadline has passed
FAR_OVERDUE: Final = "far_overdue"  # not done yet, clearly beyond


def exceeds(start: Dated, done: Dated | None, term: Term, as_of: date, cal: Calendar) -> bool:
    """Whether more than ``term`` lies between ``start`` and the act ``done`` (None: not done by
    ``as_of``, counted to the end of that day) — :func:`elapsed` ``> term.amount``.

    A span of n calendar days holds at most n working or school days, so a span no longer than
    the term in calendar days is within it without asking the calendar."""
    unit = term.unit
    end_day = done.day if done is not None else as_of
    if unit == "school_days" or unit == "working_days":
        days = (end_day - start.day).days
        if 0 <= days <= term.amount:
            return False
        if unit == "school_days":
            return cal.school_days_between(start.day, end_day) > term.amount
        return cal.working_days_between(start.day, end_day) > term.amount
    end_at = end_of_day(as_of) if done is None else (done.at if done.timed else None)
    return elapsed(start, end_day, end_at, unit, cal) > term.amount


def grade(start: Dated, done: Dated | None, spec: DeadlineSpec, as_of: date, cal: Calendar) -> str:
    """How the act ``done`` (None: not done by ``as_of``) kept the deadline ``spec`` from ``start``.

    The delay is measured against the local deadline first; against ``breach_after`` only when
    the local deadline is missed (or, for a statutory term, to see whether it is within it)."""
    breach = spec.breach_after
    local = spec.local_default
    unit = local.unit
    if unit == "school_days" or unit == "working_days":
        # :func:`exceeds`, inline for the day units (most deadlines): a span of n calendar days
        # holds at most n working or school days.
        end_day = done.day if done is not None else as_of
        days = (end_day - start.day).days
        if 0 <= days <= local.amount:
            within_local = True
        elif unit == "school_days":
            within_local = cal.school_days_between(start.day, end_day) <= local.amount
        else:
            within_local = cal.working_days_between(start.day, end_day) <= local.amount
    else:
        within_local = not exceeds(start, done, local, as_of, cal)
    if spec.statutory:
        # A statutory term («straks») has no room for a local deadline: within it, or a breach.
        within = within_local or (breach is not None and not exceeds(start, done, breach, as_of, cal))
        if done is not None:
            return ON_TIME if within else TOO_LATE
        return PENDING if within else FAR_OVERDUE
    if within_local:
        return ON_TIME if done is not None else PENDING
    beyond = breach is not None and exceeds(start, done, breach, as_of, cal)
    if done is not None:
        return TOO_LATE if beyond else LATE
    return FAR_OVERDUE if beyond else OVERDUE


def calendar_of(case: CaseFile) -> Calendar:
    """The calendar for a case (public holidays; a unit's closure days are given by the caller)."""
    del case
    return calendar_for()
