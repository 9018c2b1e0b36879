from django.urls import URLPattern, path

from schoolweave.networks import views

urlpatterns: list[URLPattern] = [
    path("networks/<int:pk>/", views.network_detail, name="network_detail"),
]
