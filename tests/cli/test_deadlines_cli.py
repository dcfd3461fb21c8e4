"""``actionloop deadlines``: tables and JSON, ``--today``, policies, closure days, languages, and bad
input (a Norwegian message with the place, exit code 2, never a traceback)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from actionloop.cli import app
from actionloop.commands.common import out_console
from actionloop.core.clock import FrozenClock

pytestmark = pytest.mark.frist

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()

PEOPLE = [
    {"id": "t1", "role": "teacher"},
    {"id": "r1", "role": "principal"},
    {"id": "g1", "role": "guardian"},
]


def case_dict(case_id: str, *events: dict[str, Any], owner: str = "Eksempel kommune", lang: str = "nb",
              setting: str = "school") -> dict[str, Any]:
    return {
        "format": "actionloop-case/1",
        "case": {"id": case_id, "setting": setting, "unit": {"id": "u1", "name": "Eksempel skole", "owner": owner},
                 "child": {"id": "c1"}, "language": lang},
        "people": PEOPLE,
        "events": list(events),
    }


def concern(at: str) -> dict[str, Any]:
    return {"at": at, "type": "concern", "by": "t1", "source": "child_said", "offender": "child"}


def reported(at: str) -> dict[str, Any]:
    return {"at": at, "type": "report_to_principal", "by": "t1", "to": "r1"}


def raised(at: str) -> dict[str, Any]:
    return {"at": at, "type": "raised_with_principal", "by": "g1"}


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def run(*args: str | Path) -> Any:
    return runner.invoke(app, ["deadlines", *map(str, args)])


def run_json(*args: str | Path) -> list[dict[str, Any]]:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: list[dict[str, Any]] = json.loads(result.stdout)
    return data


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide console, so that table cells are not wrapped (the default off a terminal is 80)."""
    monkeypatch.setattr(out_console, "width", 200)


@pytest.fixture
def simple(tmp_path: Path) -> Path:
    """A concern on Monday 1 September 2025 that nobody has reported yet."""
    return write(tmp_path / "enkel.json", case_dict("enkel-1", concern("2025-09-01T10:00:00+02:00")))


# --- output -------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("wide")
def test_table(simple: Path) -> None:
    result = run(simple, "--today", "2025-09-03")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Sak enkel-1" in out
    assert "per 2025-09-03" in out
    for header in ("Plikt", "Hva", "Frist", "Lovens krav", "Lokal frist", "Status", "Hjemmel"):
        assert header in out
    assert "Melde fra til rektor" in out
    assert "2025-09-02" in out
    assert "forfalt" in out
    assert "opplæringslova § 12-4" in out
    assert "Statsforvalteren: saken er ikke tatt opp med rektor" in out


def test_table_without_open_deadlines_still_shows_the_statsforvaltaren_line(tmp_path: Path) -> None:
    path = write(tmp_path / "tom.json", case_dict("tom-1", concern("2025-09-01"), raised("2025-09-01"),
                                                  {"at": "2025-09-02", "type": "child_left"}))
    result = run(path, "--today", "2025-09-03")
    assert result.exit_code == 0, result.output
    assert "Ingen åpne frister." in result.stdout
    assert "familien kan melde saken fra og med 2025-09-08" in result.stdout


def test_json(simple: Path) -> None:
    data = run_json(simple, "--today", "2025-09-02")
    assert len(data) == 1
    case = data[0]
    assert case["format"] == "actionloop-deadlines/1"
    assert case["case"] == "enkel-1"
    assert case["as_of"] == "2025-09-02"
    assert case["workflow"] == "skole-oppl2023"
    [deadline] = case["deadlines"]
    assert deadline["duty"] == "report_to_principal"
    assert deadline["due"] == "2025-09-02"
    assert deadline["status"] == "due_soon"
    assert deadline["legal_term"] == "så raskt som saken krever"
    assert deadline["local_default"] == "1 skoledag"
    assert deadline["legal_ref"] == "opplæringslova § 12-4 andre ledd"
    assert case["statsforvalteren"]["applies"] is True


@pytest.mark.parametrize(
    ("today", "status", "late"),
    [("2025-09-01", "due_soon", False), ("2025-09-02", "due_soon", False), ("2025-09-03", "overdue", False),
     ("2025-09-08", "overdue", False), ("2025-09-09", "overdue", True)],
)
def test_status_with_today(simple: Path, today: str, status: str, late: bool) -> None:
    [deadline] = run_json(simple, "--today", today)[0]["deadlines"]
    assert (deadline["status"], deadline["clearly_late"]) == (status, late)


def test_sorted_by_due_date(tmp_path: Path) -> None:
    plan = {"at": "2025-09-05", "type": "plan", "by": "r1", "plan": {
        "problem": "Eleven blir holdt utenfor i friminuttene og får stygge kommentarer i garderoben.",
        "measures": [{"id": "m1", "text": "Voksen i garderoben.", "when": "2025-09-08", "performer": "t1"}],
        "evaluations": ["2025-10-24", "2025-09-26"]}}
    path = write(tmp_path / "plan.json", case_dict(
        "plan-1", concern("2025-09-01"), reported("2025-09-01"),
        {"at": "2025-09-02", "type": "child_heard", "by": "r1", "child_view": "not_safe"}, plan))
    deadlines = run_json(path, "--today", "2025-09-22")[0]["deadlines"]
    assert [d["due"] for d in deadlines] == sorted(d["due"] for d in deadlines)
    assert [d["kind"] for d in deadlines] == ["measure", "evaluation", "evaluation"]


@pytest.mark.usefixtures("wide")
def test_languages(tmp_path: Path, simple: Path) -> None:
    result = run(simple, "--today", "2025-09-02", "--lang", "en")
    assert result.exit_code == 0, result.output
    for header in ("Duty", "What", "Due", "Legal term", "Local default", "Status", "Legal basis"):
        assert header in result.stdout
    assert "Report to the principal" in result.stdout
    nn = write(tmp_path / "nn.json", case_dict("nn-1", concern("2025-09-01"), reported("2025-09-01"), lang="nn"))
    result = run(nn, "--today", "2025-09-01")
    assert "Starte undersøkinga" in result.stdout
    assert "Krav i lova" in result.stdout


def test_default_today_is_the_oslo_date(monkeypatch: pytest.MonkeyPatch, simple: Path) -> None:
    # 22:30 UTC on 2 September is already 3 September in Oslo.
    monkeypatch.setattr("actionloop.commands.deadlines.SystemClock",
                        lambda: FrozenClock(datetime(2025, 9, 2, 22, 30, tzinfo=UTC)))
    data = run_json(simple)
    assert data[0]["as_of"] == "2025-09-03"
    assert data[0]["deadlines"][0]["status"] == "overdue"


# --- inputs: formats and folders -------------------------------------------------------------------------------


def test_yaml_jsonl_and_many_files(tmp_path: Path, simple: Path) -> None:
    yaml_path = tmp_path / "sak.yaml"
    yaml_path.write_text(yaml.safe_dump(case_dict("yaml-1", concern("2025-09-01")), allow_unicode=True), "utf-8")
    lines = tmp_path / "mange.jsonl"
    lines.write_text("\n".join(json.dumps(case_dict(f"linje-{i}", concern("2025-09-01"))) for i in (1, 2)) + "\n\n", "utf-8")
    data = run_json(simple, yaml_path, lines, "--today", "2025-09-02")
    assert [c["case"] for c in data] == ["enkel-1", "yaml-1", "linje-1", "linje-2"]


def test_folder_in_name_order_skipping_other_files() -> None:
    result = run(EXAMPLES, "--today", "2025-10-22", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    names = sorted(p.stem for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))
    ids = [json.loads((EXAMPLES / f"{n}.json").read_text("utf-8"))["case"]["id"] for n in names]
    assert [c["case"] for c in data] == ids
    assert "Hopper over" in result.stderr and ".expected.json" in result.stderr


def test_examples_kindergarten_has_no_statsforvaltaren_scheme() -> None:
    data = run_json(EXAMPLES / "kindergarten-2025-staff-offender.json", "--today", "2025-03-12")
    sf = data[0]["statsforvalteren"]
    assert sf["applies"] is False
    assert "barnehageloven har ingen håndhevingsordning" in sf["text"]


def test_statsforvaltaren_dates_per_law(tmp_path: Path) -> None:
    new = write(tmp_path / "a-ny.json", case_dict("ny", concern("2025-04-16"), raised("2025-04-16")))
    old = write(tmp_path / "b-gammel.json", case_dict("gammel", concern("2023-04-05"), raised("2023-04-05")))
    data = run_json(new, old, "--today", "2025-04-16")
    assert data[0]["statsforvalteren"]["first_report_date"] == "2025-04-28"   # 5 working days over Easter
    assert data[1]["statsforvalteren"]["first_report_date"] == "2023-04-12"   # one week
    assert "opplæringslova (1998) § 9 A-6" in data[1]["statsforvalteren"]["text"]


# --- policy and closure days ----------------------------------------------------------------------------------------


def test_policy_per_owner(tmp_path: Path, simple: Path) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(
        "owners:\n"
        "  Eksempel kommune:\n"
        "    report_to_principal:\n"
        "      normal: {local_default: {amount: 0, unit: school_days}}\n"
        "due_soon: {amount: 0, unit: days}\n", "utf-8")
    other = write(tmp_path / "annen.json", case_dict("annen-1", concern("2025-09-01"), owner="Annen kommune"))
    data = run_json(simple, other, "--today", "2025-09-01", "--policy", policy)
    ours, theirs = (c["deadlines"][0] for c in data)
    assert (ours["due"], ours["status"], ours["local_default"]) == ("2025-09-01", "due_soon", "samme dag")
    assert (theirs["due"], theirs["status"]) == ("2025-09-02", "ok")


def test_closure_days(tmp_path: Path, simple: Path) -> None:
    closed = tmp_path / "stengt.txt"
    closed.write_text("# planleggingsdager\n2025-09-02  # tirsdag\n\n2025-09-03\n", "utf-8")
    [deadline] = run_json(simple, "--today", "2025-09-01", "--closure-days", closed)[0]["deadlines"]
    assert deadline["due"] == "2025-09-04"


def test_closure_days_and_the_statsforvaltaren_date(tmp_path: Path) -> None:
    path = write(tmp_path / "jul.json", case_dict("jul-1", concern("2025-12-19"), raised("2025-12-19")))
    closed = tmp_path / "juleferie.txt"
    closed.write_text("\n".join(f"2025-12-{d}" for d in (22, 23, 24, 29, 30, 31)) + "\n2026-01-02\n", "utf-8")
    counted = run_json(path, "--today", "2025-12-19", "--closure-days", closed)
    assert counted[0]["statsforvalteren"]["first_report_date"] == "2025-12-30"
    excluded = run_json(path, "--today", "2025-12-19", "--closure-days", closed, "--sf-exclude-closure-days")
    assert excluded[0]["statsforvalteren"]["first_report_date"] == "2026-01-09"


# --- bad input: exit 2, a Norwegian message with the place, nothing on stdout ----------------------------------------


def _bad(result: Any, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


@pytest.mark.parametrize("value", ["2025-13-01", "i morgen", "01.09.2025"])
def test_bad_today(simple: Path, value: str) -> None:
    _bad(run(simple, "--today", value), "--today", "ÅÅÅÅ-MM-DD")


def test_today_outside_the_calendar(simple: Path) -> None:
    _bad(run(simple, "--today", "1900-01-01"), "--today", "1990")


def test_bad_format_and_language(simple: Path) -> None:
    _bad(run(simple, "--format", "xml"), "--format", "table eller json")
    _bad(run(simple, "--lang", "sv"), "--lang", "nb, nn eller en")


def test_missing_file(tmp_path: Path) -> None:
    _bad(run(tmp_path / "finnes-ikke.json"), "finnes ikke")


def test_invalid_case_file_names_the_place(tmp_path: Path, simple: Path) -> None:
    bad = case_dict("feil-1", {"at": "2025-09-01", "type": "bekymring", "by": "t1"})
    path = write(tmp_path / "feil.json", bad)
    _bad(run(simple, path, "--today", "2025-09-01"), "feil.json", "$.events[0].type")


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "rot.json"
    path.write_text("{ikke json", "utf-8")
    _bad(run(path), "rot.json", "ikke gyldig JSON")


def test_bad_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "mange.jsonl"
    path.write_text(json.dumps(case_dict("ok-1", concern("2025-09-01"))) + "\n{\n", "utf-8")
    _bad(run(path), "mange.jsonl", "linje 2")


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("owners:\n  X:\n    gjøre_noe: {}\n", ("policy.yaml", "$.owners.X.gjøre_noe", "ukjent plikt")),
        ("owners:\n  X:\n    investigate:\n      normal: {local_default: {amount: -1, unit: school_days}}\n",
         ("$.owners.X.investigate.normal.local_default.amount", "heltall")),
        ("due_soon: {amount: 2, unit: uker}\n", ("$.due_soon.unit", "ukjent enhet")),
        ("owners: [\n", ("policy.yaml", "kan ikke leses")),
        ("- bare en liste\n", ("policy.yaml", "$")),
    ],
)
def test_bad_policy(tmp_path: Path, simple: Path, text: str, fragments: tuple[str, ...]) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(text, "utf-8")
    _bad(run(simple, "--policy", policy), *fragments)


def test_missing_policy(tmp_path: Path, simple: Path) -> None:
    _bad(run(simple, "--policy", tmp_path / "ingen.yaml"), "ingen.yaml", "kan ikke leses")


def test_bad_closure_days(tmp_path: Path, simple: Path) -> None:
    closed = tmp_path / "stengt.txt"
    closed.write_text("# høstferie\n2025-10-06\n6. oktober\n", "utf-8")
    _bad(run(simple, "--closure-days", closed), "stengt.txt", "linje 3", "«6. oktober» er ikke en dato")
    _bad(run(simple, "--closure-days", tmp_path / "ingen.txt"), "ingen.txt", "kan ikke leses")


def test_date_outside_the_calendar_in_a_case(tmp_path: Path) -> None:
    plan = {"at": "2025-09-05", "type": "plan", "by": "r1", "plan": {
        "problem": "Eleven blir holdt utenfor i friminuttene og får stygge kommentarer i garderoben.",
        "measures": [{"id": "m1", "text": "Voksen i garderoben.", "when": "2025-09-08", "performer": "t1"}],
        "evaluations": ["2205-09-26"]}}
    path = write(tmp_path / "langt.json", case_dict("langt-1", concern("2025-09-01"), reported("2025-09-01"), plan))
    _bad(run(path, "--today", "2025-09-05"), "langt-1", "utenfor kalenderen")
