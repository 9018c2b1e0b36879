"""A network's enquiry through the five stages: stages, notes and files (stored safely, checked
by content), its finish with a public summary, and the library of shared practice."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from schoolweave.audit.models import AuditEntry
from schoolweave.core.knowledge.files import NAME_MISMATCH, NOT_ALLOWED, TOO_BIG, UploadRejected
from schoolweave.core.knowledge.vocabulary import EnquiryStage, Sharing, StageStatus
from schoolweave.knowledge import services
from schoolweave.knowledge.forms import NO_PUPIL_DATA
from schoolweave.knowledge.models import Enquiry, EnquiryAttachment
from schoolweave.knowledge.storage import media_root
from tests.conftest import Cast
from tests.factories import LocalAuthorityFactory, NetworkFactory
from tests.knowledge.factories import EnquiryFactory, FinishedEnquiryFactory
from tests.pages import page_text

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"


def test_a_leader_starts_an_enquiry_with_its_five_stages(cast: Cast) -> None:
    response = cast.client("leader").post(
        reverse("enquiry_new", args=[cast.unpublished_a.pk]),
        {"title": "Confident readers", "focus": "reading", "sharing": "la"},
        follow=True,
    )
    enquiry = Enquiry.objects.get()
    assert (enquiry.network, enquiry.sharing, enquiry.focus.slug) == (  # type: ignore[union-attr]
        cast.unpublished_a,
        "la",
        "reading",
    )
    assert [s.stage for s in enquiry.stages.order_by("pk")] == list(EnquiryStage)
    text = page_text(response)
    assert "1. Planning Not started" in text and "5. Reconstructing Not started" in text
    entry = AuditEntry.objects.get(action="enquiry.create")
    assert entry.network_id == cast.unpublished_a.pk


def test_a_stage_records_its_prompts_and_status_with_an_audit(cast: Cast) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    client = cast.client("leader")
    url = reverse("enquiry_stage", args=[enquiry.pk, "confronting"])
    form = page_text(client.get(url))
    assert "How confident are we?" in form and "Other interpretations" in form
    client.post(
        url,
        {
            "prompt_confidence": "Fairly: three sources agree.",
            "prompt_interpretations": "Maybe the new library did it.",
            "status": "done",
        },
    )
    record = enquiry.stages.get(stage="confronting")
    assert record.status == StageStatus.DONE
    assert record.answers == {
        "confidence": "Fairly: three sources agree.",
        "interpretations": "Maybe the new library did it.",
    }
    entry = AuditEntry.objects.get(action="enquiry.confronting")
    assert entry.before == {"status": "not_started", "answers": {}}
    assert entry.after["status"] == "done"  # type: ignore[index]
    detail = page_text(client.get(reverse("enquiry_detail", args=[enquiry.pk])))
    assert "4. Confronting Done" in detail
    assert "How confident are we? Fairly: three sources agree." in detail


def test_an_unknown_stage_is_not_found(cast: Cast) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    response = cast.client("leader").get(reverse("enquiry_stage", args=[enquiry.pk, "dreaming"]))
    assert response.status_code == 404


def test_notes_are_kept_per_stage(cast: Cast) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    client = cast.client("leader")
    client.post(
        reverse("enquiry_note_new", args=[enquiry.pk, "gathering"]), {"text": "Survey sent"}
    )
    empty = client.post(reverse("enquiry_note_new", args=[enquiry.pk, "gathering"]), {"text": " "})
    assert empty.status_code == 400
    assert "Enter the note" in page_text(empty)
    page = page_text(client.get(reverse("enquiry_stage", args=[enquiry.pk, "gathering"])))
    assert "Survey sent leader" in page
    assert [n.stage for n in enquiry.notes.all()] == ["gathering"]


# Attachments -----------------------------------------------------------------------------------


def _upload(client: Client, enquiry: Enquiry, name: str, data: bytes) -> str:
    response = client.post(
        reverse("enquiry_attachment_new", args=[enquiry.pk, "gathering"]),
        {"file": SimpleUploadedFile(name, data), "description": "Our survey"},
        follow=True,
    )
    return page_text(response)


def test_a_file_is_stored_under_a_random_name_in_the_media_root(
    cast: Cast, media_root: Path
) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    text = _upload(cast.client("leader"), enquiry, "../Survey results (final).pdf", PDF)
    assert "You attached Survey results final.pdf" in text
    attachment = EnquiryAttachment.objects.get()
    assert (attachment.name, attachment.kind, attachment.size) == (
        "Survey results final.pdf",
        "pdf",
        len(PDF),
    )
    stored = Path(attachment.file.path)
    assert stored.parent == media_root / "enquiries" / str(enquiry.pk)
    assert stored.suffix == ".pdf" and "Survey" not in stored.name
    assert stored.read_bytes() == PDF
    assert AuditEntry.objects.filter(action="enquiry.attachment").count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 60, NOT_ALLOWED),
        (
            "report.pdf",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
            NAME_MISMATCH.format(name="report.pdf", found="PNG image"),
        ),
        ("page.html", b"\xff\xfe<\x00h\x00t\x00m\x00l\x00", NOT_ALLOWED),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_and_nothing_stored(
    cast: Cast, media_root: Path, name: str, data: bytes, message: str
) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    text = _upload(cast.client("leader"), enquiry, name, data)
    assert message in text
    assert NO_PUPIL_DATA in text
    assert not EnquiryAttachment.objects.exists()
    assert not list(media_root.rglob("*.*"))


def test_a_file_too_big_is_refused(cast: Cast, media_root: Path) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    with pytest.raises(UploadRejected) as caught:
        services.enquiry_attachment_add(
            actor=cast.leader,
            enquiry=enquiry,
            stage=EnquiryStage.GATHERING,
            upload=SimpleUploadedFile("big.pdf", PDF + b" " * 5000),
            max_bytes=4096,
        )
    assert str(caught.value) == TOO_BIG.format(limit="4 KB")
    assert not EnquiryAttachment.objects.exists()


def test_downloads_are_attachments_that_browsers_do_not_sniff(cast: Cast) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    attachment = services.enquiry_attachment_add(
        actor=cast.leader,
        enquiry=enquiry,
        stage=EnquiryStage.SYNTHESIS,
        upload=SimpleUploadedFile("themes.txt", "Thèmes\n".encode()),
    )
    response = cast.client("leader").get(
        reverse("enquiry_attachment", args=[enquiry.pk, attachment.pk])
    )
    assert response["Content-Disposition"] == 'attachment; filename="themes.txt"'
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    other = EnquiryFactory(network=cast.unpublished_a)
    wrong = reverse("enquiry_attachment", args=[other.pk, attachment.pk])
    assert cast.client("leader").get(wrong).status_code == 404


def test_the_media_root_is_never_a_static_directory(settings: Settings, tmp_path: Path) -> None:
    settings.SCHOOLWEAVE_MEDIA_ROOT = str(Path(settings.STATIC_ROOT) / "uploads")
    with pytest.raises(ImproperlyConfigured, match="must not be inside a static files directory"):
        media_root()
    settings.SCHOOLWEAVE_MEDIA_ROOT = str(settings.STATICFILES_DIRS[0])
    with pytest.raises(ImproperlyConfigured):
        media_root()
    settings.SCHOOLWEAVE_MEDIA_ROOT = str(tmp_path / "safe")
    assert media_root() == (tmp_path / "safe").resolve()


# Finishing and the library ---------------------------------------------------------------------


def test_an_enquiry_finishes_only_when_its_five_stages_are_done(cast: Cast) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    client = cast.client("leader")
    url = reverse("enquiry_finish", args=[enquiry.pk])
    early = client.post(url, {"summary": "We found things.", "sharing": "published"})
    assert early.status_code == 400
    assert services.NOT_READY in page_text(early)
    enquiry.stages.update(status=StageStatus.DONE)
    client.post(url, {"summary": "Boys read more non-fiction.", "sharing": "published"})
    enquiry.refresh_from_db()
    assert enquiry.is_finished and enquiry.is_published
    assert enquiry.summary == "Boys read more non-fiction."
    assert AuditEntry.objects.filter(action="enquiry.finish").count() == 1


def test_the_library_searches_across_las_where_published(cast: Cast) -> None:
    dudley = FinishedEnquiryFactory(
        network=cast.published_b, title="Phonics across Dudley", summary="Daily phonics works."
    )
    FinishedEnquiryFactory(
        network=cast.published_a, title="Reading in Oldbury", sharing=Sharing.NETWORK
    )
    in_progress = EnquiryFactory(network=cast.published_a, title="Maths talk", sharing=Sharing.LA)
    public = page_text(Client().get(reverse("enquiry_library")))
    assert "Phonics across Dudley" in public and "Daily phonics works." in public
    assert "Reading in Oldbury" not in public and "Maths talk" not in public
    officer = cast.client("officer_a")
    mine = page_text(officer.get(reverse("enquiry_library"), {"la": "333"}))
    assert "Reading in Oldbury" in mine and in_progress.title in mine
    assert "Phonics across Dudley" not in mine
    found = page_text(officer.get(reverse("enquiry_library"), {"q": "daily phonics"}))
    assert "Phonics across Dudley" in found and "Maths talk" not in found
    finished = page_text(officer.get(reverse("enquiry_library"), {"status": "finished"}))
    assert "Maths talk" not in finished and dudley.title in finished


def test_sharing_can_change_and_is_audited(cast: Cast) -> None:
    enquiry = EnquiryFactory(network=cast.unpublished_a)
    cast.client("leader").post(reverse("enquiry_sharing", args=[enquiry.pk]), {"sharing": "la"})
    enquiry.refresh_from_db()
    assert enquiry.sharing == "la"
    entry = AuditEntry.objects.get(action="enquiry.sharing")
    assert (entry.before, entry.after) == ({"sharing": "network"}, {"sharing": "la"})


def test_an_enquiry_of_a_network_elsewhere_is_recorded_for_its_own_la(cast: Cast) -> None:
    network = NetworkFactory(owner_las=[LocalAuthorityFactory(code="334")])
    enquiry = services.enquiry_create(actor="test", network=network, title="Elsewhere")
    entry = AuditEntry.objects.get(action="enquiry.create")
    assert list(entry.las.values_list("code", flat=True)) == ["334"]
    assert enquiry.stages.count() == 5
