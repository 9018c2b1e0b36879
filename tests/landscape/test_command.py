"""schoolweave landscape: the columns and shapes users script against."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Cast

pytestmark = pytest.mark.django_db
REQUIRED = ["urn", "name", "networks", "groups", "load", "partners", "isolated", "reasons"]


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("landscape", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_csv_has_a_row_per_open_school_of_the_la_with_the_documented_columns(cast: Cast) -> None:
    rows = list(csv.DictReader(io.StringIO(_run("--la", "333", "--format", "csv"))))
    assert set(REQUIRED) <= set(rows[0])
    assert {int(r["urn"]) for r in rows} == set(
        cast.la_a.schools.filter(status__in=["open", "open_proposed_to_close"]).values_list(
            "urn", flat=True
        )
    )
    assert {r["isolated"] for r in rows} <= {"true", "false"}


def test_json_has_every_figure(cast: Cast) -> None:
    report = json.loads(_run("--la", "333"))
    assert {"schools", "networks", "coverage", "overlaps", "communities", "bridging"} <= set(report)
    assert report["la"] == {"code": "333", "name": "Sandwell"}


def test_unpublished_networks_need_asking_for(cast: Cast) -> None:
    school = cast.unpublished_a.memberships.get().school_id
    public = {
        int(r["urn"]): r
        for r in csv.DictReader(io.StringIO(_run("--la", "333", "--format", "csv")))
    }
    everything = {
        int(r["urn"]): r
        for r in csv.DictReader(
            io.StringIO(_run("--la", "333", "--format", "csv", "--include-unpublished"))
        )
    }
    assert (public[school]["networks"], everything[school]["networks"]) == ("0", "1")


def test_a_national_run_samples_bridging(cast: Cast) -> None:
    report = json.loads(_run("--national", "--sample", "2"))
    assert report["settings"]["betweenness"] == "sampled"
    assert report["la"] is None


def test_an_unknown_la_is_an_error(cast: Cast) -> None:
    with pytest.raises(CommandError, match="--la 999: no such local authority"):
        _run("--la", "999")
