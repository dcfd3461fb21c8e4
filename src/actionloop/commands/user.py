"""``actionloop user``: local accounts, their roles and personal API tokens."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from actionloop.app.accounts import ROLES, Identity
from actionloop.commands.common import fail, out_console
from actionloop.commands.db import DatabaseUrl, services_for
from actionloop.core.errors import ActionloopError

ROLE_HELP = (
    "Rolle: staff (ansatt), principal (rektor/styrer), case_handler (saksbehandler), owner (eier), "
    "auditor (tilsyn, bare lesing) eller admin."
)
UNIT_HELP = (
    "Enheten rollen gjelder (staff, principal, case_handler), eierens id (owner), enhet eller eier "
    "(auditor; tom: alle). admin tar ingen enhet."
)


def _read_password() -> str:
    line = sys.stdin.readline()
    password = line.removesuffix("\n").removesuffix("\r")
    if not password:
        fail("fant ikke noe passord på standard inn (--password-stdin)")
    return password


def _roles_text(identity: Identity) -> str:
    parts = [f"{r.role} ({r.scope_id})" if r.scope_id else f"{r.role} (hele installasjonen)" for r in identity.roles]
    return ", ".join(parts) or "ingen roller"


def add_command(
    username: Annotated[str, typer.Argument(help="Brukernavnet (små bokstaver, sifre og . _ @ -).", show_default=False)],
    role: Annotated[str, typer.Option("--role", "-r", help=ROLE_HELP, show_default=False)],
    unit: Annotated[str, typer.Option("--unit", "-u", help=UNIT_HELP, show_default=False)] = "",
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Les passordet fra første linje på standard inn.")] = False,
    staff: Annotated[str | None, typer.Option(
        "--staff", help="Den ansatte (id fra organisasjonsfilen) brukeren tilhører.", show_default=False)] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Opprett en lokal bruker med en rolle. Passordet lagres bare som argon2-hash."""
    password = _read_password() if password_stdin else None
    with services_for(database_url) as services:
        try:
            identity = services.accounts.add_user(username, roles=[(role, unit)], password=password, staff_id=staff)
        except ActionloopError as exc:
            fail(exc)
    out_console.print(f"Brukeren {escape(identity.username)} er opprettet: {escape(_roles_text(identity))}.")
    if password is None:
        out_console.print("Brukeren har ikke passord og kan ikke logge inn før det er satt "
                          "(actionloop user password BRUKER --password-stdin).")


def grant_command(
    username: Annotated[str, typer.Argument(help="Brukernavnet.", show_default=False)],
    role: Annotated[str, typer.Option("--role", "-r", help=ROLE_HELP, show_default=False)],
    unit: Annotated[str, typer.Option("--unit", "-u", help=UNIT_HELP, show_default=False)] = "",
    database_url: DatabaseUrl = None,
) -> None:
    """Gi en bruker en rolle til."""
    with services_for(database_url) as services:
        try:
            identity = services.accounts.grant(username, role, unit)
        except ActionloopError as exc:
            fail(exc)
    out_console.print(f"{escape(identity.username)}: {escape(_roles_text(identity))}.")


def password_command(
    username: Annotated[str, typer.Argument(help="Brukernavnet.", show_default=False)],
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Les passordet fra første linje på standard inn.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Sett nytt passord for en bruker."""
    if not password_stdin:
        fail("oppgi --password-stdin og gi passordet på standard inn (det skal ikke stå på kommandolinjen)")
    password = _read_password()
    with services_for(database_url) as services:
        try:
            services.accounts.set_password(username, password)
        except ActionloopError as exc:
            fail(exc)
    out_console.print("Passordet er endret. Brukerens innlogginger i nettleseren er avsluttet.")


def token_command(
    username: Annotated[str, typer.Argument(help="Brukernavnet.", show_default=False)],
    name: Annotated[str, typer.Option("--name", "-n", help="Hva nøkkelen brukes til.", show_default=False)],
    database_url: DatabaseUrl = None,
) -> None:
    """Lag en personlig API-nøkkel. Den vises bare denne ene gangen; bare en hash lagres."""
    with services_for(database_url) as services:
        try:
            issued = services.accounts.create_token(username, name)
        except ActionloopError as exc:
            fail(exc)
    out_console.print(f"API-nøkkel nr. {issued.record.id} for {escape(username)} ({escape(issued.record.name)}). "
                      "Den vises bare nå:")
    sys.stdout.write(issued.token + "\n")


def register(app: typer.Typer) -> None:
    user = typer.Typer(name="user", help="Brukere, roller og API-nøkler. Roller: " + ", ".join(ROLES) + ".",
                       no_args_is_help=True)
    user.command("add")(add_command)
    user.command("grant")(grant_command)
    user.command("password")(password_command)
    user.command("token")(token_command)
    app.add_typer(user, name="user")
