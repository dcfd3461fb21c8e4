"""Where the data that ships with actionloop lives: workflows/, templates/ and examples/.

In an installed wheel they are inside the package (``actionloop/_data``); in a source checkout
(and an editable install) they are at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder ``name`` (``workflows``, ``templates`` or ``examples``)."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"actionloop: the folder {name}/ was not found beside the package")
