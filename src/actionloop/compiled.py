"""Whether the law engine runs compiled (mypyc, see ``hatch_build.py``) or as pure Python.

The compiled modules are the same sources turned into C extension modules; Python imports them
in place of the ``.py`` files. ``ACTIONLOOP_PURE_PYTHON=1`` in the environment makes a process
import the sources instead (for comparing the two, or to rule the compiled build out when
looking for a fault); the results are the same, only slower.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: Written by an editable install that compiled the engine in place: {path under src/: sha256}.
STAMP = PACKAGE_DIR / "_compiled.json"


def is_compiled() -> bool:
    """Whether ``actionloop.core.audit`` was loaded from a compiled extension module."""
    from actionloop.core import audit

    return not (audit.__file__ or "").endswith(".py")


def stale_sources() -> list[str]:
    """The compiled sources edited since the in-place build (empty when nothing was built in
    place, as in an installed wheel, where sources and compiled modules come together)."""
    if not STAMP.exists():
        return []
    built: dict[str, str] = json.loads(STAMP.read_text(encoding="utf-8"))
    src = PACKAGE_DIR.parent
    stale = []
    for path, digest in sorted(built.items()):
        source = src / path
        if not source.exists() or hashlib.sha256(source.read_bytes()).hexdigest() != digest:
            stale.append(path)
    return stale


def use_pure_python() -> None:
    """From now on, import actionloop's modules from their ``.py`` sources, never from compiled
    extension modules. Call before any ``actionloop.core`` module is imported."""
    root = str(PACKAGE_DIR)

    def source_only(path: str) -> importlib.machinery.FileFinder:
        if path == root or path.startswith(root + "/"):
            return importlib.machinery.FileFinder(
                path, (importlib.machinery.SourceFileLoader, importlib.machinery.SOURCE_SUFFIXES)
            )
        raise ImportError(path)

    sys.path_hooks.insert(0, source_only)
    for path in list(sys.path_importer_cache):
        if path == root or path.startswith(root + "/"):
            del sys.path_importer_cache[path]
