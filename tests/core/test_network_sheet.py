from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.networks.sheet import check_header, parse_rows, plan_networks
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind


def _row(**cells: str) -> dict[str, str]:
    base = {
        "network": "Oldbury Triad",
        "kind": "triad",
        "urn": "103950",
        "role": "coordinator",
        "joined": "2017-09-01",
        "left": "",
        "learning_focus": "maths; Reading",
        "la": "",
    }
    return {**base, **cells}


REGISTER = {
    "school_las": {103950: "333", 103980: "333", 137812: "332"},
    "known_las": {"332", "333"},
    "known_focuses": {"maths", "reading"},
}


def test_it_reads_a_good_row() -> None:
    rows, errors = parse_rows([_row()])
    assert errors == []
    assert rows[0].kind is NetworkKind.TRIAD
    assert rows[0].role is MembershipRole.COORDINATOR
    assert rows[0].joined == date(2017, 9, 1)
    assert rows[0].learning_focuses == ("maths", "reading")


def test_it_reports_every_bad_cell_with_row_and_column() -> None:
    _, errors = parse_rows(
        [_row(), _row(kind="triangle", urn="abc"), _row(joined="01/09/2017", left="2016-01-01")]
    )
    assert [str(error) for error in errors] == [
        "row 3, column kind: 'triangle' is not one of: triad, hub_and_spoke, cluster, "
        "learning_community, networked_learning_community, thematic, collaborative, other",
        "row 3, column urn: 'abc' is not a URN",
        "row 4, column joined: '01/09/2017' is not a date in the form yyyy-mm-dd",
    ]


def test_it_requires_the_spreadsheet_columns() -> None:
    assert [str(e) for e in check_header(["network", "urn", "role"])] == [
        "row 1, column kind: this column is required",
        "row 1, column joined: this column is required",
    ]


def test_a_network_belongs_to_the_schools_la_unless_the_sheet_says() -> None:
    rows, _ = parse_rows(
        [_row(), _row(urn="103980", role="partner"), _row(urn="137812", role="partner", la="333")]
    )
    plans, errors = plan_networks(rows, **REGISTER)
    assert errors == []
    assert [(p.name, p.la, len(p.memberships)) for p in plans] == [("Oldbury Triad", "333", 3)]


def test_it_checks_rows_against_the_register() -> None:
    rows, _ = parse_rows(
        [
            _row(urn="999999"),
            _row(urn="103980", la="444"),
            _row(urn="103980", learning_focus="SEND"),
        ]
    )
    _, errors = plan_networks(rows, **REGISTER)
    assert [str(e) for e in errors] == [
        "row 2, column urn: no school with URN 999999 is in the register",
        "row 3, column la: no local authority 444 is in the register",
        "row 4, column learning_focus: send not in the LA's vocabulary (maths, reading)",
    ]


def test_a_school_cannot_be_in_a_network_twice_at_once_but_can_rejoin() -> None:
    rows, _ = parse_rows(
        [
            _row(left="2018-07-31"),
            _row(joined="2019-09-01"),
            _row(joined="2019-10-01", role="partner"),
        ]
    )
    _, errors = plan_networks(rows, **REGISTER)
    assert [str(e) for e in errors] == [
        "row 4, column joined: URN 103950 is already in 'Oldbury Triad' at that time (row 3)"
    ]


def test_one_network_cannot_be_two_kinds() -> None:
    rows, _ = parse_rows([_row(), _row(urn="103980", kind="cluster")])
    _, errors = plan_networks(rows, **REGISTER)
    assert [str(e) for e in errors] == ["row 3, column kind: 'Oldbury Triad' is a triad on row 2"]


@given(st.dictionaries(st.sampled_from(list(_row())), st.text(max_size=12)))
def test_any_row_is_either_read_or_explained(cells: dict[str, str]) -> None:
    rows, errors = parse_rows([_row(**cells)])
    assert len(rows) + bool(errors) == 1 or not any(_row(**cells).values())
    assert all(error.row == 2 and error.reason for error in errors)
