"""Bytes to text, as GIAS publishes them.

GIAS downloads are Windows-1252; files re-saved by users are often UTF-8 (with or without a
byte-order mark). UTF-8 is tried first because cp1252 decodes almost any byte sequence, so the
reverse order would silently turn UTF-8 accents into mojibake.
"""

import codecs
from pathlib import Path

from schoolweave.core.gias.errors import GiasFileError


def read_text(path: Path, encoding: str | None = None) -> str:
    """The file's text; `encoding` None means: UTF-8 if it has a BOM or decodes as UTF-8,
    else Windows-1252. A cp1252 file whose accented bytes happen to form valid UTF-8 ("Â¡")
    needs encoding="cp1252" given."""
    data = path.read_bytes()
    if not data.strip():
        raise GiasFileError(str(path), "the file is empty")
    if encoding is not None:
        return _decode(path, data.removeprefix(codecs.BOM_UTF8), encoding)
    if data.startswith(codecs.BOM_UTF8):
        return _decode(path, data[len(codecs.BOM_UTF8) :], "utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode(path, data, "cp1252")


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GiasFileError(
            str(path),
            f"byte 0x{data[exc.start]:02x} is not valid {encoding} text; "
            "is this a GIAS CSV download?",
            line=line,
        ) from exc
