"""GOV.UK Design System form markup for Django forms.

`{{ field.as_field_group }}` renders a field as a GOV.UK form group (label, hint, error message,
input; radios and checkboxes in a fieldset with a legend), from templates/forms/. Forms set
their widgets; the markup lives in one place.
"""

from datetime import date
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

DATE_INVALID = "{label} must be a real date, for example 1 9 2024"
DATE_INCOMPLETE = "{label} must include a day, month and year"


class GovukRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    template_name = "forms/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value: date | None) -> list[int | None]:
        return [value.day, value.month, value.year] if value else [None, None, None]


class GovukDateField(forms.MultiValueField):
    widget = GovukDateInput

    def __init__(self, **kwargs: Any) -> None:
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any(data_list):
            return None
        label = str(self.label or "The date")
        if not all(data_list):
            raise forms.ValidationError(DATE_INCOMPLETE.format(label=label))
        try:
            day, month, year = (int(part) for part in data_list)
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(DATE_INVALID.format(label=label)) from None


def form_errors(form: forms.Form) -> list[tuple[str, str]]:
    """(anchor, message) for each error, for a GOV.UK error summary: the anchor is the input
    to focus (the first radio, checkbox or date box of a group)."""
    found = []
    for field in form:
        grouped = field.widget_type in ("radioselect", "checkboxselectmultiple", "govukdate")
        anchor = f"{field.auto_id}_0" if grouped else str(field.auto_id)
        found += [(anchor, str(error)) for error in field.errors]
    return found
