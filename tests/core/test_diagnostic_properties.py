"""Properties of the diagnostic over every valid set of answers."""

from hypothesis import given
from hypothesis import strategies as st

from schoolweave.core.knowledge.diagnostic import Answers, diagnose, parse_answers
from schoolweave.core.knowledge.vocabulary import CRITERION_VALUES, Approach, Criterion

answers = st.fixed_dictionaries(
    {c.value: st.sampled_from(CRITERION_VALUES[c]) for c in Criterion}
).map(parse_answers)


@given(answers)
def test_any_valid_answers_rank_all_six_approaches_best_first(given_answers: Answers) -> None:
    ranking = diagnose(answers=given_answers).ranking
    assert sorted(r.approach for r in ranking) == sorted(Approach)
    scores = [r.score for r in ranking]
    assert scores == sorted(scores, reverse=True)


@given(answers)
def test_scores_are_deterministic(given_answers: Answers) -> None:
    assert diagnose(answers=given_answers) == diagnose(answers=given_answers)
    again = parse_answers(given_answers.as_json())
    assert diagnose(answers=again) == diagnose(answers=given_answers)


@given(answers)
def test_every_score_is_its_reasons_and_every_reason_an_answer(given_answers: Answers) -> None:
    for ranked in diagnose(answers=given_answers).ranking:
        assert ranked.score == sum(r.points for r in ranked.reasons)
        for reason in ranked.reasons:
            assert reason.approach is ranked.approach
            assert given_answers.value(reason.criterion) == reason.value


@given(answers)
def test_some_approach_always_fits(given_answers: Answers) -> None:
    # The purpose gives its approach 3 points; only low influence takes any away (2, from
    # directing), and then it gives consulting 2.
    assert diagnose(answers=given_answers).best.score >= 2
