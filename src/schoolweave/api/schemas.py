"""The API's typed inputs (filters, paging) and outputs, as the OpenAPI schema documents them."""

from datetime import date
from typing import Literal

from ninja import Field, Schema

from schoolweave.core.gias import SchoolStatus
from schoolweave.core.networks.vocabulary import (
    MembershipRole,
    NetworkContactRole,
    NetworkKind,
    NetworkStatus,
)

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
_LA_CODE = r"^\d{3}$"
_TEXT = 100
# Ids and URNs are positive, and no database column holds more than a 64-bit integer: SQLite
# fails on a larger one rather than finding nothing (found by tests/fuzz).
_MAX_ID = 2**63 - 1
# PostgreSQL text cannot hold NUL: a search for one would be a server error (found by tests/fuzz).
_NO_NUL = r"^[^\x00]*$"

# Inputs


class Paging(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, at most {MAX_LIMIT}."
    )
    offset: int = Field(0, ge=0, description="How many items to skip.")


class SchoolQuery(Schema):
    la: str | None = Field(None, pattern=_LA_CODE, description="3-digit LA code.")
    phase: str | None = Field(
        None,
        max_length=_TEXT,
        pattern=_NO_NUL,
        description='Phase as GIAS names it, e.g. "Primary".',
    )
    status: Literal["open", "all"] = Field(
        "open", description="Open schools (and those proposed to close), or all."
    )
    q: str | None = Field(
        None,
        max_length=_TEXT,
        pattern=_NO_NUL,
        description="Every word of the name, the URN, or a postcode start.",
    )


class GroupQuery(Schema):
    la: str | None = Field(
        None, pattern=_LA_CODE, description="Groups with a school in this LA now."
    )
    type: str | None = Field(
        None,
        max_length=_TEXT,
        pattern=_NO_NUL,
        description='Type as GIAS names it, e.g. "Multi-academy trust".',
    )
    q: str | None = Field(
        None,
        max_length=_TEXT,
        pattern=_NO_NUL,
        description="Every word of the name, the UID or the Group ID.",
    )


class NetworkQuery(Schema):
    """The directory's filters, with the same names as the directory page's."""

    q: str | None = Field(
        None, max_length=_TEXT, pattern=_NO_NUL, description="Every word of the network's name."
    )
    la: str | None = Field(None, pattern=_LA_CODE, description="An owner LA's code.")
    kind: NetworkKind | None = Field(None, description="Kind of network.")
    focus: str | None = Field(
        None, max_length=50, pattern=_NO_NUL, description="A learning focus's slug."
    )
    phase: str | None = Field(
        None,
        max_length=_TEXT,
        pattern=_NO_NUL,
        description="The phase of a school in the network now.",
    )
    school: str | None = Field(
        None,
        max_length=_TEXT,
        pattern=_NO_NUL,
        description="Name (every word) or URN of a school in it now.",
    )


class MembershipQuery(Schema):
    network: int | None = Field(None, ge=1, le=_MAX_ID, description="The network's id.")
    urn: int | None = Field(None, ge=1, le=_MAX_ID, description="The school's URN.")
    la: str | None = Field(None, pattern=_LA_CODE, description="The school's LA code.")
    current: bool | None = Field(
        None, description="true: members now; false: those that have left; absent: both."
    )


# Outputs: references


class NotFound(Schema):
    detail: str = Field(description='"Not Found": none exists, or none you may see.')


class LocalAuthorityRef(Schema):
    code: str
    name: str


class LearningFocusOut(Schema):
    slug: str
    name: str


class SchoolRef(Schema):
    urn: int
    name: str
    la_code: str


class NetworkRef(Schema):
    id: int
    name: str
    kind: NetworkKind
    is_illustrative: bool
    is_published: bool
    url: str = Field(description="The network's page.")


class ContactOut(Schema):
    name: str
    role: NetworkContactRole
    job_title: str
    email: str | None = Field(description="Only for signed-in users; null otherwise.")
    telephone: str | None = Field(description="Only for signed-in users; null otherwise.")


# Outputs: local authorities


class LocalAuthorityOut(Schema):
    code: str
    name: str
    region: str
    gss_code: str = Field(description="ONS GSS code.")
    open_schools: int
    all_schools: int
    url: str = Field(description="The LA's page.")


class LocalAuthorityDetailOut(LocalAuthorityOut):
    networks: list[NetworkRef] = Field(description="Networks the LA owns that you may see.")


# Outputs: schools


class SchoolOut(Schema):
    urn: int
    name: str
    la_code: str
    la_name: str
    phase: str
    type: str
    type_group: str
    status: SchoolStatus
    postcode: str
    lat: float | None
    lon: float | None
    ofsted_rating: str
    url: str = Field(description="The school's page.")


class SchoolGroupOut(Schema):
    uid: int
    name: str
    type: str
    joined: date | None
    ended: date | None


class SchoolMembershipOut(Schema):
    network: NetworkRef
    role: MembershipRole
    joined: date | None
    left: date | None


class SchoolDetailOut(SchoolOut):
    address: str
    website: str
    telephone: str
    statutory_low_age: int | None
    statutory_high_age: int | None
    pupils: int | None
    capacity: int | None
    percentage_fsm: float | None
    open_date: date | None
    close_date: date | None
    groups: list[SchoolGroupOut]
    networks: list[SchoolMembershipOut] = Field(
        description="Memberships, now and past, of networks you may see."
    )


# Outputs: statutory groups


class GroupOut(Schema):
    uid: int
    group_id: str
    name: str
    type: str
    status: str
    companies_house_number: str
    town: str
    postcode: str
    open_date: date | None
    closed_date: date | None
    schools_now: int


class GroupSchoolOut(Schema):
    school: SchoolRef
    joined: date | None
    ended: date | None


class GroupDetailOut(GroupOut):
    schools: list[GroupSchoolOut]


# Outputs: networks and memberships


class NetworkOut(NetworkRef):
    status: NetworkStatus
    owner_las: list[LocalAuthorityRef]
    learning_focuses: list[LearningFocusOut]
    schools_now: int
    leaders: list[ContactOut]


class NetworkMemberOut(Schema):
    school: SchoolRef
    phase: str
    role: MembershipRole
    joined: date | None
    left: date | None


class NetworkDetailOut(NetworkOut):
    purpose: str
    start_date: date | None
    end_date: date | None
    partners: str
    initiatives: list[str] = Field(description="Links to other initiatives, one an item.")
    contacts: list[ContactOut]
    members: list[NetworkMemberOut] = Field(description="Schools in it now, then those that left.")


class MembershipOut(Schema):
    id: int
    network: NetworkRef
    school: SchoolRef
    role: MembershipRole
    joined: date | None
    left: date | None
    is_current: bool


# Outputs: pages


class _Page(Schema):
    count: int = Field(description="How many items match, on every page.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page's URL; null on the last page.")
    previous: str | None = Field(description="The previous page's URL; null on the first page.")


class LocalAuthorityPage(_Page):
    items: list[LocalAuthorityOut]


class SchoolPage(_Page):
    items: list[SchoolOut]


class GroupPage(_Page):
    items: list[GroupOut]


class NetworkPage(_Page):
    items: list[NetworkOut]


class MembershipPage(_Page):
    items: list[MembershipOut]
