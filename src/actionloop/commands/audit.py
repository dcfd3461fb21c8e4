"""``actionloop audit``: judge cases duty by duty against the law in force."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from actionloop.commands.common import case_sources, err_console, fail, iter_cases, out_console, parse_day
from actionloop.core.audit import Auditor, CaseAudit
from actionloop.core.clock import SystemClock, today
from actionloop.core.errors import ActionloopError
from actionloop.core.model import CaseFile
from actionloop.core.policy import Policy, load_policy
from actionloop.workflow.spec import DUTIES

STATUS_LABELS = {
    "nb": {"fulfilled": "oppfylt", "breached": "brudd", "warning": "advarsel",
           "not_applicable": "ikke aktuelt", "not_assessable": "kan ikke vurderes"},
    "nn": {"fulfilled": "oppfylt", "breached": "brot", "warning": "åtvaring",
           "not_applicable": "ikkje aktuelt", "not_assessable": "kan ikkje vurderast"},
    "en": {"fulfilled": "fulfilled", "breached": "breached", "warning": "warning",
           "not_applicable": "not applicable", "not_assessable": "not assessable"},
}
STATUS_STYLE = {"fulfilled": "green", "breached": "bold red", "warning": "yellow",
                "not_applicable": "dim", "not_assessable": "cyan"}
DUTY_LABELS = {
    "nb": {"monitor": "Følge med", "intervene": "Gripe inn", "report_to_principal": "Melde fra til rektor/styrer",
           "report_to_owner": "Melde fra til eier", "investigate": "Undersøke", "hear_child": "Høre barnet",
           "measures": "Tiltak", "written_plan": "Skriftlig plan", "evaluate": "Evaluere", "document": "Dokumentere"},
    "nn": {"monitor": "Følgje med", "intervene": "Gripe inn", "report_to_principal": "Melde frå til rektor/styrar",
           "report_to_owner": "Melde frå til eigar", "investigate": "Undersøkje", "hear_child": "Høyre barnet",
           "measures": "Tiltak", "written_plan": "Skriftleg plan", "evaluate": "Evaluere", "document": "Dokumentere"},
    "en": {"monitor": "Monitor", "intervene": "Intervene", "report_to_principal": "Report to principal/head",
           "report_to_owner": "Report to owner", "investigate": "Investigate", "hear_child": "Hear the child",
           "measures": "Measures", "written_plan": "Written plan", "evaluate": "Evaluate", "document": "Document"},
}
HEADERS = {
    "nb": ("Sak", "Plikt", "Vurdering", "Hjemmel og begrunnelse", "saker", "Brudd", "Hjemmel"),
    "nn": ("Sak", "Plikt", "Vurdering", "Heimel og grunngiving", "saker", "Brot", "Heimel"),
    "en": ("Case", "Duty", "Finding", "Legal basis and reasons", "cases", "Breaches", "Legal basis"),
}
#: Above this many cases the table shows a summary instead of every finding.
DETAIL_LIMIT = 20


def _make_auditor(policy_file: Path | None) -> Auditor:
    from actionloop.workflow.registry import load_registry

    policy = load_policy(policy_file) if policy_file else Policy()
    return Auditor(load_registry(), policy)


def audit_command(
    paths: Annotated[list[Path], typer.Argument(help="Saksfiler (.json, .yaml, .jsonl) eller mapper med saksfiler.", show_default=False)],
    output_format: Annotated[str, typer.Option("--format", "-f", help="table (for mennesker) eller json (actionloop-audit/1).")] = "table",
    today_option: Annotated[str | None, typer.Option("--today", help="Vurder åpne frister per denne datoen (ÅÅÅÅ-MM-DD). Standard: i dag.")] = None,
    policy_file: Annotated[Path | None, typer.Option("--policy", help="Lokale frister per eier (YAML).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Språk for meldingene: nb, nn eller en. Standard: sakens eget språk.")] = None,
) -> None:
    """Fører tilsyn med sakene: én vurdering per plikt, med lovhjemmel og bevis.

    En mappe gir saksfilene i den i navnerekkefølge; andre filer hoppes over med en merknad.
    En .jsonl-fil leses linje for linje (én sak per linje), uten å holde alt i minnet.
    Feil i en fil gir en melding med stedet og avslutningskode 2, og ingenting skrives.
    """
    if output_format not in ("table", "json"):
        fail(f"--format {output_format!r}: bruk table eller json.")
    if lang is not None and lang not in STATUS_LABELS:
        fail(f"--lang {lang!r}: bruk nb, nn eller en.")
    as_of = parse_day(today_option) or today(SystemClock())
    summary = _Summary()
    try:
        auditor = _make_auditor(policy_file)
        sources = case_sources(paths)
        total = sum(s.size for s in sources)
        show_progress = err_console.is_terminal and total > 2_000_000
        # The JSON goes to a spool first, so bad input half-way writes nothing; it spills to disk
        # past 8 MiB, so memory does not grow with the number of cases.
        with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as spool:
            with Progress(
                TextColumn("[progress.description]{task.description}"), BarColumn(), DownloadColumn(),
                TimeRemainingColumn(), console=err_console, transient=True, disable=not show_progress,
            ) as progress:
                task = progress.add_task("Fører tilsyn", total=total)
                cases = iter_cases(sources, on_bytes=lambda n: progress.advance(task, n))
                _run(auditor, cases, as_of, spool if output_format == "json" else None, summary, lang)
            if output_format == "json":
                spool.seek(0)
                shutil.copyfileobj(spool, sys.stdout)
    except ActionloopError as exc:
        fail(exc)
    if output_format == "table":
        _print_tables(summary, lang or "nb", lang_given=lang is not None)


class _Summary:
    """What the table shows: every case's findings for a few cases, else counts and breaches."""

    def __init__(self) -> None:
        self.audits: list[CaseAudit] = []
        self.counts: Counter[tuple[str, str]] = Counter()
        self.cases = 0


def _run(
    auditor: Auditor, cases: Iterable[CaseFile], as_of: date, spool: IO[str] | None, summary: _Summary, lang: str | None,
) -> None:
    first = True
    if spool is not None:
        spool.write("[")
    for case in cases:
        audit = auditor.audit(case, as_of)
        summary.cases += 1
        for finding in audit.findings:
            summary.counts[finding.duty, finding.status] += 1
        if spool is not None:
            spool.write(("\n  " if first else ",\n  ") + json.dumps(audit.to_dict(lang), ensure_ascii=False))
            first = False
        elif summary.cases <= DETAIL_LIMIT or any(f.status == "breached" for f in audit.findings):
            summary.audits.append(audit)
    if spool is not None:
        spool.write("]\n" if first else "\n]\n")


def _print_tables(summary: _Summary, lang: str, lang_given: bool) -> None:
    labels, duties, head = STATUS_LABELS[lang], DUTY_LABELS[lang], HEADERS[lang]
    cases, counts, audits = summary.cases, summary.counts, summary.audits
    if cases <= DETAIL_LIMIT:
        for audit in audits:
            table = Table(title=f"{head[0]} {audit.case}", title_justify="left", expand=True, show_lines=True)
            table.add_column(head[1], no_wrap=True)
            table.add_column(head[2], no_wrap=True)
            table.add_column(head[3], ratio=1)
            for f in audit.findings:
                style = STATUS_STYLE[f.status]
                message = f.message_in(lang) if lang_given else f.message
                reason = f"[bold]{escape(f.legal_ref)}[/]\n{escape(message)}" if f.legal_ref else escape(message)
                table.add_row(duties[f.duty], f"[{style}]{labels[f.status]}[/]", reason)
            out_console.print(table)
        return
    table = Table(title=f"{cases} {head[4]}", title_justify="left")
    table.add_column(head[1])
    for status in ("fulfilled", "breached", "warning", "not_applicable", "not_assessable"):
        table.add_column(labels[status], justify="right", style=STATUS_STYLE[status])
    for duty in DUTIES:
        table.add_row(duties[duty], *(str(counts[duty, s]) for s in ("fulfilled", "breached", "warning", "not_applicable", "not_assessable")))
    out_console.print(table)
    breaches = [(a.case, f) for a in audits for f in a.findings if f.status == "breached"]
    if breaches:
        listing = Table(title=head[5], title_justify="left")
        for column in (head[0], head[1], head[6]):
            listing.add_column(column)
        for case_id, f in breaches[:200]:
            listing.add_row(case_id, duties[f.duty], f.legal_ref)
        out_console.print(listing)
        if len(breaches) > 200:
            out_console.print(f"… og {len(breaches) - 200} brudd til (bruk --format json for alle).")


def register(app: typer.Typer) -> None:
    app.command("audit")(audit_command)
