"""The content files: every key the code uses has words, and a mistake an LA might make when
adapting them stops with the file and the key."""

import shutil
from pathlib import Path

import pytest

from schoolweave.core.knowledge.content import ContentError, load_content
from schoolweave.core.knowledge.diagnostic import WARNING_KEYS, diagnose, parse_answers
from schoolweave.core.knowledge.vocabulary import (
    CRITERION_VALUES,
    Approach,
    BrokerageRole,
    Challenge,
    Criterion,
    EnquiryStage,
)
from schoolweave.knowledge.texts import CONTENT_DIR, texts


def test_the_shipped_content_has_every_text() -> None:
    content = load_content(CONTENT_DIR)
    assert list(content.approaches) == list(Approach)
    for approach in content.approaches.values():
        assert approach.strategies and approach.conditions
        assert approach.cautions and approach.pause_for_thought
    for criterion in Criterion:
        values = [o.value for o in content.criteria[criterion].options]
        assert values == list(CRITERION_VALUES[criterion])
    assert set(content.warnings) == set(WARNING_KEYS)
    assert [s.key for s in content.challenges] == list(Challenge)
    assert [len(s.questions) for s in content.challenges] == [4, 4, 4, 4, 5]
    assert [s.key for s in content.brokerage_roles] == list(BrokerageRole)
    assert [len(s.questions) for s in content.brokerage_roles] == [5, 4, 3, 3, 6]
    assert list(content.stages) == list(EnquiryStage)
    assert [p.key for p in content.stages[EnquiryStage.PLANNING].prompts] == [
        "focus",
        "questions",
        "management",
    ]
    assert [p.key for p in content.stages[EnquiryStage.CONFRONTING].prompts] == [
        "confidence",
        "interpretations",
    ]


def test_explaining_a_diagnosis_gives_words_for_every_reason_and_warning() -> None:
    answers = parse_answers(
        {
            "knowledge": "low_but_policy_strong",
            "structures": "initiative_driven",
            "capacity": "moderate_relies_on_incentives",
            "influence": "low",
            "purpose": "rapid_delivery",
        }
    )
    result = texts().explain(diagnose(answers=answers)).as_json()
    assert list(result) == ["ranking", "warnings"]
    first = result["ranking"][0]
    assert first["approach"] == "directing"
    assert first["reasons"][0].startswith("Knowledge about networking (low_but_policy_strong): ")
    assert any("resistance" in warning for warning in result["warnings"])


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_a_reworded_text_is_read(copy: Path) -> None:
    _edit(copy / "approaches.yaml", "  name: Consulting", "  name: Consulting widely")
    assert load_content(copy).approaches[Approach.CONSULTING].name == "Consulting widely"


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "diagnostic.yaml",
            "      low: Low.",
            "      lowish: Low.",
            "diagnostic.yaml, criteria.influence.options: has no entry for low",
        ),
        (
            "approaches.yaml",
            "    purpose: Consulting exists to win buy-in and a shared purpose.\n",
            "",
            "approaches.yaml, consulting.fits: has no entry for purpose",
        ),
        (
            "diagnostic.yaml",
            "    {first} and {second} score",
            "    {third} and {second} score",
            "diagnostic.yaml, warnings.close_call: may name only {first} and {second}, not "
            "second, third",
        ),
        (
            "challenges.yaml",
            "ownership:\n  name: Ownership",
            "ownership:\n  title: Ownership",
            "challenges.yaml, ownership.name: needs some text",
        ),
        (
            "enquiry_cycle.yaml",
            "synthesis:",
            "synthesising:",
            "enquiry_cycle.yaml: has no entry for synthesis",
        ),
        (
            "brokerage_roles.yaml",
            "membership:\n",
            "membership: [\n",
            "brokerage_roles.yaml: is not valid YAML",
        ),
    ],
)
def test_a_mistake_names_the_file_and_the_key(
    copy: Path, file: str, old: str, new: str, message: str
) -> None:
    _edit(copy / file, old, new)
    with pytest.raises(ContentError) as caught:
        load_content(copy)
    assert str(caught.value).startswith(message)
