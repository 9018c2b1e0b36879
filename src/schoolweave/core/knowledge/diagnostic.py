"""The six-approach diagnostic: an LA's answers in, a ranking of the LEArning Project's six
approaches out, each with the rules that scored it, and the warnings the seeds give.

The rules, from the seeds' "a local authority might adopt this approach if":
- each approach is described by one value of knowledge, structures, capacity and purpose; an
  answer that matches scores that approach (purpose weighs most: it is the approach's "core
  purpose");
- influence: "authorities with less influence over schools and networks should consider a
  consultative approach, while those with higher levels of influence are more likely to be
  successful at a directive approach"; a low-influence LA that leans towards directing is warned
  of the resistance the seeds found;
- a few further links the seeds draw (an LA already creating much knowledge may turn to
  replicating it; many overlapping networks call for a coherent superstructure...) score one
  point each.

Ties go to the approach the purpose points to (the seeds' "core purpose"), then to the one
that comes first in the seeds' order. The words of every reason and
warning are in the content files (keyed by the rule's `key`), so an LA can adapt them without
changing what scores what.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from schoolweave.core.knowledge.vocabulary import (
    CRITERION_VALUES,
    Approach,
    Capacity,
    Criterion,
    Influence,
    Knowledge,
    Purpose,
    Structures,
)

NOT_AN_OBJECT = "The answers must be a JSON object with the fields {fields}"
MISSING = "`{field}` is missing: give one of {allowed}"
NOT_ALLOWED = "`{field}` is {value}, which is not one of the allowed values: {allowed}"
UNKNOWN_FIELD = "`{field}` is not a question of the diagnostic: the fields are {fields}"


@dataclass(frozen=True)
class Answers:
    knowledge: Knowledge
    structures: Structures
    capacity: Capacity
    influence: Influence
    purpose: Purpose

    def value(self, criterion: Criterion) -> str:
        return str(getattr(self, criterion.value))

    def as_json(self) -> dict[str, str]:
        return {c.value: self.value(c) for c in Criterion}


@dataclass(frozen=True)
class AnswerProblem:
    field: str
    message: str


class AnswersInvalid(ValueError):
    """The answers cannot be read; `problems` names each field and its allowed values."""

    def __init__(self, problems: tuple[AnswerProblem, ...]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _allowed(criterion: Criterion) -> str:
    return ", ".join(CRITERION_VALUES[criterion])


def parse_answers(data: object) -> Answers:
    """Answers from plain data (a parsed JSON object), or AnswersInvalid naming every bad field."""
    fields = ", ".join(c.value for c in Criterion)
    if not isinstance(data, Mapping):
        raise AnswersInvalid((AnswerProblem("", NOT_AN_OBJECT.format(fields=fields)),))
    problems = [
        AnswerProblem(str(key), UNKNOWN_FIELD.format(field=key, fields=fields))
        for key in data
        if key not in CRITERION_VALUES
    ]
    values: dict[str, str] = {}
    for criterion in Criterion:
        value = data.get(criterion.value)
        if value is None:
            message = MISSING.format(field=criterion.value, allowed=_allowed(criterion))
            problems.append(AnswerProblem(criterion.value, message))
        elif not isinstance(value, str) or value not in CRITERION_VALUES[criterion]:
            shown = f'"{value}"' if isinstance(value, str) else repr(value)
            message = NOT_ALLOWED.format(
                field=criterion.value, value=shown, allowed=_allowed(criterion)
            )
            problems.append(AnswerProblem(criterion.value, message))
        else:
            values[criterion.value] = value
    if problems:
        raise AnswersInvalid(tuple(problems))
    return Answers(
        knowledge=Knowledge(values["knowledge"]),
        structures=Structures(values["structures"]),
        capacity=Capacity(values["capacity"]),
        influence=Influence(values["influence"]),
        purpose=Purpose(values["purpose"]),
    )


# The rules ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """An answer that counts for (or, with negative points, against) an approach. `key` names
    the words of its reason in the content files."""

    criterion: Criterion
    value: str
    approach: Approach
    points: int
    key: str


# Which value of each criterion describes which approach (the seeds' "might adopt ... if").
FITS: dict[Criterion, dict[str, Approach]] = {
    Criterion.KNOWLEDGE: {
        Knowledge.LESS_THAN_NETWORKS: Approach.CONSULTING,
        Knowledge.VARIABLE: Approach.ENQUIRING,
        Knowledge.DEVELOPED_BUT_LOCAL: Approach.REPLICATING,
        Knowledge.LOW_BUT_POLICY_STRONG: Approach.DIRECTING,
        Knowledge.HIGH_LONG_STANDING: Approach.RESPONDING,
        Knowledge.THEORETICAL: Approach.LANDSCAPING,
    },
    Criterion.STRUCTURES: {
        Structures.MULTIPLE_OVERLAPPING_DIFFERENT_PURPOSES: Approach.CONSULTING,
        Structures.ESTABLISHED_WEAKLY_CONNECTED: Approach.ENQUIRING,
        Structures.FEW_WELL_DEFINED_OTHERS_EMERGENT: Approach.REPLICATING,
        Structures.INITIATIVE_DRIVEN: Approach.DIRECTING,
        Structures.COMPLEX_MATURE_VARIED_COMMITMENT: Approach.RESPONDING,
        Structures.MULTIPLE_DISPERSED_INCOHERENT: Approach.LANDSCAPING,
    },
    Criterion.CAPACITY: {
        Capacity.IN_NETWORKS_FRAGMENTED: Approach.CONSULTING,
        Capacity.HIGH_BUT_FEW_ENTHUSIASTS: Approach.ENQUIRING,
        Capacity.LIMITED_VOLUNTARY_MODERATE_COMMITMENT: Approach.REPLICATING,
        Capacity.MODERATE_RELIES_ON_INCENTIVES: Approach.DIRECTING,
        Capacity.MEDIUM_SOME_SELF_SUSTAINING: Approach.RESPONDING,
        Capacity.HIGH_STRONG_VISION: Approach.LANDSCAPING,
    },
    Criterion.PURPOSE: {
        Purpose.BUY_IN: Approach.CONSULTING,
        Purpose.KNOWLEDGE_GENERATION: Approach.ENQUIRING,
        Purpose.SPREAD_PRACTICE: Approach.REPLICATING,
        Purpose.RAPID_DELIVERY: Approach.DIRECTING,
        Purpose.RE_ENGAGE: Approach.RESPONDING,
        Purpose.COHERENCE: Approach.LANDSCAPING,
    },
}
WEIGHTS: dict[Criterion, int] = {
    Criterion.KNOWLEDGE: 2,
    Criterion.STRUCTURES: 2,
    Criterion.CAPACITY: 2,
    Criterion.PURPOSE: 3,
}


def fit_key(approach: Approach, criterion: Criterion) -> str:
    return f"{approach.value}.{criterion.value}"


RULES: tuple[Rule, ...] = (
    *(
        Rule(criterion, value, approach, WEIGHTS[criterion], fit_key(approach, criterion))
        for criterion, fits in FITS.items()
        for value, approach in fits.items()
    ),
    Rule(Criterion.INFLUENCE, Influence.LOW, Approach.CONSULTING, 2, "low_influence_consult"),
    Rule(Criterion.INFLUENCE, Influence.LOW, Approach.DIRECTING, -2, "low_influence_direct"),
    Rule(Criterion.INFLUENCE, Influence.HIGH, Approach.DIRECTING, 2, "high_influence_direct"),
    Rule(
        Criterion.KNOWLEDGE,
        Knowledge.HIGH_LONG_STANDING,
        Approach.REPLICATING,
        1,
        "much_knowledge_replicate",
    ),
    Rule(
        Criterion.STRUCTURES,
        Structures.MULTIPLE_OVERLAPPING_DIFFERENT_PURPOSES,
        Approach.LANDSCAPING,
        1,
        "overlapping_landscape",
    ),
    Rule(
        Criterion.STRUCTURES,
        Structures.MULTIPLE_DISPERSED_INCOHERENT,
        Approach.CONSULTING,
        1,
        "dispersed_consult",
    ),
    Rule(Criterion.PURPOSE, Purpose.COHERENCE, Approach.CONSULTING, 1, "coherence_consult"),
)


# Warnings -------------------------------------------------------------------------------------

CLOSE_CALL = 1  # top two within this many points: the seeds' approaches work in combination
LOOSE_FIT = 4  # the best approach scores this or less: the answers point in many directions


@dataclass(frozen=True)
class Ranked:
    approach: Approach
    score: int
    reasons: tuple[Rule, ...]  # the rules that scored it, in the order of the questions


@dataclass(frozen=True)
class Diagnosis:
    answers: Answers
    ranking: tuple[Ranked, ...]  # all six, best first
    warnings: tuple[str, ...]  # keys of the warnings' words in the content files

    @property
    def best(self) -> Ranked:
        return self.ranking[0]

    def rank_of(self, approach: Approach) -> int:
        """1 for the best."""
        return next(i for i, r in enumerate(self.ranking, 1) if r.approach is approach)


def matching_rules(answers: Answers, rules: tuple[Rule, ...] = RULES) -> tuple[Rule, ...]:
    return tuple(r for r in rules if answers.value(r.criterion) == r.value)


def diagnose(*, answers: Answers, rules: tuple[Rule, ...] = RULES) -> Diagnosis:
    matched = matching_rules(answers, rules)
    order = list(Approach)
    criteria = list(Criterion)
    ranked = []
    for approach in Approach:
        mine = sorted(
            (r for r in matched if r.approach is approach),
            key=lambda r: (criteria.index(r.criterion), -r.points),
        )
        ranked.append(Ranked(approach, sum(r.points for r in mine), tuple(mine)))
    purposeful = FITS[Criterion.PURPOSE][answers.purpose]
    ranked.sort(key=lambda r: (-r.score, r.approach is not purposeful, order.index(r.approach)))
    ranking = tuple(ranked)
    return Diagnosis(answers, ranking, _warnings(answers, ranking))


def _warnings(answers: Answers, ranking: tuple[Ranked, ...]) -> tuple[str, ...]:
    best, second = ranking[0], ranking[1]
    leans_to_directing = (
        any(FITS[c].get(answers.value(c)) is Approach.DIRECTING for c in FITS)
        or best.approach is Approach.DIRECTING
    )
    checks = (
        ("low_influence_directing", answers.influence is Influence.LOW and leans_to_directing),
        ("close_call", best.score - second.score <= CLOSE_CALL),
        ("loose_fit", best.score <= LOOSE_FIT),
        ("enquiring_spread", best.approach is Approach.ENQUIRING),
        (
            "landscaping_capacity",
            best.approach is Approach.LANDSCAPING
            and answers.capacity is not Capacity.HIGH_STRONG_VISION,
        ),
        (
            "responding_immature",
            best.approach is Approach.RESPONDING
            and answers.structures is not Structures.COMPLEX_MATURE_VARIED_COMMITMENT,
        ),
        ("directing_policy", best.approach is Approach.DIRECTING),
        (
            "consulting_slow",
            best.approach is Approach.CONSULTING and answers.purpose is Purpose.RAPID_DELIVERY,
        ),
        (
            "autonomy_coherence",
            answers.purpose is Purpose.COHERENCE
            and answers.capacity is Capacity.IN_NETWORKS_FRAGMENTED,
        ),
    )
    return tuple(key for key, applies in checks if applies)


WARNING_KEYS = (
    "low_influence_directing",
    "close_call",
    "loose_fit",
    "enquiring_spread",
    "landscaping_capacity",
    "responding_immature",
    "directing_policy",
    "consulting_slow",
    "autonomy_coherence",
)
