"""The expertise register: recording offers (audited), the search by focus, phase and distance,
and strengths computed from the performance data."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from schoolweave.audit.models import AuditEntry
from schoolweave.core.knowledge.expertise import ComputedStrength
from schoolweave.core.knowledge.vocabulary import EvidenceKind, Phase
from schoolweave.knowledge import services
from schoolweave.knowledge.models import Expertise
from schoolweave.knowledge.selectors import MANY_PLACES, NO_PLACE
from schoolweave.knowledge.views.expertise import SAVED
from schoolweave.networks.models import LearningFocus
from tests.conftest import Cast
from tests.factories import LocalAuthorityFactory, MembershipFactory, NetworkFactory, SchoolFactory
from tests.knowledge.factories import (
    ComputedExpertiseFactory,
    ExpertiseFactory,
    NetworkExpertiseFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

OLDBURY = {"lat": 52.505, "lon": -2.016}
WEST_BROMWICH = {"lat": 52.518, "lon": -1.995}  # 2 km from Oldbury
WOLVERHAMPTON = {"lat": 52.586, "lon": -2.128}  # 11.8 km from Oldbury


def _reading() -> LearningFocus:
    return LearningFocus.objects.get(slug="reading")


def test_a_school_user_records_an_offer_and_the_change_is_audited(cast: Cast) -> None:
    client = cast.client("school_user")
    response = client.post(
        reverse("school_expertise_new", args=[cast.school_a.urn]),
        {
            "focus": "reading",
            "phase": "ks2",
            "title": "Guided reading in Year 6",
            "description": "",
            "person_name": "",
            "person_role": "",
            "evidence_text": "Our own reading ages, term by term.",
            "evidence_date_0": "1",
            "evidence_date_1": "7",
            "evidence_date_2": "2025",
            "visibility": "public",
        },
        follow=True,
    )
    assert SAVED in page_text(response)
    item = Expertise.objects.get()
    assert (item.school, item.la_id, item.phase, item.is_public) == (
        cast.school_a,
        "333",
        "ks2",
        True,
    )
    assert item.evidence == EvidenceKind.DESCRIBED
    assert item.evidence_date == date(2025, 7, 1)
    entry = AuditEntry.objects.get(action="expertise.create")
    assert entry.actor == cast.school_user
    assert list(entry.las.values_list("code", flat=True)) == ["333"]


def test_the_form_says_what_is_missing(cast: Cast) -> None:
    response = cast.client("school_user").post(
        reverse("school_expertise_new", args=[cast.school_a.urn]), {"focus": "reading"}
    )
    assert response.status_code == 400
    text = page_text(response)
    for message in (
        "Enter what you can offer",
        "Select a phase or key stage",
        "Select who can see this",
    ):
        assert message in text
    assert not Expertise.objects.exists()


def test_an_update_records_only_what_changed_and_removal_is_audited(cast: Cast) -> None:
    item = ExpertiseFactory(school=cast.school_a, is_public=False)
    services.expertise_update(
        actor=cast.officer_a,
        expertise=item,
        fields=services.ExpertiseFields(
            focus=item.focus,
            phase=Phase(item.phase),
            title=item.title,
            description=item.description,
            person_name=item.person_name,
            person_role=item.person_role,
            evidence_text=item.evidence_text,
            evidence_date=item.evidence_date,
            is_public=True,
        ),
    )
    entry = AuditEntry.objects.get(action="expertise.update")
    assert (entry.before, entry.after) == ({"is_public": False}, {"is_public": True})
    cast.client("school_user").post(reverse("expertise_remove", args=[item.pk]))
    assert not Expertise.objects.exists()
    assert AuditEntry.objects.filter(action="expertise.delete").count() == 1


def test_who_is_strong_in_ks2_reading_within_10_km(cast: Cast) -> None:
    near = SchoolFactory(la=cast.la_a, name="Near Primary", postcode="B69 4RJ", **WEST_BROMWICH)
    far = SchoolFactory(la=cast.la_a, name="Far Primary", **WOLVERHAMPTON)
    origin = SchoolFactory(la=cast.la_a, name="Origin Primary", postcode="B68 8AA", **OLDBURY)
    ExpertiseFactory(school=near, title="Near reading")
    ExpertiseFactory(school=far, title="Far reading")
    ExpertiseFactory(school=near, title="Near maths", focus=LearningFocus.objects.get(slug="maths"))
    ExpertiseFactory(school=near, title="Near KS4 reading", phase="ks4")
    ExpertiseFactory(school=near, title="Near reading at every age", phase="all")
    client = Client()
    url = reverse("expertise_directory")
    for near_text in (str(origin.urn), "b688aa", "Origin Primary"):
        text = page_text(
            client.get(url, {"focus": "reading", "phase": "ks2", "near": near_text, "km": "10"})
        )
        assert "2 offers of expertise within 10 km of Origin Primary, B68 8AA" in text
        assert "Near reading" in text and "Near reading at every age" in text
        assert "Far reading" not in text and "Near maths" not in text and "KS4" not in text
        assert "2.0 km" in text
    everywhere = page_text(client.get(url, {"focus": "reading", "phase": "ks2", "near": "B68 8AA"}))
    assert "3 offers of expertise by distance from Origin Primary" in everywhere
    assert everywhere.index("Near reading") < everywhere.index("Far reading")
    assert "11.8 km" in everywhere


def test_a_networks_offer_is_as_near_as_its_nearest_school(cast: Cast) -> None:
    network = NetworkFactory(owner_las=[cast.la_a], name="Reading Hub")
    MembershipFactory(network=network, school=SchoolFactory(la=cast.la_a, **WOLVERHAMPTON))
    MembershipFactory(network=network, school=SchoolFactory(la=cast.la_a, **WEST_BROMWICH))
    NetworkExpertiseFactory(network=network, title="Hub reading")
    origin = SchoolFactory(la=cast.la_a, **OLDBURY)
    text = page_text(
        Client().get(reverse("expertise_directory"), {"near": str(origin.urn), "km": "5"})
    )
    assert "Hub reading" in text
    assert "2.0 km" in text


def test_an_unknown_or_ambiguous_place_is_said_and_the_list_not_measured(cast: Cast) -> None:
    ExpertiseFactory(school=cast.school_a, title="Phonics")
    SchoolFactory(la=cast.la_a, name="St Mary's Primary")
    SchoolFactory(la=cast.la_a, name="St Mary's Infants Primary")
    client = Client()
    unknown = page_text(client.get(reverse("expertise_directory"), {"near": "999999"}))
    assert NO_PLACE in unknown and "Phonics" in unknown
    many = page_text(client.get(reverse("expertise_directory"), {"near": "St Mary's"}))
    assert (
        MANY_PLACES.format(
            text="\N{LEFT SINGLE QUOTATION MARK}St Mary's\N{RIGHT SINGLE QUOTATION MARK}"
        )
        in many
    )


def test_a_bad_distance_is_an_error_not_a_crash(cast: Cast) -> None:
    response = Client().get(reverse("expertise_directory"), {"km": "ten"})
    assert "Enter a distance in kilometres, for example 10" in page_text(response)


def test_computed_strengths_join_the_register_private_until_the_school_chooses(cast: Cast) -> None:
    other_la = SchoolFactory(la=LocalAuthorityFactory(code="332"))
    strengths = [
        ComputedStrength(
            cast.school_a.urn, "reading", "Reading progress +3.1 above similar.", 2019, 0.9
        ),
        ComputedStrength(cast.school_a.urn, "ofsted", "Outstanding", 2019, None),
        ComputedStrength(other_la.urn, "maths", "Elsewhere", 2019, 0.7),
    ]
    counts = services.expertise_sync_computed(actor="test", la_code="333", strengths=strengths)
    assert (counts.added, counts.updated, counts.removed, counts.unchanged) == (1, 0, 0, 0)
    item = Expertise.objects.get()
    assert (item.school, item.focus.slug, item.phase, item.is_public) == (
        cast.school_a,
        "reading",
        "ks2",
        False,
    )
    assert item.title == "Reading at key stage 2: a strength in the performance data"
    item.is_public = True
    item.save(update_fields=("is_public",))
    newer = [ComputedStrength(cast.school_a.urn, "reading", "Reading progress +3.4.", 2020, 1.1)]
    counts = services.expertise_sync_computed(actor="test", la_code="333", strengths=newer)
    assert (counts.added, counts.updated) == (0, 1)
    item.refresh_from_db()
    assert (item.evidence_year, item.is_public) == (2020, True)  # the school's choice is kept
    counts = services.expertise_sync_computed(actor="test", la_code="333", strengths=[])
    assert counts.removed == 1
    assert not Expertise.objects.exists()
    assert AuditEntry.objects.filter(action__startswith="expertise.").count() == 3


def test_a_computed_strengths_evidence_is_not_the_schools_to_change(cast: Cast) -> None:
    item = ComputedExpertiseFactory(school=cast.school_a)
    client = cast.client("school_user")
    form = page_text(client.get(reverse("expertise_edit", args=[item.pk])))
    assert "This is a strength the performance data show" in form
    client.post(
        reverse("expertise_edit", args=[item.pk]),
        {"visibility": "public", "description": "Ask us", "title": "Changed", "phase": "ks4"},
    )
    item.refresh_from_db()
    assert (item.is_public, item.description, item.phase) == (True, "Ask us", "ks2")
    assert item.title != "Changed"


def test_the_officer_brings_in_strengths_from_the_performance_data(cast: Cast) -> None:
    response = cast.client("officer_a").post(
        reverse("expertise_refresh", args=["333"]), follow=True
    )
    assert "Strengths from the performance data: 0 added" in page_text(response)
    assert (
        cast.client("officer_b").post(reverse("expertise_refresh", args=["333"])).status_code == 404
    )
