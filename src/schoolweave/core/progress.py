"""Progress reporting for long work, independent of where it is shown (terminal, web page)."""

from typing import Protocol


class Progress(Protocol):
    def stage(self, name: str, total: int) -> None:
        """A new stage of `total` units begins."""

    def advance(self, done: int) -> None:
        """`done` more units of the current stage are finished."""

    def close(self) -> None:
        """The work is over, successfully or not."""


class NoProgress:
    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self, done: int) -> None:
        pass

    def close(self) -> None:
        pass
