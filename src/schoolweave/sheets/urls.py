from django.urls import URLPattern, URLResolver, path

from schoolweave.sheets import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("sheets/new/", views.sheet_new, name="sheet_new"),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("sheets/<int:pk>/change/", views.sheet_edit, name="sheet_edit"),
    path("sheets/<int:pk>/review/", views.sheet_review, name="sheet_review"),
    path("networks/<int:pk>/sheet/", views.network_sheet, name="network_sheet"),
    path("review/", views.review_queue, name="review_queue"),
]
