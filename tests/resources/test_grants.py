"""`schoolweave export grants`: an LA's allocations as 360Giving grants, valid against the
360Giving Data Standard's schemas shipped in tests/resources/data/360giving (no fetching), with
format checking on; and the spreadsheet (CSV) form, whose columns are the standard's titles and
which turns back into valid JSON."""

import csv
import io
import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from schoolweave.core.resources.vocabulary import PaymentStatus
from schoolweave.resources.grants import CSV_COLUMNS, LGTC_FIELDS
from tests.factories import (
    CoordinatorMembershipFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    NetworkFactory,
    UnpublishedNetworkFactory,
)
from tests.resources.factories import (
    AllocationFactory,
    FunderProfileFactory,
    FundingStreamFactory,
    PartnerFactory,
    PaymentFactory,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "data" / "360giving"
PACKAGE = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
GRANT = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
GRANT_URLS = (
    "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
    GRANT["$id"],
)


def validator() -> Draft202012Validator:
    """The package schema, its reference to the grant schema resolved to the local copy, and
    format checking on: dates are `oneOf` a date pattern and `format: date-time`, so without
    it a plain date would match both and fail."""
    resource = Resource(contents=GRANT, specification=DRAFT202012)  # its $schema URL is http:
    registry = Registry().with_resources([(url, resource) for url in GRANT_URLS])
    return Draft202012Validator(PACKAGE, registry=registry, format_checker=FormatChecker())


def problems(document: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(document)]


@pytest.fixture
def sandwell_grants(db: None) -> dict[str, Any]:
    """Sandwell's triad: three years of GBP 50,000 to its co-ordinating school, one paid; a
    partner holding another stream's money; an unpublished network's allocation."""
    sandwell = LocalAuthorityFactory(code="333", name="Sandwell", gss_code="E08000028")
    FunderProfileFactory(la=sandwell)
    triad = NetworkFactory(name="Oldbury Triad", owner_las=[sandwell])
    coordinator = CoordinatorMembershipFactory(
        network=triad, school__urn=103950, school__name="Oakham Primary School", school__la=sandwell
    )
    MembershipFactory(network=triad)
    stream = FundingStreamFactory(la=sandwell, name="Triads programme")
    first = None
    for year in (2024, 2025, 2026):
        allocation = AllocationFactory(
            stream=stream,
            network=triad,
            financial_year=year,
            fund_holder_school=coordinator.school,
            awarded_on=date(2024, 3, 15),
        )
        first = first or allocation
    PaymentFactory(allocation=first, amount_pence=50_000_00, date=date(2024, 4, 30))
    PaymentFactory(allocation=first, amount_pence=10_00, status=PaymentStatus.SCHEDULED)
    university = PartnerFactory(la=sandwell, name="University of Wolverhampton", charity_number="")
    other = FundingStreamFactory(la=sandwell, name="Enquiry fund", amount_pence=1_000_00)
    AllocationFactory(
        stream=other, network=triad, fund_holder_partner=university, amount_pence=750_55
    )
    hidden = UnpublishedNetworkFactory(name="Tipton Proposed Triad", owner_las=[sandwell])
    AllocationFactory(stream=stream, network=hidden, financial_year=2024)
    return {"la": sandwell, "first": first}


def export(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("export", "grants", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_the_schema_check_is_real() -> None:
    """The validator rejects what 360Giving rejects, and accepts a plain award date."""
    good = {
        "grants": [
            {
                "id": "360G-x-1",
                "title": "t",
                "description": "d",
                "currency": "GBP",
                "amountAwarded": 1,
                "awardDate": "2024-04-01",
                "recipientOrganization": [{"id": "GB-EDU-1", "name": "n"}],
                "fundingOrganization": [{"id": "GB-LAE-SAW", "name": "n"}],
            }
        ]
    }
    assert problems(good) == []
    bad = json.loads(json.dumps(good))
    bad["grants"][0]["awardDate"] = "01/04/2024"
    bad["grants"][0]["currency"] = "GBX"
    del bad["grants"][0]["fundingOrganization"]
    assert len(problems(bad)) >= 3
    assert problems({"grants": []}) != []


def test_the_json_export_is_valid_360giving(sandwell_grants: dict[str, Any]) -> None:
    package = json.loads(export("--la", "333", "--format", "360giving-json"))
    assert problems(package) == []
    assert len(package["grants"]) == 4  # not the unpublished network's


def test_each_grant_says_who_gave_what_to_whom_for_which_network(
    sandwell_grants: dict[str, Any],
) -> None:
    package = json.loads(export("--la", "333", "--format", "360giving-json"))
    assert [g["title"] for g in package["grants"]] == [
        "Enquiry fund: Oldbury Triad, 2024-25",
        "Triads programme: Oldbury Triad, 2024-25",
        "Triads programme: Oldbury Triad, 2025-26",
        "Triads programme: Oldbury Triad, 2026-27",
    ]
    triad = package["grants"][1]
    assert triad["id"] == f"360G-sandwell-{sandwell_grants['first'].pk}"
    assert triad["title"] == "Triads programme: Oldbury Triad, 2024-25"
    assert triad["currency"] == "GBP"
    assert triad["amountAwarded"] == 50000
    assert isinstance(triad["amountAwarded"], int)
    assert triad["amountDisbursed"] == 50000  # the scheduled payment is not paid
    assert triad["awardDate"] == "2024-03-15"
    assert triad["plannedDates"] == [
        {"startDate": "2024-04-01", "endDate": "2025-03-31", "duration": 12}
    ]
    assert triad["recipientOrganization"][0]["id"] == "GB-EDU-103950"
    assert triad["recipientOrganization"][0]["name"] == "Oakham Primary School"
    assert triad["fundingOrganization"] == [
        {
            "id": "GB-LAE-SAW",
            "name": "Sandwell",
            "department": "Children's Services: School Improvement",
        }
    ]
    assert triad["beneficiaryLocation"][0]["geoCode"] == "E08000028"
    assert triad["beneficiaryLocation"][0]["geoCodeType"] == "MD"
    assert triad["network"]["name"] == "Oldbury Triad"
    assert 103950 in {s["urn"] for s in triad["network"]["schools"]}
    assert len(triad["network"]["schools"]) == 2
    assert triad["disbursementTransaction"][0]["value"] == 50000
    partner = next(g for g in package["grants"] if g["title"].startswith("Enquiry fund"))
    assert partner["amountAwarded"] == 750.55
    assert partner["recipientOrganization"][0]["name"] == "University of Wolverhampton"
    assert partner["recipientOrganization"][0]["id"].startswith("360G-sandwell-partner-")


def test_every_grant_has_the_transparency_code_fields(sandwell_grants: dict[str, Any]) -> None:
    package = json.loads(export("--la", "333", "--format", "360giving-json"))
    for item in package["grants"]:
        assert item["awardDate"]
        assert item["plannedDates"][0]["startDate"] and item["plannedDates"][0]["endDate"]
        assert item["fundingOrganization"][0]["department"]
        assert item["recipientOrganization"][0]["name"]
        assert item["recipientOrganization"][0]["id"]
        assert item["description"]
        assert item["amountAwarded"] > 0
    assert len(LGTC_FIELDS) == 7


def _titles() -> dict[str, tuple[str, ...]]:
    """The 360Giving spreadsheet titles ("Recipient Org:Identifier") and their JSON paths,
    read from the grant schema as flatten-tool reads them."""
    defs = GRANT["$defs"]
    found: dict[str, tuple[str, ...]] = {}

    def walk(properties: dict[str, Any], title_prefix: str, path: tuple[str, ...]) -> None:
        for key, spec in properties.items():
            ref = spec.get("$ref") or spec.get("items", {}).get("$ref")
            title = spec.get("title") or (defs[ref.split("/")[-1]].get("title") if ref else key)
            if ref and ref != "#/$defs/currency":
                walk(
                    defs[ref.split("/")[-1]].get("properties", {}),
                    f"{title_prefix}{title}:",
                    (*path, key),
                )
            else:
                found[f"{title_prefix}{title}"] = (*path, key)

    walk(GRANT["properties"], "", ())
    return found


def _unflatten(row: dict[str, str], titles: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """A CSV row back to a grant, as 360Giving's tools read the spreadsheet form."""
    arrays = {
        "plannedDates",
        "recipientOrganization",
        "fundingOrganization",
        "grantProgramme",
        "beneficiaryLocation",
    }
    numbers = {"amountAwarded", "amountDisbursed", "duration"}
    item: dict[str, Any] = {}
    for column, value in row.items():
        if column.startswith("Network:") or value == "":
            continue
        path = titles[column]
        target = item
        for key in path[:-1]:
            if key in arrays:
                target = target.setdefault(key, [{}])[0]
            else:
                target = target.setdefault(key, {})
        target[path[-1]] = float(value) if path[-1] in numbers else value
    return item


def test_the_csv_uses_the_standards_column_titles_and_reads_back_as_valid_grants(
    sandwell_grants: dict[str, Any],
) -> None:
    titles = _titles()
    standard = [c for c in CSV_COLUMNS if not c.startswith("Network:")]
    assert [c for c in standard if c not in titles] == []
    rows = list(csv.DictReader(io.StringIO(export("--la", "333", "--format", "csv"))))
    assert len(rows) == 4
    assert {row["Amount Awarded"] for row in rows} == {"50000.00", "750.55"}
    assert rows[0]["Funding Org:Department"] == "Children's Services: School Improvement"
    grants = [_unflatten(row, titles) for row in rows]
    assert problems({"grants": grants}) == []


def test_it_needs_an_la_and_a_360giving_format(sandwell_grants: dict[str, Any]) -> None:
    with pytest.raises(CommandError, match="grants need --la CODE"):
        export("--format", "csv")
    with pytest.raises(CommandError, match="360giving-json or --format csv"):
        export("--la", "333", "--format", "json")
    with pytest.raises(CommandError, match="no such local authority"):
        export("--la", "999", "--format", "csv")


def test_an_operator_may_include_unpublished_networks(sandwell_grants: dict[str, Any]) -> None:
    package = json.loads(
        export("--la", "333", "--format", "360giving-json", "--include-unpublished")
    )
    assert len(package["grants"]) == 5
    assert problems(package) == []


def test_an_la_without_a_publishing_profile_still_exports_valid_json() -> None:
    la = LocalAuthorityFactory(code="332", name="Dudley")
    AllocationFactory(network=NetworkFactory(owner_las=[la]))
    err = StringIO()
    out = StringIO()
    call_command(
        "export", "grants", "--la", "332", "--format", "360giving-json", stdout=out, stderr=err
    )
    package = json.loads(out.getvalue())
    assert problems(package) == []
    assert package["grants"][0]["id"].startswith("360G-schoolweave-la332-")
    assert "has not set how it publishes grants" in err.getvalue()


def test_an_la_with_no_grants_cannot_write_an_empty_360giving_file() -> None:
    LocalAuthorityFactory(code="332", name="Dudley")
    with pytest.raises(CommandError, match="no allocations"):
        export("--la", "332", "--format", "360giving-json")
    assert export("--la", "332", "--format", "csv").startswith("Identifier,Title,")
