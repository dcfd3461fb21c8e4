"""Messages in bokmål (default), nynorsk and English.

Each module keeps its own catalogue (``key -> {lang: text}``) next to the code that uses it;
:func:`tr` picks the language and fills in the fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Catalog = Mapping[str, Mapping[str, str]]
DEFAULT_LANGUAGE = "nb"


def tr(catalog: Catalog, key: str, lang: str | None = None, /, **fields: Any) -> str:
    """The message ``key`` in ``lang`` (bokmål if that language is missing), with ``fields``."""
    texts = catalog[key]
    text = texts.get(lang or DEFAULT_LANGUAGE) or texts[DEFAULT_LANGUAGE]
    return text.format(**fields) if fields else text
