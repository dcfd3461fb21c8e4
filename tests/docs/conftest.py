"""Fixtures for the document tests, and the LibreOffice rule.

Tests marked ``@pytest.mark.libreoffice`` need LibreOffice (``soffice``). Without it they are
skipped, unless ``ACTIONLOOP_REQUIRE_LIBREOFFICE=1`` (as in CI), which makes them fail instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# The tests import their helpers as ``docs_helpers`` (a plain module beside this file).
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


def libreoffice_required() -> bool:
    return os.environ.get("ACTIONLOOP_REQUIRE_LIBREOFFICE") == "1"


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("libreoffice") is None:
        return
    from actionloop.adapters.docs.pdf import find_soffice

    if find_soffice() is not None:
        return
    message = "LibreOffice (soffice) is not installed"
    if libreoffice_required():
        pytest.fail(message + " and ACTIONLOOP_REQUIRE_LIBREOFFICE=1")
    pytest.skip(message)
