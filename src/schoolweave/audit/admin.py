"""The audit log in the Django admin: read-only, as a log must be."""

from django.contrib import admin
from django.http import HttpRequest

from schoolweave.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ("at", "actor_label", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type", "las")
    search_fields = ("actor_label", "object_repr", "object_id")
    date_hierarchy = "at"
    fields = (
        "at",
        "actor",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "network_id",
        "las",
        "before",
        "after",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
