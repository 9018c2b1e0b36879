"""The Django admin for the knowledge app's records, for operators. Changes made here bypass
the services (and so the audit log): use the pages for everyday work."""

from django.contrib import admin

from schoolweave.knowledge.models import Diagnostic, Enquiry, Expertise, SelfReview


@admin.register(Expertise)
class ExpertiseAdmin(admin.ModelAdmin[Expertise]):
    list_display = ("title", "school", "network", "focus", "phase", "evidence", "is_public")
    list_filter = ("evidence", "is_public", "phase", "la")
    search_fields = ("title", "school__name", "network__name")
    raw_id_fields = ("school", "network")


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin[Enquiry]):
    list_display = ("title", "network", "sharing", "finished_on")
    list_filter = ("sharing",)
    search_fields = ("title", "network__name")
    raw_id_fields = ("network",)


@admin.register(Diagnostic)
class DiagnosticAdmin(admin.ModelAdmin[Diagnostic]):
    list_display = ("la", "created_at", "best")
    list_filter = ("la", "best")


@admin.register(SelfReview)
class SelfReviewAdmin(admin.ModelAdmin[SelfReview]):
    list_display = ("kind", "la", "network", "created_at")
    list_filter = ("kind", "la")
    raw_id_fields = ("network",)
