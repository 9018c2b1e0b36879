"""The performance files Schoolweave reads, as DfE, Ofsted and ESFA publish them.

Each format maps its own column names onto Schoolweave's measures (measures.py): DfE's coded
tables (england_ks2final.csv and friends, full or trimmed) and the readable 2017/18 tables
(ks2_perf_2018.csv...) land on the same measure names, so a school's years line up whichever
file each came from. A file may carry more columns than listed (DfE adds some most years);
they are ignored. Every listed column is optional except the format's signature.
"""

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What `--kind` names."""

    KS2 = "ks2"
    KS4 = "ks4"
    KS5 = "ks5"
    OFSTED = "ofsted"
    FINANCE = "finance"
    LINKS = "links"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.KS2: "key stage 2 (primary) performance table",
    Kind.KS4: "key stage 4 (GCSE) performance table",
    Kind.KS5: "key stage 5 (16 to 18) performance table",
    Kind.OFSTED: "Ofsted ratings file",
    Kind.FINANCE: "school finance file",
    Kind.LINKS: "GIAS establishment links file",
}


class Value(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"  # "92%", "17.0%" or "92"
    COUNT = "count"
    BAND = "band"  # 1-5, or DfE's words ("Well Above Average")
    RATING = "rating"  # Ofsted's words or 1-4


@dataclass(frozen=True)
class Column:
    header: str
    measure: str
    value: Value = Value.NUMBER


@dataclass(frozen=True)
class Format:
    name: str  # for messages: "DfE KS2 table (england_ks2final)"
    kind: Kind
    signature: frozenset[str]  # headers that identify the format, all required
    columns: tuple[Column, ...]
    urn: str = "URN"
    record_type: str | None = None  # DfE's RECTYPE
    la: str | None = None  # the LA code of LA rows (DfE's LEA)
    academic_year: str | None = None  # a column that must agree with --year
    date: str | None = None  # a date column giving each row's own academic year (Ofsted)


def _c(header: str, measure: str, value: Value = Value.NUMBER) -> Column:
    return Column(header, measure, value)


def _progress(prefix: str, measure: str, *, descr: str) -> tuple[Column, ...]:
    return (
        _c(prefix, measure),
        _c(f"{prefix}_LOWER", f"{measure}_ci_lower"),
        _c(f"{prefix}_UPPER", f"{measure}_ci_upper"),
        _c(descr, f"{measure}_band", Value.BAND),
    )


P, N, B = Value.PERCENT, Value.COUNT, Value.BAND

KS2_DFE = Format(
    name="DfE KS2 performance table (england_ks2final)",
    kind=Kind.KS2,
    signature=frozenset({"RECTYPE", "URN", "READPROG"}),
    record_type="RECTYPE",
    la="LEA",
    columns=(
        _c("TELIG", "ks2_pupils", N),
        _c("TFSM6CLA1A", "ks2_disadvantaged_pupils", N),
        _c("PTFSM6CLA1A", "ks2_disadvantaged_pct", P),
        _c("TKS1AVERAGE", "ks2_prior_attainment"),
        *_progress("READPROG", "ks2_reading_progress", descr="READPROG_DESCR"),
        *_progress("WRITPROG", "ks2_writing_progress", descr="WRITPROG_DESCR"),
        *_progress("MATPROG", "ks2_maths_progress", descr="MATPROG_DESCR"),
        _c("READ_AVERAGE", "ks2_reading_score"),
        _c("MAT_AVERAGE", "ks2_maths_score"),
        _c("PTREAD_EXP", "ks2_reading_expected_pct", P),
        _c("PTREAD_HIGH", "ks2_reading_higher_pct", P),
        _c("PTWRITTA_EXP", "ks2_writing_expected_pct", P),
        _c("PTWRITTA_HIGH", "ks2_writing_higher_pct", P),
        _c("PTMAT_EXP", "ks2_maths_expected_pct", P),
        _c("PTMAT_HIGH", "ks2_maths_higher_pct", P),
        _c("PTRWM_EXP", "ks2_rwm_expected_pct", P),
        _c("PTRWM_HIGH", "ks2_rwm_higher_pct", P),
        _c("PTRWM_EXP_FSM6CLA1A", "ks2_rwm_expected_pct_disadvantaged", P),
    ),
)

KS2_READABLE = Format(
    name="KS2 performance table, readable 2017/18 layout (ks2_perf)",
    kind=Kind.KS2,
    signature=frozenset({"URN", "KS2 Pupils", "Reading Progress"}),
    academic_year="Academic Year",
    columns=(
        _c("KS2 Pupils", "ks2_pupils", N),
        _c("Reading Progress", "ks2_reading_progress"),
        _c("Reading Score", "ks2_reading_score"),
        _c("Reading Meet Std", "ks2_reading_expected_pct", P),
        _c("Reading Exceed Std", "ks2_reading_higher_pct", P),
        _c("Reading Progress Band", "ks2_reading_progress_band", B),
        _c("Writing Progress", "ks2_writing_progress"),
        _c("Writing Score", "ks2_writing_score"),
        _c("Writing Meet Std", "ks2_writing_expected_pct", P),
        _c("Writing Exceed Std", "ks2_writing_higher_pct", P),
        _c("Writing Progress Band", "ks2_writing_progress_band", B),
        _c("Maths Progress", "ks2_maths_progress"),
        _c("Maths Score", "ks2_maths_score"),
        _c("Maths Meet Std", "ks2_maths_expected_pct", P),
        _c("Maths Exceed Std", "ks2_maths_higher_pct", P),
        _c("Maths Progress Band", "ks2_maths_progress_band", B),
        _c("Overall Meet Std", "ks2_rwm_expected_pct", P),
        _c("Overall Exceed Std", "ks2_rwm_higher_pct", P),
    ),
)

KS4_DFE = Format(
    name="DfE KS4 performance table (england_ks4final)",
    kind=Kind.KS4,
    signature=frozenset({"RECTYPE", "URN", "P8MEA"}),
    record_type="RECTYPE",
    la="LEA",
    columns=(
        _c("TPUP", "ks4_pupils", N),
        _c("PTFSM6CLA1A", "ks4_disadvantaged_pct", P),
        _c("KS2APS", "ks4_prior_attainment"),
        _c("P8MEA", "ks4_progress8"),
        _c("P8CILOW", "ks4_progress8_ci_lower"),
        _c("P8CIUPP", "ks4_progress8_ci_upper"),
        _c("P8_BANDING", "ks4_progress8_band", B),
        _c("ATT8SCR", "ks4_attainment8"),
        _c("PTL2BASICS_95", "ks4_english_maths_grade5_pct", P),
        _c("PTL2BASICS_94", "ks4_english_maths_grade4_pct", P),
        _c("PTEBACC_E_PTQ_EE", "ks4_ebacc_entry_pct", P),
        _c("PTEBACC_95", "ks4_ebacc_grade5_pct", P),
        _c("EBACCAPS", "ks4_ebacc_aps"),
        _c("P8MEA_FSM6CLA1A", "ks4_progress8_disadvantaged"),
        _c("ATT8SCR_FSM6CLA1A", "ks4_attainment8_disadvantaged"),
    ),
)

KS4_READABLE = Format(
    name="KS4 performance table, readable 2017/18 layout (ks4_perf)",
    kind=Kind.KS4,
    signature=frozenset({"URN", "KS4 Pupils", "Progress 8"}),
    academic_year="Academic Year",
    columns=(
        _c("KS4 Pupils", "ks4_pupils", N),
        _c("Progress 8", "ks4_progress8"),
        _c("Attainment 8", "ks4_attainment8"),
        _c("Eng Maths Grade 5", "ks4_english_maths_grade5_pct", P),
        _c("Entering EBacc", "ks4_ebacc_entry_pct", P),
        _c("EBacc Avg Score", "ks4_ebacc_aps"),
        _c("EBacc Grade 5", "ks4_ebacc_grade5_pct", P),
        _c("Progress 8 Band", "ks4_progress8_band", B),
    ),
)

KS5_DFE = Format(
    name="DfE KS5 performance table (england_ks5final)",
    kind=Kind.KS5,
    signature=frozenset({"RECTYPE", "URN", "TALLPPE_ALEV_1618"}),
    record_type="RECTYPE",
    la="LEA",
    columns=(
        _c("TPUP1618", "ks5_students", N),
        _c("TALLPUP_ALEV_1618", "ks5_alevel_students", N),
        _c("TALLPPE_ALEV_1618", "ks5_alevel_aps"),
        _c("ENTRIES_ALEV", "ks5_alevel_entries", N),
        _c("VA_INS_ALEV", "ks5_alevel_value_added"),
        _c("LCI_INS_ALEV", "ks5_alevel_value_added_ci_lower"),
        _c("UCI_INS_ALEV", "ks5_alevel_value_added_ci_upper"),
        _c("PROGRESS_BAND_ALEV", "ks5_alevel_value_added_band", B),
        _c("PTAAB_2FAC", "ks5_aab_pct", P),
        _c("ENTRIES_ALEV_DIS", "ks5_alevel_entries_disadvantaged", N),
        _c("VA_INS_ALEV_DIS", "ks5_alevel_value_added_disadvantaged"),
        _c("LCI_INS_ALEV_DIS", "ks5_alevel_value_added_disadvantaged_ci_lower"),
        _c("UCI_INS_ALEV_DIS", "ks5_alevel_value_added_disadvantaged_ci_upper"),
    ),
)

KS5_READABLE = Format(
    name="KS5 performance table, readable 2017/18 layout (ks5_perf)",
    kind=Kind.KS5,
    signature=frozenset({"URN", "KS5 Pupils", "Avg A-level Points"}),
    academic_year="Academic Year",
    columns=(
        _c("KS5 Pupils", "ks5_students", N),
        _c("Avg A-level Points", "ks5_alevel_aps"),
    ),
)

OFSTED = Format(
    name="Ofsted ratings file (URN, Rating, Inspection Date)",
    kind=Kind.OFSTED,
    signature=frozenset({"URN", "Rating", "Inspection Date"}),
    date="Inspection Date",
    columns=(_c("Rating", "ofsted_rating", Value.RATING),),
)

# Ofsted's management information workbooks, saved as CSV.
OFSTED_MI = Format(
    name="Ofsted management information (Overall effectiveness)",
    kind=Kind.OFSTED,
    signature=frozenset({"URN", "Overall effectiveness", "Inspection start date"}),
    date="Inspection start date",
    columns=(_c("Overall effectiveness", "ofsted_rating", Value.RATING),),
)

FINANCE = Format(
    name="school finance file (URN, Income, Expenditure, Balance)",
    kind=Kind.FINANCE,
    signature=frozenset({"URN", "Income", "Expenditure", "Balance"}),
    academic_year="Academic Year",
    columns=(
        _c("Income", "income"),
        _c("Expenditure", "expenditure"),
        _c("Balance", "balance"),
    ),
)

# GIAS establishment links (links_edubasealldata*.csv): parsed by links.py, not as figures.
LINKS = Format(
    name="GIAS establishment links (links_edubasealldata)",
    kind=Kind.LINKS,
    signature=frozenset({"URN", "LinkURN", "LinkType"}),
    columns=(),
)

FORMATS: tuple[Format, ...] = (
    KS2_DFE,
    KS2_READABLE,
    KS4_DFE,
    KS4_READABLE,
    KS5_DFE,
    KS5_READABLE,
    OFSTED,
    OFSTED_MI,
    FINANCE,
    LINKS,
)


def identify(headers: set[str]) -> Format | None:
    """The format whose signature the header carries (the most specific, if several do)."""
    matches = [f for f in FORMATS if f.signature <= headers]
    return max(matches, key=lambda f: len(f.signature), default=None)
