"""Demo data shipped with Schoolweave, so a new user needs nothing else to see it work.

data/gias_sandwell_and_neighbours_2018.csv  real GIAS-layout rows (2018 register) for Sandwell
    (333) and its neighbours Birmingham (330), Dudley (332), Walsall (335), Wolverhampton (336).
data/la_boundaries_utla_2019.geojson, data/la_codes_utla_2019.csv  ONS upper-tier LA
    boundaries (2019, generalised) and their DfE LA codes, for every LA in England.
data/illustrative_networks.csv  informal networks made up for the demo: the schools are real,
    their membership is not. Loaded with is_illustrative set, and labelled on every page.
All real data: Open Government Licence v3 (DfE, ONS).
"""

from pathlib import Path

DATA = Path(__file__).parent / "data"
GIAS_EXTRACT = DATA / "gias_sandwell_and_neighbours_2018.csv"
BOUNDARIES = DATA / "la_boundaries_utla_2019.geojson"
BOUNDARY_CODES = DATA / "la_codes_utla_2019.csv"
ILLUSTRATIVE_NETWORKS = DATA / "illustrative_networks.csv"
DEMO_LA = "333"
