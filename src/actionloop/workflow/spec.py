"""The typed form of a workflow file (``workflows/*.yaml``): law as data.

A workflow is one setting under one version of the law: its states and transitions (in one or
two tracks: the loop itself, and for schools the enforcement by Statsforvaltaren), the legal
reference and deadlines of each of the ten duties, and labels in bokmål, nynorsk and English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Final

#: Norwegian ordinal words for «ledd», as the statutes cite them.
LEDD: Final = {1: "første", 2: "andre", 3: "tredje", 4: "fjerde", 5: "femte", 6: "sjette", 7: "sjuende"}

DUTIES: Final = (
    "monitor", "intervene", "report_to_principal", "report_to_owner", "investigate",
    "hear_child", "measures", "written_plan", "evaluate", "document",
)

#: The laws a workflow may cite (``LegalRef.law``).
LAWS: Final = ("opplæringslova", "opplæringslova (1998)", "barnehageloven")
#: The kinds of days a :class:`Term` counts.
TERM_UNITS: Final = ("school_days", "working_days", "days", "hours")
#: The situations a duty may have its own citation or deadline for (``DutySpec.variant_refs``,
#: ``DutySpec.deadlines``).
VARIANTS: Final = ("normal", "serious", "staff", "leadership")
#: The values of ``WorkflowSpec.plan_who_field``.
PLAN_WHO_FIELDS: Final = ("performer", "responsible")


@dataclass(frozen=True, slots=True)
class Label:
    nb: str
    nn: str
    en: str

    def __call__(self, lang: str | None) -> str:
        return {"nn": self.nn, "en": self.en}.get(lang or "nb", self.nb)


@dataclass(frozen=True, slots=True)
class LegalRef:
    """A citation: ``opplæringslova § 12-4 andre ledd``."""

    law: str
    section: str
    ledd: int | None = None
    also: str | None = None

    def cite(self) -> str:
        text = f"{self.law} {self.section}"
        if self.ledd is not None:
            text += f" {LEDD[self.ledd]} ledd"
        if self.also:
            text += f", jf. {self.also}"
        return text

    def __str__(self) -> str:
        return self.cite()


@dataclass(frozen=True, slots=True)
class Term:
    """A time term: an amount of days of one kind (``school_days``, ``working_days``, ``days``,
    ``hours``); 0 school days means the same day."""

    amount: int
    unit: str

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"


@dataclass(frozen=True, slots=True)
class DeadlineSpec:
    """How fast a duty must be done, per variant (``normal``, ``serious``, ``staff``).

    ``legal_term`` is what the law says («snarast», «straks» …); ``local_default`` is the
    municipality's own deadline (missing it is a warning); ``breach_after`` is when a delay is
    clearly beyond what the case allowed (a breach). Both are defaults an owner may change.
    """

    legal_term: Label
    local_default: Term
    breach_after: Term | None = None
    statutory: bool = False


@dataclass(frozen=True, slots=True)
class DutySpec:
    id: str
    label: Label
    legal_ref: LegalRef | None
    #: Other citations for the same duty in a special situation (``staff``, ``leadership``, ``serious``).
    variant_refs: Mapping[str, LegalRef] = field(default_factory=dict)
    deadlines: Mapping[str, DeadlineSpec] = field(default_factory=dict)
    #: False where the law in this version lays no such duty (the duty is then not applicable).
    applies: bool = True
    note: str | None = None

    def ref(self, variant: str | None = None) -> LegalRef | None:
        if variant is not None and variant in self.variant_refs:
            return self.variant_refs[variant]
        return self.legal_ref

    def deadline(self, variant: str = "normal") -> DeadlineSpec | None:
        return self.deadlines.get(variant) or self.deadlines.get("normal")


@dataclass(frozen=True, slots=True)
class StateSpec:
    id: str
    label: Label
    final: bool = False
    legal_ref: LegalRef | None = None


@dataclass(frozen=True, slots=True)
class TransitionSpec:
    trigger: str
    sources: tuple[str, ...]
    dest: str | None  # None: the state does not change (a step recorded within a state)
    guards: tuple[str, ...] = ()
    #: What taking this step means, used to say what is missing («the investigation is not started»).
    label: Label | None = None
    legal_ref: LegalRef | None = None
    #: What is missing while this transition has not been taken («undersøkelsen er ikke startet»);
    #: when absent, the step's own ``missing`` (:class:`StepSpec`) is used.
    missing: Label | None = None


@dataclass(frozen=True, slots=True)
class StepSpec:
    """How a workflow speaks of one step (a trigger = a case-file event type).

    ``label`` is an infinitive phrase in lower case («lage en skriftlig plan»), ``not_yet`` the
    opening of a refusal («Planen kan ikke lages ennå»), ``missing`` what is lacking while the step
    has not been taken («det er ikke laget noen skriftlig plan»).
    """

    trigger: str
    label: Label
    not_yet: Label | None = None
    missing: Label | None = None


@dataclass(frozen=True, slots=True)
class TrackSpec:
    id: str
    initial: str
    states: tuple[StateSpec, ...]
    transitions: tuple[TransitionSpec, ...]

    def state(self, state_id: str) -> StateSpec:
        for s in self.states:
            if s.id == state_id:
                return s
        raise KeyError(state_id)

    @property
    def triggers(self) -> frozenset[str]:
        return frozenset(t.trigger for t in self.transitions)


@dataclass(frozen=True, slots=True)
class WorkflowSpec:
    id: str
    version: str
    title: Label
    settings: tuple[str, ...]
    valid_from: date
    valid_to: date | None
    law: Label
    #: The legal basis of the whole workflow (``opplæringslova kapittel 12``).
    legal_basis: LegalRef
    tracks: tuple[TrackSpec, ...]
    duties: Mapping[str, DutySpec]
    #: Days the family must wait after raising the case with the principal before reporting it to
    #: Statsforvaltaren (None: no enforcement scheme).
    sf_waiting: Term | None = None
    #: The plan's required "who" field: ``performer`` (2023 law) or ``responsible``.
    plan_who_field: str = "performer"
    source: str = ""
    #: How the workflow speaks of each of its steps (every trigger of every track has one).
    steps: Mapping[str, StepSpec] = field(default_factory=dict)
    #: Event types this law has no step for, with the reason told to the user (``sf_report`` in a
    #: kindergarten: barnehageloven has no enforcement scheme by Statsforvaltaren).
    not_in_law: Mapping[str, Label] = field(default_factory=dict)

    def applies_on(self, setting: str, day: date) -> bool:
        return (
            setting in self.settings
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )

    def track_of(self, trigger: str) -> TrackSpec | None:
        for track in self.tracks:
            if trigger in track.triggers:
                return track
        return None

    def duty(self, duty_id: str) -> DutySpec:
        return self.duties[duty_id]

    def track(self, track_id: str) -> TrackSpec:
        for track in self.tracks:
            if track.id == track_id:
                return track
        raise KeyError(track_id)

    @property
    def triggers(self) -> tuple[str, ...]:
        """Every trigger of every track, in the order the file first names them."""
        seen: dict[str, None] = {}
        for track in self.tracks:
            for t in track.transitions:
                seen.setdefault(t.trigger, None)
        return tuple(seen)

    def step_label(self, trigger: str, lang: str | None = None) -> str:
        """The step's label («lage en skriftlig plan»), or the trigger itself if it has none."""
        step = self.steps.get(trigger)
        return step.label(lang) if step else trigger
