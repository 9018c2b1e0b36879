"""Reads of similar schools and of strengths and needs: what the pages, the CLI and the
brokering engine call."""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from schoolweave.core.performance.similar import FEATURES
from schoolweave.core.performance.strengths import Assessment, assess_school, measures_read
from schoolweave.evidence.figures import chunks, school_series
from schoolweave.evidence.models import ComparisonRun, SimilarSchools
from schoolweave.register.models import LocalAuthority, School

NOT_IN_REGISTER = "no school in the register has this URN"
NOT_OPEN = "similar schools are found for open schools only, and this school is not open"
NOT_COMPUTED = "similar schools have not been computed: run `schoolweave similar --refresh`"
NO_CONTEXT = (
    "the register and the imported performance files give no context figures for this school "
    "(prior attainment, size, Ofsted...), so no similar schools can be found"
)
_LISTED_LAS = 8


@dataclass(frozen=True)
class SimilarRow:
    urn: int
    name: str
    la_name: str
    distance: float
    same_region: bool


@dataclass(frozen=True)
class FeatureNote:
    label: str
    weight: float
    known: int
    used: bool


@dataclass(frozen=True)
class SimilarView:
    urn: int
    problem: str = ""
    group: str = ""
    comparators: Sequence[SimilarRow] = ()
    family: Sequence[SimilarRow] = ()
    pool: str = ""  # the comparison pool, in words
    group_schools: int = 0
    features: Sequence[FeatureNote] = ()
    imputed: Sequence[str] = ()
    computed_at: object = None
    comparator_urns: tuple[int, ...] = field(default=())


def similar_computed() -> bool:
    return ComparisonRun.objects.exists()


def pool_description(run: ComparisonRun) -> str:
    """The comparison pool in words: which schools similar schools were found among."""
    codes = list(run.la_codes)
    names = list(
        LocalAuthority.objects.filter(code__in=codes)
        .order_by("name")
        .values_list("name", flat=True)
    )
    if 0 < len(names) <= _LISTED_LAS:
        listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        return f"the {run.schools:,} open schools in the register, in {listed}"
    return f"the {run.schools:,} open schools in the register, in {len(codes)} local authorities"


def similar_get(*, urn: int, school: School | None = None) -> SimilarView:
    """A school's similar schools, or the reason it has none (`problem`)."""
    if school is None:
        school = School.objects.filter(urn=urn).only("urn", "status").first()
    if school is None:
        return SimilarView(urn, problem=NOT_IN_REGISTER)
    run = ComparisonRun.objects.first()
    if run is None:
        return SimilarView(urn, problem=NOT_COMPUTED)
    found = SimilarSchools.objects.filter(school_id=urn).first()
    if found is None:
        return SimilarView(urn, problem=NOT_OPEN if not school.is_open else NOT_COMPUTED)
    summary = run.groups.get(found.group, {})
    features = [
        FeatureNote(f["label"], f["weight"], f["known"], f["used"])
        for f in summary.get("features", [])
    ]
    base = SimilarView(
        urn,
        group=found.group,
        pool=pool_description(run),
        group_schools=summary.get("schools", 0),
        features=features,
        imputed=[FEATURES[name].label for name in found.imputed if name in FEATURES],
        computed_at=run.computed_at,
    )
    if not found.comparators:
        return SimilarView(**{**base.__dict__, "problem": NO_CONTEXT})
    rows = _rows([found.comparators, found.family])
    return SimilarView(
        **{
            **base.__dict__,
            "comparators": rows[0],
            "family": rows[1],
            "comparator_urns": tuple(int(item[0]) for item in found.comparators),
        }
    )


def _rows(lists: list[list[list[object]]]) -> list[list[SimilarRow]]:
    """Each list of [urn, distance, same_region] as rows, with one read of the schools."""
    urns = {int(str(item[0])) for items in lists for item in items}
    schools = {
        s.urn: s
        for s in School.objects.filter(urn__in=urns)
        .select_related("la")
        .only("urn", "name", "la__name")
    }
    result = []
    for items in lists:
        rows = []
        for item in items:
            urn, distance, same_region = int(str(item[0])), float(str(item[1])), bool(item[2])
            school = schools.get(urn)
            rows.append(
                SimilarRow(
                    urn,
                    school.name if school else str(urn),
                    school.la.name if school else "",
                    distance,
                    same_region,
                )
            )
        result.append(rows)
    return result


def comparators_of(urns: Collection[int]) -> dict[int, tuple[int, ...]]:
    """Each school's comparator set (URNs), for the schools that have one."""
    found: dict[int, tuple[int, ...]] = {}
    for chunk in chunks(sorted(urns)):
        for urn, comparators in SimilarSchools.objects.filter(school_id__in=chunk).values_list(
            "school_id", "comparators"
        ):
            found[urn] = tuple(int(item[0]) for item in comparators)
    return found


def school_strengths(
    *, urn: int, focus_areas: Sequence[str] | None = None, today: date | None = None
) -> tuple[Assessment, ...]:
    """A school's strengths and needs per focus area, against its similar schools: the
    selector the brokering engine calls. Each Assessment says strength, need, neither or not
    assessed, with a score relative to similar schools and the reason in words."""
    return strengths_for_schools(urns=[urn], focus_areas=focus_areas, today=today).get(urn, ())


def strengths_for_schools(
    *,
    urns: Collection[int],
    focus_areas: Sequence[str] | None = None,
    today: date | None = None,
    comparators: Mapping[int, Sequence[int]] | None = None,
) -> dict[int, tuple[Assessment, ...]]:
    """Strengths and needs of many schools at once: one read of all their figures and their
    similar schools' figures. `comparators` saves a read when the caller has them."""
    today = today or timezone.localdate()
    comparators = comparators if comparators is not None else comparators_of(urns)
    everyone = set(urns) | {c for found in comparators.values() for c in found}
    series = school_series(everyone, measures=measures_read())
    return {
        urn: assess_school(
            urn=urn,
            figures=series.get(urn, []),
            comparators={c: series.get(c, []) for c in comparators.get(urn, ())},
            today=today,
            focus_areas=focus_areas,
        )
        for urn in urns
    }
