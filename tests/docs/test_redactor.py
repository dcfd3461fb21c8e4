"""The redaction of other children, word by word."""

from __future__ import annotations

from docs_helpers import case_of, example_dict

from actionloop.docview import Redactor


def _redactor(lang: str = "nb", extra: list[dict[str, str]] | None = None) -> Redactor:
    data = example_dict("school-2025-handled-well")
    data["case"]["language"] = lang
    data["people"] += extra or [
        {"id": "oc1", "role": "other_child", "name": "Lars Nilsen"},
        {"id": "oc2", "role": "other_child", "name": "Emma Berg"},
    ]
    return Redactor.for_case(case_of(data))


def test_full_names_ids_and_parts() -> None:
    r = _redactor()
    assert r("Lars Nilsen slo.") == "En annen elev slo."
    assert r("Han heter lars nilsen") == "Han heter en annen elev"
    assert r("Sak om oc1 og OC2.") == "Sak om en annen elev og en annen elev."
    assert r("Lars sa det.") == "En annen elev sa det."
    assert r("Vi snakket med Berg.") == "Vi snakket med en annen elev."


def test_genitive_keeps_its_ending() -> None:
    assert _redactor()("Dette er Larss sekk og Lars' jakke.") == "Dette er en annen elevs sekk og en annen elevs jakke."
    assert _redactor("en")("It is Lars's bag.") == "It is another pupil's bag."


def test_the_childs_own_name_and_staff_names_stay() -> None:
    r = _redactor()
    # Emma is also the case child's first name: a lone «Emma» is the child herself.
    assert r("Emma gråt.") == "Emma gråt."
    assert r("Emma Berg gråt.") == "En annen elev gråt."
    # Kari Nilsen is a teacher: her full name stays, though she shares a surname with Lars.
    assert r("Kari Nilsen snakket med Lars Nilsen.") == "Kari Nilsen snakket med en annen elev."


def test_words_inside_other_words_are_left() -> None:
    r = _redactor(extra=[{"id": "oc1", "role": "other_child", "name": "Per"}])
    assert r("Perlene og Persen") == "Perlene og Persen"
    assert r("per dag") == "per dag"  # a name part matches only as written, with its capital
    assert r("Per kom") == "En annen elev kom"


def test_no_other_children_no_change() -> None:
    data = example_dict("school-2025-handled-well")
    r = Redactor.for_case(case_of(data))
    assert not r.active
    assert r("Lars Nilsen") == "Lars Nilsen"
