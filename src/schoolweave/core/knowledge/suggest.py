"""Answers to the diagnostic that the register can suggest, each with its reason in words.

The register cannot know an LA's purpose or knowledge, but it can count: how many networks
overlap or stand apart, how many schools are out on a limb (the landscape review), how many
schools the LA maintains. Those counts suggest answers on existing structures, influence and,
where many schools are disconnected, purpose. Where the register has nothing to say, the LA's
previous answer (if any) is suggested instead. A suggestion is only a starting point: the form
shows its reason and the officer decides.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from schoolweave.core.knowledge.vocabulary import (
    Criterion,
    Influence,
    Purpose,
    Structures,
)

OVERLAPPING_SHARE = 1 / 3  # a third of networks in a duplicate pair: "many overlapping"
ISOLATED_SHARE = 0.3  # schools out on a limb: "dispersed, lacking coherence"
RE_ENGAGE_SHARE = 0.25  # schools out on a limb: re-engaging them is a purpose
DISCONNECTED_SHARE = 0.5  # networks sharing no school with another: "weakly connected"
COVERED_SHARE = 0.5  # schools in some network: "well established"
FEW_NETWORKS = 3
MATURE_YEARS = 5.0
MANY_NETWORKS = 5
HIGH_INFLUENCE_SHARE = 0.6  # schools the LA maintains
MEDIUM_INFLUENCE_SHARE = 0.3


@dataclass(frozen=True)
class RegisterFacts:
    """What the register knows of an LA's landscape, as counts."""

    open_schools: int
    maintained_schools: int  # open schools the LA maintains (not academies or free schools)
    networks: int  # informal networks with schools in the LA
    overlapping_pairs: int  # pairs of networks sharing at least half their schools
    networks_overlapping: int  # networks in at least one such pair
    disconnected_networks: int  # networks that share no school with any other network
    schools_in_networks: int  # open schools in at least one network
    isolated_schools: int  # open schools out on a limb
    median_network_years: float | None  # median age of the networks with a start date


@dataclass(frozen=True)
class Previous:
    """The LA's last saved diagnostic."""

    on: date
    answers: Mapping[str, str]


@dataclass(frozen=True)
class Suggestion:
    criterion: Criterion
    value: str
    reason: str
    source: str  # "register" or "previous"


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _percent(part: int, whole: int) -> str:
    return f"{part} of {whole} ({_share(part, whole):.0%})"


def suggest_structures(facts: RegisterFacts) -> Suggestion | None:
    def found(value: Structures, reason: str) -> Suggestion:
        return Suggestion(Criterion.STRUCTURES, value, reason, "register")

    n = facts.networks
    if n == 0:
        return None
    if facts.overlapping_pairs and _share(facts.networks_overlapping, n) >= OVERLAPPING_SHARE:
        return found(
            Structures.MULTIPLE_OVERLAPPING_DIFFERENT_PURPOSES,
            f"In the landscape review, {_percent(facts.networks_overlapping, n)} networks share "
            f"at least half their schools with another network "
            f"({facts.overlapping_pairs} such pair{'s' * (facts.overlapping_pairs != 1)}).",
        )
    if n >= FEW_NETWORKS and _share(facts.isolated_schools, facts.open_schools) >= ISOLATED_SHARE:
        return found(
            Structures.MULTIPLE_DISPERSED_INCOHERENT,
            f"There are {n} networks, but {_percent(facts.isolated_schools, facts.open_schools)} "
            "open schools are out on a limb in the landscape review.",
        )
    covered = _share(facts.schools_in_networks, facts.open_schools)
    years = facts.median_network_years
    if n >= MANY_NETWORKS and years is not None and years >= MATURE_YEARS:
        return found(
            Structures.COMPLEX_MATURE_VARIED_COMMITMENT,
            f"There are {n} networks, and half of them started {years:.0f} or more years ago.",
        )
    if (
        n > 1
        and covered >= COVERED_SHARE
        and _share(facts.disconnected_networks, n) >= DISCONNECTED_SHARE
    ):
        return found(
            Structures.ESTABLISHED_WEAKLY_CONNECTED,
            f"{_percent(facts.schools_in_networks, facts.open_schools)} open schools are in a "
            f"network, but {_percent(facts.disconnected_networks, n)} networks share no school "
            "with any other network.",
        )
    if n <= FEW_NETWORKS or covered < COVERED_SHARE:
        return found(
            Structures.FEW_WELL_DEFINED_OTHERS_EMERGENT,
            f"There {'is' if n == 1 else 'are'} {n} network{'s' * (n != 1)}, with "
            f"{_percent(facts.schools_in_networks, facts.open_schools)} open schools in one.",
        )
    return None


def suggest_influence(facts: RegisterFacts) -> Suggestion | None:
    if not facts.open_schools:
        return None
    share = _share(facts.maintained_schools, facts.open_schools)
    value = (
        Influence.HIGH
        if share >= HIGH_INFLUENCE_SHARE
        else Influence.MEDIUM
        if share >= MEDIUM_INFLUENCE_SHARE
        else Influence.LOW
    )
    return Suggestion(
        Criterion.INFLUENCE,
        value,
        f"The local authority maintains {facts.maintained_schools} of its {facts.open_schools} "
        f"open schools ({_share(facts.maintained_schools, facts.open_schools):.0%}); academies "
        "and free schools answer to their trusts.",
        "register",
    )


def suggest_purpose(facts: RegisterFacts) -> Suggestion | None:
    if facts.open_schools and _share(facts.isolated_schools, facts.open_schools) >= RE_ENGAGE_SHARE:
        return Suggestion(
            Criterion.PURPOSE,
            Purpose.RE_ENGAGE,
            f"{_percent(facts.isolated_schools, facts.open_schools)} open schools are out on a "
            "limb in the landscape review: bringing them in is a purpose in itself.",
            "register",
        )
    return None


def suggest(
    *, facts: RegisterFacts | None, previous: Previous | None
) -> dict[Criterion, Suggestion]:
    """A suggestion for each question the register (or the last diagnostic) can answer."""
    found: dict[Criterion, Suggestion] = {}
    if facts is not None:
        for suggestion in (
            suggest_structures(facts),
            suggest_influence(facts),
            suggest_purpose(facts),
        ):
            if suggestion is not None:
                found[suggestion.criterion] = suggestion
    if previous is not None:
        for criterion in Criterion:
            value = previous.answers.get(criterion.value)
            if criterion not in found and value is not None:
                found[criterion] = Suggestion(
                    criterion,
                    value,
                    f"Your last diagnostic, on {previous.on.day} {previous.on:%B %Y}, gave this "
                    "answer.",
                    "previous",
                )
    return found
