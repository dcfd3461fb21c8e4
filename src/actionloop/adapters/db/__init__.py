"""Storage on SQLAlchemy Core: SQLite (default) or PostgreSQL, with Alembic migrations.

The composition helpers here are what the command line and the web app use::

    db = open_database(settings)          # an engine for settings.database_url
    db.upgrade()                          # apply the migrations
    services = open_services(settings)    # the service layer over it
"""

from __future__ import annotations

from actionloop.adapters.db.database import SqlDatabase, SqlUnitOfWork
from actionloop.app.projection import CaseInterpreter
from actionloop.app.services import Services, build_services
from actionloop.core.clock import Clock
from actionloop.settings import Settings

__all__ = ["SqlDatabase", "SqlUnitOfWork", "open_database", "open_services"]


def open_database(settings: Settings) -> SqlDatabase:
    """The database ``settings.database_url`` names (a SQLite file's folder is created)."""
    return SqlDatabase.open(
        settings.database_url, busy_timeout_ms=settings.sqlite_busy_timeout_ms, echo=settings.database_echo,
    )


def open_services(
    settings: Settings,
    *,
    upgrade: bool = False,
    interpreter: CaseInterpreter | None = None,
    clock: Clock | None = None,
) -> Services:
    """The services over the database in ``settings``; ``upgrade`` applies the migrations first."""
    db = open_database(settings)
    if upgrade:
        db.upgrade()
    return build_services(db, interpreter=interpreter, clock=clock, settings=settings)
