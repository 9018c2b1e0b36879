from django.urls import URLPattern, URLResolver, path

from schoolweave.landscape import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("la/<str:code>/landscape/", views.la_landscape_page, name="la_landscape"),
    path("la/<str:code>/landscape/map.geojson", views.la_landscape_map, name="la_landscape_map"),
    path(
        "la/<str:code>/landscape/graph/", views.la_landscape_graph_page, name="la_landscape_graph"
    ),
    path(
        "la/<str:code>/landscape/graph.json",
        views.la_landscape_graph,
        name="la_landscape_graph_data",
    ),
    path(
        "la/<str:code>/landscape/<slug:table>.<str:fmt>",
        views.la_landscape_download,
        name="la_landscape_download",
    ),
]
