from django.contrib import admin

from schoolweave.networks.models import (
    LearningFocus,
    Membership,
    Network,
    NetworkContact,
    Person,
)


class MembershipInline(admin.TabularInline[Membership, Network]):
    model = Membership
    extra = 0
    raw_id_fields = ("school",)


class NetworkContactInline(admin.TabularInline[NetworkContact, Network]):
    model = NetworkContact
    extra = 0
    raw_id_fields = ("person",)


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin[Network]):
    list_display = ("name", "kind", "status", "start_date", "end_date", "is_illustrative")
    list_filter = ("kind", "status", "is_illustrative", "owner_las")
    search_fields = ("name", "purpose")
    filter_horizontal = ("owner_las", "learning_focuses")
    inlines = (MembershipInline, NetworkContactInline)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("school", "network", "role", "joined", "left")
    list_filter = ("role", "network__kind")
    raw_id_fields = ("school", "network")
    list_select_related = ("school", "network")


@admin.register(LearningFocus)
class LearningFocusAdmin(admin.ModelAdmin[LearningFocus]):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin[Person]):
    list_display = ("name", "job_title", "email", "school")
    search_fields = ("name", "email")
    raw_id_fields = ("school",)


@admin.register(NetworkContact)
class NetworkContactAdmin(admin.ModelAdmin[NetworkContact]):
    list_display = ("person", "network", "role")
    raw_id_fields = ("person", "network")
