"""`schoolweave export figures`: a school's figures, or a network's or LA's combined figures.

    export figures --urn URN [--format csv|json]      urn,year,measure,value,missing_reason,source
    export figures --network ID [--format csv|json]   the network's figures, through disclosure
    export figures --la CODE [--format csv|json]      the LA's schools' figures combined

A school's figures include those its predecessors published under their own URNs (GIAS links
them across academy conversion); the `urn` column says which. Network and LA figures are the
cells the pages show, with the same suppression and its reasons.
"""

import json
from typing import Any

from django.core.management.base import CommandError

from schoolweave.accounts.permissions import PUBLIC, can_see_network
from schoolweave.core.spreadsheet import Writable, write_csv
from schoolweave.evidence import selectors
from schoolweave.evidence.models import Figure
from schoolweave.networks import selectors as networks
from schoolweave.register.models import LocalAuthority, School

GIVE_ONE = "figures needs --urn URN, --network ID or --la CODE"


def export_figures(stdout: Writable, options: dict[str, Any]) -> None:
    columns: tuple[str, ...]
    if options.get("urn") is not None:
        urn = options["urn"]
        if not School.objects.filter(urn=urn).exists() and not _has_figures(urn):
            raise CommandError(f"--urn {urn}: no such school in the register, and no figures")
        columns, rows = selectors.FIGURE_COLUMNS, list(selectors.figures_export(urn=urn))
    elif options.get("network") is not None:
        network = networks.network_get(pk=options["network"])
        allowed = network is not None and (
            options.get("include_unpublished") or can_see_network(PUBLIC, network)
        )
        if network is None or not allowed:
            raise CommandError(f"--network {options['network']}: no such published network")
        figures = selectors.network_figures(network=network)
        columns, rows = selectors.GROUP_EXPORT_COLUMNS, selectors.group_export_rows(figures)
    elif options.get("la") is not None:
        la = LocalAuthority.objects.filter(code=options["la"]).first()
        if la is None:
            raise CommandError(f"--la {options['la']}: no such local authority in the register")
        figures = selectors.la_figures(la_code=la.code, la_name=la.name)
        columns, rows = selectors.GROUP_EXPORT_COLUMNS, selectors.group_export_rows(figures)
    else:
        raise CommandError(GIVE_ONE)
    if options.get("format") == "json":
        stdout.write(json.dumps(rows, indent=1, ensure_ascii=False, default=str))
    else:
        write_csv(stdout, columns, rows)


def _has_figures(urn: int) -> bool:
    return Figure.objects.filter(school_id=urn).exists()
