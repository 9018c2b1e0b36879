"""`schoolweave impact`: the public interface the issue spells out, and its clear errors."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from tests.impact.conftest import Scenario
from tests.impact.factories import publish, sandwell_round

pytestmark = pytest.mark.django_db

JSON_KEYS = {
    "estimate",
    "ci_low",
    "ci_high",
    "effect_size",
    "n_cohort",
    "n_comparison",
    "rating",
    "naive_improved_pct",
    "naive_improved_15pct",
    "comparison_naive_improved_pct",
    "warnings",
    "suppressed",
}


def _cohort_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cohort.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("impact", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_the_documented_json(scenario: Scenario, tmp_path: Path) -> None:
    urns = "\n".join(str(s.urn) for s in scenario.members)
    path = _cohort_file(tmp_path, f"# three triads from September 2018\n\n{urns}\n")
    out, err = _run(
        "--cohort", str(path), "--start-year", "2019", "--measure", "ks2_maths_progress",
        "--format", "json",
    )  # fmt: skip
    document = json.loads(out)
    assert set(document) >= JSON_KEYS
    assert document["suppressed"] is None
    assert (document["n_cohort"], document["cohort_clusters"]) == (9, 3)
    assert document["n_comparison"] > 0
    assert document["ci_low"] < document["estimate"] < document["ci_high"]
    assert document["naive_improved_pct"] == 100.0  # every member rose by 1.5
    assert 0 <= document["rating"] <= 5
    assert "matching" in err.lower()  # progress goes to stderr, never into the JSON


def test_text_is_the_default_and_reads_as_a_summary(scenario: Scenario, tmp_path: Path) -> None:
    path = _cohort_file(tmp_path, "\n".join(str(s.urn) for s in scenario.members))
    out, _ = _run("--cohort", str(path), "--start-year", "2019", "--measure", "ks2_maths_progress")
    assert out.startswith("Impact of the schools listed in cohort.txt on KS2 maths progress")
    assert "Estimate (difference-in-differences): " in out
    assert "Evidence rating: " in out and " out of 5 padlocks" in out
    assert re.search(r"^  members +9 +100% +not available$", out, re.MULTILINE)
    assert "Balance (standardised mean differences" in out
    assert "In words:" in out


def test_a_networks_schools_may_be_given_by_its_id(scenario: Scenario) -> None:
    out, _ = _run("--network", str(scenario.triads[0].pk), "--format", "json")
    document = json.loads(out)
    assert document["start_year"] == 2019 and document["measure"] == "ks2_maths_progress"
    assert document["n_cohort_listed"] == 3
    assert document["estimate"] is None and document["suppressed"]  # one network alone


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("103950\nURN 12\n", "cohort.txt, line 2: 'URN 12' is not a URN (a whole number"),
        ("103950\n\n# note\n103950\n", "line 4: URN 103950 is listed twice (first on line 1)"),
        ("# nothing yet\n", "cohort.txt: no URNs (give one a line)"),
    ],
)  # fmt: skip
def test_a_bad_cohort_file_says_which_line(
    scenario: Scenario, tmp_path: Path, text: str, message: str
) -> None:
    path = _cohort_file(tmp_path, text)
    with pytest.raises(CommandError) as error:
        _run("--cohort", str(path), "--start-year", "2019", "--measure", "ks2_maths_progress")
    assert message in str(error.value)


def test_a_school_the_register_does_not_hold_is_named(scenario: Scenario, tmp_path: Path) -> None:
    path = _cohort_file(tmp_path, f"{scenario.members[0].urn}\n999999999\n")
    with pytest.raises(CommandError, match="the register holds no school with URN 999999999"):
        _run("--cohort", str(path), "--start-year", "2019", "--measure", "ks2_maths_progress")


def test_an_unknown_measure_lists_the_valid_ones(scenario: Scenario, tmp_path: Path) -> None:
    path = _cohort_file(tmp_path, f"{scenario.members[0].urn}\n")
    with pytest.raises(CommandError) as error:
        _run("--cohort", str(path), "--start-year", "2019", "--measure", "maths")
    message = str(error.value)
    assert message.startswith("--measure: 'maths' is not a measure an impact evaluation can take")
    assert "ks2_maths_progress" in message and "ks4_progress8" in message


def test_a_start_year_without_figures_before_it_is_refused(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = _cohort_file(tmp_path, f"{scenario.members[0].urn}\n")
    with pytest.raises(CommandError, match="needs figures before and from that year; the store"):
        _run("--cohort", str(path), "--start-year", "2018", "--measure", "ks2_maths_progress")


def test_a_tiny_cohort_is_suppressed_with_its_reason(scenario: Scenario, tmp_path: Path) -> None:
    path = _cohort_file(tmp_path, "\n".join(str(s.urn) for s in scenario.members[:2]))
    out, _ = _run(
        "--cohort", str(path), "--start-year", "2019", "--measure", "ks2_maths_progress",
        "--format", "json",
    )  # fmt: skip
    document = json.loads(out)
    assert document["suppressed"]
    assert document["estimate"] is None and document["ci_low"] is None
    assert document["rating"] is None
    assert document["naive_improved_pct"] is None  # fewer than 3 schools: not published


def test_a_brokering_rounds_networks_may_be_given_by_its_id(scenario: Scenario) -> None:
    round = sandwell_round(scenario.cast)
    with pytest.raises(CommandError, match="the round has published no networks"):
        _run("--round", str(round.pk))
    publish(round, scenario.triads, by=scenario.cast.officer_a)
    out, _ = _run("--round", str(round.pk), "--start-year", "2019", "--format", "json")
    assert json.loads(out)["n_cohort_listed"] == 9
