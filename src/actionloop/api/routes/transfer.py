"""Import of a case file (``actionloop-case/1``, JSON or YAML). Export is ``GET /api/cases/{id}/export``."""

from __future__ import annotations

import yaml
from fastapi import APIRouter, Request

from actionloop.api.dates import out_of_range
from actionloop.api.deps import AccessDep, IdempotencyKey, LangDep, StateDep
from actionloop.api.errors import ApiError
from actionloop.api.routes.cases import append_out
from actionloop.api.schemas import AppendOut
from actionloop.api.state import ApiState
from actionloop.app.access import Access
from actionloop.app.cases import AppendResult
from actionloop.core import casefile
from actionloop.core.errors import CaseFileError, Problem

router = APIRouter(prefix="/api", tags=["saker"])

MAX_BYTES = 5 * 1024 * 1024
_KINDS = {"application/json": "json", "application/yaml": "yaml", "application/x-yaml": "yaml", "text/yaml": "yaml"}
_NO_ALIASES = {
    "nb": "YAML-ankre og -aliaser (& og *) brukes ikke i saksfiler",
    "nn": "YAML-anker og -alias (& og *) blir ikkje brukte i saksfiler",
    "en": "YAML anchors and aliases (& and *) are not used in case files",
}
_TOO_DEEP = {
    "nb": "filen er nøstet for dypt",
    "nn": "fila er nøsta for djupt",
    "en": "the file is nested too deeply",
}
_NOT_UTF8 = {
    "nb": "filen er ikke UTF-8-tekst",
    "nn": "fila er ikkje UTF-8-tekst",
    "en": "the file is not UTF-8 text",
}


def _has_aliases(text: str) -> bool:
    try:
        return any(isinstance(e, (yaml.AliasEvent,)) for e in yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return False  # the reader names the problem


@router.post(
    "/import", status_code=201, summary="Les inn en saksfil (JSON eller YAML) som en ny sak",
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"type": "object"}},
        "application/yaml": {"schema": {"type": "string"}},
    }}},
    responses={
        403: {"description": "Du kan ikke lese inn saker for enheten i filen"},
        409: {"description": "Saken finnes allerede"},
        413: {"description": "Filen er for stor"},
        415: {"description": "Ikke JSON eller YAML"},
        422: {"description": "Feil i saksfilen (med sti til feltet)"},
    },
)
async def import_case(
    request: Request, state: StateDep, access: AccessDep, lang: LangDep, idempotency_key: IdempotencyKey = None,
) -> AppendOut:
    """Hele saken lagres, eller ingenting. Rektor/styrer og saksbehandler for enheten i filen, eieren
    og administrator kan lese inn. Arbeidsflyten sjekkes ikke: en saksfil er det som skjedde."""
    media = request.headers.get("content-type", "application/json").split(";", 1)[0].strip().lower()
    kind = _KINDS.get(media)
    if kind is None:
        raise ApiError(415, "media_type")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BYTES:
        raise ApiError(413, "too_large", limit=MAX_BYTES // (1024 * 1024))
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BYTES:
            raise ApiError(413, "too_large", limit=MAX_BYTES // (1024 * 1024))
    return append_out(await state.write(_import, state, access, lang, data, kind, idempotency_key))


def _import(state: ApiState, access: Access, lang: str, data: bytes, kind: str, key: str | None) -> AppendResult:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaseFileError("import", [Problem("$", _NOT_UTF8.get(lang, _NOT_UTF8["nb"]))]) from None
    if kind == "yaml" and _has_aliases(text):
        raise CaseFileError("import", [Problem("$", _NO_ALIASES.get(lang, _NO_ALIASES["nb"]))])
    try:
        case = casefile.parse_text(text, kind, "import", lang)
    except RecursionError:
        raise CaseFileError("import", [Problem("$", _TOO_DEEP.get(lang, _TOO_DEEP["nb"]))]) from None
    too_far = out_of_range(case.to_dict(), "$", lang)
    if too_far:
        raise CaseFileError("import", too_far)
    if not access.may_import_to(case.case.unit.id, case.case.unit.owner):
        raise ApiError(403, "forbidden_unit", unit=case.case.unit.id)
    return state.services.cases.import_case(case, actor=f"import:{access.identity.account_id}", idempotency_key=key)
