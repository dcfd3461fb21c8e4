#!/usr/bin/env python3
"""Audit benchmark: cases per second on one core, against a plain replay floor measured in the same run.

    python bench/audit.py                          # 100,000 synthetic cases (generated once, then cached)
    python bench/audit.py --cases 20000            # fewer
    python bench/audit.py --file bench/data/cases.jsonl
    python bench/audit.py --cases 20000 --profile  # cProfile over the audit: top 25 by tottime

What it measures (see bench/README.md):

* parse — JSON text → ``CaseFile`` (``json.loads`` + ``casefile.from_dict``), before any timing of the
  audit. The full reader validates every case against the JSON Schema; when that would take too long
  for the whole set (``--parser auto``), its rate is measured on a sample and the in-memory set is built
  with the same reader minus the schema step (references, order and plans still checked);
* audit — ``Auditor(load_registry()).audit(case, as_of)`` over every case, best and median of
  ``--repeat`` runs after a warm-up;
* floor — the same events folded through a plain dict transition table
  ``{(state, event_type): next_state}`` (built once from the registry's workflows; one tight loop over
  ``event.type`` per case), as in ../shared/reference/perf-limits.md §2;
* streaming — parse + audit one line at a time over the JSON Lines file, in a fresh process, for the
  first half of the cases and for all of them: the rate, and the peak RSS of each run (memory must not
  grow with the number of cases).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import io
import itertools
import json
import os
import platform
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actionloop.compiled import is_compiled  # noqa: E402
from actionloop.core import casefile  # noqa: E402
from actionloop.core.audit import Auditor  # noqa: E402
from actionloop.core.model import EVENT_TYPES, PRINCIPAL_ROLES, CaseFile  # noqa: E402
from actionloop.workflow.registry import load_registry  # noqa: E402
from bench.generate import AS_OF, write_jsonl  # noqa: E402

TARGET_RATE = 20_000  # cases/s on one core (issue 2, "Speed")
TARGET_RATIO = 5.0  # audit time / floor time
#: ``--parser auto`` builds the in-memory set without the schema step if the full reader would take longer.
AUTO_FULL_LIMIT_S = 300.0

Parser = Callable[[str], CaseFile]


# --- parsing -------------------------------------------------------------------------------------


def parse_full(line: str) -> CaseFile:
    """The real reader: ``json.loads`` + ``from_dict`` (JSON Schema, references and order, build)."""
    return casefile.parse_text(line, "json", "<bench>")


@contextlib.contextmanager
def schema_step_skipped() -> Iterator[None]:
    """``from_dict`` without its JSON Schema validation (everything else unchanged)."""
    original = getattr(casefile, "_schema_problems", None)
    if original is None:  # the reader changed shape: nothing to skip
        yield
        return
    casefile._schema_problems = lambda data, lang: []  # type: ignore[attr-defined]
    try:
        yield
    finally:
        casefile._schema_problems = original  # type: ignore[attr-defined]


def iter_lines(path: Path, limit: int | None) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if line.strip())
        yield from itertools.islice(lines, limit)


def load_cases(path: Path, limit: int | None, mode: str, sample: int) -> tuple[list[CaseFile], dict[str, Any]]:
    """Parse the file into memory; returns the cases and the parse figures."""
    info: dict[str, Any] = {}
    cases: list[CaseFile] = []
    lines = iter_lines(path, limit)
    full_s = 0.0
    clock = time.perf_counter
    if mode in ("auto", "full"):
        n_sample = sample if mode == "auto" else (limit or 10**12)
        for line in iter_lines(path, 1):
            parse_full(line)  # warm-up, not timed: the reader compiles its validators on first use
        for line in itertools.islice(lines, n_sample):
            t0 = clock()
            cases.append(parse_full(line))
            full_s += clock() - t0
        info["full"] = (len(cases), full_s)
        total = limit if limit is not None else sum(1 for _ in iter_lines(path, None))
        projected = full_s / max(1, len(cases)) * total
        if mode == "full" or projected <= AUTO_FULL_LIMIT_S:
            for line in lines:
                t0 = clock()
                cases.append(parse_full(line))
                full_s += clock() - t0
            info["full"] = (len(cases), full_s)
            info["built_with"] = "full"
            return cases, info
        info["projected_full_s"] = projected
    fast_s = 0.0
    fast_n = 0
    with schema_step_skipped():
        for line in lines:
            t0 = clock()
            cases.append(parse_full(line))
            fast_s += clock() - t0
            fast_n += 1
    info["no_schema"] = (fast_n, fast_s)
    info["built_with"] = "no_schema"
    return cases, info


# --- the replay floor ----------------------------------------------------------------------------


def _guard(name: str) -> Callable[[Any, CaseFile], bool]:
    """A guard of the workflows as a plain predicate on the event (what a minimal replay would check)."""
    fields = {
        "conclusion_not_safe": ("conclusion", "not_safe", True),
        "conclusion_safe": ("conclusion", "safe", True),
        "outcome_revise": ("outcome", "revise", True),
        "outcome_close": ("outcome", "close", True),
        "outcome_continue": ("outcome", "continue", True),
        "decision_not_fulfilled": ("outcome", "not_fulfilled", True),
        "child_not_unsafe": ("child_view", "not_safe", False),
    }
    if name in fields:
        key, value, equal = fields[name]
        if equal:
            return lambda e, c: e.fields.get(key) == value
        return lambda e, c: e.fields.get(key) != value
    if name == "reporter_is_principal":
        return lambda e, c: c.role_of(e.by) in PRINCIPAL_ROLES
    if name == "leadership_offender":
        return lambda e, c: c.events[0].fields.get("offender") == "leadership"
    if name == "last_order_done":
        return lambda e, c: False  # would need the open orders; the unguarded «stay» applies
    return lambda e, c: True  # sf_waiting_passed and any other: assumed to hold


Step = int | tuple[tuple[tuple[Callable[[Any, CaseFile], bool], ...], int], ...]


class Floor:
    """Per workflow, one dict ``{(state, event_type): next_state}`` over the product of its tracks, built
    once from the registry's compiled tables. A step with guards holds its candidates instead of a state:
    ``((predicates, next_state), ...)``, first match wins; the predicates are plain field tests on the
    event (see :func:`_guard`). The fold is one tight loop over ``event.type`` per case; a step with no
    transition leaves the state as it is."""

    def __init__(self, registry: Any) -> None:
        self.registry = registry
        self.tables: dict[str, tuple[dict[tuple[int, str], Step], int]] = {}
        for spec in registry.all():
            self.tables[spec.id] = self._build(registry.compiled(spec.id))
        self.fallback = next(iter(self.tables.values()))

    @staticmethod
    def _build(compiled: Any) -> tuple[dict[tuple[int, str], Step], int]:
        spec = compiled.spec
        tracks = [t.id for t in spec.tracks]
        start = tuple(compiled.initial(t) for t in tracks)
        ids: dict[tuple[str, ...], int] = {start: 0}
        table: dict[tuple[int, str], Step] = {}
        todo = [start]

        def ident(state: tuple[str, ...]) -> int:
            if state not in ids:
                ids[state] = len(ids)
                todo.append(state)
            return ids[state]

        while todo:
            state = todo.pop()
            for trigger in EVENT_TYPES:
                track = compiled.track_of.get(trigger)
                if track is None:
                    continue
                k = tracks.index(track)
                candidates = compiled.table.get((track, state[k], trigger))
                if not candidates:
                    continue
                steps = []
                for guards, dest in candidates:
                    nxt = state if dest is None else (*state[:k], dest, *state[k + 1:])
                    steps.append((tuple(_guard(g) for g in guards), ident(nxt)))
                if len(steps) == 1 and not steps[0][0]:
                    table[(ids[state], trigger)] = steps[0][1]
                else:
                    table[(ids[state], trigger)] = tuple(steps)
        return table, 0

    def run(self, cases: Sequence[CaseFile]) -> dict[str, int]:
        tables, fallback, for_event = self.tables, self.fallback, self.registry.for_event
        states: dict[str, int] = {}
        for case in cases:
            events = case.events
            if not events:
                continue
            wf = for_event(case.case.setting, events[0].day)
            table, state = tables[wf.id] if wf is not None else fallback
            get = table.get
            for event in events:
                step = get((state, event.type))
                if step is None:
                    continue  # no transition: the state stays
                if step.__class__ is int:
                    state = step  # type: ignore[assignment]
                    continue
                for predicates, dest in step:  # type: ignore[union-attr]
                    for predicate in predicates:
                        if not predicate(event, case):
                            break
                    else:
                        state = dest
                        break
            states[case.case.id] = state
        return states

    def illegal_steps(self, cases: Iterable[CaseFile]) -> tuple[int, int]:
        """(steps with no transition in the table, all steps) — for information, not timed."""
        bad = total = 0
        for case in cases:
            if not case.events:
                continue
            wf = self.registry.for_event(case.case.setting, case.events[0].day)
            table, state = self.tables[wf.id] if wf is not None else self.fallback
            for event in case.events:
                total += 1
                step = table.get((state, event.type))
                if step is None:
                    bad += 1
                elif isinstance(step, int):
                    state = step
                else:
                    state = next((d for preds, d in step if all(p(event, case) for p in preds)), state)
        return bad, total


def run_audit(auditor: Auditor, cases: Sequence[CaseFile], as_of: date) -> None:
    audit = auditor.audit
    for case in cases:
        audit(case, as_of)


CPU_TIMES: dict[str, list[float]] = defaultdict(list)


def timed(fn: Callable[[], object], repeat: int, name: str = "") -> list[float]:
    """Wall-clock times (``perf_counter``) of ``repeat`` runs; the process's CPU times go to CPU_TIMES[name]."""
    times = []
    for _ in range(repeat):
        c0 = time.process_time()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        CPU_TIMES[name].append(time.process_time() - c0)
    return times


# --- streaming (a fresh process per run, for a clean peak RSS) ------------------------------------


def _status_kib(field: str) -> int | None:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of this process, from /proc (Linux); None elsewhere."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Start the peak RSS (``VmHWM``) afresh from here (Linux ≥ 4.0: ``clear_refs`` 5)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _peak_kib() -> int:
    peak = _status_kib("VmHWM")
    if peak is not None:
        return peak
    rusage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rusage // 1024 if sys.platform == "darwin" else rusage


def stream_child(path: Path, limit: int, mode: str, as_of: date) -> dict[str, Any]:
    """Parse + audit one case at a time with the engine's own streaming reader (``iter_jsonl``)."""
    from actionloop.core.audit import audit_cases

    auditor = Auditor(load_registry())
    with schema_step_skipped() if mode == "no_schema" else contextlib.nullcontext():
        for _ in audit_cases(auditor, itertools.islice(casefile.iter_jsonl(path), 1), as_of):
            pass  # warm-up: imports, registry, calendar, schema validator
        gc.collect()
        start_peak = _peak_kib()
        start_rss = _status_kib("VmRSS") or 0
        reset = _reset_peak()
        n = 0
        checkpoints: list[tuple[int, int, int]] = []
        marks = {limit // 4, limit // 2, 3 * limit // 4, limit}
        t0 = time.perf_counter()
        for _ in audit_cases(auditor, itertools.islice(casefile.iter_jsonl(path), limit), as_of):
            n += 1
            if n in marks:
                checkpoints.append((n, _peak_kib(), _status_kib("VmRSS") or 0))
        took = time.perf_counter() - t0
    return {"cases": n, "seconds": took, "start_peak_kib": start_peak, "start_rss_kib": start_rss,
            "peak_reset": reset, "checkpoints": checkpoints, "peak_kib": _peak_kib()}


def run_stream(path: Path, limit: int, mode: str, as_of: date) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--stream-child", str(path), "--cases", str(limit),
           "--parser", mode, "--as-of", as_of.isoformat()]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


# --- profile ---------------------------------------------------------------------------------------


_JUDGES = ("_monitor", "_intervene", "_report_to_principal", "_report_to_owner", "_investigate", "_hear_child",
           "_measures", "_written_plan", "_evaluate", "_document")


def profile(auditor: Auditor, cases: Sequence[CaseFile], as_of: date, top: int = 25) -> str:
    prof = cProfile.Profile()
    prof.enable()
    run_audit(auditor, cases, as_of)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    # the share of each duty's judge (cumulative, as the profiler sees it)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, tt, _, _) in raw.values())
    rows = []
    for (_file, _line, name), (_cc, nc, _tt, ct, _callers) in raw.items():
        if name in (*_JUDGES, "gather", "_finding", "audit", "tr", "grade", "school_days_between",
                    "working_days_between", "content_words", "for_event", "deadline", "_need", "_last_view"):
            rows.append((ct, name, nc))
    rows.sort(reverse=True)
    buf.write("\ncumulative time of the audit's parts (profiled; shares of the total profiled time):\n")
    for ct, name, nc in rows:
        buf.write(f"  {name:<24} {ct:8.3f} s  {100 * ct / total:5.1f} %  {nc:>10,} calls\n")
    return buf.getvalue()


def breakdown(auditor: Auditor, cases: Sequence[CaseFile], as_of: date) -> str:
    """Time each part of ``Auditor.audit`` on its own, without a profiler: gathering the facts, each
    duty's judge, and what ``_finding`` adds around the judges (law look-up, reference, the finding).
    The per-case contexts are captured from a real audit run (so this follows the audit module as it
    changes); says so if the module no longer has ``_duties``/``_finding``/``gather``."""
    from actionloop.core import audit as audit_module

    if is_compiled():
        return ("breakdown unavailable: the law engine is compiled (its parts call each other natively, out of a "
                "profiler's or this breakdown's reach); run with ACTIONLOOP_PURE_PYTHON=1 to see the parts")
    duties = getattr(auditor, "_duties", None)
    finding = getattr(audit_module, "_finding", None)
    gather = getattr(audit_module, "gather", None)
    if not duties or finding is None or gather is None:
        return "breakdown unavailable: the audit module no longer has _duties/_finding/gather"
    clock = time.perf_counter
    n = len(cases)
    first_duty = duties[0][0]
    ctxs: list[Any] = []

    def spy(ctx: Any, duty: str, judge: Any) -> Any:
        if duty == first_duty:
            ctxs.append(ctx)
        return finding(ctx, duty, judge)

    audit_module._finding = spy  # type: ignore[attr-defined]
    try:
        run_audit(auditor, cases, as_of)
    finally:
        audit_module._finding = finding  # type: ignore[attr-defined]
    if len(ctxs) != n:
        return "breakdown unavailable: could not capture one context per case"
    t0 = clock()
    run_audit(auditor, cases, as_of)
    whole = clock() - t0
    # Case by case (so each case is in the cache, as in a real audit), each part timed on its own.
    ns = time.perf_counter_ns
    spent: dict[str, int] = defaultdict(int)
    names = {duty: f"judge {duty} ({judge.__name__})" for duty, judge in duties}
    wrapper = "_finding around the judges (law look-up, legal ref, Finding)"
    for case, ctx in zip(cases, ctxs, strict=True):
        t = ns()
        gather(case)
        u = ns()
        spent["gather (facts.gather)"] += u - t
        for duty, judge in duties:
            t = ns()
            answer = judge(ctx)
            u = ns()
            finding(ctx, duty, lambda _c, a=answer: a)
            spent[names[duty]] += u - t
            spent[wrapper] += ns() - u
    overhead = ns()
    for _ in range(1000):
        ns()
    clock_cost = (ns() - overhead) / 1000  # one timer read, charged to every part
    rows: list[tuple[str, float]] = []
    for name, total in spent.items():
        reads = n if name.startswith("gather") else (n * len(duties) if name == wrapper else n)
        rows.append((name, max(0.0, (total - reads * clock_cost) / 1e9)))
    parts = sum(t for _, t in rows)
    out = [f"where the audit's time goes ({n:,} cases, case by case, each part timed on its own; "
           f"audit() itself {whole / n * 1e6:,.1f} µs/case, the parts {parts / n * 1e6:,.1f} µs/case):"]
    for name, took in sorted(rows, key=lambda r: -r[1]):
        out.append(f"  {name:<60} {took / n * 1e6:9.1f} µs/case  {100 * took / parts:5.1f} %")
    return "\n".join(out)


# --- output ----------------------------------------------------------------------------------------


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f} cases/s" if seconds > 0 else "-"


def _per_case(n: int, seconds: float) -> str:
    us = seconds / max(1, n) * 1e6
    return f"{us:,.1f} µs" if us < 10_000 else f"{us / 1000:,.1f} ms"


def _mib(kib: int) -> str:
    return f"{kib / 1024:,.0f} MiB"


def print_table(rows: list[tuple[str, str, str, str, str]], title: str) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # pragma: no cover - rich is a dependency
        print(title)
        for row in rows:
            print("  " + " | ".join(row))
        return
    table = Table(title=title, title_justify="left")
    for name, justify in (("measure", "left"), ("result", "right"), ("per case", "right"), ("target", "left"),
                          ("", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(*row)
    Console(width=None if sys.stdout.isatty() else 160).print(table)


def print_findings(findings: dict[str, Counter[str]], n: int) -> None:
    """What the audit found on the warm-up cases (a check that the synthetic mix is a realistic one)."""
    statuses = ("fulfilled", "warning", "breached", "not_applicable", "not_assessable")
    header = f"{'findings, first ' + format(n, ',') + ' cases (%)':<30}" + "".join(f"{s:>16}" for s in statuses)
    print(header)
    for duty, counts in findings.items():
        total = sum(counts.values()) or 1
        print(f"  {duty:<28}" + "".join(f"{100 * counts[s] / total:>16.1f}" for s in statuses))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=None, help="number of cases (default 100000, or the whole --file)")
    ap.add_argument("--file", type=Path, default=None,
                    help="JSON Lines file to read (generated first if it does not exist); default "
                         "bench/data/cases-<N>-seed<S>.jsonl, generated once")
    ap.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    ap.add_argument("--repeat", type=int, default=3, help="timed repetitions (default 3; best and median shown)")
    ap.add_argument("--as-of", type=date.fromisoformat, default=AS_OF, help=f"audit date (default {AS_OF})")
    ap.add_argument("--parser", choices=("auto", "full", "no_schema"), default="auto",
                    help="how to build the in-memory set: the full reader, the reader without its JSON Schema "
                         f"step, or auto (full if it takes under {AUTO_FULL_LIMIT_S:.0f} s, else a sample)")
    ap.add_argument("--parse-sample", type=int, default=500, help="cases parsed with the full reader in auto mode")
    ap.add_argument("--stream-cases", type=int, default=None, help="cases streamed (default: all)")
    ap.add_argument("--no-stream", action="store_true", help="skip the streaming and memory runs")
    ap.add_argument("--profile", action="store_true", help="cProfile over the audit; top 25 by tottime")
    ap.add_argument("--profile-cases", type=int, default=20_000, help="cases profiled (default 20000)")
    ap.add_argument("--breakdown", action="store_true",
                    help="time each part of the audit on its own (facts, each duty's judge, …), no profiler")
    ap.add_argument("--stream-child", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.stream_child is not None:
        mode = "full" if args.parser == "full" else "no_schema"
        print(json.dumps(stream_child(args.stream_child, args.cases, mode, args.as_of)))
        return 0

    load0 = os.getloadavg()[0]
    # 1. the cases
    limit: int | None = args.cases
    if args.file is None:
        limit = limit or 100_000
        path = ROOT / "bench" / "data" / f"cases-{limit}-seed{args.seed}.jsonl"
    else:
        path = args.file
    if not path.exists():
        limit = limit or 100_000
        print(f"generating {limit:,} cases (seed {args.seed}) → {path} …", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        write_jsonl(path, limit, args.seed)
        print(f"  done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    print(f"parsing {path} …", file=sys.stderr, flush=True)
    gc.disable()  # millions of objects stay alive: full collections while loading would be charged to parsing
    try:
        cases, pinfo = load_cases(path, limit, args.parser, args.parse_sample)
    finally:
        gc.enable()
    n = len(cases)
    if n == 0:
        print("no cases", file=sys.stderr)
        return 2
    events = sum(len(c.events) for c in cases)
    gc.collect()
    gc.freeze()  # the parsed set is permanent: keep the cyclic GC from walking it during the timed loops

    # 2. engine and floor, built once
    registry = load_registry()
    auditor = Auditor(registry)
    floor = Floor(registry)

    # 3. warm-up (and a look at what the audit finds, for the record)
    warm = cases[: min(n, 2000)]
    findings: dict[str, Counter[str]] = defaultdict(Counter)
    for case in warm:
        for f in auditor.audit(case, args.as_of).findings:
            findings[f.duty][f.status] += 1
    floor.run(cases)

    # 4. timed, side by side
    print(f"timing audit and floor on {n:,} cases × {args.repeat} …", file=sys.stderr, flush=True)
    audit_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(args.repeat):
        floor_times += timed(lambda: floor.run(cases), 1, "floor")
        audit_times += timed(lambda: run_audit(auditor, cases, args.as_of), 1, "audit")
    replay_times: list[float] = []
    try:
        from actionloop.workflow.replay import replay
    except ImportError:  # pragma: no cover - the engine's replay is optional here
        replay = None  # type: ignore[assignment]
    if replay is not None:
        def run_replay() -> None:
            for case in cases:
                replay(case, registry)
        run_replay()
        replay_times = timed(run_replay, args.repeat)
    # the audit with every finding's message put into words, as the table and JSON output need
    def run_audit_rendered() -> None:
        audit = auditor.audit
        for case in cases:
            for f in audit(case, args.as_of).findings:
                f.message  # noqa: B018 - rendered on access where messages are lazy
    rendered_times = timed(run_audit_rendered, 1)
    illegal, steps = floor.illegal_steps(cases)

    # 5. streaming and memory, in fresh processes
    stream: dict[str, dict[str, Any]] = {}
    k = min(args.stream_cases or n, n)
    # the engine's own reader whenever the set in memory could be built with it
    stream_mode = "full" if pinfo["built_with"] == "full" else "no_schema"
    if not args.no_stream:
        print(f"streaming {k // 2:,} and {k:,} cases ({stream_mode}) …", file=sys.stderr, flush=True)
        stream["half"] = run_stream(path, k // 2, stream_mode, args.as_of)
        stream["whole"] = run_stream(path, k, stream_mode, args.as_of)
    load1 = os.getloadavg()[0]

    # 6. report
    a_best, f_best = min(audit_times), min(floor_times)
    a_rate = n / a_best
    ratio = a_best / f_best
    rows: list[tuple[str, str, str, str, str]] = []
    rows.append(("cases", f"{n:,}", f"{events / n:.1f} events", "≈ 30 events/case", ""))
    if "full" in pinfo:
        fn, fs = pinfo["full"]
        rows.append((f"parse, full reader (JSON Schema){'' if fn == n else f' — {fn:,} cases'}",
                     _rate(fn, fs), _per_case(fn, fs), "", ""))
    if "no_schema" in pinfo:
        fn, fs = pinfo["no_schema"]
        rows.append((f"parse, reader without JSON Schema — {fn:,} cases", _rate(fn, fs), _per_case(fn, fs), "", ""))
    ok = "[green]OK[/]" if a_rate >= TARGET_RATE else "[red]MISS[/]"
    rows.append((f"audit (best of {args.repeat}; median {_rate(n, statistics.median(audit_times))})",
                 _rate(n, a_best), _per_case(n, a_best), f"≥ {TARGET_RATE:,} cases/s", ok))
    rows.append((f"replay floor, dict table (best of {args.repeat})", _rate(n, f_best), _per_case(n, f_best),
                 "perf-limits §2: 9.3 µs (N=30)", ""))
    ok = "[green]OK[/]" if ratio <= TARGET_RATIO else "[red]MISS[/]"
    rows.append(("audit time / floor time", f"{ratio:,.1f} ×", "", f"≤ {TARGET_RATIO:g} ×", ok))
    r_once = rendered_times[0]
    rows.append(("audit + messages rendered (1 run), for reference", _rate(n, r_once), _per_case(n, r_once), "",
                 f"{r_once / f_best:,.1f} × floor"))
    if replay_times:
        r_best = min(replay_times)
        rows.append(("engine replay (workflow.replay), for reference", _rate(n, r_best), _per_case(n, r_best),
                     "", f"{r_best / f_best:,.1f} × floor"))
    if stream:
        whole, half = stream["whole"], stream["half"]
        label = "streaming JSONL → parse → audit" + (" (reader without JSON Schema)" if stream_mode == "no_schema" else "")
        rows.append((f"{label}, {whole['cases']:,} cases", _rate(whole["cases"], whole["seconds"]),
                     _per_case(whole["cases"], whole["seconds"]), "", ""))
        grow = whole["peak_kib"] - half["peak_kib"]
        what = "peak RSS while streaming" if whole["peak_reset"] else "peak RSS (whole process)"
        rows.append((f"{what} {half['cases']:,} cases (N)", _mib(half["peak_kib"]), "",
                     "", f"RSS before: {_mib(half['start_rss_kib'])}"))
        rows.append((f"{what} {whole['cases']:,} cases (2N)", _mib(whole["peak_kib"]), "",
                     "no growth with N", f"{'+' if grow >= 0 else ''}{grow / 1024:,.1f} MiB vs N"))
    title = (f"actionloop audit benchmark — {platform.python_implementation()} {platform.python_version()}, "
             f"1 core, engine {'compiled (mypyc)' if is_compiled() else 'pure Python'}, as of {args.as_of}, "
             f"load avg {load0:.2f} → {load1:.2f}")
    print_table(rows, title)
    a_cpu, f_cpu = min(CPU_TIMES["audit"]), min(CPU_TIMES["floor"])
    print(f"CPU time (process_time), best of {args.repeat}: audit {_rate(n, a_cpu)} ({_per_case(n, a_cpu)}), floor "
          f"{_rate(n, f_cpu)} ({_per_case(n, f_cpu)}), ratio {a_cpu / f_cpu:,.1f} × — steadier than wall time on a busy machine")
    if "projected_full_s" in pinfo:
        print(f"note: the full reader would take ≈ {pinfo['projected_full_s']:,.0f} s for all {n:,} cases; the set "
              f"in memory was built without its JSON Schema step (--parser full to force it).")
    print(f"floor: {illegal:,} of {steps:,} steps ({100 * illegal / max(1, steps):.1f} %) have no transition in "
          f"the table (kept in place, as replay does)")
    if stream_mode == "no_schema" and "full" in pinfo and stream:
        full_n, full_s = pinfo["full"]
        per_case = full_s / max(1, full_n) + a_best / n
        print(f"note: streaming with the full reader (as `actionloop audit FILE.jsonl` does) would run at "
              f"≈ {1 / per_case:,.0f} cases/s (full parse + audit per case).")
    if stream:
        cps = stream["whole"]["checkpoints"]
        print("RSS while streaming 2N (cases: peak / current): " + ", ".join(
            f"{c:,}: {_mib(p)} / {_mib(cur)}" for c, p, cur in cps))
    print_findings(findings, len(warm))

    if args.breakdown:
        print()
        print(breakdown(auditor, cases[: min(args.profile_cases, n)], args.as_of))
    if args.profile:
        k = min(args.profile_cases, n)
        print(f"\ncProfile over the audit of {k:,} cases (top 25 by tottime):")
        print(profile(auditor, cases[:k], args.as_of))
    return 0


if __name__ == "__main__":
    sys.exit(main())
