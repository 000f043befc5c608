"""Writing partnerships and companies: creating, editing, registering a company and its profile.

Edits claim the object's version (two people editing at once are told), and each write is an audit event
with what changed. The workflow's steps are in workflow.py.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.companies.models import Company, Partnership, PartnershipStatus
from kyodo.companies.scopes import contact_company_id
from kyodo.locking import claim_version

FIELDS = ("title", "kind", "community", "description", "started_on", "ended_on", "fiscal_year")
EDITABLE = frozenset({PartnershipStatus.DRAFT, PartnershipStatus.RETURNED})
PROFILE_FIELDS = ("description", "address", "website")
COMPANY_FIELDS = ("name", "slug", "description", "address", "website", "is_listed")


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("この操作を行う権限がありません。"))


def _check_dates(fields: dict[str, Any]) -> None:
    started_on, ended_on = fields.get("started_on"), fields.get("ended_on")
    if started_on and ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("終了日は開始日以降の日付を入力してください。")})


def create_partnership(*, actor: Any, **fields: Any) -> Partnership:
    """A draft partnership of the actor's company. Raises PermissionDenied for anyone but a company's contact."""
    company_id = contact_company_id(actor)
    if not actor.has_perm("companies.create_partnership") or company_id is None:
        raise _refuse()
    _check_dates(fields)
    with transaction.atomic():
        partnership = Partnership.objects.create(company_id=company_id, created_by=actor,
                                                 **{name: fields[name] for name in FIELDS})
        record_event("company_partnership.create", actor=actor, target=partnership, summary=partnership.title)
    return partnership


def update_partnership(partnership: Partnership, *, actor: Any, version: int, **fields: Any) -> Partnership:
    """Edit a draft or returned partnership. Raises PermissionDenied, ValidationError (not editable now),
    StaleObject (changed since ``version``)."""
    if not actor.has_perm("companies.edit_partnership", partnership):
        raise _refuse()
    if partnership.status not in EDITABLE:
        raise ValidationError(_("編集できるのは下書きと差戻しの取組だけです。公開中の取組は、公開を終了して"
                                "下書きに戻してから直してください。"))
    _check_dates(fields)
    with transaction.atomic():
        claim_version(partnership, version)
        changed = sorted(name for name in FIELDS if getattr(partnership, name) != fields[name])
        for name in FIELDS:
            setattr(partnership, name, fields[name])
        partnership.save(update_fields=[*FIELDS, "version", "updated_at"])
        record_event("company_partnership.update", actor=actor, target=partnership, summary=partnership.title,
                     data={"changed": changed})
    return partnership


def register_company(*, actor: Any, **fields: Any) -> Company:
    """A company the city registers (its contact's account is then made by the account administrator)."""
    if not actor.has_perm("companies.manage_companies"):
        raise _refuse()
    with transaction.atomic():
        company = Company.objects.create(**{name: fields[name] for name in COMPANY_FIELDS if name in fields})
        record_event("company.register", actor=actor, target=company, summary=company.name)
    return company


def update_company(company: Company, *, actor: Any, version: int, **fields: Any) -> Company:
    """Edit a company: its contact the profile (description, address, website), the city every field.
    Raises PermissionDenied, StaleObject."""
    if not actor.has_perm("companies.edit_company", company):
        raise _refuse()
    allowed = COMPANY_FIELDS if actor.has_perm("companies.manage_companies") else PROFILE_FIELDS
    names = [name for name in allowed if name in fields]
    with transaction.atomic():
        claim_version(company, version)
        changed = sorted(name for name in names if getattr(company, name) != fields[name])
        for name in names:
            setattr(company, name, fields[name])
        company.save(update_fields=[*names, "version"])
        record_event("company.update", actor=actor, target=company, summary=company.name, data={"changed": changed})
    return company
