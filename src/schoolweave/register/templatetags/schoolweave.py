"""Template helpers for showing register and network values in users' words."""

from typing import Any
from urllib.parse import urlsplit

from django import template
from django.conf import settings

from schoolweave.core.networks.vocabulary import NetworkStatus
from schoolweave.register.models import School

register = template.Library()

NOT_RECORDED = "Not recorded"
_SCHOOL_STATUS_TAGS: dict[str, str] = {
    School.Status.OPEN: "govuk-tag--green",
    School.Status.CLOSED: "govuk-tag--grey",
    School.Status.OPEN_PROPOSED_TO_CLOSE: "govuk-tag--orange",
    School.Status.PROPOSED_TO_OPEN: "govuk-tag--blue",
}
_NETWORK_STATUS_TAGS: dict[str, str] = {
    NetworkStatus.ACTIVE: "govuk-tag--green",
    NetworkStatus.PROPOSED: "govuk-tag--blue",
    NetworkStatus.ENDED: "govuk-tag--grey",
}


@register.filter
def or_not_recorded(value: Any) -> Any:
    """The value, or "Not recorded" when GIAS or the register left it blank (0 is a value)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return NOT_RECORDED
    return value


@register.filter
def external_url(address: str) -> str:
    """A link for a web address as GIAS records it ("www.school.org.uk"); empty when it is
    blank or not a web address, so a page never links to another scheme."""
    address = (address or "").strip()
    if not address or " " in address:
        return ""
    if "://" not in address:
        address = f"http://{address}"
    scheme = urlsplit(address).scheme.lower()
    return address if scheme in ("http", "https") and urlsplit(address).netloc else ""


@register.filter
def school_status_tag(status: str) -> str:
    return _SCHOOL_STATUS_TAGS.get(status, "govuk-tag--grey")


@register.filter
def network_status_tag(status: str) -> str:
    return _NETWORK_STATUS_TAGS.get(status, "govuk-tag--grey")


@register.simple_tag
def map_tiles_url() -> str:
    """The tile URL template maps use; empty for maps without tiles."""
    return str(settings.SCHOOLWEAVE_MAP_TILES_URL)
