"""The named guards (pure predicates with labels in three languages), the waiting time on the
Norwegian calendar, and the Mermaid diagram."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from actionloop.core.clock import OSLO
from actionloop.core.model import Event, Order
from actionloop.workflow.diagram import mermaid
from actionloop.workflow.guards import GUARDS, Facts, GuardContext, get_guard, sf_first_day, term_end, term_text
from actionloop.workflow.spec import Term

ROLES = {"t1": "teacher", "r1": "principal", "l1": "leadership", "g1": "guardian"}


def ev(kind: str, day: date, by: str | None = "t1", **fields: Any) -> Event:
    at = datetime(day.year, day.month, day.day, 12, tzinfo=OSLO)
    return Event(index=0, type=kind, at=at, day=day, timed=True, at_text=at.isoformat(), by=by, fields=fields)


def ctx(registry: Any, event: Event, facts: Facts | None = None, workflow: str = "skole-oppl2023") -> GuardContext:
    return GuardContext(event, facts or Facts(), registry.get(workflow), ROLES)


D = date(2025, 9, 8)


def test_every_guard_has_labels_in_three_languages() -> None:
    assert {"reporter_is_principal", "leadership_offender", "conclusion_safe", "conclusion_not_safe",
            "outcome_continue", "outcome_revise", "outcome_close", "child_not_unsafe", "sf_waiting_passed",
            "decision_not_fulfilled", "last_order_done"} <= set(GUARDS)
    for guard in GUARDS.values():
        assert all(guard.label(lang) for lang in ("nb", "nn", "en"))
        assert guard.label("nb") != guard.label("en")


@pytest.mark.parametrize(("name", "event", "expected"), [
    ("reporter_is_principal", ev("concern", D, by="r1"), True),
    ("reporter_is_principal", ev("concern", D, by="l1"), False),
    ("reporter_is_principal", ev("concern", D, by="t1"), False),
    ("conclusion_safe", ev("investigation_concluded", D, conclusion="safe"), True),
    ("conclusion_safe", ev("investigation_concluded", D, conclusion="not_safe"), False),
    ("conclusion_not_safe", ev("investigation_concluded", D, conclusion="not_safe"), True),
    ("outcome_continue", ev("evaluation", D, outcome="continue"), True),
    ("outcome_revise", ev("evaluation", D, outcome="revise"), True),
    ("outcome_close", ev("evaluation", D, outcome="close"), True),
    ("outcome_close", ev("evaluation", D, outcome="revise"), False),
    ("child_not_unsafe", ev("closed", D, child_view="safe"), True),
    ("child_not_unsafe", ev("closed", D, child_view="unclear"), True),
    ("child_not_unsafe", ev("closed", D, child_view="not_safe"), False),
    ("decision_not_fulfilled", ev("sf_decision", D, outcome="not_fulfilled"), True),
    ("decision_not_fulfilled", ev("sf_decision", D, outcome="dismissed"), False),
])
def test_guards_on_the_event(registry: Any, name: str, event: Event, expected: bool) -> None:
    assert get_guard(name)(ctx(registry, event)) is expected


def test_child_not_unsafe_falls_back_on_the_latest_view(registry: Any) -> None:
    facts = Facts()
    facts.apply(ev("child_heard", D, child_view="not_safe"))
    assert not get_guard("child_not_unsafe")(ctx(registry, ev("closed", D), facts))
    facts.apply(ev("evaluation", D, child_view="safe", outcome="close"))
    assert get_guard("child_not_unsafe")(ctx(registry, ev("closed", D), facts))


def test_leadership_offender_looks_at_the_case(registry: Any) -> None:
    facts = Facts()
    guard = get_guard("leadership_offender")
    assert not guard(ctx(registry, ev("report_to_owner", D), facts))
    facts.apply(ev("concern", D, offender="leadership", source="observed"))
    assert guard(ctx(registry, ev("report_to_owner", D), facts))
    assert not guard.needs_event


def test_last_order_done(registry: Any) -> None:
    facts = Facts()
    facts.apply(ev("sf_decision", D, by=None, outcome="not_fulfilled", orders=(Order("o1", "a"), Order("o2", "b"))))
    guard = get_guard("last_order_done")
    assert not guard(ctx(registry, ev("sf_order_done", D, order="o1"), facts))
    facts.apply(ev("sf_order_done", D, order="o1"))
    assert facts.open_orders == {"o2"}
    assert guard(ctx(registry, ev("sf_order_done", D, order="o2"), facts))
    assert not guard(ctx(registry, ev("sf_order_done", D, order="o1"), facts))


def test_the_waiting_time_on_the_norwegian_calendar(registry: Any) -> None:
    guard = get_guard("sf_waiting_passed")
    facts = Facts()
    assert not guard(ctx(registry, ev("sf_report", date(2025, 6, 20)), facts))  # never raised
    facts.apply(ev("raised_with_principal", date(2025, 6, 6), by="g1"))  # Friday before Whit Monday
    assert sf_first_day(facts, registry.get("skole-oppl2023")) == date(2025, 6, 16)
    assert not guard(ctx(registry, ev("sf_report", date(2025, 6, 13)), facts))
    assert guard(ctx(registry, ev("sf_report", date(2025, 6, 16)), facts))
    # The old law: one week, calendar days.
    assert sf_first_day(facts, registry.get("skole-oppl1998")) == date(2025, 6, 13)
    # Only the first raise counts.
    facts.apply(ev("raised_with_principal", date(2025, 6, 10), by="g1"))
    assert sf_first_day(facts, registry.get("skole-oppl2023")) == date(2025, 6, 16)
    described = guard.describe(ctx(registry, ev("sf_report", date(2025, 6, 13)), facts), "nn")
    assert described == "det har gått minst 5 arbeidsdagar sidan saka vart teken opp med rektor (tidlegast 2025-06-16)"


def test_terms_and_their_names() -> None:
    friday = ev("raised_with_principal", date(2025, 4, 11))  # before Easter 2025
    assert term_end(friday, Term(5, "working_days")) == date(2025, 4, 23)
    assert term_end(friday, Term(7, "days")) == date(2025, 4, 18)
    assert term_end(friday, Term(2, "school_days")) == date(2025, 4, 15)
    assert term_end(friday, Term(24, "hours")) == friday.day + timedelta(days=1)
    assert term_text(Term(1, "working_days"), "nb") == "1 arbeidsdag"
    assert term_text(Term(7, "days"), "en") == "7 days"


def test_the_mermaid_diagram(registry: Any) -> None:
    text = mermaid(registry.get("skole-oppl2023"))
    assert text.startswith("stateDiagram-v2\n")
    assert "state main {" in text and "state enforcement {" in text
    assert 'state "Meldt til rektor" as main_meldt' in text
    assert "[*] --> main_ny" in text
    assert "main_meldt --> main_undersokes : starte undersøkelsen" in text
    assert "main_tiltak --> main_avslutning : evaluere tiltakene [outcome_close, child_not_unsafe]" in text
    assert "main_sluttet --> [*]" in text
    kid = mermaid(registry.get("barnehage-bhl2021"), "en")
    assert "state main {" not in kid and "enforcement" not in kid
    assert 'state "Reported to the kindergarten head" as main_meldt' in kid
    for line in text.splitlines()[1:]:
        if " : " in line:
            assert line.count(":") == 1  # no colon may end up in a label
