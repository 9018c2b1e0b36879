from collections.abc import Callable

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, path

from schoolweave.evidence import views

app_name = "evidence"


def _downloads(route: str, view: Callable[..., HttpResponse], name: str) -> list[URLPattern]:
    return [
        path(f"{route}.{kind}", view, {"kind": kind}, name=f"{name}_{kind}")
        for kind in ("csv", "xlsx")
    ]


urlpatterns: list[URLPattern | URLResolver] = [
    *_downloads("schools/<int:urn>/figures", views.school_figures_download, "school_figures"),
    *_downloads("networks/<int:pk>/figures", views.network_figures_download, "network_figures"),
    *_downloads("la/<str:code>/figures", views.la_figures_download, "la_figures"),
    path("groups/<int:uid>/performance/", views.group_performance, name="group_performance"),
    path("schools/<int:urn>/knowledge/new/", views.knowledge_new, name="knowledge_new"),
    path("knowledge/<int:pk>/delete/", views.knowledge_delete, name="knowledge_delete"),
]
