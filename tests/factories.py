"""factory_boy factories for the register and networks, with realistic defaults.

Defaults look like a local-authority maintained primary school in the West Midlands, as GIAS
publishes it; subclasses give the other states tests need (`ClosedSchoolFactory`,
`IllustrativeNetworkFactory`, `PastMembershipFactory`...). Every factory can `.build()` an
unsaved object when no database row is needed.

Random text (names, postcodes) comes from Faker: a test that searches or counts must set the
values it depends on, not rely on a default.
"""

from datetime import UTC, date, datetime
from typing import Any

import factory
from django.contrib.auth.models import User
from factory.django import DjangoModelFactory

from schoolweave.accounts.models import LAOfficer, SchoolUser
from schoolweave.core.networks.vocabulary import (
    MembershipRole,
    NetworkContactRole,
    NetworkKind,
    NetworkStatus,
)
from schoolweave.networks.models import (
    LearningFocus,
    Membership,
    Network,
    NetworkContact,
    Person,
)
from schoolweave.register.models import (
    GroupLink,
    ImportRun,
    LocalAuthority,
    School,
    SchoolChange,
    StatutoryGroup,
)
from schoolweave.sheets.models import IdentificationSheet, SheetReview, SheetVersion

LOCALE = "en_GB"
PASSWORD = "correct-horse-battery-staple"  # every test user's password
REGIONS = ("West Midlands", "East Midlands", "North West", "London", "South West")
# A small square around Oldbury, Sandwell: a boundary any school near the defaults sits in.
SQUARE_BOUNDARY = {
    "type": "Polygon",
    "coordinates": [[[-2.1, 52.45], [-1.9, 52.45], [-1.9, 52.58], [-2.1, 52.58], [-2.1, 52.45]]],
}


def _faker(provider: str, **kwargs: Any) -> Any:
    return factory.Faker(provider, locale=LOCALE, **kwargs)


# Register


class LocalAuthorityFactory(DjangoModelFactory[LocalAuthority]):
    """An upper-tier LA. Codes run from 800 up, clear of the demo's 330-336; asking for an
    existing code returns that LA."""

    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{800 + n % 200}")
    name = _faker("city")
    region = factory.Iterator(REGIONS)
    gss_code = factory.Sequence(lambda n: f"E0800{n % 10000:04d}")
    boundary = None

    class Params:
        with_boundary = factory.Trait(boundary=SQUARE_BOUNDARY)


class ImportRunFactory(DjangoModelFactory[ImportRun]):
    class Meta:
        model = ImportRun

    source = ImportRun.Source.ESTABLISHMENTS
    file_name = "edubasealldata20180901.csv"
    file_sha256 = factory.Sequence(lambda n: f"{n:064x}")
    imported_at = datetime(2018, 9, 1, 6, 0, tzinfo=UTC)
    rows = 1
    added = 0
    changed = 1


class SchoolFactory(DjangoModelFactory[School]):
    """An open, mixed, community primary school with a location in Sandwell's area."""

    class Meta:
        model = School

    # Far above real URNs, so a factory school never takes a real one a test names (103950).
    urn = factory.Sequence(lambda n: 900000 + n)
    la = factory.SubFactory(LocalAuthorityFactory)
    establishment_number = factory.Sequence(lambda n: 2000 + n % 8000)
    name = factory.LazyAttributeSequence(lambda s, n: f"{s.town} Primary School {n}")
    type_code = "01"
    type_name = "Community school"
    type_group_code = "4"
    type_group_name = "Local authority maintained schools"
    status = School.Status.OPEN
    status_name = "Open"
    phase_code = "2"
    phase_name = "Primary"
    statutory_low_age = 3
    statutory_high_age = 11
    gender = "Mixed"
    religious_character = "Does not apply"
    capacity = 420
    pupils = 398
    percentage_fsm = 23.4
    ofsted_rating = "Good"
    ofsted_last_inspection = date(2017, 3, 15)
    last_changed = date(2018, 8, 31)
    street = _faker("street_name")
    town = _faker("city")
    postcode = _faker("postcode")
    website = "www.example-primary.sch.uk"
    telephone = "01215550100"
    head_title = "Mrs"
    head_first_name = _faker("first_name_female")
    head_last_name = _faker("last_name")
    head_job_title = "Headteacher"
    urban_rural = "(England/Wales) Urban major conurbation"
    lat = factory.Sequence(lambda n: 52.46 + (n % 100) * 0.001)
    lon = factory.Sequence(lambda n: -2.08 + (n % 100) * 0.001)
    row_hash = "0" * 16

    class Params:
        unlocated = factory.Trait(lat=None, lon=None, easting=None, northing=None)


class SecondarySchoolFactory(SchoolFactory):
    name = factory.LazyAttributeSequence(lambda s, n: f"{s.town} Academy {n}")
    type_code = "28"
    type_name = "Academy sponsor led"
    type_group_code = "10"
    type_group_name = "Academies"
    phase_code = "4"
    phase_name = "Secondary"
    statutory_low_age = 11
    statutory_high_age = 16
    capacity = 1200
    pupils = 1104
    trust_school_flag = "Supported by a multi-academy trust"
    trusts_name = "Black Country Learning Trust"
    sponsor_flag = "Linked to a sponsor"
    sponsors_name = "Black Country Learning Trust"


class ClosedSchoolFactory(SchoolFactory):
    status = School.Status.CLOSED
    status_name = "Closed"
    close_date = date(2016, 8, 31)
    close_reason = "Academy converter"


class ProposedToCloseSchoolFactory(SchoolFactory):
    status = School.Status.OPEN_PROPOSED_TO_CLOSE
    status_name = "Open, but proposed to close"
    close_date = date(2019, 8, 31)
    close_reason = "Amalgamated"


class SchoolChangeFactory(DjangoModelFactory[SchoolChange]):
    """What an import changed: by default, the Ofsted rating."""

    class Meta:
        model = SchoolChange

    school = factory.SubFactory(SchoolFactory)
    run = factory.SubFactory(ImportRunFactory)
    changes = factory.LazyFunction(lambda: {"ofsted_rating": ["Requires improvement", "Good"]})


class StatutoryGroupFactory(DjangoModelFactory[StatutoryGroup]):
    """A multi-academy trust."""

    class Meta:
        model = StatutoryGroup

    uid = factory.Sequence(lambda n: 2000 + n)
    group_id = factory.Sequence(lambda n: f"TR{n:05d}")
    name = factory.LazyAttributeSequence(lambda g, n: f"{g.town} Learning Trust {n}")
    type_code = "06"
    type_name = "Multi-academy trust"
    companies_house_number = factory.Sequence(lambda n: f"{7000000 + n:08d}")
    status_name = "Open"
    open_date = date(2014, 9, 1)
    town = _faker("city")
    postcode = _faker("postcode")


class FederationFactory(StatutoryGroupFactory):
    group_id = ""
    name = factory.LazyAttributeSequence(lambda g, n: f"{g.town} Schools Federation {n}")
    type_code = "01"
    type_name = "Federation"
    companies_house_number = ""


class GroupLinkFactory(DjangoModelFactory[GroupLink]):
    class Meta:
        model = GroupLink

    school = factory.SubFactory(SchoolFactory)
    group = factory.SubFactory(StatutoryGroupFactory)
    joined_date = date(2015, 4, 1)
    ended_date = None


class EndedGroupLinkFactory(GroupLinkFactory):
    ended_date = date(2018, 3, 31)


# Networks


class LearningFocusFactory(DjangoModelFactory[LearningFocus]):
    """A learning focus; the migrations already hold the defaults (reading, maths...)."""

    class Meta:
        model = LearningFocus
        django_get_or_create = ("slug",)

    slug = "maths"
    name = factory.LazyAttribute(lambda focus: focus.slug.replace("_", " ").capitalize())


class NetworkFactory(DjangoModelFactory[Network]):
    """An active, real (not illustrative) triad owned by one LA.

    `owner_las=[la, ...]` and `learning_focuses=[focus, ...]` set the many-to-many fields;
    without owner_las a new LA owns it.
    """

    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.LazyAttributeSequence(lambda _, n: f"Network {n} Triad")
    kind = NetworkKind.TRIAD.value
    status = NetworkStatus.ACTIVE.value
    purpose = "Schools visit each other termly to moderate maths and share practice."
    start_date = date(2017, 9, 1)
    end_date = None
    is_published = True
    is_illustrative = False

    @factory.post_generation
    def owner_las(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        self.owner_las.add(*(extracted if extracted is not None else [LocalAuthorityFactory()]))

    @factory.post_generation
    def learning_focuses(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.learning_focuses.add(*extracted)


class IllustrativeNetworkFactory(NetworkFactory):
    is_illustrative = True


class UnpublishedNetworkFactory(NetworkFactory):
    """Not yet in the public directory: only its LA's officers and its leaders see it."""

    is_published = False


class EndedNetworkFactory(NetworkFactory):
    status = NetworkStatus.ENDED.value
    end_date = date(2018, 7, 20)


class HubAndSpokeNetworkFactory(NetworkFactory):
    name = factory.LazyAttributeSequence(lambda _, n: f"Network {n} Transition Hub")
    kind = NetworkKind.HUB_AND_SPOKE.value


class MembershipFactory(DjangoModelFactory[Membership]):
    """A current member; the school is in the network's first owner LA unless given."""

    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    school = factory.SubFactory(
        SchoolFactory,
        la=factory.LazyAttribute(lambda school: _first_owner(school.factory_parent.network)),
    )
    role = MembershipRole.MEMBER.value
    joined = date(2017, 9, 1)
    left = None


class CoordinatorMembershipFactory(MembershipFactory):
    role = MembershipRole.COORDINATOR.value


class PastMembershipFactory(MembershipFactory):
    left = date(2018, 7, 20)


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    name = _faker("name")
    job_title = "School improvement adviser"
    email = factory.LazyAttributeSequence(lambda p, n: f"adviser{n}@example.gov.uk")
    telephone = "01215550199"


class NetworkContactFactory(DjangoModelFactory[NetworkContact]):
    class Meta:
        model = NetworkContact

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(PersonFactory)
    role = NetworkContactRole.LEADER


# Accounts


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.uk")
    password = factory.django.Password(PASSWORD)


class LAOfficerFactory(DjangoModelFactory[LAOfficer]):
    class Meta:
        model = LAOfficer

    user = factory.SubFactory(UserFactory)
    la = factory.SubFactory(LocalAuthorityFactory)


class SchoolUserFactory(DjangoModelFactory[SchoolUser]):
    class Meta:
        model = SchoolUser

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)


def leader_of(network: Network, user: User) -> NetworkContact:
    """Make `user` a leader of `network`, through their Person record."""
    person, _ = Person.objects.get_or_create(user=user, defaults={"name": user.get_username()})
    return NetworkContactFactory(network=network, person=person, role=NetworkContactRole.LEADER)


def _first_owner(network: Network) -> LocalAuthority:
    owner = network.owner_las.first() if network.pk else None
    return owner or LocalAuthorityFactory()


# Identification sheets


class IdentificationSheetFactory(DjangoModelFactory[IdentificationSheet]):
    class Meta:
        model = IdentificationSheet

    la = factory.SubFactory(LocalAuthorityFactory)
    proposer = factory.SubFactory(UserFactory)
    status = IdentificationSheet.Status.SUBMITTED
    created_at = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
    updated_at = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)


class SheetVersionFactory(DjangoModelFactory[SheetVersion]):
    class Meta:
        model = SheetVersion

    sheet = factory.SubFactory(IdentificationSheetFactory)
    number = factory.Sequence(lambda n: n + 1)
    content = factory.LazyAttribute(
        lambda v: {"name": "Oldbury Triad", "kind": "triad", "members": [], "la": v.sheet.la_id}
    )
    submitted_by = factory.SelfAttribute("sheet.proposer")
    submitted_at = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)


class SheetReviewFactory(DjangoModelFactory[SheetReview]):
    class Meta:
        model = SheetReview

    sheet = factory.SelfAttribute("version.sheet")
    version = factory.SubFactory(SheetVersionFactory)
    reviewer = factory.SubFactory(UserFactory)
    decision = SheetReview.Decision.APPROVED
    comment = ""
    decided_at = datetime(2025, 9, 2, 9, 0, tzinfo=UTC)
