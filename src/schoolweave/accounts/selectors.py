"""What a signed-in user has to do: their networks, sheets and reviews."""

from dataclasses import dataclass

from django.db.models import Q

from schoolweave.accounts.permissions import Viewer
from schoolweave.brokering.models import Round
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority, School
from schoolweave.sheets.models import IdentificationSheet


@dataclass(frozen=True)
class Work:
    officer_of: list[LocalAuthority]
    waiting_for_review: int
    leads: list[Network]
    schools: list[School]
    sheets: list[IdentificationSheet]  # the user's own proposals and their networks' sheets
    rounds: list[Round]  # brokering rounds with the user's schools in consultation


def work_of(*, who: Viewer) -> Work:
    own = Q(proposer_id=who.user_id) | Q(network_id__in=who.leads)
    return Work(
        officer_of=list(LocalAuthority.objects.filter(code__in=who.officer_of)),
        waiting_for_review=IdentificationSheet.objects.filter(
            la_id__in=who.officer_of, status=IdentificationSheet.Status.SUBMITTED
        ).count(),
        leads=list(Network.objects.filter(pk__in=who.leads).order_by("name")),
        schools=list(School.objects.filter(urn__in=who.schools).select_related("la")),
        sheets=list(
            IdentificationSheet.objects.filter(own)
            .select_related("la", "network")
            .prefetch_related("versions")[:50]
        ),
        rounds=list(
            Round.objects.filter(
                schools__school_id__in=who.schools,
                status__in=(Round.Status.CONSULTING, Round.Status.PROPOSED),
            ).distinct()
        ),
    )
