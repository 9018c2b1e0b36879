"""Knowledge exchange and strategy: the expertise register, networks' enquiries, the LA's
six-approach diagnostics and the self-reviews of networks and LAs.

Nothing here is edited without a trace: services write every change with an audit entry in the
same transaction; diagnostics and self-reviews are never changed once saved, so each new one
adds to the history.
"""

from django.conf import settings
from django.db import models

from schoolweave.core.knowledge.vocabulary import (
    Approach,
    EnquiryStage,
    EvidenceKind,
    Phase,
    Rating,
    ReviewKind,
    Sharing,
    StageStatus,
)
from schoolweave.knowledge.storage import attachment_path, knowledge_storage
from schoolweave.networks.models import LearningFocus, Network
from schoolweave.register.models import LocalAuthority, School

_USER = settings.AUTH_USER_MODEL


# Expertise ------------------------------------------------------------------------------------


class Expertise(models.Model):
    """What a school or network (or a named person in it) can offer others: a learning focus in
    a phase, with the evidence for it. Public only when the school or network chooses."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="expertise"
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="expertise"
    )
    la = models.ForeignKey(
        LocalAuthority,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The LA whose register it is in: the school's, or the network's owner.",
    )
    focus = models.ForeignKey(LearningFocus, on_delete=models.PROTECT, related_name="+")
    phase = models.CharField(max_length=20, choices=Phase.choices())
    title = models.CharField("what you can offer", max_length=200)
    description = models.TextField(blank=True)
    person_name = models.CharField(max_length=200, blank=True)
    person_role = models.CharField(max_length=200, blank=True)
    evidence = models.CharField(max_length=20, choices=EvidenceKind.choices())
    evidence_text = models.TextField(blank=True)
    evidence_date = models.DateField(help_text="When the school described it, or when computed.")
    evidence_year = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ("focus__name", "phase", "title")
        verbose_name_plural = "expertise"
        constraints = (
            models.CheckConstraint(
                condition=models.Q(school__isnull=False, network__isnull=True)
                | models.Q(school__isnull=True, network__isnull=False),
                name="expertise_of_a_school_or_a_network",
            ),
            models.UniqueConstraint(
                fields=("school", "focus", "phase"),
                condition=models.Q(evidence="computed"),
                name="one_computed_strength_per_school_focus_phase",
            ),
        )

    def __str__(self) -> str:
        return f"{self.title} ({self.offered_by_name})"

    @property
    def offered_by_name(self) -> str:
        subject = self.school or self.network
        return subject.name if subject is not None else ""

    @property
    def is_computed(self) -> bool:
        return self.evidence == EvidenceKind.COMPUTED


# Enquiries ------------------------------------------------------------------------------------


class Enquiry(models.Model):
    """A network's enquiry through the five stages of the enquiry cycle."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="enquiries")
    title = models.CharField(max_length=200)
    focus = models.ForeignKey(
        LearningFocus, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sharing = models.CharField(max_length=20, choices=Sharing.choices(), default=Sharing.NETWORK)
    summary = models.TextField("public summary", blank=True)
    finished_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ("-updated_at", "-pk")
        verbose_name_plural = "enquiries"

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.finished_on is not None

    @property
    def is_published(self) -> bool:
        return self.is_finished and self.sharing == Sharing.PUBLISHED


class EnquiryStageRecord(models.Model):
    """What a network recorded at one stage: its answers to the stage's prompts and a status."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(max_length=20, choices=EnquiryStage.choices())
    status = models.CharField(
        max_length=20, choices=StageStatus.choices(), default=StageStatus.NOT_STARTED
    )
    answers = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("enquiry", "stage"), name="one_record_per_stage"),
        )

    def __str__(self) -> str:
        return f"{self.enquiry}: {self.get_stage_display()}"


class EnquiryNote(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="notes")
    stage = models.CharField(max_length=20, choices=EnquiryStage.choices())
    text = models.TextField()
    author = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return f"Note on {self.enquiry} ({self.get_stage_display()})"


class EnquiryAttachment(models.Model):
    """A file attached at a stage. Stored under a random name in the knowledge media root
    (never the static root), checked by content, downloaded only by those allowed."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="attachments")
    stage = models.CharField(max_length=20, choices=EnquiryStage.choices())
    file = models.FileField(storage=knowledge_storage, upload_to=attachment_path, max_length=200)
    name = models.CharField(max_length=120, help_text="Safe name, with the real type's extension.")
    kind = models.CharField(max_length=10)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    description = models.CharField(max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ("uploaded_at", "pk")

    def __str__(self) -> str:
        return self.name


# The diagnostic -------------------------------------------------------------------------------


class Diagnostic(models.Model):
    """An LA's six-approach diagnostic as saved: its answers, what was suggested, and the
    recommendation in the words of the day. Never changed; each new one adds to the history."""

    la = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    answers = models.JSONField()
    suggestions = models.JSONField(default=dict, blank=True)
    ranking = models.JSONField()
    warnings = models.JSONField(default=list, blank=True)
    best = models.CharField(max_length=20, choices=Approach.choices())
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"Diagnostic for {self.la_id} on {self.created_at:%Y-%m-%d}: {self.best}"


# Self-reviews ---------------------------------------------------------------------------------


class SelfReview(models.Model):
    """A network's review against the five challenges, or an LA's against the five brokerage
    roles. Never changed; the next review adds to the history."""

    kind = models.CharField(max_length=30, choices=ReviewKind.choices())
    la = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="self_reviews"
    )
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(kind="network_challenges", network__isnull=False)
                | models.Q(kind="la_brokerage", network__isnull=True),
                name="self_review_of_a_network_or_an_la",
            ),
        )

    def __str__(self) -> str:
        subject = self.network.name if self.network else self.la_id
        return f"{self.get_kind_display()}: {subject}, {self.created_at:%Y-%m-%d}"


class SelfReviewAnswer(models.Model):
    review = models.ForeignKey(SelfReview, on_delete=models.CASCADE, related_name="answers")
    section = models.CharField(max_length=30)
    question = models.CharField(max_length=50)
    question_text = models.TextField(help_text="The question as it was asked.")
    rating = models.CharField(max_length=20, choices=Rating.choices())
    evidence = models.TextField(blank=True)
    actions = models.TextField(blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = (
            models.UniqueConstraint(
                fields=("review", "question"), name="one_answer_per_review_question"
            ),
        )

    def __str__(self) -> str:
        return f"{self.question}: {self.rating}"
