"""Who may see and change what: the one place these rules live.

Views, API endpoints and exports ask these functions; none of them decides access itself.
The rules, in the seeds' terms:
- the public sees the directory: published networks, without contact details;
- any signed-in user also sees contact details;
- an LA officer sees and manages everything of the LAs they serve (unpublished networks,
  identification sheets, the audit log), and nothing unpublished of other LAs;
- a network leader sees and edits the networks they lead;
- a school user sees and responds for their school.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from schoolweave.accounts.models import LAOfficer, SchoolUser
from schoolweave.core.networks.vocabulary import NetworkContactRole
from schoolweave.networks.models import Network, NetworkContact

if TYPE_CHECKING:
    from schoolweave.sheets.models import IdentificationSheet

_VIEWER_ATTRIBUTE = "_schoolweave_viewer"


@dataclass(frozen=True)
class Viewer:
    """What a user is to Schoolweave, read once per request."""

    user_id: int | None
    officer_of: frozenset[str]  # LA codes
    leads: frozenset[int]  # network ids
    schools: frozenset[int]  # URNs
    is_superuser: bool = False

    @property
    def is_signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def is_officer(self) -> bool:
        return bool(self.officer_of) or self.is_superuser


PUBLIC = Viewer(user_id=None, officer_of=frozenset(), leads=frozenset(), schools=frozenset())


def viewer_of(user: AbstractBaseUser | AnonymousUser) -> Viewer:
    if not user.is_authenticated:
        return PUBLIC
    return Viewer(
        user_id=user.pk,
        officer_of=frozenset(
            LAOfficer.objects.filter(user_id=user.pk).values_list("la_id", flat=True)
        ),
        leads=frozenset(
            NetworkContact.objects.filter(
                person__user_id=user.pk, role=NetworkContactRole.LEADER
            ).values_list("network_id", flat=True)
        ),
        schools=frozenset(
            SchoolUser.objects.filter(user_id=user.pk).values_list("school_id", flat=True)
        ),
        is_superuser=bool(getattr(user, "is_superuser", False)),
    )


def viewer(request: HttpRequest) -> Viewer:
    """The request's viewer, read from the database once per request."""
    cached: Viewer | None = getattr(request, _VIEWER_ATTRIBUTE, None)
    if cached is None:
        cached = viewer_of(request.user)
        setattr(request, _VIEWER_ATTRIBUTE, cached)
    return cached


# Networks ------------------------------------------------------------------------------------


def networks_visible(who: Viewer, networks: QuerySet[Network]) -> QuerySet[Network]:
    if who.is_superuser:
        return networks
    rule = Q(is_published=True) | Q(pk__in=who.leads) | Q(owner_las__code__in=who.officer_of)
    return networks.filter(pk__in=Network.objects.filter(rule).values("pk"))


def can_see_network(who: Viewer, network: Network) -> bool:
    return network.is_published or can_edit_network(who, network)


def can_manage_network(who: Viewer, network: Network) -> bool:
    """Change a network directly or review its sheets: an officer of an owner LA."""
    return who.is_superuser or bool(who.officer_of & _owner_codes(network))


def can_edit_network(who: Viewer, network: Network) -> bool:
    """Propose changes to a network through its identification sheet."""
    return network.pk in who.leads or can_manage_network(who, network)


def can_see_contacts(who: Viewer) -> bool:
    return who.is_signed_in


# Local authorities ---------------------------------------------------------------------------


def can_manage_la(who: Viewer, la_code: str) -> bool:
    """Review sheets, read the audit log, import networks: the LA's officers."""
    return who.is_superuser or la_code in who.officer_of


def las_managed(who: Viewer) -> frozenset[str] | None:
    """The LA codes whose private data the viewer may read; None means all (superuser)."""
    return None if who.is_superuser else who.officer_of


# Identification sheets ------------------------------------------------------------------------


def can_propose_network(who: Viewer) -> bool:
    """Anyone signed in may propose a new network; the LA decides."""
    return who.is_signed_in


def can_review_sheet(who: Viewer, sheet: "IdentificationSheet") -> bool:
    return can_manage_la(who, sheet.la_id)


def can_revise_sheet(who: Viewer, sheet: "IdentificationSheet") -> bool:
    """The proposer, or a leader of the network, while the sheet is still open."""
    if not sheet.is_open:
        return False
    return who.user_id == sheet.proposer_id or (
        sheet.network_id is not None and sheet.network_id in who.leads
    )


def can_see_sheet(who: Viewer, sheet: "IdentificationSheet") -> bool:
    return (
        can_review_sheet(who, sheet)
        or who.user_id == sheet.proposer_id
        or (sheet.network_id is not None and sheet.network_id in who.leads)
    )


def sheets_visible(
    who: Viewer, sheets: QuerySet["IdentificationSheet"]
) -> QuerySet["IdentificationSheet"]:
    if who.is_superuser:
        return sheets
    return sheets.filter(
        Q(la_id__in=who.officer_of) | Q(proposer_id=who.user_id) | Q(network_id__in=who.leads)
    )


# Schools -------------------------------------------------------------------------------------


def can_respond_for_school(who: Viewer, urn: int, la_code: str) -> bool:
    return urn in who.schools or can_manage_la(who, la_code)


def _owner_codes(network: Network) -> frozenset[str]:
    return frozenset(la.code for la in network.owner_las.all())


def signed_in_user(request: HttpRequest) -> AbstractBaseUser:
    """The request's user, for views behind login_required."""
    user = request.user
    if not isinstance(user, AbstractBaseUser):
        raise PermissionDenied("Sign in first")
    return user
