"""Build hook: the law engine's hot modules compiled to C with mypyc, with a pure-Python fallback.

The audit (``actionloop.core.audit``) and what it reads case by case (``facts``, ``model``,
``calendar``, ``textcheck``, ``policy``, ``workflow.spec``) are plain typed Python, checked by ``mypy --strict``. mypyc turns
the same sources into C extension modules that Python imports in place of the ``.py`` files
(an extension module is found before a source file of the same name); the sources stay in the
package beside them. Nothing changes in behaviour: ``tests/unit/core/test_compiled.py`` audits
the same cases with the compiled and the pure-Python engine and compares the output byte for byte.

* ``pip install .`` builds a wheel with the compiled modules in it (tagged for the platform);
* ``pip install -e .`` compiles them in place under ``src/`` (git-ignored), and writes
  ``src/actionloop/_compiled.json`` with the hash of every compiled source, so that a source edited
  after the build is noticed (``python3 dev.py`` rebuilds; the test suite refuses to run stale);
* with ``ACTIONLOOP_PURE_PYTHON=1``, or where compiling fails (no C compiler, no Python headers),
  the package is pure Python, with a warning: slower, the same results.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"
#: The compiled modules, as paths under src/.
MODULES = (
    "actionloop/core/audit.py",
    "actionloop/core/facts.py",
    "actionloop/core/model.py",
    "actionloop/core/calendar.py",
    "actionloop/core/textcheck.py",
    "actionloop/core/policy.py",
    "actionloop/workflow/spec.py",
)
STAMP = SRC / "actionloop" / "_compiled.json"
EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def source_hashes() -> dict[str, str]:
    """The sha256 of each compiled module's source, by its path under src/."""
    return {m: hashlib.sha256((SRC / m).read_bytes()).hexdigest() for m in MODULES}


def remove_in_place() -> None:
    """Drop compiled modules left in src/ by an earlier editable build (and their stamp)."""
    for path in SRC.glob(f"*__mypyc{EXT_SUFFIX}"):
        path.unlink()
    # Every extension module under src/actionloop, not only those of MODULES: one left over from a
    # module compiled before would be imported instead of its source.
    for built in (SRC / "actionloop").rglob(f"*{EXT_SUFFIX[EXT_SUFFIX.rfind('.'):]}"):
        built.unlink()
    STAMP.unlink(missing_ok=True)


def compile_modules(out: Path) -> list[Path]:
    """Compile MODULES with mypyc into ``out`` (the layout of site-packages); the built files."""
    with tempfile.TemporaryDirectory(prefix="actionloop-mypyc-") as tmp:
        script = (
            "import sys\n"
            "from mypyc.build import mypycify\n"
            "from setuptools import setup\n"
            "modules, c_dir, lib_dir, tmp_dir = sys.argv[1].split(','), sys.argv[2], sys.argv[3], sys.argv[4]\n"
            "setup(name='actionloop-engine', ext_modules=mypycify(modules, opt_level='3', target_dir=c_dir),\n"
            "      script_args=['build_ext', '--build-lib', lib_dir, '--build-temp', tmp_dir])\n"
        )
        files = ",".join(str(Path("src") / m) for m in MODULES)
        result = subprocess.run(
            [sys.executable, "-c", script, files, f"{tmp}/c", str(out), f"{tmp}/obj"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise RuntimeError((result.stdout + result.stderr).strip()[-3000:])
    built = sorted(p for p in out.rglob(f"*{EXT_SUFFIX}"))
    if len(built) < len(MODULES):
        raise RuntimeError(f"mypyc built {len(built)} modules, expected {len(MODULES)}")
    return built


class MypycBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        editable = version == "editable"
        if editable:
            remove_in_place()
        if os.environ.get("ACTIONLOOP_PURE_PYTHON") == "1":
            self.app.display_info("actionloop: ACTIONLOOP_PURE_PYTHON=1, the law engine stays pure Python")
            return
        out = Path(tempfile.mkdtemp(prefix="actionloop-build-"))
        self._out = out
        self.app.display_info("actionloop: compiling the law engine with mypyc (about a minute) …")
        try:
            built = compile_modules(out)
        except Exception as exc:  # no compiler, no headers, mypyc refused: pure Python still works
            self.app.display_warning(
                "actionloop: compiling the law engine failed; installing it as pure Python "
                f"(the same results, slower). Reason:\n{exc}"
            )
            return
        if editable:
            for path in built:
                target = SRC / path.relative_to(out)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
            STAMP.write_text(json.dumps(source_hashes(), indent=2, sort_keys=True) + "\n")
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path in built:
            build_data["force_include"][str(path)] = path.relative_to(out).as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
