from django.urls import URLPattern, URLResolver, path

from schoolweave.audit import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("la/<str:code>/audit/", views.la_audit, name="la_audit"),
]
