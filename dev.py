#!/usr/bin/env python3
"""Set-up and the two everyday jobs, on a machine with nothing but Python 3.11+.

    python3 dev.py run     # install into .venv, then the app with demo data on http://127.0.0.1:8000
    python3 dev.py test    # install into .venv, then every quality gate and the whole test suite

Both create ``.venv`` beside this file on first use, and reinstall when pyproject.toml or
hatch_build.py changes, or when a source of the compiled law engine changed since it was built.
The install compiles the engine with mypyc (about a minute; pure Python where that fails).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def _run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by any python3
        sys.exit("actionloop needs Python 3.11 or newer")
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + (ROOT / "hatch_build.py").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PY.exists() and not compiled_engine_stale():
        return
    if not PY.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    _run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    print("Installing actionloop and its tools into .venv (compiling the law engine takes about a minute) …", flush=True)
    _run(PY, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]")
    stamp.write_text(digest)


def compiled_engine_stale() -> bool:
    """Whether a source of the law engine compiled in place (hatch_build.py) changed since:
    ``actionloop.compiled.stale_sources``, loaded from its file (it needs nothing but the standard
    library, and the venv may not exist yet)."""
    spec = importlib.util.spec_from_file_location("_actionloop_compiled", ROOT / "src" / "actionloop" / "compiled.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return bool(module.stale_sources())


def run(args: list[str]) -> None:
    """The demo municipality in the embedded SQLite database (./data/actionloop.db; made once,
    never duplicated), then the app on http://127.0.0.1:8000 until Ctrl+C. Extra arguments go to
    ``actionloop serve`` (e.g. ``--port 8080``)."""
    ensure_venv()
    actionloop = BIN / "actionloop"
    _run(actionloop, "demo")
    print("+", actionloop, "serve", *args, flush=True)
    try:
        sys.exit(subprocess.run([str(actionloop), "serve", *args], cwd=ROOT).returncode)
    except KeyboardInterrupt:
        sys.exit(0)


def test(args: list[str]) -> None:
    ensure_venv()
    _run(BIN / "ruff", "check", "src", "tests", "bench", "dev.py", "hatch_build.py")
    _run(BIN / "mypy", "--strict", "src")
    _run(BIN / "lint-imports", "--config", "pyproject.toml")
    _run(PY, "-m", "pytest", *args)


def main() -> None:
    jobs = {"run": run, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in jobs:
        sys.exit(__doc__)
    jobs[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
