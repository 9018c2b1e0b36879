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
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from schoolweave.accounts.models import LAOfficer, SchoolUser
from schoolweave.core.knowledge.vocabulary import Sharing
from schoolweave.core.networks.vocabulary import NetworkContactRole
from schoolweave.networks.models import Network, NetworkContact
from schoolweave.register.models import School

if TYPE_CHECKING:
    from schoolweave.brokering.models import Round
    from schoolweave.knowledge.models import Enquiry, Expertise
    from schoolweave.resources.models import PartnerOrganisation
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


# Resources (funding, LA staff time, partners) -------------------------------------------------
# Money is the owning LA's: only its officers change streams, allocations and payments, and only
# for networks that LA owns; leaders and other LAs' officers see what the public sees. A
# network's funding is public money, shown to whoever may see the network; the time of named
# LA staff to those signed in, and each officer's capacity to the LA's officers only. Partners
# are public unless the LA keeps them private; their contacts only to those signed in.


def can_manage_funding(who: Viewer, la_code: str) -> bool:
    """Create and change an LA's funding streams, allocations and payments."""
    return can_manage_la(who, la_code)


def can_fund_network(who: Viewer, la_code: str, network: Network) -> bool:
    """Allocate an LA's money to a network: the LA's officers, to a network the LA owns."""
    return can_manage_funding(who, la_code) and la_code in _owner_codes(network)


def can_see_funding(who: Viewer, network: Network) -> bool:
    return can_see_network(who, network)


def can_see_network_staff_time(who: Viewer, network: Network) -> bool:
    """Which LA staff give time to a network, and how much: names, like contacts."""
    return can_see_contacts(who) and can_see_network(who, network)


def can_manage_staff_time(who: Viewer, la_code: str) -> bool:
    """An LA's staff, their capacity and their allocations to networks."""
    return can_manage_la(who, la_code)


def partners_visible(who: Viewer, partners: QuerySet[Any]) -> QuerySet[Any]:
    """Public partners, and the private ones of the LAs the viewer serves."""
    if who.is_superuser:
        return partners
    return partners.filter(Q(is_public=True) | Q(la_id__in=who.officer_of))


def can_see_partner(who: Viewer, partner: "PartnerOrganisation") -> bool:
    return partner.is_public or can_manage_la(who, partner.la_id)


def can_manage_partner(who: Viewer, partner: "PartnerOrganisation") -> bool:
    return can_manage_la(who, partner.la_id)


def can_link_partner(who: Viewer, network: Network) -> bool:
    """Record a partnership between a partner and a network: the network's LA officers."""
    return can_manage_network(who, network)


def can_see_partner_contacts(who: Viewer) -> bool:
    return can_see_contacts(who)


# Performance data (evidence app) -------------------------------------------------------------
# Published figures, similar schools and computed strengths and needs are public (they rest on
# public school-level figures; group figures pass core.stats.disclosure). Network figures follow
# can_see_network. What an LA records of a school from its own knowledge is not public:


def can_see_local_knowledge(who: Viewer, *, urn: int, la_code: str) -> bool:
    """An LA's own knowledge of a school's strengths and needs: that LA's officers, and the
    school's own users (it is about them)."""
    return can_manage_la(who, la_code) or urn in who.schools


def can_record_local_knowledge(who: Viewer, la_code: str) -> bool:
    """Record or remove such knowledge: the officers of the school's LA."""
    return can_manage_la(who, la_code)


# Knowledge exchange (expertise, enquiries, the diagnostic, self-reviews) ----------------------
# A school chooses which of its expertise is public, and a network's leaders which of the
# network's; the LA's officers see all of their LA's register, and names of people only those
# signed in. A network's enquiries and self-reviews are recorded by its leaders and its LA's
# officers. An enquiry's working (stages, notes, attachments) is seen by them, and by everyone
# working in the LA (its officers, its networks' leaders, its schools' users) when the network
# shares it there; once finished and published, its public summary by everyone, in every LA.
# The diagnostic, the brokerage self-review and the summary of networks' self-reviews are the
# LA officers' own.


def can_record_school_expertise(who: Viewer, school: School) -> bool:
    return can_respond_for_school(who, school.urn, school.la_id)


def can_record_network_expertise(who: Viewer, network: Network) -> bool:
    return can_edit_network(who, network)


def can_change_expertise(who: Viewer, expertise: "Expertise") -> bool:
    if expertise.school is not None:
        return can_record_school_expertise(who, expertise.school)
    return expertise.network is not None and can_record_network_expertise(who, expertise.network)


def expertise_visible(who: Viewer, expertise: QuerySet[Any]) -> QuerySet[Any]:
    """Public expertise (of a school, or of a network the viewer may see), and all of it for
    the LAs, schools and networks the viewer works for."""
    if who.is_superuser:
        return expertise
    seen_networks = networks_visible(who, Network.objects.all()).values("pk")
    public = Q(is_public=True) & (Q(school__isnull=False) | Q(network__in=seen_networks))
    own = Q(la_id__in=who.officer_of) | Q(school_id__in=who.schools) | Q(network_id__in=who.leads)
    return expertise.filter(public | own)


def can_see_expertise_people(who: Viewer) -> bool:
    """The names of the people who hold expertise, like other contact details."""
    return can_see_contacts(who)


def knowledge_las(who: Viewer) -> frozenset[str]:
    """The LAs the viewer works in: as officer, as leader of a network it owns, or for a school."""
    found = set(who.officer_of)
    if who.leads:
        led = Network.objects.filter(pk__in=who.leads).values_list("owner_las__code", flat=True)
        found.update(code for code in led if code)
    if who.schools:
        found.update(School.objects.filter(urn__in=who.schools).values_list("la_id", flat=True))
    return frozenset(found)


def can_record_enquiry(who: Viewer, network: Network) -> bool:
    return can_edit_network(who, network)


def can_see_enquiry_working(who: Viewer, enquiry: "Enquiry") -> bool:
    """Stages, notes and attachments (downloads included)."""
    network = enquiry.network
    if can_edit_network(who, network):
        return True
    shared = enquiry.sharing in (Sharing.LA, Sharing.PUBLISHED)
    return (
        shared
        and can_see_network(who, network)
        and bool(_owner_codes(network) & knowledge_las(who))
    )


def can_see_enquiry(who: Viewer, enquiry: "Enquiry") -> bool:
    """At least its title and public summary."""
    published = enquiry.is_published and can_see_network(who, enquiry.network)
    return published or can_see_enquiry_working(who, enquiry)


def enquiries_visible(who: Viewer, enquiries: QuerySet[Any]) -> QuerySet[Any]:
    if who.is_superuser:
        return enquiries
    seen_networks = networks_visible(who, Network.objects.all()).values("pk")
    published = Q(sharing=Sharing.PUBLISHED, finished_on__isnull=False)
    shared = Q(
        sharing__in=(Sharing.LA, Sharing.PUBLISHED),
        network__owner_las__code__in=knowledge_las(who),
    )
    own = Q(network_id__in=who.leads) | Q(network__owner_las__code__in=who.officer_of)
    rule = ((published | shared) & Q(network__in=seen_networks)) | own
    return enquiries.filter(pk__in=enquiries.model.objects.filter(rule).values("pk"))


def can_run_diagnostic(who: Viewer, la_code: str) -> bool:
    return can_manage_la(who, la_code)


def can_self_review_network(who: Viewer, network: Network) -> bool:
    """Record or read a network's self-review against the five challenges."""
    return can_edit_network(who, network)


def can_review_brokerage(who: Viewer, la_code: str) -> bool:
    """The LA's self-review of its five brokerage roles, and its summary of networks' reviews."""
    return can_manage_la(who, la_code)


# Brokering -----------------------------------------------------------------------------------


def can_manage_round(who: Viewer, round: "Round") -> bool:
    """Set up, run, consult on and publish a brokering round: the LA's officers."""
    return can_manage_la(who, round.la_id)


def schools_responding(who: Viewer, round: "Round") -> frozenset[int]:
    """The schools in the round this user answers for."""
    in_round = set(round.schools.values_list("school_id", flat=True))
    return frozenset(who.schools & in_round)


def can_see_round(who: Viewer, round: "Round") -> bool:
    return can_manage_round(who, round) or bool(schools_responding(who, round))


# Impact evaluation ---------------------------------------------------------------------------
# An impact page rests on the same published figures as a network's performance section (every
# group figure through core.stats.disclosure), so it follows the network: whoever may see the
# network may see what it achieved. A cohort of a kind of network in an LA holds only the
# networks the viewer may see, so an unpublished network never shows in another LA's cohort.


def can_see_impact(who: Viewer, network: Network) -> bool:
    return can_see_network(who, network)


def impact_networks(who: Viewer, networks: QuerySet[Network]) -> QuerySet[Network]:
    """The networks whose schools may form a cohort the viewer sees."""
    return networks_visible(who, networks)
