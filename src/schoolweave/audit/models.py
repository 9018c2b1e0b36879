"""The audit log: every change to the register's own data, who made it, when, before and after."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from schoolweave.register.models import LocalAuthority


class AuditEntry(models.Model):
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who, in words, also for changes made by commands ("import-networks illustrative.csv").
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=50)  # "network.create", "membership.end", ...
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50)
    object_repr = models.CharField(max_length=300)
    network_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    # The LAs whose officers may read this entry.
    las = models.ManyToManyField(LocalAuthority, related_name="+", blank=True)
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.action} {self.object_repr}"
