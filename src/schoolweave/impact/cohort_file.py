"""A cohort file: URNs one a line; blank lines and `#` comments (whole-line or trailing) are
allowed. A bad line is reported with the file and line number; nothing is guessed."""

import re
from pathlib import Path

_URN = re.compile(r"\d{1,9}")


class CohortFileError(ValueError):
    pass


def read_cohort_file(path: Path) -> list[int]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CohortFileError(f"{path}: cannot be read ({exc})") from exc
    urns: list[int] = []
    first_line: dict[int, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.split("#", 1)[0].strip()
        if not content:
            continue
        if not _URN.fullmatch(content):
            raise CohortFileError(
                f"{path}, line {number}: {content!r} is not a URN (a whole number of up to "
                "9 digits); give one URN a line, with # before any comment"
            )
        urn = int(content)
        if urn in first_line:
            raise CohortFileError(
                f"{path}, line {number}: URN {urn} is listed twice (first on line "
                f"{first_line[urn]})"
            )
        first_line[urn] = number
        urns.append(urn)
    if not urns:
        raise CohortFileError(f"{path}: no URNs (give one a line)")
    return urns
