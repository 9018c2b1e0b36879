"""UK local government financial years: 1 April to 31 March, written "2024-25"."""

import re
from dataclasses import dataclass
from datetime import date

_TEXT = re.compile(r"(?P<start>\d{4})-(?P<end>\d{2})")
FIRST_YEAR = 1990  # nothing in the register is older; a typo like 0024-25 is refused
LAST_YEAR = 2100

NOT_A_YEAR = "{text!r} is not a financial year in the form 2024-25"
YEARS_DO_NOT_FOLLOW = "{text!r} is not a financial year: {end} does not follow {start}"
OUT_OF_RANGE = "{text!r} is not a financial year between 1990-91 and 2100-01"


class FinancialYearError(ValueError):
    pass


@dataclass(frozen=True, order=True, slots=True)
class FinancialYear:
    """The financial year that starts on 1 April of `start_year`."""

    start_year: int

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        """ "2024-25" only: the second year's last two digits must follow the first."""
        cleaned = text.strip()
        match = _TEXT.fullmatch(cleaned)
        if match is None or not cleaned.isascii():
            raise FinancialYearError(NOT_A_YEAR.format(text=cleaned))
        start = int(match["start"])
        if int(match["end"]) != (start + 1) % 100:
            raise FinancialYearError(
                YEARS_DO_NOT_FOLLOW.format(text=cleaned, start=start, end=match["end"])
            )
        if not FIRST_YEAR <= start <= LAST_YEAR:
            raise FinancialYearError(OUT_OF_RANGE.format(text=cleaned))
        return cls(start)

    @classmethod
    def containing(cls, day: date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def first_day(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def __str__(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __add__(self, years: int) -> "FinancialYear":
        return FinancialYear(self.start_year + years)

    def label(self) -> str:
        """For people: "2024-25 (April 2024 to March 2025)"."""
        return f"{self} (April {self.start_year} to March {self.start_year + 1})"


def years_between(first: "FinancialYear", last: "FinancialYear") -> list[FinancialYear]:
    """Every financial year from `first` to `last`, both included."""
    return [FinancialYear(year) for year in range(first.start_year, last.start_year + 1)]
