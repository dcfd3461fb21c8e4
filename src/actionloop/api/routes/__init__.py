"""The API's routers, in the order the OpenAPI page lists them."""

from __future__ import annotations

from fastapi import APIRouter

from actionloop.api.routes import auth, cases, reminders, reports, transfer

ROUTERS: tuple[APIRouter, ...] = (auth.router, cases.router, transfer.router, reports.router, reminders.router)
