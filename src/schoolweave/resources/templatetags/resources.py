"""The resources sections of the LA, school and network pages. Those pages belong to other apps,
so each section reads its own figures here, through the selectors, with the page's viewer. They
are kept to a query or three each: the full figures are on the resources pages they link to."""

from typing import Any

from django import template

from schoolweave.accounts.permissions import can_manage_la, can_see_funding, viewer
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority, School
from schoolweave.resources import selectors

register = template.Library()


@register.inclusion_tag("resources/includes/network_resources.html", takes_context=True)
def network_resources(context: template.Context, network: Network) -> dict[str, Any]:
    who = viewer(context["request"])
    if not can_see_funding(who, network):
        return {"network": None}
    return {
        "network": network,
        "funding": selectors.network_funding_summary(network=network, who=who),
        "can_manage": any(can_manage_la(who, la.code) for la in network.owner_las.all()),
    }


@register.inclusion_tag("resources/includes/la_resources.html", takes_context=True)
def la_resources(context: template.Context, la: LocalAuthority) -> dict[str, Any]:
    """The page's own `networks` (those of the LA the viewer may see) and which have no
    partner beyond schools: one query."""
    who = viewer(context["request"])
    networks = [n for n in context.get("networks") or [] if n.status != "ended"]
    return {
        "la": la,
        "networks_count": len(networks),
        "without_partners": selectors.without_partners_among(networks),
        "can_manage": can_manage_la(who, la.code),
    }


@register.inclusion_tag("resources/includes/school_resources.html", takes_context=True)
def school_resources(context: template.Context, school: School) -> dict[str, Any]:
    who = viewer(context["request"])
    return {"school": school, "funds": selectors.school_funds(urn=school.urn, who=who)}
