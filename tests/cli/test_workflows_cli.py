"""``actionloop workflows`` and ``actionloop case``: listing, showing and checking workflows; the
state and next steps of a case; adding a step (written back atomically, in the same format) or
refusing it (a Norwegian message, exit code 2, the file byte for byte as it was)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner

from actionloop.commands import case as case_commands
from actionloop.commands import workflows as workflow_commands
from actionloop.commands.common import err_console, out_console
from actionloop.core import casefile

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / "workflows"
EXAMPLES = ROOT / "examples"

runner = CliRunner()

# The two command groups on their own app, so that these tests do not depend on other groups.
app = typer.Typer()
workflow_commands.register(app)
case_commands.register(app)

PEOPLE = [
    {"id": "t1", "role": "teacher"},
    {"id": "r1", "role": "principal"},
    {"id": "g1", "role": "guardian"},
]


@pytest.fixture(autouse=True)
def _wide_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide enough that no table cell or message wraps (the consoles are shared by all commands)."""
    monkeypatch.setattr(out_console, "width", 250)
    monkeypatch.setattr(err_console, "width", 250)


def run(*args: str | Path, stdin: str | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], input=stdin)


def case_file(tmp_path: Path, *events: dict[str, Any], setting: str = "school", suffix: str = ".json") -> Path:
    data = {
        "format": "actionloop-case/1",
        "case": {"id": "c-1", "setting": setting, "unit": {"id": "u1", "name": "Eksempel", "owner": "Kommunen"},
                 "child": {"id": "c1"}, "language": "nb"},
        "people": PEOPLE,
        "events": list(events),
    }
    path = tmp_path / f"sak{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


CONCERN = {"at": "2025-09-08T10:00:00+02:00", "type": "concern", "by": "t1", "source": "child_said", "offender": "child"}
REPORTED = {"at": "2025-09-08T11:00:00+02:00", "type": "report_to_principal", "by": "t1", "to": "r1"}
PLAN = {"at": "2025-09-09", "type": "plan", "by": "r1", "plan": {
    "problem": "Eleven blir holdt utenfor.", "measures": [{"id": "m1", "text": "Voksen ute."}], "evaluations": []}}


def test_the_real_cli_has_both_groups() -> None:
    from actionloop.cli import app as real_app

    result = runner.invoke(real_app, ["--help"])
    assert result.exit_code == 0
    assert "workflows" in result.output and "case" in result.output


# --- workflows ----------------------------------------------------------------------------------

def test_list_workflows() -> None:
    result = run("workflows")
    assert result.exit_code == 0, result.output
    for workflow in ("skole-oppl2023", "skole-oppl1998", "barnehage-bhl2021"):
        assert workflow in result.output
    assert "2017-08-01 – 2024-07-31" in result.output and "barnehage" in result.output


def test_show_a_workflow_with_its_diagram() -> None:
    result = run("workflows", "show", "skole-oppl2023")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "opplæringslova § 12-4 tredje ledd" in out
    assert "sf_waiting_passed" in out and "5 arbeidsdager" in out
    assert "```mermaid" in out and "stateDiagram-v2" in out and "main_meldt --> main_undersokes" in out


def test_show_in_nynorsk_and_english() -> None:
    nn = run("workflows", "show", "barnehage-bhl2021", "--lang", "nn")
    assert nn.exit_code == 0 and "Meldt til styrar" in nn.stdout and "Ingen håndhevingsordning" in nn.stdout
    en = run("workflows", "show", "skole-oppl1998", "--lang", "en")
    assert en.exit_code == 0 and "Principal notified" in en.stdout and "7 days" in en.stdout


def test_show_an_unknown_workflow_or_language() -> None:
    result = run("workflows", "show", "skole-oppl2030")
    assert result.exit_code == 2 and "ukjent arbeidsflyt «skole-oppl2030»" in result.stderr
    result = run("workflows", "show", "skole-oppl2023", "--lang", "de")
    assert result.exit_code == 2 and "ukjent språk" in result.stderr


def test_check_the_shipped_workflows() -> None:
    result = run("workflows", "check", WORKFLOWS)
    assert result.exit_code == 0, result.output
    assert "OK: 3 arbeidsflyt(er)" in result.stdout
    assert run("workflows", "check").exit_code == 0


def test_check_a_broken_folder_names_file_and_yaml_path(tmp_path: Path) -> None:
    for path in WORKFLOWS.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    broken = tmp_path / "barnehage-bhl2021.yaml"
    broken.write_text(broken.read_text("utf-8").replace("guards: [conclusion_safe]", "guards: [conclusion_ok]"), "utf-8")
    result = run("workflows", "check", tmp_path)
    assert result.exit_code == 2
    assert str(broken) in result.stderr
    assert "tracks[0].transitions[" in result.stderr and ".guards[0]" in result.stderr
    assert "ukjent vilkår (guard) «conclusion_ok»" in result.stderr
    assert "Traceback" not in result.output


def test_check_a_missing_folder(tmp_path: Path) -> None:
    result = run("workflows", "check", tmp_path / "nope")
    assert result.exit_code == 2 and "finnes ikke" in result.stderr


# --- case show ------------------------------------------------------------------------------------

def test_case_show_an_example() -> None:
    result = run("case", "show", EXAMPLES / "school-2023-old-law-incomplete-plan.json", "--today", "2023-02-20")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "skole-oppl1998" in out and "Tiltak pågår etter plan" in out
    assert "Kan gjøres nå" in out and "Evaluere tiltakene" in out
    assert "Saken kan ikke avsluttes ennå: ingen evaluering har konkludert med at saken kan avsluttes." in out


def test_case_show_uses_the_case_language_and_the_law_of_today(tmp_path: Path) -> None:
    result = run("case", "show", EXAMPLES / "school-2025-handled-well.json", "--today", "2025-10-13")
    assert result.exit_code == 0 and "Avslutta" in result.stdout  # the case is in nynorsk
    path = case_file(tmp_path, CONCERN, REPORTED)
    result = run("case", "show", path, "--today", "2025-09-09", "--lang", "en")
    assert "The plan cannot be made yet: the investigation has not been started." in result.stdout


def test_case_show_lists_irregularities(tmp_path: Path) -> None:
    path = case_file(tmp_path, CONCERN, REPORTED, PLAN)
    result = run("case", "show", path, "--today", "2025-09-10")
    assert result.exit_code == 0
    assert "Uregelmessigheter" in result.stdout and "hendelse 2" in result.stdout


def test_case_show_bad_input(tmp_path: Path) -> None:
    assert run("case", "show", tmp_path / "nope.json").exit_code == 2
    path = case_file(tmp_path, CONCERN)
    result = run("case", "show", path, "--today", "i morgen")
    assert result.exit_code == 2 and "--today" in result.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "actionloop-case/1"}', "utf-8")
    result = run("case", "show", bad)
    assert result.exit_code == 2 and "mangler" in result.stderr


# --- case add -------------------------------------------------------------------------------------

def test_add_an_allowed_step(tmp_path: Path) -> None:
    path = case_file(tmp_path, CONCERN, REPORTED)
    event = {"at": "2025-09-09T08:30:00+02:00", "type": "investigation_started", "by": "r1"}
    result = run("case", "add", path, json.dumps(event), "--today", "2025-09-09")
    assert result.exit_code == 0, result.output
    assert "Undersøkes" in result.stdout
    case = casefile.load(path)
    assert [e.type for e in case.events] == ["concern", "report_to_principal", "investigation_started"]
    assert path.read_text("utf-8") == casefile.dumps(case)
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(("event", "words"), [
    (PLAN, "Planen kan ikke lages ennå: undersøkelsen er ikke startet."),
    ({"at": "2025-09-09", "type": "sf_report", "by": "g1"},
     "Saken kan ikke meldes til Statsforvalteren ennå: eleven eller foreldrene har ikke tatt saken opp med rektor."),
    ({"at": "2025-09-09", "type": "investigation_started", "by": "x9"}, "personen «x9» finnes ikke"),
    ({"at": "2025-09-01", "type": "investigation_started", "by": "r1"}, "tidsrekkefølge"),
    ({"at": "2025-09-30", "type": "investigation_started", "by": "r1"}, "etter dagens dato"),
    ({"type": "no_such_step", "by": "r1"}, "ukjent hendelsestype"),
])
def test_a_refused_step_leaves_the_file_byte_identical(tmp_path: Path, event: dict[str, Any], words: str) -> None:
    path = case_file(tmp_path, CONCERN, REPORTED)
    before = path.read_bytes()
    result = run("case", "add", path, json.dumps(event), "--today", "2025-09-10")
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sak.json"]


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", ""])
def test_bad_json_leaves_the_file_byte_identical(tmp_path: Path, text: str) -> None:
    path = case_file(tmp_path, CONCERN)
    before = path.read_bytes()
    result = run("case", "add", path, text, "--today", "2025-09-10")
    assert result.exit_code == 2 and "JSON" in result.stderr
    assert path.read_bytes() == before


def test_sf_report_in_a_kindergarten_is_refused(tmp_path: Path) -> None:
    path = case_file(tmp_path, {**CONCERN, "at": "2025-03-03"}, setting="kindergarten")
    before = path.read_bytes()
    result = run("case", "add", path, '{"at": "2025-03-20", "type": "sf_report", "by": "g1"}', "--today", "2025-03-20")
    assert result.exit_code == 2
    assert "Barnehageloven har ingen håndhevingsordning" in result.stderr
    assert path.read_bytes() == before


def test_add_reads_the_event_from_stdin_and_dates_it_today(tmp_path: Path) -> None:
    path = case_file(tmp_path, CONCERN, REPORTED)
    result = run("case", "add", path, "-", "--today", "2025-09-09", stdin='{"type": "note", "by": "r1", "text": "Notat."}')
    assert result.exit_code == 0, result.output
    added = casefile.load(path).events[-1]
    assert added.type == "note" and added.at_text == "2025-09-09" and added.text == "Notat."
    assert list(json.loads(path.read_text("utf-8"))["events"][-1]) == ["at", "type", "by", "text"]


def test_add_to_a_yaml_file_writes_yaml(tmp_path: Path) -> None:
    path = case_file(tmp_path, CONCERN, REPORTED, suffix=".yaml")
    result = run("case", "add", path, '{"at": "2025-09-09", "type": "investigation_started", "by": "r1"}',
                 "--today", "2025-09-09")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["events"][-1]["type"] == "investigation_started"
    assert len(casefile.load(path).events) == 3


def test_add_keeps_the_file_mode(tmp_path: Path) -> None:
    path = case_file(tmp_path, CONCERN, REPORTED)
    path.chmod(0o640)
    result = run("case", "add", path, '{"at": "2025-09-09", "type": "note", "by": "r1"}', "--today", "2025-09-09")
    assert result.exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o640


def test_add_to_an_unsupported_file_type(tmp_path: Path) -> None:
    path = tmp_path / "saker.jsonl"
    path.write_text("", "utf-8")
    result = run("case", "add", path, '{"type": "note", "by": "r1"}')
    assert result.exit_code == 2 and ".json" in result.stderr
