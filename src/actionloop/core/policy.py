"""Local deadlines: what a municipality or other owner chooses, on top of the law.

The workflow files give each duty a legal term and two defaults: the local deadline
(``local_default``; missing it is a *warning*) and the point where a delay is clearly beyond what
the case allowed (``breach_after``; a *breach*). An owner may change both in a policy file:

.. code-block:: yaml

    owners:
      "Eksempel kommune":
        investigate:
          normal: {local_default: {amount: 1, unit: school_days}}
      "*":                       # every other owner
        report_to_principal:
          normal: {local_default: {amount: 0, unit: school_days}}
    due_soon: {amount: 2, unit: school_days}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from actionloop.core.errors import ActionloopError
from actionloop.workflow.spec import DUTIES, DeadlineSpec, Term, WorkflowSpec

UNITS = ("school_days", "working_days", "days", "hours")
VARIANTS = ("normal", "serious", "staff")


class PolicyError(ActionloopError):
    def __init__(self, source: str, path: str, message: str) -> None:
        super().__init__(f"{source}: {path}: {message}")


@dataclass(frozen=True, slots=True)
class Override:
    local_default: Term | None = None
    breach_after: Term | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    """Owner-specific deadlines. ``Policy()`` is the workflows' own defaults."""

    #: owner name (or ``*``) -> duty -> variant -> override
    owners: Mapping[str, Mapping[str, Mapping[str, Override]]] = field(default_factory=dict)
    #: How early an open duty is shown as «due soon».
    due_soon: Term = field(default_factory=lambda: Term(2, "school_days"))

    def deadline(self, workflow: WorkflowSpec, duty: str, variant: str, owner: str | None) -> DeadlineSpec | None:
        """The deadline for ``duty`` in ``variant`` for a case of ``owner``, overrides applied."""
        base = workflow.duties[duty].deadline(variant)
        if base is None or not self.owners:
            return base
        for key in (owner, "*"):
            if key is None or key not in self.owners:
                continue
            per_duty = self.owners[key].get(duty, {})
            override = per_duty.get(variant) or (per_duty.get("normal") if variant not in workflow.duties[duty].deadlines else None)
            if override is not None:
                return replace(
                    base,
                    local_default=override.local_default or base.local_default,
                    breach_after=override.breach_after or base.breach_after,
                )
        return base


def _term(value: Any, source: str, path: str) -> Term:
    if not isinstance(value, dict) or set(value) != {"amount", "unit"}:
        raise PolicyError(source, path, "forventet {amount: <heltall>, unit: <enhet>}")
    amount, unit = value["amount"], value["unit"]
    if not isinstance(amount, int) or amount < 0:
        raise PolicyError(source, f"{path}.amount", "må være et heltall ≥ 0")
    if unit not in UNITS:
        raise PolicyError(source, f"{path}.unit", f"ukjent enhet «{unit}»; gyldige: {', '.join(UNITS)}")
    return Term(amount, unit)


def parse_policy(data: Any, source: str = "<policy>") -> Policy:
    if data is None:
        return Policy()
    if not isinstance(data, dict):
        raise PolicyError(source, "$", "en policyfil må være et objekt med «owners» og/eller «due_soon»")
    unknown = set(data) - {"owners", "due_soon"}
    if unknown:
        raise PolicyError(source, f"$.{sorted(unknown)[0]}", "ukjent felt")
    owners: dict[str, dict[str, dict[str, Override]]] = {}
    for owner, duties in (data.get("owners") or {}).items():
        if not isinstance(duties, dict):
            raise PolicyError(source, f"$.owners.{owner}", "forventet plikter med frister")
        owners[str(owner)] = {}
        for duty, variants in duties.items():
            path = f"$.owners.{owner}.{duty}"
            if duty not in DUTIES:
                raise PolicyError(source, path, f"ukjent plikt «{duty}»; gyldige: {', '.join(DUTIES)}")
            if not isinstance(variants, dict):
                raise PolicyError(source, path, "forventet varianter (normal, serious, staff)")
            owners[str(owner)][duty] = {}
            for variant, values in variants.items():
                vpath = f"{path}.{variant}"
                if variant not in VARIANTS:
                    raise PolicyError(source, vpath, f"ukjent variant «{variant}»; gyldige: {', '.join(VARIANTS)}")
                if not isinstance(values, dict) or not values or set(values) - {"local_default", "breach_after"}:
                    raise PolicyError(source, vpath, "forventet local_default og/eller breach_after")
                owners[str(owner)][duty][variant] = Override(
                    local_default=_term(values["local_default"], source, f"{vpath}.local_default") if "local_default" in values else None,
                    breach_after=_term(values["breach_after"], source, f"{vpath}.breach_after") if "breach_after" in values else None,
                )
    due_soon = _term(data["due_soon"], source, "$.due_soon") if "due_soon" in data else Term(2, "school_days")
    return Policy(owners=owners, due_soon=due_soon)


def load_policy(path: Path) -> Policy:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(str(path), "$", f"kan ikke leses: {exc}") from None
    return parse_policy(data, str(path))
