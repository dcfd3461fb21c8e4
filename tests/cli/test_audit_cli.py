"""``actionloop audit``: JSON in the audit format and in the order given, folders and JSON Lines,
languages, and bad input (a Norwegian message with the place, exit code 2, no output)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from actionloop.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CASE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))
runner = CliRunner()


def _audit(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["audit", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_is_one_audit_object_per_case_in_the_order_given() -> None:
    paths = [str(CASE_FILES[2]), str(CASE_FILES[0])]
    code, out, _ = _audit(*paths, "--format", "json", "--today", "2026-01-01")
    assert code == 0
    audits = json.loads(out)
    ids = [json.loads(Path(p).read_text("utf-8"))["case"]["id"] for p in paths]
    assert [a["case"] for a in audits] == ids
    assert all(a["format"] == "actionloop-audit/1" and len(a["findings"]) == 10 for a in audits)


def test_a_folder_gives_its_case_files_in_name_order_and_skips_the_rest(tmp_path: Path) -> None:
    for path in EXAMPLES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "notes.txt").write_text("ikke en sak", "utf-8")
    code, out, err = _audit(str(tmp_path), "--format", "json")
    assert code == 0
    ids = [json.loads(p.read_text("utf-8"))["case"]["id"] for p in CASE_FILES]
    assert [a["case"] for a in json.loads(out)] == ids
    assert "notes.txt" in err
    assert "expected.json" in err  # the expected findings are JSON, but not case files


def test_json_lines_are_audited_line_by_line(tmp_path: Path) -> None:
    lines = [json.dumps(json.loads(p.read_text("utf-8")), ensure_ascii=False) for p in CASE_FILES]
    jsonl = tmp_path / "cases.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", "utf-8")
    code, out, _ = _audit(str(jsonl), "--format", "json")
    assert code == 0
    assert [a["case"] for a in json.loads(out)] == [json.loads(line)["case"]["id"] for line in lines]


def test_messages_follow_the_case_or_the_chosen_language() -> None:
    handled_well = str(EXAMPLES / "school-2025-handled-well.json")  # written in nynorsk
    _, out, _ = _audit(handled_well, "--format", "json")
    assert "Dei tilsette følgde med" in json.loads(out)[0]["findings"][0]["message"]
    _, out, _ = _audit(handled_well, "--format", "json", "--lang", "en")
    assert json.loads(out)[0]["findings"][0]["message"].startswith("Staff monitored")


def test_a_bad_line_in_json_lines_writes_nothing_and_names_the_place(tmp_path: Path) -> None:
    good = json.dumps(json.loads(CASE_FILES[0].read_text("utf-8")))
    bad = json.loads(CASE_FILES[1].read_text("utf-8"))
    bad["events"][2]["type"] = "gossip"
    jsonl = tmp_path / "cases.jsonl"
    jsonl.write_text(good + "\n" + json.dumps(bad) + "\n", "utf-8")
    code, out, err = _audit(str(jsonl), "--format", "json")
    assert code == 2
    assert out == ""
    assert "linje 2" in err and "$.events[2].type" in err and "gossip" in err


def test_bad_input_never_gives_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "actionloop-case/1", "case": ', "utf-8")
    wrong_kind = tmp_path / "case.txt"
    wrong_kind.write_text("hei", "utf-8")
    for args in ([str(broken)], [str(wrong_kind)], [str(tmp_path / "missing.json")], [str(CASE_FILES[0]), "--today", "i går"]):
        result = subprocess.run([sys.executable, "-m", "actionloop", "audit", *args], capture_output=True, text=True)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_the_table_names_each_duty_and_finding() -> None:
    code, out, _ = _audit(str(EXAMPLES / "school-2025-late-report.json"))
    assert code == 0
    assert "Melde fra til rektor/styrer" in out and "brudd" in out and "§ 12-4" in out
