from django.urls import URLPattern, path

from schoolweave.impact import views

app_name = "impact"

urlpatterns: list[URLPattern] = [
    path("networks/<int:pk>/impact/", views.network_impact, name="network"),
    path("networks/<int:pk>/impact/report/", views.network_impact_report, name="network_report"),
    path("networks/<int:pk>/impact.csv", views.network_impact_csv, name="network_csv"),
    path("la/<str:code>/impact/", views.la_impact, name="la"),
    path("la/<str:code>/impact/<slug:kind>/", views.kind_impact, name="kind"),
    path("la/<str:code>/impact/<slug:kind>/report/", views.kind_impact_report, name="kind_report"),
    path("la/<str:code>/impact/<slug:kind>.csv", views.kind_impact_csv, name="kind_csv"),
]
