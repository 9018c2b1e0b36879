"""Writes to networks' enquiries: the enquiry, its five stages, notes, attachments, its finish.
Every change is audited in the same transaction; an attachment's file is removed again if saving
its row fails."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from schoolweave.audit.services import Actor, audit_record, snapshot
from schoolweave.core.knowledge.files import EMPTY, MAX_BYTES, UploadRejected, check_upload
from schoolweave.core.knowledge.vocabulary import EnquiryStage, Sharing, StageStatus
from schoolweave.knowledge.models import (
    Enquiry,
    EnquiryAttachment,
    EnquiryNote,
    EnquiryStageRecord,
)
from schoolweave.knowledge.texts import texts
from schoolweave.networks.models import LearningFocus, Network

ENQUIRY_AUDITED = ("title", "focus", "sharing", "summary", "finished_on")
NOT_READY = "Finish all five stages before you finish the enquiry"
SUMMARY_REQUIRED = "Write a summary of what the enquiry found"


class EnquiryNotReady(ValueError):
    pass


def _las(network: Network) -> list[str]:
    return sorted(la.code for la in network.owner_las.all())


def _audit(
    actor: Actor,
    action: str,
    enquiry: Enquiry,
    obj: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        las=_las(enquiry.network),
        network_id=enquiry.network_id,
        before=before,
        after=after,
    )


def _actor_id(actor: Actor) -> int | None:
    pk = getattr(actor, "pk", None)
    return pk if isinstance(pk, int) else None


def _touch(enquiry: Enquiry, now: datetime) -> None:
    enquiry.updated_at = now
    enquiry.save(update_fields=("updated_at",))


@transaction.atomic
def enquiry_create(
    *,
    actor: Actor,
    network: Network,
    title: str,
    focus: LearningFocus | None = None,
    sharing: Sharing = Sharing.NETWORK,
    now: datetime | None = None,
) -> Enquiry:
    now = now or timezone.now()
    enquiry = Enquiry(
        network=network,
        title=title.strip(),
        focus=focus,
        sharing=sharing,
        created_by_id=_actor_id(actor),
        created_at=now,
        updated_at=now,
    )
    enquiry.full_clean()
    enquiry.save()
    EnquiryStageRecord.objects.bulk_create(
        EnquiryStageRecord(enquiry=enquiry, stage=stage, updated_at=now) for stage in EnquiryStage
    )
    _audit(actor, "enquiry.create", enquiry, enquiry, None, snapshot(enquiry, ENQUIRY_AUDITED))
    return enquiry


@transaction.atomic
def enquiry_stage_update(
    *,
    actor: Actor,
    enquiry: Enquiry,
    stage: EnquiryStage,
    answers: Mapping[str, str],
    status: StageStatus,
    now: datetime | None = None,
) -> EnquiryStageRecord:
    """Record a stage's answers (to the stage's prompts in the content files) and status."""
    now = now or timezone.now()
    prompts = [p.key for p in texts().stages[stage].prompts]
    record = EnquiryStageRecord.objects.select_for_update().get(enquiry=enquiry, stage=stage)
    before = {"status": record.status, "answers": dict(record.answers)}
    kept = {k: v for k, v in record.answers.items() if k not in prompts}  # prompts since removed
    record.answers = {**kept, **{k: answers.get(k, "").strip() for k in prompts}}
    record.status = status
    record.updated_at, record.updated_by_id = now, _actor_id(actor)
    record.full_clean()
    record.save(update_fields=("answers", "status", "updated_at", "updated_by"))
    after = {"status": record.status, "answers": dict(record.answers)}
    if after != before:
        _audit(actor, f"enquiry.{stage.value}", enquiry, record, before, after)
        _touch(enquiry, now)
    return record


@transaction.atomic
def enquiry_note_add(
    *,
    actor: Actor,
    enquiry: Enquiry,
    stage: EnquiryStage,
    text: str,
    now: datetime | None = None,
) -> EnquiryNote:
    now = now or timezone.now()
    label = actor.get_username() if isinstance(actor, AbstractBaseUser) else str(actor or "")
    note = EnquiryNote(
        enquiry=enquiry,
        stage=stage,
        text=text.strip(),
        author_id=_actor_id(actor),
        author_label=label[:200],
        created_at=now,
    )
    note.full_clean()
    note.save()
    _audit(actor, "enquiry.note", enquiry, note, None, {"stage": stage.value, "text": note.text})
    _touch(enquiry, now)
    return note


@transaction.atomic
def enquiry_attachment_add(
    *,
    actor: Actor,
    enquiry: Enquiry,
    stage: EnquiryStage,
    upload: UploadedFile[bytes],
    description: str = "",
    max_bytes: int = MAX_BYTES,
    now: datetime | None = None,
) -> EnquiryAttachment:
    """Check the file by its content (core.knowledge.files: raises UploadRejected with a message
    for the user), then store it under a random name."""
    now = now or timezone.now()
    stream = upload.file
    if stream is None:
        raise UploadRejected(EMPTY)
    checked = check_upload(
        name=upload.name or "", size=upload.size or 0, stream=stream, max_bytes=max_bytes
    )
    attachment = EnquiryAttachment(
        enquiry=enquiry,
        stage=stage,
        name=checked.name,
        kind=checked.kind.key,
        content_type=checked.kind.content_type,
        size=checked.size,
        description=description.strip(),
        uploaded_by_id=_actor_id(actor),
        uploaded_at=now,
    )
    stream.seek(0)
    attachment.file.save(checked.name, upload, save=False)
    try:
        attachment.full_clean()
        attachment.save()
        after = {
            "stage": stage.value,
            "name": attachment.name,
            "kind": attachment.kind,
            "size": attachment.size,
        }
        _audit(actor, "enquiry.attachment", enquiry, attachment, None, after)
        _touch(enquiry, now)
    except BaseException:
        # The row is rolled back: so is the file.
        attachment.file.storage.delete(attachment.file.name or "")
        raise
    return attachment


@transaction.atomic
def enquiry_sharing_update(
    *, actor: Actor, enquiry: Enquiry, sharing: Sharing, now: datetime | None = None
) -> Enquiry:
    before = snapshot(enquiry, ENQUIRY_AUDITED)
    if before["sharing"] == sharing:
        return enquiry
    enquiry.sharing = sharing
    enquiry.updated_at = now or timezone.now()
    enquiry.full_clean()
    enquiry.save(update_fields=("sharing", "updated_at"))
    _audit(
        actor,
        "enquiry.sharing",
        enquiry,
        enquiry,
        {"sharing": before["sharing"]},
        {"sharing": sharing.value},
    )
    return enquiry


@transaction.atomic
def enquiry_finish(
    *,
    actor: Actor,
    enquiry: Enquiry,
    summary: str,
    sharing: Sharing,
    now: datetime | None = None,
) -> Enquiry:
    """Finish an enquiry whose five stages are done, with a summary that is public when the
    enquiry is published."""
    now = now or timezone.now()
    statuses = set(enquiry.stages.values_list("status", flat=True))
    if statuses != {StageStatus.DONE.value}:
        raise EnquiryNotReady(NOT_READY)
    if not summary.strip():
        raise EnquiryNotReady(SUMMARY_REQUIRED)
    before = snapshot(enquiry, ENQUIRY_AUDITED)
    enquiry.summary = summary.strip()
    enquiry.sharing = sharing
    enquiry.finished_on = enquiry.finished_on or timezone.localdate(now)
    enquiry.updated_at = now
    enquiry.full_clean()
    enquiry.save(update_fields=("summary", "sharing", "finished_on", "updated_at"))
    _audit(actor, "enquiry.finish", enquiry, enquiry, before, snapshot(enquiry, ENQUIRY_AUDITED))
    return enquiry
