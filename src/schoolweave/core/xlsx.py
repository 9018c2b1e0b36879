"""XLSX that is safe to open in a spreadsheet: the XLSX twin of core.spreadsheet's CSV.

Every text cell is written as a string cell, never a formula, even when it starts with "=";
formula-like text also gets the leading apostrophe the CSV gives it (spreadsheet_safe), so a
value copied out of the sheet stays harmless. Numbers, booleans and dates keep their types.
Characters XML cannot hold (control characters other than tab, newline and carriage return)
are dropped rather than failing the whole download; empty text is an empty cell.
"""

from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING, Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from schoolweave.core.spreadsheet import spreadsheet_safe

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_TITLE_MAX = 31  # Excel's limit


def write_xlsx(
    stream: IO[bytes],
    columns: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    *,
    sheet_title: str,
) -> None:
    """One sheet: a bold header row of `columns`, then a row per mapping."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:_SHEET_TITLE_MAX])
    bold = Font(bold=True)
    sheet.append([_cell(sheet, column, font=bold) for column in columns])
    for row in rows:
        sheet.append([_cell(sheet, row[column]) for column in columns])
    workbook.save(stream)


def _cell(sheet: WriteOnlyWorksheet, value: Any, *, font: Font | None = None) -> Cell:
    if isinstance(value, str):
        # Dropped first, so that "\x01=1+1" cannot come out as "=1+1".
        value = spreadsheet_safe(ILLEGAL_CHARACTERS_RE.sub("", value)) or None
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = TYPE_STRING  # openpyxl would make "=..." a formula
    if font is not None:
        cell.font = font
    return cell
