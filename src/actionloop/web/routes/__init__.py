"""The pages, one module per group. Every module here that has a ``router`` (a FastAPI
``APIRouter``) is included by :func:`actionloop.web.setup.install_web`: adding a page group is
adding a module."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter


def routers() -> list[APIRouter]:
    """The ``router`` of every module in this package, by module name."""
    found: list[APIRouter] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found
