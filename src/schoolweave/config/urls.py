from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("schoolweave.api.urls")),
    path("account/", include("schoolweave.accounts.urls")),
    path("", include("schoolweave.audit.urls")),
    path("", include("schoolweave.sheets.urls")),
    path("", include("schoolweave.landscape.urls")),
    path("", include("schoolweave.evidence.urls")),
    path("", include("schoolweave.resources.urls")),
    path("", include("schoolweave.knowledge.urls")),
    path("", include("schoolweave.brokering.urls")),
    path("", include("schoolweave.impact.urls")),
    path("", include("schoolweave.register.urls")),
    path("", include("schoolweave.networks.urls")),
]
