"""The support app's tables: liaison assignments and their contact log (measure 14)."""

from kyodo.support.models.liaisons import Contact, LiaisonAssignment

__all__ = ["Contact", "LiaisonAssignment"]
