"""Numbers people type: read only when they can be compared with a column."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.numbers import URN_DIGITS, typed_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [("103950", 103950), ("000012", 12), ("²", None), ("١٢", None), ("1" * 10, None), ("", None)],
)
def test_a_typed_urn(text: str, expected: int | None) -> None:
    assert typed_number(text, max_digits=URN_DIGITS) == expected


@given(st.text())
def test_any_text_is_a_number_or_none_never_an_error(text: str) -> None:
    found = typed_number(text, max_digits=URN_DIGITS)
    assert found is None or (found < 10**URN_DIGITS and int(text) == found)
