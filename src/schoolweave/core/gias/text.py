"""A GIAS file's bytes, as UTF-8 for pyarrow, with its digest; text only when needed.

GIAS downloads are Windows-1252; files re-saved by users are often UTF-8 (with or without a
byte-order mark). UTF-8 is tried first because cp1252 decodes almost any byte sequence, so the
reverse order would silently turn UTF-8 accents into mojibake. A cp1252 file whose accented
bytes happen to form valid UTF-8 ("Â¡") needs its encoding given.
"""

import codecs
import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from schoolweave.core.gias.errors import GiasFileError


@dataclass(frozen=True)
class Source:
    path: Path
    utf8: bytes  # the file's content re-encoded as UTF-8 where needed, without a BOM
    sha256: str  # of the file as it is on disk

    @cached_property
    def text(self) -> str:
        """The whole text: for locating errors, never on the happy path."""
        return self.utf8.decode("utf-8")

    @property
    def head(self) -> str:
        """The start of the text: enough for the header line."""
        return self.utf8[:65536].decode("utf-8", errors="ignore")


def read_source(path: Path, encoding: str | None = None) -> Source:
    data = path.read_bytes()
    if not data.strip():
        raise GiasFileError(str(path), "the file is empty")
    digest = hashlib.sha256(data).hexdigest()
    body = data.removeprefix(codecs.BOM_UTF8)
    if encoding is None:
        if data.startswith(codecs.BOM_UTF8) or body.isascii():
            encoding = "utf-8"
        else:
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                encoding = "cp1252"
            else:
                return Source(path, body, digest)
    if codecs.lookup(encoding).name == "utf-8":
        if not body.isascii():
            _decode(path, body, "utf-8")  # pyarrow would not say where bad bytes are
        return Source(path, body, digest)
    return Source(path, _decode(path, body, encoding).encode("utf-8"), digest)


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
