"""Pages that read a URN or a year typed by a user answer, not fail, on digits that are not
ASCII ("²") or too many to be one."""

import pytest

from tests.conftest import Cast


@pytest.mark.parametrize("typed", ["²", "1" * 30])
def test_knowledge_and_impact_pages_take_odd_digits(cast: Cast, typed: str) -> None:
    client = cast.client("officer_a")
    for path in (
        f"/expertise/?near={typed}",
        f"/la/333/impact/triad/?start_year={typed}",
    ):
        assert client.get(path).status_code < 500, path
