"""The admin for resources: how each LA publishes its grants is edited here; money, staff time
and partners change only through the pages and commands, which record every change in the audit
log, so the admin shows them read-only."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from schoolweave.resources.models import (
    Allocation,
    FunderProfile,
    FundingStream,
    PartnerContact,
    PartnerOrganisation,
    Partnership,
    Payment,
    StaffAllocation,
    StaffMember,
)


class _ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FunderProfile)
class FunderProfileAdmin(admin.ModelAdmin[FunderProfile]):
    list_display = ("la", "org_id", "grant_prefix", "department")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class PartnerContactInline(admin.TabularInline[PartnerContact, PartnerOrganisation]):
    model = PartnerContact
    extra = 0


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(_ReadOnly):
    list_display = ("name", "kind", "la", "is_public", "is_illustrative")
    list_filter = ("kind", "is_public", "is_illustrative")
    search_fields = ("name", "offer")
    inlines = (PartnerContactInline,)


@admin.register(FundingStream)
class FundingStreamAdmin(_ReadOnly):
    list_display = ("name", "la", "amount_pence", "first_year", "last_year", "is_illustrative")
    list_filter = ("la", "is_illustrative")


@admin.register(Allocation)
class AllocationAdmin(_ReadOnly):
    list_display = ("stream", "network", "financial_year", "amount_pence", "status")
    list_filter = ("status", "financial_year")
    list_select_related = ("stream", "network")


@admin.register(Payment)
class PaymentAdmin(_ReadOnly):
    list_display = ("allocation", "amount_pence", "date", "status")


@admin.register(StaffMember)
class StaffMemberAdmin(_ReadOnly):
    list_display = ("name", "la", "job_title", "capacity_days")


@admin.register(StaffAllocation)
class StaffAllocationAdmin(_ReadOnly):
    list_display = ("staff", "network", "days", "unit", "start_date", "end_date")


@admin.register(Partnership)
class PartnershipAdmin(_ReadOnly):
    list_display = ("partner", "network", "start_date", "end_date")
