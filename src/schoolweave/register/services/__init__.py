from schoolweave.register.services.gias_import import (
    GiasImportResult,
    ImportCounts,
    gias_import,
)

__all__ = ["GiasImportResult", "ImportCounts", "gias_import"]
