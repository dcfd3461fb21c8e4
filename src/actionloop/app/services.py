"""The service layer in one place: what the command line and the web app call.

:func:`build_services` wires a :class:`~actionloop.app.ports.Database` to the case, organisation and
account services; ``actionloop.adapters.db.open_services(settings)`` does it for a database URL.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from actionloop.app.accounts import AccountService
from actionloop.app.cases import CaseService
from actionloop.app.errors import BackupExists
from actionloop.app.orgs import OrgService
from actionloop.app.ports import Database, UnitOfWork
from actionloop.app.projection import CaseInterpreter
from actionloop.core.casefile import dumps
from actionloop.core.clock import Clock, SystemClock
from actionloop.settings import Settings

#: The format of the organisation and account part of a PostgreSQL backup.
ORG_BACKUP_FORMAT = "actionloop-org-backup/1"


@dataclass(frozen=True, slots=True)
class BackupReport:
    """What a backup wrote: the files, the kind (``sqlite`` file copy, or ``jsonl`` export) and,
    for an export, the number of cases."""

    kind: str
    files: tuple[Path, ...]
    cases: int | None = None


@dataclass(frozen=True, slots=True)
class Services:
    db: Database
    cases: CaseService
    orgs: OrgService
    accounts: AccountService
    clock: Clock

    def backup(self, dest: Path) -> BackupReport:
        """A consistent copy of everything, taken while the app keeps running.

        SQLite: a copy of the database file (``VACUUM INTO``), usable as it is. PostgreSQL: every
        case file as JSON Lines in ``dest`` (readable by ``actionloop import``), and organisations
        and accounts (password and token hashes included) in ``dest`` + ``.org.json``, both from
        one snapshot. Refuses to overwrite (:class:`BackupExists`).
        """
        dest = Path(dest)
        org_dest = dest.with_name(dest.name + ".org.json")
        for path in (dest, org_dest):
            if path.exists():
                raise BackupExists(str(path))
        dest.parent.mkdir(parents=True, exist_ok=True)
        if self.db.copy_file(dest):
            return BackupReport("sqlite", (dest,))
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
        org_tmp = org_dest.with_name(f".{org_dest.name}.{os.getpid()}.tmp")
        count = 0
        try:
            with self.db.unit_of_work(snapshot=True) as uow:
                with tmp.open("w", encoding="utf-8", newline="\n") as out:
                    for case in self.cases.export_all(uow):
                        out.write(dumps(case, "jsonl") + "\n")
                        count += 1
                    out.flush()
                    os.fsync(out.fileno())
                with org_tmp.open("w", encoding="utf-8", newline="\n") as out:
                    json.dump(_org_backup(uow), out, ensure_ascii=False, indent=1, default=str)
                    out.write("\n")
                    out.flush()
                    os.fsync(out.fileno())
            os.replace(tmp, dest)
            os.replace(org_tmp, org_dest)
        finally:
            for path in (tmp, org_tmp):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
        return BackupReport("jsonl", (dest, org_dest), count)


def _org_backup(uow: UnitOfWork) -> dict[str, Any]:
    roster = uow.orgs.roster()
    data: dict[str, Any] = {"format": ORG_BACKUP_FORMAT}
    for f in dataclasses.fields(roster):
        data[f.name] = [dataclasses.asdict(x) for x in getattr(roster, f.name)]
    accounts = []
    for account in uow.accounts.all():
        entry = dataclasses.asdict(account)
        entry["created_at"] = account.created_at.isoformat()
        entry["roles"] = [{"role": r.role, "scope_id": r.scope_id} for r in uow.accounts.roles(account.id)]
        entry["tokens"] = [
            {
                "id": t.id, "name": t.name, "token_hash": t.token_hash, "created_at": t.created_at.isoformat(),
                "expires_at": t.expires_at.isoformat() if t.expires_at else None,
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in uow.accounts.tokens(account.id)
        ]
        accounts.append(entry)
    data["accounts"] = accounts
    return data


def build_services(
    db: Database,
    *,
    interpreter: CaseInterpreter | None = None,
    clock: Clock | None = None,
    settings: Settings | None = None,
) -> Services:
    """The services over ``db``. ``interpreter`` defaults to the workflow engine with the shipped
    workflows; ``clock`` to the system clock; ``settings`` (login limits, password length) to the
    defaults."""
    if interpreter is None:
        from actionloop.app.workflow_bridge import WorkflowInterpreter

        interpreter = WorkflowInterpreter()
    clock = clock if clock is not None else SystemClock()
    settings = settings if settings is not None else Settings()
    accounts = AccountService(
        db, clock,
        max_failures=settings.login_max_failures,
        window=timedelta(seconds=settings.login_window_seconds),
        min_password_length=settings.password_min_length,
    )
    return Services(db=db, cases=CaseService(db, interpreter, clock), orgs=OrgService(db), accounts=accounts,
                    clock=clock)
