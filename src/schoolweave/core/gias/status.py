from enum import StrEnum


class SchoolStatus(StrEnum):
    """GIAS establishment status, by its published code."""

    OPEN = "open"
    CLOSED = "closed"
    OPEN_PROPOSED_TO_CLOSE = "open_proposed_to_close"
    PROPOSED_TO_OPEN = "proposed_to_open"

    @property
    def is_open(self) -> bool:
        return self in (SchoolStatus.OPEN, SchoolStatus.OPEN_PROPOSED_TO_CLOSE)


# GIAS "EstablishmentStatus (code)" values and, for files without codes, their names.
STATUS_BY_CODE = {
    "1": SchoolStatus.OPEN,
    "2": SchoolStatus.CLOSED,
    "3": SchoolStatus.OPEN_PROPOSED_TO_CLOSE,
    "4": SchoolStatus.PROPOSED_TO_OPEN,
}
STATUS_BY_NAME = {
    "open": SchoolStatus.OPEN,
    "closed": SchoolStatus.CLOSED,
    "open, but proposed to close": SchoolStatus.OPEN_PROPOSED_TO_CLOSE,
    "proposed to open": SchoolStatus.PROPOSED_TO_OPEN,
}
