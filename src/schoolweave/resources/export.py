"""`schoolweave export grants --la CODE --format 360giving-json|csv`: the command's work, so
that the shared export command only dispatches here."""

import json
from typing import Any

from django.core.management.base import CommandError, OutputWrapper
from django.utils import timezone

from schoolweave.core.spreadsheet import write_csv
from schoolweave.register.models import LocalAuthority
from schoolweave.resources.grants import (
    CSV_COLUMNS,
    grant_allocations,
    grant_csv_rows,
    grants_package,
    publisher_of,
)

LA_REQUIRED = "grants need --la CODE: the local authority whose grants to write"
NO_SUCH_LA = "--la {code}: no such local authority in the register"
WRONG_FORMAT = "grants are written as --format 360giving-json or --format csv"
NO_GRANTS = (
    "{la} has no allocations to published networks to export; a 360Giving file needs at "
    "least one grant"
)
DEFAULT_IDENTIFIERS = (
    "{la} has not set how it publishes grants (its organisation identifier and 360Giving "
    "prefix, in the admin's funder profiles): identifiers use {prefix}"
)


def export_grants(stdout: OutputWrapper, stderr: OutputWrapper, options: dict[str, Any]) -> None:
    code, output = options.get("la"), options["format"]
    if not code:
        raise CommandError(LA_REQUIRED)
    if output not in ("360giving-json", "csv"):
        raise CommandError(WRONG_FORMAT)
    la = LocalAuthority.objects.filter(code=code).first()
    if la is None:
        raise CommandError(NO_SUCH_LA.format(code=code))
    allocations = grant_allocations(la=la, include_unpublished=options["include_unpublished"])
    publisher = publisher_of(la)
    if publisher.is_default:
        stderr.write(DEFAULT_IDENTIFIERS.format(la=la.name, prefix=publisher.prefix))
    package = grants_package(la=la, allocations=allocations, generated_at=timezone.now())
    if output == "csv":
        write_csv(stdout, CSV_COLUMNS, grant_csv_rows(package))
        return
    if not allocations:
        raise CommandError(NO_GRANTS.format(la=la.name))
    stdout.write(json.dumps(package, indent=1, ensure_ascii=False))
