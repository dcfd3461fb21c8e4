"""Cases: register a concern, list and filter, read one, record a step, its audit, export, and its
documents."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from pydantic_core import to_json

from actionloop.api.dates import out_of_range
from actionloop.api.deps import AccessDep, CallerDep, Day, IdempotencyKey, LangDep, StateDep, visible_case
from actionloop.api.errors import ApiError
from actionloop.api.fastroute import write_post
from actionloop.api.i18n import message
from actionloop.api.schemas import AppendOut, CaseAuditOut, CaseListOut, CaseOut, ConcernIn, EventIn, FindingOut
from actionloop.api.state import ApiState, OrgSnapshot
from actionloop.api.views import case_list_json, case_view, in_language, is_overdue, load_case
from actionloop.app.access import Access, Level
from actionloop.app.cases import AppendResult
from actionloop.app.errors import CaseExists, IdempotencyKeyReused
from actionloop.app.ports import CaseQuery, CaseSummary
from actionloop.core import casefile
from actionloop.core.errors import CaseFileError, Problem
from actionloop.core.model import BY_OPTIONAL, FORMAT

router = APIRouter(prefix="/api", tags=["saker"])

CaseId = Annotated[str, Path(min_length=1, max_length=200, description="Sakens id.")]
DocumentKind = Literal["plan", "plan-family", "log", "log-family"]

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Saken finnes ikke, eller du har ikke tilgang til den"}}


# --- reading ----------------------------------------------------------------------------------------


class _VisibleCache:
    """The result of :func:`visible_cases` per account, kept while the rows it was judged from are
    the very same lists (the case-list cache hands out the same lists until something is stored)
    and the organisation is the same snapshot. The entry holds what its key names by ``id``."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._kept: dict[tuple[Any, ...], tuple[object, list[list[CaseSummary]], list[tuple[CaseSummary, Level]]]] = {}

    def get(self, access: Access, lists: list[list[CaseSummary]]) -> list[tuple[CaseSummary, Level]] | None:
        key = (access.identity, id(access.org), *map(id, lists))
        with self._lock:
            found = self._kept.get(key)
        if found is None or found[0] is not access.org or any(a is not b for a, b in zip(found[1], lists, strict=True)):
            return None
        return found[2]

    def put(self, access: Access, lists: list[list[CaseSummary]], rows: list[tuple[CaseSummary, Level]]) -> None:
        key = (access.identity, id(access.org), *map(id, lists))
        with self._lock:
            if len(self._kept) >= self._size:
                self._kept.clear()
            self._kept[key] = (access.org, lists, rows)


_VISIBLE = _VisibleCache()


def visible_cases(state: ApiState, access: Access, base: CaseQuery) -> list[tuple[CaseSummary, Level]]:
    """Every case matching ``base`` that the caller may see, newest first (the list is shared: do
    not change it)."""
    queries = access.candidate_queries(base)
    cache = state.case_lists
    lists = cache.list_many(queries) if cache is not None else [state.list_cases(q) for q in queries]
    kept = _VISIBLE.get(access, lists) if cache is not None else None
    if kept is not None:
        return kept
    found: dict[str, CaseSummary] = {}
    for rows in lists:
        for summary in rows:
            found.setdefault(summary.case_id, summary)
    out: list[tuple[CaseSummary, Level]] = []
    for summary in found.values():
        level = access.case_level(summary, state.performers)
        if level != Level.NONE:
            out.append((summary, level))
    out.sort(key=lambda x: x[0].case_id)
    out.sort(key=lambda x: x[0].opened_date or date.min, reverse=True)
    if cache is not None:
        _VISIBLE.put(access, lists, out)
    return out


@router.get("/cases", summary="Sakene jeg har tilgang til, med filtre", response_model=CaseListOut)
def list_cases(
    state: StateDep,
    access: AccessDep,
    lang: LangDep,
    unit: Annotated[list[str] | None, Query(description="Bare disse enhetene.", max_length=100)] = None,
    state_: Annotated[list[str] | None, Query(alias="state", description="Bare saker i disse stegene.",
                                              max_length=50)] = None,
    closed: Annotated[bool | None, Query(description="true: bare avsluttede; false: bare åpne.")] = None,
    serious: Annotated[bool | None, Query(description="Bare alvorlige (true) eller ikke-alvorlige (false).")] = None,
    staff_or_leadership: Annotated[bool | None, Query(
        description="Bare saker der ansatte eller ledelsen er mistenkt (true), eller ingen slike (false).")] = None,
    overdue: Annotated[bool, Query(description="Bare åpne saker med en frist som er passert.")] = False,
    due_before: Annotated[Day | None, Query(description="Bare saker med neste frist før denne datoen.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> Response:
    """Nyeste først. Filtrene er faste felt (ingen fritekst)."""
    today = state.today()
    deadline_before = due_before
    if overdue:
        deadline_before = today if deadline_before is None else min(deadline_before, today)
    base = CaseQuery(
        unit_ids=unit, states=state_, closed=False if overdue else closed, serious=serious,
        staff_or_leadership=staff_or_leadership, deadline_before=deadline_before,
    )
    rows = visible_cases(state, access, base)
    return Response(case_list_json(state, rows, today, lang, limit, offset), media_type="application/json")


@router.get("/cases/{case_id}", summary="En sak: steg, tidslinje, frister og neste steg", responses=NOT_FOUND)
def get_case(case_id: CaseId, state: StateDep, access: AccessDep, lang: LangDep) -> CaseOut:
    """Hvert steg som ikke kan tas nå, har en begrunnelse (hva som mangler). Lesingen logges."""
    summary, level = visible_case(state, access, case_id)
    case, rows = load_case(state, case_id)
    state.reads.record(case_id, access.identity.account_id, "case")
    return case_view(state, case, rows, summary, level, state.today(), lang)


@router.get("/cases/{case_id}/audit", summary="Tilsyn med saken: ett funn per plikt", responses=NOT_FOUND)
def case_audit(
    case_id: CaseId, state: StateDep, access: AccessDep, lang: LangDep,
    as_of: Annotated[Day | None, Query(description="Vurder per denne datoen (standard: i dag).")] = None,
) -> CaseAuditOut:
    visible_case(state, access, case_id)
    case = state.services.cases.export_case(case_id)
    state.reads.record(case_id, access.identity.account_id, "audit")
    day = as_of or state.today()
    result = state.auditor.audit(in_language(case, lang), day)
    return CaseAuditOut(
        format="actionloop-audit/1", case=case.id, as_of=day,
        findings=[FindingOut(**f.to_dict()) for f in result.findings],
    )


@router.get(
    "/cases/{case_id}/export", summary="Saken som saksfil (actionloop-case/1), JSON eller YAML",
    responses={**NOT_FOUND, 200: {"content": {"application/json": {}, "application/yaml": {}}}},
    response_class=Response,
)
def export_case(
    case_id: CaseId, state: StateDep, access: AccessDep,
    format: Annotated[Literal["json", "yaml"], Query(description="json (standard) eller yaml.")] = "json",
) -> Response:
    visible_case(state, access, case_id)
    case = state.services.cases.export_case(case_id)
    state.reads.record(case_id, access.identity.account_id, "export")
    media = "application/json" if format == "json" else "application/yaml"
    filename = state.documents.filename(case_id, "sak").rsplit(".", 1)[0] + "." + format
    return Response(casefile.dumps(case, format), media_type=f"{media}; charset=utf-8",
                    headers={"Content-Disposition": state.documents.disposition(filename)})


@router.get(
    "/cases/{case_id}/documents/{kind}", summary="Aktivitetsplan eller saksgang som Word-fil",
    responses={**NOT_FOUND, 200: {"content": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}}}},
    response_class=Response,
)
def case_document(
    case_id: CaseId,
    kind: Annotated[DocumentKind, Path(description="plan, plan-family (familiens kopi), log, log-family.")],
    state: StateDep,
    access: AccessDep,
    version: Annotated[int | None, Query(ge=1, le=1000, description="Planversjonen (standard: siste).")] = None,
    as_of: Annotated[Day | None, Query(description="Saksgangen per denne datoen (standard: i dag).")] = None,
) -> Response:
    """Familiens kopi har andre barns navn og id-er erstattet med et nøytralt ord."""
    visible_case(state, access, case_id)
    case = state.services.cases.export_case(case_id)
    family = kind.endswith("-family")
    if kind.startswith("plan"):
        data = state.documents.plan(case, version, family=family)
    else:
        day = as_of or state.today()
        findings = state.auditor.audit(case, day).findings
        data = state.documents.log(case, findings, as_of=day, family=family)
    state.reads.record(case_id, access.identity.account_id, "document")
    filename = state.documents.filename(case_id, kind)
    return Response(data, media_type=state.documents.media_type,
                    headers={"Content-Disposition": state.documents.disposition(filename)})


# --- writing ----------------------------------------------------------------------------------------


def _replayed(state: ApiState, actor: str, key: str) -> AppendResult | None:
    """The first result of an earlier request with this key (by this caller), if there was one."""
    with state.services.db.unit_of_work() as uow:
        earlier = uow.idempotency.get(actor, key)
    if earlier is None:
        return None
    return AppendResult.from_json(earlier.result_json.split("\n", 1)[0], replayed=True)


def append_out(result: AppendResult) -> AppendOut:
    """The answer to a write."""
    return AppendOut(case_id=result.case_id, seq=result.seq, hash=result.hash, added=result.added,
                     state=result.state, replayed=result.replayed)


def append_response(result: AppendResult, headers: dict[str, str] | None = None) -> Response:
    """The answer to a write (:class:`AppendOut`, 201) as ready JSON: the values are ours, so
    they need no validation on the way out."""
    body = to_json({"case_id": result.case_id, "seq": result.seq, "hash": result.hash, "added": result.added,
                    "state": result.state, "replayed": result.replayed})
    return Response(body, status_code=201, headers=headers, media_type="application/json")


class _TimeOrder:
    """Milliseconds since the Unix epoch, strictly increasing within the process."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            self._last = max(time.time_ns() // 1_000_000, self._last + 1)
            return self._last


_time_order = _TimeOrder()


def _new_case_id(unit_id: str, year: int, actor: str, key: str | None) -> str:
    """``{unit}-{year}-{suffix}``. With an ``Idempotency-Key`` the suffix comes from the caller and
    the key (a retry gets the same id). Without one it is time-ordered (11 hex digits of
    milliseconds, increasing within the process) with 16 random bits for other processes: new cases
    are then added at the end of the indexes on case ids, where they share pages, instead of at
    random places (a group commit of random ids writes about three times as many pages)."""
    if key is not None:
        suffix = hashlib.sha256(f"{actor}\n{key}".encode()).hexdigest()[:10]
    else:
        suffix = f"{_time_order.next():011x}{secrets.token_hex(2)}"
    return f"{unit_id}-{year}-{suffix}"


def org_person(org: OrgSnapshot, staff_id: str, unit_id: str) -> dict[str, Any]:
    """A member of staff as a person of the case file."""
    person: dict[str, Any] = {"id": staff_id, "role": org.person_role(staff_id, unit_id)}
    name = org.staff_names.get(staff_id)
    if name:
        person["name"] = name
    return person


def reporter_person(org: OrgSnapshot, access: Access, unit_id: str) -> dict[str, Any]:
    staff_id = access.identity.staff_id
    if staff_id is not None:
        return org_person(org, staff_id, unit_id)
    role = "owner" if access.scopes("owner") else "other"
    return {"id": f"account-{access.identity.account_id}", "role": role}


def _relative(problems: list[Problem]) -> list[Problem]:
    out = []
    for p in problems:
        path = p.path
        for prefix, new in (("$.events[0]", "$"), ("$.case.unit", "$.unit_id"), ("$.case.child", "$.child_id")):
            if path.startswith(prefix):
                path = new + path[len(prefix):] if new == "$" else new
                break
        out.append(Problem(path, p.message))
    return out


@write_post(
    router, "/cases", status_code=201, summary="Registrer en bekymring (ny sak)", response_model=AppendOut,
    responses={403: {"description": "Du arbeider ikke ved enheten"}, 422: {"description": "Feil i feltene"}},
)
async def register_concern(body: ConcernIn, caller: CallerDep, idempotency_key: IdempotencyKey = None) -> Response:
    """Lager en ny sak med bekymringen som første hendelse. Med samme ``Idempotency-Key`` igjen får du
    den samme saken tilbake, og ingen ny lages."""
    state = caller.state
    result = await state.write(store_concern, state, caller.access, body, caller.lang, idempotency_key, group=True)
    return append_response(result, headers={"Location": f"/api/cases/{result.case_id}"})


def store_concern(
    state: ApiState, access: Access, body: ConcernIn, lang: str, idempotency_key: str | None,
) -> AppendResult:
    """Register a concern as ``access`` (the write behind ``POST /api/cases`` and the web's Meld frå):
    the roster checks, the case file, its first event and the idempotency key, in one write."""
    org = state.org.get()
    unit = org.view.units.get(body.unit_id)
    if unit is None:
        raise ApiError(422, "invalid_request", problems=[Problem("$.unit_id", message("unknown_unit", lang,
                                                                                        unit=body.unit_id))])
    if not access.may_register_at(unit.id):
        raise ApiError(403, "forbidden_unit", unit=unit.id)
    if (body.child_id, unit.id) not in org.enrolled:
        raise ApiError(422, "invalid_request", problems=[Problem("$.child_id", message(
            "child_not_enrolled", lang, child=body.child_id, unit=unit.id))])
    actor = access.actor
    if idempotency_key is not None:
        earlier = _replayed(state, actor, idempotency_key)
        if earlier is not None:
            return earlier
    owner = org.view.owners.get(unit.owner_id)
    reporter = reporter_person(org, access, unit.id)
    child: dict[str, Any] = {"id": body.child_id}
    if org.children.get(body.child_id):
        child["name"] = org.children[body.child_id]
    at = body.at or state.clock.now().isoformat(timespec="seconds")
    event: dict[str, Any] = {"at": at, "type": "concern", "by": body.by or reporter["id"]}
    if body.text is not None:
        event["text"] = body.text
    event.update({"source": body.source, "offender": body.offender})
    if body.serious is not None:
        event["serious"] = body.serious
    people = [reporter, {"id": body.child_id, "role": "child", **({"name": child["name"]} if "name" in child else {})}]
    if body.by is not None and body.by != reporter["id"] and body.by in org.staff_names:
        people.insert(1, org_person(org, body.by, unit.id))
    case_id = _new_case_id(unit.id, state.today().year, actor, idempotency_key)
    data = {
        "format": FORMAT,
        "case": {
            "id": case_id, "setting": unit.kind if unit.kind in ("school", "sfo", "kindergarten") else "school",
            "unit": {"id": unit.id, "name": unit.name, **({"owner": owner.name} if owner else {})},
            "child": child, "language": body.language or "nb",
        },
        "people": people,
        "events": [event],
    }
    too_far = out_of_range({"at": at}, "$", lang)
    if too_far:
        raise CaseFileError(case_id, too_far)
    try:
        case = casefile.from_dict(data, case_id, lang)
    except CaseFileError as exc:
        raise CaseFileError(exc.source, _relative(exc.problems)) from None
    try:
        result = state.services.cases.import_case(case, actor=actor, idempotency_key=idempotency_key)
    except (CaseExists, IdempotencyKeyReused):
        earlier = _replayed(state, actor, idempotency_key) if idempotency_key is not None else None
        if earlier is None:
            raise
        result = earlier
    return result


def _referenced(event: dict[str, Any]) -> list[str]:
    """The person ids an event names (who acted, to whom it was reported, who carries out or is
    responsible for a measure of a plan)."""
    ids = [event.get("by"), event.get("to")]
    plan = event.get("plan")
    if isinstance(plan, dict) and isinstance(plan.get("measures"), list):
        for m in plan["measures"]:
            if isinstance(m, dict):
                ids += [m.get("performer"), m.get("responsible")]
    return [i for i in dict.fromkeys(ids) if isinstance(i, str)]


def _staff_people(
    state: ApiState, case_id: str, unit_id: str, event: dict[str, Any], given: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Members of staff (organisation roster ids) the event names, as people of the case file, so the
    client need not add them. A person the case already has goes with the request exactly as the
    case has them: a retry of the same request is then the same request."""
    org = state.org.get()
    wanted = [i for i in _referenced(event) if i in org.staff_names and all(p.get("id") != i for p in given)]
    if not wanted:
        return []
    known = {p.id: p for p in state.services.cases.export_case(case_id).people}
    return [known[i].to_dict() if i in known else org_person(org, i, unit_id) for i in wanted]


@write_post(
    router, "/cases/{case_id}/events", status_code=201, summary="Registrer et steg i saken", response_model=AppendOut,
    responses={
        **NOT_FOUND,
        403: {"description": "Du har bare lesetilgang, eller steget tas av ledelsen"},
        409: {"description": "Steget er ikke tillatt nå (med begrunnelse), eller saken er endret (expected_seq)"},
        422: {"description": "Feil i hendelsen (med sti til feltet)"},
    },
)
async def append_event(
    case_id: CaseId, body: EventIn, caller: CallerDep, idempotency_key: IdempotencyKey = None,
) -> Response:
    """Hendelsen skrives som i saksfilen (``at``, ``type``, ``by`` …); arbeidsflyten avgjør om steget er
    tillatt nå. ``expected_seq`` er nummeret på siste hendelse du så: er saken endret siden, får du
    409 med sakens nåværende nummer og steg. Uten ``by`` føres du selv (den ansatte brukeren din er
    knyttet til)."""
    state = caller.state
    return append_response(await state.write(store_event, state, caller.access, case_id, body, caller.lang,
                                             idempotency_key, group=True))


def store_event(
    state: ApiState, access: Access, case_id: str, body: EventIn, lang: str, idempotency_key: str | None,
) -> AppendResult:
    """Add one step to a case as ``access`` (the write behind ``POST /api/cases/{id}/events`` and
    the case page's forms): access level, who acted, the workflow's check, expected seq, idempotency."""
    summary, level = visible_case(state, access, case_id)
    if not level.can_write:
        raise ApiError(403, "read_only")
    event = dict(body.event)
    event_type = event.get("type")
    if isinstance(event_type, str) and not level.may_record(event_type):
        raise ApiError(403, "staff_step", type=event_type)
    too_far = out_of_range(event, "$.event", lang)
    if too_far:
        raise CaseFileError(case_id, too_far)
    people = [dict(p) for p in body.people]
    if "by" not in event and event_type not in BY_OPTIONAL:
        if access.identity.staff_id is None:
            raise ApiError(422, "invalid_request", problems=[Problem("$.event.by", message("by_required", lang))])
        event["by"] = access.identity.staff_id
    people += _staff_people(state, case_id, summary.unit_id, event, people)
    return state.services.cases.append_event(
        case_id, event, body.expected_seq, access.actor, idempotency_key, people=people, lang=lang,
    )


__all__ = ["append_out", "append_response", "is_overdue", "router", "visible_cases"]
