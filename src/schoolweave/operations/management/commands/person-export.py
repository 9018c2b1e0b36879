"""schoolweave person-export PERSON [--output FILE]

PERSON: a Person id (a network leader or contact), an email address or an account's username.
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.operations.people import PersonNotFound, person_export, subject_find
from schoolweave.operations.serializer import ExactJSONEncoder


class Command(BaseCommand):
    help = (
        "Everything Schoolweave holds about one person (subject access), as JSON: their "
        "records, network roles, accounts and roles, what their accounts did, audit entries "
        "about them, and other records that name them."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("person", help="a Person id, an email address or a username")
        parser.add_argument("--output", type=Path, help="write to this file, not standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            subject = subject_find(query=options["person"])
        except PersonNotFound as exc:
            raise CommandError(str(exc)) from exc
        text = json.dumps(
            person_export(subject=subject), indent=1, ensure_ascii=False, cls=ExactJSONEncoder
        )
        if options["output"] is None:
            self.stdout.write(text)
            return
        Path(options["output"]).write_text(text + "\n", encoding="utf-8")
        self.stdout.write(f"written to {options['output']}: it holds personal data, keep it safe")
