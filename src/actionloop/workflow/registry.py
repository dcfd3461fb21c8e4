"""All workflows of a folder, loaded and validated once, each compiled into its machines and its
transition table; and the look-up of the workflow in force for a setting on a day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

from transitions import Machine

from actionloop.core.errors import WorkflowDefinitionError
from actionloop.resources import data_dir
from actionloop.workflow.loader import load_workflow, workflow_files
from actionloop.workflow.machine import CompiledWorkflow, Table
from actionloop.workflow.spec import WorkflowSpec
from actionloop.workflow.validate import ROOT, validate_registry

#: The settings whose cases follow another setting's workflows (SFO follows the school's).
SETTING_ALIASES = {"sfo": "school"}


class WorkflowRegistry:
    """Workflows by id, with one compiled form (machines + table) each. Immutable once built."""

    def __init__(self, specs: Iterable[WorkflowSpec]) -> None:
        ordered = sorted(specs, key=lambda s: (s.valid_from, s.id))
        validate_registry(ordered)
        self._specs: dict[str, WorkflowSpec] = {s.id: s for s in ordered}
        self._compiled: dict[str, CompiledWorkflow] = {s.id: CompiledWorkflow.build(s) for s in ordered}
        self._by_setting: dict[str, tuple[WorkflowSpec, ...]] = {}
        for spec in ordered:
            for setting in spec.settings:
                self._by_setting[setting] = (*self._by_setting.get(setting, ()), spec)

    def __len__(self) -> int:
        return len(self._specs)

    def __contains__(self, workflow_id: object) -> bool:
        return workflow_id in self._specs

    def all(self) -> tuple[WorkflowSpec, ...]:
        """Every workflow, the oldest first."""
        return tuple(self._specs.values())

    def get(self, workflow_id: str) -> WorkflowSpec:
        """The workflow ``workflow_id`` (KeyError if there is none)."""
        return self._specs[workflow_id]

    def for_event(self, setting: str, day: date) -> WorkflowSpec | None:
        """The workflow in force for ``setting`` on ``day`` (SFO uses the school's workflows when
        no workflow names SFO itself), or None."""
        candidates = self._by_setting.get(setting)
        if candidates is None and setting in SETTING_ALIASES:
            candidates = self._by_setting.get(SETTING_ALIASES[setting])
        for spec in candidates or ():
            if spec.valid_from <= day and (spec.valid_to is None or day <= spec.valid_to):
                return spec
        return None

    def compiled(self, workflow_id: str) -> CompiledWorkflow:
        return self._compiled[workflow_id]

    def machine(self, workflow_id: str, track_id: str) -> Machine:
        """The one ``transitions.Machine`` of a workflow's track, built when the registry loaded."""
        return self._compiled[workflow_id].machines[track_id]

    def table(self, workflow_id: str) -> Table:
        """The plain transition table ``(track, state, trigger) -> ((guards, dest), ...)``."""
        return self._compiled[workflow_id].table


def load_registry(path: Path | None = None) -> WorkflowRegistry:
    """Load and validate every workflow in ``path`` (default: the shipped ``workflows/`` folder,
    loaded once and cached). Any problem raises :class:`WorkflowDefinitionError`."""
    if path is None:
        return _default_registry()
    return _load(path)


@lru_cache(maxsize=1)
def _default_registry() -> WorkflowRegistry:
    return _load(data_dir("workflows"))


def _load(path: Path) -> WorkflowRegistry:
    if path.is_file():
        return WorkflowRegistry([load_workflow(path)])
    if not path.is_dir():
        raise WorkflowDefinitionError(str(path), ROOT, "mappen eller filen finnes ikke")
    files = workflow_files(path)
    if not files:
        raise WorkflowDefinitionError(str(path), ROOT, "mappen har ingen arbeidsflyter (*.yaml)")
    return WorkflowRegistry([load_workflow(f) for f in files])
