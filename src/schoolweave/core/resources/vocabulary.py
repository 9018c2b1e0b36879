"""Words for resources and partners, as LAs use them; the models take their choices from here."""

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class AllocationStatus(_Labelled):
    """An allocation is committed (promised) until it has been paid in full."""

    COMMITTED = "committed"
    PAID = "paid"


class PaymentStatus(_Labelled):
    SCHEDULED = "scheduled"
    PAID = "paid"


class FundHolderKind(_Labelled):
    """Who holds a network's money: the seeds' "fund holder or notional contractor"."""

    LA = "la"
    SCHOOL = "school"
    PARTNER = "partner"


class PartnerKind(_Labelled):
    """Organisations beyond schools that the seeds name as partners of networks."""

    HIGHER_EDUCATION = "higher_education"
    FURTHER_EDUCATION = "further_education"
    SOCIAL_CARE = "social_care"
    POLICE = "police"
    HEALTH = "health"
    BUSINESS = "business"
    CHARITY = "charity"
    OTHER_LA_SERVICE = "other_la_service"
    OTHER_LA = "other_la"


class TimeUnit(_Labelled):
    """LA staff time is given in days per term or days per year."""

    TERM = "term"
    YEAR = "year"


_LABELS = {
    "la": "The local authority",
    "school": "A member school",
    "partner": "A partner organisation",
    "higher_education": "Higher education (universities)",
    "further_education": "Further education (colleges)",
    "other_la_service": "Other local authority service",
    "other_la": "Another local authority",
    "term": "Days a term",
    "year": "Days a year",
}
