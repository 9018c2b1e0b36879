"""Impact evaluation: did schools in networks do better than similar schools not in them?

`evaluate` takes the member schools' figures (the cohort), every eligible school not in such
networks (the pool), a measure and the first academic year of membership, and gives back an
`ImpactResult`: a matched comparison, balance, a difference-in-differences estimate with a
confidence interval clustered by network, an effect size, the naive Sandwell-style figures for
members and comparison alike, a regression-to-the-mean flag, an evidence rating (0-5 padlocks)
with each deduction explained, disclosure-controlled year means and plain-English wording.
Pure Python: no Django. The method is described module by module: panel, matching, balance,
did, naive, years, rating, wording; simulation.py validates it (see bench/impact_coverage.py).
"""

from schoolweave.core.impact.evaluation import evaluate
from schoolweave.core.impact.result import (
    BalanceRow,
    Deduction,
    ImpactResult,
    NaiveFigures,
    SchoolSeries,
    YearMeans,
)

__all__ = [
    "BalanceRow",
    "Deduction",
    "ImpactResult",
    "NaiveFigures",
    "SchoolSeries",
    "YearMeans",
    "evaluate",
]
