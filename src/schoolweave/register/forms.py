"""What users type or choose on register pages, checked before any query runs."""

from typing import Any, cast

from django import forms

from schoolweave.register.selectors import FilterChoices, SchoolFilters, StatusFilter

SEARCH_MAX_LENGTH = 100
SEARCH_EMPTY = "Enter a school name, URN or postcode"
SEARCH_TOO_LONG = f"Search terms must be {SEARCH_MAX_LENGTH} characters or fewer"
PHASE_UNKNOWN = "Select a phase from the list"
TYPE_GROUP_UNKNOWN = "Select a type of school from the list"
STATUS_UNKNOWN = "Select open schools or all schools"

STATUS_CHOICES = (("open", "Open schools"), ("all", "All schools, including closed"))


class SearchForm(forms.Form):
    q = forms.CharField(
        max_length=SEARCH_MAX_LENGTH,
        error_messages={"required": SEARCH_EMPTY, "max_length": SEARCH_TOO_LONG},
    )


class SchoolFiltersForm(forms.Form):
    """The filters of an LA's schools. Each filter that is not valid falls back to its
    default, and the page says which one it ignored."""

    phase = forms.ChoiceField(required=False, error_messages={"invalid_choice": PHASE_UNKNOWN})
    type_group = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": TYPE_GROUP_UNKNOWN}
    )
    status = forms.ChoiceField(
        choices=STATUS_CHOICES,
        required=False,
        error_messages={"invalid_choice": STATUS_UNKNOWN},
    )

    def __init__(self, data: Any, *, choices: FilterChoices) -> None:
        super().__init__(data)
        self._offer("phase", "All phases", choices.phases)
        self._offer("type_group", "All types", choices.type_groups)

    def _offer(self, name: str, everything: str, values: list[str]) -> None:
        field = cast(forms.ChoiceField, self.fields[name])
        field.choices = [("", everything), *((value, value) for value in values)]

    def filters(self) -> SchoolFilters:
        self.is_valid()
        cleaned = self.cleaned_data
        status: StatusFilter = "all" if cleaned.get("status") == "all" else "open"
        return SchoolFilters(
            phase=cleaned.get("phase") or "",
            type_group=cleaned.get("type_group") or "",
            status=status,
        )
