"""Cases in the database: ``actionloop db upgrade``, ``verify``, ``backup``, ``import`` and ``export``.

Every command finds the database in ``--database-url``, else ``ACTIONLOOP_DATABASE_URL``, else the
SQLite file ``<ACTIONLOOP_DATA_DIR or ./data>/actionloop.db``; the migrations are applied first.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from actionloop.adapters.db import SqlDatabase, open_database
from actionloop.adapters.db.engine import UnsupportedDatabase
from actionloop.app.services import Services, build_services
from actionloop.commands.common import case_sources, err_console, fail, iter_cases, out_console
from actionloop.core import casefile
from actionloop.core.errors import ActionloopError
from actionloop.settings import Settings, load_settings

EXIT_CHECK_FAILED = 1

DatabaseUrl = Annotated[str | None, typer.Option(
    "--database-url", metavar="URL", show_default=False,
    help="Databasen: sqlite:///FIL eller postgresql+psycopg://bruker@vert/database. "
         "Standard: ACTIONLOOP_DATABASE_URL, ellers ./data/actionloop.db.",
)]

#: Why a case's log does not verify, by the reason code of :class:`ChainBreak`.
BREAK_REASONS = {
    "missing_event": "en hendelse mangler i rekkefølgen",
    "unknown_hash_alg": "ukjent hash-metode",
    "prev_hash_mismatch": "kjeden er brutt: forrige hash stemmer ikke",
    "hash_mismatch": "innholdet er endret: hashen stemmer ikke",
    "payload_not_json": "innholdet er ikke gyldig JSON",
    "payload_not_canonical": "innholdet er ikke lagret slik det ble skrevet",
    "columns_disagree": "type eller tidspunkt stemmer ikke med innholdet",
    "head_mismatch": "siste hendelse stemmer ikke med saken: hendelser er fjernet eller lagt til",
    "no_case_record": "hendelser uten sak",
}


def _safe_url(url: str) -> str:
    """The URL without its password (for messages)."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(ugyldig adresse)"


@contextmanager
def database_for(database_url: str | None) -> Iterator[tuple[Settings, SqlDatabase]]:
    """The database the options and environment name; errors reaching it are reported in
    Norwegian (exit 2), not as tracebacks."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        settings = load_settings(database_url)
    except Exception as exc:
        fail(f"ugyldige innstillinger: {exc}")
    try:
        db = open_database(settings)
    except (UnsupportedDatabase, ValueError) as exc:
        fail(f"databaseadressen {_safe_url(settings.database_url)} kan ikke brukes: {exc}")
    try:
        yield settings, db
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None)
        first = (str(orig if orig is not None else exc).strip().splitlines() or [type(exc).__name__])[0]
        fail(f"databasen {_safe_url(settings.database_url)} svarte med en feil: {first}")
    finally:
        db.dispose()


def _upgrade(db: SqlDatabase) -> tuple[str | None, str | None]:
    from alembic.util.exc import CommandError

    try:
        return db.upgrade()
    except CommandError as exc:
        if "Can't locate revision" in str(exc):
            fail("databasen har et nyere skjema enn denne versjonen av actionloop kjenner; oppgrader programmet")
        raise


@contextmanager
def services_for(database_url: str | None) -> Iterator[Services]:
    """The services over the database the options and environment name, migrated first."""
    with database_for(database_url) as (settings, db):
        before, after = _upgrade(db)
        if before != after:
            err_console.print(f"[dim]Databasen ble oppgradert ({before or 'tom'} → {after}).[/]")
        yield build_services(db, settings=settings)


def upgrade_command(database_url: DatabaseUrl = None) -> None:
    """Oppgrader databasen til nyeste skjema (Alembic-migreringer). Trygt å kjøre flere ganger."""
    with database_for(database_url) as (_, db):
        before, after = _upgrade(db)
    if before == after:
        out_console.print(f"Databasen er allerede oppdatert (skjema {after}).")
    else:
        out_console.print(f"Databasen er oppgradert: {before or 'tom'} → {after}.")


def rebuild_command(database_url: DatabaseUrl = None) -> None:
    """Bygg saksoversikten (projeksjonene) på nytt fra hendelsene."""
    with services_for(database_url) as services:
        count = services.cases.rebuild_projections()
    out_console.print(f"Saksoversikten er bygd på nytt for {count} saker.")


def verify_command(
    case_id: Annotated[str | None, typer.Argument(help="Bare denne saken (standard: alle).", show_default=False)] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Kontroller hash-kjeden i loggen til hver sak, og nevn hver sak der loggen er endret.

    Avslutter med kode 1 hvis noen logg er endret, 0 hvis alle er i orden."""
    with services_for(database_url) as services:
        try:
            report = services.cases.verify_report(case_id)
        except ActionloopError as exc:
            fail(exc)
    if not report.broken:
        out_console.print(f"Alle {report.checked} saker er i orden: ingen logg er endret.")
        return
    for b in report.broken:
        reason = BREAK_REASONS.get(b.reason, b.reason)
        out_console.print(f"[bold red]Sak {escape(b.case_id)}[/]: loggen er endret fra hendelse nr. {b.seq} ({reason}).")
    out_console.print(f"{len(report.broken)} av {report.checked} saker har en endret logg.")
    raise typer.Exit(EXIT_CHECK_FAILED)


def backup_command(
    file: Annotated[Path, typer.Argument(help="Ny fil for sikkerhetskopien (overskrives aldri).", show_default=False)],
    database_url: DatabaseUrl = None,
) -> None:
    """Lag en konsistent sikkerhetskopi mens programmet kjører.

    SQLite: en kopi av databasefilen. PostgreSQL: alle saker som JSON Lines i FILE (gi filen
    endelsen .jsonl; den kan leses inn igjen med actionloop import) og organisasjoner og brukere
    i FILE.org.json."""
    with services_for(database_url) as services:
        try:
            report = services.backup(file)
        except ActionloopError as exc:
            fail(exc)
    if report.kind == "sqlite":
        out_console.print(f"Sikkerhetskopi skrevet til {escape(str(report.files[0]))}.")
    else:
        names = " og ".join(escape(str(f)) for f in report.files)
        out_console.print(f"Sikkerhetskopi av {report.cases} saker skrevet til {names}.")


def import_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Saksfiler (.json, .yaml, .yml, .jsonl) eller mapper med saksfiler.", show_default=False)],
    database_url: DatabaseUrl = None,
) -> None:
    """Les saksfiler inn i databasen: alle eller ingen. En sak som finnes fra før avvises."""
    sources = case_sources(paths)
    try:
        cases = list(iter_cases(sources))
    except ActionloopError as exc:
        fail(exc)
    if not cases:
        fail("fant ingen saksfiler å lese inn")
    with services_for(database_url) as services:
        try:
            results = services.cases.import_cases(cases)
        except ActionloopError as exc:
            fail(exc)
    events = sum(r.added for r in results)
    out_console.print(f"Leste inn {len(results)} saker med {events} hendelser.")


def export_command(
    case_id: Annotated[str, typer.Argument(help="Saken som skal skrives ut.", show_default=False)],
    output_format: Annotated[str, typer.Option("--format", "-f", help="json eller yaml.")] = "json",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Skriv til denne filen (standard: skjermen).", show_default=False)] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Skriv ut en sak fra databasen som saksfil (actionloop-case/1), nøyaktig slik den ble lest inn."""
    if output_format not in ("json", "yaml"):
        fail(f"--format {output_format!r}: bruk json eller yaml")
    with services_for(database_url) as services:
        try:
            case = services.cases.export_case(case_id)
        except ActionloopError as exc:
            fail(exc)
    text = casefile.dumps(case, output_format)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"Skrev {escape(str(output))}.")


def register(app: typer.Typer) -> None:
    db = typer.Typer(name="db", help="Databasen: skjema og saksoversikt.", no_args_is_help=True)
    db.command("upgrade")(upgrade_command)
    db.command("rebuild")(rebuild_command)
    app.add_typer(db, name="db")
    app.command("verify")(verify_command)
    app.command("backup")(backup_command)
    app.command("import")(import_command)
    app.command("export")(export_command)
