"""Errors of the service layer. Each carries its facts as attributes, a message key, and a message in
bokmål, nynorsk or English (:meth:`ServiceError.message`); ``str()`` is the bokmål message.

The web layer maps them to HTTP in one place: :class:`NotFound` → 404, :class:`StaleWrite` and
:class:`Conflict` → 409, :class:`InvalidInput` → 422, :class:`LoginRefused` → 401,
:class:`LoginRateLimited` → 429.
"""

from __future__ import annotations

from typing import Any

from actionloop.core.errors import ActionloopError
from actionloop.core.i18n import Catalog, tr

MESSAGES: Catalog = {
    "stale_write": {
        "nb": "saken {case_id} er endret av noen andre: du så hendelse nr. {expected_seq}, siste er nr. {current_seq}",
        "nn": "saka {case_id} er endra av nokon andre: du såg hending nr. {expected_seq}, siste er nr. {current_seq}",
        "en": "the case {case_id} was changed by someone else: you saw event no. {expected_seq}, the latest is no. {current_seq}",
    },
    "case_not_found": {
        "nb": "saken {case_id} finnes ikke",
        "nn": "saka {case_id} finst ikkje",
        "en": "the case {case_id} does not exist",
    },
    "case_exists": {
        "nb": "saken {case_id} finnes allerede i databasen; ingenting ble importert",
        "nn": "saka {case_id} finst allereie i databasen; ingenting vart importert",
        "en": "the case {case_id} already exists in the database; nothing was imported",
    },
    "idempotency_key_reused": {
        "nb": "nøkkelen {key} er allerede brukt til en annen forespørsel",
        "nn": "nøkkelen {key} er allereie brukt til ein annan førespurnad",
        "en": "the key {key} was already used for a different request",
    },
    "not_found": {
        "nb": "{kind} «{id}» finnes ikke",
        "nn": "{kind} «{id}» finst ikkje",
        "en": "{kind} «{id}» does not exist",
    },
    "exists": {
        "nb": "{kind} «{id}» finnes allerede",
        "nn": "{kind} «{id}» finst allereie",
        "en": "{kind} «{id}» already exists",
    },
    "invalid": {
        "nb": "{field}: {reason}",
        "nn": "{field}: {reason}",
        "en": "{field}: {reason}",
    },
    "login_refused": {
        "nb": "feil brukernavn eller passord",
        "nn": "feil brukarnamn eller passord",
        "en": "wrong user name or password",
    },
    "login_rate_limited": {
        "nb": "for mange mislykkede innlogginger; prøv igjen om {seconds} sekunder",
        "nn": "for mange mislukka innloggingar; prøv igjen om {seconds} sekund",
        "en": "too many failed logins; try again in {seconds} seconds",
    },
    "backup_exists": {
        "nb": "filen {path} finnes allerede; velg et nytt filnavn for sikkerhetskopien",
        "nn": "fila {path} finst allereie; vel eit nytt filnamn for tryggleikskopien",
        "en": "the file {path} already exists; choose a new file name for the backup",
    },
}

#: Names of the kinds of things that may be missing or duplicated, in each language.
KINDS: Catalog = {
    "account": {"nb": "brukeren", "nn": "brukaren", "en": "the account"},
    "owner": {"nb": "eieren", "nn": "eigaren", "en": "the owner"},
    "unit": {"nb": "enheten", "nn": "eininga", "en": "the unit"},
    "staff": {"nb": "den ansatte", "nn": "den tilsette", "en": "the staff member"},
    "token": {"nb": "nøkkelen", "nn": "nøkkelen", "en": "the token"},
    "scope": {"nb": "enheten eller eieren", "nn": "eininga eller eigaren", "en": "the unit or owner"},
}


class ServiceError(ActionloopError):
    """An error with a message key and facts; the message is rendered in the language asked for."""

    key: str = ""

    def __init__(self, **fields: Any) -> None:
        self.fields = fields
        super().__init__(self.message("nb"))

    def message(self, lang: str | None = "nb") -> str:
        return tr(MESSAGES, self.key, lang, **self._render(lang))

    def _render(self, lang: str | None) -> dict[str, Any]:
        return self.fields


class NotFound(ServiceError):
    """Something that does not exist (or that the caller may not know exists)."""

    key = "not_found"

    def __init__(self, kind: str, id: str) -> None:
        self.kind = kind
        self.id = id
        super().__init__(kind=kind, id=id)

    def _render(self, lang: str | None) -> dict[str, Any]:
        return {"kind": tr(KINDS, self.kind, lang) if self.kind in KINDS else self.kind, "id": self.id}


class CaseNotFound(NotFound):
    key = "case_not_found"

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        self.kind = "case"
        self.id = case_id
        ServiceError.__init__(self, case_id=case_id)

    def _render(self, lang: str | None) -> dict[str, Any]:
        return {"case_id": self.case_id}


class Conflict(ServiceError):
    """The request conflicts with what is stored (409)."""


class AlreadyExists(Conflict):
    key = "exists"

    def __init__(self, kind: str, id: str) -> None:
        self.kind = kind
        self.id = id
        super().__init__(kind=kind, id=id)

    def _render(self, lang: str | None) -> dict[str, Any]:
        return {"kind": tr(KINDS, self.kind, lang) if self.kind in KINDS else self.kind, "id": self.id}


class CaseExists(Conflict):
    key = "case_exists"

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        super().__init__(case_id=case_id)


class StaleWrite(Conflict):
    """The caller wrote against an old version of the case: ``current_seq`` is the latest event."""

    key = "stale_write"

    def __init__(self, case_id: str, expected_seq: int, current_seq: int) -> None:
        self.case_id = case_id
        self.expected_seq = expected_seq
        self.current_seq = current_seq
        super().__init__(case_id=case_id, expected_seq=expected_seq, current_seq=current_seq)


class IdempotencyKeyReused(Conflict):
    """The same idempotency key came with a different request."""

    key = "idempotency_key_reused"

    def __init__(self, key: str) -> None:
        self.idempotency_key = key
        super().__init__(key=key)


class InvalidInput(ServiceError):
    """Input that breaks a rule of the service (422), with the field it concerns."""

    key = "invalid"

    def __init__(self, field: str, reason: dict[str, str]) -> None:
        self.field = field
        self.reasons = reason
        super().__init__(field=field)

    def _render(self, lang: str | None) -> dict[str, Any]:
        return {"field": self.field, "reason": tr({"r": self.reasons}, "r", lang)}


class LoginRefused(ServiceError):
    """Wrong user name or password, or an account that is not active (the caller is not told which)."""

    key = "login_refused"

    def __init__(self) -> None:
        super().__init__()


class LoginRateLimited(ServiceError):
    """Too many failed attempts for this user name: wait ``retry_after`` seconds."""

    key = "login_rate_limited"

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(seconds=retry_after)


class BackupExists(ServiceError):
    key = "backup_exists"

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(path=path)
