from django.urls import URLPattern, path

from schoolweave.networks import views

urlpatterns: list[URLPattern] = [
    path("networks/", views.network_directory, name="network_directory"),
    path("networks/directory.csv", views.network_directory_csv, name="network_directory_csv"),
    path("networks/directory.xlsx", views.network_directory_xlsx, name="network_directory_xlsx"),
    path("networks/<int:pk>/", views.network_detail, name="network_detail"),
]
