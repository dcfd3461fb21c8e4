"""``actionloop document``: the activity plan, the case log and the audit report as Word files,
from case files on disk, with no server.

Every command reads all its input and builds the whole document before it writes anything; the
file is written at once (a temporary file, then a rename). Bad input gives a Norwegian message
and exit code 2, and nothing is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from actionloop.commands.common import case_sources, fail, iter_cases, out_console, parse_day
from actionloop.core.clock import SystemClock, today
from actionloop.core.errors import ActionloopError
from actionloop.core.model import CaseFile

if TYPE_CHECKING:
    from actionloop.core.audit import Auditor

PLAN_HELP = "Aktivitetsplanen for en sak (siste versjon, eller --version N)."
LOG_HELP = "Saksgangen: alle hendelser, frister og tilsynsfunn, med kontrollsum."
AUDIT_HELP = "Tilsynsrapport for en enhet eller en eier over en periode."

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Filen som skal skrives (.docx).", show_default=False)]
FamilyOption = Annotated[bool, typer.Option(
    "--family", help="Familiens kopi: andre barns navn og id-er erstattes med et nøytralt ord.",
)]
PdfOption = Annotated[bool, typer.Option(
    "--pdf", help="Lag også en PDF (samme navn, .pdf) med LibreOffice.",
)]
LetterheadOption = Annotated[Path | None, typer.Option(
    "--letterhead", help="Eierens brevmal (.docx): topp- og bunntekst brukes i dokumentet.", show_default=False,
)]
PolicyOption = Annotated[Path | None, typer.Option("--policy", help="Lokale frister per eier (YAML).", show_default=False)]


def _one_case(path: Path) -> CaseFile:
    sources = case_sources([path])
    cases = list(iter_cases(sources))
    if len(cases) != 1:
        fail(f"{path}: forventet én sak, men filen har {len(cases)}. Bruk en fil med én sak.")
    return cases[0]


def _check_out(out: Path, pdf: bool) -> None:
    if out.exists() and out.is_dir():
        fail(f"--out {out}: er en mappe; oppgi et filnavn, for eksempel {out / 'dokument.docx'}.")
    if not out.parent.is_dir():
        fail(f"--out {out}: mappen {out.parent} finnes ikke.")
    if out.suffix.lower() == ".pdf":
        fail(f"--out {out}: Word-filen må ha endelsen .docx; med --pdf skrives PDF-en ved siden av.")
    if pdf:
        from actionloop.adapters.docs.pdf import require_soffice

        require_soffice()


def _letterhead(path: Path | None) -> bytes | None:
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError as exc:
        fail(f"--letterhead {path}: kan ikke lese filen ({exc.strerror or exc}).")


def _write(out: Path, data: bytes, pdf: bool) -> None:
    """Write the .docx (and the PDF made first, so a failed conversion writes nothing)."""
    from actionloop.adapters.docs import docx_to_pdf, write_atomic

    pdf_data = docx_to_pdf(data) if pdf else None
    pdf_path = out.with_suffix(".pdf")
    try:
        write_atomic(out, data)
        if pdf_data is not None:
            write_atomic(pdf_path, pdf_data)
    except OSError as exc:
        fail(f"kan ikke skrive {exc.filename or out}: {exc.strerror or exc}.")
    out_console.print(f"Skrev {out}", markup=False)
    if pdf_data is not None:
        out_console.print(f"Skrev {pdf_path}", markup=False)


def _auditor(policy_file: Path | None) -> Auditor:
    from actionloop.core.audit import Auditor
    from actionloop.core.policy import Policy, load_policy
    from actionloop.workflow.registry import load_registry

    policy = load_policy(policy_file) if policy_file else Policy()
    return Auditor(load_registry(), policy)


def plan_command(
    file: Annotated[Path, typer.Argument(help="Saksfilen (.json, .yaml).", show_default=False)],
    out: OutOption,
    version: Annotated[int | None, typer.Option("--version", help="Planversjonen (standard: den siste).")] = None,
    family: FamilyOption = False,
    pdf: PdfOption = False,
    letterhead: LetterheadOption = None,
) -> None:
    """Aktivitetsplanen for en sak som Word-fil: de fem feltene loven krever, elevens syn, barnets
    beste, foresattes medvirkning og underskrifter, på sakens språk."""
    from actionloop.adapters.docs import LetterheadError, activity_plan_docx

    try:
        _check_out(out, pdf)
        case = _one_case(file)
        data = activity_plan_docx(case, version, family=family, letterhead=_letterhead(letterhead))
        _write(out, data, pdf)
    except LetterheadError as exc:
        fail(f"--letterhead {letterhead}: ikke en brukbar Word-fil ({exc}).")
    except ActionloopError as exc:
        fail(exc)


def log_command(
    file: Annotated[Path, typer.Argument(help="Saksfilen (.json, .yaml).", show_default=False)],
    out: OutOption,
    family: FamilyOption = False,
    today_option: Annotated[str | None, typer.Option(
        "--today", help="Vurder pliktene per denne datoen (ÅÅÅÅ-MM-DD). Standard: i dag.",
    )] = None,
    pdf: PdfOption = False,
    letterhead: LetterheadOption = None,
    policy_file: PolicyOption = None,
) -> None:
    """Saksgangen for en sak som Word-fil: hver hendelse med tid, hvem og hva, hver plikt med frist
    og vurdering, tilsynsfunnene med hjemmel, og kontrollsummen for hendelsene."""
    from actionloop.adapters.docs import LetterheadError, case_log_docx

    as_of = parse_day(today_option) or today(SystemClock())
    try:
        _check_out(out, pdf)
        case = _one_case(file)
        from actionloop.workflow.registry import load_registry

        findings = _auditor(policy_file).audit(case, as_of=as_of).findings
        data = case_log_docx(
            case, findings, as_of=as_of, family=family, letterhead=_letterhead(letterhead), registry=load_registry(),
        )
        _write(out, data, pdf)
    except LetterheadError as exc:
        fail(f"--letterhead {letterhead}: ikke en brukbar Word-fil ({exc}).")
    except ActionloopError as exc:
        fail(exc)


def audit_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Saksfiler (.json, .yaml, .jsonl) eller mapper med saksfiler.", show_default=False,
    )],
    out: OutOption,
    unit: Annotated[str | None, typer.Option("--unit", help="Bare saker fra denne enheten (enhetens id).")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Bare saker med denne eieren (navnet).")] = None,
    start: Annotated[str | None, typer.Option("--from", help="Perioden begynner (ÅÅÅÅ-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Perioden slutter (ÅÅÅÅ-MM-DD).")] = None,
    today_option: Annotated[str | None, typer.Option(
        "--today", help="Vurder pliktene per denne datoen. Standard: --to hvis gitt, ellers i dag.",
    )] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help="Språk: nb, nn eller en. Standard: sakenes språk hvis de har ett felles, ellers nb.",
    )] = None,
    pdf: PdfOption = False,
    letterhead: LetterheadOption = None,
    policy_file: PolicyOption = None,
) -> None:
    """Tilsynsrapport som Word-fil: tabell og stolpediagram per plikt (oppfylt, brudd, advarsel …),
    bruddene med saksnummer, hjemmel og dato, og sakene rapporten gjelder."""
    from actionloop.adapters.docs import LetterheadError, ReportScope, audit_report_docx

    if lang is not None and lang not in ("nb", "nn", "en"):
        fail(f"--lang {lang!r}: bruk nb, nn eller en.")
    start_day = parse_day(start, "--from")
    end_day = parse_day(end, "--to")
    if start_day and end_day and start_day > end_day:
        fail(f"--from {start_day.isoformat()} er etter --to {end_day.isoformat()}.")
    as_of: date = parse_day(today_option) or end_day or today(SystemClock())
    scope = ReportScope(unit=unit, owner=owner, start=start_day, end=end_day)
    try:
        _check_out(out, pdf)
        auditor = _auditor(policy_file)
        items = [
            (case, auditor.audit(case, as_of=as_of).findings)
            for case in iter_cases(case_sources(paths))
            if scope.includes(case)
        ]
        data = audit_report_docx(items, scope=scope, as_of=as_of, lang=lang, letterhead=_letterhead(letterhead))
        _write(out, data, pdf)
    except LetterheadError as exc:
        fail(f"--letterhead {letterhead}: ikke en brukbar Word-fil ({exc}).")
    except ActionloopError as exc:
        fail(exc)


def register(app: typer.Typer) -> None:
    document = typer.Typer(
        name="document",
        help="Word-dokumenter fra saksfiler: aktivitetsplan, saksgang og tilsynsrapport (--pdf med LibreOffice).",
        no_args_is_help=True,
    )
    document.command("plan", help=PLAN_HELP)(plan_command)
    document.command("log", help=LOG_HELP)(log_command)
    document.command("audit", help=AUDIT_HELP)(audit_command)
    app.add_typer(document, name="document")
