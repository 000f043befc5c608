"""HTTP status codes for pages that show a form.

A submitted form that is re-rendered because of its errors answers 422 (Unprocessable Content):
the page is the same, with its Japanese messages, but tools, tests and logs can tell that the
input was refused and nothing was changed. A form refused because someone else saved first
answers 409 (Conflict), like the other conflict pages.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm

INVALID = 422
CONFLICT = 409


def form_status(form: BaseForm) -> int:
    """422 for a submitted form with errors, 200 for a blank or valid one."""
    return INVALID if form.is_bound and form.errors else 200


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """A service's ValidationError onto the form: next to its field, or above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
