"""The storage commands end to end: ``db upgrade``, ``import``, ``export``, ``verify``, ``backup``,
``org import`` and ``user add``; bad input gives a Norwegian message and exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from actionloop.cli import app

from .conftest import EXAMPLES, example_paths

runner = CliRunner()


def run(url: str, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args, "--database-url", url], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cases_in_and_out(database_url: str, tmp_path: Path) -> None:
    code, out, _ = run(database_url, "db", "upgrade")
    assert code == 0 and "oppgradert" in out
    code, out, _ = run(database_url, "db", "upgrade")
    assert code == 0 and "allerede oppdatert" in out

    code, out, _ = run(database_url, "import", str(EXAMPLES))
    assert code == 0, out
    assert f"Leste inn {len(example_paths())} saker" in out
    code, _, err = run(database_url, "import", str(EXAMPLES / "school-2025-late-report.json"))
    assert code == 2 and "finnes allerede" in err

    source = EXAMPLES / "school-2025-handled-well.json"
    case_id = json.loads(source.read_text("utf-8"))["case"]["id"]
    code, out, _ = run(database_url, "export", case_id)
    assert code == 0 and out == source.read_text("utf-8")
    target = tmp_path / "ut.yaml"
    code, _, _ = run(database_url, "export", case_id, "--format", "yaml", "--output", str(target))
    assert code == 0 and target.read_text("utf-8").startswith("format: actionloop-case/1")
    code, _, err = run(database_url, "export", "finnes-ikke")
    assert code == 2 and "finnes ikke" in err

    code, out, _ = run(database_url, "verify")
    assert code == 0 and f"Alle {len(example_paths())} saker er i orden" in out
    code, out, _ = run(database_url, "db", "rebuild")
    assert code == 0 and "bygd på nytt" in out

    dest = tmp_path / ("kopi.db" if database_url.startswith("sqlite") else "kopi.jsonl")
    code, out, _ = run(database_url, "backup", str(dest))
    assert code == 0 and dest.exists(), out
    code, _, err = run(database_url, "backup", str(dest))
    assert code == 2 and "finnes allerede" in err


def test_verify_exits_1_and_names_the_altered_case(sqlite_url: str) -> None:
    run(sqlite_url, "import", str(EXAMPLES))
    engine = create_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER case_event_no_update"))
        conn.execute(text("UPDATE case_event SET payload = replace(payload, 'Emma', 'Emmy') "
                          "WHERE case_id = 'nordli-2025-014' AND seq = 1"))
    engine.dispose()
    code, out, _ = run(sqlite_url, "verify")
    assert code == 1
    assert "Sak nordli-2025-014: loggen er endret fra hendelse nr. 1" in out
    assert "1 av 4 saker" in out


ROSTER = "type,id,name,parent,role,unit,email,class\nowner,k1,K,,municipality,,,\nschool,s1,S,k1,,,,\n"


def test_org_import_and_user_add(sqlite_url: str, tmp_path: Path) -> None:
    good = tmp_path / "org.csv"
    good.write_text(ROSTER, encoding="utf-8")
    code, out, _ = run(sqlite_url, "org", "import", str(good))
    assert code == 0 and "1 eiere, 1 enheter" in out

    bad = tmp_path / "feil.csv"
    bad.write_text(ROSTER + "school,s2,S2,k-x,,,,\nstaff,a1,A,,rektor,s9,,\n", encoding="utf-8")
    code, _, err = run(sqlite_url, "org", "import", str(bad))
    assert code == 2
    assert "2 rad(er) i" in err and "ingenting ble importert" in err
    assert "rad 4, kolonne «parent»: eieren «k-x» finnes ikke" in err
    assert "rad 5, kolonne «unit»: enheten «s9» finnes ikke" in err
    code, _, err = run(sqlite_url, "org", "import", str(tmp_path / "mangler.csv"))
    assert code == 2 and "kan ikke leses" in err

    code, out, _ = run(sqlite_url, "user", "add", "rektor1", "--role", "principal", "--unit", "s1",
                       "--password-stdin", stdin="et-langt-passord\n")
    assert code == 0 and "rektor1 er opprettet: principal (s1)" in out
    code, _, err = run(sqlite_url, "user", "add", "rektor2", "--role", "principal", "--unit", "s-x")
    assert code == 2 and "enheten «s-x» finnes ikke" in err
    code, out, _ = run(sqlite_url, "user", "token", "rektor1", "--name", "test")
    assert code == 0 and out.strip().splitlines()[-1].startswith("alt_")
    code, out, _ = run(sqlite_url, "user", "password", "rektor1", "--password-stdin", stdin="eit-nytt-passord\n")
    assert code == 0 and "Passordet er endret. Brukerens innlogginger i nettleseren er avsluttet." in out


def test_a_database_that_cannot_be_reached_is_bad_input() -> None:
    code, _, err = run("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=1", "verify")
    assert code == 2
    assert "svarte med en feil" in err and "secret" not in err
    code, _, err = run("mysql://x@y/z", "verify")
    assert code == 2 and "kan ikke brukes" in err


@pytest.mark.parametrize("args", [["import", "/finnes/ikke.json"], ["export", "x", "--format", "xml"]])
def test_bad_arguments(sqlite_url: str, args: list[str]) -> None:
    code, _, err = run(sqlite_url, *args)
    assert code == 2 and err
