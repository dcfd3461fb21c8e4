"""Replay: the example cases end where they should, without irregularities; out-of-order steps are
recorded, not refused; a school case continues across the change of law on 2024-08-01."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from wf_builders import (
    EXAMPLES,
    closed,
    concern,
    concluded,
    evaluation,
    heard,
    make_case,
    plan,
    raised,
    reported,
    sf_report,
    started,
    through_plan,
)

from actionloop.core import casefile
from actionloop.workflow.replay import replay

EXPECTED = {
    "school-2025-handled-well.json": ("skole-oppl2023", {"main": "avsluttet", "enforcement": "ingen"}),
    "school-2025-late-report.json": ("skole-oppl2023", {"main": "avsluttet", "enforcement": "ingen"}),
    "school-2023-old-law-incomplete-plan.json": ("skole-oppl1998", {"main": "tiltak", "enforcement": "ingen"}),
    "kindergarten-2025-staff-offender.json": ("barnehage-bhl2021", {"main": "avsluttet"}),
}


def test_every_example_is_covered() -> None:
    files = {p.name for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_replay_without_irregularities(registry: Any, name: str) -> None:
    case = casefile.load(EXAMPLES / name)
    state = replay(case, registry)
    workflow, tracks = EXPECTED[name]
    assert state.irregular == ()
    assert state.workflow_id == workflow
    assert dict(state.tracks) == tracks
    assert state.event_workflows == (workflow,) * len(case.events)


def test_facts_follow_the_events(registry: Any) -> None:
    state = replay(casefile.load(EXAMPLES / "kindergarten-2025-staff-offender.json"), registry)
    facts = state.facts
    assert facts.offenders == {"staff"} and facts.serious
    assert facts.plans == 1 and facts.measures == {"m1", "m2", "m3"} == facts.measures_done
    assert facts.child_view == "safe"
    assert facts.last_index == 15


def test_a_plan_before_any_investigation_is_irregular_but_taken(registry: Any) -> None:
    case = make_case(concern("2025-09-08"), reported("2025-09-08"), plan("2025-09-09"))
    state = replay(case, registry)
    assert state.tracks["main"] == "tiltak"  # the plan's only destination
    [(index, message)] = state.irregular
    assert index == 2
    assert "Planen kan ikke lages ennå: undersøkelsen er ikke startet." in message
    assert "Meldt til rektor" in message


def test_closing_while_the_child_says_not_safe_is_irregular(registry: Any) -> None:
    events = [*through_plan(), evaluation("2025-09-26", "close", "safe"), closed("2025-09-29", view="not_safe")]
    state = replay(make_case(*events), registry)
    assert state.tracks["main"] == "avsluttet"
    [(index, message)] = state.irregular
    assert index == 7 and "ikke har det trygt og godt" in message


def test_an_evaluation_that_closes_while_the_child_is_not_safe_keeps_the_state(registry: Any) -> None:
    events = [*through_plan(), evaluation("2025-09-26", "close", "not_safe")]
    state = replay(make_case(*events), registry)
    assert state.tracks["main"] == "tiltak"  # several destinations: it stays
    assert [i for i, _ in state.irregular] == [6]


def test_a_case_spanning_the_change_of_law_continues(registry: Any) -> None:
    case = make_case(
        concern("2024-06-10"), reported("2024-06-10"), started("2024-06-11"), heard("2024-06-11"),
        concluded("2024-06-14"), plan("2024-06-17"),
        evaluation("2024-08-20", "close", "safe"), closed("2024-08-21"),
    )
    state = replay(case, registry)
    assert state.irregular == ()
    assert state.event_workflows == ("skole-oppl1998",) * 6 + ("skole-oppl2023",) * 2
    assert state.workflow_id == "skole-oppl2023"
    assert state.tracks["main"] == "avsluttet"


def test_sf_report_before_the_waiting_time_is_irregular(registry: Any) -> None:
    case = make_case(*through_plan(), raised("2025-09-19"), sf_report("2025-09-22"))
    state = replay(case, registry)
    assert state.tracks["enforcement"] == "meldt_sf"
    [(index, message)] = state.irregular
    assert index == 7 and "5 arbeidsdager" in message and "2025-09-26" in message


def test_events_with_no_workflow_in_force_or_outside_the_law(registry: Any) -> None:
    old = make_case(concern("2016-05-02"), reported("2016-05-02"))
    state = replay(old, registry)
    assert state.workflow_id is None and len(state.irregular) == 2
    assert "Ingen arbeidsflyt gjelder for skole på 2016-05-02" in state.irregular[0][1]
    kid = make_case(concern("2025-03-03", by="s1"), raised("2025-03-04"), sf_report("2025-03-20"),
                    setting="kindergarten")
    state = replay(kid, registry)
    assert [i for i, _ in state.irregular] == [2]
    assert "ingen håndhevingsordning" in state.irregular[0][1]


def test_messages_follow_the_language(registry: Any) -> None:
    case = make_case(concern("2025-09-08"), reported("2025-09-08"), plan("2025-09-09"), lang="nn")
    assert "Planen kan ikkje lagast enno: undersøkinga er ikkje starta." in replay(case, registry, "nn").irregular[0][1]
    assert "The plan cannot be made yet: the investigation has not been started." in replay(
        case, registry, "en").irregular[0][1]


def test_replay_is_fast(registry: Any) -> None:
    """A plain loop over dict look-ups: well over 100k events a second even on a slow machine
    (transitions itself manages about 60k)."""
    events = [*through_plan()]
    for week in range(20):
        day = 16 + week % 10
        events += [
            {"at": f"2025-10-{day:02d}T10:00:00+02:00", "type": "note", "by": "t1"},
            heard(f"2025-10-{day:02d}T11:00:00+02:00", "unclear"),
            evaluation(f"2025-10-{day:02d}T12:00:00+02:00", "continue", "unclear"),
        ]
    events.sort(key=lambda e: e["at"])
    case = make_case(*events)
    replay(case, registry)
    rounds = 300
    start = time.perf_counter()
    for _ in range(rounds):
        state = replay(case, registry)
    rate = rounds * len(case.events) / (time.perf_counter() - start)
    assert state.irregular == ()
    assert rate > 100_000, f"{rate:.0f} events/s"


def test_replay_does_not_touch_the_machines(registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: Any, **__: Any) -> Any:
        raise AssertionError("replay used a transitions.Machine")

    monkeypatch.setattr(registry, "machine", boom)
    for path in EXAMPLES.glob("*.json"):
        if not path.name.endswith(".expected.json"):
            replay(casefile.load(Path(path)), registry)
