"""The register of schools, as GIAS publishes it: local authorities, schools, statutory groups."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from schoolweave.core.gias import SchoolStatus


class LocalAuthority(models.Model):
    code = models.CharField(max_length=3, primary_key=True, help_text="DfE 3-digit LA code")
    name = models.CharField(max_length=200)
    region = models.CharField(max_length=100, blank=True)
    gss_code = models.CharField("ONS GSS code", max_length=9, blank=True)
    boundary = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry, WGS84")

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class ImportRun(models.Model):
    """One import of a GIAS file: what it changed, so history can say where a value came from."""

    class Source(models.TextChoices):
        ESTABLISHMENTS = "establishments", "GIAS establishments"
        GROUPS = "groups", "GIAS groups"
        GROUP_LINKS = "group_links", "GIAS group links"

    source = models.CharField(max_length=20, choices=Source.choices)
    file_name = models.CharField(max_length=500)
    file_sha256 = models.CharField(max_length=64)
    parser_version = models.CharField(max_length=20, blank=True)
    imported_at = models.DateTimeField()
    identical_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="an earlier import of the same file, which this one therefore skipped",
    )
    rows = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("-imported_at",)

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.file_name} at {self.imported_at:%Y-%m-%d %H:%M}"


class School(models.Model):
    """An establishment in GIAS. Field names follow GIAS's columns; see core.gias.files."""

    class Status(models.TextChoices):
        # Values are core.gias.SchoolStatus's; a test holds them equal.
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        OPEN_PROPOSED_TO_CLOSE = "open_proposed_to_close", "Open, but proposed to close"
        PROPOSED_TO_OPEN = "proposed_to_open", "Proposed to open"

    urn = models.PositiveIntegerField("URN", primary_key=True)
    # Indexed by the (la, status, phase_name) index below; a second index only slows imports.
    la = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="schools", db_index=False
    )
    establishment_number = models.PositiveIntegerField(null=True, blank=True)
    name = models.CharField(max_length=200)
    type_code = models.CharField(max_length=10, blank=True)
    type_name = models.CharField(max_length=100, blank=True)
    type_group_code = models.CharField(max_length=10, blank=True)
    type_group_name = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices)
    status_name = models.CharField(max_length=100)
    open_reason = models.CharField(max_length=100, blank=True)
    open_date = models.DateField(null=True, blank=True)
    close_reason = models.CharField(max_length=100, blank=True)
    close_date = models.DateField(null=True, blank=True)
    phase_code = models.CharField(max_length=10, blank=True)
    phase_name = models.CharField("phase", max_length=100, blank=True)
    statutory_low_age = models.PositiveSmallIntegerField(null=True, blank=True)
    statutory_high_age = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=50, blank=True)
    religious_character = models.CharField(max_length=100, blank=True)
    diocese = models.CharField(max_length=100, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    pupils = models.PositiveIntegerField(null=True, blank=True)
    percentage_fsm = models.FloatField("% FSM", null=True, blank=True)
    trust_school_flag = models.CharField(max_length=100, blank=True)
    trusts_code = models.CharField(max_length=20, blank=True)
    trusts_name = models.CharField(max_length=200, blank=True)
    sponsor_flag = models.CharField(max_length=100, blank=True)
    sponsors_name = models.CharField(max_length=200, blank=True)
    federation_flag = models.CharField(max_length=100, blank=True)
    federations_code = models.CharField(max_length=20, blank=True)
    federations_name = models.CharField(max_length=200, blank=True)
    ukprn = models.PositiveBigIntegerField("UKPRN", null=True, blank=True)
    ofsted_last_inspection = models.DateField(null=True, blank=True)
    ofsted_rating = models.CharField(max_length=50, blank=True)
    ofsted_special_measures = models.CharField(max_length=50, blank=True)
    last_changed = models.DateField("last changed in GIAS", null=True, blank=True)
    street = models.CharField(max_length=200, blank=True)
    locality = models.CharField(max_length=200, blank=True)
    address3 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    website = models.CharField(max_length=300, blank=True)
    telephone = models.CharField(max_length=30, blank=True)
    head_title = models.CharField(max_length=50, blank=True)
    head_first_name = models.CharField(max_length=100, blank=True)
    head_last_name = models.CharField(max_length=100, blank=True)
    head_job_title = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    district = models.CharField(max_length=100, blank=True)
    urban_rural_code = models.CharField(max_length=10, blank=True)
    urban_rural = models.CharField(max_length=100, blank=True)
    gss_la_code = models.CharField(max_length=9, blank=True)
    easting = models.PositiveIntegerField(null=True, blank=True)
    northing = models.PositiveIntegerField(null=True, blank=True)
    lat = models.FloatField("latitude", null=True, blank=True)
    lon = models.FloatField("longitude", null=True, blank=True)
    previous_la_code = models.CharField(max_length=10, blank=True)
    previous_establishment_number = models.PositiveIntegerField(null=True, blank=True)
    row_hash = models.CharField(max_length=16, editable=False)
    first_import = models.ForeignKey(
        ImportRun,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
        db_index=False,  # only ever followed from the school
    )

    class Meta:
        ordering = ("name",)
        indexes = (models.Index(fields=("la", "status", "phase_name")),)

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"

    @property
    def is_open(self) -> bool:
        return SchoolStatus(self.status).is_open

    @property
    def address(self) -> str:
        parts = (self.street, self.locality, self.address3, self.town, self.postcode)
        return ", ".join(part for part in parts if part)

    @property
    def head_teacher(self) -> str:
        parts = (self.head_title, self.head_first_name, self.head_last_name)
        return " ".join(part for part in parts if part and part != "Not applicable")


# Open today, as every page, count and pool of schools means it.
OPEN_STATUSES = (School.Status.OPEN, School.Status.OPEN_PROPOSED_TO_CLOSE)


class SchoolChange(models.Model):
    """What one import changed about one school: {field: [before, after]}. Never edited."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="changes")
    run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="school_changes")
    changes = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ("-run__imported_at",)

    def __str__(self) -> str:
        return f"{self.school_id}: {', '.join(self.changes)}"


class StatutoryGroup(models.Model):
    """A GIAS group: multi-academy trust, single-academy trust, federation, trust, sponsor..."""

    uid = models.PositiveIntegerField("Group UID", primary_key=True)
    group_id = models.CharField("Group ID", max_length=20, blank=True)
    name = models.CharField(max_length=300, db_index=True)
    type_code = models.CharField(max_length=10, blank=True)
    type_name = models.CharField("type", max_length=100)
    companies_house_number = models.CharField(max_length=20, blank=True)
    status_name = models.CharField("status", max_length=50, blank=True)
    open_date = models.DateField(null=True, blank=True)
    closed_date = models.DateField(null=True, blank=True)
    street = models.CharField(max_length=200, blank=True)
    locality = models.CharField(max_length=200, blank=True)
    address3 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    head_title = models.CharField(max_length=50, blank=True)
    head_first_name = models.CharField(max_length=100, blank=True)
    head_last_name = models.CharField(max_length=100, blank=True)
    ukprn = models.PositiveBigIntegerField("UKPRN", null=True, blank=True)
    row_hash = models.CharField(max_length=16, editable=False, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return f"{self.name} ({self.type_name})"


class GroupLink(models.Model):
    """A school's link to a statutory group. Ended, not deleted, when GIAS stops listing it."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="group_links")
    group = models.ForeignKey(StatutoryGroup, on_delete=models.CASCADE, related_name="links")
    joined_date = models.DateField(null=True, blank=True)
    ended_date = models.DateField(
        null=True, blank=True, help_text="when an import first no longer listed this link"
    )

    class Meta:
        ordering = ("group__name",)
        constraints = (
            models.UniqueConstraint(fields=("school", "group"), name="unique_group_link"),
        )

    def __str__(self) -> str:
        return f"{self.school} in {self.group}"
