"""``actionloop workflows``: the workflows (the law as data) — list, show, check."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from actionloop.commands.common import fail, out_console
from actionloop.core.errors import WorkflowDefinitionError
from actionloop.core.model import LANGUAGES
from actionloop.workflow.diagram import mermaid, track_name
from actionloop.workflow.guards import GUARDS, term_text
from actionloop.workflow.registry import WorkflowRegistry, load_registry
from actionloop.workflow.spec import WorkflowSpec

cli = typer.Typer(
    help=(
        "Arbeidsflytene: loven som data (tilstander, steg, vilkår og lovhenvisninger). "
        "Uten underkommando vises en tabell over arbeidsflytene."
    ),
    no_args_is_help=False,
    rich_markup_mode="rich",
)

DirOption = Annotated[
    Path | None,
    typer.Option("--dir", help="Mappe med arbeidsflyter (standard: arbeidsflytene som følger med)."),
]
LangOption = Annotated[str, typer.Option("--lang", help="Språk: nb (bokmål), nn (nynorsk) eller en (engelsk).")]

SETTING_NAMES = {"school": "skole", "sfo": "SFO", "kindergarten": "barnehage"}


def _registry(folder: Path | None) -> WorkflowRegistry:
    try:
        return load_registry(folder)
    except WorkflowDefinitionError as error:
        fail(error)


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        fail(f"ukjent språk «{lang}»; bruk nb, nn eller en")
    return lang


@cli.callback(invoke_without_command=True)
def list_workflows(ctx: typer.Context, folder: DirOption = None) -> None:
    """Vis arbeidsflytene: id, versjon, virkeområde, gyldighet og tittel."""
    if ctx.invoked_subcommand is not None:
        return
    registry = _registry(folder)
    table = Table(title="Arbeidsflyter", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("id", "versjon", "gjelder for", "gyldig fra – til"):
        table.add_column(column, no_wrap=True)
    table.add_column("tittel", min_width=20)
    for spec in registry.all():
        until = spec.valid_to.isoformat() if spec.valid_to else "…"
        table.add_row(
            spec.id, spec.version, ", ".join(SETTING_NAMES.get(s, s) for s in spec.settings),
            f"{spec.valid_from.isoformat()} – {until}", escape(spec.title("nb")),
        )
    out_console.print(table)


@cli.command("show")
def show(
    workflow_id: Annotated[str, typer.Argument(help="Id-en til arbeidsflyten, f.eks. skole-oppl2023.")],
    lang: LangOption = "nb",
    folder: DirOption = None,
) -> None:
    """Vis én arbeidsflyt: plikter, tilstander, steg med vilkår og lovhenvisninger, og et
    Mermaid-diagram (stateDiagram-v2)."""
    lang = _check_lang(lang)
    registry = _registry(folder)
    if workflow_id not in registry:
        known = ", ".join(s.id for s in registry.all())
        fail(f"ukjent arbeidsflyt «{workflow_id}»; kjente er: {known}")
    _print_workflow(registry.get(workflow_id), lang)


def _print_workflow(spec: WorkflowSpec, lang: str) -> None:
    out = out_console
    out.print(f"[bold]{escape(spec.title(lang))}[/] ({escape(spec.id)}, versjon {escape(spec.version)})")
    out.print(f"Lov: {escape(spec.law(lang))} – {escape(spec.legal_basis.cite())}", markup=True)
    until = spec.valid_to.isoformat() if spec.valid_to else "inntil videre"
    out.print(f"Gjelder for: {', '.join(SETTING_NAMES.get(s, s) for s in spec.settings)}; "
              f"fra {spec.valid_from.isoformat()} til {until}")
    if spec.sf_waiting is not None:
        out.print(f"Ventetid før melding til Statsforvalteren: {term_text(spec.sf_waiting, lang)}")
    else:
        out.print("Ingen håndhevingsordning ved Statsforvalteren.")
    out.print(f"Planens «hvem»-felt: {spec.plan_who_field}")
    out.print(f"Fil: {escape(spec.source)}")

    duties = Table(title="Plikter")
    for column in ("plikt", "navn", "lovhenvisning", "gjelder"):
        duties.add_column(column)
    for duty in spec.duties.values():
        ref = duty.legal_ref.cite() if duty.legal_ref else "–"
        variants = "; ".join(f"{k}: {v.cite()}" for k, v in duty.variant_refs.items())
        duties.add_row(
            duty.id, escape(duty.label(lang)), escape(ref + (f" ({variants})" if variants else "")),
            "ja" if duty.applies else f"nei – {escape(duty.note or '')}",
        )
    out.print(duties)

    for track in spec.tracks:
        states = Table(title=f"Tilstander – {escape(track_name(track, lang))} ({track.id})")
        for column in ("id", "navn", ""):
            states.add_column(column)
        for state in track.states:
            marks = ", ".join(m for m, on in (("start", state.id == track.initial), ("slutt", state.final)) if on)
            states.add_row(state.id, escape(state.label(lang)), marks)
        out.print(states)
        steps = Table(title=f"Steg – {escape(track_name(track, lang))} ({track.id})")
        for column in ("steg", "fra", "til", "vilkår", "lovhenvisning"):
            steps.add_column(column)
        for t in track.transitions:
            label = t.label(lang) if t.label else spec.step_label(t.trigger, lang)
            steps.add_row(
                f"{t.trigger}\n{escape(label)}",
                ", ".join(t.sources),
                t.dest or "(samme)",
                escape("\n".join(f"{g}: {GUARDS[g].label(lang)}" for g in t.guards)),
                escape(t.legal_ref.cite()) if t.legal_ref else "",
            )
        out.print(steps)
    if spec.not_in_law:
        out.print("[bold]Steg loven ikke har:[/]")
        for trigger, reason in spec.not_in_law.items():
            out.print(f"  {trigger}: {escape(reason(lang))}")
    out.print("\n[bold]Diagram (Mermaid):[/]")
    out.print("```mermaid", markup=False)
    out.print(mermaid(spec, lang).rstrip("\n"), markup=False, highlight=False)
    out.print("```", markup=False)


@cli.command("check")
def check(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Mappe (eller én fil) med arbeidsflyter; standard: arbeidsflytene som følger med."),
    ] = None,
) -> None:
    """Last inn og kontroller arbeidsflytene. Feil gir exit-kode 2 med fil og YAML-sti."""
    registry = _registry(folder)
    where = escape(str(folder)) if folder else "standardmappen"
    out_console.print(f"OK: {len(registry)} arbeidsflyt(er) i {where} er gyldige.")
    for spec in registry.all():
        out_console.print(f"  {spec.id} ({escape(spec.source)})", markup=True)


def register(app: typer.Typer) -> None:
    app.add_typer(cli, name="workflows")
