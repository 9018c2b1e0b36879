"""Performance data: one tidy store of published figures, GIAS establishment links, similar
schools and what LA officers know of a school's strengths and needs.

No pupil-level data is held, ever: only figures DfE, Ofsted and ESFA publish per school.
"""

from django.conf import settings
from django.db import models

from schoolweave.core.performance.files import Kind
from schoolweave.core.performance.links import LINK_NAME_LENGTH, LINK_TYPE_LENGTH
from schoolweave.core.performance.strengths import FOCUS_AREAS
from schoolweave.register.models import LocalAuthority, School


class PerformanceImport(models.Model):
    """One import of one file: where each of its figures came from."""

    kind = models.CharField(max_length=10, choices=[(k.value, k.label) for k in Kind])
    format_name = models.CharField(max_length=200)
    file_name = models.CharField(max_length=500)
    file_sha256 = models.CharField(max_length=64)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    imported_at = models.DateTimeField()
    rows = models.PositiveIntegerField(default=0)
    figures = models.PositiveIntegerField(default=0)
    replaced = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-imported_at",)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.kind}, {self.year or 'dated rows'})"

    @property
    def source(self) -> str:
        return self.file_name


class Figure(models.Model):
    """A published figure of one school (URN), academic year and measure: a value, or the
    reason it is missing (DfE's symbols), never both and never a zero for a missing figure.

    The school is a URN without a database constraint: files cover schools the register may
    not hold (yet), and a figure published under an old URN belongs to the school's history.
    """

    school = models.ForeignKey(
        School,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="urn",
        related_name="figures",
    )
    year = models.PositiveSmallIntegerField(help_text="the calendar year the academic year ends")
    measure = models.CharField(max_length=60)
    value = models.FloatField(null=True, blank=True)
    missing_reason = models.CharField(max_length=10, blank=True)
    as_of = models.DateField(null=True, blank=True, help_text="e.g. the date of an inspection")
    source = models.ForeignKey(PerformanceImport, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("school", "year", "measure"), name="unique_figure_per_school_year"
            ),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True, missing_reason__gt="")
                | models.Q(value__isnull=False, missing_reason=""),
                name="figure_has_value_or_missing_reason",
            ),
        )
        indexes = (models.Index(fields=("measure", "year")),)

    def __str__(self) -> str:
        shown = self.value if self.value is not None else self.missing_reason
        return f"{self.school_id} {self.year} {self.measure}: {shown}"


class AreaFigure(models.Model):
    """A figure DfE publishes for a whole LA or England (RECTYPE rows)."""

    area = models.CharField(
        max_length=30, help_text='"la:333", "england" or "england:state-funded"'
    )
    year = models.PositiveSmallIntegerField()
    measure = models.CharField(max_length=60)
    value = models.FloatField(null=True, blank=True)
    missing_reason = models.CharField(max_length=10, blank=True)
    source = models.ForeignKey(PerformanceImport, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("area", "year", "measure"), name="unique_area_figure"),
        )

    def __str__(self) -> str:
        return f"{self.area} {self.year} {self.measure}"


class EstablishmentLink(models.Model):
    """A GIAS establishment link (links_edubasealldata): how URNs follow one school."""

    urn = models.PositiveIntegerField(db_index=True)
    linked_urn = models.PositiveIntegerField(db_index=True)
    linked_name = models.CharField(max_length=LINK_NAME_LENGTH, blank=True)
    link_type = models.CharField(max_length=LINK_TYPE_LENGTH)
    established = models.DateField(null=True, blank=True)
    source = models.ForeignKey(PerformanceImport, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("urn", "linked_urn", "link_type"), name="unique_establishment_link"
            ),
        )

    def __str__(self) -> str:
        return f"{self.urn} {self.link_type} {self.linked_urn}"


class ComparisonRun(models.Model):
    """One computation of similar schools for the whole register: what the pool was."""

    computed_at = models.DateTimeField()
    schools = models.PositiveIntegerField()
    la_codes = models.JSONField(default=list, help_text="LAs whose schools formed the pool")
    groups = models.JSONField(
        default=dict, help_text="per comparison group: schools and each feature's use"
    )

    class Meta:
        ordering = ("-computed_at",)

    def __str__(self) -> str:
        return f"Similar schools of {self.schools} schools at {self.computed_at:%Y-%m-%d %H:%M}"


class SimilarSchools(models.Model):
    """A school's comparator set (FBIT's 30) and family (EEF's 50), nearest first:
    lists of [urn, distance, same_region]."""

    school = models.OneToOneField(
        School,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_column="urn",
        primary_key=True,
        related_name="similar",
    )
    run = models.ForeignKey(ComparisonRun, on_delete=models.CASCADE, related_name="sets")
    group = models.CharField(max_length=40)
    comparators = models.JSONField(default=list)
    family = models.JSONField(default=list)
    imputed = models.JSONField(default=list, help_text="features this school lacked")

    def __str__(self) -> str:
        return f"Similar schools of {self.school_id}"


class LocalKnowledge(models.Model):
    """What an LA knows of a school's strength or need, beyond the published figures."""

    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        NEED = "need", "Need"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="local_knowledge")
    la = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="+")
    focus = models.CharField(
        max_length=30,
        choices=[(f.name, f.label) for f in FOCUS_AREAS.values()] + [("other", "Other")],
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    note = models.TextField()
    source = models.CharField(max_length=300, help_text="where this knowledge comes from")
    observed_on = models.DateField(help_text="when it was known to be so")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("-observed_on", "-recorded_at")
        verbose_name_plural = "local knowledge"

    def __str__(self) -> str:
        return f"{self.school_id}: {self.get_kind_display()} in {self.get_focus_display()}"
