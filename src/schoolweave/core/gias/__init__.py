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

# Bumped whenever parsing changes what a file's rows become, so that a file already imported by
# an older parser is read again rather than skipped as identical.
PARSER_VERSION = "2026.11.25"

__all__ = [
    "ESTABLISHMENTS",
    "GROUPS",
    "GROUP_LINKS",
    "PARSER_VERSION",
    "FileSpec",
    "GiasFileError",
    "ParsedFile",
    "SchoolStatus",
    "parse_establishments",
    "parse_group_links",
    "parse_groups",
]
