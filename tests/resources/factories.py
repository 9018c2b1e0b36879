"""factory_boy factories for funding, staff time and partners. Defaults follow the seeds'
Sandwell: the Triads programme's GBP 50,000 a year to a triad's co-ordinating school."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from schoolweave.core.resources.vocabulary import (
    AllocationStatus,
    PartnerKind,
    PaymentStatus,
    TimeUnit,
)
from schoolweave.resources.models import (
    Allocation,
    FunderProfile,
    FundingStream,
    PartnerContact,
    PartnerOrganisation,
    Partnership,
    Payment,
    StaffAllocation,
    StaffMember,
)
from tests.factories import LocalAuthorityFactory, NetworkFactory


class FunderProfileFactory(DjangoModelFactory[FunderProfile]):
    class Meta:
        model = FunderProfile
        django_get_or_create = ("la",)

    la = factory.SubFactory(LocalAuthorityFactory)
    org_id = "GB-LAE-SAW"
    grant_prefix = "360G-sandwell"
    department = "Children's Services: School Improvement"
    website = "https://www.sandwell.gov.uk/"


class FundingStreamFactory(DjangoModelFactory[FundingStream]):
    """GBP 450,000 for 2024-25 to 2026-27: three triads at GBP 50,000 a year."""

    class Meta:
        model = FundingStream

    la = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"Triads programme {n}")
    source = "LA school improvement budget"
    purpose = "Each co-ordinating school receives GBP 50,000 a year for its triad's plan."
    amount_pence = 450_000_00
    first_year = 2024
    last_year = 2026
    conditions = "Spent on the triad improvement plan."


class AllocationFactory(DjangoModelFactory[Allocation]):
    """GBP 50,000 in 2024-25 from a stream of the network's LA, held by the LA."""

    class Meta:
        model = Allocation

    network = factory.SubFactory(NetworkFactory)
    stream = factory.SubFactory(
        FundingStreamFactory,
        la=factory.LazyAttribute(lambda s: s.factory_parent.network.owner_las.first()),
    )
    financial_year = 2024
    amount_pence = 50_000_00
    status = AllocationStatus.COMMITTED
    awarded_on = date(2024, 4, 1)


class PaidAllocationFactory(AllocationFactory):
    status = AllocationStatus.PAID


class PaymentFactory(DjangoModelFactory[Payment]):
    class Meta:
        model = Payment

    allocation = factory.SubFactory(AllocationFactory)
    amount_pence = 25_000_00
    date = date(2024, 5, 1)
    status = PaymentStatus.PAID
    reference = factory.Sequence(lambda n: f"INV-{n:04d}")


class PartnerFactory(DjangoModelFactory[PartnerOrganisation]):
    class Meta:
        model = PartnerOrganisation

    la = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"University of the Black Country {n}")
    kind = PartnerKind.HIGHER_EDUCATION
    offer = "Accreditation of CPD and support for enquiry"
    is_public = True


class PrivatePartnerFactory(PartnerFactory):
    is_public = False


class PartnerContactFactory(DjangoModelFactory[PartnerContact]):
    class Meta:
        model = PartnerContact

    partner = factory.SubFactory(PartnerFactory)
    name = "Dr Sam Rivers"
    job_title = "Partnership lead"
    email = factory.Sequence(lambda n: f"partner{n}@example.ac.uk")
    telephone = "01902 555 010"


class PartnershipFactory(DjangoModelFactory[Partnership]):
    class Meta:
        model = Partnership

    partner = factory.SubFactory(PartnerFactory)
    network = factory.SubFactory(NetworkFactory)
    purpose = "Accreditation of the network's CPD"
    start_date = date(2024, 9, 1)


class StaffMemberFactory(DjangoModelFactory[StaffMember]):
    class Meta:
        model = StaffMember

    la = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"Adviser {n}")
    job_title = "Primary link adviser"
    capacity_days = Decimal(20)


class StaffAllocationFactory(DjangoModelFactory[StaffAllocation]):
    """Two days a term (six a year) from 1 September 2024."""

    class Meta:
        model = StaffAllocation

    staff = factory.SubFactory(StaffMemberFactory)
    network = factory.SubFactory(NetworkFactory)
    role = "Link adviser"
    days = Decimal(2)
    unit = TimeUnit.TERM
    start_date = date(2024, 9, 1)
