from dataclasses import replace

from schoolweave.core.impact.wording import estimate_sentences, naive_sentence, number, year_label
from tests.core.impact.factories import PROGRESS


def test_years_read_as_academic_years() -> None:
    assert year_label(2019) == "2018/19"
    assert year_label(2000) == "1999/00"


def test_numbers_use_a_true_minus_sign() -> None:
    assert number(-0.4, 1) == "\u22120.4"


def _sentences(estimate: float, low: float, high: float, higher_is_better: bool = True) -> str:
    measure = replace(PROGRESS, higher_is_better=higher_is_better)
    return " ".join(
        estimate_sentences(
            measure=measure,
            estimate=estimate,
            ci_low=low,
            ci_high=high,
            n_comparison=48,
            pre_years=(2018,),
            post_years=(2019,),
        )
    )


def test_an_interval_across_zero_says_we_cannot_tell() -> None:
    text = _sentences(0.8, -0.4, 2.0)
    assert "rose by 0.8 points relative to that of 48 similar schools not in networks" in text
    assert "(95% confidence interval \u22120.4 to 2.0)" in text
    assert "we cannot tell whether the networks made a difference" in text


def test_an_interval_above_zero_says_better_with_the_caveat() -> None:
    text = _sentences(1.5, 0.5, 2.5)
    assert "did better than similar schools" in text
    assert "cannot rule out" in text


def test_a_rise_in_a_lower_is_better_measure_reads_as_worse() -> None:
    assert "did worse" in _sentences(1.5, 0.5, 2.5, higher_is_better=False)


def test_several_years_read_as_before_and_after_joining() -> None:
    text = estimate_sentences(
        measure=PROGRESS,
        estimate=-0.5,
        ci_low=-1.5,
        ci_high=0.5,
        n_comparison=10,
        pre_years=(2016, 2017, 2018),
        post_years=(2019, 2020),
    )[0]
    assert text.startswith(
        "From before joining (2015/16 to 2017/18) to after (2018/19 to 2019/20), member "
        "schools' KS2 maths progress fell by 0.5 points"
    )


def test_the_naive_sentence_sets_members_against_the_comparison() -> None:
    assert naive_sentence(75, 70) is not None
    assert "75% of member schools improved, but so did 70% of the comparison schools" in (
        naive_sentence(75, 70) or ""
    )
    assert "against 40%" in (naive_sentence(75, 40) or "")
    assert naive_sentence(None, 40) is None
