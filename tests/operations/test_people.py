"""schoolweave person-export and person-erase: everything held about one person, and its
erasure with the accountable history anonymised rather than deleted."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from schoolweave.accounts.sign_in import signed_in
from schoolweave.audit.models import AuditEntry
from schoolweave.core.people import mentions
from schoolweave.knowledge.models import EnquiryNote
from schoolweave.networks.models import Network, NetworkContact, Person
from schoolweave.networks.services import network_leader_add
from schoolweave.operations import scope
from schoolweave.operations.people import PASSWORD_NOT_SHOWN, PUBLISHED_APPS, subject_find
from schoolweave.register.models import School
from schoolweave.resources.models import PartnerContact, StaffMember
from tests.factories import NetworkFactory, SheetVersionFactory
from tests.knowledge.factories import ExpertiseFactory
from tests.operations.populate import WHEN, populate
from tests.operations.snapshot import table_rows
from tests.resources.factories import PartnerContactFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

NAME = "Zoë O\u2019Brien"
EMAIL = "zoe.obrien@sandwell.gov.uk"


@pytest.fixture
def zoe() -> dict[str, Any]:
    """A network leader with an account, an LA staff record and a partner contact under her
    email, named in audit entries, a sheet, an expertise offer and a note she wrote."""
    made = populate()
    person, leader, officer = made["person"], made["leader"], made["officer"]
    Person.objects.filter(pk=person.pk).update(email=EMAIL)
    User.objects.filter(pk=leader.pk).update(
        email=EMAIL, first_name="Zoë", last_name="O\u2019Brien"
    )
    person.refresh_from_db()
    leader.refresh_from_db()
    other = NetworkFactory(name="Second Triad", owner_las=[made["la"]])
    network_leader_add(actor=officer, network=other, person=person)
    signed_in(sender=None, request=None, user=leader)
    StaffMemberFactory(la=made["la"], name=NAME, email=EMAIL.upper())
    PartnerContactFactory(partner__la=made["la"], name=NAME, email=EMAIL)
    SheetVersionFactory(content={"name": "A triad", "contact": {"name": NAME, "email": EMAIL}})
    ExpertiseFactory(school=made["school"], la=made["la"], person_name=NAME, title="Oracy")
    EnquiryNote.objects.create(
        enquiry=made["enquiry"],
        stage="planning",
        text="Planned with the heads.",
        author=leader,
        author_label=leader.username,
        created_at=WHEN,
    )
    return {**made, "other": other}


def _export(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("person-export", *args, stdout=out)
    return json.loads(out.getvalue())


def test_export_holds_everything_about_the_person(zoe: dict[str, Any]) -> None:
    found = _export(str(zoe["person"].pk))

    assert [p["name"] for p in found["people"]] == [NAME]
    assert {r["network"] for r in found["network_roles"]} == {zoe["network"].pk, zoe["other"].pk}
    (account,) = found["accounts"]
    assert account["username"] == "leader.backup"
    assert account["password"] == PASSWORD_NOT_SHOWN
    assert [s["email"] for s in found["la_staff"]] == [EMAIL.upper()]
    assert [c["name"] for c in found["partner_contacts"]] == [NAME]
    assert "knowledge.enquirynote.author" in found["done_by_their_accounts"]
    assert {e["action"] for e in found["audit_entries_about_them"]} >= {"leader.add", "sign_in"}
    tables = {m["table"] for m in found["mentioned_in"]}
    assert {"audit.auditentry", "sheets.sheetversion", "knowledge.expertise"} <= tables


def test_the_person_is_found_by_id_email_or_username_alike(zoe: dict[str, Any]) -> None:
    by_id = _export(str(zoe["person"].pk))
    for other in (_export(EMAIL.upper()), _export("leader.backup")):
        assert other["people"] == by_id["people"]
        assert other["accounts"] == by_id["accounts"]
    with pytest.raises(CommandError, match=r"no person, account, .* with that email"):
        _export("nobody@example.gov.uk")


def test_export_can_go_to_a_file(zoe: dict[str, Any], tmp_path: Path) -> None:
    out = io.StringIO()
    call_command("person-export", EMAIL, "--output", str(tmp_path / "zoe.json"), stdout=out)
    assert "personal data" in out.getvalue()
    assert json.loads((tmp_path / "zoe.json").read_text())["people"][0]["name"] == NAME


def _erase(*args: str) -> str:
    out = io.StringIO()
    call_command("person-erase", *args, stdout=out)
    return out.getvalue()


def test_erasure_deletes_their_records_and_anonymises_the_accountable_history(
    zoe: dict[str, Any],
) -> None:
    person, leader = zoe["person"], zoe["leader"]
    reference = f"erased person #{person.pk}"
    audit_before = AuditEntry.objects.count()
    heads = list(School.objects.values_list("head_first_name", "head_last_name"))

    output = _erase(EMAIL, "--yes")

    assert f'become "{reference}"' in output.replace("\n", " ")
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not NetworkContact.objects.filter(person_id=person.pk).exists()
    assert not PartnerContact.objects.filter(email__iexact=EMAIL).exists()
    staff = StaffMember.objects.get(name=reference)
    assert (staff.email, staff.job_title) == ("", "")
    account = User.objects.get(pk=leader.pk)
    assert (account.username, account.email, account.get_full_name()) == (
        f"erased-{leader.pk}",
        "",
        "",
    )
    assert not account.is_active and not account.has_usable_password()
    assert EnquiryNote.objects.get(author=account).author_label == reference
    # Kept, anonymised: every audit entry is still there, and one more says it was erased.
    assert AuditEntry.objects.count() == audit_before + 1
    erasure = AuditEntry.objects.get(action="person.erase")
    assert erasure.object_repr == reference and erasure.las.filter(code="333").exists()
    assert not mentions(json.dumps(erasure.after), (NAME, EMAIL))
    assert _rows_naming_her() == []
    assert list(School.objects.values_list("head_first_name", "head_last_name")) == heads


def _rows_naming_her() -> list[str]:
    """Every kept row outside the published register, read in Python (not searched in SQL)."""
    found = []
    for model in scope.backed_up_models():
        if model._meta.app_label in PUBLISHED_APPS:
            continue
        for row in model._base_manager.values():
            if mentions(list(row.values()), (NAME, EMAIL)):
                found.append(f"{model._meta.label_lower} {row}")
    return found


def test_erasure_asks_first_and_does_nothing_unless_told_yes(
    zoe: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    before = table_rows()
    with pytest.raises(CommandError, match="Nothing was erased"):
        _erase(str(zoe["person"].pk))
    assert table_rows() == before


def test_a_dry_run_says_what_would_be_done_and_changes_nothing(zoe: dict[str, Any]) -> None:
    before = table_rows()
    output = _erase("leader.backup", "--dry-run")
    assert "people deleted: 1" in output and "dry run: nothing was changed" in output
    assert table_rows() == before
    assert subject_find(query=EMAIL).people
    assert Network.objects.filter(pk=zoe["other"].pk, contacts__isnull=False).exists()


def test_an_account_without_a_person_record_is_erased_as_a_user(zoe: dict[str, Any]) -> None:
    officer = zoe["officer"]
    found = _export("officer.backup")
    assert found["people"] == [] and found["accounts"][0]["username"] == "officer.backup"
    assert "audit.auditentry.actor" in found["done_by_their_accounts"]

    output = _erase("officer.backup", "--yes")

    assert f"erased user #{officer.pk}" in output
    assert AuditEntry.objects.filter(actor=officer).exclude(action="person.erase").exists()
    assert set(AuditEntry.objects.filter(actor=officer).values_list("actor_label", flat=True)) == {
        f"erased user #{officer.pk}"
    }
    assert not officer.la_roles.exists()
