"""Import performance files and GIAS establishment links: all or nothing, re-runnable.

Every file is parsed in full before the database is touched; then one transaction replaces
what the file covers (its measures, years and schools) with what it says, so importing the
same file twice leaves the same figures, and a newer file wins over an older one.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from schoolweave.common.bulk import bulk_insert
from schoolweave.core.performance.files import Kind, identify
from schoolweave.core.performance.links import ParsedLinks, parse_links
from schoolweave.core.performance.parse import ParsedPerformance, parse_performance, read_header
from schoolweave.core.progress import NoProgress, Progress
from schoolweave.evidence.models import (
    AreaFigure,
    EstablishmentLink,
    Figure,
    PerformanceImport,
)
from schoolweave.evidence.services.similar import SimilarCounts, similar_refresh
from schoolweave.evidence.tasks import prepare_after_commit
from schoolweave.register.models import School

CHUNK = 20_000
_IN_CHUNK = 500  # URNs per DELETE ... IN (...): under SQLite's variable limit


class DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


@dataclass(frozen=True)
class ImportResult:
    kind: Kind
    format_name: str
    rows: int
    school_rows: int
    area_rows: int
    figures: int
    replaced: int
    missing: dict[str, int] = field(default_factory=dict)  # figures per missing reason
    schools_in_register: int = 0
    links: int = 0
    similar: SimilarCounts | None = None
    dry_run: bool = False


def performance_import(
    *,
    path: Path,
    year: int | None,
    kind: Kind | None = None,
    encoding: str | None = None,
    dry_run: bool = False,
    refresh_similar: bool = True,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Import a KS2, KS4, KS5, Ofsted, finance or GIAS establishment links file."""
    progress = progress or NoProgress()
    now = now or timezone.now()
    try:
        if kind is Kind.LINKS or (kind is None and _looks_like_links(path, encoding)):
            parsed_links = parse_links(path, encoding=encoding)
            return _atomic(
                lambda: _import_links(parsed_links, progress, now, refresh_similar), dry_run
            )
        parsed = parse_performance(path, year=year, kind=kind, encoding=encoding)
        return _atomic(lambda: _import_figures(parsed, progress, now, refresh_similar), dry_run)
    finally:
        progress.close()


def _looks_like_links(path: Path, encoding: str | None) -> bool:
    _, header = read_header(path, encoding=encoding)
    found = identify(set(header))
    return found is not None and found.kind is Kind.LINKS


def _atomic(work: Callable[[], ImportResult], dry_run: bool) -> ImportResult:
    result: ImportResult | None = None
    try:
        with transaction.atomic():
            result = work()
            if dry_run:
                raise DryRun
            prepare_after_commit()
    except DryRun:
        assert result is not None
        return ImportResult(**{**result.__dict__, "dry_run": True})
    assert result is not None
    return result


def _start(
    parsed_kind: Kind, name: str, path: Path, sha: str, year: int | None, rows: int, now: datetime
) -> PerformanceImport:
    return PerformanceImport.objects.create(
        kind=parsed_kind.value,
        format_name=name,
        file_name=path.name,
        file_sha256=sha,
        year=year,
        imported_at=now,
        rows=rows,
    )


def _import_figures(
    parsed: ParsedPerformance, progress: Progress, now: datetime, refresh_similar: bool
) -> ImportResult:
    run = _start(
        parsed.kind, parsed.format.name, parsed.path, parsed.sha256, parsed.year, parsed.rows, now
    )
    table = parsed.figures
    schools = table.filter(pc.is_valid(table["urn"]))
    areas = table.filter(pc.is_null(table["urn"]))
    progress.stage("Figures", schools.num_rows + areas.num_rows)
    replaced = _delete_school_figures(schools) + _delete_area_figures(areas)
    for part in _slices(schools):
        bulk_insert(Figure, _figure_rows(part, run.pk))
        progress.advance(part.num_rows)
    if areas.num_rows:
        bulk_insert(AreaFigure, _area_rows(areas, run.pk))
        progress.advance(areas.num_rows)
    run.figures, run.replaced = table.num_rows, replaced
    run.save(update_fields=("figures", "replaced"))
    missing = {
        item["values"]: item["counts"]
        for item in pc.value_counts(pc.drop_null(table["missing_reason"])).to_pylist()
    }
    urns = pc.unique(schools["urn"]).to_pylist()
    in_register = sum(
        School.objects.filter(urn__in=chunk).count() for chunk in _chunks(urns, _IN_CHUNK)
    )
    return ImportResult(
        kind=parsed.kind,
        format_name=parsed.format.name,
        rows=parsed.rows,
        school_rows=parsed.school_rows,
        area_rows=parsed.area_rows,
        figures=table.num_rows,
        replaced=replaced,
        missing=dict(sorted(missing.items())),
        schools_in_register=in_register,
        similar=similar_refresh(now=now, progress=progress) if refresh_similar else None,
    )


def _delete_school_figures(table: pa.Table) -> int:
    """Remove what this file covers: its measures and years, for its schools."""
    if table.num_rows == 0:
        return 0
    measures = pc.unique(table["measure"]).to_pylist()
    years = pc.unique(table["year"]).to_pylist()
    deleted = 0
    for chunk in _chunks(sorted(pc.unique(table["urn"]).to_pylist()), _IN_CHUNK):
        deleted += Figure.objects.filter(
            school_id__in=chunk, measure__in=measures, year__in=years
        )._raw_delete(Figure.objects.db)  # plain DELETE: no cascades or signals to run
    return deleted


def _delete_area_figures(table: pa.Table) -> int:
    if table.num_rows == 0:
        return 0
    rule = Q(
        area__in=pc.unique(table["area"]).to_pylist(),
        measure__in=pc.unique(table["measure"]).to_pylist(),
        year__in=pc.unique(table["year"]).to_pylist(),
    )
    return int(AreaFigure.objects.filter(rule).delete()[0])


def _figure_rows(table: pa.Table, run_id: int) -> pa.Table:
    return pa.table(
        {
            "school": table["urn"],
            "year": table["year"],
            "measure": table["measure"],
            "value": table["value"],
            "missing_reason": pc.fill_null(table["missing_reason"], ""),
            "as_of": table["as_of"],
            "source": pa.repeat(run_id, table.num_rows),
        }
    )


def _area_rows(table: pa.Table, run_id: int) -> pa.Table:
    return pa.table(
        {
            "area": table["area"],
            "year": table["year"],
            "measure": table["measure"],
            "value": table["value"],
            "missing_reason": pc.fill_null(table["missing_reason"], ""),
            "source": pa.repeat(run_id, table.num_rows),
        }
    )


def _import_links(
    parsed: ParsedLinks, progress: Progress, now: datetime, refresh_similar: bool
) -> ImportResult:
    run = _start(
        Kind.LINKS, "GIAS establishment links", parsed.path, parsed.sha256, None, parsed.rows, now
    )
    table = parsed.table
    urns = sorted(pc.unique(table["urn"]).to_pylist())
    replaced = 0
    for chunk in _chunks(urns, _IN_CHUNK):
        replaced += int(EstablishmentLink.objects.filter(urn__in=chunk).delete()[0])
    # A pair listed twice with the same type is one link.
    keys = pc.binary_join_element_wise(
        pc.cast(table["urn"], pa.string()),
        pc.cast(table["linked_urn"], pa.string()),
        table["link_type"],
        "\x1f",
    )
    unique = table.take(_first_indices(keys))
    progress.stage("Establishment links", unique.num_rows)
    bulk_insert(
        EstablishmentLink,
        pa.table(
            {
                "urn": unique["urn"],
                "linked_urn": unique["linked_urn"],
                "linked_name": pc.fill_null(unique["linked_name"], ""),
                "link_type": unique["link_type"],
                "established": unique["established"],
                "source": pa.repeat(run.pk, unique.num_rows),
            }
        ),
    )
    progress.advance(unique.num_rows)
    run.figures, run.replaced = unique.num_rows, replaced
    run.save(update_fields=("figures", "replaced"))
    return ImportResult(
        kind=Kind.LINKS,
        format_name=run.format_name,
        rows=parsed.rows,
        school_rows=parsed.rows,
        area_rows=0,
        figures=0,
        replaced=replaced,
        links=unique.num_rows,
        similar=similar_refresh(now=now, progress=progress) if refresh_similar else None,
    )


def _first_indices(keys: pa.ChunkedArray) -> pa.Array:
    seen: set[str] = set()
    keep = []
    for index, key in enumerate(keys.to_pylist()):
        if key not in seen:
            seen.add(key)
            keep.append(index)
    return pa.array(keep, pa.int64())


def _slices(table: pa.Table) -> Iterator[pa.Table]:
    for start in range(0, table.num_rows, CHUNK):
        yield table.slice(start, CHUNK)


def _chunks(values: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
