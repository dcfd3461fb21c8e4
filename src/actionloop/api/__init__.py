"""The JSON API (FastAPI): :func:`create_app` builds it for a set of settings."""

from __future__ import annotations

from actionloop.api.app import create_app

__all__ = ["create_app"]
