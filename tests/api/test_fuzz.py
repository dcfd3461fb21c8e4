"""Property-based fuzzing of the whole API from its own OpenAPI document (schemathesis): whatever
the input — valid by the schema or deliberately not — the server never answers 5xx.

Every operation the document lists is fuzzed (so a new route is fuzzed without a change here).
Half of the generated case ids are replaced by a real case, so that bodies and parameters reach the
code behind the access check. Bounded: a few dozen examples per operation and mode, well under a
minute in all."""

from __future__ import annotations

import time
import zlib
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from .world import World

EXAMPLES = 12


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_input_gives_a_server_error(world_app: tuple[FastAPI, World], mode: GenerationMode) -> None:
    app, world = world_app
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    operations = 0
    timings: list[tuple[float, str]] = []
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        operations += 1

        @given(case=operation.as_strategy(mode))
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                  database=None)
        def fuzz(case: schemathesis.Case[Any]) -> None:
            params = case.path_parameters or {}
            if "case_id" in params and zlib.crc32(str(params["case_id"]).encode()) % 2 == 0:
                params["case_id"] = world.case_ids["A"]
            role = "principal1" if zlib.crc32(repr(case.body).encode()) % 3 else "owner1"
            response = case.call(headers=world.headers(role))
            case.validate_response(response, checks=[not_a_server_error])

        op_started = time.monotonic()
        try:
            fuzz()
        except Unsatisfiable:
            pass  # nothing to make invalid (an operation without parameters)
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:2000]}")
        timings.append((time.monotonic() - op_started, operation.label))
    assert operations >= 20
    print(f"fuzzed {operations} operations in {time.monotonic() - started:.1f} s; slowest:",
          ", ".join(f"{label} {t:.1f} s" for t, label in sorted(timings, reverse=True)[:3]))
    assert not failures, "\n\n".join(failures)
