from django.urls import URLPattern, URLResolver, path

from schoolweave.resources import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("la/<str:code>/funding/", views.la_funding, name="la_funding"),
    path("la/<str:code>/funding/streams/new/", views.stream_new, name="funding_stream_new"),
    path("funding/streams/<int:pk>/", views.stream_detail, name="funding_stream"),
    path("funding/streams/<int:pk>/commit/", views.stream_commit, name="funding_stream_commit"),
    path("funding/allocations/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("funding/allocations/<int:pk>/change/", views.allocation_edit, name="allocation_edit"),
    path("funding/allocations/<int:pk>/payments/new/", views.payment_new, name="payment_new"),
    path("networks/<int:pk>/funding/", views.network_funding, name="network_funding"),
    path(
        "networks/<int:pk>/partners/new/",
        views.network_partnership_new,
        name="network_partnership_new",
    ),
    path("la/<str:code>/staff/", views.la_staff, name="la_staff"),
    path("la/<str:code>/staff/new/", views.staff_member_new, name="staff_member_new"),
    path("staff/<int:pk>/time/new/", views.staff_time_new, name="staff_time_new"),
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/contacts/new/", views.partner_contact_new, name="partner_contact_new"),
    path("la/<str:code>/partners/new/", views.partner_new, name="partner_new"),
    path(
        "la/<str:code>/networks-without-partners/",
        views.networks_without_partners,
        name="networks_without_partners",
    ),
]
