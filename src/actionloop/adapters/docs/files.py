"""File names and writing files: safe ASCII names for downloads, and atomic writes."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

#: Document kinds and the Norwegian word their files are named by.
KIND_WORDS = {
    "plan": "aktivitetsplan",
    "plan-family": "aktivitetsplan-familiekopi",
    "log": "saksgang",
    "log-family": "saksgang-familiekopi",
    "audit": "tilsynsrapport",
}
_TRANSLITERATE = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A", "ß": "ss"})
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _ascii_slug(text: str, limit: int) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    text = text.encode("ascii", "ignore").decode("ascii")
    text = _UNSAFE.sub("-", text)
    text = re.sub(r"-{2,}", "-", text).strip("-_")
    return text[:limit].rstrip("-_")


def safe_filename(case_id: str, kind: str, ext: str = "docx") -> str:
    """An ASCII file name for a case's document: ``aktivitetsplan-nordli-2025-014.docx``.

    Only letters, digits, ``-`` and ``_`` before the one ``.``; never a path, never hidden, at
    most 120 characters — safe in a ``Content-Disposition`` header and on any file system.
    """
    word = KIND_WORDS.get(kind) or _ascii_slug(kind, 40) or "dokument"
    slug = _ascii_slug(case_id, 80) or "sak"
    extension = _ascii_slug(ext, 8) or "docx"
    return f"{word}-{slug}.{extension}"


def content_disposition(filename: str) -> str:
    """The ``Content-Disposition`` header for downloading ``filename`` (from :func:`safe_filename`)."""
    safe = _ascii_slug(filename.rsplit(".", 1)[0], 110) or "dokument"
    extension = _ascii_slug(filename.rsplit(".", 1)[1], 8) if "." in filename else "docx"
    return f'attachment; filename="{safe}.{extension}"'


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file beside it, then a rename.

    A reader never sees half a file, and on failure the old file (if any) is left as it was.
    The file is readable by its owner only: these documents hold children's personal data.
    """
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
