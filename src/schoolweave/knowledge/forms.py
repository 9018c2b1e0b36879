"""Forms of the knowledge pages, rendered by the GOV.UK field template (common.forms), with two
field templates of our own: a file upload, and radios that show a suggested answer."""

from typing import Any

from django import forms

from schoolweave.common.forms import GovukDateField
from schoolweave.core.knowledge.content import Content, ReviewSection, StageText
from schoolweave.core.knowledge.files import MAX_BYTES, human_size
from schoolweave.core.knowledge.suggest import Suggestion
from schoolweave.core.knowledge.vocabulary import (
    Criterion,
    EvidenceKind,
    Phase,
    Rating,
    Sharing,
    StageStatus,
)
from schoolweave.networks.models import LearningFocus
from schoolweave.register.models import LocalAuthority

FOCUS_REQUIRED = "Select a learning focus"
PHASE_REQUIRED = "Select a phase or key stage"
TITLE_REQUIRED = "Enter what you can offer"
EVIDENCE_REQUIRED = "Say how you know: the evidence for this expertise"
EVIDENCE_DATE_REQUIRED = "Enter the date of the evidence"
VISIBILITY_REQUIRED = "Select who can see this"
ENQUIRY_TITLE_REQUIRED = "Enter a title for the enquiry"
SHARING_REQUIRED = "Select who can see the enquiry"
STATUS_REQUIRED = "Select the stage's status"
NOTE_REQUIRED = "Enter the note"
FILE_REQUIRED = "Select a file"
SUMMARY_REQUIRED = "Write a summary of what the enquiry found"
ANSWER_REQUIRED = "Select an answer"
RATING_REQUIRED = "Select a rating for question {number}"
KM_INVALID = "Enter a distance in kilometres, for example 10"
NO_PUPIL_DATA = (
    "Do not attach anything with pupil-level data: no names, dates of birth, pupil numbers or "
    "results of individual pupils. Files must be PDF, Word, Excel, PowerPoint, OpenDocument, "
    f"PNG, JPEG, plain text or CSV, smaller than {human_size(MAX_BYTES)}."
)
PUBLIC, PRIVATE = "public", "private"
VISIBILITY = [
    (PUBLIC, "Everyone: show it in the public register of expertise"),
    (PRIVATE, "Only the local authority's officers and you"),
]
_TEXTAREA = forms.Textarea(attrs={"rows": 3})


def _focus_choices(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *LearningFocus.objects.values_list("slug", "name")]


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


def _required(message: str) -> dict[str, str]:
    return {"required": message}


class GovukFileField(forms.FileField):
    template_name = "knowledge/forms/file_field.html"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.template_name = GovukFileField.template_name  # Field.__init__ resets it


class SuggestedChoiceField(forms.ChoiceField):
    """Radios that show, inside their fieldset, the answer Schoolweave suggests and why."""

    template_name = "knowledge/forms/suggested_radios.html"

    def __init__(self, *, suggestion: Suggestion | None, suggested_label: str, **kwargs: Any):
        super().__init__(widget=forms.RadioSelect, **kwargs)
        self.template_name = SuggestedChoiceField.template_name  # Field.__init__ resets it
        self.suggestion = suggestion
        self.suggested_label = suggested_label


# Expertise ------------------------------------------------------------------------------------


class ExpertiseForm(forms.Form):
    focus = forms.ChoiceField(label="Learning focus", error_messages=_required(FOCUS_REQUIRED))
    phase = forms.ChoiceField(
        label="Phase or key stage",
        choices=[("", "Choose a phase"), *Phase.choices()],
        error_messages=_required(PHASE_REQUIRED),
    )
    title = forms.CharField(
        label="What you can offer",
        max_length=200,
        help_text="In a line, for example: Reading for pleasure in upper key stage 2",
        error_messages=_required(TITLE_REQUIRED),
    )
    description = forms.CharField(
        label="More detail (optional)",
        required=False,
        widget=_TEXTAREA,
        help_text="What others could learn from you, and how: visits, coaching, materials.",
    )
    person_name = forms.CharField(
        label="Person who holds this expertise (optional)",
        required=False,
        max_length=200,
        help_text="Shown only to people signed in.",
    )
    person_role = forms.CharField(label="Their role (optional)", required=False, max_length=200)
    evidence_text = forms.CharField(
        label="How you know",
        widget=_TEXTAREA,
        help_text="The evidence for this expertise, in your words: no pupil-level data.",
        error_messages=_required(EVIDENCE_REQUIRED),
    )
    evidence_date = GovukDateField(
        label="Date of the evidence",
        help_text="For example, 27 3 2026",
        error_messages=_required(EVIDENCE_DATE_REQUIRED),
    )
    visibility = forms.ChoiceField(
        label="Who can see this?",
        choices=VISIBILITY,
        widget=forms.RadioSelect,
        error_messages=_required(VISIBILITY_REQUIRED),
    )

    def __init__(self, *args: Any, computed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "focus").choices = _focus_choices("Choose a learning focus")
        self.computed = computed
        if computed:  # the data's evidence, focus and phase are not the school's to change
            for name in ("focus", "phase", "title", "evidence_text", "evidence_date"):
                del self.fields[name]


class ExpertiseSearchForm(forms.Form):
    q = forms.CharField(label="Words", required=False, max_length=200)
    focus = forms.ChoiceField(label="Learning focus", required=False)
    phase = forms.ChoiceField(
        label="Phase or key stage", required=False, choices=[("", "Any"), *Phase.choices()]
    )
    la = forms.ChoiceField(label="Local authority", required=False)
    evidence = forms.ChoiceField(
        label="Evidence", required=False, choices=[("", "Any"), *EvidenceKind.choices()]
    )
    near = forms.CharField(
        label="Near a school",
        required=False,
        max_length=200,
        help_text="Its URN, postcode or name",
    )
    km = forms.FloatField(
        label="Within (km)",
        required=False,
        min_value=0.1,
        max_value=1000,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal"}),
        error_messages={"invalid": KM_INVALID, "min_value": KM_INVALID, "max_value": KM_INVALID},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "focus").choices = _focus_choices("Any")
        _choice_field(self, "la").choices = [
            ("", "Any"),
            *LocalAuthority.objects.filter(pk__in=_expertise_las()).values_list("code", "name"),
        ]


def _expertise_las() -> Any:
    from schoolweave.knowledge.models import Expertise

    return Expertise.objects.values("la_id")


# Enquiries ------------------------------------------------------------------------------------


def _sharing_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Who can see the enquiry's working?",
        choices=Sharing.choices(),
        widget=forms.RadioSelect,
        initial=Sharing.NETWORK.value,
        help_text="Its stages, notes and files. A published enquiry's summary is public once "
        "it is finished; its working stays with the people you choose here.",
        error_messages=_required(SHARING_REQUIRED),
    )


class EnquiryForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example: How do our boys become confident readers?",
        error_messages=_required(ENQUIRY_TITLE_REQUIRED),
    )
    focus = forms.ChoiceField(label="Learning focus (optional)", required=False)
    sharing = _sharing_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "focus").choices = _focus_choices("None")


class EnquirySearchForm(forms.Form):
    q = forms.CharField(label="Words", required=False, max_length=200)
    focus = forms.ChoiceField(label="Learning focus", required=False)
    la = forms.ChoiceField(label="Local authority", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any"), ("finished", "Finished"), ("in_progress", "In progress")],
    )

    def __init__(self, *args: Any, las: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "focus").choices = _focus_choices("Any")
        _choice_field(self, "la").choices = [("", "Any"), *las]


class SharingForm(forms.Form):
    sharing = _sharing_field()


class StageForm(forms.Form):
    """A stage's prompts (from the content files) and its status."""

    def __init__(self, *args: Any, stage: StageText, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stage = stage
        for prompt in stage.prompts:
            self.fields[f"prompt_{prompt.key}"] = forms.CharField(
                label=prompt.label,
                help_text=prompt.hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.fields["status"] = forms.ChoiceField(
            label=f"Status of the {stage.name.lower()} stage",
            choices=StageStatus.choices(),
            widget=forms.RadioSelect,
            error_messages=_required(STATUS_REQUIRED),
        )

    def prompt_fields(self) -> list[forms.BoundField]:
        return [self[f"prompt_{p.key}"] for p in self.stage.prompts]

    def answers(self) -> dict[str, str]:
        return {p.key: self.cleaned_data[f"prompt_{p.key}"] for p in self.stage.prompts}


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        widget=_TEXTAREA,
        help_text="What happened, what you decided, what to remember.",
        error_messages=_required(NOTE_REQUIRED),
    )


class AttachmentForm(forms.Form):
    file = GovukFileField(
        label="Attach a file",
        help_text=NO_PUPIL_DATA,
        error_messages={"required": FILE_REQUIRED, "empty": "The selected file is empty"},
    )
    description = forms.CharField(
        label="What the file is (optional)", required=False, max_length=200
    )


class FinishForm(forms.Form):
    summary = forms.CharField(
        label="Summary of what you found",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you asked, what you found and what you will do now. If you publish the "
        "enquiry, this summary is public.",
        error_messages=_required(SUMMARY_REQUIRED),
    )
    sharing = _sharing_field()


# The diagnostic -------------------------------------------------------------------------------


class DiagnosticForm(forms.Form):
    """The five questions, in plain words from the content files; each pre-filled with the
    register's suggestion, which the form shows with its reason."""

    def __init__(
        self, *args: Any, content: Content, suggestions: dict[Criterion, Suggestion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            text = content.criteria[criterion]
            suggestion = suggestions.get(criterion)
            self.fields[criterion.value] = SuggestedChoiceField(
                label=text.question,
                help_text=text.hint,
                choices=[(o.value, o.label) for o in text.options],
                initial=suggestion.value if suggestion else None,
                suggestion=suggestion,
                suggested_label=text.label(suggestion.value) if suggestion else "",
                error_messages=_required(ANSWER_REQUIRED),
            )
        self.fields["notes"] = forms.CharField(
            label="Notes (optional)",
            required=False,
            widget=_TEXTAREA,
            help_text="Who took part, and anything to remember when you next review it.",
        )


# Self-reviews ---------------------------------------------------------------------------------


class SelfReviewForm(forms.Form):
    """Each question of the sections (challenges or brokerage roles): a rating, the evidence
    for it, and the actions it leads to."""

    def __init__(self, *args: Any, sections: tuple[ReviewSection, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.numbers: dict[str, str] = {}
        for s, section in enumerate(sections, 1):
            for q, question in enumerate(section.questions, 1):
                number = f"{s}.{q}"
                self.numbers[question.key] = number
                self.fields[f"{question.key}-rating"] = forms.ChoiceField(
                    label=f"{number} {question.text}",
                    choices=Rating.choices(),
                    widget=forms.RadioSelect,
                    error_messages=_required(RATING_REQUIRED.format(number=number)),
                )
                self.fields[f"{question.key}-evidence"] = forms.CharField(
                    label=f"Evidence for {number} (optional)",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.fields[f"{question.key}-actions"] = forms.CharField(
                    label=f"Actions for {number} (optional)",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
        self.fields["notes"] = forms.CharField(
            label="Notes on the whole review (optional)", required=False, widget=_TEXTAREA
        )

    def grouped(self) -> list[tuple[ReviewSection, list[tuple[forms.BoundField, ...]]]]:
        return [
            (
                section,
                [
                    (self[f"{q.key}-rating"], self[f"{q.key}-evidence"], self[f"{q.key}-actions"])
                    for q in section.questions
                ],
            )
            for section in self.sections
        ]

    def answers(self) -> list[tuple[str, Rating, str, str]]:
        data = self.cleaned_data
        return [
            (
                q.key,
                Rating(data[f"{q.key}-rating"]),
                data[f"{q.key}-evidence"],
                data[f"{q.key}-actions"],
            )
            for section in self.sections
            for q in section.questions
        ]
