"""evaluate_cohort: gathers the series, asks the core, and writes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.impact.conftest import Scenario
from tests.pages import page_text

from schoolweave.core.performance.measures import MEASURES
from schoolweave.impact import selectors
from schoolweave.impact.services import UnknownMeasure, evaluate_cohort, impact_measure
from schoolweave.networks.models import Network

pytestmark = pytest.mark.django_db


def test_an_evaluation_reads_and_never_writes(scenario: Scenario) -> None:
    cohort = selectors.kind_cohort(
        la=scenario.cast.la_a, kind="triad", start_year=2019, networks=Network.objects.all()
    )
    said: list[str] = []
    with CaptureQueriesContext(connection) as queries:
        evaluation = evaluate_cohort(
            cohort=cohort, measure=MEASURES["ks2_maths_progress"], start_year=2019,
            progress=said.append,
        )  # fmt: skip
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []
    assert said and said[0] == "reading the figures of 9 cohort schools"
    result = evaluation.result
    assert result.n_cohort == 9 and result.cohort_clusters == 3
    assert evaluation.pool_schools == 30
    matched = {comparison for _, comparison in result.matched_pairs}
    assert matched and matched <= {s.urn for s in scenario.pool}
    assert all(evaluation.names[urn] for urn in matched)


def test_only_measures_an_evaluation_can_take_are_accepted() -> None:
    assert impact_measure("ks4_progress8").name == "ks4_progress8"
    with pytest.raises(UnknownMeasure, match=r"use one of: .*ks2_maths_progress"):
        impact_measure("ofsted_rating")


def test_the_demo_shows_an_illustrative_cohort_with_real_numbers() -> None:
    call_command("load-demo", stdout=StringIO(), stderr=StringIO())
    text = page_text(Client().get("/la/333/impact/triad/?start_year=2019"))
    assert "Illustrative: the schools and their figures are real" in text
    assert "15 in the cohort, 15 with results before and after joining, in 5 networks" in text
    assert "Estimated effect +" in text or "Estimated effect -" in text
    assert "The members had low results before joining" in text  # chosen for low results
    network = Network.objects.get(name="Tipton Triad")
    assert "No estimate can be given" in page_text(Client().get(f"/networks/{network.pk}/impact/"))
