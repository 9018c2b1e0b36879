"""Funding arithmetic: what a stream has, what it has allocated, what has been paid, and the
one rule that keeps them honest.

The rule (`check_limit`): a change may not take a total over its limit (a stream's allocations
over the stream's amount; an allocation's payments over the allocation) unless a person says so
explicitly, with a reason, and then the result is flagged wherever it is shown. A change that
does not raise a total already over its limit (a correction downwards, a re-import of the same
file) is always allowed.
"""

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from schoolweave.core.money import Money, format_gbp
from schoolweave.core.resources.vocabulary import AllocationStatus
from schoolweave.core.resources.years import FinancialYear

Key = TypeVar("Key", bound=Hashable)

OVER_LIMIT = (
    "this would take {what} to {total}, {over} more than {limit}: "
    "lower the amount, or confirm the overspend and give a reason"
)
REASON_REQUIRED = "give a reason for going over the limit"


@dataclass(frozen=True)
class LimitCheck:
    """A total after a change, against its limit."""

    limit: Money
    total: Money
    allowed: bool

    @property
    def over_by(self) -> Money:
        return max(self.total - self.limit, Money.zero())

    @property
    def is_over(self) -> bool:
        return self.total > self.limit


class OverLimit(ValueError):
    """A change refused because it would take a total over its limit without an override."""

    def __init__(self, check: LimitCheck, what: str) -> None:
        self.check = check
        super().__init__(
            OVER_LIMIT.format(
                what=what,
                total=format_gbp(check.total),
                over=format_gbp(check.over_by),
                limit=format_gbp(check.limit),
            )
        )


def check_limit(*, limit: Money, current: Money, proposed: Money, override: bool) -> LimitCheck:
    """Whether a total may go from `current` to `proposed` under `limit`."""
    allowed = proposed <= limit or proposed <= current or override
    return LimitCheck(limit=limit, total=proposed, allowed=allowed)


def require_within(
    *, limit: Money, current: Money, proposed: Money, override: bool, what: str
) -> LimitCheck:
    """check_limit, raising OverLimit when the change is not allowed."""
    check = check_limit(limit=limit, current=current, proposed=proposed, override=override)
    if not check.allowed:
        raise OverLimit(check, what)
    return check


def check_limit_change(
    *, old_limit: Money, new_limit: Money, total: Money, override: bool
) -> LimitCheck:
    """Whether a limit (a stream's amount) may change: lowering it below what is already
    allocated needs the same explicit override as allocating too much."""
    allowed = total <= new_limit or new_limit >= old_limit or override
    return LimitCheck(limit=new_limit, total=total, allowed=allowed)


# Figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AllocationLine:
    """One allocation as the figures need it."""

    stream_id: int
    network_id: int
    year: FinancialYear
    amount: Money
    paid: Money


@dataclass(frozen=True)
class Totals:
    allocated: Money
    paid: Money

    @property
    def to_pay(self) -> Money:
        """Committed and not yet paid (never below nothing: an overpayment is shown apart)."""
        return max(self.allocated - self.paid, Money.zero())

    @property
    def overpaid(self) -> Money:
        return max(self.paid - self.allocated, Money.zero())


def paid_amount(*, amount: Money, status: AllocationStatus, payments: Iterable[Money]) -> Money:
    """What has been paid of an allocation: its payments marked paid; an allocation marked paid
    with no payments recorded (an imported spreadsheet's "paid") counts as paid in full."""
    recorded = Money.total(payments)
    if status == AllocationStatus.PAID and recorded < amount:
        return amount
    return recorded


def totals(lines: Iterable[AllocationLine]) -> Totals:
    items = list(lines)
    return Totals(
        allocated=Money.total(line.amount for line in items),
        paid=Money.total(line.paid for line in items),
    )


def totals_by(
    lines: Iterable[AllocationLine], key: Callable[[AllocationLine], Key]
) -> dict[Key, Totals]:
    """Totals for each key, in the order keys first appear."""
    groups: dict[Key, list[AllocationLine]] = {}
    for line in lines:
        groups.setdefault(key(line), []).append(line)
    return {group: totals(items) for group, items in groups.items()}


def per_pupil(amount: Money, pupils: Iterable[int | None]) -> Money | None:
    """Funding per pupil, only where every school's pupil number is known (a partial count
    would overstate it)."""
    counts = list(pupils)
    if not counts or any(count is None for count in counts):
        return None
    total = sum(count for count in counts if count is not None)
    return amount.per(total) if total > 0 else None


def even_years(
    total: Money, *, first: FinancialYear, years: int
) -> list[tuple[FinancialYear, Money]]:
    """A multi-year commitment split evenly across financial years (odd pence first)."""
    return [(first + index, part) for index, part in enumerate(total.split(years))]
