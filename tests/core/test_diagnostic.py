"""The six-approach diagnostic's rules, case by case: each approach can come first, every reason
is one of the answers given, influence weighs as the seeds say, and the warnings follow."""

import pytest

from schoolweave.core.knowledge.diagnostic import (
    FITS,
    MISSING,
    NOT_ALLOWED,
    NOT_AN_OBJECT,
    RULES,
    UNKNOWN_FIELD,
    Answers,
    AnswersInvalid,
    diagnose,
    parse_answers,
)
from schoolweave.core.knowledge.vocabulary import (
    CRITERION_VALUES,
    Approach,
    Capacity,
    Criterion,
    Influence,
    Knowledge,
    Purpose,
    Structures,
)


def answers_for(approach: Approach, influence: Influence = Influence.MEDIUM) -> dict[str, str]:
    """Answers that describe `approach` on every criterion that has one."""
    found = {c.value: next(v for v, a in FITS[c].items() if a is approach) for c in FITS}
    return {**found, "influence": influence.value}


def test_the_vocabulary_is_the_issues() -> None:
    assert [a.value for a in Approach] == [
        "consulting",
        "enquiring",
        "replicating",
        "directing",
        "responding",
        "landscaping",
    ]
    assert CRITERION_VALUES[Criterion.KNOWLEDGE] == (
        "less_than_networks",
        "variable",
        "developed_but_local",
        "low_but_policy_strong",
        "high_long_standing",
        "theoretical",
    )
    assert CRITERION_VALUES[Criterion.STRUCTURES] == (
        "multiple_overlapping_different_purposes",
        "established_weakly_connected",
        "few_well_defined_others_emergent",
        "initiative_driven",
        "complex_mature_varied_commitment",
        "multiple_dispersed_incoherent",
    )
    assert CRITERION_VALUES[Criterion.CAPACITY] == (
        "in_networks_fragmented",
        "high_but_few_enthusiasts",
        "limited_voluntary_moderate_commitment",
        "moderate_relies_on_incentives",
        "medium_some_self_sustaining",
        "high_strong_vision",
    )
    assert CRITERION_VALUES[Criterion.INFLUENCE] == ("low", "medium", "high")
    assert CRITERION_VALUES[Criterion.PURPOSE] == (
        "buy_in",
        "knowledge_generation",
        "spread_practice",
        "rapid_delivery",
        "re_engage",
        "coherence",
    )


def test_each_value_of_each_criterion_describes_one_approach_in_the_seeds_order() -> None:
    for criterion, fits in FITS.items():
        assert list(fits) == list(CRITERION_VALUES[criterion])
        assert list(fits.values()) == list(Approach)


@pytest.mark.parametrize("approach", list(Approach))
@pytest.mark.parametrize("influence", list(Influence))
def test_each_approach_comes_first_when_the_answers_describe_it(
    approach: Approach, influence: Influence
) -> None:
    diagnosis = diagnose(answers=parse_answers(answers_for(approach, influence)))
    assert diagnosis.best.approach is approach
    criteria = [r.criterion for r in diagnosis.best.reasons if r.points > 0]
    assert set(criteria) >= set(FITS)


@pytest.mark.parametrize("approach", list(Approach))
def test_the_purpose_alone_decides_when_the_other_answers_are_scattered(approach: Approach) -> None:
    # Knowledge, structures and capacity each point at a different approach, none of them this one.
    others = [a for a in Approach if a is not approach]
    answers = {
        c.value: next(v for v, a in FITS[c].items() if a is other)
        for c, other in zip(
            (Criterion.KNOWLEDGE, Criterion.STRUCTURES, Criterion.CAPACITY), others, strict=False
        )
    }
    answers["purpose"] = next(v for v, a in FITS[Criterion.PURPOSE].items() if a is approach)
    answers["influence"] = "medium"
    diagnosis = diagnose(answers=parse_answers(answers))
    assert diagnosis.best.approach is approach


def test_reasons_are_the_answers_given_and_their_points_make_the_score() -> None:
    answers = parse_answers(
        {
            "knowledge": "variable",
            "structures": "multiple_overlapping_different_purposes",
            "capacity": "high_strong_vision",
            "influence": "high",
            "purpose": "knowledge_generation",
        }
    )
    diagnosis = diagnose(answers=answers)
    by_approach = {r.approach: r for r in diagnosis.ranking}
    enquiring = by_approach[Approach.ENQUIRING]
    assert [(r.criterion, r.value) for r in enquiring.reasons] == [
        (Criterion.KNOWLEDGE, "variable"),
        (Criterion.PURPOSE, "knowledge_generation"),
    ]
    assert enquiring.score == 2 + 3
    landscaping = by_approach[Approach.LANDSCAPING]
    assert [(r.criterion, r.value, r.points) for r in landscaping.reasons] == [
        (Criterion.STRUCTURES, "multiple_overlapping_different_purposes", 1),
        (Criterion.CAPACITY, "high_strong_vision", 2),
    ]
    consulting = by_approach[Approach.CONSULTING]
    assert [(r.criterion, r.points) for r in consulting.reasons] == [(Criterion.STRUCTURES, 2)]
    directing = by_approach[Approach.DIRECTING]
    assert [(r.criterion, r.value, r.points) for r in directing.reasons] == [
        (Criterion.INFLUENCE, "high", 2)
    ]
    for ranked in diagnosis.ranking:
        assert ranked.score == sum(r.points for r in ranked.reasons)
        assert all(answers.value(r.criterion) == r.value for r in ranked.reasons)


def test_low_influence_favours_consulting_and_counts_against_directing() -> None:
    medium = diagnose(answers=parse_answers(answers_for(Approach.REPLICATING)))
    low = diagnose(answers=parse_answers(answers_for(Approach.REPLICATING, Influence.LOW)))
    score = {r.approach: r.score for r in medium.ranking}
    score_low = {r.approach: r.score for r in low.ranking}
    assert score_low[Approach.CONSULTING] == score[Approach.CONSULTING] + 2
    assert score_low[Approach.DIRECTING] == score[Approach.DIRECTING] - 2
    keys = {r.key for r in low.ranking[-1].reasons}
    assert low.ranking[-1].approach is Approach.DIRECTING
    assert keys == {"low_influence_direct"}


def test_high_influence_favours_directing() -> None:
    high = diagnose(answers=parse_answers(answers_for(Approach.ENQUIRING, Influence.HIGH)))
    directing = next(r for r in high.ranking if r.approach is Approach.DIRECTING)
    assert [r.key for r in directing.reasons] == ["high_influence_direct"]
    assert directing.score == 2


@pytest.mark.parametrize(
    ("criterion", "value", "approach", "key"),
    [
        ("knowledge", "high_long_standing", Approach.REPLICATING, "much_knowledge_replicate"),
        (
            "structures",
            "multiple_overlapping_different_purposes",
            Approach.LANDSCAPING,
            "overlapping_landscape",
        ),
        ("structures", "multiple_dispersed_incoherent", Approach.CONSULTING, "dispersed_consult"),
        ("purpose", "coherence", Approach.CONSULTING, "coherence_consult"),
    ],
)
def test_the_seeds_further_links_score_one_point(
    criterion: str, value: str, approach: Approach, key: str
) -> None:
    answers = {**answers_for(Approach.ENQUIRING), criterion: value}
    ranked = next(
        r for r in diagnose(answers=parse_answers(answers)).ranking if r.approach is approach
    )
    assert [(r.key, r.points) for r in ranked.reasons if r.criterion.value == criterion] == [
        (key, 1)
    ]


def test_ties_go_to_the_approach_first_in_the_seeds_order() -> None:
    answers = parse_answers(
        {
            "knowledge": "theoretical",  # landscaping 2
            "structures": "established_weakly_connected",  # enquiring 2
            "capacity": "limited_voluntary_moderate_commitment",  # replicating 2
            "influence": "medium",
            "purpose": "re_engage",  # responding 3
        }
    )
    ranking = [r.approach for r in diagnose(answers=answers).ranking]
    assert ranking == [
        Approach.RESPONDING,
        Approach.ENQUIRING,
        Approach.REPLICATING,
        Approach.LANDSCAPING,
        Approach.CONSULTING,
        Approach.DIRECTING,
    ]


# Warnings --------------------------------------------------------------------------------------


def _warnings(**answers: str) -> tuple[str, ...]:
    return diagnose(answers=parse_answers(answers)).warnings


def test_a_low_influence_la_leaning_to_directing_is_warned_of_resistance() -> None:
    directing = answers_for(Approach.DIRECTING, Influence.LOW)
    assert "low_influence_directing" in _warnings(**directing)
    one_lean = {**answers_for(Approach.ENQUIRING, Influence.LOW), "purpose": "rapid_delivery"}
    assert "low_influence_directing" in _warnings(**one_lean)
    high = answers_for(Approach.DIRECTING, Influence.HIGH)
    assert "low_influence_directing" not in _warnings(**high)
    no_lean = answers_for(Approach.ENQUIRING, Influence.LOW)
    assert "low_influence_directing" not in _warnings(**no_lean)


def test_a_clear_fit_has_no_close_call_or_loose_fit() -> None:
    warnings = _warnings(**answers_for(Approach.CONSULTING))
    assert "close_call" not in warnings
    assert "loose_fit" not in warnings


def test_scattered_answers_warn_of_a_loose_fit_and_a_close_call() -> None:
    warnings = _warnings(
        knowledge="variable",
        structures="initiative_driven",
        capacity="high_strong_vision",
        influence="medium",
        purpose="buy_in",
    )
    assert "loose_fit" in warnings
    assert "close_call" in warnings


@pytest.mark.parametrize(
    ("approach", "key", "fixed", "condition_met"),
    [
        (Approach.ENQUIRING, "enquiring_spread", {}, None),
        (Approach.LANDSCAPING, "landscaping_capacity", {"capacity": "in_networks_fragmented"}, {}),
        (
            Approach.RESPONDING,
            "responding_immature",
            {"structures": "initiative_driven"},
            {},
        ),
        (Approach.DIRECTING, "directing_policy", {}, None),
    ],
)
def test_warnings_about_the_approach_that_comes_first(
    approach: Approach, key: str, fixed: dict[str, str], condition_met: dict[str, str] | None
) -> None:
    answers = {**answers_for(approach), **fixed}
    diagnosis = diagnose(answers=parse_answers(answers))
    assert diagnosis.best.approach is approach
    assert key in diagnosis.warnings
    if condition_met is not None:  # the approach's condition met: no warning
        assert key not in _warnings(**answers_for(approach))


def test_consulting_for_quick_delivery_is_slow() -> None:
    answers = {**answers_for(Approach.CONSULTING), "purpose": "rapid_delivery"}
    diagnosis = diagnose(answers=parse_answers(answers))
    assert diagnosis.best.approach is Approach.CONSULTING
    assert "consulting_slow" in diagnosis.warnings


def test_coherence_with_capacity_in_the_networks_meets_the_autonomy_tension() -> None:
    warnings = _warnings(
        **{**answers_for(Approach.LANDSCAPING), "capacity": "in_networks_fragmented"}
    )
    assert "autonomy_coherence" in warnings


# Reading answers ---------------------------------------------------------------------------------


def test_it_reads_answers_into_the_vocabulary() -> None:
    answers = parse_answers(answers_for(Approach.RESPONDING, Influence.HIGH))
    assert answers == Answers(
        Knowledge.HIGH_LONG_STANDING,
        Structures.COMPLEX_MATURE_VARIED_COMMITMENT,
        Capacity.MEDIUM_SOME_SELF_SUSTAINING,
        Influence.HIGH,
        Purpose.RE_ENGAGE,
    )
    assert answers.as_json()["purpose"] == "re_engage"


def test_a_bad_answer_names_the_field_and_the_allowed_values() -> None:
    with pytest.raises(AnswersInvalid) as caught:
        parse_answers({**answers_for(Approach.CONSULTING), "influence": "huge"})
    [problem] = caught.value.problems
    assert problem.field == "influence"
    assert problem.message == NOT_ALLOWED.format(
        field="influence", value='"huge"', allowed="low, medium, high"
    )


def test_every_problem_is_reported() -> None:
    with pytest.raises(AnswersInvalid) as caught:
        parse_answers({"knowledge": 3, "colour": "blue", "purpose": "buy_in"})
    fields = [p.field for p in caught.value.problems]
    assert fields == ["colour", "knowledge", "structures", "capacity", "influence"]
    messages = [p.message for p in caught.value.problems]
    assert messages[0] == UNKNOWN_FIELD.format(
        field="colour", fields="knowledge, structures, capacity, influence, purpose"
    )
    assert "`knowledge` is 3, which is not one of" in messages[1]
    assert messages[2] == MISSING.format(
        field="structures", allowed=", ".join(CRITERION_VALUES[Criterion.STRUCTURES])
    )


def test_answers_must_be_an_object() -> None:
    with pytest.raises(AnswersInvalid) as caught:
        parse_answers(["consulting"])
    assert caught.value.problems[0].message == NOT_AN_OBJECT.format(
        fields="knowledge, structures, capacity, influence, purpose"
    )


def test_every_rule_is_about_an_allowed_value() -> None:
    for rule in RULES:
        assert rule.value in CRITERION_VALUES[rule.criterion]


def test_a_tie_goes_to_the_approach_the_purpose_points_to() -> None:
    answers = parse_answers(
        {
            "knowledge": "less_than_networks",  # consulting 2
            "structures": "established_weakly_connected",  # enquiring 2
            "capacity": "limited_voluntary_moderate_commitment",  # replicating 2
            "influence": "medium",
            "purpose": "coherence",  # landscaping 3, consulting 1
        }
    )
    ranking = diagnose(answers=answers).ranking
    assert [(r.approach, r.score) for r in ranking[:2]] == [
        (Approach.LANDSCAPING, 3),
        (Approach.CONSULTING, 3),
    ]
