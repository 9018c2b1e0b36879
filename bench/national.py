"""The national data two benches load (bench/load.py's PostgreSQL database, bench/brokering.py's
SQLite one): the 2018 register, then DfE's performance, Ofsted and finance files and the GIAS
links in ../shared/data, then similar schools. Call after django.setup()."""

from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
REGISTER = SHARED / "gias" / "edubasealldata_assembled_2018.csv"
PERFORMANCE_FILES: tuple[tuple[str, int | None], ...] = (
    ("gias/links_edubasealldata20250422.csv", None),
    ("performance/ks2_perf_2018.csv", 2018),
    ("performance/ks4_perf_2018.csv", 2018),
    ("performance/ks5_perf_2018.csv", 2018),
    ("schools/financials_2018.csv", 2018),
    ("schools/ofsted_ratings_2018.csv", 2018),
    ("performance/england_ks2final_2019.csv", 2019),
    ("performance/england_ks4final_2019.csv", 2019),
    ("performance/england_ks5final_2019.csv", 2019),
)


def import_national(files: tuple[tuple[str, int | None], ...] = PERFORMANCE_FILES) -> None:
    """The register, every file (a year of None: GIAS links), then similar schools once."""
    from schoolweave.core.performance.files import Kind
    from schoolweave.evidence.services.imports import performance_import
    from schoolweave.evidence.services.similar import similar_refresh
    from schoolweave.register.services import gias_import

    gias_import(establishments=REGISTER)
    for name, year in files:
        performance_import(
            path=SHARED / name,
            year=year,
            kind=Kind.LINKS if year is None else None,
            refresh_similar=False,
        )
    similar_refresh()
