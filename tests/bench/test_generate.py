"""The benchmark's synthetic case generator: valid case files, deterministic, a realistic mix."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from actionloop.core.casefile import from_dict
from bench_generator import load_generator

gen = load_generator()


@pytest.mark.parametrize(("seed", "start", "n"), [(1, 0, 2000), (2, 0, 1000), (7, 50_000, 500), (1, 99_500, 500)])
def test_every_generated_case_is_a_valid_case_file(seed: int, start: int, n: int) -> None:
    """4,000 cases from four seeds/offsets all pass the real reader (schema, references, order)."""
    for case in gen.generate(n, seed, start=start):
        parsed = from_dict(case, source=case["case"]["id"])
        assert parsed.to_dict() == case  # and export gives back the same file


def test_the_same_seed_gives_the_same_cases() -> None:
    first = [gen.dump_line(c) for c in gen.generate(200, 42)]
    again = [gen.dump_line(c) for c in gen.generate(200, 42)]
    assert first == again
    other = [gen.dump_line(c) for c in gen.generate(200, 43)]
    assert first != other


def test_a_case_depends_only_on_seed_and_index() -> None:
    whole = list(gen.generate(30, 5))
    assert list(gen.generate(10, 5, start=20)) == whole[20:]


def test_the_mix() -> None:
    """Settings, languages, law versions, offenders and outcomes in about the proportions asked for."""
    cases = list(gen.generate(3000, 1))
    n = len(cases)
    lengths = [len(c["events"]) for c in cases]
    assert min(lengths) >= gen.MIN_EVENTS and max(lengths) <= gen.MAX_EVENTS
    assert 26 <= sum(lengths) / n <= 34
    settings = Counter(c["case"]["setting"] for c in cases)
    assert abs(settings["school"] / n - 0.60) < 0.04
    assert abs(settings["sfo"] / n - 0.10) < 0.03
    assert abs(settings["kindergarten"] / n - 0.30) < 0.04
    assert {c["case"].get("language") for c in cases} == {"nb", "nn", "en", None}
    school = [c for c in cases if c["case"]["setting"] != "kindergarten"]
    kinder = [c for c in cases if c["case"]["setting"] == "kindergarten"]
    old = [c for c in school if c["events"][-1]["at"][:10] < "2024-08-01"]
    new = [c for c in school if c["events"][0]["at"][:10] >= "2024-08-01"]
    spanning = [c for c in school if c["events"][0]["at"][:10] < "2024-08-01" <= c["events"][-1]["at"][:10]]
    assert len(old) > 0.3 * len(school) and len(new) > 0.2 * len(school) and len(spanning) > 0.02 * len(school)
    assert min(c["events"][0]["at"][:4] for c in school) == "2019"
    assert min(c["events"][0]["at"][:4] for c in kinder) >= "2021"
    assert max(c["events"][-1]["at"][:10] for c in cases) <= gen.END.isoformat()
    types = Counter(e["type"] for c in cases for e in c["events"])
    for kind in ("intervention", "report_to_owner", "serious", "child_left", "raised_with_principal",
                 "sf_report", "sf_decision", "sf_order_done", "coercive_fine", "note", "observation"):
        assert types[kind] > 0, kind
    assert not any(e["type"].startswith("sf_") for c in kinder for e in c["events"])
    offenders = Counter(c["events"][0]["offender"] for c in cases)
    assert offenders["child"] > 0.75 * n and offenders["staff"] > 0.04 * n and offenders["leadership"] > 0.01 * n
    closed_unsafe = sum(1 for c in cases if any(e["type"] == "closed" and e.get("child_view") == "not_safe"
                                                   for e in c["events"]))
    still_open = sum(1 for c in cases if c["events"][-1]["type"] not in ("closed", "child_left"))
    revised = sum(1 for c in cases if sum(e["type"] == "plan" for e in c["events"]) > 1)
    assert closed_unsafe > 0.02 * n and still_open > 0.05 * n and revised > 0.2 * n


def test_statsforvaltaren_path() -> None:
    """raised_with_principal → sf_report at least five working days (and a week) later → decision →
    orders carried out (or a coercive fine first), all by people in the file."""
    found = 0
    for case in gen.generate(2000, 3):
        events = case["events"]
        kinds = [e["type"] for e in events]
        if "raised_with_principal" not in kinds:
            continue
        found += 1
        assert case["case"]["setting"] in ("school", "sfo")
        raised = events[kinds.index("raised_with_principal")]
        if "sf_report" in kinds:
            report = events[kinds.index("sf_report")]
            from datetime import date

            days = (date.fromisoformat(report["at"][:10]) - date.fromisoformat(raised["at"][:10])).days
            assert days > 7
            assert raised["by"] in ("g1", "c1") and report["by"] == raised["by"]
        for e in events:
            if e["type"] == "sf_decision" and e["outcome"] == "not_fulfilled":
                assert e["orders"] and all("deadline" in o for o in e["orders"])
    assert found > 20


def test_names_are_from_the_lists() -> None:
    first, last = set(gen.FIRST_NAMES), set(gen.LAST_NAMES)
    for case in gen.generate(300, 9):
        for person in case["people"]:
            if person["id"] == "sf1":
                continue
            given, family = person["name"].split(" ")
            assert given in first and family in last


def test_command_line_writes_json_lines(tmp_path: Path) -> None:
    out = tmp_path / "data" / "cases.jsonl"
    assert gen.main(["--cases", "25", "--seed", "3", "--out", str(out)]) == 0
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 25
    assert [json.loads(line) for line in lines] == list(gen.generate(25, 3))
