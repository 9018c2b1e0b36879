"""Uncertainty of a school's figure, under assumptions each function states."""

import math

Z95 = 1.959963984540054  # the 97.5th percentile of the standard normal distribution


def se_from_interval(lower: float, upper: float) -> float:
    """Standard error behind a symmetric 95% confidence interval, as DfE publishes them."""
    return abs(upper - lower) / (2 * Z95)


def se_of_mean(pupil_sd: float, pupils: float) -> float:
    """Standard error of a school's average of pupils' scores: DfE's own model for progress
    intervals (pupils as a sample of those the school might have taught)."""
    return pupil_sd / math.sqrt(pupils)


def se_of_percentage(percent: float, pupils: float) -> float:
    """Standard error of a percentage of pupils, on the 0-100 scale. A binomial model, with the
    proportion moved in from 0 and 100 by half a pupil (a school with every pupil at the
    standard is not certain to stay there)."""
    p = min(max(percent / 100, 0.5 / pupils), 1 - 0.5 / pupils)
    return 100 * math.sqrt(p * (1 - p) / pupils)
