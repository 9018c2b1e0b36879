"""Local authority boundaries from ONS GeoJSON, joined to DfE LA codes by a lookup file."""

import csv
import json
from pathlib import Path

from django.db import transaction

from schoolweave.register.models import LocalAuthority


@transaction.atomic
def boundaries_import(*, geojson: Path, lookup: Path) -> int:
    """Set the boundary of every LA in the register that the files cover; returns how many.

    `lookup` maps ONS codes to DfE LA codes (columns UTLA19CD, LEA19CD, as ONS/DfE publish).
    """
    with lookup.open(encoding="utf-8-sig", newline="") as handle:
        la_by_ons = {row["UTLA19CD"]: row["LEA19CD"] for row in csv.DictReader(handle)}
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    authorities = {la.code: la for la in LocalAuthority.objects.all()}
    updated = 0
    for feature in features:
        ons_code = feature["properties"]["area_code"]
        authority = authorities.get(la_by_ons.get(ons_code, ""))
        if authority is None:
            continue
        authority.boundary = feature["geometry"]
        authority.gss_code = authority.gss_code or ons_code
        authority.save(update_fields=("boundary", "gss_code"))
        updated += 1
    return updated
