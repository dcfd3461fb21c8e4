"""Integrity of a case log: a checksum over the case's events that anyone can recompute.

The digest is SHA-256 over the canonical JSON of the events exactly as the case file holds them
(keys sorted, no whitespace, UTF-8, non-ASCII kept). The same events always give the same digest;
an altered, removed, added or reordered event gives another. Documents print it so that a reader
can check a printed log against the system.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from actionloop.core.model import CaseFile


def canonical_events(case: CaseFile) -> bytes:
    """The case's events as canonical JSON bytes (the input to :func:`events_digest`)."""
    events: Any = case.to_dict()["events"]
    text = json.dumps(events, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # A lone surrogate (possible in JSON as "\\ud800") is kept as its code point rather than refused.
    return text.encode("utf-8", "surrogatepass")


def events_digest(case: CaseFile) -> str:
    """SHA-256 (lower-case hex) of the canonical JSON of the case's events."""
    return hashlib.sha256(canonical_events(case)).hexdigest()
