"""The network page's history, drawn from its identification sheets (the sheets app owns them,
so the network page asks through this tag rather than importing the app)."""

from typing import Any

from django import template
from django.http import HttpRequest

from schoolweave.accounts.permissions import (
    can_edit_network,
    can_manage_network,
    can_see_contacts,
    can_see_sheet,
    viewer,
)
from schoolweave.networks.models import Network
from schoolweave.sheets.selectors import network_sheets

register = template.Library()


@register.inclusion_tag("sheets/includes/network_history.html", takes_context=True)
def network_history(context: dict[str, Any], network: Network) -> dict[str, Any]:
    request: HttpRequest = context["request"]
    who = viewer(request)
    sheets = list(network_sheets(who=who, network=network))
    return {
        "network": network,
        "sheets": sheets,
        "linked": {sheet.pk for sheet in sheets if who.is_signed_in and can_see_sheet(who, sheet)},
        "show_people": can_see_contacts(who),
        "can_edit": can_edit_network(who, network),
        "audit_la": next(
            (la.code for la in network.owner_las.all() if can_manage_network(who, network)), None
        ),
    }
