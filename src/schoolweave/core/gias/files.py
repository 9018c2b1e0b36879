"""The GIAS files Schoolweave reads: which headers it takes, under which names and types.

Headers are GIAS's own, character for character, including the "(code)"/"(name)" pairs. A file
may carry more columns than listed here (GIAS adds some most years); they are ignored.
"""

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    CODE = "code"  # GIAS code: "06" and "6" are the same code
    INT = "int"
    DECIMAL = "decimal"
    DATE = "date"  # dd-mm-yyyy (establishments) or dd/mm/yyyy (groups)
    LA_CODE = "la_code"  # DfE's 3-digit local authority code


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: Kind = Kind.TEXT
    required: bool = False  # the header must be in the file
    not_empty: bool = False  # every row must have a value
    # Census figures may carry DfE's symbols for "not available" (".." or "SUPP" in GIAS);
    # they are read as missing, never as zero.
    allows_not_available: bool = False


@dataclass(frozen=True)
class FileSpec:
    """One kind of GIAS file."""

    name: str  # as a user would say it, for messages
    published_as: str  # GIAS download name, for messages
    columns: tuple[Column, ...]
    # Headers that only this kind of file carries: used to tell a user which file they gave.
    signature: frozenset[str]

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(column.field for column in self.columns)


def _key(header: str, field: str, kind: Kind = Kind.TEXT) -> Column:
    return Column(header, field, kind, required=True, not_empty=True)


ESTABLISHMENTS = FileSpec(
    name="GIAS establishments file",
    published_as="edubasealldata*.csv",
    signature=frozenset({"URN", "EstablishmentName"}),
    columns=(
        _key("URN", "urn", Kind.INT),
        _key("LA (code)", "la_code", Kind.LA_CODE),
        Column("LA (name)", "la_name", required=True),
        Column("EstablishmentNumber", "establishment_number", Kind.INT),
        _key("EstablishmentName", "name"),
        Column("TypeOfEstablishment (code)", "type_code", Kind.CODE),
        Column("TypeOfEstablishment (name)", "type_name"),
        Column("EstablishmentTypeGroup (code)", "type_group_code", Kind.CODE),
        Column("EstablishmentTypeGroup (name)", "type_group_name"),
        Column("EstablishmentStatus (code)", "status_code", Kind.CODE),
        _key("EstablishmentStatus (name)", "status_name"),
        Column("ReasonEstablishmentOpened (name)", "open_reason"),
        Column("OpenDate", "open_date", Kind.DATE),
        Column("ReasonEstablishmentClosed (name)", "close_reason"),
        Column("CloseDate", "close_date", Kind.DATE),
        Column("PhaseOfEducation (code)", "phase_code", Kind.CODE),
        Column("PhaseOfEducation (name)", "phase_name", required=True),
        Column("StatutoryLowAge", "statutory_low_age", Kind.INT),
        Column("StatutoryHighAge", "statutory_high_age", Kind.INT),
        Column("Gender (name)", "gender"),
        Column("ReligiousCharacter (name)", "religious_character"),
        Column("Diocese (name)", "diocese"),
        Column("SchoolCapacity", "capacity", Kind.INT, allows_not_available=True),
        Column("NumberOfPupils", "pupils", Kind.INT, allows_not_available=True),
        Column("PercentageFSM", "percentage_fsm", Kind.DECIMAL, allows_not_available=True),
        Column("TrustSchoolFlag (name)", "trust_school_flag"),
        Column("Trusts (code)", "trusts_code", Kind.CODE),
        Column("Trusts (name)", "trusts_name"),
        Column("SchoolSponsorFlag (name)", "sponsor_flag"),
        Column("SchoolSponsors (name)", "sponsors_name"),
        Column("FederationFlag (name)", "federation_flag"),
        Column("Federations (code)", "federations_code", Kind.CODE),
        Column("Federations (name)", "federations_name"),
        Column("UKPRN", "ukprn", Kind.INT),
        Column("OfstedLastInsp", "ofsted_last_inspection", Kind.DATE),
        Column("OfstedRating (name)", "ofsted_rating"),
        Column("OfstedSpecialMeasures (name)", "ofsted_special_measures"),
        Column("LastChangedDate", "last_changed", Kind.DATE),
        Column("Street", "street"),
        Column("Locality", "locality"),
        Column("Address3", "address3"),
        Column("Town", "town"),
        Column("County (name)", "county"),
        Column("Postcode", "postcode"),
        Column("SchoolWebsite", "website"),
        Column("TelephoneNum", "telephone"),
        Column("HeadTitle (name)", "head_title"),
        Column("HeadFirstName", "head_first_name"),
        Column("HeadLastName", "head_last_name"),
        Column("HeadPreferredJobTitle", "head_job_title"),
        Column("GOR (name)", "region"),
        Column("DistrictAdministrative (name)", "district"),
        Column("UrbanRural (code)", "urban_rural_code", Kind.CODE),
        Column("UrbanRural (name)", "urban_rural"),
        Column("GSSLACode (name)", "gss_la_code"),
        Column("Easting", "easting", Kind.INT),
        Column("Northing", "northing", Kind.INT),
        Column("PreviousLA (code)", "previous_la_code", Kind.CODE),
        Column("PreviousEstablishmentNumber", "previous_establishment_number", Kind.INT),
    ),
)

# Columns that the groups file and the group links file share, under the same headers.
_GROUP_COLUMNS = (
    _key("Group UID", "group_uid", Kind.INT),
    Column("Group ID", "group_id"),
    _key("Group Name", "name"),
    Column("Companies House Number", "companies_house_number"),
    Column("Group Type (code)", "type_code", Kind.CODE),
    _key("Group Type", "type_name"),
    Column("Closed Date", "closed_date", Kind.DATE),
    Column("Incorporated on (open date)", "open_date", Kind.DATE),
    Column("Group Status (code)", "status_code"),
    Column("Group Status", "status_name"),
)

GROUPS = FileSpec(
    name="GIAS groups file",
    published_as="allgroupsdata*.csv",
    signature=frozenset({"Group UID", "Head of Group Last Name"}),
    columns=(
        *_GROUP_COLUMNS,
        Column("Group Street", "street"),
        Column("Group Locality", "locality"),
        Column("Group Address 3", "address3"),
        Column("Group Town", "town"),
        Column("Group County", "county"),
        Column("Group Postcode", "postcode"),
        Column("Head of Group Title", "head_title"),
        Column("Head of Group First Name", "head_first_name"),
        Column("Head of Group Last Name", "head_last_name"),
        Column("UKPRN", "ukprn", Kind.INT),
    ),
)

GROUP_LINKS = FileSpec(
    name="GIAS group links file",
    published_as="alllinksdata*.csv / links_groups*.csv",
    signature=frozenset({"URN", "Group UID", "Joined date"}),
    columns=(
        _key("URN", "urn", Kind.INT),
        *_GROUP_COLUMNS,
        Column("Joined date", "joined_date", Kind.DATE),
    ),
)

ESTABLISHMENT_LINKS = FileSpec(
    name="GIAS establishment links file",
    published_as="links_edubasealldata*.csv",
    signature=frozenset({"URN", "LinkURN", "LinkType"}),
    columns=(
        _key("URN", "urn", Kind.INT),
        _key("LinkURN", "link_urn", Kind.INT),
        Column("LinkName", "link_name"),
        _key("LinkType", "link_type"),
        Column("LinkEstablishedDate", "established_date", Kind.DATE),
    ),
)

KNOWN_FILES = (ESTABLISHMENTS, GROUPS, GROUP_LINKS, ESTABLISHMENT_LINKS)
