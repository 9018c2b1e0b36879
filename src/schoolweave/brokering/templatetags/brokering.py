from django import template
from django.http import HttpRequest

from schoolweave.accounts.permissions import can_manage_la, viewer
from schoolweave.register.models import LocalAuthority

register = template.Library()


@register.filter
def managed_by(la: LocalAuthority, request: HttpRequest) -> bool:
    """Whether the request's user manages this LA (its officers see its brokering rounds)."""
    return can_manage_la(viewer(request), la.code)
