"""Typer's and Click's own texts in bokmål (``actionloop.commands.clitext``): usage errors (an
unknown option or command, a missing argument, an invalid value, an extra argument) and the help
page's chrome, with exit code 2 for a usage error as before."""

from __future__ import annotations

import re
import string
import subprocess
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.testing import CliRunner

from actionloop.cli import app
from actionloop.commands import clitext

runner = CliRunner()

#: English that must not be left on a page or in an error (Typer's and Click's own words).
ENGLISH = ("Usage", "Try '", "for help", "Error", "No such", "Missing", "Invalid value", "Got unexpected",
           "Did you mean", "Input should", "is not one of", "[OPTIONS]", "COMMAND", "Options", "Arguments",
           "Commands", "Show this message", "[default:", "[required]")


def plain(text: str) -> str:
    """The text without colours and panel borders, on one line (Rich wraps at the console's width)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    text = re.sub(r"[│╭╮╰╯─]", " ", text)
    return " ".join(text.split())


def usage_error(*args: str, cli: typer.Typer = app) -> tuple[str, str]:
    """Run the CLI with a usage error: exit code 2 and nothing on stdout; the raw and plain stderr."""
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 2, (args, result.output)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    for english in ENGLISH:
        assert english not in result.stderr, (english, result.stderr)
    assert re.search(r"╭─ Feil ─", result.stderr), result.stderr
    return result.stderr, plain(result.stderr)


def test_an_unknown_option_is_named_in_bokmal_with_the_usage_line_and_a_hint() -> None:
    _, err = usage_error("audit", "--nosuch")
    assert "Bruk: actionloop audit [VALG]" in err
    assert "Prøv 'actionloop audit --help' for hjelp." in err
    assert "Ukjent valg: --nosuch" in err


def test_an_unknown_option_close_to_a_real_one_is_suggested() -> None:
    _, err = usage_error("audit", "--formt", "x.json")
    assert "Ukjent valg: --formt" in err and "--format" in err


def test_an_unknown_command_is_named_and_the_nearest_suggested() -> None:
    _, err = usage_error("audi")
    assert "Bruk: actionloop [VALG] KOMMANDO [ARGUMENTER]..." in err
    assert "Ukjent kommando 'audi'. Mente du 'audit'?" in err


def test_a_missing_argument_or_option_is_named() -> None:
    _, err = usage_error("audit")
    assert "Mangler argumentet 'paths'." in err
    _, err = usage_error("user", "add", "kari")
    assert "Mangler valget '--role'" in err


def test_an_invalid_value_says_which_option_and_why() -> None:
    _, err = usage_error("reminders", "list", "--limit", "mange")
    assert "Bruk: actionloop reminders list [VALG]" in err
    assert "Ugyldig verdi for '--limit':" in err and "heltall" in err
    _, err = usage_error("serve", "--port", "0")
    assert "Ugyldig verdi for '--port':" in err and "1" in err


def test_an_option_without_its_value_is_named() -> None:
    _, err = usage_error("audit", "x.json", "--format")
    assert "Valget '--format' krever en verdi." in err


class Format(StrEnum):
    table = "table"
    json = "json"


def test_a_value_outside_a_fixed_choice_lists_the_choices() -> None:
    # The CLI's own --format options are checked by the commands (a Norwegian message of their own);
    # a Typer choice (an Enum) gets Typer's message, in bokmål once actionloop.cli is imported.
    result = runner.invoke(app, ["audit", "x.json", "--format", "nope"])
    assert result.exit_code == 2 and "bruk table eller json" in plain(result.stderr)

    choice_app = typer.Typer(name="valg", add_completion=False)

    @choice_app.command()
    def show(output_format: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
        print(output_format.value)

    _, err = usage_error("--format", "nope", cli=choice_app)
    assert "Ugyldig verdi for '--format': 'nope' er ikke en av 'table', 'json'." in err


def test_an_unexpected_extra_argument_is_named() -> None:
    _, err = usage_error("reminders", "list", "ekstra")
    assert "Uventet ekstra argument" in err and "(ekstra)" in err


def test_the_help_page_is_in_bokmal() -> None:
    result = runner.invoke(app, ["audit", "--help"])
    assert result.exit_code == 0
    page = result.stdout
    for title in ("Argumenter", "Alternativer"):
        assert re.search(rf"╭─ {title} ─", page), page
    text = plain(page)
    assert "Bruk: actionloop audit [VALG]" in text
    assert "Vis denne hjelpen og avslutt." in text
    assert "[standard: table]" in text and "[påkrevd]" in text
    for english in ENGLISH:
        assert english not in page, (english, page)

    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert re.search(r"╭─ Kommandoer ─", result.stdout)
    assert "Bruk: actionloop [VALG] KOMMANDO [ARGUMENTER]..." in plain(result.stdout)
    for english in ENGLISH:
        assert english not in result.stdout, (english, result.stdout)


def test_the_installed_command_speaks_bokmal_and_exits_with_2() -> None:
    result = subprocess.run([sys.executable, "-m", "actionloop", "audit", "--nosuch"], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    err = plain(result.stderr)
    assert "Bruk: python -m actionloop audit [VALG]" in err  # Click names the program as it was run
    assert "Ukjent valg: --nosuch" in err and "Prøv 'python -m actionloop audit --help' for hjelp." in err


# --- the catalogue and the translation of finished messages --------------------------------------


def _field_names(template: str) -> set[str]:
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(template) if field is not None}


def test_each_bokmal_text_has_the_fields_of_its_english_one() -> None:
    for english, norwegian in clitext.NB.items():
        assert _field_names(norwegian) == _field_names(english), english


def test_nested_messages_are_translated_and_what_the_user_typed_is_left_alone() -> None:
    translate = clitext.translate
    assert translate("Invalid value for '--x': Value error, 'a' is not one of 'b', 'c'.") == (
        "Ugyldig verdi for '--x': 'a' er ikke en av 'b', 'c'.")
    assert translate("No such option: --fm (Possible options: --fmt, --m)") == "Ukjent valg: --fm (Mulige valg: --fmt, --m)"
    assert translate("Got unexpected extra argument(s) (file Options)") == "Uventet ekstra argument(er) (file Options)"
    assert translate("Missing option '--role' / '-r'. Choose from:\n\ta,\n\tb") == (
        "Mangler valget '--role' / '-r'. Velg blant:\n\ta,\n\tb")
    assert translate("Something Typer says that the catalogue does not know.") == (
        "Something Typer says that the catalogue does not know.")


def test_install_is_idempotent() -> None:
    rich_utils: Any = __import__("typer.rich_utils", fromlist=["rich_format_error"])
    before = (rich_utils.rich_format_error, rich_utils.OPTIONS_PANEL_TITLE)
    clitext.install()
    assert (rich_utils.rich_format_error, rich_utils.OPTIONS_PANEL_TITLE) == before
