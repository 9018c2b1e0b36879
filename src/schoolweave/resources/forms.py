"""Forms for funding, staff time and partners, rendered by the GOV.UK field template
(common.forms). Amounts are read by core.money.parse_gbp, so "50000", "50,000.00" and
"£50,000" all work and nothing becomes a float."""

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from schoolweave.common.forms import GovukDateField
from schoolweave.core.money import AmountError, Money, parse_gbp
from schoolweave.core.resources.vocabulary import (
    AllocationStatus,
    FundHolderKind,
    PartnerKind,
    PaymentStatus,
    TimeUnit,
)
from schoolweave.core.resources.years import FinancialYear

NAME_REQUIRED = "Enter a name"
SOURCE_REQUIRED = "Enter where the money comes from"
PURPOSE_REQUIRED = "Enter what the money is for"
AMOUNT_REQUIRED = "Enter an amount in pounds, for example 50000 or £50,000.00"
AMOUNT_ZERO = "Enter an amount of more than £0"
YEAR_REQUIRED = "Select a financial year"
NETWORK_REQUIRED = "Select a network"
HOLDER_REQUIRED = "Select who holds the money"
DATE_REQUIRED = "Enter the date"
DAYS_REQUIRED = "Enter the number of days, for example 2 or 1.5"
PARTNER_REQUIRED = "Select a partner organisation"
REASON_REQUIRED = (
    "This goes over what is left: tick the box to allow it, and say why, or lower the amount"
)
YEARS_CHOICES = [(str(n), f"{n} year{'s' * (n > 1)}") for n in range(1, 6)]
_AMOUNT_ATTRS = {"class": "govuk-input--width-10", "spellcheck": "false"}
_TEXTAREA = forms.Textarea(attrs={"rows": 3})


def year_choices(first: int, last: int) -> list[tuple[str, str]]:
    return [(str(y), FinancialYear(y).label()) for y in range(first, last + 1)]


def default_years(today: date) -> list[tuple[str, str]]:
    this = FinancialYear.containing(today).start_year
    return year_choices(this - 3, this + 5)


class _AmountMixin(forms.Form):
    def clean_amount(self) -> Money:
        text = self.cleaned_data.get("amount", "")
        try:
            amount = parse_gbp(text)
        except AmountError as error:
            raise forms.ValidationError(f"Enter an amount in pounds: {error}") from None
        if not amount:
            raise forms.ValidationError(AMOUNT_ZERO)
        return amount


class _OverrideMixin(forms.Form):
    """Going over a limit is never the default: a box to tick and a reason to give."""

    def override_reason(self) -> str:
        if not self.cleaned_data.get("allow_over"):
            return ""
        return str(self.cleaned_data.get("over_reason", "")).strip()


def _override_fields() -> dict[str, forms.Field]:
    return {
        "allow_over": forms.BooleanField(
            label="Allow this to go over what is left",
            required=False,
            widget=forms.CheckboxInput,
        ),
        "over_reason": forms.CharField(
            label="Why it may go over",
            required=False,
            max_length=1000,
            widget=_TEXTAREA,
            help_text="Only if the amount is more than is left. The overspend is flagged "
            "wherever it is shown, with this reason.",
        ),
    }


class StreamForm(_AmountMixin):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": NAME_REQUIRED})
    source = forms.CharField(
        label="Source",
        max_length=200,
        help_text="Where the money comes from: the LA's own budget, a government grant, a bid",
        error_messages={"required": SOURCE_REQUIRED},
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=2000,
        widget=_TEXTAREA,
        error_messages={"required": PURPOSE_REQUIRED},
    )
    amount = forms.CharField(
        label="Amount for the whole period, in pounds",
        help_text="For example, 450000 or £450,000.00",
        widget=forms.TextInput(attrs=_AMOUNT_ATTRS),
        error_messages={"required": AMOUNT_REQUIRED},
    )
    first_year = forms.ChoiceField(
        label="First financial year", error_messages={"required": YEAR_REQUIRED}
    )
    last_year = forms.ChoiceField(
        label="Last financial year", error_messages={"required": YEAR_REQUIRED}
    )
    conditions = forms.CharField(
        label="Conditions",
        required=False,
        max_length=4000,
        widget=_TEXTAREA,
        help_text="What the money may and may not be spent on, and what must be reported",
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = default_years(today)
        self.fields["first_year"].choices = choices  # type: ignore[attr-defined]
        self.fields["last_year"].choices = choices  # type: ignore[attr-defined]
        this = str(FinancialYear.containing(today).start_year)
        self.fields["first_year"].initial = this
        self.fields["last_year"].initial = str(int(this) + 2)


class CommitForm(_AmountMixin, _OverrideMixin):
    network = forms.ChoiceField(label="Network", error_messages={"required": NETWORK_REQUIRED})
    first_year = forms.ChoiceField(
        label="First financial year", error_messages={"required": YEAR_REQUIRED}
    )
    years = forms.ChoiceField(
        label="For how many years",
        choices=YEARS_CHOICES,
        initial="1",
        help_text="One allocation is made for each financial year",
    )
    amount = forms.CharField(
        label="Amount each year, in pounds",
        help_text="For example, 50000",
        widget=forms.TextInput(attrs=_AMOUNT_ATTRS),
        error_messages={"required": AMOUNT_REQUIRED},
    )
    fund_holder = forms.ChoiceField(
        label="Who holds the money",
        choices=FundHolderKind.choices(),
        widget=forms.RadioSelect,
        initial=FundHolderKind.LA.value,
        error_messages={"required": HOLDER_REQUIRED},
    )
    fund_holder_school = forms.ChoiceField(
        label="Member school that holds it",
        required=False,
        help_text="If a member school holds the money: usually the co-ordinating school",
    )
    fund_holder_partner = forms.ChoiceField(
        label="Partner organisation that holds it",
        required=False,
        help_text="If a partner organisation holds the money",
    )
    awarded_on = GovukDateField(
        label="Date awarded",
        help_text="For example, 1 4 2024",
        error_messages={"required": DATE_REQUIRED},
    )
    allow_over = _override_fields()["allow_over"]
    over_reason = _override_fields()["over_reason"]

    def __init__(
        self,
        *args: Any,
        networks: list[tuple[str, str]],
        years: list[tuple[str, str]],
        schools: list[tuple[str, str]],
        partners: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = [("", "Select a network"), *networks]  # type: ignore[attr-defined]
        self.fields["first_year"].choices = years  # type: ignore[attr-defined]
        self.fields["fund_holder_school"].choices = [("", "None"), *schools]  # type: ignore[attr-defined]
        self.fields["fund_holder_partner"].choices = [("", "None"), *partners]  # type: ignore[attr-defined]


class AllocationForm(_AmountMixin, _OverrideMixin):
    amount = forms.CharField(
        label="Amount, in pounds",
        widget=forms.TextInput(attrs=_AMOUNT_ATTRS),
        error_messages={"required": AMOUNT_REQUIRED},
    )
    status = forms.ChoiceField(
        label="Status", choices=AllocationStatus.choices(), widget=forms.RadioSelect
    )
    fund_holder = forms.ChoiceField(
        label="Who holds the money", choices=FundHolderKind.choices(), widget=forms.RadioSelect
    )
    fund_holder_school = forms.ChoiceField(label="Member school that holds it", required=False)
    fund_holder_partner = forms.ChoiceField(
        label="Partner organisation that holds it", required=False
    )
    awarded_on = GovukDateField(label="Date awarded", error_messages={"required": DATE_REQUIRED})
    allow_over = _override_fields()["allow_over"]
    over_reason = _override_fields()["over_reason"]

    def __init__(
        self,
        *args: Any,
        schools: list[tuple[str, str]],
        partners: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund_holder_school"].choices = [("", "None"), *schools]  # type: ignore[attr-defined]
        self.fields["fund_holder_partner"].choices = [("", "None"), *partners]  # type: ignore[attr-defined]


class PaymentForm(_AmountMixin, _OverrideMixin):
    amount = forms.CharField(
        label="Amount, in pounds",
        widget=forms.TextInput(attrs=_AMOUNT_ATTRS),
        error_messages={"required": AMOUNT_REQUIRED},
    )
    date = GovukDateField(
        label="Date paid, or due",
        help_text="For example, 30 4 2024",
        error_messages={"required": DATE_REQUIRED},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=PaymentStatus.choices(),
        widget=forms.RadioSelect,
        initial=PaymentStatus.PAID.value,
    )
    reference = forms.CharField(
        label="Reference",
        required=False,
        max_length=100,
        help_text="For example, the invoice number",
    )
    allow_over = _override_fields()["allow_over"]
    over_reason = _override_fields()["over_reason"]


class StaffMemberForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": NAME_REQUIRED})
    job_title = forms.CharField(label="Job title", required=False, max_length=200)
    email = forms.EmailField(label="Email address", required=False)
    capacity_days = forms.DecimalField(
        label="Days a year for networks",
        min_value=Decimal(0),
        max_digits=5,
        decimal_places=1,
        help_text="The time this person has for networks in a year, for example 40",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={"required": DAYS_REQUIRED, "invalid": DAYS_REQUIRED},
    )


class StaffTimeForm(forms.Form):
    network = forms.ChoiceField(label="Network", error_messages={"required": NETWORK_REQUIRED})
    role = forms.CharField(
        label="Role",
        required=False,
        max_length=200,
        help_text="For example, link adviser or facilitator",
    )
    days = forms.DecimalField(
        label="Days",
        min_value=Decimal("0.5"),
        max_digits=5,
        decimal_places=1,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={"required": DAYS_REQUIRED, "invalid": DAYS_REQUIRED},
    )
    unit = forms.ChoiceField(
        label="Days a term or a year",
        choices=TimeUnit.choices(),
        widget=forms.RadioSelect,
        initial=TimeUnit.TERM.value,
    )
    start_date = GovukDateField(label="From", error_messages={"required": DATE_REQUIRED})
    end_date = GovukDateField(label="Until", required=False, help_text="Leave blank if it goes on")

    def __init__(self, *args: Any, networks: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = [("", "Select a network"), *networks]  # type: ignore[attr-defined]


class PartnerForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": NAME_REQUIRED})
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=PartnerKind.choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of organisation"},
    )
    offer = forms.CharField(
        label="What they offer networks",
        required=False,
        max_length=2000,
        widget=_TEXTAREA,
        help_text="For example accreditation of CPD, support for enquiry, teacher training",
    )
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    charity_number = forms.CharField(label="Charity number", required=False, max_length=20)
    company_number = forms.CharField(label="Company number", required=False, max_length=20)
    is_public = forms.ChoiceField(
        label="Show it to everyone",
        choices=[
            ("yes", "Yes: in the public register of partners"),
            ("no", "No: only to the LA's officers"),
        ],
        widget=forms.RadioSelect,
        initial="yes",
    )


class PartnerContactForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": NAME_REQUIRED})
    job_title = forms.CharField(label="Job title", required=False, max_length=200)
    email = forms.EmailField(label="Email address", required=False)
    telephone = forms.CharField(label="Telephone", required=False, max_length=30)


class PartnershipForm(forms.Form):
    partner = forms.ChoiceField(
        label="Partner organisation", error_messages={"required": PARTNER_REQUIRED}
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=2000,
        widget=_TEXTAREA,
        help_text="What the partner and the network do together",
        error_messages={"required": PURPOSE_REQUIRED},
    )
    start_date = GovukDateField(label="From", error_messages={"required": DATE_REQUIRED})
    end_date = GovukDateField(label="Until", required=False, help_text="Leave blank if it goes on")

    def __init__(self, *args: Any, partners: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = [("", "Select a partner"), *partners]  # type: ignore[attr-defined]


class PartnerFiltersForm(forms.Form):
    q = forms.CharField(label="Name or what they offer", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "All kinds"), *PartnerKind.choices()]
    )
