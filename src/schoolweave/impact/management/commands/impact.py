"""schoolweave impact --cohort FILE --start-year YYYY --measure MEASURE [--format text|json]

What a cohort of schools that joined networks achieved on a measure, against a matched
comparison group of schools in no network: a difference-in-differences estimate with its 95%
confidence interval and effect size, an evidence rating in padlocks with each deduction, the
naive "% improved" figures for both groups, balance, warnings and a summary in words.

FILE lists URNs one a line (blank lines and # comments allowed). --start-year is the first
academic year of membership, named by the year it ends in (networks from September 2018:
2019), whose results count as "after". --network ID takes a network's schools instead, and
--round ID the schools of the networks a brokering round published.
Progress goes to stderr; the result to stdout (JSON: `ImpactResult.as_json()`).
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schoolweave.brokering.models import Round
from schoolweave.impact import selectors
from schoolweave.impact.cohort_file import CohortFileError, read_cohort_file
from schoolweave.impact.report import text_report
from schoolweave.impact.selectors import Cohort
from schoolweave.impact.services import UnknownMeasure, evaluate_cohort, impact_measure
from schoolweave.networks.models import Network


class Command(BaseCommand):
    help = "Estimate what a cohort of networked schools achieved, against a matched comparison."

    def add_arguments(self, parser: ArgumentParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--cohort", type=Path, help="a file of URNs, one a line")
        source.add_argument("--network", type=int, help="a network's id: its schools")
        source.add_argument(
            "--round", type=int, help="a brokering round's id: the networks it published"
        )
        parser.add_argument(
            "--start-year",
            type=int,
            help="first academic year of membership, by the year it ends (Sept 2018: 2019)",
        )
        parser.add_argument("--measure", help="e.g. ks2_maths_progress, ks4_progress8")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        cohort = self._cohort(options)
        start_year = options["start_year"] or cohort.start_year
        if start_year is None:
            raise CommandError("give --start-year YYYY (e.g. 2019 for networks from Sept 2018)")
        name = options["measure"] or selectors.default_measure(selectors.phases_of(cohort.urns))
        try:
            measure = impact_measure(name)
        except UnknownMeasure as exc:
            raise CommandError(f"--measure: {exc}") from exc
        years = selectors.measure_years(measure)
        if not any(y < start_year for y in years) or not any(y >= start_year for y in years):
            held = ", ".join(map(str, years)) or "none"
            raise CommandError(
                f"--start-year {start_year}: {measure.name} needs figures before and from that "
                f"year; the store holds years {held}"
            )
        evaluation = evaluate_cohort(
            cohort=cohort, measure=measure, start_year=start_year, progress=self._progress
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(evaluation.result.as_json(), indent=1, default=str))
        else:
            self.stdout.write(text_report(evaluation), ending="")

    def _cohort(self, options: dict[str, Any]) -> Cohort:
        if options["round"] is not None:
            round = Round.objects.filter(pk=options["round"]).first()
            if round is None:
                raise CommandError(f"--round {options['round']}: no such brokering round")
            cohort = selectors.round_cohort(round_id=round.pk, round_name=round.name)
            if not cohort.members:
                raise CommandError(f"--round {round.pk}: the round has published no networks")
            return cohort
        if options["network"] is not None:
            network = Network.objects.filter(pk=options["network"]).first()
            if network is None:
                raise CommandError(f"--network {options['network']}: no such network")
            return selectors.network_cohort(network=network, start_year=options["start_year"])
        path: Path = options["cohort"]
        if options["start_year"] is None or options["measure"] is None:
            raise CommandError("--cohort needs --start-year YYYY and --measure MEASURE")
        try:
            urns = read_cohort_file(path)
        except CohortFileError as exc:
            raise CommandError(str(exc)) from exc
        cohort = selectors.urns_cohort(urns=urns, label=f"the schools listed in {path.name}")
        known = set(selectors.known_urns(urns))
        unknown = [u for u in urns if u not in known]
        if unknown:
            raise CommandError(
                f"{path}: the register holds no school with URN "
                + ", ".join(map(str, unknown))
                + " (import GIAS first, or correct the file)"
            )
        return cohort

    def _progress(self, message: str) -> None:
        self.stderr.write(message)
