"""Attachments are checked by content, size and name (core.knowledge.files): no database."""

import io
import zipfile

import pytest

from schoolweave.core.knowledge.files import (
    EMPTY,
    MACROS,
    NAME_MISMATCH,
    NOT_ALLOWED,
    OLD_OFFICE,
    TOO_BIG,
    UploadRejected,
    check_upload,
    safe_name,
)

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def ooxml(main_part: str, content_types: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", content_types or "<Types></Types>")
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


def odf(mimetype: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def check(name: str, data: bytes, max_bytes: int = 10_000_000) -> str:
    checked = check_upload(name=name, size=len(data), stream=io.BytesIO(data), max_bytes=max_bytes)
    return f"{checked.kind.key} {checked.name}"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("Findings.pdf", PDF, "pdf Findings.pdf"),
        ("photo.JPEG", JPEG, "jpeg photo.jpg"),
        ("board.png", PNG, "png board.png"),
        ("plan.docx", ooxml("word/document.xml"), "docx plan.docx"),
        ("data.xlsx", ooxml("xl/workbook.xml"), "xlsx data.xlsx"),
        ("talk.pptx", ooxml("ppt/presentation.xml"), "pptx talk.pptx"),
        ("notes.odt", odf("application/vnd.oasis.opendocument.text"), "odt notes.odt"),
        ("sheet.ods", odf("application/vnd.oasis.opendocument.spreadsheet"), "ods sheet.ods"),
        ("notes.txt", "Thèmes: lecture\n".encode(), "txt notes.txt"),
        ("survey.csv", b"school,score\nOakham,3\n", "csv survey.csv"),
        ("no extension", PDF, "pdf no extension.pdf"),
    ],
)
def test_it_accepts_documents_by_their_content(name: str, data: bytes, expected: str) -> None:
    assert check(name, data) == expected


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 40, NOT_ALLOWED),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 40, NOT_ALLOWED),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, OLD_OFFICE),
        ("latin1.txt", "café".encode("latin-1"), NOT_ALLOWED),
        ("binary.txt", b"abc\x00def", NOT_ALLOWED),
        ("bell.txt", b"ding\x07", NOT_ALLOWED),
        (
            "macros.xlsm",
            ooxml("xl/workbook.xml", "<Types>application/vnd.ms-excel.sheet.macroEnabled</Types>"),
            MACROS,
        ),
    ],
)
def test_it_refuses_other_content(name: str, data: bytes, message: str) -> None:
    with pytest.raises(UploadRejected) as caught:
        check(name, data)
    assert str(caught.value) == message


def test_a_zip_with_a_vba_project_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr("word/vbaProject.bin", b"\x00")
    with pytest.raises(UploadRejected, match="macros"):
        check("plan.docx", buffer.getvalue())


def test_a_name_that_claims_another_type_is_refused() -> None:
    with pytest.raises(UploadRejected) as caught:
        check("report.pdf", PNG)
    assert str(caught.value) == NAME_MISMATCH.format(name="report.pdf", found="PNG image")


def test_an_executable_named_as_a_document_is_refused() -> None:
    with pytest.raises(UploadRejected):
        check("report.pdf", b"MZ\x90\x00" + b"\x00" * 40)


def test_size_is_limited_and_empty_files_refused() -> None:
    with pytest.raises(UploadRejected) as caught:
        check("big.pdf", PDF + b" " * 2048, max_bytes=1024)
    assert str(caught.value) == TOO_BIG.format(limit="1 KB")
    with pytest.raises(UploadRejected) as empty:
        check("empty.pdf", b"")
    assert str(empty.value) == EMPTY


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd.txt"),
        ("C:\\Users\\head\\Reading plan.pdf", "Reading plan.pdf"),
        ("<script>alert(1)</script>.pdf", "script.pdf"),
        ("<img src=x onerror=alert(1)>.pdf", "img src x onerror alert 1.pdf"),
        ("report.pdf.exe", "report pdf.txt"),
        ("...", "attachment.txt"),
        ("Year 6 — thèmes.pdf", "Year 6 thèmes.pdf"),
        ("a\x00b\u202ec.pdf", "abc.pdf"),
        ("x" * 300 + ".pdf", "x" * 80 + ".pdf"),
    ],
)
def test_names_are_made_safe(name: str, expected: str) -> None:
    extension = expected.rsplit(".", 1)[1]
    assert safe_name(name, extension) == expected
