"""Import GIAS files into the register, in one transaction: all of it or none of it."""

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.utils import timezone

from schoolweave.common.bulk import bulk_insert, bulk_update
from schoolweave.core.gias import (
    ParsedFile,
    SchoolStatus,
    parse_establishments,
    parse_group_links,
    parse_groups,
)
from schoolweave.core.gias.parse import ROW_HASH
from schoolweave.core.progress import NoProgress, Progress
from schoolweave.register.models import (
    GroupLink,
    ImportRun,
    LocalAuthority,
    School,
    SchoolChange,
    StatutoryGroup,
)
from schoolweave.register.services.tables import (
    SyncPlan,
    chunks,
    plan_sync,
    python_columns,
    rows,
)

CHUNK = 5_000
# Parsed columns that are not School fields: the LA is a foreign key; the status code is
# folded into `status`.
_NOT_SCHOOL_FIELDS = {"urn", "la_code", "la_name", "status_code", ROW_HASH}
_NOT_GROUP_FIELDS = {"group_uid", "status_code", ROW_HASH}


@dataclass(frozen=True)
class ImportCounts:
    rows: int
    added: int
    changed: int
    unchanged: int
    closed: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class GiasImportResult:
    schools: ImportCounts
    groups: ImportCounts | None
    links: ImportCounts | None


def gias_import(
    *,
    establishments: Path,
    groups: Path | None = None,
    links: Path | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> GiasImportResult:
    """Parse every file first (a bad file stops before the database is touched), then write."""
    progress = progress or NoProgress()
    now = now or timezone.now()
    try:
        schools_file = parse_establishments(establishments, encoding=encoding)
        groups_file = parse_groups(groups, encoding=encoding) if groups else None
        links_file = parse_group_links(links, encoding=encoding) if links else None
        with transaction.atomic():
            result = GiasImportResult(
                schools=_import_schools(schools_file, progress, now),
                groups=_import_groups(groups_file, progress, now) if groups_file else None,
                links=_import_links(links_file, progress, now) if links_file else None,
            )
    finally:
        progress.close()
    return result


def _start_run(parsed: ParsedFile, source: ImportRun.Source, now: datetime) -> ImportRun:
    return ImportRun.objects.create(
        source=source,
        file_name=parsed.path.name,
        file_sha256=hashlib.sha256(parsed.path.read_bytes()).hexdigest(),
        imported_at=now,
        rows=parsed.num_rows,
    )


def _finish_run(run: ImportRun, counts: ImportCounts) -> ImportCounts:
    run.added, run.changed, run.unchanged, run.closed = (
        counts.added,
        counts.changed,
        counts.unchanged,
        counts.closed,
    )
    run.save(update_fields=("added", "changed", "unchanged", "closed"))
    return counts


# Schools -------------------------------------------------------------------------------------


def _import_schools(parsed: ParsedFile, progress: Progress, now: datetime) -> ImportCounts:
    run = _start_run(parsed, ImportRun.Source.ESTABLISHMENTS, now)
    _sync_local_authorities(parsed.table)
    table = parsed.table
    fields = [name for name in table.column_names if name not in _NOT_SCHOOL_FIELDS]
    plan = plan_sync(table, "urn", dict(School.objects.values_list("urn", "row_hash")))
    progress.stage("Schools", parsed.num_rows)
    progress.advance(plan.unchanged)
    columns = ["urn", "la_code", *fields, ROW_HASH]
    model_fields = ["urn", "la", *fields, "row_hash"]
    for part in chunks(plan.new, CHUNK):
        bulk_insert(School, [*model_fields, "first_import"], rows(table.take(part), columns, run.pk))
        progress.advance(len(part))
    closed = _update_schools(table, plan, columns, model_fields, run, progress)
    return _finish_run(
        run,
        ImportCounts(
            rows=parsed.num_rows,
            added=len(plan.new),
            changed=len(plan.changed),
            unchanged=plan.unchanged,
            closed=closed,
        ),
    )


def _update_schools(
    table: pa.Table,
    plan: SyncPlan,
    columns: list[str],
    model_fields: list[str],
    run: ImportRun,
    progress: Progress,
) -> int:
    """Update changed schools and record what changed; returns how many closed."""
    closed = 0
    compared = model_fields[1:-1]  # not the key, not the hash
    for part in chunks(plan.changed, CHUNK):
        new_rows = list(rows(table.take(part), columns))
        before = {
            row["urn"]: row
            for row in School.objects.filter(urn__in=[r[0] for r in new_rows])
            .values("urn", "la_id", *compared[1:])
            .iterator()
        }
        changes = []
        for new in new_rows:
            old = before[new[0]]
            diff = _diff(compared, [old["la_id"], *(old[f] for f in compared[1:])], new[1:-1])
            if diff.get("status", (None, None))[1] == SchoolStatus.CLOSED:
                closed += 1
            changes.append(SchoolChange(school_id=new[0], run=run, changes=diff))
        bulk_update(School, "urn", model_fields[1:], (r[1:] + r[:1] for r in new_rows))
        SchoolChange.objects.bulk_create(changes)
        progress.advance(len(part))
    return closed


def _diff(fields: list[str], old: list[Any], new: tuple[Any, ...]) -> dict[str, list[Any]]:
    return {
        field: [_plain(before), _plain(after)]
        for field, before, after in zip(fields, old, new, strict=True)
        if _plain(before) != _plain(after)
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _sync_local_authorities(table: pa.Table) -> None:
    codes = table["la_code"].to_pylist()
    names: dict[str, Counter[str]] = {}
    regions: dict[str, Counter[str]] = {}
    gss: dict[str, Counter[str]] = {}
    columns = zip(
        codes,
        table["la_name"].to_pylist(),
        table["region"].to_pylist(),
        table["gss_la_code"].to_pylist(),
        strict=True,
    )
    for code, name, region, gss_code in columns:
        for counter, value in ((names, name), (regions, region), (gss, gss_code)):
            if value:
                counter.setdefault(code, Counter())[value] += 1
    for code in sorted(set(codes)):
        defaults = {
            "name": _most_common(names, code) or f"Local authority {code}",
            "region": _most_common(regions, code),
            "gss_code": _most_common(gss, code),
        }
        authority, created = LocalAuthority.objects.get_or_create(code=code, defaults=defaults)
        stale = [f for f, v in defaults.items() if v and getattr(authority, f) != v]
        if not created and stale and (names.get(code) or not authority.name):
            for field in stale:
                setattr(authority, field, defaults[field])
            authority.save(update_fields=stale)


def _most_common(counters: dict[str, Counter[str]], code: str) -> str:
    counter = counters.get(code)
    return counter.most_common(1)[0][0] if counter else ""


# Statutory groups ----------------------------------------------------------------------------


def _import_groups(parsed: ParsedFile, progress: Progress, now: datetime) -> ImportCounts:
    run = _start_run(parsed, ImportRun.Source.GROUPS, now)
    counts = _sync_groups(parsed.table, progress)
    return _finish_run(run, counts)


def _sync_groups(table: pa.Table, progress: Progress) -> ImportCounts:
    fields = [
        name
        for name in table.column_names
        if name not in _NOT_GROUP_FIELDS and _is_group_field(name)
    ]
    plan = plan_sync(table, "group_uid", dict(StatutoryGroup.objects.values_list("uid", "row_hash")))
    progress.stage("Statutory groups", table.num_rows)
    columns = ["group_uid", *fields, ROW_HASH]
    model_fields = ["uid", *fields, "row_hash"]
    bulk_insert(StatutoryGroup, model_fields, rows(table.take(plan.new), columns))
    changed = list(rows(table.take(plan.changed), columns))
    bulk_update(StatutoryGroup, "uid", model_fields[1:], (r[1:] + r[:1] for r in changed))
    progress.advance(table.num_rows)
    return ImportCounts(
        rows=table.num_rows,
        added=len(plan.new),
        changed=len(plan.changed),
        unchanged=plan.unchanged,
    )


def _is_group_field(name: str) -> bool:
    return name in {field.name for field in StatutoryGroup._meta.get_fields()}


# Group links ---------------------------------------------------------------------------------


def _import_links(parsed: ParsedFile, progress: Progress, now: datetime) -> ImportCounts:
    """Link schools to groups. The links file names each group too, so groups it mentions that
    no groups file introduced are created from it. Links to schools not in the register are
    skipped and counted; links that a listed group no longer has are ended, not deleted."""
    run = _start_run(parsed, ImportRun.Source.GROUP_LINKS, now)
    table = parsed.table
    _create_groups_named_in_links(table)
    known_schools = pa.array(list(School.objects.values_list("urn", flat=True)), pa.int64())
    in_register = pc.is_in(table["urn"], value_set=known_schools)
    linked = table.filter(in_register)
    progress.stage("Group links", linked.num_rows)
    counts = _sync_links(linked, now.date())
    progress.advance(linked.num_rows)
    return _finish_run(run, ImportCounts(**counts, rows=table.num_rows, skipped=table.num_rows - linked.num_rows))


def _create_groups_named_in_links(table: pa.Table) -> None:
    known = set(StatutoryGroup.objects.values_list("uid", flat=True))
    fields = [f for f in table.column_names if _is_group_field(f) and f != "row_hash"]
    new: dict[int, StatutoryGroup] = {}
    for values in zip(*python_columns(table, ["group_uid", *fields]), strict=True):
        uid = values[0]
        if uid not in known and uid not in new:
            new[uid] = StatutoryGroup(uid=uid, **dict(zip(fields, values[1:], strict=True)))
    StatutoryGroup.objects.bulk_create(new.values())


def _sync_links(table: pa.Table, today: date) -> dict[str, int]:
    listed_groups = set(table["group_uid"].to_pylist())
    existing = {
        (link.school_id, link.group_id): link
        for link in GroupLink.objects.filter(group_id__in=listed_groups)
    }
    added, changed, unchanged = [], [], 0
    seen = set()
    for urn, uid, joined in zip(
        table["urn"].to_pylist(),
        table["group_uid"].to_pylist(),
        table["joined_date"].to_pylist(),
        strict=True,
    ):
        if (urn, uid) in seen:  # a pair listed twice is one link
            continue
        seen.add((urn, uid))
        link = existing.get((urn, uid))
        if link is None:
            added.append(GroupLink(school_id=urn, group_id=uid, joined_date=joined))
        elif link.joined_date != joined or link.ended_date is not None:
            link.joined_date, link.ended_date = joined, None
            changed.append(link)
        else:
            unchanged += 1
    ended = [link for key, link in existing.items() if key not in seen and link.ended_date is None]
    for link in ended:
        link.ended_date = today
    GroupLink.objects.bulk_create(added)
    GroupLink.objects.bulk_update([*changed, *ended], ["joined_date", "ended_date"])
    return {"added": len(added), "changed": len(changed) + len(ended), "unchanged": unchanged}
