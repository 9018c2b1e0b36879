"""The brokering run, in the background worker (schoolweave db_worker), not the web process."""

from django_tasks import task

from schoolweave.accounts.permissions import Viewer
from schoolweave.brokering.config import config_from
from schoolweave.brokering.models import PairRule, Round
from schoolweave.brokering.results import proposal_json
from schoolweave.brokering.selectors import candidates
from schoolweave.brokering.services import round_progress
from schoolweave.core.broker import Infeasible, Shape, Willingness, broker


@task()
def run_round(round_id: int) -> None:
    round = Round.objects.select_related("la").get(pk=round_id)
    round_progress(round_id, Round.Status.RUNNING, "Reading the schools and their strengths")
    entries = list(round.schools.select_related("school"))
    # The round sees the LA's own networks as its officers do, to know today's partners.
    who = Viewer(
        user_id=0, officer_of=frozenset({round.la_id}), leads=frozenset(), schools=frozenset()
    )
    found = candidates(
        who=who,
        schools=[e.school for e in entries],
        willingness={e.school_id: Willingness(e.willingness) for e in entries},
        leaders={e.school_id: e.may_lead for e in entries if e.may_lead is not None},
    )
    settings = dict(round.criteria)
    rules = list(round.pair_rules.all())
    settings["pinned"] = [[r.first_id, r.second_id] for r in rules if r.kind == PairRule.Kind.PIN]
    settings["forbidden"] = [
        [r.first_id, r.second_id] for r in rules if r.kind == PairRule.Kind.FORBID
    ]
    config = config_from(Shape(round.shape), settings)
    round_progress(round_id, Round.Status.RUNNING, f"Solving for {len(found)} schools")
    try:
        proposal = broker(candidates=found, config=config)
    except Infeasible as exc:
        round_progress(round_id, Round.Status.FAILED, "", error=str(exc), runs=round.runs + 1)
        return
    result = proposal_json(proposal, {e.school_id: e.school.name for e in entries})
    round_progress(round_id, Round.Status.PROPOSED, "", result=result, runs=round.runs + 1)
