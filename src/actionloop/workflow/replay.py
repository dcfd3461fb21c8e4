"""Replaying a case file into its state: a plain loop over the events with dict look-ups in the
compiled transition table (never through ``transitions``).

Replay is lenient. A case file is a record of what happened, wrong handling included: a step out
of order is recorded in :attr:`CaseState.irregular` as ``(event index, message)`` and the case
moves to the step's destination anyway when the step leads to one state only.

This module also words the reasons a step cannot be taken (used by replay for irregular steps and
by :mod:`actionloop.workflow.steps` for refusals), from the workflow's own labels.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from actionloop.core.clock import OSLO
from actionloop.core.i18n import Catalog, tr
from actionloop.core.model import CaseFile, Event
from actionloop.workflow.guards import GUARDS, Facts, GuardContext
from actionloop.workflow.machine import CompiledWorkflow, FastTable
from actionloop.workflow.registry import WorkflowRegistry
from actionloop.workflow.spec import TransitionSpec, WorkflowSpec

MESSAGES: Catalog = {
    "not_yet": {
        "nb": "Steget «{label}» kan ikke tas ennå",
        "nn": "Steget «{label}» kan ikkje takast enno",
        "en": "The step «{label}» cannot be taken yet",
    },
    "first": {
        "nb": "først må noen {label}",
        "nn": "først må nokon {label}",
        "en": "first someone must {label}",
    },
    "requires": {
        "nb": "det kreves at {conditions}",
        "nn": "det krevst at {conditions}",
        "en": "it is required that {conditions}",
    },
    "impossible": {
        "nb": "Steget «{label}» kan ikke tas når saken står i «{state}».",
        "nn": "Steget «{label}» kan ikkje takast når saka står i «{state}».",
        "en": "The step «{label}» cannot be taken while the case is in «{state}».",
    },
    "no_workflow": {
        "nb": "Ingen arbeidsflyt gjelder for {setting} på {day}.",
        "nn": "Ingen arbeidsflyt gjeld for {setting} på {day}.",
        "en": "No workflow applies to {setting} on {day}.",
    },
    "unknown_step": {
        "nb": "Arbeidsflyten «{workflow}» har ikke steget «{type}».",
        "nn": "Arbeidsflyten «{workflow}» har ikkje steget «{type}».",
        "en": "The workflow «{workflow}» has no step «{type}».",
    },
    "irregular": {
        "nb": "«{label}» ble registrert mens saken sto i «{state}». {reason}",
        "nn": "«{label}» vart registrert medan saka stod i «{state}». {reason}",
        "en": "«{label}» was recorded while the case was in «{state}». {reason}",
    },
    "and": {"nb": "og", "nn": "og", "en": "and"},
    "school": {"nb": "skole", "nn": "skule", "en": "school"},
    "sfo": {"nb": "SFO", "nn": "SFO", "en": "SFO"},
    "kindergarten": {"nb": "barnehage", "nn": "barnehage", "en": "kindergarten"},
}


@dataclass(frozen=True, slots=True)
class CaseState:
    """A case as its events leave it."""

    case_id: str
    setting: str
    #: The workflow in force at the last event (None: no events, or none in force then).
    workflow_id: str | None
    #: Track id -> state id, for every track of every workflow the case has been under.
    tracks: Mapping[str, str]
    #: What the guards and step lists need to know (read-only).
    facts: Facts
    #: ``(event index, message)`` for every step taken out of order or against a guard.
    irregular: tuple[tuple[int, str], ...]
    #: The workflow in force at each event (None where none was).
    event_workflows: tuple[str | None, ...]

    def state(self, track_id: str, default: str | None = None) -> str | None:
        return self.tracks.get(track_id, default)


def setting_name(setting: str, lang: str | None = None) -> str:
    return tr(MESSAGES, setting, lang) if setting in MESSAGES else setting


def join_and(parts: Sequence[str], lang: str | None = None) -> str:
    """``a``, ``a og b``, ``a, b og c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {tr(MESSAGES, 'and', lang)} {parts[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def not_yet(spec: WorkflowSpec, trigger: str, lang: str | None = None) -> str:
    """«Planen kan ikke lages ennå» — the opening of a refusal of ``trigger``."""
    step = spec.steps.get(trigger)
    if step is not None and step.not_yet is not None:
        return _capital(step.not_yet(lang))
    return tr(MESSAGES, "not_yet", lang, label=spec.step_label(trigger, lang))


def missing_text(spec: WorkflowSpec, transition: TransitionSpec, lang: str | None = None) -> str:
    """What is lacking while ``transition`` has not been taken («undersøkelsen er ikke startet»)."""
    if transition.missing is not None:
        return transition.missing(lang)
    step = spec.steps.get(transition.trigger)
    if step is not None and step.missing is not None:
        return step.missing(lang)
    label = transition.label(lang) if transition.label else spec.step_label(transition.trigger, lang)
    return tr(MESSAGES, "first", lang, label=label)


def explain(
    compiled: CompiledWorkflow,
    track_id: str,
    state: str,
    trigger: str,
    judge: Callable[[str], bool],
    ctx: GuardContext | None,
    lang: str | None = None,
) -> tuple[str, tuple[str, ...]]:
    """Why ``trigger`` cannot be taken from ``state``: the message and the missing parts.

    If the step has transitions from ``state``, their guards failed: the transition with the most
    guards holding is taken as the one meant, and its failing guards are named by their labels
    (``judge(name)`` says whether a guard holds). Otherwise the shortest chain of steps to a state
    where the step is possible is named, step by step.
    """
    spec = compiled.spec
    head = not_yet(spec, trigger, lang)
    candidates = compiled.transitions.get((track_id, state, trigger))
    if candidates:
        best: list[str] = []
        best_score = -1
        for t in candidates:
            failed = [g for g in t.guards if not judge(g)]
            score = len(t.guards) - len(failed)
            if failed and score > best_score:
                best, best_score = failed, score
        parts = tuple(GUARDS[g].describe(ctx, lang) for g in best)
        return f"{head}: {tr(MESSAGES, 'requires', lang, conditions=join_and(parts, lang))}.", parts
    path = compiled.path_to(track_id, state, trigger)
    if not path:
        state_label = spec.track(track_id).state(state).label(lang)
        return tr(MESSAGES, "impossible", lang, label=spec.step_label(trigger, lang), state=state_label), ()
    parts_list: list[str] = []
    for t in path:
        text = missing_text(spec, t, lang)
        if text not in parts_list:
            parts_list.append(text)
    return f"{head}: {join_and(parts_list, lang)}.", tuple(parts_list)


def absent_step(spec: WorkflowSpec, trigger: str, lang: str | None = None) -> str:
    """Why a workflow has no step ``trigger`` at all (its ``not_in_law`` text, or a plain one)."""
    reason = spec.not_in_law.get(trigger)
    if reason is not None:
        return reason(lang)
    return tr(MESSAGES, "unknown_step", lang, workflow=spec.id, type=trigger)


def no_workflow(setting: str, day: date, lang: str | None = None) -> str:
    return tr(MESSAGES, "no_workflow", lang, setting=setting_name(setting, lang), day=day.isoformat())


def replay(case: CaseFile, registry: WorkflowRegistry, lang: str = "nb") -> CaseState:
    """The state of ``case`` after its events (messages about irregular steps in ``lang``)."""
    setting = case.case.setting
    roles = {p.id: p.role for p in case.people}
    facts = Facts()
    apply = facts.apply
    states: dict[str, str] = {}
    irregular: list[tuple[int, str]] = []
    per_event: list[str | None] = []
    spec: WorkflowSpec | None = None
    compiled: CompiledWorkflow | None = None
    fast: FastTable = {}
    # The days the workflow in force covers (empty range: none yet / none in force).
    first, last = date.max, date.min
    looked_up: date | None = None
    for event in case.events:
        day = event.day
        if not first <= day <= last and (spec is not None or looked_up != day):
            # Look the workflow up only when the day leaves the one in force (or, with none in
            # force, when the day changes).
            looked_up = day
            found = registry.for_event(setting, day)
            if found is not spec:
                spec = found
                if found is None:
                    compiled, fast, first, last = None, {}, date.max, date.min
                else:
                    compiled = registry.compiled(found.id)
                    fast = compiled.fast
                    first, last = found.valid_from, found.valid_to or date.max
                    for track in found.tracks:
                        states.setdefault(track.id, track.initial)
        if spec is None or compiled is None:
            per_event.append(None)
            irregular.append((event.index, no_workflow(setting, day, lang)))
            apply(event)
            continue
        per_event.append(spec.id)
        kind = event.type
        entry = fast.get(kind)
        if entry is None:
            irregular.append((event.index, absent_step(spec, kind, lang)))
            apply(event)
            continue
        track_id, by_state = entry
        state = states[track_id]
        candidates = by_state.get(state)
        moved = False
        if candidates is not None:
            ctx: GuardContext | None = None
            for checks, dest in candidates:
                if checks:
                    if ctx is None:
                        ctx = GuardContext(event, facts, spec, roles)
                    ok = True
                    for check in checks:
                        if not check(ctx):
                            ok = False
                            break
                    if not ok:
                        continue
                if dest is not None:
                    states[track_id] = dest
                moved = True
                break
        if not moved:
            ctx = GuardContext(event, facts, spec, roles)
            irregular.append((event.index, _irregular(compiled, track_id, state, event, ctx, lang)))
            dest = compiled.unique_dest.get((track_id, kind))
            if dest is not None:
                states[track_id] = dest
        apply(event)
    return CaseState(
        case_id=case.case.id,
        setting=setting,
        workflow_id=per_event[-1] if per_event else None,
        tracks=states,
        facts=facts,
        irregular=tuple(irregular),
        event_workflows=tuple(per_event),
    )


def _irregular(
    compiled: CompiledWorkflow, track_id: str, state: str, event: Event, ctx: GuardContext, lang: str,
) -> str:
    spec = compiled.spec
    reason, _ = explain(compiled, track_id, state, event.type, lambda g: GUARDS[g].check(ctx), ctx, lang)
    return tr(
        MESSAGES, "irregular", lang,
        label=_capital(spec.step_label(event.type, lang)),
        state=spec.track(track_id).state(state).label(lang),
        reason=reason,
    )


def event_on(day: date, trigger: str, index: int) -> Event:
    """A placeholder event of type ``trigger`` on ``day`` (for judging what may be done that day)."""
    at = datetime(day.year, day.month, day.day, tzinfo=OSLO)
    return Event(index=index, type=trigger, at=at, day=day, timed=False, at_text=day.isoformat())
