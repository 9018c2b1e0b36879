"""What may be attached to an enquiry: files checked by their content, never by their name.

A file is accepted only if its bytes are one of a few document and image formats (PDF, Office
Open XML and OpenDocument without macros, PNG, JPEG, UTF-8 text or CSV), it is not empty and
not too big. Its name is reduced to a safe one, with the extension of what it really is; the
stored file gets a random name of its own. A name that claims another type ("report.pdf" that
is really a PNG) is refused, so a file is never downloaded as something it is not.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

MAX_BYTES = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_STEM = 80

EMPTY = "The selected file is empty"
TOO_BIG = "The selected file must be smaller than {limit}"
NOT_ALLOWED = (
    "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, plain "
    "text or CSV file"
)
MACROS = "The selected file contains macros: save it without them, as .docx, .xlsx or .pptx"
OLD_OFFICE = "The selected file is an old Office file: save it as .docx, .xlsx or .pptx"
NAME_MISMATCH = "The file is called {name} but it is a {found} file: rename it or choose another"


class UploadRejected(ValueError):
    pass


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    content_type: str
    extension: str


KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf", "pdf"),
        FileKind("png", "PNG image", "image/png", "png"),
        FileKind("jpeg", "JPEG image", "image/jpeg", "jpg"),
        FileKind(
            "docx",
            "Word",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        FileKind(
            "xlsx",
            "Excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        FileKind(
            "pptx",
            "PowerPoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx",
        ),
        FileKind("odt", "OpenDocument text", "application/vnd.oasis.opendocument.text", "odt"),
        FileKind(
            "ods",
            "OpenDocument spreadsheet",
            "application/vnd.oasis.opendocument.spreadsheet",
            "ods",
        ),
        FileKind(
            "odp",
            "OpenDocument presentation",
            "application/vnd.oasis.opendocument.presentation",
            "odp",
        ),
        FileKind("txt", "plain text", "text/plain; charset=utf-8", "txt"),
        FileKind("csv", "CSV", "text/csv; charset=utf-8", "csv"),
    )
}
# Extensions a name may honestly have for each kind.
_ALIASES = {
    "pdf": {"pdf"},
    "png": {"png"},
    "jpeg": {"jpg", "jpeg"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "pptx": {"pptx"},
    "odt": {"odt"},
    "ods": {"ods"},
    "odp": {"odp"},
    "txt": {"txt", "text", "md"},
    "csv": {"csv"},
}
_OOXML_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}
_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNSAFE = re.compile(r"[^\w\- ]+")
_SPACES = re.compile(r"[\s_]+")


@dataclass(frozen=True)
class CheckedUpload:
    kind: FileKind
    name: str  # safe, with the extension of what the file is
    size: int


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def check_upload(
    *, name: str, size: int, stream: IO[bytes], max_bytes: int = MAX_BYTES
) -> CheckedUpload:
    """The file's kind and a safe name for it, or UploadRejected with a message for the user."""
    if size <= 0:
        raise UploadRejected(EMPTY)
    if size > max_bytes:
        raise UploadRejected(TOO_BIG.format(limit=human_size(max_bytes)))
    kind = detect_kind(stream, claimed_extension=_extension(name))
    claimed = _extension(name)
    if claimed and claimed not in _ALIASES[kind.key]:
        raise UploadRejected(NAME_MISMATCH.format(name=_base(name), found=kind.label))
    return CheckedUpload(kind, safe_name(name, kind.extension), size)


def detect_kind(stream: IO[bytes], *, claimed_extension: str = "") -> FileKind:
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return KINDS["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if head.startswith(_OLE2):
        raise UploadRejected(OLD_OFFICE)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(stream)
    return _text_kind(stream, claimed_extension)


def _zip_kind(stream: IO[bytes]) -> FileKind:
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise UploadRejected(NOT_ALLOWED)
            names = {info.filename for info in infos}
            if infos and infos[0].filename == "mimetype" and infos[0].file_size < 100:
                odf = _ODF_TYPES.get(archive.read("mimetype").strip())
                if odf is not None:
                    if any(n.lower().startswith("basic/") or "/basic/" in n.lower() for n in names):
                        raise UploadRejected(MACROS)
                    return KINDS[odf]
            manifest = next((i for i in infos if i.filename == "[Content_Types].xml"), None)
            if manifest is None or manifest.file_size > MAX_MANIFEST_BYTES:
                raise UploadRejected(NOT_ALLOWED)
            types = archive.read(manifest).lower()
            if b"macroenabled" in types or any(n.lower().endswith("vbaproject.bin") for n in names):
                raise UploadRejected(MACROS)
            kind = next((k for part, k in _OOXML_PARTS.items() if part in names), None)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        raise UploadRejected(NOT_ALLOWED) from None
    finally:
        stream.seek(0)
    if kind is None:
        raise UploadRejected(NOT_ALLOWED)
    return KINDS[kind]


def _text_kind(stream: IO[bytes], claimed_extension: str) -> FileKind:
    data = stream.read()
    stream.seek(0)
    if b"\x00" in data:
        raise UploadRejected(NOT_ALLOWED)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRejected(NOT_ALLOWED) from None
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n\f")
    if controls:
        raise UploadRejected(NOT_ALLOWED)
    return KINDS["csv" if claimed_extension == "csv" else "txt"]


def _base(name: str) -> str:
    return re.split(r"[/\\]", name)[-1]


def _extension(name: str) -> str:
    base = _base(name)
    stem, dot, extension = base.rpartition(".")
    return extension.lower() if dot and stem.strip(". ") else ""


def safe_name(name: str, extension: str) -> str:
    """A name safe to show and to send in a download: no directories, no control or special
    characters, at most 80 characters before the extension, which is the file's real type."""
    base = unicodedata.normalize("NFKC", _base(name))
    stem = base.rsplit(".", 1)[0] if _extension(base) else base
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] != "C")
    stem = _SPACES.sub(" ", _UNSAFE.sub(" ", stem)).strip(" -")
    stem = re.sub(r"-{2,}", "-", stem)[:MAX_STEM].strip(" -")
    return f"{stem or 'attachment'}.{extension}"
