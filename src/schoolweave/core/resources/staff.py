"""LA staff time given to networks, against each officer's capacity.

Time is given in days a term or days a year (three terms to the school year). An officer's load
on a day is the sum of the yearly days of every allocation running that day; their peak load is
the highest it gets, and they are over-allocated when the peak is above their capacity.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from schoolweave.core.resources.vocabulary import TimeUnit

TERMS_PER_YEAR = 3


@dataclass(frozen=True)
class TimeGiven:
    network_id: int
    days: Decimal
    unit: TimeUnit
    start: date
    end: date | None = None  # the last day, if it ends

    @property
    def days_a_year(self) -> Decimal:
        return self.days * TERMS_PER_YEAR if self.unit == TimeUnit.TERM else self.days


@dataclass(frozen=True)
class Load:
    capacity: Decimal  # days a year
    peak: Decimal  # days a year, at the busiest time
    peak_from: date | None
    peak_to: date | None  # None: open-ended

    @property
    def is_over(self) -> bool:
        return self.peak > self.capacity

    @property
    def over_by(self) -> Decimal:
        return max(self.peak - self.capacity, Decimal(0))

    @property
    def spare(self) -> Decimal:
        return max(self.capacity - self.peak, Decimal(0))


def peak_load(allocations: Iterable[TimeGiven], *, capacity: Decimal) -> Load:
    """The busiest stretch of time, by a sweep over the days allocations start and stop."""
    changes: dict[date, Decimal] = {}
    for given in allocations:
        changes[given.start] = changes.get(given.start, Decimal(0)) + given.days_a_year
        if given.end is not None:
            stop = given.end + timedelta(days=1)
            changes[stop] = changes.get(stop, Decimal(0)) - given.days_a_year
    load = peak = Decimal(0)
    peak_from: date | None = None
    peak_to: date | None = None
    days = sorted(changes)
    for index, day in enumerate(days):
        load += changes[day]
        if load > peak:
            peak, peak_from = load, day
            following = days[index + 1] if index + 1 < len(days) else None
            peak_to = following - timedelta(days=1) if following is not None else None
    return Load(capacity=capacity, peak=peak, peak_from=peak_from, peak_to=peak_to)


def load_on(allocations: Iterable[TimeGiven], day: date) -> Decimal:
    """Days a year of the allocations running on `day`."""
    return sum(
        (
            given.days_a_year
            for given in allocations
            if given.start <= day and (given.end is None or day <= given.end)
        ),
        Decimal(0),
    )
