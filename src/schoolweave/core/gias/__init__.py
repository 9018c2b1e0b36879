"""Reading the files that DfE's Get Information about Schools (GIAS) publishes."""

from schoolweave.core.gias.errors import GiasFileError
from schoolweave.core.gias.files import (
    ESTABLISHMENTS,
    GROUP_LINKS,
    GROUPS,
    FileSpec,
)
from schoolweave.core.gias.parse import (
    ParsedFile,
    parse_establishments,
    parse_group_links,
    parse_groups,
)
from schoolweave.core.gias.status import SchoolStatus

__all__ = [
    "ESTABLISHMENTS",
    "GROUPS",
    "GROUP_LINKS",
    "FileSpec",
    "GiasFileError",
    "ParsedFile",
    "SchoolStatus",
    "parse_establishments",
    "parse_group_links",
    "parse_groups",
]
