"""What the register suggests for the diagnostic, and why."""

from datetime import date

from schoolweave.core.knowledge.suggest import (
    Previous,
    RegisterFacts,
    suggest,
    suggest_influence,
    suggest_purpose,
    suggest_structures,
)
from schoolweave.core.knowledge.vocabulary import Criterion

BASE = RegisterFacts(
    open_schools=100,
    maintained_schools=70,
    networks=10,
    overlapping_pairs=0,
    networks_overlapping=0,
    disconnected_networks=2,
    schools_in_networks=80,
    isolated_schools=10,
    median_network_years=2.0,
)


def _facts(**changes: object) -> RegisterFacts:
    return RegisterFacts(**{**BASE.__dict__, **changes})  # type: ignore[arg-type]


def test_many_overlapping_networks_suggest_overlapping_structures() -> None:
    found = suggest_structures(_facts(overlapping_pairs=2, networks_overlapping=4))
    assert found is not None
    assert found.value == "multiple_overlapping_different_purposes"
    assert found.reason == (
        "In the landscape review, 4 of 10 (40%) networks share at least half their schools "
        "with another network (2 such pairs)."
    )


def test_many_schools_out_on_a_limb_suggest_dispersed_structures() -> None:
    found = suggest_structures(_facts(isolated_schools=35))
    assert found is not None
    assert found.value == "multiple_dispersed_incoherent"
    assert "35 of 100 (35%) open schools are out on a limb" in found.reason


def test_old_networks_suggest_mature_structures() -> None:
    found = suggest_structures(_facts(median_network_years=7.5))
    assert found is not None
    assert found.value == "complex_mature_varied_commitment"


def test_networks_that_stand_apart_suggest_weak_connections() -> None:
    found = suggest_structures(_facts(disconnected_networks=6))
    assert found is not None
    assert found.value == "established_weakly_connected"
    assert "6 of 10 (60%) networks share no school with any other network" in found.reason


def test_few_networks_suggest_a_few_well_defined_ones() -> None:
    found = suggest_structures(_facts(networks=2, disconnected_networks=0, schools_in_networks=12))
    assert found is not None
    assert found.value == "few_well_defined_others_emergent"
    assert found.reason == "There are 2 networks, with 12 of 100 (12%) open schools in one."


def test_no_networks_no_suggestion() -> None:
    assert suggest_structures(_facts(networks=0)) is None


def test_influence_follows_the_share_of_schools_the_la_maintains() -> None:
    assert suggest_influence(_facts(maintained_schools=70)).value == "high"  # type: ignore[union-attr]
    assert suggest_influence(_facts(maintained_schools=45)).value == "medium"  # type: ignore[union-attr]
    low = suggest_influence(_facts(maintained_schools=12))
    assert low is not None
    assert low.value == "low"
    assert low.reason.startswith("The local authority maintains 12 of its 100 open schools (12%);")
    assert suggest_influence(_facts(open_schools=0, maintained_schools=0)) is None


def test_many_disconnected_schools_suggest_re_engaging() -> None:
    assert suggest_purpose(_facts(isolated_schools=10)) is None
    found = suggest_purpose(_facts(isolated_schools=30))
    assert found is not None
    assert found.value == "re_engage"


def test_the_last_diagnostic_fills_what_the_register_cannot() -> None:
    previous = Previous(
        date(2026, 3, 3), {"knowledge": "variable", "structures": "initiative_driven"}
    )
    found = suggest(facts=_facts(overlapping_pairs=2, networks_overlapping=4), previous=previous)
    assert found[Criterion.KNOWLEDGE].value == "variable"
    assert found[Criterion.KNOWLEDGE].source == "previous"
    assert found[Criterion.KNOWLEDGE].reason == (
        "Your last diagnostic, on 3 March 2026, gave this answer."
    )
    assert found[Criterion.STRUCTURES].value == "multiple_overlapping_different_purposes"
    assert found[Criterion.STRUCTURES].source == "register"
    assert Criterion.CAPACITY not in found


def test_nothing_known_nothing_suggested() -> None:
    assert suggest(facts=None, previous=None) == {}
