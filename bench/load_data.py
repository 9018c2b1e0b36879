"""The national data for bench/load.py, loaded into the database of SCHOOLWEAVE_DATABASE_URL:
the register, boundaries, links and performance files, similar schools, and illustrative
triads of neighbouring primaries in every LA. Writes the URLs the locust users visit."""

import csv
import json
import random
import sys
import tempfile
from pathlib import Path

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from schoolweave import demo  # noqa: E402
from schoolweave.networks.models import Network  # noqa: E402
from schoolweave.networks.sheet_import import networks_import_file  # noqa: E402
from schoolweave.register.models import School  # noqa: E402
from schoolweave.register.services.boundaries import boundaries_import  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from load import TRIADS_PER_LA, URLS  # noqa: E402
from national import import_national  # noqa: E402


def triads_csv(path: Path) -> None:
    """Up to TRIADS_PER_LA triads in each LA: three open primaries next to each other by
    latitude, the first co-ordinating."""
    rows = []
    by_la: dict[str, list[tuple[float, int]]] = {}
    for urn, la, lat in School.objects.filter(
        status="open", phase_name="Primary", lat__isnull=False
    ).values_list("urn", "la_id", "lat"):
        by_la.setdefault(la, []).append((lat, urn))
    for la, schools in sorted(by_la.items()):
        schools.sort()
        for number in range(min(TRIADS_PER_LA, len(schools) // 3)):
            trio = schools[number * 3 : number * 3 + 3]
            for index, (_, urn) in enumerate(trio):
                role = "coordinator" if index == 0 else "partner"
                rows.append(
                    [
                        f"LA {la} Triad {number + 1}",
                        "triad",
                        urn,
                        role,
                        "2018-09-01",
                        "",
                        "maths",
                        la,
                    ]
                )
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["network", "kind", "urn", "role", "joined", "left", "learning_focus", "la"]
        )
        writer.writerows(rows)


def main() -> None:
    call_command("migrate", verbosity=0)
    import_national()
    boundaries_import(geojson=demo.BOUNDARIES, lookup=demo.BOUNDARY_CODES)
    with tempfile.TemporaryDirectory() as scratch:
        sheet = Path(scratch) / "triads.csv"
        triads_csv(sheet)
        networks_import_file(sheet, actor="bench/load.py", illustrative=True)
    rng = random.Random(2018)
    las = sorted(set(Network.objects.values_list("memberships__school__la_id", flat=True)) - {None})
    schools = list(School.objects.filter(status="open").values_list("urn", flat=True))
    URLS.write_text(
        json.dumps(
            {
                "las": las,
                "schools": rng.sample(schools, 2000),
                "networks": list(Network.objects.values_list("pk", flat=True)),
            }
        )
    )


if __name__ == "__main__":
    main()
