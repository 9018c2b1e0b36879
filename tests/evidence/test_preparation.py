"""LA pages' performance sections are computed before anyone asks: by the worker after every
import that changes the figures, and by `schoolweave prepare-pages`."""

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from schoolweave.demo import DATA
from schoolweave.evidence import sections
from schoolweave.evidence.figures import data_stamp
from schoolweave.evidence.preparation import prepare_pages
from schoolweave.evidence.services import performance_import
from schoolweave.evidence.tasks import prepare_pages_task
from schoolweave.register.services import gias_import
from tests.conftest import Cast
from tests.core.gias_files import VALID
from tests.evidence.factories import FigureFactory

pytestmark = pytest.mark.django_db
KS2_2019 = DATA / "england_ks2final_2019_sandwell_and_neighbours.csv"
Captured = Callable[..., Any]


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The LA codes whose section is computed from here on (read from the cache: none)."""
    codes: list[str] = []
    compute = sections._la_parts

    def counted(la: Any, measure: str) -> dict[str, Any]:
        codes.append(la.code)
        return compute(la, measure)

    monkeypatch.setattr(sections, "_la_parts", counted)
    return codes


def test_a_prepared_section_is_read_on_the_first_visit(cast: Cast, computed: list[str]) -> None:
    FigureFactory(school=cast.school_a, value=2.5)
    assert prepare_pages(codes=["333"]) == 1
    assert computed == ["333"]
    page = Client().get("/la/333/")
    assert page.status_code == 200 and "Strengths and needs across Sandwell" in page.text
    assert computed == ["333"]  # the visit read it


def test_preparing_again_for_the_same_data_and_day_only_reads(
    cast: Cast, computed: list[str]
) -> None:
    prepare_pages()
    prepare_pages()
    assert sorted(computed) == ["332", "333"]


def test_a_new_day_or_new_figures_need_the_section_computed_again(
    cast: Cast, computed: list[str]
) -> None:
    with time_machine.travel("2026-11-25 12:00Z"):
        prepare_pages(codes=["333"])
        prepare_pages(codes=["333"])
        assert computed == ["333"]
        FigureFactory(school=cast.school_a, value=2.5)  # with the import it came from
        prepare_pages(codes=["333"])
        assert computed == ["333", "333"]
    with time_machine.travel("2026-11-26 12:00Z"):
        prepare_pages(codes=["333"])
    assert computed == ["333", "333", "333"]


def test_a_performance_import_queues_the_preparation(
    cast: Cast, computed: list[str], django_capture_on_commit_callbacks: Captured
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as queued:
        performance_import(path=KS2_2019, year=2019, refresh_similar=False)
    assert len(queued) == 1  # the tests' task backend runs it at once; in production, the worker
    assert sorted(computed) == ["332", "333"]


def test_a_failed_or_dry_import_queues_nothing(
    cast: Cast, computed: list[str], django_capture_on_commit_callbacks: Captured
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as queued:
        performance_import(path=KS2_2019, year=2019, refresh_similar=False, dry_run=True)
    assert queued == [] and computed == []


def test_a_gias_import_queues_the_preparation(
    computed: list[str], django_capture_on_commit_callbacks: Captured
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as queued:
        gias_import(establishments=VALID)
    assert len(queued) == 1 and computed  # every LA of the imported schools


def test_the_command_prepares_the_las_asked_for(cast: Cast, computed: list[str]) -> None:
    out = StringIO()
    call_command("prepare-pages", "--la", "332", stdout=out, stderr=StringIO())
    assert out.getvalue().startswith("prepared the pages of 1 local authorities in ")
    assert computed == ["332"]
    with pytest.raises(CommandError, match="no local authority has the code 999"):
        call_command("prepare-pages", "--la", "999", stdout=StringIO(), stderr=StringIO())


def test_a_new_boundary_needs_the_section_computed_again(cast: Cast, computed: list[str]) -> None:
    prepare_pages(codes=["333"])
    cast.la_a.boundary = {"type": "Polygon", "coordinates": [[[-2, 52], [-1, 52], [-2, 53]]]}
    cast.la_a.save(update_fields=["boundary"])
    prepare_pages(codes=["333"])
    assert computed == ["333", "333"]


def test_a_preparation_queued_before_newer_figures_leaves_it_to_theirs(
    cast: Cast, computed: list[str]
) -> None:
    queued_with = data_stamp()
    FigureFactory(school=cast.school_a, value=2.5)  # a later import, with its own preparation
    prepare_pages_task.call(queued_with)
    assert computed == []
    prepare_pages_task.call(data_stamp())
    assert sorted(computed) == ["332", "333"]
