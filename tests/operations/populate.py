"""A row in every table a backup holds, with the values that trip round trips between SQLite
and PostgreSQL: microsecond timestamps, floats that decimal text would round, decimals, JSON
of every kind (nested, unicode, floats, empty), text with newlines and emoji, money in
pence near the 64-bit limit, and an enquiry attachment on disk.

Used in-process by the tests, and as `python -m tests.operations.cli populate` against a database
named by SCHOOLWEAVE_DATABASE_URL (after `schoolweave load-demo`, or on its own).
"""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from schoolweave.audit.services import audit_record
from schoolweave.brokering.models import PairRule, Response, Round, RoundSchool
from schoolweave.evidence.models import AreaFigure, ComparisonRun, SimilarSchools
from schoolweave.knowledge.models import Enquiry, EnquiryAttachment, EnquiryNote
from schoolweave.networks.models import LearningFocus, Network
from schoolweave.register.models import LocalAuthority, School
from tests.evidence.factories import (
    EstablishmentLinkFactory,
    FigureFactory,
    LocalKnowledgeFactory,
    MissingFigureFactory,
    PerformanceImportFactory,
)
from tests.factories import (
    GroupLinkFactory,
    ImportRunFactory,
    LAOfficerFactory,
    LearningFocusFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NetworkContactFactory,
    NetworkFactory,
    PersonFactory,
    SchoolChangeFactory,
    SchoolFactory,
    SchoolUserFactory,
    SheetReviewFactory,
    StatutoryGroupFactory,
    UserFactory,
)
from tests.knowledge.factories import (
    DiagnosticFactory,
    EnquiryFactory,
    ExpertiseFactory,
    SelfReviewFactory,
)
from tests.resources.factories import (
    FunderProfileFactory,
    PartnerContactFactory,
    PartnerFactory,
    PartnershipFactory,
    PaymentFactory,
    StaffAllocationFactory,
)

# Microseconds that DjangoJSONEncoder would cut to milliseconds.
WHEN = datetime(2025, 3, 30, 1, 30, 15, 123456, tzinfo=UTC)  # the night the clocks change
# PostgreSQL's jsonb keeps JSON numbers as decimals: a float written in exponent form above
# 1e16 comes back as integer digits and -0.0 as 0 there, whatever restore does (ADR 0012).
TRICKY_JSON = {
    "zeta": 1,
    "alpha": [0.1, 0.1 + 0.2, 1e-300, 2 / 3, 12345678901234567890, -7],
    "nested": {"\u00fc": "\u03a9mega \u2713 \U0001f3eb", "empty": {}, "none": None, "flag": False},
    "text": 'line one\nline two\t"quoted"',
}
ATTACHMENT = b"%PDF-1.4\n% a small attached file\n" + bytes(range(256))


def populate() -> dict[str, object]:
    """Add the rows; returns a few of them for tests to refer to."""
    la = LocalAuthority.objects.filter(code="333").first() or LocalAuthorityFactory(
        code="333", name="Sandwell", with_boundary=True
    )
    school = School.objects.filter(la=la).order_by("urn").first() or SchoolFactory(la=la)
    officer = LAOfficerFactory(
        la=la, user__username="officer.backup", user__last_login=WHEN, user__first_name="Zoë"
    ).user
    leader = UserFactory(username="leader.backup", last_login=WHEN + timedelta(microseconds=1))
    _permissions(officer)
    focus = LearningFocusFactory(slug="oracy", name="Oracy 🗣")
    network = NetworkFactory(
        name="Backup Triad — “quoted”", owner_las=[la], learning_focuses=[focus], purpose="a\nb"
    )
    MembershipFactory(network=network, school=school)
    person = PersonFactory(name="Zoë O\u2019Brien", user=leader, school=school)
    NetworkContactFactory(network=network, person=person)
    SchoolUserFactory(school=school, user__username="school.backup")
    _register(school)
    audit_record(
        actor=officer,
        action="network.update",
        obj=network,
        las=[la.code],
        before={"name": "old", "when": WHEN.isoformat()},
        after=TRICKY_JSON,
        network_id=network.pk,
    )
    LogEntry.objects.create(
        user=officer,
        content_type=ContentType.objects.get_for_model(network),
        object_id=str(network.pk),
        object_repr=str(network),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Name"]}}]',
        action_time=WHEN,
    )
    SheetReviewFactory(version__sheet__la=la, version__sheet__network=network, reviewer=officer)
    _evidence(school, la, officer)
    _resources(la, network, school)
    enquiry = _knowledge(la, network, school, officer)
    _brokering(la, school, officer)
    return {
        "la": la,
        "school": school,
        "network": network,
        "person": person,
        "officer": officer,
        "leader": leader,
        "enquiry": enquiry,
    }


def _permissions(user: User) -> None:
    group = Group.objects.create(name="Backup operators")
    group.permissions.add(Permission.objects.get(codename="view_network"))
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="change_network"))


def _register(school: School) -> None:
    run = ImportRunFactory(imported_at=WHEN)
    SchoolChangeFactory(school=school, run=run, changes={"name": ["Old name", school.name]})
    GroupLinkFactory(school=school, group=StatutoryGroupFactory(name="Backup Trust"))


def _evidence(school: School, la: LocalAuthority, user: User) -> None:
    source = PerformanceImportFactory(imported_at=WHEN, file_name="ks2 “final”.csv")
    FigureFactory(school=school, year=2031, measure="backup_float", value=0.1 + 0.2, source=source)
    FigureFactory(school=school, year=2031, measure="backup_tiny", value=5e-324, source=source)
    MissingFigureFactory(school=school, year=2031, measure="backup_missing", source=source)
    AreaFigure.objects.create(
        area="la:333", year=2031, measure="backup", value=1 / 3, source=source
    )
    EstablishmentLinkFactory(source=source, established=date(2019, 9, 1))
    run = ComparisonRun.objects.create(
        computed_at=WHEN, schools=1, la_codes=["333"], groups={"primary": {"schools": 1}}
    )
    SimilarSchools.objects.update_or_create(
        school=school,
        defaults={
            "run": run,
            "group": "primary",
            "comparators": [[school.urn, 0.123456789012345, True]],
            "family": [],
            "imputed": ["fsm"],
        },
    )
    LocalKnowledgeFactory(school=school, la=la, recorded_by=user, recorded_at=WHEN)


def _resources(la: LocalAuthority, network: Network, school: School) -> None:
    FunderProfileFactory(la=la)
    PaymentFactory(
        allocation__network=network,
        allocation__fund_holder_school=school,
        allocation__stream__amount_pence=9_223_372_036_854_775_807,
        allocation__stream__name="Backup stream",
    )
    partner = PartnerFactory(la=la, name="Backup partner")
    PartnershipFactory(partner=partner, network=network)
    PartnerContactFactory(partner=partner)
    StaffAllocationFactory(
        staff__la=la, staff__capacity_days=Decimal("187.5"), network=network, days=Decimal("0.1")
    )


def _knowledge(la: LocalAuthority, network: Network, school: School, user: User) -> Enquiry:
    reading = LearningFocus.objects.get(slug="reading")
    ExpertiseFactory(school=school, la=la, focus=reading, created_at=WHEN, score=2 / 3)
    enquiry = EnquiryFactory(network=network, focus=reading, created_by=user, created_at=WHEN)
    EnquiryNote.objects.create(
        enquiry=enquiry,
        stage="planning",
        text="Zoë\u2019s note ✓",
        author=user,
        author_label=user.get_username(),
        created_at=WHEN,
    )
    attachment = EnquiryAttachment(
        enquiry=enquiry,
        stage="planning",
        name="plan.pdf",
        kind="pdf",
        content_type="application/pdf",
        size=len(ATTACHMENT),
        uploaded_by=user,
        uploaded_at=WHEN,
    )
    attachment.file.save("plan.pdf", ContentFile(ATTACHMENT), save=True)
    DiagnosticFactory(la=la, created_by=user)
    SelfReviewFactory(network=network, la=la, ratings={"purpose_shared": "strong"})
    return enquiry


def _brokering(la: LocalAuthority, school: School, user: User) -> None:
    other = SchoolFactory(la=la)
    round = Round.objects.create(
        la=la,
        name="Backup round",
        shape="triad",
        criteria={"size": 3, "weights": [0.5, 0.25]},
        status=Round.Status.CONSULTING,
        result={"groups": [[school.urn, other.urn]], "score": 0.7},
        created_by=user,
        created_at=WHEN,
        updated_at=WHEN,
    )
    RoundSchool.objects.create(
        round=round,
        school=school,
        willingness="opted_in",
        asks_la_to_decide=True,
        may_lead=None,
        decided_by=user,
        decided_at=WHEN,
    )
    PairRule.objects.create(round=round, first=school, second=other, kind=PairRule.Kind.PIN)
    Response.objects.create(
        round=round,
        school=school,
        accepts=True,
        comment="Yes ✓",
        responded_by=user,
        responded_at=WHEN,
    )
