"""The two compiled forms of a workflow: one shared ``transitions.Machine`` per track (built once,
metadata stripped, nothing registered on it) and the plain dict table used by replay. On random
walks with random events and facts, the two always agree."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from transitions import Machine

from actionloop.core.clock import OSLO
from actionloop.core.model import EVENT_TYPES, Event, Order
from actionloop.workflow.guards import Facts, GuardContext
from actionloop.workflow.machine import CaseView, Outcome, decide, fire, machine_config
from actionloop.workflow.registry import load_registry

REGISTRY = load_registry()
WORKFLOWS = [w.id for w in REGISTRY.all()]
ROLES = {"t1": "teacher", "r1": "principal", "l1": "leadership", "g1": "guardian"}


def test_one_machine_per_track_built_once(registry: Any) -> None:
    for spec in registry.all():
        for track in spec.tracks:
            machine = registry.machine(spec.id, track.id)
            assert isinstance(machine, Machine)
            assert machine is registry.machine(spec.id, track.id)
            assert machine.models == []
            assert not machine.auto_transitions and machine.send_event
            assert set(machine.states) == {s.id for s in track.states}
            assert set(machine.events) == track.triggers


def test_metadata_is_stripped() -> None:
    spec = REGISTRY.get("skole-oppl2023")
    config = machine_config(spec.track("main"))
    assert set(config) == {"states", "transitions"}
    assert all(set(t) == {"trigger", "source", "dest", "conditions"} for t in config["transitions"])
    assert all(isinstance(s, str) for s in config["states"])


def test_firing_keeps_nothing_on_the_machine(registry: Any) -> None:
    machine = registry.machine("skole-oppl2023", "main")
    event = _event("investigation_started", 0, {})
    ctx = GuardContext(event, Facts(), registry.get("skole-oppl2023"), ROLES)
    decision = fire(machine, "meldt", "investigation_started", ctx)
    assert decision.outcome is Outcome.TAKEN and decision.state == "undersokes"
    assert machine.models == []
    assert fire(machine, "ny", "plan", ctx).outcome is Outcome.NO_TRANSITION
    assert fire(machine, "ny", "sf_report", ctx).outcome is Outcome.NO_TRANSITION
    view = CaseView("tiltak", GuardContext(_event("evaluation", 0, {"outcome": "close", "child_view": "not_safe"}),
                                           Facts(), registry.get("skole-oppl2023"), ROLES))
    assert machine.events["evaluation"].trigger(view) is False and view.state == "tiltak"


def test_the_table_has_every_transition_in_order(registry: Any) -> None:
    table = registry.table("skole-oppl2023")
    assert table[("main", "ny", "concern")] == ((("reporter_is_principal",), "meldt"), ((), "bekymring"))
    assert table[("main", "tiltak", "evaluation")] == (
        (("outcome_revise",), "revisjon"), (("outcome_close", "child_not_unsafe"), "avslutning"),
        (("outcome_continue",), None),
    )
    assert ("main", "meldt", "plan") not in table
    assert all(isinstance(k, tuple) and len(k) == 3 for k in table)


# --- random walks -----------------------------------------------------------------------------

START = datetime(2025, 9, 1, 9, tzinfo=OSLO)


def _event(kind: str, index: int, fields: dict[str, Any], by: str | None = "t1", days: int = 0) -> Event:
    at = START + timedelta(days=days)
    return Event(index=index, type=kind, at=at, day=at.date(), timed=True, at_text=at.isoformat(),
                 by=by, fields=fields)


FIELDS = st.fixed_dictionaries({}, optional={
    "offender": st.sampled_from(["child", "staff", "leadership", "unknown", "none"]),
    "serious": st.booleans(),
    "conclusion": st.sampled_from(["safe", "not_safe"]),
    "child_view": st.sampled_from(["safe", "not_safe", "unclear"]),
    "outcome": st.sampled_from(["continue", "revise", "close", "fulfilled", "not_fulfilled", "dismissed"]),
    "order": st.sampled_from(["o1", "o2", "o3"]),
    "orders": st.lists(st.sampled_from(["o1", "o2", "o3"]), unique=True, max_size=3).map(
        lambda ids: tuple(Order(i, "pålegg") for i in ids)),
})

VIEW = st.sampled_from(["safe", "not_safe", "unclear"])
#: Fields an event of each type would usually carry (so guards pass often enough for deep walks).
TYPICAL = {
    "concern": st.fixed_dictionaries({"offender": st.sampled_from(["child", "staff", "leadership"])}),
    "investigation_concluded": st.fixed_dictionaries({"conclusion": st.sampled_from(["safe", "not_safe"])}),
    "evaluation": st.fixed_dictionaries({"outcome": st.sampled_from(["close", "revise", "continue"]),
                                         "child_view": VIEW}),
    "closed": st.fixed_dictionaries({"child_view": st.sampled_from(["safe", "unclear", "not_safe"])}),
    "sf_decision": st.fixed_dictionaries({
        "outcome": st.sampled_from(["fulfilled", "not_fulfilled", "dismissed"]),
        "orders": st.lists(st.sampled_from(["o1", "o2"]), unique=True, min_size=1, max_size=2).map(
            lambda ids: tuple(Order(i, "pålegg") for i in ids)),
    }),
    "sf_order_done": st.fixed_dictionaries({"order": st.sampled_from(["o1", "o2"])}),
}
OTHER = st.tuples(st.sampled_from(["t1", "r1", "l1", "g1", None]), st.integers(min_value=0, max_value=12))


@settings(max_examples=100, deadline=None)
@given(workflow_id=st.sampled_from(WORKFLOWS), length=st.integers(min_value=0, max_value=30), data=st.data())
def test_table_and_machine_agree_on_random_walks(workflow_id: str, length: int, data: st.DataObject) -> None:
    spec = REGISTRY.get(workflow_id)
    compiled = REGISTRY.compiled(workflow_id)
    table = REGISTRY.table(workflow_id)
    states = {t.id: t.initial for t in spec.tracks}
    facts = Facts()
    days = 0
    for index in range(length):
        # Mostly a step the current states have transitions for (so walks get deep into the
        # loop), sometimes any event type at all.
        possible = sorted({trigger for (track, state, trigger) in table
                           if states[track] == state and trigger != "child_left"})
        kinds = st.sampled_from(possible) if possible else st.sampled_from(EVENT_TYPES)
        kind = data.draw(st.one_of(kinds, kinds, kinds, st.sampled_from(EVENT_TYPES)), label="type")
        typical = TYPICAL.get(kind)
        fields = data.draw(st.one_of(typical, typical, FIELDS) if typical is not None else FIELDS, label="fields")
        by, gap = data.draw(OTHER, label="event")
        days += gap
        event = _event(kind, index, fields, by, days)
        ctx = GuardContext(event, facts, spec, ROLES)
        track = compiled.track_of.get(kind)
        if track is None:
            assert kind not in table_triggers(table)
            facts.apply(event)
            continue
        by_table = decide(table, track, states[track], kind, ctx)
        by_machine = fire(REGISTRY.machine(workflow_id, track), states[track], kind, ctx)
        assert by_table == by_machine, (workflow_id, track, states[track], kind, fields)
        # The replay table (trigger -> state, predicates resolved) says the same.
        fast_track, by_state = compiled.fast[kind]
        assert fast_track == track
        candidates = by_state.get(states[track])
        if candidates is None:
            assert by_table.outcome is Outcome.NO_TRANSITION
        else:
            first = next((dest for checks, dest in candidates if all(c(ctx) for c in checks)), "refused")
            if by_table.outcome is Outcome.TAKEN:
                assert (first or states[track]) == by_table.state
            else:
                assert first == "refused"
        states[track] = by_machine.state
        facts.apply(event)


def table_triggers(table: Any) -> set[str]:
    return {trigger for (_, _, trigger) in table}


VARIANTS: list[dict[str, Any]] = [
    {}, {"offender": "leadership"}, {"offender": "staff"}, {"conclusion": "safe"}, {"conclusion": "not_safe"},
    *({"outcome": o, "child_view": v} for o in ("continue", "revise", "close") for v in ("safe", "not_safe", "unclear")),
    {"child_view": "not_safe"}, {"child_view": "safe"},
    {"outcome": "not_fulfilled", "orders": (Order("o1", "p"), Order("o2", "p"))}, {"outcome": "fulfilled"},
    {"order": "o1"}, {"order": "o2"},
]


def _facts(raised_days_ago: int | None, open_orders: tuple[str, ...], done: set[str]) -> Facts:
    facts = Facts()
    if raised_days_ago is not None:
        facts.raised = _event("raised_with_principal", 0, {}, "g1", days=-raised_days_ago)
    facts.decision_orders = open_orders
    facts.orders_done = set(done)
    return facts


def test_table_and_machine_agree_on_every_state_trigger_and_event(registry: Any) -> None:
    """Exhaustively: every state of every track, every event type, a set of event fields, people and
    facts chosen to make every guard both pass and fail."""
    facts_variants = [
        _facts(None, (), set()), _facts(2, ("o1", "o2"), {"o2"}), _facts(10, ("o1", "o2"), set()),
        _facts(30, ("o1",), set()),
    ]
    checked = 0
    for spec in registry.all():
        table = registry.table(spec.id)
        for track in spec.tracks:
            machine = registry.machine(spec.id, track.id)
            for state in track.states:
                for kind in EVENT_TYPES:
                    for fields in VARIANTS:
                        for by in ("t1", "r1") if kind == "concern" else ("t1",):
                            for facts in facts_variants:
                                ctx = GuardContext(_event(kind, 1, fields, by), facts, spec, ROLES)
                                assert decide(table, track.id, state.id, kind, ctx) == fire(
                                    machine, state.id, kind, ctx), (spec.id, state.id, kind, fields, by)
                                checked += 1
    assert checked > 5_000
