"""Fixtures shared across the test suite; factories are in tests/factories.py."""

import pytest

from schoolweave.register.models import LocalAuthority
from tests.factories import LocalAuthorityFactory


@pytest.fixture
def sandwell(db: None) -> LocalAuthority:
    """The demo's local authority, with a boundary."""
    return LocalAuthorityFactory(
        code="333",
        name="Sandwell",
        region="West Midlands",
        gss_code="E08000028",
        with_boundary=True,
    )
