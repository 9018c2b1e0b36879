from schoolweave.evidence.services.imports import ImportResult, performance_import
from schoolweave.evidence.services.knowledge import local_knowledge_create, local_knowledge_delete
from schoolweave.evidence.services.similar import SimilarCounts, similar_refresh

__all__ = [
    "ImportResult",
    "SimilarCounts",
    "local_knowledge_create",
    "local_knowledge_delete",
    "performance_import",
    "similar_refresh",
]
