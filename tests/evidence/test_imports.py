"""Importing performance files into the store: all or nothing, re-runnable, typed."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from schoolweave.core.performance.files import Kind
from schoolweave.core.performance.parse import PerformanceFileError
from schoolweave.demo import DATA
from schoolweave.evidence import selectors
from schoolweave.evidence.models import AreaFigure, EstablishmentLink, Figure, PerformanceImport
from schoolweave.evidence.services import performance_import
from tests.factories import ClosedSchoolFactory, SchoolFactory
from tests.paths import SHARED_DATA

pytestmark = pytest.mark.django_db

KS2_2019 = DATA / "england_ks2final_2019_sandwell_and_neighbours.csv"
KS5_2017 = DATA / "england_ks5final_2017_sandwell_and_neighbours.csv"


def _snapshot() -> list[tuple]:
    return list(
        Figure.objects.order_by("school_id", "year", "measure").values_list(
            "school_id", "year", "measure", "value", "missing_reason"
        )
    )


def test_it_imports_a_real_extract_with_typed_missing_reasons() -> None:
    result = performance_import(path=KS2_2019, year=2019, refresh_similar=False)
    assert result.kind is Kind.KS2
    assert (result.rows, result.figures) == (648, Figure.objects.count())
    assert result.missing == {"SUPP": 14}
    suppressed = Figure.objects.filter(missing_reason="SUPP")
    assert suppressed.count() == 14
    assert not suppressed.filter(value__isnull=False).exists()
    oakham = Figure.objects.get(school_id=103950, year=2019, measure="ks2_maths_progress")
    assert (oakham.value, oakham.source.file_name) == (4.3, KS2_2019.name)


def test_re_importing_the_same_file_changes_nothing() -> None:
    first = performance_import(path=KS2_2019, year=2019, refresh_similar=False)
    before = _snapshot()
    second = performance_import(path=KS2_2019, year=2019, refresh_similar=False)
    assert _snapshot() == before
    assert second.replaced == first.figures
    assert PerformanceImport.objects.count() == 2


def test_a_broken_file_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    performance_import(path=KS2_2019, year=2019, refresh_similar=False)
    before = _snapshot()
    lines = KS2_2019.read_text(encoding="utf-8-sig").splitlines()
    # Line 400 of the file: its reading progress becomes text.
    fields = lines[399].split(",")
    fields[6] = "three"
    lines[399] = ",".join(fields)
    broken = tmp_path / "england_ks2final.csv"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PerformanceFileError) as error:
        performance_import(path=broken, year=2019, refresh_similar=False)
    assert (error.value.line, error.value.column) == (400, "READPROG")
    assert _snapshot() == before
    assert PerformanceImport.objects.count() == 1


def test_the_command_reports_where_a_file_is_wrong_and_exits_non_zero(tmp_path: Path) -> None:
    bad = tmp_path / "ks4.csv"
    bad.write_text("RECTYPE,URN,P8MEA\n1,100001,0.1\n1,100002,high\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"ks4.csv, line 3, column 'P8MEA': 'high' is not"):
        call_command("import-performance", str(bad), "--year", "2019", stdout=StringIO())
    assert not Figure.objects.exists()


def test_a_dry_run_saves_nothing() -> None:
    result = performance_import(path=KS2_2019, year=2019, dry_run=True, refresh_similar=False)
    assert result.dry_run and result.figures > 0
    assert not Figure.objects.exists() and not PerformanceImport.objects.exists()


def test_la_and_england_rows_go_to_area_figures() -> None:
    performance_import(path=KS5_2017, year=2017, refresh_similar=False)
    sandwell = AreaFigure.objects.get(area="la:333", year=2017, measure="ks5_alevel_aps")
    assert sandwell.value == 26.42
    assert AreaFigure.objects.filter(area="england:state-funded").exists()


def test_a_schools_history_follows_it_across_academy_conversion() -> None:
    SchoolFactory(urn=140001, name="Oak Academy")
    ClosedSchoolFactory(urn=104001, name="Oak Primary School")
    EstablishmentLink.objects.create(
        urn=140001,
        linked_urn=104001,
        linked_name="Oak Primary School",
        link_type="Predecessor",
        source=PerformanceImport.objects.create(
            kind="links",
            format_name="links",
            file_name="links.csv",
            file_sha256="0",
            imported_at="2026-11-01T09:00Z",
        ),
    )
    run = PerformanceImport.objects.create(
        kind="ks2",
        format_name="x",
        file_name="ks2.csv",
        file_sha256="0",
        year=2018,
        imported_at="2026-11-01T09:00Z",
    )
    Figure.objects.create(
        school_id=104001, year=2018, measure="ks2_reading_progress", value=1.5, source=run
    )
    Figure.objects.create(
        school_id=140001, year=2019, measure="ks2_reading_progress", value=2.5, source=run
    )
    figures = selectors.school_figures(urn=140001)
    assert [p.urn for p in figures.predecessors] == [104001]
    cells = figures.rows[0].cells
    assert [(c.year, c.text, c.urn) for c in cells if c] == [
        (2018, "+1.50", 104001),
        (2019, "+2.50", None),
    ]
    exported = list(selectors.figures_export(urn=140001))
    assert [(r["urn"], r["year"]) for r in exported] == [(104001, 2018), (140001, 2019)]


def test_links_import_and_their_kind_is_read_from_the_header() -> None:
    links = DATA / "links_edubasealldata20250422_sandwell_and_neighbours.csv"
    result = performance_import(path=links, year=None, refresh_similar=False)
    assert result.kind is Kind.LINKS
    assert EstablishmentLink.objects.count() == result.links == 1_200
    again = performance_import(path=links, year=None, refresh_similar=False)
    assert EstablishmentLink.objects.count() == 1_200 and again.replaced == 1_200


@pytest.mark.national
def test_it_imports_a_national_table_and_the_national_links() -> None:
    result = performance_import(
        path=SHARED_DATA / "performance" / "england_ks4final_2019.csv",
        year=2019,
        refresh_similar=False,
    )
    assert (result.rows, result.figures) == (5_516, 30_186)
    assert Figure.objects.filter(missing_reason="NP").count() == 1_308
    links = performance_import(
        path=SHARED_DATA / "gias" / "links_edubasealldata20250422.csv",
        year=None,
        refresh_similar=False,
    )
    assert links.rows == 33_801
