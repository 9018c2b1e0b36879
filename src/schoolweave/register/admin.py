from django.contrib import admin

from schoolweave.register.models import (
    GroupLink,
    ImportRun,
    LocalAuthority,
    School,
    SchoolChange,
    StatutoryGroup,
)


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin[LocalAuthority]):
    list_display = ("code", "name", "region", "gss_code")
    search_fields = ("code", "name")
    exclude = ("boundary",)


class GroupLinkInline(admin.TabularInline[GroupLink, School]):
    model = GroupLink
    extra = 0
    raw_id_fields = ("group",)


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin[School]):
    list_display = ("urn", "name", "la", "phase_name", "type_group_name", "status", "postcode")
    list_filter = ("status", "phase_name", "type_group_name", "la")
    search_fields = ("urn", "name", "postcode")
    list_select_related = ("la",)
    readonly_fields = ("row_hash", "first_import")
    inlines = (GroupLinkInline,)
    show_full_result_count = False


@admin.register(SchoolChange)
class SchoolChangeAdmin(admin.ModelAdmin[SchoolChange]):
    list_display = ("school", "run")
    raw_id_fields = ("school",)
    list_select_related = ("school", "run")


@admin.register(StatutoryGroup)
class StatutoryGroupAdmin(admin.ModelAdmin[StatutoryGroup]):
    list_display = ("uid", "group_id", "name", "type_name", "status_name")
    list_filter = ("type_name", "status_name")
    search_fields = ("uid", "group_id", "name", "companies_house_number")


@admin.register(GroupLink)
class GroupLinkAdmin(admin.ModelAdmin[GroupLink]):
    list_display = ("school", "group", "joined_date", "ended_date")
    raw_id_fields = ("school", "group")
    list_select_related = ("school", "group")


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin[ImportRun]):
    list_display = ("imported_at", "source", "file_name", "rows", "added", "changed", "closed")
    list_filter = ("source",)
