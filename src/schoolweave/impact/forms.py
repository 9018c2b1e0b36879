"""The choice of measure and start year on an impact page (a GET form: the page is a read)."""

from collections.abc import Mapping, Sequence

from django import forms

from schoolweave.core.performance.measures import Measure
from schoolweave.impact.selectors import year_words

MEASURE_REQUIRED = "Choose the measure to evaluate"
START_YEAR_INVALID = "Choose a start year with figures before and after it"


class ImpactForm(forms.Form):
    measure = forms.ChoiceField(
        label="Measure",
        error_messages={"required": MEASURE_REQUIRED, "invalid_choice": MEASURE_REQUIRED},
    )
    start_year = forms.TypedChoiceField(
        label="First year in the network",
        coerce=int,
        error_messages={"required": START_YEAR_INVALID, "invalid_choice": START_YEAR_INVALID},
    )

    def __init__(
        self,
        data: Mapping[str, str] | None,
        *,
        measures: Mapping[str, Measure],
        start_years: Sequence[int],
        initial: Mapping[str, object],
    ) -> None:
        super().__init__(data, initial=dict(initial))
        measure_field = self.fields["measure"]
        year_field = self.fields["start_year"]
        assert isinstance(measure_field, forms.ChoiceField)
        assert isinstance(year_field, forms.ChoiceField)
        measure_field.choices = [(name, m.label) for name, m in measures.items()]
        year_field.choices = [
            (str(year), f"{year_words(year)} (results of {year} count as after)")
            for year in start_years
        ]
