"""Bench: does the impact evaluation's 95% interval cover a known truth 95% of the time, and
is the naive "% improved" fooled where the estimate is not?

Real data: every school's KS2 maths progress in 2017/18 and 2018/19 (Sandwell and its
neighbours, the demo files, read by Schoolweave's own parser). Each replication draws a
fresh cohort, plants a known effect on its 2018/19 figures, evaluates it against every other
school, and records whether the interval covers the planted effect. Synthetic panels with
three years before joining exercise the trend checks, which the real data cannot.

Prints, per scenario: coverage with its Monte Carlo standard error, mean estimate against the
truth, mean interval width, the naive figures for members and comparison, pre-trend flags,
the padlocks given, and milliseconds per evaluation (for information; no target).

    .venv/bin/python bench/impact_coverage.py [--replications 1000] [--seed 1]
"""

import argparse
import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from schoolweave.core.impact.simulation import Scenario, real_series, run, synthetic_series

DATA = Path(__file__).resolve().parent.parent / "src" / "schoolweave" / "demo" / "data"
EFFECT = 1.5


def scenarios(replications: int, seed: int) -> list[tuple[str, Any, dict[str, Any]]]:
    real = real_series(DATA)
    years = (2015, 2016, 2017, 2018, 2019)
    synthetic = synthetic_series(np.random.default_rng(seed), years=years)
    fewer = max(replications // 3, 50)
    return [
        ("real: random cohorts of 30 in 10 networks, +1.5 planted", real, {"effect": EFFECT}),
        (
            "real: low-prior cohorts of 30 (bottom quarter in 2017/18), no effect",
            real,
            {"effect": 0.0, "low_prior": True},
        ),
        (
            "real: random cohorts of 30, +1.5 planted, networks differ (SD 1.0)",
            real,
            {"effect": EFFECT, "network_sd": 1.0},
        ),
        (
            "real: random cohorts of 30 in 3 networks, +1.5 planted, networks differ (SD 1.0)",
            real,
            {"effect": EFFECT, "networks": 3, "network_sd": 1.0},
        ),
        (
            "real: random cohorts of 10 in 5 networks, +1.5 planted",
            real,
            {"effect": EFFECT, "size": 10, "networks": 5},
        ),
        (
            "synthetic, 3 years before: random cohorts, +1.5 planted",
            synthetic,
            {"effect": EFFECT, "start_year": 2018, "replications": fewer},
        ),
        (
            "synthetic, 3 years before: low-prior cohorts, no effect",
            synthetic,
            {"effect": 0.0, "start_year": 2018, "low_prior": True, "replications": fewer},
        ),
        (
            "synthetic, 3 years before: members rising 1.5 a year before joining, no effect",
            synthetic,
            {"effect": 0.0, "start_year": 2018, "trend": 1.5, "replications": fewer},
        ),
    ]


def describe(scenario: Scenario, truth: float, seconds: float) -> str:
    done = scenario.replications - scenario.suppressed
    mc_se = math.sqrt(scenario.coverage * (1 - scenario.coverage) / done) if done else math.nan
    ratings = Counter(scenario.ratings)
    padlocks = ", ".join(f"{k}: {ratings[k]}" for k in sorted(ratings))
    return "\n".join(
        [
            scenario.name,
            f"  replications {scenario.replications} (suppressed {scenario.suppressed})",
            f"  coverage of the truth ({truth:+.1f}): {scenario.coverage:.3f} "
            f"(Monte Carlo SE {mc_se:.3f}; nominal 0.950)",
            f"  mean estimate {scenario.mean_estimate:+.3f} (bias "
            f"{scenario.mean_estimate - truth:+.3f}), SD {np.std(scenario.estimates):.3f}, "
            f"mean interval width {np.mean(scenario.widths):.2f}",
            f"  naive: members improved {scenario.mean_naive:.1f}%, comparison improved "
            f"{scenario.mean_comparison_naive:.1f}%; members' mean rose "
            f"{scenario.mean_member_change:+.2f}",
            f"  pre-trends flagged different: {scenario.different_pre_trends}; padlocks "
            f"given {{{padlocks}}}",
            f"  {1000 * seconds / max(scenario.replications, 1):.0f} ms per evaluation",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replications", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for index, (name, schools, options) in enumerate(scenarios(args.replications, args.seed)):
        options = {"replications": args.replications, "start_year": 2019, **options}
        began = time.perf_counter()
        scenario = run(name, schools, seed=args.seed * 1000 + index, **options)
        print(describe(scenario, options["effect"], time.perf_counter() - began), flush=True)


if __name__ == "__main__":
    main()
