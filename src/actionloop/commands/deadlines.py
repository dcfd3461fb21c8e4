"""``actionloop deadlines``: what each case owes next, by when, on the Norwegian calendar."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from actionloop.commands.common import case_sources, fail, iter_cases, out_console, parse_day
from actionloop.core.calendar import Calendar, calendar_for
from actionloop.core.clock import SystemClock, today
from actionloop.core.deadlines import (
    OVERDUE,
    CaseDeadlines,
    WorkflowRegistry,
    case_deadlines,
    load_closure_days,
)
from actionloop.core.errors import ActionloopError
from actionloop.core.model import LANGUAGES
from actionloop.core.policy import Policy, load_policy

FORMATS = ("table", "json")
FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)

HEADERS = {
    "nb": ("Plikt", "Hva", "Frist", "Lovens krav", "Lokal frist", "Status", "Hjemmel"),
    "nn": ("Plikt", "Kva", "Frist", "Krav i lova", "Lokal frist", "Status", "Heimel"),
    "en": ("Duty", "What", "Due", "Legal term", "Local default", "Status", "Legal basis"),
}
STATUS_LABELS = {
    "nb": {"ok": "i rute", "due_soon": "snart", "overdue": "forfalt", "late": "forfalt – klart for sent"},
    "nn": {"ok": "i rute", "due_soon": "snart", "overdue": "forfalle", "late": "forfalle – klart for seint"},
    "en": {"ok": "on track", "due_soon": "due soon", "overdue": "overdue", "late": "overdue – clearly late"},
}
STATUS_STYLE = {"ok": "green", "due_soon": "yellow", "overdue": "red", "late": "bold red"}
TEXTS = {
    "title": {"nb": "Sak {case} – {unit} · frister per {day}", "nn": "Sak {case} – {unit} · fristar per {day}",
              "en": "Case {case} – {unit} · deadlines as of {day}"},
    "none": {"nb": "Ingen åpne frister.", "nn": "Ingen opne fristar.", "en": "No open deadlines."},
    "outside": {"nb": "{case}: en dato i saken er utenfor kalenderen (1990–2100).",
                "nn": "{case}: ein dato i saka er utanfor kalenderen (1990–2100).",
                "en": "{case}: a date in the case is outside the calendar (1990–2100)."},
}


def deadlines_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Saksfiler (.json, .yaml, .jsonl) eller mapper med saksfiler.", show_default=False)],
    today_option: Annotated[str | None, typer.Option(
        "--today", help="Regn frister per denne datoen (ÅÅÅÅ-MM-DD). Standard: i dag (Europe/Oslo).")] = None,
    output_format: Annotated[str, typer.Option(
        "--format", "-f", help="table (for mennesker) eller json (actionloop-deadlines/1).")] = "table",
    policy_file: Annotated[Path | None, typer.Option(
        "--policy", help="Lokale frister per eier (YAML med owners og due_soon).")] = None,
    closure_file: Annotated[Path | None, typer.Option(
        "--closure-days", help="Enhetens stengte dager: én dato (ÅÅÅÅ-MM-DD) per linje, # for kommentarer.")] = None,
    sf_exclude_closure_days: Annotated[bool, typer.Option(
        "--sf-exclude-closure-days",
        help="Regn ikke stengte dager som arbeidsdager i fristen før familien kan gå til Statsforvalteren "
             "(standard: de regnes med; bare helg og helligdager holdes utenfor).")] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Språk: nb, nn eller en. Standard: sakens språk.")] = None,
) -> None:
    """Viser de åpne pliktene i hver sak med frist, lovens krav, lokal frist og status.

    Fristene regnes på norsk kalender (Europe/Oslo, helligdager, enhetens stengte dager), sortert
    etter frist. Under tabellen står datoen da familien tidligst kan melde saken til
    Statsforvalteren. Feil i input gir en melding med stedet og avslutningskode 2.
    """
    if output_format not in FORMATS:
        fail(f"--format {output_format!r}: bruk table eller json.")
    if lang is not None and lang not in LANGUAGES:
        fail(f"--lang {lang!r}: bruk nb, nn eller en.")
    as_of = parse_day(today_option) or today(SystemClock())
    if not FIRST_DAY <= as_of <= LAST_DAY:
        fail(f"--today {today_option!r}: datoen må ligge mellom {FIRST_DAY} og {LAST_DAY}.")
    results: list[CaseDeadlines] = []
    try:
        policy = load_policy(policy_file) if policy_file is not None else Policy()
        cal = Calendar(load_closure_days(closure_file)) if closure_file is not None else calendar_for()
        registry = _registry()
        # Everything is read and computed before anything is written: bad input writes nothing.
        for case in iter_cases(case_sources(paths), lang or "nb"):
            try:
                results.append(case_deadlines(
                    case, registry, as_of, policy, cal, lang=lang, exclude_closure_days=sf_exclude_closure_days,
                ))
            except ValueError as exc:  # a date beyond the calendar's years (1990–2100)
                if "outside the calendar" not in str(exc):
                    raise
                fail(_text("outside", lang or case.case.lang, case=case.id))
    except ActionloopError as exc:
        fail(exc)
    if output_format == "json":
        sys.stdout.write(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2) + "\n")
        return
    for result in results:
        _print_case(result)


def _registry() -> WorkflowRegistry:
    from actionloop.workflow.registry import load_registry

    return load_registry()


def _text(key: str, lang: str, **fields: str) -> str:
    return TEXTS[key].get(lang, TEXTS[key]["nb"]).format(**fields)


def _print_case(result: CaseDeadlines) -> None:
    lang = result.lang if result.lang in HEADERS else "nb"
    labels = STATUS_LABELS[lang]
    title = _text("title", lang, case=result.case.id, unit=result.case.case.unit.name, day=result.as_of.isoformat())
    if result.workflow is not None:
        title += f" · {result.workflow.title(lang)}"
    if not result.deadlines:
        out_console.print(f"[bold]{escape(title)}[/]")
        out_console.print(_text("none", lang))
    else:
        table = Table(title=escape(title), title_justify="left", expand=True)
        duty, what, due, term, local, status, ref = HEADERS[lang]
        table.add_column(duty, ratio=2, overflow="fold")
        table.add_column(what, ratio=3, overflow="fold")
        table.add_column(due, no_wrap=True)
        table.add_column(term, ratio=2, overflow="fold")
        table.add_column(local, ratio=2, overflow="fold")
        table.add_column(status, overflow="fold")
        table.add_column(ref, ratio=2, overflow="fold")
        for d in result.deadlines:
            key = "late" if d.status == OVERDUE and d.clearly_late else d.status
            style = STATUS_STYLE[key]
            table.add_row(
                escape(d.duty_label), escape(d.what), d.due.isoformat(), escape(d.legal_term),
                escape(d.local_default), f"[{style}]{escape(labels[key])}[/]", escape(d.legal_ref),
            )
        out_console.print(table)
    for line in result.sf.lines:
        out_console.print(line, markup=False)
    out_console.print()


def register(app: typer.Typer) -> None:
    app.command("deadlines")(deadlines_command)
