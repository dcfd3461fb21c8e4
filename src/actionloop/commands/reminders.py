"""``actionloop reminders``: scan for due and overdue duties, and list the reminders recorded."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from actionloop.app.reminders import ReminderQuery, ReminderService
from actionloop.commands.common import fail, out_console, parse_day
from actionloop.commands.db import DatabaseUrl, services_for
from actionloop.core.clock import OSLO
from actionloop.core.errors import ActionloopError
from actionloop.core.policy import Policy, load_policy

KIND_TEXT = {"due_soon": "frist snart", "overdue": "over fristen"}
AUDIENCE_TEXT = {"unit": "rektor/styrer", "owner": "eier"}


def scan_command(
    today: Annotated[str | None, typer.Option(
        "--today", metavar="ÅÅÅÅ-MM-DD", help="Dagen skanningen gjelder (standard: i dag).", show_default=False)] = None,
    policy_file: Annotated[Path | None, typer.Option(
        "--policy", help="Lokale frister per eier (YAML med owners og due_soon, som for actionloop deadlines); "
                         "due_soon sier når en frist snart forfaller (standard: 2 skoledager).",
        show_default=False)] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Finn åpne saker med en plikt som snart forfaller eller er over fristen, og registrer én
    påminnelse per sak, plikt, frist og slag. Trygt å kjøre i flere prosesser samtidig: hver
    påminnelse registreres én gang."""
    on = parse_day(today)
    try:
        policy = load_policy(policy_file) if policy_file is not None else Policy()
    except ActionloopError as exc:
        fail(exc)
    with services_for(database_url) as services:
        report = ReminderService(services.db, services.clock, policy=policy).scan(on)  # type: ignore[arg-type]
    out_console.print(
        f"Skannet {report.today.isoformat()}: {report.due} åpne saker har en frist som snart forfaller "
        f"eller er passert; {report.created} nye påminnelser."
    )


def list_command(
    unit: Annotated[str | None, typer.Option("--unit", "-u", help="Bare denne enheten.", show_default=False)] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000, help="Høyst så mange.")] = 100,
    database_url: DatabaseUrl = None,
) -> None:
    """Vis påminnelsene, de nyeste først (saksnummer, enhet, plikt, frist; aldri navn)."""
    with services_for(database_url) as services:
        found = ReminderService(services.db, services.clock).find(  # type: ignore[arg-type]
            ReminderQuery(unit_ids=[unit] if unit else None, limit=limit))
    if not found:
        out_console.print("Ingen påminnelser.")
        return
    table = Table(title="Påminnelser")
    for name in ("Registrert", "Sak", "Enhet", "Plikt", "Frist", "Slag", "Til"):
        table.add_column(name)
    for r in found:
        table.add_row(
            r.created_at.astimezone(OSLO).strftime("%Y-%m-%d %H:%M"), escape(r.case_id), escape(r.unit_id), r.duty,
            r.due_date.isoformat(), KIND_TEXT.get(r.kind, r.kind), AUDIENCE_TEXT.get(r.audience, r.audience),
        )
    out_console.print(table)


def register(app: typer.Typer) -> None:
    reminders = typer.Typer(name="reminders", no_args_is_help=True,
                            help="Påminnelser om frister: skann etter plikter som forfaller, og vis påminnelsene.")
    reminders.command("scan")(scan_command)
    reminders.command("list")(list_command)
    app.add_typer(reminders, name="reminders")
