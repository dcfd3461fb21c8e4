"""A shorter way through FastAPI for the busiest writes, with the same answers.

FastAPI solves a route's parameters afresh on every request: it walks the tree of dependencies
(:data:`actionloop.api.deps.CallerDep` with the session cookie, the bearer token and ``lang``),
checks each header, query and path parameter against its declaration and validates the body, in
general code that asks at every step what kind of parameter it has. On ``POST /api/cases`` that
costs more than the rest of FastAPI's request handling together.

:class:`WriteRoute` is a FastAPI route (declared, documented in the OpenAPI and validated exactly as
any other) whose handler first tries the common case directly: a JSON body that the route's own
body field accepts, at most one ``Idempotency-Key`` header of an allowed length, path parameters
that pass the route's own checks. Then it calls the same :func:`actionloop.api.deps.get_caller`
(the same authentication and access rules, and the same errors) and the endpoint with the same
values FastAPI would give it. Whatever is not that common case — a body that is not JSON or does
not validate, another content type, a header too long or repeated, dependency overrides, FastAPI's
telemetry switched on — goes to FastAPI's own handler, untouched, which answers as always (the 422
with the field's path and message, and so on). Nothing has been done for the request at that point
but reading it, so it is handled once.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from fastapi import APIRouter, Request, Response
from fastapi import routing as fastapi_routing
from fastapi.routing import APIRoute

try:  # FastAPI internals the short way uses (as of FastAPI 0.165); elsewhere, FastAPI's own way
    from fastapi.dependencies.utils import request_params_to_args
    from fastapi.telemetry import get_telemetry_data

    SHORT_WAY = True
except ImportError:  # pragma: no cover - another FastAPI release
    SHORT_WAY = False

from actionloop.api.deps import _bearer, _cookie, get_caller

#: The header every write takes (see :data:`actionloop.api.deps.IdempotencyKey`).
IDEMPOTENCY_HEADER = "idempotency-key"
_IDEMPOTENCY_LIMITS = (1, 200)

F = TypeVar("F", bound=Callable[..., Any])
Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def _is_json(content_type: str | None) -> bool:
    """``application/json``, perhaps with parameters (``; charset=utf-8``): the content type the
    short way takes (FastAPI reads these as JSON too; anything else it judges itself)."""
    return content_type is not None and content_type.partition(";")[0].strip().lower() == "application/json"


class WriteRoute(APIRoute):
    """A route for an ``async def`` write endpoint taking ``(body, caller, idempotency_key, **path)``:
    one JSON body parameter, :data:`~actionloop.api.deps.CallerDep`, the optional
    :data:`~actionloop.api.deps.IdempotencyKey` header, and path parameters. See the module's
    docstring."""

    def get_route_handler(self) -> Handler:
        standard = super().get_route_handler()
        if not SHORT_WAY:
            return standard
        # Included in a router, the route is served as an "effective" copy with the inclusion's
        # prefix and dependencies (FastAPI builds the handler while that copy is current).
        current = getattr(fastapi_routing, "_effective_route_context_var", None)
        effective = current.get() if current is not None else None
        route: Any = effective if effective is not None and effective.original_route is self else self
        dependant = route.dependant
        body_field = route.body_field
        if body_field is None or len(dependant.body_params) != 1:
            raise TypeError(f"{self.path}: a WriteRoute takes one body parameter")
        header_names = [p.name for p in dependant.header_params]
        if header_names not in ([], ["idempotency_key"]) or dependant.query_params or dependant.cookie_params:
            raise TypeError(f"{self.path}: a WriteRoute takes only the Idempotency-Key header and path parameters")
        if [d.call for d in dependant.dependencies] != [get_caller]:
            raise TypeError(f"{self.path}: a WriteRoute takes the caller (CallerDep) as its one dependency")
        body_name = body_field.name
        caller_name = dependant.dependencies[0].name
        assert caller_name is not None
        path_params = dependant.path_params
        takes_key = bool(header_names)
        call = dependant.call
        assert call is not None

        async def handler(request: Request) -> Response:
            short = await short_way(request)
            if short is None:
                return await standard(request)
            values, key = short
            values[caller_name] = await get_caller(request, await _cookie(request), await _bearer(request))
            if takes_key:
                values["idempotency_key"] = key
            response = await call(**values)
            assert isinstance(response, Response)
            return response

        async def short_way(request: Request) -> tuple[dict[str, Any], str | None] | None:
            """The endpoint's values but the caller, or None where FastAPI must judge the request."""
            if getattr(request.app, "dependency_overrides", None) or get_telemetry_data() is not None:
                return None
            headers = request.headers
            if not _is_json(headers.get("content-type")):
                return None
            keys = headers.getlist(IDEMPOTENCY_HEADER)
            if len(keys) > 1 or (keys and not _IDEMPOTENCY_LIMITS[0] <= len(keys[0]) <= _IDEMPOTENCY_LIMITS[1]):
                return None
            if not await request.body():
                return None
            try:
                data = await request.json()
            except ValueError:
                return None
            body, errors = body_field.validate(data, {}, loc=("body",))
            if errors:
                return None
            values: dict[str, Any] = {body_name: body}
            if path_params:
                found, errors = request_params_to_args(path_params, request.path_params)
                if errors:
                    return None
                values.update(found)
            return values, keys[0] if keys else None

        return handler


def write_post(router: APIRouter, path: str, **options: Any) -> Callable[[F], F]:
    """``@router.post(path, **options)`` served by a :class:`WriteRoute`."""

    def decorator(endpoint: F) -> F:
        router.add_api_route(path, endpoint, methods=["POST"], route_class_override=WriteRoute, **options)
        return endpoint

    return decorator


__all__ = ["WriteRoute", "write_post"]
