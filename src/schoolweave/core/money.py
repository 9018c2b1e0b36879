"""Money in whole pence: integers, never floats.

`Money` wraps an int of pence. It adds, subtracts and compares with other Money, multiplies by
whole numbers only, and splits into parts that add up exactly. `parse_gbp` reads what people
and spreadsheets write ("50000.00", "£50,000", "50,000.5" is refused) strictly: a cell that
is not plainly an amount of pounds and pence is an error, never a guess. `format_gbp` writes
amounts for people ("£50,000", "£1,234.56"); `decimal_text` for files ("50000.00").
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import total_ordering

PENCE_PER_POUND = 100
# Larger than any grant an LA makes (GBP 10bn), and small enough that every amount's decimal
# text survives a JSON reader that turns numbers into doubles.
MAX_PENCE = 10**12

_AMOUNT = re.compile(
    r"""
    (?P<pounds>\d{1,3}(?:,\d{3})+|\d+)   # 50000 or 50,000 (commas in threes, or none)
    (?:\.(?P<pence>\d{2}))?              # .00: exactly two digits of pence, if any
    """,
    re.VERBOSE,
)

NOT_AN_AMOUNT = "{text!r} is not an amount in pounds, for example 50000.00 or £50,000"
NEGATIVE = "{text!r} is negative: amounts are in pounds, 0 or more"
TOO_LARGE = "{text!r} is more than £10,000,000,000"
EMPTY = "an amount in pounds is required, for example 50000.00"


class AmountError(ValueError):
    """Text that is not an amount of money; `str()` says why, in a user's words."""


@total_ordering
@dataclass(frozen=True, slots=True)
class Money:
    """An amount in pence. Only ints: Money(1.5) is a TypeError, so a float cannot creep in."""

    pence: int

    def __post_init__(self) -> None:
        if not isinstance(self.pence, int) or isinstance(self.pence, bool):
            raise TypeError(f"Money holds whole pence as an int, not {type(self.pence).__name__}")

    @classmethod
    def zero(cls) -> "Money":
        return cls(0)

    @classmethod
    def pounds(cls, pounds: int) -> "Money":
        if not isinstance(pounds, int) or isinstance(pounds, bool):
            raise TypeError("Money.pounds takes whole pounds as an int")
        return cls(pounds * PENCE_PER_POUND)

    @classmethod
    def total(cls, amounts: Iterable["Money"]) -> "Money":
        return cls(sum((amount.pence for amount in amounts), 0))

    def __add__(self, other: "Money") -> "Money":
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.pence + other.pence)

    def __sub__(self, other: "Money") -> "Money":
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.pence - other.pence)

    def __mul__(self, times: int) -> "Money":
        if not isinstance(times, int) or isinstance(times, bool):
            return NotImplemented
        return Money(self.pence * times)

    __rmul__ = __mul__

    def __neg__(self) -> "Money":
        return Money(-self.pence)

    def __lt__(self, other: "Money") -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.pence < other.pence

    def __bool__(self) -> bool:
        return self.pence != 0

    def __str__(self) -> str:
        return format_gbp(self)

    @property
    def is_negative(self) -> bool:
        return self.pence < 0

    def split(self, parts: int) -> tuple["Money", ...]:
        """`parts` amounts as equal as pence allow, adding up to exactly this one; the odd pence
        go to the first parts (a commitment's first years)."""
        if parts < 1:
            raise ValueError("split needs at least one part")
        each, odd = divmod(self.pence, parts)
        return tuple(Money(each + (1 if index < odd else 0)) for index in range(parts))

    def per(self, count: int) -> "Money":
        """This amount shared among `count` (pupils, say), rounded to the nearest penny, halves
        up: integer arithmetic only."""
        if count < 1:
            raise ValueError("per needs a count of at least one")
        return Money((2 * self.pence + count) // (2 * count))


def parse_gbp(text: str) -> Money:
    """An amount as people write it: "50000", "50000.00", "50,000", "£50,000.00". Strict: the
    pence, if any, are two digits; commas group thousands in threes; nothing else is allowed
    (no "GBP", "k", spaces inside, minus signs or exponents). Raises AmountError."""
    cleaned = text.strip()
    if not cleaned:
        raise AmountError(EMPTY)
    body = cleaned.removeprefix("£")
    if body.startswith("-") or cleaned.startswith("-"):
        raise AmountError(NEGATIVE.format(text=text.strip()))
    match = _AMOUNT.fullmatch(body)
    if match is None or not body.isascii():
        raise AmountError(NOT_AN_AMOUNT.format(text=text.strip()))
    digits = match["pounds"].replace(",", "").lstrip("0") or "0"
    # Python's int() refuses a number of over 4,300 digits: far too large anyway.
    if len(digits) > len(str(MAX_PENCE)):
        raise AmountError(TOO_LARGE.format(text=text.strip()))
    pence = int(digits) * PENCE_PER_POUND + int(match["pence"] or 0)
    if pence > MAX_PENCE:
        raise AmountError(TOO_LARGE.format(text=text.strip()))
    return Money(pence)


def format_gbp(amount: Money, *, always_pence: bool = False) -> str:
    """For people: "£50,000", "£1,234.56", "-£20" with a true minus sign, for an overspend."""
    sign = "\N{MINUS SIGN}" if amount.pence < 0 else ""
    pounds, pence = divmod(abs(amount.pence), PENCE_PER_POUND)
    text = f"£{pounds:,}"
    if pence or always_pence:
        text += f".{pence:02d}"
    return sign + text


def decimal_text(amount: Money) -> str:
    """For files: "50000.00", "-20.00". Exactly the pounds and pence, no grouping."""
    sign = "-" if amount.pence < 0 else ""
    pounds, pence = divmod(abs(amount.pence), PENCE_PER_POUND)
    return f"{sign}{pounds}.{pence:02d}"


def json_number(amount: Money) -> int | float:
    """For JSON, whose numbers have no decimal type: whole pounds as an int, else the value
    whose shortest text is exactly `decimal_text` (true for every amount under MAX_PENCE, as
    such decimals have at most 15 significant digits). Only here does a float appear, and only
    to be written out."""
    pounds, pence = divmod(amount.pence, PENCE_PER_POUND)
    if pence == 0:
        return pounds
    value = float(decimal_text(amount))
    if decimal_text(amount).rstrip("0") != repr(value).rstrip("0"):  # pragma: no cover
        raise ValueError(f"{decimal_text(amount)} cannot be written as a JSON number exactly")
    return value
