"""The knowledge sections of the LA, school and network pages, and the words for the app's
vocabularies. Those pages belong to other apps, so each section reads its own data here,
through the selectors, with the page's viewer."""

from typing import Any

from django import template

from schoolweave.accounts.permissions import (
    can_change_expertise,
    can_record_enquiry,
    can_record_network_expertise,
    can_record_school_expertise,
    can_review_brokerage,
    can_run_diagnostic,
    can_see_expertise_people,
    can_self_review_network,
    viewer,
)
from schoolweave.core.knowledge.vocabulary import (
    Approach,
    EvidenceKind,
    Phase,
    Rating,
    Sharing,
    StageStatus,
)
from schoolweave.knowledge import selectors
from schoolweave.knowledge.texts import texts
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority, School

register = template.Library()

_STATUS_TAGS = {
    StageStatus.NOT_STARTED: "govuk-tag--grey",
    StageStatus.IN_PROGRESS: "govuk-tag--yellow",
    StageStatus.DONE: "govuk-tag--green",
}
_RATING_TAGS = {
    Rating.STRONG: "govuk-tag--green",
    Rating.DEVELOPING: "govuk-tag--blue",
    Rating.STRUGGLING: "govuk-tag--orange",
    Rating.NOT_STARTED: "govuk-tag--red",
}
_RATING_SHORT = {
    Rating.STRONG: "Strong",
    Rating.DEVELOPING: "Developing",
    Rating.STRUGGLING: "Struggling",
    Rating.NOT_STARTED: "Not started",
}


@register.filter
def approach_name(value: str) -> str:
    return texts().approaches[Approach(value)].name


@register.filter
def phase_label(value: str) -> str:
    return Phase(value).label


@register.filter
def evidence_label(value: str) -> str:
    return EvidenceKind(value).label


@register.filter
def sharing_label(value: str) -> str:
    return Sharing(value).label


@register.filter
def stage_status_tag(value: str) -> str:
    return _STATUS_TAGS[StageStatus(value)]


@register.filter
def stage_status_label(value: str) -> str:
    return StageStatus(value).label


@register.filter
def rating_tag(value: str) -> str:
    return _RATING_TAGS[Rating(value)]


@register.filter
def rating_short(value: str) -> str:
    return _RATING_SHORT[Rating(value)]


@register.filter
def change_words(value: int | None) -> str:
    return {1: "Better than last time", -1: "Worse than last time", 0: "Same as last time"}.get(
        value if value is not None else 2, "New question"
    )


@register.inclusion_tag("knowledge/includes/school_knowledge.html", takes_context=True)
def school_knowledge(context: template.Context, school: School) -> dict[str, Any]:
    who = viewer(context["request"])
    expertise = selectors.school_expertise(who=who, school=school)
    return {
        "school": school,
        "expertise": expertise,
        "editable": {e.pk for e in expertise if can_change_expertise(who, e)},
        "can_record": can_record_school_expertise(who, school),
        "show_people": can_see_expertise_people(who),
    }


@register.inclusion_tag("knowledge/includes/network_knowledge.html", takes_context=True)
def network_knowledge(context: template.Context, network: Network) -> dict[str, Any]:
    who = viewer(context["request"])
    can_review = can_self_review_network(who, network)
    can_record = can_record_network_expertise(who, network)
    expertise = selectors.network_expertise(who=who, network=network)
    return {
        "network": network,
        "expertise": expertise,
        "editable": {
            e.pk
            for e in expertise
            if (e.network_id == network.pk and can_record)
            or (e.school is not None and can_record_school_expertise(who, e.school))
        },
        "can_record_expertise": can_record,
        "show_people": can_see_expertise_people(who),
        "enquiries": selectors.network_enquiries(who=who, network=network),
        "can_record_enquiry": can_record_enquiry(who, network),
        "can_review": can_review,
        "last_review": selectors.last_network_review(network=network) if can_review else None,
    }


@register.inclusion_tag("knowledge/includes/la_knowledge.html", takes_context=True)
def la_knowledge(context: template.Context, la: LocalAuthority) -> dict[str, Any]:
    who = viewer(context["request"])
    officer = can_run_diagnostic(who, la.code)
    diagnostics = selectors.latest_diagnostics(la_code=la.code, count=2) if officer else []
    networks, reviewed = (
        selectors.la_reviewed_counts(who=who, la_code=la.code) if officer else (0, 0)
    )
    return {
        "la": la,
        "officer": officer,
        "can_review": can_review_brokerage(who, la.code),
        "last_diagnostic": diagnostics[0] if diagnostics else None,
        "diagnostics": len(diagnostics),
        "networks": networks,
        "reviewed": reviewed,
    }
