"""Who a signed-in user is to Schoolweave. A network leader is a Person linked to a user and named
as a leader of the network (networks.NetworkContact), so the directory and the account agree."""

from django.conf import settings
from django.db import models

from schoolweave.register.models import LocalAuthority, School


class LAOfficer(models.Model):
    """A user who manages one LA's networks. An officer may serve several LAs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="la_roles"
    )
    la = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="officers")

    class Meta:
        verbose_name = "LA officer"
        constraints = (models.UniqueConstraint(fields=("user", "la"), name="unique_la_officer"),)

    def __str__(self) -> str:
        return f"{self.user} (officer, {self.la.name})"


class SchoolUser(models.Model):
    """A user who sees and responds for a school."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_roles"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="users")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("user", "school"), name="unique_school_user"),
        )

    def __str__(self) -> str:
        return f"{self.user} (for {self.school.name})"
