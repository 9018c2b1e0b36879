"""Running one generated file through an importer's command, and proving that a failed import
left the database as it was."""

import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, models, transaction

from tests.fuzz.mutations import Case

# Every error an importer reports names the file and says that nothing was imported; most also
# say where (line, row, column), except for problems with the whole file.
NOTHING_IMPORTED = re.compile(r"nothing was imported", re.IGNORECASE)
LOCATED = re.compile(r"\b(line \d+|row \d+|column\b)", re.IGNORECASE)
# Messages that are a failure of checking, not a clear error: the database refused a write the
# checks should have caught first, pyarrow's own words about a CSV file it could not read (the
# readers locate the bad record themselves), or a Python exception leaked into the text.
UNCLEAR = re.compile(
    r"register refused a change|cannot be read as CSV|Traceback|Error\(|\bobject at 0x", re.I
)


@dataclass
class Tally:
    """Cases run, by outcome, for the summary the fuzz run prints."""

    imported: dict[str, int] = field(default_factory=dict)
    located: dict[str, int] = field(default_factory=dict)
    whole_file: dict[str, int] = field(default_factory=dict)
    # The errors with no line, row or column, as their kinds (the file, numbers and bytes left
    # out), so that a run shows what they are.
    whole_file_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, counter: dict[str, int], command: str) -> None:
        counter[command] = counter.get(command, 0) + 1

    def total(self) -> int:
        return sum(
            sum(counter.values()) for counter in (self.imported, self.located, self.whole_file)
        )


TALLY = Tally()


def _models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if not model._meta.proxy]


def fingerprint() -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of all its rows, in primary-key order. Plain SQL:
    the ORM's conversion of every value would make this the slowest part of a case."""
    prints = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in _models():
            table, pk = model._meta.db_table, model._meta.pk
            assert pk is not None
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(pk.column)}")  # noqa: S608
            rows = cursor.fetchall()
            digest = hashlib.blake2b(repr(rows).encode(), digest_size=16).hexdigest()
            prints[table] = (len(rows), digest)
    return prints


def changed_tables(
    before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]
) -> list[str]:
    return sorted(
        table for table in before.keys() | after.keys() if before.get(table) != after.get(table)
    )


def run_case(
    command: str, case: Case, *extra: str, option: str | None = None, main: Path | None = None
) -> str | None:
    """Import `case` with `command`; returns the error message, or None if it imported.

    Each case runs in a savepoint that is rolled back afterwards, so every case starts from the
    same database. The importers open their own atomic block inside it (a nested savepoint):
    anything a failed import wrote outside that block would survive its failure and show in
    the fingerprint. Any exception other than CommandError fails the test.

    With `option`, the case is given as that option's file (e.g. --groups) beside `main`."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / case.name
        path.write_bytes(case.data)
        with transaction.atomic():
            before = fingerprint()
            try:
                call_command(
                    command, str(path), *case.args, *extra, stdout=StringIO(), stderr=StringIO()
                )
            except CommandError as error:
                message = str(error)
            else:
                message = None
            after = fingerprint()
            transaction.set_rollback(True)
    if message is None:
        if "--dry-run" in extra:
            assert not changed_tables(before, after), f"a dry run changed the database: {case}"
        TALLY.add(TALLY.imported, command)
        return None
    assert not changed_tables(before, after), (
        f"a failed import changed {changed_tables(before, after)}: {message}\n{case}"
    )
    _assert_clear(message, path, case)
    if LOCATED.search(message):
        TALLY.add(TALLY.located, command)
    else:
        TALLY.add(TALLY.whole_file, command)
        reason = re.sub(
            r"0x[0-9a-f]{2}|\d+", "N", message.replace(str(path), "FILE").split("\n")[0]
        )
        TALLY.add(TALLY.whole_file_reasons, f"{command}: {reason}")
    return message


def _assert_clear(message: str, path: Path, case: Case) -> None:
    assert str(path) in message, f"the error does not name the file: {message}\n{case}"
    assert NOTHING_IMPORTED.search(message), (
        f"the error does not say nothing was imported: {message}\n{case}"
    )
    assert not UNCLEAR.search(message), f"not a clear error: {message}\n{case}"
