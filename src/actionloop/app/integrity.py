"""The tamper-evident case log: canonical JSON and the hash chain over each case's events.

Each event is stored as canonical JSON text (keys sorted, no spaces, UTF-8 as is, no floats). Its
hash is ``sha256(prev_hash + payload)`` over that exact text, where ``prev_hash`` is the hash of the
case's previous event (64 zeros for the first). Changing, removing or reordering any stored event
breaks every hash after it. The name of the hash method is stored with each event, so a later
method can be introduced without making old events unverifiable.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

HASH_ALG = "sha256"
GENESIS_HASH = "0" * 64

_ALGORITHMS: Mapping[str, Callable[[bytes], str]] = {
    "sha256": lambda data: hashlib.sha256(data).hexdigest(),
}


class NotCanonical(ValueError):
    """A value canonical JSON does not allow (a float, or a type JSON has no word for)."""

    def __init__(self, path: str, value: Any) -> None:
        self.path = path
        self.value = value
        super().__init__(f"{path}: {value!r} is not allowed in a stored event")


#: Plain JSON leaves and containers, told by their exact type (the common case, without the
#: ``Mapping`` check, which costs an ABC look-up per value).
_LEAVES = frozenset({str, int, bool, type(None)})


def _plain(value: Any) -> bool:
    """Whether ``value`` is built only of dicts with string keys, lists, tuples, str, int, bool and
    None (exactly those types): then it is canonical, and :func:`_check` need not walk it."""
    kind = type(value)
    if kind in _LEAVES:
        return True
    if kind is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if kind is list or kind is tuple:
        return all(_plain(v) for v in value)
    return False


def _check(value: Any, path: str) -> None:
    if _plain(value):
        return
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise NotCanonical(path, key)
            _check(item, f"{path}.{key}")
        return
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check(item, f"{path}[{i}]")
        return
    raise NotCanonical(path, value)


#: What :func:`json.dumps` builds for these options on every call, built once.
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    """``value`` as canonical JSON text; :class:`NotCanonical` for floats and non-JSON types."""
    _check(value, "$")
    return _ENCODER.encode(value)


def check_canonical(value: Any) -> None:
    """Raise :class:`NotCanonical` unless ``value`` can be written as canonical JSON."""
    _check(value, "$")


def checked_canonical_json(value: Any) -> str:
    """:func:`canonical_json` of a value :func:`check_canonical` has already passed (or a part of
    one), without checking it again."""
    return _ENCODER.encode(value)


def chain_hash(prev_hash: str, payload: str, alg: str = HASH_ALG) -> str:
    """The hash of an event: ``alg(prev_hash + payload)`` over UTF-8, as lower-case hex."""
    return _ALGORITHMS[alg]((prev_hash + payload).encode("utf-8"))


def known_algorithm(alg: str) -> bool:
    return alg in _ALGORITHMS


@dataclass(frozen=True, slots=True)
class ChainLink:
    """What the chain check reads of a stored event."""

    seq: int
    type: str
    occurred_at: str
    payload: str
    hash_alg: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """The first event of a case whose stored log does not verify, and why (an English reason code)."""

    case_id: str
    seq: int
    reason: str


def check_chain(
    case_id: str, links: Iterable[ChainLink], head_seq: int | None = None, head_hash: str | None = None
) -> ChainBreak | None:
    """The first break in one case's chain, or None if every event verifies.

    Checks, per event in ``seq`` order: the sequence has no gap, the method is known, ``prev_hash``
    is the previous event's hash, the hash matches the stored text, the text is canonical JSON, and
    the ``type`` and ``occurred_at`` columns agree with it. ``head_seq``/``head_hash`` (kept with the
    case) catch events cut off the end of the log.
    """
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for link in links:
        if link.seq != expected_seq:
            return ChainBreak(case_id, min(link.seq, expected_seq), "missing_event")
        if not known_algorithm(link.hash_alg):
            return ChainBreak(case_id, link.seq, "unknown_hash_alg")
        if link.prev_hash != expected_prev:
            return ChainBreak(case_id, link.seq, "prev_hash_mismatch")
        if chain_hash(link.prev_hash, link.payload, link.hash_alg) != link.hash:
            return ChainBreak(case_id, link.seq, "hash_mismatch")
        try:
            data = json.loads(link.payload)
            canonical = canonical_json(data) == link.payload
        except (ValueError, NotCanonical):
            return ChainBreak(case_id, link.seq, "payload_not_json")
        if not canonical:
            return ChainBreak(case_id, link.seq, "payload_not_canonical")
        if not isinstance(data, dict) or data.get("type") != link.type or data.get("at") != link.occurred_at:
            return ChainBreak(case_id, link.seq, "columns_disagree")
        expected_prev = link.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head_seq is not None and head_seq != last_seq:
        return ChainBreak(case_id, min(head_seq, last_seq) + 1, "head_mismatch")
    if head_hash is not None and head_hash != expected_prev:
        return ChainBreak(case_id, max(last_seq, 1), "head_mismatch")
    return None
