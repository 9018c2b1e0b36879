"""What LA officers record of a school's strengths and needs, beside the published figures."""

from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from schoolweave.evidence.models import LocalKnowledge
from schoolweave.register.models import School


@transaction.atomic
def local_knowledge_create(
    *,
    school: School,
    focus: str,
    kind: str,
    note: str,
    source: str,
    observed_on: date,
    recorded_by: AbstractBaseUser | None,
    now: datetime | None = None,
) -> LocalKnowledge:
    """Recorded against the school's own LA: its officers own what they know of it."""
    entry = LocalKnowledge(
        school=school,
        la_id=school.la_id,
        focus=focus,
        kind=kind,
        note=note.strip(),
        source=source.strip(),
        observed_on=observed_on,
        recorded_by_id=recorded_by.pk if recorded_by is not None else None,
        recorded_at=now or timezone.now(),
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def local_knowledge_delete(*, entry: LocalKnowledge) -> None:
    entry.delete()
