"""core.money: pence as integers, strict parsing of what people write, formatting for people."""

import pytest

from schoolweave.core.money import (
    NEGATIVE,
    NOT_AN_AMOUNT,
    AmountError,
    Money,
    decimal_text,
    format_gbp,
    json_number,
    parse_gbp,
)


@pytest.mark.parametrize(
    ("text", "pence"),
    [
        ("50000.00", 5_000_000),
        ("50000", 5_000_000),
        ("£50,000", 5_000_000),
        ("£50,000.00", 5_000_000),
        ("1,234,567.89", 123_456_789),
        ("0.01", 1),
        ("0", 0),
        (" 750.50 ", 75_050),
    ],
)
def test_it_reads_amounts_as_people_write_them(text: str, pence: int) -> None:
    assert parse_gbp(text) == Money(pence)


@pytest.mark.parametrize(
    "text",
    [
        "50000.5",  # one digit of pence: 50p or 5p?
        "50000.001",
        "50,00",
        "5,0000",
        "50.000,00",  # European grouping
        "GBP 50000",
        "50k",
        "5e4",
        "£ 50,000",
        "50 000",
        "£",
        "1.2.3",
        "\u0665\u0660",  # Arabic-Indic digits
        "nan",
        "inf",
    ],
)
def test_it_refuses_anything_that_is_not_plainly_an_amount(text: str) -> None:
    with pytest.raises(AmountError) as error:
        parse_gbp(text)
    assert str(error.value) == NOT_AN_AMOUNT.format(text=text.strip())


@pytest.mark.parametrize("text", ["-5", "-£5", "£-5.00"])
def test_it_refuses_negative_amounts(text: str) -> None:
    with pytest.raises(AmountError) as error:
        parse_gbp(text)
    assert str(error.value) == NEGATIVE.format(text=text)


def test_it_refuses_empty_and_absurd_amounts() -> None:
    with pytest.raises(AmountError, match="required"):
        parse_gbp("  ")
    with pytest.raises(AmountError, match="more than"):
        parse_gbp("10,000,000,000.01")


def test_money_will_not_hold_or_multiply_by_a_float() -> None:
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(100) * 1.5  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money.pounds(2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(1) + 1  # type: ignore[operator]


def test_it_formats_for_people_and_files() -> None:
    assert format_gbp(Money.pounds(50_000)) == "£50,000"
    assert format_gbp(Money(123_456)) == "£1,234.56"
    assert format_gbp(Money(5)) == "£0.05"
    assert format_gbp(Money(-2_000)) == "\N{MINUS SIGN}£20"
    assert format_gbp(Money.pounds(3), always_pence=True) == "£3.00"
    assert decimal_text(Money.pounds(50_000)) == "50000.00"
    assert decimal_text(Money(-5)) == "-0.05"
    assert json_number(Money.pounds(50_000)) == 50_000
    assert isinstance(json_number(Money.pounds(50_000)), int)
    assert repr(json_number(Money(123_456))) == "1234.56"


def test_a_three_year_commitment_splits_to_the_penny() -> None:
    assert Money.pounds(150_000).split(3) == (Money.pounds(50_000),) * 3
    assert Money(100).split(3) == (Money(34), Money(33), Money(33))
    assert Money.total(Money(100).split(7)) == Money(100)


def test_per_pupil_rounds_halves_up_with_integers() -> None:
    assert Money.pounds(50_000).per(400) == Money.pounds(125)
    assert Money(5).per(2) == Money(3)  # 2.5p -> 3p
    assert Money(4).per(3) == Money(1)
