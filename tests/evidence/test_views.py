"""Performance sections on the school, network and LA pages; downloads; who sees what."""

import csv
import io
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from schoolweave.evidence.models import Figure, LocalKnowledge
from tests.conftest import ROLES, Cast
from tests.evidence.factories import FigureFactory, LocalKnowledgeFactory, MissingFigureFactory
from tests.factories import GroupLinkFactory, SchoolFactory, StatutoryGroupFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db

# Who may record, and who may read, an LA's own knowledge of school_a (a Sandwell school).
RECORDERS = {"officer_a", "colleague_a"}
READERS = {"officer_a", "colleague_a", "school_user"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_schools_la_officers_may_record_knowledge(cast: Cast, role: str) -> None:
    response = cast.client(role).get(f"/schools/{cast.school_a.urn}/knowledge/new/")
    assert response.status_code == (200 if role in RECORDERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_la_and_the_school_read_what_the_la_knows(cast: Cast, role: str) -> None:
    LocalKnowledgeFactory(school=cast.school_a, note="Phonics is a real strength here")
    page = cast.client(role).get(f"/schools/{cast.school_a.urn}/").content.decode()
    assert ("Phonics is a real strength here" in page) is (role in READERS)
    assert ("Record a strength or need" in page) is (role in RECORDERS)


def test_an_officer_records_a_strength_with_its_source_and_date(cast: Cast) -> None:
    response = cast.client("officer_a").post(
        f"/schools/{cast.school_a.urn}/knowledge/new/",
        {
            "focus": "maths",
            "kind": "strength",
            "note": "Maths mastery lead for the cluster",
            "source": "Spring review",
            "observed_on_0": "27",
            "observed_on_1": "3",
            "observed_on_2": "2019",
        },
    )
    assert response.status_code == 302
    entry = LocalKnowledge.objects.get()
    assert (entry.la_id, entry.focus, entry.observed_on) == ("333", "maths", date(2019, 3, 27))
    assert entry.recorded_by == cast.officer_a


def test_a_form_with_gaps_says_what_is_missing(cast: Cast) -> None:
    response = cast.client("officer_a").post(f"/schools/{cast.school_a.urn}/knowledge/new/", {})
    assert response.status_code == 200
    assert "Enter what the local authority knows" in response.content.decode()
    assert not LocalKnowledge.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_las_officers_remove_knowledge(cast: Cast, role: str) -> None:
    entry = LocalKnowledgeFactory(school=cast.school_a)
    response = cast.client(role).post(f"/knowledge/{entry.pk}/delete/")
    assert response.status_code == (302 if role in RECORDERS else 404)
    assert LocalKnowledge.objects.filter(pk=entry.pk).exists() is (role not in RECORDERS)


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_networks_figures_follow_the_network(cast: Cast, role: str) -> None:
    response = cast.client(role).get(f"/networks/{cast.unpublished_a.pk}/figures.csv")
    assert response.status_code == (200 if role in {"officer_a", "colleague_a", "leader"} else 404)


def test_a_triad_with_a_suppressed_member_publishes_no_network_figure(cast: Cast) -> None:
    members = [m.school for m in cast.published_a.memberships.all()]
    assert len(members) == 2
    for school in members:
        FigureFactory(school=school, value=1.0)
        FigureFactory(school=school, measure="ks2_pupils", value=30)
    body = Client().get(f"/networks/{cast.published_a.pk}/figures.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    network = [r for r in rows if r["scope"] == cast.published_a.name]
    assert [(r["value"], r["schools"], r["suppressed"]) for r in network] == [
        ("", "2", "fewer than 3 schools have this figure")
    ]
    page = Client().get(f"/networks/{cast.published_a.pk}/").content.decode()
    assert "Not published: fewer than 3 schools have this figure" in page


def test_export_figures_prints_the_documented_columns(cast: Cast) -> None:
    FigureFactory(school=cast.school_a, value=2.5)
    MissingFigureFactory(school=cast.school_a, measure="ks2_maths_progress")
    out = StringIO()
    call_command("export", "figures", "--urn", str(cast.school_a.urn), stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["urn", "year", "measure", "value", "missing_reason", "source"]
    assert rows[1:] == [
        ["103950", "2019", "ks2_maths_progress", "", "SUPP", "england_ks2final.csv"],
        ["103950", "2019", "ks2_reading_progress", "2.5", "", "england_ks2final.csv"],
    ]


def test_the_demo_shows_real_figures_strengths_and_similar_schools() -> None:
    call_command("load-demo", stdout=StringIO(), stderr=StringIO())
    client = Client()
    school = client.get("/schools/103950/").content.decode()
    assert "Strengths and needs" in school
    assert "KS2 maths progress in 2018/19 was +4.30" in school
    assert (
        "found among the" in school
        and "open schools in the register, in Birmingham, Dudley" in school
    )
    assert 'role="img"' in school  # the chart, with its text alternative
    network = client.get("/networks/").content.decode()
    assert "Oldbury Triad" in network
    la = client.get("/la/333/?evidence_measure=ks4_progress8").content.decode()
    assert "Strengths and needs across Sandwell" in la
    assert "Progress 8" in la
    csv_body = client.get("/la/333/figures.csv").content.decode()
    assert csv_body.startswith("scope,urn,name,measure,year,value,schools,pupils")
    out = StringIO()
    call_command("similar", "--urn", "103950", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "urn,name,distance"
    distances = [float(line.rsplit(",", 1)[1]) for line in lines[1:]]
    assert len(distances) == 30 and distances == sorted(distances)


def test_a_trusts_page_combines_its_schools_figures() -> None:
    trust = StatutoryGroupFactory(name="Black Country Academies Trust")
    schools = [SchoolFactory() for _ in range(3)]
    for school, value in zip(schools, (1.0, 2.0, 3.0), strict=True):
        GroupLinkFactory(school=school, group=trust)
        FigureFactory(school=school, value=value)
        FigureFactory(school=school, measure="ks2_pupils", value=10)
    page = Client().get(f"/groups/{trust.uid}/performance/").content.decode()
    assert "Performance of Black Country Academies Trust" in page
    assert "+2.00" in page  # (1 + 2 + 3) / 3, each school with 10 pupils
    school_page = Client().get(f"/schools/{schools[0].urn}/").content.decode()
    assert f"/groups/{trust.uid}/performance/" in school_page


def test_the_la_section_is_kept_until_the_data_change(cast: Cast) -> None:
    school = SchoolFactory(la=cast.la_a, name="Hargate Primary School")
    figure = FigureFactory(school=school, value=7.25)
    client = Client()

    def mapped() -> str:
        return page_text(client.get("/la/333/?evidence_measure=ks2_reading_progress"))

    assert "+7.25" in mapped()
    Figure.objects.filter(pk=figure.pk).update(value=-3.5)  # not an import: the page keeps...
    assert "+7.25" in mapped()
    FigureFactory(school=school, year=2018, value=1.0)  # ...until an import, which changes it
    assert "-3.50" in mapped() and "+7.25" not in mapped()
