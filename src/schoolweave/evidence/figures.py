"""Reading figures out of the store as core FigureRows, following schools across URN changes.

Shared by selectors (pages, exports) and services (similar schools); reads only.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence

from django.db import connection

from schoolweave.core.performance.figures import FigureRow
from schoolweave.core.performance.links import (
    PREDECESSOR,
    SUCCESSOR,
    Lineage,
    Link,
    lineage,
)
from schoolweave.evidence.models import ComparisonRun, EstablishmentLink, Figure, PerformanceImport
from schoolweave.register.models import ImportRun

_IN_CHUNK = 500
_CONTINUITY = (PREDECESSOR, SUCCESSOR)


def chunks(values: Sequence[int], size: int = _IN_CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def lineage_of() -> Lineage:
    """How URNs follow schools. All links are read once and kept until the next import (links
    only come with a performance import), so a page asking about a few schools reads none."""
    global _cached  # a per-process cache of the links table
    stamp = data_stamp()
    if _cached is None or _cached[0] != stamp:
        links = EstablishmentLink.objects.filter(link_type__in=_CONTINUITY).only(
            "urn", "linked_urn", "link_type", "linked_name", "established"
        )
        _cached = (stamp, lineage(_links(links)))
    return _cached[1]


_cached: tuple[str, Lineage] | None = None


def data_stamp() -> str:
    """Changes whenever what the figures pages show may change: a performance import, a
    similar-schools run, or a register import. Caches of computed sections are keyed by it."""
    # One query, as every page with figures asks it.
    imports, similar, register = (
        connection.ops.quote_name(model._meta.db_table)
        for model in (PerformanceImport, ComparisonRun, ImportRun)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT MAX(id) FROM {imports}), (SELECT COUNT(*) FROM {imports}),"  # noqa: S608 - table names from models
            f" (SELECT MAX(id) FROM {similar}), (SELECT MAX(id) FROM {register})"
        )
        row = cursor.fetchone()
    return ".".join(str(value) for value in row)


def _links(rows: Iterable[EstablishmentLink]) -> Iterator[Link]:
    for row in rows:
        yield Link(row.urn, row.linked_urn, row.link_type, row.linked_name, row.established)


_ONE_QUERY_FROM = 5_000  # past this many schools, one scan beats many IN (...) lookups


def raw_figures(
    urns: Collection[int], measures: Collection[str] | None = None
) -> dict[int, list[FigureRow]]:
    rows: dict[int, list[FigureRow]] = defaultdict(list)
    query = Figure.objects.all()
    if measures is not None:
        query = query.filter(measure__in=list(measures))
    fields = ("school_id", "year", "measure", "value", "missing_reason", "as_of")
    if len(urns) >= _ONE_QUERY_FROM:
        wanted = set(urns)
        for urn, year, measure, value, reason, as_of in query.values_list(*fields).iterator(
            chunk_size=20_000
        ):
            if urn in wanted:
                rows[urn].append(FigureRow(urn, year, measure, value, reason, as_of))
        return rows
    for chunk in chunks(sorted(urns)):
        for urn, year, measure, value, reason, as_of in query.filter(
            school_id__in=chunk
        ).values_list(*fields):
            rows[urn].append(FigureRow(urn, year, measure, value, reason, as_of))
    return rows


def school_series(
    urns: Collection[int],
    *,
    history: Lineage | None = None,
    measures: Collection[str] | None = None,
) -> dict[int, list[FigureRow]]:
    """Each school's figures, with those its predecessors published (under their own URNs)
    for years and measures the school itself has none: one history across conversions."""
    history = history if history is not None else lineage_of()
    wanted = {urn: history.history(urn) for urn in urns}
    everyone = {u for chain in wanted.values() for u in chain}
    raw = raw_figures(everyone, measures)
    series: dict[int, list[FigureRow]] = {}
    for urn, chain in wanted.items():
        taken: set[tuple[int, str]] = set()
        rows: list[FigureRow] = []
        for source in chain:
            for row in raw.get(source, []):
                key = (row.year, row.measure)
                if key not in taken:
                    taken.add(key)
                    rows.append(row)
        series[urn] = rows
    return series


def forget_lineage() -> None:
    """For tests: import ids repeat after a rollback, so a stamp alone cannot tell two tests'
    links apart."""
    global _cached
    _cached = None
