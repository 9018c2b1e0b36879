"""Properties of money and of the limit rule: allocations never exceed what a stream has
unless a person explicitly overrides the limit, and then the excess is flagged."""

from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.money import (
    MAX_PENCE,
    Money,
    decimal_text,
    format_gbp,
    json_number,
    parse_gbp,
)
from schoolweave.core.resources.funding import check_limit, check_limit_change

pence = st.integers(min_value=0, max_value=MAX_PENCE)
amounts = st.builds(Money, st.integers(min_value=1, max_value=10**9))


@given(pence)
def test_formatting_and_parsing_round_trip(value: int) -> None:
    money = Money(value)
    assert parse_gbp(decimal_text(money)) == money
    assert parse_gbp(format_gbp(money)) == money
    assert parse_gbp(format_gbp(money, always_pence=True)) == money


@given(pence)
def test_json_numbers_say_exactly_the_pounds_and_pence(value: int) -> None:
    number = json_number(Money(value))
    text = repr(number)
    expected = decimal_text(Money(value))
    assert text == expected.removesuffix(".00") or float(expected) == number
    assert parse_gbp(f"{number:.2f}") == Money(value)


@given(st.builds(Money, pence), st.integers(min_value=1, max_value=50))
def test_splits_add_up_and_differ_by_at_most_a_penny(total: Money, parts: int) -> None:
    split = total.split(parts)
    assert len(split) == parts
    assert Money.total(split) == total
    assert max(split).pence - min(split).pence <= 1


# The limit rule, as a state machine: a stream's allocations, added to, changed and removed.


@dataclass
class Stream:
    limit: Money
    allocations: dict[int, Money] = field(default_factory=dict)
    flagged: set[int] = field(default_factory=set)  # allocations an officer let go over

    @property
    def total(self) -> Money:
        return Money.total(self.allocations.values())


operations = st.lists(
    st.tuples(
        st.sampled_from(["set", "remove", "limit"]),
        st.integers(min_value=0, max_value=5),  # which allocation
        st.integers(min_value=1, max_value=200_000),  # amount in pounds
        st.booleans(),  # an explicit override, with a reason
    ),
    max_size=40,
)


def _apply(stream: Stream, operation: tuple[str, int, int, bool]) -> None:
    kind, key, pounds, override = operation
    amount = Money.pounds(pounds)
    if kind == "remove":
        stream.allocations.pop(key, None)
        stream.flagged.discard(key)
        return
    if kind == "limit":
        check = check_limit_change(
            old_limit=stream.limit, new_limit=amount, total=stream.total, override=override
        )
        if check.allowed:
            stream.limit = amount
            if check.is_over:
                stream.flagged.add(-1)
        return
    proposed = stream.total - stream.allocations.get(key, Money.zero()) + amount
    check = check_limit(
        limit=stream.limit, current=stream.total, proposed=proposed, override=override
    )
    if check.allowed:
        stream.allocations[key] = amount
        if check.is_over:
            stream.flagged.add(key)


@given(st.integers(min_value=0, max_value=500_000), operations)
def test_allocations_never_exceed_the_stream_without_an_override(
    limit: int, ops: list[tuple[str, int, int, bool]]
) -> None:
    stream = Stream(limit=Money.pounds(limit))
    for operation in ops:
        _apply(stream, (operation[0], operation[1], operation[2], False))
        assert stream.total <= stream.limit
        assert stream.flagged == set()


@given(st.integers(min_value=0, max_value=500_000), operations)
def test_going_over_is_always_flagged(limit: int, ops: list[tuple[str, int, int, bool]]) -> None:
    stream = Stream(limit=Money.pounds(limit))
    for operation in ops:
        _apply(stream, operation)
        if stream.total > stream.limit:
            assert stream.flagged, "over the limit with nothing flagged"


@given(amounts, amounts, amounts)
def test_a_change_that_does_not_raise_the_total_is_always_allowed(
    limit: Money, current: Money, proposed: Money
) -> None:
    check = check_limit(
        limit=limit, current=current, proposed=min(current, proposed), override=False
    )
    assert check.allowed
    assert check.is_over == (min(current, proposed) > limit)
    assert check.over_by == max(min(current, proposed) - limit, Money.zero())
