"""Reads from the register: local authorities, schools, statutory groups and school history."""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    Case,
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Replace, Upper

from schoolweave.core.numbers import URN_DIGITS, typed_number
from schoolweave.register.models import (
    OPEN_STATUSES,
    GroupLink,
    ImportRun,
    LocalAuthority,
    School,
    SchoolChange,
    StatutoryGroup,
)
from schoolweave.register.phases import phase_sort_key

StatusFilter = Literal["open", "all"]
# The start of a postcode once spaces are gone and letters upper-cased: "B69", "B691SG", "WS10".
_POSTCODE_START = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?(?:[0-9][A-Z]{0,2})?")
_OPEN = Q(status__in=OPEN_STATUSES)


@dataclass(frozen=True)
class SchoolFilters:
    """What a user narrowed an LA's schools to; blank phase or type group means all of them."""

    phase: str = ""
    type_group: str = ""
    status: StatusFilter = "open"


@dataclass(frozen=True)
class SchoolListFilters:
    """Which schools of the whole register to list (the API's); blank means any."""

    la: str = ""
    phase: str = ""
    status: StatusFilter = "open"
    q: str = ""  # as school_search: every word of the name, the URN, or a postcode's start


@dataclass(frozen=True)
class GroupListFilters:
    """Which statutory groups to list; blank means any."""

    la: str = ""  # groups with a school in this LA now
    type: str = ""  # the group's type as GIAS names it ("Multi-academy trust")
    q: str = ""  # every word of the name, the UID or the Group ID


@dataclass(frozen=True)
class FilterChoices:
    phases: list[str]
    type_groups: list[str]


@dataclass(frozen=True)
class PhaseCount:
    phase: str
    schools: int


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    """What one import changed about a school."""

    source: str
    file_name: str
    imported_at: datetime
    changes: list[FieldChange]


# Local authorities


def local_authority_list(*, first: str | None = None) -> QuerySet[LocalAuthority]:
    """Every LA in the register with its counts of open and all schools; `first` leads."""
    authorities = LocalAuthority.objects.annotate(
        open_schools=Count("schools", filter=Q(schools__status__in=OPEN_STATUSES)),
        all_schools=Count("schools"),
    )
    if first:
        authorities = authorities.annotate(
            is_first=Case(When(code=first, then=Value(0)), default=Value(1))
        )
        return authorities.order_by("is_first", "name")
    return authorities.order_by("name")


def register_latest_import() -> ImportRun | None:
    """The establishments file the register was last loaded from: what its figures are as of."""
    return (
        ImportRun.objects.filter(source=ImportRun.Source.ESTABLISHMENTS)
        .order_by("-imported_at", "-pk")
        .first()
    )


def local_authority_get(*, code: str) -> LocalAuthority | None:
    """The LA, with `school_region`: the region GIAS gives its schools, for LAs without one."""
    region = School.objects.filter(la=OuterRef("pk")).exclude(region="").values("region")[:1]
    return LocalAuthority.objects.annotate(school_region=Subquery(region)).filter(code=code).first()


def local_authority_summary(*, code: str) -> LocalAuthority | None:
    """The LA with the counts of local_authority_list."""
    return local_authority_list().filter(code=code).first()


def local_authority_search(*, query: str) -> QuerySet[LocalAuthority]:
    """LAs whose name contains the query, or whose code it is."""
    query = query.strip()
    return LocalAuthority.objects.filter(Q(name__icontains=query) | Q(code=query)).order_by("name")


def la_phase_counts(*, la_code: str) -> list[PhaseCount]:
    """How many open schools the LA has in each phase, youngest phase first."""
    rows = (
        School.objects.filter(_OPEN, la_id=la_code)
        .values_list("phase_name")
        .annotate(schools=Count("urn"))
        .order_by()
    )
    counts = [PhaseCount(phase or "Not recorded", schools) for phase, schools in rows]
    return sorted(counts, key=lambda count: phase_sort_key(count.phase))


def la_filter_choices(*, la_code: str) -> FilterChoices:
    """The phases and type groups the LA's schools have, open or closed."""
    rows = set(School.objects.filter(la_id=la_code).values_list("phase_name", "type_group_name"))
    return FilterChoices(
        phases=sorted({phase for phase, _ in rows if phase}, key=phase_sort_key),
        type_groups=sorted({group for _, group in rows if group}),
    )


def la_schools(*, la_code: str, filters: SchoolFilters) -> QuerySet[School]:
    """The LA's schools that match the filters, by name."""
    schools = School.objects.filter(la_id=la_code)
    if filters.status == "open":
        schools = schools.filter(_OPEN)
    if filters.phase:
        schools = schools.filter(phase_name=filters.phase)
    if filters.type_group:
        schools = schools.filter(type_group_name=filters.type_group)
    return schools.order_by("name", "urn")


def la_statutory_groups(*, la_code: str) -> QuerySet[StatutoryGroup]:
    """Trusts, federations and other groups that schools in the LA belong to now, with
    `schools_here`: how many of the LA's schools each has."""
    current_here = Q(links__school__la_id=la_code, links__ended_date__isnull=True)
    return (
        StatutoryGroup.objects.filter(current_here)
        .annotate(schools_here=Count("links", filter=current_here, distinct=True))
        .order_by("name")
    )


# Schools


def school_get(*, urn: int) -> School | None:
    """The school with its LA, the imports that added and last touched it, and its
    statutory groups (current first)."""
    links = GroupLink.objects.select_related("group").order_by(
        "ended_date", "-joined_date", "group__name"
    )
    return (
        School.objects.select_related("la", "first_import")
        .prefetch_related(Prefetch("group_links", queryset=links))
        .filter(urn=urn)
        .first()
    )


def school_search(*, query: str) -> QuerySet[School]:
    """Schools whose name has every word of the query, whose URN it is, or whose postcode
    starts with it (ignoring case and spaces). Open schools first, then by name."""
    if not query.split():
        return School.objects.none()
    schools = _matching(School.objects.select_related("la"), query)
    return schools.order_by(Case(When(_OPEN, then=Value(0)), default=Value(1)), "name", "urn")


def school_list(*, filters: SchoolListFilters) -> QuerySet[School]:
    """Schools of the whole register that match the filters, with their LA, by URN."""
    schools = School.objects.select_related("la")
    if filters.la:
        schools = schools.filter(la_id=filters.la)
    if filters.status == "open":
        schools = schools.filter(_OPEN)
    if filters.phase:
        schools = schools.filter(phase_name=filters.phase)
    if filters.q.split():
        schools = _matching(schools, filters.q)
    return schools.order_by("urn")


def _matching(schools: QuerySet[School], query: str) -> QuerySet[School]:
    words = query.split()
    matches = Q()
    for word in words:
        matches &= Q(name__icontains=word)
    compact = "".join(words).upper()
    urn = typed_number(compact, max_digits=URN_DIGITS)
    if urn is not None:
        matches |= Q(urn=urn)
    if _POSTCODE_START.fullmatch(compact):
        schools = schools.annotate(postcode_key=Replace(Upper("postcode"), Value(" "), Value("")))
        matches |= Q(postcode_key__startswith=compact)
    return schools.filter(matches)


def school_urn_match(*, query: str) -> int | None:
    """The URN the query is, when it is one in the register."""
    compact = "".join(query.split())
    urn = typed_number(compact, max_digits=URN_DIGITS)
    if urn is None:
        return None
    return urn if School.objects.filter(urn=urn).exists() else None


def school_history(*, urn: int) -> list[HistoryEntry]:
    """What each import changed about the school, newest first, fields in the order GIAS
    lists them."""
    changes = (
        SchoolChange.objects.filter(school_id=urn)
        .select_related("run")
        .order_by("-run__imported_at", "-pk")
    )
    return [_history_entry(change.run, change.changes) for change in changes]


def _history_entry(run: ImportRun, changes: dict[str, list[Any]]) -> HistoryEntry:
    order = {field.name: index for index, field in enumerate(School._meta.fields)}
    fields = sorted(changes, key=lambda name: order.get(name, len(order)))
    return HistoryEntry(
        source=run.get_source_display(),
        file_name=run.file_name,
        imported_at=run.imported_at,
        changes=[FieldChange(_field_label(name), *_before_after(changes[name])) for name in fields],
    )


def _field_label(name: str) -> str:
    try:
        field = School._meta.get_field(name)
    except FieldDoesNotExist:
        return name.replace("_", " ").capitalize()
    label = str(getattr(field, "verbose_name", name))
    return label[:1].upper() + label[1:]


def _before_after(value: Any) -> tuple[Any, Any]:
    if isinstance(value, list | tuple) and len(value) == 2:
        return value[0], value[1]
    return None, value


# Statutory groups


def group_list(*, filters: GroupListFilters) -> QuerySet[StatutoryGroup]:
    """Statutory groups that match the filters, with `schools_now`: how many schools are in
    each now. By UID."""
    groups = StatutoryGroup.objects.all()
    if filters.la:
        here = GroupLink.objects.filter(ended_date__isnull=True, school__la_id=filters.la)
        groups = groups.filter(uid__in=here.values("group_id"))
    if filters.type:
        groups = groups.filter(type_name=filters.type)
    words = filters.q.split()
    if words:
        matches = Q()
        for word in words:
            matches &= Q(name__icontains=word)
        compact = "".join(words)
        matches |= Q(group_id__iexact=compact)
        uid = typed_number(compact, max_digits=URN_DIGITS)
        if uid is not None:
            matches |= Q(uid=uid)
        groups = groups.filter(matches)
    return _with_schools_now(groups).order_by("uid")


def group_get(*, uid: int) -> StatutoryGroup | None:
    """The group with `schools_now`."""
    return _with_schools_now(StatutoryGroup.objects.filter(uid=uid)).first()


def group_schools(*, uid: int) -> QuerySet[GroupLink]:
    """The group's links to schools, current first, then by school name."""
    return (
        GroupLink.objects.filter(group_id=uid)
        .select_related("school")
        .order_by(
            Case(When(ended_date__isnull=True, then=Value(0)), default=Value(1)), "school__name"
        )
    )


def _with_schools_now(groups: QuerySet[StatutoryGroup]) -> QuerySet[StatutoryGroup]:
    return groups.annotate(
        schools_now=Count("links", filter=Q(links__ended_date__isnull=True), distinct=True)
    )
