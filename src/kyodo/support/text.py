"""Free text the support app stores (summaries, notes): plain text only, never markup."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MARKUP = re.compile(r"<\s*[A-Za-z!/?]|javascript:", re.IGNORECASE)
NO_MARKUP = _("HTMLタグやスクリプトは入力できません。文章だけを入力してください。")


def no_markup(value: Any) -> None:
    """Refuse text that looks like HTML or a script (a field validator)."""
    if isinstance(value, str) and _MARKUP.search(value):
        raise ValidationError(NO_MARKUP, code="markup")


def check_plain_text(**fields: Any) -> None:
    """Refuse, field by field, text that looks like HTML or a script (for services called from the API too)."""
    errors = {name: NO_MARKUP for name, value in fields.items() if isinstance(value, str) and _MARKUP.search(value)}
    if errors:
        raise ValidationError(errors)
