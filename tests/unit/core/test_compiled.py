"""The compiled law engine (mypyc, hatch_build.py) gives exactly what its pure-Python sources give.

Both run in fresh processes over the same cases: every bundled example and 1,500 generated cases
(every setting, law version and outcome the generator makes), audited as JSON, and the deadlines of
every example. ``ACTIONLOOP_PURE_PYTHON=1`` makes a process import the sources. Without a compiled
build (no C compiler) the comparison is skipped, unless ``ACTIONLOOP_REQUIRE_COMPILED=1`` (CI),
which makes it fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from actionloop.compiled import is_compiled
from bench_generator import load_generator

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"


def _actionloop(*args: str, pure: bool) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "ACTIONLOOP_PURE_PYTHON"}
    if pure:
        env["ACTIONLOOP_PURE_PYTHON"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "actionloop", *args], env=env, capture_output=True, check=False, timeout=600
    )


def _need_compiled() -> None:
    if is_compiled():
        return
    message = "the law engine is not compiled here (pure-Python install)"
    if os.environ.get("ACTIONLOOP_REQUIRE_COMPILED") == "1":
        pytest.fail(message + " and ACTIONLOOP_REQUIRE_COMPILED=1")
    pytest.skip(message)


def test_pure_python_can_be_chosen_per_process() -> None:
    probe = "from actionloop.compiled import is_compiled; import actionloop.core.audit as a; print(is_compiled(), a.__file__)"
    env = {**os.environ, "ACTIONLOOP_PURE_PYTHON": "1"}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True).stdout
    compiled, path = out.split()
    assert compiled == "False"
    assert path.endswith("audit.py")


@pytest.fixture(scope="module")
def generated_cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compiled") / "cases.jsonl"
    load_generator().write_jsonl(path, 1500, seed=7, progress=False)
    return path


def test_compiled_and_pure_python_audit_alike(generated_cases: Path) -> None:
    _need_compiled()
    examples = sorted(str(p) for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))
    args = ("audit", *examples, str(generated_cases), "--format", "json", "--today", "2026-11-23")
    compiled, pure = _actionloop(*args, pure=False), _actionloop(*args, pure=True)
    assert compiled.returncode == pure.returncode == 0, (compiled.stderr, pure.stderr)
    assert len(compiled.stdout) > 1_000_000
    assert compiled.stdout == pure.stdout


def test_compiled_and_pure_python_deadlines_alike() -> None:
    _need_compiled()
    for example in sorted(EXAMPLES.glob("*.json")):
        if example.name.endswith(".expected.json"):
            continue
        args = ("deadlines", str(example), "--today", "2025-06-01")
        compiled, pure = _actionloop(*args, pure=False), _actionloop(*args, pure=True)
        assert (compiled.returncode, compiled.stdout) == (pure.returncode, pure.stdout), example.name
