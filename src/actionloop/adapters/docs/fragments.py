"""Text fragments for the documents: Jinja2 macros in ``templates/docx/<lang>.j2``.

Each macro is one paragraph of prose in bokmål, nynorsk or English. Jinja2 renders plain text
only — never document XML — so autoescape is off on purpose: the text is escaped by python-docx
when it goes into the document. The values passed in are already formatted strings.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from actionloop.docview import lang_of
from actionloop.resources import data_dir

LANGUAGES = ("nb", "nn", "en")


def templates_dir() -> Path:
    return data_dir("templates") / "docx"


@lru_cache(maxsize=1)
def environment() -> Environment:
    # Plain text out, never markup: python-docx escapes it when it goes into the document.
    return Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=False,  # noqa: S701 - the output is text for python-docx, not HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@lru_cache(maxsize=8)
def _module(lang: str) -> Any:
    return environment().get_template(f"{lang}.j2").module


def fragment(lang: str, name: str, /, **values: Any) -> str:
    """The fragment ``name`` in ``lang`` (bokmål for an unknown language), filled in."""
    macro = getattr(_module(lang_of(lang)), name)
    return str(macro(**values)).strip()


def macro_names(lang: str) -> set[str]:
    """The fragments a language file defines (for the contract test)."""
    module = _module(lang)
    return {name for name in dir(module) if not name.startswith("_") and callable(getattr(module, name))}


def macro_arguments(lang: str, name: str) -> tuple[str, ...]:
    """The values a fragment takes (for the contract test)."""
    arguments: tuple[str, ...] = tuple(getattr(_module(lang), name).arguments)
    return arguments
