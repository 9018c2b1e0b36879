"""Network identification sheets: a network proposes or updates its record; the LA reviews it.

A sheet is one proposal with a status; every submission of it is a SheetVersion, kept with who
and when; every decision is a SheetReview. Nothing is edited in place.
"""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from schoolweave.networks.models import Network
from schoolweave.register.models import LocalAuthority


class IdentificationSheet(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        CHANGES_REQUESTED = "changes_requested", "Changes asked for"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sheets",
        help_text="empty for a new network, until the sheet is approved",
    )
    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="sheets")
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sheets"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ("-updated_at",)
        indexes = (models.Index(fields=("la", "status")),)

    def __str__(self) -> str:
        latest = self.versions.first()
        return f"Sheet {self.pk}: {latest.content['name'] if latest else 'empty'}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.CHANGES_REQUESTED)


class SheetVersion(models.Model):
    sheet = models.ForeignKey(
        IdentificationSheet, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    content = models.JSONField(encoder=DjangoJSONEncoder)  # core.networks.identification
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ("-number",)
        constraints = (
            models.UniqueConstraint(fields=("sheet", "number"), name="unique_sheet_version"),
        )

    def __str__(self) -> str:
        return f"Sheet {self.sheet_id} version {self.number}"


class SheetReview(models.Model):
    class Decision(models.TextChoices):
        APPROVED = "approved", "Approved"
        CHANGES_REQUESTED = "changes_requested", "Asked for changes"
        REJECTED = "rejected", "Rejected"

    sheet = models.ForeignKey(IdentificationSheet, on_delete=models.CASCADE, related_name="reviews")
    version = models.ForeignKey(SheetVersion, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ("-decided_at",)

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: sheet {self.sheet_id} v{self.version.number}"
