"""Pages for funding, LA staff time and partners."""

from schoolweave.resources.views.funding import (
    allocation_detail,
    allocation_edit,
    la_funding,
    network_funding,
    payment_new,
    stream_commit,
    stream_detail,
    stream_new,
)
from schoolweave.resources.views.partners import (
    network_partnership_new,
    networks_without_partners,
    partner_contact_new,
    partner_detail,
    partner_list,
    partner_new,
)
from schoolweave.resources.views.staff import la_staff, staff_member_new, staff_time_new

__all__ = [
    "allocation_detail",
    "allocation_edit",
    "la_funding",
    "la_staff",
    "network_funding",
    "network_partnership_new",
    "networks_without_partners",
    "partner_contact_new",
    "partner_detail",
    "partner_list",
    "partner_new",
    "payment_new",
    "staff_member_new",
    "staff_time_new",
    "stream_commit",
    "stream_detail",
    "stream_new",
]
