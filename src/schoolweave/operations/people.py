"""Subject access and erasure: everything Schoolweave holds about one person, and removing it.

A person is asked for by their Person id (a network leader or contact), an email address or an
account's username. What is held about them: their Person records and the networks they lead
or are a contact of, the user accounts linked to them or with their email (roles, groups,
everything recorded as done by those accounts), LA staff records and partner contacts with
their email, audit entries about any of these, and other records whose text names them.

Erasure deletes what exists only to describe them (Person records and their network roles,
partner contacts, sign-in throttling records) and anonymises what must stay for
accountability: the audit log, what their accounts did, LA staff time given to networks. In
those, their name and email become "erased person #N"; their accounts are kept, emptied and
disabled, so records still say that one (erased) person did them.
"""

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.db.models import CharField, ForeignKey, JSONField, Model, Q, TextField
from django.utils import timezone

from schoolweave.accounts.models import LAOfficer, SchoolUser
from schoolweave.audit.models import AuditEntry
from schoolweave.core.people import mentions, needles, scrub
from schoolweave.knowledge.models import EnquiryNote, Expertise
from schoolweave.networks.models import NetworkContact, Person
from schoolweave.operations import scope
from schoolweave.register.models import LocalAuthority
from schoolweave.resources.models import PartnerContact, StaffMember

NOT_FOUND = "{query}: no person, account, LA staff member or partner contact with that {what}"
# Published register data (GIAS, DfE): changed only by the next import, never by erasure.
PUBLISHED_APPS = frozenset({"register", "evidence"})
ERASED_ACTION = "person.erase"
PASSWORD_NOT_SHOWN = "held only as a one-way hash, not shown"  # noqa: S105


class PersonNotFound(Exception):
    pass


@dataclass(frozen=True, kw_only=True)
class Subject:
    query: str
    people: tuple[Person, ...]
    users: tuple[User, ...]
    staff: tuple[StaffMember, ...]
    partner_contacts: tuple[PartnerContact, ...]

    @property
    def identifying(self) -> tuple[str, ...]:
        """Names and emails, as they would appear in text (telephones are often a school's
        switchboard, and usernames can be ordinary words, so neither is searched for)."""
        records: list[Any] = [*self.people, *self.staff, *self.partner_contacts]
        values = [r.name for r in records] + [r.email for r in records]
        values += [u.get_full_name() for u in self.users] + [u.email for u in self.users]
        return needles(values)

    @property
    def reference(self) -> str:
        """What replaces them in what is kept: "erased person #<Person id>" (or account)."""
        if self.people:
            return f"erased person #{self.people[0].pk}"
        if self.users:
            return f"erased user #{self.users[0].pk}"
        record = (self.staff or self.partner_contacts)[0]
        return f"erased {record._meta.model_name} #{record.pk}"


def subject_find(*, query: str) -> Subject:
    query = query.strip()
    users_q: Q
    if query.isascii() and query.isdigit():
        people = Person.objects.filter(pk=int(query))
        users_q, what = Q(pk__in=people.values("user")), "Person id"
    elif "@" in query:
        people = Person.objects.filter(email__iexact=query)
        users_q, what = Q(email__iexact=query) | Q(pk__in=people.values("user")), "email"
    else:
        people = Person.objects.filter(user__username=query)
        users_q, what = Q(username=query), "username"
    emails = {query} if "@" in query else set()
    emails |= {p.email for p in people if p.email}
    emails |= {u.email for u in User._default_manager.filter(users_q) if u.email}
    by_email = Q(pk__in=[])
    for email in emails:
        by_email |= Q(email__iexact=email)
    subject = Subject(
        query=query,
        people=tuple(people.order_by("pk")),
        users=tuple(User._default_manager.filter(users_q | by_email).order_by("pk")),
        staff=tuple(StaffMember.objects.filter(by_email).order_by("pk")),
        partner_contacts=tuple(PartnerContact.objects.filter(by_email).order_by("pk")),
    )
    if not (subject.people or subject.users or subject.staff or subject.partner_contacts):
        raise PersonNotFound(NOT_FOUND.format(query=query, what=what))
    return subject


# Subject access -------------------------------------------------------------------------------


def person_export(*, subject: Subject) -> dict[str, Any]:
    """Everything held about the subject, as JSON-able data."""
    user_ids = [u.pk for u in subject.users]
    return {
        "asked_for": subject.query,
        "generated_at": timezone.now().isoformat(),
        "people": _rows(subject.people),
        "network_roles": _rows(NetworkContact.objects.filter(person__in=subject.people)),
        "accounts": [_account(user) for user in subject.users],
        "la_staff": _rows(subject.staff),
        "partner_contacts": _rows(subject.partner_contacts),
        "done_by_their_accounts": {
            label: _rows(rows) for label, rows in _records_of_users(user_ids) if rows.exists()
        },
        "audit_entries_about_them": _rows(_audit_about(subject)),
        "mentioned_in": [
            {"table": label, "id": obj.pk, "fields": fields}
            for label, obj, fields in _mentions(subject.identifying, published=True)
        ],
    }


def _rows(objects: Any) -> list[dict[str, Any]]:
    """Rows as Django's serializer gives them: table, id and every field."""
    return [
        {"table": row["model"], "id": row["pk"], **row["fields"]}
        for row in serializers.serialize("python", objects)
    ]


def _account(user: User) -> dict[str, Any]:
    (row,) = _rows([user])
    # A one-way hash tells the person nothing and is better kept out of copies.
    row["password"] = PASSWORD_NOT_SHOWN
    row["groups"] = list(user.groups.values_list("name", flat=True))
    row["la_officer_of"] = list(
        LAOfficer.objects.filter(user=user).values_list("la__name", flat=True)
    )
    row["school_user_for"] = list(
        SchoolUser.objects.filter(user=user).values_list("school__name", flat=True)
    )
    return row


def _records_of_users(user_ids: list[int]) -> Iterator[tuple[str, Any]]:
    """Every backed-up table's rows that point at one of the accounts (who did what)."""
    user_model = User
    for model in scope.backed_up_models():
        if model is user_model:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, ForeignKey) and field.related_model is user_model:
                label = f"{model._meta.label_lower}.{field.name}"
                yield label, model._base_manager.filter(**{f"{field.name}__in": user_ids})


def _audit_about(subject: Subject) -> Any:
    about = Q(pk__in=[])
    contacts = NetworkContact.objects.filter(person__in=subject.people)
    for kind, ids in (
        ("person", [p.pk for p in subject.people]),
        ("networkcontact", list(contacts.values_list("pk", flat=True))),
        ("user", [u.pk for u in subject.users]),
        ("staffmember", [s.pk for s in subject.staff]),
        ("partnercontact", [c.pk for c in subject.partner_contacts]),
    ):
        if ids:
            about |= Q(object_type=kind, object_id__in=[str(i) for i in ids])
    return AuditEntry.objects.filter(about).order_by("at", "pk")


def _text_fields(model: type[Model]) -> list[str]:
    """Fields that can hold a name or an email: free text and JSON (codes are too short)."""
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, TextField | JSONField)
        or (isinstance(f, CharField) and (f.max_length or 0) >= 100)
    ]


def _mentions(
    identifying: tuple[str, ...], *, published: bool
) -> Iterator[tuple[str, Model, list[str]]]:
    """(table, row, fields) of rows whose text names the person. The database narrows by
    substring; core.people confirms whole words."""
    if not identifying:
        return
    for model in scope.backed_up_models():
        fields = _text_fields(model)
        if not fields or (not published and model._meta.app_label in PUBLISHED_APPS):
            continue
        query = Q(pk__in=[])
        for field in fields:
            for needle in _as_stored(model, field, identifying):
                query |= Q(**{f"{field}__icontains": needle})
        for obj in model._base_manager.filter(query).order_by("pk"):
            found = [f for f in fields if mentions(getattr(obj, f), identifying)]
            if found:
                yield model._meta.label_lower, obj, found


def _as_stored(model: type[Model], field: str, identifying: tuple[str, ...]) -> set[str]:
    """The needles as the database holds them: SQLite keeps JSON as text with non-ASCII
    letters escaped ("Zo\\u00eb"), so JSON fields are searched for that form too."""
    if not isinstance(model._meta.get_field(field), JSONField):
        return set(identifying)
    return set(identifying) | {json.dumps(needle)[1:-1] for needle in identifying}


# Erasure --------------------------------------------------------------------------------------


def person_erase(*, subject: Subject, actor: str) -> dict[str, int]:
    """Erase the subject; returns what was done, as counts. All or nothing."""
    reference = subject.reference
    done: Counter[str] = Counter()
    with transaction.atomic():
        las = _related_las(subject)
        _anonymise_audit_labels(subject, reference, done)
        _anonymise_text(subject, reference, done)
        done["network roles deleted"] = NetworkContact.objects.filter(
            person__in=subject.people
        ).delete()[0]
        done["people deleted"] = Person.objects.filter(
            pk__in=[p.pk for p in subject.people]
        ).delete()[0]
        done["partner contacts deleted"] = PartnerContact.objects.filter(
            pk__in=[c.pk for c in subject.partner_contacts]
        ).delete()[0]
        done["LA staff records anonymised"] = StaffMember.objects.filter(
            pk__in=[s.pk for s in subject.staff]
        ).update(name=reference, email="", job_title="")
        done["sign-in throttling records deleted"] = _forget_sign_in_attempts(subject)
        for user in subject.users:
            _disable_account(user)
        done["accounts emptied and disabled"] = len(subject.users)
        _record_erasure(reference, actor, las, done)
    return {kind: count for kind, count in done.items() if count}


def _related_las(subject: Subject) -> list[str]:
    """The LAs whose officers see the erasure in their audit log."""
    codes = set(
        NetworkContact.objects.filter(person__in=subject.people).values_list(
            "network__owner_las", flat=True
        )
    )
    codes |= {s.la_id for s in subject.staff} | {c.partner.la_id for c in subject.partner_contacts}
    codes |= set(LAOfficer.objects.filter(user__in=subject.users).values_list("la", flat=True))
    codes |= {p.school.la_id for p in subject.people if p.school is not None}
    return sorted(code for code in codes if code)


def _anonymise_audit_labels(subject: Subject, reference: str, done: Counter[str]) -> None:
    """Labels that name an account by its username, and entries about the subject."""
    usernames = [u.get_username() for u in subject.users]
    done["audit entries anonymised"] += AuditEntry.objects.filter(
        Q(actor__in=subject.users) | Q(actor_label__in=usernames)
    ).update(actor_label=reference)
    done["audit entries anonymised"] += _audit_about(subject).update(object_repr=reference)
    done["admin log entries anonymised"] += LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User),
        object_id__in=[str(u.pk) for u in subject.users],
    ).update(object_repr=reference)
    done["enquiry notes anonymised"] += EnquiryNote.objects.filter(
        Q(author__in=subject.users) | Q(author_label__in=usernames)
    ).update(author_label=reference)
    done["expertise offers no longer naming them"] += Expertise.objects.filter(
        person_name__in=[p.name for p in subject.people]
    ).update(person_name="", person_role="")


def _anonymise_text(subject: Subject, reference: str, done: Counter[str]) -> None:
    """Their name and email in kept text and JSON (the audit log's before and after, sheets,
    notes...), beyond the published register."""
    skip = {*subject.people, *subject.staff, *subject.partner_contacts, *subject.users}
    for label, obj, fields in list(_mentions(subject.identifying, published=False)):
        if obj in skip:
            continue
        for field in fields:
            setattr(obj, field, scrub(getattr(obj, field), subject.identifying, reference))
        obj.save(update_fields=fields)
        done[f"{label} rows anonymised"] += 1


def _forget_sign_in_attempts(subject: Subject) -> int:
    """django-axes keeps failed sign-ins (username, address, browser) for its lock-outs."""
    if not apps.is_installed("axes"):
        return 0
    usernames = [u.get_username() for u in subject.users]
    deleted = 0
    for model in apps.get_app_config("axes").get_models():
        if any(f.name == "username" for f in model._meta.concrete_fields):
            deleted += model._base_manager.filter(username__in=usernames).delete()[0]
    return deleted


def _disable_account(user: User) -> None:
    LAOfficer.objects.filter(user=user).delete()
    SchoolUser.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.username = f"erased-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()  # also ends their sessions: the session hash no longer fits
    user.save()


def _record_erasure(reference: str, actor: str, las: list[str], done: Counter[str]) -> None:
    kind, number = reference.removeprefix("erased ").split(" #")
    entry = AuditEntry.objects.create(
        at=timezone.now(),
        actor_label=actor[:200],
        action=ERASED_ACTION,
        object_type=kind,
        object_id=number,
        object_repr=reference,
        after={kind: count for kind, count in done.items() if count},
    )
    entry.las.add(*LocalAuthority.objects.filter(code__in=las))
