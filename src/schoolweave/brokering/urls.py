from django.urls import URLPattern, URLResolver, path

from schoolweave.brokering import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("la/<str:code>/brokering/", views.la_rounds, name="la_rounds"),
    path("la/<str:code>/brokering/new/", views.round_new, name="round_new"),
    path("brokering/<int:pk>/", views.round_detail, name="round_detail"),
    path("brokering/<int:pk>/map.geojson", views.round_map, name="round_map"),
    path("brokering/<int:pk>/willingness/", views.round_willingness, name="round_willingness"),
    path("brokering/<int:pk>/pairs/", views.round_pair, name="round_pair"),
    path("brokering/<int:pk>/decide/", views.round_decide, name="round_decide"),
    path("brokering/<int:pk>/<slug:action>/", views.round_action, name="round_action"),
    path(
        "brokering/<int:pk>/schools/<int:urn>/respond/", views.round_respond, name="round_respond"
    ),
    path("brokering/<int:pk>/schools/<int:urn>/ask/", views.round_ask, name="round_ask"),
]
