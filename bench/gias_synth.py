"""A national-size GIAS establishments file (edubasealldata*.csv), generated from real rows.

The real national file in /work/shared/data fills only the columns its source had (URN, LA,
name, status, phase, ages, gender, religion, Ofsted, address, coordinates); GIAS itself fills
most of its 120 columns. A bench on the real file alone would under-state the work an import
does, so this module writes a file the size of today's GIAS download (about 50,000 rows)
that looks like one:

* the header is copied byte for byte from the real file (120 columns);
* Windows-1252, CRLF line ends, and GIAS's quoting: every value in double quotes except the
  numeric columns GIAS writes bare (URN, ages, capacity, UKPRN, Easting, Northing, ...), which
  are bare when present and "" when empty;
* every row starts from a real row (resampled), whose real values are kept or perturbed
  (coordinates moved a few metres, dates shifted); unique URNs, sorted as GIAS sorts them;
* the columns the real file leaves empty get plausible values derived from the row: type from
  type group and religious character, establishment number from phase, capacity and pupils
  from phase, % FSM, trusts and sponsors for academies, federations, diocese, head teacher,
  website, telephone, GOR and RSC region from the LA, district from the nearest real local
  authority district (ONS boundaries in /work/shared/data/geo), ward, constituency, MSOA/LSOA,
  urban/rural, UPRN...;
* about 45% of rows are closed establishments (as in the real download, which lists every
  establishment since 1990s), with a close date and reason and no pupil figures.

As in GIAS, independent schools have ".." (not available) for % FSM. The output depends only
on the seed and the row count.
"""

import csv
import io
import json
import random
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pyproj import Transformer

VERSION = 2  # bump when the generated content changes, so old files are not reused

Row = dict[str, str]

# Columns GIAS writes without quotes when they hold a value.
BARE_NUMERIC = frozenset(
    {
        "URN",
        "StatutoryLowAge",
        "StatutoryHighAge",
        "SchoolCapacity",
        "UKPRN",
        "TeenMothPlaces",
        "PlacesPRU",
        "ResourcedProvisionOnRoll",
        "ResourcedProvisionCapacity",
        "SenUnitOnRoll",
        "SenUnitCapacity",
        "Easting",
        "Northing",
        "SENStat",
        "SENNoStat",
    }
)

CLOSED_SHARE = 0.45  # of generated rows, on top of the real file's closed rows

# GOR (code, name) and RSC region by DfE LA code, as (first, last, gor, rsc) ranges.
_REGIONS: tuple[tuple[int, int, str], ...] = (
    (201, 320, "H"),
    (330, 336, "F"),
    (340, 359, "B"),
    (370, 384, "D"),
    (390, 394, "A"),
    (420, 420, "K"),
    (800, 803, "K"),
    (805, 808, "A"),
    (810, 816, "D"),
    (821, 823, "G"),
    (825, 826, "J"),
    (830, 831, "E"),
    (835, 839, "K"),
    (840, 841, "A"),
    (845, 852, "J"),
    (855, 857, "E"),
    (860, 861, "F"),
    (865, 866, "K"),
    (867, 872, "J"),
    (873, 874, "G"),
    (876, 877, "B"),
    (878, 880, "K"),
    (881, 883, "G"),
    (884, 885, "F"),
    (886, 887, "J"),
    (888, 890, "B"),
    (891, 892, "E"),
    (893, 894, "F"),
    (895, 896, "B"),
    (908, 908, "K"),
    (909, 909, "B"),
    (916, 916, "K"),
    (919, 919, "G"),
    (921, 921, "J"),
    (925, 925, "E"),
    (926, 926, "G"),
    (928, 928, "E"),
    (929, 929, "A"),
    (931, 931, "J"),
    (933, 933, "K"),
    (935, 935, "G"),
    (936, 936, "J"),
    (937, 937, "F"),
    (938, 938, "J"),
)
_GOR_NAMES = {
    "A": "North East",
    "B": "North West",
    "D": "Yorkshire and the Humber",
    "E": "East Midlands",
    "F": "West Midlands",
    "G": "East of England",
    "H": "London",
    "J": "South East",
    "K": "South West",
    "Z": "Not Applicable",
}
_RSC = {
    "A": "North",
    "B": "Lancashire and West Yorkshire",
    "D": "East Midlands and the Humber",
    "E": "East Midlands and the Humber",
    "F": "West Midlands",
    "G": "East of England and North-East London",
    "H": "South-East England and South London",
    "J": "North-West London and South-Central England",
    "K": "South-West England",
    "Z": "",
}

# Type of establishment (code, name) by type group and a weight.
_TYPES: dict[str, tuple[tuple[str, str, float], ...]] = {
    "1": (("18", "Further education", 0.85), ("31", "Sixth form centres", 0.15)),
    "3": (("11", "Other independent school", 1.0),),
    "4": (
        ("01", "Community school", 0.62),
        ("02", "Voluntary aided school", 0.14),
        ("03", "Voluntary controlled school", 0.12),
        ("05", "Foundation school", 0.09),
        ("14", "Pupil referral unit", 0.03),
    ),
    "5": (
        ("07", "Community special school", 0.7),
        ("12", "Foundation special school", 0.05),
        ("08", "Non-maintained special school", 0.05),
        ("10", "Other independent special school", 0.2),
    ),
    "10": (("34", "Academy converter", 0.7), ("28", "Academy sponsor led", 0.3)),
    "11": (
        ("35", "Free schools", 0.85),
        ("41", "Studio schools", 0.05),
        ("40", "University technical college", 0.1),
    ),
}
_TYPE_GROUPS = {
    "1": "Colleges",
    "3": "Independent schools",
    "4": "Local authority maintained schools",
    "5": "Special schools",
    "10": "Academies",
    "11": "Free Schools",
}
_RELIGION_CODES = {
    "Does not apply": "00",
    "Church of England": "02",
    "Roman Catholic": "03",
    "Methodist": "04",
    "Jewish": "05",
    "None": "06",
    "Christian": "07",
    "Muslim": "08",
    "Sikh": "09",
    "Hindu": "10",
    "Unknown": "99",
}
_CE_DIOCESES = (
    "Bath and Wells", "Birmingham", "Blackburn", "Bristol", "Canterbury", "Carlisle",
    "Chelmsford", "Chester", "Chichester", "Coventry", "Derby", "Durham", "Ely", "Exeter",
    "Gloucester", "Guildford", "Hereford", "Leicester", "Lichfield", "Lincoln", "Liverpool",
    "London", "Manchester", "Newcastle", "Norwich", "Oxford", "Peterborough", "Portsmouth",
    "Rochester", "St Albans", "St Edmundsbury and Ipswich", "Salisbury", "Sheffield",
    "Southwark", "Southwell and Nottingham", "Truro", "Winchester", "Worcester", "York",
)  # fmt: skip
_RC_DIOCESES = (
    "Arundel and Brighton", "Birmingham", "Brentwood", "Clifton", "East Anglia", "Hallam",
    "Hexham and Newcastle", "Lancaster", "Leeds", "Liverpool", "Middlesbrough", "Northampton",
    "Nottingham", "Plymouth", "Portsmouth", "Salford", "Shrewsbury", "Southwark", "Westminster",
)  # fmt: skip
_FIRST_NAMES = (
    "Sarah", "David", "Helen", "Paul", "Claire", "Mark", "Emma", "Andrew", "Rachel", "James",
    "Joanne", "Richard", "Karen", "Simon", "Nicola", "Stephen", "Louise", "Michael", "Julie",
    "Peter", "Catherine", "Jonathan", "Amanda", "Christopher", "Lisa", "Matthew", "Alison",
    "Gareth", "Deborah", "Ian", "Fiona", "Neil", "Kate", "Daniel", "Samantha", "Robert",
    "Jane", "Timothy", "Victoria", "Martin", "Zoë", "Siobhán", "Amir", "Priya", "Mohammed",
)  # fmt: skip
_LAST_NAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harris", "Martin", "Cooper", "King",
    "Baker", "Turner", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "Hughes", "Edwards",
    "O'Brien", "Begum", "Ali", "Murphy", "Price", "Bennett", "Gray", "Fletcher", "Harrop",
)  # fmt: skip
_TRUST_WORDS = (
    "Learning", "Academies", "Education", "Schools", "Partnership", "Futures", "Excellence",
    "Inspire", "Horizon", "Unity", "Pioneer", "Discovery", "Endeavour", "Compass", "Beacon",
    "Harmony", "Vision", "Aspire", "Elliot", "Oak", "Willow", "Cedar", "River", "Valley",
)  # fmt: skip
_SEN = (
    "SLD - Severe Learning Difficulty",
    "MLD - Moderate Learning Difficulty",
    "ASD - Autistic Spectrum Disorder",
    "SEMH - Social, Emotional and Mental Health",
    "PMLD - Profound and Multiple Learning Difficulty",
    "SLCN - Speech, language and Communication",
)
_WARD_SUFFIXES = (
    "North", "South", "East", "West", "Central", "Park", "Green", "Hill", "Vale",
    "Village", "Castle", "Abbey", "Rural", "Town", "St Mary's", "Riverside",
)  # fmt: skip
_URBAN_RURAL = (
    ("C1", "Urban city and town", 0.47),
    ("D1", "Rural town and fringe", 0.2),
    ("E1", "Rural village", 0.2),
    ("F1", "Rural hamlet and isolated dwellings", 0.05),
    ("B1", "Urban minor conurbation", 0.03),
    ("C2", "Urban city and town in a sparse setting", 0.02),
    ("E2", "Rural village in a sparse setting", 0.03),
)
_CLOSE_REASONS = (
    "Academy Converter",
    "Closure",
    "Amalgamated",
    "Merged",
    "Change in status",
    "Academy Sponsor Led",
    "Result of Amalgamation/Merger",
)
_OPEN_REASONS = {
    "34": ("10", "Academy Converter"),
    "28": ("11", "Academy Sponsor Led"),
    "35": ("12", "Academy Free School"),
}


@dataclass(frozen=True)
class District:
    code: str
    name: str
    easting: float
    northing: float


@dataclass(frozen=True)
class Source:
    """What the generator takes from the real data."""

    header_line: bytes
    header: list[str]
    rows: list[Row]
    located_by_la: dict[str, list[tuple[int, int]]]
    towns_by_la: dict[str, list[str]]
    districts: list[District]
    trusts: list[tuple[str, str]]


# Reading the real data ---------------------------------------------------------------------


def load_source(real_file: Path, districts_file: Path, rng: random.Random) -> Source:
    data = real_file.read_bytes()
    header_line = data.split(b"\r\n", 1)[0]
    reader = csv.reader(io.StringIO(data.decode("cp1252"), newline=""))
    header = next(reader)
    rows = [dict(zip(header, fields, strict=True)) for fields in reader]
    located: dict[str, list[tuple[int, int]]] = {}
    towns: dict[str, set[str]] = {}
    for row in rows:
        if row["Town"] not in {"", "nan"}:
            towns.setdefault(row["LA (code)"], set()).add(row["Town"])
        if row["Easting"] and row["Northing"]:
            located.setdefault(row["LA (code)"], []).append(
                (int(row["Easting"]), int(row["Northing"]))
            )
    return Source(
        header_line,
        header,
        rows,
        located,
        {la: sorted(names) for la, names in towns.items()},
        load_districts(districts_file),
        _trusts(rng),
    )


def load_districts(topojson: Path) -> list[District]:
    """Local authority districts (ONS, 2013) with the mean of their boundary points, in BNG."""
    topology = json.loads(topojson.read_text())
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = [_decode_arc(arc, scale, translate) for arc in topology["arcs"]]
    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    districts = []
    for geometry in topology["objects"]["lad"]["geometries"]:
        points = [p for index in _arc_indices(geometry["arcs"]) for p in arcs[index]]
        lon = sum(p[0] for p in points) / len(points)
        lat = sum(p[1] for p in points) / len(points)
        easting, northing = to_bng.transform(lon, lat)
        properties = geometry["properties"]
        districts.append(District(properties["LAD13CD"], properties["LAD13NM"], easting, northing))
    return districts


def _decode_arc(
    arc: list[list[int]], scale: Sequence[float], translate: Sequence[float]
) -> list[tuple[float, float]]:
    x = y = 0
    points = []
    for dx, dy in arc:
        x, y = x + dx, y + dy
        points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
    return points


def _arc_indices(nested: list[object]) -> list[int]:
    if all(isinstance(item, int) for item in nested):
        return [i if i >= 0 else ~i for i in nested if isinstance(i, int)]
    return [index for item in nested if isinstance(item, list) for index in _arc_indices(item)]


def _trusts(rng: random.Random) -> list[tuple[str, str]]:
    """About 1,200 multi-academy trusts: (GIAS group UID, name)."""
    uids = rng.sample(range(2000, 17000), 1200)
    return [
        (str(uid), f"{rng.choice(_TRUST_WORDS)} {rng.choice(_TRUST_WORDS)} Trust".upper())
        for uid in sorted(uids)
    ]


# Writing ----------------------------------------------------------------------------------


def generate(real_file: Path, districts_file: Path, out: Path, rows: int, seed: int) -> Path:
    """Write the file (atomically) unless it is already there; returns its path."""
    if out.exists():
        return out
    rng = random.Random(seed)
    source = load_source(real_file, districts_file, rng)
    urns = sorted(rng.sample(range(100_000, 100_000 + rows * 3 // 2), rows))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with partial.open("wb") as stream:
        stream.write(source.header_line + b"\r\n")
        for urn in urns:
            row = synthesise_row(source, rng, urn)
            stream.write(format_line(source.header, row).encode("cp1252") + b"\r\n")
    partial.replace(out)
    return out


def format_line(header: Sequence[str], row: Row) -> str:
    return ",".join(_quote(name, row.get(name, "")) for name in header)


def _quote(name: str, value: str) -> str:
    if value and name in BARE_NUMERIC:
        return value
    return '"' + value.replace('"', '""') + '"'


# One row ----------------------------------------------------------------------------------


def synthesise_row(source: Source, rng: random.Random, urn: int) -> Row:
    row = dict(rng.choice(source.rows))
    row["URN"] = str(urn)
    steps: tuple[Callable[[Row, random.Random, Source], None], ...] = (
        _establishment,
        _inspection,
        _status,
        _pupils,
        _governance,
        _contact,
        _geography,
        _flags,
    )
    for step in steps:
        step(row, rng, source)
    return row


def _establishment(row: Row, rng: random.Random, source: Source) -> None:
    group = row["EstablishmentTypeGroup (code)"] or "11"
    if group == "10" and rng.random() < 0.1:
        group = "11"
    row["EstablishmentTypeGroup (code)"] = group
    row["EstablishmentTypeGroup (name)"] = _TYPE_GROUPS[group]
    code, name = _type_of(group, row["ReligiousCharacter (name)"], rng)
    row["TypeOfEstablishment (code)"], row["TypeOfEstablishment (name)"] = code, name
    row["EstablishmentNumber"] = str(_establishment_number(group, row, rng))
    row["ReligiousCharacter (code)"] = _RELIGION_CODES.get(row["ReligiousCharacter (name)"], "99")
    row["OpenDate"] = _shift(row["OpenDate"], rng, 20)
    row["ReasonEstablishmentOpened (code)"], row["ReasonEstablishmentOpened (name)"] = (
        _OPEN_REASONS.get(code, ("00", "Not applicable"))
    )
    if code in _OPEN_REASONS and not row["OpenDate"]:
        row["OpenDate"] = _date(rng, date(2011, 4, 1), date(2018, 9, 1))


def _type_of(group: str, religion: str, rng: random.Random) -> tuple[str, str]:
    choices = _TYPES[group]
    if group == "4" and religion in {"Church of England", "Roman Catholic"}:
        choices = choices[1:3]
    elif group == "4":
        choices = (choices[0], choices[3], choices[4])
    code, name, _ = rng.choices(choices, weights=[c[2] for c in choices])[0]
    return code, name


def _establishment_number(group: str, row: Row, rng: random.Random) -> int:
    phase = row["PhaseOfEducation (name)"]
    if group == "3":
        return rng.randrange(6000, 6400)
    if group == "5":
        return rng.randrange(7000, 7300)
    if group == "1":
        return rng.randrange(8000, 8200)
    if phase == "Primary":
        return rng.randrange(2000, 3800)
    return rng.randrange(4000, 5500)


def _status(row: Row, rng: random.Random, source: Source) -> None:
    if row["EstablishmentStatus (name)"] != "Closed" and rng.random() < CLOSED_SHARE:
        row["EstablishmentStatus (code)"], row["EstablishmentStatus (name)"] = "2", "Closed"
        opened = _parse(row["OpenDate"]) or date(1990, 1, 1)
        inspected = _parse(row["OfstedLastInsp"]) or opened
        row["CloseDate"] = _date(rng, max(opened, inspected, date(1995, 1, 1)), date(2018, 12, 31))
    if row["EstablishmentStatus (name)"] == "Closed":
        row["CloseDate"] = row["CloseDate"] or _date(rng, date(1995, 1, 1), date(2018, 12, 31))
        row["ReasonEstablishmentClosed (code)"] = str(rng.randrange(1, 30)).zfill(2)
        row["ReasonEstablishmentClosed (name)"] = rng.choice(_CLOSE_REASONS)
    else:
        row["CloseDate"] = ""
        row["ReasonEstablishmentClosed (code)"] = "00"
        row["ReasonEstablishmentClosed (name)"] = "Not applicable"


def _pupils(row: Row, rng: random.Random, source: Source) -> None:
    if _closed(row) and rng.random() < 0.8:
        return
    phase, group = row["PhaseOfEducation (name)"], row["EstablishmentTypeGroup (code)"]
    capacity = _capacity(phase, group, rng)
    pupils = max(5, round(capacity * rng.uniform(0.65, 1.08)))
    boys = {"Boys": pupils, "Girls": 0}.get(
        row["Gender (name)"], round(pupils * rng.uniform(0.45, 0.55))
    )
    row["SchoolCapacity"] = str(capacity)
    row["CensusDate"] = "18-01-2018"
    row["NumberOfPupils"] = str(pupils)
    row["NumberOfBoys"], row["NumberOfGirls"] = str(boys), str(pupils - boys)
    if group != "3":
        fsm = min(75.0, rng.gammavariate(2.0, 7.0))
        row["PercentageFSM"] = f"{fsm:.1f}".removesuffix(".0")
    else:
        row["PercentageFSM"] = ".."
        row["SENStat"], row["SENNoStat"] = str(rng.randrange(0, 10)), str(rng.randrange(0, 150))
    if group in {"4", "10"} and rng.random() < 0.05:
        row["TypeOfResourcedProvision (name)"] = rng.choice(("Resourced provision", "SEN unit"))
        places = rng.randrange(8, 30)
        row["ResourcedProvisionCapacity"] = str(places)
        row["ResourcedProvisionOnRoll"] = str(rng.randrange(places // 2, places + 1))
    if group == "5":
        row["SEN1 (name)"] = rng.choice(_SEN)


def _capacity(phase: str, group: str, rng: random.Random) -> int:
    if group == "5":
        return rng.randrange(40, 220)
    if group == "3":
        return rng.randrange(30, 1500)
    if phase == "Primary":
        return rng.choice((105, 210, 210, 315, 420, 420, 630)) + rng.randrange(-10, 30)
    if phase == "16 plus":
        return rng.randrange(300, 3000)
    return rng.randrange(600, 2100)


def _governance(row: Row, rng: random.Random, source: Source) -> None:
    group, type_code = row["EstablishmentTypeGroup (code)"], row["TypeOfEstablishment (code)"]
    row["TrustSchoolFlag (code)"], row["TrustSchoolFlag (name)"] = "0", "Not applicable"
    row["SchoolSponsorFlag (name)"] = "Not applicable"
    row["FederationFlag (name)"] = "Not applicable" if group != "4" else "Not under a federation"
    if group in {"10", "11"}:
        multi = rng.random() < 0.75
        row["TrustSchoolFlag (code)"] = "5" if multi else "4"
        row["TrustSchoolFlag (name)"] = (
            "Supported by a multi-academy trust" if multi else "Supported by a single-academy trust"
        )
        uid, name = rng.choice(source.trusts)
        if not multi:
            uid, name = str(rng.randrange(17000, 19000)), f"{row['EstablishmentName']} Trust"
        row["Trusts (code)"], row["Trusts (name)"] = uid, name
        if type_code == "28":
            row["SchoolSponsorFlag (name)"] = "Linked to a sponsor"
            row["SchoolSponsors (name)"] = name.title()
    elif type_code == "05" and rng.random() < 0.4:
        row["TrustSchoolFlag (code)"], row["TrustSchoolFlag (name)"] = "1", "Supported by a trust"
        row["Trusts (code)"] = str(rng.randrange(1000, 2000))
        row["Trusts (name)"] = f"{row['Town']} Co-operative Learning Trust".upper()
    elif group == "4" and rng.random() < 0.08:
        row["FederationFlag (name)"] = "Supported by a federation"
        row["Federations (code)"] = str(rng.randrange(1000, 9000))
        row["Federations (name)"] = f"The {row['Town']} Federation"
    if group in {"1", "3", "10", "11"} or row["PhaseOfEducation (name)"] != "Primary":
        row["UKPRN"] = str(rng.randrange(10_000_000, 10_090_000)) if rng.random() < 0.95 else ""
    elif rng.random() < 0.4:
        row["UKPRN"] = str(rng.randrange(10_000_000, 10_090_000))
    _diocese(row, rng)
    _admissions(row, group)


def _diocese(row: Row, rng: random.Random) -> None:
    religion, la = row["ReligiousCharacter (name)"], row["LA (code)"]
    if "Church of England" in religion or religion == "Anglican":
        index = zlib.crc32(la.encode()) % len(_CE_DIOCESES)
        row["Diocese (code)"] = f"CE{index + 1:02d}"
        row["Diocese (name)"] = f"Diocese of {_CE_DIOCESES[index]}"
        row["ReligiousEthos (name)"] = "Church of England"
    elif religion in {"Roman Catholic", "Catholic"}:
        index = zlib.crc32(la.encode()) % len(_RC_DIOCESES)
        row["Diocese (code)"] = f"RC{index + 1:02d}"
        row["Diocese (name)"] = f"Diocese of {_RC_DIOCESES[index]}"
        row["ReligiousEthos (name)"] = "Roman Catholic"
    else:
        row["Diocese (code)"], row["Diocese (name)"] = "0000", "Not applicable"
        row["ReligiousEthos (name)"] = "Does not apply" if religion == "Does not apply" else "None"


def _admissions(row: Row, group: str) -> None:
    if group == "3":
        row["AdmissionsPolicy (code)"], row["AdmissionsPolicy (name)"] = "5", "Not collected"
    elif row["PhaseOfEducation (name)"] in {"Secondary", "All-through"}:
        selective = zlib.crc32(row["URN"].encode()) % 30 == 0
        row["AdmissionsPolicy (code)"] = "2" if selective else "1"
        row["AdmissionsPolicy (name)"] = "Selective" if selective else "Non-selective"
    else:
        row["AdmissionsPolicy (code)"], row["AdmissionsPolicy (name)"] = "0", "Not applicable"


def _inspection(row: Row, rng: random.Random, source: Source) -> None:
    row["OfstedLastInsp"] = _shift(row["OfstedLastInsp"], rng, 3)
    row["OfstedSpecialMeasures (code)"] = "0"
    row["OfstedSpecialMeasures (name)"] = "Not applicable"
    if row["OfstedRating (name)"] == "Inadequate" and rng.random() < 0.4:
        row["OfstedSpecialMeasures (code)"], row["OfstedSpecialMeasures (name)"] = "1", "Yes"
    row["LastChangedDate"] = _date(rng, date(2016, 1, 1), date(2018, 11, 30))
    independent = row["EstablishmentTypeGroup (code)"] == "3"
    row["Inspectorate (name)"] = rng.choice(("ISI", "Ofsted", "SIS")) if independent else ""
    row["InspectorateName (name)"] = "Not applicable"
    row["Section41Approved (name)"] = (
        rng.choice(("Not approved", "Approved")) if independent else "Not applicable"
    )
    if independent:
        row["PropsName"] = f"{rng.choice(_LAST_NAMES)} Educational Trust Limited"


def _contact(row: Row, rng: random.Random, source: Source) -> None:
    closed = _closed(row)
    if not closed or rng.random() < 0.3:
        row["SchoolWebsite"] = _website(row, rng)
        row["TelephoneNum"] = _telephone(row["LA (code)"], rng)
    if not closed or rng.random() < 0.5:
        row["HeadTitle (name)"] = rng.choices(
            ("Mr", "Mrs", "Ms", "Miss", "Dr"), (36, 38, 16, 6, 4)
        )[0]
        row["HeadFirstName"] = rng.choice(_FIRST_NAMES)
        row["HeadLastName"] = rng.choice(_LAST_NAMES)
        row["HeadHonours"] = (
            rng.choice(("BEd", "MA", "NPQH", "BA (Hons)")) if rng.random() < 0.05 else ""
        )
        titles = (
            "Headteacher",
            "Head Teacher",
            "Principal",
            "Executive Headteacher",
            "Head of School",
        )
        row["HeadPreferredJobTitle"] = rng.choices(titles, (60, 12, 14, 7, 7))[0]
    towns = source.towns_by_la.get(row["LA (code)"])
    if towns and rng.random() < 0.35:
        row["Locality"] = rng.choice(towns)
    if rng.random() < 0.03:
        row["Address3"] = rng.choice(source.rows)["Street"]
    if (row["GSSLACode (name)"] or "").startswith("E10") and rng.random() < 0.6:
        row["County (name)"] = row["LA (name)"]
    row["Street"] = _perturb_street(row["Street"], rng)


def _website(row: Row, rng: random.Random) -> str:
    slug = re.sub(r"[^a-z0-9]+", "", row["EstablishmentName"].lower())[:28] or "school"
    la = re.sub(r"[^a-z0-9]+", "", row["LA (name)"].lower())[:12] or "la"
    patterns = (
        f"http://www.{slug}.{la}.sch.uk",
        f"www.{slug}.co.uk",
        f"https://www.{slug}.org.uk/",
        f"http://{slug}.org",
    )
    return rng.choice(patterns)


def _telephone(la: str, rng: random.Random) -> str:
    if la.startswith(("2", "3")) and int(la) <= 320:
        return f"020{rng.randrange(10**7, 10**8)}"
    return f"01{rng.randrange(100, 999)}{rng.randrange(10**5, 10**6)}"


def _perturb_street(street: str, rng: random.Random) -> str:
    if not street or street[0].isdigit() or rng.random() > 0.1:
        return street
    return f"{rng.randrange(1, 200)} {street}".strip()


def _geography(row: Row, rng: random.Random, source: Source) -> None:
    gor = _gor(row["LA (code)"])
    row["GOR (code)"], row["GOR (name)"] = gor, _GOR_NAMES[gor]
    row["RSCRegion (name)"] = _RSC[gor]
    _coordinates(row, rng, source)
    district = _district(row, source)
    row["DistrictAdministrative (code)"], row["DistrictAdministrative (name)"] = district
    outward = (row["Postcode"].split(" ") or [""])[0]
    ward = _WARD_SUFFIXES[zlib.crc32(row["Postcode"][:-2].encode()) % len(_WARD_SUFFIXES)]
    ward_name = f"{row['Town'] or district[1]} {ward}"
    row["AdministrativeWard (code)"] = f"E05{zlib.crc32(ward_name.encode()) % 10**6:06d}"
    row["AdministrativeWard (name)"] = ward_name
    side = ("North", "South", "East", "West", "Central")[zlib.crc32(outward.encode()) % 5]
    constituency = district[1] if zlib.crc32(district[0].encode()) % 3 else f"{district[1]} {side}"
    row["ParliamentaryConstituency (code)"] = (
        f"E14000{zlib.crc32(constituency.encode()) % 1000:03d}"
    )
    row["ParliamentaryConstituency (name)"] = constituency
    msoa = f"{district[1]} {zlib.crc32(row['Postcode'][:-1].encode()) % 40 + 1:03d}"
    row["MSOA (name)"] = msoa
    row["LSOA (name)"] = msoa + "ABCDE"[zlib.crc32(row["Postcode"].encode()) % 5]
    if row["GSSLACode (name)"].startswith(("E08", "E09")):
        row["UrbanRural (code)"], row["UrbanRural (name)"] = "A1", "Urban major conurbation"
    else:
        code, name, _ = rng.choices(_URBAN_RURAL, [u[2] for u in _URBAN_RURAL])[0]
        row["UrbanRural (code)"], row["UrbanRural (name)"] = code, name
    row["UPRN"] = str(rng.randrange(10**7, 2 * 10**11)) if rng.random() < 0.9 else ""


def _gor(la: str) -> str:
    code = int(la)
    return next((gor for first, last, gor in _REGIONS if first <= code <= last), "Z")


def _coordinates(row: Row, rng: random.Random, source: Source) -> None:
    if row["Easting"] and row["Northing"]:
        easting, northing = int(row["Easting"]), int(row["Northing"])
    elif rng.random() < 0.9 and source.located_by_la.get(row["LA (code)"]):
        easting, northing = rng.choice(source.located_by_la[row["LA (code)"]])
    else:
        row["Easting"] = row["Northing"] = ""
        return
    row["Easting"] = str(easting + rng.randrange(-40, 41))
    row["Northing"] = str(northing + rng.randrange(-40, 41))


def _district(row: Row, source: Source) -> tuple[str, str]:
    gss = row["GSSLACode (name)"]
    if gss and not gss.startswith("E10"):
        return gss, row["LA (name)"]
    candidates = (
        [d for d in source.districts if d.code.startswith("E07")] if gss else source.districts
    )
    if not row["Easting"]:
        index = zlib.crc32(row["Postcode"].encode()) % len(candidates)
        return candidates[index].code, candidates[index].name
    easting, northing = int(row["Easting"]), int(row["Northing"])
    nearest = min(
        candidates, key=lambda d: (d.easting - easting) ** 2 + (d.northing - northing) ** 2
    )
    return nearest.code, nearest.name


def _flags(row: Row, rng: random.Random, source: Source) -> None:
    """The yes/no and "Not applicable" columns GIAS fills for every establishment."""
    phase, group = row["PhaseOfEducation (name)"], row["EstablishmentTypeGroup (code)"]
    boarding = group == "3" and rng.random() < 0.15
    row["Boarders (code)"], row["Boarders (name)"] = (
        ("3", "Boarding school") if boarding else ("1", "No boarders")
    )
    nursery = phase == "Primary" and rng.random() < 0.4
    row["NurseryProvision (name)"] = "Has Nursery Classes" if nursery else "No Nursery Classes"
    sixth = phase == "16 plus" or (
        phase in {"Secondary", "All-through"} and row["StatutoryHighAge"] in {"18", "19"}
    )
    row["OfficialSixthForm (code)"], row["OfficialSixthForm (name)"] = (
        ("1", "Has a sixth form") if sixth else ("2", "Does not have a sixth form")
    )
    row["Gender (code)"] = {"Boys": "1", "Girls": "2", "Mixed": "3"}.get(row["Gender (name)"], "0")
    special = rng.random() < 0.1
    row["SpecialClasses (code)"], row["SpecialClasses (name)"] = (
        ("1", "Has Special Classes") if special else ("2", "No Special Classes")
    )
    row["FurtherEducationType (name)"] = (
        "General Further Education College" if group == "1" else "Not applicable"
    )
    for name in (
        "TeenMoth (name)",
        "CCF (name)",
        "SENPRU (name)",
        "EBD (name)",
        "EdByOther (name)",
    ):
        row[name] = "Not applicable"
    row["PreviousLA (code)"] = "999"
    if row["TypeOfEstablishment (code)"] == "34" and rng.random() < 0.6:
        row["PreviousLA (code)"] = row["LA (code)"]
        row["PreviousEstablishmentNumber"] = str(rng.randrange(2000, 5500))
    if row["PhaseOfEducation (code)"] == "":
        row["PhaseOfEducation (code)"] = "0"


# Dates ------------------------------------------------------------------------------------


def _closed(row: Row) -> bool:
    return row["EstablishmentStatus (name)"] == "Closed"


def _parse(text: str) -> date | None:
    if not text:
        return None
    day, month, year = (int(part) for part in text.split("-"))
    return date(year, month, day)


def _date(rng: random.Random, first: date, last: date) -> str:
    if last <= first:
        return first.strftime("%d-%m-%Y")
    return (first + timedelta(days=rng.randrange((last - first).days))).strftime("%d-%m-%Y")


def _shift(text: str, rng: random.Random, days: int) -> str:
    parsed = _parse(text)
    if parsed is None:
        return ""
    return (parsed + timedelta(days=rng.randrange(-days, days + 1))).strftime("%d-%m-%Y")
