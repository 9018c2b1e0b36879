"""Reads for identification sheets."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from schoolweave.accounts.permissions import Viewer, sheets_visible
from schoolweave.core.networks.identification import Leader, Member, SheetContent
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkContactRole, NetworkKind
from schoolweave.core.numbers import URN_DIGITS, typed_number
from schoolweave.networks.models import Network
from schoolweave.register.models import School
from schoolweave.sheets.models import IdentificationSheet

_OPEN = (School.Status.OPEN, School.Status.OPEN_PROPOSED_TO_CLOSE, School.Status.PROPOSED_TO_OPEN)


@dataclass(frozen=True)
class SchoolMatch:
    school: School | None
    candidates: tuple[School, ...] = ()  # when a name fits several schools


def school_match(*, text: str) -> SchoolMatch:
    """The school a user means by a URN or an exact name (open schools only, for names)."""
    text = text.strip()
    urn = typed_number(text, max_digits=URN_DIGITS)
    if urn is not None:
        return SchoolMatch(School.objects.select_related("la").filter(urn=urn).first())
    found = tuple(
        School.objects.select_related("la")
        .filter(name__iexact=text, status__in=_OPEN)
        .order_by("la__name", "urn")[:6]
    )
    return SchoolMatch(found[0] if len(found) == 1 else None, found if len(found) > 1 else ())


def network_content(*, network: Network) -> SheetContent:
    """The network as it is, in the sheet's terms: what a new sheet starts from."""
    members = network.memberships.filter(left__isnull=True).select_related("school")
    leaders = network.contacts.filter(role=NetworkContactRole.LEADER).select_related("person")
    owner = network.owner_las.order_by("code").first()
    return SheetContent(
        name=network.name,
        kind=NetworkKind(network.kind),
        purpose=network.purpose,
        learning_focuses=tuple(sorted(network.learning_focuses.values_list("slug", flat=True))),
        members=tuple(
            Member(m.school_id, MembershipRole(m.role), m.school.name)
            for m in members.order_by("school__name")
        ),
        leaders=tuple(
            Leader(c.person.name, c.person.job_title, c.person.email)
            for c in leaders.order_by("person__name")
        ),
        partners=network.partners,
        initiatives=network.initiatives,
        start_date=network.start_date,
        la=owner.code if owner else "",
    )


def sheet_get(*, who: Viewer, pk: int) -> IdentificationSheet | None:
    return (
        sheets_visible(who, IdentificationSheet.objects.all())
        .select_related("la", "network", "proposer")
        .prefetch_related("versions__submitted_by", "reviews__reviewer", "reviews__version")
        .filter(pk=pk)
        .first()
    )


def sheet_list(
    *, who: Viewer, statuses: tuple[str, ...] = (), reviewing: bool = False
) -> QuerySet[IdentificationSheet]:
    """Sheets the viewer may see; `reviewing`: only those of LAs they review."""
    sheets = sheets_visible(who, IdentificationSheet.objects.all())
    if reviewing and not who.is_superuser:
        sheets = sheets.filter(la_id__in=who.officer_of)
    if statuses:
        sheets = sheets.filter(status__in=statuses)
    return sheets.select_related("la", "network", "proposer").prefetch_related("versions")


def network_sheets(*, who: Viewer, network: Network) -> QuerySet[IdentificationSheet]:
    """A network's sheets for its history: approved ones for everyone, others for those who
    may see them."""
    visible = sheets_visible(who, IdentificationSheet.objects.filter(network=network))
    return (
        IdentificationSheet.objects.filter(network=network)
        .filter(Q(status=IdentificationSheet.Status.APPROVED) | Q(pk__in=visible.values("pk")))
        .select_related("proposer")
        .prefetch_related("versions__submitted_by", "versions__reviews__reviewer")
    )
