"""The law engine behind the storage: the state, the workflow of each event and the next deadline of
a stored case, and the check that a new step is allowed.

Everything here is a function of the case's events alone (the deadlines are computed as of the
last event's day, so ``due`` dates do not depend on when the projection was built): a rebuilt
projection equals the one kept live.
"""

from __future__ import annotations

import dataclasses

from actionloop.app.projection import WorkflowView
from actionloop.core.deadlines import open_deadlines
from actionloop.core.model import CaseFile
from actionloop.core.policy import Policy
from actionloop.workflow.registry import WorkflowRegistry, load_registry
from actionloop.workflow.replay import replay
from actionloop.workflow.steps import check_event


class WorkflowInterpreter:
    """:class:`actionloop.app.projection.CaseInterpreter` over the workflow registry."""

    def __init__(self, registry: WorkflowRegistry | None = None, policy: Policy | None = None) -> None:
        self.registry = registry if registry is not None else load_registry()
        self.policy = policy if policy is not None else Policy()

    def _versioned(self, workflow_id: str | None) -> str | None:
        if workflow_id is None or workflow_id not in self.registry:
            return workflow_id
        return f"{workflow_id}@{self.registry.get(workflow_id).version}"

    def interpret(self, case: CaseFile) -> WorkflowView:
        state = replay(case, self.registry, case.case.lang)
        main: str | None = None
        if state.workflow_id is not None and state.workflow_id in self.registry:
            first_track = self.registry.get(state.workflow_id).tracks[0].id
            main = state.state(first_track)
        due = None
        duty = None
        if case.events:
            deadlines = open_deadlines(case, self.registry, case.events[-1].day, self.policy, lang=case.case.lang)
            if deadlines:
                due, duty = deadlines[0].due, deadlines[0].duty
        return WorkflowView(
            state=main,
            next_deadline=due,
            next_deadline_duty=duty,
            workflow_ids=tuple(self._versioned(w) for w in state.event_workflows),
        )

    def check_step(self, case: CaseFile, lang: str) -> None:
        """Raise :class:`actionloop.core.errors.StepNotAllowed` unless the workflow allows the
        case's last event after the ones before it."""
        if not case.events:
            return
        before = dataclasses.replace(case, events=case.events[:-1])
        check_event(before, case.events[-1], self.registry, lang)
