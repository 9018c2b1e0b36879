"""The Django admin works for every model: each changelist, add form and change form renders."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from schoolweave import demo
from schoolweave.register.models import LocalAuthority
from schoolweave.register.services import gias_import
from schoolweave.register.services.boundaries import boundaries_import
from tests.core.gias_files import VALID
from tests.paths import GIAS_DATA

pytestmark = pytest.mark.django_db
OURS = [m for m in admin.site._registry if m._meta.app_label in {"register", "networks"}]


@pytest.fixture
def staff_client(client: Client) -> Client:
    gias_import(
        establishments=VALID, groups=GIAS_DATA / "groups.csv", links=GIAS_DATA / "group_links.csv"
    )
    boundaries_import(geojson=demo.BOUNDARIES, lookup=demo.BOUNDARY_CODES)
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


@pytest.mark.parametrize("model", OURS, ids=lambda m: m.__name__)
def test_every_admin_page_renders(staff_client: Client, model: type) -> None:
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert staff_client.get(reverse(f"{prefix}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"{prefix}_add")).status_code == 200
    first = model._default_manager.first()
    if first is not None:
        url = reverse(f"{prefix}_change", args=[first.pk])
        assert staff_client.get(url).status_code == 200


def test_every_model_is_in_the_admin() -> None:
    from django.apps import apps

    models = {m for app in ("register", "networks") for m in apps.get_app_config(app).get_models()}
    assert models == set(OURS)
    assert LocalAuthority in OURS
