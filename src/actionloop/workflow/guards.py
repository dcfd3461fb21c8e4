"""Named guards: the conditions a workflow file may put on a transition, by name (never ``eval``).

A guard is a pure predicate ``guard(ctx: GuardContext) -> bool`` over what replay knows of the
case so far (:class:`Facts`) and the new event. Each has a label in bokmål, nynorsk and English
that says what must hold, written as a subordinate clause («barnet ikke selv sier at det er
utrygt») so that a refusal can read «… ennå: det kreves at barnet ikke selv sier at det er utrygt».

Guards that look at the new event's own fields (``needs_event``) cannot be judged before the
event exists; a list of next steps treats them as «will be checked when recorded».
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from actionloop.core.calendar import calendar_for
from actionloop.core.clock import OSLO
from actionloop.core.model import Event
from actionloop.workflow.spec import Label, Term, WorkflowSpec

#: Names of the kinds of days, for messages («5 arbeidsdager»).
UNIT_NAMES: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "school_days": {"nb": ("skoledag", "skoledager"), "nn": ("skuledag", "skuledagar"), "en": ("school day", "school days")},
    "working_days": {"nb": ("arbeidsdag", "arbeidsdager"), "nn": ("arbeidsdag", "arbeidsdagar"), "en": ("working day", "working days")},
    "days": {"nb": ("dag", "dager"), "nn": ("dag", "dagar"), "en": ("day", "days")},
    "hours": {"nb": ("time", "timer"), "nn": ("time", "timar"), "en": ("hour", "hours")},
}


def term_text(term: Term, lang: str | None = None) -> str:
    """``5 arbeidsdager`` / ``5 arbeidsdagar`` / ``5 working days``."""
    names = UNIT_NAMES[term.unit].get(lang or "nb") or UNIT_NAMES[term.unit]["nb"]
    return f"{term.amount} {names[0] if term.amount == 1 else names[1]}"


def term_end(start: Event, term: Term, closure_days: frozenset[date] = frozenset()) -> date:
    """The first day on which ``term`` has passed since the event ``start``, on the Norwegian
    calendar (weekends and public holidays are not working days; closure days not school days)."""
    if term.unit == "working_days":
        return calendar_for().add_working_days(start.day, term.amount)
    if term.unit == "school_days":
        return calendar_for(closure_days).add_school_days(start.day, term.amount)
    if term.unit == "days":
        return start.day + timedelta(days=term.amount)
    return (start.at + timedelta(hours=term.amount)).astimezone(OSLO).date()


@dataclass(slots=True)
class Facts:
    """What replay has learnt about a case, as far as guards and step lists need it.

    Built event by event by :meth:`apply` (after the event's transition has been decided, so a
    guard sees the facts *before* its event). Treat a finished replay's facts as read-only.
    """

    #: Offenders named by concerns (``child``, ``staff``, ``leadership``, ``unknown``, ``none``).
    offenders: set[str] = field(default_factory=set)
    serious: bool = False
    #: The child's own latest view (``safe``, ``not_safe``, ``unclear``) from a hearing,
    #: evaluation or closing.
    child_view: str | None = None
    #: The first time the child or guardians raised the case with the principal.
    raised: Event | None = None
    #: Order ids of Statsforvaltaren's latest decision, and the orders done since.
    decision_orders: tuple[str, ...] = ()
    orders_done: set[str] = field(default_factory=set)
    decision_outcome: str | None = None
    #: Plans made (first version and revisions), measures of every plan, measures done.
    plans: int = 0
    measures: set[str] = field(default_factory=set)
    measures_done: set[str] = field(default_factory=set)
    child_left: bool = False
    #: Index of the last event applied (-1: none).
    last_index: int = -1

    def apply(self, event: Event) -> None:
        """Take in what ``event`` tells about the case."""
        kind = event.type
        fields = event.fields
        self.last_index = event.index
        if kind == "concern":
            offender = fields.get("offender")
            if offender is not None:
                self.offenders.add(offender)
            if fields.get("serious") is True:
                self.serious = True
        elif kind == "serious":
            self.serious = bool(fields.get("serious", True))
        elif kind in ("child_heard", "evaluation", "closed"):
            view = fields.get("child_view")
            if view is not None:
                self.child_view = view
        elif kind == "raised_with_principal":
            if self.raised is None:
                self.raised = event
        elif kind == "sf_decision":
            self.decision_orders = tuple(o.id for o in fields.get("orders", ()))
            self.orders_done = set()
            self.decision_outcome = fields.get("outcome")
        elif kind == "sf_order_done":
            order = fields.get("order")
            if order is not None:
                self.orders_done.add(order)
        elif kind == "plan":
            self.plans += 1
            plan = fields.get("plan")
            if plan is not None:
                self.measures |= {m.id for m in plan.measures}
        elif kind == "measure_done":
            measure = fields.get("measure")
            if measure is not None:
                self.measures_done.add(measure)
        elif kind == "child_left":
            self.child_left = True

    @property
    def open_orders(self) -> frozenset[str]:
        """Orders of the latest decision not carried out yet."""
        return frozenset(self.decision_orders) - self.orders_done

    def copy(self) -> Facts:
        return Facts(
            offenders=set(self.offenders), serious=self.serious, child_view=self.child_view,
            raised=self.raised, decision_orders=self.decision_orders,
            orders_done=set(self.orders_done), decision_outcome=self.decision_outcome,
            plans=self.plans, measures=set(self.measures), measures_done=set(self.measures_done),
            child_left=self.child_left, last_index=self.last_index,
        )


@dataclass(frozen=True, slots=True)
class GuardContext:
    """What a guard may look at: the case so far, the new event, and the workflow in force."""

    event: Event
    facts: Facts
    workflow: WorkflowSpec
    #: Person id -> role, from the case file's ``people``.
    roles: Mapping[str, str]


Predicate = Callable[[GuardContext], bool]
Fields = Callable[[GuardContext, str], Mapping[str, str]]


@dataclass(frozen=True, slots=True)
class Guard:
    name: str
    #: What must hold, as a subordinate clause; may name ``{fields}`` filled in by ``fields``.
    label: Label
    check: Predicate
    #: True if the guard looks at the new event's own fields (it cannot be judged beforehand).
    needs_event: bool = True
    #: Workflow settings the guard needs (``sf_waiting``); checked when a workflow is loaded.
    requires: tuple[str, ...] = ()
    fields: Fields | None = None

    def __call__(self, ctx: GuardContext) -> bool:
        return self.check(ctx)

    def describe(self, ctx: GuardContext | None, lang: str | None = None) -> str:
        """The label in ``lang``, with its fields filled in from ``ctx`` (when there is one)."""
        text = self.label(lang)
        if self.fields is None:
            return text
        values = dict(self.fields(ctx, lang or "nb")) if ctx is not None else {}
        try:
            return text.format(**values)
        except (KeyError, IndexError):
            return text


#: Every guard a workflow file may name.
GUARDS: dict[str, Guard] = {}


def guard(
    name: str, label: Label, *, needs_event: bool = True, requires: tuple[str, ...] = (),
    fields: Fields | None = None,
) -> Callable[[Predicate], Predicate]:
    """Register ``func`` as the guard ``name``."""

    def register(func: Predicate) -> Predicate:
        if name in GUARDS:
            raise ValueError(f"guard {name!r} is registered twice")
        GUARDS[name] = Guard(name, label, func, needs_event, requires, fields)
        return func

    return register


def get_guard(name: str) -> Guard:
    """The guard ``name`` (KeyError if there is none)."""
    return GUARDS[name]


def check_guards(names: tuple[str, ...], ctx: GuardContext) -> bool:
    """True when every guard in ``names`` holds."""
    return all(GUARDS[n].check(ctx) for n in names)


# --- the guards ----------------------------------------------------------------------------------


@guard("reporter_is_principal", Label(
    nb="bekymringen registreres av rektor eller styrer selv",
    nn="uroa blir registrert av rektor eller styrar sjølv",
    en="the concern is registered by the principal or kindergarten head themselves",
))
def reporter_is_principal(ctx: GuardContext) -> bool:
    return ctx.roles.get(ctx.event.by or "") == "principal"


@guard("leadership_offender", Label(
    nb="noen i ledelsen er mistenkt for å krenke barnet",
    nn="nokon i leiinga er mistenkt for å krenkje barnet",
    en="someone in the leadership is suspected of violating the child",
), needs_event=False)
def leadership_offender(ctx: GuardContext) -> bool:
    return "leadership" in ctx.facts.offenders or ctx.event.get("offender") == "leadership"


@guard("staff_offender", Label(
    nb="noen som arbeider ved enheten, er mistenkt for å krenke barnet",
    nn="nokon som arbeider ved eininga, er mistenkt for å krenkje barnet",
    en="someone working at the unit is suspected of violating the child",
), needs_event=False)
def staff_offender(ctx: GuardContext) -> bool:
    offenders = ctx.facts.offenders | {ctx.event.get("offender")}
    return bool(offenders & {"staff", "leadership"})


@guard("conclusion_safe", Label(
    nb="undersøkelsen konkluderer med at barnet har det trygt og godt",
    nn="undersøkinga konkluderer med at barnet har det trygt og godt",
    en="the investigation concludes that the child is safe and well",
))
def conclusion_safe(ctx: GuardContext) -> bool:
    return bool(ctx.event.get("conclusion") == "safe")


@guard("conclusion_not_safe", Label(
    nb="undersøkelsen konkluderer med at barnet ikke har det trygt og godt",
    nn="undersøkinga konkluderer med at barnet ikkje har det trygt og godt",
    en="the investigation concludes that the child is not safe and well",
))
def conclusion_not_safe(ctx: GuardContext) -> bool:
    return bool(ctx.event.get("conclusion") == "not_safe")


@guard("outcome_continue", Label(
    nb="evalueringen konkluderer med at tiltakene skal fortsette",
    nn="evalueringa konkluderer med at tiltaka skal halde fram",
    en="the evaluation concludes that the measures continue",
))
def outcome_continue(ctx: GuardContext) -> bool:
    return bool(ctx.event.get("outcome") == "continue")


@guard("outcome_revise", Label(
    nb="evalueringen konkluderer med at planen skal justeres",
    nn="evalueringa konkluderer med at planen skal justerast",
    en="the evaluation concludes that the plan is to be revised",
))
def outcome_revise(ctx: GuardContext) -> bool:
    return bool(ctx.event.get("outcome") == "revise")


@guard("outcome_close", Label(
    nb="evalueringen konkluderer med at saken kan avsluttes",
    nn="evalueringa konkluderer med at saka kan avsluttast",
    en="the evaluation concludes that the case may be closed",
))
def outcome_close(ctx: GuardContext) -> bool:
    return bool(ctx.event.get("outcome") == "close")


@guard("child_not_unsafe", Label(
    nb="barnet ikke selv sier at det ikke har det trygt og godt",
    nn="barnet ikkje sjølv seier at det ikkje har det trygt og godt",
    en="the child does not say they are not safe and well",
))
def child_not_unsafe(ctx: GuardContext) -> bool:
    """The child's view given with the event, or else the latest view recorded, is not ``not_safe``:
    the child's own experience decides, and measures last as long as the child is not safe."""
    view = ctx.event.get("child_view")
    if view is None:
        view = ctx.facts.child_view
    return bool(view != "not_safe")


def _sf_fields(ctx: GuardContext | None, lang: str) -> Mapping[str, str]:
    unknown = {"nb": "ukjent", "nn": "ukjend", "en": "unknown"}.get(lang, "ukjent")
    if ctx is None or ctx.workflow.sf_waiting is None:
        return {"term": unknown, "first_day": unknown}
    term = ctx.workflow.sf_waiting
    first = sf_first_day(ctx.facts, ctx.workflow)
    return {"term": term_text(term, lang), "first_day": first.isoformat() if first else unknown}


def sf_first_day(facts: Facts, workflow: WorkflowSpec) -> date | None:
    """The first day the family may report the case to Statsforvaltaren: the day it was raised
    with the principal plus the workflow's waiting term (None if not raised, or no scheme)."""
    if facts.raised is None or workflow.sf_waiting is None:
        return None
    return term_end(facts.raised, workflow.sf_waiting)


@guard("sf_waiting_passed", Label(
    nb="det har gått minst {term} siden saken ble tatt opp med rektor (tidligst {first_day})",
    nn="det har gått minst {term} sidan saka vart teken opp med rektor (tidlegast {first_day})",
    en="at least {term} have passed since the case was raised with the principal ({first_day} at the earliest)",
), needs_event=False, requires=("sf_waiting",), fields=_sf_fields)
def sf_waiting_passed(ctx: GuardContext) -> bool:
    first = sf_first_day(ctx.facts, ctx.workflow)
    return first is not None and ctx.event.day >= first


@guard("decision_not_fulfilled", Label(
    nb="Statsforvalteren har kommet til at aktivitetsplikten ikke er oppfylt",
    nn="Statsforvaltaren har kome til at aktivitetsplikta ikkje er oppfylt",
    en="Statsforvaltaren has found that the duty to act was not fulfilled",
))
def decision_not_fulfilled(ctx: GuardContext) -> bool:
    return bool(ctx.event.get("outcome") == "not_fulfilled")


@guard("last_order_done", Label(
    nb="dette fullfører alle påleggene i Statsforvalterens siste vedtak",
    nn="dette fullfører alle pålegga i det siste vedtaket frå Statsforvaltaren",
    en="this completes every order in Statsforvaltaren's latest decision",
))
def last_order_done(ctx: GuardContext) -> bool:
    order = ctx.event.get("order")
    facts = ctx.facts
    return bool(order in facts.decision_orders and facts.open_orders <= {order})
