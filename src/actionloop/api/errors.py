"""Errors as HTTP answers, in one place. Every error body has the same shape::

    {"error": "stale_write", "message": "…in the request's language…", …facts…,
     "problems": [{"path": "$.event.at", "message": "…"}]}

Engine and service errors map as: ``StepNotAllowed`` → 409 with the workflow's reason;
``CaseFileError`` → 422 with JSON paths; ``StaleWrite`` → 409 with the current seq and state;
not found (or not visible) → 404; ``InvalidInput`` → 422; ``LoginRefused`` → 401;
``LoginRateLimited`` → 429 with ``Retry-After``; other conflicts → 409. Anything else is a 500 that
is logged with an error id, the route and the exception's type and place — never its text, which
could hold a name.
"""

from __future__ import annotations

import logging
import secrets
import traceback
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request

from actionloop.api.i18n import field_error, json_path, message, negotiate
from actionloop.api.state import ApiState
from actionloop.app.errors import (
    CaseNotFound,
    Conflict,
    InvalidInput,
    LoginRateLimited,
    LoginRefused,
    NotFound,
    ServiceError,
    StaleWrite,
)
from actionloop.core.errors import CaseFileError, Problem, StepNotAllowed
from actionloop.docview import DocumentError

log = logging.getLogger("actionloop.api")


class ApiError(Exception):
    """An error the API answers on purpose: a status, a message key of :mod:`actionloop.api.i18n`,
    its fields, and facts for the body."""

    def __init__(
        self,
        status: int,
        key: str,
        *,
        problems: Sequence[Problem] = (),
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> None:
        self.status = status
        self.key = key
        self.fields = fields
        self.problems = list(problems)
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})
        super().__init__(key)


def not_found_case(case_id: str) -> ApiError:
    """The one answer for a case that does not exist and for one the caller may not see."""
    return ApiError(404, "case_not_found", case_id=case_id, extra={"case_id": case_id})


def body(error: str, text: str, problems: Sequence[Mapping[str, str]] = (), **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"error": error, "message": text, **extra}
    if problems:
        out["problems"] = list(problems)
    return out


def _problems(problems: Sequence[Problem]) -> list[dict[str, str]]:
    return [{"path": p.path, "message": p.message} for p in problems]


def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    lang = negotiate(request)
    text = message(exc.key, lang, **exc.fields)
    return JSONResponse(body(exc.key, text, _problems(exc.problems), **exc.extra), exc.status, headers=exc.headers)


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    lang = negotiate(request)
    problems = []
    for error in exc.errors():
        loc = [p for p in error.get("loc", ()) if isinstance(p, (str, int))]
        problems.append({"path": json_path(loc), "message": field_error(str(error.get("type", "")), error.get("ctx"), lang)})
    return JSONResponse(body("invalid_request", message("invalid_request", lang), problems), 422)


def _case_file_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, CaseFileError)
    lang = negotiate(request)
    return JSONResponse(body("invalid_case_file", message("invalid_case_file", lang), _problems(exc.problems)), 422)


def _step_not_allowed(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StepNotAllowed)
    return JSONResponse(body(
        "step_not_allowed", str(exc), trigger=exc.trigger, state=exc.state or None, missing=list(exc.missing),
    ), 409)


def _document_error(request: Request, exc: Exception) -> JSONResponse:
    lang = negotiate(request)
    return JSONResponse(body("document", message("document", lang, reason=str(exc))), 409)


def _service_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    lang = negotiate(request)
    if isinstance(exc, CaseNotFound):
        return _api_error(request, not_found_case(exc.case_id))
    if isinstance(exc, StaleWrite):
        state = _current_state(request, exc.case_id)
        text = message("stale_write", lang, current_seq=exc.current_seq, expected_seq=exc.expected_seq)
        return JSONResponse(body(
            "stale_write", text, case_id=exc.case_id, expected_seq=exc.expected_seq, current_seq=exc.current_seq,
            state=state,
        ), 409)
    if isinstance(exc, NotFound):
        return JSONResponse(body("not_found", exc.message(lang)), 404)
    if isinstance(exc, InvalidInput):
        problem = {"path": "$." + exc.field, "message": exc.message(lang)}
        return JSONResponse(body("invalid_request", message("invalid_request", lang), [problem]), 422)
    if isinstance(exc, LoginRateLimited):
        return JSONResponse(body("login_rate_limited", exc.message(lang), retry_after=exc.retry_after), 429,
                            headers={"Retry-After": str(exc.retry_after)})
    if isinstance(exc, LoginRefused):
        return JSONResponse(body("login_refused", exc.message(lang)), 401)
    if isinstance(exc, Conflict):
        return JSONResponse(body(exc.key or "conflict", exc.message(lang)), 409)
    return JSONResponse(body(exc.key or "error", exc.message(lang)), 400)


def _current_state(request: Request, case_id: str) -> str | None:
    """The case's workflow state now (for a stale write's answer); None if it cannot be read."""
    api: ApiState = request.app.state.api
    try:
        return api.services.cases.summary(case_id).state
    except Exception:  # pragma: no cover - the 409 is still right without it
        return None


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    lang = negotiate(request)
    headers = dict(exc.headers or {})
    if exc.status_code == 404:
        return JSONResponse(body("not_found", message("not_found", lang)), 404, headers=headers)
    if exc.status_code == 405:
        return JSONResponse(body("method_not_allowed", message("method_not_allowed", lang, method=request.method)),
                            405, headers=headers)
    if exc.status_code == 401:
        return JSONResponse(body("not_authenticated", message("not_authenticated", lang)), 401, headers=headers)
    return JSONResponse(body("error", str(exc.detail)), exc.status_code, headers=headers)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    error_id = secrets.token_hex(6)
    frames = [f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}:{f.name}" for f in traceback.extract_tb(exc.__traceback__)]
    route = request.scope.get("route")
    log.error(
        "unexpected error",
        extra={"error_id": error_id, "route": getattr(route, "path", None), "method": request.method,
               "exception": type(exc).__name__, "frames": frames[-8:]},
    )
    lang = negotiate(request)
    return JSONResponse(body("internal", message("internal", lang, error_id=error_id), error_id=error_id), 500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(CaseFileError, _case_file_error)
    app.add_exception_handler(StepNotAllowed, _step_not_allowed)
    app.add_exception_handler(DocumentError, _document_error)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
