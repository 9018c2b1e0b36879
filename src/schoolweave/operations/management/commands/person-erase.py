"""schoolweave person-erase PERSON [--yes] [--dry-run]

PERSON: a Person id (a network leader or contact), an email address or an account's username.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from schoolweave.operations.people import (
    PersonNotFound,
    Subject,
    person_erase,
    subject_find,
)

EXPLAIN = """\
Found for {query}: {found}.
Deleted: their Person records and network roles, partner contact records, sign-in throttling
records. Kept but anonymised, because the record of who did what must stay for
accountability: audit log entries, what their accounts recorded, LA staff time given to
networks; their name and email there become "{reference}". Their accounts are emptied and
disabled. The published register (GIAS, DfE data) is not changed, and backups taken before
now still hold them until they expire."""
CONFIRM = "Erase this person? Type yes to go on: "
NOT_CONFIRMED = "Nothing was erased."


class Command(BaseCommand):
    help = (
        "Erase one person: delete what exists only to describe them and anonymise what must "
        "be kept for accountability. Asks first unless --yes."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("person", help="a Person id, an email address or a username")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would be done, change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            subject = subject_find(query=options["person"])
        except PersonNotFound as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            EXPLAIN.format(query=subject.query, reference=subject.reference, found=_found(subject))
        )
        if not (options["yes"] or options["dry_run"]) and input(CONFIRM).strip() != "yes":
            raise CommandError(NOT_CONFIRMED)
        with transaction.atomic():
            done = person_erase(subject=subject, actor="person-erase")
            if options["dry_run"]:
                transaction.set_rollback(True)
        for kind, count in done.items():
            self.stdout.write(f"  {kind}: {count:,}")
        self.stdout.write("dry run: nothing was changed" if options["dry_run"] else "erased")


def _found(subject: Subject) -> str:
    parts = [
        (len(subject.people), "person record"),
        (len(subject.users), "account"),
        (len(subject.staff), "LA staff record"),
        (len(subject.partner_contacts), "partner contact"),
    ]
    return ", ".join(f"{n} {what}{'s' if n != 1 else ''}" for n, what in parts if n)
