"""A workflow compiled twice from the same spec: one ``transitions.Machine`` per track, and a plain
dict transition table.

The machines check a *new* step (one call per command, on a throwaway view object: nothing is
registered on the machine, nothing kept). The table is for replay and audit, which must not go
through ``transitions`` (about 60k events/s there against millions with a dict look-up).
Both are built once, when the registry loads, and never changed afterwards.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from transitions import Machine, MachineError

from actionloop.workflow.guards import GUARDS, GuardContext, Predicate
from actionloop.workflow.spec import TrackSpec, TransitionSpec, WorkflowSpec

if TYPE_CHECKING:  # the stubs name these; transitions itself has no TransitionConfigDict
    from transitions.core import EventData, TransitionConfigDict

#: One candidate of a step: the guards that must all hold, and the new state (None: stays).
Candidate = tuple[tuple[str, ...], str | None]
#: ``(track, state, trigger) -> candidates``, in the order the file lists them (first match wins).
Table = dict[tuple[str, str, str], tuple[Candidate, ...]]
#: The same table for replay, keyed the way replay looks it up, with the guards resolved to their
#: predicates: ``trigger -> (track, {state: ((predicates, dest), ...)})``.
FastCandidate = tuple[tuple[Predicate, ...], str | None]
FastTable = dict[str, tuple[str, dict[str, tuple[FastCandidate, ...]]]]


class Outcome(Enum):
    TAKEN = "taken"
    #: The step has no transition from the current state.
    NO_TRANSITION = "no_transition"
    #: There are transitions, but the guards of every one failed.
    GUARDS_FAILED = "guards_failed"


@dataclass(frozen=True, slots=True)
class Decision:
    outcome: Outcome
    #: The state after the step (the same state if it stays, or if it was refused).
    state: str

    @property
    def taken(self) -> bool:
        return self.outcome is Outcome.TAKEN


class GuardCondition:
    """A ``transitions`` condition that looks up a named guard and asks it about ``model.ctx``."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, event_data: EventData) -> bool:
        view: CaseView = event_data.model  # type: ignore[assignment]
        return GUARDS[self.name].check(view.ctx)

    def __repr__(self) -> str:
        return f"GuardCondition({self.name!r})"


class CaseView:
    """The throwaway model a machine fires on: a state and the guard context."""

    __slots__ = ("ctx", "state")

    def __init__(self, state: str, ctx: GuardContext) -> None:
        self.state = state
        self.ctx = ctx


def build_machine(track: TrackSpec, name: str = "") -> Machine:
    """A machine for one track: no model, no initial state, no auto transitions, events sent to
    conditions; every label, legal reference and other metadata stripped."""
    transitions: list[TransitionConfigDict] = [
        {
            "trigger": t.trigger,
            "source": list(t.sources),
            "dest": t.dest,
            "conditions": [GuardCondition(g) for g in t.guards],
        }
        for t in track.transitions
    ]
    return Machine(
        model=None,
        states=[s.id for s in track.states],
        initial=None,
        transitions=transitions,
        auto_transitions=False,
        send_event=True,
        ignore_invalid_triggers=False,
        name=f"{name}:{track.id}" if name else track.id,
    )


def fire(machine: Machine, state: str, trigger: str, ctx: GuardContext) -> Decision:
    """Ask ``machine`` whether ``trigger`` may be taken from ``state`` (nothing is kept)."""
    event = machine.events.get(trigger)
    if event is None:
        return Decision(Outcome.NO_TRANSITION, state)
    view = CaseView(state, ctx)
    try:
        taken = event.trigger(view)
    except MachineError:
        return Decision(Outcome.NO_TRANSITION, state)
    if not taken:
        return Decision(Outcome.GUARDS_FAILED, state)
    return Decision(Outcome.TAKEN, view.state)


def compile_table(spec: WorkflowSpec) -> Table:
    """The plain transition table of every track of ``spec``."""
    table: dict[tuple[str, str, str], list[Candidate]] = {}
    for track in spec.tracks:
        for t in track.transitions:
            for source in t.sources:
                table.setdefault((track.id, source, t.trigger), []).append((t.guards, t.dest))
    return {key: tuple(value) for key, value in table.items()}


def compile_fast_table(spec: WorkflowSpec) -> FastTable:
    """The transition table keyed trigger -> state, guards resolved to their predicates."""
    out: FastTable = {}
    for (track, state, trigger), candidates in compile_table(spec).items():
        by_state = out.setdefault(trigger, (track, {}))[1]
        by_state[state] = tuple((tuple(GUARDS[g].check for g in guards), dest) for guards, dest in candidates)
    return out


def decide(table: Table, track: str, state: str, trigger: str, ctx: GuardContext) -> Decision:
    """What the table says of ``trigger`` from ``state`` (the same answer as :func:`fire`)."""
    candidates = table.get((track, state, trigger))
    if candidates is None:
        return Decision(Outcome.NO_TRANSITION, state)
    for guards, dest in candidates:
        if all(GUARDS[g].check(ctx) for g in guards):
            return Decision(Outcome.TAKEN, state if dest is None else dest)
    return Decision(Outcome.GUARDS_FAILED, state)


@dataclass(frozen=True, slots=True)
class CompiledWorkflow:
    """Everything built once from a workflow spec."""

    spec: WorkflowSpec
    table: Table
    fast: FastTable
    machines: Mapping[str, Machine]
    #: trigger -> track id
    track_of: Mapping[str, str]
    #: (track, trigger) -> the one state the trigger leads to, if it leads to exactly one
    unique_dest: Mapping[tuple[str, str], str]
    #: (track, state, trigger) -> the transitions as written (for explanations)
    transitions: Mapping[tuple[str, str, str], tuple[TransitionSpec, ...]]
    _paths: dict[tuple[str, str, str], tuple[TransitionSpec, ...] | None] = field(default_factory=dict)

    @classmethod
    def build(cls, spec: WorkflowSpec) -> CompiledWorkflow:
        track_of: dict[str, str] = {}
        dests: dict[tuple[str, str], set[str]] = {}
        transitions: dict[tuple[str, str, str], list[TransitionSpec]] = {}
        for track in spec.tracks:
            for t in track.transitions:
                track_of.setdefault(t.trigger, track.id)
                bucket = dests.setdefault((track.id, t.trigger), set())
                if t.dest is not None:
                    bucket.add(t.dest)
                for source in t.sources:
                    transitions.setdefault((track.id, source, t.trigger), []).append(t)
        return cls(
            spec=spec,
            table=compile_table(spec),
            fast=compile_fast_table(spec),
            machines={track.id: build_machine(track, spec.id) for track in spec.tracks},
            track_of=track_of,
            unique_dest={key: next(iter(v)) for key, v in dests.items() if len(v) == 1},
            transitions={key: tuple(v) for key, v in transitions.items()},
        )

    def initial(self, track_id: str) -> str:
        return self.spec.track(track_id).initial

    def allowed_from(self, track_id: str, state: str, trigger: str) -> bool:
        """True if ``trigger`` has any transition from ``state`` (whatever its guards)."""
        return (track_id, state, trigger) in self.table

    def path_to(self, track_id: str, state: str, trigger: str) -> tuple[TransitionSpec, ...] | None:
        """The shortest chain of steps from ``state`` to a state where ``trigger`` has a
        transition (empty if it has one already; None if no state with one can be reached)."""
        key = (track_id, state, trigger)
        if key in self._paths:
            return self._paths[key]
        path = self._search(track_id, state, trigger)
        self._paths[key] = path
        return path

    def _search(self, track_id: str, state: str, trigger: str) -> tuple[TransitionSpec, ...] | None:
        track = self.spec.track(track_id)
        goal = {s for t in track.transitions if t.trigger == trigger for s in t.sources}
        if state in goal:
            return ()
        back: dict[str, tuple[str, TransitionSpec] | None] = {state: None}
        queue = deque([state])
        while queue:
            current = queue.popleft()
            for t in track.transitions:
                if t.dest is None or t.dest in back or current not in t.sources or t.trigger == trigger:
                    continue
                back[t.dest] = (current, t)
                if t.dest in goal:
                    steps: list[TransitionSpec] = []
                    at: str = t.dest
                    while (link := back[at]) is not None:
                        at, step = link
                        steps.append(step)
                    return tuple(reversed(steps))
                queue.append(t.dest)
        return None


def machine_config(track: TrackSpec) -> dict[str, Any]:
    """The metadata-free configuration a machine is built from (for inspection and tests)."""
    return {
        "states": [s.id for s in track.states],
        "transitions": [
            {"trigger": t.trigger, "source": list(t.sources), "dest": t.dest, "conditions": list(t.guards)}
            for t in track.transitions
        ],
    }
