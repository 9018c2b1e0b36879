"""Why a figure is missing, as DfE's performance tables say it: kept, typed, never a zero."""

from enum import StrEnum


class MissingReason(StrEnum):
    """DfE's symbols, as stored and exported (`missing_reason`)."""

    SUPP = "SUPP"
    NE = "NE"
    NEW = "NEW"
    LOWCOV = "LOWCOV"
    NP = "NP"
    NA = "NA"
    X = "x"
    C = "c"
    Z = "z"
    U = "u"
    NOT_AVAILABLE = ".."
    DNS = "DNS"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[MissingReason, str] = {
    MissingReason.SUPP: "suppressed by DfE: too few pupils to publish",
    MissingReason.NE: "no entries: no pupils took this",
    MissingReason.NEW: "new school: no results yet",
    MissingReason.LOWCOV: "low coverage: too few pupils had prior attainment",
    MissingReason.NP: "not published (for example, an independent school's progress)",
    MissingReason.NA: "not applicable",
    MissingReason.X: "not available",
    MissingReason.C: "confidential (suppressed)",
    MissingReason.Z: "not applicable",
    MissingReason.U: "low reliability: not published",
    MissingReason.NOT_AVAILABLE: "not available",
    MissingReason.DNS: "did not submit",
}

# Each symbol as files write it (case matters for DfE's lower-case symbols x, c, z, u only in
# that "NA" and "na" both occur; "NOT AVAIL" is the readable 2017/18 tables' own word).
_BY_TEXT: dict[str, MissingReason] = {
    **{reason.value: reason for reason in MissingReason},
    "na": MissingReason.NA,
    "N/A": MissingReason.NA,
    "n/a": MissingReason.NA,
    "NOT AVAIL": MissingReason.NOT_AVAILABLE,
    "X": MissingReason.X,
    ":": MissingReason.NOT_AVAILABLE,
}
MISSING_TEXTS: tuple[str, ...] = tuple(_BY_TEXT)


def missing_reason(text: str) -> MissingReason | None:
    """The reason a cell's text stands for, or None when it is not one of DfE's symbols."""
    return _BY_TEXT.get(text.strip())


def label_of(code: str) -> str:
    try:
        return MissingReason(code).label
    except ValueError:
        return code
