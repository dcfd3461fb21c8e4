"""Loading and validating workflow files: every shipped file loads; every kind of mistake is
caught with the file and the YAML path of the part at fault, in Norwegian."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from wf_builders import WORKFLOWS

from actionloop.core.errors import WorkflowDefinitionError
from actionloop.core.model import EVENT_TYPES
from actionloop.workflow.guards import GUARDS
from actionloop.workflow.loader import load_workflow, parse_yaml, workflow_files
from actionloop.workflow.registry import load_registry
from actionloop.workflow.spec import DUTIES, LAWS, WorkflowSpec

FILES = workflow_files(WORKFLOWS)


def test_the_three_workflows_are_shipped() -> None:
    assert {p.stem for p in FILES} >= {"skole-oppl2023", "skole-oppl1998", "barnehage-bhl2021"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_workflow_file_loads_and_validates(path: Path) -> None:
    spec = load_workflow(path)
    assert spec.id == path.stem
    assert set(spec.duties) == set(DUTIES)
    assert spec.source == str(path)
    for track in spec.tracks:
        for t in track.transitions:
            assert t.trigger in EVENT_TYPES
            assert all(g in GUARDS for g in t.guards)
    # Every step has its texts, in all three languages.
    for trigger in spec.triggers:
        step = spec.steps[trigger]
        assert all(step.label(lang) for lang in ("nb", "nn", "en"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_legal_reference_names_a_known_law(path: Path) -> None:
    spec = load_workflow(path)
    refs = [spec.legal_basis]
    for duty in spec.duties.values():
        refs += [r for r in (duty.legal_ref, *duty.variant_refs.values()) if r is not None]
    for track in spec.tracks:
        refs += [t.legal_ref for t in track.transitions if t.legal_ref is not None]
    assert refs
    for ref in refs:
        assert ref.law in LAWS
        assert ref.cite().startswith(ref.law)


def test_the_registry_holds_the_three_laws_in_force(registry: Any) -> None:
    assert registry.for_event("school", date(2024, 7, 31)).id == "skole-oppl1998"
    assert registry.for_event("school", date(2024, 8, 1)).id == "skole-oppl2023"
    assert registry.for_event("sfo", date(2020, 1, 1)).id == "skole-oppl1998"
    assert registry.for_event("sfo", date(2025, 1, 1)).id == "skole-oppl2023"
    assert registry.for_event("kindergarten", date(2021, 1, 1)).id == "barnehage-bhl2021"
    assert registry.for_event("kindergarten", date(2020, 12, 31)) is None
    assert registry.for_event("school", date(2017, 7, 31)) is None


def test_the_shipped_workflows_encode_the_law_versions(registry: Any) -> None:
    new, old, bhg = (registry.get(i) for i in ("skole-oppl2023", "skole-oppl1998", "barnehage-bhl2021"))
    assert (new.sf_waiting.amount, new.sf_waiting.unit) == (5, "working_days")
    assert (old.sf_waiting.amount, old.sf_waiting.unit) == (7, "days")
    assert bhg.sf_waiting is None
    assert [t.id for t in bhg.tracks] == ["main"]
    assert {"sf_report", "sf_decision", "sf_order_done", "coercive_fine"} <= set(bhg.not_in_law)
    assert new.plan_who_field == "performer"
    assert old.plan_who_field == bhg.plan_who_field == "responsible"
    assert not bhg.duty("document").applies and bhg.duty("document").note
    assert bhg.duty("hear_child").legal_ref.also == "§ 3"
    assert str(old.duty("written_plan").ref()) == "opplæringslova (1998) § 9 A-4 sjette ledd"
    assert str(old.duty("report_to_principal").ref("staff")) == "opplæringslova (1998) § 9 A-5"
    assert str(bhg.duty("intervene").ref()) == "barnehageloven § 41"
    assert str(bhg.duty("report_to_principal").ref("staff")) == "barnehageloven § 43"
    # Same state ids in the main track (and enforcement, for the schools): a case continues.
    for track in ("main",):
        ids = [{s.id for s in w.track(track).states} for w in (new, old, bhg)]
        assert ids[0] == ids[1] == ids[2]
    assert {s.id for s in new.track("enforcement").states} == {s.id for s in old.track("enforcement").states}


# --- broken files ---------------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _base() -> dict[str, Any]:
    data = parse_yaml((WORKFLOWS / "skole-oppl2023.yaml").read_text("utf-8"), "base")
    assert isinstance(data, dict)
    return data


BASE = _base()


def _index(data: dict[str, Any], trigger: str, dest: str | None = "*") -> int:
    for i, t in enumerate(data["tracks"][0]["transitions"]):
        if t["trigger"] == trigger and (dest == "*" or t.get("dest") == dest):
            return i
    raise AssertionError(trigger)


def _broken(tmp_path: Path, mutate: Mutation, name: str = "skole-oppl2023") -> Path:
    data = copy.deepcopy(BASE)
    mutate(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _error(path: Path) -> WorkflowDefinitionError:
    with pytest.raises(WorkflowDefinitionError) as info:
        load_workflow(path)
    error = info.value
    assert error.file == str(path)
    assert str(path) in str(error) and error.path in str(error)
    return error


def test_an_unknown_guard_is_named_with_its_path(tmp_path: Path) -> None:
    i = _index(BASE, "investigation_concluded", "tiltak_trengs")

    def mutate(d: dict[str, Any]) -> None:
        d["tracks"][0]["transitions"][i]["guards"] = ["conclusion_unsafe"]

    error = _error(_broken(tmp_path, mutate))
    assert error.path == f"tracks[0].transitions[{i}].guards[0]"
    assert "ukjent vilkår" in error.message and "conclusion_unsafe" in error.message


def test_an_unreachable_state_is_named(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["tracks"][0]["states"].append({"id": "glemt", "label": {"nb": "Glemt", "nn": "Gløymd", "en": "Forgotten"},
                                         "final": True})

    error = _error(_broken(tmp_path, mutate))
    assert error.path == f"tracks[0].states[{len(BASE['tracks'][0]['states'])}]"
    assert "kan ikke nås" in error.message and "glemt" in error.message


@pytest.mark.parametrize(("field", "value", "words"), [
    ("law", "opplaeringslova", "ukjent lov"),
    ("section", "12-4", "ikke en paragraf"),
    ("ledd", 8, "utenfor det tillatte området"),
    ("ledd", 0, "utenfor det tillatte området"),
    ("ledd", "andre", "forventet et heltall"),
])
def test_a_bad_legal_reference_is_named(tmp_path: Path, field: str, value: Any, words: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["duties"]["written_plan"]["legal_ref"][field] = value

    error = _error(_broken(tmp_path, mutate))
    assert error.path == f"duties.written_plan.legal_ref.{field}"
    assert words in error.message


def test_a_bad_legal_reference_on_a_transition(tmp_path: Path) -> None:
    i = _index(BASE, "plan", "tiltak")

    def mutate(d: dict[str, Any]) -> None:
        d["tracks"][0]["transitions"][i]["legal_ref"] = {"law": "skoleloven", "section": "§ 1"}

    error = _error(_broken(tmp_path, mutate))
    assert error.path == f"tracks[0].transitions[{i}].legal_ref.law"


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_missing_label_language_is_named(tmp_path: Path, lang: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        del d["tracks"][0]["states"][2]["label"][lang]

    error = _error(_broken(tmp_path, mutate))
    assert error.path == f"tracks[0].states[2].label.{lang}"
    assert "mangler" in error.message


def test_a_missing_label_is_named(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        del d["duties"]["monitor"]["label"]

    error = _error(_broken(tmp_path, mutate))
    assert error.path == "duties.monitor.label"


@pytest.mark.parametrize(("where", "path"), [
    (lambda d: d.__setitem__("titel", "x"), "titel"),
    (lambda d: d["tracks"][0]["states"][1].__setitem__("lable", "x"), "tracks[0].states[1].lable"),
    (lambda d: d["tracks"][0]["transitions"][3].__setitem__("guard", ["x"]), "tracks[0].transitions[3].guard"),
    (lambda d: d["duties"]["investigate"]["deadlines"]["normal"].__setitem__("local", 1),
     "duties.investigate.deadlines.normal.local"),
    (lambda d: d["duties"]["investigate"]["deadlines"].__setitem__("urgent", {}), "duties.investigate.deadlines.urgent"),
    (lambda d: d["steps"]["plan"].__setitem__("mangler", "x"), "steps.plan.mangler"),
])
def test_an_unknown_key_is_named(tmp_path: Path, where: Mutation, path: str) -> None:
    error = _error(_broken(tmp_path, where))
    assert error.path == path
    assert "ukjent nøkkel" in error.message


def test_an_unknown_duty_and_a_missing_duty(tmp_path: Path) -> None:
    error = _error(_broken(tmp_path, lambda d: d["duties"].__setitem__("bully_check", d["duties"]["monitor"])))
    assert error.path == "duties.bully_check" and "ukjent plikt" in error.message
    error = _error(_broken(tmp_path, lambda d: d["duties"].pop("evaluate")))
    assert error.path == "duties" and "evaluate" in error.message


def test_an_unknown_term_unit(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["duties"]["investigate"]["deadlines"]["normal"]["local_default"]["unit"] = "weeks"

    error = _error(_broken(tmp_path, mutate))
    assert error.path == "duties.investigate.deadlines.normal.local_default.unit"
    assert "ukjent enhet" in error.message


def test_an_unknown_trigger(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["tracks"][0]["transitions"][4]["trigger"] = "report_to_rector"

    error = _error(_broken(tmp_path, mutate))
    assert error.path == "tracks[0].transitions[4].trigger"
    assert "ukjent hendelsestype" in error.message


def test_a_source_or_dest_that_is_not_a_state(tmp_path: Path) -> None:
    error = _error(_broken(tmp_path, lambda d: d["tracks"][0]["transitions"][4]["sources"].append("rektor")))
    assert error.path == f"tracks[0].transitions[4].sources[{len(BASE['tracks'][0]['transitions'][4]['sources'])}]"
    error = _error(_broken(tmp_path, lambda d: d["tracks"][0]["transitions"][4].__setitem__("dest", "rektor")))
    assert error.path == "tracks[0].transitions[4].dest"
    assert "ikke en tilstand" in error.message


def test_a_transition_shadowed_by_an_unguarded_one(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        transitions = d["tracks"][0]["transitions"]
        transitions[0], transitions[1] = transitions[1], transitions[0]

    error = _error(_broken(tmp_path, mutate))
    assert error.path == "tracks[0].transitions[1]"
    assert "kan aldri tas" in error.message


def test_a_trigger_in_two_tracks(tmp_path: Path) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["tracks"][1]["transitions"].append({"trigger": "note", "sources": ["ingen"], "dest": None})

    error = _error(_broken(tmp_path, mutate))
    assert error.path == f"tracks[1].transitions[{len(BASE['tracks'][1]['transitions'])}].trigger"


def test_a_step_without_texts(tmp_path: Path) -> None:
    error = _error(_broken(tmp_path, lambda d: d["steps"].pop("plan")))
    assert error.path == "steps" and "plan" in error.message


def test_a_guard_needing_a_setting_the_workflow_lacks(tmp_path: Path) -> None:
    error = _error(_broken(tmp_path, lambda d: d.pop("sf_waiting")))
    assert error.path.startswith("tracks[1].transitions[") and error.path.endswith(".guards[0]")
    assert "sf_waiting" in error.message


def test_a_wrong_id_or_setting(tmp_path: Path) -> None:
    error = _error(_broken(tmp_path, lambda d: None, name="skole-ny"))
    assert error.path == "id"
    error = _error(_broken(tmp_path, lambda d: d["settings"].append("university")))
    assert error.path == "settings[2]"


def test_a_duty_that_does_not_apply_needs_a_note(tmp_path: Path) -> None:
    error = _error(_broken(tmp_path, lambda d: d["duties"]["document"].__setitem__("applies", False)))
    assert error.path == "duties.document.note"


def test_yaml_errors_and_duplicate_keys_give_a_line(tmp_path: Path) -> None:
    path = tmp_path / "skole-oppl2023.yaml"
    path.write_text("id: skole-oppl2023\nid: igjen\n", "utf-8")
    error = _error(path)
    assert error.path == "linje 2, kolonne 1" and "to ganger" in error.message
    path.write_text("id: [skole\n", "utf-8")
    error = _error(path)
    assert error.path.startswith("linje") and "ugyldig YAML" in error.message


def test_a_top_level_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "skole-oppl2023.yaml"
    path.write_text("- a\n- b\n", "utf-8")
    assert _error(path).path == "$"


# --- across files -------------------------------------------------------------------------------

def _copy_all(tmp_path: Path) -> Path:
    for path in FILES:
        (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    return tmp_path


def test_the_registry_loads_a_folder_and_refuses_overlapping_laws(tmp_path: Path) -> None:
    folder = _copy_all(tmp_path)
    assert len(load_registry(folder)) == len(FILES)
    path = folder / "skole-oppl1998.yaml"
    path.write_text(path.read_text("utf-8").replace("valid_to: 2024-07-31", "valid_to: 2024-08-01"), "utf-8")
    with pytest.raises(WorkflowDefinitionError) as info:
        load_registry(folder)
    assert info.value.file.endswith("skole-oppl2023.yaml") and info.value.path == "valid_from"
    assert "overlapper" in info.value.message


def test_the_registry_requires_the_same_states_across_a_law_change(tmp_path: Path) -> None:
    folder = _copy_all(tmp_path)
    path = folder / "skole-oppl1998.yaml"
    text = path.read_text("utf-8").replace("id: avgjort,", "id: ferdig,").replace("dest: avgjort", "dest: ferdig")
    path.write_text(text, "utf-8")
    with pytest.raises(WorkflowDefinitionError) as info:
        load_registry(folder)
    assert info.value.file.endswith("skole-oppl2023.yaml")
    assert info.value.path == "tracks[1].states" and "avgjort" in info.value.message


def test_a_missing_folder_or_an_empty_one(tmp_path: Path) -> None:
    with pytest.raises(WorkflowDefinitionError):
        load_registry(tmp_path / "nope")
    with pytest.raises(WorkflowDefinitionError):
        load_registry(tmp_path)


def test_the_default_registry_is_cached() -> None:
    assert load_registry() is load_registry()
    assert isinstance(load_registry().all()[0], WorkflowSpec)
