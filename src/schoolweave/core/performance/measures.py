"""The measures Schoolweave stores, under one name each whatever file they came from.

A measure name is part of the public interface (`schoolweave export figures` prints it), so
names never change once published. DfE's column names for each are in `files.py`.
"""

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    SCORE = "score"  # a progress or value-added score, 0 = national average
    SCALED = "scaled"  # a KS2 scaled score (80-120), Attainment 8 or a points score
    PERCENT = "percent"  # 0-100
    COUNT = "count"  # pupils or students
    RATING = "rating"  # Ofsted: 1 outstanding ... 4 inadequate
    BAND = "band"  # DfE progress band: 1 well above average ... 5 well below average
    GBP = "gbp"


class KeyStage(StrEnum):
    KS2 = "ks2"
    KS4 = "ks4"
    KS5 = "ks5"
    OFSTED = "ofsted"
    FINANCE = "finance"


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    unit: Unit
    stage: KeyStage
    higher_is_better: bool = True
    # The measure counting the pupils behind this one (its weight in a network's figure).
    cohort: str | None = None
    # DfE's 95% confidence interval and progress band, where files publish them.
    ci_lower: str | None = None
    ci_upper: str | None = None
    band: str | None = None
    # Pupil-level standard deviation assumed when a file gives a cohort but no interval:
    # DfE's own interval is score +/- 1.96 * sd / sqrt(pupils). See docs/performance-data.md.
    pupil_sd: float | None = None
    # How figures of several schools combine: "mean" (pupil-weighted) or "sum".
    combine: str = "mean"

    @property
    def is_aggregatable(self) -> bool:
        return self.unit not in (Unit.RATING, Unit.BAND)


def _progress(name: str, label: str, stage: KeyStage, cohort: str, sd: float) -> list[Measure]:
    return [
        Measure(
            name,
            label,
            Unit.SCORE,
            stage,
            cohort=cohort,
            ci_lower=f"{name}_ci_lower",
            ci_upper=f"{name}_ci_upper",
            band=f"{name}_band",
            pupil_sd=sd,
        ),
        Measure(f"{name}_ci_lower", f"{label}: lower 95% confidence limit", Unit.SCORE, stage),
        Measure(f"{name}_ci_upper", f"{label}: upper 95% confidence limit", Unit.SCORE, stage),
        Measure(
            f"{name}_band",
            f"{label}: DfE band (1 well above to 5 well below average)",
            Unit.BAND,
            stage,
            higher_is_better=False,
        ),
    ]


def _percent(name: str, label: str, stage: KeyStage, cohort: str | None) -> Measure:
    return Measure(name, label, Unit.PERCENT, stage, cohort=cohort)


KS2, KS4, KS5 = KeyStage.KS2, KeyStage.KS4, KeyStage.KS5
# Pupil-level standard deviations: the largest values consistent with every school that DfE's
# 2017/18 tables band as significantly above or below average (tests/core/test_performance_
# strengths.py re-derives them from the real file), so intervals are never narrower than DfE's.
KS2_READING_SD, KS2_WRITING_SD, KS2_MATHS_SD, KS4_PROGRESS8_SD = 6.09, 5.80, 5.50, 1.28

_ALL: list[Measure] = [
    # Key stage 2 (end of primary school)
    Measure("ks2_pupils", "KS2: pupils at the end of key stage 2", Unit.COUNT, KS2),
    Measure("ks2_disadvantaged_pupils", "KS2: disadvantaged pupils", Unit.COUNT, KS2),
    _percent("ks2_disadvantaged_pct", "KS2: disadvantaged pupils (%)", KS2, "ks2_pupils"),
    Measure("ks2_prior_attainment", "KS2: pupils' average KS1 point score", Unit.SCALED, KS2),
    *_progress("ks2_reading_progress", "KS2 reading progress", KS2, "ks2_pupils", KS2_READING_SD),
    *_progress("ks2_writing_progress", "KS2 writing progress", KS2, "ks2_pupils", KS2_WRITING_SD),
    *_progress("ks2_maths_progress", "KS2 maths progress", KS2, "ks2_pupils", KS2_MATHS_SD),
    Measure("ks2_reading_score", "KS2 reading: average scaled score", Unit.SCALED, KS2),
    Measure("ks2_writing_score", "KS2 writing: average score", Unit.SCALED, KS2),
    Measure("ks2_maths_score", "KS2 maths: average scaled score", Unit.SCALED, KS2),
    _percent("ks2_reading_expected_pct", "KS2 reading: expected standard (%)", KS2, "ks2_pupils"),
    _percent("ks2_reading_higher_pct", "KS2 reading: higher standard (%)", KS2, "ks2_pupils"),
    _percent("ks2_writing_expected_pct", "KS2 writing: expected standard (%)", KS2, "ks2_pupils"),
    _percent("ks2_writing_higher_pct", "KS2 writing: greater depth (%)", KS2, "ks2_pupils"),
    _percent("ks2_maths_expected_pct", "KS2 maths: expected standard (%)", KS2, "ks2_pupils"),
    _percent("ks2_maths_higher_pct", "KS2 maths: higher standard (%)", KS2, "ks2_pupils"),
    _percent(
        "ks2_rwm_expected_pct",
        "KS2 reading, writing and maths: expected standard (%)",
        KS2,
        "ks2_pupils",
    ),
    _percent(
        "ks2_rwm_higher_pct",
        "KS2 reading, writing and maths: higher standard (%)",
        KS2,
        "ks2_pupils",
    ),
    _percent(
        "ks2_rwm_expected_pct_disadvantaged",
        "KS2 disadvantaged pupils: expected standard in reading, writing and maths (%)",
        KS2,
        "ks2_disadvantaged_pupils",
    ),
    # Key stage 4 (GCSE)
    Measure("ks4_pupils", "KS4: pupils at the end of key stage 4", Unit.COUNT, KS4),
    _percent("ks4_disadvantaged_pct", "KS4: disadvantaged pupils (%)", KS4, "ks4_pupils"),
    Measure("ks4_prior_attainment", "KS4: pupils' average KS2 point score", Unit.SCALED, KS4),
    *_progress("ks4_progress8", "Progress 8", KS4, "ks4_pupils", KS4_PROGRESS8_SD),
    Measure("ks4_attainment8", "Attainment 8", Unit.SCALED, KS4, cohort="ks4_pupils"),
    _percent(
        "ks4_english_maths_grade5_pct",
        "KS4: grade 5 or above in English and maths (%)",
        KS4,
        "ks4_pupils",
    ),
    _percent(
        "ks4_english_maths_grade4_pct",
        "KS4: grade 4 or above in English and maths (%)",
        KS4,
        "ks4_pupils",
    ),
    _percent("ks4_ebacc_entry_pct", "KS4: entering the EBacc (%)", KS4, "ks4_pupils"),
    _percent("ks4_ebacc_grade5_pct", "KS4: EBacc at grade 5 or above (%)", KS4, "ks4_pupils"),
    Measure(
        "ks4_ebacc_aps", "KS4: EBacc average point score", Unit.SCALED, KS4, cohort="ks4_pupils"
    ),
    Measure(
        "ks4_progress8_disadvantaged",
        "Progress 8 of disadvantaged pupils",
        Unit.SCORE,
        KS4,
        pupil_sd=KS4_PROGRESS8_SD,
    ),
    Measure(
        "ks4_attainment8_disadvantaged", "Attainment 8 of disadvantaged pupils", Unit.SCALED, KS4
    ),
    # Key stage 5 (16 to 18)
    Measure("ks5_students", "KS5: students aged 16 to 18", Unit.COUNT, KS5),
    Measure("ks5_alevel_students", "KS5: A-level students", Unit.COUNT, KS5),
    Measure(
        "ks5_alevel_aps",
        "A level: average point score per entry",
        Unit.SCALED,
        KS5,
        cohort="ks5_alevel_students",
    ),
    Measure(
        "ks5_alevel_value_added",
        "A level: value added",
        Unit.SCORE,
        KS5,
        cohort="ks5_alevel_entries",
        ci_lower="ks5_alevel_value_added_ci_lower",
        ci_upper="ks5_alevel_value_added_ci_upper",
        band="ks5_alevel_value_added_band",
    ),
    Measure("ks5_alevel_entries", "A level: entries", Unit.COUNT, KS5),
    Measure(
        "ks5_alevel_value_added_ci_lower", "A level value added: lower 95% limit", Unit.SCORE, KS5
    ),
    Measure(
        "ks5_alevel_value_added_ci_upper", "A level value added: upper 95% limit", Unit.SCORE, KS5
    ),
    Measure(
        "ks5_alevel_value_added_band",
        "A level value added: DfE band (1 well above to 5 well below average)",
        Unit.BAND,
        KS5,
        higher_is_better=False,
    ),
    _percent(
        "ks5_aab_pct",
        "KS5: AAB or better, two facilitating subjects (%)",
        KS5,
        "ks5_alevel_students",
    ),
    Measure(
        "ks5_alevel_value_added_disadvantaged",
        "A level value added: disadvantaged students",
        Unit.SCORE,
        KS5,
        cohort="ks5_alevel_entries_disadvantaged",
        ci_lower="ks5_alevel_value_added_disadvantaged_ci_lower",
        ci_upper="ks5_alevel_value_added_disadvantaged_ci_upper",
    ),
    Measure(
        "ks5_alevel_entries_disadvantaged",
        "A level: entries of disadvantaged students",
        Unit.COUNT,
        KS5,
    ),
    Measure(
        "ks5_alevel_value_added_disadvantaged_ci_lower",
        "A level value added, disadvantaged: lower 95% limit",
        Unit.SCORE,
        KS5,
    ),
    Measure(
        "ks5_alevel_value_added_disadvantaged_ci_upper",
        "A level value added, disadvantaged: upper 95% limit",
        Unit.SCORE,
        KS5,
    ),
    # Ofsted and finance
    Measure(
        "ofsted_rating",
        "Ofsted overall effectiveness (1 outstanding to 4 inadequate)",
        Unit.RATING,
        KeyStage.OFSTED,
        higher_is_better=False,
    ),
    Measure("income", "Income", Unit.GBP, KeyStage.FINANCE, combine="sum"),
    Measure("expenditure", "Expenditure", Unit.GBP, KeyStage.FINANCE, combine="sum"),
    Measure(
        "balance",
        "In-year balance (income less expenditure)",
        Unit.GBP,
        KeyStage.FINANCE,
        combine="sum",
    ),
]

MEASURES: dict[str, Measure] = {measure.name: measure for measure in _ALL}

OFSTED_RATINGS: dict[int, str] = {
    1: "Outstanding",
    2: "Good",
    3: "Requires improvement",
    4: "Inadequate",
}
# Ofsted's words, as files spell them, for the 1-4 scale ("Satisfactory" was grade 3 until 2012).
OFSTED_BY_WORD: dict[str, int] = {
    "outstanding": 1,
    "good": 2,
    "requires improvement": 3,
    "satisfactory": 3,
    "inadequate": 4,
    "serious weaknesses": 4,
    "special measures": 4,
}

PROGRESS_BANDS: dict[int, str] = {
    1: "Well above average",
    2: "Above average",
    3: "Average",
    4: "Below average",
    5: "Well below average",
}
BAND_BY_WORDS: dict[str, int] = {words.lower(): band for band, words in PROGRESS_BANDS.items()}


def measure(name: str) -> Measure:
    return MEASURES[name]
