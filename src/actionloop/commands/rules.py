"""``actionloop rules``: the traceability table rule → paragraph → feature file → scenarios."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from actionloop.commands.common import fail, out_console
from actionloop.rules import RulesError, Traceability, build, features_dir, render_markdown


def rules_command(
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table (for mennesker) eller markdown (docs/rules.md).")
    ] = "table",
    features: Annotated[
        Path | None,
        typer.Option("--features", help="Mappen med .feature-filer. Standard: features/ her eller ved siden av pakken."),
    ] = None,
) -> None:
    """Viser sporbarheten: hver regel i loven → hjemmelen → egenskapen (filen) → scenarioene som beviser den.

    Leses fra de norske Gherkin-filene i features/, som testene kjører mot lovmotoren.
    Lag docs/rules.md med: actionloop rules --format markdown > docs/rules.md
    """
    if output_format not in ("table", "markdown"):
        fail(f"--format {output_format!r}: bruk table eller markdown.")
    try:
        root = features if features is not None else features_dir()
        if not root.is_dir():
            fail(f"{root}: mappen finnes ikke.")
        table = build(root)
    except (RulesError, FileNotFoundError) as exc:
        fail(str(exc))
    if output_format == "markdown":
        sys.stdout.write(render_markdown(table))
        return
    _print_table(table)


def _print_table(table: Traceability) -> None:
    grid = Table(
        title=f"Regel → hjemmel → scenario ({table.features} egenskaper, {table.scenarios} scenarioer)",
        title_justify="left", show_lines=True, expand=True,
    )
    grid.add_column("Regel", no_wrap=True)
    grid.add_column("Hjemmel", ratio=2)
    grid.add_column("Egenskap (fil)", ratio=2, overflow="fold")
    grid.add_column("Scenarioer", ratio=4)
    for row in table.rows:
        grid.add_row(row.rule_id, row.paragraph, row.feature, "\n".join(f"• {s}" for s in row.scenarios))
    out_console.print(grid)
    if table.uncovered:
        rest = Table(title="Regler uten scenario", title_justify="left", expand=True)
        rest.add_column("Regel", no_wrap=True)
        rest.add_column("Hva regelen sier", ratio=1)
        rest.add_column("Hvorfor", ratio=2)
        for rule_id, title, reason in table.uncovered:
            rest.add_row(rule_id, title, reason)
        out_console.print(rest)


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)
