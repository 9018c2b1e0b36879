"""Terminal progress bars for management commands."""

import sys
from typing import TextIO

from tqdm import tqdm


class TerminalProgress:
    """tqdm bars on a terminal; a plain line per stage when output is redirected (logs, CI)."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self._stream = stream
        self._bar: tqdm | None = None
        self._interactive = stream.isatty()

    def stage(self, name: str, total: int) -> None:
        self.close()
        if self._interactive:
            self._bar = tqdm(total=total, desc=name, unit="row", file=self._stream, leave=True)
        else:
            print(f"{name}: {total:,}", file=self._stream)

    def advance(self, done: int) -> None:
        if self._bar is not None:
            self._bar.update(done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
