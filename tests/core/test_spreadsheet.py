import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.spreadsheet import spreadsheet_safe, write_csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_it_neutralises_formulas() -> None:
    assert spreadsheet_safe('=HYPERLINK("http://evil","x")') == '\'=HYPERLINK("http://evil","x")'
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("-2+3") == "'-2+3"


def test_it_keeps_numbers_and_plain_text() -> None:
    assert spreadsheet_safe("-2.013") == "-2.013"
    assert spreadsheet_safe(-2.013) == -2.013
    assert spreadsheet_safe("Oakham Primary School") == "Oakham Primary School"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@given(st.text() | st.from_regex(r"[=+\-@][0-9.eE+\-]{0,8}", fullmatch=True))
def test_only_numbers_may_start_like_a_formula(value: str) -> None:
    safe = spreadsheet_safe(value)
    assert not safe.startswith(FORMULA_STARTS) or _is_number(safe)


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_csv_round_trips_apart_from_the_neutralising_apostrophe(values: list[str]) -> None:
    stream = io.StringIO()
    write_csv(stream, ["a"], [{"a": value} for value in values])
    read = [row[0] for row in csv.reader(io.StringIO(stream.getvalue()))][1:]
    assert read == [spreadsheet_safe(value) for value in values]
