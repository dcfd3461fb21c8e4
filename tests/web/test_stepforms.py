"""The step forms are made from the case-file schema: every step of every workflow has one, and a
posted form becomes the event the case file expects (or a message per field)."""

from __future__ import annotations

from datetime import datetime

import pytest

from actionloop.core.clock import OSLO
from actionloop.web import stepforms as sf
from actionloop.workflow.registry import load_registry

NOW = datetime(2025, 10, 1, 12, 0, tzinfo=OSLO)
CHOICES = sf.CaseChoices(
    staff=(("p1", "Randi Rektor (rektor)"), ("t2", "Ola Lærer (lærer)")), leaders=(("p1", "Randi Rektor (rektor)"),),
    family=(("k1", "Emma (eleven)"),), owners=(("o1", "Eksempel kommune"),), measures=(("m1", "m1: Voksen ute"),),
    orders=(("o1", "o1: Lag plan"),),
)


def test_every_step_of_every_workflow_has_a_form_in_every_language() -> None:
    for spec in load_registry().all():
        for trigger in spec.triggers:
            assert sf.known_type(trigger), (spec.id, trigger)
            for lang in ("nb", "nn", "en"):
                fields = sf.step_fields(trigger, CHOICES, lang)
                names = [f.name for f in fields]
                assert names[:2] == ["at_date", "at_time"] and names[-1] == "text"
                for f in fields:
                    assert f.label and f.label != f.name, (trigger, f.name, lang)
                    assert f.kind in ("choice", "select", "text", "textarea", "date", "time", "int", "rows")
                    if f.kind == "choice":
                        assert f.options and all(label for _, label in f.options)


@pytest.mark.parametrize(("trigger", "expected"), [
    ("child_heard", {"child_view": "choice"}),
    ("investigation_concluded", {"conclusion": "choice", "problem": "textarea"}),
    ("evaluation", {"child_view": "choice", "outcome": "choice"}),
    ("closed", {"child_view": "choice"}),
    ("report_to_principal", {"to": "select"}),
    ("serious", {"serious": "choice"}),
    ("measure_done", {"measure": "select"}),
    ("coercive_fine", {"amount": "int", "per": "choice", "from": "date"}),
    ("sf_decision", {"outcome": "choice", "orders": "rows"}),
    ("sf_report", {"by": "select"}),
])
def test_the_fields_follow_the_schema(trigger: str, expected: dict[str, str]) -> None:
    fields = {f.name: f for f in sf.step_fields(trigger, CHOICES, "nb")}
    assert {k: fields[k].kind for k in expected} == expected


def test_a_posted_form_becomes_the_event() -> None:
    fields = sf.step_fields("evaluation", CHOICES, "nb")
    parsed = sf.parse_step("evaluation", fields, {"at_date": "2025-09-30", "at_time": "9:05", "child_view": "safe",
                                                  "outcome": "continue", "text": " Bra.\r\nVidere. "}, NOW, "nb")
    assert parsed.errors == {}
    assert parsed.event == {"type": "evaluation", "at": "2025-09-30T09:05:00+02:00", "child_view": "safe",
                            "outcome": "continue", "text": "Bra.\nVidere."}
    parsed = sf.parse_step("serious", sf.step_fields("serious", CHOICES, "nb"),
                           {"at_date": "2025-09-30", "serious": "false"}, NOW, "nb")
    assert parsed.event == {"type": "serious", "at": "2025-09-30", "serious": False}
    parsed = sf.parse_step("coercive_fine", sf.step_fields("coercive_fine", CHOICES, "nb"),
                           {"at_date": "2025-09-30", "amount": "5000", "per": "week", "from": "2025-10-01"}, NOW, "en")
    assert parsed.event["amount"] == 5000 and parsed.event["from"] == "2025-10-01"


def test_a_wrong_form_gets_a_message_per_field_in_the_users_language() -> None:
    fields = sf.step_fields("report_to_principal", CHOICES, "nn")
    parsed = sf.parse_step("report_to_principal", fields, {"at_date": "i går", "to": "x9"}, NOW, "nn")
    assert parsed.errors == {"at_date": "Skriv datoen som ÅÅÅÅ-MM-DD, til dømes 2025-09-22.",
                             "to": "Vel eitt av alternativa i lista."}
    parsed = sf.parse_step("note", sf.step_fields("note", CHOICES, "en"),
                           {"at_date": "2025-10-01", "at_time": "12:30", "text": "x" * (sf.MAX_TEXT + 1)}, NOW, "en")
    assert parsed.errors == {"at_time": "The time cannot be later than now.",
                             "text": f"The text is too long (at most {sf.MAX_TEXT} characters)."}


def test_the_plan_editor_reads_the_five_fields_and_keeps_measure_ids() -> None:
    data = {
        "at_date": "2025-09-30", "problem": "Holdt utenfor.", "rows": "4",
        "m0_id": "m1", "m0_text": "Voksen ute.", "m0_from": "2025-09-30", "m0_to": "2025-10-17", "m0_who": "t2",
        "m0_target": "group",
        "m1_id": "m2", "m1_text": "Fjernes.", "m1_from": "2025-09-30", "m1_who": "p1", "m1_remove": "1",
        "m2_text": "Samtale.", "m2_from": "2025-10-01", "m2_who": "p1",
        "eval1": "2025-10-15", "eval0": "2025-10-03",
    }
    parsed = sf.parse_plan(data, "performer", CHOICES.staff, 2, NOW, "nb")
    assert parsed.errors == {}
    assert parsed.event["plan"] == {
        "version": 2, "problem": "Holdt utenfor.",
        "measures": [{"id": "m1", "text": "Voksen ute.", "when": "2025-09-30/2025-10-17", "performer": "t2",
                      "target": "group"},
                     {"id": "m3", "text": "Samtale.", "when": "2025-10-01", "performer": "p1"}],
        "evaluations": ["2025-10-03", "2025-10-15"],
    }
    assert sf.parse_plan(data, "responsible", CHOICES.staff, 1, NOW, "nb").event["plan"]["measures"][1] == {
        "id": "m3", "text": "Samtale.", "when": "2025-10-01", "responsible": "p1"}
    reworked = sf.rework_rows(data, 2)
    assert reworked["rows"] == "5" and reworked["m1_text"] == "Samtale." and "m1_remove" not in reworked
    empty = sf.parse_plan({"at_date": "2025-09-30", "rows": "3", "m0_to": "2025-09-01", "m0_from": "2025-09-02"},
                          "performer", CHOICES.staff, 1, NOW, "nb")
    assert set(empty.errors) == {"problem", "m0_text", "m0_to", "m0_who", "eval0"}


def test_a_problem_path_points_at_its_field() -> None:
    assert sf.error_field("$.event.plan.measures[2].performer") == "m2_who"
    assert sf.error_field("$.event.plan.evaluations[1]") == "eval1"
    assert sf.error_field("$.event.plan.problem") == "problem"
    assert sf.error_field("$.event.at") == "at_date"
    assert sf.error_field("$.event.child_view") == "child_view"
    assert sf.error_field("$.people[0].id") is None


def test_the_measures_table_grows_to_a_limit_a_form_can_post() -> None:
    data = {"rows": str(sf.PLAN_ROWS_MAX), **{f"m{i}_text": f"Tiltak {i}" for i in range(sf.PLAN_ROWS_MAX)}}
    assert sf.rework_rows(data, sf.PLAN_ROWS_STEP)["rows"] == str(sf.PLAN_ROWS_MAX)
    assert sf.row_count({"rows": "999"}) == sf.PLAN_ROWS_MAX
    fields_per_row = 7  # id, text, from, to, who, target, remove
    assert sf.PLAN_ROWS_MAX * fields_per_row + 20 <= 200
