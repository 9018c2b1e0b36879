"""schoolweave diagnose --answers FILE.json [--format json]: the six-approach diagnostic from
the command line, with the web form's rules and words.

FILE holds `knowledge`, `structures`, `capacity`, `influence` and `purpose`, each one of the
values the issue's vocabulary allows. Prints the ranking best first, each approach with its
score and reasons, and the warnings; with --format json, {"ranking": [{"approach", "score",
"reasons"}], "warnings": [...]}. Saves nothing.
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.core.knowledge.content import Explained
from schoolweave.core.knowledge.diagnostic import AnswersInvalid, diagnose, parse_answers
from schoolweave.knowledge.texts import texts

BAD_FILE = "{path}: {problem}"


class Command(BaseCommand):
    help = "Rank the six approaches to school networks for an LA's answers (a JSON file)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--answers", required=True, type=Path, metavar="FILE.json")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["answers"]
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except OSError as error:
            raise CommandError(BAD_FILE.format(path=path, problem=error.strerror)) from None
        except UnicodeDecodeError:
            raise CommandError(BAD_FILE.format(path=path, problem="is not UTF-8 text")) from None
        except json.JSONDecodeError as error:
            problem = f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
            raise CommandError(BAD_FILE.format(path=path, problem=problem)) from None
        try:
            answers = parse_answers(data)
        except AnswersInvalid as invalid:
            lines = "\n".join(f"  {p.message}" for p in invalid.problems)
            raise CommandError(f"{path}: the answers are not valid:\n{lines}") from None
        explained = texts().explain(diagnose(answers=answers))
        if options["format"] == "json":
            self.stdout.write(json.dumps(explained.as_json(), indent=2))
        else:
            self.stdout.write(_text(explained))


def _text(explained: Explained) -> str:
    lines = []
    for rank, entry in enumerate(explained.ranking, 1):
        lines.append(
            f"{rank}. {entry.text.name}: {entry.score} point{'s' * (abs(entry.score) != 1)}"
        )
        lines += [f"   - {reason.as_text()}" for reason in entry.reasons]
    if explained.warnings:
        lines += ["", "Warnings:"]
        lines += [f"- {warning}" for warning in explained.warnings]
    return "\n".join(lines)
