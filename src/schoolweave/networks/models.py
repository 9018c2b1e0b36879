"""Informal school networks: what GIAS does not hold, and what Schoolweave is for."""

from django.conf import settings
from django.db import models

from schoolweave.core.networks.vocabulary import (
    MembershipRole,
    NetworkContactRole,
    NetworkKind,
    NetworkStatus,
)
from schoolweave.register.models import LocalAuthority, School


class LearningFocus(models.Model):
    """A controlled vocabulary of learning focuses (reading, maths, SEND...), extendable by LAs."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "learning focuses"

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=NetworkKind.choices())
    status = models.CharField(
        max_length=20, choices=NetworkStatus.choices(), default=NetworkStatus.ACTIVE
    )
    owner_las = models.ManyToManyField(
        LocalAuthority, related_name="networks", verbose_name="owner local authorities"
    )
    purpose = models.TextField(blank=True)
    learning_focuses = models.ManyToManyField(LearningFocus, blank=True, related_name="networks")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    partners = models.TextField(
        "partners beyond schools", blank=True, help_text="universities, colleges, services..."
    )
    initiatives = models.TextField(
        "links to other initiatives", blank=True, help_text="one a line: name or web address"
    )
    is_published = models.BooleanField(
        default=False,
        help_text="Shown in the public directory. Approved and imported networks are published.",
    )
    is_illustrative = models.BooleanField(
        default=False,
        help_text="Made up for demonstration: its schools are real, their membership is not.",
    )
    schools = models.ManyToManyField(School, through="Membership", related_name="networks")

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A school's place in a network. History is kept: a change of role ends one membership and
    starts another; leaving sets `left`."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(
        max_length=20, choices=MembershipRole.choices(), default=MembershipRole.MEMBER
    )
    joined = models.DateField(null=True, blank=True)
    left = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("network__name", "school__name")
        constraints = (
            models.UniqueConstraint(
                fields=("network", "school"),
                condition=models.Q(left__isnull=True),
                name="one_current_membership_per_school_and_network",
            ),
            models.CheckConstraint(
                condition=models.Q(left__isnull=True)
                | models.Q(joined__isnull=True)
                | models.Q(left__gte=models.F("joined")),
                name="membership_left_not_before_joined",
            ),
        )

    def __str__(self) -> str:
        return f"{self.school.name} in {self.network.name} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        return self.left is None


class Person(models.Model):
    """A network leader, LA link officer or other contact. Work contacts only."""

    name = models.CharField(max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text="The person's own account, if they sign in (a network leader, say).",
    )
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    telephone = models.CharField(max_length=30, blank=True)
    school = models.ForeignKey(
        School, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class NetworkContact(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network_roles")
    role = models.CharField(max_length=20, choices=NetworkContactRole.choices())

    class Meta:
        ordering = ("role", "person__name")
        constraints = (
            models.UniqueConstraint(
                fields=("network", "person", "role"), name="unique_network_contact"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.network})"
