"""Writes of the knowledge app: the expertise register, enquiries, diagnostics, self-reviews."""

from schoolweave.knowledge.services.enquiries import (
    NOT_READY,
    SUMMARY_REQUIRED,
    EnquiryNotReady,
    enquiry_attachment_add,
    enquiry_create,
    enquiry_finish,
    enquiry_note_add,
    enquiry_sharing_update,
    enquiry_stage_update,
)
from schoolweave.knowledge.services.expertise import (
    ComputedCounts,
    ExpertiseFields,
    expertise_create,
    expertise_delete,
    expertise_sync_computed,
    expertise_update,
)
from schoolweave.knowledge.services.strategy import (
    ReviewAnswer,
    diagnosis_json,
    diagnostic_save,
    self_review_save,
)

__all__ = [
    "NOT_READY",
    "SUMMARY_REQUIRED",
    "ComputedCounts",
    "EnquiryNotReady",
    "ExpertiseFields",
    "ReviewAnswer",
    "diagnosis_json",
    "diagnostic_save",
    "enquiry_attachment_add",
    "enquiry_create",
    "enquiry_finish",
    "enquiry_note_add",
    "enquiry_sharing_update",
    "enquiry_stage_update",
    "expertise_create",
    "expertise_delete",
    "expertise_sync_computed",
    "expertise_update",
    "self_review_save",
]
