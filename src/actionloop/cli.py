"""The ``actionloop`` command. Each group of commands lives in ``actionloop.commands.<name>`` and
adds itself to the app through ``register(app)``."""

from __future__ import annotations

import importlib

import typer

from actionloop.commands import clitext

#: The command modules, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = ("audit", "deadlines", "rules", "workflows", "case", "db", "org", "user", "document", "serve", "reminders")

# Typer's and Click's own texts (usage errors, help page chrome) in bokmål.
clitext.install()

app = typer.Typer(
    name="actionloop",
    help=(
        "actionloop – aktivitetsplikten i skole, SFO og barnehage som kjørbar lov.\n\n"
        "Leser saksfiler (actionloop-case/1), fører tilsyn med hver plikt etter loven som gjaldt, "
        "regner frister på norsk kalender og lager dokumenter."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"actionloop.commands.{_name}").register(app)


def main() -> None:
    app()
