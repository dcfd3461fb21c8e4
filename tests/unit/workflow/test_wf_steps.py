"""Checking, refusing and appending steps, and the list of next steps: a refusal names what is
missing, from the workflow's own labels (steps not yet taken, or guards that failed)."""

from __future__ import annotations

from datetime import date
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
from actionloop.core.errors import CaseFileError, StepNotAllowed
from actionloop.workflow.steps import append_step, check_step, next_steps


def refusal(case: Any, event: dict[str, Any], registry: Any, lang: str | None = None) -> StepNotAllowed:
    with pytest.raises(StepNotAllowed) as info:
        check_step(case, event, registry, lang)
    with pytest.raises(StepNotAllowed):
        append_step(case, event, registry, lang)
    return info.value


# --- refusals -----------------------------------------------------------------------------------

def test_a_plan_before_the_investigation_names_the_missing_step(registry: Any) -> None:
    case = make_case(concern("2025-09-08"), reported("2025-09-08"))
    error = refusal(case, plan("2025-09-09"), registry)
    assert str(error) == "Planen kan ikke lages ennå: undersøkelsen er ikke startet."
    assert error.trigger == "plan" and error.state == "meldt"
    assert error.missing == ("undersøkelsen er ikke startet",)


def test_a_plan_before_the_report_names_every_missing_step(registry: Any) -> None:
    case = make_case(concern("2025-09-08"))
    error = refusal(case, plan("2025-09-09"), registry)
    assert str(error) == ("Planen kan ikke lages ennå: saken er ikke meldt til rektor og undersøkelsen er "
                          "ikke startet.")


def test_refusals_follow_the_language(registry: Any) -> None:
    case = make_case(concern("2025-09-08"), reported("2025-09-08"), lang="nn")
    assert str(refusal(case, plan("2025-09-09"), registry)) == (
        "Planen kan ikkje lagast enno: undersøkinga er ikkje starta.")
    assert str(refusal(case, plan("2025-09-09"), registry, "en")) == (
        "The plan cannot be made yet: the investigation has not been started.")


def test_the_old_law_says_varsle(registry: Any) -> None:
    case = make_case(concern("2023-02-06"))
    error = refusal(case, started("2023-02-07"), registry)
    assert str(error) == "Undersøkelsen kan ikke startes ennå: rektor er ikke varslet."


def test_closing_while_the_child_says_not_safe(registry: Any) -> None:
    ready = make_case(*through_plan(), evaluation("2025-09-26", "close", "safe"))
    error = refusal(ready, closed("2025-09-29", view="not_safe"), registry)
    assert str(error) == ("Saken kan ikke avsluttes ennå: det kreves at barnet ikke selv sier at det ikke har "
                          "det trygt og godt.")
    assert error.state == "avslutning"
    check_step(ready, closed("2025-09-29", view="safe"), registry)


def test_an_evaluation_that_closes_while_the_child_says_not_safe(registry: Any) -> None:
    case = make_case(*through_plan())
    error = refusal(case, evaluation("2025-09-26", "close", "not_safe"), registry)
    assert "det kreves at barnet ikke selv sier at det ikke har det trygt og godt" in str(error)
    check_step(case, evaluation("2025-09-26", "continue", "not_safe"), registry)
    check_step(case, evaluation("2025-09-26", "revise", "not_safe"), registry)


def test_closing_while_measures_run_names_the_evaluation(registry: Any) -> None:
    case = make_case(*through_plan())
    error = refusal(case, closed("2025-09-29"), registry)
    assert str(error) == ("Saken kan ikke avsluttes ennå: ingen evaluering har konkludert med at saken kan "
                          "avsluttes.")


def test_sf_report_waits_five_working_days_past_a_weekend_and_a_holiday(registry: Any) -> None:
    """Raised on Friday 6 June 2025; Monday 9 June is Whit Monday (2. pinsedag). Five weekdays
    later (Friday 13 June) only four working days have passed; the first day is Monday 16 June."""
    case = make_case(*through_plan("2025-05"), raised("2025-06-06T14:00:00+02:00"))
    error = refusal(case, sf_report("2025-06-13T09:00:00+02:00"), registry)
    assert str(error) == ("Saken kan ikke meldes til Statsforvalteren ennå: det kreves at det har gått minst "
                          "5 arbeidsdager siden saken ble tatt opp med rektor (tidligst 2025-06-16).")
    assert error.state == "tatt_opp"
    check_step(case, sf_report("2025-06-16T08:00:00+02:00"), registry)


def test_sf_report_under_the_old_law_waits_one_week(registry: Any) -> None:
    case = make_case(concern("2023-02-06"), reported("2023-02-06"), raised("2023-02-06"))
    error = refusal(case, sf_report("2023-02-12"), registry)
    assert "minst 7 dager" in str(error) and "2023-02-13" in str(error)
    check_step(case, sf_report("2023-02-13"), registry)


def test_sf_report_before_raising_with_the_principal(registry: Any) -> None:
    case = make_case(*through_plan())
    error = refusal(case, sf_report("2025-10-01"), registry)
    assert str(error) == ("Saken kan ikke meldes til Statsforvalteren ennå: eleven eller foreldrene har ikke "
                          "tatt saken opp med rektor.")


def test_sf_report_in_a_kindergarten(registry: Any) -> None:
    case = make_case(concern("2025-03-03", by="s1"), raised("2025-03-04"), setting="kindergarten")
    error = refusal(case, sf_report("2025-03-20"), registry)
    assert str(error).startswith("Barnehageloven har ingen håndhevingsordning der Statsforvalteren")
    assert "Statsforvalteren" in str(error) and error.trigger == "sf_report"
    error = refusal(case, sf_report("2025-03-20"), registry, "en")
    assert str(error).startswith("The Kindergarten Act has no enforcement scheme")


def test_a_step_with_no_law_in_force(registry: Any) -> None:
    case = make_case()
    error = refusal(case, concern("2016-01-04"), registry)
    assert str(error) == "Ingen arbeidsflyt gjelder for skole på 2016-01-04."


def test_a_step_after_the_child_left(registry: Any) -> None:
    case = make_case(concern("2025-09-08"), {"at": "2025-09-09", "type": "child_left"})
    error = refusal(case, plan("2025-09-10"), registry)
    assert str(error) == "Steget «lage en skriftlig plan» kan ikke tas når saken står i «Eleven har sluttet»."
    check_step(case, {"at": "2025-09-10", "type": "note", "by": "r1"}, registry)


def test_the_leadership_reports_directly_to_the_owner(registry: Any) -> None:
    case = make_case(concern("2025-09-08", offender="leadership"))
    check_step(case, {"at": "2025-09-08", "type": "report_to_owner", "by": "t1", "to": "o1"}, registry)
    other = make_case(concern("2025-09-08"))
    error = refusal(other, {"at": "2025-09-08", "type": "report_to_owner", "by": "t1", "to": "o1"}, registry)
    assert "det kreves at noen i ledelsen er mistenkt for å krenke barnet" in str(error)


# --- appending -----------------------------------------------------------------------------------

def test_append_step_returns_a_new_case_and_leaves_the_old_one(registry: Any) -> None:
    case = make_case(concern("2025-09-08"), reported("2025-09-08"))
    new = append_step(case, started("2025-09-09"), registry)
    assert len(new.events) == 3 and len(case.events) == 2
    assert new.events[-1].type == "investigation_started" and new.events[-1].index == 2


def test_append_step_checks_the_event_with_the_case_file_reader(registry: Any) -> None:
    case = make_case(concern("2025-09-08"), reported("2025-09-08"))
    with pytest.raises(CaseFileError) as info:
        append_step(case, {"at": "2025-09-09", "type": "investigation_started", "by": "nobody"}, registry)
    assert info.value.problems[0].path == "$.events[2].by"
    with pytest.raises(CaseFileError) as info:
        append_step(case, started("2025-09-01"), registry)
    assert "tidsrekkefølge" in info.value.problems[0].message
    with pytest.raises(CaseFileError):
        append_step(case, {"at": "2025-09-09", "type": "measure_done", "by": "t1", "measure": "m9"}, registry)


def test_every_example_event_is_allowed_in_turn(registry: Any) -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        if path.name.endswith(".expected.json"):
            continue
        full = casefile.load(path)
        data = full.to_dict()
        case = casefile.from_dict({**data, "events": []})
        for event in data["events"]:
            case = append_step(case, event, registry)
        assert case.to_dict() == data


# --- next steps ---------------------------------------------------------------------------------

def _by_trigger(options: list[Any]) -> dict[str, Any]:
    return {o.trigger: o for o in options}


def test_next_steps_after_a_report(registry: Any) -> None:
    case = make_case(concern("2025-09-08"), reported("2025-09-08"))
    options = _by_trigger(next_steps(case, registry, date(2025, 9, 9)))
    assert set(options) == set(registry.get("skole-oppl2023").triggers)
    assert options["investigation_started"].allowed
    assert options["investigation_started"].label == "Starte undersøkelsen"
    assert options["investigation_started"].legal_refs == ("opplæringslova § 12-4 andre ledd",)
    assert options["investigation_started"].dests == ("undersokes",)
    assert not options["plan"].allowed
    assert options["plan"].reason == "Planen kan ikke lages ennå: undersøkelsen er ikke startet."
    assert options["raised_with_principal"].allowed and options["raised_with_principal"].track == "enforcement"


def test_next_steps_name_conditions_on_the_event(registry: Any) -> None:
    ready = make_case(*through_plan(), evaluation("2025-09-26", "close", "safe"))
    options = _by_trigger(next_steps(ready, registry, date(2025, 9, 29)))
    assert options["closed"].allowed
    assert options["closed"].conditions == ("barnet ikke selv sier at det ikke har det trygt og godt",)
    running = _by_trigger(next_steps(make_case(*through_plan()), registry, date(2025, 9, 26)))
    assert running["evaluation"].allowed and running["evaluation"].conditions == ()
    assert set(running["evaluation"].dests) == {"revisjon", "avslutning", "tiltak"}


def test_next_steps_judge_the_waiting_time_on_today(registry: Any) -> None:
    case = make_case(*through_plan("2025-05"), raised("2025-06-06"))
    before = _by_trigger(next_steps(case, registry, date(2025, 6, 13)))["sf_report"]
    assert not before.allowed and before.reason is not None and "tidligst 2025-06-16" in before.reason
    assert _by_trigger(next_steps(case, registry, date(2025, 6, 16)))["sf_report"].allowed


def test_next_steps_use_the_law_in_force_today(registry: Any) -> None:
    case = make_case(concern("2024-06-10"), reported("2024-06-10"))
    old = _by_trigger(next_steps(case, registry, date(2024, 7, 1)))
    new = _by_trigger(next_steps(case, registry, date(2024, 8, 1)))
    assert old["report_to_owner"].label == "Varsle skoleeier"
    assert new["report_to_owner"].label == "Melde fra til skoleeier"
    assert next_steps(make_case(), registry, date(2016, 1, 1)) == []


def test_next_steps_in_a_kindergarten(registry: Any) -> None:
    case = make_case(concern("2025-03-03", by="s1", offender="staff"), setting="kindergarten")
    options = _by_trigger(next_steps(case, registry, date(2025, 3, 3)))
    assert "sf_report" not in options
    assert options["report_to_principal"].label == "Melde fra til styrer"
    assert not options["investigation_started"].allowed
    assert options["investigation_started"].reason == "Undersøkelsen kan ikke startes ennå: saken er ikke meldt til styrer."
    assert options["intervention"].legal_refs == ("barnehageloven § 41",)


@pytest.mark.parametrize("events", [
    [],
    [concern("2025-09-08")],
    [concern("2025-09-08"), reported("2025-09-08"), started("2025-09-09"), heard("2025-09-09"),
     concluded("2025-09-10", "safe")],
    through_plan(),
])
def test_next_steps_agree_with_check_step(registry: Any, events: list[dict[str, Any]]) -> None:
    """A step listed as not allowed is refused; a step listed as allowed with no conditions is
    accepted when recorded that day."""
    case = make_case(*events)
    day = date(2025, 9, 30)
    samples = {
        "concern": concern("2025-09-30"), "report_to_principal": reported("2025-09-30"),
        "investigation_started": started("2025-09-30"), "child_heard": heard("2025-09-30"),
        "plan": plan("2025-09-30", version=2), "closed": closed("2025-09-30"), "note":
        {"at": "2025-09-30", "type": "note", "by": "t1"}, "raised_with_principal": raised("2025-09-30"),
        "sf_report": sf_report("2025-09-30"),
    }
    for option in next_steps(case, registry, day):
        event = samples.get(option.trigger)
        if event is None:
            continue
        if option.allowed and not option.conditions:
            check_step(case, event, registry)
        elif not option.allowed:
            with pytest.raises(StepNotAllowed) as info:
                check_step(case, event, registry)
            assert str(info.value) == option.reason
