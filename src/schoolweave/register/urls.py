from django.urls import URLPattern, path

from schoolweave.register import views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("la/", views.la_list, name="la_list"),
    path("la/<str:code>/", views.la_detail, name="la_detail"),
    path("la/<str:code>/schools.geojson", views.la_schools_geojson, name="la_schools_geojson"),
    path("schools/<int:urn>/", views.school_detail, name="school_detail"),
]
