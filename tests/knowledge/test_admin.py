"""The admin pages of the knowledge app render, for operators."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from schoolweave.core.knowledge.vocabulary import Rating
from tests.conftest import Cast
from tests.knowledge.factories import (
    DiagnosticFactory,
    EnquiryFactory,
    ExpertiseFactory,
    SelfReviewFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["expertise", "enquiry", "diagnostic", "selfreview"])
def test_every_admin_page_renders(cast: Cast, model: str) -> None:
    objects = {
        "expertise": ExpertiseFactory(school=cast.school_a),
        "enquiry": EnquiryFactory(network=cast.published_a),
        "diagnostic": DiagnosticFactory(la=cast.la_a),
        "selfreview": SelfReviewFactory(
            network=cast.published_a, ratings={"focus_1": Rating.STRONG}
        ),
    }
    client = Client()
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    prefix = f"admin:knowledge_{model}"
    assert client.get(reverse(f"{prefix}_changelist")).status_code == 200
    assert client.get(reverse(f"{prefix}_add")).status_code == 200
    assert client.get(reverse(f"{prefix}_change", args=[objects[model].pk])).status_code == 200
