"""Brokering rounds: an LA officer sets the scope, shape and criteria, runs the engine in the
background, consults the schools on the proposal and publishes the groups they accept as
networks. Willingness is each school's own: an opted-out school is never placed."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from schoolweave.core.broker import Shape, Willingness
from schoolweave.register.models import LocalAuthority, School


class Round(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being set up"
        QUEUED = "queued", "Waiting to run"
        RUNNING = "running", "Running"
        PROPOSED = "proposed", "Proposal ready"
        FAILED = "failed", "No proposal possible"
        CONSULTING = "consulting", "With schools for consultation"
        PUBLISHED = "published", "Published"

    la = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(max_length=200)
    shape = models.CharField(max_length=20, choices=[(s.value, s.value) for s in Shape])
    criteria = models.JSONField(default=dict, blank=True)  # brokering.config's settings
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    progress = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    runs = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ("-updated_at",)

    def __str__(self) -> str:
        return f"{self.name} ({self.la.name})"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class RoundSchool(models.Model):
    """A school in a round's scope: how willing it is, and the LA's open decision on whether it
    may lead a group when the school asked the LA to decide (Sandwell decided disputed
    categories openly)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="schools")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    willingness = models.CharField(
        max_length=20,
        choices=[(w.value, w.value.replace("_", " ")) for w in Willingness],
        default=Willingness.UNDECIDED,
    )
    asks_la_to_decide = models.BooleanField(default=False)
    may_lead = models.BooleanField(null=True, blank=True, help_text="the LA's decision")
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("school__name",)
        constraints = (
            models.UniqueConstraint(fields=("round", "school"), name="unique_round_school"),
        )

    def __str__(self) -> str:
        return f"{self.school.name} in {self.round.name}"


class PairRule(models.Model):
    class Kind(models.TextChoices):
        PIN = "pin", "Keep together"
        FORBID = "forbid", "Keep apart"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="pair_rules")
    first = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("round", "first", "second"), name="unique_pair_rule"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.first.name} and {self.second.name}"


class Response(models.Model):
    """A school's answer to the proposal in consultation."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="+")
    accepts = models.BooleanField()
    comment = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("round", "school"), name="unique_round_response"),
        )

    def __str__(self) -> str:
        return f"{self.school.name}: {'accepts' if self.accepts else 'declines'}"
