"""Pages of the network register."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from schoolweave.networks import selectors
from schoolweave.register.geojson import feature_collection, school_feature
from schoolweave.register.phases import map_key

ILLUSTRATIVE_NOTICE = (
    "This network is illustrative: it was made up to demonstrate Schoolweave. "
    "The schools are real; their membership of this network is not."
)


@require_safe
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = selectors.network_get(pk=pk)
    if network is None:
        raise Http404("No network has this number")
    members = selectors.network_members(network=network)
    context = {
        "network": network,
        "owner_las": list(network.owner_las.all()),
        "members": members,
        "illustrative_notice": ILLUSTRATIVE_NOTICE,
        "geojson": feature_collection(
            school_feature(m.school, role=m.get_role_display()) for m in members.current
        ),
        "map_key": map_key(m.school.phase_name for m in members.current),
    }
    return render(request, "networks/network_detail.html", context)
