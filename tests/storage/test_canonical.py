"""Canonical JSON: the text, and the refusals with the path to the value refused (the check takes a
short way over plain dicts, lists and scalars; anything else is looked at value by value)."""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any

import pytest

from actionloop.app.integrity import NotCanonical, canonical_json, check_canonical, checked_canonical_json


class Tagged(dict[str, Any]):
    """A dict of another type (the check accepts any mapping with string keys)."""


@pytest.mark.parametrize("value", [
    {"b": 1, "a": [True, None, "æøå", {"z": (1, 2)}]},
    [],
    "text",
    7,
    None,
    OrderedDict([("b", 1), ("a", 2)]),
    {"x": Tagged(k="v")},
])
def test_canonical_text_is_sorted_compact_utf8(value: Any) -> None:
    expected = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert canonical_json(value) == checked_canonical_json(value) == expected
    check_canonical(value)


@pytest.mark.parametrize(("value", "path"), [
    ({"a": [1, {"b": 1.5}]}, "$.a[1].b"),
    ({"a": {1: "x"}}, "$.a"),
    ([None, set()], "$[1]"),
    ({"d": Tagged(f=2.0)}, "$.d.f"),
    (float("nan"), "$"),
])
def test_what_is_not_canonical_is_refused_with_its_path(value: Any, path: str) -> None:
    with pytest.raises(NotCanonical) as refused:
        canonical_json(value)
    assert refused.value.path == path
    with pytest.raises(NotCanonical):
        check_canonical(value)
