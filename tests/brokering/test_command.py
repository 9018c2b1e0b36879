"""schoolweave broker: the JSON and CSV users script against, and bad input."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Cast
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db
KM = 1 / 111.2


@pytest.fixture
def schools(cast: Cast) -> list[int]:
    made = [
        SchoolFactory(
            la=cast.la_a, phase_name="Primary", lat=52.5 + i * KM, lon=-2.0, ofsted_rating="Good"
        )
        for i in range(6)
    ]
    return [s.urn for s in made]


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("broker", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_documented_fields(schools: list[int], tmp_path: Path) -> None:
    config = tmp_path / "round.json"
    config.write_text(json.dumps({"phases": ["Primary"], "leader_needs_strength": False}))
    result = json.loads(_run("--la", "333", "--shape", "triad", "--config", str(config)))
    assert {"objective", "bound", "gap", "greedy_objective", "seconds", "groups"} <= set(result)
    group = result["groups"][0]
    assert {"members", "score", "reasons"} <= set(group)
    assert {"urn", "role"} <= set(group["members"][0])


def test_opted_out_schools_are_never_placed(schools: list[int], tmp_path: Path) -> None:
    config = tmp_path / "round.json"
    config.write_text(json.dumps({"phases": ["Primary"], "leader_needs_strength": False}))
    opt_out = tmp_path / "out.txt"
    opt_out.write_text(f"{schools[0]}\n# a comment\n{schools[1]}\n")
    result = json.loads(
        _run("--la", "333", "--shape", "triad", "--config", str(config), "--opt-out", str(opt_out))
    )
    placed = {m["urn"] for g in result["groups"] for m in g["members"]}
    assert not placed & {schools[0], schools[1]}


def test_csv_has_a_row_per_placed_school(schools: list[int], tmp_path: Path) -> None:
    config = tmp_path / "round.json"
    config.write_text(json.dumps({"phases": ["Primary"], "leader_needs_strength": False}))
    rows = list(
        csv.DictReader(
            io.StringIO(
                _run("--la", "333", "--shape", "hub", "--config", str(config), "--format", "csv")
            )
        )
    )
    assert {"group", "urn", "role", "reasons"} <= set(rows[0])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"max_km": "far"}', "max_km must be a number"),
        ('{"colour": 1}', "unknown setting 'colour'"),
        ("[1, 2]", "the settings must be a JSON object"),
        ("{not json", "not a readable JSON file"),
    ],
)
def test_a_bad_config_names_the_field(
    schools: list[int], tmp_path: Path, content: str, message: str
) -> None:
    config = tmp_path / "round.json"
    config.write_text(content)
    with pytest.raises(CommandError, match=message):
        _run("--la", "333", "--shape", "triad", "--config", str(config))


def test_a_bad_opt_out_line_is_located(schools: list[int], tmp_path: Path) -> None:
    opt_out = tmp_path / "out.txt"
    opt_out.write_text("103950\nnot-a-urn\n")
    with pytest.raises(CommandError, match=re.escape("out.txt, line 2: 'not-a-urn' is not a URN")):
        _run("--la", "333", "--shape", "triad", "--opt-out", str(opt_out))
