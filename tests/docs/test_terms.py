"""The statute's own terms, per language and per version of the law (law.md §§ 1.4, 2.2, 3, 7)."""

from __future__ import annotations

from typing import Any

import pytest
from docs_helpers import case_of, example, example_dict, outline

from actionloop.adapters.docs import activity_plan_docx


def _text(data: bytes) -> str:
    return "\n".join(outline(data))


def test_nynorsk_2023_terms() -> None:
    text = _text(activity_plan_docx(example("school-2025-handled-well")))
    for term in (
        "Kva problem tiltaka skal løyse", "Kva tiltak skolen har planlagt", "Når tiltaka skal gjennomførast",
        "Kven som skal gjennomføre tiltaka", "Når tiltaka skal evaluerast", "opplæringslova § 12-4 tredje ledd",
        "opplæringslova §§ 10-1 og 10-2", "Eleven sitt syn", "Vurdering av det beste for eleven",
        "Korleis føresette har vore med", "Skoleeigar", "Underskrifter",
    ):
        assert term in text, term
    assert "ansvarleg for gjennomføringa" not in text


def test_bokmal_2023_terms() -> None:
    text = _text(activity_plan_docx(example("school-2025-handled-well", language="nb")))
    for term in ("Hvilke problemer tiltakene skal løse", "Hvem som skal gjennomføre tiltakene",
                 "Når tiltakene skal evalueres", "Elevens syn", "Hvordan foresatte har deltatt", "Skoleeier"):
        assert term in text, term


def test_english_terms_and_statute_names() -> None:
    text = _text(activity_plan_docx(example("school-2025-handled-well", language="en")))
    for term in ("Activity plan", "The problem the measures are to solve", "Who will carry out the measures",
                 "When the measures will be evaluated", "The pupil's views", "opplæringslova § 12-4 tredje ledd",
                 "§§ 10-1 and 10-2", "Page 1 of 1", "15 September 2025"):
        assert term in text, term


def test_old_law_says_who_is_responsible() -> None:
    text = _text(activity_plan_docx(example("school-2023-old-law-incomplete-plan")))
    assert "Hvem som er ansvarlig for gjennomføringen av tiltakene" in text
    assert "opplæringslova (1998) § 9 A-4" in text
    assert "Hvem som skal gjennomføre tiltakene" not in text
    nn = _text(activity_plan_docx(example("school-2023-old-law-incomplete-plan", language="nn")))
    assert "Kven som er ansvarleg for gjennomføringa av tiltaka" in nn


def test_kindergarten_terms_and_staff_offender() -> None:
    text = _text(activity_plan_docx(example("kindergarten-2025-staff-offender")))
    for term in ("barnehageloven § 42", "barnehageloven § 43", "Hvilke tiltak barnehagen har planlagt",
                 "Hvem som er ansvarlig", "Barnets syn", "Barnehageeier", "Styrer: Bente Holm", "(styrer)"):
        assert term in text, term
    assert "§ 12-4" not in text


def _plan_on(day: str, offender: str = "child") -> dict[str, Any]:
    """The well-handled case moved to ``day`` (the plan's date), with the concern's offender."""
    data = example_dict("school-2025-handled-well")
    data["events"] = [e for e in data["events"] if e["type"] in ("concern", "plan")]
    data["events"][0]["at"] = f"{day}T08:00:00+02:00"
    data["events"][0]["offender"] = offender
    data["events"][1]["at"] = f"{day}T09:00:00+02:00"
    return data


@pytest.mark.parametrize(("day", "ref", "who"), [
    ("2024-07-31", "§ 9 A-4", "Kven som er ansvarleg"),
    ("2024-08-01", "§ 12-4 tredje ledd", "Kven som skal gjennomføre tiltaka"),
])
def test_the_paragraph_in_force_on_the_plans_date(day: str, ref: str, who: str) -> None:
    text = _text(activity_plan_docx(case_of(_plan_on(day))))
    assert ref in text and who in text


@pytest.mark.parametrize(("offender", "phrase"), [("staff", "ein som arbeider i skolen"), ("leadership", "ein i leiinga")])
def test_staff_offender_adds_12_5(offender: str, phrase: str) -> None:
    text = _text(activity_plan_docx(case_of(_plan_on("2025-09-15", offender))))
    assert "opplæringslova § 12-5" in text and phrase in text
    plain = _text(activity_plan_docx(case_of(_plan_on("2025-09-15"))))
    assert "§ 12-5" not in plain


def test_people_in_measures_by_name_and_role_or_as_written() -> None:
    data = example_dict("school-2025-handled-well")
    plan = next(e for e in data["events"] if e["type"] == "plan")["plan"]
    plan["measures"][0]["performer"] = "PPT-rådgjevar frå kommunen"
    text = _text(activity_plan_docx(case_of(data)))
    assert "| PPT-rådgjevar frå kommunen |" in text
    assert "| Siri Berg (lærar) |" in text


def test_times_in_oslo_and_date_only_events() -> None:
    from docs_helpers import AS_OF

    from actionloop.adapters.docs import case_log_docx

    data = example_dict("school-2025-late-report")
    data["events"][0]["at"] = "2025-10-01"  # the day only
    data["events"][1]["at"] = "2025-10-20T07:00:00Z"  # UTC: 09:00 in Oslo (summer time)
    data["events"][9]["at"] = "2025-11-07T11:00:00Z"  # UTC: 12:00 in Oslo (winter time)
    lines = outline(case_log_docx(case_of(data), None, as_of=AS_OF))
    assert any(line.startswith("ROW: 1 | 01.10.2025 | ") for line in lines)
    assert any(line.startswith("ROW: 2 | 20.10.2025 kl.\u00a009:00 | ") for line in lines)
    assert any(line.startswith("ROW: 10 | 07.11.2025 kl.\u00a012:00 | ") for line in lines)
