"""What may be done next in a case, and checking and appending a new step.

A new step is checked with the track's ``transitions.Machine`` (one shared machine, a throwaway
view object per call). A refusal names what is missing, in the case's language, from the
workflow's own labels: the shortest chain of steps to a state where the step is possible, or the
labels of the guards that failed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from actionloop.core import casefile
from actionloop.core.errors import StepNotAllowed
from actionloop.core.model import CaseFile, Event
from actionloop.workflow.guards import GUARDS, GuardContext
from actionloop.workflow.machine import fire
from actionloop.workflow.registry import WorkflowRegistry
from actionloop.workflow.replay import (
    CaseState,
    absent_step,
    event_on,
    explain,
    no_workflow,
    replay,
)


@dataclass(frozen=True, slots=True)
class StepOption:
    """One step of the workflow in force, and whether it may be taken now."""

    trigger: str
    track: str
    #: The step's label («Lage en skriftlig plan»).
    label: str
    allowed: bool
    #: Why not (a sentence naming what is missing), when not allowed.
    reason: str | None = None
    #: The missing parts named in ``reason`` (steps not yet taken, or guard labels).
    missing: tuple[str, ...] = ()
    #: Conditions on the new event itself, checked when it is recorded (guard labels).
    conditions: tuple[str, ...] = ()
    #: Citations of the transitions this step would take from the current state.
    legal_refs: tuple[str, ...] = ()
    #: The states the step may lead to from here (the current state if it stays).
    dests: tuple[str, ...] = ()


def _lang(case: CaseFile, lang: str | None) -> str:
    return lang or case.case.lang


def next_steps(
    case: CaseFile, registry: WorkflowRegistry, today: date, lang: str | None = None,
    state: CaseState | None = None,
) -> list[StepOption]:
    """Every step of the workflow in force for the case's setting on ``today``, each with whether
    it may be taken now and, if not, why. Guards on the new event's own fields (an evaluation's
    outcome, the child's view at closing) cannot be judged in advance; they are listed as
    ``conditions``. Empty if no workflow is in force that day."""
    lang = _lang(case, lang)
    spec = registry.for_event(case.case.setting, today)
    if spec is None:
        return []
    compiled = registry.compiled(spec.id)
    state = state if state is not None else replay(case, registry, lang)
    roles = {p.id: p.role for p in case.people}
    options: list[StepOption] = []
    for trigger in spec.triggers:
        track_id = compiled.track_of[trigger]
        current = state.tracks.get(track_id, compiled.initial(track_id))
        ctx = GuardContext(event_on(today, trigger, len(case.events)), state.facts, spec, roles)

        def judge(name: str, ctx: GuardContext = ctx) -> bool:
            guard = GUARDS[name]
            return guard.needs_event or guard.check(ctx)

        candidates = compiled.transitions.get((track_id, current, trigger), ())
        open_ = [t for t in candidates if all(judge(g) for g in t.guards)]
        label = spec.step_label(trigger, lang)
        label = label[:1].upper() + label[1:]
        if open_:
            # Conditions the new event must meet whichever way it goes: guards on the event
            # itself that every open transition has.
            common = [g for g in open_[0].guards if GUARDS[g].needs_event and all(g in t.guards for t in open_)]
            conditions = [GUARDS[g].describe(ctx, lang) for g in common]
            options.append(StepOption(
                trigger=trigger, track=track_id, label=label, allowed=True,
                conditions=tuple(conditions),
                legal_refs=tuple(dict.fromkeys(t.legal_ref.cite() for t in open_ if t.legal_ref)),
                dests=tuple(dict.fromkeys(t.dest or current for t in open_)),
            ))
        else:
            reason, missing = explain(compiled, track_id, current, trigger, judge, ctx, lang)
            options.append(StepOption(
                trigger=trigger, track=track_id, label=label, allowed=False, reason=reason, missing=missing,
            ))
    return options


def with_event(case: CaseFile, event: Mapping[str, Any], lang: str | None = None) -> CaseFile:
    """The case with ``event`` appended, read back through the case-file reader (schema,
    references to people, measures and orders, time order). Raises ``CaseFileError``."""
    data = case.to_dict()
    data["events"].append(dict(event))
    return casefile.from_dict(data, source=case.case.id, lang=_lang(case, lang))


def check_event(case: CaseFile, event: Event, registry: WorkflowRegistry, lang: str | None = None) -> None:
    """Raise :class:`StepNotAllowed` unless the workflow in force on the event's day allows
    ``event`` as the next step of ``case`` (the case before the event)."""
    lang = _lang(case, lang)
    setting = case.case.setting
    spec = registry.for_event(setting, event.day)
    if spec is None:
        raise StepNotAllowed(event.type, "", no_workflow(setting, event.day, lang))
    compiled = registry.compiled(spec.id)
    track_id = compiled.track_of.get(event.type)
    if track_id is None:
        raise StepNotAllowed(event.type, "", absent_step(spec, event.type, lang))
    state = replay(case, registry, lang)
    current = state.tracks.get(track_id, compiled.initial(track_id))
    ctx = GuardContext(event, state.facts, spec, {p.id: p.role for p in case.people})
    decision = fire(registry.machine(spec.id, track_id), current, event.type, ctx)
    if decision.taken:
        return
    message, missing = explain(compiled, track_id, current, event.type, lambda g: GUARDS[g].check(ctx), ctx, lang)
    raise StepNotAllowed(event.type, current, message, missing)


def check_step(
    case: CaseFile, event: Mapping[str, Any], registry: WorkflowRegistry, lang: str | None = None,
) -> None:
    """Raise ``CaseFileError`` if ``event`` (a case-file event object) is not a valid next event of
    the case file, and :class:`StepNotAllowed` if the workflow does not allow it now."""
    new = with_event(case, event, lang)
    check_event(case, new.events[-1], registry, lang)


def append_step(
    case: CaseFile, event: Mapping[str, Any], registry: WorkflowRegistry, lang: str | None = None,
) -> CaseFile:
    """The case with ``event`` appended, if it is a valid event and the workflow allows it
    (``CaseFileError`` or :class:`StepNotAllowed` otherwise; ``case`` is never changed)."""
    new = with_event(case, event, lang)
    check_event(case, new.events[-1], registry, lang)
    return new
