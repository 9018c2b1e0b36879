"""Distances for the expertise search, self-review comparisons and summaries, and computed
strengths as offers: the pure parts, no database."""

import pytest

from schoolweave.core.geo import km_between
from schoolweave.core.knowledge.expertise import ComputedStrength, offers_from_strengths
from schoolweave.core.knowledge.reviews import Section, change, changes, struggles
from schoolweave.core.knowledge.search import distances_within
from schoolweave.core.knowledge.vocabulary import Phase, Rating

OLDBURY = (52.505, -2.016)
WEST_BROMWICH = (52.518, -1.995)  # about 2 km away
WOLVERHAMPTON = (52.586, -2.128)  # about 11.8 km away


def test_it_keeps_points_within_the_distance_with_great_circle_kilometres() -> None:
    points = [("wb", *WEST_BROMWICH), ("wv", *WOLVERHAMPTON), ("here", *OLDBURY)]
    found = distances_within(origin=OLDBURY, points=points, km=10)
    assert set(found) == {"wb", "here"}
    assert found["here"] == 0.0
    assert found["wb"] == pytest.approx(km_between(OLDBURY, WEST_BROMWICH), abs=0.06)
    everything = distances_within(origin=OLDBURY, points=points, km=None)
    assert everything["wv"] == pytest.approx(km_between(OLDBURY, WOLVERHAMPTON), abs=0.06)
    assert everything["wv"] > 10


def test_no_points_no_distances() -> None:
    assert distances_within(origin=OLDBURY, points=[], km=5) == {}
    assert distances_within(origin=OLDBURY, points=[("wv", *WOLVERHAMPTON)], km=1) == {}


def test_a_rating_is_better_worse_or_the_same_as_last_time() -> None:
    assert change(Rating.STRONG, Rating.DEVELOPING) == 1
    assert change(Rating.STRUGGLING, Rating.DEVELOPING) == -1
    assert change(Rating.NOT_STARTED, Rating.NOT_STARTED) == 0
    assert change(Rating.STRONG, None) is None
    current = {"focus_1": Rating.STRONG, "focus_2": Rating.STRUGGLING}
    assert changes(current, {"focus_1": Rating.DEVELOPING}) == {"focus_1": 1, "focus_2": None}
    assert changes(current, None) == {"focus_1": None, "focus_2": None}


def test_struggles_count_networks_not_answers_and_name_the_hardest_question() -> None:
    sections = [Section("focus", ("focus_1", "focus_2")), Section("ownership", ("ownership_1",))]
    latest = {
        1: {
            "focus_1": Rating.STRUGGLING,
            "focus_2": Rating.NOT_STARTED,
            "ownership_1": Rating.STRONG,
        },
        2: {"focus_1": Rating.DEVELOPING, "focus_2": Rating.STRUGGLING},
        3: {"ownership_1": Rating.DEVELOPING},
    }
    focus, ownership = struggles(latest=latest, sections=sections)
    assert (focus.reviewed, focus.struggling) == (2, 2)
    assert focus.hardest == ("focus_2",)
    assert focus.mean == pytest.approx((2 + 1 + 3 + 2) / 4)
    assert focus.share == 1.0
    assert (ownership.reviewed, ownership.struggling, ownership.hardest) == (2, 0, ())
    assert ownership.mean == pytest.approx(3.5)


def test_no_reviews_an_empty_summary() -> None:
    [summary] = struggles(latest={}, sections=[Section("focus", ("focus_1",))])
    assert (summary.reviewed, summary.struggling, summary.mean, summary.share) == (0, 0, None, 0.0)


def test_computed_strengths_become_offers_where_the_focus_maps() -> None:
    offers = offers_from_strengths(
        [
            ComputedStrength(103950, "reading", "Reading progress was +2.1 ...", 2019, 0.9),
            ComputedStrength(103950, "ofsted", "Rated Outstanding", 2019, None),
            ComputedStrength(100001, "maths", "Maths progress ...", 2019, 0.6),
        ]
    )
    assert [(o.urn, o.focus, o.phase) for o in offers] == [
        (100001, "maths", Phase.KS2),
        (103950, "reading", Phase.KS2),
    ]
    assert offers[1].reason == "Reading progress was +2.1 ..."
