from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.networks.identification import (
    Leader,
    Member,
    SheetContent,
    changes,
    membership_changes,
)
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind

TRIAD = SheetContent(
    name="Oldbury Triad",
    kind=NetworkKind.TRIAD,
    purpose="Maths moderation",
    learning_focuses=("maths",),
    members=(
        Member(103950, MembershipRole.COORDINATOR, "Oakham Primary School"),
        Member(103980, MembershipRole.PARTNER, "Rounds Green Primary School"),
        Member(103960, MembershipRole.PARTNER, "Tividale Hall Primary School"),
    ),
    leaders=(Leader("Ann Example", "Headteacher", "ann@example.org"),),
    start_date=date(2017, 9, 1),
    la="333",
)


def test_a_new_network_lists_everything_it_creates() -> None:
    found = changes(None, TRIAD)
    assert ("Name", "", "Oldbury Triad") in [(c.what, c.before, c.after) for c in found]
    assert [c.after for c in found if c.what == "Member"] == [
        "Oakham Primary School (103950) as co-ordinating school",
        "Rounds Green Primary School (103980) as partner",
        "Tividale Hall Primary School (103960) as partner",
    ]
    assert ("Start date", "", "1 September 2017") in [(c.what, c.before, c.after) for c in found]


def test_an_unchanged_sheet_changes_nothing() -> None:
    assert changes(TRIAD, TRIAD) == []


def test_a_role_change_a_joiner_and_a_leaver() -> None:
    proposed = SheetContent(
        **{
            **TRIAD.__dict__,
            "members": (
                Member(103950, MembershipRole.COORDINATOR, "Oakham Primary School"),
                Member(103980, MembershipRole.COORDINATOR, "Rounds Green Primary School"),
                Member(103945, MembershipRole.PARTNER, "Grace Mary Primary School"),
            ),
        }
    )
    moves = membership_changes(TRIAD, proposed)
    assert [m.urn for m in moves.join] == [103945]
    assert [m.urn for m in moves.leave] == [103960]
    assert [(old.role, new.role) for old, new in moves.change_role] == [
        (MembershipRole.PARTNER, MembershipRole.COORDINATOR)
    ]


urns = st.integers(100_000, 999_999)
members = st.lists(
    st.builds(Member, urn=urns, role=st.sampled_from(list(MembershipRole))),
    unique_by=lambda m: m.urn,
    max_size=8,
)


@given(members, members)
def test_membership_changes_turn_the_old_list_into_the_new(
    before: list[Member], after: list[Member]
) -> None:
    current = SheetContent(name="N", kind=NetworkKind.CLUSTER, members=tuple(before))
    proposed = SheetContent(name="N", kind=NetworkKind.CLUSTER, members=tuple(after))
    moves = membership_changes(current, proposed)
    result = {m.urn: m.role for m in before if m not in moves.leave}
    result.update({m.urn: m.role for m in moves.join})
    result.update({new.urn: new.role for _, new in moves.change_role})
    assert result == {m.urn: m.role for m in after}


@given(members)
def test_content_survives_json(found: list[Member]) -> None:
    content = SheetContent(**{**TRIAD.__dict__, "members": tuple(found)})
    assert SheetContent.from_json(content.to_json()) == content
