"""Setting up a brokering round, in the officer's words, and the forms around a round."""

from typing import Any, cast

from django import forms

from schoolweave.core.broker import ExistingPairs, Shape, Willingness
from schoolweave.register.models import School

SHAPES = (
    (Shape.TRIAD.value, "Triads: a co-ordinating school and two partners (Sandwell)"),
    (Shape.HUB.value, "Hubs and spokes: a hub supporting several spokes (Sunderland)"),
    (
        Shape.COMMUNITY.value,
        "Learning communities: every school in one of a few local groups (Bedfordshire)",
    ),
    (Shape.CLUSTER.value, "Clusters by shared need, each led by a school strong in it (Leicester)"),
)
DIAL = (
    ("-1", "Similar schools: alike in context"),
    ("0", "No preference"),
    ("1", "Different schools: varied contexts"),
)
OFSTED = (("1", "Outstanding"), ("2", "Good or better"), ("3", "Requires improvement or better"))
EXISTING = (
    (ExistingPairs.IGNORE.value, "Take no account of today's networks"),
    (ExistingPairs.KEEP.value, "Keep schools that work together now together"),
    (ExistingPairs.AVOID.value, "Pair schools with new partners"),
)
WILLINGNESS = (
    (Willingness.OPTED_IN.value, "Opted in"),
    (Willingness.UNDECIDED.value, "Undecided"),
    (Willingness.OPTED_OUT.value, "Opted out: never placed"),
)
NAME_REQUIRED = "Enter a name for the round"
SCHOOL_NOT_IN_ROUND = "Enter the URN of a school in this round"
REASON_REQUIRED = "Say why, so the decision is open to everyone in the round"


class RoundForm(forms.Form):
    name = forms.CharField(
        label="Name of the round", max_length=200, error_messages={"required": NAME_REQUIRED}
    )
    shape = forms.ChoiceField(label="What to form", choices=SHAPES, widget=forms.RadioSelect)
    phases = forms.MultipleChoiceField(
        label="Phases",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every phase",
    )
    max_km = forms.FloatField(
        label="Furthest apart two schools in a group may be (km)",
        initial=15,
        min_value=0.5,
        max_value=200,
    )
    cross_phase = forms.BooleanField(
        label="Allow groups across phases", required=False, widget=forms.CheckboxInput
    )
    same_trust = forms.BooleanField(
        label="Allow two schools of one trust in a group", required=False
    )
    leader_best_ofsted = forms.ChoiceField(
        label="A school leading a group must be",
        choices=OFSTED,
        initial="2",
        widget=forms.RadioSelect,
    )
    weak_coach = forms.BooleanField(
        label="Let a school coach in an area it is improving itself",
        required=False,
        help_text=(
            "The seeds' authorities found this helped both schools more than "
            "'the best leading the rest'"
        ),
    )
    diversity = forms.ChoiceField(
        label="Similar or different schools", choices=DIAL, initial="0", widget=forms.RadioSelect
    )
    existing = forms.ChoiceField(
        label="Today's networks",
        choices=EXISTING,
        initial=ExistingPairs.IGNORE.value,
        widget=forms.RadioSelect,
    )
    hub_capacity = forms.IntegerField(
        label="Spokes a hub supports at most", initial=4, min_value=2, max_value=12
    )
    cluster_size = forms.IntegerField(
        label="Schools in a cluster at most, its lead included",
        initial=6,
        min_value=3,
        max_value=40,
    )
    communities = forms.IntegerField(
        label="Learning communities to form", initial=4, min_value=1, max_value=40
    )
    default_willingness = forms.ChoiceField(
        label="Schools start as",
        choices=WILLINGNESS,
        initial=Willingness.UNDECIDED.value,
        widget=forms.RadioSelect,
        help_text="Each school can change this for itself; an opted-out school is never placed",
    )

    def __init__(self, *args: Any, phases: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["phases"]).choices = [(p, p) for p in phases]

    def criteria(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "phases": data["phases"],
            "default_willingness": data["default_willingness"],
            "max_km": data["max_km"],
            "cross_phase": data["cross_phase"],
            "same_trust": data["same_trust"],
            "leader_best_ofsted": int(data["leader_best_ofsted"]),
            "weak_coach": data["weak_coach"],
            "existing": data["existing"],
            "hub_capacity": data["hub_capacity"],
            "cluster_size": data["cluster_size"],
            "communities": data["communities"],
            "weights": {"diversity": float(data["diversity"])},
        }


class PairRuleForm(forms.Form):
    first = forms.IntegerField(label="URN of one school")
    second = forms.IntegerField(label="URN of the other")
    kind = forms.ChoiceField(
        label="Rule",
        choices=(("pin", "Keep together"), ("forbid", "Keep apart")),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, urns: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.urns = urns

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in ("first", "second"):
            if cleaned.get(name) is not None and cleaned[name] not in self.urns:
                self.add_error(name, SCHOOL_NOT_IN_ROUND)
        return cleaned

    def schools(self) -> tuple[School, School]:
        return (
            School.objects.get(urn=self.cleaned_data["first"]),
            School.objects.get(urn=self.cleaned_data["second"]),
        )


class DecisionForm(forms.Form):
    urn = forms.IntegerField(widget=forms.HiddenInput)
    may_lead = forms.ChoiceField(
        label="The LA's decision",
        choices=(("yes", "It may lead a group"), ("no", "It may not lead a group")),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": REASON_REQUIRED},
    )


class ResponseForm(forms.Form):
    accepts = forms.ChoiceField(
        label="Your school's answer",
        choices=(("yes", "We accept this group"), ("no", "We decline")),
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Comment for the local authority",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
