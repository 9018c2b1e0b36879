"""factory_boy factories for the knowledge app: expertise, enquiries, diagnostics, self-reviews.

Defaults: a public offer of reading at key stage 2 described by a school; an enquiry of a
network, just started; a diagnostic and a self-review saved in September 2025.
"""

from datetime import UTC, date, datetime

import factory
from factory.django import DjangoModelFactory

from schoolweave.core.knowledge.vocabulary import (
    EnquiryStage,
    EvidenceKind,
    Phase,
    Rating,
    ReviewKind,
    Sharing,
    StageStatus,
)
from schoolweave.knowledge.models import (
    Diagnostic,
    Enquiry,
    EnquiryStageRecord,
    Expertise,
    SelfReview,
    SelfReviewAnswer,
)
from tests.factories import LearningFocusFactory, NetworkFactory, SchoolFactory

WHEN = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)


class ExpertiseFactory(DjangoModelFactory[Expertise]):
    """A school's public offer, described by the school."""

    class Meta:
        model = Expertise

    school = factory.SubFactory(SchoolFactory)
    network = None
    la = factory.LazyAttribute(lambda e: e.school.la if e.school else e.network.owner_las.first())
    focus = factory.SubFactory(LearningFocusFactory, slug="reading", name="Reading")
    phase = Phase.KS2.value
    title = factory.Sequence(lambda n: f"Reading for pleasure {n}")
    description = "Visits to our Year 5 and 6 classes, and our reading spine."
    person_name = "Priya Shah"
    person_role = "English lead"
    evidence = EvidenceKind.DESCRIBED.value
    evidence_text = "Reading progress above similar schools for three years."
    evidence_date = date(2025, 7, 1)
    is_public = True
    created_at = WHEN
    updated_at = WHEN


class PrivateExpertiseFactory(ExpertiseFactory):
    is_public = False


class NetworkExpertiseFactory(ExpertiseFactory):
    school = None
    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Moderating writing together {n}")


class ComputedExpertiseFactory(ExpertiseFactory):
    evidence = EvidenceKind.COMPUTED.value
    evidence_text = "KS2 reading progress was +3.10, above similar schools."
    evidence_year = 2019
    score = 0.9
    is_public = False


class EnquiryFactory(DjangoModelFactory[Enquiry]):
    """Just started: its five stages not started."""

    class Meta:
        model = Enquiry
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"How do boys become confident readers? {n}")
    focus = factory.SubFactory(LearningFocusFactory, slug="reading", name="Reading")
    sharing = Sharing.NETWORK.value
    created_at = WHEN
    updated_at = WHEN

    @factory.post_generation
    def stages(self, create: bool, extracted: StageStatus | None, **kwargs: object) -> None:
        """`stages=StageStatus.DONE` sets every stage's status."""
        if create:
            _stages(self, extracted or StageStatus.NOT_STARTED)


class FinishedEnquiryFactory(EnquiryFactory):
    sharing = Sharing.PUBLISHED.value
    summary = "Boys read more when they choose from a wider range of non-fiction."
    finished_on = date(2025, 12, 12)

    @factory.post_generation
    def stages(self, create: bool, extracted: StageStatus | None, **kwargs: object) -> None:
        if create:
            _stages(self, extracted or StageStatus.DONE)


def _stages(enquiry: Enquiry, status: StageStatus) -> None:
    for stage in EnquiryStage:
        EnquiryStageRecord.objects.create(
            enquiry=enquiry, stage=stage, status=status, updated_at=WHEN
        )


class DiagnosticFactory(DjangoModelFactory[Diagnostic]):
    class Meta:
        model = Diagnostic

    answers = factory.LazyFunction(
        lambda: {
            "knowledge": "variable",
            "structures": "established_weakly_connected",
            "capacity": "high_but_few_enthusiasts",
            "influence": "medium",
            "purpose": "knowledge_generation",
        }
    )
    suggestions = factory.LazyFunction(dict)
    ranking = factory.LazyFunction(
        lambda: (
            [{"approach": "enquiring", "score": 9, "reasons": []}]
            + [
                {"approach": a, "score": 0, "reasons": []}
                for a in ("consulting", "replicating", "directing", "responding", "landscaping")
            ]
        )
    )
    warnings = factory.LazyFunction(list)
    best = "enquiring"
    created_at = WHEN


class SelfReviewFactory(DjangoModelFactory[SelfReview]):
    """A network's review against the five challenges, answering `ratings` ({question: Rating})."""

    class Meta:
        model = SelfReview
        skip_postgeneration_save = True

    kind = ReviewKind.NETWORK_CHALLENGES.value
    network = factory.SubFactory(NetworkFactory)
    la = factory.LazyAttribute(lambda r: r.network.owner_las.first() if r.network else None)
    created_at = WHEN

    @factory.post_generation
    def ratings(self, create: bool, extracted: dict[str, Rating] | None, **kwargs: object) -> None:
        if create and extracted:
            for key, rating in extracted.items():
                SelfReviewAnswer.objects.create(
                    review=self,
                    section=key.rsplit("_", 1)[0],
                    question=key,
                    question_text=key,
                    rating=rating,
                )
