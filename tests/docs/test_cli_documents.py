"""``actionloop document plan|log|audit``: files written whole, Norwegian errors with exit code 2
and nothing written on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cases import revised_dict
from docs_helpers import EXAMPLES, example_dict, outline
from typer.testing import CliRunner

from actionloop.cli import app

runner = CliRunner()
HANDLED = EXAMPLES / "school-2025-handled-well.json"
LATE = EXAMPLES / "school-2025-late-report.json"


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["document", *args])
    return result.exit_code, result.output


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    code, output = _run("plan", str(HANDLED), "--out", str(out))
    assert code == 0, output
    lines = outline(out.read_bytes())
    assert "TITLE: Aktivitetsplan" in lines
    assert _files(tmp_path) == ["plan.docx"]


def test_plan_version_and_family(tmp_path: Path) -> None:
    case_file = tmp_path / "sak.json"
    case_file.write_text(json.dumps(revised_dict(), ensure_ascii=False), "utf-8")
    out = tmp_path / "v1.docx"
    code, output = _run("plan", str(case_file), "--out", str(out), "--version", "1", "--family")
    assert code == 0, output
    lines = outline(out.read_bytes())
    assert "ROW: Planversjon | 1" in lines
    assert any("offentleglova § 13" in line for line in lines)


@pytest.mark.parametrize(("args", "message"), [
    (["--version", "7"], "ingen plan med versjon 7"),
])
def test_plan_bad_version(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "plan.docx"
    code, output = _run("plan", str(HANDLED), "--out", str(out), *args)
    assert code == 2 and message in output
    assert _files(tmp_path) == []


def test_plan_of_a_case_without_plan(tmp_path: Path) -> None:
    data = example_dict("school-2025-late-report")
    data["events"] = data["events"][:3]
    case_file = tmp_path / "sak.json"
    case_file.write_text(json.dumps(data), "utf-8")
    code, output = _run("plan", str(case_file), "--out", str(tmp_path / "plan.docx"))
    assert code == 2 and "har ingen plan" in output
    assert _files(tmp_path) == ["sak.json"]


def test_bad_case_file_writes_nothing(tmp_path: Path) -> None:
    case_file = tmp_path / "sak.json"
    case_file.write_text('{"format": "actionloop-case/1", "case": {}', "utf-8")
    code, output = _run("plan", str(case_file), "--out", str(tmp_path / "plan.docx"))
    assert code == 2 and "Feil i" in output and "JSON" in output
    assert _files(tmp_path) == ["sak.json"]


def test_missing_file_and_missing_folder(tmp_path: Path) -> None:
    code, output = _run("plan", str(tmp_path / "finnes-ikke.json"), "--out", str(tmp_path / "p.docx"))
    assert code == 2 and "finnes ikke" in output
    code, output = _run("plan", str(HANDLED), "--out", str(tmp_path / "mangler" / "p.docx"))
    assert code == 2 and "finnes ikke" in output
    assert _files(tmp_path) == []


def test_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "plan.docx"
    out.write_bytes(b"gammel")
    assert _run("plan", str(HANDLED), "--out", str(out))[0] == 0
    assert out.read_bytes()[:2] == b"PK"
    assert _files(tmp_path) == ["plan.docx"]


def test_pdf_without_libreoffice_fails_before_writing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTIONLOOP_SOFFICE", str(tmp_path / "ingen-soffice"))
    monkeypatch.setenv("PATH", str(tmp_path))
    code, output = _run("plan", str(HANDLED), "--out", str(tmp_path / "plan.docx"), "--pdf")
    assert code == 2 and "LibreOffice" in output
    assert _files(tmp_path) == []


def test_log_with_the_audit(tmp_path: Path) -> None:
    out = tmp_path / "log.docx"
    code, output = _run("log", str(LATE), "--out", str(out), "--today", "2025-12-01")
    assert code == 0, output
    lines = outline(out.read_bytes())
    assert "ROW: Vurdert per | 1. desember 2025" in lines
    duty_rows = [line for line in lines if line.startswith("ROW: Melde frå til rektor |")]
    assert duty_rows and "| Brot |" in duty_rows[0]  # examples/school-2025-late-report.expected.json
    assert any(line.startswith("MONO: SHA-256: ") for line in lines)


def test_log_bad_date(tmp_path: Path) -> None:
    code, output = _run("log", str(LATE), "--out", str(tmp_path / "log.docx"), "--today", "1. desember")
    assert code == 2 and "ÅÅÅÅ-MM-DD" in output
    assert _files(tmp_path) == []


def test_audit_report_for_a_unit(tmp_path: Path) -> None:
    out = tmp_path / "rapport.docx"
    code, output = _run("audit", str(EXAMPLES), "--out", str(out), "--unit", "u-nordli",
                        "--from", "2025-01-01", "--to", "2025-12-31")
    assert code == 0, output
    lines = outline(out.read_bytes())
    assert "ROW: Tal på saker | 2" in lines  # both Nordli cases, in nynorsk like them
    assert any(line.startswith("IMAGE: ") for line in lines)
    assert any(line.startswith("ROW: nordli-2025-031 | Nordli skule | Melde frå til rektor") for line in lines)


def test_audit_report_for_an_owner(tmp_path: Path) -> None:
    out = tmp_path / "rapport.docx"
    code, output = _run("audit", str(EXAMPLES), "--out", str(out), "--owner", "Eksempel kommune", "--lang", "en")
    assert code == 0, output
    assert "ROW: Number of cases | 3" in outline(out.read_bytes())


@pytest.mark.parametrize(("args", "message"), [
    (["--unit", "u-finst-ikkje"], "ingen saker passer"),
    (["--from", "2025-12-01", "--to", "2025-01-01"], "er etter --to"),
    (["--from", "i fjor"], "--from"),
    (["--lang", "sv"], "--lang"),
])
def test_audit_report_bad_input(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "rapport.docx"
    code, output = _run("audit", str(EXAMPLES), "--out", str(out), *args)
    assert code == 2 and message in output
    assert _files(tmp_path) == []
