"""The deadline engine: what a case owes next, by when, on the Norwegian calendar.

For each *open* duty of a case (something the law requires next that has not been done) the engine
gives a :class:`Deadline`: the legal term («snarast», «straks», the plan's own dates …), the local
default the owner chose (its date is ``due``), the point where a delay becomes clearly beyond what
the case allowed (``breach_date``), the paragraph of the workflow in force on the date of the event
that started the clock, and a status on a given day (``ok``, ``due_soon``, ``overdue``).

Which event starts which clock follows the rule that a delay is charged to the duty that caused it:

=====================  ==========================================================  =================
duty (kind)            open while                                                  clock starts at
=====================  ==========================================================  =================
report_to_principal    a concern is registered and the principal has not learned   the first concern
(report_direct_to_     of it; where the leadership is suspected the report goes
owner)                 straight to the owner («straks», § 12-5)
report_to_owner        the case is serious or staff/leadership are suspected,      the later of: the
                       and nobody has told the owner                               principal learned,
                                                                                   the case became
                                                                                   serious / the staff
                                                                                   concern
investigate (start)    the principal knows, and no act of investigating yet       the principal
                                                                                   learned
hear_child             the investigation has started, the child is not heard      the investigation
                                                                                   started
investigate            the investigation has started, no conclusion and no plan   the investigation
(conclude)                                                                         started
written_plan           the investigation concluded «not safe», or the child said   the first of these
                       so, and there is no plan
evaluate (evaluation)  each date in the current plan not yet evaluated             the plan
measures (measure)     each measure whose end date is passed or near, not done     the plan
written_plan           the last evaluation of the current plan says «revise», or   that evaluation
(revise_plan)          the child says they are not safe, and no new plan
measures (sf_order)    each order from Statsforvaltaren not yet carried out        the decision
=====================  ==========================================================  =================

Details: a leader suspected counts as staff for the deadlines unless the workflow gives the
leadership its own. Concluding the investigation has no term in the law or the workflow files;
:data:`CONCLUDE_WITHIN` gives the product default. An evaluation covers every date of the current
plan up to its own day (one made before the next date covers that date); plan dates before the
plan itself are history. An evaluation date is due on the plan's date plus the evaluate duty's local
tolerance (``legal_due`` is the plan's date). A measure with a date or a ``start/end`` interval is
listed once its end date is within the due-soon window or has passed, until a ``measure_done`` for
it on or after its start; measures whose ``when`` is text have no date to keep. An order without a
deadline is due on the day of the decision (decisions apply at once).

A case that has been closed (without a later concern) or that the child has left owes nothing but
Statsforvaltaren's orders. A concern after a closing opens a new round: only its events count.

Only events on or before ``as_of`` are taken into account, so ``as_of`` may also be a day in the
past («what was open on 3 March?»).

The family's Statsforvaltaren date (:func:`sf_first_report_date`): the case must have been raised
with the principal, and the workflow's waiting term must have passed. «Five working days after»
is read as: the day it was raised is day 0 and does not count; the working days after it are
counted (weekends and public holidays are not working days; the unit's closure days *are* working
days unless ``exclude_closure_days`` is set, see law.md §10 q.11); the fifth of them is the first
day on which the family may report. Raised on Monday 1 September 2025: Tuesday is working day 1,
Monday 8 September working day 5 and the first allowed date. Under the 1998 law («one week») it is
the same weekday a week later. The law in force on the day the case was raised decides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Protocol

from actionloop.core.calendar import Calendar, calendar_for
from actionloop.core.errors import ActionloopError
from actionloop.core.facts import Facts, due_date, gather
from actionloop.core.i18n import Catalog, tr
from actionloop.core.model import CaseFile, Event, Measure, Order, Plan
from actionloop.core.policy import Policy
from actionloop.workflow.spec import DeadlineSpec, LegalRef, Term, WorkflowSpec

DEADLINES_FORMAT = "actionloop-deadlines/1"

OK = "ok"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
STATUSES = (OK, DUE_SOON, OVERDUE)

#: The kinds of open duty, in the order of the loop (used to sort deadlines due the same day).
KINDS = (
    "report_to_principal", "report_direct_to_owner", "report_to_owner", "start_investigation",
    "hear_child", "conclude_investigation", "written_plan", "evaluation", "measure", "revise_plan",
    "sf_order",
)

#: How long an investigation may run from its start until it is concluded. Neither the law
#: («snarast») nor the workflow files give a term for concluding; these are product defaults
#: (law.md §9 spirit), counted from the first act of investigating, and are shown as the local
#: default. There is no breach date for them: the law's «snarast» is judged on the start.
CONCLUDE_WITHIN: Mapping[str, Term] = {
    "normal": Term(10, "school_days"),
    "serious": Term(5, "school_days"),
    "staff": Term(5, "working_days"),
}

#: Longest measure or order text shown in a deadline's «what».
_MEASURE_TEXT_MAX = 60

MESSAGES: Catalog = {
    "start_investigation": {
        "nb": "Starte undersøkelsen", "nn": "Starte undersøkinga", "en": "Start the investigation",
    },
    "conclude_investigation": {
        "nb": "Konkludere undersøkelsen", "nn": "Konkludere undersøkinga", "en": "Conclude the investigation",
    },
    "written_plan": {
        "nb": "Lage skriftlig plan for tiltakene", "nn": "Lage skriftleg plan for tiltaka",
        "en": "Make the written plan for the measures",
    },
    "report_direct_to_owner": {
        "nb": "{label} – direkte, fordi ledelsen er mistenkt",
        "nn": "{label} – direkte, fordi leiinga er mistenkt",
        "en": "{label} – directly, because the leadership is suspected",
    },
    "evaluation": {
        "nb": "Evaluere tiltakene (datoen i planen: {day})",
        "nn": "Evaluere tiltaka (datoen i planen: {day})",
        "en": "Evaluate the measures (the plan's date: {day})",
    },
    "measure": {
        "nb": "Gjennomføre tiltak {id}: {text}",
        "nn": "Gjennomføre tiltak {id}: {text}",
        "en": "Carry out measure {id}: {text}",
    },
    "revise_plan": {
        "nb": "Revidere planen etter evalueringen {day}",
        "nn": "Revidere planen etter evalueringa {day}",
        "en": "Revise the plan after the evaluation on {day}",
    },
    "sf_order": {
        "nb": "Pålegg fra Statsforvalteren {id}: {text}",
        "nn": "Pålegg frå Statsforvaltaren {id}: {text}",
        "en": "Order from Statsforvaltaren {id}: {text}",
    },
    "sf_order_duty": {
        "nb": "Statsforvalterens pålegg", "nn": "Pålegga frå Statsforvaltaren", "en": "Statsforvaltaren's orders",
    },
    "sf_order_term": {
        "nb": "innen fristen i vedtaket", "nn": "innan fristen i vedtaket", "en": "by the deadline in the decision",
    },
    "sf_order_now": {
        "nb": "straks (vedtaket gjelder straks)", "nn": "straks (vedtaket gjeld straks)",
        "en": "at once (the decision applies at once)",
    },
    "sf_order_local": {
        "nb": "fristen i vedtaket", "nn": "fristen i vedtaket", "en": "the deadline in the decision",
    },
    "evaluation_local": {
        "nb": "{term} etter datoen i planen", "nn": "{term} etter datoen i planen", "en": "{term} after the plan's date",
    },
    "measure_term": {
        "nb": "når tiltaket skal gjennomføres (planen)", "nn": "når tiltaket skal gjennomførast (planen)",
        "en": "when the measure is to be carried out (the plan)",
    },
    "measure_local": {
        "nb": "sluttdatoen i planen", "nn": "sluttdatoen i planen", "en": "the end date in the plan",
    },
    "conclude_local": {
        "nb": "{term} etter at undersøkelsen startet (produktstandard)",
        "nn": "{term} etter at undersøkinga starta (produktstandard)",
        "en": "{term} after the investigation started (product default)",
    },
    "same_day": {"nb": "samme dag", "nn": "same dag", "en": "the same day"},
    # Statsforvaltaren
    "sf_none": {
        "nb": "{law} har ingen håndhevingsordning hos Statsforvalteren.",
        "nn": "{law} har inga handhevingsordning hos Statsforvaltaren.",
        "en": "{law} has no enforcement scheme with Statsforvaltaren.",
    },
    "sf_no_workflow": {
        "nb": "Ingen arbeidsflyt gjelder for saken på denne datoen.",
        "nn": "Ingen arbeidsflyt gjeld for saka på denne datoen.",
        "en": "No workflow applies to the case on this date.",
    },
    "sf_not_raised": {
        "nb": "Statsforvalteren: saken er ikke tatt opp med rektor av eleven eller foreldrene; "
              "familien kan melde den tidligst {waiting} etter at den er tatt opp ({ref}).",
        "nn": "Statsforvaltaren: saka er ikkje teken opp med rektor av eleven eller foreldra; "
              "familien kan melde ho tidlegast {waiting} etter at ho er teken opp ({ref}).",
        "en": "Statsforvaltaren: the case has not been raised with the principal by the pupil or the parents; "
              "the family may report it {waiting} after it has been raised at the earliest ({ref}).",
    },
    "sf_date": {
        "nb": "Statsforvalteren: familien kan melde saken fra og med {day} "
              "(tatt opp med rektor {raised}; minst {waiting}; {ref}).",
        "nn": "Statsforvaltaren: familien kan melde saka frå og med {day} "
              "(teken opp med rektor {raised}; minst {waiting}; {ref}).",
        "en": "Statsforvaltaren: the family may report the case from {day} "
              "(raised with the principal {raised}; at least {waiting}; {ref}).",
    },
    "sf_reported": {
        "nb": "Statsforvalteren: saken ble meldt {day}.",
        "nn": "Statsforvaltaren: saka vart meld {day}.",
        "en": "Statsforvaltaren: the case was reported on {day}.",
    },
    "sf_decided": {
        "nb": " Vedtak {day}: {outcome}.", "nn": " Vedtak {day}: {outcome}.", "en": " Decision {day}: {outcome}.",
    },
    "outcome_fulfilled": {
        "nb": "aktivitetsplikten er oppfylt", "nn": "aktivitetsplikta er oppfylt", "en": "the duty is fulfilled",
    },
    "outcome_not_fulfilled": {
        "nb": "aktivitetsplikten er ikke oppfylt", "nn": "aktivitetsplikta er ikkje oppfylt",
        "en": "the duty is not fulfilled",
    },
    "outcome_dismissed": {"nb": "avvist", "nn": "avvist", "en": "dismissed"},
    "fine_running": {
        "nb": "Tvangsmulkt: {amount} kr {per} fra {day}; løper til påleggene er gjennomført ({ref}).",
        "nn": "Tvangsmulkt: {amount} kr {per} frå {day}; går til pålegga er gjennomførte ({ref}).",
        "en": "Coercive fine: NOK {amount} {per} from {day}; runs until the orders are carried out ({ref}).",
    },
    "fine_stopped": {
        "nb": "Tvangsmulkt: {amount} kr {per} fra {day}; stanset – alle pålegg er gjennomført ({ref}).",
        "nn": "Tvangsmulkt: {amount} kr {per} frå {day}; stansa – alle pålegg er gjennomførte ({ref}).",
        "en": "Coercive fine: NOK {amount} {per} from {day}; stopped – every order is carried out ({ref}).",
    },
    "per_once": {"nb": "som engangsbeløp", "nn": "som eingongsbeløp", "en": "as a lump sum"},
    "per_day": {"nb": "per dag", "nn": "per dag", "en": "per day"},
    "per_week": {"nb": "per uke", "nn": "per veke", "en": "per week"},
    # closure-day files
    "closure_read": {
        "nb": "kan ikke leses: {error}", "nn": "kan ikkje lesast: {error}", "en": "cannot be read: {error}",
    },
    "closure_date": {
        "nb": "linje {line}: «{value}» er ikke en dato (ÅÅÅÅ-MM-DD)",
        "nn": "linje {line}: «{value}» er ikkje ein dato (ÅÅÅÅ-MM-DD)",
        "en": "line {line}: «{value}» is not a date (YYYY-MM-DD)",
    },
}

_UNIT_WORDS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "school_days": {"nb": ("skoledag", "skoledager"), "nn": ("skuledag", "skuledagar"),
                    "en": ("school day", "school days")},
    "working_days": {"nb": ("arbeidsdag", "arbeidsdager"), "nn": ("arbeidsdag", "arbeidsdagar"),
                     "en": ("working day", "working days")},
    "days": {"nb": ("dag", "dager"), "nn": ("dag", "dagar"), "en": ("day", "days")},
    "hours": {"nb": ("time", "timer"), "nn": ("time", "timar"), "en": ("hour", "hours")},
}


class WorkflowRegistry(Protocol):
    """What the engine needs from the workflow registry: the workflow in force for a setting on
    a date (``actionloop.workflow.registry`` provides it)."""

    def for_event(self, setting: str, day: date) -> WorkflowSpec | None: ...


class ClosureDaysError(ActionloopError):
    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")


@dataclass(frozen=True, slots=True)
class Deadline:
    """One open duty of a case and its deadline.

    ``due`` is the last day of the local default (for the plan's evaluation dates: the plan's date
    plus the local tolerance; for a measure or an order: its own date). ``legal_due`` is the date the
    law itself fixes, where it fixes one (the plan's evaluation date, the order's deadline).
    ``breach_date`` is the last day before a delay becomes clearly beyond what the case allowed.
    """

    duty: str
    kind: str
    what: str
    start_event: int
    due: date
    breach_date: date | None
    legal_term: str
    local_default: str
    legal_ref: str
    status: str
    duty_label: str = ""
    legal_due: date | None = None
    #: The measure id, order id or evaluation date the deadline is about.
    subject: str | None = None
    #: Whether ``as_of`` is after ``breach_date``: the delay is now clearly beyond.
    clearly_late: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "duty": self.duty,
            "duty_label": self.duty_label,
            "kind": self.kind,
            "what": self.what,
            "subject": self.subject,
            "start_event": self.start_event,
            "due": self.due.isoformat(),
            "legal_due": self.legal_due.isoformat() if self.legal_due else None,
            "breach_date": self.breach_date.isoformat() if self.breach_date else None,
            "legal_term": self.legal_term,
            "local_default": self.local_default,
            "legal_ref": self.legal_ref,
            "status": self.status,
            "clearly_late": self.clearly_late,
        }


@dataclass(frozen=True, slots=True)
class FineInfo:
    """A coercive fine (tvangsmulkt) imposed by Statsforvaltaren: information, not a deadline."""

    event: int
    amount: int
    per: str
    since: date
    running: bool
    legal_ref: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "event": self.event, "amount": self.amount, "per": self.per,
            "from": self.since.isoformat(), "running": self.running, "legal_ref": self.legal_ref,
        }


@dataclass(frozen=True, slots=True)
class SfInfo:
    """The case and Statsforvaltaren: whether an enforcement scheme applies, and from which day the
    family may report the case."""

    applies: bool
    raised_event: int | None = None
    raised_on: date | None = None
    first_report_date: date | None = None
    waiting: str | None = None
    legal_ref: str | None = None
    reported_on: date | None = None
    fine: FineInfo | None = None
    lines: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "applies": self.applies,
            "raised_event": self.raised_event,
            "raised_on": self.raised_on.isoformat() if self.raised_on else None,
            "first_report_date": self.first_report_date.isoformat() if self.first_report_date else None,
            "waiting": self.waiting,
            "legal_ref": self.legal_ref,
            "reported_on": self.reported_on.isoformat() if self.reported_on else None,
            "coercive_fine": self.fine.to_dict() if self.fine else None,
            "text": " ".join(self.lines),
        }


@dataclass(frozen=True, slots=True)
class CaseDeadlines:
    """Everything the deadline view shows for one case."""

    case: CaseFile
    as_of: date
    lang: str
    deadlines: tuple[Deadline, ...]
    sf: SfInfo
    workflow: WorkflowSpec | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": DEADLINES_FORMAT,
            "case": self.case.id,
            "as_of": self.as_of.isoformat(),
            "workflow": self.workflow.id if self.workflow else None,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "statsforvalteren": self.sf.to_dict(),
        }


# --- terms and dates ---------------------------------------------------------------------------


def term_text(term: Term, lang: str | None = None) -> str:
    """A term in words: «2 skoledager», «samme dag», «24 timer»."""
    lang = lang if lang in ("nb", "nn", "en") else "nb"
    if term.amount == 0 and term.unit != "hours":
        return tr(MESSAGES, "same_day", lang)
    one, many = _UNIT_WORDS.get(term.unit, {}).get(lang or "nb", (term.unit, term.unit))
    return f"{term.amount} {one if term.amount == 1 else many}"


def add_term(day: date, term: Term, cal: Calendar) -> date:
    """``day`` plus ``term``: the ``n``-th school/working day after ``day``, ``n`` days later, or
    (hours, from a day without a time) the day the hours run out counted from midnight."""
    if term.unit == "school_days":
        return cal.add_school_days(day, term.amount)
    if term.unit == "working_days":
        return cal.add_working_days(day, term.amount)
    if term.unit == "days":
        return day + timedelta(days=term.amount)
    return day + timedelta(days=term.amount // 24)


def status_on(as_of: date, due: date, soon: Term, cal: Calendar) -> str:
    """``overdue`` after ``due``; ``due_soon`` when ``due`` is within ``soon`` of ``as_of``;
    else ``ok``. On the due day itself the status is ``due_soon``."""
    if as_of > due:
        return OVERDUE
    if soon.unit == "school_days":
        left = cal.school_days_between(as_of, due)
    elif soon.unit == "working_days":
        left = cal.working_days_between(as_of, due)
    elif soon.unit == "days":
        left = (due - as_of).days
    else:
        left = (due - as_of).days * 24
    return DUE_SOON if left <= soon.amount else OK


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def measure_dates(measure: Measure) -> tuple[date | None, date | None]:
    """The start and end dates of a measure's ``when`` (a date, or ``start/end``); ``(None, None)``
    when it is text."""
    text = (measure.when or "").strip()
    parts = [p.strip() for p in text.split("/")] if text else []
    try:
        if len(parts) == 1 and _DAY.match(parts[0]):
            one = date.fromisoformat(parts[0])
            return one, one
        if len(parts) == 2 and _DAY.match(parts[0]) and _DAY.match(parts[1]):
            return date.fromisoformat(parts[0]), date.fromisoformat(parts[1])
    except ValueError:
        return None, None
    return None, None


def parse_closure_days(text: str, source: str = "<closure days>", lang: str = "nb") -> frozenset[date]:
    """Closure days from text: one ISO date per line; ``#`` starts a comment; blank lines are
    skipped. Raises :class:`ClosureDaysError` naming the line of the first bad date."""
    days: set[date] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        value = line.split("#", 1)[0].strip()
        if not value:
            continue
        try:
            if not _DAY.match(value):
                raise ValueError(value)
            days.add(date.fromisoformat(value))
        except ValueError:
            raise ClosureDaysError(source, tr(MESSAGES, "closure_date", lang, line=number, value=value)) from None
    return frozenset(days)


def load_closure_days(path: Path, lang: str = "nb") -> frozenset[date]:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ClosureDaysError(str(path), tr(MESSAGES, "closure_read", lang, error=exc)) from None
    return parse_closure_days(text, str(path), lang)


# --- which part of the case counts ----------------------------------------------------------------


def _visible(case: CaseFile, as_of: date) -> CaseFile:
    """The case as it stood at the end of ``as_of`` (events of later days left out)."""
    if not case.events or case.events[-1].day <= as_of:
        return case
    return CaseFile(case.case, case.people, tuple(e for e in case.events if e.day <= as_of))


def _current_round(case: CaseFile, facts: Facts) -> CaseFile | None:
    """The events of the current round of the loop, or None if the case has ended. A concern after
    a closing starts a new round."""
    if facts.end is not None:
        return None
    if not facts.closings:
        return case
    last_close = facts.closings[-1].index
    start = next((e.index for e in facts.concerns if e.index > last_close), None)
    if start is None:
        return None
    return CaseFile(case.case, case.people, tuple(e for e in case.events if e.index >= start))


def _deadline_variant(variant: str, deadlines: Mapping[str, DeadlineSpec] | None = None) -> str:
    """The variant whose deadlines apply: a suspected leader is a suspected member of staff unless
    the workflow gives the leadership its own deadline."""
    if variant == "leadership" and (deadlines is None or "leadership" not in deadlines):
        return "staff"
    return variant


def _became_serious(case: CaseFile) -> Event | None:
    """The event that made the case serious in its current, unbroken run of being serious."""
    since: Event | None = None
    for e in case.events:
        if e.type == "serious" or (e.type == "concern" and "serious" in e.fields):
            flag = bool(e.fields.get("serious"))
            if flag and since is None:
                since = e
            elif not flag:
                since = None
    return since


def _later(*events: Event | None) -> Event | None:
    present = [e for e in events if e is not None]
    return max(present, key=lambda e: e.index) if present else None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MEASURE_TEXT_MAX else text[: _MEASURE_TEXT_MAX - 1].rstrip() + "…"


def _trigger_ref(workflow: WorkflowSpec, trigger: str) -> LegalRef:
    for track in workflow.tracks:
        for t in track.transitions:
            if t.trigger == trigger and t.legal_ref is not None:
                return t.legal_ref
    return workflow.legal_basis


# --- the engine ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Builder:
    case: CaseFile
    registry: WorkflowRegistry
    as_of: date
    policy: Policy
    cal: Calendar
    lang: str
    out: list[Deadline] = field(default_factory=list)

    @property
    def setting(self) -> str:
        return self.case.case.setting

    def workflow(self, day: date) -> WorkflowSpec | None:
        return self.registry.for_event(self.setting, day)

    def finish(
        self, *, duty: str, kind: str, what: str, start: Event, due: date, breach: date | None,
        legal_term: str, local_default: str, legal_ref: str, duty_label: str,
        legal_due: date | None = None, subject: str | None = None,
    ) -> None:
        self.out.append(Deadline(
            duty=duty, kind=kind, what=what, start_event=start.index, due=due, breach_date=breach,
            legal_term=legal_term, local_default=local_default, legal_ref=legal_ref,
            status=status_on(self.as_of, due, self.policy.due_soon, self.cal),
            duty_label=duty_label, legal_due=legal_due, subject=subject,
            clearly_late=breach is not None and self.as_of > breach,
        ))

    def spec(self, workflow: WorkflowSpec, duty: str, variant: str) -> DeadlineSpec | None:
        duty_spec = workflow.duties.get(duty)
        if duty_spec is None or not duty_spec.applies:
            return None
        owner = self.case.case.unit.owner
        return self.policy.deadline(workflow, duty, _deadline_variant(variant, duty_spec.deadlines), owner)

    def from_spec(self, duty: str, kind: str, start: Event, variant: str, what: str | None = None) -> None:
        """A deadline ``kind`` for ``duty`` whose clock started at ``start``, as the workflow in force
        on that day (with the owner's policy) sets it."""
        workflow = self.workflow(start.day)
        if workflow is None:
            return
        spec = self.spec(workflow, duty, variant)
        if spec is None:
            return
        duty_spec = workflow.duties[duty]
        ref = duty_spec.ref(variant) or workflow.legal_basis
        self.finish(
            duty=duty, kind=kind, what=what or duty_spec.label(self.lang), start=start,
            due=due_date(start, spec.local_default, self.cal),
            breach=due_date(start, spec.breach_after, self.cal) if spec.breach_after else None,
            legal_term=spec.legal_term(self.lang), local_default=term_text(spec.local_default, self.lang),
            legal_ref=ref.cite(), duty_label=duty_spec.label(self.lang),
        )

    # -- the loop ---------------------------------------------------------------------------------

    def loop(self, case: CaseFile) -> None:
        f = gather(case)
        variant = f.variant
        learned = f.principal_learned()
        concern = f.first_concern

        # Reporting to the principal (or, where the leadership is suspected, to the owner).
        if learned is None:
            if concern is not None:
                if variant == "leadership":
                    workflow = self.workflow(concern.day)
                    owner_duty = workflow.duties.get("report_to_owner") if workflow else None
                    label = owner_duty.label(self.lang) if owner_duty else ""
                    what = tr(MESSAGES, "report_direct_to_owner", self.lang, label=label)
                    self.from_spec("report_to_principal", "report_direct_to_owner", concern, variant, what)
                else:
                    self.from_spec("report_to_principal", "report_to_principal", concern, variant)
            return  # nothing else is due before the principal knows

        # Reporting to the owner: serious cases, and always where staff or leadership are suspected.
        if variant in ("staff", "leadership", "serious") and not f.owner_reports:
            trigger = f.offender_concern if variant in ("staff", "leadership") else _became_serious(case)
            start = _later(learned, trigger)
            if start is not None:
                self.from_spec("report_to_owner", "report_to_owner", start, variant)

        plan_event = f.plans[-1] if f.plans else None

        # Investigating: the clock starts when the principal learned of the case.
        if not f.investigative:
            if plan_event is None:
                self.from_spec("investigate", "start_investigation", learned, variant,
                               tr(MESSAGES, "start_investigation", self.lang))
        else:
            started = f.investigative[0]
            if not f.hearings:
                self.from_spec("hear_child", "hear_child", started, variant)
            if not f.conclusions and plan_event is None:
                self.conclude(started, variant)

        # The written plan: the investigation or the child says the child is not safe.
        if plan_event is None:
            unsafe = [e for e in f.conclusions if e.get("conclusion") == "not_safe"]
            unsafe += [e for e in f.hearings if e.get("child_view") == "not_safe"]
            if unsafe:
                first = min(unsafe, key=lambda e: e.index)
                self.from_spec("written_plan", "written_plan", first, variant,
                               tr(MESSAGES, "written_plan", self.lang))
            return

        self.plan_duties(f, plan_event, variant)

    def conclude(self, started: Event, variant: str) -> None:
        workflow = self.workflow(started.day)
        if workflow is None:
            return
        spec = self.spec(workflow, "investigate", variant)
        if spec is None:
            return
        term = CONCLUDE_WITHIN.get(_deadline_variant(variant), CONCLUDE_WITHIN["normal"])
        duty_spec = workflow.duties["investigate"]
        self.finish(
            duty="investigate", kind="conclude_investigation",
            what=tr(MESSAGES, "conclude_investigation", self.lang), start=started,
            due=due_date(started, term, self.cal), breach=None,
            legal_term=spec.legal_term(self.lang),
            local_default=tr(MESSAGES, "conclude_local", self.lang, term=term_text(term, self.lang)),
            legal_ref=(duty_spec.ref(variant) or workflow.legal_basis).cite(),
            duty_label=duty_spec.label(self.lang),
        )

    def plan_duties(self, f: Facts, plan_event: Event, variant: str) -> None:
        plan: Plan = plan_event.plan
        evaluations = [e for e in f.evaluations if e.index > plan_event.index]
        last = evaluations[-1] if evaluations else None
        if last is not None and (last.get("outcome") == "revise" or last.get("child_view") == "not_safe"):
            self.from_spec("written_plan", "revise_plan", last, variant,
                           tr(MESSAGES, "revise_plan", self.lang, day=last.day.isoformat()))
        elif last is not None and last.get("outcome") == "close":
            return  # measures have ended; the case waits to be closed

        workflow = self.workflow(plan_event.day)
        if workflow is None:
            return

        # Evaluations on the plan's own dates (dates before the plan itself are history).
        evaluate = workflow.duties.get("evaluate")
        spec = self.spec(workflow, "evaluate", variant)
        if evaluate is not None and spec is not None:
            pending = sorted(d for d in set(plan.evaluations) if d >= plan_event.day)
            for e in evaluations:
                # An evaluation covers every plan date up to its day; one made early covers the next.
                covered = [d for d in pending if d <= e.day] or pending[:1]
                pending = [d for d in pending if d not in covered]
            ref = (evaluate.ref(variant) or workflow.legal_basis).cite()
            for day in pending:
                self.finish(
                    duty="evaluate", kind="evaluation",
                    what=tr(MESSAGES, "evaluation", self.lang, day=day.isoformat()), start=plan_event,
                    due=add_term(day, spec.local_default, self.cal),
                    breach=add_term(day, spec.breach_after, self.cal) if spec.breach_after else None,
                    legal_term=spec.legal_term(self.lang),
                    local_default=tr(MESSAGES, "evaluation_local", self.lang,
                                     term=term_text(spec.local_default, self.lang)),
                    legal_ref=ref, duty_label=evaluate.label(self.lang), legal_due=day, subject=day.isoformat(),
                )

        # Measures whose end date has passed (or is near) without being carried out.
        measures = workflow.duties.get("measures")
        if measures is None or not measures.applies:
            return
        ref = (measures.ref(variant) or workflow.legal_basis).cite()
        for m in plan.measures:
            first, end = measure_dates(m)
            if end is None:
                continue
            done = any(
                e.get("measure") == m.id and (first is None or e.day >= first) for e in f.done
            )
            if done:
                continue
            status = status_on(self.as_of, end, self.policy.due_soon, self.cal)
            if status == OK:
                continue
            self.finish(
                duty="measures", kind="measure",
                what=tr(MESSAGES, "measure", self.lang, id=m.id, text=_short(m.text)), start=plan_event,
                due=end, breach=None, legal_term=tr(MESSAGES, "measure_term", self.lang),
                local_default=tr(MESSAGES, "measure_local", self.lang), legal_ref=ref,
                duty_label=measures.label(self.lang), legal_due=end, subject=m.id,
            )

    # -- Statsforvaltaren's orders ----------------------------------------------------------------

    def orders(self, f: Facts) -> None:
        done = {e.get("order") for e in f.orders_done}
        for decision in f.sf_decisions:
            orders: Sequence[Order] = decision.get("orders", ())
            workflow = self.workflow(decision.day)
            ref = _trigger_ref(workflow, "sf_decision").cite() if workflow else ""
            for order in orders:
                if order.id in done:
                    continue
                due = order.deadline or decision.day
                self.finish(
                    duty="measures", kind="sf_order",
                    what=tr(MESSAGES, "sf_order", self.lang, id=order.id, text=_short(order.text)),
                    start=decision, due=due, breach=due,
                    legal_term=tr(MESSAGES, "sf_order_term" if order.deadline else "sf_order_now", self.lang),
                    local_default=tr(MESSAGES, "sf_order_local", self.lang), legal_ref=ref,
                    duty_label=tr(MESSAGES, "sf_order_duty", self.lang), legal_due=order.deadline,
                    subject=order.id,
                )


def _sort_key(d: Deadline) -> tuple[date, int, int]:
    return d.due, KINDS.index(d.kind) if d.kind in KINDS else len(KINDS), d.start_event


def open_deadlines(
    case: CaseFile,
    registry: WorkflowRegistry,
    as_of: date,
    policy: Policy = Policy(),  # noqa: B008 - Policy is frozen
    calendar: Calendar | None = None,
    *,
    lang: str | None = None,
) -> list[Deadline]:
    """The open duties of ``case`` on ``as_of``, with their deadlines, sorted by due date.

    ``registry`` gives the workflow in force on each start event's date; ``policy`` the owner's
    local deadlines; ``calendar`` the unit's closure days (default: none). Texts are in ``lang``
    (default: the case's language).
    """
    cal = calendar or calendar_for()
    visible = _visible(case, as_of)
    builder = _Builder(visible, registry, as_of, policy, cal, lang or case.case.lang)
    facts = gather(visible)
    current = _current_round(visible, facts)
    if current is not None:
        builder.loop(current)
    builder.orders(facts)
    return sorted(builder.out, key=_sort_key)


# --- Statsforvaltaren ------------------------------------------------------------------------------


def sf_first_report_date(
    case: CaseFile,
    registry: WorkflowRegistry,
    calendar: Calendar | None = None,
    *,
    exclude_closure_days: bool = False,
) -> date | None:
    """The first day on which the family may report the case to Statsforvaltaren: the day the case
    was first raised with the principal plus the workflow's waiting term (see the module notes).
    None when the case has not been raised, or no enforcement scheme applies (kindergartens)."""
    raised = next((e for e in case.events if e.type == "raised_with_principal"), None)
    if raised is None:
        return None
    workflow = registry.for_event(case.case.setting, raised.day)
    if workflow is None or workflow.sf_waiting is None:
        return None
    return _waiting_ends(raised.day, workflow.sf_waiting, calendar or calendar_for(), exclude_closure_days)


def _waiting_ends(day: date, term: Term, cal: Calendar, exclude_closure_days: bool) -> date:
    if term.unit == "working_days" and exclude_closure_days:
        return cal.add_school_days(day, term.amount)
    return add_term(day, term, cal)


def sf_info(
    case: CaseFile,
    registry: WorkflowRegistry,
    as_of: date,
    calendar: Calendar | None = None,
    *,
    lang: str | None = None,
    exclude_closure_days: bool = False,
) -> SfInfo:
    """The Statsforvaltaren line of a case on ``as_of``: the family's first report date, or that the
    case has been reported and decided, and a coercive fine if one was imposed."""
    lang = lang or case.case.lang
    cal = calendar or calendar_for()
    visible = _visible(case, as_of)
    f = gather(visible)
    raised = f.raised
    workflow = registry.for_event(visible.case.setting, raised.day if raised else as_of)
    if workflow is None:
        return SfInfo(applies=False, lines=(tr(MESSAGES, "sf_no_workflow", lang),))
    if workflow.sf_waiting is None:
        return SfInfo(applies=False, lines=(tr(MESSAGES, "sf_none", lang, law=workflow.law(lang)),))
    waiting = term_text(workflow.sf_waiting, lang)
    ref = _trigger_ref(workflow, "sf_report").cite()
    lines: list[str] = []
    first: date | None = None
    if f.sf_reports:
        line = tr(MESSAGES, "sf_reported", lang, day=f.sf_reports[0].day.isoformat())
        if f.sf_decisions:
            last = f.sf_decisions[-1]
            outcome = tr(MESSAGES, f"outcome_{last.get('outcome', 'dismissed')}", lang)
            line += tr(MESSAGES, "sf_decided", lang, day=last.day.isoformat(), outcome=outcome)
        lines.append(line)
    if raised is None:
        if not f.sf_reports:
            lines.append(tr(MESSAGES, "sf_not_raised", lang, waiting=waiting, ref=ref))
    else:
        first = _waiting_ends(raised.day, workflow.sf_waiting, cal, exclude_closure_days)
        if not f.sf_reports:
            lines.append(tr(MESSAGES, "sf_date", lang, day=first.isoformat(), raised=raised.day.isoformat(),
                            waiting=waiting, ref=ref))
    fine = _fine(visible, f, registry)
    if fine is not None:
        amount = f"{fine.amount:,}".replace(",", " ")
        key = "fine_running" if fine.running else "fine_stopped"
        lines.append(tr(MESSAGES, key, lang, amount=amount, per=tr(MESSAGES, f"per_{fine.per}", lang),
                        day=fine.since.isoformat(), ref=fine.legal_ref))
    return SfInfo(
        applies=True, raised_event=raised.index if raised else None, raised_on=raised.day if raised else None,
        first_report_date=first, waiting=waiting, legal_ref=ref,
        reported_on=f.sf_reports[0].day if f.sf_reports else None, fine=fine, lines=tuple(lines),
    )


def _fine(case: CaseFile, f: Facts, registry: WorkflowRegistry) -> FineInfo | None:
    if not f.fines:
        return None
    fine = f.fines[-1]
    done = {e.get("order") for e in f.orders_done}
    running = any(
        o.id not in done for d in f.sf_decisions if d.index < fine.index for o in d.get("orders", ())
    )
    workflow = registry.for_event(case.case.setting, fine.day)
    ref = _trigger_ref(workflow, "coercive_fine").cite() if workflow else ""
    return FineInfo(
        event=fine.index, amount=int(fine.get("amount", 0)), per=str(fine.get("per", "once")),
        since=fine.get("from") or fine.day, running=running, legal_ref=ref,
    )


def case_deadlines(
    case: CaseFile,
    registry: WorkflowRegistry,
    as_of: date,
    policy: Policy = Policy(),  # noqa: B008 - Policy is frozen
    calendar: Calendar | None = None,
    *,
    lang: str | None = None,
    exclude_closure_days: bool = False,
) -> CaseDeadlines:
    """The open deadlines and the Statsforvaltaren line of one case (what ``actionloop deadlines``
    shows)."""
    lang = lang or case.case.lang
    cal = calendar or calendar_for()
    last_day = min(case.events[-1].day, as_of) if case.events else as_of
    return CaseDeadlines(
        case=case, as_of=as_of, lang=lang,
        deadlines=tuple(open_deadlines(case, registry, as_of, policy, cal, lang=lang)),
        sf=sf_info(case, registry, as_of, cal, lang=lang, exclude_closure_days=exclude_closure_days),
        workflow=registry.for_event(case.case.setting, last_day),
    )

