"""What every command shares: printing errors the same way, and the exit codes.

Exit codes: 0 done; 1 the input was read but a check failed (e.g. ``verify`` found an altered log);
2 bad input (the message says what and where; nothing was written).
"""

from __future__ import annotations

import json as _json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from actionloop.core import casefile
from actionloop.core.errors import ActionloopError, CaseFileError
from actionloop.core.model import FORMAT, CaseFile

EXIT_BAD_INPUT = 2

err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)


def fail(error: ActionloopError | str) -> NoReturn:
    """Print a bad-input error on stderr in Norwegian, and exit with code 2."""
    if isinstance(error, CaseFileError):
        err_console.print(f"[bold red]Feil i {escape(error.source)}[/]")
        for problem in error.problems:
            err_console.print(f"  {problem.path}: {problem.message}", markup=False)
    else:
        err_console.print(f"[bold red]Feil:[/] {escape(str(error))}")
    raise typer.Exit(EXIT_BAD_INPUT)


# --- reading many case files -----------------------------------------------------------------


CASE_SUFFIXES = (".json", ".yaml", ".yml", ".jsonl")


@dataclass(frozen=True, slots=True)
class Source:
    """One input file, its size (for progress) and whether it came from a folder listing."""

    path: Path
    size: int
    listed: bool


def case_sources(paths: list[Path]) -> list[Source]:
    """The case files named by ``paths``, in the order given; a folder gives its case files in name
    order (other files are noted on stderr and skipped). A missing path is bad input."""
    out: list[Source] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_file() and child.suffix.lower() in CASE_SUFFIXES:
                    out.append(Source(child, child.stat().st_size, True))
                elif child.is_file():
                    note(f"Hopper over {child}: ikke en saksfil (.json, .yaml, .yml eller .jsonl).")
        elif path.is_file():
            out.append(Source(path, path.stat().st_size, False))
        else:
            fail(f"{path}: filen eller mappen finnes ikke.")
    return out


def _is_other_json(path: Path) -> bool:
    """Whether a .json file in a folder is some other JSON document (not a case file)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        data = _json.loads(path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(data, dict) and data.get("format") != FORMAT and "case" not in data


def iter_cases(sources: list[Source], lang: str = "nb", on_bytes: Callable[[int], object] | None = None) -> Iterator[CaseFile]:
    """The cases of ``sources`` in order, read one at a time (JSON Lines are streamed).

    ``on_bytes(n)``, if given, is called with the bytes consumed, for a progress bar.
    Raises :class:`CaseFileError` for the first bad file.
    """
    for source in sources:
        if source.listed and _is_other_json(source.path):
            note(f"Hopper over {source.path}: ikke en saksfil ({FORMAT}).")
            if on_bytes is not None:
                on_bytes(source.size)
            continue
        if casefile.kind_of(source.path) == "jsonl":
            source_name = str(source.path)
            with source.path.open(encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if on_bytes is not None:
                        on_bytes(len(line.encode("utf-8")))
                    if line.strip():
                        yield casefile.parse_text(line, "json", f"{source_name}, linje {number}", lang)
        else:
            yield casefile.load(source.path, lang)
            if on_bytes is not None:
                on_bytes(source.size)


def note(message: str) -> None:
    err_console.print(f"[dim]{escape(message)}[/]")


def parse_day(value: str | None, option: str = "--today") -> date | None:
    """A date option (``YYYY-MM-DD``), or bad input naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r}: forventet en dato på formen ÅÅÅÅ-MM-DD.")
