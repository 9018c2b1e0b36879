"""The evidence rating: 0 to 5 padlocks in the spirit of the Education Endowment Foundation's
(EEF) security rating, which scores design, sample size, attrition, balance and threats.

Start from 5 and deduct, each deduction with its reason in plain words; the rating is always
5 less the deductions (they are trimmed so as never to pass 0):

- design: networks are not assigned at random, so a matched comparison earns 4 at most (EEF
  reserves 5 for randomised trials); with only one year before joining the parallel-trends
  assumption cannot be checked (3 at most), and a failed check costs 2;
- sample size: fewer than 30 member schools costs 1, fewer than 10 costs 2; fewer than
  5 networks costs 1 more (the uncertainty rests on the networks, not the schools);
- attrition: EEF's bands, 1 padlock for each 10 points of attrition above 10%;
- balance after matching, on what was matched: any |SMD| over 0.1 costs 1, over 0.25
  costs 2; the trend before joining, not matched on, costs 1 if its |SMD| is over 0.25 and
  the pre-trend test has not already counted it;
- regression to the mean: members picked for low results, with only one year before, may have
  been in a temporary dip that would have passed anyway; matching on one year's level cannot
  tell a dip from a lasting low level, so that costs 1.
"""

import math
from collections.abc import Sequence
from enum import StrEnum

from schoolweave.core.impact.balance import IMBALANCE, SERIOUS_IMBALANCE, worst_after
from schoolweave.core.impact.result import BalanceRow, Deduction

TOP = 5
FEW_SCHOOLS, VERY_FEW_SCHOOLS, FEW_NETWORKS = 30, 10, 5


class PreTrend(StrEnum):
    UNTESTABLE = "untestable"
    PARALLEL = "no evidence of different trends"
    DIFFERENT = "different"


def rate(
    *,
    n_cohort: int,
    clusters: int,
    attrition_rate: float,
    balance: Sequence[BalanceRow],
    pre_trend: PreTrend,
    regression_to_mean_risk: bool,
) -> tuple[int, tuple[Deduction, ...]]:
    found = [
        Deduction(
            1,
            "Schools were not put into networks at random, so members may differ from the "
            "comparison schools in ways the figures do not show. A matched comparison earns "
            "4 padlocks at most; 5 needs a randomised trial.",
        )
    ]
    found += _pre_trend(pre_trend)
    found += _size(n_cohort, clusters)
    found += _attrition(attrition_rate)
    found += _balance([r for r in balance if r.matched_on])
    if pre_trend is not PreTrend.DIFFERENT:
        found += _trend_balance([r for r in balance if not r.matched_on])
    if regression_to_mean_risk and pre_trend is PreTrend.UNTESTABLE:
        found.append(
            Deduction(
                1,
                "Members had low results before joining. With one year before, we cannot tell "
                "a temporary dip, which tends to pass anyway, from a lasting low level: the "
                "comparison schools are matched on that one year's level only.",
            )
        )
    trimmed = _trim(found)
    return TOP - sum(d.padlocks for d in trimmed), trimmed


def _pre_trend(pre_trend: PreTrend) -> list[Deduction]:
    if pre_trend is PreTrend.UNTESTABLE:
        return [
            Deduction(
                1,
                "Only one year of results before joining, so we cannot check that members and "
                "comparison schools were on the same path before: the assumption the estimate "
                "rests on.",
            )
        ]
    if pre_trend is PreTrend.DIFFERENT:
        return [
            Deduction(
                2,
                "Before joining, members' results were already moving differently from the "
                "comparison schools', so the estimate may show that difference rather than "
                "anything the networks did.",
            )
        ]
    return []


def _size(n_cohort: int, clusters: int) -> list[Deduction]:
    found = []
    if n_cohort < VERY_FEW_SCHOOLS:
        found.append(
            Deduction(
                2,
                f"Only {n_cohort} member schools: an effect of realistic size cannot be told "
                "from chance with so few.",
            )
        )
    elif n_cohort < FEW_SCHOOLS:
        found.append(
            Deduction(
                1,
                f"Only {n_cohort} member schools (fewer than {FEW_SCHOOLS}): a modest effect "
                "would be hard to tell from chance.",
            )
        )
    if clusters < FEW_NETWORKS:
        found.append(
            Deduction(
                1,
                f"The member schools are in only {clusters} network"
                f"{'' if clusters == 1 else 's'}: what happened in any one network weighs "
                "heavily, and the uncertainty is hard to judge.",
            )
        )
    return found


def _attrition(rate: float) -> list[Deduction]:
    padlocks = min(TOP, max(0, math.ceil(round(100 * rate, 6) / 10) - 1))
    if padlocks == 0:
        return []
    return [
        Deduction(
            padlocks,
            f"{100 * rate:.0f}% of the member schools have no result after joining (closed, "
            "converted or not published) and drop out: those lost may differ from those left.",
        )
    ]


def _balance(rows: Sequence[BalanceRow]) -> list[Deduction]:
    worst = worst_after([r for r in rows if r.smd_after is not None])
    if worst is None or worst.smd_after is None or abs(worst.smd_after) <= IMBALANCE:
        return []
    padlocks = 2 if abs(worst.smd_after) > SERIOUS_IMBALANCE else 1
    return [
        Deduction(
            padlocks,
            f"After matching, members and comparison schools still differ on "
            f"{_in_sentence(worst.label)} (standardised difference "
            f"{worst.smd_after:+.2f}; above {IMBALANCE} is an imbalance).",
        )
    ]


def _trend_balance(rows: Sequence[BalanceRow]) -> list[Deduction]:
    """The trend before joining, not matched on, varies by chance from school to school, so
    only a serious difference counts, and only when the pre-trend test has not counted it."""
    worst = worst_after([r for r in rows if r.smd_after is not None])
    if worst is None or worst.smd_after is None or abs(worst.smd_after) <= SERIOUS_IMBALANCE:
        return []
    return [
        Deduction(
            1,
            f"Before joining, members' trend differed from the comparison schools' "
            f"(standardised difference {worst.smd_after:+.2f}), though not by enough for the "
            "test to be sure: the estimate may partly reflect that.",
        )
    ]


def _in_sentence(label: str) -> str:
    """ "Pupils (%)" -> "pupils (%)", but "KS2 maths" stays as it is."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _trim(found: list[Deduction]) -> tuple[Deduction, ...]:
    """Keep every reason, but never deduct more than 5 in all."""
    left = TOP
    kept = []
    for deduction in found:
        take = min(deduction.padlocks, left)
        left -= take
        kept.append(Deduction(take, deduction.reason))
    return tuple(kept)
