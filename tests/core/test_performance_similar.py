"""Similar schools on a small set whose answers are worked out by hand, and the KD-tree against
brute force on a larger one."""

import numpy as np
import pytest

from schoolweave.core.performance.figures import (
    FigureRow,
    RegisterFacts,
    by_measure,
    comparison_group,
    prior_attainment,
    school_context,
)
from schoolweave.core.performance.similar import (
    SchoolContext,
    brute_force_nearest,
    feature_matrix,
    similar_schools,
)


def _school(
    urn: int, prior: float | None, region: str = "West Midlands", **extra: float | None
) -> SchoolContext:
    features = {"prior_attainment": prior, "cohort": 30.0, "ofsted": 2.0, "fsm": None, **extra}
    return SchoolContext(urn=urn, group="primary", region=region, features=features)


# Prior attainment 100, 100, 103, 104, 110, 110: the 1st-99th percentile range is exactly 10
# (the two lowest and two highest are equal). Cohort and Ofsted are the same everywhere, so they
# cannot separate schools and are not used: prior attainment carries the whole weight, and the
# distance between two schools is |difference| / 10.
HAND = [
    _school(1, 100.0),
    _school(2, 100.0, region="London"),
    _school(3, 103.0),
    _school(4, 104.0, region="London"),
    _school(5, 110.0),
    _school(6, 110.0),
]


def test_distances_on_a_hand_checked_set() -> None:
    result = similar_schools(schools=HAND, set_size=5)
    school_3 = result.sets[3]
    assert [(n.urn, round(n.distance, 6)) for n in school_3.family] == [
        (4, 0.1),
        (1, 0.3),
        (2, 0.3),  # ties are broken by URN
        (5, 0.7),
        (6, 0.7),
    ]
    uses = {u.feature: u for u in result.groups["primary"].features}
    assert uses["prior_attainment"].used and uses["prior_attainment"].weight == 1.0
    assert not uses["cohort"].used and not uses["ofsted"].used
    assert (uses["fsm"].used, uses["fsm"].known) == (False, 0)


def test_the_comparator_set_prefers_the_region_among_the_nearest() -> None:
    # FBIT's rule with 3 candidates and a set of 2: of school 3's nearest three (4 in London at
    # 0.1, then 1 and 2 at 0.3), school 1 shares its region and comes in before 2.
    result = similar_schools(schools=HAND, candidates=3, set_size=2)
    chosen = result.sets[3].comparators
    assert [(n.urn, n.same_region) for n in chosen] == [(4, False), (1, True)]


def test_a_school_missing_a_feature_gets_the_median_but_is_nobodys_comparator() -> None:
    schools = [*HAND, _school(7, None)]
    result = similar_schools(schools=schools, set_size=10)
    assert result.sets[7].imputed == ("prior_attainment",)
    assert result.sets[7].comparators == ()  # it knows too little of its context
    assert all(7 not in {n.urn for n in s.family} for s in result.sets.values())


def test_groups_are_compared_apart() -> None:
    other = SchoolContext(
        urn=9, group="secondary", region="West Midlands", features={"prior_attainment": 103.0}
    )
    result = similar_schools(schools=[*HAND, other])
    assert all(n.urn != 9 for n in result.sets[3].family)
    assert result.sets[9].family == ()  # alone in its group


def test_the_kd_tree_finds_exactly_what_brute_force_finds() -> None:
    rng = np.random.default_rng(7)
    schools = [
        SchoolContext(
            urn=1000 + i,
            group="primary",
            region=str(rng.integers(0, 9)),
            features={
                "prior_attainment": float(rng.normal(104, 3)),
                "cohort": float(rng.integers(8, 120)),
                "ofsted": float(rng.integers(1, 5)),
                "disadvantaged": float(rng.uniform(0, 70)),
            },
        )
        for i in range(1500)
    ]
    result = similar_schools(schools=schools, family_size=50)
    points, _, _ = feature_matrix(sorted(schools, key=lambda s: s.urn))
    brute = brute_force_nearest(points, 51)
    for row in range(0, 1500, 37):
        expected = {1000 + j for j in brute[row] if j != row}
        found = {n.urn for n in result.sets[1000 + row].family}
        assert found == expected


def test_context_comes_from_dfe_figures_across_a_conversion() -> None:
    # KS2 2017/18 under a predecessor's URN: score 105, progress +2 (reading) and 103, -1 (maths).
    figures = [
        FigureRow(111, 2018, "ks2_reading_score", 105.0),
        FigureRow(111, 2018, "ks2_reading_progress", 2.0),
        FigureRow(111, 2018, "ks2_maths_score", 103.0),
        FigureRow(111, 2018, "ks2_maths_progress", -1.0),
        FigureRow(111, 2018, "ks2_pupils", 45.0),
        FigureRow(222, 2019, "ofsted_rating", 3.0),
    ]
    assert prior_attainment(by_measure(figures), "ks2") == pytest.approx((103 + 104) / 2)
    facts = RegisterFacts(urn=222, phase="Primary", type_group="Academies", region="London")
    context = school_context(facts=facts, figures=figures)
    assert context.group == "primary"
    assert context.features["cohort"] == 45.0
    assert context.features["ofsted"] == 3.0
    assert context.features["fsm"] is None


@pytest.mark.parametrize(
    ("phase", "type_group", "group"),
    [
        ("Primary", "Local authority maintained schools", "primary"),
        ("Middle deemed secondary", "Academies", "secondary"),
        ("Secondary", "Special schools", "special secondary"),
        ("16 plus", "Independent schools", "independent 16 plus"),
        ("", "", "other"),
    ],
)
def test_comparison_groups(phase: str, type_group: str, group: str) -> None:
    assert comparison_group(phase, type_group) == group
