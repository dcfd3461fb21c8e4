"""``actionloop serve`` (the web API with uvicorn) and ``actionloop demo`` (a demo municipality)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from actionloop.commands.common import fail, out_console
from actionloop.commands.db import DatabaseUrl, _safe_url, services_for
from actionloop.core.errors import ActionloopError


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Adressen serveren lytter på.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Porten serveren lytter på.")] = 8000,
    database_url: DatabaseUrl = None,
    log_level: Annotated[str, typer.Option("--log-level", help="critical, error, warning, info eller debug.")] = "info",
    access_log: Annotated[bool, typer.Option("--access-log/--no-access-log",
                                             help="Logg hver forespørsel (metode, sti, status).")] = True,
) -> None:
    """Start web-API-et (uvicorn, én prosess). Databasen oppgraderes først. Dokumentasjonen av
    API-et ligger på /docs."""
    import uvicorn

    from actionloop.api import create_app
    from actionloop.settings import load_settings

    if log_level not in ("critical", "error", "warning", "info", "debug"):
        fail(f"--log-level {log_level!r}: bruk critical, error, warning, info eller debug")
    try:
        settings = load_settings(database_url)
        app = create_app(settings)
    except ActionloopError as exc:
        fail(exc)
    except Exception as exc:
        fail(f"kan ikke starte mot databasen {_safe_url(database_url or '')}: {type(exc).__name__}")
    _tune_gc()
    out_console.print(
        f"actionloop kjører på http://{escape(host)}:{port}/ (logg inn der; API-dokumentasjon: "
        f"http://{escape(host)}:{port}/docs). "
        "Stopp med Ctrl+C."
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=access_log, workers=1,
                server_header=False, proxy_headers=False)


def _tune_gc() -> None:
    """Fewer and shorter garbage collections in the server process: what was built at start (the
    app, the workflows, the calendar) is moved out of the collector's way (``gc.freeze``), and the
    youngest generation is collected less often. A full collection over everything the process
    holds takes about 0.1 s, which otherwise lands on whichever request triggers it."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def demo_command(database_url: DatabaseUrl = None) -> None:
    """Lag en demokommune: én eier, to skoler med SFO, én barnehage, ansatte, barn og om lag 15
    saker i ulike steg (noen på overtid, én der en ansatt er mistenkt, én der ledelsen er det).
    Alle personene er oppdiktet. Trygt å kjøre flere ganger: ingenting dupliseres."""
    from actionloop.demo import create_demo, login_lines

    with services_for(database_url) as services:
        try:
            report = create_demo(services)
        except ActionloopError as exc:
            fail(exc)
    out_console.print(
        f"Demokommunen er klar: {report.cases} saker ({report.new_cases} nye), "
        f"{len(report.logins)} brukere ({report.new_accounts} nye)."
    )
    table = Table(title="Demobrukere (bare for demo – alle har samme passord)")
    table.add_column("Brukernavn")
    table.add_column("Passord")
    table.add_column("Rolle")
    for username, password, what in login_lines(report.logins):
        table.add_row(username, password, what)
    out_console.print(table)
    out_console.print("Start serveren med [bold]actionloop serve[/] og logg inn på http://127.0.0.1:8000/ "
                      "(API-et og dokumentasjonen av det: /docs).")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
    app.command("demo")(demo_command)
