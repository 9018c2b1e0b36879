"""factory_boy factories for performance data; register and network factories are in
tests/factories.py."""

from datetime import UTC, date, datetime

import factory
from factory.django import DjangoModelFactory

from schoolweave.evidence.models import (
    EstablishmentLink,
    Figure,
    LocalKnowledge,
    PerformanceImport,
)
from tests.factories import SchoolFactory, UserFactory


class PerformanceImportFactory(DjangoModelFactory[PerformanceImport]):
    class Meta:
        model = PerformanceImport

    kind = "ks2"
    format_name = "DfE KS2 performance table (england_ks2final)"
    file_name = "england_ks2final.csv"
    file_sha256 = "0" * 64
    year = 2019
    imported_at = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


class FigureFactory(DjangoModelFactory[Figure]):
    """A published value; `MissingFigureFactory` for one DfE did not publish."""

    class Meta:
        model = Figure

    school = factory.SubFactory(SchoolFactory)
    year = 2019
    measure = "ks2_reading_progress"
    value = 0.5
    missing_reason = ""
    source = factory.SubFactory(PerformanceImportFactory)


class MissingFigureFactory(FigureFactory):
    value = None
    missing_reason = "SUPP"


class EstablishmentLinkFactory(DjangoModelFactory[EstablishmentLink]):
    class Meta:
        model = EstablishmentLink

    urn = factory.Sequence(lambda n: 900_000 + n)
    linked_urn = factory.Sequence(lambda n: 800_000 + n)
    link_type = "Predecessor"
    source = factory.SubFactory(PerformanceImportFactory, kind="links", year=None)


class LocalKnowledgeFactory(DjangoModelFactory[LocalKnowledge]):
    class Meta:
        model = LocalKnowledge

    school = factory.SubFactory(SchoolFactory)
    la = factory.SelfAttribute("school.la")
    focus = "reading"
    kind = LocalKnowledge.Kind.STRENGTH
    note = "Strong phonics teaching, seen on the spring visit."
    source = "School improvement visit"
    observed_on = date(2019, 3, 27)
    recorded_by = factory.SubFactory(UserFactory)
    recorded_at = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
