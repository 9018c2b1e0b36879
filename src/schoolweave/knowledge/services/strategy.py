"""Writes of the LA's strategy tools: six-approach diagnostics and self-reviews (a network's
against the five challenges, an LA's against the five brokerage roles). Each is saved once,
whole, and never changed: the next one adds to the history. Audited in the same transaction."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from schoolweave.audit.services import Actor, audit_record
from schoolweave.core.knowledge.diagnostic import Answers, diagnose
from schoolweave.core.knowledge.suggest import Suggestion
from schoolweave.core.knowledge.vocabulary import Criterion, Rating, ReviewKind
from schoolweave.knowledge.models import Diagnostic, SelfReview, SelfReviewAnswer
from schoolweave.knowledge.texts import texts
from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority

UNKNOWN_QUESTION = "{key} is not a question of this self-review"


def _actor_id(actor: Actor) -> int | None:
    pk = getattr(actor, "pk", None)
    return pk if isinstance(pk, int) else None


def diagnosis_json(answers: Answers) -> tuple[list[dict[str, Any]], list[str]]:
    """The ranking (each approach's score and reasons, in today's words) and the warnings."""
    explained = texts().explain(diagnose(answers=answers))
    ranking = [
        {
            "approach": r.approach.value,
            "score": r.score,
            "reasons": [
                {
                    "criterion": reason.criterion.value,
                    "value": reason.value,
                    "points": reason.points,
                    "question": reason.criterion_name,
                    "answer": reason.answer,
                    "text": reason.text,
                }
                for reason in r.reasons
            ],
        }
        for r in explained.ranking
    ]
    return ranking, list(explained.warnings)


@transaction.atomic
def diagnostic_save(
    *,
    actor: Actor,
    la: LocalAuthority,
    answers: Answers,
    suggestions: Mapping[Criterion, Suggestion] | None = None,
    notes: str = "",
    now: datetime | None = None,
) -> Diagnostic:
    ranking, warnings = diagnosis_json(answers)
    diagnostic = Diagnostic(
        la=la,
        answers=answers.as_json(),
        suggestions={
            c.value: {"value": s.value, "reason": s.reason, "source": s.source}
            for c, s in (suggestions or {}).items()
        },
        ranking=ranking,
        warnings=warnings,
        best=ranking[0]["approach"],
        notes=notes.strip(),
        created_by_id=_actor_id(actor),
        created_at=now or timezone.now(),
    )
    diagnostic.full_clean()
    diagnostic.save()
    audit_record(
        actor=actor,
        action="diagnostic.create",
        obj=diagnostic,
        las=[la.code],
        before=None,
        after={"answers": diagnostic.answers, "best": diagnostic.best},
    )
    return diagnostic


@dataclass(frozen=True)
class ReviewAnswer:
    question: str  # a question key from the content files
    rating: Rating
    evidence: str = ""
    actions: str = ""


@transaction.atomic
def self_review_save(
    *,
    actor: Actor,
    kind: ReviewKind,
    la: LocalAuthority,
    answers: Sequence[ReviewAnswer],
    network: Network | None = None,
    notes: str = "",
    now: datetime | None = None,
) -> SelfReview:
    """Save a whole self-review. Questions are those of the content files today; each answer
    keeps the question's words as asked."""
    questions = {
        q.key: (section.key, q.text)
        for section in texts().sections(kind)
        for q in section.questions
    }
    for answer in answers:
        if answer.question not in questions:
            raise ValueError(UNKNOWN_QUESTION.format(key=answer.question))
    review = SelfReview(
        kind=kind,
        la=la,
        network=network,
        notes=notes.strip(),
        created_by_id=_actor_id(actor),
        created_at=now or timezone.now(),
    )
    review.full_clean()
    review.save()
    SelfReviewAnswer.objects.bulk_create(
        SelfReviewAnswer(
            review=review,
            section=questions[a.question][0],
            question=a.question,
            question_text=questions[a.question][1],
            rating=a.rating,
            evidence=a.evidence.strip(),
            actions=a.actions.strip(),
        )
        for a in answers
    )
    audit_record(
        actor=actor,
        action=f"self_review.{kind.value}",
        obj=review,
        las=[la.code],
        network_id=network.pk if network is not None else None,
        before=None,
        after={a.question: a.rating.value for a in answers},
    )
    return review
