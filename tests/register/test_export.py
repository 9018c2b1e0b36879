"""schoolweave export schools: the columns and shapes users script against."""

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from schoolweave.networks.models import Membership, Network
from schoolweave.register.models import School
from schoolweave.register.services import gias_import
from tests.core.gias_files import VALID
from tests.paths import GIAS_DATA

pytestmark = pytest.mark.django_db


@pytest.fixture
def register() -> None:
    gias_import(
        establishments=VALID, groups=GIAS_DATA / "groups.csv", links=GIAS_DATA / "group_links.csv"
    )
    triad = Network.objects.create(
        name="City Triad", kind="triad", is_illustrative=True, is_published=True
    )
    triad.owner_las.add("201")
    Membership.objects.create(
        network=triad, school_id=100000, role="coordinator", joined=date(2017, 9, 1)
    )
    Membership.objects.create(
        network=triad,
        school_id=100001,
        role="partner",
        joined=date(2017, 9, 1),
        left=date(2018, 7, 31),
    )


def _export(*args: str) -> str:
    out = io.StringIO()
    call_command("export", "schools", *args, stdout=out)
    return out.getvalue()


@pytest.mark.usefixtures("register")
def test_json_lists_each_schools_current_networks_and_groups() -> None:
    schools = {s["urn"]: s for s in json.loads(_export("--la", "201", "--format", "json"))}
    first = schools[100000]
    assert {"urn", "name", "la_code", "phase", "status", "lat", "lon", "networks", "groups"} <= set(
        first
    )
    assert first["networks"] == [
        {"name": "City Triad", "kind": "triad", "role": "coordinator", "illustrative": True}
    ]
    assert first["groups"] == [{"name": "ABBEY ACADEMIES TRUST", "type": "Multi-academy trust"}]
    assert schools[100001]["networks"] == []  # left the triad


@pytest.mark.usefixtures("register")
def test_csv_has_the_documented_columns_and_one_row_per_open_school() -> None:
    rows = list(csv.DictReader(io.StringIO(_export())))
    assert list(rows[0])[:11] == [
        "urn",
        "name",
        "la_code",
        "la_name",
        "phase",
        "type_group",
        "status",
        "postcode",
        "lat",
        "lon",
        "ofsted_rating",
    ]
    assert {"networks", "groups"} <= set(rows[0])
    open_schools = School.objects.filter(status__in=["open", "open_proposed_to_close"]).count()
    assert len(rows) == open_schools
    first = next(r for r in rows if r["urn"] == "100000")
    assert first["networks"] == "City Triad (triad, coordinator, illustrative)"


@pytest.mark.usefixtures("register")
def test_status_all_includes_closed_schools() -> None:
    School.objects.filter(urn=100002).update(status="closed")
    open_urns = {row["urn"] for row in csv.DictReader(io.StringIO(_export()))}
    all_urns = {row["urn"] for row in csv.DictReader(io.StringIO(_export("--status", "all")))}
    closed = {
        str(urn) for urn in School.objects.filter(status="closed").values_list("urn", flat=True)
    }
    assert "100002" in closed
    assert open_urns.isdisjoint(closed)
    assert all_urns == open_urns | closed


@pytest.mark.usefixtures("register")
def test_csv_cells_cannot_run_as_spreadsheet_formulas() -> None:
    School.objects.filter(urn=100000).update(name='=HYPERLINK("http://example.com","Click")')
    row: dict[str, Any] = next(
        r for r in csv.DictReader(io.StringIO(_export())) if r["urn"] == "100000"
    )
    assert row["name"] == '\'=HYPERLINK("http://example.com","Click")'
    assert float(row["lon"]) < 0  # a negative number stays a number


@pytest.fixture
def draft() -> Network:
    """A network not yet published, with the same school as City Triad."""
    draft = Network.objects.create(name="Draft Hub", kind="hub_and_spoke", is_published=False)
    draft.owner_las.add("201")
    Membership.objects.create(network=draft, school_id=100000, role="hub")
    return draft


@pytest.mark.usefixtures("register", "draft")
def test_unpublished_networks_are_left_out_by_default() -> None:
    schools = {s["urn"]: s for s in json.loads(_export("--la", "201", "--format", "json"))}
    assert [n["name"] for n in schools[100000]["networks"]] == ["City Triad"]
    first = next(r for r in csv.DictReader(io.StringIO(_export())) if r["urn"] == "100000")
    assert "Draft Hub" not in first["networks"]


@pytest.mark.usefixtures("register", "draft")
def test_an_operator_may_include_unpublished_networks() -> None:
    out = _export("--la", "201", "--format", "json", "--include-unpublished")
    schools = {s["urn"]: s for s in json.loads(out)}
    assert schools[100000]["networks"] == [
        {"name": "City Triad", "kind": "triad", "role": "coordinator", "illustrative": True},
        {"name": "Draft Hub", "kind": "hub_and_spoke", "role": "hub", "illustrative": False},
    ]
    first = next(
        r
        for r in csv.DictReader(io.StringIO(_export("--include-unpublished")))
        if r["urn"] == "100000"
    )
    assert "Draft Hub (hub_and_spoke, hub)" in first["networks"]


@pytest.mark.usefixtures("register")
def test_an_unknown_la_is_an_error() -> None:
    with pytest.raises(CommandError, match="--la 999: no such local authority"):
        _export("--la", "999")
