"""Knowledge exchange and strategy in a real browser: an LA officer completes the six-approach
diagnostic and reads the recommendation with its reasons; a network leader records an enquiry
through all five stages of the enquiry cycle, with a note and a file, and publishes it."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from schoolweave.networks.models import Network
from schoolweave.register.models import School
from tests.browser.accessibility import check_page
from tests.browser.conftest import PageMaker
from tests.browser.test_network_register import _sign_in, _sign_out
from tests.factories import LAOfficerFactory, UserFactory, leader_of
from tests.knowledge.factories import ExpertiseFactory, NetworkExpertiseFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo"),
]
NETWORK = "Oldbury Triad"
ENQUIRY = "How do our boys become confident readers?"


@pytest.fixture
def people(demo: None, settings: Settings, tmp_path: Path) -> dict[str, User]:
    """Made before the browser starts: no Django code may run while it is up."""
    settings.SCHOOLWEAVE_MEDIA_ROOT = str(tmp_path / "media")
    leader = UserFactory(username="lee", first_name="Lee", email="lee@example.sch.uk")
    network = Network.objects.get(name=NETWORK)
    leader_of(network, leader)
    officer = LAOfficerFactory(user__username="olu", user__first_name="Olu", la_id="333").user
    ExpertiseFactory(
        school=School.objects.get(urn=103950),
        title="Reading for pleasure in upper key stage 2",
        person_name="Priya Shah",
        person_role="English lead",
    )
    NetworkExpertiseFactory(network=network, title="Moderating maths across three schools")
    return {"leader": leader, "officer": officer}


def test_an_officer_completes_the_diagnostic_and_sees_a_recommendation_with_reasons(
    people: dict[str, User], make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    base = live_server.url
    page = make_page()
    _sign_in(page, base, "olu")
    page.goto(f"{base}/la/333/")
    expect(page.get_by_role("heading", name="Knowledge exchange")).to_be_visible()
    _section_shot(page, screenshots, "39-la-knowledge-section", "Knowledge exchange")
    # Strengths computed from the demo's performance data join the register, not yet public.
    page.get_by_role("button", name="Update strengths from the performance data").click()
    expect(
        page.get_by_text(re.compile(r"Strengths from the performance data: [1-9]\d* added"))
    ).to_be_visible()
    expect(page.get_by_text("Performance data").first).to_be_visible()
    check_page(page, screenshots, "38-expertise-with-computed-strengths")
    page.goto(f"{base}/la/333/")
    page.get_by_role("link", name="Run the diagnostic").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which approach to networks suits you now?"
    )
    # The register's suggestions come with their reasons.
    expect(page.get_by_text("Suggested from the register").first).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"The local authority maintains \d+ of its"))
    ).to_be_visible()
    check_page(page, screenshots, "40-diagnostic-form")

    page.get_by_label("Uneven. Strong in places").check()
    page.get_by_label("Well-established networks with few links").check()
    page.get_by_label("High, but fragile.").check()
    page.get_by_label("Low. Schools and networks mostly go their own way.").check()
    page.get_by_label("New knowledge: understanding what works here").check()
    page.get_by_role("button", name="See the recommendation").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Recommended approach: Enquiring")
    expect(page.get_by_text("You saved the diagnostic: Enquiring comes first")).to_be_visible()
    reasons = page.locator("ul").filter(has_text="You answered:").first
    expect(reasons).to_contain_text("Knowledge about networking.")
    expect(reasons).to_contain_text("Enquiring exists to generate knowledge from evidence.")
    expect(page.get_by_role("heading", name="Pause for thought")).to_be_visible()
    expect(page.get_by_text("Enquiry goes deep but spreads slowly")).to_be_visible()
    check_page(page, screenshots, "41-diagnostic-recommendation")

    page.get_by_role("link", name="How your approach has shifted over time").click()
    expect(page.get_by_role("row", name=re.compile("Enquiring"))).to_be_visible()
    check_page(page, screenshots, "42-diagnostic-history")

    page.goto(f"{base}/la/333/self-reviews/")
    check_page(page, screenshots, "43-la-self-reviews")
    page.get_by_role("link", name="Review your brokerage roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review your five brokerage roles")
    check_page(page, screenshots, "44-brokerage-review-form")


def _section_shot(page: Page, screenshots: Path, name: str, heading: str) -> None:
    """A screenshot of the window with the section's heading at its top, to look at."""
    page.get_by_role("heading", name=heading).evaluate("(h) => h.scrollIntoView()")
    page.screenshot(path=screenshots / f"{name}.png")


def _record_stage(page: Page, name: str, answers: dict[str, str]) -> None:
    page.get_by_role("link", name=re.compile(f"^Record the {name.lower()} stage")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    for label, text in answers.items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_label("Done", exact=True).check()
    page.get_by_role("button", name=f"Save the {name.lower()} stage").click()
    expect(page.get_by_text(f"You saved the {name.lower()} stage")).to_be_visible()


def test_a_network_leader_records_an_enquiry_through_all_five_stages(
    people: dict[str, User], make_page: PageMaker, live_server: LiveServer, screenshots: Path
) -> None:
    base = live_server.url
    page = make_page()
    _sign_in(page, base, "lee")
    page.goto(f"{base}/networks/")
    page.get_by_role("link", name=NETWORK).first.click()
    expect(
        page.get_by_role("heading", name="Moderating maths across three schools")
    ).to_be_visible()
    check_page(page, screenshots, "51-network-with-knowledge-sections")
    _section_shot(page, screenshots, "52-network-knowledge-sections", "Expertise to share")
    page.get_by_role("link", name="Start an enquiry").click()
    page.get_by_label("Title").fill(ENQUIRY)
    page.get_by_label("Learning focus (optional)").select_option(label="Reading")
    page.get_by_label("Everyone working in the local authority's schools and networks").check()
    check_page(page, screenshots, "45-enquiry-new")
    page.get_by_role("button", name="Start the enquiry").click()
    expect(page.get_by_text("You started the enquiry")).to_be_visible()

    _record_stage(
        page,
        "Planning",
        {
            "Focus": "Boys in Years 5 and 6 who can read but choose not to.",
            "Questions": "What do they choose to read?\nWhen do they read at home?",
            "How the enquiry is run": "The three English leads meet each half term.",
        },
    )

    page.get_by_role("link", name="Record the gathering stage").click()
    page.get_by_label("Who takes part", exact=True).fill("Year 5 and 6 teachers in three schools.")
    page.get_by_label("Instruments", exact=True).fill("A reading survey and library loans data.")
    page.get_by_label("Schedule", exact=True).fill("Autumn term.")
    page.get_by_label("Done", exact=True).check()
    expect(page.get_by_text("Do not attach anything with pupil-level data")).to_be_visible()
    check_page(page, screenshots, "46-enquiry-stage")
    page.get_by_role("button", name="Save the gathering stage").click()
    expect(page.get_by_text("You saved the gathering stage")).to_be_visible()
    page.get_by_role("link", name="Update the gathering stage").click()
    page.get_by_label("Add a note").fill("Survey sent to all three schools.")
    page.get_by_role("button", name="Add the note").click()
    expect(page.get_by_text("You added a note to the gathering stage")).to_be_visible()
    page.get_by_label("Attach a file").set_input_files(
        {
            "name": "survey questions.csv",
            "mimeType": "text/csv",
            "buffer": b"question\nWhat do you read?\n",
        }
    )
    page.get_by_role("button", name="Attach the file").click()
    expect(page.get_by_text("You attached survey questions.csv")).to_be_visible()
    expect(page.get_by_role("link", name="survey questions.csv")).to_be_visible()
    page.get_by_role("link", name="Back to the enquiry").click()

    _record_stage(page, "Synthesis", {"Themes": "Choice matters.\nNon-fiction is popular."})
    _record_stage(
        page,
        "Confronting",
        {
            "How confident are we?": "Fairly: the survey and the loans agree.",
            "Other interpretations": "The new library may explain it.",
        },
    )
    _record_stage(
        page,
        "Reconstructing",
        {"New focus": "Reading for pleasure at home.", "New strategies": "Lending bags."},
    )
    expect(page.get_by_text("Stages done 5 of 5")).to_be_visible()
    check_page(page, screenshots, "47-enquiry-all-stages")

    page.get_by_role("link", name="Finish the enquiry").click()
    page.get_by_label("Summary of what you found").fill(
        "Boys read more when they choose, and non-fiction draws them in."
    )
    page.get_by_label("Published: a public summary for everyone, in every local authority").check()
    page.get_by_role("button", name="Finish the enquiry").click()
    expect(page.get_by_text("You finished the enquiry")).to_be_visible()
    expect(page.get_by_role("heading", name="What the enquiry found")).to_be_visible()
    check_page(page, screenshots, "48-enquiry-finished")
    _sign_out(page)

    # The public finds it in the library, with its summary but not its working.
    page.goto(f"{base}/enquiries/?q=confident")
    expect(page.get_by_text("Boys read more when they choose")).to_be_visible()
    check_page(page, screenshots, "49-enquiry-library")
    page.get_by_role("link", name=ENQUIRY).click()
    expect(page.get_by_text("The network shares only this summary")).to_be_visible()
    expect(page.get_by_role("link", name="survey questions.csv")).to_have_count(0)

    page.goto(f"{base}/expertise/?focus=reading&phase=ks2&near=103950&km=10")
    expect(page.get_by_text("Reading for pleasure in upper key stage 2")).to_be_visible()
    check_page(page, screenshots, "50-expertise-search")
