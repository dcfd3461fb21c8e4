"""The deadline engine: every kind of open duty, the statuses around their boundaries, owner
policies, closure days and the family's Statsforvaltaren date.

The cases are small hand-written dicts read with ``casefile.from_dict``; the workflows are the
shipped ones (``workflows/``), through the registry.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from actionloop.core import casefile
from actionloop.core.calendar import Calendar
from actionloop.core.deadlines import (
    CONCLUDE_WITHIN,
    DUE_SOON,
    OK,
    OVERDUE,
    ClosureDaysError,
    Deadline,
    add_term,
    case_deadlines,
    measure_dates,
    open_deadlines,
    parse_closure_days,
    sf_first_report_date,
    sf_info,
    status_on,
    term_text,
)
from actionloop.core.model import CaseFile, Measure
from actionloop.core.policy import Policy, parse_policy
from actionloop.workflow.registry import load_registry
from actionloop.workflow.spec import Term

pytestmark = pytest.mark.frist

CAL = Calendar()


REGISTRY = load_registry()


# --- building cases ----------------------------------------------------------------------------------

PEOPLE = [
    {"id": "t1", "role": "teacher"},
    {"id": "s1", "role": "staff"},
    {"id": "r1", "role": "principal"},
    {"id": "l1", "role": "leadership"},
    {"id": "o1", "role": "owner"},
    {"id": "g1", "role": "guardian"},
    {"id": "c1", "role": "child"},
]


def ev(at: str, kind: str, by: str | None = "t1", **fields: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"at": at, "type": kind}
    if by is not None:
        out["by"] = by
    out.update(fields)
    return out


def concern(at: str, offender: str = "child", by: str = "t1", **fields: Any) -> dict[str, Any]:
    return ev(at, "concern", by, source="observed", offender=offender, **fields)


def plan(at: str, evaluations: list[str], measures: list[dict[str, Any]] | None = None, version: int = 1) -> dict[str, Any]:
    measures = measures or [{"id": "m1", "text": "Voksen i garderoben før og etter gym.", "when": "2025-09-15/2025-10-31",
                             "performer": "t1", "responsible": "r1"}]
    return ev(at, "plan", "r1", plan={
        "version": version,
        "problem": "Eleven blir holdt utenfor i friminuttene og får stygge kommentarer i garderoben.",
        "measures": measures, "evaluations": evaluations,
    })


def make(*events: dict[str, Any], setting: str = "school", owner: str | None = "Eksempel kommune",
         lang: str | None = "nb") -> CaseFile:
    unit: dict[str, Any] = {"id": "u1", "name": "Eksempel skole"}
    if owner is not None:
        unit["owner"] = owner
    info: dict[str, Any] = {"id": "test-1", "setting": setting, "unit": unit, "child": {"id": "c1"}}
    if lang is not None:
        info["language"] = lang
    return casefile.from_dict({"format": "actionloop-case/1", "case": info, "people": PEOPLE, "events": list(events)})


def deadlines(case: CaseFile, as_of: date, policy: Policy = Policy(), cal: Calendar = CAL,  # noqa: B008
              lang: str | None = None) -> list[Deadline]:
    return open_deadlines(case, REGISTRY, as_of, policy, cal, lang=lang)


def kinds(items: list[Deadline]) -> list[str]:
    return [d.kind for d in items]


def one(items: list[Deadline], kind: str) -> Deadline:
    found = [d for d in items if d.kind == kind]
    assert len(found) == 1, kinds(items)
    return found[0]


# Autumn 2025: Monday 1 September, Monday 8 September, …
MON = "2025-09-01"


# --- report to the principal ---------------------------------------------------------------------------


def test_unreported_concern_is_due_to_the_principal_the_next_school_day() -> None:
    case = make(concern(f"{MON}T10:00:00+02:00"))
    items = deadlines(case, date(2025, 9, 1))
    assert kinds(items) == ["report_to_principal"]  # nothing else is due before the principal knows
    d = items[0]
    assert d.duty == "report_to_principal"
    assert d.start_event == 0
    assert d.due == date(2025, 9, 2)
    assert d.breach_date == date(2025, 9, 8)  # 5 working days
    assert d.legal_term == "så raskt som saken krever"
    assert d.local_default == "1 skoledag"
    assert d.legal_ref == "opplæringslova § 12-4 andre ledd"
    assert d.what == d.duty_label == "Melde fra til rektor"
    assert d.status == DUE_SOON


@pytest.mark.parametrize(
    ("as_of", "status", "clearly_late"),
    [
        (date(2025, 9, 1), DUE_SOON, False),
        (date(2025, 9, 2), DUE_SOON, False),   # the due day itself
        (date(2025, 9, 3), OVERDUE, False),
        (date(2025, 9, 8), OVERDUE, False),    # the breach day: still within
        (date(2025, 9, 9), OVERDUE, True),
    ],
)
def test_status_around_the_due_and_breach_dates(as_of: date, status: str, clearly_late: bool) -> None:
    d = one(deadlines(make(concern(MON)), as_of), "report_to_principal")
    assert (d.status, d.clearly_late) == (status, clearly_late)


def test_staff_offender_report_is_straks() -> None:
    case = make(concern("2025-09-01T10:00:00+02:00", offender="staff"))
    d = one(deadlines(case, date(2025, 9, 1)), "report_to_principal")
    assert d.legal_term == "straks"
    assert d.local_default == "samme dag"
    assert d.due == date(2025, 9, 1)
    assert d.breach_date == date(2025, 9, 2)  # 24 hours
    assert d.legal_ref == "opplæringslova § 12-5"
    assert one(deadlines(case, date(2025, 9, 2)), "report_to_principal").status == OVERDUE
    assert not one(deadlines(case, date(2025, 9, 2)), "report_to_principal").clearly_late
    assert one(deadlines(case, date(2025, 9, 3)), "report_to_principal").clearly_late


def test_leadership_offender_is_reported_directly_to_the_owner() -> None:
    case = make(concern("2025-09-01T10:00:00+02:00", offender="leadership"))
    items = deadlines(case, date(2025, 9, 1))
    assert kinds(items) == ["report_direct_to_owner"]
    d = items[0]
    assert d.duty == "report_to_principal"
    assert "Melde fra til skoleeier" in d.what and "ledelsen" in d.what
    assert d.legal_term == "straks"
    assert d.legal_ref == "opplæringslova § 12-5"
    # Once the owner knows, the report is done and the investigation is due straks.
    done = make(concern("2025-09-01T10:00:00+02:00", offender="leadership"),
                ev("2025-09-01T11:00:00+02:00", "report_to_owner", "t1", to="o1"))
    items = deadlines(done, date(2025, 9, 1))
    assert kinds(items) == ["start_investigation"]
    assert items[0].start_event == 1
    assert items[0].legal_term == "straks"
    assert items[0].legal_ref == "opplæringslova § 12-5"


def test_concern_registered_by_the_principal_needs_no_report() -> None:
    case = make(concern(MON, by="r1"))
    assert kinds(deadlines(case, date(2025, 9, 1))) == ["start_investigation"]


# --- report to the owner ------------------------------------------------------------------------------


def test_serious_case_is_reported_to_the_owner() -> None:
    case = make(concern(MON, serious=True), ev(MON, "report_to_principal", to="r1"))
    items = deadlines(case, date(2025, 9, 1))
    assert kinds(items) == ["start_investigation", "report_to_owner"]  # by due date
    owner = one(items, "report_to_owner")
    assert owner.start_event == 1
    assert owner.due == date(2025, 9, 2)          # 1 working day
    assert owner.breach_date == date(2025, 9, 8)
    assert owner.legal_ref == "opplæringslova § 12-4 andre ledd"
    investigate = one(items, "start_investigation")
    assert investigate.due == date(2025, 9, 1)    # serious: the same school day
    assert investigate.breach_date == date(2025, 9, 8)


def test_owner_clock_starts_when_the_case_became_serious() -> None:
    case = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "investigation_started", "r1"),
                ev("2025-09-10", "serious", "r1", serious=True))
    owner = one(deadlines(case, date(2025, 9, 10)), "report_to_owner")
    assert owner.start_event == 3
    assert owner.due == date(2025, 9, 11)
    done = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-10", "serious", "r1", serious=True),
                ev("2025-09-10", "report_to_owner", "r1", to="o1"))
    assert "report_to_owner" not in kinds(deadlines(done, date(2025, 9, 10)))


def test_a_case_no_longer_serious_needs_no_owner_report() -> None:
    case = make(concern(MON, serious=True), ev(MON, "report_to_principal", to="r1"),
                ev("2025-09-02", "serious", "r1", serious=False))
    assert "report_to_owner" not in kinds(deadlines(case, date(2025, 9, 2)))


def test_staff_offender_case_is_always_reported_to_the_owner_straks() -> None:
    case = make(concern("2025-09-01T10:00:00+02:00", offender="staff"),
                ev("2025-09-01T10:30:00+02:00", "report_to_principal", to="r1"))
    owner = one(deadlines(case, date(2025, 9, 1)), "report_to_owner")
    assert owner.legal_term == "straks"
    assert owner.legal_ref == "opplæringslova § 12-5"
    assert owner.due == date(2025, 9, 1)
    assert owner.breach_date == date(2025, 9, 2)
    investigate = one(deadlines(case, date(2025, 9, 1)), "start_investigation")
    assert investigate.legal_term == "straks"


# --- investigating ----------------------------------------------------------------------------------


def test_investigation_clock_starts_when_the_principal_learned() -> None:
    # A late report is the reporter's delay: the investigation is due two school days after it.
    case = make(concern(MON), ev("2025-09-10", "report_to_principal", to="r1"))
    d = one(deadlines(case, date(2025, 9, 10)), "start_investigation")
    assert d.duty == "investigate"
    assert d.start_event == 1
    assert d.due == date(2025, 9, 12)
    assert d.breach_date == date(2025, 9, 24)   # 10 school days
    assert d.legal_term == "snarest"
    assert d.local_default == "2 skoledager"
    assert d.status == DUE_SOON
    assert "report_to_principal" not in kinds(deadlines(case, date(2025, 9, 10)))


def test_hearing_the_child_and_concluding_after_the_investigation_started() -> None:
    case = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "investigation_started", "r1"))
    items = deadlines(case, date(2025, 9, 2))
    assert kinds(items) == ["hear_child", "conclude_investigation"]
    hear = one(items, "hear_child")
    assert hear.duty == "hear_child"
    assert hear.start_event == 2
    assert hear.due == date(2025, 9, 4)
    assert hear.legal_ref == "opplæringslova § 12-4 andre ledd, jf. §§ 10-1 og 10-2"
    conclude = one(items, "conclude_investigation")
    assert conclude.duty == "investigate"
    assert conclude.due == add_term(date(2025, 9, 2), CONCLUDE_WITHIN["normal"], CAL) == date(2025, 9, 16)
    assert conclude.breach_date is None
    assert "produktstandard" in conclude.local_default


def test_child_heard_leaves_only_the_conclusion() -> None:
    case = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "child_heard", "r1", child_view="safe"))
    assert kinds(deadlines(case, date(2025, 9, 3))) == ["conclude_investigation"]


def test_child_not_heard_stays_open_after_the_conclusion() -> None:
    case = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "observation", "t1"),
                ev("2025-09-03", "investigation_concluded", "r1", conclusion="safe", problem="-"))
    assert kinds(deadlines(case, date(2025, 9, 3))) == ["hear_child"]


def test_safe_conclusion_with_the_child_saying_safe_owes_nothing() -> None:
    case = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "child_heard", "r1", child_view="safe"),
                ev("2025-09-03", "investigation_concluded", "r1", conclusion="safe", problem="-"))
    assert deadlines(case, date(2025, 9, 30)) == []


# --- the written plan ------------------------------------------------------------------------------


def test_plan_is_due_after_a_not_safe_conclusion() -> None:
    case = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "child_heard", "r1", child_view="unclear"),
                ev("2025-09-05", "investigation_concluded", "r1", conclusion="not_safe", problem="Utestengt."))
    d = one(deadlines(case, date(2025, 9, 5)), "written_plan")
    assert d.duty == "written_plan"
    assert d.start_event == 3
    assert d.due == date(2025, 9, 12)            # 5 school days
    assert d.breach_date == date(2025, 9, 26)    # 15 school days
    assert d.legal_ref == "opplæringslova § 12-4 tredje ledd"
    assert d.legal_term == "når tiltak settes inn"
    assert d.status == OK


def test_the_childs_own_words_start_the_plan_clock() -> None:
    # The child says they are not safe; the school concludes otherwise. The child's words decide.
    case = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "child_heard", "r1", child_view="not_safe"),
                ev("2025-09-05", "investigation_concluded", "r1", conclusion="safe", problem="-"))
    d = one(deadlines(case, date(2025, 9, 5)), "written_plan")
    assert d.start_event == 2
    assert d.due == date(2025, 9, 9)
    # Before any conclusion the plan is due too, next to concluding.
    early = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "child_heard", "r1", child_view="not_safe"))
    assert kinds(deadlines(early, date(2025, 9, 2))) == ["written_plan", "conclude_investigation"]


# --- evaluations, measures and revisions ----------------------------------------------------------------


def _planned(*more: dict[str, Any], evaluations: list[str] | None = None,
             measures: list[dict[str, Any]] | None = None) -> CaseFile:
    return make(
        concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "child_heard", "r1", child_view="not_safe"),
        ev("2025-09-03", "investigation_concluded", "r1", conclusion="not_safe", problem="Utestengt."),
        plan("2025-09-05", evaluations if evaluations is not None else ["2025-09-26", "2025-10-24"], measures), *more,
    )


def test_each_evaluation_date_of_the_plan_is_a_deadline() -> None:
    items = deadlines(_planned(), date(2025, 9, 8))
    assert kinds(items) == ["evaluation", "evaluation"]
    first, second = items
    assert first.duty == "evaluate"
    assert first.start_event == 4
    assert first.legal_due == date(2025, 9, 26)
    assert first.due == date(2025, 9, 30)        # the plan's date + 2 school days of local tolerance
    assert first.breach_date == date(2025, 10, 10)
    assert first.legal_term == "på datoene i planen"
    assert first.local_default == "2 skoledager etter datoen i planen"
    assert first.legal_ref == "opplæringslova § 12-4 tredje ledd"
    assert "2025-09-26" in first.what
    assert first.status == OK
    assert second.legal_due == date(2025, 10, 24)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [(date(2025, 9, 25), OK), (date(2025, 9, 26), DUE_SOON), (date(2025, 9, 30), DUE_SOON), (date(2025, 10, 1), OVERDUE)],
)
def test_evaluation_status_around_the_plans_date(as_of: date, status: str) -> None:
    first = deadlines(_planned(), as_of)[0]
    assert first.kind == "evaluation" and first.legal_due == date(2025, 9, 26)
    assert first.status == status


def test_an_evaluation_covers_the_plans_dates_up_to_its_day() -> None:
    on_time = _planned(ev("2025-09-26", "evaluation", "r1", child_view="unclear", outcome="continue"))
    assert [d.legal_due for d in deadlines(on_time, date(2025, 9, 29))] == [date(2025, 10, 24)]
    early = _planned(ev("2025-09-22", "evaluation", "r1", child_view="unclear", outcome="continue"))
    assert [d.legal_due for d in deadlines(early, date(2025, 9, 29))] == [date(2025, 10, 24)]
    late = _planned(ev("2025-10-27", "evaluation", "r1", child_view="unclear", outcome="continue"))
    assert [d for d in deadlines(late, date(2025, 10, 27)) if d.kind == "evaluation"] == []


def test_plan_dates_before_the_plan_itself_are_history() -> None:
    items = deadlines(_planned(evaluations=["2025-09-01", "2025-09-26"]), date(2025, 9, 8))
    assert [d.legal_due for d in items if d.kind == "evaluation"] == [date(2025, 9, 26)]


def test_measures_past_or_near_their_end_date_without_being_done() -> None:
    measures = [
        {"id": "m1", "text": "Voksen i garderoben.", "when": "2025-09-08/2025-09-19", "performer": "t1"},
        {"id": "m2", "text": "Samtale med de to elevene og foreldrene deres.", "when": "2025-09-08", "performer": "r1"},
        {"id": "m3", "text": "Faste grupper i klassen.", "when": "hele høsten", "performer": "t1"},
        {"id": "m4", "text": "Klassemøte.", "when": "2025-10-20", "performer": "t1"},
    ]
    case = _planned(measures=measures, evaluations=["2025-10-31"])
    items = [d for d in deadlines(case, date(2025, 9, 17)) if d.kind == "measure"]
    assert [(d.subject, d.status) for d in items] == [("m2", OVERDUE), ("m1", DUE_SOON)]
    m2 = items[0]
    assert m2.duty == "measures"
    assert m2.due == m2.legal_due == date(2025, 9, 8)
    assert m2.what.startswith("Gjennomføre tiltak m2: Samtale")
    assert m2.legal_ref == "opplæringslova § 12-4 andre ledd"
    done = _planned(ev("2025-09-08", "measure_done", "r1", measure="m2"), measures=measures, evaluations=["2025-10-31"])
    assert [d.subject for d in deadlines(done, date(2025, 9, 22)) if d.kind == "measure"] == ["m1"]


def test_a_measure_done_before_a_revised_plan_restarted_it_does_not_count() -> None:
    v1 = [{"id": "m1", "text": "Voksen i garderoben.", "when": "2025-09-08", "performer": "t1"}]
    v2 = [{"id": "m1", "text": "Voksen i garderoben.", "when": "2025-10-06", "performer": "t1"}]
    case = _planned(ev("2025-09-08", "measure_done", "t1", measure="m1"),
                    ev("2025-09-26", "evaluation", "r1", child_view="not_safe", outcome="revise"),
                    plan("2025-09-29", ["2025-10-24"], v2, version=2), measures=v1)
    assert [d.subject for d in deadlines(case, date(2025, 10, 7)) if d.kind == "measure"] == ["m1"]


def test_revision_is_due_after_an_evaluation_that_says_revise() -> None:
    case = _planned(ev("2025-09-26", "evaluation", "r1", child_view="unclear", outcome="revise"))
    d = one(deadlines(case, date(2025, 9, 26)), "revise_plan")
    assert d.duty == "written_plan"
    assert d.start_event == 5
    assert d.due == date(2025, 10, 3)
    assert "2025-09-26" in d.what
    revised = _planned(ev("2025-09-26", "evaluation", "r1", child_view="unclear", outcome="revise"),
                       plan("2025-09-30", ["2025-10-24"], version=2))
    assert "revise_plan" not in kinds(deadlines(revised, date(2025, 10, 1)))


def test_revision_is_due_while_the_child_says_not_safe() -> None:
    case = _planned(ev("2025-09-26", "evaluation", "r1", child_view="not_safe", outcome="continue"))
    assert "revise_plan" in kinds(deadlines(case, date(2025, 9, 26)))
    better = _planned(ev("2025-09-26", "evaluation", "r1", child_view="not_safe", outcome="continue"),
                      ev("2025-10-03", "evaluation", "r1", child_view="safe", outcome="continue"))
    assert "revise_plan" not in kinds(deadlines(better, date(2025, 10, 3)))


def test_evaluation_that_closes_the_measures_ends_the_plans_deadlines() -> None:
    case = _planned(ev("2025-09-26", "evaluation", "r1", child_view="safe", outcome="close"))
    assert deadlines(case, date(2025, 11, 30)) == []


# --- ended cases, reopening, and the view of a past day ----------------------------------------------------


def test_closed_or_left_cases_owe_nothing() -> None:
    closed = _planned(ev("2025-09-26", "evaluation", "r1", child_view="safe", outcome="close"),
                      ev("2025-09-26", "closed", "r1", child_view="safe"))
    assert deadlines(closed, date(2025, 12, 1)) == []
    left = make(concern(MON), ev("2025-09-02", "child_left", None))
    assert deadlines(left, date(2025, 12, 1)) == []


def test_a_concern_after_closing_opens_a_new_round() -> None:
    case = make(concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "child_heard", "r1", child_view="safe"),
                ev("2025-09-03", "investigation_concluded", "r1", conclusion="safe", problem="-"),
                ev("2025-09-03", "closed", "r1", child_view="safe"), concern("2025-11-03"))
    items = deadlines(case, date(2025, 11, 3))
    assert kinds(items) == ["report_to_principal"]
    assert items[0].start_event == 5
    assert items[0].due == date(2025, 11, 4)


def test_only_events_up_to_the_day_count() -> None:
    case = make(concern(MON), ev("2025-09-03", "report_to_principal", to="r1"))
    assert kinds(deadlines(case, date(2025, 9, 2))) == ["report_to_principal"]
    assert kinds(deadlines(case, date(2025, 9, 3))) == ["start_investigation"]


def test_events_before_any_workflow_owe_nothing() -> None:
    assert deadlines(make(concern("2016-09-01")), date(2016, 9, 2)) == []


def test_deadlines_are_sorted_by_due_date() -> None:
    case = make(concern(MON, serious=True), ev("2025-09-03", "report_to_principal", to="r1"))
    items = deadlines(case, date(2025, 9, 3))
    assert [d.due for d in items] == sorted(d.due for d in items)
    assert kinds(items) == ["start_investigation", "report_to_owner"]


# --- the law in force on the start event's date -----------------------------------------------------------


def test_legal_ref_follows_the_law_in_force_on_the_start_date() -> None:
    old = make(concern("2024-07-29"), ev("2024-07-29", "report_to_principal", to="r1"))
    d = one(deadlines(old, date(2024, 8, 2)), "start_investigation")
    assert d.legal_ref == "opplæringslova (1998) § 9 A-4 tredje ledd"
    new = make(concern("2024-07-29"), ev("2024-08-01", "report_to_principal", to="r1"))
    assert one(deadlines(new, date(2024, 8, 2)), "start_investigation").legal_ref == "opplæringslova § 12-4 andre ledd"


def test_kindergarten_cites_barnehageloven() -> None:
    case = make(concern("2025-03-12T09:40:00+01:00", offender="staff"), setting="kindergarten")
    d = one(deadlines(case, date(2025, 3, 12)), "report_to_principal")
    assert d.legal_ref == "barnehageloven § 43"
    assert d.legal_term == "straks"


def test_sfo_follows_the_school_workflow() -> None:
    d = one(deadlines(make(concern(MON), setting="sfo"), date(2025, 9, 1)), "report_to_principal")
    assert d.legal_ref == "opplæringslova § 12-4 andre ledd"


# --- languages ------------------------------------------------------------------------------------------


def test_texts_follow_the_case_language_or_the_given_one() -> None:
    nn = make(concern(MON), ev(MON, "report_to_principal", to="r1"), lang="nn")
    d = one(deadlines(nn, date(2025, 9, 1)), "start_investigation")
    assert d.what == "Starte undersøkinga"
    assert d.legal_term == "snarast"
    assert d.local_default == "2 skuledagar"
    en = one(deadlines(nn, date(2025, 9, 1), lang="en"), "start_investigation")
    assert en.what == "Start the investigation"
    assert en.local_default == "2 school days"
    plain = make(concern(MON), lang=None)
    assert one(deadlines(plain, date(2025, 9, 1)), "report_to_principal").what == "Melde fra til rektor"


def test_term_text() -> None:
    assert term_text(Term(1, "school_days")) == "1 skoledag"
    assert term_text(Term(5, "working_days"), "nn") == "5 arbeidsdagar"
    assert term_text(Term(0, "working_days"), "en") == "the same day"
    assert term_text(Term(24, "hours")) == "24 timer"
    assert term_text(Term(7, "days"), "en") == "7 days"


# --- owner policies, due-soon window and closure days --------------------------------------------------------


def test_owner_policy_overrides_the_local_default() -> None:
    policy = parse_policy({"owners": {
        "Eksempel kommune": {"report_to_principal": {"normal": {"local_default": {"amount": 0, "unit": "school_days"}}}},
        "*": {"report_to_principal": {"normal": {"local_default": {"amount": 3, "unit": "school_days"},
                                                  "breach_after": {"amount": 10, "unit": "school_days"}}}},
    }})
    ours = one(deadlines(make(concern(MON)), date(2025, 9, 1), policy), "report_to_principal")
    assert ours.due == date(2025, 9, 1)
    assert ours.local_default == "samme dag"
    assert ours.breach_date == date(2025, 9, 8)      # not overridden: the workflow's own
    theirs = one(deadlines(make(concern(MON), owner="Annen kommune"), date(2025, 9, 1), policy), "report_to_principal")
    assert theirs.due == date(2025, 9, 4)
    assert theirs.breach_date == date(2025, 9, 15)
    assert theirs.legal_term == "så raskt som saken krever"  # the law does not change with the owner
    no_owner = one(deadlines(make(concern(MON), owner=None), date(2025, 9, 1), policy), "report_to_principal")
    assert no_owner.due == date(2025, 9, 4)


def test_owner_policy_for_a_variant() -> None:
    policy = parse_policy({"owners": {"Eksempel kommune": {
        "investigate": {"serious": {"local_default": {"amount": 1, "unit": "working_days"}}},
    }}})
    case = make(concern(MON, serious=True), ev(MON, "report_to_principal", to="r1"))
    assert one(deadlines(case, date(2025, 9, 1), policy), "start_investigation").due == date(2025, 9, 2)
    normal = make(concern(MON), ev(MON, "report_to_principal", to="r1"))
    assert one(deadlines(normal, date(2025, 9, 1), policy), "start_investigation").due == date(2025, 9, 3)


def test_due_soon_window_comes_from_the_policy() -> None:
    case = _planned()
    assert deadlines(case, date(2025, 9, 25))[0].status == OK
    wide = parse_policy({"due_soon": {"amount": 5, "unit": "school_days"}})
    assert deadlines(case, date(2025, 9, 25), wide)[0].status == DUE_SOON
    days = parse_policy({"due_soon": {"amount": 7, "unit": "days"}})
    assert deadlines(case, date(2025, 9, 23), days)[0].status == DUE_SOON
    assert deadlines(case, date(2025, 9, 22), days)[0].status == OK


def test_status_on() -> None:
    soon = Term(2, "school_days")
    assert status_on(date(2025, 9, 5), date(2025, 9, 9), soon, CAL) == DUE_SOON  # Fri → Tue: 2 school days
    assert status_on(date(2025, 9, 4), date(2025, 9, 9), soon, CAL) == OK
    assert status_on(date(2025, 9, 10), date(2025, 9, 9), soon, CAL) == OVERDUE
    assert status_on(date(2025, 9, 9), date(2025, 9, 9), Term(0, "school_days"), CAL) == DUE_SOON


def test_closure_days_move_school_day_deadlines() -> None:
    cal = Calendar([date(2025, 9, 2), date(2025, 9, 3)])
    d = one(deadlines(make(concern(MON)), date(2025, 9, 1), cal=cal), "report_to_principal")
    assert d.due == date(2025, 9, 4)
    assert d.breach_date == date(2025, 9, 8)  # working days: closure days count


def test_parse_closure_days() -> None:
    text = "# høstferie\n2025-10-06\n2025-10-07  # tirsdag\n\n   \n2025-10-06\n"
    assert parse_closure_days(text) == frozenset({date(2025, 10, 6), date(2025, 10, 7)})
    with pytest.raises(ClosureDaysError, match=r"stengt\.txt: linje 2: «2025-13-01» er ikke en dato"):
        parse_closure_days("2025-10-06\n2025-13-01\n", "stengt.txt")
    with pytest.raises(ClosureDaysError, match="linje 1"):
        parse_closure_days("6. oktober\n", "stengt.txt")


def test_measure_dates() -> None:
    def m(when: str | None) -> Measure:
        return Measure("m", "t", when)

    assert measure_dates(m("2025-09-08")) == (date(2025, 9, 8), date(2025, 9, 8))
    assert measure_dates(m("2025-09-08/2025-10-03")) == (date(2025, 9, 8), date(2025, 10, 3))
    assert measure_dates(m("hver dag")) == (None, None)
    assert measure_dates(m("2025-02-30")) == (None, None)
    assert measure_dates(m(None)) == (None, None)


# --- DST: dates do not shift on the change days ------------------------------------------------------------------


def test_deadlines_from_events_on_dst_change_days() -> None:
    # 00:30 on the night summer time ends (Sunday 26 October 2025): the next school day is Monday.
    case = make(concern("2025-10-26T00:30:00+02:00"))
    assert one(deadlines(case, date(2025, 10, 26)), "report_to_principal").due == date(2025, 10, 27)
    # Written in UTC, late on Saturday: already Sunday in Oslo.
    utc = make(concern("2025-10-25T22:30:00Z"))
    d = one(deadlines(utc, date(2025, 10, 26)), "report_to_principal")
    assert d.due == date(2025, 10, 27)
    assert deadlines(utc, date(2025, 10, 25)) == []  # the concern is not yet there on the 25th (Oslo)
    # Staff: 24 hours from Friday 28 March 2025 12:00 over the spring change is Saturday.
    staff = make(concern("2025-03-28T12:00:00+01:00", offender="staff"))
    assert one(deadlines(staff, date(2025, 3, 28)), "report_to_principal").breach_date == date(2025, 3, 29)
    spring = make(concern("2025-03-30T03:30:00+02:00"))
    assert one(deadlines(spring, date(2025, 3, 30)), "report_to_principal").due == date(2025, 3, 31)


# --- Statsforvaltaren ----------------------------------------------------------------------------------------------


def _raised(day: str, setting: str = "school") -> CaseFile:
    return make(concern(day), ev(day, "raised_with_principal", "g1"), setting=setting)


@pytest.mark.parametrize(
    ("raised", "first"),
    [
        ("2025-09-01", date(2025, 9, 8)),    # Monday → Monday: Tue, Wed, Thu, Fri, Mon
        ("2025-09-05", date(2025, 9, 12)),   # Friday → Friday
        ("2025-09-06", date(2025, 9, 12)),   # Saturday: Mon … Fri
        ("2025-04-16", date(2025, 4, 28)),   # Wednesday before Easter: Tue 22, Wed, Thu, Fri, Mon 28
        ("2025-04-11", date(2025, 4, 23)),   # Friday before Holy Week: Mon, Tue, Wed, Tue 22, Wed 23
        ("2025-05-26", date(2025, 6, 3)),    # over Ascension Day
        ("2025-06-04", date(2025, 6, 12)),   # over Whit Monday
        ("2028-05-15", date(2028, 5, 23)),   # over 17 May (a Wednesday in 2028)
        ("2025-05-15", date(2025, 5, 22)),   # 17 May 2025 is a Saturday: no effect
        ("2025-12-22", date(2025, 12, 31)),  # Christmas Eve counts; 25 and 26 December do not
        ("2025-12-23", date(2026, 1, 2)),    # … nor New Year's Day
    ],
)
def test_sf_date_2023_law_is_the_fifth_working_day_after(raised: str, first: date) -> None:
    case = _raised(raised)
    assert sf_first_report_date(case, REGISTRY, CAL) == first
    assert CAL.working_days_between(date.fromisoformat(raised), first) == 5
    assert CAL.is_working_day(first)


def test_sf_date_school_closure_days_count_unless_excluded() -> None:
    christmas = Calendar([date(2025, 12, 22) + timedelta(days=i) for i in range(12)])
    case = _raised("2025-12-19")
    # Default: closure days are working days (law.md §10 q.11): Mon 22, Tue 23, Wed 24, Mon 29, Tue 30.
    assert sf_first_report_date(case, REGISTRY, christmas) == date(2025, 12, 30)
    # Excluded: the first five school days after the closure.
    assert sf_first_report_date(case, REGISTRY, christmas, exclude_closure_days=True) == date(2026, 1, 9)


@pytest.mark.parametrize(
    ("raised", "first"),
    [
        ("2023-03-01", date(2023, 3, 8)),    # one week = 7 days
        ("2023-04-05", date(2023, 4, 12)),   # Easter 2023 makes no difference
        ("2023-05-12", date(2023, 5, 19)),   # nor 17 May
        ("2024-07-29", date(2024, 8, 5)),    # raised under the old law: the old law's week
    ],
)
def test_sf_date_1998_law_is_one_week(raised: str, first: date) -> None:
    assert sf_first_report_date(_raised(raised), REGISTRY, CAL) == first


def test_sf_date_follows_the_law_on_the_day_it_was_raised() -> None:
    assert sf_first_report_date(_raised("2024-08-01"), REGISTRY, CAL) == date(2024, 8, 8)  # Thu → Thu (5 working days)
    assert sf_first_report_date(_raised("2024-07-31"), REGISTRY, CAL) == date(2024, 8, 7)  # Wed + 7 days


def test_sf_date_kindergarten_has_none() -> None:
    case = _raised("2025-09-01", setting="kindergarten")
    assert sf_first_report_date(case, REGISTRY, CAL) is None
    info = sf_info(case, REGISTRY, date(2025, 9, 10), CAL)
    assert not info.applies
    assert info.first_report_date is None
    assert "barnehageloven har ingen håndhevingsordning" in info.lines[0]


def test_sf_date_not_raised() -> None:
    case = make(concern(MON))
    assert sf_first_report_date(case, REGISTRY, CAL) is None
    info = sf_info(case, REGISTRY, date(2025, 9, 10), CAL)
    assert info.applies
    assert info.first_report_date is None
    assert "ikke tatt opp med rektor" in info.lines[0]
    assert "5 arbeidsdager" in info.lines[0]
    assert "opplæringslova § 12-6" in info.lines[0]


def test_sf_info_line() -> None:
    info = sf_info(_raised("2025-09-01"), REGISTRY, date(2025, 9, 2), CAL)
    assert info.first_report_date == date(2025, 9, 8)
    assert info.raised_on == date(2025, 9, 1)
    assert info.raised_event == 1
    assert info.waiting == "5 arbeidsdager"
    assert info.legal_ref == "opplæringslova § 12-6"
    assert info.lines == ("Statsforvalteren: familien kan melde saken fra og med 2025-09-08 "
                          "(tatt opp med rektor 2025-09-01; minst 5 arbeidsdager; opplæringslova § 12-6).",)
    old = sf_info(_raised("2023-03-01"), REGISTRY, date(2023, 3, 2), CAL, lang="nn")
    assert old.waiting == "7 dagar"
    assert "opplæringslova (1998) § 9 A-6" in old.lines[0]
    # A raise after as_of is not seen yet.
    assert sf_info(_raised("2025-09-01"), REGISTRY, date(2025, 8, 31), CAL).raised_on is None


def _decided(*more: dict[str, Any], closed: bool = False) -> CaseFile:
    events = [
        concern(MON), ev(MON, "report_to_principal", to="r1"), ev("2025-09-02", "raised_with_principal", "g1"),
        ev("2025-09-10", "sf_report", "g1"),
        ev("2025-10-15", "sf_decision", None, outcome="not_fulfilled", orders=[
            {"id": "o1", "text": "Lag en ny aktivitetsplan etter nye samtaler med eleven.", "deadline": "2025-11-01"},
            {"id": "o2", "text": "Sett inn voksen i friminuttene."},
        ]),
    ]
    if closed:
        events.append(ev("2025-10-16", "child_left", None))
    return make(*events, *more)


def test_statsforvaltarens_orders_are_deadlines_even_after_the_case_ended() -> None:
    items = [d for d in deadlines(_decided(closed=True), date(2025, 10, 20)) if d.kind == "sf_order"]
    assert [d.subject for d in items] == ["o2", "o1"]  # sorted by due date
    o2, o1 = items
    assert o2.due == date(2025, 10, 15) and o2.status == OVERDUE and o2.legal_due is None
    assert "straks" in o2.legal_term
    assert o1.due == o1.legal_due == date(2025, 11, 1)
    assert o1.status == OK
    assert o1.legal_ref == "opplæringslova § 12-6"
    assert o1.what.startswith("Pålegg fra Statsforvalteren o1: Lag en ny aktivitetsplan")
    assert deadlines(_decided(closed=True), date(2025, 10, 20)) == items  # nothing else: the child left
    done = _decided(ev("2025-10-20", "sf_order_done", "r1", order="o2"))
    assert [d.subject for d in deadlines(done, date(2025, 10, 20)) if d.kind == "sf_order"] == ["o1"]


def test_sf_info_reported_decided_and_coercive_fine() -> None:
    fine = ev("2025-11-05", "coercive_fine", None, amount=3000, per="day", **{"from": "2025-11-10"})
    case = _decided(fine)
    info = sf_info(case, REGISTRY, date(2025, 11, 12), CAL)
    assert info.reported_on == date(2025, 9, 10)
    assert info.first_report_date == date(2025, 9, 9)
    assert info.lines[0] == ("Statsforvalteren: saken ble meldt 2025-09-10. "
                             "Vedtak 2025-10-15: aktivitetsplikten er ikke oppfylt.")
    assert info.fine is not None and info.fine.running
    assert info.fine.amount == 3000 and info.fine.since == date(2025, 11, 10)
    assert info.lines[1] == ("Tvangsmulkt: 3 000 kr per dag fra 2025-11-10; løper til påleggene er gjennomført "
                             "(opplæringslova § 12-8).")
    stopped = _decided(fine, ev("2025-11-20", "sf_order_done", "r1", order="o1"),
                       ev("2025-11-21", "sf_order_done", "r1", order="o2"))
    info = sf_info(stopped, REGISTRY, date(2025, 11, 30), CAL)
    assert info.fine is not None and not info.fine.running
    assert "stanset" in info.lines[1]
    assert [d for d in deadlines(stopped, date(2025, 11, 30)) if d.kind == "sf_order"] == []


def test_case_deadlines_to_dict() -> None:
    result = case_deadlines(_planned(), REGISTRY, date(2025, 9, 8), Policy(), CAL)
    data = result.to_dict()
    assert data["format"] == "actionloop-deadlines/1"
    assert data["case"] == "test-1"
    assert data["as_of"] == "2025-09-08"
    assert data["workflow"] == "skole-oppl2023"
    assert [d["kind"] for d in data["deadlines"]] == ["evaluation", "evaluation"]
    first = data["deadlines"][0]
    assert first["due"] == "2025-09-30" and first["legal_due"] == "2025-09-26" and first["status"] == "ok"
    assert set(first) == {"duty", "duty_label", "kind", "what", "subject", "start_event", "due", "legal_due",
                          "breach_date", "legal_term", "local_default", "legal_ref", "status", "clearly_late"}
    assert data["statsforvalteren"]["applies"] is True
    assert data["statsforvalteren"]["first_report_date"] is None
