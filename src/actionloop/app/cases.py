"""Cases in the database: append events, import and export case files, verify the logs, rebuild the
projections. Every write is one transaction: the events, the head of the log, the summary row and
the idempotency record are committed together or not at all."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from typing import Any

from actionloop.app.errors import CaseExists, CaseNotFound, IdempotencyKeyReused, StaleWrite
from actionloop.app.integrity import (
    GENESIS_HASH,
    HASH_ALG,
    ChainBreak,
    ChainLink,
    NotCanonical,
    canonical_json,
    chain_hash,
    check_canonical,
    check_chain,
    checked_canonical_json,
)
from actionloop.app.ports import (
    CaseQuery,
    CaseRecord,
    CaseSummary,
    Database,
    DuplicateKey,
    IdempotencyRecord,
    StoredEvent,
    UnitOfWork,
)
from actionloop.app.projection import CaseInterpreter, WorkflowView, summarize
from actionloop.core.casefile import event_from_dict as _read_event
from actionloop.core.casefile import from_dict
from actionloop.core.clock import Clock
from actionloop.core.errors import CaseFileError, Problem
from actionloop.core.model import FORMAT, CaseFile

log = logging.getLogger(__name__)

#: Event types that later events refer to (measures in plans, orders in decisions).
_REFERENCED = frozenset({"plan", "sf_decision"})

#: The actor recorded for events that came in through an import.
IMPORT_ACTOR = "import"


@dataclass(frozen=True, slots=True)
class AppendResult:
    """The outcome of a write: the case's last ``seq`` and head ``hash`` after it, how many events it
    added, and the workflow state. ``replayed``: a retry with a known idempotency key, which added
    nothing and returned the first result."""

    case_id: str
    seq: int
    hash: str
    added: int
    state: str | None = None
    replayed: bool = False

    def to_json(self) -> str:
        return canonical_json({
            "case_id": self.case_id, "seq": self.seq, "hash": self.hash, "added": self.added, "state": self.state,
        })

    @classmethod
    def from_json(cls, text: str, replayed: bool = False) -> AppendResult:
        d = json.loads(text)
        return cls(d["case_id"], d["seq"], d["hash"], d["added"], d.get("state"), replayed)


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """How many cases were checked, and the ones whose log does not verify."""

    checked: int
    broken: list[ChainBreak]


class _SeqTaken(Exception):
    """Another writer stored the same seq first (caught after the transaction is rolled back)."""


def _request_hash(request: Mapping[str, Any]) -> str:
    """A fingerprint of a request (any JSON-like input, checked or not), to tell a retry of it
    from another request under the same idempotency key."""
    text = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _export_order(case: CaseFile) -> CaseFile:
    """The case with each event's keys in the format's natural order (at, type, by, text, fields):
    stored payloads have sorted keys, and a file written back should read like the one read in."""
    events = tuple(dataclasses.replace(e, key_order=()) for e in case.events)
    return dataclasses.replace(case, events=events)


class CaseService:
    def __init__(self, db: Database, interpreter: CaseInterpreter, clock: Clock) -> None:
        self.db = db
        self.interpreter = interpreter
        self.clock = clock

    # ------------------------------------------------------------------------------------------
    # Writing

    def import_case(self, case: CaseFile, actor: str = IMPORT_ACTOR, idempotency_key: str | None = None) -> AppendResult:
        """Store a whole case file as a new case: all of it, or nothing (:class:`CaseExists` if the
        id is taken). Also the way to register a new concern: a case file with one event."""
        return self.import_cases([case], actor, idempotency_key)[0]

    def import_cases(
        self, cases: Sequence[CaseFile], actor: str = IMPORT_ACTOR, idempotency_key: str | None = None
    ) -> list[AppendResult]:
        """Store several case files in one transaction: all of them, or none."""
        request_hash = ""
        if idempotency_key is not None:
            request_hash = _request_hash({"op": "import", "cases": [c.to_dict() for c in cases]})
        seen: set[str] = set()
        for case in cases:
            if case.id in seen:
                raise CaseExists(case.id)
            seen.add(case.id)
        # Everything that does not need the database is done before the write transaction, so
        # that the write lock (SQLite) or row locks (PostgreSQL) are held only for the statements.
        prepared = [self._prepare_case(case, actor) for case in cases]
        try:
            with self.db.unit_of_work(write=True) as uow:
                if idempotency_key is not None:
                    earlier = self._earlier(uow, actor, idempotency_key, request_hash)
                    if earlier is not None:
                        return _results(earlier.result_json, replayed=True)
                for record, events, summary, _ in prepared:
                    # A taken id fails the insert (the primary key): no read first.
                    try:
                        uow.cases.add(record)
                    except DuplicateKey:
                        raise CaseExists(record.case_id) from None
                    uow.cases.append(events)
                    uow.cases.put_summary(summary)
                results = [p[3] for p in prepared]
                if idempotency_key is not None:
                    self._remember(uow, actor, idempotency_key, request_hash, cases[0].id if cases else "",
                                   "\n".join(r.to_json() for r in results))
                uow.commit()
        except (CaseExists, DuplicateKey):
            # A concurrent retry of the same request may have won: then answer as a retry.
            if idempotency_key is not None:
                with self.db.unit_of_work() as uow:
                    earlier = self._earlier(uow, actor, idempotency_key, request_hash)
                if earlier is not None:
                    return _results(earlier.result_json, replayed=True)
            raise
        for result in results:
            log.info("case imported", extra={"case_id": result.case_id, "events": result.added})
        return results

    def _prepare_case(
        self, case: CaseFile, actor: str
    ) -> tuple[CaseRecord, list[StoredEvent], CaseSummary, AppendResult]:
        """The rows a new case is stored as: its record, its chained events and its summary."""
        data = _storable(case)
        view = self.interpreter.interpret(case)
        now = self.clock.now()
        events: list[StoredEvent] = []
        prev = GENESIS_HASH
        for i, event in enumerate(data["events"]):
            stored = self._stored(case.id, i + 1, event, prev, actor, now, view, i, checked=True)
            events.append(stored)
            prev = stored.hash
        record = CaseRecord(
            case_id=case.id, setting=case.case.setting, unit_id=case.case.unit.id, owner=case.case.unit.owner,
            child_id=case.case.child.id, language=case.case.language,
            case_json=checked_canonical_json(data["case"]), people_json=checked_canonical_json(data["people"]),
            head_seq=len(events), head_hash=prev, created_at=now,
        )
        result = AppendResult(case.id, record.head_seq, record.head_hash, len(events), view.state)
        return record, events, summarize(record, case, events, view), result

    def append_event(
        self,
        case_id: str,
        event: Mapping[str, Any],
        expected_seq: int,
        actor: str,
        idempotency_key: str | None = None,
        *,
        people: Sequence[Mapping[str, Any]] = (),
        lang: str = "nb",
        check_workflow: bool = True,
    ) -> AppendResult:
        """Add one event (a dict as in the case file) after event no. ``expected_seq``.

        ``people``: persons the event refers to who are not yet in the case (added with it).
        Raises :class:`StaleWrite` (with the current seq) if the case has moved on,
        :class:`CaseNotFound`, :class:`CaseFileError` (paths ``$.event…`` and ``$.people[i]…``, messages
        in ``lang``) for an invalid event, and ``StepNotAllowed`` (naming what is missing) for a step
        the workflow does not allow now, unless ``check_workflow`` is False (recording history). With
        an ``idempotency_key`` a retry of the same request returns the first result and adds nothing.

        The case is read and the new event checked, chained and projected first; the write
        transaction then locks the case, checks that its head is still the one read (else
        :class:`StaleWrite`) and stores the rows, so locks are held only for the statements.
        """
        request_hash = ""
        if idempotency_key is not None:
            request_hash = _request_hash({
                "op": "append", "case_id": case_id, "event": dict(event), "expected_seq": expected_seq,
                "people": [dict(p) for p in people],
            })
        with self.db.unit_of_work(snapshot=True) as uow:
            record = uow.cases.get(case_id)
            if record is None:
                raise CaseNotFound(case_id)
            if idempotency_key is not None:
                earlier = self._earlier(uow, actor, idempotency_key, request_hash)
                if earlier is not None:
                    return AppendResult.from_json(earlier.result_json, replayed=True)
            if record.head_seq != expected_seq:
                raise StaleWrite(case_id, expected_seq, record.head_seq)
            stored = uow.cases.events(case_id)
        case, people_json = self._with_event(record, stored, event, people, lang)
        if check_workflow:
            self.interpreter.check_step(case, lang)
        view = self.interpreter.interpret(case)
        new = self._stored(case_id, expected_seq + 1, case.events[-1].to_dict(), record.head_hash, actor,
                           self.clock.now(), view, len(case.events) - 1)
        after = dataclasses.replace(record, head_seq=new.seq, head_hash=new.hash, people_json=people_json)
        summary = summarize(after, case, [*stored, new], view)
        result = AppendResult(case_id, new.seq, new.hash, 1, view.state)
        try:
            with self.db.unit_of_work(write=True) as uow:
                head = uow.cases.lock(case_id)
                if head is None:
                    raise CaseNotFound(case_id)
                if idempotency_key is not None:
                    earlier = self._earlier(uow, actor, idempotency_key, request_hash)
                    if earlier is not None:
                        return AppendResult.from_json(earlier.result_json, replayed=True)
                if head.head_seq != expected_seq or head.head_hash != record.head_hash:
                    raise StaleWrite(case_id, expected_seq, head.head_seq)
                try:
                    uow.cases.append([new])
                except DuplicateKey:
                    raise _SeqTaken from None
                uow.cases.set_head(case_id, new.seq, new.hash, people_json)
                uow.cases.put_summary(summary)
                if idempotency_key is not None:
                    self._remember(uow, actor, idempotency_key, request_hash, case_id, result.to_json())
                uow.commit()
        except _SeqTaken:
            raise StaleWrite(case_id, expected_seq, self._head_seq(case_id)) from None
        except DuplicateKey as exc:
            if exc.table == "idempotency_key" and idempotency_key is not None:
                return self.append_event(case_id, event, expected_seq, actor, idempotency_key, people=people,
                                         lang=lang, check_workflow=check_workflow)
            raise
        log.info("event appended", extra={"case_id": case_id, "seq": result.seq, "event_type": new.type})
        return result

    def _head_seq(self, case_id: str) -> int:
        with self.db.unit_of_work() as uow:
            record = uow.cases.get(case_id)
            return record.head_seq if record else 0

    def _earlier(self, uow: UnitOfWork, actor: str, key: str, request_hash: str) -> IdempotencyRecord | None:
        earlier = uow.idempotency.get(actor, key)
        if earlier is not None and earlier.request_hash != request_hash:
            raise IdempotencyKeyReused(key)
        return earlier

    def _remember(self, uow: UnitOfWork, actor: str, key: str, request_hash: str, case_id: str, result: str) -> None:
        uow.idempotency.put(IdempotencyRecord(actor, key, request_hash, case_id, result, self.clock.now()))

    def _stored(
        self, case_id: str, seq: int, event: dict[str, Any], prev_hash: str, actor: str,
        now: Any, view: WorkflowView, index: int, *, checked: bool = False,
    ) -> StoredEvent:
        payload = checked_canonical_json(event) if checked else canonical_json(event)
        workflow_id = view.workflow_ids[index] if index < len(view.workflow_ids) else None
        return StoredEvent(
            case_id=case_id, seq=seq, type=event["type"], occurred_at=event["at"], recorded_at=now,
            actor_id=actor, workflow_id=workflow_id, payload=payload, hash_alg=HASH_ALG, prev_hash=prev_hash,
            hash=chain_hash(prev_hash, payload, HASH_ALG),
        )

    def _with_event(
        self, record: CaseRecord, stored: Sequence[StoredEvent], event: Mapping[str, Any],
        people: Sequence[Mapping[str, Any]], lang: str,
    ) -> tuple[CaseFile, str]:
        """The case with ``event`` (and ``people``) added. The new event is checked as the case-file
        reader checks a whole file (schema, references, time order, measures and orders named by
        earlier events), reading only the earlier events those checks look at; the stored events
        were checked when they were written."""
        known = json.loads(record.people_json)
        known_ids = {p["id"]: p for p in known}
        added = [dict(p) for p in people if not (isinstance(p, Mapping) and known_ids.get(p.get("id")) == dict(p))]
        all_people = [*known, *added]
        earlier = [json.loads(e.payload) for e in stored]
        context = [d for d in earlier[:-1] if d.get("type") in _REFERENCED] + earlier[-1:]
        case_obj = json.loads(record.case_json)
        check = {"format": FORMAT, "case": case_obj, "people": all_people, "events": [*context, dict(event)]}
        try:
            problems = _non_canonical({"event": dict(event), "people": added})
            if problems:
                raise CaseFileError(record.case_id, problems)
            checked = from_dict(check, record.case_id, lang)
        except CaseFileError as exc:
            raise CaseFileError(exc.source, [_relative(p, len(context), len(known)) for p in exc.problems]) from None
        base = self._case_file(dataclasses.replace(record, people_json=canonical_json(all_people)), stored)
        new = dataclasses.replace(checked.events[-1], index=len(base.events))
        return dataclasses.replace(base, events=(*base.events, new)), canonical_json(all_people)

    # ------------------------------------------------------------------------------------------
    # Reading

    def export_case(self, case_id: str) -> CaseFile:
        """The case as a case file, exactly as imported and appended (:class:`CaseNotFound`)."""
        with self.db.unit_of_work(snapshot=True) as uow:
            record = uow.cases.get(case_id)
            if record is None:
                raise CaseNotFound(case_id)
            return _export_order(self._case_file(record, uow.cases.events(case_id)))

    def export_all(self, uow: UnitOfWork | None = None) -> Iterator[CaseFile]:
        """Every case, in id order, from one consistent snapshot (streamed, not held in memory);
        within ``uow`` if given (to export more from the same snapshot)."""
        if uow is None:
            with self.db.unit_of_work(snapshot=True) as own:
                yield from self.export_all(own)
            return
        for _, record, rows in _joined(uow.cases.all_records(), uow.cases.all_events()):
            if record is not None:
                yield _export_order(self._case_file(record, rows))

    def summary(self, case_id: str) -> CaseSummary:
        with self.db.unit_of_work() as uow:
            found = uow.cases.summary(case_id)
        if found is None:
            raise CaseNotFound(case_id)
        return found

    def list_cases(self, query: CaseQuery | None = None) -> list[CaseSummary]:
        with self.db.unit_of_work() as uow:
            return uow.cases.summaries(query or CaseQuery())

    def head(self, case_id: str) -> tuple[int, str]:
        """The case's last seq and head hash (what a client sends back as ``expected_seq``)."""
        with self.db.unit_of_work() as uow:
            record = uow.cases.get(case_id)
        if record is None:
            raise CaseNotFound(case_id)
        return record.head_seq, record.head_hash

    def events(self, case_id: str) -> list[StoredEvent]:
        """The stored rows of a case's log, with who recorded each and when."""
        with self.db.unit_of_work(snapshot=True) as uow:
            if uow.cases.get(case_id) is None:
                raise CaseNotFound(case_id)
            return uow.cases.events(case_id)

    def _case_file(self, record: CaseRecord, events: Sequence[StoredEvent]) -> CaseFile:
        data = {
            "format": FORMAT,
            "case": json.loads(record.case_json),
            "people": json.loads(record.people_json),
            "events": [json.loads(e.payload) for e in events],
        }
        return trusted_case_file(data, record.case_id)

    # ------------------------------------------------------------------------------------------
    # Integrity and projections

    def verify(self, case_id: str | None = None) -> list[ChainBreak]:
        """Every case (or one) whose stored log does not verify, with the first bad seq."""
        return self.verify_report(case_id).broken

    def verify_report(self, case_id: str | None = None) -> VerifyReport:
        """As :meth:`verify`, with the number of cases checked."""
        broken: list[ChainBreak] = []
        checked = 0
        with self.db.unit_of_work(snapshot=True) as uow:
            if case_id is not None:
                record = uow.cases.get(case_id)
                if record is None:
                    raise CaseNotFound(case_id)
                records: Iterable[CaseRecord] = [record]
            else:
                records = uow.cases.all_records()
            for cid, head, rows in _joined(records, uow.cases.all_events(case_id)):
                checked += 1
                links = (ChainLink(e.seq, e.type, e.occurred_at, e.payload, e.hash_alg, e.prev_hash, e.hash) for e in rows)
                if head is None:
                    found: ChainBreak | None = ChainBreak(cid, rows[0].seq, "no_case_record")
                else:
                    found = check_chain(cid, links, head.head_seq, head.head_hash)
                if found is not None:
                    broken.append(found)
        for b in broken:
            log.warning("case log does not verify", extra={"case_id": b.case_id, "seq": b.seq, "reason": b.reason})
        return VerifyReport(checked, broken)

    def rebuild_projections(self) -> int:
        """Throw away every summary row and derive them again from the events; the number of cases."""
        count = 0
        with self.db.unit_of_work(write=True) as uow:
            uow.cases.clear_summaries()
            for _, record, rows in _joined(uow.cases.all_records(), uow.cases.all_events()):
                if record is None:
                    continue
                case = self._case_file(record, rows)
                uow.cases.put_summary(summarize(record, case, rows, self.interpreter.interpret(case)))
                count += 1
            uow.commit()
        return count

    def live_summaries(self) -> list[CaseSummary]:
        """Every summary row as stored now (to compare with a rebuild)."""
        return self.list_cases(CaseQuery())


def trusted_case_file(data: Mapping[str, Any], source: str) -> CaseFile:
    """A case file from stored data, which was checked when it was written, without checking every
    event again (the schema check costs about a millisecond per event; this read, microseconds).
    The case and people are still read through :func:`from_dict`, and the events through the
    reader's own event constructor, so the values are exactly what a full read gives. Anything
    that does not read cleanly falls back to the full read, which names the problem."""
    try:
        shell = _shell(canonical_json(data["case"]), canonical_json(data["people"]), source)
        events = tuple(_read_event(i, e) for i, e in enumerate(data["events"]))
    except CaseFileError:
        raise
    except Exception:
        return from_dict(data, source)
    return dataclasses.replace(shell, events=events)


@lru_cache(maxsize=4096)
def _shell(case_json: str, people_json: str, source: str) -> CaseFile:
    """A case file with no events, read (and checked) once per distinct case and people."""
    return from_dict({"format": FORMAT, "case": json.loads(case_json), "people": json.loads(people_json),
                      "events": []}, source)


def _results(text: str, replayed: bool) -> list[AppendResult]:
    return [AppendResult.from_json(line, replayed) for line in text.split("\n")]


def _storable(case: CaseFile) -> dict[str, Any]:
    """The case as a dict, refusing values canonical JSON does not allow (floats) before anything
    is stored (checked once: its parts are then written without checking again)."""
    data = case.to_dict()
    try:
        check_canonical(data)
    except NotCanonical as exc:
        raise CaseFileError(case.id, _not_canonical_problems(exc)) from None
    return data


def _joined(
    records: Iterable[CaseRecord], events: Iterable[StoredEvent]
) -> Iterator[tuple[str, CaseRecord | None, list[StoredEvent]]]:
    """Records and their events side by side; both streams must be ordered by case id (code point
    order), as the repositories return them. A case with no events comes with an empty list."""
    groups = groupby(events, key=lambda e: e.case_id)
    pending = next(groups, None)
    for record in records:
        while pending is not None and pending[0] < record.case_id:
            yield pending[0], None, list(pending[1])
            pending = next(groups, None)
        if pending is not None and pending[0] == record.case_id:
            yield record.case_id, record, list(pending[1])
            pending = next(groups, None)
        else:
            yield record.case_id, record, []
    while pending is not None:
        yield pending[0], None, list(pending[1])
        pending = next(groups, None)


def _non_canonical(data: Any) -> list[Problem]:
    try:
        check_canonical(data)
    except NotCanonical as exc:
        return _not_canonical_problems(exc)
    return []


def _not_canonical_problems(exc: NotCanonical) -> list[Problem]:
    return [Problem(exc.path, "desimaltall og andre verdier enn tekst, heltall, sann/usann, lister og objekter "
                              "kan ikke lagres")]


def _relative(problem: Problem, new_index: int, known_people: int) -> Problem:
    """A problem's path relative to the request: ``$.events[n]…`` → ``$.event…``, new people
    ``$.people[k]`` → ``$.people[k - known]``."""
    path = problem.path
    prefix = f"$.events[{new_index}]"
    if path.startswith(prefix):
        return Problem("$.event" + path[len(prefix):], problem.message)
    if path.startswith("$.people["):
        end = path.index("]")
        index = int(path[len("$.people["):end])
        if index >= known_people:
            return Problem(f"$.people[{index - known_people}]{path[end + 1:]}", problem.message)
    return problem
