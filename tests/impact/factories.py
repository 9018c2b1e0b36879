"""Schools with KS2 figures before and after a start year, for impact tests."""

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User
from django.utils import timezone
from tests.conftest import Cast
from tests.evidence.factories import PerformanceImportFactory
from tests.factories import MembershipFactory, SchoolFactory

from schoolweave.audit.services import audit_record
from schoolweave.brokering.models import Round
from schoolweave.evidence.models import Figure, PerformanceImport
from schoolweave.impact.selectors.cohorts import ROUND_PUBLISHED
from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import LocalAuthority, School

MEASURE = "ks2_maths_progress"


def figures(
    school: School,
    values: dict[int, float | None],
    *,
    pupils: dict[int, float] | None = None,
    source: PerformanceImport | None = None,
    measure: str = MEASURE,
) -> None:
    """The school's figures of `measure` by year (None: DfE withheld it) and its KS2 pupils."""
    source = source or PerformanceImportFactory()
    rows = [
        Figure(
            school=school,
            year=year,
            measure=measure,
            value=value,
            missing_reason="" if value is not None else "SUPP",
            source=source,
        )
        for year, value in values.items()
    ]
    rows += [
        Figure(school=school, year=year, measure="ks2_pupils", value=count, source=source)
        for year, count in (pupils if pupils is not None else {2018: 30.0}).items()
    ]
    Figure.objects.bulk_create(rows)


def school_with(
    before: float,
    after: float,
    *,
    la: LocalAuthority,
    source: PerformanceImport,
    network: Network | None = None,
    joined: date = date(2018, 9, 1),
    pupils: dict[int, float] | None = None,
    **fields: object,
) -> School:
    """A primary school with KS2 maths progress in 2018 (before) and 2019 (after), in
    `network` from `joined` if given."""
    school = SchoolFactory(la=la, **fields)
    figures(school, {2018: before, 2019: after}, pupils=pupils, source=source)
    if network is not None:
        MembershipFactory(network=network, school=school, joined=joined)
    return school


def sandwell_round(cast: Cast) -> Round:
    """A brokering round of Sandwell's, not yet published."""
    now = timezone.now()
    return Round.objects.create(
        la=cast.la_a,
        name="Sandwell Triads 2018",
        shape="triad",
        created_by=cast.officer_a,
        created_at=now,
        updated_at=now,
    )


def publish(round: Round, networks: Iterable[Network], by: User) -> None:
    """What publishing a round leaves behind, as brokering records it: the audit entry naming
    the networks it created."""
    audit_record(
        actor=by,
        action=ROUND_PUBLISHED,
        obj=round,
        las=[round.la_id],
        before=None,
        after={"networks": [n.pk for n in networks]},
    )


def membership_of(school: School) -> Membership:
    return Membership.objects.get(school=school)
