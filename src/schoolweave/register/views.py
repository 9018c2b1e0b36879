"""Pages of the register: home, search, local authorities and schools."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from schoolweave import demo
from schoolweave.accounts.permissions import viewer
from schoolweave.common.pagination import paginate
from schoolweave.networks import selectors as networks
from schoolweave.register import selectors
from schoolweave.register.forms import SchoolFiltersForm, SearchForm
from schoolweave.register.geojson import schools_geojson
from schoolweave.register.models import LocalAuthority
from schoolweave.register.phases import map_key


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "authorities": selectors.local_authority_list(first=demo.DEMO_LA),
        "demo_la": demo.DEMO_LA,
        "form": SearchForm(),
        "latest_import": selectors.register_latest_import(),
    }
    return render(request, "register/home.html", context)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET) if "q" in request.GET else SearchForm()
    if not form.is_valid():
        return render(request, "register/search.html", {"form": form})
    query: str = form.cleaned_data["q"]
    urn = selectors.school_urn_match(query=query)
    if urn is not None:
        return redirect("school_detail", urn=urn)
    page, pagination = paginate(selectors.school_search(query=query), query=request.GET)
    context = {
        "form": form,
        "query": query,
        "schools": page,
        "pagination": pagination,
        "authorities": selectors.local_authority_search(query=query),
    }
    return render(request, "register/search.html", context)


@require_safe
def la_list(request: HttpRequest) -> HttpResponse:
    authorities = selectors.local_authority_list(first=demo.DEMO_LA)
    context = {"authorities": authorities, "demo_la": demo.DEMO_LA}
    return render(request, "register/la_list.html", context)


@require_safe
def la_detail(request: HttpRequest, code: str) -> HttpResponse:
    la = _get_la(code)
    choices = selectors.la_filter_choices(la_code=la.code)
    form = SchoolFiltersForm(request.GET, choices=choices)
    filters = form.filters()
    schools = selectors.la_schools(la_code=la.code, filters=filters)
    page, pagination = paginate(schools, query=request.GET)
    phase_counts = selectors.la_phase_counts(la_code=la.code)
    owned = list(networks.networks_owned_by(la_code=la.code, who=viewer(request)))
    context = {
        "la": la,
        "form": form,
        "filters": filters,
        "choices": choices,
        "filter_query": _without_page(request),
        "phase_counts": phase_counts,
        "open_schools": sum(count.schools for count in phase_counts),
        "map_key": map_key(choices.phases if not filters.phase else [filters.phase]),
        "schools": page,
        "pagination": pagination,
        "unmapped": schools.filter(lat__isnull=True).count(),
        "groups": selectors.la_statutory_groups(la_code=la.code),
        "networks": owned,
        "has_illustrative_networks": any(network.is_illustrative for network in owned),
        "has_unpublished_networks": any(not network.is_published for network in owned),
    }
    return render(request, "register/la_detail.html", context)


@require_safe
def la_schools_geojson(request: HttpRequest, code: str) -> JsonResponse:
    la = _get_la(code)
    form = SchoolFiltersForm(request.GET, choices=selectors.la_filter_choices(la_code=la.code))
    schools = selectors.la_schools(la_code=la.code, filters=form.filters())
    response = JsonResponse(schools_geojson(schools, boundary_of=la))
    response["Content-Type"] = "application/geo+json"
    return response


@require_safe
def school_detail(request: HttpRequest, urn: int) -> HttpResponse:
    school = selectors.school_get(urn=urn)
    if school is None:
        raise Http404("No school has this URN")
    memberships = list(networks.school_memberships(urn=urn, who=viewer(request)))
    context = {
        "school": school,
        "geojson": schools_geojson([school]) if school.lat is not None else None,
        "map_key": map_key([school.phase_name]),
        "current_memberships": [m for m in memberships if m.is_current],
        "past_memberships": [m for m in memberships if not m.is_current],
        "history": selectors.school_history(urn=urn),
    }
    return render(request, "register/school_detail.html", context)


def _get_la(code: str) -> LocalAuthority:
    la = selectors.local_authority_get(code=code)
    if la is None:
        raise Http404("No local authority has this code")
    return la


def _without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
