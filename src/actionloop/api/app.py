"""The web API's composition root: :func:`create_app` builds a FastAPI app for one set of settings.

Nothing is created when this module is imported. ``create_app`` opens the database the settings
name, applies the migrations (``migrate=False`` leaves that to someone else), wires the services,
the read log, the workflow registry and the Word documents onto ``app.state.api``, and installs
the error handlers. This is the one API module that knows the adapters (SQLAlchemy storage and the
python-docx documents); the routes see only the service layer.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import date

import anyio.to_thread
from fastapi import FastAPI

from actionloop.api import routes
from actionloop.api.errors import install_error_handlers
from actionloop.api.state import ApiState, EndedSessions, IdentityCache, OrgCache, SessionSigner, session_secret
from actionloop.app.access import PerformerIndex
from actionloop.app.caselist import CaseListCache
from actionloop.app.readlog import ReadLog
from actionloop.app.reminders import ReminderService
from actionloop.app.services import build_services
from actionloop.core.audit import Auditor, Finding
from actionloop.core.clock import Clock, SystemClock
from actionloop.core.model import CaseFile
from actionloop.core.policy import Policy
from actionloop.settings import Settings
from actionloop.workflow.registry import load_registry

log = logging.getLogger("actionloop.api")

DESCRIPTION = """\
Aktivitetsplikten i skole, SFO og barnehage: saker, steg, frister, tilsyn og dokumenter.

Logg inn med `POST /api/login` (øktcookie), eller send en personlig API-nøkkel som
`Authorization: Bearer alt_…` (lag en med `POST /api/me/tokens`). Meldinger kommer på bokmål;
`?lang=nn` eller `?lang=en` (eller `Accept-Language`) gir nynorsk eller engelsk.

Skriving tar `expected_seq` (nummeret på siste hendelse du så) og helst en `Idempotency-Key`.
En sak du ikke har tilgang til, svarer 404 – akkurat som en sak som ikke finnes.
"""


class WordDocuments:
    """:class:`actionloop.api.state.Documents` over the python-docx adapter."""

    def __init__(self) -> None:
        from actionloop.adapters import docs

        self._docs = docs
        self.media_type: str = docs.DOCX_MEDIA_TYPE

    def plan(self, case: CaseFile, version: int | None, *, family: bool) -> bytes:
        return self._docs.activity_plan_docx(case, version, family=family)

    def log(self, case: CaseFile, findings: Sequence[Finding], *, as_of: date, family: bool) -> bytes:
        return self._docs.case_log_docx(case, findings, as_of=as_of, family=family, registry=load_registry())

    def audit_report(
        self, items: Sequence[tuple[CaseFile, Sequence[Finding]]], *, unit: str | None, owner: str | None,
        start: date | None, end: date | None, as_of: date, lang: str,
    ) -> bytes:
        scope = self._docs.ReportScope(unit=unit, owner=owner, start=start, end=end)
        return self._docs.audit_report_docx(items, scope=scope, as_of=as_of, lang=lang)

    def filename(self, case_id: str, kind: str) -> str:
        return self._docs.safe_filename(case_id, kind)

    def disposition(self, filename: str) -> str:
        return self._docs.content_disposition(filename)


async def _scan_deadlines(state: ApiState, every_seconds: int) -> None:
    """The deadline scan, now and then every ``every_seconds``, for as long as the app runs. Each
    app process runs its own; the reminders are recorded once whichever process comes first."""
    while True:
        if state.reminders is not None:
            try:
                await state.write(state.reminders.scan)
            except Exception:  # a failed scan must not stop the app; the next one tries again
                log.exception("deadline scan failed")
        await anyio.sleep(every_seconds)


def create_app(settings: Settings | None = None, *, clock: Clock | None = None, migrate: bool = True) -> FastAPI:
    """The API for ``settings`` (default: from the environment). ``clock``: the services' clock
    (tests freeze it). ``migrate``: apply the database migrations now."""
    from actionloop.adapters.db import open_database

    settings = settings if settings is not None else Settings()
    clock = clock if clock is not None else SystemClock()
    db = open_database(settings)
    try:
        if migrate:
            before, after = db.upgrade()
            if before != after:
                log.info("database migrated", extra={"before": before, "after": after})
        services = build_services(db, clock=clock, settings=settings)
        registry = load_registry()
        policy = Policy()
        state = ApiState(
            settings=settings,
            services=services,
            reads=ReadLog(db, clock),
            registry=registry,
            policy=policy,
            auditor=Auditor(registry, policy),
            documents=WordDocuments(),
            sessions=SessionSigner(session_secret(settings), settings.session_max_age_seconds),
            org=OrgCache(services.orgs.roster),
            performers=PerformerIndex(services.cases.export_case),
            clock=clock,
            identities=IdentityCache(settings.auth_cache_seconds),
            ended_sessions=EndedSessions(settings.auth_cache_seconds),
            case_lists=CaseListCache(db),
            single_writer=db.kind == "sqlite",
            write_group=db.write_group if db.kind == "sqlite" else None,
            reminders=ReminderService(db, clock, policy=policy),
        )
    except BaseException:
        db.dispose()
        raise

    def close() -> None:
        # The app may be started again (a test client enters the lifespan per use): the writer
        # thread and the connection pool are made again when next needed.
        state.stop_writer()
        db.stop_checkpoints()
        db.dispose()

    state.close = close

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Fewer threads than anyio's default 40: the work in them is mostly Python, and many
        # threads only take turns at the GIL (longer tails, no more throughput).
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.api_threads
        db.start_checkpoints()  # SQLite: the log's checkpoints off the writes' path
        async with anyio.create_task_group() as tasks:
            if settings.reminder_scan_seconds > 0:
                tasks.start_soon(_scan_deadlines, state, settings.reminder_scan_seconds)
            yield
            tasks.cancel_scope.cancel()
        state.close()

    app = FastAPI(
        title="actionloop",
        version="0.1.0",
        summary="Aktivitetsplikten som kjørbar lov",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.api = state
    install_error_handlers(app)
    for router in routes.ROUTERS:
        app.include_router(router)
    from actionloop.web.setup import install_web

    install_web(app)
    return app
