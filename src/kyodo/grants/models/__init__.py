"""The grants app's tables, by concept: programs and rules, applications, money, actuals, files."""

from kyodo.grants.models.actuals import ActualLine, ActualsReport
from kyodo.grants.models.applications import Application, ChangeRequest, ExpenseLine, Transition
from kyodo.grants.models.files import Attachment, Reminder, attachment_path
from kyodo.grants.models.money import Award, Payment, Settlement
from kyodo.grants.models.programs import (
    Eligibility,
    ExpenseCategory,
    GrantProgram,
    ProgramRule,
    RoundingUnit,
    SimulationScenario,
)

__all__ = [
    "ActualLine", "ActualsReport", "Application", "Attachment", "Award", "ChangeRequest",
    "Eligibility", "ExpenseCategory", "ExpenseLine", "GrantProgram", "Payment", "ProgramRule", "Reminder",
    "RoundingUnit", "Settlement", "SimulationScenario", "Transition", "attachment_path",
]
