"""Impact evaluation (issue 8): what networks achieved, against a matched comparison group.

The Django shell of `schoolweave.core.impact`: selectors turn the register and the performance
data into the core's `SchoolSeries`, a service calls the core, and pages, a printable report,
CSV and `schoolweave impact` show its `ImpactResult`. Nothing here writes to the database.
"""
