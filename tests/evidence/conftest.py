"""Fixtures for the evidence app's tests."""

from collections.abc import Iterator

import pytest

from tests.factories import SchoolFactory


@pytest.fixture(autouse=True)
def _school_urns_left_as_found() -> Iterator[None]:
    """tests/factories.py numbers schools from URN 100000 in one sequence for the whole run, and
    the permission cast's school has the real URN 103950. These tests make many schools; so
    that they do not bring later tests' sequence onto that URN, the sequence is put back after
    each test (whose rows are rolled back with it)."""
    start = SchoolFactory._meta.next_sequence()
    yield
    SchoolFactory.reset_sequence(start)
