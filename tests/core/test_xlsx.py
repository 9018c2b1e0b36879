"""XLSX downloads: every text cell stays text, as core.spreadsheet's CSV does."""

import io
import zipfile
from datetime import date
from typing import Any

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.spreadsheet import spreadsheet_safe
from schoolweave.core.xlsx import write_xlsx


def _sheet(rows: list[dict[str, Any]], columns: tuple[str, ...] = ("value",)) -> Any:
    stream = io.BytesIO()
    write_xlsx(stream, columns, rows, sheet_title="A title longer than Excel's limit of 31")
    workbook = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    return workbook, stream.getvalue()


def test_it_writes_a_bold_header_then_one_row_per_mapping() -> None:
    workbook, _ = _sheet([{"a": "x", "b": 1}, {"a": "y", "b": 2.5}], columns=("a", "b"))
    sheet = workbook.active
    assert workbook.sheetnames == ["A title longer than Excel's lim"]
    assert list(sheet.iter_rows(values_only=True)) == [("a", "b"), ("x", 1), ("y", 2.5)]
    assert sheet["A1"].font.bold


def test_formula_like_text_is_a_string_with_an_apostrophe_never_a_formula() -> None:
    texts = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "\x01=1+1"]
    workbook, content = _sheet([{"value": text} for text in texts])
    cells = [row[0] for row in workbook.active.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.value for cell in cells] == [
        "'=1+2",
        "'+1+2",
        "'-1+2",
        "'@SUM(A1)",
        "'\t=1",
        "'\n=1",  # XML reads a carriage return as a line feed
        "'=1+1",
    ]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()


def test_numbers_booleans_and_dates_keep_their_types_and_blanks_are_empty() -> None:
    rows = [{"value": -2.01}, {"value": 7}, {"value": True}, {"value": date(2017, 9, 1)}]
    rows += [{"value": ""}, {"value": None}, {"value": "-2.01"}]
    workbook, _ = _sheet(rows)
    values = [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert values[:3] == [-2.01, 7, True]
    assert values[3].date() == date(2017, 9, 1)
    assert values[4:] == [None, None, "-2.01"]


@given(st.text(max_size=40))
def test_any_text_reads_back_as_the_csv_would_write_it(text: str) -> None:
    workbook, _ = _sheet([{"value": text}])
    cell = workbook.active["A2"]
    legal = "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32)
    expected = spreadsheet_safe(legal) or None
    # XML reads line ends back as line feeds.
    read = expected and expected.replace("\r\n", "\n").replace("\r", "\n")
    assert cell.value == read
    assert cell.data_type == ("s" if expected else "n")
