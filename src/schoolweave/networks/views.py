"""Pages of the network register: each network's page and the directory of networks, with its
CSV and XLSX downloads. Who sees what is asked of accounts.permissions."""

import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from schoolweave.accounts.permissions import Viewer, can_see_contacts, can_see_network, viewer
from schoolweave.common.pagination import paginate
from schoolweave.core.spreadsheet import write_csv
from schoolweave.core.xlsx import XLSX_CONTENT_TYPE, write_xlsx
from schoolweave.networks import selectors
from schoolweave.networks.exports import directory_columns, directory_rows
from schoolweave.networks.forms import DirectoryForm
from schoolweave.networks.models import Network
from schoolweave.register.geojson import feature_collection, school_feature
from schoolweave.register.phases import map_key

ILLUSTRATIVE_NOTICE = (
    "This network is illustrative: it was made up to demonstrate Schoolweave. "
    "The schools are real; their membership of this network is not."
)
NOT_PUBLISHED_NOTICE = (
    "This network is not published: only officers of its local authority and its leaders "
    "can see it. It is not in the public directory."
)
# After a "Sign in" link on the network's page.
CONTACTS_NEED_SIGN_IN = "to see contacts' email addresses and telephone numbers."
NOT_FOUND = "No network has this number"
DOWNLOAD_NAME = "schoolweave-networks"


@require_safe
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    who = viewer(request)
    network = selectors.network_get(pk=pk)
    if network is None or not can_see_network(who, network):
        raise Http404(NOT_FOUND)  # not 403: an unpublished network's existence does not leak
    members = selectors.network_members(network=network)
    context = {
        "network": network,
        "owner_las": list(network.owner_las.all()),
        "members": members,
        "show_contacts": can_see_contacts(who),
        "illustrative_notice": ILLUSTRATIVE_NOTICE,
        "not_published_notice": NOT_PUBLISHED_NOTICE,
        "contacts_need_sign_in": CONTACTS_NEED_SIGN_IN,
        "geojson": feature_collection(
            school_feature(m.school, role=m.get_role_display()) for m in members.current
        ),
        "map_key": map_key(m.school.phase_name for m in members.current),
    }
    return render(request, "networks/network_detail.html", context)


@require_safe
def network_directory(request: HttpRequest) -> HttpResponse:
    who = viewer(request)
    form, networks = _directory(request, who)
    page, pagination = paginate(networks, query=request.GET)
    context = {
        "form": form,
        "filters": form.filters(),
        "networks": page,
        "pagination": pagination,
        "filter_query": _without_page(request),
        "show_contacts": can_see_contacts(who),
        "has_illustrative_networks": any(network.is_illustrative for network in page),
    }
    return render(request, "networks/network_directory.html", context)


@require_safe
def network_directory_csv(request: HttpRequest) -> HttpResponse:
    columns, rows = _directory_download(request)
    response = _attachment("text/csv; charset=utf-8", f"{DOWNLOAD_NAME}.csv")
    write_csv(response, columns, rows)
    return response


@require_safe
def network_directory_xlsx(request: HttpRequest) -> HttpResponse:
    columns, rows = _directory_download(request)
    buffer = io.BytesIO()
    write_xlsx(buffer, columns, rows, sheet_title="Networks")
    response = _attachment(XLSX_CONTENT_TYPE, f"{DOWNLOAD_NAME}.xlsx")
    response.write(buffer.getvalue())
    return response


def _directory(request: HttpRequest, who: Viewer) -> tuple[DirectoryForm, QuerySet[Network]]:
    """The directory's form and the networks it selects: the same for the page and downloads."""
    form = DirectoryForm(request.GET, choices=selectors.directory_choices(who=who))
    networks = selectors.network_directory(who=who, filters=form.filters())
    return form, selectors.with_partners_and_expertise(who, networks)


def _directory_download(
    request: HttpRequest,
) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    """The columns and rows of a download: contact columns only for those who may see them."""
    who = viewer(request)
    _, networks = _directory(request, who)
    with_contacts = can_see_contacts(who)

    def url_of(network: Network) -> str:
        return request.build_absolute_uri(reverse("network_detail", args=[network.pk]))

    rows = directory_rows(networks, with_contacts=with_contacts, url_of=url_of)
    return directory_columns(with_contacts=with_contacts), rows


def _attachment(content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
