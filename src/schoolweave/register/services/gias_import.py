"""Import GIAS files into the register, in one transaction: all of it or none of it."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from django.db import models, transaction
from django.utils import timezone

from schoolweave.common.bulk import bulk_insert, bulk_update
from schoolweave.core.gias import (
    PARSER_VERSION,
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
    for_model,
    plan_sync,
    python_columns,
    rows,
    slices,
)
from schoolweave.register.signals import register_imported

CHUNK = 5_000
# Parsed columns that are not School fields: the LA is a foreign key; the status code is
# folded into `status`.
_NOT_SCHOOL_FIELDS = {"urn", "la_code", "la_name", "status_code", ROW_HASH}


@dataclass(frozen=True)
class ImportCounts:
    rows: int
    added: int
    changed: int
    unchanged: int
    closed: int = 0
    skipped: int = 0
    identical_to: ImportRun | None = None  # the earlier import of this same file


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
    force: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> GiasImportResult:
    """Parse every file first (a bad file stops before the database is touched), then write.

    A file identical (by SHA-256, and read by the same parser version) to the last one imported
    of its kind is recorded but not read again, unless `force`."""
    progress = progress or NoProgress()
    now = now or timezone.now()
    try:
        schools = _Step(ImportRun.Source.ESTABLISHMENTS, establishments, parse_establishments)
        group_step = _Step(ImportRun.Source.GROUPS, groups, parse_groups) if groups else None
        # Links are always read: which of them the register can take depends on its schools.
        links_file = parse_group_links(links, encoding=encoding) if links else None
        for step in (schools, group_step):
            if step is not None:
                step.prepare(encoding=encoding, force=force)
        for parsed, limits in (
            (schools.parsed, _SCHOOL_LIMITS),
            (group_step.parsed if group_step else None, _GROUP_LIMITS),
            (links_file, _GROUP_LIMITS),  # the groups a links file names are created from it
        ):
            if parsed is not None:
                _check_lengths(parsed, limits)
        with transaction.atomic():
            result = GiasImportResult(
                schools=schools.run(_import_schools, progress, now),
                groups=group_step.run(_import_groups, progress, now) if group_step else None,
                links=_import_links(links_file, progress, now) if links_file else None,
            )
            register_imported.send(sender=ImportRun)
    finally:
        progress.close()
    return result


Importer = Callable[[ParsedFile, Progress, datetime], "ImportCounts"]


def _max_lengths(model: type[models.Model]) -> dict[str, int]:
    return {
        field.name: field.max_length
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField) and field.max_length
    }


_LA_LIMITS = _max_lengths(LocalAuthority)
_SCHOOL_LIMITS = {
    **_max_lengths(School),
    "la_code": _LA_LIMITS["code"],
    "la_name": _LA_LIMITS["name"],
    "region": min(_LA_LIMITS["region"], _max_lengths(School)["region"]),
    "gss_la_code": min(_LA_LIMITS["gss_code"], _max_lengths(School)["gss_la_code"]),
}
_GROUP_LIMITS = _max_lengths(StatutoryGroup)
TOO_LONG = "the value has {length:,} characters, more than the {limit:,} the register keeps"


def _check_lengths(parsed: ParsedFile, limits: dict[str, int]) -> None:
    """A value longer than its column in the register holds is an error in the file, found
    before anything is written: PostgreSQL would refuse it in the middle of the import (a
    database error, not a message), and SQLite would keep it whole."""
    for column in parsed.spec.columns:
        limit = limits.get(column.field)
        values = parsed.table[column.field] if column.field in parsed.table.column_names else None
        if limit is None or values is None or not pa.types.is_string(values.type):
            continue
        lengths = pc.utf8_length(values)
        too_long = pc.indices_nonzero(pc.fill_null(pc.greater(lengths, limit), False))
        if len(too_long):
            index = too_long[0].as_py()
            length = lengths[index].as_py()
            raise parsed.error(index, column.header, TOO_LONG.format(length=length, limit=limit))


@dataclass
class _Step:
    """One file: parsed, or recognised as identical to the last import of its kind."""

    source: ImportRun.Source
    path: Path
    parse: Callable[..., ParsedFile]
    parsed: ParsedFile | None = None
    identical_to: ImportRun | None = None

    def prepare(self, *, encoding: str | None, force: bool) -> None:
        if not force:
            self.identical_to = _last_import_if_identical(self.source, self.path)
        if self.identical_to is None:
            self.parsed = self.parse(self.path, encoding=encoding)

    def run(self, importer: Importer, progress: Progress, now: datetime) -> ImportCounts:
        if self.parsed is not None:
            return importer(self.parsed, progress, now)
        assert self.identical_to is not None
        return _record_repeat(self.identical_to, self.path, now)


def _last_import_if_identical(source: ImportRun.Source, path: Path) -> ImportRun | None:
    last = ImportRun.objects.filter(source=source).order_by("-imported_at", "-pk").first()
    if last is None or last.parser_version != PARSER_VERSION:
        return None
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return last if digest == last.file_sha256 else None


def _record_repeat(previous: ImportRun, path: Path, now: datetime) -> ImportCounts:
    original = previous.identical_to or previous
    ImportRun.objects.create(
        source=previous.source,
        file_name=path.name,
        file_sha256=previous.file_sha256,
        parser_version=PARSER_VERSION,
        imported_at=now,
        rows=previous.rows,
        unchanged=previous.rows,
        identical_to=original,
    )
    return ImportCounts(
        rows=previous.rows, added=0, changed=0, unchanged=previous.rows, identical_to=original
    )


def _start_run(parsed: ParsedFile, source: ImportRun.Source, now: datetime) -> ImportRun:
    return ImportRun.objects.create(
        source=source,
        file_name=parsed.path.name,
        file_sha256=parsed.source.sha256,
        parser_version=PARSER_VERSION,
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
    fields = {
        "urn": "urn",
        "la_code": "la",
        **{name: name for name in table.column_names if name not in _NOT_SCHOOL_FIELDS},
        ROW_HASH: "row_hash",
    }
    plan = plan_sync(table, "urn", dict(School.objects.values_list("urn", "row_hash")))
    progress.stage("Schools", parsed.num_rows)
    progress.advance(plan.unchanged)
    new = for_model(table.take(plan.new), fields, first_import=run.pk)
    for part in slices(new, CHUNK):
        bulk_insert(School, part)
        progress.advance(part.num_rows)
    closed = _update_schools(for_model(table.take(plan.changed), fields), run, progress)
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


def _update_schools(changed: pa.Table, run: ImportRun, progress: Progress) -> int:
    """Update changed schools and record what changed; returns how many closed."""
    closed = 0
    fields = changed.column_names  # urn, la, ..., row_hash
    compared = fields[1:-1]
    for part in slices(changed, CHUNK):
        new_rows = list(rows(part, fields))
        before = {
            row.pop("urn"): row
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
        bulk_update(School, "urn", fields[1:], (r[1:] + r[:1] for r in new_rows))
        SchoolChange.objects.bulk_create(changes)
        progress.advance(part.num_rows)
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
    """Create the LAs a file names; take each LA's name, region and ONS code as the file gives
    them most often (a file may name an LA inconsistently, or not at all)."""
    found = {
        field: _most_common_by_la(table, column)
        for field, column in (
            ("name", "la_name"),
            ("region", "region"),
            ("gss_code", "gss_la_code"),
        )
    }
    for code in pc.unique(table["la_code"]).to_pylist():
        values = {field: by_la.get(code, "") for field, by_la in found.items()}
        authority, created = LocalAuthority.objects.get_or_create(
            code=code, defaults={**values, "name": values["name"] or f"Local authority {code}"}
        )
        stale = [f for f, value in values.items() if value and getattr(authority, f) != value]
        if not created and stale:
            for field in stale:
                setattr(authority, field, values[field])
            authority.save(update_fields=stale)


def _most_common_by_la(table: pa.Table, column: str) -> dict[str, str]:
    counts = table.group_by(["la_code", column]).aggregate([("urn", "count")])
    best: dict[str, tuple[int, str]] = {}
    for code, value, count in zip(
        counts["la_code"].to_pylist(),
        counts[column].to_pylist(),
        counts["urn_count"].to_pylist(),
        strict=True,
    ):
        if value and (count, value) > best.get(code, (0, "")):
            best[code] = (count, value)
    return {code: value for code, (_, value) in best.items()}


# Statutory groups ----------------------------------------------------------------------------


def _import_groups(parsed: ParsedFile, progress: Progress, now: datetime) -> ImportCounts:
    run = _start_run(parsed, ImportRun.Source.GROUPS, now)
    counts = _sync_groups(parsed.table, progress)
    return _finish_run(run, counts)


def _sync_groups(table: pa.Table, progress: Progress) -> ImportCounts:
    fields = {
        "group_uid": "uid",
        **{
            name: name
            for name in table.column_names
            if name != "group_uid" and _is_group_field(name)
        },
    }
    plan = plan_sync(
        table, "group_uid", dict(StatutoryGroup.objects.values_list("uid", "row_hash"))
    )
    progress.stage("Statutory groups", table.num_rows)
    bulk_insert(StatutoryGroup, for_model(table.take(plan.new), fields))
    changed = for_model(table.take(plan.changed), fields)
    names = changed.column_names
    bulk_update(StatutoryGroup, "uid", names[1:], (r[1:] + r[:1] for r in rows(changed, names)))
    progress.advance(table.num_rows)
    return ImportCounts(
        rows=table.num_rows,
        added=len(plan.new),
        changed=len(plan.changed),
        unchanged=plan.unchanged,
    )


def _is_group_field(name: str) -> bool:
    return name in _GROUP_FIELDS


_GROUP_FIELDS = {field.name for field in StatutoryGroup._meta.get_fields()} - {"status_code"}


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
    added, changed, unchanged = _sync_links(linked, now.date())
    progress.advance(linked.num_rows)
    skipped = table.num_rows - linked.num_rows
    return _finish_run(
        run, ImportCounts(table.num_rows, added, changed, unchanged, skipped=skipped)
    )


def _create_groups_named_in_links(table: pa.Table) -> None:
    known = set(StatutoryGroup.objects.values_list("uid", flat=True))
    fields = [f for f in table.column_names if _is_group_field(f) and f != ROW_HASH]
    new: dict[int, StatutoryGroup] = {}
    for values in zip(*python_columns(table, ["group_uid", *fields]), strict=True):
        uid = values[0]
        if uid not in known and uid not in new:
            new[uid] = StatutoryGroup(uid=uid, **dict(zip(fields, values[1:], strict=True)))
    StatutoryGroup.objects.bulk_create(new.values())


def _sync_links(table: pa.Table, today: date) -> tuple[int, int, int]:
    """Returns how many links were added, changed (or ended) and unchanged."""
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
    return len(added), len(changed) + len(ended), unchanged
