"""Import a membership sheet file: read it, check it whole, then write it in one transaction."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from schoolweave.audit.services import Actor
from schoolweave.core.networks.sheet import (
    RowError,
    check_header,
    parse_rows,
    plan_networks,
    sorted_errors,
)
from schoolweave.networks.models import LearningFocus
from schoolweave.networks.services import NetworksImportCounts, networks_import
from schoolweave.register.models import LocalAuthority, School


@dataclass
class SheetErrors(Exception):
    path: Path
    errors: list[RowError]

    def __str__(self) -> str:
        lines = [f"{self.path}: {len(self.errors)} problem(s); nothing was imported"]
        lines += [f"  {error}" for error in self.errors]
        return "\n".join(lines)


class _DryRun(Exception):
    pass


def networks_import_file(
    path: Path, *, actor: Actor, illustrative: bool = False, dry_run: bool = False
) -> NetworksImportCounts:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header_errors = check_header(reader.fieldnames or [])
        if header_errors:
            raise SheetErrors(path, header_errors)
        rows, errors = parse_rows(reader)
    urns = {row.urn for row in rows}
    plans, register_errors = plan_networks(
        rows,
        school_las=dict(School.objects.filter(urn__in=urns).values_list("urn", "la_id")),
        known_las=set(LocalAuthority.objects.values_list("code", flat=True)),
        known_focuses=set(LearningFocus.objects.values_list("slug", flat=True)),
    )
    if errors or register_errors:
        raise SheetErrors(path, sorted_errors([*errors, *register_errors]))
    try:
        with transaction.atomic():
            counts = networks_import(actor=actor, plans=plans, illustrative=illustrative)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return counts
