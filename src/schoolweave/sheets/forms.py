"""The network identification sheet as a web form, and the LA's review of it.

Member schools and leaders are rows of small forms. They are plain forms rather than Django
formsets so that "add another" works without JavaScript and a blank row is simply skipped.
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar, cast

from django import forms

from schoolweave.common.forms import GovukDateField, form_errors
from schoolweave.core.networks.identification import Leader, Member, SheetContent
from schoolweave.core.networks.vocabulary import MembershipRole, NetworkKind
from schoolweave.networks.models import LearningFocus
from schoolweave.register.models import LocalAuthority
from schoolweave.sheets.selectors import school_match
from schoolweave.sheets.services import COMMENT_REQUIRED

NAME_REQUIRED = "Enter the network's name"
KIND_REQUIRED = "Select the kind of network"
LA_REQUIRED = "Select the local authority that owns the network"
SCHOOL_NOT_FOUND = "No school has this name or URN: check it, or enter the school's URN"
SCHOOL_AMBIGUOUS = "More than one school has this name: enter its URN ({candidates})"
SCHOOL_TWICE = "This school is already in the list"
MEMBERS_REQUIRED = "Add at least one school"
LEADER_NAME_REQUIRED = "Enter the leader's name"
DECISION_REQUIRED = "Select approve, ask for changes or reject"
MAX_ROWS = 60
_URN_IN_BRACKETS = re.compile(r"\((\d{6,7})\)\s*$")


class NetworkSheetForm(forms.Form):
    name = forms.CharField(
        label="Network name", max_length=200, error_messages={"required": NAME_REQUIRED}
    )
    kind = forms.ChoiceField(
        label="Kind of network",
        choices=NetworkKind.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": KIND_REQUIRED},
    )
    la = forms.ChoiceField(
        label="Local authority",
        help_text="The local authority whose directory lists the network and which reviews it",
        error_messages={"required": LA_REQUIRED},
    )
    purpose = forms.CharField(
        label="Purpose",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the schools do together, and why, in a sentence or two",
    )
    learning_focuses = forms.MultipleChoiceField(
        label="Learning focuses", required=False, widget=forms.CheckboxSelectMultiple
    )
    start_date = GovukDateField(
        label="Start date", required=False, help_text="For example, 1 9 2024"
    )
    partners = forms.CharField(
        label="Partners beyond schools",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Universities, colleges, social care, police, health, businesses, charities",
    )
    initiatives = forms.CharField(
        label="Links to other initiatives",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example excellence clusters or teaching school hubs: one a line",
    )

    def __init__(self, *args: Any, fixed_la: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        authorities = LocalAuthority.objects.order_by("name")
        if fixed_la:
            authorities = authorities.filter(code=fixed_la)
        la = cast(forms.ChoiceField, self.fields["la"])
        la.choices = [("", "Choose a local authority"), *((a.code, a.name) for a in authorities)]
        focuses = cast(forms.MultipleChoiceField, self.fields["learning_focuses"])
        focuses.choices = [(f.slug, f.name) for f in LearningFocus.objects.order_by("name")]


class MemberForm(forms.Form):
    school = forms.CharField(
        label="School name or URN",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label="Role", choices=MembershipRole.choices(), initial=MembershipRole.MEMBER
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("school", "")
        urn = _URN_IN_BRACKETS.search(text)
        match = school_match(text=urn.group(1) if urn else text)
        if match.candidates:
            candidates = ", ".join(f"{s.urn} in {s.la.name}" for s in match.candidates)
            self.add_error("school", SCHOOL_AMBIGUOUS.format(candidates=candidates))
        elif match.school is None:
            self.add_error("school", SCHOOL_NOT_FOUND)
        elif "role" in cleaned:
            cleaned["member"] = Member(
                match.school.urn, MembershipRole(cleaned["role"]), match.school.name
            )
        return cleaned


class LeaderForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, required=False)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="Shown only to people signed in to Schoolweave",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("name"):
            self.add_error("name", LEADER_NAME_REQUIRED)
        return cleaned


RowForm = TypeVar("RowForm", bound=forms.Form)


class Rows(Generic[RowForm]):
    """Numbered rows of one small form (prefix-0-field, prefix-1-field, ...), with their count
    in `prefix-count`. A row the user left blank is skipped."""

    def __init__(self, form_class: type[RowForm], prefix: str, forms_: list[RowForm]) -> None:
        self.form_class, self.prefix, self.forms = form_class, prefix, forms_

    @classmethod
    def bound(
        cls, form_class: type[RowForm], prefix: str, data: Mapping[str, Any]
    ) -> "Rows[RowForm]":
        try:
            count = min(int(data.get(f"{prefix}-count", 0)), MAX_ROWS)
        except ValueError:
            count = 0
        rows = []
        for i in range(count):
            form = form_class(data, prefix=f"{prefix}-{i}")
            # A blank row is shown again as it was, never with errors.
            rows.append(form if _is_filled(form) else _unbound(form))
        return cls(form_class, prefix, rows)

    @classmethod
    def initial(
        cls, form_class: type[RowForm], prefix: str, rows: list[dict[str, Any]], blank: int = 1
    ) -> "Rows[RowForm]":
        values = [*rows, *([{}] * blank)]
        return cls(
            form_class,
            prefix,
            [form_class(initial=row, prefix=f"{prefix}-{i}") for i, row in enumerate(values)],
        )

    def with_another_row(self) -> "Rows[RowForm]":
        """The same rows unbound (no errors shown yet) and one blank row more."""
        values = [_values(form) for form in self.forms]
        return Rows.initial(self.form_class, self.prefix, values[: MAX_ROWS - 1])

    def filled(self) -> Iterator[RowForm]:
        return (form for form in self.forms if form.is_bound)

    def is_valid(self) -> bool:
        # Every row is checked, not only up to the first bad one, so the page lists them all.
        results = [form.is_valid() for form in self.filled()]
        return all(results)

    @property
    def count(self) -> int:
        return len(self.forms)

    def __iter__(self) -> Iterator[RowForm]:
        return iter(self.forms)


def _values(form: forms.Form) -> dict[str, Any]:
    return {name: form[name].value() for name in form.fields}


def _unbound(form: RowForm) -> RowForm:
    return type(form)(initial=_values(form), prefix=form.prefix)


def _is_filled(form: forms.Form) -> bool:
    values = [form[name].value() for name in form.fields if not form.fields[name].initial]
    return any(str(value or "").strip() for value in values)


class SheetForms:
    """The sheet form and its rows of members and leaders, checked together."""

    def __init__(
        self, sheet: NetworkSheetForm, members: Rows[MemberForm], leaders: Rows[LeaderForm]
    ) -> None:
        self.sheet, self.members, self.leaders = sheet, members, leaders
        self.members_error = ""

    @classmethod
    def bound(cls, data: Mapping[str, Any], *, fixed_la: str | None) -> "SheetForms":
        return cls(
            NetworkSheetForm(data, fixed_la=fixed_la),
            Rows.bound(MemberForm, "members", data),
            Rows.bound(LeaderForm, "leaders", data),
        )

    @classmethod
    def initial(cls, content: SheetContent | None, *, fixed_la: str | None) -> "SheetForms":
        members = [
            {"school": f"{m.name} ({m.urn})", "role": m.role.value}
            for m in (content.members if content else ())
        ]
        leaders = [
            {"name": x.name, "job_title": x.job_title, "email": x.email}
            for x in (content.leaders if content else ())
        ]
        return cls(
            NetworkSheetForm(initial=initial_from(content) if content else {}, fixed_la=fixed_la),
            Rows.initial(MemberForm, "members", members, blank=3 if not members else 1),
            Rows.initial(LeaderForm, "leaders", leaders),
        )

    def is_valid(self) -> bool:
        valid = [self.sheet.is_valid(), self.members.is_valid(), self.leaders.is_valid()]
        members = list(self.members.filled())
        if not members:
            self.members_error = MEMBERS_REQUIRED
        _mark_repeated_schools(members)
        return all(valid) and not self.members_error and not any(f.errors for f in members)

    def content(self) -> SheetContent:
        data = self.sheet.cleaned_data
        return SheetContent(
            name=data["name"].strip(),
            kind=NetworkKind(data["kind"]),
            purpose=data["purpose"].strip(),
            learning_focuses=tuple(sorted(data["learning_focuses"])),
            members=tuple(form.cleaned_data["member"] for form in self.members.filled()),
            leaders=tuple(
                Leader(f.cleaned_data["name"], f.cleaned_data["job_title"], f.cleaned_data["email"])
                for f in self.leaders.filled()
            ),
            partners=data["partners"].strip(),
            initiatives=data["initiatives"].strip(),
            start_date=data["start_date"],
            la=data["la"],
        )

    def error_summary(self) -> list[tuple[str, str]]:
        found = [("members", self.members_error)] if self.members_error else []
        for form in (self.sheet, *self.members.filled(), *self.leaders.filled()):
            if form.is_bound:
                found += form_errors(form)
        return found


def _mark_repeated_schools(rows: list[MemberForm]) -> None:
    seen: set[int] = set()
    for form in rows:
        member = form.cleaned_data.get("member") if not form.errors else None
        if member is None:
            continue
        if member.urn in seen:
            form.add_error("school", SCHOOL_TWICE)
        seen.add(member.urn)


def initial_from(content: SheetContent) -> dict[str, Any]:
    return {
        "name": content.name,
        "kind": content.kind.value,
        "la": content.la,
        "purpose": content.purpose,
        "learning_focuses": list(content.learning_focuses),
        "start_date": content.start_date,
        "partners": content.partners,
        "initiatives": content.initiatives,
    }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=(
            ("approved", "Approve: publish it in the directory"),
            ("changes_requested", "Ask the network to change something"),
            ("rejected", "Reject it"),
        ),
        widget=forms.RadioSelect,
        error_messages={"required": DECISION_REQUIRED},
    )
    comment = forms.CharField(
        label="Comment for the network",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when you ask for changes or reject the sheet",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        decision = cleaned.get("decision")
        if decision and decision != "approved" and not cleaned.get("comment", "").strip():
            self.add_error("comment", COMMENT_REQUIRED)
        return cleaned
