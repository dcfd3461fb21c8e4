"""``actionloop case``: where a case stands, and adding a step to a case file."""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from actionloop.commands.common import fail, out_console
from actionloop.core import casefile
from actionloop.core.clock import OSLO, SystemClock
from actionloop.core.errors import ActionloopError, WorkflowDefinitionError
from actionloop.core.model import LANGUAGES, CaseFile
from actionloop.workflow.diagram import track_name
from actionloop.workflow.registry import WorkflowRegistry, load_registry
from actionloop.workflow.replay import replay
from actionloop.workflow.steps import append_step, next_steps

cli = typer.Typer(
    help="Saker: hvor en sak står, hva som kan gjøres nå, og å legge til et steg i en saksfil.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)

FileArgument = Annotated[Path, typer.Argument(help="Saksfilen (.json, .yaml eller .yml).")]
TodayOption = Annotated[
    str | None, typer.Option("--today", help="Dagens dato (ÅÅÅÅ-MM-DD); standard er dagens dato i Oslo."),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Språk: nb, nn eller en (standard: sakens språk, ellers bokmål)."),
]
WorkflowsOption = Annotated[
    Path | None,
    typer.Option("--workflows", help="Mappe med arbeidsflyter (standard: arbeidsflytene som følger med)."),
]


def _today(text: str | None) -> date:
    if text is None:
        return SystemClock().now().astimezone(OSLO).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"--today: «{text}» er ikke en dato (ÅÅÅÅ-MM-DD)")


def _lang(text: str | None, case: CaseFile | None = None) -> str:
    if text is not None and text not in LANGUAGES:
        fail(f"ukjent språk «{text}»; bruk nb, nn eller en")
    return text or (case.case.lang if case else "nb")


def _registry(folder: Path | None) -> WorkflowRegistry:
    try:
        return load_registry(folder)
    except WorkflowDefinitionError as error:
        fail(error)


def _load(path: Path, lang: str) -> CaseFile:
    if not path.is_file():
        fail(f"finner ikke filen {path}")
    try:
        return casefile.load(path, lang)
    except ActionloopError as error:
        fail(error)


@cli.command("show")
def show(
    file: FileArgument,
    today: TodayOption = None,
    lang: LangOption = None,
    workflows: WorkflowsOption = None,
) -> None:
    """Vis hvor saken står i hvert spor, hvilke steg som kan tas nå, og hvorfor de andre ikke er
    åpne ennå."""
    case = _load(file, _lang(lang))
    language = _lang(lang, case)
    day = _today(today)
    registry = _registry(workflows)
    state = replay(case, registry, language)
    spec = registry.for_event(case.case.setting, day)
    out = out_console
    out.print(f"[bold]Sak {escape(case.case.id)}[/] – {escape(case.case.unit.name)} ({case.case.setting}), "
              f"{len(case.events)} hendelser")
    if spec is None:
        out.print(f"Ingen arbeidsflyt gjelder for {case.case.setting} på {day.isoformat()}.")
        return
    out.print(f"Arbeidsflyt {day.isoformat()}: {escape(spec.title(language))} ({spec.id})")
    for track in spec.tracks:
        current = state.tracks.get(track.id, track.initial)
        out.print(f"  {escape(track_name(track, language))}: [bold]{escape(track.state(current).label(language))}[/] "
                  f"({current})")
    if state.irregular:
        out.print("\n[bold yellow]Uregelmessigheter i saksgangen:[/]")
        for index, message in state.irregular:
            out.print(f"  hendelse {index}: {escape(message)}")
    options = next_steps(case, registry, day, language, state=state)
    out.print("\n[bold green]Kan gjøres nå:[/]")
    for option in options:
        if option.allowed:
            extra = f" – {'; '.join(option.legal_refs)}" if option.legal_refs else ""
            cond = f" (krever at {'; '.join(option.conditions)})" if option.conditions else ""
            out.print(f"  • {escape(option.label)} [dim]{option.trigger}[/]{escape(extra + cond)}")
    out.print("\n[bold]Ikke åpent ennå:[/]")
    for option in options:
        if not option.allowed:
            out.print(f"  • {escape(option.label)} [dim]{option.trigger}[/]: {escape(option.reason or '')}")


def _read_event(text: str) -> dict[str, Any]:
    raw = sys.stdin.read() if text == "-" else text
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        fail(f"hendelsen er ikke gyldig JSON ({exc.msg}, linje {exc.lineno}, kolonne {exc.colno})")
    if not isinstance(value, dict):
        fail("hendelsen må være et JSON-objekt, f.eks. {\"type\": \"note\", \"by\": \"p1\"}")
    return value


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and ``os.replace``:
    readers see the old file or the new one, never half of one. Keeps the file's permissions."""
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@cli.command("add")
def add(
    file: FileArgument,
    event: Annotated[
        str, typer.Argument(help="Hendelsen som et JSON-objekt, eller - for å lese den fra standard inn."),
    ],
    today: TodayOption = None,
    lang: LangOption = None,
    workflows: WorkflowsOption = None,
) -> None:
    """Legg til en hendelse i saksfilen hvis arbeidsflyten tillater den nå, og skriv filen tilbake
    (samme format). Mangler «at», brukes dagens dato. Et steg som ikke er tillatt, gir en
    forklaring og exit-kode 2, og filen blir ikke endret."""
    kind = casefile.kind_of(file)
    if kind not in ("json", "yaml"):
        fail(f"{file}: bare .json-, .yaml- og .yml-filer kan endres")
    case = _load(file, _lang(lang))
    language = _lang(lang, case)
    day = _today(today)
    data = _read_event(event)
    if "at" not in data:
        data = {"at": day.isoformat(), **data}
    registry = _registry(workflows)
    try:
        new = append_step(case, data, registry, language)
    except ActionloopError as error:
        fail(error)
    added = new.events[-1]
    if added.day > day:
        fail(f"hendelsen er datert {added.day.isoformat()}, etter dagens dato {day.isoformat()}; "
             "en hendelse kan ikke registreres før den har skjedd")
    write_atomic(file, casefile.dumps(new, kind))
    state = replay(new, registry, language)
    spec = registry.get(state.workflow_id) if state.workflow_id else None
    label = spec.step_label(added.type, language) if spec else added.type
    out_console.print(f"La til «{escape(label)}» som hendelse {added.index} i {escape(str(file))}.")
    if spec is not None:
        track_id = registry.compiled(spec.id).track_of.get(added.type)
        if track_id is not None:
            track = spec.track(track_id)
            current = state.tracks.get(track_id, track.initial)
            out_console.print(f"Saken står nå i «{escape(track.state(current).label(language))}».")


def register(app: typer.Typer) -> None:
    app.add_typer(cli, name="case")
