"""What users type or choose on the directory of networks, checked before any query runs."""

from typing import Any, cast

from django import forms

from schoolweave.networks.selectors import DirectoryChoices, DirectoryFilters

TEXT_MAX_LENGTH = 100
NAME_TOO_LONG = f"Network name must be {TEXT_MAX_LENGTH} characters or fewer"
SCHOOL_TOO_LONG = f"School name or URN must be {TEXT_MAX_LENGTH} characters or fewer"
LA_UNKNOWN = "Select a local authority from the list"
KIND_UNKNOWN = "Select a kind of network from the list"
FOCUS_UNKNOWN = "Select a learning focus from the list"
PHASE_UNKNOWN = "Select a phase from the list"


class DirectoryForm(forms.Form):
    """The directory's search and filters. A filter that is not valid is ignored (the page says
    which), so the page, its downloads and the API list the same networks for the same query."""

    q = forms.CharField(
        required=False, max_length=TEXT_MAX_LENGTH, error_messages={"max_length": NAME_TOO_LONG}
    )
    la = forms.ChoiceField(required=False, error_messages={"invalid_choice": LA_UNKNOWN})
    kind = forms.ChoiceField(required=False, error_messages={"invalid_choice": KIND_UNKNOWN})
    focus = forms.ChoiceField(required=False, error_messages={"invalid_choice": FOCUS_UNKNOWN})
    phase = forms.ChoiceField(required=False, error_messages={"invalid_choice": PHASE_UNKNOWN})
    school = forms.CharField(
        required=False, max_length=TEXT_MAX_LENGTH, error_messages={"max_length": SCHOOL_TOO_LONG}
    )

    def __init__(self, data: Any, *, choices: DirectoryChoices) -> None:
        super().__init__(data)
        self._offer("la", "All local authorities", choices.las)
        self._offer("kind", "All kinds", choices.kinds)
        self._offer("focus", "All learning focuses", choices.focuses)
        self._offer("phase", "All phases", [(phase, phase) for phase in choices.phases])

    def _offer(self, name: str, everything: str, values: list[tuple[str, str]]) -> None:
        field = cast(forms.ChoiceField, self.fields[name])
        field.choices = [("", everything), *values]

    def filters(self) -> DirectoryFilters:
        self.is_valid()
        cleaned = self.cleaned_data
        return DirectoryFilters(**{name: (cleaned.get(name) or "").strip() for name in self.fields})
