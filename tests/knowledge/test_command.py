"""schoolweave diagnose --answers FILE.json [--format json]."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ANSWERS = {
    "knowledge": "variable",
    "structures": "established_weakly_connected",
    "capacity": "high_but_few_enthusiasts",
    "influence": "low",
    "purpose": "knowledge_generation",
}


def _run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("diagnose", "--answers", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(ANSWERS))
    return path


def test_json_gives_the_ranking_best_first_with_reasons_and_the_warnings(answers: Path) -> None:
    result = json.loads(_run(answers, "--format", "json"))
    assert list(result) == ["ranking", "warnings"]
    assert [r["approach"] for r in result["ranking"]] == [
        "enquiring",
        "consulting",
        "replicating",
        "responding",
        "landscaping",
        "directing",
    ]
    first = result["ranking"][0]
    assert list(first) == ["approach", "score", "reasons"]
    assert first["score"] == 9
    assert [reason.split(":")[0] for reason in first["reasons"]] == [
        "Knowledge about networking (variable)",
        "Existing networks (established_weakly_connected)",
        "Capacity to start and sustain networks (high_but_few_enthusiasts)",
        "Purpose (knowledge_generation)",
    ]
    assert result["ranking"][-1]["score"] == -2
    assert len(result["warnings"]) == 1
    assert result["warnings"][0].startswith("Enquiry goes deep but spreads slowly")


def test_text_is_the_default(answers: Path) -> None:
    text = _run(answers)
    assert text.startswith("1. Enquiring: 9 points\n   - Knowledge about networking (variable): ")
    assert "\nWarnings:\n- Enquiry goes deep" in text


def test_bad_answers_name_the_field_and_the_allowed_values(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({**ANSWERS, "influence": "huge"}))
    with pytest.raises(CommandError) as caught:
        _run(path)
    assert str(caught.value) == (
        f"{path}: the answers are not valid:\n"
        '  `influence` is "huge", which is not one of the allowed values: low, medium, high'
    )


def test_a_file_that_is_not_json_says_where(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"knowledge": "variable",\n  "structures": }')
    with pytest.raises(CommandError, match=r"not valid JSON at line 2, column 17"):
        _run(path)
    with pytest.raises(CommandError, match="No such file"):
        _run(tmp_path / "missing.json")
