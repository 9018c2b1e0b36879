"""The words of the knowledge pages, read from YAML files an LA may adapt.

`load_content(directory)` reads diagnostic.yaml, approaches.yaml, challenges.yaml,
brokerage_roles.yaml and enquiry_cycle.yaml, and checks them against what the code relies on:
every criterion, value, approach, challenge, role, stage, reason and warning has its words.
A mistake stops with the file and the key (ContentError), not with a page that is half blank.
"""

import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from schoolweave.core.knowledge.diagnostic import (
    FITS,
    RULES,
    WARNING_KEYS,
    Diagnosis,
    Rule,
    fit_key,
)
from schoolweave.core.knowledge.vocabulary import (
    CRITERION_VALUES,
    Approach,
    BrokerageRole,
    Challenge,
    Criterion,
    EnquiryStage,
    ReviewKind,
)

FILES = (
    "diagnostic.yaml",
    "approaches.yaml",
    "challenges.yaml",
    "brokerage_roles.yaml",
    "enquiry_cycle.yaml",
)
WARNING_FIELDS = frozenset({"first", "second"})


class ContentError(ValueError):
    def __init__(self, file: str, where: str, problem: str) -> None:
        self.file, self.where, self.problem = file, where, problem
        super().__init__(f"{file}, {where}: {problem}" if where else f"{file}: {problem}")


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class CriterionText:
    criterion: Criterion
    name: str
    question: str
    hint: str
    options: tuple[Option, ...]

    def label(self, value: str) -> str:
        return next(o.label for o in self.options if o.value == value)


@dataclass(frozen=True)
class ApproachText:
    approach: Approach
    name: str
    summary: str
    fits: Mapping[Criterion, str]
    strategies: tuple[str, ...]
    conditions: tuple[str, ...]
    cautions: tuple[str, ...]
    pause_for_thought: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class ReviewSection:
    """A challenge or a brokerage role, with its questions."""

    key: str
    name: str
    summary: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Prompt:
    key: str
    label: str
    hint: str


@dataclass(frozen=True)
class StageText:
    stage: EnquiryStage
    name: str
    summary: str
    prompts: tuple[Prompt, ...]


@dataclass(frozen=True)
class ExplainedReason:
    criterion: Criterion
    value: str
    points: int
    criterion_name: str
    answer: str  # the answer in plain words
    text: str

    def as_text(self) -> str:
        return f"{self.criterion_name} ({self.value}): {self.text}"


@dataclass(frozen=True)
class ExplainedApproach:
    approach: Approach
    score: int
    reasons: tuple[ExplainedReason, ...]
    text: ApproachText


@dataclass(frozen=True)
class Explained:
    ranking: tuple[ExplainedApproach, ...]
    warnings: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        """What `schoolweave diagnose --format json` prints."""
        return {
            "ranking": [
                {
                    "approach": r.approach.value,
                    "score": r.score,
                    "reasons": [reason.as_text() for reason in r.reasons],
                }
                for r in self.ranking
            ],
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Content:
    criteria: Mapping[Criterion, CriterionText]
    approaches: Mapping[Approach, ApproachText]
    reasons: Mapping[str, str]
    warnings: Mapping[str, str]
    challenges: tuple[ReviewSection, ...]
    brokerage_roles: tuple[ReviewSection, ...]
    stages: Mapping[EnquiryStage, StageText]

    def sections(self, kind: ReviewKind) -> tuple[ReviewSection, ...]:
        return self.challenges if kind is ReviewKind.NETWORK_CHALLENGES else self.brokerage_roles

    def reason_text(self, rule: Rule) -> str:
        if rule.criterion in FITS and rule.key == fit_key(rule.approach, rule.criterion):
            return self.approaches[rule.approach].fits[rule.criterion]
        return self.reasons[rule.key]

    def explain(self, diagnosis: Diagnosis) -> Explained:
        ranking = tuple(
            ExplainedApproach(
                r.approach,
                r.score,
                tuple(self._reason(rule) for rule in r.reasons),
                self.approaches[r.approach],
            )
            for r in diagnosis.ranking
        )
        names = {
            "first": self.approaches[diagnosis.ranking[0].approach].name,
            "second": self.approaches[diagnosis.ranking[1].approach].name,
        }
        return Explained(
            ranking, tuple(self.warnings[k].format(**names) for k in diagnosis.warnings)
        )

    def _reason(self, rule: Rule) -> ExplainedReason:
        criterion = self.criteria[rule.criterion]
        return ExplainedReason(
            rule.criterion,
            rule.value,
            rule.points,
            criterion.name,
            criterion.label(rule.value),
            self.reason_text(rule),
        )


# Loading --------------------------------------------------------------------------------------


def load_content(directory: Path) -> Content:
    raw = {name: _read(directory / name) for name in FILES}
    diagnostic = raw["diagnostic.yaml"]
    return Content(
        criteria=_criteria(_mapping(diagnostic, "diagnostic.yaml", "criteria")),
        approaches=_approaches(raw["approaches.yaml"]),
        reasons=_reasons(_mapping(diagnostic, "diagnostic.yaml", "reasons")),
        warnings=_warnings(_mapping(diagnostic, "diagnostic.yaml", "warnings")),
        challenges=_sections(raw["challenges.yaml"], "challenges.yaml", tuple(Challenge)),
        brokerage_roles=_sections(
            raw["brokerage_roles.yaml"], "brokerage_roles.yaml", tuple(BrokerageRole)
        ),
        stages=_stages(raw["enquiry_cycle.yaml"]),
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ContentError(path.name, "", f"cannot be read ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise ContentError(path.name, "", f"is not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ContentError(path.name, "", "must hold a mapping of keys to texts")
    return data


def _mapping(data: Mapping[str, Any], file: str, key: str, where: str = "") -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        place = f"{where}.{key}" if where else key
        raise ContentError(file, place, "is missing or is not a mapping")
    return value


def _text(data: Mapping[str, Any], file: str, where: str, key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(file, f"{where}.{key}" if where else key, "needs some text")
    return " ".join(value.split())


def _texts(data: Mapping[str, Any], file: str, where: str, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ContentError(file, f"{where}.{key}", "needs a list of one or more texts")
    return tuple(" ".join(v.split()) for v in value)


def _exactly(found: Mapping[str, Any], wanted: tuple[str, ...], file: str, where: str) -> None:
    missing = [k for k in wanted if k not in found]
    extra = [str(k) for k in found if k not in wanted]
    if missing:
        raise ContentError(file, where, f"has no entry for {', '.join(missing)}")
    if extra:
        raise ContentError(file, where, f"has unknown keys {', '.join(extra)}")


def _criteria(data: dict[str, Any]) -> dict[Criterion, CriterionText]:
    file = "diagnostic.yaml"
    _exactly(data, tuple(Criterion), file, "criteria")
    found = {}
    for criterion in Criterion:
        where = f"criteria.{criterion.value}"
        entry = _mapping(data, file, criterion.value, "criteria")
        options = _mapping(entry, file, "options", where)
        _exactly(options, CRITERION_VALUES[criterion], file, f"{where}.options")
        found[criterion] = CriterionText(
            criterion,
            _text(entry, file, where, "name"),
            _text(entry, file, where, "question"),
            _text(entry, file, where, "hint"),
            tuple(
                Option(v, _text(options, file, f"{where}.options", v))
                for v in CRITERION_VALUES[criterion]
            ),
        )
    return found


def _reasons(data: dict[str, Any]) -> dict[str, str]:
    wanted = tuple(dict.fromkeys(r.key for r in RULES if r.key != fit_key(r.approach, r.criterion)))
    _exactly(data, wanted, "diagnostic.yaml", "reasons")
    return {k: _text(data, "diagnostic.yaml", "reasons", k) for k in wanted}


def _warnings(data: dict[str, Any]) -> dict[str, str]:
    _exactly(data, WARNING_KEYS, "diagnostic.yaml", "warnings")
    found = {}
    for key in WARNING_KEYS:
        text = _text(data, "diagnostic.yaml", "warnings", key)
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        if not fields <= WARNING_FIELDS:
            raise ContentError(
                "diagnostic.yaml",
                f"warnings.{key}",
                f"may name only {{first}} and {{second}}, not {', '.join(sorted(fields))}",
            )
        found[key] = text
    return found


def _approaches(data: dict[str, Any]) -> dict[Approach, ApproachText]:
    file = "approaches.yaml"
    _exactly(data, tuple(Approach), file, "")
    found = {}
    for approach in Approach:
        where = approach.value
        entry = _mapping(data, file, where)
        fits = _mapping(entry, file, "fits", where)
        _exactly(fits, tuple(c.value for c in FITS), file, f"{where}.fits")
        found[approach] = ApproachText(
            approach,
            _text(entry, file, where, "name"),
            _text(entry, file, where, "summary"),
            {c: _text(fits, file, f"{where}.fits", c.value) for c in FITS},
            _texts(entry, file, where, "strategies"),
            _texts(entry, file, where, "conditions"),
            _texts(entry, file, where, "cautions"),
            _texts(entry, file, where, "pause_for_thought"),
        )
    return found


def _sections(data: dict[str, Any], file: str, keys: tuple[str, ...]) -> tuple[ReviewSection, ...]:
    _exactly(data, keys, file, "")
    sections, seen = [], set()
    for key in keys:
        entry = _mapping(data, file, key)
        questions = _mapping(entry, file, "questions", key)
        if not questions:
            raise ContentError(file, f"{key}.questions", "needs at least one question")
        for question_key in questions:
            if question_key in seen:
                raise ContentError(file, f"{key}.questions", f"repeats the key {question_key}")
            seen.add(question_key)
        summary_key = "summary" if "summary" in entry else "question"
        sections.append(
            ReviewSection(
                key,
                _text(entry, file, key, "name"),
                _text(entry, file, key, summary_key),
                tuple(
                    Question(str(q), _text(questions, file, f"{key}.questions", q))
                    for q in questions
                ),
            )
        )
    return tuple(sections)


def _stages(data: dict[str, Any]) -> dict[EnquiryStage, StageText]:
    file = "enquiry_cycle.yaml"
    _exactly(data, tuple(EnquiryStage), file, "")
    found = {}
    for stage in EnquiryStage:
        entry = _mapping(data, file, stage.value)
        prompts = _mapping(entry, file, "prompts", stage.value)
        if not prompts:
            raise ContentError(file, f"{stage.value}.prompts", "needs at least one prompt")
        found[stage] = StageText(
            stage,
            _text(entry, file, stage.value, "name"),
            _text(entry, file, stage.value, "summary"),
            tuple(_prompt(prompts, file, f"{stage.value}.prompts", str(key)) for key in prompts),
        )
    return found


def _prompt(prompts: Mapping[str, Any], file: str, where: str, key: str) -> Prompt:
    entry = _mapping(prompts, file, key, where)
    return Prompt(
        key,
        _text(entry, file, f"{where}.{key}", "label"),
        _text(entry, file, f"{where}.{key}", "hint"),
    )
