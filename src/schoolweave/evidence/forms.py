"""The form an LA officer records a school's strength or need with."""

from django import forms

from schoolweave.common.forms import GovukDateField
from schoolweave.evidence.models import LocalKnowledge
from schoolweave.evidence.sections import focus_choices

NOTE_REQUIRED = "Enter what the local authority knows"
SOURCE_REQUIRED = "Enter where this comes from, for example a visit or a review"
DATE_REQUIRED = "Enter the date it was known"


class LocalKnowledgeForm(forms.Form):
    focus = forms.ChoiceField(label="Area", choices=focus_choices)
    kind = forms.ChoiceField(
        label="Is it a strength or a need?",
        choices=LocalKnowledge.Kind.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="What is known",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": NOTE_REQUIRED},
    )
    source = forms.CharField(
        label="Source",
        help_text="Where this comes from: a visit, a review, a conversation with the head...",
        max_length=300,
        error_messages={"required": SOURCE_REQUIRED},
    )
    observed_on = GovukDateField(
        label="As of",
        help_text="For example, 27 3 2019",
        error_messages={"required": DATE_REQUIRED},
    )
