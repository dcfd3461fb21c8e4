#!/usr/bin/env python3
"""Document benchmark: activity plans per second on one core, against a floor measured in the same run.

    python bench/documents.py                     # 200 plans, 5 timed runs
    python bench/documents.py --plans 50 --repeat 3
    python bench/documents.py --case examples/kindergarten-2025-staff-offender.json
    python bench/documents.py --profile           # cProfile over one run of the plans: top 25 by tottime
    python bench/documents.py --pages             # also count the pages of both documents (LibreOffice)

What it measures:

* plans — ``activity_plan_docx(case)``: build the view, open the prepared base document from bytes,
  write the body, set the properties, save to a .docx in memory (bytes out, as the API sends them);
* floor — python-docx opening an existing two-page .docx and saving it, in memory: the least any
  python-docx document costs (perf-limits.md § 5). The two-page document is made here, once, with
  python-docx's default template: a title, an introduction, a 5-column table with a header and 10
  rows, and 5 headed sections of about 60 words (LibreOffice renders it as 2 pages; ``--pages``).

Targets (issue 4): at least 20 plans per second, and a plan at most 2.5 × the floor's time.
Each figure is the best of ``--repeat`` timed runs after a warm-up (the median is shown too).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402

from actionloop.adapters.docs import activity_plan_docx  # noqa: E402
from actionloop.core.casefile import load  # noqa: E402

TARGET_RATE = 20.0  # plans/s on one core
TARGET_RATIO = 2.5  # plan time / floor time
DEFAULT_CASE = ROOT / "examples" / "school-2025-handled-well.json"

WORDS = (
    "Skolen følger med på hvordan elevene har det og griper inn når noen blir krenket. Alle som arbeider "
    "på skolen melder fra til rektor, og skolen undersøker saken snarest. Tiltakene skal gjøre at eleven "
    "får et trygt og godt skolemiljø, og de evalueres sammen med eleven på datoene i planen. Planen "
    "justeres så lenge eleven ikke har det trygt og godt."
)


def floor_document() -> bytes:
    """An existing two-page .docx, as a person might have saved it (python-docx's default template)."""
    doc = Document()
    doc.add_heading("Aktivitetsplan", 0)
    doc.add_paragraph(WORDS)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Tiltak", "Når", "Hvem", "Ansvarlig", "Rettet mot"), strict=True):
        cell.text = text
    for i in range(10):
        row = table.add_row().cells
        for j, cell in enumerate(row):
            cell.text = f"Tiltak {i + 1}: voksen til stede i friminuttet" if j == 0 else f"verdi {i + 1}.{j + 1}"
    for section in range(5):
        doc.add_heading(f"Del {section + 1}", 1)
        doc.add_paragraph(WORDS)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def open_and_save(data: bytes) -> bytes:
    out = io.BytesIO()
    Document(io.BytesIO(data)).save(out)
    return out.getvalue()


def timed(fn: Callable[[], object], n: int, repeat: int) -> list[float]:
    """Seconds for ``n`` calls, ``repeat`` times, after one warm-up call (GC on, as in use)."""
    fn()
    runs = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append(time.perf_counter() - start)
    return runs


def pages(data: bytes) -> str:
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdfinfo") is None:
        return "?"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "d.docx").write_bytes(data)
        subprocess.run(
            [soffice, f"-env:UserInstallation={(folder / 'p').as_uri()}", "--headless", "--convert-to", "pdf",
             "--outdir", str(folder), str(folder / "d.docx")],
            capture_output=True, check=False, timeout=180,
        )
        info = subprocess.run(["pdfinfo", str(folder / "d.pdf")], capture_output=True, text=True, check=False).stdout
        return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=200, help="plans (and floor documents) per timed run")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the best counts")
    parser.add_argument("--case", type=Path, default=DEFAULT_CASE, help="the case file whose plan is built")
    parser.add_argument("--profile", action="store_true", help="profile one run of the plans")
    parser.add_argument("--pages", action="store_true", help="count pages with LibreOffice")
    args = parser.parse_args(argv)

    case = load(args.case)
    floor = floor_document()
    plan = activity_plan_docx(case)
    n, repeat = args.plans, args.repeat

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(n):
            activity_plan_docx(case)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return 0

    plan_runs = timed(lambda: activity_plan_docx(case), n, repeat)
    floor_runs = timed(lambda: open_and_save(floor), n, repeat)
    plan_best, floor_best = min(plan_runs) / n, min(floor_runs) / n
    plan_median, floor_median = statistics.median(plan_runs) / n, statistics.median(floor_runs) / n
    rate = 1 / plan_best
    ratio = plan_best / floor_best

    print(f"Python {platform.python_version()} on {platform.machine()}, {n} documents × {repeat} runs (best, median)")
    print(f"case: {args.case.relative_to(ROOT) if args.case.is_relative_to(ROOT) else args.case}")
    print(f"  plan .docx: {len(plan):,} bytes" + (f", {pages(plan)} pages" if args.pages else ""))
    print(f"  floor .docx: {len(floor):,} bytes" + (f", {pages(floor)} pages" if args.pages else ""))
    print()
    print(f"{'':24}{'per doc (ms)':>16}{'docs/s':>10}")
    print(f"{'activity plan':24}{plan_best * 1e3:>8.1f} ({plan_median * 1e3:5.1f}){1 / plan_best:>10.1f}")
    print(f"{'floor (open + save)':24}{floor_best * 1e3:>8.1f} ({floor_median * 1e3:5.1f}){1 / floor_best:>10.1f}")
    print()
    rate_ok = rate >= TARGET_RATE
    ratio_ok = ratio <= TARGET_RATIO
    print(f"plans/s          {rate:8.1f}   target ≥ {TARGET_RATE:g}    {'OK' if rate_ok else 'MISS'}")
    print(f"plan / floor     {ratio:8.2f} ×  target ≤ {TARGET_RATIO:g} ×  {'OK' if ratio_ok else 'MISS'}")
    return 0 if rate_ok and ratio_ok else 1


if __name__ == "__main__":
    sys.exit(main())
