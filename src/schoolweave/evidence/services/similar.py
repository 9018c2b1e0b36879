"""Similar schools for every open school in the register, computed at once and stored.

The pool is the register's open schools: all of England after a national GIAS import, the
demo's five LAs after `load-demo`. Pages say which.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from schoolweave.core.performance.figures import RegisterFacts, school_context
from schoolweave.core.performance.regions import region_of
from schoolweave.core.performance.similar import Neighbour, similar_schools
from schoolweave.core.progress import NoProgress, Progress
from schoolweave.evidence.figures import lineage_of, school_series
from schoolweave.evidence.models import ComparisonRun, SimilarSchools
from schoolweave.evidence.tasks import prepare_after_commit
from schoolweave.register.models import OPEN_STATUSES, School

# The figures the context features read (core.performance.figures.school_context).
CONTEXT_MEASURES = (
    "ks2_reading_score",
    "ks2_reading_progress",
    "ks2_maths_score",
    "ks2_maths_progress",
    "ks4_attainment8",
    "ks4_progress8",
    "ks2_pupils",
    "ks4_pupils",
    "ks5_students",
    "ks2_disadvantaged_pct",
    "ks4_disadvantaged_pct",
    "ofsted_rating",
)
_BATCH = 2_000


@dataclass(frozen=True)
class SimilarCounts:
    schools: int
    with_similar: int
    groups: int


@transaction.atomic
def similar_refresh(
    *, now: datetime | None = None, progress: Progress | None = None
) -> SimilarCounts:
    progress = progress or NoProgress()
    facts = [
        RegisterFacts(
            urn=row["urn"],
            phase=row["phase_name"],
            type_group=row["type_group_name"],
            region=region_of(row["la_id"], register_region=row["region"] or row["la__region"]),
            percentage_fsm=row["percentage_fsm"],
            pupils=row["pupils"],
            urban_rural=row["urban_rural"],
            ofsted_rating=row["ofsted_rating"],
        )
        for row in School.objects.filter(status__in=OPEN_STATUSES).values(
            "urn",
            "phase_name",
            "type_group_name",
            "la_id",
            "region",
            "la__region",
            "percentage_fsm",
            "pupils",
            "urban_rural",
            "ofsted_rating",
        )
    ]
    progress.stage("Similar schools", len(facts))
    series = school_series([f.urn for f in facts], history=lineage_of(), measures=CONTEXT_MEASURES)
    contexts = [school_context(facts=f, figures=series.get(f.urn, [])) for f in facts]
    result = similar_schools(schools=contexts)
    run = ComparisonRun.objects.create(
        computed_at=now or timezone.now(),
        schools=len(facts),
        la_codes=sorted(
            set(
                School.objects.filter(status__in=OPEN_STATUSES)
                .values_list("la_id", flat=True)
                .distinct()
            )
        ),
        groups={
            name: {
                "schools": summary.schools,
                "features": [
                    {
                        "feature": u.feature,
                        "label": u.label,
                        "weight": round(u.weight, 4),
                        "known": u.known,
                        "used": u.used,
                    }
                    for u in summary.features
                ],
            }
            for name, summary in result.groups.items()
        },
    )
    SimilarSchools.objects.all().delete()
    groups = {c.urn: c.group for c in contexts}
    rows = [
        SimilarSchools(
            school_id=urn,
            run=run,
            group=groups[urn],
            comparators=_plain(found.comparators),
            family=_plain(found.family),
            imputed=list(found.imputed),
        )
        for urn, found in result.sets.items()
    ]
    for start in range(0, len(rows), _BATCH):
        SimilarSchools.objects.bulk_create(rows[start : start + _BATCH])
        progress.advance(len(rows[start : start + _BATCH]))
    ComparisonRun.objects.exclude(pk=run.pk).delete()
    prepare_after_commit()
    return SimilarCounts(
        schools=len(facts),
        with_similar=sum(1 for s in result.sets.values() if s.comparators),
        groups=len(result.groups),
    )


def _plain(neighbours: tuple[Neighbour, ...]) -> list[list[object]]:
    return [[n.urn, round(n.distance, 6), n.same_region] for n in neighbours]
