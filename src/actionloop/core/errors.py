"""The engine's errors. Each carries what a person needs to mend the input: what and where."""

from __future__ import annotations

from dataclasses import dataclass


class ActionloopError(Exception):
    """Base of every error the engine raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in an input: a JSON path (``$.events[3].type``) and a message."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class CaseFileError(ActionloopError):
    """A case file that cannot be read: every problem found, with its place."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{source}:\n{lines}")


class WorkflowDefinitionError(ActionloopError):
    """A workflow file that does not load: the file, the YAML path and what is wrong."""

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file = file
        self.path = path
        self.message = message
        super().__init__(f"{file}: {path}: {message}")


class StepNotAllowed(ActionloopError):
    """A step the workflow does not allow now, with what is missing before it may be taken."""

    def __init__(self, trigger: str, state: str, message: str, missing: tuple[str, ...] = ()) -> None:
        self.trigger = trigger
        self.state = state
        self.missing = missing
        super().__init__(message)
