"""A small LA with three triads that started in September 2018 and schools in no network, all
with KS2 maths progress in 2018 (before) and 2019 (after)."""

from dataclasses import dataclass
from datetime import date

import pytest
from tests.conftest import Cast
from tests.evidence.factories import PerformanceImportFactory
from tests.factories import NetworkFactory
from tests.impact.factories import school_with

from schoolweave.networks.models import Network
from schoolweave.register.models import School

TRIAD_START = date(2018, 9, 1)


@dataclass
class Scenario:
    cast: Cast
    triads: list[Network]
    members: list[School]
    pool: list[School]


@pytest.fixture
def scenario(cast: Cast) -> Scenario:
    source = PerformanceImportFactory()
    triads = [
        NetworkFactory(name=f"Maths Triad {n}", owner_las=[cast.la_a], start_date=TRIAD_START)
        for n in range(1, 4)
    ]
    members = [
        school_with(
            -2.0 + 0.3 * i,
            -0.5 + 0.3 * i,
            la=cast.la_a,
            source=source,
            network=triads[i // 3],
            joined=TRIAD_START,
        )
        for i in range(9)
    ]
    pool = [
        school_with(
            -3.0 + 0.2 * i,
            -2.8 + 0.2 * i + (0.3 if i % 2 else -0.3),
            la=cast.la_a if i % 2 else cast.la_b,
            source=source,
        )
        for i in range(30)
    ]
    return Scenario(cast, triads, members, pool)
