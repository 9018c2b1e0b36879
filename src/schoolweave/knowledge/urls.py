from django.urls import URLPattern, URLResolver, path

from schoolweave.knowledge.views import enquiries, expertise, strategy

urlpatterns: list[URLPattern | URLResolver] = [
    # The expertise register
    path("expertise/", expertise.expertise_directory, name="expertise_directory"),
    path(
        "schools/<int:urn>/expertise/new/",
        expertise.school_expertise_new,
        name="school_expertise_new",
    ),
    path(
        "networks/<int:pk>/expertise/new/",
        expertise.network_expertise_new,
        name="network_expertise_new",
    ),
    path("expertise/<int:pk>/change/", expertise.expertise_edit, name="expertise_edit"),
    path("expertise/<int:pk>/remove/", expertise.expertise_remove, name="expertise_remove"),
    path("la/<str:code>/expertise/refresh/", expertise.expertise_refresh, name="expertise_refresh"),
    # Enquiries
    path("enquiries/", enquiries.enquiry_library, name="enquiry_library"),
    path("networks/<int:pk>/enquiries/new/", enquiries.enquiry_new, name="enquiry_new"),
    path("enquiries/<int:pk>/", enquiries.enquiry_detail, name="enquiry_detail"),
    path("enquiries/<int:pk>/sharing/", enquiries.enquiry_sharing, name="enquiry_sharing"),
    path("enquiries/<int:pk>/finish/", enquiries.enquiry_finish, name="enquiry_finish"),
    path("enquiries/<int:pk>/stages/<slug:stage>/", enquiries.enquiry_stage, name="enquiry_stage"),
    path(
        "enquiries/<int:pk>/stages/<slug:stage>/notes/",
        enquiries.enquiry_note_new,
        name="enquiry_note_new",
    ),
    path(
        "enquiries/<int:pk>/stages/<slug:stage>/attachments/",
        enquiries.enquiry_attachment_new,
        name="enquiry_attachment_new",
    ),
    path(
        "enquiries/<int:pk>/attachments/<int:attachment>/",
        enquiries.enquiry_attachment,
        name="enquiry_attachment",
    ),
    # The six-approach diagnostic
    path("la/<str:code>/diagnostic/", strategy.diagnostic_history, name="diagnostic_history"),
    path("la/<str:code>/diagnostic/new/", strategy.diagnostic_new, name="diagnostic_new"),
    path("diagnostics/<int:pk>/", strategy.diagnostic_detail, name="diagnostic_detail"),
    # Self-reviews
    path("networks/<int:pk>/self-review/", strategy.network_reviews, name="network_reviews"),
    path(
        "networks/<int:pk>/self-review/new/",
        strategy.network_review_new,
        name="network_review_new",
    ),
    path("la/<str:code>/self-reviews/", strategy.la_reviews, name="la_reviews"),
    path(
        "la/<str:code>/self-reviews/brokerage/new/",
        strategy.brokerage_review_new,
        name="brokerage_review_new",
    ),
    path("self-reviews/<int:pk>/", strategy.review_detail, name="review_detail"),
]
