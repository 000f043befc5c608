"""The support app's tables: liaison assignments and their contact log (measure 14), staff dispatch (measure 2)."""

from kyodo.support.models.consultations import Consultation, ConsultationTopic
from kyodo.support.models.dispatch import (
    DispatchPurpose,
    DispatchRequest,
    DispatchStatus,
    DispatchTransition,
    DispatchVisit,
)
from kyodo.support.models.liaisons import Contact, LiaisonAssignment

__all__ = [
    "Consultation", "ConsultationTopic", "Contact", "DispatchPurpose", "DispatchRequest", "DispatchStatus",
    "DispatchTransition", "DispatchVisit", "LiaisonAssignment",
]
