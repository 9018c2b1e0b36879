"""Each LA page's performance section, computed before anyone asks for it.

An LA's section weighs every school against its similar schools: half a second for most LAs
and a few seconds for the largest, nationally about two minutes in all. Computed on the first
visit after each import, it made that visit slow and, under load, everyone else's
(bench/load.py --cold). The worker now computes them after every import that changes the
figures, and `schoolweave prepare-pages` does it by hand (nightly too, as judgements of
inspections depend on their age and the sections are kept for the day)."""

from collections.abc import Iterable

from schoolweave.core.progress import NoProgress, Progress
from schoolweave.evidence.sections import prepare_la_section
from schoolweave.register.models import LocalAuthority


def prepare_pages(*, codes: Iterable[str] | None = None, progress: Progress | None = None) -> int:
    """Compute the sections of the given LAs (every LA with schools if None); returns how
    many. Sections already computed for today's data are only read."""
    authorities = LocalAuthority.objects.filter(schools__isnull=False).distinct().order_by("code")
    if codes is not None:
        authorities = authorities.filter(code__in=list(codes))
    found = list(authorities)
    progress = progress or NoProgress()
    progress.stage("Preparing LA pages", len(found))
    try:
        for la in found:
            prepare_la_section(la)
            progress.advance(1)
    finally:
        progress.close()
    return len(found)
