"""schoolweave broker --la CODE --shape triad|hub|community|cluster [--config FILE]
[--opt-out FILE] [--seed N] [--format json|csv]"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.accounts.permissions import PUBLIC
from schoolweave.brokering.config import ConfigError, config_from, scope_from
from schoolweave.brokering.results import CSV_COLUMNS, csv_rows, proposal_json
from schoolweave.brokering.selectors import candidates, schools_in_scope
from schoolweave.core.broker import Infeasible, Shape, Willingness, broker
from schoolweave.core.spreadsheet import write_csv
from schoolweave.register.models import LocalAuthority


class Command(BaseCommand):
    help = (
        "Propose networks for an LA's open schools by the brokering engine's stated objective: "
        "the groups, their roles, scores and reasons, with the proven bound and the greedy "
        "baseline. Every school in scope is taken as willing unless --opt-out lists it."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--la", metavar="CODE", required=True)
        parser.add_argument("--shape", choices=[s.value for s in Shape], required=True)
        parser.add_argument("--config", type=Path, help="JSON: the round's settings")
        parser.add_argument("--opt-out", type=Path, help="URNs never to place, one a line")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        la = LocalAuthority.objects.filter(code=options["la"]).first()
        if la is None:
            raise CommandError(f"--la {options['la']}: no such local authority in the register")
        settings = _read_json(options["config"]) if options["config"] else {}
        try:
            config = config_from(Shape(options["shape"]), settings, seed=options["seed"])
            phases, default = scope_from(settings)
        except ConfigError as exc:
            raise CommandError(f"{options['config']}: {exc}") from exc
        opted_out = _read_urns(options["opt_out"]) if options["opt_out"] else set()
        schools = schools_in_scope(la_code=la.code, phases=phases)
        willing = dict.fromkeys(opted_out, Willingness.OPTED_OUT)
        found = candidates(who=PUBLIC, schools=schools, willingness=willing, default=default)
        try:
            proposal = broker(candidates=found, config=config)
        except Infeasible as exc:
            raise CommandError(f"No proposal is possible: {exc}") from exc
        result = proposal_json(proposal, {s.urn: s.name for s in schools})
        if options["format"] == "csv":
            write_csv(self.stdout, CSV_COLUMNS, csv_rows(result))
        else:
            self.stdout.write(json.dumps(result, indent=1, ensure_ascii=False))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path}: not a readable JSON file ({exc})") from exc
    if not isinstance(data, dict):
        raise CommandError(f"{path}: the settings must be a JSON object")
    return data


def _read_urns(path: Path) -> set[int]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc})") from exc
    urns = set()
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if not (text.isascii() and text.isdigit()):
            raise CommandError(f"{path}, line {number}: {text!r} is not a URN")
        urns.add(int(text))
    return urns
