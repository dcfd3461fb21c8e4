"""``actionloop org import FILE``: owners, units, staff, children and guardians from a roster CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from actionloop.app.orgs import RosterRejected
from actionloop.commands.common import EXIT_BAD_INPUT, err_console, fail, out_console
from actionloop.commands.db import DatabaseUrl, services_for

ROSTER_HELP = """Les inn eiere, enheter, ansatte, barn og foresatte fra en CSV-fil:
alle rader eller ingen.

Første rad er overskriftene [bold]type,id,name,parent,role,unit,email,class[/]
(skilt med komma, semikolon eller tabulator; UTF-8, eller Windows-1252 slik
Excel lagrer). Deretter én rad per post:

[bold]type[/]    owner (eier), school (skole), sfo, kindergarten (barnehage),
        staff (ansatt), child (barn/elev) eller guardian (foresatt)
[bold]id[/]      postens id: bokstaver, sifre og - _ . : @
[bold]name[/]    navnet
[bold]parent[/]  school, kindergarten: eierens id
        sfo: skolens id (en SFO hører til en skole)
        guardian: barnets id
        staff med rollen case_handler: rektor/styrer som delegerte
[bold]role[/]    owner: municipality (kommune), county (fylkeskommune)
        eller private (privat)
        staff: staff, teacher (lærer), principal (rektor/styrer),
        leadership (ledelse) eller case_handler (saksbehandler)
[bold]unit[/]    staff, child: enhetens id
[bold]email[/]   staff, guardian: e-postadresse (valgfri)
[bold]class[/]   child: klasse eller gruppe (valgfri)

Kolonner som ikke gjelder radens type, skal være tomme. En ansatt med
roller ved flere enheter, et barn på skole og SFO, og en foresatt til
flere barn får én rad hver, med samme id. Det kan vises til poster som
finnes i databasen fra før; en rad med en id som finnes, oppdaterer
navn og e-post.

Eksempel:

  type,id,name,parent,role,unit,email,class
  owner,k-eks,Eksempel kommune,,municipality,,,
  school,s-nordli,Nordli skole,k-eks,,,,
  sfo,sfo-nordli,Nordli SFO,s-nordli,,,,
  staff,a-per,Per Hansen,,principal,s-nordli,per@example.no,
  staff,a-siri,Siri Berg,a-per,case_handler,s-nordli,,
  child,b-emma,Emma Dahl,,,s-nordli,,6B
  guardian,f-anne,Anne Dahl,b-emma,,,anne@example.no,

Avviste rader skrives med radnummer (1 er overskriftsraden), kolonne og
grunn, og kommandoen avslutter med kode 2 uten å ha skrevet noe."""


def import_command(
    file: Annotated[Path, typer.Argument(help="CSV-filen med organisasjonen.", show_default=False)],
    database_url: DatabaseUrl = None,
) -> None:
    try:
        data = file.read_bytes()
    except OSError as exc:
        fail(f"{file}: kan ikke leses ({exc.strerror})")
    with services_for(database_url) as services:
        try:
            report = services.orgs.import_roster(data, str(file))
        except RosterRejected as exc:
            err_console.print(f"[bold red]{escape(exc.summary('nb'))}[/]")
            for problem in exc.problems:
                err_console.print(f"  {problem.text('nb')}", markup=False)
            raise typer.Exit(EXIT_BAD_INPUT) from None
    out_console.print(
        f"Leste {report.rows} rader: {report.owners} eiere, {report.units} enheter, {report.staff} ansatte "
        f"({report.staff_roles} roller), {report.children} barn ({report.enrolments} plasser) og "
        f"{report.guardians} foresatte."
    )


def register(app: typer.Typer) -> None:
    org = typer.Typer(name="org", help="Organisasjonen: eiere, enheter, ansatte, barn og foresatte.",
                      no_args_is_help=True, rich_markup_mode="rich")
    org.command("import", help=ROSTER_HELP)(import_command)
    app.add_typer(org, name="org")
