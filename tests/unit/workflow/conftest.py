"""Fixtures for the workflow package tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from actionloop.workflow.registry import WorkflowRegistry, load_registry

HERE = Path(__file__).resolve().parent
# The tests import their case builders as ``wf_builders`` (a plain module beside this file),
# whatever import mode or packages the rest of the suite uses.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

WORKFLOWS = HERE.parents[2] / "workflows"


@pytest.fixture(scope="session")
def registry() -> WorkflowRegistry:
    return load_registry(WORKFLOWS)
