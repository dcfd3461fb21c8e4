"""Typer's and Click's own words in bokmål: usage errors ("Bruk:", "Ukjent valg: --x", "Mangler
argumentet 'paths'.") and the help page's chrome (panel titles, "[standard: …]", the help option).

``install()`` is called once when the CLI app is built. It works at four places, each skipped
silently (the text stays English) where a Typer release in the pinned range lacks it:

1. Typer's ``rich_utils`` constants (panel titles, "[default: …]", "[required]", the error panel's
   title and "Try '… --help' for help."), each replaced only while it still holds the English
   text the catalogue knows.
2. Click's gettext calls: Click (used by Typer before 0.26) and ``typer.core`` bind
   ``from gettext import gettext as _`` (and ``ngettext``) at module level; those names are
   pointed at :data:`NB` in the Click package that Typer uses and in Typer's own modules.
3. Typer 0.26 and later carry their own copy of Click (``typer._click``) whose messages are plain
   f-strings, and check values with Pydantic (English messages too). For these the finished
   English text is translated when it is shown: the error message in Typer's rich error panel, the
   usage line ("Usage: ", "[OPTIONS]", "COMMAND [ARGS]...") and the help option's help text.
   :func:`translate` reads a message back against the catalogue's English templates (``"No such
   option: {name}"``) and fills in the bokmål one, translating the pieces it found too (``"Invalid
   value for {param_hint}: {message}"`` holds another message).
4. The usage line's highlighting also knows "Bruk: ".

The catalogue is one plain dict, :data:`NB`, keyed by the English message ids (Click's gettext
ids and, for the vendored copy, the same text as its f-strings).
"""

from __future__ import annotations

import gettext as _gettext_module
import importlib
import re
import string
import sys
from collections.abc import Callable
from functools import cache, wraps
from types import ModuleType
from typing import Any

#: English message id -> bokmål. Placeholders are the same on both sides.
NB: dict[str, str] = {
    # --- the help page and the error panel (Typer's rich_utils constants) ---------------------
    "Arguments": "Argumenter",
    "Options": "Alternativer",
    "Commands": "Kommandoer",
    "Positional arguments": "Posisjonsargumenter",
    "Error": "Feil",
    "[default: {}]": "[standard: {}]",
    "[env var: {}]": "[miljøvariabel: {}]",
    "[required]": "[påkrevd]",
    "(deprecated) ": "(foreldet) ",
    "Aborted.": "Avbrutt.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Prøv [blue]'{command_path} {help_option}'[/] for hjelp.",
    # --- usage line, help option, plain (non-rich) output ---------------------------------------
    "Usage:": "Bruk:",
    "Show this message and exit.": "Vis denne hjelpen og avslutt.",
    "Show the version and exit.": "Vis versjonen og avslutt.",
    "Try '{command} {option}' for help.": "Prøv '{command} {option}' for hjelp.",
    "Error: {message}": "Feil: {message}",
    "Aborted!": "Avbrutt!",
    "default: {default}": "standard: {default}",
    "env var: {var}": "miljøvariabel: {var}",
    "required": "påkrevd",
    "(dynamic)": "(dynamisk)",
    "deprecated": "foreldet",
    "[OPTIONS]": "[VALG]",
    "COMMAND [ARGS]...": "KOMMANDO [ARGUMENTER]...",
    # --- unknown options and commands -----------------------------------------------------------
    "No such option: {name}": "Ukjent valg: {name}",
    "No such option {name!r}.": "Ukjent valg: {name}",
    "Did you mean {possibility}?": "Mente du {possibility}?",
    "(Possible options: {possibilities})": "(Mulige valg: {possibilities})",
    "(Did you mean one of: {possibilities}?)": "(Mente du ett av disse: {possibilities}?)",
    "{message} (Possible options: {possibilities})": "{message} (Mulige valg: {possibilities})",
    "No such command {name!r}.": "Ukjent kommando {name!r}.",
    "{message}. Did you mean {suggestions}?": "{message}. Mente du {suggestions}?",
    "Missing command.": "Mangler kommando.",
    # --- missing and extra arguments ------------------------------------------------------------
    "Missing argument": "Mangler argumentet",
    "Missing option": "Mangler valget",
    "Missing parameter": "Mangler parameteren",
    "Missing parameter: {param_name}": "Mangler parameteren: {param_name}",
    "Missing argument {param_hint}.": "Mangler argumentet {param_hint}.",
    "Missing option {param_hint}.": "Mangler valget {param_hint}.",
    "Missing parameter {param_hint}.": "Mangler parameteren {param_hint}.",
    "Missing argument {param_hint}. {message}": "Mangler argumentet {param_hint}. {message}",
    "Missing option {param_hint}. {message}": "Mangler valget {param_hint}. {message}",
    "Choose from:\n\t{choices}": "Velg blant:\n\t{choices}",
    "Got unexpected extra argument ({args})": "Uventet ekstra argument ({args})",
    "Got unexpected extra arguments ({args})": "Uventede ekstra argumenter ({args})",
    "Got unexpected extra argument(s) ({extra_args})": "Uventet ekstra argument(er) ({extra_args})",
    "Option {name!r} requires an argument.": "Valget {name!r} krever en verdi.",
    "Option {name!r} requires {nargs} arguments.": "Valget {name!r} krever {nargs} verdier.",
    "Option {name!r} does not take a value.": "Valget {name!r} tar ingen verdi.",
    "Argument {name!r} takes {nargs} values.": "Argumentet {name!r} tar {nargs} verdier.",
    "Takes {nargs} values but 1 was given.": "Tar {nargs} verdier, men fikk 1.",
    "Takes {nargs} values but {len} were given.": "Tar {nargs} verdier, men fikk {len}.",
    "{len_type} values are required, but {len_value} was given.": "{len_type} verdier kreves, men fikk {len_value}.",
    "{len_type} values are required, but {len_value} were given.": "{len_type} verdier kreves, men fikk {len_value}.",
    "Value must be an iterable.": "Verdien må være en liste av verdier.",
    # --- invalid values -------------------------------------------------------------------------
    "Invalid value for {param_hint}: {message}": "Ugyldig verdi for {param_hint}: {message}",
    "Invalid value: {message}": "Ugyldig verdi: {message}",
    "{value!r} is not {choice}.": "{value!r} er ikke {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} er ikke en av {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} er ikke et gyldig tall ({number_type}).",
    "{value} is not in the range {range}.": "{value} er utenfor området {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} er ikke en gyldig sannhetsverdi. Gyldige verdier: {states}",
    "{value!r} is not a valid UUID.": "{value!r} er ikke en gyldig UUID.",
    "{value!r} does not match the format {format}.": "{value!r} passer ikke til formatet {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} passer ikke til noen av formatene {formats}.",
    "Value {value!r} is not a valid {label}.": "Verdien {value!r} er ikke en gyldig {label}.",
    "Could not open file {filename!r}: {message}": "Kunne ikke åpne filen {filename!r}: {message}",
    "unknown error": "ukjent feil",
    "file": "filen",
    "directory": "mappen",
    "path": "stien",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finnes ikke.",
    "{name} {filename!r} is a file.": "{name} {filename!r} er en fil.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} er en mappe.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} kan ikke leses.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} kan ikke skrives til.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan ikke kjøres.",
    # Typer 0.26 and later: the path labels of the f-strings above, and Pydantic's messages
    "File": "Filen",
    "Directory": "Mappen",
    "Path": "Stien",
    "Value error, {message}": "{message}",
    "Input should be a valid integer": "Verdien må være et heltall",
    "Input should be a valid integer, unable to parse string as an integer": "Verdien må være et heltall",
    "Input should be a valid integer, got a number with a fractional part": "Verdien må være et heltall, ikke et desimaltall",
    "Input should be a valid number": "Verdien må være et tall",
    "Input should be a valid number, unable to parse string as a number": "Verdien må være et tall",
    "Input should be a finite number": "Verdien må være et endelig tall",
    "Input should be a valid boolean, unable to interpret input": "Verdien må være en sannhetsverdi (true eller false)",
    "Input should be greater than or equal to {ge}": "Verdien må være minst {ge}",
    "Input should be less than or equal to {le}": "Verdien må være høyst {le}",
    "Input should be greater than {gt}": "Verdien må være større enn {gt}",
    "Input should be less than {lt}": "Verdien må være mindre enn {lt}",
    # --- prompts --------------------------------------------------------------------------------
    "Repeat for confirmation": "Gjenta for å bekrefte",
    "Error: The two entered values do not match.": "Feil: De to verdiene er ikke like.",
    "Error: invalid input": "Feil: ugyldig svar",
    "Do you want to continue?": "Vil du fortsette?",
}

#: Typer's rich_utils constants this module sets (each only while it holds the English text).
RICH_CONSTANTS = (
    "ARGUMENTS_PANEL_TITLE",
    "OPTIONS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "DEFAULT_STRING",
    "ENVVAR_STRING",
    "REQUIRED_LONG_STRING",
    "DEPRECATED_STRING",
    "ABORTED_TEXT",
    "RICH_HELP",
)

#: Click's default metavars in the usage line, and where in it each stands.
USAGE_METAVARS = (("[OPTIONS]", "first"), ("COMMAND [ARGS]...", "last"))

#: Fields whose text is itself a message (or a path's label) and is translated in turn; the other
#: fields hold what the user typed or named, and pass through unchanged.
NESTED_FIELDS = frozenset({"message", "name"})

_installed = False


def nb_gettext(message: str) -> str:
    """``gettext`` for Click's and Typer's messages: the bokmål text, or the message unchanged."""
    return NB.get(message, message)


def nb_ngettext(singular: str, plural: str, n: int) -> str:
    """``ngettext`` with bokmål's plural rule (the same as English's: one, or not one)."""
    return nb_gettext(singular if n == 1 else plural)


# --- reading a finished English message back against the catalogue -----------------------------


#: What a ``{field!r}`` holds: one quoted string, or one token (a number, None).
_REPR = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s'"]+"""


def _fields(template: str) -> list[tuple[str, str | None]]:
    """The template's literal texts and field names, in order (field None after the last literal)."""
    return [(literal, field) for literal, field, _spec, _conversion in string.Formatter().parse(template)]


def _field_pattern(template: str) -> str | None:
    """A full-match pattern for the template's finished text, or None for a template without named
    fields. A ``{field!r}`` matches only a repr (so ``"{value!r} is not one of {choices}."`` does not
    take ``"Value error, 'a' is not one of …"``); other fields match any text, as little as fits."""
    pattern = ""
    seen: set[str] = set()
    for literal, field, _spec, conversion in string.Formatter().parse(template):
        pattern += re.escape(literal)
        if field is None:
            continue
        if not field.isidentifier():
            return None  # a positional "{}" (rich_utils constants only)
        if field in seen:
            pattern += f"(?P={field})"
        else:
            pattern += f"(?P<{field}>{_REPR if conversion == 'r' else '.+?'})"
            seen.add(field)
    return rf"\A{pattern}\Z" if seen else None


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each English template with named fields as a full-match pattern, most literal text first (so
    ``"{message} (Possible options: {possibilities})"`` is tried before ``"No such option: {name}"``)."""
    out: list[tuple[int, re.Pattern[str], str]] = []
    for english, norwegian in NB.items():
        pattern = _field_pattern(english)
        if pattern is not None:
            literal_length = sum(len(literal) for literal, _field in _fields(english))
            out.append((literal_length, re.compile(pattern, re.DOTALL), norwegian))
    out.sort(key=lambda item: -item[0])
    return tuple((pattern, norwegian) for _length, pattern, norwegian in out)


def translate(message: str) -> str:
    """The bokmål text of one finished English Click/Typer/Pydantic message, or the message unchanged.

    The message is matched whole against the catalogue (a plain id, or a template with its fields
    filled in); the text in a nested-message field is translated the same way, so ``"Invalid value for
    '--limit': Input should be …"`` comes out in bokmål as a whole. Values (option names, file names,
    what the user typed) pass through as they are.
    """
    if message in NB:
        return NB[message]
    for pattern, norwegian in _patterns():
        match = pattern.match(message)
        if match is None:
            continue
        values = {
            name: translate(value) if name in NESTED_FIELDS else value for name, value in match.groupdict().items()
        }
        return "".join(literal + (values[field] if field is not None else "") for literal, field in _fields(norwegian))
    return message


# --- installing -----------------------------------------------------------------------------------


def install() -> None:
    """Make Typer's and Click's own texts bokmål in this process; only the first call does anything."""
    global _installed
    if _installed:
        return
    _installed = True
    try:
        rich_utils: ModuleType | None = importlib.import_module("typer.rich_utils")
    except ImportError:  # Typer without Rich support
        rich_utils = None
    click_package = _click_package()
    if rich_utils is not None:
        _set_rich_constants(rich_utils)
        _highlight_usage_prefix(rich_utils)
        _wrap_error_panel(rich_utils)
    _point_gettext_at_catalogue(("typer", *((click_package.__name__,) if click_package else ())))
    if click_package is not None:
        _wrap_usage_prefix(click_package)
        _wrap_help_option(click_package)


def _click_package() -> ModuleType | None:
    """The Click that Typer uses: its own copy (``typer._click``, Typer 0.26+) or Click itself."""
    try:
        core = importlib.import_module("typer.core")
    except ImportError:
        return None
    for name in ("_click", "click"):
        module = getattr(core, name, None)
        if isinstance(module, ModuleType):
            return module
    return None


def _set_rich_constants(rich_utils: ModuleType) -> None:
    for name in RICH_CONSTANTS:
        value = getattr(rich_utils, name, None)
        if isinstance(value, str) and value in NB:
            setattr(rich_utils, name, NB[value])


def _highlight_usage_prefix(rich_utils: ModuleType) -> None:
    """Typer colours "Usage: " by a regular expression; let it colour "Bruk: " the same way."""
    highlighter = getattr(rich_utils, "OptionHighlighter", None)
    highlights = getattr(highlighter, "highlights", None)
    pattern = rf"(?P<usage>{re.escape(NB['Usage:'])} )"
    if isinstance(highlights, list) and pattern not in highlights:
        highlights.append(pattern)


def _point_gettext_at_catalogue(packages: tuple[str, ...]) -> None:
    """Rebind the module-level ``_``/``gettext``/``ngettext`` that the packages took from gettext."""
    replacements: dict[str, tuple[Callable[..., str], Callable[..., str]]] = {
        "_": (_gettext_module.gettext, nb_gettext),
        "gettext": (_gettext_module.gettext, nb_gettext),
        "ngettext": (_gettext_module.ngettext, nb_ngettext),
    }
    for module_name, module in list(sys.modules.items()):
        if module is None or not any(module_name == p or module_name.startswith(p + ".") for p in packages):
            continue
        for attribute, (original, replacement) in replacements.items():
            if getattr(module, attribute, None) is original:
                setattr(module, attribute, replacement)


def usage_pieces(args: str) -> str:
    """The usage line's arguments with Click's default metavars in bokmål: the options come first
    (``[OPTIONS]``), a group's subcommand last (``COMMAND [ARGS]...``)."""
    for english, where in USAGE_METAVARS:
        norwegian = NB[english]
        if where == "first" and (args == english or args.startswith(english + " ")):
            args = norwegian + args[len(english):]
        elif where == "last" and (args == english or args.endswith(" " + english)):
            args = args[: len(args) - len(english)] + norwegian
    return args


def _wrap_usage_prefix(click_package: ModuleType) -> None:
    """The usage line begins "Bruk: " (Typer's Click copy writes a fixed "Usage: "), with the
    default metavars in bokmål."""
    formatter_class = getattr(getattr(click_package, "formatting", None), "HelpFormatter", None)
    original = getattr(formatter_class, "write_usage", None)
    if formatter_class is None or not callable(original):
        return

    @wraps(original)
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> Any:
        return original(self, prog, usage_pieces(args), f"{NB['Usage:']} " if prefix is None else prefix)

    formatter_class.write_usage = write_usage


def _wrap_help_option(click_package: ModuleType) -> None:
    """The --help option's own help text in bokmål."""
    command_class = getattr(getattr(click_package, "core", None), "Command", None)
    original = getattr(command_class, "get_help_option", None)
    if command_class is None or not callable(original):
        return

    @wraps(original)
    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        help_text = getattr(option, "help", None)
        if isinstance(help_text, str) and help_text in NB:
            option.help = NB[help_text]
        return option

    command_class.get_help_option = get_help_option


def _wrap_error_panel(rich_utils: ModuleType) -> None:
    """Typer's rich error panel shows the exception's message in bokmål."""
    original = getattr(rich_utils, "rich_format_error", None)
    if not callable(original):
        return

    @wraps(original)
    def rich_format_error(error: Any) -> Any:
        format_message = getattr(error, "format_message", None)
        if callable(format_message):
            try:
                text = format_message()
            except Exception:  # leave anything unexpected to Typer
                text = None
            if isinstance(text, str) and (translated := translate(text)) != text:
                error.format_message = lambda: translated
        return original(error)

    setattr(rich_utils, "rich_format_error", rich_format_error)  # noqa: B010 (a module typed as ModuleType)
