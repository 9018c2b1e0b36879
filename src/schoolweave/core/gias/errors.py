from dataclasses import dataclass


@dataclass(eq=False)  # exceptions must stay mutable: Python sets __traceback__
class GiasFileError(Exception):
    """A GIAS file that cannot be imported, with where the problem is.

    `line` counts physical lines from 1 (the header is line 1), as a text editor shows them.
    """

    file: str
    reason: str
    line: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.reason}"
