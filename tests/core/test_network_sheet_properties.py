"""Properties of the membership sheet parser, on generated sheets: every row is either read or
explained at its row and column, and a valid sheet reads back as the networks it was made from."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.networks.sheet import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    check_header,
    parse_rows,
    plan_networks,
)
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind

COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
LAS = ("330", "332", "333", "334")
FOCUSES = ("reading", "maths", "send", "transition", "leadership")
_LOCATED = re.compile(r"row (\d+), column (\w+): (.+)", re.DOTALL)


# Any cells -----------------------------------------------------------------------------------


def _near(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Values like a user types: right, wrongly cased or padded, blank, or anything at all."""
    return st.one_of(
        valid,
        valid,
        valid,
        valid.map(str.upper),
        valid.map(lambda v: f"  {v} "),
        st.just(""),
        st.text(max_size=15),
    )


_dates = st.dates(date(1990, 1, 1), date(2040, 12, 31)).map(date.isoformat)
ANY_CELL = {
    "network": _near(st.sampled_from(["Oldbury Triad", "Tipton Hub", "É cluster"])),
    "kind": _near(st.sampled_from([k.value for k in NetworkKind])),
    "urn": _near(st.integers(-5, 20_000_000).map(str)),
    "role": _near(st.sampled_from([r.value for r in MembershipRole])),
    "joined": _near(_dates),
    "left": _near(_dates),
    "learning_focus": _near(st.lists(st.sampled_from(FOCUSES), max_size=3).map(";".join)),
    "la": _near(st.sampled_from([*LAS, "33", "3333", "abc"])),
}
# Optional columns may be missing from a sheet; required ones are checked with the header.
any_record = st.fixed_dictionaries(
    {column: ANY_CELL[column] for column in REQUIRED_COLUMNS},
    optional={column: ANY_CELL[column] for column in OPTIONAL_COLUMNS},
)


@given(st.lists(any_record, max_size=8))
def test_every_row_is_read_or_explained_where_it_is(records: list[dict[str, str]]) -> None:
    rows, errors = parse_rows(records)

    read = {row.row for row in rows}
    explained = {error.row for error in errors}
    for number, record in enumerate(records, start=2):
        blank = not any(value.strip() for value in record.values())
        if blank:
            assert number not in read | explained
        else:
            assert (number in read) != (number in explained)
    for error in errors:
        match = _LOCATED.fullmatch(str(error))
        assert match, str(error)
        assert int(match[1]) == error.row
        assert error.column in COLUMNS
        assert error.reason.strip()


@given(st.lists(any_record, max_size=8))
def test_a_read_row_holds_the_values_of_its_cells(records: list[dict[str, str]]) -> None:
    rows, _ = parse_rows(records)

    for row in rows:
        cells = {key: value.strip() for key, value in records[row.row - 2].items()}
        assert row.network == cells["network"]
        assert row.kind.value == cells["kind"].lower()
        assert row.role.value == cells["role"].lower()
        assert row.urn == int(cells["urn"])
        assert row.joined.isoformat() == cells["joined"]
        assert row.left is None or row.left >= row.joined
        assert row.la is None or (len(row.la) == 3 and row.la.isdigit())


@given(
    st.permutations(COLUMNS),
    st.sets(st.sampled_from(REQUIRED_COLUMNS)),
    st.sampled_from([str.upper, str.title, lambda c: f" {c}\t"]),
)
def test_the_header_needs_exactly_the_required_columns(
    order: list[str], dropped: set[str], spelling: object
) -> None:
    header = [spelling(column) for column in order if column not in dropped]  # type: ignore[operator]

    errors = check_header(header)

    assert [(e.row, e.column) for e in errors] == [(1, c) for c in REQUIRED_COLUMNS if c in dropped]


# Valid sheets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    urn: int
    role: MembershipRole
    joined: date
    left: date | None


@dataclass(frozen=True)
class NetworkSpec:
    name: str
    kind: NetworkKind
    la: str
    focuses: frozenset[str]
    members: tuple[Member, ...]


SCHOOL_LAS = {100000 + n: LAS[n % len(LAS)] for n in range(40)}


@st.composite
def members(draw: st.DrawFn) -> tuple[Member, ...]:
    urns = draw(st.lists(st.sampled_from(sorted(SCHOOL_LAS)), min_size=1, max_size=6, unique=True))
    result = []
    for urn in urns:
        joined = draw(st.dates(date(2000, 1, 1), date(2030, 1, 1)))
        days = draw(st.none() | st.integers(0, 4000))
        left = None if days is None else joined + timedelta(days=days)
        result.append(Member(urn, draw(st.sampled_from(MembershipRole)), joined, left))
    return tuple(result)


@st.composite
def sheets(draw: st.DrawFn) -> list[NetworkSpec]:
    names = draw(
        st.lists(
            st.text(st.characters(categories=["L", "N", "Zs"]), min_size=1, max_size=20)
            .map(str.strip)
            .filter(bool),
            min_size=1,
            max_size=4,
            unique_by=str.casefold,
        )
    )
    return [
        NetworkSpec(
            name=name,
            kind=draw(st.sampled_from(NetworkKind)),
            la=draw(st.sampled_from(LAS)),
            focuses=frozenset(draw(st.sets(st.sampled_from(FOCUSES), max_size=3))),
            members=draw(members()),
        )
        for name in names
    ]


def _records(spec: list[NetworkSpec], spelling: st.DataObject) -> list[dict[str, str]]:
    """The sheet an officer would type: every row of a network gives its LA, unless the
    school is in that LA; learning focuses spread over its rows; words in any case."""
    records = []
    for network in spec:
        focuses = sorted(network.focuses)
        for index, member in enumerate(network.members):
            mine = (
                focuses if index == 0 else spelling.draw(st.sets(st.sampled_from(focuses or [""])))
            )
            records.append(
                {
                    "network": network.name,
                    "kind": spelling.draw(st.sampled_from([str.lower, str.upper]))(network.kind),
                    "urn": f" {member.urn}",
                    "role": member.role.value.capitalize(),
                    "joined": member.joined.isoformat(),
                    "left": member.left.isoformat() if member.left else "",
                    "learning_focus": " ; ".join(focus.upper() for focus in mine),
                    "la": "" if SCHOOL_LAS[member.urn] == network.la else network.la,
                }
            )
    return records


@given(sheets(), st.data())
def test_a_valid_sheet_reads_back_as_its_networks(
    spec: list[NetworkSpec], spelling: st.DataObject
) -> None:
    rows, errors = parse_rows(_records(spec, spelling))
    plans, plan_errors = plan_networks(
        rows, school_las=SCHOOL_LAS, known_las=set(LAS), known_focuses=set(FOCUSES)
    )

    assert errors == []
    assert plan_errors == []
    assert [(p.name, p.kind, p.la, p.learning_focuses) for p in plans] == [
        (n.name, n.kind, n.la, set(n.focuses)) for n in spec
    ]
    assert [
        tuple(Member(m.urn, m.role, m.joined, m.left) for m in plan.memberships) for plan in plans
    ] == [network.members for network in spec]
